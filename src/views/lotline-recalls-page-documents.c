/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The recalls page's documents: the letters, the FDA report and the status
 * report of the recall shown are built on a worker as a
 * LotlineRenderDocument (recorded pages), then saved as PDF there, or
 * printed and previewed on the main thread.  The letterhead comes from the
 * preferences. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotline-letterhead.h"
#include "lotline-document-preview.h"
#include "lotline-fsma204.h"
#include "lotline-print.h"
#include "lotline-recalls-page-private.h"
#include "lotline-render-recall.h"
#include "lotline-settings.h"
#include "lotline-view-util.h"

/* ---- building a document on a worker ---------------------------------------- */

typedef struct {
  LotlineRecallDocument document;
  gint64                recall_id;
  char                 *path;     /* save there on the worker, or NULL */
  char                 *today;
  char                 *name;
  LotlineLetterhead    *letterhead;
  LotlinePaper          paper;
} DocumentJob;

static void
document_job_free (gpointer data)
{
  DocumentJob *job = data;

  g_free (job->path);
  g_free (job->today);
  g_clear_pointer (&job->letterhead, lotline_letterhead_free);
  g_free (job);
}

typedef struct {
  LotlineRenderDocument *document;    /* NULL once saved */
  char                 **consignees;  /* letters: one name per part */
  gboolean               saved;
} DocumentResult;

static void
document_result_free (gpointer data)
{
  DocumentResult *result = data;

  g_clear_pointer (&result->document, lotline_render_document_unref);
  g_strfreev (result->consignees);
  g_free (result);
}

static LotlineRenderDocument *
build_status_report (LotlineStore          *store,
                     DocumentJob           *job,
                     LotlineRenderCompany  *company,
                     LotlineRecall         *recall,
                     GError               **error)
{
  g_autoptr(GPtrArray) tracking = lotline_store_get_recall_tracking (store, job->recall_id, error);

  if (tracking == NULL)
    return NULL;
  return lotline_render_recall_status_report_document (job->paper, company, recall, tracking, job->today, NULL, error);
}

static LotlineRenderDocument *
build_from_scope (LotlineStore          *store,
                  DocumentJob           *job,
                  LotlineRenderCompany  *company,
                  LotlineRecall         *recall,
                  DocumentResult        *result,
                  GError               **error)
{
  g_autoptr(LotlineRecallScope) scope = lotline_store_get_recall_scope (store, job->recall_id, error);
  g_autoptr(LotlineLayout) graph = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  if (scope == NULL)
    return NULL;
  if (job->document == LOTLINE_RECALL_DOCUMENT_LETTERS && job->path != NULL)
    {
      /* Written a letter at a time: thousands of consignees' pages are
       * never all in memory. */
      result->saved = lotline_render_recall_letters (job->path, job->paper, company, recall, scope, NULL, error);
      return NULL;
    }
  if (job->document == LOTLINE_RECALL_DOCUMENT_REPORT)
    {
      graph = lotline_render_recall_graph (store, recall, error);
      return graph ? lotline_render_recall_report_document (job->paper, company, recall, scope, graph, error) : NULL;
    }
  for (guint i = 0; i < scope->consignees->len; i++)
    g_strv_builder_add (names, ((LotlineRecallConsignee *) scope->consignees->pdata[i])->name);
  result->consignees = g_strv_builder_end (names);
  return lotline_render_recall_letters_document (job->paper, company, recall, scope, error);
}

