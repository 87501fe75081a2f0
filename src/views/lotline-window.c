/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lotline-demo.h"
#include "lotline-genealogy-page.h"
#include "lotline-lot-page.h"
#include "lotline-operation-dialog.h"
#include "lotline-settings.h"
#include "lotline-window-private.h"

/* The window shows one database at a time.  A window-level stack holds the
 * welcome page (no database yet), the loading and error pages, the main
 * page (Overview and Lots in an AdwViewStack) and a lot page pushed over
 * the main page with a back button.  The action callbacks live in
 * lotline-window-actions.c. */

G_DEFINE_FINAL_TYPE (LotlineWindow, lotline_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SAMPLE_SCALE 0.2
#define SAMPLE_SEED  1

/* ---- pages ----------------------------------------------------------------- */

static void
set_visible_page (LotlineWindow          *self,
                  const char             *name,
                  GtkStackTransitionType  transition)
{
  gtk_stack_set_visible_child_full (self->stack, name, transition);
  lotline_window_actions_update (self);
}

static void
set_titles (LotlineWindow *self)
{
  g_autofree char *name = self->session != NULL ? lotline_session_dup_display_name (self->session) : NULL;
  const char *path = self->session != NULL ? lotline_session_get_path (self->session) : NULL;
  g_autofree char *title = NULL;

  adw_view_switcher_title_set_subtitle (self->switcher_title, name != NULL ? name : "");
  adw_window_title_set_subtitle (self->loading_title, name != NULL ? name : "");
  adw_window_title_set_subtitle (self->error_title, name != NULL ? name : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->switcher_title), path);

  /* Translators: the window title: "plant.lotline — Lotline" */
  title = name != NULL ? g_strdup_printf (_("%s — Lotline"), name) : g_strdup (_("Lotline"));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
show_loading (LotlineWindow *self,
              const char    *title,
              const char    *description,
              gboolean       progress)
{
  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), !progress);
  gtk_spinner_set_spinning (self->spinner, !progress);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), progress);
  gtk_widget_set_visible (self->cancel_button, progress);
  if (progress)
    gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  set_visible_page (self, "loading", GTK_STACK_TRANSITION_TYPE_CROSSFADE);
}

static void
show_error (LotlineWindow *self,
            const GError  *error)
{
  g_autofree char *description = g_markup_escape_text (error->message, -1);

  adw_status_page_set_description (self->error_page, description);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  set_visible_page (self, "error", GTK_STACK_TRANSITION_TYPE_CROSSFADE);
}

/**
 * lotline_window_show_page:
 * @self: a window
 * @name: "overview", "lots", "expiry" or "recalls"
 *
 * Shows a top-level page of the open database, leaving a lot page.
 */
void
lotline_window_show_page (LotlineWindow *self,
                          const char    *name)
{
  if (self->session == NULL || !lotline_session_is_open (self->session) ||
      adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;

  g_array_set_size (self->lot_history, 0);
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") != 0)
    set_visible_page (self, "main", GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT);
}

void
lotline_window_toast (LotlineWindow *self,
                      const char    *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_view_stack_visible_child_cb (LotlineWindow *self)
{
  lotline_window_actions_update (self);
}

/* ---- the recent databases menu ---------------------------------------------- */

static void
update_recent_menu (LotlineWindow *self)
{
  g_auto(GStrv) recent = NULL;
  guint n_items = g_menu_model_get_n_items (G_MENU_MODEL (self->database_section));

  /* Open, New, Explore sample data, then the submenu when there is one. */
  if (n_items > 3)
    g_menu_remove (self->database_section, 3);
  g_menu_remove_all (self->recent_menu);

  if (self->settings == NULL)
    return;

  recent = lotline_settings_dup_recent (self->settings);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = g_filename_display_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);
    }

  if (recent[0] != NULL)
    g_menu_append_submenu (self->database_section, _("_Recent Databases"), G_MENU_MODEL (self->recent_menu));
}

static void
on_recent_changed_cb (LotlineWindow *self)
{
  update_recent_menu (self);
}

/* ---- the database -------------------------------------------------------------- */

