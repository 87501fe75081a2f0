/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The FSMA 204 sortable spreadsheet (21 CFR 1.1455(c)(3)(ii)): the key data
 * elements of every critical tracking event in a recall's scope, one row
 * per event line.
 *
 * The columns are not typed in here: they come from fsma204-kde-by-cte.csv
 * (21 CFR 1.1325–1.1350, public domain; see fsma204-kde-by-cte.README),
 * compiled in as a GResource.  This file only knows how to fill a KDE from
 * the ledger, by its kde_key; a KDE it cannot fill stays empty and, when the
 * rule requires it, is named in the row's "missing_required_kdes" cell.
 *
 * Which lines are in scope: every receipt (receive and return events) of an
 * affected lot or of an upstream root, every shipment of an affected lot,
 * and every line (inputs and outputs) of each production event that made an
 * affected lot.  Transfers between our own locations, adjustments and
 * quarantines are not critical tracking events. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lotline-csv.h"
#include "lotline-fsma204.h"
#include "lotline-recall.h"
#include "lotline-store-private.h"
#include "lotline-xlsx.h"

#define KDE_RESOURCE "/io/github/lotline/core/fsma204-kde-by-cte.csv"

/* The critical tracking events our ledger records, in the order goods flow. */
typedef enum {
  CTE_RECEIVING,
  CTE_TRANSFORMATION,
  CTE_SHIPPING,
  N_CTES
} Cte;

static const struct {
  const char *name;  /* as the rule's CSV names the CTE; also the sheet's name */
  const char *file;
} ctes[N_CTES] = {
  { "Receiving", "receiving.csv" },
  { "Transformation", "transformation.csv" },
  { "Shipping", "shipping.csv" },
};

/* Leading columns (ours) before the KDEs, and the closing flag column. */
static const char * const lead_headers[] = { "event_id", "line_role", "lot_code" };
#define FLAG_HEADER "missing_required_kdes"

typedef enum {
  ROLE_ANY,     /* Receiving and Shipping lines */
  ROLE_INPUT,   /* a lot used in a transformation */
  ROLE_OUTPUT,  /* the new lot a transformation made */
} Role;

typedef struct {
  char    *kde_key;
  char    *header;
  Role     role;
  gboolean required;  /* some row of the rule asks for it without a condition */
} Column;

typedef struct {
  gint64  line_id;
  gint64  event_id;
  char   *kind;        /* "receive", "return", "produce", "ship" */
  Role    role;
  gint64  quantity;
  char   *date;
  char   *doc_type;
  char   *doc_number;
  gint64  party_id;
  gint64  location_id;
  gint64  lot_id;
  char   *lot_code;
  char   *sku;
  char   *product_name;
  char   *unit;
} Line;

/* A location description (21 CFR 1.1310: business name, phone, address). */
typedef struct {
  char *text;
  char *missing;  /* the parts it lacks, NULL when complete */
} Place;

typedef struct {
  LotlineStore *store;
  GHashTable   *places;       /* "party:ID", "location:ID", "tlc:LOTID" → Place */
  GPtrArray    *lines[N_CTES];
} Export;

static void
column_free (gpointer data)
{
  Column *c = data;

  g_free (c->kde_key);
  g_free (c->header);
  g_free (c);
}

static void
line_free (gpointer data)
{
  Line *l = data;

  g_free (l->kind);
  g_free (l->date);
  g_free (l->doc_type);
  g_free (l->doc_number);
  g_free (l->lot_code);
  g_free (l->sku);
  g_free (l->product_name);
  g_free (l->unit);
  g_free (l);
}

static void
place_free (gpointer data)
{
  Place *p = data;

  g_free (p->text);
  g_free (p->missing);
  g_free (p);
}

/* ---- the KDE list -------------------------------------------------------- */

/* Splits RFC 4180 text into records of fields (GStrv); quoted fields may
 * hold commas, doubled quotes and line breaks. */
