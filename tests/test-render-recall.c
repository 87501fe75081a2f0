/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lotline-render-recall.h"
#include "lotline-test-genealogy.h"

#define Q(units) ((gint64) (units) * LOTLINE_QTY_ONE)

static const LotlineRenderCompany company = {
  .name = "Sunny Preserves Inc.",
  .street = "12 Orchard Road",
  .city = "Springfield, OR 97477",
  .country = "USA",
  .phone = "+1 541 555 0100",
  .email = "recall@sunny.example",
};

/* Files land in <build>/tests/render-output/ so a person can look at them. */
static char *
output_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "render-output", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return g_build_filename (dir, name, NULL);
}

typedef struct {
  LotlineTestGenealogy *g;
  LotlineRecall        *recall;
  LotlineRecallScope   *scope;
} Fixture;

/* The genealogy, a third customer with a full address that got 30 jars of
 * J-1, and an open recall of F-1 (reaching B-1, J-1 and J-2). */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  LotlineTestStore *ts;
  LotlinePartySpec harbor = {
    .code = "CUS-3", .name = "Harbor Foods Wholesale", .kind = LOTLINE_PARTY_CUSTOMER,
    .street = "400 Pier Street", .city = "Portland", .region = "OR", .postal_code = "97201",
    .country = "USA", .contact_name = "Dana Lee", .min_shelf_life_days = -1,
  };
  LotlineRecallSpec spec = {
    .number = "R-2026-007",
    .title = "Strawberry jam 370 g",
    .reason = "Strawberries of lot F-1 may contain undeclared peanut.",
    .hazard = "People allergic to peanuts risk a serious or life-threatening allergic reaction.",
    .discovered_how = "Notice from the fruit supplier",
    .discovered_on = "2026-03-22",
    .classification = LOTLINE_RECALL_CLASS_I,
    .depth = GPOINTER_TO_INT (data) ? LOTLINE_RECALL_DEPTH_WHOLESALE : LOTLINE_RECALL_DEPTH_RETAIL,
    .public_warning = TRUE,
    .check_level = LOTLINE_RECALL_CHECK_B,
    .instructions = "Stop selling these lots at once, set them apart and return them to us; we credit every jar.",
    .contact_name = "Quality office",
    .contact_phone = "+1 541 555 0199",
  };
  g_autoptr(GError) error = NULL;
  gint64 party = 0, id = 0;

  f->g = lotline_test_genealogy_new ();
  ts = f->g->ts;
  g_assert_true (lotline_store_add_party (ts->store, &harbor, &party, &error));
  g_assert_no_error (error);
  lotline_test_ship (ts, party, f->g->j1, ts->wh1, Q (30), "2026-03-19");

  g_assert_true (lotline_store_create_recall (ts->store, &spec, &f->g->f1, 1, &id, &error));
  g_assert_no_error (error);
  g_assert_true (lotline_store_open_recall (ts->store, id, &error));
  g_assert_no_error (error);
  f->recall = lotline_store_get_recall (ts->store, id, &error);
  g_assert_no_error (error);
  f->scope = lotline_store_get_recall_scope (ts->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->scope->consignees->len, ==, 3);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  lotline_recall_scope_free (f->scope);
  lotline_recall_free (f->recall);
  lotline_test_genealogy_free (f->g);
}

static char *
pdf_text (const char *path, guint first, guint last)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *f = g_strdup_printf ("%u", first), *l = g_strdup_printf ("%u", last);
  const char *argv[] = { pdftotext, "-layout", "-f", f, "-l", l, path, "-", NULL };
  char *text = NULL;

  g_assert_cmpint (lotline_test_run (argv, &text, NULL), ==, 0);
  return text;
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  const char *argv[] = { pdfinfo, path, NULL };
  g_autofree char *info = NULL;
  const char *line;

  g_assert_cmpint (lotline_test_run (argv, &info, NULL), ==, 0);
  line = strstr (info, "Pages:");
  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10);
}

