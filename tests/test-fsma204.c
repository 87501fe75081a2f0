/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "lotline-fsma204.h"
#include "lotline-recall.h"
#include "lotline-store-private.h"
#include "lotline-test-genealogy.h"
#include "lotline-xlsx.h"

#define Q(units) ((gint64) (units) * LOTLINE_QTY_ONE)

static const char * const sheet_names[] = { "Receiving", "Transformation", "Shipping" };
static const char * const csv_names[] = { "receiving.csv", "transformation.csv", "shipping.csv" };

/* ---- a small RFC 4180 reader, independent of the code under test ------- */

/* Records end in CRLF when @crlf (a bare LF outside quotes is then a
 * fault), in LF otherwise. */
static GPtrArray *
read_csv_lines (const char *path, gboolean crlf)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (data, (gssize) length, NULL));
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (quoted && c == '"' && i + 1 < length && data[i + 1] == '"')
        g_string_append_c (field, data[i++]);
      else if (c == '"')
        quoted = !quoted;
      else if (quoted || (c != ',' && c != '\r' && c != '\n'))
        g_string_append_c (field, c);
      else
        {
          if (c == '\r' || (c == '\n' && crlf))
            {
              g_assert_true (crlf && c == '\r' && i + 1 < length && data[i + 1] == '\n');
              i++;
            }
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          if (c != ',')
            {
              g_ptr_array_add (rows, row);
              row = g_ptr_array_new_with_free_func (g_free);
            }
        }
    }
  g_assert_false (quoted);
  g_assert_cmpuint (row->len, ==, 0);
  g_assert_cmpuint (field->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static GPtrArray *
read_csv (const char *path)
{
  return read_csv_lines (path, TRUE);
}

static GPtrArray *
read_csv_lf (const char *path)
{
  return read_csv_lines (path, FALSE);
}

static const char *
cell (GPtrArray *row, guint i)
{
  g_assert_cmpuint (i, <, row->len);
  return row->pdata[i];
}

static int
column (GPtrArray *rows, const char *header)
{
  GPtrArray *h = rows->pdata[0];

  for (guint i = 0; i < h->len; i++)
    if (g_str_equal (h->pdata[i], header))
      return (int) i;
  return -1;
}

/* The row whose @key_column equals @key (and line_role @role when given). */
static GPtrArray *
find_row (GPtrArray *rows, const char *key_column, const char *key, const char *role)
{
  int k = column (rows, key_column), r = column (rows, "line_role");

  g_assert_cmpint (k, >=, 0);
  for (guint i = 1; i < rows->len; i++)
    if (g_str_equal (cell (rows->pdata[i], (guint) k), key) &&
        (role == NULL || g_str_equal (cell (rows->pdata[i], (guint) r), role)))
      return rows->pdata[i];
  g_error ("no row with %s = %s", key_column, key);
  return NULL;
}

static const char *
value (GPtrArray *rows, GPtrArray *row, const char *header)
{
  int i = column (rows, header);

  g_assert_cmpint (i, >=, 0);
  return cell (row, (guint) i);
}

/* ---- the case -------------------------------------------------------- */

typedef struct {
  LotlineTestGenealogy *g;
  gint64 recall;
  char *out_dir;
} Fixture;

static void
record (LotlineTestStore *ts, LotlineEventKind kind, const char *date, gint64 party,
        const char *doc_type, const char *doc_number, const LotlineLineSpec *line)
{
  LotlineEventSpec event = {
    .kind = kind, .occurred_at = lotline_test_date (date), .party_id = party,
    .doc_type = doc_type, .doc_number = doc_number, .lines = line, .n_lines = 1,
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_store_record_event (ts->store, &event, NULL, &error));
  g_assert_no_error (error);
}

static void
exec_sql (LotlineStore *store, const char *sql)
{
  g_assert_cmpint (sqlite3_exec (lotline_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* A recall of B-1 (made from F-1, SU-1 and PE-1; into J-1 and J-2) and of
 * JX-1, jars bought in from Sweet Co with no document on record.  Sweet Co
 * and our plant have a full address; Berry Farms has no street or phone.
 * A J-1 shipment's document number looks like a spreadsheet formula. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  LotlineTestStore *ts;
  LotlineLotSpec jx = { .code = "JX-1" };
  LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .new_lot = &jx, .quantity = Q (40) };
  LotlineRecallSpec spec = {
    .number = "R-204", .reason = "Undeclared peanut", .hazard = "Allergic reaction",
    .classification = LOTLINE_RECALL_CLASS_I, .depth = LOTLINE_RECALL_DEPTH_RETAIL,
  };
  g_autoptr(GError) error = NULL;
  gint64 seeds[2];

  f->g = lotline_test_genealogy_new ();
  ts = f->g->ts;
  jx.product_id = ts->jam_jar;
  line.location_id = ts->wh1;
  record (ts, LOTLINE_EVENT_RECEIVE, "2026-03-12", ts->supplier2, NULL, NULL, &line);
  line = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = f->g->j1, .location_id = ts->wh1, .quantity = Q (5) };
  record (ts, LOTLINE_EVENT_SHIP, "2026-03-19", ts->customer2, NULL, "=HYPERLINK(\"http://x\")", &line);
  exec_sql (ts->store,
            "UPDATE party SET street = '1 Cane Road', postal_code = '12345', phone = '+1 555 0101'"
            " WHERE code IN ('SUP-2', 'SITE-1')");

  seeds[0] = f->g->b1;
  g_assert_true (lotline_store_find_lot (ts->store, NULL, "JX-1", &seeds[1], &error));
  g_assert_true (lotline_store_create_recall (ts->store, &spec, seeds, 2, &f->recall, &error));
  g_assert_no_error (error);
  f->out_dir = g_build_filename (ts->dir, "fsma", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_free (f->out_dir);
  lotline_test_genealogy_free (f->g);
}

static void
export_csv (Fixture *f, GPtrArray *tables[3])
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_store_export_fsma204 (f->g->ts->store, f->recall, f->out_dir, &error));
  g_assert_no_error (error);
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *path = g_build_filename (f->out_dir, csv_names[k], NULL);

      tables[k] = read_csv (path);
    }
}

