/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-lot-list.h"

/* Rows are fetched a page at a time; at most MAX_PAGES pages are kept, so
 * scrolling through a million lots keeps memory flat. */
#define PAGE_SIZE 100
#define MAX_PAGES 32

/* ---- LotlineLotItem --------------------------------------------------- */

struct _LotlineLotItem
{
  GObject        parent_instance;

  LotlineLotRow *row;
  char          *product;
  char          *status_label;
  char          *expires_label;
  char          *on_hand_label;
};

G_DEFINE_FINAL_TYPE (LotlineLotItem, lotline_lot_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_LOADED,
  ITEM_PROP_ID,
  ITEM_PROP_CODE,
  ITEM_PROP_PRODUCT,
  ITEM_PROP_PRODUCT_SKU,
  ITEM_PROP_STATUS,
  ITEM_PROP_STATUS_LABEL,
  ITEM_PROP_PRODUCED_ON,
  ITEM_PROP_EXPIRES_LABEL,
  ITEM_PROP_ON_HAND_LABEL,
  ITEM_PROP_LOCATIONS,
  ITEM_PROP_SUPPLIER,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static const char *
or_empty (const char *s)
{
  return s ? s : "";
}

static void
lotline_lot_item_finalize (GObject *object)
{
  LotlineLotItem *self = LOTLINE_LOT_ITEM (object);

  g_clear_pointer (&self->row, lotline_lot_row_free);
  g_free (self->product);
  g_free (self->status_label);
  g_free (self->expires_label);
  g_free (self->on_hand_label);

  G_OBJECT_CLASS (lotline_lot_item_parent_class)->finalize (object);
}

static void
lotline_lot_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LotlineLotItem *self = LOTLINE_LOT_ITEM (object);
  const LotlineLotRow *row = self->row;

  switch (prop_id)
    {
    case ITEM_PROP_LOADED:
      g_value_set_boolean (value, row != NULL);
      break;
    case ITEM_PROP_ID:
      g_value_set_int64 (value, row ? row->id : 0);
      break;
    case ITEM_PROP_CODE:
      g_value_set_string (value, row ? row->code : "");
      break;
    case ITEM_PROP_PRODUCT:
      g_value_set_string (value, or_empty (self->product));
      break;
    case ITEM_PROP_PRODUCT_SKU:
      g_value_set_string (value, row ? row->product_sku : "");
      break;
    case ITEM_PROP_STATUS:
      g_value_set_string (value, row ? lotline_lot_status_to_string (row->status) : "");
      break;
    case ITEM_PROP_STATUS_LABEL:
      g_value_set_string (value, or_empty (self->status_label));
      break;
    case ITEM_PROP_PRODUCED_ON:
      g_value_set_string (value, row ? or_empty (row->produced_on) : "");
      break;
    case ITEM_PROP_EXPIRES_LABEL:
      g_value_set_string (value, or_empty (self->expires_label));
      break;
    case ITEM_PROP_ON_HAND_LABEL:
      g_value_set_string (value, or_empty (self->on_hand_label));
      break;
    case ITEM_PROP_LOCATIONS:
      g_value_set_string (value, row ? or_empty (row->locations) : "");
      break;
    case ITEM_PROP_SUPPLIER:
      g_value_set_string (value, row ? or_empty (row->supplier_name) : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
lotline_lot_item_class_init (LotlineLotItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lotline_lot_item_finalize;
  object_class->get_property = lotline_lot_item_get_property;

  item_properties[ITEM_PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_CODE] = string_property ("code");
  item_properties[ITEM_PROP_PRODUCT] = string_property ("product");
  item_properties[ITEM_PROP_PRODUCT_SKU] = string_property ("product-sku");
  item_properties[ITEM_PROP_STATUS] = string_property ("status");
  item_properties[ITEM_PROP_STATUS_LABEL] = string_property ("status-label");
  item_properties[ITEM_PROP_PRODUCED_ON] = string_property ("produced-on");
  item_properties[ITEM_PROP_EXPIRES_LABEL] = string_property ("expires-label");
  item_properties[ITEM_PROP_ON_HAND_LABEL] = string_property ("on-hand-label");
  item_properties[ITEM_PROP_LOCATIONS] = string_property ("locations");
  item_properties[ITEM_PROP_SUPPLIER] = string_property ("supplier");
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
lotline_lot_item_init (LotlineLotItem *self)
{
}

static char *
expires_label (const LotlineLotRow *row)
{
  if (row->expires_on == NULL)
    return g_strdup ("");
  if (row->days_left == G_MININT)
    return g_strdup (row->expires_on);
  if (row->days_left == 0)
    /* Translators: an expiry date that is today */
    return g_strdup_printf (_("%s (today)"), row->expires_on);
  if (row->days_left > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (in %d day)", "%s (in %d days)", row->days_left),
                            row->expires_on, row->days_left);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d day ago)", "%s (%d days ago)", -row->days_left),
                          row->expires_on, -row->days_left);
}

/* Fills a pending item with its row, taking ownership, and tells the views. */
static void
lotline_lot_item_set_row (LotlineLotItem *self, LotlineLotRow *row)
{
  g_autofree char *quantity = lotline_quantity_format (row->on_hand);

  g_clear_pointer (&self->row, lotline_lot_row_free);
  self->row = row;
  g_free (self->product);
  self->product = g_strdup (row->product_name);
  g_free (self->status_label);
  self->status_label = g_strdup (lotline_lot_status_to_display (row->status));
  g_free (self->expires_label);
  self->expires_label = expires_label (row);
  g_free (self->on_hand_label);
  /* Translators: a quantity and its unit, "12.5 kg" */
  self->on_hand_label = g_strdup_printf (C_("quantity", "%s %s"), quantity, row->unit);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = ITEM_PROP_LOADED; i < ITEM_N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), item_properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
lotline_lot_item_get_loaded (LotlineLotItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_ITEM (self), FALSE);
  return self->row != NULL;
}

const LotlineLotRow *
lotline_lot_item_get_row (LotlineLotItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_ITEM (self), NULL);
  return self->row;
}

