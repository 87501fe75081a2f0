/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sqlite3.h>

#include "lotline-demo.h"
#include "lotline-query.h"
#include "lotline-test-util.h"

#define TODAY "2026-03-05"

/* Lots: F-1 (fruit, 60 kg at WH1, expires 03-11), F-2 (fruit, all shipped),
 * S-1 (sugar, 20 kg at WH2, expired 03-04), B-1 (base from F-1, at WH1,
 * quarantined), J-1 (jars from B-1, 40 at WH1 and 20 at WH2). */
static LotlineTestStore *
fixture (void)
{
  LotlineTestStore *ts = lotline_test_store_new ();
  gint64 f1, f2, s1, b1, in[1], q[1];
  LotlineLineSpec line = { .role = LOTLINE_LINE_SUBJECT };
  LotlineEventSpec quarantine = { .kind = LOTLINE_EVENT_QUARANTINE, .reason = "Foreign body",
                                  .occurred_at = lotline_test_date ("2026-03-04"), .lines = &line, .n_lines = 1 };
  g_autoptr(GError) error = NULL;

  lotline_test_store_add_basics (ts);
  f1 = lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 100000, "2026-03-01", NULL);
  f2 = lotline_test_receive (ts, ts->fruit, "F-2", ts->wh1, 5000, "2026-03-01", NULL);
  s1 = lotline_test_receive (ts, ts->sugar, "S-1", ts->wh1, 20000, "2026-03-01", "2026-03-04");
  lotline_test_ship (ts, ts->customer, f2, ts->wh1, 5000, "2026-03-02");
  {
    LotlineLineSpec pair[] = {
      { .role = LOTLINE_LINE_INPUT, .lot_id = s1, .location_id = ts->wh1, .quantity = 20000 },
      { .role = LOTLINE_LINE_OUTPUT, .lot_id = s1, .location_id = ts->wh2, .quantity = 20000 },
    };
    LotlineEventSpec transfer = { .kind = LOTLINE_EVENT_TRANSFER, .occurred_at = lotline_test_date ("2026-03-02"),
                                  .lines = pair, .n_lines = 2 };
    g_assert_true (lotline_store_record_event (ts->store, &transfer, NULL, &error));
    g_assert_no_error (error);
  }
  in[0] = f1;
  q[0] = 40000;
  b1 = lotline_test_produce (ts, in, q, 1, ts->jam_base, "B-1", 38000, "2026-03-02");
  in[0] = b1;
  q[0] = 20000;
  lotline_test_produce (ts, in, q, 1, ts->jam_jar, "J-1", 60000, "2026-03-03");
  {
    gint64 jar;
    LotlineLineSpec pair[2];
    LotlineEventSpec transfer = { .kind = LOTLINE_EVENT_TRANSFER, .occurred_at = lotline_test_date ("2026-03-03"),
                                  .lines = pair, .n_lines = 2 };

    g_assert_true (lotline_store_find_lot (ts->store, NULL, "J-1", &jar, NULL));
    pair[0] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = jar, .location_id = ts->wh1, .quantity = 20000 };
    pair[1] = (LotlineLineSpec) { .role = LOTLINE_LINE_OUTPUT, .lot_id = jar, .location_id = ts->wh2, .quantity = 20000 };
    g_assert_true (lotline_store_record_event (ts->store, &transfer, NULL, &error));
    g_assert_no_error (error);
  }
  line.lot_id = b1;
  g_assert_true (lotline_store_record_event (ts->store, &quarantine, NULL, &error));
  g_assert_no_error (error);
  return ts;
}

