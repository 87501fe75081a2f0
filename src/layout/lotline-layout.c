/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotline-layout-private.h"

/* A layout is built in two steps, both on the layout worker thread:
 *
 * 1. Collapsing (here): big fan-outs become group nodes, edges are merged
 *    per (from, to, kind), and every node gets its label lines.  This only
 *    reads the trace, so it could run anywhere, but keeping it on the worker
 *    keeps the main thread free.
 * 2. Graphviz (lotline-layout-graphviz.c, the only file that includes
 *    Graphviz headers) positions the result and copies the geometry back.
 *
 * cgraph and gvc are not thread-safe, not even for reads, so every Graphviz
 * call runs on one dedicated thread that owns the one GVC_t.  Requests are
 * queued to it; gvLayout cannot be interrupted, so a request carries a
 * generation number and callers drop results older than their newest one. */

G_DEFINE_QUARK (lotline-layout-error-quark, lotline_layout_error)

G_DEFINE_BOXED_TYPE (LotlineLayout, lotline_layout, lotline_layout_ref, lotline_layout_unref)

/* ---- the value -------------------------------------------------------- */

static void
node_clear (gpointer data)
{
  LotlineLayoutNode *node = data;

  g_free (node->key);
  g_strfreev (node->label_lines);
  g_free (node->outline);
  g_free (node->members);
}

static void
edge_clear (gpointer data)
{
  LotlineLayoutEdge *edge = data;

  g_free (edge->trace_edges);
  g_free (edge->points);
  g_free (edge->unit);
  g_free (edge->label);
}

static LotlineLayout *
layout_new (LotlineTrace *trace)
{
  LotlineLayout *layout = g_new0 (LotlineLayout, 1);

  g_atomic_ref_count_init (&layout->ref_count);
  layout->trace = lotline_trace_ref (trace);
  layout->nodes = g_array_new (FALSE, TRUE, sizeof (LotlineLayoutNode));
  g_array_set_clear_func (layout->nodes, node_clear);
  layout->edges = g_array_new (FALSE, TRUE, sizeof (LotlineLayoutEdge));
  g_array_set_clear_func (layout->edges, edge_clear);
  layout->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  return layout;
}

/**
 * lotline_layout_ref:
 * @layout: a layout
 *
 * Takes a reference; safe from any thread.
 *
 * Returns: (transfer full): @layout
 */
LotlineLayout *
lotline_layout_ref (LotlineLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_atomic_ref_count_inc (&layout->ref_count);
  return layout;
}

/**
 * lotline_layout_unref:
 * @layout: (transfer full): a layout
 *
 * Drops a reference and frees the layout with the last one; safe from any
 * thread.
 */
void
lotline_layout_unref (LotlineLayout *layout)
{
  g_return_if_fail (layout != NULL);
  if (!g_atomic_ref_count_dec (&layout->ref_count))
    return;
  g_hash_table_unref (layout->by_key);
  g_array_unref (layout->nodes);
  g_array_unref (layout->edges);
  g_free (layout->node_of_trace);
  g_free (layout->edge_of_trace);
  g_free (layout->graphviz_y);
  g_free (layout->font_family);
  lotline_trace_unref (layout->trace);
  g_free (layout);
}

/**
 * lotline_layout_get_trace:
 * @layout: a layout
 *
 * Returns: (transfer none): the trace @layout was computed from
 */
LotlineTrace *
lotline_layout_get_trace (const LotlineLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return layout->trace;
}

/**
 * lotline_layout_get_generation:
 * @layout: a layout
 *
 * Returns: the generation passed to lotline_layout_compute_async(), 0 for
 *   lotline_layout_compute(); a caller that asked again since can drop an
 *   older layout
 */
guint64
lotline_layout_get_generation (const LotlineLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->generation;
}

/**
 * lotline_layout_get_width:
 * @layout: a layout
 *
 * Returns: width of the bounding box in points; every node, curve and label
 *   lies within (0, 0)–(width, height)
 */
double
lotline_layout_get_width (const LotlineLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->width;
}

/**
 * lotline_layout_get_height:
 * @layout: a layout
 *
 * Returns: height of the bounding box in points
 */
double
lotline_layout_get_height (const LotlineLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->height;
}

/**
 * lotline_layout_get_font_family:
 * @layout: a layout
 *
 * Returns: the Pango family list Graphviz measured the labels with; draw
 *   with the same one or text will not fit its node
 */
const char *
lotline_layout_get_font_family (const LotlineLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return layout->font_family;
}

/**
 * lotline_layout_get_font_size:
 * @layout: a layout
 *
 * Returns: the node text size in points
 */
double
lotline_layout_get_font_size (const LotlineLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->font_size;
}

/**
 * lotline_layout_get_edge_font_size:
 * @layout: a layout
 *
 * Returns: the edge label text size in points
 */
double
lotline_layout_get_edge_font_size (const LotlineLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->edge_font_size;
}

/**
 * lotline_layout_get_elapsed:
 * @layout: a layout
 *
 * Returns: seconds Graphviz spent building and laying out the graph
 */
double
lotline_layout_get_elapsed (const LotlineLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->elapsed;
}

/**
 * lotline_layout_get_n_nodes:
 * @layout: a layout
 *
 * Returns: the number of nodes drawn (group nodes count once)
 */
guint
lotline_layout_get_n_nodes (const LotlineLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->nodes->len;
}

