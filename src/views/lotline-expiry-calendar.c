/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "lotline-expiry-calendar.h"
#include "lotline-view-util.h"

#define N_CELLS 42

struct _LotlineExpiryCalendar
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkLabel   *title_label;
  GtkWidget  *grid;
  GtkWidget  *buttons[N_CELLS];
  GtkLabel   *day_labels[N_CELLS];
  GtkLabel   *count_labels[N_CELLS];
  GtkLabel   *quantity_labels[N_CELLS];
  GDate       dates[N_CELLS];

  int         year;
  int         month;
  char       *today;
  int         warning_days;
  GPtrArray  *days;            /* LotlineExpiryDay */
  GHashTable *days_by_date;    /* date → LotlineExpiryDay, borrowed from days */

  char       *selection_from;
  char       *selection_to;
  char       *anchor;          /* where a Shift+click range starts */
  gboolean    extend;          /* the click under way held Shift */
  gboolean    compact;         /* too narrow for words in the cells */
  int         drag_start;      /* the cell a drag began on, or -1 */
  gboolean    hide_selection;  /* the page lists something else */
  guint       compact_idle;
};

G_DEFINE_FINAL_TYPE (LotlineExpiryCalendar, lotline_expiry_calendar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MONTH,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- dates ------------------------------------------------------------- */

static gboolean
parse_date (const char *s,
            GDate      *out)
{
  int y, m, d;

  g_date_clear (out, 1);
  if (s == NULL || sscanf (s, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

static char *
format_iso (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* "Saturday 21 November 2026", in the user's language. */
static char *
format_long (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  /* Translators: a day in the expiry calendar, for screen readers; see
   * g_date_time_format() */
  return g_date_time_format (dt, _("%A %-d %B %Y"));
}

/* ---- cells -------------------------------------------------------------- */

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static gboolean
in_selection (LotlineExpiryCalendar *self,
              const char            *iso)
{
  return self->selection_from != NULL &&
         strcmp (iso, self->selection_from) >= 0 && strcmp (iso, self->selection_to) <= 0;
}

static char *
format_quantities (const LotlineExpiryDay *day,
                   const char             *separator)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < day->quantities->len; i++)
    {
      const LotlineUnitQuantity *q = &g_array_index (day->quantities, LotlineUnitQuantity, i);
      g_autofree char *one = lotline_view_format_quantity (q->quantity, q->unit);

      g_string_append_printf (text, "%s%s", i > 0 ? separator : "", one);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_cell (LotlineExpiryCalendar *self,
             guint                  i)
{
  g_autofree char *iso = format_iso (&self->dates[i]);
  g_autofree char *number = g_strdup_printf ("%d", g_date_get_day (&self->dates[i]));
  g_autofree char *long_date = format_long (&self->dates[i]);
  g_autofree char *accessible = NULL;
  const LotlineExpiryDay *day = self->days_by_date ? g_hash_table_lookup (self->days_by_date, iso) : NULL;
  GtkWidget *button = self->buttons[i];
  gboolean has_lots = day != NULL && day->n_lots > 0;
  gboolean expired = FALSE, soon = FALSE;

  if (has_lots && self->today != NULL)
    {
      GDate today, limit;

      if (parse_date (self->today, &today))
        {
          limit = today;
          g_date_add_days (&limit, MAX (self->warning_days, 0));
          expired = g_date_compare (&self->dates[i], &today) < 0;
          soon = !expired && g_date_compare (&self->dates[i], &limit) <= 0;
        }
    }

  gtk_label_set_label (self->day_labels[i], number);
  if (has_lots)
    {
      g_autofree char *count = NULL;
      g_autofree char *quantities = format_quantities (day, ", ");

      /* Translators: lots expiring on a day of the expiry calendar */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lot", "%u lots", day->n_lots), day->n_lots);
      if (self->compact)
        {
          g_autofree char *n_lots = g_strdup_printf ("%u", day->n_lots);

          gtk_label_set_label (self->count_labels[i], n_lots);
        }
      else
        {
          gtk_label_set_label (self->count_labels[i], count);
        }
      gtk_label_set_label (self->quantity_labels[i], quantities);
      gtk_widget_set_tooltip_text (button, quantities);
      /* Translators: a day of the expiry calendar for screen readers: the
       * date, the number of lots and their quantities */
      accessible = g_strdup_printf (_("%s: %s expire, %s"), long_date, count, quantities);
    }
  else
    {
      gtk_label_set_label (self->count_labels[i], "");
      gtk_label_set_label (self->quantity_labels[i], "");
      gtk_widget_set_tooltip_text (button, NULL);
      accessible = g_strdup (long_date);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->count_labels[i]), has_lots);
  gtk_widget_set_visible (GTK_WIDGET (self->quantity_labels[i]), has_lots && !self->compact);
  lotline_view_set_accessible_label (button, accessible);

  set_class (button, "expired", expired);
  set_class (button, "soon", soon);
  set_class (button, "later", has_lots && !expired && !soon);
  set_class (button, "today", g_strcmp0 (iso, self->today) == 0);
  set_class (button, "selected", !self->hide_selection && in_selection (self, iso));
  set_class (button, "other-month", (int) g_date_get_month (&self->dates[i]) != self->month);
}

static void
update_cells (LotlineExpiryCalendar *self)
{
  for (guint i = 0; i < N_CELLS; i++)
    update_cell (self, i);
}

static void
update_grid (LotlineExpiryCalendar *self)
{
  g_autoptr(GDateTime) first = g_date_time_new_local (self->year, self->month, 1, 12, 0, 0);
  g_autofree char *title = NULL;
  GDate date;

  /* Translators: the month the expiry calendar shows; see g_date_time_format() */
  title = g_date_time_format (first, _("%B %Y"));
  gtk_label_set_label (self->title_label, title);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, self->month, self->year);
  g_date_subtract_days (&date, g_date_get_weekday (&date) - G_DATE_MONDAY);
  for (guint i = 0; i < N_CELLS; i++)
    {
      self->dates[i] = date;
      g_date_add_days (&date, 1);
    }
  update_cells (self);
}

/* Below this width a cell shows the number of lots only; the tooltip and
 * the accessible name still say everything. */
#define COMPACT_WIDTH 600

static gboolean
on_compact_idle_cb (gpointer data)
{
  LotlineExpiryCalendar *self = data;
  gboolean compact = gtk_widget_get_width (GTK_WIDGET (self)) < COMPACT_WIDTH;

  self->compact_idle = 0;
  if (compact != self->compact)
    {
      self->compact = compact;
      set_class (GTK_WIDGET (self), "compact", compact);
      set_class (GTK_WIDGET (self->title_label), "title-3", !compact);
      set_class (GTK_WIDGET (self->title_label), "title-4", compact);
      if (self->month != 0)
        update_cells (self);
    }
  return G_SOURCE_REMOVE;
}

static void
lotline_expiry_calendar_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  LotlineExpiryCalendar *self = LOTLINE_EXPIRY_CALENDAR (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

/* Labels change size, so the switch waits for an idle rather than
 * happening during allocation. */
static void
lotline_expiry_calendar_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  LotlineExpiryCalendar *self = LOTLINE_EXPIRY_CALENDAR (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if ((width < COMPACT_WIDTH) != self->compact && self->compact_idle == 0)
    self->compact_idle = g_idle_add (on_compact_idle_cb, self);
}

/* ---- clicks ------------------------------------------------------------- */

static void
on_grid_pressed_cb (GtkGestureClick       *gesture,
                    int                    n_press,
                    double                 x,
                    double                 y,
                    LotlineExpiryCalendar *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  self->extend = (state & GDK_SHIFT_MASK) != 0;
}

/* The cell under (@x, @y) of the grid, or -1. */
static int
cell_at (LotlineExpiryCalendar *self,
         double                 x,
         double                 y)
{
  GtkWidget *widget = gtk_widget_pick (self->grid, x, y, GTK_PICK_DEFAULT);

  for (; widget != NULL && widget != self->grid; widget = gtk_widget_get_parent (widget))
    if (GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "cell") != NULL)
      return (int) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "cell"));
  return -1;
}

/* Dragging across days selects them; a press without a move is left to
 * the day's button. */
static void
on_drag_begin_cb (GtkGestureDrag        *gesture,
                  double                 x,
                  double                 y,
                  LotlineExpiryCalendar *self)
{
  self->drag_start = cell_at (self, x, y);
}

static void
on_drag_update_cb (GtkGestureDrag        *gesture,
                   double                 dx,
                   double                 dy,
                   LotlineExpiryCalendar *self)
{
  double x, y;
  int cell;

  if (self->drag_start < 0 || !gtk_gesture_drag_get_start_point (gesture, &x, &y))
    return;
  cell = cell_at (self, x + dx, y + dy);
  if (cell < 0 || cell == self->drag_start)
    return;
  {
    g_autofree char *from = format_iso (&self->dates[self->drag_start]);
    g_autofree char *to = format_iso (&self->dates[cell]);

    if (self->selection_from != NULL &&
        ((g_strcmp0 (from, self->selection_from) == 0 && g_strcmp0 (to, self->selection_to) == 0) ||
         (g_strcmp0 (to, self->selection_from) == 0 && g_strcmp0 (from, self->selection_to) == 0)))
      return;
    g_free (self->anchor);
    self->anchor = g_strdup (from);
    lotline_expiry_calendar_select_range (self, from, to);
  }
}

static void
on_day_clicked_cb (GtkButton             *button,
                   LotlineExpiryCalendar *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "cell"));
  g_autofree char *iso = format_iso (&self->dates[i]);
  gboolean extend = self->extend && self->anchor != NULL;

  self->extend = FALSE;
  if (extend)
    {
      g_autofree char *anchor = g_strdup (self->anchor);

      lotline_expiry_calendar_select_range (self, anchor, iso);
      g_free (self->anchor);
      self->anchor = g_steal_pointer (&anchor);
    }
  else
    {
      lotline_expiry_calendar_select_range (self, iso, iso);
    }
}

