/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lotline-layout.h"
#include "lotline-layout-private.h"
#include "lotline-render-graph.h"
#include "lotline-test-genealogy.h"
#include "lotline-test-util.h"

#define Q(units) ((gint64) (units) * LOTLINE_QTY_ONE)
#define EPS 0.01

/* ---- helpers ---------------------------------------------------------- */

static LotlineLayout *
compute (LotlineTrace               *trace,
         const LotlineLayoutOptions *options)
{
  g_autoptr(GError) error = NULL;
  LotlineLayout *layout = lotline_layout_compute (trace, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  return layout;
}

static void
assert_inside (const LotlineLayout *layout,
               double               x,
               double               y)
{
  g_assert_cmpfloat (x, >=, -EPS);
  g_assert_cmpfloat (y, >=, -EPS);
  g_assert_cmpfloat (x, <=, lotline_layout_get_width (layout) + EPS);
  g_assert_cmpfloat (y, <=, lotline_layout_get_height (layout) + EPS);
}

/* Every trace node is drawn exactly once, by itself or inside one group,
 * and every trace edge by exactly one layout edge between the right nodes. */
static void
check_coverage (const LotlineLayout *layout,
                const LotlineTrace  *trace)
{
  guint n_nodes = lotline_trace_get_n_nodes (trace);
  guint n_edges = lotline_trace_get_n_edges (trace);
  g_autofree guint *node_seen = g_new0 (guint, n_nodes);
  g_autofree guint *edge_seen = g_new0 (guint, MAX (n_edges, 1));

  for (guint i = 0; i < lotline_layout_get_n_nodes (layout); i++)
    {
      const LotlineLayoutNode *node = lotline_layout_get_node (layout, i);

      g_assert_cmpint (lotline_layout_find_node (layout, node->key), ==, (int) i);
      if (node->trace_node >= 0)
        {
          const LotlineTraceNode *tnode = lotline_trace_get_node (trace, (guint) node->trace_node);

          g_assert_false (node->is_group);
          g_assert_cmpstr (node->key, ==, tnode->key);
          g_assert_cmpint (node->kind, ==, tnode->kind);
          g_assert_cmpint (node->is_seed, ==, tnode->is_seed);
          node_seen[node->trace_node]++;
          g_assert_cmpint (lotline_layout_find_trace_node (layout, (guint) node->trace_node), ==, (int) i);
        }
      else
        {
          g_assert_true (node->is_group);
          g_assert_true (g_str_has_prefix (node->key, "group:"));
          g_assert_cmpuint (node->n_members, >, 1);
          for (guint m = 0; m < node->n_members; m++)
            {
              g_assert_cmpint (lotline_trace_get_node (trace, node->members[m])->kind, ==, node->kind);
              node_seen[node->members[m]]++;
              g_assert_cmpint (lotline_layout_find_trace_node (layout, node->members[m]), ==, (int) i);
            }
        }
      g_assert_nonnull (node->label_lines);
      g_assert_nonnull (node->label_lines[0]);
    }
  for (guint i = 0; i < n_nodes; i++)
    g_assert_cmpuint (node_seen[i], ==, 1);

  for (guint i = 0; i < lotline_layout_get_n_edges (layout); i++)
    {
      const LotlineLayoutEdge *edge = lotline_layout_get_edge (layout, i);

      g_assert_cmpuint (edge->n_trace_edges, >=, 1);
      if (edge->n_trace_edges == 1)
        g_assert_cmpint (edge->trace_edge, ==, (int) edge->trace_edges[0]);
      else
        g_assert_cmpint (edge->trace_edge, ==, -1);
      for (guint k = 0; k < edge->n_trace_edges; k++)
        {
          const LotlineTraceEdge *tedge = lotline_trace_get_edge (trace, edge->trace_edges[k]);

          g_assert_cmpint (tedge->kind, ==, edge->kind);
          g_assert_cmpint (lotline_layout_find_trace_node (layout, tedge->from), ==, (int) edge->from);
          g_assert_cmpint (lotline_layout_find_trace_node (layout, tedge->to), ==, (int) edge->to);
          g_assert_cmpint (lotline_layout_find_trace_edge (layout, edge->trace_edges[k]), ==, (int) i);
          edge_seen[edge->trace_edges[k]]++;
        }
    }
  for (guint i = 0; i < n_edges; i++)
    g_assert_cmpuint (edge_seen[i], ==, 1);
}

/* Is (x, y) on or near the box of @node? Curves are clipped at a node's
 * outline, which lies inside its box. */
static gboolean
near_node (const LotlineLayoutNode *node,
           double                   x,
           double                   y,
           double                   slack)
{
  return fabs (x - node->x) <= node->width / 2 + slack &&
         fabs (y - node->y) <= node->height / 2 + slack;
}

static void
check_geometry (const LotlineLayout *layout)
{
  g_assert_cmpfloat (lotline_layout_get_width (layout), >, 0);
  g_assert_cmpfloat (lotline_layout_get_height (layout), >, 0);

  for (guint i = 0; i < lotline_layout_get_n_nodes (layout); i++)
    {
      const LotlineLayoutNode *node = lotline_layout_get_node (layout, i);
      guint n_lines = g_strv_length (node->label_lines);

      g_assert_cmpfloat (node->width, >, 0);
      g_assert_cmpfloat (node->height, >, 0);
      assert_inside (layout, node->x - node->width / 2, node->y - node->height / 2);
      assert_inside (layout, node->x + node->width / 2, node->y + node->height / 2);
      /* The text Graphviz measured fits its node. */
      g_assert_cmpfloat (node->label_width, <=, node->width);
      g_assert_cmpfloat (node->label_height, <=, node->height);
      g_assert_cmpuint (node->n_label_rows, ==, n_lines + (node->has_badge ? 1 : 0));
      for (guint k = 0; k < node->n_outline; k++)
        assert_inside (layout, node->x + node->outline[k].x, node->y + node->outline[k].y);

      /* The flip: y down is the box height minus Graphviz's y up. */
      g_assert_cmpfloat (fabs (node->y - (lotline_layout_get_height (layout) -
                                          lotline_layout_get_graphviz_y (layout, i))), <, EPS);
    }

  for (guint i = 0; i < lotline_layout_get_n_edges (layout); i++)
    {
      const LotlineLayoutEdge *edge = lotline_layout_get_edge (layout, i);
      const LotlineLayoutNode *from = lotline_layout_get_node (layout, edge->from);
      const LotlineLayoutNode *to = lotline_layout_get_node (layout, edge->to);
      const LotlineLayoutPoint *end;

      g_assert_cmpuint (edge->n_points, >=, 4);
      g_assert_cmpuint ((edge->n_points - 1) % 3, ==, 0);
      for (guint k = 0; k < edge->n_points; k++)
        assert_inside (layout, edge->points[k].x, edge->points[k].y);
      g_assert_true (edge->has_arrow);
      assert_inside (layout, edge->arrow_tip.x, edge->arrow_tip.y);

      /* Curves start at the node the goods come from and the arrow points
       * at the node they go to.  With nodes flipped and curves not (or the
       * other way round) these would be far apart. */
      g_assert_true (near_node (from, edge->points[0].x, edge->points[0].y, 2));
      g_assert_true (near_node (to, edge->arrow_tip.x, edge->arrow_tip.y, 2));
      end = &edge->points[edge->n_points - 1];
      g_assert_false (near_node (from, end->x, end->y, -1) && !near_node (to, end->x, end->y, 12));

      if (edge->label != NULL)
        {
          g_assert_cmpfloat (edge->label_width, >, 0);
          assert_inside (layout, edge->label_x - edge->label_width / 2, edge->label_y - edge->label_height / 2);
          assert_inside (layout, edge->label_x + edge->label_width / 2, edge->label_y + edge->label_height / 2);
        }
    }
}

static const LotlineLayoutNode *
node_for_lot (const LotlineLayout *layout,
              gint64               lot_id)
{
  g_autofree char *key = g_strdup_printf ("lot:%" G_GINT64_FORMAT, lot_id);
  int i = lotline_layout_find_node (layout, key);

  g_assert_cmpint (i, >=, 0);
  return lotline_layout_get_node (layout, (guint) i);
}

static const LotlineLayoutEdge *
find_edge (const LotlineLayout     *layout,
           const LotlineLayoutNode *from,
           const LotlineLayoutNode *to)
{
  for (guint i = 0; i < lotline_layout_get_n_edges (layout); i++)
    {
      const LotlineLayoutEdge *edge = lotline_layout_get_edge (layout, i);

      if (lotline_layout_get_node (layout, edge->from) == from &&
          lotline_layout_get_node (layout, edge->to) == to)
        return edge;
    }
  return NULL;
}

static void
ship (LotlineTestStore *ts,
      gint64            customer,
      gint64            lot,
      gint64            quantity,
      const char       *date)
{
  LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = lot, .location_id = ts->wh1, .quantity = quantity };
  LotlineEventSpec event = {
    .kind = LOTLINE_EVENT_SHIP, .occurred_at = lotline_test_date (date), .party_id = customer,
    .doc_type = "BOL", .doc_number = "1", .lines = &line, .n_lines = 1,
  };
  g_autoptr(GError) error = NULL;

  lotline_store_record_event (ts->store, &event, NULL, &error);
  g_assert_no_error (error);
}

