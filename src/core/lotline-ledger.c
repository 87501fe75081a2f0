/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotline-expiry.h"
#include "lotline-ledger.h"
#include "lotline-store-private.h"

G_DEFINE_QUARK (lotline-ledger-error-quark, lotline_ledger_error)

/* ---- small helpers ---------------------------------------------------- */

static void
json_add_key (GString *json, const char *key)
{
  if (json->len > 1)
    g_string_append_c (json, ',');
  g_string_append_printf (json, "\"%s\":", key);
}

static void
json_add_string (GString *json, const char *key, const char *value)
{
  if (value == NULL)
    return;
  json_add_key (json, key);
  g_string_append_c (json, '"');
  for (const char *p = value; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (json, "\\\""); break;
        case '\\': g_string_append (json, "\\\\"); break;
        case '\n': g_string_append (json, "\\n"); break;
        case '\r': g_string_append (json, "\\r"); break;
        case '\t': g_string_append (json, "\\t"); break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (json, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (json, *p);
        }
    }
  g_string_append_c (json, '"');
}

static void
json_add_int (GString *json, const char *key, gint64 value)
{
  json_add_key (json, key);
  g_string_append_printf (json, "%" G_GINT64_FORMAT, value);
}

/* Returns the id found by a one-column id query on one text key, or 0. */
static gint64
lookup_id (LotlineStore *self, const char *sql, const char *key)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
exists_id (LotlineStore *self, const char *sql, gint64 id)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* Ends an add_*(): runs the bound INSERT, audits it with @json and commits,
 * or rolls the transaction back. @stmt may be NULL when preparing failed. */
static gboolean
finish_insert (LotlineStore *self, sqlite3_stmt *stmt, const char *entity, GString *json,
               const char *what, gint64 *out_id, GError **error)
{
  gint64 id;

  if (stmt == NULL || !lotline_store_step_done (self, stmt, what, error))
    goto fail;
  id = sqlite3_last_insert_rowid (lotline_store_get_db (self));
  g_string_append_c (json, '}');
  if (!lotline_audit_append (self, "create", entity, id, NULL, json->str, NULL, error) ||
      !lotline_store_commit (self, error))
    goto fail;
  if (out_id)
    *out_id = id;
  return TRUE;

fail:
  lotline_store_rollback (self);
  return FALSE;
}

/* Refuses a business key that is already taken; @message is complete. */
static gboolean
check_unique (LotlineStore *self, const char *sql, const char *key, char *message, GError **error)
{
  g_autofree char *owned = message;

  if (lookup_id (self, sql, key) == 0)
    return TRUE;
  g_set_error_literal (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_DUPLICATE, owned);
  return FALSE;
}

/* ---- master data ------------------------------------------------------ */

/**
 * lotline_store_add_product:
 * @self: a store
 * @spec: the product
 * @out_id: (out) (optional): the new product's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the product was added (and audited)
 */
gboolean
lotline_store_add_product (LotlineStore *self, const LotlineProductSpec *spec, gint64 *out_id, GError **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GString) json = g_string_new ("{");
  const char *unit = lotline_is_blank (spec->unit) ? "kg" : spec->unit;

  if (lotline_is_blank (spec->sku) || lotline_is_blank (spec->name))
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("A product needs a SKU and a name."));
      return FALSE;
    }
  if (lotline_product_kind_to_string (spec->kind) == NULL ||
      lotline_tracking_to_string (spec->tracking) == NULL)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("Product “%s” has an unknown kind or tracking."), spec->sku);
      return FALSE;
    }
  if (!check_unique (self, "SELECT id FROM product WHERE sku = ?", spec->sku,
                     g_strdup_printf (_("There is already a product with SKU “%s”. Choose another SKU."), spec->sku), error) ||
      !lotline_store_begin (self, error))
    return FALSE;

  json_add_string (json, "sku", spec->sku);
  json_add_string (json, "name", spec->name);
  json_add_string (json, "gtin", spec->gtin);
  json_add_string (json, "kind", lotline_product_kind_to_string (spec->kind));
  json_add_string (json, "unit", unit);
  if (spec->shelf_life_days >= 0)
    json_add_int (json, "shelf_life_days", spec->shelf_life_days);
  json_add_string (json, "tracking", lotline_tracking_to_string (spec->tracking));
  json_add_int (json, "ftl", spec->ftl ? 1 : 0);
  json_add_int (json, "unit_cost_milli", MAX (spec->unit_cost_milli, 0));

  stmt = lotline_store_prepare (self,
                                "INSERT INTO product (sku, name, gtin, kind, unit, shelf_life_days, tracking, ftl, unit_cost_milli)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, spec->sku, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, spec->name, -1, SQLITE_TRANSIENT);
      lotline_bind_text_or_null (stmt, 3, spec->gtin);
      sqlite3_bind_text (stmt, 4, lotline_product_kind_to_string (spec->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, unit, -1, SQLITE_TRANSIENT);
      if (spec->shelf_life_days >= 0)
        sqlite3_bind_int (stmt, 6, spec->shelf_life_days);
      sqlite3_bind_text (stmt, 7, lotline_tracking_to_string (spec->tracking), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 8, spec->ftl ? 1 : 0);
      sqlite3_bind_int64 (stmt, 9, MAX (spec->unit_cost_milli, 0));
    }
  return finish_insert (self, stmt, "product", json, _("adding a product"), out_id, error);
}

gboolean
lotline_store_add_party (LotlineStore *self, const LotlinePartySpec *spec, gint64 *out_id, GError **error)
{
  const char *fields[] = { spec->gln, spec->phone, spec->street, spec->city, spec->region,
                           spec->postal_code, spec->country, spec->contact_name, spec->contact_email };
  const char *names[] = { "gln", "phone", "street", "city", "region",
                          "postal_code", "country", "contact_name", "contact_email" };
  sqlite3_stmt *stmt;
  g_autoptr(GString) json = g_string_new ("{");

  if (lotline_is_blank (spec->code) || lotline_is_blank (spec->name))
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("A party needs a code and a name."));
      return FALSE;
    }
  if (lotline_party_kind_to_string (spec->kind) == NULL)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("Party “%s” has an unknown kind."), spec->code);
      return FALSE;
    }
  if (spec->min_shelf_life_percent > 100)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("Party “%s” would need %d%% of the shelf life left on delivery. Give a percentage from 0 to 100."),
                   spec->code, spec->min_shelf_life_percent);
      return FALSE;
    }
  if (!check_unique (self, "SELECT id FROM party WHERE code = ?", spec->code,
                     g_strdup_printf (_("There is already a party with code “%s”. Choose another code."), spec->code), error) ||
      !lotline_store_begin (self, error))
    return FALSE;

  json_add_string (json, "code", spec->code);
  json_add_string (json, "name", spec->name);
  json_add_string (json, "kind", lotline_party_kind_to_string (spec->kind));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    json_add_string (json, names[i], fields[i]);
  if (spec->min_shelf_life_days >= 0)
    json_add_int (json, "min_shelf_life_days", spec->min_shelf_life_days);
  if (spec->min_shelf_life_percent > 0)
    json_add_int (json, "min_shelf_life_percent", spec->min_shelf_life_percent);

  stmt = lotline_store_prepare (self,
                                "INSERT INTO party (code, name, kind, gln, phone, street, city, region, postal_code,"
                                " country, contact_name, contact_email, min_shelf_life_days, min_shelf_life_percent)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, spec->code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, spec->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, lotline_party_kind_to_string (spec->kind), -1, SQLITE_STATIC);
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        lotline_bind_text_or_null (stmt, 4 + (int) i, fields[i]);
      if (spec->min_shelf_life_days >= 0)
        sqlite3_bind_int (stmt, 13, spec->min_shelf_life_days);
      if (spec->min_shelf_life_percent > 0)
        sqlite3_bind_int (stmt, 14, spec->min_shelf_life_percent);
    }
  return finish_insert (self, stmt, "party", json, _("adding a party"), out_id, error);
}

