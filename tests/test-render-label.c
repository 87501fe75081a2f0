/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Lot labels: the GS1 data they carry, and the printed symbols decoded back
 * from the PDF (rendered at 300 dpi) with zbarimg and dmtxread. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lotline-gs1.h"
#include "lotline-render-label.h"
#include "lotline-test-util.h"

#define GS "\x1d"

/* Files land in <build>/tests/render-output/ so a person can look at them. */
static char *
output_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "render-output", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static LotlineLabelData *
sample_label (const char *lot_code)
{
  LotlineLabelData *data = g_new0 (LotlineLabelData, 1);

  data->product_name = g_strdup ("Strawberry jam 370 g");
  data->sku = g_strdup ("JAM-370");
  data->gtin = g_strdup ("9506000134352");
  data->lot_code = g_strdup (lot_code);
  data->expires_on = g_strdup ("2027-03-31");
  data->produced_on = g_strdup ("2026-03-01");
  data->quantity = g_strdup ("12 jars");
  data->company_name = g_strdup ("Sunny Preserves Inc.");
  return data;
}

static int
run (char **out, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *err = NULL;
  va_list args;
  int status;

  g_ptr_array_add (argv, g_find_program_in_path (first));
  g_assert_nonnull (g_ptr_array_index (argv, 0));
  va_start (args, first);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  status = lotline_test_run ((const char * const *) argv->pdata, out, &err);
  if (status != 0)
    g_test_message ("%s: %s", first, err);
  return status;
}

static char *
write_labels (const char            *name,
              const LotlineLabelData *data,
              LotlineLabelSize       size,
              LotlineLabelSymbols    symbols,
              guint                  copies)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineRenderDocument) doc = lotline_render_label (data, NULL, size, symbols, copies, &error);
  char *path = output_path (name);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_true (lotline_render_document_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  return path;
}

/* Page @page (from 1) of @pdf as a PNG of @dpi beside it. */
static char *
render_png (const char *pdf,
            guint       page,
            const char *dpi)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autofree char *prefix = g_strdup_printf ("%.*s-p%u-%s", (int) (strlen (pdf) - 4), pdf, page, dpi);

  g_assert_cmpint (run (NULL, "pdftoppm", "-r", dpi, "-png", "-f", number, "-l", number,
                        "-singlefile", pdf, prefix, NULL), ==, 0);
  return g_strconcat (prefix, ".png", NULL);
}

static char *
pdf_text (const char *pdf,
          guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  char *text = NULL;

  g_assert_cmpint (run (&text, "pdftotext", "-f", number, "-l", number, "-layout", pdf, "-", NULL), ==, 0);
  return text;
}

/* "Pages:" and "Page size: 283.465 x 141.732 pts" from pdfinfo. */
static void
assert_pdf_pages (const char *pdf,
                  guint       pages,
                  double      width,
                  double      height)
{
  g_autofree char *info = NULL;
  g_autofree char *pages_line = g_strdup_printf ("Pages:           %u\n", pages);
  const char *size;
  double w, h;

  g_assert_cmpint (run (&info, "pdfinfo", pdf, NULL), ==, 0);
  g_assert_nonnull (strstr (info, pages_line));
  size = strstr (info, "Page size:");
  g_assert_nonnull (size);
  g_assert_cmpint (sscanf (size, "Page size: %lf x %lf pts", &w, &h), ==, 2);
  g_assert_cmpfloat_with_epsilon (w, width, 0.01);
  g_assert_cmpfloat_with_epsilon (h, height, 0.01);
}

/* zbarimg prints "CODE-128:…" and "QR-Code:…" lines.  It drops the leading
 * FNC1 that marks GS1-128 and shows a separator FNC1 as GS. */
