/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "lotline-expiry.h"

G_BEGIN_DECLS

/* A month of the expiry calendar: seven columns from Monday, six week
 * rows, each day a button that says how many lots and how much stock
 * expire that day, coloured by urgency (expired, inside the warning
 * window, later).  A click selects a day, Shift+click extends the
 * selection to a range.  The widget only shows what it is given: the page
 * fetches the days (lotline_store_expiry_calendar()) on a worker for the
 * visible range whenever the month changes ("month" notifies). */
#define LOTLINE_TYPE_EXPIRY_CALENDAR (lotline_expiry_calendar_get_type ())
G_DECLARE_FINAL_TYPE (LotlineExpiryCalendar, lotline_expiry_calendar, LOTLINE, EXPIRY_CALENDAR, GtkWidget)

GtkWidget  *lotline_expiry_calendar_new               (void);

/* "YYYY-MM-DD"; moves to its month and selects it. */
void        lotline_expiry_calendar_set_today         (LotlineExpiryCalendar *self,
                                                       const char            *today);
const char *lotline_expiry_calendar_get_today         (LotlineExpiryCalendar *self);
void        lotline_expiry_calendar_set_warning_days  (LotlineExpiryCalendar *self,
                                                       int                    days);

/* @month is 1–12.  The "month" property notifies on every change. */
void        lotline_expiry_calendar_set_month         (LotlineExpiryCalendar *self,
                                                       int                    year,
                                                       int                    month);
int         lotline_expiry_calendar_get_year          (LotlineExpiryCalendar *self);
int         lotline_expiry_calendar_get_month         (LotlineExpiryCalendar *self);
void        lotline_expiry_calendar_next_month        (LotlineExpiryCalendar *self);
void        lotline_expiry_calendar_previous_month    (LotlineExpiryCalendar *self);

/* The first and last days the grid shows ("YYYY-MM-DD"), which include
 * the ends of the neighbouring months. */
char       *lotline_expiry_calendar_dup_first_visible (LotlineExpiryCalendar *self);
char       *lotline_expiry_calendar_dup_last_visible  (LotlineExpiryCalendar *self);

/* Shows @days (element-type LotlineExpiryDay, as
 * lotline_store_expiry_calendar() returns them; a reference is kept), or
 * nothing for %NULL. */
void        lotline_expiry_calendar_set_days          (LotlineExpiryCalendar *self,
                                                       GPtrArray             *days);
/* The lots the cell of @date shows; 0 for a day not visible. */
guint       lotline_expiry_calendar_get_day_n_lots    (LotlineExpiryCalendar *self,
                                                       const char            *date);
/* The button of @date, or NULL when it is not visible. */
GtkWidget  *lotline_expiry_calendar_get_day_button    (LotlineExpiryCalendar *self,
                                                       const char            *date);

/* Selects @from … @to (inclusive; @to may be NULL for one day) and emits
 * ::selection-changed. */
void        lotline_expiry_calendar_select_range      (LotlineExpiryCalendar *self,
                                                       const char            *from,
                                                       const char            *to);
/* Whether the selected days are highlighted (while the page lists other
 * lots, they are not). */
void        lotline_expiry_calendar_set_selection_visible (LotlineExpiryCalendar *self,
                                                           gboolean               visible);
/* The selected range (borrowed), or FALSE when nothing is selected. */
gboolean    lotline_expiry_calendar_get_selection     (LotlineExpiryCalendar *self,
                                                       const char           **from,
                                                       const char           **to);

G_END_DECLS
