/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-recall-consignee-item.h"
#include "lotline-view-util.h"

struct _LotlineRecallConsigneeItem
{
  GObject  parent_instance;

  gint64   party_id;
  char    *name;
  char    *columns[LOTLINE_RECALL_N_COLUMNS];
  gboolean tracked;            /* FALSE for a draft: nothing to record yet */
  gboolean notified;
  char    *notify_method;
  gboolean responded;
  gint64   on_hand_reported;
  gint64   quantity_returned;
  gint64   quantity_destroyed;
};

G_DEFINE_FINAL_TYPE (LotlineRecallConsigneeItem, lotline_recall_consignee_item, G_TYPE_OBJECT)

static void
lotline_recall_consignee_item_finalize (GObject *object)
{
  LotlineRecallConsigneeItem *self = LOTLINE_RECALL_CONSIGNEE_ITEM (object);

  g_free (self->name);
  g_free (self->notify_method);
  for (guint i = 0; i < LOTLINE_RECALL_N_COLUMNS; i++)
    g_free (self->columns[i]);
  G_OBJECT_CLASS (lotline_recall_consignee_item_parent_class)->finalize (object);
}

static void
lotline_recall_consignee_item_class_init (LotlineRecallConsigneeItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lotline_recall_consignee_item_finalize;
}

static void
lotline_recall_consignee_item_init (LotlineRecallConsigneeItem *self)
{
  self->on_hand_reported = -1;
}

/* "2026-11-21T10:00:00Z" → "21 Nov 2026". */
static char *
format_instant (const char *instant)
{
  g_autofree char *date = NULL;

  if (instant == NULL)
    return NULL;
  date = g_strndup (instant, 10);
  return lotline_view_format_date (date);
}

static const char *
notify_method_label (const char *method)
{
  if (g_strcmp0 (method, "letter") == 0)
    return _("letter");
  if (g_strcmp0 (method, "email") == 0)
    return _("e-mail");
  if (g_strcmp0 (method, "phone") == 0)
    return _("phone");
  return method;
}

LotlineRecallConsigneeItem *
lotline_recall_consignee_item_new (const LotlineRecallConsignee *consignee,
                                   const LotlineRecallTracking  *tracking)
{
  LotlineRecallConsigneeItem *item = g_object_new (LOTLINE_TYPE_RECALL_CONSIGNEE_ITEM, NULL);
  g_autoptr(GString) lots = g_string_new (NULL);
  gint64 shipped = 0;

  item->party_id = consignee->party_id;
  item->name = g_strdup (consignee->name);
  for (guint i = 0; i < consignee->shipments->len; i++)
    {
      const LotlineRecallShipment *shipment = g_ptr_array_index (consignee->shipments, i);
      g_autofree char *quantity = lotline_view_format_quantity (shipment->quantity, shipment->unit);

      if (lots->len > 0)
        g_string_append (lots, ", ");
      /* Translators: a shipment in the consignee table: lot code, quantity */
      g_string_append_printf (lots, _("%s: %s"), shipment->lot_code, quantity);
      shipped += shipment->quantity;
    }
  item->columns[LOTLINE_RECALL_COLUMN_CONSIGNEE] = g_strdup (consignee->name);
  item->columns[LOTLINE_RECALL_COLUMN_LOTS] = g_string_free (g_steal_pointer (&lots), FALSE);

  if (tracking == NULL)
    {
      for (guint i = LOTLINE_RECALL_COLUMN_NOTIFIED; i < LOTLINE_RECALL_N_COLUMNS; i++)
        item->columns[i] = g_strdup ("—");
      return item;
    }

  item->tracked = TRUE;
  item->notified = tracking->notified_at != NULL;
  item->notify_method = g_strdup (tracking->notify_method);
  item->responded = tracking->responded_at != NULL;
  item->on_hand_reported = tracking->on_hand_reported;
  item->quantity_returned = tracking->quantity_returned;
  item->quantity_destroyed = tracking->quantity_destroyed;

  if (item->notified)
    {
      g_autofree char *date = format_instant (tracking->notified_at);

      if (tracking->notify_method != NULL)
        /* Translators: when and how a consignee was notified: date, method */
        item->columns[LOTLINE_RECALL_COLUMN_NOTIFIED] = g_strdup_printf (_("%s by %s"), date,
                                                          notify_method_label (tracking->notify_method));
      else
        item->columns[LOTLINE_RECALL_COLUMN_NOTIFIED] = g_strdup (date);
    }
  else
    {
      item->columns[LOTLINE_RECALL_COLUMN_NOTIFIED] = g_strdup (_("Not yet"));
    }
  item->columns[LOTLINE_RECALL_COLUMN_RESPONDED] = item->responded ? format_instant (tracking->responded_at)
                                                    : g_strdup (_("No response"));
  item->columns[LOTLINE_RECALL_COLUMN_ON_HAND] = tracking->on_hand_reported >= 0
                                  ? lotline_view_format_quantity (tracking->on_hand_reported, NULL)
                                  : g_strdup ("—");
  {
    g_autofree char *returned = lotline_view_format_quantity (tracking->quantity_returned, NULL);
    g_autofree char *destroyed = lotline_view_format_quantity (tracking->quantity_destroyed, NULL);

    /* Translators: quantities a consignee returned and destroyed */
    item->columns[LOTLINE_RECALL_COLUMN_RETURNED] = g_strdup_printf (_("%s / %s"), returned, destroyed);
  }
  item->columns[LOTLINE_RECALL_COLUMN_SAMPLE] = g_strdup (tracking->in_sample ? _("Yes") : _("No"));
  return item;
}

const char *
lotline_recall_consignee_item_get_text (LotlineRecallConsigneeItem *self,
                                        LotlineRecallColumn         column)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_CONSIGNEE_ITEM (self), NULL);
  g_return_val_if_fail (column < LOTLINE_RECALL_N_COLUMNS, NULL);

  return self->columns[column];
}

gint64
lotline_recall_consignee_item_get_party_id (LotlineRecallConsigneeItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_CONSIGNEE_ITEM (self), 0);

  return self->party_id;
}

const char *
lotline_recall_consignee_item_get_name (LotlineRecallConsigneeItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_CONSIGNEE_ITEM (self), NULL);

  return self->name;
}

gboolean
lotline_recall_consignee_item_get_tracked (LotlineRecallConsigneeItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_CONSIGNEE_ITEM (self), FALSE);

  return self->tracked;
}

gboolean
lotline_recall_consignee_item_get_notified (LotlineRecallConsigneeItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_CONSIGNEE_ITEM (self), FALSE);

  return self->notified;
}

const char *
lotline_recall_consignee_item_get_notify_method (LotlineRecallConsigneeItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_CONSIGNEE_ITEM (self), NULL);

  return self->notify_method;
}

gboolean
lotline_recall_consignee_item_get_responded (LotlineRecallConsigneeItem *self)
{
  g_return_val_if_fail (LOTLINE_IS_RECALL_CONSIGNEE_ITEM (self), FALSE);

  return self->responded;
}

void
lotline_recall_consignee_item_get_quantities (LotlineRecallConsigneeItem *self,
                                              gint64                     *on_hand_reported,
                                              gint64                     *returned,
                                              gint64                     *destroyed)
{
  g_return_if_fail (LOTLINE_IS_RECALL_CONSIGNEE_ITEM (self));

  *on_hand_reported = self->on_hand_reported;
  *returned = self->quantity_returned;
  *destroyed = self->quantity_destroyed;
}
