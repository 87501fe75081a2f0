/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <time.h>

#include "lotline-ui-test-util.h"

#define TIMEOUT_SECONDS 60

void
lotline_test_ui_init (int         *argc,
                      char      ***argv,
                      const char  *today)
{
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  g_setenv ("LOTLINE_TODAY", today, TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

static gboolean
on_wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
lotline_test_wait_until (Condition   condition,
                         gpointer    data,
                         const char *what)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;
  /* Wakes the loop now and then, so a condition that no event changes
   * (the clock) is looked at again. */
  guint wake = g_timeout_add (20, on_wake_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited more than %d s for %s", TIMEOUT_SECONDS, what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

static gboolean
time_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

void
lotline_test_wait_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  lotline_test_wait_until (time_passed, &until, "time to pass");
}

void
lotline_test_save_screenshot (GtkWidget  *widget,
                              const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_assert_nonnull (renderer);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%d×%d)", path, width, height);
}

typedef struct {
  guint frames;
  guint until;
} Frames;

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  ((Frames *) user_data)->frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
enough_frames (gpointer data)
{
  Frames *f = data;

  return f->frames >= f->until;
}

void
lotline_test_wait_frames (GtkWidget *widget,
                          guint      n_frames)
{
  Frames f = { 0, n_frames };
  guint id = gtk_widget_add_tick_callback (widget, on_tick_cb, &f, NULL);

  lotline_test_wait_until (enough_frames, &f, "frames to be drawn");
  gtk_widget_remove_tick_callback (widget, id);
}

void
lotline_test_save_drawn_screenshot (GtkWidget  *widget,
                                    const char *name)
{
  lotline_test_wait_frames (widget, 16);
  lotline_test_save_screenshot (widget, name);
}

static gboolean
session_is_open (gpointer data)
{
  return lotline_session_is_open (data);
}

static void
on_session_open_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_session_open_finish (LOTLINE_SESSION (source_object), result, &error));
  g_assert_no_error (error);
}

void
lotline_test_open_session (LotlineSession *session)
{
  lotline_session_open_async (session, NULL, on_session_open_cb, NULL);
  lotline_test_wait_until (session_is_open, session, "the session to open");
}

GtkWidget *
lotline_test_find_widget (GtkWidget                  *root,
                          LotlineTestWidgetPredicate  predicate,
                          gconstpointer               data)
{
  if (predicate (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lotline_test_find_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
lotline_test_is_type (GtkWidget     *widget,
                      gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

gboolean
lotline_test_is_named (GtkWidget     *widget,
                       gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

gboolean
lotline_test_is_row_titled (GtkWidget     *widget,
                            gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

GtkWidget *
lotline_test_find_widget_of_type (GtkWidget *root,
                                  GType      type)
{
  return lotline_test_find_widget (root, lotline_test_is_type, GSIZE_TO_POINTER (type));
}

GtkWindow *
lotline_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}
