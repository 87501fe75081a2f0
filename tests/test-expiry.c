/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lotline-expiry.h"
#include "lotline-test-util.h"

#define Q(n) ((gint64) (n) * LOTLINE_QTY_ONE)

/* ---- helpers ----------------------------------------------------------- */

static gint64
receive_from (LotlineTestStore *ts, gint64 supplier, gint64 product, const char *code, gint64 location,
              gint64 quantity, const char *date, const char *expires_on)
{
  LotlineLotSpec lot = { .product_id = product, .code = code, .expires_on = expires_on };
  LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .new_lot = &lot, .location_id = location, .quantity = quantity };
  LotlineEventSpec event = {
    .kind = LOTLINE_EVENT_RECEIVE, .occurred_at = lotline_test_date (date),
    .party_id = supplier, .lines = &line, .n_lines = 1,
  };
  g_autoptr(GError) error = NULL;
  gint64 lot_id = 0;

  g_assert_true (lotline_store_record_event (ts->store, &event, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lotline_store_find_lot (ts->store, NULL, code, &lot_id, &error));
  return lot_id;
}

static void
record (LotlineTestStore *ts, LotlineEventKind kind, const char *date, const char *reason,
        const LotlineLineSpec *lines, guint n_lines)
{
  LotlineEventSpec event = {
    .kind = kind, .occurred_at = lotline_test_date (date), .reason = reason,
    .lines = lines, .n_lines = n_lines,
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_store_record_event (ts->store, &event, NULL, &error));
  g_assert_no_error (error);
}

static void
transfer (LotlineTestStore *ts, gint64 lot, gint64 from, gint64 to, gint64 quantity, const char *date)
{
  LotlineLineSpec lines[] = {
    { .role = LOTLINE_LINE_INPUT, .lot_id = lot, .location_id = from, .quantity = quantity },
    { .role = LOTLINE_LINE_OUTPUT, .lot_id = lot, .location_id = to, .quantity = quantity },
  };

  record (ts, LOTLINE_EVENT_TRANSFER, date, NULL, lines, G_N_ELEMENTS (lines));
}

static void
exec_sql (LotlineTestStore *ts, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (ts->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
set_policy (LotlineTestStore *ts, gint64 customer, gint64 product, int days, int percent)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_store_set_shelf_life_policy (ts->store, customer, product, days, percent, &error));
  g_assert_no_error (error);
}

static LotlineAllocation *
allocate (LotlineTestStore *ts, gint64 customer, gint64 product, gint64 quantity, const char *date,
          LotlineAllocationOrder order)
{
  g_autoptr(GError) error = NULL;
  LotlineAllocation *a = NULL;

  g_assert_true (lotline_store_allocate (ts->store, customer, product, quantity, date, order, &a, &error));
  g_assert_no_error (error);
  g_assert_nonnull (a);
  g_assert_cmpint (a->allocated + a->shortfall, ==, a->requested);
  return a;
}

/* The picks as "LOT@LOC=QTY" lines, so a test reads like the expected list. */
static char *
dup_picks (const LotlineAllocation *a)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < a->picks->len; i++)
    {
      const LotlineAllocationPick *pick = &g_array_index (a->picks, LotlineAllocationPick, i);
      g_autofree char *quantity = lotline_quantity_format (pick->quantity);

      g_string_append_printf (text, "%s@%s=%s\n", pick->lot_code, pick->location_code, quantity);
    }
  return g_string_free (text, FALSE);
}

/* The skips as "LOT[@LOC]:reason" lines. */
static char *
dup_skips (const LotlineAllocation *a)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < a->skipped->len; i++)
    {
      const LotlineAllocationSkip *skip = &g_array_index (a->skipped, LotlineAllocationSkip, i);

      g_assert_nonnull (skip->message);
      g_assert_nonnull (strstr (skip->message, skip->lot_code));
      g_string_append_printf (text, "%s%s%s:%s\n", skip->lot_code, skip->location_code ? "@" : "",
                              skip->location_code ? skip->location_code : "",
                              lotline_skip_reason_to_string (skip->reason));
    }
  return g_string_free (text, FALSE);
}

static const LotlineAllocationSkip *
skip_at (const LotlineAllocation *a, guint i)
{
  g_assert_cmpuint (i, <, a->skipped->len);
  return &g_array_index (a->skipped, LotlineAllocationSkip, i);
}

