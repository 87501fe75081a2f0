/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "lotline-ledger.h"
#include "lotline-render-graph.h"
#include "lotline-render-private.h"

/* Draws a LotlineLayout in its own coordinates: points, y down, the graph
 * in (0, 0)–(width, height) and the optional legend below it.  The caller
 * sets the transform (zoom, pan, PNG scale), so one function serves the
 * widget, printing and every export format.
 *
 * Text is drawn with the font family and size Graphviz measured the labels
 * with, at an absolute size in user space, so it fits the node boxes at any
 * zoom.  Metric hinting is off, or widths would change with the zoom. */

#define LEGEND_GAP      16.0
#define GROUP_OFFSET    2.5
#define LINE_WIDTH      1.2
#define SEED_LINE_WIDTH 3.0
#define FADED           0.28

typedef struct {
  cairo_t                    *cr;
  LotlineLayout              *layout;
  LotlineTrace               *trace;
  const LotlineRenderOptions *opts;
  const LotlineRenderPalette *palette;
  PangoLayout                *text;
  PangoFontDescription       *font;
  PangoFontDescription       *font_bold;
  PangoFontDescription       *font_small;
  PangoFontDescription       *font_small_bold;
  char                       *today;
  guint8                     *hl_nodes;    /* per trace node */
  guint8                     *hl_edges;    /* per trace edge */
  gboolean                    highlighting;
  double                      clip_x1, clip_y1, clip_x2, clip_y2;
} Ctx;

static PangoFontDescription *
make_font (const char  *family,
           double       size,
           PangoWeight  weight)
{
  PangoFontDescription *font = pango_font_description_from_string (family);

  /* In user space one unit is one point: Graphviz measured in points. */
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  return font;
}

static void
ctx_init (Ctx                        *ctx,
          cairo_t                    *cr,
          LotlineLayout              *layout,
          LotlineTrace               *trace,
          const LotlineRenderOptions *opts)
{
  const char *family = lotline_layout_get_font_family (layout);
  double size = lotline_layout_get_font_size (layout);
  double small = lotline_layout_get_edge_font_size (layout);
  cairo_font_options_t *font_options;

  memset (ctx, 0, sizeof *ctx);
  ctx->cr = cr;
  ctx->layout = layout;
  ctx->trace = trace ? trace : lotline_layout_get_trace (layout);
  ctx->opts = opts;
  ctx->palette = lotline_render_get_palette (opts->theme);

  ctx->text = pango_cairo_create_layout (cr);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (ctx->text), font_options);
  cairo_font_options_destroy (font_options);
  pango_layout_context_changed (ctx->text);

  ctx->font = make_font (family, size, PANGO_WEIGHT_NORMAL);
  ctx->font_bold = make_font (family, size, PANGO_WEIGHT_BOLD);
  ctx->font_small = make_font (family, small, PANGO_WEIGHT_NORMAL);
  ctx->font_small_bold = make_font (family, small, PANGO_WEIGHT_BOLD);

  if (opts->today != NULL)
    ctx->today = g_strdup (opts->today);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      ctx->today = g_date_time_format (now, "%Y-%m-%d");
    }

  cairo_clip_extents (cr, &ctx->clip_x1, &ctx->clip_y1, &ctx->clip_x2, &ctx->clip_y2);
}

static void
ctx_set_highlights (Ctx *ctx)
{
  guint n_nodes = lotline_trace_get_n_nodes (ctx->trace);
  guint n_edges = lotline_trace_get_n_edges (ctx->trace);

  ctx->highlighting = ctx->opts->n_highlight_nodes > 0 || ctx->opts->n_highlight_edges > 0;
  if (!ctx->highlighting)
    return;
  ctx->hl_nodes = g_new0 (guint8, MAX (n_nodes, 1));
  ctx->hl_edges = g_new0 (guint8, MAX (n_edges, 1));
  for (guint i = 0; i < ctx->opts->n_highlight_nodes; i++)
    if (ctx->opts->highlight_nodes[i] < n_nodes)
      ctx->hl_nodes[ctx->opts->highlight_nodes[i]] = 1;
  for (guint i = 0; i < ctx->opts->n_highlight_edges; i++)
    if (ctx->opts->highlight_edges[i] < n_edges)
      ctx->hl_edges[ctx->opts->highlight_edges[i]] = 1;
}

static void
ctx_clear (Ctx *ctx)
{
  g_clear_object (&ctx->text);
  g_clear_pointer (&ctx->font, pango_font_description_free);
  g_clear_pointer (&ctx->font_bold, pango_font_description_free);
  g_clear_pointer (&ctx->font_small, pango_font_description_free);
  g_clear_pointer (&ctx->font_small_bold, pango_font_description_free);
  g_clear_pointer (&ctx->today, g_free);
  g_clear_pointer (&ctx->hl_nodes, g_free);
  g_clear_pointer (&ctx->hl_edges, g_free);
}

static gboolean
visible (Ctx    *ctx,
         double  x1,
         double  y1,
         double  x2,
         double  y2)
{
  return x2 >= ctx->clip_x1 && x1 <= ctx->clip_x2 && y2 >= ctx->clip_y1 && y1 <= ctx->clip_y2;
}

/* ---- text ------------------------------------------------------------- */

