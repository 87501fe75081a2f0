/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The recall wizard's last steps: the letter preview of one consignee at a
 * time, the summary, saving and resuming drafts, opening the recall, and
 * handing over to the Recalls page for the documents. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-document-preview.h"
#include "lotline-letterhead.h"
#include "lotline-recall-wizard-private.h"
#include "lotline-recalls-page.h"
#include "lotline-render-recall.h"
#include "lotline-view-util.h"

/* ---- step 4: the letter preview -------------------------------------------- */

typedef struct {
  LotlineRecall     *recall;
  LotlinePaper       paper;
  guint              consignee;
  LotlineLetterhead *letterhead;
} LettersJob;

static void
letters_job_free (gpointer data)
{
  LettersJob *job = data;

  lotline_recall_free (job->recall);
  lotline_letterhead_free (job->letterhead);
  g_free (job);
}

static gpointer
render_letter (LotlineStore  *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  LettersJob *job = data;
  LotlineRenderCompany company;
  g_autoptr(LotlineRecallScope) scope = NULL;

  /* The scope again, from the seeds: the wizard's own may be replaced
   * while this runs. */
  scope = lotline_store_recall_scope (store, (const gint64 *) job->recall->seed_lot_ids->data,
                                      job->recall->seed_lot_ids->len, error);
  if (scope == NULL)
    return NULL;
  lotline_letterhead_get_company (job->letterhead, &company);
  return lotline_render_recall_letter_document (job->paper, &company, job->recall, scope,
                                                job->consignee, error);
}

typedef struct {
  LotlineRecallWizard *self;
  guint                generation;
} LettersWait;

static void
show_preview_error (LotlineRecallWizard *self,
                    const char          *title,
                    const char          *description)
{
  adw_status_page_set_title (self->preview_error_page, title);
  adw_status_page_set_description (self->preview_error_page, description);
  gtk_stack_set_visible_child_name (self->preview_stack, "error");
}

static void
on_letter_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LettersWait *wait = user_data;
  g_autoptr(LotlineRecallWizard) self = wait->self;
  guint generation = wait->generation;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineRenderDocument) document = lotline_session_run_finish (LOTLINE_SESSION (source_object),
                                                                           result, &error);

  g_free (wait);
  lotline_recall_wizard_job_done (self);
  if (lotline_recall_wizard_gone (self) || generation != self->letters_generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (document == NULL)
    {
      show_preview_error (self, _("No Preview"), error != NULL ? error->message : NULL);
      return;
    }
  g_clear_pointer (&self->letters, lotline_render_document_unref);
  self->letters = lotline_render_document_ref (document);
  lotline_document_preview_set_document (LOTLINE_DOCUMENT_PREVIEW (self->preview), document);
  lotline_document_preview_set_page (LOTLINE_DOCUMENT_PREVIEW (self->preview), 0);
  gtk_stack_set_visible_child_name (self->preview_stack, "preview");
}

/* The consignees of the scope in the dropdown, keeping the one chosen. */
static void
fill_consignees (LotlineRecallWizard      *self,
                 const LotlineRecallScope *scope)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->consignee_dropdown);
  GListModel *old = gtk_drop_down_get_model (self->consignee_dropdown);

  for (guint i = 0; i < scope->consignees->len; i++)
    {
      const LotlineRecallConsignee *c = g_ptr_array_index (scope->consignees, i);
      g_autofree char *label = c->city != NULL ? g_strdup_printf ("%s, %s", c->name, c->city) : g_strdup (c->name);

      gtk_string_list_append (names, label);
    }
  if (old != NULL && g_list_model_get_n_items (old) == scope->consignees->len)
    return;   /* The same scope: keep the model and the choice. */
  self->filling++;
  gtk_drop_down_set_model (self->consignee_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->consignee_dropdown, selected < scope->consignees->len ? selected : 0);
  self->filling--;
}