/* ---- tests ------------------------------------------------------------ */

static void
test_genealogy (void)
{
  g_autoptr(LotlineTestGenealogy) g = lotline_test_genealogy_new ();
  g_autoptr(LotlineLayout) layout = compute (g->trace, NULL);
  const LotlineLayoutNode *f1, *b1, *b2, *j1, *j2, *pe1;
  const LotlineLayoutEdge *edge;
  guint n_suppliers = 0, n_customers = 0, n_locations = 0, n_returns = 0;

  g_test_message ("genealogy: %u nodes, %u edges, %.0f × %.0f pt, Graphviz %.3f s",
                  lotline_layout_get_n_nodes (layout), lotline_layout_get_n_edges (layout),
                  lotline_layout_get_width (layout), lotline_layout_get_height (layout),
                  lotline_layout_get_elapsed (layout));

  check_coverage (layout, g->trace);
  check_geometry (layout);
  g_assert_cmpuint (lotline_layout_get_n_nodes (layout), ==, lotline_trace_get_n_nodes (g->trace));
  g_assert_cmpuint (lotline_layout_get_generation (layout), ==, 0);
  g_assert_true (lotline_layout_get_trace (layout) == g->trace);
  g_assert_cmpstr (lotline_layout_get_font_family (layout), ==, LOTLINE_LAYOUT_DEFAULT_FONT_FAMILY);
  g_assert_cmpfloat (lotline_layout_get_font_size (layout), ==, LOTLINE_LAYOUT_DEFAULT_FONT_SIZE);
  g_assert_cmpfloat (lotline_layout_get_elapsed (layout), >, 0);

  /* Every lot shows its code first, then its product, with a badge row. */
  for (guint i = 0; lotline_test_genealogy_codes[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = 0;
      const LotlineLayoutNode *node;

      g_assert_true (lotline_store_find_lot (g->ts->store, NULL, lotline_test_genealogy_codes[i], &id, &error));
      node = node_for_lot (layout, id);
      g_assert_cmpstr (node->label_lines[0], ==, lotline_test_genealogy_codes[i]);
      g_assert_nonnull (node->label_lines[1]);
      g_assert_true (node->has_badge);
      g_assert_cmpint (node->shape, ==, LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX);
    }

  f1 = node_for_lot (layout, g->f1);
  pe1 = node_for_lot (layout, g->pe1);
  b1 = node_for_lot (layout, g->b1);
  b2 = node_for_lot (layout, g->b2);
  j1 = node_for_lot (layout, g->j1);
  j2 = node_for_lot (layout, g->j2);
  g_assert_cmpstr (f1->label_lines[1], ==, "Strawberries");
  g_assert_cmpstr (pe1->label_lines[2], ==, "expires 2026-09-30");
  g_assert_cmpstr (node_for_lot (layout, g->j3)->label_lines[2], ==, "expires 2026-03-20");
  g_assert_true (b1->is_seed);
  g_assert_true (b2->is_seed);
  g_assert_false (j1->is_seed);

  /* Quantities on the edges, in the unit of the lot end. */
  edge = find_edge (layout, f1, b1);
  g_assert_nonnull (edge);
  g_assert_cmpint (edge->kind, ==, LOTLINE_EDGE_PRODUCTION);
  g_assert_cmpstr (edge->label, ==, "200 kg");
  g_assert_cmpint (edge->quantity, ==, Q (200));
  edge = find_edge (layout, b1, j2);
  g_assert_nonnull (edge);
  g_assert_cmpstr (edge->label, ==, "100 kg");

  /* Left to right: the goods flow with x.  Suppliers come first, raw lots
   * before batches, batches before jars, jars before customers; a return
   * runs back from the customer to the lot. */
  for (guint i = 0; i < lotline_layout_get_n_edges (layout); i++)
    {
      edge = lotline_layout_get_edge (layout, i);
      if (edge->kind == LOTLINE_EDGE_RETURN)
        {
          n_returns++;
          g_assert_cmpfloat (lotline_layout_get_node (layout, edge->from)->x, >,
                             lotline_layout_get_node (layout, edge->to)->x);
          g_assert_true (lotline_layout_get_node (layout, edge->to) == j1);
          g_assert_cmpstr (edge->label, ==, "10 jar");
        }
      else
        g_assert_cmpfloat (lotline_layout_get_node (layout, edge->from)->x, <,
                           lotline_layout_get_node (layout, edge->to)->x);
    }
  g_assert_cmpuint (n_returns, ==, 1);
  g_assert_cmpfloat (f1->x, <, b1->x);
  g_assert_cmpfloat (b1->x, <, j1->x);

  for (guint i = 0; i < lotline_layout_get_n_nodes (layout); i++)
    {
      const LotlineLayoutNode *node = lotline_layout_get_node (layout, i);

      switch (node->kind)
        {
        case LOTLINE_NODE_SUPPLIER:
          n_suppliers++;
          g_assert_cmpint (node->shape, ==, LOTLINE_LAYOUT_SHAPE_HOUSE);
          g_assert_cmpuint (node->n_outline, ==, 5);
          g_assert_cmpfloat (node->x, <, f1->x);
          /* A house's roof is at the top: its apex has the smallest y. */
          {
            double apex = G_MAXDOUBLE;

            for (guint k = 0; k < node->n_outline; k++)
              apex = MIN (apex, node->outline[k].y);
            g_assert_cmpfloat (fabs (apex + node->height / 2), <, 0.5);
          }
          break;
        case LOTLINE_NODE_CUSTOMER:
          n_customers++;
          g_assert_cmpint (node->shape, ==, LOTLINE_LAYOUT_SHAPE_ELLIPSE);
          g_assert_cmpfloat (node->x, >, j1->x);
          break;
        case LOTLINE_NODE_LOCATION:
          n_locations++;
          g_assert_cmpint (node->shape, ==, LOTLINE_LAYOUT_SHAPE_CYLINDER);
          break;
        case LOTLINE_NODE_LOT:
        default:
          break;
        }
    }
  g_assert_cmpuint (n_suppliers, ==, 2);
  g_assert_cmpuint (n_customers, ==, 2);
  g_assert_cmpuint (n_locations, ==, 2);
}

/* The flip, checked against Graphviz's own ordering: in a left-to-right
 * fan-out Graphviz puts the first child highest (largest y up), so with y
 * down the first child has the smallest y. */
static void
test_flip_order (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(LotlineLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  const LotlineLayoutNode *first, *last;
  gint64 raw, a, b, c;

  lotline_test_store_add_basics (ts);
  raw = lotline_test_receive (ts, ts->fruit, "R-1", ts->wh1, Q (100), "2026-03-01", NULL);
  {
    const gint64 q[] = { Q (10) };

    a = lotline_test_produce (ts, &raw, q, 1, ts->jam_base, "A-1", Q (10), "2026-03-02");
    b = lotline_test_produce (ts, &raw, q, 1, ts->jam_base, "A-2", Q (10), "2026-03-03");
    c = lotline_test_produce (ts, &raw, q, 1, ts->jam_base, "A-3", Q (10), "2026-03-04");
  }
  trace = lotline_store_trace (ts->store, &raw, 1, LOTLINE_TRACE_DOWNSTREAM, 1, &error);
  g_assert_no_error (error);
  layout = compute (trace, NULL);
  check_geometry (layout);

  {
    g_autofree char *ka = g_strdup_printf ("lot:%" G_GINT64_FORMAT, a);
    g_autofree char *kb = g_strdup_printf ("lot:%" G_GINT64_FORMAT, b);
    g_autofree char *kc = g_strdup_printf ("lot:%" G_GINT64_FORMAT, c);
    int ia = lotline_layout_find_node (layout, ka), ic = lotline_layout_find_node (layout, kc);
    int ta = lotline_trace_find_node (trace, ka), tc = lotline_trace_find_node (trace, kc);

    g_assert_cmpint (ia, >=, 0);
    g_assert_cmpint (ic, >=, 0);
    g_assert_cmpint (lotline_layout_find_node (layout, kb), >=, 0);
    /* Graphviz keeps the input order of leaves; our input order is the
     * trace's. */
    first = lotline_layout_get_node (layout, (guint) (ta < tc ? ia : ic));
    last = lotline_layout_get_node (layout, (guint) (ta < tc ? ic : ia));
    g_assert_cmpfloat (first->x, ==, last->x);
    g_assert_cmpfloat (first->y, <, last->y);
    g_assert_cmpfloat (lotline_layout_get_graphviz_y (layout, (guint) (ta < tc ? ia : ic)), >,
                       lotline_layout_get_graphviz_y (layout, (guint) (ta < tc ? ic : ia)));
  }
}

static const LotlineLayoutNode *
only_group (const LotlineLayout *layout)
{
  const LotlineLayoutNode *group = NULL;

  for (guint i = 0; i < lotline_layout_get_n_nodes (layout); i++)
    if (lotline_layout_get_node (layout, i)->is_group)
      {
        g_assert_null (group);
        group = lotline_layout_get_node (layout, i);
      }
  return group;
}

static void
test_collapse (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(LotlineLayout) layout = NULL;
  g_autoptr(LotlineLayout) expanded = NULL;
  g_autoptr(LotlineLayout) unlimited = NULL;
  g_autofree char *lot_key = NULL;
  g_autofree char *group_key = NULL;
  const LotlineLayoutNode *group, *lot;
  const LotlineLayoutEdge *edge;
  gint64 lot_id = 0;

  lotline_test_store_add_basics (ts);
  trace = lotline_test_fanout_trace (ts, 60, &lot_id);
  lot_key = g_strdup_printf ("lot:%" G_GINT64_FORMAT, lot_id);

  layout = compute (trace, NULL);
  check_coverage (layout, trace);
  check_geometry (layout);
  group = only_group (layout);
  g_assert_nonnull (group);
  g_assert_cmpint (group->kind, ==, LOTLINE_NODE_CUSTOMER);
  g_assert_cmpint (group->shape, ==, LOTLINE_LAYOUT_SHAPE_ELLIPSE);
  g_assert_cmpint (group->trace_node, ==, -1);
  g_assert_cmpuint (group->n_members, ==, 60);
  g_assert_cmpstr (group->label_lines[0], ==, "60 customers");
  g_assert_null (group->label_lines[1]);
  group_key = g_strdup (group->key);
  {
    g_autofree char *expected = g_strconcat ("group:", lot_key, ":out:customer", NULL);

    g_assert_cmpstr (group_key, ==, expected);
  }
  g_assert_cmpuint (lotline_layout_get_n_nodes (layout), ==, lotline_trace_get_n_nodes (trace) - 60 + 1);

  /* The sixty shipments are one edge carrying their total. */
  lot = lotline_layout_get_node (layout, (guint) lotline_layout_find_node (layout, lot_key));
  edge = find_edge (layout, lot, group);
  g_assert_nonnull (edge);
  g_assert_cmpint (edge->kind, ==, LOTLINE_EDGE_SHIPMENT);
  g_assert_cmpuint (edge->n_trace_edges, ==, 60);
  g_assert_cmpint (edge->quantity, ==, 60 * Q (2));
  g_assert_cmpstr (edge->label, ==, "120 jar");
  g_test_message ("collapsed: %u nodes in %.3f s", lotline_layout_get_n_nodes (layout),
                  lotline_layout_get_elapsed (layout));

  /* Expanding by key brings every customer back. */
  {
    const char * const keys[] = { group_key, NULL };
    LotlineLayoutOptions options = { .expanded_groups = keys };

    expanded = compute (trace, &options);
    check_coverage (expanded, trace);
    check_geometry (expanded);
    g_assert_null (only_group (expanded));
    g_assert_cmpuint (lotline_layout_get_n_nodes (expanded), ==, lotline_trace_get_n_nodes (trace));
    g_assert_cmpint (lotline_layout_find_node (expanded, group_key), ==, -1);
    g_test_message ("expanded: %u nodes in %.3f s", lotline_layout_get_n_nodes (expanded),
                    lotline_layout_get_elapsed (expanded));
  }

  /* A limit above the fan-out keeps it. */
  {
    LotlineLayoutOptions options = { .collapse_limit = 60 };

    unlimited = compute (trace, &options);
    g_assert_null (only_group (unlimited));
  }
  /* ... and one just below collapses it. */
  {
    LotlineLayoutOptions options = { .collapse_limit = 59 };
    g_autoptr(LotlineLayout) again = compute (trace, &options);

    g_assert_nonnull (only_group (again));
    g_assert_cmpstr (only_group (again)->key, ==, group_key);
  }
}

/* Customers who received and returned sit on both sides of the lot; each
 * still joins one group, and the returns merge into one edge back. */
static void
test_collapse_returns (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(LotlineLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  const LotlineLayoutNode *group, *lot;
  const gint64 q[] = { Q (10) };
  guint n_returns = 0;
  gint64 raw, id;

  lotline_test_store_add_basics (ts);
  raw = lotline_test_receive (ts, ts->sugar, "RET-RAW", ts->wh1, Q (100), "2026-03-01", "2027-01-01");
  id = lotline_test_produce (ts, &raw, q, 1, ts->jam_jar, "RET-1", Q (1000), "2026-03-02");
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *code = g_strdup_printf ("R%03u", i);
      LotlinePartySpec spec = { .code = code, .name = code, .kind = LOTLINE_PARTY_CUSTOMER, .min_shelf_life_days = -1 };
      LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .lot_id = id, .location_id = ts->wh1, .quantity = Q (1) };
      LotlineEventSpec event = {
        .kind = LOTLINE_EVENT_RETURN, .occurred_at = lotline_test_date ("2026-03-10"),
        .doc_type = "RMA", .doc_number = code, .lines = &line, .n_lines = 1,
      };
      gint64 customer = 0;

      g_assert_true (lotline_store_add_party (ts->store, &spec, &customer, &error));
      ship (ts, customer, id, Q (2), "2026-03-05");
      /* Most, not all, return: a node in two overlapping groups would show
       * twice. */
      if (i >= 28)
        continue;
      event.party_id = customer;
      lotline_store_record_event (ts->store, &event, NULL, &error);
      g_assert_no_error (error);
    }
  trace = lotline_store_trace (ts->store, &id, 1, LOTLINE_TRACE_DOWNSTREAM, 0, &error);
  g_assert_no_error (error);

  layout = compute (trace, NULL);
  check_coverage (layout, trace);
  check_geometry (layout);
  group = only_group (layout);
  g_assert_nonnull (group);
  g_assert_cmpuint (group->n_members, ==, 30);
  lot = node_for_lot (layout, id);
  for (guint i = 0; i < lotline_layout_get_n_edges (layout); i++)
    {
      const LotlineLayoutEdge *edge = lotline_layout_get_edge (layout, i);

      if (edge->kind == LOTLINE_EDGE_RETURN)
        {
          n_returns++;
          g_assert_true (lotline_layout_get_node (layout, edge->from) == group);
          g_assert_true (lotline_layout_get_node (layout, edge->to) == lot);
          g_assert_cmpuint (edge->n_trace_edges, ==, 28);
          g_assert_cmpstr (edge->label, ==, "28 jar");
        }
    }
  g_assert_cmpuint (n_returns, ==, 1);
}

/* Groups of lots name the product, and their neighbours merge onto them. */
static void
test_collapse_lots (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(LotlineLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *inputs = g_new (gint64, 30);
  g_autofree gint64 *quantities = g_new (gint64, 30);
  const LotlineLayoutNode *group;
  gint64 batch;

  lotline_test_store_add_basics (ts);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *code = g_strdup_printf ("PEC-%02u", i);

      inputs[i] = lotline_test_receive (ts, ts->pectin, code, ts->wh1, Q (5), "2026-03-01", NULL);
      quantities[i] = Q (1);
    }
  batch = lotline_test_produce (ts, inputs, quantities, 30, ts->jam_base, "BATCH", Q (100), "2026-03-02");
  trace = lotline_store_trace (ts->store, &batch, 1, LOTLINE_TRACE_UPSTREAM, 0, &error);
  g_assert_no_error (error);

  layout = compute (trace, NULL);
  check_coverage (layout, trace);
  check_geometry (layout);
  group = only_group (layout);
  g_assert_nonnull (group);
  g_assert_cmpint (group->kind, ==, LOTLINE_NODE_LOT);
  g_assert_cmpuint (group->n_members, ==, 30);
  g_assert_cmpstr (group->label_lines[0], ==, "30 lots of Pectin");
  g_assert_true (group->has_badge);
  g_assert_nonnull (strstr (group->key, ":in:product:"));
  /* All thirty came from Berry Farms: one receipt edge into the group. */
  for (guint i = 0; i < lotline_layout_get_n_edges (layout); i++)
    {
      const LotlineLayoutEdge *edge = lotline_layout_get_edge (layout, i);

      if (edge->kind == LOTLINE_EDGE_RECEIPT)
        {
          g_assert_true (lotline_layout_get_node (layout, edge->to) == group);
          g_assert_cmpuint (edge->n_trace_edges, ==, 30);
          g_assert_cmpstr (edge->label, ==, "150 kg");
        }
    }
}

/* Counts the group nodes of @layout, and returns the one with @key. */
static guint
count_groups (const LotlineLayout      *layout,
              const char               *key,
              const LotlineLayoutNode **out_group)
{
  guint n = 0;

  *out_group = NULL;
  for (guint i = 0; i < lotline_layout_get_n_nodes (layout); i++)
    {
      const LotlineLayoutNode *node = lotline_layout_get_node (layout, i);

      if (!node->is_group)
        continue;
      n++;
      if (key != NULL && g_strcmp0 (node->key, key) == 0)
        *out_group = node;
    }
  return n;
}

/* Many customers with no big fan-out: ten jars, each shipped to eight
 * customers (eighty in all, fewer than the fan-out limit per jar), become
 * one crowd group, which expands on demand. */
static void
test_crowd_customers (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(LotlineLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  const LotlineLayoutNode *group;
  guint n_customers = 0;
  gint64 raw;

  lotline_test_store_add_basics (ts);
  raw = lotline_test_receive (ts, ts->fruit, "RAW", ts->wh1, Q (1000), "2026-03-01", NULL);
  for (guint j = 0; j < 10; j++)
    {
      g_autofree char *code = g_strdup_printf ("JAR-%02u", j);
      const gint64 q[] = { Q (10) };
      gint64 jar = lotline_test_produce (ts, &raw, q, 1, ts->jam_jar, code, Q (100), "2026-03-02");

      for (guint k = 0; k < 8; k++)
        {
          g_autofree char *cust = g_strdup_printf ("C%02u-%u", j, k);
          LotlinePartySpec spec = { .code = cust, .name = cust, .kind = LOTLINE_PARTY_CUSTOMER,
                                    .min_shelf_life_days = -1 };
          gint64 customer = 0;

          g_assert_true (lotline_store_add_party (ts->store, &spec, &customer, &error));
          g_assert_no_error (error);
          ship (ts, customer, jar, Q (1), "2026-03-05");
        }
    }
  trace = lotline_store_trace (ts->store, &raw, 1, LOTLINE_TRACE_DOWNSTREAM, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < lotline_trace_get_n_nodes (trace); i++)
    if (lotline_trace_get_node (trace, i)->kind == LOTLINE_NODE_CUSTOMER)
      n_customers++;
  g_assert_cmpuint (n_customers, ==, 80);

  layout = compute (trace, NULL);
  check_coverage (layout, trace);
  check_geometry (layout);
  g_assert_cmpuint (count_groups (layout, "group:crowd:customer", &group), ==, 1);
  g_assert_nonnull (group);
  g_assert_cmpint (group->kind, ==, LOTLINE_NODE_CUSTOMER);
  g_assert_cmpuint (group->n_members, ==, 80);
  g_assert_cmpstr (group->label_lines[0], ==, "80 customers");
  /* Ten jars (fewer than the crowd limit of lots per depth) and the
   * warehouse holding them stay, each jar with one shipment edge into the
   * group. */
  g_assert_cmpuint (lotline_layout_get_n_nodes (layout), ==, lotline_trace_get_n_nodes (trace) - 80 + 1);
  for (guint i = 0; i < lotline_layout_get_n_edges (layout); i++)
    {
      const LotlineLayoutEdge *edge = lotline_layout_get_edge (layout, i);

      if (edge->kind == LOTLINE_EDGE_SHIPMENT)
        {
          g_assert_true (lotline_layout_get_node (layout, edge->to) == group);
          g_assert_cmpuint (edge->n_trace_edges, ==, 8);
        }
    }

  /* Expanded, every customer is drawn, and nothing else collapses. */
  {
    const char * const keys[] = { "group:crowd:customer", NULL };
    LotlineLayoutOptions options = { .expanded_groups = keys };
    g_autoptr(LotlineLayout) expanded = compute (trace, &options);

    check_coverage (expanded, trace);
    g_assert_cmpuint (count_groups (expanded, NULL, &group), ==, 0);
    g_assert_cmpuint (lotline_layout_get_n_nodes (expanded), ==, lotline_trace_get_n_nodes (trace));
  }
  /* Turned off, or with a fan-out limit above the crowd, nothing groups. */
  {
    LotlineLayoutOptions options = { .crowd_limit = G_MAXUINT };
    g_autoptr(LotlineLayout) plain = compute (trace, &options);

    g_assert_cmpuint (count_groups (plain, NULL, &group), ==, 0);
  }
  {
    LotlineLayoutOptions options = { .collapse_limit = 80 };
    g_autoptr(LotlineLayout) plain = compute (trace, &options);

    g_assert_cmpuint (count_groups (plain, NULL, &group), ==, 0);
  }
}

/* A fan-out group of customers joins the crowd, and comes back as it was
 * when the crowd is expanded. */
static void
test_crowd_absorbs_fanout (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  const LotlineLayoutNode *group;
  gint64 big = 0, small;
  g_autofree char *fanout_key = NULL;

  lotline_test_store_add_basics (ts);
  /* FAN-1 goes to thirty customers (a fan-out), SMALL to three more. */
  lotline_trace_unref (lotline_test_fanout_trace (ts, 30, &big));
  {
    const gint64 q[] = { Q (1) };
    small = lotline_test_produce (ts, &big, q, 1, ts->jam_jar, "SMALL", Q (10), "2026-03-06");
  }
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *cust = g_strdup_printf ("S%u", k);
      LotlinePartySpec spec = { .code = cust, .name = cust, .kind = LOTLINE_PARTY_CUSTOMER,
                                .min_shelf_life_days = -1 };
      gint64 customer = 0;

      g_assert_true (lotline_store_add_party (ts->store, &spec, &customer, &error));
      ship (ts, customer, small, Q (1), "2026-03-07");
    }
  trace = lotline_store_trace (ts->store, &big, 1, LOTLINE_TRACE_DOWNSTREAM, 0, &error);
  g_assert_no_error (error);
  fanout_key = g_strdup_printf ("group:lot:%" G_GINT64_FORMAT ":out:customer", big);

  /* One fan-out group and three customers: four drawn, under the limit. */
  {
    g_autoptr(LotlineLayout) layout = compute (trace, NULL);

    check_coverage (layout, trace);
    g_assert_cmpuint (count_groups (layout, fanout_key, &group), ==, 1);
    g_assert_nonnull (group);
    g_assert_cmpuint (group->n_members, ==, 30);
  }
  /* With a fan-out limit of 3, the fan-out and the three make a crowd of
   * thirty-three. */
  {
    LotlineLayoutOptions options = { .collapse_limit = 3 };
    g_autoptr(LotlineLayout) layout = compute (trace, &options);

    check_coverage (layout, trace);
    g_assert_cmpuint (count_groups (layout, "group:crowd:customer", &group), ==, 1);
    g_assert_nonnull (group);
    g_assert_cmpuint (group->n_members, ==, 33);
  }
  /* Expanding the crowd brings the fan-out group back, and the three. */
  {
    const char * const keys[] = { "group:crowd:customer", NULL };
    LotlineLayoutOptions options = { .collapse_limit = 3, .expanded_groups = keys };
    g_autoptr(LotlineLayout) layout = compute (trace, &options);

    check_coverage (layout, trace);
    g_assert_cmpuint (count_groups (layout, fanout_key, &group), ==, 1);
    g_assert_nonnull (group);
    g_assert_cmpuint (group->n_members, ==, 30);
  }
}

/* A column of more than the crowd limit of lots groups its biggest
 * products first, and only until it fits. */
static void
test_crowd_lots (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  const LotlineLayoutNode *group;
  const gint64 q[] = { Q (1) };
  gint64 raw;

  lotline_test_store_add_basics (ts);
  raw = lotline_test_receive (ts, ts->sugar, "SUGAR", ts->wh1, Q (1000), "2026-03-01", NULL);
  /* Twenty batches and six jars straight from the sugar: no fan-out of
   * one product passes 25, but the column holds 26 lots. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *code = g_strdup_printf ("BASE-%02u", i);

      lotline_test_produce (ts, &raw, q, 1, ts->jam_base, code, Q (10), "2026-03-02");
    }
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *code = g_strdup_printf ("JAR-%02u", i);

      lotline_test_produce (ts, &raw, q, 1, ts->jam_jar, code, Q (10), "2026-03-02");
    }
  trace = lotline_store_trace (ts->store, &raw, 1, LOTLINE_TRACE_DOWNSTREAM, 0, &error);
  g_assert_no_error (error);
  key = g_strdup_printf ("group:crowd:depth:1:product:%" G_GINT64_FORMAT, ts->jam_base);

  {
    g_autoptr(LotlineLayout) layout = compute (trace, NULL);

    check_coverage (layout, trace);
    check_geometry (layout);
    /* Grouping the twenty leaves seven in the column: the jars stay. */
    g_assert_cmpuint (count_groups (layout, key, &group), ==, 1);
    g_assert_nonnull (group);
    g_assert_cmpint (group->kind, ==, LOTLINE_NODE_LOT);
    g_assert_cmpuint (group->n_members, ==, 20);
    g_assert_cmpstr (group->label_lines[0], ==, "20 lots of Strawberry jam base");
    g_assert_cmpuint (lotline_layout_get_n_nodes (layout), ==, lotline_trace_get_n_nodes (trace) - 20 + 1);
  }
  /* A smaller limit groups the jars too. */
  {
    LotlineLayoutOptions options = { .crowd_limit = 3 };
    g_autoptr(LotlineLayout) layout = compute (trace, &options);

    check_coverage (layout, trace);
    g_assert_cmpuint (count_groups (layout, key, &group), ==, 2);
    g_assert_cmpuint (lotline_layout_get_n_nodes (layout), ==, lotline_trace_get_n_nodes (trace) - 26 + 2);
  }
  /* Expanded, the twenty are drawn and the jars still are not grouped:
   * the expanded group counts as one node of the column. */
  {
    const char * const keys[] = { key, NULL };
    LotlineLayoutOptions options = { .expanded_groups = keys };
    g_autoptr(LotlineLayout) layout = compute (trace, &options);

    check_coverage (layout, trace);
    g_assert_cmpuint (count_groups (layout, NULL, &group), ==, 0);
    g_assert_cmpuint (lotline_layout_get_n_nodes (layout), ==, lotline_trace_get_n_nodes (trace));
  }
  {
    LotlineLayoutOptions options = { .crowd_limit = 26 };
    g_autoptr(LotlineLayout) layout = compute (trace, &options);

    g_assert_cmpuint (count_groups (layout, NULL, &group), ==, 0);
  }
}

