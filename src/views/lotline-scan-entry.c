/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "lotline-scan-entry.h"

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEditable           *editable)
{
  int position;

  if (keyval != GDK_KEY_bracketright || (state & GDK_MODIFIER_MASK & ~GDK_LOCK_MASK) != GDK_CONTROL_MASK)
    return FALSE;

  gtk_editable_delete_selection (editable);
  position = gtk_editable_get_position (editable);
  gtk_editable_insert_text (editable, "\x1d", 1, &position);
  gtk_editable_set_position (editable, position);
  return TRUE;
}

/**
 * lotline_scan_entry_attach:
 * @editable: a GtkEditable widget: an entry, a search entry or an entry row
 *
 * Makes Ctrl+] type the GS control character into @editable.
 */
void
lotline_scan_entry_attach (GtkWidget *editable)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  gtk_event_controller_set_name (controller, "lotline-scan-gs");
  /* Before the text widget inside takes the key. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), editable, 0);
  gtk_widget_add_controller (editable, controller);
}
