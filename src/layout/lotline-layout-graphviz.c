/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "lotline-layout-private.h"

/* The one place that sees Graphviz.  Graphviz 2.42's headers redefine MIN,
 * MAX and ABS and typedef "boolean", so they come after GLib's and are
 * included nowhere else.  Everything here runs on the layout worker thread
 * (see lotline-layout.c): cgraph and gvc keep global, unlocked state. */
#include <gvc.h>

/* Bookworm's Graphviz takes "char *" for every string, even names and
 * values it only reads; the casts live here. */
#define GV_STR(s) ((char *) (s))

/* Owned by the worker thread for the life of the process. */
static GVC_t *gvc;
static GString *gv_messages;
static locale_t numeric_c_locale;

static int
on_graphviz_message (char *message)
{
  if (gv_messages->len < 4096)
    g_string_append (gv_messages, message);
  return 0;
}

static void
ensure_context (void)
{
  if (gvc != NULL)
    return;

  gv_messages = g_string_new (NULL);
  agseterrf (on_graphviz_message);
  /* Graphviz reads numbers ("0.25", "1.5") with strtod(), which follows
   * LC_NUMERIC; an app running in a locale with decimal commas would read
   * them as 0.  The worker switches only its own thread to "C" numbers. */
  numeric_c_locale = newlocale (LC_NUMERIC_MASK, "C", duplocale (LC_GLOBAL_LOCALE));
  gvc = gvContext ();
}

/* Label text: backslashes would start Graphviz escapes (\N, \n, \l). */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static char *
node_label (const LotlineLayoutNode *node)
{
  GString *label = g_string_new (NULL);

  for (guint i = 0; node->label_lines[i]; i++)
    {
      if (i > 0)
        g_string_append (label, "\\n");
      append_escaped (label, node->label_lines[i]);
    }
  /* The badge row: room for the widest status word the renderer draws (in
   * a smaller bold face). */
  if (node->has_badge)
    g_string_append (label, "\\nQUARANTINED");
  return g_string_free (label, FALSE);
}

static const char *
shape_name (LotlineLayoutShape shape)
{
  switch (shape)
    {
    case LOTLINE_LAYOUT_SHAPE_HOUSE:    return "house";
    case LOTLINE_LAYOUT_SHAPE_ELLIPSE:  return "ellipse";
    case LOTLINE_LAYOUT_SHAPE_CYLINDER: return "cylinder";
    case LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX:
    default:                            return "box";
    }
}

static void
set_graph_attr (Agraph_t   *g,
                const char *name,
                const char *value)
{
  agattr (g, AGRAPH, GV_STR (name), GV_STR (value));
}

typedef struct {
  double min_x, min_y, max_x, max_y;
} Extents;

static void
extents_add (Extents *ext,
             double   x,
             double   y)
{
  ext->min_x = MIN (ext->min_x, x);
  ext->max_x = MAX (ext->max_x, x);
  ext->min_y = MIN (ext->min_y, y);
  ext->max_y = MAX (ext->max_y, y);
}

/* Appends the curve of @e (tail to head in Graphviz's space), joining the
 * rare multi-piece splines with straight cubic segments. */
static void
collect_points (Agedge_t  *e,
                GArray    *points,
                gboolean  *sflag,
                pointf    *sp,
                gboolean  *eflag,
                pointf    *ep)
{
  splines *spl = ED_spl (e);

  *sflag = *eflag = FALSE;
  if (spl == NULL)
    return;
  for (int i = 0; i < spl->size; i++)
    {
      bezier *bz = &spl->list[i];
      int start = 0;

      if (bz->size <= 0)
        continue;
      if (points->len > 0)
        {
          pointf last = g_array_index (points, pointf, points->len - 1);

          if (last.x == bz->list[0].x && last.y == bz->list[0].y)
            start = 1;
          else
            {
              g_array_append_val (points, last);
              g_array_append_val (points, bz->list[0]);
            }
        }
      g_array_append_vals (points, bz->list + start, (guint) (bz->size - start));
      if (i == 0 && bz->sflag)
        {
          *sflag = TRUE;
          *sp = bz->sp;
        }
      if (i == spl->size - 1 && bz->eflag)
        {
          *eflag = TRUE;
          *ep = bz->ep;
        }
    }
}

