/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-store.h"
#include "lotline-ledger.h"

G_BEGIN_DECLS

/* A fresh database in a temporary folder, removed by lotline_test_store_free(). */
typedef struct {
  char         *dir;
  char         *path;
  LotlineStore *store;
  /* A small master-data set, filled by lotline_test_store_add_basics(). */
  gint64 fruit, sugar, pectin, jam_base, jam_jar, serial_tank;  /* products */
  gint64 supplier, supplier2, customer, customer2, site;        /* parties */
  gint64 wh1, wh2, production, quarantine;                      /* locations */
} LotlineTestStore;

LotlineTestStore *lotline_test_store_new        (void);
void              lotline_test_store_free       (LotlineTestStore *ts);
void              lotline_test_store_add_basics (LotlineTestStore *ts);

/* "2026-03-01" at 12:00 UTC as unix seconds. */
gint64            lotline_test_date             (const char *date);

/* Ledger shortcuts that assert success and return the new lot or event id. */
gint64 lotline_test_receive (LotlineTestStore *ts, gint64 product, const char *code, gint64 location,
                             gint64 quantity, const char *date, const char *expires_on);
gint64 lotline_test_produce (LotlineTestStore *ts, const gint64 *inputs, const gint64 *input_qty, guint n_inputs,
                             gint64 product, const char *code, gint64 out_qty, const char *date);
gint64 lotline_test_ship    (LotlineTestStore *ts, gint64 customer, gint64 lot, gint64 location,
                             gint64 quantity, const char *date);

/* Runs a command-line program and returns its exit status; out/err may be NULL. */
int    lotline_test_run     (const char * const *argv, char **out, char **err);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineTestStore, lotline_test_store_free)

G_END_DECLS
