/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The recall reports for FDA: the recall report of 21 CFR 7.46 with the
 * genealogy graph, and the status report of 21 CFR 7.53, drawn with the
 * paged-document pieces of lotline-render-recall.c. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lotline-render-graph.h"
#include "lotline-render-recall-private.h"

/* ---- the FDA report --------------------------------------------------- */

/* Quantities of different units are summed apart: "830 jar, 350 kg". */
typedef struct {
  const char *unit;
  gint64      total;
} UnitTotal;

static void
add_unit_total (GArray *totals, const char *unit, gint64 quantity)
{
  UnitTotal fresh = { unit, 0 };

  for (guint i = 0; i < totals->len; i++)
    {
      UnitTotal *t = &g_array_index (totals, UnitTotal, i);

      if (g_strcmp0 (t->unit, unit) == 0)
        {
          t->total += quantity;
          return;
        }
    }
  fresh.total = quantity;
  g_array_append_val (totals, fresh);
}

static char *
format_unit_totals (GArray *totals)
{
  GString *s = g_string_new ("");

  for (guint i = 0; i < totals->len; i++)
    {
      const UnitTotal *t = &g_array_index (totals, UnitTotal, i);
      g_autofree char *q = lotline_recall_format_quantity (t->total, t->unit);

      g_string_append_printf (s, "%s%s", i ? ", " : "", q);
    }
  return g_string_free (s, FALSE);
}

/* What the report's sections share: the quantity of each lot shipped, and
 * for the lots of the traced genealogy their trace node. */
typedef struct {
  Doc                        *d;
  const LotlineRenderCompany *company;
  const LotlineRecall        *recall;
  const LotlineRecallScope   *scope;
  LotlineLayout              *graph;      /* nullable */
  LotlineTrace               *trace;      /* the graph's, nullable */
  GHashTable                 *shipped;    /* lot id → gint64 quantity */
  GHashTable                 *lot_nodes;  /* lot id → trace node index + 1 */
} Report;

static gint64
report_shipped (const Report *r, gint64 lot_id)
{
  gint64 *total = g_hash_table_lookup (r->shipped, &lot_id);

  return total ? *total : 0;
}

static const LotlineMassBalance *
report_balance (const Report *r, gint64 lot_id, const LotlineTraceNode **out_node)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (r->lot_nodes, &lot_id));

  if (index == 0)
    return NULL;
  if (out_node)
    *out_node = lotline_trace_get_node (r->trace, index - 1);
  return lotline_trace_get_balance (r->trace, index - 1);
}

static gint64 *
int64_key (gint64 value)
{
  gint64 *key = g_new (gint64, 1);

  *key = value;
  return key;
}

static void
report_init (Report *r, Doc *d, const LotlineRenderCompany *company, const LotlineRecall *recall,
             const LotlineRecallScope *scope, LotlineLayout *graph)
{
  *r = (Report) { d, company, recall, scope, graph, graph ? lotline_layout_get_trace (graph) : NULL, NULL, NULL };
  r->shipped = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  r->lot_nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < scope->consignees->len; i++)
    {
      const LotlineRecallConsignee *c = scope->consignees->pdata[i];

      for (guint j = 0; j < c->shipments->len; j++)
        {
          const LotlineRecallShipment *s = c->shipments->pdata[j];
          gint64 *total = g_hash_table_lookup (r->shipped, &s->lot_id);

          if (total == NULL)
            {
              total = g_new0 (gint64, 1);
              g_hash_table_insert (r->shipped, int64_key (s->lot_id), total);
            }
          *total += s->quantity;
        }
    }
  for (guint i = 0; r->trace && i < lotline_trace_get_n_nodes (r->trace); i++)
    {
      const LotlineTraceNode *node = lotline_trace_get_node (r->trace, i);

      if (node->kind == LOTLINE_NODE_LOT)
        g_hash_table_insert (r->lot_nodes, int64_key (node->id), GUINT_TO_POINTER (i + 1));
    }
}