gboolean
lotline_store_add_location (LotlineStore *self, const LotlineLocationSpec *spec, gint64 *out_id, GError **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GString) json = g_string_new ("{");

  if (lotline_is_blank (spec->code) || lotline_is_blank (spec->name))
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("A location needs a code and a name."));
      return FALSE;
    }
  if (lotline_location_kind_to_string (spec->kind) == NULL)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("Location “%s” has an unknown kind."), spec->code);
      return FALSE;
    }
  if (spec->parent_id > 0 && !exists_id (self, "SELECT 1 FROM location WHERE id = ?", spec->parent_id))
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_LOCATION,
                   _("The parent of location “%s” does not exist. Add the parent location first."), spec->code);
      return FALSE;
    }
  if (spec->site_id > 0 && !exists_id (self, "SELECT 1 FROM party WHERE id = ?", spec->site_id))
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PARTY,
                   _("The site of location “%s” does not exist. Add the site first."), spec->code);
      return FALSE;
    }
  if (!check_unique (self, "SELECT id FROM location WHERE code = ?", spec->code,
                     g_strdup_printf (_("There is already a location with code “%s”. Choose another code."), spec->code), error) ||
      !lotline_store_begin (self, error))
    return FALSE;

  json_add_string (json, "code", spec->code);
  json_add_string (json, "name", spec->name);
  json_add_string (json, "kind", lotline_location_kind_to_string (spec->kind));
  if (spec->parent_id > 0)
    json_add_int (json, "parent_id", spec->parent_id);
  if (spec->site_id > 0)
    json_add_int (json, "site_id", spec->site_id);

  stmt = lotline_store_prepare (self,
                                "INSERT INTO location (code, name, kind, parent_id, site_id) VALUES (?, ?, ?, ?, ?)",
                                error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, spec->code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, spec->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, lotline_location_kind_to_string (spec->kind), -1, SQLITE_STATIC);
      lotline_bind_id_or_null (stmt, 4, spec->parent_id);
      lotline_bind_id_or_null (stmt, 5, spec->site_id);
    }
  return finish_insert (self, stmt, "location", json, _("adding a location"), out_id, error);
}

/* What the ledger needs to know about a product to check a line. */
typedef struct {
  gint64          id;
  char           *sku;
  LotlineTracking tracking;
  int             shelf_life_days; /* -1 = none */
  char           *unit;
} ProductInfo;

static void
product_info_clear (ProductInfo *info)
{
  g_clear_pointer (&info->sku, g_free);
  g_clear_pointer (&info->unit, g_free);
}

static gboolean
load_product (LotlineStore *self, gint64 product_id, ProductInfo *out, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self,
                                              "SELECT sku, tracking, shelf_life_days, unit FROM product WHERE id = ?",
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
  if (!lotline_tracking_from_string ((const char *) sqlite3_column_text (stmt, 1), &out->tracking))
    out->tracking = LOTLINE_TRACKING_LOT;
  out->shelf_life_days = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 2);
  out->unit = lotline_column_dup (stmt, 3);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
check_party_kind (LotlineStore *self, gint64 party_id, gboolean supplier_ok, gboolean customer_ok,
                  gboolean site_ok, const char *role_text, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self, "SELECT kind, name FROM party WHERE id = ?", error);
  LotlinePartyKind kind;
  g_autofree char *name = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, party_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PARTY,
                   _("There is no party with id %lld. Add the supplier or customer first."),
                   (long long) party_id);
      return FALSE;
    }
  lotline_party_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind);
  name = lotline_column_dup (stmt, 1);
  sqlite3_reset (stmt);

  if ((kind == LOTLINE_PARTY_SUPPLIER && supplier_ok) ||
      (kind == LOTLINE_PARTY_CUSTOMER && customer_ok) ||
      (kind == LOTLINE_PARTY_SITE && site_ok))
    return TRUE;

  g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_WRONG_PARTY,
               /* Translators: "%s is a supplier, not the customer of this shipment" */
               _("“%s” is a %s; it cannot be the %s. Choose another party."),
               name, lotline_party_kind_to_string (kind), role_text);
  return FALSE;
}

static gboolean
validate_lot_spec (LotlineStore *self, const LotlineLotSpec *spec, ProductInfo *product, GError **error)
{
  if (!load_product (self, spec->product_id, product, error))
    return FALSE;

  if (lotline_is_blank (spec->code))
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("A lot of %s needs a lot code."), product->sku);
      return FALSE;
    }

  {
    const char *dates[] = { spec->produced_on, spec->received_on, spec->expires_on, spec->best_before };
    for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
      if (dates[i] != NULL && *dates[i] != '\0' && !lotline_date_is_valid (dates[i]))
        {
          g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID_DATE,
                       _("“%s” on lot %s is not a date. Write dates as YYYY-MM-DD."), dates[i], spec->code);
          return FALSE;
        }
  }

  if (!lotline_is_blank (spec->expires_on) && !lotline_is_blank (spec->produced_on) &&
      strcmp (spec->expires_on, spec->produced_on) < 0)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_EXPIRY_BEFORE_PRODUCTION,
                   _("Lot %s would expire on %s, before it was produced on %s. Check both dates."),
                   spec->code, spec->expires_on, spec->produced_on);
      return FALSE;
    }

  if (spec->supplier_id > 0 &&
      !check_party_kind (self, spec->supplier_id, TRUE, FALSE, TRUE, _("supplier of a lot"), error))
    return FALSE;

  {
    sqlite3_stmt *stmt = lotline_store_prepare (self, "SELECT 1 FROM lot WHERE product_id = ? AND code = ?", error);
    gboolean taken;

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, spec->product_id);
    sqlite3_bind_text (stmt, 2, spec->code, -1, SQLITE_STATIC);
    taken = sqlite3_step (stmt) == SQLITE_ROW;
    sqlite3_reset (stmt);
    if (taken)
      {
        g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_DUPLICATE_LOT,
                     _("Product %s already has a lot %s. Use the existing lot or choose another code."),
                     product->sku, spec->code);
        return FALSE;
      }
  }
  return TRUE;
}

/* Inserts a validated lot and audits it; runs inside a transaction. */
static gboolean
insert_lot (LotlineStore *self, const LotlineLotSpec *spec, gint64 *out_id, GError **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GString) json = g_string_new ("{");
  g_autofree char *now = lotline_store_dup_now_instant (self);
  gint64 id;

  stmt = lotline_store_prepare (self,
                                "INSERT INTO lot (product_id, code, produced_on, received_on, expires_on, best_before,"
                                " supplier_id, supplier_lot, tlc_source, notes, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, spec->product_id);
  sqlite3_bind_text (stmt, 2, spec->code, -1, SQLITE_TRANSIENT);
  lotline_bind_text_or_null (stmt, 3, spec->produced_on);
  lotline_bind_text_or_null (stmt, 4, spec->received_on);
  lotline_bind_text_or_null (stmt, 5, spec->expires_on);
  lotline_bind_text_or_null (stmt, 6, spec->best_before);
  lotline_bind_id_or_null (stmt, 7, spec->supplier_id);
  lotline_bind_text_or_null (stmt, 8, spec->supplier_lot);
  lotline_bind_text_or_null (stmt, 9, spec->tlc_source);
  lotline_bind_text_or_null (stmt, 10, spec->notes);
  sqlite3_bind_text (stmt, 11, now, -1, SQLITE_TRANSIENT);
  if (!lotline_store_step_done (self, stmt, _("adding a lot"), error))
    return FALSE;
  id = sqlite3_last_insert_rowid (lotline_store_get_db (self));

  json_add_int (json, "product_id", spec->product_id);
  json_add_string (json, "code", spec->code);
  json_add_string (json, "produced_on", spec->produced_on);
  json_add_string (json, "received_on", spec->received_on);
  json_add_string (json, "expires_on", spec->expires_on);
  json_add_string (json, "best_before", spec->best_before);
  json_add_string (json, "tlc_source", spec->tlc_source);
  json_add_string (json, "notes", spec->notes);
  if (spec->supplier_id > 0)
    json_add_int (json, "supplier_id", spec->supplier_id);
  json_add_string (json, "supplier_lot", spec->supplier_lot);
  g_string_append_c (json, '}');

  if (!lotline_audit_append (self, "create", "lot", id, NULL, json->str, NULL, error))
    return FALSE;

  *out_id = id;
  return TRUE;
}

