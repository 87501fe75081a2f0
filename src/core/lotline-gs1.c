/* SPDX-License-Identifier: GPL-3.0-or-later */

/* GS1 element strings: scanner data, bracketed HRI and Digital Link URIs.
 *
 * The AI table is built at first use from the GS1 Barcode Syntax Dictionary
 * (gs1-syntax-dictionary.txt, Apache-2.0, © BWIPP, Zint and GS1 AISBL; its
 * licence header is kept in the file), compiled in as a GResource.
 *
 * Decision on noncompliant data (a failed check digit, an impossible date,
 * a character outside the AI's set …): it is refused with
 * LOTLINE_GS1_ERROR_NONCOMPLIANT, since a lot received under a misread expiry
 * is worse than a rescan.  With LOTLINE_GS1_FLAG_LENIENT such faults become
 * warnings and set result->noncompliant, so a caller can ask before using a
 * supplier's faulty label.  Structural faults (unknown AI, wrong length,
 * missing data) are always refused. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotline-gs1.h"
#include "lotline-store-private.h"

G_DEFINE_QUARK (lotline-gs1-error-quark, lotline_gs1_error)

#define DICTIONARY_RESOURCE "/io/github/lotline/core/gs1-syntax-dictionary.txt"
#define GS '\x1D'

/* ---- the dictionary --------------------------------------------------- */

typedef struct {
  char      cset;        /* N, X (cset 82), Y (cset 39), Z (cset 64) */
  guint     min, max;
  gboolean  optional;
  char    **linters;
} Component;

typedef struct {
  char      *ai;
  gboolean   fnc1;       /* needs a separator: not flagged '*' */
  gboolean   dl_attr;    /* '?' flag */
  gboolean   dlpkey;
  char     **dl_sequences; /* qualifier sequences, comma-separated AIs */
  GPtrArray *components;
  GPtrArray *req;        /* char *, one per req= key */
  GPtrArray *ex;
  char      *format;
} AiEntry;

static GHashTable *ai_table;   /* ai → AiEntry, never freed */

static gboolean
parse_component (const char *token, Component *c)
{
  g_autofree char *copy = g_strdup (token);
  char *type = copy, *comma, *close;
  const char *p;

  c->optional = (*type == '[');
  if (c->optional)
    {
      type++;
      close = strchr (type, ']');
      if (close == NULL)
        return FALSE;
      memmove (close, close + 1, strlen (close + 1) + 1);
    }
  comma = strchr (type, ',');
  c->linters = comma ? g_strsplit (comma + 1, ",", -1) : g_new0 (char *, 1);
  if (comma)
    *comma = '\0';
  if (strchr ("NXYZ", type[0]) == NULL || type[0] == '\0')
    return FALSE;
  c->cset = type[0];
  p = type + 1;
  if (g_str_has_prefix (p, ".."))
    {
      c->min = 1;
      c->max = (guint) g_ascii_strtoull (p + 2, NULL, 10);
    }
  else
    c->min = c->max = (guint) g_ascii_strtoull (p, NULL, 10);
  return c->max > 0;
}

static void
load_dictionary_line (const char *line)
{
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GPtrArray) components = g_ptr_array_new ();
  g_autoptr(GPtrArray) req = g_ptr_array_new ();
  g_autoptr(GPtrArray) ex = g_ptr_array_new ();
  g_autoptr(GString) format = g_string_new (NULL);
  g_autofree char *body = NULL;
  const char *hash = strchr (line, '#');
  const char *flags = "";
  const char *dlpkey = NULL;
  gboolean is_dlpkey = FALSE;
  guint i = 1, first, last, width;
  char *dash;

  body = hash ? g_strndup (line, hash - line) : g_strdup (line);
  tokens = g_strsplit_set (g_strstrip (body), " \t", -1);
  if (tokens[0] == NULL || tokens[0][0] == '\0')
    return;
  /* Flags are punctuation only. */
  for (; tokens[i] && tokens[i][0] == '\0'; i++)
    ;
  if (tokens[i] && strchr ("*!?\"$%&'()+-./:;<=>@\\^_`{|}~", tokens[i][0]) && !g_ascii_isalpha (tokens[i][0]))
    flags = tokens[i++];
  for (; tokens[i]; i++)
    {
      const char *t = tokens[i];

      if (t[0] == '\0')
        continue;
      if (g_str_has_prefix (t, "req="))
        g_ptr_array_add (req, g_strdup (t + 4));
      else if (g_str_has_prefix (t, "ex="))
        g_ptr_array_add (ex, g_strdup (t + 3));
      else if (g_str_has_prefix (t, "dlpkey"))
        {
          is_dlpkey = TRUE;
          dlpkey = t[6] == '=' ? t + 7 : NULL;
        }
      else if (strchr (t, '=') == NULL)
        {
          Component *c = g_new0 (Component, 1);

          if (!parse_component (t, c))
            {
              g_critical ("GS1 syntax dictionary: bad component “%s”", t);
              g_strfreev (c->linters);
              g_free (c);
              continue;
            }
          g_ptr_array_add (components, c);
          if (format->len)
            g_string_append_c (format, ' ');
          g_string_append (format, t);
        }
    }

  dash = strchr (tokens[0], '-');
  width = dash ? (guint) (dash - tokens[0]) : (guint) strlen (tokens[0]);
  first = (guint) g_ascii_strtoull (tokens[0], NULL, 10);
  last = dash ? (guint) g_ascii_strtoull (dash + 1, NULL, 10) : first;
  for (guint n = first; n <= last; n++)
    {
      AiEntry *e = g_new0 (AiEntry, 1);

      e->ai = g_strdup_printf ("%0*u", (int) width, n);
      e->fnc1 = strchr (flags, '*') == NULL;
      e->dl_attr = strchr (flags, '?') != NULL;
      e->dlpkey = is_dlpkey;
      e->dl_sequences = dlpkey ? g_strsplit (dlpkey, "|", -1) : g_new0 (char *, 1);
      /* Shared between the AIs of a range; never freed. */
      e->components = g_ptr_array_ref (components);
      e->req = g_ptr_array_ref (req);
      e->ex = g_ptr_array_ref (ex);
      e->format = g_strdup (format->str);
      g_hash_table_insert (ai_table, e->ai, e);
    }
}

static GHashTable *
dictionary (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (DICTIONARY_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert (bytes != NULL);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      lines = g_strsplit (text, "\n", -1);
      ai_table = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; lines[i]; i++)
        if (lines[i][0] != '#')
          load_dictionary_line (lines[i]);
      g_once_init_leave (&once, 1);
    }
  return ai_table;
}

static const AiEntry *
lookup_ai (const char *ai)
{
  return g_hash_table_lookup (dictionary (), ai);
}

const char *
lotline_gs1_ai_format (const char *ai)
{
  const AiEntry *e = lookup_ai (ai);

  return e ? e->format : NULL;
}

/* The fixed length of a predefined-length AI's value, or 0. */
static guint
fixed_length (const AiEntry *e)
{
  guint n = 0;

  for (guint i = 0; i < e->components->len; i++)
    {
      const Component *c = g_ptr_array_index (e->components, i);

      if (c->optional || c->min != c->max)
        return 0;
      n += c->max;
    }
  return n;
}

/* ---- linters ---------------------------------------------------------- */

static const char cset82[] = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
static const char cset39[] = "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
static const char cset32[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

static gboolean
in_set (const char *set, char c)
{
  return c != '\0' && strchr (set, c) != NULL;
}

static gboolean
is_cset64 (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

#define FAIL(code, p, l) G_STMT_START { *pos = (p); *len = (l); return "GS1_LINTER_" code; } G_STMT_END

static const char *
first_non_digit (const char *v, gsize n, gsize *pos, gsize *len)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (v[i]))
      FAIL ("NON_DIGIT_CHARACTER", i, 1);
  return NULL;
}

static int
num (const char *v, gsize n)
{
  int r = 0;

  for (gsize i = 0; i < n; i++)
    r = r * 10 + (v[i] - '0');
  return r;
}

static int
days_in_month (int year, int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : days[month - 1];
}

