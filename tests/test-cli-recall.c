/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lotline-test-genealogy.h"

static const char *cli_path;

static int
run_cli (char **out, char **err, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *ignored_out = NULL, *ignored_err = NULL;
  va_list args;
  int status;

  g_ptr_array_add (argv, (gpointer) cli_path);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  status = lotline_test_run ((const char * const *) argv->pdata,
                             out ? out : &ignored_out, err ? err : &ignored_err);
  g_test_message ("%s exited with %d", first, status);
  return status;
}

static JsonObject *
parse_object (JsonParser *parser, const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { pdftotext, "-layout", path, "-", NULL };
  char *text = NULL;

  g_assert_cmpint (lotline_test_run (argv, &text, NULL), ==, 0);
  return text;
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
      g_autofree char *text = pdf_text (letters);
      g_autofree char *report_text = pdf_text (report);

      g_assert_nonnull (strstr (text, "Big Box Retail"));
      g_assert_nonnull (strstr (text, "Corner Grocery"));
      g_assert_nonnull (strstr (text, "Undeclared peanut"));
      g_assert_nonnull (strstr (report_text, "21 CFR 7.46"));
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
      g_autofree char *text = pdf_text (status);

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("LOTLINE_CLI");
  if (cli_path == NULL)
    {
      g_printerr ("LOTLINE_CLI is not set; run this test through meson.\n");
      return 1;
    }
  g_test_add_func ("/lotline/cli-recall/recall", test_recall_cli);
  return g_test_run ();
}
