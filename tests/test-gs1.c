/* SPDX-License-Identifier: GPL-3.0-or-later */

/* GS1 parsing against the corpus in $LOTLINE_SHARED_DIR/corpus/gs1 (read in
 * place, never copied), and the GTIN + lot look-up. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "lotline-gs1.h"
#include "lotline-store-private.h"
#include "lotline-test-util.h"

/* ---- known deviations ------------------------------------------------- */

/* Every case where Lotline differs from the corpus, with the reason.  A case
 * that deviates and is not here fails the test. */
typedef struct {
  const char *set;
  const char *input;
  const char *reason;
} Deviation;

static const Deviation known_deviations[] = {
  /* biip reads the time 9999 in (4324)/(4325) as "no time"; the syntax
   * dictionary's hhmi linter, which Lotline follows, rejects it. */
  { "biip-dates", "43240701029999", "hhmi rejects 9999" },
  { "biip-dates", "43250701029999", "hhmi rejects 9999" },
  /* zint accepts a lone 0 in (8011); the dictionary's nozeroprefix linter,
   * whose own unit tests reject "0", is followed. */
  { "zint-gs1-lint", "[8011]0", "nozeroprefix rejects 0" },
};

/* Besides the list: the code-list linters (iso3166, iso4217, iban,
 * packagetype, mediatype, couponcode, …) are not checked, because their lists
 * are in upstream C sources the corpus does not carry.  A case that upstream
 * rejects and Lotline accepts counts as a known deviation only when one of
 * its AIs uses such a linter (see lotline_gs1_linter_is_checked()). */

static gboolean
is_known_deviation (const char *set, const char *input)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_deviations); i++)
    if (g_str_equal (known_deviations[i].set, set) && g_str_equal (known_deviations[i].input, input))
      return TRUE;
  return FALSE;
}

/* Whether one of the AIs Lotline found uses an unchecked linter, by the
 * dictionary's format of each AI. */
static gboolean
uses_unchecked_linter (const LotlineGs1Result *r)
{
  for (guint i = 0; i < r->elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (r->elements, i);
      const char *format = lotline_gs1_ai_format (e->ai);
      g_auto(GStrv) parts = format ? g_strsplit_set (format, " ,[]", -1) : NULL;

      for (guint k = 0; parts && parts[k]; k++)
        if (g_ascii_islower (parts[k][0]) && !lotline_gs1_linter_is_checked (parts[k]))
          return TRUE;
    }
  return FALSE;
}

/* ---- reading the corpus ----------------------------------------------- */

static char *
corpus_path (const char *relative)
{
  const char *shared = g_getenv ("LOTLINE_SHARED_DIR");

  /* CI always has ../shared: a missing corpus is a failure, not a skip. */
  g_assert_nonnull (shared);
  return g_build_filename (shared, "corpus", "gs1", relative, NULL);
}

static char *
read_corpus (const char *relative)
{
  g_autofree char *path = corpus_path (relative);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("The GS1 corpus is missing: %s", error->message);
  return text;
}

/* Undoes the TSV escapes of SOURCES.md: \\ \t \n \r \xHH. */
static GString *
unescape (const char *field)
{
  GString *out = g_string_new (NULL);

  for (const char *p = field; *p; p++)
    {
      if (*p != '\\' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 't': g_string_append_c (out, '\t'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 'x':
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2])));
          p += 2;
          break;
        default: g_string_append_c (out, *p); break;
        }
    }
  return out;
}

typedef struct {
  GPtrArray *header;
  GPtrArray *rows;   /* GPtrArray of GString */
} Tsv;

static Tsv *
read_tsv (const char *relative)
{
  g_autofree char *text = read_corpus (relative);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  Tsv *tsv = g_new0 (Tsv, 1);

  tsv->header = g_ptr_array_new_with_free_func (g_free);
  tsv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) fields = NULL;
      GPtrArray *row;

      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (i == 0)
        {
          for (guint k = 0; fields[k]; k++)
            g_ptr_array_add (tsv->header, g_strdup (fields[k]));
          continue;
        }
      row = g_ptr_array_new ();
      for (guint k = 0; fields[k]; k++)
        g_ptr_array_add (row, unescape (fields[k]));
      g_ptr_array_add (tsv->rows, row);
    }
  return tsv;
}

