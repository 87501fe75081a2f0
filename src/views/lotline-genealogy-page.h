/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-graph-view.h"
#include "lotline-session.h"
#include "lotline-trace.h"

G_BEGIN_DECLS

/* A lot's genealogy: the graph (LotlineGraphView) above a table of the
 * same nodes sharing one selection, with direction, depth, zoom, export
 * and print controls.  Tracing runs on a session worker and the layout on
 * the layout worker; the page shows a busy state meanwhile and drops
 * answers to questions no longer asked.
 *
 * Signals: "open-lot" (gint64 lot_id) when a lot is double-clicked or
 * activated in the table.  Properties: "title" (for the shell's header),
 * "busy", "direction", "depth".  Actions (genealogy.*): zoom-in, zoom-out,
 * zoom-reset, zoom-fit, export, print, reload; Ctrl+plus/minus/0, Ctrl+E
 * and Ctrl+P work anywhere in the page. */

#define LOTLINE_TYPE_GENEALOGY_PAGE (lotline_genealogy_page_get_type ())
G_DECLARE_FINAL_TYPE (LotlineGenealogyPage, lotline_genealogy_page, LOTLINE, GENEALOGY_PAGE, AdwBin)

/* Traces @seed_lot_ids (copied) both ways at once. */
GtkWidget             *lotline_genealogy_page_new            (LotlineSession        *session,
                                                              const gint64          *seed_lot_ids,
                                                              guint                  n_seeds);
LotlineSession        *lotline_genealogy_page_get_session    (LotlineGenealogyPage  *self);
const gint64          *lotline_genealogy_page_get_seeds      (LotlineGenealogyPage  *self,
                                                              guint                 *n_seeds);
/* "Genealogy of B-1", or "Genealogy" until the trace is read. */
const char            *lotline_genealogy_page_get_title      (LotlineGenealogyPage  *self);
/* TRUE while tracing or laying out. */
gboolean               lotline_genealogy_page_get_busy       (LotlineGenealogyPage  *self);

LotlineTraceDirection  lotline_genealogy_page_get_direction  (LotlineGenealogyPage  *self);
/* Traces again; only the latest request's answer is shown. */
void                   lotline_genealogy_page_set_direction  (LotlineGenealogyPage  *self,
                                                              LotlineTraceDirection  direction);
guint                  lotline_genealogy_page_get_depth      (LotlineGenealogyPage  *self);
/* Production steps to follow, 0 for all; traces again. */
void                   lotline_genealogy_page_set_depth      (LotlineGenealogyPage  *self,
                                                              guint                  depth);
/* Traces again (the page also does on LotlineSession::changed). */
void                   lotline_genealogy_page_reload         (LotlineGenealogyPage  *self);

LotlineGraphView      *lotline_genealogy_page_get_graph_view (LotlineGenealogyPage  *self);
/* The table of the graph's nodes; its model is the shared selection. */
GtkColumnView         *lotline_genealogy_page_get_table      (LotlineGenealogyPage  *self);
/* Re-lays out with the group @key shown one by one. */
void                   lotline_genealogy_page_expand_group   (LotlineGenealogyPage  *self,
                                                              const char            *key);

/* Writes the graph (light colours, legend) to @file on a worker thread;
 * the format follows the extension: .pdf, .svg or .png. */
void                   lotline_genealogy_page_export_async   (LotlineGenealogyPage  *self,
                                                              GFile                 *file,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
gboolean               lotline_genealogy_page_export_finish  (LotlineGenealogyPage  *self,
                                                              GAsyncResult          *result,
                                                              GError               **error);
/* Shows the print dialog; with @export_pdf, prints to that PDF file
 * without a dialog instead (and blocks until done). */
gboolean               lotline_genealogy_page_print          (LotlineGenealogyPage  *self,
                                                              const char            *export_pdf,
                                                              GError               **error);

G_END_DECLS