static void
on_session_open_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LotlineWindow) self = user_data;
  LotlineSession *session = LOTLINE_SESSION (source_object);
  g_autoptr(GError) error = NULL;

  if (!lotline_session_open_finish (session, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && session == self->session)
        show_error (self, error);
      return;
    }
  if (session != self->session)
    return;

  if (self->settings != NULL)
    lotline_settings_add_recent (self->settings, lotline_session_get_path (session));

  lotline_overview_page_set_session (self->overview_page, session);
  lotline_lots_page_set_session (self->lots_page, session);
  lotline_expiry_page_set_session (self->expiry_page, session);
  lotline_recalls_page_set_session (self->recalls_page, session);
  lotline_window_notify_expiring (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  gtk_spinner_set_spinning (self->spinner, FALSE);
  set_visible_page (self, "main", GTK_STACK_TRANSITION_TYPE_CROSSFADE);
}

/**
 * lotline_window_set_session:
 * @self: a window
 * @session: (nullable): the database to show, not open yet, or %NULL for
 *   the welcome page
 *
 * Switches the window to @session: the pages are emptied, the database is
 * opened on a worker, and the pages fill in from it.
 */
void
lotline_window_set_session (LotlineWindow  *self,
                            LotlineSession *session)
{
  g_return_if_fail (LOTLINE_IS_WINDOW (self));
  g_return_if_fail (session == NULL || LOTLINE_IS_SESSION (session));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_array_set_size (self->lot_history, 0);
  adw_bin_set_child (self->lot_bin, NULL);
  lotline_overview_page_set_session (self->overview_page, NULL);
  lotline_lots_page_set_session (self->lots_page, NULL);
  lotline_expiry_page_set_session (self->expiry_page, NULL);
  lotline_recalls_page_set_session (self->recalls_page, NULL);

  if (g_set_object (&self->session, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  set_titles (self);

  if (session == NULL)
    {
      set_visible_page (self, "welcome", GTK_STACK_TRANSITION_TYPE_CROSSFADE);
      gtk_widget_grab_focus (GTK_WIDGET (self->welcome_page));
      return;
    }

  show_loading (self, _("Opening the Database…"), NULL, FALSE);
  lotline_session_open_async (session, self->cancellable, on_session_open_cb, g_object_ref (self));
}

/**
 * lotline_window_open_path:
 * @self: a window
 * @path: a database file
 * @create: create the file when it does not exist
 *
 * Shows the database in @path in this window.
 */
void
lotline_window_open_path (LotlineWindow *self,
                          const char    *path,
                          gboolean       create)
{
  g_autoptr(LotlineSession) session = NULL;

  g_return_if_fail (LOTLINE_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  session = lotline_session_new (path, create ? LOTLINE_STORE_CREATE : LOTLINE_STORE_NONE);
  lotline_window_set_session (self, session);
}

/* ---- pages pushed over the main page: lots and genealogies ---------------------- */

static void on_pushed_page_open_lot_cb (LotlineWindow *self,
                                        gint64         lot_id,
                                        GtkWidget     *page);

/* Builds the page @entry stands for and shows it in the pushed-page slot. */
static void
show_pushed_page (LotlineWindow          *self,
                  const LotlineNavEntry  *entry,
                  GtkStackTransitionType  transition)
{
  GtkWidget *page;

  if (entry->kind == LOTLINE_NAV_GENEALOGY)
    page = lotline_genealogy_page_new (self->session, &entry->lot_id, 1);
  else
    page = lotline_lot_page_new (self->session, entry->lot_id);

  self->shown = *entry;
  g_object_bind_property (page, "title", self->lot_title, "title", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (page, "open-lot", G_CALLBACK (on_pushed_page_open_lot_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->lot_bin, page);
  set_visible_page (self, "lot", transition);
  gtk_widget_grab_focus (page);
}

/* Pushes @entry; Back returns to the page shown before. */
static void
push_page (LotlineWindow         *self,
           const LotlineNavEntry *entry)
{
  g_return_if_fail (LOTLINE_IS_WINDOW (self));

  if (self->session == NULL || !lotline_session_is_open (self->session) || entry->lot_id <= 0)
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "lot") == 0 &&
      adw_bin_get_child (self->lot_bin) != NULL)
    {
      if (self->shown.kind == entry->kind && self->shown.lot_id == entry->lot_id)
        return;
      g_array_append_val (self->lot_history, self->shown);
    }
  else
    {
      /* Back will return the focus where it was: the row of the list. */
      g_set_weak_pointer (&self->focus_before_lot, gtk_root_get_focus (GTK_ROOT (self)));
    }

  show_pushed_page (self, entry, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT);
}

/**
 * lotline_window_open_lot:
 * @self: a window
 * @lot_id: a lot of the open database
 *
 * Pushes the lot's page; Back returns to the page shown before.
 */
void
lotline_window_open_lot (LotlineWindow *self,
                         gint64         lot_id)
{
  LotlineNavEntry entry = { LOTLINE_NAV_LOT, lot_id };

  push_page (self, &entry);
}

/**
 * lotline_window_open_genealogy:
 * @self: a window
 * @lot_id: a lot of the open database
 *
 * Pushes the genealogy graph of the lot; Back returns to the page shown
 * before, and a lot opened from the graph comes on top of it.
 */
void
lotline_window_open_genealogy (LotlineWindow *self,
                               gint64         lot_id)
{
  LotlineNavEntry entry = { LOTLINE_NAV_GENEALOGY, lot_id };

  push_page (self, &entry);
}

static void
on_pushed_page_open_lot_cb (LotlineWindow *self,
                            gint64         lot_id,
                            GtkWidget     *page)
{
  lotline_window_open_lot (self, lot_id);
}

/**
 * lotline_window_go_back:
 * @self: a window
 *
 * Leaves a lot or genealogy page for the page before it, or for the list,
 * whose scroll position, search and filters were kept.
 */
void
lotline_window_go_back (LotlineWindow *self)
{
  g_return_if_fail (LOTLINE_IS_WINDOW (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "lot") != 0)
    return;

  if (self->lot_history->len > 0)
    {
      LotlineNavEntry entry = g_array_index (self->lot_history, LotlineNavEntry, self->lot_history->len - 1);

      g_array_set_size (self->lot_history, self->lot_history->len - 1);
      show_pushed_page (self, &entry, GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT);
      return;
    }

  set_visible_page (self, "main", GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT);
  if (self->focus_before_lot != NULL && gtk_widget_get_mapped (self->focus_before_lot))
    gtk_widget_grab_focus (self->focus_before_lot);
  g_clear_weak_pointer (&self->focus_before_lot);
}

/* A lot page left behind is dropped once the slide is over, so it stops
 * following the database. */
static void
on_stack_transition_running_cb (LotlineWindow *self)
{
  if (!gtk_stack_get_transition_running (self->stack) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "lot") != 0)
    adw_bin_set_child (self->lot_bin, NULL);
}

static gboolean
on_escape_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  LotlineWindow *self = LOTLINE_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "lot") != 0)
    return FALSE;
  lotline_window_go_back (self);
  return TRUE;
}

