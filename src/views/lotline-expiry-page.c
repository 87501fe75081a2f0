/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-expiry-page.h"
#include "lotline-shelf-life-window.h"
#include "lotline-view-util.h"
#include "lotline-waste-view.h"

struct _LotlineExpiryPage
{
  AdwBin                 parent_instance;

  /* Template widgets */
  GtkDropDown           *mode_dropdown;
  GtkSpinButton         *days_spin;
  GtkWidget             *days_label;
  GtkMenuButton         *filters_button;
  GtkDropDown           *product_dropdown;
  GtkStringList         *product_names;
  GtkDropDown           *kind_dropdown;
  GtkDropDown           *warehouse_dropdown;
  GtkStringList         *warehouse_names;
  GtkDropDown           *supplier_dropdown;
  GtkStringList         *supplier_names;
  LotlineExpiryCalendar *calendar;
  GtkLabel              *list_title;
  GtkSpinner            *spinner;
  GtkWidget             *open_button;
  GtkWidget             *quarantine_button;
  GtkWidget             *write_off_button;
  GtkStack              *content_stack;
  GtkColumnView         *column_view;
  AdwStatusPage         *empty_page;
  GtkStack              *view_stack;
  LotlineWasteView      *waste_view;

  LotlineSession        *session;
  LotlineLotList        *lot_list;
  GtkSingleSelection    *selection;
  GSignalGroup          *item_signals;    /* on the selected item, which fills in later */
  GCancellable          *cancellable;     /* pickers and calendar fetches */
  guint                  generation;      /* of the calendar fetch under way */
  gboolean               loading;

  GArray                *product_ids;     /* gint64, after "All products" */
  GArray                *warehouse_ids;
  GArray                *supplier_ids;

  char                  *today;
  int                    warning_days;
  guint                  updating_filters;
};

G_DEFINE_FINAL_TYPE (LotlineExpiryPage, lotline_expiry_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_WARNING_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh_calendar (LotlineExpiryPage *self);
static void refresh_list     (LotlineExpiryPage *self);

/* ---- filters ------------------------------------------------------------- */

static gint64
picked_id (GtkDropDown *dropdown,
           GArray      *ids)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || i - 1 >= ids->len)
    return 0;
  return g_array_index (ids, gint64, i - 1);
}

/* The page's filters, without the list mode; @query borrows self->today. */
static void
init_filter_query (LotlineExpiryPage *self,
                   LotlineLotQuery   *query)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  lotline_lot_query_init (query, self->today);
  query->product_id = picked_id (self->product_dropdown, self->product_ids);
  if (kind != 0 && kind != GTK_INVALID_LIST_POSITION)
    query->product_kind = (int) kind - 1;
  query->location_id = picked_id (self->warehouse_dropdown, self->warehouse_ids);
  query->supplier_id = picked_id (self->supplier_dropdown, self->supplier_ids);
}

static void
update_filters_label (LotlineExpiryPage *self)
{
  guint n = (gtk_drop_down_get_selected (self->product_dropdown) != 0) +
            (gtk_drop_down_get_selected (self->kind_dropdown) != 0) +
            (gtk_drop_down_get_selected (self->warehouse_dropdown) != 0) +
            (gtk_drop_down_get_selected (self->supplier_dropdown) != 0);
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("Filters"));
  else
    /* Translators: the filters button when some filters are set */
    label = g_strdup_printf (_("Filters (%u)"), n);
  gtk_menu_button_set_label (self->filters_button, label);
}

static void
on_filters_changed_cb (LotlineExpiryPage *self)
{
  if (self->updating_filters > 0)
    return;
  update_filters_label (self);
  refresh_calendar (self);
  refresh_list (self);
}

static void
on_mode_changed_cb (LotlineExpiryPage *self)
{
  gboolean within = gtk_drop_down_get_selected (self->mode_dropdown) == LOTLINE_EXPIRY_MODE_EXPIRING;

  gtk_widget_set_visible (GTK_WIDGET (self->days_spin), within);
  gtk_widget_set_visible (self->days_label, within);
  lotline_expiry_calendar_set_selection_visible (self->calendar,
                                                 gtk_drop_down_get_selected (self->mode_dropdown) ==
                                                 LOTLINE_EXPIRY_MODE_SELECTED_DAYS);
  refresh_list (self);
}

