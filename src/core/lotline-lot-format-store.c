/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Lot-code formats kept in the database: the site's format and defaults in
 * meta, each product's own format on its row, and the next code of a
 * product from the codes its lots already have. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lotline-ledger.h"
#include "lotline-lot-format-store.h"
#include "lotline-store-private.h"
#include "lotline-types.h"

#define META_FORMAT   "lot_code_format"

static const char * const default_keys[] = { "lot_code_facility", "lot_code_line", "lot_code_shift" };

void
lotline_lot_code_defaults_clear (LotlineLotCodeDefaults *defaults)
{
  g_clear_pointer (&defaults->facility, g_free);
  g_clear_pointer (&defaults->line, g_free);
  g_clear_pointer (&defaults->shift, g_free);
}

/* ---- meta keys -------------------------------------------------------- */

static gboolean
get_meta (LotlineStore *store, const char *key, char **out_value, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (store, "SELECT value FROM meta WHERE key = ?", error);
  int rc;

  *out_value = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = lotline_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    lotline_store_set_sql_error (store, error, _("reading a setting"));
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* Blank removes the key.  Runs inside the caller's transaction. */
static gboolean
put_meta (LotlineStore *store, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *stmt;

  if (lotline_is_blank (value))
    stmt = lotline_store_prepare (store, "DELETE FROM meta WHERE key = ?1", error);
  else
    stmt = lotline_store_prepare (store,
                                  "INSERT INTO meta (key, value) VALUES (?1, ?2)"
                                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (!lotline_is_blank (value))
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return lotline_store_step_done (store, stmt, _("saving a setting"), error);
}

/* {"key": value, …} with nulls for blank values, for the audit log. */
static char *
audit_json (const char * const *keys, const char * const *values, guint n)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      if (lotline_is_blank (values[i]))
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, values[i]);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* ---- formats ---------------------------------------------------------- */

static gboolean
is_variable (const LotlineLotSegment *segment)
{
  switch (segment->kind)
    {
    case LOTLINE_LOT_SEGMENT_FACILITY:
    case LOTLINE_LOT_SEGMENT_LINE:
    case LOTLINE_LOT_SEGMENT_SHIFT:
    case LOTLINE_LOT_SEGMENT_PRODUCT:
    case LOTLINE_LOT_SEGMENT_SEQUENCE:
      return segment->width == 0;
    default:
      return FALSE;
    }
}

/* The template as written, for messages: "{LINE}". */
static char *
dup_segment_text (const LotlineLotSegment *segment)
{
  static const char * const names[] = {
    [LOTLINE_LOT_SEGMENT_FACILITY] = "FACILITY", [LOTLINE_LOT_SEGMENT_LINE] = "LINE",
    [LOTLINE_LOT_SEGMENT_SHIFT] = "SHIFT", [LOTLINE_LOT_SEGMENT_PRODUCT] = "PRODUCT",
    [LOTLINE_LOT_SEGMENT_SEQUENCE] = "SEQ",
  };

  return g_strdup_printf ("{%s}", names[segment->kind]);
}

/**
 * lotline_lot_format_new_checked:
 * @template_text: a template
 * @error: return location for a #GError
 *
 * Like lotline_lot_format_new(), and also refuses two segments of any
 * length next to each other ("{FACILITY}{LINE}"): their codes could not be
 * read back.  Formats are saved only when they pass this check.
 *
 * Returns: (transfer full) (nullable): the format
 */
LotlineLotFormat *
lotline_lot_format_new_checked (const char *template_text, GError **error)
{
  g_autoptr(LotlineLotFormat) format = lotline_lot_format_new (template_text, error);
  const LotlineLotSegment *segments;
  guint n = 0;

  if (format == NULL)
    return NULL;
  segments = lotline_lot_format_get_segments (format, &n);
  for (guint i = 0; i + 1 < n; i++)
    if (is_variable (&segments[i]) && is_variable (&segments[i + 1]))
      {
        g_autofree char *first = dup_segment_text (&segments[i]);
        g_autofree char *second = dup_segment_text (&segments[i + 1]);

        /* Translators: "In “{FACILITY}{LINE}”, {FACILITY} and {LINE} follow each other … as {FACILITY:2}, …";
         * keep the braces and ":2" as they are. */
        g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_TEMPLATE,
                     _("In “%s”, %s and %s follow each other and both may be of any length, so a code could not be read back. Give %s a width, as {%.*s:2}, or put a character such as - between them."),
                     template_text, first, second, first, (int) strlen (first) - 2, first + 1);
        return NULL;
      }
  return g_steal_pointer (&format);
}

/* One text column of one product's row, or an error naming the unknown
 * product; @sql is a literal (statements are cached by pointer). */
