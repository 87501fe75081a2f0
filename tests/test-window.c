/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>

#include "lotline-application.h"
#include "lotline-genealogy-page.h"
#include "lotline-lot-page.h"
#include "lotline-lots-page.h"
#include "lotline-operation-dialog.h"
#include "lotline-overview-page.h"
#include "lotline-preferences-window.h"
#include "lotline-query.h"
#include "lotline-test-util.h"
#include "lotline-ui-test-util.h"
#include "lotline-welcome-page.h"
#include "lotline-window.h"

/* Each case runs the real application (with `--database PATH` or
 * without), then, from an idle once the window exists, a script that
 * drives it as a person would: it waits on the main loop for the window to
 * show what it should, checks the widgets against the core's own answers,
 * saves screenshots into <build>/tests/screenshots/ and closes the
 * window, which ends the application. */

#define TODAY "2026-11-21"

typedef struct _Run Run;
typedef void (*RunScript) (Run *run, LotlineWindow *window);

struct _Run {
  const char    *database;       /* NULL runs without --database */
  AdwColorScheme color_scheme;
  RunScript      script;
  gpointer       data;
  gboolean       done;
};

/* The demo database every case shares, made once in main(). */
static LotlineTestStore *demo;

/* ---- widget tree helpers ------------------------------------------------------- */

static GtkWidget *
get_by_name (GtkWidget  *root,
             const char *name)
{
  GtkWidget *widget = lotline_test_find_widget (root, lotline_test_is_named, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

static GtkWidget *
get_by_type (GtkWidget *root,
             GType      type)
{
  GtkWidget *widget = lotline_test_find_widget_of_type (root, type);

  if (widget == NULL)
    g_error ("No widget of type %s", g_type_name (type));
  return widget;
}

/* The window-level stack: welcome, loading, error, main and lot. */
static GtkStack *
get_window_stack (LotlineWindow *window)
{
  GtkWidget *overlay = get_by_type (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *stack = adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay));

  g_assert_true (GTK_IS_STACK (stack));
  g_assert_nonnull (gtk_stack_get_child_by_name (GTK_STACK (stack), "main"));
  return GTK_STACK (stack);
}

static const char *
get_page (LotlineWindow *window)
{
  return gtk_stack_get_visible_child_name (get_window_stack (window));
}

static LotlineOverviewPage *
get_overview (LotlineWindow *window)
{
  return LOTLINE_OVERVIEW_PAGE (get_by_type (GTK_WIDGET (window), LOTLINE_TYPE_OVERVIEW_PAGE));
}

static LotlineLotsPage *
get_lots (LotlineWindow *window)
{
  return LOTLINE_LOTS_PAGE (get_by_type (GTK_WIDGET (window), LOTLINE_TYPE_LOTS_PAGE));
}

static AdwViewStack *
get_view_stack (LotlineWindow *window)
{
  return ADW_VIEW_STACK (get_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
}

static const char *
get_label (GtkWidget  *root,
           const char *name)
{
  return gtk_label_get_label (GTK_LABEL (get_by_name (root, name)));
}

static void
activate (LotlineWindow *window,
          const char    *action,
          GVariant      *parameter)
{
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), action));
  g_action_group_activate_action (G_ACTION_GROUP (window), action, parameter);
}

/* ---- conditions ---------------------------------------------------------------- */

typedef struct {
  LotlineWindow *window;
  const char    *page;
} PageWait;

static gboolean
page_settled (gpointer data)
{
  PageWait *w = data;
  GtkStack *stack = get_window_stack (w->window);

  return gtk_widget_get_mapped (GTK_WIDGET (w->window)) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), w->page) == 0 &&
         !gtk_stack_get_transition_running (stack);
}

static void
wait_for_page (LotlineWindow *window,
               const char    *page)
{
  PageWait w = { window, page };

  lotline_test_wait_until (page_settled, &w, page);
}

static gboolean
overview_loaded (gpointer data)
{
  LotlineOverviewPage *page = get_overview (data);

  return lotline_overview_page_get_session (page) != NULL && !lotline_overview_page_get_loading (page);
}

static gboolean
lots_loaded (gpointer data)
{
  LotlineLotList *list = lotline_lots_page_get_lot_list (get_lots (data));

  return list != NULL && !lotline_lot_list_get_loading (list) && lotline_lot_list_get_query (list) != NULL;
}

/* Waits for the main page with both pages filled in. */
static void
wait_for_main (LotlineWindow *window)
{
  wait_for_page (window, "main");
  lotline_test_wait_until (overview_loaded, window, "the overview");
  lotline_test_wait_until (lots_loaded, window, "the lot list");
  lotline_test_wait_frames (GTK_WIDGET (window), 3);
}

static gboolean
item_loaded (gpointer data)
{
  return lotline_lot_item_get_loaded (data);
}

/* The list's row at @position, once its page has arrived. */
static LotlineLotItem *
get_loaded_item (LotlineWindow *window,
                 guint          position)
{
  GListModel *model = lotline_lots_page_get_model (get_lots (window));
  LotlineLotItem *item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  lotline_test_wait_until (item_loaded, item, "a page of lots");
  return item;
}

/* ---- screenshots --------------------------------------------------------------- */

static const char *
scheme_suffix (Run *run)
{
  return run->color_scheme == ADW_COLOR_SCHEME_FORCE_DARK ? "dark" : "light";
}

