/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-lot-chooser.h"
#include "lotline-query.h"
#include "lotline-view-util.h"

/* Enough to find a lot by typing a few letters of its code. */
#define SEARCH_LIMIT 50

struct _LotlineLotChooser
{
  AdwActionRow    parent_instance;

  LotlineSession *session;
  gboolean        on_hand_only;
  gint64          lot_id;
  LotlineLot     *lot;
  GArray         *stock;
  guint           lot_generation;
  guint           search_generation;
  guint           busy;            /* jobs under way */
  GCancellable   *cancellable;

  GtkMenuButton  *button;
  GtkSearchEntry *search_entry;
  GtkListBox     *results;
  GtkLabel       *results_status;
};

G_DEFINE_FINAL_TYPE (LotlineLotChooser, lotline_lot_chooser, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_LOT_ID,
  PROP_BUSY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  LotlineLotChooser *self;
  guint              generation;
} Request;

static Request *
request_new (LotlineLotChooser *self,
             guint              generation)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->generation = generation;
  self->busy++;
  if (self->busy == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return request;
}

/* Returns the chooser, owned by the caller, and frees @request. */
static LotlineLotChooser *
request_finish (Request *request,
                guint   *generation)
{
  LotlineLotChooser *self = request->self;

  *generation = request->generation;
  g_free (request);
  self->busy--;
  if (self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return self;
}

/* ---- the chosen lot ------------------------------------------------------ */

typedef struct {
  LotlineLot *lot;
  GArray     *stock;
} LotDetails;

static void
lot_details_free (gpointer data)
{
  LotDetails *details = data;

  g_clear_pointer (&details->lot, lotline_lot_free);
  g_clear_pointer (&details->stock, g_array_unref);
  g_free (details);
}

static gpointer
load_lot_job (LotlineStore  *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  gint64 lot_id = *(gint64 *) data;
  LotDetails *details = g_new0 (LotDetails, 1);

  details->lot = lotline_store_get_lot (store, lot_id, error);
  if (details->lot != NULL)
    details->stock = lotline_store_get_stock (store, lot_id, error);
  if (details->stock == NULL)
    {
      lot_details_free (details);
      return NULL;
    }
  return details;
}

/* "100 kg at WH1, 20 kg at WH2" */
static char *
format_stock (const LotlineLot *lot,
              GArray           *stock)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < stock->len; i++)
    {
      const LotlineStockEntry *entry = &g_array_index (stock, LotlineStockEntry, i);
      g_autofree char *quantity = NULL;

      if (entry->quantity == 0)
        continue;
      quantity = lotline_view_format_quantity (entry->quantity, lot->unit);
      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: "100 kg at WH1" */
      g_string_append_printf (text, _("%s at %s"), quantity, entry->location_code);
    }
  if (text->len == 0)
    g_string_append (text, _("none on hand"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_subtitle (LotlineLotChooser *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  if (self->lot_id == 0)
    subtitle = g_strdup (_("None chosen"));
  else if (self->lot == NULL)
    subtitle = g_strdup (_("Loading…"));
  else
    {
      g_autofree char *stock = format_stock (self->lot, self->stock);

      /* Translators: the chosen lot: "F1 · Strawberries\n100 kg at WH1" */
      subtitle = g_strdup_printf (_("%s · %s\n%s"), self->lot->code, self->lot->product_name, stock);
    }

  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), escaped);
}

static void
on_lot_loaded_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  guint generation;
  g_autoptr(LotlineLotChooser) self = request_finish (user_data, &generation);
  g_autoptr(GError) error = NULL;
  LotDetails *details = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);

  if (generation != self->lot_generation || self->button == NULL)
    {
      g_clear_pointer (&details, lot_details_free);
      return;
    }

  if (details == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error ? error->message : "", -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), escaped);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  self->lot = g_steal_pointer (&details->lot);
  self->stock = g_steal_pointer (&details->stock);
  lot_details_free (details);
  update_subtitle (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
lotline_lot_chooser_set_lot_id (LotlineLotChooser *self,
                                gint64             lot_id)
{
  g_return_if_fail (LOTLINE_IS_LOT_CHOOSER (self));

  if (lot_id == self->lot_id && (self->lot != NULL || lot_id == 0))
    return;

  self->lot_id = lot_id;
  self->lot_generation++;
  g_clear_pointer (&self->lot, lotline_lot_free);
  g_clear_pointer (&self->stock, g_array_unref);
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOT_ID]);

  if (lot_id == 0)
    {
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  lotline_session_run_async (self->session, load_lot_job,
                             g_memdup2 (&lot_id, sizeof lot_id), g_free,
                             lot_details_free, self->cancellable,
                             on_lot_loaded_cb, request_new (self, self->lot_generation));
}

