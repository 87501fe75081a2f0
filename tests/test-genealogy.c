/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lotline-demo.h"
#include "lotline-genealogy-page.h"
#include "lotline-graph-view.h"
#include "lotline-test-genealogy.h"
#include "lotline-ui-test-util.h"

/* The genealogy page in a window of its own, on a session over a test
 * database: wait until the graph is laid out, then click, zoom, re-trace,
 * export and take screenshots (<build>/tests/screenshots/). */

#define TIMEOUT_SECONDS 60

typedef struct {
  LotlineTestGenealogy *g;
  LotlineSession       *session;
  GtkWidget            *window;
  LotlineGenealogyPage *page;
  LotlineGraphView     *view;
} Fixture;

/* ---- waiting ------------------------------------------------------------- */

static gboolean
on_wait_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds; fails after the timeout. */
static void
wait_for (Condition   condition,
          gpointer    data,
          const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (TIMEOUT_SECONDS, on_wait_timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (id);
}

static gboolean
on_frames_timeout_cb (gpointer data)
{
  (*(guint *) data)--;
  return G_SOURCE_CONTINUE;
}

/* Lets a few frames pass (300 ms), so allocations, drawing and the
 * stack's crossfade catch up. */
static void
settle (void)
{
  guint left = 15;
  guint id = g_timeout_add (20, on_frames_timeout_cb, &left);

  while (left > 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static gboolean
page_is_laid_out (gpointer data)
{
  Fixture *f = data;

  return !lotline_genealogy_page_get_busy (f->page) &&
         lotline_graph_view_get_layout (f->view) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (f->view)) &&
         gtk_widget_get_width (GTK_WIDGET (f->view)) > 0;
}

static void
wait_laid_out (Fixture *f)
{
  wait_for (page_is_laid_out, f, "the graph to be laid out");
  settle ();
}

/* ---- set-up -------------------------------------------------------------- */

static void
fixture_open (Fixture      *f,
              const char   *path,
              const gint64 *seeds,
              guint         n_seeds,
              int           width,
              int           height)
{
  f->session = lotline_session_new (path, LOTLINE_STORE_NONE);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  f->page = LOTLINE_GENEALOGY_PAGE (lotline_genealogy_page_new (f->session, seeds, n_seeds));
  f->view = lotline_genealogy_page_get_graph_view (f->page);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (lotline_genealogy_page_get_busy (f->page));
  wait_laid_out (f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->g = lotline_test_genealogy_new ();
  {
    const gint64 seeds[] = { f->g->b1, f->g->b2 };

    fixture_open (f, f->g->ts->path, seeds, G_N_ELEMENTS (seeds), 1280, 800);
  }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  settle ();
  g_clear_object (&f->session);
  g_clear_pointer (&f->g, lotline_test_genealogy_free);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* ---- helpers ------------------------------------------------------------- */

static char *
lot_key (gint64 id)
{
  return g_strdup_printf ("lot:%" G_GINT64_FORMAT, id);
}

/* The widget point at the centre of the node with @key. */
static void
node_centre (Fixture    *f,
             const char *key,
             double     *x,
             double     *y)
{
  LotlineLayout *layout = lotline_graph_view_get_layout (f->view);
  int index = lotline_layout_find_node (layout, key);
  const LotlineLayoutNode *node;

  g_assert_cmpint (index, >=, 0);
  node = lotline_layout_get_node (layout, (guint) index);
  lotline_graph_view_graph_to_widget (f->view, node->x, node->y, x, y);
}

static const char *
selected_row_key (Fixture *f)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (lotline_genealogy_page_get_table (f->page)));
  gpointer item = gtk_single_selection_get_selected_item (selection);

  return item ? lotline_graph_node_get_key (item) : NULL;
}

static gboolean
highlighted (Fixture *f,
             gint64   lot_id)
{
  LotlineTrace *trace = lotline_layout_get_trace (lotline_graph_view_get_layout (f->view));
  g_autofree char *key = lot_key (lot_id);
  int t = lotline_trace_find_node (trace, key);
  const guint *nodes;
  guint n;

  g_assert_cmpint (t, >=, 0);
  lotline_graph_view_get_highlight (f->view, &nodes, &n, NULL, NULL);
  for (guint i = 0; i < n; i++)
    if (nodes[i] == (guint) t)
      return TRUE;
  return FALSE;
}

/* ---- tests --------------------------------------------------------------- */

static void
on_open_lot_cb (LotlineGenealogyPage *page,
                gint64                lot_id,
                gint64               *out)
{
  *out = lot_id;
}

/* Every trace node is drawn; a click selects the node and the table row,
 * a row selects the node and centres it, the path is highlighted. */
static void
test_select (Fixture       *f,
             gconstpointer  data)
{
  LotlineLayout *layout = lotline_graph_view_get_layout (f->view);
  GtkColumnView *table = lotline_genealogy_page_get_table (f->page);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (table));
  g_autofree char *j1 = lot_key (f->g->j1);
  g_autofree char *j3 = lot_key (f->g->j3);
  double x, y, gx, gy, w, h;
  gint64 opened = 0;
  int index;

  g_assert_cmpuint (lotline_layout_get_n_nodes (layout), ==, lotline_trace_get_n_nodes (f->g->trace));
  g_assert_cmpuint (lotline_layout_get_n_edges (layout), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, lotline_layout_get_n_nodes (layout));
  g_assert_cmpstr (lotline_genealogy_page_get_title (f->page), ==, "Genealogy of B-1, B-2");
  g_assert_true (lotline_graph_view_get_selection_model (f->view) == selection);
  g_assert_null (lotline_graph_view_get_selected_key (f->view));

  /* Click J-1: the view's hit test finds it under its centre. */
  node_centre (f, j1, &x, &y);
  index = lotline_layout_find_node (layout, j1);
  g_assert_cmpint (lotline_graph_view_hit_test (f->view, x, y), ==, index);
  lotline_graph_view_widget_to_graph (f->view, x, y, &gx, &gy);
  g_assert_cmpfloat (fabs (gx - lotline_layout_get_node (layout, (guint) index)->x), <, 1e-6);
  g_assert_cmpint (lotline_graph_view_select_at (f->view, x, y), ==, index);
  settle ();
  g_assert_cmpstr (lotline_graph_view_get_selected_key (f->view), ==, j1);
  g_assert_cmpstr (selected_row_key (f), ==, j1);
  /* The path from the seed B-1 to J-1, and nothing off it. */
  g_assert_true (highlighted (f, f->g->j1));
  g_assert_true (highlighted (f, f->g->b1));
  g_assert_false (highlighted (f, f->g->b2));
  g_assert_false (highlighted (f, f->g->j3));
  g_assert_false (highlighted (f, f->g->f1));

  /* Choosing J-3 in the table selects it in the graph and centres it. */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (selection));

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(LotlineGraphNode) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

        if (g_str_equal (lotline_graph_node_get_key (item), j3))
          gtk_single_selection_set_selected (selection, i);
      }
  }
  settle ();
  g_assert_cmpstr (lotline_graph_view_get_selected_key (f->view), ==, j3);
  g_assert_true (highlighted (f, f->g->b2));
  g_assert_false (highlighted (f, f->g->b1));
  node_centre (f, j3, &x, &y);
  w = gtk_widget_get_width (GTK_WIDGET (f->view));
  h = gtk_widget_get_height (GTK_WIDGET (f->view));
  g_assert_cmpfloat (fabs (x - w / 2), <, 1.0);
  g_assert_cmpfloat (fabs (y - h / 2), <, 1.0);

  /* Upstream works the same way: F-1 lies on the path to B-1. */
  {
    g_autofree char *f1 = lot_key (f->g->f1);

    lotline_graph_view_set_selected_key (f->view, f1);
    g_assert_cmpstr (selected_row_key (f), ==, f1);
    g_assert_true (highlighted (f, f->g->b1));
    g_assert_false (highlighted (f, f->g->j1));
  }

  /* Double-click (or Enter) on a lot asks to open it. */
  g_signal_connect (f->page, "open-lot", G_CALLBACK (on_open_lot_cb), &opened);
  lotline_graph_view_set_selected_key (f->view, j1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "graph.activate-selected", NULL));
  g_assert_cmpint (opened, ==, f->g->j1);

  /* A click on empty space clears the selection, in the table too. */
  g_assert_cmpint (lotline_graph_view_select_at (f->view, 2, 2), ==, -1);
  g_assert_null (lotline_graph_view_get_selected_key (f->view));
  g_assert_null (selected_row_key (f));
  {
    guint n;

    lotline_graph_view_get_highlight (f->view, NULL, &n, NULL, NULL);
    g_assert_cmpuint (n, ==, 0);
  }

  /* The tooltip text path and the accessible name do not crash on any
   * node; the accessible description counts the nodes. */
  for (guint i = 0; i < lotline_layout_get_n_nodes (layout); i++)
    {
      const LotlineLayoutNode *node = lotline_layout_get_node (layout, i);

      lotline_graph_view_graph_to_widget (f->view, node->x, node->y, &x, &y);
      g_assert_cmpint (lotline_graph_view_hit_test (f->view, x, y), ==, (int) i);
    }
}