static void
screenshot (Run           *run,
            GtkWidget     *widget,
            const char    *name)
{
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, scheme_suffix (run));

  lotline_test_wait_ms (400);
  lotline_test_wait_frames (widget, 3);
  lotline_test_save_screenshot (widget, file);
}

/* ---- running the application ------------------------------------------------------ */

static gboolean
run_script_cb (gpointer user_data)
{
  GApplication *app = user_data;
  Run *run = g_object_get_data (G_OBJECT (app), "run");
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_assert_nonnull (windows);
  g_assert_true (LOTLINE_IS_WINDOW (windows->data));

  run->script (run, windows->data);
  run->done = TRUE;

  /* The application holds itself while it has a window. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  return G_SOURCE_REMOVE;
}

static void
on_activate_after_cb (GApplication *app,
                      Run          *run)
{
  g_idle_add (run_script_cb, app);
}

static void
on_startup_after_cb (GApplication *app,
                     Run          *run)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), run->color_scheme);
  /* GNOME's title bar buttons, not GTK's fallback with three. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", ":close", NULL);
}

static void
run_application (Run *run)
{
  g_autoptr(LotlineApplication) app = lotline_application_new ();
  const char *argv[] = { "lotline", "--database", run->database, NULL };
  int argc = run->database != NULL ? 3 : 1;
  int status;

  /* Test processes run side by side on one session bus. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_object_set_data (G_OBJECT (app), "run", run);
  g_signal_connect_after (app, "startup", G_CALLBACK (on_startup_after_cb), run);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after_cb), run);

  status = g_application_run (G_APPLICATION (app), argc, (char **) argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (run->done);
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (LOTLINE_APP_ID);

  g_settings_reset (settings, "recent-databases");
  g_settings_reset (settings, "expiry-warning-days");
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 800);
}

/* ---- fixtures --------------------------------------------------------------------- */

static LotlineOverview
get_overview_counts (int warning_days)
{
  LotlineOverview overview = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_store_get_overview (demo->store, TODAY, warning_days, &overview, &error));
  g_assert_no_error (error);
  return overview;
}

static guint
count_lots (const LotlineLotQuery *query)
{
  guint count = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_store_count_lots (demo->store, query, &count, &error));
  g_assert_no_error (error);
  return count;
}

static LotlineLotRow *
first_row (const LotlineLotQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lotline_store_query_lots (demo->store, query, 0, 1, &error);
  LotlineLotRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_ptr_array_index (rows, 0) = NULL;
  return row;
}

static char *
format_number (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

/* ---- overview ------------------------------------------------------------------------ */

static void
check_count (LotlineWindow *window,
             const char    *name,
             gint64         expected)
{
  g_autofree char *text = format_number (expected);

  g_assert_cmpstr (get_label (GTK_WIDGET (window), name), ==, text);
}

static void
script_overview (Run           *run,
                 LotlineWindow *window)
{
  LotlineOverview overview = get_overview_counts (30);
  LotlineStoreCounts counts;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  LotlineSession *session;

  wait_for_main (window);
  session = lotline_window_get_session (window);
  g_assert_true (lotline_session_is_open (session));
  g_assert_cmpstr (lotline_session_get_path (session), ==, demo->path);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_view_stack (window)), ==, "overview");

  /* The cards show what the core counts. */
  g_assert_cmpint (overview.lots_on_hand, >, 0);
  check_count (window, "on-hand-count", overview.lots_on_hand);
  check_count (window, "quarantined-count", overview.quarantined);
  check_count (window, "expiring-count", overview.expiring_soon);
  check_count (window, "expired-count", overview.expired_on_hand);
  check_count (window, "recalled-count", overview.recalled_on_hand);

  g_assert_true (lotline_store_get_counts (demo->store, &counts, &error));
  g_assert_no_error (error);
  summary = g_strdup_printf ("%" G_GINT64_FORMAT "\u00a0lots\u00a0· %" G_GINT64_FORMAT "\u00a0events\u00a0· %" G_GINT64_FORMAT "\u00a0parties",
                             counts.lots, counts.events, counts.parties);
  g_assert_cmpstr (get_label (GTK_WIDGET (window), "summary-label"), ==, summary);

  /* The title shows the database. */
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (get_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE))),
                   ==, "test.lotline");

  screenshot (run, GTK_WIDGET (window), "overview");

  /* The Lots page, as it first shows. */
  activate (window, "show-page", g_variant_new_string ("lots"));
  lotline_test_wait_until (lots_loaded, window, "the lot list");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_view_stack (window)), ==, "lots");
  g_object_unref (get_loaded_item (window, 0));
  screenshot (run, GTK_WIDGET (window), "lots");
}

static void
test_overview (gconstpointer data)
{
  Run run = {
    .database = demo->path,
    .color_scheme = GPOINTER_TO_INT (data),
    .script = script_overview,
  };

  reset_settings ();
  run_application (&run);
}

/* ---- the lot list: rows, search, sorting ----------------------------------------------- */

typedef struct {
  LotlineWindow *window;
  guint          n_items;
  const char    *search;
  LotlineLotSort sort;
  gboolean       descending;
} ListWait;

static gboolean
list_shows (gpointer data)
{
  ListWait *w = data;
  LotlineLotList *list = lotline_lots_page_get_lot_list (get_lots (w->window));
  const LotlineLotQuery *query;

  if (!lots_loaded (w->window))
    return FALSE;
  query = lotline_lot_list_get_query (list);
  return g_strcmp0 (query->search, w->search) == 0 &&
         query->sort == w->sort &&
         query->descending == w->descending &&
         g_list_model_get_n_items (lotline_lots_page_get_model (get_lots (w->window))) == w->n_items;
}

