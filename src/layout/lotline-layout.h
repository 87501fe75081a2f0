/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lotline-trace.h"

G_BEGIN_DECLS

#define LOTLINE_LAYOUT_ERROR (lotline_layout_error_quark ())

/**
 * LotlineLayoutError:
 * @LOTLINE_LAYOUT_ERROR_FAILED: Graphviz could not lay the graph out; the
 *   message carries what Graphviz said
 * @LOTLINE_LAYOUT_ERROR_TOO_LARGE: even after collapsing, the graph has more
 *   nodes than #LotlineLayoutOptions.max_nodes
 * @LOTLINE_LAYOUT_ERROR_EMPTY: the trace has no nodes
 */
typedef enum {
  LOTLINE_LAYOUT_ERROR_FAILED,
  LOTLINE_LAYOUT_ERROR_TOO_LARGE,
  LOTLINE_LAYOUT_ERROR_EMPTY,
} LotlineLayoutError;

#define LOTLINE_LAYOUT_DEFAULT_COLLAPSE_LIMIT 25
#define LOTLINE_LAYOUT_DEFAULT_CROWD_LIMIT    12
#define LOTLINE_LAYOUT_DEFAULT_LABEL_LIMIT    1000
#define LOTLINE_LAYOUT_DEFAULT_MAX_NODES      20000
#define LOTLINE_LAYOUT_DEFAULT_FONT_FAMILY    "Cantarell, Sans"
#define LOTLINE_LAYOUT_DEFAULT_FONT_SIZE      11.0

/**
 * LotlineLayoutOptions:
 * @collapse_limit: a lot (or group of lots) with more than this many
 *   neighbours of one kind on one side (customers, locations, suppliers,
 *   or lots of one product) shows them as one group node; 0 means
 *   %LOTLINE_LAYOUT_DEFAULT_COLLAPSE_LIMIT, %G_MAXUINT never collapses
 *   (neither fan-outs nor crowds)
 * @expanded_groups: (nullable) (array zero-terminated=1): keys of group
 *   nodes (#LotlineLayoutNode.key of an earlier layout) to show expanded
 * @font_family: (nullable): Pango family list measured by Graphviz and drawn
 *   by the renderer; %NULL for %LOTLINE_LAYOUT_DEFAULT_FONT_FAMILY
 * @font_size: node text size in points; 0 for
 *   %LOTLINE_LAYOUT_DEFAULT_FONT_SIZE.  Edge labels use 0.9 of it.
 * @hide_quantities: leave out the quantity labels on edges (smaller and
 *   faster layouts)
 * @max_nodes: refuse graphs with more nodes than this after collapsing; 0
 *   for %LOTLINE_LAYOUT_DEFAULT_MAX_NODES
 * @engine: (nullable): Graphviz layout engine, %NULL for "dot"
 * @crowd_limit: after fan-outs are grouped, a depth (one column of the
 *   drawing) that still draws more than this many lots groups them per
 *   product, biggest products first, until the column fits; 0 means
 *   %LOTLINE_LAYOUT_DEFAULT_CROWD_LIMIT.  Customers (and suppliers, and
 *   locations) drawn one by one beyond @collapse_limit in the whole graph
 *   become one group per kind.  %G_MAXUINT never groups crowds
 * @label_limit: a graph drawing more edges than this leaves out their
 *   quantity labels, as if @hide_quantities were set: Graphviz makes room
 *   for every label, which stacks a big graph several times taller (and
 *   slower to lay out) while nobody can read a thousand labels; 0 means
 *   %LOTLINE_LAYOUT_DEFAULT_LABEL_LIMIT, %G_MAXUINT always labels
 *
 * A zero-filled struct asks for the defaults.
 *
 * Collapsing happens in two passes.  First every fan-out: a lot whose
 * neighbours of one kind on one side are more than @collapse_limit.  A
 * trace can still be huge without any big fan-out (a hundred finished lots
 * each shipped to twenty customers), so a second pass groups crowds: the
 * end points of one kind across the whole graph, and the lots of one
 * product at one depth.  Members of a group the caller expanded are never
 * grouped again, and count as the one node they replaced, so expanding a
 * group never collapses another.
 */