/* The GS1 century window for a two-digit year: −49 … +50 from this year. */
static int
full_year (int yy)
{
  const char *today = g_getenv ("LOTLINE_TODAY");
  int now, year;

  if (today && strlen (today) >= 4)
    now = (int) g_ascii_strtoll (today, NULL, 10);
  else
    {
      g_autoptr(GDateTime) dt = g_date_time_new_now_local ();
      now = g_date_time_get_year (dt);
    }
  year = now / 100 * 100 + yy;
  if (year - now > 50)
    year -= 100;
  else if (now - year > 49)
    year += 100;
  return year;
}

static const char *
lint_date (const char *v, gsize n, gboolean long_year, gboolean zero_day, gsize *pos, gsize *len)
{
  gsize want = long_year ? 8 : 6, m = long_year ? 4 : 2;
  const char *fault;
  int year, month, day;

  if ((fault = first_non_digit (v, n, pos, len)))
    return fault;
  if (n < want)
    FAIL ("DATE_TOO_SHORT", 0, n);
  if (n > want)
    FAIL ("DATE_TOO_LONG", 0, n);
  month = num (v + m, 2);
  day = num (v + m + 2, 2);
  year = long_year ? num (v, 4) : full_year (num (v, 2));
  if (month < 1 || month > 12)
    FAIL ("ILLEGAL_MONTH", m, 2);
  if ((day == 0 && !zero_day) || day > days_in_month (year, month))
    FAIL ("ILLEGAL_DAY", m + 2, 2);
  return NULL;
}

static const char *
lint_two (const char *v, gsize n, int limit, const char *short_code, const char *long_code,
          const char *illegal, gsize *pos, gsize *len)
{
  const char *fault;

  if ((fault = first_non_digit (v, n, pos, len)))
    return fault;
  if (n < 2)
    {
      *pos = 0; *len = n;
      return short_code;
    }
  if (n > 2)
    {
      *pos = 0; *len = n;
      return long_code;
    }
  if (num (v, 2) >= limit)
    {
      *pos = 0; *len = 2;
      return illegal;
    }
  return NULL;
}

static const char *
lint_csum (const char *v, gsize n, gsize *pos, gsize *len)
{
  const char *fault;
  int sum = 0;

  if ((fault = first_non_digit (v, n, pos, len)))
    return fault;
  if (n < 1)
    FAIL ("TOO_SHORT_FOR_CHECK_DIGIT", 0, 0);
  for (gsize i = 0; i + 1 < n; i++)
    sum += (v[n - 2 - i] - '0') * (i % 2 == 0 ? 3 : 1);
  if ((10 - sum % 10) % 10 != v[n - 1] - '0')
    FAIL ("INCORRECT_CHECK_DIGIT", n - 1, 1);
  return NULL;
}

static const char *
lint_csumalpha (const char *v, gsize n, gsize *pos, gsize *len)
{
  static const int primes[] = {
    2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193,
    197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307,
    311, 313, 317, 331, 337, 347, 349, 353, 359, 367, 373, 379, 383, 389, 397, 401, 409, 419, 421,
    431, 433, 439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503, 509,
  };
  int sum = 0;

  for (gsize i = 0; i + 2 < n; i++)
    if (!in_set (cset82, v[i]))
      FAIL ("INVALID_CSET82_CHARACTER", i, 1);
  if (n < 2)
    FAIL ("TOO_SHORT_FOR_CHECK_PAIR", 0, n);
  if (n - 2 > G_N_ELEMENTS (primes))
    FAIL ("TOO_LONG_FOR_CHECK_PAIR_IMPLEMENTATION", 0, n);
  for (gsize i = 0; i + 2 < n; i++)
    sum += (int) (strchr (cset82, v[i]) - cset82) * primes[n - 3 - i];
  sum %= 1021;
  if (v[n - 2] != cset32[sum >> 5] || v[n - 1] != cset32[sum & 31])
    FAIL ("INCORRECT_CHECK_PAIR", n - 2, 2);
  return NULL;
}

static const char *
lint_cset64 (const char *v, gsize n, gsize *pos, gsize *len)
{
  gsize i = 0, pad;

  for (; i < n && v[i] != '='; i++)
    if (!is_cset64 (v[i]))
      FAIL ("INVALID_CSET64_CHARACTER", i, 1);
  pad = i;
  for (; i < n; i++)
    if (v[i] != '=')
      FAIL ("INVALID_CSET64_CHARACTER", pad, 1);
  /* Padding completes the last group of three bytes: none after a whole
   * group, two after one character, one after two. */
  if (pad < n && n - pad != (3 - pad % 3) % 3)
    FAIL ("INVALID_CSET64_PADDING", pad, n - pad);
  return NULL;
}

static const char *
lint_gcppos (const char *v, gsize n, gsize offset, gsize *pos, gsize *len)
{
  const gsize min = 4;

  if (n < offset + min)
    FAIL ("TOO_SHORT_FOR_GCP", n > offset ? offset : 0, n > offset ? n - offset : n);
  for (gsize i = offset; i < offset + min; i++)
    if (!g_ascii_isdigit (v[i]))
      FAIL ("INVALID_GCP_PREFIX", i, 1);
  return NULL;
}

static const char *
lint_pieceoftotal (const char *v, gsize n, gsize *pos, gsize *len)
{
  const char *fault;
  gsize h = n / 2;
  int piece, total;

  if (n == 0 || n % 2 != 0 || n > 8)
    FAIL ("INVALID_LENGTH_FOR_PIECE_OF_TOTAL", 0, n);
  if ((fault = first_non_digit (v, n, pos, len)))
    return fault;
  piece = num (v, h);
  total = num (v + h, h);
  if (piece == 0)
    FAIL ("ZERO_PIECE_NUMBER", 0, h);
  if (total == 0)
    FAIL ("ZERO_TOTAL_PIECES", h, h);
  if (piece > total)
    FAIL ("PIECE_NUMBER_EXCEEDS_TOTAL", 0, n);
  return NULL;
}

static const char *
lint_posinseqslash (const char *v, gsize n, gsize *pos, gsize *len)
{
  const char *slash = memchr (v, '/', n);
  gsize s, e;

  if (slash == NULL || slash == v || slash == v + n - 1 || memchr (slash + 1, '/', n - (slash - v) - 1))
    FAIL ("POSITION_IN_SEQUENCE_MALFORMED", 0, n);
  s = slash - v;
  e = n - s - 1;
  for (gsize i = 0; i < n; i++)
    if (i != s && !g_ascii_isdigit (v[i]))
      FAIL ("POSITION_IN_SEQUENCE_MALFORMED", 0, n);
  if (v[0] == '0')
    FAIL ("ILLEGAL_ZERO_PREFIX", 0, s);
  if (v[s + 1] == '0')
    FAIL ("ILLEGAL_ZERO_PREFIX", s + 1, e);
  if (s > e || (s == e && memcmp (v, slash + 1, s) > 0))
    FAIL ("POSITION_EXCEEDS_END", 0, n);
  return NULL;
}

static const char *
lint_coordinate (const char *v, gsize n, gboolean latitude, gsize *pos, gsize *len)
{
  const char *fault;

  if (n != 10)
    {
      *pos = 0; *len = n;
      return latitude ? "GS1_LINTER_LATITUDE_INVALID_LENGTH" : "GS1_LINTER_LONGITUDE_INVALID_LENGTH";
    }
  if ((fault = first_non_digit (v, n, pos, len)))
    return fault;
  if ((guint64) num (v, 5) * 100000 + (guint64) num (v + 5, 5) > (latitude ? 1800000000ULL : 3600000000ULL))
    {
      *pos = 0; *len = n;
      return latitude ? "GS1_LINTER_INVALID_LATITUDE" : "GS1_LINTER_INVALID_LONGITUDE";
    }
  return NULL;
}

static const char *
lint_pcenc (const char *v, gsize n, gsize *pos, gsize *len)
{
  for (gsize i = 0; i < n; i++)
    if (v[i] == '%' && (i + 2 >= n || !g_ascii_isxdigit (v[i + 1]) || !g_ascii_isxdigit (v[i + 2])))
      FAIL ("INVALID_PERCENT_SEQUENCE", i, MIN (3, n - i));
  return NULL;
}

static const char *
lint_single (const char *v, gsize n, const char *allowed, const char *code, gsize *pos, gsize *len)
{
  if (n != 1 || strchr (allowed, v[0]) == NULL)
    {
      *pos = 0; *len = n;
      return code;
    }
  return NULL;
}

