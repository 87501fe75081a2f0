/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "lotline-document-preview.h"
#include "lotline-graph-view.h"
#include "lotline-lot-page.h"
#include "lotline-recall-wizard.h"
#include "lotline-recalls-page.h"
#include "lotline-session.h"
#include "lotline-settings.h"
#include "lotline-test-util.h"
#include "lotline-ui-test-util.h"

/* The recall wizard walked end to end on the demo database, in a window
 * of the test's own that holds the Recalls page: seeds by search and by a
 * scanned GS1 string, the scope against the core's, the details'
 * validation, the letter preview of a chosen consignee, a draft saved and
 * resumed, the recall opened and its lots recalled in the core.  A
 * screenshot of every step lands in <build>/tests/screenshots/. */

#define TODAY "2026-11-21"

/* The demo database every case shares, made once in main(). */
static LotlineTestStore *demo;

/* Two shipped finished lots with stock and a GTIN, found in main(). */
typedef struct {
  gint64 id;
  char   code[64];
  char   gtin[16];
} DemoLot;

static DemoLot lots[2];

/* ---- waiting on the main loop -------------------------------------------- */

static gboolean
wizard_idle (gpointer data)
{
  return !lotline_recall_wizard_get_busy (data);
}

static void
wait_idle (LotlineRecallWizard *wizard,
           const char          *what)
{
  lotline_test_wait_until (wizard_idle, wizard, what);
}

/* ---- the window with the Recalls page -------------------------------------- */

typedef struct {
  LotlineSession     *session;
  GtkWindow          *window;
  LotlineRecallsPage *page;
} Harness;

static gboolean
page_idle (gpointer data)
{
  return !lotline_recalls_page_get_busy (((Harness *) data)->page);
}

static void
harness_set_up (Harness *h)
{
  g_autoptr(GSettings) settings = lotline_settings_dup ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "company-name", "Hillside Preserves Inc.");
  g_settings_set_string (settings, "company-address", "12 Orchard Road\nSpringfield, OR 97477\nUSA");
  g_settings_set_string (settings, "company-phone", "+1 555 0100");

  h->session = lotline_session_new (demo->path, LOTLINE_STORE_NONE);
  lotline_test_open_session (h->session);

  h->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (h->window, 1000, 700);
  h->page = LOTLINE_RECALLS_PAGE (lotline_recalls_page_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (h->page));
  gtk_window_set_child (h->window, overlay);
  lotline_recalls_page_set_session (h->page, h->session);
  gtk_window_present (h->window);
  lotline_test_wait_until (page_idle, h, "the recalls to be listed");
}

static void
harness_tear_down (Harness *h)
{
  gtk_window_destroy (h->window);
  g_clear_object (&h->session);
}

/* The wizard among the toplevels, or NULL. */
static LotlineRecallWizard *
find_wizard (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (LOTLINE_IS_RECALL_WIZARD (window))
        return LOTLINE_RECALL_WIZARD (window);
    }
  return NULL;
}

/* ---- the steps --------------------------------------------------------------- */

typedef struct {
  LotlineRecallWizard *wizard;
  const char          *code;
} RowWait;

static GtkListBoxRow *
find_result (LotlineRecallWizard *wizard,
             const char          *code)
{
  GtkListBox *results = lotline_recall_wizard_get_results (wizard);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (results, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), code) == 0)
      return row;
  return NULL;
}

static gboolean
result_listed (gpointer data)
{
  RowWait *wait = data;

  return wizard_idle (wait->wizard) && find_result (wait->wizard, wait->code) != NULL;
}

static gboolean
two_seeds (gpointer data)
{
  guint n = 0;

  lotline_recall_wizard_get_seeds (data, &n);
  return wizard_idle (data) && n == 2;
}

