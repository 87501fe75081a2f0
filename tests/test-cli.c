/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Runs the built lotline-cli (its path comes in $LOTLINE_CLI) against
 * databases built here with the C API, and checks its output, messages and
 * exit status. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "lotline-test-util.h"

static const char *cli_path;

/* lotline-cli with the NULL-terminated arguments. */
#define run_cli(out, err, ...) lotline_test_run_program ((out), (err), cli_path, __VA_ARGS__)

/* Strawberries and sugar go into a jam base, the base into jars, and some
 * jars go to a customer:
 *
 *   STR-1 (100 kg) --40 kg--> BASE-1 (60 kg) --30 kg--> JAR-1 (100 jar) --40 jar--> CUS-1
 *   SUG-1 (50 kg)  --20 kg--/
 */
static void
build_genealogy (LotlineTestStore *ts)
{
  gint64 inputs[2], quantities[2];
  gint64 strawberries, sugar, base, jars;

  lotline_test_store_add_basics (ts);
  strawberries = lotline_test_receive (ts, ts->fruit, "STR-1", ts->wh1, 100 * LOTLINE_QTY_ONE,
                                       "2026-03-01", "2026-03-11");
  sugar = lotline_test_receive (ts, ts->sugar, "SUG-1", ts->wh1, 50 * LOTLINE_QTY_ONE,
                                "2026-03-01", "2027-03-01");
  inputs[0] = strawberries;
  inputs[1] = sugar;
  quantities[0] = 40 * LOTLINE_QTY_ONE;
  quantities[1] = 20 * LOTLINE_QTY_ONE;
  base = lotline_test_produce (ts, inputs, quantities, 2, ts->jam_base, "BASE-1", 60 * LOTLINE_QTY_ONE, "2026-03-02");
  inputs[0] = base;
  quantities[0] = 30 * LOTLINE_QTY_ONE;
  jars = lotline_test_produce (ts, inputs, quantities, 1, ts->jam_jar, "JAR-1", 100 * LOTLINE_QTY_ONE, "2026-03-03");
  lotline_test_ship (ts, ts->customer, jars, ts->wh1, 40 * LOTLINE_QTY_ONE, "2026-03-04");
}

static LotlineTestStore *
new_closed_genealogy (void)
{
  LotlineTestStore *ts = lotline_test_store_new ();

  build_genealogy (ts);
  /* The CLI opens the file itself. */
  g_clear_object (&ts->store);
  return ts;
}

static void
exec_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The rows of a JSON array as compact one-line objects. */
static char *
dup_json_rows (JsonArray *array)
{
  GString *rows = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *row = json_to_string (json_array_get_element (array, i), FALSE);

      g_string_append_printf (rows, "%s\n", row);
    }
  return g_string_free (rows, FALSE);
}

/* ---- tests ------------------------------------------------------------- */

static void
test_info (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *out = NULL, *err = NULL, *json_out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *database;

  g_clear_object (&ts->store);

  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "info", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, ts->path));
  g_assert_nonnull (strstr (out, "Schema version:"));
  g_assert_nonnull (strstr (out, "Audit entries:"));

  g_assert_cmpint (run_cli (&json_out, NULL, "info", "--database", ts->path, "--format", "json", NULL), ==, 0);
  root = parse_json (json_out);
  database = json_object_get_object_member (json_node_get_object (root), "database");
  g_assert_cmpstr (json_object_get_string_member (database, "path"), ==, ts->path);
  g_assert_cmpint (json_object_get_int_member (database, "schema_version"), ==, LOTLINE_SCHEMA_VERSION);
  g_assert_cmpint (json_object_get_int_member (database, "products"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (database, "lots"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (database, "events"), ==, 0);
}

static void
test_lot_show (void)
{
  g_autoptr(LotlineTestStore) ts = new_closed_genealogy ();
  g_autofree char *out = NULL, *err = NULL, *json_out = NULL, *expired_out = NULL;
  g_autoptr(JsonNode) root = NULL, expired_root = NULL;
  JsonObject *lot;
  JsonArray *stock;

  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "lot", "show", "STR-1",
                            "--today", "2026-03-05", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==,
                   "Lot\n"
                   "  Lot code:                      STR-1\n"
                   "  Product:                       RAW-STRAW\n"
                   "  Product name:                  Strawberries\n"
                   "  Product kind:                  raw material\n"
                   "  Status:                        released\n"
                   "  Produced on:                   —\n"
                   "  Received on:                   2026-03-01\n"
                   "  Expires on:                    2026-03-11\n"
                   "  Days to expiry:                6\n"
                   "  Best before:                   —\n"
                   "  Supplier:                      Berry Farms\n"
                   "  Supplier’s lot:                —\n"
                   "  Traceability lot code source:  —\n"
                   "  Notes:                         —\n"
                   "  On hand:                       60 kg\n"
                   "  Unit:                          kg\n"
                   "\n"
                   "Stock by location\n"
                   "  Location  Quantity\n"
                   "  --------  --------\n"
                   "  WH1          60 kg\n");

  g_assert_cmpint (run_cli (&json_out, NULL, "--database", ts->path, "--format", "json", "--today", "2026-03-05",
                            "lot", "show", "BASE-1", "--product", "INT-BASE", NULL), ==, 0);
  root = parse_json (json_out);
  lot = json_object_get_object_member (json_node_get_object (root), "lot");
  g_assert_cmpstr (json_object_get_string_member (lot, "code"), ==, "BASE-1");
  g_assert_cmpstr (json_object_get_string_member (lot, "product"), ==, "INT-BASE");
  g_assert_cmpstr (json_object_get_string_member (lot, "product_kind"), ==, "intermediate");
  g_assert_cmpstr (json_object_get_string_member (lot, "status"), ==, "released");
  g_assert_cmpstr (json_object_get_string_member (lot, "produced_on"), ==, "2026-03-02");
  g_assert_true (json_object_get_null_member (lot, "supplier"));
  g_assert_cmpstr (json_object_get_string_member (lot, "on_hand"), ==, "30");
  g_assert_cmpstr (json_object_get_string_member (lot, "unit"), ==, "kg");
  stock = json_object_get_array_member (json_node_get_object (root), "stock");
  g_assert_cmpuint (json_array_get_length (stock), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stock, 0), "location"), ==, "WH1");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stock, 0), "quantity"), ==, "30");

  /* Past its expiry date a released lot shows as expired, and says what
   * was recorded. */
  g_assert_cmpint (run_cli (&expired_out, NULL, "--database", ts->path, "--format", "json", "--today", "2026-03-12",
                            "lot", "show", "STR-1", NULL), ==, 0);
  expired_root = parse_json (expired_out);
  lot = json_object_get_object_member (json_node_get_object (expired_root), "lot");
  g_assert_cmpstr (json_object_get_string_member (lot, "status"), ==, "expired");
  g_assert_cmpstr (json_object_get_string_member (lot, "recorded_status"), ==, "released");
  g_assert_cmpint (json_object_get_int_member (lot, "days_to_expiry"), ==, -1);
}

