/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "lotline-render-chart.h"
#include "lotline-render-private.h"

/* A stacked bar chart of the waste written off to expiry: twelve months
 * along the x axis, the value (or quantity) up the y axis, one colour per
 * series with a legend on the right.  The layout is computed once, when the
 * chart is made, so a test or a widget can ask where a bar is and find it
 * exactly where it is drawn. */

#define DEFAULT_WIDTH   720.0
#define DEFAULT_HEIGHT  405.0
#define PAD             16.0
#define FONT_FAMILY     "Sans"
#define TITLE_SIZE      14.0
#define TEXT_SIZE       9.5
#define SMALL_SIZE      8.0
#define TICK_GAP        6.0
#define LEGEND_GAP      18.0
#define LEGEND_SWATCH   11.0
#define LEGEND_ROW      18.0
#define LEGEND_MAX_TEXT 170.0
#define BAR_SHARE       0.62
#define TARGET_TICKS    5

#define HEX(h) { (((h) >> 16) & 0xff) / 255.0, (((h) >> 8) & 0xff) / 255.0, ((h) & 0xff) / 255.0, 1.0 }

/* GNOME palette hues that stay apart from each other; the last is "Other". */
static const LotlineRenderColor series_light[LOTLINE_CHART_MAX_SERIES] = {
  HEX (0x3584e4), HEX (0xe66100), HEX (0x2ec27e), HEX (0x9141ac),
  HEX (0xe01b24), HEX (0xc88800), HEX (0x0e7c7b), HEX (0x9a9996),
};
static const LotlineRenderColor series_dark[LOTLINE_CHART_MAX_SERIES] = {
  HEX (0x62a0ea), HEX (0xffa348), HEX (0x57e389), HEX (0xc061cb),
  HEX (0xf66151), HEX (0xf6d32d), HEX (0x4fc9c4), HEX (0x77767b),
};

#undef HEX

typedef struct {
  char   *label;
  gint64  amount[LOTLINE_WASTE_MONTHS];
  gint64  total;
  guint   color;
} Series;

struct _LotlineWasteChart
{
  LotlineChartOptions opts;
  LotlineWasteGrouping grouping;
  char               *title;
  char               *subtitle;
  char               *unit;        /* quantity charts */
  char               *months[LOTLINE_WASTE_MONTHS];
  GPtrArray          *series;      /* Series*, bottom of the stack first */
  gint64              month_total[LOTLINE_WASTE_MONTHS];
  gint64              axis_max;
  gint64              tick_step;

  double              width, height;
  LotlineChartRect    plot;
  double              slot_width;
  double              bar_width;
  double              title_y, subtitle_y;
  double              legend_x, legend_y;
  double              legend_text_width;
};

static void
series_free (Series *series)
{
  g_free (series->label);
  g_free (series);
}

/**
 * lotline_waste_chart_free:
 * @chart: (nullable): a chart
 */
void
lotline_waste_chart_free (LotlineWasteChart *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->title);
  g_free (chart->subtitle);
  g_free (chart->unit);
  g_free ((char *) chart->opts.unit);
  g_free ((char *) chart->opts.title);
  for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
    g_free (chart->months[m]);
  g_clear_pointer (&chart->series, g_ptr_array_unref);
  g_free (chart);
}

/* ---- text ------------------------------------------------------------- */

static PangoLayout *
create_text (cairo_t *cr)
{
  PangoLayout *text = pango_cairo_create_layout (cr);
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* Widths must not change with the scale, or the layout would not fit. */
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (text), font_options);
  cairo_font_options_destroy (font_options);
  pango_layout_context_changed (text);
  return text;
}