/* A graph with more edges than the label limit draws no quantities: the
 * labels would only make it taller. */
static void
test_label_limit (void)
{
  g_autoptr(LotlineTestGenealogy) g = lotline_test_genealogy_new ();
  guint n_edges;

  {
    g_autoptr(LotlineLayout) layout = compute (g->trace, NULL);
    guint labelled = 0;

    n_edges = lotline_layout_get_n_edges (layout);
    for (guint i = 0; i < n_edges; i++)
      if (lotline_layout_get_edge (layout, i)->label != NULL)
        labelled++;
    g_assert_cmpuint (labelled, >, 0);
  }
  {
    LotlineLayoutOptions options = { .label_limit = n_edges - 1 };
    g_autoptr(LotlineLayout) layout = compute (g->trace, &options);

    check_coverage (layout, g->trace);
    check_geometry (layout);
    for (guint i = 0; i < lotline_layout_get_n_edges (layout); i++)
      g_assert_null (lotline_layout_get_edge (layout, i)->label);
  }
  {
    LotlineLayoutOptions options = { .label_limit = n_edges };
    g_autoptr(LotlineLayout) layout = compute (g->trace, &options);
    guint labelled = 0;

    for (guint i = 0; i < lotline_layout_get_n_edges (layout); i++)
      if (lotline_layout_get_edge (layout, i)->label != NULL)
        labelled++;
    g_assert_cmpuint (labelled, >, 0);
  }
}