static gint64
add_product (LotlineTestStore *ts, const char *sku, const char *unit, int shelf_life, gint64 cost)
{
  LotlineProductSpec spec = {
    .sku = sku, .name = sku, .kind = LOTLINE_PRODUCT_RAW, .unit = unit, .shelf_life_days = shelf_life,
    .tracking = LOTLINE_TRACKING_LOT, .unit_cost_milli = cost,
  };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (lotline_store_add_product (ts->store, &spec, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* ---- allocation -------------------------------------------------------- */

static void
test_expires_today (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineAllocation) today = NULL, tomorrow = NULL;
  g_autofree char *picks = NULL, *skips = NULL;

  lotline_test_store_add_basics (ts);
  receive_from (ts, ts->supplier, ts->fruit, "STR-1", ts->wh1, Q (40), "2026-03-01", "2026-03-10");

  /* Usable through the end of its expiry date … */
  today = allocate (ts, ts->customer, ts->fruit, Q (25), "2026-03-10", LOTLINE_ALLOCATION_FEFO);
  picks = dup_picks (today);
  g_assert_cmpstr (picks, ==, "STR-1@WH1=25\n");
  g_assert_cmpint (g_array_index (today->picks, LotlineAllocationPick, 0).days_left, ==, 0);
  g_assert_cmpstr (g_array_index (today->picks, LotlineAllocationPick, 0).expires_on, ==, "2026-03-10");
  g_assert_cmpint (today->shortfall, ==, 0);
  g_assert_null (today->shortfall_message);
  g_assert_cmpuint (today->skipped->len, ==, 0);

  /* … and not a day longer. */
  tomorrow = allocate (ts, ts->customer, ts->fruit, Q (25), "2026-03-11", LOTLINE_ALLOCATION_FEFO);
  g_assert_cmpuint (tomorrow->picks->len, ==, 0);
  skips = dup_skips (tomorrow);
  g_assert_cmpstr (skips, ==, "STR-1:expired\n");
  g_assert_cmpint (skip_at (tomorrow, 0)->days_left, ==, -1);
  g_assert_cmpint (skip_at (tomorrow, 0)->quantity, ==, Q (40));
  g_assert_cmpint (tomorrow->shortfall, ==, Q (25));
  g_assert_nonnull (tomorrow->shortfall_message);
}

static void
test_policy_days (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineAllocation) a = NULL, edge = NULL;
  g_autofree char *picks = NULL, *skips = NULL, *edge_picks = NULL;

  lotline_test_store_add_basics (ts);
  set_policy (ts, ts->customer2, 0, 30, -1);
  receive_from (ts, ts->supplier, ts->sugar, "SUG-SHORT", ts->wh1, Q (10), "2026-03-01", "2026-04-01");
  receive_from (ts, ts->supplier, ts->sugar, "SUG-LONG", ts->wh1, Q (10), "2026-03-01", "2026-05-01");

  /* 22 days left on 10 March is less than 30. */
  a = allocate (ts, ts->customer2, ts->sugar, Q (5), "2026-03-10", LOTLINE_ALLOCATION_FEFO);
  g_assert_cmpint (a->policy.level, ==, LOTLINE_POLICY_CUSTOMER);
  g_assert_cmpint (a->policy.min_days, ==, 30);
  picks = dup_picks (a);
  skips = dup_skips (a);
  g_assert_cmpstr (picks, ==, "SUG-LONG@WH1=5\n");
  g_assert_cmpstr (skips, ==, "SUG-SHORT:short-shelf-life\n");
  g_assert_cmpint (skip_at (a, 0)->days_left, ==, 22);
  g_assert_nonnull (strstr (skip_at (a, 0)->message, "22 days"));
  g_assert_nonnull (strstr (skip_at (a, 0)->message, "30 days"));
  g_assert_nonnull (strstr (skip_at (a, 0)->message, "Big Box Retail"));

  /* Exactly 30 days left is enough; the other customer has no policy. */
  edge = allocate (ts, ts->customer2, ts->sugar, Q (5), "2026-03-02", LOTLINE_ALLOCATION_FEFO);
  edge_picks = dup_picks (edge);
  g_assert_cmpstr (edge_picks, ==, "SUG-SHORT@WH1=5\n");
  g_clear_pointer (&edge, lotline_allocation_free);
  g_clear_pointer (&edge_picks, g_free);
  edge = allocate (ts, ts->customer, ts->sugar, Q (5), "2026-03-10", LOTLINE_ALLOCATION_FEFO);
  edge_picks = dup_picks (edge);
  g_assert_cmpstr (edge_picks, ==, "SUG-SHORT@WH1=5\n");
  g_assert_cmpint (edge->policy.level, ==, LOTLINE_POLICY_NONE);
}

static void
test_policy_percent (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineAllocation) a = NULL, b = NULL;
  g_autofree char *picks = NULL, *skips = NULL, *b_picks = NULL, *b_skips = NULL;
  LotlineShelfLifePolicy half = { LOTLINE_POLICY_CUSTOMER, -1, 50 };

  lotline_test_store_add_basics (ts);
  set_policy (ts, ts->customer2, 0, -1, 50);
  /* Total shelf life counts from the receipt date of a bought-in lot. */
  receive_from (ts, ts->supplier, ts->sugar, "SUG-20", ts->wh1, Q (10), "2026-03-01", "2026-03-21");  /* 20 days */
  receive_from (ts, ts->supplier, ts->sugar, "SUG-47", ts->wh1, Q (10), "2026-02-01", "2026-03-20");  /* 47 days */
  receive_from (ts, ts->supplier, ts->sugar, "SUG-31", ts->wh1, Q (10), "2026-03-01", "2026-04-01");  /* 31 days */

  /* On 11 March: SUG-47 has 9 of 47 days (19 %), SUG-20 10 of 20 (exactly
   * 50 %), SUG-31 21 of 31. */
  a = allocate (ts, ts->customer2, ts->sugar, Q (15), "2026-03-11", LOTLINE_ALLOCATION_FEFO);
  picks = dup_picks (a);
  skips = dup_skips (a);
  g_assert_cmpstr (picks, ==, "SUG-20@WH1=10\nSUG-31@WH1=5\n");
  g_assert_cmpstr (skips, ==, "SUG-47:short-shelf-life\n");
  g_assert_nonnull (strstr (skip_at (a, 0)->message, "50%"));
  g_assert_nonnull (strstr (skip_at (a, 0)->message, "9 of its 47 days"));

  /* A day later SUG-20 has 9 of 20 days left, under half. */
  b = allocate (ts, ts->customer2, ts->sugar, Q (15), "2026-03-12", LOTLINE_ALLOCATION_FEFO);
  b_picks = dup_picks (b);
  b_skips = dup_skips (b);
  g_assert_cmpstr (b_picks, ==, "SUG-31@WH1=10\n");
  g_assert_cmpstr (b_skips, ==, "SUG-47:short-shelf-life\nSUG-20:short-shelf-life\n");
  g_assert_cmpint (b->shortfall, ==, Q (5));

  /* The rule itself: rounded up, never down. */
  g_assert_cmpint (lotline_shelf_life_policy_required_days (&half, 20), ==, 10);
  g_assert_cmpint (lotline_shelf_life_policy_required_days (&half, 21), ==, 11);
  g_assert_cmpint (lotline_shelf_life_policy_required_days (&half, -1), ==, -1);
  g_assert_true (lotline_shelf_life_policy_accepts (&half, 10, 20));
  g_assert_false (lotline_shelf_life_policy_accepts (&half, 10, 21));
  g_assert_false (lotline_shelf_life_policy_accepts (&half, 10, -1));
  g_assert_false (lotline_shelf_life_policy_accepts (&half, -1, 0));
}