static gboolean
have_poppler (void)
{
  g_autofree char *a = g_find_program_in_path ("pdftotext");
  g_autofree char *b = g_find_program_in_path ("pdfinfo");

  if (a == NULL || b == NULL)
    {
      g_test_skip ("pdftotext and pdfinfo (poppler-utils) are not installed");
      return FALSE;
    }
  return TRUE;
}

/* pdftotext may break a line anywhere; compare with white space squeezed. */
static char *
squeeze (const char *text)
{
  GString *s = g_string_new ("");
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && s->len)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

static void
assert_contains (const char *text, const char *needle)
{
  g_autofree char *n = squeeze (needle);

  if (strstr (text, n) == NULL)
    g_error ("“%s” is not in the text:\n%s", n, text);
}

static void
check_letters (Fixture *f, LotlinePaper paper, const char *name)
{
  g_autofree char *path = output_path (name);
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  const LotlineRecallScope *scope = f->scope;

  g_assert_true (lotline_render_recall_letters (path, paper, &company, f->recall, scope, &pages, &error));
  g_assert_no_error (error);
  if (!have_poppler ())
    return;

  /* One two-page letter (letter and response form) per consignee. */
  g_assert_cmpuint (pages->len, ==, scope->consignees->len + 1);
  g_assert_cmpuint (pdf_pages (path), ==, 2 * scope->consignees->len);
  g_assert_cmpuint (g_array_index (pages, guint, pages->len - 1), ==, 2 * scope->consignees->len);

  for (guint i = 0; i < scope->consignees->len; i++)
    {
      const LotlineRecallConsignee *c = scope->consignees->pdata[i];
      guint first = g_array_index (pages, guint, i);
      guint last = i + 1 < scope->consignees->len ? g_array_index (pages, guint, i + 1) - 1
                                                   : g_array_index (pages, guint, i + 1);
      g_autofree char *raw = NULL, *text = NULL, *letter_page = NULL;

      g_assert_cmpuint (last, ==, first + 1);
      raw = pdf_text (path, first, last);
      text = squeeze (raw);

      assert_contains (text, c->name);
      assert_contains (text, "URGENT: FOOD RECALL");
      assert_contains (text, f->recall->reason);
      assert_contains (text, f->recall->hazard);
      assert_contains (text, f->recall->instructions);
      assert_contains (text, "Recall response form");
      assert_contains (text, "R-2026-007");
      assert_contains (text, "+1 541 555 0199");

      /* All of this consignee's lots with quantities and dates … */
      for (guint j = 0; j < c->shipments->len; j++)
        {
          const LotlineRecallShipment *s = c->shipments->pdata[j];
          g_autofree char *q = lotline_quantity_format (s->quantity);
          g_autofree char *row = g_strdup_printf ("%s %s %s %s", s->lot_code, q, s->unit, s->date);

          assert_contains (text, row);
        }
      /* … and no other consignee's. */
      for (guint k = 0; k < scope->consignees->len; k++)
        {
          const LotlineRecallConsignee *other = scope->consignees->pdata[k];

          if (k != i)
            g_assert_null (strstr (text, other->name));
        }
      if (strcmp (c->name, "Corner Grocery") != 0)
        g_assert_null (strstr (text, "J-2"));

      /* Retail depth: tell them to notify their own customers. */
      assert_contains (text, "notify your customers at once");

      /* The marking is on the letter's first page, bold red, above the text. */
      letter_page = pdf_text (path, first, first);
      g_assert_nonnull (strstr (letter_page, "URGENT: FOOD RECALL"));
    }
}

static void
test_letters_a4 (Fixture *f, gconstpointer data)
{
  check_letters (f, LOTLINE_PAPER_A4, "recall-letters-a4.pdf");
}

static void
test_letters_us (Fixture *f, gconstpointer data)
{
  check_letters (f, LOTLINE_PAPER_LETTER, "recall-letters-letter.pdf");
}

