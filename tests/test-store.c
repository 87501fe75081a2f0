/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sqlite3.h>

#include "lotline-test-util.h"

static void
test_create_and_reopen (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineStore) again = NULL;
  g_autoptr(GError) error = NULL;
  LotlineStoreCounts counts;

  g_assert_cmpint (lotline_store_get_schema_version (ts->store), ==, LOTLINE_SCHEMA_VERSION);
  lotline_test_store_add_basics (ts);
  g_clear_object (&ts->store);

  again = lotline_store_open (ts->path, LOTLINE_STORE_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (lotline_store_get_counts (again, &counts, &error));
  g_assert_cmpint (counts.products, ==, 6);
  g_assert_cmpint (counts.parties, ==, 5);
  g_assert_cmpint (counts.locations, ==, 4);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineStore) store = lotline_store_open ("/nonexistent/dir/x.lotline", LOTLINE_STORE_NONE, &error);

  g_assert_null (store);
  g_assert_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_OPEN);
}

static void
assert_refused_untouched (const char *path, int code)
{
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len = 0, after_len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineStore) store = NULL;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  store = lotline_store_open (path, LOTLINE_STORE_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, LOTLINE_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  /* No journal or WAL file was left behind either. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
test_refuse_text_file (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *path = g_build_filename (ts->dir, "notes.txt", NULL);

  g_assert_true (g_file_set_contents (path, "These are not the lots you are looking for.\n", -1, NULL));
  assert_refused_untouched (path, LOTLINE_STORE_ERROR_NOT_LOTLINE);
}

static void
test_refuse_foreign_sqlite (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *path = g_build_filename (ts->dir, "other.sqlite", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_untouched (path, LOTLINE_STORE_ERROR_NOT_LOTLINE);
}

static void
test_refuse_newer_version (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  sqlite3 *db = NULL;
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", LOTLINE_SCHEMA_VERSION + 1);

  g_clear_object (&ts->store);
  g_assert_cmpint (sqlite3_open (ts->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_untouched (ts->path, LOTLINE_STORE_ERROR_TOO_NEW);
}

static void
test_migrates_empty_file (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *path = g_build_filename (ts->dir, "empty.lotline", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineStore) store = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* A zero-byte file is a new database, as SQLite itself sees it. */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = lotline_store_open (path, LOTLINE_STORE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lotline_store_get_schema_version (store), ==, LOTLINE_SCHEMA_VERSION);
  g_clear_object (&store);

  /* The file says it is ours, and has WAL and the tables. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id),"
                                       " (SELECT journal_mode FROM pragma_journal_mode),"
                                       " (SELECT count(*) FROM sqlite_schema WHERE type = 'table')", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0x4c6f744c);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "wal");
  g_assert_cmpint (sqlite3_column_int (stmt, 2), >=, 10);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A database written by a version-1 Lotline, made here by hand from
 * schema-1.sql, opens in this build: it is migrated in place and keeps
 * every row. */
static void
test_migrates_version_1 (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *path = g_build_filename (ts->dir, "v1.lotline", NULL);
  g_autoptr(GBytes) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineStore) store = NULL;
  g_autoptr(LotlineLot) lot = NULL;
  LotlineStoreCounts counts;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *message = NULL;

  schema = g_resources_lookup_data ("/io/github/lotline/core/schema-1.sql", G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, g_bytes_get_data (schema, NULL), NULL, NULL, &message) != SQLITE_OK ||
      sqlite3_exec (db,
                    "PRAGMA user_version = 1; PRAGMA application_id = 1282372684;"
                    "INSERT INTO product (id, sku, name, kind, unit, shelf_life_days, unit_cost_milli)"
                    "  VALUES (1, 'FIN-JAR', 'Jam', 'finished', 'jar', 365, 1850);"
                    "INSERT INTO party (id, code, name, kind, min_shelf_life_days) VALUES"
                    "  (1, 'SUP-1', 'Berry Farms', 'supplier', NULL), (2, 'CUS-1', 'Corner Grocery', 'customer', 60);"
                    "INSERT INTO location (id, code, name, kind) VALUES (1, 'WH1', 'Warehouse', 'warehouse');"
                    "INSERT INTO lot (id, product_id, code, produced_on, expires_on, created_at)"
                    "  VALUES (1, 1, 'JAR-1', '2026-03-01', '2027-03-01', '2026-03-01T12:00:00Z');"
                    "INSERT INTO event (id, kind, occurred_at, occurred_on, recorded_at, recorded_by)"
                    "  VALUES (1, 'produce', '2026-03-01T12:00:00Z', '2026-03-01', '2026-03-01T12:00:00Z', 'old');"
                    "INSERT INTO event_line (event_id, lot_id, location_id, role, quantity) VALUES (1, 1, 1, 'output', 40000);"
                    "INSERT INTO stock (lot_id, location_id, quantity) VALUES (1, 1, 40000);",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("building a version-1 database: %s", message);
  sqlite3_close (db);

  store = lotline_store_open (path, LOTLINE_STORE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lotline_store_get_schema_version (store), ==, LOTLINE_SCHEMA_VERSION);
  g_assert_true (lotline_store_get_counts (store, &counts, &error));
  g_assert_cmpint (counts.products, ==, 1);
  g_assert_cmpint (counts.parties, ==, 2);
  g_assert_cmpint (counts.locations, ==, 1);
  g_assert_cmpint (counts.lots, ==, 1);
  g_assert_cmpint (counts.events, ==, 1);
  g_assert_cmpint (counts.event_lines, ==, 1);
  lot = lotline_store_get_lot (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lot->code, ==, "JAR-1");
  g_assert_cmpint (lot->on_hand, ==, 40000);
  g_clear_object (&store);

  /* The new column and table are there, and the old policy is kept. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT min_shelf_life_days, min_shelf_life_percent,"
                                       " (SELECT count(*) FROM shelf_life_policy),"
                                       " (SELECT user_version FROM pragma_user_version)"
                                       " FROM party WHERE code = 'CUS-1'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 60);
  g_assert_cmpint (sqlite3_column_type (stmt, 1), ==, SQLITE_NULL);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, LOTLINE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  /* Version 3 brought the recall tables, empty. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM recall) + (SELECT count(*) FROM recall_consignee)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Opening it again migrates nothing more. */
  store = lotline_store_open (path, LOTLINE_STORE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lotline_store_get_schema_version (store), ==, LOTLINE_SCHEMA_VERSION);
}

static void
test_foreign_keys_on (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineStore) again = NULL;
  g_autoptr(GError) error = NULL;
  LotlineLotSpec lot = { .product_id = 999, .code = "X" };

  /* The ledger refuses first, with its own message … */
  g_assert_false (lotline_store_add_lot (ts->store, &lot, NULL, &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PRODUCT);
}

static void
test_backup (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *copy = g_build_filename (ts->dir, "backup.lotline", NULL);
  g_autoptr(LotlineStore) restored = NULL;
  g_autoptr(GError) error = NULL;
  LotlineStoreCounts a, b;

  lotline_test_store_add_basics (ts);
  lotline_test_receive (ts, ts->fruit, "F-1", ts->wh1, 5000, "2026-03-01", "2026-03-11");
  g_assert_true (lotline_store_backup (ts->store, copy, &error));
  g_assert_no_error (error);

  restored = lotline_store_open (copy, LOTLINE_STORE_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (lotline_store_get_counts (ts->store, &a, NULL));
  g_assert_true (lotline_store_get_counts (restored, &b, NULL));
  g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
  g_assert_cmpint (b.events, ==, 1);
}

static void
test_backup_bad_destination (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (lotline_store_backup (ts->store, "/nonexistent/dir/backup.lotline", &error));
  g_assert_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_BACKUP);
}

static void
test_quantities (void)
{
  struct { const char *text; gint64 milli; const char *canonical; } ok[] = {
    { "12", 12000, "12" }, { "12.5", 12500, "12.5" }, { "0.001", 1, "0.001" },
    { "-3.25", -3250, "-3.25" }, { " 7.10 ", 7100, "7.1" }, { ".5", 500, "0.5" },
  };
  const char *bad[] = { "", "abc", "1.2345", "1,5", "1e3", "--1", "12kg" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      gint64 v = 0;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (lotline_quantity_parse (ok[i].text, &v, &error));
      g_assert_no_error (error);
      g_assert_cmpint (v, ==, ok[i].milli);
      text = lotline_quantity_format (v);
      g_assert_cmpstr (text, ==, ok[i].canonical);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 v = 0;
      g_autoptr(GError) error = NULL;

      g_assert_false (lotline_quantity_parse (bad[i], &v, &error));
      g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID_QUANTITY);
    }
}

