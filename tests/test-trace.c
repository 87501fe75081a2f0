/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sqlite3.h>

#include "lotline-test-util.h"
#include "lotline-trace.h"

#define Q(units) ((gint64) (units) * LOTLINE_QTY_ONE)

/* ---- helpers ---------------------------------------------------------- */

static gint64
record (LotlineTestStore *ts, LotlineEventKind kind, const char *date, gint64 party,
        const LotlineLineSpec *lines, guint n_lines)
{
  LotlineEventSpec event = {
    .kind = kind, .occurred_at = lotline_test_date (date), .party_id = party,
    .doc_type = "DOC", .doc_number = "1", .lines = lines, .n_lines = n_lines,
    .reason = (kind == LOTLINE_EVENT_ADJUST || kind == LOTLINE_EVENT_DESTROY) ? "test" : NULL,
  };
  g_autoptr(GError) error = NULL;
  gint64 event_id = 0;

  g_assert_true (lotline_store_record_event (ts->store, &event, &event_id, &error));
  g_assert_no_error (error);
  return event_id;
}

static gint64
lot_id_of (LotlineTestStore *ts, const char *code)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (lotline_store_find_lot (ts->store, NULL, code, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
receive_from (LotlineTestStore *ts, gint64 supplier, gint64 product, const char *code, gint64 location,
              gint64 quantity, const char *date)
{
  LotlineLotSpec lot = { .product_id = product, .code = code };
  LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .new_lot = &lot, .location_id = location, .quantity = quantity };

  record (ts, LOTLINE_EVENT_RECEIVE, date, supplier, &line, 1);
  return lot_id_of (ts, code);
}

static void
move (LotlineTestStore *ts, LotlineEventKind kind, gint64 party, LotlineLineRole role, gint64 lot,
      gint64 location, gint64 quantity, const char *date)
{
  LotlineLineSpec line = { .role = role, .lot_id = lot, .location_id = location, .quantity = quantity };

  record (ts, kind, date, party, &line, 1);
}

static void
transfer (LotlineTestStore *ts, gint64 lot, gint64 from, gint64 to, gint64 quantity, const char *date)
{
  LotlineLineSpec lines[] = {
    { .role = LOTLINE_LINE_INPUT, .lot_id = lot, .location_id = from, .quantity = quantity },
    { .role = LOTLINE_LINE_OUTPUT, .lot_id = lot, .location_id = to, .quantity = quantity },
  };

  record (ts, LOTLINE_EVENT_TRANSFER, date, 0, lines, G_N_ELEMENTS (lines));
}

static LotlineTrace *
trace (LotlineTestStore *ts, const gint64 *seeds, guint n_seeds, LotlineTraceDirection direction, guint max_depth)
{
  g_autoptr(GError) error = NULL;
  LotlineTrace *result = lotline_store_trace (ts->store, seeds, n_seeds, direction, max_depth, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static LotlineTrace *
trace1 (LotlineTestStore *ts, gint64 seed, LotlineTraceDirection direction, guint max_depth)
{
  return trace (ts, &seed, 1, direction, max_depth);
}

static char *
key_of (const char *prefix, gint64 id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, prefix, id);
}

static const LotlineTraceNode *
node_of (const LotlineTrace *t, const char *prefix, gint64 id)
{
  g_autofree char *key = key_of (prefix, id);
  int i = lotline_trace_find_node (t, key);

  return i < 0 ? NULL : lotline_trace_get_node (t, (guint) i);
}

static const LotlineMassBalance *
balance_of (const LotlineTrace *t, gint64 lot)
{
  g_autofree char *key = key_of ("lot", lot);
  int i = lotline_trace_find_node (t, key);

  g_assert_cmpint (i, >=, 0);
  return lotline_trace_get_balance (t, (guint) i);
}

static const LotlineTraceEdge *
edge_of (const LotlineTrace *t, LotlineEdgeKind kind, const char *from_prefix, gint64 from,
         const char *to_prefix, gint64 to)
{
  g_autofree char *from_key = key_of (from_prefix, from);
  g_autofree char *to_key = key_of (to_prefix, to);
  int f = lotline_trace_find_node (t, from_key), o = lotline_trace_find_node (t, to_key);

  if (f < 0 || o < 0)
    return NULL;
  for (guint i = 0; i < lotline_trace_get_n_edges (t); i++)
    {
      const LotlineTraceEdge *e = lotline_trace_get_edge (t, i);

      if (e->kind == kind && e->from == (guint) f && e->to == (guint) o)
        return e;
    }
  return NULL;
}

static guint
count_nodes (const LotlineTrace *t, LotlineNodeKind kind)
{
  guint n = 0;

  for (guint i = 0; i < lotline_trace_get_n_nodes (t); i++)
    if (lotline_trace_get_node (t, i)->kind == kind)
      n++;
  return n;
}

static guint
count_edges (const LotlineTrace *t, LotlineEdgeKind kind)
{
  guint n = 0;

  for (guint i = 0; i < lotline_trace_get_n_edges (t); i++)
    if (lotline_trace_get_edge (t, i)->kind == kind)
      n++;
  return n;
}

/* Every key is unique and every edge points at a node. */
static void
assert_well_formed (const LotlineTrace *t)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < lotline_trace_get_n_nodes (t); i++)
    {
      const LotlineTraceNode *node = lotline_trace_get_node (t, i);

      g_assert_true (g_hash_table_add (keys, node->key));
      g_assert_cmpint (lotline_trace_find_node (t, node->key), ==, i);
      g_assert_nonnull (node->label);
      if (node->kind == LOTLINE_NODE_LOT)
        g_assert_nonnull (lotline_trace_get_balance (t, i));
      else
        g_assert_null (lotline_trace_get_balance (t, i));
    }
  for (guint i = 0; i < lotline_trace_get_n_edges (t); i++)
    {
      const LotlineTraceEdge *e = lotline_trace_get_edge (t, i);

      g_assert_cmpuint (e->from, <, lotline_trace_get_n_nodes (t));
      g_assert_cmpuint (e->to, <, lotline_trace_get_n_nodes (t));
      g_assert_true (g_hash_table_add (edges, g_strdup_printf ("%d %u %u", e->kind, e->from, e->to)));
    }
  g_assert_cmpint (lotline_trace_find_node (t, "lot:0"), ==, -1);
  g_assert_cmpint (lotline_trace_find_node (t, NULL), ==, -1);
}

static void
assert_balanced (const LotlineTrace *t)
{
  for (guint i = 0; i < lotline_trace_get_n_nodes (t); i++)
    {
      const LotlineMassBalance *b = lotline_trace_get_balance (t, i);

      if (b == NULL)
        continue;
      g_assert_cmpint (b->lot_id, ==, lotline_trace_get_node (t, i)->id);
      g_assert_cmpint (b->on_hand, ==, lotline_trace_get_node (t, i)->on_hand);
      g_assert_cmpint (b->gap, ==, 0);
    }
}

/* ---- cases ------------------------------------------------------------ */

static void
test_direction_strings (void)
{
  LotlineTraceDirection d;

  g_assert_cmpstr (lotline_trace_direction_to_string (LOTLINE_TRACE_UPSTREAM), ==, "up");
  g_assert_cmpstr (lotline_trace_direction_to_string (LOTLINE_TRACE_DOWNSTREAM), ==, "down");
  g_assert_cmpstr (lotline_trace_direction_to_string (LOTLINE_TRACE_BOTH), ==, "both");
  g_assert_cmpstr (lotline_trace_direction_to_string (LOTLINE_TRACE_SIBLINGS), ==, "siblings");
  for (d = LOTLINE_TRACE_UPSTREAM; d <= LOTLINE_TRACE_SIBLINGS; d++)
    {
      LotlineTraceDirection back = 99;

      g_assert_true (lotline_trace_direction_from_string (lotline_trace_direction_to_string (d), &back));
      g_assert_cmpint (back, ==, d);
    }
  g_assert_true (lotline_trace_direction_from_string ("upstream", &d));
  g_assert_cmpint (d, ==, LOTLINE_TRACE_UPSTREAM);
  g_assert_true (lotline_trace_direction_from_string ("Downstream", &d));
  g_assert_cmpint (d, ==, LOTLINE_TRACE_DOWNSTREAM);
  g_assert_false (lotline_trace_direction_from_string ("sideways", &d));
  g_assert_false (lotline_trace_direction_from_string ("", &d));
  g_assert_false (lotline_trace_direction_from_string (NULL, &d));
}