typedef struct {
  guint               collapse_limit;
  const char * const *expanded_groups;
  const char         *font_family;
  double              font_size;
  gboolean            hide_quantities;
  guint               max_nodes;
  const char         *engine;
  guint               crowd_limit;
  guint               label_limit;
} LotlineLayoutOptions;

/**
 * LotlineLayoutShape:
 * @LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX: lots
 * @LOTLINE_LAYOUT_SHAPE_HOUSE: suppliers (where goods come from); the
 *   node's @outline holds the exact polygon
 * @LOTLINE_LAYOUT_SHAPE_ELLIPSE: customers
 * @LOTLINE_LAYOUT_SHAPE_CYLINDER: locations (stock sits there, like a
 *   storage drum)
 *
 * Group nodes take the shape of their members.
 */
typedef enum {
  LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX,
  LOTLINE_LAYOUT_SHAPE_HOUSE,
  LOTLINE_LAYOUT_SHAPE_ELLIPSE,
  LOTLINE_LAYOUT_SHAPE_CYLINDER,
} LotlineLayoutShape;

typedef struct {
  double x;
  double y;
} LotlineLayoutPoint;

/**
 * LotlineLayoutNode:
 * @trace_node: index of the node in the trace, or -1 for a group node
 * @key: the trace node's key ("lot:42"), or for a group
 *   "group:PARENT-KEY:SIDE:WHAT" (a fan-out: "group:lot:42:out:customer",
 *   "group:lot:42:in:product:7"), "group:crowd:KIND" (every customer,
 *   supplier or location drawn one by one: "group:crowd:customer") or
 *   "group:crowd:depth:DEPTH:product:ID" (lots of one product at one
 *   depth); stable across traces of the same data
 * @kind: what the node (or each member of a group) stands for
 * @shape: how to draw it
 * @label_lines: (array zero-terminated=1): the text lines, top to bottom
 * @n_label_rows: rows Graphviz reserved for text: the label lines, plus one
 *   for the status badge when @has_badge
 * @has_badge: lots and groups of lots reserve their last row for a status
 *   badge
 * @x: centre, points from the left edge of the bounding box
 * @y: centre, points from the top edge (y grows downwards)
 * @width: points
 * @height: points
 * @label_width: width of the widest text row Graphviz measured, points
 * @label_height: height of all text rows, points; centred on (@x, @y)
 * @outline: (array length=n_outline) (nullable): polygon vertices relative
 *   to the centre (y down) for polygon shapes
 * @n_outline: number of @outline points
 * @is_seed: a seed lot of the trace
 * @is_group: this node stands for @n_members trace nodes
 * @members: (array length=n_members): trace node indexes of a group, in
 *   trace order; %NULL otherwise
 * @n_members: group size, 0 otherwise
 * @product_id: for lots and groups of lots, the product
 */
typedef struct {
  int                 trace_node;
  char               *key;
  LotlineNodeKind     kind;
  LotlineLayoutShape  shape;
  char              **label_lines;
  guint               n_label_rows;
  gboolean            has_badge;
  double              x;
  double              y;
  double              width;
  double              height;
  double              label_width;
  double              label_height;
  LotlineLayoutPoint *outline;
  guint               n_outline;
  gboolean            is_seed;
  gboolean            is_group;
  guint              *members;
  guint               n_members;
  gint64              product_id;
} LotlineLayoutNode;

