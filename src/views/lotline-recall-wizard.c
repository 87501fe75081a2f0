/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The recall wizard's window: navigation between the five steps, the
 * validation that decides whether Next is allowed, and the first step —
 * finding the seed lots by search or by a scanned GS1 label. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotline-gs1.h"
#include "lotline-query.h"
#include "lotline-recall-wizard-private.h"
#include "lotline-scan.h"
#include "lotline-settings.h"
#include "lotline-view-util.h"

/* How many matches the search lists. */
#define RESULT_LIMIT 20

G_DEFINE_FINAL_TYPE (LotlineRecallWizard, lotline_recall_wizard, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
lotline_wizard_lot_free (gpointer data)
{
  LotlineWizardLot *lot = data;

  if (lot == NULL)
    return;
  g_free (lot->code);
  g_free (lot->product);
  g_free (lot->unit);
  g_free (lot);
}

static LotlineWizardLot *
wizard_lot_copy (const LotlineWizardLot *lot)
{
  LotlineWizardLot *copy = g_memdup2 (lot, sizeof *lot);

  copy->code = g_strdup (lot->code);
  copy->product = g_strdup (lot->product);
  copy->unit = g_strdup (lot->unit);
  return copy;
}

/* ---- jobs and feedback ----------------------------------------------------- */

gboolean
lotline_recall_wizard_gone (LotlineRecallWizard *self)
{
  return g_cancellable_is_cancelled (self->cancellable);
}

void
lotline_recall_wizard_job_started (LotlineRecallWizard *self)
{
  self->n_jobs++;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  lotline_recall_wizard_update (self);
}

void
lotline_recall_wizard_job_done (LotlineRecallWizard *self)
{
  g_return_if_fail (self->n_jobs > 0);

  self->n_jobs--;
  if (lotline_recall_wizard_gone (self))
    return;
  if (self->n_jobs == 0)
    {
      gtk_spinner_set_spinning (self->spinner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
    }
  lotline_recall_wizard_update (self);
}

void
lotline_recall_wizard_toast (LotlineRecallWizard *self,
                             const char          *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

/* ---- navigation ------------------------------------------------------------ */

static const char * const step_names[LOTLINE_RECALL_WIZARD_N_STEPS] = {
  "seeds", "scope", "details", "preview", "finish",
};

static const char *
step_title (LotlineRecallWizardStep step)
{
  const char *titles[LOTLINE_RECALL_WIZARD_N_STEPS] = {
    _("Seed Lots"), _("Scope Review"), _("Case Details"), _("Letter Preview"), _("Finish"),
  };

  return titles[step];
}

/* Why Next is refused on the current step, or NULL. */
static char *
dup_step_hint (LotlineRecallWizard *self)
{
  switch (self->step)
    {
    case LOTLINE_RECALL_WIZARD_SEEDS:
      if (self->seeds->len == 0)
        return g_strdup (_("Add at least one suspect lot to continue: search for it or scan its label."));
      return NULL;
    case LOTLINE_RECALL_WIZARD_SCOPE:
      if (self->scope_failed)
        return g_strdup (_("The scope could not be computed. Go back and check the seed lots."));
      if (!lotline_recall_wizard_scope_current (self))
        return g_strdup (_("The scope is being computed…"));
      return NULL;
    case LOTLINE_RECALL_WIZARD_DETAILS:
      return lotline_recall_wizard_check_details (self);
    case LOTLINE_RECALL_WIZARD_PREVIEW:
      return NULL;
    case LOTLINE_RECALL_WIZARD_FINISH:
    case LOTLINE_RECALL_WIZARD_N_STEPS:
    default:
      if (self->opened)
        return NULL;
      return lotline_recall_wizard_check_details (self);
    }
}

gboolean
lotline_recall_wizard_can_save (LotlineRecallWizard *self)
{
  g_autofree char *details_hint = lotline_recall_wizard_check_details (self);

  return self->n_jobs == 0 && details_hint == NULL && self->seeds->len > 0 && !self->opened;
}

void
lotline_recall_wizard_update (LotlineRecallWizard *self)
{
  gboolean idle = self->n_jobs == 0;
  gboolean finish = self->step == LOTLINE_RECALL_WIZARD_FINISH;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  LotlineRecallSpec spec;

  g_clear_pointer (&self->hint, g_free);
  self->hint = dup_step_hint (self);

  /* Translators: the wizard's subtitle, e.g. "Step 2 of 5: Scope Review" */
  subtitle = g_strdup_printf (_("Step %u of %u: %s"), self->step + 1, LOTLINE_RECALL_WIZARD_N_STEPS,
                              step_title (self->step));
  lotline_recall_wizard_get_spec (self, &spec);
  if (self->recall_id != 0 && *spec.number != '\0')
    /* Translators: the wizard's title; %s is the recall number */
    title = g_strdup_printf (_("Recall %s"), spec.number);
  adw_window_title_set_title (self->window_title, title != NULL ? title : _("New Recall"));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_label_set_label (self->hint_label, self->hint != NULL ? self->hint : "");
  gtk_revealer_set_reveal_child (self->hint_revealer, self->hint != NULL && !self->opened);

  gtk_widget_set_visible (self->back_button, self->step > 0 && !self->opened);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", self->step > 0 && !self->opened);
  gtk_button_set_label (GTK_BUTTON (self->next_button), finish ? _("_Open Recall…") : _("_Next"));
  gtk_widget_set_visible (self->next_button, !self->opened);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 self->hint == NULL && !self->opened && (idle || !finish));
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), self->opened ? _("_Close") : _("_Cancel"));

  /* The finish step has its own Save Draft beside the summary. */
  gtk_widget_set_visible (self->draft_button, self->step >= LOTLINE_RECALL_WIZARD_DETAILS && !finish);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.save-draft", lotline_recall_wizard_can_save (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.document", self->opened);
}

