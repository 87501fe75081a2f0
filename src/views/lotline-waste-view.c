/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-render-chart.h"
#include "lotline-view-util.h"
#include "lotline-waste-view.h"

struct _LotlineWasteView
{
  GtkWidget           parent_instance;

  GtkWidget          *scroller;
  GtkDropDown        *grouping_dropdown;
  GtkDropDown        *measure_dropdown;
  GtkWidget          *export_csv_button;
  GtkWidget          *export_chart_button;
  GtkWidget          *spinner;
  GtkWidget          *area;
  GtkWidget          *table;
  GtkWidget          *empty_label;

  LotlineSession     *session;
  GCancellable       *cancellable;
  LotlineWasteReport *report;
  guint               generation;
  gboolean            loading;
  guint               n_rows;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (LotlineWasteView, lotline_waste_view, GTK_TYPE_WIDGET)

static void toast (LotlineWasteView *self, const char *text);

/* ---- formatting ------------------------------------------------------------ */

static char *
format_value (gint64 milli)
{
  return g_strdup_printf ("%.2f", milli / 1000.0);
}

static GtkWidget *
cell_new (const char *text,
          float       xalign,
          gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (heading)
    gtk_widget_add_css_class (label, "caption-heading");
  else
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* ---- the table ------------------------------------------------------------- */

static void
clear_table (LotlineWasteView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->table)) != NULL)
    gtk_grid_remove (GTK_GRID (self->table), child);
  self->n_rows = 0;
}

static gboolean
measure_is_value (LotlineWasteView *self)
{
  return gtk_drop_down_get_selected (self->measure_dropdown) == 0;
}

static void
fill_table (LotlineWasteView *self)
{
  const LotlineWasteReport *report = self->report;
  gboolean value = measure_is_value (self);
  guint row = 1;

  clear_table (self);
  if (report == NULL)
    return;

  gtk_grid_attach (GTK_GRID (self->table), cell_new (_("Series"), 0, TRUE), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->table), cell_new (_("Unit"), 0, TRUE), 1, 0, 1, 1);
  for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
    gtk_grid_attach (GTK_GRID (self->table), cell_new (report->months[m], 1, TRUE), 2 + m, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (self->table), cell_new (_("Total"), 1, TRUE), 2 + LOTLINE_WASTE_MONTHS, 0, 1, 1);

  for (guint i = 0; i < report->series->len; i++, row++)
    {
      const LotlineWasteSeries *series = g_ptr_array_index (report->series, i);
      g_autofree char *total = value ? format_value (series->total_value)
                                     : lotline_view_format_quantity (series->total_quantity, NULL);
      GtkWidget *name = cell_new (series->label, 0, FALSE);

      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (name), 14);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 28);
      gtk_widget_set_tooltip_text (name, series->label);
      gtk_grid_attach (GTK_GRID (self->table), name, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (self->table), cell_new (series->unit, 0, FALSE), 1, row, 1, 1);
      for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
        {
          g_autofree char *text = value ? format_value (series->value[m])
                                        : lotline_view_format_quantity (series->quantity[m], NULL);

          gtk_grid_attach (GTK_GRID (self->table), cell_new (text, 1, FALSE), 2 + m, row, 1, 1);
        }
      gtk_grid_attach (GTK_GRID (self->table), cell_new (total, 1, TRUE), 2 + LOTLINE_WASTE_MONTHS, row, 1, 1);
      self->n_rows++;
    }
}

/* ---- the chart ----------------------------------------------------------- */

static LotlineWasteChart *
chart_new (LotlineWasteView *self,
           double            width,
           double            height,
           gboolean          for_screen)
{
  LotlineChartOptions opts = { 0 };

  opts.measure = measure_is_value (self) ? LOTLINE_CHART_VALUE : LOTLINE_CHART_QUANTITY;
  opts.width = width;
  opts.height = height;
  if (for_screen)
    opts.theme = adw_style_manager_get_dark (adw_style_manager_get_default ())
                 ? LOTLINE_RENDER_THEME_DARK : LOTLINE_RENDER_THEME_LIGHT;
  else
    opts.draw_background = TRUE;
  return lotline_waste_chart_new (self->report, &opts);
}

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  LotlineWasteView *self = user_data;
  g_autoptr(LotlineWasteChart) chart = NULL;

  if (self->report == NULL || width <= 0 || height <= 0)
    return;
  chart = chart_new (self, width, height, TRUE);
  lotline_render_waste_chart (cr, chart);
}

