/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "lotline-application.h"
#include "lotline-expiry-page.h"
#include "lotline-expiry.h"
#include "lotline-lot-chooser.h"
#include "lotline-operation-dialog.h"
#include "lotline-session.h"
#include "lotline-shelf-life-window.h"
#include "lotline-test-util.h"
#include "lotline-ui-test-util.h"
#include "lotline-window.h"

/* The expiry page over the demo database, in a window of the test's own:
 * the calendar's day cells are checked against the core's per-day query,
 * a click on a day lists exactly that day's lots, and screenshots land in
 * <build>/tests/screenshots/. */

#define TODAY "2026-11-21"

/* The demo database every case shares, made once in main(). */
static LotlineTestStore *demo;

/* ---- screenshots --------------------------------------------------------- */

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
}

/* ---- the page in a window ------------------------------------------------ */

typedef struct {
  LotlineSession    *session;
  GtkWindow         *window;
  LotlineExpiryPage *page;
  gint64             opened_lot;
} Harness;

static void
on_open_lot_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  Harness *h = user_data;

  h->opened_lot = g_variant_get_int64 (parameter);
}

static gboolean
page_loaded (gpointer data)
{
  Harness *h = data;
  LotlineLotList *list = lotline_expiry_page_get_lot_list (h->page);

  return !lotline_expiry_page_get_loading (h->page) && list != NULL && !lotline_lot_list_get_loading (list);
}

static void
harness_set_up (Harness *h,
                int      width,
                int      height)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) open_lot = g_simple_action_new ("open-lot", G_VARIANT_TYPE_INT64);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  h->session = lotline_session_new (demo->path, LOTLINE_STORE_NONE);
  lotline_test_open_session (h->session);

  h->window = GTK_WINDOW (gtk_window_new ());
  g_signal_connect (open_lot, "activate", G_CALLBACK (on_open_lot_cb), h);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (open_lot));
  gtk_widget_insert_action_group (GTK_WIDGET (h->window), "win", G_ACTION_GROUP (group));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Expiry", "demo.lotline"));
  gtk_window_set_titlebar (h->window, header);
  gtk_window_set_default_size (h->window, width, height);

  h->page = LOTLINE_EXPIRY_PAGE (lotline_expiry_page_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (h->page));
  gtk_window_set_child (h->window, overlay);
  lotline_expiry_page_set_warning_days (h->page, 30);
  lotline_expiry_page_set_session (h->page, h->session);
  gtk_window_present (h->window);
  lotline_test_wait_until (page_loaded, h, "the expiry page");
  lotline_test_wait_frames (GTK_WIDGET (h->window), 16);
}

static void
harness_tear_down (Harness *h)
{
  gtk_window_destroy (h->window);
  g_clear_object (&h->session);
}

/* ---- checks against the core --------------------------------------------- */

static GPtrArray *
core_calendar (const char *from,
               const char *to)
{
  g_autoptr(GError) error = NULL;
  LotlineLotQuery filter;
  GPtrArray *days;

  lotline_lot_query_init (&filter, TODAY);
  days = lotline_store_expiry_calendar (demo->store, &filter, from, to, &error);
  g_assert_no_error (error);
  g_assert_nonnull (days);
  return days;
}

/* Checks every visible day's count against the core's; returns how many
 * lots the visible range holds. */
static guint
check_visible_days (LotlineExpiryCalendar *calendar)
{
  g_autofree char *from = lotline_expiry_calendar_dup_first_visible (calendar);
  g_autofree char *to = lotline_expiry_calendar_dup_last_visible (calendar);
  g_autoptr(GPtrArray) days = core_calendar (from, to);
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  GDate date, last;
  guint total = 0, n_days = 0;

  for (guint i = 0; i < days->len; i++)
    {
      LotlineExpiryDay *day = g_ptr_array_index (days, i);

      g_hash_table_insert (expected, day->date, GUINT_TO_POINTER (day->n_lots));
    }

  g_date_clear (&date, 1);
  g_date_clear (&last, 1);
  g_date_set_parse (&date, from);
  g_date_set_parse (&last, to);
  g_assert_true (g_date_valid (&date) && g_date_valid (&last));
  for (; g_date_compare (&date, &last) <= 0; g_date_add_days (&date, 1))
    {
      g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                                              g_date_get_month (&date), g_date_get_day (&date));
      guint want = GPOINTER_TO_UINT (g_hash_table_lookup (expected, iso));

      g_assert_nonnull (lotline_expiry_calendar_get_day_button (calendar, iso));
      g_assert_cmpuint (lotline_expiry_calendar_get_day_n_lots (calendar, iso), ==, want);
      total += want;
      n_days++;
    }
  g_assert_cmpuint (n_days, ==, 42);
  return total;
}

