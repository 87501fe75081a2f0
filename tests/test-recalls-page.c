/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "lotline-recall.h"
#include "lotline-document-preview.h"
#include "lotline-print.h"
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
  lotline_test_open_session (h->session);

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

/* ---- the cases ------------------------------------------------------------- */

static void
test_empty (void)
{
  Harness h = { 0 };

  set_dark (FALSE);
  harness_set_up (&h, FALSE, 1280, 800);
  g_assert_null (gtk_list_box_get_row_at_index (lotline_recalls_page_get_list (h.page), 0));
  g_assert_cmpint (lotline_recalls_page_get_recall_id (h.page), ==, 0);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (h.window), "recalls-empty-light.png");
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
  lotline_test_save_drawn_screenshot (GTK_WIDGET (h.window), "recalls-draft-light.png");

  /* A draft has nothing to track yet. */
  g_assert_null (lotline_recalls_page_edit_consignee (h.page, 0));

  /* Open it through the confirmation. */
  dialog = lotline_recalls_page_confirm_open (h.page);
  g_assert_nonnull (dialog);
  lotline_test_save_drawn_screenshot (dialog, "recalls-open-confirm-light.png");
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
  lotline_test_save_drawn_screenshot (GTK_WIDGET (editor), "recalls-tracking-editor-light.png");
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
  text = lotline_test_pdf_text (letters);
  for (guint i = 0; i < scope->consignees->len; i++)
    g_assert_nonnull (strstr (text, ((LotlineRecallConsignee *) g_ptr_array_index (scope->consignees, i))->name));
  g_assert_nonnull (strstr (text, "Berry Good Jams Ltd"));

  lotline_test_save_drawn_screenshot (GTK_WIDGET (h.window), "recalls-open-light.png");
  set_dark (TRUE);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (h.window), "recalls-open-dark.png");
  gtk_window_set_default_size (h.window, 360, 800);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (h.window), "recalls-narrow-dark.png");
  set_dark (FALSE);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (h.window), "recalls-narrow-light.png");

  harness_tear_down (&h);
  g_settings_reset (settings, "company-name");
  g_settings_reset (settings, "company-address");
  g_settings_reset (settings, "company-phone");
}

/* ---- documents: build, print, preview ------------------------------------ */

typedef struct {
  Harness               *h;
  LotlineRenderDocument *document;
  gboolean               done;
} Built;

static void
on_built_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Built *built = user_data;
  g_autoptr(GError) error = NULL;

  built->document = lotline_recalls_page_build_document_finish (LOTLINE_RECALLS_PAGE (source_object), result, &error);
  g_assert_no_error (error);
  built->done = TRUE;
}

static gboolean
is_built (gpointer data)
{
  return ((Built *) data)->done;
}

static LotlineRenderDocument *
build_document (Harness *h, LotlineRecallDocument which)
{
  Built built = { h, NULL, FALSE };

  lotline_recalls_page_build_document_async (h->page, which, NULL, on_built_cb, &built);
  lotline_test_wait_until (is_built, &built, "the document to be built");
  g_assert_nonnull (built.document);
  return built.document;
}

/* Printing (exported without a dialog) gives the same pages, with the same
 * text, as the document saved as PDF. */
static char *
check_printed_like_saved (Harness *h, LotlineRenderDocument *document, const char *name)
{
  g_autofree char *printed = g_strdup_printf ("%s/%s-printed.pdf", h->g->ts->dir, name);
  g_autofree char *saved = g_strdup_printf ("%s/%s-saved.pdf", h->g->ts->dir, name);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_text = NULL;
  char *printed_text;
  guint pages = 0;

  g_assert_true (lotline_print_document_export (document, printed, &error));
  g_assert_no_error (error);
  g_assert_true (lotline_render_document_write_pdf (document, saved, &error));
  g_assert_no_error (error);
  printed_text = lotline_test_pdf_text (printed);
  saved_text = lotline_test_pdf_text (saved);
  g_assert_cmpstr (printed_text, ==, saved_text);
  for (const char *p = printed_text; *p; p++)
    pages += *p == '\f';
  g_assert_cmpuint (pages, ==, lotline_render_document_get_n_pages (document));
  return printed_text;
}

/* Red pixels (the "URGENT: FOOD RECALL" marking) in the band of the sheet
 * from @top to @bottom points, in a screenshot of the preview: the sheet is
 * found as the white area around the centre. */
