/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lotline-ledger.h"
#include "lotline-store.h"

G_BEGIN_DECLS

#define LOTLINE_TYPE_SESSION (lotline_session_get_type ())
G_DECLARE_FINAL_TYPE (LotlineSession, lotline_session, LOTLINE, SESSION, GObject)

LotlineSession *lotline_session_new               (const char           *path,
                                                   LotlineStoreFlags     flags);
const char     *lotline_session_get_path          (LotlineSession       *self);
char           *lotline_session_dup_display_name  (LotlineSession       *self);
LotlineStore   *lotline_session_get_store         (LotlineSession       *self);
gboolean        lotline_session_is_open           (LotlineSession       *self);

void            lotline_session_open_async        (LotlineSession       *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean        lotline_session_open_finish       (LotlineSession       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void            lotline_session_load_counts_async (LotlineSession       *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean        lotline_session_load_counts_finish (LotlineSession      *self,
                                                    GAsyncResult        *result,
                                                    LotlineStoreCounts  *out_counts,
                                                    GError             **error);

char           *lotline_session_dup_default_path  (void);

/**
 * LotlineSessionJobFunc:
 * @store: the worker thread's own connection to the session's database
 * @data: the job's data
 * @cancellable: (nullable): cancels the job
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the result; %NULL with @error set
 *   on failure
 */
typedef gpointer (*LotlineSessionJobFunc) (LotlineStore  *store,
                                           gpointer       data,
                                           GCancellable  *cancellable,
                                           GError       **error);

/* Runs @func on a worker thread with a connection of its own; the result
 * arrives in @callback on the caller's main context, where
 * lotline_session_run_finish() hands it over (free it with @result_free, which
 * also frees it when nobody finishes the task). The UI never waits on SQL. */
void            lotline_session_run_async         (LotlineSession         *self,
                                                   LotlineSessionJobFunc   func,
                                                   gpointer                data,
                                                   GDestroyNotify          data_free,
                                                   GDestroyNotify          result_free,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
gpointer        lotline_session_run_finish        (LotlineSession         *self,
                                                   GAsyncResult           *result,
                                                   GError                **error);

/* Emits LotlineSession::changed: for a job of lotline_session_run_async()
 * that wrote to the database. */
void            lotline_session_notify_changed      (LotlineSession         *self);

/* Records @spec (deep-copied at once) on a worker. On success the session
 * emits LotlineSession::changed on the main context, so lists refresh. */
void            lotline_session_record_event_async  (LotlineSession         *self,
                                                     const LotlineEventSpec *spec,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
gboolean        lotline_session_record_event_finish (LotlineSession         *self,
                                                     GAsyncResult           *result,
                                                     gint64                 *out_event_id,
                                                     GError                **error);

/* Today's date ("YYYY-MM-DD", local); tests may pin it with the
 * LOTLINE_TODAY environment variable. */
char           *lotline_session_dup_today           (LotlineSession         *self);

G_END_DECLS
