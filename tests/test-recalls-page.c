/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "lotline-recall.h"
#include "lotline-recalls-page.h"
#include "lotline-session.h"
#include "lotline-test-genealogy.h"
#include "lotline-ui-test-util.h"

/* The recalls page over the test genealogy with one recall on F-1, in a
 * window of the test's own: the list shows the recall, its consignee table
 * the core's consignees; opening, tracking and the letters PDF go through
 * the page and are checked against the core; screenshots land in
 * <build>/tests/screenshots/. */

/* ---- waiting on the main loop -------------------------------------------- */

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
enough_frames (gpointer data)
{
  return *(guint *) data >= 16;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, on_tick_cb, &frames, NULL);

  lotline_test_wait_until (enough_frames, &frames, "frames to be drawn");
  gtk_widget_remove_tick_callback (widget, id);
  lotline_test_save_screenshot (widget, name);
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
}

/* ---- the page in a window ------------------------------------------------ */

typedef struct {
  LotlineTestGenealogy *g;
  gint64                recall_id;
  LotlineSession       *session;
  GtkWindow            *window;
  LotlineRecallsPage   *page;
} Harness;

static gboolean
session_is_open (gpointer data)
{
  return lotline_session_is_open (data);
}

static void
on_session_open_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lotline_session_open_finish (LOTLINE_SESSION (source_object), result, &error));
  g_assert_no_error (error);
}

static gboolean
page_idle (gpointer data)
{
  Harness *h = data;

  return !lotline_recalls_page_get_busy (h->page);
}

static gboolean
recall_shown (gpointer data)
{
  Harness *h = data;

  return page_idle (h) && lotline_recalls_page_get_recall_id (h->page) == h->recall_id;
}

static void
harness_set_up (Harness  *h,
                gboolean  with_recall,
                int       width,
                int       height)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  h->g = lotline_test_genealogy_new ();
  if (with_recall)
    {
      LotlineRecallSpec spec = {
        .number = "R-2026-007",
        .title = "Strawberry jam, possible glass fragments",
        .reason = "Glass fragments found in strawberries of lot F-1.",
        .hazard = "Cuts to the mouth and throat.",
        .discovered_how = "Supplier notice",
        .discovered_on = "2026-03-22",
        .classification = LOTLINE_RECALL_CLASS_I,
        .depth = LOTLINE_RECALL_DEPTH_RETAIL,
        .check_level = LOTLINE_RECALL_CHECK_A,
        .instructions = "Stop selling the product and return it to us.",
        .contact_name = "Quality office",
        .contact_phone = "+1 555 0100",
      };

      g_assert_true (lotline_store_create_recall (h->g->ts->store, &spec, &h->g->f1, 1, &h->recall_id, &error));
      g_assert_no_error (error);
    }

  h->session = lotline_session_new (h->g->ts->path, LOTLINE_STORE_NONE);
  lotline_session_open_async (h->session, NULL, on_session_open_cb, NULL);
  lotline_test_wait_until (session_is_open, h->session, "the session to open");

  h->window = GTK_WINDOW (gtk_window_new ());
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Recalls", "jam.lotline"));
  gtk_window_set_titlebar (h->window, header);
  gtk_window_set_default_size (h->window, width, height);
  h->page = LOTLINE_RECALLS_PAGE (lotline_recalls_page_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (h->page));
  gtk_window_set_child (h->window, overlay);
  lotline_recalls_page_set_session (h->page, h->session);
  gtk_window_present (h->window);
  if (with_recall)
    lotline_test_wait_until (recall_shown, h, "the recall to be shown");
  else
    lotline_test_wait_until (page_idle, h, "the recalls to be listed");
}

static void
harness_tear_down (Harness *h)
{
  gtk_window_destroy (h->window);
  g_clear_object (&h->session);
  g_clear_pointer (&h->g, lotline_test_genealogy_free);
}

/* ---- checks against the core ----------------------------------------------- */

static LotlineRecall *
core_recall (Harness *h)
{
  g_autoptr(GError) error = NULL;
  LotlineRecall *recall = lotline_store_get_recall (h->g->ts->store, h->recall_id, &error);

  g_assert_no_error (error);
  return recall;
}

static gboolean
recall_open (gpointer data)
{
  Harness *h = data;
  g_autoptr(LotlineRecall) recall = core_recall (h);

  return page_idle (h) && recall->status == LOTLINE_RECALL_OPEN;
}

