/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lotline-query.h"
#include "lotline-session.h"

G_BEGIN_DECLS

/* One row of the lot browser. An item is created empty (LotlineLotItem:loaded
 * FALSE) the moment the list is asked for it, and filled in, with a notify
 * per property, when its page arrives from the worker. */
#define LOTLINE_TYPE_LOT_ITEM (lotline_lot_item_get_type ())
G_DECLARE_FINAL_TYPE (LotlineLotItem, lotline_lot_item, LOTLINE, LOT_ITEM, GObject)

gboolean             lotline_lot_item_get_loaded       (LotlineLotItem *self);
/* The row, or NULL while not loaded. */
const LotlineLotRow *lotline_lot_item_get_row          (LotlineLotItem *self);
gint64               lotline_lot_item_get_id           (LotlineLotItem *self);
/* Display strings (translated, ready for labels); "" while not loaded.
 * Also readable as the string properties "code", "product", "status-label",
 * "produced-on", "expires-label", "on-hand-label", "locations", "supplier". */
const char          *lotline_lot_item_get_code          (LotlineLotItem *self);
const char          *lotline_lot_item_get_product       (LotlineLotItem *self);
const char          *lotline_lot_item_get_status_label  (LotlineLotItem *self);
const char          *lotline_lot_item_get_expires_label (LotlineLotItem *self);
const char          *lotline_lot_item_get_on_hand_label (LotlineLotItem *self);

/* A GListModel of LotlineLotItem over a LotlineLotQuery that never loads all
 * rows: it counts on a worker, then fetches pages of rows on a worker as
 * positions are asked for, keeping a bounded number of pages in memory. */
#define LOTLINE_TYPE_LOT_LIST (lotline_lot_list_get_type ())
G_DECLARE_FINAL_TYPE (LotlineLotList, lotline_lot_list, LOTLINE, LOT_LIST, GObject)

LotlineLotList        *lotline_lot_list_new          (LotlineSession        *session);
/* Copies @query (and its strings) and reloads. */
void                   lotline_lot_list_set_query    (LotlineLotList        *self,
                                                      const LotlineLotQuery *query);
const LotlineLotQuery *lotline_lot_list_get_query    (LotlineLotList        *self);
/* TRUE while the count or a page is being fetched ("loading" property). */
gboolean               lotline_lot_list_get_loading  (LotlineLotList        *self);
/* Recounts and refetches, e.g. after a write. */
void                   lotline_lot_list_reload       (LotlineLotList        *self);
guint                  lotline_lot_list_get_n_cached_pages (LotlineLotList  *self);

G_END_DECLS
