/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Print Label window, opened from the lot page's "Print Label…" action:
 * options change the labels, Save as PDF writes what the preview shows, and
 * a lot that cannot carry GS1 barcodes says why.  Screenshots land in
 * <build>/tests/screenshots/. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lotline-document-preview.h"
#include "lotline-label-window.h"
#include "lotline-lot-page.h"
#include "lotline-print.h"
#include "lotline-session.h"
#include "lotline-settings.h"
#include "lotline-test-util.h"
#include "lotline-ui-test-util.h"

typedef struct {
  LotlineTestStore *ts;
  LotlineSession   *session;
  gint64            jam_lot;     /* its product has a GTIN */
  gint64            fruit_lot;   /* its product has none */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = lotline_settings_dup ();
  LotlineProductSpec spec = {
    .sku = "JAM-370", .name = "Strawberry jam 370 g", .gtin = "09506000134352",
    .kind = LOTLINE_PRODUCT_FINISHED, .unit = "jar", .shelf_life_days = 365,
  };
  gint64 jam;

  f->ts = lotline_test_store_new ();
  lotline_test_store_add_basics (f->ts);
  g_assert_true (lotline_store_add_product (f->ts->store, &spec, &jam, &error));
  g_assert_no_error (error);
  f->jam_lot = lotline_test_receive (f->ts, jam, "J-77", f->ts->wh1, 10 * LOTLINE_QTY_ONE, "2026-03-01", "2027-03-31");
  f->fruit_lot = lotline_test_receive (f->ts, f->ts->fruit, "F-9", f->ts->wh1, 10 * LOTLINE_QTY_ONE,
                                       "2026-03-01", "2026-06-30");
  g_assert_nonnull (settings);
  g_settings_set_string (settings, "company-name", "Sunny Preserves Inc.");

  f->session = lotline_session_new (f->ts->path, LOTLINE_STORE_NONE);
  lotline_test_open_session (f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_pointer (&f->ts, lotline_test_store_free);
}

/* ---- helpers ------------------------------------------------------------- */

static gboolean
is_button_for (GtkWidget     *widget,
               gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static GtkWidget *
row_titled (GtkWidget  *root,
            const char *title)
{
  return lotline_test_find_widget (root, lotline_test_is_row_titled, title);
}

/* The button that activates @action. */
static GtkWidget *
button_for (GtkWidget  *root,
            const char *action)
{
  GtkWidget *button = lotline_test_find_widget (root, is_button_for, action);

  g_assert_nonnull (button);
  return button;
}

/* The check button at the start of the barcode row titled @title. */
static GtkCheckButton *
row_check (GtkWidget  *window,
           const char *title)
{
  GtkWidget *row = row_titled (window, title);

  g_assert_nonnull (row);
  return GTK_CHECK_BUTTON (lotline_test_find_widget_of_type (row, GTK_TYPE_CHECK_BUTTON));
}

static LotlineLabelWindow *
find_label_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (LOTLINE_IS_LABEL_WINDOW (window))
        return LOTLINE_LABEL_WINDOW (window);
    }
  return NULL;
}

static gboolean
has_document (gpointer data)
{
  return lotline_label_window_get_document (data) != NULL;
}

static gboolean
has_problem (gpointer data)
{
  return lotline_label_window_get_problem (data) != NULL;
}

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* Opens the lot page of @lot in a window and chooses "Print Label…". */
static LotlineLabelWindow *
open_from_lot_page (Fixture    *f,
                    gint64      lot,
                    GtkWindow **out_parent)
{
  GtkWidget *page = lotline_lot_page_new (f->session, lot);
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  LotlineLabelWindow *window;

  gtk_window_set_default_size (parent, 1000, 700);
  gtk_window_set_child (parent, page);
  gtk_window_present (parent);
  g_assert_true (gtk_widget_activate_action (page, "lot.print-label", NULL));
  window = find_label_window ();
  g_assert_nonnull (window);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) == parent);
  *out_parent = parent;
  return window;
}

/* ---- tests --------------------------------------------------------------- */

/* The labels are drawn on a worker after each change of the options. */
static gboolean
label_idle (gpointer data)
{
  return !lotline_label_window_get_busy (data);
}

static void
wait_drawn (LotlineLabelWindow *window)
{
  lotline_test_wait_until (label_idle, window, "the labels to be drawn");
}

