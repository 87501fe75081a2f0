/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lotline-graph-view-private.h"
#include "lotline-ledger.h"
#include "lotline-render-graph.h"

/* The transform: widget point = offset + graph point × scale; the layout
 * is already y-down, in points, so one point is one pixel at 100 %.  The
 * graph itself is drawn into a cache (lotline-graph-view-cache.c); each
 * frame appends it, moved and scaled, with the hover and focus rings on
 * top.  Input, the tooltip and the actions are in
 * lotline-graph-view-actions.c. */

G_DEFINE_FINAL_TYPE (LotlineGraphView, lotline_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYOUT,
  PROP_SELECTED_KEY,
  PROP_SCALE,
  PROP_TODAY,
  N_PROPS
};

enum {
  ACTIVATE_NODE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void on_selection_changed_cb (LotlineGraphView *self);

/* ---- geometry --------------------------------------------------------- */

void
lotline_graph_view_fill_render_options (LotlineGraphView     *self,
                                        LotlineRenderOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->theme = self->dark ? LOTLINE_RENDER_THEME_DARK : LOTLINE_RENDER_THEME_LIGHT;
  opts->today = self->today;
  opts->show_legend = TRUE;
  opts->highlight_nodes = (const guint *) (gpointer) self->hl_nodes->data;
  opts->n_highlight_nodes = self->hl_nodes->len;
  opts->highlight_edges = (const guint *) (gpointer) self->hl_edges->data;
  opts->n_highlight_edges = self->hl_edges->len;
  opts->selected_key = self->selected_key;
}

/* The graph with its legend, in points. */
void
lotline_graph_view_graph_size (LotlineGraphView *self,
                               double           *width,
                               double           *height)
{
  LotlineRenderOptions opts = { .show_legend = TRUE };

  if (self->layout == NULL)
    {
      *width = *height = 0;
      return;
    }
  lotline_render_graph_get_size (self->layout, &opts, width, height);
}

void
lotline_graph_view_graph_to_widget (LotlineGraphView *self,
                                    double            gx,
                                    double            gy,
                                    double           *wx,
                                    double           *wy)
{
  g_return_if_fail (LOTLINE_IS_GRAPH_VIEW (self));

  if (wx)
    *wx = self->offset_x + gx * self->scale;
  if (wy)
    *wy = self->offset_y + gy * self->scale;
}

void
lotline_graph_view_widget_to_graph (LotlineGraphView *self,
                                    double            wx,
                                    double            wy,
                                    double           *gx,
                                    double           *gy)
{
  g_return_if_fail (LOTLINE_IS_GRAPH_VIEW (self));

  if (gx)
    *gx = (wx - self->offset_x) / self->scale;
  if (gy)
    *gy = (wy - self->offset_y) / self->scale;
}

void
lotline_graph_view_node_widget_rect (LotlineGraphView        *self,
                                     const LotlineLayoutNode *node,
                                     double                   grow,
                                     graphene_rect_t         *rect)
{
  double x, y;

  lotline_graph_view_graph_to_widget (self, node->x - node->width / 2, node->y - node->height / 2, &x, &y);
  graphene_rect_init (rect, x - grow, y - grow,
                      node->width * self->scale + 2 * grow,
                      node->height * self->scale + 2 * grow);
}

/* ---- transform -------------------------------------------------------- */

static void
update_actions (LotlineGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has = self->layout != NULL;

  gtk_widget_action_set_enabled (widget, "graph.zoom-in", has && self->scale < LOTLINE_GRAPH_VIEW_MAX_SCALE);
  gtk_widget_action_set_enabled (widget, "graph.zoom-out", has && self->scale > LOTLINE_GRAPH_VIEW_MIN_SCALE);
  gtk_widget_action_set_enabled (widget, "graph.zoom-reset", has);
  gtk_widget_action_set_enabled (widget, "graph.zoom-fit", has);
  gtk_widget_action_set_enabled (widget, "graph.pan", has);
  gtk_widget_action_set_enabled (widget, "graph.activate-selected", has && self->selected >= 0);
}

/* Keeps some of the graph in view, so it cannot be lost off an edge. */
void
lotline_graph_view_clamp_offsets (LotlineGraphView *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double gw, gh, keep_x, keep_y;

  if (self->layout == NULL || w <= 0 || h <= 0)
    return;
  lotline_graph_view_graph_size (self, &gw, &gh);
  keep_x = MIN (KEEP_VISIBLE, gw * self->scale);
  keep_y = MIN (KEEP_VISIBLE, gh * self->scale);
  self->offset_x = CLAMP (self->offset_x, keep_x - gw * self->scale, w - keep_x);
  self->offset_y = CLAMP (self->offset_y, keep_y - gh * self->scale, h - keep_y);
}

static void
set_scale_internal (LotlineGraphView *self,
                    double            scale)
{
  if (self->scale == scale)
    return;
  self->scale = scale;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

/* Zooms to @scale keeping the graph point under (@ax, @ay) in place. */
void
lotline_graph_view_zoom_at (LotlineGraphView *self,
                            double            scale,
                            double            ax,
                            double            ay)
{
  double old = self->scale;

  scale = CLAMP (scale, LOTLINE_GRAPH_VIEW_MIN_SCALE, LOTLINE_GRAPH_VIEW_MAX_SCALE);
  if (self->layout == NULL || scale == old)
    return;
  self->offset_x = ax - (ax - self->offset_x) * (scale / old);
  self->offset_y = ay - (ay - self->offset_y) * (scale / old);
  self->fitted = FALSE;
  set_scale_internal (self, scale);
  lotline_graph_view_clamp_offsets (self);
  lotline_graph_view_schedule_settle (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Keyboard and buttons zoom about the pointer when it is over the graph,
 * about the centre otherwise. */
static void
zoom_by (LotlineGraphView *self,
         double            factor)
{
  double ax = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double ay = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if (self->pointer_inside)
    {
      ax = self->pointer_x;
      ay = self->pointer_y;
    }
  lotline_graph_view_zoom_at (self, self->scale * factor, ax, ay);
  /* A key press or a button click is one step: render at once. */
  lotline_graph_view_settle_now (self);
}

static void
do_fit (LotlineGraphView *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double gw, gh, scale;

  if (self->layout == NULL || w <= 0 || h <= 0)
    return;
  lotline_graph_view_graph_size (self, &gw, &gh);
  scale = MIN ((w - 2 * FIT_MARGIN) / MAX (gw, 1), (h - 2 * FIT_MARGIN) / MAX (gh, 1));
  scale = CLAMP (scale, LOTLINE_GRAPH_VIEW_MIN_SCALE, MAX_FIT_SCALE);
  self->offset_x = (w - gw * scale) / 2;
  self->offset_y = (h - gh * scale) / 2;
  set_scale_internal (self, scale);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
lotline_graph_view_get_scale (LotlineGraphView *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_VIEW (self), 1.0);
  return self->scale;
}

void
lotline_graph_view_set_scale (LotlineGraphView *self,
                              double            scale)
{
  g_return_if_fail (LOTLINE_IS_GRAPH_VIEW (self));

  lotline_graph_view_zoom_at (self, scale, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
  lotline_graph_view_settle_now (self);
}

void
lotline_graph_view_zoom_in (LotlineGraphView *self)
{
  g_return_if_fail (LOTLINE_IS_GRAPH_VIEW (self));
  zoom_by (self, ZOOM_STEP);
}

void
lotline_graph_view_zoom_out (LotlineGraphView *self)
{
  g_return_if_fail (LOTLINE_IS_GRAPH_VIEW (self));
  zoom_by (self, 1.0 / ZOOM_STEP);
}

void
lotline_graph_view_zoom_reset (LotlineGraphView *self)
{
  g_return_if_fail (LOTLINE_IS_GRAPH_VIEW (self));
  zoom_by (self, 1.0 / self->scale);
}

void
lotline_graph_view_zoom_fit (LotlineGraphView *self)
{
  g_return_if_fail (LOTLINE_IS_GRAPH_VIEW (self));

  self->fitted = TRUE;
  g_clear_pointer (&self->pending_focus, g_free);
  do_fit (self);
}

gboolean
lotline_graph_view_center_on (LotlineGraphView *self,
                              const char       *key)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  const LotlineLayoutNode *node;
  int index;

  g_return_val_if_fail (LOTLINE_IS_GRAPH_VIEW (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (self->layout == NULL || (index = lotline_layout_find_node (self->layout, key)) < 0)
    return FALSE;
  self->fitted = FALSE;
  if (w <= 0 || h <= 0)
    {
      g_free (self->pending_focus);
      self->pending_focus = g_strdup (key);
      return TRUE;
    }
  node = lotline_layout_get_node (self->layout, (guint) index);
  self->offset_x = w / 2 - node->x * self->scale;
  self->offset_y = h / 2 - node->y * self->scale;
  lotline_graph_view_clamp_offsets (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* ---- hit testing ------------------------------------------------------ */

int
lotline_graph_view_hit_test (LotlineGraphView *self,
                             double            x,
                             double            y)
{
  double gx, gy;

  g_return_val_if_fail (LOTLINE_IS_GRAPH_VIEW (self), -1);

  if (self->layout == NULL)
    return -1;
  lotline_graph_view_widget_to_graph (self, x, y, &gx, &gy);
  /* Reverse paint order: the node drawn last is on top. */
  for (guint i = lotline_layout_get_n_nodes (self->layout); i-- > 0;)
    {
      const LotlineLayoutNode *node = lotline_layout_get_node (self->layout, i);
      double dx = gx - node->x, dy = gy - node->y;
      double rx = node->width / 2, ry = node->height / 2;

      if (fabs (dx) > rx || fabs (dy) > ry)
        continue;
      if (node->shape == LOTLINE_LAYOUT_SHAPE_ELLIPSE && rx > 0 && ry > 0 &&
          (dx / rx) * (dx / rx) + (dy / ry) * (dy / ry) > 1.0)
        continue;
      return (int) i;
    }
  return -1;
}

/* ---- the path to the seeds -------------------------------------------- */

static void
clear_adjacency (LotlineGraphView *self)
{
  g_clear_pointer (&self->out_offsets, g_free);
  g_clear_pointer (&self->out_edges, g_free);
  g_clear_pointer (&self->in_offsets, g_free);
  g_clear_pointer (&self->in_edges, g_free);
}

static void
build_adjacency (LotlineGraphView *self)
{
  LotlineTrace *trace = lotline_layout_get_trace (self->layout);
  guint n = lotline_trace_get_n_nodes (trace);
  guint m = lotline_trace_get_n_edges (trace);
  g_autofree guint *out_fill = g_new0 (guint, n);
  g_autofree guint *in_fill = g_new0 (guint, n);

  clear_adjacency (self);
  self->out_offsets = g_new0 (guint, n + 1);
  self->in_offsets = g_new0 (guint, n + 1);
  for (guint e = 0; e < m; e++)
    {
      const LotlineTraceEdge *edge = lotline_trace_get_edge (trace, e);

      self->out_offsets[edge->from + 1]++;
      self->in_offsets[edge->to + 1]++;
    }
  for (guint i = 0; i < n; i++)
    {
      self->out_offsets[i + 1] += self->out_offsets[i];
      self->in_offsets[i + 1] += self->in_offsets[i];
    }
  self->out_edges = g_new (guint, MAX (m, 1));
  self->in_edges = g_new (guint, MAX (m, 1));
  for (guint e = 0; e < m; e++)
    {
      const LotlineTraceEdge *edge = lotline_trace_get_edge (trace, e);

      self->out_edges[self->out_offsets[edge->from] + out_fill[edge->from]++] = e;
      self->in_edges[self->in_offsets[edge->to] + in_fill[edge->to]++] = e;
    }
}

/* Marks in @mark every trace node reachable from @start along the edges
 * (@forward) or against them, passing through lots only. */
static void
reach (LotlineGraphView *self,
       const GArray     *start,
       gboolean          forward,
       guint8           *mark)
{
  LotlineTrace *trace = lotline_layout_get_trace (self->layout);
  const guint *offsets = forward ? self->out_offsets : self->in_offsets;
  const guint *edges = forward ? self->out_edges : self->in_edges;
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < start->len; i++)
    {
      guint v = g_array_index (start, guint, i);

      if (!mark[v])
        {
          mark[v] = 1;
          g_array_append_val (queue, v);
        }
    }
  for (guint head = 0; head < queue->len; head++)
    {
      guint v = g_array_index (queue, guint, head);

      for (guint k = offsets[v]; k < offsets[v + 1]; k++)
        {
          const LotlineTraceEdge *edge = lotline_trace_get_edge (trace, edges[k]);
          guint w = forward ? edge->to : edge->from;

          if (mark[w])
            continue;
          mark[w] = 1;
          /* Goods flow through lots only: a customer who received J-2 and
           * returned some J-1 is no path from J-2 to J-1. */
          if (lotline_trace_get_node (trace, w)->kind == LOTLINE_NODE_LOT)
            g_array_append_val (queue, w);
        }
    }
}

/* The nodes and edges on a path from a seed to the selection (downstream)
 * or from the selection to a seed (upstream): an edge u → v lies on a
 * seed → … → selected path when u is reached from the seeds and v reaches
 * the selection, and the other way round. */
static void
update_highlight (LotlineGraphView *self)
{
  LotlineTrace *trace;
  const LotlineLayoutNode *node;
  g_autoptr(GArray) seeds = NULL;
  g_autoptr(GArray) chosen = NULL;
  g_autofree guint8 *from_seeds = NULL, *to_seeds = NULL, *from_chosen = NULL, *to_chosen = NULL;
  guint n, m;

  g_array_set_size (self->hl_nodes, 0);
  g_array_set_size (self->hl_edges, 0);
  if (self->layout == NULL || self->selected < 0)
    return;

  trace = lotline_layout_get_trace (self->layout);
  n = lotline_trace_get_n_nodes (trace);
  m = lotline_trace_get_n_edges (trace);
  node = lotline_layout_get_node (self->layout, (guint) self->selected);
  seeds = g_array_new (FALSE, FALSE, sizeof (guint));
  chosen = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n; i++)
    if (lotline_trace_get_node (trace, i)->is_seed)
      g_array_append_val (seeds, i);
  if (node->trace_node >= 0)
    {
      guint t = (guint) node->trace_node;

      g_array_append_val (chosen, t);
    }
  else
    g_array_append_vals (chosen, node->members, node->n_members);

  from_seeds = g_new0 (guint8, n);
  to_seeds = g_new0 (guint8, n);
  from_chosen = g_new0 (guint8, n);
  to_chosen = g_new0 (guint8, n);
  reach (self, seeds, TRUE, from_seeds);
  reach (self, seeds, FALSE, to_seeds);
  reach (self, chosen, TRUE, from_chosen);
  reach (self, chosen, FALSE, to_chosen);

  for (guint i = 0; i < n; i++)
    if ((from_seeds[i] && to_chosen[i]) || (from_chosen[i] && to_seeds[i]))
      g_array_append_val (self->hl_nodes, i);
  for (guint e = 0; e < m; e++)
    {
      const LotlineTraceEdge *edge = lotline_trace_get_edge (trace, e);

      if ((from_seeds[edge->from] && to_chosen[edge->to]) ||
          (from_chosen[edge->from] && to_seeds[edge->to]))
        g_array_append_val (self->hl_edges, e);
    }
}

void
lotline_graph_view_get_highlight (LotlineGraphView  *self,
                                  const guint      **nodes,
                                  guint             *n_nodes,
                                  const guint      **edges,
                                  guint             *n_edges)
{
  g_return_if_fail (LOTLINE_IS_GRAPH_VIEW (self));

  if (nodes)
    *nodes = (const guint *) (gpointer) self->hl_nodes->data;
  if (n_nodes)
    *n_nodes = self->hl_nodes->len;
  if (edges)
    *edges = (const guint *) (gpointer) self->hl_edges->data;
  if (n_edges)
    *n_edges = self->hl_edges->len;
}

/* ---- selection -------------------------------------------------------- */

static guint
find_position (GListModel *model,
               const char *key)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; key != NULL && i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (LOTLINE_IS_GRAPH_NODE (item) &&
          g_strcmp0 (lotline_graph_node_get_key (LOTLINE_GRAPH_NODE (item)), key) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Moves the shared selection without centring the graph: the person is
 * looking at the node they clicked. */
static void
select_key_quietly (LotlineGraphView *self,
                    const char       *key)
{
  guint position = find_position (G_LIST_MODEL (self->selection), key);

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
  /* The model may already have had this selection. */
  on_selection_changed_cb (self);
}

static void
on_selection_changed_cb (LotlineGraphView *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);
  const char *key = LOTLINE_IS_GRAPH_NODE (item) ? lotline_graph_node_get_key (item) : NULL;

  if (g_strcmp0 (key, self->selected_key) == 0)
    return;

  g_free (self->selected_key);
  self->selected_key = g_strdup (key);
  self->selected = key != NULL && self->layout != NULL ? lotline_layout_find_node (self->layout, key) : -1;
  update_highlight (self);
  update_actions (self);
  lotline_graph_view_refresh_cache (self);
  /* Chosen in the table: bring it into view. */
  if (!self->selecting && self->selected >= 0)
    lotline_graph_view_center_on (self, key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_KEY]);
}

const char *
lotline_graph_view_get_selected_key (LotlineGraphView *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_VIEW (self), NULL);
  return self->selected_key;
}

void
lotline_graph_view_set_selected_key (LotlineGraphView *self,
                                     const char       *key)
{
  guint position;

  g_return_if_fail (LOTLINE_IS_GRAPH_VIEW (self));

  position = find_position (G_LIST_MODEL (self->selection), key);
  gtk_single_selection_set_selected (self->selection, position);
}

GListModel *
lotline_graph_view_get_nodes (LotlineGraphView *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_VIEW (self), NULL);
  return G_LIST_MODEL (self->nodes);
}

GtkSingleSelection *
lotline_graph_view_get_selection_model (LotlineGraphView *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_VIEW (self), NULL);
  return self->selection;
}

void
lotline_graph_view_set_selection_model (LotlineGraphView   *self,
                                        GtkSingleSelection *selection)
{
  g_autofree char *key = NULL;

  g_return_if_fail (LOTLINE_IS_GRAPH_VIEW (self));
  g_return_if_fail (selection == NULL || GTK_IS_SINGLE_SELECTION (selection));

  if (selection == NULL)
    selection = self->own_selection;
  if (selection == self->selection)
    return;

  key = g_strdup (self->selected_key);
  g_clear_signal_handler (&self->selection_handler, self->selection);
  g_set_object (&self->selection, selection);
  self->selection_handler = g_signal_connect_swapped (selection, "notify::selected-item",
                                                      G_CALLBACK (on_selection_changed_cb), self);
  select_key_quietly (self, key);
}

int
lotline_graph_view_select_at (LotlineGraphView *self,
                              double            x,
                              double            y)
{
  int index;

  g_return_val_if_fail (LOTLINE_IS_GRAPH_VIEW (self), -1);

  index = lotline_graph_view_hit_test (self, x, y);
  select_key_quietly (self, index >= 0 ? lotline_layout_get_node (self->layout, (guint) index)->key : NULL);
  return index;
}

void
lotline_graph_view_activate_node (LotlineGraphView *self,
                                  int               index)
{
  const LotlineLayoutNode *node = lotline_layout_get_node (self->layout, (guint) index);

  g_signal_emit (self, signals[ACTIVATE_NODE], 0, node->key, node->trace_node);
}

gboolean
lotline_graph_view_activate_selected (LotlineGraphView *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_VIEW (self), FALSE);

  if (self->layout == NULL || self->selected < 0)
    return FALSE;
  lotline_graph_view_activate_node (self, self->selected);
  return TRUE;
}

/* ---- layout ----------------------------------------------------------- */

static void
update_accessible (LotlineGraphView *self)
{
  LotlineTrace *trace;
  g_autoptr(GString) codes = NULL;
  g_autofree char *label = NULL;
  g_autofree char *nodes_text = NULL;
  g_autofree char *edges_text = NULL;
  g_autofree char *description = NULL;
  guint n_seeds = 0, n_nodes, n_edges;

  if (self->layout == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Genealogy graph"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "",
                                      -1);
      return;
    }