/* Step 1: the first lot by searching its code, the second by a scan. */
static void
add_seeds (LotlineRecallWizard *wizard)
{
  GtkEditable *entry = lotline_recall_wizard_get_search_entry (wizard);
  RowWait wait = { wizard, lots[0].code };
  g_autofree char *scan = NULL;
  const gint64 *seeds;
  guint n = 0;

  g_assert_cmpint (lotline_recall_wizard_get_step (wizard), ==, LOTLINE_RECALL_WIZARD_SEEDS);
  g_assert_nonnull (lotline_recall_wizard_get_hint (wizard));
  g_assert_false (lotline_recall_wizard_go_next (wizard));

  gtk_editable_set_text (entry, lots[0].code);
  lotline_test_wait_until (result_listed, &wait, "the searched lot to be listed");
  g_signal_emit_by_name (lotline_recall_wizard_get_results (wizard), "row-activated",
                         find_result (wizard, lots[0].code));
  seeds = lotline_recall_wizard_get_seeds (wizard, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (seeds[0], ==, lots[0].id);

  /* What a keyboard-wedge scanner types for a GS1-128 label: the
   * symbology identifier, GTIN (01) and lot (10). */
  scan = g_strdup_printf ("]C101%s10%s", lots[1].gtin, lots[1].code);
  gtk_editable_set_text (entry, scan);
  g_signal_emit_by_name (entry, "activate");
  lotline_test_wait_until (two_seeds, wizard, "the scanned lot to be added");
  seeds = lotline_recall_wizard_get_seeds (wizard, &n);
  g_assert_cmpint (seeds[1], ==, lots[1].id);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_null (lotline_recall_wizard_get_hint (wizard));

  /* A label of a lot the database does not know: said so, nothing added. */
  g_free (scan);
  scan = g_strdup_printf ("]C101%s10NO-SUCH-LOT", lots[1].gtin);
  gtk_editable_set_text (entry, scan);
  g_signal_emit_by_name (entry, "activate");
  wait_idle (wizard, "the unknown lot to be looked up");
  lotline_recall_wizard_get_seeds (wizard, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_nonnull (strstr (lotline_recall_wizard_get_search_message (wizard), "NO-SUCH-LOT"));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, scan);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (wizard), "recall-wizard-1-unknown-scan.png");

  /* A misread label (wrong GTIN check digit): the reader's reason, at once. */
  g_free (scan);
  scan = g_strdup_printf ("]C101%.13s%c10%s", lots[1].gtin, lots[1].gtin[13] == '9' ? '0' : lots[1].gtin[13] + 1,
                          lots[1].code);
  gtk_editable_set_text (entry, scan);
  g_signal_emit_by_name (entry, "activate");
  g_assert_nonnull (strstr (lotline_recall_wizard_get_search_message (wizard), "check digit"));
  lotline_recall_wizard_get_seeds (wizard, &n);
  g_assert_cmpuint (n, ==, 2);
  gtk_editable_set_text (entry, "");
}

static gboolean
graph_shown (gpointer data)
{
  LotlineRecallWizard *wizard = data;
  GtkWidget *graph = lotline_recall_wizard_get_graph_view (wizard);

  return wizard_idle (wizard) && lotline_graph_view_get_layout (LOTLINE_GRAPH_VIEW (graph)) != NULL;
}