static void
test_lot_ambiguous (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *out = NULL, *err = NULL, *product_out = NULL;
  g_autoptr(GError) error = NULL;
  LotlineLotSpec spec = { .product_id = 0, .code = "STR-1" };

  build_genealogy (ts);
  spec.product_id = ts->jam_jar;
  g_assert_true (lotline_store_add_lot (ts->store, &spec, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&ts->store);

  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "lot", "show", "STR-1", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "Several products have a lot “STR-1”: RAW-STRAW, FIN-JAR. Choose one with --product SKU.\n");

  g_assert_cmpint (run_cli (&product_out, NULL, "--database", ts->path, "lot", "show", "STR-1",
                            "--product", "FIN-JAR", NULL), ==, 0);
  g_assert_nonnull (strstr (product_out, "Strawberry jam 340 g"));
  g_assert_nonnull (strstr (product_out, "None on hand."));
}

static const char trace_csv[] =
  "direction,seeds,max_depth\r\n"
  "down,STR-1 (RAW-STRAW),\r\n"
  "\r\n"
  "key,kind,label,product,depth,seed,status,expires_on,on_hand,unit\r\n"
  "lot:1,lot,STR-1,RAW-STRAW,0,true,released,2026-03-11,60,kg\r\n"
  "lot:3,lot,BASE-1,INT-BASE,1,false,released,2026-03-11,30,kg\r\n"
  "lot:4,lot,JAR-1,FIN-JAR,2,false,released,2026-03-11,60,jar\r\n"
  "location:1,location,WH1,,0,false,,,,\r\n"
  "party:3,customer,Corner Grocery,,2,false,,,,\r\n"
  "\r\n"
  "from_key,from,to_key,to,kind,quantity,unit,child_quantity,child_unit,events,first_date,last_date\r\n"
  "lot:1,STR-1,lot:3,BASE-1,production,40,kg,60,kg,1,2026-03-02,2026-03-02\r\n"
  "lot:3,BASE-1,lot:4,JAR-1,production,30,kg,100,jar,1,2026-03-03,2026-03-03\r\n"
  "lot:1,STR-1,location:1,WH1,stock,60,kg,,,0,,\r\n"
  "lot:3,BASE-1,location:1,WH1,stock,30,kg,,,0,,\r\n"
  "lot:4,JAR-1,party:3,Corner Grocery,shipment,40,jar,,,1,2026-03-04,2026-03-04\r\n"
  "lot:4,JAR-1,location:1,WH1,stock,60,jar,,,0,,\r\n"
  "\r\n"
  "event_id,date,lot_key,lot,product,customer_key,customer,quantity,unit,doc_type,doc_number\r\n"
  "5,2026-03-04,lot:4,JAR-1,FIN-JAR,party:3,Corner Grocery,40,jar,BOL,BOL-1\r\n"
  "\r\n"
  "lot_key,lot,product,received,produced,returned,adjusted_in,consumed,shipped,destroyed,adjusted_out,on_hand,gap,unit\r\n"
  "lot:1,STR-1,RAW-STRAW,100,0,0,0,40,0,0,0,60,0,kg\r\n"
  "lot:3,BASE-1,INT-BASE,0,60,0,0,30,0,0,0,30,0,kg\r\n"
  "lot:4,JAR-1,FIN-JAR,0,100,0,0,0,40,0,0,60,0,jar\r\n";

static void
test_trace_csv (void)
{
  g_autoptr(LotlineTestStore) ts = new_closed_genealogy ();
  g_autofree char *out = NULL, *err = NULL, *nodes_out = NULL;

  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "--format", "csv", "--today", "2026-03-05",
                            "trace", "STR-1", "--direction", "down", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, trace_csv);

  /* --only gives one plain RFC 4180 table. */
  g_assert_cmpint (run_cli (&nodes_out, NULL, "--database", ts->path, "--format", "csv", "--today", "2026-03-05",
                            "trace", "SUG-1", "--direction", "down", "--depth", "1", "--only", "nodes", NULL), ==, 0);
  g_assert_cmpstr (nodes_out, ==,
                   "key,kind,label,product,depth,seed,status,expires_on,on_hand,unit\r\n"
                   "lot:2,lot,SUG-1,RAW-SUGAR,0,true,released,2027-03-01,30,kg\r\n"
                   "lot:3,lot,BASE-1,INT-BASE,1,false,released,2026-03-11,30,kg\r\n"
                   "location:1,location,WH1,,0,false,,,,\r\n");
}