static void
tsv_free (Tsv *tsv)
{
  for (guint i = 0; i < tsv->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (tsv->rows, i);

      for (guint k = 0; k < row->len; k++)
        g_string_free (g_ptr_array_index (row, k), TRUE);
      g_ptr_array_set_free_func (row, NULL);
    }
  g_ptr_array_unref (tsv->rows);
  g_ptr_array_unref (tsv->header);
  g_free (tsv);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tsv, tsv_free)

static const GString *
cell (const Tsv *tsv, GPtrArray *row, const char *column)
{
  static GString empty = { (char *) "", 0, 0 };

  for (guint k = 0; k < tsv->header->len; k++)
    if (g_str_equal (g_ptr_array_index (tsv->header, k), column))
      return k < row->len ? g_ptr_array_index (row, k) : &empty;
  return &empty;   /* a column this set does not have */
}

#define CELL(name) (cell (tsv, row, (name))->str)

/* Our AIs as the corpus writes them: compact JSON. */
static char *
ais_json (const LotlineGs1Result *r)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < r->elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (r->elements, i);

      g_string_append_printf (s, "%s[\"%s\",\"", i ? "," : "", e->ai);
      for (const char *p = e->value; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (s, '\\');
          g_string_append_c (s, *p);
        }
      g_string_append (s, "\"]");
    }
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static LotlineGs1Flags
options_flags (const char *options)
{
  LotlineGs1Flags flags = 0;

  if (strstr (options, "permitUnknownAIs=true"))
    flags |= LOTLINE_GS1_FLAG_PERMIT_UNKNOWN_AIS;
  if (strstr (options, "permitConvenienceAlphas=true"))
    flags |= LOTLINE_GS1_FLAG_DL_CONVENIENCE_ALPHAS;
  if (strstr (options, "permitZeroSuppressedGTINinDLuris=true"))
    flags |= LOTLINE_GS1_FLAG_DL_ZERO_SUPPRESSED;
  return flags;
}

typedef struct {
  const char *name;
  guint       cases, passed, known, not_applicable, failed;
} Tally;

static void
tally_case (Tally *t, gboolean ok, const char *input, const char *why)
{
  t->cases++;
  if (ok)
    t->passed++;
  else if (is_known_deviation (t->name, input))
    t->known++;
  else
    {
      g_autofree char *shown = g_strescape (input, NULL);

      t->failed++;
      g_test_message ("%s: deviation on “%s”: %s", t->name, shown, why);
    }
}

static void
tally_report (Tally *t)
{
  g_test_message ("%s: %u cases, %u pass, %u known deviations, %u not applicable",
                  t->name, t->cases, t->passed, t->known, t->not_applicable);
  g_assert_cmpuint (t->cases, >, 0);
  g_assert_cmpuint (t->failed, ==, 0);
}

/* Accept/reject plus the exact AI list and unbracketed string. */
static gboolean
check_parse (Tally *t, const char *input, gsize len, LotlineGs1Syntax syntax, LotlineGs1Flags flags,
             gboolean valid, const char *expect_unbracketed, const char *expect_ais)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineGs1Result) r = lotline_gs1_parse (input, (gssize) len, syntax, '\0', flags, &error);
  g_autofree char *why = NULL;

  if (!valid)
    {
      if (r == NULL && error != NULL && error->message[0] != '\0')
        return TRUE;
      if (r && uses_unchecked_linter (r))
        {
          t->cases++;
          t->known++;
          return FALSE;
        }
      tally_case (t, FALSE, input, "accepted, should be rejected");
      return FALSE;
    }
  if (r == NULL)
    why = g_strdup_printf ("rejected: %s", error->message);
  else
    {
      g_autofree char *u = lotline_gs1_to_unbracketed (r);
      g_autofree char *j = ais_json (r);

      if (expect_unbracketed && *expect_unbracketed && !g_str_equal (u, expect_unbracketed))
        why = g_strdup_printf ("gives %s, expected %s", u, expect_unbracketed);
      else if (expect_ais && *expect_ais && !g_str_equal (j, expect_ais))
        why = g_strdup_printf ("gives %s, expected %s", j, expect_ais);
    }
  if (why)
    {
      tally_case (t, FALSE, input, why);
      return FALSE;
    }
  return TRUE;
}

#define COUNT(t, ok) G_STMT_START { if (ok) { (t)->cases++; (t)->passed++; } } G_STMT_END

/* ---- the sets --------------------------------------------------------- */