static void
update_view (LotlineWasteView *self)
{
  gboolean empty = self->report == NULL || self->report->series->len == 0;

  gtk_widget_set_visible (self->area, !empty);
  gtk_widget_set_visible (self->table, !empty);
  gtk_widget_set_visible (self->empty_label, self->report != NULL && empty);
  gtk_widget_set_sensitive (self->export_csv_button, self->report != NULL);
  gtk_widget_set_sensitive (self->export_chart_button, !empty);
  fill_table (self);
  gtk_widget_queue_draw (self->area);
}

static void
on_measure_changed_cb (LotlineWasteView *self)
{
  update_view (self);
}

static void
on_dark_changed_cb (LotlineWasteView *self)
{
  gtk_widget_queue_draw (self->area);
}

/* ---- loading --------------------------------------------------------------- */

typedef struct {
  LotlineWasteGrouping grouping;
  char                *last_month;
} ReportJob;

static void
report_job_free (gpointer data)
{
  ReportJob *job = data;

  g_free (job->last_month);
  g_free (job);
}

static gpointer
read_report (LotlineStore  *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ReportJob *job = data;

  return lotline_store_waste_report (store, job->grouping, job->last_month, error);
}

typedef struct {
  LotlineWasteView *self;
  guint             generation;
} ReportWait;

static void
set_loading (LotlineWasteView *self,
             gboolean          loading)
{
  self->loading = loading;
  gtk_widget_set_visible (self->spinner, loading);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), loading);
}

static void
on_report_read_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ReportWait *wait = user_data;
  g_autoptr(LotlineWasteView) self = wait->self;
  g_autoptr(GError) error = NULL;
  LotlineWasteReport *report;
  guint generation = wait->generation;

  g_free (wait);
  report = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  if (generation != self->generation || LOTLINE_SESSION (source_object) != self->session)
    {
      g_clear_pointer (&report, lotline_waste_report_free);
      return;
    }
  set_loading (self, FALSE);
  g_clear_pointer (&self->report, lotline_waste_report_free);
  self->report = report;
  if (report == NULL)
    toast (self, error->message);
  update_view (self);
}

static void
reload (LotlineWasteView *self)
{
  g_autofree char *today = NULL;
  ReportJob *job;
  ReportWait *wait;

  if (self->session == NULL)
    return;
  today = lotline_session_dup_today (self->session);
  job = g_new0 (ReportJob, 1);
  job->grouping = (LotlineWasteGrouping) gtk_drop_down_get_selected (self->grouping_dropdown);
  job->last_month = g_strndup (today, 7);
  wait = g_new0 (ReportWait, 1);
  wait->self = g_object_ref (self);
  wait->generation = ++self->generation;
  set_loading (self, TRUE);
  lotline_session_run_async (self->session, read_report, job, report_job_free,
                             (GDestroyNotify) lotline_waste_report_free, self->cancellable,
                             on_report_read_cb, wait);
}

static void
on_grouping_changed_cb (LotlineWasteView *self)
{
  reload (self);
}

/* ---- export ---------------------------------------------------------------- */

static void
toast (LotlineWasteView *self,
       const char       *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
}