static void
test_product_overrides_customer (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineAllocation) sugar = NULL, pectin = NULL, back = NULL;
  g_autoptr(GPtrArray) overrides = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sugar_picks = NULL, *pectin_skips = NULL, *back_skips = NULL;
  LotlineShelfLifePolicy policy;

  lotline_test_store_add_basics (ts);
  set_policy (ts, ts->customer2, 0, 60, -1);
  /* For sugar, Big Box takes a quarter of the shelf life: less strict. */
  set_policy (ts, ts->customer2, ts->sugar, -1, 25);
  receive_from (ts, ts->supplier, ts->sugar, "SUG-1", ts->wh1, Q (10), "2026-03-01", "2026-04-10");
  receive_from (ts, ts->supplier, ts->pectin, "PEC-1", ts->wh1, Q (10), "2026-03-01", "2026-04-10");

  g_assert_true (lotline_store_get_shelf_life_policy (ts->store, ts->customer2, ts->sugar, &policy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (policy.level, ==, LOTLINE_POLICY_PRODUCT);
  g_assert_cmpint (policy.min_days, ==, -1);
  g_assert_cmpint (policy.min_percent, ==, 25);
  g_assert_true (lotline_store_get_shelf_life_policy (ts->store, ts->customer2, ts->pectin, &policy, &error));
  g_assert_cmpint (policy.level, ==, LOTLINE_POLICY_CUSTOMER);
  g_assert_cmpint (policy.min_days, ==, 60);

  /* 31 of 40 days left: enough under the sugar policy, not under 60 days. */
  sugar = allocate (ts, ts->customer2, ts->sugar, Q (4), "2026-03-10", LOTLINE_ALLOCATION_FEFO);
  sugar_picks = dup_picks (sugar);
  g_assert_cmpstr (sugar_picks, ==, "SUG-1@WH1=4\n");
  g_assert_cmpint (sugar->policy.level, ==, LOTLINE_POLICY_PRODUCT);
  pectin = allocate (ts, ts->customer2, ts->pectin, Q (4), "2026-03-10", LOTLINE_ALLOCATION_FEFO);
  pectin_skips = dup_skips (pectin);
  g_assert_cmpstr (pectin_skips, ==, "PEC-1:short-shelf-life\n");

  overrides = lotline_store_list_shelf_life_overrides (ts->store, ts->customer2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overrides->len, ==, 1);
  g_assert_cmpstr (((LotlineShelfLifeOverride *) g_ptr_array_index (overrides, 0))->product_sku, ==, "RAW-SUGAR");

  /* Removing the product policy brings the customer's back. */
  set_policy (ts, ts->customer2, ts->sugar, -1, -1);
  back = allocate (ts, ts->customer2, ts->sugar, Q (4), "2026-03-10", LOTLINE_ALLOCATION_FEFO);
  back_skips = dup_skips (back);
  g_assert_cmpstr (back_skips, ==, "SUG-1:short-shelf-life\n");
  g_assert_cmpint (back->policy.level, ==, LOTLINE_POLICY_CUSTOMER);
}

static void
test_split (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineAllocation) a = NULL;
  g_autofree char *picks = NULL;
  gint64 later;

  lotline_test_store_add_basics (ts);
  later = receive_from (ts, ts->supplier, ts->sugar, "SUG-LATER", ts->wh1, Q (50), "2026-03-01", "2026-05-01");
  transfer (ts, later, ts->wh1, ts->wh2, Q (30), "2026-03-02");
  receive_from (ts, ts->supplier, ts->sugar, "SUG-SOONER", ts->wh2, Q (30), "2026-03-03", "2026-04-01");

  a = allocate (ts, ts->customer, ts->sugar, Q (70), "2026-03-10", LOTLINE_ALLOCATION_FEFO);
  picks = dup_picks (a);
  g_assert_cmpstr (picks, ==, "SUG-SOONER@WH2=30\nSUG-LATER@WH1=20\nSUG-LATER@WH2=20\n");
  g_assert_cmpint (a->allocated, ==, Q (70));
  g_assert_cmpint (a->shortfall, ==, 0);
  g_assert_cmpuint (a->skipped->len, ==, 0);
  g_assert_cmpint (g_array_index (a->picks, LotlineAllocationPick, 1).days_left, ==, 52);
}