typedef struct {
  guchar *pixels;
  int     width, height;
  gsize   stride;
} Shot;

static const guchar *
shot_pixel (const Shot *shot, int x, int y)
{
  return shot->pixels + (gsize) y * shot->stride + 4 * (gsize) x;
}

static gboolean
is_white (const guchar *px)
{
  return px[0] >= 250 && px[1] >= 250 && px[2] >= 250;
}

static guint
count_red_in_band (GtkWidget *preview, const char *name, double page_height, double top, double bottom)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Shot shot;
  int sheet_top = -1, sheet_bottom = -1, sheet_left = -1, sheet_right = -1;
  guint red = 0;

  lotline_test_save_drawn_screenshot (preview, name);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  shot.width = gdk_texture_get_width (texture);
  shot.height = gdk_texture_get_height (texture);
  shot.stride = 4 * (gsize) shot.width;
  shot.pixels = g_malloc (shot.stride * shot.height);
  gdk_texture_download (texture, shot.pixels, shot.stride);   /* B, G, R, A */

  for (int y = 0; y < shot.height; y++)
    if (is_white (shot_pixel (&shot, shot.width / 2, y)))
      {
        sheet_top = sheet_top < 0 ? y : sheet_top;
        sheet_bottom = y;
      }
  for (int x = 0; x < shot.width; x++)
    if (is_white (shot_pixel (&shot, x, sheet_top + 2)))
      {
        sheet_left = sheet_left < 0 ? x : sheet_left;
        sheet_right = x;
      }
  g_assert_cmpint (sheet_top, >=, 0);
  g_assert_cmpint (sheet_bottom - sheet_top, >, 300);
  g_assert_cmpint (sheet_right - sheet_left, >, 200);

  for (int y = sheet_top + (int) (top / page_height * (sheet_bottom - sheet_top));
       y <= sheet_top + (int) (bottom / page_height * (sheet_bottom - sheet_top)); y++)
    for (int x = sheet_left; x <= sheet_right; x++)
      {
        const guchar *px = shot_pixel (&shot, x, y);

        red += px[2] > 150 && px[1] < 90 && px[0] < 90;
      }
  g_free (shot.pixels);
  return red;
}

static gboolean
preview_filled (gpointer data)
{
  Harness *h = data;
  GtkWindow *window = g_object_get_data (G_OBJECT (h->window), "test-preview-window");
  LotlineDocumentPreview *preview = g_object_get_data (G_OBJECT (window), "preview");

  return page_idle (h) && lotline_document_preview_get_document (preview) != NULL;
}

/* The letters preview: a consignee chosen shows the first page of their
 * letter; the letter page carries the red marking under the address
 * window, the response form at its top. */
static void
check_letters_preview (Harness *h, const LotlineRecallScope *scope)
{
  GtkWindow *window = lotline_recalls_page_preview_document (h->page, LOTLINE_RECALL_DOCUMENT_LETTERS);
  LotlineDocumentPreview *preview;
  GtkDropDown *chooser;
  LotlineRenderDocument *document;
  double height;
  guint last;

  g_assert_nonnull (window);
  gtk_window_set_default_size (window, 640, 820);
  g_object_set_data (G_OBJECT (h->window), "test-preview-window", window);
  lotline_test_wait_until (preview_filled, h, "the preview to be drawn");
  preview = g_object_get_data (G_OBJECT (window), "preview");
  chooser = g_object_get_data (G_OBJECT (window), "consignee-chooser");
  document = lotline_document_preview_get_document (preview);
  height = lotline_render_document_get_height (document);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (chooser)), ==, scope->consignees->len);
  g_assert_cmpuint (lotline_document_preview_get_page (preview), ==, 0);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (window), "recalls-preview-letters-light.png");

  /* Page 1 of a letter: the marking below the address, none at the top. */
  g_assert_cmpuint (count_red_in_band (GTK_WIDGET (preview), "preview-page-1.png", height, 255, 310), >, 200);
  g_assert_cmpuint (count_red_in_band (GTK_WIDGET (preview), "preview-page-1.png", height, 40, 62), ==, 0);

  /* The second consignee's letter, then its response form. */
  gtk_drop_down_set_selected (chooser, 1);
  g_assert_cmpuint (lotline_document_preview_get_page (preview), ==,
                    lotline_render_document_get_part_page (document, 1));
  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next-page", NULL);
  g_assert_cmpuint (lotline_document_preview_get_page (preview), ==,
                    lotline_render_document_get_part_page (document, 1) + 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (chooser), ==, 1);
  g_assert_cmpuint (count_red_in_band (GTK_WIDGET (preview), "preview-page-4.png", height, 40, 62), >, 100);
  g_assert_cmpuint (count_red_in_band (GTK_WIDGET (preview), "preview-page-4.png", height, 255, 310), ==, 0);

  /* Turning to the last page follows with the chooser; past it stays. */
  last = lotline_render_document_get_n_pages (document) - 1;
  lotline_document_preview_set_page (preview, last + 5);
  g_assert_cmpuint (lotline_document_preview_get_page (preview), ==, last);
  g_assert_cmpuint (gtk_drop_down_get_selected (chooser), ==, scope->consignees->len - 1);
  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next-page", NULL);
  g_assert_cmpuint (lotline_document_preview_get_page (preview), ==, last);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (window), "recalls-preview-form-light.png");
  set_dark (TRUE);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (window), "recalls-preview-form-dark.png");
  set_dark (FALSE);
  gtk_window_destroy (window);
}