/* Backslashes in user text are not Graphviz escapes. */
static void
test_escape (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(LotlineLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  const LotlineLayoutNode *lot = NULL, *location = NULL;
  gint64 id;

  lotline_test_store_add_basics (ts);
  id = lotline_test_receive (ts, ts->fruit, "RAW\\nX\\N", ts->wh1, Q (1), "2026-03-01", NULL);
  trace = lotline_store_trace (ts->store, &id, 1, LOTLINE_TRACE_DOWNSTREAM, 0, &error);
  g_assert_no_error (error);
  layout = compute (trace, NULL);
  check_geometry (layout);

  for (guint i = 0; i < lotline_layout_get_n_nodes (layout); i++)
    {
      const LotlineLayoutNode *node = lotline_layout_get_node (layout, i);

      if (node->kind == LOTLINE_NODE_LOT)
        lot = node;
      else if (node->kind == LOTLINE_NODE_LOCATION)
        location = node;
    }
  g_assert_nonnull (lot);
  g_assert_nonnull (location);
  g_assert_cmpstr (lot->label_lines[0], ==, "RAW\\nX\\N");
  /* "\n" unescaped would have made Graphviz add a row: the rows it
   * measured are the ones we asked for (a location has one). */
  g_assert_cmpuint (location->n_label_rows, ==, 1);
  g_assert_cmpuint (lot->n_label_rows, ==, g_strv_length (lot->label_lines) + 1);
  g_assert_cmpfloat (fabs (lot->label_height - lot->n_label_rows * location->label_height), <, EPS);
}

typedef struct {
  GMainLoop     *loop;
  GThread       *main_thread;
  guint          pending;
  guint64        latest;       /* the newest request: older answers are stale */
  GArray        *delivered;    /* guint64 generations, in arrival order */
  guint          stale;
  LotlineLayout *kept;
  guint64        cancelled_generation;
} AsyncState;

static void
on_layout_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AsyncState *st = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLayout) layout = NULL;
  guint64 generation = 0;

  g_assert_null (source);
  g_assert_true (g_thread_self () == st->main_thread);
  layout = lotline_layout_compute_finish (result, &generation, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_assert_null (layout);
      st->cancelled_generation = generation;
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpuint (lotline_layout_get_generation (layout), ==, generation);
      g_array_append_val (st->delivered, generation);
      if (generation < st->latest)
        st->stale++;
      else
        st->kept = g_steal_pointer (&layout);
    }
  if (--st->pending == 0)
    g_main_loop_quit (st->loop);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("the layout worker did not answer in time");
  return G_SOURCE_REMOVE;
}