gint64
lotline_lot_item_get_id (LotlineLotItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_ITEM (self), 0);
  return self->row ? self->row->id : 0;
}

const char *
lotline_lot_item_get_code (LotlineLotItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_ITEM (self), "");
  return self->row ? self->row->code : "";
}

const char *
lotline_lot_item_get_product (LotlineLotItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_ITEM (self), "");
  return or_empty (self->product);
}

const char *
lotline_lot_item_get_status_label (LotlineLotItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_ITEM (self), "");
  return or_empty (self->status_label);
}

const char *
lotline_lot_item_get_expires_label (LotlineLotItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_ITEM (self), "");
  return or_empty (self->expires_label);
}

const char *
lotline_lot_item_get_on_hand_label (LotlineLotItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_ITEM (self), "");
  return or_empty (self->on_hand_label);
}

/* ---- queries that cross to workers ------------------------------------ */

/* A LotlineLotQuery that owns its strings. */
typedef struct {
  LotlineLotQuery query;
  char           *search;
  char           *today;
  char           *expires_from;
  char           *expires_to;
} OwnedQuery;

static OwnedQuery *
owned_query_new (const LotlineLotQuery *query)
{
  OwnedQuery *copy = g_new0 (OwnedQuery, 1);

  copy->query = *query;
  copy->search = g_strdup (query->search);
  copy->today = g_strdup (query->today);
  copy->query.search = copy->search;
  copy->query.today = copy->today;
  copy->expires_from = g_strdup (query->expires_from);
  copy->expires_to = g_strdup (query->expires_to);
  copy->query.expires_from = copy->expires_from;
  copy->query.expires_to = copy->expires_to;
  return copy;
}

static void
owned_query_free (gpointer data)
{
  OwnedQuery *copy = data;

  g_free (copy->search);
  g_free (copy->today);
  g_free (copy->expires_from);
  g_free (copy->expires_to);
  g_free (copy);
}

typedef struct {
  OwnedQuery *query;
  guint       offset;
  guint       limit;
} PageJob;

static void
page_job_free (gpointer data)
{
  PageJob *job = data;

  owned_query_free (job->query);
  g_free (job);
}

static gpointer
count_job (LotlineStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  OwnedQuery *query = data;
  guint count = 0;

  if (!lotline_store_count_lots (store, &query->query, &count, error))
    return NULL;
  return g_memdup2 (&count, sizeof count);
}

