/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lotline-ledger.h"
#include "lotline-recall.h"
#include "lotline-store-private.h"
#include "lotline-trace.h"

G_DEFINE_QUARK (lotline-recall-error-quark, lotline_recall_error)

/* ---- enums ------------------------------------------------------------ */

static const char * const class_names[] = { "I", "II", "III" };
static const char * const depth_names[] = { "consumer", "retail", "wholesale" };
static const char * const check_names[] = { "A", "B", "C", "D", "E" };
static const char * const status_names[] = { "draft", "open", "completed", "terminated" };

static gboolean
enum_from_string (const char * const *names, guint n, const char *s, int *out)
{
  for (guint i = 0; s != NULL && i < n; i++)
    if (g_ascii_strcasecmp (names[i], s) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

#define ENUM_FUNCS(prefix, Type, names)                                          \
  const char *                                                                   \
  prefix##_to_string (Type v)                                                    \
  {                                                                              \
    return (guint) v < G_N_ELEMENTS (names) ? names[v] : NULL;                   \
  }                                                                              \
  gboolean                                                                       \
  prefix##_from_string (const char *s, Type *out)                                \
  {                                                                              \
    int v;                                                                       \
    if (!enum_from_string (names, G_N_ELEMENTS (names), s, &v))                  \
      return FALSE;                                                              \
    *out = (Type) v;                                                             \
    return TRUE;                                                                 \
  }

ENUM_FUNCS (lotline_recall_class, LotlineRecallClass, class_names)
ENUM_FUNCS (lotline_recall_depth, LotlineRecallDepth, depth_names)
ENUM_FUNCS (lotline_recall_check, LotlineRecallCheck, check_names)
ENUM_FUNCS (lotline_recall_status, LotlineRecallStatus, status_names)

guint
lotline_recall_check_sample_size (LotlineRecallCheck level, guint n_consignees)
{
  static const guint percent[] = { 100, 25, 10, 2, 0 };
  guint k;

  if ((guint) level >= G_N_ELEMENTS (percent) || percent[level] == 0 || n_consignees == 0)
    return 0;
  k = (n_consignees * percent[level] + 99) / 100;
  return CLAMP (k, 1, n_consignees);
}

static int
compare_id (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

GArray *
lotline_recall_choose_sample (gint64 recall_id, const gint64 *party_ids, guint n, guint k)
{
  g_autoptr(GArray) pool = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  GArray *chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  GRand *rand;

  g_array_append_vals (pool, party_ids, n);
  g_array_sort (pool, compare_id);
  k = MIN (k, n);

  /* A partial Fisher-Yates shuffle of the sorted ids with a generator
   * seeded by the recall: the same recall always checks the same people. */
  rand = g_rand_new_with_seed ((guint32) (recall_id * 2654435761u));
  for (guint i = 0; i < k; i++)
    {
      guint j = i + (guint) g_rand_int_range (rand, 0, (gint32) (n - i));
      gint64 tmp = g_array_index (pool, gint64, i);

      g_array_index (pool, gint64, i) = g_array_index (pool, gint64, j);
      g_array_index (pool, gint64, j) = tmp;
      g_array_append_val (chosen, g_array_index (pool, gint64, i));
    }
  g_rand_free (rand);
  g_array_sort (chosen, compare_id);
  return chosen;
}

/* ---- freeing ---------------------------------------------------------- */

void
lotline_recall_free (LotlineRecall *r)
{
  if (r == NULL)
    return;
  g_free (r->number);
  g_free (r->title);
  g_free (r->reason);
  g_free (r->hazard);
  g_free (r->discovered_how);
  g_free (r->discovered_on);
  g_free (r->instructions);
  g_free (r->contact_name);
  g_free (r->contact_phone);
  g_free (r->contact_email);
  g_free (r->disposition);
  g_free (r->created_at);
  g_free (r->updated_at);
  g_free (r->opened_at);
  g_free (r->terminated_at);
  g_clear_pointer (&r->seed_lot_ids, g_array_unref);
  g_free (r);
}

static void
recall_lot_free (gpointer data)
{
  LotlineRecallLot *l = data;

  g_free (l->code);
  g_free (l->product_sku);
  g_free (l->product_name);
  g_free (l->unit);
  g_free (l);
}

static void
recall_stock_free (gpointer data)
{
  LotlineRecallStock *s = data;

  g_free (s->lot_code);
  g_free (s->product_sku);
  g_free (s->location_code);
  g_free (s);
}

static void
recall_shipment_free (gpointer data)
{
  LotlineRecallShipment *s = data;

  g_free (s->lot_code);
  g_free (s->product_sku);
  g_free (s->product_name);
  g_free (s->unit);
  g_free (s->date);
  g_free (s->doc_type);
  g_free (s->doc_number);
  g_free (s);
}

static void
recall_consignee_free (gpointer data)
{
  LotlineRecallConsignee *c = data;

  g_free (c->code);
  g_free (c->name);
  g_free (c->contact_name);
  g_free (c->street);
  g_free (c->city);
  g_free (c->region);
  g_free (c->postal_code);
  g_free (c->country);
  g_free (c->phone);
  g_free (c->email);
  g_clear_pointer (&c->shipments, g_ptr_array_unref);
  g_free (c);
}

static void
recall_root_free (gpointer data)
{
  LotlineRecallRoot *r = data;

  g_free (r->lot_code);
  g_free (r->product_sku);
  g_free (r->product_name);
  g_free (r->unit);
  g_free (r->supplier_code);
  g_free (r->supplier_name);
  g_free (r->received_on);
  g_free (r);
}

void
lotline_recall_scope_free (LotlineRecallScope *scope)
{
  if (scope == NULL)
    return;
  g_clear_pointer (&scope->roots, g_ptr_array_unref);
  g_clear_pointer (&scope->lots, g_ptr_array_unref);
  g_clear_pointer (&scope->stock, g_ptr_array_unref);
  g_clear_pointer (&scope->consignees, g_ptr_array_unref);
  g_free (scope);
}

void
lotline_recall_tracking_free (LotlineRecallTracking *t)
{
  if (t == NULL)
    return;
  g_free (t->code);
  g_free (t->name);
  g_free (t->notified_at);
  g_free (t->notify_method);
  g_free (t->responded_at);
  g_free (t->notes);
  g_free (t);
}

/* ---- scope ------------------------------------------------------------ */

static int
compare_lots (gconstpointer a, gconstpointer b)
{
  const LotlineRecallLot *x = *(LotlineRecallLot * const *) a, *y = *(LotlineRecallLot * const *) b;
  int c = g_strcmp0 (x->product_sku, y->product_sku);
  return c ? c : g_strcmp0 (x->code, y->code);
}

static int
compare_stock (gconstpointer a, gconstpointer b)
{
  const LotlineRecallStock *x = *(LotlineRecallStock * const *) a, *y = *(LotlineRecallStock * const *) b;
  int c = g_strcmp0 (x->product_sku, y->product_sku);
  if (c == 0)
    c = g_strcmp0 (x->lot_code, y->lot_code);
  return c ? c : g_strcmp0 (x->location_code, y->location_code);
}

static int
compare_consignees (gconstpointer a, gconstpointer b)
{
  const LotlineRecallConsignee *x = *(LotlineRecallConsignee * const *) a, *y = *(LotlineRecallConsignee * const *) b;
  int c = g_utf8_collate (x->name, y->name);
  return c ? c : g_strcmp0 (x->code, y->code);
}

static int
compare_shipments (gconstpointer a, gconstpointer b)
{
  const LotlineRecallShipment *x = *(LotlineRecallShipment * const *) a, *y = *(LotlineRecallShipment * const *) b;
  int c = g_strcmp0 (x->date, y->date);
  if (c == 0)
    c = g_strcmp0 (x->product_sku, y->product_sku);
  return c ? c : g_strcmp0 (x->lot_code, y->lot_code);
}

static LotlineRecallConsignee *
load_consignee (LotlineStore *self, gint64 party_id, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self,
    "SELECT code, name, contact_name, street, city, region, postal_code, country, phone, contact_email"
    " FROM party WHERE id = ?", error);
  LotlineRecallConsignee *c;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, party_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lotline_store_set_sql_error (self, error, _("reading a consignee"));
      return NULL;
    }
  c = g_new0 (LotlineRecallConsignee, 1);
  c->party_id = party_id;
  c->code = lotline_column_dup (stmt, 0);
  c->name = lotline_column_dup (stmt, 1);
  c->contact_name = lotline_column_dup (stmt, 2);
  c->street = lotline_column_dup (stmt, 3);
  c->city = lotline_column_dup (stmt, 4);
  c->region = lotline_column_dup (stmt, 5);
  c->postal_code = lotline_column_dup (stmt, 6);
  c->country = lotline_column_dup (stmt, 7);
  c->phone = lotline_column_dup (stmt, 8);
  c->email = lotline_column_dup (stmt, 9);
  c->shipments = g_ptr_array_new_with_free_func (recall_shipment_free);
  sqlite3_reset (stmt);
  return c;
}

static int
compare_roots (gconstpointer a, gconstpointer b)
{
  const LotlineRecallRoot *x = *(LotlineRecallRoot * const *) a, *y = *(LotlineRecallRoot * const *) b;
  int c = g_utf8_collate (x->supplier_name ? x->supplier_name : "", y->supplier_name ? y->supplier_name : "");
  if (c == 0)
    c = g_strcmp0 (x->lot_code, y->lot_code);
  return c ? c : g_strcmp0 (x->product_sku, y->product_sku);
}

/* The supplier of a root lot: the party of @receipt, its earliest receipt
 * edge in the upstream trace (a lot is normally received from one
 * supplier), or none when no receipt names a supplier. */
static gboolean
fill_root_supplier (LotlineStore *self, const LotlineTrace *trace, const LotlineTraceEdge *receipt,
                    LotlineRecallRoot *root, GError **error)
{
  sqlite3_stmt *stmt;

  if (receipt == NULL)
    return TRUE;
  root->received_on = g_strdup (receipt->first_date);
  root->supplier_id = lotline_trace_get_node (trace, receipt->from)->id;
  stmt = lotline_store_prepare (self, "SELECT code, name FROM party WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, root->supplier_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lotline_store_set_sql_error (self, error, _("reading a supplier"));
      return FALSE;
    }
  root->supplier_code = lotline_column_dup (stmt, 0);
  root->supplier_name = lotline_column_dup (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Traces the seeds upstream to the lots that were received: the raw
 * materials a recall has to name its suppliers for.  A received seed is
 * its own root. */
static gboolean
collect_roots (LotlineStore *self, const gint64 *seed_lot_ids, guint n_seeds, GPtrArray *roots, GError **error)
{
  g_autoptr(LotlineTrace) trace = lotline_store_trace (self, seed_lot_ids, n_seeds, LOTLINE_TRACE_UPSTREAM, 0, error);

  g_autofree const LotlineTraceEdge **receipts = NULL;

  if (trace == NULL)
    return FALSE;
  receipts = g_new0 (const LotlineTraceEdge *, lotline_trace_get_n_nodes (trace));
  for (guint e = 0; e < lotline_trace_get_n_edges (trace); e++)
    {
      const LotlineTraceEdge *edge = lotline_trace_get_edge (trace, e);
      const LotlineTraceEdge **first = &receipts[edge->to];

      if (edge->kind == LOTLINE_EDGE_RECEIPT && (*first == NULL || g_strcmp0 (edge->first_date, (*first)->first_date) < 0))
        *first = edge;
    }
  for (guint i = 0; i < lotline_trace_get_n_nodes (trace); i++)
    {
      const LotlineTraceNode *node = lotline_trace_get_node (trace, i);
      const LotlineMassBalance *balance = lotline_trace_get_balance (trace, i);
      LotlineRecallRoot *root;

      if (node->kind != LOTLINE_NODE_LOT || balance == NULL || balance->received <= 0)
        continue;
      root = g_new0 (LotlineRecallRoot, 1);
      root->lot_id = node->id;
      root->lot_code = g_strdup (node->label);
      root->product_sku = g_strdup (node->product_sku);
      root->product_name = g_strdup (node->product_name);
      root->unit = g_strdup (node->unit);
      root->quantity_received = balance->received;
      g_ptr_array_add (roots, root);
      if (!fill_root_supplier (self, trace, receipts[i], root, error))
        return FALSE;
    }
  g_ptr_array_sort (roots, compare_roots);
  return TRUE;
}

LotlineRecallScope *
lotline_store_recall_scope (LotlineStore *self, const gint64 *seed_lot_ids, guint n_seeds, GError **error)
{
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(LotlineRecallScope) scope = NULL;
  g_autoptr(GHashTable) lots_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) consignees_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (LOTLINE_IS_STORE (self), NULL);

  if (n_seeds == 0)
    {
      g_set_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_INVALID,
                   _("A recall needs at least one suspect lot. Choose the lots to recall."));
      return NULL;
    }

  trace = lotline_store_trace (self, seed_lot_ids, n_seeds, LOTLINE_TRACE_DOWNSTREAM, 0, error);
  if (trace == NULL)
    return NULL;

  scope = g_new0 (LotlineRecallScope, 1);
  scope->roots = g_ptr_array_new_with_free_func (recall_root_free);
  scope->lots = g_ptr_array_new_with_free_func (recall_lot_free);
  scope->stock = g_ptr_array_new_with_free_func (recall_stock_free);
  scope->consignees = g_ptr_array_new_with_free_func (recall_consignee_free);

  for (guint i = 0; i < lotline_trace_get_n_nodes (trace); i++)
    {
      const LotlineTraceNode *node = lotline_trace_get_node (trace, i);
      sqlite3_stmt *stmt;
      LotlineRecallLot *lot;

      if (node->kind != LOTLINE_NODE_LOT)
        continue;

      stmt = lotline_store_prepare (self,
        "SELECT l.code, p.sku, p.name, p.unit, l.status FROM lot l JOIN product p ON p.id = l.product_id"
        " WHERE l.id = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, node->id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          lotline_store_set_sql_error (self, error, _("reading an affected lot"));
          return NULL;
        }
      lot = g_new0 (LotlineRecallLot, 1);
      lot->lot_id = node->id;
      lot->code = lotline_column_dup (stmt, 0);
      lot->product_sku = lotline_column_dup (stmt, 1);
      lot->product_name = lotline_column_dup (stmt, 2);
      lot->unit = lotline_column_dup (stmt, 3);
      lotline_lot_status_from_string ((const char *) sqlite3_column_text (stmt, 4), &lot->status);
      lot->is_seed = node->is_seed;
      sqlite3_reset (stmt);
      g_ptr_array_add (scope->lots, lot);
      g_hash_table_insert (lots_by_id, &lot->lot_id, lot);

      stmt = lotline_store_prepare (self,
        "SELECT s.location_id, loc.code, s.quantity FROM stock s JOIN location loc ON loc.id = s.location_id"
        " WHERE s.lot_id = ? AND s.quantity > 0", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, node->id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          LotlineRecallStock *s = g_new0 (LotlineRecallStock, 1);

          s->lot_id = lot->lot_id;
          s->lot_code = g_strdup (lot->code);
          s->product_sku = g_strdup (lot->product_sku);
          s->location_id = sqlite3_column_int64 (stmt, 0);
          s->location_code = lotline_column_dup (stmt, 1);
          s->quantity = sqlite3_column_int64 (stmt, 2);
          lot->on_hand += s->quantity;
          scope->total_on_hand += s->quantity;
          g_ptr_array_add (scope->stock, s);
        }
      sqlite3_reset (stmt);
    }

  for (guint i = 0; i < lotline_trace_get_n_shipments (trace); i++)
    {
      const LotlineTraceShipment *ts = lotline_trace_get_shipment (trace, i);
      LotlineRecallLot *lot = g_hash_table_lookup (lots_by_id, &ts->lot_id);
      LotlineRecallConsignee *c = g_hash_table_lookup (consignees_by_id, &ts->customer_id);
      LotlineRecallShipment *s;

      if (lot == NULL)
        continue;
      if (c == NULL)
        {
          c = load_consignee (self, ts->customer_id, error);
          if (c == NULL)
            return NULL;
          g_ptr_array_add (scope->consignees, c);
          g_hash_table_insert (consignees_by_id, &c->party_id, c);
        }
      s = g_new0 (LotlineRecallShipment, 1);
      s->lot_id = ts->lot_id;
      s->lot_code = g_strdup (lot->code);
      s->product_sku = g_strdup (lot->product_sku);
      s->product_name = g_strdup (lot->product_name);
      s->unit = g_strdup (lot->unit);
      s->quantity = ts->quantity;
      s->date = g_strdup (ts->date);
      s->doc_type = g_strdup (ts->doc_type);
      s->doc_number = g_strdup (ts->doc_number);
      scope->total_shipped += s->quantity;
      g_ptr_array_add (c->shipments, s);
    }

  if (!collect_roots (self, seed_lot_ids, n_seeds, scope->roots, error))
    return NULL;

  g_ptr_array_sort (scope->lots, compare_lots);
  g_ptr_array_sort (scope->stock, compare_stock);
  g_ptr_array_sort (scope->consignees, compare_consignees);
  for (guint i = 0; i < scope->consignees->len; i++)
    g_ptr_array_sort (((LotlineRecallConsignee *) scope->consignees->pdata[i])->shipments, compare_shipments);

  return g_steal_pointer (&scope);
}

/* ---- the case --------------------------------------------------------- */

static char *
spec_to_json (const LotlineRecallSpec *spec, const char *status)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
#define ADD_STRING(key, value) \
  if ((value) != NULL) { json_builder_set_member_name (b, key); json_builder_add_string_value (b, value); }
  ADD_STRING ("number", spec->number);
  ADD_STRING ("title", spec->title);
  ADD_STRING ("reason", spec->reason);
  ADD_STRING ("hazard", spec->hazard);
  ADD_STRING ("classification", lotline_recall_class_to_string (spec->classification));
  ADD_STRING ("depth", lotline_recall_depth_to_string (spec->depth));
  ADD_STRING ("effectiveness", lotline_recall_check_to_string (spec->check_level));
  ADD_STRING ("status", status);
#undef ADD_STRING
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
validate_spec (const LotlineRecallSpec *spec, const gint64 *seed_lot_ids, guint n_seeds, GError **error)
{
  const char *missing = NULL;

  if (lotline_is_blank (spec->number))
    missing = _("A recall needs a number. Give it your firm’s recall number.");
  else if (lotline_is_blank (spec->reason))
    missing = _("A recall needs a reason. Say what is wrong with the product.");
  else if (lotline_is_blank (spec->hazard))
    missing = _("A recall needs the hazard. Say what risk the product poses to health.");
  else if (lotline_recall_class_to_string (spec->classification) == NULL)
    missing = _("A recall’s classification must be I, II or III.");
  else if (lotline_recall_depth_to_string (spec->depth) == NULL)
    missing = _("A recall’s depth must be consumer, retail or wholesale.");
  else if (lotline_recall_check_to_string (spec->check_level) == NULL)
    missing = _("A recall’s effectiveness-check level must be A, B, C, D or E.");
  else if (spec->discovered_on != NULL && !lotline_date_is_valid (spec->discovered_on))
    missing = _("The discovery date must be a date like 2026-03-01.");
  else if (n_seeds == 0 || seed_lot_ids == NULL)
    missing = _("A recall needs at least one suspect lot. Choose the lots to recall.");

  if (missing != NULL)
    {
      g_set_error_literal (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_INVALID, missing);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_seeds (LotlineStore *self, gint64 recall_id, const gint64 *seed_lot_ids, guint n_seeds, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self, "DELETE FROM recall_seed WHERE recall_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, recall_id);
  if (!lotline_store_step_done (self, stmt, _("saving a recall’s lots"), error))
    return FALSE;

  for (guint i = 0; i < n_seeds; i++)
    {
      sqlite3_stmt *exists = lotline_store_prepare (self, "SELECT 1 FROM lot WHERE id = ?", error);
      gboolean found;

      if (exists == NULL)
        return FALSE;
      sqlite3_bind_int64 (exists, 1, seed_lot_ids[i]);
      found = sqlite3_step (exists) == SQLITE_ROW;
      sqlite3_reset (exists);
      if (!found)
        {
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, seed_lot_ids[i]);

          g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_LOT,
                       _("There is no lot with id %s. Choose an existing lot."), id_text);
          return FALSE;
        }
      stmt = lotline_store_prepare (self, "INSERT OR IGNORE INTO recall_seed (recall_id, lot_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, recall_id);
      sqlite3_bind_int64 (stmt, 2, seed_lot_ids[i]);
      if (!lotline_store_step_done (self, stmt, _("saving a recall’s lots"), error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_spec (sqlite3_stmt *stmt, const LotlineRecallSpec *spec)
{
  sqlite3_bind_text (stmt, 1, spec->number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lotline_is_blank (spec->title) ? spec->number : spec->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, spec->reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, spec->hazard, -1, SQLITE_TRANSIENT);
  lotline_bind_text_or_null (stmt, 5, spec->discovered_how);
  lotline_bind_text_or_null (stmt, 6, spec->discovered_on);
  sqlite3_bind_text (stmt, 7, lotline_recall_class_to_string (spec->classification), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, lotline_recall_depth_to_string (spec->depth), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, spec->public_warning ? 1 : 0);
  sqlite3_bind_text (stmt, 10, lotline_recall_check_to_string (spec->check_level), -1, SQLITE_STATIC);
  lotline_bind_text_or_null (stmt, 11, spec->instructions);
  lotline_bind_text_or_null (stmt, 12, spec->contact_name);
  lotline_bind_text_or_null (stmt, 13, spec->contact_phone);
  lotline_bind_text_or_null (stmt, 14, spec->contact_email);
}

static gboolean
number_taken (LotlineStore *self, const char *number, gint64 except_id)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self, "SELECT id FROM recall WHERE number = ?", NULL);
  gboolean taken = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    taken = sqlite3_column_int64 (stmt, 0) != except_id;
  sqlite3_reset (stmt);
  return taken;
}

static gboolean
duplicate_error (const char *number, GError **error)
{
  g_set_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_DUPLICATE,
               _("Recall number %s is already used. Give this recall another number."), number);
  return FALSE;
}

gboolean
lotline_store_create_recall (LotlineStore            *self,
                             const LotlineRecallSpec *spec,
                             const gint64            *seed_lot_ids,
                             guint                    n_seeds,
                             gint64                  *out_id,
                             GError                 **error)
{
  g_autofree char *now = NULL, *json = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (LOTLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  if (!validate_spec (spec, seed_lot_ids, n_seeds, error))
    return FALSE;
  if (number_taken (self, spec->number, 0))
    return duplicate_error (spec->number, error);

  if (!lotline_store_begin (self, error))
    return FALSE;

  now = lotline_store_dup_now_instant (self);
  stmt = lotline_store_prepare (self,
    "INSERT INTO recall (number, title, reason, hazard, discovered_how, discovered_on, classification, depth,"
    " public_warning, effectiveness, instructions, contact_name, contact_phone, contact_email,"
    " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?15, ?15)", error);
  if (stmt == NULL)
    goto fail;
  bind_spec (stmt, spec);
  sqlite3_bind_text (stmt, 15, now, -1, SQLITE_TRANSIENT);
  if (!lotline_store_step_done (self, stmt, _("saving a recall"), error))
    goto fail;
  id = sqlite3_last_insert_rowid (lotline_store_get_db (self));

  json = spec_to_json (spec, "draft");
  if (!write_seeds (self, id, seed_lot_ids, n_seeds, error) ||
      !lotline_audit_append (self, "create", "recall", id, NULL, json, NULL, error) ||
      !lotline_store_commit (self, error))
    goto fail;

  if (out_id)
    *out_id = id;
  return TRUE;

fail:
  lotline_store_rollback (self);
  return FALSE;
}

static LotlineRecall *
load_recall (LotlineStore *self, gint64 recall_id, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self,
    "SELECT number, title, reason, hazard, discovered_how, discovered_on, classification, depth,"
    " public_warning, effectiveness, instructions, contact_name, contact_phone, contact_email,"
    " status, disposition, created_at, updated_at, opened_at, terminated_at FROM recall WHERE id = ?", error);
  LotlineRecall *r;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, recall_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, recall_id);

      sqlite3_reset (stmt);
      g_set_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_NOT_FOUND,
                   _("There is no recall with id %s. List the recalls to find its id."), id_text);
      return NULL;
    }

  r = g_new0 (LotlineRecall, 1);
  r->id = recall_id;
  r->number = lotline_column_dup (stmt, 0);
  r->title = lotline_column_dup (stmt, 1);
  r->reason = lotline_column_dup (stmt, 2);
  r->hazard = lotline_column_dup (stmt, 3);
  r->discovered_how = lotline_column_dup (stmt, 4);
  r->discovered_on = lotline_column_dup (stmt, 5);
  lotline_recall_class_from_string ((const char *) sqlite3_column_text (stmt, 6), &r->classification);
  lotline_recall_depth_from_string ((const char *) sqlite3_column_text (stmt, 7), &r->depth);
  r->public_warning = sqlite3_column_int (stmt, 8) != 0;
  lotline_recall_check_from_string ((const char *) sqlite3_column_text (stmt, 9), &r->check_level);
  r->instructions = lotline_column_dup (stmt, 10);
  r->contact_name = lotline_column_dup (stmt, 11);
  r->contact_phone = lotline_column_dup (stmt, 12);
  r->contact_email = lotline_column_dup (stmt, 13);
  lotline_recall_status_from_string ((const char *) sqlite3_column_text (stmt, 14), &r->status);
  r->disposition = lotline_column_dup (stmt, 15);
  r->created_at = lotline_column_dup (stmt, 16);
  r->updated_at = lotline_column_dup (stmt, 17);
  r->opened_at = lotline_column_dup (stmt, 18);
  r->terminated_at = lotline_column_dup (stmt, 19);
  sqlite3_reset (stmt);

  r->seed_lot_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  stmt = lotline_store_prepare (self, "SELECT lot_id FROM recall_seed WHERE recall_id = ? ORDER BY lot_id", error);
  if (stmt == NULL)
    {
      lotline_recall_free (r);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, recall_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 lot_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (r->seed_lot_ids, lot_id);
    }
  sqlite3_reset (stmt);
  return r;
}

