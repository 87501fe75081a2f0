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

/* A database filled by the demo generator (scale 0.05, seed 7) as of @today. */
LotlineTestStore *lotline_test_demo_store_new   (const char *today);

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

/* Runs @program with the arguments that follow it, up to a NULL, and returns
 * its exit status.  Its output is always captured, even when the caller does not
 * want it (out/err NULL), so that nothing reaches the TAP stream. */
int    lotline_test_run_program (char **out, char **err, const char *program, ...) G_GNUC_NULL_TERMINATED;

/* The text of a PDF file, by pdftotext -layout; fails the test when
 * pdftotext is missing or fails. */
char  *lotline_test_pdf_text    (const char *path);

/* How many times @needle stands in @haystack, overlaps counted. */
guint  lotline_test_count_occurrences (const char *haystack, const char *needle);

/* g_test_init(), then $LOTLINE_CLI, the lotline-cli under test; NULL, after
 * saying so, when the test is not run through meson. */
const char *lotline_test_cli_init (int *argc, char ***argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineTestStore, lotline_test_store_free)

G_END_DECLS