static void
show_step (LotlineRecallWizard     *self,
           LotlineRecallWizardStep  step)
{
  self->step = step;
  gtk_stack_set_visible_child_name (self->stack, step_names[step]);
  switch (step)
    {
    case LOTLINE_RECALL_WIZARD_SCOPE:
      lotline_recall_wizard_load_scope (self);
      break;
    case LOTLINE_RECALL_WIZARD_DETAILS:
      lotline_recall_wizard_update_sample (self);
      break;
    case LOTLINE_RECALL_WIZARD_PREVIEW:
      lotline_recall_wizard_load_letters (self);
      break;
    case LOTLINE_RECALL_WIZARD_FINISH:
      lotline_recall_wizard_show_summary (self);
      break;
    case LOTLINE_RECALL_WIZARD_SEEDS:
    case LOTLINE_RECALL_WIZARD_N_STEPS:
    default:
      break;
    }
  lotline_recall_wizard_update (self);
}

gboolean
lotline_recall_wizard_go_next (LotlineRecallWizard *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), FALSE);

  lotline_recall_wizard_update (self);
  if (!gtk_widget_is_sensitive (self->next_button) || !gtk_widget_get_visible (self->next_button))
    return FALSE;
  if (self->step == LOTLINE_RECALL_WIZARD_FINISH)
    {
      lotline_recall_wizard_confirm_open (self);
      return TRUE;
    }
  show_step (self, self->step + 1);
  return TRUE;
}

void
lotline_recall_wizard_go_back (LotlineRecallWizard *self)
{
  g_return_if_fail (LOTLINE_IS_RECALL_WIZARD (self));

  if (self->step > 0 && !self->opened)
    show_step (self, self->step - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lotline_recall_wizard_go_next (LOTLINE_RECALL_WIZARD (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lotline_recall_wizard_go_back (LOTLINE_RECALL_WIZARD (widget));
}

LotlineRecallWizardStep
lotline_recall_wizard_get_step (LotlineRecallWizard *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), 0);

  return self->step;
}

const char *
lotline_recall_wizard_get_hint (LotlineRecallWizard *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), NULL);

  return self->hint;
}

gboolean
lotline_recall_wizard_get_busy (LotlineRecallWizard *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), FALSE);

  return self->n_jobs > 0;
}

/* ---- step 1: the seed lots ------------------------------------------------- */

