/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-window-private.h"

/* The start-up reminder: when a database opens and lots with stock expire
 * within the warning window (the overview's count), the application sends
 * one desktop notification whose default action, app.show-expiry, brings
 * the window to the Expiry page. */

#define NOTIFICATION_ID "expiring-lots"

/* GIO hands notifications to org.gtk.Notifications (GNOME Shell) or
 * org.freedesktop.Notifications, or, in a sandbox, to the portal, and warns
 * when nobody is there to take them.  Without a notification service the
 * reminder is not sent. */
static const char * const notification_services[] = {
  "org.gtk.Notifications",
  "org.freedesktop.Notifications",
};

typedef struct {
  LotlineWindow *self;
  GNotification *notification;
  char          *text;
} PendingNotice;

static void
pending_notice_free (PendingNotice *pending)
{
  g_object_unref (pending->self);
  g_object_unref (pending->notification);
  g_free (pending->text);
  g_free (pending);
}

static void
send_notice (PendingNotice *pending)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (pending->self)));

  g_free (pending->self->expiry_notice);
  pending->self->expiry_notice = g_strdup (pending->text);
  if (app != NULL)
    g_application_send_notification (app, NOTIFICATION_ID, pending->notification);
}

static gboolean
names_include_service (GVariant *reply)
{
  g_autofree const char **names = NULL;

  g_variant_get (reply, "(^a&s)", &names);
  for (guint i = 0; i < G_N_ELEMENTS (notification_services); i++)
    if (names != NULL && g_strv_contains (names, notification_services[i]))
      return TRUE;
  return FALSE;
}

static void
on_activatable_names_cb (GObject      *source_object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  PendingNotice *pending = user_data;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source_object), result, NULL);

  if (reply != NULL && names_include_service (reply))
    send_notice (pending);
  pending_notice_free (pending);
}

static void
on_names_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PendingNotice *pending = user_data;
  GDBusConnection *bus = G_DBUS_CONNECTION (source_object);
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (bus, result, NULL);

  if (reply == NULL)
    {
      pending_notice_free (pending);
      return;
    }
  if (names_include_service (reply))
    {
      send_notice (pending);
      pending_notice_free (pending);
      return;
    }
  /* A notification daemon may start on demand. */
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "ListActivatableNames", NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE,
                          -1, NULL, on_activatable_names_cb, pending);
}

static void
on_bus_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PendingNotice *pending = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);

  if (bus == NULL)
    {
      pending_notice_free (pending);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "ListNames", NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE,
                          -1, NULL, on_names_cb, pending);
}

typedef struct {
  char *today;
  int   warning_days;
} OverviewJob;

static void
overview_job_free (gpointer data)
{
  OverviewJob *job = data;

  g_free (job->today);
  g_free (job);
}

static gpointer
read_overview (LotlineStore  *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  OverviewJob *job = data;
  LotlineOverview *overview = g_new0 (LotlineOverview, 1);

  if (!lotline_store_get_overview (store, job->today, job->warning_days, overview, error))
    {
      g_free (overview);
      return NULL;
    }
  return overview;
}

static void
on_overview_read_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LotlineWindow) self = user_data;
  g_autofree LotlineOverview *overview = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  PendingNotice *pending;
  int days;

  /* Without the counts there is nothing to remind of: the overview page
   * says what went wrong. */
  overview = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, NULL);
  if (overview == NULL || LOTLINE_SESSION (source_object) != self->session || overview->expiring_soon <= 0)
    return;

  days = lotline_expiry_page_get_warning_days (self->expiry_page);
  /* Translators: a desktop notification's title; %d is a number of lots */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d lot expires soon", "%d lots expire soon",
                                        (gulong) overview->expiring_soon),
                           (int) overview->expiring_soon);
  /* Translators: a desktop notification's body; %d is a number of days */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "They have stock and expire within %d day. Open the Expiry page to plan them.",
                                       "They have stock and expire within %d days. Open the Expiry page to plan them.",
                                       (gulong) days),
                          days);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-expiry");
  g_notification_add_button (notification, _("Show Expiry"), "app.show-expiry");

  pending = g_new0 (PendingNotice, 1);
  pending->self = g_object_ref (self);
  pending->notification = g_steal_pointer (&notification);
  pending->text = g_strdup_printf ("%s\n%s", title, body);
  /* In a sandbox the portal delivers notifications. */
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      send_notice (pending);
      pending_notice_free (pending);
      return;
    }
  g_bus_get (G_BUS_TYPE_SESSION, NULL, on_bus_cb, pending);
}

void
lotline_window_notify_expiring (LotlineWindow *self)
{
  OverviewJob *job;

  g_return_if_fail (LOTLINE_IS_WINDOW (self));

  if (self->session == NULL)
    return;
  job = g_new0 (OverviewJob, 1);
  job->today = lotline_session_dup_today (self->session);
  job->warning_days = lotline_expiry_page_get_warning_days (self->expiry_page);
  lotline_session_run_async (self->session, read_overview, job, overview_job_free, g_free,
                             self->cancellable, on_overview_read_cb, g_object_ref (self));
}

const char *
lotline_window_get_expiry_notice (LotlineWindow *self)
{
  g_return_val_if_fail (LOTLINE_IS_WINDOW (self), NULL);

  return self->expiry_notice;
}