static void
report_clear (Report *r)
{
  g_clear_pointer (&r->shipped, g_hash_table_unref);
  g_clear_pointer (&r->lot_nodes, g_hash_table_unref);
}

static void
report_title (Report *r)
{
  Doc *d = r->d;
  g_autofree char *date = lotline_recall_dup_date (r->recall);
  g_autofree char *firm = lotline_recall_join (", ", r->company->name, r->company->street, r->company->city, r->company->country);
  g_autofree char *reach = lotline_recall_join (", ", r->company->phone, r->company->email, NULL, NULL);

  lotline_recall_doc_para_full (d, _("Recall report"), FALSE, 20, PANGO_WEIGHT_BOLD, &black, 2);
  lotline_recall_doc_para_full (d, _("Information for the Food and Drug Administration under 21 CFR 7.46"), FALSE, 11,
                 PANGO_WEIGHT_NORMAL, &grey, 10);
  lotline_recall_doc_labelled (d, _("Recall number:"), r->recall->number);
  lotline_recall_doc_labelled (d, _("Title:"), r->recall->title);
  lotline_recall_doc_labelled (d, _("Status:"), lotline_recall_status_to_string (r->recall->status));
  lotline_recall_doc_labelled (d, _("Date:"), date);
  lotline_recall_doc_labelled (d, _("Recalling firm:"), firm);
  lotline_recall_doc_labelled (d, _("Telephone and e-mail:"), *reach ? reach : NULL);
}

/* Received plus produced: what came into being of the lot. */
static char *
dup_produced (const Report *r, const LotlineRecallLot *lot)
{
  const LotlineMassBalance *balance = report_balance (r, lot->lot_id, NULL);

  return balance ? lotline_recall_format_quantity (balance->received + balance->produced, lot->unit) : g_strdup ("—");
}

static void
report_identity (Report *r)
{
  static const double widths[] = { 0.21, 0.12, 0.16, 0.12, 0.13, 0.12, 0.14 };
  const char *titles[] = { _("Product"), _("Item"), _("Lot code"), _("Status"), _("Produced"), _("On hand"),
                           _("Distributed") };
  Table t = { 7, titles, widths };

  lotline_recall_doc_heading (r->d, _("1. Identity of the products"));
  lotline_recall_table_header (r->d, &t);
  for (guint i = 0; i < r->scope->lots->len; i++)
    {
      const LotlineRecallLot *lot = r->scope->lots->pdata[i];
      g_autofree char *produced = dup_produced (r, lot);
      g_autofree char *on_hand = lotline_recall_format_quantity (lot->on_hand, lot->unit);
      g_autofree char *out = lotline_recall_format_quantity (report_shipped (r, lot->lot_id), lot->unit);
      const char *cells[] = { lot->product_name, lot->product_sku, lot->code,
                              lotline_lot_status_to_string (lot->status), produced, on_hand, out };

      lotline_recall_table_row (r->d, &t, cells);
    }
  lotline_recall_table_end (r->d);
}

static void
report_reason_and_risk (Report *r)
{
  lotline_recall_doc_heading (r->d, _("2. Reason for the recall and its discovery"));
  lotline_recall_doc_labelled (r->d, _("Reason:"), r->recall->reason);
  lotline_recall_doc_labelled (r->d, _("Discovered:"), r->recall->discovered_how);
  lotline_recall_doc_labelled (r->d, _("Date of discovery:"), r->recall->discovered_on);

  lotline_recall_doc_heading (r->d, _("3. Evaluation of the risk"));
  lotline_recall_doc_labelled (r->d, _("Hazard:"), r->recall->hazard);
  lotline_recall_doc_labelled (r->d, _("Proposed classification:"), lotline_recall_class_text (r->recall->classification));
}

