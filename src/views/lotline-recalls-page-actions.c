/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The recalls page's actions: opening and terminating a recall, the
 * consignee tracking editor and the documents, on the page's workers. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-recall-consignee-item.h"
#include "lotline-recalls-page-private.h"
#include "lotline-render-recall.h"
#include "lotline-settings.h"
#include "lotline-view-util.h"

/* ---- jobs on the recall shown -------------------------------------------- */

typedef enum {
  CHANGE_OPEN,
  CHANGE_TERMINATE,
  CHANGE_TRACK,
} ChangeKind;

typedef struct {
  ChangeKind            kind;
  gint64                recall_id;
  gint64                party_id;
  char                 *number;
  char                 *disposition;
  char                 *notified_at;
  char                 *notify_method;
  char                 *responded_at;
  LotlineRecallResponse response;
} ChangeJob;

static void
change_job_free (gpointer data)
{
  ChangeJob *job = data;

  g_free (job->number);
  g_free (job->disposition);
  g_free (job->notified_at);
  g_free (job->notify_method);
  g_free (job->responded_at);
  g_free (job);
}

static gpointer
run_change (LotlineStore  *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ChangeJob *job = data;
  gboolean ok = FALSE;

  switch (job->kind)
    {
    case CHANGE_OPEN:
      ok = lotline_store_open_recall (store, job->recall_id, error);
      break;
    case CHANGE_TERMINATE:
      ok = lotline_store_terminate_recall (store, job->recall_id, job->disposition, error);
      break;
    case CHANGE_TRACK:
    default:
      job->response.notified_at = job->notified_at;
      job->response.notify_method = job->notify_method;
      job->response.responded_at = job->responded_at;
      ok = lotline_store_track_recall_consignee (store, job->recall_id, job->party_id, &job->response, error);
      break;
    }
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

typedef struct {
  LotlineRecallsPage *self;
  ChangeKind          kind;
  char               *number;
  guint               generation;
} ChangeWait;

static void
on_changed_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ChangeWait *wait = user_data;
  g_autoptr(LotlineRecallsPage) self = wait->self;
  g_autofree char *number = wait->number;
  ChangeKind kind = wait->kind;
  guint generation = wait->generation;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean ok = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error) != NULL;

  g_free (wait);
  if (generation != self->generation)
    return;   /* Another database is open now. */
  lotline_recalls_page_job_done (self);
  if (!ok)
    {
      lotline_recalls_page_toast (self, error->message);
      lotline_recalls_page_update_actions (self);
      return;
    }
  if (kind == CHANGE_OPEN)
    /* Translators: a toast; %s is a recall number */
    text = g_strdup_printf (_("Recall %s is open; the affected stock is quarantined"), number);
  else if (kind == CHANGE_TERMINATE)
    /* Translators: a toast; %s is a recall number */
    text = g_strdup_printf (_("Recall %s terminated"), number);
  else
    text = g_strdup (_("Tracking saved"));
  lotline_recalls_page_toast (self, text);
  if (LOTLINE_SESSION (source_object) == self->session)
    lotline_session_notify_changed (self->session);
  lotline_recalls_page_update_actions (self);
}

static void
run_change_job (LotlineRecallsPage *self,
                ChangeJob          *job)
{
  ChangeWait *wait = g_new0 (ChangeWait, 1);

  job->recall_id = self->recall_id;
  wait->self = g_object_ref (self);
  wait->kind = job->kind;
  wait->number = g_strdup (self->recall != NULL ? self->recall->number : "");
  wait->generation = self->generation;
  lotline_recalls_page_job_started (self);
  lotline_recalls_page_update_actions (self);
  lotline_session_run_async (self->session, run_change, job, change_job_free, NULL, NULL,
                             on_changed_cb, wait);
}

/* Now, on the session's today. */
static char *
dup_now_instant (LotlineRecallsPage *self)
{
  g_autofree char *today = lotline_session_dup_today (self->session);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");

  return g_strdup_printf ("%sT%sZ", today, time);
}

/* ---- opening and terminating ---------------------------------------------- */

static void
on_open_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     LotlineRecallsPage *self)
{
  ChangeJob *job;

  if (g_strcmp0 (response, "open") != 0 || self->session == NULL || self->recall == NULL)
    return;
  job = g_new0 (ChangeJob, 1);
  job->kind = CHANGE_OPEN;
  run_change_job (self, job);
}

