/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "lotline-lot-format-group.h"
#include "lotline-lot-format-store.h"
#include "lotline-lot-page.h"
#include "lotline-operation-dialog.h"
#include "lotline-preferences-window.h"
#include "lotline-query.h"
#include "lotline-session.h"
#include "lotline-test-util.h"
#include "lotline-ui-test-util.h"

/* The lot page and the operation dialogs, each in a plain window of the
 * test's own (the shell is tested elsewhere).  A ledger is built with the
 * core API in a temporary folder; the widgets are driven as a person would
 * drive them (entry text, combo choices, row activation, the Record
 * button), and the result is checked against what the core reports.
 * Screenshots land in <build>/tests/screenshots/. */

#define TIMEOUT_SECONDS 30
#define TODAY "2026-03-20"

typedef struct {
  LotlineTestStore *ts;
  LotlineSession   *session;
  gint64            f1, s1, b1, j1;   /* lots */
} Fixture;

/* ---- widget tree --------------------------------------------------------- */

static gboolean
is_group_titled (GtkWidget     *widget,
                 gconstpointer  title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* Preference groups hold a list of their own, hidden while empty. */
static gboolean
is_visible_list (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_get_visible (widget);
}

static GtkWidget *
row_titled (GtkWidget  *root,
            const char *title)
{
  GtkWidget *row = lotline_test_find_widget (root, lotline_test_is_row_titled, title);

  if (row == NULL)
    g_error ("No row titled “%s”", title);
  return row;
}

static GtkWidget *
button_labelled (GtkWidget  *root,
                 const char *label)
{
  GtkWidget *button = lotline_test_find_widget (root, is_button_labelled, label);

  if (button == NULL)
    g_error ("No button labelled “%s”", label);
  return button;
}

/* The rows of the list in the group titled @title, in order. */
static GPtrArray *
group_rows (GtkWidget  *root,
            const char *title)
{
  GtkWidget *group = lotline_test_find_widget (root, is_group_titled, title);
  GtkWidget *list;
  GPtrArray *rows = g_ptr_array_new ();

  if (group == NULL)
    g_error ("No group titled “%s”", title);
  list = lotline_test_find_widget (group, is_visible_list, NULL);
  g_assert_nonnull (list);
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      g_ptr_array_add (rows, child);
  return rows;
}

static const char *
row_title (gpointer row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static const char *
row_subtitle (gpointer row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static gboolean
is_numeric_label (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric");
}

/* The quantity a row shows at its end. */
static const char *
row_suffix_text (gpointer row)
{
  GtkWidget *label = lotline_test_find_widget (row, is_numeric_label, NULL);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static gboolean
is_label_showing (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static void
select_combo (GtkWidget  *root,
              const char *title,
              const char *item)
{
  AdwComboRow *combo = ADW_COMBO_ROW (row_titled (root, title));
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item) == 0)
      {
        adw_combo_row_set_selected (combo, i);
        return;
      }
  g_error ("Combo “%s” offers no “%s”", title, item);
}

static void
type_text (GtkWidget  *root,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row_titled (root, title)), text);
}

/* ---- screenshots --------------------------------------------------------- */

static gboolean
is_mapped_scroller (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget);
}

/* Scrolls the page to @fraction of the way down, for a screenshot of what
 * is below the fold. */
static void
scroll_page (GtkWidget *page,
             double     fraction)
{
  GtkWidget *scroller = lotline_test_find_widget (page, is_mapped_scroller, NULL);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  gtk_adjustment_set_value (adjustment, range * fraction);
  lotline_test_wait_frames (page, 4);
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
}

/* ---- the ledger ---------------------------------------------------------- */

static void
record (Fixture               *fixture,
        const LotlineEventSpec *spec)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_store_record_event (fixture->ts->store, spec, NULL, &error));
  g_assert_no_error (error);
}

/* Strawberries F1 and sugar S1 received; jam base B1 made from both; 5 kg
 * of B1 shipped; jars J1 made from 20 kg of B1; 5 kg of B1 moved to WH2.
 * On TODAY, F1 and B1 (which inherits F1's expiry) are expired. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  LotlineTestStore *ts = lotline_test_store_new ();
  gint64 inputs[2], qty[2] = { 40 * LOTLINE_QTY_ONE, 10 * LOTLINE_QTY_ONE };

  fixture->ts = ts;
  lotline_test_store_add_basics (ts);
  fixture->f1 = inputs[0] = lotline_test_receive (ts, ts->fruit, "F1", ts->wh1, 100 * LOTLINE_QTY_ONE, "2026-03-01", "2026-03-11");
  fixture->s1 = inputs[1] = lotline_test_receive (ts, ts->sugar, "S1", ts->wh1, 50 * LOTLINE_QTY_ONE, "2026-03-01", "2027-03-01");
  fixture->b1 = lotline_test_produce (ts, inputs, qty, 2, ts->jam_base, "B1", 45 * LOTLINE_QTY_ONE, "2026-03-02");
  lotline_test_ship (ts, ts->customer, fixture->b1, ts->wh1, 5 * LOTLINE_QTY_ONE, "2026-03-03");
  {
    gint64 base_qty = 20 * LOTLINE_QTY_ONE;

    fixture->j1 = lotline_test_produce (ts, &fixture->b1, &base_qty, 1, ts->jam_jar, "J1", 60 * LOTLINE_QTY_ONE, "2026-03-04");
  }
  {
    LotlineLineSpec lines[] = {
      { .role = LOTLINE_LINE_INPUT, .lot_id = fixture->b1, .location_id = ts->wh1, .quantity = 5 * LOTLINE_QTY_ONE },
      { .role = LOTLINE_LINE_OUTPUT, .lot_id = fixture->b1, .location_id = ts->wh2, .quantity = 5 * LOTLINE_QTY_ONE },
    };
    LotlineEventSpec transfer = {
      .kind = LOTLINE_EVENT_TRANSFER, .occurred_at = lotline_test_date ("2026-03-05"),
      .lines = lines, .n_lines = G_N_ELEMENTS (lines),
    };

    record (fixture, &transfer);
  }

  fixture->session = lotline_session_new (ts->path, LOTLINE_STORE_NONE);
  lotline_test_open_session (fixture->session);
  set_dark (FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->ts, lotline_test_store_free);
}

static gint64
count_events (Fixture *fixture)
{
  LotlineStoreCounts counts;
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_store_get_counts (fixture->ts->store, &counts, &error));
  g_assert_no_error (error);
  return counts.events;
}

/* ---- a window of the test's own ------------------------------------------ */

typedef struct {
  char  *kind;
  gint64 lot_id;
  guint  activations;
} ActionLog;

