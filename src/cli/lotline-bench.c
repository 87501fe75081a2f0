/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lotline-bench.h"
#include "lotline-demo.h"
#include "lotline-fsma204.h"
#include "lotline-layout.h"
#include "lotline-ledger.h"
#include "lotline-query.h"
#include "lotline-recall.h"
#include "lotline-render-graph.h"
#include "lotline-render-recall.h"
#include "lotline-trace.h"

/*
 * The benchmark answers "is it fast enough on a big plant?": for each scale
 * it generates a fresh demo database, then times the two traces a recall
 * starts with, and a whole recall of about 2,000 consignees. Figures go to standard output, one per line, so runs can be
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

/* ---- graphs ------------------------------------------------------------ */

/* Draws @layout at one pixel per point onto an image surface, in tiles of
 * at most 4096 px (a tall genealogy is far past cairo's 32767 px limit),
 * and returns the milliseconds spent drawing. */
static double
time_render (LotlineLayout *layout,
             const char    *today)
{
  const double tile = 4096;
  LotlineRenderOptions opts = { .show_legend = TRUE, .draw_background = TRUE, .today = today };
  cairo_surface_t *surface;
  double w, h, ms = 0;

  lotline_render_graph_get_size (layout, &opts, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) MIN (ceil (w), tile), (int) MIN (ceil (h), tile));
  for (double y = 0; y < h; y += tile)
    for (double x = 0; x < w; x += tile)
      {
        cairo_t *cr = cairo_create (surface);
        gint64 start = g_get_monotonic_time ();

        cairo_translate (cr, -x, -y);
        lotline_render_graph (cr, layout, NULL, &opts);
        cairo_surface_flush (surface);
        ms += (g_get_monotonic_time () - start) / 1000.0;
        cairo_destroy (cr);
      }
  cairo_surface_destroy (surface);
  return ms;
}

static LotlineLayout *
time_layout (LotlineTrace               *trace,
             const LotlineLayoutOptions *options,
             double                     *ms,
             GError                    **error)
{
  gint64 start = g_get_monotonic_time ();
  LotlineLayout *layout = lotline_layout_compute (trace, options, error);

  *ms = (g_get_monotonic_time () - start) / 1000.0;
  return layout;
}

/* The busiest raw lot's graph on demo data: as the app first shows it
 * (grouped), and whole, with nothing grouped (dense: every finished lot
 * ships to customers shared with the others). */
static gboolean
bench_demo_graphs (LotlineStore *store,
                   const char   *label,
                   gint64        busiest,
                   const char   *today,
                   GError      **error)
{
  LotlineLayoutOptions all = { .collapse_limit = G_MAXUINT, .crowd_limit = G_MAXUINT };
  g_autoptr(LotlineLot) lot = NULL;
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(LotlineLayout) layout = NULL;
  g_autoptr(LotlineLayout) full = NULL;
  double layout_ms, render_ms;

  lot = lotline_store_get_lot (store, busiest, error);
  if (lot == NULL)
    return FALSE;
  trace = lotline_store_trace (store, &busiest, 1, LOTLINE_TRACE_DOWNSTREAM, 0, error);
  if (trace == NULL)
    return FALSE;

  layout = time_layout (trace, NULL, &layout_ms, error);
  if (layout == NULL)
    return FALSE;
  render_ms = time_render (layout, today);
  /* Translators: "scale 1: default graph of lot PE260225-01 downstream: 743 trace nodes drawn as 14 nodes, 24 edges; layout 20.1 ms, render 5.2 ms" */
  g_print (_("%s: default graph of lot %s downstream: %u trace nodes drawn as %u nodes, %u edges; layout %.1f ms, render %.1f ms\n"),
           label, lot->code, lotline_trace_get_n_nodes (trace), lotline_layout_get_n_nodes (layout),
           lotline_layout_get_n_edges (layout), layout_ms, render_ms);

  g_printerr (_("%s: laying out the whole graph of lot %s…\n"), label, lot->code);
  full = time_layout (trace, &all, &layout_ms, error);
  if (full == NULL)
    return FALSE;
  render_ms = time_render (full, today);
  /* Translators: "scale 1: whole graph of lot PE260225-01 downstream: 743 nodes, 1827 edges; layout 700.1 ms, render 900.2 ms" */
  g_print (_("%s: whole graph of lot %s downstream: %u nodes, %u edges; layout %.1f ms, render %.1f ms\n"),
           label, lot->code, lotline_layout_get_n_nodes (full), lotline_layout_get_n_edges (full),
           layout_ms, render_ms);
  return TRUE;
}