static char *
dup_lot_subtitle (const LotlineWizardLot *lot)
{
  g_autofree char *quantity = lotline_view_format_quantity (lot->on_hand, lot->unit);

  /* Translators: a lot's product, status and stock, e.g. "JAM-1 · Jam · released · 20 kg on hand" */
  return g_strdup_printf (_("%s · %s · %s on hand"), lot->product,
                          lotline_lot_status_to_display (lot->status), quantity);
}

static void
on_remove_seed_clicked_cb (GtkButton           *button,
                           LotlineRecallWizard *self)
{
  gint64 *lot_id = g_object_get_data (G_OBJECT (button), "lot-id");

  lotline_recall_wizard_remove_seed (self, *lot_id);
}

static void
fill_seeds_list (LotlineRecallWizard *self)
{
  lotline_view_list_box_clear (self->seeds_list);
  for (guint i = 0; i < self->seeds->len; i++)
    {
      const LotlineWizardLot *lot = g_ptr_array_index (self->seeds, i);
      g_autofree char *subtitle = dup_lot_subtitle (lot);
      g_autofree char *label = NULL;
      GtkWidget *row = lotline_view_info_row_new (lot->code, subtitle);
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

      /* Translators: the accessible name of a seed lot's remove button */
      label = g_strdup_printf (_("Remove lot %s"), lot->code);
      gtk_widget_set_tooltip_text (remove, label);
      lotline_view_set_accessible_label (remove, label);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      g_object_set_data_full (G_OBJECT (remove), "lot-id", g_memdup2 (&lot->lot_id, sizeof lot->lot_id), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_seed_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->seeds_list, row);
    }
  if (self->seeds->len == 0)
    gtk_list_box_append (self->seeds_list,
                         lotline_view_info_row_new (_("No seed lots yet"),
                                                    _("Search above and pick a lot, or scan its label.")));
}

/* Adds @lot unless it is a seed already; TRUE when added. */
static gboolean
add_seed_lot (LotlineRecallWizard    *self,
              const LotlineWizardLot *lot)
{
  for (guint i = 0; i < self->seed_ids->len; i++)
    if (g_array_index (self->seed_ids, gint64, i) == lot->lot_id)
      return FALSE;
  g_ptr_array_add (self->seeds, wizard_lot_copy (lot));
  g_array_append_val (self->seed_ids, lot->lot_id);
  fill_seeds_list (self);
  lotline_recall_wizard_update (self);
  return TRUE;
}

void
lotline_recall_wizard_remove_seed (LotlineRecallWizard *self,
                                   gint64               lot_id)
{
  g_return_if_fail (LOTLINE_IS_RECALL_WIZARD (self));

  for (guint i = 0; i < self->seed_ids->len; i++)
    if (g_array_index (self->seed_ids, gint64, i) == lot_id)
      {
        g_array_remove_index (self->seed_ids, i);
        g_ptr_array_remove_index (self->seeds, i);
        break;
      }
  fill_seeds_list (self);
  lotline_recall_wizard_update (self);
}

const gint64 *
lotline_recall_wizard_get_seeds (LotlineRecallWizard *self,
                                 guint               *n_seeds)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), NULL);

  if (n_seeds != NULL)
    *n_seeds = self->seed_ids->len;
  return (const gint64 *) self->seed_ids->data;
}

/* ---- looking lots up on a worker -------------------------------------------- */

typedef enum {
  LOOKUP_SEARCH,   /* as the person types: the matching lots */
  LOOKUP_ENTER,    /* Enter or a scan: one lot if the text names one */
  LOOKUP_ID,       /* a lot id */
} LookupKind;

typedef struct {
  LookupKind   kind;
  char        *text;
  LotlineScan *scan;   /* LOOKUP_ENTER: what a scanner sent, or NULL for typed text */
  char        *today;
  gint64       lot_id;
} LookupJob;

typedef struct {
  GPtrArray *lots;      /* LotlineWizardLot */
  gboolean   exact;     /* the text named exactly the one lot in lots */
  char      *message;   /* what to tell the person, or NULL */
} LookupResult;

