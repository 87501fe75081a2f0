/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-session.h"

G_BEGIN_DECLS

#define LOTLINE_TYPE_LOT_PAGE (lotline_lot_page_get_type ())
G_DECLARE_FINAL_TYPE (LotlineLotPage, lotline_lot_page, LOTLINE, LOT_PAGE, AdwBin)

GtkWidget      *lotline_lot_page_new         (LotlineSession *session,
                                              gint64          lot_id);
LotlineSession *lotline_lot_page_get_session (LotlineLotPage *self);
gint64          lotline_lot_page_get_lot_id  (LotlineLotPage *self);
/* The lot code once loaded, "Loading…" before, for the shell's header. */
const char     *lotline_lot_page_get_title   (LotlineLotPage *self);
/* TRUE while the lot is being read on a worker. */
gboolean        lotline_lot_page_get_loading (LotlineLotPage *self);
/* Reads the lot again; the page also does so on LotlineSession::changed. */
void            lotline_lot_page_reload      (LotlineLotPage *self);

G_END_DECLS