GtkWidget *
lotline_recalls_page_confirm_open (LotlineRecallsPage *self)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (LOTLINE_IS_RECALLS_PAGE (self), NULL);

  if (self->recall == NULL || self->recall->status != LOTLINE_RECALL_DRAFT)
    return NULL;
  /* Translators: the body of the confirmation to open a recall; %s is its number */
  body = g_strdup_printf (_("All stock on hand of the lots recall %s affects will be quarantined and the lots marked recalled, so they can no longer be shipped. The consignees to notify are recorded for follow-up."),
                          self->recall->number);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Open Recall?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Recall"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_open_clicked_cb (LotlineRecallsPage *self)
{
  lotline_recalls_page_confirm_open (self);
}

static void
on_disposition_changed_cb (GtkEditable      *entry,
                           AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "terminate", *text != '\0');
}

static void
on_terminate_response_cb (AdwMessageDialog   *dialog,
                          const char         *response,
                          LotlineRecallsPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  ChangeJob *job;

  if (g_strcmp0 (response, "terminate") != 0 || self->session == NULL || self->recall == NULL)
    return;
  job = g_new0 (ChangeJob, 1);
  job->kind = CHANGE_TERMINATE;
  job->disposition = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  run_change_job (self, job);
}

static void
on_terminate_clicked_cb (LotlineRecallsPage *self)
{
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *entry;

  if (self->recall == NULL)
    return;
  /* Translators: %s is a recall number */
  heading = g_strdup_printf (_("Terminate Recall %s?"), self->recall->number);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("Record what happened to the recalled product, for example “returned and destroyed under supervision”. A terminated recall cannot be reopened."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Disposition"));
  lotline_view_set_accessible_label (entry, _("Disposition"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "terminate", _("_Terminate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "terminate", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "terminate", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_disposition_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_terminate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the tracking editor -------------------------------------------------- */

static const char * const notify_methods[] = { "letter", "email", "phone", NULL };

static GtkWidget *
switch_row_new (GtkWidget  *group,
                const char *title,
                gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  /* What is recorded stays recorded: the core keeps the first instant. */
  gtk_widget_set_sensitive (toggle, !active);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return toggle;
}

static GtkWidget *
quantity_row_new (GtkWidget  *group,
                  const char *title,
                  gint64      milli)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 1e9, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 3);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), MAX (milli, 0) / 1000.0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  lotline_view_set_accessible_label (spin, title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return spin;
}

static gint64
spin_milli (GtkWidget *spin)
{
  return (gint64) (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)) * 1000.0 + 0.5);
}

static void
on_editor_save_cb (GtkWidget *button,
                   GtkWindow *editor)
{
  LotlineRecallsPage *self = g_object_get_data (G_OBJECT (editor), "page");
  LotlineRecallConsigneeItem *item = g_object_get_data (G_OBJECT (editor), "item");
  GtkWidget *notified = g_object_get_data (G_OBJECT (editor), "notified-switch");
  GtkWidget *method = g_object_get_data (G_OBJECT (editor), "method-row");
  GtkWidget *responded = g_object_get_data (G_OBJECT (editor), "responded-switch");
  ChangeJob *job;
  guint m;

  if (self->session == NULL || self->recall_id == 0)
    {
      gtk_window_destroy (editor);
      return;
    }
  job = g_new0 (ChangeJob, 1);
  job->kind = CHANGE_TRACK;
  job->party_id = lotline_recall_consignee_item_get_party_id (item);
  if (gtk_switch_get_active (GTK_SWITCH (notified)))
    {
      m = adw_combo_row_get_selected (ADW_COMBO_ROW (method));
      if (!lotline_recall_consignee_item_get_notified (item))
        job->notified_at = dup_now_instant (self);
      if (m < G_N_ELEMENTS (notify_methods) - 1)
        job->notify_method = g_strdup (notify_methods[m]);
    }
  job->response.on_hand_reported = -1;
  if (gtk_switch_get_active (GTK_SWITCH (responded)))
    {
      if (!lotline_recall_consignee_item_get_responded (item))
        job->responded_at = dup_now_instant (self);
      job->response.on_hand_reported = spin_milli (g_object_get_data (G_OBJECT (editor), "on-hand-spin"));
    }
  job->response.quantity_returned = spin_milli (g_object_get_data (G_OBJECT (editor), "returned-spin"));
  job->response.quantity_destroyed = spin_milli (g_object_get_data (G_OBJECT (editor), "destroyed-spin"));
  run_change_job (self, job);
  gtk_window_destroy (editor);
}

GtkWindow *
lotline_recalls_page_edit_consignee (LotlineRecallsPage *self,
                                     guint               position)
{
  g_autoptr(LotlineRecallConsigneeItem) item = NULL;
  g_autoptr(GtkStringList) methods = NULL;
  GtkRoot *root;
  GtkWidget *editor, *box, *header, *save, *cancel, *page, *group, *method;
  guint selected = 0;
  gint64 on_hand, returned, destroyed;

  g_return_val_if_fail (LOTLINE_IS_RECALLS_PAGE (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->consignees), position);
  if (item == NULL || !lotline_recall_consignee_item_get_tracked (item))
    return NULL;

  lotline_recall_consignee_item_get_quantities (item, &on_hand, &returned, &destroyed);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = adw_window_new ();
  gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_set_title (GTK_WINDOW (editor), lotline_recall_consignee_item_get_name (item));
  gtk_window_set_default_size (GTK_WINDOW (editor), 420, 520);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Consignee Tracking"), lotline_recall_consignee_item_get_name (item)));
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), editor);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect (save, "clicked", G_CALLBACK (on_editor_save_cb), editor);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Notice"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  g_object_set_data (G_OBJECT (editor), "notified-switch",
                     switch_row_new (group, _("Notified"), lotline_recall_consignee_item_get_notified (item)));
  methods = gtk_string_list_new ((const char * const []) { _("Letter"), _("E-mail"), _("Phone"), NULL });
  method = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (method), _("Method"));
  adw_combo_row_set_model (ADW_COMBO_ROW (method), G_LIST_MODEL (methods));
  for (guint i = 0; notify_methods[i] != NULL; i++)
    if (g_strcmp0 (lotline_recall_consignee_item_get_notify_method (item), notify_methods[i]) == 0)
      selected = i;
  adw_combo_row_set_selected (ADW_COMBO_ROW (method), selected);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), method);
  g_object_set_data (G_OBJECT (editor), "method-row", method);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Response"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  g_object_set_data (G_OBJECT (editor), "responded-switch",
                     switch_row_new (group, _("Responded"), lotline_recall_consignee_item_get_responded (item)));
  g_object_set_data (G_OBJECT (editor), "on-hand-spin",
                     quantity_row_new (group, _("Quantity on hand reported"), on_hand));
  g_object_set_data (G_OBJECT (editor), "returned-spin",
                     quantity_row_new (group, _("Quantity returned"), returned));
  g_object_set_data (G_OBJECT (editor), "destroyed-spin",
                     quantity_row_new (group, _("Quantity destroyed"), destroyed));
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (editor), box);

  g_object_set_data (G_OBJECT (editor), "save-button", save);
  g_object_set_data_full (G_OBJECT (editor), "page", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (editor), "item", g_steal_pointer (&item), g_object_unref);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