static gpointer
build_document (LotlineStore  *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  DocumentJob *job = data;
  LotlineRenderCompany company;
  g_autoptr(LotlineRecall) recall = lotline_store_get_recall (store, job->recall_id, error);
  DocumentResult *result = g_new0 (DocumentResult, 1);

  lotline_letterhead_get_company (job->letterhead, &company);
  if (recall != NULL && job->document == LOTLINE_RECALL_DOCUMENT_STATUS_REPORT)
    result->document = build_status_report (store, job, &company, recall, error);
  else if (recall != NULL)
    result->document = build_from_scope (store, job, &company, recall, result, error);
  if (result->saved)
    return result;
  if (result->document != NULL && job->path != NULL &&
      !lotline_render_document_write_pdf (result->document, job->path, error))
    g_clear_pointer (&result->document, lotline_render_document_unref);
  if (result->document == NULL)
    {
      document_result_free (result);
      return NULL;
    }
  /* Saved: nothing more to hand back than success. */
  if (job->path != NULL)
    g_clear_pointer (&result->document, lotline_render_document_unref);
  return result;
}

/* The paper of the locale: US Letter where GTK's default paper is. */
static LotlinePaper
default_paper (void)
{
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (NULL);

  return g_strcmp0 (gtk_paper_size_get_name (paper), GTK_PAPER_NAME_LETTER) == 0
         ? LOTLINE_PAPER_LETTER : LOTLINE_PAPER_A4;
}

/* The letterhead from the preferences. */
static gboolean
fill_company (DocumentJob  *job,
              GError      **error)
{
  job->letterhead = lotline_letterhead_dup_from_settings ();
  if (job->letterhead == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Set your company’s name in Preferences first: it heads every letter and report."));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  GTask *task;
  guint  generation;
} JobWait;

static void
on_job_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  JobWait *wait = user_data;
  g_autoptr(GTask) task = wait->task;
  LotlineRecallsPage *self = g_task_get_source_object (task);
  GError *error = NULL;
  DocumentResult *done = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  guint generation = wait->generation;

  g_free (wait);
  if (generation == self->generation)
    {
      lotline_recalls_page_job_done (self);
      lotline_recalls_page_update_actions (self);
    }
  if (done == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, done, document_result_free);
}

/* Runs @func (returning a DocumentResult) on the session's worker, counted
 * as a job of the page; the task's result is that DocumentResult. */
static void
run_job (LotlineRecallsPage    *self,
         LotlineSessionJobFunc  func,
         gpointer               job,
         GDestroyNotify         job_free,
         GTask                 *task)
{
  JobWait *wait = g_new0 (JobWait, 1);

  wait->task = task;
  wait->generation = self->generation;
  lotline_recalls_page_job_started (self);
  lotline_recalls_page_update_actions (self);
  lotline_session_run_async (self->session, func, job, job_free, document_result_free,
                             g_task_get_cancellable (task), on_job_done_cb, wait);
}

/* A task on the recall shown, or NULL when there is none (the task then
 * has returned an error). */
static GTask *
page_task_new (LotlineRecallsPage  *self,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, page_task_new);
  if (self->session == NULL || self->recall_id == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("No recall is shown. Pick one from the list first."));
      return NULL;
    }
  return g_steal_pointer (&task);
}

/* Builds @document of the recall shown (and saves it to @path when given)
 * on a worker; the task's result is a DocumentResult. */
