/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotline-gs1.h"
#include "lotline-query.h"
#include "lotline-lot-format-store.h"
#include "lotline-scan.h"

/* Reading what a scanner typed is quick and runs where it is typed; the
 * look-up reads the database on a worker. */

void
lotline_scan_free (LotlineScan *scan)
{
  if (scan == NULL)
    return;
  g_free (scan->gtin);
  g_free (scan->lot_code);
  g_free (scan->expires_on);
  g_free (scan->produced_on);
  g_free (scan->best_before);
  g_free (scan->quantity);
  g_free (scan->quantity_ai);
  g_free (scan->bracketed);
  g_free (scan);
}

/**
 * lotline_scan_copy:
 * @scan: a scan
 *
 * Returns: (transfer full): a deep copy
 */
LotlineScan *
lotline_scan_copy (const LotlineScan *scan)
{
  LotlineScan *copy = g_new0 (LotlineScan, 1);

  copy->gtin = g_strdup (scan->gtin);
  copy->lot_code = g_strdup (scan->lot_code);
  copy->expires_on = g_strdup (scan->expires_on);
  copy->produced_on = g_strdup (scan->produced_on);
  copy->best_before = g_strdup (scan->best_before);
  copy->quantity = g_strdup (scan->quantity);
  copy->quantity_ai = g_strdup (scan->quantity_ai);
  copy->bracketed = g_strdup (scan->bracketed);
  return copy;
}

/**
 * lotline_scan_new_for_code:
 * @lot_code: a lot code typed by hand
 *
 * Returns: (transfer full): a scan that names the lot by its code alone
 */
LotlineScan *
lotline_scan_new_for_code (const char *lot_code)
{
  LotlineScan *scan = g_new0 (LotlineScan, 1);

  g_return_val_if_fail (lot_code != NULL, NULL);

  scan->lot_code = g_strstrip (g_strdup (lot_code));
  scan->bracketed = g_strdup (scan->lot_code);
  return scan;
}

/* ---- reading ------------------------------------------------------------- */

static gboolean
has_prefix_nocase (const char *s,
                   const char *prefix)
{
  return g_ascii_strncasecmp (s, prefix, strlen (prefix)) == 0;
}

static gboolean
is_uri (const char *s)
{
  return has_prefix_nocase (s, "https://") || has_prefix_nocase (s, "http://");
}

/* "(01)…" or "[01]…": an AI of 2 to 4 digits in brackets. */
static gboolean
starts_with_bracketed_ai (const char *s)
{
  char close;
  gsize digits;

  if (s[0] != '(' && s[0] != '[')
    return FALSE;
  close = s[0] == '(' ? ')' : ']';
  digits = strspn (s + 1, "0123456789");
  return digits >= 2 && digits <= 4 && s[1 + digits] == close;
}

/* Whether @s is meant as GS1 data rather than words to search for: a
 * symbology identifier, an AI in brackets, a Digital Link, a GS, or the
 * GTIN a scanner without symbology identifiers sends first. */
static gboolean
looks_like_gs1 (const char *s)
{
  gsize n = strlen (s);

  if (s[0] == ']' && n >= 3)
    return TRUE;
  if (starts_with_bracketed_ai (s) || is_uri (s) || s[0] == '^' || strchr (s, 0x1d) != NULL)
    return TRUE;
  return n >= 16 && s[0] == '0' && (s[1] == '1' || s[1] == '2') && strspn (s + 2, "0123456789") >= 14;
}

/* Scanner data with @gs read as the GS separator.  Bracketed text and web
 * addresses are left alone: their characters are data. */
static char *
map_separator (const char *text,
               const char *gs)
{
  GString *mapped = g_string_new (text);

  if (gs != NULL && *gs != '\0' && g_strcmp0 (gs, LOTLINE_SCAN_GS) != 0 &&
      !starts_with_bracketed_ai (text) && strstr (text, "://") == NULL)
    g_string_replace (mapped, gs, LOTLINE_SCAN_GS, 0);
  return g_string_free (mapped, FALSE);
}

static char *
strip_leading_zeros (const char *digits)
{
  gsize zeros = strspn (digits, "0");

  return g_strdup (digits[zeros] != '\0' ? digits + zeros : "0");
}

