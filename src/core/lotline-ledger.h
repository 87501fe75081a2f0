/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-store.h"

G_BEGIN_DECLS

#define LOTLINE_LEDGER_ERROR (lotline_ledger_error_quark ())

/**
 * LotlineLedgerError:
 *
 * Every rule of the ledger has its own code, so callers and tests can tell
 * them apart; the message is a sentence a person can act on.
 */
typedef enum {
  LOTLINE_LEDGER_ERROR_INVALID,            /* a required field is missing or malformed */
  LOTLINE_LEDGER_ERROR_INVALID_QUANTITY,   /* zero or negative quantity */
  LOTLINE_LEDGER_ERROR_INVALID_DATE,
  LOTLINE_LEDGER_ERROR_UNKNOWN_PRODUCT,
  LOTLINE_LEDGER_ERROR_UNKNOWN_PARTY,
  LOTLINE_LEDGER_ERROR_UNKNOWN_LOCATION,
  LOTLINE_LEDGER_ERROR_UNKNOWN_LOT,
  LOTLINE_LEDGER_ERROR_DUPLICATE,          /* product SKU, party or location code taken */
  LOTLINE_LEDGER_ERROR_DUPLICATE_LOT,      /* lot code already used for this product */
  LOTLINE_LEDGER_ERROR_WRONG_PARTY,        /* e.g. shipping to a supplier */
  LOTLINE_LEDGER_ERROR_NEGATIVE_STOCK,
  LOTLINE_LEDGER_ERROR_EXPIRED,            /* shipping an expired lot without override */
  LOTLINE_LEDGER_ERROR_QUARANTINED,        /* shipping a quarantined lot without override */
  LOTLINE_LEDGER_ERROR_RECALLED,           /* recalled lots are never shipped */
  LOTLINE_LEDGER_ERROR_DESTROYED,
  LOTLINE_LEDGER_ERROR_CYCLE,              /* a lot consumed into itself or its ancestor */
  LOTLINE_LEDGER_ERROR_EXPIRY_BEFORE_PRODUCTION,
  LOTLINE_LEDGER_ERROR_REASON_REQUIRED,
  LOTLINE_LEDGER_ERROR_SERIAL,             /* serial-tracked unit not exactly one */
  LOTLINE_LEDGER_ERROR_SHAPE,              /* lines do not fit the event kind */
  LOTLINE_LEDGER_ERROR_SHELF_LIFE,         /* below the customer's minimum shelf life, without override */
} LotlineLedgerError;

GQuark lotline_ledger_error_quark (void);

/* ---- master data ------------------------------------------------------ */

typedef struct {
  const char        *sku;
  const char        *name;
  const char        *gtin;             /* optional */
  LotlineProductKind kind;
  const char        *unit;             /* NULL = "kg" */
  int                shelf_life_days;  /* < 0 = none */
  LotlineTracking    tracking;
  gboolean           ftl;              /* on FDA's Food Traceability List */
  gint64             unit_cost_milli;  /* value of one base unit, thousandths of currency */
} LotlineProductSpec;

typedef struct {
  const char      *code;
  const char      *name;
  LotlinePartyKind kind;
  const char      *gln;
  const char      *phone;
  const char      *street;
  const char      *city;
  const char      *region;
  const char      *postal_code;
  const char      *country;
  const char      *contact_name;
  const char      *contact_email;
  int              min_shelf_life_days; /* customers; < 0 = none */
  int              min_shelf_life_percent; /* customers, of the total shelf life; <= 0 = none */
} LotlinePartySpec;

typedef struct {
  const char         *code;
  const char         *name;
  LotlineLocationKind kind;
  gint64              parent_id;  /* 0 = none */
  gint64              site_id;    /* 0 = none */
} LotlineLocationSpec;

typedef struct {
  gint64      product_id;
  const char *code;
  const char *produced_on;   /* dates "YYYY-MM-DD", all optional */
  const char *received_on;
  const char *expires_on;
  const char *best_before;
  gint64      supplier_id;   /* 0 = none */
  const char *supplier_lot;
  const char *tlc_source;
  const char *notes;
} LotlineLotSpec;

gboolean lotline_store_add_product  (LotlineStore *self, const LotlineProductSpec  *spec, gint64 *out_id, GError **error);
gboolean lotline_store_add_party    (LotlineStore *self, const LotlinePartySpec    *spec, gint64 *out_id, GError **error);
gboolean lotline_store_add_location (LotlineStore *self, const LotlineLocationSpec *spec, gint64 *out_id, GError **error);
/* Creates a lot with no stock (stock only ever comes from events). */
gboolean lotline_store_add_lot      (LotlineStore *self, const LotlineLotSpec      *spec, gint64 *out_id, GError **error);

