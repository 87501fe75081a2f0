/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The product and lot fields a lot label prints, read in one query; the
 * drawing lives in src/render/lotline-render-label.c. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-label-data.h"
#include "lotline-ledger.h"
#include "lotline-store-private.h"

/**
 * lotline_store_get_label_data:
 * @store: an open store
 * @lot_id: the lot
 * @error: a #LOTLINE_LEDGER_ERROR when there is no such lot
 *
 * Reads the product (name, SKU, GTIN) and the lot (code, expiry,
 * production date) a label needs.  @quantity and @company_name are left
 * %NULL for the caller.
 *
 * Returns: (transfer full): the label's data, or %NULL
 */
LotlineLabelData *
lotline_store_get_label_data (LotlineStore *store,
                              gint64        lot_id,
                              GError      **error)
{
  sqlite3_stmt *stmt;
  LotlineLabelData *data;

  stmt = lotline_store_prepare (store,
                                "SELECT product.name, product.sku, product.gtin, lot.code,"
                                " lot.expires_on, lot.produced_on"
                                " FROM lot JOIN product ON product.id = lot.product_id WHERE lot.id = ?",
                                error);
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

  data = g_new0 (LotlineLabelData, 1);
  data->product_name = lotline_column_dup (stmt, 0);
  data->sku = lotline_column_dup (stmt, 1);
  data->gtin = lotline_column_dup (stmt, 2);
  data->lot_code = lotline_column_dup (stmt, 3);
  data->expires_on = lotline_column_dup (stmt, 4);
  data->produced_on = lotline_column_dup (stmt, 5);
  sqlite3_reset (stmt);
  return data;
}

LotlineLabelData *
lotline_label_data_copy (const LotlineLabelData *data)
{
  LotlineLabelData *copy = g_new0 (LotlineLabelData, 1);

  copy->product_name = g_strdup (data->product_name);
  copy->sku = g_strdup (data->sku);
  copy->gtin = g_strdup (data->gtin);
  copy->lot_code = g_strdup (data->lot_code);
  copy->expires_on = g_strdup (data->expires_on);
  copy->produced_on = g_strdup (data->produced_on);
  copy->quantity = g_strdup (data->quantity);
  copy->company_name = g_strdup (data->company_name);
  return copy;
}

void
lotline_label_data_free (LotlineLabelData *data)
{
  if (data == NULL)
    return;
  g_free (data->product_name);
  g_free (data->sku);
  g_free (data->gtin);
  g_free (data->lot_code);
  g_free (data->expires_on);
  g_free (data->produced_on);
  g_free (data->quantity);
  g_free (data->company_name);
  g_free (data);
}