void
lotline_recall_wizard_load_letters (LotlineRecallWizard *self)
{
  const LotlineRecallScope *scope = lotline_recall_wizard_get_scope (self);
  LettersJob *job;
  LettersWait *wait;

  self->letters_generation++;
  if (scope == NULL || self->session == NULL)
    return;
  if (scope->consignees->len == 0)
    {
      show_preview_error (self, _("No Letters"),
                          _("No customer received an affected lot, so there is no one to write to. The recall still quarantines the stock on hand."));
      return;
    }
  fill_consignees (self, scope);
  job = g_new0 (LettersJob, 1);
  job->letterhead = lotline_letterhead_dup_from_settings ();
  if (job->letterhead == NULL)
    {
      letters_job_free (job);
      show_preview_error (self, _("No Letterhead"),
                          _("Set your company’s name and address in Preferences first: they head every letter."));
      return;
    }
  job->recall = lotline_recall_wizard_dup_recall (self);
  job->paper = gtk_drop_down_get_selected (self->paper_dropdown) == 1 ? LOTLINE_PAPER_LETTER : LOTLINE_PAPER_A4;
  job->consignee = gtk_drop_down_get_selected (self->consignee_dropdown);
  wait = g_new0 (LettersWait, 1);
  wait->self = g_object_ref (self);
  wait->generation = self->letters_generation;
  gtk_stack_set_visible_child_name (self->preview_stack, "loading");
  lotline_recall_wizard_job_started (self);
  lotline_session_run_async (self->session, render_letter, job, letters_job_free,
                             (GDestroyNotify) lotline_render_document_unref, self->cancellable,
                             on_letter_done_cb, wait);
}

static void
on_consignee_selected_cb (LotlineRecallWizard *self)
{
  if (self->filling == 0 && self->step == LOTLINE_RECALL_WIZARD_PREVIEW)
    lotline_recall_wizard_load_letters (self);
}

static void
on_paper_selected_cb (LotlineRecallWizard *self)
{
  on_consignee_selected_cb (self);
}

void
lotline_recall_wizard_set_consignee (LotlineRecallWizard *self,
                                     guint                index)
{
  g_return_if_fail (LOTLINE_IS_RECALL_WIZARD (self));

  gtk_drop_down_set_selected (self->consignee_dropdown, index);
}

GtkWidget *
lotline_recall_wizard_get_preview (LotlineRecallWizard *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), NULL);

  return self->preview;
}

/* ---- step 5: the summary ------------------------------------------------------ */

/* Lots with stock on hand: what opening quarantines. */
static guint
count_lots_on_hand (const LotlineRecallScope *scope)
{
  guint n = 0;

  for (guint i = 0; i < scope->lots->len; i++)
    if (((LotlineRecallLot *) g_ptr_array_index (scope->lots, i))->on_hand > 0)
      n++;
  return n;
}

static void
add_summary_row (LotlineRecallWizard *self,
                 const char          *title,
                 const char          *value)
{
  gtk_list_box_append (self->summary_list, lotline_view_info_row_new (title, value));
}

static char *
dup_seed_codes (LotlineRecallWizard *self)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < self->seeds->len; i++)
    g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "",
                            ((LotlineWizardLot *) g_ptr_array_index (self->seeds, i))->code);
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

void
lotline_recall_wizard_show_summary (LotlineRecallWizard *self)
{
  const LotlineRecallScope *scope = lotline_recall_wizard_get_scope (self);
  LotlineRecallSpec spec;
  g_autofree char *case_title = NULL;
  g_autofree char *seeds = dup_seed_codes (self);
  g_autofree char *lots = NULL;
  g_autofree char *on_hand = NULL;
  g_autofree char *consignees = NULL;
  g_autofree char *text = NULL;
  guint n_on_hand = scope != NULL ? count_lots_on_hand (scope) : 0;
  guint n_lots = scope != NULL ? scope->lots->len : 0;
  guint n_consignees = scope != NULL ? scope->consignees->len : 0;

  lotline_recall_wizard_get_spec (self, &spec);
  case_title = g_strdup_printf ("%s — %s", spec.number, spec.title != NULL ? spec.title : spec.number);
  /* Translators: the summary's count of affected lots */
  lots = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lot, %u of them with stock on hand",
                                       "%u lots, %u of them with stock on hand", n_lots), n_lots, n_on_hand);
  on_hand = scope != NULL ? lotline_recall_wizard_format_total (scope, scope->total_on_hand)
                          : lotline_view_format_quantity (0, NULL);
  /* Translators: the summary's consignees and how many will be checked */
  consignees = g_strdup_printf (_("%u to notify, %u to check for effectiveness"), n_consignees,
                                lotline_recall_check_sample_size (spec.check_level, n_consignees));

  lotline_view_list_box_clear (self->summary_list);
  add_summary_row (self, _("Recall"), case_title);
  add_summary_row (self, _("Seed lots"), seeds);
  add_summary_row (self, _("Affected lots"), lots);
  add_summary_row (self, _("On hand to quarantine"), on_hand);
  add_summary_row (self, _("Consignees"), consignees);

  if (self->opened)
    /* Translators: after opening; %s is the recall number */
    text = g_strdup_printf (_("Recall %s is open. Its stock on hand is quarantined and its lots are marked recalled. Save or print the letters and the FDA report, then follow up every consignee on the Recalls page."),
                            spec.number);
  else
    /* Translators: before opening; the numbers of lots with stock and of all lots */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Opening the recall quarantines the stock on hand of %u of %u affected lot and marks it recalled, so it can no longer be shipped. It cannot be undone. Save a draft to finish later instead.",
                                         "Opening the recall quarantines the stock on hand of %u of %u affected lots and marks them all recalled, so they can no longer be shipped. It cannot be undone. Save a draft to finish later instead.",
                                         n_lots),
                            n_on_hand, n_lots);
  gtk_label_set_label (self->finish_label, text);
  gtk_widget_set_visible (self->documents_group, self->opened);
  gtk_widget_set_visible (self->finish_draft_button, !self->opened);
}