static GPtrArray *
split_csv (const char *p, const char *end)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *fields = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (; p <= end; p++)
    {
      char c = p < end ? *p : '\n';

      if (quoted && c == '"' && p + 1 < end && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (c == '"' && (quoted || field->len == 0))
        quoted = !quoted;
      else if (quoted || (c != ',' && c != '\n' && c != '\r'))
        g_string_append_c (field, c);
      else if (c == ',' || (c == '\n' && (fields->len > 0 || field->len > 0)))
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          if (c == '\n')
            {
              g_ptr_array_add (fields, NULL);
              g_ptr_array_add (records, g_ptr_array_free (fields, FALSE));
              fields = g_ptr_array_new ();
            }
        }
    }
  g_string_free (field, TRUE);
  g_ptr_array_free (fields, TRUE);
  return records;
}

static int
header_index (char **header, const char *name)
{
  for (int i = 0; header[i] != NULL; i++)
    if (g_strcmp0 (header[i], name) == 0)
      return i;
  return -1;
}

static Role
role_from_text (const char *lot_role)
{
  if (g_str_has_prefix (lot_role, "input"))
    return ROLE_INPUT;
  if (g_str_has_prefix (lot_role, "output"))
    return ROLE_OUTPUT;
  return ROLE_ANY;
}

static Column *
find_column (GPtrArray *columns, const char *kde_key, Role role)
{
  for (guint i = 0; i < columns->len; i++)
    {
      Column *c = columns->pdata[i];

      if (c->role == role && g_strcmp0 (c->kde_key, kde_key) == 0)
        return c;
    }
  return NULL;
}

static void
finish_headers (GPtrArray *columns)
{
  static const char * const prefixes[] = { "", "input_", "output_" };

  for (guint i = 0; i < columns->len; i++)
    {
      Column *c = columns->pdata[i];

      /* A KDE the rule asks for only under a condition our ledger does
       * not record (food from a person Subpart S does not apply to …). */
      c->header = g_strdup_printf ("%s%s%s", prefixes[c->role], c->kde_key,
                                   c->required ? "" : " (not applicable)");
    }
}

/* The columns of each CTE we produce, in the rule's order; a KDE listed
 * twice (paragraphs (a) and (b) of § 1.1345) is one column. */
static gboolean
load_columns (GPtrArray *columns[N_CTES], GError **error)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (KDE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_autoptr(GPtrArray) records = NULL;
  char **header;
  int i_cte, i_key, i_role, i_condition;
  gsize size;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  records = split_csv (data, data + size);
  header = records->len > 0 ? records->pdata[0] : NULL;
  i_cte = header ? header_index (header, "cte") : -1;
  i_key = header ? header_index (header, "kde_key") : -1;
  i_role = header ? header_index (header, "lot_role") : -1;
  i_condition = header ? header_index (header, "condition") : -1;
  if (i_cte < 0 || i_key < 0 || i_role < 0 || i_condition < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The built-in list of FSMA 204 key data elements is damaged. Reinstall Lotline."));
      return FALSE;
    }

  for (guint k = 0; k < N_CTES; k++)
    columns[k] = g_ptr_array_new_with_free_func (column_free);
  for (guint r = 1; r < records->len; r++)
    {
      char **row = records->pdata[r];
      guint n = g_strv_length (row);
      Column *c;
      Role role;

      if ((guint) MAX (MAX (i_cte, i_key), MAX (i_role, i_condition)) >= n)
        continue;
      for (guint k = 0; k < N_CTES; k++)
        {
          if (g_strcmp0 (row[i_cte], ctes[k].name) != 0)
            continue;
          role = role_from_text (row[i_role]);
          c = find_column (columns[k], row[i_key], role);
          if (c == NULL)
            {
              c = g_new0 (Column, 1);
              c->kde_key = g_strdup (row[i_key]);
              c->role = role;
              g_ptr_array_add (columns[k], c);
            }
          c->required |= row[i_condition][0] == '\0';
        }
    }
  for (guint k = 0; k < N_CTES; k++)
    finish_headers (columns[k]);
  return TRUE;
}

/* ---- the event lines in scope ------------------------------------------ */