/* Linters whose code lists (ISO 3166, ISO 4217, IBAN countries, package
 * types, coupon fields) are in upstream C sources that the corpus does not
 * carry: they are not checked. */
static const char *const unchecked_linters[] = {
  "iso3166", "iso3166999", "iso3166alpha2", "iso4217", "iban", "packagetype",
  "couponcode", "couponposoffer",
};

gboolean
lotline_gs1_linter_is_checked (const char *linter)
{
  for (guint i = 0; i < G_N_ELEMENTS (unchecked_linters); i++)
    if (g_str_equal (linter, unchecked_linters[i]))
      return FALSE;
  return TRUE;
}

const char *
lotline_gs1_lint (const char *l, const char *v, gsize n, gsize *out_pos, gsize *out_len)
{
  gsize p = 0, q = 0;
  gsize *pos = out_pos ? out_pos : &p, *len = out_len ? out_len : &q;

  if (g_str_equal (l, "csum"))
    return lint_csum (v, n, pos, len);
  if (g_str_equal (l, "csumalpha"))
    return lint_csumalpha (v, n, pos, len);
  if (g_str_equal (l, "cset82") || g_str_equal (l, "cset39"))
    {
      const char *set = l[4] == '8' ? cset82 : cset39;

      for (gsize i = 0; i < n; i++)
        if (!in_set (set, v[i]))
          {
            *pos = i; *len = 1;
            return l[4] == '8' ? "GS1_LINTER_INVALID_CSET82_CHARACTER" : "GS1_LINTER_INVALID_CSET39_CHARACTER";
          }
      return NULL;
    }
  if (g_str_equal (l, "cset64"))
    return lint_cset64 (v, n, pos, len);
  if (g_str_equal (l, "csetnumeric"))
    return first_non_digit (v, n, pos, len);
  if (g_str_equal (l, "yymmd0") || g_str_equal (l, "yymmdd"))
    return lint_date (v, n, FALSE, l[5] == '0', pos, len);
  if (g_str_equal (l, "yyyymmd0") || g_str_equal (l, "yyyymmdd"))
    return lint_date (v, n, TRUE, l[7] == '0', pos, len);
  if (g_str_equal (l, "hh"))
    return lint_two (v, n, 24, "GS1_LINTER_HOUR_TOO_SHORT", "GS1_LINTER_HOUR_TOO_LONG", "GS1_LINTER_ILLEGAL_HOUR", pos, len);
  if (g_str_equal (l, "mi"))
    return lint_two (v, n, 60, "GS1_LINTER_MINUTE_TOO_SHORT", "GS1_LINTER_MINUTE_TOO_LONG", "GS1_LINTER_ILLEGAL_MINUTE", pos, len);
  if (g_str_equal (l, "ss"))
    return lint_two (v, n, 60, "GS1_LINTER_SECOND_TOO_SHORT", "GS1_LINTER_SECOND_TOO_LONG", "GS1_LINTER_ILLEGAL_SECOND", pos, len);
  if (g_str_equal (l, "hhmi"))
    {
      const char *fault;

      if ((fault = first_non_digit (v, n, pos, len)))
        return fault;
      if (n < 4)
        FAIL ("HOUR_WITH_MINUTE_TOO_SHORT", 0, n);
      if (n > 4)
        FAIL ("HOUR_WITH_MINUTE_TOO_LONG", 0, n);
      if (num (v, 2) > 23)
        FAIL ("ILLEGAL_HOUR", 0, 2);
      if (num (v + 2, 2) > 59)
        FAIL ("ILLEGAL_MINUTE", 2, 2);
      return NULL;
    }
  if (g_str_equal (l, "zero") || g_str_equal (l, "hyphen"))
    {
      char only = l[0] == 'z' ? '0' : '-';
      gboolean ok = n > 0;

      for (gsize i = 0; i < n; i++)
        if (v[i] != only)
          ok = FALSE;
      if (!ok)
        {
          *pos = 0; *len = n;
          return l[0] == 'z' ? "GS1_LINTER_NOT_ZERO" : "GS1_LINTER_NOT_HYPHEN";
        }
      return NULL;
    }
  if (g_str_equal (l, "yesno"))
    return lint_single (v, n, "01", "GS1_LINTER_NOT_ZERO_OR_ONE", pos, len);
  if (g_str_equal (l, "winding"))
    return lint_single (v, n, "019", "GS1_LINTER_INVALID_WINDING_DIRECTION", pos, len);
  if (g_str_equal (l, "iso5218"))
    return lint_single (v, n, "0129", "GS1_LINTER_INVALID_BIOLOGICAL_SEX_CODE", pos, len);
  if (g_str_equal (l, "nonzero"))
    {
      const char *fault;

      if ((fault = first_non_digit (v, n, pos, len)))
        return fault;
      for (gsize i = 0; i < n; i++)
        if (v[i] != '0')
          return NULL;
      FAIL ("ILLEGAL_ZERO_VALUE", 0, n);
    }
  if (g_str_equal (l, "nozeroprefix"))
    {
      const char *fault;

      if ((fault = first_non_digit (v, n, pos, len)))
        return fault;
      if (n > 0 && v[0] == '0')
        FAIL ("ILLEGAL_ZERO_PREFIX", 0, 1);
      return NULL;
    }
  if (g_str_equal (l, "hasnondigit"))
    {
      for (gsize i = 0; i < n; i++)
        if (!g_ascii_isdigit (v[i]))
          return NULL;
      FAIL ("REQUIRES_NON_DIGIT_CHARACTER", 0, n);
    }
  if (g_str_equal (l, "pieceoftotal"))
    return lint_pieceoftotal (v, n, pos, len);
  if (g_str_equal (l, "posinseqslash"))
    return lint_posinseqslash (v, n, pos, len);
  if (g_str_equal (l, "latitude") || g_str_equal (l, "longitude"))
    return lint_coordinate (v, n, l[1] == 'a', pos, len);
  if (g_str_equal (l, "gcppos1") || g_str_equal (l, "gcppos2"))
    return lint_gcppos (v, n, l[6] == '1' ? 0 : 1, pos, len);
  if (g_str_equal (l, "pcenc"))
    return lint_pcenc (v, n, pos, len);
  if (g_str_equal (l, "importeridx"))
    {
      if (n != 1)
        FAIL ("IMPORTER_IDX_MUST_BE_ONE_CHARACTER", 0, n);
      if (!is_cset64 (v[0]))
        FAIL ("INVALID_IMPORT_IDX_CHARACTER", 0, 1);
      return NULL;
    }
  if (g_str_equal (l, "mediatype"))
    {
      /* AIDC media types 01–10 are assigned by GS1; 80–99 are for
       * company-internal use. */
      int t = n == 2 && g_ascii_isdigit (v[0]) && g_ascii_isdigit (v[1]) ? num (v, 2) : -1;

      if (!((t >= 1 && t <= 10) || (t >= 80 && t <= 99)))
        FAIL ("INVALID_MEDIA_TYPE", 0, n);
      return NULL;
    }
  return NULL;
}

#undef FAIL

gboolean
lotline_gs1_gtin_valid (const char *digits)
{
  gsize n = strlen (digits);

  return (n == 8 || n == 12 || n == 13 || n == 14) && lint_csum (digits, n, &n, &n) == NULL;
}

/* ---- results ---------------------------------------------------------- */

static void
element_free (gpointer data)
{
  LotlineGs1Element *e = data;

  g_free (e->ai);
  g_free (e->value);
  g_free (e->stored);
  g_free (e);
}

static LotlineGs1Result *
result_new (void)
{
  LotlineGs1Result *r = g_new0 (LotlineGs1Result, 1);

  r->elements = g_ptr_array_new_with_free_func (element_free);
  r->warnings = g_ptr_array_new_with_free_func (g_free);
  return r;
}

void
lotline_gs1_result_free (LotlineGs1Result *result)
{
  if (result == NULL)
    return;
  g_free (result->symbology);
  g_free (result->data);
  g_ptr_array_unref (result->elements);
  g_ptr_array_unref (result->warnings);
  g_free (result);
}

/**
 * lotline_gs1_result_get:
 * Returns: (nullable): the stored form (ISO date, decimal) of @ai when it has
 *   one, else its raw value; NULL when @ai is absent
 */
