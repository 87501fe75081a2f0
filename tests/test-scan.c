/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lotline-application.h"
#include "lotline-gs1.h"
#include "lotline-lot-chooser.h"
#include "lotline-lot-format-store.h"
#include "lotline-lot-page.h"
#include "lotline-lots-page.h"
#include "lotline-operation-dialog.h"
#include "lotline-preferences-window.h"
#include "lotline-scan.h"
#include "lotline-test-util.h"
#include "lotline-ui-test-util.h"
#include "lotline-window.h"

/* Scan to find, driven as a keyboard-wedge scanner drives the app: the
 * scan's text goes into the lots page's search field and Enter activates
 * it.  The scanner strings are real cases of the GS1 syntax engine's and
 * biip's test sets (../shared/corpus/gs1/), with the GS separator sent as
 * each configured character in turn.  Each case runs the real application
 * on a small database of its own and checks the widgets against the core;
 * screenshots land in <build>/tests/screenshots/. */

#define TODAY "2026-11-21"

/* GTINs of the corpus strings: syntax-engine scan-data-parse.tsv, biip's
 * GS1 messages and Digital Link URIs. */
#define GTIN_ENGINE "12312312312333"
#define GTIN_BIIP   "07032069804988"
#define GTIN_DL     "00614141123452"
/* GS1's example GTIN, for a product counted in kilograms. */
#define GTIN_KG     "09501101530003"

typedef struct {
  LotlineTestStore *ts;
  gint64 jam, fish, dl_product, kg;  /* products with GTINs */
  gint64 abc, abc_dl, old, biip_lot; /* lots */
} Data;

static Data data;

typedef void (*Script) (LotlineWindow *window);

/* ---- reading scans, without a window -------------------------------------------- */

/* The syntax engine's scanner cases that hold a GS: each reads the same
 * with the GS sent as itself, as "~" and as "<GS>". */
static void
test_parse_corpus (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("LOTLINE_SHARED_DIR"), "corpus", "gs1", "syntax-engine",
                                            "scan-data-parse.tsv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint cases = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_autoptr(GString) escaped = NULL;
      g_autofree char *input = NULL;
      g_autoptr(LotlineScan) reference = NULL;

      if (g_strv_length (fields) < 2 || !g_str_equal (fields[0], "true") || strstr (fields[1], "\\x1D") == NULL)
        continue;
      /* The TSV writes GS as \x1D; g_strcompress() reads octal. */
      escaped = g_string_new (fields[1]);
      g_string_replace (escaped, "\\x1D", "\\035", 0);
      input = g_strcompress (escaped->str);
      reference = lotline_scan_parse (input, "\x1d", NULL);
      g_assert_nonnull (reference);

      for (guint k = 0; k < 2; k++)
        {
          const char *gs = k == 0 ? "~" : "<GS>";
          g_autoptr(GString) typed = g_string_new (input);
          g_autoptr(LotlineScan) scan = NULL;
          g_autoptr(GError) error = NULL;

          g_string_replace (typed, "\x1d", gs, 0);
          scan = lotline_scan_parse (typed->str, gs, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (scan->bracketed, ==, reference->bracketed);
          g_assert_cmpstr (scan->gtin, ==, reference->gtin);
          g_assert_cmpstr (scan->lot_code, ==, reference->lot_code);
        }
      cases++;
    }
  g_test_message ("scan-data-parse.tsv: %u cases with GS read alike with GS, ~ and <GS>", cases);
  g_assert_cmpuint (cases, ==, 11);
}

static void
test_parse_fields (void)
{
  g_autoptr(LotlineScan) weight = lotline_scan_parse ("]C1" "0112312312312333" "3103001250" "17270200" "10AB-1", "\x1d", NULL);
  g_autoptr(LotlineScan) count = lotline_scan_parse ("]d2" "0112312312312333" "10AB-1~" "3024", "~", NULL);
  g_autoptr(LotlineScan) lot_only = lotline_scan_parse ("(10)AB-1", "~", NULL);
  g_autoptr(LotlineScan) words = NULL;
  g_autoptr(GError) error = NULL;

  /* (3103): a net weight in kg, for lots counted in kg only. */
  g_assert_cmpstr (weight->quantity, ==, "1.250");
  g_assert_cmpstr (lotline_scan_get_quantity_for (weight, "kg"), ==, "1.250");
  g_assert_null (lotline_scan_get_quantity_for (weight, "jar"));
  g_assert_cmpstr (weight->expires_on, ==, "2027-02-28");
  g_assert_cmpstr (weight->bracketed, ==, "(01)12312312312333(3103)001250(17)270200(10)AB-1");
  /* (30): a count, not for lots counted in kg. */
  g_assert_cmpstr (lotline_scan_get_quantity_for (count, "jar"), ==, "24");
  g_assert_null (lotline_scan_get_quantity_for (count, "kg"));
  g_assert_cmpstr (count->lot_code, ==, "AB-1");
  /* An in-house label: a lot number alone. */
  g_assert_null (lot_only->gtin);
  g_assert_cmpstr (lot_only->lot_code, ==, "AB-1");

  /* Words and lot codes typed by hand are no scan, and no error. */
  words = lotline_scan_parse ("strawberry jam", "~", &error);
  g_assert_null (words);
  g_assert_no_error (error);
  g_assert_null (lotline_scan_parse ("0123", "~", &error));
  g_assert_no_error (error);
  /* An expiry date alone names no lot. */
  g_assert_null (lotline_scan_parse ("(17)270331", "~", &error));
  g_assert_error (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_ASSOCIATION);
}

