/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The data of a lot label: its GS1 element string, checked by the core's
 * parser, and its GS1 Digital Link URI. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotline-render-label-private.h"

/* ---- element string and Digital Link --------------------------------- */

/* "2026-12-31" → "261231"; FALSE when it is not an ISO date. */
static gboolean
iso_to_yymmdd (const char *iso,
               char        out[7])
{
  if (strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;
  out[0] = iso[2];
  out[1] = iso[3];
  out[2] = iso[5];
  out[3] = iso[6];
  out[4] = iso[8];
  out[5] = iso[9];
  out[6] = '\0';
  return strspn (out, "0123456789") == 6;
}

static gboolean
check_gtin (const LotlineLabelData *data,
            char                    gtin14[15],
            GError                **error)
{
  gsize n;

  if (data->gtin == NULL || data->gtin[0] == '\0')
    {
      g_set_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_NO_GTIN,
                   _("The product %s (%s) has no GTIN, so its lots cannot carry GS1 barcodes. "
                     "Enter the product’s GTIN, then print the label again."),
                   data->product_name, data->sku);
      return FALSE;
    }
  n = strlen (data->gtin);
  if ((n != 8 && n != 12 && n != 13 && n != 14) || strspn (data->gtin, "0123456789") != n ||
      !lotline_gs1_gtin_valid (data->gtin))
    {
      g_set_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_INVALID,
                   _("The GTIN “%s” of %s (%s) is not valid: a GTIN has 8, 12, 13 or 14 digits ending in a check digit. "
                     "Correct the product’s GTIN."),
                   data->gtin, data->product_name, data->sku);
      return FALSE;
    }
  g_snprintf (gtin14, 15, "%.*s%s", (int) (14 - n), "000000", data->gtin);
  return TRUE;
}

static gboolean
append_date (GString    *s,
             const char *ai,
             const char *iso,
             const char *what,
             GError    **error)
{
  char yymmdd[7];

  if (iso == NULL || iso[0] == '\0')
    return TRUE;
  if (!iso_to_yymmdd (iso, yymmdd))
    {
      g_set_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_INVALID,
                   /* Translators: %s is "expiry date" or "production date" */
                   _("The lot’s %s “%s” is not a date of the form YYYY-MM-DD. Correct it on the lot, then print again."),
                   what, iso);
      return FALSE;
    }
  g_string_append_printf (s, "(%s)%s", ai, yymmdd);
  return TRUE;
}

/* The element string in GS1 order: the fixed-length AIs (01), (11), (17)
 * first and the variable-length lot (10) last, so no FNC1 separator is
 * needed after any field.  "(" in the lot is escaped as "\(". */
static char *
build_bracketed (const LotlineLabelData *data,
                 gboolean                with_production,
                 GError                **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  char gtin14[15];

  if (!check_gtin (data, gtin14, error))
    return NULL;
  g_string_append_printf (s, "(01)%s", gtin14);
  if ((with_production && !append_date (s, "11", data->produced_on, _("production date"), error)) ||
      !append_date (s, "17", data->expires_on, _("expiry date"), error))
    return NULL;
  if (data->lot_code == NULL || data->lot_code[0] == '\0' || g_utf8_strlen (data->lot_code, -1) > 20)
    {
      g_set_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_INVALID,
                   _("The lot code “%s” cannot go into a GS1 barcode: GS1 lot numbers have 1 to 20 characters. "
                     "Print the label for a lot with a shorter code."),
                   data->lot_code ? data->lot_code : "");
      return NULL;
    }
  g_string_append (s, "(10)");
  for (const char *p = data->lot_code; *p; p++)
    {
      if (*p == '(')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

LotlineGs1Result *
lotline_label_parse (const LotlineLabelData *data,
                     gboolean                with_production,
                     GError                **error)
{
  g_autofree char *bracketed = build_bracketed (data, with_production, error);
  g_autoptr(GError) local_error = NULL;
  LotlineGs1Result *result;

  if (bracketed == NULL)
    return NULL;
  result = lotline_gs1_parse (bracketed, -1, LOTLINE_GS1_SYNTAX_BRACKETED, 0, LOTLINE_GS1_FLAG_NONE, &local_error);
  if (result == NULL)
    g_set_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_INVALID,
                 _("The lot “%s” cannot be labelled with GS1 barcodes (%s). "
                   "GS1 lot codes may hold letters, digits and !\"%%&'()*+,-./:;<=>?_ but no spaces or accents; "
                   "correct the lot code, dates or GTIN first."),
                 data->lot_code, local_error->message);
  return result;
}

/**
 * lotline_label_element_string:
 * @data: the label
 * @error: a #LOTLINE_LABEL_ERROR when the product has no GTIN or a value
 *   is not valid GS1 data
 *
 * Returns: (transfer full): the bracketed element string, such as
 *   "(01)09506000134352(17)261231(10)ABC123", checked by the GS1 parser
 */
