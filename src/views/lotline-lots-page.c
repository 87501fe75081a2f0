/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-lots-page.h"
#include "lotline-scan-entry.h"
#include "lotline-view-util.h"

/* The status filter's entries, in the order of LotlineLotStatus after
 * "Any status". */
#define N_STATUS_CHOICES (LOTLINE_LOT_DESTROYED + 2)
/* The product-kind filter's entries, in the order of LotlineProductKind
 * after "All products". */
#define N_KIND_CHOICES (LOTLINE_PRODUCT_FINISHED + 2)

struct _LotlineLotsPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *warehouse_dropdown;
  GtkStringList      *warehouse_names;
  GtkCheckButton     *expiring_check;
  GtkSpinButton      *expiring_spin;
  GtkCheckButton     *on_hand_check;
  GtkLabel           *count_label;
  GtkSpinner         *spinner;
  GtkStack           *content_stack;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *code_column;
  GtkColumnViewColumn *product_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *produced_column;
  GtkColumnViewColumn *expires_column;
  GtkColumnViewColumn *on_hand_column;
  GtkColumnViewColumn *locations_column;
  GtkColumnViewColumn *supplier_column;
  AdwStatusPage      *empty_page;
  GtkWidget          *clear_button;
  GtkRevealer        *scan_revealer;
  GtkWidget          *scan_box;
  GtkImage           *scan_icon;
  GtkLabel           *scan_label;

  LotlineSession     *session;
  LotlineLotList     *lot_list;
  GtkSingleSelection *selection;
  GArray             *warehouse_ids;      /* gint64, parallel to warehouse_names after "All" */
  GCancellable       *warehouse_cancellable;

  LotlineLotSort      sort;
  gboolean            descending;
  int                 sort_probe;         /* see on_sorter_changed_cb() */
  GObject            *probe_items[2];    /* distinct: a sorter finds an item equal to itself */

  int                 warning_days;
  guint               updating_filters;   /* > 0 while several controls change at once */
  gboolean            setting_search;     /* the search text is set, not typed */
  char               *message;            /* what the last scan found, or NULL */
};

G_DEFINE_FINAL_TYPE (LotlineLotsPage, lotline_lots_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_WARNING_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the query ----------------------------------------------------------- */

static gboolean
filters_active (LotlineLotsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return (text != NULL && *text != '\0') ||
         gtk_drop_down_get_selected (self->status_dropdown) != 0 ||
         gtk_drop_down_get_selected (self->kind_dropdown) != 0 ||
         gtk_drop_down_get_selected (self->warehouse_dropdown) != 0 ||
         gtk_check_button_get_active (self->expiring_check) ||
         gtk_check_button_get_active (self->on_hand_check);
}

static gboolean
query_equal (const LotlineLotQuery *a,
             const LotlineLotQuery *b)
{
  return g_strcmp0 (a->search, b->search) == 0 &&
         a->status_mask == b->status_mask &&
         a->product_kind == b->product_kind &&
         a->product_id == b->product_id &&
         a->supplier_id == b->supplier_id &&
         a->location_id == b->location_id &&
         a->expiring_within == b->expiring_within &&
         a->on_hand_only == b->on_hand_only &&
         g_strcmp0 (a->today, b->today) == 0 &&
         a->sort == b->sort &&
         a->descending == b->descending;
}

/* Builds the query the controls show and hands it to the list, which
 * counts and pages on a worker. */
static void
apply_query (LotlineLotsPage *self)
{
  g_autofree char *today = NULL;
  g_autofree char *search = NULL;
  LotlineLotQuery query;
  guint status, kind, warehouse;
  const LotlineLotQuery *current;

  if (self->updating_filters > 0 || self->lot_list == NULL)
    return;

  today = lotline_session_dup_today (self->session);
  lotline_lot_query_init (&query, today);

  search = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  query.search = *search != '\0' ? search : NULL;

  status = gtk_drop_down_get_selected (self->status_dropdown);
  if (status != 0 && status != GTK_INVALID_LIST_POSITION)
    query.status_mask = LOTLINE_STATUS_BIT (status - 1);

  kind = gtk_drop_down_get_selected (self->kind_dropdown);
  if (kind != 0 && kind != GTK_INVALID_LIST_POSITION)
    query.product_kind = (int) kind - 1;

  warehouse = gtk_drop_down_get_selected (self->warehouse_dropdown);
  if (warehouse != 0 && warehouse != GTK_INVALID_LIST_POSITION && warehouse - 1 < self->warehouse_ids->len)
    query.location_id = g_array_index (self->warehouse_ids, gint64, warehouse - 1);

  if (gtk_check_button_get_active (self->expiring_check))
    query.expiring_within = gtk_spin_button_get_value_as_int (self->expiring_spin);
  query.on_hand_only = gtk_check_button_get_active (self->on_hand_check);

  query.sort = self->sort;
  query.descending = self->descending;

  current = lotline_lot_list_get_query (self->lot_list);
  if (current != NULL && query_equal (current, &query))
    return;

  lotline_lot_list_set_query (self->lot_list, &query);
}

/* ---- count, loading and the empty state ---------------------------------- */

static void
update_state (LotlineLotsPage *self)
{
  gboolean loading = self->lot_list != NULL && lotline_lot_list_get_loading (self->lot_list);
  guint n = self->selection != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->selection)) : 0;

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);

  if (loading && n == 0)
    {
      /* Keep what is shown until the count arrives: no flash of "No Lots Found". */
      gtk_label_set_label (self->count_label, _("Searching…"));
      return;
    }

  if (!loading || n > 0)
    {
      g_autofree char *number = g_strdup_printf ("%'u", n);
      g_autofree char *text = NULL;

      /* Translators: the number of lots the search and filters found; %s is
       * the number, already formatted */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\u00a0lot", "%s\u00a0lots", n), number);
      gtk_label_set_label (self->count_label, text);
    }

  if (!loading && n == 0)
    {
      gboolean filtered = filters_active (self);

      adw_status_page_set_description (self->empty_page,
                                       filtered
                                       ? _("No lot matches the search and filters. Try other words, or clear the filters.")
                                       : _("This database has no lots yet. Receive or produce a lot to see it here."));
      gtk_widget_set_visible (self->clear_button, filtered);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->content_stack, "list");
    }
}