/* One raw lot into two batches that merge again into one finished lot. */
static void
test_diamond (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) t = NULL;
  gint64 raw, a, b, fin;
  const LotlineTraceEdge *e;

  lotline_test_store_add_basics (ts);
  raw = lotline_test_receive (ts, ts->fruit, "D-RAW", ts->wh1, Q (100), "2026-03-01", NULL);
  a = lotline_test_produce (ts, &raw, (gint64[]) { Q (40) }, 1, ts->jam_base, "D-A", Q (40), "2026-03-02");
  b = lotline_test_produce (ts, &raw, (gint64[]) { Q (60) }, 1, ts->jam_base, "D-B", Q (60), "2026-03-02");
  fin = lotline_test_produce (ts, (gint64[]) { a, b }, (gint64[]) { Q (30), Q (50) }, 2,
                              ts->jam_jar, "D-FIN", Q (160), "2026-03-03");

  t = trace1 (ts, raw, LOTLINE_TRACE_DOWNSTREAM, 0);
  assert_well_formed (t);
  assert_balanced (t);
  g_assert_cmpint (lotline_trace_get_direction (t), ==, LOTLINE_TRACE_DOWNSTREAM);

  /* Four lots (the finished lot once), and WH1 holding what is left. */
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 4);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOCATION), ==, 1);
  g_assert_cmpuint (lotline_trace_get_n_nodes (t), ==, 5);
  g_assert_cmpint (node_of (t, "lot", raw)->depth, ==, 0);
  g_assert_true (node_of (t, "lot", raw)->is_seed);
  g_assert_cmpint (node_of (t, "lot", a)->depth, ==, 1);
  g_assert_cmpint (node_of (t, "lot", b)->depth, ==, 1);
  g_assert_cmpint (node_of (t, "lot", fin)->depth, ==, 2);
  g_assert_false (node_of (t, "lot", fin)->is_seed);
  g_assert_cmpint (lotline_trace_get_node (t, 0)->id, ==, raw);

  g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_PRODUCTION), ==, 4);
  e = edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", raw, "lot", a);
  g_assert_nonnull (e);
  g_assert_cmpint (e->quantity, ==, Q (40));
  g_assert_cmpint (e->child_quantity, ==, Q (40));
  g_assert_cmpuint (e->events, ==, 1);
  g_assert_cmpstr (e->first_date, ==, "2026-03-02");
  g_assert_cmpstr (e->last_date, ==, "2026-03-02");
  e = edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", raw, "lot", b);
  g_assert_cmpint (e->quantity, ==, Q (60));
  e = edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", a, "lot", fin);
  g_assert_cmpint (e->quantity, ==, Q (30));
  g_assert_cmpint (e->child_quantity, ==, Q (160));
  g_assert_cmpstr (e->first_date, ==, "2026-03-03");
  e = edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", b, "lot", fin);
  g_assert_cmpint (e->quantity, ==, Q (50));
  g_assert_cmpint (e->child_quantity, ==, Q (160));

  /* The raw lot is used up: no stock edge for it. */
  g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_STOCK), ==, 3);
  g_assert_null (edge_of (t, LOTLINE_EDGE_STOCK, "lot", raw, "location", ts->wh1));
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_STOCK, "lot", a, "location", ts->wh1)->quantity, ==, Q (10));
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_STOCK, "lot", fin, "location", ts->wh1)->quantity, ==, Q (160));
  g_assert_cmpint (node_of (t, "location", ts->wh1)->depth, ==, 1);
  g_assert_cmpuint (lotline_trace_get_n_edges (t), ==, 7);
  g_assert_cmpuint (lotline_trace_get_n_shipments (t), ==, 0);

  g_assert_cmpint (balance_of (t, raw)->received, ==, Q (100));
  g_assert_cmpint (balance_of (t, raw)->consumed, ==, Q (100));
  g_assert_cmpint (balance_of (t, raw)->on_hand, ==, 0);
  g_assert_cmpint (balance_of (t, fin)->produced, ==, Q (160));

  /* Upstream from the finished lot meets the same diamond from below. */
  g_clear_pointer (&t, lotline_trace_unref);
  t = trace1 (ts, fin, LOTLINE_TRACE_UPSTREAM, 0);
  assert_well_formed (t);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 4);
  g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_PRODUCTION), ==, 4);
  g_assert_cmpint (node_of (t, "lot", raw)->depth, ==, -2);
  g_assert_cmpint (node_of (t, "lot", a)->depth, ==, -1);
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", raw, "lot", b)->quantity, ==, Q (60));
}

/* Raw fruit → jam base → jars → two customers. */
static void
test_multi_level (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) t = NULL;
  gint64 fruit, sugar, base, jar;
  const LotlineTraceNode *node;
  const LotlineTraceEdge *e;

  lotline_test_store_add_basics (ts);
  fruit = lotline_test_receive (ts, ts->fruit, "M-FRUIT", ts->wh1, Q (50), "2026-03-01", NULL);
  sugar = lotline_test_receive (ts, ts->sugar, "M-SUGAR", ts->wh1, Q (50), "2026-03-01", NULL);
  base = lotline_test_produce (ts, (gint64[]) { fruit, sugar }, (gint64[]) { Q (20), Q (20) }, 2,
                               ts->jam_base, "M-BASE", Q (40), "2026-03-02");
  jar = lotline_test_produce (ts, &base, (gint64[]) { Q (40) }, 1, ts->jam_jar, "M-JAR", Q (100), "2026-03-02");
  lotline_test_ship (ts, ts->customer, jar, ts->wh1, Q (30), "2026-03-03");
  lotline_test_ship (ts, ts->customer2, jar, ts->wh1, Q (20), "2026-03-04");
  lotline_test_ship (ts, ts->customer, jar, ts->wh1, Q (10), "2026-03-05");

  t = trace1 (ts, fruit, LOTLINE_TRACE_DOWNSTREAM, 0);
  assert_well_formed (t);
  assert_balanced (t);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 3);
  g_assert_null (node_of (t, "lot", sugar));
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_CUSTOMER), ==, 2);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_SUPPLIER), ==, 0);

  node = node_of (t, "lot", jar);
  g_assert_cmpint (node->kind, ==, LOTLINE_NODE_LOT);
  g_assert_cmpstr (node->label, ==, "M-JAR");
  g_assert_cmpint (node->depth, ==, 2);
  g_assert_cmpint (node->product_id, ==, ts->jam_jar);
  g_assert_cmpstr (node->product_sku, ==, "FIN-JAR");
  g_assert_cmpstr (node->product_name, ==, "Strawberry jam 340 g");
  g_assert_cmpint (node->product_kind, ==, LOTLINE_PRODUCT_FINISHED);
  g_assert_cmpstr (node->unit, ==, "jar");
  g_assert_cmpint (node->status, ==, LOTLINE_LOT_RELEASED);
  g_assert_cmpstr (node->produced_on, ==, "2026-03-02");
  /* The fruit's ten-day shelf life caps the jar's. */
  g_assert_cmpstr (node->expires_on, ==, "2026-03-11");
  g_assert_cmpint (node->on_hand, ==, Q (40));
  g_assert_cmpstr (node->key, ==, node_of (t, "lot", jar)->key);

  node = node_of (t, "party", ts->customer);
  g_assert_cmpint (node->kind, ==, LOTLINE_NODE_CUSTOMER);
  g_assert_cmpstr (node->label, ==, "Corner Grocery");
  g_assert_cmpint (node->depth, ==, 2);
  g_assert_false (node->is_seed);
  g_assert_cmpstr (node_of (t, "location", ts->wh1)->label, ==, "WH1");
  g_assert_cmpint (node_of (t, "location", ts->wh1)->depth, ==, 0);

  e = edge_of (t, LOTLINE_EDGE_SHIPMENT, "lot", jar, "party", ts->customer);
  g_assert_nonnull (e);
  g_assert_cmpint (e->quantity, ==, Q (40));
  g_assert_cmpuint (e->events, ==, 2);
  g_assert_cmpstr (e->first_date, ==, "2026-03-03");
  g_assert_cmpstr (e->last_date, ==, "2026-03-05");
  e = edge_of (t, LOTLINE_EDGE_SHIPMENT, "lot", jar, "party", ts->customer2);
  g_assert_cmpint (e->quantity, ==, Q (20));
  g_assert_cmpuint (e->events, ==, 1);
  g_assert_cmpuint (lotline_trace_get_n_shipments (t), ==, 3);
  g_assert_cmpint (balance_of (t, jar)->shipped, ==, Q (60));
  g_assert_cmpint (balance_of (t, jar)->on_hand, ==, Q (40));

  /* Depth limit: the jar is two steps away. */
  g_clear_pointer (&t, lotline_trace_unref);
  t = trace1 (ts, fruit, LOTLINE_TRACE_DOWNSTREAM, 1);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 2);
  g_assert_null (node_of (t, "lot", jar));
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_CUSTOMER), ==, 0);
  g_assert_cmpuint (lotline_trace_get_n_shipments (t), ==, 0);
}

