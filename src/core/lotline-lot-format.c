/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Lot-code formats: a template of segments that makes the next code and
 * reads a code back into its segments. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "lotline-lot-format.h"

G_DEFINE_QUARK (lotline-lot-format-error-quark, lotline_lot_format_error)

struct _LotlineLotFormat {
  char   *template_text;
  GArray *segments;   /* LotlineLotSegment */
  GRegex *regex;      /* one group per non-literal segment */
};

static const struct {
  const char           *name;
  LotlineLotSegmentKind kind;
} segment_names[] = {
  { "YYMMDD", LOTLINE_LOT_SEGMENT_DATE_YYMMDD },
  { "YYYYMMDD", LOTLINE_LOT_SEGMENT_DATE_YYYYMMDD },
  { "YYDDD", LOTLINE_LOT_SEGMENT_DATE_JULIAN },
  { "FACILITY", LOTLINE_LOT_SEGMENT_FACILITY },
  { "LINE", LOTLINE_LOT_SEGMENT_LINE },
  { "SHIFT", LOTLINE_LOT_SEGMENT_SHIFT },
  { "PRODUCT", LOTLINE_LOT_SEGMENT_PRODUCT },
  { "SEQ", LOTLINE_LOT_SEGMENT_SEQUENCE },
};

static gboolean
is_date (LotlineLotSegmentKind kind)
{
  return kind == LOTLINE_LOT_SEGMENT_DATE_YYMMDD || kind == LOTLINE_LOT_SEGMENT_DATE_YYYYMMDD
      || kind == LOTLINE_LOT_SEGMENT_DATE_JULIAN;
}

static guint
date_width (LotlineLotSegmentKind kind)
{
  return kind == LOTLINE_LOT_SEGMENT_DATE_YYMMDD ? 6 : kind == LOTLINE_LOT_SEGMENT_DATE_YYYYMMDD ? 8 : 5;
}

static void
segment_clear (gpointer data)
{
  LotlineLotSegment *s = data;

  g_free (s->literal);
}

void
lotline_lot_format_free (LotlineLotFormat *format)
{
  if (format == NULL)
    return;
  g_free (format->template_text);
  g_array_unref (format->segments);
  if (format->regex)
    g_regex_unref (format->regex);
  g_free (format);
}

void
lotline_lot_parts_clear (LotlineLotParts *parts)
{
  g_clear_pointer (&parts->date, g_free);
  g_clear_pointer (&parts->facility, g_free);
  g_clear_pointer (&parts->line, g_free);
  g_clear_pointer (&parts->shift, g_free);
  g_clear_pointer (&parts->product, g_free);
  parts->sequence = 0;
}

static void
add_literal (GArray *segments, GString *text)
{
  LotlineLotSegment s = { LOTLINE_LOT_SEGMENT_LITERAL, NULL, 0 };

  if (text->len == 0)
    return;
  s.literal = g_strdup (text->str);
  g_array_append_val (segments, s);
  g_string_truncate (text, 0);
}

/**
 * lotline_lot_format_new:
 * @template_text: e.g. "{YYDDD}-{LINE:1}{SHIFT:1}-{SEQ:3}"
 *
 * Returns: (transfer full) (nullable): the format, or NULL with
 *   %LOTLINE_LOT_FORMAT_ERROR_TEMPLATE
 */
