/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sqlite3.h>

#include "lotline-expiry.h"
#include "lotline-test-util.h"

/* Counts rows of a table through a separate connection, so the test sees
 * exactly what was committed to the file. */
static gint64
count_rows (LotlineTestStore *ts, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (ts->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

typedef struct {
  gint64 lots, events, lines, edges, stock, audit;
} Snapshot;

static Snapshot
snapshot (LotlineTestStore *ts)
{
  return (Snapshot) {
    .lots = count_rows (ts, "lot"),
    .events = count_rows (ts, "event"),
    .lines = count_rows (ts, "event_line"),
    .edges = count_rows (ts, "lot_edge"),
    .stock = count_rows (ts, "stock"),
    .audit = count_rows (ts, "audit"),
  };
}

/* Records @spec, expects @code, and checks that nothing at all was written. */
static void
assert_refused (LotlineTestStore *ts, const LotlineEventSpec *spec, int code, const char *needle)
{
  Snapshot before = snapshot (ts), after;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) dry_error = NULL;
  g_autoptr(GArray) mismatches = NULL;

  /* A dry run gives the same verdict and writes nothing either. */
  g_assert_false (lotline_store_validate_event (ts->store, spec, &dry_error));
  g_assert_error (dry_error, LOTLINE_LEDGER_ERROR, code);

  g_assert_false (lotline_store_record_event (ts->store, spec, NULL, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, code);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” not in the message “%s”", needle, error->message);
  after = snapshot (ts);
  g_assert_cmpmem (&before, sizeof before, &after, sizeof after);

  mismatches = lotline_store_check_stock (ts->store, NULL);
  g_assert_cmpuint (mismatches->len, ==, 0);
}

static LotlineTestStore *
fixture (void)
{
  LotlineTestStore *ts = lotline_test_store_new ();

  lotline_test_store_add_basics (ts);
  return ts;
}

static void
test_receive_creates_lot_and_stock (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  g_autoptr(LotlineLot) lot = NULL;
  g_autoptr(GArray) stock = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* A dry run of a good receipt succeeds and writes nothing. */
  {
    LotlineLotSpec spec_lot = { .product_id = ts->fruit, .code = "F-1" };
    LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .new_lot = &spec_lot, .location_id = ts->wh1, .quantity = 1000 };
    LotlineEventSpec spec = { .kind = LOTLINE_EVENT_RECEIVE, .party_id = ts->supplier, .lines = &line, .n_lines = 1 };
    Snapshot before = snapshot (ts), after;

    g_assert_true (lotline_store_validate_event (ts->store, &spec, &error));
    g_assert_no_error (error);
    after = snapshot (ts);
    g_assert_cmpmem (&before, sizeof before, &after, sizeof after);
  }

  id = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 250500, "2026-03-01", NULL);
  lot = lotline_store_get_lot (ts->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lot->code, ==, "F-1");
  g_assert_cmpstr (lot->product_sku, ==, "RAW-STRAW");
  g_assert_cmpstr (lot->received_on, ==, "2026-03-01");
  /* Expiry defaults to the receipt date + the product's 10-day shelf life. */
  g_assert_cmpstr (lot->expires_on, ==, "2026-03-11");
  g_assert_cmpint (lot->supplier_id, ==, ts->supplier);
  g_assert_cmpint (lot->on_hand, ==, 250500);
  g_assert_cmpint (lot->status, ==, LOTLINE_LOT_RELEASED);

  stock = lotline_store_get_stock (ts->store, id, &error);
  g_assert_cmpuint (stock->len, ==, 1);
  g_assert_cmpstr (g_array_index (stock, LotlineStockEntry, 0).location_code, ==, "WH1");
  g_assert_cmpint (snapshot (ts).events, ==, 1);
  g_assert_cmpint (snapshot (ts).lines, ==, 1);
}

