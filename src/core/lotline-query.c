/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotline-query-private.h"
#include "lotline-store-private.h"

/* The effective status in SQL: a released lot past its expiry is expired. */
#define EFFECTIVE_STATUS \
  "(CASE WHEN lot.status = 'released' AND lot.expires_on < :today THEN 'expired' ELSE lot.status END)"
#define ON_HAND "(SELECT coalesce (sum (stock.quantity), 0) FROM stock WHERE stock.lot_id = lot.id)"

void
lotline_lot_query_init (LotlineLotQuery *query, const char *today)
{
  memset (query, 0, sizeof *query);
  query->product_kind = -1;
  query->expiring_within = -1;
  query->today = today;
  query->sort = LOTLINE_LOT_SORT_CODE;
}

void
lotline_lot_row_free (LotlineLotRow *row)
{
  if (row == NULL)
    return;
  g_free (row->code);
  g_free (row->product_sku);
  g_free (row->product_name);
  g_free (row->unit);
  g_free (row->produced_on);
  g_free (row->expires_on);
  g_free (row->locations);
  g_free (row->supplier_name);
  g_free (row->supplier_lot);
  g_free (row);
}

/* A LIKE pattern matching @word anywhere, with LIKE's wildcards escaped. */
static char *
like_pattern (const char *word)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = word; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* The ids of @location_id and every location below it, as "1,2,3". */
static char *
location_subtree (LotlineStore *store, gint64 location_id, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (store,
                                              "WITH RECURSIVE sub (id) AS (SELECT ?1 UNION"
                                              " SELECT location.id FROM location JOIN sub ON location.parent_id = sub.id)"
                                              " SELECT id FROM sub", error);
  GString *ids = g_string_new (NULL);

  if (stmt == NULL)
    {
      g_string_free (ids, TRUE);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, location_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len ? "," : "", (gint64) sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  return g_string_free (ids, FALSE);
}

/* Builds "FROM … WHERE …" for @query; the words to bind go to @words. */
static char *
build_filter (LotlineStore *store, const LotlineLotQuery *query, GPtrArray *words, GError **error)
{
  GString *sql = g_string_new (" FROM lot JOIN product ON product.id = lot.product_id"
                               " LEFT JOIN party ON party.id = lot.supplier_id WHERE 1");

  if (query->search != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (query->search, " \t\n", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (*parts[i] == '\0')
            continue;
          g_ptr_array_add (words, like_pattern (parts[i]));
          /* Named, not numbered: :today may come first in the statement
           * and would take a number. */
          g_string_append_printf (sql,
                                  " AND (lot.code LIKE :w%u ESCAPE '\\' OR product.sku LIKE :w%u ESCAPE '\\'"
                                  " OR product.name LIKE :w%u ESCAPE '\\' OR party.name LIKE :w%u ESCAPE '\\'"
                                  " OR lot.supplier_lot LIKE :w%u ESCAPE '\\')",
                                  words->len, words->len, words->len, words->len, words->len);
        }
    }

  if (query->status_mask != 0)
    {
      gboolean first = TRUE;

      g_string_append (sql, " AND " EFFECTIVE_STATUS " IN (");
      for (guint s = LOTLINE_LOT_RELEASED; s <= LOTLINE_LOT_DESTROYED; s++)
        if (query->status_mask & LOTLINE_STATUS_BIT (s))
          {
            g_string_append_printf (sql, "%s'%s'", first ? "" : ",", lotline_lot_status_to_string (s));
            first = FALSE;
          }
      g_string_append_c (sql, ')');
    }

  if (query->product_kind >= 0 && lotline_product_kind_to_string (query->product_kind) != NULL)
    g_string_append_printf (sql, " AND product.kind = '%s'", lotline_product_kind_to_string (query->product_kind));
  if (query->product_id > 0)
    g_string_append_printf (sql, " AND lot.product_id = %" G_GINT64_FORMAT, query->product_id);
  if (query->supplier_id > 0)
    g_string_append_printf (sql, " AND lot.supplier_id = %" G_GINT64_FORMAT, query->supplier_id);

  if (query->location_id > 0)
    {
      g_autofree char *ids = location_subtree (store, query->location_id, error);

      if (ids == NULL)
        {
          g_string_free (sql, TRUE);
          return NULL;
        }
      g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM stock WHERE stock.lot_id = lot.id"
                                   " AND stock.location_id IN (%s))", ids);
    }

  if (query->expiring_within >= 0)
    g_string_append_printf (sql, " AND lot.expires_on >= :today AND lot.expires_on <= date (:today, '+%d days')",
                            query->expiring_within);
  if (query->expires_from != NULL)
    g_string_append (sql, " AND lot.expires_on >= :expires_from");
  if (query->expires_to != NULL)
    g_string_append (sql, " AND lot.expires_on <= :expires_to");
  if (query->on_hand_only || query->expiring_within >= 0)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM stock WHERE stock.lot_id = lot.id)");

  return g_string_free (sql, FALSE);
}

