/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The recall wizard's case details: the form for every field of a recall,
 * its prefilled values (the next free number, the firm's contact) and the
 * checks that keep Next and Save Draft off until the case is complete. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "lotline-recall-wizard-private.h"
#include "lotline-settings.h"
#include "lotline-view-util.h"

/* Indexes into self->strings, in the order of the spec's fields. */
enum {
  S_NUMBER,
  S_TITLE,
  S_REASON,
  S_HAZARD,
  S_DISCOVERED_HOW,
  S_DISCOVERED_ON,
  S_INSTRUCTIONS,
  S_CONTACT_NAME,
  S_CONTACT_PHONE,
  S_CONTACT_EMAIL,
  N_STRINGS
};

G_STATIC_ASSERT (N_STRINGS == G_N_ELEMENTS (((LotlineRecallWizard *) NULL)->strings));

/* ---- reading and filling the form ------------------------------------------ */

static char *
dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static char *
dup_row (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Empty optional fields are NULL. */
static const char *
or_null (const char *s)
{
  return s != NULL && *s != '\0' ? s : NULL;
}

void
lotline_recall_wizard_get_spec (LotlineRecallWizard *self,
                                LotlineRecallSpec   *out_spec)
{
  char **s = self->strings;

  g_return_if_fail (LOTLINE_IS_RECALL_WIZARD (self));
  g_return_if_fail (out_spec != NULL);

  for (guint i = 0; i < N_STRINGS; i++)
    g_clear_pointer (&s[i], g_free);
  s[S_NUMBER] = dup_row (self->number_row);
  s[S_TITLE] = dup_row (self->title_row);
  s[S_REASON] = dup_text_view (self->reason_view);
  s[S_HAZARD] = dup_text_view (self->hazard_view);
  s[S_DISCOVERED_HOW] = dup_row (self->discovered_how_row);
  s[S_DISCOVERED_ON] = dup_row (self->discovered_on_row);
  s[S_INSTRUCTIONS] = dup_text_view (self->instructions_view);
  s[S_CONTACT_NAME] = dup_row (self->contact_name_row);
  s[S_CONTACT_PHONE] = dup_row (self->contact_phone_row);
  s[S_CONTACT_EMAIL] = dup_row (self->contact_email_row);

  *out_spec = (LotlineRecallSpec) {
    .number = s[S_NUMBER],
    .title = or_null (s[S_TITLE]),
    .reason = s[S_REASON],
    .hazard = s[S_HAZARD],
    .discovered_how = or_null (s[S_DISCOVERED_HOW]),
    .discovered_on = or_null (s[S_DISCOVERED_ON]),
    .classification = adw_combo_row_get_selected (self->class_row),
    .depth = adw_combo_row_get_selected (self->depth_row),
    .public_warning = gtk_switch_get_active (self->warning_switch),
    .check_level = adw_combo_row_get_selected (self->check_row),
    .instructions = or_null (s[S_INSTRUCTIONS]),
    .contact_name = or_null (s[S_CONTACT_NAME]),
    .contact_phone = or_null (s[S_CONTACT_PHONE]),
    .contact_email = or_null (s[S_CONTACT_EMAIL]),
  };
}

static void
set_row (AdwEntryRow *row,
         const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

void
lotline_recall_wizard_set_spec (LotlineRecallWizard     *self,
                                const LotlineRecallSpec *spec)
{
  g_return_if_fail (LOTLINE_IS_RECALL_WIZARD (self));
  g_return_if_fail (spec != NULL);

  self->filling++;
  set_row (self->number_row, spec->number);
  set_row (self->title_row, spec->title);
  set_text_view (self->reason_view, spec->reason);
  set_text_view (self->hazard_view, spec->hazard);
  set_row (self->discovered_how_row, spec->discovered_how);
  set_row (self->discovered_on_row, spec->discovered_on);
  adw_combo_row_set_selected (self->class_row, spec->classification);
  adw_combo_row_set_selected (self->depth_row, spec->depth);
  gtk_switch_set_active (self->warning_switch, spec->public_warning);
  adw_combo_row_set_selected (self->check_row, spec->check_level);
  set_text_view (self->instructions_view, spec->instructions);
  set_row (self->contact_name_row, spec->contact_name);
  set_row (self->contact_phone_row, spec->contact_phone);
  set_row (self->contact_email_row, spec->contact_email);
  self->filling--;
  self->number_edited = spec->number != NULL && *spec->number != '\0';
  lotline_recall_wizard_update_sample (self);
  lotline_recall_wizard_update (self);
}

LotlineRecall *
lotline_recall_wizard_dup_recall (LotlineRecallWizard *self)
{
  LotlineRecallSpec spec;
  LotlineRecall *recall = g_new0 (LotlineRecall, 1);

  lotline_recall_wizard_get_spec (self, &spec);
  recall->id = self->recall_id;
  recall->number = g_strdup (spec.number);
  recall->title = g_strdup (spec.title != NULL ? spec.title : spec.number);
  recall->reason = g_strdup (spec.reason);
  recall->hazard = g_strdup (spec.hazard);
  recall->discovered_how = g_strdup (spec.discovered_how);
  recall->discovered_on = g_strdup (spec.discovered_on);
  recall->classification = spec.classification;
  recall->depth = spec.depth;
  recall->public_warning = spec.public_warning;
  recall->check_level = spec.check_level;
  recall->instructions = g_strdup (spec.instructions);
  recall->contact_name = g_strdup (spec.contact_name);
  recall->contact_phone = g_strdup (spec.contact_phone);
  recall->contact_email = g_strdup (spec.contact_email);
  recall->status = LOTLINE_RECALL_DRAFT;
  recall->seed_lot_ids = g_array_copy (self->seed_ids);
  return recall;
}

/* ---- checks ------------------------------------------------------------------- */

char *
lotline_recall_wizard_check_details (LotlineRecallWizard *self)
{
  LotlineRecallSpec spec;

  lotline_recall_wizard_get_spec (self, &spec);
  if (*spec.number == '\0')
    return g_strdup (_("Give the recall a number, for example R-2026-001."));
  if (*spec.reason == '\0')
    return g_strdup (_("Say what is wrong with the product: the reason is empty."));
  if (*spec.hazard == '\0')
    return g_strdup (_("Say what risk the product poses to health: the hazard is empty."));
  if (spec.discovered_on != NULL && !lotline_date_is_valid (spec.discovered_on))
    return g_strdup (_("The discovery date must be a date like 2026-03-01."));
  if (spec.instructions == NULL)
    return g_strdup (_("Tell consignees what to do with the product: the instructions are empty."));
  if (spec.contact_name == NULL || (spec.contact_phone == NULL && spec.contact_email == NULL))
    return g_strdup (_("Give a contact for consignees: a name and a phone number or an e-mail address."));
  if (spec.contact_email != NULL && strchr (spec.contact_email, '@') == NULL)
    return g_strdup (_("The contact e-mail address needs an “@”, like recall@example.com."));
  return NULL;
}

void
lotline_recall_wizard_update_sample (LotlineRecallWizard *self)
{
  const LotlineRecallScope *scope = lotline_recall_wizard_get_scope (self);
  LotlineRecallCheck level = adw_combo_row_get_selected (self->check_row);
  g_autofree char *subtitle = NULL;

  if (scope == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->check_row), "");
      return;
    }
  /* Translators: under the effectiveness-check level: how many consignees
   * will be checked of how many */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u of %u consignee will be checked",
                                           "%u of %u consignees will be checked",
                                           scope->consignees->len),
                              lotline_recall_check_sample_size (level, scope->consignees->len),
                              scope->consignees->len);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->check_row), subtitle);
}