/**
 * lotline_layout_get_node:
 * @layout: a layout
 * @i: index below lotline_layout_get_n_nodes()
 *
 * Returns: (transfer none): node @i, valid as long as @layout
 */
const LotlineLayoutNode *
lotline_layout_get_node (const LotlineLayout *layout,
                         guint                i)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (i < layout->nodes->len, NULL);
  return &g_array_index (layout->nodes, LotlineLayoutNode, i);
}

/**
 * lotline_layout_get_n_edges:
 * @layout: a layout
 *
 * Returns: the number of edges drawn
 */
guint
lotline_layout_get_n_edges (const LotlineLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);
  return layout->edges->len;
}

/**
 * lotline_layout_get_edge:
 * @layout: a layout
 * @i: index below lotline_layout_get_n_edges()
 *
 * Returns: (transfer none): edge @i, valid as long as @layout
 */
const LotlineLayoutEdge *
lotline_layout_get_edge (const LotlineLayout *layout,
                         guint                i)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (i < layout->edges->len, NULL);
  return &g_array_index (layout->edges, LotlineLayoutEdge, i);
}

/**
 * lotline_layout_find_node:
 * @layout: a layout
 * @key: a trace node key or a group key
 *
 * Returns: the index of the layout node with @key, or -1
 */
int
lotline_layout_find_node (const LotlineLayout *layout,
                          const char          *key)
{
  g_return_val_if_fail (layout != NULL, -1);
  g_return_val_if_fail (key != NULL, -1);
  return GPOINTER_TO_INT (g_hash_table_lookup (layout->by_key, key)) - 1;
}

/**
 * lotline_layout_find_trace_node:
 * @layout: a layout
 * @trace_node: index of a node in the layout's trace
 *
 * Returns: the index of the layout node that shows @trace_node (its group
 *   node when it was collapsed), or -1 for an index out of range
 */
int
lotline_layout_find_trace_node (const LotlineLayout *layout,
                                guint                trace_node)
{
  g_return_val_if_fail (layout != NULL, -1);
  if (trace_node >= lotline_trace_get_n_nodes (layout->trace))
    return -1;
  return layout->node_of_trace[trace_node];
}

/**
 * lotline_layout_find_trace_edge:
 * @layout: a layout
 * @trace_edge: index of an edge in the layout's trace
 *
 * Returns: the index of the layout edge that draws @trace_edge, or -1 when
 *   it runs between two members of one group (or is out of range)
 */
int
lotline_layout_find_trace_edge (const LotlineLayout *layout,
                                guint                trace_edge)
{
  g_return_val_if_fail (layout != NULL, -1);
  if (trace_edge >= lotline_trace_get_n_edges (layout->trace))
    return -1;
  return layout->edge_of_trace[trace_edge];
}

double
lotline_layout_get_graphviz_y (const LotlineLayout *layout,
                               guint                i)
{
  g_return_val_if_fail (layout != NULL, 0);
  g_return_val_if_fail (i < layout->nodes->len, 0);
  return layout->graphviz_y[i];
}

/* ---- requests --------------------------------------------------------- */

/* An owned copy of the options, so a request can cross to the worker. */
typedef struct {
  LotlineTrace *trace;
  guint         collapse_limit;
  GHashTable   *expanded;       /* group key -> itself */
  char         *font_family;
  double        font_size;
  gboolean      hide_quantities;
  guint         max_nodes;
  char         *engine;
  guint         crowd_limit;
  guint         label_limit;
  guint64       generation;

  /* Set for lotline_layout_compute_async(); otherwise a blocking call waits
   * on @cond until @done. */
  GTask        *task;
  GMutex        mutex;
  GCond         cond;
  gboolean      done;
  LotlineLayout *result;
  GError       *error;
} Request;

static Request *
request_new (LotlineTrace               *trace,
             const LotlineLayoutOptions *options,
             guint64                     generation)
{
  LotlineLayoutOptions defaults = { 0 };
  Request *req = g_new0 (Request, 1);

  if (options == NULL)
    options = &defaults;

  req->trace = lotline_trace_ref (trace);
  req->collapse_limit = options->collapse_limit ? options->collapse_limit
                                                : LOTLINE_LAYOUT_DEFAULT_COLLAPSE_LIMIT;
  req->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; options->expanded_groups && options->expanded_groups[i]; i++)
    {
      char *key = g_strdup (options->expanded_groups[i]);

      g_hash_table_insert (req->expanded, key, key);
    }
  req->font_family = g_strdup (options->font_family ? options->font_family
                                                    : LOTLINE_LAYOUT_DEFAULT_FONT_FAMILY);
  req->font_size = options->font_size > 0 ? options->font_size : LOTLINE_LAYOUT_DEFAULT_FONT_SIZE;
  req->hide_quantities = options->hide_quantities;
  req->max_nodes = options->max_nodes ? options->max_nodes : LOTLINE_LAYOUT_DEFAULT_MAX_NODES;
  req->engine = g_strdup (options->engine ? options->engine : "dot");
  req->crowd_limit = options->crowd_limit ? options->crowd_limit : LOTLINE_LAYOUT_DEFAULT_CROWD_LIMIT;
  req->label_limit = options->label_limit ? options->label_limit : LOTLINE_LAYOUT_DEFAULT_LABEL_LIMIT;
  req->generation = generation;
  g_mutex_init (&req->mutex);
  g_cond_init (&req->cond);
  return req;
}

