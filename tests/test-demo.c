/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sqlite3.h>

#include "lotline-audit.h"
#include "lotline-demo.h"
#include "lotline-ledger.h"
#include "lotline-test-util.h"

#define TODAY "2025-03-19"

/* Most checks read one generated database; it is made once. */
static LotlineTestStore *shared;
static LotlineDemoStats shared_stats;

static void
generate (LotlineTestStore *ts, guint64 seed, LotlineDemoStats *stats)
{
  LotlineDemoOptions options = { .scale = 0.02, .seed = seed, .today = TODAY };
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_demo_generate (ts->store, &options, NULL, NULL, stats, &error));
  g_assert_no_error (error);
}

static LotlineTestStore *
get_shared (void)
{
  if (shared == NULL)
    {
      shared = lotline_test_store_new ();
      generate (shared, 1, &shared_stats);
    }
  return shared;
}

static gint64
query_int (LotlineStore *store, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (lotline_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A digest of every row of the tables the history lives in, in id order. */
static char *
dup_digest (LotlineStore *store)
{
  static const char * const queries[] = {
    "SELECT * FROM product ORDER BY id",
    "SELECT * FROM party ORDER BY id",
    "SELECT * FROM location ORDER BY id",
    "SELECT * FROM lot ORDER BY id",
    "SELECT * FROM event ORDER BY id",
    "SELECT * FROM event_line ORDER BY id",
    "SELECT * FROM lot_edge ORDER BY event_id, parent_lot_id, child_lot_id",
    "SELECT * FROM stock ORDER BY lot_id, location_id",
    "SELECT * FROM audit ORDER BY id",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (lotline_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const guchar *text = sqlite3_column_text (stmt, c);

              g_checksum_update (sum, text ? text : (const guchar *) "\x1e", -1);
              g_checksum_update (sum, (const guchar *) "\x1f", 1);
            }
          g_checksum_update (sum, (const guchar *) "\n", 1);
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

static void
test_generates (void)
{
  LotlineTestStore *ts = get_shared ();
  g_autoptr(GError) error = NULL;
  LotlineStoreCounts counts;

  g_assert_true (lotline_store_get_counts (ts->store, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (shared_stats.products, ==, counts.products);
  g_assert_cmpint (shared_stats.parties, ==, counts.parties);
  g_assert_cmpint (shared_stats.lots, ==, counts.lots);
  g_assert_cmpint (shared_stats.events, ==, counts.events);
  g_assert_cmpint (shared_stats.event_lines, ==, counts.event_lines);
  g_assert_cmpfloat (shared_stats.seconds, >, 0.0);

  /* 0.02 × 2,000 customers, 11 suppliers, the site. */
  g_assert_cmpint (query_int (ts->store, "SELECT count(*) FROM party WHERE kind = 'customer'"), ==, 40);
  g_assert_cmpint (query_int (ts->store, "SELECT count(*) FROM party WHERE kind = 'supplier'"), ==, 11);
  g_assert_cmpint (query_int (ts->store, "SELECT count(*) FROM party WHERE kind = 'site'"), ==, 1);
  g_assert_cmpint (counts.event_lines, >, 2000);
  g_assert_cmpint (query_int (ts->store, "SELECT count(*) FROM product WHERE ftl = 1"), >, 0);

  /* Every kind of event happened. */
  g_assert_cmpint (query_int (ts->store, "SELECT count(DISTINCT kind) FROM event"), ==, 8);
  g_assert_cmpint (query_int (ts->store, "SELECT count(*) FROM event WHERE kind = 'adjust'"), ==, 0);

  /* The history ends on the given day and spans a year. */
  g_assert_cmpint (query_int (ts->store, "SELECT max(occurred_at) < '2025-03-20' FROM event"), ==, 1);
  g_assert_cmpint (query_int (ts->store, "SELECT min(occurred_at) >= '2024-03-20' FROM event"), ==, 1);
  g_assert_cmpint (query_int (ts->store, "SELECT count(*) FROM event WHERE recorded_at <> occurred_at"), ==, 0);

  /* Suppliers and customers have full addresses. */
  g_assert_cmpint (query_int (ts->store,
                              "SELECT count(*) FROM party WHERE street IS NULL OR city IS NULL OR region IS NULL"
                              " OR postal_code IS NULL OR country IS NULL OR phone IS NULL"), ==, 0);
  g_assert_cmpint (query_int (ts->store, "SELECT count(*) FROM party WHERE kind = 'supplier' AND gln IS NULL"), ==, 0);
}

static void
test_same_seed_same_database (void)
{
  g_autoptr(LotlineTestStore) a = lotline_test_store_new ();
  g_autoptr(LotlineTestStore) b = lotline_test_store_new ();
  g_autofree char *digest_a = NULL, *digest_b = NULL;

  generate (a, 42, NULL);
  generate (b, 42, NULL);
  digest_a = dup_digest (a->store);
  digest_b = dup_digest (b->store);
  g_assert_cmpstr (digest_a, ==, digest_b);

  /* The store's own clock and user are given back. */
  g_assert_cmpstr (lotline_store_get_user (a->store), ==, "tester");
}

static void
test_other_seed_other_database (void)
{
  g_autoptr(LotlineTestStore) other = lotline_test_store_new ();
  g_autofree char *digest_shared = dup_digest (get_shared ()->store);
  g_autofree char *digest_other = NULL;

  generate (other, 2, NULL);
  digest_other = dup_digest (other->store);
  g_assert_cmpstr (digest_shared, !=, digest_other);
}

static void
test_stock_matches_events (void)
{
  LotlineTestStore *ts = get_shared ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) mismatches = lotline_store_check_stock (ts->store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (mismatches);
  g_assert_cmpuint (mismatches->len, ==, 0);
}

static void
test_audit_chain (void)
{
  LotlineTestStore *ts = get_shared ();
  g_autoptr(GError) error = NULL;
  LotlineAuditReport report;

  g_assert_true (lotline_audit_verify (ts->store, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report.ok);
  g_assert_cmpint (report.entries, >, shared_stats.events);
  lotline_audit_report_clear (&report);
}

static void
test_variety (void)
{
  LotlineStore *store = get_shared ()->store;

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lot WHERE status = 'quarantined'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lot WHERE status = 'destroyed'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM event WHERE kind = 'destroy' AND reason = 'expired'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM event WHERE kind = 'destroy' AND reason NOT IN ('expired', 'damaged')"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM event WHERE kind = 'release'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM event WHERE kind = 'return'"), >, 0);

  /* Expired, still on the shelf, not yet disposed of. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM lot WHERE status = 'released' AND expires_on < '" TODAY "'"
                              " AND EXISTS (SELECT 1 FROM stock WHERE stock.lot_id = lot.id)"), >, 0);

  /* Finished lots two production steps above a raw lot. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM lot_edge AS c JOIN lot_edge AS g ON g.child_lot_id = c.parent_lot_id"
                              " JOIN lot ON lot.id = c.child_lot_id JOIN product ON product.id = lot.product_id"
                              " JOIN lot AS r ON r.id = g.parent_lot_id JOIN product AS rp ON rp.id = r.product_id"
                              " WHERE product.kind = 'finished' AND rp.kind = 'raw'"), >, 0);

  /* Both warehouses ship. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(DISTINCT w.code) FROM event JOIN event_line AS l ON l.event_id = event.id"
                              " JOIN location AS b ON b.id = l.location_id JOIN location AS z ON z.id = b.parent_id"
                              " JOIN location AS w ON w.id = z.parent_id WHERE event.kind = 'ship'"), ==, 2);
}

static void
test_realistic_rules (void)
{
  LotlineStore *store = get_shared ()->store;

  /* Customers get what their minimum remaining shelf life allows. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM event JOIN event_line AS l ON l.event_id = event.id"
                              " JOIN lot ON lot.id = l.lot_id JOIN party ON party.id = event.party_id"
                              " WHERE event.kind = 'ship' AND party.min_shelf_life_days IS NOT NULL"
                              " AND julianday (lot.expires_on) - julianday (substr (event.occurred_at, 1, 10))"
                              "     < party.min_shelf_life_days"), ==, 0);

  /* … in percent of the shelf life too, and a policy for one product
   * replaces the customer's own for that product. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM party WHERE min_shelf_life_percent IS NOT NULL"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM shelf_life_policy"), >, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM event JOIN event_line AS l ON l.event_id = event.id"
                              " JOIN lot ON lot.id = l.lot_id JOIN party ON party.id = event.party_id"
                              " LEFT JOIN shelf_life_policy AS p ON p.customer_id = party.id AND p.product_id = lot.product_id"
                              " WHERE event.kind = 'ship' AND ("
                              "   julianday (lot.expires_on) - julianday (event.occurred_on)"
                              "     < coalesce (CASE WHEN p.customer_id IS NULL THEN party.min_shelf_life_days ELSE p.min_days END, 0)"
                              "   OR (julianday (lot.expires_on) - julianday (event.occurred_on)) * 100"
                              "     < coalesce (CASE WHEN p.customer_id IS NULL THEN party.min_shelf_life_percent ELSE p.min_percent END, 0)"
                              "       * (julianday (lot.expires_on) - julianday (coalesce (lot.produced_on, lot.received_on))))"), ==, 0);

  /* Expired stock is written off where it expired. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM event JOIN event_line AS l ON l.event_id = event.id"
                              " JOIN location ON location.id = l.location_id"
                              " WHERE event.kind = 'destroy' AND event.reason = 'expired' AND location.kind = 'bin'"), >, 0);

  /* No lot reaches more than a few dozen customers. */
  g_assert_cmpint (query_int (store,
                              "SELECT max(n) FROM (SELECT count(DISTINCT event.party_id) AS n FROM event"
                              " JOIN event_line AS l ON l.event_id = event.id WHERE event.kind = 'ship'"
                              " GROUP BY l.lot_id)"), <=, 60);

  /* Lot codes look like SB240312-01. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM lot WHERE code NOT GLOB '[A-Z][A-Z]*[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9]*'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lot WHERE supplier_id IS NOT NULL AND supplier_lot IS NULL"), ==, 0);
}

static void
test_refuses_non_empty (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  LotlineDemoOptions options = { .scale = 0.02, .seed = 1, .today = TODAY };
  g_autoptr(GError) error = NULL;
  LotlineStoreCounts counts;

  lotline_test_store_add_basics (ts);
  g_assert_false (lotline_demo_generate (ts->store, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_assert_true (lotline_store_get_counts (ts->store, &counts, NULL));
  g_assert_cmpint (counts.products, ==, 6);
  g_assert_cmpint (counts.events, ==, 0);
}

static void
test_refuses_bad_options (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  LotlineDemoOptions options = { .scale = 0.0, .seed = 1, .today = TODAY };
  g_autoptr(GError) error = NULL;

  g_assert_false (lotline_demo_generate (ts->store, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID);
  g_clear_error (&error);

  options.scale = 0.02;
  options.today = "2025-02-30";
  g_assert_false (lotline_demo_generate (ts->store, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID_DATE);
}

/* Cancelled half-way through the year, generation stops with
 * G_IO_ERROR_CANCELLED and leaves a consistent, partial ledger. */
static void
cancel_at_half_cb (double fraction, gpointer user_data)
{
  if (fraction >= 0.5)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LotlineDemoOptions options = { .scale = 0.02, .seed = 1, .today = TODAY, .cancellable = cancellable };
  LotlineDemoOptions whole = { .scale = 0.02, .seed = 1, .today = TODAY };
  g_autoptr(LotlineTestStore) full = lotline_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) mismatches = NULL;
  LotlineStoreCounts partial, complete;

  g_assert_false (lotline_demo_generate (ts->store, &options, cancel_at_half_cb, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (lotline_demo_generate (full->store, &whole, NULL, NULL, NULL, NULL));
  g_assert_true (lotline_store_get_counts (ts->store, &partial, NULL));
  g_assert_true (lotline_store_get_counts (full->store, &complete, NULL));
  g_assert_cmpint (partial.events, <, complete.events);
  mismatches = lotline_store_check_stock (ts->store, NULL);
  g_assert_cmpuint (mismatches->len, ==, 0);
}

static void
on_progress_cb (double fraction, gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_progress (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  LotlineDemoOptions options = { .scale = 0.005, .seed = 3, .today = TODAY };
  g_autoptr(GError) error = NULL;
  double last = 0.0;

  g_assert_true (lotline_demo_generate (ts->store, &options, on_progress_cb, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
}

static void
test_trace_seeds (void)
{
  LotlineStore *store = get_shared ()->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLot) input = NULL, output = NULL;
  gint64 busiest = 0, deepest = 0;

  g_assert_true (lotline_demo_find_trace_seeds (store, &busiest, &deepest, &error));
  g_assert_no_error (error);
  input = lotline_store_get_lot (store, busiest, &error);
  g_assert_no_error (error);
  output = lotline_store_get_lot (store, deepest, &error);
  g_assert_no_error (error);
  g_assert_cmpint (input->product_kind, ==, LOTLINE_PRODUCT_RAW);
  g_assert_cmpint (output->product_kind, ==, LOTLINE_PRODUCT_FINISHED);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lotline/demo/generates", test_generates);
  g_test_add_func ("/lotline/demo/same-seed-same-database", test_same_seed_same_database);
  g_test_add_func ("/lotline/demo/other-seed-other-database", test_other_seed_other_database);
  g_test_add_func ("/lotline/demo/stock-matches-events", test_stock_matches_events);
  g_test_add_func ("/lotline/demo/audit-chain", test_audit_chain);
  g_test_add_func ("/lotline/demo/variety", test_variety);
  g_test_add_func ("/lotline/demo/realistic-rules", test_realistic_rules);
  g_test_add_func ("/lotline/demo/refuses-non-empty", test_refuses_non_empty);
  g_test_add_func ("/lotline/demo/refuses-bad-options", test_refuses_bad_options);
  g_test_add_func ("/lotline/demo/progress", test_progress);
  g_test_add_func ("/lotline/demo/cancel", test_cancel);
  g_test_add_func ("/lotline/demo/trace-seeds", test_trace_seeds);

  status = g_test_run ();
  g_clear_pointer (&shared, lotline_test_store_free);
  return status;
}