static void
on_record_for_lot_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  ActionLog *log = user_data;

  g_free (log->kind);
  g_variant_get (parameter, "(sx)", &log->kind, &log->lot_id);
  log->activations++;
}

/* A plain window with the "win" actions the shell provides. */
static GtkWindow *
harness_window_new (GtkWidget *child,
                    int        width,
                    int        height,
                    ActionLog *log)
{
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("record-for-lot", G_VARIANT_TYPE ("(sx)"));

  g_signal_connect (action, "activate", G_CALLBACK (on_record_for_lot_cb), log);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (group));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static gboolean
page_is_loaded (gpointer data)
{
  return !lotline_lot_page_get_loading (data) &&
         g_strcmp0 (lotline_lot_page_get_title (data), "Loading…") != 0;
}

static gboolean
stack_is_still (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

static void
wait_for_page (LotlineLotPage *page)
{
  lotline_test_wait_until (page_is_loaded, page, "the lot page to load");
  /* The page fades in: let it finish before looking at it. */
  lotline_test_wait_until (stack_is_still, lotline_test_find_widget_of_type (GTK_WIDGET (page), GTK_TYPE_STACK), "the lot page to fade in");
  lotline_test_wait_frames (GTK_WIDGET (page), 4);
}

typedef struct {
  gint64 lot_id;
  guint  count;
} OpenLog;

static void
on_open_lot_cb (LotlineLotPage *page,
                gint64          lot_id,
                OpenLog        *log)
{
  log->lot_id = lot_id;
  log->count++;
}

/* ---- the lot page -------------------------------------------------------- */

static void
check_b1_page (Fixture   *fixture,
               GtkWidget *page)
{
  g_autoptr(GPtrArray) history = group_rows (page, "History");
  g_autoptr(GPtrArray) made_from = group_rows (page, "Made from");
  g_autoptr(GPtrArray) went_into = group_rows (page, "Went into and shipped to");
  g_autoptr(GPtrArray) stock = group_rows (page, "Stock on hand");
  g_autoptr(GPtrArray) balance = group_rows (page, "Mass balance");
  const char *expected_history[] = { "Transferred", "Used in production", "Shipped", "Produced" };
  const char *expected_quantities[] = { "5\u00a0kg", "\u221220\u00a0kg", "\u22125\u00a0kg", "+45\u00a0kg" };
  OpenLog opened = { 0 };

  g_assert_cmpstr (lotline_lot_page_get_title (LOTLINE_LOT_PAGE (page)), ==, "B1");

  /* The timeline: one row per event, newest first. */
  g_assert_cmpuint (history->len, ==, G_N_ELEMENTS (expected_history));
  for (guint i = 0; i < history->len; i++)
    {
      g_assert_cmpstr (row_title (history->pdata[i]), ==, expected_history[i]);
      g_assert_cmpstr (row_suffix_text (history->pdata[i]), ==, expected_quantities[i]);
    }
  g_assert_nonnull (strstr (row_subtitle (history->pdata[2]), "Corner Grocery"));
  g_assert_nonnull (strstr (row_subtitle (history->pdata[2]), "BOL BOL-1"));
  g_assert_nonnull (strstr (row_subtitle (history->pdata[2]), "3 Mar 2026, 12:00"));
  g_assert_nonnull (strstr (row_subtitle (history->pdata[3]), "tester"));

  /* One level up: the two lots it was made from, as links. */
  g_assert_cmpuint (made_from->len, ==, 2);
  g_assert_cmpstr (row_title (made_from->pdata[0]), ==, "F1");
  g_assert_cmpstr (row_title (made_from->pdata[1]), ==, "S1");
  g_assert_nonnull (strstr (row_subtitle (made_from->pdata[0]), "40\u00a0kg used on 2 Mar 2026"));
  g_signal_connect (page, "open-lot", G_CALLBACK (on_open_lot_cb), &opened);
  adw_action_row_activate (made_from->pdata[1]);
  g_assert_cmpuint (opened.count, ==, 1);
  g_assert_cmpint (opened.lot_id, ==, fixture->s1);

  /* One level down: the jars made from it, and the shipment. */
  g_assert_cmpuint (went_into->len, ==, 2);
  g_assert_cmpstr (row_title (went_into->pdata[0]), ==, "J1");
  g_assert_cmpstr (row_title (went_into->pdata[1]), ==, "Shipped to Corner Grocery");
  g_assert_nonnull (strstr (row_subtitle (went_into->pdata[1]), "5\u00a0kg on 3 Mar 2026"));
  adw_action_row_activate (went_into->pdata[0]);
  g_assert_cmpuint (opened.count, ==, 2);
  g_assert_cmpint (opened.lot_id, ==, fixture->j1);
  /* The shipment is not a lot: activating it opens nothing. */
  adw_action_row_activate (went_into->pdata[1]);
  g_assert_cmpuint (opened.count, ==, 2);

  /* Stock by location. */
  g_assert_cmpuint (stock->len, ==, 3);
  g_assert_cmpstr (row_title (stock->pdata[0]), ==, "WH1");
  g_assert_cmpstr (row_suffix_text (stock->pdata[0]), ==, "15\u00a0kg");
  g_assert_cmpstr (row_title (stock->pdata[1]), ==, "WH2");
  g_assert_cmpstr (row_suffix_text (stock->pdata[1]), ==, "5\u00a0kg");
  g_assert_cmpstr (row_suffix_text (stock->pdata[2]), ==, "20\u00a0kg");

  /* Mass balance: 45 in = 25 out + 20 on hand. */
  g_assert_cmpuint (balance->len, ==, 4);
  g_assert_cmpstr (row_suffix_text (balance->pdata[0]), ==, "45\u00a0kg");
  g_assert_cmpstr (row_suffix_text (balance->pdata[1]), ==, "25\u00a0kg");
  g_assert_cmpstr (row_subtitle (balance->pdata[1]), ==, "used in production 20\u00a0kg, shipped 5\u00a0kg");
  g_assert_cmpstr (row_suffix_text (balance->pdata[2]), ==, "20\u00a0kg");
  g_assert_cmpstr (row_title (balance->pdata[3]), ==, "Balanced");

  /* Its effective status on TODAY: expired with F1. */
  g_assert_nonnull (lotline_test_find_widget (page, is_button_labelled, "_Quarantine"));
  g_assert_cmpstr (row_subtitle (row_titled (page, "Status")), ==, "Expired (recorded as Released)");
}

static void
test_lot_page (Fixture       *fixture,
               gconstpointer  data)
{
  ActionLog log = { 0 };
  GtkWidget *page = lotline_lot_page_new (fixture->session, fixture->b1);
  GtkWindow *window;

  g_assert_cmpstr (lotline_lot_page_get_title (LOTLINE_LOT_PAGE (page)), ==, "Loading…");
  window = harness_window_new (page, 1280, 800, &log);
  /* The page reads on a worker: nothing is there yet. */
  g_assert_true (lotline_lot_page_get_loading (LOTLINE_LOT_PAGE (page)));

  wait_for_page (LOTLINE_LOT_PAGE (page));
  check_b1_page (fixture, page);
  lotline_test_save_screenshot (GTK_WIDGET (window), "lot-page-light.png");
  scroll_page (page, 1.0);
  lotline_test_save_screenshot (GTK_WIDGET (window), "lot-page-bottom-light.png");
  scroll_page (page, 0.0);

  set_dark (TRUE);
  lotline_test_wait_frames (page, 4);
  lotline_test_save_screenshot (GTK_WIDGET (window), "lot-page-dark.png");

  /* The actions ask the shell for a dialog, with the lot. */
  g_signal_emit_by_name (button_labelled (page, "_Ship"), "clicked");
  g_assert_cmpuint (log.activations, ==, 1);
  g_assert_cmpstr (log.kind, ==, "ship");
  g_assert_cmpint (log.lot_id, ==, fixture->b1);
  g_signal_emit_by_name (button_labelled (page, "_Quarantine"), "clicked");
  g_assert_cmpstr (log.kind, ==, "quarantine");
  g_signal_emit_by_name (button_labelled (page, "_Destroy"), "clicked");
  g_assert_cmpstr (log.kind, ==, "destroy");

  gtk_window_destroy (window);
  g_free (log.kind);
}

static void
test_lot_page_narrow (Fixture       *fixture,
                      gconstpointer  data)
{
  ActionLog log = { 0 };
  GtkWidget *page = lotline_lot_page_new (fixture->session, fixture->b1);
  GtkWindow *window = harness_window_new (page, 360, 800, &log);

  wait_for_page (LOTLINE_LOT_PAGE (page));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  lotline_test_save_screenshot (GTK_WIDGET (window), "lot-page-narrow-light.png");
  scroll_page (page, 0.5);
  lotline_test_save_screenshot (GTK_WIDGET (window), "lot-page-narrow-middle-light.png");
  scroll_page (page, 1.0);
  lotline_test_save_screenshot (GTK_WIDGET (window), "lot-page-narrow-bottom-light.png");
  scroll_page (page, 0.0);
  set_dark (TRUE);
  lotline_test_wait_frames (page, 4);
  lotline_test_save_screenshot (GTK_WIDGET (window), "lot-page-narrow-dark.png");
  gtk_window_destroy (window);
}

static void
test_lot_page_raw (Fixture       *fixture,
                   gconstpointer  data)
{
  ActionLog log = { 0 };
  GtkWidget *page = lotline_lot_page_new (fixture->session, fixture->f1);
  GtkWindow *window = harness_window_new (page, 1280, 800, &log);
  g_autoptr(GPtrArray) made_from = NULL;
  g_autoptr(GPtrArray) went_into = NULL;
  g_autoptr(GPtrArray) history = NULL;

  wait_for_page (LOTLINE_LOT_PAGE (page));
  made_from = group_rows (page, "Made from");
  went_into = group_rows (page, "Went into and shipped to");
  history = group_rows (page, "History");

  /* A received lot comes from its supplier, not from other lots. */
  g_assert_cmpuint (made_from->len, ==, 1);
  g_assert_cmpstr (row_title (made_from->pdata[0]), ==, "Received from Berry Farms");
  g_assert_false (gtk_list_box_row_get_activatable (made_from->pdata[0]));
  g_assert_cmpuint (went_into->len, ==, 1);
  g_assert_cmpstr (row_title (went_into->pdata[0]), ==, "B1");
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (row_title (history->pdata[0]), ==, "Used in production");
  g_assert_cmpstr (row_title (history->pdata[1]), ==, "Received");
  g_assert_nonnull (strstr (row_subtitle (history->pdata[1]), "Berry Farms · PO F1"));

  gtk_window_destroy (window);
}

static void
test_lot_page_missing (Fixture       *fixture,
                       gconstpointer  data)
{
  ActionLog log = { 0 };
  GtkWidget *page = lotline_lot_page_new (fixture->session, 9999);
  GtkWindow *window = harness_window_new (page, 800, 600, &log);
  AdwStatusPage *status;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLot) lot = lotline_store_get_lot (fixture->ts->store, 9999, &error);

  /* The page shows what the core says. */
  g_assert_null (lot);
  g_assert_nonnull (error);
  lotline_test_wait_until (page_is_loaded, page, "the lot page to give up");
  status = ADW_STATUS_PAGE (lotline_test_find_widget_of_type (page, ADW_TYPE_STATUS_PAGE));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  g_assert_cmpstr (adw_status_page_get_description (status), ==, error->message);
  g_assert_cmpstr (lotline_lot_page_get_title (LOTLINE_LOT_PAGE (page)), ==, "Lot not found");
  gtk_window_destroy (window);
}

