/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For src/core only: the SQLite handle and helpers behind LotlineStore. */

#include <sqlite3.h>

#include "lotline-store.h"

G_BEGIN_DECLS

sqlite3      *lotline_store_get_db        (LotlineStore *self);

/* A prepared statement cached per SQL text (by pointer: pass literals),
 * reset and with cleared bindings. Never finalize it. */
sqlite3_stmt *lotline_store_prepare       (LotlineStore *self, const char *sql, GError **error);

/* Sets a LOTLINE_STORE_ERROR_SQL from the connection's last error. */
void          lotline_store_set_sql_error (LotlineStore *self, GError **error, const char *what);
gboolean      lotline_store_exec          (LotlineStore *self, const char *sql, GError **error);
/* Steps a write statement; anything but SQLITE_DONE sets an error naming
 * @what ("adding a lot"). */
gboolean      lotline_store_step_done     (LotlineStore *self, sqlite3_stmt *stmt, const char *what,
                                           GError **error);

/* Transactions nest: the outermost begin/commit is real, inner ones are
 * savepoints, so an operation can be composed into a larger write
 * (an import) and still be all-or-nothing. */
gboolean      lotline_store_begin         (LotlineStore *self, GError **error);
gboolean      lotline_store_commit        (LotlineStore *self, GError **error);
void          lotline_store_rollback      (LotlineStore *self);

/* "YYYY-MM-DDTHH:MM:SSZ" for now (or the pinned clock). */
char         *lotline_store_dup_now_instant (LotlineStore *self);

/* Appends a hash-chained audit entry; must run inside a transaction. */
gboolean      lotline_audit_append        (LotlineStore *self,
                                           const char   *action,
                                           const char   *entity,
                                           gint64        entity_id,
                                           const char   *old_value,
                                           const char   *new_value,
                                           const char   *reason,
                                           GError      **error);

/* TRUE for NULL, "" and text of white space only. */
gboolean      lotline_is_blank            (const char *text);

/* Bind helpers: NULL or "" binds NULL. */
void          lotline_bind_text_or_null   (sqlite3_stmt *stmt, int i, const char *text);
void          lotline_bind_id_or_null     (sqlite3_stmt *stmt, int i, gint64 id);
char         *lotline_column_dup          (sqlite3_stmt *stmt, int i);

G_END_DECLS