#define LINE_SQL \
  "SELECT el.id, el.event_id, e.kind, el.role, el.quantity, e.occurred_on, e.doc_type, e.doc_number," \
  " e.party_id, el.location_id, el.lot_id, l.code, p.sku, p.name, p.unit" \
  " FROM event_line el JOIN event e ON e.id = el.event_id" \
  " JOIN lot l ON l.id = el.lot_id JOIN product p ON p.id = l.product_id" \
  " WHERE e.kind IN ('receive', 'return', 'produce', 'ship') AND el.role <> 'subject' AND "

static Line *
read_line (sqlite3_stmt *stmt)
{
  Line *l = g_new0 (Line, 1);
  const char *role = (const char *) sqlite3_column_text (stmt, 3);

  l->line_id = sqlite3_column_int64 (stmt, 0);
  l->event_id = sqlite3_column_int64 (stmt, 1);
  l->kind = lotline_column_dup (stmt, 2);
  l->role = g_strcmp0 (role, "input") == 0 ? ROLE_INPUT : ROLE_OUTPUT;
  l->quantity = sqlite3_column_int64 (stmt, 4);
  l->date = lotline_column_dup (stmt, 5);
  l->doc_type = lotline_column_dup (stmt, 6);
  l->doc_number = lotline_column_dup (stmt, 7);
  l->party_id = sqlite3_column_int64 (stmt, 8);
  l->location_id = sqlite3_column_int64 (stmt, 9);
  l->lot_id = sqlite3_column_int64 (stmt, 10);
  l->lot_code = lotline_column_dup (stmt, 11);
  l->sku = lotline_column_dup (stmt, 12);
  l->product_name = lotline_column_dup (stmt, 13);
  l->unit = lotline_column_dup (stmt, 14);
  return l;
}

/* Sorts a line into its CTE, or frees it; production events that made an
 * affected lot are collected in @transformations. */
static void
classify_line (Export *ex, Line *l, GHashTable *affected, GHashTable *seen, GHashTable *transformations)
{
  gboolean is_affected = g_hash_table_contains (affected, &l->lot_id);
  int cte = -1;

  if ((g_str_equal (l->kind, "receive") || g_str_equal (l->kind, "return")) && l->role == ROLE_OUTPUT)
    cte = CTE_RECEIVING;
  else if (g_str_equal (l->kind, "ship") && l->role == ROLE_INPUT && is_affected)
    cte = CTE_SHIPPING;
  else if (g_str_equal (l->kind, "produce") && l->role == ROLE_OUTPUT && is_affected)
    {
      gint64 *event_id = g_new (gint64, 1);

      *event_id = l->event_id;
      g_hash_table_add (transformations, event_id);
    }

  if (cte < 0 || !g_hash_table_add (seen, g_memdup2 (&l->line_id, sizeof l->line_id)))
    line_free (l);
  else
    {
      if (cte == CTE_RECEIVING)
        l->role = ROLE_ANY;
      g_ptr_array_add (ex->lines[cte], l);
    }
}

static gboolean
read_lines_where (Export *ex, const char *where, gint64 id, GPtrArray *out, GError **error)
{
  g_autofree char *sql = g_strconcat (LINE_SQL, where, NULL);
  sqlite3_stmt *stmt = lotline_store_prepare (ex->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, read_line (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (ex->store, error, _("reading the events of the recall’s lots"));
      return FALSE;
    }
  return TRUE;
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  const Line *x = *(Line * const *) a, *y = *(Line * const *) b;
  int c = g_strcmp0 (x->date, y->date);

  if (c == 0)
    c = (x->event_id > y->event_id) - (x->event_id < y->event_id);
  if (c == 0)
    c = (int) x->role - (int) y->role;
  return c ? c : (x->line_id > y->line_id) - (x->line_id < y->line_id);
}

static gboolean
collect_lines (Export *ex, const LotlineRecallScope *scope, GError **error)
{
  g_autoptr(GHashTable) affected = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) transformations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) lot_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < scope->lots->len; i++)
    {
      LotlineRecallLot *lot = scope->lots->pdata[i];

      g_hash_table_add (affected, &lot->lot_id);
      g_array_append_val (lot_ids, lot->lot_id);
    }
  for (guint i = 0; i < scope->roots->len; i++)
    g_array_append_val (lot_ids, ((LotlineRecallRoot *) scope->roots->pdata[i])->lot_id);

  for (guint i = 0; i < lot_ids->len; i++)
    if (!read_lines_where (ex, "el.lot_id = ?", g_array_index (lot_ids, gint64, i), lines, error))
      goto fail;
  for (guint i = 0; i < lines->len; i++)
    classify_line (ex, lines->pdata[i], affected, seen, transformations);
  g_ptr_array_set_size (lines, 0);

  /* Every line of a transformation: its inputs are what the rule calls the
   * food used, whether affected or not. */
  g_hash_table_iter_init (&iter, transformations);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!read_lines_where (ex, "e.kind = 'produce' AND el.event_id = ?", *(gint64 *) key, lines, error))
      goto fail;
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = lines->pdata[i];

      if (g_hash_table_add (seen, g_memdup2 (&l->line_id, sizeof l->line_id)))
        g_ptr_array_add (ex->lines[CTE_TRANSFORMATION], l);
      else
        line_free (l);
    }

  for (guint k = 0; k < N_CTES; k++)
    g_ptr_array_sort (ex->lines[k], compare_lines);
  return TRUE;