/* The visible day with the most lots, or NULL. */
static char *
busiest_day (LotlineExpiryCalendar *calendar)
{
  g_autofree char *from = lotline_expiry_calendar_dup_first_visible (calendar);
  g_autofree char *to = lotline_expiry_calendar_dup_last_visible (calendar);
  g_autoptr(GPtrArray) days = core_calendar (from, to);
  LotlineExpiryDay *best = NULL;

  for (guint i = 0; i < days->len; i++)
    {
      LotlineExpiryDay *day = g_ptr_array_index (days, i);

      if (best == NULL || day->n_lots > best->n_lots)
        best = day;
    }
  return best != NULL ? g_strdup (best->date) : NULL;
}

/* ---- cases --------------------------------------------------------------- */

static void
test_calendar (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  Harness h = { 0 };
  LotlineExpiryCalendar *calendar;
  g_autofree char *day = NULL;
  const char *from = NULL, *to = NULL;
  guint total = 0;

  set_dark (dark);
  harness_set_up (&h, 1280, 800);
  calendar = lotline_expiry_page_get_calendar (h.page);

  /* It opens on today's month with today selected. */
  g_assert_cmpint (lotline_expiry_calendar_get_year (calendar), ==, 2026);
  g_assert_cmpint (lotline_expiry_calendar_get_month (calendar), ==, 11);
  g_assert_true (lotline_expiry_calendar_get_selection (calendar, &from, &to));
  g_assert_cmpstr (from, ==, TODAY);
  g_assert_cmpstr (to, ==, TODAY);

  /* This month and the next two show the core's counts. */
  total = check_visible_days (calendar);
  for (int i = 0; i < 2; i++)
    {
      lotline_expiry_calendar_next_month (calendar);
      lotline_test_wait_until (page_loaded, &h, "the next month");
      total += check_visible_days (calendar);
    }
  g_assert_cmpuint (total, >, 0);
  lotline_expiry_calendar_previous_month (calendar);
  lotline_expiry_calendar_previous_month (calendar);
  lotline_test_wait_until (page_loaded, &h, "the month again");
  check_visible_days (calendar);

  /* A click on the busiest day lists its lots, all of them. */
  day = busiest_day (calendar);
  if (day != NULL)
    {
      GtkWidget *button = lotline_expiry_calendar_get_day_button (calendar, day);
      guint want = lotline_expiry_calendar_get_day_n_lots (calendar, day);
      GListModel *model;

      g_signal_emit_by_name (button, "clicked");
      g_assert_true (lotline_expiry_calendar_get_selection (calendar, &from, &to));
      g_assert_cmpstr (from, ==, day);
      g_assert_cmpstr (to, ==, day);
      lotline_test_wait_until (page_loaded, &h, "the day's lots");
      model = lotline_expiry_page_get_model (h.page);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, want);
      g_assert_cmpstr (lotline_lot_list_get_query (lotline_expiry_page_get_lot_list (h.page))->expires_from, ==, day);
    }

  lotline_test_save_drawn_screenshot (GTK_WIDGET (h.window), dark ? "expiry-page-dark.png" : "expiry-page-light.png");
  harness_tear_down (&h);
  set_dark (FALSE);
}