static void
on_edit_clicked_cb (LotlineRecallsPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    lotline_recalls_page_edit_consignee (self, position);
}

static void
on_consignee_activate_cb (LotlineRecallsPage *self,
                          guint               position)
{
  lotline_recalls_page_edit_consignee (self, position);
}

/* ---- documents ------------------------------------------------------------ */

typedef struct {
  LotlineRecallDocument document;
  gint64                recall_id;
  char                 *path;
  char                 *today;
  char                 *name;
  char                 *street;
  char                 *city;
  char                 *country;
  char                 *phone;
  LotlinePaper          paper;
} DocumentJob;

static void
document_job_free (gpointer data)
{
  DocumentJob *job = data;

  g_free (job->path);
  g_free (job->today);
  g_free (job->name);
  g_free (job->street);
  g_free (job->city);
  g_free (job->country);
  g_free (job->phone);
  g_free (job);
}

static gpointer
render_document (LotlineStore  *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  DocumentJob *job = data;
  LotlineRenderCompany company = {
    .name = job->name, .street = job->street, .city = job->city,
    .country = job->country, .phone = job->phone,
  };
  g_autoptr(LotlineRecall) recall = lotline_store_get_recall (store, job->recall_id, error);
  g_autoptr(LotlineRecallScope) scope = NULL;
  g_autoptr(GPtrArray) tracking = NULL;
  gboolean ok;

  if (recall == NULL)
    return NULL;
  if (job->document == LOTLINE_RECALL_DOCUMENT_STATUS_REPORT)
    {
      tracking = lotline_store_get_recall_tracking (store, job->recall_id, error);
      if (tracking == NULL)
        return NULL;
      ok = lotline_render_recall_status_report (job->path, job->paper, &company, recall, tracking,
                                                job->today, NULL, error);
      return ok ? GINT_TO_POINTER (TRUE) : NULL;
    }
  scope = lotline_store_get_recall_scope (store, job->recall_id, error);
  if (scope == NULL)
    return NULL;
  if (job->document == LOTLINE_RECALL_DOCUMENT_LETTERS)
    ok = lotline_render_recall_letters (job->path, job->paper, &company, recall, scope, NULL, error);
  else
    ok = lotline_render_recall_report (job->path, job->paper, &company, recall, scope, error);
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

typedef struct {
  LotlineRecallsPage *self;
  char               *path;
  guint               generation;
} DocumentWait;

static void
on_document_done_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DocumentWait *wait = user_data;
  g_autoptr(LotlineRecallsPage) self = wait->self;
  g_autofree char *path = wait->path;
  guint generation = wait->generation;
  g_autoptr(GError) error = NULL;
  gboolean ok = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error) != NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_free (wait);
  if (generation != self->generation)
    return;   /* Another database is open now. */
  lotline_recalls_page_job_done (self);
  lotline_recalls_page_update_actions (self);
  if (!ok)
    {
      lotline_recalls_page_toast (self, error->message);
      return;
    }
  name = g_filename_display_basename (path);
  /* Translators: a toast after saving a document; %s is a file name */
  text = g_strdup_printf (_("Saved %s"), name);
  lotline_recalls_page_toast (self, text);
}

