/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-expiry.h"
#include "lotline-operation-dialog-private.h"
#include "lotline-view-util.h"

/* "Assign lots automatically" on a shipment: the core's first-expired-
 * first-out allocation for the customer, product, quantity and date runs on
 * a worker; its picks replace the lot lines, and what it passed over (with
 * the reason) and any shortfall are listed under the button.  The lines
 * stay editable: the person may still choose by hand. */

typedef struct {
  gint64 customer_id;
  gint64 product_id;
  gint64 quantity;
  char  *date;
} AllocJob;

static void
alloc_job_free (gpointer data)
{
  AllocJob *job = data;

  g_free (job->date);
  g_free (job);
}

static gpointer
allocate (LotlineStore  *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  AllocJob *job = data;
  LotlineAllocation *allocation = NULL;

  if (!lotline_store_allocate (store, job->customer_id, job->product_id, job->quantity, job->date,
                               LOTLINE_ALLOCATION_FEFO, &allocation, error))
    return NULL;
  return allocation;
}

static void
add_result_row (LotlineOperationDialog *self,
                const char             *icon,
                const char             *css_class,
                const char             *title,
                const char             *subtitle)
{
  GtkWidget *row = lotline_view_info_row_new (title, subtitle);
  GtkWidget *image = gtk_image_new_from_icon_name (icon);

  if (css_class != NULL)
    gtk_widget_add_css_class (image, css_class);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
  gtk_list_box_append (self->alloc_list, row);
}

static void
show_message (LotlineOperationDialog *self,
              const char             *icon,
              const char             *css_class,
              const char             *text)
{
  lotline_view_list_box_clear (self->alloc_list);
  add_result_row (self, icon, css_class, text, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->alloc_list), TRUE);
}

static void
set_allocating (LotlineOperationDialog *self,
                gboolean                allocating)
{
  self->allocating = allocating;
  gtk_widget_set_sensitive (self->alloc_button, !allocating);
}

static void
apply_allocation (LotlineOperationDialog  *self,
                  const LotlineAllocation *allocation)
{
  lotline_operation_dialog_clear_input_lines (self);
  for (guint i = 0; i < allocation->picks->len; i++)
    {
      const LotlineAllocationPick *pick = &g_array_index (allocation->picks, LotlineAllocationPick, i);
      FormLine *line = lotline_operation_dialog_add_input_line (self, pick->lot_id);
      g_autofree char *quantity = lotline_quantity_format (pick->quantity);

      if (line->location != NULL)
        lotline_op_combo_select_id (line->location, pick->location_id);
      gtk_editable_set_text (GTK_EDITABLE (line->quantity), quantity);
    }
  if (allocation->picks->len == 0)
    lotline_operation_dialog_add_input_line (self, 0);

  lotline_view_list_box_clear (self->alloc_list);
  if (allocation->picks->len > 0)
    {
      g_autofree char *allocated = lotline_view_format_quantity (allocation->allocated, allocation->unit);
      g_autofree char *title = NULL;

      /* Translators: after assigning lots automatically; %s is a quantity,
       * %u the number of lots */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s assigned from %u lot",
                                            "%s assigned from %u lots", allocation->picks->len),
                               allocated, allocation->picks->len);
      add_result_row (self, "emblem-ok-symbolic", "success", title, NULL);
    }
  if (allocation->shortfall_message != NULL)
    add_result_row (self, "dialog-warning-symbolic", "error", _("Not enough stock"), allocation->shortfall_message);
  for (guint i = 0; i < allocation->skipped->len; i++)
    {
      const LotlineAllocationSkip *skip = &g_array_index (allocation->skipped, LotlineAllocationSkip, i);
      g_autofree char *title = NULL;

      if (skip->location_code != NULL)
        /* Translators: a lot passed over and where its stock is, "F-1 at WH1" */
        title = g_strdup_printf (_("Skipped %s at %s"), skip->lot_code, skip->location_code);
      else
        /* Translators: a lot passed over, "Skipped F-1" */
        title = g_strdup_printf (_("Skipped %s"), skip->lot_code);
      add_result_row (self, "action-unavailable-symbolic", "dim-label", title, skip->message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->alloc_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->alloc_list)) != NULL);
  lotline_operation_dialog_form_changed (self);
}

static void
on_allocated_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LotlineOperationDialog) self = user_data;
  g_autoptr(LotlineAllocation) allocation = NULL;
  g_autoptr(GError) error = NULL;

  allocation = lotline_session_run_finish (LOTLINE_SESSION (source_object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_allocating (self, FALSE);
  if (allocation == NULL)
    {
      show_message (self, "dialog-warning-symbolic", "error", error->message);
      return;
    }
  apply_allocation (self, allocation);
}

static void
on_assign_clicked_cb (LotlineOperationDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date));
  const char *quantity = gtk_editable_get_text (GTK_EDITABLE (self->alloc_quantity));
  AllocJob *job;

  if (self->allocating)
    return;

  job = g_new0 (AllocJob, 1);
  job->customer_id = lotline_op_combo_get_id (self->party);
  job->product_id = lotline_op_combo_get_id (self->alloc_product);
  job->date = g_strdup (date != NULL && *date != '\0' ? date : self->today);
  if (job->customer_id == 0 || job->product_id == 0)
    {
      show_message (self, "dialog-information-symbolic", NULL,
                    _("Choose the customer and the product ordered first."));
      alloc_job_free (job);
      return;
    }
  if (quantity == NULL || *quantity == '\0' || !lotline_quantity_parse (quantity, &job->quantity, &error) ||
      job->quantity <= 0)
    {
      show_message (self, "dialog-information-symbolic", NULL,
                    error != NULL ? error->message : _("Enter the quantity ordered, more than zero."));
      alloc_job_free (job);
      return;
    }

  set_allocating (self, TRUE);
  lotline_session_run_async (self->session, allocate, job, alloc_job_free,
                             (GDestroyNotify) lotline_allocation_free, self->cancellable,
                             on_allocated_cb, g_object_ref (self));
}

void
lotline_operation_dialog_build_allocation (LotlineOperationDialog *self,
                                           GtkWidget              *group)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Assign Lots Automatically"));
  GtkWidget *list = GTK_WIDGET (lotline_view_boxed_list_new ());

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 12);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_tooltip_text (button, _("Choose lots first expired, first out, and fill in the lines"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_assign_clicked_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
  self->alloc_button = button;

  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_visible (list, FALSE);
  lotline_view_set_accessible_label (list, _("Automatic assignment"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  self->alloc_list = GTK_LIST_BOX (list);
}