gboolean
lotline_layout_run_graphviz (LotlineLayout *layout,
                             const char    *engine,
                             GError       **error)
{
  g_autofree Agnode_t **gv_nodes = NULL;
  g_autofree Agedge_t **gv_edges = NULL;
  g_autofree char *font_size = NULL;
  g_autofree char *edge_font_size = NULL;
  g_autoptr(GArray) points = NULL;
  Agsym_t *sym_label, *sym_shape, *sym_margin, *sym_elabel, *sym_dir;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  guint n_nodes = layout->nodes->len;
  guint n_edges = layout->edges->len;
  guint size;
  gint64 start = g_get_monotonic_time ();
  locale_t old_locale;
  Extents ext;
  Agraph_t *g;
  boxf bb;
  int rc;

  ensure_context ();
  old_locale = uselocale (numeric_c_locale);
  g_string_truncate (gv_messages, 0);
  agreseterrors ();

  g = agopen (GV_STR ("lotline"), Agdirected, NULL);

  /* Suppliers on the left, then raw lots, intermediates, finished lots,
   * and customers and locations on the right. */
  set_graph_attr (g, "rankdir", "LR");
  set_graph_attr (g, "nodesep", "0.22");
  set_graph_attr (g, "ranksep", "0.4");
  /* Bounded time.  Network simplex (ranking, x coordinates) and crossing
   * minimisation are what blow up: a 5,000-node graph with cross-links ran
   * for 15 minutes without limits and about 10 s with the tightest ones. */
  size = n_nodes + (n_edges * 2);
  if (size > 3000)
    {
      set_graph_attr (g, "nslimit", "1");
      set_graph_attr (g, "nslimit1", "1");
      set_graph_attr (g, "mclimit", "0.1");
    }
  else if (size > 800)
    {
      set_graph_attr (g, "nslimit", "4");
      set_graph_attr (g, "nslimit1", "4");
      set_graph_attr (g, "mclimit", "0.4");
    }
  else
    {
      set_graph_attr (g, "nslimit", "25");
      set_graph_attr (g, "nslimit1", "25");
      set_graph_attr (g, "mclimit", "1");
    }

  font_size = g_strdup (g_ascii_dtostr (buf, sizeof buf, layout->font_size));
  edge_font_size = g_strdup (g_ascii_dtostr (buf, sizeof buf, layout->edge_font_size));

  /* Defaults first, so setting one node's value never leaves an empty
   * default on the others. */
  agattr (g, AGNODE, GV_STR ("fontname"), GV_STR (layout->font_family));
  agattr (g, AGNODE, GV_STR ("fontsize"), font_size);
  agattr (g, AGNODE, GV_STR ("width"), GV_STR ("0.5"));
  agattr (g, AGNODE, GV_STR ("height"), GV_STR ("0.3"));
  agattr (g, AGNODE, GV_STR ("style"), GV_STR ("rounded"));
  sym_shape = agattr (g, AGNODE, GV_STR ("shape"), GV_STR ("box"));
  sym_margin = agattr (g, AGNODE, GV_STR ("margin"), GV_STR ("0.12,0.05"));
  sym_label = agattr (g, AGNODE, GV_STR ("label"), GV_STR ("\\N"));
  agattr (g, AGEDGE, GV_STR ("fontname"), GV_STR (layout->font_family));
  agattr (g, AGEDGE, GV_STR ("fontsize"), edge_font_size);
  agattr (g, AGEDGE, GV_STR ("arrowsize"), GV_STR ("0.8"));
  sym_dir = agattr (g, AGEDGE, GV_STR ("dir"), GV_STR ("forward"));
  sym_elabel = agattr (g, AGEDGE, GV_STR ("label"), GV_STR (""));

  gv_nodes = g_new0 (Agnode_t *, MAX (n_nodes, 1));
  for (guint i = 0; i < n_nodes; i++)
    {
      const LotlineLayoutNode *node = &g_array_index (layout->nodes, LotlineLayoutNode, i);
      g_autofree char *label = node_label (node);
      Agnode_t *n = agnode (g, GV_STR (node->key), TRUE);

      agxset (n, sym_label, label);
      if (node->shape != LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX)
        agxset (n, sym_shape, GV_STR (shape_name (node->shape)));
      /* Room for the stacked cards the renderer draws behind a group. */
      if (node->is_group)
        agxset (n, sym_margin, GV_STR ("0.18,0.09"));
      gv_nodes[i] = n;
    }

  gv_edges = g_new0 (Agedge_t *, MAX (n_edges, 1));
  for (guint i = 0; i < n_edges; i++)
    {
      const LotlineLayoutEdge *edge = &g_array_index (layout->edges, LotlineLayoutEdge, i);
      Agedge_t *e;

      /* A return goes back against the flow; laid out forwards with the
       * arrow at the tail it keeps the lot's rank instead of forming a
       * cycle with the shipment. */
      if (edge->kind == LOTLINE_EDGE_RETURN)
        {
          e = agedge (g, gv_nodes[edge->to], gv_nodes[edge->from], NULL, TRUE);
          agxset (e, sym_dir, GV_STR ("back"));
        }
      else
        e = agedge (g, gv_nodes[edge->from], gv_nodes[edge->to], NULL, TRUE);
      if (edge->label != NULL)
        {
          g_autoptr(GString) label = g_string_new (NULL);

          append_escaped (label, edge->label);
          agxset (e, sym_elabel, label->str);
        }
      gv_edges[i] = e;
    }

  rc = gvLayout (gvc, g, engine);
  if (rc != 0)
    {
      g_autofree char *said = g_strstrip (g_strdup (gv_messages->str));

      gvFreeLayout (gvc, g);
      agclose (g);
      uselocale (old_locale);
      g_set_error (error, LOTLINE_LAYOUT_ERROR, LOTLINE_LAYOUT_ERROR_FAILED,
                   _("Graphviz could not lay out the trace graph (%s). If it says a layout type is "
                     "not recognized, run “dot -c” as administrator to register Graphviz's plugins."),
                   said[0] ? said : _("it gave no reason"));
      return FALSE;
    }
  if (gv_messages->len > 0)
    g_debug ("Graphviz: %s", gv_messages->str);

  /* Copy every coordinate out before the graph goes.  Graphviz's y points
   * up; ours points down.  The box is Graphviz's, grown in the rare case a
   * control point or label pokes out, and every y is flipped once here:
   * y' = top − y. */
  bb = GD_bb (g);
  ext.min_x = bb.LL.x;
  ext.min_y = bb.LL.y;
  ext.max_x = bb.UR.x;
  ext.max_y = bb.UR.y;
  points = g_array_new (FALSE, FALSE, sizeof (pointf));
  for (guint i = 0; i < n_nodes; i++)
    {
      Agnode_t *n = gv_nodes[i];
      double w = ND_width (n) * 72.0, h = ND_height (n) * 72.0;

      extents_add (&ext, ND_coord (n).x - w / 2, ND_coord (n).y - h / 2);
      extents_add (&ext, ND_coord (n).x + w / 2, ND_coord (n).y + h / 2);
    }
  for (guint i = 0; i < n_edges; i++)
    {
      Agedge_t *e = gv_edges[i];
      splines *spl = ED_spl (e);
      textlabel_t *l = ED_label (e);

      for (int j = 0; spl && j < spl->size; j++)
        {
          for (int k = 0; k < spl->list[j].size; k++)
            extents_add (&ext, spl->list[j].list[k].x, spl->list[j].list[k].y);
          if (spl->list[j].sflag)
            extents_add (&ext, spl->list[j].sp.x, spl->list[j].sp.y);
          if (spl->list[j].eflag)
            extents_add (&ext, spl->list[j].ep.x, spl->list[j].ep.y);
        }
      if (l != NULL)
        {
          extents_add (&ext, l->pos.x - l->dimen.x / 2, l->pos.y - l->dimen.y / 2);
          extents_add (&ext, l->pos.x + l->dimen.x / 2, l->pos.y + l->dimen.y / 2);
        }
    }

#define FLIP_X(px) ((px) - ext.min_x)
#define FLIP_Y(py) (ext.max_y - (py))

  layout->width = ext.max_x - ext.min_x;
  layout->height = ext.max_y - ext.min_y;
  layout->graphviz_y = g_new0 (double, MAX (n_nodes, 1));

  for (guint i = 0; i < n_nodes; i++)
    {
      LotlineLayoutNode *node = &g_array_index (layout->nodes, LotlineLayoutNode, i);
      Agnode_t *n = gv_nodes[i];
      textlabel_t *l = ND_label (n);

      node->x = FLIP_X (ND_coord (n).x);
      node->y = FLIP_Y (ND_coord (n).y);
      layout->graphviz_y[i] = ND_coord (n).y - ext.min_y;
      /* ND_width and ND_height are inches. */
      node->width = ND_width (n) * 72.0;
      node->height = ND_height (n) * 72.0;
      if (l != NULL)
        {
          node->label_width = l->dimen.x;
          node->label_height = l->dimen.y;
        }
      if (node->shape == LOTLINE_LAYOUT_SHAPE_HOUSE && ND_shape_info (n) != NULL)
        {
          polygon_t *poly = ND_shape_info (n);

          if (poly->sides >= 3 && poly->vertices != NULL)
            {
              node->n_outline = (guint) poly->sides;
              node->outline = g_new (LotlineLayoutPoint, node->n_outline);
              for (guint k = 0; k < node->n_outline; k++)
                {
                  node->outline[k].x = poly->vertices[k].x;
                  node->outline[k].y = -poly->vertices[k].y;
                }
            }
        }
    }

  for (guint i = 0; i < n_edges; i++)
    {
      LotlineLayoutEdge *edge = &g_array_index (layout->edges, LotlineLayoutEdge, i);
      Agedge_t *e = gv_edges[i];
      gboolean reversed = edge->kind == LOTLINE_EDGE_RETURN;
      gboolean sflag, eflag;
      pointf sp = { 0 }, ep = { 0 };
      textlabel_t *l = ED_label (e);

      g_array_set_size (points, 0);
      collect_points (e, points, &sflag, &sp, &eflag, &ep);
      edge->n_points = points->len;
      edge->points = g_new (LotlineLayoutPoint, MAX (points->len, 1));
      /* Our curves run from @from to @to with the arrow at the end; a
       * return was laid out the other way round. */
      for (guint k = 0; k < points->len; k++)
        {
          pointf p = g_array_index (points, pointf, reversed ? points->len - 1 - k : k);

          edge->points[k].x = FLIP_X (p.x);
          edge->points[k].y = FLIP_Y (p.y);
        }
      if (reversed ? sflag : eflag)
        {
          pointf tip = reversed ? sp : ep;

          edge->has_arrow = TRUE;
          edge->arrow_tip.x = FLIP_X (tip.x);
          edge->arrow_tip.y = FLIP_Y (tip.y);
        }
      if (l != NULL && edge->label != NULL)
        {
          edge->label_x = FLIP_X (l->pos.x);
          edge->label_y = FLIP_Y (l->pos.y);
          edge->label_width = l->dimen.x;
          edge->label_height = l->dimen.y;
        }
    }

#undef FLIP_X
#undef FLIP_Y

  gvFreeLayout (gvc, g);
  agclose (g);
  uselocale (old_locale);

  layout->elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  return TRUE;
}