static void
request_free (gpointer data)
{
  Request *req = data;

  g_clear_pointer (&req->trace, lotline_trace_unref);
  g_hash_table_unref (req->expanded);
  g_free (req->font_family);
  g_free (req->engine);
  g_clear_pointer (&req->result, lotline_layout_unref);
  g_clear_error (&req->error);
  g_mutex_clear (&req->mutex);
  g_cond_clear (&req->cond);
  g_free (req);
}

/* ---- collapsing ------------------------------------------------------- */

typedef struct {
  char           *key;
  LotlineNodeKind kind;
  gint64          product_id;
  const char     *product_name;   /* borrowed from the trace */
  GArray         *members;        /* guint trace node indexes, ascending */
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->key);
  g_array_unref (group->members);
  g_free (group);
}

typedef struct {
  char   *what;     /* "customer", "product:7", … */
  gboolean in;      /* neighbours on the incoming side */
  GArray *nodes;    /* guint trace node indexes */
} Bucket;

static void
bucket_free (gpointer data)
{
  Bucket *bucket = data;

  g_free (bucket->what);
  g_array_unref (bucket->nodes);
  g_free (bucket);
}

typedef struct {
  const LotlineTrace *trace;
  guint       n;            /* trace nodes */
  guint      *rep;          /* trace node -> itself, or n + group index */
  guint      *offsets;      /* incident edges of node i: list[offsets[i] .. offsets[i+1]) */
  guint      *incident;
  GPtrArray  *groups;       /* Group * */
  guint      *pinned;       /* trace node -> 0, or 1 + the expanded group it was shown out of */
  guint       n_pins;
} Collapse;

static const char *
kind_word (LotlineNodeKind kind)
{
  switch (kind)
    {
    case LOTLINE_NODE_SUPPLIER: return "supplier";
    case LOTLINE_NODE_CUSTOMER: return "customer";
    case LOTLINE_NODE_LOCATION: return "location";
    case LOTLINE_NODE_LOT:
    default:                    return "lot";
    }
}

static const char *
rep_key (Collapse *c,
         guint     r)
{
  if (r < c->n)
    return lotline_trace_get_node (c->trace, r)->key;
  return ((Group *) g_ptr_array_index (c->groups, r - c->n))->key;
}

static void
collapse_build_incidence (Collapse *c)
{
  guint n_edges = lotline_trace_get_n_edges (c->trace);
  g_autofree guint *fill = g_new0 (guint, c->n);

  c->offsets = g_new0 (guint, c->n + 1);
  for (guint e = 0; e < n_edges; e++)
    {
      const LotlineTraceEdge *edge = lotline_trace_get_edge (c->trace, e);

      c->offsets[edge->from + 1]++;
      c->offsets[edge->to + 1]++;
    }
  for (guint i = 0; i < c->n; i++)
    c->offsets[i + 1] += c->offsets[i];
  c->incident = g_new (guint, MAX (c->offsets[c->n], 1));
  for (guint e = 0; e < n_edges; e++)
    {
      const LotlineTraceEdge *edge = lotline_trace_get_edge (c->trace, e);

      c->incident[c->offsets[edge->from] + fill[edge->from]++] = e;
      c->incident[c->offsets[edge->to] + fill[edge->to]++] = e;
    }
}