/* ---- the database ------------------------------------------------------------ */

static gint64
add_gtin_product (const char *sku,
                  const char *name,
                  const char *gtin,
                  const char *unit)
{
  LotlineProductSpec spec = {
    .sku = sku, .name = name, .gtin = gtin, .kind = LOTLINE_PRODUCT_FINISHED, .unit = unit,
    .shelf_life_days = 365, .tracking = LOTLINE_TRACKING_LOT,
  };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (lotline_store_add_product (data.ts->store, &spec, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* Receives @code of @product into WH1; codes may repeat across products. */
static gint64
receive (gint64      product,
         const char *code,
         gint64      quantity,
         const char *date,
         const char *expires_on)
{
  LotlineLotSpec lot = { .product_id = product, .code = code, .expires_on = expires_on };
  LotlineLineSpec line = { .role = LOTLINE_LINE_OUTPUT, .new_lot = &lot, .location_id = data.ts->wh1, .quantity = quantity };
  LotlineEventSpec event = {
    .kind = LOTLINE_EVENT_RECEIVE, .occurred_at = lotline_test_date (date),
    .party_id = data.ts->supplier, .lines = &line, .n_lines = 1,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_assert_true (lotline_store_record_event (data.ts->store, &event, NULL, &error));
  g_assert_no_error (error);
  ids = lotline_store_find_lots (data.ts->store, code, NULL, &error);
  g_assert_no_error (error);
  return g_array_index (ids, gint64, ids->len - 1);
}

static void
create_database (void)
{
  data.ts = lotline_test_store_new ();
  lotline_test_store_add_basics (data.ts);
  data.jam = add_gtin_product ("FIN-GS1", "Strawberry jam 340 g (GS1)", GTIN_ENGINE, "jar");
  data.fish = add_gtin_product ("FIN-FISH", "Smoked salmon 200 g", GTIN_BIIP, "jar");
  data.dl_product = add_gtin_product ("FIN-DL", "Apricot jam 450 g", GTIN_DL, "jar");
  data.kg = add_gtin_product ("RAW-GS1", "Cherries, pitted", GTIN_KG, "kg");

  data.abc = receive (data.jam, "ABC123", 100 * LOTLINE_QTY_ONE, "2026-11-01", "2027-06-30");
  data.abc_dl = receive (data.dl_product, "ABC123", 50 * LOTLINE_QTY_ONE, "2026-11-02", "2027-03-30");
  data.old = receive (data.jam, "OLD-7", 40 * LOTLINE_QTY_ONE, "2026-01-10", "2026-10-31");
  data.biip_lot = receive (data.fish, "0329", 20 * LOTLINE_QTY_ONE, "2026-11-03", "2027-01-31");
}

/* ---- waiting and finding ---------------------------------------------------------- */

static GtkWidget *
get (GtkWidget                  *root,
     LotlineTestWidgetPredicate  match,
     gconstpointer               key)
{
  GtkWidget *widget = lotline_test_find_widget (root, match, key);

  g_assert_nonnull (widget);
  return widget;
}

#define get_of_type(root, type) get (GTK_WIDGET (root), lotline_test_is_type, GSIZE_TO_POINTER (type))

static LotlineLotsPage *
get_lots_page (LotlineWindow *window)
{
  return LOTLINE_LOTS_PAGE (get_of_type (window, LOTLINE_TYPE_LOTS_PAGE));
}

static GtkStack *
get_window_stack (LotlineWindow *window)
{
  GtkWidget *overlay = get_of_type (window, ADW_TYPE_TOAST_OVERLAY);

  return GTK_STACK (adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay)));
}

typedef struct {
  LotlineWindow *window;
  const char    *page;
} PageWait;

static gboolean
page_shown (gpointer user_data)
{
  PageWait *w = user_data;
  GtkStack *stack = get_window_stack (w->window);

  return gtk_widget_get_mapped (GTK_WIDGET (w->window)) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), w->page) == 0 &&
         !gtk_stack_get_transition_running (stack);
}

