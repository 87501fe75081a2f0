/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-graph-node.h"
#include "lotline-ledger.h"
#include "lotline-render.h"

struct _LotlineGraphNode
{
  GObject          parent_instance;

  char            *key;
  guint            index;
  int              trace_node;
  LotlineNodeKind  kind;
  gboolean         is_group;
  gint64           lot_id;
  const char      *kind_label;   /* static, translated */
  char            *name;
  char            *product;
  const char      *status_label; /* static, translated */
  int              depth;
  gint64           on_hand;
  char            *on_hand_label;
};

G_DEFINE_FINAL_TYPE (LotlineGraphNode, lotline_graph_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_KIND_LABEL,
  PROP_NAME,
  PROP_PRODUCT,
  PROP_STATUS_LABEL,
  PROP_DEPTH,
  PROP_ON_HAND,
  PROP_ON_HAND_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_label (LotlineNodeKind kind,
            gboolean        group)
{
  switch (kind)
    {
    case LOTLINE_NODE_SUPPLIER: return group ? _("Suppliers") : _("Supplier");
    case LOTLINE_NODE_CUSTOMER: return group ? _("Customers") : _("Customer");
    case LOTLINE_NODE_LOCATION: return group ? _("Locations") : _("Location");
    case LOTLINE_NODE_LOT:
    default:                    return group ? _("Lots") : _("Lot");
    }
}

static LotlineLotStatus
effective_status (const LotlineTraceNode *tnode,
                  const char             *today)
{
  LotlineLot lot = { 0 };

  lot.status = tnode->status;
  lot.expires_on = tnode->expires_on;
  return lotline_lot_effective_status (&lot, today);
}

static char *
format_quantity (gint64      milli,
                 const char *unit)
{
  g_autofree char *number = lotline_quantity_format (milli);

  if (unit == NULL || unit[0] == '\0')
    return g_steal_pointer (&number);
  /* Translators: a quantity and its unit, as in "120 kg". */
  return g_strdup_printf (C_("quantity with unit", "%s %s"), number, unit);
}

/**
 * lotline_graph_node_new:
 * @layout: a layout
 * @index: a node index of @layout
 * @today: (nullable): "YYYY-MM-DD" for expiry, %NULL for the local date
 *
 * Returns: (transfer full): a list item for node @index
 */
LotlineGraphNode *
lotline_graph_node_new (LotlineLayout *layout,
                        guint          index,
                        const char    *today)
{
  LotlineTrace *trace = lotline_layout_get_trace (layout);
  const LotlineLayoutNode *node = lotline_layout_get_node (layout, index);
  g_autofree char *local_today = NULL;
  LotlineGraphNode *self;

  g_return_val_if_fail (node != NULL, NULL);

  if (today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      today = local_today = g_date_time_format (now, "%Y-%m-%d");
    }

  self = g_object_new (LOTLINE_TYPE_GRAPH_NODE, NULL);
  self->key = g_strdup (node->key);
  self->index = index;
  self->trace_node = node->trace_node;
  self->kind = node->kind;
  self->is_group = node->is_group;
  self->kind_label = kind_label (node->kind, node->is_group);

  if (!node->is_group && node->trace_node >= 0)
    {
      const LotlineTraceNode *tnode = lotline_trace_get_node (trace, (guint) node->trace_node);

      self->depth = tnode->depth;
      self->name = g_strdup (tnode->label ? tnode->label : "");
      if (tnode->kind == LOTLINE_NODE_LOT)
        {
          self->lot_id = tnode->id;
          self->product = g_strdup (tnode->product_name ? tnode->product_name : tnode->product_sku);
          self->status_label = lotline_lot_status_to_display (effective_status (tnode, today));
          self->on_hand = tnode->on_hand;
          self->on_hand_label = format_quantity (tnode->on_hand, tnode->unit);
        }
    }
  else if (node->n_members > 0)
    {
      const LotlineTraceNode *first = lotline_trace_get_node (trace, node->members[0]);

      self->depth = first->depth;
      if (node->kind == LOTLINE_NODE_LOT)
        {
          LotlineLotStatus status = effective_status (first, today);
          gboolean mixed = FALSE, same_unit = TRUE;

          self->product = g_strdup (first->product_name ? first->product_name : first->product_sku);
          for (guint i = 0; i < node->n_members; i++)
            {
              const LotlineTraceNode *member = lotline_trace_get_node (trace, node->members[i]);

              if (effective_status (member, today) != status)
                mixed = TRUE;
              if (g_strcmp0 (member->unit, first->unit) != 0)
                same_unit = FALSE;
              self->on_hand += member->on_hand;
            }
          /* Translators: the status of a group of lots whose statuses differ. */
          self->status_label = mixed ? _("Mixed") : lotline_lot_status_to_display (status);
          if (same_unit)
            self->on_hand_label = format_quantity (self->on_hand, first->unit);
        }
    }

  /* A group is called by its label: "18 lots of Strawberry jam base". */
  if (self->name == NULL)
    self->name = g_strdup (node->label_lines && node->label_lines[0] ? node->label_lines[0] : "");
  if (self->product == NULL)
    self->product = g_strdup ("");
  if (self->status_label == NULL)
    self->status_label = "";
  if (self->on_hand_label == NULL)
    self->on_hand_label = g_strdup ("");
  return self;
}

static void
lotline_graph_node_finalize (GObject *object)
{
  LotlineGraphNode *self = LOTLINE_GRAPH_NODE (object);

  g_free (self->key);
  g_free (self->name);
  g_free (self->product);
  g_free (self->on_hand_label);

  G_OBJECT_CLASS (lotline_graph_node_parent_class)->finalize (object);
}

static void
lotline_graph_node_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LotlineGraphNode *self = LOTLINE_GRAPH_NODE (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, self->kind_label);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PRODUCT:
      g_value_set_string (value, self->product);
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, self->status_label);
      break;
    case PROP_DEPTH:
      g_value_set_int (value, self->depth);
      break;
    case PROP_ON_HAND:
      g_value_set_int64 (value, self->on_hand);
      break;
    case PROP_ON_HAND_LABEL:
      g_value_set_string (value, self->on_hand_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lotline_graph_node_class_init (LotlineGraphNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lotline_graph_node_finalize;
  object_class->get_property = lotline_graph_node_get_property;

  /* Read-only: the table's columns sort by them through GtkExpressions. */
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND_LABEL] =
    g_param_spec_string ("kind-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRODUCT] =
    g_param_spec_string ("product", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH] =
    g_param_spec_int ("depth", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ON_HAND] =
    g_param_spec_int64 ("on-hand", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ON_HAND_LABEL] =
    g_param_spec_string ("on-hand-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lotline_graph_node_init (LotlineGraphNode *self)
{
}

const char *
lotline_graph_node_get_key (LotlineGraphNode *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_NODE (self), NULL);
  return self->key;
}

guint
lotline_graph_node_get_index (LotlineGraphNode *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_NODE (self), 0);
  return self->index;
}

int
lotline_graph_node_get_trace_node (LotlineGraphNode *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_NODE (self), -1);
  return self->trace_node;
}