static void
test_scan_data_parse (void)
{
  g_autoptr(Tsv) tsv = read_tsv ("syntax-engine/scan-data-parse.tsv");
  Tally t = { "scan-data-parse" };

  for (guint i = 0; i < tsv->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (tsv->rows, i);
      const GString *input = cell (tsv, row, "input");
      gboolean valid = g_str_equal (CELL ("valid"), "true");
      g_autoptr(GError) error = NULL;
      /* With the pairing rules on, as the app scans. */
      g_autoptr(LotlineGs1Result) r = lotline_gs1_parse (input->str, (gssize) input->len, LOTLINE_GS1_SYNTAX_SCANNER,
                                                         '\0', LOTLINE_GS1_FLAG_NONE, &error);
      g_autofree char *why = NULL;

      if (!valid)
        {
          if (r != NULL)
            why = g_strdup ("accepted, should be rejected");
        }
      else if (r == NULL)
        why = g_strdup_printf ("rejected: %s", error->message);
      else
        {
          g_autofree char *u = lotline_gs1_to_unbracketed (r);
          g_autofree char *j = ais_json (r);
          const char *got = r->data ? r->data : u;

          if (!g_str_equal (r->symbology, CELL ("expect_symbology")))
            why = g_strdup_printf ("symbology %s, expected %s", r->symbology, CELL ("expect_symbology"));
          else if (!g_str_equal (got, CELL ("expected")))
            why = g_strdup_printf ("gives %s, expected %s", got, CELL ("expected"));
          else if (*CELL ("ais") && !g_str_equal (j, CELL ("ais")))
            why = g_strdup_printf ("gives %s, expected %s", j, CELL ("ais"));
          else if (*CELL ("expect_dl_ai_data") && !g_str_equal (u, CELL ("expect_dl_ai_data")))
            why = g_strdup_printf ("DL data %s, expected %s", u, CELL ("expect_dl_ai_data"));
        }
      tally_case (&t, why == NULL, input->str, why);
    }
  tally_report (&t);
}

static void
run_syntax_engine_set (const char *file, const char *name, LotlineGs1Syntax syntax, LotlineGs1Flags base,
                       const char *unbracketed_column)
{
  g_autoptr(Tsv) tsv = read_tsv (file);
  Tally t = { name };

  for (guint i = 0; i < tsv->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (tsv->rows, i);
      const GString *input = cell (tsv, row, "input");
      gboolean valid = g_str_equal (CELL ("valid"), "true");
      LotlineGs1Flags flags = base | options_flags (CELL ("options"));

      /* The engine's validation.UNKNOWN_AI_NOT_DL_ATTR=false has no
       * counterpart: Lotline never takes an unknown AI as a Digital Link
       * data attribute. */
      if (strstr (CELL ("options"), "UNKNOWN_AI_NOT_DL_ATTR=false"))
        {
          t.not_applicable++;
          continue;
        }
      COUNT (&t, check_parse (&t, input->str, input->len, syntax, flags, valid,
                              unbracketed_column ? CELL (unbracketed_column) : NULL, CELL ("ais")));
    }
  tally_report (&t);
}

/* The two parse sets check syntax and linters only, not pairing (corpus
 * README, section 3). */
static void
test_ai_bracketed_parse (void)
{
  run_syntax_engine_set ("syntax-engine/ai-bracketed-parse.tsv", "ai-bracketed-parse",
                         LOTLINE_GS1_SYNTAX_BRACKETED, LOTLINE_GS1_FLAG_NO_ASSOCIATIONS, "expected");
}

static void
test_ai_unbracketed_parse (void)
{
  run_syntax_engine_set ("syntax-engine/ai-unbracketed-parse.tsv", "ai-unbracketed-parse",
                         LOTLINE_GS1_SYNTAX_UNBRACKETED, LOTLINE_GS1_FLAG_NO_ASSOCIATIONS, NULL);
}

static void
test_ai_associations (void)
{
  run_syntax_engine_set ("syntax-engine/ai-associations.tsv", "ai-associations",
                         LOTLINE_GS1_SYNTAX_BRACKETED, LOTLINE_GS1_FLAG_NONE, NULL);
}

static void
test_digital_link_parse (void)
{
  run_syntax_engine_set ("syntax-engine/digital-link-parse.tsv", "digital-link-parse",
                         LOTLINE_GS1_SYNTAX_DIGITAL_LINK, LOTLINE_GS1_FLAG_NONE, "expected");
}

