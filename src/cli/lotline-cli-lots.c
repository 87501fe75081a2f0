/* SPDX-License-Identifier: GPL-3.0-or-later */

/* lotline-cli lot show and trace: one lot, and where it came from or went. */

#include "config.h"

#include <glib/gi18n.h>

#include "lotline-trace.h"
#include "lotline-cli-private.h"

gboolean
lotline_cli_find_lot (LotlineCli *cli, const char *code, const char *sku, gint64 *out_id, GError **error)
{
  g_autoptr(GArray) ids = lotline_store_find_lots (cli->store, code, sku, error);
  g_autoptr(GString) skus = NULL;

  if (ids == NULL)
    return FALSE;
  if (ids->len == 0)
    /* The core words the "no such lot" sentence. */
    return lotline_store_find_lot (cli->store, sku, code, out_id, error);
  if (ids->len == 1)
    {
      *out_id = g_array_index (ids, gint64, 0);
      return TRUE;
    }

  skus = g_string_new (NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LotlineLot) lot = lotline_store_get_lot (cli->store, g_array_index (ids, gint64, i), error);

      if (lot == NULL)
        return FALSE;
      if (i > 0)
        g_string_append (skus, ", ");
      g_string_append (skus, lot->product_sku);
    }
  g_set_error (error, LOTLINE_CLI_ERROR, LOTLINE_CLI_ERROR_FAILED,
               _("Several products have a lot “%s”: %s. Choose one with --product SKU."),
               code, skus->str);
  return FALSE;
}

/* ---- lot show ---------------------------------------------------------- */

static char *lot_product;

static const GOptionEntry lot_show_entries[] = {
  { "product", 0, 0, G_OPTION_ARG_STRING, &lot_product,
    N_("The product’s SKU, when several products have a lot with this code"), N_("SKU") },
  { NULL }
};