const char *
lotline_gs1_result_get (const LotlineGs1Result *result, const char *ai)
{
  for (guint i = 0; i < result->elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (result->elements, i);

      if (g_str_equal (e->ai, ai))
        return e->stored ? e->stored : e->value;
    }
  return NULL;
}

static gboolean
needs_separator (const char *ai)
{
  const AiEntry *e = lookup_ai (ai);

  return e == NULL || e->fnc1;
}

char *
lotline_gs1_to_unbracketed (const LotlineGs1Result *result)
{
  GString *s = g_string_new ("^");

  for (guint i = 0; i < result->elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (result->elements, i);

      if (i > 0 && i == result->composite_start)
        g_string_append (s, "|^");
      g_string_append (s, e->ai);
      g_string_append (s, e->value);
      if (i + 1 < result->elements->len && i + 1 != result->composite_start && needs_separator (e->ai))
        g_string_append_c (s, '^');
    }
  return g_string_free (s, FALSE);
}

/**
 * lotline_gs1_to_bracketed:
 * Returns: the human-readable form, "(01)…(10)…", with "(" in values
 *   escaped as "\("
 */
char *
lotline_gs1_to_bracketed (const LotlineGs1Result *result)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < result->elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (result->elements, i);

      if (i > 0 && i == result->composite_start)
        g_string_append_c (s, '|');
      g_string_append_printf (s, "(%s)", e->ai);
      for (const char *p = e->value; *p; p++)
        {
          if (*p == '(')
            g_string_append_c (s, '\\');
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

/* ---- validation ------------------------------------------------------- */

typedef struct {
  const char       *input;
  gsize             length;
  LotlineGs1Flags   flags;
  char              separator;
  LotlineGs1Result *result;
} Parser;

static const char *
first_date_linter (const AiEntry *e)
{
  const Component *c;

  if (e->components->len == 0)
    return NULL;
  c = g_ptr_array_index (e->components, 0);
  for (guint i = 0; c->linters[i]; i++)
    if (g_str_has_prefix (c->linters[i], "yy"))
      return c->linters[i];
  return NULL;
}

/* The value to store: ISO dates, and exact decimals for the measures. */
static char *
stored_form (const char *ai, const AiEntry *e, const char *v)
{
  const char *date = e ? first_date_linter (e) : NULL;
  gsize n = strlen (v);

  if (date)
    {
      gboolean long_year = g_str_has_prefix (date, "yyyy");
      gsize yl = long_year ? 4 : 2;
      int year = long_year ? num (v, 4) : full_year (num (v, 2));
      int month = num (v + yl, 2), day = num (v + yl + 2, 2);
      GString *s;

      if (day == 0)
        day = days_in_month (year, month);
      s = g_string_new (NULL);
      g_string_printf (s, "%04d-%02d-%02d", year, month, day);
      /* A time follows in some AIs (7003, 8008, 4324 …); missing minutes
       * and seconds are zero. */
      if (e->components->len >= 2 && n > yl + 4)
        {
          const Component *t = g_ptr_array_index (e->components, 1);

          if (t->linters[0] && (g_str_equal (t->linters[0], "hhmi") || g_str_equal (t->linters[0], "hh")))
            {
              char hms[7] = "000000";

              memcpy (hms, v + yl + 4, MIN (n - yl - 4, 6));
              g_string_append_printf (s, "T%.2s:%.2s:%.2s", hms, hms + 2, hms + 4);
            }
        }
      return g_string_free (s, FALSE);
    }
  if (strlen (ai) == 4 && ((ai[0] == '3' && ai[1] >= '1' && ai[1] <= '6') || (ai[0] == '3' && ai[1] == '9' && ai[2] <= '3')))
    {
      int places = ai[3] - '0';
      gboolean currency = ai[1] == '9' && (ai[2] == '1' || ai[2] == '3');
      const char *digits = currency ? v + 3 : v;
      gsize dn = strlen (digits), lead = 0;
      GString *s = g_string_new (NULL);

      if (currency)
        g_string_append_printf (s, "%.3s ", v);
      if ((gsize) places > dn)
        {
          g_string_append (s, "0.");
          for (gsize i = dn; i < (gsize) places; i++)
            g_string_append_c (s, '0');
          g_string_append (s, digits);
          return g_string_free (s, FALSE);
        }
      while (lead + 1 < dn - places && digits[lead] == '0')
        lead++;
      if (dn - places == 0)
        g_string_append_c (s, '0');
      g_string_append_len (s, digits + lead, dn - places - lead);
      if (places)
        {
          g_string_append_c (s, '.');
          g_string_append (s, digits + dn - places);
        }
      return g_string_free (s, FALSE);
    }
  return NULL;
}

static gboolean
report_noncompliant (Parser *p, GError **error, const char *ai, guint position, const char *what)
{
  g_autofree char *msg = g_strdup_printf (_("AI (%s), position %u: %s"), ai, position, what);

  if (p->flags & LOTLINE_GS1_FLAG_LENIENT)
    {
      p->result->noncompliant = TRUE;
      g_ptr_array_add (p->result->warnings, g_steal_pointer (&msg));
      return TRUE;
    }
  g_set_error_literal (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_NONCOMPLIANT, msg);
  return FALSE;
}

static const char *
describe_linter_fault (const char *code)
{
  if (strstr (code, "CHECK_DIGIT") || strstr (code, "CHECK_PAIR"))
    return _("the check digit is wrong");
  if (strstr (code, "MONTH"))
    return _("the month is not a valid month");
  if (strstr (code, "DAY"))
    return _("the day does not exist in that month");
  if (strstr (code, "HOUR") || strstr (code, "MINUTE") || strstr (code, "SECOND"))
    return _("the time is not a valid time");
  if (strstr (code, "CHARACTER"))
    return _("this character is not allowed here");
  return _("the value breaks a GS1 rule");
}

static const char FAULT_TOO_SHORT[] = "too short";
static const char FAULT_TOO_LONG[] = "too long";

/* Applies the dictionary's components of @e to @value: lengths, character
 * sets, then each component's linters.  Returns NULL, FAULT_TOO_SHORT,
 * FAULT_TOO_LONG or the GS1_LINTER_* name of the first fault, whose
 * position in @value goes to @out_pos. */
static const char *
check_value (const AiEntry *e, const char *value, gsize n, gsize *out_pos)
{
  gsize at = 0;

  /* Lengths first: a value of the wrong length is structurally invalid,
   * whatever its content. */
  for (guint c = 0; c < e->components->len; c++)
    {
      const Component *comp = g_ptr_array_index (e->components, c);
      gsize rest = n - at;

      if (rest == 0 && comp->optional)
        break;
      if (rest < comp->min)
        {
          *out_pos = 0;
          return FAULT_TOO_SHORT;
        }
      at += comp->min == comp->max ? comp->max : MIN (rest, comp->max);
    }
  if (at < n)
    {
      *out_pos = at;
      return FAULT_TOO_LONG;
    }

  at = 0;
  for (guint c = 0; c < e->components->len; c++)
    {
      const Component *comp = g_ptr_array_index (e->components, c);
      gsize rest = n - at, take, fp = 0, fl = 0;
      const char *fault = NULL;

      if (rest == 0 && comp->optional)
        break;
      if (rest < comp->min)
        {
          *out_pos = 0;
          return FAULT_TOO_SHORT;
        }
      take = comp->min == comp->max ? comp->max : MIN (rest, comp->max);
      for (gsize i = at; i < at + take && fault == NULL; i++)
        {
          if (comp->cset == 'N' && !g_ascii_isdigit (value[i]))
            fault = "GS1_LINTER_NON_DIGIT_CHARACTER";
          else if (comp->cset == 'X' && !in_set (cset82, value[i]))
            fault = "GS1_LINTER_INVALID_CSET82_CHARACTER";
          else if (comp->cset == 'Y' && !in_set (cset39, value[i]))
            fault = "GS1_LINTER_INVALID_CSET39_CHARACTER";
          fp = i - at;
        }
      if (fault == NULL && comp->cset == 'Z')
        fault = lint_cset64 (value + at, take, &fp, &fl);
      for (guint l = 0; fault == NULL && comp->linters[l]; l++)
        fault = lotline_gs1_lint (comp->linters[l], value + at, take, &fp, &fl);
      if (fault)
        {
          *out_pos = at + fp;
          return fault;
        }
      at += take;
    }
  return NULL;
}

/**
 * lotline_gs1_check_value:
 * @out_pos: (out) (optional): where the fault is, 0-based in @value
 *
 * Returns: (nullable): NULL when @value is valid for @ai by the syntax
 *   dictionary, else the GS1_LINTER_* name of the fault, or
 *   "GS1_LINTER_TOO_SHORT", "GS1_LINTER_TOO_LONG" or "GS1_LINTER_UNKNOWN_AI"
 */
const char *
lotline_gs1_check_value (const char *ai, const char *value, gsize length, gsize *out_pos)
{
  const AiEntry *e = lookup_ai (ai);
  gsize pos = 0;
  const char *fault;

  if (e == NULL)
    return "GS1_LINTER_UNKNOWN_AI";
  fault = check_value (e, value, length, &pos);
  if (out_pos)
    *out_pos = pos;
  if (fault == FAULT_TOO_SHORT)
    return "GS1_LINTER_TOO_SHORT";
  if (fault == FAULT_TOO_LONG)
    return "GS1_LINTER_TOO_LONG";
  return fault;
}

/* @offset: 0-based position of @value in the input. */
static gboolean
add_element (Parser *p, const char *ai, const char *value, gsize n, gsize offset, GError **error)
{
  const AiEntry *e = lookup_ai (ai);
  LotlineGs1Element *el;
  guint pos1 = (guint) offset + 1;
  gboolean faulty = FALSE;

  if (n == 0)
    {
      g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYNTAX,
                   _("AI (%s), position %u: the value is missing."), ai, pos1);
      return FALSE;
    }
  if (memchr (value, '\0', n))
    {
      g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYNTAX,
                   _("AI (%s), position %u: the value contains a NUL byte."), ai, pos1);
      return FALSE;
    }
  if (e == NULL)
    {
      if (!(p->flags & LOTLINE_GS1_FLAG_PERMIT_UNKNOWN_AIS))
        {
          g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_UNKNOWN_AI,
                       _("Position %u: (%s) is not a GS1 Application Identifier."),
                       pos1 > strlen (ai) ? pos1 - (guint) strlen (ai) : 1, ai);
          return FALSE;
        }
      if (n > 90)
        {
          g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_LENGTH,
                       _("AI (%s), position %u: the value is too long."), ai, pos1);
          return FALSE;
        }
      for (gsize i = 0; i < n; i++)
        if (!in_set (cset82, value[i]))
          {
            g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYNTAX,
                         _("AI (%s), position %u: this character is not allowed here."), ai, pos1 + (guint) i);
            return FALSE;
          }
    }
  else
    {
      gsize at = 0;
      const char *fault = check_value (e, value, n, &at);

      if (fault == FAULT_TOO_SHORT || fault == FAULT_TOO_LONG)
        {
          g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_LENGTH,
                       fault == FAULT_TOO_SHORT ? _("AI (%s), position %u: the value is too short.")
                                                : _("AI (%s), position %u: the value is too long."),
                       ai, pos1 + (guint) at);
          return FALSE;
        }
      /* Characters outside the AI's set are noncompliant, not structural,
       * like zint's ZINT_WARN_NONCOMPLIANT; but control characters and
       * non-ASCII bytes are never data. */
      if (fault && strstr (fault, "CHARACTER") && ((guchar) value[at] < 0x20 || (guchar) value[at] >= 0x7F))
        {
          g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYNTAX,
                       _("AI (%s), position %u: this character is not allowed here."), ai, pos1 + (guint) at);
          return FALSE;
        }
      if (fault && !report_noncompliant (p, error, ai, pos1 + (guint) at, describe_linter_fault (fault)))
        return FALSE;
      faulty = fault != NULL;
    }

  el = g_new0 (LotlineGs1Element, 1);
  el->ai = g_strdup (ai);
  el->value = g_strndup (value, n);
  el->position = pos1;
  /* A value that breaks a rule (accepted only when lenient) is kept raw. */
  if (!faulty)
    el->stored = stored_form (ai, e, el->value);
  g_ptr_array_add (p->result->elements, el);
  return TRUE;
}