static void
test_produce_writes_edges_and_stock (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 100000, "2026-03-01", NULL);
  gint64 sugar = lotline_test_receive (ts, ts->sugar, "S-1", ts->wh1, 50000, "2026-03-01", "2026-03-05");
  gint64 inputs[] = { fruit, sugar }, qty[] = { 60000, 40000 };
  gint64 base;
  g_autoptr(LotlineLot) lot = NULL;

  base = lotline_test_produce (ts, inputs, qty, 2, ts->jam_base, "B-1", 95000, "2026-03-02");
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, fruit, 0), ==, 40000);
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, sugar, 0), ==, 10000);
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, base, ts->wh1), ==, 95000);
  g_assert_cmpint (count_rows (ts, "lot_edge"), ==, 2);

  /* The produced lot expires at the earlier of production + shelf life
   * (30 days) and its inputs' expiry: the sugar's, on 5 March. */
  lot = lotline_store_get_lot (ts->store, base, NULL);
  g_assert_cmpstr (lot->produced_on, ==, "2026-03-02");
  g_assert_cmpstr (lot->expires_on, ==, "2026-03-05");
}

static void
test_edge_quantities_sum_lines (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 100000, "2026-03-01", NULL);
  LotlineLotSpec out = { .product_id = ts->jam_base, .code = "B-1" };
  LotlineLineSpec lines[3];
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_PRODUCE, .occurred_at = lotline_test_date ("2026-03-02"),
                            .lines = lines, .n_lines = 3 };
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* The same lot consumed from two locations is one edge with the sum. */
  {
    LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .lot_id = fruit, .location_id = ts->wh2, .quantity = 30000 };
    LotlineLineSpec take = { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 30000 };
    LotlineLineSpec pair[] = { take, line };
    LotlineEventSpec transfer = { .kind = LOTLINE_EVENT_TRANSFER, .occurred_at = lotline_test_date ("2026-03-01"),
                                  .lines = pair, .n_lines = 2 };
    g_assert_true (lotline_store_record_event (ts->store, &transfer, NULL, &error));
    g_assert_no_error (error);
  }
  lines[0] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 50000 };
  lines[1] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh2, .quantity = 20000 };
  lines[2] = (LotlineLineSpec) { .role = LOTLINE_LINE_OUTPUT, .new_lot = &out, .location_id = ts->wh1, .quantity = 65000 };
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (ts->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*), sum(parent_quantity), sum(child_quantity) FROM lot_edge",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 1);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 70000);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, 65000);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_new_lot_on_two_lines (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 100000, "2026-03-01", NULL);
  LotlineLotSpec out = { .product_id = ts->jam_base, .code = "B-1" };
  LotlineLineSpec lines[] = {
    { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 90000 },
    { .role = LOTLINE_LINE_OUTPUT, .new_lot = &out, .location_id = ts->wh1, .quantity = 50000 },
    { .role = LOTLINE_LINE_OUTPUT, .new_lot = &out, .location_id = ts->wh2, .quantity = 30000 },
  };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_PRODUCE, .occurred_at = lotline_test_date ("2026-03-02"),
                            .lines = lines, .n_lines = 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLot) lot = NULL;
  gint64 id;

  /* One batch filled into two warehouses is one lot in two places. */
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lotline_store_find_lot (ts->store, "INT-BASE", "B-1", &id, &error));
  lot = lotline_store_get_lot (ts->store, id, NULL);
  g_assert_cmpint (lot->on_hand, ==, 80000);
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, id, ts->wh2), ==, 30000);
  g_assert_cmpint (count_rows (ts, "lot"), ==, 2);
  g_assert_cmpint (count_rows (ts, "lot_edge"), ==, 1);
}

