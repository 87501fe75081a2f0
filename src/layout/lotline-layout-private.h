/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-layout.h"

G_BEGIN_DECLS

/* Shared by lotline-layout.c (the value, collapsing, the worker) and
 * lotline-layout-graphviz.c (the only file that sees Graphviz).  Tests may
 * include it to check the adapter against Graphviz's own numbers. */

struct _LotlineLayout
{
  gatomicrefcount  ref_count;
  LotlineTrace    *trace;
  guint64          generation;
  double           width;
  double           height;
  char            *font_family;
  double           font_size;
  double           edge_font_size;
  double           elapsed;         /* seconds spent in Graphviz */
  GArray          *nodes;           /* LotlineLayoutNode */
  GArray          *edges;           /* LotlineLayoutEdge */
  int             *node_of_trace;   /* trace node -> layout node */
  int             *edge_of_trace;   /* trace edge -> layout edge, -1 when hidden in a group */
  GHashTable      *by_key;          /* node key -> layout index + 1 */
  double          *graphviz_y;      /* per node: Graphviz's own y (up), before the flip */
};

/* Runs Graphviz over the nodes and edges of @layout and fills in every
 * coordinate.  Only ever called on the layout worker thread. */
gboolean lotline_layout_run_graphviz  (LotlineLayout *layout,
                                       const char    *engine,
                                       GError       **error);

/* Graphviz's own y (pointing up, bounding box from 0) of node @i, kept so
 * tests can check the flip to y down. */
double   lotline_layout_get_graphviz_y (const LotlineLayout *layout,
                                        guint                i);

G_END_DECLS
