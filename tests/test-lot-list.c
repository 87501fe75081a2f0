/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "lotline-demo.h"
#include "lotline-lot-list.h"
#include "lotline-test-util.h"

#define TODAY "2026-11-21"

typedef struct {
  LotlineTestStore *ts;
  LotlineSession   *session;
} Fixture;

static void
on_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_session_open_finish (LOTLINE_SESSION (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  LotlineDemoOptions options = { .scale = 0.1, .seed = 11, .today = TODAY };
  g_autoptr(GError) error = NULL;
  gboolean opened = FALSE;

  f->ts = lotline_test_store_new ();
  g_assert_true (lotline_demo_generate (f->ts->store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  f->session = lotline_session_new (f->ts->path, LOTLINE_STORE_NONE);
  lotline_session_open_async (f->session, NULL, on_opened_cb, &opened);
  while (!opened)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->session);
  lotline_test_store_free (f->ts);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("The lot list did not finish loading in time");
  return G_SOURCE_REMOVE;
}

/* Iterates until the list is idle. */
static void
wait_idle (LotlineLotList *list)
{
  guint timeout = g_timeout_add_seconds (30, on_timeout_cb, NULL);

  while (lotline_lot_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
on_items_changed_cb (GListModel *model, guint position, guint removed, guint added, guint *calls)
{
  (*calls)++;
}

static void
test_counts_then_pages (Fixture *f, gconstpointer data)
{
  g_autoptr(LotlineLotList) list = lotline_lot_list_new (f->session);
  g_autoptr(GPtrArray) expected = NULL;
  LotlineLotQuery query;
  guint count = 0, changes = 0;

  lotline_lot_query_init (&query, TODAY);
  query.sort = LOTLINE_LOT_SORT_EXPIRES;
  g_assert_true (lotline_store_count_lots (f->ts->store, &query, &count, NULL));
  g_assert_cmpuint (count, >, 1000);

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  lotline_lot_list_set_query (list, &query);
  /* The count comes from a worker: nothing is known yet. */
  g_assert_true (lotline_lot_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  wait_idle (list);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, count);
  g_assert_cmpuint (lotline_lot_list_get_n_cached_pages (list), ==, 0);

  /* Asking for an item gives a pending item at once, filled in later. */
  {
    g_autoptr(LotlineLotItem) item = g_list_model_get_item (G_LIST_MODEL (list), 150);
    g_autoptr(LotlineLotItem) last = g_list_model_get_item (G_LIST_MODEL (list), count - 1);
    g_autoptr(LotlineLotItem) beyond = g_list_model_get_item (G_LIST_MODEL (list), count);
    g_autofree char *code = NULL;

    g_assert_null (beyond);
    g_assert_false (lotline_lot_item_get_loaded (item));
    g_assert_cmpstr (lotline_lot_item_get_code (item), ==, "");
    wait_idle (list);
    g_assert_true (lotline_lot_item_get_loaded (item));
    g_assert_true (lotline_lot_item_get_loaded (last));

    expected = lotline_store_query_lots (f->ts->store, &query, 150, 1, NULL);
    g_assert_cmpstr (lotline_lot_item_get_code (item), ==, ((LotlineLotRow *) g_ptr_array_index (expected, 0))->code);
    g_object_get (item, "code", &code, NULL);
    g_assert_cmpstr (code, ==, ((LotlineLotRow *) g_ptr_array_index (expected, 0))->code);
    g_assert_cmpint (lotline_lot_item_get_id (item), ==, ((LotlineLotRow *) g_ptr_array_index (expected, 0))->id);
    /* Only the two pages asked for were fetched. */
    g_assert_cmpuint (lotline_lot_list_get_n_cached_pages (list), ==, 2);
  }
}

static void
test_memory_flat (Fixture *f, gconstpointer data)
{
  g_autoptr(LotlineLotList) list = lotline_lot_list_new (f->session);
  LotlineLotQuery query;
  guint n;

  lotline_lot_query_init (&query, TODAY);
  lotline_lot_list_set_query (list, &query);
  wait_idle (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));

  /* Scrolling through everything keeps a bounded number of pages. */
  for (guint i = 0; i < n; i += 50)
    {
      g_autoptr(LotlineLotItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_nonnull (item);
    }
  wait_idle (list);
  g_assert_cmpuint (n / 100, >, 32);
  g_assert_cmpuint (lotline_lot_list_get_n_cached_pages (list), ==, 32);
}

static void
test_search_and_reload (Fixture *f, gconstpointer data)
{
  g_autoptr(LotlineLotList) list = lotline_lot_list_new (f->session);
  LotlineLotQuery query;
  guint all, some, expected = 0;

  lotline_lot_query_init (&query, TODAY);
  lotline_lot_list_set_query (list, &query);
  wait_idle (list);
  all = g_list_model_get_n_items (G_LIST_MODEL (list));

  query.search = "pectin";
  lotline_lot_list_set_query (list, &query);
  g_assert_nonnull (lotline_lot_list_get_query (list)->search);
  wait_idle (list);
  some = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_true (lotline_store_count_lots (f->ts->store, &query, &expected, NULL));
  g_assert_cmpuint (some, ==, expected);
  g_assert_cmpuint (some, >, 0);
  g_assert_cmpuint (some, <, all);
}

static void
on_recorded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;
  gint64 id = 0;

  if (lotline_session_record_event_finish (LOTLINE_SESSION (source), result, &id, error))
    g_assert_cmpint (id, >, 0);
  else
    g_assert_nonnull (*error);
}

static void
on_changed_cb (LotlineSession *session, guint *calls)
{
  (*calls)++;
}

/* Recording through the session writes on a worker, emits changed, and
 * lists reload with the new lot; a refused event changes nothing. */
static void
test_record_event_reloads (Fixture *f, gconstpointer data)
{
  g_autoptr(LotlineLotList) list = lotline_lot_list_new (f->session);
  LotlineLotQuery query;
  gint64 product = 0, supplier = 0, location = 0;
  LotlineLotSpec lot = { .code = "NEW-LOT-1" };
  LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .new_lot = &lot, .quantity = 1500 };
  LotlineEventSpec spec = { .kind = LOTLINE_EVENT_RECEIVE, .lines = &line, .n_lines = 1 };
  GError *error = NULL;
  guint changed = 0;

  {
    g_autoptr(GPtrArray) products = lotline_store_list_products (f->ts->store, LOTLINE_PRODUCT_RAW, NULL);
    g_autoptr(GPtrArray) suppliers = lotline_store_list_parties (f->ts->store, LOTLINE_PARTY_SUPPLIER, NULL);
    g_autoptr(GPtrArray) locations = lotline_store_list_locations (f->ts->store, NULL);

    product = ((LotlineRecordRef *) g_ptr_array_index (products, 0))->id;
    supplier = ((LotlineRecordRef *) g_ptr_array_index (suppliers, 0))->id;
    location = ((LotlineRecordRef *) g_ptr_array_index (locations, 0))->id;
  }
  lot.product_id = product;
  line.location_id = location;
  spec.party_id = supplier;

  lotline_lot_query_init (&query, TODAY);
  query.search = "NEW-LOT";
  lotline_lot_list_set_query (list, &query);
  wait_idle (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  g_signal_connect (f->session, "changed", G_CALLBACK (on_changed_cb), &changed);
  lotline_session_record_event_async (f->session, &spec, NULL, on_recorded_cb, &error);
  /* The spec was copied: scribbling over it now changes nothing. */
  lot.code = "SCRIBBLED";
  while (changed == 0 && error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  wait_idle (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* The same lot code again is refused, and nothing changes. */
  lot.code = "NEW-LOT-1";
  lotline_session_record_event_async (f->session, &spec, NULL, on_recorded_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_DUPLICATE_LOT);
  g_clear_error (&error);
  g_assert_cmpuint (changed, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/lotline/lot-list/counts-then-pages", Fixture, NULL, fixture_set_up, test_counts_then_pages, fixture_tear_down);
  g_test_add ("/lotline/lot-list/memory-flat", Fixture, NULL, fixture_set_up, test_memory_flat, fixture_tear_down);
  g_test_add ("/lotline/lot-list/search-and-reload", Fixture, NULL, fixture_set_up, test_search_and_reload, fixture_tear_down);
  g_test_add ("/lotline/lot-list/record-event-reloads", Fixture, NULL, fixture_set_up, test_record_event_reloads, fixture_tear_down);
  return g_test_run ();
}
