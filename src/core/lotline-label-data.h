/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lotline-store.h"

G_BEGIN_DECLS

/**
 * LotlineLabelData:
 * @product_name: the product's name
 * @sku: the product's SKU
 * @gtin: (nullable): the product's GTIN as stored (8 to 14 digits)
 * @lot_code: the lot code, AI (10)
 * @expires_on: (nullable): "YYYY-MM-DD", AI (17)
 * @produced_on: (nullable): "YYYY-MM-DD", AI (11)
 * @quantity: (nullable): free text such as "25 kg", printed but not encoded
 * @company_name: (nullable): the firm printed at the foot of the label
 *
 * What a lot label shows.  Every string is owned by the struct; fill the
 * optional fields as needed and free it with lotline_label_data_free().
 */
typedef struct {
  char *product_name;
  char *sku;
  char *gtin;
  char *lot_code;
  char *expires_on;
  char *produced_on;
  char *quantity;
  char *company_name;
} LotlineLabelData;

LotlineLabelData *lotline_store_get_label_data (LotlineStore *store,
                                                gint64        lot_id,
                                                GError      **error);
LotlineLabelData *lotline_label_data_copy      (const LotlineLabelData *data);
void              lotline_label_data_free      (LotlineLabelData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineLabelData, lotline_label_data_free)

G_END_DECLS