static double
graph_x_at_centre (Fixture *f)
{
  double gx;

  lotline_graph_view_widget_to_graph (f->view, gtk_widget_get_width (GTK_WIDGET (f->view)) / 2.0, 0, &gx, NULL);
  return gx;
}

/* Zoom steps by 1.25 about the centre, resets to 100 %, fits, clamps. */
static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  double fit = lotline_graph_view_get_scale (f->view);
  double centre = graph_x_at_centre (f);
  LotlineLayout *layout = lotline_graph_view_get_layout (f->view);
  double wx, wy;

  /* Fitted: the whole graph (without going past 150 %) is in view. */
  g_assert_cmpfloat (fit, >, LOTLINE_GRAPH_VIEW_MIN_SCALE);
  g_assert_cmpfloat (fit, <=, 1.5);
  lotline_graph_view_graph_to_widget (f->view, 0, 0, &wx, &wy);
  g_assert_cmpfloat (wx, >=, 0);
  g_assert_cmpfloat (wy, >=, 0);
  lotline_graph_view_graph_to_widget (f->view, lotline_layout_get_width (layout), lotline_layout_get_height (layout), &wx, &wy);
  g_assert_cmpfloat (wx, <=, gtk_widget_get_width (GTK_WIDGET (f->view)));
  g_assert_cmpfloat (wy, <=, gtk_widget_get_height (GTK_WIDGET (f->view)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "genealogy.zoom-in", NULL));
  g_assert_cmpfloat (fabs (lotline_graph_view_get_scale (f->view) - fit * 1.25), <, 1e-9);
  /* Zoomed about the centre (the pointer is not over the graph). */
  g_assert_cmpfloat (fabs (graph_x_at_centre (f) - centre), <, 1e-6);
  settle ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "graph.zoom-out", NULL));
  g_assert_cmpfloat (fabs (lotline_graph_view_get_scale (f->view) - fit), <, 1e-9);
  lotline_graph_view_zoom_out (f->view);
  g_assert_cmpfloat (fabs (lotline_graph_view_get_scale (f->view) - fit / 1.25), <, 1e-9);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "genealogy.zoom-reset", NULL));
  g_assert_cmpfloat (lotline_graph_view_get_scale (f->view), ==, 1.0);
  settle ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "genealogy.zoom-fit", NULL));
  g_assert_cmpfloat (fabs (lotline_graph_view_get_scale (f->view) - fit), <, 1e-9);

  lotline_graph_view_set_scale (f->view, 100);
  g_assert_cmpfloat (lotline_graph_view_get_scale (f->view), ==, LOTLINE_GRAPH_VIEW_MAX_SCALE);
  settle ();
  lotline_graph_view_set_scale (f->view, 0.0001);
  g_assert_cmpfloat (lotline_graph_view_get_scale (f->view), ==, LOTLINE_GRAPH_VIEW_MIN_SCALE);
  settle ();

  /* Arrow keys pan by a fixed step. */
  lotline_graph_view_set_scale (f->view, 1.0);
  {
    double before, after;

    lotline_graph_view_graph_to_widget (f->view, 0, 0, &before, NULL);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "graph.pan", "(dd)", 10.0, 0.0));
    lotline_graph_view_graph_to_widget (f->view, 0, 0, &after, NULL);
    g_assert_cmpfloat (fabs (after - before - 10.0), <, 1e-9);
  }
}