static void
on_clear_clicked_cb (LotlineExpiryPage *self)
{
  self->updating_filters++;
  gtk_drop_down_set_selected (self->product_dropdown, 0);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->warehouse_dropdown, 0);
  gtk_drop_down_set_selected (self->supplier_dropdown, 0);
  self->updating_filters--;
  on_filters_changed_cb (self);
}

/* ---- pickers --------------------------------------------------------------- */

typedef struct {
  GPtrArray *products;
  GPtrArray *warehouses;
  GPtrArray *suppliers;
} Pickers;

static void
pickers_free (gpointer data)
{
  Pickers *pickers = data;

  g_clear_pointer (&pickers->products, g_ptr_array_unref);
  g_clear_pointer (&pickers->warehouses, g_ptr_array_unref);
  g_clear_pointer (&pickers->suppliers, g_ptr_array_unref);
  g_free (pickers);
}

static gpointer
list_pickers (LotlineStore  *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Pickers *pickers = g_new0 (Pickers, 1);
  g_autoptr(GPtrArray) locations = NULL;

  pickers->products = lotline_store_list_products (store, -1, error);
  if (pickers->products != NULL)
    pickers->suppliers = lotline_store_list_parties (store, LOTLINE_PARTY_SUPPLIER, error);
  if (pickers->suppliers != NULL)
    locations = lotline_store_list_locations (store, error);
  if (locations == NULL)
    {
      pickers_free (pickers);
      return NULL;
    }
  pickers->warehouses = g_ptr_array_new_with_free_func ((GDestroyNotify) lotline_record_ref_free);
  for (guint i = 0; i < locations->len; i++)
    {
      LotlineRecordRef *ref = g_ptr_array_index (locations, i);

      if (ref->kind == LOTLINE_LOCATION_WAREHOUSE)
        g_ptr_array_add (pickers->warehouses, g_ptr_array_steal_index (locations, i--));
    }
  return pickers;
}

/* Replaces everything after "All …" in @names with @refs. */
static void
fill_picker (GtkStringList *names,
             GArray        *ids,
             GPtrArray     *refs)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (names));

  g_array_set_size (ids, 0);
  for (guint i = 0; i < refs->len; i++)
    {
      LotlineRecordRef *ref = g_ptr_array_index (refs, i);

      g_array_append_val (ids, ref->id);
      g_ptr_array_add (strings, g_strdup_printf ("%s (%s)", ref->name, ref->code));
    }
  g_ptr_array_add (strings, NULL);
  gtk_string_list_splice (names, 1, n_old - 1, (const char * const *) strings->pdata);
}

static void
on_pickers_listed_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LotlineExpiryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Pickers *pickers = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);

  if (pickers == NULL || LOTLINE_SESSION (source_object) != self->session)
    {
      /* Without the lists the filters offer "All …" only. */
      g_clear_pointer (&pickers, pickers_free);
      return;
    }
  self->updating_filters++;
  fill_picker (self->product_names, self->product_ids, pickers->products);
  fill_picker (self->warehouse_names, self->warehouse_ids, pickers->warehouses);
  fill_picker (self->supplier_names, self->supplier_ids, pickers->suppliers);
  self->updating_filters--;
  pickers_free (pickers);
}

/* ---- the calendar ---------------------------------------------------------- */

typedef struct {
  LotlineLotQuery query;
  char           *today;
  char           *from;
  char           *to;
} CalendarJob;

static void
calendar_job_free (gpointer data)
{
  CalendarJob *job = data;

  g_free (job->today);
  g_free (job->from);
  g_free (job->to);
  g_free (job);
}

static gpointer
fetch_calendar (LotlineStore  *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  CalendarJob *job = data;

  return lotline_store_expiry_calendar (store, &job->query, job->from, job->to, error);
}

static void
set_loading (LotlineExpiryPage *self,
             gboolean           loading)
{
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
}

typedef struct {
  LotlineExpiryPage *self;
  guint              generation;
} CalendarWait;