gboolean
lotline_store_add_lot (LotlineStore *self, const LotlineLotSpec *spec, gint64 *out_id, GError **error)
{
  ProductInfo product = { 0 };
  gint64 id;
  gboolean ok;

  ok = validate_lot_spec (self, spec, &product, error);
  product_info_clear (&product);
  if (!ok || !lotline_store_begin (self, error))
    return FALSE;
  if (!insert_lot (self, spec, &id, error) || !lotline_store_commit (self, error))
    {
      lotline_store_rollback (self);
      return FALSE;
    }
  if (out_id)
    *out_id = id;
  return TRUE;
}

/* ---- look-ups --------------------------------------------------------- */

gboolean
lotline_store_find_product (LotlineStore *self, const char *sku, gint64 *out_id, GError **error)
{
  gint64 id = sku ? lookup_id (self, "SELECT id FROM product WHERE sku = ?", sku) : 0;

  if (id == 0)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PRODUCT,
                   _("There is no product with SKU “%s”. Check the SKU or add the product first."),
                   sku ? sku : "");
      return FALSE;
    }
  *out_id = id;
  return TRUE;
}

gboolean
lotline_store_find_party (LotlineStore *self, const char *code, gint64 *out_id, GError **error)
{
  gint64 id = code ? lookup_id (self, "SELECT id FROM party WHERE code = ?", code) : 0;

  if (id == 0)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PARTY,
                   _("There is no supplier, customer or site with code “%s”. Check the code or add the party first."),
                   code ? code : "");
      return FALSE;
    }
  *out_id = id;
  return TRUE;
}

gboolean
lotline_store_find_location (LotlineStore *self, const char *code, gint64 *out_id, GError **error)
{
  gint64 id = code ? lookup_id (self, "SELECT id FROM location WHERE code = ?", code) : 0;

  if (id == 0)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_LOCATION,
                   _("There is no location with code “%s”. Check the code or add the location first."),
                   code ? code : "");
      return FALSE;
    }
  *out_id = id;
  return TRUE;
}

/**
 * lotline_store_find_lots:
 * @self: a store
 * @code: a lot code
 * @sku: (nullable): restrict to this product
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the ids (gint64) of every matching lot, possibly
 *   empty; %NULL only on a database error
 */
GArray *
lotline_store_find_lots (LotlineStore *self, const char *code, const char *sku, GError **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = lotline_store_prepare (self,
                                "SELECT lot.id FROM lot JOIN product ON product.id = lot.product_id"
                                " WHERE lot.code = ?1 AND (?2 IS NULL OR product.sku = ?2) ORDER BY lot.id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  lotline_bind_text_or_null (stmt, 2, sku);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&ids);
}

/**
 * lotline_store_find_lot:
 * @self: a store
 * @sku: (nullable): the product; may be omitted when the code is unambiguous
 * @code: the lot code
 * @out_id: (out): the lot's id
 * @error: %LOTLINE_LEDGER_ERROR_UNKNOWN_LOT when there is no such lot, or
 *   %LOTLINE_LEDGER_ERROR_INVALID when the code is shared by several products
 *
 * Returns: %TRUE when exactly one lot matches
 */
gboolean
lotline_store_find_lot (LotlineStore *self, const char *sku, const char *code, gint64 *out_id, GError **error)
{
  g_autoptr(GArray) ids = lotline_store_find_lots (self, code, sku, error);

  if (ids == NULL)
    return FALSE;
  if (ids->len == 0)
    {
      if (sku)
        g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_LOT,
                     _("There is no lot “%s” of product %s. Check the lot code and the product."), code, sku);
      else
        g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_LOT,
                     _("There is no lot “%s”. Check the lot code."), code);
      return FALSE;
    }
  if (ids->len > 1)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID,
                   _("%u products have a lot “%s”. Give the product’s SKU too."), ids->len, code);
      return FALSE;
    }
  *out_id = g_array_index (ids, gint64, 0);
  return TRUE;
}

/* ---- events ----------------------------------------------------------- */

/* A line once its lot is known, with what the rules need about the lot. */
typedef struct {
  const LotlineLineSpec *spec;
  gint64                 lot_id;
  char                  *lot_code;
  gint64                 product_id;
  char                  *sku;
  char                  *unit;
  LotlineTracking        tracking;
  LotlineLotStatus       status;
  char                  *expires_on;
  char                  *dated_on;          /* produced on, or received on */
  int                    shelf_life_days;   /* the product's, -1 = none */
  gboolean               is_new;
} Line;

static void
line_clear (Line *line)
{
  g_clear_pointer (&line->lot_code, g_free);
  g_clear_pointer (&line->sku, g_free);
  g_clear_pointer (&line->unit, g_free);
  g_clear_pointer (&line->expires_on, g_free);
  g_clear_pointer (&line->dated_on, g_free);
}

static gboolean
load_line_lot (LotlineStore *self, Line *line, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self,
                                              "SELECT lot.code, product.sku, product.unit, product.tracking, lot.status, lot.expires_on,"
                                              " lot.product_id, coalesce (lot.produced_on, lot.received_on), product.shelf_life_days"
                                              " FROM lot JOIN product ON product.id = lot.product_id WHERE lot.id = ?",
                                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, line->lot_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_LOT,
                   _("There is no lot with id %lld. Receive or produce the lot first."),
                   (long long) line->lot_id);
      return FALSE;
    }
  line->lot_code = lotline_column_dup (stmt, 0);
  line->sku = lotline_column_dup (stmt, 1);
  line->unit = lotline_column_dup (stmt, 2);
  lotline_tracking_from_string ((const char *) sqlite3_column_text (stmt, 3), &line->tracking);
  lotline_lot_status_from_string ((const char *) sqlite3_column_text (stmt, 4), &line->status);
  line->expires_on = lotline_column_dup (stmt, 5);
  line->product_id = sqlite3_column_int64 (stmt, 6);
  line->dated_on = lotline_column_dup (stmt, 7);
  line->shelf_life_days = sqlite3_column_type (stmt, 8) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 8);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean check_customer_shelf_life (LotlineStore *self, const LotlineEventSpec *spec, const Line *line,
                                           const char *event_date, GError **error);

static const char *
event_noun (LotlineEventKind kind)
{
  switch (kind)
    {
    case LOTLINE_EVENT_RECEIVE: return _("A receipt");
    case LOTLINE_EVENT_PRODUCE: return _("A production");
    case LOTLINE_EVENT_TRANSFER: return _("A transfer");
    case LOTLINE_EVENT_SHIP: return _("A shipment");
    case LOTLINE_EVENT_RETURN: return _("A return");
    case LOTLINE_EVENT_ADJUST: return _("An adjustment");
    case LOTLINE_EVENT_DESTROY: return _("A destruction");
    case LOTLINE_EVENT_QUARANTINE: return _("A quarantine");
    case LOTLINE_EVENT_RELEASE: return _("A release");
    default: return _("An event");
    }
}

static gboolean
shape_error (GError **error, LotlineEventKind kind, const char *what)
{
  g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_SHAPE,
               /* Translators: "A shipment needs …" */
               "%s %s", event_noun (kind), what);
  return FALSE;
}