static void
build_async (LotlineRecallsPage    *self,
             LotlineRecallDocument  document,
             const char            *path,
             GCancellable          *cancellable,
             GAsyncReadyCallback    callback,
             gpointer               user_data)
{
  GTask *task = page_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  DocumentJob *job;

  if (task == NULL)
    return;
  job = g_new0 (DocumentJob, 1);
  job->document = document;
  job->recall_id = self->recall_id;
  job->path = g_strdup (path);
  job->today = lotline_session_dup_today (self->session);
  job->paper = default_paper ();
  if (!fill_company (job, &error))
    {
      document_job_free (job);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  run_job (self, build_document, job, document_job_free, task);
}

static DocumentResult *
build_finish (LotlineRecallsPage  *self,
              GAsyncResult        *result,
              GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lotline_recalls_page_build_document_async (LotlineRecallsPage    *self,
                                           LotlineRecallDocument  document,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  g_return_if_fail (LOTLINE_IS_RECALLS_PAGE (self));

  build_async (self, document, NULL, cancellable, callback, user_data);
}

LotlineRenderDocument *
lotline_recalls_page_build_document_finish (LotlineRecallsPage  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  DocumentResult *built = build_finish (self, result, error);
  LotlineRenderDocument *document;

  if (built == NULL)
    return NULL;
  document = g_steal_pointer (&built->document);
  document_result_free (built);
  return document;
}

/* ---- saving ------------------------------------------------------------------- */

static void
toast_error (LotlineRecallsPage *self,
             const GError       *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lotline_recalls_page_toast (self, error->message);
}

static void
on_saved_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LotlineRecallsPage *self = LOTLINE_RECALLS_PAGE (source_object);
  g_autofree char *path = user_data;
  g_autoptr(GError) error = NULL;
  DocumentResult *built = build_finish (self, result, &error);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (built == NULL)
    {
      toast_error (self, error);
      return;
    }
  document_result_free (built);
  name = g_filename_display_basename (path);
  /* Translators: a toast after saving a document; %s is a file name */
  text = g_strdup_printf (_("Saved %s"), name);
  lotline_recalls_page_toast (self, text);
}

void
lotline_recalls_page_save_document (LotlineRecallsPage   *self,
                                    LotlineRecallDocument document,
                                    const char           *path)
{
  g_return_if_fail (LOTLINE_IS_RECALLS_PAGE (self));
  g_return_if_fail (path != NULL);

  if (self->session == NULL || self->recall_id == 0)
    return;
  build_async (self, document, path, NULL, on_saved_cb, g_strdup (path));
}

/* ---- the FSMA 204 spreadsheet ---------------------------------------------- */

typedef struct {
  gint64  recall_id;
  char   *path;
} Fsma204Job;

static void
fsma204_job_free (gpointer data)
{
  Fsma204Job *job = data;

  g_free (job->path);
  g_free (job);
}

static gpointer
export_fsma204 (LotlineStore  *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Fsma204Job *job = data;

  if (!lotline_store_export_fsma204 (store, job->recall_id, job->path, error))
    return NULL;
  return g_new0 (DocumentResult, 1);
}

void
lotline_recalls_page_export_fsma204 (LotlineRecallsPage *self,
                                     const char         *path)
{
  GTask *task;
  Fsma204Job *job;
  char *xlsx;

  g_return_if_fail (LOTLINE_IS_RECALLS_PAGE (self));
  g_return_if_fail (path != NULL);

  /* Without the extension the core would write a folder of CSV files. */
  xlsx = g_str_has_suffix (path, ".xlsx") ? g_strdup (path) : g_strconcat (path, ".xlsx", NULL);
  task = page_task_new (self, NULL, on_saved_cb, xlsx);
  if (task == NULL)
    return;
  job = g_new0 (Fsma204Job, 1);
  job->recall_id = self->recall_id;
  job->path = g_strdup (xlsx);
  run_job (self, export_fsma204, job, fsma204_job_free, task);
}

static void
on_chooser_response_cb (GtkNativeDialog    *chooser,
                        int                 response,
                        LotlineRecallsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      int document = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "document"));

      if (path != NULL && document < 0)
        lotline_recalls_page_export_fsma204 (self, path);
      else if (path != NULL)
        lotline_recalls_page_save_document (self, (LotlineRecallDocument) document, path);
    }
  g_clear_object (&self->chooser);
}

/* A Save dialog for @document (-1: the FSMA 204 workbook). */
static void
choose_file (LotlineRecallsPage *self,
             int                 document,
             const char         *title,
             const char         *suffix,
             const char         *filter_name,
             const char         *pattern)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->recall == NULL)
    return;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  name = g_strdup_printf ("%s-%s", self->recall->number, suffix);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "document", GINT_TO_POINTER (document));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- printing ------------------------------------------------------------------ */

