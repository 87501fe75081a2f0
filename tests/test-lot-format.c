/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sqlite3.h>

#include "lotline-lot-format-store.h"
#include "lotline-test-util.h"

static LotlineLotFormat *
format_new (const char *template_text)
{
  g_autoptr(GError) error = NULL;
  LotlineLotFormat *format = lotline_lot_format_new (template_text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (format);
  return format;
}

/* Every kind of segment, generated and read back. */
static void
test_round_trip (void)
{
  static const struct {
    const char *template_text;
    const char *date;
    const char *code;
  } cases[] = {
    { "{YYMMDD}-{FACILITY}{LINE:1}{SHIFT:1}-{PRODUCT}-{SEQ:3}", "2026-03-05", "260305-PL1B-JAM-007" },
    { "{YYYYMMDD}{SEQ:4}", "2026-12-31", "202612310007" },
    { "{YYDDD}{LINE:2}{SEQ}", "2024-12-31", "24366017" },
    { "L{{{SEQ:2}}}", "2026-01-01", "L{07}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LotlineLotFormat) format = format_new (cases[i].template_text);
      LotlineLotParts parts = { .date = (char *) cases[i].date, .facility = (char *) "PL", .line = (char *) "1",
                                .shift = (char *) "2", .product = (char *) "JAM", .sequence = 7 };
      g_auto(LotlineLotParts) back = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *code = NULL;

      if (i == 0)
        parts.shift = (char *) "B";
      if (i == 2)
        parts.line = (char *) "01";
      code = lotline_lot_format_generate (format, &parts, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (code, ==, cases[i].code);

      g_assert_true (lotline_lot_format_parse (format, code, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (back.date, ==, cases[i].template_text[0] == 'L' ? NULL : cases[i].date);
      g_assert_cmpuint (back.sequence, ==, 7);
    }
}

static void
test_parse_segments (void)
{
  g_autoptr(LotlineLotFormat) format = format_new ("{FACILITY}-{YYDDD}-{LINE}{SHIFT:1}{SEQ:3}");
  g_auto(LotlineLotParts) parts = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_lot_format_parse (format, "NORTH-26060-L3A042", &parts, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (parts.facility, ==, "NORTH");
  g_assert_cmpstr (parts.date, ==, "2026-03-01");   /* day 60 of 2026 */
  g_assert_cmpstr (parts.line, ==, "L3");
  g_assert_cmpstr (parts.shift, ==, "A");
  g_assert_cmpuint (parts.sequence, ==, 42);

  /* Not the format, an impossible Julian day, an impossible date. */
  g_assert_false (lotline_lot_format_parse (format, "NORTH26060L3A042", &parts, &error));
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_NO_MATCH);
  g_clear_error (&error);
  g_assert_false (lotline_lot_format_parse (format, "NORTH-26366-L3A042", &parts, &error));
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_NO_MATCH);
  g_clear_error (&error);
  {
    g_autoptr(LotlineLotFormat) ymd = format_new ("{YYMMDD}{SEQ:2}");

    g_assert_false (lotline_lot_format_parse (ymd, "26023001", &parts, &error));
    g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_NO_MATCH);
  }
}

static void
test_next_code (void)
{
  g_autoptr(LotlineLotFormat) format = format_new ("{YYMMDD}-{LINE:1}-{SEQ:3}");
  LotlineLotParts parts = { .date = (char *) "2026-03-05", .line = (char *) "2" };
  const char *existing[] = { "260305-2-001", "260305-2-004", "260305-1-009", "260304-2-012", "OLD-7", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL, *first = NULL, *full = NULL;

  /* Only codes of the same day and line count. */
  next = lotline_lot_format_next_code (format, &parts, existing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, "260305-2-005");

  parts.line = (char *) "3";
  first = lotline_lot_format_next_code (format, &parts, existing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "260305-3-001");

  /* The sequence is used up at 999. */
  {
    const char *used[] = { "260305-3-999", NULL };

    full = lotline_lot_format_next_code (format, &parts, used, &error);
    g_assert_null (full);
    g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE);
  }
}

static void
test_bad_templates_and_values (void)
{
  static const char *const bad[] = { "{SEQ", "{WEEK}", "{SEQ:0}", "{YYMMDD:4}", "LOT-", "" };
  g_autoptr(LotlineLotFormat) format = format_new ("{FACILITY:2}{YYMMDD}{SEQ:2}");
  LotlineLotParts parts = { .date = (char *) "2026-03-05", .facility = (char *) "P-1", .sequence = 1 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (lotline_lot_format_new (bad[i], &error));
      g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_TEMPLATE);
      g_clear_error (&error);
    }
  g_assert_null (lotline_lot_format_generate (format, &parts, &error));   /* "-" and 3 long */
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE);
  g_clear_error (&error);
  parts.facility = (char *) "P1";
  parts.date = (char *) "1999-12-31";
  g_assert_null (lotline_lot_format_generate (format, &parts, &error));   /* two-digit year */
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE);
  g_clear_error (&error);
  parts.date = (char *) "2026-03-05";
  parts.sequence = 100;
  g_assert_null (lotline_lot_format_generate (format, &parts, &error));   /* SEQ:2 */
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE);
}