/* ---- the dialogs --------------------------------------------------------- */

typedef struct {
  gint64 event_id;
  char  *summary;
  guint  count;
} RecordLog;

static void
on_recorded_cb (LotlineOperationDialog *dialog,
                gint64                  event_id,
                const char             *summary,
                RecordLog              *log)
{
  log->event_id = event_id;
  g_free (log->summary);
  log->summary = g_strdup (summary);
  log->count++;
}

static gboolean
dialog_is_idle (gpointer data)
{
  return !lotline_operation_dialog_get_busy (data);
}

static void
wait_for_dialog (GtkWindow *dialog)
{
  lotline_test_wait_until (dialog_is_idle, dialog, "the dialog to check the event");
}

static GtkWindow *
open_dialog (Fixture          *fixture,
             LotlineEventKind  kind,
             gint64            lot_id,
             RecordLog        *log)
{
  GtkWindow *dialog = lotline_operation_dialog_new (NULL, fixture->session, kind, lot_id);

  g_signal_connect (dialog, "recorded", G_CALLBACK (on_recorded_cb), log);
  gtk_window_present (dialog);
  wait_for_dialog (dialog);
  lotline_test_wait_frames (GTK_WIDGET (dialog), 4);
  return dialog;
}

static gboolean
recorded_once (gpointer data)
{
  return ((RecordLog *) data)->count > 0;
}