/* "2026-03-01 to 2026-03-12" over the production dates of the lots. */
static char *
dup_production_span (const Report *r)
{
  const char *first = NULL, *last = NULL;

  for (guint i = 0; i < r->scope->lots->len; i++)
    {
      const LotlineRecallLot *lot = r->scope->lots->pdata[i];
      const LotlineTraceNode *node = NULL;

      if (report_balance (r, lot->lot_id, &node) == NULL || node->produced_on == NULL)
        continue;
      if (first == NULL || strcmp (node->produced_on, first) < 0)
        first = node->produced_on;
      if (last == NULL || strcmp (node->produced_on, last) > 0)
        last = node->produced_on;
    }
  if (first == NULL)
    return NULL;
  /* Translators: a span of production dates, "2026-03-01 to 2026-03-12" */
  return strcmp (first, last) == 0 ? g_strdup (first) : g_strdup_printf (_("%s to %s"), first, last);
}

static void
report_amounts (Report *r)
{
  g_autoptr(GArray) produced = g_array_new (FALSE, TRUE, sizeof (UnitTotal));
  g_autoptr(GArray) on_hand = g_array_new (FALSE, TRUE, sizeof (UnitTotal));
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (UnitTotal));
  g_autofree char *produced_text = NULL, *on_hand_text = NULL, *out_text = NULL, *span = NULL;
  g_autofree char *n_lots = g_strdup_printf ("%u", r->scope->lots->len);

  for (guint i = 0; i < r->scope->lots->len; i++)
    {
      const LotlineRecallLot *lot = r->scope->lots->pdata[i];
      const LotlineMassBalance *balance = report_balance (r, lot->lot_id, NULL);

      if (balance != NULL)
        add_unit_total (produced, lot->unit, balance->received + balance->produced);
      add_unit_total (on_hand, lot->unit, lot->on_hand);
      add_unit_total (out, lot->unit, report_shipped (r, lot->lot_id));
    }
  produced_text = produced->len ? format_unit_totals (produced) : NULL;
  on_hand_text = format_unit_totals (on_hand);
  out_text = format_unit_totals (out);
  span = dup_production_span (r);

  lotline_recall_doc_heading (r->d, _("4. Amount produced, in the firm’s possession and in distribution"));
  lotline_recall_doc_labelled (r->d, _("Affected lots:"), n_lots);
  lotline_recall_doc_labelled (r->d, _("Produced or received:"), produced_text);
  lotline_recall_doc_labelled (r->d, _("Production dates:"), span);
  lotline_recall_doc_labelled (r->d, _("On hand in the firm’s possession:"), on_hand_text);
  lotline_recall_doc_labelled (r->d, _("Distributed to consignees:"), out_text);
}

static void
report_distribution (Report *r)
{
  static const double widths[] = { 0.28, 0.26, 0.14, 0.16, 0.16 };
  const char *titles[] = { _("Consignee"), _("Address"), _("Lot code"), _("Quantity"), _("Shipped") };
  Table t = { 5, titles, widths };
  g_autofree char *n_consignees = g_strdup_printf ("%u", r->scope->consignees->len);

  lotline_recall_doc_heading (r->d, _("5. Distribution list"));
  lotline_recall_doc_labelled (r->d, _("Number of consignees:"), n_consignees);
  lotline_recall_table_header (r->d, &t);
  for (guint i = 0; i < r->scope->consignees->len; i++)
    {
      const LotlineRecallConsignee *c = r->scope->consignees->pdata[i];
      g_autofree char *city = lotline_recall_city_line (c);
      g_autofree char *address = lotline_recall_join (", ", c->street, city, c->country, NULL);

      for (guint j = 0; j < c->shipments->len; j++)
        {
          const LotlineRecallShipment *s = c->shipments->pdata[j];
          g_autofree char *q = lotline_recall_format_quantity (s->quantity, s->unit);
          const char *cells[] = { j == 0 ? c->name : "", j == 0 ? address : "", s->lot_code, q, s->date };

          lotline_recall_table_row (r->d, &t, cells);
        }
    }
  lotline_recall_table_end (r->d);
}

