/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-session.h"

G_BEGIN_DECLS

/* The counts that matter today, each a card that opens the lot list with
 * the matching filter (the window action win.show-lots). */
#define LOTLINE_TYPE_OVERVIEW_PAGE (lotline_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (LotlineOverviewPage, lotline_overview_page, LOTLINE, OVERVIEW_PAGE, AdwBin)

GtkWidget      *lotline_overview_page_new              (void);
LotlineSession *lotline_overview_page_get_session      (LotlineOverviewPage *self);
/* Shows @session's counts (an open session, or NULL for none). */
void            lotline_overview_page_set_session      (LotlineOverviewPage *self,
                                                        LotlineSession      *session);
int             lotline_overview_page_get_warning_days (LotlineOverviewPage *self);
void            lotline_overview_page_set_warning_days (LotlineOverviewPage *self,
                                                        int                  days);
/* TRUE while the counts are being read ("loading" property). */
gboolean        lotline_overview_page_get_loading      (LotlineOverviewPage *self);
void            lotline_overview_page_refresh          (LotlineOverviewPage *self);

G_END_DECLS
