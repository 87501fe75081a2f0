/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-lot-list.h"
#include "lotline-session.h"

G_BEGIN_DECLS

/* The lot browser: search, filters and a sortable table over a lazily paged
 * LotlineLotList.  Activating a row activates win.open-lot. */
#define LOTLINE_TYPE_LOTS_PAGE (lotline_lots_page_get_type ())
G_DECLARE_FINAL_TYPE (LotlineLotsPage, lotline_lots_page, LOTLINE, LOTS_PAGE, AdwBin)

GtkWidget      *lotline_lots_page_new              (void);
LotlineSession *lotline_lots_page_get_session      (LotlineLotsPage *self);
/* Browses @session's lots (an open session, or NULL for none); the filters
 * are cleared. */
void            lotline_lots_page_set_session      (LotlineLotsPage *self,
                                                    LotlineSession  *session);
int             lotline_lots_page_get_warning_days (LotlineLotsPage *self);
void            lotline_lots_page_set_warning_days (LotlineLotsPage *self,
                                                    int              days);
/* The lots (a GtkSingleSelection over the LotlineLotList), or NULL. */
GListModel     *lotline_lots_page_get_model        (LotlineLotsPage *self);
LotlineLotList *lotline_lots_page_get_lot_list     (LotlineLotsPage *self);

/* Sets the filters that match an overview card: "on-hand", "quarantined",
 * "expiring", "expired" or "recalled"; FALSE for an unknown name. */
gboolean        lotline_lots_page_apply_preset     (LotlineLotsPage *self,
                                                    const char      *preset);
void            lotline_lots_page_clear_filters    (LotlineLotsPage *self);
void            lotline_lots_page_focus_search     (LotlineLotsPage *self);
/* Searches for @text as if typed, keeping the message shown. */
void            lotline_lots_page_set_search       (LotlineLotsPage *self,
                                                    const char      *text);
const char     *lotline_lots_page_get_search       (LotlineLotsPage *self);
/* A message under the search field about the last scan (NULL hides it);
 * typing hides it. */
void            lotline_lots_page_show_message     (LotlineLotsPage *self,
                                                    const char      *text,
                                                    gboolean         error);
const char     *lotline_lots_page_get_message      (LotlineLotsPage *self);

G_END_DECLS
