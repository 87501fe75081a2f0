/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lotline-render-chart.h"
#include "lotline-test-util.h"

#define Q(n) ((gint64) (n) * LOTLINE_QTY_ONE)

/* Files land in <build>/tests/render-output/ so a person can look at them. */
static char *
output_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "render-output", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* ---- a report built by hand -------------------------------------------- */

static void
series_free (LotlineWasteSeries *series)
{
  g_free (series->key);
  g_free (series->label);
  g_free (series->unit);
  g_free (series);
}

static LotlineWasteReport *
new_report (LotlineWasteGrouping grouping)
{
  LotlineWasteReport *report = g_new0 (LotlineWasteReport, 1);

  report->grouping = grouping;
  report->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
    report->months[m] = g_strdup_printf ("%04u-%02u", m < 10 ? 2025 : 2026, (m + 2) % 12 + 1);
  return report;
}

/* Adds a series; @values are (month, quantity, value) triples in whole units
 * and thousandths of the currency, ended by a month of -1. */
static void
add_series (LotlineWasteReport *report, const char *key, const char *label, const char *unit, ...)
{
  LotlineWasteSeries *series = g_new0 (LotlineWasteSeries, 1);
  va_list args;

  series->key = g_strdup (key);
  series->label = g_strdup (label);
  series->unit = g_strdup (unit);
  va_start (args, unit);
  for (int m = va_arg (args, int); m >= 0; m = va_arg (args, int))
    {
      gint64 quantity = Q (va_arg (args, int));
      gint64 value = va_arg (args, gint64);

      series->quantity[m] += quantity;
      series->value[m] += value;
      series->total_quantity += quantity;
      series->total_value += value;
      report->month_value[m] += value;
      report->total_value += value;
    }
  va_end (args);
  g_ptr_array_add (report->series, series);
}

/* Twelve months from March 2025 to February 2026; January 2026 (month 10)
 * has the tallest bar, 120.5 in all. */
static LotlineWasteReport *
sample_report (void)
{
  LotlineWasteReport *report = new_report (LOTLINE_WASTE_BY_PRODUCT);

  add_series (report, "FIN-SL-340", "Strawberry jam 340 g", "jar",
              0, 10, (gint64) 18500, 4, 20, (gint64) 37000, 10, 50, (gint64) 92500, 11, 6, (gint64) 11100, -1);
  add_series (report, "RAW-STR", "Strawberries, hulled", "kg",
              1, 5, (gint64) 16000, 10, 8, (gint64) 25600, -1);
  add_series (report, "PKG-LID", "Twist-off lid 70 mm", "ea",
              10, 2400, (gint64) 2400, 6, 100, (gint64) 100, -1);
  return report;
}

typedef struct {
  cairo_surface_t *surface;
  double           scale;
} Image;

static guint32
pixel_at (Image *img, double x, double y)
{
  int px = (int) floor (x * img->scale);
  int py = (int) floor (y * img->scale);
  int stride = cairo_image_surface_get_stride (img->surface);
  const guchar *data = cairo_image_surface_get_data (img->surface);

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (img->surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (img->surface));
  return *(const guint32 *) (gconstpointer) (data + py * stride + px * 4);
}

static gboolean
pixel_is (guint32 pixel, const LotlineRenderColor *color)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;
  int er = (int) lround (color->red * 255), eg = (int) lround (color->green * 255), eb = (int) lround (color->blue * 255);

  return ABS (r - er) <= 2 && ABS (g - eg) <= 2 && ABS (b - eb) <= 2;
}

static void
assert_pixel (Image *img, double x, double y, const LotlineRenderColor *color, const char *what)
{
  guint32 pixel = pixel_at (img, x, y);

  if (!pixel_is (pixel, color))
    g_error ("%s at (%.1f, %.1f): pixel #%06x, expected #%02x%02x%02x", what, x, y, pixel & 0xffffff,
             (int) lround (color->red * 255), (int) lround (color->green * 255), (int) lround (color->blue * 255));
}