static void
test_trace_json (void)
{
  g_autoptr(LotlineTestStore) ts = new_closed_genealogy ();
  g_autofree char *out = NULL, *err = NULL, *nodes = NULL, *edges = NULL, *balance = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "--format", "json", "--today", "2026-03-05",
                            "trace", "JAR-1", "--direction", "up", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  root = parse_json (out);
  object = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "trace"), "direction"),
                   ==, "up");
  nodes = dup_json_rows (json_object_get_array_member (object, "nodes"));
  g_assert_cmpstr (nodes, ==,
                   "{\"key\":\"lot:4\",\"kind\":\"lot\",\"label\":\"JAR-1\",\"product\":\"FIN-JAR\",\"depth\":0,\"seed\":true,\"status\":\"released\",\"expires_on\":\"2026-03-11\",\"on_hand\":\"60\",\"unit\":\"jar\"}\n"
                   "{\"key\":\"lot:3\",\"kind\":\"lot\",\"label\":\"BASE-1\",\"product\":\"INT-BASE\",\"depth\":-1,\"seed\":false,\"status\":\"released\",\"expires_on\":\"2026-03-11\",\"on_hand\":\"30\",\"unit\":\"kg\"}\n"
                   "{\"key\":\"lot:1\",\"kind\":\"lot\",\"label\":\"STR-1\",\"product\":\"RAW-STRAW\",\"depth\":-2,\"seed\":false,\"status\":\"released\",\"expires_on\":\"2026-03-11\",\"on_hand\":\"60\",\"unit\":\"kg\"}\n"
                   "{\"key\":\"lot:2\",\"kind\":\"lot\",\"label\":\"SUG-1\",\"product\":\"RAW-SUGAR\",\"depth\":-2,\"seed\":false,\"status\":\"released\",\"expires_on\":\"2027-03-01\",\"on_hand\":\"30\",\"unit\":\"kg\"}\n"
                   "{\"key\":\"location:1\",\"kind\":\"location\",\"label\":\"WH1\",\"product\":null,\"depth\":0,\"seed\":false,\"status\":null,\"expires_on\":null,\"on_hand\":null,\"unit\":null}\n"
                   "{\"key\":\"party:1\",\"kind\":\"supplier\",\"label\":\"Berry Farms\",\"product\":null,\"depth\":-2,\"seed\":false,\"status\":null,\"expires_on\":null,\"on_hand\":null,\"unit\":null}\n");
  edges = dup_json_rows (json_object_get_array_member (object, "edges"));
  g_assert_cmpstr (edges, ==,
                   "{\"from_key\":\"lot:3\",\"from\":\"BASE-1\",\"to_key\":\"lot:4\",\"to\":\"JAR-1\",\"kind\":\"production\",\"quantity\":\"30\",\"unit\":\"kg\",\"child_quantity\":\"100\",\"child_unit\":\"jar\",\"events\":1,\"first_date\":\"2026-03-03\",\"last_date\":\"2026-03-03\"}\n"
                   "{\"from_key\":\"lot:1\",\"from\":\"STR-1\",\"to_key\":\"lot:3\",\"to\":\"BASE-1\",\"kind\":\"production\",\"quantity\":\"40\",\"unit\":\"kg\",\"child_quantity\":\"60\",\"child_unit\":\"kg\",\"events\":1,\"first_date\":\"2026-03-02\",\"last_date\":\"2026-03-02\"}\n"
                   "{\"from_key\":\"lot:2\",\"from\":\"SUG-1\",\"to_key\":\"lot:3\",\"to\":\"BASE-1\",\"kind\":\"production\",\"quantity\":\"20\",\"unit\":\"kg\",\"child_quantity\":\"60\",\"child_unit\":\"kg\",\"events\":1,\"first_date\":\"2026-03-02\",\"last_date\":\"2026-03-02\"}\n"
                   "{\"from_key\":\"lot:4\",\"from\":\"JAR-1\",\"to_key\":\"location:1\",\"to\":\"WH1\",\"kind\":\"stock\",\"quantity\":\"60\",\"unit\":\"jar\",\"child_quantity\":null,\"child_unit\":null,\"events\":0,\"first_date\":null,\"last_date\":null}\n"
                   "{\"from_key\":\"lot:3\",\"from\":\"BASE-1\",\"to_key\":\"location:1\",\"to\":\"WH1\",\"kind\":\"stock\",\"quantity\":\"30\",\"unit\":\"kg\",\"child_quantity\":null,\"child_unit\":null,\"events\":0,\"first_date\":null,\"last_date\":null}\n"
                   "{\"from_key\":\"party:1\",\"from\":\"Berry Farms\",\"to_key\":\"lot:1\",\"to\":\"STR-1\",\"kind\":\"receipt\",\"quantity\":\"100\",\"unit\":\"kg\",\"child_quantity\":null,\"child_unit\":null,\"events\":1,\"first_date\":\"2026-03-01\",\"last_date\":\"2026-03-01\"}\n"
                   "{\"from_key\":\"lot:1\",\"from\":\"STR-1\",\"to_key\":\"location:1\",\"to\":\"WH1\",\"kind\":\"stock\",\"quantity\":\"60\",\"unit\":\"kg\",\"child_quantity\":null,\"child_unit\":null,\"events\":0,\"first_date\":null,\"last_date\":null}\n"
                   "{\"from_key\":\"party:1\",\"from\":\"Berry Farms\",\"to_key\":\"lot:2\",\"to\":\"SUG-1\",\"kind\":\"receipt\",\"quantity\":\"50\",\"unit\":\"kg\",\"child_quantity\":null,\"child_unit\":null,\"events\":1,\"first_date\":\"2026-03-01\",\"last_date\":\"2026-03-01\"}\n"
                   "{\"from_key\":\"lot:2\",\"from\":\"SUG-1\",\"to_key\":\"location:1\",\"to\":\"WH1\",\"kind\":\"stock\",\"quantity\":\"30\",\"unit\":\"kg\",\"child_quantity\":null,\"child_unit\":null,\"events\":0,\"first_date\":null,\"last_date\":null}\n");
  balance = dup_json_rows (json_object_get_array_member (object, "balance"));
  g_assert_cmpstr (balance, ==,
                   "{\"lot_key\":\"lot:4\",\"lot\":\"JAR-1\",\"product\":\"FIN-JAR\",\"received\":\"0\",\"produced\":\"100\",\"returned\":\"0\",\"adjusted_in\":\"0\",\"consumed\":\"0\",\"shipped\":\"40\",\"destroyed\":\"0\",\"adjusted_out\":\"0\",\"on_hand\":\"60\",\"gap\":\"0\",\"unit\":\"jar\"}\n"
                   "{\"lot_key\":\"lot:3\",\"lot\":\"BASE-1\",\"product\":\"INT-BASE\",\"received\":\"0\",\"produced\":\"60\",\"returned\":\"0\",\"adjusted_in\":\"0\",\"consumed\":\"30\",\"shipped\":\"0\",\"destroyed\":\"0\",\"adjusted_out\":\"0\",\"on_hand\":\"30\",\"gap\":\"0\",\"unit\":\"kg\"}\n"
                   "{\"lot_key\":\"lot:1\",\"lot\":\"STR-1\",\"product\":\"RAW-STRAW\",\"received\":\"100\",\"produced\":\"0\",\"returned\":\"0\",\"adjusted_in\":\"0\",\"consumed\":\"40\",\"shipped\":\"0\",\"destroyed\":\"0\",\"adjusted_out\":\"0\",\"on_hand\":\"60\",\"gap\":\"0\",\"unit\":\"kg\"}\n"
                   "{\"lot_key\":\"lot:2\",\"lot\":\"SUG-1\",\"product\":\"RAW-SUGAR\",\"received\":\"50\",\"produced\":\"0\",\"returned\":\"0\",\"adjusted_in\":\"0\",\"consumed\":\"20\",\"shipped\":\"0\",\"destroyed\":\"0\",\"adjusted_out\":\"0\",\"on_hand\":\"30\",\"gap\":\"0\",\"unit\":\"kg\"}\n");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "shipments")), ==, 0);
}