/* The count of (37) or (30), else a net weight in kg of (3100)–(3106). */
static void
take_quantity (LotlineScan            *scan,
               const LotlineGs1Result *result)
{
  static const char *const counts[] = { "37", "30" };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      const char *value = lotline_gs1_result_get (result, counts[i]);

      if (value != NULL)
        {
          scan->quantity = strip_leading_zeros (value);
          scan->quantity_ai = g_strdup (counts[i]);
          return;
        }
    }
  for (guint i = 0; i < result->elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (result->elements, i);

      if (g_str_has_prefix (e->ai, "310") && e->stored != NULL)
        {
          scan->quantity = g_strdup (e->stored);
          scan->quantity_ai = g_strdup (e->ai);
          return;
        }
    }
}

static char *
dup_stored (const LotlineGs1Result *result,
            const char             *ai)
{
  for (guint i = 0; i < result->elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (result->elements, i);

      if (g_str_equal (e->ai, ai))
        return g_strdup (e->stored != NULL ? e->stored : e->value);
    }
  return NULL;
}

static LotlineScan *
scan_from_result (const LotlineGs1Result *result)
{
  LotlineScan *scan = g_new0 (LotlineScan, 1);

  scan->gtin = dup_stored (result, "01");
  if (scan->gtin == NULL)
    scan->gtin = dup_stored (result, "02");
  scan->lot_code = dup_stored (result, "10");
  scan->expires_on = dup_stored (result, "17");
  scan->produced_on = dup_stored (result, "11");
  scan->best_before = dup_stored (result, "15");
  take_quantity (scan, result);
  scan->bracketed = lotline_gs1_to_bracketed (result);
  return scan;
}

/* A barcode of a plain lot code (Code 128 or Code 39 without FNC1). */
static LotlineScan *
scan_from_plain (const char *mapped)
{
  g_autofree char *code = g_strdup (mapped + 3);

  return lotline_scan_new_for_code (code);
}

/* GS1's pairing rules hold for a code with a GTIN; a lot code alone (an
 * in-house label) is looked up by its code. */
static gboolean
check_pairing (const LotlineGs1Result *result,
               const LotlineScan      *scan,
               GError                **error)
{
  if (scan->gtin == NULL && scan->lot_code != NULL)
    return TRUE;
  if (scan->gtin == NULL)
    {
      g_set_error_literal (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_ASSOCIATION,
                           _("The code holds neither a GTIN (01) nor a lot number (10), so it names no lot. Scan the barcode that carries the lot number."));
      return FALSE;
    }
  return lotline_gs1_check_associations (result->elements, error);
}

/**
 * lotline_scan_parse:
 * @text: what was typed or scanned
 * @gs: (nullable): what the scanner sends for the GS separator
 * @error: a LOTLINE_GS1_ERROR when @text is GS1 data that breaks a rule
 *
 * Returns: (transfer full) (nullable): the scan, or %NULL: with @error
 *   set for bad GS1 data, without it for words to search for
 */
LotlineScan *
lotline_scan_parse (const char  *text,
                    const char  *gs,
                    GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *mapped = NULL;
  g_autoptr(LotlineGs1Result) result = NULL;
  g_autoptr(LotlineScan) scan = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  /* A wedge scanner ends with Enter; some send a line feed or spaces too. */
  trimmed = g_strdup (text);
  g_strchomp (trimmed);
  mapped = map_separator (trimmed, gs);
  if (!looks_like_gs1 (mapped))
    return NULL;

  result = lotline_gs1_parse (mapped, -1, LOTLINE_GS1_SYNTAX_AUTO, '\0',
                              LOTLINE_GS1_FLAG_NO_ASSOCIATIONS | LOTLINE_GS1_FLAG_DL_CONVENIENCE_ALPHAS |
                              LOTLINE_GS1_FLAG_DL_ZERO_SUPPRESSED,
                              error);
  if (result == NULL)
    return NULL;
  if (!result->gs1)
    return scan_from_plain (mapped);

  scan = scan_from_result (result);
  if (!check_pairing (result, scan, error))
    return NULL;
  return g_steal_pointer (&scan);
}