/* A synthetic plant in a database of its own, so graphs of a chosen size
 * can be timed: raw lots into batches (three inputs each), batches into
 * jars (two each), each jar shipped to four customers drawn from a pool.
 * Traced downstream from its raw lots, a plant built for @target nodes
 * gives about that many, with about two edges per node: the layered shape
 * of a real plant, without the demo's dense web of shared customers. */
typedef struct {
  LotlineStore *store;
  GRand        *rand;
  gint64        raw, base, jar;   /* products */
  gint64        supplier;
  gint64        warehouse;
} Plant;

static gboolean
plant_record (Plant                 *plant,
              LotlineEventKind       kind,
              gint64                 party,
              const LotlineLineSpec *lines,
              guint                  n_lines,
              GError               **error)
{
  LotlineEventSpec event = {
    .kind = kind, .occurred_at = 1772366400 /* 2026-03-01 12:00 UTC */, .party_id = party,
    .doc_type = "bench", .doc_number = "1", .lines = lines, .n_lines = n_lines,
  };

  return lotline_store_record_event (plant->store, &event, NULL, error);
}

static gboolean
plant_new_lot (Plant                 *plant,
               LotlineEventKind       kind,
               gint64                 product,
               const char            *code,
               const gint64          *inputs,
               guint                  n_inputs,
               GArray                *ids,
               GError               **error)
{
  g_autofree LotlineLineSpec *lines = g_new0 (LotlineLineSpec, n_inputs + 1);
  LotlineLotSpec lot = { .product_id = product, .code = code };
  gint64 id = 0;

  for (guint i = 0; i < n_inputs; i++)
    lines[i] = (LotlineLineSpec) { .role = LOTLINE_LINE_INPUT, .lot_id = inputs[i],
                                   .location_id = plant->warehouse, .quantity = 10 * LOTLINE_QTY_ONE };
  lines[n_inputs] = (LotlineLineSpec) { .role = LOTLINE_LINE_OUTPUT, .new_lot = &lot,
                                        .location_id = plant->warehouse, .quantity = 100000 * LOTLINE_QTY_ONE };
  if (!plant_record (plant, kind, kind == LOTLINE_EVENT_RECEIVE ? plant->supplier : 0, lines, n_inputs + 1, error) ||
      !lotline_store_find_lot (plant->store, NULL, code, &id, error))
    return FALSE;
  g_array_append_val (ids, id);
  return TRUE;
}

/* Picks @n distinct lots of @from. */
static void
plant_pick (Plant        *plant,
            const GArray *from,
            gint64       *out,
            guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      gboolean again;

      do
        {
          out[i] = g_array_index (from, gint64, g_rand_int_range (plant->rand, 0, (gint32) from->len));
          again = FALSE;
          for (guint k = 0; k < i; k++)
            again |= out[k] == out[i];
        }
      while (again);
    }
}

