/* SPDX-License-Identifier: GPL-3.0-or-later */

/* lotline-cli graph: a trace laid out by Graphviz and drawn by the same
 * render code the app uses, into a PNG, SVG or PDF file. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-cli-private.h"
#include "lotline-layout.h"
#include "lotline-render-graph.h"

static char *graph_product;
static char *graph_direction;
static char *graph_output;
static int graph_depth;
static gboolean graph_dark;
static gboolean graph_no_legend;
static gboolean graph_expand_all;

static const GOptionEntry graph_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &graph_output,
    N_("The file to write: .png, .svg or .pdf"), N_("FILE") },
  { "product", 0, 0, G_OPTION_ARG_STRING, &graph_product,
    N_("The product’s SKU, when several products have a lot with this code"), N_("SKU") },
  { "direction", 0, 0, G_OPTION_ARG_STRING, &graph_direction,
    N_("up (where it came from), down (where it went), both, or siblings (lots that share an input)"),
    N_("DIRECTION") },
  { "depth", 0, 0, G_OPTION_ARG_INT, &graph_depth,
    N_("Follow at most N production steps (default: all)"), N_("N") },
  { "dark", 0, 0, G_OPTION_ARG_NONE, &graph_dark,
    N_("Use the dark colours"), NULL },
  { "no-legend", 0, 0, G_OPTION_ARG_NONE, &graph_no_legend,
    N_("Leave out the legend"), NULL },
  { "expand-all", 0, 0, G_OPTION_ARG_NONE, &graph_expand_all,
    N_("Draw every customer and lot instead of grouping large fan-outs"), NULL },
  { NULL }
};

static gboolean
run_graph (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineTrace) trace = NULL;
  g_autoptr(LotlineLayout) layout = NULL;
  LotlineLayoutOptions layout_options = { 0 };
  LotlineRenderOptions render_options = { 0 };

  if (graph_output == NULL)
    {
      lotline_cli_usage_error (error, _("Where should the graph go? Add -o FILE.png, FILE.svg or FILE.pdf."));
      return FALSE;
    }

  trace = lotline_cli_trace_args (cli, graph_direction, graph_product, graph_depth, error);
  if (trace == NULL)
    return FALSE;

  if (graph_expand_all)
    layout_options.collapse_limit = G_MAXUINT;
  layout = lotline_layout_compute (trace, &layout_options, error);
  if (layout == NULL)
    return FALSE;

  render_options.theme = graph_dark ? LOTLINE_RENDER_THEME_DARK : LOTLINE_RENDER_THEME_LIGHT;
  render_options.today = cli->today;
  render_options.show_legend = !graph_no_legend;
  if (!lotline_render_graph_to_file (layout, trace, &render_options, graph_output, error))
    return FALSE;

  /* Translators: "Wrote graph.pdf: 12 lots and parties, 15 links." */
  g_print (_("Wrote %s: %u nodes, %u edges.\n"), graph_output,
           lotline_layout_get_n_nodes (layout), lotline_layout_get_n_edges (layout));
  return TRUE;
}

const LotlineCliCommand lotline_cli_command_graph = {
  .name = "graph",
  .parameters = N_("CODE… --direction up|down|both|siblings -o FILE.png|svg|pdf"),
  .summary = N_("Draw a lot’s genealogy graph into a picture or PDF"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = -1,
  .entries = graph_entries,
  .run = run_graph,
};
