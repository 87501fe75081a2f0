/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-lot-page-private.h"
#include "lotline-view-util.h"

/* The lists of the lot page, each filled from what the page's one worker
 * job read: stock, genealogy, mass balance, details and history. */

/* The history shows the newest events; a raw lot consumed into thousands of
 * batches would otherwise build thousands of rows. */
#define HISTORY_LIMIT 250

static void
add_row (GtkListBox *list,
         GtkWidget  *row)
{
  gtk_list_box_append (list, row);
}

/* A field of the lot: the value reads first, the field name is its caption. */
static void
add_property_row (GtkListBox *list,
                  const char *name,
                  const char *value)
{
  gboolean empty = value == NULL || *value == '\0';
  GtkWidget *row = lotline_view_info_row_new (name, empty ? NULL : value);

  gtk_widget_add_css_class (row, "lotline-property");
  if (empty)
    {
      /* Dimmed, so the fields that hold something stand out. */
      g_autofree char *escaped = g_markup_escape_text (_("Not recorded"), -1);
      g_autofree char *markup = g_strdup_printf ("<span alpha=\"55%%\">%s</span>", escaped);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), markup);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value != NULL ? value : "",
                                  -1);
  add_row (list, row);
}

static GtkWidget *
suffix_label_new (const char *text,
                  const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

typedef struct {
  gint64             lot_id;
  LotlineOpenLotFunc open_lot;
  gpointer           data;
} LinkData;

static void
on_lot_row_activated_cb (AdwActionRow *row,
                         LinkData     *link)
{
  link->open_lot (link->data, link->lot_id);
}

/* A row that opens another lot's page. */
static GtkWidget *
lot_link_row_new (LotlineOpenLotFunc  open_lot,
                  gpointer            data,
                  gint64              lot_id,
                  const char         *title,
                  const char         *subtitle)
{
  GtkWidget *row = lotline_view_info_row_new (title, subtitle);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Open lot %s"), title);
  LinkData *link = g_new0 (LinkData, 1);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_widget_set_tooltip_text (row, tooltip);
  lotline_view_set_accessible_label (row, tooltip);

  link->lot_id = lot_id;
  link->open_lot = open_lot;
  link->data = data;
  g_object_set_data_full (G_OBJECT (row), "lotline-link", link, g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_lot_row_activated_cb), link);
  return row;
}

static void
add_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *row = lotline_view_info_row_new (text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
  add_row (list, row);
}

void
lotline_lot_page_fill_details (GtkListBox       *list,
                               const LotlineLot *lot,
                               LotlineLotStatus  effective,
                               const char       *today)
{
  g_autofree char *product = g_strdup_printf ("%s · %s", lot->product_sku, lot->product_name);
  g_autofree char *produced = lotline_view_format_date (lot->produced_on);
  g_autofree char *received = lotline_view_format_date (lot->received_on);
  g_autofree char *expires = lotline_view_format_date (lot->expires_on);
  g_autofree char *best_before = lotline_view_format_date (lot->best_before);
  g_autofree char *days = lotline_view_format_days_left (today, lot->expires_on);
  g_autofree char *expires_text = NULL;
  g_autofree char *status = NULL;
  LotlineLotStatus stored = lot->status;

  if (expires != NULL && days != NULL)
    /* Translators: "11 Mar 2026 (expires in 5 days)" */
    expires_text = g_strdup_printf (_("%s (%s)"), expires, days);
  else
    expires_text = g_strdup (expires);

  if (stored != effective)
    /* Translators: the lot's effective status, then the status recorded in
     * the ledger, "Expired (recorded as released)" */
    status = g_strdup_printf (_("%s (recorded as %s)"), lotline_lot_status_to_display (effective),
                              lotline_lot_status_to_display (stored));
  else
    status = g_strdup (lotline_lot_status_to_display (stored));

  lotline_view_list_box_clear (list);
  add_property_row (list, _("Lot code"), lot->code);
  add_property_row (list, _("Product"), product);
  add_property_row (list, _("Status"), status);
  add_property_row (list, _("Produced on"), produced);
  add_property_row (list, _("Received on"), received);
  add_property_row (list, _("Expires on"), expires_text);
  add_property_row (list, _("Best before"), best_before);
  add_property_row (list, _("Supplier"), lot->supplier_name);
  add_property_row (list, _("Supplier’s lot code"), lot->supplier_lot);
  add_property_row (list, _("Traceability lot code source"), lot->tlc_source);
  add_property_row (list, _("Notes"), lot->notes);
}

