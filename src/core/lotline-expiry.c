/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "lotline-csv.h"
#include "lotline-expiry.h"
#include "lotline-query-private.h"
#include "lotline-store-private.h"

/* ---- small helpers ---------------------------------------------------- */

typedef struct {
  gint64           id;
  char            *code;
  char            *name;
  LotlinePartyKind kind;
  int              min_days;
  int              min_percent;
} PartyInfo;

static void
party_info_clear (PartyInfo *info)
{
  g_clear_pointer (&info->code, g_free);
  g_clear_pointer (&info->name, g_free);
}

static int
column_int_or (sqlite3_stmt *stmt, int i, int none)
{
  return sqlite3_column_type (stmt, i) == SQLITE_NULL ? none : sqlite3_column_int (stmt, i);
}

static void
bind_int_or_null (sqlite3_stmt *stmt, int i, int value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_int (stmt, i, value);
}

/* Loads a party that may receive shipments (a customer or a site). */
static gboolean
load_customer (LotlineStore *store, gint64 customer_id, PartyInfo *out, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (store,
                                              "SELECT code, name, kind, min_shelf_life_days, min_shelf_life_percent"
                                              " FROM party WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PARTY,
                   _("There is no customer with id %lld. Add the customer first."), (long long) customer_id);
      return FALSE;
    }
  out->id = customer_id;
  out->code = lotline_column_dup (stmt, 0);
  out->name = lotline_column_dup (stmt, 1);
  lotline_party_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &out->kind);
  out->min_days = column_int_or (stmt, 3, -1);
  out->min_percent = column_int_or (stmt, 4, -1);
  sqlite3_reset (stmt);

  if (out->kind == LOTLINE_PARTY_SUPPLIER)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_WRONG_PARTY,
                   _("“%s” is a supplier, not a customer. Choose the customer the goods go to."), out->name);
      party_info_clear (out);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  gint64 id;
  char  *sku;
  char  *unit;
  int    shelf_life_days;
} ProductInfo;

static void
product_info_clear (ProductInfo *info)
{
  g_clear_pointer (&info->sku, g_free);
  g_clear_pointer (&info->unit, g_free);
}

