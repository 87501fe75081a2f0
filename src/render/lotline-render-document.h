/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/**
 * LotlineRenderDocument:
 *
 * A paged document drawn once and replayed anywhere: each page is a cairo
 * recording surface, so the same pages go to a PDF file, to a
 * GtkPrintOperation's context and to an on-screen preview, as vectors with
 * their text.  Once built it is immutable and reference counted; its pages
 * may be replayed from any one thread at a time.
 */
typedef struct _LotlineRenderDocument LotlineRenderDocument;

#define LOTLINE_TYPE_RENDER_DOCUMENT (lotline_render_document_get_type ())

GType                  lotline_render_document_get_type      (void) G_GNUC_CONST;

/* An empty document whose pages measure @width × @height points. */
LotlineRenderDocument *lotline_render_document_new           (double width,
                                                              double height);
LotlineRenderDocument *lotline_render_document_ref           (LotlineRenderDocument *doc);
void                   lotline_render_document_unref         (LotlineRenderDocument *doc);

/**
 * lotline_render_document_add_page:
 * @doc: a document being built
 *
 * Appends a blank page.
 *
 * Returns: (transfer full): a context drawing on the new page, user space
 *   in points with the origin at the top left; destroy it when the page is
 *   drawn
 */
cairo_t               *lotline_render_document_add_page      (LotlineRenderDocument *doc);

guint                  lotline_render_document_get_n_pages   (const LotlineRenderDocument *doc);
double                 lotline_render_document_get_width     (const LotlineRenderDocument *doc);
double                 lotline_render_document_get_height    (const LotlineRenderDocument *doc);

/* Replays page @page (counted from 0) onto @cr, in @cr's current user space
 * (points).  Nothing is drawn for a page out of range. */
void                   lotline_render_document_draw_page     (const LotlineRenderDocument *doc,
                                                              cairo_t                     *cr,
                                                              guint                        page);

/* Marks page @page (from 0) as the start of a part (one consignee's letter,
 * one label...), so a viewer or a printer can offer "part N". */
void                   lotline_render_document_mark_part     (LotlineRenderDocument *doc,
                                                              guint                  page);
guint                  lotline_render_document_get_n_parts   (const LotlineRenderDocument *doc);
/* The first page (from 0) of part @part; the page count past the last. */
guint                  lotline_render_document_get_part_page (const LotlineRenderDocument *doc,
                                                              guint                        part);

/* Writes every page into one PDF file; a #LOTLINE_RENDER_ERROR on failure. */
gboolean               lotline_render_document_write_pdf     (const LotlineRenderDocument *doc,
                                                              const char                  *path,
                                                              GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineRenderDocument, lotline_render_document_unref)

G_END_DECLS