/* One batch split into three finished lots by one production. */
static void
test_splits (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) t = NULL;
  LotlineLotSpec lots[3] = {
    { .product_id = 0, .code = "S-J1" }, { .product_id = 0, .code = "S-J2" }, { .product_id = 0, .code = "S-J3" },
  };
  gint64 base, jars[3], sizes[3] = { Q (100), Q (80), Q (60) };
  LotlineLineSpec lines[4];

  lotline_test_store_add_basics (ts);
  base = lotline_test_receive (ts, ts->jam_base, "S-BASE", ts->wh1, Q (100), "2026-03-01", NULL);
  lines[0] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = base, .location_id = ts->wh1, .quantity = Q (90) };
  for (guint i = 0; i < 3; i++)
    {
      lots[i].product_id = ts->jam_jar;
      lines[i + 1] = (LotlineLineSpec) { .role = LOTLINE_LINE_OUTPUT, .new_lot = &lots[i],
                                         .location_id = i == 2 ? ts->wh2 : ts->wh1, .quantity = sizes[i] };
    }
  record (ts, LOTLINE_EVENT_PRODUCE, "2026-03-02", 0, lines, 4);
  for (guint i = 0; i < 3; i++)
    jars[i] = lot_id_of (ts, lots[i].code);
  lotline_test_ship (ts, ts->customer, jars[0], ts->wh1, Q (100), "2026-03-03");

  t = trace1 (ts, base, LOTLINE_TRACE_DOWNSTREAM, 0);
  assert_well_formed (t);
  assert_balanced (t);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 4);
  g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_PRODUCTION), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const LotlineTraceEdge *e = edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", base, "lot", jars[i]);

      g_assert_nonnull (e);
      /* Each pair carries the whole input of the event and its own output. */
      g_assert_cmpint (e->quantity, ==, Q (90));
      g_assert_cmpint (e->child_quantity, ==, sizes[i]);
      g_assert_cmpint (node_of (t, "lot", jars[i])->depth, ==, 1);
    }
  /* The first jar lot is all shipped; the others sit in two warehouses. */
  g_assert_null (edge_of (t, LOTLINE_EDGE_STOCK, "lot", jars[0], "location", ts->wh1));
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_STOCK, "lot", jars[1], "location", ts->wh1)->quantity, ==, Q (80));
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_STOCK, "lot", jars[2], "location", ts->wh2)->quantity, ==, Q (60));
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_STOCK, "lot", base, "location", ts->wh1)->quantity, ==, Q (10));
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOCATION), ==, 2);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_CUSTOMER), ==, 1);
  g_assert_cmpint (balance_of (t, jars[0])->shipped, ==, Q (100));
}

/* Several inputs into one lot, and one pair joined by two productions. */
static void
test_merges (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) t = NULL;
  gint64 fruit, sugar, pectin, base;
  LotlineLineSpec again[2];
  const LotlineTraceEdge *e;

  lotline_test_store_add_basics (ts);
  fruit = lotline_test_receive (ts, ts->fruit, "G-FRUIT", ts->wh1, Q (50), "2026-03-01", NULL);
  sugar = receive_from (ts, ts->supplier2, ts->sugar, "G-SUGAR", ts->wh1, Q (50), "2026-03-01");
  pectin = lotline_test_receive (ts, ts->pectin, "G-PECTIN", ts->wh1, Q (5), "2026-03-01", NULL);
  base = lotline_test_produce (ts, (gint64[]) { fruit, sugar, pectin }, (gint64[]) { Q (10), Q (10), Q (1) }, 3,
                               ts->jam_base, "G-BASE", Q (21), "2026-03-02");
  /* A second batch into the same lot, from the same fruit and more sugar. */
  again[0] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = Q (5) };
  again[1] = (LotlineLineSpec) { .role = LOTLINE_LINE_OUTPUT, .lot_id = base, .location_id = ts->wh1, .quantity = Q (5) };
  record (ts, LOTLINE_EVENT_PRODUCE, "2026-03-04", 0, again, 2);

  t = trace1 (ts, base, LOTLINE_TRACE_UPSTREAM, 0);
  assert_well_formed (t);
  assert_balanced (t);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 4);
  g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_PRODUCTION), ==, 3);
  e = edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", fruit, "lot", base);
  g_assert_cmpint (e->quantity, ==, Q (15));
  g_assert_cmpint (e->child_quantity, ==, Q (26));
  g_assert_cmpuint (e->events, ==, 2);
  g_assert_cmpstr (e->first_date, ==, "2026-03-02");
  g_assert_cmpstr (e->last_date, ==, "2026-03-04");
  e = edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", sugar, "lot", base);
  g_assert_cmpint (e->quantity, ==, Q (10));
  g_assert_cmpint (e->child_quantity, ==, Q (21));
  g_assert_cmpuint (e->events, ==, 1);
  g_assert_cmpint (balance_of (t, base)->produced, ==, Q (26));
  g_assert_cmpint (balance_of (t, fruit)->consumed, ==, Q (15));

  /* Downstream from one input reaches only the merged lot. */
  g_clear_pointer (&t, lotline_trace_unref);
  t = trace1 (ts, sugar, LOTLINE_TRACE_DOWNSTREAM, 0);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 2);
  g_assert_nonnull (node_of (t, "lot", base));
  g_assert_null (node_of (t, "lot", fruit));
}

/* Receipts of every ancestor, summed per supplier and lot. */
static void
test_upstream_suppliers (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) t = NULL;
  gint64 fruit, sugar, base, jar;
  const LotlineTraceEdge *e;
  const LotlineTraceNode *node;

  lotline_test_store_add_basics (ts);
  fruit = lotline_test_receive (ts, ts->fruit, "U-FRUIT", ts->wh1, Q (50), "2026-03-01", NULL);
  /* A second delivery into the same lot. */
  move (ts, LOTLINE_EVENT_RECEIVE, ts->supplier, LOTLINE_LINE_OUTPUT, fruit, ts->wh2, Q (25), "2026-03-02");
  sugar = receive_from (ts, ts->supplier2, ts->sugar, "U-SUGAR", ts->wh1, Q (30), "2026-03-01");
  base = lotline_test_produce (ts, (gint64[]) { fruit, sugar }, (gint64[]) { Q (50), Q (30) }, 2,
                               ts->jam_base, "U-BASE", Q (80), "2026-03-03");
  jar = lotline_test_produce (ts, &base, (gint64[]) { Q (80) }, 1, ts->jam_jar, "U-JAR", Q (200), "2026-03-03");
  lotline_test_ship (ts, ts->customer, jar, ts->wh1, Q (10), "2026-03-04");

  t = trace1 (ts, jar, LOTLINE_TRACE_UPSTREAM, 0);
  assert_well_formed (t);
  assert_balanced (t);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 4);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_SUPPLIER), ==, 2);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_CUSTOMER), ==, 0);
  g_assert_cmpuint (lotline_trace_get_n_shipments (t), ==, 0);

  e = edge_of (t, LOTLINE_EDGE_RECEIPT, "party", ts->supplier, "lot", fruit);
  g_assert_nonnull (e);
  g_assert_cmpint (e->quantity, ==, Q (75));
  g_assert_cmpuint (e->events, ==, 2);
  g_assert_cmpstr (e->first_date, ==, "2026-03-01");
  g_assert_cmpstr (e->last_date, ==, "2026-03-02");
  e = edge_of (t, LOTLINE_EDGE_RECEIPT, "party", ts->supplier2, "lot", sugar);
  g_assert_cmpint (e->quantity, ==, Q (30));
  g_assert_null (edge_of (t, LOTLINE_EDGE_RECEIPT, "party", ts->supplier, "lot", sugar));
  g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_RECEIPT), ==, 2);

  node = node_of (t, "party", ts->supplier2);
  g_assert_cmpint (node->kind, ==, LOTLINE_NODE_SUPPLIER);
  g_assert_cmpstr (node->label, ==, "Sweet Co");
  g_assert_cmpint (node->depth, ==, -2);
  g_assert_cmpint (node_of (t, "lot", base)->depth, ==, -1);
  g_assert_cmpint (node_of (t, "lot", fruit)->depth, ==, -2);
  g_assert_cmpint (balance_of (t, fruit)->received, ==, Q (75));
  g_assert_cmpint (balance_of (t, fruit)->on_hand, ==, Q (25));

  /* Stock of reached lots is shown upstream too. */
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_STOCK, "lot", fruit, "location", ts->wh2)->quantity, ==, Q (25));
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_STOCK, "lot", jar, "location", ts->wh1)->quantity, ==, Q (190));

  /* Depth limit upstream. */
  g_clear_pointer (&t, lotline_trace_unref);
  t = trace1 (ts, jar, LOTLINE_TRACE_UPSTREAM, 1);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 2);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_SUPPLIER), ==, 0);

  /* Both ways from the middle. */
  g_clear_pointer (&t, lotline_trace_unref);
  t = trace1 (ts, base, LOTLINE_TRACE_BOTH, 0);
  assert_well_formed (t);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 4);
  g_assert_cmpint (node_of (t, "lot", jar)->depth, ==, 1);
  g_assert_cmpint (node_of (t, "lot", sugar)->depth, ==, -1);
  g_assert_cmpint (node_of (t, "lot", base)->depth, ==, 0);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_SUPPLIER), ==, 2);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_CUSTOMER), ==, 1);
  g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_PRODUCTION), ==, 3);
  g_assert_cmpuint (lotline_trace_get_n_shipments (t), ==, 1);
  g_assert_cmpint (lotline_trace_get_direction (t), ==, LOTLINE_TRACE_BOTH);
}