fail:
  for (guint i = 0; i < lines->len; i++)
    line_free (lines->pdata[i]);
  return FALSE;
}

/* ---- location descriptions ------------------------------------------- */

static Place *
place_copy (const Place *place)
{
  Place *copy = g_new0 (Place, 1);

  copy->text = g_strdup (place->text);
  copy->missing = g_strdup (place->missing);
  return copy;
}

/* Joins the non-empty parts; names the required ones that are empty. */
static Place *
place_new (const char * const *parts, const char * const *part_names, const gboolean *required, guint n)
{
  GString *text = g_string_new (NULL), *missing = g_string_new (NULL);
  Place *place = g_new0 (Place, 1);

  for (guint i = 0; i < n; i++)
    {
      if (!lotline_is_blank (parts[i]))
        g_string_append_printf (text, "%s%s", text->len ? ", " : "", parts[i]);
      else if (required[i])
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", part_names[i]);
    }
  place->text = g_string_free (text, FALSE);
  place->missing = missing->len ? g_string_free (missing, FALSE) : (g_string_free (missing, TRUE), NULL);
  return place;
}

/* A party: business name, phone and physical address (21 CFR 1.1310). */
static Place *
read_party_place (Export *ex, gint64 party_id, GError **error)
{
  static const char * const names[] = { "name", "street", "postal code", "city", "region", "country",
                                        "phone", "GLN" };
  static const gboolean required[] = { TRUE, TRUE, FALSE, TRUE, FALSE, TRUE, TRUE, FALSE };
  sqlite3_stmt *stmt = lotline_store_prepare (ex->store,
    "SELECT name, street, postal_code, city, region, country, phone, gln FROM party WHERE id = ?", error);
  const char *parts[G_N_ELEMENTS (names)];
  g_autofree char *phone = NULL, *gln = NULL;
  Place *place;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, party_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lotline_store_set_sql_error (ex->store, error, _("reading a trading partner"));
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    parts[i] = (const char *) sqlite3_column_text (stmt, (int) i);
  /* Labelled, so that a reader can tell a phone number from a postal code. */
  if (!lotline_is_blank (parts[6]))
    parts[6] = phone = g_strdup_printf ("phone %s", parts[6]);
  if (!lotline_is_blank (parts[7]))
    parts[7] = gln = g_strdup_printf ("GLN %s", parts[7]);
  place = place_new (parts, names, required, G_N_ELEMENTS (names));
  sqlite3_reset (stmt);
  return place;
}

static const Place *
party_place (Export *ex, gint64 party_id, GError **error)
{
  g_autofree char *key = g_strdup_printf ("party:%" G_GINT64_FORMAT, party_id);
  Place *place = g_hash_table_lookup (ex->places, key);

  if (place == NULL && (place = read_party_place (ex, party_id, error)) != NULL)
    g_hash_table_insert (ex->places, g_steal_pointer (&key), place);
  return place;
}

/* Our own site for a location: its site, or its nearest parent's, or the
 * first site party when locations name none. */