static void
test_audit_verify (void)
{
  g_autoptr(LotlineTestStore) ts = new_closed_genealogy ();
  g_autofree char *out = NULL, *err = NULL, *bad_out = NULL, *bad_err = NULL, *json_out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *audit;

  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "audit", "verify", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "The audit log is intact: "));
  g_assert_cmpstr (err, ==, "");

  exec_sql (ts->path, "UPDATE audit SET new_value = '{\"quantity\":1}' WHERE id = 3");

  g_assert_cmpint (run_cli (&bad_out, &bad_err, "--database", ts->path, "audit", "verify", NULL), ==, 1);
  g_assert_cmpstr (bad_out, ==, "");
  g_assert_cmpstr (bad_err, ==, "Audit entry 3 was altered after it was written.\n");

  g_assert_cmpint (run_cli (&json_out, NULL, "--database", ts->path, "--format", "json", "audit", "verify", NULL), ==, 1);
  root = parse_json (json_out);
  audit = json_object_get_object_member (json_node_get_object (root), "audit");
  g_assert_false (json_object_get_boolean_member (audit, "ok"));
  g_assert_cmpint (json_object_get_int_member (audit, "first_bad_id"), ==, 3);
}

static void
test_check (void)
{
  g_autoptr(LotlineTestStore) ts = new_closed_genealogy ();
  g_autofree char *out = NULL, *err = NULL, *bad_out = NULL, *bad_err = NULL, *csv_out = NULL;

  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "check", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Stock agrees with the events"));
  g_assert_cmpstr (err, ==, "");

  exec_sql (ts->path, "UPDATE stock SET quantity = quantity + 5000 WHERE lot_id = (SELECT id FROM lot WHERE code = 'JAR-1')");

  g_assert_cmpint (run_cli (&bad_out, &bad_err, "--database", ts->path, "check", NULL), ==, 1);
  g_assert_cmpstr (bad_out, ==,
                   "Lot    Product  Location  In stock table  From events\n"
                   "-----  -------  --------  --------------  -----------\n"
                   "JAR-1  FIN-JAR  WH1               65 jar       60 jar\n");
  g_assert_true (g_str_has_prefix (bad_err, "1 stock entry disagrees with the events"));

  g_assert_cmpint (run_cli (&csv_out, NULL, "--database", ts->path, "--format", "csv", "check", NULL), ==, 1);
  g_assert_cmpstr (csv_out, ==,
                   "lot_id,lot,product,location_id,location,stored,rebuilt,unit\r\n"
                   "4,JAR-1,FIN-JAR,1,WH1,65,60,jar\r\n");
}

static void
test_unknown_lot (void)
{
  g_autoptr(LotlineTestStore) ts = new_closed_genealogy ();
  g_autofree char *out = NULL, *err = NULL, *trace_out = NULL, *trace_err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "lot", "show", "NOPE", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "There is no lot “NOPE”. Check the lot code.\n");

  g_assert_cmpint (run_cli (&trace_out, &trace_err, "--database", ts->path, "--format", "json",
                            "trace", "NOPE", "--product", "RAW-STRAW", "--direction", "up", NULL), ==, 1);
  g_assert_cmpstr (trace_out, ==, "");
  g_assert_nonnull (strstr (trace_err, "NOPE"));
}