static void
on_calendar_fetched_cb (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CalendarWait *wait = user_data;
  g_autoptr(LotlineExpiryPage) self = wait->self;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GError) error = NULL;
  guint generation = wait->generation;

  g_free (wait);
  days = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  if (generation != self->generation || LOTLINE_SESSION (source_object) != self->session)
    return;   /* A newer fetch is under way. */

  set_loading (self, FALSE);
  if (days == NULL)
    {
      g_autoptr(GString) text = g_string_new (_("The expiry calendar could not be read."));

      g_string_append_printf (text, " %s", error->message);
      gtk_label_set_label (self->list_title, text->str);
      return;
    }
  lotline_expiry_calendar_set_days (self->calendar, days);
}

static void
refresh_calendar (LotlineExpiryPage *self)
{
  CalendarJob *job;
  CalendarWait *wait;

  if (self->session == NULL || self->today == NULL)
    return;

  job = g_new0 (CalendarJob, 1);
  init_filter_query (self, &job->query);
  job->today = g_strdup (self->today);
  job->query.today = job->today;
  job->from = lotline_expiry_calendar_dup_first_visible (self->calendar);
  job->to = lotline_expiry_calendar_dup_last_visible (self->calendar);

  wait = g_new0 (CalendarWait, 1);
  wait->self = g_object_ref (self);
  wait->generation = ++self->generation;
  set_loading (self, TRUE);
  lotline_session_run_async (self->session, fetch_calendar, job, calendar_job_free,
                             (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                             on_calendar_fetched_cb, wait);
}

static void
on_calendar_month_cb (LotlineExpiryPage *self)
{
  refresh_calendar (self);
}

static void
on_calendar_selection_cb (LotlineExpiryPage *self)
{
  if (gtk_drop_down_get_selected (self->mode_dropdown) != LOTLINE_EXPIRY_MODE_SELECTED_DAYS)
    gtk_drop_down_set_selected (self->mode_dropdown, LOTLINE_EXPIRY_MODE_SELECTED_DAYS);
  else
    refresh_list (self);
}

/* ---- the list ---------------------------------------------------------------- */

static char *
describe_selection (const char *from,
                    const char *to)
{
  g_autofree char *a = lotline_view_format_date (from);
  g_autofree char *b = lotline_view_format_date (to);

  if (g_strcmp0 (from, to) == 0)
    /* Translators: the heading of the lot list; %s is a date */
    return g_strdup_printf (_("Lots expiring on %s"), a);
  /* Translators: the heading of the lot list; the %s are dates */
  return g_strdup_printf (_("Lots expiring from %s to %s"), a, b);
}

static void
refresh_list (LotlineExpiryPage *self)
{
  g_autofree char *title = NULL;
  LotlineLotQuery filter, query;
  guint mode;

  if (self->lot_list == NULL || self->updating_filters > 0)
    return;

  init_filter_query (self, &filter);
  mode = gtk_drop_down_get_selected (self->mode_dropdown);
  switch (mode)
    {
    case LOTLINE_EXPIRY_MODE_EXPIRING:
      {
        int days = gtk_spin_button_get_value_as_int (self->days_spin);

        lotline_lot_query_init_expiring (&query, self->today, days);
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Lots expiring within %d day",
                                              "Lots expiring within %d days", days), days);
      }
      break;
    case LOTLINE_EXPIRY_MODE_EXPIRED_ON_HAND:
      lotline_lot_query_init_expired_on_hand (&query, self->today);
      title = g_strdup (_("Expired lots still on hand"));
      break;
    case LOTLINE_EXPIRY_MODE_SELECTED_DAYS:
    default:
      {
        const char *from = NULL, *to = NULL;

        lotline_lot_query_init (&query, self->today);
        query.on_hand_only = TRUE;
        query.sort = LOTLINE_LOT_SORT_EXPIRES;
        if (lotline_expiry_calendar_get_selection (self->calendar, &from, &to))
          {
            query.expires_from = from;
            query.expires_to = to;
            title = describe_selection (from, to);
          }
        else
          {
            query.expires_from = query.expires_to = self->today;
            title = describe_selection (self->today, self->today);
          }
      }
      break;
    }
  query.product_id = filter.product_id;
  query.product_kind = filter.product_kind;
  query.location_id = filter.location_id;
  query.supplier_id = filter.supplier_id;

  gtk_label_set_label (self->list_title, title);
  lotline_lot_list_set_query (self->lot_list, &query);
}

