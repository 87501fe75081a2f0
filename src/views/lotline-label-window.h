/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-render-document.h"
#include "lotline-session.h"

G_BEGIN_DECLS

/* A window that prints a lot's GS1 label (GS1-128, GS1 DataMatrix, Digital
 * Link QR): size, copies and barcodes on the left, the label as it will
 * print on the right, Print and Save as PDF in the header bar.  The lot is
 * read on a worker; the label is drawn by src/render. */
#define LOTLINE_TYPE_LABEL_WINDOW (lotline_label_window_get_type ())
G_DECLARE_FINAL_TYPE (LotlineLabelWindow, lotline_label_window, LOTLINE, LABEL_WINDOW, AdwWindow)

GtkWindow             *lotline_label_window_new          (GtkWindow          *parent,
                                                          LotlineSession     *session,
                                                          gint64              lot_id);
/* The labels as chosen, or NULL while the lot loads or when it cannot be
 * labelled. */
LotlineRenderDocument *lotline_label_window_get_document (LotlineLabelWindow *self);
/* TRUE while the lot loads or the labels are drawn (on a worker). */
gboolean               lotline_label_window_get_busy     (LotlineLabelWindow *self);
/* Why there is no document, or NULL. */
const char            *lotline_label_window_get_problem  (LotlineLabelWindow *self);
/* What "Save as PDF…" does once a file is chosen. */
gboolean               lotline_label_window_save_pdf     (LotlineLabelWindow *self,
                                                          const char         *path,
                                                          GError            **error);

G_END_DECLS