static void
on_previous_clicked_cb (LotlineExpiryCalendar *self)
{
  lotline_expiry_calendar_previous_month (self);
}

static void
on_next_clicked_cb (LotlineExpiryCalendar *self)
{
  lotline_expiry_calendar_next_month (self);
}

static void
on_today_clicked_cb (LotlineExpiryCalendar *self)
{
  GDate today;

  if (!parse_date (self->today, &today))
    return;
  lotline_expiry_calendar_set_month (self, g_date_get_year (&today), g_date_get_month (&today));
  lotline_expiry_calendar_select_range (self, self->today, self->today);
}

/* ---- construction ------------------------------------------------------- */

static GtkWidget *
icon_button_new (const char *icon,
                 const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  lotline_view_set_accessible_label (button, label);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
build (LotlineExpiryCalendar *self)
{
  GtkWidget *header, *button, *title;
  GDate monday;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->box), header);

  title = gtk_label_new (NULL);
  self->title_label = GTK_LABEL (title);
  gtk_label_set_xalign (self->title_label, 0);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "title-3");
  gtk_box_append (GTK_BOX (header), title);

  button = icon_button_new ("go-previous-symbolic", _("Previous Month"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_previous_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), button);

  button = gtk_button_new_with_mnemonic (_("_Today"));
  gtk_widget_set_tooltip_text (button, _("Show and select today"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_today_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), button);

  button = icon_button_new ("go-next-symbolic", _("Next Month"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_next_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), button);

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (self->grid), TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 4);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  gtk_box_append (GTK_BOX (self->box), self->grid);

  {
    GtkGesture *gesture = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
    g_signal_connect (gesture, "pressed", G_CALLBACK (on_grid_pressed_cb), self);
    gtk_widget_add_controller (self->grid, GTK_EVENT_CONTROLLER (gesture));

    gesture = gtk_gesture_drag_new ();
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
    g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
    g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
    gtk_widget_add_controller (self->grid, GTK_EVENT_CONTROLLER (gesture));
  }

  /* 1 January 2024 was a Monday. */
  g_date_clear (&monday, 1);
  g_date_set_dmy (&monday, 1, G_DATE_JANUARY, 2024);
  for (guint col = 0; col < 7; col++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (2024, 1, 1 + col, 12, 0, 0);
      g_autofree char *name = g_date_time_format (dt, "%a");
      GtkWidget *label = gtk_label_new (name);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (self->grid), label, col, 0, 1, 1);
    }

  for (guint i = 0; i < N_CELLS; i++)
    {
      GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *label;

      self->buttons[i] = gtk_button_new ();
      gtk_widget_add_css_class (self->buttons[i], "lotline-expiry-day");
      gtk_widget_add_css_class (self->buttons[i], "flat");
      gtk_widget_set_hexpand (self->buttons[i], TRUE);
      g_object_set_data (G_OBJECT (self->buttons[i]), "cell", GUINT_TO_POINTER (i));
      g_signal_connect (self->buttons[i], "clicked", G_CALLBACK (on_day_clicked_cb), self);
      gtk_button_set_child (GTK_BUTTON (self->buttons[i]), cell);

      label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "day-number");
      self->day_labels[i] = GTK_LABEL (label);
      gtk_box_append (GTK_BOX (cell), label);

      label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "day-count");
      self->count_labels[i] = GTK_LABEL (label);
      gtk_box_append (GTK_BOX (cell), label);

      label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      self->quantity_labels[i] = GTK_LABEL (label);
      gtk_box_append (GTK_BOX (cell), label);

      gtk_grid_attach (GTK_GRID (self->grid), self->buttons[i], i % 7, 1 + i / 7, 1, 1);
    }
}