/* ---- saving: drafts and opening -------------------------------------------- */

typedef struct {
  LotlineRecallSpec spec;
  char             *strings[10];
  GArray           *seeds;
  gint64            recall_id;
  gboolean          open;
} SaveJob;

typedef struct {
  gint64  recall_id;
  char   *error;      /* what failed after the draft was saved, or NULL */
} SaveResult;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  for (guint i = 0; i < G_N_ELEMENTS (job->strings); i++)
    g_free (job->strings[i]);
  g_array_unref (job->seeds);
  g_free (job);
}

static void
save_result_free (gpointer data)
{
  SaveResult *result = data;

  g_free (result->error);
  g_free (result);
}

/* The form, deep-copied for a worker. */
static SaveJob *
save_job_new (LotlineRecallWizard *self,
              gboolean             open)
{
  SaveJob *job = g_new0 (SaveJob, 1);
  const char **fields[] = {
    &job->spec.number, &job->spec.title, &job->spec.reason, &job->spec.hazard,
    &job->spec.discovered_how, &job->spec.discovered_on, &job->spec.instructions,
    &job->spec.contact_name, &job->spec.contact_phone, &job->spec.contact_email,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (fields) == G_N_ELEMENTS (job->strings));

  lotline_recall_wizard_get_spec (self, &job->spec);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      job->strings[i] = g_strdup (*fields[i]);
      *fields[i] = job->strings[i];
    }
  job->seeds = g_array_copy (self->seed_ids);
  job->recall_id = self->recall_id;
  job->open = open;
  return job;
}

static gpointer
save_recall (LotlineStore  *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  SaveJob *job = data;
  const gint64 *seeds = (const gint64 *) job->seeds->data;
  g_autoptr(GError) open_error = NULL;
  SaveResult *result;
  gint64 id = job->recall_id;
  gboolean ok;

  if (id == 0)
    ok = lotline_store_create_recall (store, &job->spec, seeds, job->seeds->len, &id, error);
  else
    ok = lotline_store_update_recall (store, id, &job->spec, seeds, job->seeds->len, error);
  if (!ok)
    return NULL;
  result = g_new0 (SaveResult, 1);
  result->recall_id = id;
  if (job->open && !lotline_store_open_recall (store, id, &open_error))
    result->error = g_strdup (open_error->message);
  return result;
}

typedef struct {
  LotlineRecallWizard *self;
  gboolean             open;
  char                *number;
} SaveWait;

static void
save_wait_free (SaveWait *wait)
{
  g_object_unref (wait->self);
  g_free (wait->number);
  g_free (wait);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveWait, save_wait_free)

static void
on_saved_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SaveWait) wait = user_data;
  LotlineRecallWizard *self = wait->self;
  g_autoptr(GError) error = NULL;
  SaveResult *saved = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  g_autofree char *text = NULL;

  lotline_recall_wizard_job_done (self);
  if (saved != NULL)
    {
      /* Even when the wizard was closed meanwhile: the Recalls page lists it. */
      self->recall_id = saved->recall_id;
      self->opened = wait->open && saved->error == NULL;
      lotline_session_notify_changed (LOTLINE_SESSION (source_object));
    }
  if (lotline_recall_wizard_gone (self))
    {
      g_clear_pointer (&saved, save_result_free);
      return;
    }
  if (saved == NULL)
    text = g_strdup (error->message);
  else if (saved->error != NULL)
    text = g_strdup (saved->error);
  else if (self->opened)
    /* Translators: a toast; %s is a recall number */
    text = g_strdup_printf (_("Recall %s is open; the affected stock is quarantined"), wait->number);
  else
    /* Translators: a toast; %s is a recall number */
    text = g_strdup_printf (_("Draft %s saved"), wait->number);
  lotline_recall_wizard_toast (self, text);
  if (self->opened)
    lotline_recall_wizard_show_summary (self);
  lotline_recall_wizard_update (self);
  g_clear_pointer (&saved, save_result_free);
}