static gboolean
load_product (LotlineStore *store, gint64 product_id, ProductInfo *out, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (store, "SELECT sku, unit, shelf_life_days FROM product WHERE id = ?",
                                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PRODUCT,
                   _("There is no product with id %lld. Add the product first."), (long long) product_id);
      return FALSE;
    }
  out->id = product_id;
  out->sku = lotline_column_dup (stmt, 0);
  out->unit = lotline_column_dup (stmt, 1);
  out->shelf_life_days = column_int_or (stmt, 2, -1);
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
policy_json (int min_days, int min_percent, gint64 product_id)
{
  GString *json = g_string_new ("{");

  if (product_id > 0)
    g_string_append_printf (json, "\"product_id\":%" G_GINT64_FORMAT ",", product_id);
  if (min_days >= 0)
    g_string_append_printf (json, "\"min_shelf_life_days\":%d,", min_days);
  if (min_percent >= 0)
    g_string_append_printf (json, "\"min_shelf_life_percent\":%d,", min_percent);
  if (json->len > 1)
    g_string_truncate (json, json->len - 1);
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

/* ---- shelf-life policies ---------------------------------------------- */

/* Reads the customer+product policy; FALSE in *found when there is none. */
static gboolean
load_override (LotlineStore *store, gint64 customer_id, gint64 product_id, gboolean *found,
               int *min_days, int *min_percent, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (store,
                                              "SELECT min_days, min_percent FROM shelf_life_policy"
                                              " WHERE customer_id = ? AND product_id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, product_id);
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  if (*found)
    {
      *min_days = column_int_or (stmt, 0, -1);
      *min_percent = column_int_or (stmt, 1, -1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (store, error, _("reading a shelf-life policy"));
      return FALSE;
    }
  return TRUE;
}

/**
 * lotline_store_set_shelf_life_policy:
 * @store: a store
 * @customer_id: the customer (or own site) the goods go to
 * @product_id: a product for a policy of this customer and product only, or
 *   0 for the customer's own policy
 * @min_days: days of shelf life that must be left on delivery, or -1
 * @min_percent: percent (0–100) of the total shelf life that must be left
 *   on delivery, or -1
 * @error: return location for a #GError
 *
 * Replaces the policy at that level, audited, in one transaction.  With
 * both rules -1 the customer's own policy is cleared (any lot that has not
 * expired will do), and a product policy is removed, so that the customer's
 * own policy applies to the product again.
 *
 * Returns: %TRUE when the policy was saved
 */
gboolean
lotline_store_set_shelf_life_policy (LotlineStore *store,
                                     gint64        customer_id,
                                     gint64        product_id,
                                     int           min_days,
                                     int           min_percent,
                                     GError      **error)
{
  PartyInfo customer = { 0 };
  ProductInfo product = { 0 };
  g_autofree char *old_json = NULL, *new_json = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (LOTLINE_IS_STORE (store), FALSE);

  if (min_days < -1 || min_percent < -1 || min_percent > 100)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("A minimum shelf life is a number of days (0 or more) or a percentage from 0 to 100."));
      return FALSE;
    }
  if (!load_customer (store, customer_id, &customer, error))
    return FALSE;
  if (product_id > 0 && !load_product (store, product_id, &product, error))
    goto out;
  if (!lotline_store_begin (store, error))
    goto out;

  new_json = policy_json (min_days, min_percent, product_id);
  if (product_id <= 0)
    {
      old_json = policy_json (customer.min_days, customer.min_percent, 0);
      stmt = lotline_store_prepare (store,
                                    "UPDATE party SET min_shelf_life_days = ?, min_shelf_life_percent = ? WHERE id = ?",
                                    error);
      if (stmt == NULL)
        goto fail;
      bind_int_or_null (stmt, 1, min_days);
      bind_int_or_null (stmt, 2, min_percent);
      sqlite3_bind_int64 (stmt, 3, customer_id);
      if (!lotline_store_step_done (store, stmt, _("saving a shelf-life policy"), error))
        goto fail;
      if (!lotline_audit_append (store, "update", "party", customer_id, old_json, new_json, NULL, error))
        goto fail;
    }
  else
    {
      gboolean found = FALSE;
      int old_days = -1, old_percent = -1;
      gboolean clear = min_days < 0 && min_percent < 0;

      if (!load_override (store, customer_id, product_id, &found, &old_days, &old_percent, error))
        goto fail;
      if (found)
        old_json = policy_json (old_days, old_percent, product_id);

      if (clear)
        stmt = lotline_store_prepare (store, "DELETE FROM shelf_life_policy WHERE customer_id = ?1 AND product_id = ?2",
                                      error);
      else
        stmt = lotline_store_prepare (store,
                                      "INSERT INTO shelf_life_policy (customer_id, product_id, min_days, min_percent)"
                                      " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (customer_id, product_id)"
                                      " DO UPDATE SET min_days = excluded.min_days, min_percent = excluded.min_percent",
                                      error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, customer_id);
      sqlite3_bind_int64 (stmt, 2, product_id);
      if (!clear)
        {
          bind_int_or_null (stmt, 3, min_days);
          bind_int_or_null (stmt, 4, min_percent);
        }
      if (!lotline_store_step_done (store, stmt, _("saving a shelf-life policy"), error))
        goto fail;
      if ((found || !clear) &&
          !lotline_audit_append (store, clear ? "delete" : found ? "update" : "create", "shelf_life_policy",
                                 customer_id, old_json, clear ? NULL : new_json, NULL, error))
        goto fail;
    }

  ok = lotline_store_commit (store, error);
  goto out;

fail:
  lotline_store_rollback (store);
out:
  party_info_clear (&customer);
  product_info_clear (&product);
  return ok;
}

/**
 * lotline_store_get_shelf_life_policy:
 * @store: a store
 * @customer_id: the customer
 * @product_id: the product, or 0 for the customer's own policy
 * @out: (out caller-allocates): the policy that applies
 * @error: return location for a #GError
 *
 * The policy for this customer and product when there is one, else the
 * customer's own; @out->level says which.
 *
 * Returns: %TRUE on success
 */
gboolean
lotline_store_get_shelf_life_policy (LotlineStore           *store,
                                     gint64                  customer_id,
                                     gint64                  product_id,
                                     LotlineShelfLifePolicy *out,
                                     GError                **error)
{
  PartyInfo customer = { 0 };
  gboolean found = FALSE;
  int days = -1, percent = -1;

  g_return_val_if_fail (LOTLINE_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!load_customer (store, customer_id, &customer, error))
    return FALSE;
  if (product_id > 0 && !load_override (store, customer_id, product_id, &found, &days, &percent, error))
    {
      party_info_clear (&customer);
      return FALSE;
    }

  if (found)
    *out = (LotlineShelfLifePolicy) { LOTLINE_POLICY_PRODUCT, days, percent };
  else if (customer.min_days >= 0 || customer.min_percent >= 0)
    *out = (LotlineShelfLifePolicy) { LOTLINE_POLICY_CUSTOMER, customer.min_days, customer.min_percent };
  else
    *out = (LotlineShelfLifePolicy) { LOTLINE_POLICY_NONE, -1, -1 };
  party_info_clear (&customer);
  return TRUE;
}

/**
 * lotline_shelf_life_override_free:
 * @item: (nullable): a product policy
 */
void
lotline_shelf_life_override_free (LotlineShelfLifeOverride *item)
{
  if (item == NULL)
    return;
  g_free (item->product_sku);
  g_free (item->product_name);
  g_free (item);
}

/**
 * lotline_store_list_shelf_life_overrides:
 * @store: a store
 * @customer_id: the customer
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LotlineShelfLifeOverride): the
 *   customer's product-specific policies, by SKU
 */
GPtrArray *
lotline_store_list_shelf_life_overrides (LotlineStore *store, gint64 customer_id, GError **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) lotline_shelf_life_override_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = lotline_store_prepare (store,
                                "SELECT p.product_id, product.sku, product.name, p.min_days, p.min_percent"
                                " FROM shelf_life_policy AS p JOIN product ON product.id = p.product_id"
                                " WHERE p.customer_id = ? ORDER BY product.sku", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotlineShelfLifeOverride *item = g_new0 (LotlineShelfLifeOverride, 1);

      item->product_id = sqlite3_column_int64 (stmt, 0);
      item->product_sku = lotline_column_dup (stmt, 1);
      item->product_name = lotline_column_dup (stmt, 2);
      item->min_days = column_int_or (stmt, 3, -1);
      item->min_percent = column_int_or (stmt, 4, -1);
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (store, error, _("reading shelf-life policies"));
      return NULL;
    }
  return g_steal_pointer (&items);
}

/**
 * lotline_shelf_life_policy_required_days:
 * @policy: a policy
 * @total_days: the lot's total shelf life in days, or -1 when unknown
 *
 * Returns: the days of shelf life a lot must have left on delivery (0 when
 *   the policy sets no minimum), or -1 when the policy is a percentage and
 *   @total_days is unknown
 */
int
lotline_shelf_life_policy_required_days (const LotlineShelfLifePolicy *policy, int total_days)
{
  int days = MAX (policy->min_days, 0);

  if (policy->min_percent >= 0)
    {
      gint64 share;

      if (total_days < 0)
        return -1;
      /* Rounded up: 30 % of 25 days is 7.5, and 7 days would be less. */
      share = ((gint64) policy->min_percent * total_days + 99) / 100;
      days = MAX (days, (int) share);
    }
  return days;
}

/**
 * lotline_shelf_life_policy_accepts:
 * @policy: a policy
 * @days_left: days from the delivery date to the expiry date (0 when the lot
 *   expires on the delivery date: it is usable through that day)
 * @total_days: the lot's total shelf life in days, or -1 when unknown
 *
 * Returns: whether a lot with @days_left reaches the customer with enough
 *   shelf life left; never for a lot that expires before delivery
 */