/* A lot chosen in the table is selected in the graph, and back. */
static void
check_shared_selection (LotlineRecallWizard      *wizard,
                        const LotlineRecallScope *core)
{
  LotlineGraphView *graph = LOTLINE_GRAPH_VIEW (lotline_recall_wizard_get_graph_view (wizard));
  GtkSingleSelection *rows = GTK_SINGLE_SELECTION (gtk_column_view_get_model (lotline_recall_wizard_get_lots_view (wizard)));
  guint last = core->lots->len - 1;
  g_autofree char *first_key = g_strdup_printf ("lot:%" G_GINT64_FORMAT,
                                                ((LotlineRecallLot *) g_ptr_array_index (core->lots, 0))->lot_id);
  g_autofree char *last_key = g_strdup_printf ("lot:%" G_GINT64_FORMAT,
                                               ((LotlineRecallLot *) g_ptr_array_index (core->lots, last))->lot_id);

  g_assert_cmpuint (gtk_single_selection_get_selected (rows), ==, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (rows, 0);
  g_assert_cmpstr (lotline_graph_view_get_selected_key (graph), ==, first_key);
  lotline_graph_view_set_selected_key (graph, last_key);
  g_assert_cmpuint (gtk_single_selection_get_selected (rows), ==, last);
  gtk_single_selection_set_selected (rows, GTK_INVALID_LIST_POSITION);
}

/* Step 2: the wizard's scope is the core's for the same seeds. */
static const LotlineRecallScope *
check_scope (LotlineRecallWizard *wizard)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineRecallScope) core = NULL;
  const LotlineRecallScope *shown;
  const gint64 *seeds;
  guint n;

  g_assert_true (lotline_recall_wizard_go_next (wizard));
  g_assert_cmpint (lotline_recall_wizard_get_step (wizard), ==, LOTLINE_RECALL_WIZARD_SCOPE);
  lotline_test_wait_until (graph_shown, wizard, "the scope and its graph");
  shown = lotline_recall_wizard_get_scope (wizard);
  g_assert_nonnull (shown);

  seeds = lotline_recall_wizard_get_seeds (wizard, &n);
  core = lotline_store_recall_scope (demo->store, seeds, n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->lots->len, ==, core->lots->len);
  g_assert_cmpuint (shown->stock->len, ==, core->stock->len);
  g_assert_cmpuint (shown->consignees->len, ==, core->consignees->len);
  g_assert_cmpint (shown->total_on_hand, ==, core->total_on_hand);
  g_assert_cmpint (shown->total_shipped, ==, core->total_shipped);
  for (guint i = 0; i < core->lots->len; i++)
    g_assert_cmpint (((LotlineRecallLot *) g_ptr_array_index (shown->lots, i))->lot_id, ==,
                     ((LotlineRecallLot *) g_ptr_array_index (core->lots, i))->lot_id);
  g_assert_cmpuint (core->consignees->len, >=, 2);
  g_assert_cmpint (core->total_on_hand, >, 0);
  g_assert_null (lotline_recall_wizard_get_hint (wizard));
  check_shared_selection (wizard, core);
  return shown;
}

/* The scope step scrolled to its tables. */
static void
screenshot_scope_tables (LotlineRecallWizard *wizard)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (lotline_recall_wizard_get_graph_view (wizard),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * 0.4);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (wizard), "recall-wizard-2-scope-tables.png");
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  lotline_test_save_drawn_screenshot (GTK_WIDGET (wizard), "recall-wizard-2-scope-origin.png");
  gtk_adjustment_set_value (adjustment, 0);
}

static const LotlineRecallSpec complete_spec = {
  .number = "R-2026-042",
  .title = "Strawberry jam, possible glass fragments",
  .reason = "Glass fragments were found in a jar of strawberry jam.",
  .hazard = "Cuts to the mouth and throat.",
  .discovered_how = "Customer complaint",
  .discovered_on = "2026-11-18",
  .classification = LOTLINE_RECALL_CLASS_I,
  .depth = LOTLINE_RECALL_DEPTH_RETAIL,
  .public_warning = TRUE,
  .check_level = LOTLINE_RECALL_CHECK_A,
  .instructions = "Stop selling the product at once and return it to us.",
  .contact_name = "Quality office",
  .contact_phone = "+1 555 0100",
  .contact_email = "recall@hillside.example",
};

/* Step 3: the number is prefilled, an empty reason is refused. */
static void
check_details (LotlineRecallWizard *wizard)
{
  LotlineRecallSpec spec;

  g_assert_true (lotline_recall_wizard_go_next (wizard));
  g_assert_cmpint (lotline_recall_wizard_get_step (wizard), ==, LOTLINE_RECALL_WIZARD_DETAILS);
  lotline_recall_wizard_get_spec (wizard, &spec);
  g_assert_cmpstr (spec.number, ==, "R-2026-001");
  g_assert_cmpstr (spec.contact_phone, ==, "+1 555 0100");

  spec = complete_spec;
  spec.reason = "";
  lotline_recall_wizard_set_spec (wizard, &spec);
  g_assert_nonnull (strstr (lotline_recall_wizard_get_hint (wizard), "reason"));
  g_assert_false (lotline_recall_wizard_go_next (wizard));
  g_assert_cmpint (lotline_recall_wizard_get_step (wizard), ==, LOTLINE_RECALL_WIZARD_DETAILS);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (wizard), "recall-wizard-3-details-invalid.png");

  lotline_recall_wizard_set_spec (wizard, &complete_spec);
  g_assert_null (lotline_recall_wizard_get_hint (wizard));
  lotline_test_save_drawn_screenshot (GTK_WIDGET (wizard), "recall-wizard-3-details.png");
}