static gboolean
record_is_sensitive (GtkWindow *dialog)
{
  return gtk_widget_get_sensitive (button_labelled (GTK_WIDGET (dialog), "_Record"));
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Records, and checks that the dialog closed once the event was in. */
static void
click_record (GtkWindow *dialog,
              RecordLog *log)
{
  gpointer weak = dialog;

  g_assert_true (record_is_sensitive (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_signal_emit_by_name (button_labelled (GTK_WIDGET (dialog), "_Record"), "clicked");
  lotline_test_wait_until (recorded_once, log, "the event to be recorded");
  lotline_test_wait_until (is_gone, &weak, "the dialog to close");
}

/* The message under the form, checked against what the window shows. */
static const char *
message_text (GtkWindow *dialog)
{
  const char *message = lotline_operation_dialog_get_message (LOTLINE_OPERATION_DIALOG (dialog));

  if (message != NULL)
    g_assert_nonnull (lotline_test_find_widget (GTK_WIDGET (dialog), is_label_showing, message));
  return message;
}

static gboolean
page_shows_events (gpointer data)
{
  GtkWidget *page = data;
  g_autoptr(GPtrArray) history = NULL;

  if (lotline_lot_page_get_loading (LOTLINE_LOT_PAGE (page)))
    return FALSE;
  history = group_rows (page, "History");
  return history->len == GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (page), "expected-rows"));
}

static void
test_receive (Fixture       *fixture,
              gconstpointer  data)
{
  RecordLog log = { 0 };
  gint64 before = count_events (fixture);
  GtkWindow *dialog = open_dialog (fixture, LOTLINE_EVENT_RECEIVE, 0, &log);
  GtkWidget *w = GTK_WIDGET (dialog);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLot) lot = NULL;
  g_autoptr(GArray) stock = NULL;
  gint64 lot_id = 0;

  /* An empty form asks gently for the first thing missing. */
  g_assert_false (record_is_sensitive (dialog));
  g_assert_cmpstr (message_text (dialog), ==, "Choose the supplier the goods came from.");
  lotline_test_save_screenshot (w, "dialog-receive-light.png");

  select_combo (w, "Supplier", "Berry Farms");
  select_combo (w, "Product", "Strawberries (RAW-STRAW)");
  type_text (w, "New lot code", "F-2");
  type_text (w, "Supplier’s lot code", "BF-0320");
  type_text (w, "Quantity received", "250.5");
  select_combo (w, "Stored at", "WH1");
  type_text (w, "Document number", "PO-77");
  /* Nothing is recorded until the ledger has seen this form. */
  g_assert_false (record_is_sensitive (dialog));
  wait_for_dialog (dialog);
  g_assert_null (message_text (dialog));
  lotline_test_wait_frames (w, 4);
  lotline_test_save_screenshot (w, "dialog-receive-filled-light.png");

  click_record (dialog, &log);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpint (log.event_id, >, 0);
  g_assert_cmpstr (log.summary, ==, "Received 250.5\u00a0kg of RAW-STRAW lot F-2");

  /* Exactly what the core now reports. */
  g_assert_cmpint (count_events (fixture), ==, before + 1);
  g_assert_true (lotline_store_find_lot (fixture->ts->store, "RAW-STRAW", "F-2", &lot_id, &error));
  g_assert_no_error (error);
  lot = lotline_store_get_lot (fixture->ts->store, lot_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lot->on_hand, ==, 250500);
  g_assert_cmpint (lot->supplier_id, ==, fixture->ts->supplier);
  g_assert_cmpstr (lot->supplier_lot, ==, "BF-0320");
  g_assert_cmpstr (lot->received_on, ==, TODAY);
  /* No expiry typed: the product's 10 days of shelf life from receipt. */
  g_assert_cmpstr (lot->expires_on, ==, "2026-03-30");
  stock = lotline_store_get_stock (fixture->ts->store, lot_id, &error);
  g_assert_cmpuint (stock->len, ==, 1);
  g_assert_cmpint (g_array_index (stock, LotlineStockEntry, 0).location_id, ==, fixture->ts->wh1);
  g_free (log.summary);
}

static void
choose_lot_by_search (GtkWidget  *root,
                      const char *search)
{
  GtkWidget *entry = lotline_test_find_widget_of_type (root, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *popover = gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER);
  GtkWidget *results;
  GtkListBoxRow *first;
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  /* A person scrolls to the lot's row before opening its search. */
  gtk_widget_grab_focus (gtk_widget_get_ancestor (popover, ADW_TYPE_ACTION_ROW));
  lotline_test_wait_frames (root, 4);
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_editable_set_text (GTK_EDITABLE (entry), search);
  results = lotline_test_find_widget_of_type (popover, GTK_TYPE_LIST_BOX);
  /* The search runs on a worker once the typing pauses. */
  for (;;)
    {
      first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 0);
      if (first != NULL && gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 1) == NULL &&
          g_strcmp0 (row_title (first), search) == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  adw_action_row_activate (ADW_ACTION_ROW (first));
}

static void
test_ship_too_much (Fixture       *fixture,
                    gconstpointer  data)
{
  RecordLog log = { 0 };
  gint64 before = count_events (fixture);
  GtkWindow *dialog = open_dialog (fixture, LOTLINE_EVENT_SHIP, 0, &log);
  GtkWidget *w = GTK_WIDGET (dialog);
  GtkWidget *override_row = row_titled (w, "Reason to override");
  GtkWidget *revealer = gtk_widget_get_ancestor (override_row, GTK_TYPE_REVEALER);

  select_combo (w, "Customer", "Corner Grocery");
  type_text (w, "Document number", "BOL-9");
  choose_lot_by_search (w, "S1");
  wait_for_dialog (dialog);
  /* The lot is at WH1 only, so that is where it is taken from. */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (row_titled (w, "Taken from")))),
                                               adw_combo_row_get_selected (ADW_COMBO_ROW (row_titled (w, "Taken from")))),
                   ==, "WH1");
  g_assert_cmpstr (message_text (dialog), ==, "Enter the quantity.");

  type_text (w, "Quantity shipped", "100");
  wait_for_dialog (dialog);

  /* The ledger's own message, and no way to record. */
  g_assert_cmpstr (message_text (dialog), ==,
                   "Only 40 kg of lot S1 (RAW-SUGAR) is at WH1, but 100 kg would be taken. "
                   "Reduce the quantity or record the missing stock first.");
  g_assert_false (record_is_sensitive (dialog));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  lotline_test_wait_frames (w, 4);
  lotline_test_save_screenshot (w, "dialog-ship-error-light.png");
  set_dark (TRUE);
  lotline_test_wait_frames (w, 4);
  lotline_test_save_screenshot (w, "dialog-ship-error-dark.png");
  set_dark (FALSE);

  /* Activating Record anyway writes nothing. */
  g_signal_emit_by_name (button_labelled (w, "_Record"), "clicked");
  g_assert_cmpint (count_events (fixture), ==, before);
  g_assert_cmpuint (log.count, ==, 0);

  /* Fix the quantity: recordable. */
  type_text (w, "Quantity shipped", "40");
  wait_for_dialog (dialog);
  g_assert_null (message_text (dialog));
  g_assert_true (record_is_sensitive (dialog));
  g_assert_cmpint (count_events (fixture), ==, before);

  /* Cancel closes it, and still nothing is written. */
  gtk_widget_activate_action (w, "window.close", NULL);
  g_assert_cmpint (count_events (fixture), ==, before);
}