gboolean
lotline_shelf_life_policy_accepts (const LotlineShelfLifePolicy *policy, int days_left, int total_days)
{
  int required = lotline_shelf_life_policy_required_days (policy, total_days);

  return days_left >= 0 && required >= 0 && days_left >= required;
}

/* ---- allocation ------------------------------------------------------- */

/**
 * lotline_skip_reason_to_string:
 * @reason: why a lot was skipped
 *
 * Returns: (nullable): the reason as a stable word for programs and files:
 *   "recalled", "quarantined", "destroyed", "expired", "short-shelf-life",
 *   "unknown-shelf-life" or "location"
 */
const char *
lotline_skip_reason_to_string (LotlineSkipReason reason)
{
  switch (reason)
    {
    case LOTLINE_SKIP_RECALLED: return "recalled";
    case LOTLINE_SKIP_QUARANTINED: return "quarantined";
    case LOTLINE_SKIP_DESTROYED: return "destroyed";
    case LOTLINE_SKIP_EXPIRED: return "expired";
    case LOTLINE_SKIP_SHORT_SHELF_LIFE: return "short-shelf-life";
    case LOTLINE_SKIP_UNKNOWN_SHELF_LIFE: return "unknown-shelf-life";
    case LOTLINE_SKIP_LOCATION: return "location";
    default: return NULL;
    }
}

static void
pick_clear (gpointer data)
{
  LotlineAllocationPick *pick = data;

  g_free (pick->lot_code);
  g_free (pick->location_code);
  g_free (pick->expires_on);
  g_free (pick->dated_on);
}

static void
skip_clear (gpointer data)
{
  LotlineAllocationSkip *skip = data;

  g_free (skip->lot_code);
  g_free (skip->location_code);
  g_free (skip->expires_on);
  g_free (skip->message);
}

/**
 * lotline_allocation_free:
 * @allocation: (nullable): an allocation
 *
 * Frees the allocation with its picks and skips.
 */
void
lotline_allocation_free (LotlineAllocation *allocation)
{
  if (allocation == NULL)
    return;
  g_free (allocation->customer_code);
  g_free (allocation->customer_name);
  g_free (allocation->product_sku);
  g_free (allocation->unit);
  g_free (allocation->delivery_date);
  g_clear_pointer (&allocation->picks, g_array_unref);
  g_clear_pointer (&allocation->skipped, g_array_unref);
  g_free (allocation->shortfall_message);
  g_free (allocation);
}

/* One lot's stock at one location, as allocation sees it. */
typedef struct {
  gint64              lot_id;
  char               *lot_code;
  LotlineLotStatus    status;
  char               *dated_on;     /* produced on, or received on */
  char               *expires_on;
  gint64              location_id;
  char               *location_code;
  LotlineLocationKind location_kind;
  gint64              quantity;
} Candidate;

static void
candidate_clear (gpointer data)
{
  Candidate *c = data;

  g_free (c->lot_code);
  g_free (c->dated_on);
  g_free (c->expires_on);
  g_free (c->location_code);
}

static GArray *
load_candidates (LotlineStore *store, gint64 product_id, LotlineAllocationOrder order, GError **error)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (candidates, candidate_clear);

  /* Lots without a date sort after those with one; ties go to the older lot
   * id, and within a lot the locations by code, so the proposal is stable. */
  if (order == LOTLINE_ALLOCATION_FIFO)
    stmt = lotline_store_prepare (store,
                                  "SELECT lot.id, lot.code, lot.status, coalesce (lot.produced_on, lot.received_on),"
                                  " lot.expires_on, stock.location_id, location.code, location.kind, stock.quantity"
                                  " FROM lot JOIN stock ON stock.lot_id = lot.id"
                                  " JOIN location ON location.id = stock.location_id"
                                  " WHERE lot.product_id = ? AND stock.quantity > 0"
                                  " ORDER BY coalesce (lot.produced_on, lot.received_on) IS NULL,"
                                  " coalesce (lot.produced_on, lot.received_on), lot.expires_on IS NULL, lot.expires_on,"
                                  " lot.id, location.code", error);
  else
    stmt = lotline_store_prepare (store,
                                  "SELECT lot.id, lot.code, lot.status, coalesce (lot.produced_on, lot.received_on),"
                                  " lot.expires_on, stock.location_id, location.code, location.kind, stock.quantity"
                                  " FROM lot JOIN stock ON stock.lot_id = lot.id"
                                  " JOIN location ON location.id = stock.location_id"
                                  " WHERE lot.product_id = ? AND stock.quantity > 0"
                                  " ORDER BY lot.expires_on IS NULL, lot.expires_on,"
                                  " coalesce (lot.produced_on, lot.received_on) IS NULL,"
                                  " coalesce (lot.produced_on, lot.received_on), lot.id, location.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate c = {
        .lot_id = sqlite3_column_int64 (stmt, 0),
        .lot_code = lotline_column_dup (stmt, 1),
        .dated_on = lotline_column_dup (stmt, 3),
        .expires_on = lotline_column_dup (stmt, 4),
        .location_id = sqlite3_column_int64 (stmt, 5),
        .location_code = lotline_column_dup (stmt, 6),
        .quantity = sqlite3_column_int64 (stmt, 8),
      };

      lotline_lot_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &c.status);
      lotline_location_kind_from_string ((const char *) sqlite3_column_text (stmt, 7), &c.location_kind);
      g_array_append_val (candidates, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (store, error, _("finding lots to allocate"));
      return NULL;
    }
  return g_steal_pointer (&candidates);
}

/* Why a whole lot cannot go to the customer, as a sentence in *message;
 * -1 when it can. */