/* Look-ups by business key; unknown keys give the matching UNKNOWN_* error. */
gboolean lotline_store_find_product  (LotlineStore *self, const char *sku,  gint64 *out_id, GError **error);
gboolean lotline_store_find_party    (LotlineStore *self, const char *code, gint64 *out_id, GError **error);
gboolean lotline_store_find_location (LotlineStore *self, const char *code, gint64 *out_id, GError **error);
/* Every lot with this code (of any product, or of @sku when not NULL). */
GArray  *lotline_store_find_lots     (LotlineStore *self, const char *code, const char *sku, GError **error);
gboolean lotline_store_find_lot      (LotlineStore *self, const char *sku, const char *code, gint64 *out_id, GError **error);

/* ---- events ----------------------------------------------------------- */

typedef struct {
  LotlineLineRole       role;
  gint64                lot_id;     /* an existing lot … */
  const LotlineLotSpec *new_lot;    /* … or one created by this event (output lines only) */
  gint64                location_id; /* required for input/output lines */
  gint64                quantity;    /* thousandths; subject lines may give 0 */
} LotlineLineSpec;

typedef struct {
  LotlineEventKind       kind;
  gint64                 occurred_at;  /* unix seconds UTC; 0 = now */
  gint64                 party_id;     /* supplier (receive), customer (ship, return) */
  const char            *doc_type;     /* "PO", "BOL", "invoice", "batch record" … */
  const char            *doc_number;
  const char            *reason;       /* required for adjust, destroy, quarantine, release */
  const char            *override_reason; /* lets a person ship expired or quarantined stock */
  const LotlineLineSpec *lines;
  guint                  n_lines;
} LotlineEventSpec;

/**
 * lotline_store_record_event:
 * @self: a store
 * @spec: the event and its lines
 * @out_event_id: (out) (optional): the new event's id
 * @error: a #LOTLINE_LEDGER_ERROR on a broken rule
 *
 * Validates @spec against every ledger rule, then writes the event, its
 * lines, any new lots, the genealogy edges, the stock changes, lot status
 * changes and the audit entries in one transaction.
 */
gboolean lotline_store_record_event (LotlineStore           *self,
                                     const LotlineEventSpec *spec,
                                     gint64                 *out_event_id,
                                     GError                **error);

gboolean lotline_store_validate_event (LotlineStore           *self,
                                       const LotlineEventSpec *spec,
                                       GError                **error);

/* ---- reading ---------------------------------------------------------- */

typedef struct {
  gint64           id;
  gint64           product_id;
  char            *product_sku;
  char            *product_name;
  LotlineProductKind product_kind;
  char            *unit;
  char            *code;
  char            *produced_on;
  char            *received_on;
  char            *expires_on;
  char            *best_before;
  gint64           supplier_id;
  char            *supplier_name;
  char            *supplier_lot;
  char            *tlc_source;
  LotlineLotStatus status;      /* stored status; see lotline_lot_effective_status() */
  char            *notes;
  gint64           on_hand;     /* all locations, thousandths */
} LotlineLot;

LotlineLot      *lotline_store_get_lot (LotlineStore *self, gint64 lot_id, GError **error);
void             lotline_lot_free      (LotlineLot *lot);
/* "expired" when released and past its expiry date on @today ("YYYY-MM-DD"). */
LotlineLotStatus lotline_lot_effective_status (const LotlineLot *lot, const char *today);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineLot, lotline_lot_free)

typedef struct {
  gint64 lot_id;
  gint64 location_id;
  char  *location_code;
  gint64 quantity;
} LotlineStockEntry;

/* Element type LotlineStockEntry; free with g_array_unref (clears strings). */
GArray  *lotline_store_get_stock     (LotlineStore *self, gint64 lot_id, GError **error);
gint64   lotline_store_get_on_hand   (LotlineStore *self, gint64 lot_id, gint64 location_id);

typedef struct {
  gint64 lot_id;
  gint64 location_id;
  char  *location_code;
  gint64 stored;
  gint64 rebuilt;
} LotlineStockMismatch;

/* Rebuilds stock from the event lines and compares it with the stock table.
 * Returns the mismatches (element LotlineStockMismatch), empty when all agree;
 * g_array_unref() frees the location codes too. */
GArray  *lotline_store_check_stock   (LotlineStore *self, GError **error);

typedef struct {
  gint64 products, parties, locations, lots, events, event_lines, audit_entries;
} LotlineStoreCounts;

gboolean lotline_store_get_counts    (LotlineStore *self, LotlineStoreCounts *out, GError **error);

G_END_DECLS
