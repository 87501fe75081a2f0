/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lotline-layout.h"
#include "lotline-render-document.h"
#include "lotline-render-graph.h"
#include "lotline-test-genealogy.h"
#include "lotline-test-util.h"

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
  LotlineLayout        *layout;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->g = lotline_test_genealogy_new ();
  f->layout = lotline_layout_compute (f->g->trace, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->layout, lotline_layout_unref);
  g_clear_pointer (&f->g, lotline_test_genealogy_free);
}

static const LotlineLayoutNode *
node_for_lot (LotlineLayout *layout,
              gint64         lot_id)
{
  g_autofree char *key = g_strdup_printf ("lot:%" G_GINT64_FORMAT, lot_id);
  int i = lotline_layout_find_node (layout, key);

  g_assert_cmpint (i, >=, 0);
  return lotline_layout_get_node (layout, (guint) i);
}

/* ---- PNG -------------------------------------------------------------- */

typedef struct {
  cairo_surface_t *surface;
  double           scale;
  double           margin;
} Image;

static guint32
pixel_at (Image  *img,
          double  x,
          double  y)
{
  int px = (int) floor ((img->margin + x) * img->scale);
  int py = (int) floor ((img->margin + y) * img->scale);
  int stride = cairo_image_surface_get_stride (img->surface);
  const guchar *data = cairo_image_surface_get_data (img->surface);

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (img->surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (img->surface));
  return *(const guint32 *) (gconstpointer) (data + py * stride + px * 4);
}

static void
assert_color (guint32                   pixel,
              const LotlineRenderColor *color,
              const char               *what)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;
  int er = (int) lround (color->red * 255), eg = (int) lround (color->green * 255), eb = (int) lround (color->blue * 255);

  if (ABS (r - er) > 3 || ABS (g - eg) > 3 || ABS (b - eb) > 3)
    g_error ("%s: pixel #%02x%02x%02x, expected #%02x%02x%02x", what, r, g, b, er, eg, eb);
}

static Image
render_png (Fixture                    *f,
            const LotlineRenderOptions *opts,
            const char                 *name)
{
  g_autofree char *path = output_path (name);
  g_autoptr(GError) error = NULL;
  Image img = { 0 };
  double w, h;

  g_assert_true (lotline_render_graph_to_file (f->layout, f->g->trace, opts, path, &error));
  g_assert_no_error (error);
  g_test_message ("wrote %s", path);

  img.surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (img.surface), ==, CAIRO_STATUS_SUCCESS);
  img.scale = opts->png_scale > 0 ? opts->png_scale : 1.5;
  img.margin = opts->margin > 0 ? opts->margin : 24;

  lotline_render_graph_get_size (f->layout, opts, &w, &h);
  g_assert_cmpint (cairo_image_surface_get_width (img.surface), ==, (int) ceil ((w + 2 * img.margin) * img.scale));
  g_assert_cmpint (cairo_image_surface_get_height (img.surface), ==, (int) ceil ((h + 2 * img.margin) * img.scale));
  return img;
}

/* A point inside a node's fill: left of its centred text, inside a border
 * as thick as a seed's. */
static guint32
fill_pixel (Image                   *img,
            const LotlineLayoutNode *node)
{
  return pixel_at (img, node->x - node->width / 2 + 4.5, node->y);
}

static void
check_status_colors (Fixture            *f,
                     Image              *img,
                     LotlineRenderTheme  theme)
{
  LotlineRenderColor released, quarantined, expired, destroyed;

  lotline_render_status_colors (theme, LOTLINE_LOT_RELEASED, &released, NULL);
  lotline_render_status_colors (theme, LOTLINE_LOT_QUARANTINED, &quarantined, NULL);
  lotline_render_status_colors (theme, LOTLINE_LOT_EXPIRED, &expired, NULL);
  lotline_render_status_colors (theme, LOTLINE_LOT_DESTROYED, &destroyed, NULL);

  assert_color (fill_pixel (img, node_for_lot (f->layout, f->g->j2)), &quarantined, "J-2 (quarantined)");
  /* J-3's stored status is released; on LOTLINE_TEST_TODAY it is past
   * its expiry date. */
  assert_color (fill_pixel (img, node_for_lot (f->layout, f->g->j3)), &expired, "J-3 (expired)");
  assert_color (fill_pixel (img, node_for_lot (f->layout, f->g->f2)), &destroyed, "F-2 (destroyed)");
  assert_color (fill_pixel (img, node_for_lot (f->layout, f->g->f1)), &released, "F-1 (released)");
  assert_color (fill_pixel (img, node_for_lot (f->layout, f->g->b1)), &released, "B-1 (released seed)");
  assert_color (fill_pixel (img, node_for_lot (f->layout, f->g->pe1)), &released, "PE-1 (released)");
  assert_color (fill_pixel (img, node_for_lot (f->layout, f->g->j1)), &released, "J-1 (released)");
}

