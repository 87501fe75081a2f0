/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*Condition) (gpointer data);

/* Iterates the main loop until @condition holds; fails the test, naming
 * @what, after a minute. */
void lotline_test_wait_until      (Condition   condition,
                                   gpointer    data,
                                   const char *what);

/* Renders @widget as it is on screen into <G_TEST_BUILDDIR>/screenshots/@name,
 * for a person to look at. */
void lotline_test_save_screenshot (GtkWidget  *widget,
                                   const char *name);

G_END_DECLS