static void
test_wholesale (Fixture *f, gconstpointer data)
{
  g_autofree char *path = output_path ("recall-letters-wholesale.pdf");
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL, *text = NULL;

  g_assert_true (lotline_render_recall_letters (path, LOTLINE_PAPER_A4, &company, f->recall, f->scope, NULL, &error));
  g_assert_no_error (error);
  if (!have_poppler ())
    return;
  raw = pdf_text (path, 1, 2);
  text = squeeze (raw);
  /* A wholesale-level recall does not ask consignees to notify their customers. */
  g_assert_null (strstr (text, "notify your customers"));
  g_assert_null (strstr (text, "We have notified our customers"));
}

static void
test_report (Fixture *f, gconstpointer data)
{
  g_autofree char *path = output_path ("recall-report.pdf");
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL, *text = NULL;

  g_assert_true (lotline_render_recall_report (path, LOTLINE_PAPER_LETTER, &company, f->recall, f->scope, &error));
  g_assert_no_error (error);
  if (!have_poppler ())
    return;

  raw = pdf_text (path, 1, pdf_pages (path));
  text = squeeze (raw);
  assert_contains (text, "21 CFR 7.46");
  assert_contains (text, "Identity of the products");
  assert_contains (text, "Distribution list");
  assert_contains (text, "Recall strategy");
  assert_contains (text, f->recall->reason);
  assert_contains (text, f->recall->hazard);
  assert_contains (text, "Notice from the fruit supplier");
  assert_contains (text, "Sunny Preserves Inc.");
  for (guint i = 0; i < f->scope->lots->len; i++)
    assert_contains (text, ((LotlineRecallLot *) f->scope->lots->pdata[i])->code);
  for (guint i = 0; i < f->scope->consignees->len; i++)
    assert_contains (text, ((LotlineRecallConsignee *) f->scope->consignees->pdata[i])->name);
  /* Totals by unit: jars of J-1 (230) and J-2 (600), kilograms of B-1 (50)
   * and F-1 (300); 50 + 100 + 30 jars of J-1 and 200 of J-2 distributed. */
  assert_contains (text, "On hand in the firm’s possession: 830 jar, 350 kg");
  assert_contains (text, "Distributed to consignees: 380 jar, 0 kg");
  /* A specimen letter follows the report. */
  assert_contains (text, "URGENT: FOOD RECALL");
  assert_contains (text, "Recall response form");
}

static void
test_no_consignees (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *path = output_path ("recall-none.pdf");
  LotlineRecall recall = { .number = (char *) "R-1", .title = (char *) "x" };
  LotlineRecallScope scope = { .lots = g_ptr_array_new (), .stock = g_ptr_array_new (), .consignees = g_ptr_array_new () };
  g_autoptr(GError) error = NULL;

  g_assert_false (lotline_render_recall_letters (path, LOTLINE_PAPER_A4, &company, &recall, &scope, NULL, &error));
  g_assert_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_DRAW);
  g_ptr_array_unref (scope.lots);
  g_ptr_array_unref (scope.stock);
  g_ptr_array_unref (scope.consignees);
}

/* A consignee that received many lots: the table runs over onto more
 * pages with its header repeated, and the response form follows. */
