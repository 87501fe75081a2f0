/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-operation-dialog.h"
#include "lotline-scan.h"
#include "lotline-window-private.h"

/* Scan to find: Enter in the lots page's search field hands its text to
 * win.scan.  Scanner data (or the text under a barcode, or a Digital Link)
 * is read here, the lot is looked up on a worker, and the window goes to
 * the lot page, lists the lots that share the code, offers to receive a
 * lot it does not know yet, or says why the code names no lot.  Typed
 * words are left to the search. */

static void on_scan_looked_up_cb (GObject      *source_object,
                                  GAsyncResult *result,
                                  gpointer      user_data);

static void
look_up (LotlineWindow     *self,
         const LotlineScan *scan)
{
  g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  self->scan_cancellable = g_cancellable_new ();
  lotline_scan_lookup_async (self->session, scan, self->scan_cancellable, on_scan_looked_up_cb, g_object_ref (self));
}

/* ---- receiving a lot the database does not know yet ---------------------------- */

static void
scan_notify (gpointer  data,
             GClosure *closure)
{
  lotline_scan_free (data);
}

static void
on_scanned_lot_recorded_cb (GtkWindow   *dialog,
                            gint64       event_id,
                            const char  *summary,
                            LotlineScan *scan)
{
  LotlineWindow *self = LOTLINE_WINDOW (gtk_window_get_transient_for (dialog));

  /* Now the scan finds the lot: show it. */
  if (self->session != NULL && lotline_session_is_open (self->session))
    look_up (self, scan);
}

static void
open_prefilled_receipt (LotlineWindow          *self,
                        const LotlineScanMatch *match)
{
  const LotlineScan *scan = match->scan;
  LotlineLotPrefill prefill = {
    .product_id = match->product_id,
    /* The label is the supplier's: its lot number is theirs too.  Where our
     * lot codes follow a format, the dialog makes our own code and the
     * supplier's stays beside it (a later scan finds the lot by either). */
    .lot_code = match->has_lot_format ? NULL : scan->lot_code,
    .supplier_lot = scan->lot_code,
    .produced_on = scan->produced_on,
    .expires_on = scan->expires_on,
    .best_before = scan->best_before,
    .quantity = lotline_scan_get_quantity_for (scan, match->unit),
  };
  GtkWindow *dialog = lotline_window_record (self, "receive", 0);

  if (dialog == NULL)
    return;
  lotline_operation_dialog_prefill_lot (LOTLINE_OPERATION_DIALOG (dialog), &prefill);
  g_signal_connect_data (dialog, "recorded", G_CALLBACK (on_scanned_lot_recorded_cb),
                         lotline_scan_copy (scan), scan_notify, 0);
}

static void
on_offer_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      LotlineWindow    *self)
{
  if (g_strcmp0 (response, "receive") == 0)
    open_prefilled_receipt (self, g_object_get_data (G_OBJECT (dialog), "lotline-match"));
}

/* Asks whether to receive the lot @match names; @match is taken. */
static void
offer_receipt (LotlineWindow    *self,
               LotlineScanMatch *match)
{
  const LotlineScan *scan = match->scan;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a lot code */
  heading = g_strdup_printf (_("Receive Lot “%s”?"), scan->lot_code);
  /* Translators: the first %s is a product name, the second its GTIN, the third a lot code */
  body = g_strdup_printf (_("“%s” (GTIN %s) has no lot “%s” yet. The receipt form opens with the product, the lot code and the dates from the barcode already filled in."),
                          match->product_name, scan->gtin, scan->lot_code);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Not Now"),
                                    "receive", _("_Receive…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "receive", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "receive");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "lotline-match", match, (GDestroyNotify) lotline_scan_match_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_offer_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- what the look-up found ------------------------------------------------------ */

static void
on_scan_looked_up_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LotlineWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LotlineScanMatch) match = lotline_scan_lookup_finish (LOTLINE_SESSION (source_object), result, &error);

  if (match == NULL || LOTLINE_SESSION (source_object) != self->session)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lotline_lots_page_show_message (self->lots_page, error->message, TRUE);
      return;
    }

  switch (match->outcome)
    {
    case LOTLINE_SCAN_FOUND:
      /* Back from the lot page finds the lot in the list. */
      lotline_lots_page_set_search (self->lots_page, match->lot_code);
      lotline_lots_page_show_message (self->lots_page, NULL, FALSE);
      lotline_window_open_lot (self, match->lot_id);
      break;

    case LOTLINE_SCAN_SEVERAL:
    case LOTLINE_SCAN_NOT_FOUND:
      lotline_lots_page_set_search (self->lots_page, match->lot_code);
      lotline_lots_page_show_message (self->lots_page, match->message, match->outcome == LOTLINE_SCAN_NOT_FOUND);
      break;

    case LOTLINE_SCAN_NO_LOT_CODE:
      lotline_lots_page_set_search (self->lots_page, match->product_sku);
      lotline_lots_page_show_message (self->lots_page, match->message, FALSE);
      break;

    case LOTLINE_SCAN_UNKNOWN_LOT:
      lotline_lots_page_show_message (self->lots_page, match->message, FALSE);
      offer_receipt (self, g_steal_pointer (&match));
      break;

    case LOTLINE_SCAN_UNKNOWN_PRODUCT:
    default:
      lotline_lots_page_show_message (self->lots_page, match->message, TRUE);
      break;
    }
}

/**
 * lotline_window_scan:
 * @self: a window
 * @text: what the search field holds when Enter is pressed
 *
 * Reads @text as scanner data, with the scanner-gs-character setting as
 * the GS separator, and finds the lot it names.  Words to search for are
 * left alone; GS1 data that breaks a rule is explained under the search
 * field.
 */
void
lotline_window_scan (LotlineWindow *self,
                     const char    *text)
{
  g_autofree char *gs = NULL;
  g_autoptr(LotlineScan) scan = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LOTLINE_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  if (self->session == NULL || !lotline_session_is_open (self->session))
    return;

  gs = self->settings != NULL ? g_settings_get_string (self->settings, "scanner-gs-character")
                              : g_strdup (LOTLINE_SCAN_GS);
  scan = lotline_scan_parse (text, gs, &error);
  if (scan == NULL)
    {
      if (error != NULL)
        {
          g_autofree char *message = lotline_scan_describe_error (error);

          lotline_lots_page_show_message (self->lots_page, message, TRUE);
        }
      return;
    }
  look_up (self, scan);
}
