/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-session.h"

G_BEGIN_DECLS

/* The company printed on documents and the expiry warning window, read
 * from and written to @settings as they are edited. */
#define LOTLINE_TYPE_PREFERENCES_WINDOW (lotline_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LotlinePreferencesWindow, lotline_preferences_window, LOTLINE, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *lotline_preferences_window_new (GtkWindow *parent,
                                           GSettings *settings);
void       lotline_preferences_window_set_session (LotlinePreferencesWindow *self,
                                                   LotlineSession           *session);

G_END_DECLS