static void
on_items_changed_cb (LotlineLotsPage *self,
                     guint            position,
                     guint            removed,
                     guint            added,
                     GListModel      *model)
{
  update_state (self);
}

static void
on_loading_changed_cb (LotlineLotsPage *self,
                       GParamSpec      *pspec,
                       LotlineLotList  *list)
{
  update_state (self);
}

/* ---- filter controls ----------------------------------------------------- */

static void
on_filter_changed_cb (LotlineLotsPage *self)
{
  apply_query (self);
}

static void
on_expiring_days_changed_cb (LotlineLotsPage *self)
{
  /* Choosing a number of days asks for the filter. */
  if (!gtk_check_button_get_active (self->expiring_check) && self->updating_filters == 0)
    gtk_check_button_set_active (self->expiring_check, TRUE);
  else
    apply_query (self);
}

static void
on_search_stopped_cb (LotlineLotsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_clear_clicked_cb (LotlineLotsPage *self)
{
  lotline_lots_page_clear_filters (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
reset_filters (LotlineLotsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->warehouse_dropdown, 0);
  gtk_check_button_set_active (self->expiring_check, FALSE);
  gtk_spin_button_set_value (self->expiring_spin, self->warning_days);
  gtk_check_button_set_active (self->on_hand_check, FALSE);
}

void
lotline_lots_page_clear_filters (LotlineLotsPage *self)
{
  g_return_if_fail (LOTLINE_IS_LOTS_PAGE (self));

  self->updating_filters++;
  reset_filters (self);
  self->updating_filters--;
  apply_query (self);
}

gboolean
lotline_lots_page_apply_preset (LotlineLotsPage *self,
                                const char      *preset)
{
  static const struct {
    const char *name;
    int         status;     /* LotlineLotStatus, or -1 for any */
    gboolean    expiring;
  } presets[] = {
    { "on-hand", -1, FALSE },
    { "quarantined", LOTLINE_LOT_QUARANTINED, FALSE },
    { "expiring", LOTLINE_LOT_RELEASED, TRUE },
    { "expired", LOTLINE_LOT_EXPIRED, FALSE },
    { "recalled", LOTLINE_LOT_RECALLED, FALSE },
  };

  g_return_val_if_fail (LOTLINE_IS_LOTS_PAGE (self), FALSE);
  g_return_val_if_fail (preset != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      if (g_strcmp0 (presets[i].name, preset) != 0)
        continue;

      /* The overview counts lots with stock; the list shows the same lots. */
      self->updating_filters++;
      reset_filters (self);
      gtk_drop_down_set_selected (self->status_dropdown, (guint) (presets[i].status + 1));
      gtk_check_button_set_active (self->on_hand_check, TRUE);
      if (presets[i].expiring)
        {
          gtk_spin_button_set_value (self->expiring_spin, self->warning_days);
          gtk_check_button_set_active (self->expiring_check, TRUE);
        }
      self->updating_filters--;
      apply_query (self);
      return TRUE;
    }
  return FALSE;
}

/* ---- scanning into the search field ------------------------------------- */

/* Enter in the search field: the window reads what a scanner typed (or
 * leaves typed words to the search). */
static void
on_search_activate_cb (LotlineLotsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (text != NULL && *text != '\0')
    gtk_widget_activate_action (GTK_WIDGET (self), "win.scan", "s", text);
}

/* What a scan said goes once the person types again. */
static void
on_search_text_changed_cb (LotlineLotsPage *self)
{
  if (!self->setting_search)
    lotline_lots_page_show_message (self, NULL, FALSE);
}

/**
 * lotline_lots_page_show_message:
 * @self: a lots page
 * @text: (nullable): what a scan found or why it failed; %NULL hides it
 * @error: show it as an error
 *
 * Shows @text under the search field until the search text changes.
 */
void
lotline_lots_page_show_message (LotlineLotsPage *self,
                                const char      *text,
                                gboolean         error)
{
  g_return_if_fail (LOTLINE_IS_LOTS_PAGE (self));

  g_free (self->message);
  self->message = g_strdup (text);
  if (text != NULL)
    {
      gtk_label_set_text (self->scan_label, text);
      gtk_image_set_from_icon_name (self->scan_icon, error ? "dialog-error-symbolic" : "dialog-information-symbolic");
      gtk_widget_remove_css_class (self->scan_box, error ? "hint" : "error");
      gtk_widget_add_css_class (self->scan_box, error ? "error" : "hint");
    }
  gtk_revealer_set_reveal_child (self->scan_revealer, text != NULL);
}

const char *
lotline_lots_page_get_message (LotlineLotsPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOTS_PAGE (self), NULL);

  return self->message;
}

/**
 * lotline_lots_page_set_search:
 * @self: a lots page
 * @text: words to search for
 *
 * Searches for @text, as if typed, keeping any message shown.
 */
void
lotline_lots_page_set_search (LotlineLotsPage *self,
                              const char      *text)
{
  g_return_if_fail (LOTLINE_IS_LOTS_PAGE (self));

  self->setting_search = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  self->setting_search = FALSE;
  apply_query (self);
}

const char *
lotline_lots_page_get_search (LotlineLotsPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOTS_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

void
lotline_lots_page_focus_search (LotlineLotsPage *self)
{
  g_return_if_fail (LOTLINE_IS_LOTS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* ---- warehouses ------------------------------------------------------------ */

static gpointer
list_locations (LotlineStore  *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return lotline_store_list_locations (store, error);
}

static void
on_locations_listed_cb (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LotlineLotsPage) self = user_data;
  g_autoptr(GPtrArray) locations = NULL;
  g_autoptr(GError) error = NULL;
  guint n_old;

  locations = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  if (locations == NULL || LOTLINE_SESSION (source_object) != self->session)
    return;   /* Without warehouses the filter offers "All warehouses" only. */

  g_array_set_size (self->warehouse_ids, 0);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->warehouse_names));
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < locations->len; i++)
      {
        const LotlineRecordRef *ref = g_ptr_array_index (locations, i);

        if (ref->kind != LOTLINE_LOCATION_WAREHOUSE)
          continue;
        g_array_append_val (self->warehouse_ids, ref->id);
        if (ref->name != NULL && *ref->name != '\0' && g_strcmp0 (ref->name, ref->code) != 0)
          /* Translators: a warehouse in the filter: "WH1 — Main warehouse" */
          g_ptr_array_add (names, g_strdup_printf (_("%s — %s"), ref->code, ref->name));
        else
          g_ptr_array_add (names, g_strdup (ref->code));
      }
    g_ptr_array_add (names, NULL);

    self->updating_filters++;
    gtk_string_list_splice (self->warehouse_names, 1, n_old - 1, (const char * const *) names->pdata);
    gtk_drop_down_set_selected (self->warehouse_dropdown, 0);
    self->updating_filters--;
  }
}