static void
assert_usage_error (const char *expected_message, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) cli_path);
  va_start (args, expected_message);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_cmpint (lotline_test_run ((const char * const *) argv->pdata, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  if (strstr (err, expected_message) == NULL)
    g_error ("“%s” not in “%s”", expected_message, err);
  g_assert_nonnull (strstr (err, "--help"));
}

static void
test_usage (void)
{
  g_autoptr(LotlineTestStore) ts = new_closed_genealogy ();
  g_autofree char *help = NULL, *env_out = NULL, *trace_help = NULL, *bench_help = NULL;
  g_autofree char *no_command_out = NULL, *no_command_err = NULL;

  assert_usage_error ("No database was given", "info", NULL);
  assert_usage_error ("No database was given", "trace", "STR-1", "--direction", "down", NULL);
  assert_usage_error ("There is no command “frobnicate”", "--database", ts->path, "frobnicate", NULL);
  assert_usage_error ("“lot show”", "--database", ts->path, "lot", NULL);
  assert_usage_error ("There is no format “xml”", "--database", ts->path, "--format", "xml", "info", NULL);
  assert_usage_error ("--direction", "--database", ts->path, "trace", "STR-1", NULL);
  assert_usage_error ("There is no direction “sideways”", "--database", ts->path, "trace", "STR-1",
                      "--direction", "sideways", NULL);
  assert_usage_error ("Unknown option --colour", "--database", ts->path, "trace", "STR-1", "--colour", NULL);
  assert_usage_error ("Wrong number of arguments", "--database", ts->path, "lot", "show", NULL);
  assert_usage_error ("no part “nothing”", "--database", ts->path, "--only", "nothing", "info", NULL);

  g_assert_cmpint (run_cli (&help, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (help, "Commands:"));
  g_assert_nonnull (strstr (help, "audit verify"));
  g_assert_cmpint (run_cli (&trace_help, NULL, "help", "trace", NULL), ==, 0);
  g_assert_nonnull (strstr (trace_help, "--direction"));
  g_assert_cmpint (run_cli (&bench_help, NULL, "bench", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (bench_help, "--scales"));
  g_assert_cmpint (run_cli (&no_command_out, &no_command_err, NULL), ==, 2);
  g_assert_cmpstr (no_command_out, ==, "");
  g_assert_nonnull (strstr (no_command_err, "Commands:"));

  /* $LOTLINE_DATABASE stands in for --database. */
  g_setenv ("LOTLINE_DATABASE", ts->path, TRUE);
  g_assert_cmpint (run_cli (&env_out, NULL, "info", NULL), ==, 0);
  g_unsetenv ("LOTLINE_DATABASE");
  g_assert_nonnull (strstr (env_out, ts->path));
}

static void
test_backup (void)
{
  g_autoptr(LotlineTestStore) ts = new_closed_genealogy ();
  g_autofree char *dest = g_build_filename (ts->dir, "copy.lotline", NULL);
  g_autofree char *out = NULL, *info = NULL, *again_err = NULL, *self_err = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "--database", ts->path, "backup", dest, NULL), ==, 0);
  g_assert_nonnull (strstr (out, dest));
  g_assert_cmpint (run_cli (&info, NULL, "--database", dest, "--format", "csv", "--only", "database", "info", NULL), ==, 0);
  {
    g_autofree char *counts = g_strdup_printf (",%d,6,5,4,4,5,", LOTLINE_SCHEMA_VERSION);

    g_assert_nonnull (strstr (info, counts));
  }

  g_assert_cmpint (run_cli (NULL, &again_err, "--database", ts->path, "backup", dest, NULL), ==, 1);
  g_assert_nonnull (strstr (again_err, "already exists"));
  g_assert_cmpint (run_cli (NULL, NULL, "--database", ts->path, "backup", "--force", dest, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, &self_err, "--database", ts->path, "backup", "--force", ts->path, NULL), ==, 1);
  g_assert_nonnull (strstr (self_err, "is the database itself"));
}

static void
test_import_bad (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *csv = g_build_filename (ts->dir, "products.csv", NULL);
  g_autofree char *fresh = g_build_filename (ts->dir, "fresh.lotline", NULL);
  g_autofree char *out = NULL, *err = NULL, *export_dir = NULL, *ok_out = NULL;
  LotlineStoreCounts counts;
  g_autoptr(GError) error = NULL;

  /* Write a good export first, so the header is exactly what the import
   * expects, then spoil two rows. */
  lotline_test_store_add_basics (ts);
  g_clear_object (&ts->store);
  export_dir = g_build_filename (ts->dir, "export", NULL);
  g_assert_cmpint (run_cli (&ok_out, NULL, "--database", ts->path, "export", export_dir, NULL), ==, 0);
  {
    g_autofree char *exported = g_build_filename (export_dir, "products.csv", NULL);
    g_autofree char *contents = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(GString) spoiled = g_string_new (NULL);

    g_assert_true (g_file_get_contents (exported, &contents, NULL, NULL));
    lines = g_strsplit (contents, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), >=, 4);
    g_string_append_printf (spoiled, "%s\n%s\n", lines[0], lines[1]);
    /* Line 3: an empty SKU; line 4: the same SKU as line 2. */
    g_string_append_printf (spoiled, "%s\n", strchr (lines[2], ','));
    g_string_append_printf (spoiled, "%s\n", lines[1]);
    g_assert_true (g_file_set_contents (csv, spoiled->str, -1, NULL));
  }

  g_assert_cmpint (run_cli (&out, &err, "--database", fresh, "import", csv, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  /* "file:line: message", the file named as the core names it. */
  if (strstr (err, "products.csv:3: ") == NULL || strstr (err, "products.csv:4: ") == NULL ||
      strstr (err, "nothing was imported") == NULL)
    g_error ("expected problems on lines 3 and 4, got: %s", err);
  /* The import was to create the database; it failed, so there is none. */
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));

  /* Into an existing database: still nothing is written. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "import", csv, NULL), ==, 1);
  ts->store = lotline_store_open (ts->path, LOTLINE_STORE_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (lotline_store_get_counts (ts->store, &counts, &error));
  g_assert_cmpint (counts.products, ==, 6);
}

static void
test_graph (void)
{
  g_autoptr(LotlineTestStore) ts = new_closed_genealogy ();
  g_autofree char *pdf = g_build_filename (ts->dir, "genealogy.pdf", NULL);
  g_autofree char *png = g_build_filename (ts->dir, "genealogy.png", NULL);
  g_autofree char *bad = g_build_filename (ts->dir, "genealogy.bmp", NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  const char *pdftotext[] = { "pdftotext", pdf, "-", NULL };
  static const guchar png_magic[] = { 0x89, 'P', 'N', 'G' };
  g_autofree char *png_data = NULL;
  gsize png_len = 0;

  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "graph", "STR-1", "--direction", "down",
                            "-o", pdf, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "genealogy.pdf"));
  g_assert_cmpstr (err, ==, "");

  /* The PDF keeps its text: every lot and the customer are on the page. */
  g_assert_cmpint (lotline_test_run (pdftotext, &text, NULL), ==, 0);
  g_assert_nonnull (strstr (text, "STR-1"));
  g_assert_nonnull (strstr (text, "BASE-1"));
  g_assert_nonnull (strstr (text, "JAR-1"));
  g_assert_nonnull (strstr (text, "Corner Grocery"));
  /* Upstream lots are not in a downstream graph. */
  g_assert_null (strstr (text, "SUG-1"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "graph", "JAR-1", "--direction", "up",
                            "--dark", "-o", png, NULL), ==, 0);
  g_assert_true (g_file_get_contents (png, &png_data, &png_len, NULL));
  g_assert_cmpuint (png_len, >, 1000);
  g_assert_cmpmem (png_data, 4, png_magic, 4);

  /* No output file is a usage error; an unknown extension a clear one. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "graph", "JAR-1", "--direction", "up", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "-o"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "graph", "JAR-1", "--direction", "up",
                            "-o", bad, NULL), ==, 1);
  g_assert_nonnull (strstr (err, ".pdf"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

static void
test_demo_trace (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *path = g_build_filename (ts->dir, "demo.lotline", NULL);
  g_autofree char *out = NULL, *err = NULL, *again_err = NULL, *trace_out = NULL;
  g_autoptr(LotlineStore) store = NULL;
  g_autoptr(LotlineLot) lot = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *nodes, *balance;
  gint64 lot_id = 0;

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "demo", "--scale", "0.02", "--seed", "7",
                            "--today", "2026-03-01", "--format", "json", NULL), ==, 0);
  root = parse_json (out);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (root), "demo"),
                                               "lots"), >, 0);
  g_clear_pointer (&root, json_node_unref);

  /* A second demo into the same file is refused. */
  g_assert_cmpint (run_cli (NULL, &again_err, "--database", path, "demo", NULL), ==, 1);
  g_assert_nonnull (strstr (again_err, "already holds data"));

  g_assert_cmpint (run_cli (NULL, NULL, "--database", path, "check", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "--database", path, "audit", "verify", NULL), ==, 0);

  /* Trace a lot that went into production, both ways. */
  store = lotline_store_open (path, LOTLINE_STORE_READ_ONLY, &error);
  g_assert_no_error (error);
  for (gint64 id = 1; lot_id == 0; id++)
    {
      g_autoptr(LotlineLot) candidate = lotline_store_get_lot (store, id, &error);

      g_assert_no_error (error);
      if (candidate->product_kind == LOTLINE_PRODUCT_INTERMEDIATE || candidate->product_kind == LOTLINE_PRODUCT_FINISHED)
        lot_id = id;
    }
  lot = lotline_store_get_lot (store, lot_id, &error);
  g_clear_object (&store);

  g_assert_cmpint (run_cli (&trace_out, NULL, "--database", path, "--format", "json", "trace", lot->code,
                            "--product", lot->product_sku, "--direction", "both", NULL), ==, 0);
  root = parse_json (trace_out);
  nodes = json_object_get_array_member (json_node_get_object (root), "nodes");
  balance = json_object_get_array_member (json_node_get_object (root), "balance");
  g_assert_cmpuint (json_array_get_length (nodes), >, 1);
  g_assert_cmpuint (json_array_get_length (balance), >, 1);
  for (guint i = 0; i < json_array_get_length (balance); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (balance, i), "gap"), ==, "0");
}