/* Checks which line roles an event kind takes. */
static gboolean
check_shape (const LotlineEventSpec *spec, GError **error)
{
  guint n_in = 0, n_out = 0, n_subject = 0;

  if (spec->n_lines == 0 || spec->lines == NULL)
    return shape_error (error, spec->kind, _("needs at least one lot line."));

  for (guint i = 0; i < spec->n_lines; i++)
    switch (spec->lines[i].role)
      {
      case LOTLINE_LINE_INPUT: n_in++; break;
      case LOTLINE_LINE_OUTPUT: n_out++; break;
      case LOTLINE_LINE_SUBJECT: n_subject++; break;
      default:
        return shape_error (error, spec->kind, _("has a line with an unknown role."));
      }

  switch (spec->kind)
    {
    case LOTLINE_EVENT_RECEIVE:
    case LOTLINE_EVENT_RETURN:
      if (n_in || n_subject)
        return shape_error (error, spec->kind, _("only brings lots in: every line must be an output line."));
      break;
    case LOTLINE_EVENT_SHIP:
    case LOTLINE_EVENT_DESTROY:
      if (n_out || n_subject)
        return shape_error (error, spec->kind, _("only takes lots out: every line must be an input line."));
      break;
    case LOTLINE_EVENT_PRODUCE:
      if (n_in == 0 || n_out == 0 || n_subject)
        return shape_error (error, spec->kind, _("needs input lines (the lots consumed) and output lines (the lots produced)."));
      break;
    case LOTLINE_EVENT_TRANSFER:
      if (n_in == 0 || n_out == 0 || n_subject)
        return shape_error (error, spec->kind, _("needs a line leaving one location and a line arriving at another."));
      break;
    case LOTLINE_EVENT_ADJUST:
      if (n_subject)
        return shape_error (error, spec->kind, _("changes stock: its lines must be input (less) or output (more) lines."));
      break;
    case LOTLINE_EVENT_QUARANTINE:
    case LOTLINE_EVENT_RELEASE:
      if (n_in || n_out)
        return shape_error (error, spec->kind, _("moves no stock: its lines must be subject lines."));
      break;
    default:
      return shape_error (error, spec->kind, _("has an unknown kind."));
    }
  return TRUE;
}

static gboolean
check_transfer_balance (const LotlineEventSpec *spec, const Line *lines, GError **error)
{
  g_autoptr(GHashTable) net = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < spec->n_lines; i++)
    {
      gint64 *sum = g_hash_table_lookup (net, &lines[i].lot_id);
      gint64 delta = spec->lines[i].role == LOTLINE_LINE_OUTPUT ? spec->lines[i].quantity : -spec->lines[i].quantity;

      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (net, g_memdup2 (&lines[i].lot_id, sizeof (gint64)), sum);
        }
      *sum += delta;
    }

  for (guint i = 0; i < spec->n_lines; i++)
    {
      gint64 *sum = g_hash_table_lookup (net, &lines[i].lot_id);

      if (*sum != 0)
        return shape_error (error, spec->kind,
                            _("must move the same quantity out of one location as it brings into the other, for every lot."));
      if (spec->lines[i].role == LOTLINE_LINE_INPUT)
        for (guint j = 0; j < spec->n_lines; j++)
          if (spec->lines[j].role == LOTLINE_LINE_OUTPUT && lines[j].lot_id == lines[i].lot_id &&
              spec->lines[j].location_id == spec->lines[i].location_id)
            return shape_error (error, spec->kind, _("must move a lot to a different location."));
    }
  return TRUE;
}

/* A production whose output is already an ancestor of (or equal to) one of
 * its inputs would make the genealogy a cycle. */
static gboolean
check_no_cycle (LotlineStore *self, const LotlineEventSpec *spec, const Line *lines, GError **error)
{
  for (guint o = 0; o < spec->n_lines; o++)
    {
      sqlite3_stmt *stmt;
      gboolean has_children;

      if (spec->lines[o].role != LOTLINE_LINE_OUTPUT)
        continue;

      for (guint i = 0; i < spec->n_lines; i++)
        if (spec->lines[i].role == LOTLINE_LINE_INPUT && lines[i].lot_id == lines[o].lot_id)
          {
            g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_CYCLE,
                         _("Lot %s cannot be consumed into itself. Produce a new lot instead."), lines[o].lot_code);
            return FALSE;
          }

      if (lines[o].is_new)
        continue;

      /* A lot that was never consumed into anything is nobody's ancestor. */
      has_children = exists_id (self, "SELECT 1 FROM lot_edge WHERE parent_lot_id = ? LIMIT 1", lines[o].lot_id);
      if (!has_children)
        continue;

      stmt = lotline_store_prepare (self,
                                    "WITH RECURSIVE up (id) AS (SELECT ?1 UNION"
                                    " SELECT lot_edge.parent_lot_id FROM lot_edge JOIN up ON lot_edge.child_lot_id = up.id)"
                                    " SELECT 1 FROM up WHERE id = ?2 LIMIT 1", error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < spec->n_lines; i++)
        {
          gboolean cycle;

          if (spec->lines[i].role != LOTLINE_LINE_INPUT)
            continue;
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, lines[i].lot_id);
          sqlite3_bind_int64 (stmt, 2, lines[o].lot_id);
          cycle = sqlite3_step (stmt) == SQLITE_ROW;
          sqlite3_reset (stmt);
          if (cycle)
            {
              g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_CYCLE,
                           _("Lot %s went into lot %s, so it cannot also be made from it: that would make the genealogy a cycle."),
                           lines[o].lot_code, lines[i].lot_code);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* The default expiry of a produced lot: the earlier of production date +
 * shelf life and the earliest expiry among the event's inputs. */
static char *
default_expiry (const LotlineEventSpec *spec, const Line *lines, const ProductInfo *product, const char *produced_on)
{
  char *expiry = NULL;

  if (product->shelf_life_days >= 0 && produced_on != NULL)
    expiry = lotline_date_add_days (produced_on, product->shelf_life_days);

  if (spec->kind == LOTLINE_EVENT_PRODUCE)
    for (guint i = 0; i < spec->n_lines; i++)
      if (spec->lines[i].role == LOTLINE_LINE_INPUT && lines[i].expires_on != NULL &&
          (expiry == NULL || strcmp (lines[i].expires_on, expiry) < 0))
        {
          g_free (expiry);
          expiry = g_strdup (lines[i].expires_on);
        }
  return expiry;
}

static gboolean
create_new_lot (LotlineStore *self, const LotlineEventSpec *spec, Line *lines, guint index,
                const char *event_date, GError **error)
{
  LotlineLotSpec lot = *spec->lines[index].new_lot;
  ProductInfo product = { 0 };
  g_autofree char *expiry = NULL;
  gboolean ok = FALSE;

  if (spec->kind == LOTLINE_EVENT_RECEIVE)
    {
      if (lotline_is_blank (lot.received_on))
        lot.received_on = event_date;
      if (lot.supplier_id <= 0)
        lot.supplier_id = spec->party_id;
    }
  if (spec->kind == LOTLINE_EVENT_PRODUCE && lotline_is_blank (lot.produced_on))
    lot.produced_on = event_date;

  if (!validate_lot_spec (self, &lot, &product, error))
    goto out;

  /* Checked again here: two new lines of one event may name the same code. */
  for (guint j = 0; j < index; j++)
    if (lines[j].is_new && spec->lines[j].new_lot->product_id == lot.product_id &&
        g_strcmp0 (spec->lines[j].new_lot->code, lot.code) == 0)
      {
        g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_DUPLICATE_LOT,
                     _("Product %s already has a lot %s. Use the existing lot or choose another code."),
                     product.sku, lot.code);
        goto out;
      }

  if (lotline_is_blank (lot.expires_on))
    {
      expiry = default_expiry (spec, lines, &product,
                               lotline_is_blank (lot.produced_on) ? lot.received_on : lot.produced_on);
      lot.expires_on = expiry;
      if (expiry != NULL && !lotline_is_blank (lot.produced_on) && strcmp (expiry, lot.produced_on) < 0)
        {
          g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_EXPIRY_BEFORE_PRODUCTION,
                       _("Lot %s would expire on %s, before it was produced on %s, because an input expires then. Do not use expired inputs."),
                       lot.code, expiry, lot.produced_on);
          goto out;
        }
    }

  if (!insert_lot (self, &lot, &lines[index].lot_id, error))
    goto out;
  ok = TRUE;