static GPtrArray *
zbar_decode (const char *png,
             const char *symbology)
{
  g_autofree char *out = NULL;
  g_autofree char *prefix = g_strconcat (symbology, ":", NULL);
  g_auto(GStrv) lines = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (run (&out, "zbarimg", "--nodbus", "-q", png, NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      g_ptr_array_add (found, g_strdup (lines[i] + strlen (prefix)));
  return found;
}

/* dmtxread prints each symbol's data; an FNC1 inside it comes out as the
 * byte 0xE8 (its DataMatrix codeword) or as GS, and the leading one not at
 * all.  It searches a whole page slowly: it gets a 150-dpi image (modules
 * of 5 pixels or more), ignores edges under 60 pixels (text) and stops
 * after the @expected symbols; it exits with 1 when it finds none. */
static GPtrArray *
dmtx_decode (const char *png,
             guint       expected)
{
  g_autofree char *out = NULL;
  g_autofree char *stop = g_strdup_printf ("%u", MAX (expected, 1));
  g_auto(GStrv) lines = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  int status = run (&out, "dmtxread", "-n", "-e", "60", "-N", stop, png, NULL);

  g_assert_true (status == 0 || (status == 1 && out[0] == '\0'));
  for (char *p = out; *p; p++)
    if ((guchar) *p == 0xE8)
      *p = '\x1d';
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (found, g_strdup (lines[i]));
  return found;
}

static LotlineGs1Result *
parse_or_fail (const char      *text,
               LotlineGs1Syntax syntax)
{
  g_autoptr(GError) error = NULL;
  LotlineGs1Result *result = lotline_gs1_parse (text, -1, syntax, GS[0], LOTLINE_GS1_FLAG_NONE, &error);

  g_assert_no_error (error);
  return result;
}

static const char *
element_value (const LotlineGs1Result *result,
               const char             *ai)
{
  for (guint i = 0; i < result->elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (result->elements, i);

      if (strcmp (e->ai, ai) == 0)
        return e->value;
    }
  return NULL;
}

/* The decoded AIs are exactly the label's, in any order. */
static void
assert_same_ais (const LotlineGs1Result *decoded,
                 const LotlineLabelData *data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_text = lotline_label_element_string (data, &error);
  g_autoptr(LotlineGs1Result) expected = parse_or_fail (expected_text, LOTLINE_GS1_SYNTAX_BRACKETED);

  g_assert_no_error (error);
  g_assert_cmpuint (decoded->elements->len, ==, expected->elements->len);
  for (guint i = 0; i < expected->elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (expected->elements, i);

      g_assert_cmpstr (element_value (decoded, e->ai), ==, e->value);
    }
  g_assert_cmpstr (element_value (decoded, "10"), ==, data->lot_code);
}

/* Decodes every symbol on page @page and checks each carries the AIs of
 * @data; @expected_datamatrix DataMatrix symbols must be found.  Returns
 * how many linear and QR symbols were found. */
static void
assert_symbols_decode (const char             *pdf,
                       guint                   page,
                       const LotlineLabelData *data,
                       guint                   expected_datamatrix,
                       guint                  *out_linear,
                       guint                  *out_qr)
{
  g_autofree char *png = render_png (pdf, page, "300");
  g_autofree char *png_150 = render_png (pdf, page, "150");
  g_autoptr(GPtrArray) linear = zbar_decode (png, "CODE-128");
  g_autoptr(GPtrArray) qr = zbar_decode (png, "QR-Code");
  g_autoptr(GPtrArray) datamatrix = dmtx_decode (png_150, expected_datamatrix);
  g_autofree char *uri = lotline_label_digital_link (data, NULL, NULL);

  for (guint i = 0; i < linear->len; i++)
    {
      g_autofree char *scan = g_strconcat ("]C1", (char *) g_ptr_array_index (linear, i), NULL);
      g_autoptr(LotlineGs1Result) result = parse_or_fail (scan, LOTLINE_GS1_SYNTAX_SCANNER);

      assert_same_ais (result, data);
    }
  for (guint i = 0; i < datamatrix->len; i++)
    {
      g_autofree char *scan = g_strconcat ("]d2", (char *) g_ptr_array_index (datamatrix, i), NULL);
      g_autoptr(LotlineGs1Result) result = parse_or_fail (scan, LOTLINE_GS1_SYNTAX_SCANNER);

      assert_same_ais (result, data);
    }
  for (guint i = 0; i < qr->len; i++)
    {
      g_autoptr(LotlineGs1Result) result = parse_or_fail (g_ptr_array_index (qr, i), LOTLINE_GS1_SYNTAX_DIGITAL_LINK);

      g_assert_cmpstr (g_ptr_array_index (qr, i), ==, uri);
      assert_same_ais (result, data);
    }
  g_assert_cmpuint (datamatrix->len, ==, expected_datamatrix);
  *out_linear = linear->len;
  *out_qr = qr->len;
}

/* ---- the data --------------------------------------------------------- */

static void
test_element_string (void)
{
  g_autoptr(LotlineLabelData) data = sample_label ("ABC123");
  g_autoptr(GError) error = NULL;
  g_autofree char *bracketed = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *own = NULL;

  /* Fixed-length AIs first, the lot last; the GTIN-13 padded to 14. */
  bracketed = lotline_label_element_string (data, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bracketed, ==, "(01)09506000134352(11)260301(17)270331(10)ABC123");
  uri = lotline_label_digital_link (data, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, "https://id.gs1.org/01/09506000134352/10/ABC123?11=260301&17=270331");
  own = lotline_label_digital_link (data, "https://example.com/", &error);
  g_assert_cmpstr (own, ==, "https://example.com/01/09506000134352/10/ABC123?11=260301&17=270331");

  /* Without a production date (11) is left out. */
  g_clear_pointer (&data->produced_on, g_free);
  g_clear_pointer (&bracketed, g_free);
  bracketed = lotline_label_element_string (data, &error);
  g_assert_cmpstr (bracketed, ==, "(01)09506000134352(17)270331(10)ABC123");
}

static void
test_no_gtin (void)
{
  g_autoptr(LotlineLabelData) data = sample_label ("ABC123");
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineRenderDocument) doc = NULL;

  g_clear_pointer (&data->gtin, g_free);
  doc = lotline_render_label (data, NULL, LOTLINE_LABEL_SIZE_100X50, LOTLINE_LABEL_SYMBOL_ALL, 1, &error);
  g_assert_null (doc);
  g_assert_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_NO_GTIN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "JAM-370"));
  g_assert_nonnull (strstr (error->message, "Enter the product’s GTIN"));
}

