/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-lot-format.h"
#include "lotline-lot-page.h"
#include "lotline-query.h"
#include "lotline-trace.h"

G_BEGIN_DECLS

/* lotline-lot-page-sections.c fills the page's lists; the page itself
 * (lotline-lot-page.c) loads the lot and shows the header and actions. */

/* Called when a person chooses a linked lot. */
typedef void (*LotlineOpenLotFunc) (gpointer data,
                                    gint64   lot_id);

void lotline_lot_page_fill_stock     (GtkListBox         *list,
                                      const LotlineLot   *lot,
                                      GArray             *stock);
/* One production step up (inputs, or the supplier of a received lot) and
 * down (outputs, and this lot's shipments). */
void lotline_lot_page_fill_genealogy (GtkListBox         *made_from_list,
                                      GtkListBox         *went_into_list,
                                      const LotlineLot   *lot,
                                      const LotlineTrace *trace,
                                      LotlineOpenLotFunc  open_lot,
                                      gpointer            data);
void lotline_lot_page_fill_balance   (GtkListBox         *list,
                                      const LotlineLot   *lot,
                                      const LotlineTrace *trace);
void lotline_lot_page_fill_details   (GtkListBox         *list,
                                      const LotlineLot   *lot,
                                      LotlineLotStatus    effective,
                                      const char         *today);
/* Newest first, one row per event. */
void lotline_lot_page_fill_history   (GtkListBox         *list,
                                      const LotlineLot   *lot,
                                      GPtrArray          *timeline);

/* lotline-lot-page-code.c: the lot's code read with its product's format. */
typedef struct {
  LotlineLotParts  parts;
  char            *template_text;
} LotlineLotCodeReading;

void                   lotline_lot_code_reading_free (LotlineLotCodeReading       *reading);
LotlineLotCodeReading *lotline_lot_page_read_code    (LotlineStore                *store,
                                                      const LotlineLot            *lot);
void                   lotline_lot_page_fill_code    (GtkWidget                   *group,
                                                      GtkListBox                  *list,
                                                      const LotlineLotCodeReading *reading);

G_END_DECLS