/* The paper of the locale: US Letter where GTK's default paper is. */
static LotlinePaper
default_paper (void)
{
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (NULL);

  return g_strcmp0 (gtk_paper_size_get_name (paper), GTK_PAPER_NAME_LETTER) == 0
         ? LOTLINE_PAPER_LETTER : LOTLINE_PAPER_A4;
}

void
lotline_recalls_page_save_document (LotlineRecallsPage   *self,
                                    LotlineRecallDocument document,
                                    const char           *path)
{
  g_autoptr(GSettings) settings = lotline_settings_dup ();
  g_autofree char *address = NULL;
  g_auto(GStrv) lines = NULL;
  DocumentJob *job;
  DocumentWait *wait;

  g_return_if_fail (LOTLINE_IS_RECALLS_PAGE (self));
  g_return_if_fail (path != NULL);

  if (self->session == NULL || self->recall_id == 0)
    return;

  job = g_new0 (DocumentJob, 1);
  job->document = document;
  job->recall_id = self->recall_id;
  job->path = g_strdup (path);
  job->today = lotline_session_dup_today (self->session);
  job->paper = default_paper ();
  if (settings != NULL)
    {
      job->name = g_strstrip (g_settings_get_string (settings, "company-name"));
      job->phone = g_strstrip (g_settings_get_string (settings, "company-phone"));
      address = g_settings_get_string (settings, "company-address");
    }
  if (job->name == NULL || *job->name == '\0')
    {
      lotline_recalls_page_toast (self, _("Set your company’s name in Preferences first: it heads every letter and report."));
      document_job_free (job);
      return;
    }
  lines = g_strsplit (address != NULL ? address : "", "\n", -1);
  if (lines[0] != NULL && *g_strstrip (lines[0]) != '\0')
    job->street = g_strdup (lines[0]);
  if (lines[0] != NULL && lines[1] != NULL)
    {
      job->city = g_strdup (g_strstrip (lines[1]));
      if (lines[2] != NULL)
        job->country = g_strstrip (g_strjoinv (", ", lines + 2));
    }
  if (job->phone != NULL && *job->phone == '\0')
    g_clear_pointer (&job->phone, g_free);

  wait = g_new0 (DocumentWait, 1);
  wait->self = g_object_ref (self);
  wait->path = g_strdup (path);
  wait->generation = self->generation;
  lotline_recalls_page_job_started (self);
  lotline_recalls_page_update_actions (self);
  lotline_session_run_async (self->session, render_document, job, document_job_free, NULL, NULL,
                             on_document_done_cb, wait);
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
      LotlineRecallDocument document = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "document"));

      if (path != NULL)
        lotline_recalls_page_save_document (self, document, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file (LotlineRecallsPage   *self,
             LotlineRecallDocument document)
{
  static const char * const suffixes[] = { "letters", "fda-report", "status-report" };
  const char *titles[] = { _("Save Recall Letters"), _("Save FDA Recall Report"), _("Save Recall Status Report") };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->recall == NULL)
    return;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (titles[document], GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  name = g_strdup_printf ("%s-%s.pdf", self->recall->number, suffixes[document]);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, _("PDF files"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "document", GINT_TO_POINTER (document));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_letters_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_file (LOTLINE_RECALLS_PAGE (widget), LOTLINE_RECALL_DOCUMENT_LETTERS);
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_file (LOTLINE_RECALLS_PAGE (widget), LOTLINE_RECALL_DOCUMENT_REPORT);
}

static void
save_status_report_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  choose_file (LOTLINE_RECALLS_PAGE (widget), LOTLINE_RECALL_DOCUMENT_STATUS_REPORT);
}

/* ---- class ------------------------------------------------------------- */

void
lotline_recalls_page_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_terminate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_consignee_activate_cb);

  gtk_widget_class_install_action (widget_class, "recalls.save-letters", NULL, save_letters_action);
  gtk_widget_class_install_action (widget_class, "recalls.save-report", NULL, save_report_action);
  gtk_widget_class_install_action (widget_class, "recalls.save-status-report", NULL, save_status_report_action);
}
