/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The recalls page's way into the recall wizard: "New Recall…", "Continue
 * in Wizard" for a draft, and showing the recall the wizard opened, with a
 * document action to run once it is shown. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-recall-wizard.h"
#include "lotline-recalls-page-private.h"

static LotlineRecallWizard *
new_wizard (LotlineRecallsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return lotline_recall_wizard_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->session);
}

LotlineRecallWizard *
lotline_recalls_page_start_wizard (LotlineRecallsPage *self,
                                   gint64              draft_id)
{
  LotlineRecallWizard *wizard;

  g_return_val_if_fail (LOTLINE_IS_RECALLS_PAGE (self), NULL);

  if (self->session == NULL)
    return NULL;
  wizard = new_wizard (self);
  if (draft_id != 0)
    lotline_recall_wizard_load_draft (wizard, draft_id);
  gtk_window_present (GTK_WINDOW (wizard));
  return wizard;
}

static void
new_recall_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  lotline_recalls_page_start_wizard (LOTLINE_RECALLS_PAGE (widget), 0);
}

static void
continue_draft_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LotlineRecallsPage *self = LOTLINE_RECALLS_PAGE (widget);

  if (self->recall != NULL && self->recall->status == LOTLINE_RECALL_DRAFT)
    lotline_recalls_page_start_wizard (self, self->recall->id);
}

void
lotline_recalls_page_show_recall (LotlineRecallsPage *self,
                                  gint64              recall_id,
                                  const char         *then_action)
{
  g_return_if_fail (LOTLINE_IS_RECALLS_PAGE (self));

  g_free (self->pending_action);
  self->pending_action = g_strdup (then_action);
  self->pending_recall_id = recall_id;
  self->recall_id = recall_id;
  /* The list is read again: the recall may be new. */
  if (self->session != NULL)
    lotline_session_notify_changed (self->session);
}

void
lotline_recalls_page_run_pending_action (LotlineRecallsPage *self)
{
  g_autofree char *action = NULL;

  if (self->recall == NULL || self->recall->id != self->pending_recall_id)
    return;
  self->pending_recall_id = 0;
  action = g_steal_pointer (&self->pending_action);
  if (action != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

void
lotline_recalls_page_update_wizard_actions (LotlineRecallsPage *self)
{
  gboolean draft = self->recall != NULL && self->recall->status == LOTLINE_RECALL_DRAFT;

  gtk_widget_set_visible (self->continue_button, draft);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recalls.continue-draft", draft);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recalls.new-recall", self->session != NULL);
}

void
lotline_recalls_page_class_add_wizard (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, LotlineRecallsPage, continue_button);
  gtk_widget_class_install_action (widget_class, "recalls.new-recall", NULL, new_recall_action);
  gtk_widget_class_install_action (widget_class, "recalls.continue-draft", NULL, continue_draft_action);
}
