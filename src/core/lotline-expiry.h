/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-query.h"

G_BEGIN_DECLS

/* Expiry control: customers' shelf-life policies, first-expired-first-out
 * allocation of an order line, the expiry calendar, and the waste written
 * off to expiry.  Errors are #LOTLINE_LEDGER_ERROR or #LOTLINE_STORE_ERROR. */

/* ---- shelf-life policies ---------------------------------------------- */

/**
 * LotlinePolicyLevel:
 * @LOTLINE_POLICY_NONE: the customer accepts any lot that has not expired
 * @LOTLINE_POLICY_CUSTOMER: the customer's own policy
 * @LOTLINE_POLICY_PRODUCT: the policy for this customer and product, which
 *   replaces the customer's own policy for that product
 *
 * Where an effective policy comes from.
 */
typedef enum {
  LOTLINE_POLICY_NONE,
  LOTLINE_POLICY_CUSTOMER,
  LOTLINE_POLICY_PRODUCT,
} LotlinePolicyLevel;

/**
 * LotlineShelfLifePolicy:
 * @level: where the policy comes from
 * @min_days: days of shelf life that must be left on the delivery date, or
 *   -1 for no such rule
 * @min_percent: percent of the lot's total shelf life that must be left on
 *   the delivery date (0–100), or -1 for no such rule
 *
 * When both rules are set, a lot must satisfy both.
 */
typedef struct {
  LotlinePolicyLevel level;
  int                min_days;
  int                min_percent;
} LotlineShelfLifePolicy;

gboolean lotline_store_set_shelf_life_policy (LotlineStore           *store,
                                              gint64                  customer_id,
                                              gint64                  product_id,
                                              int                     min_days,
                                              int                     min_percent,
                                              GError                **error);
gboolean lotline_store_get_shelf_life_policy (LotlineStore           *store,
                                              gint64                  customer_id,
                                              gint64                  product_id,
                                              LotlineShelfLifePolicy *out,
                                              GError                **error);

/* One product-specific policy of a customer. */
typedef struct {
  gint64 product_id;
  char  *product_sku;
  char  *product_name;
  int    min_days;     /* -1 = none */
  int    min_percent;  /* -1 = none */
} LotlineShelfLifeOverride;

void       lotline_shelf_life_override_free        (LotlineShelfLifeOverride *item);
/* Element LotlineShelfLifeOverride*, by SKU. */
GPtrArray *lotline_store_list_shelf_life_overrides (LotlineStore *store,
                                                    gint64        customer_id,
                                                    GError      **error);

gboolean   lotline_shelf_life_policy_accepts       (const LotlineShelfLifePolicy *policy,
                                                    int                           days_left,
                                                    int                           total_days);
int        lotline_shelf_life_policy_required_days (const LotlineShelfLifePolicy *policy,
                                                    int                           total_days);

/* ---- allocation ------------------------------------------------------- */

/**
 * LotlineAllocationOrder:
 * @LOTLINE_ALLOCATION_FEFO: first expired, first out: earliest expiry first
 * @LOTLINE_ALLOCATION_FIFO: first in, first out: earliest production (or
 *   receipt) date first
 */
typedef enum {
  LOTLINE_ALLOCATION_FEFO,
  LOTLINE_ALLOCATION_FIFO,
} LotlineAllocationOrder;

/**
 * LotlineSkipReason:
 * @LOTLINE_SKIP_RECALLED: the lot is recalled
 * @LOTLINE_SKIP_QUARANTINED: the lot is quarantined
 * @LOTLINE_SKIP_DESTROYED: the lot was destroyed
 * @LOTLINE_SKIP_EXPIRED: the lot expires before the delivery date (or was
 *   recorded as expired)
 * @LOTLINE_SKIP_SHORT_SHELF_LIFE: the lot would reach the customer with less
 *   shelf life left than the customer's policy requires
 * @LOTLINE_SKIP_UNKNOWN_SHELF_LIFE: the policy is a percentage, and the lot
 *   has neither a production nor a receipt date (nor does its product have a
 *   shelf life) to measure it against
 * @LOTLINE_SKIP_LOCATION: the stock is at a quarantine or scrap location
 */
typedef enum {
  LOTLINE_SKIP_RECALLED,
  LOTLINE_SKIP_QUARANTINED,
  LOTLINE_SKIP_DESTROYED,
  LOTLINE_SKIP_EXPIRED,
  LOTLINE_SKIP_SHORT_SHELF_LIFE,
  LOTLINE_SKIP_UNKNOWN_SHELF_LIFE,
  LOTLINE_SKIP_LOCATION,
} LotlineSkipReason;

/* "recalled", "quarantined", "destroyed", "expired", "short-shelf-life",
 * "unknown-shelf-life", "location". */
const char *lotline_skip_reason_to_string (LotlineSkipReason reason);

/**
 * LotlineAllocationPick:
 * @days_left: days from the delivery date to expiry (0 when it expires that
 *   day), or %G_MININT when the lot does not expire
 * @dated_on: the production date, or the receipt date of a bought-in lot
 */
typedef struct {
  gint64 lot_id;
  char  *lot_code;
  gint64 location_id;
  char  *location_code;
  gint64 quantity;
  char  *expires_on;
  int    days_left;
  char  *dated_on;
} LotlineAllocationPick;

/**
 * LotlineAllocationSkip:
 * @location_id: the location whose stock was passed over, or 0 when the
 *   reason concerns the whole lot
 * @location_code: (nullable): its code
 * @quantity: the quantity on hand that was passed over
 * @days_left: as in #LotlineAllocationPick
 * @message: a translated sentence saying why
 */