static void
test_negative_stock (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 10000, "2026-03-01", NULL);
  LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 10001 };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_SHIP, .occurred_at = lotline_test_date ("2026-03-02"),
                            .party_id = ts->customer, .lines = &line, .n_lines = 1 };

  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_NEGATIVE_STOCK, "Only 10 kg of lot F-1");

  /* Stock at another location does not count. */
  line.quantity = 1000;
  line.location_id = ts->wh2;
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_NEGATIVE_STOCK, "WH2");

  /* Two lines of one event that together take too much. */
  {
    LotlineLineSpec two[] = {
      { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 6000 },
      { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 6000 },
    };
    spec.lines = two;
    spec.n_lines = 2;
    assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_NEGATIVE_STOCK, NULL);
  }
}

static void
test_ship_expired_needs_override (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 10000, "2026-03-01", "2026-03-10");
  LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 1000 };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_SHIP, .occurred_at = lotline_test_date ("2026-03-11"),
                            .party_id = ts->customer, .lines = &line, .n_lines = 1 };
  g_autoptr(GError) error = NULL;

  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_EXPIRED, "expired on 2026-03-10");

  /* Usable through the end of its expiry date. */
  spec.occurred_at = lotline_test_date ("2026-03-10");
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);

  /* After it, only with a recorded reason. */
  spec.occurred_at = lotline_test_date ("2026-03-12");
  spec.override_reason = "Customer accepts for immediate processing";
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, fruit, 0), ==, 8000);
}

static void
quarantine (LotlineTestStore *ts, gint64 lot, LotlineEventKind kind, const char *reason, GError **error)
{
  LotlineLineSpec line = { .role = LOTLINE_LINE_SUBJECT, .lot_id = lot };
  LotlineEventSpec spec = { .kind = kind, .occurred_at = lotline_test_date ("2026-03-02"),
                            .reason = reason, .lines = &line, .n_lines = 1 };

  lotline_store_record_event (ts->store, &spec, NULL, error);
}

static void
test_ship_respects_shelf_life_policy (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  /* Jars made 2026-03-01 with 365 days of shelf life: 2027-03-01. */
  gint64 jar = lotline_test_receive (ts, ts->jam_jar, "J-1", ts->wh1, 100000, "2026-03-01", "2026-05-01");
  LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = jar, .location_id = ts->wh1, .quantity = 1000 };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_SHIP, .occurred_at = lotline_test_date ("2026-03-20"),
                            .party_id = ts->customer2, .lines = &line, .n_lines = 1 };
  g_autoptr(GError) error = NULL;

  /* The big-box customer wants 60 days left; the lot has 42 on 03-20. */
  g_assert_true (lotline_store_set_shelf_life_policy (ts->store, ts->customer2, 0, 60, -1, &error));
  g_assert_no_error (error);
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_SHELF_LIFE, "42 days");
  g_assert_true (lotline_store_validate_event (ts->store, &(LotlineEventSpec) { .kind = LOTLINE_EVENT_SHIP,
                 .occurred_at = lotline_test_date ("2026-03-01"), .party_id = ts->customer2,
                 .lines = &line, .n_lines = 1 }, NULL));

  /* Another customer has no policy. */
  spec.party_id = ts->customer;
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);

  /* A product policy replaces the customer's: 30 days will do for jars. */
  spec.party_id = ts->customer2;
  g_assert_true (lotline_store_set_shelf_life_policy (ts->store, ts->customer2, ts->jam_jar, 30, -1, &error));
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);

  /* In percent: 50 % of 61 days is 31 days; 42 left passes, 20 fails. */
  g_assert_true (lotline_store_set_shelf_life_policy (ts->store, ts->customer2, ts->jam_jar, -1, 50, &error));
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);
  spec.occurred_at = lotline_test_date ("2026-04-11");
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_SHELF_LIFE, "20 days");

  /* A person may overrule it, with a reason that is kept. */
  spec.override_reason = "Customer agreed to take short-dated stock for a promotion";
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);
}

