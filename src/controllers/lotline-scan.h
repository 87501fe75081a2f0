/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lotline-session.h"

G_BEGIN_DECLS

/* Scanner input as the search field and the operation dialogs take it:
 * what a keyboard-wedge scanner types (with the GS separator sent as a
 * configurable character), the bracketed text printed under a barcode, a
 * GS1 Digital Link, or a plain lot code; and the lot it names, looked up
 * on a worker. */

/* The GS separator a scanner sends when nothing else is configured. */
#define LOTLINE_SCAN_GS "\x1d"

/**
 * LotlineScan:
 * @gtin: the GTIN-14 of AI (01), or of (02) when there is no (01); or %NULL
 * @lot_code: AI (10), or the whole of a plain (non-GS1) code; or %NULL
 * @expires_on: AI (17) as "YYYY-MM-DD" (day 00 is the month's last day)
 * @produced_on: AI (11)
 * @best_before: AI (15)
 * @quantity: an exact decimal: the count of AI (30) or (37), or the net
 *   weight in kilograms of AI (310n); %NULL when the code carries none
 * @quantity_ai: the AI @quantity came from
 * @bracketed: the code as the text under a barcode prints it, for messages
 */
typedef struct {
  char *gtin;
  char *lot_code;
  char *expires_on;
  char *produced_on;
  char *best_before;
  char *quantity;
  char *quantity_ai;
  char *bracketed;
} LotlineScan;

LotlineScan *lotline_scan_copy               (const LotlineScan *scan);
void         lotline_scan_free               (LotlineScan *scan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineScan, lotline_scan_free)

/* Reads @text.  @gs is what the scanner sends for the GS separator (the
 * GS control character, "~", "<GS>" …); it is read as GS in scanner data.
 * Returns NULL without an error when @text is not scanner data but typed
 * words (search them as they are), and NULL with a LOTLINE_GS1_ERROR that
 * says what is wrong when it is GS1 data that breaks a rule. */
LotlineScan *lotline_scan_parse              (const char  *text,
                                              const char  *gs,
                                              GError     **error);
/* The message to show for an error of lotline_scan_parse(). */
char        *lotline_scan_describe_error     (const GError *error);
/* A scan of a lot code typed by hand. */
LotlineScan *lotline_scan_new_for_code       (const char  *lot_code);
/* The quantity to enter for a lot counted in @unit, or NULL when the code
 * carries no quantity in that unit (a weight for a lot counted in pieces). */
const char  *lotline_scan_get_quantity_for   (const LotlineScan *scan,
                                              const char        *unit);

typedef enum {
  LOTLINE_SCAN_FOUND,            /* @lot_id */
  LOTLINE_SCAN_SEVERAL,          /* several lots of different products have the code */
  LOTLINE_SCAN_NO_LOT_CODE,      /* the code names a product (@product_*) and no lot */
  LOTLINE_SCAN_UNKNOWN_LOT,      /* the product (@product_*) has no such lot */
  LOTLINE_SCAN_UNKNOWN_PRODUCT,  /* no product has the GTIN */
  LOTLINE_SCAN_NOT_FOUND,        /* no lot has the code (a scan without GTIN) */
} LotlineScanOutcome;

/**
 * LotlineScanMatch:
 * @scan: the scan that was looked up
 * @outcome: what the look-up found
 * @lot_id: the lot, for %LOTLINE_SCAN_FOUND
 * @lot_code: its code
 * @unit: the unit of the lot's product (or of the GTIN's product)
 * @n_lots: how many lots have the code, for %LOTLINE_SCAN_SEVERAL
 * @product_id: the product of the GTIN, when it is known
 * @product_sku: its SKU
 * @product_name: its name
 * @message: (nullable): what to tell the person when nothing was found
 *   (translated, a complete sentence that says what to do)
 */
typedef struct {
  LotlineScan       *scan;
  LotlineScanOutcome outcome;
  gint64             lot_id;
  char              *lot_code;
  char              *unit;
  guint              n_lots;
  gint64             product_id;
  char              *product_sku;
  char              *product_name;
  char              *message;
  gboolean           has_lot_format;  /* UNKNOWN_LOT: the product's lot codes follow a format */
} LotlineScanMatch;

void              lotline_scan_match_free     (LotlineScanMatch *match);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineScanMatch, lotline_scan_match_free)

/* Finds the lot @scan names, on a worker of @session. */
void              lotline_scan_lookup_async   (LotlineSession      *session,
                                               const LotlineScan   *scan,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
LotlineScanMatch *lotline_scan_lookup_finish  (LotlineSession      *session,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