static gboolean
lot_page_loaded (gpointer data)
{
  GtkWidget *page = lotline_test_find_widget_of_type (GTK_WIDGET (data), LOTLINE_TYPE_LOT_PAGE);

  return page != NULL && !lotline_lot_page_get_loading (LOTLINE_LOT_PAGE (page));
}

static gboolean
genealogy_laid_out (gpointer data)
{
  return !lotline_genealogy_page_get_busy (data);
}

/* Whether a mapped AdwWindowTitle shows @title. */
static gboolean
find_window_title (GtkWidget  *root,
                   const char *title)
{
  if (ADW_IS_WINDOW_TITLE (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (root)), title) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (find_window_title (child, title))
        return TRUE;
    }
  return FALSE;
}

static void
script_lots (Run           *run,
             LotlineWindow *window)
{
  LotlineLotsPage *lots;
  GtkWidget *entry;
  GtkColumnView *view;
  g_autoptr(GListModel) columns = NULL;
  g_autoptr(GtkColumnViewColumn) expires_column = NULL;
  g_autoptr(LotlineLotItem) item = NULL;
  g_autoptr(LotlineLotRow) expected = NULL;
  g_autoptr(LotlineLotRow) search_row = NULL;
  g_autofree char *search = NULL;
  g_autofree char *first_code = NULL;
  g_autofree char *count_text = NULL;
  LotlineLotQuery query;
  guint total, found;
  ListWait w = { window };

  wait_for_main (window);
  lots = get_lots (window);

  /* Ctrl+F's action: the Lots page, with the focus in its search entry. */
  activate (window, "search", NULL);
  lotline_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_view_stack (window)), ==, "lots");
  entry = get_by_name (GTK_WIDGET (lots), "lot-search");
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));

  /* Every lot, by code, never all loaded at once. */
  lotline_lot_query_init (&query, TODAY);
  total = count_lots (&query);
  g_assert_cmpuint (total, >, 100);
  w.n_items = total;
  w.sort = LOTLINE_LOT_SORT_CODE;
  lotline_test_wait_until (list_shows, &w, "every lot");
  item = get_loaded_item (window, 0);
  expected = first_row (&query);
  g_assert_cmpint (lotline_lot_item_get_id (item), ==, expected->id);
  g_assert_cmpstr (lotline_lot_item_get_code (item), ==, expected->code);
  first_code = g_strdup (expected->code);
  g_clear_object (&item);
  g_clear_pointer (&expected, lotline_lot_row_free);
  count_text = g_strdup_printf ("%u\u00a0lots", total);
  g_assert_cmpstr (get_label (GTK_WIDGET (lots), "lot-count"), ==, count_text);
  g_clear_pointer (&count_text, g_free);

  /* A search narrows the list to what the core finds: a supplier's name. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) rows = lotline_store_query_lots (demo->store, &query, 0, 500, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < rows->len && search == NULL; i++)
      {
        const LotlineLotRow *row = g_ptr_array_index (rows, i);

        if (row->supplier_name != NULL && *row->supplier_name != '\0')
          search = g_strdup (row->supplier_name);
      }
  }
  g_assert_nonnull (search);
  query.search = search;
  found = count_lots (&query);
  g_test_message ("search “%s”: %u of %u lots", search, found, total);
  g_assert_cmpuint (found, >, 0);
  g_assert_cmpuint (found, <, total);

  gtk_editable_set_text (GTK_EDITABLE (entry), search);
  w.n_items = found;
  w.search = search;
  lotline_test_wait_until (list_shows, &w, "the search");
  item = get_loaded_item (window, 0);
  search_row = first_row (&query);
  g_assert_cmpint (lotline_lot_item_get_id (item), ==, search_row->id);
  g_clear_object (&item);

  /* Nothing matches: the empty state, which offers to clear the filters. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "no lot is called this");
  w.n_items = 0;
  w.search = "no lot is called this";
  lotline_test_wait_until (list_shows, &w, "no lots");
  lotline_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_get_mapped (get_by_type (GTK_WIDGET (lots), ADW_TYPE_STATUS_PAGE)));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (get_by_type (GTK_WIDGET (lots), ADW_TYPE_STATUS_PAGE))),
                   ==, "No Lots Found");
  screenshot (run, GTK_WIDGET (window), "lots-empty");
  lotline_lots_page_clear_filters (lots);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  w.n_items = total;
  w.search = NULL;
  lotline_test_wait_until (list_shows, &w, "every lot again");

  /* A click on a column header sorts in SQL: by expiry, latest first. */
  view = GTK_COLUMN_VIEW (get_by_type (GTK_WIDGET (lots), GTK_TYPE_COLUMN_VIEW));
  columns = g_object_ref (gtk_column_view_get_columns (view));
  expires_column = g_list_model_get_item (columns, 4);
  g_assert_cmpstr (gtk_column_view_column_get_title (expires_column), ==, "Expires");
  gtk_column_view_sort_by_column (view, expires_column, GTK_SORT_DESCENDING);
  query.search = NULL;
  query.sort = LOTLINE_LOT_SORT_EXPIRES;
  query.descending = TRUE;
  w.sort = LOTLINE_LOT_SORT_EXPIRES;
  w.descending = TRUE;
  lotline_test_wait_until (list_shows, &w, "the sorted list");
  item = get_loaded_item (window, 0);
  expected = first_row (&query);
  g_assert_cmpint (lotline_lot_item_get_id (item), ==, expected->id);
  g_assert_cmpstr (lotline_lot_item_get_code (item), !=, first_code);
  g_clear_object (&item);
  g_clear_pointer (&expected, lotline_lot_row_free);
  /* Only the rows on screen were fetched again, not every page of the list
   * (GTK 4.8 asks a replaced list for every item; see on_counted_cb() in
   * lotline-lot-list.c). */
  g_assert_cmpuint (lotline_lot_list_get_n_cached_pages (lotline_lots_page_get_lot_list (lots)), <=, 3);

  /* … and ascending. */
  gtk_column_view_sort_by_column (view, expires_column, GTK_SORT_ASCENDING);
  query.descending = FALSE;
  w.descending = FALSE;
  lotline_test_wait_until (list_shows, &w, "the list sorted ascending");
  item = get_loaded_item (window, 0);
  expected = first_row (&query);
  g_assert_cmpint (lotline_lot_item_get_id (item), ==, expected->id);
  g_clear_object (&item);

  /* Opening a lot pushes its page; Back returns to the list as it was. */
  gtk_editable_set_text (GTK_EDITABLE (entry), search);
  w.n_items = count_lots (&(LotlineLotQuery) { .search = search, .product_kind = -1, .expiring_within = -1,
                                                .today = TODAY, .sort = LOTLINE_LOT_SORT_EXPIRES });
  w.search = search;
  lotline_test_wait_until (list_shows, &w, "the search, sorted");
  item = get_loaded_item (window, 0);
  activate (window, "open-lot", g_variant_new_int64 (lotline_lot_item_get_id (item)));
  wait_for_page (window, "lot");
  lotline_test_wait_until (lot_page_loaded, window, "the lot page");
  /* The header names the lot. */
  g_assert_true (find_window_title (GTK_WIDGET (window), lotline_lot_item_get_code (item)));
  screenshot (run, GTK_WIDGET (window), "lot");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "back"));
  activate (window, "back", NULL);
  wait_for_page (window, "main");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_view_stack (window)), ==, "lots");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, search);
  g_assert_cmpint (lotline_lot_list_get_query (lotline_lots_page_get_lot_list (lots))->sort, ==, LOTLINE_LOT_SORT_EXPIRES);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "back"));

  /* The selected row's genealogy; a lot opened from the graph comes on top
   * of it, and Back goes back through both. */
  {
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
    GtkWidget *genealogy;

    GtkWidget *button = get_by_name (GTK_WIDGET (lots), "lot-genealogy");

    /* Only with a row selected. */
    gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
    g_assert_false (gtk_widget_get_sensitive (button));
    gtk_single_selection_set_selected (selection, 0);
    g_assert_true (gtk_widget_get_sensitive (button));
    g_signal_emit_by_name (button, "clicked");
    wait_for_page (window, "lot");
    genealogy = lotline_test_find_widget_of_type (GTK_WIDGET (window), LOTLINE_TYPE_GENEALOGY_PAGE);
    g_assert_nonnull (genealogy);
    lotline_test_wait_until (genealogy_laid_out, genealogy, "the genealogy graph");
    g_signal_emit_by_name (genealogy, "open-lot", lotline_lot_item_get_id (item));
    wait_for_page (window, "lot");
    lotline_test_wait_until (lot_page_loaded, window, "the lot page over the graph");
    g_assert_null (lotline_test_find_widget_of_type (GTK_WIDGET (window), LOTLINE_TYPE_GENEALOGY_PAGE));
    activate (window, "back", NULL);
    wait_for_page (window, "lot");
    g_assert_nonnull (lotline_test_find_widget_of_type (GTK_WIDGET (window), LOTLINE_TYPE_GENEALOGY_PAGE));
    activate (window, "back", NULL);
    wait_for_page (window, "main");
  }
}