static gboolean
revealer_is_open (gpointer data)
{
  return gtk_revealer_get_child_revealed (data);
}

static void
test_ship_expired (Fixture       *fixture,
                   gconstpointer  data)
{
  RecordLog log = { 0 };
  ActionLog actions = { 0 };
  gint64 before = count_events (fixture);
  GtkWidget *page = lotline_lot_page_new (fixture->session, fixture->f1);
  GtkWindow *window = harness_window_new (page, 800, 600, &actions);
  GtkWindow *dialog;
  GtkWidget *w, *override_row, *revealer;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;
  const LotlineTimelineEntry *last;

  wait_for_page (LOTLINE_LOT_PAGE (page));

  /* From the page, as the shell would: the lot is chosen already. */
  dialog = open_dialog (fixture, LOTLINE_EVENT_SHIP, fixture->f1, &log);
  w = GTK_WIDGET (dialog);
  override_row = row_titled (w, "Reason to override");
  revealer = gtk_widget_get_ancestor (override_row, GTK_TYPE_REVEALER);

  select_combo (w, "Customer", "Big Box Retail");
  type_text (w, "Quantity shipped", "10");
  wait_for_dialog (dialog);

  g_assert_cmpstr (message_text (dialog), ==,
                   "Lot F1 (RAW-STRAW) expired on 2026-03-11, before this shipment on 2026-03-20. "
                   "Choose another lot, or give a reason to ship it anyway.");
  g_assert_false (record_is_sensitive (dialog));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  lotline_test_wait_until (revealer_is_open, revealer, "the override reason to slide in");
  lotline_test_wait_frames (w, 4);
  lotline_test_save_screenshot (w, "dialog-ship-override-light.png");

  type_text (w, "Reason to override", "Customer makes jam the same day; QA approved");
  wait_for_dialog (dialog);
  g_assert_null (message_text (dialog));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  click_record (dialog, &log);
  g_assert_cmpstr (log.summary, ==, "Shipped 10\u00a0kg of RAW-STRAW lot F1 to Big Box Retail");
  g_assert_cmpint (count_events (fixture), ==, before + 1);

  timeline = lotline_store_get_lot_timeline (fixture->ts->store, fixture->f1, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (timeline, timeline->len - 1);
  g_assert_cmpint (last->kind, ==, LOTLINE_EVENT_SHIP);
  g_assert_cmpint (last->quantity, ==, 10 * LOTLINE_QTY_ONE);
  g_assert_cmpstr (last->override_reason, ==, "Customer makes jam the same day; QA approved");
  g_assert_cmpstr (last->occurred_on, ==, TODAY);

  /* The page saw the session change and shows the new event. */
  g_object_set_data (G_OBJECT (page), "expected-rows", GUINT_TO_POINTER (3));
  lotline_test_wait_until (page_shows_events, page, "the lot page to reload");
  {
    g_autoptr(GPtrArray) history = group_rows (page, "History");

    g_assert_cmpstr (row_title (history->pdata[0]), ==, "Shipped");
    g_assert_nonnull (strstr (row_subtitle (history->pdata[0]), "Overridden: Customer makes jam the same day; QA approved"));
  }

  gtk_window_destroy (window);
  g_free (log.summary);
}

/* Every other kind opens, fills in and checks; a screenshot of each. */
static void
test_dialog_kinds (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct {
    LotlineEventKind kind;
    const char      *name;
  } kinds[] = {
    { LOTLINE_EVENT_PRODUCE, "produce" },
    { LOTLINE_EVENT_TRANSFER, "transfer" },
    { LOTLINE_EVENT_ADJUST, "adjust" },
    { LOTLINE_EVENT_DESTROY, "destroy" },
    { LOTLINE_EVENT_QUARANTINE, "quarantine" },
    { LOTLINE_EVENT_RELEASE, "release" },
    { LOTLINE_EVENT_RETURN, "return" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      RecordLog log = { 0 };
      GtkWindow *dialog = open_dialog (fixture, kinds[i].kind, fixture->s1, &log);
      g_autofree char *name = g_strdup_printf ("dialog-%s-light.png", kinds[i].name);

      g_assert_false (record_is_sensitive (dialog));
      g_assert_nonnull (message_text (dialog));
      lotline_test_save_screenshot (GTK_WIDGET (dialog), name);
      gtk_window_destroy (dialog);
    }

  /* The narrowest window a phone gives. */
  {
    RecordLog log = { 0 };
    GtkWindow *dialog = lotline_operation_dialog_new (NULL, fixture->session, LOTLINE_EVENT_RECEIVE, 0);

    gtk_window_set_default_size (dialog, 360, -1);
    gtk_window_present (dialog);
    wait_for_dialog (dialog);
    lotline_test_wait_frames (GTK_WIDGET (dialog), 4);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 400);
    lotline_test_save_screenshot (GTK_WIDGET (dialog), "dialog-receive-narrow-light.png");
    gtk_window_destroy (dialog);
    g_assert_cmpuint (log.count, ==, 0);
  }
}

/* Transfer, adjust and destroy through their dialogs, against the core. */
static void
test_stock_moves (Fixture       *fixture,
                  gconstpointer  data)
{
  LotlineTestStore *ts = fixture->ts;
  gint64 before = count_events (fixture);
  RecordLog log = { 0 };
  GtkWindow *dialog;
  GtkWidget *w;

  dialog = open_dialog (fixture, LOTLINE_EVENT_TRANSFER, fixture->s1, &log);
  w = GTK_WIDGET (dialog);
  g_assert_cmpstr (message_text (dialog), ==, "Choose where the lot goes.");
  select_combo (w, "To", "WH2");
  type_text (w, "Quantity moved", "10");
  wait_for_dialog (dialog);
  click_record (dialog, &log);
  g_assert_cmpstr (log.summary, ==, "Moved 10 kg of RAW-SUGAR lot S1 from WH1 to WH2");
  g_clear_pointer (&log.summary, g_free);
  log.count = 0;

  dialog = open_dialog (fixture, LOTLINE_EVENT_ADJUST, fixture->s1, &log);
  w = GTK_WIDGET (dialog);
  select_combo (w, "Location", "WH2");
  select_combo (w, "Counted", "Less than recorded");
  type_text (w, "Difference", "2");
  type_text (w, "Reason", "Cycle count");
  wait_for_dialog (dialog);
  click_record (dialog, &log);
  g_assert_cmpstr (log.summary, ==, "Removed 2 kg from RAW-SUGAR lot S1 at WH2");
  g_clear_pointer (&log.summary, g_free);
  log.count = 0;

  dialog = open_dialog (fixture, LOTLINE_EVENT_DESTROY, fixture->s1, &log);
  w = GTK_WIDGET (dialog);
  /* Taken from where most of it is. */
  type_text (w, "Quantity destroyed", "5");
  type_text (w, "Reason", "Torn sacks");
  wait_for_dialog (dialog);
  click_record (dialog, &log);
  g_assert_cmpstr (log.summary, ==, "Destroyed 5 kg of RAW-SUGAR lot S1 at WH1");
  g_clear_pointer (&log.summary, g_free);

  g_assert_cmpint (count_events (fixture), ==, before + 3);
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, fixture->s1, ts->wh1), ==, 25 * LOTLINE_QTY_ONE);
  g_assert_cmpint (lotline_store_get_on_hand (ts->store, fixture->s1, ts->wh2), ==, 8 * LOTLINE_QTY_ONE);
}

