/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-lot-format-store.h"
#include "lotline-lot-page-private.h"
#include "lotline-view-util.h"

/* The lot page's "Code segments" group: the lot's code read back with its
 * product's lot-code format, one row per segment. */

void
lotline_lot_code_reading_free (LotlineLotCodeReading *reading)
{
  if (reading == NULL)
    return;
  lotline_lot_parts_clear (&reading->parts);
  g_free (reading->template_text);
  g_free (reading);
}

/**
 * lotline_lot_page_read_code:
 * @store: the worker's connection
 * @lot: the lot shown
 *
 * Runs on the page's worker.
 *
 * Returns: (transfer full) (nullable): the segments, or %NULL when the
 *   product has no format or the code does not follow it
 */
LotlineLotCodeReading *
lotline_lot_page_read_code (LotlineStore     *store,
                            const LotlineLot *lot)
{
  g_autoptr(LotlineLotFormat) format = lotline_store_get_effective_lot_format (store, lot->product_id, NULL);
  LotlineLotCodeReading *reading;

  if (format == NULL)
    return NULL;
  reading = g_new0 (LotlineLotCodeReading, 1);
  if (!lotline_lot_format_parse (format, lot->code, &reading->parts, NULL))
    {
      g_free (reading);
      return NULL;
    }
  reading->template_text = g_strdup (lotline_lot_format_get_template (format));
  return reading;
}

static void
add_segment_row (GtkListBox *list,
                 const char *name,
                 const char *value)
{
  GtkWidget *row;

  if (value == NULL)
    return;
  row = lotline_view_info_row_new (name, value);
  gtk_widget_add_css_class (row, "lotline-property");
  gtk_list_box_append (list, row);
}

/**
 * lotline_lot_page_fill_code:
 * @group: the group, hidden when there is nothing to show
 * @list: its list
 * @reading: (nullable): what lotline_lot_page_read_code() found
 */
void
lotline_lot_page_fill_code (GtkWidget                   *group,
                            GtkListBox                  *list,
                            const LotlineLotCodeReading *reading)
{
  g_autofree char *date = NULL, *sequence = NULL, *description = NULL;

  lotline_view_list_box_clear (list);
  gtk_widget_set_visible (group, reading != NULL);
  if (reading == NULL)
    return;

  /* Translators: the description of the lot page's code segments, "Read with the format “{YYMMDD}-{SEQ:3}”" */
  description = g_strdup_printf (_("Read with the format “%s”"), reading->template_text);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  date = reading->parts.date != NULL ? lotline_view_format_date (reading->parts.date) : NULL;
  sequence = reading->parts.sequence > 0 ? g_strdup_printf ("%u", reading->parts.sequence) : NULL;
  add_segment_row (list, _("Date"), date);
  add_segment_row (list, _("Facility"), reading->parts.facility);
  add_segment_row (list, _("Line"), reading->parts.line);
  add_segment_row (list, _("Shift"), reading->parts.shift);
  add_segment_row (list, _("Product code"), reading->parts.product);
  add_segment_row (list, _("Sequence"), sequence);
}