static void
test_lots (void)
{
  Run run = {
    .database = demo->path,
    .color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT,
    .script = script_lots,
  };

  reset_settings ();
  run_application (&run);
}

/* ---- overview cards open the filtered list ------------------------------------------ */

typedef struct {
  const char *card;
  guint       status_choice;   /* the status filter's entry */
  gboolean    expiring;
} CardCase;

static gboolean
list_matches_preset (gpointer data)
{
  LotlineWindow *window = data;
  LotlineLotList *list = lotline_lots_page_get_lot_list (get_lots (window));

  return lots_loaded (window) && lotline_lot_list_get_query (list)->on_hand_only;
}

static void
script_cards (Run           *run,
              LotlineWindow *window)
{
  static const CardCase cases[] = {
    { "quarantined", 1 + LOTLINE_LOT_QUARANTINED, FALSE },
    { "on-hand", 0, FALSE },
    { "expiring", 1 + LOTLINE_LOT_RELEASED, TRUE },
    { "expired", 1 + LOTLINE_LOT_EXPIRED, FALSE },
    { "recalled", 1 + LOTLINE_LOT_RECALLED, FALSE },
  };
  LotlineOverview overview = get_overview_counts (30);
  const gint64 expected[] = {
    overview.quarantined, overview.lots_on_hand, overview.expiring_soon,
    overview.expired_on_hand, overview.recalled_on_hand,
  };
  LotlineLotsPage *lots;

  wait_for_main (window);
  lots = get_lots (window);
  g_assert_cmpint (overview.quarantined, >, 0);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *card_name = g_strdup_printf ("%s-card", cases[c].card);
      GtkWidget *card;
      GListModel *model;
      guint n;

      activate (window, "show-page", g_variant_new_string ("overview"));
      lotline_test_wait_frames (GTK_WIDGET (window), 2);
      card = get_by_name (GTK_WIDGET (window), card_name);
      g_assert_true (gtk_widget_get_mapped (card));

      /* A person clicks the card… */
      g_signal_emit_by_name (card, "clicked");
      lotline_test_wait_until (list_matches_preset, window, "the filtered list");
      lotline_test_wait_frames (GTK_WIDGET (window), 2);

      /* … and sees the Lots page with the filters set, visibly. */
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_view_stack (window)), ==, "lots");
      g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (get_by_name (GTK_WIDGET (lots), "status-filter"))),
                        ==, cases[c].status_choice);
      g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (get_by_name (GTK_WIDGET (lots), "on-hand-check"))));
      g_assert_cmpint (gtk_check_button_get_active (GTK_CHECK_BUTTON (get_by_name (GTK_WIDGET (lots), "expiring-check"))),
                       ==, cases[c].expiring);
      if (cases[c].expiring)
        g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (get_by_name (GTK_WIDGET (lots), "expiring-days"))),
                         ==, 30);

      /* The list holds as many lots as the card counted. */
      model = lotline_lots_page_get_model (lots);
      n = g_list_model_get_n_items (model);
      g_test_message ("%s: card %" G_GINT64_FORMAT ", list %u", cases[c].card, expected[c], n);
      g_assert_cmpint (n, ==, expected[c]);

      if (g_strcmp0 (cases[c].card, "quarantined") == 0)
        {
          /* Quarantined lots only. */
          for (guint i = 0; i < MIN (n, 100); i++)
            {
              g_autoptr(LotlineLotItem) item = get_loaded_item (window, i);

              g_assert_cmpint (lotline_lot_item_get_row (item)->status, ==, LOTLINE_LOT_QUARANTINED);
              g_assert_cmpint (lotline_lot_item_get_row (item)->on_hand, >, 0);
            }
          screenshot (run, GTK_WIDGET (window), "lots-quarantined");
        }
    }
}

