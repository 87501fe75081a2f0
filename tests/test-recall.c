/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "lotline-recall.h"
#include "lotline-store-private.h"
#include "lotline-test-genealogy.h"

#define Q(units) ((gint64) (units) * LOTLINE_QTY_ONE)

static LotlineRecallSpec
jam_spec (const char *number)
{
  return (LotlineRecallSpec) {
    .number = number,
    .title = "Strawberry jam",
    .reason = "Undeclared peanut in strawberry lot F-1",
    .hazard = "Severe allergic reaction in people allergic to peanuts",
    .discovered_how = "Supplier notice",
    .discovered_on = "2026-03-22",
    .classification = LOTLINE_RECALL_CLASS_I,
    .depth = LOTLINE_RECALL_DEPTH_RETAIL,
    .public_warning = TRUE,
    .check_level = LOTLINE_RECALL_CHECK_A,
    .instructions = "Stop selling the product and return it to us.",
    .contact_name = "Quality office",
    .contact_phone = "+1 555 0100",
  };
}

static const LotlineRecallLot *
find_lot (const LotlineRecallScope *scope, const char *code)
{
  for (guint i = 0; i < scope->lots->len; i++)
    if (g_strcmp0 (((LotlineRecallLot *) scope->lots->pdata[i])->code, code) == 0)
      return scope->lots->pdata[i];
  return NULL;
}

static char *
describe_shipments (const LotlineRecallConsignee *c)
{
  GString *s = g_string_new (c->name);

  for (guint i = 0; i < c->shipments->len; i++)
    {
      const LotlineRecallShipment *sh = c->shipments->pdata[i];
      g_autofree char *q = lotline_quantity_format (sh->quantity);

      g_string_append_printf (s, "|%s %s %s", sh->lot_code, q, sh->date);
    }
  return g_string_free (s, FALSE);
}

static char *
describe_stock (const LotlineRecallScope *scope)
{
  GString *s = g_string_new ("");

  for (guint i = 0; i < scope->stock->len; i++)
    {
      const LotlineRecallStock *st = scope->stock->pdata[i];
      g_autofree char *q = lotline_quantity_format (st->quantity);

      g_string_append_printf (s, "%s%s@%s=%s", i ? " " : "", st->lot_code, st->location_code, q);
    }
  return g_string_free (s, FALSE);
}

static void
test_scope_f1 (void)
{
  g_autoptr(LotlineTestGenealogy) g = lotline_test_genealogy_new ();
  g_autoptr(LotlineRecallScope) scope = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *c0 = NULL, *c1 = NULL, *stock = NULL;

  scope = lotline_store_recall_scope (g->ts->store, &g->f1, 1, &error);
  g_assert_no_error (error);

  /* F-1 went into B-1 only, and B-1 into J-1 and J-2. */
  g_assert_cmpuint (scope->lots->len, ==, 4);
  g_assert_nonnull (find_lot (scope, "F-1"));
  g_assert_true (find_lot (scope, "F-1")->is_seed);
  g_assert_nonnull (find_lot (scope, "B-1"));
  g_assert_nonnull (find_lot (scope, "J-1"));
  g_assert_nonnull (find_lot (scope, "J-2"));
  g_assert_null (find_lot (scope, "B-2"));
  g_assert_null (find_lot (scope, "J-3"));

  stock = describe_stock (scope);
  g_assert_cmpstr (stock, ==, "J-1@WH1=260 J-2@WH1=600 B-1@WH1=50 F-1@WH1=300");
  g_assert_cmpint (scope->total_on_hand, ==, Q (1210));

  /* Big Box got 100 of J-1; Corner Grocery 50 of J-1 and 200 of J-2. */
  g_assert_cmpuint (scope->consignees->len, ==, 2);
  c0 = describe_shipments (scope->consignees->pdata[0]);
  c1 = describe_shipments (scope->consignees->pdata[1]);
  g_assert_cmpstr (c0, ==, "Big Box Retail|J-1 100 2026-03-15");
  g_assert_cmpstr (c1, ==, "Corner Grocery|J-1 50 2026-03-15|J-2 200 2026-03-16");
  g_assert_cmpint (scope->total_shipped, ==, Q (350));
}