/* ---- recording operations ------------------------------------------------------- */

static void
on_operation_recorded_cb (LotlineWindow *self,
                          gint64         event_id,
                          const char    *summary,
                          GtkWindow     *dialog)
{
  lotline_window_toast (self, summary);
}

/**
 * lotline_window_record:
 * @self: a window
 * @kind: an event kind as lotline_event_kind_to_string() names it
 * @lot_id: the lot to preselect, or 0
 *
 * Opens the dialog that records an event of @kind; a toast tells what was
 * recorded.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when no
 *   database is open
 */
GtkWindow *
lotline_window_record (LotlineWindow *self,
                       const char    *kind,
                       gint64         lot_id)
{
  LotlineEventKind event_kind;
  GtkWindow *dialog;

  g_return_val_if_fail (LOTLINE_IS_WINDOW (self), NULL);

  if (self->session == NULL || !lotline_session_is_open (self->session) ||
      !lotline_event_kind_from_string (kind, &event_kind))
    return NULL;

  dialog = lotline_operation_dialog_new (GTK_WINDOW (self), self->session, event_kind, lot_id);
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_operation_recorded_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
  return dialog;
}

/* ---- the sample database -------------------------------------------------------- */

/* Making the sample database takes a few seconds, on a worker.  It is
 * written to a file of its own and renamed into place only when complete,
 * so a cancelled or failed run never leaves a half-made sample behind.
 * Cancel returns to the page shown before at once; the generator stops at
 * its next day of history and the worker's file is deleted. */
