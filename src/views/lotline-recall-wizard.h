/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-recall.h"
#include "lotline-session.h"

G_BEGIN_DECLS

/* The recall wizard: a modal window that walks from suspect lots to an
 * open recall in five steps — seed lots (search, or scan a GS1 label),
 * scope review (totals, tables and the downstream genealogy), case
 * details, letter preview and finish — with Back/Next, a reason shown
 * while Next is refused, and drafts that can be saved and resumed.  Every
 * query runs on the session's workers. */

#define LOTLINE_TYPE_RECALL_WIZARD (lotline_recall_wizard_get_type ())
G_DECLARE_FINAL_TYPE (LotlineRecallWizard, lotline_recall_wizard, LOTLINE, RECALL_WIZARD, AdwWindow)

typedef enum {
  LOTLINE_RECALL_WIZARD_SEEDS,
  LOTLINE_RECALL_WIZARD_SCOPE,
  LOTLINE_RECALL_WIZARD_DETAILS,
  LOTLINE_RECALL_WIZARD_PREVIEW,
  LOTLINE_RECALL_WIZARD_FINISH,
  LOTLINE_RECALL_WIZARD_N_STEPS
} LotlineRecallWizardStep;

/* A new wizard, modal and transient for @parent. */
LotlineRecallWizard      *lotline_recall_wizard_new          (GtkWindow           *parent,
                                                              LotlineSession      *session);
/* Adds a seed lot (its details are read on a worker). */
void                      lotline_recall_wizard_add_seed     (LotlineRecallWizard *self,
                                                              gint64               lot_id);
/* Loads a draft recall's seeds and details to continue it. */
void                      lotline_recall_wizard_load_draft   (LotlineRecallWizard *self,
                                                              gint64               recall_id);

LotlineRecallWizardStep   lotline_recall_wizard_get_step     (LotlineRecallWizard *self);
/* Next, Back and Save Draft, as the header bar's buttons do. */
gboolean                  lotline_recall_wizard_go_next      (LotlineRecallWizard *self);
void                      lotline_recall_wizard_go_back      (LotlineRecallWizard *self);
void                      lotline_recall_wizard_save_draft   (LotlineRecallWizard *self);
/* Why Next is refused on the current step, or NULL when it is allowed. */
const char               *lotline_recall_wizard_get_hint     (LotlineRecallWizard *self);
/* TRUE while a worker job of the wizard is under way. */
gboolean                  lotline_recall_wizard_get_busy     (LotlineRecallWizard *self);

/* Step 1: the search field (type a lot code or product, or scan a label
 * and press Enter), its results (activate a row to add it) and the seeds. */
GtkEditable              *lotline_recall_wizard_get_search_entry (LotlineRecallWizard *self);
GtkListBox               *lotline_recall_wizard_get_results      (LotlineRecallWizard *self);
/* What the last look-up said (a lot added, or why none was), or NULL. */
const char               *lotline_recall_wizard_get_search_message (LotlineRecallWizard *self);
/* The seed lots' ids, in the order they were added. */
const gint64             *lotline_recall_wizard_get_seeds        (LotlineRecallWizard *self,
                                                                  guint               *n_seeds);
void                      lotline_recall_wizard_remove_seed      (LotlineRecallWizard *self,
                                                                  gint64               lot_id);

/* Step 2: the scope computed for the current seeds, or NULL before. */
const LotlineRecallScope *lotline_recall_wizard_get_scope        (LotlineRecallWizard *self);
/* The genealogy drawing of the scope review. */
GtkWidget                *lotline_recall_wizard_get_graph_view   (LotlineRecallWizard *self);
/* The affected lots' table; its selection and the graph's follow each other. */
GtkColumnView            *lotline_recall_wizard_get_lots_view    (LotlineRecallWizard *self);

/* Step 3: fills the case form (strings are copied); reads it back with
 * its strings owned by the wizard until the form changes. */
void                      lotline_recall_wizard_set_spec         (LotlineRecallWizard     *self,
                                                                  const LotlineRecallSpec *spec);
void                      lotline_recall_wizard_get_spec         (LotlineRecallWizard     *self,
                                                                  LotlineRecallSpec       *out_spec);

/* Step 4: the consignee whose letter the preview shows (index into the
 * scope's consignees) and the preview widget. */
void                      lotline_recall_wizard_set_consignee    (LotlineRecallWizard *self,
                                                                  guint                index);
GtkWidget                *lotline_recall_wizard_get_preview      (LotlineRecallWizard *self);

/* Step 5: asks to open the recall; returns the confirmation dialog. */
GtkWidget                *lotline_recall_wizard_confirm_open     (LotlineRecallWizard *self);
/* The draft or opened recall's id; 0 before it is saved. */
gint64                    lotline_recall_wizard_get_recall_id    (LotlineRecallWizard *self);
/* TRUE once the recall is open. */
gboolean                  lotline_recall_wizard_get_opened       (LotlineRecallWizard *self);
/* Closes the wizard and shows its recall on the Recalls page of the
 * parent window, then runs @page_action there (e.g.
 * "recalls.save-letters"; NULL for none). */
void                      lotline_recall_wizard_show_recall      (LotlineRecallWizard *self,
                                                                  const char          *page_action);

G_END_DECLS
