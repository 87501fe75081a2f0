/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "lotline-test-genealogy.h"

#define Q(units) ((gint64) (units) * LOTLINE_QTY_ONE)

const char * const lotline_test_genealogy_codes[] = {
  "F-1", "F-2", "SU-1", "PE-1", "B-1", "B-2", "J-1", "J-2", "J-3", NULL,
};

static void
record (LotlineTestStore       *ts,
        LotlineEventKind        kind,
        const char             *date,
        gint64                  party,
        const LotlineLineSpec  *lines,
        guint                   n_lines)
{
  LotlineEventSpec event = {
    .kind = kind, .occurred_at = lotline_test_date (date), .party_id = party,
    .doc_type = "DOC", .doc_number = "1", .lines = lines, .n_lines = n_lines, .reason = "test",
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_store_record_event (ts->store, &event, NULL, &error));
  g_assert_no_error (error);
}

static gint64
receive_from (LotlineTestStore *ts,
              gint64            supplier,
              gint64            product,
              const char       *code,
              gint64            quantity,
              const char       *expires_on)
{
  LotlineLotSpec lot = { .product_id = product, .code = code, .expires_on = expires_on };
  LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .new_lot = &lot, .location_id = ts->wh1, .quantity = quantity };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  record (ts, LOTLINE_EVENT_RECEIVE, "2026-03-01", supplier, &line, 1);
  g_assert_true (lotline_store_find_lot (ts->store, NULL, code, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* Like lotline_test_produce(), with an explicit expiry for the output. */
static gint64
produce (LotlineTestStore *ts,
         const gint64     *inputs,
         const gint64     *quantities,
         guint             n_inputs,
         gint64            product,
         const char       *code,
         gint64            out_quantity,
         const char       *date,
         const char       *expires_on)
{
  g_autofree LotlineLineSpec *lines = g_new0 (LotlineLineSpec, n_inputs + 1);
  LotlineLotSpec lot = { .product_id = product, .code = code, .expires_on = expires_on };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  for (guint i = 0; i < n_inputs; i++)
    lines[i] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = inputs[i],
                                   .location_id = ts->wh1, .quantity = quantities[i] };
  lines[n_inputs] = (LotlineLineSpec) { .role = LOTLINE_LINE_OUTPUT, .new_lot = &lot,
                                        .location_id = ts->wh1, .quantity = out_quantity };
  record (ts, LOTLINE_EVENT_PRODUCE, date, 0, lines, n_inputs + 1);
  g_assert_true (lotline_store_find_lot (ts->store, NULL, code, &id, &error));
  g_assert_no_error (error);
  return id;
}

LotlineTestGenealogy *
lotline_test_genealogy_new (void)
{
  LotlineTestGenealogy *g = g_new0 (LotlineTestGenealogy, 1);
  LotlineTestStore *ts;
  g_autoptr(GError) error = NULL;

  g->ts = ts = lotline_test_store_new ();
  lotline_test_store_add_basics (ts);

  g->f1 = receive_from (ts, ts->supplier, ts->fruit, "F-1", Q (500), "2026-03-30");
  g->f2 = receive_from (ts, ts->supplier, ts->fruit, "F-2", Q (300), "2026-03-30");
  g->su1 = receive_from (ts, ts->supplier2, ts->sugar, "SU-1", Q (1000), NULL);
  g->pe1 = receive_from (ts, ts->supplier, ts->pectin, "PE-1", Q (50), "2026-09-30");

  {
    const gint64 in1[] = { g->f1, g->su1, g->pe1 }, q1[] = { Q (200), Q (150), Q (5) };
    const gint64 in2[] = { g->f2, g->su1, g->pe1 }, q2[] = { Q (250), Q (180), Q (6) };

    g->b1 = lotline_test_produce (ts, in1, q1, 3, ts->jam_base, "B-1", Q (300), "2026-03-05");
    g->b2 = lotline_test_produce (ts, in2, q2, 3, ts->jam_base, "B-2", Q (380), "2026-03-06");
  }
  {
    const gint64 in1[] = { g->b1 }, q1[] = { Q (150) };
    const gint64 in2[] = { g->b1, g->b2 }, q2[] = { Q (100), Q (200) };
    const gint64 in3[] = { g->b2 }, q3[] = { Q (100) };

    g->j1 = lotline_test_produce (ts, in1, q1, 1, ts->jam_jar, "J-1", Q (400), "2026-03-10");
    g->j2 = lotline_test_produce (ts, in2, q2, 2, ts->jam_jar, "J-2", Q (800), "2026-03-10");
    g->j3 = produce (ts, in3, q3, 1, ts->jam_jar, "J-3", Q (250), "2026-03-11", "2026-03-20");
  }

  lotline_test_ship (ts, ts->customer, g->j1, ts->wh1, Q (50), "2026-03-15");
  lotline_test_ship (ts, ts->customer2, g->j1, ts->wh1, Q (100), "2026-03-15");
  lotline_test_ship (ts, ts->customer, g->j2, ts->wh1, Q (200), "2026-03-16");
  {
    LotlineLineSpec lines[] = {
      { .role = LOTLINE_LINE_INPUT, .lot_id = g->j3, .location_id = ts->wh1, .quantity = Q (100) },
      { .role = LOTLINE_LINE_OUTPUT, .lot_id = g->j3, .location_id = ts->wh2, .quantity = Q (100) },
    };

    record (ts, LOTLINE_EVENT_TRANSFER, "2026-03-17", 0, lines, G_N_ELEMENTS (lines));
  }
  {
    LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .lot_id = g->j1, .location_id = ts->wh1, .quantity = Q (10) };

    record (ts, LOTLINE_EVENT_RETURN, "2026-03-18", ts->customer, &line, 1);
  }
  {
    LotlineLineSpec line = { .role = LOTLINE_LINE_SUBJECT, .lot_id = g->j2 };

    record (ts, LOTLINE_EVENT_QUARANTINE, "2026-03-20", 0, &line, 1);
  }
  {
    LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = g->f2, .location_id = ts->wh1, .quantity = Q (50) };

    record (ts, LOTLINE_EVENT_DESTROY, "2026-03-21", 0, &line, 1);
  }

  {
    const gint64 seeds[] = { g->b1, g->b2 };

    g->trace = lotline_store_trace (ts->store, seeds, G_N_ELEMENTS (seeds), LOTLINE_TRACE_BOTH, 0, &error);
    g_assert_no_error (error);
    g_assert_nonnull (g->trace);
  }
  return g;
}