static void
test_quarantine_and_release (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 10000, "2026-03-01", NULL);
  LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 1000 };
  LotlineEventSpec ship = { .kind = LOTLINE_EVENT_SHIP, .occurred_at = lotline_test_date ("2026-03-03"),
                            .party_id = ts->customer, .lines = &line, .n_lines = 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLot) lot = NULL;

  /* A quarantine needs a reason. */
  {
    LotlineLineSpec subject = { .role = LOTLINE_LINE_SUBJECT, .lot_id = fruit };
    LotlineEventSpec spec = { .kind = LOTLINE_EVENT_QUARANTINE, .lines = &subject, .n_lines = 1 };
    assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_REASON_REQUIRED, NULL);
  }

  quarantine (ts, fruit, LOTLINE_EVENT_QUARANTINE, "Supplier reports possible Listeria", &error);
  g_assert_no_error (error);
  lot = lotline_store_get_lot (ts->store, fruit, NULL);
  g_assert_cmpint (lot->status, ==, LOTLINE_LOT_QUARANTINED);

  assert_refused (ts, &ship, LOTLINE_LEDGER_ERROR_QUARANTINED, "quarantined");
  ship.override_reason = "Released by QA on paper, system catching up";
  g_assert_true (lotline_store_record_event (ts->store, &ship, NULL, &error));
  g_assert_no_error (error);

  quarantine (ts, fruit, LOTLINE_EVENT_RELEASE, "Test negative", &error);
  g_assert_no_error (error);
  g_clear_pointer (&lot, lotline_lot_free);
  lot = lotline_store_get_lot (ts->store, fruit, NULL);
  g_assert_cmpint (lot->status, ==, LOTLINE_LOT_RELEASED);

  /* Releasing a lot that is not quarantined is refused. */
  quarantine (ts, fruit, LOTLINE_EVENT_RELEASE, "Again", &error);
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_SHAPE);
}

static void
test_recalled_never_ships (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 10000, "2026-03-01", NULL);
  LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 1000 };
  LotlineEventSpec ship = { .kind = LOTLINE_EVENT_SHIP, .occurred_at = lotline_test_date ("2026-03-03"),
                            .party_id = ts->customer, .override_reason = "Please", .lines = &line, .n_lines = 1 };
  sqlite3 *db = NULL;

  /* The recall engine marks lots recalled; here the test does it directly. */
  g_assert_cmpint (sqlite3_open (ts->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE lot SET status = 'recalled'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused (ts, &ship, LOTLINE_LEDGER_ERROR_RECALLED, "recalled");
}

static void
test_production_inputs_must_be_usable (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 100000, "2026-03-01", "2026-03-10");
  LotlineLotSpec out = { .product_id = ts->jam_base, .code = "B-1", .expires_on = "2026-04-30" };
  LotlineLineSpec lines[] = {
    { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 10000 },
    { .role = LOTLINE_LINE_OUTPUT, .new_lot = &out, .location_id = ts->wh1, .quantity = 9000 },
  };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_PRODUCE, .occurred_at = lotline_test_date ("2026-03-11"),
                            .lines = lines, .n_lines = 2 };
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  /* Expired the day before. */
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_EXPIRED, "before this production");

  /* Quarantined. */
  spec.occurred_at = lotline_test_date ("2026-03-05");
  quarantine (ts, fruit, LOTLINE_EVENT_QUARANTINE, "Pesticide residue suspected", &error);
  g_assert_no_error (error);
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_QUARANTINED, "rework");

  /* With a recorded reason, a person may rework it. */
  spec.override_reason = "Rework approved by QA: heat treatment";
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);

  /* Recalled: never, whatever the reason. */
  g_assert_cmpint (sqlite3_open (ts->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE lot SET status = 'recalled' WHERE code = 'F-1'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  out.code = "B-2";
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_RECALLED, "production");
}