static GArray *
plant_build (Plant   *plant,
             guint    target,
             GError **error)
{
  /* About a fifth of the customer pool is never drawn, so the plant is
   * sized 13 % over the target. */
  guint size = target * 113 / 100;
  guint n_raw = MAX (3, size * 6 / 100), n_base = MAX (2, size * 12 / 100);
  guint n_jar = MAX (2, size * 24 / 100), n_customer = MAX (4, size * 58 / 100);
  g_autoptr(GArray) raws = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) bases = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) jars = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) customers = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n_customer; i++)
    {
      g_autofree char *code = g_strdup_printf ("P%u-C%05u", target, i);
      LotlinePartySpec spec = { .code = code, .name = code, .kind = LOTLINE_PARTY_CUSTOMER, .min_shelf_life_days = -1 };
      gint64 id = 0;

      if (!lotline_store_add_party (plant->store, &spec, &id, error))
        return NULL;
      g_array_append_val (customers, id);
    }
  for (guint i = 0; i < n_raw; i++)
    {
      g_autofree char *code = g_strdup_printf ("P%u-R%05u", target, i);

      if (!plant_new_lot (plant, LOTLINE_EVENT_RECEIVE, plant->raw, code, NULL, 0, raws, error))
        return NULL;
    }
  for (guint i = 0; i < n_base; i++)
    {
      g_autofree char *code = g_strdup_printf ("P%u-B%05u", target, i);
      gint64 inputs[3];

      plant_pick (plant, raws, inputs, 3);
      if (!plant_new_lot (plant, LOTLINE_EVENT_PRODUCE, plant->base, code, inputs, 3, bases, error))
        return NULL;
    }
  for (guint i = 0; i < n_jar; i++)
    {
      g_autofree char *code = g_strdup_printf ("P%u-J%05u", target, i);
      gint64 inputs[2], to[4];

      plant_pick (plant, bases, inputs, 2);
      if (!plant_new_lot (plant, LOTLINE_EVENT_PRODUCE, plant->jar, code, inputs, 2, jars, error))
        return NULL;
      plant_pick (plant, customers, to, 4);
      for (guint k = 0; k < 4; k++)
        {
          LotlineLineSpec line = { .role = LOTLINE_LINE_INPUT, .lot_id = g_array_index (jars, gint64, i),
                                   .location_id = plant->warehouse, .quantity = 5 * LOTLINE_QTY_ONE };

          if (!plant_record (plant, LOTLINE_EVENT_SHIP, to[k], &line, 1, error))
            return NULL;
        }
    }
  return g_steal_pointer (&raws);
}

static gboolean
plant_open (Plant      *plant,
            const char *path,
            GError    **error)
{
  LotlineProductSpec raw = { .sku = "RAW", .name = "Fruit", .kind = LOTLINE_PRODUCT_RAW, .shelf_life_days = -1 };
  LotlineProductSpec base = { .sku = "BASE", .name = "Jam base", .kind = LOTLINE_PRODUCT_INTERMEDIATE, .shelf_life_days = -1 };
  LotlineProductSpec jar = { .sku = "JAR", .name = "Jam", .kind = LOTLINE_PRODUCT_FINISHED, .unit = "jar", .shelf_life_days = -1 };
  LotlinePartySpec supplier = { .code = "SUP", .name = "Farm", .kind = LOTLINE_PARTY_SUPPLIER, .min_shelf_life_days = -1 };
  LotlineLocationSpec warehouse = { .code = "WH", .name = "Warehouse", .kind = LOTLINE_LOCATION_WAREHOUSE };

  remove_database (path);
  plant->store = lotline_store_open (path, LOTLINE_STORE_CREATE, error);
  plant->rand = g_rand_new_with_seed (42);
  return plant->store != NULL &&
         lotline_store_add_product (plant->store, &raw, &plant->raw, error) &&
         lotline_store_add_product (plant->store, &base, &plant->base, error) &&
         lotline_store_add_product (plant->store, &jar, &plant->jar, error) &&
         lotline_store_add_party (plant->store, &supplier, &plant->supplier, error) &&
         lotline_store_add_location (plant->store, &warehouse, &plant->warehouse, error);
}

/* Whole graphs (nothing grouped, so the node counts are real) of about
 * 100, 1,000 and 5,000 nodes: layout, then drawing at one pixel a point. */