void
lotline_lot_page_fill_stock (GtkListBox       *list,
                             const LotlineLot *lot,
                             GArray           *stock)
{
  guint shown = 0;

  lotline_view_list_box_clear (list);
  for (guint i = 0; i < stock->len; i++)
    {
      const LotlineStockEntry *entry = &g_array_index (stock, LotlineStockEntry, i);
      g_autofree char *quantity = NULL;
      GtkWidget *row;

      if (entry->quantity == 0)
        continue;
      quantity = lotline_view_format_quantity (entry->quantity, lot->unit);
      row = lotline_view_info_row_new (entry->location_code, NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label_new (quantity, NULL));
      add_row (list, row);
      shown++;
    }

  if (shown == 0)
    add_placeholder (list, _("None of this lot is on hand"));
  else if (shown > 1)
    {
      g_autofree char *total = lotline_view_format_quantity (lot->on_hand, lot->unit);
      GtkWidget *row = lotline_view_info_row_new (_("Total"), NULL);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label_new (total, "heading"));
      add_row (list, row);
    }
}

typedef enum {
  EDGE_RECEIVED,   /* "100 kg on 1 Mar 2026" */
  EDGE_USED,       /* "40 kg used on 2 Mar 2026" */
  EDGE_WENT_INTO,  /* "20 kg of this lot used on 4 Mar 2026; 60 jar made" */
} EdgeText;

/* What an edge carried and when; a range of dates when several events
 * connect the two ends. */
static char *
format_edge (const LotlineTraceEdge *edge,
             EdgeText                text,
             const char             *unit,
             const char             *child_unit)
{
  g_autofree char *quantity = lotline_view_format_quantity (edge->quantity, unit);
  g_autofree char *made = lotline_view_format_quantity (edge->child_quantity, child_unit);
  g_autofree char *first = lotline_view_format_date (edge->first_date);
  g_autofree char *last = lotline_view_format_date (edge->last_date);
  gboolean range = last != NULL && g_strcmp0 (edge->first_date, edge->last_date) != 0;

  if (first == NULL)
    first = g_strdup ("?");

  switch (text)
    {
    case EDGE_RECEIVED:
      if (range)
        /* Translators: "100 kg from 1 Mar 2026 to 9 Mar 2026" */
        return g_strdup_printf (_("%s from %s to %s"), quantity, first, last);
      /* Translators: "100 kg on 1 Mar 2026" */
      return g_strdup_printf (_("%s on %s"), quantity, first);

    case EDGE_USED:
      if (range)
        /* Translators: "40 kg used from 2 Mar 2026 to 9 Mar 2026" */
        return g_strdup_printf (_("%s used from %s to %s"), quantity, first, last);
      /* Translators: "40 kg used on 2 Mar 2026" */
      return g_strdup_printf (_("%s used on %s"), quantity, first);

    case EDGE_WENT_INTO:
    default:
      if (range)
        /* Translators: "20 kg of this lot used from 4 Mar 2026 to 9 Mar 2026; 60 jar made" */
        return g_strdup_printf (_("%s of this lot used from %s to %s; %s made"), quantity, first, last, made);
      /* Translators: "20 kg of this lot used on 4 Mar 2026; 60 jar made" */
      return g_strdup_printf (_("%s of this lot used on %s; %s made"), quantity, first, made);
    }
}