static void
test_produce (Fixture       *fixture,
              gconstpointer  data)
{
  RecordLog log = { 0 };
  gint64 before = count_events (fixture);
  GtkWindow *dialog = open_dialog (fixture, LOTLINE_EVENT_PRODUCE, fixture->s1, &log);
  GtkWidget *w = GTK_WIDGET (dialog);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLot) lot = NULL;
  gint64 lot_id = 0;

  type_text (w, "Batch record number", "BR-20");
  type_text (w, "Quantity used", "4");
  select_combo (w, "Product", "Strawberry jam base (INT-BASE)");
  type_text (w, "New lot code", "B2");
  type_text (w, "Quantity made", "4");
  select_combo (w, "Stored at", "WH2");
  wait_for_dialog (dialog);
  g_assert_null (message_text (dialog));
  lotline_test_wait_frames (w, 4);
  lotline_test_save_screenshot (w, "dialog-produce-filled-light.png");

  click_record (dialog, &log);
  g_assert_cmpstr (log.summary, ==, "Produced 4\u00a0kg of INT-BASE lot B2");
  g_assert_cmpint (count_events (fixture), ==, before + 1);
  g_assert_true (lotline_store_find_lot (fixture->ts->store, "INT-BASE", "B2", &lot_id, &error));
  lot = lotline_store_get_lot (fixture->ts->store, lot_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lot->on_hand, ==, 4 * LOTLINE_QTY_ONE);
  g_assert_cmpstr (lot->produced_on, ==, TODAY);
  g_assert_cmpint (lotline_store_get_on_hand (fixture->ts->store, fixture->s1, fixture->ts->wh1), ==, 36 * LOTLINE_QTY_ONE);
  g_free (log.summary);
}

static void
test_quarantine (Fixture       *fixture,
                 gconstpointer  data)
{
  RecordLog log = { 0 };
  GtkWindow *dialog = open_dialog (fixture, LOTLINE_EVENT_QUARANTINE, fixture->s1, &log);
  GtkWidget *w = GTK_WIDGET (dialog);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLot) lot = NULL;

  /* The reason is asked for gently before the ledger's rule fires. */
  g_assert_cmpstr (message_text (dialog), ==, "Enter the reason.");
  type_text (w, "Reason", "Supplier reported foreign matter");
  wait_for_dialog (dialog);
  click_record (dialog, &log);
  g_assert_cmpstr (log.summary, ==, "Quarantined RAW-SUGAR lot S1");

  lot = lotline_store_get_lot (fixture->ts->store, fixture->s1, &error);
  g_assert_cmpint (lot->status, ==, LOTLINE_LOT_QUARANTINED);
  g_free (log.summary);
}

/* ---- lot-code formats ------------------------------------------------------ */

/* The site's codes: the day, the facility and a sequence of three digits. */
#define SITE_FORMAT "{YYMMDD}-{FACILITY:2}-{SEQ:3}"

static void
set_site_format (Fixture *fixture)
{
  LotlineLotCodeDefaults defaults = { .facility = (char *) "PL" };
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_store_set_lot_format (fixture->ts->store, 0, SITE_FORMAT, &error));
  g_assert_true (lotline_store_set_lot_code_defaults (fixture->ts->store, &defaults, &error));
  g_assert_no_error (error);
}

typedef struct {
  GtkWidget  *row;
  const char *text;
} TextWait;

static gboolean
row_text_is (gpointer data)
{
  TextWait *wait = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (wait->row)), wait->text) == 0;
}

static void
wait_for_code (GtkWidget  *row,
               const char *code)
{
  TextWait wait = { row, code };

  lotline_test_wait_until (row_text_is, &wait, code);
}

/* The receive dialog fills in the next code of the product's format, makes
 * another when the date changes, keeps a code typed over it, and records
 * nothing while that code does not follow the format. */