static void
text_set (PangoLayout *text, double size, PangoWeight weight, const char *string, double max_width)
{
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (text, font);
  pango_font_description_free (font);
  pango_layout_set_width (text, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (text, max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (text, string, -1);
}

static void
text_size (PangoLayout *text, double *width, double *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (text, NULL, &logical);
  if (width)
    *width = logical.width / (double) PANGO_SCALE;
  if (height)
    *height = logical.height / (double) PANGO_SCALE;
}

/* Draws the text with its logical box anchored at (x, y): @ax and @ay are
 * 0 for left/top, 0.5 for centre, 1 for right/bottom. */
static void
text_show (cairo_t *cr, PangoLayout *text, double x, double y, double ax, double ay)
{
  PangoRectangle logical;

  pango_layout_get_extents (text, NULL, &logical);
  cairo_move_to (cr, x - (logical.x + ax * logical.width) / PANGO_SCALE,
                 y - (logical.y + ay * logical.height) / PANGO_SCALE);
  pango_cairo_show_layout (cr, text);
  cairo_new_path (cr);
}

static cairo_t *
create_measuring_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

/* ---- series ----------------------------------------------------------- */

static gint64
series_measure (const LotlineWasteSeries *series, LotlineChartMeasure measure, guint month)
{
  return measure == LOTLINE_CHART_QUANTITY ? series->quantity[month] : series->value[month];
}

/* The unit a quantity chart draws when none is asked for: the one with the
 * most value written off, so the chart shows what matters most. */
static const char *
dominant_unit (const LotlineWasteReport *report)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *best = NULL;
  gint64 best_value = -1;

  for (guint s = 0; s < report->series->len; s++)
    {
      const LotlineWasteSeries *series = g_ptr_array_index (report->series, s);
      gint64 *value = g_hash_table_lookup (values, series->unit);

      if (value == NULL)
        {
          value = g_new0 (gint64, 1);
          g_hash_table_insert (values, series->unit, value);
        }
      *value += series->total_value;
      if (*value > best_value || (*value == best_value && g_strcmp0 (series->unit, best) < 0))
        {
          best_value = *value;
          best = series->unit;
        }
    }
  return best;
}

static int
compare_series_total (gconstpointer a, gconstpointer b)
{
  const Series *x = *(Series * const *) a;
  const Series *y = *(Series * const *) b;

  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

/* Series as drawn: in a value chart the units of one group are one series;
 * in a quantity chart only the series of the chosen unit are drawn.  The
 * smallest are folded into "Other" beyond LOTLINE_CHART_MAX_SERIES. */
static void
build_series (LotlineWasteChart *chart, const LotlineWasteReport *report)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  chart->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);

  for (guint s = 0; s < report->series->len; s++)
    {
      const LotlineWasteSeries *ws = g_ptr_array_index (report->series, s);
      Series *series;

      if (chart->opts.measure == LOTLINE_CHART_QUANTITY && g_strcmp0 (ws->unit, chart->unit) != 0)
        continue;
      series = g_hash_table_lookup (by_key, ws->key);
      if (series == NULL)
        {
          series = g_new0 (Series, 1);
          series->label = g_strdup (ws->label);
          g_hash_table_insert (by_key, ws->key, series);
          g_ptr_array_add (all, series);
        }
      for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
        {
          gint64 amount = series_measure (ws, chart->opts.measure, m);

          series->amount[m] += amount;
          series->total += amount;
        }
    }

  g_ptr_array_sort (all, compare_series_total);
  for (guint i = 0; i < all->len; i++)
    {
      Series *series = g_ptr_array_index (all, i);

      if (series->total <= 0)
        {
          series_free (series);
          continue;
        }
      if (chart->series->len == LOTLINE_CHART_MAX_SERIES - 1 && all->len > LOTLINE_CHART_MAX_SERIES)
        {
          Series *other = g_new0 (Series, 1);

          other->label = g_strdup (_("Other"));
          for (; i < all->len; i++)
            {
              Series *rest = g_ptr_array_index (all, i);

              for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
                other->amount[m] += rest->amount[m];
              other->total += rest->total;
              series_free (rest);
            }
          other->color = LOTLINE_CHART_MAX_SERIES - 1;
          g_ptr_array_add (chart->series, other);
          break;
        }
      series->color = chart->series->len;
      g_ptr_array_add (chart->series, series);
    }

  for (guint i = 0; i < chart->series->len; i++)
    {
      const Series *series = g_ptr_array_index (chart->series, i);

      for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
        chart->month_total[m] += series->amount[m];
    }
}