static gboolean
find_site (Export *ex, gint64 location_id, char **out_name, gint64 *out_site, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (ex->store,
    "WITH RECURSIVE up (id, depth) AS (SELECT ?1, 0"
    "   UNION ALL SELECT location.parent_id, up.depth + 1 FROM location JOIN up ON location.id = up.id"
    "   WHERE location.parent_id IS NOT NULL AND up.depth < 32)"
    " SELECT (SELECT name FROM location WHERE id = ?1),"
    "  COALESCE ((SELECT location.site_id FROM up JOIN location ON location.id = up.id"
    "             WHERE location.site_id IS NOT NULL ORDER BY up.depth LIMIT 1),"
    "            (SELECT id FROM party WHERE kind = 'site' ORDER BY id LIMIT 1), 0)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, location_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lotline_store_set_sql_error (ex->store, error, _("reading a location"));
      return FALSE;
    }
  *out_name = lotline_column_dup (stmt, 0);
  *out_site = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

/* The site a location belongs to, as a new place; @out_name gets the
 * location's own name. */
static Place *
site_place (Export *ex, gint64 location_id, char **out_name, GError **error)
{
  g_autofree char *name = NULL;
  const Place *site;
  gint64 site_id = 0;

  if (!find_site (ex, location_id, &name, &site_id, error))
    return NULL;
  if (out_name != NULL)
    *out_name = g_steal_pointer (&name);
  if (site_id <= 0)
    return place_copy (&(Place) { NULL, (char *) "site address" });
  site = party_place (ex, site_id, error);
  return site ? place_copy (site) : NULL;
}

/* One of our locations: its name, then our site's description. */
static const Place *
location_place (Export *ex, gint64 location_id, GError **error)
{
  g_autofree char *key = g_strdup_printf ("location:%" G_GINT64_FORMAT, location_id);
  g_autofree char *name = NULL;
  Place *place = g_hash_table_lookup (ex->places, key);

  if (place != NULL)
    return place;
  place = site_place (ex, location_id, &name, error);
  if (place == NULL)
    return NULL;
  if (!lotline_is_blank (name))
    {
      char *text = lotline_is_blank (place->text) ? g_strdup (name) : g_strdup_printf ("%s, %s", name, place->text);

      g_free (place->text);
      place->text = text;
    }
  g_hash_table_insert (ex->places, g_steal_pointer (&key), place);
  return place;
}

/* The traceability lot code source: the lot's recorded TLC source when it
 * has one; our facility (the site, not the bin) where we made the lot;
 * else its supplier. */
static Place *
read_tlc_source (Export *ex, gint64 lot_id, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (ex->store,
    "SELECT l.tlc_source, first.kind, first.location_id, COALESCE (l.supplier_id, first.party_id)"
    " FROM lot l LEFT JOIN (SELECT e.kind, el.location_id, e.party_id"
    "   FROM event_line el JOIN event e ON e.id = el.event_id"
    "   WHERE el.lot_id = ?1 AND el.role = 'output' AND e.kind IN ('produce', 'receive')"
    "   ORDER BY e.occurred_at, e.id LIMIT 1) AS first"
    " WHERE l.id = ?1", error);
  g_autofree char *reference = NULL, *kind = NULL;
  gint64 location_id, supplier_id;
  const Place *source = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, lot_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lotline_store_set_sql_error (ex->store, error, _("reading a lot"));
      return NULL;
    }
  reference = lotline_column_dup (stmt, 0);
  kind = lotline_column_dup (stmt, 1);
  location_id = sqlite3_column_int64 (stmt, 2);
  supplier_id = sqlite3_column_int64 (stmt, 3);
  sqlite3_reset (stmt);

  if (!lotline_is_blank (reference))
    return place_copy (&(Place) { reference, NULL });
  if (g_strcmp0 (kind, "produce") == 0 && location_id > 0)
    return site_place (ex, location_id, NULL, error);
  else if (supplier_id > 0)
    source = party_place (ex, supplier_id, error);
  else
    return place_copy (&(Place) { NULL, (char *) "source unknown" });
  return source ? place_copy (source) : NULL;
}