static gboolean
lots_loaded (gpointer user_data)
{
  LotlineLotList *list = lotline_lots_page_get_lot_list (user_data);

  return list != NULL && lotline_lot_list_get_query (list) != NULL && !lotline_lot_list_get_loading (list);
}

static void
wait_for_page (LotlineWindow *window,
               const char    *page)
{
  PageWait w = { window, page };

  lotline_test_wait_until (page_shown, &w, page);
  if (g_str_equal (page, "main"))
    lotline_test_wait_until (lots_loaded, get_lots_page (window), "the lot list");
}

static gboolean
lot_page_loaded (gpointer user_data)
{
  LotlineLotPage *page = LOTLINE_LOT_PAGE (lotline_test_find_widget (user_data, lotline_test_is_type, GSIZE_TO_POINTER (LOTLINE_TYPE_LOT_PAGE)));

  return page != NULL && !lotline_lot_page_get_loading (page);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  /* Transitions and the revealer's slide end first. */
  lotline_test_wait_ms (400);
  lotline_test_save_screenshot (widget, name);
}

/* Scrolls the scrolled window around @widget to the end, where the scan
 * rows are. */
static void
scroll_to_end (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  /* Laid out first, so the adjustment knows how far the end is. */
  lotline_test_wait_ms (300);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
}

static void
set_gs (const char *gs)
{
  g_autoptr(GSettings) settings = g_settings_new (LOTLINE_APP_ID);

  g_settings_set_string (settings, "scanner-gs-character", gs);
}

/* What a keyboard-wedge scanner does: types the data, then Enter. */
static void
scan (LotlineWindow *window,
      const char    *text)
{
  GtkWidget *entry = get_of_type (get_lots_page (window), GTK_TYPE_SEARCH_ENTRY);

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-page", g_variant_new_string ("lots"));
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static GtkEventController *
get_gs_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "lotline-scan-gs") == 0)
        return controller;
    }
  g_error ("%s has no key controller for GS", G_OBJECT_TYPE_NAME (widget));
}

/* A scanner sending GS as the control character: @before, Ctrl+], @after. */
static void
type_with_control_gs (GtkWidget  *entry,
                      const char *before,
                      const char *after)
{
  g_autofree char *expected = g_strconcat (before, "\x1d", after, NULL);
  gboolean handled = FALSE;
  int position = -1;

  gtk_editable_set_text (GTK_EDITABLE (entry), before);
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
  g_signal_emit_by_name (get_gs_controller (entry), "key-pressed",
                         GDK_KEY_bracketright, 0, GDK_CONTROL_MASK, &handled);
  g_assert_true (handled);
  position = gtk_editable_get_position (GTK_EDITABLE (entry));
  gtk_editable_insert_text (GTK_EDITABLE (entry), after, -1, &position);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, expected);
}

static gboolean
has_message (gpointer user_data)
{
  return lotline_lots_page_get_message (user_data) != NULL;
}

/* Scans @text and waits for the message under the search field. */
static const char *
scan_for_message (LotlineWindow *window,
                  const char    *text)
{
  LotlineLotsPage *lots = get_lots_page (window);
  GtkWidget *label = get (GTK_WIDGET (lots), lotline_test_is_named, "scan-message");

  scan (window, text);
  lotline_test_wait_until (has_message, lots, "a message about the scan");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, lotline_lots_page_get_message (lots));
  return lotline_lots_page_get_message (lots);
}

/* Scans @text and checks that the lot page of @lot_id comes up; then goes
 * back to the list, which shows the lot's code. */
static void
scan_to_lot (LotlineWindow *window,
             const char    *text,
             gint64         lot_id,
             const char    *code,
             const char    *screenshot_name)
{
  LotlineLotPage *page;

  scan (window, text);
  wait_for_page (window, "lot");
  lotline_test_wait_until (lot_page_loaded, window, "the lot page");
  page = LOTLINE_LOT_PAGE (get_of_type (window, LOTLINE_TYPE_LOT_PAGE));
  g_assert_cmpint (lotline_lot_page_get_lot_id (page), ==, lot_id);
  g_assert_cmpstr (lotline_lot_page_get_title (page), ==, code);
  if (screenshot_name != NULL)
    screenshot (GTK_WIDGET (window), screenshot_name);

  g_action_group_activate_action (G_ACTION_GROUP (window), "back", NULL);
  wait_for_page (window, "main");
  g_assert_cmpstr (lotline_lots_page_get_search (get_lots_page (window)), ==, code);
  g_assert_null (lotline_lots_page_get_message (get_lots_page (window)));
}