static gboolean
bench_graph_sizes (const char *dir,
                   GError    **error)
{
  static const guint targets[] = { 100, 1000, 5000 };
  g_autofree char *path = g_build_filename (dir, "graph-plant.lotline", NULL);
  LotlineLayoutOptions all = { .collapse_limit = G_MAXUINT, .crowd_limit = G_MAXUINT };
  Plant plant = { 0 };
  gboolean ok = FALSE;

  if (!plant_open (&plant, path, error))
    goto out;
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GArray) seeds = NULL;
      g_autoptr(LotlineTrace) trace = NULL;
      g_autoptr(LotlineLayout) layout = NULL;
      double layout_ms, render_ms;

      g_printerr (_("graphs: building and laying out a plant of about %u nodes…\n"), targets[i]);
      seeds = plant_build (&plant, targets[i], error);
      if (seeds == NULL)
        goto out;
      trace = lotline_store_trace (plant.store, (const gint64 *) (gpointer) seeds->data, seeds->len,
                                   LOTLINE_TRACE_DOWNSTREAM, 0, error);
      if (trace == NULL)
        goto out;
      layout = time_layout (trace, &all, &layout_ms, error);
      if (layout == NULL)
        goto out;
      render_ms = time_render (layout, NULL);
      /* Translators: "graphs: ~1000 nodes: 1012 nodes, 2054 edges; layout 812.0 ms (Graphviz 790.1 ms), render 140.2 ms" */
      g_print (_("graphs: ~%u nodes: %u nodes, %u edges; layout %.1f ms (Graphviz %.1f ms), render %.1f ms\n"),
               targets[i], lotline_layout_get_n_nodes (layout), lotline_layout_get_n_edges (layout),
               layout_ms, lotline_layout_get_elapsed (layout) * 1000.0, render_ms);
    }
  ok = TRUE;

out:
  g_clear_object (&plant.store);
  g_clear_pointer (&plant.rand, g_rand_free);
  remove_database (path);
  return ok;
}

/* ---- recall ------------------------------------------------------------ */

#define RECALL_TARGET_CONSIGNEES 2000

/* How many customers a downstream trace of @lot_id reaches. */
static gboolean
add_customers (LotlineStore *store, gint64 lot_id, GHashTable *customers, GError **error)
{
  g_autoptr(LotlineTrace) trace = lotline_store_trace (store, &lot_id, 1, LOTLINE_TRACE_DOWNSTREAM, 0, error);

  if (trace == NULL)
    return FALSE;
  for (guint i = 0; i < lotline_trace_get_n_nodes (trace); i++)
    {
      const LotlineTraceNode *node = lotline_trace_get_node (trace, i);

      if (node->kind == LOTLINE_NODE_CUSTOMER)
        g_hash_table_add (customers, g_memdup2 (&node->id, sizeof node->id));
    }
  return TRUE;
}

/* A supplier recall of consecutive lots: the busiest raw lot and the lots
 * of the same product after it in code order (wrapping round), added one
 * by one until their scope reaches @target consignees.  The same data
 * always gives the same seeds. */
