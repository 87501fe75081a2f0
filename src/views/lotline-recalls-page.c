/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-recall-consignee-item.h"
#include "lotline-recalls-page-private.h"
#include "lotline-view-util.h"

/* "2026-11-21T10:00:00Z" → "21 Nov 2026". */
static char *
format_instant (const char *instant)
{
  g_autofree char *date = NULL;

  if (instant == NULL)
    return NULL;
  date = g_strndup (instant, 10);
  return lotline_view_format_date (date);
}

/* ---- the page ------------------------------------------------------------ */


G_DEFINE_FINAL_TYPE (LotlineRecallsPage, lotline_recalls_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_recalls (LotlineRecallsPage *self);
static void load_detail  (LotlineRecallsPage *self);

void
lotline_recalls_page_toast (LotlineRecallsPage *self,
       const char         *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
}

void
lotline_recalls_page_job_started (LotlineRecallsPage *self)
{
  self->n_jobs++;
  gtk_widget_set_visible (GTK_WIDGET (self->detail_spinner), TRUE);
  gtk_spinner_set_spinning (self->detail_spinner, TRUE);
}

void
lotline_recalls_page_job_done (LotlineRecallsPage *self)
{
  g_return_if_fail (self->n_jobs > 0);

  if (--self->n_jobs > 0)
    return;
  gtk_spinner_set_spinning (self->detail_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_spinner), FALSE);
}

static const char *
class_label (LotlineRecallClass classification)
{
  switch (classification)
    {
    case LOTLINE_RECALL_CLASS_I:
      return _("Class I");
    case LOTLINE_RECALL_CLASS_II:
      return _("Class II");
    case LOTLINE_RECALL_CLASS_III:
    default:
      return _("Class III");
    }
}

static const char *
status_label (LotlineRecallStatus status)
{
  switch (status)
    {
    case LOTLINE_RECALL_DRAFT:
      return _("Draft");
    case LOTLINE_RECALL_OPEN:
      return _("Open");
    case LOTLINE_RECALL_COMPLETED:
      return _("Completed");
    case LOTLINE_RECALL_TERMINATED:
    default:
      return _("Terminated");
    }
}

static const char *
depth_label (LotlineRecallDepth depth)
{
  switch (depth)
    {
    case LOTLINE_RECALL_DEPTH_CONSUMER:
      return _("Consumer level");
    case LOTLINE_RECALL_DEPTH_RETAIL:
      return _("Retail level");
    case LOTLINE_RECALL_DEPTH_WHOLESALE:
    default:
      return _("Wholesale level");
    }
}

static const char *
check_label (LotlineRecallCheck level)
{
  switch (level)
    {
    case LOTLINE_RECALL_CHECK_A:
      return _("Level A: every consignee");
    case LOTLINE_RECALL_CHECK_B:
      return _("Level B: a quarter of the consignees");
    case LOTLINE_RECALL_CHECK_C:
      return _("Level C: one consignee in ten");
    case LOTLINE_RECALL_CHECK_D:
      return _("Level D: one consignee in fifty");
    case LOTLINE_RECALL_CHECK_E:
    default:
      return _("Level E: no effectiveness check");
    }
}

/* ---- the list of recalls ------------------------------------------------- */

typedef struct {
  LotlineRecall *recall;
  guint          n_notified;
  guint          n_consignees;
} RecallEntry;

static void
recall_entry_free (gpointer data)
{
  RecallEntry *entry = data;

  lotline_recall_free (entry->recall);
  g_free (entry);
}

static gpointer
list_recalls (LotlineStore  *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GPtrArray) recalls = lotline_store_list_recalls (store, error);
  g_autoptr(GPtrArray) entries = NULL;

  if (recalls == NULL)
    return NULL;
  entries = g_ptr_array_new_with_free_func (recall_entry_free);
  for (guint i = 0; i < recalls->len; i++)
    {
      RecallEntry *entry = g_new0 (RecallEntry, 1);
      g_autoptr(GPtrArray) tracking = NULL;

      entry->recall = g_ptr_array_index (recalls, i);
      recalls->pdata[i] = NULL;
      g_ptr_array_add (entries, entry);
      if (entry->recall->status == LOTLINE_RECALL_DRAFT)
        {
          g_autoptr(LotlineRecallScope) scope = lotline_store_get_recall_scope (store, entry->recall->id, error);

          if (scope == NULL)
            return NULL;
          entry->n_consignees = scope->consignees->len;
          continue;
        }
      tracking = lotline_store_get_recall_tracking (store, entry->recall->id, error);
      if (tracking == NULL)
        return NULL;
      entry->n_consignees = tracking->len;
      for (guint j = 0; j < tracking->len; j++)
        if (((LotlineRecallTracking *) g_ptr_array_index (tracking, j))->notified_at != NULL)
          entry->n_notified++;
    }
  return g_steal_pointer (&entries);
}