static void
test_cards (void)
{
  Run run = {
    .database = demo->path,
    .color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT,
    .script = script_cards,
  };

  reset_settings ();
  run_application (&run);
}

/* ---- first run, sample data, recent databases ------------------------------------------- */

static char *
dup_sample_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "lotline", "sample.lotline", NULL);
}

static void
remove_database (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* Files in the user data folder whose names end with @suffix. */
static guint
count_files_ending (const char *suffix)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "lotline", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, suffix))
      n++;
  return n;
}

static gboolean
no_partial_sample (gpointer data)
{
  return count_files_ending (".part") == 0 && count_files_ending (".part-wal") == 0;
}

static void
script_welcome (Run           *run,
                LotlineWindow *window)
{
  g_autofree char *sample = dup_sample_path ();
  GtkWidget *welcome;

  wait_for_page (window, "welcome");
  g_assert_null (lotline_window_get_session (window));
  welcome = get_by_type (GTK_WIDGET (window), LOTLINE_TYPE_WELCOME_PAGE);
  g_assert_true (gtk_widget_get_mapped (welcome));
  for (guint i = 0; i < 3; i++)
    {
      const char *actions[] = { "explore-sample", "new-database", "open-database" };

      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), actions[i]));
    }
  /* Nothing works on a database yet. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "record"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "search"));
  screenshot (run, GTK_WIDGET (window), "welcome");

  if (run->color_scheme == ADW_COLOR_SCHEME_FORCE_DARK)
    return;

  /* Explore Sample Data, then Cancel: back to the welcome page, and the
   * half-made file goes away. */
  activate (window, "explore-sample", NULL);
  g_assert_cmpstr (get_page (window), ==, "loading");
  g_assert_true (gtk_widget_get_visible (get_by_type (GTK_WIDGET (window), GTK_TYPE_PROGRESS_BAR)));
  activate (window, "cancel-sample", NULL);
  wait_for_page (window, "welcome");
  lotline_test_wait_until (no_partial_sample, NULL, "the cancelled sample to be deleted");
  g_assert_false (g_file_test (sample, G_FILE_TEST_EXISTS));

  /* Explore Sample Data: a progress bar, then the sample's overview. */
  activate (window, "explore-sample", NULL);
  g_assert_cmpstr (get_page (window), ==, "loading");
  wait_for_page (window, "loading");
  lotline_test_wait_frames (GTK_WIDGET (window), 3);
  lotline_test_save_screenshot (GTK_WIDGET (window), "sample-progress-light.png");
  wait_for_main (window);
  g_assert_cmpstr (lotline_session_get_path (lotline_window_get_session (window)), ==, sample);
  g_assert_true (g_file_test (sample, G_FILE_TEST_IS_REGULAR));
  lotline_test_wait_until (no_partial_sample, NULL, "the partial sample to be gone");
  {
    g_autoptr(GSettings) settings = g_settings_new (LOTLINE_APP_ID);
    g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-databases");

    g_assert_cmpstr (recent[0], ==, sample);
  }
  g_assert_cmpint (g_list_model_get_n_items (lotline_lots_page_get_model (get_lots (window))), >, 100);
}

