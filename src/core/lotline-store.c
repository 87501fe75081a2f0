/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lotline-store-private.h"

struct _LotlineStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *user;
  GHashTable *statements;   /* const char * (SQL literal) -> sqlite3_stmt * */
  guint       depth;        /* transaction nesting */
  gint64      now;          /* pinned clock, 0 = real */
};

G_DEFINE_FINAL_TYPE (LotlineStore, lotline_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (lotline-store-error-quark, lotline_store_error)

/* The application_id SQLite stores in the file header: "LotL". */
#define LOTLINE_APPLICATION_ID 0x4c6f744c

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
lotline_store_finalize (GObject *object)
{
  LotlineStore *self = LOTLINE_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);
  g_free (self->user);

  G_OBJECT_CLASS (lotline_store_parent_class)->finalize (object);
}

static void
lotline_store_class_init (LotlineStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lotline_store_finalize;
}

static void
lotline_store_init (LotlineStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  self->user = g_strdup (g_get_user_name ());
}

sqlite3 *
lotline_store_get_db (LotlineStore *self)
{
  return self->db;
}

void
lotline_store_set_sql_error (LotlineStore *self, GError **error, const char *what)
{
  g_set_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_SQL,
               /* Translators: %s is an operation, the second %s SQLite's message */
               _("The database failed while %s: %s."), what, sqlite3_errmsg (self->db));
}

gboolean
lotline_store_exec (LotlineStore *self, const char *sql, GError **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_SQL,
                   _("The database failed: %s."), msg ? msg : sqlite3_errmsg (self->db));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