struct _SampleJob {
  LotlineSession *session;       /* on the partial file */
  char           *part_path;
  char           *final_path;
  char           *today;
  GCancellable   *cancellable;
  GMainContext   *context;
  GWeakRef        window;
  gint            permille;      /* atomic */
  gint            update_queued; /* atomic */
  GError         *error;
};

static void
sample_job_clear (gpointer data)
{
  SampleJob *job = data;

  g_clear_object (&job->session);
  g_free (job->part_path);
  g_free (job->final_path);
  g_free (job->today);
  g_clear_object (&job->cancellable);
  g_main_context_unref (job->context);
  g_weak_ref_clear (&job->window);
  g_clear_error (&job->error);
}

static SampleJob *
sample_job_ref (SampleJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
sample_job_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, sample_job_clear);
}

static void
remove_database_files (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* Main thread: shows the latest fraction; at most one update is queued. */
static gboolean
sample_progress_cb (gpointer data)
{
  SampleJob *job = data;
  g_autoptr(LotlineWindow) self = g_weak_ref_get (&job->window);
  double fraction = g_atomic_int_get (&job->permille) / 1000.0;

  g_atomic_int_set (&job->update_queued, 0);
  if (self != NULL && self->sample_job == job)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  return G_SOURCE_REMOVE;
}

/* Worker thread. */
static void
on_sample_progress (double   fraction,
                    gpointer user_data)
{
  SampleJob *job = user_data;
  gint permille = (gint) (fraction * 1000.0);

  if (g_atomic_int_get (&job->permille) == permille)
    return;
  g_atomic_int_set (&job->permille, permille);
  if (g_atomic_int_compare_and_exchange (&job->update_queued, 0, 1))
    g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, sample_progress_cb,
                                sample_job_ref (job), sample_job_unref);
}

/* Worker thread, with a connection to the partial file. */
static gpointer
generate_sample (LotlineStore  *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  SampleJob *job = data;
  LotlineDemoOptions options = {
    .scale = SAMPLE_SCALE,
    .seed = SAMPLE_SEED,
    .today = job->today,
    .cancellable = cancellable,
  };
  g_autofree LotlineDemoStats *stats = g_new0 (LotlineDemoStats, 1);

  if (!lotline_demo_generate (store, &options, on_sample_progress, job, stats, error))
    return NULL;
  return g_steal_pointer (&stats);
}

/* Main thread, once every connection to the partial file is closed. */
static gboolean
finish_sample (gpointer data)
{
  SampleJob *job = data;
  g_autoptr(LotlineWindow) self = g_weak_ref_get (&job->window);
  gboolean wanted = !g_cancellable_is_cancelled (job->cancellable) && self != NULL && self->sample_job == job;

  if (job->error == NULL && wanted)
    {
      static const char *suffixes[] = { "", "-wal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes) && job->error == NULL; i++)
        {
          g_autofree char *from = g_strconcat (job->part_path, suffixes[i], NULL);
          g_autofree char *to = g_strconcat (job->final_path, suffixes[i], NULL);

          if (i > 0 && !g_file_test (from, G_FILE_TEST_EXISTS))
            continue;
          if (g_rename (from, to) != 0)
            {
              int saved_errno = errno;

              g_set_error (&job->error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           /* Translators: %s is a file, the second %s the system's reason */
                           _("Could not save the sample database as “%s”: %s."),
                           to, g_strerror (saved_errno));
            }
        }
    }
  remove_database_files (job->part_path);

  if (self == NULL || self->sample_job != job)
    return G_SOURCE_REMOVE;

  self->sample_job = NULL;
  lotline_window_actions_update (self);
  if (job->error != NULL)
    {
      g_autofree char *page = g_steal_pointer (&self->page_before_sample);

      remove_database_files (job->final_path);
      if (g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return G_SOURCE_REMOVE;
      set_visible_page (self, page != NULL ? page : "welcome", GTK_STACK_TRANSITION_TYPE_CROSSFADE);
      lotline_window_toast (self, job->error->message);
      return G_SOURCE_REMOVE;
    }

  g_clear_pointer (&self->page_before_sample, g_free);
  lotline_window_open_path (self, job->final_path, FALSE);
  return G_SOURCE_REMOVE;
}

/* Any thread: the last reference to the partial file's session is gone. */
static void
on_sample_session_gone (gpointer  data,
                        GObject  *where_the_object_was)
{
  SampleJob *job = data;

  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, finish_sample,
                              job, sample_job_unref);
}

static void
end_sample_job (SampleJob *job,
                GError    *error)
{
  g_autoptr(LotlineSession) session = g_steal_pointer (&job->session);

  if (job->error == NULL)
    job->error = error;
  else
    g_clear_error (&error);
  /* Connections close with the session, after the tasks holding it. */
  g_object_weak_ref (G_OBJECT (session), on_sample_session_gone, sample_job_ref (job));
}

static void
on_sample_generated_cb (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  SampleJob *job = user_data;
  g_autofree LotlineDemoStats *stats = NULL;
  GError *error = NULL;

  stats = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  end_sample_job (job, error);
  sample_job_unref (job);
}

static void
on_sample_opened_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SampleJob *job = user_data;
  GError *error = NULL;

  if (!lotline_session_open_finish (LOTLINE_SESSION (source_object), result, &error))
    {
      end_sample_job (job, error);
      sample_job_unref (job);
      return;
    }

  /* The job's data reference travels with the task. */
  lotline_session_run_async (job->session, generate_sample, sample_job_ref (job), sample_job_unref,
                             g_free, job->cancellable, on_sample_generated_cb, job);
}

