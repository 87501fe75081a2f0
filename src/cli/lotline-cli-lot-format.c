/* SPDX-License-Identifier: GPL-3.0-or-later */

/* lotline-cli commands about lot-code formats: lot-format show, set, next
 * and parse. */

#include "config.h"

#include <glib/gi18n.h>

#include "lotline-lot-format-store.h"
#include "lotline-cli-private.h"

static char *format_product;
static char *format_date;
static char *format_facility;
static char *format_line;
static char *format_shift;
static gboolean format_clear;

static const GOptionEntry show_entries[] = {
  { "product", 0, 0, G_OPTION_ARG_STRING, &format_product,
    N_("The format that applies to this product"), N_("SKU") },
  { NULL }
};

static const GOptionEntry set_entries[] = {
  { "product", 0, 0, G_OPTION_ARG_STRING, &format_product,
    N_("A format for this product only, instead of the site’s"), N_("SKU") },
  { "clear", 0, 0, G_OPTION_ARG_NONE, &format_clear,
    N_("Remove the format: for a product, the site’s applies again"), NULL },
  { "facility", 0, 0, G_OPTION_ARG_STRING, &format_facility,
    N_("The facility code that {FACILITY} writes (empty to remove)"), N_("CODE") },
  { "line", 0, 0, G_OPTION_ARG_STRING, &format_line,
    N_("The production line that {LINE} writes (empty to remove)"), N_("LINE") },
  { "shift", 0, 0, G_OPTION_ARG_STRING, &format_shift,
    N_("The shift that {SHIFT} writes (empty to remove)"), N_("SHIFT") },
  { NULL }
};

static const GOptionEntry next_entries[] = {
  { "date", 0, 0, G_OPTION_ARG_STRING, &format_date,
    N_("The date of the new lot (default: today)"), N_("YYYY-MM-DD") },
  { NULL }
};

static const GOptionEntry parse_entries[] = {
  { "product", 0, 0, G_OPTION_ARG_STRING, &format_product,
    N_("Read the code with this product’s format (needed when no lot has the code yet)"), N_("SKU") },
  { NULL }
};

static gboolean
find_format_product (LotlineCli *cli, gint64 *out_id, GError **error)
{
  *out_id = 0;
  return format_product == NULL || lotline_store_find_product (cli->store, format_product, out_id, error);
}

/* ---- show ----------------------------------------------------------------- */

static void
add_defaults (LotlineCliSection *section, const LotlineLotCodeDefaults *defaults)
{
  lotline_cli_field_text (section, "facility", _("Facility"), defaults->facility);
  lotline_cli_field_text (section, "line", _("Line"), defaults->line);
  lotline_cli_field_text (section, "shift", _("Shift"), defaults->shift);
}

