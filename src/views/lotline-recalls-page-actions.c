/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The recalls page's actions: opening and terminating a recall and the
 * consignee tracking editor, on the page's workers.  The documents are in
 * lotline-recalls-page-documents.c. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-recall-consignee-item.h"
#include "lotline-recalls-page-private.h"
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
  dialog = lotline_view_open_recall_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                               _("Open Recall?"), body);
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

/* ---- class ------------------------------------------------------------- */

void
lotline_recalls_page_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_terminate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_consignee_activate_cb);

  lotline_recalls_page_class_add_document_actions (widget_class);
}