  trace = lotline_layout_get_trace (self->layout);
  codes = g_string_new (NULL);
  for (guint i = 0; i < lotline_trace_get_n_nodes (trace); i++)
    {
      const LotlineTraceNode *tnode = lotline_trace_get_node (trace, i);

      if (!tnode->is_seed)
        continue;
      if (n_seeds++ > 0)
        g_string_append (codes, ", ");
      g_string_append (codes, tnode->label);
    }
  label = g_strdup_printf (ngettext ("Genealogy graph of lot %s", "Genealogy graph of lots %s", n_seeds),
                           codes->str);
  n_nodes = lotline_layout_get_n_nodes (self->layout);
  n_edges = lotline_layout_get_n_edges (self->layout);
  nodes_text = g_strdup_printf (ngettext ("%u node", "%u nodes", n_nodes), n_nodes);
  edges_text = g_strdup_printf (ngettext ("%u link", "%u links", n_edges), n_edges);
  /* Translators: "12 nodes, 15 links"; the table lists the same nodes. */
  description = g_strdup_printf (_("%s, %s. The table lists the same nodes."), nodes_text, edges_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
refill_nodes (LotlineGraphView *self)
{
  guint n = self->layout ? lotline_layout_get_n_nodes (self->layout) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, lotline_graph_node_new (self->layout, i, self->today));
  g_list_store_splice (self->nodes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->nodes)),
                       items->pdata, items->len);
}