/* ---- public API --------------------------------------------------------- */

GtkWidget *
lotline_expiry_calendar_new (void)
{
  return g_object_new (LOTLINE_TYPE_EXPIRY_CALENDAR, NULL);
}

void
lotline_expiry_calendar_set_today (LotlineExpiryCalendar *self,
                                   const char            *today)
{
  GDate date;

  g_return_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self));

  if (!parse_date (today, &date))
    return;
  g_free (self->today);
  self->today = g_strdup (today);
  g_clear_pointer (&self->anchor, g_free);
  lotline_expiry_calendar_set_month (self, g_date_get_year (&date), g_date_get_month (&date));
  lotline_expiry_calendar_select_range (self, today, today);
}

const char *
lotline_expiry_calendar_get_today (LotlineExpiryCalendar *self)
{
  g_return_val_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self), NULL);

  return self->today;
}

void
lotline_expiry_calendar_set_warning_days (LotlineExpiryCalendar *self,
                                          int                    days)
{
  g_return_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self));

  if (self->warning_days == days)
    return;
  self->warning_days = days;
  update_cells (self);
}

void
lotline_expiry_calendar_set_month (LotlineExpiryCalendar *self,
                                   int                    year,
                                   int                    month)
{
  g_return_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self));
  g_return_if_fail (month >= 1 && month <= 12);

  if (self->year == year && self->month == month)
    return;
  /* The days shown belong to the old range until the page fetches anew. */
  g_clear_pointer (&self->days_by_date, g_hash_table_unref);
  g_clear_pointer (&self->days, g_ptr_array_unref);
  self->year = year;
  self->month = month;
  update_grid (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
}