static int
judge_lot (const Candidate *c, const LotlineAllocation *a, const ProductInfo *product, int days_left,
           char **message)
{
  int total_days = -1;
  int required;
  const char *when = a->delivery_date;
  const char *who = a->customer_name;

  switch (c->status)
    {
    case LOTLINE_LOT_RECALLED:
      *message = g_strdup_printf (_("Lot %s is recalled; recalled lots are never shipped."), c->lot_code);
      return LOTLINE_SKIP_RECALLED;
    case LOTLINE_LOT_QUARANTINED:
      *message = g_strdup_printf (_("Lot %s is quarantined. Release it first if it may be shipped."), c->lot_code);
      return LOTLINE_SKIP_QUARANTINED;
    case LOTLINE_LOT_DESTROYED:
      *message = g_strdup_printf (_("Lot %s was destroyed."), c->lot_code);
      return LOTLINE_SKIP_DESTROYED;
    case LOTLINE_LOT_EXPIRED:
      *message = g_strdup_printf (_("Lot %s is recorded as expired."), c->lot_code);
      return LOTLINE_SKIP_EXPIRED;
    case LOTLINE_LOT_RELEASED:
    default:
      break;
    }

  if (c->expires_on == NULL)
    return -1;

  /* Usable through the end of its expiry date. */
  if (days_left < 0)
    {
      *message = g_strdup_printf (_("Lot %s expires on %s, before the delivery on %s."), c->lot_code, c->expires_on,
                                  when);
      return LOTLINE_SKIP_EXPIRED;
    }

  if (c->dated_on != NULL)
    total_days = lotline_date_diff_days (c->dated_on, c->expires_on);
  else if (product->shelf_life_days >= 0)
    total_days = product->shelf_life_days;

  if (a->policy.min_days >= 0 && days_left < a->policy.min_days)
    {
      *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Lot %s would have %d day of shelf life left on %s; %s requires at least %d days.",
                                               "Lot %s would have %d days of shelf life left on %s; %s requires at least %d days.",
                                               days_left),
                                  c->lot_code, days_left, when, who, a->policy.min_days);
      return LOTLINE_SKIP_SHORT_SHELF_LIFE;
    }

  if (a->policy.min_percent < 0)
    return -1;
  if (total_days < 0)
    {
      *message = g_strdup_printf (_("Lot %s has no production or receipt date, so the share of its shelf life left cannot be checked against the %d%% that %s requires."),
                                  c->lot_code, a->policy.min_percent, who);
      return LOTLINE_SKIP_UNKNOWN_SHELF_LIFE;
    }
  required = lotline_shelf_life_policy_required_days (&(LotlineShelfLifePolicy) { .min_days = -1,
                                                                                  .min_percent = a->policy.min_percent },
                                                      total_days);
  if (days_left < required)
    {
      *message = g_strdup_printf (_("Lot %s would have %d of its %d days of shelf life left on %s (%d%%); %s requires at least %d%% (%d days)."),
                                  c->lot_code, days_left, total_days, when,
                                  total_days > 0 ? (int) ((gint64) days_left * 100 / total_days) : 100,
                                  who, a->policy.min_percent, required);
      return LOTLINE_SKIP_SHORT_SHELF_LIFE;
    }
  return -1;
}

static void
add_skip (LotlineAllocation *a, const Candidate *c, gboolean whole_lot, gint64 quantity, int days_left,
          LotlineSkipReason reason, char *message)
{
  LotlineAllocationSkip skip = {
    .lot_id = c->lot_id,
    .lot_code = g_strdup (c->lot_code),
    .location_id = whole_lot ? 0 : c->location_id,
    .location_code = whole_lot ? NULL : g_strdup (c->location_code),
    .quantity = quantity,
    .expires_on = g_strdup (c->expires_on),
    .days_left = days_left,
    .reason = reason,
    .message = message,
  };

  g_array_append_val (a->skipped, skip);
}

static char *
dup_shortfall_message (const LotlineAllocation *a)
{
  g_autofree char *requested = lotline_quantity_format (a->requested);
  g_autofree char *allocated = lotline_quantity_format (a->allocated);
  g_autofree char *shortfall = lotline_quantity_format (a->shortfall);

  if (a->allocated == 0)
    return g_strdup_printf (_("No stock of %s can be allocated for delivery to %s on %s: the whole %s %s is short."),
                            a->product_sku, a->customer_name, a->delivery_date, requested, a->unit);
  /* Translators: "Only 40 of the 60 jar of FIN-JAR ordered can be allocated … : 20 jar short." */
  return g_strdup_printf (_("Only %s of the %s %s of %s ordered can be allocated for delivery to %s on %s: %s %s short."),
                          allocated, requested, a->unit, a->product_sku, a->customer_name, a->delivery_date,
                          shortfall, a->unit);
}

/* Walks the candidates in order: each lot is judged once, then its stock is
 * taken location by location until the quantity is covered.  Lots that
 * cannot be used are listed whether or not the quantity was already covered:
 * a planner wants to know about them either way. */
static void
allocate_candidates (LotlineAllocation *a, GArray *candidates, const ProductInfo *product)
{
  gint64 remaining = a->requested;
  guint i = 0;

  while (i < candidates->len)
    {
      const Candidate *first = &g_array_index (candidates, Candidate, i);
      guint end = i;
      gint64 lot_total = 0;
      int days_left = first->expires_on ? lotline_date_diff_days (a->delivery_date, first->expires_on) : G_MININT;
      char *message = NULL;
      int reason;

      while (end < candidates->len && g_array_index (candidates, Candidate, end).lot_id == first->lot_id)
        lot_total += g_array_index (candidates, Candidate, end++).quantity;

      reason = judge_lot (first, a, product, days_left, &message);
      if (reason >= 0)
        {
          add_skip (a, first, TRUE, lot_total, days_left, reason, message);
          i = end;
          continue;
        }

      for (; i < end; i++)
        {
          const Candidate *c = &g_array_index (candidates, Candidate, i);

          if (c->location_kind == LOTLINE_LOCATION_QUARANTINE || c->location_kind == LOTLINE_LOCATION_SCRAP)
            {
              add_skip (a, c, FALSE, c->quantity, days_left, LOTLINE_SKIP_LOCATION,
                        c->location_kind == LOTLINE_LOCATION_QUARANTINE
                          ? g_strdup_printf (_("The stock of lot %s at %s is in a quarantine location; move it out before shipping it."),
                                             c->lot_code, c->location_code)
                          : g_strdup_printf (_("The stock of lot %s at %s is in a scrap location, waiting to be destroyed."),
                                             c->lot_code, c->location_code));
              continue;
            }
          if (remaining > 0)
            {
              LotlineAllocationPick pick = {
                .lot_id = c->lot_id,
                .lot_code = g_strdup (c->lot_code),
                .location_id = c->location_id,
                .location_code = g_strdup (c->location_code),
                .quantity = MIN (c->quantity, remaining),
                .expires_on = g_strdup (c->expires_on),
                .days_left = days_left,
                .dated_on = g_strdup (c->dated_on),
              };

              remaining -= pick.quantity;
              g_array_append_val (a->picks, pick);
            }
        }
    }

  a->allocated = a->requested - remaining;
  a->shortfall = remaining;
  if (remaining > 0)
    a->shortfall_message = dup_shortfall_message (a);
}