/**
 * lotline_window_explore_sample:
 * @self: a window
 *
 * Opens the sample database, making it first (with a progress bar) when it
 * does not exist yet.
 */
void
lotline_window_explore_sample (LotlineWindow *self)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "lotline", NULL);
  g_autofree char *final_path = g_build_filename (folder, "sample.lotline", NULL);
  g_autofree char *uuid = NULL;
  g_autofree char *part_name = NULL;
  SampleJob *job;

  g_return_if_fail (LOTLINE_IS_WINDOW (self));

  if (self->sample_job != NULL)
    return;

  if (g_file_test (final_path, G_FILE_TEST_IS_REGULAR))
    {
      lotline_window_open_path (self, final_path, FALSE);
      return;
    }

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *message = NULL;

      /* Translators: the first %s is a folder, the second the system's reason */
      message = g_strdup_printf (_("Could not create the folder “%s”: %s."), folder, g_strerror (saved_errno));
      lotline_window_toast (self, message);
      return;
    }

  uuid = g_uuid_string_random ();
  part_name = g_strdup_printf ("sample-%s.lotline.part", uuid);

  job = g_atomic_rc_box_new0 (SampleJob);
  job->part_path = g_build_filename (folder, part_name, NULL);
  job->final_path = g_steal_pointer (&final_path);
  job->session = lotline_session_new (job->part_path, LOTLINE_STORE_CREATE);
  job->today = lotline_session_dup_today (job->session);
  job->cancellable = g_cancellable_new ();
  job->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&job->window, self);

  /* The window keeps the only reference it needs: the job itself. */
  self->sample_job = job;
  g_free (self->page_before_sample);
  self->page_before_sample = g_strdup (gtk_stack_get_visible_child_name (self->stack));

  show_loading (self, _("Creating Sample Data…"),
                _("A year in the life of a preserves plant: suppliers, raw materials, production batches, customers and shipments."),
                TRUE);
  gtk_widget_grab_focus (self->cancel_button);
  lotline_window_actions_update (self);

  /* Creates the empty file and its schema, then fills it. */
  lotline_session_open_async (job->session, job->cancellable, on_sample_opened_cb, job);
}

/**
 * lotline_window_cancel_sample:
 * @self: a window
 *
 * Gives up making the sample database and returns to the page shown before.
 */
void
lotline_window_cancel_sample (LotlineWindow *self)
{
  SampleJob *job = self->sample_job;
  g_autofree char *page = NULL;

  g_return_if_fail (LOTLINE_IS_WINDOW (self));

  if (job == NULL)
    return;

  g_cancellable_cancel (job->cancellable);
  self->sample_job = NULL;
  page = g_steal_pointer (&self->page_before_sample);
  set_visible_page (self, page != NULL && g_strcmp0 (page, "loading") != 0 ? page : "welcome",
                    GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "welcome") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->welcome_page));
}

/* ---- GObject -------------------------------------------------------------------- */