static const Place *
tlc_source_place (Export *ex, gint64 lot_id, GError **error)
{
  g_autofree char *key = g_strdup_printf ("tlc:%" G_GINT64_FORMAT, lot_id);
  Place *place = g_hash_table_lookup (ex->places, key);

  if (place == NULL && (place = read_tlc_source (ex, lot_id, error)) != NULL)
    g_hash_table_insert (ex->places, g_steal_pointer (&key), place);
  return place;
}

/* ---- filling the cells --------------------------------------------------- */

typedef enum {
  SOURCE_LOT_CODE,
  SOURCE_QUANTITY,
  SOURCE_PRODUCT,
  SOURCE_PARTY,
  SOURCE_LOCATION,
  SOURCE_DATE,
  SOURCE_TLC_SOURCE,
  SOURCE_REFERENCE,
} Source;

/* How each KDE of the CTEs we produce is read from the ledger. */
static const struct {
  const char *kde_key;
  Source      source;
} kde_sources[] = {
  { "traceability_lot_code", SOURCE_LOT_CODE },
  { "new_traceability_lot_code", SOURCE_LOT_CODE },
  { "quantity_uom", SOURCE_QUANTITY },
  { "quantity_uom_used", SOURCE_QUANTITY },
  { "product_description", SOURCE_PRODUCT },
  { "immediate_previous_source_location", SOURCE_PARTY },
  { "immediate_subsequent_recipient_location", SOURCE_PARTY },
  { "receiving_location", SOURCE_LOCATION },
  { "ship_from_location", SOURCE_LOCATION },
  { "receive_date", SOURCE_DATE },
  { "ship_date", SOURCE_DATE },
  { "transformation_completed_date", SOURCE_DATE },
  { "tlc_source_location_or_reference", SOURCE_TLC_SOURCE },
  { "tlc_source_location_and_reference", SOURCE_TLC_SOURCE },
  { "reference_document_type_and_number", SOURCE_REFERENCE },
};

static char *
place_value (const Place *place, GString *missing, const char *header)
{
  /* An empty description is flagged by the caller, as any empty KDE. */
  if (place->missing != NULL && !lotline_is_blank (place->text))
    g_string_append_printf (missing, "%s%s (%s)", missing->len ? "; " : "", header, place->missing);
  return g_strdup (place->text);
}

/* The KDE's value for @l; a location description that lacks a required
 * part is named in @missing here, an empty value by the caller. */
static gboolean
kde_value (Export *ex, const Line *l, const Column *column, GString *missing, char **out, GError **error)
{
  const Place *place = NULL;

  *out = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (kde_sources); i++)
    {
      if (!g_str_equal (kde_sources[i].kde_key, column->kde_key))
        continue;
      switch (kde_sources[i].source)
        {
        case SOURCE_LOT_CODE:
          *out = g_strdup (l->lot_code);
          return TRUE;
        case SOURCE_QUANTITY:
          {
            g_autofree char *q = lotline_quantity_format (l->quantity);

            *out = g_strdup_printf ("%s %s", q, l->unit);
            return TRUE;
          }
        case SOURCE_PRODUCT:
          *out = g_strdup_printf ("%s (%s)", l->product_name, l->sku);
          return TRUE;
        case SOURCE_DATE:
          *out = g_strdup (l->date);
          return TRUE;
        case SOURCE_REFERENCE:
          if (!lotline_is_blank (l->doc_number))
            *out = lotline_is_blank (l->doc_type) ? g_strdup (l->doc_number)
                                                  : g_strdup_printf ("%s %s", l->doc_type, l->doc_number);
          return TRUE;
        case SOURCE_PARTY:
          if (l->party_id <= 0)
            return TRUE;
          place = party_place (ex, l->party_id, error);
          break;
        case SOURCE_LOCATION:
          if (l->location_id <= 0)
            return TRUE;
          place = location_place (ex, l->location_id, error);
          break;
        case SOURCE_TLC_SOURCE:
          place = tlc_source_place (ex, l->lot_id, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (place == NULL)
        return FALSE;
      *out = place_value (place, missing, column->header);
      return TRUE;
    }
  /* A KDE we have no data for: empty, and flagged when required. */
  return TRUE;
}

static const char *
role_word (const Line *l, Cte cte)
{
  if (cte == CTE_RECEIVING)
    return "received";
  if (cte == CTE_SHIPPING)
    return "shipped";
  return l->role == ROLE_INPUT ? "input" : "output";
}

static char **
header_row (GPtrArray *columns)
{
  GPtrArray *cells = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (lead_headers); i++)
    g_ptr_array_add (cells, g_strdup (lead_headers[i]));
  for (guint i = 0; i < columns->len; i++)
    g_ptr_array_add (cells, g_strdup (((Column *) columns->pdata[i])->header));
  g_ptr_array_add (cells, g_strdup (FLAG_HEADER));
  g_ptr_array_add (cells, NULL);
  return (char **) g_ptr_array_free (cells, FALSE);
}