/**
 * LotlineLayoutEdge:
 * @trace_edge: the trace edge this edge draws, or -1 when it stands for
 *   several (edges to and from a group are merged per kind)
 * @trace_edges: (array length=n_trace_edges): every trace edge it stands for
 * @n_trace_edges: at least one
 * @kind: the kind of its trace edges
 * @from: layout node index where the goods come from
 * @to: layout node index where they go
 * @points: (array length=n_points): cubic bezier control points from @from
 *   towards @to: a start point then three per segment (1 + 3k), y down
 * @n_points: 0 when Graphviz produced no curve
 * @has_arrow: whether @arrow_tip is set
 * @arrow_tip: the arrowhead runs from the last point to this tip (Graphviz
 *   leaves room for it; it is not part of the curve)
 * @quantity: summed quantity in thousandths of @unit
 * @unit: (nullable): base unit of the quantities, %NULL when merged edges
 *   mix units
 * @label: (nullable): the quantity with its unit ("120 kg"), %NULL when
 *   quantities are hidden
 * @label_x: centre of @label, y down
 * @label_y: centre of @label
 * @label_width: size Graphviz measured for @label
 * @label_height: size Graphviz measured for @label
 */
typedef struct {
  int                 trace_edge;
  guint              *trace_edges;
  guint               n_trace_edges;
  LotlineEdgeKind     kind;
  guint               from;
  guint               to;
  LotlineLayoutPoint *points;
  guint               n_points;
  gboolean            has_arrow;
  LotlineLayoutPoint  arrow_tip;
  gint64              quantity;
  char               *unit;
  char               *label;
  double              label_x;
  double              label_y;
  double              label_width;
  double              label_height;
} LotlineLayoutEdge;

typedef struct _LotlineLayout LotlineLayout;

#define LOTLINE_TYPE_LAYOUT (lotline_layout_get_type ())
GType          lotline_layout_get_type       (void) G_GNUC_CONST;
GQuark         lotline_layout_error_quark    (void);

LotlineLayout *lotline_layout_compute        (LotlineTrace               *trace,
                                              const LotlineLayoutOptions *options,
                                              GError                    **error);
void           lotline_layout_compute_async  (LotlineTrace               *trace,
                                              const LotlineLayoutOptions *options,
                                              guint64                     generation,
                                              GCancellable               *cancellable,
                                              GAsyncReadyCallback         callback,
                                              gpointer                    user_data);
LotlineLayout *lotline_layout_compute_finish (GAsyncResult               *result,
                                              guint64                    *out_generation,
                                              GError                    **error);

LotlineLayout *lotline_layout_ref            (LotlineLayout *layout);
void           lotline_layout_unref          (LotlineLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineLayout, lotline_layout_unref)

LotlineTrace            *lotline_layout_get_trace        (const LotlineLayout *layout);
guint64                  lotline_layout_get_generation   (const LotlineLayout *layout);
double                   lotline_layout_get_width        (const LotlineLayout *layout);
double                   lotline_layout_get_height       (const LotlineLayout *layout);
const char              *lotline_layout_get_font_family  (const LotlineLayout *layout);
double                   lotline_layout_get_font_size    (const LotlineLayout *layout);
double                   lotline_layout_get_edge_font_size (const LotlineLayout *layout);
double                   lotline_layout_get_elapsed      (const LotlineLayout *layout);
guint                    lotline_layout_get_n_nodes      (const LotlineLayout *layout);
const LotlineLayoutNode *lotline_layout_get_node         (const LotlineLayout *layout,
                                                          guint                i);
guint                    lotline_layout_get_n_edges      (const LotlineLayout *layout);
const LotlineLayoutEdge *lotline_layout_get_edge         (const LotlineLayout *layout,
                                                          guint                i);
int                      lotline_layout_find_node        (const LotlineLayout *layout,
                                                          const char          *key);
int                      lotline_layout_find_trace_node  (const LotlineLayout *layout,
                                                          guint                trace_node);
int                      lotline_layout_find_trace_edge  (const LotlineLayout *layout,
                                                          guint                trace_edge);

G_END_DECLS