/**
 * lotline_store_allocate:
 * @store: a store
 * @customer_id: the customer the goods go to
 * @product_id: the product ordered
 * @quantity: the quantity ordered, thousandths of the product's unit
 * @delivery_date: "YYYY-MM-DD", the day the customer receives the goods
 * @order: earliest expiry first, or earliest production first
 * @out: (out) (transfer full): the proposal
 * @error: return location for a #GError
 *
 * Proposes lots for one order line without writing anything.  Lots of the
 * product with stock are taken in @order, split across lots and locations
 * as needed.  A lot is skipped when it is recalled, quarantined, destroyed
 * or expires before @delivery_date (a lot is usable through the end of its
 * expiry date), or when it would reach the customer with less shelf life
 * left than the customer's policy for this product (else the customer's own
 * policy) requires; stock at quarantine and scrap locations is skipped too.
 * Every skip comes with its reason, and what cannot be covered is the
 * shortfall, which is not an error.
 *
 * Returns: %TRUE on success; %FALSE for an unknown customer or product, a
 *   quantity that is not positive or a date that is not a date
 */
gboolean
lotline_store_allocate (LotlineStore            *store,
                        gint64                   customer_id,
                        gint64                   product_id,
                        gint64                   quantity,
                        const char              *delivery_date,
                        LotlineAllocationOrder   order,
                        LotlineAllocation      **out,
                        GError                 **error)
{
  g_autoptr(LotlineAllocation) a = NULL;
  g_autoptr(GArray) candidates = NULL;
  PartyInfo customer = { 0 };
  ProductInfo product = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (LOTLINE_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (quantity <= 0)
    {
      g_autofree char *text = lotline_quantity_format (quantity);

      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID_QUANTITY,
                   _("An order of %s cannot be allocated. Give a quantity greater than zero."), text);
      return FALSE;
    }
  if (delivery_date == NULL || !lotline_date_is_valid (delivery_date))
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID_DATE,
                   _("“%s” is not a date. Give the delivery date as YYYY-MM-DD."),
                   delivery_date ? delivery_date : "");
      return FALSE;
    }
  if (!load_customer (store, customer_id, &customer, error))
    return FALSE;
  if (!load_product (store, product_id, &product, error))
    goto out;

  a = g_new0 (LotlineAllocation, 1);
  a->customer_id = customer_id;
  a->customer_code = g_strdup (customer.code);
  a->customer_name = g_strdup (customer.name);
  a->product_id = product_id;
  a->product_sku = g_strdup (product.sku);
  a->unit = g_strdup (product.unit);
  a->delivery_date = g_strdup (delivery_date);
  a->order = order;
  a->requested = quantity;
  a->picks = g_array_new (FALSE, TRUE, sizeof (LotlineAllocationPick));
  g_array_set_clear_func (a->picks, pick_clear);
  a->skipped = g_array_new (FALSE, TRUE, sizeof (LotlineAllocationSkip));
  g_array_set_clear_func (a->skipped, skip_clear);

  /* One read transaction: the policy and the stock agree with each other. */
  if (!lotline_store_exec (store, "SAVEPOINT lotline_allocate", error))
    goto out;
  if (lotline_store_get_shelf_life_policy (store, customer_id, product_id, &a->policy, error))
    candidates = load_candidates (store, product_id, order, error);
  lotline_store_exec (store, "RELEASE lotline_allocate", NULL);
  if (candidates == NULL)
    goto out;

  allocate_candidates (a, candidates, &product);
  *out = g_steal_pointer (&a);
  ok = TRUE;

out:
  party_info_clear (&customer);
  product_info_clear (&product);
  return ok;
}

/* ---- expiry views ----------------------------------------------------- */

/**
 * lotline_expiry_day_free:
 * @day: (nullable): a day of the expiry calendar
 */
void
lotline_expiry_day_free (LotlineExpiryDay *day)
{
  if (day == NULL)
    return;
  g_free (day->date);
  g_clear_pointer (&day->quantities, g_array_unref);
  g_free (day);
}

static void
unit_quantity_clear (gpointer data)
{
  g_free (((LotlineUnitQuantity *) data)->unit);
}

/**
 * lotline_store_expiry_calendar:
 * @store: a store
 * @filter: (nullable): which lots count: its product, product kind,
 *   supplier, location (a warehouse counts the stock in it and below it
 *   only), status and search filters apply; %NULL for all lots
 * @from: the first day, "YYYY-MM-DD"
 * @to: the last day, "YYYY-MM-DD"
 * @error: return location for a #GError
 *
 * For the expiry calendar: per day from @from to @to, how many lots with
 * stock expire that day and how much stock of them there is, per unit.
 *
 * Returns: (transfer full) (element-type LotlineExpiryDay): the days on
 *   which anything expires, in date order
 */