static GtkWidget *
recall_row_new (const RecallEntry *entry)
{
  const LotlineRecall *recall = entry->recall;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (status_label (recall->status));
  g_autofree char *title = g_markup_printf_escaped ("%s — %s", recall->number, recall->title);
  g_autofree char *opened = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  if (recall->opened_at != NULL)
    {
      g_autofree char *date = format_instant (recall->opened_at);

      /* Translators: in the list of recalls: when the recall was opened */
      opened = g_strdup_printf (_("opened %s"), date);
    }
  else
    {
      opened = g_strdup (_("not opened yet"));
    }
  /* Translators: in the list of recalls: class, when opened, consignees
   * notified of all consignees */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s · %s · %u of %u consignee notified",
                                           "%s · %s · %u of %u consignees notified",
                                           entry->n_consignees),
                              class_label (recall->classification), opened,
                              entry->n_notified, entry->n_consignees);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  return row;
}

static void
on_recalls_listed_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LotlineRecallsPage) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *select = NULL;

  entries = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  if (LOTLINE_SESSION (source_object) != self->session)
    return;
  lotline_recalls_page_job_done (self);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (entries == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_title (self->empty_page, _("Recalls Could Not Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      return;
    }

  self->filling++;
  lotline_view_list_box_clear (self->recall_list);
  g_array_set_size (self->recall_ids, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      RecallEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row = recall_row_new (entry);

      g_array_append_val (self->recall_ids, entry->recall->id);
      gtk_list_box_append (self->recall_list, row);
      if (entry->recall->id == self->recall_id)
        select = GTK_LIST_BOX_ROW (row);
    }
  if (select == NULL && entries->len > 0)
    select = gtk_list_box_get_row_at_index (self->recall_list, 0);
  gtk_list_box_select_row (self->recall_list, select);
  self->filling--;

  gtk_stack_set_visible_child_name (self->content_stack, entries->len > 0 ? "list" : "empty");
  if (select != NULL)
    {
      self->recall_id = g_array_index (self->recall_ids, gint64, gtk_list_box_row_get_index (select));
      load_detail (self);
    }
  else
    {
      self->recall_id = 0;
      gtk_widget_set_visible (self->detail_box, FALSE);
    }
}

static void
load_recalls (LotlineRecallsPage *self)
{
  if (self->session == NULL)
    return;
  lotline_recalls_page_job_started (self);
  if (self->recall_ids->len == 0)
    {
      gtk_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->content_stack, "loading");
    }
  lotline_session_run_async (self->session, list_recalls, NULL, NULL,
                             (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                             on_recalls_listed_cb, g_object_ref (self));
}

static void
on_recall_selected_cb (LotlineRecallsPage *self,
                       GtkListBoxRow      *row)
{
  int index;

  if (self->filling > 0 || row == NULL)
    return;
  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= self->recall_ids->len)
    return;
  self->recall_id = g_array_index (self->recall_ids, gint64, index);
  load_detail (self);
}

/* ---- the recall shown ---------------------------------------------------- */

typedef struct {
  gint64              recall_id;
  LotlineRecall      *recall;
  LotlineRecallScope *scope;
  GPtrArray          *tracking;   /* NULL for a draft */
} Detail;

static void
detail_free (gpointer data)
{
  Detail *detail = data;

  g_clear_pointer (&detail->recall, lotline_recall_free);
  g_clear_pointer (&detail->scope, lotline_recall_scope_free);
  g_clear_pointer (&detail->tracking, g_ptr_array_unref);
  g_free (detail);
}

