/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lotline-session.h"

G_BEGIN_DECLS

typedef gboolean (*Condition) (gpointer data);

/* Sets up a UI test: local time is UTC and the app's today @today, so times
 * and expiry counts are the same everywhere; then GTK and libadwaita. */
void lotline_test_ui_init         (int        *argc,
                                   char     ***argv,
                                   const char *today);

/* Iterates the main loop until @condition holds; fails the test, naming
 * @what, after a minute. */
void lotline_test_wait_until      (Condition   condition,
                                   gpointer    data,
                                   const char *what);

/* Iterates the main loop for @ms milliseconds: lets CSS transitions (a
 * switcher's button, a crossfade, a revealer's slide) finish. */
void lotline_test_wait_ms         (guint       ms);

/* Renders @widget as it is on screen into <G_TEST_BUILDDIR>/screenshots/@name,
 * for a person to look at. */
void lotline_test_save_screenshot (GtkWidget  *widget,
                                   const char *name);

/* Lets @n_frames frames of @widget's frame clock pass, so what changed is
 * laid out and drawn. */
void lotline_test_wait_frames     (GtkWidget  *widget,
                                   guint       n_frames);

/* lotline_test_save_screenshot() after 16 frames, so what changed is laid
 * out and drawn (and CSS transitions of 200 ms have finished). */
void lotline_test_save_drawn_screenshot (GtkWidget  *widget,
                                         const char *name);

/* Opens @session and waits until it is open; fails the test on an error. */
void lotline_test_open_session    (LotlineSession *session);

typedef gboolean (*LotlineTestWidgetPredicate) (GtkWidget *widget, gconstpointer data);

/* The first widget in @root's tree, @root included and depth first, that
 * @predicate holds for, or NULL. */
GtkWidget *lotline_test_find_widget (GtkWidget                  *root,
                                     LotlineTestWidgetPredicate  predicate,
                                     gconstpointer               data);

/* Predicates for lotline_test_find_widget(): @type is a GType in a pointer
 * (GSIZE_TO_POINTER); @name a widget name (gtk_widget_set_name()); @title a
 * preference row's title. */
gboolean   lotline_test_is_type      (GtkWidget     *widget,
                                      gconstpointer  type);
gboolean   lotline_test_is_named     (GtkWidget     *widget,
                                      gconstpointer  name);
gboolean   lotline_test_is_row_titled (GtkWidget     *widget,
                                       gconstpointer  title);

/* The first visible toplevel window of @type, or NULL. */
GtkWindow *lotline_test_find_toplevel (GType type);

/* The first widget of @type in @root's tree, or NULL. */
GtkWidget *lotline_test_find_widget_of_type (GtkWidget *root,
                                             GType      type);

G_END_DECLS