char *
lotline_label_element_string (const LotlineLabelData *data,
                              GError                **error)
{
  g_autoptr(LotlineGs1Result) result = lotline_label_parse (data, TRUE, error);

  return result ? lotline_gs1_to_bracketed (result) : NULL;
}

/**
 * lotline_gs1_digital_link_escape:
 * @value: an AI value
 * @query: %TRUE for a query parameter (space as "+"), %FALSE for a path
 *   segment (space as "%20")
 *
 * Percent-encodes every character but the unreserved A–Z a–z 0–9 - . _ ~,
 * as the GS1 Digital Link standard asks.
 *
 * Returns: (transfer full): the escaped value
 */
char *
lotline_gs1_digital_link_escape (const char *value,
                                 gboolean    query)
{
  GString *s = g_string_new (NULL);

  for (const guchar *p = (const guchar *) value; *p; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._~", *p) != NULL)
        g_string_append_c (s, *p);
      else if (*p == ' ' && query)
        g_string_append_c (s, '+');
      else
        g_string_append_printf (s, "%%%02X", *p);
    }
  return g_string_free (s, FALSE);
}

static const LotlineGs1Element *
find_element (GPtrArray  *elements,
              const char *ai)
{
  for (guint i = 0; i < elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (elements, i);

      if (strcmp (e->ai, ai) == 0)
        return e;
    }
  return NULL;
}

static void
append_path (GString    *uri,
             const char *ai,
             const char *value)
{
  g_autofree char *escaped = lotline_gs1_digital_link_escape (value, FALSE);

  g_string_append_printf (uri, "/%s/%s", ai, escaped);
}

/* Qualifiers of the GTIN that go into the path, in the order the standard
 * gives them. */
static const char * const gtin_qualifiers[] = { "22", "10", "21" };

static gboolean
is_path_ai (const char *ai)
{
  if (strcmp (ai, "01") == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (gtin_qualifiers); i++)
    if (strcmp (ai, gtin_qualifiers[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * lotline_gs1_digital_link_uri:
 * @elements: (element-type LotlineGs1Element): AIs with their values
 * @resolver: (nullable): the URI stem, such as "https://example.com";
 *   %NULL for #LOTLINE_LABEL_DEFAULT_RESOLVER
 *
 * Builds a GS1 Digital Link URI keyed by the GTIN (01): its qualifiers
 * (22), (10) and (21) form the path, every other AI becomes a query
 * parameter in the order given, and a repeated AI is written once.
 *
 * Returns: (transfer full) (nullable): the URI, or %NULL without a GTIN
 */
char *
lotline_gs1_digital_link_uri (GPtrArray  *elements,
                              const char *resolver)
{
  const LotlineGs1Element *gtin = find_element (elements, "01");
  g_autoptr(GHashTable) written = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) uri = NULL;
  const char *stem = resolver ? resolver : LOTLINE_LABEL_DEFAULT_RESOLVER;
  gsize stem_len = strlen (stem);
  char separator = '?';

  if (gtin == NULL)
    return NULL;
  while (stem_len > 0 && stem[stem_len - 1] == '/')
    stem_len--;
  uri = g_string_new_len (stem, stem_len);
  append_path (uri, "01", gtin->value);
  for (guint i = 0; i < G_N_ELEMENTS (gtin_qualifiers); i++)
    {
      const LotlineGs1Element *q = find_element (elements, gtin_qualifiers[i]);

      if (q != NULL)
        append_path (uri, q->ai, q->value);
    }
  for (guint i = 0; i < elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (elements, i);
      g_autofree char *escaped = NULL;

      if (is_path_ai (e->ai) || g_hash_table_contains (written, e->ai))
        continue;
      g_hash_table_add (written, e->ai);
      escaped = lotline_gs1_digital_link_escape (e->value, TRUE);
      g_string_append_printf (uri, "%c%s=%s", separator, e->ai, escaped);
      separator = '&';
    }
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

/**
 * lotline_label_digital_link:
 * @data: the label
 * @resolver: (nullable): the firm's resolver, or %NULL for id.gs1.org
 * @error: a #LOTLINE_LABEL_ERROR
 *
 * Returns: (transfer full): the label's GS1 Digital Link URI, such as
 *   "https://id.gs1.org/01/09506000134352/10/ABC123?17=261231"
 */
char *
lotline_label_digital_link (const LotlineLabelData *data,
                            const char             *resolver,
                            GError                **error)
{
  g_autoptr(LotlineGs1Result) result = lotline_label_parse (data, TRUE, error);

  return result ? lotline_gs1_digital_link_uri (result->elements, resolver) : NULL;
}