out:
  product_info_clear (&product);
  return ok;
}

static gboolean
take_stock (LotlineStore *self, const Line *line, gint64 location_id, gint64 quantity, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self,
                                              "UPDATE stock SET quantity = quantity - ?3"
                                              " WHERE lot_id = ?1 AND location_id = ?2 AND quantity >= ?3",
                                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, line->lot_id);
  sqlite3_bind_int64 (stmt, 2, location_id);
  sqlite3_bind_int64 (stmt, 3, quantity);
  if (!lotline_store_step_done (self, stmt, _("updating stock"), error))
    return FALSE;

  if (sqlite3_changes (lotline_store_get_db (self)) == 0)
    {
      gint64 on_hand = lotline_store_get_on_hand (self, line->lot_id, location_id);
      g_autofree char *have = lotline_quantity_format (on_hand);
      g_autofree char *want = lotline_quantity_format (quantity);
      g_autofree char *where = NULL;
      sqlite3_stmt *loc = lotline_store_prepare (self, "SELECT code FROM location WHERE id = ?", NULL);

      if (loc)
        {
          sqlite3_bind_int64 (loc, 1, location_id);
          if (sqlite3_step (loc) == SQLITE_ROW)
            where = lotline_column_dup (loc, 0);
          sqlite3_reset (loc);
        }
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_NEGATIVE_STOCK,
                   _("Only %s %s of lot %s (%s) is at %s, but %s %s would be taken. Reduce the quantity or record the missing stock first."),
                   have, line->unit, line->lot_code, line->sku, where ? where : "?", want, line->unit);
      return FALSE;
    }

  stmt = lotline_store_prepare (self, "DELETE FROM stock WHERE lot_id = ? AND location_id = ? AND quantity = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, line->lot_id);
  sqlite3_bind_int64 (stmt, 2, location_id);
  return lotline_store_step_done (self, stmt, _("updating stock"), error);
}

static gboolean
put_stock (LotlineStore *self, gint64 lot_id, gint64 location_id, gint64 quantity, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self,
                                              "INSERT INTO stock (lot_id, location_id, quantity) VALUES (?, ?, ?)"
                                              " ON CONFLICT (lot_id, location_id) DO UPDATE SET quantity = quantity + excluded.quantity",
                                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lot_id);
  sqlite3_bind_int64 (stmt, 2, location_id);
  sqlite3_bind_int64 (stmt, 3, quantity);
  return lotline_store_step_done (self, stmt, _("updating stock"), error);
}

static gboolean
set_lot_status (LotlineStore *self, const Line *line, LotlineLotStatus status, const char *reason, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *old_json = NULL, *new_json = NULL;

  if (line->status == status)
    return TRUE;

  stmt = lotline_store_prepare (self, "UPDATE lot SET status = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lotline_lot_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, line->lot_id);
  if (!lotline_store_step_done (self, stmt, _("changing a lot’s status"), error))
    return FALSE;

  old_json = g_strdup_printf ("{\"status\":\"%s\"}", lotline_lot_status_to_string (line->status));
  new_json = g_strdup_printf ("{\"status\":\"%s\"}", lotline_lot_status_to_string (status));
  return lotline_audit_append (self, "status", "lot", line->lot_id, old_json, new_json, reason, error);
}

static gboolean
check_line (LotlineStore *self, const LotlineEventSpec *spec, Line *lines, guint i,
            const char *event_date, GError **error)
{
  const LotlineLineSpec *ls = &spec->lines[i];
  Line *line = &lines[i];

  if (ls->role != LOTLINE_LINE_SUBJECT && ls->quantity <= 0)
    {
      g_autofree char *q = lotline_quantity_format (ls->quantity);
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID_QUANTITY,
                   _("Line %u has quantity %s. Quantities must be greater than zero."), i + 1, q);
      return FALSE;
    }
  if (ls->role == LOTLINE_LINE_SUBJECT && ls->quantity < 0)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID_QUANTITY,
                   _("Line %u has a negative quantity."), i + 1);
      return FALSE;
    }

  if (ls->role != LOTLINE_LINE_SUBJECT &&
      (ls->location_id <= 0 || !exists_id (self, "SELECT 1 FROM location WHERE id = ?", ls->location_id)))
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_LOCATION,
                   _("Line %u names a location that does not exist. Choose a location."), i + 1);
      return FALSE;
    }

  if (ls->new_lot != NULL)
    {
      if (ls->role != LOTLINE_LINE_OUTPUT)
        return shape_error (error, spec->kind, _("can only create new lots on output lines."));
      line->is_new = TRUE;
      /* Lines that share one new-lot spec (a lot produced into two
       * locations) share the one lot it creates. */
      for (guint j = 0; j < i && line->lot_id == 0; j++)
        if (spec->lines[j].new_lot == ls->new_lot)
          line->lot_id = lines[j].lot_id;
      if (line->lot_id == 0 && !create_new_lot (self, spec, lines, i, event_date, error))
        return FALSE;
    }
  else
    line->lot_id = ls->lot_id;

  if (!load_line_lot (self, line, error))
    return FALSE;

  if (line->tracking == LOTLINE_TRACKING_SERIAL && ls->role != LOTLINE_LINE_SUBJECT &&
      ls->quantity != LOTLINE_QTY_ONE)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_SERIAL,
                   _("%s is tracked by serial number: serial %s is one unit, so every line for it must have quantity 1."),
                   line->sku, line->lot_code);
      return FALSE;
    }

  if (line->status == LOTLINE_LOT_DESTROYED && ls->role == LOTLINE_LINE_OUTPUT)
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_DESTROYED,
                   _("Lot %s (%s) was destroyed; stock cannot be added to it. Create a new lot."),
                   line->lot_code, line->sku);
      return FALSE;
    }

  /* Shipping a lot, or consuming it into production, puts it to use: a
   * recalled lot never is, a quarantined or expired one only with a reason. */
  if (spec->kind == LOTLINE_EVENT_SHIP ||
      (spec->kind == LOTLINE_EVENT_PRODUCE && ls->role == LOTLINE_LINE_INPUT))
    {
      gboolean ship = spec->kind == LOTLINE_EVENT_SHIP;

      if (line->status == LOTLINE_LOT_RECALLED)
        {
          g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_RECALLED,
                       ship ? _("Lot %s (%s) is recalled and cannot be shipped. Remove it from the shipment.")
                            : _("Lot %s (%s) is recalled and cannot be used in production. Choose another lot."),
                       line->lot_code, line->sku);
          return FALSE;
        }
      if (line->status == LOTLINE_LOT_QUARANTINED && lotline_is_blank (spec->override_reason))
        {
          g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_QUARANTINED,
                       ship ? _("Lot %s (%s) is quarantined. Release it first, or give a reason to ship it anyway.")
                            : _("Lot %s (%s) is quarantined. Release it first, or give a reason to use it anyway (rework)."),
                       line->lot_code, line->sku);
          return FALSE;
        }
      /* A lot is usable through the end of its expiry date. */
      if (line->expires_on != NULL && strcmp (line->expires_on, event_date) < 0 && lotline_is_blank (spec->override_reason))
        {
          g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_EXPIRED,
                       ship ? _("Lot %s (%s) expired on %s, before this shipment on %s. Choose another lot, or give a reason to ship it anyway.")
                            : _("Lot %s (%s) expired on %s, before this production on %s. Choose another lot, or give a reason to use it anyway."),
                       line->lot_code, line->sku, line->expires_on, event_date);
          return FALSE;
        }
      if (ship && !check_customer_shelf_life (self, spec, line, event_date, error))
        return FALSE;
    }

  if (spec->kind == LOTLINE_EVENT_RELEASE && line->status != LOTLINE_LOT_QUARANTINED)
    {
      if (line->status == LOTLINE_LOT_RECALLED)
        g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_RECALLED,
                     _("Lot %s (%s) is recalled; it is released only by closing its recall."),
                     line->lot_code, line->sku);
      else
        g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_SHAPE,
                     _("Lot %s (%s) is not quarantined, so there is nothing to release."),
                     line->lot_code, line->sku);
      return FALSE;
    }
  if (spec->kind == LOTLINE_EVENT_QUARANTINE &&
      (line->status == LOTLINE_LOT_DESTROYED || line->status == LOTLINE_LOT_RECALLED))
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR,
                   line->status == LOTLINE_LOT_RECALLED ? LOTLINE_LEDGER_ERROR_RECALLED : LOTLINE_LEDGER_ERROR_DESTROYED,
                   _("Lot %s (%s) is already %s."), line->lot_code, line->sku,
                   lotline_lot_status_to_string (line->status));
      return FALSE;
    }
  return TRUE;
}

