/* SPDX-License-Identifier: GPL-3.0-or-later */

/* lotline-cli label: run the built program on a temporary database and
 * read back the PDF it writes. */

#include "config.h"

#include <string.h>

#include "lotline-test-util.h"

static const char *cli_path;

#define run_program lotline_test_run_program

typedef struct {
  LotlineTestStore *ts;
  gint64            jam;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LotlineProductSpec spec = {
    .sku = "JAM-370", .name = "Strawberry jam 370 g", .gtin = "09506000134352",
    .kind = LOTLINE_PRODUCT_FINISHED, .unit = "jar", .shelf_life_days = 365,
  };

  f->ts = lotline_test_store_new ();
  lotline_test_store_add_basics (f->ts);
  g_assert_true (lotline_store_add_product (f->ts->store, &spec, &f->jam, &error));
  g_assert_no_error (error);
  lotline_test_receive (f->ts, f->jam, "J-77", f->ts->wh1, 10 * LOTLINE_QTY_ONE, "2026-03-01", "2027-03-31");
  lotline_test_receive (f->ts, f->ts->fruit, "F-9", f->ts->wh1, 10 * LOTLINE_QTY_ONE, "2026-03-01", "2026-06-30");
  /* The program opens the file itself. */
  g_clear_object (&f->ts->store);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  lotline_test_store_free (f->ts);
}

static void
test_label_pdf (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->ts->dir, "label.pdf", NULL);
  g_autofree char *png_prefix = g_build_filename (f->ts->dir, "label", NULL);
  g_autofree char *png = g_strconcat (png_prefix, ".png", NULL);
  g_autofree char *out = NULL, *text = NULL, *info = NULL, *scanned = NULL;

  g_assert_cmpint (run_program (&out, NULL, cli_path, "--database", f->ts->path, "label", "J-77", "-o", pdf,
                                "--company", "Sunny Preserves Inc.", "--quantity", "12 jars", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote 1 label"));
  g_assert_cmpint (run_program (&info, NULL, "pdfinfo", pdf, NULL), ==, 0);
  g_assert_nonnull (strstr (info, "Page size:       283.465 x 141.732 pts"));
  g_assert_cmpint (run_program (&text, NULL, "pdftotext", "-layout", pdf, "-", NULL), ==, 0);
  g_assert_nonnull (strstr (text, "(01)09506000134352(17)270331(10)J-77"));
  /* The product's name may wrap; pdftotext gives each line. */
  g_strdelimit (text, "\n", ' ');
  g_assert_nonnull (strstr (text, "Strawberry jam 370 g"));
  g_assert_nonnull (strstr (text, "Quantity: 12 jars"));
  g_assert_nonnull (strstr (text, "Sunny Preserves Inc."));

  /* What a phone reads from the QR code. */
  g_assert_cmpint (run_program (NULL, NULL, "pdftoppm", "-r", "300", "-png", "-singlefile", pdf, png_prefix, NULL), ==, 0);
  g_assert_cmpint (run_program (&scanned, NULL, "zbarimg", "--nodbus", "-q", png, NULL), ==, 0);
  g_assert_nonnull (strstr (scanned, "QR-Code:https://id.gs1.org/01/09506000134352/10/J-77?17=270331\n"));
  g_assert_nonnull (strstr (scanned, "CODE-128:010950600013435217270331" "10J-77\n"));
}

static void
test_label_sheet (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->ts->dir, "sheet.pdf", NULL);
  g_autofree char *info = NULL, *text = NULL, *out = NULL;

  g_assert_cmpint (run_program (&out, NULL, cli_path, "--database", f->ts->path, "label", "J-77", "-o", pdf,
                                "--size", "a4", "--copies", "12", "--symbols", "datamatrix,qr", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote 12 labels"));
  g_assert_cmpint (run_program (&info, NULL, "pdfinfo", pdf, NULL), ==, 0);
  g_assert_nonnull (strstr (info, "Pages:           2\n"));
  g_assert_nonnull (strstr (info, "(A4)"));
  g_assert_cmpint (run_program (&text, NULL, "pdftotext", "-f", "1", "-l", "1", pdf, "-", NULL), ==, 0);
  /* No GS1-128, so no bracketed HRI. */
  g_assert_null (strstr (text, "(01)"));
  g_assert_nonnull (strstr (text, "Lot: J-77"));
}

static void
test_label_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->ts->dir, "bad.pdf", NULL);
  g_autofree char *err = NULL;

  /* A product without a GTIN: what is wrong and what to do, exit status 1. */
  g_assert_cmpint (run_program (NULL, &err, cli_path, "--database", f->ts->path, "label", "F-9", "-o", pdf, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "has no GTIN"));
  g_assert_nonnull (strstr (err, "Enter the product’s GTIN"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_program (NULL, &err, cli_path, "--database", f->ts->path, "label", "NOPE", "-o", pdf, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "NOPE"));
  g_clear_pointer (&err, g_free);

  /* Usage mistakes: exit status 2. */
  g_assert_cmpint (run_program (NULL, &err, cli_path, "--database", f->ts->path, "label", "J-77", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "-o FILE.pdf"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_program (NULL, &err, cli_path, "--database", f->ts->path, "label", "J-77", "-o", pdf,
                                "--size", "a5", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "100x50"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_program (NULL, &err, cli_path, "--database", f->ts->path, "label", "J-77", "-o", pdf,
                                "--symbols", "ean13", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "datamatrix"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

int
main (int argc, char *argv[])
{
  cli_path = lotline_test_cli_init (&argc, &argv);
  if (cli_path == NULL)
    return 1;
  g_test_add ("/lotline/cli-label/pdf", Fixture, NULL, fixture_setup, test_label_pdf, fixture_teardown);
  g_test_add ("/lotline/cli-label/sheet", Fixture, NULL, fixture_setup, test_label_sheet, fixture_teardown);
  g_test_add ("/lotline/cli-label/errors", Fixture, NULL, fixture_setup, test_label_errors, fixture_teardown);
  return g_test_run ();
}
