/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-operation-dialog-private.h"
#include "lotline-scan.h"
#include "lotline-scan-entry.h"
#include "lotline-settings.h"
#include "lotline-view-util.h"

/* Scanning in the operation dialogs: a "Scan a label" row above the lot
 * lines of a shipment, a production's inputs or a return puts the scanned
 * lot in a line; the dry run then says, as for a lot chosen by hand,
 * whether the ledger would take it.  And the prefill a scan of an unknown
 * lot gives the receipt form. */

/* ---- prefilling a new lot ---------------------------------------------------- */

static void
set_text_if (AdwEntryRow *row,
             const char  *text)
{
  if (row != NULL && text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

void
lotline_operation_dialog_prefill_lot (LotlineOperationDialog  *self,
                                      const LotlineLotPrefill *prefill)
{
  FormLine *line;

  g_return_if_fail (LOTLINE_IS_OPERATION_DIALOG (self));
  g_return_if_fail (prefill != NULL);

  if (self->outputs->len == 0)
    return;
  line = g_ptr_array_index (self->outputs, 0);

  set_text_if (line->code, prefill->lot_code);
  set_text_if (line->supplier_lot, prefill->supplier_lot);
  set_text_if (line->produced_on, prefill->produced_on);
  set_text_if (line->expires_on, prefill->expires_on);
  set_text_if (line->best_before, prefill->best_before);
  set_text_if (line->quantity, prefill->quantity);

  self->prefill_product_id = prefill->product_id;
  g_free (self->prefill_code);
  self->prefill_code = g_strdup (prefill->lot_code);
  if (self->loaded)
    lotline_operation_dialog_apply_prefill (self);
}

void
lotline_operation_dialog_apply_prefill (LotlineOperationDialog *self)
{
  FormLine *line;

  if (self->prefill_product_id == 0 || self->outputs->len == 0)
    return;
  line = g_ptr_array_index (self->outputs, 0);
  lotline_op_combo_select_id (line->product, self->prefill_product_id);
  /* Choosing a product may offer a code of its own; the label's wins. */
  set_text_if (line->code, self->prefill_code);
  self->prefill_product_id = 0;
  g_clear_pointer (&self->prefill_code, g_free);
  lotline_operation_dialog_form_changed (self);
}

/* ---- the scan row ------------------------------------------------------------ */

static void
show_scan_message (LotlineOperationDialog *self,
                   const char             *text,
                   gboolean                error)
{
  g_free (self->scan_message);
  self->scan_message = g_strdup (text);
  if (self->scan_label == NULL)
    return;
  gtk_label_set_text (GTK_LABEL (self->scan_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->scan_label, text != NULL);
  gtk_widget_remove_css_class (self->scan_label, error ? "hint" : "error");
  gtk_widget_add_css_class (self->scan_label, error ? "error" : "hint");
}

static FormLine *
find_line_with_lot (LotlineOperationDialog *self,
                    gint64                  lot_id)
{
  for (guint i = 0; i < self->inputs->len; i++)
    {
      FormLine *line = g_ptr_array_index (self->inputs, i);

      if (line->lot != NULL && lotline_lot_chooser_get_lot_id (line->lot) == lot_id)
        return line;
    }
  return NULL;
}

/* The line that takes the scanned lot: the one that has it already, a
 * line with no lot yet, or a new one. */
static FormLine *
take_line (LotlineOperationDialog *self,
           gint64                  lot_id,
           guint                  *out_number)
{
  FormLine *line = find_line_with_lot (self, lot_id);

  if (line == NULL && (line = find_line_with_lot (self, 0)) != NULL)
    lotline_lot_chooser_set_lot_id (line->lot, lot_id);
  if (line == NULL)
    line = lotline_operation_dialog_add_input_line (self, lot_id);
  g_ptr_array_find (self->inputs, line, out_number);
  return line;
}

static void
put_scanned_lot (LotlineOperationDialog *self,
                 const LotlineScanMatch *match)
{
  const char *quantity = lotline_scan_get_quantity_for (match->scan, match->unit);
  g_autofree char *message = NULL;
  guint index = 0;
  FormLine *line = take_line (self, match->lot_id, &index);

  if (line == NULL)
    return;
  if (quantity != NULL && line->quantity != NULL)
    gtk_editable_set_text (GTK_EDITABLE (line->quantity), quantity);

  /* Translators: the first %s is a lot code, the second a product name, %u the line's number */
  message = g_strdup_printf (_("Lot %s of “%s” is in line %u."), match->lot_code, match->product_name, index + 1);
  show_scan_message (self, message, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->scan_row), "");
  lotline_operation_dialog_form_changed (self);
}

static void
on_scan_looked_up_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LotlineOperationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineScanMatch) match = lotline_scan_lookup_finish (LOTLINE_SESSION (source_object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->form_box == NULL)
    return;
  g_clear_object (&self->scan_cancellable);

  if (match == NULL)
    show_scan_message (self, error->message, TRUE);
  else if (match->outcome == LOTLINE_SCAN_FOUND)
    put_scanned_lot (self, match);
  else
    show_scan_message (self, match->message, TRUE);
}

void
lotline_operation_dialog_scan (LotlineOperationDialog *self,
                               const char             *text)
{
  g_autoptr(GSettings) settings = lotline_settings_dup ();
  g_autofree char *gs = settings != NULL ? g_settings_get_string (settings, "scanner-gs-character")
                                         : g_strdup (LOTLINE_SCAN_GS);
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineScan) scan = NULL;

  g_return_if_fail (LOTLINE_IS_OPERATION_DIALOG (self));
  g_return_if_fail (text != NULL);

  if (*text == '\0')
    return;
  scan = lotline_scan_parse (text, gs, &error);
  if (scan == NULL && error != NULL)
    {
      g_autofree char *message = lotline_scan_describe_error (error);

      show_scan_message (self, message, TRUE);
      return;
    }
  if (scan == NULL)
    scan = lotline_scan_new_for_code (text);
  if (scan->lot_code == NULL)
    {
      show_scan_message (self, _("This barcode names a product but no lot. Scan the barcode that carries the lot number (10)."), TRUE);
      return;
    }

  g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  self->scan_cancellable = g_cancellable_new ();
  lotline_scan_lookup_async (self->session, scan, self->scan_cancellable, on_scan_looked_up_cb, g_object_ref (self));
}