static void
lotline_window_constructed (GObject *object)
{
  LotlineWindow *self = LOTLINE_WINDOW (object);
  g_autoptr(LotlineSession) session = g_steal_pointer (&self->session);

  G_OBJECT_CLASS (lotline_window_parent_class)->constructed (object);

  lotline_window_set_session (self, session);
}

static void
lotline_window_dispose (GObject *object)
{
  LotlineWindow *self = LOTLINE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->scan_cancellable);
  /* A sample being made is abandoned; its worker deletes the file. */
  if (self->sample_job != NULL)
    {
      g_cancellable_cancel (self->sample_job->cancellable);
      self->sample_job = NULL;
    }
  g_clear_weak_pointer (&self->focus_before_lot);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTLINE_TYPE_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->recent_menu);
  g_clear_pointer (&self->expiry_notice, g_free);

  G_OBJECT_CLASS (lotline_window_parent_class)->dispose (object);
}

static void
lotline_window_finalize (GObject *object)
{
  LotlineWindow *self = LOTLINE_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->scan_cancellable);
  g_clear_pointer (&self->lot_history, g_array_unref);
  g_free (self->page_before_sample);

  G_OBJECT_CLASS (lotline_window_parent_class)->finalize (object);
}

static void
lotline_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LotlineWindow *self = LOTLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LotlineWindow *self = LOTLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      /* Taken over in constructed(), which opens it. */
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_window_class_init (LotlineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lotline_window_constructed;
  object_class->dispose = lotline_window_dispose;
  object_class->finalize = lotline_window_finalize;
  object_class->get_property = lotline_window_get_property;
  object_class->set_property = lotline_window_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         LOTLINE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LOTLINE_TYPE_WELCOME_PAGE);
  g_type_ensure (LOTLINE_TYPE_OVERVIEW_PAGE);
  g_type_ensure (LOTLINE_TYPE_LOTS_PAGE);
  g_type_ensure (LOTLINE_TYPE_EXPIRY_PAGE);
  g_type_ensure (LOTLINE_TYPE_RECALLS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, LOTLINE_RESOURCE_PATH "/lotline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, loading_title);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, error_title);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, record_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, lots_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, expiry_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, recalls_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, lot_title);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, lot_bin);
  gtk_widget_class_bind_template_child (widget_class, LotlineWindow, database_section);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_transition_running_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_visible_child_cb);

  /* Escape leaves a lot page; elsewhere it goes on to the focused widget's
   * own use (a search entry clears itself). */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, on_escape_cb, NULL);

  lotline_window_class_actions_init (klass);
}

/* AdwSplitButton 1.2 gives its arrow a tooltip but no accessible name. */
static void
name_split_button_arrow (LotlineWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->record_button));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("More operations"),
                                        -1);
    }
}

static void
lotline_window_init (LotlineWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->lot_history = g_array_new (FALSE, FALSE, sizeof (LotlineNavEntry));
  self->recent_menu = g_menu_new ();

  lotline_window_actions_init (self);
  name_split_button_arrow (self);

  self->settings = lotline_settings_dup ();
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "expiry-warning-days", self->overview_page, "warning-days", G_SETTINGS_BIND_GET);
      g_settings_bind (self->settings, "expiry-warning-days", self->lots_page, "warning-days", G_SETTINGS_BIND_GET);
      g_settings_bind (self->settings, "expiry-warning-days", self->expiry_page, "warning-days", G_SETTINGS_BIND_GET);
      g_signal_connect_object (self->settings, "changed::recent-databases",
                               G_CALLBACK (on_recent_changed_cb), self, G_CONNECT_SWAPPED);
    }
  update_recent_menu (self);
  lotline_window_actions_update (self);
}

/**
 * lotline_window_new:
 * @application: the application
 * @session: (nullable): the database this window shows, opened by the
 *   window; %NULL shows the welcome page
 *
 * Returns: (transfer none): a new window, owned by GTK until destroyed
 */
LotlineWindow *
lotline_window_new (GtkApplication *application,
                    LotlineSession *session)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (session == NULL || LOTLINE_IS_SESSION (session), NULL);

  return g_object_new (LOTLINE_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

/**
 * lotline_window_get_session:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the database shown, or %NULL on
 *   the welcome page
 */
LotlineSession *
lotline_window_get_session (LotlineWindow *self)
{
  g_return_val_if_fail (LOTLINE_IS_WINDOW (self), NULL);

  return self->session;
}
