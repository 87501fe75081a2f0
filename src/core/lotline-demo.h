/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-store.h"

G_BEGIN_DECLS

/**
 * LotlineDemoOptions:
 * @scale: 1.0 is a preserves maker with about 2,000 customers and a year of
 *   shipments; 10.0 gives millions of event lines; small fractions (0.02)
 *   give quick test databases
 * @seed: the same seed, scale and @today give the same database
 * @today: "YYYY-MM-DD", the last day of the generated history; %NULL for today
 * @cancellable: (nullable): stops generation with %G_IO_ERROR_CANCELLED;
 *   batches already committed stay, so generate into a new file
 */
typedef struct {
  double        scale;
  guint64       seed;
  const char   *today;
  GCancellable *cancellable;
} LotlineDemoOptions;

typedef struct {
  gint64 products;
  gint64 parties;
  gint64 lots;
  gint64 events;
  gint64 event_lines;
  double seconds;
} LotlineDemoStats;

/* Called now and then with the fraction done (0…1). */
typedef void (*LotlineDemoProgress) (double fraction, gpointer user_data);

/**
 * lotline_demo_generate:
 * @store: an empty store
 * @options: scale, seed, anchor date
 * @progress: (nullable): progress callback
 * @user_data: data for @progress
 * @stats: (out) (optional): what was written
 * @error: return location for a #GError
 *
 * Fills an empty database with a deterministic, realistic history written
 * through the ledger's own operations, so it obeys every rule.
 */
gboolean lotline_demo_generate (LotlineStore             *store,
                                const LotlineDemoOptions *options,
                                LotlineDemoProgress       progress,
                                gpointer                  user_data,
                                LotlineDemoStats         *stats,
                                GError                  **error);

/* The seeds a benchmark traces: the raw lot consumed into the most
 * production events, and a finished lot with deep ancestry (0 when none). */
gboolean lotline_demo_find_trace_seeds (LotlineStore  *store,
                                        gint64        *out_busiest_input,
                                        gint64        *out_deepest_output,
                                        GError       **error);

G_END_DECLS