/* A round step (1, 2 or 5 × a power of ten) giving about five ticks. */
static void
choose_ticks (LotlineWasteChart *chart)
{
  gint64 max = 0, raw, magnitude = 1;

  for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
    max = MAX (max, chart->month_total[m]);
  if (max <= 0)
    max = LOTLINE_QTY_ONE;

  raw = (max + TARGET_TICKS - 1) / TARGET_TICKS;
  while (magnitude <= G_MAXINT64 / 10 && magnitude * 10 <= raw)
    magnitude *= 10;
  if (raw <= magnitude)
    chart->tick_step = magnitude;
  else if (raw <= 2 * magnitude)
    chart->tick_step = 2 * magnitude;
  else if (raw <= 5 * magnitude)
    chart->tick_step = 5 * magnitude;
  else
    chart->tick_step = 10 * magnitude;
  chart->axis_max = (max + chart->tick_step - 1) / chart->tick_step * chart->tick_step;
}

static char *
dup_month_name (const char *month)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  dt = g_date_time_new (utc, atoi (month), atoi (month + 5), 1, 0, 0, 0);
  return dt ? g_date_time_format (dt, "%b") : g_strdup (month);
}

static const char *
default_title (LotlineChartMeasure measure, LotlineWasteGrouping grouping)
{
  if (measure == LOTLINE_CHART_QUANTITY)
    switch (grouping)
      {
      case LOTLINE_WASTE_BY_SUPPLIER: return _("Quantity written off to expiry, by supplier");
      case LOTLINE_WASTE_BY_LOCATION: return _("Quantity written off to expiry, by location");
      case LOTLINE_WASTE_BY_PRODUCT:
      default: return _("Quantity written off to expiry, by product");
      }
  switch (grouping)
    {
    case LOTLINE_WASTE_BY_SUPPLIER: return _("Value written off to expiry, by supplier");
    case LOTLINE_WASTE_BY_LOCATION: return _("Value written off to expiry, by location");
    case LOTLINE_WASTE_BY_PRODUCT:
    default: return _("Value written off to expiry, by product");
    }
}

static char *
dup_subtitle (LotlineWasteChart *chart)
{
  g_autofree char *first = dup_month_name (chart->months[0]);
  g_autofree char *last = dup_month_name (chart->months[LOTLINE_WASTE_MONTHS - 1]);
  gint64 total = 0;
  g_autofree char *total_text = NULL;

  for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
    total += chart->month_total[m];
  total_text = lotline_quantity_format (total);

  if (chart->opts.measure == LOTLINE_CHART_QUANTITY)
    /* Translators: "Mar 2025 – Feb 2026: 75 kg in all" */
    return g_strdup_printf (_("%s %.4s – %s %.4s: %s %s in all"), first, chart->months[0], last,
                            chart->months[LOTLINE_WASTE_MONTHS - 1], total_text, chart->unit ? chart->unit : "");
  /* Translators: "Mar 2025 – Feb 2026: 75 in all" (a value in the currency) */
  return g_strdup_printf (_("%s %.4s – %s %.4s: %s in all"), first, chart->months[0], last,
                          chart->months[LOTLINE_WASTE_MONTHS - 1], total_text);
}

/* ---- layout ----------------------------------------------------------- */