static char *
dup_job_name (LotlineRecallsPage    *self,
              LotlineRecallDocument  document)
{
  const char *number = self->recall != NULL ? self->recall->number : "";

  switch (document)
    {
    case LOTLINE_RECALL_DOCUMENT_LETTERS:
      /* Translators: a print job's name; %s is a recall number */
      return g_strdup_printf (_("Recall %s letters"), number);
    case LOTLINE_RECALL_DOCUMENT_REPORT:
      /* Translators: a print job's name; %s is a recall number */
      return g_strdup_printf (_("Recall %s report for FDA"), number);
    case LOTLINE_RECALL_DOCUMENT_STATUS_REPORT:
    default:
      /* Translators: a print job's name; %s is a recall number */
      return g_strdup_printf (_("Recall %s status report"), number);
    }
}

static void
on_printed_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LotlineRecallsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lotline_print_document_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: a toast; %s says what went wrong */
      g_autofree char *text = g_strdup_printf (_("Could not print: %s"), error->message);

      lotline_recalls_page_toast (self, text);
    }
}

static void
print_built (LotlineRecallsPage    *self,
             GtkWindow             *parent,
             LotlineRenderDocument *document,
             const char            *job_name)
{
  lotline_print_document (parent, document, job_name, on_printed_cb, g_object_ref (self));
}

static void
on_built_for_print_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LotlineRecallsPage *self = LOTLINE_RECALLS_PAGE (source_object);
  g_autofree char *job_name = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineRenderDocument) document = lotline_recalls_page_build_document_finish (self, result, &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (document == NULL)
    toast_error (self, error);
  else
    print_built (self, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, document, job_name);
}

void
lotline_recalls_page_print_document (LotlineRecallsPage    *self,
                                     LotlineRecallDocument  document)
{
  g_return_if_fail (LOTLINE_IS_RECALLS_PAGE (self));

  build_async (self, document, NULL, NULL, on_built_for_print_cb, dup_job_name (self, document));
}

/* ---- the preview window -------------------------------------------------------- */

/* Letters: the consignee whose letter holds the page shown. */
static void
on_preview_page_cb (LotlineDocumentPreview *preview,
                    GParamSpec             *pspec,
                    GtkDropDown            *chooser)
{
  LotlineRenderDocument *document = lotline_document_preview_get_document (preview);
  guint page = lotline_document_preview_get_page (preview);
  guint part = 0;

  if (document == NULL || g_object_get_data (G_OBJECT (chooser), "lotline-syncing") != NULL)
    return;
  while (part + 1 < lotline_render_document_get_n_parts (document) &&
         lotline_render_document_get_part_page (document, part + 1) <= page)
    part++;
  g_object_set_data (G_OBJECT (chooser), "lotline-syncing", GINT_TO_POINTER (TRUE));
  gtk_drop_down_set_selected (chooser, part);
  g_object_set_data (G_OBJECT (chooser), "lotline-syncing", NULL);
}

static void
on_consignee_selected_cb (GtkDropDown            *chooser,
                          GParamSpec             *pspec,
                          LotlineDocumentPreview *preview)
{
  LotlineRenderDocument *document = lotline_document_preview_get_document (preview);
  guint part = gtk_drop_down_get_selected (chooser);

  if (document == NULL || part == GTK_INVALID_LIST_POSITION ||
      g_object_get_data (G_OBJECT (chooser), "lotline-syncing") != NULL)
    return;
  g_object_set_data (G_OBJECT (chooser), "lotline-syncing", GINT_TO_POINTER (TRUE));
  lotline_document_preview_set_page (preview, lotline_render_document_get_part_page (document, part));
  g_object_set_data (G_OBJECT (chooser), "lotline-syncing", NULL);
}

static void
on_preview_print_cb (GtkButton *button,
                     GtkWindow *window)
{
  LotlineRecallsPage *self = g_object_get_data (G_OBJECT (window), "page");
  LotlineDocumentPreview *preview = g_object_get_data (G_OBJECT (window), "preview");
  LotlineRenderDocument *document = lotline_document_preview_get_document (preview);

  if (document != NULL)
    print_built (self, window, document, gtk_window_get_title (window));
}