static void
load_warehouses (LotlineLotsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->warehouse_names));

  g_cancellable_cancel (self->warehouse_cancellable);
  g_clear_object (&self->warehouse_cancellable);

  self->updating_filters++;
  gtk_string_list_splice (self->warehouse_names, 1, n - 1, NULL);
  gtk_drop_down_set_selected (self->warehouse_dropdown, 0);
  self->updating_filters--;
  g_array_set_size (self->warehouse_ids, 0);

  if (self->session == NULL)
    return;

  self->warehouse_cancellable = g_cancellable_new ();
  lotline_session_run_async (self->session, list_locations, NULL, NULL,
                             (GDestroyNotify) g_ptr_array_unref,
                             self->warehouse_cancellable, on_locations_listed_cb,
                             g_object_ref (self));
}

/* ---- sorting ----------------------------------------------------------------- */

/* GTK 4.8 cannot say which column the table is sorted by
 * (gtk_column_view_sorter_get_primary_sort_column is 4.10).  Each column's
 * sorter records its column when asked to compare and answers "smaller";
 * the column view's sorter asks the primary column first and inverts the
 * answer when that column sorts descending.  The list sorts in SQL. */
typedef struct {
  LotlineLotsPage *page;
  LotlineLotSort   sort;
} SortProbe;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  SortProbe *probe = user_data;

  probe->page->sort_probe = probe->sort;
  return GTK_ORDERING_SMALLER;
}