/* zint: ret=0 must parse to expect_ais (bracketed input and the reduced
 * scan data alike); INVALID_DATA must be refused even when lenient;
 * WARN_NONCOMPLIANT must be refused by default and, when lenient, accepted
 * with noncompliant set and a warning.  zint does not apply the pairing
 * rules, so neither do these runs. */
static void
run_zint_set (const char *file, const char *name)
{
  g_autoptr(Tsv) tsv = read_tsv (file);
  Tally t = { name };

  for (guint i = 0; i < tsv->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (tsv->rows, i);
      const GString *input = cell (tsv, row, "input");
      const char *ret = CELL ("ret");
      gboolean raw = g_str_equal (CELL ("input_mode"), "GS1RAW_MODE");
      LotlineGs1Syntax syntax = raw ? LOTLINE_GS1_SYNTAX_AUTO
                              : input->str[0] == '^' ? LOTLINE_GS1_SYNTAX_UNBRACKETED : LOTLINE_GS1_SYNTAX_BRACKETED;
      const LotlineGs1Flags flags = LOTLINE_GS1_FLAG_NO_ASSOCIATIONS;

      if (raw && (input->len == 0 || input->str[0] == '[' || input->str[0] == '('))
        syntax = LOTLINE_GS1_SYNTAX_UNBRACKETED;   /* raw data is never bracketed */

      if (g_str_equal (ret, "0"))
        {
          g_autofree char *scan = g_strconcat ("]C1", CELL ("expect_reduced"), NULL);

          if (!check_parse (&t, input->str, input->len, syntax, flags, TRUE, NULL, CELL ("expect_ais")))
            continue;
          COUNT (&t, check_parse (&t, scan, strlen (scan), LOTLINE_GS1_SYNTAX_SCANNER, flags, TRUE, NULL,
                                  CELL ("expect_ais")));
        }
      else if (g_str_equal (ret, "ZINT_ERROR_INVALID_DATA"))
        {
          if (!check_parse (&t, input->str, input->len, syntax, flags, FALSE, NULL, NULL))
            continue;
          COUNT (&t, check_parse (&t, input->str, input->len, syntax, flags | LOTLINE_GS1_FLAG_LENIENT,
                                  FALSE, NULL, NULL));
        }
      else if (g_str_equal (ret, "ZINT_WARN_NONCOMPLIANT"))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(LotlineGs1Result) lenient = NULL;

          if (!check_parse (&t, input->str, input->len, syntax, flags, FALSE, NULL, NULL))
            continue;
          lenient = lotline_gs1_parse (input->str, (gssize) input->len, syntax, '\0',
                                       flags | LOTLINE_GS1_FLAG_LENIENT, &error);
          tally_case (&t, lenient == NULL || (lenient->noncompliant && lenient->warnings->len > 0),
                      input->str, "lenient parse lost the noncompliance");
        }
      else
        t.not_applicable++;
    }
  tally_report (&t);
}

static void
test_zint_verify (void)
{
  run_zint_set ("zint/gs1-verify.tsv", "zint-gs1-verify");
}

static void
test_zint_lint (void)
{
  run_zint_set ("zint/gs1-lint.tsv", "zint-gs1-lint");
}

/* Each linter on its own: rejected with the same GS1_LINTER_* code, at the
 * highlighted span. */
static void
test_linter_unit_tests (void)
{
  g_autoptr(Tsv) tsv = read_tsv ("syntax-dictionary/linter-unit-tests.tsv");
  Tally t = { "linter-unit-tests" };

  for (guint i = 0; i < tsv->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (tsv->rows, i);
      const char *linter = CELL ("linter");
      const GString *input = cell (tsv, row, "input");
      gboolean valid = g_str_equal (CELL ("valid"), "true");
      gsize pos = 0, len = 0;
      const char *fault;
      g_autofree char *why = NULL;

      if (!lotline_gs1_linter_is_checked (linter))
        {
          t.not_applicable++;
          continue;
        }
      fault = lotline_gs1_lint (linter, input->str, input->len, &pos, &len);
      if (valid && fault)
        why = g_strdup_printf ("%s: %s", linter, fault);
      else if (!valid)
        {
          g_autoptr(GString) mark = g_string_new (NULL);

          if (fault)
            {
              g_string_append_len (mark, input->str, (gssize) pos);
              g_string_append_c (mark, '*');
              g_string_append_len (mark, input->str + pos, (gssize) len);
              g_string_append_c (mark, '*');
              g_string_append_len (mark, input->str + pos + len, (gssize) (input->len - pos - len));
            }
          if (fault == NULL)
            why = g_strdup_printf ("%s: accepted", linter);
          else if (!g_str_equal (fault, CELL ("expect_error")) || !g_str_equal (mark->str, CELL ("expect_highlight")))
            why = g_strdup_printf ("%s: %s at %s, expected %s at %s", linter, fault, mark->str,
                                   CELL ("expect_error"), CELL ("expect_highlight"));
        }
      tally_case (&t, why == NULL, input->str, why);
    }
  tally_report (&t);
}