static void
lookup_job_free (gpointer data)
{
  LookupJob *job = data;

  g_free (job->text);
  g_clear_pointer (&job->scan, lotline_scan_free);
  g_free (job->today);
  g_free (job);
}

static void
lookup_result_free (gpointer data)
{
  LookupResult *result = data;

  g_clear_pointer (&result->lots, g_ptr_array_unref);
  g_free (result->message);
  g_free (result);
}

LotlineWizardLot *
lotline_wizard_lot_read (LotlineStore  *store,
                         gint64         lot_id,
                         const char    *today,
                         GError       **error)
{
  g_autoptr(LotlineLot) lot = lotline_store_get_lot (store, lot_id, error);
  LotlineWizardLot *out;

  if (lot == NULL)
    return NULL;
  out = g_new0 (LotlineWizardLot, 1);
  out->lot_id = lot->id;
  out->code = g_strdup (lot->code);
  out->product = g_strdup_printf ("%s · %s", lot->product_sku, lot->product_name);
  out->unit = g_strdup (lot->unit);
  out->on_hand = lot->on_hand;
  out->status = lotline_lot_effective_status (lot, today);
  return out;
}

static gboolean
search_lots (LotlineStore  *store,
             LookupJob     *job,
             LookupResult  *result,
             GError       **error)
{
  LotlineLotQuery query;
  g_autoptr(GPtrArray) rows = NULL;

  lotline_lot_query_init (&query, job->today);
  query.search = job->text;
  rows = lotline_store_query_lots (store, &query, 0, RESULT_LIMIT, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const LotlineLotRow *row = g_ptr_array_index (rows, i);
      LotlineWizardLot *lot = g_new0 (LotlineWizardLot, 1);

      lot->lot_id = row->id;
      lot->code = g_strdup (row->code);
      lot->product = g_strdup_printf ("%s · %s", row->product_sku, row->product_name);
      lot->unit = g_strdup (row->unit);
      lot->on_hand = row->on_hand;
      lot->status = row->status;
      g_ptr_array_add (result->lots, lot);
    }
  return TRUE;
}

/* Reads @text as scanner data with the scanner-gs-character preference
 * (lotline-scan.h): NULL without an error for typed words. */
static LotlineScan *
parse_scan (const char  *text,
            GError     **error)
{
  g_autoptr(GSettings) settings = lotline_settings_dup ();
  g_autofree char *gs = settings != NULL ? g_settings_get_string (settings, "scanner-gs-character")
                                         : g_strdup (LOTLINE_SCAN_GS);

  return lotline_scan_parse (text, gs, error);
}

static gboolean lookup_code (LotlineStore *store, LookupJob *job, LookupResult *result, GError **error);

/* The lot a scan names: GTIN (01) and lot (10), or a lot code alone. */
static gboolean
lookup_scan (LotlineStore  *store,
             LookupJob     *job,
             LookupResult  *result,
             GError       **error)
{
  const LotlineScan *scan = job->scan;
  LotlineWizardLot *lot;
  gint64 lot_id = 0;

  if (scan->lot_code == NULL)
    {
      g_set_error_literal (error, LOTLINE_GS1_ERROR, LOTLINE_GS1_ERROR_SYNTAX,
                           _("The scanned label has no lot number (10). Scan the barcode that carries the lot number."));
      return FALSE;
    }
  if (scan->gtin == NULL)
    {
      g_free (job->text);
      job->text = g_strdup (scan->lot_code);
      return lookup_code (store, job, result, error);
    }
  if (!lotline_store_find_lot_by_gtin (store, scan->gtin, scan->lot_code, scan->expires_on,
                                       &lot_id, NULL, error))
    return FALSE;
  lot = lotline_wizard_lot_read (store, lot_id, job->today, error);
  if (lot == NULL)
    return FALSE;
  g_ptr_array_add (result->lots, lot);
  result->exact = TRUE;
  return TRUE;
}

