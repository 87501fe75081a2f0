/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-session.h"

G_BEGIN_DECLS

/* A modal window that records one event: receive, produce, transfer, ship,
 * return, adjust, destroy, quarantine or release.  While the person fills
 * it in, the ledger checks the event in a dry run on a worker and the
 * dialog shows the ledger's own message; "Record" is enabled only when the
 * ledger would accept the event.
 *
 * Signals: "recorded" (gint64 event_id, const char *summary), emitted after
 * the event was written, just before the dialog closes. */
#define LOTLINE_TYPE_OPERATION_DIALOG (lotline_operation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LotlineOperationDialog, lotline_operation_dialog, LOTLINE, OPERATION_DIALOG, AdwWindow)

/* Returns a new dialog, not yet shown: call gtk_window_present().  With
 * @lot_id, that lot is chosen already (the first input of a production). */
GtkWindow        *lotline_operation_dialog_new         (GtkWindow              *parent,
                                                        LotlineSession         *session,
                                                        LotlineEventKind        kind,
                                                        gint64                  lot_id);
LotlineEventKind  lotline_operation_dialog_get_kind    (LotlineOperationDialog *self);
/* TRUE while pickers load, a scanned lot is looked up, a check is pending
 * or running, or the event is being recorded. */
gboolean          lotline_operation_dialog_get_busy    (LotlineOperationDialog *self);
/* TRUE when the last dry run passed for what the form holds now. */
gboolean          lotline_operation_dialog_get_valid   (LotlineOperationDialog *self);
/* The message under the form — the ledger's error or a hint — or NULL. */
const char       *lotline_operation_dialog_get_message (LotlineOperationDialog *self);

/**
 * LotlineLotPrefill:
 * @product_id: the product to choose, or 0
 * @lot_code: (nullable): the new lot's code
 * @supplier_lot: (nullable): the supplier's code of the lot (receipts)
 * @produced_on: (nullable): "YYYY-MM-DD"
 * @expires_on: (nullable): "YYYY-MM-DD"
 * @best_before: (nullable): "YYYY-MM-DD"
 * @quantity: (nullable): the quantity, as a person would type it
 *
 * What a scanned label says about a lot to receive.
 */
typedef struct {
  gint64      product_id;
  const char *lot_code;
  const char *supplier_lot;
  const char *produced_on;
  const char *expires_on;
  const char *best_before;
  const char *quantity;
} LotlineLotPrefill;

/* Receive and produce: fills the (first) new lot's rows with what
 * @prefill gives; the product is chosen once the pickers are in. */
void              lotline_operation_dialog_prefill_lot (LotlineOperationDialog  *self,
                                                        const LotlineLotPrefill *prefill);
/* Ship, produce and return: reads @text as Enter in the "Scan a label"
 * row does — scanner data, the text under a barcode or a lot code — and
 * puts the lot it names in a lot line (a free one, or a new one), with the
 * quantity when the code carries one. */
void              lotline_operation_dialog_scan        (LotlineOperationDialog  *self,
                                                        const char              *text);
/* What the last scan did or why it found no lot, or NULL. */
const char       *lotline_operation_dialog_get_scan_message (LotlineOperationDialog *self);

G_END_DECLS