LotlineLayout *
lotline_graph_view_get_layout (LotlineGraphView *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_VIEW (self), NULL);
  return self->layout;
}

void
lotline_graph_view_set_layout (LotlineGraphView *self,
                               LotlineLayout    *layout,
                               const char       *focus_key)
{
  g_autofree char *key = NULL;

  g_return_if_fail (LOTLINE_IS_GRAPH_VIEW (self));

  key = g_strdup (self->selected_key);
  g_clear_pointer (&self->layout, lotline_layout_unref);
  clear_adjacency (self);
  if (layout != NULL)
    {
      self->layout = lotline_layout_ref (layout);
      build_adjacency (self);
    }
  self->hover = -1;
  self->last_click_node = -1;
  g_clear_pointer (&self->pending_focus, g_free);

  /* The old nodes go and the new ones come without the graph jumping to
   * whatever the selection does meanwhile. */
  self->selecting = TRUE;
  refill_nodes (self);
  self->selecting = FALSE;
  self->selected = -1;
  g_clear_pointer (&self->selected_key, g_free);
  select_key_quietly (self, key);
  update_highlight (self);

  if (focus_key != NULL && self->layout != NULL && lotline_layout_find_node (self->layout, focus_key) >= 0)
    lotline_graph_view_center_on (self, focus_key);
  else
    {
      self->fitted = TRUE;
      do_fit (self);
    }

  update_accessible (self);
  update_actions (self);
  lotline_graph_view_invalidate_cache (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
}

void
lotline_graph_view_set_today (LotlineGraphView *self,
                              const char       *today)
{
  g_return_if_fail (LOTLINE_IS_GRAPH_VIEW (self));

  if (g_strcmp0 (self->today, today) == 0)
    return;
  g_free (self->today);
  self->today = g_strdup (today);
  lotline_graph_view_invalidate_cache (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

/* ---- drawing ---------------------------------------------------------- */

static void
accent_color (LotlineGraphView *self,
              GdkRGBA          *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  if (!gtk_style_context_lookup_color (context, "accent_color", color))
    gdk_rgba_parse (color, self->dark ? "#78aeed" : "#1c71d8");
}

static void
append_ring (GtkSnapshot           *snapshot,
             const graphene_rect_t *rect,
             float                  radius,
             float                  width,
             const GdkRGBA         *color)
{
  GskRoundedRect outline;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, radius);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
lotline_graph_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  LotlineGraphView *self = LOTLINE_GRAPH_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA accent;

  if (width <= 0 || height <= 0)
    return;

  accent_color (self, &accent);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->layout != NULL)
    {
      lotline_graph_view_ensure_cache (self, width, height);
      if (self->cache != NULL)
        {
          double k = self->scale / self->cache_scale;

          gtk_snapshot_save (snapshot);
          if (k == 1.0)
            gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (self->offset_x), round (self->offset_y)));
          else
            {
              gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->offset_x, self->offset_y));
              gtk_snapshot_scale (snapshot, k, k);
            }
          gtk_snapshot_append_texture (snapshot, self->cache, &self->cache_bounds);
          gtk_snapshot_restore (snapshot);
        }

      if (self->hover >= 0 && self->hover != self->selected && !self->dragging)
        {
          const LotlineLayoutNode *node = lotline_layout_get_node (self->layout, (guint) self->hover);
          graphene_rect_t rect;
          GdkRGBA color = accent;

          lotline_graph_view_node_widget_rect (self, node, 3, &rect);
          color.alpha = 0.6f;
          append_ring (snapshot, &rect, 6, 2, &color);
        }
    }

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA color = accent;

      color.alpha = 0.5f;
      append_ring (snapshot, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 6, 2, &color);
    }

  gtk_snapshot_pop (snapshot);
}

