/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lotline-session.h"

/* A session is one open database as a window sees it.  It owns the
 * main-thread store connection; anything that may take longer than a frame
 * runs on a worker thread with a connection of its own, and the result
 * comes back to the main thread through GTask. */
struct _LotlineSession
{
  GObject            parent_instance;

  char              *path;
  LotlineStoreFlags  flags;
  LotlineStore      *store;   /* NULL until lotline_session_open_async() succeeds */
  GAsyncQueue       *idle_stores; /* workers' connections between jobs */
};

G_DEFINE_FINAL_TYPE (LotlineSession, lotline_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_FLAGS,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lotline_session_dispose (GObject *object)
{
  LotlineSession *self = LOTLINE_SESSION (object);
  LotlineStore *idle;

  g_clear_object (&self->store);
  /* No job can be running: each holds a reference to the session. */
  while ((idle = g_async_queue_try_pop (self->idle_stores)) != NULL)
    g_object_unref (idle);

  G_OBJECT_CLASS (lotline_session_parent_class)->dispose (object);
}

static void
lotline_session_finalize (GObject *object)
{
  LotlineSession *self = LOTLINE_SESSION (object);

  g_free (self->path);
  g_async_queue_unref (self->idle_stores);

  G_OBJECT_CLASS (lotline_session_parent_class)->finalize (object);
}

static void
lotline_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LotlineSession *self = LOTLINE_SESSION (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_FLAGS:
      g_value_set_uint (value, self->flags);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_session_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LotlineSession *self = LOTLINE_SESSION (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    case PROP_FLAGS:
      self->flags = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_session_class_init (LotlineSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lotline_session_dispose;
  object_class->finalize = lotline_session_finalize;
  object_class->get_property = lotline_session_get_property;
  object_class->set_property = lotline_session_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* LotlineStoreFlags has no GType yet; it travels as its integer value. */
  properties[PROP_FLAGS] =
    g_param_spec_uint ("flags", NULL, NULL,
                       0, G_MAXUINT, LOTLINE_STORE_NONE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LOTLINE_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LotlineSession::changed:
   *
   * Emitted on the main context after the session wrote to the database,
   * so every view of it can refresh.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lotline_session_init (LotlineSession *self)
{
  self->idle_stores = g_async_queue_new ();
}

/**
 * lotline_session_new:
 * @path: the database file
 * @flags: %LOTLINE_STORE_CREATE to create the file (and its folder) when
 *   it is missing
 *
 * Creates a session for @path.  Nothing touches the disk until
 * lotline_session_open_async() is called.
 *
 * Returns: (transfer full): a new session
 */
LotlineSession *
lotline_session_new (const char        *path,
                     LotlineStoreFlags  flags)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (LOTLINE_TYPE_SESSION,
                       "path", path,
                       "flags", (guint) flags,
                       NULL);
}

const char *
lotline_session_get_path (LotlineSession *self)
{
  g_return_val_if_fail (LOTLINE_IS_SESSION (self), NULL);

  return self->path;
}

/**
 * lotline_session_dup_display_name:
 * @self: a session
 *
 * Returns: (transfer full): the database's file name, for titles
 */
char *
lotline_session_dup_display_name (LotlineSession *self)
{
  g_return_val_if_fail (LOTLINE_IS_SESSION (self), NULL);

  return g_filename_display_basename (self->path);
}

/**
 * lotline_session_get_store:
 * @self: a session
 *
 * Returns: (transfer none) (nullable): the main-thread connection, or
 *   %NULL while the database is not open
 */
LotlineStore *
lotline_session_get_store (LotlineSession *self)
{
  g_return_val_if_fail (LOTLINE_IS_SESSION (self), NULL);

  return self->store;
}

gboolean
lotline_session_is_open (LotlineSession *self)
{
  g_return_val_if_fail (LOTLINE_IS_SESSION (self), FALSE);

  return self->store != NULL;
}

/**
 * lotline_session_dup_default_path:
 *
 * Returns: (transfer full): the database used when none is named:
 *   `$XDG_DATA_HOME/lotline/lotline.lotline`
 */
char *
lotline_session_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "lotline", "lotline.lotline", NULL);
}

/* ---- opening ---------------------------------------------------------- */

typedef struct {
  char              *path;
  LotlineStoreFlags  flags;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *od = data;

  g_free (od->path);
  g_free (od);
}

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *od = task_data;
  g_autoptr(GError) error = NULL;
  LotlineStore *store;

  if (od->flags & LOTLINE_STORE_CREATE)
    {
      g_autofree char *folder = g_path_get_dirname (od->path);

      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          int saved_errno = errno;

          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                   /* Translators: the first %s is a folder, the second the system's reason */
                                   _("Could not create the folder “%s”: %s. Check that you may write there, or choose another database file."),
                                   folder, g_strerror (saved_errno));
          return;
        }
    }

  store = lotline_store_open (od->path, od->flags, &error);
  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/* Runs on the main thread: adopt the connection, then answer the caller. */