static guint
count_colors (Image *img)
{
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  int w = cairo_image_surface_get_width (img->surface), h = cairo_image_surface_get_height (img->surface);
  int stride = cairo_image_surface_get_stride (img->surface);
  const guchar *data = cairo_image_surface_get_data (img->surface);

  for (int y = 0; y < h; y += 2)
    for (int x = 0; x < w; x += 2)
      g_hash_table_add (colors, GUINT_TO_POINTER (*(const guint32 *) (gconstpointer) (data + y * stride + x * 4)));
  return g_hash_table_size (colors);
}

static void
test_png_light (Fixture       *f,
                gconstpointer  data)
{
  LotlineRenderOptions opts = { .theme = LOTLINE_RENDER_THEME_LIGHT, .today = LOTLINE_TEST_TODAY,
                                .show_legend = TRUE, .png_scale = 2 };
  LotlineRenderColor background = { 1, 1, 1, 1 };
  Image img = render_png (f, &opts, "genealogy-light.png");

  /* Not blank: many colours (anti-aliased text and curves). */
  g_assert_cmpuint (count_colors (&img), >, 200);
  assert_color (pixel_at (&img, -20, -20), &background, "margin");
  check_status_colors (f, &img, opts.theme);
  cairo_surface_destroy (img.surface);
}

static void
test_png_dark (Fixture       *f,
               gconstpointer  data)
{
  LotlineRenderOptions opts = { .theme = LOTLINE_RENDER_THEME_DARK, .today = LOTLINE_TEST_TODAY,
                                .show_legend = TRUE };
  LotlineRenderColor background = { 0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0, 1 };
  Image img = render_png (f, &opts, "genealogy-dark.png");

  g_assert_cmpuint (count_colors (&img), >, 200);
  assert_color (pixel_at (&img, -20, -20), &background, "margin");
  check_status_colors (f, &img, opts.theme);
  cairo_surface_destroy (img.surface);
}