static void
test_welcome (gconstpointer data)
{
  g_autofree char *sample = dup_sample_path ();
  g_autofree char *default_path = g_build_filename (g_get_user_data_dir (), "lotline", "lotline.lotline", NULL);
  Run run = {
    .database = NULL,
    .color_scheme = GPOINTER_TO_INT (data),
    .script = script_welcome,
  };

  reset_settings ();
  remove_database (sample);
  g_assert_false (g_file_test (default_path, G_FILE_TEST_EXISTS));
  run_application (&run);
  /* The welcome page creates nothing by itself. */
  g_assert_false (g_file_test (default_path, G_FILE_TEST_EXISTS));
  remove_database (sample);
}

typedef struct {
  const char *expected;   /* the database the window starts on */
  const char *other;      /* one to switch to, or NULL */
} RecentCase;

static gboolean
session_is (gpointer data)
{
  void **args = data;
  LotlineSession *session = lotline_window_get_session (args[0]);

  return session != NULL && g_strcmp0 (lotline_session_get_path (session), args[1]) == 0;
}

static void
script_recent (Run           *run,
               LotlineWindow *window)
{
  const RecentCase *rc = run->data;
  void *args[2] = { window, (gpointer) rc->other };

  wait_for_main (window);
  g_assert_cmpstr (lotline_session_get_path (lotline_window_get_session (window)), ==, rc->expected);
  if (rc->other == NULL)
    return;

  /* Switching databases: a new session, and the pages rebuilt from it. */
  g_assert_cmpuint (g_list_model_get_n_items (lotline_lots_page_get_model (get_lots (window))), >, 0);
  activate (window, "open-recent", g_variant_new_string (rc->other));
  lotline_test_wait_until (session_is, args, "the other database");
  wait_for_main (window);
  g_assert_cmpstr (get_label (GTK_WIDGET (window), "summary-label"), ==, "Empty database");
  g_assert_cmpuint (g_list_model_get_n_items (lotline_lots_page_get_model (get_lots (window))), ==, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "empty.lotline — Lotline");
}

/* A database opened once is opened again when Lotline starts without
 * --database; missing files are skipped. */
static void
test_recent (void)
{
  g_autoptr(GSettings) settings = g_settings_new (LOTLINE_APP_ID);
  g_autoptr(LotlineTestStore) empty = lotline_test_store_new ();
  g_autofree char *empty_path = g_build_filename (empty->dir, "empty.lotline", NULL);
  g_autofree char *missing = g_build_filename (demo->dir, "gone.lotline", NULL);
  g_auto(GStrv) recent = NULL;
  RecentCase rc = { demo->path, NULL };
  Run run = {
    .database = demo->path,
    .color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT,
    .script = script_recent,
    .data = &rc,
  };

  reset_settings ();
  g_settings_set_strv (settings, "recent-databases", (const char *[]) { missing, NULL });
  run_application (&run);

  recent = g_settings_get_strv (settings, "recent-databases");
  g_assert_cmpstr (recent[0], ==, demo->path);
  g_assert_cmpstr (recent[1], ==, missing);
  g_assert_null (recent[2]);

  /* Started without --database: the newest recent database that exists;
   * then the recent menu switches to another one. */
  {
    g_autoptr(LotlineStore) store = lotline_store_open (empty_path, LOTLINE_STORE_CREATE, NULL);

    g_assert_nonnull (store);
  }
  g_settings_set_strv (settings, "recent-databases", (const char *[]) { missing, demo->path, empty_path, NULL });
  run.database = NULL;
  rc.other = empty_path;
  run_application (&run);
  g_clear_pointer (&recent, g_strfreev);
  recent = g_settings_get_strv (settings, "recent-databases");
  g_assert_cmpstr (recent[0], ==, empty_path);
  g_assert_cmpstr (recent[1], ==, demo->path);
}

/* ---- creating, and a file that is not a database ------------------------------------------- */

static void
script_create (Run           *run,
               LotlineWindow *window)
{
  wait_for_main (window);
  g_assert_cmpstr (get_label (GTK_WIDGET (window), "summary-label"), ==, "Empty database");
  g_assert_cmpstr (get_label (GTK_WIDGET (window), "on-hand-count"), ==, "0");
  /* The empty lot list says so, without offering to clear filters. */
  activate (window, "show-page", g_variant_new_string ("lots"));
  lotline_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpuint (g_list_model_get_n_items (lotline_lots_page_get_model (get_lots (window))), ==, 0);
  g_assert_true (gtk_widget_get_mapped (get_by_type (GTK_WIDGET (get_lots (window)), ADW_TYPE_STATUS_PAGE)));
}

static void
test_create (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *path = g_build_filename (ts->dir, "a", "b", "new.lotline", NULL);
  g_autoptr(LotlineStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Run run = {
    .database = path,
    .color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT,
    .script = script_create,
  };

  reset_settings ();
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  run_application (&run);

  /* The missing folders and the database were created. */
  store = lotline_store_open (path, LOTLINE_STORE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lotline_store_get_schema_version (store), ==, LOTLINE_SCHEMA_VERSION);
  g_clear_object (&store);
}

static void
script_error (Run           *run,
              LotlineWindow *window)
{
  const char *expected = run->data;
  g_autofree char *escaped = g_markup_escape_text (expected, -1);
  GtkStack *stack;
  AdwStatusPage *page;

  wait_for_page (window, "error");
  stack = get_window_stack (window);
  page = ADW_STATUS_PAGE (get_by_type (gtk_stack_get_visible_child (stack), ADW_TYPE_STATUS_PAGE));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Could not open the database");
  g_assert_cmpstr (adw_status_page_get_description (page), ==, escaped);
  g_assert_false (lotline_session_is_open (lotline_window_get_session (window)));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "open-database"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "search"));
  screenshot (run, GTK_WIDGET (window), "error");
}