static void
test_multiple_seeds (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) t = NULL;
  gint64 f1, f2, b1, b2, jar, seeds[3];

  lotline_test_store_add_basics (ts);
  f1 = lotline_test_receive (ts, ts->fruit, "X-F1", ts->wh1, Q (10), "2026-03-01", NULL);
  f2 = lotline_test_receive (ts, ts->fruit, "X-F2", ts->wh1, Q (10), "2026-03-01", NULL);
  b1 = lotline_test_produce (ts, &f1, (gint64[]) { Q (10) }, 1, ts->jam_base, "X-B1", Q (10), "2026-03-02");
  b2 = lotline_test_produce (ts, &f2, (gint64[]) { Q (10) }, 1, ts->jam_base, "X-B2", Q (10), "2026-03-02");
  jar = lotline_test_produce (ts, &b1, (gint64[]) { Q (5) }, 1, ts->jam_jar, "X-JAR", Q (10), "2026-03-03");
  lotline_test_ship (ts, ts->customer, jar, ts->wh1, Q (10), "2026-03-04");
  lotline_test_ship (ts, ts->customer2, b2, ts->wh1, Q (10), "2026-03-04");

  /* Two unrelated seeds, one given twice, and a descendant of the first. */
  seeds[0] = f2;
  seeds[1] = f1;
  seeds[2] = f2;
  t = trace (ts, seeds, 3, LOTLINE_TRACE_DOWNSTREAM, 0);
  assert_well_formed (t);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 5);
  g_assert_cmpint (lotline_trace_get_node (t, 0)->id, ==, f2);
  g_assert_cmpint (lotline_trace_get_node (t, 1)->id, ==, f1);
  g_assert_true (node_of (t, "lot", f1)->is_seed);
  g_assert_true (node_of (t, "lot", f2)->is_seed);
  g_assert_false (node_of (t, "lot", b1)->is_seed);
  g_assert_cmpint (node_of (t, "lot", jar)->depth, ==, 2);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_CUSTOMER), ==, 2);
  g_assert_nonnull (edge_of (t, LOTLINE_EDGE_SHIPMENT, "lot", b2, "party", ts->customer2));
  g_assert_nonnull (edge_of (t, LOTLINE_EDGE_SHIPMENT, "lot", jar, "party", ts->customer));

  /* A seed downstream of another seed stays at depth 0. */
  g_clear_pointer (&t, lotline_trace_unref);
  seeds[0] = f1;
  seeds[1] = b1;
  t = trace (ts, seeds, 2, LOTLINE_TRACE_DOWNSTREAM, 0);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 3);
  g_assert_cmpint (node_of (t, "lot", b1)->depth, ==, 0);
  g_assert_true (node_of (t, "lot", b1)->is_seed);
  g_assert_cmpint (node_of (t, "lot", jar)->depth, ==, 1);
  g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_PRODUCTION), ==, 2);
}

static void
test_returns (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) t = NULL;
  gint64 fruit, jar;
  const LotlineTraceEdge *e;

  lotline_test_store_add_basics (ts);
  fruit = lotline_test_receive (ts, ts->fruit, "R-FRUIT", ts->wh1, Q (10), "2026-03-01", NULL);
  jar = lotline_test_produce (ts, &fruit, (gint64[]) { Q (10) }, 1, ts->jam_jar, "R-JAR", Q (50), "2026-03-01");
  lotline_test_ship (ts, ts->customer, jar, ts->wh1, Q (30), "2026-03-02");
  move (ts, LOTLINE_EVENT_RETURN, ts->customer, LOTLINE_LINE_OUTPUT, jar, ts->quarantine, Q (4), "2026-03-03");
  move (ts, LOTLINE_EVENT_RETURN, ts->customer, LOTLINE_LINE_OUTPUT, jar, ts->quarantine, Q (2), "2026-03-05");
  /* A customer who only returned (say, goods shipped before the system). */
  move (ts, LOTLINE_EVENT_RETURN, ts->customer2, LOTLINE_LINE_OUTPUT, jar, ts->wh2, Q (1), "2026-03-04");

  t = trace1 (ts, fruit, LOTLINE_TRACE_DOWNSTREAM, 0);
  assert_well_formed (t);
  assert_balanced (t);
  e = edge_of (t, LOTLINE_EDGE_RETURN, "party", ts->customer, "lot", jar);
  g_assert_nonnull (e);
  g_assert_cmpint (e->quantity, ==, Q (6));
  g_assert_cmpuint (e->events, ==, 2);
  g_assert_cmpstr (e->first_date, ==, "2026-03-03");
  g_assert_cmpstr (e->last_date, ==, "2026-03-05");
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_RETURN, "party", ts->customer2, "lot", jar)->quantity, ==, Q (1));
  g_assert_cmpint (node_of (t, "party", ts->customer2)->kind, ==, LOTLINE_NODE_CUSTOMER);
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_SHIPMENT, "lot", jar, "party", ts->customer)->quantity, ==, Q (30));
  g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_SHIPMENT), ==, 1);
  g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_RETURN), ==, 2);
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_STOCK, "lot", jar, "location", ts->quarantine)->quantity, ==, Q (6));
  g_assert_cmpint (balance_of (t, jar)->returned, ==, Q (7));
  g_assert_cmpint (balance_of (t, jar)->on_hand, ==, Q (27));

  /* Returns are a downstream matter. */
  g_clear_pointer (&t, lotline_trace_unref);
  t = trace1 (ts, jar, LOTLINE_TRACE_UPSTREAM, 0);
  g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_RETURN), ==, 0);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_CUSTOMER), ==, 0);
}

/* Lots that share an input with the seed. */
static void
test_siblings (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) t = NULL;
  gint64 r1, r2, r3, a, b, c, d, jar;

  lotline_test_store_add_basics (ts);
  r1 = lotline_test_receive (ts, ts->fruit, "B-R1", ts->wh1, Q (100), "2026-03-01", NULL);
  r2 = lotline_test_receive (ts, ts->sugar, "B-R2", ts->wh1, Q (100), "2026-03-01", NULL);
  r3 = lotline_test_receive (ts, ts->pectin, "B-R3", ts->wh1, Q (100), "2026-03-01", NULL);
  a = lotline_test_produce (ts, (gint64[]) { r1, r2 }, (gint64[]) { Q (10), Q (10) }, 2, ts->jam_base, "B-A", Q (20), "2026-03-02");
  b = lotline_test_produce (ts, &r1, (gint64[]) { Q (10) }, 1, ts->jam_base, "B-B", Q (10), "2026-03-02");
  c = lotline_test_produce (ts, (gint64[]) { r2, r3 }, (gint64[]) { Q (10), Q (10) }, 2, ts->jam_base, "B-C", Q (20), "2026-03-02");
  d = lotline_test_produce (ts, &r3, (gint64[]) { Q (10) }, 1, ts->jam_base, "B-D", Q (10), "2026-03-02");
  jar = lotline_test_produce (ts, &b, (gint64[]) { Q (5) }, 1, ts->jam_jar, "B-JAR", Q (10), "2026-03-03");
  lotline_test_ship (ts, ts->customer, b, ts->wh1, 500, "2026-03-04");

  t = trace1 (ts, a, LOTLINE_TRACE_SIBLINGS, 0);
  assert_well_formed (t);
  assert_balanced (t);
  g_assert_cmpint (lotline_trace_get_direction (t), ==, LOTLINE_TRACE_SIBLINGS);
  /* a, its inputs r1 and r2, and what else was made of them: b and c. */
  g_assert_cmpuint (lotline_trace_get_n_nodes (t), ==, 5);
  g_assert_cmpint (node_of (t, "lot", a)->depth, ==, 0);
  g_assert_true (node_of (t, "lot", a)->is_seed);
  g_assert_cmpint (node_of (t, "lot", r1)->depth, ==, -1);
  g_assert_cmpint (node_of (t, "lot", r2)->depth, ==, -1);
  g_assert_cmpint (node_of (t, "lot", b)->depth, ==, 0);
  g_assert_cmpint (node_of (t, "lot", c)->depth, ==, 0);
  g_assert_false (node_of (t, "lot", c)->is_seed);
  g_assert_null (node_of (t, "lot", r3));
  g_assert_null (node_of (t, "lot", d));
  g_assert_null (node_of (t, "lot", jar));
  g_assert_cmpuint (lotline_trace_get_n_edges (t), ==, 4);
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", r1, "lot", a)->quantity, ==, Q (10));
  g_assert_nonnull (edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", r1, "lot", b));
  g_assert_nonnull (edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", r2, "lot", a));
  g_assert_nonnull (edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", r2, "lot", c));
  g_assert_cmpuint (lotline_trace_get_n_shipments (t), ==, 0);
  /* Balances still count everything, shipments included. */
  g_assert_cmpint (balance_of (t, b)->shipped, ==, 500);

  /* A raw seed has no inputs, so no siblings. */
  g_clear_pointer (&t, lotline_trace_unref);
  t = trace1 (ts, r1, LOTLINE_TRACE_SIBLINGS, 0);
  g_assert_cmpuint (lotline_trace_get_n_nodes (t), ==, 1);
  g_assert_cmpuint (lotline_trace_get_n_edges (t), ==, 0);
}

/* max_depth cuts lots, but keeps edges between lots that are in. */
static void
test_max_depth (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  gint64 r, a, b, c;

  lotline_test_store_add_basics (ts);
  r = lotline_test_receive (ts, ts->fruit, "L-R", ts->wh1, Q (100), "2026-03-01", NULL);
  a = lotline_test_produce (ts, &r, (gint64[]) { Q (10) }, 1, ts->jam_base, "L-A", Q (10), "2026-03-02");
  /* b is made from r directly and from a: depth 1, with an a → b edge. */
  b = lotline_test_produce (ts, (gint64[]) { r, a }, (gint64[]) { Q (10), Q (5) }, 2, ts->jam_base, "L-B", Q (15), "2026-03-02");
  c = lotline_test_produce (ts, &b, (gint64[]) { Q (10) }, 1, ts->jam_jar, "L-C", Q (10), "2026-03-03");
  lotline_test_ship (ts, ts->customer, c, ts->wh1, Q (1), "2026-03-04");
  lotline_test_ship (ts, ts->customer2, b, ts->wh1, Q (1), "2026-03-04");

  for (guint depth = 0; depth <= 3; depth++)
    {
      g_autoptr(LotlineTrace) t = trace1 (ts, r, LOTLINE_TRACE_DOWNSTREAM, depth);
      guint expected_lots = depth == 1 ? 3 : 4;

      assert_well_formed (t);
      g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, expected_lots);
      g_assert_cmpint (node_of (t, "lot", b)->depth, ==, 1);
      g_assert_nonnull (edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", a, "lot", b));
      g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_PRODUCTION), ==, expected_lots == 3 ? 3 : 4);
      g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_CUSTOMER), ==, expected_lots == 3 ? 1 : 2);
      if (expected_lots == 4)
        g_assert_cmpint (node_of (t, "lot", c)->depth, ==, 2);
      else
        g_assert_null (node_of (t, "lot", c));
    }

  {
    g_autoptr(LotlineTrace) t = trace1 (ts, c, LOTLINE_TRACE_UPSTREAM, 1);

    g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 2);
    g_assert_cmpint (node_of (t, "lot", b)->depth, ==, -1);
    g_assert_null (node_of (t, "lot", r));
  }
  {
    g_autoptr(LotlineTrace) t = trace1 (ts, c, LOTLINE_TRACE_UPSTREAM, 2);

    /* r is both one step from b and two from c via a: nearest wins. */
    g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 4);
    g_assert_cmpint (node_of (t, "lot", r)->depth, ==, -2);
    g_assert_cmpint (node_of (t, "lot", a)->depth, ==, -2);
    g_assert_nonnull (edge_of (t, LOTLINE_EDGE_PRODUCTION, "lot", r, "lot", a));
  }
}