static void
assert_invalid (LotlineLabelData *data,
                const char       *expected_words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineRenderDocument) doc =
    lotline_render_label (data, NULL, LOTLINE_LABEL_SIZE_100X50, LOTLINE_LABEL_SYMBOL_ALL, 1, &error);

  g_assert_null (doc);
  g_assert_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected_words));
}

static void
test_invalid (void)
{
  g_autoptr(LotlineLabelData) space = sample_label ("L/24-01 A");
  g_autoptr(LotlineLabelData) long_lot = sample_label ("ABCDEFGHIJKLMNOPQRSTU");
  g_autoptr(LotlineLabelData) check_digit = sample_label ("ABC123");
  g_autoptr(LotlineLabelData) date = sample_label ("ABC123");

  /* A space is not in GS1's character set 82. */
  assert_invalid (space, "no spaces");
  assert_invalid (long_lot, "1 to 20 characters");
  g_free (check_digit->gtin);
  check_digit->gtin = g_strdup ("9506000134353");
  assert_invalid (check_digit, "Correct the product’s GTIN");
  g_free (date->expires_on);
  date->expires_on = g_strdup ("31.03.2027");
  assert_invalid (date, "YYYY-MM-DD");
}

static void
test_options (void)
{
  g_autoptr(GError) error = NULL;
  LotlineLabelSize size;
  LotlineLabelSymbols symbols;

  g_assert_true (lotline_label_size_from_string ("4x6", &size, &error));
  g_assert_cmpint (size, ==, LOTLINE_LABEL_SIZE_4X6);
  g_assert_true (lotline_label_symbols_from_string ("qr, 128", &symbols, &error));
  g_assert_cmpint (symbols, ==, LOTLINE_LABEL_SYMBOL_QR | LOTLINE_LABEL_SYMBOL_GS1_128);
  g_assert_false (lotline_label_size_from_string ("A5", &size, &error));
  g_assert_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_OPTION);
  g_assert_nonnull (strstr (error->message, "100x50"));
  g_clear_error (&error);
  g_assert_false (lotline_label_symbols_from_string ("ean13", &symbols, &error));
  g_assert_nonnull (strstr (error->message, "datamatrix"));
}

