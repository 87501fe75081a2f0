/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-render.h"

G_BEGIN_DECLS

#define LOTLINE_N_STATUSES  5
#define LOTLINE_N_NODE_KINDS 4
#define LOTLINE_N_EDGE_KINDS 5

/* One theme's colours.  Statuses index by LotlineLotStatus, node kinds by
 * LotlineNodeKind, edge kinds by LotlineEdgeKind. */
typedef struct {
  LotlineRenderColor background;
  LotlineRenderColor text;
  LotlineRenderColor text_dim;
  LotlineRenderColor accent;
  LotlineRenderColor panel;         /* legend and edge-label backing */
  LotlineRenderColor panel_border;
  LotlineRenderColor status_fill[LOTLINE_N_STATUSES];
  LotlineRenderColor status_stroke[LOTLINE_N_STATUSES];
  LotlineRenderColor badge_fill[LOTLINE_N_STATUSES];
  LotlineRenderColor badge_text[LOTLINE_N_STATUSES];
  LotlineRenderColor kind_fill[LOTLINE_N_NODE_KINDS];
  LotlineRenderColor kind_stroke[LOTLINE_N_NODE_KINDS];
  LotlineRenderColor edge[LOTLINE_N_EDGE_KINDS];
} LotlineRenderPalette;

/* Like lotline_render_file_type_from_path(), and sets a
 * #LOTLINE_RENDER_ERROR_FORMAT error unless @path names a PDF file:
 * documents are saved as PDF only. */
gboolean lotline_render_check_pdf_path (const char  *path,
                                        GError     **error);

const LotlineRenderPalette *lotline_render_get_palette (LotlineRenderTheme theme);

static inline void
lotline_render_set_color (cairo_t                  *cr,
                          const LotlineRenderColor *color,
                          double                    alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

G_END_DECLS