static void
add_status_field (LotlineCliSection *section, LotlineLotStatus stored, LotlineLotStatus effective)
{
  g_autofree char *display = NULL;

  if (stored == effective)
    display = g_strdup (lotline_cli_status_display (effective));
  else
    /* TRANSLATORS: an expired lot whose recorded status is still e.g. "released". */
    display = g_strdup_printf (_("%s (recorded as %s)"), lotline_cli_status_display (effective),
                               lotline_cli_status_display (stored));
  lotline_cli_field_word (section, "status", _("Status"), lotline_lot_status_to_string (effective), display);
  lotline_cli_section_add_column (section, "recorded_status", _("Recorded status"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_add_word (section, lotline_lot_status_to_string (stored), lotline_cli_status_display (stored));
}

static gboolean
run_lot_show (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  g_autoptr(LotlineLot) lot = NULL;
  g_autoptr(GArray) stock = NULL;
  LotlineCliSection *section;
  gint64 lot_id = 0;

  if (!lotline_cli_find_lot (cli, cli->args[0], lot_product, &lot_id, error))
    return FALSE;
  lot = lotline_store_get_lot (cli->store, lot_id, error);
  if (lot == NULL)
    return FALSE;
  stock = lotline_store_get_stock (cli->store, lot_id, error);
  if (stock == NULL)
    return FALSE;

  section = lotline_cli_doc_add_record (doc, "lot", _("Lot"));
  lotline_cli_section_add_column (section, "id", _("Id"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_add_int (section, lot->id);
  lotline_cli_field_text (section, "code", _("Lot code"), lot->code);
  lotline_cli_field_text (section, "product", _("Product"), lot->product_sku);
  lotline_cli_field_text (section, "product_name", _("Product name"), lot->product_name);
  lotline_cli_field_word (section, "product_kind", _("Product kind"),
                          lotline_product_kind_to_string (lot->product_kind),
                          lotline_cli_product_kind_display (lot->product_kind));
  add_status_field (section, lot->status, lotline_lot_effective_status (lot, cli->today));
  lotline_cli_field_text (section, "produced_on", _("Produced on"), lot->produced_on);
  lotline_cli_field_text (section, "received_on", _("Received on"), lot->received_on);
  lotline_cli_field_text (section, "expires_on", _("Expires on"), lot->expires_on);
  lotline_cli_section_add_column (section, "days_to_expiry", _("Days to expiry"), LOTLINE_CLI_COLUMN_DEFAULT);
  if (lot->expires_on != NULL)
    lotline_cli_add_int (section, lotline_date_diff_days (cli->today, lot->expires_on));
  else
    lotline_cli_add_null (section);
  lotline_cli_field_text (section, "best_before", _("Best before"), lot->best_before);
  lotline_cli_field_text (section, "supplier", _("Supplier"), lot->supplier_name);
  lotline_cli_field_text (section, "supplier_lot", _("Supplier’s lot"), lot->supplier_lot);
  lotline_cli_field_text (section, "tlc_source", _("Traceability lot code source"), lot->tlc_source);
  lotline_cli_field_text (section, "notes", _("Notes"), lot->notes);
  lotline_cli_field_quantity (section, "on_hand", _("On hand"), lot->on_hand, lot->unit);
  lotline_cli_field_text (section, "unit", _("Unit"), lot->unit);

  section = lotline_cli_doc_add_table (doc, "stock", _("Stock by location"));
  lotline_cli_section_set_empty_text (section, _("None on hand."));
  lotline_cli_section_add_column (section, "location_id", _("Location id"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "location", _("Location"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "quantity", _("Quantity"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "unit", _("Unit"), LOTLINE_CLI_COLUMN_MACHINE);
  for (guint i = 0; i < stock->len; i++)
    {
      const LotlineStockEntry *entry = &g_array_index (stock, LotlineStockEntry, i);

      lotline_cli_section_new_row (section);
      lotline_cli_add_int (section, entry->location_id);
      lotline_cli_add_text (section, entry->location_code);
      lotline_cli_add_quantity (section, entry->quantity, lot->unit);
      lotline_cli_add_text (section, lot->unit);
    }

  return lotline_cli_print (cli, doc, error);
}

const LotlineCliCommand lotline_cli_command_lot_show = {
  .name = "lot",
  .verb = "show",
  .parameters = N_("CODE [--product SKU]"),
  .summary = N_("Show a lot: its fields, status and stock by location"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .entries = lot_show_entries,
  .run = run_lot_show,
};

/* ---- trace ------------------------------------------------------------- */

static char *trace_product;
static char *trace_direction;
static int trace_depth;

static const GOptionEntry trace_entries[] = {
  { "product", 0, 0, G_OPTION_ARG_STRING, &trace_product,
    N_("The product’s SKU, when several products have a lot with this code"), N_("SKU") },
  { "direction", 0, 0, G_OPTION_ARG_STRING, &trace_direction,
    N_("up (where it came from), down (where it went), both, or siblings (lots that share an input)"),
    N_("DIRECTION") },
  { "depth", 0, 0, G_OPTION_ARG_INT, &trace_depth,
    N_("Follow at most N production steps (default: all)"), N_("N") },
  { NULL }
};

static const char *
direction_display (LotlineTraceDirection direction)
{
  switch (direction)
    {
    case LOTLINE_TRACE_UPSTREAM:
      return C_("trace direction", "upstream");
    case LOTLINE_TRACE_DOWNSTREAM:
      return C_("trace direction", "downstream");
    case LOTLINE_TRACE_BOTH:
      return C_("trace direction", "both ways");
    case LOTLINE_TRACE_SIBLINGS:
      return C_("trace direction", "siblings");
    default:
      return lotline_trace_direction_to_string (direction);
    }
}

static void
add_node_kind (LotlineCliSection *section, LotlineNodeKind kind)
{
  switch (kind)
    {
    case LOTLINE_NODE_LOT:
      lotline_cli_add_word (section, "lot", C_("trace node", "lot"));
      break;
    case LOTLINE_NODE_SUPPLIER:
      lotline_cli_add_word (section, "supplier", C_("trace node", "supplier"));
      break;
    case LOTLINE_NODE_CUSTOMER:
      lotline_cli_add_word (section, "customer", C_("trace node", "customer"));
      break;
    case LOTLINE_NODE_LOCATION:
      lotline_cli_add_word (section, "location", C_("trace node", "location"));
      break;
    default:
      lotline_cli_add_null (section);
      break;
    }
}

static void
add_edge_kind (LotlineCliSection *section, LotlineEdgeKind kind)
{
  switch (kind)
    {
    case LOTLINE_EDGE_PRODUCTION:
      lotline_cli_add_word (section, "production", C_("trace edge", "production"));
      break;
    case LOTLINE_EDGE_RECEIPT:
      lotline_cli_add_word (section, "receipt", C_("trace edge", "receipt"));
      break;
    case LOTLINE_EDGE_SHIPMENT:
      lotline_cli_add_word (section, "shipment", C_("trace edge", "shipment"));
      break;
    case LOTLINE_EDGE_RETURN:
      lotline_cli_add_word (section, "return", C_("trace edge", "return"));
      break;
    case LOTLINE_EDGE_STOCK:
      lotline_cli_add_word (section, "stock", C_("trace edge", "stock"));
      break;
    default:
      lotline_cli_add_null (section);
      break;
    }
}

static LotlineLotStatus
node_effective_status (const LotlineTraceNode *node, const char *today)
{
  LotlineLot lot = { .status = node->status, .expires_on = node->expires_on };

  return lotline_lot_effective_status (&lot, today);
}

static void
add_trace_summary (LotlineCliDoc *doc, LotlineTrace *trace, guint depth)
{
  LotlineCliSection *section = lotline_cli_doc_add_record (doc, "trace", _("Trace"));
  LotlineTraceDirection direction = lotline_trace_get_direction (trace);
  g_autoptr(GString) seeds = g_string_new (NULL);

  for (guint i = 0; i < lotline_trace_get_n_nodes (trace); i++)
    {
      const LotlineTraceNode *node = lotline_trace_get_node (trace, i);

      if (!node->is_seed)
        continue;
      if (seeds->len > 0)
        g_string_append (seeds, ", ");
      g_string_append_printf (seeds, "%s (%s)", node->label, node->product_sku);
    }

  lotline_cli_field_word (section, "direction", _("Direction"),
                          lotline_trace_direction_to_string (direction), direction_display (direction));
  lotline_cli_field_text (section, "seeds", _("From"), seeds->str);
  lotline_cli_section_add_column (section, "max_depth", _("Depth limit"), LOTLINE_CLI_COLUMN_DEFAULT);
  if (depth > 0)
    lotline_cli_add_int (section, depth);
  else
    lotline_cli_add_null (section);
}

static void
add_trace_nodes (LotlineCliDoc *doc, LotlineTrace *trace, const char *today)
{
  LotlineCliSection *section = lotline_cli_doc_add_table (doc, "nodes", _("Nodes"));

  lotline_cli_section_add_column (section, "key", _("Key"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "kind", _("Kind"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "label", _("Lot or name"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "product", _("Product"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "depth", _("Depth"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "seed", _("Seed"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "status", _("Status"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "expires_on", _("Expires on"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "on_hand", _("On hand"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "unit", _("Unit"), LOTLINE_CLI_COLUMN_MACHINE);

  for (guint i = 0; i < lotline_trace_get_n_nodes (trace); i++)
    {
      const LotlineTraceNode *node = lotline_trace_get_node (trace, i);
      gboolean is_lot = node->kind == LOTLINE_NODE_LOT;

      lotline_cli_section_new_row (section);
      lotline_cli_add_text (section, node->key);
      add_node_kind (section, node->kind);
      lotline_cli_add_text (section, node->label);
      lotline_cli_add_text (section, is_lot ? node->product_sku : NULL);
      lotline_cli_add_int (section, node->depth);
      lotline_cli_add_bool (section, node->is_seed);
      if (is_lot)
        {
          LotlineLotStatus status = node_effective_status (node, today);

          lotline_cli_add_word (section, lotline_lot_status_to_string (status),
                                lotline_cli_status_display (status));
          lotline_cli_add_text (section, node->expires_on);
          lotline_cli_add_quantity (section, node->on_hand, node->unit);
          lotline_cli_add_text (section, node->unit);
        }
      else
        {
          lotline_cli_add_null (section);
          lotline_cli_add_null (section);
          lotline_cli_add_null (section);
          lotline_cli_add_null (section);
        }
    }
}

/* Edges carry quantities of the lot at one end: production edges the
 * parent's (and the child's for child_quantity), the others the lot's. */
static const char *
edge_unit (LotlineTrace *trace, const LotlineTraceEdge *edge)
{
  const LotlineTraceNode *from = lotline_trace_get_node (trace, edge->from);
  const LotlineTraceNode *to = lotline_trace_get_node (trace, edge->to);

  return from->kind == LOTLINE_NODE_LOT ? from->unit : to->unit;
}

static void
add_trace_edges (LotlineCliDoc *doc, LotlineTrace *trace)
{
  LotlineCliSection *section = lotline_cli_doc_add_table (doc, "edges", _("Edges"));

  lotline_cli_section_add_column (section, "from_key", _("From key"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "from", _("From"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "to_key", _("To key"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "to", _("To"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "kind", _("Kind"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "quantity", _("Quantity"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "unit", _("Unit"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "child_quantity", _("Produced"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "child_unit", _("Produced unit"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "events", _("Events"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "first_date", _("First"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "last_date", _("Last"), LOTLINE_CLI_COLUMN_DEFAULT);

  for (guint i = 0; i < lotline_trace_get_n_edges (trace); i++)
    {
      const LotlineTraceEdge *edge = lotline_trace_get_edge (trace, i);
      const LotlineTraceNode *from = lotline_trace_get_node (trace, edge->from);
      const LotlineTraceNode *to = lotline_trace_get_node (trace, edge->to);
      const char *unit = edge_unit (trace, edge);

      lotline_cli_section_new_row (section);
      lotline_cli_add_text (section, from->key);
      lotline_cli_add_text (section, from->label);
      lotline_cli_add_text (section, to->key);
      lotline_cli_add_text (section, to->label);
      add_edge_kind (section, edge->kind);
      lotline_cli_add_quantity (section, edge->quantity, unit);
      lotline_cli_add_text (section, unit);
      if (edge->kind == LOTLINE_EDGE_PRODUCTION)
        {
          lotline_cli_add_quantity (section, edge->child_quantity, to->unit);
          lotline_cli_add_text (section, to->unit);
        }
      else
        {
          lotline_cli_add_null (section);
          lotline_cli_add_null (section);
        }
      lotline_cli_add_int (section, edge->events);
      lotline_cli_add_text (section, edge->first_date);
      lotline_cli_add_text (section, edge->last_date);
    }
}

static const LotlineTraceNode *
find_node (LotlineTrace *trace, const char *prefix, gint64 id)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, prefix, id);
  int i = lotline_trace_find_node (trace, key);

  return i >= 0 ? lotline_trace_get_node (trace, (guint) i) : NULL;
}

static void
add_trace_shipments (LotlineCliDoc *doc, LotlineTrace *trace)
{
  LotlineCliSection *section = lotline_cli_doc_add_table (doc, "shipments", _("Shipments"));

  lotline_cli_section_set_empty_text (section, _("No shipments."));
  lotline_cli_section_add_column (section, "event_id", _("Event"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "date", _("Date"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "lot_key", _("Lot key"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "lot", _("Lot"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "product", _("Product"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "customer_key", _("Customer key"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "customer", _("Customer"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "quantity", _("Quantity"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "unit", _("Unit"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "doc_type", _("Document"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "doc_number", _("Number"), LOTLINE_CLI_COLUMN_DEFAULT);

  for (guint i = 0; i < lotline_trace_get_n_shipments (trace); i++)
    {
      const LotlineTraceShipment *shipment = lotline_trace_get_shipment (trace, i);
      const LotlineTraceNode *lot = find_node (trace, "lot", shipment->lot_id);
      const LotlineTraceNode *customer = find_node (trace, "party", shipment->customer_id);

      lotline_cli_section_new_row (section);
      lotline_cli_add_int (section, shipment->event_id);
      lotline_cli_add_text (section, shipment->date);
      lotline_cli_add_text (section, lot ? lot->key : NULL);
      lotline_cli_add_text (section, lot ? lot->label : NULL);
      lotline_cli_add_text (section, lot ? lot->product_sku : NULL);
      lotline_cli_add_text (section, customer ? customer->key : NULL);
      lotline_cli_add_text (section, customer ? customer->label : NULL);
      lotline_cli_add_quantity (section, shipment->quantity, lot ? lot->unit : NULL);
      lotline_cli_add_text (section, lot ? lot->unit : NULL);
      lotline_cli_add_text (section, shipment->doc_type);
      lotline_cli_add_text (section, shipment->doc_number);
    }
}

static void
add_trace_balances (LotlineCliDoc *doc, LotlineTrace *trace)
{
  static const struct { const char *key; const char *title; } columns[] = {
    { "received", N_("Received") },
    { "produced", N_("Produced") },
    { "returned", N_("Returned") },
    { "adjusted_in", N_("Adjusted in") },
    { "consumed", N_("Consumed") },
    { "shipped", N_("Shipped") },
    { "destroyed", N_("Destroyed") },
    { "adjusted_out", N_("Adjusted out") },
    { "on_hand", N_("On hand") },
    { "gap", N_("Gap") },
  };
  LotlineCliSection *section = lotline_cli_doc_add_table (doc, "balance", _("Mass balance"));

  lotline_cli_section_add_column (section, "lot_key", _("Lot key"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "lot", _("Lot"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "product", _("Product"), LOTLINE_CLI_COLUMN_DEFAULT);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    lotline_cli_section_add_column (section, columns[c].key, _(columns[c].title), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "unit", _("Unit"), LOTLINE_CLI_COLUMN_DEFAULT);

  for (guint i = 0; i < lotline_trace_get_n_nodes (trace); i++)
    {
      const LotlineTraceNode *node = lotline_trace_get_node (trace, i);
      const LotlineMassBalance *b = lotline_trace_get_balance (trace, i);

      if (b == NULL)
        continue;
      lotline_cli_section_new_row (section);
      lotline_cli_add_text (section, node->key);
      lotline_cli_add_text (section, node->label);
      lotline_cli_add_text (section, node->product_sku);
      /* The unit has its own column here, so the numbers stay narrow. */
      lotline_cli_add_quantity (section, b->received, NULL);
      lotline_cli_add_quantity (section, b->produced, NULL);
      lotline_cli_add_quantity (section, b->returned, NULL);
      lotline_cli_add_quantity (section, b->adjusted_in, NULL);
      lotline_cli_add_quantity (section, b->consumed, NULL);
      lotline_cli_add_quantity (section, b->shipped, NULL);
      lotline_cli_add_quantity (section, b->destroyed, NULL);
      lotline_cli_add_quantity (section, b->adjusted_out, NULL);
      lotline_cli_add_quantity (section, b->on_hand, NULL);
      lotline_cli_add_quantity (section, b->gap, NULL);
      lotline_cli_add_text (section, node->unit);
    }
}

/**
 * lotline_cli_trace_args:
 * @cli: the run
 * @direction_text: the --direction value
 * @sku: (nullable): the --product value
 * @depth: the --depth value
 * @error: a usage error, or the core's
 *
 * Traces the lots named by the positional arguments.
 *
 * Returns: (transfer full) (nullable): the trace
 */
LotlineTrace *
lotline_cli_trace_args (LotlineCli *cli, const char *direction_text, const char *sku, int depth, GError **error)
{
  g_autoptr(GArray) seeds = g_array_new (FALSE, FALSE, sizeof (gint64));
  LotlineTraceDirection direction;

  if (direction_text == NULL)
    {
      lotline_cli_usage_error (error, _("Which way should the trace go? Add --direction up, down, both or siblings."));
      return NULL;
    }
  if (!lotline_trace_direction_from_string (direction_text, &direction))
    {
      lotline_cli_usage_error (error, _("There is no direction “%s”. Choose up, down, both or siblings."),
                               direction_text);
      return NULL;
    }
  if (depth < 0)
    {
      lotline_cli_usage_error (error, _("The depth must be 0 (no limit) or more, not %d."), depth);
      return NULL;
    }

  for (guint i = 0; i < cli->n_args; i++)
    {
      gint64 lot_id = 0;

      if (!lotline_cli_find_lot (cli, cli->args[i], sku, &lot_id, error))
        return NULL;
      g_array_append_val (seeds, lot_id);
    }

  return lotline_store_trace (cli->store, (const gint64 *) seeds->data, seeds->len, direction,
                              (guint) depth, error);
}

static gboolean
run_trace (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  g_autoptr(LotlineTrace) trace = NULL;

  trace = lotline_cli_trace_args (cli, trace_direction, trace_product, trace_depth, error);
  if (trace == NULL)
    return FALSE;

  add_trace_summary (doc, trace, (guint) trace_depth);
  add_trace_nodes (doc, trace, cli->today);
  add_trace_edges (doc, trace);
  add_trace_shipments (doc, trace);
  add_trace_balances (doc, trace);
  return lotline_cli_print (cli, doc, error);
}

const LotlineCliCommand lotline_cli_command_trace = {
  .name = "trace",
  .parameters = N_("CODE… --direction up|down|both|siblings [--product SKU] [--depth N]"),
  .summary = N_("Trace lots upstream to suppliers or downstream to customers"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = -1,
  .entries = trace_entries,
  .run = run_trace,
};
