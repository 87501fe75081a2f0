/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-recall.h"
#include "lotline-recall-wizard.h"
#include "lotline-render-document.h"
#include "lotline-session.h"

G_BEGIN_DECLS

/* The recalls page: the list of recalls and, for the selected one, its
 * summary, affected lots, consignee tracking table with the progress
 * towards the effectiveness level, and the actions on it: open; preview,
 * print or save as PDF its documents; terminate. */
#define LOTLINE_TYPE_RECALLS_PAGE (lotline_recalls_page_get_type ())
G_DECLARE_FINAL_TYPE (LotlineRecallsPage, lotline_recalls_page, LOTLINE, RECALLS_PAGE, AdwBin)

typedef enum {
  LOTLINE_RECALL_DOCUMENT_LETTERS,
  LOTLINE_RECALL_DOCUMENT_REPORT,
  LOTLINE_RECALL_DOCUMENT_STATUS_REPORT,
} LotlineRecallDocument;

GtkWidget      *lotline_recalls_page_new               (void);
LotlineSession *lotline_recalls_page_get_session       (LotlineRecallsPage *self);
void            lotline_recalls_page_set_session       (LotlineRecallsPage *self,
                                                        LotlineSession     *session);
/* TRUE while the list, the selected recall or a job on it is under way. */
gboolean        lotline_recalls_page_get_busy          (LotlineRecallsPage *self);
/* The list of recalls (GtkListBox rows, newest first). */
GtkListBox     *lotline_recalls_page_get_list          (LotlineRecallsPage *self);
/* The id of the recall shown, or 0. */
gint64          lotline_recalls_page_get_recall_id     (LotlineRecallsPage *self);
/* The consignee tracking rows of the recall shown. */
GListModel     *lotline_recalls_page_get_consignees    (LotlineRecallsPage *self);
/* Opens the tracking editor of the consignee at @position; returns it. */
GtkWindow      *lotline_recalls_page_edit_consignee    (LotlineRecallsPage *self,
                                                        guint               position);
/* Asks to open the draft shown; returns the confirmation dialog. */
GtkWidget      *lotline_recalls_page_confirm_open      (LotlineRecallsPage *self);
/* Renders a document of the recall shown to @path on a worker. */
void            lotline_recalls_page_save_document     (LotlineRecallsPage   *self,
                                                        LotlineRecallDocument document,
                                                        const char           *path);
/* Builds a document of the recall shown on a worker, with the letterhead
 * from the preferences; finish gives its recorded pages (the letters have
 * one part per consignee). */
void            lotline_recalls_page_build_document_async  (LotlineRecallsPage    *self,
                                                            LotlineRecallDocument  document,
                                                            GCancellable          *cancellable,
                                                            GAsyncReadyCallback    callback,
                                                            gpointer               user_data);
LotlineRenderDocument *lotline_recalls_page_build_document_finish (LotlineRecallsPage  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
/* Builds the document on a worker, then runs the print dialog. */
void            lotline_recalls_page_print_document    (LotlineRecallsPage   *self,
                                                        LotlineRecallDocument document);
/* Opens a window with the document's pages as they will print (for the
 * letters, a consignee chooser that jumps to that consignee's letter) and
 * a Print button; returns it.  Its data "preview" is the
 * LotlineDocumentPreview, "consignee-chooser" the GtkDropDown. */
GtkWindow      *lotline_recalls_page_preview_document  (LotlineRecallsPage   *self,
                                                        LotlineRecallDocument document);
/* Writes the FSMA 204 sortable spreadsheet of the recall shown to @path
 * (".xlsx" is added when missing) on a worker, then toasts. */
void            lotline_recalls_page_export_fsma204    (LotlineRecallsPage   *self,
                                                        const char           *path);
/* Opens the recall wizard over the page's window: a new recall, or the
 * draft @draft_id (0 for none) to continue. */
LotlineRecallWizard *lotline_recalls_page_start_wizard (LotlineRecallsPage *self,
                                                        gint64              draft_id);
/* Shows the recall @recall_id (reading the list again), then activates
 * @then_action on the page, e.g. "recalls.save-letters"; NULL for none. */
void            lotline_recalls_page_show_recall       (LotlineRecallsPage   *self,
                                                        gint64                recall_id,
                                                        const char           *then_action);

G_END_DECLS
