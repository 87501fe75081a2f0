/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LOTLINE_QTY_ONE:
 *
 * Quantities are exact integers in thousandths of the product's base unit;
 * this is one whole unit.
 */
#define LOTLINE_QTY_ONE ((gint64) 1000)

typedef enum {
  LOTLINE_PRODUCT_RAW,
  LOTLINE_PRODUCT_PACKAGING,
  LOTLINE_PRODUCT_INTERMEDIATE,
  LOTLINE_PRODUCT_FINISHED,
} LotlineProductKind;

typedef enum {
  LOTLINE_TRACKING_LOT,
  LOTLINE_TRACKING_SERIAL,
  LOTLINE_TRACKING_NONE,
} LotlineTracking;

typedef enum {
  LOTLINE_PARTY_SUPPLIER,
  LOTLINE_PARTY_CUSTOMER,
  LOTLINE_PARTY_SITE,
} LotlinePartyKind;

typedef enum {
  LOTLINE_LOCATION_WAREHOUSE,
  LOTLINE_LOCATION_ZONE,
  LOTLINE_LOCATION_BIN,
  LOTLINE_LOCATION_PRODUCTION,
  LOTLINE_LOCATION_QUARANTINE,
  LOTLINE_LOCATION_SCRAP,
} LotlineLocationKind;

typedef enum {
  LOTLINE_LOT_RELEASED,
  LOTLINE_LOT_QUARANTINED,
  LOTLINE_LOT_RECALLED,
  LOTLINE_LOT_EXPIRED,
  LOTLINE_LOT_DESTROYED,
} LotlineLotStatus;

typedef enum {
  LOTLINE_EVENT_RECEIVE,
  LOTLINE_EVENT_PRODUCE,
  LOTLINE_EVENT_TRANSFER,
  LOTLINE_EVENT_SHIP,
  LOTLINE_EVENT_RETURN,
  LOTLINE_EVENT_ADJUST,
  LOTLINE_EVENT_DESTROY,
  LOTLINE_EVENT_QUARANTINE,
  LOTLINE_EVENT_RELEASE,
} LotlineEventKind;

typedef enum {
  LOTLINE_LINE_INPUT,   /* goes into the event, leaves stock at the location */
  LOTLINE_LINE_OUTPUT,  /* comes out of the event, enters stock at the location */
  LOTLINE_LINE_SUBJECT, /* concerned by the event, moves no stock */
} LotlineLineRole;

/* String forms are the ones stored in the database and used in CSV files. */
const char *lotline_product_kind_to_string  (LotlineProductKind kind);
gboolean    lotline_product_kind_from_string (const char *s, LotlineProductKind *out);
const char *lotline_tracking_to_string      (LotlineTracking tracking);
gboolean    lotline_tracking_from_string    (const char *s, LotlineTracking *out);
const char *lotline_party_kind_to_string    (LotlinePartyKind kind);
gboolean    lotline_party_kind_from_string  (const char *s, LotlinePartyKind *out);
const char *lotline_location_kind_to_string (LotlineLocationKind kind);
gboolean    lotline_location_kind_from_string (const char *s, LotlineLocationKind *out);
const char *lotline_lot_status_to_string    (LotlineLotStatus status);
gboolean    lotline_lot_status_from_string  (const char *s, LotlineLotStatus *out);
/* The status as people read it, translated: "Quarantined". */
const char *lotline_lot_status_to_display   (LotlineLotStatus status);
const char *lotline_event_kind_to_string    (LotlineEventKind kind);
gboolean    lotline_event_kind_from_string  (const char *s, LotlineEventKind *out);
const char *lotline_line_role_to_string     (LotlineLineRole role);
gboolean    lotline_line_role_from_string   (const char *s, LotlineLineRole *out);

/* Fixed-point quantities: "12.5" <-> 12500. */
char       *lotline_quantity_format         (gint64 milli);
gboolean    lotline_quantity_parse          (const char *text, gint64 *out_milli, GError **error);

/* Calendar dates as "YYYY-MM-DD". */
gboolean    lotline_date_is_valid           (const char *date);
char       *lotline_date_add_days           (const char *date, int days);
int         lotline_date_diff_days          (const char *from, const char *to);
char       *lotline_date_from_unix          (gint64 unix_utc);
/* Instants as "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
char       *lotline_instant_from_unix       (gint64 unix_utc);
gboolean    lotline_instant_parse           (const char *text, gint64 *out_unix_utc);

G_END_DECLS