typedef struct {
  LotlineRecallWizard   *wizard;
  LotlineRenderDocument *before;
} PreviewWait;

static LotlineRenderDocument *
preview_document (LotlineRecallWizard *wizard)
{
  return lotline_document_preview_get_document (LOTLINE_DOCUMENT_PREVIEW (lotline_recall_wizard_get_preview (wizard)));
}

static gboolean
preview_changed (gpointer data)
{
  PreviewWait *wait = data;
  LotlineRenderDocument *document = preview_document (wait->wizard);

  return wizard_idle (wait->wizard) && document != NULL && document != wait->before;
}

/* The text of the preview's document, through a PDF. */
static char *
preview_text (LotlineRecallWizard *wizard)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lotline-wizard-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "letter.pdf", NULL);
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (lotline_render_document_write_pdf (preview_document (wizard), pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lotline_test_run (argv, &text, NULL), ==, 0);
  g_unlink (pdf);
  g_rmdir (dir);
  return text;
}

/* Step 4: the letter of the consignee chosen, and no other's. */
static void
check_preview (LotlineRecallWizard      *wizard,
               const LotlineRecallScope *scope)
{
  guint last = scope->consignees->len - 1;
  const LotlineRecallConsignee *first = g_ptr_array_index (scope->consignees, 0);
  const LotlineRecallConsignee *chosen = g_ptr_array_index (scope->consignees, last);
  PreviewWait wait = { wizard, NULL };
  g_autofree char *first_text = NULL;
  g_autofree char *chosen_text = NULL;

  g_assert_true (lotline_recall_wizard_go_next (wizard));
  g_assert_cmpint (lotline_recall_wizard_get_step (wizard), ==, LOTLINE_RECALL_WIZARD_PREVIEW);
  lotline_test_wait_until (preview_changed, &wait, "the first consignee's letter");
  first_text = preview_text (wizard);
  g_assert_nonnull (strstr (first_text, first->name));
  g_assert_nonnull (strstr (first_text, "Glass fragments were found"));

  wait.before = preview_document (wizard);
  lotline_recall_wizard_set_consignee (wizard, last);
  lotline_test_wait_until (preview_changed, &wait, "the chosen consignee's letter");
  chosen_text = preview_text (wizard);
  g_assert_nonnull (strstr (chosen_text, chosen->name));
  g_assert_null (strstr (chosen_text, first->name));
  g_assert_cmpuint (lotline_document_preview_get_page (LOTLINE_DOCUMENT_PREVIEW (lotline_recall_wizard_get_preview (wizard))), ==, 0);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (wizard), "recall-wizard-4-preview.png");
}

static LotlineRecall *
core_recall (gint64 recall_id)
{
  g_autoptr(GError) error = NULL;
  LotlineRecall *recall = lotline_store_get_recall (demo->store, recall_id, &error);

  g_assert_no_error (error);
  return recall;
}

static gboolean
recall_saved (gpointer data)
{
  return wizard_idle (data) && lotline_recall_wizard_get_recall_id (data) != 0;
}

static gboolean
wizard_opened (gpointer data)
{
  return wizard_idle (data) && lotline_recall_wizard_get_opened (data);
}

typedef struct {
  Harness *h;
  gint64   recall_id;
} ShownWait;

static gboolean
recall_shown (gpointer data)
{
  ShownWait *wait = data;

  return page_idle (wait->h) && lotline_recalls_page_get_recall_id (wait->h->page) == wait->recall_id;
}

/* A window of the page's document preview. */
static GtkWindow *
find_preview (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_object_get_data (window, "preview") != NULL)
        return GTK_WINDOW (window);
    }
  return NULL;
}

static gboolean
letters_previewed (gpointer data)
{
  GtkWindow *window = find_preview ();
  LotlineDocumentPreview *preview = window != NULL ? g_object_get_data (G_OBJECT (window), "preview") : NULL;

  return preview != NULL && lotline_document_preview_get_document (preview) != NULL;
}

static void
destroy_other_windows (GtkWindow *keep)
{
  GtkWindow *other;

  while ((other = find_preview ()) != NULL && other != keep)
    gtk_window_destroy (other);
}