static void
test_save_pdf (Fixture       *f,
               gconstpointer  data)
{
  GtkWindow *parent;
  LotlineLabelWindow *window = open_from_lot_page (f, f->jam_lot, &parent);
  LotlineRenderDocument *doc;
  GtkWidget *preview = lotline_test_find_widget_of_type (GTK_WIDGET (window), LOTLINE_TYPE_DOCUMENT_PREVIEW);
  g_autofree char *path = g_build_filename (f->ts->dir, "labels.pdf", NULL);
  g_autofree char *printed = g_build_filename (f->ts->dir, "printed.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *qr_row;

  /* Read on a worker: nothing to print until the lot is there. */
  g_assert_null (lotline_label_window_get_document (window));
  g_assert_false (gtk_widget_is_sensitive (button_for (GTK_WIDGET (window), "label.save-pdf")));
  lotline_test_wait_until (has_document, window, "the label to be drawn");
  g_assert_true (gtk_widget_is_sensitive (button_for (GTK_WIDGET (window), "label.save-pdf")));
  g_assert_true (gtk_widget_is_sensitive (button_for (GTK_WIDGET (window), "label.print")));
  doc = lotline_label_window_get_document (window);
  g_assert_true (lotline_document_preview_get_document (LOTLINE_DOCUMENT_PREVIEW (preview)) == doc);
  g_assert_cmpuint (lotline_render_document_get_n_pages (doc), ==, 1);
  g_assert_cmpfloat_with_epsilon (lotline_render_document_get_width (doc), 283.465, 0.01);
  qr_row = row_titled (GTK_WIDGET (window), "_QR code (GS1 Digital Link)");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (qr_row)), ==,
                   "https://id.gs1.org/01/09506000134352/10/J-77?17=270331");
  lotline_test_wait_until (is_drawn, preview, "the preview to be shown");
  lotline_test_save_drawn_screenshot (GTK_WIDGET (window), "label-window.png");

  /* Twelve on A4 sheets of ten: two pages. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_titled (GTK_WIDGET (window), "_Size")), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (lotline_test_find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_SPIN_BUTTON)), 12);
  /* Drawn on a worker: the window does not wait for it. */
  g_assert_true (lotline_label_window_get_busy (window));
  wait_drawn (window);
  doc = lotline_label_window_get_document (window);
  g_assert_cmpuint (lotline_render_document_get_n_pages (doc), ==, 2);
  g_assert_cmpfloat_with_epsilon (lotline_render_document_get_width (doc), 595.276, 0.01);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (window), "label-window-a4.png");

  /* Without GS1-128 there is no bracketed HRI. */
  gtk_check_button_set_active (row_check (GTK_WIDGET (window), "GS1-_128"), FALSE);
  wait_drawn (window);
  g_assert_true (lotline_label_window_save_pdf (window, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  text = lotline_test_pdf_text (path);
  g_assert_cmpuint (strlen (text), >, 0);
  g_assert_nonnull (strstr (text, "Lot: J-77"));
  g_assert_nonnull (strstr (text, "Sunny Preserves Inc."));
  g_assert_null (strstr (text, "(01)"));

  /* Print goes through GtkPrintOperation with the same pages. */
  g_clear_pointer (&text, g_free);
  g_assert_true (lotline_print_document_export (lotline_label_window_get_document (window), printed, &error));
  g_assert_no_error (error);
  text = lotline_test_pdf_text (printed);
  g_assert_cmpuint (lotline_test_count_occurrences (text, "Lot: J-77"), ==, 12);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (parent);
}

static void
test_no_symbol (Fixture       *f,
                gconstpointer  data)
{
  GtkWindow *parent;
  LotlineLabelWindow *window = open_from_lot_page (f, f->jam_lot, &parent);
  GtkWidget *w = GTK_WIDGET (window);
  int min_width;

  lotline_test_wait_until (has_document, window, "the label to be drawn");
  gtk_check_button_set_active (row_check (w, "GS1-_128"), FALSE);
  wait_drawn (window);
  gtk_check_button_set_active (row_check (w, "GS1 _DataMatrix"), FALSE);
  wait_drawn (window);
  g_assert_nonnull (lotline_label_window_get_document (window));
  gtk_check_button_set_active (row_check (w, "_QR code (GS1 Digital Link)"), FALSE);
  wait_drawn (window);

  /* Nothing to print: said so, and Print and Save are off. */
  g_assert_null (lotline_label_window_get_document (window));
  g_assert_nonnull (strstr (lotline_label_window_get_problem (window), "Choose at least one barcode"));
  g_assert_false (gtk_widget_is_sensitive (button_for (w, "label.print")));
  g_assert_false (gtk_widget_is_sensitive (button_for (w, "label.save-pdf")));
  g_assert_false (lotline_label_window_save_pdf (window, "/nonexistent/x.pdf", NULL));

  gtk_check_button_set_active (row_check (w, "_QR code (GS1 Digital Link)"), TRUE);
  wait_drawn (window);
  g_assert_nonnull (lotline_label_window_get_document (window));
  g_assert_null (lotline_label_window_get_problem (window));

  /* A phone-sized window still fits. */
  gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);
  gtk_widget_set_visible (w, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  gtk_window_present (GTK_WINDOW (window));
  lotline_test_save_drawn_screenshot (w, "label-window-narrow.png");

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (parent);
}

static void
test_no_gtin (Fixture       *f,
              gconstpointer  data)
{
  GtkWindow *parent;
  LotlineLabelWindow *window = open_from_lot_page (f, f->fruit_lot, &parent);
  AdwStatusPage *status;

  lotline_test_wait_until (has_problem, window, "the window to say why");
  g_assert_null (lotline_label_window_get_document (window));
  g_assert_nonnull (strstr (lotline_label_window_get_problem (window), "has no GTIN"));
  status = ADW_STATUS_PAGE (lotline_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  lotline_test_wait_until (is_drawn, status, "the explanation to be shown");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "Enter the product’s GTIN"));
  lotline_test_save_drawn_screenshot (GTK_WIDGET (window), "label-window-no-gtin.png");

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (parent);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/lotline/ui/label-window/save-pdf", Fixture, NULL, fixture_set_up, test_save_pdf, fixture_tear_down);
  g_test_add ("/lotline/ui/label-window/no-symbol", Fixture, NULL, fixture_set_up, test_no_symbol, fixture_tear_down);
  g_test_add ("/lotline/ui/label-window/no-gtin", Fixture, NULL, fixture_set_up, test_no_gtin, fixture_tear_down);
  return g_test_run ();
}
