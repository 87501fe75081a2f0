/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-session.h"

G_BEGIN_DECLS

/* A row that names a lot and lets a person search for another one: a
 * popover with a search entry over lotline_store_query_lots(), run on a
 * worker as the person types. */
#define LOTLINE_TYPE_LOT_CHOOSER (lotline_lot_chooser_get_type ())
G_DECLARE_FINAL_TYPE (LotlineLotChooser, lotline_lot_chooser, LOTLINE, LOT_CHOOSER, AdwActionRow)

/* @on_hand_only: offer only lots with stock (what can be shipped, moved or
 * used); otherwise every lot. */
GtkWidget        *lotline_lot_chooser_new        (LotlineSession    *session,
                                                  gboolean           on_hand_only);
gint64            lotline_lot_chooser_get_lot_id (LotlineLotChooser *self);
/* Chooses a lot (0 for none) and reads its details on a worker; emits
 * ::changed once they are in. */
void              lotline_lot_chooser_set_lot_id (LotlineLotChooser *self,
                                                  gint64             lot_id);
/* The chosen lot's details, or NULL while none is chosen or they are loading. */
const LotlineLot *lotline_lot_chooser_get_lot    (LotlineLotChooser *self);
/* Element LotlineStockEntry; NULL like the lot. */
GArray           *lotline_lot_chooser_get_stock  (LotlineLotChooser *self);
/* TRUE while a search or the chosen lot's details are being read. */
gboolean          lotline_lot_chooser_get_busy   (LotlineLotChooser *self);

G_END_DECLS