static LotlineLotItem *
dup_selected_item (LotlineExpiryPage *self)
{
  gpointer item = self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  if (item == NULL || !lotline_lot_item_get_loaded (item))
    return NULL;
  return g_object_ref (item);
}

static void
update_actions (LotlineExpiryPage *self)
{
  g_autoptr(LotlineLotItem) item = dup_selected_item (self);
  const LotlineLotRow *row = item != NULL ? lotline_lot_item_get_row (item) : NULL;

  gtk_widget_set_sensitive (self->open_button, row != NULL);
  gtk_widget_set_sensitive (self->quarantine_button, row != NULL &&
                            (row->status == LOTLINE_LOT_RELEASED || row->status == LOTLINE_LOT_EXPIRED));
  /* Only stock past its expiry date is written off as expired. */
  gtk_widget_set_sensitive (self->write_off_button,
                            row != NULL && row->on_hand > 0 && row->days_left != G_MININT && row->days_left < 0);
}

static void
update_state (LotlineExpiryPage *self)
{
  guint n = self->selection != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->selection)) : 0;
  gboolean loading = self->lot_list != NULL && lotline_lot_list_get_loading (self->lot_list);

  if (n == 0 && !loading)
    {
      adw_status_page_set_description (self->empty_page,
                                       _("No lot with stock matches. Pick other days in the calendar, or clear the filters."));
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->content_stack, "list");
    }
  update_actions (self);
}

static void
on_items_changed_cb (LotlineExpiryPage *self)
{
  update_state (self);
}

static void
on_selected_item_cb (LotlineExpiryPage *self)
{
  g_signal_group_set_target (self->item_signals, gtk_single_selection_get_selected_item (self->selection));
  update_actions (self);
}

static void
on_column_view_activate_cb (LotlineExpiryPage *self,
                            guint              position)
{
  g_autoptr(LotlineLotItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL && lotline_lot_item_get_loaded (item))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-lot", "x", lotline_lot_item_get_id (item));
}

/* ---- actions ----------------------------------------------------------------- */

static void
on_open_clicked_cb (LotlineExpiryPage *self)
{
  g_autoptr(LotlineLotItem) item = dup_selected_item (self);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-lot", "x", lotline_lot_item_get_id (item));
}

static void
on_quarantine_clicked_cb (LotlineExpiryPage *self)
{
  g_autoptr(LotlineLotItem) item = dup_selected_item (self);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.record-for-lot", "(sx)", "quarantine",
                                lotline_lot_item_get_id (item));
}

static void
toast (LotlineExpiryPage *self,
       const char        *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_autofree char *markup = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
}

typedef struct {
  gint64 lot_id;
} WriteOffJob;

static gpointer
write_off (LotlineStore  *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  WriteOffJob *job = data;

  if (!lotline_store_write_off_expired (store, job->lot_id, 0, 0, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

typedef struct {
  LotlineExpiryPage *self;
  char              *code;
} WriteOffWait;

static void
on_written_off_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  WriteOffWait *wait = user_data;
  g_autoptr(LotlineExpiryPage) self = wait->self;
  g_autofree char *code = wait->code;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_free (wait);
  if (lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error) == NULL)
    {
      toast (self, error->message);
      return;
    }
  /* Translators: a toast; %s is a lot code */
  text = g_strdup_printf (_("Lot %s written off as expired"), code);
  toast (self, text);
  lotline_session_notify_changed (LOTLINE_SESSION (source_object));
}

static void
on_write_off_response_cb (AdwMessageDialog  *dialog,
                          const char        *response,
                          LotlineExpiryPage *self)
{
  WriteOffJob *job;
  WriteOffWait *wait;
  gint64 lot_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "lot-id"));

  if (g_strcmp0 (response, "write-off") != 0 || self->session == NULL)
    return;

  job = g_new0 (WriteOffJob, 1);
  job->lot_id = lot_id;
  wait = g_new0 (WriteOffWait, 1);
  wait->self = g_object_ref (self);
  wait->code = g_strdup (g_object_get_data (G_OBJECT (dialog), "lot-code"));
  lotline_session_run_async (self->session, write_off, job, g_free, NULL, NULL, on_written_off_cb, wait);
}