static void
test_receive_lot_code (Fixture       *fixture,
                       gconstpointer  data)
{
  LotlineTestStore *ts = fixture->ts;
  RecordLog log = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  GtkWidget *w, *code;
  gint64 before, lot_id = 0;

  set_site_format (fixture);
  lotline_test_receive (ts, ts->fruit, "260320-PL-001", ts->wh1, 10 * LOTLINE_QTY_ONE, TODAY, NULL);
  before = count_events (fixture);

  dialog = open_dialog (fixture, LOTLINE_EVENT_RECEIVE, 0, &log);
  w = GTK_WIDGET (dialog);
  code = row_titled (w, "New lot code");
  g_assert_false (gtk_widget_get_visible (row_titled (w, "Lot-code format")));
  select_combo (w, "Supplier", "Berry Farms");
  select_combo (w, "Product", "Strawberries (RAW-STRAW)");
  wait_for_code (code, "260320-PL-002");
  g_assert_true (gtk_widget_get_visible (row_titled (w, "Lot-code format")));
  g_assert_cmpstr (row_subtitle (row_titled (w, "Lot-code format")), ==, SITE_FORMAT);
  type_text (w, "Quantity received", "12");
  select_combo (w, "Stored at", "WH1");

  type_text (w, "Date received", "2026-03-19");
  wait_for_code (code, "260319-PL-001");
  wait_for_dialog (dialog);
  g_assert_null (message_text (dialog));

  /* A code of one's own stays when the date changes, and is checked. */
  type_text (w, "New lot code", "STRAW-19");
  type_text (w, "Date received", TODAY);
  wait_for_dialog (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (code)), ==, "STRAW-19");
  g_assert_cmpstr (message_text (dialog), ==,
                   "The lot code “STRAW-19” does not follow the format “" SITE_FORMAT "”.");
  g_assert_true (gtk_widget_has_css_class (code, "error"));
  g_assert_false (record_is_sensitive (dialog));
  g_signal_emit_by_name (button_labelled (w, "_Record"), "clicked");
  lotline_test_wait_frames (w, 4);
  g_assert_cmpuint (log.count, ==, 0);
  g_assert_cmpint (count_events (fixture), ==, before);
  lotline_test_save_screenshot (w, "dialog-receive-lot-code-error-light.png");
  set_dark (TRUE);
  lotline_test_wait_frames (w, 4);
  lotline_test_save_screenshot (w, "dialog-receive-lot-code-error-dark.png");
  set_dark (FALSE);

  /* Generate puts the next code back. */
  g_signal_emit_by_name (button_labelled (w, "_Generate"), "clicked");
  wait_for_code (code, "260320-PL-002");
  wait_for_dialog (dialog);
  g_assert_null (message_text (dialog));
  g_assert_false (gtk_widget_has_css_class (code, "error"));
  lotline_test_wait_frames (w, 4);
  lotline_test_save_screenshot (w, "dialog-receive-lot-code-light.png");
  click_record (dialog, &log);
  g_assert_cmpint (count_events (fixture), ==, before + 1);
  g_assert_true (lotline_store_find_lot (ts->store, "RAW-STRAW", "260320-PL-002", &lot_id, &error));
  g_assert_no_error (error);
  g_free (log.summary);

  /* On the narrowest window, with the next code after the one just recorded. */
  dialog = lotline_operation_dialog_new (NULL, fixture->session, LOTLINE_EVENT_RECEIVE, 0);
  gtk_window_set_default_size (dialog, 360, -1);
  gtk_window_present (dialog);
  wait_for_dialog (dialog);
  w = GTK_WIDGET (dialog);
  select_combo (w, "Product", "Strawberries (RAW-STRAW)");
  wait_for_code (row_titled (w, "New lot code"), "260320-PL-003");
  lotline_test_wait_frames (w, 4);
  g_assert_cmpint (gtk_widget_get_width (w), <=, 400);
  lotline_test_save_screenshot (w, "dialog-receive-lot-code-narrow-light.png");
  gtk_window_destroy (dialog);
}

static gboolean
is_content_button (GtkWidget     *widget,
                   gconstpointer  label)
{
  GtkWidget *child = GTK_IS_BUTTON (widget) ? gtk_button_get_child (GTK_BUTTON (widget)) : NULL;

  return ADW_IS_BUTTON_CONTENT (child) && g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (child)), label) == 0;
}

/* Two outputs of one production get two codes. */
static void
test_produce_lot_codes (Fixture       *fixture,
                        gconstpointer  data)
{
  RecordLog log = { 0 };
  GtkWindow *dialog;
  GtkWidget *w, *first, *second;

  set_site_format (fixture);
  dialog = open_dialog (fixture, LOTLINE_EVENT_PRODUCE, fixture->b1, &log);
  w = GTK_WIDGET (dialog);
  first = lotline_test_find_widget (w, is_group_titled, "Output 1");
  select_combo (first, "Product", "Strawberry jam 340 g (FIN-JAR)");
  wait_for_code (row_titled (first, "New lot code"), "260320-PL-001");
  g_signal_emit_by_name (lotline_test_find_widget (w, is_content_button, "Add _output"), "clicked");
  second = lotline_test_find_widget (w, is_group_titled, "Output 2");
  select_combo (second, "Product", "Strawberry jam 340 g (FIN-JAR)");
  wait_for_code (row_titled (second, "New lot code"), "260320-PL-002");
  wait_for_dialog (dialog);
  gtk_window_destroy (dialog);
  g_assert_cmpuint (log.count, ==, 0);
}

/* The lot page reads the code back into its segments, when it follows the
 * product's format. */
static void
test_lot_page_code_segments (Fixture       *fixture,
                             gconstpointer  data)
{
  LotlineTestStore *ts = fixture->ts;
  ActionLog log = { 0 };
  GtkWidget *page;
  GtkWindow *window;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 lot;

  set_site_format (fixture);
  lot = lotline_test_receive (ts, ts->fruit, "260318-PL-007", ts->wh1, 10 * LOTLINE_QTY_ONE, "2026-03-18", NULL);
  page = lotline_lot_page_new (fixture->session, lot);
  window = harness_window_new (page, 1000, 800, &log);
  wait_for_page (LOTLINE_LOT_PAGE (page));

  rows = group_rows (page, "Code segments");
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (row_title (rows->pdata[0]), ==, "Date");
  g_assert_cmpstr (row_subtitle (rows->pdata[0]), ==, "18 Mar 2026");
  g_assert_cmpstr (row_title (rows->pdata[1]), ==, "Facility");
  g_assert_cmpstr (row_subtitle (rows->pdata[1]), ==, "PL");
  g_assert_cmpstr (row_title (rows->pdata[2]), ==, "Sequence");
  g_assert_cmpstr (row_subtitle (rows->pdata[2]), ==, "7");
  scroll_page (page, 1.0);
  lotline_test_save_screenshot (page, "lot-page-code-segments-light.png");
  gtk_window_destroy (window);

  /* J1 does not follow the format: no segments. */
  page = lotline_lot_page_new (fixture->session, fixture->j1);
  window = harness_window_new (page, 1000, 800, &log);
  wait_for_page (LOTLINE_LOT_PAGE (page));
  g_assert_false (gtk_widget_get_visible (lotline_test_find_widget (page, is_group_titled, "Code segments")));
  gtk_window_destroy (window);
  g_free (log.kind);
}

static gboolean
group_is_idle (gpointer data)
{
  return !lotline_lot_format_group_get_busy (data);
}

static char *
dup_site_format (Fixture *fixture,
                 gint64   product_id)
{
  g_autoptr(GError) error = NULL;
  char *template_text = NULL;

  g_assert_true (lotline_store_get_lot_format (fixture->ts->store, product_id, &template_text, &error));
  g_assert_no_error (error);
  return template_text;
}

/* Preferences: the site's format with an example for today, checked as it
 * is typed and saved when applied, and a product's own format. */