static void
free_tables (GPtrArray *tables[3])
{
  for (guint k = 0; k < 3; k++)
    g_ptr_array_unref (tables[k]);
}

/* Every KDE of our CTEs in the rule's list, read from the copy in the
 * source tree, has a column; required ones plain, conditional ones marked. */
static void
test_columns (Fixture *f, gconstpointer data)
{
  g_autofree char *kde_path = g_test_build_filename (G_TEST_DIST, "..", "src", "core", "fsma204-kde-by-cte.csv", NULL);
  g_autoptr(GPtrArray) kdes = read_csv_lf (kde_path);
  GPtrArray *tables[3];
  guint checked = 0, conditional = 0;

  export_csv (f, tables);
  for (guint r = 1; r < kdes->len; r++)
    {
      GPtrArray *row = kdes->pdata[r];
      const char *cte = cell (row, 0), *key = cell (row, 3), *role = cell (row, 5), *condition = cell (row, 7);
      g_autofree char *header = NULL;

      for (guint k = 0; k < 3; k++)
        {
          if (!g_str_equal (cte, sheet_names[k]))
            continue;
          header = g_strdup_printf ("%s%s%s", g_str_has_prefix (role, "input") ? "input_"
                                              : g_str_has_prefix (role, "output") ? "output_" : "",
                                    key, condition[0] ? " (not applicable)" : "");
          /* Paragraph (b) of 1.1345 repeats (a)'s KDEs under a condition;
           * they share the required column. */
          if (column (tables[k], header) < 0 && condition[0])
            {
              g_autofree char *plain = g_strndup (header, strlen (header) - strlen (" (not applicable)"));

              g_assert_cmpint (column (tables[k], plain), >=, 0);
            }
          else
            g_assert_cmpint (column (tables[k], header), >=, 0);
          checked++;
          conditional += condition[0] != '\0';
        }
    }
  /* 8 + 7 of Receiving, 9 of Transformation, 8 of Shipping. */
  g_assert_cmpuint (checked, ==, 32);
  g_assert_cmpuint (conditional, ==, 7);
  g_assert_cmpint (column (tables[0], "receiving_location_as_tlc_source (not applicable)"), >=, 0);
  for (guint k = 0; k < 3; k++)
    {
      GPtrArray *h = tables[k]->pdata[0];

      g_assert_cmpstr (h->pdata[0], ==, "event_id");
      g_assert_cmpstr (h->pdata[2], ==, "lot_code");
      g_assert_cmpstr (h->pdata[h->len - 1], ==, "missing_required_kdes");
    }
  free_tables (tables);
}