static void
report_strategy_and_contact (Report *r)
{
  const LotlineRecall *recall = r->recall;
  g_autofree char *contact = lotline_recall_join (", ", recall->contact_name, recall->contact_phone, recall->contact_email, NULL);
  g_autofree char *sample = g_strdup_printf ("%s (%u)", lotline_recall_check_to_string (recall->check_level),
                                             lotline_recall_check_sample_size (recall->check_level,
                                                                               r->scope->consignees->len));

  lotline_recall_doc_heading (r->d, _("6. Recall strategy"));
  lotline_recall_doc_labelled (r->d, _("Depth of the recall:"), lotline_recall_depth_text (recall->depth));
  lotline_recall_doc_labelled (r->d, _("Public warning:"), recall->public_warning ? _("Yes") : _("No"));
  lotline_recall_doc_labelled (r->d, _("Effectiveness-check level (consignees to check):"), sample);
  lotline_recall_doc_labelled (r->d, _("Instructions to consignees:"), recall->instructions);
  lotline_recall_doc_para (r->d, _("Each consignee receives a recall letter by mail with a response form; a specimen follows this report."));

  lotline_recall_doc_heading (r->d, _("7. Contact for this recall"));
  lotline_recall_doc_para (r->d, *contact ? contact : r->company->name);
}

static void
report_origin (Report *r)
{
  static const double widths[] = { 0.26, 0.26, 0.16, 0.16, 0.16 };
  const char *titles[] = { _("Supplier"), _("Product"), _("Lot code"), _("Received"), _("Quantity") };
  Table t = { 5, titles, widths };
  GPtrArray *roots = r->scope->roots;

  lotline_recall_doc_heading (r->d, _("8. Upstream origin of the recalled lots"));
  if (roots == NULL || roots->len == 0)
    {
      lotline_recall_doc_para (r->d, _("No upstream origin recorded: no receipt of the seed lots or of their ingredients names a supplier."));
      return;
    }
  lotline_recall_doc_para (r->d, _("The received lots the recalled lots were made from, with their suppliers:"));
  lotline_recall_table_header (r->d, &t);
  for (guint i = 0; i < roots->len; i++)
    {
      const LotlineRecallRoot *root = roots->pdata[i];
      g_autofree char *supplier = root->supplier_name ? g_strdup_printf ("%s (%s)", root->supplier_name, root->supplier_code)
                                                      : g_strdup (_("No supplier recorded"));
      g_autofree char *product = g_strdup_printf ("%s (%s)", root->product_name, root->product_sku);
      g_autofree char *q = lotline_recall_format_quantity (root->quantity_received, root->unit);
      const char *cells[] = { supplier, product, root->lot_code, root->received_on ? root->received_on : "—", q };

      lotline_recall_table_row (r->d, &t, cells);
    }
  lotline_recall_table_end (r->d);
}

/* ---- the genealogy graph in the report ---------------------------------- */

/* Below this the graph's text is too small to read on paper: the graph
 * runs over several sheets instead, GRAPH_MAX_SHEETS at the most (smaller
 * again when it would need more). */
#define GRAPH_MIN_SCALE  0.45
#define GRAPH_MAX_SHEETS 16

static guint
count_sheets (double gw, double gh, double area_w, double area_h, double scale, guint *cols, guint *rows)
{
  *cols = MAX (1, (guint) ceil (gw * scale / area_w - 1e-6));
  *rows = MAX (1, (guint) ceil (gh * scale / area_h - 1e-6));
  return *cols * *rows;
}