static void
on_write_off_clicked_cb (LotlineExpiryPage *self)
{
  g_autoptr(LotlineLotItem) item = dup_selected_item (self);
  const LotlineLotRow *row;
  g_autofree char *quantity = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (item == NULL)
    return;
  row = lotline_lot_item_get_row (item);
  quantity = lotline_view_format_quantity (row->on_hand, row->unit);
  /* Translators: the body of the write-off confirmation: lot code,
   * product, quantity */
  body = g_strdup_printf (_("All stock of lot %s (%s), %s, will be recorded as destroyed because it expired. This cannot be undone."),
                          row->code, row->product_name, quantity);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Write Off Expired Stock?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "write-off", _("_Write Off"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "write-off",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "lot-id", GSIZE_TO_POINTER ((gsize) row->id));
  g_object_set_data_full (G_OBJECT (dialog), "lot-code", g_strdup (row->code), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_write_off_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_policies_clicked_cb (LotlineExpiryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->session == NULL)
    return;
  gtk_window_present (lotline_shelf_life_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                     self->session));
}

/* ---- session --------------------------------------------------------------- */

static void
on_session_changed_cb (LotlineExpiryPage *self)
{
  refresh_calendar (self);
}

LotlineSession *
lotline_expiry_page_get_session (LotlineExpiryPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_EXPIRY_PAGE (self), NULL);

  return self->session;
}

void
lotline_expiry_page_set_session (LotlineExpiryPage *self,
                                 LotlineSession    *session)
{
  g_return_if_fail (LOTLINE_IS_EXPIRY_PAGE (self));
  g_return_if_fail (session == NULL || LOTLINE_IS_SESSION (session));

  if (self->session == session)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_column_view_set_model (self->column_view, NULL);
  g_signal_group_set_target (self->item_signals, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->lot_list);
  g_set_object (&self->session, session);
  lotline_waste_view_set_session (self->waste_view, session);
  self->generation++;
  set_loading (self, FALSE);
  lotline_expiry_calendar_set_days (self->calendar, NULL);

  self->updating_filters++;
  on_clear_clicked_cb (self);
  gtk_drop_down_set_selected (self->mode_dropdown, LOTLINE_EXPIRY_MODE_SELECTED_DAYS);
  self->updating_filters--;
  update_filters_label (self);

  if (session != NULL)
    {
      self->cancellable = g_cancellable_new ();
      g_free (self->today);
      self->today = lotline_session_dup_today (session);

      self->lot_list = lotline_lot_list_new (session);
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->lot_list)));
      gtk_single_selection_set_autoselect (self->selection, TRUE);
      g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (on_items_changed_cb), self);
      g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selected_item_cb), self);
      g_signal_connect_swapped (self->lot_list, "notify::loading", G_CALLBACK (on_items_changed_cb), self);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
      g_signal_connect_swapped (session, "changed", G_CALLBACK (on_session_changed_cb), self);

      self->updating_filters++;
      lotline_expiry_calendar_set_today (self->calendar, self->today);
      self->updating_filters--;
      refresh_calendar (self);
      refresh_list (self);
      lotline_session_run_async (session, list_pickers, NULL, NULL, pickers_free, self->cancellable,
                                 on_pickers_listed_cb, g_object_ref (self));
    }
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

int
lotline_expiry_page_get_warning_days (LotlineExpiryPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_EXPIRY_PAGE (self), 0);

  return self->warning_days;
}

void
lotline_expiry_page_set_warning_days (LotlineExpiryPage *self,
                                      int                days)
{
  g_return_if_fail (LOTLINE_IS_EXPIRY_PAGE (self));

  if (self->warning_days == days)
    return;
  self->warning_days = days;
  lotline_expiry_calendar_set_warning_days (self->calendar, days);
  gtk_spin_button_set_value (self->days_spin, days);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNING_DAYS]);
}

void
lotline_expiry_page_set_mode (LotlineExpiryPage *self,
                              LotlineExpiryMode  mode)
{
  g_return_if_fail (LOTLINE_IS_EXPIRY_PAGE (self));

  gtk_drop_down_set_selected (self->mode_dropdown, mode);
}

