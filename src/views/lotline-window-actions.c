/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-preferences-window.h"
#include "lotline-window-private.h"

/* The window's actions.  Each callback is a few lines that hand over to
 * the window or a page; lotline_window_actions_update() sets every
 * action's enabled state in one place. */

static void
set_enabled (LotlineWindow *self,
             const char    *name,
             gboolean       enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
lotline_window_actions_update (LotlineWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean open = self->session != NULL && lotline_session_is_open (self->session) &&
                  (g_strcmp0 (page, "main") == 0 || g_strcmp0 (page, "lot") == 0);
  gboolean idle = self->sample_job == NULL;

  set_enabled (self, "open-database", idle);
  set_enabled (self, "new-database", idle);
  set_enabled (self, "explore-sample", idle);
  set_enabled (self, "open-recent", idle);
  set_enabled (self, "cancel-sample", !idle);
  set_enabled (self, "preferences", self->settings != NULL);
  set_enabled (self, "search", open);
  set_enabled (self, "scan", open);
  set_enabled (self, "show-page", open);
  set_enabled (self, "show-lots", open);
  set_enabled (self, "open-lot", open);
  set_enabled (self, "open-genealogy", open);
  set_enabled (self, "back", g_strcmp0 (page, "lot") == 0);
  set_enabled (self, "record", open);
  set_enabled (self, "record-for-lot", open);
}

/* ---- databases ------------------------------------------------------------- */

static void
add_database_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) lotline = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (lotline, _("Lotline databases"));
  gtk_file_filter_add_pattern (lotline, "*.lotline");
  gtk_file_chooser_add_filter (chooser, lotline);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, lotline);
}

static char *
dup_chosen_path (GtkNativeDialog *dialog)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
on_open_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     LotlineWindow   *self)
{
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    path = dup_chosen_path (dialog);
  g_object_unref (dialog);

  if (path != NULL)
    lotline_window_open_path (self, path, FALSE);
  g_object_unref (self);
}

static void
open_database_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  LotlineWindow *self = LOTLINE_WINDOW (user_data);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Database"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  add_database_filters (GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_new_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    LotlineWindow   *self)
{
  g_autofree char *chosen = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = dup_chosen_path (dialog);
  g_object_unref (dialog);

  if (chosen != NULL)
    {
      path = g_str_has_suffix (chosen, ".lotline") ? g_steal_pointer (&chosen)
                                                   : g_strconcat (chosen, ".lotline", NULL);
      /* A new database never takes over an existing file. */
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *message = NULL;

          /* Translators: %s is a file name */
          message = g_strdup_printf (_("“%s” already exists. Choose another name, or open it with Open Database."), name);
          lotline_window_toast (self, message);
        }
      else
        lotline_window_open_path (self, path, TRUE);
    }
  g_object_unref (self);
}

static void
new_database_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  LotlineWindow *self = LOTLINE_WINDOW (user_data);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("New Database"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("C_reate"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  add_database_filters (GTK_FILE_CHOOSER (dialog));
  /* Translators: the file name a new database is offered */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Lots.lotline"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_new_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  lotline_window_open_path (LOTLINE_WINDOW (user_data), g_variant_get_string (parameter, NULL), FALSE);
}

static void
explore_sample_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  lotline_window_explore_sample (LOTLINE_WINDOW (user_data));
}

static void
cancel_sample_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  lotline_window_cancel_sample (LOTLINE_WINDOW (user_data));
}

/* ---- pages ------------------------------------------------------------------- */

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  LotlineWindow *self = LOTLINE_WINDOW (user_data);

  lotline_window_show_page (self, "lots");
  lotline_lots_page_focus_search (self->lots_page);
}

static void
scan_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  lotline_window_scan (LOTLINE_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

static void
show_page_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  lotline_window_show_page (LOTLINE_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

static void
show_lots_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  LotlineWindow *self = LOTLINE_WINDOW (user_data);

  if (lotline_lots_page_apply_preset (self->lots_page, g_variant_get_string (parameter, NULL)))
    lotline_window_show_page (self, "lots");
}

static void
open_genealogy_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  lotline_window_open_genealogy (LOTLINE_WINDOW (user_data), g_variant_get_int64 (parameter));
}

static void
open_lot_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  lotline_window_open_lot (LOTLINE_WINDOW (user_data), g_variant_get_int64 (parameter));
}

static void
back_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  lotline_window_go_back (LOTLINE_WINDOW (user_data));
}

/* ---- operations ----------------------------------------------------------------- */

static void
record_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  lotline_window_record (LOTLINE_WINDOW (user_data), g_variant_get_string (parameter, NULL), 0);
}

static void
record_for_lot_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  const char *kind = NULL;
  gint64 lot_id = 0;

  g_variant_get (parameter, "(&sx)", &kind, &lot_id);
  lotline_window_record (LOTLINE_WINDOW (user_data), kind, lot_id);
}

/* ---- preferences ------------------------------------------------------------------ */

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LotlineWindow *self = LOTLINE_WINDOW (user_data);
  GtkWindow *preferences;

  if (self->settings == NULL)
    return;
  preferences = lotline_preferences_window_new (GTK_WINDOW (self), self->settings);
  lotline_preferences_window_set_session (LOTLINE_PREFERENCES_WINDOW (preferences), self->session);
  gtk_window_present (preferences);
}

/* ---- setup -------------------------------------------------------------------------- */

static const GActionEntry window_actions[] = {
  { .name = "open-database", .activate = open_database_action },
  { .name = "new-database", .activate = new_database_action },
  { .name = "open-recent", .parameter_type = "s", .activate = open_recent_action },
  { .name = "explore-sample", .activate = explore_sample_action },
  { .name = "cancel-sample", .activate = cancel_sample_action },
  { .name = "search", .activate = search_action },
  { .name = "scan", .parameter_type = "s", .activate = scan_action },
  { .name = "show-page", .parameter_type = "s", .activate = show_page_action },
  { .name = "show-lots", .parameter_type = "s", .activate = show_lots_action },
  { .name = "open-lot", .parameter_type = "x", .activate = open_lot_action },
  { .name = "open-genealogy", .parameter_type = "x", .activate = open_genealogy_action },
  { .name = "back", .activate = back_action },
  { .name = "record", .parameter_type = "s", .activate = record_action },
  { .name = "record-for-lot", .parameter_type = "(sx)", .activate = record_for_lot_action },
  { .name = "preferences", .activate = preferences_action },
};

void
lotline_window_class_actions_init (LotlineWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "win.back", NULL);
}

/* The actions go into the window's own action map, the "win" group of
 * GtkApplicationWindow, so menus, accelerators and tests reach them. */
void
lotline_window_actions_init (LotlineWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
}