static void
test_skips (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineAllocation) a = NULL;
  g_autofree char *picks = NULL, *skips = NULL;
  gint64 held, parked;

  lotline_test_store_add_basics (ts);
  receive_from (ts, ts->supplier, ts->sugar, "SUG-OLD", ts->wh1, Q (5), "2026-01-01", "2026-03-01");
  receive_from (ts, ts->supplier, ts->sugar, "SUG-RECALLED", ts->wh1, Q (5), "2026-03-01", "2026-04-01");
  held = receive_from (ts, ts->supplier, ts->sugar, "SUG-HELD", ts->wh1, Q (5), "2026-03-01", "2026-04-02");
  parked = receive_from (ts, ts->supplier, ts->sugar, "SUG-PARKED", ts->wh1, Q (5), "2026-03-01", "2026-04-03");
  receive_from (ts, ts->supplier, ts->sugar, "SUG-GOOD", ts->wh1, Q (5), "2026-03-01", "2026-04-04");

  {
    LotlineLineSpec line = { .role = LOTLINE_LINE_SUBJECT, .lot_id = held };

    record (ts, LOTLINE_EVENT_QUARANTINE, "2026-03-02", "Seal broken", &line, 1);
  }
  /* Two of SUG-PARKED's five wait in the quarantine cage. */
  transfer (ts, parked, ts->wh1, ts->quarantine, Q (2), "2026-03-02");
  /* The recall engine sets this status; here it is set by hand. */
  exec_sql (ts, "UPDATE lot SET status = 'recalled' WHERE code = 'SUG-RECALLED'");

  a = allocate (ts, ts->customer, ts->sugar, Q (20), "2026-03-10", LOTLINE_ALLOCATION_FEFO);
  picks = dup_picks (a);
  skips = dup_skips (a);
  g_assert_cmpstr (picks, ==, "SUG-PARKED@WH1=3\nSUG-GOOD@WH1=5\n");
  g_assert_cmpstr (skips, ==,
                   "SUG-OLD:expired\n"
                   "SUG-RECALLED:recalled\n"
                   "SUG-HELD:quarantined\n"
                   "SUG-PARKED@QUAR:location\n");
  g_assert_cmpint (skip_at (a, 3)->quantity, ==, Q (2));
  g_assert_cmpint (skip_at (a, 3)->location_id, ==, ts->quarantine);
  g_assert_cmpint (skip_at (a, 0)->location_id, ==, 0);
  g_assert_cmpint (skip_at (a, 1)->reason, ==, LOTLINE_SKIP_RECALLED);
  g_assert_cmpint (skip_at (a, 2)->reason, ==, LOTLINE_SKIP_QUARANTINED);
  g_assert_cmpint (a->allocated, ==, Q (8));
  g_assert_cmpint (a->shortfall, ==, Q (12));
}