void
lotline_lot_page_fill_genealogy (GtkListBox         *made_from_list,
                                 GtkListBox         *went_into_list,
                                 const LotlineLot   *lot,
                                 const LotlineTrace *trace,
                                 LotlineOpenLotFunc  open_lot,
                                 gpointer            data)
{
  g_autofree char *key = g_strdup_printf ("lot:%" G_GINT64_FORMAT, lot->id);
  int seed = lotline_trace_find_node (trace, key);
  guint n_made_from = 0, n_went_into = 0;

  lotline_view_list_box_clear (made_from_list);
  lotline_view_list_box_clear (went_into_list);

  for (guint i = 0; seed >= 0 && i < lotline_trace_get_n_edges (trace); i++)
    {
      const LotlineTraceEdge *edge = lotline_trace_get_edge (trace, i);
      const LotlineTraceNode *from = lotline_trace_get_node (trace, edge->from);
      const LotlineTraceNode *to = lotline_trace_get_node (trace, edge->to);

      if (edge->kind == LOTLINE_EDGE_PRODUCTION && edge->to == (guint) seed)
        {
          g_autofree char *used = format_edge (edge, EDGE_USED, from->unit, lot->unit);
          g_autofree char *subtitle = g_strdup_printf ("%s · %s\n%s", from->product_sku, from->product_name, used);

          add_row (made_from_list, lot_link_row_new (open_lot, data, from->id, from->label, subtitle));
          n_made_from++;
        }
      else if (edge->kind == LOTLINE_EDGE_RECEIPT && edge->to == (guint) seed)
        {
          g_autofree char *amount = format_edge (edge, EDGE_RECEIVED, lot->unit, NULL);
          g_autofree char *title = g_strdup_printf (_("Received from %s"), from->label);

          add_row (made_from_list, lotline_view_info_row_new (title, amount));
          n_made_from++;
        }
      else if (edge->kind == LOTLINE_EDGE_PRODUCTION && edge->from == (guint) seed)
        {
          g_autofree char *text = format_edge (edge, EDGE_WENT_INTO, lot->unit, to->unit);
          g_autofree char *subtitle = g_strdup_printf ("%s · %s\n%s", to->product_sku, to->product_name, text);

          add_row (went_into_list, lot_link_row_new (open_lot, data, to->id, to->label, subtitle));
          n_went_into++;
        }
    }

  for (guint i = 0; i < lotline_trace_get_n_shipments (trace); i++)
    {
      const LotlineTraceShipment *shipment = lotline_trace_get_shipment (trace, i);
      g_autofree char *party_key = g_strdup_printf ("party:%" G_GINT64_FORMAT, shipment->customer_id);
      int party = lotline_trace_find_node (trace, party_key);
      g_autofree char *quantity = NULL;
      g_autofree char *date = NULL;
      g_autofree char *title = NULL;
      g_autoptr(GString) subtitle = NULL;

      if (shipment->lot_id != lot->id)
        continue;

      quantity = lotline_view_format_quantity (shipment->quantity, lot->unit);
      date = lotline_view_format_date (shipment->date);
      title = g_strdup_printf (_("Shipped to %s"),
                               party >= 0 ? lotline_trace_get_node (trace, party)->label : _("an unknown customer"));
      subtitle = g_string_new (NULL);
      /* Translators: "5 kg on 3 Mar 2026" */
      g_string_append_printf (subtitle, _("%s on %s"), quantity, date != NULL ? date : shipment->date);
      if (shipment->doc_number != NULL)
        g_string_append_printf (subtitle, " · %s %s", shipment->doc_type ? shipment->doc_type : "", shipment->doc_number);

      add_row (went_into_list, lotline_view_info_row_new (title, subtitle->str));
      n_went_into++;
    }

  if (n_made_from == 0)
    add_placeholder (made_from_list, _("Not made from other lots"));
  if (n_went_into == 0)
    add_placeholder (went_into_list, _("Not used or shipped yet"));
}

static void
append_part (GString    *text,
             const char *name,
             gint64      quantity,
             const char *unit)
{
  g_autofree char *formatted = NULL;

  if (quantity == 0)
    return;
  formatted = lotline_view_format_quantity (quantity, unit);
  if (text->len > 0)
    g_string_append (text, ", ");
  /* Translators: a part of a total, "received 100 kg" */
  g_string_append_printf (text, _("%s %s"), name, formatted);
}