/* A highlighted path fades everything else; the selected node has a ring. */
static void
test_png_highlight (Fixture       *f,
                    gconstpointer  data)
{
  LotlineTrace *trace = f->g->trace;
  g_autofree char *b1_key = g_strdup_printf ("lot:%" G_GINT64_FORMAT, f->g->b1);
  g_autofree char *j1_key = g_strdup_printf ("lot:%" G_GINT64_FORMAT, f->g->j1);
  g_autofree char *f1_key = g_strdup_printf ("lot:%" G_GINT64_FORMAT, f->g->f1);
  g_autoptr(GArray) path_nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) path_edges = g_array_new (FALSE, FALSE, sizeof (guint));
  int f1 = lotline_trace_find_node (trace, f1_key);
  int b1 = lotline_trace_find_node (trace, b1_key);
  int j1 = lotline_trace_find_node (trace, j1_key);
  LotlineRenderOptions opts = { .today = LOTLINE_TEST_TODAY, .selected_key = b1_key };
  LotlineRenderColor released, faded, accent = { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1 };
  const LotlineLayoutNode *sel, *other;
  Image img;

  g_assert_cmpint (f1, >=, 0);
  g_assert_cmpint (b1, >=, 0);
  g_assert_cmpint (j1, >=, 0);
  g_array_append_val (path_nodes, f1);
  g_array_append_val (path_nodes, b1);
  g_array_append_val (path_nodes, j1);
  for (guint i = 0; i < lotline_trace_get_n_edges (trace); i++)
    {
      const LotlineTraceEdge *edge = lotline_trace_get_edge (trace, i);

      if ((edge->from == (guint) f1 && edge->to == (guint) b1) || (edge->from == (guint) b1 && edge->to == (guint) j1))
        g_array_append_val (path_edges, i);
    }
  g_assert_cmpuint (path_edges->len, ==, 2);
  opts.highlight_nodes = (const guint *) (gconstpointer) path_nodes->data;
  opts.n_highlight_nodes = path_nodes->len;
  opts.highlight_edges = (const guint *) (gconstpointer) path_edges->data;
  opts.n_highlight_edges = path_edges->len;

  img = render_png (f, &opts, "genealogy-highlight.png");

  /* On the path: full colour.  Off it: the fill over white at low alpha. */
  lotline_render_status_colors (LOTLINE_RENDER_THEME_LIGHT, LOTLINE_LOT_RELEASED, &released, NULL);
  assert_color (fill_pixel (&img, node_for_lot (f->layout, f->g->j1)), &released, "J-1 on the path");
  other = node_for_lot (f->layout, f->g->pe1);
  faded.red = 1 - (1 - released.red) * 0.28;
  faded.green = 1 - (1 - released.green) * 0.28;
  faded.blue = 1 - (1 - released.blue) * 0.28;
  assert_color (fill_pixel (&img, other), &faded, "PE-1 faded");

  /* The selection ring sits 4.5 pt outside the node, above and below. */
  sel = node_for_lot (f->layout, f->g->b1);
  assert_color (pixel_at (&img, sel->x, sel->y - sel->height / 2 - 4.5), &accent, "selection ring");
  cairo_surface_destroy (img.surface);
}

/* ---- PDF and SVG ------------------------------------------------------ */

static void
test_pdf_text (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = output_path ("genealogy.pdf");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  LotlineRenderOptions opts = { .today = LOTLINE_TEST_TODAY, .show_legend = TRUE };
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { pdftotext, "-layout", path, "-", NULL };

  g_assert_true (lotline_render_graph_to_file (f->layout, NULL, &opts, path, &error));
  g_assert_no_error (error);

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_cmpint (lotline_test_run (argv, &out, &err), ==, 0);
  for (guint i = 0; lotline_test_genealogy_codes[i]; i++)
    if (strstr (out, lotline_test_genealogy_codes[i]) == NULL)
      g_error ("lot %s missing from the PDF text:\n%s", lotline_test_genealogy_codes[i], out);
  /* Parties, products, quantities, badges and the legend are text too. */
  g_assert_nonnull (strstr (out, "Berry Farms"));
  g_assert_nonnull (strstr (out, "Corner Grocery"));
  g_assert_nonnull (strstr (out, "Strawberry jam base"));
  g_assert_nonnull (strstr (out, "200 kg"));
  g_assert_nonnull (strstr (out, "QUARANTINED"));
  g_assert_nonnull (strstr (out, "EXPIRED"));
  g_assert_nonnull (strstr (out, "DESTROYED"));
  g_assert_nonnull (strstr (out, "Lot status"));
}

typedef struct {
  guint   elements;
  guint   paths;
  char   *width;
  char   *height;
} SvgStats;

static void
on_svg_start (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  SvgStats *stats = user_data;

  if (stats->elements++ == 0)
    {
      g_assert_cmpstr (element, ==, "svg");
      for (guint i = 0; names[i]; i++)
        if (g_str_equal (names[i], "width"))
          stats->width = g_strdup (values[i]);
        else if (g_str_equal (names[i], "height"))
          stats->height = g_strdup (values[i]);
    }
  if (g_str_equal (element, "path"))
    stats->paths++;
}