static gboolean
tracking_saved (gpointer data)
{
  Harness *h = data;
  g_autoptr(GPtrArray) tracking = NULL;

  if (!page_idle (h))
    return FALSE;
  tracking = lotline_store_get_recall_tracking (h->g->ts->store, h->recall_id, NULL);
  for (guint i = 0; tracking != NULL && i < tracking->len; i++)
    if (((LotlineRecallTracking *) g_ptr_array_index (tracking, i))->responded_at != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
file_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { pdftotext, "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status = -1;

  g_assert_nonnull (pdftotext);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return text;
}

/* ---- the cases ------------------------------------------------------------- */

static void
test_empty (void)
{
  Harness h = { 0 };

  set_dark (FALSE);
  harness_set_up (&h, FALSE, 1280, 800);
  g_assert_null (gtk_list_box_get_row_at_index (lotline_recalls_page_get_list (h.page), 0));
  g_assert_cmpint (lotline_recalls_page_get_recall_id (h.page), ==, 0);
  save_screenshot (GTK_WIDGET (h.window), "recalls-empty-light.png");
  harness_tear_down (&h);
}

static void
test_recall (void)
{
  Harness h = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineRecallScope) scope = NULL;
  g_autoptr(GPtrArray) tracking = NULL;
  g_autoptr(GSettings) settings = g_settings_new (LOTLINE_APP_ID);
  g_autofree char *letters = NULL;
  g_autofree char *text = NULL;
  const LotlineRecallConsignee *first;
  const LotlineRecallTracking *tracked = NULL;
  GtkWindow *editor;
  GtkWidget *dialog;

  g_settings_set_string (settings, "company-name", "Berry Good Jams Ltd");
  g_settings_set_string (settings, "company-address", "1 Orchard Lane\nSpringfield 12345");
  g_settings_set_string (settings, "company-phone", "+1 555 0199");

  set_dark (FALSE);
  harness_set_up (&h, TRUE, 1280, 800);

  /* The list holds the recall, the table its consignees. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (lotline_recalls_page_get_list (h.page), 0));
  g_assert_null (gtk_list_box_get_row_at_index (lotline_recalls_page_get_list (h.page), 1));
  scope = lotline_store_get_recall_scope (h.g->ts->store, h.recall_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scope->consignees->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lotline_recalls_page_get_consignees (h.page)), ==,
                    scope->consignees->len);
  save_screenshot (GTK_WIDGET (h.window), "recalls-draft-light.png");

  /* A draft has nothing to track yet. */
  g_assert_null (lotline_recalls_page_edit_consignee (h.page, 0));

  /* Open it through the confirmation. */
  dialog = lotline_recalls_page_confirm_open (h.page);
  g_assert_nonnull (dialog);
  save_screenshot (dialog, "recalls-open-confirm-light.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "open");
  lotline_test_wait_until (recall_open, &h, "the recall to open");
  g_clear_pointer (&scope, lotline_recall_scope_free);
  scope = lotline_store_get_recall_scope (h.g->ts->store, h.recall_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < scope->lots->len; i++)
    g_assert_cmpint (((LotlineRecallLot *) g_ptr_array_index (scope->lots, i))->status, ==, LOTLINE_LOT_RECALLED);
  g_assert_cmpuint (g_list_model_get_n_items (lotline_recalls_page_get_consignees (h.page)), ==,
                    scope->consignees->len);

  /* Track the first consignee through the editor. */
  editor = lotline_recalls_page_edit_consignee (h.page, 0);
  g_assert_nonnull (editor);
  gtk_switch_set_active (g_object_get_data (G_OBJECT (editor), "notified-switch"), TRUE);
  gtk_switch_set_active (g_object_get_data (G_OBJECT (editor), "responded-switch"), TRUE);
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (editor), "on-hand-spin"), 5);
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (editor), "returned-spin"), 3);
  save_screenshot (GTK_WIDGET (editor), "recalls-tracking-editor-light.png");
  gtk_widget_activate (g_object_get_data (G_OBJECT (editor), "save-button"));
  lotline_test_wait_until (tracking_saved, &h, "the tracking to be saved");

  first = g_ptr_array_index (scope->consignees, 0);
  tracking = lotline_store_get_recall_tracking (h.g->ts->store, h.recall_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tracking->len; i++)
    if (((LotlineRecallTracking *) g_ptr_array_index (tracking, i))->party_id == first->party_id)
      tracked = g_ptr_array_index (tracking, i);
  g_assert_nonnull (tracked);
  g_assert_nonnull (tracked->notified_at);
  g_assert_cmpstr (tracked->notify_method, ==, "letter");
  g_assert_nonnull (tracked->responded_at);
  g_assert_cmpint (tracked->on_hand_reported, ==, 5000);
  g_assert_cmpint (tracked->quantity_returned, ==, 3000);
  g_assert_cmpint (tracked->quantity_destroyed, ==, 0);

  /* The letters, through the export path. */
  letters = g_build_filename (h.g->ts->dir, "letters.pdf", NULL);
  lotline_recalls_page_save_document (h.page, LOTLINE_RECALL_DOCUMENT_LETTERS, letters);
  lotline_test_wait_until (page_idle, &h, "the letters to be rendered");
  g_assert_true (file_written (letters));
  text = pdf_text (letters);
  for (guint i = 0; i < scope->consignees->len; i++)
    g_assert_nonnull (strstr (text, ((LotlineRecallConsignee *) g_ptr_array_index (scope->consignees, i))->name));
  g_assert_nonnull (strstr (text, "Berry Good Jams Ltd"));

  save_screenshot (GTK_WIDGET (h.window), "recalls-open-light.png");
  set_dark (TRUE);
  save_screenshot (GTK_WIDGET (h.window), "recalls-open-dark.png");
  gtk_window_set_default_size (h.window, 360, 800);
  save_screenshot (GTK_WIDGET (h.window), "recalls-narrow-dark.png");
  set_dark (FALSE);
  save_screenshot (GTK_WIDGET (h.window), "recalls-narrow-light.png");

  harness_tear_down (&h);
  g_settings_reset (settings, "company-name");
  g_settings_reset (settings, "company-address");
  g_settings_reset (settings, "company-phone");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  g_setenv ("LOTLINE_TODAY", LOTLINE_TEST_TODAY, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/lotline/ui/recalls-page/empty", test_empty);
  g_test_add_func ("/lotline/ui/recalls-page/recall", test_recall);
  return g_test_run ();
}