/* ---- searching ----------------------------------------------------------- */

typedef struct {
  char    *search;
  char    *today;
  gboolean on_hand_only;
} SearchData;

static void
search_data_free (gpointer data)
{
  SearchData *sd = data;

  g_free (sd->search);
  g_free (sd->today);
  g_free (sd);
}

static gpointer
search_job (LotlineStore  *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  SearchData *sd = data;
  LotlineLotQuery query;

  lotline_lot_query_init (&query, sd->today);
  query.search = sd->search;
  query.on_hand_only = sd->on_hand_only;
  /* First expiry first, the order stock is used in. */
  query.sort = sd->on_hand_only ? LOTLINE_LOT_SORT_EXPIRES : LOTLINE_LOT_SORT_CODE;
  return lotline_store_query_lots (store, &query, 0, SEARCH_LIMIT, error);
}

static void
on_result_row_activated_cb (AdwActionRow      *row,
                            LotlineLotChooser *self)
{
  gint64 *lot_id = g_object_get_data (G_OBJECT (row), "lotline-lot-id");

  gtk_menu_button_popdown (self->button);
  if (lot_id != NULL)
    lotline_lot_chooser_set_lot_id (self, *lot_id);
}

static GtkWidget *
result_row_new (LotlineLotChooser   *self,
                const LotlineLotRow *lot)
{
  g_autofree char *on_hand = lotline_view_format_quantity (lot->on_hand, lot->unit);
  g_autofree char *expires = lotline_view_format_date (lot->expires_on);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row;

  g_string_append_printf (subtitle, "%s · %s\n%s", lot->product_sku, lot->product_name, on_hand);
  if (lot->locations != NULL)
    g_string_append_printf (subtitle, " · %s", lot->locations);
  if (expires != NULL)
    {
      g_string_append (subtitle, " · ");
      /* Translators: "expires 11 Mar 2026" */
      g_string_append_printf (subtitle, _("expires %s"), expires);
    }
  if (lot->status != LOTLINE_LOT_RELEASED)
    g_string_append_printf (subtitle, " · %s", lotline_lot_status_to_display (lot->status));

  row = lotline_view_info_row_new (lot->code, subtitle->str);
  {
    /* Translators: a lot in the search results, "F1, Strawberries" */
    g_autofree char *name = g_strdup_printf (_("%s, %s"), lot->code, lot->product_name);

    lotline_view_set_accessible_label (row, name);
  }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "lotline-lot-id",
                          g_memdup2 (&lot->id, sizeof lot->id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_result_row_activated_cb), self);
  return row;
}

static void
on_search_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  guint generation;
  g_autoptr(LotlineLotChooser) self = request_finish (user_data, &generation);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);

  if (generation != self->search_generation || self->results == NULL)
    return;

  lotline_view_list_box_clear (self->results);
  if (rows == NULL)
    {
      gtk_label_set_text (self->results_status, error ? error->message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->results_status), TRUE);
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_append (self->results, result_row_new (self, g_ptr_array_index (rows, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->results), rows->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->results_status), rows->len == 0 || rows->len == SEARCH_LIMIT);
  if (rows->len == 0)
    gtk_label_set_text (self->results_status, _("No lot matches. Try a shorter search."));
  else if (rows->len == SEARCH_LIMIT)
    gtk_label_set_text (self->results_status, _("Only the first matches are shown. Type more to narrow the search."));
}

static void
search (LotlineLotChooser *self)
{
  SearchData *sd = g_new0 (SearchData, 1);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  sd->search = g_strstrip (g_strdup (text));
  sd->today = lotline_session_dup_today (self->session);
  sd->on_hand_only = self->on_hand_only;

  self->search_generation++;
  lotline_session_run_async (self->session, search_job, sd, search_data_free,
                             (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                             on_search_done_cb, request_new (self, self->search_generation));
}

static void
on_search_changed_cb (GtkSearchEntry    *entry,
                      LotlineLotChooser *self)
{
  search (self);
}

static void
on_search_activate_cb (GtkSearchEntry    *entry,
                       LotlineLotChooser *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results, 0);

  if (first != NULL && gtk_widget_get_visible (GTK_WIDGET (self->results)))
    adw_action_row_activate (ADW_ACTION_ROW (first));
}