gboolean
lotline_store_step_done (LotlineStore *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      lotline_store_set_sql_error (self, error, what);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
lotline_store_prepare (LotlineStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      lotline_store_set_sql_error (self, error, _("preparing a query"));
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
lotline_store_begin (LotlineStore *self, GError **error)
{
  g_autofree char *sql = NULL;

  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT lotline_%u", self->depth);

  if (!lotline_store_exec (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
lotline_store_commit (LotlineStore *self, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE lotline_%u", self->depth - 1);

  if (!lotline_store_exec (self, sql, error))
    {
      lotline_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  return TRUE;
}

void
lotline_store_rollback (LotlineStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO lotline_%u; RELEASE lotline_%u",
                           self->depth - 1, self->depth - 1);
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  self->depth--;
}

gboolean
lotline_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

void
lotline_bind_text_or_null (sqlite3_stmt *stmt, int i, const char *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
}

void
lotline_bind_id_or_null (sqlite3_stmt *stmt, int i, gint64 id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_int64 (stmt, i, id);
}

char *
lotline_column_dup (sqlite3_stmt *stmt, int i)
{
  const unsigned char *text = sqlite3_column_text (stmt, i);

  return text ? g_strdup ((const char *) text) : NULL;
}

static gboolean
apply_script (LotlineStore *self, const char *resource, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  return lotline_store_exec (self, g_bytes_get_data (bytes, NULL), error);
}

static int
query_int (LotlineStore *self, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Decides whether the opened file is empty (new), ours, or something else,
 * before anything is written to it. */
static gboolean
check_identity (LotlineStore *self, gboolean *out_is_new, GError **error)
{
  int app_id, version, n_objects;

  /* Reading the header fails on a file that is not SQLite at all. */
  n_objects = query_int (self, "SELECT count(*) FROM sqlite_schema");
  if (n_objects < 0)
    {
      g_set_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_NOT_LOTLINE,
                   _("“%s” is not a Lotline database. Choose a database file made by Lotline, or create a new one."),
                   self->path);
      return FALSE;
    }

  app_id = query_int (self, "PRAGMA application_id");
  version = query_int (self, "PRAGMA user_version");

  if (n_objects == 0 && app_id == 0 && version == 0)
    {
      *out_is_new = TRUE;
      return TRUE;
    }

  if (app_id != LOTLINE_APPLICATION_ID)
    {
      g_set_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_NOT_LOTLINE,
                   _("“%s” is an SQLite database of another application, not a Lotline database. It was left untouched; choose a Lotline database or create a new one."),
                   self->path);
      return FALSE;
    }

  if (version > LOTLINE_SCHEMA_VERSION)
    {
      g_set_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Lotline (database version %d; this version understands up to %d). It was left untouched; update Lotline to open it."),
                   self->path, version, LOTLINE_SCHEMA_VERSION);
      return FALSE;
    }

  *out_is_new = FALSE;
  return TRUE;
}

/* Each migration script takes the schema from version i-1 to i. */
static const char * const migrations[] = {
  NULL,
  "/io/github/lotline/core/schema-1.sql",
  "/io/github/lotline/core/schema-2.sql",
  "/io/github/lotline/core/schema-3.sql",
  "/io/github/lotline/core/schema-4.sql",
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == LOTLINE_SCHEMA_VERSION + 1);

static gboolean
migrate (LotlineStore *self, GError **error)
{
  int version = query_int (self, "PRAGMA user_version");

  if (version == LOTLINE_SCHEMA_VERSION)
    return TRUE;

  if (!lotline_store_begin (self, error))
    return FALSE;

  for (int v = version + 1; v <= LOTLINE_SCHEMA_VERSION; v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", v);

      if (!apply_script (self, migrations[v], error) ||
          !lotline_store_exec (self, pragma, error))
        {
          lotline_store_rollback (self);
          return FALSE;
        }
    }

  if (version == 0)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d", LOTLINE_APPLICATION_ID);

      if (!lotline_store_exec (self, pragma, error))
        {
          lotline_store_rollback (self);
          return FALSE;
        }
    }

  return lotline_store_commit (self, error);
}

/**
 * lotline_store_open:
 * @path: the database file
 * @flags: whether to create it, or open it read-only
 * @error: return location for a #GError
 *
 * Opens a Lotline database, creating and migrating it as needed. A file that
 * is not a Lotline database, or that was written by a newer Lotline, is
 * refused with %LOTLINE_STORE_ERROR_NOT_LOTLINE or
 * %LOTLINE_STORE_ERROR_TOO_NEW and left byte-for-byte untouched.
 *
 * Returns: (transfer full) (nullable): the store
 */
LotlineStore *
lotline_store_open (const char *path, LotlineStoreFlags flags, GError **error)
{
  g_autoptr(LotlineStore) self = NULL;
  gboolean is_new = FALSE;
  int oflags;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LOTLINE_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (flags & LOTLINE_STORE_READ_ONLY)
    oflags = SQLITE_OPEN_READONLY;
  else if (flags & LOTLINE_STORE_CREATE)
    oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  else
    oflags = SQLITE_OPEN_READWRITE;

  if (!(flags & LOTLINE_STORE_CREATE) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_OPEN,
                   _("There is no database at “%s”. Check the path, or create a new database."), path);
      return NULL;
    }

  if (sqlite3_open_v2 (path, &self->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_OPEN,
                   _("Could not open “%s”: %s. Check that the folder exists and that you may write to it."),
                   path, self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!check_identity (self, &is_new, error))
    return NULL;

  if (is_new && (flags & LOTLINE_STORE_READ_ONLY))
    {
      g_set_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_NOT_LOTLINE,
                   _("“%s” is empty, not a Lotline database."), path);
      return NULL;
    }

  if (!lotline_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (!(flags & LOTLINE_STORE_READ_ONLY))
    {
      if (!lotline_store_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", error) ||
          !migrate (self, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
lotline_store_get_path (LotlineStore *self)
{
  g_return_val_if_fail (LOTLINE_IS_STORE (self), NULL);
  return self->path;
}

int
lotline_store_get_schema_version (LotlineStore *self)
{
  g_return_val_if_fail (LOTLINE_IS_STORE (self), -1);
  return query_int (self, "PRAGMA user_version");
}

void
lotline_store_set_user (LotlineStore *self, const char *user)
{
  g_return_if_fail (LOTLINE_IS_STORE (self));
  g_free (self->user);
  self->user = g_strdup (user && *user ? user : g_get_user_name ());
}

const char *
lotline_store_get_user (LotlineStore *self)
{
  g_return_val_if_fail (LOTLINE_IS_STORE (self), NULL);
  return self->user;
}

void
lotline_store_set_now (LotlineStore *self, gint64 unix_utc)
{
  g_return_if_fail (LOTLINE_IS_STORE (self));
  self->now = unix_utc;
}

gint64
lotline_store_get_now (LotlineStore *self)
{
  g_return_val_if_fail (LOTLINE_IS_STORE (self), 0);
  return self->now ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

char *
lotline_store_dup_now_instant (LotlineStore *self)
{
  return lotline_instant_from_unix (lotline_store_get_now (self));
}

/**
 * lotline_store_backup:
 * @self: a store
 * @dest_path: the file to write; replaced if it exists
 * @error: return location for a #GError
 *
 * Copies the live database into @dest_path with SQLite's online backup, so
 * the copy is consistent even while the store is in use.
 *
 * Returns: %TRUE on success
 */
gboolean
lotline_store_backup (LotlineStore *self, const char *dest_path, GError **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (LOTLINE_IS_STORE (self), FALSE);

  if (sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_BACKUP,
                   _("Could not create the backup “%s”: %s."), dest_path, sqlite3_errmsg (dest));
      sqlite3_close (dest);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", self->db, "main");
  if (backup == NULL)
    {
      g_set_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_BACKUP,
                   _("Could not start the backup to “%s”: %s."), dest_path, sqlite3_errmsg (dest));
      sqlite3_close (dest);
      return FALSE;
    }

  do
    rc = sqlite3_backup_step (backup, 1024);
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_BACKUP,
                   _("The backup to “%s” failed: %s."), dest_path, sqlite3_errstr (rc));
      sqlite3_close (dest);
      return FALSE;
    }

  sqlite3_close (dest);
  return TRUE;
}