static void
on_form_changed_cb (LotlineRecallWizard *self)
{
  if (self->filling > 0)
    return;
  lotline_recall_wizard_update_sample (self);
  lotline_recall_wizard_update (self);
}

static void
on_number_changed_cb (LotlineRecallWizard *self)
{
  if (self->filling == 0)
    self->number_edited = TRUE;
  on_form_changed_cb (self);
}

/* ---- prefilled values ------------------------------------------------------- */

/* The next free "R-YYYY-NNN" of the year of @data (today). */
static gpointer
next_number (LotlineStore  *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  const char *today = data;
  g_autoptr(GPtrArray) recalls = lotline_store_list_recalls (store, error);
  g_autofree char *prefix = g_strdup_printf ("R-%.4s-", today);
  guint highest = 0;

  if (recalls == NULL)
    return NULL;
  for (guint i = 0; i < recalls->len; i++)
    {
      const LotlineRecall *recall = g_ptr_array_index (recalls, i);
      guint n = 0;

      if (g_str_has_prefix (recall->number, prefix) &&
          sscanf (recall->number + strlen (prefix), "%u", &n) == 1)
        highest = MAX (highest, n);
    }
  return g_strdup_printf ("%s%03u", prefix, highest + 1);
}

static void
on_next_number_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LotlineRecallWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);

  lotline_recall_wizard_job_done (self);
  if (lotline_recall_wizard_gone (self))
    return;
  if (number == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lotline_recall_wizard_toast (self, error->message);
      return;
    }
  if (self->number_edited)
    return;   /* A draft's number or the person's own. */
  self->filling++;
  set_row (self->number_row, number);
  self->filling--;
  lotline_recall_wizard_update (self);
}