/* A shipment must leave the customer the shelf life their policy asks for
 * on the day it happens; a person may overrule it with a recorded reason. */
static gboolean
check_customer_shelf_life (LotlineStore *self, const LotlineEventSpec *spec, const Line *line,
                           const char *event_date, GError **error)
{
  LotlineShelfLifePolicy policy;
  int days_left, total_days = -1, required;

  if (line->expires_on == NULL || !lotline_is_blank (spec->override_reason) || spec->party_id <= 0)
    return TRUE;
  if (!lotline_store_get_shelf_life_policy (self, spec->party_id, line->product_id, &policy, error))
    return FALSE;
  if (policy.level == LOTLINE_POLICY_NONE)
    return TRUE;

  days_left = lotline_date_diff_days (event_date, line->expires_on);
  if (line->dated_on != NULL && lotline_date_is_valid (line->dated_on))
    total_days = lotline_date_diff_days (line->dated_on, line->expires_on);
  else
    total_days = line->shelf_life_days;
  if (lotline_shelf_life_policy_accepts (&policy, days_left, total_days))
    return TRUE;

  required = lotline_shelf_life_policy_required_days (&policy, total_days);
  if (required < 0)
    g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_SHELF_LIFE,
                 _("The customer requires %d%% of a lot’s shelf life left on delivery, and lot %s (%s) has no production or receipt date to check it by. Choose another lot, or give a reason to ship it anyway."),
                 policy.min_percent, line->lot_code, line->sku);
  else
    g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_SHELF_LIFE,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Lot %s (%s) has %d day of shelf life left on %s, but the customer requires at least %d. Choose a fresher lot, or give a reason to ship it anyway.",
                              "Lot %s (%s) has %d days of shelf life left on %s, but the customer requires at least %d. Choose a fresher lot, or give a reason to ship it anyway.",
                              days_left),
                 line->lot_code, line->sku, days_left, event_date, required);
  return FALSE;
}

static gboolean
reason_required (LotlineEventKind kind)
{
  return kind == LOTLINE_EVENT_ADJUST || kind == LOTLINE_EVENT_DESTROY ||
         kind == LOTLINE_EVENT_QUARANTINE || kind == LOTLINE_EVENT_RELEASE;
}

static gboolean
check_party (LotlineStore *self, const LotlineEventSpec *spec, GError **error)
{
  switch (spec->kind)
    {
    case LOTLINE_EVENT_RECEIVE:
      if (spec->party_id <= 0)
        goto missing;
      return check_party_kind (self, spec->party_id, TRUE, FALSE, TRUE, _("source of a receipt"), error);
    case LOTLINE_EVENT_SHIP:
      if (spec->party_id <= 0)
        goto missing;
      return check_party_kind (self, spec->party_id, FALSE, TRUE, TRUE, _("customer of a shipment"), error);
    case LOTLINE_EVENT_RETURN:
      if (spec->party_id <= 0)
        goto missing;
      return check_party_kind (self, spec->party_id, FALSE, TRUE, TRUE, _("customer returning goods"), error);
    default:
      if (spec->party_id > 0 && !exists_id (self, "SELECT 1 FROM party WHERE id = ?", spec->party_id))
        {
          g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PARTY,
                       _("The party of this event does not exist."));
          return FALSE;
        }
      return TRUE;
    }

missing:
  g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PARTY,
               spec->kind == LOTLINE_EVENT_RECEIVE
                 ? _("A receipt needs the supplier it came from.")
                 : _("A shipment or return needs its customer."));
  return FALSE;
}

