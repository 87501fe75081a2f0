/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-graph-view.h"
#include "lotline-recall-wizard.h"
#include "lotline-render-document.h"

G_BEGIN_DECLS

/* A seed lot as the first step lists it. */
typedef struct {
  gint64           lot_id;
  char            *code;
  char            *product;     /* "SKU · name" */
  char            *unit;
  gint64           on_hand;
  LotlineLotStatus status;
} LotlineWizardLot;

void              lotline_wizard_lot_free (gpointer data);
/* Reads a lot on a worker; @today decides its effective status. */
LotlineWizardLot *lotline_wizard_lot_read (LotlineStore  *store,
                                           gint64         lot_id,
                                           const char    *today,
                                           GError       **error);

struct _LotlineRecallWizard
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkWidget          *cancel_button;
  GtkWidget          *back_button;
  GtkWidget          *next_button;
  GtkWidget          *draft_button;
  GtkSpinner         *spinner;
  AdwToastOverlay    *toast_overlay;
  GtkRevealer        *hint_revealer;
  GtkLabel           *hint_label;
  GtkStack           *stack;
  /* step 1 */
  GtkSearchEntry     *search_entry;
  GtkLabel           *search_message;
  GtkListBox         *results_list;
  GtkListBox         *seeds_list;
  /* step 2 */
  GtkStack           *scope_stack;
  AdwStatusPage      *scope_error_page;
  GtkFlowBox         *totals_box;
  GtkStack           *graph_stack;
  GtkLabel           *graph_error_label;
  LotlineGraphView   *graph_view;
  GtkColumnView      *lots_view;
  GtkColumnView      *stock_view;
  GtkColumnView      *consignees_view;
  GtkListBox         *roots_list;
  /* step 3 */
  AdwEntryRow        *number_row;
  AdwEntryRow        *title_row;
  AdwPreferencesGroup *reason_group;
  AdwPreferencesGroup *hazard_group;
  AdwPreferencesGroup *instructions_group;
  AdwEntryRow        *discovered_how_row;
  AdwEntryRow        *discovered_on_row;
  AdwComboRow        *class_row;
  AdwComboRow        *depth_row;
  GtkSwitch          *warning_switch;
  AdwComboRow        *check_row;
  AdwEntryRow        *contact_name_row;
  AdwEntryRow        *contact_phone_row;
  AdwEntryRow        *contact_email_row;
  GtkTextView        *reason_view;
  GtkTextView        *hazard_view;
  GtkTextView        *instructions_view;
  /* step 4 */
  GtkDropDown        *consignee_dropdown;
  GtkDropDown        *paper_dropdown;
  GtkStack           *preview_stack;
  AdwStatusPage      *preview_error_page;
  AdwBin             *preview_bin;
  GtkWidget          *preview;
  /* step 5 */
  GtkListBox         *summary_list;
  GtkLabel           *finish_label;
  GtkWidget          *finish_draft_button;
  GtkWidget          *documents_group;

  LotlineSession     *session;
  GCancellable       *cancellable;
  LotlineRecallWizardStep step;
  guint               n_jobs;
  char               *hint;            /* why Next is refused, or NULL */

  GPtrArray          *seeds;           /* LotlineWizardLot */
  GArray             *seed_ids;        /* gint64, mirrors seeds */
  guint               search_generation;

  LotlineRecallScope *scope;           /* of scope_ids, or NULL */
  GArray             *scope_ids;       /* the seeds the scope was computed for */
  guint               scope_generation;
  gboolean            scope_failed;

  char               *strings[10];      /* the spec's strings, see get_spec */
  gboolean            number_edited;   /* the person typed a number */
  guint               filling;         /* the form is being filled in code */

  LotlineRenderDocument *letters;      /* of letters_key, or NULL */
  char               *letters_key;     /* what the letters were made from */
  guint               letters_generation;

  gint64              recall_id;       /* the draft or recall saved, or 0 */
  gboolean            opened;
};

/* lotline-recall-wizard.c */
/* TRUE once the window is destroyed: a job that ends then must not touch
 * its widgets. */
gboolean lotline_recall_wizard_gone          (LotlineRecallWizard *self);
void     lotline_recall_wizard_job_started   (LotlineRecallWizard *self);
void     lotline_recall_wizard_job_done      (LotlineRecallWizard *self);
void     lotline_recall_wizard_toast         (LotlineRecallWizard *self,
                                              const char          *text);
/* Whether a draft can be saved now: the case is complete, nothing runs. */
gboolean lotline_recall_wizard_can_save      (LotlineRecallWizard *self);
/* Re-checks the current step and sets Next, Back, Save Draft and the hint. */
void     lotline_recall_wizard_update        (LotlineRecallWizard *self);

/* Replaces the seeds with @lots (LotlineWizardLot), a loaded draft's. */
void     lotline_recall_wizard_set_seed_lots (LotlineRecallWizard *self,
                                              GPtrArray           *lots);

/* lotline-recall-wizard-scope.c: step 2 */
void     lotline_recall_wizard_scope_init    (LotlineRecallWizard *self);
/* Computes the scope and the genealogy when the seeds changed. */
void     lotline_recall_wizard_load_scope    (LotlineRecallWizard *self);
gboolean lotline_recall_wizard_scope_current (LotlineRecallWizard *self);
/* A total of the scope, with the unit when all its lots share one. */
char    *lotline_recall_wizard_format_total  (const LotlineRecallScope *scope,
                                              gint64                    total);
/* Columns of text for a GtkColumnView over LotlineWizardRow items. */
void     lotline_recall_wizard_add_columns   (GtkColumnView       *view,
                                              const char * const  *titles,
                                              guint                n_columns);

/* lotline-recall-wizard-details.c: step 3 */
void     lotline_recall_wizard_details_init  (LotlineRecallWizard *self);
/* Prefills a new case: the next free number and the contact. */
void     lotline_recall_wizard_prefill       (LotlineRecallWizard *self);
/* What is missing or wrong in the case form, or NULL. */
char    *lotline_recall_wizard_check_details (LotlineRecallWizard *self);
void     lotline_recall_wizard_update_sample (LotlineRecallWizard *self);
/* The form as a recall (status draft) with the seeds, for the letters. */
LotlineRecall *lotline_recall_wizard_dup_recall (LotlineRecallWizard *self);
void     lotline_recall_wizard_class_add_details (GtkWidgetClass  *widget_class);

/* lotline-recall-wizard-finish.c: steps 4 and 5, drafts and opening */
void     lotline_recall_wizard_finish_init   (LotlineRecallWizard *self);
void     lotline_recall_wizard_load_letters  (LotlineRecallWizard *self);
void     lotline_recall_wizard_show_summary  (LotlineRecallWizard *self);
void     lotline_recall_wizard_class_add_finish (GtkWidgetClass  *widget_class);

G_END_DECLS