static void
test_preferences_lot_codes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.lotline.Lotline");
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL, *own = NULL;
  GtkWidget *parent = gtk_window_new ();
  GtkWindow *preferences;
  GtkWidget *w, *group, *template_row, *example_row, *jar_row;

  set_site_format (fixture);
  g_assert_true (lotline_store_set_lot_format (fixture->ts->store, fixture->ts->jam_jar, "J{YYDDD}{SEQ:2}", &error));
  g_assert_no_error (error);

  preferences = lotline_preferences_window_new (GTK_WINDOW (parent), settings);
  lotline_preferences_window_set_session (LOTLINE_PREFERENCES_WINDOW (preferences), fixture->session);
  gtk_window_set_default_size (preferences, 600, 1100);
  gtk_window_present (preferences);
  w = GTK_WIDGET (preferences);
  group = lotline_test_find_widget_of_type (w, LOTLINE_TYPE_LOT_FORMAT_GROUP);
  lotline_test_wait_until (group_is_idle, group, "the lot-code formats to load");
  lotline_test_wait_frames (w, 4);

  template_row = row_titled (group, "Format");
  example_row = row_titled (group, "Example for today");
  jar_row = row_titled (group, "Strawberry jam 340 g (FIN-JAR)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_row)), ==, SITE_FORMAT);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_titled (group, "Facility code"))), ==, "PL");
  g_assert_cmpstr (row_subtitle (example_row), ==, "260320-PL-001");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jar_row)), ==, "J{YYDDD}{SEQ:2}");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row_titled (group, "Formats of single products"))), ==,
                   "1 product has a format of its own; the others follow the format above.");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row_titled (group, "Formats of single products")), TRUE);

  /* A template that is not one turns red and says why; applying it saves nothing. */
  type_text (group, "Format", "{YYMMDD}-{WEEK}");
  g_assert_true (gtk_widget_has_css_class (template_row, "error"));
  g_assert_cmpstr (row_subtitle (example_row), ==,
                   "{WEEK} is not a lot-code segment. Use {YYMMDD}, {YYYYMMDD}, {YYDDD}, {FACILITY}, {LINE}, {SHIFT}, {PRODUCT} or {SEQ}.");
  g_signal_emit_by_name (template_row, "apply");
  lotline_test_wait_until (group_is_idle, group, "nothing to be saved");
  saved = dup_site_format (fixture, 0);
  g_assert_cmpstr (saved, ==, SITE_FORMAT);
  g_clear_pointer (&saved, g_free);
  scroll_page (w, 1.0);
  lotline_test_save_screenshot (w, "preferences-lot-codes-error-light.png");

  /* A line segment with no line set: the example says what is missing. */
  type_text (group, "Format", "{YYDDD}{LINE:1}{SEQ:3}");
  g_assert_false (gtk_widget_has_css_class (template_row, "error"));
  g_assert_nonnull (strstr (row_subtitle (example_row), "needs a production line"));
  type_text (group, "Production line", "3");
  g_assert_cmpstr (row_subtitle (example_row), ==, "260793001");
  g_signal_emit_by_name (template_row, "apply");
  g_signal_emit_by_name (row_titled (group, "Production line"), "apply");
  lotline_test_wait_until (group_is_idle, group, "the format to be saved");
  saved = dup_site_format (fixture, 0);
  g_assert_cmpstr (saved, ==, "{YYDDD}{LINE:1}{SEQ:3}");

  /* Emptying a product's own format makes it follow the site's again. */
  gtk_editable_set_text (GTK_EDITABLE (jar_row), "");
  g_signal_emit_by_name (jar_row, "apply");
  lotline_test_wait_until (group_is_idle, group, "the product's format to be cleared");
  own = dup_site_format (fixture, fixture->ts->jam_jar);
  g_assert_null (own);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row_titled (group, "Formats of single products"))), ==,
                   "Every product follows the format above. Give a product a format of its own here.");
  {
    LotlineLotCodeDefaults defaults = { 0 };

    g_assert_true (lotline_store_get_lot_code_defaults (fixture->ts->store, &defaults, &error));
    g_assert_cmpstr (defaults.line, ==, "3");
    lotline_lot_code_defaults_clear (&defaults);
  }
  scroll_page (w, 1.0);
  lotline_test_save_screenshot (w, "preferences-lot-codes-light.png");
  gtk_window_destroy (preferences);
  gtk_window_destroy (GTK_WINDOW (parent));
}

int
main (int   argc,
      char *argv[])
{
  lotline_test_ui_init (&argc, &argv, TODAY);

  g_test_add ("/lotline/ui/lot-page/timeline-and-links", Fixture, NULL, fixture_set_up, test_lot_page, fixture_tear_down);
  g_test_add ("/lotline/ui/lot-page/narrow", Fixture, NULL, fixture_set_up, test_lot_page_narrow, fixture_tear_down);
  g_test_add ("/lotline/ui/lot-page/received-lot", Fixture, NULL, fixture_set_up, test_lot_page_raw, fixture_tear_down);
  g_test_add ("/lotline/ui/lot-page/missing-lot", Fixture, NULL, fixture_set_up, test_lot_page_missing, fixture_tear_down);
  g_test_add ("/lotline/ui/operation/receive", Fixture, NULL, fixture_set_up, test_receive, fixture_tear_down);
  g_test_add ("/lotline/ui/operation/ship-too-much", Fixture, NULL, fixture_set_up, test_ship_too_much, fixture_tear_down);
  g_test_add ("/lotline/ui/operation/ship-expired-with-reason", Fixture, NULL, fixture_set_up, test_ship_expired, fixture_tear_down);
  g_test_add ("/lotline/ui/operation/produce", Fixture, NULL, fixture_set_up, test_produce, fixture_tear_down);
  g_test_add ("/lotline/ui/operation/quarantine", Fixture, NULL, fixture_set_up, test_quarantine, fixture_tear_down);
  g_test_add ("/lotline/ui/operation/transfer-adjust-destroy", Fixture, NULL, fixture_set_up, test_stock_moves, fixture_tear_down);
  g_test_add ("/lotline/ui/operation/every-kind", Fixture, NULL, fixture_set_up, test_dialog_kinds, fixture_tear_down);
  g_test_add ("/lotline/ui/operation/receive-lot-code", Fixture, NULL, fixture_set_up, test_receive_lot_code, fixture_tear_down);
  g_test_add ("/lotline/ui/operation/produce-lot-codes", Fixture, NULL, fixture_set_up, test_produce_lot_codes, fixture_tear_down);
  g_test_add ("/lotline/ui/lot-page/code-segments", Fixture, NULL, fixture_set_up, test_lot_page_code_segments, fixture_tear_down);
  g_test_add ("/lotline/ui/preferences/lot-codes", Fixture, NULL, fixture_set_up, test_preferences_lot_codes, fixture_tear_down);

  return g_test_run ();
}