static gpointer
read_detail (LotlineStore  *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Detail *detail = g_new0 (Detail, 1);

  detail->recall_id = *(gint64 *) data;
  detail->recall = lotline_store_get_recall (store, detail->recall_id, error);
  if (detail->recall != NULL)
    detail->scope = lotline_store_get_recall_scope (store, detail->recall_id, error);
  if (detail->scope != NULL && detail->recall->status != LOTLINE_RECALL_DRAFT)
    {
      detail->tracking = lotline_store_get_recall_tracking (store, detail->recall_id, error);
      if (detail->tracking == NULL)
        g_clear_pointer (&detail->scope, lotline_recall_scope_free);
    }
  if (detail->scope == NULL)
    {
      detail_free (detail);
      return NULL;
    }
  return detail;
}

static void
add_info_row (GtkListBox *list,
              const char *title,
              const char *value)
{
  if (value != NULL && *value != '\0')
    gtk_list_box_append (list, lotline_view_info_row_new (title, value));
}

static void
show_summary (LotlineRecallsPage *self,
              const Detail       *detail)
{
  const LotlineRecall *recall = detail->recall;
  g_autofree char *check = NULL;
  guint sample = lotline_recall_check_sample_size (recall->check_level, detail->scope->consignees->len);

  lotline_view_list_box_clear (self->summary_list);
  add_info_row (self->summary_list, _("Status"), status_label (recall->status));
  add_info_row (self->summary_list, _("Reason"), recall->reason);
  add_info_row (self->summary_list, _("Hazard"), recall->hazard);
  add_info_row (self->summary_list, _("Classification"), class_label (recall->classification));
  add_info_row (self->summary_list, _("Depth"), depth_label (recall->depth));
  /* Translators: the effectiveness-check level and how many consignees
   * that means checking */
  check = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u consignee to check)",
                                        "%s (%u consignees to check)", sample),
                           check_label (recall->check_level), sample);
  add_info_row (self->summary_list, _("Effectiveness check"), check);
  add_info_row (self->summary_list, _("Disposition"), recall->disposition);

  lotline_view_list_box_clear (self->lots_list);
  for (guint i = 0; i < detail->scope->lots->len; i++)
    {
      const LotlineRecallLot *lot = g_ptr_array_index (detail->scope->lots, i);
      g_autofree char *title = g_strdup_printf ("%s — %s", lot->code, lot->product_name);
      g_autofree char *quantity = lotline_view_format_quantity (lot->on_hand, lot->unit);
      /* Translators: an affected lot: its status, and its stock on hand */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s on hand"),
                                                   lotline_lot_status_to_display (lot->status), quantity);

      gtk_list_box_append (self->lots_list, lotline_view_info_row_new (title, subtitle));
    }
  if (detail->scope->lots->len == 0)
    gtk_list_box_append (self->lots_list, lotline_view_info_row_new (_("No lots"), NULL));
}

static void
show_consignees (LotlineRecallsPage *self,
                 const Detail       *detail)
{
  g_autoptr(GHashTable) by_party = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint sample = 0, responded_in_sample = 0;
  g_autofree char *progress = NULL;

  if (detail->tracking != NULL)
    for (guint i = 0; i < detail->tracking->len; i++)
      {
        LotlineRecallTracking *t = g_ptr_array_index (detail->tracking, i);

        g_hash_table_insert (by_party, &t->party_id, t);
        if (t->in_sample)
          {
            sample++;
            if (t->responded_at != NULL)
              responded_in_sample++;
          }
      }
  for (guint i = 0; i < detail->scope->consignees->len; i++)
    {
      const LotlineRecallConsignee *c = g_ptr_array_index (detail->scope->consignees, i);
      gint64 party_id = c->party_id;

      g_ptr_array_add (items, lotline_recall_consignee_item_new (c, g_hash_table_lookup (by_party, &party_id)));
    }
  g_list_store_splice (self->consignees, 0, g_list_model_get_n_items (G_LIST_MODEL (self->consignees)),
                       items->pdata, items->len);

  if (detail->tracking == NULL)
    {
      sample = lotline_recall_check_sample_size (detail->recall->check_level, detail->scope->consignees->len);
      progress = g_strdup (_("Consignees are tracked once the recall is open."));
    }
  else if (sample == 0)
    {
      progress = g_strdup (_("This recall has no effectiveness check."));
    }
  else
    {
      /* Translators: progress towards the effectiveness level */
      progress = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u of %u consignee in the effectiveness sample has responded",
                                               "%u of %u consignees in the effectiveness sample have responded",
                                               sample),
                                  responded_in_sample, sample);
    }
  gtk_label_set_label (self->progress_label, progress);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), detail->tracking != NULL && sample > 0);
  gtk_progress_bar_set_fraction (self->progress_bar, sample > 0 ? (double) responded_in_sample / sample : 0.0);
}