/* ---- biip ------------------------------------------------------------- */

static JsonArray *
biip_cases (JsonParser *parser, const char *group)
{
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  JsonObject *g = json_object_get_object_member (root, group);

  g_assert_nonnull (g);
  return json_object_get_array_member (g, "cases");
}

static JsonParser *
biip_parser (void)
{
  g_autofree char *path = corpus_path ("biip/biip-test-cases.json");
  JsonParser *parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("The GS1 corpus is missing: %s", error->message);
  return parser;
}

static const char *
member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n && !JSON_NODE_HOLDS_NULL (n) ? json_node_get_string (n) : NULL;
}

static void
test_biip (void)
{
  g_autoptr(JsonParser) parser = biip_parser ();
  Tally dates = { "biip-dates" }, measures = { "biip-variable-measures" }, seps = { "biip-separators" };
  JsonArray *a;

  g_setenv ("LOTLINE_TODAY", "2026-11-21", TRUE);   /* the corpus evaluated the window in 2026 */
  a = biip_cases (parser, "tests.test_gs1_element_strings::test_extract_date_and_datetime");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *c = json_array_get_object_element (a, i);
      const char *value = member (c, "value");
      const char *want = member (c, "expected_datetime") ? member (c, "expected_datetime") : member (c, "expected_date");
      g_autoptr(LotlineGs1Result) r = lotline_gs1_parse (value, -1, LOTLINE_GS1_SYNTAX_AUTO, '\0',
                                                         LOTLINE_GS1_FLAG_NO_ASSOCIATIONS, NULL);
      const LotlineGs1Element *e = r ? g_ptr_array_index (r->elements, 0) : NULL;

      tally_case (&dates, e && g_strcmp0 (e->stored, want) == 0, value, "wrong stored date");
    }
  a = biip_cases (parser, "tests.test_gs1_element_strings::test_extract_handles_zero_day_as_last_day_of_month");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *c = json_array_get_object_element (a, i);
      g_autoptr(LotlineGs1Result) r = lotline_gs1_parse (member (c, "value"), -1, LOTLINE_GS1_SYNTAX_AUTO, '\0',
                                                         LOTLINE_GS1_FLAG_NO_ASSOCIATIONS, NULL);

      tally_case (&dates, r && g_strcmp0 (lotline_gs1_result_get (r, "15") ? lotline_gs1_result_get (r, "15")
                                                                            : lotline_gs1_result_get (r, "17"),
                                          member (c, "expected")) == 0,
                  member (c, "value"), "wrong last day of month");
    }
  a = biip_cases (parser, "tests.test_gs1_element_strings::test_extract_handles_min_and_max_year_correctly");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *c = json_array_get_object_element (a, i);
      JsonObject *x = json_object_get_object_member (c, "expected");
      g_autoptr(LotlineGs1Result) r = lotline_gs1_parse (member (c, "value"), -1, LOTLINE_GS1_SYNTAX_AUTO, '\0',
                                                         LOTLINE_GS1_FLAG_NO_ASSOCIATIONS, NULL);

      tally_case (&dates, r && g_strcmp0 (lotline_gs1_result_get (r, "15"), member (x, "date")) == 0,
                  member (c, "value"), "wrong century");
    }
  a = biip_cases (parser, "tests.test_gs1_element_strings::test_extract_fails_with_invalid_date");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *c = json_array_get_object_element (a, i);
      g_autofree char *value = g_strconcat (member (c, "ai_code"), member (c, "bad_value"), NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(LotlineGs1Result) r = lotline_gs1_parse (value, -1, LOTLINE_GS1_SYNTAX_AUTO, '\0',
                                                         LOTLINE_GS1_FLAG_NO_ASSOCIATIONS, &error);

      tally_case (&dates, r == NULL && g_error_matches (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_NONCOMPLIANT),
                  value, "impossible date accepted");
    }
  tally_report (&dates);

  a = biip_cases (parser, "tests.test_gs1_element_strings::test_extract_variable_measures");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *c = json_array_get_object_element (a, i);
      const char *value = member (c, "value");
      g_autoptr(LotlineGs1Result) r = lotline_gs1_parse (value, -1, LOTLINE_GS1_SYNTAX_AUTO, '\0',
                                                         LOTLINE_GS1_FLAG_NO_ASSOCIATIONS, NULL);
      const LotlineGs1Element *e = r ? g_ptr_array_index (r->elements, 0) : NULL;

      tally_case (&measures, e && g_strcmp0 (e->stored, member (c, "expected")) == 0, value, "wrong decimal");
    }
  tally_report (&measures);

  a = biip_cases (parser, "tests.test_gs1_messages::test_parse_with_separator_char");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *c = json_array_get_object_element (a, i);
      JsonArray *sep = json_object_get_array_member (c, "separator_chars");
      const char *value = member (c, "value");
      char separator = '\0';
      g_autoptr(LotlineGs1Result) r = NULL;
      g_autofree char *hri = NULL;

      /* GS always separates; the configurable character is the other one. */
      for (guint k = 0; k < json_array_get_length (sep); k++)
        if (json_array_get_string_element (sep, k)[0] != '\x1D')
          separator = json_array_get_string_element (sep, k)[0];
      r = lotline_gs1_parse (value, -1, LOTLINE_GS1_SYNTAX_AUTO, separator, LOTLINE_GS1_FLAG_NO_ASSOCIATIONS, NULL);
      hri = r ? lotline_gs1_to_bracketed (r) : NULL;
      tally_case (&seps, g_strcmp0 (hri, member (c, "expected_hri")) == 0, value, hri ? hri : "rejected");
    }
  a = biip_cases (parser, "tests.test_gs1_messages::test_parse_ignores_redundant_separator_chars");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *c = json_array_get_object_element (a, i);
      const char *value = member (c, "value");
      g_autoptr(LotlineGs1Result) r = lotline_gs1_parse (value, -1, LOTLINE_GS1_SYNTAX_AUTO, '\0',
                                                         LOTLINE_GS1_FLAG_NO_ASSOCIATIONS, NULL);
      g_autofree char *hri = r ? lotline_gs1_to_bracketed (r) : NULL;

      tally_case (&seps, g_strcmp0 (hri, member (c, "expected_hri")) == 0, value, hri ? hri : "rejected");
    }
  tally_report (&seps);
  g_unsetenv ("LOTLINE_TODAY");
}