static void
test_cycle_refused (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 100000, "2026-03-01", NULL);
  gint64 in1[] = { fruit }, q1[] = { 50000 };
  gint64 base = lotline_test_produce (ts, in1, q1, 1, ts->jam_base, "B-1", 50000, "2026-03-02");
  gint64 in2[] = { base }, q2[] = { 20000 };
  gint64 jar = lotline_test_produce (ts, in2, q2, 1, ts->jam_jar, "J-1", 60000, "2026-03-03");
  LotlineLineSpec lines[2];
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_PRODUCE, .occurred_at = lotline_test_date ("2026-03-04"),
                            .lines = lines, .n_lines = 2 };

  /* Into itself. */
  lines[0] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = base, .location_id = ts->wh1, .quantity = 1000 };
  lines[1] = (LotlineLineSpec) { .role = LOTLINE_LINE_OUTPUT, .lot_id = base, .location_id = ts->wh1, .quantity = 1000 };
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_CYCLE, "into itself");

  /* Into an ancestor: the jar is made from the base, which is made from
   * the fruit; making more fruit from the jar closes a cycle. */
  lines[0] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = jar, .location_id = ts->wh1, .quantity = 1000 };
  lines[1] = (LotlineLineSpec) { .role = LOTLINE_LINE_OUTPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 1000 };
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_CYCLE, "cycle");

  /* Reworking into an unrelated existing lot is fine. */
  {
    gint64 other = lotline_test_receive (ts, ts->sugar, "S-9", ts->wh1, 5000, "2026-03-01", NULL);
    g_autoptr(GError) error = NULL;

    lines[1].lot_id = other;
    g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_expiry_before_production (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  LotlineLotSpec lot = { .product_id = ts->fruit, .code = "F-1", .produced_on = "2026-03-05", .expires_on = "2026-03-04" };
  LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .new_lot = &lot, .location_id = ts->wh1, .quantity = 1000 };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_RECEIVE, .occurred_at = lotline_test_date ("2026-03-05"),
                            .party_id = ts->supplier, .lines = &line, .n_lines = 1 };
  g_autoptr(GError) error = NULL;

  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_EXPIRY_BEFORE_PRODUCTION, "2026-03-04");
  g_assert_false (lotline_store_add_lot (ts->store, &lot, NULL, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_EXPIRY_BEFORE_PRODUCTION);

  /* A malformed date is its own error. */
  g_clear_error (&error);
  lot.expires_on = "2026-02-30";
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_INVALID_DATE, "YYYY-MM-DD");
}

static void
test_unknown_references (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 10000, "2026-03-01", NULL);
  LotlineLotSpec lot = { .product_id = 4242, .code = "X-1" };
  LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .new_lot = &lot, .location_id = ts->wh1, .quantity = 1000 };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_RECEIVE, .party_id = ts->supplier, .lines = &line, .n_lines = 1 };
  gint64 id;
  g_autoptr(GError) error = NULL;

  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_UNKNOWN_PRODUCT, NULL);

  lot.product_id = ts->fruit;
  spec.party_id = 4242;
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_UNKNOWN_PARTY, NULL);

  spec.party_id = ts->supplier;
  line.location_id = 4242;
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_UNKNOWN_LOCATION, NULL);

  line = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = 4242, .location_id = ts->wh1, .quantity = 1000 };
  spec.kind = LOTLINE_EVENT_SHIP;
  spec.party_id = ts->customer;
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_UNKNOWN_LOT, NULL);

  /* Business-key look-ups say which key is unknown. */
  g_assert_false (lotline_store_find_product (ts->store, "NOPE", &id, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PRODUCT);
  g_clear_error (&error);
  g_assert_false (lotline_store_find_party (ts->store, "NOPE", &id, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PARTY);
  g_clear_error (&error);
  g_assert_false (lotline_store_find_location (ts->store, "NOPE", &id, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_LOCATION);
  g_clear_error (&error);
  g_assert_false (lotline_store_find_lot (ts->store, NULL, "NOPE", &id, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_LOT);
  g_clear_error (&error);
  g_assert_true (lotline_store_find_lot (ts->store, "RAW-STRAW", "F-1", &id, &error));
  g_assert_cmpint (id, ==, fruit);
}

static void
test_quantities_must_be_positive (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 10000, "2026-03-01", NULL);
  LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 0 };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_SHIP, .party_id = ts->customer, .lines = &line, .n_lines = 1 };

  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_INVALID_QUANTITY, "greater than zero");
  line.quantity = -5000;
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_INVALID_QUANTITY, NULL);
}