static void
compute_layout (LotlineWasteChart *chart)
{
  cairo_t *cr = create_measuring_context ();
  PangoLayout *text = create_text (cr);
  double title_h, subtitle_h, tick_w = 0, label_h, legend_w = 0, w;
  double top, bottom, left, right;

  chart->width = chart->opts.width > 0 ? chart->opts.width : DEFAULT_WIDTH;
  chart->height = chart->opts.height > 0 ? chart->opts.height : DEFAULT_HEIGHT;

  text_set (text, TITLE_SIZE, PANGO_WEIGHT_BOLD, chart->title, 0);
  text_size (text, NULL, &title_h);
  text_set (text, TEXT_SIZE, PANGO_WEIGHT_NORMAL, chart->subtitle, 0);
  text_size (text, NULL, &subtitle_h);

  for (gint64 tick = 0; tick <= chart->axis_max; tick += chart->tick_step)
    {
      g_autofree char *label = lotline_quantity_format (tick);

      text_set (text, SMALL_SIZE, PANGO_WEIGHT_NORMAL, label, 0);
      text_size (text, &w, NULL);
      tick_w = MAX (tick_w, w);
    }
  text_set (text, SMALL_SIZE, PANGO_WEIGHT_NORMAL, "Mg 2026", 0);
  text_size (text, NULL, &label_h);

  for (guint i = 0; i < chart->series->len; i++)
    {
      const Series *series = g_ptr_array_index (chart->series, i);

      text_set (text, TEXT_SIZE, PANGO_WEIGHT_NORMAL, series->label, 0);
      text_size (text, &w, NULL);
      legend_w = MAX (legend_w, MIN (w, LEGEND_MAX_TEXT));
    }
  chart->legend_text_width = legend_w;

  chart->title_y = PAD;
  chart->subtitle_y = PAD + title_h + 2;
  top = chart->subtitle_y + subtitle_h + PAD + label_h;   /* room for the total above the tallest bar */
  bottom = chart->height - PAD - 2 * label_h - TICK_GAP;
  left = PAD + tick_w + TICK_GAP;
  right = chart->width - PAD;
  if (chart->series->len > 0)
    right -= LEGEND_GAP + LEGEND_SWATCH + 6 + legend_w;

  chart->plot.x = left;
  chart->plot.y = top;
  chart->plot.width = MAX (right - left, 1.0);
  chart->plot.height = MAX (bottom - top, 1.0);
  chart->slot_width = chart->plot.width / LOTLINE_WASTE_MONTHS;
  chart->bar_width = chart->slot_width * BAR_SHARE;
  chart->legend_x = chart->plot.x + chart->plot.width + LEGEND_GAP;
  chart->legend_y = top;

  g_object_unref (text);
  cairo_destroy (cr);
}

/**
 * lotline_waste_chart_new:
 * @report: a waste report
 * @opts: (nullable): theme, measure, unit, size
 *
 * Lays out a chart of @report: series, axis scale, positions.
 *
 * Returns: (transfer full): the chart; free with lotline_waste_chart_free()
 */
LotlineWasteChart *
lotline_waste_chart_new (const LotlineWasteReport *report, const LotlineChartOptions *opts)
{
  LotlineWasteChart *chart;

  g_return_val_if_fail (report != NULL, NULL);

  chart = g_new0 (LotlineWasteChart, 1);
  if (opts != NULL)
    chart->opts = *opts;
  chart->opts.unit = g_strdup (chart->opts.unit);
  chart->opts.title = g_strdup (chart->opts.title);
  chart->grouping = report->grouping;
  for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
    chart->months[m] = g_strdup (report->months[m]);
  if (chart->opts.measure == LOTLINE_CHART_QUANTITY)
    chart->unit = g_strdup (chart->opts.unit ? chart->opts.unit : dominant_unit (report));

  build_series (chart, report);
  choose_ticks (chart);

  if (chart->opts.title != NULL)
    chart->title = g_strdup (chart->opts.title);
  else if (chart->opts.measure == LOTLINE_CHART_QUANTITY && chart->unit != NULL)
    /* Translators: the first %s is a chart title, the second a unit such as "kg" */
    chart->title = g_strdup_printf (_("%s (%s)"), default_title (chart->opts.measure, chart->grouping), chart->unit);
  else
    chart->title = g_strdup (default_title (chart->opts.measure, chart->grouping));
  chart->subtitle = dup_subtitle (chart);

  compute_layout (chart);
  return chart;
}

