/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "lotline-expiry.h"
#include "lotline-render.h"

G_BEGIN_DECLS

/**
 * LotlineChartMeasure:
 * @LOTLINE_CHART_VALUE: bars of the value written off, every series stacked
 * @LOTLINE_CHART_QUANTITY: bars of the quantity written off, in one unit
 */
typedef enum {
  LOTLINE_CHART_VALUE,
  LOTLINE_CHART_QUANTITY,
} LotlineChartMeasure;

/**
 * LotlineChartOptions:
 * @theme: light or dark colours
 * @measure: value or quantity
 * @unit: (nullable): with %LOTLINE_CHART_QUANTITY, the unit whose series
 *   are drawn (quantities of different units are never added up); %NULL for
 *   the unit with the most value written off
 * @title: (nullable): the title; %NULL for one that says what is drawn
 * @width: chart width in points, 0 for 720
 * @height: chart height in points, 0 for 405
 * @draw_background: paint the theme's background first;
 *   lotline_render_waste_chart_to_file() always does
 * @png_scale: pixels per point in PNG files, 0 for 1.5
 *
 * A zero-filled struct gives a light chart of values, 720 × 405 points.
 */
typedef struct {
  LotlineRenderTheme  theme;
  LotlineChartMeasure measure;
  const char         *unit;
  const char         *title;
  double              width;
  double              height;
  gboolean            draw_background;
  double              png_scale;
} LotlineChartOptions;

typedef struct {
  double x;
  double y;
  double width;
  double height;
} LotlineChartRect;

/* Series drawn at most; beyond that the smallest are drawn together as
 * "Other". */
#define LOTLINE_CHART_MAX_SERIES 8

/* A waste report laid out as a stacked bar chart: one bar per month, one
 * segment per series.  Immutable once made; it keeps what it needs of the
 * report. */
typedef struct _LotlineWasteChart LotlineWasteChart;

LotlineWasteChart *lotline_waste_chart_new              (const LotlineWasteReport  *report,
                                                         const LotlineChartOptions *opts);
void               lotline_waste_chart_free             (LotlineWasteChart         *chart);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineWasteChart, lotline_waste_chart_free)

void               lotline_waste_chart_get_size         (LotlineWasteChart         *chart,
                                                         double                    *width,
                                                         double                    *height);
void               lotline_waste_chart_get_plot         (LotlineWasteChart         *chart,
                                                         LotlineChartRect          *out);
guint              lotline_waste_chart_get_n_series     (LotlineWasteChart         *chart);
const char        *lotline_waste_chart_get_series_label (LotlineWasteChart         *chart,
                                                         guint                      series);
void               lotline_waste_chart_get_series_color (LotlineWasteChart         *chart,
                                                         guint                      series,
                                                         LotlineRenderColor        *out);
gint64             lotline_waste_chart_get_amount       (LotlineWasteChart         *chart,
                                                         guint                      month,
                                                         guint                      series);
gint64             lotline_waste_chart_get_axis_max     (LotlineWasteChart         *chart);
const char        *lotline_waste_chart_get_unit         (LotlineWasteChart         *chart);
gboolean           lotline_waste_chart_get_segment      (LotlineWasteChart         *chart,
                                                         guint                      month,
                                                         guint                      series,
                                                         LotlineChartRect          *out);

void               lotline_render_waste_chart           (cairo_t                   *cr,
                                                         LotlineWasteChart         *chart);
gboolean           lotline_render_waste_chart_to_file   (LotlineWasteChart         *chart,
                                                         const char                *path,
                                                         GError                   **error);

G_END_DECLS