/* The exact GS1_LINTER_* fault of each AI.  Faults of the code-list
 * linters that Lotline does not check are not applicable. */
static void
test_ai_linter_errors (void)
{
  static const char *const unchecked_codes[] = { "COUPON_", "IBAN", "ISO3166", "ISO4217",
                                                 "PACKAGE_TYPE" };
  g_autoptr(Tsv) tsv = read_tsv ("syntax-engine/ai-linter-errors.tsv");
  Tally t = { "ai-linter-errors" };

  for (guint i = 0; i < tsv->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (tsv->rows, i);
      const GString *input = cell (tsv, row, "input");
      const char *want = CELL ("expect_linter_error");
      gboolean valid = g_str_equal (CELL ("valid"), "true");
      g_autoptr(LotlineGs1Result) r = NULL;
      g_autoptr(GError) error = NULL;
      const char *fault = NULL;
      gboolean applicable = TRUE;

      for (guint k = 0; k < G_N_ELEMENTS (unchecked_codes); k++)
        if (strstr (want, unchecked_codes[k]))
          applicable = FALSE;
      if (!applicable)
        {
          t.not_applicable++;
          continue;
        }
      r = lotline_gs1_parse (input->str, (gssize) input->len, LOTLINE_GS1_SYNTAX_BRACKETED, '\0',
                             LOTLINE_GS1_FLAG_NO_ASSOCIATIONS | LOTLINE_GS1_FLAG_LENIENT, &error);
      for (guint k = 0; r && fault == NULL && k < r->elements->len; k++)
        {
          const LotlineGs1Element *e = g_ptr_array_index (r->elements, k);

          fault = lotline_gs1_check_value (e->ai, e->value, strlen (e->value), NULL);
        }
      if (r == NULL)
        tally_case (&t, FALSE, input->str, error->message);
      else if (valid)
        tally_case (&t, fault == NULL && !r->noncompliant, input->str, fault ? fault : "flagged noncompliant");
      else
        tally_case (&t, g_strcmp0 (fault, want) == 0 && r->noncompliant, input->str, fault ? fault : "accepted");
    }
  tally_report (&t);
}