/**
 * lotline_waste_chart_get_size:
 * @chart: a chart
 * @width: (out) (optional): its width in points
 * @height: (out) (optional): its height in points
 */
void
lotline_waste_chart_get_size (LotlineWasteChart *chart, double *width, double *height)
{
  g_return_if_fail (chart != NULL);
  if (width)
    *width = chart->width;
  if (height)
    *height = chart->height;
}

/**
 * lotline_waste_chart_get_plot:
 * @chart: a chart
 * @out: (out caller-allocates): the box of the axes, in points; y grows down
 */
void
lotline_waste_chart_get_plot (LotlineWasteChart *chart, LotlineChartRect *out)
{
  g_return_if_fail (chart != NULL);
  *out = chart->plot;
}

/**
 * lotline_waste_chart_get_n_series:
 * @chart: a chart
 *
 * Returns: the series drawn, bottom of the stack first ("Other" last)
 */
guint
lotline_waste_chart_get_n_series (LotlineWasteChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);
  return chart->series->len;
}

/**
 * lotline_waste_chart_get_series_label:
 * @chart: a chart
 * @series: a series index
 *
 * Returns: the name the legend shows
 */
const char *
lotline_waste_chart_get_series_label (LotlineWasteChart *chart, guint series)
{
  g_return_val_if_fail (chart != NULL && series < chart->series->len, NULL);
  return ((Series *) g_ptr_array_index (chart->series, series))->label;
}

/**
 * lotline_waste_chart_get_series_color:
 * @chart: a chart
 * @series: a series index
 * @out: (out caller-allocates): the colour its bars are filled with
 */
void
lotline_waste_chart_get_series_color (LotlineWasteChart *chart, guint series, LotlineRenderColor *out)
{
  const Series *s;

  g_return_if_fail (chart != NULL && series < chart->series->len);
  s = g_ptr_array_index (chart->series, series);
  *out = (chart->opts.theme == LOTLINE_RENDER_THEME_DARK ? series_dark : series_light)[s->color];
}

/**
 * lotline_waste_chart_get_amount:
 * @chart: a chart
 * @month: 0 for the oldest month
 * @series: a series index
 *
 * Returns: the value or quantity the segment stands for, in thousandths
 */
gint64
lotline_waste_chart_get_amount (LotlineWasteChart *chart, guint month, guint series)
{
  g_return_val_if_fail (chart != NULL && series < chart->series->len && month < LOTLINE_WASTE_MONTHS, 0);
  return ((Series *) g_ptr_array_index (chart->series, series))->amount[month];
}

/**
 * lotline_waste_chart_get_axis_max:
 * @chart: a chart
 *
 * Returns: the value at the top of the y axis, in thousandths
 */
gint64
lotline_waste_chart_get_axis_max (LotlineWasteChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);
  return chart->axis_max;
}

/**
 * lotline_waste_chart_get_unit:
 * @chart: a chart
 *
 * Returns: (nullable): the unit of a quantity chart; %NULL for a value
 *   chart, or when nothing was written off
 */
const char *
lotline_waste_chart_get_unit (LotlineWasteChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);
  return chart->unit;
}

static double
y_of (LotlineWasteChart *chart, gint64 amount)
{
  return chart->plot.y + chart->plot.height - chart->plot.height * ((double) amount / (double) chart->axis_max);
}