static char **
line_row (Export *ex, const Line *l, Cte cte, GPtrArray *columns, GError **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) missing = g_string_new (NULL);

  g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, l->event_id));
  g_ptr_array_add (cells, g_strdup (role_word (l, cte)));
  g_ptr_array_add (cells, g_strdup (l->lot_code));
  for (guint i = 0; i < columns->len; i++)
    {
      const Column *c = columns->pdata[i];
      char *value = NULL;

      /* Input KDEs stay empty on output lines and the other way round;
       * conditional KDEs stay empty (not applicable). */
      if ((c->role == ROLE_ANY || c->role == l->role) && c->required)
        {
          if (!kde_value (ex, l, c, missing, &value, error))
            return NULL;
          if (lotline_is_blank (value))
            g_string_append_printf (missing, "%s%s", missing->len ? "; " : "", c->header);
        }
      g_ptr_array_add (cells, value ? value : g_strdup (""));
    }
  g_ptr_array_add (cells, g_strdup (missing->str));
  g_ptr_array_add (cells, NULL);
  g_ptr_array_set_free_func (cells, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&cells), FALSE);
}

static GPtrArray *
build_table (Export *ex, Cte cte, GPtrArray *columns, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, header_row (columns));
  for (guint i = 0; i < ex->lines[cte]->len; i++)
    {
      char **row = line_row (ex, ex->lines[cte]->pdata[i], cte, columns, error);

      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

/* ---- writing ------------------------------------------------------------- */

/* RFC 4180 with CRLF line ends; a cell a spreadsheet would take for a
 * formula (= + - @, tab, CR) gets a leading apostrophe. */
static GBytes *
table_to_csv (GPtrArray *rows)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = rows->pdata[r];

      for (guint c = 0; cells[c] != NULL; c++)
        {
          g_autofree char *guarded = NULL;
          const char *text = cells[c];

          if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
            text = guarded = g_strconcat ("'", text, NULL);
          if (c > 0)
            g_string_append_c (out, ',');
          lotline_csv_append_field (out, text);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free_to_bytes (out);
}

static gboolean
write_all (int fd, GBytes *bytes)
{
  gsize size;
  const char *p = g_bytes_get_data (bytes, &size);

  while (size > 0)
    {
      gssize n = write (fd, p, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      size -= (gsize) n;
    }
  return TRUE;
}

static void
set_write_error (GError **error, int saved_errno, const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s. Check that the folder exists, that there is space and that you may write there."),
               display, g_strerror (saved_errno));
}

/* Writes @bytes to a new temporary file beside @final; returns its name. */
static char *
write_temporary (const char *final, GBytes *bytes, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (final);
  g_autofree char *base = g_path_get_basename (final);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temp = g_build_filename (dir, template, NULL);
  int fd = g_mkstemp_full (temp, O_WRONLY, 0666);
  int saved_errno = errno;
  gboolean ok;

  if (fd < 0)
    {
      set_write_error (error, saved_errno, final);
      return NULL;
    }
  errno = 0;
  ok = write_all (fd, bytes) && fsync (fd) == 0;
  saved_errno = errno ? errno : EIO;
  ok = close (fd) == 0 && ok;
  if (!ok)
    {
      set_write_error (error, saved_errno, final);
      g_unlink (temp);
      return NULL;
    }
  return g_steal_pointer (&temp);
}

/* Writes every file to a temporary name in @dir first and renames them all
 * only when all were written, so an error leaves no half-written file. */
static gboolean
write_files (const char *dir, const char * const *names, GBytes **contents, guint n, GError **error)
{
  g_autoptr(GPtrArray) temps = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;
  guint renamed = 0;

  for (guint i = 0; ok && i < n; i++)
    {
      g_autofree char *final = g_build_filename (dir, names[i], NULL);
      char *temp = write_temporary (final, contents[i], error);

      if (temp == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (temps, temp);
    }
  for (; ok && renamed < n; renamed++)
    {
      g_autofree char *final = g_build_filename (dir, names[renamed], NULL);

      if (g_rename (temps->pdata[renamed], final) != 0)
        {
          set_write_error (error, errno, final);
          ok = FALSE;
          break;
        }
    }
  /* What was not renamed is removed. */
  for (guint i = renamed; i < temps->len; i++)
    g_unlink (temps->pdata[i]);
  return ok;
}

static gboolean
write_workbook (const char *path, GPtrArray *tables[N_CTES], GError **error)
{
  LotlineXlsxSheet sheets[N_CTES];
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  const char *names[] = { name };

  for (guint k = 0; k < N_CTES; k++)
    sheets[k] = (LotlineXlsxSheet) { ctes[k].name, tables[k] };
  bytes = lotline_xlsx_build (sheets, N_CTES, error);
  return bytes != NULL && write_files (dir, names, &bytes, 1, error);
}

static gboolean
write_csv_folder (const char *dir, GPtrArray *tables[N_CTES], GError **error)
{
  const char *names[N_CTES];
  GBytes *contents[N_CTES];
  gboolean ok;

  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s. Give a folder you may write to, or a file name ending in .xlsx."),
                   display, g_strerror (saved_errno));
      return FALSE;
    }
  for (guint k = 0; k < N_CTES; k++)
    {
      names[k] = ctes[k].file;
      contents[k] = table_to_csv (tables[k]);
    }
  ok = write_files (dir, names, contents, N_CTES, error);
  for (guint k = 0; k < N_CTES; k++)
    g_bytes_unref (contents[k]);
  return ok;
}

