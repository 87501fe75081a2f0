/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-store.h"

G_BEGIN_DECLS

#define LOTLINE_RECALL_ERROR (lotline_recall_error_quark ())

typedef enum {
  LOTLINE_RECALL_ERROR_INVALID,        /* a required field is missing or malformed */
  LOTLINE_RECALL_ERROR_DUPLICATE,      /* the recall number is taken */
  LOTLINE_RECALL_ERROR_NOT_FOUND,
  LOTLINE_RECALL_ERROR_WRONG_STATUS,   /* e.g. editing an open recall */
  LOTLINE_RECALL_ERROR_NOT_CONSIGNEE,  /* tracking a party the recall did not reach */
} LotlineRecallError;

GQuark lotline_recall_error_quark (void);

typedef enum {
  LOTLINE_RECALL_CLASS_I,
  LOTLINE_RECALL_CLASS_II,
  LOTLINE_RECALL_CLASS_III,
} LotlineRecallClass;

typedef enum {
  LOTLINE_RECALL_DEPTH_CONSUMER,
  LOTLINE_RECALL_DEPTH_RETAIL,
  LOTLINE_RECALL_DEPTH_WHOLESALE,
} LotlineRecallDepth;

/* Effectiveness-check levels of 21 CFR 7.42(b)(3). */
typedef enum {
  LOTLINE_RECALL_CHECK_A,  /* every consignee */
  LOTLINE_RECALL_CHECK_B,  /* between A and C: 25 % here */
  LOTLINE_RECALL_CHECK_C,  /* 10 % */
  LOTLINE_RECALL_CHECK_D,  /* 2 % */
  LOTLINE_RECALL_CHECK_E,  /* none */
} LotlineRecallCheck;

typedef enum {
  LOTLINE_RECALL_DRAFT,
  LOTLINE_RECALL_OPEN,
  LOTLINE_RECALL_COMPLETED,
  LOTLINE_RECALL_TERMINATED,
} LotlineRecallStatus;

const char *lotline_recall_class_to_string    (LotlineRecallClass c);
gboolean    lotline_recall_class_from_string  (const char *s, LotlineRecallClass *out);
const char *lotline_recall_depth_to_string    (LotlineRecallDepth d);
gboolean    lotline_recall_depth_from_string  (const char *s, LotlineRecallDepth *out);
const char *lotline_recall_check_to_string    (LotlineRecallCheck c);
gboolean    lotline_recall_check_from_string  (const char *s, LotlineRecallCheck *out);
const char *lotline_recall_status_to_string   (LotlineRecallStatus s);
gboolean    lotline_recall_status_from_string (const char *s, LotlineRecallStatus *out);

/**
 * lotline_recall_check_sample_size:
 * @level: the effectiveness-check level
 * @n_consignees: how many consignees the recall reached
 *
 * Returns: how many consignees to check: all for A, 25 % for B, 10 % for C,
 *   2 % for D (each rounded up, at least one when there are consignees),
 *   none for E
 */
guint       lotline_recall_check_sample_size  (LotlineRecallCheck level, guint n_consignees);

typedef struct {
  const char        *number;          /* unique, e.g. "R-2026-001" */
  const char        *title;           /* NULL = the number */
  const char        *reason;
  const char        *hazard;
  const char        *discovered_how;  /* optional */
  const char        *discovered_on;   /* "YYYY-MM-DD", optional */
  LotlineRecallClass classification;
  LotlineRecallDepth depth;
  gboolean           public_warning;
  LotlineRecallCheck check_level;
  const char        *instructions;
  const char        *contact_name;
  const char        *contact_phone;
  const char        *contact_email;
} LotlineRecallSpec;

typedef struct {
  gint64              id;
  char               *number;
  char               *title;
  char               *reason;
  char               *hazard;
  char               *discovered_how;
  char               *discovered_on;
  LotlineRecallClass  classification;
  LotlineRecallDepth  depth;
  gboolean            public_warning;
  LotlineRecallCheck  check_level;
  char               *instructions;
  char               *contact_name;
  char               *contact_phone;
  char               *contact_email;
  LotlineRecallStatus status;
  char               *disposition;
  char               *created_at;
  char               *updated_at;
  char               *opened_at;
  char               *terminated_at;
  GArray             *seed_lot_ids;   /* gint64 */
} LotlineRecall;

void lotline_recall_free (LotlineRecall *recall);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineRecall, lotline_recall_free)

/* ---- scope ------------------------------------------------------------ */

typedef struct {
  gint64           lot_id;
  char            *code;
  char            *product_sku;
  char            *product_name;
  char            *unit;
  LotlineLotStatus status;
  gboolean         is_seed;
  gint64           on_hand;
} LotlineRecallLot;

typedef struct {
  gint64  lot_id;
  char   *lot_code;
  char   *product_sku;
  gint64  location_id;
  char   *location_code;
  gint64  quantity;
} LotlineRecallStock;

typedef struct {
  gint64  lot_id;
  char   *lot_code;
  char   *product_sku;
  char   *product_name;
  char   *unit;
  gint64  quantity;
  char   *date;        /* "YYYY-MM-DD" */
  char   *doc_type;
  char   *doc_number;
} LotlineRecallShipment;

typedef struct {
  gint64     party_id;
  char      *code;
  char      *name;
  char      *contact_name;
  char      *street;
  char      *city;
  char      *region;
  char      *postal_code;
  char      *country;
  char      *phone;
  char      *email;
  GPtrArray *shipments;  /* LotlineRecallShipment, by date, lot code */
} LotlineRecallConsignee;

/* Where the seeds came from: a received lot upstream of a seed (or a seed
 * received itself), with its supplier. */