static void
set_column_sort (LotlineLotsPage     *self,
                 GtkColumnViewColumn *column,
                 LotlineLotSort       sort)
{
  SortProbe *probe = g_new0 (SortProbe, 1);
  g_autoptr(GtkSorter) sorter = NULL;

  probe->page = self;
  probe->sort = sort;
  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, probe, g_free));
  gtk_column_view_column_set_sorter (column, sorter);
}

static void
on_sorter_changed_cb (LotlineLotsPage  *self,
                      GtkSorterChange   change,
                      GtkSorter        *sorter)
{
  GtkOrdering order;

  self->sort_probe = -1;
  order = gtk_sorter_compare (sorter, self->probe_items[0], self->probe_items[1]);
  if (self->sort_probe < 0)
    {
      self->sort = LOTLINE_LOT_SORT_CODE;
      self->descending = FALSE;
    }
  else
    {
      self->sort = self->sort_probe;
      self->descending = order == GTK_ORDERING_LARGER;
    }
  apply_query (self);
}

/* ---- cells --------------------------------------------------------------------- */

typedef struct {
  const char *property;
  float       xalign;
  int         chars;        /* width in characters */
  gboolean    tooltip;      /* long texts: the whole text as a tooltip */
} TextColumn;

static const TextColumn code_cells = { "code", 0.0, 14, FALSE };
static const TextColumn product_cells = { "product", 0.0, 22, TRUE };
static const TextColumn produced_cells = { "produced-on", 0.0, 10, FALSE };
static const TextColumn on_hand_cells = { "on-hand-label", 1.0, 11, FALSE };
static const TextColumn locations_cells = { "locations", 0.0, 18, TRUE };
static const TextColumn supplier_cells = { "supplier", 0.0, 18, TRUE };

/* An empty cell shows nothing, rather than a label screen readers call
 * "GtkLabel". */
static void
on_cell_label_notify_cb (GtkLabel   *label,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  const char *text = gtk_label_get_label (label);

  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static GtkWidget *
create_cell_label (const TextColumn *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  /* A fixed request: the columns keep their width while pages arrive. */
  gtk_label_set_width_chars (GTK_LABEL (label), column->chars);
  gtk_label_set_max_width_chars (GTK_LABEL (label), column->chars);
  if (column->xalign > 0.5)
    gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_visible (label, FALSE);
  g_signal_connect (label, "notify::label", G_CALLBACK (on_cell_label_notify_cb), NULL);
  return label;
}

/* Each cell follows its item's string property through a GBindingGroup, so
 * a placeholder row fills in when its page arrives. */
static GtkWidget *
create_bound_label (GtkListItem      *list_item,
                    const TextColumn *column)
{
  GtkWidget *label = create_cell_label (column);
  GBindingGroup *bindings = g_binding_group_new ();

  g_binding_group_bind (bindings, column->property, label, "label", G_BINDING_SYNC_CREATE);
  if (column->tooltip)
    g_binding_group_bind (bindings, column->property, label, "tooltip-text", G_BINDING_SYNC_CREATE);
  g_object_set_data_full (G_OBJECT (list_item), "bindings", bindings, g_object_unref);
  return label;
}

static void
setup_text_cell_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, create_bound_label (list_item, user_data));
}

