/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lotline-bench.h"
#include "lotline-demo.h"
#include "lotline-ledger.h"
#include "lotline-trace.h"

/*
 * The benchmark answers "is it fast enough on a big plant?": for each scale
 * it generates a fresh demo database, then times the two traces a recall
 * starts with. Figures go to standard output, one per line, so runs can be
 * compared with diff; progress goes to standard error.
 */

typedef struct {
  const char *label;   /* "scale 10" */
  int         last;    /* last percentage shown */
} Progress;

static void
on_generate_progress_cb (double fraction, gpointer user_data)
{
  Progress *progress = user_data;
  int percent = (int) (fraction * 100.0);

  if (isatty (STDERR_FILENO))
    {
      if (percent != progress->last)
        g_printerr ("\r%s: %s %3d %%", progress->label, _("generating demo data…"), percent);
    }
  else if (percent / 10 != progress->last / 10)
    g_printerr ("%s: %s %d %%\n", progress->label, _("generating demo data…"), percent);
  progress->last = percent;
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0.0;
  /* Linux reports kilobytes. */
  return usage.ru_maxrss / 1024.0;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted values. */
static double
percentile (const double *sorted, guint n, double p)
{
  guint rank = (guint) (p * n + 0.999999);

  return sorted[CLAMP (rank, 1, n) - 1];
}

static gboolean
time_trace (LotlineStore          *store,
            const char            *label,
            const char            *what,
            gint64                 lot_id,
            LotlineTraceDirection  direction,
            guint                  runs,
            GError               **error)
{
  g_autoptr(LotlineLot) lot = lotline_store_get_lot (store, lot_id, error);
  g_autofree double *ms = g_new0 (double, runs);
  guint n_nodes = 0, n_edges = 0;
  double first_ms = 0.0;

  if (lot == NULL)
    return FALSE;

  /* The first run pays for reading pages from disk; it is reported apart
   * and not counted in the median. */
  for (guint i = 0; i <= runs; i++)
    {
      g_autoptr(LotlineTrace) trace = NULL;
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      trace = lotline_store_trace (store, &lot_id, 1, direction, 0, error);
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      if (trace == NULL)
        return FALSE;
      if (i == 0)
        {
          first_ms = elapsed;
          n_nodes = lotline_trace_get_n_nodes (trace);
          n_edges = lotline_trace_get_n_edges (trace);
        }
      else
        ms[i - 1] = elapsed;
    }
  qsort (ms, runs, sizeof (double), compare_doubles);

  /* Translators: "scale 10: downstream trace (lot SU240105-02, 1234 nodes, 2345 edges): median 12.3 ms, p95 15.1 ms, first run 20.0 ms" */
  g_print (_("%s: %s trace (lot %s, %u nodes, %u edges): median %.1f ms, p95 %.1f ms, first run %.1f ms\n"),
           label, what, lot->code, n_nodes, n_edges, percentile (ms, runs, 0.5), percentile (ms, runs, 0.95),
           first_ms);
  return TRUE;
}

static gboolean
bench_scale (const char *dir, double scale, guint64 seed, const char *today, guint runs, GError **error)
{
  g_autofree char *label = g_strdup_printf (_("scale %g"), scale);
  g_autofree char *name = g_strdup_printf ("demo-scale-%g.lotline", scale);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(LotlineStore) store = NULL;
  LotlineDemoOptions options = { .scale = scale, .seed = seed, .today = today };
  LotlineDemoStats stats = { 0 };
  Progress progress = { .label = label, .last = -1 };
  GStatBuf st;
  gint64 busiest = 0, deepest = 0;

  remove_database (path);
  store = lotline_store_open (path, LOTLINE_STORE_CREATE, error);
  if (store == NULL)
    return FALSE;
  if (!lotline_demo_generate (store, &options, on_generate_progress_cb, &progress, &stats, error))
    {
      if (isatty (STDERR_FILENO))
        g_printerr ("\n");
      return FALSE;
    }
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");

  g_print (_("%s: generated %lld event lines (%lld events, %lld lots, %lld parties) in %.1f s\n"),
           label, (long long) stats.event_lines, (long long) stats.events, (long long) stats.lots,
           (long long) stats.parties, stats.seconds);
  g_print (_("%s: generation rate %.0f event lines/s\n"),
           label, stats.seconds > 0 ? stats.event_lines / stats.seconds : 0.0);

  /* Closing the only connection folds the write-ahead log into the file. */
  g_clear_object (&store);
  if (g_stat (path, &st) == 0)
    g_print (_("%s: database size %.1f MB\n"), label, st.st_size / (1024.0 * 1024.0));

  /* Traces run on a connection of their own, as the app's workers do. */
  store = lotline_store_open (path, LOTLINE_STORE_NONE, error);
  if (store == NULL)
    return FALSE;
  g_printerr (_("%s: choosing the lots to trace…\n"), label);
  if (!lotline_demo_find_trace_seeds (store, &busiest, &deepest, error))
    return FALSE;

  if (busiest == 0)
    g_print (_("%s: downstream trace: no raw lot was consumed, nothing to trace\n"), label);
  else
    {
      g_printerr (_("%s: timing the downstream trace…\n"), label);
      if (!time_trace (store, label, _("downstream"), busiest, LOTLINE_TRACE_DOWNSTREAM, runs, error))
        return FALSE;
    }
  if (deepest == 0)
    g_print (_("%s: upstream trace: no finished lot was produced, nothing to trace\n"), label);
  else
    {
      g_printerr (_("%s: timing the upstream trace…\n"), label);
      if (!time_trace (store, label, _("upstream"), deepest, LOTLINE_TRACE_UPSTREAM, runs, error))
        return FALSE;
    }

  g_print (_("%s: peak RSS so far %.1f MB\n"), label, peak_rss_mb ());
  return TRUE;
}

static GArray *
parse_scales (const char *text, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GArray) scales = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      double scale;

      g_strstrip (parts[i]);
      scale = g_ascii_strtod (parts[i], &end);
      if (parts[i][0] == '\0' || end == NULL || *end != '\0' || !(scale > 0.0 && scale <= 1000.0))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a scale. Give numbers above 0 separated by commas, like “1,10”."), parts[i]);
          return NULL;
        }
      g_array_append_val (scales, scale);
    }
  if (scales->len == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("No scale was given. Give numbers above 0 separated by commas, like “1,10”."));
      return NULL;
    }
  return g_steal_pointer (&scales);
}