/* Shipment lines, and edges summed per lot and customer. */
static void
test_shipments (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) t = NULL;
  gint64 base, j1, j2, e1, e2, e3, e4;
  const LotlineTraceShipment *s;
  const LotlineTraceEdge *e;
  LotlineLineSpec lines[3];

  lotline_test_store_add_basics (ts);
  base = lotline_test_receive (ts, ts->jam_base, "H-BASE", ts->wh1, Q (100), "2026-03-01", NULL);
  j1 = lotline_test_produce (ts, &base, (gint64[]) { Q (50) }, 1, ts->jam_jar, "H-J1", Q (100), "2026-03-01");
  j2 = lotline_test_produce (ts, &base, (gint64[]) { Q (50) }, 1, ts->jam_jar, "H-J2", Q (100), "2026-03-01");
  transfer (ts, j1, ts->wh1, ts->wh2, Q (40), "2026-03-02");

  e2 = lotline_test_ship (ts, ts->customer2, j1, ts->wh1, Q (7), "2026-03-05");
  e1 = lotline_test_ship (ts, ts->customer, j1, ts->wh1, Q (10), "2026-03-03");
  /* One shipment of two lots, one of them from two warehouses. */
  lines[0] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = j1, .location_id = ts->wh1, .quantity = Q (3) };
  lines[1] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = j1, .location_id = ts->wh2, .quantity = Q (2) };
  lines[2] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = j2, .location_id = ts->wh1, .quantity = Q (8) };
  e3 = record (ts, LOTLINE_EVENT_SHIP, "2026-03-04", ts->customer, lines, 3);
  e4 = lotline_test_ship (ts, ts->customer, j2, ts->wh1, Q (1), "2026-03-04");

  t = trace1 (ts, base, LOTLINE_TRACE_DOWNSTREAM, 0);
  assert_well_formed (t);
  assert_balanced (t);
  g_assert_cmpuint (lotline_trace_get_n_shipments (t), ==, 6);
  /* By date, then event, then lot. */
  s = lotline_trace_get_shipment (t, 0);
  g_assert_cmpint (s->event_id, ==, e1);
  g_assert_cmpint (s->lot_id, ==, j1);
  g_assert_cmpint (s->customer_id, ==, ts->customer);
  g_assert_cmpint (s->quantity, ==, Q (10));
  g_assert_cmpstr (s->date, ==, "2026-03-03");
  g_assert_cmpstr (s->doc_type, ==, "BOL");
  g_assert_cmpstr (s->doc_number, ==, "BOL-1");
  for (guint i = 1; i <= 3; i++)
    {
      s = lotline_trace_get_shipment (t, i);
      g_assert_cmpint (s->event_id, ==, e3);
      g_assert_cmpstr (s->date, ==, "2026-03-04");
      g_assert_cmpstr (s->doc_type, ==, "DOC");
    }
  g_assert_cmpint (lotline_trace_get_shipment (t, 3)->lot_id, ==, j2);
  g_assert_cmpint (lotline_trace_get_shipment (t, 4)->event_id, ==, e4);
  s = lotline_trace_get_shipment (t, 5);
  g_assert_cmpint (s->event_id, ==, e2);
  g_assert_cmpint (s->customer_id, ==, ts->customer2);
  g_assert_cmpstr (s->date, ==, "2026-03-05");

  e = edge_of (t, LOTLINE_EDGE_SHIPMENT, "lot", j1, "party", ts->customer);
  g_assert_cmpint (e->quantity, ==, Q (15));
  g_assert_cmpuint (e->events, ==, 2);
  g_assert_cmpstr (e->first_date, ==, "2026-03-03");
  g_assert_cmpstr (e->last_date, ==, "2026-03-04");
  e = edge_of (t, LOTLINE_EDGE_SHIPMENT, "lot", j2, "party", ts->customer);
  g_assert_cmpint (e->quantity, ==, Q (9));
  g_assert_cmpuint (e->events, ==, 2);
  e = edge_of (t, LOTLINE_EDGE_SHIPMENT, "lot", j1, "party", ts->customer2);
  g_assert_cmpint (e->quantity, ==, Q (7));
  g_assert_cmpuint (e->events, ==, 1);
  g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_SHIPMENT), ==, 3);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_CUSTOMER), ==, 2);

  /* Transfers net out of the balance. */
  g_assert_cmpint (balance_of (t, j1)->shipped, ==, Q (22));
  g_assert_cmpint (balance_of (t, j1)->on_hand, ==, Q (78));

  /* Shipping a seed directly counts too. */
  g_clear_pointer (&t, lotline_trace_unref);
  t = trace1 (ts, j2, LOTLINE_TRACE_DOWNSTREAM, 0);
  g_assert_cmpuint (lotline_trace_get_n_shipments (t), ==, 2);
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOT), ==, 1);
}

static void
test_stock_locations (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) t = NULL;
  gint64 raw, base;

  lotline_test_store_add_basics (ts);
  raw = lotline_test_receive (ts, ts->fruit, "K-RAW", ts->wh1, Q (100), "2026-03-01", NULL);
  base = lotline_test_produce (ts, &raw, (gint64[]) { Q (60) }, 1, ts->jam_base, "K-BASE", Q (60), "2026-03-01");
  transfer (ts, raw, ts->wh1, ts->wh2, Q (15), "2026-03-02");
  transfer (ts, raw, ts->wh1, ts->quarantine, Q (25), "2026-03-02");
  transfer (ts, base, ts->wh1, ts->production, Q (60), "2026-03-02");

  t = trace1 (ts, raw, LOTLINE_TRACE_DOWNSTREAM, 0);
  assert_well_formed (t);
  assert_balanced (t);
  /* The raw lot left WH1 entirely: WH2 and QUAR hold it, PROD the base. */
  g_assert_cmpuint (count_nodes (t, LOTLINE_NODE_LOCATION), ==, 3);
  g_assert_null (node_of (t, "location", ts->wh1));
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_STOCK, "lot", raw, "location", ts->wh2)->quantity, ==, Q (15));
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_STOCK, "lot", raw, "location", ts->quarantine)->quantity, ==, Q (25));
  g_assert_cmpint (edge_of (t, LOTLINE_EDGE_STOCK, "lot", base, "location", ts->production)->quantity, ==, Q (60));
  g_assert_cmpint (node_of (t, "location", ts->production)->depth, ==, 1);
  g_assert_cmpint (node_of (t, "location", ts->production)->kind, ==, LOTLINE_NODE_LOCATION);
  g_assert_cmpint (node_of (t, "lot", raw)->on_hand, ==, Q (40));
  g_assert_cmpuint (count_edges (t, LOTLINE_EDGE_STOCK), ==, 3);
}

