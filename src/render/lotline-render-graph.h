/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "lotline-layout.h"
#include "lotline-render.h"

G_BEGIN_DECLS

/**
 * LotlineRenderOptions:
 * @theme: light or dark colours
 * @today: (nullable): "YYYY-MM-DD" that decides which released lots show
 *   as expired; %NULL for the local date today
 * @show_legend: draw a legend below the graph's bottom-left corner (see
 *   lotline_render_graph_get_size())
 * @draw_background: paint the theme's background under the graph first;
 *   lotline_render_graph_to_file() always does
 * @highlight_nodes: (array length=n_highlight_nodes) (nullable): trace node
 *   indexes on a highlighted path; everything else is drawn faded
 * @n_highlight_nodes: length of @highlight_nodes
 * @highlight_edges: (array length=n_highlight_edges) (nullable): trace edge
 *   indexes on the path
 * @n_highlight_edges: length of @highlight_edges
 * @selected_key: (nullable): key of the selected layout node (a trace node
 *   key or a group key), drawn with a ring
 * @png_scale: pixels per point in PNG files, 0 for 1.5
 * @margin: blank border in files, points; 0 for 24, negative for none
 *
 * A zero-filled struct gives a light graph without a legend.
 */
typedef struct {
  LotlineRenderTheme  theme;
  const char         *today;
  gboolean            show_legend;
  gboolean            draw_background;
  const guint        *highlight_nodes;
  guint               n_highlight_nodes;
  const guint        *highlight_edges;
  guint               n_highlight_edges;
  const char         *selected_key;
  double              png_scale;
  double              margin;
} LotlineRenderOptions;

void     lotline_render_graph           (cairo_t                    *cr,
                                         LotlineLayout              *layout,
                                         LotlineTrace               *trace,
                                         const LotlineRenderOptions *opts);
void     lotline_render_graph_get_size  (LotlineLayout              *layout,
                                         const LotlineRenderOptions *opts,
                                         double                     *width,
                                         double                     *height);
void     lotline_render_legend          (cairo_t                    *cr,
                                         LotlineLayout              *layout,
                                         const LotlineRenderOptions *opts,
                                         double                      x,
                                         double                      y);
void     lotline_render_legend_get_size (LotlineLayout              *layout,
                                         const LotlineRenderOptions *opts,
                                         double                     *width,
                                         double                     *height);
gboolean lotline_render_graph_to_file   (LotlineLayout              *layout,
                                         LotlineTrace               *trace,
                                         const LotlineRenderOptions *opts,
                                         const char                 *path,
                                         GError                    **error);

G_END_DECLS