/* ---- associations ----------------------------------------------------- */

/* "31nn" matches 3100 … 3199; "310n" matches 3100 … 3109. */
static gboolean
ai_matches (const char *ai, const char *pattern, gsize plen)
{
  if (strlen (ai) != plen)
    return FALSE;
  for (gsize i = 0; i < plen; i++)
    if (pattern[i] != 'n' && pattern[i] != ai[i])
      return FALSE;
  return TRUE;
}

/* Whether a key AI carries its optional serial component. */
static gboolean
is_serialised (const LotlineGs1Element *e)
{
  const AiEntry *entry = lookup_ai (e->ai);
  gsize mandatory = 0;

  for (guint i = 0; entry && i < entry->components->len; i++)
    {
      const Component *c = g_ptr_array_index (entry->components, i);

      if (!c->optional)
        mandatory += c->max;
    }
  return strlen (e->value) > mandatory;
}

/* @serialised: the match must carry its serial (the (8030) rule: a digital
 * signature needs a serialised key, so (253), (255) and (8003) count only
 * with their serial component). */
static gboolean
any_present (GPtrArray *elements, const char *pattern, gsize plen, const char *except, gboolean serialised)
{
  for (guint i = 0; i < elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (elements, i);

      if ((except == NULL || !g_str_equal (e->ai, except)) && ai_matches (e->ai, pattern, plen)
          && (!serialised || is_serialised (e)))
        return TRUE;
    }
  return FALSE;
}

/**
 * lotline_gs1_check_associations:
 * @elements: (element-type LotlineGs1Element): the AIs of one item
 *
 * Checks the dictionary's req= and ex= rules, and that a repeated AI has the
 * same value each time.
 */
gboolean
lotline_gs1_check_associations (GPtrArray *elements, GError **error)
{
  for (guint i = 0; i < elements->len; i++)
    {
      const LotlineGs1Element *el = g_ptr_array_index (elements, i);
      const AiEntry *e = lookup_ai (el->ai);

      for (guint j = 0; j < i; j++)
        {
          const LotlineGs1Element *other = g_ptr_array_index (elements, j);

          if (g_str_equal (other->ai, el->ai) && !g_str_equal (other->value, el->value))
            {
              g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_ASSOCIATION,
                           _("AI (%s) appears twice with different values."), el->ai);
              return FALSE;
            }
        }
      if (e == NULL)
        continue;
      for (guint x = 0; x < e->ex->len; x++)
        {
          g_auto(GStrv) alts = g_strsplit (g_ptr_array_index (e->ex, x), ",", -1);

          for (guint a = 0; alts[a]; a++)
            if (any_present (elements, alts[a], strlen (alts[a]), el->ai, FALSE))
              {
                g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_ASSOCIATION,
                             _("AI (%s) may not be used together with (%s)."), el->ai, alts[a]);
                return FALSE;
              }
        }
      for (guint r = 0; r < e->req->len; r++)
        {
          g_auto(GStrv) alts = g_strsplit (g_ptr_array_index (e->req, r), ",", -1);
          gboolean satisfied = FALSE;

          for (guint a = 0; alts[a] && !satisfied; a++)
            {
              g_auto(GStrv) all = g_strsplit (alts[a], "+", -1);

              satisfied = TRUE;
              for (guint k = 0; all[k] && satisfied; k++)
                satisfied = any_present (elements, all[k], strlen (all[k]), NULL,
                                         g_str_equal (el->ai, "8030") && all[1] == NULL
                                         && (g_str_equal (all[k], "253") || g_str_equal (all[k], "255")
                                             || g_str_equal (all[k], "8003")));
            }
          if (!satisfied)
            {
              g_autofree char *list = g_strjoinv (_(" or "), alts);

              g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_ASSOCIATION,
                           _("AI (%s) needs (%s) as well."), el->ai, list);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* ---- element strings -------------------------------------------------- */

static gboolean
is_separator (const Parser *p, char c, gboolean caret)
{
  return c == GS || (p->separator != '\0' && c == p->separator) || (caret && c == '^');
}

/* Parses [start, end) of the input: AIs without brackets, fields separated
 * by GS (or the configured separator; ^ too when @caret).  Stray separators
 * are tolerated. */
static gboolean
parse_element_string (Parser *p, gsize start, gsize end, gboolean caret, GError **error)
{
  const char *s = p->input;
  gsize i = start;

  while (i < end)
    {
      char ai[5] = { 0 };
      const AiEntry *e = NULL;
      gsize ai_len = 0, vstart, vend;
      guint fixed;

      if (is_separator (p, s[i], caret))
        {
          i++;
          continue;
        }
      for (gsize l = 2; l <= 4 && i + l <= end; l++)
        {
          memcpy (ai, s + i, l);
          ai[l] = '\0';
          if (strspn (ai, "0123456789") != l)
            break;
          if ((e = lookup_ai (ai)))
            {
              ai_len = l;
              break;
            }
        }
      if (e == NULL)
        {
          g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_UNKNOWN_AI,
                       _("Position %u: no known GS1 Application Identifier starts here."), (guint) i + 1);
          return FALSE;
        }
      vstart = i + ai_len;
      fixed = e->fnc1 ? 0 : fixed_length (e);
      if (fixed)
        {
          vend = MIN (end, vstart + fixed);
          for (gsize k = vstart; k < vend; k++)
            if (is_separator (p, s[k], caret))
              {
                vend = k;
                break;
              }
        }
      else
        for (vend = vstart; vend < end && !is_separator (p, s[vend], caret); vend++)
          ;
      if (!add_element (p, ai, s + vstart, vend - vstart, vstart, error))
        return FALSE;
      i = vend;
    }
  return TRUE;
}

