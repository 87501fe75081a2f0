/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-expiry-calendar.h"
#include "lotline-lot-list.h"
#include "lotline-session.h"
#include "lotline-waste-view.h"

G_BEGIN_DECLS

/* The expiry page: a month calendar of what expires when, under the
 * page's filters, and the lots of the selected days (or those expiring
 * within N days, or expired and still on hand) with the actions a person
 * takes on them: open, quarantine, write off as expired. */
#define LOTLINE_TYPE_EXPIRY_PAGE (lotline_expiry_page_get_type ())
G_DECLARE_FINAL_TYPE (LotlineExpiryPage, lotline_expiry_page, LOTLINE, EXPIRY_PAGE, AdwBin)

/* The list modes. */
typedef enum {
  LOTLINE_EXPIRY_MODE_SELECTED_DAYS,
  LOTLINE_EXPIRY_MODE_EXPIRING,
  LOTLINE_EXPIRY_MODE_EXPIRED_ON_HAND,
} LotlineExpiryMode;

GtkWidget             *lotline_expiry_page_new              (void);
LotlineSession        *lotline_expiry_page_get_session      (LotlineExpiryPage *self);
void                   lotline_expiry_page_set_session      (LotlineExpiryPage *self,
                                                             LotlineSession    *session);
int                    lotline_expiry_page_get_warning_days (LotlineExpiryPage *self);
void                   lotline_expiry_page_set_warning_days (LotlineExpiryPage *self,
                                                             int                days);
void                   lotline_expiry_page_set_mode         (LotlineExpiryPage *self,
                                                             LotlineExpiryMode  mode);
LotlineExpiryCalendar *lotline_expiry_page_get_calendar     (LotlineExpiryPage *self);
/* TRUE while the calendar's days are being fetched. */
gboolean               lotline_expiry_page_get_loading      (LotlineExpiryPage *self);
/* The listed lots (a GtkSingleSelection over a LotlineLotList), or NULL. */
GListModel            *lotline_expiry_page_get_model        (LotlineExpiryPage *self);
LotlineLotList        *lotline_expiry_page_get_lot_list     (LotlineExpiryPage *self);
LotlineWasteView      *lotline_expiry_page_get_waste_view   (LotlineExpiryPage *self);
/* "calendar" or "waste". */
void                   lotline_expiry_page_show_view        (LotlineExpiryPage *self,
                                                             const char        *name);

G_END_DECLS