/* ---- storage ------------------------------------------------------------ */

static char *
dup_template (LotlineStore *store, gint64 product_id)
{
  g_autoptr(GError) error = NULL;
  char *template_text = NULL;

  g_assert_true (lotline_store_get_lot_format (store, product_id, &template_text, &error));
  g_assert_no_error (error);
  return template_text;
}

static gint64
count_rows (LotlineStore *store, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (lotline_store_get_path (store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The site's format, a product's own, and which one applies. */
static void
test_store_formats (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLotFormat) effective = NULL;
  g_autofree char *site = NULL, *own = NULL, *none = NULL;
  gint64 audited;

  lotline_test_store_add_basics (ts);
  g_assert_null (lotline_store_get_effective_lot_format (ts->store, ts->jam_jar, &error));
  g_assert_no_error (error);

  g_assert_true (lotline_store_set_lot_format (ts->store, 0, " {YYMMDD}-{SEQ:3} ", &error));
  g_assert_no_error (error);
  g_assert_true (lotline_store_set_lot_format (ts->store, ts->jam_jar, "J{YYDDD}{LINE:1}{SEQ:2}", &error));
  g_assert_no_error (error);

  /* A template that is not one is refused before anything is written. */
  audited = count_rows (ts->store, "SELECT count(*) FROM audit");
  g_assert_false (lotline_store_set_lot_format (ts->store, ts->fruit, "{WEEK}-{SEQ}", &error));
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_TEMPLATE);
  g_clear_error (&error);
  /* Two segments of any length side by side could not be read back. */
  g_assert_false (lotline_store_set_lot_format (ts->store, ts->fruit, "{YYMMDD}{FACILITY}{LINE}{SEQ:2}", &error));
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_TEMPLATE);
  g_assert_nonnull (strstr (error->message, "{FACILITY:2}"));
  g_clear_error (&error);
  g_assert_false (lotline_store_set_lot_format (ts->store, 9999, "{SEQ}", &error));
  g_assert_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PRODUCT);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (ts->store, "SELECT count(*) FROM audit"), ==, audited);

  site = dup_template (ts->store, 0);
  own = dup_template (ts->store, ts->jam_jar);
  none = dup_template (ts->store, ts->fruit);
  g_assert_cmpstr (site, ==, "{YYMMDD}-{SEQ:3}");
  g_assert_cmpstr (own, ==, "J{YYDDD}{LINE:1}{SEQ:2}");
  g_assert_null (none);

  effective = lotline_store_get_effective_lot_format (ts->store, ts->fruit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotline_lot_format_get_template (effective), ==, "{YYMMDD}-{SEQ:3}");
  g_clear_pointer (&effective, lotline_lot_format_free);
  effective = lotline_store_get_effective_lot_format (ts->store, ts->jam_jar, &error);
  g_assert_cmpstr (lotline_lot_format_get_template (effective), ==, "J{YYDDD}{LINE:1}{SEQ:2}");
  g_clear_pointer (&effective, lotline_lot_format_free);

  /* Both changes are in the audit log with the old and new template. */
  g_assert_cmpint (count_rows (ts->store,
                               "SELECT count(*) FROM audit WHERE action = 'update' AND entity = 'product'"
                               " AND old_value = '{\"lot_format\":null}'"
                               " AND new_value = '{\"lot_format\":\"J{YYDDD}{LINE:1}{SEQ:2}\"}'"), ==, 1);
  g_assert_cmpint (count_rows (ts->store,
                               "SELECT count(*) FROM audit WHERE entity = 'settings'"
                               " AND new_value = '{\"lot_format\":\"{YYMMDD}-{SEQ:3}\"}'"), ==, 1);

  /* Clearing the product's own format brings the site's back. */
  g_assert_true (lotline_store_set_lot_format (ts->store, ts->jam_jar, "  ", &error));
  g_assert_no_error (error);
  effective = lotline_store_get_effective_lot_format (ts->store, ts->jam_jar, &error);
  g_assert_cmpstr (lotline_lot_format_get_template (effective), ==, "{YYMMDD}-{SEQ:3}");
  g_assert_cmpint (count_rows (ts->store, "SELECT count(*) FROM product WHERE lot_format IS NOT NULL"), ==, 0);
}