static void
draw_graph_sheet (Doc *d, LotlineLayout *graph, const LotlineRenderOptions *opts, double scale,
                  double area_top, double tile_w, double tile_h, guint col, guint row)
{
  cairo_save (d->cr);
  cairo_rectangle (d->cr, d->left, area_top, tile_w, tile_h);
  cairo_clip (d->cr);
  cairo_translate (d->cr, d->left - col * tile_w, area_top - row * tile_h);
  cairo_scale (d->cr, scale, scale);
  cairo_new_path (d->cr);
  lotline_render_graph (d->cr, graph, NULL, opts);
  cairo_restore (d->cr);
}

static void
report_graph (Report *r)
{
  Doc *d = r->d;
  g_autofree char *date = lotline_recall_dup_date (r->recall);
  /* Expiry is judged on the report's date, as everything else in it. */
  LotlineRenderOptions opts = { .theme = LOTLINE_RENDER_THEME_LIGHT, .show_legend = TRUE,
                                .today = *date ? date : NULL };
  double gw, gh, area_w = d->right - d->left, area_h, fit, scale;
  guint cols, rows;

  lotline_recall_doc_new_page (d);
  lotline_recall_doc_heading (d, _("9. Genealogy of the recalled lots"));
  if (r->graph == NULL)
    {
      lotline_recall_doc_para (d, _("The genealogy graph was not drawn for this report."));
      return;
    }
  lotline_recall_doc_para_full (d, _("Everything made from the seed lots and every customer that received it. A node with a count stands for a group of lots or customers; the tables above list each of them."),
                 FALSE, 9, PANGO_WEIGHT_NORMAL, &grey, 8);
  lotline_render_graph_get_size (r->graph, &opts, &gw, &gh);
  area_h = d->bottom - d->y;
  fit = MIN (area_w / MAX (gw, 1), area_h / MAX (gh, 1));
  scale = MIN (fit, 1.0);
  cols = rows = 1;
  if (fit < GRAPH_MIN_SCALE)
    {
      area_h -= 20;  /* room for each sheet's caption */
      for (scale = GRAPH_MIN_SCALE;
           count_sheets (gw, gh, area_w, area_h, scale, &cols, &rows) > GRAPH_MAX_SHEETS;
           scale *= 0.9)
        ;
    }
  for (guint row = 0; row < rows; row++)
    for (guint col = 0; col < cols; col++)
      {
        if (rows * cols > 1)
          {
            /* Translators: one sheet of a graph printed over several pages */
            g_autofree char *caption = g_strdup_printf (_("Genealogy graph, row %u of %u, column %u of %u"),
                                                        row + 1, rows, col + 1, cols);

            if (row + col > 0)
              lotline_recall_doc_new_page (d);
            lotline_recall_doc_para_full (d, caption, FALSE, 9, PANGO_WEIGHT_BOLD, &grey, 8);
          }
        draw_graph_sheet (d, r->graph, &opts, scale, d->y, area_w, area_h, col, row);
      }
  d->y = d->bottom;
}

LotlineLayout *
lotline_render_recall_graph (LotlineStore        *store,
                             const LotlineRecall *recall,
                             GError             **error)
{
  g_autoptr(LotlineTrace) trace = NULL;
  LotlineLayoutOptions options = { 0 };

  g_return_val_if_fail (store != NULL && recall != NULL && recall->seed_lot_ids != NULL, NULL);

  trace = lotline_store_trace (store, (const gint64 *) recall->seed_lot_ids->data, recall->seed_lot_ids->len,
                               LOTLINE_TRACE_DOWNSTREAM, 0, error);
  return trace ? lotline_layout_compute (trace, &options, error) : NULL;
}