static void
on_layout_notify_cb (LotlineGraphView *view,
                     GParamSpec       *pspec,
                     guint            *count)
{
  (*count)++;
}

static gboolean
page_is_idle (gpointer data)
{
  Fixture *f = data;

  return !lotline_genealogy_page_get_busy (f->page);
}

/* Two quick changes: only the last one's graph is ever shown. */
static void
test_direction (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *f1 = lot_key (f->g->f1);
  g_autofree char *j1 = lot_key (f->g->j1);
  LotlineLayout *layout;
  guint layouts = 0;

  g_assert_cmpint (lotline_layout_find_node (lotline_graph_view_get_layout (f->view), f1), >=, 0);
  g_signal_connect (f->view, "notify::layout", G_CALLBACK (on_layout_notify_cb), &layouts);

  lotline_genealogy_page_set_direction (f->page, LOTLINE_TRACE_UPSTREAM);
  g_assert_true (lotline_genealogy_page_get_busy (f->page));
  lotline_genealogy_page_set_direction (f->page, LOTLINE_TRACE_DOWNSTREAM);
  wait_for (page_is_idle, f, "the downstream graph");
  settle ();

  g_assert_cmpuint (layouts, ==, 1);
  layout = lotline_graph_view_get_layout (f->view);
  g_assert_cmpint (lotline_trace_get_direction (lotline_layout_get_trace (layout)), ==, LOTLINE_TRACE_DOWNSTREAM);
  /* Downstream of the batches: jars and customers, not the fruit. */
  g_assert_cmpint (lotline_layout_find_node (layout, f1), ==, -1);
  g_assert_cmpint (lotline_layout_find_node (layout, j1), >=, 0);

  /* Depth 0 is "All", and the toggles follow the direction. */
  lotline_genealogy_page_set_direction (f->page, LOTLINE_TRACE_UPSTREAM);
  lotline_genealogy_page_set_depth (f->page, 1);
  wait_for (page_is_idle, f, "the upstream graph");
  layout = lotline_graph_view_get_layout (f->view);
  g_assert_cmpint (lotline_trace_get_direction (lotline_layout_get_trace (layout)), ==, LOTLINE_TRACE_UPSTREAM);
  g_assert_cmpint (lotline_layout_find_node (layout, f1), >=, 0);
  g_assert_cmpint (lotline_layout_find_node (layout, j1), ==, -1);
  g_assert_cmpuint (lotline_genealogy_page_get_depth (f->page), ==, 1);
}