static Image
render_png (LotlineWasteChart *chart, const char *name)
{
  g_autofree char *path = output_path (name);
  g_autoptr(GError) error = NULL;
  Image img = { 0 };
  double w, h;

  g_assert_true (lotline_render_waste_chart_to_file (chart, path, &error));
  g_assert_no_error (error);
  g_test_message ("wrote %s", path);
  img.surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (img.surface), ==, CAIRO_STATUS_SUCCESS);
  lotline_waste_chart_get_size (chart, &w, &h);
  img.scale = cairo_image_surface_get_width (img.surface) / w;
  g_assert_cmpfloat (fabs (cairo_image_surface_get_height (img.surface) / h - img.scale), <, 0.01);
  return img;
}

static char *
pdf_text (LotlineWasteChart *chart, const char *name)
{
  g_autofree char *path = output_path (name);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { pdftotext, path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (lotline_render_waste_chart_to_file (chart, path, &error));
  g_assert_no_error (error);
  g_test_message ("wrote %s", path);
  if (pdftotext == NULL)
    return NULL;
  g_assert_cmpint (lotline_test_run (argv, &text, NULL), ==, 0);
  return text;
}

/* ---- tests ------------------------------------------------------------- */

static void
test_layout (void)
{
  g_autoptr(LotlineWasteReport) report = sample_report ();
  g_autoptr(LotlineWasteChart) chart = lotline_waste_chart_new (report, NULL);
  LotlineChartRect plot, rect, previous = { 0 };
  double w, h;

  lotline_waste_chart_get_size (chart, &w, &h);
  g_assert_cmpfloat (w, ==, 720);
  g_assert_cmpfloat (h, ==, 405);
  lotline_waste_chart_get_plot (chart, &plot);
  g_assert_cmpfloat (plot.x, >, 0);
  g_assert_cmpfloat (plot.x + plot.width, <, w);
  g_assert_cmpfloat (plot.y + plot.height, <, h);

  /* Series by value, largest at the bottom of the stack. */
  g_assert_cmpuint (lotline_waste_chart_get_n_series (chart), ==, 3);
  g_assert_cmpstr (lotline_waste_chart_get_series_label (chart, 0), ==, "Strawberry jam 340 g");
  g_assert_cmpstr (lotline_waste_chart_get_series_label (chart, 1), ==, "Strawberries, hulled");
  g_assert_cmpstr (lotline_waste_chart_get_series_label (chart, 2), ==, "Twist-off lid 70 mm");
  g_assert_null (lotline_waste_chart_get_unit (chart));

  /* A round axis above the tallest bar: 120.5 → ticks of 50 up to 150. */
  g_assert_cmpint (lotline_waste_chart_get_axis_max (chart), ==, 150000);

  /* Segments stack from the axis up, each as tall as its share. */
  for (guint s = 0; s < 3; s++)
    {
      g_assert_true (lotline_waste_chart_get_segment (chart, 10, s, &rect));
      g_assert_cmpfloat (fabs (rect.height - plot.height * lotline_waste_chart_get_amount (chart, 10, s) / 150000.0), <, 1e-6);
      if (s == 0)
        g_assert_cmpfloat (fabs (rect.y + rect.height - (plot.y + plot.height)), <, 1e-6);
      else
        g_assert_cmpfloat (fabs (rect.y + rect.height - previous.y), <, 1e-6);
      g_assert_cmpfloat (rect.x, >, plot.x + 10 * plot.width / 12);
      g_assert_cmpfloat (rect.x + rect.width, <, plot.x + 11 * plot.width / 12);
      previous = rect;
    }
  g_assert_false (lotline_waste_chart_get_segment (chart, 2, 0, &rect));
}

static void
test_png_bars (void)
{
  g_autoptr(LotlineWasteReport) report = sample_report ();
  LotlineChartOptions opts = { .png_scale = 2 };
  g_autoptr(LotlineWasteChart) chart = lotline_waste_chart_new (report, &opts);
  LotlineRenderColor color, background = { 1, 1, 1, 1 };
  LotlineChartRect rect;
  Image img = render_png (chart, "waste-chart.png");
  guint tallest = 0;
  gint64 best = -1;

  /* Every segment is filled with its series' colour. */
  for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
    {
      gint64 total = 0;

      for (guint s = 0; s < lotline_waste_chart_get_n_series (chart); s++)
        {
          g_autofree char *what = g_strdup_printf ("month %u, series %u", m, s);

          total += lotline_waste_chart_get_amount (chart, m, s);
          if (!lotline_waste_chart_get_segment (chart, m, s, &rect) || rect.height < 2)
            continue;
          lotline_waste_chart_get_series_color (chart, s, &color);
          assert_pixel (&img, rect.x + rect.width / 2, rect.y + rect.height / 2, &color, what);
        }
      if (total > best)
        {
          best = total;
          tallest = m;
        }
    }
  g_assert_cmpuint (tallest, ==, 10);

  /* The tallest bar: its top segment's colour just inside its top, and the
   * background just above it and beside it. */
  g_assert_true (lotline_waste_chart_get_segment (chart, tallest, 2, &rect));
  lotline_waste_chart_get_series_color (chart, 2, &color);
  assert_pixel (&img, rect.x + 1, rect.y + 0.75, &color, "top of the tallest bar");
  assert_pixel (&img, rect.x + 1, rect.y - 1, &background, "above the tallest bar");
  g_assert_true (lotline_waste_chart_get_segment (chart, tallest, 0, &rect));
  lotline_waste_chart_get_series_color (chart, 0, &color);
  assert_pixel (&img, rect.x + 1, rect.y + rect.height - 2, &color, "bottom of the tallest bar");
  assert_pixel (&img, rect.x - 2, rect.y + rect.height / 2, &background, "left of the tallest bar");
  assert_pixel (&img, rect.x + rect.width + 2, rect.y + rect.height / 2, &background, "right of the tallest bar");

  cairo_surface_destroy (img.surface);
}

static void
test_dark (void)
{
  g_autoptr(LotlineWasteReport) report = sample_report ();
  LotlineChartOptions light_opts = { .png_scale = 1 };
  LotlineChartOptions dark_opts = { .theme = LOTLINE_RENDER_THEME_DARK, .png_scale = 1 };
  g_autoptr(LotlineWasteChart) light = lotline_waste_chart_new (report, &light_opts);
  g_autoptr(LotlineWasteChart) dark = lotline_waste_chart_new (report, &dark_opts);
  LotlineRenderColor light_color, dark_color, dark_background = { 0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0, 1 };
  LotlineChartRect rect;
  Image img = render_png (dark, "waste-chart-dark.png");

  assert_pixel (&img, 2, 2, &dark_background, "dark background");
  g_assert_true (lotline_waste_chart_get_segment (dark, 10, 0, &rect));
  lotline_waste_chart_get_series_color (dark, 0, &dark_color);
  lotline_waste_chart_get_series_color (light, 0, &light_color);
  g_assert_true (dark_color.red != light_color.red || dark_color.green != light_color.green ||
                 dark_color.blue != light_color.blue);
  assert_pixel (&img, rect.x + rect.width / 2, rect.y + rect.height / 2, &dark_color, "dark bar");
  cairo_surface_destroy (img.surface);
}

static void
test_pdf_text (void)
{
  g_autoptr(LotlineWasteReport) report = sample_report ();
  g_autoptr(LotlineWasteChart) chart = lotline_waste_chart_new (report, NULL);
  g_autofree char *text = pdf_text (chart, "waste-chart.pdf");
  static const char * const expected[] = {
    "Value written off to expiry, by product",
    "Strawberry jam 340 g", "Strawberries, hulled", "Twist-off lid 70 mm",
    "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb",
    "2025", "2026",
    "120.5", "150",
  };

  if (text == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("“%s” is not in the PDF text:\n%s", expected[i], text);
}

static void
test_svg (void)
{
  g_autoptr(LotlineWasteReport) report = sample_report ();
  g_autoptr(LotlineWasteChart) chart = lotline_waste_chart_new (report, NULL);
  g_autofree char *path = output_path ("waste-chart.svg");
  g_autofree char *svg = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_render_waste_chart_to_file (chart, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_nonnull (strstr (svg, "width=\"720"));
  g_assert_nonnull (strstr (svg, "</svg>"));
}

static void
test_quantity (void)
{
  g_autoptr(LotlineWasteReport) report = sample_report ();
  LotlineChartOptions opts = { .measure = LOTLINE_CHART_QUANTITY };
  g_autoptr(LotlineWasteChart) chosen = NULL, kg = NULL;
  g_autofree char *text = NULL;

  /* Without a unit, the one with the most value: jars. */
  chosen = lotline_waste_chart_new (report, &opts);
  g_assert_cmpstr (lotline_waste_chart_get_unit (chosen), ==, "jar");
  g_assert_cmpuint (lotline_waste_chart_get_n_series (chosen), ==, 1);
  g_assert_cmpint (lotline_waste_chart_get_amount (chosen, 10, 0), ==, Q (50));
  g_assert_cmpint (lotline_waste_chart_get_axis_max (chosen), ==, Q (50));

  opts.unit = "kg";
  kg = lotline_waste_chart_new (report, &opts);
  g_assert_cmpuint (lotline_waste_chart_get_n_series (kg), ==, 1);
  g_assert_cmpstr (lotline_waste_chart_get_series_label (kg, 0), ==, "Strawberries, hulled");
  text = pdf_text (kg, "waste-chart-kg.pdf");
  if (text != NULL)
    g_assert_nonnull (strstr (text, "Quantity written off to expiry, by product (kg)"));
}

static void
test_other (void)
{
  g_autoptr(LotlineWasteReport) report = new_report (LOTLINE_WASTE_BY_SUPPLIER);
  g_autoptr(LotlineWasteChart) chart = NULL;
  LotlineRenderColor other, grey = { 0x9a / 255.0, 0x99 / 255.0, 0x96 / 255.0, 1 };

  /* Ten suppliers: the seven largest, then the other three together. */
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *key = g_strdup_printf ("SUP-%02d", i);
      g_autofree char *label = g_strdup_printf ("Supplier %02d", i);

      add_series (report, key, label, "kg", 3, 1, (gint64) (10000 - i * 100), -1);
    }
  /* One supplier's lots in two units make one series of value. */
  add_series (report, "SUP-00", "Supplier 00", "ea", 3, 5, (gint64) 500, -1);

  chart = lotline_waste_chart_new (report, NULL);
  g_assert_cmpuint (lotline_waste_chart_get_n_series (chart), ==, LOTLINE_CHART_MAX_SERIES);
  g_assert_cmpstr (lotline_waste_chart_get_series_label (chart, 0), ==, "Supplier 00");
  g_assert_cmpint (lotline_waste_chart_get_amount (chart, 3, 0), ==, 10500);
  g_assert_cmpstr (lotline_waste_chart_get_series_label (chart, 7), ==, "Other");
  g_assert_cmpint (lotline_waste_chart_get_amount (chart, 3, 7), ==, 9300 + 9200 + 9100);
  lotline_waste_chart_get_series_color (chart, 7, &other);
  g_assert_cmpmem (&other, sizeof other, &grey, sizeof grey);
}

static void
test_empty (void)
{
  g_autoptr(LotlineWasteReport) report = new_report (LOTLINE_WASTE_BY_LOCATION);
  g_autoptr(LotlineWasteChart) chart = lotline_waste_chart_new (report, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = output_path ("waste-chart-empty.png");

  g_assert_cmpuint (lotline_waste_chart_get_n_series (chart), ==, 0);
  g_assert_cmpint (lotline_waste_chart_get_axis_max (chart), >, 0);
  g_assert_true (lotline_render_waste_chart_to_file (chart, png, &error));
  g_assert_no_error (error);
  text = pdf_text (chart, "waste-chart-empty.pdf");
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Nothing was written off to expiry"));
      g_assert_nonnull (strstr (text, "by location"));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lotline/render-chart/layout", test_layout);
  g_test_add_func ("/lotline/render-chart/png-bars", test_png_bars);
  g_test_add_func ("/lotline/render-chart/dark", test_dark);
  g_test_add_func ("/lotline/render-chart/pdf-text", test_pdf_text);
  g_test_add_func ("/lotline/render-chart/svg", test_svg);
  g_test_add_func ("/lotline/render-chart/quantity", test_quantity);
  g_test_add_func ("/lotline/render-chart/other", test_other);
  g_test_add_func ("/lotline/render-chart/empty", test_empty);
  return g_test_run ();
}