void
lotline_recall_wizard_prefill (LotlineRecallWizard *self)
{
  g_autoptr(GSettings) settings = lotline_settings_dup ();

  if (settings != NULL)
    {
      g_autofree char *name = g_strstrip (g_settings_get_string (settings, "company-name"));
      g_autofree char *phone = g_strstrip (g_settings_get_string (settings, "company-phone"));

      self->filling++;
      set_row (self->contact_name_row, name);
      set_row (self->contact_phone_row, phone);
      self->filling--;
    }
  lotline_recall_wizard_job_started (self);
  lotline_session_run_async (self->session, next_number, lotline_session_dup_today (self->session), g_free,
                             g_free, self->cancellable, on_next_number_cb, g_object_ref (self));
}

/* ---- building the form -------------------------------------------------------- */

static GtkTextView *
add_text_view (LotlineRecallWizard *self,
               AdwPreferencesGroup *group)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  gtk_widget_set_size_request (view, -1, 72);
  lotline_view_set_accessible_label (view, adw_preferences_group_get_title (group));
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (group, frame);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                            G_CALLBACK (on_form_changed_cb), self);
  return GTK_TEXT_VIEW (view);
}

static void
set_choices (AdwComboRow        *row,
             const char * const *choices)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (choices);

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

void
lotline_recall_wizard_details_init (LotlineRecallWizard *self)
{
  const char *classes[] = {
    _("Class I: may cause serious harm or death"),
    _("Class II: may cause temporary or reversible harm"),
    _("Class III: not likely to cause harm"),
    NULL,
  };
  const char *depths[] = {
    _("Consumer level"), _("Retail level"), _("Wholesale level"), NULL,
  };
  const char *checks[] = {
    _("Level A: every consignee"),
    _("Level B: a quarter of the consignees"),
    _("Level C: one consignee in ten"),
    _("Level D: one consignee in fifty"),
    _("Level E: no effectiveness check"),
    NULL,
  };

  self->reason_view = add_text_view (self, self->reason_group);
  self->hazard_view = add_text_view (self, self->hazard_group);
  self->instructions_view = add_text_view (self, self->instructions_group);
  self->filling++;
  set_choices (self->class_row, classes);
  set_choices (self->depth_row, depths);
  set_choices (self->check_row, checks);
  adw_combo_row_set_selected (self->class_row, LOTLINE_RECALL_CLASS_II);
  adw_combo_row_set_selected (self->depth_row, LOTLINE_RECALL_DEPTH_RETAIL);
  adw_combo_row_set_selected (self->check_row, LOTLINE_RECALL_CHECK_B);
  self->filling--;
}

void
lotline_recall_wizard_class_add_details (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_number_changed_cb);
}