static gboolean
is_workbook_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".xlsx");
}

gboolean
lotline_store_export_fsma204 (LotlineStore *self, gint64 recall_id, const char *path, GError **error)
{
  g_autoptr(LotlineRecallScope) scope = NULL;
  GPtrArray *columns[N_CTES] = { NULL };
  GPtrArray *tables[N_CTES] = { NULL };
  Export ex = { .store = self };
  gboolean ok = FALSE;

  g_return_val_if_fail (LOTLINE_IS_STORE (self), FALSE);

  if (lotline_is_blank (path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("Say where the FSMA 204 spreadsheet goes: a folder for CSV files or a file name ending in .xlsx."));
      return FALSE;
    }
  if (!is_workbook_path (path) && g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("“%s” is a file, not a folder. Give a folder for the CSV files, or a file name ending in .xlsx."),
                   display);
      return FALSE;
    }

  scope = lotline_store_get_recall_scope (self, recall_id, error);
  if (scope == NULL || !load_columns (columns, error))
    goto out;

  ex.places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, place_free);
  for (guint k = 0; k < N_CTES; k++)
    ex.lines[k] = g_ptr_array_new_with_free_func (line_free);
  if (!collect_lines (&ex, scope, error))
    goto out;
  for (guint k = 0; k < N_CTES; k++)
    if ((tables[k] = build_table (&ex, (Cte) k, columns[k], error)) == NULL)
      goto out;

  ok = is_workbook_path (path) ? write_workbook (path, tables, error) : write_csv_folder (path, tables, error);

out:
  for (guint k = 0; k < N_CTES; k++)
    {
      g_clear_pointer (&columns[k], g_ptr_array_unref);
      g_clear_pointer (&tables[k], g_ptr_array_unref);
      g_clear_pointer (&ex.lines[k], g_ptr_array_unref);
    }
  g_clear_pointer (&ex.places, g_hash_table_unref);
  return ok;
}