static void
test_gtin_check_digit (void)
{
  g_autofree char *path = corpus_path ("syntax-engine/gtin-check-digit.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  Tally t = { "gtin-check-digit" };
  JsonArray *a;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("The GS1 corpus is missing: %s", error->message);
  a = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *c = json_array_get_object_element (a, i);
      const char *input = member (c, "input");

      tally_case (&t, lotline_gs1_gtin_valid (input) == json_object_get_boolean_member (c, "valid"), input,
                  "check digit misjudged");
    }
  tally_report (&t);
}

/* Unbracketed data (with a composite part) and DL URIs to the bracketed
 * HRI, with "(" in values escaped. */
static void
test_to_bracketed (void)
{
  g_autofree char *path = corpus_path ("syntax-engine/to-bracketed.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  Tally t = { "to-bracketed" };
  JsonArray *a;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("The GS1 corpus is missing: %s", error->message);
  a = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *c = json_array_get_object_element (a, i);
      const char *input = member (c, "input"), *want = member (c, "expect_bracketed");
      g_autoptr(LotlineGs1Result) r = lotline_gs1_parse (input, -1, LOTLINE_GS1_SYNTAX_AUTO, '\0',
                                                         LOTLINE_GS1_FLAG_NO_ASSOCIATIONS, NULL);
      g_autofree char *got = r ? lotline_gs1_to_bracketed (r) : NULL;
      g_autoptr(LotlineGs1Result) back = got ? lotline_gs1_parse (got, -1, LOTLINE_GS1_SYNTAX_AUTO, '\0',
                                                                  LOTLINE_GS1_FLAG_NO_ASSOCIATIONS, NULL) : NULL;
      g_autofree char *again = back ? lotline_gs1_to_bracketed (back) : NULL;

      /* …and the bracketed form reads back to the same AIs. */
      tally_case (&t, g_strcmp0 (got, want) == 0 && g_strcmp0 (again, want) == 0, input, got ? got : "rejected");
    }
  tally_report (&t);
}

/* ---- Lotline's own decisions ------------------------------------------ */

static void
test_noncompliant_decision (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineGs1Result) strict = NULL, lenient = NULL;
  const char *bad_check = "(01)12345678901234(10)LOT1";   /* check digit should be 1 */

  strict = lotline_gs1_parse (bad_check, -1, LOTLINE_GS1_SYNTAX_AUTO, '\0', 0, &error);
  g_assert_null (strict);
  g_assert_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_NONCOMPLIANT);
  /* The message names the AI and the position of the check digit. */
  g_assert_nonnull (strstr (error->message, "(01)"));
  g_assert_nonnull (strstr (error->message, "18"));
  g_clear_error (&error);

  lenient = lotline_gs1_parse (bad_check, -1, LOTLINE_GS1_SYNTAX_AUTO, '\0', LOTLINE_GS1_FLAG_LENIENT, &error);
  g_assert_no_error (error);
  g_assert_true (lenient->noncompliant);
  g_assert_cmpuint (lenient->warnings->len, ==, 1);
  g_assert_cmpstr (lotline_gs1_result_get (lenient, "10"), ==, "LOT1");

  /* Structural faults are refused even when lenient. */
  g_assert_null (lotline_gs1_parse ("(01)1234", -1, LOTLINE_GS1_SYNTAX_AUTO, '\0', LOTLINE_GS1_FLAG_LENIENT, &error));
  g_assert_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_LENGTH);
}