static void
on_built_for_preview_cb (GObject      *source_object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  LotlineRecallsPage *self = LOTLINE_RECALLS_PAGE (source_object);
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  DocumentResult *built = build_finish (self, result, &error);
  GtkWidget *chooser;

  if (built == NULL)
    {
      toast_error (self, error);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_window_destroy (window);
      return;
    }
  chooser = g_object_get_data (G_OBJECT (window), "consignee-chooser");
  if (built->consignees != NULL)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const *) built->consignees);

      gtk_drop_down_set_model (GTK_DROP_DOWN (chooser), G_LIST_MODEL (names));
      gtk_widget_set_visible (chooser, TRUE);
    }
  lotline_document_preview_set_document (g_object_get_data (G_OBJECT (window), "preview"), built->document);
  gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (window), "print-button"), TRUE);
  gtk_stack_set_visible_child_name (g_object_get_data (G_OBJECT (window), "stack"), "preview");
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (window), "preview"));
  document_result_free (built);
}

static GtkWidget *
preview_header_new (GtkWindow  *window,
                    const char *title,
                    const char *subtitle,
                    GtkWidget  *preview)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *chooser = gtk_drop_down_new (NULL, NULL);
  GtkWidget *print = gtk_button_new_with_mnemonic (_("_Print…"));

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, subtitle));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (chooser), TRUE);
  gtk_drop_down_set_expression (GTK_DROP_DOWN (chooser),
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_widget_set_visible (chooser, FALSE);
  gtk_widget_set_tooltip_text (chooser, _("Show the letter of this consignee"));
  lotline_view_set_accessible_label (chooser, _("Consignee"));
  g_signal_connect_object (chooser, "notify::selected", G_CALLBACK (on_consignee_selected_cb), preview, 0);
  g_signal_connect_object (preview, "notify::page", G_CALLBACK (on_preview_page_cb), chooser, 0);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), chooser);

  gtk_widget_add_css_class (print, "suggested-action");
  gtk_widget_set_sensitive (print, FALSE);
  g_signal_connect (print, "clicked", G_CALLBACK (on_preview_print_cb), window);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), print);

  g_object_set_data (G_OBJECT (window), "consignee-chooser", chooser);
  g_object_set_data (G_OBJECT (window), "print-button", print);
  return header;
}

static GtkWidget *
preview_stack_new (GtkWidget *preview)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  lotline_view_set_accessible_label (spinner, _("Drawing the pages"));
  gtk_stack_add_named (GTK_STACK (stack), spinner, "loading");
  gtk_stack_add_named (GTK_STACK (stack), preview, "preview");
  gtk_widget_set_vexpand (stack, TRUE);
  return stack;
}

static const char *
preview_title (LotlineRecallDocument document)
{
  switch (document)
    {
    case LOTLINE_RECALL_DOCUMENT_LETTERS:
      return _("Recall Letters");
    case LOTLINE_RECALL_DOCUMENT_REPORT:
      return _("FDA Recall Report");
    case LOTLINE_RECALL_DOCUMENT_STATUS_REPORT:
    default:
      return _("Recall Status Report");
    }
}

GtkWindow *
lotline_recalls_page_preview_document (LotlineRecallsPage    *self,
                                       LotlineRecallDocument  document)
{
  GtkRoot *root;
  GtkWidget *window, *box, *preview, *stack;
  GCancellable *cancellable;
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (LOTLINE_IS_RECALLS_PAGE (self), NULL);

  if (self->session == NULL || self->recall == NULL)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = adw_window_new ();
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  job_name = dup_job_name (self, document);
  gtk_window_set_title (GTK_WINDOW (window), job_name);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 820);

  preview = lotline_document_preview_new ();
  stack = preview_stack_new (preview);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), preview_header_new (GTK_WINDOW (window), preview_title (document),
                                                     self->recall->number, preview));
  gtk_box_append (GTK_BOX (box), stack);
  adw_window_set_content (ADW_WINDOW (window), box);

  /* Closing the window before the pages arrive drops them. */
  cancellable = g_cancellable_new ();
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (g_cancellable_cancel), cancellable);
  g_object_set_data_full (G_OBJECT (window), "cancellable", cancellable, g_object_unref);
  g_object_set_data (G_OBJECT (window), "preview", preview);
  g_object_set_data (G_OBJECT (window), "stack", stack);
  g_object_set_data_full (G_OBJECT (window), "page", g_object_ref (self), g_object_unref);

  build_async (self, document, NULL, cancellable, on_built_for_preview_cb, g_object_ref (window));
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