static GArray *
choose_recall_seeds (LotlineStore *store, gint64 busiest, guint target, GError **error)
{
  g_autoptr(LotlineLot) lot = lotline_store_get_lot (store, busiest, error);
  g_autoptr(GHashTable) customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) seeds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = NULL;
  LotlineLotQuery query;
  guint start = 0;

  if (lot == NULL)
    return NULL;
  lotline_lot_query_init (&query, NULL);
  query.product_id = lot->product_id;
  rows = lotline_store_query_lots (store, &query, 0, G_MAXINT, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    if (((LotlineLotRow *) rows->pdata[i])->id == busiest)
      start = i;
  for (guint i = 0; i < rows->len && g_hash_table_size (customers) < target; i++)
    {
      gint64 id = ((LotlineLotRow *) rows->pdata[(start + i) % rows->len])->id;

      if (!add_customers (store, id, customers, error))
        return NULL;
      g_array_append_val (seeds, id);
    }
  return g_steal_pointer (&seeds);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
file_size_mb (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / (1024.0 * 1024.0) : 0.0;
}

/* Scope, all letters to PDF and the FSMA 204 workbook of a recall that
 * reaches about RECALL_TARGET_CONSIGNEES consignees. */
static gboolean
bench_recall (LotlineStore *store, const char *dir, const char *label, gint64 busiest, GError **error)
{
  LotlineRecallSpec spec = {
    .number = "BENCH-1", .title = "Benchmark recall", .reason = "Suspected Listeria monocytogenes",
    .hazard = "Listeriosis", .classification = LOTLINE_RECALL_CLASS_I, .depth = LOTLINE_RECALL_DEPTH_RETAIL,
    .check_level = LOTLINE_RECALL_CHECK_C, .instructions = "Stop selling the product and return it to us.",
    .contact_name = "Quality office", .contact_phone = "+1 555 0100",
  };
  LotlineRenderCompany company = {
    .name = "Lotline benchmark plant", .street = "1 Mill Road", .city = "Springfield, OR 97477",
    .country = "US", .phone = "+1 555 0100",
  };
  g_autofree char *pdf = g_build_filename (dir, "bench-recall-letters.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "bench-recall-fsma204.xlsx", NULL);
  g_autoptr(GArray) seeds = NULL, pages = NULL;
  g_autoptr(LotlineRecallScope) scope = NULL;
  g_autoptr(LotlineRecall) recall = NULL;
  gint64 start, recall_id = 0;
  double seconds;

  g_printerr (_("%s: choosing lots for a recall that reaches about %u consignees…\n"), label, RECALL_TARGET_CONSIGNEES);
  seeds = choose_recall_seeds (store, busiest, RECALL_TARGET_CONSIGNEES, error);
  if (seeds == NULL ||
      !lotline_store_create_recall (store, &spec, (const gint64 *) (gpointer) seeds->data, seeds->len, &recall_id, error) ||
      (recall = lotline_store_get_recall (store, recall_id, error)) == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  scope = lotline_store_recall_scope (store, (const gint64 *) (gpointer) seeds->data, seeds->len, error);
  if (scope == NULL)
    return FALSE;
  /* Translators: "scale 10: recall scope of 12 seed lots: 2013 consignees, 310 affected lots, 9 roots in 0.85 s; peak RSS 210.0 MB" */
  g_print (_("%s: recall scope of %u seed lots: %u consignees, %u affected lots, %u roots in %.2f s; peak RSS %.1f MB\n"),
           label, seeds->len, scope->consignees->len, scope->lots->len, scope->roots->len, seconds_since (start),
           peak_rss_mb ());

  g_printerr (_("%s: writing every recall letter…\n"), label);
  start = g_get_monotonic_time ();
  if (!lotline_render_recall_letters (pdf, LOTLINE_PAPER_LETTER, &company, recall, scope, &pages, error))
    return FALSE;
  seconds = seconds_since (start);
  /* Translators: "scale 10: recall letters for 2013 consignees: 4026 pages, 25.1 MB PDF in 40.2 s; peak RSS 300.0 MB" */
  g_print (_("%s: recall letters for %u consignees: %u pages, %.1f MB PDF in %.1f s; peak RSS %.1f MB\n"),
           label, scope->consignees->len, pages->len > 0 ? g_array_index (pages, guint, pages->len - 1) : 0,
           file_size_mb (pdf), seconds, peak_rss_mb ());

  g_printerr (_("%s: writing the FSMA 204 workbook…\n"), label);
  start = g_get_monotonic_time ();
  if (!lotline_store_export_fsma204 (store, recall_id, xlsx, error))
    return FALSE;
  seconds = seconds_since (start);
  /* Translators: "scale 10: FSMA 204 workbook (scope traced again): 1.2 MB in 3.1 s; peak RSS 300.0 MB" */
  g_print (_("%s: FSMA 204 workbook (scope traced again): %.1f MB in %.1f s; peak RSS %.1f MB\n"),
           label, file_size_mb (xlsx), seconds, peak_rss_mb ());
  g_remove (pdf);
  g_remove (xlsx);
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

  if (busiest != 0)
    {
      g_printerr (_("%s: timing graph layout and drawing…\n"), label);
      if (!bench_demo_graphs (store, label, busiest, today, error) ||
          !bench_recall (store, dir, label, busiest, error))
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
 * --runs runs), layout and drawing times of the busiest lot's genealogy
 * graph (grouped as the app shows it, and whole), a recall of lots of the
 * busiest lot's product that reaches about 2,000 consignees (its scope,
 * all its letters to PDF and its FSMA 204 workbook), and the peak resident
 * memory; then layout and drawing times of whole graphs of about 100,
 * 1,000 and 5,000 nodes from a synthetic plant.
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
  if (!bench_graph_sizes (dir, &error))
    {
      g_printerr (_("The benchmark failed: %s\n"), error->message);
      return 1;
    }

  g_print (_("peak RSS %.1f MB\n"), peak_rss_mb ());
  return 0;
}