/* The next code counts on from the product's own lots of the same date,
 * facility, line and shift. */
static void
test_store_next_code (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(GError) error = NULL;
  LotlineLotCodeDefaults defaults = { .facility = (char *) "PL", .line = (char *) "1", .shift = (char *) "A" };
  g_auto(LotlineLotCodeDefaults) back = { 0 };
  g_auto(LotlineLotParts) parts = { 0 };
  char *code;

  lotline_test_store_add_basics (ts);
  g_assert_null (lotline_store_next_lot_code (ts->store, ts->fruit, "2026-03-05", NULL, &error));
  g_assert_no_error (error);   /* no format: nothing to make */

  g_assert_true (lotline_store_set_lot_format (ts->store, 0, "{YYMMDD}-{FACILITY:2}{LINE:1}{SHIFT:1}-{PRODUCT}-{SEQ:3}",
                                               &error));
  g_assert_no_error (error);
  g_assert_null (lotline_store_next_lot_code (ts->store, ts->fruit, "2026-03-05", NULL, &error));
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "facility code"));
  g_assert_nonnull (strstr (error->message, "Preferences"));
  g_clear_error (&error);

  defaults.shift = (char *) "A-";
  g_assert_false (lotline_store_set_lot_code_defaults (ts->store, &defaults, &error));
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE);
  g_clear_error (&error);
  defaults.shift = (char *) "A";
  g_assert_true (lotline_store_set_lot_code_defaults (ts->store, &defaults, &error));
  g_assert_no_error (error);
  g_assert_true (lotline_store_get_lot_code_defaults (ts->store, &back, &error));
  g_assert_cmpstr (back.facility, ==, "PL");
  g_assert_cmpstr (back.line, ==, "1");
  g_assert_cmpstr (back.shift, ==, "A");

  lotline_test_receive (ts, ts->fruit, "260305-PL1A-RAWSTRAW-001", ts->wh1, 1000, "2026-03-05", NULL);
  lotline_test_receive (ts, ts->fruit, "260305-PL1A-RAWSTRAW-003", ts->wh1, 1000, "2026-03-05", NULL);
  lotline_test_receive (ts, ts->fruit, "260305-PL2A-RAWSTRAW-008", ts->wh1, 1000, "2026-03-05", NULL);
  lotline_test_receive (ts, ts->fruit, "STRAW-OLD-77", ts->wh1, 1000, "2026-03-05", NULL);
  lotline_test_receive (ts, ts->sugar, "260305-PL1A-RAWSUGAR-006", ts->wh1, 1000, "2026-03-05", NULL);

  code = lotline_store_next_lot_code (ts->store, ts->fruit, "2026-03-05", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "260305-PL1A-RAWSTRAW-004");
  g_free (code);
  /* A code another new lot of the same event takes already. */
  {
    const char *taken[] = { "260305-PL1A-RAWSTRAW-004", NULL };

    code = lotline_store_next_lot_code (ts->store, ts->fruit, "2026-03-05", taken, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (code, ==, "260305-PL1A-RAWSTRAW-005");
    g_free (code);
  }
  code = lotline_store_next_lot_code (ts->store, ts->sugar, "2026-03-05", NULL, &error);
  g_assert_cmpstr (code, ==, "260305-PL1A-RAWSUGAR-007");
  g_free (code);
  code = lotline_store_next_lot_code (ts->store, ts->fruit, "2026-03-06", NULL, &error);
  g_assert_cmpstr (code, ==, "260306-PL1A-RAWSTRAW-001");
  g_free (code);
  g_assert_null (lotline_store_next_lot_code (ts->store, ts->fruit, "5 March", NULL, &error));
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE);
  g_clear_error (&error);

  /* A lot's code read back with its product's format. */
  g_assert_true (lotline_store_parse_lot_code (ts->store, ts->fruit, "260305-PL2A-RAWSTRAW-008", &parts, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (parts.date, ==, "2026-03-05");
  g_assert_cmpstr (parts.facility, ==, "PL");
  g_assert_cmpstr (parts.line, ==, "2");
  g_assert_cmpstr (parts.shift, ==, "A");
  g_assert_cmpstr (parts.product, ==, "RAWSTRAW");
  g_assert_cmpuint (parts.sequence, ==, 8);
  g_assert_false (lotline_store_parse_lot_code (ts->store, ts->fruit, "STRAW-OLD-77", &parts, &error));
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_NO_MATCH);
}