static gboolean
read_product_text (LotlineStore *store, const char *sql, gint64 product_id, char **out_text, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_text = lotline_column_dup (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_UNKNOWN_PRODUCT,
                 _("There is no product with id %lld. Add the product first."), (long long) product_id);
  else
    lotline_store_set_sql_error (store, error, _("reading a product"));
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/**
 * lotline_store_get_lot_format:
 * @store: a store
 * @product_id: a product, or 0 for the site's format
 * @out_template: (out) (transfer full) (nullable): the template, %NULL when
 *   none is set (for a product: the site's format applies)
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the format was read
 */
gboolean
lotline_store_get_lot_format (LotlineStore *store, gint64 product_id, char **out_template, GError **error)
{
  g_return_val_if_fail (LOTLINE_IS_STORE (store), FALSE);

  *out_template = NULL;
  if (product_id <= 0)
    return get_meta (store, META_FORMAT, out_template, error);
  return read_product_text (store, "SELECT lot_format FROM product WHERE id = ?", product_id, out_template, error);
}

static gboolean
write_product_format (LotlineStore *store, gint64 product_id, const char *template_text, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (store, "UPDATE product SET lot_format = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lotline_bind_text_or_null (stmt, 1, lotline_is_blank (template_text) ? NULL : template_text);
  sqlite3_bind_int64 (stmt, 2, product_id);
  return lotline_store_step_done (store, stmt, _("saving a lot-code format"), error);
}

/**
 * lotline_store_set_lot_format:
 * @store: a store
 * @product_id: a product, or 0 for the site's format
 * @template_text: (nullable): the template; %NULL or blank removes the
 *   format (a product then follows the site's format again)
 * @error: return location for a #GError
 *
 * Checks the template with lotline_lot_format_new() before anything is
 * written, and records the change in the audit log.
 *
 * Returns: %TRUE when the format was saved
 */
gboolean
lotline_store_set_lot_format (LotlineStore *store, gint64 product_id, const char *template_text, GError **error)
{
  static const char * const keys[] = { "lot_format" };
  g_autofree char *old = NULL, *old_json = NULL, *new_json = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (template_text != NULL ? template_text : ""));
  gboolean ok;

  g_return_val_if_fail (LOTLINE_IS_STORE (store), FALSE);

  if (*trimmed != '\0')
    {
      g_autoptr(LotlineLotFormat) format = lotline_lot_format_new_checked (trimmed, error);

      if (format == NULL)
        return FALSE;
    }
  if (!lotline_store_get_lot_format (store, product_id, &old, error))
    return FALSE;
  if (g_strcmp0 (old != NULL ? old : "", trimmed) == 0)
    return TRUE;

  old_json = audit_json (keys, (const char * const[]) { old }, 1);
  new_json = audit_json (keys, (const char * const[]) { trimmed }, 1);
  if (!lotline_store_begin (store, error))
    return FALSE;
  if (product_id > 0)
    ok = write_product_format (store, product_id, trimmed, error) &&
         lotline_audit_append (store, "update", "product", product_id, old_json, new_json, NULL, error);
  else
    ok = put_meta (store, META_FORMAT, trimmed, error) &&
         lotline_audit_append (store, "update", "settings", 0, old_json, new_json, NULL, error);
  if (!ok)
    {
      lotline_store_rollback (store);
      return FALSE;
    }
  return lotline_store_commit (store, error);
}

/**
 * lotline_store_get_effective_lot_format:
 * @store: a store
 * @product_id: a product
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the product's own format, else the
 *   site's; %NULL without @error set when neither is set
 */
LotlineLotFormat *
lotline_store_get_effective_lot_format (LotlineStore *store, gint64 product_id, GError **error)
{
  g_autofree char *template_text = NULL;

  if (!lotline_store_get_lot_format (store, product_id, &template_text, error))
    return NULL;
  if (template_text == NULL && !lotline_store_get_lot_format (store, 0, &template_text, error))
    return NULL;
  if (template_text == NULL)
    return NULL;
  return lotline_lot_format_new (template_text, error);
}

/* ---- defaults --------------------------------------------------------- */

static char **
default_field (LotlineLotCodeDefaults *defaults, guint i)
{
  char **fields[] = { &defaults->facility, &defaults->line, &defaults->shift };

  return fields[i];
}

/**
 * lotline_store_get_lot_code_defaults:
 * @store: a store
 * @out: (out caller-allocates): the values; clear with
 *   lotline_lot_code_defaults_clear()
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the values were read
 */
gboolean
lotline_store_get_lot_code_defaults (LotlineStore *store, LotlineLotCodeDefaults *out, GError **error)
{
  g_return_val_if_fail (LOTLINE_IS_STORE (store), FALSE);

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < G_N_ELEMENTS (default_keys); i++)
    if (!get_meta (store, default_keys[i], default_field (out, i), error))
      {
        lotline_lot_code_defaults_clear (out);
        return FALSE;
      }
  return TRUE;
}