static int
compare_by_depth (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const LotlineTrace *trace = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  int da = ABS (lotline_trace_get_node (trace, ia)->depth);
  int db = ABS (lotline_trace_get_node (trace, ib)->depth);

  if (da != db)
    return da < db ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = *(const guint *) a, ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

/* The members of a group the caller expanded: shown one by one, never
 * grouped again, and counted as the one node they were, so that expanding
 * a group never makes a crowd elsewhere collapse. */
static void
pin_nodes (Collapse     *c,
           const GArray *nodes)
{
  c->n_pins++;
  for (guint i = 0; i < nodes->len; i++)
    c->pinned[g_array_index (nodes, guint, i)] = c->n_pins;
}

/* Makes @nodes (ascending trace indexes, all of one kind) one group with
 * @key, or pins them when the caller expanded @key. */
static void
make_group (Collapse *c,
            Request  *req,
            char     *key,
            GArray   *nodes)
{
  const LotlineTraceNode *first;
  Group *group;

  if (g_hash_table_contains (req->expanded, key))
    {
      pin_nodes (c, nodes);
      g_free (key);
      return;
    }
  first = lotline_trace_get_node (c->trace, g_array_index (nodes, guint, 0));
  group = g_new0 (Group, 1);
  group->key = key;
  group->kind = first->kind;
  group->product_id = first->product_id;
  group->product_name = first->product_name ? first->product_name : first->product_sku;
  group->members = g_array_ref (nodes);
  g_ptr_array_add (c->groups, group);
  for (guint i = 0; i < nodes->len; i++)
    c->rep[g_array_index (nodes, guint, i)] = c->n + c->groups->len - 1;
}

/* Looks at the neighbours of representative @r, a lot or a group of lots,
 * and collapses every set of more than the limit that share a side and a
 * kind (or a product), pushing new groups of lots on @queue: a group's
 * merged neighbourhood may itself fan out (48 lots of pectin from 48
 * suppliers). */
static void
collapse_visit (Collapse *c,
                Request  *req,
                guint     r,
                GQueue   *queue)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) by_what = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) buckets = g_ptr_array_new_with_free_func (bucket_free);
  const guint *members;
  guint n_members;

  /* Only lots fan out: a location holding every lot, or a customer
   * supplied from many, is an end point, and grouping around it would hide
   * the genealogy itself. */
  if (r < c->n)
    {
      if (lotline_trace_get_node (c->trace, r)->kind != LOTLINE_NODE_LOT)
        return;
      members = &r;
      n_members = 1;
    }
  else
    {
      Group *group = g_ptr_array_index (c->groups, r - c->n);

      if (group->kind != LOTLINE_NODE_LOT)
        return;
      members = (const guint *) (gpointer) group->members->data;
      n_members = group->members->len;
    }

  for (guint m = 0; m < n_members; m++)
    for (guint k = c->offsets[members[m]]; k < c->offsets[members[m] + 1]; k++)
      {
        const LotlineTraceEdge *edge = lotline_trace_get_edge (c->trace, c->incident[k]);
        const LotlineTraceNode *other;
        g_autofree char *what = NULL;
        g_autofree char *bucket_key = NULL;
        gboolean in;
        guint x;
        Bucket *bucket;

        if (c->rep[edge->from] == r && c->rep[edge->to] != r)
          {
            x = edge->to;
            in = FALSE;
          }
        else if (c->rep[edge->to] == r && c->rep[edge->from] != r)
          {
            x = edge->from;
            in = TRUE;
          }
        else
          continue;

        /* Seeds always stay visible, a node joins one group at most, and
         * the members of an expanded group stay out of every group. */
        other = lotline_trace_get_node (c->trace, x);
        if (other->is_seed || c->rep[x] != x || c->pinned[x] != 0)
          continue;
        if (!g_hash_table_add (seen, GUINT_TO_POINTER (2 * x + (in ? 1 : 0) + 1)))
          continue;

        if (other->kind == LOTLINE_NODE_LOT)
          what = g_strdup_printf ("product:%" G_GINT64_FORMAT, other->product_id);
        else
          what = g_strdup (kind_word (other->kind));
        bucket_key = g_strconcat (in ? "in:" : "out:", what, NULL);
        bucket = g_hash_table_lookup (by_what, bucket_key);
        if (bucket == NULL)
          {
            bucket = g_new0 (Bucket, 1);
            bucket->what = g_steal_pointer (&what);
            bucket->in = in;
            bucket->nodes = g_array_new (FALSE, FALSE, sizeof (guint));
            g_ptr_array_add (buckets, bucket);
            g_hash_table_insert (by_what, g_steal_pointer (&bucket_key), bucket);
          }
        g_array_append_val (bucket->nodes, x);
      }

  for (guint b = 0; b < buckets->len; b++)
    {
      Bucket *bucket = g_ptr_array_index (buckets, b);
      guint n_groups;

      /* A neighbour on both sides (shipped to and returning) may have
       * joined the group of an earlier bucket. */
      for (guint i = bucket->nodes->len; i-- > 0;)
        if (c->rep[g_array_index (bucket->nodes, guint, i)] != g_array_index (bucket->nodes, guint, i))
          g_array_remove_index (bucket->nodes, i);
      if (bucket->nodes->len <= req->collapse_limit)
        continue;
      g_array_sort (bucket->nodes, compare_uint);
      n_groups = c->groups->len;
      make_group (c, req,
                  g_strdup_printf ("group:%s:%s:%s", rep_key (c, r), bucket->in ? "in" : "out", bucket->what),
                  bucket->nodes);
      if (c->groups->len > n_groups)
        g_queue_push_tail (queue, GUINT_TO_POINTER (c->n + c->groups->len - 1));
    }
}

/* ---- crowds ----------------------------------------------------------- */

/* A trace with no big fan-out can still be unreadable: a pectin lot goes
 * into fifty batches, a hundred finished lots and six hundred customers,
 * each finished lot shipped to fewer than the fan-out limit.  Graphviz then
 * stacks every customer in one column tens of thousands of points tall.
 * These passes run after the fan-outs and look at the whole graph. */

/* How many nodes of a crowd are drawn: one per node shown by itself, one
 * per expanded group (its members, pinned, stand in for the group node),
 * and one per fan-out group already made.  Returns the nodes that may be
 * grouped (shown alone, not seeds, not pinned) in @loose. */
typedef gboolean (*CrowdFilter) (const LotlineTraceNode *node,
                                 gpointer                data);

static guint
count_crowd (Collapse    *c,
             CrowdFilter  filter,
             gpointer     data,
             GArray      *loose)
{
  g_autoptr(GHashTable) pins = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) groups = g_hash_table_new (NULL, NULL);
  guint count = 0;

  for (guint i = 0; i < c->n; i++)
    {
      const LotlineTraceNode *node = lotline_trace_get_node (c->trace, i);

      if (!filter (node, data))
        continue;
      if (c->rep[i] != i)
        {
          if (g_hash_table_add (groups, GUINT_TO_POINTER (c->rep[i])))
            count++;
        }
      else if (c->pinned[i] != 0)
        {
          if (g_hash_table_add (pins, GUINT_TO_POINTER (c->pinned[i])))
            count++;
        }
      else
        {
          count++;
          if (!node->is_seed)
            g_array_append_val (loose, i);
        }
    }
  return count;
}

static gboolean
filter_kind (const LotlineTraceNode *node,
             gpointer                data)
{
  return node->kind == (LotlineNodeKind) GPOINTER_TO_INT (data);
}