/* The report's preview on the graph page, the last page before the
 * specimen letter; no consignee chooser. */
static void
check_report_preview (Harness *h)
{
  GtkWindow *window = lotline_recalls_page_preview_document (h->page, LOTLINE_RECALL_DOCUMENT_REPORT);
  LotlineDocumentPreview *preview;
  LotlineRenderDocument *document;

  g_object_set_data (G_OBJECT (h->window), "test-preview-window", window);
  lotline_test_wait_until (preview_filled, h, "the report preview to be drawn");
  preview = g_object_get_data (G_OBJECT (window), "preview");
  document = lotline_document_preview_get_document (preview);
  g_assert_false (gtk_widget_get_visible (g_object_get_data (G_OBJECT (window), "consignee-chooser")));
  lotline_document_preview_set_page (preview, lotline_render_document_get_part_page (document, 1) - 1);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (window), "recalls-preview-report-graph-light.png");
  gtk_window_destroy (window);
}

static GtkWidget *
find_menu_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_MENU_BUTTON (child) ? child : find_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Documents menu offers preview, print and save of each document. */
static void
check_documents_menu (Harness *h)
{
  GtkWidget *button = find_menu_button (GTK_WIDGET (h->page));
  GtkPopover *popover;

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "_Documents");
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  lotline_test_save_drawn_screenshot (GTK_WIDGET (popover), "recalls-documents-menu-light.png");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}


static GtkWindow *
find_print_dialog (void)
{
  GType type = g_type_from_name ("GtkPrintUnixDialog");

  return type != 0 ? lotline_test_find_toplevel (type) : NULL;
}

static gboolean
print_dialog_shown (gpointer data)
{
  return find_print_dialog () != NULL;
}

static void
cancel_print_dialog (void)
{
  GtkWindow *dialog;

  lotline_test_wait_until (print_dialog_shown, NULL, "the print dialog");
  dialog = find_print_dialog ();
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

typedef struct {
  gboolean done;
  GError  *error;
} Printed;

static void
on_printed_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Printed *printed = user_data;

  g_assert_false (lotline_print_document_finish (result, &printed->error));
  printed->done = TRUE;
}

static gboolean
is_printed (gpointer data)
{
  return ((Printed *) data)->done;
}

/* Print: the letters are built on a worker, then the print dialog comes
 * up over the window; cancelling the dialog of lotline_print_document()
 * finishes it with G_IO_ERROR_CANCELLED. */
static void
check_print_dialog (Harness *h, LotlineRenderDocument *document)
{
  Printed printed = { FALSE, NULL };

  lotline_recalls_page_print_document (h->page, LOTLINE_RECALL_DOCUMENT_LETTERS);
  lotline_test_wait_until (print_dialog_shown, NULL, "the print dialog");
  g_assert_true (gtk_window_get_transient_for (find_print_dialog ()) == h->window);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (find_print_dialog ()), "recalls-print-dialog-light.png");
  cancel_print_dialog ();
  lotline_test_wait_until (page_idle, h, "the print job to end");

  lotline_print_document (h->window, document, "Letters", on_printed_cb, &printed);
  cancel_print_dialog ();
  lotline_test_wait_until (is_printed, &printed, "the print job to be cancelled");
  g_assert_error (printed.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&printed.error);
  g_assert_null (find_print_dialog ());
}