static gboolean
parse_bracketed (Parser *p, GError **error)
{
  const char *s = p->input;
  gsize n = p->length, i = 0;
  char open, close;

  if (n == 0 || (s[0] != '(' && s[0] != '['))
    {
      g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYNTAX,
                   _("Position 1: the data must start with an AI in brackets, like (01)."));
      return FALSE;
    }
  open = s[0];
  close = open == '(' ? ')' : ']';
  while (i < n)
    {
      gsize ai_start = i + 1, ai_end;
      g_autoptr(GString) value = g_string_new (NULL);
      g_autofree char *ai = NULL;
      gboolean composite = FALSE;
      gsize vstart;

      if (s[i] != open)
        {
          g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYNTAX,
                       _("Position %u: an AI in brackets was expected."), (guint) i + 1);
          return FALSE;
        }
      for (ai_end = ai_start; ai_end < n && g_ascii_isdigit (s[ai_end]); ai_end++)
        ;
      if (ai_end >= n || s[ai_end] != close || ai_end - ai_start < 2 || ai_end - ai_start > 4)
        {
          g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYNTAX,
                       _("Position %u: the AI must be 2 to 4 digits in brackets."), (guint) ai_start);
          return FALSE;
        }
      ai = g_strndup (s + ai_start, ai_end - ai_start);
      vstart = i = ai_end + 1;
      while (i < n && s[i] != open)
        {
          /* "|(" starts the 2D part of a composite. */
          if (s[i] == '|' && i + 1 < n && s[i + 1] == open && p->result->composite_start == 0)
            {
              composite = TRUE;
              i++;
              break;
            }
          if (open == '(' && s[i] == '\\' && i + 1 < n && s[i + 1] == '(')
            i++;
          g_string_append_c (value, s[i]);
          i++;
        }
      if (lookup_ai (ai) == NULL && !(p->flags & LOTLINE_GS1_FLAG_PERMIT_UNKNOWN_AIS))
        {
          g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_UNKNOWN_AI,
                       _("Position %u: (%s) is not a GS1 Application Identifier."), (guint) ai_start, ai);
          return FALSE;
        }
      if (!add_element (p, ai, value->str, value->len, vstart, error))
        return FALSE;
      if (composite)
        p->result->composite_start = p->result->elements->len;
    }
  return TRUE;
}

/* ---- Digital Link ----------------------------------------------------- */

static const struct { const char *alpha, *ai; } convenience_alphas[] = {
  { "gtin", "01" }, { "itip", "8006" }, { "cpv", "22" }, { "lot", "10" }, { "ser", "21" },
  { "sscc", "00" }, { "gln", "414" }, { "party", "417" }, { "gsrn", "8018" }, { "gsrnp", "8017" },
  { "grai", "8003" }, { "giai", "8004" }, { "gdti", "253" }, { "gcn", "255" }, { "ginc", "401" },
  { "gsin", "402" }, { "cpid", "8010" }, { "cpsn", "8011" }, { "gmn", "8013" }, { "srin", "8019" },
  { "tpx", "235" }, { "glnx", "254" }, { "refno", "8020" }, { "upui", "235" },
};

static const char *
path_ai (const Parser *p, const char *segment)
{
  gsize n = strlen (segment);

  if (n >= 2 && n <= 4 && strspn (segment, "0123456789") == n)
    return lookup_ai (segment) ? segment : NULL;
  if (p->flags & LOTLINE_GS1_FLAG_DL_CONVENIENCE_ALPHAS)
    for (guint i = 0; i < G_N_ELEMENTS (convenience_alphas); i++)
      if (g_str_equal (segment, convenience_alphas[i].alpha))
        return convenience_alphas[i].ai;
  return NULL;
}

static char *
percent_decode (const char *s, gsize n, gboolean query, gsize *out_len)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < n; i++)
    {
      if (s[i] == '%')
        {
          if (i + 2 >= n || !g_ascii_isxdigit (s[i + 1]) || !g_ascii_isxdigit (s[i + 2]))
            {
              g_string_free (out, TRUE);
              return NULL;
            }
          g_string_append_c (out, (char) (g_ascii_xdigit_value (s[i + 1]) * 16 + g_ascii_xdigit_value (s[i + 2])));
          i += 2;
        }
      else if (query && s[i] == '+')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, s[i]);
    }
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
dl_fail (GError **error, gsize position, const char *what)
{
  g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_DIGITAL_LINK,
               _("Digital Link, position %u: %s"), (guint) position + 1, what);
  return FALSE;
}

static gboolean
dl_add (Parser *p, const char *ai, const char *raw, gsize raw_len, gsize offset, gboolean query, GError **error)
{
  gsize n = 0;
  g_autofree char *value = percent_decode (raw, raw_len, query, &n);
  g_autofree char *padded = NULL;

  if (value == NULL)
    return dl_fail (error, offset, _("a percent escape is malformed."));
  if (g_str_equal (ai, "01") && (n == 8 || n == 12 || n == 13) && strspn (value, "0123456789") == n
      && (p->flags & LOTLINE_GS1_FLAG_DL_ZERO_SUPPRESSED))
    {
      padded = g_strdup_printf ("%.*s%s", (int) (14 - n), "000000", value);
      return add_element (p, ai, padded, 14, offset, error);
    }
  for (guint i = 0; i < p->result->elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (p->result->elements, i);

      if (g_str_equal (e->ai, ai))
        return dl_fail (error, offset, _("an AI appears twice."));
    }
  return add_element (p, ai, value, n, offset, error);
}

/* Whether the qualifiers (AIs) after the key follow one of its sequences in order. */
static gboolean
qualifiers_in_order (const AiEntry *key, GPtrArray *quals)
{
  if (quals->len == 0)
    return TRUE;
  for (guint s = 0; key->dl_sequences[s]; s++)
    {
      g_auto(GStrv) seq = g_strsplit (key->dl_sequences[s], ",", -1);
      guint k = 0;

      for (guint q = 0; q < quals->len; q++)
        {
          while (seq[k] && !g_str_equal (seq[k], g_ptr_array_index (quals, q)))
            k++;
          if (seq[k] == NULL)
            break;
          k++;
          if (q + 1 == quals->len)
            return TRUE;
        }
    }
  return FALSE;
}

/* Whether @ai belongs in the path: it qualifies the key in a sequence that
 * also holds the qualifiers already in the path. */
static gboolean
is_qualifier (const AiEntry *key, GPtrArray *quals, const char *ai)
{
  for (guint s = 0; key->dl_sequences[s]; s++)
    {
      g_auto(GStrv) seq = g_strsplit (key->dl_sequences[s], ",", -1);
      gboolean all = g_strv_contains ((const char *const *) seq, ai);

      for (guint q = 0; all && q < quals->len; q++)
        all = g_strv_contains ((const char *const *) seq, g_ptr_array_index (quals, q));
      if (all)
        return TRUE;
    }
  return FALSE;
}