typedef struct {
  char              *path;
  char              *csv;     /* the table, or NULL for the chart */
  LotlineWasteChart *chart;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->path);
  g_free (job->csv);
  g_clear_pointer (&job->chart, lotline_waste_chart_free);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  if (job->csv != NULL)
    ok = g_file_set_contents (job->path, job->csv, -1, &error);
  else
    ok = lotline_render_waste_chart_to_file (job->chart, job->path, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_exported_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LotlineWasteView *self = LOTLINE_WASTE_VIEW (source_object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast (self, error->message);
    }
  else
    {
      g_autofree char *name = g_filename_display_basename (job->path);
      /* Translators: a toast after an export; %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Saved %s"), name);

      toast (self, text);
    }
}

void
lotline_waste_view_export (LotlineWasteView *self,
                           const char       *path)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (LOTLINE_IS_WASTE_VIEW (self));
  g_return_if_fail (path != NULL);

  if (self->report == NULL)
    return;
  job = g_new0 (ExportJob, 1);
  job->path = g_strdup (path);
  if (g_str_has_suffix (path, ".csv"))
    job->csv = lotline_waste_report_to_csv (self->report);
  else
    job->chart = chart_new (self, 0, 0, FALSE);
  task = g_task_new (self, NULL, on_exported_cb, NULL);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_chooser_response_cb (GtkNativeDialog  *chooser,
                        int               response,
                        LotlineWasteView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          gboolean csv = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "csv"));

          /* Without a known extension, the chart is a PNG and the table a CSV file. */
          if (csv && !g_str_has_suffix (path, ".csv"))
            {
              char *with = g_strconcat (path, ".csv", NULL);

              g_free (path);
              path = with;
            }
          else if (!csv && !g_str_has_suffix (path, ".png") && !g_str_has_suffix (path, ".svg") &&
                   !g_str_has_suffix (path, ".pdf"))
            {
              char *with = g_strconcat (path, ".png", NULL);

              g_free (path);
              path = with;
            }
          lotline_waste_view_export (self, path);
        }
    }
  g_clear_object (&self->chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
choose_file (LotlineWasteView *self,
             gboolean          csv)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (csv ? _("Export Waste Table") : _("Export Waste Chart"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (csv)
    {
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "waste.csv");
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("CSV files"), "*.csv");
    }
  else
    {
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "waste.png");
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("PNG, SVG or PDF files"), "*.png");
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("SVG files"), "*.svg");
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("PDF files"), "*.pdf");
    }
  g_object_set_data (G_OBJECT (self->chooser), "csv", GINT_TO_POINTER (csv));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_export_csv_clicked_cb (LotlineWasteView *self)
{
  choose_file (self, TRUE);
}

static void
on_export_chart_clicked_cb (LotlineWasteView *self)
{
  choose_file (self, FALSE);
}

/* ---- construction ----------------------------------------------------------- */

static GtkDropDown *
dropdown_new (const char * const *items,
              const char         *label)
{
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (items);

  lotline_view_set_accessible_label (dropdown, label);
  gtk_widget_set_tooltip_text (dropdown, label);
  return GTK_DROP_DOWN (dropdown);
}