static void
test_not_lotline (void)
{
  g_autoptr(LotlineTestStore) ts = lotline_test_store_new ();
  g_autofree char *path = g_build_filename (ts->dir, "notes & sums.txt", NULL);
  const char *contents = "Shopping list: <jam>, sugar & pectin.\n";
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineStore) store = NULL;
  Run run = {
    .database = path,
    .color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT,
    .script = script_error,
  };

  reset_settings ();
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  /* The window must show exactly what the store says. */
  store = lotline_store_open (path, LOTLINE_STORE_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, LOTLINE_STORE_ERROR, LOTLINE_STORE_ERROR_NOT_LOTLINE);
  run.data = error->message;

  run_application (&run);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, contents);
}

/* ---- narrow window ---------------------------------------------------------------------- */

static void
script_narrow (Run           *run,
               LotlineWindow *window)
{
  int width = 0, height = 0;
  GtkWidget *bar;

  wait_for_main (window);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 360);
  g_assert_cmpint (height, ==, 720);
  lotline_test_wait_frames (GTK_WIDGET (window), 5);

  /* Too narrow for the switcher in the title: it moves to the bottom bar. */
  bar = get_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  screenshot (run, GTK_WIDGET (window), "overview-narrow");

  activate (window, "show-page", g_variant_new_string ("lots"));
  lotline_test_wait_until (lots_loaded, window, "the lot list");
  g_object_unref (get_loaded_item (window, 0));
  screenshot (run, GTK_WIDGET (window), "lots-narrow");
}

static void
test_narrow (void)
{
  g_autoptr(GSettings) settings = g_settings_new (LOTLINE_APP_ID);
  Run run = {
    .database = demo->path,
    .color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT,
    .script = script_narrow,
  };

  reset_settings ();
  /* The narrowest the window may be (STYLE.md: 360 px must look right). */
  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 720);
  run_application (&run);
  reset_settings ();
}

/* ---- menus, shortcuts, about, preferences -------------------------------------------------- */

static GtkWidget *
find_primary_menu_button (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (root)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
check_menu_actions (LotlineWindow *window,
                    GMenuModel    *menu)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      GActionGroup *group;

      if (section != NULL)
        {
          check_menu_actions (window, section);
          continue;
        }
      if (submenu != NULL)
        {
          check_menu_actions (window, submenu);
          continue;
        }
      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      group = g_str_has_prefix (action, "app.") ? G_ACTION_GROUP (app) : G_ACTION_GROUP (window);
      g_assert_true (g_action_group_has_action (group, action + 4));
      g_assert_true (g_action_group_get_action_enabled (group, action + 4));
    }
}

static gboolean
find_toast_text (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0 &&
      gtk_widget_get_ancestor (root, g_type_from_name ("AdwToastWidget")) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (find_toast_text (child, text))
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  LotlineWindow *window;
  const char    *text;
} ToastWait;

static gboolean
toast_shown (gpointer data)
{
  ToastWait *w = data;

  return find_toast_text (GTK_WIDGET (w->window), w->text);
}

/* The dialog the action opened: of @kind, modal over the window.  It
 * records nothing here; its own tests do.  Its "recorded" signal, as the
 * dialog emits it after a write, makes the window show a toast. */
static void
check_operation_dialog (LotlineWindow    *window,
                        LotlineEventKind  kind,
                        const char       *summary)
{
  GtkWindow *dialog = lotline_test_find_toplevel (LOTLINE_TYPE_OPERATION_DIALOG);
  ToastWait w = { window, summary };

  g_assert_nonnull (dialog);
  g_assert_cmpint (lotline_operation_dialog_get_kind (LOTLINE_OPERATION_DIALOG (dialog)), ==, kind);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_signal_emit_by_name (dialog, "recorded", (gint64) 1, summary);
  gtk_window_destroy (dialog);
  lotline_test_wait_until (toast_shown, &w, "the toast");
}

static gboolean
overview_shows_expiring (gpointer data)
{
  LotlineWindow *window = data;
  LotlineOverview overview = get_overview_counts (7);
  g_autofree char *text = format_number (overview.expiring_soon);

  return overview_loaded (window) &&
         g_strcmp0 (get_label (GTK_WIDGET (window), "expiring-count"), text) == 0;
}

