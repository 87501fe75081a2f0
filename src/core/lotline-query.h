/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-ledger.h"

G_BEGIN_DECLS

/* Read-side queries for browsing: pages of lots, a lot's history, the day's
 * overview and the records that pickers offer. All run on any connection;
 * the UI runs them on worker threads. */

typedef enum {
  LOTLINE_LOT_SORT_CODE,
  LOTLINE_LOT_SORT_PRODUCT,
  LOTLINE_LOT_SORT_STATUS,
  LOTLINE_LOT_SORT_PRODUCED,
  LOTLINE_LOT_SORT_EXPIRES,
  LOTLINE_LOT_SORT_ON_HAND,
  LOTLINE_LOT_SORT_SUPPLIER,
} LotlineLotSort;

/* Status filter bits, by effective status (see lotline_lot_effective_status). */
#define LOTLINE_STATUS_BIT(status) (1u << (status))

/**
 * LotlineLotQuery:
 * @search: (nullable): words that must all appear in the lot code, product
 *   SKU or name, supplier name or supplier's lot code (case-insensitive)
 * @status_mask: LOTLINE_STATUS_BIT()s of the effective statuses to keep; 0 = all
 * @product_kind: a #LotlineProductKind to keep, or -1 for all
 * @product_id: keep lots of this product, 0 for all
 * @supplier_id: keep lots from this supplier, 0 for all
 * @location_id: keep lots with stock at this location or below it, 0 for all
 * @expiring_within: keep lots with stock that expire from @today to @today +
 *   this many days; -1 for no such filter
 * @on_hand_only: keep only lots with stock
 * @today: "YYYY-MM-DD", for effective status, days left and @expiring_within
 * @sort: the sort column; ties are broken by lot id
 * @descending: reverse the sort
 * @expires_from: (nullable): "YYYY-MM-DD": keep lots that expire on this
 *   day or later; %NULL for no lower bound
 * @expires_to: (nullable): "YYYY-MM-DD": keep lots that expire on this day
 *   or earlier; %NULL for no upper bound
 */
typedef struct {
  const char    *search;
  guint          status_mask;
  int            product_kind;
  gint64         product_id;
  gint64         supplier_id;
  gint64         location_id;
  int            expiring_within;
  gboolean       on_hand_only;
  const char    *today;
  LotlineLotSort sort;
  gboolean       descending;
  const char    *expires_from;
  const char    *expires_to;
} LotlineLotQuery;

/* A query that keeps everything, sorted by code. */
void lotline_lot_query_init (LotlineLotQuery *query, const char *today);

/**
 * LotlineLotRow:
 * @days_left: days from today to expiry (negative once expired), or
 *   %G_MININT when the lot has no expiry date
 * @locations: codes of the locations holding stock, comma-separated, or %NULL
 */
typedef struct {
  gint64             id;
  char              *code;
  gint64             product_id;
  char              *product_sku;
  char              *product_name;
  LotlineProductKind product_kind;
  char              *unit;
  LotlineLotStatus   status;       /* effective */
  char              *produced_on;
  char              *expires_on;
  int                days_left;
  gint64             on_hand;
  char              *locations;
  gint64             supplier_id;
  char              *supplier_name;
  char              *supplier_lot;
} LotlineLotRow;

void     lotline_lot_row_free     (LotlineLotRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineLotRow, lotline_lot_row_free)

gboolean lotline_store_count_lots (LotlineStore          *store,
                                   const LotlineLotQuery *query,
                                   guint                 *out_count,
                                   GError               **error);
/* Rows @offset … @offset + @limit − 1 of the query; element LotlineLotRow*. */
GPtrArray *lotline_store_query_lots (LotlineStore          *store,
                                     const LotlineLotQuery *query,
                                     guint                  offset,
                                     guint                  limit,
                                     GError               **error);

/* One line of one event in a lot's history, oldest first. */
typedef struct {
  gint64           event_id;
  LotlineEventKind kind;
  gint64           occurred_at;      /* unix seconds, UTC */
  char            *occurred_on;      /* local date */
  char            *recorded_by;
  gint64           party_id;
  char            *party_name;
  char            *doc_type;
  char            *doc_number;
  char            *reason;
  char            *override_reason;
  LotlineLineRole  role;
  gint64           quantity;
  gint64           location_id;
  char            *location_code;
} LotlineTimelineEntry;

void       lotline_timeline_entry_free   (LotlineTimelineEntry *entry);
/* Element LotlineTimelineEntry*. */
GPtrArray *lotline_store_get_lot_timeline (LotlineStore *store,
                                           gint64        lot_id,
                                           GError      **error);

/**
 * LotlineOverview:
 * @lots_on_hand: lots with stock
 * @quarantined: quarantined lots with stock
 * @expiring_soon: released lots with stock expiring from today to today +
 *   the warning window
 * @expired_on_hand: lots with stock past their expiry date
 * @recalled_on_hand: recalled lots with stock
 */
typedef struct {
  gint64 lots_on_hand;
  gint64 quarantined;
  gint64 expiring_soon;
  gint64 expired_on_hand;
  gint64 recalled_on_hand;
} LotlineOverview;

gboolean lotline_store_get_overview (LotlineStore    *store,
                                     const char      *today,
                                     int              warning_days,
                                     LotlineOverview *out,
                                     GError         **error);

/* What a picker offers: id, business code, name, and the kind as an int
 * (LotlineProductKind, LotlinePartyKind or LotlineLocationKind). */
typedef struct {
  gint64 id;
  char  *code;
  char  *name;
  int    kind;
  char  *unit;   /* products only */
} LotlineRecordRef;

void       lotline_record_ref_free    (LotlineRecordRef *ref);
/* Element LotlineRecordRef*, sorted by name. @kind -1 = all kinds. */
GPtrArray *lotline_store_list_products  (LotlineStore *store, int kind, GError **error);
GPtrArray *lotline_store_list_parties   (LotlineStore *store, int kind, GError **error);
GPtrArray *lotline_store_list_locations (LotlineStore *store, GError **error);

G_END_DECLS