typedef struct {
  gboolean done;
  gboolean ok;
  GError  *error;
} Done;

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Done *done = user_data;

  done->ok = lotline_genealogy_page_export_finish (LOTLINE_GENEALOGY_PAGE (source), result, &done->error);
  done->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Done *) data)->done;
}

static void
assert_pdf_lists_lots (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;
  const char *argv[] = { pdftotext, path, "-", NULL };

  if (pdftotext == NULL)
    {
      g_test_message ("pdftotext is not installed; only checked that %s exists", path);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      return;
    }
  g_assert_cmpint (lotline_test_run (argv, &text, NULL), ==, 0);
  for (guint i = 0; lotline_test_genealogy_codes[i]; i++)
    if (strstr (text, lotline_test_genealogy_codes[i]) == NULL)
      g_error ("%s is not in the text of %s:\n%s", lotline_test_genealogy_codes[i], path, text);
}

/* Export (on a worker) and print (to a PDF, without a dialog) both write
 * every lot's code as text. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("lotline-genealogy-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "graph.pdf", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(GError) error = NULL;
  Done done = { 0 };

  lotline_genealogy_page_export_async (f->page, file, NULL, on_export_done_cb, &done);
  wait_for (is_done, &done, "the export");
  g_assert_no_error (done.error);
  g_assert_true (done.ok);
  assert_pdf_lists_lots (pdf);

  g_assert_true (lotline_genealogy_page_print (f->page, printed, &error));
  g_assert_no_error (error);
  assert_pdf_lists_lots (printed);

  g_remove (pdf);
  g_remove (printed);
  g_rmdir (dir);
}

/* Sixty customers of one lot are one group; activating it lays the graph
 * out again with every customer, centred where the group was. */