/* A required cell is never empty without the flag naming it; a
 * conditional column is always empty. */
static void
assert_flags_complete (GPtrArray *rows)
{
  GPtrArray *header = rows->pdata[0];
  int role_column = column (rows, "line_role"), flag_column = column (rows, "missing_required_kdes");
  guint flagged = 0;

  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *row = rows->pdata[r];
      const char *role = cell (row, (guint) role_column), *flag = cell (row, (guint) flag_column);

      g_assert_cmpuint (row->len, ==, header->len);
      for (guint i = 3; i + 1 < header->len; i++)
        {
          const char *h = header->pdata[i];
          gboolean applies = !(g_str_has_prefix (h, "input_") && !g_str_equal (role, "input")) &&
                             !(g_str_has_prefix (h, "output_") && !g_str_equal (role, "output"));

          if (g_str_has_suffix (h, "(not applicable)") || !applies)
            g_assert_cmpstr (cell (row, i), ==, "");
          else if (cell (row, i)[0] == '\0')
            {
              g_assert_nonnull (strstr (flag, h));
              flagged++;
            }
        }
    }
  g_test_message ("%u empty required cells, all flagged", flagged);
}

static void
test_rows (Fixture *f, gconstpointer data)
{
  GPtrArray *tables[3];
  GPtrArray *receiving, *transformation, *shipping, *row;
  const char *site = "Main plant, 1 Cane Road, 12345, Springfield, US, phone +1 555 0101";
  g_autofree char *plant = g_strconcat ("WH1, ", site, NULL);

  export_csv (f, tables);
  receiving = tables[0];
  transformation = tables[1];
  shipping = tables[2];

  /* Receipts of F-1, SU-1, PE-1 (roots of B-1) and JX-1, and Corner
   * Grocery's return of J-1; B-1's, J-1's and J-2's productions with all
   * their lines (3 + 1, 1 + 1, 2 + 1); four shipments of J-1 and J-2. */
  g_assert_cmpuint (receiving->len - 1, ==, 5);
  g_assert_cmpuint (transformation->len - 1, ==, 9);
  g_assert_cmpuint (shipping->len - 1, ==, 4);
  for (guint k = 0; k < 3; k++)
    assert_flags_complete (tables[k]);

  /* Everything known: nothing flagged. */
  row = find_row (receiving, "lot_code", "SU-1", NULL);
  g_assert_cmpstr (value (receiving, row, "traceability_lot_code"), ==, "SU-1");
  g_assert_cmpstr (value (receiving, row, "quantity_uom"), ==, "1000 kg");
  g_assert_cmpstr (value (receiving, row, "product_description"), ==, "Sugar (RAW-SUGAR)");
  g_assert_cmpstr (value (receiving, row, "immediate_previous_source_location"), ==,
                   "Sweet Co, 1 Cane Road, 12345, Springfield, US, phone +1 555 0101");
  g_assert_cmpstr (value (receiving, row, "receiving_location"), ==, plant);
  g_assert_cmpstr (value (receiving, row, "receive_date"), ==, "2026-03-01");
  g_assert_cmpstr (value (receiving, row, "tlc_source_location_or_reference"), ==,
                   "Sweet Co, 1 Cane Road, 12345, Springfield, US, phone +1 555 0101");
  g_assert_cmpstr (value (receiving, row, "reference_document_type_and_number"), ==, "DOC 1");
  g_assert_cmpstr (value (receiving, row, "missing_required_kdes"), ==, "");

  /* Berry Farms has no street and no phone. */
  row = find_row (receiving, "lot_code", "F-1", NULL);
  g_assert_cmpstr (value (receiving, row, "immediate_previous_source_location"), ==, "Berry Farms, Springfield, US");
  g_assert_cmpstr (value (receiving, row, "missing_required_kdes"), ==,
                   "immediate_previous_source_location (street, phone); tlc_source_location_or_reference (street, phone)");

  /* JX-1 came with no document. */
  row = find_row (receiving, "lot_code", "JX-1", NULL);
  g_assert_true (g_str_has_prefix (value (receiving, row, "immediate_previous_source_location"), "Sweet Co, "));
  g_assert_cmpstr (value (receiving, row, "reference_document_type_and_number"), ==, "");
  g_assert_cmpstr (value (receiving, row, "missing_required_kdes"), ==, "reference_document_type_and_number");

  /* A return is a receipt from the customer. */
  row = find_row (receiving, "lot_code", "J-1", NULL);
  g_assert_true (g_str_has_prefix (value (receiving, row, "immediate_previous_source_location"), "Corner Grocery"));
  g_assert_cmpstr (value (receiving, row, "tlc_source_location_or_reference"), ==, site);

  /* B-1 made at our plant from F-1, SU-1 and PE-1. */
  row = find_row (transformation, "lot_code", "B-1", "output");
  g_assert_cmpstr (value (transformation, row, "output_new_traceability_lot_code"), ==, "B-1");
  g_assert_cmpstr (value (transformation, row, "output_tlc_source_location_and_reference"), ==, site);
  g_assert_cmpstr (value (transformation, row, "output_transformation_completed_date"), ==, "2026-03-05");
  g_assert_cmpstr (value (transformation, row, "output_product_description"), ==, "Strawberry jam base (INT-BASE)");
  g_assert_cmpstr (value (transformation, row, "output_quantity_uom"), ==, "300 kg");
  g_assert_cmpstr (value (transformation, row, "output_reference_document_type_and_number"), ==, "batch record B-1");
  g_assert_cmpstr (value (transformation, row, "input_traceability_lot_code"), ==, "");
  g_assert_cmpstr (value (transformation, row, "missing_required_kdes"), ==, "");
  row = find_row (transformation, "lot_code", "SU-1", "input");
  g_assert_cmpstr (value (transformation, row, "input_traceability_lot_code"), ==, "SU-1");
  g_assert_cmpstr (value (transformation, row, "input_quantity_uom_used"), ==, "150 kg");
  g_assert_cmpstr (value (transformation, row, "event_id"), ==,
                   value (transformation, find_row (transformation, "lot_code", "B-1", "output"), "event_id"));
  g_assert_cmpstr (value (transformation, row, "output_new_traceability_lot_code"), ==, "");
  g_assert_cmpstr (value (transformation, row, "missing_required_kdes"), ==, "");

  /* Shipments; a cell that a spreadsheet would run as a formula is
   * defused with an apostrophe. */
  row = find_row (shipping, "quantity_uom", "200 jar", NULL);
  g_assert_cmpstr (value (shipping, row, "traceability_lot_code"), ==, "J-2");
  g_assert_cmpstr (value (shipping, row, "immediate_subsequent_recipient_location"), ==, "Corner Grocery, Springfield, US");
  g_assert_cmpstr (value (shipping, row, "ship_from_location"), ==, plant);
  g_assert_cmpstr (value (shipping, row, "ship_date"), ==, "2026-03-16");
  g_assert_cmpstr (value (shipping, row, "tlc_source_location_or_reference"), ==, site);
  g_assert_cmpstr (value (shipping, row, "reference_document_type_and_number"), ==, "BOL BOL-1");
  g_assert_cmpstr (value (shipping, row, "missing_required_kdes"), ==,
                   "immediate_subsequent_recipient_location (street, phone)");
  row = find_row (shipping, "quantity_uom", "5 jar", NULL);
  g_assert_cmpstr (value (shipping, row, "reference_document_type_and_number"), ==, "'=HYPERLINK(\"http://x\")");
  free_tables (tables);
}

