/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-store.h"

G_BEGIN_DECLS

typedef enum {
  LOTLINE_TRACE_UPSTREAM,    /* where did it come from: ancestors and suppliers */
  LOTLINE_TRACE_DOWNSTREAM,  /* where did it go: descendants, customers, stock */
  LOTLINE_TRACE_BOTH,
  LOTLINE_TRACE_SIBLINGS,    /* lots that share an input with a seed */
} LotlineTraceDirection;

const char *lotline_trace_direction_to_string   (LotlineTraceDirection d);
gboolean    lotline_trace_direction_from_string (const char *s, LotlineTraceDirection *out);

typedef enum {
  LOTLINE_NODE_LOT,
  LOTLINE_NODE_SUPPLIER,
  LOTLINE_NODE_CUSTOMER,
  LOTLINE_NODE_LOCATION,
} LotlineNodeKind;

typedef enum {
  LOTLINE_EDGE_PRODUCTION, /* parent lot -> child lot (consumed into) */
  LOTLINE_EDGE_RECEIPT,    /* supplier -> lot */
  LOTLINE_EDGE_SHIPMENT,   /* lot -> customer */
  LOTLINE_EDGE_RETURN,     /* customer -> lot */
  LOTLINE_EDGE_STOCK,      /* lot -> location holding it now */
} LotlineEdgeKind;

/**
 * LotlineTraceNode:
 * @kind: what the node stands for
 * @id: database id of the lot, party or location
 * @key: stable text key, e.g. "lot:42", "party:7", "location:3"
 * @label: what a person calls it (lot code, party or location name)
 * @depth: production steps from the nearest seed; negative upstream, 0 for
 *   seeds and for parties/locations attached to a seed
 * @is_seed: whether this lot is one of the trace's seeds
 *
 * Lot-only fields are empty for other kinds.
 */
typedef struct {
  LotlineNodeKind  kind;
  gint64           id;
  char            *key;
  char            *label;
  int              depth;
  gboolean         is_seed;
  /* lots */
  gint64           product_id;
  char            *product_sku;
  char            *product_name;
  LotlineProductKind product_kind;
  char            *unit;
  LotlineLotStatus status;       /* stored status */
  char            *produced_on;
  char            *expires_on;
  gint64           on_hand;      /* all locations */
} LotlineTraceNode;

/**
 * LotlineTraceEdge:
 * @from: index into the trace's nodes
 * @to: index into the trace's nodes
 * @quantity: thousandths of @from's unit for production edges (quantity of
 *   the parent consumed), of the lot's unit otherwise; summed when several
 *   events connect the same pair
 * @child_quantity: for production edges, the quantity of the child produced
 * @events: how many events the edge stands for
 * @first_date: the earliest event date ("YYYY-MM-DD")
 * @last_date: the latest event date
 */
typedef struct {
  LotlineEdgeKind kind;
  guint           from;
  guint           to;
  gint64          quantity;
  gint64          child_quantity;
  guint           events;
  char           *first_date;
  char           *last_date;
} LotlineTraceEdge;

/* One shipment line of a reached lot to a customer (downstream). */
typedef struct {
  gint64  event_id;
  gint64  lot_id;
  gint64  customer_id;
  gint64  quantity;
  char   *date;        /* "YYYY-MM-DD" */
  char   *doc_type;
  char   *doc_number;
} LotlineTraceShipment;

/**
 * LotlineMassBalance:
 *
 * For one lot, everything that ever entered and left it:
 * received + produced + returned + adjusted_in ==
 * consumed + shipped + destroyed + adjusted_out + on_hand + gap.
 * @gap is zero in a consistent ledger.
 */
typedef struct {
  gint64 lot_id;
  gint64 received;
  gint64 produced;
  gint64 returned;
  gint64 adjusted_in;
  gint64 consumed;
  gint64 shipped;
  gint64 destroyed;
  gint64 adjusted_out;
  gint64 on_hand;
  gint64 gap;
} LotlineMassBalance;

typedef struct _LotlineTrace LotlineTrace;

#define LOTLINE_TYPE_TRACE (lotline_trace_get_type ())
GType         lotline_trace_get_type (void) G_GNUC_CONST;

/**
 * lotline_store_trace:
 * @store: a store
 * @seed_lot_ids: (array length=n_seeds): lots to start from
 * @n_seeds: at least one
 * @direction: which way to walk
 * @max_depth: production steps to follow, 0 for no limit
 * @error: return location for a #GError
 *
 * Returns: (transfer full): an immutable trace graph, safe to pass between
 *   threads.
 */
LotlineTrace *lotline_store_trace (LotlineStore          *store,
                                   const gint64          *seed_lot_ids,
                                   guint                  n_seeds,
                                   LotlineTraceDirection  direction,
                                   guint                  max_depth,
                                   GError               **error);

LotlineTrace *lotline_trace_ref   (LotlineTrace *trace);
void          lotline_trace_unref (LotlineTrace *trace);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineTrace, lotline_trace_unref)

LotlineTraceDirection      lotline_trace_get_direction   (const LotlineTrace *trace);
guint                      lotline_trace_get_n_nodes     (const LotlineTrace *trace);
const LotlineTraceNode    *lotline_trace_get_node        (const LotlineTrace *trace, guint i);
/* Index of the node with this key, or -1. */
int                        lotline_trace_find_node       (const LotlineTrace *trace, const char *key);
guint                      lotline_trace_get_n_edges     (const LotlineTrace *trace);
const LotlineTraceEdge    *lotline_trace_get_edge        (const LotlineTrace *trace, guint i);
guint                      lotline_trace_get_n_shipments (const LotlineTrace *trace);
const LotlineTraceShipment *lotline_trace_get_shipment   (const LotlineTrace *trace, guint i);
/* Mass balance of lot node @i, or NULL for other kinds. */
const LotlineMassBalance  *lotline_trace_get_balance     (const LotlineTrace *trace, guint i);

G_END_DECLS