static void
test_duplicates (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  LotlineProductSpec product = { .sku = "RAW-STRAW", .name = "Again", .kind = LOTLINE_PRODUCT_RAW, .shelf_life_days = -1 };
  LotlinePartySpec party = { .code = "CUS-1", .name = "Again", .kind = LOTLINE_PARTY_CUSTOMER, .min_shelf_life_days = -1 };
  LotlineLocationSpec location = { .code = "WH1", .name = "Again", .kind = LOTLINE_LOCATION_WAREHOUSE };
  LotlineLotSpec lot = { .product_id = ts->fruit, .code = "F-1" };
  g_autoptr(GError) error = NULL;

  g_assert_false (lotline_store_add_product (ts->store, &product, NULL, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (lotline_store_add_party (ts->store, &party, NULL, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (lotline_store_add_location (ts->store, &location, NULL, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_DUPLICATE);
  g_clear_error (&error);

  lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 10000, "2026-03-01", NULL);
  g_assert_false (lotline_store_add_lot (ts->store, &lot, NULL, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_DUPLICATE_LOT);
  g_clear_error (&error);

  /* The same code for another product is a different lot. */
  lot.product_id = ts->sugar;
  g_assert_true (lotline_store_add_lot (ts->store, &lot, NULL, &error));
  g_assert_no_error (error);

  /* Receiving a new lot under a taken code writes nothing. */
  {
    LotlineLotSpec again = { .product_id = ts->fruit, .code = "F-1" };
    LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .new_lot = &again, .location_id = ts->wh1, .quantity = 1000 };
    LotlineEventSpec spec = { .kind = LOTLINE_EVENT_RECEIVE, .party_id = ts->supplier, .lines = &line, .n_lines = 1 };
    assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_DUPLICATE_LOT, "already has a lot F-1");
  }
}

static void
test_wrong_party (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 10000, "2026-03-01", NULL);
  LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 1000 };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_SHIP, .party_id = ts->supplier, .lines = &line, .n_lines = 1 };

  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_WRONG_PARTY, "Berry Farms");
  spec.party_id = 0;
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_UNKNOWN_PARTY, NULL);
}

static void
test_shapes (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 10000, "2026-03-01", NULL);
  LotlineLineSpec in = { .role = LOTLINE_LINE_INPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 1000 };
  LotlineLineSpec out = { .role = LOTLINE_LINE_OUTPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 1000 };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_SHIP, .party_id = ts->customer, .lines = &out, .n_lines = 1 };

  /* Shipping brings nothing in; receiving takes nothing out. */
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_SHAPE, NULL);
  spec.kind = LOTLINE_EVENT_RECEIVE;
  spec.party_id = ts->supplier;
  spec.lines = &in;
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_SHAPE, NULL);

  /* A production needs both sides. */
  spec.kind = LOTLINE_EVENT_PRODUCE;
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_SHAPE, NULL);

  /* No lines at all. */
  spec.n_lines = 0;
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_SHAPE, NULL);

  /* A transfer that does not balance, or goes nowhere. */
  {
    LotlineLineSpec pair[] = { in, out };
    LotlineEventSpec transfer = { .kind = LOTLINE_EVENT_TRANSFER, .lines = pair, .n_lines = 2 };

    assert_refused (ts, &transfer, LOTLINE_LEDGER_ERROR_SHAPE, "different location");
    pair[1].location_id = ts->wh2;
    pair[1].quantity = 2000;
    assert_refused (ts, &transfer, LOTLINE_LEDGER_ERROR_SHAPE, "same quantity");
  }
}