static void
add_balance_row (GtkListBox *list,
                 const char *title,
                 const char *subtitle,
                 gint64      quantity,
                 const char *unit)
{
  g_autofree char *total = lotline_view_format_quantity (quantity, unit);
  GtkWidget *row = lotline_view_info_row_new (title, subtitle != NULL && *subtitle != '\0' ? subtitle : NULL);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label_new (total, NULL));
  add_row (list, row);
}

void
lotline_lot_page_fill_balance (GtkListBox         *list,
                               const LotlineLot   *lot,
                               const LotlineTrace *trace)
{
  g_autofree char *key = g_strdup_printf ("lot:%" G_GINT64_FORMAT, lot->id);
  int seed = lotline_trace_find_node (trace, key);
  const LotlineMassBalance *b = seed >= 0 ? lotline_trace_get_balance (trace, (guint) seed) : NULL;
  g_autoptr(GString) in = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  GtkWidget *row;

  lotline_view_list_box_clear (list);
  if (b == NULL)
    return;

  append_part (in, _("received"), b->received, lot->unit);
  append_part (in, _("produced"), b->produced, lot->unit);
  append_part (in, _("returned"), b->returned, lot->unit);
  append_part (in, _("adjusted up"), b->adjusted_in, lot->unit);
  append_part (out, _("used in production"), b->consumed, lot->unit);
  append_part (out, _("shipped"), b->shipped, lot->unit);
  append_part (out, _("destroyed"), b->destroyed, lot->unit);
  append_part (out, _("adjusted down"), b->adjusted_out, lot->unit);

  add_balance_row (list, _("Came in"), in->str,
                   b->received + b->produced + b->returned + b->adjusted_in, lot->unit);
  add_balance_row (list, _("Went out"), out->str,
                   b->consumed + b->shipped + b->destroyed + b->adjusted_out, lot->unit);
  add_balance_row (list, _("On hand"), NULL, b->on_hand, lot->unit);

  if (b->gap == 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      row = lotline_view_info_row_new (_("Balanced"), _("Every quantity is accounted for."));
      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      add_row (list, row);
    }
  else
    {
      g_autofree char *gap = lotline_view_format_signed (b->gap, lot->unit);
      g_autofree char *subtitle = g_strdup_printf (b->gap > 0
                                                   ? _("%s came in that is neither out nor on hand. Count the stock and adjust it.")
                                                   : _("%s more went out than came in. Check the events of this lot."),
                                                   gap);

      row = lotline_view_info_row_new (_("Gap"), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label_new (gap, NULL));
      gtk_widget_add_css_class (row, "lotline-gap");
      add_row (list, row);
    }
}

/* What happened to the lot in one event, from the lot's side. */
static const char *
event_title (LotlineEventKind kind,
             gint64           net)
{
  switch (kind)
    {
    case LOTLINE_EVENT_RECEIVE: return _("Received");
    case LOTLINE_EVENT_PRODUCE: return net >= 0 ? _("Produced") : _("Used in production");
    case LOTLINE_EVENT_TRANSFER: return _("Transferred");
    case LOTLINE_EVENT_SHIP: return _("Shipped");
    case LOTLINE_EVENT_RETURN: return _("Returned");
    case LOTLINE_EVENT_ADJUST: return net >= 0 ? _("Adjusted up") : _("Adjusted down");
    case LOTLINE_EVENT_DESTROY: return _("Destroyed");
    case LOTLINE_EVENT_QUARANTINE: return _("Quarantined");
    case LOTLINE_EVENT_RELEASE: return _("Released");
    default: return _("Event");
    }
}

