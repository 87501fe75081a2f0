/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "lotline-lot-format.h"

static LotlineLotFormat *
format_new (const char *template_text)
{
  g_autoptr(GError) error = NULL;
  LotlineLotFormat *format = lotline_lot_format_new (template_text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (format);
  return format;
}

/* Every kind of segment, generated and read back. */
static void
test_round_trip (void)
{
  static const struct {
    const char *template_text;
    const char *date;
    const char *code;
  } cases[] = {
    { "{YYMMDD}-{FACILITY}{LINE:1}{SHIFT:1}-{PRODUCT}-{SEQ:3}", "2026-03-05", "260305-PL1B-JAM-007" },
    { "{YYYYMMDD}{SEQ:4}", "2026-12-31", "202612310007" },
    { "{YYDDD}{LINE:2}{SEQ}", "2024-12-31", "24366017" },
    { "L{{{SEQ:2}}}", "2026-01-01", "L{07}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LotlineLotFormat) format = format_new (cases[i].template_text);
      LotlineLotParts parts = { .date = (char *) cases[i].date, .facility = (char *) "PL", .line = (char *) "1",
                                .shift = (char *) "2", .product = (char *) "JAM", .sequence = 7 };
      g_auto(LotlineLotParts) back = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *code = NULL;

      if (i == 0)
        parts.shift = (char *) "B";
      if (i == 2)
        parts.line = (char *) "01";
      code = lotline_lot_format_generate (format, &parts, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (code, ==, cases[i].code);

      g_assert_true (lotline_lot_format_parse (format, code, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (back.date, ==, cases[i].template_text[0] == 'L' ? NULL : cases[i].date);
      g_assert_cmpuint (back.sequence, ==, 7);
    }
}

static void
test_parse_segments (void)
{
  g_autoptr(LotlineLotFormat) format = format_new ("{FACILITY}-{YYDDD}-{LINE}{SHIFT:1}{SEQ:3}");
  g_auto(LotlineLotParts) parts = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_lot_format_parse (format, "NORTH-26060-L3A042", &parts, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (parts.facility, ==, "NORTH");
  g_assert_cmpstr (parts.date, ==, "2026-03-01");   /* day 60 of 2026 */
  g_assert_cmpstr (parts.line, ==, "L3");
  g_assert_cmpstr (parts.shift, ==, "A");
  g_assert_cmpuint (parts.sequence, ==, 42);

  /* Not the format, an impossible Julian day, an impossible date. */
  g_assert_false (lotline_lot_format_parse (format, "NORTH26060L3A042", &parts, &error));
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_NO_MATCH);
  g_clear_error (&error);
  g_assert_false (lotline_lot_format_parse (format, "NORTH-26366-L3A042", &parts, &error));
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_NO_MATCH);
  g_clear_error (&error);
  {
    g_autoptr(LotlineLotFormat) ymd = format_new ("{YYMMDD}{SEQ:2}");

    g_assert_false (lotline_lot_format_parse (ymd, "26023001", &parts, &error));
    g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_NO_MATCH);
  }
}

static void
test_next_code (void)
{
  g_autoptr(LotlineLotFormat) format = format_new ("{YYMMDD}-{LINE:1}-{SEQ:3}");
  LotlineLotParts parts = { .date = (char *) "2026-03-05", .line = (char *) "2" };
  const char *existing[] = { "260305-2-001", "260305-2-004", "260305-1-009", "260304-2-012", "OLD-7", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL, *first = NULL, *full = NULL;

  /* Only codes of the same day and line count. */
  next = lotline_lot_format_next_code (format, &parts, existing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, "260305-2-005");

  parts.line = (char *) "3";
  first = lotline_lot_format_next_code (format, &parts, existing, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "260305-3-001");

  /* The sequence is used up at 999. */
  {
    const char *used[] = { "260305-3-999", NULL };

    full = lotline_lot_format_next_code (format, &parts, used, &error);
    g_assert_null (full);
    g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE);
  }
}

static void
test_bad_templates_and_values (void)
{
  static const char *const bad[] = { "{SEQ", "{WEEK}", "{SEQ:0}", "{YYMMDD:4}", "LOT-", "" };
  g_autoptr(LotlineLotFormat) format = format_new ("{FACILITY:2}{YYMMDD}{SEQ:2}");
  LotlineLotParts parts = { .date = (char *) "2026-03-05", .facility = (char *) "P-1", .sequence = 1 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (lotline_lot_format_new (bad[i], &error));
      g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_TEMPLATE);
      g_clear_error (&error);
    }
  g_assert_null (lotline_lot_format_generate (format, &parts, &error));   /* "-" and 3 long */
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE);
  g_clear_error (&error);
  parts.facility = (char *) "P1";
  parts.date = (char *) "1999-12-31";
  g_assert_null (lotline_lot_format_generate (format, &parts, &error));   /* two-digit year */
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE);
  g_clear_error (&error);
  parts.date = (char *) "2026-03-05";
  parts.sequence = 100;
  g_assert_null (lotline_lot_format_generate (format, &parts, &error));   /* SEQ:2 */
  g_assert_error (error, LOTLINE_LOT_FORMAT_ERROR, LOTLINE_LOT_FORMAT_ERROR_VALUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lot-format/round-trip", test_round_trip);
  g_test_add_func ("/lot-format/parse-segments", test_parse_segments);
  g_test_add_func ("/lot-format/next-code", test_next_code);
  g_test_add_func ("/lot-format/bad-templates-and-values", test_bad_templates_and_values);
  return g_test_run ();
}