static void
test_async (void)
{
  g_autoptr(LotlineTestGenealogy) g = lotline_test_genealogy_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  AsyncState st = { 0 };
  LotlineLayoutOptions hide = { .hide_quantities = TRUE };
  guint timeout;

  st.loop = g_main_loop_new (NULL, FALSE);
  st.main_thread = g_thread_self ();
  st.delivered = g_array_new (FALSE, FALSE, sizeof (guint64));

  /* Three requests as a view would make them while the user clicks: the
   * first is superseded by the second, the third is cancelled before the
   * worker gets to it. */
  lotline_layout_compute_async (g->trace, NULL, 1, NULL, on_layout_ready_cb, &st);
  lotline_layout_compute_async (g->trace, &hide, 2, NULL, on_layout_ready_cb, &st);
  g_cancellable_cancel (cancelled);
  lotline_layout_compute_async (g->trace, NULL, 3, cancelled, on_layout_ready_cb, &st);
  st.latest = 2;
  st.pending = 3;

  timeout = g_timeout_add_seconds (120, on_timeout_cb, NULL);
  g_main_loop_run (st.loop);
  g_source_remove (timeout);

  /* One worker, first come first served. */
  g_assert_cmpuint (st.delivered->len, ==, 2);
  g_assert_cmpuint (g_array_index (st.delivered, guint64, 0), ==, 1);
  g_assert_cmpuint (g_array_index (st.delivered, guint64, 1), ==, 2);
  g_assert_cmpuint (st.stale, ==, 1);
  g_assert_cmpuint (st.cancelled_generation, ==, 3);
  g_assert_nonnull (st.kept);
  g_assert_cmpuint (lotline_layout_get_generation (st.kept), ==, 2);
  check_coverage (st.kept, g->trace);
  /* The kept one is the request that hid quantities. */
  for (guint i = 0; i < lotline_layout_get_n_edges (st.kept); i++)
    g_assert_null (lotline_layout_get_edge (st.kept, i)->label);

  g_clear_pointer (&st.kept, lotline_layout_unref);
  g_array_unref (st.delivered);
  g_main_loop_unref (st.loop);
}