/* A range of days lists every lot expiring in it. */
static void
test_range (void)
{
  Harness h = { 0 };
  LotlineExpiryCalendar *calendar;
  g_autofree char *from = NULL, *to = NULL;
  g_autoptr(GPtrArray) days = NULL;
  guint want = 0;

  harness_set_up (&h, 1280, 800);
  calendar = lotline_expiry_page_get_calendar (h.page);
  from = lotline_expiry_calendar_dup_first_visible (calendar);
  to = lotline_expiry_calendar_dup_last_visible (calendar);
  days = core_calendar (from, to);
  for (guint i = 0; i < days->len; i++)
    want += ((LotlineExpiryDay *) g_ptr_array_index (days, i))->n_lots;

  lotline_expiry_calendar_select_range (calendar, to, from);
  lotline_test_wait_until (page_loaded, &h, "the range's lots");
  g_assert_cmpuint (g_list_model_get_n_items (lotline_expiry_page_get_model (h.page)), ==, want);

  /* The list modes use the core's queries. */
  lotline_expiry_page_set_mode (h.page, LOTLINE_EXPIRY_MODE_EXPIRED_ON_HAND);
  lotline_test_wait_until (page_loaded, &h, "the expired lots");
  {
    LotlineLotQuery query;
    guint count = 0;
    g_autoptr(GError) error = NULL;

    lotline_lot_query_init_expired_on_hand (&query, TODAY);
    g_assert_true (lotline_store_count_lots (demo->store, &query, &count, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (lotline_expiry_page_get_model (h.page)), ==, count);

    lotline_expiry_page_set_mode (h.page, LOTLINE_EXPIRY_MODE_EXPIRING);
    lotline_test_wait_until (page_loaded, &h, "the expiring lots");
    lotline_lot_query_init_expiring (&query, TODAY, 30);
    g_assert_true (lotline_store_count_lots (demo->store, &query, &count, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (lotline_expiry_page_get_model (h.page)), ==, count);
  }
  lotline_test_save_drawn_screenshot (GTK_WIDGET (h.window), "expiry-page-expiring-light.png");
  harness_tear_down (&h);
}

static void
test_narrow (void)
{
  Harness h = { 0 };

  int min_width = 0;

  harness_set_up (&h, 360, 720);
  /* The page fits a 360-px window, which adds its own borders. */
  gtk_widget_measure (GTK_WIDGET (h.page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 348);
  check_visible_days (lotline_expiry_page_get_calendar (h.page));
  lotline_test_save_drawn_screenshot (GTK_WIDGET (h.window), "expiry-page-narrow-light.png");
  harness_tear_down (&h);
}

static gboolean
find_message_dialog (gpointer data)
{
  AdwMessageDialog **out = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          gtk_widget_get_width (GTK_WIDGET (window)) > 0)
        {
          *out = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct {
  Harness *h;
  guint    n_items;
} ListWait;

static gboolean
list_has (gpointer data)
{
  ListWait *w = data;

  return page_loaded (w->h) && g_list_model_get_n_items (lotline_expiry_page_get_model (w->h->page)) == w->n_items;
}

static gboolean
is_button_labelled (GtkWidget  *root,
                    const char *label,
                    GtkWidget **out)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    {
      *out = root;
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (is_button_labelled (child, label, out))
      return TRUE;
  return FALSE;
}

static gboolean
widget_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

/* Writing off an expired lot asks first, then takes it off the list. */
static void
test_write_off (void)
{
  Harness h = { 0 };
  AdwMessageDialog *dialog = NULL;
  GtkWidget *button = NULL;
  LotlineLotQuery query;
  ListWait wait = { &h, 0 };
  guint before = 0;
  g_autoptr(GError) error = NULL;

  harness_set_up (&h, 1280, 800);
  lotline_expiry_page_set_mode (h.page, LOTLINE_EXPIRY_MODE_EXPIRED_ON_HAND);
  lotline_test_wait_until (page_loaded, &h, "the expired lots");
  before = g_list_model_get_n_items (lotline_expiry_page_get_model (h.page));
  g_assert_cmpuint (before, >, 0);
  g_object_unref (g_list_model_get_item (lotline_expiry_page_get_model (h.page), 0));

  g_assert_true (is_button_labelled (GTK_WIDGET (h.page), "_Write Off…", &button));
  lotline_test_wait_until (widget_sensitive, button, "the write-off button");
  g_signal_emit_by_name (button, "clicked");
  lotline_test_wait_until (find_message_dialog, &dialog, "the confirmation");
  lotline_test_save_drawn_screenshot (GTK_WIDGET (dialog), "expiry-write-off-light.png");
  adw_message_dialog_response (dialog, "write-off");
  gtk_window_destroy (GTK_WINDOW (dialog));

  wait.n_items = before - 1;
  lotline_test_wait_until (list_has, &wait, "the lot to leave the list");
  lotline_lot_query_init_expired_on_hand (&query, TODAY);
  {
    guint count = 0;

    g_assert_true (lotline_store_count_lots (demo->store, &query, &count, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count, ==, before - 1);
  }
  harness_tear_down (&h);
}

/* ---- waste ------------------------------------------------------------------ */

static gboolean
waste_loaded (gpointer data)
{
  LotlineWasteView *view = data;

  return !lotline_waste_view_get_loading (view) && lotline_waste_view_get_report (view) != NULL;
}

static gboolean
file_written (gpointer data)
{
  GStatBuf buf;

  return g_stat (data, &buf) == 0 && buf.st_size > 0;
}

/* The waste view shows the core's report, and exports it. */
static void
test_waste (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  Harness h = { 0 };
  LotlineWasteView *view;
  g_autoptr(LotlineWasteReport) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lotline-waste-XXXXXX", NULL);
  const char *files[] = { "waste.csv", "waste.png", "waste.svg", "waste.pdf" };

  set_dark (dark);
  harness_set_up (&h, 1280, 800);
  view = lotline_expiry_page_get_waste_view (h.page);
  lotline_expiry_page_show_view (h.page, "waste");
  lotline_test_wait_until (waste_loaded, view, "the waste report");

  expected = lotline_store_waste_report (demo->store, LOTLINE_WASTE_BY_PRODUCT, "2026-11", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->series->len, >, 0);
  g_assert_cmpuint (lotline_waste_view_get_n_rows (view), ==, expected->series->len);
  g_assert_cmpint (lotline_waste_view_get_report (view)->total_value, ==, expected->total_value);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (h.window), dark ? "expiry-waste-dark.png" : "expiry-waste-light.png");

  if (!dark)
    {
      for (guint i = 0; i < G_N_ELEMENTS (files); i++)
        {
          g_autofree char *path = g_build_filename (dir, files[i], NULL);

          lotline_waste_view_export (view, path);
          lotline_test_wait_until (file_written, path, files[i]);
          g_assert_cmpint (g_remove (path), ==, 0);
        }

      /* By supplier: one row per supplier series. */
      lotline_waste_view_set_grouping (view, LOTLINE_WASTE_BY_SUPPLIER);
      lotline_test_wait_until (waste_loaded, view, "the report by supplier");
      g_clear_pointer (&expected, lotline_waste_report_free);
      expected = lotline_store_waste_report (demo->store, LOTLINE_WASTE_BY_SUPPLIER, "2026-11", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (lotline_waste_view_get_n_rows (view), ==, expected->series->len);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  harness_tear_down (&h);
  set_dark (FALSE);
}

/* ---- the ship dialog's automatic assignment ------------------------------- */

static void
collect (GtkWidget *root,
         GType      type,
         const char *title,
         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (title == NULL || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect (child, type, title, out);
}

static void
collect_any (GtkWidget *root,
             GType      type,
             GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_any (child, type, out);
}

static GtkWidget *
row_titled (GtkWidget  *root,
            GType       type,
            const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (root, type, title, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  return g_ptr_array_index (rows, 0);
}

/* Selects the entry of @row whose label starts with @name. */
static void
choose (GtkWidget  *row,
        const char *name)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name))
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
        return;
      }
  g_error ("No %s to choose", name);
}

static gboolean
dialog_idle (gpointer data)
{
  return !lotline_operation_dialog_get_busy (data);
}

typedef struct {
  GtkWidget               *dialog;
  const LotlineAllocation *expected;
} AssignWait;

static gboolean
lines_assigned (gpointer data)
{
  AssignWait *w = data;
  g_autoptr(GPtrArray) choosers = g_ptr_array_new ();
  g_autoptr(GPtrArray) quantities = g_ptr_array_new ();

  collect (w->dialog, LOTLINE_TYPE_LOT_CHOOSER, NULL, choosers);
  collect (w->dialog, ADW_TYPE_ENTRY_ROW, "Quantity shipped", quantities);
  if (choosers->len != w->expected->picks->len || quantities->len != choosers->len ||
      lotline_operation_dialog_get_busy (LOTLINE_OPERATION_DIALOG (w->dialog)))
    return FALSE;
  for (guint i = 0; i < choosers->len; i++)
    {
      const LotlineAllocationPick *pick = &g_array_index (w->expected->picks, LotlineAllocationPick, i);
      g_autofree char *quantity = lotline_quantity_format (pick->quantity);

      if (lotline_lot_chooser_get_lot_id (g_ptr_array_index (choosers, i)) != pick->lot_id ||
          g_strcmp0 (gtk_editable_get_text (g_ptr_array_index (quantities, i)), quantity) != 0)
        return FALSE;
    }
  return TRUE;
}

/* A product with two lots or more a customer can take today, and that
 * customer; the quantity asked for splits across the first two. */
static LotlineAllocation *
find_split (LotlineRecordRef **out_customer,
            LotlineRecordRef **out_product,
            GPtrArray         *customers,
            GPtrArray         *products)
{
  g_autoptr(GError) error = NULL;

  for (guint c = 0; c < customers->len; c++)
    for (guint p = 0; p < products->len; p++)
      {
        LotlineRecordRef *customer = g_ptr_array_index (customers, c);
        LotlineRecordRef *product = g_ptr_array_index (products, p);
        g_autoptr(LotlineAllocation) all = NULL;
        LotlineAllocation *split = NULL;
        gint64 quantity;

        g_assert_true (lotline_store_allocate (demo->store, customer->id, product->id, G_MAXINT32, TODAY,
                                               LOTLINE_ALLOCATION_FEFO, &all, &error));
        g_assert_no_error (error);
        if (all->picks->len < 2 || all->skipped->len == 0 ||
            g_array_index (all->picks, LotlineAllocationPick, 1).quantity < 2000)
          continue;
        quantity = g_array_index (all->picks, LotlineAllocationPick, 0).quantity +
                   g_array_index (all->picks, LotlineAllocationPick, 1).quantity / 2000 * 1000;
        g_assert_true (lotline_store_allocate (demo->store, customer->id, product->id, quantity, TODAY,
                                               LOTLINE_ALLOCATION_FEFO, &split, &error));
        g_assert_no_error (error);
        *out_customer = customer;
        *out_product = product;
        return split;
      }
  return NULL;
}

static void
test_ship_assign (void)
{
  g_autoptr(LotlineSession) session = lotline_session_new (demo->path, LOTLINE_STORE_NONE);
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(LotlineAllocation) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new ();
  g_autofree char *quantity = NULL;
  LotlineRecordRef *customer = NULL, *product = NULL;
  GtkWidget *dialog, *button = NULL;
  AssignWait wait;

  customers = lotline_store_list_parties (demo->store, LOTLINE_PARTY_CUSTOMER, &error);
  g_assert_no_error (error);
  products = lotline_store_list_products (demo->store, -1, &error);
  g_assert_no_error (error);
  expected = find_split (&customer, &product, customers, products);
  g_assert_nonnull (expected);
  g_assert_cmpuint (expected->picks->len, ==, 2);

  lotline_test_open_session (session);
  dialog = GTK_WIDGET (lotline_operation_dialog_new (NULL, session, LOTLINE_EVENT_SHIP, 0));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 900);
  gtk_window_present (GTK_WINDOW (dialog));
  lotline_test_wait_until (dialog_idle, dialog, "the pickers");

  choose (row_titled (dialog, ADW_TYPE_COMBO_ROW, "Customer"), customer->name);
  choose (row_titled (dialog, ADW_TYPE_COMBO_ROW, "Product ordered"), product->name);
  quantity = lotline_quantity_format (expected->requested);
  gtk_editable_set_text (GTK_EDITABLE (row_titled (dialog, ADW_TYPE_ENTRY_ROW, "Quantity ordered")), quantity);
  g_assert_true (is_button_labelled (dialog, "_Assign Lots Automatically", &button));
  g_signal_emit_by_name (button, "clicked");

  wait.dialog = dialog;
  wait.expected = expected;
  lotline_test_wait_until (lines_assigned, &wait, "the lines to be assigned");

  /* Every skipped lot is listed with its reason, after the summary. */
  collect (dialog, ADW_TYPE_ACTION_ROW, NULL, results);
  {
    guint skipped = 0;

    for (guint i = 0; i < results->len; i++)
      if (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (results, i)), "Skipped "))
        skipped++;
    g_assert_cmpuint (skipped, ==, expected->skipped->len);
  }
  g_assert_null (expected->shortfall_message);
  lotline_test_save_drawn_screenshot (dialog, "dialog-ship-assigned-light.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ---- shelf-life policies -------------------------------------------------------- */

static gboolean
policies_idle (gpointer data)
{
  return !lotline_shelf_life_window_get_busy (data);
}

static GtkSpinButton *
spin_in_row (GtkWidget  *root,
             const char *title,
             guint       index)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();

  collect (root, ADW_TYPE_ACTION_ROW, title, rows);
  g_assert_cmpuint (rows->len, >, index);
  collect_any (g_ptr_array_index (rows, index), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, ==, 1);
  return g_ptr_array_index (spins, 0);
}

static void
click_labelled (GtkWidget  *root,
                const char *label)
{
  GtkWidget *button = NULL;

  g_assert_true (is_button_labelled (root, label, &button));
  g_signal_emit_by_name (button, "clicked");
}

/* The policies saved in the window are the core's. */
static void
test_policies (void)
{
  g_autoptr(LotlineSession) session = lotline_session_new (demo->path, LOTLINE_STORE_NONE);
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) overrides = NULL;
  g_autoptr(GError) error = NULL;
  LotlineRecordRef *customer, *product;
  LotlineShelfLifePolicy policy;
  GtkWidget *window;
  guint n_before;

  customers = lotline_store_list_parties (demo->store, LOTLINE_PARTY_CUSTOMER, &error);
  g_assert_no_error (error);
  products = lotline_store_list_products (demo->store, -1, &error);
  g_assert_no_error (error);
  customer = g_ptr_array_index (customers, customers->len - 1);
  product = g_ptr_array_index (products, 0);
  overrides = lotline_store_list_shelf_life_overrides (demo->store, customer->id, &error);
  g_assert_no_error (error);
  n_before = overrides->len;

  lotline_test_open_session (session);
  window = GTK_WIDGET (lotline_shelf_life_window_new (NULL, session));
  gtk_window_present (GTK_WINDOW (window));
  lotline_test_wait_until (policies_idle, window, "the customers");
  g_assert_true (lotline_shelf_life_window_select_customer (LOTLINE_SHELF_LIFE_WINDOW (window), customer->id));
  lotline_test_wait_until (policies_idle, window, "the customer's policy");
  g_assert_cmpuint (lotline_shelf_life_window_get_n_overrides (LOTLINE_SHELF_LIFE_WINDOW (window)), ==, n_before);

  /* The customer's own policy, in days. */
  gtk_spin_button_set_value (spin_in_row (window, "Minimum days left", 0), 45);
  gtk_spin_button_set_value (spin_in_row (window, "Minimum shelf life left", 0), 0);
  click_labelled (window, "_Save");
  lotline_test_wait_until (policies_idle, window, "the save");
  g_assert_true (lotline_store_get_shelf_life_policy (demo->store, customer->id, 0, &policy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (policy.level, ==, LOTLINE_POLICY_CUSTOMER);
  g_assert_cmpint (policy.min_days, ==, 45);
  g_assert_cmpint (policy.min_percent, ==, -1);

  /* A product policy in percent, which replaces it for that product. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_titled (window, ADW_TYPE_COMBO_ROW, "Product")), 0);
  gtk_spin_button_set_value (spin_in_row (window, "Minimum days left", 1), 0);
  gtk_spin_button_set_value (spin_in_row (window, "Minimum shelf life left", 1), 60);
  click_labelled (window, "_Add");
  lotline_test_wait_until (policies_idle, window, "the product policy");
  g_assert_true (lotline_store_get_shelf_life_policy (demo->store, customer->id, product->id, &policy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (policy.level, ==, LOTLINE_POLICY_PRODUCT);
  g_assert_cmpint (policy.min_percent, ==, 60);
  g_assert_cmpint (policy.min_days, ==, -1);
  g_assert_cmpuint (lotline_shelf_life_window_get_n_overrides (LOTLINE_SHELF_LIFE_WINDOW (window)), ==, n_before + 1);
  lotline_test_save_drawn_screenshot (window, "shelf-life-policies-light.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- the start-up notification -------------------------------------------------- */

/* A notification server of the test's own on the session bus, which
 * keeps what it was sent. */
static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/><arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "  </interface>"
  "</node>";

typedef struct {
  guint  n_notified;
  char  *summary;
  char  *body;
  gboolean has_default_action;
  gboolean owned;
} FakeServer;

static void
on_server_method_cb (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *object_path,
                     const char            *interface_name,
                     const char            *method_name,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  FakeServer *server = user_data;

  if (g_strcmp0 (method_name, "Notify") == 0)
    {
      const char *summary, *body;
      g_autofree const char **actions = NULL;

      g_variant_get (parameters, "(&su&s&s&s^a&s@a{sv}i)", NULL, NULL, NULL, &summary, &body, &actions, NULL, NULL);
      server->n_notified++;
      g_free (server->summary);
      g_free (server->body);
      server->summary = g_strdup (summary);
      server->body = g_strdup (body);
      server->has_default_action = actions != NULL && g_strv_contains (actions, "default");
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", server->n_notified));
    }
  else if (g_strcmp0 (method_name, "GetCapabilities") == 0)
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_strcmp0 (method_name, "GetServerInformation") == 0)
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "lotline", "1", "1.2"));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
}

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  ((FakeServer *) user_data)->owned = TRUE;
}

