/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-ledger.h"

G_BEGIN_DECLS

/* Words and numbers as the lot page and the operation dialogs show them,
 * and the few widget helpers both need.  Everything here is main-thread
 * only and pure formatting: no database access. */

/* "released", "quarantined", … as a CSS class for the status pill. */
const char *lotline_view_status_css_class  (LotlineLotStatus  status);
/* The dialog title for recording an event of @kind: "Receive", "Ship", … */
const char *lotline_view_event_kind_title  (LotlineEventKind  kind);

/* "250 kg"; @unit may be NULL. */
char       *lotline_view_format_quantity   (gint64            milli,
                                            const char       *unit);
/* "+250 kg" or "−5 kg" (with a real minus sign). */
char       *lotline_view_format_signed     (gint64            milli,
                                            const char       *unit);
/* "YYYY-MM-DD" → "1 Mar 2026"; NULL or invalid gives NULL. */
char       *lotline_view_format_date       (const char       *date);
/* Unix seconds UTC → "1 Mar 2026, 14:05" in local time. */
char       *lotline_view_format_instant    (gint64            unix_utc);
/* "expires in 5 days", "expires today", "expired 3 days ago", or NULL
 * without an expiry date. */
char       *lotline_view_format_days_left  (const char       *today,
                                            const char       *expires_on);

/* Loads the views' style sheet once per display. */
void        lotline_view_ensure_style      (void);

/* Removes every row of a GtkListBox (gtk_list_box_remove_all is GTK 4.12). */
void        lotline_view_list_box_clear    (GtkListBox       *list);
/* A boxed GtkListBox for dynamic rows inside an AdwPreferencesGroup. */
GtkListBox *lotline_view_boxed_list_new    (void);
/* An AdwActionRow whose subtitle is plain text (escaped here). */
GtkWidget  *lotline_view_info_row_new      (const char       *title,
                                            const char       *subtitle);
/* The confirmation to open a recall, on @parent: Cancel (the default and
 * the close response, "cancel") and a destructive Open Recall ("open").
 * Not yet shown: connect "response", then present it. */
GtkWidget  *lotline_view_open_recall_dialog_new (GtkWindow   *parent,
                                                 const char  *heading,
                                                 const char  *body);
/* Sets @label as @widget's accessible name. */
void        lotline_view_set_accessible_label (GtkWidget     *widget,
                                               const char    *label);

G_END_DECLS