static void
lotline_graph_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 360;
}

static void
lotline_graph_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  LotlineGraphView *self = LOTLINE_GRAPH_VIEW (widget);

  if (self->pending_focus != NULL)
    {
      g_autofree char *key = g_steal_pointer (&self->pending_focus);

      lotline_graph_view_center_on (self, key);
    }
  else if (self->fitted)
    do_fit (self);
  else
    lotline_graph_view_clamp_offsets (self);
}

static void
on_dark_changed_cb (LotlineGraphView *self)
{
  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  lotline_graph_view_refresh_cache (self);
}

/* ---- GObject ---------------------------------------------------------- */

static void
lotline_graph_view_dispose (GObject *object)
{
  LotlineGraphView *self = LOTLINE_GRAPH_VIEW (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->selection != NULL)
    g_clear_signal_handler (&self->selection_handler, self->selection);
  g_clear_object (&self->selection);
  g_clear_object (&self->own_selection);
  g_clear_object (&self->nodes);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->layout, lotline_layout_unref);

  G_OBJECT_CLASS (lotline_graph_view_parent_class)->dispose (object);
}

static void
lotline_graph_view_finalize (GObject *object)
{
  LotlineGraphView *self = LOTLINE_GRAPH_VIEW (object);

  clear_adjacency (self);
  g_array_unref (self->hl_nodes);
  g_array_unref (self->hl_edges);
  g_free (self->selected_key);
  g_free (self->pending_focus);
  g_free (self->today);

  G_OBJECT_CLASS (lotline_graph_view_parent_class)->finalize (object);
}