void
lotline_recalls_page_update_actions (LotlineRecallsPage *self)
{
  LotlineRecallStatus status = self->recall != NULL ? self->recall->status : LOTLINE_RECALL_TERMINATED;
  gboolean idle = self->n_jobs == 0;
  gboolean active = status == LOTLINE_RECALL_OPEN || status == LOTLINE_RECALL_COMPLETED;
  LotlineRecallConsigneeItem *item = self->selection != NULL
                                     ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  gtk_widget_set_visible (self->open_button, self->recall != NULL && status == LOTLINE_RECALL_DRAFT);
  gtk_widget_set_sensitive (self->open_button, idle);
  gtk_widget_set_visible (self->terminate_button, self->recall != NULL && active);
  gtk_widget_set_sensitive (self->terminate_button, idle);
  gtk_widget_set_sensitive (self->documents_button, self->recall != NULL);
  lotline_recalls_page_update_document_actions (self);
  lotline_recalls_page_update_wizard_actions (self);
  gtk_widget_set_visible (self->edit_button, active);
  gtk_widget_set_sensitive (self->edit_button, item != NULL && lotline_recall_consignee_item_get_tracked (item));
}

static void
on_detail_read_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LotlineRecallsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Detail *detail = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  g_autofree char *title = NULL;

  if (LOTLINE_SESSION (source_object) != self->session)
    {
      g_clear_pointer (&detail, detail_free);
      return;
    }
  lotline_recalls_page_job_done (self);
  if (detail == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lotline_recalls_page_toast (self, error->message);
      lotline_recalls_page_update_actions (self);
      return;
    }
  if (detail->recall_id != self->recall_id)
    {
      detail_free (detail);   /* Another recall was picked meanwhile. */
      lotline_recalls_page_update_actions (self);
      return;
    }

  title = g_strdup_printf ("%s — %s", detail->recall->number, detail->recall->title);
  gtk_label_set_label (self->detail_title, title);
  show_summary (self, detail);
  show_consignees (self, detail);
  g_clear_pointer (&self->recall, lotline_recall_free);
  self->recall = g_steal_pointer (&detail->recall);
  gtk_widget_set_visible (self->detail_box, TRUE);
  detail_free (detail);
  lotline_recalls_page_update_actions (self);
  lotline_recalls_page_run_pending_action (self);
}

static void
load_detail (LotlineRecallsPage *self)
{
  gint64 *id;

  if (self->session == NULL || self->recall_id == 0)
    return;
  id = g_new (gint64, 1);
  *id = self->recall_id;
  lotline_recalls_page_job_started (self);
  lotline_recalls_page_update_actions (self);
  lotline_session_run_async (self->session, read_detail, id, g_free, detail_free, self->cancellable,
                             on_detail_read_cb, g_object_ref (self));
}

/* ---- the consignee table -------------------------------------------------- */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Whole values: on a narrow window the table scrolls sideways. */
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  LotlineRecallConsigneeItem *item = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       lotline_recall_consignee_item_get_text (item, GPOINTER_TO_INT (user_data)));
}

static void
add_columns (LotlineRecallsPage *self)
{
  const char *titles[LOTLINE_RECALL_N_COLUMNS] = {
    _("Consignee"), _("Lots and quantities"), _("Notified"), _("Responded"),
    _("On hand reported"), _("Returned / destroyed"), _("In sample"),
  };

  for (guint i = 0; i < LOTLINE_RECALL_N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (titles[i], g_object_ref (factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == LOTLINE_RECALL_COLUMN_LOTS);
      gtk_column_view_append_column (self->consignee_view, column);
    }
}

static void
on_consignee_selected_cb (LotlineRecallsPage *self)
{
  lotline_recalls_page_update_actions (self);
}

/* ---- session ------------------------------------------------------------ */

static void
on_session_changed_cb (LotlineRecallsPage *self)
{
  load_recalls (self);
}

LotlineSession *
lotline_recalls_page_get_session (LotlineRecallsPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALLS_PAGE (self), NULL);

  return self->session;
}