static void
test_groups (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autoptr(LotlineTrace) trace = NULL;
  g_autofree char *group_key = NULL;
  Fixture f = { 0 };
  LotlineLayout *layout;
  const LotlineLayoutNode *group;
  gint64 lot = 0;
  int index;

  lotline_test_store_add_basics (ts);
  trace = lotline_test_fanout_trace (ts, 60, &lot);
  fixture_open (&f, ts->path, &lot, 1, 1280, 800);

  layout = lotline_graph_view_get_layout (f.view);
  group_key = g_strdup_printf ("group:lot:%" G_GINT64_FORMAT ":out:customer", lot);
  index = lotline_layout_find_node (layout, group_key);
  g_assert_cmpint (index, >=, 0);
  group = lotline_layout_get_node (layout, (guint) index);
  g_assert_cmpuint (group->n_members, ==, 60);
  g_assert_cmpuint (lotline_layout_get_n_nodes (layout), <, lotline_trace_get_n_nodes (trace));

  /* A double-click on the group expands it. */
  lotline_graph_view_set_selected_key (f.view, group_key);
  g_assert_true (lotline_graph_view_activate_selected (f.view));
  g_assert_true (lotline_genealogy_page_get_busy (f.page));
  wait_laid_out (&f);
  layout = lotline_graph_view_get_layout (f.view);
  g_assert_cmpint (lotline_layout_find_node (layout, group_key), ==, -1);
  /* The page traced both ways: the fan-out's raw lot and supplier too. */
  g_assert_cmpuint (lotline_layout_get_n_nodes (layout), ==, lotline_trace_get_n_nodes (lotline_layout_get_trace (layout)));
  g_assert_cmpuint (lotline_layout_get_n_nodes (layout), >, lotline_trace_get_n_nodes (trace));
  g_assert_null (lotline_graph_view_get_selected_key (f.view));

  gtk_window_destroy (GTK_WINDOW (f.window));
  settle ();
  g_clear_object (&f.session);
}

/* Light and dark, a path selected, as a person would see them. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *j2 = lot_key (f->g->j2);
  AdwStyleManager *style = adw_style_manager_get_default ();

  lotline_graph_view_set_selected_key (f->view, j2);
  lotline_graph_view_zoom_fit (f->view);
  settle ();
  g_assert_cmpint (gtk_widget_get_width (f->window), ==, 1280);
  g_assert_cmpint (gtk_widget_get_height (f->window), ==, 800);
  lotline_test_save_screenshot (f->window, "genealogy-light.png");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  settle ();
  lotline_test_save_screenshot (f->window, "genealogy-dark.png");

  /* A phone-sized window: the controls wrap, the graph still fits. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  settle ();
  lotline_graph_view_zoom_fit (f->view);
  settle ();
  lotline_test_save_screenshot (f->window, "genealogy-narrow.png");
}

/* A demo plant's busiest raw lot, traced downstream: a big trace stays a
 * readable graph, and the main loop keeps turning while it is traced and
 * laid out. */
typedef struct {
  gint64 last;
  gint64 worst;
} Ticks;

static gboolean
on_tick_cb (gpointer data)
{
  Ticks *ticks = data;
  gint64 now = g_get_monotonic_time ();

  if (ticks->last != 0)
    ticks->worst = MAX (ticks->worst, now - ticks->last);
  ticks->last = now;
  return G_SOURCE_CONTINUE;
}

static void
ticks_start (Ticks *ticks)
{
  ticks->last = 0;
  ticks->worst = 0;
}

/* Set LOTLINE_TEST_DATABASE (and LOTLINE_TEST_LOT, a lot code) to run this
 * on a database of your own, such as a scale-10 demo. */