static void
build (LotlineWasteView *self)
{
  const char *groupings[] = { _("By product"), _("By supplier"), _("By location"), NULL };
  const char *measures[] = { _("Value"), _("Quantity"), NULL };
  GtkWidget *box, *toolbar, *spacer, *table_scroller, *clamp;

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1100);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);

  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), toolbar);
  self->grouping_dropdown = dropdown_new (groupings, _("Group waste"));
  g_signal_connect_swapped (self->grouping_dropdown, "notify::selected", G_CALLBACK (on_grouping_changed_cb), self);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->grouping_dropdown));
  self->measure_dropdown = dropdown_new (measures, _("Measure"));
  g_signal_connect_swapped (self->measure_dropdown, "notify::selected", G_CALLBACK (on_measure_changed_cb), self);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->measure_dropdown));
  self->spinner = gtk_spinner_new ();
  lotline_view_set_accessible_label (self->spinner, _("Loading"));
  gtk_box_append (GTK_BOX (toolbar), self->spinner);
  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (toolbar), spacer);

  self->export_csv_button = gtk_button_new_from_icon_name ("x-office-spreadsheet-symbolic");
  gtk_widget_set_tooltip_text (self->export_csv_button, _("Export the table as CSV"));
  lotline_view_set_accessible_label (self->export_csv_button, _("Export the table as CSV"));
  g_signal_connect_swapped (self->export_csv_button, "clicked", G_CALLBACK (on_export_csv_clicked_cb), self);
  gtk_box_append (GTK_BOX (toolbar), self->export_csv_button);
  self->export_chart_button = gtk_button_new_from_icon_name ("document-save-symbolic");
  gtk_widget_set_tooltip_text (self->export_chart_button, _("Export the chart as PNG, SVG or PDF"));
  lotline_view_set_accessible_label (self->export_chart_button, _("Export the chart"));
  g_signal_connect_swapped (self->export_chart_button, "clicked", G_CALLBACK (on_export_chart_clicked_cb), self);
  gtk_box_append (GTK_BOX (toolbar), self->export_chart_button);

  self->empty_label = gtk_label_new (_("Nothing was written off as expired in the last twelve months."));
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_margin_top (self->empty_label, 24);
  gtk_box_append (GTK_BOX (box), self->empty_label);

  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->area), 380);
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_chart_cb, self, NULL);
  lotline_view_set_accessible_label (self->area, _("Waste chart; the table below has the same figures"));
  gtk_box_append (GTK_BOX (box), self->area);

  table_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (table_scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (table_scroller), TRUE);
  gtk_box_append (GTK_BOX (box), table_scroller);
  self->table = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->table), 12);
  gtk_grid_set_row_spacing (GTK_GRID (self->table), 6);
  lotline_view_set_accessible_label (self->table, _("Waste table"));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (table_scroller), self->table);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  update_view (self);
  set_loading (self, FALSE);
}

/* ---- public API ------------------------------------------------------------- */

GtkWidget *
lotline_waste_view_new (void)
{
  return g_object_new (LOTLINE_TYPE_WASTE_VIEW, NULL);
}

static void
on_session_changed_cb (LotlineWasteView *self)
{
  reload (self);
}

void
lotline_waste_view_set_session (LotlineWasteView *self,
                                LotlineSession   *session)
{
  g_return_if_fail (LOTLINE_IS_WASTE_VIEW (self));

  if (self->session == session)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_clear_pointer (&self->report, lotline_waste_report_free);
  self->generation++;
  set_loading (self, FALSE);
  update_view (self);
  if (session != NULL)
    {
      self->cancellable = g_cancellable_new ();
      g_signal_connect_swapped (session, "changed", G_CALLBACK (on_session_changed_cb), self);
      reload (self);
    }
}

void
lotline_waste_view_set_grouping (LotlineWasteView     *self,
                                 LotlineWasteGrouping  grouping)
{
  g_return_if_fail (LOTLINE_IS_WASTE_VIEW (self));

  gtk_drop_down_set_selected (self->grouping_dropdown, grouping);
}

const LotlineWasteReport *
lotline_waste_view_get_report (LotlineWasteView *self)
{
  g_return_val_if_fail (LOTLINE_IS_WASTE_VIEW (self), NULL);

  return self->report;
}

gboolean
lotline_waste_view_get_loading (LotlineWasteView *self)
{
  g_return_val_if_fail (LOTLINE_IS_WASTE_VIEW (self), FALSE);

  return self->loading;
}

guint
lotline_waste_view_get_n_rows (LotlineWasteView *self)
{
  g_return_val_if_fail (LOTLINE_IS_WASTE_VIEW (self), 0);

  return self->n_rows;
}

/* ---- GObject ------------------------------------------------------------------- */

static void
lotline_waste_view_dispose (GObject *object)
{
  LotlineWasteView *self = LOTLINE_WASTE_VIEW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->session);
  g_clear_pointer (&self->report, lotline_waste_report_free);

  G_OBJECT_CLASS (lotline_waste_view_parent_class)->dispose (object);
}

static void
lotline_waste_view_class_init (LotlineWasteViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotline_waste_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lotline_waste_view_init (LotlineWasteView *self)
{
  build (self);
}