static gboolean
parse_digital_link (Parser *p, GError **error)
{
  const char *s = p->input, *host, *path, *query = NULL, *end;
  g_auto(GStrv) segs = NULL;
  g_autoptr(GPtrArray) quals = g_ptr_array_new ();
  g_autofree char *path_copy = NULL;
  const AiEntry *key = NULL;
  gsize n = p->length, nsegs, k, offset;
  const char *hash;

  for (gsize i = 0; i < n; i++)
    if ((guchar) s[i] <= 0x20 || (guchar) s[i] >= 0x7F || strchr ("<>{}\\^`|\"", s[i]))
      return dl_fail (error, i, _("this character is not allowed in a URI."));
  if (g_str_has_prefix (s, "https://") || g_str_has_prefix (s, "HTTPS://"))
    host = s + 8;
  else if (g_str_has_prefix (s, "http://") || g_str_has_prefix (s, "HTTP://"))
    host = s + 7;
  else
    return dl_fail (error, 0, _("the URI must start with http:// or https://."));
  hash = memchr (s, '#', n);
  end = hash ? hash : s + n;
  path = memchr (host, '/', end - host);
  if (path == NULL || path == host)
    return dl_fail (error, host - s, _("the host name is missing."));
  for (const char *h = host; h < path; h++)
    if (!g_ascii_isalnum (*h) && !strchr ("-.:[]", *h))
      return dl_fail (error, h - s, _("this character is not allowed in a host name."));
  query = memchr (path, '?', end - path);
  path_copy = g_strndup (path + 1, (query ? query : end) - path - 1);
  segs = g_strsplit (path_copy, "/", -1);
  nsegs = g_strv_length (segs);

  /* Walk back over (AI, value) pairs to the primary key; anything before
   * it is the custom path stem. */
  k = nsegs;
  while (k >= 2)
    {
      const char *ai = path_ai (p, segs[k - 2]);
      const AiEntry *e = ai ? lookup_ai (ai) : NULL;

      if (e == NULL)
        break;
      k -= 2;
      if (e->dlpkey)
        {
          key = e;
          break;
        }
      g_ptr_array_insert (quals, 0, (gpointer) ai);
    }
  if (key == NULL)
    return dl_fail (error, path - s, _("the path holds no GS1 primary key, such as /01/ followed by a GTIN."));
  if (!qualifiers_in_order (key, quals))
    return dl_fail (error, path - s, _("the key qualifiers are not in the allowed order."));

  offset = path - s + 1;
  for (gsize i = 0; i < k; i++)
    offset += strlen (segs[i]) + 1;
  for (gsize i = k; i + 1 < nsegs; i += 2)
    {
      gsize voff = offset + strlen (segs[i]) + 1;

      if (segs[i + 1][0] == '\0')
        return dl_fail (error, voff, _("a value is missing."));
      if (g_str_equal (path_ai (p, segs[i]), "01") && !(p->flags & LOTLINE_GS1_FLAG_DL_ZERO_SUPPRESSED)
          && strlen (segs[i + 1]) != 14)
        return dl_fail (error, voff, _("the GTIN must have 14 digits."));
      if (!dl_add (p, path_ai (p, segs[i]), segs[i + 1], strlen (segs[i + 1]), voff, FALSE, error))
        return FALSE;
      offset = voff + strlen (segs[i + 1]) + 1;
    }

  if (query)
    {
      const char *q = query + 1;

      while (q < end)
        {
          const char *amp = memchr (q, '&', end - q), *eq;
          const char *pend = amp ? amp : end;
          g_autofree char *name = NULL;
          gsize nl;

          eq = memchr (q, '=', pend - q);
          nl = (eq ? eq : pend) - q;
          name = g_strndup (q, nl);
          if (eq && nl > 0 && strspn (name, "0123456789") == nl)
            {
              const AiEntry *e = lookup_ai (name);

              if (e == NULL && !(p->flags & LOTLINE_GS1_FLAG_PERMIT_UNKNOWN_AIS))
                return dl_fail (error, q - s, _("the query holds an unknown AI."));
              if (e == NULL)
                return dl_fail (error, q - s, _("an unknown AI cannot be a Digital Link data attribute."));
              if (is_qualifier (key, quals, name))
                return dl_fail (error, q - s, _("a key or key qualifier must be in the path, not the query."));
              if (e && !e->dl_attr)
                return dl_fail (error, q - s, _("this AI may not be used as a Digital Link data attribute."));
              if (g_str_equal (name, "01") && !(p->flags & LOTLINE_GS1_FLAG_DL_ZERO_SUPPRESSED)
                  && pend - eq - 1 != 14)
                return dl_fail (error, eq + 1 - s, _("the GTIN must have 14 digits."));
              if (memchr (eq + 1, '+', pend - eq - 1))
                return dl_fail (error, eq + 1 - s, _("this character is not allowed in a URI."));
              if (!dl_add (p, name, eq + 1, pend - eq - 1, eq + 1 - s, TRUE, error))
                return FALSE;
            }
          q = pend + 1;
        }
    }
  return TRUE;
}

/* ---- scanner data ----------------------------------------------------- */

static const struct {
  const char *id;
  const char *name;
  gboolean    gs1;
} symbologies[] = {
  { "]C1", "GS1_128_CCA", TRUE }, { "]e0", "DataBarExpanded", TRUE }, { "]d2", "DM", TRUE },
  { "]Q3", "QR", TRUE }, { "]J1", "DotCode", TRUE }, { "]d1", "DM", FALSE }, { "]Q1", "QR", FALSE },
  { "]J0", "DotCode", FALSE }, { "]E0", "EAN13", TRUE }, { "]E4", "EAN8", TRUE },
  /* Plain lot-code labels. */
  { "]C0", "CODE128", FALSE }, { "]A0", "CODE39", FALSE },
};

static gboolean
is_dl_uri (const char *s)
{
  return g_str_has_prefix (s, "https://") || g_str_has_prefix (s, "HTTPS://")
      || g_str_has_prefix (s, "http://") || g_str_has_prefix (s, "HTTP://");
}

static gboolean
parse_scanner (Parser *p, GError **error)
{
  const char *s = p->input;
  gsize n = p->length;
  guint sym;

  if (n < 3 || s[0] != ']')
    {
      g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYMBOLOGY,
                   _("Position 1: the scan has no symbology identifier such as ]C1."));
      return FALSE;
    }
  for (sym = 0; sym < G_N_ELEMENTS (symbologies); sym++)
    if (strncmp (s, symbologies[sym].id, 3) == 0)
      break;
  if (sym == G_N_ELEMENTS (symbologies))
    {
      g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYMBOLOGY,
                   _("Position 1: %.3s is not a symbology identifier that carries GS1 data."), s);
      return FALSE;
    }
  p->result->symbology = g_strdup (symbologies[sym].name);
  p->result->gs1 = symbologies[sym].gs1;

  if (s[1] == 'E')
    {
      gsize digits = s[2] == '0' ? 13 : 8, body = n - 3;
      const char *bar = memchr (s + 3, '|', n - 3);
      g_autofree char *gtin = NULL;

      if (bar)
        body = bar - s - 3;
      if (body != digits || strspn (s + 3, "0123456789") < digits || !lotline_gs1_gtin_valid (gtin = g_strndup (s + 3, digits)))
        {
          g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYMBOLOGY,
                       _("Position 4: this is not a valid EAN/UPC number of %u digits."), (guint) digits);
          return FALSE;
        }
      {
        g_autofree char *gtin14 = g_strdup_printf ("%.*s%s", (int) (14 - digits), "000000", gtin);
        GString *data = g_string_new (gtin);

        if (!add_element (p, "01", gtin14, 14, 3, error))
          {
            g_string_free (data, TRUE);
            return FALSE;
          }
        if (bar)
          {
            gsize first = p->result->elements->len;
            g_autoptr(LotlineGs1Result) part = NULL;

            if (n - (bar - s) < 4 || strncmp (bar + 1, "]e0", 3) != 0)
              {
                g_string_free (data, TRUE);
                g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYMBOLOGY,
                             _("Position %u: the composite part must start with ]e0."), (guint) (bar - s) + 2);
                return FALSE;
              }
            if (!parse_element_string (p, bar - s + 4, n, FALSE, error))
              {
                g_string_free (data, TRUE);
                return FALSE;
              }
            p->result->composite_start = (guint) first;
            part = result_new ();
            for (guint i = first; i < p->result->elements->len; i++)
              {
                LotlineGs1Element *e = g_ptr_array_index (p->result->elements, i);
                LotlineGs1Element *copy = g_new0 (LotlineGs1Element, 1);

                copy->ai = g_strdup (e->ai);
                copy->value = g_strdup (e->value);
                g_ptr_array_add (part->elements, copy);
              }
            {
              g_autofree char *u = lotline_gs1_to_unbracketed (part);

              g_string_append_c (data, '|');
              g_string_append (data, u);
            }
          }
        p->result->data = g_string_free (data, FALSE);
      }
      return TRUE;
    }

  if (!symbologies[sym].gs1)
    {
      GString *data = g_string_new (NULL);

      for (gsize i = 3; i < n; i++)
        {
          if (s[i] == '^')
            g_string_append_c (data, '\\');
          g_string_append_c (data, s[i]);
        }
      p->result->data = g_string_free (data, FALSE);
      if (is_dl_uri (s + 3))
        {
          Parser dl = *p;

          dl.input = s + 3;
          dl.length = n - 3;
          p->result->gs1 = TRUE;
          return parse_digital_link (&dl, error);
        }
      return TRUE;
    }

  if (n == 3)
    {
      g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYNTAX,
                   _("Position 4: the scan holds no GS1 data after %.3s."), s);
      return FALSE;
    }
  return parse_element_string (p, 3, n, FALSE, error);
}