static void
bind_text_cell_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GBindingGroup *bindings = g_object_get_data (G_OBJECT (list_item), "bindings");

  g_binding_group_set_source (bindings, gtk_list_item_get_item (list_item));
}

static void
unbind_text_cell_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  GBindingGroup *bindings = g_object_get_data (G_OBJECT (list_item), "bindings");

  g_binding_group_set_source (bindings, NULL);
}

static GtkListItemFactory *
create_text_factory (const TextColumn *column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_text_cell_cb), (gpointer) column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_text_cell_cb), (gpointer) column);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_text_cell_cb), (gpointer) column);
  return factory;
}

/* The status pill, styled as on the lot page: its colour follows the
 * lot's effective status. */
static void
style_status_pill (GtkWidget      *label,
                   LotlineLotItem *item)
{
  const LotlineLotRow *row = item != NULL ? lotline_lot_item_get_row (item) : NULL;

  for (int status = LOTLINE_LOT_RELEASED; status <= LOTLINE_LOT_DESTROYED; status++)
    gtk_widget_remove_css_class (label, lotline_view_status_css_class (status));
  if (row != NULL)
    gtk_widget_add_css_class (label, lotline_view_status_css_class (row->status));
  gtk_widget_set_visible (label, row != NULL);
}

static void
on_status_label_notify_cb (LotlineLotItem *item,
                           GParamSpec     *pspec,
                           GtkWidget      *label)
{
  style_status_pill (label, item);
}

/* The expiry date turns amber inside the warning window and red once past. */
static void
style_expiry (GtkWidget      *label,
              LotlineLotItem *item)
{
  LotlineLotsPage *self = g_object_get_data (G_OBJECT (label), "lots-page");
  const LotlineLotRow *row = item != NULL ? lotline_lot_item_get_row (item) : NULL;
  gboolean expired = FALSE, soon = FALSE;

  if (row != NULL && row->days_left != G_MININT && row->status != LOTLINE_LOT_DESTROYED && row->on_hand > 0)
    {
      expired = row->days_left < 0;
      soon = !expired && row->days_left <= self->warning_days;
    }
  if (expired)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
  if (soon)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
}

static void
on_expires_label_notify_cb (LotlineLotItem *item,
                            GParamSpec     *pspec,
                            GtkWidget      *label)
{
  style_expiry (label, item);
}

typedef void (*StyleFunc) (GtkWidget *label, LotlineLotItem *item);

typedef struct {
  TextColumn  text;
  const char *notify;
  GCallback   notify_cb;
  StyleFunc   style;
} StyledColumn;

static const StyledColumn status_cells = {
  { "status-label", 0.0, -1, FALSE }, "notify::status-label", G_CALLBACK (on_status_label_notify_cb), style_status_pill,
};
static const StyledColumn styled_expires_cells = {
  { "expires-label", 0.0, 26, FALSE }, "notify::expires-label", G_CALLBACK (on_expires_label_notify_cb), style_expiry,
};

static void
setup_styled_cell_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      LotlineLotsPage          *self)
{
  const StyledColumn *column = g_object_get_data (G_OBJECT (factory), "column");
  GtkWidget *label;
  GtkWidget *child;
  GSignalGroup *signals = g_signal_group_new (LOTLINE_TYPE_LOT_ITEM);

  label = create_bound_label (list_item, &column->text);
  child = label;
  g_object_set_data (G_OBJECT (label), "lots-page", self);

  if (column == &status_cells)
    {
      /* A pill as wide as its text, not as the column. */
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, "lotline-status-pill");
      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_box_append (GTK_BOX (child), label);
    }
  gtk_list_item_set_child (list_item, child);

  g_signal_group_connect_object (signals, column->notify, column->notify_cb, label, 0);
  g_object_set_data_full (G_OBJECT (list_item), "signals", signals, g_object_unref);
  g_object_set_data (G_OBJECT (list_item), "styled-label", label);
}