static void
test_long_letter (void)
{
  g_autofree char *path = output_path ("recall-letters-long.pdf");
  LotlineRecall recall = {
    .number = (char *) "R-LONG", .title = (char *) "Jam", .reason = (char *) "Glass fragments",
    .hazard = (char *) "Cuts to mouth and throat", .instructions = (char *) "Destroy the jars.",
    .depth = LOTLINE_RECALL_DEPTH_WHOLESALE, .created_at = (char *) "2026-03-25T08:00:00Z",
  };
  LotlineRecallConsignee consignee = {
    .party_id = 1, .code = (char *) "CUS-9", .name = (char *) "Many Lots Market",
    .shipments = g_ptr_array_new_with_free_func (g_free),
  };
  LotlineRecallScope scope = { .lots = g_ptr_array_new (), .stock = g_ptr_array_new (), .consignees = g_ptr_array_new () };
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *raw = NULL, *text = NULL;
  guint n_pages;

  for (guint i = 0; i < 80; i++)
    {
      LotlineRecallShipment *s = g_new0 (LotlineRecallShipment, 1);
      char *code = g_strdup_printf ("LOT-%03u", i);

      s->lot_code = code;
      s->product_sku = (char *) "FIN-JAR";
      s->product_name = (char *) "Strawberry jam 340 g";
      s->unit = (char *) "jar";
      s->quantity = Q (i + 1);
      s->date = (char *) "2026-03-15";
      g_ptr_array_add (codes, code);  /* owns it; the shipment borrows it */
      g_ptr_array_add (consignee.shipments, s);
    }
  g_ptr_array_add (scope.consignees, &consignee);

  g_assert_true (lotline_render_recall_letters (path, LOTLINE_PAPER_A4, &company, &recall, &scope, &pages, &error));
  g_assert_no_error (error);
  n_pages = g_array_index (pages, guint, 1);
  /* 80 rows do not fit one page, and the response form lists them again. */
  g_assert_cmpuint (n_pages, >=, 4);

  if (have_poppler ())
    {
      g_assert_cmpuint (pdf_pages (path), ==, n_pages);
      raw = pdf_text (path, 1, n_pages);
      text = squeeze (raw);
      for (guint i = 0; i < codes->len; i++)
        {
          g_autofree char *q = lotline_quantity_format (Q (i + 1));
          g_autofree char *row = g_strdup_printf ("%s %s jar 2026-03-15", (char *) codes->pdata[i], q);

          assert_contains (text, row);
        }
      {
        g_autofree char *page2 = pdf_text (path, 2, 2);
        /* The header is repeated on the continuation page. */
        g_assert_nonnull (strstr (page2, "Lot code"));
        g_assert_nonnull (strstr (page2, "page 2"));
      }
    }

  g_ptr_array_unref (consignee.shipments);
  g_ptr_array_unref (scope.lots);
  g_ptr_array_unref (scope.stock);
  g_ptr_array_unref (scope.consignees);
}

static void
track (Fixture *f, const char *code, const LotlineRecallResponse *r)
{
  g_autoptr(GError) error = NULL;
  gint64 party = 0;

  g_assert_true (lotline_store_find_party (f->g->ts->store, code, &party, &error));
  g_assert_true (lotline_store_track_recall_consignee (f->g->ts->store, f->recall->id, party, r, &error));
  g_assert_no_error (error);
}