static void
test_adjust_and_destroy (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 10000, "2026-03-01", NULL);
  LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .lot_id = fruit, .location_id = ts->wh1, .quantity = 500 };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_ADJUST, .lines = &line, .n_lines = 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLot) lot = NULL;

  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_REASON_REQUIRED, NULL);
  spec.reason = "Cycle count found 0.5 kg more";
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, fruit, 0), ==, 10500);

  line.role = LOTLINE_LINE_INPUT;
  line.quantity = 10500;
  spec.kind = LOTLINE_EVENT_DESTROY;
  spec.reason = NULL;
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_REASON_REQUIRED, NULL);
  spec.reason = "expired";
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);

  /* Destroying all stock marks the lot destroyed; nothing can be added back. */
  lot = lotline_store_get_lot (ts->store, fruit, NULL);
  g_assert_cmpint (lot->status, ==, LOTLINE_LOT_DESTROYED);
  g_assert_cmpint (lot->on_hand, ==, 0);
  line.role = LOTLINE_LINE_OUTPUT;
  line.quantity = 100;
  spec.kind = LOTLINE_EVENT_ADJUST;
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_DESTROYED, NULL);
}

static void
test_return (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 10000, "2026-03-01", NULL);
  LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .lot_id = fruit, .location_id = ts->quarantine, .quantity = 2000 };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_RETURN, .occurred_at = lotline_test_date ("2026-03-04"),
                            .party_id = ts->customer, .doc_type = "RMA", .doc_number = "R-7",
                            .lines = &line, .n_lines = 1 };
  g_autoptr(GError) error = NULL;

  lotline_test_ship (ts, ts->customer, fruit, ts->wh1, 4000, "2026-03-02");
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, fruit, ts->quarantine), ==, 2000);
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, fruit, 0), ==, 8000);

  spec.party_id = ts->supplier;
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_WRONG_PARTY, NULL);
}

static void
test_serial_numbers (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  LotlineLotSpec unit = { .product_id = ts->serial_tank, .code = "SN-0001" };
  LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .new_lot = &unit, .location_id = ts->wh1, .quantity = 2000 };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_RECEIVE, .party_id = ts->supplier, .lines = &line, .n_lines = 1 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* A serial number is one unit. */
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_SERIAL, "quantity 1");
  line.quantity = LOTLINE_QTY_ONE;
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);

  /* Receiving the same serial again is refused: it is already in stock. */
  g_assert_true (lotline_store_find_lot (ts->store, "EQ-TANK", "SN-0001", &id, NULL));
  line.new_lot = NULL;
  line.lot_id = id;
  line.location_id = ts->wh2;
  assert_refused (ts, &spec, LOTLINE_LEDGER_ERROR_SERIAL, "already in stock");

  /* Shipped, it can come back: traced exactly like a lot. */
  lotline_test_ship (ts, ts->customer, id, ts->wh1, LOTLINE_QTY_ONE, "2026-03-02");
  spec.kind = LOTLINE_EVENT_RETURN;
  spec.party_id = ts->customer;
  g_assert_true (lotline_store_record_event (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, id, ts->wh2), ==, LOTLINE_QTY_ONE);
}