static void
bind_styled_cell_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     LotlineLotsPage          *self)
{
  const StyledColumn *column = g_object_get_data (G_OBJECT (factory), "column");
  GSignalGroup *signals = g_object_get_data (G_OBJECT (list_item), "signals");
  GtkWidget *label = g_object_get_data (G_OBJECT (list_item), "styled-label");
  LotlineLotItem *item = gtk_list_item_get_item (list_item);

  bind_text_cell_cb (factory, list_item, NULL);
  g_signal_group_set_target (signals, item);
  column->style (label, item);
}

static void
unbind_styled_cell_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       LotlineLotsPage          *self)
{
  GSignalGroup *signals = g_object_get_data (G_OBJECT (list_item), "signals");

  unbind_text_cell_cb (factory, list_item, NULL);
  g_signal_group_set_target (signals, NULL);
}

static GtkListItemFactory *
create_styled_factory (LotlineLotsPage    *self,
                       const StyledColumn *column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "column", (gpointer) column);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_styled_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_styled_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_styled_cell_cb), self);
  return factory;
}

static void
setup_columns (LotlineLotsPage *self)
{
  struct {
    GtkColumnViewColumn *column;
    GtkListItemFactory  *factory;
    int                  sort;      /* LotlineLotSort, or -1 */
  } columns[] = {
    { self->code_column, create_text_factory (&code_cells), LOTLINE_LOT_SORT_CODE },
    { self->product_column, create_text_factory (&product_cells), LOTLINE_LOT_SORT_PRODUCT },
    { self->status_column, create_styled_factory (self, &status_cells), LOTLINE_LOT_SORT_STATUS },
    { self->produced_column, create_text_factory (&produced_cells), LOTLINE_LOT_SORT_PRODUCED },
    { self->expires_column, create_styled_factory (self, &styled_expires_cells), LOTLINE_LOT_SORT_EXPIRES },
    { self->on_hand_column, create_text_factory (&on_hand_cells), LOTLINE_LOT_SORT_ON_HAND },
    { self->locations_column, create_text_factory (&locations_cells), -1 },
    { self->supplier_column, create_text_factory (&supplier_cells), LOTLINE_LOT_SORT_SUPPLIER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      gtk_column_view_column_set_factory (columns[i].column, columns[i].factory);
      g_object_unref (columns[i].factory);
      if (columns[i].sort >= 0)
        set_column_sort (self, columns[i].column, columns[i].sort);
    }
}

/* ---- rows ------------------------------------------------------------------------ */

static void
on_column_view_activate_cb (LotlineLotsPage *self,
                            guint            position,
                            GtkColumnView   *view)
{
  g_autoptr(LotlineLotItem) item = NULL;
  gint64 id;

  if (self->selection == NULL)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (item == NULL || !lotline_lot_item_get_loaded (item))
    return;   /* Its page has not arrived yet: nothing to open. */
  id = lotline_lot_item_get_id (item);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-lot", "x", id);
}

/* The selected row's lot, or 0 while nothing is selected or its page of
 * rows has not arrived. */
static gint64
get_selected_lot_id (LotlineLotsPage *self)
{
  LotlineLotItem *item;

  if (self->selection == NULL)
    return 0;
  item = gtk_single_selection_get_selected_item (self->selection);
  return item != NULL && lotline_lot_item_get_loaded (item) ? lotline_lot_item_get_id (item) : 0;
}

static void
on_selected_changed_cb (LotlineLotsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lots.genealogy",
                                 self->selection != NULL &&
                                 gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION);
}

static void
genealogy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LotlineLotsPage *self = LOTLINE_LOTS_PAGE (widget);
  gint64 id = get_selected_lot_id (self);

  if (id > 0)
    gtk_widget_activate_action (widget, "win.open-genealogy", "x", id);
}

/* ---- public API ---------------------------------------------------------------- */

GtkWidget *
lotline_lots_page_new (void)
{
  return g_object_new (LOTLINE_TYPE_LOTS_PAGE, NULL);
}

LotlineSession *
lotline_lots_page_get_session (LotlineLotsPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOTS_PAGE (self), NULL);

  return self->session;
}

static void
drop_list (LotlineLotsPage *self)
{
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, on_items_changed_cb, self);
  if (self->lot_list != NULL)
    g_signal_handlers_disconnect_by_func (self->lot_list, on_loading_changed_cb, self);
  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->lot_list);
}