/**
 * lotline_waste_chart_get_segment:
 * @chart: a chart
 * @month: 0 for the oldest month
 * @series: a series index
 * @out: (out caller-allocates): where the segment is drawn, in points
 *
 * Returns: %FALSE when the segment is empty (nothing is drawn)
 */
gboolean
lotline_waste_chart_get_segment (LotlineWasteChart *chart, guint month, guint series, LotlineChartRect *out)
{
  gint64 below = 0, amount;

  g_return_val_if_fail (chart != NULL && series < chart->series->len && month < LOTLINE_WASTE_MONTHS, FALSE);

  for (guint i = 0; i < series; i++)
    below += ((Series *) g_ptr_array_index (chart->series, i))->amount[month];
  amount = ((Series *) g_ptr_array_index (chart->series, series))->amount[month];

  out->x = chart->plot.x + month * chart->slot_width + (chart->slot_width - chart->bar_width) / 2;
  out->width = chart->bar_width;
  out->y = y_of (chart, below + amount);
  out->height = y_of (chart, below) - out->y;
  return amount > 0;
}

/* ---- drawing ---------------------------------------------------------- */

/**
 * lotline_render_waste_chart:
 * @cr: a cairo context in points (the caller sets any scale)
 * @chart: the chart
 *
 * Draws the chart in (0, 0)–(width, height): title, y axis with round
 * ticks and grid lines, a stacked bar per month with its total above it,
 * month names (and the year under the first month and every January), and
 * the legend.  Text is Pango text, so PDF output keeps it searchable.
 */
