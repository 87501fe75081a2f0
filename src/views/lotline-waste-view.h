/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-expiry.h"
#include "lotline-session.h"

G_BEGIN_DECLS

/* Waste written off to expiry over the last twelve months: a stacked bar
 * chart (drawn by lotline-render-chart), by product, supplier or location,
 * the table behind it, and exports of the table (CSV) and the chart (PNG,
 * SVG or PDF).  The report is read on a worker; files are written on one. */
#define LOTLINE_TYPE_WASTE_VIEW (lotline_waste_view_get_type ())
G_DECLARE_FINAL_TYPE (LotlineWasteView, lotline_waste_view, LOTLINE, WASTE_VIEW, GtkWidget)

GtkWidget                *lotline_waste_view_new          (void);
void                      lotline_waste_view_set_session  (LotlineWasteView     *self,
                                                           LotlineSession       *session);
void                      lotline_waste_view_set_grouping (LotlineWasteView     *self,
                                                           LotlineWasteGrouping  grouping);
/* The report shown, or NULL while none is loaded. */
const LotlineWasteReport *lotline_waste_view_get_report   (LotlineWasteView     *self);
/* TRUE while the report is being read. */
gboolean                  lotline_waste_view_get_loading  (LotlineWasteView     *self);
/* The table's rows (one per series), for tests. */
guint                     lotline_waste_view_get_n_rows   (LotlineWasteView     *self);
/* Writes the report (.csv) or the chart (.png, .svg, .pdf) to @path on a
 * worker; the result arrives as a toast. */
void                      lotline_waste_view_export       (LotlineWasteView     *self,
                                                           const char           *path);

G_END_DECLS
