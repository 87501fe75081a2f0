/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lotline-application.h"
#include "lotline-demo.h"
#include "lotline-overview-page.h"
#include "lotline-test-util.h"
#include "lotline-ui-test-util.h"
#include "lotline-window.h"

/* Runs the real application in German on a small demo database, with the
 * catalogue compiled into the build tree (LOTLINE_LOCALEDIR, set by
 * tests/meson.build), and looks for German words on screen: the view
 * switcher's page titles and the overview cards.  Needs the de_DE.UTF-8
 * locale (Debian package locales-all). */

#define TODAY "2026-11-21"

static LotlineTestStore *demo;
static gboolean script_done;

/* ---- widget tree helpers ------------------------------------------------------- */

/* Whether a mapped label under @root shows @text, exactly or (with
 * @part) somewhere in its text. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text,
            gboolean    part)
{
  if (!gtk_widget_get_mapped (root))
    return FALSE;
  if (GTK_IS_LABEL (root))
    {
      const char *label = gtk_label_get_text (GTK_LABEL (root));

      if (part ? strstr (label, text) != NULL : strcmp (label, text) == 0)
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_text (child, text, part))
        return TRUE;
    }
  return FALSE;
}

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  return shows_text (root, text, FALSE);
}

static gboolean
overview_loaded (gpointer data)
{
  GtkWidget *page = lotline_test_find_widget_of_type (data, LOTLINE_TYPE_OVERVIEW_PAGE);

  return page != NULL &&
         gtk_widget_get_mapped (page) &&
         lotline_overview_page_get_session (LOTLINE_OVERVIEW_PAGE (page)) != NULL &&
         !lotline_overview_page_get_loading (LOTLINE_OVERVIEW_PAGE (page));
}

static gboolean
lots_shown (gpointer data)
{
  AdwViewStack *stack = ADW_VIEW_STACK (lotline_test_find_widget_of_type (data, ADW_TYPE_VIEW_STACK));

  return g_strcmp0 (adw_view_stack_get_visible_child_name (stack), "lots") == 0 &&
         shows_label (data, "Chargencode");
}

/* ---- the script ------------------------------------------------------------------ */

static void
check_page_title (AdwViewStack *stack,
                  const char   *name,
                  const char   *title)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (stack, name);

  g_assert_nonnull (child);
  g_assert_cmpstr (adw_view_stack_page_get_title (adw_view_stack_get_page (stack, child)), ==, title);
}

static void
script_overview (GtkWidget *window)
{
  static const char * const cards[] = {
    "Vorrätige Chargen",
    "In Quarantäne",
    "Verfallen bald",
    "Verfallen, noch vorrätig",
    "Zurückgerufen, noch vorrätig",
  };
  static const char * const columns[] = {
    "Chargencode",
    "Produkt",
    "Hergestellt",
    "Verfällt",
    "Vorrätig",
    "Lieferant",
  };
  AdwViewStack *stack;

  lotline_test_wait_until (overview_loaded, window, "the overview");
  lotline_test_wait_ms (300);

  /* The view switcher's pages. */
  stack = ADW_VIEW_STACK (lotline_test_find_widget_of_type (window, ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (stack);
  check_page_title (stack, "overview", "Übersicht");
  check_page_title (stack, "lots", "Chargen");
  g_assert_true (shows_label (window, "Übersicht"));
  g_assert_true (shows_label (window, "Chargen"));

  /* The overview cards. */
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      if (!shows_label (window, cards[i]))
        g_error ("The overview does not show “%s”", cards[i]);
    }
  /* A plural with a number: "1.234 Ereignisse". */
  g_assert_true (shows_text (window, "\u00a0Ereignisse", TRUE));
  g_assert_false (shows_label (window, "Lots on hand"));
  g_assert_false (shows_label (window, "Overview"));

  lotline_test_save_screenshot (window, "overview-de.png");

  /* The lot list's column titles. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-page", g_variant_new_string ("lots"));
  lotline_test_wait_until (lots_shown, window, "the lot list");
  lotline_test_wait_ms (300);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (!shows_label (window, columns[i]))
        g_error ("The lot list does not show “%s”", columns[i]);
    }
  lotline_test_save_screenshot (window, "lots-de.png");
}

static gboolean
run_script_cb (gpointer user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  g_assert_nonnull (windows);
  g_assert_true (LOTLINE_IS_WINDOW (windows->data));
  script_overview (windows->data);
  script_done = TRUE;

  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_window_destroy (windows->data);
  return G_SOURCE_REMOVE;
}

static void
on_activate_after_cb (GApplication *app,
                      gpointer      user_data)
{
  g_idle_add (run_script_cb, app);
}

static void
on_startup_after_cb (GApplication *app,
                     gpointer      user_data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", ":close", NULL);
}

static void
test_overview_german (void)
{
  g_autoptr(LotlineApplication) app = lotline_application_new ();
  g_autoptr(GSettings) settings = g_settings_new (LOTLINE_APP_ID);
  const char *argv[] = { "lotline", "--database", demo->path, NULL };

  g_settings_reset (settings, "recent-databases");
  g_settings_reset (settings, "expiry-warning-days");
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 800);

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "startup", G_CALLBACK (on_startup_after_cb), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after_cb), NULL);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, (char **) argv), ==, 0);
  g_assert_true (script_done);
}

/* The catalogue itself, without a display: a CLI string and a plural. */
static void
test_catalogue (void)
{
  g_assert_cmpstr (_("Lots"), ==, "Chargen");
  g_assert_cmpstr (_("Supplier"), ==, "Lieferant");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers", 2), ==, "%u Kunden");
}

/* lotline-cli in German: its help and an error. */
static void
test_cli (void)
{
  const char *cli = g_getenv ("LOTLINE_CLI");
  const char *help[] = { cli, "--help", NULL };
  const char *wrong[] = { cli, "--database", demo->path, "frobnicate", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_nonnull (cli);
  g_assert_cmpint (lotline_test_run (help, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Befehle:"));
  g_assert_nonnull (strstr (out, "Globale Optionen:"));

  g_assert_cmpint (lotline_test_run (wrong, NULL, &err), !=, 0);
  g_assert_nonnull (strstr (err, "Es gibt keinen Befehl „frobnicate“."));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("LOTLINE_LOCALEDIR");
  g_autofree char *data_home = g_dir_make_tmp ("lotline-test-locale-XXXXXX", NULL);
  g_autofree char *mo = NULL;
  LotlineDemoOptions options = { .scale = 0.02, .seed = 3, .today = TODAY };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LOTLINE_TODAY", TODAY, TRUE);

  g_test_init (&argc, &argv, NULL);

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    g_error ("The de_DE.UTF-8 locale is missing: install the Debian package locales-all");
  g_assert_nonnull (localedir);
  mo = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    g_error ("%s is missing: build the catalogues first (ninja -C <builddir>)", mo);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  demo = lotline_test_store_new ();
  g_assert_true (lotline_demo_generate (demo->store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/lotline/ui/locale/catalogue", test_catalogue);
  g_test_add_func ("/lotline/ui/locale/cli", test_cli);
  g_test_add_func ("/lotline/ui/locale/overview-de", test_overview_german);

  status = g_test_run ();

  g_clear_pointer (&demo, lotline_test_store_free);
  {
    g_autofree char *folder = g_build_filename (data_home, "lotline", NULL);

    g_rmdir (folder);
  }
  g_rmdir (data_home);
  return status;
}