static gpointer
compute_in_thread (gpointer data)
{
  LotlineTrace *trace = data;
  GPtrArray *layouts = g_ptr_array_new_with_free_func ((GDestroyNotify) lotline_layout_unref);

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (layouts, compute (trace, NULL));
  return layouts;
}

/* Blocking calls from several threads are serialised on the one worker and
 * give the same layout every time. */
static void
test_threads (void)
{
  g_autoptr(LotlineTestGenealogy) g = lotline_test_genealogy_new ();
  g_autoptr(LotlineLayout) reference = compute (g->trace, NULL);
  GThread *threads[4];

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("layout-client", compute_in_thread, g->trace);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_autoptr(GPtrArray) layouts = g_thread_join (threads[t]);

      for (guint k = 0; k < layouts->len; k++)
        {
          LotlineLayout *layout = g_ptr_array_index (layouts, k);

          g_assert_cmpuint (lotline_layout_get_n_nodes (layout), ==, lotline_layout_get_n_nodes (reference));
          g_assert_cmpfloat (lotline_layout_get_width (layout), ==, lotline_layout_get_width (reference));
          for (guint i = 0; i < lotline_layout_get_n_nodes (layout); i++)
            {
              g_assert_cmpfloat (lotline_layout_get_node (layout, i)->x, ==, lotline_layout_get_node (reference, i)->x);
              g_assert_cmpfloat (lotline_layout_get_node (layout, i)->y, ==, lotline_layout_get_node (reference, i)->y);
            }
        }
    }
}