static gboolean
write_event (LotlineStore *self, const LotlineEventSpec *spec, Line *lines, gint64 occurred_at,
             const char *event_date, gint64 *out_event_id, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *occurred = lotline_instant_from_unix (occurred_at);
  g_autofree char *now = lotline_store_dup_now_instant (self);
  g_autoptr(GString) json = g_string_new ("{");
  gint64 event_id;

  stmt = lotline_store_prepare (self,
                                "INSERT INTO event (kind, occurred_at, recorded_at, recorded_by, party_id, doc_type,"
                                " doc_number, reason, override_reason, occurred_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lotline_event_kind_to_string (spec->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, occurred, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, lotline_store_get_user (self), -1, SQLITE_TRANSIENT);
  lotline_bind_id_or_null (stmt, 5, spec->party_id);
  lotline_bind_text_or_null (stmt, 6, spec->doc_type);
  lotline_bind_text_or_null (stmt, 7, spec->doc_number);
  lotline_bind_text_or_null (stmt, 8, spec->reason);
  lotline_bind_text_or_null (stmt, 9, spec->override_reason);
  sqlite3_bind_text (stmt, 10, event_date, -1, SQLITE_TRANSIENT);
  if (!lotline_store_step_done (self, stmt, _("recording an event"), error))
    return FALSE;
  event_id = sqlite3_last_insert_rowid (lotline_store_get_db (self));

  json_add_string (json, "kind", lotline_event_kind_to_string (spec->kind));
  json_add_string (json, "occurred_at", occurred);
  if (spec->party_id > 0)
    json_add_int (json, "party_id", spec->party_id);
  json_add_string (json, "doc_type", spec->doc_type);
  json_add_string (json, "doc_number", spec->doc_number);
  json_add_string (json, "override_reason", spec->override_reason);
  json_add_key (json, "lines");
  g_string_append_c (json, '[');

  stmt = lotline_store_prepare (self,
                                "INSERT INTO event_line (event_id, lot_id, location_id, role, quantity) VALUES (?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < spec->n_lines; i++)
    {
      const LotlineLineSpec *ls = &spec->lines[i];

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, event_id);
      sqlite3_bind_int64 (stmt, 2, lines[i].lot_id);
      lotline_bind_id_or_null (stmt, 3, ls->role == LOTLINE_LINE_SUBJECT ? 0 : ls->location_id);
      sqlite3_bind_text (stmt, 4, lotline_line_role_to_string (ls->role), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, ls->quantity);
      if (!lotline_store_step_done (self, stmt, _("recording an event line"), error))
        return FALSE;
      g_string_append_printf (json, "%s{\"lot_id\":%" G_GINT64_FORMAT ",\"role\":\"%s\",\"quantity\":%" G_GINT64_FORMAT,
                              i ? "," : "", lines[i].lot_id, lotline_line_role_to_string (ls->role), ls->quantity);
      if (ls->role != LOTLINE_LINE_SUBJECT)
        g_string_append_printf (json, ",\"location_id\":%" G_GINT64_FORMAT, ls->location_id);
      g_string_append_c (json, '}');
    }
  g_string_append (json, "]}");

  if (!lotline_audit_append (self, "record", "event", event_id, NULL, json->str,
                             spec->reason ? spec->reason : spec->override_reason, error))
    return FALSE;

  *out_event_id = event_id;
  return TRUE;
}

/* Sums the quantities of one lot's lines of one role in an event. */
static gint64
lot_total (const LotlineEventSpec *spec, const Line *lines, LotlineLineRole role, gint64 lot_id)
{
  gint64 total = 0;

  for (guint i = 0; i < spec->n_lines; i++)
    if (spec->lines[i].role == role && lines[i].lot_id == lot_id)
      total += spec->lines[i].quantity;
  return total;
}

static gboolean
seen_before (const LotlineEventSpec *spec, const Line *lines, guint index)
{
  for (guint j = 0; j < index; j++)
    if (spec->lines[j].role == spec->lines[index].role && lines[j].lot_id == lines[index].lot_id)
      return TRUE;
  return FALSE;
}

/* One edge per (consumed lot, produced lot) pair of a production, carrying
 * the total consumed and produced of each, however many lines name them. */
static gboolean
write_edges (LotlineStore *self, const LotlineEventSpec *spec, const Line *lines, gint64 event_id, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self,
                                              "INSERT INTO lot_edge (event_id, parent_lot_id, child_lot_id, parent_quantity, child_quantity)"
                                              " VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < spec->n_lines; i++)
    {
      if (spec->lines[i].role != LOTLINE_LINE_INPUT || seen_before (spec, lines, i))
        continue;
      for (guint o = 0; o < spec->n_lines; o++)
        {
          if (spec->lines[o].role != LOTLINE_LINE_OUTPUT || seen_before (spec, lines, o))
            continue;
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, event_id);
          sqlite3_bind_int64 (stmt, 2, lines[i].lot_id);
          sqlite3_bind_int64 (stmt, 3, lines[o].lot_id);
          sqlite3_bind_int64 (stmt, 4, lot_total (spec, lines, LOTLINE_LINE_INPUT, lines[i].lot_id));
          sqlite3_bind_int64 (stmt, 5, lot_total (spec, lines, LOTLINE_LINE_OUTPUT, lines[o].lot_id));
          if (!lotline_store_step_done (self, stmt, _("recording genealogy"), error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
apply_event (LotlineStore *self, const LotlineEventSpec *spec, Line *lines, gint64 occurred_at,
             const char *event_date, gint64 *out_event_id, GError **error)
{
  gint64 event_id;

  for (guint i = 0; i < spec->n_lines; i++)
    if (!check_line (self, spec, lines, i, event_date, error))
      return FALSE;

  if (spec->kind == LOTLINE_EVENT_TRANSFER && !check_transfer_balance (spec, lines, error))
    return FALSE;
  if (spec->kind == LOTLINE_EVENT_PRODUCE && !check_no_cycle (self, spec, lines, error))
    return FALSE;

  if (!write_event (self, spec, lines, occurred_at, event_date, &event_id, error))
    return FALSE;

  /* Takes before puts, so a line cannot borrow stock that the same event
   * brings in elsewhere. */
  for (guint i = 0; i < spec->n_lines; i++)
    if (spec->lines[i].role == LOTLINE_LINE_INPUT &&
        !take_stock (self, &lines[i], spec->lines[i].location_id, spec->lines[i].quantity, error))
      return FALSE;
  for (guint i = 0; i < spec->n_lines; i++)
    if (spec->lines[i].role == LOTLINE_LINE_OUTPUT &&
        !put_stock (self, lines[i].lot_id, spec->lines[i].location_id, spec->lines[i].quantity, error))
      return FALSE;

  for (guint i = 0; i < spec->n_lines; i++)
    if (lines[i].tracking == LOTLINE_TRACKING_SERIAL && spec->lines[i].role == LOTLINE_LINE_OUTPUT &&
        lotline_store_get_on_hand (self, lines[i].lot_id, 0) > LOTLINE_QTY_ONE)
      {
        g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_SERIAL,
                     _("Serial number %s of %s is already in stock; one serial number is one unit."),
                     lines[i].lot_code, lines[i].sku);
        return FALSE;
      }

  if (spec->kind == LOTLINE_EVENT_PRODUCE && !write_edges (self, spec, lines, event_id, error))
    return FALSE;

  for (guint i = 0; i < spec->n_lines; i++)
    {
      gboolean ok = TRUE;

      if (spec->kind == LOTLINE_EVENT_QUARANTINE)
        ok = set_lot_status (self, &lines[i], LOTLINE_LOT_QUARANTINED, spec->reason, error);
      else if (spec->kind == LOTLINE_EVENT_RELEASE)
        ok = set_lot_status (self, &lines[i], LOTLINE_LOT_RELEASED, spec->reason, error);
      else if (spec->kind == LOTLINE_EVENT_DESTROY && lotline_store_get_on_hand (self, lines[i].lot_id, 0) == 0)
        ok = set_lot_status (self, &lines[i], LOTLINE_LOT_DESTROYED, spec->reason, error);
      if (!ok)
        return FALSE;
      /* Several lines may concern one lot: later ones see the new status. */
      for (guint j = i + 1; j < spec->n_lines; j++)
        if (lines[j].lot_id == lines[i].lot_id)
          lines[j].status = spec->kind == LOTLINE_EVENT_QUARANTINE ? LOTLINE_LOT_QUARANTINED
                          : spec->kind == LOTLINE_EVENT_RELEASE ? LOTLINE_LOT_RELEASED : lines[j].status;
    }

  *out_event_id = event_id;
  return TRUE;
}

/* Records @spec, or only checks it when @dry_run: the same code runs, and the
 * transaction is rolled back, so a dry run says exactly what recording would. */
static gboolean
record_event (LotlineStore *self, const LotlineEventSpec *spec, gboolean dry_run,
              gint64 *out_event_id, GError **error)
{
  g_autofree Line *lines = NULL;
  g_autofree char *event_date = NULL;
  gint64 occurred_at, event_id = 0;
  gboolean ok;

  g_return_val_if_fail (LOTLINE_IS_STORE (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  if (lotline_event_kind_to_string (spec->kind) == NULL)
    return shape_error (error, spec->kind, _("has an unknown kind."));
  if (!check_shape (spec, error))
    return FALSE;
  if (reason_required (spec->kind) && lotline_is_blank (spec->reason))
    {
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_REASON_REQUIRED,
                   _("%s needs a reason. Say why it is done; the reason is kept in the audit log."),
                   event_noun (spec->kind));
      return FALSE;
    }

  occurred_at = spec->occurred_at ? spec->occurred_at : lotline_store_get_now (self);
  event_date = lotline_date_from_unix (occurred_at);
  lines = g_new0 (Line, spec->n_lines);

  if (!lotline_store_begin (self, error))
    return FALSE;

  ok = check_party (self, spec, error) &&
       apply_event (self, spec, lines, occurred_at, event_date, &event_id, error);
  if (ok && !dry_run)
    ok = lotline_store_commit (self, error);
  else
    lotline_store_rollback (self);

  for (guint i = 0; i < spec->n_lines; i++)
    line_clear (&lines[i]);

  if (ok && out_event_id)
    *out_event_id = dry_run ? 0 : event_id;
  return ok;
}

gboolean
lotline_store_record_event (LotlineStore *self, const LotlineEventSpec *spec, gint64 *out_event_id, GError **error)
{
  return record_event (self, spec, FALSE, out_event_id, error);
}

/**
 * lotline_store_validate_event:
 * @self: a store
 * @spec: the event and its lines
 * @error: the error lotline_store_record_event() would give
 *
 * Checks @spec against every ledger rule without writing anything, so a
 * dialog can show the ledger's own message before the person submits.
 *
 * Returns: %TRUE when recording @spec now would succeed
 */
gboolean
lotline_store_validate_event (LotlineStore *self, const LotlineEventSpec *spec, GError **error)
{
  return record_event (self, spec, TRUE, NULL, error);
}

/* ---- reading ---------------------------------------------------------- */

void
lotline_lot_free (LotlineLot *lot)
{
  if (lot == NULL)
    return;
  g_free (lot->product_sku);
  g_free (lot->product_name);
  g_free (lot->unit);
  g_free (lot->code);
  g_free (lot->produced_on);
  g_free (lot->received_on);
  g_free (lot->expires_on);
  g_free (lot->best_before);
  g_free (lot->supplier_name);
  g_free (lot->supplier_lot);
  g_free (lot->tlc_source);
  g_free (lot->notes);
  g_free (lot);
}

/**
 * lotline_store_get_lot:
 * @self: a store
 * @lot_id: the lot
 * @error: %LOTLINE_LEDGER_ERROR_UNKNOWN_LOT when there is no such lot
 *
 * Returns: (transfer full) (nullable): the lot with its product and on-hand total
 */
LotlineLot *
lotline_store_get_lot (LotlineStore *self, gint64 lot_id, GError **error)
{
  sqlite3_stmt *stmt;
  LotlineLot *lot;

  stmt = lotline_store_prepare (self,
                                "SELECT lot.id, lot.product_id, product.sku, product.name, product.kind, product.unit, lot.code,"
                                " lot.produced_on, lot.received_on, lot.expires_on, lot.best_before, lot.supplier_id,"
                                " party.name, lot.supplier_lot, lot.tlc_source, lot.status, lot.notes,"
                                " (SELECT coalesce (sum (quantity), 0) FROM stock WHERE stock.lot_id = lot.id)"
                                " FROM lot JOIN product ON product.id = lot.product_id"
                                " LEFT JOIN party ON party.id = lot.supplier_id WHERE lot.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, lot_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_LOT,
                   _("There is no lot with id %lld."), (long long) lot_id);
      return NULL;
    }

  lot = g_new0 (LotlineLot, 1);
  lot->id = sqlite3_column_int64 (stmt, 0);
  lot->product_id = sqlite3_column_int64 (stmt, 1);
  lot->product_sku = lotline_column_dup (stmt, 2);
  lot->product_name = lotline_column_dup (stmt, 3);
  lotline_product_kind_from_string ((const char *) sqlite3_column_text (stmt, 4), &lot->product_kind);
  lot->unit = lotline_column_dup (stmt, 5);
  lot->code = lotline_column_dup (stmt, 6);
  lot->produced_on = lotline_column_dup (stmt, 7);
  lot->received_on = lotline_column_dup (stmt, 8);
  lot->expires_on = lotline_column_dup (stmt, 9);
  lot->best_before = lotline_column_dup (stmt, 10);
  lot->supplier_id = sqlite3_column_int64 (stmt, 11);
  lot->supplier_name = lotline_column_dup (stmt, 12);
  lot->supplier_lot = lotline_column_dup (stmt, 13);
  lot->tlc_source = lotline_column_dup (stmt, 14);
  lotline_lot_status_from_string ((const char *) sqlite3_column_text (stmt, 15), &lot->status);
  lot->notes = lotline_column_dup (stmt, 16);
  lot->on_hand = sqlite3_column_int64 (stmt, 17);
  sqlite3_reset (stmt);
  return lot;
}

LotlineLotStatus
lotline_lot_effective_status (const LotlineLot *lot, const char *today)
{
  if (lot->status == LOTLINE_LOT_RELEASED && lot->expires_on != NULL && today != NULL &&
      strcmp (lot->expires_on, today) < 0)
    return LOTLINE_LOT_EXPIRED;
  return lot->status;
}

static void
stock_entry_clear (gpointer data)
{
  LotlineStockEntry *entry = data;

  g_free (entry->location_code);
}

/**
 * lotline_store_get_stock:
 * @self: a store
 * @lot_id: the lot
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #LotlineStockEntry per location holding the lot
 */
GArray *
lotline_store_get_stock (LotlineStore *self, gint64 lot_id, GError **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (LotlineStockEntry));

  g_array_set_clear_func (entries, stock_entry_clear);
  stmt = lotline_store_prepare (self,
                                "SELECT stock.location_id, location.code, stock.quantity FROM stock"
                                " JOIN location ON location.id = stock.location_id"
                                " WHERE stock.lot_id = ? ORDER BY location.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, lot_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LotlineStockEntry entry = {
        .lot_id = lot_id,
        .location_id = sqlite3_column_int64 (stmt, 0),
        .location_code = lotline_column_dup (stmt, 1),
        .quantity = sqlite3_column_int64 (stmt, 2),
      };
      g_array_append_val (entries, entry);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&entries);
}

/* On hand at @location_id, or at all locations when it is 0. */
gint64
lotline_store_get_on_hand (LotlineStore *self, gint64 lot_id, gint64 location_id)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self,
                                              "SELECT coalesce (sum (quantity), 0) FROM stock"
                                              " WHERE lot_id = ?1 AND (?2 = 0 OR location_id = ?2)", NULL);
  gint64 quantity = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, lot_id);
  sqlite3_bind_int64 (stmt, 2, location_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    quantity = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return quantity;
}