/* Not cancelled with the wizard: what is written is announced. */
static void
start_save (LotlineRecallWizard *self,
            gboolean             open)
{
  SaveWait *wait = g_new0 (SaveWait, 1);
  SaveJob *job = save_job_new (self, open);

  wait->self = g_object_ref (self);
  wait->open = open;
  wait->number = g_strdup (job->spec.number);
  lotline_recall_wizard_job_started (self);
  lotline_session_run_async (self->session, save_recall, job, save_job_free, save_result_free,
                             NULL, on_saved_cb, wait);
}

void
lotline_recall_wizard_save_draft (LotlineRecallWizard *self)
{
  g_return_if_fail (LOTLINE_IS_RECALL_WIZARD (self));

  if (lotline_recall_wizard_can_save (self))
    start_save (self, FALSE);
}

static void
save_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  lotline_recall_wizard_save_draft (LOTLINE_RECALL_WIZARD (widget));
}

static void
on_open_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     LotlineRecallWizard *self)
{
  if (g_strcmp0 (response, "open") == 0 && !self->opened && self->n_jobs == 0)
    start_save (self, TRUE);
}

GtkWidget *
lotline_recall_wizard_confirm_open (LotlineRecallWizard *self)
{
  const LotlineRecallScope *scope;
  LotlineRecallSpec spec;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), NULL);

  scope = lotline_recall_wizard_get_scope (self);
  if (self->opened || scope == NULL || lotline_recall_wizard_check_details (self) != NULL)
    return NULL;
  lotline_recall_wizard_get_spec (self, &spec);
  /* Translators: %s is a recall number */
  heading = g_strdup_printf (_("Open Recall %s?"), spec.number);
  /* Translators: the confirmation to open a recall: the numbers of lots
   * with stock and of all lots, then of consignees */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The stock on hand of %u of %u affected lot will be quarantined and the lot marked recalled, so it can no longer be shipped. %u consignees are recorded for follow-up.",
                                       "The stock on hand of %u of %u affected lots will be quarantined and the lots marked recalled, so they can no longer be shipped. %u consignees are recorded for follow-up.",
                                       scope->lots->len),
                          count_lots_on_hand (scope), scope->lots->len, scope->consignees->len);
  dialog = lotline_view_open_recall_dialog_new (GTK_WINDOW (self), heading, body);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

gint64
lotline_recall_wizard_get_recall_id (LotlineRecallWizard *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), 0);

  return self->recall_id;
}

gboolean
lotline_recall_wizard_get_opened (LotlineRecallWizard *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_WIZARD (self), FALSE);

  return self->opened;
}

/* ---- resuming a draft ----------------------------------------------------------- */

typedef struct {
  gint64  recall_id;
  char   *today;
} DraftJob;

typedef struct {
  LotlineRecall *recall;
  GPtrArray     *lots;     /* LotlineWizardLot of its seeds */
} Draft;

static void
draft_job_free (gpointer data)
{
  DraftJob *job = data;

  g_free (job->today);
  g_free (job);
}

static void
draft_free (gpointer data)
{
  Draft *draft = data;

  g_clear_pointer (&draft->recall, lotline_recall_free);
  g_clear_pointer (&draft->lots, g_ptr_array_unref);
  g_free (draft);
}

static gpointer
read_draft (LotlineStore  *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  DraftJob *job = data;
  Draft *draft = g_new0 (Draft, 1);

  draft->lots = g_ptr_array_new_with_free_func (lotline_wizard_lot_free);
  draft->recall = lotline_store_get_recall (store, job->recall_id, error);
  for (guint i = 0; draft->recall != NULL && i < draft->recall->seed_lot_ids->len; i++)
    {
      gint64 id = g_array_index (draft->recall->seed_lot_ids, gint64, i);
      LotlineWizardLot *lot = lotline_wizard_lot_read (store, id, job->today, error);

      if (lot == NULL)
        g_clear_pointer (&draft->recall, lotline_recall_free);
      else
        g_ptr_array_add (draft->lots, lot);
    }
  if (draft->recall == NULL)
    {
      draft_free (draft);
      return NULL;
    }
  return draft;
}