static sqlite3_stmt *
prepare_query (LotlineStore *store, const LotlineLotQuery *query, const char *sql, GPtrArray *words, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int today_index, from_index, to_index;

  if (sqlite3_prepare_v2 (lotline_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      lotline_store_set_sql_error (store, error, _("listing lots"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  for (guint i = 0; i < words->len; i++)
    {
      g_autofree char *name = g_strdup_printf (":w%u", i + 1);

      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, name),
                         g_ptr_array_index (words, i), -1, SQLITE_TRANSIENT);
    }
  today_index = sqlite3_bind_parameter_index (stmt, ":today");
  if (today_index > 0)
    sqlite3_bind_text (stmt, today_index, query->today ? query->today : "9999-12-31", -1, SQLITE_TRANSIENT);
  from_index = sqlite3_bind_parameter_index (stmt, ":expires_from");
  if (from_index > 0 && query->expires_from != NULL)
    sqlite3_bind_text (stmt, from_index, query->expires_from, -1, SQLITE_TRANSIENT);
  to_index = sqlite3_bind_parameter_index (stmt, ":expires_to");
  if (to_index > 0 && query->expires_to != NULL)
    sqlite3_bind_text (stmt, to_index, query->expires_to, -1, SQLITE_TRANSIENT);
  return stmt;
}

char *
lotline_lot_query_build_filter (LotlineStore *store, const LotlineLotQuery *query, GPtrArray *words, GError **error)
{
  return build_filter (store, query, words, error);
}

sqlite3_stmt *
lotline_lot_query_prepare (LotlineStore *store, const LotlineLotQuery *query, const char *sql, GPtrArray *words,
                           GError **error)
{
  return prepare_query (store, query, sql, words, error);
}

char *
lotline_location_subtree_ids (LotlineStore *store, gint64 location_id, GError **error)
{
  return location_subtree (store, location_id, error);
}

/**
 * lotline_store_count_lots:
 * @store: a store
 * @query: the filters
 * @out_count: (out): how many lots match
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lotline_store_count_lots (LotlineStore *store, const LotlineLotQuery *query, guint *out_count, GError **error)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *filter = build_filter (store, query, words, error);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (filter == NULL)
    return FALSE;
  sql = g_strconcat ("SELECT count(*)", filter, NULL);
  stmt = prepare_query (store, query, sql, words, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_count = (guint) sqlite3_column_int64 (stmt, 0);
  else
    lotline_store_set_sql_error (store, error, _("counting lots"));
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

static const char *
sort_expression (LotlineLotSort sort)
{
  switch (sort)
    {
    case LOTLINE_LOT_SORT_PRODUCT: return "product.sku";
    case LOTLINE_LOT_SORT_STATUS: return EFFECTIVE_STATUS;
    case LOTLINE_LOT_SORT_PRODUCED: return "lot.produced_on";
    case LOTLINE_LOT_SORT_EXPIRES: return "lot.expires_on";
    case LOTLINE_LOT_SORT_ON_HAND: return "on_hand";
    case LOTLINE_LOT_SORT_SUPPLIER: return "party.name";
    case LOTLINE_LOT_SORT_CODE:
    default: return "lot.code";
    }
}

/**
 * lotline_store_query_lots:
 * @store: a store
 * @query: filters and sort order
 * @offset: the first row
 * @limit: how many rows at most
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LotlineLotRow): one page of rows
 */
GPtrArray *
lotline_store_query_lots (LotlineStore *store, const LotlineLotQuery *query, guint offset, guint limit,
                          GError **error)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lotline_lot_row_free);
  g_autofree char *filter = build_filter (store, query, words, error);
  g_autofree char *sql = NULL;
  const char *direction = query->descending ? "DESC" : "ASC";
  sqlite3_stmt *stmt;
  int rc;

  if (filter == NULL)
    return NULL;
  /* Missing dates and names sort last either way. */
  sql = g_strdup_printf ("SELECT lot.id, lot.code, lot.product_id, product.sku, product.name, product.kind,"
                         " product.unit, " EFFECTIVE_STATUS ", lot.produced_on, lot.expires_on,"
                         " julianday (lot.expires_on) - julianday (:today), " ON_HAND " AS on_hand,"
                         " (SELECT group_concat (code, ', ') FROM (SELECT location.code FROM stock"
                         "   JOIN location ON location.id = stock.location_id WHERE stock.lot_id = lot.id"
                         "   ORDER BY location.code)),"
                         " lot.supplier_id, party.name, lot.supplier_lot"
                         " %s ORDER BY (%s) IS NULL, %s %s, lot.id %s LIMIT %u OFFSET %u",
                         filter, sort_expression (query->sort), sort_expression (query->sort), direction,
                         direction, limit, offset);
  stmt = prepare_query (store, query, sql, words, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotlineLotRow *row = g_new0 (LotlineLotRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->code = lotline_column_dup (stmt, 1);
      row->product_id = sqlite3_column_int64 (stmt, 2);
      row->product_sku = lotline_column_dup (stmt, 3);
      row->product_name = lotline_column_dup (stmt, 4);
      lotline_product_kind_from_string ((const char *) sqlite3_column_text (stmt, 5), &row->product_kind);
      row->unit = lotline_column_dup (stmt, 6);
      lotline_lot_status_from_string ((const char *) sqlite3_column_text (stmt, 7), &row->status);
      row->produced_on = lotline_column_dup (stmt, 8);
      row->expires_on = lotline_column_dup (stmt, 9);
      row->days_left = sqlite3_column_type (stmt, 10) == SQLITE_NULL ? G_MININT : sqlite3_column_int (stmt, 10);
      row->on_hand = sqlite3_column_int64 (stmt, 11);
      row->locations = lotline_column_dup (stmt, 12);
      row->supplier_id = sqlite3_column_int64 (stmt, 13);
      row->supplier_name = lotline_column_dup (stmt, 14);
      row->supplier_lot = lotline_column_dup (stmt, 15);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (store, error, _("listing lots"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&rows);
}

void
lotline_timeline_entry_free (LotlineTimelineEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->occurred_on);
  g_free (entry->recorded_by);
  g_free (entry->party_name);
  g_free (entry->doc_type);
  g_free (entry->doc_number);
  g_free (entry->reason);
  g_free (entry->override_reason);
  g_free (entry->location_code);
  g_free (entry);
}

/**
 * lotline_store_get_lot_timeline:
 * @store: a store
 * @lot_id: the lot
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LotlineTimelineEntry): every event
 *   line of the lot, oldest first
 */
GPtrArray *
lotline_store_get_lot_timeline (LotlineStore *store, gint64 lot_id, GError **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lotline_timeline_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = lotline_store_prepare (store,
                                "SELECT event.id, event.kind, event.occurred_at, event.occurred_on, event.recorded_by,"
                                " event.party_id, party.name, event.doc_type, event.doc_number, event.reason,"
                                " event.override_reason, event_line.role, event_line.quantity, event_line.location_id,"
                                " location.code"
                                " FROM event_line JOIN event ON event.id = event_line.event_id"
                                " LEFT JOIN party ON party.id = event.party_id"
                                " LEFT JOIN location ON location.id = event_line.location_id"
                                " WHERE event_line.lot_id = ? ORDER BY event.occurred_at, event.id, event_line.id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, lot_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotlineTimelineEntry *entry = g_new0 (LotlineTimelineEntry, 1);

      entry->event_id = sqlite3_column_int64 (stmt, 0);
      lotline_event_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &entry->kind);
      lotline_instant_parse ((const char *) sqlite3_column_text (stmt, 2), &entry->occurred_at);
      entry->occurred_on = lotline_column_dup (stmt, 3);
      entry->recorded_by = lotline_column_dup (stmt, 4);
      entry->party_id = sqlite3_column_int64 (stmt, 5);
      entry->party_name = lotline_column_dup (stmt, 6);
      entry->doc_type = lotline_column_dup (stmt, 7);
      entry->doc_number = lotline_column_dup (stmt, 8);
      entry->reason = lotline_column_dup (stmt, 9);
      entry->override_reason = lotline_column_dup (stmt, 10);
      lotline_line_role_from_string ((const char *) sqlite3_column_text (stmt, 11), &entry->role);
      entry->quantity = sqlite3_column_int64 (stmt, 12);
      entry->location_id = sqlite3_column_int64 (stmt, 13);
      entry->location_code = lotline_column_dup (stmt, 14);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (store, error, _("reading a lot’s history"));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * lotline_store_get_overview:
 * @store: a store
 * @today: "YYYY-MM-DD"
 * @warning_days: the expiry warning window
 * @out: (out caller-allocates): the counts
 * @error: return location for a #GError
 *
 * Counts lots with stock by what needs attention today.
 *
 * Returns: %TRUE on success
 */
gboolean
lotline_store_get_overview (LotlineStore *store, const char *today, int warning_days, LotlineOverview *out,
                            GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = lotline_store_prepare (store,
                                "SELECT count(*),"
                                " coalesce (sum (lot.status = 'quarantined'), 0),"
                                " coalesce (sum (lot.status = 'released' AND lot.expires_on >= ?1"
                                "                AND lot.expires_on <= date (?1, '+' || ?2 || ' days')), 0),"
                                " coalesce (sum (lot.status = 'released' AND lot.expires_on < ?1), 0),"
                                " coalesce (sum (lot.status = 'recalled'), 0)"
                                " FROM lot WHERE lot.id IN (SELECT DISTINCT lot_id FROM stock)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, MAX (warning_days, 0));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->lots_on_hand = sqlite3_column_int64 (stmt, 0);
      out->quarantined = sqlite3_column_int64 (stmt, 1);
      out->expiring_soon = sqlite3_column_int64 (stmt, 2);
      out->expired_on_hand = sqlite3_column_int64 (stmt, 3);
      out->recalled_on_hand = sqlite3_column_int64 (stmt, 4);
    }
  else
    lotline_store_set_sql_error (store, error, _("counting lots"));
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

void
lotline_record_ref_free (LotlineRecordRef *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->code);
  g_free (ref->name);
  g_free (ref->unit);
  g_free (ref);
}

typedef gboolean (*KindParser) (const char *s, int *out);

static gboolean
parse_product_kind (const char *s, int *out)
{
  LotlineProductKind kind;
  gboolean ok = lotline_product_kind_from_string (s, &kind);

  *out = (int) kind;
  return ok;
}

static gboolean
parse_party_kind (const char *s, int *out)
{
  LotlinePartyKind kind;
  gboolean ok = lotline_party_kind_from_string (s, &kind);

  *out = (int) kind;
  return ok;
}

static gboolean
parse_location_kind (const char *s, int *out)
{
  LotlineLocationKind kind;
  gboolean ok = lotline_location_kind_from_string (s, &kind);

  *out = (int) kind;
  return ok;
}

/* Runs a picker query whose columns are id, code, name, kind[, unit] and
 * whose ?1 is a kind name or NULL for all. */
static GPtrArray *
list_records (LotlineStore *store, const char *sql, const char *kind, KindParser parse, GError **error)
{
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify) lotline_record_ref_free);
  sqlite3_stmt *stmt = lotline_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  lotline_bind_text_or_null (stmt, 1, kind);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotlineRecordRef *ref = g_new0 (LotlineRecordRef, 1);

      ref->id = sqlite3_column_int64 (stmt, 0);
      ref->code = lotline_column_dup (stmt, 1);
      ref->name = lotline_column_dup (stmt, 2);
      parse ((const char *) sqlite3_column_text (stmt, 3), &ref->kind);
      if (sqlite3_column_count (stmt) > 4)
        ref->unit = lotline_column_dup (stmt, 4);
      g_ptr_array_add (refs, ref);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (store, error, _("listing records"));
      return NULL;
    }
  return g_steal_pointer (&refs);
}

GPtrArray *
lotline_store_list_products (LotlineStore *store, int kind, GError **error)
{
  return list_records (store,
                       "SELECT id, sku, name, kind, unit FROM product WHERE ?1 IS NULL OR kind = ?1 ORDER BY name, sku",
                       kind >= 0 ? lotline_product_kind_to_string (kind) : NULL, parse_product_kind, error);
}

GPtrArray *
lotline_store_list_parties (LotlineStore *store, int kind, GError **error)
{
  return list_records (store,
                       "SELECT id, code, name, kind FROM party WHERE ?1 IS NULL OR kind = ?1 ORDER BY name, code",
                       kind >= 0 ? lotline_party_kind_to_string (kind) : NULL, parse_party_kind, error);
}

GPtrArray *
lotline_store_list_locations (LotlineStore *store, GError **error)
{
  return list_records (store,
                       "SELECT id, code, name, kind FROM location WHERE ?1 IS NULL ORDER BY code",
                       NULL, parse_location_kind, error);
}