/* Enter on a plain text: the lot with exactly that code, else the matches. */
static gboolean
lookup_code (LotlineStore  *store,
             LookupJob     *job,
             LookupResult  *result,
             GError       **error)
{
  g_autoptr(GArray) ids = lotline_store_find_lots (store, job->text, NULL, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      LotlineWizardLot *lot = lotline_wizard_lot_read (store, g_array_index (ids, gint64, i), job->today, error);

      if (lot == NULL)
        return FALSE;
      g_ptr_array_add (result->lots, lot);
    }
  if (ids->len == 1)
    {
      result->exact = TRUE;
      return TRUE;
    }
  if (ids->len > 1)
    {
      /* Translators: %s is a lot code that several products' lots share */
      result->message = g_strdup_printf (_("Several lots have the code “%s”. Add the right one from the list."), job->text);
      return TRUE;
    }
  if (!search_lots (store, job, result, error))
    return FALSE;
  if (result->lots->len == 0)
    /* Translators: %s is what the person typed or scanned */
    result->message = g_strdup_printf (_("No lot matches “%s”. Check the code, or search by product name."), job->text);
  return TRUE;
}

static gpointer
lookup_lots (LotlineStore  *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  LookupJob *job = data;
  LookupResult *result = g_new0 (LookupResult, 1);
  gboolean ok;

  result->lots = g_ptr_array_new_with_free_func (lotline_wizard_lot_free);
  switch (job->kind)
    {
    case LOOKUP_ID:
      {
        LotlineWizardLot *lot = lotline_wizard_lot_read (store, job->lot_id, job->today, error);

        ok = lot != NULL;
        if (ok)
          g_ptr_array_add (result->lots, lot);
        result->exact = ok;
      }
      break;
    case LOOKUP_ENTER:
      ok = job->scan != NULL ? lookup_scan (store, job, result, error)
                             : lookup_code (store, job, result, error);
      break;
    case LOOKUP_SEARCH:
    default:
      ok = search_lots (store, job, result, error);
      break;
    }
  if (!ok)
    {
      lookup_result_free (result);
      return NULL;
    }
  return result;
}

static void
show_search_message (LotlineRecallWizard *self,
                     const char          *message,
                     gboolean             error)
{
  gtk_label_set_label (self->search_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->search_message), message != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->search_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->search_message), "error");
}

/* Adds @lot as a seed and says so under the search field. */
static void
add_seed_and_say (LotlineRecallWizard    *self,
                  const LotlineWizardLot *lot)
{
  g_autofree char *text = NULL;

  if (!add_seed_lot (self, lot))
    /* Translators: %s is a lot code */
    text = g_strdup_printf (_("Lot %s is a seed already."), lot->code);
  else if (lot->status == LOTLINE_LOT_RECALLED)
    /* Translators: %s is a lot code */
    text = g_strdup_printf (_("Added lot %s. It is under a recall already; this recall covers it too."), lot->code);
  else
    /* Translators: after a scan, Enter or a search result added a seed lot */
    text = g_strdup_printf (_("Added lot %s."), lot->code);
  show_search_message (self, text, FALSE);
}

static void
show_results (LotlineRecallWizard *self,
              GPtrArray           *lots)
{
  lotline_view_list_box_clear (self->results_list);
  for (guint i = 0; lots != NULL && i < lots->len; i++)
    {
      const LotlineWizardLot *lot = g_ptr_array_index (lots, i);
      g_autofree char *subtitle = dup_lot_subtitle (lot);
      GtkWidget *row = lotline_view_info_row_new (lot->code, subtitle);
      GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      g_object_set_data_full (G_OBJECT (row), "lot", wizard_lot_copy (lot), lotline_wizard_lot_free);
      gtk_list_box_append (self->results_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), lots != NULL && lots->len > 0);
}

typedef struct {
  LotlineRecallWizard *self;
  LookupKind           kind;
  guint                generation;
} LookupWait;

