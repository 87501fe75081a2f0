/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lotline-layout.h"

G_BEGIN_DECLS

/* One drawn node of a genealogy graph (a lot, party, location, or a group
 * of them) as a list item: the rows of the table beside the graph, and
 * the items of the selection the table and the graph share.  Immutable;
 * everything is worked out from the layout when it is made. */

#define LOTLINE_TYPE_GRAPH_NODE (lotline_graph_node_get_type ())
G_DECLARE_FINAL_TYPE (LotlineGraphNode, lotline_graph_node, LOTLINE, GRAPH_NODE, GObject)

/* Node @index of @layout; @today ("YYYY-MM-DD", nullable for the local
 * date) decides which lots show as expired. */
LotlineGraphNode *lotline_graph_node_new              (LotlineLayout    *layout,
                                                       guint             index,
                                                       const char       *today);

/* The layout node key: a trace node key ("lot:42") or a group key. */
const char       *lotline_graph_node_get_key          (LotlineGraphNode *self);
/* Index in the layout it was made from. */
guint             lotline_graph_node_get_index        (LotlineGraphNode *self);
/* Index of the trace node, or -1 for a group. */
int               lotline_graph_node_get_trace_node   (LotlineGraphNode *self);
LotlineNodeKind   lotline_graph_node_get_kind         (LotlineGraphNode *self);
gboolean          lotline_graph_node_get_is_group     (LotlineGraphNode *self);
/* The lot's database id for a lot node, 0 otherwise. */
gint64            lotline_graph_node_get_lot_id       (LotlineGraphNode *self);
/* "Lot", "Customer", "Customers" (a group), … */
const char       *lotline_graph_node_get_kind_label   (LotlineGraphNode *self);
/* Lot code, party or location name, or the group's label. */
const char       *lotline_graph_node_get_name         (LotlineGraphNode *self);
const char       *lotline_graph_node_get_product      (LotlineGraphNode *self);
const char       *lotline_graph_node_get_status_label (LotlineGraphNode *self);
int               lotline_graph_node_get_depth        (LotlineGraphNode *self);
/* Thousandths of the unit; 0 when not a lot. */
gint64            lotline_graph_node_get_on_hand      (LotlineGraphNode *self);
/* "250 kg", or "" */
const char       *lotline_graph_node_get_on_hand_label (LotlineGraphNode *self);

G_END_DECLS
