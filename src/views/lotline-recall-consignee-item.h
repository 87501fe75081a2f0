/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "lotline-recall.h"

G_BEGIN_DECLS

/* The columns of the recalls page's consignee table. */
typedef enum {
  LOTLINE_RECALL_COLUMN_CONSIGNEE,
  LOTLINE_RECALL_COLUMN_LOTS,
  LOTLINE_RECALL_COLUMN_NOTIFIED,
  LOTLINE_RECALL_COLUMN_RESPONDED,
  LOTLINE_RECALL_COLUMN_ON_HAND,
  LOTLINE_RECALL_COLUMN_RETURNED,
  LOTLINE_RECALL_COLUMN_SAMPLE,
  LOTLINE_RECALL_N_COLUMNS
} LotlineRecallColumn;

/* One row of the consignee table: a consignee of a recall, what it
 * received and, once the recall is open, its tracking, as text for each
 * column and as values for the tracking editor.  Immutable. */
#define LOTLINE_TYPE_RECALL_CONSIGNEE_ITEM (lotline_recall_consignee_item_get_type ())
G_DECLARE_FINAL_TYPE (LotlineRecallConsigneeItem, lotline_recall_consignee_item,
                      LOTLINE, RECALL_CONSIGNEE_ITEM, GObject)

/* @tracking is NULL for a draft, which tracks nobody yet. */
LotlineRecallConsigneeItem *lotline_recall_consignee_item_new           (const LotlineRecallConsignee *consignee,
                                                                         const LotlineRecallTracking  *tracking);
const char                 *lotline_recall_consignee_item_get_text      (LotlineRecallConsigneeItem   *self,
                                                                         LotlineRecallColumn           column);
gint64                      lotline_recall_consignee_item_get_party_id  (LotlineRecallConsigneeItem   *self);
const char                 *lotline_recall_consignee_item_get_name      (LotlineRecallConsigneeItem   *self);
gboolean                    lotline_recall_consignee_item_get_tracked   (LotlineRecallConsigneeItem   *self);
/* The tracking as recorded; an untracked row is not notified, has no
 * response, nothing reported (-1) and none returned or destroyed. */
gboolean                    lotline_recall_consignee_item_get_notified  (LotlineRecallConsigneeItem   *self);
const char                 *lotline_recall_consignee_item_get_notify_method (LotlineRecallConsigneeItem *self);
gboolean                    lotline_recall_consignee_item_get_responded (LotlineRecallConsigneeItem   *self);
void                        lotline_recall_consignee_item_get_quantities (LotlineRecallConsigneeItem  *self,
                                                                          gint64                      *on_hand_reported,
                                                                          gint64                      *returned,
                                                                          gint64                      *destroyed);

G_END_DECLS