static void
test_status_report (Fixture *f, gconstpointer data)
{
  g_autofree char *path = output_path ("recall-status-report.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tracking = NULL;
  g_autofree char *raw = NULL, *text = NULL;
  LotlineRecallResponse corner = { .notified_at = "2026-03-23T09:00:00Z", .notify_method = "letter",
                                   .responded_at = "2026-03-24T15:00:00Z", .on_hand_reported = Q (120),
                                   .quantity_returned = Q (100), .quantity_destroyed = Q (20) };
  LotlineRecallResponse big_box = { .notified_at = "2026-03-23T10:00:00Z", .notify_method = "email",
                                    .on_hand_reported = -1, .quantity_returned = -1, .quantity_destroyed = -1 };
  guint sampled = 0, sampled_responding = 0;

  track (f, "CUS-1", &corner);
  track (f, "CUS-2", &big_box);
  tracking = lotline_store_get_recall_tracking (f->g->ts->store, f->recall->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tracking->len, ==, 3);
  for (guint i = 0; i < tracking->len; i++)
    {
      const LotlineRecallTracking *t = tracking->pdata[i];

      sampled += t->in_sample;
      sampled_responding += t->in_sample && t->responded_at != NULL;
    }
  /* Level B checks a quarter of three consignees, rounded up. */
  g_assert_cmpuint (sampled, ==, 1);

  g_assert_true (lotline_render_recall_status_report (path, LOTLINE_PAPER_A4, &company, f->recall, tracking,
                                                      "2026-03-25", "2026-04-30", &error));
  g_assert_no_error (error);
  if (!have_poppler ())
    return;

  raw = pdf_text (path, 1, pdf_pages (path));
  text = squeeze (raw);
  assert_contains (text, "21 CFR 7.53");
  assert_contains (text, "Consignees: 3");
  assert_contains (text, "Consignees notified: 2");
  assert_contains (text, "Consignees responding: 1");
  assert_contains (text, "Quantity on hand they reported: 120");
  assert_contains (text, "Consignees not responding: 2");
  assert_contains (text, "Quantity returned: 100");
  assert_contains (text, "Quantity destroyed: 20");
  assert_contains (text, "Estimated completion: 2026-04-30");
  {
    g_autofree char *checks = g_strdup_printf ("level B: %u of 1 consignees to check have responded", sampled_responding);
    assert_contains (text, checks);
  }
  assert_contains (text, "Big Box Retail (CUS-2); Harbor Foods Wholesale (CUS-3)");
  assert_contains (text, "2026-03-23 letter");
  assert_contains (text, "2026-03-23 email");
}

/* ---- paged documents ---------------------------------------------------- */

/* Page @page of @doc replayed onto a white image, @scale pixels a point. */
static cairo_surface_t *
replay_page (const LotlineRenderDocument *doc, guint page, double scale)
{
  int w = (int) ceil (lotline_render_document_get_width (doc) * scale);
  int h = (int) ceil (lotline_render_document_get_height (doc) * scale);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (image);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  lotline_render_document_draw_page (doc, cr, page);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

static guint
count_ink (cairo_surface_t *image)
{
  const guchar *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (image); y++)
    for (int x = 0; x < cairo_image_surface_get_width (image); x++)
      n += (*(const guint32 *) (data + y * stride + 4 * x) & 0xffffff) != 0xffffff;
  return n;
}

static gboolean
same_pixels (cairo_surface_t *a, cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);
  int h = cairo_image_surface_get_height (a);

  return stride == cairo_image_surface_get_stride (b) && h == cairo_image_surface_get_height (b) &&
         memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), (gsize) stride * h) == 0;
}

/* One part per consignee, two pages each (letter and response form); a
 * page replayed draws ink; one consignee's letter alone draws the same
 * pages as its part of all the letters. */
static void
test_letters_document (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineRenderDocument) doc = NULL;
  guint n = f->scope->consignees->len;

  doc = lotline_render_recall_letters_document (LOTLINE_PAPER_A4, &company, f->recall, f->scope, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lotline_render_document_get_n_parts (doc), ==, n);
  g_assert_cmpuint (lotline_render_document_get_n_pages (doc), ==, 2 * n);
  g_assert_cmpfloat_with_epsilon (lotline_render_document_get_width (doc), 595.28, 0.01);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LotlineRenderDocument) one = NULL;
      guint first = lotline_render_document_get_part_page (doc, i);

      g_assert_cmpuint (first, ==, 2 * i);
      one = lotline_render_recall_letter_document (LOTLINE_PAPER_A4, &company, f->recall, f->scope, i, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (lotline_render_document_get_n_parts (one), ==, 1);
      g_assert_cmpuint (lotline_render_document_get_n_pages (one), ==, 2);
      for (guint p = 0; p < 2; p++)
        {
          cairo_surface_t *alone = replay_page (one, p, 0.5);
          cairo_surface_t *among = replay_page (doc, first + p, 0.5);

          g_assert_cmpuint (count_ink (alone), >, 1000);
          g_assert_true (same_pixels (alone, among));
          cairo_surface_destroy (alone);
          cairo_surface_destroy (among);
        }
    }
  /* Consecutive letters differ: each names its own consignee. */
  {
    cairo_surface_t *a = replay_page (doc, 0, 0.5), *b = replay_page (doc, 2, 0.5);

    g_assert_false (same_pixels (a, b));
    cairo_surface_destroy (a);
    cairo_surface_destroy (b);
  }
  /* A page past the end draws nothing. */
  {
    cairo_surface_t *none = replay_page (doc, 2 * n, 0.5);

    g_assert_cmpuint (count_ink (none), ==, 0);
    cairo_surface_destroy (none);
  }
  g_assert_null (lotline_render_recall_letter_document (LOTLINE_PAPER_A4, &company, f->recall, f->scope, n, &error));
  g_assert_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_DRAW);
}