static void
on_lookup_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LookupWait *wait = user_data;
  g_autoptr(LotlineRecallWizard) self = wait->self;
  LookupKind kind = wait->kind;
  guint generation = wait->generation;
  g_autoptr(GError) error = NULL;
  LookupResult *found = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);

  g_free (wait);
  lotline_recall_wizard_job_done (self);
  if (lotline_recall_wizard_gone (self) || (kind != LOOKUP_ID && generation != self->search_generation))
    {
      g_clear_pointer (&found, lookup_result_free);   /* The text changed meanwhile. */
      return;
    }
  if (found == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (error->domain == LOTLINE_GS1_ERROR)
        /* Translators: after what was wrong with a scanned label */
        text = g_strdup_printf (_("%s Check the label, or type the lot code to search for it."), error->message);
      show_search_message (self, text != NULL ? text : error->message, TRUE);
      return;
    }
  if (found->exact)
    {
      add_seed_and_say (self, g_ptr_array_index (found->lots, 0));
      if (kind == LOOKUP_ENTER)
        {
          self->search_generation++;
          gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
          show_results (self, NULL);
        }
    }
  else
    {
      show_search_message (self, found->message, found->message != NULL && found->lots->len == 0);
      show_results (self, found->lots);
    }
  lookup_result_free (found);
}

static void
start_lookup (LotlineRecallWizard *self,
              LookupKind           kind,
              const char          *text,
              LotlineScan         *scan,
              gint64               lot_id)
{
  LookupJob *job = g_new0 (LookupJob, 1);
  LookupWait *wait = g_new0 (LookupWait, 1);

  job->kind = kind;
  job->text = g_strdup (text);
  job->scan = scan;
  job->lot_id = lot_id;
  job->today = lotline_session_dup_today (self->session);
  if (kind != LOOKUP_ID)
    self->search_generation++;
  wait->self = g_object_ref (self);
  wait->kind = kind;
  wait->generation = self->search_generation;
  lotline_recall_wizard_job_started (self);
  lotline_session_run_async (self->session, lookup_lots, job, lookup_job_free, lookup_result_free,
                             self->cancellable, on_lookup_done_cb, wait);
}

static void
on_search_changed_cb (LotlineRecallWizard *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr(LotlineScan) scan = NULL;
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;
  if (*text != '\0')
    scan = parse_scan (text, &error);
  if (*text == '\0' || scan != NULL || error != NULL)
    {
      /* Scanned data is looked up on Enter, not searched as words. */
      self->search_generation++;
      show_results (self, NULL);
      return;
    }
  show_search_message (self, NULL, FALSE);
  start_lookup (self, LOOKUP_SEARCH, text, NULL, 0);
}

static void
on_search_activate_cb (LotlineRecallWizard *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  g_autoptr(GError) error = NULL;
  LotlineScan *scan;

  if (self->session == NULL || *text == '\0')
    return;
  scan = parse_scan (text, &error);
  if (error != NULL)
    {
      g_autofree char *message = lotline_scan_describe_error (error);

      show_search_message (self, message, TRUE);
      return;
    }
  show_search_message (self, NULL, FALSE);
  start_lookup (self, LOOKUP_ENTER, text, scan, 0);
}

static void
on_result_activated_cb (LotlineRecallWizard *self,
                        GtkListBoxRow       *row)
{
  const LotlineWizardLot *lot = g_object_get_data (G_OBJECT (row), "lot");

  if (lot == NULL)
    return;
  add_seed_and_say (self, lot);
}

void
lotline_recall_wizard_add_seed (LotlineRecallWizard *self,
                                gint64               lot_id)
{
  g_return_if_fail (LOTLINE_IS_RECALL_WIZARD (self));
  g_return_if_fail (lot_id > 0);

  start_lookup (self, LOOKUP_ID, NULL, NULL, lot_id);
}

GtkEditable *
lotline_recall_wizard_get_search_entry (LotlineRecallWizard *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkListBox *
lotline_recall_wizard_get_results (LotlineRecallWizard *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), NULL);

  return self->results_list;
}

const char *
lotline_recall_wizard_get_search_message (LotlineRecallWizard *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->search_message)))
    return NULL;
  return gtk_label_get_label (self->search_message);
}