static void
lotline_graph_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LotlineGraphView *self = LOTLINE_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_LAYOUT:
      g_value_set_boxed (value, self->layout);
      break;
    case PROP_SELECTED_KEY:
      g_value_set_string (value, self->selected_key);
      break;
    case PROP_SCALE:
      g_value_set_double (value, self->scale);
      break;
    case PROP_TODAY:
      g_value_set_string (value, self->today);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_graph_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LotlineGraphView *self = LOTLINE_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_KEY:
      lotline_graph_view_set_selected_key (self, g_value_get_string (value));
      break;
    case PROP_SCALE:
      lotline_graph_view_set_scale (self, g_value_get_double (value));
      break;
    case PROP_TODAY:
      lotline_graph_view_set_today (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_graph_view_class_init (LotlineGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotline_graph_view_dispose;
  object_class->finalize = lotline_graph_view_finalize;
  object_class->get_property = lotline_graph_view_get_property;
  object_class->set_property = lotline_graph_view_set_property;

  widget_class->snapshot = lotline_graph_view_snapshot;
  widget_class->measure = lotline_graph_view_measure;
  widget_class->size_allocate = lotline_graph_view_size_allocate;
  widget_class->query_tooltip = lotline_graph_view_query_tooltip;

  properties[PROP_LAYOUT] =
    g_param_spec_boxed ("layout", NULL, NULL,
                        LOTLINE_TYPE_LAYOUT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_KEY] =
    g_param_spec_string ("selected-key", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL,
                         LOTLINE_GRAPH_VIEW_MIN_SCALE, LOTLINE_GRAPH_VIEW_MAX_SCALE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TODAY] =
    g_param_spec_string ("today", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LotlineGraphView::activate-node:
   * @self: the view
   * @key: the layout node's key: a trace node key or a group key
   * @trace_node: the trace node's index, or -1 for a group
   *
   * A node was double-clicked, or Enter was pressed on the selected one.
   */
  signals[ACTIVATE_NODE] =
    g_signal_new ("activate-node",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  lotline_graph_view_class_add_actions (widget_class);

  gtk_widget_class_set_css_name (widget_class, "lotline-graph-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lotline_graph_view_init (LotlineGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  self->scale = 1.0;
  self->fitted = TRUE;
  self->cancellable = g_cancellable_new ();
  self->selected = -1;
  self->hover = -1;
  self->last_click_node = -1;
  self->hl_nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  self->hl_edges = g_array_new (FALSE, FALSE, sizeof (guint));
  self->nodes = g_list_store_new (LOTLINE_TYPE_GRAPH_NODE);
  self->own_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->nodes)));
  gtk_single_selection_set_autoselect (self->own_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->own_selection, TRUE);
  self->selection = g_object_ref (self->own_selection);
  self->selection_handler = g_signal_connect_swapped (self->selection, "notify::selected-item",
                                                      G_CALLBACK (on_selection_changed_cb), self);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (widget, "view");

  lotline_graph_view_add_controllers (self);

  self->dark = adw_style_manager_get_dark (style_manager);
  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (on_dark_changed_cb), self,
                           G_CONNECT_SWAPPED);

  update_accessible (self);
  update_actions (self);
}

GtkWidget *
lotline_graph_view_new (void)
{
  return g_object_new (LOTLINE_TYPE_GRAPH_VIEW, NULL);
}