static void
on_popover_show_cb (GtkPopover        *popover,
                    LotlineLotChooser *self)
{
  search (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- GObject ------------------------------------------------------------- */

static void
lotline_lot_chooser_dispose (GObject *object)
{
  LotlineLotChooser *self = LOTLINE_LOT_CHOOSER (object);

  g_cancellable_cancel (self->cancellable);
  self->button = NULL;
  self->results = NULL;
  self->search_entry = NULL;
  self->results_status = NULL;
  g_clear_object (&self->session);
  g_clear_pointer (&self->lot, lotline_lot_free);
  g_clear_pointer (&self->stock, g_array_unref);

  G_OBJECT_CLASS (lotline_lot_chooser_parent_class)->dispose (object);
}

static void
lotline_lot_chooser_finalize (GObject *object)
{
  LotlineLotChooser *self = LOTLINE_LOT_CHOOSER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lotline_lot_chooser_parent_class)->finalize (object);
}

static void
lotline_lot_chooser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LotlineLotChooser *self = LOTLINE_LOT_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_LOT_ID:
      g_value_set_int64 (value, self->lot_id);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_lot_chooser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LotlineLotChooser *self = LOTLINE_LOT_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_LOT_ID:
      lotline_lot_chooser_set_lot_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_lot_chooser_class_init (LotlineLotChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lotline_lot_chooser_dispose;
  object_class->finalize = lotline_lot_chooser_finalize;
  object_class->get_property = lotline_lot_chooser_get_property;
  object_class->set_property = lotline_lot_chooser_set_property;

  properties[PROP_LOT_ID] =
    g_param_spec_int64 ("lot-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LotlineLotChooser::changed:
   *
   * The chosen lot changed and its details are in (or it was cleared).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
lotline_lot_chooser_init (LotlineLotChooser *self)
{
  GtkWidget *popover, *box, *scroller;

  self->cancellable = g_cancellable_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Lot"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 0);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry,
                "placeholder-text", _("Lot code, product or supplier"),
                "search-delay", 200u,
                NULL);
  lotline_view_set_accessible_label (GTK_WIDGET (self->search_entry), _("Search lots"));
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (on_search_activate_cb), self);

  self->results = lotline_view_boxed_list_new ();
  lotline_view_set_accessible_label (GTK_WIDGET (self->results), _("Matching lots"));

  self->results_status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->results_status, TRUE);
  gtk_label_set_max_width_chars (self->results_status, 30);
  gtk_widget_add_css_class (GTK_WIDGET (self->results_status), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->results_status), FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->results));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->results_status));

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_widget_set_size_request (scroller, 300, -1);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (box), scroller);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect (popover, "show", G_CALLBACK (on_popover_show_cb), self);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "edit-find-symbolic");
  gtk_menu_button_set_popover (self->button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Choose a lot"));
  lotline_view_set_accessible_label (GTK_WIDGET (self->button), _("Choose a lot"));

  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->button));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->button));
  lotline_view_set_accessible_label (GTK_WIDGET (self), _("Lot"));
  update_subtitle (self);
}

GtkWidget *
lotline_lot_chooser_new (LotlineSession *session,
                         gboolean        on_hand_only)
{
  LotlineLotChooser *self;

  g_return_val_if_fail (LOTLINE_IS_SESSION (session), NULL);

  self = g_object_new (LOTLINE_TYPE_LOT_CHOOSER, NULL);
  self->session = g_object_ref (session);
  self->on_hand_only = on_hand_only;
  return GTK_WIDGET (self);
}

gint64
lotline_lot_chooser_get_lot_id (LotlineLotChooser *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_CHOOSER (self), 0);

  return self->lot_id;
}

const LotlineLot *
lotline_lot_chooser_get_lot (LotlineLotChooser *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_CHOOSER (self), NULL);

  return self->lot;
}

GArray *
lotline_lot_chooser_get_stock (LotlineLotChooser *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_CHOOSER (self), NULL);

  return self->stock;
}

gboolean
lotline_lot_chooser_get_busy (LotlineLotChooser *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_CHOOSER (self), FALSE);

  return self->busy > 0;
}