static void
test_demo (void)
{
  g_autoptr(LotlineTestStore) ts = NULL;
  g_autoptr(LotlineStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = g_getenv ("LOTLINE_TEST_DATABASE");
  Fixture f = { 0 };
  Ticks ticks = { 0 };
  gint64 busiest = 0, deepest = 0;
  LotlineLayout *layout;
  const LotlineLayoutNode *crowd;
  guint n_before;
  int index;
  guint id;

  if (path == NULL)
    {
      LotlineDemoOptions options = { .scale = 0.2, .seed = 1, .today = "2026-11-21" };

      ts = lotline_test_store_new ();
      g_assert_true (lotline_demo_generate (ts->store, &options, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      path = ts->path;
      store = g_object_ref (ts->store);
    }
  else
    {
      store = lotline_store_open (path, LOTLINE_STORE_NONE, &error);
      g_assert_no_error (error);
    }
  if (g_getenv ("LOTLINE_TEST_LOT") != NULL)
    g_assert_true (lotline_store_find_lot (store, NULL, g_getenv ("LOTLINE_TEST_LOT"), &busiest, &error));
  else
    g_assert_true (lotline_demo_find_trace_seeds (store, &busiest, &deepest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (busiest, >, 0);

  id = g_timeout_add (10, on_tick_cb, &ticks);
  f.session = lotline_session_new (path, LOTLINE_STORE_NONE);
  f.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1280, 800);
  f.page = LOTLINE_GENEALOGY_PAGE (lotline_genealogy_page_new (f.session, &busiest, 1));
  f.view = lotline_genealogy_page_get_graph_view (f.page);
  gtk_window_set_child (GTK_WINDOW (f.window), GTK_WIDGET (f.page));
  gtk_window_present (GTK_WINDOW (f.window));
  wait_laid_out (&f);

  layout = lotline_graph_view_get_layout (f.view);
  g_test_message ("demo: busiest lot both ways, %u trace nodes drawn as %u, %.0f × %.0f pt; "
                  "longest main-loop gap %.0f ms",
                  lotline_trace_get_n_nodes (lotline_layout_get_trace (layout)),
                  lotline_layout_get_n_nodes (layout),
                  lotline_layout_get_width (layout), lotline_layout_get_height (layout),
                  ticks.worst / 1000.0);
  g_assert_cmpuint (lotline_layout_get_n_nodes (layout), <=, 80);
  /* Generous for a loaded test machine; a frozen UI would be seconds. */
  g_assert_cmpint (ticks.worst, <, 500 * 1000);
  lotline_test_save_screenshot (f.window, "genealogy-demo.png");

  /* Every customer one by one: hundreds of nodes, laid out and drawn off
   * the main thread. */
  index = lotline_layout_find_node (layout, "group:crowd:customer");
  g_assert_cmpint (index, >=, 0);
  crowd = lotline_layout_get_node (layout, (guint) index);
  n_before = lotline_layout_get_n_nodes (layout);
  ticks_start (&ticks);
  lotline_genealogy_page_expand_group (f.page, crowd->key);
  g_assert_true (lotline_genealogy_page_get_busy (f.page));
  wait_laid_out (&f);
  layout = lotline_graph_view_get_layout (f.view);
  g_test_message ("demo: customers expanded, %u nodes, %u edges, %.0f × %.0f pt; longest main-loop gap %.0f ms",
                  lotline_layout_get_n_nodes (layout), lotline_layout_get_n_edges (layout),
                  lotline_layout_get_width (layout), lotline_layout_get_height (layout),
                  ticks.worst / 1000.0);
  g_assert_cmpint (lotline_layout_find_node (layout, "group:crowd:customer"), ==, -1);
  g_assert_cmpuint (lotline_layout_get_n_nodes (layout), >, n_before);
  g_assert_cmpint (ticks.worst, <, 500 * 1000);
  /* Zoomed out to the whole tall graph, then back in: still no freeze. */
  ticks_start (&ticks);
  lotline_graph_view_zoom_fit (f.view);
  settle ();
  lotline_graph_view_zoom_reset (f.view);
  settle ();
  g_test_message ("demo: zooming the expanded graph, longest main-loop gap %.0f ms", ticks.worst / 1000.0);
  g_assert_cmpint (ticks.worst, <, 500 * 1000);
  g_source_remove (id);
  lotline_test_save_screenshot (f.window, "genealogy-demo-expanded.png");

  gtk_window_destroy (GTK_WINDOW (f.window));
  settle ();
  g_clear_object (&f.session);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LOTLINE_TODAY", LOTLINE_TEST_TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/lotline/genealogy/select", Fixture, NULL, fixture_setup, test_select, fixture_teardown);
  g_test_add ("/lotline/genealogy/zoom", Fixture, NULL, fixture_setup, test_zoom, fixture_teardown);
  g_test_add ("/lotline/genealogy/direction", Fixture, NULL, fixture_setup, test_direction, fixture_teardown);
  g_test_add ("/lotline/genealogy/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add_func ("/lotline/genealogy/groups", test_groups);
  g_test_add ("/lotline/genealogy/screenshots", Fixture, NULL, fixture_setup, test_screenshots, fixture_teardown);
  g_test_add_func ("/lotline/genealogy/demo", test_demo);

  return g_test_run ();
}