/* TRUE when the Recalls page has a widget action called @name. */
static gboolean
recalls_page_has_action (const char *name)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (LOTLINE_TYPE_RECALLS_PAGE);
  /* GTK 4.8 writes every out argument: none may be NULL. */
  GType owner;
  const char *action, *property;
  const GVariantType *parameter_type;

  for (guint i = 0;
       gtk_widget_class_query_action (GTK_WIDGET_CLASS (klass), i, &owner, &action, &parameter_type, &property);
       i++)
    if (g_strcmp0 (action, name) == 0)
      return TRUE;
  return FALSE;
}

/* Checks the finish step's document buttons; returns how many there are. */
static guint
check_document_buttons (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "wizard.document") == 0)
    {
      const char *target = g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget)), NULL);

      if (*target != '\0')
        g_assert_true (recalls_page_has_action (target));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += check_document_buttons (child);
  return n;
}

static void
test_walk (void)
{
  Harness h = { 0 };
  LotlineRecallWizard *wizard;
  const LotlineRecallScope *scope;
  g_autoptr(LotlineRecall) draft = NULL;
  g_autoptr(LotlineRecall) open = NULL;
  g_autoptr(LotlineRecallScope) core = NULL;
  g_autoptr(GError) error = NULL;
  LotlineRecallSpec spec;
  ShownWait shown;
  GtkWidget *dialog;
  gint64 recall_id;
  guint n_lots;

  harness_set_up (&h);
  g_assert_cmpint (lotline_recalls_page_get_recall_id (h.page), ==, 0);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (h.window), "recall-wizard-recalls-page-empty.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (h.page), "recalls.new-recall", NULL));
  wizard = find_wizard ();
  g_assert_nonnull (wizard);
  g_object_add_weak_pointer (G_OBJECT (wizard), (gpointer *) &wizard);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (wizard)) == h.window);
  wait_idle (wizard, "the wizard to prefill");
  lotline_test_save_drawn_screenshot (GTK_WIDGET (wizard), "recall-wizard-1-empty.png");

  add_seeds (wizard);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (wizard), "recall-wizard-1-seeds.png");
  scope = check_scope (wizard);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (wizard), "recall-wizard-2-scope.png");
  screenshot_scope_tables (wizard);
  n_lots = scope->lots->len;
  check_details (wizard);
  check_preview (wizard, scope);

  /* Save a draft, leave, and continue it from the Recalls page. */
  lotline_recall_wizard_save_draft (wizard);
  lotline_test_wait_until (recall_saved, wizard, "the draft to be saved");
  recall_id = lotline_recall_wizard_get_recall_id (wizard);
  draft = core_recall (recall_id);
  g_assert_cmpint (draft->status, ==, LOTLINE_RECALL_DRAFT);
  g_assert_cmpstr (draft->number, ==, "R-2026-042");
  g_assert_cmpstr (draft->reason, ==, complete_spec.reason);
  g_assert_cmpuint (draft->seed_lot_ids->len, ==, 2);
  gtk_window_destroy (GTK_WINDOW (wizard));
  g_assert_null (wizard);

  /* The draft on the Recalls page, and "Continue in Wizard". */
  shown = (ShownWait) { &h, recall_id };
  lotline_recalls_page_show_recall (h.page, recall_id, NULL);
  lotline_test_wait_until (recall_shown, &shown, "the draft on the Recalls page");
  lotline_test_save_drawn_screenshot (GTK_WIDGET (h.window), "recall-wizard-recalls-page-draft.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (h.page), "recalls.continue-draft", NULL));
  wizard = find_wizard ();
  g_assert_nonnull (wizard);
  g_object_add_weak_pointer (G_OBJECT (wizard), (gpointer *) &wizard);
  lotline_test_wait_until (two_seeds, wizard, "the draft to be loaded");
  lotline_recall_wizard_get_spec (wizard, &spec);
  g_assert_cmpstr (spec.number, ==, "R-2026-042");
  g_assert_cmpstr (spec.hazard, ==, complete_spec.hazard);
  g_assert_cmpstr (spec.contact_email, ==, complete_spec.contact_email);
  g_assert_cmpint (spec.classification, ==, LOTLINE_RECALL_CLASS_I);
  g_assert_true (spec.public_warning);

  /* On to the end. */
  g_assert_true (lotline_recall_wizard_go_next (wizard));
  lotline_test_wait_until (graph_shown, wizard, "the scope of the draft");
  g_assert_true (lotline_recall_wizard_go_next (wizard));
  g_assert_true (lotline_recall_wizard_go_next (wizard));
  wait_idle (wizard, "the letter");
  g_assert_true (lotline_recall_wizard_go_next (wizard));
  g_assert_cmpint (lotline_recall_wizard_get_step (wizard), ==, LOTLINE_RECALL_WIZARD_FINISH);
  lotline_test_save_drawn_screenshot (GTK_WIDGET (wizard), "recall-wizard-5-finish.png");

  core = lotline_store_get_recall_scope (demo->store, recall_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (core->lots->len, ==, n_lots);
  dialog = lotline_recall_wizard_confirm_open (wizard);
  g_assert_nonnull (dialog);
  lotline_test_save_drawn_screenshot (dialog, "recall-wizard-5-confirm.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "open");
  lotline_test_wait_until (wizard_opened, wizard, "the recall to open");
  lotline_test_save_drawn_screenshot (GTK_WIDGET (wizard), "recall-wizard-5-open.png");

  open = core_recall (recall_id);
  g_assert_cmpint (open->status, ==, LOTLINE_RECALL_OPEN);
  for (guint i = 0; i < core->lots->len; i++)
    {
      const LotlineRecallLot *affected = g_ptr_array_index (core->lots, i);
      g_autoptr(LotlineLot) lot = lotline_store_get_lot (demo->store, affected->lot_id, &error);

      g_assert_no_error (error);
      g_assert_cmpint (lot->status, ==, LOTLINE_LOT_RECALLED);
    }

  /* Every document button names an action the Recalls page has. */
  g_assert_cmpuint (check_document_buttons (GTK_WIDGET (wizard)), ==, 6);

  /* A document button closes the wizard, shows the recall on the
   * Recalls page and runs the page's action there: here its preview. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.document", "s", "recalls.preview-letters"));
  g_assert_null (wizard);
  lotline_test_wait_until (recall_shown, &shown, "the recall on the Recalls page");
  lotline_test_wait_until (letters_previewed, NULL, "the letters' preview window");
  lotline_test_save_drawn_screenshot (GTK_WIDGET (h.window), "recall-wizard-recalls-page-open.png");
  destroy_other_windows (h.window);
  harness_tear_down (&h);
}

static gboolean
lot_page_loaded (gpointer data)
{
  return !lotline_lot_page_get_loading (data);
}

/* "Start Recall…" on a lot's page: the lot becomes the first seed. */
/* Opens a recall of @lot_id in the core unless the lot is recalled already
 * (the walk's recall covers it when it ran first). */
static void
ensure_recalled (gint64 lot_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineLot) lot = lotline_store_get_lot (demo->store, lot_id, &error);
  LotlineRecallSpec spec = complete_spec;
  gint64 recall_id = 0;

  g_assert_no_error (error);
  if (lot->status == LOTLINE_LOT_RECALLED)
    return;
  spec.number = "R-2026-077";
  g_assert_true (lotline_store_create_recall (demo->store, &spec, &lot_id, 1, &recall_id, &error));
  g_assert_true (lotline_store_open_recall (demo->store, recall_id, &error));
  g_assert_no_error (error);
}

static void
test_from_lot_page (void)
{
  Harness h = { 0 };
  GtkWidget *page;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  LotlineRecallWizard *wizard;
  const gint64 *seeds;
  guint n = 0;

  harness_set_up (&h);
  ensure_recalled (lots[1].id);
  page = lotline_lot_page_new (h.session, lots[1].id);
  gtk_window_set_child (window, page);
  gtk_window_set_default_size (window, 900, 600);
  gtk_window_present (window);
  lotline_test_wait_until (lot_page_loaded, page, "the lot page");
  lotline_test_save_drawn_screenshot (GTK_WIDGET (window), "recall-wizard-lot-page.png");
  g_assert_true (gtk_widget_activate_action (page, "lot.start-recall", NULL));
  wizard = find_wizard ();
  g_assert_nonnull (wizard);
  lotline_test_wait_until (wizard_idle, wizard, "the lot to be added");
  seeds = lotline_recall_wizard_get_seeds (wizard, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (seeds[0], ==, lots[1].id);
  /* The lot is under a recall already: added, and said so. */
  g_assert_nonnull (strstr (lotline_recall_wizard_get_search_message (wizard), "under a recall already"));

  /* Closed while the scope is computed: the job ends quietly. */
  g_object_ref (wizard);
  g_assert_true (lotline_recall_wizard_go_next (wizard));
  g_assert_true (lotline_recall_wizard_get_busy (wizard));
  gtk_window_destroy (GTK_WINDOW (wizard));
  lotline_test_wait_until (wizard_idle, wizard, "the closed wizard's job to end");
  g_object_unref (wizard);
  gtk_window_destroy (window);
  harness_tear_down (&h);
}

static gboolean
one_seed (gpointer data)
{
  guint n = 0;

  lotline_recall_wizard_get_seeds (data, &n);
  return wizard_idle (data) && n == 1;
}

/* Dark, and as narrow as a phone: every step still fits. */
static void
test_narrow_dark (void)
{
  Harness h = { 0 };
  LotlineRecallWizard *wizard;
  const char *names[] = {
    "recall-wizard-narrow-1.png", "recall-wizard-narrow-2.png", "recall-wizard-narrow-3.png",
    "recall-wizard-narrow-4.png", "recall-wizard-narrow-5.png",
  };

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  harness_set_up (&h);
  wizard = lotline_recall_wizard_new (h.window, h.session);
  gtk_window_set_default_size (GTK_WINDOW (wizard), 360, 640);
  gtk_window_present (GTK_WINDOW (wizard));
  lotline_recall_wizard_add_seed (wizard, lots[0].id);
  lotline_test_wait_until (one_seed, wizard, "the seed to be added");
  lotline_recall_wizard_set_spec (wizard, &complete_spec);
  for (guint step = 0; step < G_N_ELEMENTS (names); step++)
    {
      g_assert_cmpint (lotline_recall_wizard_get_step (wizard), ==, step);
      if (step == LOTLINE_RECALL_WIZARD_SCOPE)
        lotline_test_wait_until (graph_shown, wizard, "the scope");
      wait_idle (wizard, "the step");
      lotline_test_save_drawn_screenshot (GTK_WIDGET (wizard), names[step]);
      g_test_message ("step %u is %d px wide", step, gtk_widget_get_width (GTK_WIDGET (wizard)));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (wizard)), <=, 360);
      if (step + 1 < G_N_ELEMENTS (names))
        g_assert_true (lotline_recall_wizard_go_next (wizard));
    }
  gtk_window_destroy (GTK_WINDOW (wizard));
  harness_tear_down (&h);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
}

/* Two finished lots with a GTIN, stock on hand and a few consignees each. */
static void
find_demo_lots (void)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_open_v2 (demo->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT lot.id, lot.code, product.gtin FROM lot"
    " JOIN product ON product.id = lot.product_id"
    " JOIN event_line ON event_line.lot_id = lot.id"
    " JOIN event ON event.id = event_line.event_id"
    " WHERE product.kind = 'finished' AND product.gtin IS NOT NULL AND event.kind = 'ship'"
    "   AND EXISTS (SELECT 1 FROM stock WHERE stock.lot_id = lot.id AND stock.quantity > 0)"
    " GROUP BY lot.id HAVING COUNT (DISTINCT event.party_id) BETWEEN 2 AND 5"
    " ORDER BY lot.id LIMIT 2", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *gtin = (const char *) sqlite3_column_text (stmt, 2);

      lots[n].id = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (lots[n].code, (const char *) sqlite3_column_text (stmt, 1), sizeof lots[n].code);
      /* As GTIN-14 for AI (01). */
      g_snprintf (lots[n].gtin, sizeof lots[n].gtin, "%.*s%s", (int) (14 - strlen (gtin)), "000000", gtin);
      n++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  lotline_test_ui_init (&argc, &argv, TODAY);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  demo = lotline_test_demo_store_new (TODAY);
  find_demo_lots ();

  g_test_add_func ("/lotline/ui/recall-wizard/walk", test_walk);
  g_test_add_func ("/lotline/ui/recall-wizard/from-lot-page", test_from_lot_page);
  g_test_add_func ("/lotline/ui/recall-wizard/narrow-dark", test_narrow_dark);

  status = g_test_run ();
  lotline_test_store_free (demo);
  return status;
}