static void
on_draft_read_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LotlineRecallWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  Draft *draft = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  LotlineRecall *r;

  lotline_recall_wizard_job_done (self);
  if (lotline_recall_wizard_gone (self))
    {
      g_clear_pointer (&draft, draft_free);
      return;
    }
  if (draft == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lotline_recall_wizard_toast (self, error->message);
      return;
    }
  r = draft->recall;
  if (r->status != LOTLINE_RECALL_DRAFT)
    {
      g_autofree char *text = g_strdup_printf (_("Recall %s is not a draft any more; follow it up on the Recalls page."),
                                               r->number);

      lotline_recall_wizard_toast (self, text);
      draft_free (draft);
      return;
    }
  self->recall_id = r->id;
  lotline_recall_wizard_set_seed_lots (self, draft->lots);
  lotline_recall_wizard_set_spec (self, &(LotlineRecallSpec) {
    .number = r->number, .title = r->title, .reason = r->reason, .hazard = r->hazard,
    .discovered_how = r->discovered_how, .discovered_on = r->discovered_on,
    .classification = r->classification, .depth = r->depth, .public_warning = r->public_warning,
    .check_level = r->check_level, .instructions = r->instructions, .contact_name = r->contact_name,
    .contact_phone = r->contact_phone, .contact_email = r->contact_email,
  });
  draft_free (draft);
}

void
lotline_recall_wizard_load_draft (LotlineRecallWizard *self,
                                  gint64               recall_id)
{
  DraftJob *job;

  g_return_if_fail (LOTLINE_IS_RECALL_WIZARD (self));

  job = g_new0 (DraftJob, 1);
  job->recall_id = recall_id;
  job->today = lotline_session_dup_today (self->session);
  /* The draft's number stands; the prefilled one must not replace it. */
  self->number_edited = TRUE;
  lotline_recall_wizard_job_started (self);
  lotline_session_run_async (self->session, read_draft, job, draft_job_free, draft_free,
                             self->cancellable, on_draft_read_cb, g_object_ref (self));
}

/* ---- handing over to the Recalls page --------------------------------------- */

static LotlineRecallsPage *
find_recalls_page (GtkWidget *widget)
{
  if (LOTLINE_IS_RECALLS_PAGE (widget))
    return LOTLINE_RECALLS_PAGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      LotlineRecallsPage *page = find_recalls_page (child);

      if (page != NULL)
        return page;
    }
  return NULL;
}

void
lotline_recall_wizard_show_recall (LotlineRecallWizard *self,
                                   const char          *page_action)
{
  GtkWindow *parent;
  LotlineRecallsPage *page = NULL;

  g_return_if_fail (LOTLINE_IS_RECALL_WIZARD (self));

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL && self->recall_id != 0)
    page = find_recalls_page (GTK_WIDGET (parent));
  if (page != NULL)
    {
      if (G_IS_ACTION_GROUP (parent) && g_action_group_has_action (G_ACTION_GROUP (parent), "show-page"))
        g_action_group_activate_action (G_ACTION_GROUP (parent), "show-page", g_variant_new_string ("recalls"));
      lotline_recalls_page_show_recall (page, self->recall_id, page_action);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
document_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  const char *page_action = g_variant_get_string (parameter, NULL);

  lotline_recall_wizard_show_recall (LOTLINE_RECALL_WIZARD (widget), *page_action != '\0' ? page_action : NULL);
}

/* ---- setup ---------------------------------------------------------------------- */

/* Consignee names ellipsized in the dropdown's button, so a long name
 * does not widen the window. */
static void
setup_name_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkStringObject *name = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), gtk_string_object_get_string (name));
}

/* The paper of the locale: US Letter where GTK's default paper is. */
static guint
default_paper_index (void)
{
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (NULL);

  return g_strcmp0 (gtk_paper_size_get_name (paper), GTK_PAPER_NAME_LETTER) == 0 ? 1 : 0;
}

void
lotline_recall_wizard_finish_init (LotlineRecallWizard *self)
{
  g_autoptr(GtkStringList) papers = gtk_string_list_new ((const char * const []) { _("A4"), _("US Letter"), NULL });

  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_name_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_name_cb), NULL);
  gtk_drop_down_set_factory (self->consignee_dropdown, factory);
  self->preview = lotline_document_preview_new ();
  gtk_widget_set_vexpand (self->preview, TRUE);
  gtk_widget_set_hexpand (self->preview, TRUE);
  lotline_view_set_accessible_label (self->preview, _("Letter preview"));
  adw_bin_set_child (self->preview_bin, self->preview);
  self->filling++;
  gtk_drop_down_set_model (self->paper_dropdown, G_LIST_MODEL (papers));
  gtk_drop_down_set_selected (self->paper_dropdown, default_paper_index ());
  self->filling--;
}

void
lotline_recall_wizard_class_add_finish (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_consignee_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_paper_selected_cb);
  gtk_widget_class_install_action (widget_class, "wizard.save-draft", NULL, save_draft_action);
  gtk_widget_class_install_action (widget_class, "wizard.document", "s", document_action);
}