static void
test_shortfall (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineAllocation) some = NULL, none = NULL;
  g_autoptr(GError) error = NULL;
  LotlineAllocation *bad = NULL;

  lotline_test_store_add_basics (ts);
  receive_from (ts, ts->supplier, ts->sugar, "SUG-1", ts->wh1, Q (40), "2026-03-01", "2026-05-01");

  some = allocate (ts, ts->customer, ts->sugar, Q (60), "2026-03-10", LOTLINE_ALLOCATION_FEFO);
  g_assert_cmpint (some->allocated, ==, Q (40));
  g_assert_cmpint (some->shortfall, ==, Q (20));
  g_assert_cmpstr (some->shortfall_message, ==,
                   "Only 40 of the 60 kg of RAW-SUGAR ordered can be allocated for delivery to Corner Grocery on 2026-03-10: 20 kg short.");

  none = allocate (ts, ts->customer, ts->pectin, Q (1), "2026-03-10", LOTLINE_ALLOCATION_FEFO);
  g_assert_cmpint (none->allocated, ==, 0);
  g_assert_cmpint (none->shortfall, ==, Q (1));
  g_assert_nonnull (strstr (none->shortfall_message, "RAW-PECTIN"));

  /* Asking wrongly is an error, not a shortfall. */
  g_assert_false (lotline_store_allocate (ts->store, ts->customer, ts->sugar, 0, "2026-03-10",
                                          LOTLINE_ALLOCATION_FEFO, &bad, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID_QUANTITY);
  g_clear_error (&error);
  g_assert_false (lotline_store_allocate (ts->store, ts->customer, ts->sugar, Q (1), "2026-02-30",
                                          LOTLINE_ALLOCATION_FEFO, &bad, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID_DATE);
  g_clear_error (&error);
  g_assert_false (lotline_store_allocate (ts->store, ts->supplier, ts->sugar, Q (1), "2026-03-10",
                                          LOTLINE_ALLOCATION_FEFO, &bad, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_WRONG_PARTY);
  g_clear_error (&error);
  g_assert_false (lotline_store_allocate (ts->store, ts->customer, 999, Q (1), "2026-03-10",
                                          LOTLINE_ALLOCATION_FEFO, &bad, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PRODUCT);
  g_assert_null (bad);
}

static void
test_fifo (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineAllocation) fefo = NULL, fifo = NULL;
  g_autofree char *fefo_picks = NULL, *fifo_picks = NULL;

  lotline_test_store_add_basics (ts);
  /* The newer lot expires first. */
  receive_from (ts, ts->supplier, ts->sugar, "SUG-OLDER", ts->wh1, Q (8), "2026-03-01", "2026-05-01");
  receive_from (ts, ts->supplier, ts->sugar, "SUG-NEWER", ts->wh1, Q (8), "2026-03-05", "2026-04-01");

  fefo = allocate (ts, ts->customer, ts->sugar, Q (10), "2026-03-10", LOTLINE_ALLOCATION_FEFO);
  fifo = allocate (ts, ts->customer, ts->sugar, Q (10), "2026-03-10", LOTLINE_ALLOCATION_FIFO);
  fefo_picks = dup_picks (fefo);
  fifo_picks = dup_picks (fifo);
  g_assert_cmpstr (fefo_picks, ==, "SUG-NEWER@WH1=8\nSUG-OLDER@WH1=2\n");
  g_assert_cmpstr (fifo_picks, ==, "SUG-OLDER@WH1=8\nSUG-NEWER@WH1=2\n");
  g_assert_cmpstr (g_array_index (fifo->picks, LotlineAllocationPick, 0).dated_on, ==, "2026-03-01");
}

/* ---- policies ---------------------------------------------------------- */

static void
test_policy_rules (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(GError) error = NULL;
  LotlinePartySpec spec = {
    .code = "CUS-PCT", .name = "Percent Mart", .kind = LOTLINE_PARTY_CUSTOMER,
    .min_shelf_life_days = -1, .min_shelf_life_percent = 40,
  };
  LotlineShelfLifePolicy policy;
  gint64 id = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  lotline_test_store_add_basics (ts);

  /* A customer created with a percentage has it as its own policy. */
  g_assert_true (lotline_store_add_party (ts->store, &spec, &id, &error));
  g_assert_no_error (error);
  g_assert_true (lotline_store_get_shelf_life_policy (ts->store, id, ts->sugar, &policy, &error));
  g_assert_cmpint (policy.level, ==, LOTLINE_POLICY_CUSTOMER);
  g_assert_cmpint (policy.min_days, ==, -1);
  g_assert_cmpint (policy.min_percent, ==, 40);

  spec.code = "CUS-BAD";
  spec.min_shelf_life_percent = 101;
  g_assert_false (lotline_store_add_party (ts->store, &spec, NULL, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (lotline_store_set_shelf_life_policy (ts->store, ts->customer, 0, -1, 120, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lotline_store_set_shelf_life_policy (ts->store, ts->customer, 0, -5, -1, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lotline_store_set_shelf_life_policy (ts->store, ts->supplier, 0, 10, -1, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_WRONG_PARTY);
  g_clear_error (&error);
  g_assert_false (lotline_store_set_shelf_life_policy (ts->store, 999, 0, 10, -1, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PARTY);
  g_clear_error (&error);
  g_assert_false (lotline_store_set_shelf_life_policy (ts->store, ts->customer, 999, 10, -1, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PRODUCT);
  g_clear_error (&error);

  /* Both rules at one level: both must hold.  Clearing leaves none. */
  set_policy (ts, ts->customer, 0, 20, 30);
  g_assert_true (lotline_store_get_shelf_life_policy (ts->store, ts->customer, 0, &policy, &error));
  g_assert_cmpint (policy.min_days, ==, 20);
  g_assert_cmpint (policy.min_percent, ==, 30);
  g_assert_cmpint (lotline_shelf_life_policy_required_days (&policy, 100), ==, 30);
  g_assert_cmpint (lotline_shelf_life_policy_required_days (&policy, 10), ==, 20);
  set_policy (ts, ts->customer, 0, -1, -1);
  g_assert_true (lotline_store_get_shelf_life_policy (ts->store, ts->customer, 0, &policy, &error));
  g_assert_cmpint (policy.level, ==, LOTLINE_POLICY_NONE);

  /* Every change is in the audit log. */
  set_policy (ts, ts->customer, ts->sugar, 5, -1);
  set_policy (ts, ts->customer, ts->sugar, 7, -1);
  set_policy (ts, ts->customer, ts->sugar, -1, -1);
  g_assert_cmpint (sqlite3_open (ts->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT group_concat (action || ' ' || entity || ' ' || coalesce (new_value, '-'), '|')"
                                       " FROM (SELECT * FROM audit WHERE entity IN ('shelf_life_policy') OR action = 'update'"
                                       " ORDER BY id)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                   "update party {\"min_shelf_life_days\":20,\"min_shelf_life_percent\":30}|"
                   "update party {}|"
                   "create shelf_life_policy {\"product_id\":2,\"min_shelf_life_days\":5}|"
                   "update shelf_life_policy {\"product_id\":2,\"min_shelf_life_days\":7}|"
                   "delete shelf_life_policy -");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* ---- expiry views ------------------------------------------------------ */

/* The calendar as "date n unit=qty …" lines. */
static char *
dup_calendar (LotlineTestStore *ts, const LotlineLotQuery *filter, const char *from, const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) days = lotline_store_expiry_calendar (ts->store, filter, from, to, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < days->len; i++)
    {
      const LotlineExpiryDay *day = g_ptr_array_index (days, i);

      g_string_append_printf (text, "%s %u", day->date, day->n_lots);
      for (guint u = 0; u < day->quantities->len; u++)
        {
          const LotlineUnitQuantity *q = &g_array_index (day->quantities, LotlineUnitQuantity, u);
          g_autofree char *quantity = lotline_quantity_format (q->quantity);

          g_string_append_printf (text, " %s=%s", q->unit, quantity);
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/* The same, counted straight from the tables with SQL of its own. */
static char *
dup_direct_count (LotlineTestStore *ts, const char *where)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT d, sum (n), group_concat (unit || '=' || q, ' ') FROM ("
    " SELECT lot.expires_on AS d, product.unit AS unit, count(DISTINCT lot.id) AS n, sum (stock.quantity) AS q"
    " FROM lot JOIN product ON product.id = lot.product_id JOIN stock ON stock.lot_id = lot.id"
    " JOIN location ON location.id = stock.location_id"
    " WHERE lot.expires_on BETWEEN '2026-03-01' AND '2026-04-30' AND %s"
    " GROUP BY 1, 2 ORDER BY 1, 2) GROUP BY d ORDER BY d", where);
  GString *text = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (ts->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_auto(GStrv) parts = g_strsplit ((const char *) sqlite3_column_text (stmt, 2), " ", -1);

      g_string_append_printf (text, "%s %d", sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1));
      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *eq = strchr (parts[i], '=');
          g_autofree char *quantity = lotline_quantity_format (g_ascii_strtoll (eq + 1, NULL, 10));

          *eq = '\0';
          g_string_append_printf (text, " %s=%s", parts[i], quantity);
        }
      g_string_append_c (text, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (text, FALSE);
}

static void
build_expiry_spread (LotlineTestStore *ts)
{
  lotline_test_store_add_basics (ts);
  /* Forty lots of three products over two months, some at both warehouses,
   * some from the second supplier, a few used up. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *code = g_strdup_printf ("L-%02u", i);
      g_autofree char *expires = lotline_date_add_days ("2026-03-01", (int) (i * 7 % 45));
      gint64 product = i % 3 == 0 ? ts->jam_jar : i % 3 == 1 ? ts->sugar : ts->pectin;
      gint64 supplier = i % 4 == 0 ? ts->supplier2 : ts->supplier;
      gint64 lot = receive_from (ts, supplier, product, code, ts->wh1, Q (10 + i), "2026-02-01", expires);

      if (i % 5 == 0)
        transfer (ts, lot, ts->wh1, ts->wh2, Q (4), "2026-02-02");
      if (i % 11 == 0)
        lotline_test_ship (ts, ts->customer, lot, ts->wh1, lotline_store_get_on_hand (ts->store, lot, ts->wh1),
                           "2026-02-03");
    }
}

static void
test_calendar (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *all = NULL, *all_direct = NULL, *jar = NULL, *jar_direct = NULL;
  g_autofree char *wh2 = NULL, *wh2_direct = NULL, *sup2 = NULL, *sup2_direct = NULL, *window = NULL;
  LotlineLotQuery filter;

  build_expiry_spread (ts);

  all = dup_calendar (ts, NULL, "2026-03-01", "2026-04-30");
  all_direct = dup_direct_count (ts, "1");
  g_assert_cmpstr (all, ==, all_direct);
  g_assert_cmpuint (strlen (all), >, 100);

  lotline_lot_query_init (&filter, "2026-03-01");
  filter.product_id = ts->jam_jar;
  jar = dup_calendar (ts, &filter, "2026-03-01", "2026-04-30");
  jar_direct = dup_direct_count (ts, "lot.product_id = 5");
  g_assert_cmpstr (jar, ==, jar_direct);
  g_assert_null (strstr (jar, "kg="));

  /* A warehouse counts only the stock in it. */
  lotline_lot_query_init (&filter, "2026-03-01");
  filter.location_id = ts->wh2;
  wh2 = dup_calendar (ts, &filter, "2026-03-01", "2026-04-30");
  wh2_direct = dup_direct_count (ts, "location.code = 'WH2'");
  g_assert_cmpstr (wh2, ==, wh2_direct);
  g_assert_cmpuint (strlen (wh2), >, 0);

  lotline_lot_query_init (&filter, "2026-03-01");
  filter.supplier_id = ts->supplier2;
  filter.product_kind = LOTLINE_PRODUCT_RAW;
  sup2 = dup_calendar (ts, &filter, "2026-03-01", "2026-04-30");
  sup2_direct = dup_direct_count (ts, "lot.supplier_id = 2 AND product.kind = 'raw'");
  g_assert_cmpstr (sup2, ==, sup2_direct);

  /* The range is inclusive at both ends. */
  window = dup_calendar (ts, NULL, "2026-03-08", "2026-03-08");
  g_assert_cmpstr (window, ==, "2026-03-08 1 kg=11\n");
}

static void
test_lists (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) soon = NULL, expired = NULL;
  LotlineLotQuery query;
  guint count = 0;

  lotline_test_store_add_basics (ts);
  receive_from (ts, ts->supplier, ts->sugar, "SUG-GONE", ts->wh1, Q (5), "2026-01-01", "2026-03-04");
  receive_from (ts, ts->supplier, ts->sugar, "SUG-TODAY", ts->wh1, Q (5), "2026-01-01", "2026-03-05");
  receive_from (ts, ts->supplier, ts->sugar, "SUG-WEEK", ts->wh1, Q (5), "2026-01-01", "2026-03-12");
  receive_from (ts, ts->supplier, ts->sugar, "SUG-LATER", ts->wh1, Q (5), "2026-01-01", "2026-03-13");

  lotline_lot_query_init_expiring (&query, "2026-03-05", 7);
  g_assert_true (lotline_store_count_lots (ts->store, &query, &count, &error));
  g_assert_cmpuint (count, ==, 2);
  soon = lotline_store_query_lots (ts->store, &query, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((LotlineLotRow *) g_ptr_array_index (soon, 0))->code, ==, "SUG-TODAY");
  g_assert_cmpstr (((LotlineLotRow *) g_ptr_array_index (soon, 1))->code, ==, "SUG-WEEK");

  lotline_lot_query_init_expired_on_hand (&query, "2026-03-05");
  expired = lotline_store_query_lots (ts->store, &query, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expired->len, ==, 1);
  g_assert_cmpstr (((LotlineLotRow *) g_ptr_array_index (expired, 0))->code, ==, "SUG-GONE");
  g_assert_cmpint (((LotlineLotRow *) g_ptr_array_index (expired, 0))->days_left, ==, -1);
}

/* ---- write-off and waste ----------------------------------------------- */

static void
test_write_off (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLot) lot = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  gint64 old, fresh;

  lotline_test_store_add_basics (ts);
  old = receive_from (ts, ts->supplier, ts->sugar, "SUG-OLD", ts->wh1, Q (30), "2026-01-01", "2026-03-01");
  transfer (ts, old, ts->wh1, ts->wh2, Q (10), "2026-01-02");
  fresh = receive_from (ts, ts->supplier, ts->sugar, "SUG-FRESH", ts->wh1, Q (30), "2026-01-01", "2026-03-10");

  /* Not expired until the day after its expiry date. */
  g_assert_false (lotline_store_write_off_expired (ts->store, fresh, 0, lotline_test_date ("2026-03-10"), &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-03-11"));
  g_clear_error (&error);
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, fresh, 0), ==, Q (30));

  /* One location first, then the rest. */
  g_assert_true (lotline_store_write_off_expired (ts->store, old, ts->wh2, lotline_test_date ("2026-03-02"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, old, ts->wh2), ==, 0);
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, old, ts->wh1), ==, Q (20));
  g_assert_false (lotline_store_write_off_expired (ts->store, old, ts->wh2, lotline_test_date ("2026-03-02"), &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (lotline_store_write_off_expired (ts->store, old, 0, lotline_test_date ("2026-03-03"), &error));
  g_assert_no_error (error);

  lot = lotline_store_get_lot (ts->store, old, &error);
  g_assert_cmpint (lot->on_hand, ==, 0);
  g_assert_cmpint (lot->status, ==, LOTLINE_LOT_DESTROYED);

  timeline = lotline_store_get_lot_timeline (ts->store, old, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 5);
  for (guint i = 3; i < 5; i++)
    {
      const LotlineTimelineEntry *entry = g_ptr_array_index (timeline, i);

      g_assert_cmpint (entry->kind, ==, LOTLINE_EVENT_DESTROY);
      g_assert_cmpstr (entry->reason, ==, "expired");
      g_assert_cmpint (entry->role, ==, LOTLINE_LINE_INPUT);
    }
  g_assert_cmpint (((LotlineTimelineEntry *) g_ptr_array_index (timeline, 3))->location_id, ==, ts->wh2);
  g_assert_cmpint (((LotlineTimelineEntry *) g_ptr_array_index (timeline, 4))->quantity, ==, Q (20));

  {
    g_autoptr(GArray) mismatches = lotline_store_check_stock (ts->store, &error);

    g_assert_cmpuint (mismatches->len, ==, 0);
  }
}

/* Expired stock written off over a year, to report on:
 *
 *   2025-02-28  RAW-BERRY  SUP-1  WH1    2 kg   (before the twelve months)
 *   2025-03-01  RAW-BERRY  SUP-1  WH1    1 kg    3.20
 *   2026-01-15  RAW-BERRY  SUP-1  WH1   10 kg   32.00
 *   2026-02-03  RAW-BERRY  SUP-2  WH2  5.5 kg   17.60
 *   2026-02-20  FIN-JAM    own    WH1   12 jar  22.20
 *   2026-02-10  RAW-BERRY  SUP-1  WH1    2 kg   destroyed as damaged: not waste to expiry
 */
static void
build_waste (LotlineTestStore *ts)
{
  gint64 berry = add_product (ts, "RAW-BERRY", "kg", 10, 3200);
  gint64 jam = add_product (ts, "FIN-JAM", "jar", 30, 1850);
  gint64 lots[6], input_qty = Q (2);
  g_autoptr(GError) error = NULL;

  lots[0] = receive_from (ts, ts->supplier, berry, "B-EARLY", ts->wh1, Q (2), "2025-02-01", "2025-02-20");
  lots[1] = receive_from (ts, ts->supplier, berry, "B-MAR", ts->wh1, Q (1), "2025-02-01", "2025-02-20");
  lots[2] = receive_from (ts, ts->supplier, berry, "B-JAN", ts->wh1, Q (10), "2026-01-01", "2026-01-10");
  lots[3] = receive_from (ts, ts->supplier2, berry, "B-FEB", ts->wh2, 5500, "2026-01-20", "2026-01-30");
  lots[4] = receive_from (ts, ts->supplier, berry, "B-INPUT", ts->wh1, Q (2), "2026-01-25", "2026-02-10");
  lots[5] = lotline_test_produce (ts, &lots[4], &input_qty, 1, jam, "JAM-1", Q (12), "2026-01-26");

  g_assert_true (lotline_store_write_off_expired (ts->store, lots[0], 0, lotline_test_date ("2025-02-28"), &error));
  g_assert_true (lotline_store_write_off_expired (ts->store, lots[1], 0, lotline_test_date ("2025-03-01"), &error));
  g_assert_true (lotline_store_write_off_expired (ts->store, lots[2], 0, lotline_test_date ("2026-01-15"), &error));
  g_assert_true (lotline_store_write_off_expired (ts->store, lots[3], 0, lotline_test_date ("2026-02-03"), &error));
  g_assert_true (lotline_store_write_off_expired (ts->store, lots[5], 0, lotline_test_date ("2026-02-20"), &error));
  g_assert_no_error (error);

  {
    gint64 damaged = receive_from (ts, ts->supplier, berry, "B-DAMAGED", ts->wh1, Q (2), "2026-02-01", "2026-02-05");
    LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = damaged, .location_id = ts->wh1, .quantity = Q (2) };

    record (ts, LOTLINE_EVENT_DESTROY, "2026-02-10", "damaged", &line, 1);
  }
}

/* A series as "key/label/unit: month=quantity:value …" over the months that
 * have any, and its totals. */
static char *
dup_series (const LotlineWasteReport *report)
{
  GString *text = g_string_new (NULL);

  for (guint s = 0; s < report->series->len; s++)
    {
      const LotlineWasteSeries *series = g_ptr_array_index (report->series, s);
      g_autofree char *total = lotline_quantity_format (series->total_value);

      g_string_append_printf (text, "%s/%s/%s:", series->key, series->label, series->unit);
      for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
        if (series->quantity[m] != 0)
          {
            g_autofree char *quantity = lotline_quantity_format (series->quantity[m]);
            g_autofree char *value = lotline_quantity_format (series->value[m]);

            g_string_append_printf (text, " %s=%s:%s", report->months[m], quantity, value);
          }
      g_string_append_printf (text, " total %s\n", total);
    }
  return g_string_free (text, FALSE);
}

static LotlineWasteReport *
waste (LotlineTestStore *ts, LotlineWasteGrouping grouping)
{
  g_autoptr(GError) error = NULL;
  LotlineWasteReport *report = lotline_store_waste_report (ts->store, grouping, "2026-02", &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_waste (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineWasteReport) by_product = NULL, by_supplier = NULL, by_location = NULL;
  g_autofree char *products = NULL, *suppliers = NULL, *locations = NULL;
  g_autoptr(GError) error = NULL;

  lotline_test_store_add_basics (ts);
  build_waste (ts);

  by_product = waste (ts, LOTLINE_WASTE_BY_PRODUCT);
  g_assert_cmpstr (by_product->months[0], ==, "2025-03");
  g_assert_cmpstr (by_product->months[11], ==, "2026-02");
  products = dup_series (by_product);
  g_assert_cmpstr (products, ==,
                   "RAW-BERRY/RAW-BERRY/kg: 2025-03=1:3.2 2026-01=10:32 2026-02=5.5:17.6 total 52.8\n"
                   "FIN-JAM/FIN-JAM/jar: 2026-02=12:22.2 total 22.2\n");
  g_assert_cmpint (by_product->total_value, ==, 75000);
  g_assert_cmpint (by_product->month_value[11], ==, 39800);
  g_assert_cmpint (by_product->month_value[10], ==, 32000);
  g_assert_cmpint (by_product->month_value[0], ==, 3200);

  by_supplier = waste (ts, LOTLINE_WASTE_BY_SUPPLIER);
  suppliers = dup_series (by_supplier);
  g_assert_cmpstr (suppliers, ==,
                   "SUP-1/Berry Farms/kg: 2025-03=1:3.2 2026-01=10:32 total 35.2\n"
                   "/Made in house/jar: 2026-02=12:22.2 total 22.2\n"
                   "SUP-2/Sweet Co/kg: 2026-02=5.5:17.6 total 17.6\n");

  by_location = waste (ts, LOTLINE_WASTE_BY_LOCATION);
  locations = dup_series (by_location);
  g_assert_cmpstr (locations, ==,
                   "WH1/WH1/kg: 2025-03=1:3.2 2026-01=10:32 total 35.2\n"
                   "WH1/WH1/jar: 2026-02=12:22.2 total 22.2\n"
                   "WH2/WH2/kg: 2026-02=5.5:17.6 total 17.6\n");

  /* Nothing before or after the twelve months; a bad month is refused. */
  {
    g_autoptr(LotlineWasteReport) later = lotline_store_waste_report (ts->store, LOTLINE_WASTE_BY_PRODUCT, "2027-03",
                                                                      &error);
    g_assert_no_error (error);
    g_assert_cmpuint (later->series->len, ==, 0);
    g_assert_cmpint (later->total_value, ==, 0);
    g_assert_null (lotline_store_waste_report (ts->store, LOTLINE_WASTE_BY_PRODUCT, "2026-13", &error));
    g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID_DATE);
  }
}

static void
test_waste_csv (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineWasteReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL, *path = NULL, *written = NULL;
  g_auto(GStrv) lines = NULL;

  lotline_test_store_add_basics (ts);
  /* A supplier name that needs quoting. */
  exec_sql (ts, "UPDATE party SET name = 'Sweet Co, \"the\" sugar people' WHERE code = 'SUP-2'");
  build_waste (ts);

  report = waste (ts, LOTLINE_WASTE_BY_SUPPLIER);
  csv = lotline_waste_report_to_csv (report);
  lines = g_strsplit (csv, "\n", -1);
  /* A header, twelve months of three series, and the final line end. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 12 * 3 + 1);
  g_assert_cmpstr (lines[0], ==, "month,supplier,name,unit,quantity,value");
  g_assert_cmpstr (lines[1], ==, "2025-03,SUP-1,Berry Farms,kg,1,3.2");
  g_assert_cmpstr (lines[2], ==, "2025-03,,Made in house,jar,0,0");
  g_assert_cmpstr (lines[3], ==, "2025-03,SUP-2,\"Sweet Co, \"\"the\"\" sugar people\",kg,0,0");
  g_assert_cmpstr (lines[34], ==, "2026-02,SUP-1,Berry Farms,kg,0,0");
  g_assert_cmpstr (lines[35], ==, "2026-02,,Made in house,jar,12,22.2");
  g_assert_cmpstr (lines[36], ==, "2026-02,SUP-2,\"Sweet Co, \"\"the\"\" sugar people\",kg,5.5,17.6");
  g_assert_cmpstr (lines[37], ==, "");

  path = g_build_filename (ts->dir, "waste.csv", NULL);
  g_assert_true (lotline_waste_report_write_csv (report, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, csv);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lotline/expiry/expires-today", test_expires_today);
  g_test_add_func ("/lotline/expiry/policy-days", test_policy_days);
  g_test_add_func ("/lotline/expiry/policy-percent", test_policy_percent);
  g_test_add_func ("/lotline/expiry/product-overrides-customer", test_product_overrides_customer);
  g_test_add_func ("/lotline/expiry/split", test_split);
  g_test_add_func ("/lotline/expiry/skips", test_skips);
  g_test_add_func ("/lotline/expiry/shortfall", test_shortfall);
  g_test_add_func ("/lotline/expiry/fifo", test_fifo);
  g_test_add_func ("/lotline/expiry/policy-rules", test_policy_rules);
  g_test_add_func ("/lotline/expiry/calendar", test_calendar);
  g_test_add_func ("/lotline/expiry/lists", test_lists);
  g_test_add_func ("/lotline/expiry/write-off", test_write_off);
  g_test_add_func ("/lotline/expiry/waste", test_waste);
  g_test_add_func ("/lotline/expiry/waste-csv", test_waste_csv);
  return g_test_run ();
}