/* The page of the report that starts with @heading, from 1, or 0. */
static guint
find_page (const char *path, guint n_pages, const char *heading)
{
  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *text = pdf_text (path, p, p);

      if (strstr (text, heading) != NULL)
        return p;
    }
  return 0;
}

/* The FDA report with the genealogy graph: every node label of the laid
 * out downstream trace is in the PDF's text, on the graph's own page; the
 * upstream origin names the supplier of the seed; amounts produced. */
static void
test_report_graph (Fixture *f, gconstpointer data)
{
  g_autofree char *path = output_path ("recall-report-graph.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLayout) graph = NULL;
  g_autoptr(LotlineRenderDocument) doc = NULL;
  g_autofree char *raw = NULL, *text = NULL, *graph_raw = NULL, *graph_text = NULL;
  guint n_pages, graph_page;

  graph = lotline_render_recall_graph (f->g->ts->store, f->recall, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lotline_layout_get_n_nodes (graph), >, 0);
  doc = lotline_render_recall_report_document (LOTLINE_PAPER_A4, &company, f->recall, f->scope, graph, &error);
  g_assert_no_error (error);
  /* The report, then the specimen letter. */
  g_assert_cmpuint (lotline_render_document_get_n_parts (doc), ==, 2);
  g_assert_true (lotline_render_document_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  if (!have_poppler ())
    return;

  n_pages = pdf_pages (path);
  g_assert_cmpuint (n_pages, ==, lotline_render_document_get_n_pages (doc));
  raw = pdf_text (path, 1, n_pages);
  text = squeeze (raw);
  assert_contains (text, "8. Upstream origin of the recalled lots");
  g_assert_cmpuint (f->scope->roots->len, >, 0);
  for (guint i = 0; i < f->scope->roots->len; i++)
    {
      const LotlineRecallRoot *root = f->scope->roots->pdata[i];

      assert_contains (text, root->lot_code);
      assert_contains (text, root->supplier_name);
    }
  assert_contains (text, "Produced or received:");

  /* The graph has a page of its own, and every label is on it. */
  graph_page = find_page (path, n_pages, "9. Genealogy of the recalled lots");
  g_assert_cmpuint (graph_page, >, 1);
  graph_raw = pdf_text (path, graph_page, graph_page);
  g_assert_null (strstr (graph_raw, "Distribution list"));
  graph_text = squeeze (graph_raw);
  for (guint i = 0; i < lotline_layout_get_n_nodes (graph); i++)
    {
      const LotlineLayoutNode *node = lotline_layout_get_node (graph, i);

      for (guint j = 0; node->label_lines[j] != NULL; j++)
        assert_contains (graph_text, node->label_lines[j]);
    }
  assert_contains (graph_text, "Corner Grocery");
  assert_contains (graph_text, "J-2");
}

/* A graph too large to read on one page (two hundred customers drawn one
 * by one) runs over a few sheets, each captioned with its row and column,
 * sixteen at the most, every label on one of them. */
static void
test_report_graph_sheets (Fixture *f, gconstpointer data)
{
  g_autofree char *path = output_path ("recall-report-graph-sheets.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(LotlineLayout) graph = NULL;
  g_autoptr(LotlineRenderDocument) doc = NULL;
  g_autoptr(LotlineRenderDocument) small = NULL;
  LotlineLayoutOptions options = { .collapse_limit = G_MAXUINT, .crowd_limit = G_MAXUINT, .hide_quantities = TRUE };
  g_autoptr(GString) shown = g_string_new ("");
  gint64 lot = 0;
  guint sheets = 0, rows = 0, cols = 0;

  trace = lotline_test_fanout_trace (f->g->ts, 200, &lot);
  graph = lotline_layout_compute (trace, &options, &error);
  g_assert_no_error (error);
  doc = lotline_render_recall_report_document (LOTLINE_PAPER_A4, &company, f->recall, f->scope, graph, &error);
  g_assert_no_error (error);
  small = lotline_render_recall_report_document (LOTLINE_PAPER_A4, &company, f->recall, f->scope, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lotline_render_document_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  if (!have_poppler ())
    return;

  for (guint p = 1; p <= pdf_pages (path); p++)
    {
      g_autofree char *text = pdf_text (path, p, p);
      const char *caption = strstr (text, "Genealogy graph, row ");

      if (caption == NULL)
        continue;
      sheets++;
      g_assert_cmpint (sscanf (caption, "Genealogy graph, row %*u of %u, column %*u of %u", &rows, &cols), ==, 2);
      g_string_append (shown, text);
    }
  g_assert_cmpuint (sheets, >, 1);
  g_assert_cmpuint (sheets, ==, rows * cols);
  g_assert_cmpuint (sheets, <=, 16);
  /* Every customer is on one of the sheets, readable as text. */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("Shop %03u", i);

      assert_contains (shown->str, name);
    }
  /* The sheets replace the one graph page of a report without a graph. */
  g_assert_cmpuint (lotline_render_document_get_n_pages (doc), ==,
                    lotline_render_document_get_n_pages (small) + sheets - 1);
}

/* Without origin data the report says so rather than leaving it out. */
static void
test_report_no_origin (Fixture *f, gconstpointer data)
{
  g_autofree char *path = output_path ("recall-report-no-origin.pdf");
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL, *text = NULL;
  GPtrArray *roots = f->scope->roots;

  f->scope->roots = g_ptr_array_new ();
  g_assert_true (lotline_render_recall_report (path, LOTLINE_PAPER_A4, &company, f->recall, f->scope, &error));
  g_assert_no_error (error);
  g_ptr_array_unref (f->scope->roots);
  f->scope->roots = roots;
  if (!have_poppler ())
    return;
  raw = pdf_text (path, 1, pdf_pages (path));
  text = squeeze (raw);
  assert_contains (text, "No upstream origin recorded");
  assert_contains (text, "The genealogy graph was not drawn for this report.");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/lotline/render-recall/letters-a4", Fixture, NULL, fixture_setup, test_letters_a4, fixture_teardown);
  g_test_add ("/lotline/render-recall/letters-us", Fixture, NULL, fixture_setup, test_letters_us, fixture_teardown);
  g_test_add ("/lotline/render-recall/wholesale", Fixture, GINT_TO_POINTER (1), fixture_setup, test_wholesale, fixture_teardown);
  g_test_add ("/lotline/render-recall/report", Fixture, NULL, fixture_setup, test_report, fixture_teardown);
  g_test_add ("/lotline/render-recall/status-report", Fixture, NULL, fixture_setup, test_status_report, fixture_teardown);
  g_test_add ("/lotline/render-recall/letters-document", Fixture, NULL, fixture_setup, test_letters_document, fixture_teardown);
  g_test_add ("/lotline/render-recall/report-graph", Fixture, NULL, fixture_setup, test_report_graph, fixture_teardown);
  g_test_add ("/lotline/render-recall/report-graph-sheets", Fixture, NULL, fixture_setup, test_report_graph_sheets, fixture_teardown);
  g_test_add ("/lotline/render-recall/report-no-origin", Fixture, NULL, fixture_setup, test_report_no_origin, fixture_teardown);
  g_test_add_func ("/lotline/render-recall/no-consignees", test_no_consignees);
  g_test_add_func ("/lotline/render-recall/long-letter", test_long_letter);
  return g_test_run ();
}
