/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Print Label window.  The lot's label data is read once on a worker;
 * every change of size, copies or barcodes redraws the labels on the main
 * thread (a few milliseconds: two small symbols and some text into cairo
 * recording surfaces), and the preview, Print and Save as PDF all use that
 * one document. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-document-preview.h"
#include "lotline-label-window.h"
#include "lotline-print.h"
#include "lotline-render-label.h"
#include "lotline-settings.h"
#include "lotline-view-util.h"

struct _LotlineLabelWindow
{
  AdwWindow              parent_instance;

  AdwToastOverlay       *toast_overlay;
  GtkStack              *stack;
  AdwStatusPage         *error_page;
  AdwComboRow           *size_row;
  GtkSpinButton         *copies_spin;
  GtkCheckButton        *linear_check;
  GtkCheckButton        *datamatrix_check;
  GtkCheckButton        *qr_check;
  AdwActionRow          *qr_row;
  GtkLabel              *problem_label;
  LotlineDocumentPreview *preview;

  LotlineSession        *session;
  gint64                 lot_id;
  GCancellable          *cancellable;
  LotlineLabelData      *data;
  LotlineRenderDocument *document;
  GCancellable          *render_cancellable;  /* the drawing under way, or NULL */
  gboolean               loading;
  char                  *problem;
  GtkFileChooserNative  *chooser;
};

G_DEFINE_FINAL_TYPE (LotlineLabelWindow, lotline_label_window, ADW_TYPE_WINDOW)

/* The size row's items, in order. */
static const LotlineLabelSize sizes[] = {
  LOTLINE_LABEL_SIZE_100X50,
  LOTLINE_LABEL_SIZE_4X6,
  LOTLINE_LABEL_SIZE_A4,
};

static void
toast (LotlineLabelWindow *self,
       const char         *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static LotlineLabelSymbols
chosen_symbols (LotlineLabelWindow *self)
{
  LotlineLabelSymbols symbols = 0;

  if (gtk_check_button_get_active (self->linear_check))
    symbols |= LOTLINE_LABEL_SYMBOL_GS1_128;
  if (gtk_check_button_get_active (self->datamatrix_check))
    symbols |= LOTLINE_LABEL_SYMBOL_DATAMATRIX;
  if (gtk_check_button_get_active (self->qr_check))
    symbols |= LOTLINE_LABEL_SYMBOL_QR;
  return symbols;
}

static void
set_problem (LotlineLabelWindow *self,
             const char         *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
  gtk_label_set_text (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

static void
set_document (LotlineLabelWindow    *self,
              LotlineRenderDocument *document)
{
  g_clear_pointer (&self->document, lotline_render_document_unref);
  self->document = document;
  lotline_document_preview_set_document (self->preview, document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "label.print", document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "label.save-pdf", document != NULL);
}

/* A product without a GTIN or a lot code GS1 does not allow is nothing the
 * options here can fix: the whole window says so. */
static void
show_unlabellable (LotlineLabelWindow *self,
                   const GError       *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  set_problem (self, error->message);
}

/* ---- drawing, on a worker (a thousand copies take seconds) -------------- */

typedef struct {
  LotlineLabelData   *data;
  LotlineLabelSize    size;
  LotlineLabelSymbols symbols;
  guint               copies;
} RenderJob;

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  lotline_label_data_free (job->data);
  g_free (job);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  GError *error = NULL;
  LotlineRenderDocument *document;

  document = lotline_render_label (job->data, NULL, job->size, job->symbols, job->copies, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, (GDestroyNotify) lotline_render_document_unref);
}

static void
on_rendered_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LotlineLabelWindow *self = LOTLINE_LABEL_WINDOW (source_object);
  g_autoptr(GError) error = NULL;
  LotlineRenderDocument *document = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer choice replaced this drawing, or the window closed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&document, lotline_render_document_unref);
      return;
    }
  g_clear_object (&self->render_cancellable);
  set_document (self, document);
  if (document != NULL)
    set_problem (self, NULL);
  else if (g_error_matches (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_NO_GTIN) ||
           g_error_matches (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_INVALID))
    show_unlabellable (self, error);
  else
    set_problem (self, error->message);
}

static void
redraw (LotlineLabelWindow *self)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;
  guint size = adw_combo_row_get_selected (self->size_row);

  if (self->data == NULL)
    return;
  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  self->render_cancellable = g_cancellable_new ();

  job = g_new0 (RenderJob, 1);
  job->data = lotline_label_data_copy (self->data);
  job->size = sizes[MIN (size, G_N_ELEMENTS (sizes) - 1)];
  job->symbols = chosen_symbols (self);
  job->copies = (guint) gtk_spin_button_get_value_as_int (self->copies_spin);
  task = g_task_new (self, self->render_cancellable, on_rendered_cb, NULL);
  g_task_set_source_tag (task, redraw);
  g_task_set_task_data (task, job, render_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, render_thread);
}

gboolean
lotline_label_window_get_busy (LotlineLabelWindow *self)
{
  g_return_val_if_fail (LOTLINE_IS_LABEL_WINDOW (self), FALSE);

  return self->loading || self->render_cancellable != NULL;
}

static void
on_option_changed_cb (LotlineLabelWindow *self)
{
  redraw (self);
}

/* ---- loading ------------------------------------------------------------- */

static gpointer
load_label_job (LotlineStore  *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return lotline_store_get_label_data (store, *(gint64 *) data, error);
}

static void
show_link (LotlineLabelWindow *self)
{
  g_autofree char *uri = lotline_label_digital_link (self->data, NULL, NULL);

  adw_action_row_set_subtitle (self->qr_row, uri ? uri : "");
}