/* ---- running the application ---------------------------------------------------------- */

static gboolean
run_script_cb (gpointer user_data)
{
  GApplication *app = user_data;
  Script script = g_object_get_data (G_OBJECT (app), "script");
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  LotlineWindow *window = windows->data;

  g_assert_true (LOTLINE_IS_WINDOW (window));
  wait_for_page (window, "main");
  script (window);
  g_object_set_data (G_OBJECT (app), "done", GINT_TO_POINTER (TRUE));

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  return G_SOURCE_REMOVE;
}

static void
on_activate_after_cb (GApplication *app)
{
  g_idle_add (run_script_cb, app);
}

static void
on_startup_after_cb (GApplication *app)
{
  /* GNOME's title bar buttons, not GTK's fallback with three. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", ":close", NULL);
}

static void
run_at_width (Script script,
              int    width)
{
  g_autoptr(LotlineApplication) app = lotline_application_new ();
  const char *argv[] = { "lotline", "--database", data.ts->path, NULL };
  g_autoptr(GSettings) settings = g_settings_new (LOTLINE_APP_ID);

  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", 720);
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_object_set_data (G_OBJECT (app), "script", script);
  g_signal_connect_after (app, "startup", G_CALLBACK (on_startup_after_cb), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after_cb), NULL);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, (char **) argv), ==, 0);
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (app), "done")));
  set_gs ("\x1d");
}

static void
run (Script script)
{
  run_at_width (script, 1100);
}

/* ---- the cases -------------------------------------------------------------------------- */

/* The GS character as configured: U+001D, "~" and "<GS>" in turn. */
static void
script_find (LotlineWindow *window)
{
  static const char *const separators[] = { "\x1d", "~", "<GS>" };
  GtkWidget *entry = get_of_type (get_lots_page (window), GTK_TYPE_SEARCH_ENTRY);

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      /* syntax-engine scandata.c:884, with the GS as the scanner sends it. */
      g_autofree char *text = g_strdup_printf ("]d20112312312312333" "10ABC123%s99TESTING", separators[i]);

      set_gs (separators[i]);
      scan_to_lot (window, text, data.abc, "ABC123", i == 0 ? "scan-found.png" : NULL);
    }

  /* GS as the control character, typed as Ctrl+] by the scanner. */
  set_gs ("\x1d");
  type_with_control_gs (entry, "]C1" "0112312312312333" "10OLD-7", "3010");
  g_signal_emit_by_name (entry, "activate");
  wait_for_page (window, "lot");
  lotline_test_wait_until (lot_page_loaded, window, "the lot page");
  g_assert_cmpint (lotline_lot_page_get_lot_id (LOTLINE_LOT_PAGE (get_of_type (window, LOTLINE_TYPE_LOT_PAGE))), ==, data.old);
  g_action_group_activate_action (G_ACTION_GROUP (window), "back", NULL);
  wait_for_page (window, "main");

  /* biip: a scanner without symbology identifiers, GS sent as "~". */
  set_gs ("~");
  scan_to_lot (window, "0107032069804988100329~15210526", data.biip_lot, "0329", NULL);

  /* biip: a Digital Link in a QR code; the GTIN tells the two ABC123 apart. */
  scan_to_lot (window, "https://example.com/01/00614141123452/10/ABC123?15=250330", data.abc_dl, "ABC123", NULL);
  /* The text under the barcode, typed. */
  scan_to_lot (window, "(01)12312312312333(10)OLD-7", data.old, "OLD-7", NULL);
}

static void
test_find (void)
{
  run (script_find);
}

static guint
count_items (LotlineWindow *window)
{
  return g_list_model_get_n_items (lotline_lots_page_get_model (get_lots_page (window)));
}

/* The list shows what the search field holds. */
static gboolean
search_applied (gpointer user_data)
{
  LotlineLotList *list = lotline_lots_page_get_lot_list (user_data);
  const LotlineLotQuery *query = list != NULL ? lotline_lot_list_get_query (list) : NULL;

  return query != NULL && !lotline_lot_list_get_loading (list) &&
         g_strcmp0 (query->search, lotline_lots_page_get_search (user_data)) == 0;
}