/* The genealogy, plus two more lots of jam and an expired lot of
 * strawberries:
 *
 *   JAR-1  60 jar  WH1  produced 2026-03-03, expires 2026-03-11
 *   JAR-2  50 jar  WH2  received 2026-02-25, expires 2026-06-30
 *   JAR-3  20 jar  WH1  received 2026-03-01, expires 2026-03-20
 *   STR-OLD 10 kg  WH2  received 2026-02-01, expired 2026-03-01
 */
static LotlineTestStore *
new_closed_expiry_ledger (void)
{
  LotlineTestStore *ts = lotline_test_store_new ();

  build_genealogy (ts);
  lotline_test_receive (ts, ts->jam_jar, "JAR-2", ts->wh2, 50 * LOTLINE_QTY_ONE, "2026-02-25", "2026-06-30");
  lotline_test_receive (ts, ts->jam_jar, "JAR-3", ts->wh1, 20 * LOTLINE_QTY_ONE, "2026-03-01", "2026-03-20");
  lotline_test_receive (ts, ts->fruit, "STR-OLD", ts->wh2, 10 * LOTLINE_QTY_ONE, "2026-02-01", "2026-03-01");
  g_clear_object (&ts->store);
  return ts;
}

static void
test_allocate (void)
{
  g_autoptr(LotlineTestStore) ts = new_closed_expiry_ledger ();
  g_autofree char *out = NULL, *err = NULL, *set_out = NULL, *csv_out = NULL, *csv_err = NULL;
  g_autofree char *fifo_out = NULL, *json_out = NULL, *bad_err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *allocation, *skip;

  g_assert_cmpint (run_cli (&set_out, NULL, "--database", ts->path, "policy", "set", "--customer", "CUS-2",
                            "--days", "7", NULL), ==, 0);
  g_assert_cmpstr (set_out, ==, "CUS-2 now needs: at least 7 days (the customer’s own).\n");

  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "allocate", "--customer", "CUS-2",
                            "--product", "FIN-JAR", "--quantity", "80", "--date", "2026-03-10", NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "Allocation\n"
                   "  Customer:            CUS-2\n"
                   "  Customer name:       Big Box Retail\n"
                   "  Product:             FIN-JAR\n"
                   "  Delivery date:       2026-03-10\n"
                   "  Order:               first to expire first (FEFO)\n"
                   "  Minimum shelf life:  at least 7 days (the customer’s own)\n"
                   "  Ordered:             80 jar\n"
                   "  Allocated:           70 jar\n"
                   "  Short:               10 jar\n"
                   "  Unit:                jar\n"
                   "\n"
                   "Proposed lots\n"
                   "  Lot    Location  Quantity  Expires     Days left  Made or received\n"
                   "  -----  --------  --------  ----------  ---------  ----------------\n"
                   "  JAR-3  WH1         20 jar  2026-03-20         10  2026-03-01\n"
                   "  JAR-2  WH2         50 jar  2026-06-30        112  2026-02-25\n"
                   "\n"
                   "Skipped lots\n"
                   "  Lot    Location  On hand  Expires     Days left  Why\n"
                   "  -----  --------  -------  ----------  ---------  -----------------------------------------------------------------------------------------------------\n"
                   "  JAR-1             60 jar  2026-03-11          1  Lot JAR-1 would have 1 day of shelf life left on 2026-03-10; Big Box Retail requires at least 7 days.\n");
  /* A shortfall is said, and is not a failure. */
  g_assert_cmpstr (err, ==,
                   "Only 70 of the 80 jar of FIN-JAR ordered can be allocated for delivery to Big Box Retail on 2026-03-10: 10 jar short.\n");

  g_assert_cmpint (run_cli (&csv_out, &csv_err, "--database", ts->path, "--format", "csv", "--only", "picks",
                            "allocate", "--customer", "CUS-2", "--product", "FIN-JAR", "--quantity", "60",
                            "--date", "2026-03-10", NULL), ==, 0);
  g_assert_cmpstr (csv_out, ==,
                   "lot_id,lot,location_id,location,quantity,expires_on,days_left,dated_on,unit\r\n"
                   "6,JAR-3,1,WH1,20,2026-03-20,10,2026-03-01,jar\r\n"
                   "5,JAR-2,2,WH2,40,2026-06-30,112,2026-02-25,jar\r\n");
  g_assert_cmpstr (csv_err, ==, "");

  /* Oldest first: the jam received in February goes first. */
  g_assert_cmpint (run_cli (&fifo_out, NULL, "--database", ts->path, "--format", "csv", "--only", "picks",
                            "allocate", "--customer", "CUS-2", "--product", "FIN-JAR", "--quantity", "60",
                            "--date", "2026-03-10", "--fifo", NULL), ==, 0);
  g_assert_cmpstr (fifo_out, ==,
                   "lot_id,lot,location_id,location,quantity,expires_on,days_left,dated_on,unit\r\n"
                   "5,JAR-2,2,WH2,50,2026-06-30,112,2026-02-25,jar\r\n"
                   "6,JAR-3,1,WH1,10,2026-03-20,10,2026-03-01,jar\r\n");

  /* The customer without a policy takes JAR-1 on its last day. */
  g_assert_cmpint (run_cli (&json_out, NULL, "--database", ts->path, "--format", "json", "allocate",
                            "--customer", "CUS-1", "--product", "FIN-JAR", "--quantity", "200", "--date", "2026-03-11",
                            NULL), ==, 0);
  root = parse_json (json_out);
  allocation = json_object_get_object_member (json_node_get_object (root), "allocation");
  g_assert_cmpstr (json_object_get_string_member (allocation, "allocated"), ==, "130");
  g_assert_cmpstr (json_object_get_string_member (allocation, "shortfall"), ==, "70");
  g_assert_cmpstr (json_object_get_string_member (allocation, "policy_level"), ==, "none");
  g_assert_true (json_object_get_null_member (allocation, "min_days"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "picks")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "skipped")), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&json_out, g_free);

  /* A day later it has expired. */
  g_assert_cmpint (run_cli (&json_out, NULL, "--database", ts->path, "--format", "json", "allocate",
                            "--customer", "CUS-1", "--product", "FIN-JAR", "--quantity", "10", "--date", "2026-03-12",
                            NULL), ==, 0);
  root = parse_json (json_out);
  skip = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "skipped"), 0);
  g_assert_cmpstr (json_object_get_string_member (skip, "lot"), ==, "JAR-1");
  g_assert_cmpstr (json_object_get_string_member (skip, "reason"), ==, "expired");
  g_assert_cmpint (json_object_get_int_member (skip, "days_left"), ==, -1);

  assert_usage_error ("--customer", "--database", ts->path, "allocate", "--product", "FIN-JAR", "--quantity", "1", NULL);
  assert_usage_error ("--quantity", "--database", ts->path, "allocate", "--customer", "CUS-1", "--product", "FIN-JAR", NULL);
  assert_usage_error ("--days", "--database", ts->path, "policy", "set", "--customer", "CUS-1", NULL);
  g_assert_cmpint (run_cli (NULL, &bad_err, "--database", ts->path, "allocate", "--customer", "SUP-1",
                            "--product", "FIN-JAR", "--quantity", "1", NULL), ==, 1);
  g_assert_nonnull (strstr (bad_err, "supplier"));
}

