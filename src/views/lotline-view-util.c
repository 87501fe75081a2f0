/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "lotline-view-util.h"

const char *
lotline_view_status_css_class (LotlineLotStatus status)
{
  const char *name = lotline_lot_status_to_string (status);

  return name != NULL ? name : "unknown";
}

const char *
lotline_view_event_kind_title (LotlineEventKind kind)
{
  switch (kind)
    {
    case LOTLINE_EVENT_RECEIVE: return _("Receive");
    case LOTLINE_EVENT_PRODUCE: return _("Produce");
    case LOTLINE_EVENT_TRANSFER: return _("Transfer");
    case LOTLINE_EVENT_SHIP: return _("Ship");
    case LOTLINE_EVENT_RETURN: return _("Return");
    case LOTLINE_EVENT_ADJUST: return _("Adjust stock");
    case LOTLINE_EVENT_DESTROY: return _("Destroy");
    case LOTLINE_EVENT_QUARANTINE: return _("Quarantine");
    case LOTLINE_EVENT_RELEASE: return _("Release");
    default: return _("Record an event");
    }
}

char *
lotline_view_format_quantity (gint64      milli,
                              const char *unit)
{
  g_autofree char *number = lotline_quantity_format (milli);

  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);
  /* Translators: a quantity and its unit, "250 kg"; keep the no-break space */
  return g_strdup_printf (_("%s\u00a0%s"), number, unit);
}

char *
lotline_view_format_signed (gint64      milli,
                            const char *unit)
{
  g_autofree char *magnitude = NULL;

  if (milli == 0)
    return lotline_view_format_quantity (0, unit);
  magnitude = lotline_view_format_quantity (milli < 0 ? -milli : milli, unit);
  /* U+2212 MINUS SIGN lines up with the plus sign. */
  return g_strconcat (milli < 0 ? "\u2212" : "+", magnitude, NULL);
}

char *
lotline_view_format_date (const char *date)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (date == NULL || !lotline_date_is_valid (date) ||
      sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return NULL;
  /* Translators: a calendar date, "1 Mar 2026"; see g_date_time_format() */
  return g_date_time_format (dt, _("%-d %b %Y"));
}

char *
lotline_view_format_instant (gint64 unix_utc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_utc);

  if (dt == NULL)
    return g_strdup ("?");
  /* Translators: a date and a time of day, "1 Mar 2026, 14:05"; see g_date_time_format() */
  return g_date_time_format (dt, _("%-d %b %Y, %H:%M"));
}

char *
lotline_view_format_days_left (const char *today,
                               const char *expires_on)
{
  int days;

  if (today == NULL || expires_on == NULL ||
      !lotline_date_is_valid (today) || !lotline_date_is_valid (expires_on))
    return NULL;

  days = lotline_date_diff_days (today, expires_on);
  if (days == 0)
    return g_strdup (_("expires today"));
  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "expires in %d day", "expires in %d days", (gulong) days), days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "expired %d day ago", "expired %d days ago", (gulong) -days), -days);
}

void
lotline_view_ensure_style (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "lotline-views-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, LOTLINE_RESOURCE_PATH "/lotline-views.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "lotline-views-css",
                          g_steal_pointer (&provider), g_object_unref);
}

void
lotline_view_list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

GtkListBox *
lotline_view_boxed_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return GTK_LIST_BOX (list);
}

GtkWidget *
lotline_view_info_row_new (const char *title,
                           const char *subtitle)
{
  g_autofree char *escaped_title = g_markup_escape_text (title ? title : "", -1);
  g_autofree char *escaped = subtitle ? g_markup_escape_text (subtitle, -1) : NULL;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  if (escaped != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  return row;
}

GtkWidget *
lotline_view_open_recall_dialog_new (GtkWindow  *parent,
                                     const char *heading,
                                     const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Recall"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

void
lotline_view_set_accessible_label (GtkWidget  *widget,
                                   const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}