static void
stock_mismatch_clear (gpointer data)
{
  LotlineStockMismatch *m = data;

  g_free (m->location_code);
}

GArray *
lotline_store_check_stock (LotlineStore *self, GError **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) mismatches = g_array_new (FALSE, FALSE, sizeof (LotlineStockMismatch));
  int rc;

  g_array_set_clear_func (mismatches, stock_mismatch_clear);

  stmt = lotline_store_prepare (self,
                                "WITH rebuilt AS ("
                                "  SELECT lot_id, location_id,"
                                "         sum (CASE role WHEN 'output' THEN quantity ELSE -quantity END) AS quantity"
                                "  FROM event_line WHERE role <> 'subject' GROUP BY lot_id, location_id)"
                                " SELECT m.lot_id, m.location_id, m.stored, m.rebuilt, location.code FROM ("
                                "   SELECT coalesce (r.lot_id, s.lot_id) AS lot_id,"
                                "          coalesce (r.location_id, s.location_id) AS location_id,"
                                "          coalesce (s.quantity, 0) AS stored, coalesce (r.quantity, 0) AS rebuilt"
                                "   FROM rebuilt AS r FULL OUTER JOIN stock AS s"
                                "     ON s.lot_id = r.lot_id AND s.location_id = r.location_id"
                                "   WHERE coalesce (s.quantity, 0) <> coalesce (r.quantity, 0)) AS m"
                                " LEFT JOIN location ON location.id = m.location_id"
                                " ORDER BY 1, 2", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotlineStockMismatch m = {
        .lot_id = sqlite3_column_int64 (stmt, 0),
        .location_id = sqlite3_column_int64 (stmt, 1),
        .stored = sqlite3_column_int64 (stmt, 2),
        .rebuilt = sqlite3_column_int64 (stmt, 3),
        .location_code = lotline_column_dup (stmt, 4),
      };
      g_array_append_val (mismatches, m);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (self, error, _("rebuilding stock"));
      return NULL;
    }
  return g_steal_pointer (&mismatches);
}

gboolean
lotline_store_get_counts (LotlineStore *self, LotlineStoreCounts *out, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (self,
                                              "SELECT (SELECT count(*) FROM product), (SELECT count(*) FROM party),"
                                              " (SELECT count(*) FROM location), (SELECT count(*) FROM lot),"
                                              " (SELECT count(*) FROM event), (SELECT count(*) FROM event_line),"
                                              " (SELECT count(*) FROM audit)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      lotline_store_set_sql_error (self, error, _("counting records"));
      return FALSE;
    }
  out->products = sqlite3_column_int64 (stmt, 0);
  out->parties = sqlite3_column_int64 (stmt, 1);
  out->locations = sqlite3_column_int64 (stmt, 2);
  out->lots = sqlite3_column_int64 (stmt, 3);
  out->events = sqlite3_column_int64 (stmt, 4);
  out->event_lines = sqlite3_column_int64 (stmt, 5);
  out->audit_entries = sqlite3_column_int64 (stmt, 6);
  sqlite3_reset (stmt);
  return TRUE;
}
