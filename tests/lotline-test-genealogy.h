/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-test-util.h"
#include "lotline-trace.h"

G_BEGIN_DECLS

/* The date the genealogy's expiry colours are judged on: J-3 has expired
 * by then, every other lot is still good. */
#define LOTLINE_TEST_TODAY "2026-03-25"

/* A small jam plant, traced both ways from the two batches:
 *
 *   Berry Farms -> F-1, F-2 (strawberries, expire 03-30), PE-1 (pectin)
 *   Sweet Co    -> SU-1 (sugar)
 *   F-1 + SU-1 + PE-1 -> B-1;  F-2 + SU-1 + PE-1 -> B-2   (jam base)
 *   B-1 -> J-1;  B-1 + B-2 -> J-2;  B-2 -> J-3            (jars)
 *   (produced lots expire with their earliest input, 03-30; J-3 is
 *   labelled to expire 03-20)
 *   J-1 -> Corner Grocery, Big Box Retail;  J-2 -> Corner Grocery;
 *   Corner Grocery returns 10 jars of J-1
 *   J-1, J-2, J-3 on hand in WH1; part of J-3 moved to WH2
 *   J-2 quarantined; what is left of F-2 destroyed. */
typedef struct {
  LotlineTestStore *ts;
  gint64 f1, f2, su1, pe1, b1, b2, j1, j2, j3;
  LotlineTrace *trace;
} LotlineTestGenealogy;

LotlineTestGenealogy *lotline_test_genealogy_new  (void);
void                  lotline_test_genealogy_free (LotlineTestGenealogy *g);

/* One finished lot shipped to @n_customers new customers, traced
 * downstream from it; *out_lot gets the lot's id. */
LotlineTrace         *lotline_test_fanout_trace   (LotlineTestStore *ts,
                                                   guint             n_customers,
                                                   gint64           *out_lot);

/* Lot codes of the genealogy, NULL-terminated. */
extern const char * const lotline_test_genealogy_codes[];

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineTestGenealogy, lotline_test_genealogy_free)

G_END_DECLS