typedef struct {
  gint64  lot_id;
  char   *lot_code;
  char   *product_sku;
  char   *product_name;
  char   *unit;
  gint64  supplier_id;     /* 0 when no receipt names a supplier */
  char   *supplier_code;
  char   *supplier_name;
  char   *received_on;     /* "YYYY-MM-DD" of the first receipt, or NULL */
  gint64  quantity_received;
} LotlineRecallRoot;

typedef struct {
  GPtrArray *roots;       /* LotlineRecallRoot, upstream origin of the seeds, by supplier name and lot code */
  GPtrArray *lots;        /* LotlineRecallLot, by product SKU and lot code */
  GPtrArray *stock;       /* LotlineRecallStock, on hand by lot and location */
  GPtrArray *consignees;  /* LotlineRecallConsignee, by name */
  gint64     total_on_hand;
  gint64     total_shipped;
} LotlineRecallScope;

void lotline_recall_scope_free (LotlineRecallScope *scope);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineRecallScope, lotline_recall_scope_free)

/**
 * lotline_store_recall_scope:
 * @self: a store
 * @seed_lot_ids: (array length=n_seeds): the suspect lots
 * @n_seeds: how many
 * @error: return location for an error
 *
 * Traces the seeds downstream: every lot made from them, the stock of
 * those lots on hand now, and every customer that received any of them
 * with what it received.
 * Traces them upstream too, to the received lots they were made from
 * (a received seed is its own root), with the supplier, the first
 * receipt date and the quantity received of each.
 *
 * Returns: (transfer full): the scope, or %NULL on error
 */
LotlineRecallScope *lotline_store_recall_scope (LotlineStore *self,
                                                const gint64 *seed_lot_ids,
                                                guint         n_seeds,
                                                GError      **error);

/* ---- the case --------------------------------------------------------- */

gboolean       lotline_store_create_recall    (LotlineStore            *self,
                                               const LotlineRecallSpec *spec,
                                               const gint64            *seed_lot_ids,
                                               guint                    n_seeds,
                                               gint64                  *out_id,
                                               GError                 **error);
/* Only drafts can be changed. */
gboolean       lotline_store_update_recall    (LotlineStore            *self,
                                               gint64                   recall_id,
                                               const LotlineRecallSpec *spec,
                                               const gint64            *seed_lot_ids,
                                               guint                    n_seeds,
                                               GError                 **error);
LotlineRecall *lotline_store_get_recall       (LotlineStore *self, gint64 recall_id, GError **error);
gboolean       lotline_store_find_recall      (LotlineStore *self, const char *number, gint64 *out_id, GError **error);
/* Element type LotlineRecall*, newest first. */
GPtrArray     *lotline_store_list_recalls     (LotlineStore *self, GError **error);
/* The scope of the recall's seed lots, traced now; shipments are history
 * and recalled lots cannot be shipped, so it stays what it was at opening. */
LotlineRecallScope *lotline_store_get_recall_scope (LotlineStore *self, gint64 recall_id, GError **error);

/**
 * lotline_store_open_recall:
 * @self: a store
 * @recall_id: a draft recall
 * @error: return location for an error
 *
 * In one transaction: quarantines the on-hand stock of every affected lot
 * through a quarantine event (so the ledger and the audit log show it),
 * marks every affected lot recalled (audited), records the consignees and
 * the effectiveness sample, and sets the recall open.
 */
gboolean       lotline_store_open_recall      (LotlineStore *self, gint64 recall_id, GError **error);
/* Open → completed: every consignee has been dealt with. */
gboolean       lotline_store_complete_recall  (LotlineStore *self, gint64 recall_id, GError **error);
/* Open or completed → terminated, with what happened to the product. */
gboolean       lotline_store_terminate_recall (LotlineStore *self, gint64 recall_id,
                                               const char *disposition, GError **error);

/* ---- consignee tracking ----------------------------------------------- */

typedef struct {
  gint64    party_id;
  char     *code;
  char     *name;
  gboolean  in_sample;
  char     *notified_at;      /* NULL = not yet */
  char     *notify_method;
  char     *responded_at;     /* NULL = no response yet */
  gint64    on_hand_reported; /* < 0 = not reported */
  gint64    quantity_returned;
  gint64    quantity_destroyed;
  char     *notes;
} LotlineRecallTracking;

void       lotline_recall_tracking_free (LotlineRecallTracking *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineRecallTracking, lotline_recall_tracking_free)

/* Element type LotlineRecallTracking*, by consignee name. */
GPtrArray *lotline_store_get_recall_tracking (LotlineStore *self, gint64 recall_id, GError **error);

typedef struct {
  const char *notified_at;      /* instants; NULL leaves the stored value */
  const char *notify_method;    /* "letter", "email", "phone" …; NULL leaves it */
  const char *responded_at;
  gint64      on_hand_reported; /* < 0 leaves it */
  gint64      quantity_returned;  /* < 0 leaves it */
  gint64      quantity_destroyed; /* < 0 leaves it */
  const char *notes;            /* NULL leaves it */
} LotlineRecallResponse;

gboolean   lotline_store_track_recall_consignee (LotlineStore                *self,
                                                 gint64                       recall_id,
                                                 gint64                       party_id,
                                                 const LotlineRecallResponse *response,
                                                 GError                     **error);

/**
 * lotline_recall_choose_sample:
 * @recall_id: seeds the choice, so it is the same every time
 * @party_ids: (array length=n): the consignees
 * @n: how many
 * @k: how many to choose
 *
 * Returns: (transfer full): @k of @party_ids, sorted; the same for the
 *   same arguments whatever their order
 */
GArray    *lotline_recall_choose_sample (gint64 recall_id, const gint64 *party_ids, guint n, guint k);

G_END_DECLS