static void
test_scope_f2 (void)
{
  g_autoptr(LotlineTestGenealogy) g = lotline_test_genealogy_new ();
  g_autoptr(LotlineRecallScope) scope = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *c0 = NULL, *stock = NULL;

  scope = lotline_store_recall_scope (g->ts->store, &g->f2, 1, &error);
  g_assert_no_error (error);

  /* F-2 → B-2 → J-2, J-3; J-3 is split over two warehouses.  Stock is
   * listed by product SKU, then lot. */
  g_assert_cmpuint (scope->lots->len, ==, 4);
  g_assert_nonnull (find_lot (scope, "J-3"));
  g_assert_null (find_lot (scope, "J-1"));
  stock = describe_stock (scope);
  g_assert_cmpstr (stock, ==, "J-2@WH1=600 J-3@WH1=150 J-3@WH2=100 B-2@WH1=80");
  g_assert_cmpuint (scope->consignees->len, ==, 1);
  c0 = describe_shipments (scope->consignees->pdata[0]);
  g_assert_cmpstr (c0, ==, "Corner Grocery|J-2 200 2026-03-16");
}

static char *
describe_roots (const LotlineRecallScope *scope)
{
  GString *s = g_string_new ("");

  for (guint i = 0; i < scope->roots->len; i++)
    {
      const LotlineRecallRoot *r = scope->roots->pdata[i];
      g_autofree char *q = lotline_quantity_format (r->quantity_received);

      g_string_append_printf (s, "%s%s/%s %s %s %s %s", i ? "|" : "", r->supplier_code, r->supplier_name,
                              r->lot_code, r->product_sku, q, r->received_on);
    }
  return g_string_free (s, FALSE);
}

static void
test_roots (void)
{
  g_autoptr(LotlineTestGenealogy) g = lotline_test_genealogy_new ();
  g_autoptr(LotlineRecallScope) scope = NULL, jar_scope = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *roots = NULL, *jar_roots = NULL;
  const gint64 seeds[] = { g->b1, g->f2 };
  gint64 direct;

  /* B-1 was made from F-1, SU-1 and PE-1 (two suppliers); F-2 was received
   * itself, so it is its own root.  Sorted by supplier name, then lot. */
  scope = lotline_store_recall_scope (g->ts->store, seeds, G_N_ELEMENTS (seeds), &error);
  g_assert_no_error (error);
  roots = describe_roots (scope);
  g_assert_cmpstr (roots, ==,
                   "SUP-1/Berry Farms F-1 RAW-STRAW 500 2026-03-01"
                   "|SUP-1/Berry Farms F-2 RAW-STRAW 300 2026-03-01"
                   "|SUP-1/Berry Farms PE-1 RAW-PECTIN 50 2026-03-01"
                   "|SUP-2/Sweet Co SU-1 RAW-SUGAR 1000 2026-03-01");
  g_assert_cmpint (((LotlineRecallRoot *) scope->roots->pdata[3])->supplier_id, ==, g->ts->supplier2);

  /* Two production steps up from J-3 (B-2 ← F-2, SU-1, PE-1), and a
   * finished lot bought in from a supplier is its own root. */
  direct = lotline_test_receive (g->ts, g->ts->jam_jar, "JB-9", g->ts->wh1, Q (40), "2026-03-12", NULL);
  {
    const gint64 jar_seeds[] = { g->j3, direct };

    jar_scope = lotline_store_recall_scope (g->ts->store, jar_seeds, G_N_ELEMENTS (jar_seeds), &error);
  }
  g_assert_no_error (error);
  jar_roots = describe_roots (jar_scope);
  g_assert_cmpstr (jar_roots, ==,
                   "SUP-1/Berry Farms F-2 RAW-STRAW 300 2026-03-01"
                   "|SUP-1/Berry Farms JB-9 FIN-JAR 40 2026-03-12"
                   "|SUP-1/Berry Farms PE-1 RAW-PECTIN 50 2026-03-01"
                   "|SUP-2/Sweet Co SU-1 RAW-SUGAR 1000 2026-03-01");
  g_assert_null (find_lot (jar_scope, "F-2"));
}