/* Replaces the seeds with @lots (a loaded draft's). */
void
lotline_recall_wizard_set_seed_lots (LotlineRecallWizard *self,
                                     GPtrArray           *lots)
{
  g_ptr_array_set_size (self->seeds, 0);
  g_array_set_size (self->seed_ids, 0);
  for (guint i = 0; i < lots->len; i++)
    add_seed_lot (self, g_ptr_array_index (lots, i));
  fill_seeds_list (self);
  lotline_recall_wizard_update (self);
}

/* ---- GObject ----------------------------------------------------------------- */

LotlineRecallWizard *
lotline_recall_wizard_new (GtkWindow      *parent,
                           LotlineSession *session)
{
  g_return_val_if_fail (LOTLINE_IS_SESSION (session), NULL);

  return g_object_new (LOTLINE_TYPE_RECALL_WIZARD,
                       "transient-for", parent,
                       "session", session,
                       NULL);
}

static void
lotline_recall_wizard_constructed (GObject *object)
{
  LotlineRecallWizard *self = LOTLINE_RECALL_WIZARD (object);

  G_OBJECT_CLASS (lotline_recall_wizard_parent_class)->constructed (object);

  if (self->session != NULL)
    lotline_recall_wizard_prefill (self);
  fill_seeds_list (self);
  show_step (self, LOTLINE_RECALL_WIZARD_SEEDS);
}

static void
lotline_recall_wizard_dispose (GObject *object)
{
  LotlineRecallWizard *self = LOTLINE_RECALL_WIZARD (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOTLINE_TYPE_RECALL_WIZARD);
  G_OBJECT_CLASS (lotline_recall_wizard_parent_class)->dispose (object);
}

static void
lotline_recall_wizard_finalize (GObject *object)
{
  LotlineRecallWizard *self = LOTLINE_RECALL_WIZARD (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->hint, g_free);
  g_clear_pointer (&self->seeds, g_ptr_array_unref);
  g_clear_pointer (&self->seed_ids, g_array_unref);
  g_clear_pointer (&self->scope, lotline_recall_scope_free);
  g_clear_pointer (&self->scope_ids, g_array_unref);
  g_clear_pointer (&self->letters, lotline_render_document_unref);
  g_clear_pointer (&self->letters_key, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    g_clear_pointer (&self->strings[i], g_free);
  G_OBJECT_CLASS (lotline_recall_wizard_parent_class)->finalize (object);
}

static void
lotline_recall_wizard_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LotlineRecallWizard *self = LOTLINE_RECALL_WIZARD (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_recall_wizard_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LotlineRecallWizard *self = LOTLINE_RECALL_WIZARD (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_recall_wizard_class_init (LotlineRecallWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lotline_recall_wizard_constructed;
  object_class->dispose = lotline_recall_wizard_dispose;
  object_class->finalize = lotline_recall_wizard_finalize;
  object_class->get_property = lotline_recall_wizard_get_property;
  object_class->set_property = lotline_recall_wizard_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LOTLINE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LOTLINE_TYPE_GRAPH_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lotline/Lotline/lotline-recall-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, draft_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, spinner);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, search_message);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, results_list);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, seeds_list);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, scope_stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, scope_error_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, totals_box);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, graph_stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, graph_error_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, graph_view);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, lots_view);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, stock_view);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, consignees_view);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, roots_list);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, number_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, title_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, reason_group);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, hazard_group);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, instructions_group);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, discovered_how_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, discovered_on_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, class_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, depth_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, warning_switch);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, check_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, contact_name_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, contact_phone_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, contact_email_row);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, consignee_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, paper_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, preview_error_page);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, preview_bin);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, summary_list);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, finish_label);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, finish_draft_button);
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallWizard, documents_group);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated_cb);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "wizard.save-draft", NULL);
  lotline_recall_wizard_class_add_details (widget_class);
  lotline_recall_wizard_class_add_finish (widget_class);
}

static void
lotline_recall_wizard_init (LotlineRecallWizard *self)
{
  self->seeds = g_ptr_array_new_with_free_func (lotline_wizard_lot_free);
  self->seed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->scope_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cancellable = g_cancellable_new ();

  lotline_view_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  lotline_recall_wizard_scope_init (self);
  lotline_recall_wizard_details_init (self);
  lotline_recall_wizard_finish_init (self);
}
