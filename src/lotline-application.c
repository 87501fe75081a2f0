/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-application.h"
#include "lotline-session.h"
#include "lotline-settings.h"
#include "lotline-window.h"

struct _LotlineApplication
{
  AdwApplication  parent_instance;

  char           *database_path;   /* from --database, until activate */
};

G_DEFINE_FINAL_TYPE (LotlineApplication, lotline_application, ADW_TYPE_APPLICATION)

static LotlineWindow *
find_window (LotlineApplication *self,
             const char         *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (LOTLINE_IS_WINDOW (l->data))
        {
          LotlineSession *session = lotline_window_get_session (l->data);

          if (g_strcmp0 (lotline_session_get_path (session), path) == 0)
            return l->data;
        }
    }
  return NULL;
}

/* A window on the welcome page, which a database can take over. */
static LotlineWindow *
find_empty_window (LotlineApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (LOTLINE_IS_WINDOW (l->data) && lotline_window_get_session (l->data) == NULL)
        return l->data;
    }
  return NULL;
}

/**
 * lotline_application_open_database:
 * @self: the application
 * @path: an absolute path to a database file
 *
 * Presents the window of @path, opening one (and creating the database
 * when the file does not exist yet) if there is none.
 */
void
lotline_application_open_database (LotlineApplication *self,
                                   const char         *path)
{
  g_autoptr(LotlineSession) session = NULL;
  LotlineWindow *window;

  g_return_if_fail (LOTLINE_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  window = find_window (self, path);
  if (window == NULL && (window = find_empty_window (self)) != NULL)
    lotline_window_open_path (window, path, TRUE);
  if (window == NULL)
    {
      session = lotline_session_new (path, LOTLINE_STORE_CREATE);
      window = lotline_window_new (GTK_APPLICATION (self), session);
    }
  gtk_window_present (GTK_WINDOW (window));
}

/* Without --database: the most recent database that still exists, else
 * the default database if it exists; NULL on first run, which shows the
 * welcome page. */
static char *
dup_startup_path (void)
{
  g_autoptr(GSettings) settings = lotline_settings_dup ();
  g_autofree char *path = lotline_session_dup_default_path ();

  if (settings != NULL)
    {
      g_auto(GStrv) recent = lotline_settings_dup_recent (settings);

      if (recent[0] != NULL)
        return g_strdup (recent[0]);
    }
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);
  return NULL;
}

static gint
lotline_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  LotlineApplication *self = LOTLINE_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *arg = NULL;

  if (!g_variant_dict_lookup (options, "database", "^&ay", &arg))
    return -1;

  path = g_canonicalize_filename (arg, NULL);

  /* A running Lotline opens the database in its own process. */
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (g_application_get_is_remote (app))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_application_open (app, &file, 1, "");
      return 0;
    }

  g_free (self->database_path);
  self->database_path = g_steal_pointer (&path);
  return -1;
}

static void
lotline_application_activate (GApplication *app)
{
  LotlineApplication *self = LOTLINE_APPLICATION (app);
  g_autofree char *path = g_steal_pointer (&self->database_path);
  GtkWindow *active;

  if (path == NULL)
    {
      active = gtk_application_get_active_window (GTK_APPLICATION (self));
      if (active != NULL)
        {
          gtk_window_present (active);
          return;
        }
      path = dup_startup_path ();
    }

  if (path != NULL)
    lotline_application_open_database (self, path);
  else
    gtk_window_present (GTK_WINDOW (lotline_window_new (GTK_APPLICATION (self), NULL)));
}

static void
lotline_application_open (GApplication  *app,
                          GFile        **files,
                          gint           n_files,
                          const char    *hint)
{
  LotlineApplication *self = LOTLINE_APPLICATION (app);

  for (gint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);

          g_printerr (_("Lotline opens only local database files, not “%s”.\n"), uri);
          continue;
        }
      lotline_application_open_database (self, path);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Lotline developers", NULL };
  LotlineApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (adw_about_window_new ());

  /* adw_about_window_new_from_appdata() is libadwaita 1.4: use setters. */
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  adw_about_window_set_application_name (about, _("Lotline"));
  adw_about_window_set_application_icon (about, LOTLINE_APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about, _("Trace lots upstream and downstream, watch expiry dates and run product recalls."));
  adw_about_window_set_developer_name (about, _("The Lotline developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_copyright (about, _("© 2026 The Lotline developers"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: replace with your names, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  LotlineApplication *self = user_data;

  gtk_show_uri (gtk_application_get_active_window (GTK_APPLICATION (self)),
                "help:lotline", GDK_CURRENT_TIME);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* The default action of the notification about lots expiring soon. */
static void
show_expiry_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window == NULL)
    return;
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-page", g_variant_new_string ("expiry"));
  gtk_window_present (window);
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "show-expiry", .activate = show_expiry_action },
  { .name = "help", .activate = help_action },
  { .name = "quit", .activate = quit_action },
};

static void
lotline_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.help", { "F1", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.open-database", { "<Control>o", NULL } },
    { "win.new-database", { "<Control>n", NULL } },
    { "win.preferences", { "<Control>comma", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.show-page('overview')", { "<Alt>1", NULL } },
    { "win.show-page('lots')", { "<Alt>2", NULL } },
    { "win.show-page('expiry')", { "<Alt>3", NULL } },
    { "win.show-page('recalls')", { "<Alt>4", NULL } },
    { "win.back", { "<Alt>Left", NULL } },
  };

  G_APPLICATION_CLASS (lotline_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
lotline_application_finalize (GObject *object)
{
  LotlineApplication *self = LOTLINE_APPLICATION (object);

  g_free (self->database_path);

  G_OBJECT_CLASS (lotline_application_parent_class)->finalize (object);
}

static void
lotline_application_class_init (LotlineApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lotline_application_finalize;

  app_class->handle_local_options = lotline_application_handle_local_options;
  app_class->startup = lotline_application_startup;
  app_class->activate = lotline_application_activate;
  app_class->open = lotline_application_open;
}

static void
lotline_application_init (LotlineApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database in FILE, creating it when it does not exist"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

LotlineApplication *
lotline_application_new (void)
{
  return g_object_new (LOTLINE_TYPE_APPLICATION,
                       "application-id", LOTLINE_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", LOTLINE_RESOURCE_PATH,
                       NULL);
}