static void
test_workbook (Fixture *f, gconstpointer data)
{
  g_autofree char *xlsx = g_build_filename (f->g->ts->dir, "R-204.xlsx", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-xlsx.py", NULL);
  g_autofree char *contents = NULL, *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = {
    "/usr/bin/python3", script, xlsx, f->out_dir,
    "Receiving=receiving.csv", "Transformation=transformation.csv", "Shipping=shipping.csv", NULL,
  };
  GPtrArray *tables[3];
  gsize length;

  g_assert_cmphex (lotline_crc32 ((const guint8 *) "123456789", 9), ==, 0xcbf43926);

  export_csv (f, tables);
  g_assert_true (lotline_store_export_fsma204 (f->g->ts->store, f->recall, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xlsx, &contents, &length, &error));
  g_assert_cmpmem (contents, 4, "PK\3\4", 4);

  /* Valid ZIP, sheets named by CTE, a bold frozen filtered header, and
   * every cell equal to the CSV's (read back with openpyxl when present). */
  g_assert_cmpint (lotline_test_run (argv, &out, &err), ==, 0);
  g_test_message ("%s%s", out, err);
  g_assert_cmpstr (err, ==, "");
  g_assert_null (strstr (out, "differ"));
  free_tables (tables);
}

static gboolean
folder_has_temporary_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      return TRUE;
  return FALSE;
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  LotlineStore *store = f->g->ts->store;
  g_autofree char *file = g_build_filename (f->g->ts->dir, "notes.txt", NULL);
  g_autofree char *nowhere = g_build_filename (f->g->ts->dir, "no", "such", "R.xlsx", NULL);
  g_autofree char *old = g_build_filename (f->out_dir, "receiving.csv", NULL);
  g_autofree char *blocked = g_build_filename (f->out_dir, "shipping.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (lotline_store_export_fsma204 (store, f->recall, "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_clear_error (&error);

  g_assert_false (lotline_store_export_fsma204 (store, 999, f->out_dir, &error));
  g_assert_error (error, LOTLINE_RECALL_ERROR, LOTLINE_RECALL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (f->out_dir, G_FILE_TEST_EXISTS));

  /* A file that is not a workbook is not overwritten. */
  g_assert_true (g_file_set_contents (file, "keep me", -1, NULL));
  g_assert_false (lotline_store_export_fsma204 (store, f->recall, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, ".xlsx"));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
  g_clear_pointer (&contents, g_free);

  g_assert_false (lotline_store_export_fsma204 (store, f->recall, nowhere, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  /* A second export replaces the files whole and leaves nothing else. */
  g_assert_true (g_mkdir_with_parents (f->out_dir, 0700) == 0);
  g_assert_true (g_file_set_contents (old, "stale", -1, NULL));
  g_assert_true (lotline_store_export_fsma204 (store, f->recall, f->out_dir, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (old, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "event_id,line_role,lot_code,traceability_lot_code,"));
  g_assert_false (folder_has_temporary_files (f->out_dir));

  /* When a file cannot be put in place, no temporary file is left. */
  g_assert_cmpint (g_unlink (blocked), ==, 0);
  g_assert_cmpint (g_mkdir (blocked, 0700), ==, 0);
  g_assert_false (lotline_store_export_fsma204 (store, f->recall, f->out_dir, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_false (folder_has_temporary_files (f->out_dir));
  g_assert_cmpint (g_rmdir (blocked), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lotline/fsma204/columns", test_columns);
  ADD ("/lotline/fsma204/rows", test_rows);
  ADD ("/lotline/fsma204/workbook", test_workbook);
  ADD ("/lotline/fsma204/errors", test_errors);
#undef ADD
  return g_test_run ();
}