static void
test_scan_and_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineGs1Result) r = NULL;
  g_autofree char *hri = NULL;

  /* A keyboard wedge that sends | for GS, and a stray trailing separator. */
  r = lotline_gs1_parse ("]C1010952012345678817260200|10ABC(1|3103000195|", -1, LOTLINE_GS1_SYNTAX_AUTO, '|', 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->symbology, ==, "GS1_128_CCA");
  g_assert_cmpstr (lotline_gs1_result_get (r, "17"), ==, "2026-02-28");
  g_assert_cmpstr (lotline_gs1_result_get (r, "3103"), ==, "0.195");
  g_assert_cmpstr (lotline_gs1_result_get (r, "10"), ==, "ABC(1");
  hri = lotline_gs1_to_bracketed (r);
  g_assert_cmpstr (hri, ==, "(01)09520123456788(17)260200(10)ABC\\(1(3103)000195");
  g_clear_pointer (&r, lotline_gs1_result_free);

  /* Back from the bracketed form, with the escape. */
  r = lotline_gs1_parse (hri, -1, LOTLINE_GS1_SYNTAX_AUTO, '\0', 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotline_gs1_result_get (r, "10"), ==, "ABC(1");
  g_clear_pointer (&r, lotline_gs1_result_free);

  /* A plain Code 128 lot label is data, not AIs. */
  r = lotline_gs1_parse ("]C0LOT-4711", -1, LOTLINE_GS1_SYNTAX_AUTO, '\0', 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->symbology, ==, "CODE128");
  g_assert_false (r->gs1);
  g_assert_cmpstr (r->data, ==, "LOT-4711");
  g_assert_cmpuint (r->elements->len, ==, 0);
  g_clear_pointer (&r, lotline_gs1_result_free);

  /* Pairing: a lot needs a GTIN. */
  g_assert_null (lotline_gs1_parse ("(10)ABC", -1, LOTLINE_GS1_SYNTAX_AUTO, '\0', 0, &error));
  g_assert_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_ASSOCIATION);
  g_clear_error (&error);

  /* A Digital Link. */
  r = lotline_gs1_parse ("https://id.gs1.org/01/09520123456788/10/ABC1?17=270100", -1,
                         LOTLINE_GS1_SYNTAX_AUTO, '\0', 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lotline_gs1_result_get (r, "17"), ==, "2027-01-31");
}

static void
test_find_lot_by_gtin (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 lot, found = 0, product = 0;

  lotline_test_store_add_basics (ts);
  lot = lotline_test_receive (ts, ts->fruit, "L-77", ts->wh1, 1000, "2026-03-01", "2026-04-30");
  /* Stored as a GTIN-13; scanned as a GTIN-14. */
  sql = g_strdup_printf ("UPDATE product SET gtin = '9520123456788' WHERE id = %" G_GINT64_FORMAT, ts->fruit);
  g_assert_cmpint (sqlite3_exec (lotline_store_get_db (ts->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (lotline_store_find_lot_by_gtin (ts->store, "09520123456788", "L-77", "2026-04-30",
                                                 &found, &product, &error));
  g_assert_no_error (error);
  g_assert_cmpint (found, ==, lot);
  g_assert_cmpint (product, ==, ts->fruit);

  product = 0;
  g_assert_false (lotline_store_find_lot_by_gtin (ts->store, "09520123456788", "L-78", NULL, &found, &product, &error));
  g_assert_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_UNKNOWN_LOT);
  g_assert_cmpint (product, ==, ts->fruit);   /* so the app can offer to receive it */
  g_clear_error (&error);

  g_assert_false (lotline_store_find_lot_by_gtin (ts->store, "12345678901231", "L-77", NULL, &found, NULL, &error));
  g_assert_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_UNKNOWN_PRODUCT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gs1/scan-data-parse", test_scan_data_parse);
  g_test_add_func ("/gs1/ai-bracketed-parse", test_ai_bracketed_parse);
  g_test_add_func ("/gs1/ai-unbracketed-parse", test_ai_unbracketed_parse);
  g_test_add_func ("/gs1/ai-associations", test_ai_associations);
  g_test_add_func ("/gs1/digital-link-parse", test_digital_link_parse);
  g_test_add_func ("/gs1/zint-gs1-verify", test_zint_verify);
  g_test_add_func ("/gs1/zint-gs1-lint", test_zint_lint);
  g_test_add_func ("/gs1/linter-unit-tests", test_linter_unit_tests);
  g_test_add_func ("/gs1/biip", test_biip);
  g_test_add_func ("/gs1/to-bracketed", test_to_bracketed);
  g_test_add_func ("/gs1/gtin-check-digit", test_gtin_check_digit);
  g_test_add_func ("/gs1/ai-linter-errors", test_ai_linter_errors);
  g_test_add_func ("/gs1/noncompliant-decision", test_noncompliant_decision);
  g_test_add_func ("/gs1/scan-and-store", test_scan_and_store);
  g_test_add_func ("/gs1/find-lot-by-gtin", test_find_lot_by_gtin);
  return g_test_run ();
}