LotlineLotFormat *
lotline_lot_format_new (const char *template_text, GError **error)
{
  g_autoptr(LotlineLotFormat) format = g_new0 (LotlineLotFormat, 1);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) pattern = g_string_new ("^");
  const char *p = template_text;
  gboolean has_segment = FALSE;

  format->template_text = g_strdup (template_text);
  format->segments = g_array_new (FALSE, TRUE, sizeof (LotlineLotSegment));
  g_array_set_clear_func (format->segments, segment_clear);

  while (*p)
    {
      const char *close;
      g_autofree char *body = NULL;
      char *colon;
      LotlineLotSegment s = { LOTLINE_LOT_SEGMENT_LITERAL, NULL, 0 };
      guint i;

      if (p[0] == '{' && p[1] == '{')
        {
          g_string_append_c (text, '{');
          p += 2;
          continue;
        }
      if (p[0] == '}' && p[1] == '}')
        {
          g_string_append_c (text, '}');
          p += 2;
          continue;
        }
      if (*p != '{')
        {
          g_string_append_c (text, *p++);
          continue;
        }
      close = strchr (p, '}');
      if (close == NULL)
        {
          g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_TEMPLATE,
                       _("The lot-code format has a “{” without “}” at position %u."),
                       (guint) (p - template_text) + 1);
          return NULL;
        }
      body = g_strndup (p + 1, close - p - 1);
      colon = strchr (body, ':');
      if (colon)
        {
          char *end = NULL;

          *colon = '\0';
          s.width = (guint) g_ascii_strtoull (colon + 1, &end, 10);
          if (s.width == 0 || s.width > 32 || *end != '\0')
            {
              g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_TEMPLATE,
                           _("The width of {%s} must be a number from 1 to 32."), body);
              return NULL;
            }
        }
      for (i = 0; i < G_N_ELEMENTS (segment_names); i++)
        if (g_ascii_strcasecmp (body, segment_names[i].name) == 0)
          break;
      if (i == G_N_ELEMENTS (segment_names))
        {
          g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_TEMPLATE,
                       _("{%s} is not a lot-code segment. Use {YYMMDD}, {YYYYMMDD}, {YYDDD}, {FACILITY}, {LINE}, {SHIFT}, {PRODUCT} or {SEQ}."),
                       body);
          return NULL;
        }
      s.kind = segment_names[i].kind;
      if (is_date (s.kind) && s.width && s.width != date_width (s.kind))
        {
          g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_TEMPLATE,
                       _("{%s} has a fixed width of %u."), body, date_width (s.kind));
          return NULL;
        }
      if (is_date (s.kind))
        s.width = date_width (s.kind);
      add_literal (format->segments, text);
      g_array_append_val (format->segments, s);
      has_segment = TRUE;
      p = close + 1;
    }
  add_literal (format->segments, text);
  if (!has_segment)
    {
      g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_TEMPLATE,
                   _("The lot-code format needs at least one segment, such as {SEQ}."));
      return NULL;
    }

  for (guint i = 0; i < format->segments->len; i++)
    {
      const LotlineLotSegment *s = &g_array_index (format->segments, LotlineLotSegment, i);

      if (s->kind == LOTLINE_LOT_SEGMENT_LITERAL)
        {
          g_autofree char *escaped = g_regex_escape_string (s->literal, -1);

          g_string_append (pattern, escaped);
        }
      else if (is_date (s->kind) || s->kind == LOTLINE_LOT_SEGMENT_SEQUENCE)
        {
          if (s->width)
            g_string_append_printf (pattern, "([0-9]{%u})", s->width);
          else
            g_string_append (pattern, "([0-9]+)");
        }
      else if (s->width)
        g_string_append_printf (pattern, "([A-Za-z0-9]{%u})", s->width);
      else
        g_string_append (pattern, "([A-Za-z0-9]+?)");
    }
  g_string_append (pattern, "$");
  format->regex = g_regex_new (pattern->str, G_REGEX_OPTIMIZE, 0, error);
  if (format->regex == NULL)
    return NULL;
  return g_steal_pointer (&format);
}

const char *
lotline_lot_format_get_template (const LotlineLotFormat *format)
{
  return format->template_text;
}

const LotlineLotSegment *
lotline_lot_format_get_segments (const LotlineLotFormat *format, guint *n_segments)
{
  *n_segments = format->segments->len;
  return (const LotlineLotSegment *) (gpointer) format->segments->data;
}

/* The segment's name as templates write it, e.g. "FACILITY". */
static const char *
segment_name (LotlineLotSegmentKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (segment_names); i++)
    if (segment_names[i].kind == kind)
      return segment_names[i].name;
  return "";
}

static char **
text_field (LotlineLotParts *parts, LotlineLotSegmentKind kind)
{
  switch (kind)
    {
    case LOTLINE_LOT_SEGMENT_FACILITY: return &parts->facility;
    case LOTLINE_LOT_SEGMENT_LINE: return &parts->line;
    case LOTLINE_LOT_SEGMENT_SHIFT: return &parts->shift;
    case LOTLINE_LOT_SEGMENT_PRODUCT: return &parts->product;
    case LOTLINE_LOT_SEGMENT_LITERAL:
    case LOTLINE_LOT_SEGMENT_DATE_YYMMDD:
    case LOTLINE_LOT_SEGMENT_DATE_YYYYMMDD:
    case LOTLINE_LOT_SEGMENT_DATE_JULIAN:
    case LOTLINE_LOT_SEGMENT_SEQUENCE:
    default: return NULL;
    }
}