typedef struct {
  gint64            lot_id;
  char             *lot_code;
  gint64            location_id;
  char             *location_code;
  gint64            quantity;
  char             *expires_on;
  int               days_left;
  LotlineSkipReason reason;
  char             *message;
} LotlineAllocationSkip;

/**
 * LotlineAllocation:
 * @picks: (element-type LotlineAllocationPick): the proposed lines, in
 *   picking order
 * @skipped: (element-type LotlineAllocationSkip): every lot (or stock at a
 *   location) of the product that cannot go to this customer on this date
 * @shortfall: @requested − @allocated
 * @shortfall_message: (nullable): a sentence saying what is missing, or
 *   %NULL when the whole quantity is covered
 */
typedef struct {
  gint64                 customer_id;
  char                  *customer_code;
  char                  *customer_name;
  gint64                 product_id;
  char                  *product_sku;
  char                  *unit;
  char                  *delivery_date;
  LotlineAllocationOrder order;
  LotlineShelfLifePolicy policy;
  gint64                 requested;
  gint64                 allocated;
  gint64                 shortfall;
  GArray                *picks;
  GArray                *skipped;
  char                  *shortfall_message;
} LotlineAllocation;

void     lotline_allocation_free (LotlineAllocation *allocation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineAllocation, lotline_allocation_free)

gboolean lotline_store_allocate  (LotlineStore            *store,
                                  gint64                   customer_id,
                                  gint64                   product_id,
                                  gint64                   quantity,
                                  const char              *delivery_date,
                                  LotlineAllocationOrder   order,
                                  LotlineAllocation      **out,
                                  GError                 **error);

/* ---- expiry views ----------------------------------------------------- */

typedef struct {
  char  *unit;
  gint64 quantity;
} LotlineUnitQuantity;

/**
 * LotlineExpiryDay:
 * @date: "YYYY-MM-DD"
 * @n_lots: lots with stock that expire on @date
 * @quantities: (element-type LotlineUnitQuantity): their stock, one entry
 *   per unit, by unit
 */
typedef struct {
  char   *date;
  guint   n_lots;
  GArray *quantities;
} LotlineExpiryDay;

void       lotline_expiry_day_free       (LotlineExpiryDay *day);
GPtrArray *lotline_store_expiry_calendar (LotlineStore          *store,
                                          const LotlineLotQuery *filter,
                                          const char            *from,
                                          const char            *to,
                                          GError               **error);

void lotline_lot_query_init_expiring        (LotlineLotQuery *query,
                                             const char      *today,
                                             int              days);
void lotline_lot_query_init_expired_on_hand (LotlineLotQuery *query,
                                             const char      *today);

/* ---- write-off and waste ---------------------------------------------- */

/* The reason destroy events of expired stock carry. */
#define LOTLINE_WRITE_OFF_EXPIRED "expired"

gboolean lotline_store_write_off_expired (LotlineStore *store,
                                          gint64        lot_id,
                                          gint64        location_id,
                                          gint64        occurred_at,
                                          GError      **error);

/**
 * LotlineWasteGrouping:
 * @LOTLINE_WASTE_BY_PRODUCT: one series per product
 * @LOTLINE_WASTE_BY_SUPPLIER: one series per supplier of the lots; lots
 *   made in house form their own series
 * @LOTLINE_WASTE_BY_LOCATION: one series per top-level location (warehouse)
 *   the stock was written off in
 */
typedef enum {
  LOTLINE_WASTE_BY_PRODUCT,
  LOTLINE_WASTE_BY_SUPPLIER,
  LOTLINE_WASTE_BY_LOCATION,
} LotlineWasteGrouping;

const char *lotline_waste_grouping_to_string   (LotlineWasteGrouping  grouping);
gboolean    lotline_waste_grouping_from_string (const char           *s,
                                                LotlineWasteGrouping *out);

#define LOTLINE_WASTE_MONTHS 12

/**
 * LotlineWasteSeries:
 * @key: the product's SKU, the supplier's or the location's code; "" for
 *   lots made in house
 * @label: the name people read
 * @unit: the unit of @quantity; a group with products of several units
 *   has one series per unit
 * @quantity: written off per month, thousandths of @unit
 * @value: written off per month, thousandths of the currency (the
 *   product's current unit cost × quantity)
 */
typedef struct {
  char  *key;
  char  *label;
  char  *unit;
  gint64 quantity[LOTLINE_WASTE_MONTHS];
  gint64 value[LOTLINE_WASTE_MONTHS];
  gint64 total_quantity;
  gint64 total_value;
} LotlineWasteSeries;

/**
 * LotlineWasteReport:
 * @months: "YYYY-MM", oldest first
 * @series: (element-type LotlineWasteSeries): most value first
 * @month_value: the value of all series per month
 */
typedef struct {
  LotlineWasteGrouping grouping;
  char                *months[LOTLINE_WASTE_MONTHS];
  GPtrArray           *series;
  gint64               month_value[LOTLINE_WASTE_MONTHS];
  gint64               total_value;
} LotlineWasteReport;

void                lotline_waste_report_free      (LotlineWasteReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineWasteReport, lotline_waste_report_free)

LotlineWasteReport *lotline_store_waste_report     (LotlineStore         *store,
                                                    LotlineWasteGrouping  grouping,
                                                    const char           *last_month,
                                                    GError              **error);
char               *lotline_waste_report_to_csv    (const LotlineWasteReport *report);
gboolean            lotline_waste_report_write_csv (const LotlineWasteReport *report,
                                                    const char               *path,
                                                    GError                  **error);

G_END_DECLS