/**
 * lotline_store_set_lot_code_defaults:
 * @store: a store
 * @defaults: the facility, line and shift; blank values are removed
 * @error: return location for a #GError
 *
 * Each value must be letters and digits, as a code carries it.
 *
 * Returns: %TRUE when the values were saved
 */
gboolean
lotline_store_set_lot_code_defaults (LotlineStore *store, const LotlineLotCodeDefaults *defaults, GError **error)
{
  static const char * const keys[] = { "facility", "line", "shift" };
  g_auto(LotlineLotCodeDefaults) old = { 0 };
  const char *values[] = { defaults->facility, defaults->line, defaults->shift };
  const char *old_values[3];
  g_autofree char *old_json = NULL, *new_json = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (LOTLINE_IS_STORE (store), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    for (const char *p = values[i]; p != NULL && *p != '\0'; p++)
      if (!g_ascii_isalnum (*p))
        {
          g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE,
                       _("The %s “%s” may only have letters and digits, as a lot code carries it."),
                       keys[i], values[i]);
          return FALSE;
        }
  if (!lotline_store_get_lot_code_defaults (store, &old, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      old_values[i] = *default_field (&old, i);
      changed |= g_strcmp0 (lotline_is_blank (values[i]) ? NULL : values[i], old_values[i]) != 0;
    }
  if (!changed)
    return TRUE;

  old_json = audit_json (keys, old_values, G_N_ELEMENTS (keys));
  new_json = audit_json (keys, values, G_N_ELEMENTS (keys));
  if (!lotline_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (!put_meta (store, default_keys[i], values[i], error))
      goto fail;
  if (!lotline_audit_append (store, "update", "settings", 0, old_json, new_json, NULL, error))
    goto fail;
  return lotline_store_commit (store, error);

fail:
  lotline_store_rollback (store);
  return FALSE;
}

/* ---- codes ------------------------------------------------------------ */

/**
 * lotline_lot_format_product_code:
 * @sku: a product's SKU
 *
 * Returns: (transfer full): the letters and digits of @sku, upper case
 */
char *
lotline_lot_format_product_code (const char *sku)
{
  GString *code = g_string_new (NULL);

  for (const char *p = sku; p != NULL && *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (code, g_ascii_toupper (*p));
  return g_string_free (code, FALSE);
}

static gboolean
has_segment (const LotlineLotFormat *format, LotlineLotSegmentKind kind)
{
  guint n = 0;
  const LotlineLotSegment *segments = lotline_lot_format_get_segments (format, &n);

  for (guint i = 0; i < n; i++)
    if (segments[i].kind == kind)
      return TRUE;
  return FALSE;
}

/**
 * lotline_lot_format_check_defaults:
 * @format: a format
 * @defaults: the site's facility, line and shift
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @defaults hold every value @format needs; else
 *   %FALSE, naming the missing value and where to set it
 */
gboolean
lotline_lot_format_check_defaults (const LotlineLotFormat *format, const LotlineLotCodeDefaults *defaults,
                                   GError **error)
{
  static const LotlineLotSegmentKind kinds[] = {
    LOTLINE_LOT_SEGMENT_FACILITY, LOTLINE_LOT_SEGMENT_LINE, LOTLINE_LOT_SEGMENT_SHIFT,
  };
  const char *values[] = { defaults->facility, defaults->line, defaults->shift };
  const char *names[] = { N_("facility code"), N_("production line"), N_("shift") };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (has_segment (format, kinds[i]) && lotline_is_blank (values[i]))
      {
        g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE,
                     _("The lot-code format “%s” needs a %s. Set it in Preferences, under Lot Codes."),
                     lotline_lot_format_get_template (format), _(names[i]));
        return FALSE;
      }
  return TRUE;
}

static GPtrArray *
list_lot_codes (LotlineStore *store, gint64 product_id, const char * const *also_used, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (store, "SELECT code FROM lot WHERE product_id = ?", error);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (codes, lotline_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (store, error, _("reading lot codes"));
      return NULL;
    }
  for (guint i = 0; also_used != NULL && also_used[i] != NULL; i++)
    g_ptr_array_add (codes, g_strdup (also_used[i]));
  g_ptr_array_add (codes, NULL);
  return g_steal_pointer (&codes);
}

/**
 * lotline_store_next_lot_code:
 * @store: a store
 * @product_id: the product of the new lot
 * @date: the date of the new lot, "YYYY-MM-DD"
 * @also_used: (nullable) (array zero-terminated=1): codes taken already
 *   that no lot has yet
 * @error: return location for a #GError
 *
 * Makes the code after the product's existing lots of the same date,
 * facility, line and shift, with the product's effective format.
 *
 * Returns: (transfer full) (nullable): the code; %NULL without @error set
 *   when the product has no format
 */
char *
lotline_store_next_lot_code (LotlineStore *store, gint64 product_id, const char *date,
                             const char * const *also_used, GError **error)
{
  g_autoptr(LotlineLotFormat) format = NULL;
  g_auto(LotlineLotCodeDefaults) defaults = { 0 };
  g_autofree char *sku = NULL, *product_code = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) local_error = NULL;
  LotlineLotParts parts = { 0 };

  g_return_val_if_fail (LOTLINE_IS_STORE (store), NULL);

  format = lotline_store_get_effective_lot_format (store, product_id, &local_error);
  if (format == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!lotline_date_is_valid (date))
    {
      g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE,
                   _("“%s” is not a date. Give the date of the lot as YYYY-MM-DD."), date ? date : "");
      return NULL;
    }
  if (!lotline_store_get_lot_code_defaults (store, &defaults, error) ||
      !lotline_lot_format_check_defaults (format, &defaults, error) ||
      !read_product_text (store, "SELECT sku FROM product WHERE id = ?", product_id, &sku, error))
    return NULL;
  codes = list_lot_codes (store, product_id, also_used, error);
  if (codes == NULL)
    return NULL;

  product_code = lotline_lot_format_product_code (sku);
  parts.date = (char *) date;
  parts.facility = defaults.facility;
  parts.line = defaults.line;
  parts.shift = defaults.shift;
  parts.product = product_code;
  return lotline_lot_format_next_code (format, &parts, (const char * const *) codes->pdata, error);
}