LotlineExpiryCalendar *
lotline_expiry_page_get_calendar (LotlineExpiryPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_EXPIRY_PAGE (self), NULL);

  return self->calendar;
}

gboolean
lotline_expiry_page_get_loading (LotlineExpiryPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_EXPIRY_PAGE (self), FALSE);

  return self->loading;
}

GListModel *
lotline_expiry_page_get_model (LotlineExpiryPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_EXPIRY_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

LotlineWasteView *
lotline_expiry_page_get_waste_view (LotlineExpiryPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_EXPIRY_PAGE (self), NULL);

  return self->waste_view;
}

void
lotline_expiry_page_show_view (LotlineExpiryPage *self,
                               const char        *name)
{
  g_return_if_fail (LOTLINE_IS_EXPIRY_PAGE (self));

  if (gtk_stack_get_child_by_name (self->view_stack, name) != NULL)
    gtk_stack_set_visible_child_name (self->view_stack, name);
}

LotlineLotList *
lotline_expiry_page_get_lot_list (LotlineExpiryPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_EXPIRY_PAGE (self), NULL);

  return self->lot_list;
}

GtkWidget *
lotline_expiry_page_new (void)
{
  return g_object_new (LOTLINE_TYPE_EXPIRY_PAGE, NULL);
}

/* ---- GObject ------------------------------------------------------------------ */

static void
lotline_expiry_page_dispose (GObject *object)
{
  LotlineExpiryPage *self = LOTLINE_EXPIRY_PAGE (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTLINE_TYPE_EXPIRY_PAGE);
  if (self->item_signals != NULL)
    g_signal_group_set_target (self->item_signals, NULL);
  g_clear_object (&self->item_signals);
  g_clear_object (&self->selection);
  g_clear_object (&self->lot_list);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lotline_expiry_page_parent_class)->dispose (object);
}

static void
lotline_expiry_page_finalize (GObject *object)
{
  LotlineExpiryPage *self = LOTLINE_EXPIRY_PAGE (object);

  g_clear_pointer (&self->product_ids, g_array_unref);
  g_clear_pointer (&self->warehouse_ids, g_array_unref);
  g_clear_pointer (&self->supplier_ids, g_array_unref);
  g_free (self->today);

  G_OBJECT_CLASS (lotline_expiry_page_parent_class)->finalize (object);
}

static void
lotline_expiry_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LotlineExpiryPage *self = LOTLINE_EXPIRY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_WARNING_DAYS:
      g_value_set_int (value, self->warning_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_expiry_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LotlineExpiryPage *self = LOTLINE_EXPIRY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lotline_expiry_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_WARNING_DAYS:
      lotline_expiry_page_set_warning_days (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_expiry_page_class_init (LotlineExpiryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotline_expiry_page_dispose;
  object_class->finalize = lotline_expiry_page_finalize;
  object_class->get_property = lotline_expiry_page_get_property;
  object_class->set_property = lotline_expiry_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LOTLINE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WARNING_DAYS] =
    g_param_spec_int ("warning-days", NULL, NULL, 0, 3650, 30,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LOTLINE_TYPE_EXPIRY_CALENDAR);
  g_type_ensure (LOTLINE_TYPE_LOT_ITEM);
  g_type_ensure (LOTLINE_TYPE_WASTE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lotline/Lotline/lotline-expiry-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, days_spin);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, days_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, filters_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, product_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, product_names);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, warehouse_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, warehouse_names);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, supplier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, supplier_names);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, list_title);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, quarantine_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, write_off_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineExpiryPage, waste_view);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_month_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_selection_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_quarantine_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_write_off_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_policies_clicked_cb);
}

static void
lotline_expiry_page_init (LotlineExpiryPage *self)
{
  self->warning_days = 30;
  self->product_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->warehouse_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->supplier_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->item_signals = g_signal_group_new (LOTLINE_TYPE_LOT_ITEM);
  g_signal_group_connect_swapped (self->item_signals, "notify::loaded", G_CALLBACK (update_actions), self);

  lotline_view_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  update_state (self);
}