/* Customers, suppliers and locations: the end points of a trace.  More
 * than the fan-out limit of one kind drawn one by one become one group of
 * that kind ("511 customers"); their edges from each lot merge into one. */
static void
collapse_crowded_ends (Collapse *c,
                       Request  *req)
{
  static const LotlineNodeKind kinds[] = {
    LOTLINE_NODE_SUPPLIER, LOTLINE_NODE_CUSTOMER, LOTLINE_NODE_LOCATION,
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GArray) loose = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) members = NULL;
      g_autofree char *key = NULL;
      guint count = count_crowd (c, filter_kind, GINT_TO_POINTER (kinds[k]), loose);

      if (count <= req->collapse_limit)
        continue;
      key = g_strdup_printf ("group:crowd:%s", kind_word (kinds[k]));
      if (g_hash_table_contains (req->expanded, key))
        {
          pin_nodes (c, loose);
          continue;
        }

      /* The fan-out groups of this kind join the crowd: one node for all
       * customers reads better than one big and three smaller ones.  They
       * come back when the crowd is expanded. */
      members = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i < c->n; i++)
        {
          const LotlineTraceNode *node = lotline_trace_get_node (c->trace, i);

          if (node->kind == kinds[k] && !node->is_seed && c->pinned[i] == 0)
            g_array_append_val (members, i);
        }
      if (members->len >= 2)
        make_group (c, req, g_steal_pointer (&key), members);
    }
}

static gboolean
filter_lot_at_depth (const LotlineTraceNode *node,
                     gpointer                data)
{
  return node->kind == LOTLINE_NODE_LOT && node->depth == *(const int *) data;
}

static int
compare_buckets (gconstpointer a,
                 gconstpointer b)
{
  const Bucket *x = *(Bucket * const *) a, *y = *(Bucket * const *) b;
  guint fx = g_array_index (x->nodes, guint, 0), fy = g_array_index (y->nodes, guint, 0);

  /* Biggest first; equal sizes in trace order, so the result is stable. */
  if (x->nodes->len != y->nodes->len)
    return x->nodes->len > y->nodes->len ? -1 : 1;
  return fx < fy ? -1 : fx > fy;
}

/* Lots at one depth are one column of the drawing.  While a column draws
 * more than the limit, the biggest set of lots of one product in it
 * becomes a group ("18 lots of Strawberry jam base"). */
static void
collapse_crowded_lots (Collapse *c,
                       Request  *req)
{
  int min_depth = 0, max_depth = 0;

  for (guint i = 0; i < c->n; i++)
    {
      const LotlineTraceNode *node = lotline_trace_get_node (c->trace, i);

      min_depth = MIN (min_depth, node->depth);
      max_depth = MAX (max_depth, node->depth);
    }

  for (int depth = min_depth; depth <= max_depth; depth++)
    {
      g_autoptr(GArray) loose = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GHashTable) by_product = NULL;
      g_autoptr(GPtrArray) buckets = NULL;
      guint count = count_crowd (c, filter_lot_at_depth, &depth, loose);

      if (count <= req->crowd_limit)
        continue;

      by_product = g_hash_table_new (g_int64_hash, g_int64_equal);
      buckets = g_ptr_array_new_with_free_func (bucket_free);
      for (guint i = 0; i < loose->len; i++)
        {
          guint x = g_array_index (loose, guint, i);
          const LotlineTraceNode *node = lotline_trace_get_node (c->trace, x);
          Bucket *bucket = g_hash_table_lookup (by_product, &node->product_id);

          if (bucket == NULL)
            {
              bucket = g_new0 (Bucket, 1);
              bucket->what = g_strdup_printf ("depth:%d:product:%" G_GINT64_FORMAT, depth, node->product_id);
              bucket->nodes = g_array_new (FALSE, FALSE, sizeof (guint));
              g_ptr_array_add (buckets, bucket);
              /* Keyed by the trace's own product id, which outlives the table. */
              g_hash_table_insert (by_product, (gpointer) &node->product_id, bucket);
            }
          g_array_append_val (bucket->nodes, x);
        }
      g_ptr_array_sort (buckets, compare_buckets);
      for (guint b = 0; b < buckets->len && count > req->crowd_limit; b++)
        {
          Bucket *bucket = g_ptr_array_index (buckets, b);

          if (bucket->nodes->len < 2)
            break;
          count -= bucket->nodes->len - 1;
          make_group (c, req, g_strdup_printf ("group:crowd:%s", bucket->what), bucket->nodes);
        }
    }
}

/* ---- building the layout's nodes and edges ---------------------------- */

/* One line of text: control characters (a newline in a product name) would
 * break the label into rows the renderer does not know about. */