static void
tamper (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_mass_balance (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) t = NULL;
  g_autofree char *sql = NULL;
  const LotlineMassBalance *b;
  gint64 raw, base;

  lotline_test_store_add_basics (ts);
  raw = lotline_test_receive (ts, ts->fruit, "W-RAW", ts->wh1, Q (100), "2026-03-01", NULL);
  base = lotline_test_produce (ts, &raw, (gint64[]) { Q (30) }, 1, ts->jam_base, "W-BASE", Q (30), "2026-03-01");
  lotline_test_ship (ts, ts->customer, raw, ts->wh1, Q (20), "2026-03-02");
  move (ts, LOTLINE_EVENT_DESTROY, 0, LOTLINE_LINE_INPUT, raw, ts->wh1, Q (5), "2026-03-02");
  move (ts, LOTLINE_EVENT_ADJUST, 0, LOTLINE_LINE_OUTPUT, raw, ts->wh1, Q (2), "2026-03-03");
  move (ts, LOTLINE_EVENT_ADJUST, 0, LOTLINE_LINE_INPUT, raw, ts->wh1, Q (1), "2026-03-03");
  move (ts, LOTLINE_EVENT_RETURN, ts->customer, LOTLINE_LINE_OUTPUT, raw, ts->wh2, Q (4), "2026-03-04");
  transfer (ts, raw, ts->wh1, ts->wh2, Q (10), "2026-03-04");

  t = trace1 (ts, raw, LOTLINE_TRACE_DOWNSTREAM, 0);
  assert_well_formed (t);
  b = balance_of (t, raw);
  g_assert_cmpint (b->lot_id, ==, raw);
  g_assert_cmpint (b->received, ==, Q (100));
  g_assert_cmpint (b->produced, ==, 0);
  g_assert_cmpint (b->returned, ==, Q (4));
  g_assert_cmpint (b->adjusted_in, ==, Q (2));
  g_assert_cmpint (b->consumed, ==, Q (30));
  g_assert_cmpint (b->shipped, ==, Q (20));
  g_assert_cmpint (b->destroyed, ==, Q (5));
  g_assert_cmpint (b->adjusted_out, ==, Q (1));
  g_assert_cmpint (b->on_hand, ==, Q (50));
  g_assert_cmpint (b->gap, ==, 0);
  b = balance_of (t, base);
  g_assert_cmpint (b->produced, ==, Q (30));
  g_assert_cmpint (b->on_hand, ==, Q (30));
  g_assert_cmpint (b->gap, ==, 0);
  g_clear_pointer (&t, lotline_trace_unref);

  /* Someone edits the stock table behind the ledger's back. */
  sql = g_strdup_printf ("UPDATE stock SET quantity = quantity + 7000 WHERE lot_id = %" G_GINT64_FORMAT
                         " AND location_id = %" G_GINT64_FORMAT, raw, ts->wh2);
  tamper (ts->path, sql);
  t = trace1 (ts, raw, LOTLINE_TRACE_DOWNSTREAM, 0);
  b = balance_of (t, raw);
  g_assert_cmpint (b->on_hand, ==, Q (57));
  g_assert_cmpint (b->gap, ==, -Q (7));
  g_assert_cmpint (balance_of (t, base)->gap, ==, 0);
  g_clear_pointer (&t, lotline_trace_unref);

  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM stock WHERE lot_id = %" G_GINT64_FORMAT, base);
  tamper (ts->path, sql);
  t = trace1 (ts, raw, LOTLINE_TRACE_DOWNSTREAM, 0);
  g_assert_cmpint (balance_of (t, base)->on_hand, ==, 0);
  g_assert_cmpint (balance_of (t, base)->gap, ==, Q (30));
}

static void
test_unknown_seed (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineTrace) t = NULL;
  gint64 seeds[2];

  lotline_test_store_add_basics (ts);
  seeds[0] = lotline_test_receive (ts, ts->fruit, "E-RAW", ts->wh1, Q (1), "2026-03-01", NULL);
  seeds[1] = 4242;

  t = lotline_store_trace (ts->store, seeds, 2, LOTLINE_TRACE_DOWNSTREAM, 0, &error);
  g_assert_null (t);
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_LOT);
  g_assert_nonnull (strstr (error->message, "4242"));
  g_clear_error (&error);

  t = lotline_store_trace (ts->store, seeds, 0, LOTLINE_TRACE_UPSTREAM, 0, &error);
  g_assert_null (t);
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID);
  g_clear_error (&error);

  /* The store is still usable: no read transaction was left open. */
  lotline_test_receive (ts, ts->fruit, "E-RAW2", ts->wh1, Q (1), "2026-03-01", NULL);
  t = trace (ts, seeds, 1, LOTLINE_TRACE_SIBLINGS, 0);
  g_assert_cmpuint (lotline_trace_get_n_nodes (t), ==, 1);
}

static gpointer
read_and_drop (gpointer data)
{
  LotlineTrace *t = data;
  gsize total = 0;

  for (guint i = 0; i < lotline_trace_get_n_nodes (t); i++)
    total += strlen (lotline_trace_get_node (t, i)->key);
  lotline_trace_unref (t);
  return GSIZE_TO_POINTER (total);
}

static void
test_boxed_and_threads (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) t = NULL;
  LotlineTrace *copy;
  GThread *thread;
  gint64 raw;

  lotline_test_store_add_basics (ts);
  raw = lotline_test_receive (ts, ts->fruit, "T-RAW", ts->wh1, Q (1), "2026-03-01", NULL);
  t = trace1 (ts, raw, LOTLINE_TRACE_BOTH, 0);

  g_assert_true (G_TYPE_IS_BOXED (LOTLINE_TYPE_TRACE));
  copy = g_boxed_copy (LOTLINE_TYPE_TRACE, t);
  g_assert_true (copy == t);

  /* A reference is read and dropped on another thread. */
  thread = g_thread_new ("trace-reader", read_and_drop, lotline_trace_ref (t));
  g_assert_cmpuint (GPOINTER_TO_SIZE (g_thread_join (thread)), >, 0);
  g_boxed_free (LOTLINE_TYPE_TRACE, copy);
  g_assert_cmpuint (lotline_trace_get_n_nodes (t), ==, 3);
}

/* ---- randomized comparison with an in-memory model -------------------- */

typedef struct {
  gint64   id;
  gint64   product;
  gint64   stock[2];   /* at wh1, wh2 */
  gboolean destroyed;
} ModelLot;

typedef struct {
  guint  parent, child;  /* indices into lots */
  gint64 parent_qty, child_qty;
} ModelEdge;

typedef struct {
  guint  lot;
  gint64 party;
  gint64 qty;
} ModelFlow;

typedef struct {
  LotlineTestStore *ts;
  GRand            *rand;
  GArray           *lots;      /* ModelLot */
  GArray           *edges;     /* ModelEdge */
  GArray           *ships;     /* ModelFlow */
  GArray           *returns;   /* ModelFlow */
  GArray           *receipts;  /* ModelFlow */
  guint             serial;
  char              date[11];
} Model;

static gint64
model_location (Model *m, guint i)
{
  return i == 0 ? m->ts->wh1 : m->ts->wh2;
}

static ModelLot *
model_lot (Model *m, guint i)
{
  return &g_array_index (m->lots, ModelLot, i);
}

/* A random (lot, location) with stock, or FALSE when there is none. */
static gboolean
model_pick_stock (Model *m, guint *out_lot, guint *out_loc, GHashTable *exclude)
{
  g_autoptr(GArray) choices = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < m->lots->len; i++)
    for (guint l = 0; l < 2; l++)
      if (model_lot (m, i)->stock[l] > 0 && (exclude == NULL || !g_hash_table_contains (exclude, GUINT_TO_POINTER (i + 1))))
        {
          guint c = i * 2 + l;
          g_array_append_val (choices, c);
        }
  if (choices->len == 0)
    return FALSE;
  {
    guint c = g_array_index (choices, guint, g_rand_int_range (m->rand, 0, (gint32) choices->len));
    *out_lot = c / 2;
    *out_loc = c % 2;
  }
  return TRUE;
}

static gint64
model_take (Model *m, guint lot, guint loc)
{
  gint64 have = model_lot (m, lot)->stock[loc] / LOTLINE_QTY_ONE;
  gint64 qty = Q (g_rand_int_range (m->rand, 1, (gint32) have + 1));

  model_lot (m, lot)->stock[loc] -= qty;
  return qty;
}

