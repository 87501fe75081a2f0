/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A keyboard-wedge scanner set to send the GS1 group separator as the GS
 * control character types it as Ctrl+]; text fields take no control
 * characters from the keyboard, so @editable (a GtkEditable widget) is
 * given a key controller, named "lotline-scan-gs", that types GS for it. */
void lotline_scan_entry_attach (GtkWidget *editable);

G_END_DECLS
