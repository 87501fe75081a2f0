/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lotline-render-document.h"

G_BEGIN_DECLS

#define LOTLINE_TYPE_DOCUMENT_PREVIEW (lotline_document_preview_get_type ())
G_DECLARE_FINAL_TYPE (LotlineDocumentPreview, lotline_document_preview, LOTLINE, DOCUMENT_PREVIEW, GtkWidget)

/* Shows one page of a LotlineRenderDocument as it will print: a white
 * sheet, scaled to fit, with page navigation ("Page 2 of 6"). */
GtkWidget             *lotline_document_preview_new          (void);
void                   lotline_document_preview_set_document (LotlineDocumentPreview *self,
                                                              LotlineRenderDocument  *document);
LotlineRenderDocument *lotline_document_preview_get_document (LotlineDocumentPreview *self);
/* Page counted from 0; clamped to the document. */
void                   lotline_document_preview_set_page     (LotlineDocumentPreview *self,
                                                              guint                   page);
guint                  lotline_document_preview_get_page     (LotlineDocumentPreview *self);

G_END_DECLS