/* ---- actions --------------------------------------------------------------------- */

typedef enum {
  DO_SAVE,
  DO_PRINT,
  DO_PREVIEW,
} Deed;

typedef struct {
  const char           *action;
  LotlineRecallDocument document;
  Deed                  deed;
} DocumentAction;

static const DocumentAction document_actions[] = {
  { "recalls.save-letters", LOTLINE_RECALL_DOCUMENT_LETTERS, DO_SAVE },
  { "recalls.save-report", LOTLINE_RECALL_DOCUMENT_REPORT, DO_SAVE },
  { "recalls.save-status-report", LOTLINE_RECALL_DOCUMENT_STATUS_REPORT, DO_SAVE },
  { "recalls.print-letters", LOTLINE_RECALL_DOCUMENT_LETTERS, DO_PRINT },
  { "recalls.print-report", LOTLINE_RECALL_DOCUMENT_REPORT, DO_PRINT },
  { "recalls.print-status-report", LOTLINE_RECALL_DOCUMENT_STATUS_REPORT, DO_PRINT },
  { "recalls.preview-letters", LOTLINE_RECALL_DOCUMENT_LETTERS, DO_PREVIEW },
  { "recalls.preview-report", LOTLINE_RECALL_DOCUMENT_REPORT, DO_PREVIEW },
  { "recalls.preview-status-report", LOTLINE_RECALL_DOCUMENT_STATUS_REPORT, DO_PREVIEW },
};

static void
save_pdf (LotlineRecallsPage    *self,
          LotlineRecallDocument  document)
{
  static const char * const suffixes[] = { "letters.pdf", "fda-report.pdf", "status-report.pdf" };
  const char *titles[] = { _("Save Recall Letters"), _("Save FDA Recall Report"), _("Save Recall Status Report") };

  choose_file (self, (int) document, titles[document], suffixes[document], _("PDF files"), "*.pdf");
}

static void
save_fsma204_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_file (LOTLINE_RECALLS_PAGE (widget), -1, _("Save FSMA 204 Spreadsheet"), "fsma204.xlsx",
               _("Excel workbooks"), "*.xlsx");
}

static void
document_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LotlineRecallsPage *self = LOTLINE_RECALLS_PAGE (widget);

  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    {
      const DocumentAction *a = &document_actions[i];

      if (strcmp (a->action, action_name) != 0)
        continue;
      if (a->deed == DO_SAVE)
        save_pdf (self, a->document);
      else if (a->deed == DO_PRINT)
        lotline_recalls_page_print_document (self, a->document);
      else
        lotline_recalls_page_preview_document (self, a->document);
    }
}

void
lotline_recalls_page_update_document_actions (LotlineRecallsPage *self)
{
  gboolean reported = self->recall != NULL && self->recall->status != LOTLINE_RECALL_DRAFT;

  /* A draft has no consignee tracking to report on. */
  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    if (document_actions[i].document == LOTLINE_RECALL_DOCUMENT_STATUS_REPORT)
      gtk_widget_action_set_enabled (GTK_WIDGET (self), document_actions[i].action, reported);
}

void
lotline_recalls_page_class_add_document_actions (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    gtk_widget_class_install_action (widget_class, document_actions[i].action, NULL, document_action);
  gtk_widget_class_install_action (widget_class, "recalls.save-fsma204", NULL, save_fsma204_action);
}