static gint64
count (LotlineStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (lotline_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static LotlineLotStatus
lot_status (LotlineStore *store, gint64 lot_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLot) lot = lotline_store_get_lot (store, lot_id, &error);

  g_assert_no_error (error);
  return lot->status;
}

static void
test_open (void)
{
  g_autoptr(LotlineTestGenealogy) g = lotline_test_genealogy_new ();
  LotlineStore *store = g->ts->store;
  LotlineRecallSpec spec = jam_spec ("R-2026-001");
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineRecall) recall = NULL;
  g_autoptr(GPtrArray) tracking = NULL;
  g_autoptr(GArray) mismatches = NULL;
  gint64 id = 0, before_events, before_audit;

  g_assert_true (lotline_store_create_recall (store, &spec, &g->f1, 1, &id, &error));
  g_assert_no_error (error);

  /* A draft changes nothing in stock. */
  g_assert_cmpint (lot_status (store, g->f1), ==, LOTLINE_LOT_RELEASED);

  /* Numbers are unique. */
  g_assert_false (lotline_store_create_recall (store, &spec, &g->f1, 1, NULL, &error));
  g_assert_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* Drafts can be edited. */
  spec.instructions = "Stop selling; return every jar to us for credit.";
  g_assert_true (lotline_store_update_recall (store, id, &spec, &g->f1, 1, &error));
  g_assert_no_error (error);

  before_events = count (store, "SELECT count(*) FROM event");
  before_audit = count (store, "SELECT count(*) FROM audit");
  g_assert_true (lotline_store_open_recall (store, id, &error));
  g_assert_no_error (error);

  recall = lotline_store_get_recall (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (recall->status, ==, LOTLINE_RECALL_OPEN);
  g_assert_nonnull (recall->opened_at);
  g_assert_cmpstr (recall->instructions, ==, "Stop selling; return every jar to us for credit.");

  /* Every affected lot is recalled, no other lot changed. */
  g_assert_cmpint (lot_status (store, g->f1), ==, LOTLINE_LOT_RECALLED);
  g_assert_cmpint (lot_status (store, g->b1), ==, LOTLINE_LOT_RECALLED);
  g_assert_cmpint (lot_status (store, g->j1), ==, LOTLINE_LOT_RECALLED);
  g_assert_cmpint (lot_status (store, g->j2), ==, LOTLINE_LOT_RECALLED);
  g_assert_cmpint (lot_status (store, g->f2), ==, LOTLINE_LOT_DESTROYED);
  g_assert_cmpint (lot_status (store, g->b2), ==, LOTLINE_LOT_RELEASED);
  g_assert_cmpint (lot_status (store, g->j3), ==, LOTLINE_LOT_RELEASED);
  g_assert_cmpint (lot_status (store, g->su1), ==, LOTLINE_LOT_RELEASED);

  /* Exactly the released on-hand stock was quarantined through the ledger:
   * one event each for F-1, B-1 and J-1 (J-2 was quarantined already), with
   * their whole on-hand quantity; stock itself did not move. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM event") - before_events, ==, 3);
  g_assert_cmpint (count (store, "SELECT count(*) FROM event WHERE kind = 'quarantine' AND doc_type = 'recall'"
                                 " AND doc_number = 'R-2026-001'"), ==, 3);
  g_assert_cmpint (count (store, "SELECT sum(el.quantity) FROM event_line el JOIN event e ON e.id = el.event_id"
                                 " WHERE e.doc_type = 'recall'"), ==, Q (300 + 50 + 260));
  g_assert_cmpint (count (store, "SELECT count(*) FROM event_line el JOIN event e ON e.id = el.event_id"
                                 " JOIN lot l ON l.id = el.lot_id WHERE e.doc_type = 'recall'"
                                 " AND l.code NOT IN ('F-1', 'B-1', 'J-1')"), ==, 0);
  g_assert_cmpint (lotline_store_get_on_hand (store, g->j1, 0), ==, Q (260));
  mismatches = lotline_store_check_stock (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mismatches->len, ==, 0);

  /* Audited: three quarantines, four recalled lots, the recall itself. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM audit WHERE entity = 'lot' AND action = 'status'"
                                 " AND new_value LIKE '%recalled%'"), ==, 4);
  g_assert_cmpint (count (store, "SELECT count(*) FROM audit WHERE entity = 'recall' AND action = 'status'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM audit"), >, before_audit + 8);

  /* Recalled lots are never shipped. */
  {
    LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = g->j1, .location_id = g->ts->wh1, .quantity = Q (1) };
    LotlineEventSpec ship = {
      .kind = LOTLINE_EVENT_SHIP, .occurred_at = lotline_test_date ("2026-03-24"), .party_id = g->ts->customer2,
      .override_reason = "customer insists", .lines = &line, .n_lines = 1,
    };
    g_assert_false (lotline_store_record_event (store, &ship, NULL, &error));
    g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_RECALLED);
    g_clear_error (&error);
  }

  /* Opening twice is refused; an open recall cannot be edited. */
  g_assert_false (lotline_store_open_recall (store, id, &error));
  g_assert_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_WRONG_STATUS);
  g_clear_error (&error);
  g_assert_false (lotline_store_update_recall (store, id, &spec, &g->f1, 1, &error));
  g_assert_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_WRONG_STATUS);
  g_clear_error (&error);

  /* Level A checks every consignee. */
  tracking = lotline_store_get_recall_tracking (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tracking->len, ==, 2);
  g_assert_cmpstr (((LotlineRecallTracking *) tracking->pdata[0])->name, ==, "Big Box Retail");
  g_assert_true (((LotlineRecallTracking *) tracking->pdata[0])->in_sample);
  g_assert_true (((LotlineRecallTracking *) tracking->pdata[1])->in_sample);
  g_assert_cmpint (((LotlineRecallTracking *) tracking->pdata[1])->on_hand_reported, ==, -1);
}

