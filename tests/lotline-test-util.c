/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "lotline-demo.h"
#include "lotline-test-util.h"

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

LotlineTestStore *
lotline_test_store_new (void)
{
  LotlineTestStore *ts = g_new0 (LotlineTestStore, 1);
  g_autoptr(GError) error = NULL;

  ts->dir = g_dir_make_tmp ("lotline-test-XXXXXX", &error);
  g_assert_no_error (error);
  ts->path = g_build_filename (ts->dir, "test.lotline", NULL);
  ts->store = lotline_store_open (ts->path, LOTLINE_STORE_CREATE, &error);
  g_assert_no_error (error);
  lotline_store_set_user (ts->store, "tester");
  return ts;
}

void
lotline_test_store_free (LotlineTestStore *ts)
{
  g_clear_object (&ts->store);
  remove_tree (ts->dir);
  g_free (ts->dir);
  g_free (ts->path);
  g_free (ts);
}

LotlineTestStore *
lotline_test_demo_store_new (const char *today)
{
  LotlineTestStore *ts = lotline_test_store_new ();
  LotlineDemoOptions options = { .scale = 0.05, .seed = 7, .today = today };
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_demo_generate (ts->store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return ts;
}

static gint64
add_product (LotlineTestStore *ts, const char *sku, const char *name, LotlineProductKind kind,
             int shelf_life, LotlineTracking tracking, const char *unit)
{
  LotlineProductSpec spec = {
    .sku = sku, .name = name, .kind = kind, .unit = unit,
    .shelf_life_days = shelf_life, .tracking = tracking,
  };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (lotline_store_add_product (ts->store, &spec, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
add_party (LotlineTestStore *ts, const char *code, const char *name, LotlinePartyKind kind)
{
  LotlinePartySpec spec = {
    .code = code, .name = name, .kind = kind, .city = "Springfield", .country = "US",
    .min_shelf_life_days = -1,
  };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (lotline_store_add_party (ts->store, &spec, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
add_location (LotlineTestStore *ts, const char *code, LotlineLocationKind kind)
{
  LotlineLocationSpec spec = { .code = code, .name = code, .kind = kind };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (lotline_store_add_location (ts->store, &spec, &id, &error));
  g_assert_no_error (error);
  return id;
}

void
lotline_test_store_add_basics (LotlineTestStore *ts)
{
  ts->fruit = add_product (ts, "RAW-STRAW", "Strawberries", LOTLINE_PRODUCT_RAW, 10, LOTLINE_TRACKING_LOT, "kg");
  ts->sugar = add_product (ts, "RAW-SUGAR", "Sugar", LOTLINE_PRODUCT_RAW, 720, LOTLINE_TRACKING_LOT, "kg");
  ts->pectin = add_product (ts, "RAW-PECTIN", "Pectin", LOTLINE_PRODUCT_RAW, 540, LOTLINE_TRACKING_LOT, "kg");
  ts->jam_base = add_product (ts, "INT-BASE", "Strawberry jam base", LOTLINE_PRODUCT_INTERMEDIATE, 30, LOTLINE_TRACKING_LOT, "kg");
  ts->jam_jar = add_product (ts, "FIN-JAR", "Strawberry jam 340 g", LOTLINE_PRODUCT_FINISHED, 365, LOTLINE_TRACKING_LOT, "jar");
  ts->serial_tank = add_product (ts, "EQ-TANK", "Mixing tank", LOTLINE_PRODUCT_PACKAGING, -1, LOTLINE_TRACKING_SERIAL, "ea");

  ts->supplier = add_party (ts, "SUP-1", "Berry Farms", LOTLINE_PARTY_SUPPLIER);
  ts->supplier2 = add_party (ts, "SUP-2", "Sweet Co", LOTLINE_PARTY_SUPPLIER);
  ts->customer = add_party (ts, "CUS-1", "Corner Grocery", LOTLINE_PARTY_CUSTOMER);
  ts->customer2 = add_party (ts, "CUS-2", "Big Box Retail", LOTLINE_PARTY_CUSTOMER);
  ts->site = add_party (ts, "SITE-1", "Main plant", LOTLINE_PARTY_SITE);

  ts->wh1 = add_location (ts, "WH1", LOTLINE_LOCATION_WAREHOUSE);
  ts->wh2 = add_location (ts, "WH2", LOTLINE_LOCATION_WAREHOUSE);
  ts->production = add_location (ts, "PROD", LOTLINE_LOCATION_PRODUCTION);
  ts->quarantine = add_location (ts, "QUAR", LOTLINE_LOCATION_QUARANTINE);
}

gint64
lotline_test_date (const char *date)
{
  gint64 unix_utc = 0;

  g_assert_true (lotline_instant_parse (date, &unix_utc));
  return unix_utc + 12 * 3600;
}

gint64
lotline_test_receive (LotlineTestStore *ts, gint64 product, const char *code, gint64 location,
                      gint64 quantity, const char *date, const char *expires_on)
{
  LotlineLotSpec lot = { .product_id = product, .code = code, .expires_on = expires_on };
  LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .new_lot = &lot, .location_id = location, .quantity = quantity };
  LotlineEventSpec event = {
    .kind = LOTLINE_EVENT_RECEIVE, .occurred_at = lotline_test_date (date),
    .party_id = ts->supplier, .doc_type = "PO", .doc_number = code, .lines = &line, .n_lines = 1,
  };
  g_autoptr(GError) error = NULL;
  gint64 lot_id = 0;

  g_assert_true (lotline_store_record_event (ts->store, &event, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lotline_store_find_lot (ts->store, NULL, code, &lot_id, &error));
  return lot_id;
}

gint64
lotline_test_produce (LotlineTestStore *ts, const gint64 *inputs, const gint64 *input_qty, guint n_inputs,
                      gint64 product, const char *code, gint64 out_qty, const char *date)
{
  g_autofree LotlineLineSpec *lines = g_new0 (LotlineLineSpec, n_inputs + 1);
  LotlineLotSpec lot = { .product_id = product, .code = code };
  LotlineEventSpec event = {
    .kind = LOTLINE_EVENT_PRODUCE, .occurred_at = lotline_test_date (date),
    .doc_type = "batch record", .doc_number = code, .lines = lines, .n_lines = n_inputs + 1,
  };
  g_autoptr(GError) error = NULL;
  gint64 lot_id = 0;

  for (guint i = 0; i < n_inputs; i++)
    lines[i] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = inputs[i],
                                   .location_id = ts->wh1, .quantity = input_qty[i] };
  lines[n_inputs] = (LotlineLineSpec) { .role = LOTLINE_LINE_OUTPUT, .new_lot = &lot,
                                        .location_id = ts->wh1, .quantity = out_qty };

  g_assert_true (lotline_store_record_event (ts->store, &event, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lotline_store_find_lot (ts->store, NULL, code, &lot_id, &error));
  return lot_id;
}

gint64
lotline_test_ship (LotlineTestStore *ts, gint64 customer, gint64 lot, gint64 location,
                   gint64 quantity, const char *date)
{
  LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = lot, .location_id = location, .quantity = quantity };
  LotlineEventSpec event = {
    .kind = LOTLINE_EVENT_SHIP, .occurred_at = lotline_test_date (date), .party_id = customer,
    .doc_type = "BOL", .doc_number = "BOL-1", .lines = &line, .n_lines = 1,
  };
  g_autoptr(GError) error = NULL;
  gint64 event_id = 0;

  g_assert_true (lotline_store_record_event (ts->store, &event, &event_id, &error));
  g_assert_no_error (error);
  return event_id;
}

int
lotline_test_run (const char * const *argv, char **out, char **err)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return -1;
}

int
lotline_test_run_program (char **out, char **err, const char *program, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *ignored_out = NULL, *ignored_err = NULL;
  va_list args;
  int status;

  g_ptr_array_add (argv, (gpointer) program);
  va_start (args, program);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  status = lotline_test_run ((const char * const *) argv->pdata,
                             out ? out : &ignored_out, err ? err : &ignored_err);
  g_test_message ("%s %s exited with %d", program, argv->len > 2 ? (const char *) argv->pdata[1] : "", status);
  return status;
}

char *
lotline_test_pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { pdftotext, "-layout", path, "-", NULL };
  g_autofree char *ignored_err = NULL;
  char *text = NULL;

  g_assert_nonnull (pdftotext);
  g_assert_cmpint (lotline_test_run (argv, &text, &ignored_err), ==, 0);
  return text;
}

guint
lotline_test_count_occurrences (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

const char *
lotline_test_cli_init (int *argc, char ***argv)
{
  const char *path;

  g_test_init (argc, argv, NULL);
  path = g_getenv ("LOTLINE_CLI");

  if (path == NULL)
    g_printerr ("LOTLINE_CLI is not set; run this test through meson.\n");
  return path;
}