static guint
model_new_lot (Model *m, gint64 product, const char *code)
{
  ModelLot lot = { .id = lot_id_of (m->ts, code), .product = product };

  g_array_append_val (m->lots, lot);
  return m->lots->len - 1;
}

static void
model_after_take (Model *m, guint lot)
{
  ModelLot *l = model_lot (m, lot);

  /* The ledger marks a lot destroyed when a destruction empties it. */
  if (l->stock[0] == 0 && l->stock[1] == 0)
    l->destroyed = TRUE;
}

static void
model_step (Model *m)
{
  guint op = g_rand_int_range (m->rand, 0, 100);
  guint lot, loc;
  g_autofree char *code = g_strdup_printf ("Z%u", ++m->serial);

  if (m->lots->len < 3 || op < 20)
    {
      /* Receive a new raw lot. */
      gint64 products[] = { m->ts->fruit, m->ts->sugar, m->ts->pectin };
      gint64 product = products[g_rand_int_range (m->rand, 0, 3)];
      gint64 supplier = g_rand_boolean (m->rand) ? m->ts->supplier : m->ts->supplier2;
      gint64 qty = Q (g_rand_int_range (m->rand, 5, 60));
      ModelFlow flow;

      loc = g_rand_int_range (m->rand, 0, 2);
      receive_from (m->ts, supplier, product, code, model_location (m, loc), qty, m->date);
      lot = model_new_lot (m, product, code);
      model_lot (m, lot)->stock[loc] = qty;
      flow = (ModelFlow) { lot, supplier, qty };
      g_array_append_val (m->receipts, flow);
    }
  else if (op < 50)
    {
      /* Produce one or two new lots from one to three lots in stock. */
      g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
      LotlineLineSpec lines[5];
      LotlineLotSpec new_lots[2];
      g_autofree char *code2 = g_strdup_printf ("%s-2", code);
      guint inputs[3], n_in = 0, n_out = g_rand_int_range (m->rand, 1, 3), first_new;
      gint64 in_qty[3], out_qty[2];
      gint64 product = g_rand_boolean (m->rand) ? m->ts->jam_base : m->ts->jam_jar;
      guint want = g_rand_int_range (m->rand, 1, 4);

      while (n_in < want && model_pick_stock (m, &lot, &loc, used))
        {
          g_hash_table_add (used, GUINT_TO_POINTER (lot + 1));
          in_qty[n_in] = model_take (m, lot, loc);
          inputs[n_in] = lot;
          lines[n_in] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = model_lot (m, lot)->id,
                                            .location_id = model_location (m, loc), .quantity = in_qty[n_in] };
          n_in++;
        }
      if (n_in == 0)
        return;
      for (guint o = 0; o < n_out; o++)
        {
          new_lots[o] = (LotlineLotSpec) { .product_id = product, .code = o == 0 ? code : code2 };
          out_qty[o] = Q (g_rand_int_range (m->rand, 1, 50));
          lines[n_in + o] = (LotlineLineSpec) { .role = LOTLINE_LINE_OUTPUT, .new_lot = &new_lots[o],
                                                .location_id = model_location (m, o), .quantity = out_qty[o] };
        }
      record (m->ts, LOTLINE_EVENT_PRODUCE, m->date, 0, lines, n_in + n_out);
      first_new = m->lots->len;
      for (guint o = 0; o < n_out; o++)
        model_lot (m, model_new_lot (m, product, new_lots[o].code))->stock[o] = out_qty[o];
      for (guint i = 0; i < n_in; i++)
        for (guint o = 0; o < n_out; o++)
          {
            ModelEdge edge = { inputs[i], first_new + o, in_qty[i], out_qty[o] };
            g_array_append_val (m->edges, edge);
          }
    }
  else if (op < 70)
    {
      /* Ship. */
      gint64 customer = g_rand_boolean (m->rand) ? m->ts->customer : m->ts->customer2;
      ModelFlow flow;

      if (!model_pick_stock (m, &lot, &loc, NULL))
        return;
      flow = (ModelFlow) { lot, customer, model_take (m, lot, loc) };
      lotline_test_ship (m->ts, customer, model_lot (m, lot)->id, model_location (m, loc), flow.qty, m->date);
      g_array_append_val (m->ships, flow);
    }
  else if (op < 80)
    {
      /* Transfer to the other warehouse. */
      gint64 qty;

      if (!model_pick_stock (m, &lot, &loc, NULL))
        return;
      qty = model_take (m, lot, loc);
      model_lot (m, lot)->stock[1 - loc] += qty;
      transfer (m->ts, model_lot (m, lot)->id, model_location (m, loc), model_location (m, 1 - loc), qty, m->date);
    }
  else if (op < 90)
    {
      /* Return part of an earlier shipment of a lot that still exists. */
      ModelFlow flow;

      if (m->ships->len == 0)
        return;
      flow = g_array_index (m->ships, ModelFlow, g_rand_int_range (m->rand, 0, (gint32) m->ships->len));
      if (model_lot (m, flow.lot)->destroyed)
        return;
      flow.qty = Q (g_rand_int_range (m->rand, 1, (gint32) (flow.qty / LOTLINE_QTY_ONE) + 1));
      loc = g_rand_int_range (m->rand, 0, 2);
      move (m->ts, LOTLINE_EVENT_RETURN, flow.party, LOTLINE_LINE_OUTPUT, model_lot (m, flow.lot)->id,
            model_location (m, loc), flow.qty, m->date);
      model_lot (m, flow.lot)->stock[loc] += flow.qty;
      g_array_append_val (m->returns, flow);
    }
  else if (op < 95)
    {
      /* Destroy some stock. */
      gint64 qty;

      if (!model_pick_stock (m, &lot, &loc, NULL))
        return;
      qty = model_take (m, lot, loc);
      move (m->ts, LOTLINE_EVENT_DESTROY, 0, LOTLINE_LINE_INPUT, model_lot (m, lot)->id, model_location (m, loc), qty, m->date);
      model_after_take (m, lot);
    }
  else
    {
      /* Count a little more of a lot that still exists. */
      lot = g_rand_int_range (m->rand, 0, (gint32) m->lots->len);
      if (model_lot (m, lot)->destroyed)
        return;
      loc = g_rand_int_range (m->rand, 0, 2);
      move (m->ts, LOTLINE_EVENT_ADJUST, 0, LOTLINE_LINE_OUTPUT, model_lot (m, lot)->id, model_location (m, loc), Q (1), m->date);
      model_lot (m, lot)->stock[loc] += Q (1);
    }
}

static char *
model_key (Model *m, guint lot)
{
  return key_of ("lot", model_lot (m, lot)->id);
}

/* The depth of a node met again is the one nearest the seeds. */
static void
offer (GHashTable *depths, char *key, int depth)
{
  gpointer old;

  if (g_hash_table_lookup_extended (depths, key, NULL, &old) && ABS (GPOINTER_TO_INT (old)) <= ABS (depth))
    {
      g_free (key);
      return;
    }
  g_hash_table_insert (depths, key, GINT_TO_POINTER (depth));
}