LotlineRenderDocument *
lotline_render_recall_report_document (LotlinePaper                paper,
                                       const LotlineRenderCompany *company,
                                       const LotlineRecall        *recall,
                                       const LotlineRecallScope   *scope,
                                       LotlineLayout              *graph,
                                       GError                    **error)
{
  g_autofree char *footer = NULL;
  Report r;
  Doc d;

  g_return_val_if_fail (company != NULL && company->name != NULL, NULL);
  g_return_val_if_fail (recall != NULL && scope != NULL, NULL);

  footer = g_strdup_printf (_("Recall report %s"), recall->number);
  lotline_recall_doc_init (&d, paper);
  lotline_recall_doc_start_part (&d, footer, TRUE);
  report_init (&r, &d, company, recall, scope, graph);
  report_title (&r);
  report_identity (&r);
  report_reason_and_risk (&r);
  report_amounts (&r);
  report_distribution (&r);
  report_strategy_and_contact (&r);
  report_origin (&r);
  report_graph (&r);
  report_clear (&r);
  if (scope->consignees->len > 0)
    lotline_recall_draw_letter (&d, company, recall, scope->consignees->pdata[0], FALSE, _("Specimen · "));
  return lotline_recall_doc_finish (&d, error);
}

gboolean
lotline_render_recall_report (const char                 *path,
                              LotlinePaper                paper,
                              const LotlineRenderCompany *company,
                              const LotlineRecall        *recall,
                              const LotlineRecallScope   *scope,
                              GError                    **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return lotline_recall_write_document (lotline_render_recall_report_document (paper, company, recall, scope, NULL, error),
                         path, error);
}

/* ---- the status report ------------------------------------------------ */

static char *
dup_count (guint n)
{
  return g_strdup_printf ("%u", n);
}

static void
draw_status_report (Doc *d, const LotlineRenderCompany *company, const LotlineRecall *recall,
                    GPtrArray *tracking, const char *as_of, const char *estimated_completion)
{
  guint notified = 0, responded = 0, sampled = 0, checked = 0;
  gint64 on_hand = 0, returned = 0, destroyed = 0;
  g_autoptr(GString) silent = g_string_new ("");
  static const double widths[] = { 0.24, 0.20, 0.13, 0.10, 0.11, 0.13, 0.09 };
  const char *titles[] = { _("Consignee"), _("Notified"), _("Responded"), _("On hand"), _("Returned"),
                           _("Destroyed"), _("Check") };
  Table t = { 7, titles, widths };

  for (guint i = 0; i < tracking->len; i++)
    {
      const LotlineRecallTracking *c = tracking->pdata[i];

      notified += c->notified_at != NULL;
      sampled += c->in_sample;
      if (c->responded_at != NULL)
        {
          responded++;
          checked += c->in_sample;
          on_hand += MAX (c->on_hand_reported, 0);
        }
      else
        g_string_append_printf (silent, "%s%s (%s)", silent->len ? "; " : "", c->name, c->code);
      returned += c->quantity_returned;
      destroyed += c->quantity_destroyed;
    }

  lotline_recall_doc_para_full (d, _("Recall status report"), FALSE, 20, PANGO_WEIGHT_BOLD, &black, 2);
  lotline_recall_doc_para_full (d, _("Information for the Food and Drug Administration under 21 CFR 7.53"), FALSE, 11,
                 PANGO_WEIGHT_NORMAL, &grey, 10);
  lotline_recall_doc_labelled (d, _("Recall number:"), recall->number);
  lotline_recall_doc_labelled (d, _("Title:"), recall->title);
  lotline_recall_doc_labelled (d, _("Recalling firm:"), company->name);
  lotline_recall_doc_labelled (d, _("Status:"), lotline_recall_status_to_string (recall->status));
  lotline_recall_doc_labelled (d, _("Status as of:"), as_of);

  lotline_recall_doc_heading (d, _("Summary"));
  {
    g_autofree char *n = dup_count (tracking->len), *n_notified = dup_count (notified);
    g_autofree char *n_responded = dup_count (responded), *n_silent = dup_count (tracking->len - responded);
    g_autofree char *q_on_hand = lotline_quantity_format (on_hand);
    g_autofree char *q_returned = lotline_quantity_format (returned);
    g_autofree char *q_destroyed = lotline_quantity_format (destroyed);
    g_autofree char *checks = g_strdup_printf (_("level %s: %u of %u consignees to check have responded"),
                                               lotline_recall_check_to_string (recall->check_level), checked, sampled);

    lotline_recall_doc_labelled (d, _("Consignees:"), n);
    lotline_recall_doc_labelled (d, _("Consignees notified:"), n_notified);
    lotline_recall_doc_labelled (d, _("Consignees responding:"), n_responded);
    lotline_recall_doc_labelled (d, _("Quantity on hand they reported:"), q_on_hand);
    lotline_recall_doc_labelled (d, _("Consignees not responding:"), n_silent);
    lotline_recall_doc_labelled (d, _("Quantity returned:"), q_returned);
    lotline_recall_doc_labelled (d, _("Quantity destroyed:"), q_destroyed);
    lotline_recall_doc_labelled (d, _("Effectiveness checks:"), checks);
    lotline_recall_doc_labelled (d, _("Estimated completion:"), estimated_completion);
    if (recall->disposition != NULL)
      lotline_recall_doc_labelled (d, _("Disposition:"), recall->disposition);
  }

  lotline_recall_doc_heading (d, _("Consignees"));
  lotline_recall_table_header (d, &t);
  for (guint i = 0; i < tracking->len; i++)
    {
      const LotlineRecallTracking *c = tracking->pdata[i];
      g_autofree char *notified_at = c->notified_at ? g_strndup (c->notified_at, 10) : NULL;
      g_autofree char *notice = notified_at ? g_strdup_printf ("%s %s", notified_at, c->notify_method ? c->notify_method : "")
                                            : NULL;
      g_autofree char *responded_at = c->responded_at ? g_strndup (c->responded_at, 10) : NULL;
      g_autofree char *q_on_hand = c->on_hand_reported >= 0 ? lotline_quantity_format (c->on_hand_reported) : NULL;
      g_autofree char *q_returned = lotline_quantity_format (c->quantity_returned);
      g_autofree char *q_destroyed = lotline_quantity_format (c->quantity_destroyed);
      const char *cells[] = { c->name, notice ? g_strstrip (notice) : "—", responded_at ? responded_at : "—",
                              q_on_hand ? q_on_hand : "—", q_returned, q_destroyed, c->in_sample ? _("yes") : "" };

      lotline_recall_table_row (d, &t, cells);
    }
  lotline_recall_table_end (d);

  lotline_recall_doc_heading (d, _("Consignees not responding"));
  lotline_recall_doc_para (d, silent->len ? silent->str : _("Every consignee has responded."));
}