static void
text_set (Ctx                        *ctx,
          const PangoFontDescription *font,
          const char                 *text)
{
  pango_layout_set_font_description (ctx->text, font);
  pango_layout_set_width (ctx->text, -1);
  pango_layout_set_ellipsize (ctx->text, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (ctx->text, text, -1);
}

static double
text_width (Ctx *ctx)
{
  PangoRectangle logical;

  pango_layout_get_extents (ctx->text, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

static double
text_height (Ctx *ctx)
{
  PangoRectangle logical;

  pango_layout_get_extents (ctx->text, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

/* Never wider than @max: ellipsized at the end if it has to be. */
static void
text_fit (Ctx    *ctx,
          double  max)
{
  if (max > 0 && text_width (ctx) > max)
    {
      pango_layout_set_width (ctx->text, (int) (max * PANGO_SCALE));
      pango_layout_set_ellipsize (ctx->text, PANGO_ELLIPSIZE_END);
    }
}

static void
text_show_centred (Ctx    *ctx,
                   double  cx,
                   double  cy)
{
  PangoRectangle logical;

  pango_layout_get_extents (ctx->text, NULL, &logical);
  cairo_move_to (ctx->cr,
                 cx - (logical.x + logical.width / 2.0) / PANGO_SCALE,
                 cy - (logical.y + logical.height / 2.0) / PANGO_SCALE);
  pango_cairo_show_layout (ctx->cr, ctx->text);
  /* show_layout leaves a current point behind; shapes start afresh. */
  cairo_new_path (ctx->cr);
}

static void
text_show_at (Ctx    *ctx,
              double  x,
              double  cy)
{
  PangoRectangle logical;

  pango_layout_get_extents (ctx->text, NULL, &logical);
  cairo_move_to (ctx->cr, x - logical.x / (double) PANGO_SCALE,
                 cy - (logical.y + logical.height / 2.0) / PANGO_SCALE);
  pango_cairo_show_layout (ctx->cr, ctx->text);
  cairo_new_path (ctx->cr);
}

/* ---- shapes ----------------------------------------------------------- */

static void
path_rounded_rect (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static double
cylinder_cap (double h)
{
  return CLAMP (h * 0.1, 2.5, 7.0);
}

/* The outline of @shape in the box centred on (cx, cy); @node (nullable)
 * gives Graphviz's exact polygon, scaled to the box. */
static void
path_shape (cairo_t                 *cr,
            LotlineLayoutShape       shape,
            const LotlineLayoutNode *node,
            double                   cx,
            double                   cy,
            double                   w,
            double                   h)
{
  double left = cx - w / 2, top = cy - h / 2, right = cx + w / 2, bottom = cy + h / 2;

  cairo_new_path (cr);
  switch (shape)
    {
    case LOTLINE_LAYOUT_SHAPE_ELLIPSE:
      cairo_save (cr);
      cairo_translate (cr, cx, cy);
      cairo_scale (cr, w / 2, h / 2);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_close_path (cr);
      break;

    case LOTLINE_LAYOUT_SHAPE_HOUSE:
      if (node != NULL && node->n_outline >= 3 && node->width > 0 && node->height > 0)
        {
          double sx = w / node->width, sy = h / node->height;

          for (guint i = 0; i < node->n_outline; i++)
            cairo_line_to (cr, cx + node->outline[i].x * sx, cy + node->outline[i].y * sy);
        }
      else
        {
          cairo_move_to (cr, cx, top);
          cairo_line_to (cr, right, top + h * 0.35);
          cairo_line_to (cr, right, bottom);
          cairo_line_to (cr, left, bottom);
          cairo_line_to (cr, left, top + h * 0.35);
        }
      cairo_close_path (cr);
      break;

    case LOTLINE_LAYOUT_SHAPE_CYLINDER:
      {
        double ry = cylinder_cap (h);

        cairo_move_to (cr, left, top + ry);
        cairo_line_to (cr, left, bottom - ry);
        cairo_save (cr);
        cairo_translate (cr, cx, bottom - ry);
        cairo_scale (cr, w / 2, ry);
        cairo_arc_negative (cr, 0, 0, 1, G_PI, 0);
        cairo_restore (cr);
        cairo_line_to (cr, right, top + ry);
        cairo_save (cr);
        cairo_translate (cr, cx, top + ry);
        cairo_scale (cr, w / 2, ry);
        cairo_arc_negative (cr, 0, 0, 1, 0, -G_PI);
        cairo_restore (cr);
        cairo_close_path (cr);
      }
      break;

    case LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX:
    default:
      path_rounded_rect (cr, left, top, w, h, MIN (6.0, h / 4));
      break;
    }
}

/* The front rim of a cylinder's lid, drawn over its fill. */
static void
path_cylinder_lid (cairo_t *cr,
                   double   cx,
                   double   cy,
                   double   w,
                   double   h)
{
  double ry = cylinder_cap (h);

  cairo_new_path (cr);
  cairo_save (cr);
  cairo_translate (cr, cx, cy - h / 2 + ry);
  cairo_scale (cr, w / 2, ry);
  cairo_arc (cr, 0, 0, 1, 0, G_PI);
  cairo_restore (cr);
}

/* Width inside the shape where text can go. */
static double
inner_width (LotlineLayoutShape shape,
             double             w)
{
  switch (shape)
    {
    case LOTLINE_LAYOUT_SHAPE_ELLIPSE:
      return w * 0.8 - 4;
    case LOTLINE_LAYOUT_SHAPE_HOUSE:
    case LOTLINE_LAYOUT_SHAPE_CYLINDER:
      return w - 8;
    case LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX:
    default:
      return w - 8;
    }
}

/* ---- status ----------------------------------------------------------- */

/* How much a status matters when a group of lots shows one badge. */
static int
severity (LotlineLotStatus status)
{
  switch (status)
    {
    case LOTLINE_LOT_RECALLED:    return 4;
    case LOTLINE_LOT_QUARANTINED: return 3;
    case LOTLINE_LOT_EXPIRED:     return 2;
    case LOTLINE_LOT_RELEASED:    return 1;
    case LOTLINE_LOT_DESTROYED:
    default:                      return 0;
    }
}

static LotlineLotStatus
trace_node_status (Ctx  *ctx,
                   guint index)
{
  const LotlineTraceNode *tnode = lotline_trace_get_node (ctx->trace, index);
  LotlineLot lot = { 0 };

  lot.status = tnode->status;
  lot.expires_on = tnode->expires_on;
  return lotline_lot_effective_status (&lot, ctx->today);
}

/* The status a lot node shows: its own, or a group's most serious one and
 * how many members have it. */
static LotlineLotStatus
node_status (Ctx                     *ctx,
             const LotlineLayoutNode *node,
             guint                   *out_count)
{
  LotlineLotStatus worst = LOTLINE_LOT_DESTROYED;
  guint count = 0;

  if (!node->is_group)
    {
      *out_count = 1;
      return node->trace_node >= 0 ? trace_node_status (ctx, (guint) node->trace_node) : LOTLINE_LOT_RELEASED;
    }
  for (guint i = 0; i < node->n_members; i++)
    {
      LotlineLotStatus status = trace_node_status (ctx, node->members[i]);

      if (i == 0 || severity (status) > severity (worst))
        {
          worst = status;
          count = 1;
        }
      else if (status == worst)
        count++;
    }
  *out_count = count;
  return worst;
}

static gboolean
node_highlighted (Ctx                     *ctx,
                  const LotlineLayoutNode *node)
{
  if (!ctx->highlighting)
    return FALSE;
  if (node->trace_node >= 0)
    return ctx->hl_nodes[node->trace_node];
  for (guint i = 0; i < node->n_members; i++)
    if (ctx->hl_nodes[node->members[i]])
      return TRUE;
  return FALSE;
}

static gboolean
edge_highlighted (Ctx                     *ctx,
                  const LotlineLayoutEdge *edge)
{
  if (!ctx->highlighting)
    return FALSE;
  for (guint i = 0; i < edge->n_trace_edges; i++)
    if (ctx->hl_edges[edge->trace_edges[i]])
      return TRUE;
  return FALSE;
}

/* ---- edges ------------------------------------------------------------ */

static void
path_arrow (cairo_t *cr,
            double   bx,
            double   by,
            double   tx,
            double   ty)
{
  double dx = tx - bx, dy = ty - by;
  double len = sqrt (dx * dx + dy * dy);
  double half;

  cairo_new_path (cr);
  if (len <= 0)
    return;
  half = MAX (len * 0.38, 2.0);
  cairo_move_to (cr, tx, ty);
  cairo_line_to (cr, bx - dy / len * half, by + dx / len * half);
  cairo_line_to (cr, bx + dy / len * half, by - dx / len * half);
  cairo_close_path (cr);
}

/* Adds the cubic segment @p[0..3] (the current point is @p[0]) to the
 * path, leaving out what lies outside the clip.  Cairo flattens a whole
 * curve before clipping it, so a curve a hundred thousand points long,
 * drawn tile by tile or in a small cached region of a tall graph, would
 * cost its whole length every time: halve it instead, and skip the halves
 * that cannot be seen.  The halves are exact (de Casteljau), so what is
 * drawn is unchanged. */
static void
path_visible_curve (Ctx                      *ctx,
                    const LotlineLayoutPoint *p,
                    int                       depth)
{
  const double pad = 8;
  double x1 = MIN (MIN (p[0].x, p[1].x), MIN (p[2].x, p[3].x));
  double x2 = MAX (MAX (p[0].x, p[1].x), MAX (p[2].x, p[3].x));
  double y1 = MIN (MIN (p[0].y, p[1].y), MIN (p[2].y, p[3].y));
  double y2 = MAX (MAX (p[0].y, p[1].y), MAX (p[2].y, p[3].y));
  double clip_w = ctx->clip_x2 - ctx->clip_x1, clip_h = ctx->clip_y2 - ctx->clip_y1;
  LotlineLayoutPoint half[7];

  /* The curve lies in the hull of its control points. */
  if (!visible (ctx, x1 - pad, y1 - pad, x2 + pad, y2 + pad))
    {
      cairo_move_to (ctx->cr, p[3].x, p[3].y);
      return;
    }
  if (depth >= 24 || (x2 - x1 <= 2 * clip_w && y2 - y1 <= 2 * clip_h))
    {
      cairo_curve_to (ctx->cr, p[1].x, p[1].y, p[2].x, p[2].y, p[3].x, p[3].y);
      return;
    }

  half[0] = p[0];
  half[6] = p[3];
  half[1] = (LotlineLayoutPoint) { (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2 };
  half[5] = (LotlineLayoutPoint) { (p[2].x + p[3].x) / 2, (p[2].y + p[3].y) / 2 };
  {
    LotlineLayoutPoint mid = { (p[1].x + p[2].x) / 2, (p[1].y + p[2].y) / 2 };

    half[2] = (LotlineLayoutPoint) { (half[1].x + mid.x) / 2, (half[1].y + mid.y) / 2 };
    half[4] = (LotlineLayoutPoint) { (mid.x + half[5].x) / 2, (mid.y + half[5].y) / 2 };
  }
  half[3] = (LotlineLayoutPoint) { (half[2].x + half[4].x) / 2, (half[2].y + half[4].y) / 2 };
  path_visible_curve (ctx, &half[0], depth + 1);
  path_visible_curve (ctx, &half[3], depth + 1);
}

static void
draw_edge (Ctx                     *ctx,
           const LotlineLayoutEdge *edge,
           gboolean                 highlighted)
{
  cairo_t *cr = ctx->cr;
  const LotlineRenderColor *color;
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;
  double alpha = ctx->highlighting && !highlighted ? FADED : 1.0;
  static const double dash[] = { 4.0, 3.0 };

  if (edge->n_points < 4)
    return;
  for (guint i = 0; i < edge->n_points; i++)
    {
      x1 = MIN (x1, edge->points[i].x);
      x2 = MAX (x2, edge->points[i].x);
      y1 = MIN (y1, edge->points[i].y);
      y2 = MAX (y2, edge->points[i].y);
    }
  if (edge->has_arrow)
    {
      x1 = MIN (x1, edge->arrow_tip.x);
      x2 = MAX (x2, edge->arrow_tip.x);
      y1 = MIN (y1, edge->arrow_tip.y);
      y2 = MAX (y2, edge->arrow_tip.y);
    }
  if (!visible (ctx, x1 - 4, y1 - 4, x2 + 4, y2 + 4))
    return;

  color = highlighted ? &ctx->palette->accent : &ctx->palette->edge[edge->kind];
  lotline_render_set_color (cr, color, alpha);
  cairo_set_line_width (cr, highlighted ? 2.6 : LINE_WIDTH);
  if (edge->kind == LOTLINE_EDGE_STOCK || edge->kind == LOTLINE_EDGE_RETURN)
    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);

  cairo_new_path (cr);
  cairo_move_to (cr, edge->points[0].x, edge->points[0].y);
  for (guint i = 1; i + 2 < edge->n_points; i += 3)
    path_visible_curve (ctx, &edge->points[i - 1], 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Graphviz leaves the arrowhead out of the curve: it runs from the last
   * control point to the tip. */
  if (edge->has_arrow)
    {
      const LotlineLayoutPoint *last = &edge->points[edge->n_points - 1];

      path_arrow (cr, last->x, last->y, edge->arrow_tip.x, edge->arrow_tip.y);
      cairo_fill (cr);
    }
}

static void
draw_edge_label (Ctx                     *ctx,
                 const LotlineLayoutEdge *edge,
                 gboolean                 highlighted)
{
  cairo_t *cr = ctx->cr;
  double alpha = ctx->highlighting && !highlighted ? FADED : 1.0;
  double w, h;

  if (edge->label == NULL || edge->label_width <= 0)
    return;
  if (!visible (ctx, edge->label_x - edge->label_width, edge->label_y - edge->label_height,
                edge->label_x + edge->label_width, edge->label_y + edge->label_height))
    return;

  text_set (ctx, highlighted ? ctx->font_small_bold : ctx->font_small, edge->label);
  w = text_width (ctx);
  h = text_height (ctx);
  /* A backing keeps the quantity readable where it sits on a curve. */
  path_rounded_rect (cr, edge->label_x - w / 2 - 2.5, edge->label_y - h / 2, w + 5, h, 3);
  lotline_render_set_color (cr, &ctx->palette->background, 0.85 * alpha);
  cairo_fill (cr);
  lotline_render_set_color (cr, highlighted ? &ctx->palette->accent : &ctx->palette->text_dim, alpha);
  text_show_centred (ctx, edge->label_x, edge->label_y);
}

/* ---- nodes ------------------------------------------------------------ */

static void
draw_badge (Ctx                *ctx,
            LotlineLotStatus    status,
            guint               count,
            gboolean            whole_group,
            double              cx,
            double              cy,
            double              max_width,
            double              max_height,
            double              alpha)
{
  cairo_t *cr = ctx->cr;
  g_autofree char *word = g_utf8_strup (lotline_lot_status_to_display (status), -1);
  g_autofree char *text = NULL;
  double w, h;

  if (whole_group)
    text = g_steal_pointer (&word);
  else
    /* Translators: in a badge on a group of lots, e.g. "3 RECALLED". */
    text = g_strdup_printf (C_("badge", "%u %s"), count, word);

  text_set (ctx, ctx->font_small_bold, text);
  text_fit (ctx, max_width - 8);
  w = text_width (ctx) + 8;
  h = MIN (text_height (ctx) + 1, max_height);
  path_rounded_rect (cr, cx - w / 2, cy - h / 2, w, h, h / 2);
  lotline_render_set_color (cr, &ctx->palette->badge_fill[status], alpha);
  cairo_fill (cr);
  lotline_render_set_color (cr, &ctx->palette->badge_text[status], alpha);
  text_show_centred (ctx, cx, cy);
}

static void
draw_node (Ctx                     *ctx,
           const LotlineLayoutNode *node)
{
  cairo_t *cr = ctx->cr;
  const LotlineRenderColor *fill, *stroke;
  LotlineLotStatus status = LOTLINE_LOT_RELEASED;
  guint status_count = 1;
  gboolean highlighted = node_highlighted (ctx, node);
  gboolean selected = ctx->opts->selected_key != NULL && g_strcmp0 (ctx->opts->selected_key, node->key) == 0;
  double alpha = ctx->highlighting && !highlighted && !selected ? FADED : 1.0;
  double cx = node->x, cy = node->y, w = node->width, h = node->height;
  double pitch, top, avail;

  if (!visible (ctx, cx - w / 2 - 8, cy - h / 2 - 8, cx + w / 2 + 8, cy + h / 2 + 8))
    return;

  if (node->kind == LOTLINE_NODE_LOT)
    {
      status = node_status (ctx, node, &status_count);
      fill = &ctx->palette->status_fill[status];
      stroke = &ctx->palette->status_stroke[status];
    }
  else
    {
      fill = &ctx->palette->kind_fill[node->kind];
      stroke = &ctx->palette->kind_stroke[node->kind];
    }

  /* A group is a small stack of cards: one behind, the front one shifted
   * up and left inside the box Graphviz reserved. */
  if (node->is_group)
    {
      w -= GROUP_OFFSET * 2;
      h -= GROUP_OFFSET * 2;
      path_shape (cr, node->shape, node, cx + GROUP_OFFSET, cy + GROUP_OFFSET, w, h);
      lotline_render_set_color (cr, fill, alpha);
      cairo_fill_preserve (cr);
      lotline_render_set_color (cr, stroke, alpha * 0.8);
      cairo_set_line_width (cr, LINE_WIDTH);
      cairo_stroke (cr);
      cx -= GROUP_OFFSET;
      cy -= GROUP_OFFSET;
    }

  if (highlighted)
    {
      path_shape (cr, node->shape, node, cx, cy, w, h);
      lotline_render_set_color (cr, &ctx->palette->accent, 0.35);
      cairo_set_line_width (cr, 9);
      cairo_stroke (cr);
    }

  path_shape (cr, node->shape, node, cx, cy, w, h);
  lotline_render_set_color (cr, fill, alpha);
  cairo_fill_preserve (cr);
  lotline_render_set_color (cr, highlighted ? &ctx->palette->accent : stroke, alpha);
  cairo_set_line_width (cr, node->is_seed ? SEED_LINE_WIDTH : LINE_WIDTH);
  cairo_stroke (cr);
  if (node->shape == LOTLINE_LAYOUT_SHAPE_CYLINDER)
    {
      path_cylinder_lid (cr, cx, cy, w, h);
      cairo_set_line_width (cr, LINE_WIDTH);
      cairo_stroke (cr);
    }

  /* Text rows as Graphviz reserved them, centred on the node. */
  pitch = node->n_label_rows > 0 && node->label_height > 0
          ? node->label_height / node->n_label_rows
          : lotline_layout_get_font_size (ctx->layout) * 1.1;
  top = cy - pitch * node->n_label_rows / 2.0;
  avail = inner_width (node->shape, w);
  for (guint i = 0; node->label_lines && node->label_lines[i]; i++)
    {
      text_set (ctx, i == 0 ? ctx->font_bold : ctx->font, node->label_lines[i]);
      /* Graphviz measured the regular face; bold may not fit. */
      if (i == 0 && text_width (ctx) > avail)
        text_set (ctx, ctx->font, node->label_lines[i]);
      text_fit (ctx, avail);
      lotline_render_set_color (cr, i == 0 ? &ctx->palette->text : &ctx->palette->text_dim, alpha);
      text_show_centred (ctx, cx, top + (i + 0.5) * pitch);
    }
  if (node->has_badge && node->n_label_rows > 0)
    draw_badge (ctx, status, status_count,
                !node->is_group || status_count == node->n_members,
                cx, top + (node->n_label_rows - 0.5) * pitch, avail, pitch, alpha);

  if (selected)
    {
      path_shape (cr, node->shape, node, cx, cy, w + 9, h + 9);
      lotline_render_set_color (cr, &ctx->palette->accent, 1.0);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
}

/* ---- legend ----------------------------------------------------------- */

#define LEGEND_PAD      10.0
#define LEGEND_ICON_W   26.0
#define LEGEND_ICON_H   14.0
#define LEGEND_ICON_GAP 7.0
#define LEGEND_COL_GAP  20.0
#define LEGEND_ROWS     6

typedef enum {
  ICON_STATUS,
  ICON_SHAPE,
  ICON_GROUP,
  ICON_SEED,
  ICON_EDGE,
  ICON_PATH,
} IconKind;

typedef struct {
  IconKind    icon;
  int         which;   /* status, shape or edge kind */
  const char *label;
} LegendItem;

static void
draw_legend_icon (Ctx              *ctx,
                  const LegendItem *item,
                  double            x,
                  double            cy)
{
  cairo_t *cr = ctx->cr;
  const LotlineRenderPalette *p = ctx->palette;
  double cx = x + LEGEND_ICON_W / 2;

  cairo_set_line_width (cr, LINE_WIDTH);
  switch (item->icon)
    {
    case ICON_STATUS:
      path_shape (cr, LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX, NULL, cx, cy, LEGEND_ICON_W, LEGEND_ICON_H);
      lotline_render_set_color (cr, &p->status_fill[item->which], 1);
      cairo_fill_preserve (cr);
      lotline_render_set_color (cr, &p->status_stroke[item->which], 1);
      cairo_stroke (cr);
      break;

    case ICON_SHAPE:
    case ICON_GROUP:
    case ICON_SEED:
      {
        /* Shapes use the colours of the kind of node they stand for. */
        static const LotlineNodeKind kind_of_shape[] = {
          [LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX] = LOTLINE_NODE_LOT,
          [LOTLINE_LAYOUT_SHAPE_HOUSE] = LOTLINE_NODE_SUPPLIER,
          [LOTLINE_LAYOUT_SHAPE_ELLIPSE] = LOTLINE_NODE_CUSTOMER,
          [LOTLINE_LAYOUT_SHAPE_CYLINDER] = LOTLINE_NODE_LOCATION,
        };
        LotlineLayoutShape shape = item->which;
        LotlineNodeKind kind = kind_of_shape[shape];
        double w = LEGEND_ICON_W, h = LEGEND_ICON_H + (shape == LOTLINE_LAYOUT_SHAPE_HOUSE ? 2 : 0);

        if (item->icon == ICON_GROUP)
          {
            w -= 2 * GROUP_OFFSET;
            h -= 2 * GROUP_OFFSET;
            path_shape (cr, shape, NULL, cx + GROUP_OFFSET, cy + GROUP_OFFSET, w, h);
            lotline_render_set_color (cr, &p->kind_fill[kind], 1);
            cairo_fill_preserve (cr);
            lotline_render_set_color (cr, &p->kind_stroke[kind], 0.8);
            cairo_stroke (cr);
            cx -= GROUP_OFFSET;
            cy -= GROUP_OFFSET;
          }
        path_shape (cr, shape, NULL, cx, cy, w, h);
        lotline_render_set_color (cr, &p->kind_fill[kind], 1);
        cairo_fill_preserve (cr);
        lotline_render_set_color (cr, &p->kind_stroke[kind], 1);
        cairo_set_line_width (cr, item->icon == ICON_SEED ? SEED_LINE_WIDTH : LINE_WIDTH);
        cairo_stroke (cr);
        if (shape == LOTLINE_LAYOUT_SHAPE_CYLINDER)
          {
            path_cylinder_lid (cr, cx, cy, w, h);
            cairo_set_line_width (cr, LINE_WIDTH);
            cairo_stroke (cr);
          }
      }
      break;

    case ICON_EDGE:
    case ICON_PATH:
      {
        static const double dash[] = { 4.0, 3.0 };
        const LotlineRenderColor *color = item->icon == ICON_PATH ? &p->accent : &p->edge[item->which];

        lotline_render_set_color (cr, color, 1);
        cairo_set_line_width (cr, item->icon == ICON_PATH ? 2.6 : LINE_WIDTH);
        if (item->icon == ICON_EDGE &&
            (item->which == LOTLINE_EDGE_STOCK || item->which == LOTLINE_EDGE_RETURN))
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
        cairo_new_path (cr);
        cairo_move_to (cr, x, cy);
        cairo_line_to (cr, x + LEGEND_ICON_W - 7, cy);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        path_arrow (cr, x + LEGEND_ICON_W - 7, cy, x + LEGEND_ICON_W, cy);
        cairo_fill (cr);
      }
      break;

    default:
      break;
    }
}

/* Measures the legend, and draws it at (x0, y0) when @draw. */
static void
legend_run (Ctx     *ctx,
            gboolean draw,
            double   x0,
            double   y0,
            double  *out_width,
            double  *out_height)
{
  const LegendItem columns[3][LEGEND_ROWS] = {
    {
      { ICON_STATUS, LOTLINE_LOT_RELEASED, lotline_lot_status_to_display (LOTLINE_LOT_RELEASED) },
      { ICON_STATUS, LOTLINE_LOT_QUARANTINED, lotline_lot_status_to_display (LOTLINE_LOT_QUARANTINED) },
      { ICON_STATUS, LOTLINE_LOT_RECALLED, lotline_lot_status_to_display (LOTLINE_LOT_RECALLED) },
      { ICON_STATUS, LOTLINE_LOT_EXPIRED, lotline_lot_status_to_display (LOTLINE_LOT_EXPIRED) },
      { ICON_STATUS, LOTLINE_LOT_DESTROYED, lotline_lot_status_to_display (LOTLINE_LOT_DESTROYED) },
      { ICON_SEED, LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX, _("Seed lot (traced from)") },
    },
    {
      { ICON_SHAPE, LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX, _("Lot") },
      { ICON_SHAPE, LOTLINE_LAYOUT_SHAPE_HOUSE, _("Supplier") },
      { ICON_SHAPE, LOTLINE_LAYOUT_SHAPE_ELLIPSE, _("Customer") },
      { ICON_SHAPE, LOTLINE_LAYOUT_SHAPE_CYLINDER, _("Stock location") },
      { ICON_GROUP, LOTLINE_LAYOUT_SHAPE_ROUNDED_BOX, _("Group of many") },
      { 0, 0, NULL },
    },
    {
      { ICON_EDGE, LOTLINE_EDGE_PRODUCTION, _("Used in production") },
      { ICON_EDGE, LOTLINE_EDGE_RECEIPT, _("Received") },
      { ICON_EDGE, LOTLINE_EDGE_SHIPMENT, _("Shipped") },
      { ICON_EDGE, LOTLINE_EDGE_RETURN, _("Returned") },
      { ICON_EDGE, LOTLINE_EDGE_STOCK, _("On hand") },
      { ICON_PATH, 0, _("Highlighted path") },
    },
  };
  const char *titles[3] = { _("Lot status"), _("Nodes"), _("Flows") };
  double col_width[3] = { 0 };
  double title_h, row_h, width, height, x;

  text_set (ctx, ctx->font_small_bold, titles[0]);
  title_h = text_height (ctx);
  text_set (ctx, ctx->font_small, "Xg");
  row_h = MAX (text_height (ctx), LEGEND_ICON_H) + 5;

  for (guint c = 0; c < 3; c++)
    {
      text_set (ctx, ctx->font_small_bold, titles[c]);
      col_width[c] = text_width (ctx);
      for (guint r = 0; r < LEGEND_ROWS; r++)
        if (columns[c][r].label != NULL)
          {
            text_set (ctx, ctx->font_small, columns[c][r].label);
            col_width[c] = MAX (col_width[c], LEGEND_ICON_W + LEGEND_ICON_GAP + text_width (ctx));
          }
    }
  width = 2 * LEGEND_PAD + col_width[0] + col_width[1] + col_width[2] + 2 * LEGEND_COL_GAP;
  height = 2 * LEGEND_PAD + title_h + 4 + LEGEND_ROWS * row_h;
  if (out_width)
    *out_width = width;
  if (out_height)
    *out_height = height;
  if (!draw)
    return;

  path_rounded_rect (ctx->cr, x0 + 0.5, y0 + 0.5, width - 1, height - 1, 6);
  lotline_render_set_color (ctx->cr, &ctx->palette->panel, 1);
  cairo_fill_preserve (ctx->cr);
  lotline_render_set_color (ctx->cr, &ctx->palette->panel_border, 1);
  cairo_set_line_width (ctx->cr, 1);
  cairo_stroke (ctx->cr);

  x = x0 + LEGEND_PAD;
  for (guint c = 0; c < 3; c++)
    {
      double y = y0 + LEGEND_PAD;

      text_set (ctx, ctx->font_small_bold, titles[c]);
      lotline_render_set_color (ctx->cr, &ctx->palette->text, 1);
      text_show_at (ctx, x, y + title_h / 2);
      y += title_h + 4;
      for (guint r = 0; r < LEGEND_ROWS; r++, y += row_h)
        {
          const LegendItem *item = &columns[c][r];

          if (item->label == NULL)
            continue;
          draw_legend_icon (ctx, item, x, y + row_h / 2);
          text_set (ctx, ctx->font_small, item->label);
          lotline_render_set_color (ctx->cr, &ctx->palette->text, 1);
          text_show_at (ctx, x + LEGEND_ICON_W + LEGEND_ICON_GAP, y + row_h / 2);
        }
      x += col_width[c] + LEGEND_COL_GAP;
    }
}

/* A context on a scratch surface, for measuring text. */
static cairo_t *
create_measuring_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

/**
 * lotline_render_legend_get_size:
 * @layout: the layout whose fonts the legend uses
 * @opts: (nullable): render options
 * @width: (out) (optional): legend width in points
 * @height: (out) (optional): legend height in points
 *
 * Measures the legend lotline_render_legend() draws.
 */
void
lotline_render_legend_get_size (LotlineLayout              *layout,
                                const LotlineRenderOptions *opts,
                                double                     *width,
                                double                     *height)
{
  LotlineRenderOptions defaults = { 0 };
  cairo_t *cr;
  Ctx ctx;

  g_return_if_fail (layout != NULL);

  cr = create_measuring_context ();
  ctx_init (&ctx, cr, layout, NULL, opts ? opts : &defaults);
  legend_run (&ctx, FALSE, 0, 0, width, height);
  ctx_clear (&ctx);
  cairo_destroy (cr);
}

/**
 * lotline_render_legend:
 * @cr: a cairo context in points
 * @layout: the layout whose fonts the legend uses
 * @opts: (nullable): render options (the theme)
 * @x: left edge
 * @y: top edge
 *
 * Draws the legend of node colours, shapes and edge styles on its own, e.g.
 * fixed in a corner of a zoomable view.
 */
void
lotline_render_legend (cairo_t                    *cr,
                       LotlineLayout              *layout,
                       const LotlineRenderOptions *opts,
                       double                      x,
                       double                      y)
{
  LotlineRenderOptions defaults = { 0 };
  Ctx ctx;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  cairo_save (cr);
  ctx_init (&ctx, cr, layout, NULL, opts ? opts : &defaults);
  legend_run (&ctx, TRUE, x, y, NULL, NULL);
  ctx_clear (&ctx);
  cairo_restore (cr);
}

/* ---- the graph -------------------------------------------------------- */

/**
 * lotline_render_graph_get_size:
 * @layout: a layout
 * @opts: (nullable): render options
 * @width: (out) (optional): width of what lotline_render_graph() draws
 * @height: (out) (optional): its height, including the legend when shown
 *
 * Everything lotline_render_graph() draws lies in (0, 0)–(@width, @height)
 * of its user space, give or take the half line width of a border.
 */
void
lotline_render_graph_get_size (LotlineLayout              *layout,
                               const LotlineRenderOptions *opts,
                               double                     *width,
                               double                     *height)
{
  double w, h;

  g_return_if_fail (layout != NULL);

  w = lotline_layout_get_width (layout);
  h = lotline_layout_get_height (layout);
  if (opts != NULL && opts->show_legend)
    {
      double lw, lh;

      lotline_render_legend_get_size (layout, opts, &lw, &lh);
      w = MAX (w, lw);
      h += LEGEND_GAP + lh;
    }
  if (width)
    *width = w;
  if (height)
    *height = h;
}

/**
 * lotline_render_graph:
 * @cr: a cairo context; its user space is the layout's, in points with y
 *   down (the caller sets any zoom, pan or scale)
 * @layout: the positioned graph
 * @trace: (nullable): the trace @layout was made from, for statuses, expiry
 *   and seeds; %NULL for lotline_layout_get_trace()
 * @opts: (nullable): theme, date, highlights and selection
 *
 * Draws the genealogy graph: edges with arrowheads and quantities, then
 * nodes shaped by kind and coloured by lot status with a status badge,
 * seeds with a thick border, groups as stacks, a faded background behind
 * a highlighted path, and a ring around the selected node.  Only what lies
 * in the clip is drawn.
 */
void
lotline_render_graph (cairo_t                    *cr,
                      LotlineLayout              *layout,
                      LotlineTrace               *trace,
                      const LotlineRenderOptions *opts)
{
  LotlineRenderOptions defaults = { 0 };
  LotlineTrace *layout_trace;
  guint n_edges, n_nodes;
  Ctx ctx;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  layout_trace = lotline_layout_get_trace (layout);
  g_return_if_fail (trace == NULL ||
                    (lotline_trace_get_n_nodes (trace) == lotline_trace_get_n_nodes (layout_trace) &&
                     lotline_trace_get_n_edges (trace) == lotline_trace_get_n_edges (layout_trace)));

  if (opts == NULL)
    opts = &defaults;

  cairo_save (cr);
  ctx_init (&ctx, cr, layout, trace, opts);
  ctx_set_highlights (&ctx);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (opts->draw_background)
    {
      double w, h;

      lotline_render_graph_get_size (layout, opts, &w, &h);
      cairo_new_path (cr);
      cairo_rectangle (cr, 0, 0, w, h);
      lotline_render_set_color (cr, &ctx.palette->background, 1);
      cairo_fill (cr);
    }

  n_edges = lotline_layout_get_n_edges (layout);
  n_nodes = lotline_layout_get_n_nodes (layout);

  /* Faded edges first, the highlighted path over them, labels over every
   * curve, nodes on top. */
  for (guint i = 0; i < n_edges; i++)
    {
      const LotlineLayoutEdge *edge = lotline_layout_get_edge (layout, i);

      if (!edge_highlighted (&ctx, edge))
        draw_edge (&ctx, edge, FALSE);
    }
  for (guint i = 0; ctx.highlighting && i < n_edges; i++)
    {
      const LotlineLayoutEdge *edge = lotline_layout_get_edge (layout, i);

      if (edge_highlighted (&ctx, edge))
        draw_edge (&ctx, edge, TRUE);
    }
  for (guint i = 0; i < n_edges; i++)
    {
      const LotlineLayoutEdge *edge = lotline_layout_get_edge (layout, i);

      draw_edge_label (&ctx, edge, edge_highlighted (&ctx, edge));
    }
  for (guint i = 0; i < n_nodes; i++)
    draw_node (&ctx, lotline_layout_get_node (layout, i));

  if (opts->show_legend)
    legend_run (&ctx, TRUE, 0, lotline_layout_get_height (layout) + LEGEND_GAP, NULL, NULL);

  ctx_clear (&ctx);
  cairo_restore (cr);
}

typedef struct {
  LotlineLayout        *layout;
  LotlineTrace         *trace;
  LotlineRenderOptions  opts;
  double                margin;
} FilePage;

static void
draw_file_page (cairo_t  *cr,
                gpointer  user_data)
{
  FilePage *page = user_data;

  lotline_render_set_color (cr, &lotline_render_get_palette (page->opts.theme)->background, 1);
  cairo_paint (cr);
  cairo_translate (cr, page->margin, page->margin);
  lotline_render_graph (cr, page->layout, page->trace, &page->opts);
}

/**
 * lotline_render_graph_to_file:
 * @layout: the positioned graph
 * @trace: (nullable): its trace, %NULL for lotline_layout_get_trace()
 * @opts: (nullable): render options; @png_scale and @margin apply here
 * @path: a file name ending in .png, .svg or .pdf, which picks the format
 * @error: return location for a #LOTLINE_RENDER_ERROR
 *
 * Writes the graph, on the theme's background with a margin, to one page.
 * PDF keeps the text searchable; SVG turns it into outlines.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
lotline_render_graph_to_file (LotlineLayout              *layout,
                              LotlineTrace               *trace,
                              const LotlineRenderOptions *opts,
                              const char                 *path,
                              GError                    **error)
{
  FilePage page = { 0 };
  double w, h;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  page.layout = layout;
  page.trace = trace;
  if (opts != NULL)
    page.opts = *opts;
  page.opts.draw_background = FALSE;
  page.margin = page.opts.margin > 0 ? page.opts.margin : page.opts.margin < 0 ? 0 : 24;

  lotline_render_graph_get_size (layout, &page.opts, &w, &h);
  return lotline_render_to_file (path, w + 2 * page.margin, h + 2 * page.margin,
                                 page.opts.png_scale, draw_file_page, &page, error);
}
