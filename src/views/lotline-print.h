/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lotline-render-document.h"

G_BEGIN_DECLS

/**
 * lotline_print_document:
 * @parent: (nullable): the window the print dialog belongs to
 * @document: the pages to print, at their own size
 * @job_name: the print job's name, e.g. "Recall R-2026-001 letters"
 * @callback: (nullable): called on the main thread when the job was sent,
 *   cancelled or failed
 * @user_data: for @callback
 *
 * Runs a GtkPrintOperation with the print dialog: one printed page per
 * document page, scaled to the printer's imageable area when it differs.
 * Finish with lotline_print_document_finish().
 */
void     lotline_print_document        (GtkWindow             *parent,
                                        LotlineRenderDocument *document,
                                        const char            *job_name,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
/* FALSE with G_IO_ERROR_CANCELLED when the user cancelled. */
gboolean lotline_print_document_finish (GAsyncResult          *result,
                                        GError               **error);

/* Runs the same print operation without a dialog, exporting to @pdf_path
 * (GTK_PRINT_OPERATION_ACTION_EXPORT): what tests check. */
gboolean lotline_print_document_export (LotlineRenderDocument *document,
                                        const char            *pdf_path,
                                        GError               **error);

G_END_DECLS
