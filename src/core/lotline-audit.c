/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotline-audit.h"
#include "lotline-store-private.h"

/* The chain starts from this hash, so the first entry is checked too. */
#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* The hash covers every field and the previous hash, with a unit separator
 * between fields and a marker for NULL, so no two different entries hash
 * the same way by moving text between fields. */
static char *
entry_hash (const char *prev_hash, gint64 id, const char *at, const char *who, const char *action,
            const char *entity, gint64 entity_id, gboolean has_entity_id, const char *old_value,
            const char *new_value, const char *reason)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *entity_id_text = has_entity_id ? g_strdup_printf ("%" G_GINT64_FORMAT, entity_id) : NULL;
  const char *fields[] = { prev_hash, id_text, at, who, action, entity, entity_id_text, old_value, new_value, reason };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i] == NULL)
        g_checksum_update (sum, (const guchar *) "\x1e", 1);
      else
        g_checksum_update (sum, (const guchar *) fields[i], -1);
      g_checksum_update (sum, (const guchar *) "\x1f", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

gboolean
lotline_audit_append (LotlineStore *self, const char *action, const char *entity, gint64 entity_id,
                      const char *old_value, const char *new_value, const char *reason, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *prev_hash = NULL, *hash = NULL, *at = NULL;
  gint64 id = 1;

  stmt = lotline_store_prepare (self, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0) + 1;
      prev_hash = lotline_column_dup (stmt, 1);
    }
  else
    prev_hash = g_strdup (GENESIS_HASH);
  sqlite3_reset (stmt);

  at = lotline_store_dup_now_instant (self);
  hash = entry_hash (prev_hash, id, at, lotline_store_get_user (self), action, entity, entity_id,
                     entity_id > 0, old_value, new_value, reason);

  stmt = lotline_store_prepare (self,
                                "INSERT INTO audit (id, at, who, action, entity, entity_id, old_value, new_value, reason,"
                                " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, lotline_store_get_user (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, entity, -1, SQLITE_TRANSIENT);
  if (entity_id > 0)
    sqlite3_bind_int64 (stmt, 6, entity_id);
  if (old_value)
    sqlite3_bind_text (stmt, 7, old_value, -1, SQLITE_TRANSIENT);
  if (new_value)
    sqlite3_bind_text (stmt, 8, new_value, -1, SQLITE_TRANSIENT);
  if (reason)
    sqlite3_bind_text (stmt, 9, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, prev_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, hash, -1, SQLITE_TRANSIENT);
  if (!lotline_store_step_done (self, stmt, _("writing the audit log"), error))
    return FALSE;

  /* The head is kept apart from the entries, so deleting the newest entries
   * is detected as well as deleting or altering older ones. */
  stmt = lotline_store_prepare (self,
                                "INSERT INTO meta (key, value) VALUES ('audit_head', ?)"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autofree char *head = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", id, hash);
    sqlite3_bind_text (stmt, 1, head, -1, SQLITE_TRANSIENT);
    if (!lotline_store_step_done (self, stmt, _("writing the audit log"), error))
      return FALSE;
  }
  return TRUE;
}

void
lotline_audit_report_clear (LotlineAuditReport *report)
{
  g_clear_pointer (&report->problem, g_free);
}

static gboolean
report_problem (LotlineAuditReport *report, gint64 id, char *problem)
{
  report->ok = FALSE;
  report->first_bad_id = id;
  report->problem = problem;
  return TRUE;
}

/**
 * lotline_audit_verify:
 * @store: a store
 * @report: (out caller-allocates): what was found; clear it with
 *   lotline_audit_report_clear()
 * @error: return location for a #GError (database errors only)
 *
 * Walks the audit chain from the first entry, recomputing every hash. An
 * altered entry fails its own hash; a deleted entry leaves a gap in the ids
 * and a broken link; deleted newest entries no longer reach the recorded head.
 *
 * Returns: %TRUE when the check ran (see @report for its verdict)
 */
gboolean
lotline_audit_verify (LotlineStore *store, LotlineAuditReport *report, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = lotline_store_get_db (store);
  g_autofree char *prev_hash = g_strdup (GENESIS_HASH);
  g_autofree char *head = NULL;
  gint64 expected_id = 1, last_id = 0;
  int rc;

  memset (report, 0, sizeof *report);
  report->ok = TRUE;

  if (sqlite3_prepare_v2 (db,
                          "SELECT id, at, who, action, entity, entity_id, old_value, new_value, reason, prev_hash, hash"
                          " FROM audit ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    {
      lotline_store_set_sql_error (store, error, _("reading the audit log"));
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *stored_prev = (const char *) sqlite3_column_text (stmt, 9);
      const char *stored_hash = (const char *) sqlite3_column_text (stmt, 10);
      g_autofree char *computed = NULL;

      report->entries++;
      if (id != expected_id)
        {
          report_problem (report, id,
                          g_strdup_printf (_("Audit entries %lld to %lld are missing: they were deleted."),
                                           (long long) expected_id, (long long) (id - 1)));
          break;
        }
      if (g_strcmp0 (stored_prev, prev_hash) != 0)
        {
          report_problem (report, id,
                          g_strdup_printf (_("Audit entry %lld does not link to the entry before it: an earlier entry was replaced."),
                                           (long long) id));
          break;
        }

      computed = entry_hash (prev_hash, id,
                             (const char *) sqlite3_column_text (stmt, 1),
                             (const char *) sqlite3_column_text (stmt, 2),
                             (const char *) sqlite3_column_text (stmt, 3),
                             (const char *) sqlite3_column_text (stmt, 4),
                             sqlite3_column_int64 (stmt, 5),
                             sqlite3_column_type (stmt, 5) != SQLITE_NULL,
                             (const char *) sqlite3_column_text (stmt, 6),
                             (const char *) sqlite3_column_text (stmt, 7),
                             (const char *) sqlite3_column_text (stmt, 8));
      if (g_strcmp0 (computed, stored_hash) != 0)
        {
          report_problem (report, id,
                          g_strdup_printf (_("Audit entry %lld was altered after it was written."), (long long) id));
          break;
        }

      g_free (prev_hash);
      prev_hash = g_steal_pointer (&computed);
      last_id = id;
      expected_id = id + 1;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (store, error, _("reading the audit log"));
      return FALSE;
    }
  if (!report->ok)
    return TRUE;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'audit_head'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    head = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  {
    g_autofree char *expected_head = last_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT ":%s", last_id, prev_hash) : NULL;

    if (g_strcmp0 (head, expected_head) != 0)
      report_problem (report, last_id + 1,
                      g_strdup (_("The newest audit entries are missing: the log ends before the last entry that was written.")));
  }
  return TRUE;
}