static void
test_svg (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = output_path ("genealogy.svg");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  GMarkupParser parser = { .start_element = on_svg_start };
  LotlineRenderOptions opts = { .theme = LOTLINE_RENDER_THEME_DARK, .today = LOTLINE_TEST_TODAY, .margin = 10 };
  SvgStats stats = { 0 };
  gsize length;
  double w, h;

  g_assert_true (lotline_render_graph_to_file (f->layout, f->g->trace, &opts, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  /* Well-formed XML with an <svg> root of the expected size in points. */
  context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, &stats, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, (gssize) length, &error) &&
                 g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  lotline_render_graph_get_size (f->layout, &opts, &w, &h);
  g_assert_nonnull (stats.width);
  g_assert_nonnull (stats.height);
  g_assert_cmpfloat (fabs (g_ascii_strtod (stats.width, NULL) - (w + 20)), <, 1);
  g_assert_cmpfloat (fabs (g_ascii_strtod (stats.height, NULL) - (h + 20)), <, 1);
  g_assert_true (g_str_has_suffix (stats.width, "pt"));
  /* Shapes, curves and glyph outlines: far more paths than nodes. */
  g_assert_cmpuint (stats.paths, >, 3 * lotline_layout_get_n_nodes (f->layout));
  g_free (stats.width);
  g_free (stats.height);
}

/* A group node draws as a stack with the group's label. */
static void
test_group_pdf (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(LotlineLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = output_path ("fanout.pdf");
  g_autofree char *png = output_path ("fanout.png");
  g_autofree char *out = NULL;
  LotlineRenderOptions opts = { .today = LOTLINE_TEST_TODAY };
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { pdftotext, path, "-", NULL };

  lotline_test_store_add_basics (ts);
  trace = lotline_test_fanout_trace (ts, 60, NULL);
  layout = lotline_layout_compute (trace, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lotline_render_graph_to_file (layout, trace, &opts, path, &error));
  g_assert_no_error (error);
  g_assert_true (lotline_render_graph_to_file (layout, trace, &opts, png, &error));
  g_assert_no_error (error);
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_cmpint (lotline_test_run (argv, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "60 customers"));
  g_assert_nonnull (strstr (out, "120 jar"));
  g_assert_nonnull (strstr (out, "FAN-1"));
}

/* ---- sizes and errors ------------------------------------------------- */

static void
test_size (Fixture       *f,
           gconstpointer  data)
{
  LotlineRenderOptions plain = { 0 }, legend = { .show_legend = TRUE };
  double w, h, lw, lh;

  lotline_render_graph_get_size (f->layout, &plain, &w, &h);
  g_assert_cmpfloat (w, ==, lotline_layout_get_width (f->layout));
  g_assert_cmpfloat (h, ==, lotline_layout_get_height (f->layout));
  lotline_render_legend_get_size (f->layout, &legend, &lw, &lh);
  g_assert_cmpfloat (lw, >, 100);
  g_assert_cmpfloat (lh, >, 50);
  lotline_render_graph_get_size (f->layout, &legend, &w, &h);
  g_assert_cmpfloat (w, ==, MAX (lotline_layout_get_width (f->layout), lw));
  g_assert_cmpfloat (h, >, lotline_layout_get_height (f->layout) + lh);

  /* Drawing into a recording surface stays within the size. */
  {
    cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create (surface);
    double x, y, iw, ih;

    lotline_render_graph (cr, f->layout, NULL, &legend);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_recording_surface_ink_extents (surface, &x, &y, &iw, &ih);
    g_assert_cmpfloat (x, >=, -3);
    g_assert_cmpfloat (y, >=, -3);
    g_assert_cmpfloat (x + iw, <=, w + 3);
    g_assert_cmpfloat (y + ih, <=, h + 3);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *existing = output_path ("untouched.png");
  g_autofree char *contents = NULL;
  LotlineRenderFileType type;

  g_assert_true (lotline_render_file_type_from_path ("a/b/Graph.PNG", &type, NULL));
  g_assert_cmpint (type, ==, LOTLINE_RENDER_FILE_PNG);
  g_assert_true (lotline_render_file_type_from_path ("graph.svg", &type, NULL));
  g_assert_cmpint (type, ==, LOTLINE_RENDER_FILE_SVG);

  /* An unknown extension says which ones work. */
  g_assert_false (lotline_render_graph_to_file (f->layout, NULL, NULL, "graph.bmp", &error));
  g_assert_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "graph.bmp"));
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_clear_error (&error);
  g_assert_false (lotline_render_graph_to_file (f->layout, NULL, NULL, "no-extension", &error));
  g_assert_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_FORMAT);
  g_clear_error (&error);

  /* A folder that does not exist. */
  g_assert_false (lotline_render_graph_to_file (f->layout, NULL, NULL, "/nonexistent-lotline-dir/graph.pdf", &error));
  g_assert_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_WRITE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* Too many pixels for a PNG: refused before anything is written, and a
   * file already there is left alone. */
  g_assert_true (g_file_set_contents (existing, "keep me", -1, NULL));
  {
    LotlineRenderOptions opts = { .png_scale = 200 };

    g_assert_false (lotline_render_graph_to_file (f->layout, NULL, &opts, existing, &error));
    g_assert_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_TOO_LARGE);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
  }
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
}