void
lotline_lots_page_set_session (LotlineLotsPage *self,
                               LotlineSession  *session)
{
  g_return_if_fail (LOTLINE_IS_LOTS_PAGE (self));
  g_return_if_fail (session == NULL || LOTLINE_IS_SESSION (session));

  if (self->session == session)
    return;

  drop_list (self);
  g_set_object (&self->session, session);

  self->updating_filters++;
  reset_filters (self);
  self->updating_filters--;
  load_warehouses (self);

  if (session != NULL)
    {
      self->lot_list = lotline_lot_list_new (session);
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->lot_list)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      g_signal_connect_object (self->selection, "items-changed",
                               G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->selection, "notify::selected",
                               G_CALLBACK (on_selected_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->lot_list, "notify::loading",
                               G_CALLBACK (on_loading_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
      apply_query (self);
    }

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

int
lotline_lots_page_get_warning_days (LotlineLotsPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOTS_PAGE (self), 0);

  return self->warning_days;
}

void
lotline_lots_page_set_warning_days (LotlineLotsPage *self,
                                    int              days)
{
  g_return_if_fail (LOTLINE_IS_LOTS_PAGE (self));

  days = MAX (days, 0);
  if (self->warning_days == days)
    return;
  self->warning_days = days;
  if (!gtk_check_button_get_active (self->expiring_check))
    {
      self->updating_filters++;
      gtk_spin_button_set_value (self->expiring_spin, days);
      self->updating_filters--;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNING_DAYS]);
}

GListModel *
lotline_lots_page_get_model (LotlineLotsPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

LotlineLotList *
lotline_lots_page_get_lot_list (LotlineLotsPage *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOTS_PAGE (self), NULL);

  return self->lot_list;
}

/* ---- GObject ----------------------------------------------------------------------- */

static void
lotline_lots_page_dispose (GObject *object)
{
  LotlineLotsPage *self = LOTLINE_LOTS_PAGE (object);

  g_cancellable_cancel (self->warehouse_cancellable);
  g_clear_object (&self->warehouse_cancellable);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                          on_sorter_changed_cb, self);
  drop_list (self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTLINE_TYPE_LOTS_PAGE);

  G_OBJECT_CLASS (lotline_lots_page_parent_class)->dispose (object);
}

static void
lotline_lots_page_finalize (GObject *object)
{
  LotlineLotsPage *self = LOTLINE_LOTS_PAGE (object);

  g_clear_pointer (&self->warehouse_ids, g_array_unref);
  g_clear_object (&self->probe_items[0]);
  g_clear_object (&self->probe_items[1]);
  g_free (self->message);

  G_OBJECT_CLASS (lotline_lots_page_parent_class)->finalize (object);
}

static void
lotline_lots_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LotlineLotsPage *self = LOTLINE_LOTS_PAGE (object);

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
lotline_lots_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LotlineLotsPage *self = LOTLINE_LOTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      lotline_lots_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_WARNING_DAYS:
      lotline_lots_page_set_warning_days (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_lots_page_class_init (LotlineLotsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotline_lots_page_dispose;
  object_class->finalize = lotline_lots_page_finalize;
  object_class->get_property = lotline_lots_page_get_property;
  object_class->set_property = lotline_lots_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LOTLINE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WARNING_DAYS] =
    g_param_spec_int ("warning-days", NULL, NULL,
                      0, 3650, 30,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, LOTLINE_RESOURCE_PATH "/lotline-lots-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, scan_revealer);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, scan_box);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, scan_icon);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, scan_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, warehouse_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, warehouse_names);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, expiring_check);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, expiring_spin);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, on_hand_check);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, code_column);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, product_column);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, produced_column);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, expires_column);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, on_hand_column);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, locations_column);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, supplier_column);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineLotsPage, clear_button);

  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_expiring_days_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "lots.genealogy", NULL, genealogy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "lots.genealogy", NULL);
}

static void
lotline_lots_page_init (LotlineLotsPage *self)
{
  self->warning_days = 30;
  self->sort = LOTLINE_LOT_SORT_CODE;
  self->warehouse_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->probe_items[0] = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_items[1] = g_object_new (G_TYPE_OBJECT, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  lotline_view_ensure_style ();
  lotline_scan_entry_attach (GTK_WIDGET (self->search_entry));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lots.genealogy", FALSE);

  setup_columns (self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  /* Show the order the list starts in. */
  gtk_column_view_sort_by_column (self->column_view, self->code_column, GTK_SORT_ASCENDING);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  update_state (self);
}