static void
test_errors (void)
{
  g_autoptr(LotlineTestGenealogy) g = lotline_test_genealogy_new ();
  g_autoptr(LotlineLayout) layout = NULL;
  g_autoptr(GError) error = NULL;

  /* What Graphviz says reaches the message. */
  {
    LotlineLayoutOptions options = { .engine = "no-such-engine" };

    layout = lotline_layout_compute (g->trace, &options, &error);
    g_assert_null (layout);
    g_assert_error (error, LOTLINE_LAYOUT_ERROR, LOTLINE_LAYOUT_ERROR_FAILED);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "no-such-engine"));
    g_assert_nonnull (strstr (error->message, "not recognized"));
    g_clear_error (&error);
  }

  {
    LotlineLayoutOptions options = { .max_nodes = 3 };

    layout = lotline_layout_compute (g->trace, &options, &error);
    g_assert_null (layout);
    g_assert_error (error, LOTLINE_LAYOUT_ERROR, LOTLINE_LAYOUT_ERROR_TOO_LARGE);
    g_clear_error (&error);
  }

  /* The worker carries on after a failure. */
  layout = compute (g->trace, NULL);
  check_geometry (layout);
}

/* A cross-linked plant: raw lots into batches into jars, each jar shipped
 * to a few of many customers.  Graphviz must finish in bounded time. */