LotlineRecall *
lotline_store_get_recall (LotlineStore *self, gint64 recall_id, GError **error)
{
  g_return_val_if_fail (LOTLINE_IS_STORE (self), NULL);
  return load_recall (self, recall_id, error);
}

gboolean
lotline_store_find_recall (LotlineStore *self, const char *number, gint64 *out_id, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (LOTLINE_IS_STORE (self), FALSE);

  stmt = lotline_store_prepare (self, "SELECT id FROM recall WHERE number = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number ? number : "", -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found && out_id)
    *out_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_NOT_FOUND,
                 _("There is no recall numbered %s. List the recalls to find its number."), number);
  return found;
}

GPtrArray *
lotline_store_list_recalls (LotlineStore *self, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lotline_recall_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LOTLINE_IS_STORE (self), NULL);

  stmt = lotline_store_prepare (self, "SELECT id FROM recall ORDER BY created_at DESC, id DESC", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      LotlineRecall *r = load_recall (self, g_array_index (ids, gint64, i), error);

      if (r == NULL)
        return NULL;
      g_ptr_array_add (list, r);
    }
  return g_steal_pointer (&list);
}

static gboolean status_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
status_error (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_WRONG_STATUS, format, args));
  va_end (args);
  return FALSE;
}

gboolean
lotline_store_update_recall (LotlineStore            *self,
                             gint64                   recall_id,
                             const LotlineRecallSpec *spec,
                             const gint64            *seed_lot_ids,
                             guint                    n_seeds,
                             GError                 **error)
{
  g_autoptr(LotlineRecall) r = NULL;
  g_autofree char *now = NULL, *json = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LOTLINE_IS_STORE (self), FALSE);

  r = load_recall (self, recall_id, error);
  if (r == NULL)
    return FALSE;
  if (r->status != LOTLINE_RECALL_DRAFT)
    return status_error (error, _("Recall %s is %s; only a draft can be changed."),
                         r->number, lotline_recall_status_to_string (r->status));
  if (!validate_spec (spec, seed_lot_ids, n_seeds, error))
    return FALSE;
  if (number_taken (self, spec->number, recall_id))
    return duplicate_error (spec->number, error);

  if (!lotline_store_begin (self, error))
    return FALSE;
  now = lotline_store_dup_now_instant (self);
  stmt = lotline_store_prepare (self,
    "UPDATE recall SET number = ?, title = ?, reason = ?, hazard = ?, discovered_how = ?, discovered_on = ?,"
    " classification = ?, depth = ?, public_warning = ?, effectiveness = ?, instructions = ?,"
    " contact_name = ?, contact_phone = ?, contact_email = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_spec (stmt, spec);
  sqlite3_bind_text (stmt, 15, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 16, recall_id);
  if (!lotline_store_step_done (self, stmt, _("saving a recall"), error))
    goto fail;
  json = spec_to_json (spec, "draft");
  if (!write_seeds (self, recall_id, seed_lot_ids, n_seeds, error) ||
      !lotline_audit_append (self, "update", "recall", recall_id, NULL, json, NULL, error) ||
      !lotline_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  lotline_store_rollback (self);
  return FALSE;
}

LotlineRecallScope *
lotline_store_get_recall_scope (LotlineStore *self, gint64 recall_id, GError **error)
{
  g_autoptr(LotlineRecall) r = load_recall (self, recall_id, error);

  if (r == NULL)
    return NULL;
  return lotline_store_recall_scope (self, (const gint64 *) (gpointer) r->seed_lot_ids->data,
                                     r->seed_lot_ids->len, error);
}

/* ---- opening ---------------------------------------------------------- */

static gboolean
mark_lot_recalled (LotlineStore *self, const LotlineRecallLot *lot, const char *reason, GError **error)
{
  sqlite3_stmt *stmt;
  LotlineLotStatus before = LOTLINE_LOT_RELEASED;
  g_autofree char *old_json = NULL, *new_json = NULL;

  /* The quarantine event may just have changed the stored status. */
  stmt = lotline_store_prepare (self, "SELECT status FROM lot WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lot->lot_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    lotline_lot_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &before);
  sqlite3_reset (stmt);
  if (before == LOTLINE_LOT_RECALLED)
    return TRUE;

  stmt = lotline_store_prepare (self, "UPDATE lot SET status = 'recalled' WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lot->lot_id);
  if (!lotline_store_step_done (self, stmt, _("marking a lot recalled"), error))
    return FALSE;

  old_json = g_strdup_printf ("{\"status\":\"%s\"}", lotline_lot_status_to_string (before));
  new_json = g_strdup ("{\"status\":\"recalled\"}");
  return lotline_audit_append (self, "status", "lot", lot->lot_id, old_json, new_json, reason, error);
}

/* Quarantines what is on hand of @lot where it lies, through the ledger, so
 * the stock shows as held and the event is in the lot's history. */
static gboolean
quarantine_stock (LotlineStore *self, const LotlineRecallScope *scope, const LotlineRecallLot *lot,
                  const char *reason, const char *recall_number, GError **error)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (LotlineLineSpec));
  LotlineEventSpec event = { 0 };

  if (lot->status != LOTLINE_LOT_RELEASED && lot->status != LOTLINE_LOT_EXPIRED)
    return TRUE;

  for (guint i = 0; i < scope->stock->len; i++)
    {
      const LotlineRecallStock *s = scope->stock->pdata[i];
      LotlineLineSpec line = {
        .role = LOTLINE_LINE_SUBJECT, .lot_id = s->lot_id, .location_id = s->location_id, .quantity = s->quantity,
      };

      if (s->lot_id == lot->lot_id)
        g_array_append_val (lines, line);
    }
  if (lines->len == 0)
    return TRUE;

  event.kind = LOTLINE_EVENT_QUARANTINE;
  event.doc_type = "recall";
  event.doc_number = recall_number;
  event.reason = reason;
  event.lines = (const LotlineLineSpec *) (gpointer) lines->data;
  event.n_lines = lines->len;
  return lotline_store_record_event (self, &event, NULL, error);
}

static gboolean
insert_rows (LotlineStore *self, gint64 recall_id, const LotlineRecallScope *scope, GError **error)
{
  g_autoptr(GArray) party_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sample = NULL;
  g_autoptr(GHashTable) in_sample = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(LotlineRecall) r = load_recall (self, recall_id, error);

  if (r == NULL)
    return FALSE;

  for (guint i = 0; i < scope->lots->len; i++)
    {
      const LotlineRecallLot *lot = scope->lots->pdata[i];
      sqlite3_stmt *stmt = lotline_store_prepare (self,
        "INSERT INTO recall_lot (recall_id, lot_id, prior_status, on_hand) VALUES (?, ?, ?, ?)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, recall_id);
      sqlite3_bind_int64 (stmt, 2, lot->lot_id);
      sqlite3_bind_text (stmt, 3, lotline_lot_status_to_string (lot->status), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, lot->on_hand);
      if (!lotline_store_step_done (self, stmt, _("saving a recall’s lots"), error))
        return FALSE;
    }

  for (guint i = 0; i < scope->consignees->len; i++)
    g_array_append_val (party_ids, ((LotlineRecallConsignee *) scope->consignees->pdata[i])->party_id);
  sample = lotline_recall_choose_sample (recall_id, (const gint64 *) (gpointer) party_ids->data, party_ids->len,
                                         lotline_recall_check_sample_size (r->check_level, party_ids->len));
  for (guint i = 0; i < sample->len; i++)
    g_hash_table_add (in_sample, &g_array_index (sample, gint64, i));

  for (guint i = 0; i < party_ids->len; i++)
    {
      gint64 *party_id = &g_array_index (party_ids, gint64, i);
      sqlite3_stmt *stmt = lotline_store_prepare (self,
        "INSERT INTO recall_consignee (recall_id, party_id, in_sample) VALUES (?, ?, ?)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, recall_id);
      sqlite3_bind_int64 (stmt, 2, *party_id);
      sqlite3_bind_int (stmt, 3, g_hash_table_contains (in_sample, party_id) ? 1 : 0);
      if (!lotline_store_step_done (self, stmt, _("saving a recall’s consignees"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_status (LotlineStore *self, const LotlineRecall *r, LotlineRecallStatus status,
            const char *disposition, GError **error)
{
  g_autofree char *now = lotline_store_dup_now_instant (self);
  g_autofree char *old_json = NULL, *new_json = NULL;
  sqlite3_stmt *stmt = lotline_store_prepare (self,
    "UPDATE recall SET status = ?1, updated_at = ?2,"
    " opened_at = CASE WHEN ?1 = 'open' THEN ?2 ELSE opened_at END,"
    " terminated_at = CASE WHEN ?1 = 'terminated' THEN ?2 ELSE terminated_at END,"
    " disposition = coalesce (?3, disposition) WHERE id = ?4", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lotline_recall_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  lotline_bind_text_or_null (stmt, 3, disposition);
  sqlite3_bind_int64 (stmt, 4, r->id);
  if (!lotline_store_step_done (self, stmt, _("changing a recall’s status"), error))
    return FALSE;

  old_json = g_strdup_printf ("{\"status\":\"%s\"}", lotline_recall_status_to_string (r->status));
  new_json = g_strdup_printf ("{\"status\":\"%s\"}", lotline_recall_status_to_string (status));
  return lotline_audit_append (self, "status", "recall", r->id, old_json, new_json, disposition, error);
}

gboolean
lotline_store_open_recall (LotlineStore *self, gint64 recall_id, GError **error)
{
  g_autoptr(LotlineRecall) r = NULL;
  g_autoptr(LotlineRecallScope) scope = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (LOTLINE_IS_STORE (self), FALSE);

  r = load_recall (self, recall_id, error);
  if (r == NULL)
    return FALSE;
  if (r->status != LOTLINE_RECALL_DRAFT)
    return status_error (error, _("Recall %s is %s already; only a draft can be opened."),
                         r->number, lotline_recall_status_to_string (r->status));

  if (!lotline_store_begin (self, error))
    return FALSE;

  scope = lotline_store_recall_scope (self, (const gint64 *) (gpointer) r->seed_lot_ids->data,
                                      r->seed_lot_ids->len, error);
  if (scope == NULL)
    goto fail;

  reason = g_strdup_printf (_("Recall %s: %s"), r->number, r->reason);
  for (guint i = 0; i < scope->lots->len; i++)
    {
      const LotlineRecallLot *lot = scope->lots->pdata[i];

      if (lot->status == LOTLINE_LOT_DESTROYED)
        continue;
      if (!quarantine_stock (self, scope, lot, reason, r->number, error) ||
          !mark_lot_recalled (self, lot, reason, error))
        goto fail;
    }

  if (!insert_rows (self, recall_id, scope, error) ||
      !set_status (self, r, LOTLINE_RECALL_OPEN, NULL, error) ||
      !lotline_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  lotline_store_rollback (self);
  return FALSE;
}

gboolean
lotline_store_complete_recall (LotlineStore *self, gint64 recall_id, GError **error)
{
  g_autoptr(LotlineRecall) r = NULL;

  g_return_val_if_fail (LOTLINE_IS_STORE (self), FALSE);

  r = load_recall (self, recall_id, error);
  if (r == NULL)
    return FALSE;
  if (r->status != LOTLINE_RECALL_OPEN)
    return status_error (error, _("Recall %s is %s; only an open recall can be completed."),
                         r->number, lotline_recall_status_to_string (r->status));
  if (!lotline_store_begin (self, error))
    return FALSE;
  if (!set_status (self, r, LOTLINE_RECALL_COMPLETED, NULL, error) || !lotline_store_commit (self, error))
    {
      lotline_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
lotline_store_terminate_recall (LotlineStore *self, gint64 recall_id, const char *disposition, GError **error)
{
  g_autoptr(LotlineRecall) r = NULL;

  g_return_val_if_fail (LOTLINE_IS_STORE (self), FALSE);

  r = load_recall (self, recall_id, error);
  if (r == NULL)
    return FALSE;
  if (r->status != LOTLINE_RECALL_OPEN && r->status != LOTLINE_RECALL_COMPLETED)
    return status_error (error, _("Recall %s is %s; only an open or completed recall can be terminated."),
                         r->number, lotline_recall_status_to_string (r->status));
  if (lotline_is_blank (disposition))
    {
      g_set_error_literal (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_INVALID,
                           _("Terminating a recall needs the disposition. Say what was done with the recalled product."));
      return FALSE;
    }
  if (!lotline_store_begin (self, error))
    return FALSE;
  if (!set_status (self, r, LOTLINE_RECALL_TERMINATED, disposition, error) || !lotline_store_commit (self, error))
    {
      lotline_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* ---- consignee tracking ----------------------------------------------- */

GPtrArray *
lotline_store_get_recall_tracking (LotlineStore *self, gint64 recall_id, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lotline_recall_tracking_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LOTLINE_IS_STORE (self), NULL);

  stmt = lotline_store_prepare (self,
    "SELECT rc.party_id, p.code, p.name, rc.in_sample, rc.notified_at, rc.notify_method, rc.responded_at,"
    " rc.on_hand_reported, rc.quantity_returned, rc.quantity_destroyed, rc.notes"
    " FROM recall_consignee rc JOIN party p ON p.id = rc.party_id WHERE rc.recall_id = ?"
    " ORDER BY p.name, p.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, recall_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LotlineRecallTracking *t = g_new0 (LotlineRecallTracking, 1);

      t->party_id = sqlite3_column_int64 (stmt, 0);
      t->code = lotline_column_dup (stmt, 1);
      t->name = lotline_column_dup (stmt, 2);
      t->in_sample = sqlite3_column_int (stmt, 3) != 0;
      t->notified_at = lotline_column_dup (stmt, 4);
      t->notify_method = lotline_column_dup (stmt, 5);
      t->responded_at = lotline_column_dup (stmt, 6);
      t->on_hand_reported = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 7);
      t->quantity_returned = sqlite3_column_int64 (stmt, 8);
      t->quantity_destroyed = sqlite3_column_int64 (stmt, 9);
      t->notes = lotline_column_dup (stmt, 10);
      g_ptr_array_add (list, t);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&list);
}

static char *
response_to_json (const LotlineRecallResponse *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
#define ADD_STRING(key, value) \
  if ((value) != NULL) { json_builder_set_member_name (b, key); json_builder_add_string_value (b, value); }
#define ADD_INT(key, value) \
  if ((value) >= 0) { json_builder_set_member_name (b, key); json_builder_add_int_value (b, value); }
  ADD_STRING ("notified_at", r->notified_at);
  ADD_STRING ("notify_method", r->notify_method);
  ADD_STRING ("responded_at", r->responded_at);
  ADD_INT ("on_hand_reported", r->on_hand_reported);
  ADD_INT ("quantity_returned", r->quantity_returned);
  ADD_INT ("quantity_destroyed", r->quantity_destroyed);
  ADD_STRING ("notes", r->notes);
#undef ADD_STRING
#undef ADD_INT
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

gboolean
lotline_store_track_recall_consignee (LotlineStore                *self,
                                      gint64                       recall_id,
                                      gint64                       party_id,
                                      const LotlineRecallResponse *response,
                                      GError                     **error)
{
  g_autoptr(LotlineRecall) r = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  gboolean found;
  gint64 when;

  g_return_val_if_fail (LOTLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (response != NULL, FALSE);

  r = load_recall (self, recall_id, error);
  if (r == NULL)
    return FALSE;
  if (r->status != LOTLINE_RECALL_OPEN && r->status != LOTLINE_RECALL_COMPLETED)
    return status_error (error, _("Recall %s is %s; responses are tracked only while it is open or completed."),
                         r->number, lotline_recall_status_to_string (r->status));
  if ((response->notified_at && !lotline_instant_parse (response->notified_at, &when)) ||
      (response->responded_at && !lotline_instant_parse (response->responded_at, &when)))
    {
      g_set_error_literal (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_INVALID,
                           _("Notification and response times must be like 2026-03-01T12:00:00Z."));
      return FALSE;
    }

  stmt = lotline_store_prepare (self, "SELECT 1 FROM recall_consignee WHERE recall_id = ? AND party_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, recall_id);
  sqlite3_bind_int64 (stmt, 2, party_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_NOT_CONSIGNEE,
                   _("Recall %s did not reach this customer. Choose one of its consignees."), r->number);
      return FALSE;
    }

  if (!lotline_store_begin (self, error))
    return FALSE;
  stmt = lotline_store_prepare (self,
    "UPDATE recall_consignee SET notified_at = coalesce (?1, notified_at),"
    " notify_method = coalesce (?2, notify_method), responded_at = coalesce (?3, responded_at),"
    " on_hand_reported = CASE WHEN ?4 >= 0 THEN ?4 ELSE on_hand_reported END,"
    " quantity_returned = CASE WHEN ?5 >= 0 THEN ?5 ELSE quantity_returned END,"
    " quantity_destroyed = CASE WHEN ?6 >= 0 THEN ?6 ELSE quantity_destroyed END,"
    " notes = coalesce (?7, notes) WHERE recall_id = ?8 AND party_id = ?9", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, response->notified_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, response->notify_method, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, response->responded_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, response->on_hand_reported);
  sqlite3_bind_int64 (stmt, 5, response->quantity_returned);
  sqlite3_bind_int64 (stmt, 6, response->quantity_destroyed);
  sqlite3_bind_text (stmt, 7, response->notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, recall_id);
  sqlite3_bind_int64 (stmt, 9, party_id);
  if (!lotline_store_step_done (self, stmt, _("saving a consignee’s response"), error))
    goto fail;

  json = response_to_json (response);
  if (!lotline_audit_append (self, "track", "recall", recall_id, NULL, json, NULL, error) ||
      !lotline_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  lotline_store_rollback (self);
  return FALSE;
}