void
lotline_test_genealogy_free (LotlineTestGenealogy *g)
{
  g_clear_pointer (&g->trace, lotline_trace_unref);
  lotline_test_store_free (g->ts);
  g_free (g);
}

LotlineTrace *
lotline_test_fanout_trace (LotlineTestStore *ts,
                           guint             n_customers,
                           gint64           *out_lot)
{
  const gint64 q[] = { Q (10) };
  g_autoptr(GError) error = NULL;
  gint64 raw, lot;
  LotlineTrace *trace;

  raw = lotline_test_receive (ts, ts->fruit, "FAN-RAW", ts->wh1, Q (100), "2026-03-01", NULL);
  lot = lotline_test_produce (ts, &raw, q, 1, ts->jam_jar, "FAN-1", Q (1000), "2026-03-02");
  for (guint i = 0; i < n_customers; i++)
    {
      g_autofree char *code = g_strdup_printf ("C%03u", i);
      g_autofree char *name = g_strdup_printf ("Shop %03u", i);
      LotlinePartySpec spec = {
        .code = code, .name = name, .kind = LOTLINE_PARTY_CUSTOMER, .min_shelf_life_days = -1,
      };
      gint64 customer = 0;

      g_assert_true (lotline_store_add_party (ts->store, &spec, &customer, &error));
      g_assert_no_error (error);
      lotline_test_ship (ts, customer, lot, ts->wh1, Q (2), "2026-03-05");
    }

  trace = lotline_store_trace (ts->store, &lot, 1, LOTLINE_TRACE_DOWNSTREAM, 0, &error);
  g_assert_no_error (error);
  if (out_lot)
    *out_lot = lot;
  return trace;
}