/**
 * lotline_gs1_parse:
 * @text: the data, a byte string
 * @length: its length, or -1 when it is NUL-terminated
 * @syntax: how to read it; AUTO picks by the first characters
 * @separator: a character a keyboard-wedge scanner sends for GS, or '\0'
 * @flags: options
 * @error: a LOTLINE_GS1_ERROR whose message says what is wrong and where
 *
 * Returns: (transfer full) (nullable): the AIs and values, or NULL
 */
LotlineGs1Result *
lotline_gs1_parse (const char *text, gssize length, LotlineGs1Syntax syntax, char separator,
                   LotlineGs1Flags flags, GError **error)
{
  g_autoptr(LotlineGs1Result) result = result_new ();
  g_autofree char *copy = NULL;
  Parser p = { .flags = flags, .separator = separator, .result = result };
  gboolean ok;

  g_return_val_if_fail (text != NULL, NULL);
  if (length < 0)
    length = (gssize) strlen (text);
  copy = g_strndup (text, (gsize) length);
  if (memchr (text, '\0', (gsize) length) == NULL)
    {
      p.input = copy;
      p.length = (gsize) length;
    }
  else
    {
      /* NUL bytes are never data; keep the length so positions are right. */
      p.input = text;
      p.length = (gsize) length;
    }
  if (syntax == LOTLINE_GS1_SYNTAX_AUTO)
    {
      if (length > 0 && text[0] == ']')
        syntax = LOTLINE_GS1_SYNTAX_SCANNER;
      else if (length > 0 && (text[0] == '(' || text[0] == '['))
        syntax = LOTLINE_GS1_SYNTAX_BRACKETED;
      else if (is_dl_uri (copy))
        syntax = LOTLINE_GS1_SYNTAX_DIGITAL_LINK;
    }
  if (length == 0)
    {
      g_set_error_literal (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYNTAX, _("There is no data."));
      return NULL;
    }
  result->gs1 = TRUE;
  switch (syntax)
    {
    case LOTLINE_GS1_SYNTAX_SCANNER:
      ok = parse_scanner (&p, error);
      break;
    case LOTLINE_GS1_SYNTAX_BRACKETED:
      ok = parse_bracketed (&p, error);
      break;
    case LOTLINE_GS1_SYNTAX_DIGITAL_LINK:
      ok = parse_digital_link (&p, error);
      break;
    case LOTLINE_GS1_SYNTAX_UNBRACKETED:
      if (text[0] != '^')
        {
          g_set_error_literal (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYNTAX,
                               _("Position 1: the data must start with ^ (FNC1)."));
          return NULL;
        }
      G_GNUC_FALLTHROUGH;
    case LOTLINE_GS1_SYNTAX_AUTO:
    default:
      /* A leading ^ is the FNC1 in first position; typed or wedge data may
       * leave it out. */
      {
        /* "|^" starts the 2D part of a composite. */
        const char *bar = text[0] == '^' ? g_strstr_len (p.input, (gssize) p.length, "|^") : NULL;
        gsize linear = bar ? (gsize) (bar - p.input) : p.length;

        ok = parse_element_string (&p, 0, linear, text[0] == '^', error);
        if (ok && bar)
          {
            result->composite_start = result->elements->len;
            ok = parse_element_string (&p, linear + 1, p.length, TRUE, error);
          }
      }
      if (ok && result->elements->len == 0)
        {
          g_set_error_literal (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYNTAX, _("There are no AIs in the data."));
          ok = FALSE;
        }
      break;
    }
  if (ok && result->gs1 && !(flags & LOTLINE_GS1_FLAG_NO_ASSOCIATIONS))
    ok = lotline_gs1_check_associations (result->elements, error);
  return ok ? g_steal_pointer (&result) : NULL;
}

/* ---- finding the lot -------------------------------------------------- */

/**
 * lotline_store_find_lot_by_gtin:
 * @gtin: a GTIN-8, -12, -13 or -14; stored product GTINs of any of these
 *   lengths match, leading zeros aside
 * @lot_code: the lot, AI (10): our lot code or, for a lot received under
 *   our own code, the supplier's
 * @expires_on: (nullable): the ISO expiry from AI (17); it only decides
 *   between several lots of the same code
 * @out_lot_id: (out) (optional): the lot
 * @out_product_id: (out) (optional): the product, set even when the lot is
 *   unknown, so that a caller can offer to receive it
 * @error: LOTLINE_GS1_ERROR_UNKNOWN_PRODUCT or _UNKNOWN_LOT
 */
gboolean
lotline_store_find_lot_by_gtin (LotlineStore *store, const char *gtin, const char *lot_code,
                                const char *expires_on, gint64 *out_lot_id, gint64 *out_product_id,
                                GError **error)
{
  char forms[4][15];
  gsize n = strlen (gtin);
  sqlite3_stmt *stmt;
  gint64 product = 0, lot = 0;
  int rc;

  if (n > 14 || n < 8 || strspn (gtin, "0123456789") != n || !lotline_gs1_gtin_valid (gtin))
    {
      g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYNTAX, _("“%s” is not a GTIN."), gtin);
      return FALSE;
    }
  g_snprintf (forms[0], sizeof forms[0], "%.*s%s", (int) (14 - n), "000000", gtin);
  /* The shorter forms, when only zeros are dropped. */
  for (guint i = 1, len = 13; i < 4; i++, len = len == 13 ? 12 : 8)
    g_strlcpy (forms[i], strspn (forms[0], "0") >= 14 - len ? forms[0] + 14 - len : forms[0], sizeof forms[i]);

  stmt = lotline_store_prepare (store, "SELECT id FROM product WHERE gtin IN (?1, ?2, ?3, ?4) ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < 4; i++)
    sqlite3_bind_text (stmt, i + 1, forms[i], -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    product = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (product == 0)
    {
      g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_UNKNOWN_PRODUCT,
                   _("No product has the GTIN %s."), forms[0]);
      return FALSE;
    }
  if (out_product_id)
    *out_product_id = product;

  stmt = lotline_store_prepare (store,
                                "SELECT id FROM lot WHERE product_id = ?1 AND (code = ?2 OR supplier_lot = ?2)"
                                " ORDER BY code = ?2 DESC, (?3 IS NOT NULL AND expires_on IS ?3) DESC, id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product);
  sqlite3_bind_text (stmt, 2, lot_code, -1, SQLITE_TRANSIENT);
  lotline_bind_text_or_null (stmt, 3, expires_on);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    lot = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (lot == 0)
    {
      g_set_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_UNKNOWN_LOT,
                   _("There is no lot “%s” of the product with GTIN %s."), lot_code, forms[0]);
      return FALSE;
    }
  if (out_lot_id)
    *out_lot_id = lot;
  return TRUE;
}
