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

G_END_DECLS