static void
add_edge_line (GHashTable *edges, LotlineEdgeKind kind, char *from, char *to, gint64 qty, gint64 child_qty)
{
  g_autofree char *k1 = from, *k2 = to;
  char *line = g_strdup_printf ("%d %s %s", kind, k1, k2);
  gint64 *sums = g_hash_table_lookup (edges, line);

  if (sums == NULL)
    {
      sums = g_new0 (gint64, 2);
      g_hash_table_insert (edges, line, sums);
    }
  else
    g_free (line);
  sums[0] += qty;
  sums[1] += child_qty;
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static char *
join_sorted (GHashTable *nodes, GHashTable *edges, gboolean with_depth)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, nodes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (lines, with_depth ? g_strdup_printf ("%s@%d", (char *) key, GPOINTER_TO_INT (value))
                                       : g_strdup (key));
  g_hash_table_iter_init (&iter, edges);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *sums = value;
      g_ptr_array_add (lines, g_strdup_printf ("%s q=%" G_GINT64_FORMAT " c=%" G_GINT64_FORMAT,
                                               (char *) key, sums[0], sums[1]));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* What the trace should hold, from a breadth-first search over the
 * operations the test recorded itself. */
static char *
model_expect (Model *m, const guint *seeds, guint n_seeds, gboolean down, guint max_depth, gboolean with_depth)
{
  g_autoptr(GHashTable) nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree int *dist = g_new (int, m->lots->len);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < m->lots->len; i++)
    dist[i] = -1;
  for (guint i = 0; i < n_seeds; i++)
    if (dist[seeds[i]] < 0)
      {
        dist[seeds[i]] = 0;
        g_array_append_val (queue, seeds[i]);
      }
  for (guint q = 0; q < queue->len; q++)
    {
      guint lot = g_array_index (queue, guint, q);

      if (max_depth != 0 && (guint) dist[lot] >= max_depth)
        continue;
      for (guint e = 0; e < m->edges->len; e++)
        {
          const ModelEdge *edge = &g_array_index (m->edges, ModelEdge, e);
          guint from = down ? edge->parent : edge->child, to = down ? edge->child : edge->parent;

          if (from == lot && dist[to] < 0)
            {
              dist[to] = dist[lot] + 1;
              g_array_append_val (queue, to);
            }
        }
    }

  for (guint i = 0; i < m->lots->len; i++)
    {
      int depth = down ? dist[i] : -dist[i];

      if (dist[i] < 0)
        continue;
      offer (nodes, model_key (m, i), depth);
      for (guint l = 0; l < 2; l++)
        if (model_lot (m, i)->stock[l] > 0)
          {
            offer (nodes, key_of ("location", model_location (m, l)), depth);
            add_edge_line (edges, LOTLINE_EDGE_STOCK, model_key (m, i), key_of ("location", model_location (m, l)),
                           model_lot (m, i)->stock[l], 0);
          }
    }
  for (guint e = 0; e < m->edges->len; e++)
    {
      const ModelEdge *edge = &g_array_index (m->edges, ModelEdge, e);

      if (dist[edge->parent] >= 0 && dist[edge->child] >= 0)
        add_edge_line (edges, LOTLINE_EDGE_PRODUCTION, model_key (m, edge->parent), model_key (m, edge->child),
                       edge->parent_qty, edge->child_qty);
    }

  {
    GArray *flows[] = { down ? m->ships : m->receipts, down ? m->returns : NULL };
    LotlineEdgeKind kinds[] = { down ? LOTLINE_EDGE_SHIPMENT : LOTLINE_EDGE_RECEIPT, LOTLINE_EDGE_RETURN };

    for (guint f = 0; f < G_N_ELEMENTS (flows); f++)
      for (guint i = 0; flows[f] != NULL && i < flows[f]->len; i++)
        {
          const ModelFlow *flow = &g_array_index (flows[f], ModelFlow, i);
          int depth = down ? dist[flow->lot] : -dist[flow->lot];

          if (dist[flow->lot] < 0)
            continue;
          offer (nodes, key_of ("party", flow->party), depth);
          if (kinds[f] == LOTLINE_EDGE_SHIPMENT)
            add_edge_line (edges, kinds[f], model_key (m, flow->lot), key_of ("party", flow->party), flow->qty, 0);
          else
            add_edge_line (edges, kinds[f], key_of ("party", flow->party), model_key (m, flow->lot), flow->qty, 0);
        }
  }
  return join_sorted (nodes, edges, with_depth);
}

static char *
describe (const LotlineTrace *t, gboolean with_depth)
{
  g_autoptr(GHashTable) nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < lotline_trace_get_n_nodes (t); i++)
    {
      const LotlineTraceNode *node = lotline_trace_get_node (t, i);

      g_hash_table_insert (nodes, g_strdup (node->key), GINT_TO_POINTER (node->depth));
    }
  for (guint i = 0; i < lotline_trace_get_n_edges (t); i++)
    {
      const LotlineTraceEdge *e = lotline_trace_get_edge (t, i);

      add_edge_line (edges, e->kind, g_strdup (lotline_trace_get_node (t, e->from)->key),
                     g_strdup (lotline_trace_get_node (t, e->to)->key), e->quantity,
                     e->kind == LOTLINE_EDGE_PRODUCTION ? e->child_quantity : 0);
    }
  return join_sorted (nodes, edges, with_depth);
}

/* BOTH is the union of UP and DOWN; depths aside. */
static char *
union_lines (const char *a, const char *b)
{
  g_auto(GStrv) la = g_strsplit (a, "\n", -1);
  g_auto(GStrv) lb = g_strsplit (b, "\n", -1);
  g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; la[i]; i++)
    g_hash_table_add (set, la[i]);
  for (guint i = 0; lb[i]; i++)
    g_hash_table_add (set, lb[i]);
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (lines, key);
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
test_randomized (void)
{
  for (guint round = 0; round < 20; round++)
    {
      guint32 seed = 20260301 + round;
      Model m = { 0 };
      g_autoptr(GArray) mismatches = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("round %u, seed %" G_GUINT32_FORMAT, round, seed);
      m.ts = lotline_test_store_new ();
      m.rand = g_rand_new_with_seed (seed);
      m.lots = g_array_new (FALSE, TRUE, sizeof (ModelLot));
      m.edges = g_array_new (FALSE, TRUE, sizeof (ModelEdge));
      m.ships = g_array_new (FALSE, TRUE, sizeof (ModelFlow));
      m.returns = g_array_new (FALSE, TRUE, sizeof (ModelFlow));
      m.receipts = g_array_new (FALSE, TRUE, sizeof (ModelFlow));
      lotline_test_store_add_basics (m.ts);

      for (guint step = 0; step < 48; step++)
        {
          g_snprintf (m.date, sizeof m.date, "2026-03-%02u", 1 + step / 12);
          model_step (&m);
        }

      mismatches = lotline_store_check_stock (m.ts->store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (mismatches->len, ==, 0);

      for (guint probe = 0; probe < 6; probe++)
        {
          guint seeds[2] = { g_rand_int_range (m.rand, 0, (gint32) m.lots->len),
                             g_rand_int_range (m.rand, 0, (gint32) m.lots->len) };
          gint64 ids[2] = { model_lot (&m, seeds[0])->id, model_lot (&m, seeds[1])->id };
          guint n_seeds = probe % 3 == 2 ? 2 : 1;
          guint max_depth = probe < 4 ? 0 : g_rand_int_range (m.rand, 1, 3);
          g_autoptr(LotlineTrace) down = trace (m.ts, ids, n_seeds, LOTLINE_TRACE_DOWNSTREAM, max_depth);
          g_autoptr(LotlineTrace) up = trace (m.ts, ids, n_seeds, LOTLINE_TRACE_UPSTREAM, max_depth);
          g_autoptr(LotlineTrace) both = trace (m.ts, ids, n_seeds, LOTLINE_TRACE_BOTH, max_depth);
          g_autofree char *want_down = model_expect (&m, seeds, n_seeds, TRUE, max_depth, TRUE);
          g_autofree char *want_up = model_expect (&m, seeds, n_seeds, FALSE, max_depth, TRUE);
          g_autofree char *got_down = describe (down, TRUE);
          g_autofree char *got_up = describe (up, TRUE);
          g_autofree char *plain_down = model_expect (&m, seeds, n_seeds, TRUE, max_depth, FALSE);
          g_autofree char *plain_up = model_expect (&m, seeds, n_seeds, FALSE, max_depth, FALSE);
          g_autofree char *want_both = union_lines (plain_down, plain_up);
          g_autofree char *got_both = describe (both, FALSE);
          guint n_ships = 0;

          g_test_message ("probe %u: seeds %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " (%u), max depth %u",
                          probe, ids[0], ids[1], n_seeds, max_depth);
          g_assert_cmpstr (got_down, ==, want_down);
          g_assert_cmpstr (got_up, ==, want_up);
          assert_well_formed (down);
          assert_well_formed (up);
          assert_well_formed (both);
          assert_balanced (down);
          assert_balanced (up);
          assert_balanced (both);

          g_assert_cmpstr (got_both, ==, want_both);

          for (guint i = 0; i < m.ships->len; i++)
            {
              const ModelFlow *flow = &g_array_index (m.ships, ModelFlow, i);
              g_autofree char *key = model_key (&m, flow->lot);

              if (lotline_trace_find_node (down, key) >= 0)
                n_ships++;
            }
          g_assert_cmpuint (lotline_trace_get_n_shipments (down), ==, n_ships);
        }

      g_array_unref (m.lots);
      g_array_unref (m.edges);
      g_array_unref (m.ships);
      g_array_unref (m.returns);
      g_array_unref (m.receipts);
      g_rand_free (m.rand);
      lotline_test_store_free (m.ts);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lotline/trace/direction-strings", test_direction_strings);
  g_test_add_func ("/lotline/trace/diamond", test_diamond);
  g_test_add_func ("/lotline/trace/multi-level", test_multi_level);
  g_test_add_func ("/lotline/trace/splits", test_splits);
  g_test_add_func ("/lotline/trace/merges", test_merges);
  g_test_add_func ("/lotline/trace/upstream-suppliers", test_upstream_suppliers);
  g_test_add_func ("/lotline/trace/multiple-seeds", test_multiple_seeds);
  g_test_add_func ("/lotline/trace/returns", test_returns);
  g_test_add_func ("/lotline/trace/siblings", test_siblings);
  g_test_add_func ("/lotline/trace/max-depth", test_max_depth);
  g_test_add_func ("/lotline/trace/shipments", test_shipments);
  g_test_add_func ("/lotline/trace/stock-locations", test_stock_locations);
  g_test_add_func ("/lotline/trace/mass-balance", test_mass_balance);
  g_test_add_func ("/lotline/trace/unknown-seed", test_unknown_seed);
  g_test_add_func ("/lotline/trace/boxed-and-threads", test_boxed_and_threads);
  g_test_add_func ("/lotline/trace/randomized", test_randomized);
  return g_test_run ();
}