static char *
dup_clean (const char *text)
{
  char *copy = g_strdup (text ? text : "");

  for (char *p = copy; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return copy;
}

/* Quantities on an edge are in the unit of its lot end: the parent for
 * production edges, the lot for receipts, shipments, returns and stock. */
static const char *
trace_edge_unit (const LotlineTrace     *trace,
                 const LotlineTraceEdge *edge)
{
  const LotlineTraceNode *from = lotline_trace_get_node (trace, edge->from);
  const LotlineTraceNode *to = lotline_trace_get_node (trace, edge->to);

  if (from->kind == LOTLINE_NODE_LOT)
    return from->unit;
  if (to->kind == LOTLINE_NODE_LOT)
    return to->unit;
  return NULL;
}

static char *
format_quantity (gint64      quantity,
                 const char *unit)
{
  g_autofree char *number = lotline_quantity_format (quantity);

  if (unit == NULL || unit[0] == '\0')
    return g_steal_pointer (&number);
  /* Translators: a quantity and its unit, as in "120 kg". */
  return g_strdup_printf (C_("quantity with unit", "%s %s"), number, unit);
}

static void
fill_trace_node (LotlineLayoutNode      *node,
                 const LotlineTraceNode *tnode)
{
  GPtrArray *lines = g_ptr_array_new ();

  node->kind = tnode->kind;
  node->key = g_strdup (tnode->key);
  node->is_seed = tnode->is_seed;
  switch (tnode->kind)
    {
    case LOTLINE_NODE_LOT:
      node->shape = LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX;
      node->product_id = tnode->product_id;
      node->has_badge = TRUE;
      g_ptr_array_add (lines, dup_clean (tnode->label));
      g_ptr_array_add (lines, dup_clean (tnode->product_name ? tnode->product_name : tnode->product_sku));
      if (tnode->expires_on && tnode->expires_on[0])
        g_ptr_array_add (lines, g_strdup_printf (_("expires %s"), tnode->expires_on));
      break;
    case LOTLINE_NODE_SUPPLIER:
      node->shape = LOTLINE_LAYOUT_SHAPE_HOUSE;
      g_ptr_array_add (lines, dup_clean (tnode->label));
      break;
    case LOTLINE_NODE_CUSTOMER:
      node->shape = LOTLINE_LAYOUT_SHAPE_ELLIPSE;
      g_ptr_array_add (lines, dup_clean (tnode->label));
      break;
    case LOTLINE_NODE_LOCATION:
    default:
      node->shape = LOTLINE_LAYOUT_SHAPE_CYLINDER;
      g_ptr_array_add (lines, dup_clean (tnode->label));
      break;
    }
  g_ptr_array_add (lines, NULL);
  node->label_lines = (char **) g_ptr_array_free (lines, FALSE);
  node->n_label_rows = g_strv_length (node->label_lines) + (node->has_badge ? 1 : 0);
}

static void
fill_group_node (LotlineLayoutNode *node,
                 Group             *group)
{
  guint n = group->members->len;
  char *line;

  node->kind = group->kind;
  node->key = g_strdup (group->key);
  node->is_group = TRUE;
  node->n_members = n;
  node->members = g_memdup2 (group->members->data, n * sizeof (guint));
  node->product_id = group->product_id;
  switch (group->kind)
    {
    case LOTLINE_NODE_LOT:
      node->shape = LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX;
      node->has_badge = TRUE;
      line = g_strdup_printf (ngettext ("%u lot of %s", "%u lots of %s", n), n,
                              group->product_name ? group->product_name : "");
      break;
    case LOTLINE_NODE_SUPPLIER:
      node->shape = LOTLINE_LAYOUT_SHAPE_HOUSE;
      line = g_strdup_printf (ngettext ("%u supplier", "%u suppliers", n), n);
      break;
    case LOTLINE_NODE_CUSTOMER:
      node->shape = LOTLINE_LAYOUT_SHAPE_ELLIPSE;
      line = g_strdup_printf (ngettext ("%u customer", "%u customers", n), n);
      break;
    case LOTLINE_NODE_LOCATION:
    default:
      node->shape = LOTLINE_LAYOUT_SHAPE_CYLINDER;
      line = g_strdup_printf (ngettext ("%u location", "%u locations", n), n);
      break;
    }
  node->label_lines = g_new0 (char *, 2);
  node->label_lines[0] = dup_clean (line);
  g_free (line);
  node->n_label_rows = 1 + (node->has_badge ? 1 : 0);
}

typedef struct {
  guint   index;       /* layout edge */
  GArray *trace_edges; /* guint */
  gboolean mixed_units;
} EdgeAgg;

/* Collapses the trace and fills @layout's nodes, edges and index maps; no
 * geometry yet. */
static gboolean
build_graph (LotlineLayout *layout,
             Request       *req,
             GError       **error)
{
  const LotlineTrace *trace = req->trace;
  guint n = lotline_trace_get_n_nodes (trace);
  guint n_edges = lotline_trace_get_n_edges (trace);
  g_autofree guint *order = NULL;
  g_autofree int *layout_of_rep = NULL;
  g_autoptr(GHashTable) aggs = NULL;
  g_autoptr(GPtrArray) agg_list = NULL;
  GQueue queue = G_QUEUE_INIT;
  Collapse c = { 0 };
  gboolean labels;

  if (n == 0)
    {
      g_set_error (error, LOTLINE_LAYOUT_ERROR, LOTLINE_LAYOUT_ERROR_EMPTY,
                   _("The trace has no lots, parties or locations, so there is no graph to draw. "
                     "Trace a lot that has recorded events."));
      return FALSE;
    }

  c.trace = trace;
  c.n = n;
  c.rep = g_new (guint, n);
  c.pinned = g_new0 (guint, n);
  c.groups = g_ptr_array_new_with_free_func (group_free);
  for (guint i = 0; i < n; i++)
    c.rep[i] = i;
  collapse_build_incidence (&c);

  /* Nodes nearest the seeds go first, so a fan-out is grouped under the
   * parent a person reads it from. */
  if (req->collapse_limit != G_MAXUINT)
    {
      order = g_new (guint, n);
      for (guint i = 0; i < n; i++)
        order[i] = i;
      g_qsort_with_data (order, n, sizeof (guint), compare_by_depth, (gpointer) trace);
      for (guint i = 0; i < n; i++)
        g_queue_push_tail (&queue, GUINT_TO_POINTER (order[i]));
      while (!g_queue_is_empty (&queue))
        {
          guint r = GPOINTER_TO_UINT (g_queue_pop_head (&queue));

          if (r < n && c.rep[r] != r)
            continue;
          collapse_visit (&c, req, r, &queue);
        }
      if (req->crowd_limit != G_MAXUINT)
        {
          collapse_crowded_lots (&c, req);
          collapse_crowded_ends (&c, req);
        }
    }

  /* Layout nodes in trace order, a group where its first member was, so
   * Graphviz sees the same order for the same trace.  A fan-out group whose
   * members all joined a crowd has no member left and is never drawn. */
  layout_of_rep = g_new (int, n + c.groups->len);
  for (guint i = 0; i < n + c.groups->len; i++)
    layout_of_rep[i] = -1;
  layout->node_of_trace = g_new (int, n);
  for (guint i = 0; i < n; i++)
    {
      guint r = c.rep[i];

      if (layout_of_rep[r] < 0)
        {
          LotlineLayoutNode node = { 0 };

          if (r < n)
            {
              node.trace_node = (int) r;
              fill_trace_node (&node, lotline_trace_get_node (trace, r));
            }
          else
            {
              node.trace_node = -1;
              fill_group_node (&node, g_ptr_array_index (c.groups, r - n));
            }
          layout_of_rep[r] = (int) layout->nodes->len;
          g_array_append_val (layout->nodes, node);
        }
      layout->node_of_trace[i] = layout_of_rep[r];
    }
  for (guint i = 0; i < layout->nodes->len; i++)
    g_hash_table_insert (layout->by_key, g_array_index (layout->nodes, LotlineLayoutNode, i).key,
                         GUINT_TO_POINTER (i + 1));

  /* Edges merged per (from, to, kind), in the order of their first trace
   * edge. */
  aggs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  agg_list = g_ptr_array_new ();
  layout->edge_of_trace = g_new (int, MAX (n_edges, 1));
  for (guint e = 0; e < n_edges; e++)
    {
      const LotlineTraceEdge *tedge = lotline_trace_get_edge (trace, e);
      int from = layout->node_of_trace[tedge->from];
      int to = layout->node_of_trace[tedge->to];
      g_autofree char *key = NULL;
      LotlineLayoutEdge *edge;
      EdgeAgg *agg;

      if (from == to)
        {
          layout->edge_of_trace[e] = -1;
          continue;
        }
      key = g_strdup_printf ("%d:%d:%d", from, to, (int) tedge->kind);
      agg = g_hash_table_lookup (aggs, key);
      if (agg == NULL)
        {
          LotlineLayoutEdge new_edge = { 0 };

          new_edge.kind = tedge->kind;
          new_edge.from = (guint) from;
          new_edge.to = (guint) to;
          new_edge.unit = g_strdup (trace_edge_unit (trace, tedge));
          agg = g_new0 (EdgeAgg, 1);
          agg->index = layout->edges->len;
          agg->trace_edges = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (layout->edges, new_edge);
          g_hash_table_insert (aggs, g_steal_pointer (&key), agg);
          g_ptr_array_add (agg_list, agg);
        }
      edge = &g_array_index (layout->edges, LotlineLayoutEdge, agg->index);
      if (g_strcmp0 (edge->unit, trace_edge_unit (trace, tedge)) != 0)
        agg->mixed_units = TRUE;
      edge->quantity += tedge->quantity;
      g_array_append_val (agg->trace_edges, e);
      layout->edge_of_trace[e] = (int) agg->index;
    }
  /* A label per edge of a huge graph only makes it taller. */
  labels = !req->hide_quantities && agg_list->len <= req->label_limit;
  for (guint i = 0; i < agg_list->len; i++)
    {
      EdgeAgg *agg = g_ptr_array_index (agg_list, i);
      LotlineLayoutEdge *edge = &g_array_index (layout->edges, LotlineLayoutEdge, agg->index);

      edge->n_trace_edges = agg->trace_edges->len;
      edge->trace_edges = (guint *) (gpointer) g_array_free (agg->trace_edges, FALSE);
      edge->trace_edge = edge->n_trace_edges == 1 ? (int) edge->trace_edges[0] : -1;
      if (agg->mixed_units)
        g_clear_pointer (&edge->unit, g_free);
      else if (labels && edge->quantity != 0)
        edge->label = format_quantity (edge->quantity, edge->unit);
      g_free (agg);
    }

  g_free (c.rep);
  g_free (c.pinned);
  g_free (c.offsets);
  g_free (c.incident);
  g_ptr_array_unref (c.groups);

  if (layout->nodes->len > req->max_nodes)
    {
      g_set_error (error, LOTLINE_LAYOUT_ERROR, LOTLINE_LAYOUT_ERROR_TOO_LARGE,
                   _("The graph has %u nodes even after grouping, more than the %u that can be laid out. "
                     "Trace fewer lots, limit the depth, or group smaller fan-outs."),
                   layout->nodes->len, req->max_nodes);
      return FALSE;
    }
  return TRUE;
}

/* Runs on the layout worker thread only. */
static LotlineLayout *
compute_here (Request  *req,
              GError  **error)
{
  g_autoptr(LotlineLayout) layout = layout_new (req->trace);

  layout->generation = req->generation;
  layout->font_family = g_strdup (req->font_family);
  layout->font_size = req->font_size;
  layout->edge_font_size = req->font_size * 0.9;
  if (!build_graph (layout, req, error))
    return NULL;
  if (!lotline_layout_run_graphviz (layout, req->engine, error))
    return NULL;
  return g_steal_pointer (&layout);
}

/* ---- the worker ------------------------------------------------------- */

static GAsyncQueue *worker_queue;
static GThread *worker_thread;

static gpointer
worker_main (gpointer data)
{
  GAsyncQueue *queue = data;

  for (;;)
    {
      Request *req = g_async_queue_pop (queue);

      if (req->task != NULL)
        {
          g_autoptr(GTask) task = g_steal_pointer (&req->task);
          LotlineLayout *layout;
          GError *error = NULL;

          /* gvLayout cannot be interrupted, but a request cancelled while
           * it waited in the queue need not start. */
          if (g_task_return_error_if_cancelled (task))
            continue;
          layout = compute_here (req, &error);
          /* The result holds its own reference to the trace. */
          g_clear_pointer (&req->trace, lotline_trace_unref);
          if (layout == NULL)
            g_task_return_error (task, error);
          else
            g_task_return_pointer (task, layout, (GDestroyNotify) lotline_layout_unref);
        }
      else
        {
          LotlineLayout *layout;
          GError *error = NULL;

          layout = compute_here (req, &error);
          g_mutex_lock (&req->mutex);
          req->result = layout;
          req->error = error;
          req->done = TRUE;
          g_cond_signal (&req->cond);
          g_mutex_unlock (&req->mutex);
        }
    }

  return NULL;
}

static GAsyncQueue *
get_worker_queue (void)
{
  if (g_once_init_enter (&worker_queue))
    {
      GAsyncQueue *queue = g_async_queue_new ();

      /* Lives as long as the process: it owns Graphviz's context. */
      worker_thread = g_thread_new ("lotline-layout", worker_main, queue);
      g_once_init_leave (&worker_queue, queue);
    }
  return worker_queue;
}

/**
 * lotline_layout_compute:
 * @trace: the trace to lay out
 * @options: (nullable): layout options, %NULL for the defaults
 * @error: return location for a #LOTLINE_LAYOUT_ERROR
 *
 * Collapses big fan-outs of @trace and lays it out with Graphviz.
 *
 * Graphviz is not thread-safe, so every Graphviz call runs on one dedicated
 * layout worker thread.  Called on that thread this runs directly; called
 * from any other thread it hands the work to the worker and blocks until it
 * is done, which can take seconds for big graphs — never call it from the
 * main thread of a GUI; use lotline_layout_compute_async() there.
 *
 * Returns: (transfer full): an immutable layout, or %NULL with @error set
 */
LotlineLayout *
lotline_layout_compute (LotlineTrace               *trace,
                        const LotlineLayoutOptions *options,
                        GError                    **error)
{
  GAsyncQueue *queue;
  Request *req;
  LotlineLayout *layout;

  g_return_val_if_fail (trace != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  queue = get_worker_queue ();
  req = request_new (trace, options, 0);
  if (g_thread_self () == worker_thread)
    {
      layout = compute_here (req, error);
      request_free (req);
      return layout;
    }

  g_async_queue_push (queue, req);
  g_mutex_lock (&req->mutex);
  while (!req->done)
    g_cond_wait (&req->cond, &req->mutex);
  g_mutex_unlock (&req->mutex);

  layout = g_steal_pointer (&req->result);
  if (layout == NULL)
    g_propagate_error (error, g_steal_pointer (&req->error));
  request_free (req);
  return layout;
}

/**
 * lotline_layout_compute_async:
 * @trace: the trace to lay out
 * @options: (nullable): layout options, copied; %NULL for the defaults
 * @generation: a number the caller increases with every request; the
 *   result carries it back so an older answer can be dropped
 * @cancellable: (nullable): cancels a request still waiting in the queue
 *   (a layout that has started runs to the end)
 * @callback: called in the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Queues a layout on the layout worker thread.  Requests run one at a time
 * in the order they were made.
 */
void
lotline_layout_compute_async (LotlineTrace               *trace,
                              const LotlineLayoutOptions *options,
                              guint64                     generation,
                              GCancellable               *cancellable,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  GTask *task;
  Request *req;

  g_return_if_fail (trace != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotline_layout_compute_async);
  g_task_set_name (task, "[lotline] layout");
  req = request_new (trace, options, generation);
  /* The task data outlives the request's trip through the queue. */
  g_task_set_task_data (task, req, request_free);
  req->task = task;
  g_async_queue_push (get_worker_queue (), req);
}

/**
 * lotline_layout_compute_finish:
 * @result: the result passed to the callback
 * @out_generation: (out) (optional): the generation of the request, also
 *   when it failed
 * @error: return location for a #LOTLINE_LAYOUT_ERROR, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the layout, or %NULL with @error set
 */
LotlineLayout *
lotline_layout_compute_finish (GAsyncResult  *result,
                               guint64       *out_generation,
                               GError       **error)
{
  Request *req;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lotline_layout_compute_async, NULL);

  req = g_task_get_task_data (G_TASK (result));
  if (out_generation != NULL)
    *out_generation = req->generation;
  return g_task_propagate_pointer (G_TASK (result), error);
}