static GDate *
parse_iso (const char *iso)
{
  GDate *d;
  unsigned y, m, dd;

  if (iso == NULL || strlen (iso) != 10 || sscanf (iso, "%4u-%2u-%2u", &y, &m, &dd) != 3
      || !g_date_valid_dmy ((GDateDay) dd, (GDateMonth) m, (GDateYear) y))
    return NULL;
  d = g_date_new_dmy ((GDateDay) dd, (GDateMonth) m, (GDateYear) y);
  return d;
}

/**
 * lotline_lot_format_generate:
 * @parts: the values; those the format does not use are ignored
 *
 * Returns: (transfer full) (nullable): the code, or NULL with
 *   %LOTLINE_LOT_FORMAT_ERROR_VALUE naming the segment that does not fit
 */
char *
lotline_lot_format_generate (const LotlineLotFormat *format, const LotlineLotParts *parts, GError **error)
{
  g_autoptr(GString) code = g_string_new (NULL);

  for (guint i = 0; i < format->segments->len; i++)
    {
      const LotlineLotSegment *s = &g_array_index (format->segments, LotlineLotSegment, i);

      if (s->kind == LOTLINE_LOT_SEGMENT_LITERAL)
        g_string_append (code, s->literal);
      else if (is_date (s->kind))
        {
          g_autoptr(GDate) d = parse_iso (parts->date);
          guint year;

          if (d == NULL)
            {
              g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE,
                           _("The lot code needs a date (YYYY-MM-DD)."));
              return NULL;
            }
          year = g_date_get_year (d);
          if (s->kind != LOTLINE_LOT_SEGMENT_DATE_YYYYMMDD && (year < 2000 || year > 2099))
            {
              g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE,
                           _("A two-digit year can only show the years 2000 to 2099."));
              return NULL;
            }
          if (s->kind == LOTLINE_LOT_SEGMENT_DATE_YYMMDD)
            g_string_append_printf (code, "%02u%02u%02u", year % 100, g_date_get_month (d), g_date_get_day (d));
          else if (s->kind == LOTLINE_LOT_SEGMENT_DATE_YYYYMMDD)
            g_string_append_printf (code, "%04u%02u%02u", year, g_date_get_month (d), g_date_get_day (d));
          else
            g_string_append_printf (code, "%02u%03u", year % 100, g_date_get_day_of_year (d));
        }
      else if (s->kind == LOTLINE_LOT_SEGMENT_SEQUENCE)
        {
          g_autofree char *digits = g_strdup_printf ("%0*u", (int) s->width, parts->sequence);

          if (parts->sequence == 0 || (s->width && strlen (digits) > s->width))
            {
              g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE,
                           _("The sequence %u does not fit the lot-code format “%s”."),
                           parts->sequence, format->template_text);
              return NULL;
            }
          g_string_append (code, digits);
        }
      else
        {
          const char *value = *text_field ((LotlineLotParts *) parts, s->kind);
          gsize n = value ? strlen (value) : 0;
          gboolean ok = n > 0 && (s->width == 0 || n == s->width);

          for (gsize k = 0; ok && k < n; k++)
            ok = g_ascii_isalnum (value[k]);
          if (!ok)
            {
              if (s->width)
                g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE,
                             _("The {%s} segment of the lot code must be %u letters or digits."),
                             segment_name (s->kind), s->width);
              else
                g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE,
                             _("The {%s} segment of the lot code must be letters or digits."),
                             segment_name (s->kind));
              return NULL;
            }
          g_string_append (code, value);
        }
    }
  return g_string_free (g_steal_pointer (&code), FALSE);
}

/**
 * lotline_lot_format_parse:
 * @out_parts: (out caller-allocates): the values; clear with
 *   lotline_lot_parts_clear()
 *
 * Returns: %TRUE when @code follows the format, with a valid date
 */
