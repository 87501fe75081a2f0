/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-recall.h"
#include "lotline-session.h"

G_BEGIN_DECLS

/* The recalls page: the list of recalls and, for the selected one, its
 * summary, affected lots, consignee tracking table with the progress
 * towards the effectiveness level, and the actions on it: open, save its
 * documents as PDF, terminate. */
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

G_END_DECLS