static void
test_stock_equals_rebuild (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  gint64 fruit = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 100000, "2026-03-01", NULL);
  gint64 in[] = { fruit }, q[] = { 70000 };
  gint64 base = lotline_test_produce (ts, in, q, 1, ts->jam_base, "B-1", 65000, "2026-03-02");
  g_autoptr(GArray) mismatches = NULL;
  sqlite3 *db = NULL;

  lotline_test_ship (ts, ts->customer, base, ts->wh1, 15000, "2026-03-03");
  mismatches = lotline_store_check_stock (ts->store, NULL);
  g_assert_cmpuint (mismatches->len, ==, 0);
  g_clear_pointer (&mismatches, g_array_unref);

  /* Tamper with stock behind the ledger's back: the check finds it. */
  g_assert_cmpint (sqlite3_open (ts->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE stock SET quantity = quantity + 1 WHERE lot_id = (SELECT id FROM lot WHERE code = 'B-1')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  mismatches = lotline_store_check_stock (ts->store, NULL);
  g_assert_cmpuint (mismatches->len, ==, 1);
  g_assert_cmpint (g_array_index (mismatches, LotlineStockMismatch, 0).lot_id, ==, base);
  g_assert_cmpint (g_array_index (mismatches, LotlineStockMismatch, 0).stored, ==, 50001);
  g_assert_cmpint (g_array_index (mismatches, LotlineStockMismatch, 0).rebuilt, ==, 50000);
  g_assert_cmpstr (g_array_index (mismatches, LotlineStockMismatch, 0).location_code, ==, "WH1");
}

static void
test_effective_status (void)
{
  LotlineLot lot = { .status = LOTLINE_LOT_RELEASED, .expires_on = (char *) "2026-03-10" };

  g_assert_cmpint (lotline_lot_effective_status (&lot, "2026-03-10"), ==, LOTLINE_LOT_RELEASED);
  g_assert_cmpint (lotline_lot_effective_status (&lot, "2026-03-11"), ==, LOTLINE_LOT_EXPIRED);
  lot.status = LOTLINE_LOT_QUARANTINED;
  g_assert_cmpint (lotline_lot_effective_status (&lot, "2026-03-11"), ==, LOTLINE_LOT_QUARANTINED);
}

static void
test_event_records_who_and_when (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  lotline_store_set_user (ts->store, "maria");
  lotline_store_set_now (ts->store, lotline_test_date ("2026-03-05"));
  lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 10000, "2026-03-01", NULL);

  g_assert_cmpint (sqlite3_open (ts->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT kind, occurred_at, recorded_at, recorded_by, doc_type FROM event",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "receive");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "2026-03-01T12:00:00Z");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "2026-03-05T12:00:00Z");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "maria");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "PO");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lotline/ledger/receive", test_receive_creates_lot_and_stock);
  g_test_add_func ("/lotline/ledger/produce", test_produce_writes_edges_and_stock);
  g_test_add_func ("/lotline/ledger/edge-quantities", test_edge_quantities_sum_lines);
  g_test_add_func ("/lotline/ledger/new-lot-on-two-lines", test_new_lot_on_two_lines);
  g_test_add_func ("/lotline/ledger/negative-stock", test_negative_stock);
  g_test_add_func ("/lotline/ledger/ship-expired", test_ship_expired_needs_override);
  g_test_add_func ("/lotline/ledger/ship-shelf-life", test_ship_respects_shelf_life_policy);
  g_test_add_func ("/lotline/ledger/quarantine-release", test_quarantine_and_release);
  g_test_add_func ("/lotline/ledger/recalled", test_recalled_never_ships);
  g_test_add_func ("/lotline/ledger/production-inputs", test_production_inputs_must_be_usable);
  g_test_add_func ("/lotline/ledger/cycle", test_cycle_refused);
  g_test_add_func ("/lotline/ledger/expiry-before-production", test_expiry_before_production);
  g_test_add_func ("/lotline/ledger/unknown-references", test_unknown_references);
  g_test_add_func ("/lotline/ledger/positive-quantities", test_quantities_must_be_positive);
  g_test_add_func ("/lotline/ledger/duplicates", test_duplicates);
  g_test_add_func ("/lotline/ledger/wrong-party", test_wrong_party);
  g_test_add_func ("/lotline/ledger/shapes", test_shapes);
  g_test_add_func ("/lotline/ledger/adjust-destroy", test_adjust_and_destroy);
  g_test_add_func ("/lotline/ledger/return", test_return);
  g_test_add_func ("/lotline/ledger/serial", test_serial_numbers);
  g_test_add_func ("/lotline/ledger/stock-rebuild", test_stock_equals_rebuild);
  g_test_add_func ("/lotline/ledger/effective-status", test_effective_status);
  g_test_add_func ("/lotline/ledger/who-and-when", test_event_records_who_and_when);
  return g_test_run ();
}
