/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-genealogy-page-private.h"
#include "lotline-print.h"
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

#define PRINT_MARGIN 36.0   /* points: half an inch around the graph */

/* One sheet of the locale's paper, turned to the graph's shape, with the
 * whole graph scaled down to fit inside the margins (never up). */
static LotlineRenderDocument *
graph_document_new (LotlineLayout *layout,
                    const char    *today)
{
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (NULL);
  LotlineRenderOptions opts = { .theme = LOTLINE_RENDER_THEME_LIGHT, .today = today, .show_legend = TRUE };
  double pw = gtk_paper_size_get_width (paper, GTK_UNIT_POINTS);
  double ph = gtk_paper_size_get_height (paper, GTK_UNIT_POINTS);
  LotlineRenderDocument *document;
  double w, h, scale;
  cairo_t *cr;

  lotline_render_graph_get_size (layout, &opts, &w, &h);
  /* A wide graph prints across the page. */
  if ((w > h) != (pw > ph))
    {
      double t = pw;

      pw = ph;
      ph = t;
    }
  document = lotline_render_document_new (pw, ph);
  cr = lotline_render_document_add_page (document);
  scale = MIN (1.0, MIN ((pw - 2 * PRINT_MARGIN) / MAX (w, 1), (ph - 2 * PRINT_MARGIN) / MAX (h, 1)));
  cairo_translate (cr, (pw - w * scale) / 2, PRINT_MARGIN);
  cairo_scale (cr, scale, scale);
  lotline_render_graph (cr, layout, NULL, &opts);
  cairo_destroy (cr);
  return document;
}

static void
on_printed_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LotlineGenealogyPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lotline_print_document_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
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
  g_autoptr(LotlineRenderDocument) document = NULL;
  LotlineLayout *layout;
  GtkRoot *root;

  g_return_val_if_fail (LOTLINE_IS_GENEALOGY_PAGE (self), FALSE);

  layout = lotline_graph_view_get_layout (self->graph_view);
  if (layout == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("There is no graph to print yet. Wait until it is drawn."));
      return FALSE;
    }
  document = graph_document_new (layout, self->today);
  if (export_pdf != NULL)
    return lotline_print_document_export (document, export_pdf, error);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  lotline_print_document (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, document, self->title,
                          on_printed_cb, g_object_ref (self));
  return TRUE;
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
