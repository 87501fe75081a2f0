/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lotline-types.h"

G_BEGIN_DECLS

#define LOTLINE_STORE_ERROR (lotline_store_error_quark ())

/**
 * LotlineStoreError:
 * @LOTLINE_STORE_ERROR_OPEN: the file could not be opened or created
 * @LOTLINE_STORE_ERROR_NOT_LOTLINE: the file is not a Lotline database
 * @LOTLINE_STORE_ERROR_TOO_NEW: the file was written by a newer Lotline
 * @LOTLINE_STORE_ERROR_SQL: SQLite reported an error
 * @LOTLINE_STORE_ERROR_BACKUP: a backup could not be written
 */
typedef enum {
  LOTLINE_STORE_ERROR_OPEN,
  LOTLINE_STORE_ERROR_NOT_LOTLINE,
  LOTLINE_STORE_ERROR_TOO_NEW,
  LOTLINE_STORE_ERROR_SQL,
  LOTLINE_STORE_ERROR_BACKUP,
} LotlineStoreError;

/**
 * LotlineStoreFlags:
 * @LOTLINE_STORE_NONE: open an existing database, fail when it is missing
 * @LOTLINE_STORE_CREATE: create the file when it does not exist
 * @LOTLINE_STORE_READ_ONLY: open read-only (no migration is attempted)
 */
typedef enum {
  LOTLINE_STORE_NONE      = 0,
  LOTLINE_STORE_CREATE    = 1 << 0,
  LOTLINE_STORE_READ_ONLY = 1 << 1,
} LotlineStoreFlags;

/* The schema version this build writes; PRAGMA user_version holds it. */
#define LOTLINE_SCHEMA_VERSION 4

#define LOTLINE_TYPE_STORE (lotline_store_get_type ())
G_DECLARE_FINAL_TYPE (LotlineStore, lotline_store, LOTLINE, STORE, GObject)

GQuark        lotline_store_error_quark        (void);

LotlineStore *lotline_store_open               (const char        *path,
                                                LotlineStoreFlags  flags,
                                                GError           **error);
const char   *lotline_store_get_path           (LotlineStore      *self);
int           lotline_store_get_schema_version (LotlineStore      *self);

void          lotline_store_set_user           (LotlineStore      *self,
                                                const char        *user);
const char   *lotline_store_get_user           (LotlineStore      *self);

/* Pins the clock used for recorded_at and audit timestamps (0 = real time). */
void          lotline_store_set_now            (LotlineStore      *self,
                                                gint64             unix_utc);
gint64        lotline_store_get_now            (LotlineStore      *self);

gboolean      lotline_store_backup             (LotlineStore      *self,
                                                const char        *dest_path,
                                                GError           **error);

G_END_DECLS