static gpointer
page_job (LotlineStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  PageJob *job = data;

  return lotline_store_query_lots (store, &job->query->query, job->offset, job->limit, error);
}

/* ---- LotlineLotList --------------------------------------------------- */

typedef struct {
  GPtrArray *items;      /* LotlineLotItem, pending until their page arrives */
  guint64    last_used;
} Page;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->items);
  g_free (page);
}

struct _LotlineLotList
{
  GObject         parent_instance;

  LotlineSession *session;
  gulong          changed_handler;
  OwnedQuery     *query;
  guint           generation;   /* bumped by every (re)load; older results are dropped */
  guint           n_items;
  GHashTable     *pages;        /* page index -> Page */
  guint64         use_clock;
  guint           pending;      /* jobs under way */
  GCancellable   *cancellable;
};

static void lotline_lot_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LotlineLotList, lotline_lot_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, lotline_lot_list_model_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Results carry the generation they were asked for. */
typedef struct {
  LotlineLotList *list;
  guint           generation;
  guint           page_index;
} Request;

static Request *
request_new (LotlineLotList *self, guint page_index)
{
  Request *request = g_new0 (Request, 1);

  request->list = g_object_ref (self);
  request->generation = self->generation;
  request->page_index = page_index;
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->list);
  g_free (request);
}

static void
set_pending (LotlineLotList *self, int delta)
{
  gboolean was_loading = self->pending > 0;

  self->pending = (guint) ((int) self->pending + delta);
  if (was_loading != (self->pending > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_page_loaded_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Request *request = user_data;
  LotlineLotList *self = request->list;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  Page *page;

  set_pending (self, -1);
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (request->page_index));

  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load lots: %s", error->message);
    }
  else if (request->generation == self->generation && page != NULL)
    {
      for (guint i = 0; i < page->items->len && i < rows->len; i++)
        lotline_lot_item_set_row (g_ptr_array_index (page->items, i),
                                  g_steal_pointer (&g_ptr_array_index (rows, i)));
    }
  request_free (request);
}

/* Drops the least recently used page when too many are kept. Items that
 * views still hold stay alive; asked for again, they are fetched again. */
static void
evict_pages (LotlineLotList *self)
{
  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer key, value, oldest_key = NULL;
      guint64 oldest = G_MAXUINT64;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (((Page *) value)->last_used < oldest)
          {
            oldest = ((Page *) value)->last_used;
            oldest_key = key;
          }
      g_hash_table_remove (self->pages, oldest_key);
    }
}

static Page *
ensure_page (LotlineLotList *self, guint page_index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page_index));
  PageJob *job;
  guint first = page_index * PAGE_SIZE;
  guint size = MIN (PAGE_SIZE, self->n_items - first);

  if (page != NULL)
    {
      page->last_used = ++self->use_clock;
      return page;
    }

  page = g_new0 (Page, 1);
  page->items = g_ptr_array_new_full (size, g_object_unref);
  for (guint i = 0; i < size; i++)
    g_ptr_array_add (page->items, g_object_new (LOTLINE_TYPE_LOT_ITEM, NULL));
  page->last_used = ++self->use_clock;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page_index), page);

  job = g_new0 (PageJob, 1);
  job->query = owned_query_new (&self->query->query);
  job->offset = first;
  job->limit = size;
  set_pending (self, +1);
  lotline_session_run_async (self->session, page_job, job, page_job_free,
                             (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                             on_page_loaded_cb, request_new (self, page_index));

  evict_pages (self);
  return page;
}

static GType
lotline_lot_list_get_item_type (GListModel *model)
{
  return LOTLINE_TYPE_LOT_ITEM;
}

static guint
lotline_lot_list_get_n_items (GListModel *model)
{
  return LOTLINE_LOT_LIST (model)->n_items;
}

static gpointer
lotline_lot_list_get_item (GListModel *model, guint position)
{
  LotlineLotList *self = LOTLINE_LOT_LIST (model);
  Page *page;

  if (position >= self->n_items || self->query == NULL)
    return NULL;
  page = ensure_page (self, position / PAGE_SIZE);
  return g_object_ref (g_ptr_array_index (page->items, position % PAGE_SIZE));
}

static void
lotline_lot_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = lotline_lot_list_get_item_type;
  iface->get_n_items = lotline_lot_list_get_n_items;
  iface->get_item = lotline_lot_list_get_item;
}