const char *
lotline_operation_dialog_get_scan_message (LotlineOperationDialog *self)
{
  g_return_val_if_fail (LOTLINE_IS_OPERATION_DIALOG (self), NULL);

  return self->scan_message;
}

static void
on_scan_row_activated_cb (AdwEntryRow            *row,
                          LotlineOperationDialog *self)
{
  lotline_operation_dialog_scan (self, gtk_editable_get_text (GTK_EDITABLE (row)));
}

/* A group with the scan row, above the lot lines. */
void
lotline_operation_dialog_build_scan (LotlineOperationDialog *self)
{
  GtkWidget *section, *group, *row, *label;

  if (self->inputs_box == NULL ||
      (self->kind != LOTLINE_EVENT_SHIP && self->kind != LOTLINE_EVENT_PRODUCE && self->kind != LOTLINE_EVENT_RETURN))
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Scan the barcode on a lot’s label, or type its lot code and press Enter, to add the lot."));
  row = adw_entry_row_new ();
  gtk_widget_set_name (row, "scan-entry");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Scan a label"));
  lotline_view_set_accessible_label (row, _("Scan a label"));
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_scan_row_activated_cb), self);
  lotline_scan_entry_attach (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  label = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  gtk_widget_set_name (label, "scan-message");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_add_css_class (label, "lotline-message");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);

  self->scan_row = ADW_ENTRY_ROW (row);
  self->scan_label = label;
  section = gtk_widget_get_parent (self->inputs_box);
  gtk_box_insert_child_after (GTK_BOX (section), group, gtk_widget_get_prev_sibling (self->inputs_box));
}
