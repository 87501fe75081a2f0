/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lotline-test-genealogy.h"

static const char *cli_path;

/* lotline-cli with the NULL-terminated arguments. */
#define run_cli(out, err, ...) lotline_test_run_program ((out), (err), cli_path, __VA_ARGS__)

static JsonObject *
parse_object (JsonParser *parser, const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_recall_cli (void)
{
  g_autoptr(LotlineTestGenealogy) g = lotline_test_genealogy_new ();
  const char *db = g->ts->path;
  g_autofree char *letters = g_build_filename (g->ts->dir, "letters.pdf", NULL);
  g_autofree char *report = g_build_filename (g->ts->dir, "report.pdf", NULL);
  g_autofree char *status = g_build_filename (g->ts->dir, "status.pdf", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *consignees;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  /* The CLI opens the file itself. */
  g_clear_object (&g->ts->store);

  /* Scope: F-1 reached J-1 (Big Box, Corner Grocery) and J-2 (Corner Grocery). */
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "--format", "json", "recall", "scope", "F-1", NULL), ==, 0);
  root = parse_object (parser, out);
  consignees = json_object_get_array_member (root, "consignees");
  g_assert_cmpuint (json_array_get_length (consignees), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (consignees, 0), "name"),
                   ==, "Big Box Retail");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (consignees, 0), "quantity"),
                   ==, "100");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "lots")), ==, 4);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Missing fields are a usage error. */
  g_assert_cmpint (run_cli (NULL, &err, "--database", db, "recall", "create", "--number", "R-1", "F-1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--hazard"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "--database", db, "recall", "create", "--number", "R-1", "--reason", "Peanut",
                            "--hazard", "Allergy", "--class", "IV", "--depth", "retail", "F-1", NULL), ==, 2);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", db, "recall", "create", "--number", "R-1",
                            "--title", "Strawberry jam", "--reason", "Undeclared peanut",
                            "--hazard", "Serious allergic reaction", "--class", "I", "--depth", "retail",
                            "--check", "B", "--instructions", "Return every jar to us.", "F-1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "R-1"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, NULL, "--database", db, "recall", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "R-1"));
  g_assert_nonnull (strstr (out, "draft"));
  g_clear_pointer (&out, g_free);

  /* Letters need an output and a letterhead. */
  g_assert_cmpint (run_cli (NULL, &err, "--database", db, "recall", "letters", "R-1", "-o", letters, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--company"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", db, "recall", "open", "R-1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Consignees to check"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "--database", db, "recall", "open", "R-1", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "only a draft can be opened"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, NULL, "--database", db, "--format", "json", "lot", "show", "J-1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"recalled\""));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", db, "recall", "letters", "R-1", "-o", letters,
                            "--company", "Sunny Preserves", "--paper", "letter", NULL), ==, 0);
  g_assert_true (g_file_test (letters, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "recall", "report", "1", "-o", report,
                            "--company", "Sunny Preserves", NULL), ==, 0);
  g_assert_true (g_file_test (report, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  if (pdftotext != NULL)
    {
      g_autofree char *text = lotline_test_pdf_text (letters);
      g_autofree char *report_text = lotline_test_pdf_text (report);

      g_assert_nonnull (strstr (text, "Big Box Retail"));
      g_assert_nonnull (strstr (text, "Corner Grocery"));
      g_assert_nonnull (strstr (text, "Undeclared peanut"));
      g_assert_nonnull (strstr (report_text, "21 CFR 7.46"));
      /* The genealogy graph the command laid out: the stock location is
       * drawn there and nowhere else in the report. */
      g_assert_nonnull (strstr (report_text, "Genealogy of the recalled lots"));
      g_assert_nonnull (strstr (report_text, "WH1"));
    }

  /* Follow-up: one consignee notified and answering, then the status report. */
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "recall", "track", "R-1", "--customer", "CUS-1",
                            "--notified", "2026-03-23T09:00:00Z", "--method", "letter",
                            "--responded", "2026-03-24T10:00:00Z", "--on-hand", "12.5", "--returned", "12.5", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "--database", db, "recall", "track", "R-1", "--customer", "SUP-1",
                            "--method", "phone", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "--today", "2026-03-25", "recall", "status-report", "R-1",
                            "-o", status, "--company", "Sunny Preserves", "--completion", "2026-04-30", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  if (pdftotext != NULL)
    {
      g_autofree char *text = lotline_test_pdf_text (status);

      g_assert_nonnull (strstr (text, "21 CFR 7.53"));
      g_assert_nonnull (strstr (text, "Consignees responding: 1"));
      g_assert_nonnull (strstr (text, "Quantity returned: 12.5"));
      g_assert_nonnull (strstr (text, "Status as of: 2026-03-25"));
    }

  g_assert_cmpint (run_cli (NULL, &err, "--database", db, "recall", "terminate", "R-1", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "recall", "terminate", "R-1",
                            "--disposition", "Returned jars destroyed", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "--database", db, "recall", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "terminated"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (NULL, &err, "--database", db, "recall", "report", "R-404", "-o", report,
                            "--company", "Sunny Preserves", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "R-404"));
}

static guint
count_lines (const char *path)
{
  g_autofree char *text = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (const char *p = text; (p = strstr (p, "\r\n")) != NULL; p += 2)
    n++;
  return n;
}

static void
test_roots_and_fsma204 (void)
{
  g_autoptr(LotlineTestGenealogy) g = lotline_test_genealogy_new ();
  const char *db = g->ts->path;
  g_autofree char *dir = g_build_filename (g->ts->dir, "fsma", NULL);
  g_autofree char *receiving = g_build_filename (dir, "receiving.csv", NULL);
  g_autofree char *shipping = g_build_filename (dir, "shipping.csv", NULL);
  g_autofree char *xlsx = g_build_filename (g->ts->dir, "R-2.xlsx", NULL);
  g_autofree char *out = NULL, *err = NULL, *zip = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *roots;
  static const char * const expected[][2] = {
    { "SUP-1", "F-1" }, { "SUP-1", "F-2" }, { "SUP-1", "PE-1" }, { "SUP-2", "SU-1" },
  };

  g_clear_object (&g->ts->store);

  /* B-1 came from F-1, PE-1 (Berry Farms) and SU-1 (Sweet Co); F-2 was
   * received itself. */
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "--format", "json", "recall", "scope", "B-1", "F-2", NULL), ==, 0);
  roots = json_object_get_array_member (parse_object (parser, out), "roots");
  g_assert_cmpuint (json_array_get_length (roots), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *root = json_array_get_object_element (roots, i);

      g_assert_cmpstr (json_object_get_string_member (root, "supplier"), ==, expected[i][0]);
      g_assert_cmpstr (json_object_get_string_member (root, "lot"), ==, expected[i][1]);
      g_assert_cmpstr (json_object_get_string_member (root, "received"), ==, "2026-03-01");
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (roots, 3), "quantity"), ==, "1000");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, NULL, "--database", db, "--format", "csv", "recall", "scope", "B-1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "supplier,supplier_name,sku,lot,received,quantity\r\n"
                                 "SUP-1,Berry Farms,RAW-STRAW,F-1,2026-03-01,500\r\n"
                                 "SUP-1,Berry Farms,RAW-PECTIN,PE-1,2026-03-01,50\r\n"
                                 "SUP-2,Sweet Co,RAW-SUGAR,SU-1,2026-03-01,1000\r\n"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "--database", db, "recall", "scope", "B-1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Where the lots came from"));
  g_assert_nonnull (strstr (out, "Sweet Co"));
  g_clear_pointer (&out, g_free);

  /* The FSMA 204 spreadsheet, by recall number into a folder and by id
   * into a workbook. */
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "recall", "create", "--number", "R-2", "--reason", "Peanut",
                            "--hazard", "Allergy", "--class", "I", "--depth", "retail", "B-1", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "--database", db, "recall", "fsma204", "R-2", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "-o"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "--database", db, "recall", "fsma204", "R-404", "-o", dir, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "R-404"));
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run_cli (&out, &err, "--database", db, "recall", "fsma204", "R-2", "-o", dir, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  /* Header + receipts of F-1, SU-1, PE-1 and the return of J-1; header +
   * three shipments of J-1 and J-2. */
  g_assert_cmpuint (count_lines (receiving), ==, 5);
  g_assert_cmpuint (count_lines (shipping), ==, 4);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", db, "recall", "fsma204", "1", "-o", xlsx, NULL), ==, 0);
  g_assert_true (g_file_get_contents (xlsx, &zip, NULL, NULL));
  g_assert_cmpmem (zip, 4, "PK\3\4", 4);
}

int
main (int argc, char *argv[])
{
  cli_path = lotline_test_cli_init (&argc, &argv);
  if (cli_path == NULL)
    return 1;
  g_test_add_func ("/lotline/cli-recall/recall", test_recall_cli);
  g_test_add_func ("/lotline/cli-recall/roots-fsma204", test_roots_and_fsma204);
  return g_test_run ();
}