static void
test_tracking (void)
{
  g_autoptr(LotlineTestGenealogy) g = lotline_test_genealogy_new ();
  LotlineStore *store = g->ts->store;
  LotlineRecallSpec spec = jam_spec ("R-2026-002");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tracking = NULL;
  g_autoptr(LotlineRecall) recall = NULL;
  gint64 id = 0;
  const LotlineRecallTracking *corner;

  g_assert_true (lotline_store_create_recall (store, &spec, &g->f1, 1, &id, &error));
  g_assert_no_error (error);

  /* Responses are tracked only once the recall is open. */
  {
    LotlineRecallResponse r = { .notified_at = "2026-03-23T09:00:00Z", .notify_method = "letter",
                                .on_hand_reported = -1, .quantity_returned = -1, .quantity_destroyed = -1 };
    g_assert_false (lotline_store_track_recall_consignee (store, id, g->ts->customer, &r, &error));
    g_assert_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_WRONG_STATUS);
    g_clear_error (&error);
  }
  g_assert_true (lotline_store_open_recall (store, id, &error));
  g_assert_no_error (error);

  {
    LotlineRecallResponse r = { .notified_at = "2026-03-23T09:00:00Z", .notify_method = "letter",
                                .on_hand_reported = -1, .quantity_returned = -1, .quantity_destroyed = -1 };
    g_assert_true (lotline_store_track_recall_consignee (store, id, g->ts->customer, &r, &error));
    g_assert_no_error (error);
  }
  {
    LotlineRecallResponse r = { .responded_at = "2026-03-24T15:30:00Z", .on_hand_reported = Q (120),
                                .quantity_returned = Q (100), .quantity_destroyed = Q (20), .notes = "Picked up" };
    g_assert_true (lotline_store_track_recall_consignee (store, id, g->ts->customer, &r, &error));
    g_assert_no_error (error);
  }
  {
    LotlineRecallResponse r = { .notified_at = "yesterday", .on_hand_reported = -1,
                                .quantity_returned = -1, .quantity_destroyed = -1 };
    g_assert_false (lotline_store_track_recall_consignee (store, id, g->ts->customer, &r, &error));
    g_assert_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    /* A supplier never received the recalled product. */
    LotlineRecallResponse r = { .notify_method = "phone", .on_hand_reported = -1,
                                .quantity_returned = -1, .quantity_destroyed = -1 };
    g_assert_false (lotline_store_track_recall_consignee (store, id, g->ts->supplier, &r, &error));
    g_assert_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_NOT_CONSIGNEE);
    g_clear_error (&error);
  }

  tracking = lotline_store_get_recall_tracking (store, id, &error);
  g_assert_no_error (error);
  corner = tracking->pdata[1];
  g_assert_cmpstr (corner->name, ==, "Corner Grocery");
  g_assert_cmpstr (corner->notified_at, ==, "2026-03-23T09:00:00Z");
  g_assert_cmpstr (corner->notify_method, ==, "letter");
  g_assert_cmpstr (corner->responded_at, ==, "2026-03-24T15:30:00Z");
  g_assert_cmpint (corner->on_hand_reported, ==, Q (120));
  g_assert_cmpint (corner->quantity_returned, ==, Q (100));
  g_assert_cmpint (corner->quantity_destroyed, ==, Q (20));
  g_assert_cmpstr (corner->notes, ==, "Picked up");
  g_assert_null (((LotlineRecallTracking *) tracking->pdata[0])->notified_at);

  /* Terminating needs the disposition and keeps it. */
  g_assert_false (lotline_store_terminate_recall (store, id, " ", &error));
  g_assert_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (lotline_store_complete_recall (store, id, &error));
  g_assert_no_error (error);
  g_assert_true (lotline_store_terminate_recall (store, id, "All returned product destroyed under witness.", &error));
  g_assert_no_error (error);
  recall = lotline_store_get_recall (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (recall->status, ==, LOTLINE_RECALL_TERMINATED);
  g_assert_cmpstr (recall->disposition, ==, "All returned product destroyed under witness.");
  g_assert_nonnull (recall->terminated_at);
}