/* ---- Digital Link against the GS1 syntax engine's test cases ------------- */

static JsonArray *
read_corpus_array (JsonParser *parser,
                   const char *name)
{
  const char *shared = g_getenv ("LOTLINE_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (shared);
  path = g_build_filename (shared, "corpus", "gs1", "syntax-engine", name, NULL);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_digital_link_escape_corpus (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *cases = read_corpus_array (parser, "digital-link-uri-escape.json");
  guint n = json_array_get_length (cases);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *input = json_object_get_string_member (c, "input");
      g_autofree char *path = lotline_gs1_digital_link_escape (input, FALSE);
      g_autofree char *query = lotline_gs1_digital_link_escape (input, TRUE);

      g_assert_cmpstr (path, ==, json_object_get_string_member (c, "expect_path_component"));
      g_assert_cmpstr (query, ==, json_object_get_string_member (c, "expect_query_component"));
    }
  g_test_message ("digital-link-uri-escape: %u of %u cases pass", n, n);
}

/* The builder makes GTIN-keyed URIs with the qualifiers (22), (10), (21) in
 * the path, which is what a lot label needs; cases keyed by other AIs
 * (8010, 8017, 253), with (235) or unknown AIs, or invalid input, are not
 * applicable. */
static gboolean
generate_case_applies (JsonObject *c)
{
  const char *input = json_object_get_string_member (c, "input_bracketed");
  static const char * const other[] = { "(8010)", "(8017)", "(253)", "(235)", "(8200)", "(89)" };

  if (!json_object_get_boolean_member (c, "valid") || !g_str_has_prefix (input, "(01)"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    if (strstr (input, other[i]) != NULL)
      return FALSE;
  return TRUE;
}

static void
test_digital_link_generate_corpus (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *cases = read_corpus_array (parser, "digital-link-generate.json");
  guint n = json_array_get_length (cases), applicable = 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autoptr(LotlineGs1Result) result = NULL;
      g_autofree char *uri = NULL;
      const char *stem;

      if (!generate_case_applies (c))
        continue;
      applicable++;
      stem = json_object_get_null_member (c, "stem") ? NULL : json_object_get_string_member (c, "stem");
      result = lotline_gs1_parse (json_object_get_string_member (c, "input_bracketed"), -1,
                                  LOTLINE_GS1_SYNTAX_BRACKETED, 0, LOTLINE_GS1_FLAG_NO_ASSOCIATIONS, NULL);
      g_assert_nonnull (result);
      uri = lotline_gs1_digital_link_uri (result->elements, stem);
      g_assert_cmpstr (uri, ==, json_object_get_string_member (c, "expect_uri"));
    }
  g_assert_cmpuint (applicable, >=, 9);
  g_test_message ("digital-link-generate: %u of %u applicable cases pass (%u not applicable)",
                  applicable, applicable, n - applicable);
}

/* ---- printed and decoded ------------------------------------------------ */

typedef struct {
  LotlineLabelSize size;
  const char      *name;
  double           width;   /* points */
  double           height;
} SizeCase;

static const SizeCase size_100x50 = { LOTLINE_LABEL_SIZE_100X50, "label-100x50.pdf", 283.465, 141.732 };
static const SizeCase size_4x6 = { LOTLINE_LABEL_SIZE_4X6, "label-4x6.pdf", 288, 432 };

static void
test_decode_size (gconstpointer user_data)
{
  const SizeCase *sc = user_data;
  g_autoptr(LotlineLabelData) data = sample_label ("ABC123");
  g_autofree char *pdf = write_labels (sc->name, data, sc->size, LOTLINE_LABEL_SYMBOL_ALL, 2);
  g_autofree char *text = pdf_text (pdf, 2);
  guint linear, qr;

  /* One label per page. */
  assert_pdf_pages (pdf, 2, sc->width, sc->height);
  g_assert_nonnull (strstr (text, "(01)09506000134352(11)260301(17)270331(10)ABC123"));
  g_assert_nonnull (strstr (text, "Strawberry jam 370 g"));
  g_assert_nonnull (strstr (text, "Lot: ABC123"));
  g_assert_nonnull (strstr (text, "Expiry: 2027-03-31"));
  g_assert_nonnull (strstr (text, "Sunny Preserves Inc."));

  assert_symbols_decode (pdf, 2, data, 1, &linear, &qr);
  g_assert_cmpuint (linear, ==, 1);
  g_assert_cmpuint (qr, ==, 1);
}

/* Twelve labels on A4 sheets of 2 × 5: ten on the first, two on the next. */
static void
test_decode_a4_sheet (void)
{
  g_autoptr(LotlineLabelData) data = sample_label ("ABC123");
  g_autofree char *pdf = write_labels ("label-a4.pdf", data, LOTLINE_LABEL_SIZE_A4, LOTLINE_LABEL_SYMBOL_ALL, 12);
  g_autofree char *first = pdf_text (pdf, 1);
  g_autofree char *second = pdf_text (pdf, 2);
  guint linear, qr;

  assert_pdf_pages (pdf, 2, 595.276, 841.89);
  g_assert_cmpuint (lotline_test_count_occurrences (first, "Lot: ABC123"), ==, 10);
  g_assert_cmpuint (lotline_test_count_occurrences (second, "Lot: ABC123"), ==, 2);
  g_assert_cmpuint (lotline_test_count_occurrences (first, "(10)ABC123"), ==, 10);

  /* zbar stops at the first of several equal linear symbols in one image;
   * the 2D symbols are all found. */
  assert_symbols_decode (pdf, 1, data, 10, &linear, &qr);
  g_assert_cmpuint (linear, >=, 1);
  g_assert_cmpuint (qr, ==, 10);
  assert_symbols_decode (pdf, 2, data, 2, &linear, &qr);
  g_assert_cmpuint (qr, ==, 2);
}

/* A lot code with characters a URI reserves is percent-encoded in the
 * Digital Link and comes back unchanged from every symbol. */
static void
test_special_lot (void)
{
  g_autoptr(LotlineLabelData) data = sample_label ("L/24-01?A&B(C)");
  g_autoptr(LotlineLabelData) encoded = lotline_label_data_copy (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = lotline_label_digital_link (data, NULL, &error);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  guint linear, qr;

  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, "https://id.gs1.org/01/09506000134352/10/L%2F24-01%3FA%26B%28C%29?11=260301&17=270331");

  /* With (11) this GS1-128 would need 398 modules, 104.5 mm at the
   * smallest X: the label's symbols leave (11) out. */
  pdf = write_labels ("label-special.pdf", data, LOTLINE_LABEL_SIZE_100X50, LOTLINE_LABEL_SYMBOL_ALL, 1);
  text = pdf_text (pdf, 1);
  g_assert_nonnull (strstr (text, "(01)09506000134352(17)270331(10)L/24-01?A&B(C)"));
  g_assert_nonnull (strstr (text, "Produced: 2026-03-01"));
  g_clear_pointer (&encoded->produced_on, g_free);
  assert_symbols_decode (pdf, 1, encoded, 1, &linear, &qr);
  g_assert_cmpuint (linear, ==, 1);
  g_assert_cmpuint (qr, ==, 1);
}

/* Only the chosen symbols are printed. */
static void
test_symbols_subset (void)
{
  g_autoptr(LotlineLabelData) data = sample_label ("ABC123");
  g_autofree char *pdf = write_labels ("label-qr-only.pdf", data, LOTLINE_LABEL_SIZE_100X50, LOTLINE_LABEL_SYMBOL_QR, 1);
  g_autofree char *text = pdf_text (pdf, 1);
  guint linear, qr;

  g_assert_null (strstr (text, "(01)"));
  g_assert_nonnull (strstr (text, "Lot: ABC123"));
  assert_symbols_decode (pdf, 1, data, 0, &linear, &qr);
  g_assert_cmpuint (linear, ==, 0);
  g_assert_cmpuint (qr, ==, 1);
}

/* A GS1-128 for a 20-character lot with a production date is wider than a
 * label at the smallest module GS1 allows: refused, the 2D symbols fit. */
static void
test_too_wide (void)
{
  g_autoptr(LotlineLabelData) data = sample_label ("abcdefghijklmnopqrst");
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineRenderDocument) refused =
    lotline_render_label (data, NULL, LOTLINE_LABEL_SIZE_100X50, LOTLINE_LABEL_SYMBOL_ALL, 1, &error);
  g_autoptr(LotlineRenderDocument) doc = NULL;

  g_assert_null (refused);
  g_assert_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "without it"));
  g_clear_error (&error);
  doc = lotline_render_label (data, NULL, LOTLINE_LABEL_SIZE_100X50,
                              LOTLINE_LABEL_SYMBOL_DATAMATRIX | LOTLINE_LABEL_SYMBOL_QR, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lotline_render_document_get_n_pages (doc), ==, 1);
}