static gboolean
add_product_table (LotlineCli *cli, LotlineCliDoc *doc, GError **error)
{
  g_autoptr(GPtrArray) items = lotline_store_list_product_lot_formats (cli->store, error);
  LotlineCliSection *section;

  if (items == NULL)
    return FALSE;
  section = lotline_cli_doc_add_table (doc, "products", _("Formats of single products"));
  lotline_cli_section_set_empty_text (section, _("None: every product follows the site’s format."));
  lotline_cli_section_add_column (section, "product", _("Product"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "name", _("Name"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "format", _("Format"), LOTLINE_CLI_COLUMN_DEFAULT);
  for (guint i = 0; i < items->len; i++)
    {
      const LotlineProductLotFormat *item = g_ptr_array_index (items, i);

      if (item->template_text == NULL)
        continue;
      lotline_cli_section_new_row (section);
      lotline_cli_add_text (section, item->sku);
      lotline_cli_add_text (section, item->name);
      lotline_cli_add_text (section, item->template_text);
    }
  return TRUE;
}

static gboolean
run_show (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  g_auto(LotlineLotCodeDefaults) defaults = { 0 };
  g_autofree char *site = NULL, *own = NULL;
  g_autoptr(LotlineLotFormat) effective = NULL;
  LotlineCliSection *section;
  gint64 product_id;

  if (!find_format_product (cli, &product_id, error) ||
      !lotline_store_get_lot_format (cli->store, 0, &site, error) ||
      !lotline_store_get_lot_code_defaults (cli->store, &defaults, error))
    return FALSE;

  section = lotline_cli_doc_add_record (doc, "site", _("Lot-code format of the site"));
  lotline_cli_field_text (section, "format", _("Format"), site);
  add_defaults (section, &defaults);

  if (product_id > 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (!lotline_store_get_lot_format (cli->store, product_id, &own, error))
        return FALSE;
      effective = lotline_store_get_effective_lot_format (cli->store, product_id, &local_error);
      section = lotline_cli_doc_add_record (doc, "product", _("Lot-code format of the product"));
      lotline_cli_field_text (section, "product", _("Product"), format_product);
      lotline_cli_field_text (section, "own_format", _("Own format"), own);
      lotline_cli_field_text (section, "format", _("Format that applies"),
                              effective != NULL ? lotline_lot_format_get_template (effective) : NULL);
    }
  else if (!add_product_table (cli, doc, error))
    return FALSE;
  return lotline_cli_print (cli, doc, error);
}

/* ---- set ------------------------------------------------------------------ */

/* An option given replaces the saved value; one left out keeps it. */
static void
replace_if_given (char **field, const char *given)
{
  if (given == NULL)
    return;
  g_free (*field);
  *field = g_strdup (given);
}

static gboolean
set_defaults (LotlineCli *cli, GError **error)
{
  g_auto(LotlineLotCodeDefaults) defaults = { 0 };

  if (!lotline_store_get_lot_code_defaults (cli->store, &defaults, error))
    return FALSE;
  replace_if_given (&defaults.facility, format_facility);
  replace_if_given (&defaults.line, format_line);
  replace_if_given (&defaults.shift, format_shift);
  return lotline_store_set_lot_code_defaults (cli->store, &defaults, error);
}

static gboolean
run_set (LotlineCli *cli, GError **error)
{
  gboolean has_defaults = format_facility != NULL || format_line != NULL || format_shift != NULL;
  const char *template_text = cli->n_args > 0 ? cli->args[0] : NULL;
  gint64 product_id;

  if ((template_text != NULL) + (format_clear ? 1 : 0) + (has_defaults ? 1 : 0) == 0 ||
      (template_text != NULL && format_clear))
    {
      lotline_cli_usage_error (error, _("Give a TEMPLATE such as “{YYMMDD}-{SEQ:3}”, or --clear, and/or --facility, --line or --shift."));
      return FALSE;
    }
  if (has_defaults && format_product != NULL)
    {
      lotline_cli_usage_error (error, _("The facility, line and shift belong to the site, not to a product. Leave out --product."));
      return FALSE;
    }
  if (!find_format_product (cli, &product_id, error))
    return FALSE;
  if ((template_text != NULL || format_clear) &&
      !lotline_store_set_lot_format (cli->store, product_id, format_clear ? NULL : template_text, error))
    return FALSE;
  if (has_defaults && !set_defaults (cli, error))
    return FALSE;

  if (format_clear && format_product != NULL)
    /* Translators: "FIN-JAR now follows the site’s lot-code format." */
    g_print (_("%s now follows the site’s lot-code format.\n"), format_product);
  else if (format_clear)
    g_print (_("The site has no lot-code format now.\n"));
  else if (template_text != NULL && format_product != NULL)
    /* Translators: "Lot codes of FIN-JAR now follow J{YYDDD}{SEQ:3}." */
    g_print (_("Lot codes of %s now follow %s.\n"), format_product, template_text);
  else if (template_text != NULL)
    g_print (_("Lot codes now follow %s.\n"), template_text);
  if (has_defaults)
    g_print (_("The facility, line and shift are saved.\n"));
  return TRUE;
}

/* ---- next ----------------------------------------------------------------- */

static gboolean
run_next (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *code = NULL;
  const char *date = format_date != NULL ? format_date : cli->today;
  LotlineCliSection *section;
  gint64 product_id;

  if (!lotline_store_find_product (cli->store, cli->args[0], &product_id, error))
    return FALSE;
  code = lotline_store_next_lot_code (cli->store, product_id, date, NULL, &local_error);
  if (code == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LOTLINE_CLI_ERROR, LOTLINE_CLI_ERROR_FAILED,
                     _("%s has no lot-code format, and neither has the site. Set one with “lotline-cli lot-format set TEMPLATE”."),
                     cli->args[0]);
      return FALSE;
    }
  section = lotline_cli_doc_add_record (doc, "next", _("Next lot code"));
  lotline_cli_field_text (section, "product", _("Product"), cli->args[0]);
  lotline_cli_field_text (section, "date", _("Date"), date);
  lotline_cli_field_text (section, "code", _("Code"), code);
  return lotline_cli_print (cli, doc, error);
}

/* ---- parse ---------------------------------------------------------------- */

static gboolean
find_parse_product (LotlineCli *cli, const char *code, gint64 *out_id, GError **error)
{
  g_autoptr(LotlineLot) lot = NULL;
  gint64 lot_id;

  if (format_product != NULL)
    return find_format_product (cli, out_id, error);
  if (!lotline_cli_find_lot (cli, code, NULL, &lot_id, error))
    return FALSE;
  lot = lotline_store_get_lot (cli->store, lot_id, error);
  if (lot == NULL)
    return FALSE;
  *out_id = lot->product_id;
  return TRUE;
}

static gboolean
run_parse (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  g_auto(LotlineLotParts) parts = { 0 };
  LotlineCliSection *section;
  gint64 product_id;

  if (!find_parse_product (cli, cli->args[0], &product_id, error) ||
      !lotline_store_parse_lot_code (cli->store, product_id, cli->args[0], &parts, error))
    return FALSE;

  section = lotline_cli_doc_add_record (doc, "code", _("Lot code"));
  lotline_cli_field_text (section, "code", _("Code"), cli->args[0]);
  lotline_cli_field_text (section, "date", _("Date"), parts.date);
  lotline_cli_field_text (section, "facility", _("Facility"), parts.facility);
  lotline_cli_field_text (section, "line", _("Line"), parts.line);
  lotline_cli_field_text (section, "shift", _("Shift"), parts.shift);
  lotline_cli_field_text (section, "product", _("Product code"), parts.product);
  if (parts.sequence > 0)
    lotline_cli_field_int (section, "sequence", _("Sequence"), parts.sequence);
  else
    lotline_cli_field_text (section, "sequence", _("Sequence"), NULL);
  return lotline_cli_print (cli, doc, error);
}

const LotlineCliCommand lotline_cli_command_lot_format_show = {
  .name = "lot-format",
  .verb = "show",
  .parameters = N_("[--product SKU]"),
  .summary = N_("Show the lot-code formats of the site and its products"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 0,
  .max_args = 0,
  .entries = show_entries,
  .run = run_show,
};

const LotlineCliCommand lotline_cli_command_lot_format_set = {
  .name = "lot-format",
  .verb = "set",
  .parameters = N_("[--product SKU] (TEMPLATE | --clear) [--facility CODE] [--line LINE] [--shift SHIFT]"),
  .summary = N_("Set the lot-code format of the site or of one product"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 0,
  .max_args = 1,
  .entries = set_entries,
  .run = run_set,
};

const LotlineCliCommand lotline_cli_command_lot_format_next = {
  .name = "lot-format",
  .verb = "next",
  .parameters = N_("SKU [--date YYYY-MM-DD]"),
  .summary = N_("Make the next lot code of a product"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .entries = next_entries,
  .run = run_next,
};

const LotlineCliCommand lotline_cli_command_lot_format_parse = {
  .name = "lot-format",
  .verb = "parse",
  .parameters = N_("CODE [--product SKU]"),
  .summary = N_("Read a lot code back into its date, facility, line, shift, product and sequence"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .entries = parse_entries,
  .run = run_parse,
};