static void
script_menu (Run           *run,
             LotlineWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));
  GtkWidget *button;
  GMenuModel *menu;
  GtkShortcutsWindow *overlay;
  GtkWindow *about;
  GtkWindow *preferences;
  const char *expected[] = {
    "win.open-database", "win.new-database", "win.explore-sample", NULL,   /* + Recent */
    "win.preferences", "win.show-help-overlay", "app.help", "app.about",
  };
  const struct {
    const char *action;
    const char *accel;
  } accels[] = {
    { "app.quit", "<Control>q" },
    { "app.help", "F1" },
    { "win.preferences", "<Control>comma" },
    { "win.search", "<Control>f" },
    { "win.open-database", "<Control>o" },
    { "win.new-database", "<Control>n" },
    { "win.back", "<Alt>Left" },
    { "win.show-page('overview')", "<Alt>1" },
    { "win.show-page('lots')", "<Alt>2" },
  };

  wait_for_main (window);

  /* The primary menu: databases (with the recent ones), then the rest. */
  button = find_primary_menu_button (gtk_stack_get_visible_child (get_window_stack (window)));
  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  {
    g_autoptr(GMenuModel) databases = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
    g_autoptr(GMenuModel) rest = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
    g_autoptr(GMenuModel) recent = NULL;

    g_assert_cmpint (g_menu_model_get_n_items (databases), ==, 4);
    for (int i = 0; i < 3; i++)
      {
        g_autofree char *action = NULL;

        g_assert_true (g_menu_model_get_item_attribute (databases, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
        g_assert_cmpstr (action, ==, expected[i]);
      }
    recent = g_menu_model_get_item_link (databases, 3, G_MENU_LINK_SUBMENU);
    g_assert_nonnull (recent);
    g_assert_cmpint (g_menu_model_get_n_items (recent), ==, 1);
    for (int i = 0; i < 4; i++)
      {
        g_autofree char *action = NULL;

        g_assert_true (g_menu_model_get_item_attribute (rest, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
        g_assert_cmpstr (action, ==, expected[4 + i]);
      }
  }
  check_menu_actions (window, menu);

  /* The operations menu of the Receive split button. */
  button = get_by_type (GTK_WIDGET (window), ADW_TYPE_SPLIT_BUTTON);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.record");
  check_menu_actions (window, adw_split_button_get_menu_model (ADW_SPLIT_BUTTON (button)));

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    {
      g_auto(GStrv) set = gtk_application_get_accels_for_action (app, accels[i].action);

      g_assert_true (g_strv_contains ((const char * const *) set, accels[i].accel));
    }

  /* Keyboard Shortcuts: gtk/help-overlay.ui, loaded by GtkApplication. */
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));

  /* About */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = lotline_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Lotline");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  gtk_window_destroy (about);

  /* Preferences: the warning window changes the overview at once. */
  activate (window, "preferences", NULL);
  preferences = lotline_test_find_toplevel (LOTLINE_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));
  lotline_test_wait_ms (400);
  lotline_test_wait_frames (GTK_WIDGET (preferences), 3);
  {
    g_autofree char *name = g_strdup_printf ("preferences-%s.png", scheme_suffix (run));
    GtkSpinButton *spin = NULL;
    GtkWidget *spin_widget = lotline_test_find_widget_of_type (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON);
    g_autoptr(GSettings) settings = g_settings_new (LOTLINE_APP_ID);

    lotline_test_save_screenshot (GTK_WIDGET (preferences), name);
    g_assert_nonnull (spin_widget);
    spin = GTK_SPIN_BUTTON (spin_widget);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 30);
    gtk_spin_button_set_value (spin, 7);
    g_assert_cmpint (g_settings_get_int (settings, "expiry-warning-days"), ==, 7);
  }
  gtk_window_destroy (preferences);
  lotline_test_wait_until (overview_shows_expiring, window, "the overview with a 7-day window");

  /* Receive opens the operation dialog; what it records shows as a toast. */
  activate (window, "record", g_variant_new_string ("receive"));
  check_operation_dialog (window, LOTLINE_EVENT_RECEIVE, "Received 12 kg of lot TEST-1");
  activate (window, "record-for-lot", g_variant_new ("(sx)", "quarantine", (gint64) 1));
  check_operation_dialog (window, LOTLINE_EVENT_QUARANTINE, "Quarantined lot TEST-1");
}

static void
test_menu (gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (LOTLINE_APP_ID);
  Run run = {
    .database = demo->path,
    .color_scheme = GPOINTER_TO_INT (data),
    .script = script_menu,
  };

  reset_settings ();
  run_application (&run);
  g_settings_reset (settings, "expiry-warning-days");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("lotline-test-data-XXXXXX", NULL);
  int status;

  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LOTLINE_TODAY", TODAY, TRUE);

  g_test_init (&argc, &argv, NULL);

  demo = lotline_test_demo_store_new (TODAY);

  g_test_add_data_func ("/lotline/ui/window/overview-light",
                        GINT_TO_POINTER (ADW_COLOR_SCHEME_FORCE_LIGHT), test_overview);
  g_test_add_data_func ("/lotline/ui/window/overview-dark",
                        GINT_TO_POINTER (ADW_COLOR_SCHEME_FORCE_DARK), test_overview);
  g_test_add_func ("/lotline/ui/window/lots", test_lots);
  g_test_add_func ("/lotline/ui/window/cards", test_cards);
  g_test_add_data_func ("/lotline/ui/window/welcome-light",
                        GINT_TO_POINTER (ADW_COLOR_SCHEME_FORCE_LIGHT), test_welcome);
  g_test_add_data_func ("/lotline/ui/window/welcome-dark",
                        GINT_TO_POINTER (ADW_COLOR_SCHEME_FORCE_DARK), test_welcome);
  g_test_add_func ("/lotline/ui/window/recent", test_recent);
  g_test_add_func ("/lotline/ui/window/create", test_create);
  g_test_add_func ("/lotline/ui/window/not-lotline", test_not_lotline);
  g_test_add_func ("/lotline/ui/window/narrow", test_narrow);
  g_test_add_data_func ("/lotline/ui/window/menu-light",
                        GINT_TO_POINTER (ADW_COLOR_SCHEME_FORCE_LIGHT), test_menu);
  g_test_add_data_func ("/lotline/ui/window/menu-dark",
                        GINT_TO_POINTER (ADW_COLOR_SCHEME_FORCE_DARK), test_menu);

  status = g_test_run ();

  g_clear_pointer (&demo, lotline_test_store_free);
  {
    g_autofree char *folder = g_build_filename (data_home, "lotline", NULL);

    g_rmdir (folder);
  }
  g_rmdir (data_home);
  return status;
}
