/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lotline-graph-node.h"
#include "lotline-layout.h"

G_BEGIN_DECLS

/* Draws a laid-out genealogy graph (lotline_render_graph() onto the
 * widget) and lets a person explore it: zoom with the wheel, a pinch or
 * Ctrl+plus/minus/0, pan by dragging or with the arrow keys, click to
 * select, double-click or Enter to activate, a tooltip per node.  The
 * path from the seeds to the selected node is highlighted.
 *
 * The selection lives in a GtkSingleSelection whose items are
 * LotlineGraphNodes: by default one over lotline_graph_view_get_nodes(),
 * or one the caller shares with a table (sorted or not) through
 * lotline_graph_view_set_selection_model().
 *
 * Actions (for buttons inside the widget's ancestors, use the page's own):
 * graph.zoom-in, graph.zoom-out, graph.zoom-reset, graph.zoom-fit,
 * graph.pan "(dd)", graph.activate-selected. */

#define LOTLINE_TYPE_GRAPH_VIEW (lotline_graph_view_get_type ())
G_DECLARE_FINAL_TYPE (LotlineGraphView, lotline_graph_view, LOTLINE, GRAPH_VIEW, GtkWidget)

#define LOTLINE_GRAPH_VIEW_MIN_SCALE 0.05
#define LOTLINE_GRAPH_VIEW_MAX_SCALE 8.0

GtkWidget          *lotline_graph_view_new                 (void);

/* Shows @layout (nullable to clear).  When @focus_key names a node of the
 * new layout, the zoom is kept and that node centred (after a group was
 * expanded, say); otherwise the graph is zoomed to fit.  The selection is
 * kept when its key is still drawn. */
void                lotline_graph_view_set_layout          (LotlineGraphView   *self,
                                                            LotlineLayout      *layout,
                                                            const char         *focus_key);
LotlineLayout      *lotline_graph_view_get_layout          (LotlineGraphView   *self);

/* "YYYY-MM-DD" that decides which lots show as expired; NULL for the
 * local date. */
void                lotline_graph_view_set_today           (LotlineGraphView   *self,
                                                            const char         *today);

/* A GListStore of LotlineGraphNode, one per drawn node in layout order,
 * refilled by lotline_graph_view_set_layout(). */
GListModel         *lotline_graph_view_get_nodes           (LotlineGraphView   *self);
/* Shares @selection (items must be LotlineGraphNodes, typically a sorted
 * lotline_graph_view_get_nodes()); NULL goes back to the view's own. */
void                lotline_graph_view_set_selection_model (LotlineGraphView   *self,
                                                            GtkSingleSelection *selection);
GtkSingleSelection *lotline_graph_view_get_selection_model (LotlineGraphView   *self);

/* The key of the selected layout node, or NULL. */
const char         *lotline_graph_view_get_selected_key    (LotlineGraphView   *self);
void                lotline_graph_view_set_selected_key    (LotlineGraphView   *self,
                                                            const char         *key);
/* The trace nodes and edges on the highlighted path (from the seeds to
 * the selected node, either way); empty without a selection. */
void                lotline_graph_view_get_highlight       (LotlineGraphView   *self,
                                                            const guint       **nodes,
                                                            guint              *n_nodes,
                                                            const guint       **edges,
                                                            guint              *n_edges);

/* The layout node under widget point (@x, @y), or -1. */
int                 lotline_graph_view_hit_test            (LotlineGraphView   *self,
                                                            double              x,
                                                            double              y);
/* What a click at widget point (@x, @y) does: selects the node there, or
 * clears the selection over empty space.  Returns the node, or -1. */
int                 lotline_graph_view_select_at           (LotlineGraphView   *self,
                                                            double              x,
                                                            double              y);
/* Emits ::activate-node for the selected node; FALSE without one. */
gboolean            lotline_graph_view_activate_selected   (LotlineGraphView   *self);

/* Widget coordinates = offset + graph points × scale. */
void                lotline_graph_view_graph_to_widget     (LotlineGraphView   *self,
                                                            double              gx,
                                                            double              gy,
                                                            double             *wx,
                                                            double             *wy);
void                lotline_graph_view_widget_to_graph     (LotlineGraphView   *self,
                                                            double              wx,
                                                            double              wy,
                                                            double             *gx,
                                                            double             *gy);
double              lotline_graph_view_get_scale           (LotlineGraphView   *self);
/* Zooms to @scale (clamped) keeping the widget's centre in place. */
void                lotline_graph_view_set_scale           (LotlineGraphView   *self,
                                                            double              scale);
void                lotline_graph_view_zoom_in             (LotlineGraphView   *self);
void                lotline_graph_view_zoom_out            (LotlineGraphView   *self);
/* Back to 100 % (one point per pixel). */
void                lotline_graph_view_zoom_reset          (LotlineGraphView   *self);
/* The whole graph and its legend in view, at most 150 %. */
void                lotline_graph_view_zoom_fit            (LotlineGraphView   *self);
/* Centres the node with @key, keeping the zoom; FALSE when not drawn. */
gboolean            lotline_graph_view_center_on           (LotlineGraphView   *self,
                                                            const char         *key);

G_END_DECLS