/* A code entered for a new lot: the format, and the product it names. */
static void
test_check_code (void)
{
  g_autoptr(LotlineLotFormat) format = format_new ("{PRODUCT}-{YYMMDD}-{SEQ:2}");
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_lot_format_check_code (format, "FINJAR-260305-01", "FIN-JAR", &error));
  g_assert_no_error (error);
  g_assert_false (lotline_lot_format_check_code (format, "RAWSUGAR-260305-01", "FIN-JAR", &error));
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_NO_MATCH);
  g_assert_nonnull (strstr (error->message, "FIN-JAR"));
  g_clear_error (&error);
  g_assert_false (lotline_lot_format_check_code (format, "JAR 5", "FIN-JAR", &error));
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_NO_MATCH);
}

/* A database written by a version-3 Lotline keeps its rows and gains the
 * product's format column, empty. */
static void
test_migrates_version_3 (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *path = g_build_filename (ts->dir, "v3.lotline", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineStore) store = NULL;
  g_autoptr(LotlineLot) lot = NULL;
  g_autofree char *own = NULL, *next = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (int v = 1; v <= 3; v++)
    {
      g_autofree char *name = g_strdup_printf ("/io/github/lotline/core/schema-%d.sql", v);
      g_autoptr(GBytes) schema = g_resources_lookup_data (name, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

      g_assert_no_error (error);
      if (sqlite3_exec (db, g_bytes_get_data (schema, NULL), NULL, NULL, &message) != SQLITE_OK)
        g_error ("building a version-3 database: %s", message);
    }
  if (sqlite3_exec (db,
                    "PRAGMA user_version = 3; PRAGMA application_id = 1282372684;"
                    "INSERT INTO meta (key, value) VALUES ('lot_code_facility', 'PL');"
                    "INSERT INTO product (id, sku, name, kind, unit, shelf_life_days, unit_cost_milli)"
                    "  VALUES (1, 'FIN-JAR', 'Jam', 'finished', 'jar', 365, 1850);"
                    "INSERT INTO lot (id, product_id, code, produced_on, expires_on, created_at)"
                    "  VALUES (1, 1, '260301-PL-004', '2026-03-01', '2027-03-01', '2026-03-01T12:00:00Z');",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("building a version-3 database: %s", message);
  sqlite3_close (db);

  store = lotline_store_open (path, LOTLINE_STORE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lotline_store_get_schema_version (store), ==, 4);
  lot = lotline_store_get_lot (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lot->code, ==, "260301-PL-004");
  own = dup_template (store, 1);
  g_assert_null (own);

  /* The migrated file takes a format at once, and counts on from its lots. */
  g_assert_true (lotline_store_set_lot_format (store, 1, "{YYMMDD}-{FACILITY}-{SEQ:3}", &error));
  g_assert_no_error (error);
  next = lotline_store_next_lot_code (store, 1, "2026-03-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, "260301-PL-005");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lot-format/round-trip", test_round_trip);
  g_test_add_func ("/lot-format/parse-segments", test_parse_segments);
  g_test_add_func ("/lot-format/next-code", test_next_code);
  g_test_add_func ("/lot-format/bad-templates-and-values", test_bad_templates_and_values);
  g_test_add_func ("/lot-format/store-formats", test_store_formats);
  g_test_add_func ("/lot-format/store-next-code", test_store_next_code);
  g_test_add_func ("/lot-format/check-code", test_check_code);
  g_test_add_func ("/lot-format/migrates-version-3", test_migrates_version_3);
  return g_test_run ();
}