/* Binary data may hold NUL bytes, which end g_strstr_len(). */
static gboolean
holds_bytes (const char *data, gsize length, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* The FSMA 204 workbook of the recall: ".xlsx" is added to a name
 * without it, and the file is a workbook (a zip holding xl/workbook.xml). */
static void
check_fsma204_export (Harness *h)
{
  g_autofree char *chosen = g_build_filename (h->g->ts->dir, "fsma204", NULL);
  g_autofree char *written = g_strconcat (chosen, ".xlsx", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  lotline_recalls_page_export_fsma204 (h->page, chosen);
  lotline_test_wait_until (page_idle, h, "the FSMA 204 spreadsheet to be written");
  g_assert_false (g_file_test (chosen, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (written, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpint (memcmp (contents, "PK\003\004", 4), ==, 0);
  g_assert_true (holds_bytes (contents, length, "xl/workbook.xml"));
}

static void
test_documents (void)
{
  Harness h = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineRecallScope) scope = NULL;
  g_autoptr(GSettings) settings = g_settings_new (LOTLINE_APP_ID);
  g_autoptr(LotlineRenderDocument) letters = NULL;
  g_autoptr(LotlineRenderDocument) report = NULL;
  g_autoptr(LotlineRenderDocument) status = NULL;
  g_autofree char *letters_text = NULL;
  g_autofree char *report_text = NULL;
  g_autofree char *status_text = NULL;

  g_settings_set_string (settings, "company-name", "Berry Good Jams Ltd");
  g_settings_set_string (settings, "company-address", "1 Orchard Lane\nSpringfield 12345");
  set_dark (FALSE);
  harness_set_up (&h, TRUE, 1280, 800);
  scope = lotline_store_get_recall_scope (h.g->ts->store, h.recall_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scope->consignees->len, >=, 2);

  /* The letters: one part per consignee, printed as saved. */
  letters = build_document (&h, LOTLINE_RECALL_DOCUMENT_LETTERS);
  g_assert_cmpuint (lotline_render_document_get_n_parts (letters), ==, scope->consignees->len);
  letters_text = check_printed_like_saved (&h, letters, "letters");
  for (guint i = 0; i < scope->consignees->len; i++)
    g_assert_nonnull (strstr (letters_text, ((LotlineRecallConsignee *) g_ptr_array_index (scope->consignees, i))->name));
  g_assert_nonnull (strstr (letters_text, "Berry Good Jams Ltd"));

  /* The FDA report with its genealogy graph, printed as saved. */
  report = build_document (&h, LOTLINE_RECALL_DOCUMENT_REPORT);
  g_assert_cmpuint (lotline_render_document_get_n_parts (report), ==, 2);
  report_text = check_printed_like_saved (&h, report, "report");
  g_assert_nonnull (strstr (report_text, "9. Genealogy of the recalled lots"));
  g_assert_nonnull (strstr (report_text, "Upstream origin"));

  /* The status report, once the recall is open: its tracking rows. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (lotline_recalls_page_confirm_open (h.page)), "open");
  lotline_test_wait_until (recall_open, &h, "the recall to open");
  status = build_document (&h, LOTLINE_RECALL_DOCUMENT_STATUS_REPORT);
  status_text = check_printed_like_saved (&h, status, "status");
  g_assert_nonnull (strstr (status_text, "21 CFR 7.53"));
  for (guint i = 0; i < scope->consignees->len; i++)
    g_assert_nonnull (strstr (status_text, ((LotlineRecallConsignee *) g_ptr_array_index (scope->consignees, i))->name));

  check_letters_preview (&h, scope);
  check_report_preview (&h);
  check_documents_menu (&h);
  check_print_dialog (&h, letters);
  check_fsma204_export (&h);

  harness_tear_down (&h);
  g_settings_reset (settings, "company-name");
  g_settings_reset (settings, "company-address");
}

int
main (int   argc,
      char *argv[])
{
  lotline_test_ui_init (&argc, &argv, LOTLINE_TEST_TODAY);

  g_test_add_func ("/lotline/ui/recalls-page/empty", test_empty);
  g_test_add_func ("/lotline/ui/recalls-page/recall", test_recall);
  g_test_add_func ("/lotline/ui/recalls-page/documents", test_documents);
  return g_test_run ();
}