static void
test_large (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GArray) raws = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) batches = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) customers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  guint scale = g_test_slow () ? 8 : 1;
  guint n_raw = 30 * scale, n_batch = 60 * scale, n_jar = 120 * scale, n_customer = 200 * scale;
  gint64 t0;

  lotline_test_store_add_basics (ts);
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < n_raw; i++)
    {
      g_autofree char *code = g_strdup_printf ("RAW-%04u", i);
      gint64 id = lotline_test_receive (ts, i % 2 ? ts->fruit : ts->sugar, code, ts->wh1, Q (100000), "2026-03-01", "2027-01-01");

      g_array_append_val (raws, id);
    }
  for (guint i = 0; i < n_customer; i++)
    {
      g_autofree char *code = g_strdup_printf ("CUS-%04u", i);
      LotlinePartySpec spec = { .code = code, .name = code, .kind = LOTLINE_PARTY_CUSTOMER, .min_shelf_life_days = -1 };
      gint64 id = 0;

      g_assert_true (lotline_store_add_party (ts->store, &spec, &id, &error));
      g_array_append_val (customers, id);
    }
  for (guint i = 0; i < n_batch; i++)
    {
      g_autofree char *code = g_strdup_printf ("BAT-%04u", i);
      gint64 in[3], q[3] = { Q (10), Q (10), Q (10) };
      gint64 id;

      in[0] = g_array_index (raws, gint64, g_rand_int_range (rand, 0, (int) n_raw));
      do
        in[1] = g_array_index (raws, gint64, g_rand_int_range (rand, 0, (int) n_raw));
      while (in[1] == in[0]);
      do
        in[2] = g_array_index (raws, gint64, g_rand_int_range (rand, 0, (int) n_raw));
      while (in[2] == in[0] || in[2] == in[1]);
      id = lotline_test_produce (ts, in, q, 3, ts->jam_base, code, Q (1000), "2026-03-05");
      g_array_append_val (batches, id);
    }
  for (guint i = 0; i < n_jar; i++)
    {
      g_autofree char *code = g_strdup_printf ("JAR-%04u", i);
      gint64 in[2], q[2] = { Q (10), Q (10) };
      gint64 jar;

      in[0] = g_array_index (batches, gint64, g_rand_int_range (rand, 0, (int) n_batch));
      do
        in[1] = g_array_index (batches, gint64, g_rand_int_range (rand, 0, (int) n_batch));
      while (in[1] == in[0]);
      jar = lotline_test_produce (ts, in, q, 2, ts->jam_jar, code, Q (1000), "2026-03-10");
      for (guint k = 0; k < 4; k++)
        ship (ts, g_array_index (customers, gint64, g_rand_int_range (rand, 0, (int) n_customer)),
              jar, Q (5), "2026-03-15");
    }
  g_test_message ("ledger: %.1f s", (g_get_monotonic_time () - t0) / 1e6);

  trace = lotline_store_trace (ts->store, (const gint64 *) (gpointer) raws->data, raws->len,
                               LOTLINE_TRACE_DOWNSTREAM, 0, &error);
  g_assert_no_error (error);

  /* By default the crowds collapse: about two hundred customers, sixty
   * batches and a hundred and twenty jars become a handful of groups. */
  {
    g_autoptr(LotlineLayout) layout = compute (trace, NULL);

    check_coverage (layout, trace);
    check_geometry (layout);
    g_assert_cmpuint (lotline_layout_get_n_nodes (layout), <, 60);
    g_test_message ("large, crowds grouped: layout %u nodes / %u edges, Graphviz %.2f s",
                    lotline_layout_get_n_nodes (layout), lotline_layout_get_n_edges (layout),
                    lotline_layout_get_elapsed (layout));
  }

  /* Graphviz on the whole cross-linked graph (crowds not grouped, every
   * edge labelled, as before either limit existed) must still finish in
   * bounded time. */
  {
    LotlineLayoutOptions options = { .crowd_limit = G_MAXUINT, .label_limit = G_MAXUINT };
    g_autoptr(LotlineLayout) layout = compute (trace, &options);

    check_coverage (layout, trace);
    check_geometry (layout);
    g_test_message ("large: trace %u nodes / %u edges -> layout %u nodes / %u edges, Graphviz %.2f s",
                    lotline_trace_get_n_nodes (trace), lotline_trace_get_n_edges (trace),
                    lotline_layout_get_n_nodes (layout), lotline_layout_get_n_edges (layout),
                    lotline_layout_get_elapsed (layout));
    g_assert_cmpfloat (lotline_layout_get_elapsed (layout), <, 60);

    /* How long drawing it takes, for the record. */
    if (g_test_slow ())
      {
        cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
        cairo_t *cr = cairo_create (surface);
        LotlineRenderOptions opts = { .show_legend = TRUE };
        gint64 start = g_get_monotonic_time ();

        lotline_render_graph (cr, layout, NULL, &opts);
        g_test_message ("large: drawn in %.2f s (%.0f × %.0f pt)",
                        (g_get_monotonic_time () - start) / 1e6,
                        lotline_layout_get_width (layout), lotline_layout_get_height (layout));
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
  }
  if (g_test_slow ())
    {
      LotlineLayoutOptions options = { .hide_quantities = TRUE, .crowd_limit = G_MAXUINT };
      g_autoptr(LotlineLayout) layout = compute (trace, &options);

      g_test_message ("large without quantities: Graphviz %.2f s", lotline_layout_get_elapsed (layout));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lotline/layout/genealogy", test_genealogy);
  g_test_add_func ("/lotline/layout/flip-order", test_flip_order);
  g_test_add_func ("/lotline/layout/collapse", test_collapse);
  g_test_add_func ("/lotline/layout/collapse-returns", test_collapse_returns);
  g_test_add_func ("/lotline/layout/collapse-lots", test_collapse_lots);
  g_test_add_func ("/lotline/layout/crowd-customers", test_crowd_customers);
  g_test_add_func ("/lotline/layout/crowd-absorbs-fanout", test_crowd_absorbs_fanout);
  g_test_add_func ("/lotline/layout/crowd-lots", test_crowd_lots);
  g_test_add_func ("/lotline/layout/label-limit", test_label_limit);
  g_test_add_func ("/lotline/layout/escape", test_escape);
  g_test_add_func ("/lotline/layout/async", test_async);
  g_test_add_func ("/lotline/layout/threads", test_threads);
  g_test_add_func ("/lotline/layout/errors", test_errors);
  g_test_add_func ("/lotline/layout/large", test_large);

  return g_test_run ();
}
