/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-session.h"

G_BEGIN_DECLS

#define LOTLINE_TYPE_WINDOW (lotline_window_get_type ())
G_DECLARE_FINAL_TYPE (LotlineWindow, lotline_window, LOTLINE, WINDOW, AdwApplicationWindow)

LotlineWindow  *lotline_window_new         (GtkApplication *application,
                                            LotlineSession *session);
LotlineSession *lotline_window_get_session (LotlineWindow  *self);
/* Shows the database in @path in this window, instead of the one shown. */
void            lotline_window_open_path   (LotlineWindow  *self,
                                            const char     *path,
                                            gboolean        create);
/* The text of the desktop notification about lots expiring soon that the
 * window sent when its database opened, or NULL when it sent none. */
const char     *lotline_window_get_expiry_notice (LotlineWindow *self);

G_END_DECLS