void
lotline_recalls_page_set_session (LotlineRecallsPage *self,
                                  LotlineSession     *session)
{
  g_return_if_fail (LOTLINE_IS_RECALLS_PAGE (self));
  g_return_if_fail (session == NULL || LOTLINE_IS_SESSION (session));

  if (self->session == session)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->generation++;
  self->n_jobs = 0;
  lotline_recalls_page_job_started (self);
  lotline_recalls_page_job_done (self);
  self->recall_id = 0;
  g_clear_pointer (&self->recall, lotline_recall_free);
  g_array_set_size (self->recall_ids, 0);
  self->filling++;
  lotline_view_list_box_clear (self->recall_list);
  self->filling--;
  g_list_store_remove_all (self->consignees);
  gtk_widget_set_visible (self->detail_box, FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");

  if (session != NULL)
    {
      self->cancellable = g_cancellable_new ();
      g_signal_connect_swapped (session, "changed", G_CALLBACK (on_session_changed_cb), self);
      load_recalls (self);
    }
  lotline_recalls_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

gboolean
lotline_recalls_page_get_busy (LotlineRecallsPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALLS_PAGE (self), FALSE);

  return self->n_jobs > 0;
}

GtkListBox *
lotline_recalls_page_get_list (LotlineRecallsPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALLS_PAGE (self), NULL);

  return self->recall_list;
}

gint64
lotline_recalls_page_get_recall_id (LotlineRecallsPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALLS_PAGE (self), 0);

  return self->recall != NULL ? self->recall->id : 0;
}

GListModel *
lotline_recalls_page_get_consignees (LotlineRecallsPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALLS_PAGE (self), NULL);

  return G_LIST_MODEL (self->consignees);
}

/* ---- GObject -------------------------------------------------------------- */

GtkWidget *
lotline_recalls_page_new (void)
{
  return g_object_new (LOTLINE_TYPE_RECALLS_PAGE, NULL);
}

static void
lotline_recalls_page_dispose (GObject *object)
{
  LotlineRecallsPage *self = LOTLINE_RECALLS_PAGE (object);

  lotline_recalls_page_set_session (self, NULL);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTLINE_TYPE_RECALLS_PAGE);
  G_OBJECT_CLASS (lotline_recalls_page_parent_class)->dispose (object);
}

static void
lotline_recalls_page_finalize (GObject *object)
{
  LotlineRecallsPage *self = LOTLINE_RECALLS_PAGE (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->consignees);
  g_clear_pointer (&self->recall, lotline_recall_free);
  g_clear_pointer (&self->recall_ids, g_array_unref);
  g_clear_pointer (&self->pending_action, g_free);
  G_OBJECT_CLASS (lotline_recalls_page_parent_class)->finalize (object);
}

static void
lotline_recalls_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LotlineRecallsPage *self = LOTLINE_RECALLS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_recalls_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LotlineRecallsPage *self = LOTLINE_RECALLS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lotline_recalls_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_recalls_page_class_init (LotlineRecallsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotline_recalls_page_dispose;
  object_class->finalize = lotline_recalls_page_finalize;
  object_class->get_property = lotline_recalls_page_get_property;
  object_class->set_property = lotline_recalls_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LOTLINE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lotline/Lotline/lotline-recalls-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, recall_list);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, detail_spinner);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, documents_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, terminate_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, summary_list);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, lots_list);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, consignee_view);
  gtk_widget_class_bind_template_callback (widget_class, on_recall_selected_cb);

  lotline_recalls_page_class_add_actions (widget_class);
  lotline_recalls_page_class_add_wizard (widget_class);
}

static void
lotline_recalls_page_init (LotlineRecallsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->recall_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->consignees = g_list_store_new (LOTLINE_TYPE_RECALL_CONSIGNEE_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->consignees)));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_consignee_selected_cb), self);
  gtk_column_view_set_model (self->consignee_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  lotline_recalls_page_update_actions (self);
}