static void
test_store_data (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLabelData) data = NULL;
  LotlineProductSpec spec = {
    .sku = "JAM-370", .name = "Strawberry jam 370 g", .gtin = "09506000134352",
    .kind = LOTLINE_PRODUCT_FINISHED, .unit = "jar", .shelf_life_days = 365,
  };
  gint64 product = 0, lot;

  g_assert_true (lotline_store_add_product (ts->store, &spec, &product, &error));
  g_assert_no_error (error);
  lotline_test_store_add_basics (ts);
  lot = lotline_test_receive (ts, product, "J-77", ts->wh1, 10 * LOTLINE_QTY_ONE, "2026-03-01", "2027-03-31");
  data = lotline_store_get_label_data (ts->store, lot, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data->gtin, ==, "09506000134352");
  g_assert_cmpstr (data->lot_code, ==, "J-77");
  g_assert_cmpstr (data->expires_on, ==, "2027-03-31");
  g_assert_cmpstr (data->sku, ==, "JAM-370");
  g_assert_null (lotline_store_get_label_data (ts->store, 9999, &error));
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lotline/render-label/element-string", test_element_string);
  g_test_add_func ("/lotline/render-label/no-gtin", test_no_gtin);
  g_test_add_func ("/lotline/render-label/invalid", test_invalid);
  g_test_add_func ("/lotline/render-label/options", test_options);
  g_test_add_func ("/lotline/render-label/digital-link-escape-corpus", test_digital_link_escape_corpus);
  g_test_add_func ("/lotline/render-label/digital-link-generate-corpus", test_digital_link_generate_corpus);
  g_test_add_data_func ("/lotline/render-label/decode/100x50", &size_100x50, test_decode_size);
  g_test_add_data_func ("/lotline/render-label/decode/4x6", &size_4x6, test_decode_size);
  g_test_add_func ("/lotline/render-label/decode/a4-sheet", test_decode_a4_sheet);
  g_test_add_func ("/lotline/render-label/special-lot", test_special_lot);
  g_test_add_func ("/lotline/render-label/symbols-subset", test_symbols_subset);
  g_test_add_func ("/lotline/render-label/too-wide", test_too_wide);
  g_test_add_func ("/lotline/render-label/store-data", test_store_data);
  return g_test_run ();
}