static void
script_messages (LotlineWindow *window)
{
  LotlineLotsPage *lots = get_lots_page (window);
  const char *message;

  /* A wrong check digit: the reader's message, not an empty list. */
  message = scan_for_message (window, "]d20112312312312334" "10ABC123");
  g_assert_nonnull (strstr (message, "not a valid GS1 code"));
  g_assert_nonnull (strstr (message, "check digit"));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (get (GTK_WIDGET (lots), lotline_test_is_named, "scan-message")), "error"));
  screenshot (GTK_WIDGET (window), "scan-invalid.png");

  /* A GTIN no product has (scan.page's example). */
  message = scan_for_message (window, "(01)09520123456788(10)ABC123(17)270331");
  g_assert_nonnull (strstr (message, "No product has the GTIN 09520123456788"));
  g_assert_nonnull (strstr (message, "Add the GTIN to the product"));

  /* A plain Code 128 lot code that two products share: both listed. */
  message = scan_for_message (window, "]C0ABC123");
  g_assert_nonnull (strstr (message, "2 lots"));
  g_assert_cmpstr (lotline_lots_page_get_search (lots), ==, "ABC123");
  lotline_test_wait_until (search_applied, lots, "the search");
  g_assert_cmpuint (count_items (window), ==, 2);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  screenshot (GTK_WIDGET (window), "scan-several-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* An EAN-13 names a product and no lot: its lots are listed. */
  message = scan_for_message (window, "]E00614141123452");
  g_assert_nonnull (strstr (message, "names the product “Apricot jam 450 g” but no lot"));
  g_assert_cmpstr (lotline_lots_page_get_search (lots), ==, "FIN-DL");
  lotline_test_wait_until (search_applied, lots, "the search");
  g_assert_cmpuint (count_items (window), ==, 1);

  /* Typed words stay a search: Enter reads nothing into them. */
  scan (window, "Salmon");
  g_assert_null (lotline_lots_page_get_message (lots));
  lotline_test_wait_until (search_applied, lots, "the search");
  g_assert_cmpuint (count_items (window), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_window_stack (window)), ==, "main");
}

static void
test_messages (void)
{
  run (script_messages);
}

/* The narrowest window (STYLE.md): the message wraps under the field. */
static void
script_narrow (LotlineWindow *window)
{
  GtkWidget *label = get (GTK_WIDGET (get_lots_page (window)), lotline_test_is_named, "scan-message");
  int natural = 0;

  scan_for_message (window, "(01)09520123456788(10)ABC123(17)270331");
  screenshot (GTK_WIDGET (window), "scan-narrow.png");
  /* As narrow as the lot list is without a message. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  /* Wrapped: taller than one line of it would be. */
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_height (label), >, natural);
}

static void
test_narrow (void)
{
  run_at_width (script_narrow, 360);
}

/* ---- an unknown lot: receiving it --------------------------------------------------------- */

static gboolean
toplevel_shown (gpointer user_data)
{
  return lotline_test_find_toplevel (GPOINTER_TO_SIZE (user_data)) != NULL;
}

static gboolean
dialog_idle (gpointer user_data)
{
  return !lotline_operation_dialog_get_busy (user_data);
}

static const char *
row_text (GtkWidget  *root,
          const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (get (root, lotline_test_is_row_titled, title)));
}

static const char *
combo_text (GtkWidget  *root,
            const char *title)
{
  AdwComboRow *combo = ADW_COMBO_ROW (get (root, lotline_test_is_row_titled, title));

  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (combo)),
                                     adw_combo_row_get_selected (combo));
}

static void
choose (GtkWidget  *root,
        const char *title,
        const char *item)
{
  AdwComboRow *combo = ADW_COMBO_ROW (get (root, lotline_test_is_row_titled, title));
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item) == 0)
      adw_combo_row_set_selected (combo, i);
  g_assert_cmpstr (combo_text (root, title), ==, item);
}

static gboolean
dialog_gone (gpointer user_data)
{
  return lotline_test_find_toplevel (LOTLINE_TYPE_OPERATION_DIALOG) == NULL;
}

static gboolean
has_button_label (GtkWidget *widget, gconstpointer key)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), key) == 0;
}

