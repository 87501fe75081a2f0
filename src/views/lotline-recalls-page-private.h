/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-recalls-page.h"

G_BEGIN_DECLS

struct _LotlineRecallsPage
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkStack       *content_stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *empty_page;
  GtkListBox     *recall_list;
  GtkWidget      *detail_box;
  GtkLabel       *detail_title;
  GtkSpinner     *detail_spinner;
  GtkWidget      *open_button;
  GtkWidget      *documents_button;
  GtkWidget      *terminate_button;
  GtkListBox     *summary_list;
  GtkListBox     *lots_list;
  GtkWidget      *edit_button;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;
  GtkColumnView  *consignee_view;
  GtkWidget      *continue_button;

  LotlineSession *session;
  GCancellable   *cancellable;
  GListStore     *consignees;
  GtkSingleSelection *selection;
  GtkFileChooserNative *chooser;
  GArray         *recall_ids;     /* gint64, in list order */
  gint64          recall_id;      /* shown, or 0 */
  LotlineRecall  *recall;         /* shown, or NULL */
  guint           n_jobs;
  guint           generation;     /* of the session; jobs of an older one do not count */
  guint           filling;
  gint64          pending_recall_id;  /* show_recall's, until it is shown */
  char           *pending_action;     /* to run on it then, or NULL */
};

/* A toast in the window's toast overlay. */
void lotline_recalls_page_toast             (LotlineRecallsPage *self,
                                             const char         *text);
/* Count the workers under way, for the spinner and get_busy(). */
void lotline_recalls_page_job_started       (LotlineRecallsPage *self);
void lotline_recalls_page_job_done          (LotlineRecallsPage *self);
/* Shows and enables the actions the recall shown allows. */
void lotline_recalls_page_update_actions    (LotlineRecallsPage *self);
/* Binds the template callbacks and installs the actions of
 * lotline-recalls-page-actions.c. */
void lotline_recalls_page_class_add_actions (GtkWidgetClass     *widget_class);
/* The documents' actions (lotline-recalls-page-documents.c): installing
 * them, and enabling those the recall shown allows. */
void lotline_recalls_page_class_add_document_actions (GtkWidgetClass     *widget_class);
void lotline_recalls_page_update_document_actions    (LotlineRecallsPage *self);
/* The recall wizard's entry points (lotline-recalls-page-wizard.c). */
void lotline_recalls_page_class_add_wizard       (GtkWidgetClass     *widget_class);
void lotline_recalls_page_update_wizard_actions  (LotlineRecallsPage *self);
/* Runs show_recall()'s action once its recall is shown. */
void lotline_recalls_page_run_pending_action     (LotlineRecallsPage *self);

G_END_DECLS