static void
on_loaded_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LotlineLabelWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  LotlineLabelData *data = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (data == NULL)
    {
      show_unlabellable (self, error);
      return;
    }
  self->data = data;
  settings = lotline_settings_dup ();
  if (settings != NULL)
    {
      g_autofree char *company = g_settings_get_string (settings, "company-name");

      if (company[0] != '\0')
        self->data->company_name = g_steal_pointer (&company);
    }
  /* Translators: the Print Label window's title; %s is a lot code */
  {
    g_autofree char *title = g_strdup_printf (_("Label for Lot %s"), data->lot_code);

    gtk_window_set_title (GTK_WINDOW (self), title);
  }
  gtk_stack_set_visible_child_name (self->stack, "label");
  show_link (self);
  redraw (self);
}

static void
load (LotlineLabelWindow *self)
{
  gint64 *lot_id = g_new (gint64, 1);

  *lot_id = self->lot_id;
  self->loading = TRUE;
  lotline_session_run_async (self->session, load_label_job, lot_id, g_free,
                             (GDestroyNotify) lotline_label_data_free, self->cancellable,
                             on_loaded_cb, g_object_ref (self));
}

/* ---- print and save ------------------------------------------------------ */

static void
on_printed_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LotlineLabelWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lotline_print_document_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: a toast; %s says what went wrong */
      g_autofree char *text = g_strdup_printf (_("Could not print: %s"), error->message);

      toast (self, text);
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LotlineLabelWindow *self = LOTLINE_LABEL_WINDOW (widget);
  /* Translators: a print job's name; %s is a lot code */
  g_autofree char *job = g_strdup_printf (_("Labels for lot %s"), self->data->lot_code);

  if (self->document != NULL)
    lotline_print_document (GTK_WINDOW (self), self->document, job, on_printed_cb, g_object_ref (self));
}

gboolean
lotline_label_window_save_pdf (LotlineLabelWindow *self,
                               const char         *path,
                               GError            **error)
{
  g_return_val_if_fail (LOTLINE_IS_LABEL_WINDOW (self), FALSE);

  if (self->document == NULL)
    {
      g_set_error_literal (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_OPTION,
                           self->problem ? self->problem : _("The label is not ready yet."));
      return FALSE;
    }
  return lotline_render_document_write_pdf (self->document, path, error);
}

static void
on_save_response_cb (GtkNativeDialog    *dialog,
                     int                 response,
                     LotlineLabelWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file ? g_file_get_path (file) : NULL;
    }
  g_clear_object (&self->chooser);
  if (path == NULL)
    return;
  if (lotline_label_window_save_pdf (self, path, &error))
    {
      g_autofree char *name = g_path_get_basename (path);
      /* Translators: a toast; %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Saved %s"), name);

      toast (self, text);
    }
  else
    toast (self, error->message);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LotlineLabelWindow *self = LOTLINE_LABEL_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  if (self->chooser != NULL || self->document == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save Labels as PDF"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_file_filter_set_name (filter, _("PDF document"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (chooser, filter);
  /* Translators: the suggested file name; %s is a lot code */
  name = g_strdup_printf (_("label-%s.pdf"), self->data->lot_code);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- GObject ------------------------------------------------------------- */

static void
lotline_label_window_dispose (GObject *object)
{
  LotlineLabelWindow *self = LOTLINE_LABEL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->render_cancellable != NULL)
    g_cancellable_cancel (self->render_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTLINE_TYPE_LABEL_WINDOW);
  G_OBJECT_CLASS (lotline_label_window_parent_class)->dispose (object);
}

static void
lotline_label_window_finalize (GObject *object)
{
  LotlineLabelWindow *self = LOTLINE_LABEL_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->data, lotline_label_data_free);
  g_clear_pointer (&self->document, lotline_render_document_unref);
  g_free (self->problem);
  G_OBJECT_CLASS (lotline_label_window_parent_class)->finalize (object);
}

static void
lotline_label_window_class_init (LotlineLabelWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotline_label_window_dispose;
  object_class->finalize = lotline_label_window_finalize;

  g_type_ensure (LOTLINE_TYPE_DOCUMENT_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class, LOTLINE_RESOURCE_PATH "/lotline-label-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlineLabelWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LotlineLabelWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineLabelWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineLabelWindow, size_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineLabelWindow, copies_spin);
  gtk_widget_class_bind_template_child (widget_class, LotlineLabelWindow, linear_check);
  gtk_widget_class_bind_template_child (widget_class, LotlineLabelWindow, datamatrix_check);
  gtk_widget_class_bind_template_child (widget_class, LotlineLabelWindow, qr_check);
  gtk_widget_class_bind_template_child (widget_class, LotlineLabelWindow, qr_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineLabelWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineLabelWindow, preview);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed_cb);
  gtk_widget_class_install_action (widget_class, "label.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "label.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "label.print", NULL);
}

static void
lotline_label_window_init (LotlineLabelWindow *self)
{
  lotline_view_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  set_document (self, NULL);
}

GtkWindow *
lotline_label_window_new (GtkWindow      *parent,
                          LotlineSession *session,
                          gint64          lot_id)
{
  LotlineLabelWindow *self;

  g_return_val_if_fail (LOTLINE_IS_SESSION (session), NULL);

  self = g_object_new (LOTLINE_TYPE_LABEL_WINDOW, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->lot_id = lot_id;
  load (self);
  return GTK_WINDOW (self);
}

LotlineRenderDocument *
lotline_label_window_get_document (LotlineLabelWindow *self)
{
  g_return_val_if_fail (LOTLINE_IS_LABEL_WINDOW (self), NULL);
  return self->document;
}

const char *
lotline_label_window_get_problem (LotlineLabelWindow *self)
{
  g_return_val_if_fail (LOTLINE_IS_LABEL_WINDOW (self), NULL);
  return self->problem;
}