static void
test_dates (void)
{
  g_autofree char *next = lotline_date_add_days ("2024-02-28", 1);
  g_autofree char *back = lotline_date_add_days ("2025-01-01", -1);
  gint64 t = 0;

  g_assert_cmpstr (next, ==, "2024-02-29");
  g_assert_cmpstr (back, ==, "2024-12-31");
  g_assert_cmpint (lotline_date_diff_days ("2026-01-01", "2026-03-01"), ==, 59);
  g_assert_true (lotline_date_is_valid ("2024-02-29"));
  g_assert_false (lotline_date_is_valid ("2025-02-29"));
  g_assert_false (lotline_date_is_valid ("2025-2-1"));
  g_assert_true (lotline_instant_parse ("2026-03-01T10:00:00+02:00", &t));
  {
    g_autofree char *instant = lotline_instant_from_unix (t);
    g_assert_cmpstr (instant, ==, "2026-03-01T08:00:00Z");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lotline/store/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/lotline/store/missing-file", test_missing_file);
  g_test_add_func ("/lotline/store/refuse-text-file", test_refuse_text_file);
  g_test_add_func ("/lotline/store/refuse-foreign-sqlite", test_refuse_foreign_sqlite);
  g_test_add_func ("/lotline/store/refuse-newer-version", test_refuse_newer_version);
  g_test_add_func ("/lotline/store/migrates-empty-file", test_migrates_empty_file);
  g_test_add_func ("/lotline/store/migrates-version-1", test_migrates_version_1);
  g_test_add_func ("/lotline/store/unknown-product", test_foreign_keys_on);
  g_test_add_func ("/lotline/store/backup", test_backup);
  g_test_add_func ("/lotline/store/backup-bad-destination", test_backup_bad_destination);
  g_test_add_func ("/lotline/store/quantities", test_quantities);
  g_test_add_func ("/lotline/store/dates", test_dates);
  return g_test_run ();
}