/* What clicking a response's button does: respond, then close. */
static void
answer (GtkWidget  *dialog,
        const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
check_received (const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = lotline_store_find_lots (data.ts->store, code, NULL, &error);
  g_autoptr(LotlineLot) lot = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  lot = lotline_store_get_lot (data.ts->store, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpint (lot->product_id, ==, data.jam);
  /* (17)270200: day 00 is the month's last day. */
  g_assert_cmpstr (lot->expires_on, ==, "2027-02-28");
  g_assert_cmpstr (lot->produced_on, ==, "2026-11-01");
  g_assert_cmpint (lot->on_hand, ==, 24 * LOTLINE_QTY_ONE);
  g_assert_cmpstr (lot->supplier_lot, ==, "NEW-LOT-7");
}

/* Scans @scan, which offers to receive its lot, and accepts the offer:
 * the receive dialog, loaded. */
/* Fills in what a label cannot say (from Berry Farms into WH1) and records
 * the receipt. */
static void
record_receipt (GtkWidget *dialog)
{
  choose (dialog, "Supplier", "Berry Farms");
  choose (dialog, "Stored at", "WH1");
  lotline_test_wait_until (dialog_idle, dialog, "the dry run");
  g_assert_true (lotline_operation_dialog_get_valid (LOTLINE_OPERATION_DIALOG (dialog)));
  g_signal_emit_by_name (get (dialog, has_button_label, "_Record"), "clicked");
  lotline_test_wait_until (dialog_gone, NULL, "the lot to be received");
}

static GtkWidget *
receive_scanned (LotlineWindow *window,
                 const char    *scan)
{
  GtkWidget *dialog;

  scan_for_message (window, scan);
  lotline_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the offer to receive");
  answer (GTK_WIDGET (lotline_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "receive");
  lotline_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (LOTLINE_TYPE_OPERATION_DIALOG), "the receive dialog");
  dialog = GTK_WIDGET (lotline_test_find_toplevel (LOTLINE_TYPE_OPERATION_DIALOG));
  lotline_test_wait_until (dialog_idle, dialog, "the receive dialog to load");
  return dialog;
}

static gboolean
row_filled (gpointer user_data)
{
  return row_text (user_data, "New lot code")[0] != '\0';
}

/* Where our lot codes follow a format, a supplier's label gives the
 * supplier's lot code; the dialog makes our own, and the label still finds
 * the lot afterwards. */
static void
script_receive_formatted (LotlineWindow *window)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  const char *code;
  LotlineLotPage *page;
  g_autofree char *ours = NULL;
  g_autoptr(LotlineLot) lot = NULL;

  g_assert_true (lotline_store_set_lot_format (data.ts->store, data.kg, "CH{YYMMDD}-{SEQ:2}", &error));
  g_assert_no_error (error);

  dialog = receive_scanned (window, "]C1" "01" GTIN_KG "3103002000" "10SUP-9");
  lotline_test_wait_until (row_filled, dialog, "the generated lot code");
  code = row_text (dialog, "New lot code");
  g_assert_true (g_str_has_prefix (code, "CH"));
  g_assert_true (g_str_has_suffix (code, "-01"));
  g_assert_cmpstr (row_text (dialog, "Supplier’s lot code"), ==, "SUP-9");

  record_receipt (dialog);

  /* Received under our own code, with the supplier's beside it. */
  wait_for_page (window, "lot");
  lotline_test_wait_until (lot_page_loaded, window, "the lot page");
  page = LOTLINE_LOT_PAGE (get_of_type (window, LOTLINE_TYPE_LOT_PAGE));
  ours = g_strdup (lotline_lot_page_get_title (page));
  g_assert_true (g_str_has_prefix (ours, "CH"));
  lot = lotline_store_get_lot (data.ts->store, lotline_lot_page_get_lot_id (page), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lot->supplier_lot, ==, "SUP-9");
  g_action_group_activate_action (G_ACTION_GROUP (window), "back", NULL);
  wait_for_page (window, "main");

  /* Scanned again, the supplier's label lands on our lot. */
  scan_to_lot (window, "]C1" "01" GTIN_KG "10SUP-9", lot->id, ours, NULL);
}

static void
script_receive (LotlineWindow *window)
{
  GtkWidget *dialog;
  const char *message;

  set_gs ("~");
  message = scan_for_message (window, "]C1" "0112312312312333" "11261101" "17270200" "10NEW-LOT-7~" "3024");
  g_assert_nonnull (strstr (message, "has no lot “NEW-LOT-7” yet"));

  /* The offer: receive it. */
  lotline_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the offer to receive");
  dialog = GTK_WIDGET (lotline_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Receive Lot “NEW-LOT-7”?");
  screenshot (dialog, "scan-offer.png");
  answer (dialog, "receive");

  lotline_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (LOTLINE_TYPE_OPERATION_DIALOG), "the receive dialog");
  dialog = GTK_WIDGET (lotline_test_find_toplevel (LOTLINE_TYPE_OPERATION_DIALOG));
  g_assert_cmpint (lotline_operation_dialog_get_kind (LOTLINE_OPERATION_DIALOG (dialog)), ==, LOTLINE_EVENT_RECEIVE);
  lotline_test_wait_until (dialog_idle, dialog, "the receive dialog to load");

  /* Prefilled from the label. */
  g_assert_cmpstr (combo_text (dialog, "Product"), ==, "Strawberry jam 340 g (GS1) (FIN-GS1)");
  g_assert_cmpstr (row_text (dialog, "New lot code"), ==, "NEW-LOT-7");
  g_assert_cmpstr (row_text (dialog, "Supplier’s lot code"), ==, "NEW-LOT-7");
  g_assert_cmpstr (row_text (dialog, "Expires on"), ==, "2027-02-28");
  g_assert_cmpstr (row_text (dialog, "Produced on"), ==, "2026-11-01");
  g_assert_cmpstr (row_text (dialog, "Quantity received"), ==, "24");
  screenshot (dialog, "scan-receive.png");

  /* What the label cannot say. */
  record_receipt (dialog);
  check_received ("NEW-LOT-7");

  /* Once received, the scan finds the lot and shows it. */
  wait_for_page (window, "lot");
  lotline_test_wait_until (lot_page_loaded, window, "the lot page");
  g_assert_cmpstr (lotline_lot_page_get_title (LOTLINE_LOT_PAGE (get_of_type (window, LOTLINE_TYPE_LOT_PAGE))), ==, "NEW-LOT-7");

  /* A variable-measure label: (3103) 1.250 kg of a product counted in kg. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "back", NULL);
  wait_for_page (window, "main");
  dialog = receive_scanned (window, "]C1" "01" GTIN_KG "3103001250" "10KG-1");
  g_assert_cmpstr (combo_text (dialog, "Product"), ==, "Cherries, pitted (RAW-GS1)");
  g_assert_cmpstr (row_text (dialog, "Quantity received"), ==, "1.250");
  g_assert_cmpstr (row_text (dialog, "Expires on"), ==, "");
  gtk_window_destroy (GTK_WINDOW (dialog));

  script_receive_formatted (window);
}

static void
test_receive (void)
{
  run (script_receive);
}

/* ---- scanning in the ship and produce dialogs --------------------------------------------- */

static LotlineOperationDialog *
open_dialog (LotlineWindow *window,
             const char    *kind)
{
  GtkWindow *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (window), "record", g_variant_new_string (kind));
  lotline_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (LOTLINE_TYPE_OPERATION_DIALOG), kind);
  dialog = lotline_test_find_toplevel (LOTLINE_TYPE_OPERATION_DIALOG);
  lotline_test_wait_until (dialog_idle, dialog, "the dialog to load");
  return LOTLINE_OPERATION_DIALOG (dialog);
}