GPtrArray *
lotline_store_expiry_calendar (LotlineStore          *store,
                               const LotlineLotQuery *filter,
                               const char            *from,
                               const char            *to,
                               GError               **error)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func ((GDestroyNotify) lotline_expiry_day_free);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *where = NULL, *ids = NULL, *sql = NULL;
  LotlineLotQuery query;
  LotlineExpiryDay *day = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LOTLINE_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  if (filter != NULL)
    query = *filter;
  else
    lotline_lot_query_init (&query, NULL);
  query.expiring_within = -1;
  query.on_hand_only = FALSE;
  query.expires_from = NULL;
  query.expires_to = NULL;

  where = lotline_lot_query_build_filter (store, &query, words, error);
  if (where == NULL)
    return NULL;
  if (query.location_id > 0)
    {
      ids = lotline_location_subtree_ids (store, query.location_id, error);
      if (ids == NULL)
        return NULL;
    }
  sql = g_strdup_printf ("SELECT f.expires_on, f.unit, count(DISTINCT f.id), sum (stock.quantity)"
                         " FROM (SELECT lot.id AS id, lot.expires_on AS expires_on, product.unit AS unit"
                         "       %s AND lot.expires_on >= :from AND lot.expires_on <= :to) AS f"
                         " JOIN stock ON stock.lot_id = f.id %s%s%s"
                         " GROUP BY f.expires_on, f.unit ORDER BY f.expires_on, f.unit",
                         where, ids ? "WHERE stock.location_id IN (" : "", ids ? ids : "", ids ? ")" : "");
  stmt = lotline_lot_query_prepare (store, &query, sql, words, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":from"), from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":to"), to, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *date = (const char *) sqlite3_column_text (stmt, 0);
      LotlineUnitQuantity q = {
        .unit = lotline_column_dup (stmt, 1),
        .quantity = sqlite3_column_int64 (stmt, 3),
      };

      if (day == NULL || strcmp (day->date, date) != 0)
        {
          day = g_new0 (LotlineExpiryDay, 1);
          day->date = g_strdup (date);
          day->quantities = g_array_new (FALSE, TRUE, sizeof (LotlineUnitQuantity));
          g_array_set_clear_func (day->quantities, unit_quantity_clear);
          g_ptr_array_add (days, day);
        }
      /* A lot has one product and so one unit: the groups never share a lot. */
      day->n_lots += (guint) sqlite3_column_int64 (stmt, 2);
      g_array_append_val (day->quantities, q);
    }
  if (rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (store, error, _("reading the expiry calendar"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&days);
}

/**
 * lotline_lot_query_init_expiring:
 * @query: (out caller-allocates): the query to fill
 * @today: "YYYY-MM-DD"
 * @days: the window
 *
 * A lot query for the lots with stock that expire from @today to @today +
 * @days (still usable, about to expire), earliest expiry first.
 */
void
lotline_lot_query_init_expiring (LotlineLotQuery *query, const char *today, int days)
{
  lotline_lot_query_init (query, today);
  query->expiring_within = MAX (days, 0);
  query->on_hand_only = TRUE;
  query->sort = LOTLINE_LOT_SORT_EXPIRES;
}

/**
 * lotline_lot_query_init_expired_on_hand:
 * @query: (out caller-allocates): the query to fill
 * @today: "YYYY-MM-DD"
 *
 * A lot query for the expired lots still on hand on @today, earliest
 * expiry first.
 */
void
lotline_lot_query_init_expired_on_hand (LotlineLotQuery *query, const char *today)
{
  lotline_lot_query_init (query, today);
  query->status_mask = LOTLINE_STATUS_BIT (LOTLINE_LOT_EXPIRED);
  query->on_hand_only = TRUE;
  query->sort = LOTLINE_LOT_SORT_EXPIRES;
}

/* ---- write-off -------------------------------------------------------- */

/**
 * lotline_store_write_off_expired:
 * @store: a store
 * @lot_id: an expired lot
 * @location_id: the location whose stock is written off, or 0 for all of
 *   the lot's stock
 * @occurred_at: when, unix seconds UTC; 0 for now
 * @error: return location for a #GError
 *
 * Records the destruction of expired stock: one destroy event with reason
 * "expired" (%LOTLINE_WRITE_OFF_EXPIRED) taking the stock out where it is,
 * through lotline_store_record_event(), so the waste report counts it.  A
 * lot that is still usable on the day (it expires that day or later) is
 * refused: destroy it with another reason.
 *
 * Returns: %TRUE when the stock was written off
 */
gboolean
lotline_store_write_off_expired (LotlineStore *store,
                                 gint64        lot_id,
                                 gint64        location_id,
                                 gint64        occurred_at,
                                 GError      **error)
{
  g_autoptr(LotlineLot) lot = NULL;
  g_autoptr(GArray) stock = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autofree char *date = NULL;
  LotlineEventSpec spec = { 0 };

  g_return_val_if_fail (LOTLINE_IS_STORE (store), FALSE);

  if (occurred_at == 0)
    occurred_at = lotline_store_get_now (store);
  date = lotline_date_from_unix (occurred_at);

  lot = lotline_store_get_lot (store, lot_id, error);
  if (lot == NULL)
    return FALSE;
  if (lot->expires_on == NULL)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("Lot %s (%s) has no expiry date, so it cannot be written off as expired. Destroy it with another reason."),
                   lot->code, lot->product_sku);
      return FALSE;
    }
  if (strcmp (lot->expires_on, date) >= 0)
    {
      g_autofree char *next = lotline_date_add_days (lot->expires_on, 1);

      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("Lot %s (%s) expires on %s and is usable through that day, so it can be written off as expired from %s. Destroy it with another reason now if it must go."),
                   lot->code, lot->product_sku, lot->expires_on, next);
      return FALSE;
    }

  stock = lotline_store_get_stock (store, lot_id, error);
  if (stock == NULL)
    return FALSE;
  lines = g_array_new (FALSE, TRUE, sizeof (LotlineLineSpec));
  for (guint i = 0; i < stock->len; i++)
    {
      const LotlineStockEntry *entry = &g_array_index (stock, LotlineStockEntry, i);
      LotlineLineSpec line = {
        .role = LOTLINE_LINE_INPUT,
        .lot_id = lot_id,
        .location_id = entry->location_id,
        .quantity = entry->quantity,
      };

      if (location_id <= 0 || entry->location_id == location_id)
        g_array_append_val (lines, line);
    }
  if (lines->len == 0)
    {
      if (location_id > 0)
        g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                     _("There is no stock of lot %s (%s) at that location to write off."), lot->code, lot->product_sku);
      else
        g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                     _("There is no stock of lot %s (%s) to write off."), lot->code, lot->product_sku);
      return FALSE;
    }

  spec.kind = LOTLINE_EVENT_DESTROY;
  spec.occurred_at = occurred_at;
  spec.reason = LOTLINE_WRITE_OFF_EXPIRED;
  spec.lines = (const LotlineLineSpec *) lines->data;
  spec.n_lines = lines->len;
  return lotline_store_record_event (store, &spec, NULL, error);
}