/**
 * lotline_scan_describe_error:
 * @error: the error of lotline_scan_parse()
 *
 * Returns: (transfer full): a message for the person who scanned: what is
 *   wrong, where, and what to do
 */
char *
lotline_scan_describe_error (const GError *error)
{
  g_autofree char *reason = g_strdup (error->message);

  /* The reader's messages may or may not end with a full stop. */
  if (g_str_has_suffix (reason, "."))
    reason[strlen (reason) - 1] = '\0';
  /* Translators: %s is the reader's message, which says what is wrong where */
  return g_strdup_printf (_("This is not a valid GS1 code: %s. Scan it again, or type the lot code."), reason);
}

static gboolean
is_mass_or_volume (const char *unit)
{
  static const char *const units[] = { "kg", "g", "t", "lb", "oz", "l", "ml" };

  for (guint i = 0; unit != NULL && i < G_N_ELEMENTS (units); i++)
    if (g_ascii_strcasecmp (unit, units[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * lotline_scan_get_quantity_for:
 * @scan: a scan
 * @unit: (nullable): the unit the lot is counted in
 *
 * Returns: (nullable): the quantity to enter, or %NULL
 */
const char *
lotline_scan_get_quantity_for (const LotlineScan *scan,
                               const char        *unit)
{
  g_return_val_if_fail (scan != NULL, NULL);

  if (scan->quantity == NULL)
    return NULL;
  if (g_str_has_prefix (scan->quantity_ai, "310"))
    return g_ascii_strcasecmp (unit != NULL ? unit : "", "kg") == 0 ? scan->quantity : NULL;
  return is_mass_or_volume (unit) ? NULL : scan->quantity;
}

/* ---- looking the lot up ------------------------------------------------------ */

void
lotline_scan_match_free (LotlineScanMatch *match)
{
  if (match == NULL)
    return;
  lotline_scan_free (match->scan);
  g_free (match->lot_code);
  g_free (match->unit);
  g_free (match->product_sku);
  g_free (match->product_name);
  g_free (match->message);
  g_free (match);
}

static gboolean
fill_product (LotlineStore      *store,
              LotlineScanMatch  *match,
              GError           **error)
{
  g_autoptr(GPtrArray) products = lotline_store_list_products (store, -1, error);

  if (products == NULL)
    return FALSE;
  for (guint i = 0; i < products->len; i++)
    {
      const LotlineRecordRef *ref = g_ptr_array_index (products, i);

      if (ref->id == match->product_id)
        {
          match->product_sku = g_strdup (ref->code);
          match->product_name = g_strdup (ref->name);
          match->unit = g_strdup (ref->unit);
        }
    }
  return TRUE;
}

static gboolean
fill_lot (LotlineStore      *store,
          LotlineScanMatch  *match,
          gint64             lot_id,
          GError           **error)
{
  g_autoptr(LotlineLot) lot = lotline_store_get_lot (store, lot_id, error);

  if (lot == NULL)
    return FALSE;
  match->outcome = LOTLINE_SCAN_FOUND;
  match->lot_id = lot_id;
  match->lot_code = g_strdup (lot->code);
  match->unit = g_strdup (lot->unit);
  match->product_id = lot->product_id;
  match->product_sku = g_strdup (lot->product_sku);
  match->product_name = g_strdup (lot->product_name);
  return TRUE;
}

/* A scan with a GTIN: the product, then its lot. */
static gboolean
find_by_gtin (LotlineStore      *store,
              const LotlineScan *scan,
              LotlineScanMatch  *match,
              GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 lot_id = 0;

  if (lotline_store_find_lot_by_gtin (store, scan->gtin, scan->lot_code != NULL ? scan->lot_code : "",
                                      scan->expires_on, &lot_id, &match->product_id, &local_error))
    return fill_lot (store, match, lot_id, error);

  if (g_error_matches (local_error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_UNKNOWN_PRODUCT))
    {
      match->outcome = LOTLINE_SCAN_UNKNOWN_PRODUCT;
      /* Translators: %s is the store's message, "No product has the GTIN 09520123456788." */
      match->message = g_strdup_printf (_("%s Add the GTIN to the product (in products.csv, then import it), or check that the right barcode was scanned."),
                                        local_error->message);
      return TRUE;
    }
  if (!g_error_matches (local_error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_UNKNOWN_LOT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!fill_product (store, match, error))
    return FALSE;
  if (scan->lot_code == NULL)
    {
      match->outcome = LOTLINE_SCAN_NO_LOT_CODE;
      /* Translators: %s is a product name */
      match->message = g_strdup_printf (_("The code names the product “%s” but no lot. Its lots are listed; scan the barcode that carries the lot number to go to the lot."),
                                        match->product_name);
      return TRUE;
    }
  match->outcome = LOTLINE_SCAN_UNKNOWN_LOT;
  {
    g_autoptr(LotlineLotFormat) format = lotline_store_get_effective_lot_format (store, match->product_id, error);

    if (format == NULL && error != NULL && *error != NULL)
      return FALSE;
    match->has_lot_format = format != NULL;
  }
  /* Translators: the first %s is a product name, the second a lot code */
  match->message = g_strdup_printf (_("“%s” has no lot “%s” yet. Receive it to record it."),
                                    match->product_name, scan->lot_code);
  return TRUE;
}

/* A scan without a GTIN: every lot with the code. */
static gboolean
find_by_code (LotlineStore      *store,
              const LotlineScan *scan,
              LotlineScanMatch  *match,
              GError           **error)
{
  g_autoptr(GArray) ids = lotline_store_find_lots (store, scan->lot_code, NULL, error);

  if (ids == NULL)
    return FALSE;
  match->n_lots = ids->len;
  if (ids->len == 1)
    return fill_lot (store, match, g_array_index (ids, gint64, 0), error);

  match->lot_code = g_strdup (scan->lot_code);
  if (ids->len == 0)
    {
      match->outcome = LOTLINE_SCAN_NOT_FOUND;
      /* Translators: %s is a lot code */
      match->message = g_strdup_printf (_("No lot has the code “%s”. Check the code, or scan a barcode that carries the product’s GTIN as well."),
                                        scan->lot_code);
    }
  else
    {
      match->outcome = LOTLINE_SCAN_SEVERAL;
      /* Translators: %s is a lot code, %u how many lots share it */
      match->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u lot has the code “%s”. Choose it from the list.",
                                                     "%u lots of different products have the code “%s”. Choose one from the list.",
                                                     ids->len),
                                        ids->len, scan->lot_code);
    }
  return TRUE;
}

static gpointer
lookup_job (LotlineStore  *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  const LotlineScan *scan = data;
  g_autoptr(LotlineScanMatch) match = g_new0 (LotlineScanMatch, 1);
  gboolean ok;

  match->scan = lotline_scan_copy (scan);
  if (scan->gtin != NULL)
    ok = find_by_gtin (store, scan, match, error);
  else
    ok = find_by_code (store, scan, match, error);
  return ok ? g_steal_pointer (&match) : NULL;
}

/**
 * lotline_scan_lookup_async:
 * @session: an open session
 * @scan: what was scanned, copied at once
 * @cancellable: (nullable): cancels the look-up
 * @callback: called on the caller's main context
 * @user_data: data for @callback
 *
 * Finds the lot @scan names on a worker.
 */
void
lotline_scan_lookup_async (LotlineSession      *session,
                           const LotlineScan   *scan,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (LOTLINE_IS_SESSION (session));
  g_return_if_fail (scan != NULL && (scan->gtin != NULL || scan->lot_code != NULL));

  lotline_session_run_async (session, lookup_job, lotline_scan_copy (scan), (GDestroyNotify) lotline_scan_free,
                             (GDestroyNotify) lotline_scan_match_free, cancellable, callback, user_data);
}

/**
 * lotline_scan_lookup_finish:
 * @session: the session
 * @result: the result given to the callback
 * @error: a database error
 *
 * Returns: (transfer full) (nullable): what was found, or %NULL on a
 *   database error
 */
LotlineScanMatch *
lotline_scan_lookup_finish (LotlineSession  *session,
                            GAsyncResult    *result,
                            GError         **error)
{
  return lotline_session_run_finish (session, result, error);
}
