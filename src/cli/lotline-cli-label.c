/* SPDX-License-Identifier: GPL-3.0-or-later */

/* lotline-cli label: a lot's GS1 label as a PDF, drawn by the same render
 * code the app prints with. */

#include "config.h"

#include <glib/gi18n.h>

#include "lotline-cli-private.h"
#include "lotline-render-label.h"

static char *label_output, *label_size, *label_symbols, *label_product;
static char *label_company, *label_quantity, *label_resolver;
static int label_copies = 1;

static const GOptionEntry label_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &label_output, N_("The PDF file to write"), N_("FILE.pdf") },
  { "size", 0, 0, G_OPTION_ARG_STRING, &label_size,
    N_("100x50 (mm, default), 4x6 (inches) or a4 (sheets of 2 × 5 labels of 99.1 × 57 mm)"), N_("SIZE") },
  { "copies", 0, 0, G_OPTION_ARG_INT, &label_copies, N_("How many labels (default 1)"), N_("N") },
  { "symbols", 0, 0, G_OPTION_ARG_STRING, &label_symbols,
    N_("Which barcodes, separated by commas: 128, datamatrix, qr (default all three)"), N_("LIST") },
  { "product", 0, 0, G_OPTION_ARG_STRING, &label_product,
    N_("The product’s SKU, when several products have a lot with this code"), N_("SKU") },
  { "company", 0, 0, G_OPTION_ARG_STRING, &label_company, N_("Your firm’s name, printed on the label"), N_("NAME") },
  { "quantity", 0, 0, G_OPTION_ARG_STRING, &label_quantity, N_("The quantity printed on the label, such as “25 kg”"),
    N_("TEXT") },
  { "resolver", 0, 0, G_OPTION_ARG_STRING, &label_resolver,
    N_("Your GS1 Digital Link resolver for the QR code (default https://id.gs1.org)"), N_("URL") },
  { NULL }
};

static gboolean
parse_label_options (LotlineLabelSize *size, LotlineLabelSymbols *symbols, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (label_output == NULL)
    {
      lotline_cli_usage_error (error, _("Where should the labels go? Add -o FILE.pdf."));
      return FALSE;
    }
  if (label_copies < 1)
    {
      lotline_cli_usage_error (error, _("--copies must be 1 or more, not %d."), label_copies);
      return FALSE;
    }
  if (label_resolver != NULL && !g_str_has_prefix (label_resolver, "https://") &&
      !g_str_has_prefix (label_resolver, "http://"))
    {
      lotline_cli_usage_error (error, _("--resolver must be a web address starting with https://, not “%s”."),
                               label_resolver);
      return FALSE;
    }
  if ((label_size != NULL && !lotline_label_size_from_string (label_size, size, &local_error)) ||
      (label_symbols != NULL && !lotline_label_symbols_from_string (label_symbols, symbols, &local_error)))
    {
      lotline_cli_usage_error (error, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_label (LotlineCli *cli, GError **error)
{
  LotlineLabelSize size = LOTLINE_LABEL_SIZE_100X50;
  LotlineLabelSymbols symbols = LOTLINE_LABEL_SYMBOL_ALL;
  g_autoptr(LotlineLabelData) data = NULL;
  g_autoptr(LotlineRenderDocument) doc = NULL;
  gint64 lot_id = 0;

  if (!parse_label_options (&size, &symbols, error) ||
      !lotline_cli_find_lot (cli, cli->args[0], label_product, &lot_id, error))
    return FALSE;
  data = lotline_store_get_label_data (cli->store, lot_id, error);
  if (data == NULL)
    return FALSE;
  data->company_name = g_strdup (label_company);
  data->quantity = g_strdup (label_quantity);
  doc = lotline_render_label (data, label_resolver, size, symbols, (guint) label_copies, error);
  if (doc == NULL || !lotline_render_document_write_pdf (doc, label_output, error))
    return FALSE;
  g_print (g_dngettext (NULL, "Wrote %u label to %s.\n", "Wrote %u labels to %s.\n", label_copies),
           (guint) label_copies, label_output);
  return TRUE;
}

const LotlineCliCommand lotline_cli_command_label = {
  .name = "label",
  .parameters = N_("CODE -o FILE.pdf [--size 100x50|4x6|a4] [--copies N] [--symbols 128,datamatrix,qr]"),
  .summary = N_("Print a lot’s GS1 label (GS1-128, DataMatrix, Digital Link QR) to a PDF file"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .entries = label_entries,
  .run = run_label,
};