/* One history row for the timeline entries [first, last) of one event. */
static GtkWidget *
history_row_new (const LotlineLot *lot,
                 GPtrArray        *timeline,
                 guint             first,
                 guint             last)
{
  const LotlineTimelineEntry *e = g_ptr_array_index (timeline, first);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *when = lotline_view_format_instant (e->occurred_at);
  g_autofree char *quantity = NULL;
  const char *from = NULL, *to = NULL;
  gboolean moves = FALSE;
  gint64 in = 0, out = 0;
  GtkWidget *row, *suffix;

  for (guint i = first; i < last; i++)
    {
      const LotlineTimelineEntry *line = g_ptr_array_index (timeline, i);

      if (line->role == LOTLINE_LINE_OUTPUT)
        {
          in += line->quantity;
          to = line->location_code;
          moves = TRUE;
        }
      else if (line->role == LOTLINE_LINE_INPUT)
        {
          out += line->quantity;
          from = line->location_code;
          moves = TRUE;
        }
    }

  row = lotline_view_info_row_new (event_title (e->kind, in - out), NULL);

  g_string_append (subtitle, when);
  if (e->recorded_by != NULL)
    g_string_append_printf (subtitle, " · %s", e->recorded_by);
  if (e->party_name != NULL)
    g_string_append_printf (subtitle, "\n%s", e->party_name);
  if (e->doc_number != NULL)
    g_string_append_printf (subtitle, "%s%s %s", e->party_name != NULL ? " · " : "\n",
                            e->doc_type != NULL ? e->doc_type : "", e->doc_number);
  if (e->reason != NULL)
    {
      g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle, _("Reason: %s"), e->reason);
    }
  if (e->override_reason != NULL)
    {
      g_string_append_c (subtitle, '\n');
      /* Translators: why a person shipped or used a lot the rules hold back */
      g_string_append_printf (subtitle, _("Overridden: %s"), e->override_reason);
    }

  {
    g_autofree char *escaped = g_markup_escape_text (subtitle->str, -1);

    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  }

  if (moves)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *where = NULL;
      g_autofree char *place = NULL;

      if (e->kind == LOTLINE_EVENT_TRANSFER)
        {
          quantity = lotline_view_format_quantity (out, lot->unit);
          /* Translators: a move between two locations, "WH1 → WH2" */
          place = g_strdup_printf (_("%s → %s"), from ? from : "?", to ? to : "?");
        }
      else
        {
          quantity = lotline_view_format_signed (in - out, lot->unit);
          place = g_strdup (in - out >= 0 ? to : from);
        }

      suffix = suffix_label_new (quantity, "heading");
      gtk_box_append (GTK_BOX (box), suffix);
      if (place != NULL)
        {
          where = suffix_label_new (place, "caption");
          gtk_widget_add_css_class (where, "dim-label");
          gtk_box_append (GTK_BOX (box), where);
        }
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
    }

  {
    g_autofree char *name = g_strdup_printf ("%s %s", event_title (e->kind, in - out), quantity ? quantity : "");

    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, g_strstrip (name),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle->str,
                                    -1);
  }
  return row;
}

void
lotline_lot_page_fill_history (GtkListBox       *list,
                               const LotlineLot *lot,
                               GPtrArray        *timeline)
{
  guint end = timeline->len, shown = 0, n_events = 0;

  lotline_view_list_box_clear (list);

  for (guint i = 0; i < timeline->len; i++)
    if (i == 0 || ((LotlineTimelineEntry *) g_ptr_array_index (timeline, i))->event_id !=
                  ((LotlineTimelineEntry *) g_ptr_array_index (timeline, i - 1))->event_id)
      n_events++;

  /* The timeline is oldest first, one entry per event line: walk back,
   * one row per event. */
  while (end > 0 && shown < HISTORY_LIMIT)
    {
      guint start = end - 1;
      gint64 event_id = ((LotlineTimelineEntry *) g_ptr_array_index (timeline, start))->event_id;

      while (start > 0 && ((LotlineTimelineEntry *) g_ptr_array_index (timeline, start - 1))->event_id == event_id)
        start--;
      add_row (list, history_row_new (lot, timeline, start, end));
      shown++;
      end = start;
    }

  if (n_events == 0)
    add_placeholder (list, _("No events yet"));
  else if (n_events > shown)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u older event is not shown",
                                                            "%u older events are not shown",
                                                            n_events - shown),
                                               n_events - shown);
      add_placeholder (list, text);
    }
}