int
lotline_expiry_calendar_get_year (LotlineExpiryCalendar *self)
{
  g_return_val_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self), 0);

  return self->year;
}

int
lotline_expiry_calendar_get_month (LotlineExpiryCalendar *self)
{
  g_return_val_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self), 0);

  return self->month;
}

void
lotline_expiry_calendar_next_month (LotlineExpiryCalendar *self)
{
  g_return_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self));

  if (self->month == 12)
    lotline_expiry_calendar_set_month (self, self->year + 1, 1);
  else
    lotline_expiry_calendar_set_month (self, self->year, self->month + 1);
}

void
lotline_expiry_calendar_previous_month (LotlineExpiryCalendar *self)
{
  g_return_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self));

  if (self->month == 1)
    lotline_expiry_calendar_set_month (self, self->year - 1, 12);
  else
    lotline_expiry_calendar_set_month (self, self->year, self->month - 1);
}

char *
lotline_expiry_calendar_dup_first_visible (LotlineExpiryCalendar *self)
{
  g_return_val_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self), NULL);

  return format_iso (&self->dates[0]);
}

char *
lotline_expiry_calendar_dup_last_visible (LotlineExpiryCalendar *self)
{
  g_return_val_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self), NULL);

  return format_iso (&self->dates[N_CELLS - 1]);
}

void
lotline_expiry_calendar_set_days (LotlineExpiryCalendar *self,
                                  GPtrArray             *days)
{
  g_return_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self));

  if (days != NULL)
    g_ptr_array_ref (days);
  g_clear_pointer (&self->days_by_date, g_hash_table_unref);
  g_clear_pointer (&self->days, g_ptr_array_unref);
  self->days = days;
  if (days != NULL)
    {
      self->days_by_date = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < days->len; i++)
        {
          LotlineExpiryDay *day = g_ptr_array_index (days, i);

          g_hash_table_insert (self->days_by_date, day->date, day);
        }
    }
  if (self->month != 0)
    update_cells (self);
}