static void
test_sample (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tracking = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) a = NULL, b = NULL, reversed_ids = NULL, c = NULL;
  LotlineRecallSpec spec = jam_spec ("R-2026-003");
  gint64 lot = 0, id = 0;
  guint n_sampled = 0;

  g_assert_cmpuint (lotline_recall_check_sample_size (LOTLINE_RECALL_CHECK_A, 40), ==, 40);
  g_assert_cmpuint (lotline_recall_check_sample_size (LOTLINE_RECALL_CHECK_B, 40), ==, 10);
  g_assert_cmpuint (lotline_recall_check_sample_size (LOTLINE_RECALL_CHECK_C, 40), ==, 4);
  g_assert_cmpuint (lotline_recall_check_sample_size (LOTLINE_RECALL_CHECK_D, 40), ==, 1);
  g_assert_cmpuint (lotline_recall_check_sample_size (LOTLINE_RECALL_CHECK_D, 120), ==, 3);
  g_assert_cmpuint (lotline_recall_check_sample_size (LOTLINE_RECALL_CHECK_E, 40), ==, 0);
  g_assert_cmpuint (lotline_recall_check_sample_size (LOTLINE_RECALL_CHECK_C, 0), ==, 0);

  lotline_test_store_add_basics (ts);
  trace = lotline_test_fanout_trace (ts, 40, &lot);

  spec.check_level = LOTLINE_RECALL_CHECK_C;
  g_assert_true (lotline_store_create_recall (ts->store, &spec, &lot, 1, &id, &error));
  g_assert_no_error (error);
  g_assert_true (lotline_store_open_recall (ts->store, id, &error));
  g_assert_no_error (error);

  tracking = lotline_store_get_recall_tracking (ts->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tracking->len, ==, 40);
  for (guint i = 0; i < tracking->len; i++)
    {
      const LotlineRecallTracking *t = tracking->pdata[i];

      g_array_append_val (ids, t->party_id);
      n_sampled += t->in_sample;
    }
  g_assert_cmpuint (n_sampled, ==, 4);

  /* The same recall picks the same consignees, whatever their order. */
  a = lotline_recall_choose_sample (id, (gint64 *) (gpointer) ids->data, ids->len, 4);
  reversed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = ids->len; i > 0; i--)
    g_array_append_val (reversed_ids, g_array_index (ids, gint64, i - 1));
  b = lotline_recall_choose_sample (id, (gint64 *) (gpointer) reversed_ids->data, reversed_ids->len, 4);
  g_assert_cmpuint (a->len, ==, 4);
  g_assert_cmpmem (a->data, a->len * sizeof (gint64), b->data, b->len * sizeof (gint64));
  for (guint i = 0; i < a->len; i++)
    for (guint j = 0; j < tracking->len; j++)
      if (((LotlineRecallTracking *) tracking->pdata[j])->party_id == g_array_index (a, gint64, i))
        g_assert_true (((LotlineRecallTracking *) tracking->pdata[j])->in_sample);

  /* Another recall picks another sample. */
  c = lotline_recall_choose_sample (id + 1, (gint64 *) (gpointer) ids->data, ids->len, 4);
  g_assert_false (memcmp (a->data, c->data, a->len * sizeof (gint64)) == 0);
}