/* Types @text into the dialog's scan row and presses Enter. */
static void
scan_in_dialog (LotlineOperationDialog *dialog,
                const char             *text)
{
  GtkWidget *row = get (GTK_WIDGET (dialog), lotline_test_is_named, "scan-entry");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "entry-activated");
  lotline_test_wait_until (dialog_idle, dialog, "the scanned lot");
}

/* The lot of each lot line, in order. */
static GArray *
line_lots (LotlineOperationDialog *dialog)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, dialog);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (LOTLINE_IS_LOT_CHOOSER (widget))
        {
          gint64 id = lotline_lot_chooser_get_lot_id (LOTLINE_LOT_CHOOSER (widget));

          g_array_append_val (ids, id);
        }
      for (GtkWidget *child = gtk_widget_get_last_child (widget); child != NULL; child = gtk_widget_get_prev_sibling (child))
        g_ptr_array_add (stack, child);
    }
  return ids;
}

static void
assert_lines (LotlineOperationDialog *dialog,
              const gint64           *expected,
              guint                   n)
{
  g_autoptr(GArray) ids = line_lots (dialog);

  g_assert_cmpuint (ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

static void
script_dialogs (LotlineWindow *window)
{
  LotlineOperationDialog *dialog = open_dialog (window, "ship");
  gint64 both[] = { data.abc, data.old };

  choose (GTK_WIDGET (dialog), "Customer", "Corner Grocery");
  /* The scan row takes Ctrl+] as GS, like the search field. */
  g_assert_nonnull (get_gs_controller (get (GTK_WIDGET (dialog), lotline_test_is_named, "scan-entry")));

  /* GTIN, a count of 12 (30) and the lot: the first line takes it. */
  scan_in_dialog (dialog, "]C1" "0112312312312333" "3012" "\x1d" "10ABC123");
  assert_lines (dialog, both, 1);
  g_assert_cmpstr (row_text (GTK_WIDGET (dialog), "Quantity shipped"), ==, "12");
  g_assert_cmpstr (row_text (GTK_WIDGET (dialog), "Scan a label"), ==, "");
  g_assert_nonnull (strstr (lotline_operation_dialog_get_scan_message (dialog), "is in line 1"));
  g_assert_true (lotline_operation_dialog_get_valid (dialog));

  /* An expired lot, GS sent as "~": a second line, and the ledger's word. */
  set_gs ("~");
  scan_in_dialog (dialog, "]C1" "0112312312312333" "305" "~" "10OLD-7");
  assert_lines (dialog, both, 2);
  g_assert_false (lotline_operation_dialog_get_valid (dialog));
  g_assert_nonnull (strstr (lotline_operation_dialog_get_message (dialog), "Lot OLD-7 (FIN-GS1) expired on 2026-10-31"));
  scroll_to_end (get (GTK_WIDGET (dialog), lotline_test_is_named, "scan-entry"));
  screenshot (GTK_WIDGET (dialog), "scan-ship.png");

  /* Scanning a lot again keeps its line. */
  scan_in_dialog (dialog, "(01)12312312312333(10)ABC123");
  assert_lines (dialog, both, 2);

  /* A lot nobody received, and a misread code: said under the scan row. */
  scan_in_dialog (dialog, "(01)12312312312333(10)NOPE-1");
  g_assert_nonnull (strstr (lotline_operation_dialog_get_scan_message (dialog), "has no lot “NOPE-1” yet"));
  scan_in_dialog (dialog, "]C1" "0112312312312334" "10ABC123");
  g_assert_nonnull (strstr (lotline_operation_dialog_get_scan_message (dialog), "check digit"));
  g_assert_true (gtk_widget_get_visible (get (GTK_WIDGET (dialog), lotline_test_is_named, "scan-message")));
  assert_lines (dialog, both, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A production's inputs: a lot code typed by hand. */
  dialog = open_dialog (window, "produce");
  scan_in_dialog (dialog, "0329");
  assert_lines (dialog, &data.biip_lot, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_dialogs (void)
{
  run (script_dialogs);
}

/* ---- preferences ------------------------------------------------------------------------ */

static void
script_preferences (LotlineWindow *window)
{
  g_autoptr(GSettings) settings = g_settings_new (LOTLINE_APP_ID);
  GtkWidget *preferences;
  AdwComboRow *row;

  set_gs ("@");
  g_action_group_activate_action (G_ACTION_GROUP (window), "preferences", NULL);
  lotline_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (LOTLINE_TYPE_PREFERENCES_WINDOW), "the preferences");
  preferences = GTK_WIDGET (lotline_test_find_toplevel (LOTLINE_TYPE_PREFERENCES_WINDOW));
  row = ADW_COMBO_ROW (get (preferences, lotline_test_is_named, "scanner-gs-row"));

  /* A separator set with gsettings is offered as it is. */
  g_assert_cmpstr (combo_text (preferences, "Group separator sent as"), ==, "Other: “@”");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==, 6);

  adw_combo_row_set_selected (row, 1);
  {
    g_autofree char *gs = g_settings_get_string (settings, "scanner-gs-character");

    g_assert_cmpstr (gs, ==, "~");
  }
  adw_combo_row_set_selected (row, 0);
  {
    g_autofree char *gs = g_settings_get_string (settings, "scanner-gs-character");

    g_assert_cmpstr (gs, ==, "\x1d");
  }
  set_gs ("<GS>");
  g_assert_cmpstr (combo_text (preferences, "Group separator sent as"), ==, "The text <GS>");
  scroll_to_end (GTK_WIDGET (row));
  screenshot (preferences, "scan-preferences.png");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_preferences (void)
{
  run (script_preferences);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("lotline-test-scan-XXXXXX", NULL);
  int status;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LOTLINE_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  create_database ();

  g_test_add_func ("/lotline/ui/scan/parse-corpus", test_parse_corpus);
  g_test_add_func ("/lotline/ui/scan/parse-fields", test_parse_fields);
  g_test_add_func ("/lotline/ui/scan/find", test_find);
  g_test_add_func ("/lotline/ui/scan/messages", test_messages);
  g_test_add_func ("/lotline/ui/scan/narrow", test_narrow);
  g_test_add_func ("/lotline/ui/scan/receive", test_receive);
  g_test_add_func ("/lotline/ui/scan/dialogs", test_dialogs);
  g_test_add_func ("/lotline/ui/scan/preferences", test_preferences);

  status = g_test_run ();
  lotline_test_store_free (data.ts);
  {
    g_autofree char *folder = g_build_filename (data_home, "lotline", NULL);

    g_rmdir (folder);
  }
  g_rmdir (data_home);
  return status;
}