gboolean
lotline_lot_format_parse (const LotlineLotFormat *format, const char *code, LotlineLotParts *out_parts,
                          GError **error)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_auto(LotlineLotParts) parts = { 0 };
  guint group = 1;

  if (!g_regex_match (format->regex, code, 0, &match))
    {
      g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_NO_MATCH,
                   _("The lot code “%s” does not follow the format “%s”."), code, format->template_text);
      return FALSE;
    }
  for (guint i = 0; i < format->segments->len; i++)
    {
      const LotlineLotSegment *s = &g_array_index (format->segments, LotlineLotSegment, i);
      g_autofree char *value = NULL;

      if (s->kind == LOTLINE_LOT_SEGMENT_LITERAL)
        continue;
      value = g_match_info_fetch (match, (int) group++);
      if (is_date (s->kind))
        {
          guint y, m = 1, d = 1, doy = 0;
          gboolean ok;
          g_autoptr(GDate) date = NULL;

          if (s->kind == LOTLINE_LOT_SEGMENT_DATE_YYYYMMDD)
            ok = sscanf (value, "%4u%2u%2u", &y, &m, &d) == 3;
          else if (s->kind == LOTLINE_LOT_SEGMENT_DATE_YYMMDD)
            ok = sscanf (value, "%2u%2u%2u", &y, &m, &d) == 3;
          else
            ok = sscanf (value, "%2u%3u", &y, &doy) == 2;
          if (s->kind != LOTLINE_LOT_SEGMENT_DATE_YYYYMMDD)
            y += 2000;
          if (s->kind == LOTLINE_LOT_SEGMENT_DATE_JULIAN)
            ok = ok && y >= 1 && doy >= 1 && doy <= (g_date_is_leap_year ((GDateYear) y) ? 366u : 365u);
          else
            ok = ok && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
          if (!ok)
            {
              g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_NO_MATCH,
                           _("The lot code “%s” has “%s” where a date should be."), code, value);
              return FALSE;
            }
          if (s->kind == LOTLINE_LOT_SEGMENT_DATE_JULIAN)
            {
              date = g_date_new_dmy (1, G_DATE_JANUARY, (GDateYear) y);
              g_date_add_days (date, doy - 1);
            }
          else
            date = g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
          g_free (parts.date);
          parts.date = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                                        g_date_get_day (date));
        }
      else if (s->kind == LOTLINE_LOT_SEGMENT_SEQUENCE)
        {
          guint64 n = g_ascii_strtoull (value, NULL, 10);

          if (n == 0 || n > G_MAXUINT)
            {
              g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_NO_MATCH,
                           _("The lot code “%s” has “%s” where a sequence number should be."), code, value);
              return FALSE;
            }
          parts.sequence = (guint) n;
        }
      else
        {
          char **field = text_field (&parts, s->kind);

          g_free (*field);
          *field = g_steal_pointer (&value);
        }
    }
  *out_parts = parts;
  memset (&parts, 0, sizeof parts);
  return TRUE;
}

/**
 * lotline_lot_format_next_code:
 * @parts: the values of the new code; its sequence is ignored
 * @existing: (nullable) (array zero-terminated=1): codes already used, e.g.
 *   the product's lot codes; codes in other formats are skipped
 *
 * Returns: (transfer full) (nullable): the next code
 */
char *
lotline_lot_format_next_code (const LotlineLotFormat *format, const LotlineLotParts *parts,
                              const char *const *existing, GError **error)
{
  LotlineLotParts next = *parts;
  g_autofree char *mine = NULL;
  guint highest = 0;

  /* Compare the other values in their coded form, so that dates match as
   * the format writes them. */
  next.sequence = 1;
  mine = lotline_lot_format_generate (format, &next, error);
  if (mine == NULL)
    return NULL;
  for (guint i = 0; existing && existing[i]; i++)
    {
      g_auto(LotlineLotParts) theirs = { 0 };
      g_autofree char *same = NULL;
      guint seq;

      if (!lotline_lot_format_parse (format, existing[i], &theirs, NULL))
        continue;
      seq = theirs.sequence;
      theirs.sequence = 1;
      same = lotline_lot_format_generate (format, &theirs, NULL);
      if (same && g_str_equal (same, mine) && seq > highest)
        highest = seq;
    }
  if (highest == G_MAXUINT)
    {
      g_set_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE,
                   _("The sequence of the lot-code format “%s” is used up."), format->template_text);
      return NULL;
    }
  next.sequence = highest + 1;
  return lotline_lot_format_generate (format, &next, error);
}