void
lotline_render_waste_chart (cairo_t *cr, LotlineWasteChart *chart)
{
  const LotlineRenderPalette *palette;
  PangoLayout *text;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (chart != NULL);

  palette = lotline_render_get_palette (chart->opts.theme);
  cairo_save (cr);
  text = create_text (cr);

  if (chart->opts.draw_background)
    {
      cairo_rectangle (cr, 0, 0, chart->width, chart->height);
      lotline_render_set_color (cr, &palette->background, 1);
      cairo_fill (cr);
    }

  lotline_render_set_color (cr, &palette->text, 1);
  text_set (text, TITLE_SIZE, PANGO_WEIGHT_BOLD, chart->title, chart->width - 2 * PAD);
  text_show (cr, text, PAD, chart->title_y, 0, 0);
  lotline_render_set_color (cr, &palette->text_dim, 1);
  text_set (text, TEXT_SIZE, PANGO_WEIGHT_NORMAL, chart->subtitle, chart->width - 2 * PAD);
  text_show (cr, text, PAD, chart->subtitle_y, 0, 0);

  /* Grid lines and tick labels. */
  cairo_set_line_width (cr, 1.0);
  for (gint64 tick = 0; tick <= chart->axis_max; tick += chart->tick_step)
    {
      g_autofree char *label = lotline_quantity_format (tick);
      double y = round (y_of (chart, tick)) + 0.5;

      lotline_render_set_color (cr, tick == 0 ? &palette->text_dim : &palette->panel_border, tick == 0 ? 1 : 0.6);
      cairo_move_to (cr, chart->plot.x, y);
      cairo_line_to (cr, chart->plot.x + chart->plot.width, y);
      cairo_stroke (cr);
      lotline_render_set_color (cr, &palette->text_dim, 1);
      text_set (text, SMALL_SIZE, PANGO_WEIGHT_NORMAL, label, 0);
      text_show (cr, text, chart->plot.x - TICK_GAP, y, 1, 0.5);
    }

  /* Bars, then the month's total above each. */
  for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
    {
      g_autofree char *name = dup_month_name (chart->months[m]);
      double cx = chart->plot.x + (m + 0.5) * chart->slot_width;
      double label_y = chart->plot.y + chart->plot.height + TICK_GAP;
      double name_h;

      for (guint s = 0; s < chart->series->len; s++)
        {
          LotlineChartRect rect;
          LotlineRenderColor color;

          if (!lotline_waste_chart_get_segment (chart, m, s, &rect))
            continue;
          lotline_waste_chart_get_series_color (chart, s, &color);
          cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
          lotline_render_set_color (cr, &color, 1);
          cairo_fill (cr);
        }

      if (chart->month_total[m] > 0)
        {
          g_autofree char *total = lotline_quantity_format (chart->month_total[m]);

          lotline_render_set_color (cr, &palette->text, 1);
          text_set (text, SMALL_SIZE, PANGO_WEIGHT_NORMAL, total, 0);
          text_show (cr, text, cx, y_of (chart, chart->month_total[m]) - 2, 0.5, 1);
        }

      lotline_render_set_color (cr, &palette->text, 1);
      text_set (text, SMALL_SIZE, PANGO_WEIGHT_NORMAL, name, chart->slot_width);
      pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
      text_size (text, NULL, &name_h);
      text_show (cr, text, cx, label_y, 0.5, 0);
      if (m == 0 || strcmp (chart->months[m] + 5, "01") == 0)
        {
          g_autofree char *year = g_strndup (chart->months[m], 4);

          lotline_render_set_color (cr, &palette->text_dim, 1);
          text_set (text, SMALL_SIZE, PANGO_WEIGHT_NORMAL, year, 0);
          text_show (cr, text, cx, label_y + name_h, 0.5, 0);
        }
      pango_layout_set_alignment (text, PANGO_ALIGN_LEFT);
    }

  if (chart->series->len == 0)
    {
      lotline_render_set_color (cr, &palette->text_dim, 1);
      text_set (text, TEXT_SIZE, PANGO_WEIGHT_NORMAL,
                _("Nothing was written off to expiry in these twelve months."), chart->plot.width);
      pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
      text_show (cr, text, chart->plot.x + chart->plot.width / 2, chart->plot.y + chart->plot.height / 2, 0.5, 0.5);
    }

  /* The legend lists the series top of the stack first, as they appear. */
  for (guint i = 0; i < chart->series->len; i++)
    {
      guint s = chart->series->len - 1 - i;
      double y = chart->legend_y + i * LEGEND_ROW;
      LotlineRenderColor color;

      lotline_waste_chart_get_series_color (chart, s, &color);
      cairo_rectangle (cr, chart->legend_x, y + (LEGEND_ROW - LEGEND_SWATCH) / 2, LEGEND_SWATCH, LEGEND_SWATCH);
      lotline_render_set_color (cr, &color, 1);
      cairo_fill (cr);
      lotline_render_set_color (cr, &palette->text, 1);
      text_set (text, TEXT_SIZE, PANGO_WEIGHT_NORMAL, lotline_waste_chart_get_series_label (chart, s),
                LEGEND_MAX_TEXT);
      text_show (cr, text, chart->legend_x + LEGEND_SWATCH + 6, y + LEGEND_ROW / 2, 0, 0.5);
    }

  g_object_unref (text);
  cairo_restore (cr);
}

static void
draw_file_page (cairo_t *cr, gpointer user_data)
{
  LotlineWasteChart *chart = user_data;

  lotline_render_set_color (cr, &lotline_render_get_palette (chart->opts.theme)->background, 1);
  cairo_paint (cr);
  lotline_render_waste_chart (cr, chart);
}

/**
 * lotline_render_waste_chart_to_file:
 * @chart: the chart
 * @path: a file name ending in .png, .svg or .pdf, which picks the format
 * @error: return location for a #LOTLINE_RENDER_ERROR
 *
 * Writes the chart on the theme's background to one page of its size,
 * through lotline_render_to_file().
 *
 * Returns: %TRUE when the file was written
 */
gboolean
lotline_render_waste_chart_to_file (LotlineWasteChart *chart, const char *path, GError **error)
{
  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return lotline_render_to_file (path, chart->width, chart->height, chart->opts.png_scale, draw_file_page, chart,
                                 error);
}
