/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-genealogy-page-private.h"
#include "lotline-render-graph.h"

/* Export (PNG, SVG, PDF through lotline_render_graph_to_file() on a worker)
 * and print (one page, GtkPrintOperation) of LotlineGenealogyPage. */

/* ---- export ----------------------------------------------------------- */

typedef struct {
  LotlineLayout *layout;
  char          *today;
  char          *path;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  lotline_layout_unref (job->layout);
  g_free (job->today);
  g_free (job->path);
  g_free (job);
}

/* Pure cairo on a surface of its own: safe on a worker. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  LotlineRenderOptions opts = { 0 };
  GError *error = NULL;

  opts.theme = LOTLINE_RENDER_THEME_LIGHT;
  opts.today = job->today;
  opts.show_legend = TRUE;
  if (lotline_render_graph_to_file (job->layout, NULL, &opts, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lotline_genealogy_page_export_async (LotlineGenealogyPage *self,
                                     GFile                *file,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  LotlineLayout *layout;
  ExportJob *job;

  g_return_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotline_genealogy_page_export_async);
  layout = lotline_graph_view_get_layout (self->graph_view);
  if (layout == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("There is no graph to export yet. Wait until it is drawn."));
      return;
    }
  job = g_new0 (ExportJob, 1);
  job->layout = lotline_layout_ref (layout);
  job->today = g_strdup (self->today);
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      export_job_free (job);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The graph can only be saved to a local file. Choose a folder on this computer."));
      return;
    }
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
lotline_genealogy_page_export_finish (LotlineGenealogyPage  *self,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  g_return_val_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lotline_genealogy_page_toast (LotlineGenealogyPage *self,
                              const char           *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LotlineGenealogyPage *self = LOTLINE_GENEALOGY_PAGE (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (lotline_genealogy_page_export_finish (self, result, &error))
    /* Translators: a toast after saving, "Saved genealogy-B-1.pdf". */
    text = g_strdup_printf (_("Saved %s"), name);
  else
    text = g_strdup_printf (_("Could not save %s: %s"), name, error->message);
  lotline_genealogy_page_toast (self, text);
}

static char *
suggested_name (LotlineGenealogyPage *self,
                const char           *extension)
{
  g_autoptr(GString) name = g_string_new ("genealogy");

  for (guint i = 0; self->trace && i < lotline_trace_get_n_nodes (self->trace); i++)
    {
      const LotlineTraceNode *tnode = lotline_trace_get_node (self->trace, i);

      if (tnode->is_seed)
        {
          g_string_append_c (name, '-');
          for (const char *p = tnode->label; *p; p++)
            g_string_append_c (name, g_ascii_isalnum (*p) || *p == '-' || *p == '.' ? *p : '_');
          break;
        }
    }
  g_string_append (name, extension);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
on_export_response_cb (GtkNativeDialog      *dialog,
                       int                   response,
                       LotlineGenealogyPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    {
      g_autofree char *base = g_file_get_basename (file);
      LotlineRenderFileType type;

      /* No known extension: take the chosen filter's. */
      if (!lotline_render_file_type_from_path (base, &type, NULL))
        {
          GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
          const char *extension = filter ? g_object_get_data (G_OBJECT (filter), "extension") : NULL;
          g_autofree char *named = g_strconcat (base, extension ? extension : ".pdf", NULL);
          g_autoptr(GFile) parent = g_file_get_parent (file);
          GFile *renamed = g_file_get_child (parent, named);

          g_object_unref (file);
          file = renamed;
        }
      lotline_genealogy_page_export_async (self, file, NULL, on_export_done_cb, g_object_ref (file));
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->export_chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *title,
            const char     *mime_type,
            const char     *extension)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strconcat ("*", extension, NULL);

  gtk_file_filter_set_name (filter, title);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  g_object_set_data_full (G_OBJECT (filter), "extension", g_strdup (extension), g_free);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
lotline_genealogy_page_export_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  LotlineGenealogyPage *self = LOTLINE_GENEALOGY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = suggested_name (self, ".pdf");
  GtkFileChooser *chooser;

  if (self->export_chooser != NULL)
    return;
  self->export_chooser = gtk_file_chooser_native_new (_("Export Genealogy Graph"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->export_chooser);
  add_filter (chooser, _("PDF document"), "application/pdf", ".pdf");
  add_filter (chooser, _("SVG image"), "image/svg+xml", ".svg");
  add_filter (chooser, _("PNG image"), "image/png", ".png");
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  g_signal_connect (self->export_chooser, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* ---- print ------------------------------------------------------------ */

typedef struct {
  LotlineLayout *layout;
  char          *today;
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  lotline_layout_unref (job->layout);
  g_free (job->today);
  g_free (job);
}

/* One page, the whole graph scaled down to fit it (never up). */
static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page_w = gtk_print_context_get_width (context);
  double page_h = gtk_print_context_get_height (context);
  LotlineRenderOptions opts = { 0 };
  double w, h, scale;

  opts.theme = LOTLINE_RENDER_THEME_LIGHT;
  opts.today = job->today;
  opts.show_legend = TRUE;
  lotline_render_graph_get_size (job->layout, &opts, &w, &h);
  scale = MIN (1.0, MIN (page_w / MAX (w, 1), page_h / MAX (h, 1)));
  cairo_translate (cr, (page_w - w * scale) / 2, 0);
  cairo_scale (cr, scale, scale);
  lotline_render_graph (cr, job->layout, NULL, &opts);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  LotlineGenealogyPage    *self)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not print: %s"), error->message);

      lotline_genealogy_page_toast (self, text);
    }
}

gboolean
lotline_genealogy_page_print (LotlineGenealogyPage  *self,
                              const char            *export_pdf,
                              GError               **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  LotlineLayout *layout;
  PrintJob *job;
  GtkRoot *root;
  double w, h;

  g_return_val_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self), FALSE);

  layout = lotline_graph_view_get_layout (self->graph_view);
  if (layout == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("There is no graph to print yet. Wait until it is drawn."));
      return FALSE;
    }

  job = g_new0 (PrintJob, 1);
  job->layout = lotline_layout_ref (layout);
  job->today = g_strdup (self->today);
  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "lotline-print-job", job, print_job_free);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, self->title);
  /* A wide graph prints across the page. */
  {
    LotlineRenderOptions opts = { .show_legend = TRUE };

    lotline_render_graph_get_size (layout, &opts, &w, &h);
  }
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_orientation (setup, w > h ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);

  if (export_pdf != NULL)
    {
      gtk_print_operation_set_export_filename (operation, export_pdf);
      return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
             != GTK_PRINT_OPERATION_RESULT_ERROR;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), self, 0);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                  GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/* ---- actions ---------------------------------------------------------- */

void
lotline_genealogy_page_print_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  LotlineGenealogyPage *self = LOTLINE_GENEALOGY_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!lotline_genealogy_page_print (self, NULL, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not print: %s"), error->message);

      lotline_genealogy_page_toast (self, text);
    }
}