LotlineNodeKind
lotline_graph_node_get_kind (LotlineGraphNode *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_NODE (self), LOTLINE_NODE_LOT);
  return self->kind;
}

gboolean
lotline_graph_node_get_is_group (LotlineGraphNode *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_NODE (self), FALSE);
  return self->is_group;
}

gint64
lotline_graph_node_get_lot_id (LotlineGraphNode *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_NODE (self), 0);
  return self->lot_id;
}

const char *
lotline_graph_node_get_kind_label (LotlineGraphNode *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_NODE (self), NULL);
  return self->kind_label;
}

const char *
lotline_graph_node_get_name (LotlineGraphNode *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_NODE (self), NULL);
  return self->name;
}

const char *
lotline_graph_node_get_product (LotlineGraphNode *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_NODE (self), NULL);
  return self->product;
}

const char *
lotline_graph_node_get_status_label (LotlineGraphNode *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_NODE (self), NULL);
  return self->status_label;
}

int
lotline_graph_node_get_depth (LotlineGraphNode *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_NODE (self), 0);
  return self->depth;
}

gint64
lotline_graph_node_get_on_hand (LotlineGraphNode *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_NODE (self), 0);
  return self->on_hand;
}

const char *
lotline_graph_node_get_on_hand_label (LotlineGraphNode *self)
{
  g_return_val_if_fail (LOTLINE_IS_GRAPH_NODE (self), NULL);
  return self->on_hand_label;
}