static void
on_counted_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Request *request = user_data;
  LotlineLotList *self = request->list;
  g_autoptr(GError) error = NULL;
  g_autofree guint *count = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);

  set_pending (self, -1);
  if (count == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not count lots: %s", error->message);
    }
  else if (request->generation == self->generation)
    {
      guint removed = self->n_items;

      /* Pages asked for under the old count may be short; start afresh.
       * The removal and the insertion are two changes: given one change
       * that removes rows on screen and adds others, GTK 4.8's list item
       * manager looks for the removed rows among all the added items
       * ("At least one tracked item was removed"), which would ask for
       * every page of a 160,000-lot list at once. */
      g_hash_table_remove_all (self->pages);
      self->n_items = 0;
      if (removed > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      self->n_items = *count;
      if (self->n_items > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
      if (removed != self->n_items)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  request_free (request);
}

void
lotline_lot_list_reload (LotlineLotList *self)
{
  g_return_if_fail (LOTLINE_IS_LOT_LIST (self));

  if (self->query == NULL)
    return;

  /* Results of the previous generation are dropped when they arrive. */
  self->generation++;
  g_hash_table_remove_all (self->pages);
  set_pending (self, +1);
  lotline_session_run_async (self->session, count_job, owned_query_new (&self->query->query),
                             owned_query_free, g_free, self->cancellable,
                             on_counted_cb, request_new (self, 0));
}

static void
on_session_changed_cb (LotlineSession *session,
                       LotlineLotList *self)
{
  lotline_lot_list_reload (self);
}

static void
lotline_lot_list_dispose (GObject *object)
{
  LotlineLotList *self = LOTLINE_LOT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->changed_handler, self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lotline_lot_list_parent_class)->dispose (object);
}

static void
lotline_lot_list_finalize (GObject *object)
{
  LotlineLotList *self = LOTLINE_LOT_LIST (object);

  g_clear_pointer (&self->query, owned_query_free);
  g_hash_table_unref (self->pages);
  g_object_unref (self->cancellable);

  G_OBJECT_CLASS (lotline_lot_list_parent_class)->finalize (object);
}

static void
lotline_lot_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LotlineLotList *self = LOTLINE_LOT_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->pending > 0);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_lot_list_class_init (LotlineLotListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lotline_lot_list_dispose;
  object_class->finalize = lotline_lot_list_finalize;
  object_class->get_property = lotline_lot_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lotline_lot_list_init (LotlineLotList *self)
{
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, page_free);
  self->cancellable = g_cancellable_new ();
}

/**
 * lotline_lot_list_new:
 * @session: an open session
 *
 * Returns: (transfer full): an empty list; give it a query with
 *   lotline_lot_list_set_query(). It reloads whenever @session changes.
 */
LotlineLotList *
lotline_lot_list_new (LotlineSession *session)
{
  LotlineLotList *self;

  g_return_val_if_fail (LOTLINE_IS_SESSION (session), NULL);

  self = g_object_new (LOTLINE_TYPE_LOT_LIST, NULL);
  self->session = g_object_ref (session);
  self->changed_handler = g_signal_connect (session, "changed", G_CALLBACK (on_session_changed_cb), self);
  return self;
}

void
lotline_lot_list_set_query (LotlineLotList        *self,
                            const LotlineLotQuery *query)
{
  g_return_if_fail (LOTLINE_IS_LOT_LIST (self));
  g_return_if_fail (query != NULL);

  g_clear_pointer (&self->query, owned_query_free);
  self->query = owned_query_new (query);
  lotline_lot_list_reload (self);
}

const LotlineLotQuery *
lotline_lot_list_get_query (LotlineLotList *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_LIST (self), NULL);
  return self->query ? &self->query->query : NULL;
}

gboolean
lotline_lot_list_get_loading (LotlineLotList *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_LIST (self), FALSE);
  return self->pending > 0;
}

/**
 * lotline_lot_list_get_n_cached_pages:
 * @self: a list
 *
 * Returns: how many pages of rows the list holds now (at most 32), for
 *   tests and the benchmark to show memory stays flat
 */
guint
lotline_lot_list_get_n_cached_pages (LotlineLotList *self)
{
  g_return_val_if_fail (LOTLINE_IS_LOT_LIST (self), 0);
  return g_hash_table_size (self->pages);
}