static void
on_open_worker_done_cb (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  LotlineSession *self = LOTLINE_SESSION (source_object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(LotlineStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = g_task_propagate_pointer (G_TASK (result), &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Two overlapping opens: the first connection wins, the other closes. */
  if (self->store == NULL)
    {
      self->store = g_steal_pointer (&store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * lotline_session_open_async:
 * @self: a session
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main thread when the database is open or failed
 * @user_data: data for @callback
 *
 * Opens (and, with %LOTLINE_STORE_CREATE, creates and migrates) the
 * database on a worker thread.  On success the session owns the
 * connection, see lotline_session_get_store().
 */
void
lotline_session_open_async (LotlineSession      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  OpenData *od;

  g_return_if_fail (LOTLINE_IS_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotline_session_open_async);

  if (self->store != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  od = g_new0 (OpenData, 1);
  od->path = g_strdup (self->path);
  od->flags = self->flags;

  worker = g_task_new (self, cancellable, on_open_worker_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, open_worker);
  g_task_set_task_data (worker, od, open_data_free);
  g_task_run_in_thread (worker, open_worker);
}

gboolean
lotline_session_open_finish (LotlineSession  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (LOTLINE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lotline_session_open_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- counting --------------------------------------------------------- */

static void
load_counts_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(LotlineStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree LotlineStoreCounts *counts = g_new0 (LotlineStoreCounts, 1);

  /* Its own read-only connection: the main thread's is never shared. */
  store = lotline_store_open (path, LOTLINE_STORE_READ_ONLY, &error);
  if (store == NULL || !lotline_store_get_counts (store, counts, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&counts), g_free);
}

/**
 * lotline_session_load_counts_async:
 * @self: an open session
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main thread with the counts
 * @user_data: data for @callback
 *
 * Counts the records of the database on a worker thread.
 */
void
lotline_session_load_counts_async (LotlineSession      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LOTLINE_IS_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotline_session_load_counts_async);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The database “%s” is not open yet. Open it before reading from it."),
                               self->path);
      return;
    }

  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, load_counts_worker);
}

gboolean
lotline_session_load_counts_finish (LotlineSession      *self,
                                    GAsyncResult        *result,
                                    LotlineStoreCounts  *out_counts,
                                    GError             **error)
{
  g_autofree LotlineStoreCounts *counts = NULL;

  g_return_val_if_fail (LOTLINE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lotline_session_load_counts_async, FALSE);

  counts = g_task_propagate_pointer (G_TASK (result), error);
  if (counts == NULL)
    return FALSE;

  if (out_counts != NULL)
    *out_counts = *counts;
  return TRUE;
}

/* ---- jobs on workers -------------------------------------------------- */

typedef struct {
  LotlineSessionJobFunc func;
  gpointer              data;
  GDestroyNotify        data_free;
  GDestroyNotify        result_free;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->data_free != NULL)
    g_clear_pointer (&job->data, job->data_free);
  g_free (job);
}

static void
run_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  LotlineSession *self = source_object;
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  LotlineStore *store;
  gpointer result;

  /* A connection per worker at a time: reused between jobs, never shared. */
  store = g_async_queue_try_pop (self->idle_stores);
  if (store == NULL)
    store = lotline_store_open (self->path, LOTLINE_STORE_NONE, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = job->func (store, job->data, cancellable, &error);
  g_async_queue_push (self->idle_stores, store);

  if (error != NULL)
    {
      if (result != NULL && job->result_free != NULL)
        job->result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, result, job->result_free);
}

/**
 * lotline_session_run_async:
 * @self: a session
 * @func: the job, run on a worker thread
 * @data: (nullable): the job's data, owned by the job from now on
 * @data_free: (nullable): frees @data once the job is done
 * @result_free: (nullable): frees the job's result
 * @cancellable: (nullable): passed to @func
 * @callback: called on the caller's main context
 * @user_data: data for @callback
 *
 * Runs @func with a connection of the worker's own to the session's
 * database, so the caller's main loop never waits on SQL.
 */
void
lotline_session_run_async (LotlineSession        *self,
                           LotlineSessionJobFunc  func,
                           gpointer               data,
                           GDestroyNotify         data_free,
                           GDestroyNotify         result_free,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (LOTLINE_IS_SESSION (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotline_session_run_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, run_worker);
}

/**
 * lotline_session_run_finish:
 * @self: a session
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the job's result
 */
gpointer
lotline_session_run_finish (LotlineSession  *self,
                            GAsyncResult    *result,
                            GError         **error)
{
  g_return_val_if_fail (LOTLINE_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- recording events ------------------------------------------------- */

/* A LotlineEventSpec that owns everything it points to, so it can cross to
 * a worker after the dialog that built it is gone. */
typedef struct {
  LotlineEventSpec  spec;
  LotlineLineSpec  *lines;
  LotlineLotSpec   *lots;    /* one slot per line; used by lines with a new lot */
  GStringChunk     *strings;
} EventCopy;

static void
event_copy_free (gpointer data)
{
  EventCopy *copy = data;

  g_free (copy->lines);
  g_free (copy->lots);
  g_string_chunk_free (copy->strings);
  g_free (copy);
}

static const char *
copy_string (EventCopy *copy, const char *s)
{
  return s ? g_string_chunk_insert (copy->strings, s) : NULL;
}

static EventCopy *
event_copy_new (const LotlineEventSpec *spec)
{
  EventCopy *copy = g_new0 (EventCopy, 1);

  copy->strings = g_string_chunk_new (256);
  copy->spec = *spec;
  copy->spec.doc_type = copy_string (copy, spec->doc_type);
  copy->spec.doc_number = copy_string (copy, spec->doc_number);
  copy->spec.reason = copy_string (copy, spec->reason);
  copy->spec.override_reason = copy_string (copy, spec->override_reason);
  copy->lines = g_new0 (LotlineLineSpec, MAX (spec->n_lines, 1));
  copy->lots = g_new0 (LotlineLotSpec, MAX (spec->n_lines, 1));
  copy->spec.lines = copy->lines;

  for (guint i = 0; i < spec->n_lines; i++)
    {
      const LotlineLotSpec *lot = spec->lines[i].new_lot;

      copy->lines[i] = spec->lines[i];
      if (lot == NULL)
        continue;

      /* Lines that shared one new lot still share one. */
      for (guint j = 0; j < i; j++)
        if (spec->lines[j].new_lot == lot)
          {
            copy->lines[i].new_lot = copy->lines[j].new_lot;
            break;
          }
      if (copy->lines[i].new_lot != lot)
        continue;

      copy->lots[i] = *lot;
      copy->lots[i].code = copy_string (copy, lot->code);
      copy->lots[i].produced_on = copy_string (copy, lot->produced_on);
      copy->lots[i].received_on = copy_string (copy, lot->received_on);
      copy->lots[i].expires_on = copy_string (copy, lot->expires_on);
      copy->lots[i].best_before = copy_string (copy, lot->best_before);
      copy->lots[i].supplier_lot = copy_string (copy, lot->supplier_lot);
      copy->lots[i].tlc_source = copy_string (copy, lot->tlc_source);
      copy->lots[i].notes = copy_string (copy, lot->notes);
      copy->lines[i].new_lot = &copy->lots[i];
    }
  return copy;
}

static gpointer
record_event_job (LotlineStore  *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  EventCopy *copy = data;
  gint64 event_id = 0;

  if (!lotline_store_record_event (store, &copy->spec, &event_id, error))
    return NULL;
  return g_memdup2 (&event_id, sizeof event_id);
}

static void
on_record_event_done_cb (GObject      *source_object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  LotlineSession *self = LOTLINE_SESSION (source_object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gint64 *event_id = lotline_session_run_finish (self, result, &error);

  if (event_id == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
  g_task_return_pointer (task, event_id, g_free);
}

/**
 * lotline_session_notify_changed:
 * @self: a session
 *
 * Emits #LotlineSession::changed after a job of lotline_session_run_async()
 * wrote to the database, so every view of it refreshes.
 */
void
lotline_session_notify_changed (LotlineSession *self)
{
  g_return_if_fail (LOTLINE_IS_SESSION (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * lotline_session_record_event_async:
 * @self: a session
 * @spec: the event; copied before this returns
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context
 * @user_data: data for @callback
 *
 * Records @spec on a worker thread, then emits #LotlineSession::changed.
 */
void
lotline_session_record_event_async (LotlineSession         *self,
                                    const LotlineEventSpec *spec,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (LOTLINE_IS_SESSION (self));
  g_return_if_fail (spec != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lotline_session_record_event_async);
  lotline_session_run_async (self, record_event_job, event_copy_new (spec), event_copy_free, g_free,
                             cancellable, on_record_event_done_cb, task);
}

/**
 * lotline_session_record_event_finish:
 * @self: a session
 * @result: the result given to the callback
 * @out_event_id: (out) (optional): the new event's id
 * @error: the ledger's error when the event was refused
 *
 * Returns: %TRUE when the event was recorded
 */
gboolean
lotline_session_record_event_finish (LotlineSession  *self,
                                     GAsyncResult    *result,
                                     gint64          *out_event_id,
                                     GError         **error)
{
  g_autofree gint64 *event_id = NULL;

  g_return_val_if_fail (LOTLINE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  event_id = g_task_propagate_pointer (G_TASK (result), error);
  if (event_id == NULL)
    return FALSE;
  if (out_event_id != NULL)
    *out_event_id = *event_id;
  return TRUE;
}

/**
 * lotline_session_dup_today:
 * @self: a session
 *
 * Returns: (transfer full): today's local date, "YYYY-MM-DD", or the date
 *   in the LOTLINE_TODAY environment variable when it holds one (tests)
 */
char *
lotline_session_dup_today (LotlineSession *self)
{
  const char *pinned = g_getenv ("LOTLINE_TODAY");
  g_autoptr(GDateTime) now = NULL;

  if (pinned != NULL && lotline_date_is_valid (pinned))
    return g_strdup (pinned);
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}