static void
test_expiring (void)
{
  g_autoptr(LotlineTestStore) ts = new_closed_expiry_ledger ();
  g_autofree char *out = NULL, *err = NULL, *expired_out = NULL, *csv_out = NULL, *none_out = NULL;
  g_autofree char *write_out = NULL, *write_err = NULL, *after = NULL, *waste_out = NULL;
  g_autofree char *chart = g_build_filename (ts->dir, "waste.pdf", NULL);

  g_assert_cmpint (run_cli (&out, &err, "--database", ts->path, "--today", "2026-03-05",
                            "expiring", "--within", "7", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==,
                   "Lot     Product    Status    Expires     Days left  On hand  Locations  Supplier\n"
                   "------  ---------  --------  ----------  ---------  -------  ---------  -----------\n"
                   "STR-1   RAW-STRAW  released  2026-03-11          6    60 kg  WH1        Berry Farms\n"
                   "BASE-1  INT-BASE   released  2026-03-11          6    30 kg  WH1\n"
                   "JAR-1   FIN-JAR    released  2026-03-11          6   60 jar  WH1\n");

  g_assert_cmpint (run_cli (&expired_out, NULL, "--database", ts->path, "--today", "2026-03-05", "--format", "csv",
                            "expiring", "--expired", NULL), ==, 0);
  g_assert_cmpstr (expired_out, ==,
                   "lot_id,lot,product,status,expires_on,days_left,on_hand,locations,supplier,unit\r\n"
                   "7,STR-OLD,RAW-STRAW,expired,2026-03-01,-4,10,WH2,Berry Farms,kg\r\n");

  g_assert_cmpint (run_cli (&csv_out, NULL, "--database", ts->path, "--today", "2026-03-05", "--format", "csv",
                            "expiring", "--within", "30", "--product", "FIN-JAR", "--location", "WH1", NULL), ==, 0);
  g_assert_cmpstr (csv_out, ==,
                   "lot_id,lot,product,status,expires_on,days_left,on_hand,locations,supplier,unit\r\n"
                   "4,JAR-1,FIN-JAR,released,2026-03-11,6,60,WH1,,jar\r\n"
                   "6,JAR-3,FIN-JAR,released,2026-03-20,15,20,WH1,Berry Farms,jar\r\n");

  g_assert_cmpint (run_cli (&none_out, NULL, "--database", ts->path, "--today", "2026-03-05",
                            "expiring", "--within", "0", NULL), ==, 0);
  g_assert_cmpstr (none_out, ==, "No lot on hand expires in that time.\n");
  assert_usage_error ("not both", "--database", ts->path, "expiring", "--within", "3", "--expired", NULL);

  /* Write the expired lot off; it is gone from the list and in the waste. */
  g_assert_cmpint (run_cli (&write_out, &write_err, "--database", ts->path, "--today", "2026-03-05",
                            "write-off", "STR-OLD", NULL), ==, 0);
  g_assert_cmpstr (write_out, ==, "Wrote off 10 kg of lot STR-OLD (RAW-STRAW) as expired.\n");
  g_assert_cmpint (run_cli (&after, NULL, "--database", ts->path, "--today", "2026-03-05", "--format", "csv",
                            "expiring", "--expired", NULL), ==, 0);
  g_assert_cmpstr (after, ==, "lot_id,lot,product,status,expires_on,days_left,on_hand,locations,supplier,unit\r\n");
  g_clear_pointer (&write_err, g_free);
  g_assert_cmpint (run_cli (NULL, &write_err, "--database", ts->path, "--today", "2026-03-05",
                            "write-off", "JAR-1", NULL), ==, 1);
  g_assert_nonnull (strstr (write_err, "usable through that day"));

  g_assert_cmpint (run_cli (&waste_out, NULL, "--database", ts->path, "--today", "2026-03-05", "--format", "csv",
                            "--only", "waste", "waste", "--by", "supplier", "--quantity", "-o", chart, NULL), ==, 0);
  g_assert_cmpstr (waste_out, ==,
                   "key,name,unit,2025-04,2025-05,2025-06,2025-07,2025-08,2025-09,2025-10,2025-11,2025-12,2026-01,2026-02,2026-03,total\r\n"
                   "SUP-1,Berry Farms,kg,0,0,0,0,0,0,0,0,0,0,0,10,10\r\n");
  g_assert_true (g_file_test (chart, G_FILE_TEST_EXISTS));
}

/* lot-format: set the site's and a product's format, make the next code
 * after the lots there are, and read a code back. */
static void
test_lot_format (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *set_out = NULL, *own_out = NULL, *next_out = NULL, *json_out = NULL, *parse_out = NULL;
  g_autofree char *bad_err = NULL, *nomatch_err = NULL, *show_out = NULL, *unset_err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *next;

  lotline_test_store_add_basics (ts);
  lotline_test_receive (ts, ts->jam_jar, "260305-P2-004", ts->wh1, LOTLINE_QTY_ONE, "2026-03-05", NULL);
  lotline_test_receive (ts, ts->jam_jar, "260305-P1-006", ts->wh1, LOTLINE_QTY_ONE, "2026-03-05", NULL);
  g_clear_object (&ts->store);

  /* Without a format there is nothing to make, and the message says how to set one. */
  g_assert_cmpint (run_cli (NULL, &unset_err, "--database", ts->path, "lot-format", "next", "FIN-JAR", NULL), ==, 1);
  g_assert_nonnull (strstr (unset_err, "lot-format set TEMPLATE"));

  g_assert_cmpint (run_cli (&set_out, NULL, "--database", ts->path, "lot-format", "set",
                            "{YYMMDD}-{FACILITY:1}{LINE:1}-{SEQ:3}", "--facility", "P", "--line", "2", NULL), ==, 0);
  g_assert_cmpstr (set_out, ==, "Lot codes now follow {YYMMDD}-{FACILITY:1}{LINE:1}-{SEQ:3}.\n"
                                "The facility, line and shift are saved.\n");
  g_assert_cmpint (run_cli (&next_out, NULL, "--database", ts->path, "lot-format", "next", "FIN-JAR",
                            "--date", "2026-03-05", NULL), ==, 0);
  g_assert_cmpstr (next_out, ==, "Product:  FIN-JAR\nDate:     2026-03-05\nCode:     260305-P2-005\n");

  /* A product's own format wins over the site's. */
  g_assert_cmpint (run_cli (&own_out, NULL, "--database", ts->path, "lot-format", "set", "--product", "RAW-SUGAR",
                            "S{YYDDD}{SEQ:2}", NULL), ==, 0);
  g_assert_cmpstr (own_out, ==, "Lot codes of RAW-SUGAR now follow S{YYDDD}{SEQ:2}.\n");
  g_assert_cmpint (run_cli (&json_out, NULL, "--database", ts->path, "--format", "json", "--today", "2026-03-05",
                            "lot-format", "next", "RAW-SUGAR", NULL), ==, 0);
  root = parse_json (json_out);
  next = json_object_get_object_member (json_node_get_object (root), "next");
  g_assert_cmpstr (json_object_get_string_member (next, "code"), ==, "S2606401");
  g_assert_cmpstr (json_object_get_string_member (next, "date"), ==, "2026-03-05");

  g_assert_cmpint (run_cli (&show_out, NULL, "--database", ts->path, "--format", "csv", "lot-format", "show", NULL), ==, 0);
  g_assert_cmpstr (show_out, ==,
                   "format,facility,line,shift\r\n{YYMMDD}-{FACILITY:1}{LINE:1}-{SEQ:3},P,2,\r\n\r\n"
                   "product,name,format\r\nRAW-SUGAR,Sugar,S{YYDDD}{SEQ:2}\r\n");

  /* An existing lot's code is read with its product's format. */
  g_assert_cmpint (run_cli (&parse_out, NULL, "--database", ts->path, "lot-format", "parse", "260305-P1-006", NULL), ==, 0);
  g_assert_nonnull (strstr (parse_out, "Date:          2026-03-05\n"));
  g_assert_nonnull (strstr (parse_out, "Facility:      P\n"));
  g_assert_nonnull (strstr (parse_out, "Line:          1\n"));
  g_assert_nonnull (strstr (parse_out, "Sequence:      6\n"));
  g_assert_cmpint (run_cli (NULL, &nomatch_err, "--database", ts->path, "lot-format", "parse", "X-1",
                            "--product", "FIN-JAR", NULL), ==, 1);
  g_assert_nonnull (strstr (nomatch_err, "does not follow the format"));

  /* A template that is not one changes nothing. */
  g_assert_cmpint (run_cli (NULL, &bad_err, "--database", ts->path, "lot-format", "set", "{WEEK}", NULL), ==, 1);
  g_assert_nonnull (strstr (bad_err, "{WEEK}"));
  g_clear_pointer (&next_out, g_free);
  g_assert_cmpint (run_cli (&next_out, NULL, "--database", ts->path, "lot-format", "next", "FIN-JAR",
                            "--date", "2026-03-05", NULL), ==, 0);
  g_assert_nonnull (strstr (next_out, "260305-P2-005"));
  assert_usage_error ("TEMPLATE", "--database", ts->path, "lot-format", "set", NULL);
}

int
main (int argc, char **argv)
{
  cli_path = lotline_test_cli_init (&argc, &argv);
  if (cli_path == NULL)
    return 1;
  /* Tests set it themselves where they need it. */
  g_unsetenv ("LOTLINE_DATABASE");

  g_test_add_func ("/lotline/cli/info", test_info);
  g_test_add_func ("/lotline/cli/lot-show", test_lot_show);
  g_test_add_func ("/lotline/cli/lot-ambiguous", test_lot_ambiguous);
  g_test_add_func ("/lotline/cli/trace-csv", test_trace_csv);
  g_test_add_func ("/lotline/cli/trace-json", test_trace_json);
  g_test_add_func ("/lotline/cli/audit-verify", test_audit_verify);
  g_test_add_func ("/lotline/cli/check", test_check);
  g_test_add_func ("/lotline/cli/unknown-lot", test_unknown_lot);
  g_test_add_func ("/lotline/cli/usage", test_usage);
  g_test_add_func ("/lotline/cli/backup", test_backup);
  g_test_add_func ("/lotline/cli/import-bad", test_import_bad);
  g_test_add_func ("/lotline/cli/graph", test_graph);
  g_test_add_func ("/lotline/cli/demo-trace", test_demo_trace);
  g_test_add_func ("/lotline/cli/allocate", test_allocate);
  g_test_add_func ("/lotline/cli/expiring", test_expiring);
  g_test_add_func ("/lotline/cli/lot-format", test_lot_format);
  return g_test_run ();
}