LotlineRenderDocument *
lotline_render_recall_status_report_document (LotlinePaper                paper,
                                              const LotlineRenderCompany *company,
                                              const LotlineRecall        *recall,
                                              GPtrArray                  *tracking,
                                              const char                 *as_of,
                                              const char                 *estimated_completion,
                                              GError                    **error)
{
  g_autofree char *footer = NULL;
  Doc d;

  g_return_val_if_fail (company != NULL && company->name != NULL, NULL);
  g_return_val_if_fail (recall != NULL && tracking != NULL && as_of != NULL, NULL);

  footer = g_strdup_printf (_("Recall status report %s, %s"), recall->number, as_of);
  lotline_recall_doc_init (&d, paper);
  lotline_recall_doc_start_part (&d, footer, TRUE);
  draw_status_report (&d, company, recall, tracking, as_of, estimated_completion);
  return lotline_recall_doc_finish (&d, error);
}

gboolean
lotline_render_recall_status_report (const char                 *path,
                                     LotlinePaper                paper,
                                     const LotlineRenderCompany *company,
                                     const LotlineRecall        *recall,
                                     GPtrArray                  *tracking,
                                     const char                 *as_of,
                                     const char                 *estimated_completion,
                                     GError                    **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return lotline_recall_write_document (lotline_render_recall_status_report_document (paper, company, recall, tracking, as_of,
                                                                       estimated_completion, error),
                         path, error);
}