static gboolean
server_owned (gpointer data)
{
  return ((FakeServer *) data)->owned;
}

static gboolean
server_notified (gpointer data)
{
  return ((FakeServer *) data)->n_notified > 0;
}

static FakeServer *fake_server;

static gboolean
notice_sent (gpointer data)
{
  return lotline_window_get_expiry_notice (data) != NULL;
}

static gboolean
on_app_script_cb (gpointer user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);
  LotlineWindow *window;
  LotlineOverview overview = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_assert_nonnull (windows);
  window = LOTLINE_WINDOW (windows->data);
  lotline_test_wait_until (notice_sent, window, "the notification");
  lotline_test_wait_until (server_notified, fake_server, "the notification server");
  g_assert_cmpuint (fake_server->n_notified, ==, 1);
  g_assert_true (fake_server->has_default_action);

  g_assert_true (lotline_store_get_overview (demo->store, TODAY, 30, &overview, &error));
  g_assert_no_error (error);
  g_assert_cmpint (overview.expiring_soon, >, 0);
  title = g_strdup_printf ("%d lots expire soon\n", (int) overview.expiring_soon);
  g_assert_true (g_str_has_prefix (lotline_window_get_expiry_notice (window), title));
  g_assert_true (g_str_has_prefix (title, fake_server->summary));
  g_assert_nonnull (strstr (lotline_window_get_expiry_notice (window), fake_server->body));

  /* Its action shows the Expiry page. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-expiry", NULL);
  {
    GtkWidget *found = NULL;
    g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

    collect_any (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, stacks);
    g_assert_cmpuint (stacks->len, ==, 1);
    found = g_ptr_array_index (stacks, 0);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (found)), ==, "expiry");
  }

  g_object_set_data (G_OBJECT (app), "done", GINT_TO_POINTER (TRUE));
  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_window_destroy (windows->data);
  return G_SOURCE_REMOVE;
}

static void
on_app_activate_after_cb (GApplication *app)
{
  g_idle_add (on_app_script_cb, app);
}

static void
test_notification (void)
{
  g_autoptr(LotlineApplication) app = lotline_application_new ();
  g_autoptr(GSettings) settings = g_settings_new (LOTLINE_APP_ID);
  const char *argv[] = { "lotline", "--database", demo->path, NULL };
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  static const GDBusInterfaceVTable vtable = { .method_call = on_server_method_cb };
  FakeServer server = { 0 };
  guint object_id, name_id;

  if (bus == NULL)
    {
      g_test_skip ("No session bus");
      return;
    }
  fake_server = &server;
  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", node->interfaces[0],
                                                 &vtable, &server, NULL, NULL);
  g_assert_cmpuint (object_id, >, 0);
  name_id = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                          on_name_acquired_cb, NULL, &server, NULL);
  lotline_test_wait_until (server_owned, &server, "the notification server's name");

  g_settings_reset (settings, "expiry-warning-days");
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_app_activate_after_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, (char **) argv), ==, 0);
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (app), "done")));

  g_bus_unown_name (name_id);
  g_dbus_connection_unregister_object (bus, object_id);
  fake_server = NULL;
  g_free (server.summary);
  g_free (server.body);
}

/* ---- shipping below the customer's minimum shelf life ------------------------------ */

