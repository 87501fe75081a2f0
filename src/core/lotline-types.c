/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotline-ledger.h"
#include "lotline-types.h"

static const char * const product_kinds[] = { "raw", "packaging", "intermediate", "finished" };
static const char * const trackings[] = { "lot", "serial", "none" };
static const char * const party_kinds[] = { "supplier", "customer", "site" };
static const char * const location_kinds[] = { "warehouse", "zone", "bin", "production", "quarantine", "scrap" };
static const char * const lot_statuses[] = { "released", "quarantined", "recalled", "expired", "destroyed" };
static const char * const event_kinds[] = { "receive", "produce", "transfer", "ship", "return",
                                            "adjust", "destroy", "quarantine", "release" };
static const char * const line_roles[] = { "input", "output", "subject" };

static gboolean
lookup (const char * const *names, guint n, const char *s, int *out)
{
  if (s == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (names[i], s) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

#define ENUM_STRINGS(name, Type, table)                                  \
  const char *                                                           \
  lotline_##name##_to_string (Type value)                                \
  {                                                                      \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);   \
    return table[value];                                                 \
  }                                                                      \
  gboolean                                                               \
  lotline_##name##_from_string (const char *s, Type *out)                \
  {                                                                      \
    int v;                                                               \
    if (!lookup (table, G_N_ELEMENTS (table), s, &v))                    \
      return FALSE;                                                      \
    *out = (Type) v;                                                     \
    return TRUE;                                                         \
  }

ENUM_STRINGS (product_kind, LotlineProductKind, product_kinds)
ENUM_STRINGS (tracking, LotlineTracking, trackings)
ENUM_STRINGS (party_kind, LotlinePartyKind, party_kinds)
ENUM_STRINGS (location_kind, LotlineLocationKind, location_kinds)
ENUM_STRINGS (lot_status, LotlineLotStatus, lot_statuses)
ENUM_STRINGS (event_kind, LotlineEventKind, event_kinds)
ENUM_STRINGS (line_role, LotlineLineRole, line_roles)

/**
 * lotline_lot_status_to_display:
 * @status: a lot status
 *
 * Returns: the translated name of @status for labels, badges and legends
 */
const char *
lotline_lot_status_to_display (LotlineLotStatus status)
{
  switch (status)
    {
    case LOTLINE_LOT_RELEASED: return _("Released");
    case LOTLINE_LOT_QUARANTINED: return _("Quarantined");
    case LOTLINE_LOT_RECALLED: return _("Recalled");
    case LOTLINE_LOT_EXPIRED: return _("Expired");
    case LOTLINE_LOT_DESTROYED: return _("Destroyed");
    default: return "";
    }
}

/**
 * lotline_quantity_format:
 * @milli: a quantity in thousandths
 *
 * Formats without binary floating point and without trailing zeros:
 * 12500 → "12.5", 3000 → "3", -250 → "-0.25".
 *
 * Returns: (transfer full): the text
 */
char *
lotline_quantity_format (gint64 milli)
{
  guint64 abs_value = milli < 0 ? (guint64) (-(milli + 1)) + 1 : (guint64) milli;
  guint64 whole = abs_value / 1000, frac = abs_value % 1000;
  const char *sign = milli < 0 ? "-" : "";

  if (frac == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, whole);
  if (frac % 100 == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%01u", sign, whole, (guint) (frac / 100));
  if (frac % 10 == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", sign, whole, (guint) (frac / 10));
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%03u", sign, whole, (guint) frac);
}

/**
 * lotline_quantity_parse:
 * @text: a decimal number with at most three decimals, "." as separator
 * @out_milli: (out): the quantity in thousandths
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text is a well-formed quantity
 */
gboolean
lotline_quantity_parse (const char *text, gint64 *out_milli, GError **error)
{
  const char *p = text;
  gboolean negative = FALSE, any_digit = FALSE;
  guint64 whole = 0, frac = 0;
  int frac_digits = 0;

  if (p == NULL)
    p = "";
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';

  for (; g_ascii_isdigit (*p); p++)
    {
      any_digit = TRUE;
      whole = whole * 10 + (guint64) (*p - '0');
      if (whole > G_MAXINT64 / 1000 / 10)
        goto bad;
    }
  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++)
        {
          any_digit = TRUE;
          if (++frac_digits > 3)
            goto bad;
          frac = frac * 10 + (guint64) (*p - '0');
        }
    }
  while (g_ascii_isspace (*p))
    p++;
  if (!any_digit || *p != '\0')
    goto bad;

  for (; frac_digits < 3; frac_digits++)
    frac *= 10;
  *out_milli = (gint64) (whole * 1000 + frac) * (negative ? -1 : 1);
  return TRUE;

bad:
  g_set_error (error, LOTLINE_LEDGER_ERROR, LOTLINE_LEDGER_ERROR_INVALID_QUANTITY,
               _("“%s” is not a quantity. Write a number with at most three decimals, such as 12 or 12.5."),
               text ? text : "");
  return FALSE;
}

static gboolean
parse_date (const char *date, GDate *out)
{
  int y, m, d;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;
  y = atoi (date);
  m = atoi (date + 5);
  d = atoi (date + 8);
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

gboolean
lotline_date_is_valid (const char *date)
{
  GDate d;

  return parse_date (date, &d);
}

char *
lotline_date_add_days (const char *date, int days)
{
  GDate d;

  g_return_val_if_fail (parse_date (date, &d), NULL);
  if (days >= 0)
    g_date_add_days (&d, (guint) days);
  else
    g_date_subtract_days (&d, (guint) -days);
  return format_date (&d);
}

/* Days from @from to @to (positive when @to is later). */
int
lotline_date_diff_days (const char *from, const char *to)
{
  GDate a, b;

  g_return_val_if_fail (parse_date (from, &a) && parse_date (to, &b), 0);
  return g_date_days_between (&a, &b);
}

/* The local calendar date of an instant: a lot is usable through the end of
 * its expiry date where the plant is, not in UTC. */
char *
lotline_date_from_unix (gint64 unix_utc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_utc);

  return g_date_time_format (dt, "%Y-%m-%d");
}

char *
lotline_instant_from_unix (gint64 unix_utc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_utc);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* Accepts ISO 8601 instants (with an offset or Z) and plain dates (midnight UTC). */
gboolean
lotline_instant_parse (const char *text, gint64 *out_unix_utc)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDate d;

  if (text == NULL)
    return FALSE;
  if (parse_date (text, &d))
    {
      dt = g_date_time_new (utc, g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d), 0, 0, 0);
    }
  else
    dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;
  *out_unix_utc = g_date_time_to_unix (dt);
  return TRUE;
}
