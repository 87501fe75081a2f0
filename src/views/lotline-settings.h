/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How many databases the recent-databases key remembers. */
#define LOTLINE_RECENT_MAX 8

/* The application's settings, or NULL when the schema is not installed
 * (running from the build tree without GSETTINGS_SCHEMA_DIR). */
GSettings *lotline_settings_dup             (void);

/* Moves @path to the front of the recent databases. */
void       lotline_settings_add_recent      (GSettings  *settings,
                                             const char *path);
/* The recent databases whose files still exist, newest first. */
char     **lotline_settings_dup_recent      (GSettings  *settings);

G_END_DECLS