/* ---- waste analytics -------------------------------------------------- */

/**
 * lotline_waste_grouping_to_string:
 * @grouping: a grouping
 *
 * Returns: (nullable): "product", "supplier" or "location"
 */
const char *
lotline_waste_grouping_to_string (LotlineWasteGrouping grouping)
{
  switch (grouping)
    {
    case LOTLINE_WASTE_BY_PRODUCT: return "product";
    case LOTLINE_WASTE_BY_SUPPLIER: return "supplier";
    case LOTLINE_WASTE_BY_LOCATION: return "location";
    default: return NULL;
    }
}

/**
 * lotline_waste_grouping_from_string:
 * @s: "product", "supplier" or "location"
 * @out: (out): the grouping
 *
 * Returns: %TRUE when @s names a grouping
 */
gboolean
lotline_waste_grouping_from_string (const char *s, LotlineWasteGrouping *out)
{
  for (int g = LOTLINE_WASTE_BY_PRODUCT; g <= LOTLINE_WASTE_BY_LOCATION; g++)
    if (g_strcmp0 (s, lotline_waste_grouping_to_string (g)) == 0)
      {
        *out = g;
        return TRUE;
      }
  return FALSE;
}

static void
waste_series_free (LotlineWasteSeries *series)
{
  g_free (series->key);
  g_free (series->label);
  g_free (series->unit);
  g_free (series);
}

/**
 * lotline_waste_report_free:
 * @report: (nullable): a waste report
 */
void
lotline_waste_report_free (LotlineWasteReport *report)
{
  if (report == NULL)
    return;
  for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
    g_free (report->months[m]);
  g_clear_pointer (&report->series, g_ptr_array_unref);
  g_free (report);
}

/* "YYYY-MM" into year and month; FALSE when it is not one. */
static gboolean
parse_month (const char *text, int *year, int *month)
{
  if (text == NULL || strlen (text) != 7 || text[4] != '-' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[2]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]))
    return FALSE;
  *year = atoi (text);
  *month = atoi (text + 5);
  return *year >= 1 && *month >= 1 && *month <= 12;
}

static int
compare_series (gconstpointer a, gconstpointer b)
{
  const LotlineWasteSeries *x = *(LotlineWasteSeries * const *) a;
  const LotlineWasteSeries *y = *(LotlineWasteSeries * const *) b;
  int c;

  if (x->total_value != y->total_value)
    return x->total_value > y->total_value ? -1 : 1;
  if (x->total_quantity != y->total_quantity)
    return x->total_quantity > y->total_quantity ? -1 : 1;
  c = g_utf8_collate (x->label, y->label);
  return c != 0 ? c : strcmp (x->unit, y->unit);
}

/* Each query gives month, group key, group label, unit, unit cost and the
 * quantity, per month, group and product; ?1 and ?2 bound the dates. */
static const char *
waste_sql (LotlineWasteGrouping grouping)
{
  switch (grouping)
    {
    case LOTLINE_WASTE_BY_SUPPLIER:
      return "SELECT substr (event.occurred_on, 1, 7), coalesce (party.code, ''), party.name,"
             " product.unit, product.unit_cost_milli, sum (event_line.quantity)"
             " FROM event JOIN event_line ON event_line.event_id = event.id AND event_line.role = 'input'"
             " JOIN lot ON lot.id = event_line.lot_id JOIN product ON product.id = lot.product_id"
             " LEFT JOIN party ON party.id = lot.supplier_id"
             " WHERE event.kind = 'destroy' AND event.reason = 'expired' COLLATE NOCASE"
             " AND event.occurred_on >= ?1 AND event.occurred_on < ?2"
             " GROUP BY 1, 2, product.id";
    case LOTLINE_WASTE_BY_LOCATION:
      return "WITH RECURSIVE root (id, root_id) AS ("
             "   SELECT id, id FROM location WHERE parent_id IS NULL"
             "   UNION ALL SELECT location.id, root.root_id FROM location JOIN root ON location.parent_id = root.id)"
             " SELECT substr (event.occurred_on, 1, 7), top.code, top.name,"
             " product.unit, product.unit_cost_milli, sum (event_line.quantity)"
             " FROM event JOIN event_line ON event_line.event_id = event.id AND event_line.role = 'input'"
             " JOIN lot ON lot.id = event_line.lot_id JOIN product ON product.id = lot.product_id"
             " JOIN root ON root.id = event_line.location_id JOIN location AS top ON top.id = root.root_id"
             " WHERE event.kind = 'destroy' AND event.reason = 'expired' COLLATE NOCASE"
             " AND event.occurred_on >= ?1 AND event.occurred_on < ?2"
             " GROUP BY 1, 2, product.id";
    case LOTLINE_WASTE_BY_PRODUCT:
    default:
      return "SELECT substr (event.occurred_on, 1, 7), product.sku, product.name,"
             " product.unit, product.unit_cost_milli, sum (event_line.quantity)"
             " FROM event JOIN event_line ON event_line.event_id = event.id AND event_line.role = 'input'"
             " JOIN lot ON lot.id = event_line.lot_id JOIN product ON product.id = lot.product_id"
             " WHERE event.kind = 'destroy' AND event.reason = 'expired' COLLATE NOCASE"
             " AND event.occurred_on >= ?1 AND event.occurred_on < ?2"
             " GROUP BY 1, 2, product.id";
    }
}