static gboolean
override_asked (gpointer data)
{
  GtkWidget *dialog = data;
  g_autoptr(GPtrArray) revealers = g_ptr_array_new ();

  if (lotline_operation_dialog_get_busy (LOTLINE_OPERATION_DIALOG (dialog)))
    return FALSE;
  collect_any (dialog, GTK_TYPE_REVEALER, revealers);
  for (guint i = 0; i < revealers->len; i++)
    if (gtk_revealer_get_reveal_child (g_ptr_array_index (revealers, i)))
      return TRUE;
  return FALSE;
}

static gboolean
dialog_valid (gpointer data)
{
  return !lotline_operation_dialog_get_busy (data) && lotline_operation_dialog_get_valid (data);
}

/* A lot below the customer's minimum asks for a reason, as an expired one
 * does, and the reason makes the shipment valid. */
static void
test_ship_short_shelf_life (void)
{
  g_autoptr(LotlineSession) session = lotline_session_new (demo->path, LOTLINE_STORE_NONE);
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(LotlineAllocation) allocation = NULL;
  g_autoptr(GError) error = NULL;
  LotlineRecordRef *customer = NULL, *product = NULL;
  const LotlineAllocationPick *pick;
  GtkWidget *dialog;

  customers = lotline_store_list_parties (demo->store, LOTLINE_PARTY_CUSTOMER, &error);
  g_assert_no_error (error);
  products = lotline_store_list_products (demo->store, -1, &error);
  g_assert_no_error (error);
  allocation = find_split (&customer, &product, customers, products);
  g_assert_nonnull (allocation);
  pick = &g_array_index (allocation->picks, LotlineAllocationPick, 0);
  g_assert_true (lotline_store_set_shelf_life_policy (demo->store, customer->id, product->id, 3650, -1, &error));
  g_assert_no_error (error);

  lotline_test_open_session (session);
  dialog = GTK_WIDGET (lotline_operation_dialog_new (NULL, session, LOTLINE_EVENT_SHIP, pick->lot_id));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 900);
  gtk_window_present (GTK_WINDOW (dialog));
  lotline_test_wait_until (dialog_idle, dialog, "the pickers");
  choose (row_titled (dialog, ADW_TYPE_COMBO_ROW, "Customer"), customer->name);
  gtk_editable_set_text (GTK_EDITABLE (row_titled (dialog, ADW_TYPE_ENTRY_ROW, "Quantity shipped")), "1");
  lotline_test_wait_until (override_asked, dialog, "the override reason to be asked for");
  g_assert_false (lotline_operation_dialog_get_valid (LOTLINE_OPERATION_DIALOG (dialog)));

  gtk_editable_set_text (GTK_EDITABLE (row_titled (dialog, ADW_TYPE_ENTRY_ROW, "Reason to override")),
                         "Customer agreed by phone");
  lotline_test_wait_until (dialog_valid, dialog, "the shipment to be valid");
  lotline_test_save_drawn_screenshot (dialog, "dialog-ship-shelf-life-light.png");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (lotline_store_set_shelf_life_policy (demo->store, customer->id, product->id, -1, -1, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  lotline_test_ui_init (&argc, &argv, TODAY);

  demo = lotline_test_demo_store_new (TODAY);

  g_test_add_data_func ("/lotline/ui/expiry-page/calendar-light", GINT_TO_POINTER (FALSE), test_calendar);
  g_test_add_data_func ("/lotline/ui/expiry-page/calendar-dark", GINT_TO_POINTER (TRUE), test_calendar);
  g_test_add_func ("/lotline/ui/expiry-page/range-and-modes", test_range);
  g_test_add_func ("/lotline/ui/expiry-page/narrow", test_narrow);
  g_test_add_func ("/lotline/ui/expiry-page/write-off", test_write_off);
  g_test_add_data_func ("/lotline/ui/expiry-page/waste-light", GINT_TO_POINTER (FALSE), test_waste);
  g_test_add_data_func ("/lotline/ui/expiry-page/waste-dark", GINT_TO_POINTER (TRUE), test_waste);
  g_test_add_func ("/lotline/ui/expiry-page/ship-assign", test_ship_assign);
  g_test_add_func ("/lotline/ui/expiry-page/ship-short-shelf-life", test_ship_short_shelf_life);
  g_test_add_func ("/lotline/ui/expiry-page/policies", test_policies);
  g_test_add_func ("/lotline/ui/expiry-page/notification", test_notification);

  status = g_test_run ();
  lotline_test_store_free (demo);
  return status;
}