guint
lotline_expiry_calendar_get_day_n_lots (LotlineExpiryCalendar *self,
                                        const char            *date)
{
  const LotlineExpiryDay *day;

  g_return_val_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self), 0);

  if (lotline_expiry_calendar_get_day_button (self, date) == NULL || self->days_by_date == NULL)
    return 0;
  day = g_hash_table_lookup (self->days_by_date, date);
  return day != NULL ? day->n_lots : 0;
}

GtkWidget *
lotline_expiry_calendar_get_day_button (LotlineExpiryCalendar *self,
                                        const char            *date)
{
  GDate d;

  g_return_val_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self), NULL);

  if (self->month == 0 || !parse_date (date, &d))
    return NULL;
  for (guint i = 0; i < N_CELLS; i++)
    if (g_date_compare (&d, &self->dates[i]) == 0)
      return self->buttons[i];
  return NULL;
}

void
lotline_expiry_calendar_select_range (LotlineExpiryCalendar *self,
                                      const char            *from,
                                      const char            *to)
{
  GDate a, b;

  g_return_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self));

  if (!parse_date (from, &a))
    return;
  if (to == NULL || !parse_date (to, &b))
    b = a;
  if (g_date_compare (&a, &b) > 0)
    {
      GDate t = a;

      a = b;
      b = t;
    }
  g_free (self->selection_from);
  g_free (self->selection_to);
  self->selection_from = format_iso (&a);
  self->selection_to = format_iso (&b);
  if (self->anchor == NULL || !in_selection (self, self->anchor))
    {
      g_free (self->anchor);
      self->anchor = g_strdup (self->selection_from);
    }
  if (self->month != 0)
    update_cells (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
lotline_expiry_calendar_set_selection_visible (LotlineExpiryCalendar *self,
                                               gboolean               visible)
{
  g_return_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self));

  if (self->hide_selection == !visible)
    return;
  self->hide_selection = !visible;
  if (self->month != 0)
    update_cells (self);
}

gboolean
lotline_expiry_calendar_get_selection (LotlineExpiryCalendar  *self,
                                       const char            **from,
                                       const char            **to)
{
  g_return_val_if_fail (LOTLINE_IS_EXPIRY_CALENDAR (self), FALSE);

  if (from != NULL)
    *from = self->selection_from;
  if (to != NULL)
    *to = self->selection_to;
  return self->selection_from != NULL;
}

/* ---- GObject ------------------------------------------------------------ */

static void
lotline_expiry_calendar_dispose (GObject *object)
{
  LotlineExpiryCalendar *self = LOTLINE_EXPIRY_CALENDAR (object);

  g_clear_handle_id (&self->compact_idle, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->days_by_date, g_hash_table_unref);
  g_clear_pointer (&self->days, g_ptr_array_unref);

  G_OBJECT_CLASS (lotline_expiry_calendar_parent_class)->dispose (object);
}

static void
lotline_expiry_calendar_finalize (GObject *object)
{
  LotlineExpiryCalendar *self = LOTLINE_EXPIRY_CALENDAR (object);

  g_free (self->today);
  g_free (self->selection_from);
  g_free (self->selection_to);
  g_free (self->anchor);

  G_OBJECT_CLASS (lotline_expiry_calendar_parent_class)->finalize (object);
}

static void
lotline_expiry_calendar_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  LotlineExpiryCalendar *self = LOTLINE_EXPIRY_CALENDAR (object);

  switch (prop_id)
    {
    case PROP_MONTH:
      g_value_set_int (value, self->month);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_expiry_calendar_class_init (LotlineExpiryCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lotline_expiry_calendar_dispose;
  object_class->finalize = lotline_expiry_calendar_finalize;
  object_class->get_property = lotline_expiry_calendar_get_property;

  properties[PROP_MONTH] =
    g_param_spec_int ("month", NULL, NULL, 0, 12, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LotlineExpiryCalendar::selection-changed:
   *
   * The selected day or range changed.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  widget_class->measure = lotline_expiry_calendar_measure;
  widget_class->size_allocate = lotline_expiry_calendar_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "lotline-expiry-calendar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lotline_expiry_calendar_init (LotlineExpiryCalendar *self)
{
  self->warning_days = 30;
  self->drag_start = -1;
  build (self);
}