/**
 * lotline_store_waste_report:
 * @store: a store
 * @grouping: one series per product, supplier or location
 * @last_month: "YYYY-MM", the last of the twelve months reported
 * @error: return location for a #GError
 *
 * What was written off to expiry (destroy events with reason "expired") in
 * the twelve months ending with @last_month: quantity and value per month,
 * in one series per group and unit.  Value is the product's unit cost ×
 * quantity, exact to a thousandth of the currency.
 *
 * Returns: (transfer full) (nullable): the report
 */
LotlineWasteReport *
lotline_store_waste_report (LotlineStore         *store,
                            LotlineWasteGrouping  grouping,
                            const char           *last_month,
                            GError              **error)
{
  g_autoptr(LotlineWasteReport) report = NULL;
  g_autoptr(GHashTable) by_key = NULL;
  g_autofree char *first_day = NULL, *after_day = NULL;
  sqlite3_stmt *stmt;
  int year, month, rc;

  g_return_val_if_fail (LOTLINE_IS_STORE (store), NULL);

  if (!parse_month (last_month, &year, &month) || lotline_waste_grouping_to_string (grouping) == NULL)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID_DATE,
                   _("“%s” is not a month. Give it as YYYY-MM."), last_month ? last_month : "");
      return NULL;
    }

  report = g_new0 (LotlineWasteReport, 1);
  report->grouping = grouping;
  report->series = g_ptr_array_new_with_free_func ((GDestroyNotify) waste_series_free);
  for (int m = LOTLINE_WASTE_MONTHS - 1; m >= 0; m--)
    {
      report->months[m] = g_strdup_printf ("%04d-%02d", year, month);
      if (--month == 0)
        {
          month = 12;
          year--;
        }
    }
  parse_month (last_month, &year, &month);
  after_day = month == 12 ? g_strdup_printf ("%04d-01-01", year + 1) : g_strdup_printf ("%04d-%02d-01", year, month + 1);
  first_day = g_strconcat (report->months[0], "-01", NULL);

  stmt = lotline_store_prepare (store, waste_sql (grouping), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, first_day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, after_day, -1, SQLITE_TRANSIENT);

  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *month_text = (const char *) sqlite3_column_text (stmt, 0);
      const char *key = (const char *) sqlite3_column_text (stmt, 1);
      const char *unit = (const char *) sqlite3_column_text (stmt, 3);
      gint64 cost = sqlite3_column_int64 (stmt, 4);
      gint64 quantity = sqlite3_column_int64 (stmt, 5);
      g_autofree char *series_key = g_strdup_printf ("%s\x1f%s", key, unit);
      LotlineWasteSeries *series = g_hash_table_lookup (by_key, series_key);
      gint64 value;
      int m;

      for (m = 0; m < LOTLINE_WASTE_MONTHS; m++)
        if (g_strcmp0 (report->months[m], month_text) == 0)
          break;
      if (m == LOTLINE_WASTE_MONTHS)
        continue;

      if (series == NULL)
        {
          series = g_new0 (LotlineWasteSeries, 1);
          series->key = g_strdup (key);
          series->label = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? g_strdup (_("Made in house"))
                                                                       : lotline_column_dup (stmt, 2);
          series->unit = g_strdup (unit);
          g_ptr_array_add (report->series, series);
          g_hash_table_insert (by_key, g_steal_pointer (&series_key), series);
        }
      /* Thousandths of a unit × thousandths of the currency per unit,
       * rounded to a thousandth of the currency. */
      value = (quantity * cost + 500) / 1000;
      series->quantity[m] += quantity;
      series->value[m] += value;
      series->total_quantity += quantity;
      series->total_value += value;
      report->month_value[m] += value;
      report->total_value += value;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (store, error, _("reading the waste written off to expiry"));
      return NULL;
    }

  g_ptr_array_sort (report->series, compare_series);
  return g_steal_pointer (&report);
}

/**
 * lotline_waste_report_to_csv:
 * @report: a waste report
 *
 * The table behind the waste chart as CSV, in the conventions of Lotline's
 * other CSV files: one row per month and series (every month, zeros
 * included), with the columns month, the grouping ("product", "supplier" or
 * "location": the key), name, unit, quantity and value; quantities and
 * values are exact decimals.
 *
 * Returns: (transfer full): the CSV text
 */
char *
lotline_waste_report_to_csv (const LotlineWasteReport *report)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  g_string_append_printf (out, "month,%s,name,unit,quantity,value\n", lotline_waste_grouping_to_string (report->grouping));
  for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
    for (guint s = 0; s < report->series->len; s++)
      {
        const LotlineWasteSeries *series = g_ptr_array_index (report->series, s);
        g_autofree char *quantity = lotline_quantity_format (series->quantity[m]);
        g_autofree char *value = lotline_quantity_format (series->value[m]);

        lotline_csv_append_field (out, report->months[m]);
        g_string_append_c (out, ',');
        lotline_csv_append_field (out, series->key);
        g_string_append_c (out, ',');
        lotline_csv_append_field (out, series->label);
        g_string_append_c (out, ',');
        lotline_csv_append_field (out, series->unit);
        g_string_append_printf (out, ",%s,%s\n", quantity, value);
      }
  return g_string_free (out, FALSE);
}

/**
 * lotline_waste_report_write_csv:
 * @report: a waste report
 * @path: the file to write; replaced if it exists
 * @error: return location for a #GError
 *
 * Writes lotline_waste_report_to_csv() into @path.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
lotline_waste_report_write_csv (const LotlineWasteReport *report, const char *path, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = lotline_waste_report_to_csv (report);
  return g_file_set_contents (path, text, -1, error);
}
