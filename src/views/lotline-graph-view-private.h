/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-graph-view.h"
#include "lotline-render-graph.h"

G_BEGIN_DECLS

/* Shared by lotline-graph-view.c (the widget, transform, selection, path
 * and drawing), lotline-graph-view-cache.c (the rendered cache) and
 * lotline-graph-view-actions.c (input, tooltip, actions). */

#define ZOOM_STEP        1.25
#define FIT_MARGIN       12.0
#define MAX_FIT_SCALE    1.5
#define PAN_STEP         48.0
#define KEEP_VISIBLE     48.0
#define SETTLE_MS        150
#define CACHE_MAX_PX     4096.0
#define CACHE_PAD        12.0   /* points around the graph for rings and strokes */
#define SYNC_RENDER_LIMIT 1000  /* nodes + edges drawn at once, in about 15 ms */

struct _LotlineGraphView
{
  GtkWidget           parent_instance;

  LotlineLayout      *layout;
  char               *today;
  GListStore         *nodes;            /* LotlineGraphNode */
  GtkSingleSelection *own_selection;
  GtkSingleSelection *selection;        /* own_selection or a shared one */
  gulong              selection_handler;
  gboolean            selecting;        /* the view itself moves the selection */
  char               *selected_key;
  int                 selected;         /* layout node, or -1 */
  GArray             *hl_nodes;         /* guint trace nodes on the path */
  GArray             *hl_edges;         /* guint trace edges on the path */

  /* The trace's edges by node, for the path: CSR arrays. */
  guint              *out_offsets;
  guint              *out_edges;
  guint              *in_offsets;
  guint              *in_edges;

  double              scale;
  double              offset_x;
  double              offset_y;
  gboolean            fitted;           /* refit on resize until zoomed or panned */
  char               *pending_focus;    /* centre on this once allocated */

  double              pointer_x;
  double              pointer_y;
  gboolean            pointer_inside;
  int                 hover;

  GtkGesture         *drag;             /* owned by the widget */
  double              drag_offset_x;
  double              drag_offset_y;
  gboolean            dragging;
  gboolean            pinching;
  double              pinch_start_scale;
  guint32             last_click_time;
  int                 last_click_node;

  GdkTexture         *cache;
  graphene_rect_t     cache_bounds;     /* of the texture, in graph points × cache_scale */
  double              cache_scale;
  graphene_rect_t     cache_rect;       /* graph points */
  guint64             cache_serial;     /* content_serial the cache was drawn from */
  guint64             content_serial;   /* bumped whenever what is drawn changes */
  gboolean            rendering;        /* a worker is drawing the next cache */
  GCancellable       *cancellable;
  guint               settle_id;
  gboolean            dark;
};

/* lotline-graph-view.c */
void     lotline_graph_view_fill_render_options (LotlineGraphView        *self,
                                                 LotlineRenderOptions    *opts);
void     lotline_graph_view_graph_size          (LotlineGraphView        *self,
                                                 double                  *width,
                                                 double                  *height);
void     lotline_graph_view_node_widget_rect    (LotlineGraphView        *self,
                                                 const LotlineLayoutNode *node,
                                                 double                   grow,
                                                 graphene_rect_t         *rect);
void     lotline_graph_view_clamp_offsets       (LotlineGraphView        *self);
void     lotline_graph_view_zoom_at             (LotlineGraphView        *self,
                                                 double                   scale,
                                                 double                   ax,
                                                 double                   ay);
void     lotline_graph_view_activate_node       (LotlineGraphView        *self,
                                                 int                      index);

/* lotline-graph-view-cache.c */
void     lotline_graph_view_invalidate_cache    (LotlineGraphView        *self);
void     lotline_graph_view_refresh_cache       (LotlineGraphView        *self);
void     lotline_graph_view_ensure_cache        (LotlineGraphView        *self,
                                                 double                   width,
                                                 double                   height);
void     lotline_graph_view_schedule_settle     (LotlineGraphView        *self);
void     lotline_graph_view_settle_now          (LotlineGraphView        *self);

/* lotline-graph-view-actions.c */
gboolean lotline_graph_view_query_tooltip       (GtkWidget               *widget,
                                                 int                      x,
                                                 int                      y,
                                                 gboolean                 keyboard_mode,
                                                 GtkTooltip              *tooltip);
void     lotline_graph_view_class_add_actions   (GtkWidgetClass          *widget_class);
void     lotline_graph_view_add_controllers     (LotlineGraphView        *self);

G_END_DECLS