static void
test_validation (void)
{
  g_autoptr(LotlineTestGenealogy) g = lotline_test_genealogy_new ();
  LotlineRecallSpec spec = jam_spec ("R-9");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 bogus = 999999, id = 0, found = 0;

  spec.reason = "";
  g_assert_false (lotline_store_create_recall (g->ts->store, &spec, &g->f1, 1, NULL, &error));
  g_assert_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_INVALID);
  g_clear_error (&error);
  spec = jam_spec ("R-9");
  g_assert_false (lotline_store_create_recall (g->ts->store, &spec, NULL, 0, NULL, &error));
  g_assert_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lotline_store_create_recall (g->ts->store, &spec, &bogus, 1, NULL, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_LOT);
  g_clear_error (&error);

  g_assert_true (lotline_store_create_recall (g->ts->store, &spec, &g->f1, 1, &id, &error));
  g_assert_no_error (error);
  g_assert_true (lotline_store_find_recall (g->ts->store, "R-9", &found, &error));
  g_assert_cmpint (found, ==, id);
  list = lotline_store_list_recalls (g->ts->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((LotlineRecall *) list->pdata[0])->status, ==, LOTLINE_RECALL_DRAFT);
  g_assert_cmpuint (((LotlineRecall *) list->pdata[0])->seed_lot_ids->len, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lotline/recall/scope-f1", test_scope_f1);
  g_test_add_func ("/lotline/recall/scope-f2", test_scope_f2);
  g_test_add_func ("/lotline/recall/roots", test_roots);
  g_test_add_func ("/lotline/recall/open", test_open);
  g_test_add_func ("/lotline/recall/tracking", test_tracking);
  g_test_add_func ("/lotline/recall/sample", test_sample);
  g_test_add_func ("/lotline/recall/validation", test_validation);
  return g_test_run ();
}