/* The codes of every row of @query, in order, comma-separated. */
static char *
codes (LotlineTestStore *ts, const LotlineLotQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lotline_store_query_lots (ts->store, query, 0, 1000, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  guint count = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      LotlineLotRow *row = g_ptr_array_index (rows, i);
      g_string_append_printf (out, "%s%s", i ? "," : "", row->code);
    }
  g_assert_true (lotline_store_count_lots (ts->store, query, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, rows->len);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_all_sorted (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  LotlineLotQuery query;
  g_autofree char *by_code = NULL, *by_code_desc = NULL, *by_expiry = NULL, *by_hand = NULL;

  lotline_lot_query_init (&query, TODAY);
  by_code = codes (ts, &query);
  g_assert_cmpstr (by_code, ==, "B-1,F-1,F-2,J-1,S-1");

  query.descending = TRUE;
  by_code_desc = codes (ts, &query);
  g_assert_cmpstr (by_code_desc, ==, "S-1,J-1,F-2,F-1,B-1");

  /* B-1 and J-1 inherit F-1's expiry (03-11); ties go by id. */
  query.descending = FALSE;
  query.sort = LOTLINE_LOT_SORT_EXPIRES;
  by_expiry = codes (ts, &query);
  g_assert_cmpstr (by_expiry, ==, "S-1,F-1,F-2,B-1,J-1");

  /* F-1 (60 kg) and J-1 (60 jars) tie; ties follow the id, newest first here. */
  query.sort = LOTLINE_LOT_SORT_ON_HAND;
  query.descending = TRUE;
  by_hand = codes (ts, &query);
  g_assert_cmpstr (by_hand, ==, "J-1,F-1,S-1,B-1,F-2");
}

static void
test_row_fields (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  LotlineLotQuery query;
  g_autoptr(GPtrArray) rows = NULL;
  LotlineLotRow *jar, *sugar;

  lotline_lot_query_init (&query, TODAY);
  rows = lotline_store_query_lots (ts->store, &query, 3, 2, NULL);
  g_assert_cmpuint (rows->len, ==, 2);
  jar = g_ptr_array_index (rows, 0);
  sugar = g_ptr_array_index (rows, 1);

  g_assert_cmpstr (jar->code, ==, "J-1");
  g_assert_cmpstr (jar->product_sku, ==, "FIN-JAR");
  g_assert_cmpstr (jar->unit, ==, "jar");
  g_assert_cmpint (jar->on_hand, ==, 60000);
  g_assert_cmpstr (jar->locations, ==, "WH1, WH2");
  g_assert_cmpint (jar->days_left, ==, 6);
  g_assert_cmpint (jar->status, ==, LOTLINE_LOT_RELEASED);
  g_assert_null (jar->supplier_name);

  /* Past its expiry date, a released lot is effectively expired. */
  g_assert_cmpstr (sugar->code, ==, "S-1");
  g_assert_cmpint (sugar->status, ==, LOTLINE_LOT_EXPIRED);
  g_assert_cmpint (sugar->days_left, ==, -1);
  g_assert_cmpstr (sugar->supplier_name, ==, "Berry Farms");
}

static void
test_filters (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  LotlineLotQuery query;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL, *g = NULL, *h = NULL;

  lotline_lot_query_init (&query, TODAY);
  query.on_hand_only = TRUE;
  a = codes (ts, &query);
  g_assert_cmpstr (a, ==, "B-1,F-1,J-1,S-1");

  lotline_lot_query_init (&query, TODAY);
  query.status_mask = LOTLINE_STATUS_BIT (LOTLINE_LOT_QUARANTINED) | LOTLINE_STATUS_BIT (LOTLINE_LOT_EXPIRED);
  b = codes (ts, &query);
  g_assert_cmpstr (b, ==, "B-1,S-1");

  lotline_lot_query_init (&query, TODAY);
  query.product_kind = LOTLINE_PRODUCT_RAW;
  c = codes (ts, &query);
  g_assert_cmpstr (c, ==, "F-1,F-2,S-1");

  lotline_lot_query_init (&query, TODAY);
  query.location_id = ts->wh2;
  d = codes (ts, &query);
  g_assert_cmpstr (d, ==, "J-1,S-1");

  /* Expiring from today through 6 days on: with stock, not yet expired. */
  lotline_lot_query_init (&query, TODAY);
  query.expiring_within = 6;
  e = codes (ts, &query);
  g_assert_cmpstr (e, ==, "B-1,F-1,J-1");
  query.expiring_within = 5;
  f = codes (ts, &query);
  g_assert_cmpstr (f, ==, "");

  lotline_lot_query_init (&query, TODAY);
  query.product_id = ts->fruit;
  query.supplier_id = ts->supplier;
  g = codes (ts, &query);
  g_assert_cmpstr (g, ==, "F-1,F-2");

  lotline_lot_query_init (&query, TODAY);
  query.supplier_id = ts->supplier2;
  h = codes (ts, &query);
  g_assert_cmpstr (h, ==, "");
}

/* An expiry range keeps the lots that expire inside it, ends included. */
static void
test_expiry_range (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  LotlineLotQuery query;
  g_autofree char *one_day = NULL, *until = NULL, *from_on_hand = NULL, *empty = NULL;

  lotline_lot_query_init (&query, TODAY);
  query.expires_from = "2026-03-04";
  query.expires_to = "2026-03-04";
  one_day = codes (ts, &query);
  g_assert_cmpstr (one_day, ==, "S-1");

  lotline_lot_query_init (&query, TODAY);
  query.expires_to = "2026-03-10";
  until = codes (ts, &query);
  g_assert_cmpstr (until, ==, "S-1");

  lotline_lot_query_init (&query, TODAY);
  query.expires_from = "2026-03-05";
  query.on_hand_only = TRUE;
  from_on_hand = codes (ts, &query);
  g_assert_cmpstr (from_on_hand, ==, "B-1,F-1,J-1");

  lotline_lot_query_init (&query, TODAY);
  query.expires_from = "2026-03-12";
  query.expires_to = "2026-03-31";
  empty = codes (ts, &query);
  g_assert_cmpstr (empty, ==, "");
}

static void
test_search (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  LotlineLotQuery query;
  g_autofree char *by_code = NULL, *by_name = NULL, *two_words = NULL, *by_supplier = NULL, *wildcard = NULL;

  lotline_lot_query_init (&query, TODAY);
  query.search = "f-";
  by_code = codes (ts, &query);
  g_assert_cmpstr (by_code, ==, "F-1,F-2");

  query.search = "jam";
  by_name = codes (ts, &query);
  g_assert_cmpstr (by_name, ==, "B-1,J-1");

  /* Every word must match somewhere. */
  query.search = "  jam   340 ";
  two_words = codes (ts, &query);
  g_assert_cmpstr (two_words, ==, "J-1");

  query.search = "farms";
  by_supplier = codes (ts, &query);
  g_assert_cmpstr (by_supplier, ==, "F-1,F-2,S-1");

  /* LIKE's wildcards are searched for literally. */
  query.search = "%";
  wildcard = codes (ts, &query);
  g_assert_cmpstr (wildcard, ==, "");
}

static void
test_timeline (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  LotlineTimelineEntry *e;
  gint64 jar;

  g_assert_true (lotline_store_find_lot (ts->store, NULL, "J-1", &jar, NULL));
  entries = lotline_store_get_lot_timeline (ts->store, jar, &error);
  g_assert_no_error (error);
  /* Produced, then transferred (two lines). */
  g_assert_cmpuint (entries->len, ==, 3);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpint (e->kind, ==, LOTLINE_EVENT_PRODUCE);
  g_assert_cmpint (e->role, ==, LOTLINE_LINE_OUTPUT);
  g_assert_cmpint (e->quantity, ==, 60000);
  g_assert_cmpstr (e->location_code, ==, "WH1");
  g_assert_cmpstr (e->occurred_on, ==, "2026-03-03");
  g_assert_cmpstr (e->recorded_by, ==, "tester");
  g_assert_cmpstr (e->doc_type, ==, "batch record");
  e = g_ptr_array_index (entries, 1);
  g_assert_cmpint (e->kind, ==, LOTLINE_EVENT_TRANSFER);
  g_assert_cmpint (e->role, ==, LOTLINE_LINE_INPUT);
  e = g_ptr_array_index (entries, 2);
  g_assert_cmpint (e->role, ==, LOTLINE_LINE_OUTPUT);
  g_assert_cmpstr (e->location_code, ==, "WH2");
}

static void
test_overview (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  LotlineOverview overview;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (lotline_store_get_overview (ts->store, TODAY, 30, &overview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (overview.lots_on_hand, ==, 4);
  g_assert_cmpint (overview.quarantined, ==, 1);
  g_assert_cmpint (overview.expiring_soon, ==, 2);  /* F-1 and J-1; B-1 is quarantined */
  g_assert_cmpint (overview.expired_on_hand, ==, 1);
  g_assert_cmpint (overview.recalled_on_hand, ==, 0);

  /* A shorter window. */
  g_assert_true (lotline_store_get_overview (ts->store, TODAY, 5, &overview, &error));
  g_assert_cmpint (overview.expiring_soon, ==, 0);

  g_assert_cmpint (sqlite3_open (ts->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE lot SET status = 'recalled' WHERE code = 'J-1'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (lotline_store_get_overview (ts->store, TODAY, 30, &overview, &error));
  g_assert_cmpint (overview.recalled_on_hand, ==, 1);
  g_assert_cmpint (overview.expiring_soon, ==, 1);
}

static void
test_pickers (void)
{
  g_autoptr(LotlineTestStore) ts = fixture ();
  g_autoptr(GPtrArray) raws = lotline_store_list_products (ts->store, LOTLINE_PRODUCT_RAW, NULL);
  g_autoptr(GPtrArray) products = lotline_store_list_products (ts->store, -1, NULL);
  g_autoptr(GPtrArray) customers = lotline_store_list_parties (ts->store, LOTLINE_PARTY_CUSTOMER, NULL);
  g_autoptr(GPtrArray) locations = lotline_store_list_locations (ts->store, NULL);
  LotlineRecordRef *ref;

  g_assert_cmpuint (raws->len, ==, 3);
  g_assert_cmpuint (products->len, ==, 6);
  ref = g_ptr_array_index (raws, 0);
  g_assert_cmpstr (ref->name, ==, "Pectin");
  g_assert_cmpstr (ref->unit, ==, "kg");
  g_assert_cmpint (ref->kind, ==, LOTLINE_PRODUCT_RAW);

  g_assert_cmpuint (customers->len, ==, 2);
  ref = g_ptr_array_index (customers, 0);
  g_assert_cmpstr (ref->name, ==, "Big Box Retail");
  g_assert_cmpstr (ref->code, ==, "CUS-2");

  g_assert_cmpuint (locations->len, ==, 4);
  ref = g_ptr_array_index (locations, 3);
  g_assert_cmpstr (ref->code, ==, "WH2");
  g_assert_cmpint (ref->kind, ==, LOTLINE_LOCATION_WAREHOUSE);
}

/* Paging through the demo gives every lot exactly once, in order. */
static void
test_paging (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  LotlineDemoOptions options = { .scale = 0.02, .seed = 7, .today = "2026-11-21" };
  LotlineLotQuery query;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) lotline_lot_row_free);
  guint count = 0;

  g_assert_true (lotline_demo_generate (ts->store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  lotline_lot_query_init (&query, "2026-11-21");
  query.sort = LOTLINE_LOT_SORT_EXPIRES;
  g_assert_true (lotline_store_count_lots (ts->store, &query, &count, &error));
  g_assert_cmpuint (count, >, 500);

  for (guint offset = 0; offset < count; offset += 100)
    {
      g_autoptr(GPtrArray) page = lotline_store_query_lots (ts->store, &query, offset, 100, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, MIN (100, count - offset));
      for (guint i = 0; i < page->len; i++)
        {
          LotlineLotRow *row = g_ptr_array_index (page, i);

          g_assert_false (g_hash_table_contains (seen, &row->id));
          g_hash_table_add (seen, &row->id);
        }
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&page));
    }
  g_assert_cmpuint (all->len, ==, count);
  for (guint i = 1; i < all->len; i++)
    {
      LotlineLotRow *a = g_ptr_array_index (all, i - 1), *b = g_ptr_array_index (all, i);

      if (a->expires_on != NULL && b->expires_on != NULL)
        g_assert_cmpstr (a->expires_on, <=, b->expires_on);
      else
        g_assert_true (b->expires_on == NULL);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lotline/query/all-sorted", test_all_sorted);
  g_test_add_func ("/lotline/query/row-fields", test_row_fields);
  g_test_add_func ("/lotline/query/filters", test_filters);
  g_test_add_func ("/lotline/query/expiry-range", test_expiry_range);
  g_test_add_func ("/lotline/query/search", test_search);
  g_test_add_func ("/lotline/query/timeline", test_timeline);
  g_test_add_func ("/lotline/query/overview", test_overview);
  g_test_add_func ("/lotline/query/pickers", test_pickers);
  g_test_add_func ("/lotline/query/paging", test_paging);
  return g_test_run ();
}