/**
 * lotline_store_parse_lot_code:
 * @store: a store
 * @product_id: the product of the lot
 * @code: the lot code
 * @out_parts: (out caller-allocates): the values; clear with
 *   lotline_lot_parts_clear()
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @code follows the product's effective format
 */
gboolean
lotline_store_parse_lot_code (LotlineStore *store, gint64 product_id, const char *code,
                              LotlineLotParts *out_parts, GError **error)
{
  g_autoptr(LotlineLotFormat) format = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LOTLINE_IS_STORE (store), FALSE);

  format = lotline_store_get_effective_lot_format (store, product_id, &local_error);
  if (format == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_TEMPLATE,
                     _("The product has no lot-code format. Set one in Preferences, under Lot Codes."));
      return FALSE;
    }
  return lotline_lot_format_parse (format, code, out_parts, error);
}

/**
 * lotline_lot_format_check_code:
 * @format: the product's effective format
 * @code: a lot code as entered
 * @sku: the product's SKU
 * @error: return location for a #GError
 *
 * Checks a code entered for a new lot: it follows @format, and its
 * {PRODUCT} segment, if any, is this product's.  Runs no SQL.
 *
 * Returns: %TRUE when the code may be used
 */
gboolean
lotline_lot_format_check_code (const LotlineLotFormat *format, const char *code, const char *sku, GError **error)
{
  g_auto(LotlineLotParts) parts = { 0 };
  g_autofree char *product_code = NULL;

  if (!lotline_lot_format_parse (format, code, &parts, error))
    return FALSE;
  product_code = lotline_lot_format_product_code (sku);
  if (parts.product != NULL && g_ascii_strcasecmp (parts.product, product_code) != 0)
    {
      g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_NO_MATCH,
                   _("The lot code “%s” names the product “%s”, but this lot is of %s (“%s”). Correct the code or choose the other product."),
                   code, parts.product, sku, product_code);
      return FALSE;
    }
  return TRUE;
}

void
lotline_product_lot_format_free (LotlineProductLotFormat *item)
{
  if (item == NULL)
    return;
  g_free (item->sku);
  g_free (item->name);
  g_free (item->template_text);
  g_free (item);
}

/**
 * lotline_store_list_product_lot_formats:
 * @store: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type LotlineProductLotFormat): every
 *   product, sorted by name, with its own format (%NULL when it follows the
 *   site's)
 */
GPtrArray *
lotline_store_list_product_lot_formats (LotlineStore *store, GError **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (store, "SELECT id, sku, name, lot_format FROM product ORDER BY name, sku",
                                              error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) lotline_product_lot_format_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LotlineProductLotFormat *item = g_new0 (LotlineProductLotFormat, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->sku = lotline_column_dup (stmt, 1);
      item->name = lotline_column_dup (stmt, 2);
      item->template_text = lotline_column_dup (stmt, 3);
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (store, error, _("reading products"));
      return NULL;
    }
  return g_steal_pointer (&items);
}