/* A document replays its pages: into a PDF with one page each, in order,
 * with parts marking where each starts. */
static void
test_document (void)
{
  g_autoptr(LotlineRenderDocument) doc = lotline_render_document_new (595.28, 841.89);
  g_autofree char *path = output_path ("document.pdf");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  cairo_surface_t *image;
  cairo_t *cr;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *label = g_strdup_printf ("Page number %u", i + 1);

      cr = lotline_render_document_add_page (doc);
      cairo_set_source_rgb (cr, i == 1 ? 1 : 0, 0, 0);
      cairo_rectangle (cr, 0, 0, 100, 100);
      cairo_fill (cr);
      cairo_move_to (cr, 72, 200);
      cairo_set_font_size (cr, 14);
      cairo_show_text (cr, label);
      cairo_destroy (cr);
      if (i != 1)
        lotline_render_document_mark_part (doc, i);
    }
  g_assert_cmpuint (lotline_render_document_get_n_pages (doc), ==, 3);
  g_assert_cmpuint (lotline_render_document_get_n_parts (doc), ==, 2);
  g_assert_cmpuint (lotline_render_document_get_part_page (doc, 1), ==, 2);
  g_assert_cmpuint (lotline_render_document_get_part_page (doc, 2), ==, 3);

  /* Page 2 replayed onto an image has its red square. */
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 200);
  cr = cairo_create (image);
  lotline_render_document_draw_page (doc, cr, 1);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  {
    const guint32 *px = (const guint32 *) cairo_image_surface_get_data (image);
    g_assert_cmphex (px[50 * 200 + 50], ==, 0xffff0000);
    g_assert_cmphex (px[150 * 200 + 150], ==, 0);
  }
  cairo_surface_destroy (image);

  g_assert_false (lotline_render_document_write_pdf (doc, "document.png", &error));
  g_assert_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_true (lotline_render_document_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  {
    const char *argv[] = { pdftotext, path, "-", NULL };
    g_assert_cmpint (lotline_test_run (argv, &text, NULL), ==, 0);
  }
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), ==, 4);  /* three pages, then what follows the last form feed */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *label = g_strdup_printf ("Page number %u", i + 1);
      g_assert_nonnull (strstr (pages[i], label));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/lotline/render/png-light", Fixture, NULL, fixture_set_up, test_png_light, fixture_tear_down);
  g_test_add ("/lotline/render/png-dark", Fixture, NULL, fixture_set_up, test_png_dark, fixture_tear_down);
  g_test_add ("/lotline/render/png-highlight", Fixture, NULL, fixture_set_up, test_png_highlight, fixture_tear_down);
  g_test_add ("/lotline/render/pdf-text", Fixture, NULL, fixture_set_up, test_pdf_text, fixture_tear_down);
  g_test_add ("/lotline/render/svg", Fixture, NULL, fixture_set_up, test_svg, fixture_tear_down);
  g_test_add_func ("/lotline/render/group", test_group_pdf);
  g_test_add_func ("/lotline/render/document", test_document);
  g_test_add ("/lotline/render/size", Fixture, NULL, fixture_set_up, test_size, fixture_tear_down);
  g_test_add ("/lotline/render/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);

  return g_test_run ();
}