/**
 * lotline_bench_main:
 * @argc: number of arguments
 * @argv: the arguments, @argv[0] being the name to show in --help
 *
 * Runs the benchmark: for each scale, generates a demo database, prints the
 * generation rate, the file size, the downstream trace of the busiest raw
 * lot and the upstream trace of a deep finished lot (median and p95 of
 * --runs runs), and the peak resident memory.
 *
 * Returns: 0 on success, 1 on failure, 2 on bad options
 */
int
lotline_bench_main (int argc, char **argv)
{
  g_autofree char *dir = NULL, *scales_text = NULL, *today = NULL;
  int runs = 20;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir,
      N_("Folder for the benchmark databases (default: ./bench)"), N_("DIR") },
    { "scales", 0, 0, G_OPTION_ARG_STRING, &scales_text,
      N_("Demo scales to measure, separated by commas (default: 1,10)"), N_("LIST") },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs,
      N_("Timed runs of each trace (default: 20)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed of the demo data (default: 1)"), N_("SEED") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today,
      N_("Last day of the demo history, YYYY-MM-DD (default: today)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("bench");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) scales = NULL;
  g_auto(GStrv) args = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  g_option_context_set_summary (context,
                                _("Generates a demo database at each scale and measures how long traces take on it.\n"
                                  "Figures are written to standard output, progress to standard error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (g_strv_length (args) > 1)
    {
      g_printerr (_("“%s” was not expected: the benchmark takes only options.\n"), args[1]);
      return 2;
    }
  if (runs < 1)
    {
      g_printerr (_("--runs must be at least 1.\n"));
      return 2;
    }
  scales = parse_scales (scales_text ? scales_text : "1,10", &error);
  if (scales == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (dir == NULL)
    dir = g_strdup ("bench");

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_printerr (_("Could not create the folder “%s”: %s. Choose another folder with --dir.\n"),
                  dir, g_strerror (saved_errno));
      return 1;
    }

  for (guint i = 0; i < scales->len; i++)
    if (!bench_scale (dir, g_array_index (scales, double, i), (guint64) seed, today, (guint) runs, &error))
      {
        g_printerr (_("The benchmark failed: %s\n"), error->message);
        return 1;
      }

  g_print (_("peak RSS %.1f MB\n"), peak_rss_mb ());
  return 0;
}
