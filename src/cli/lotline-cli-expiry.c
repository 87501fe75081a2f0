/* SPDX-License-Identifier: GPL-3.0-or-later */

/* lotline-cli commands about expiry: allocate, expiring, policy set and
 * show, waste and write-off. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "lotline-expiry.h"
#include "lotline-render-chart.h"
#include "lotline-cli-private.h"

/* ---- shared ------------------------------------------------------------ */

static gboolean
parse_quantity_option (const char *text, const char *option, gint64 *out, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (text == NULL)
    {
      lotline_cli_usage_error (error, _("Give the quantity with %s."), option);
      return FALSE;
    }
  if (!lotline_quantity_parse (text, out, &local_error))
    {
      lotline_cli_usage_error (error, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Days left as a number, or null for a lot that does not expire. */
static void
add_days_left (LotlineCliSection *section, int days_left)
{
  if (days_left == G_MININT)
    lotline_cli_add_null (section);
  else
    lotline_cli_add_int (section, days_left);
}

static char *
dup_policy_display (const LotlineShelfLifePolicy *policy)
{
  g_autofree char *rule = NULL;

  if (policy->min_days >= 0 && policy->min_percent >= 0)
    /* Translators: a customer's minimum remaining shelf life on delivery */
    rule = g_strdup_printf (_("at least %d days and %d%% of the shelf life"), policy->min_days, policy->min_percent);
  else if (policy->min_days >= 0)
    rule = g_strdup_printf (_("at least %d days"), policy->min_days);
  else if (policy->min_percent >= 0)
    rule = g_strdup_printf (_("at least %d%% of the shelf life"), policy->min_percent);
  else
    return g_strdup (C_("shelf-life policy", "none"));

  if (policy->level == LOTLINE_POLICY_PRODUCT)
    /* Translators: "at least 30 days (for this product)" */
    return g_strdup_printf (_("%s (for this product)"), rule);
  /* Translators: "at least 30 days (the customer’s own)" */
  return g_strdup_printf (_("%s (the customer’s own)"), rule);
}

static const char *
policy_level_word (LotlinePolicyLevel level)
{
  switch (level)
    {
    case LOTLINE_POLICY_CUSTOMER: return "customer";
    case LOTLINE_POLICY_PRODUCT: return "product";
    case LOTLINE_POLICY_NONE:
    default: return "none";
    }
}

static void
add_int_or_null (LotlineCliSection *section, int value)
{
  if (value < 0)
    lotline_cli_add_null (section);
  else
    lotline_cli_add_int (section, value);
}

/* The policy fields of a record: a sentence for people, numbers for programs. */
static void
add_policy_fields (LotlineCliSection *section, const LotlineShelfLifePolicy *policy)
{
  g_autofree char *display = dup_policy_display (policy);

  lotline_cli_field_text (section, "policy", _("Minimum shelf life"), display);
  lotline_cli_section_add_column (section, "policy_level", _("Policy level"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_add_text (section, policy_level_word (policy->level));
  lotline_cli_section_add_column (section, "min_days", _("Minimum days"), LOTLINE_CLI_COLUMN_MACHINE);
  add_int_or_null (section, policy->min_days);
  lotline_cli_section_add_column (section, "min_percent", _("Minimum percent"), LOTLINE_CLI_COLUMN_MACHINE);
  add_int_or_null (section, policy->min_percent);
}

/* ---- allocate ---------------------------------------------------------- */

static char *allocate_customer;
static char *allocate_product;
static char *allocate_quantity;
static char *allocate_date;
static gboolean allocate_fifo;

static const GOptionEntry allocate_entries[] = {
  { "customer", 0, 0, G_OPTION_ARG_STRING, &allocate_customer,
    N_("The customer’s code"), N_("CODE") },
  { "product", 0, 0, G_OPTION_ARG_STRING, &allocate_product,
    N_("The SKU of the product ordered"), N_("SKU") },
  { "quantity", 0, 0, G_OPTION_ARG_STRING, &allocate_quantity,
    N_("The quantity ordered, in the product’s unit"), N_("Q") },
  { "date", 0, 0, G_OPTION_ARG_STRING, &allocate_date,
    N_("The delivery date (default: today)"), N_("YYYY-MM-DD") },
  { "fifo", 0, 0, G_OPTION_ARG_NONE, &allocate_fifo,
    N_("Take the oldest lots first (by production date) instead of the first to expire"), NULL },
  { NULL }
};

static gboolean
run_allocate (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  g_autoptr(LotlineAllocation) a = NULL;
  LotlineCliSection *section;
  const char *date = allocate_date ? allocate_date : cli->today;
  gint64 customer_id = 0, product_id = 0, quantity = 0;

  if (allocate_customer == NULL || allocate_product == NULL)
    {
      lotline_cli_usage_error (error, _("Say who orders what: add --customer CODE and --product SKU."));
      return FALSE;
    }
  if (!parse_quantity_option (allocate_quantity, "--quantity", &quantity, error))
    return FALSE;
  if (!lotline_date_is_valid (date))
    {
      lotline_cli_usage_error (error, _("“%s” is not a date. Give --date as YYYY-MM-DD."), date);
      return FALSE;
    }
  if (!lotline_store_find_party (cli->store, allocate_customer, &customer_id, error) ||
      !lotline_store_find_product (cli->store, allocate_product, &product_id, error) ||
      !lotline_store_allocate (cli->store, customer_id, product_id, quantity, date,
                               allocate_fifo ? LOTLINE_ALLOCATION_FIFO : LOTLINE_ALLOCATION_FEFO, &a, error))
    return FALSE;

  section = lotline_cli_doc_add_record (doc, "allocation", _("Allocation"));
  lotline_cli_field_text (section, "customer", _("Customer"), a->customer_code);
  lotline_cli_field_text (section, "customer_name", _("Customer name"), a->customer_name);
  lotline_cli_field_text (section, "product", _("Product"), a->product_sku);
  lotline_cli_field_text (section, "delivery_date", _("Delivery date"), a->delivery_date);
  lotline_cli_field_word (section, "order", _("Order"), a->order == LOTLINE_ALLOCATION_FIFO ? "fifo" : "fefo",
                          a->order == LOTLINE_ALLOCATION_FIFO ? _("oldest first (FIFO)")
                                                              : _("first to expire first (FEFO)"));
  add_policy_fields (section, &a->policy);
  lotline_cli_field_quantity (section, "requested", _("Ordered"), a->requested, a->unit);
  lotline_cli_field_quantity (section, "allocated", _("Allocated"), a->allocated, a->unit);
  lotline_cli_field_quantity (section, "shortfall", _("Short"), a->shortfall, a->unit);
  lotline_cli_field_text (section, "unit", _("Unit"), a->unit);

  section = lotline_cli_doc_add_table (doc, "picks", _("Proposed lots"));
  lotline_cli_section_set_empty_text (section, _("No lot can be proposed."));
  lotline_cli_section_add_column (section, "lot_id", _("Lot id"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "lot", _("Lot"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "location_id", _("Location id"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "location", _("Location"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "quantity", _("Quantity"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "expires_on", _("Expires"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "days_left", _("Days left"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "dated_on", _("Made or received"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "unit", _("Unit"), LOTLINE_CLI_COLUMN_MACHINE);
  for (guint i = 0; i < a->picks->len; i++)
    {
      const LotlineAllocationPick *pick = &g_array_index (a->picks, LotlineAllocationPick, i);

      lotline_cli_section_new_row (section);
      lotline_cli_add_int (section, pick->lot_id);
      lotline_cli_add_text (section, pick->lot_code);
      lotline_cli_add_int (section, pick->location_id);
      lotline_cli_add_text (section, pick->location_code);
      lotline_cli_add_quantity (section, pick->quantity, a->unit);
      lotline_cli_add_text (section, pick->expires_on);
      add_days_left (section, pick->days_left);
      lotline_cli_add_text (section, pick->dated_on);
      lotline_cli_add_text (section, a->unit);
    }

  section = lotline_cli_doc_add_table (doc, "skipped", _("Skipped lots"));
  lotline_cli_section_set_empty_text (section, _("No lot was skipped."));
  lotline_cli_section_add_column (section, "lot_id", _("Lot id"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "lot", _("Lot"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "location_id", _("Location id"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "location", _("Location"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "on_hand", _("On hand"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "expires_on", _("Expires"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "days_left", _("Days left"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "reason", _("Reason"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "why", _("Why"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "unit", _("Unit"), LOTLINE_CLI_COLUMN_MACHINE);
  for (guint i = 0; i < a->skipped->len; i++)
    {
      const LotlineAllocationSkip *skip = &g_array_index (a->skipped, LotlineAllocationSkip, i);

      lotline_cli_section_new_row (section);
      lotline_cli_add_int (section, skip->lot_id);
      lotline_cli_add_text (section, skip->lot_code);
      if (skip->location_id > 0)
        lotline_cli_add_int (section, skip->location_id);
      else
        lotline_cli_add_null (section);
      lotline_cli_add_text (section, skip->location_code);
      lotline_cli_add_quantity (section, skip->quantity, a->unit);
      lotline_cli_add_text (section, skip->expires_on);
      add_days_left (section, skip->days_left);
      lotline_cli_add_text (section, lotline_skip_reason_to_string (skip->reason));
      lotline_cli_add_text (section, skip->message);
      lotline_cli_add_text (section, a->unit);
    }

  if (!lotline_cli_print (cli, doc, error))
    return FALSE;

  /* A shortfall is an answer, not a failure: say so, and exit 0. */
  if (a->shortfall_message != NULL)
    g_printerr ("%s\n", a->shortfall_message);
  return TRUE;
}

const LotlineCliCommand lotline_cli_command_allocate = {
  .name = "allocate",
  .parameters = N_("--customer CODE --product SKU --quantity Q [--date YYYY-MM-DD] [--fifo]"),
  .summary = N_("Propose lots for an order line: first to expire first, within the customer’s policy"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 0,
  .max_args = 0,
  .entries = allocate_entries,
  .run = run_allocate,
};

/* ---- expiring ---------------------------------------------------------- */

static int expiring_within = -1;
static gboolean expiring_expired;
static char *expiring_product;
static char *expiring_location;
static char *expiring_supplier;

static const GOptionEntry expiring_entries[] = {
  { "within", 0, 0, G_OPTION_ARG_INT, &expiring_within,
    N_("Lots that expire from today to today + DAYS (default 30)"), N_("DAYS") },
  { "expired", 0, 0, G_OPTION_ARG_NONE, &expiring_expired,
    N_("Lots that have expired and are still on hand"), NULL },
  { "product", 0, 0, G_OPTION_ARG_STRING, &expiring_product,
    N_("Only lots of this product"), N_("SKU") },
  { "location", 0, 0, G_OPTION_ARG_STRING, &expiring_location,
    N_("Only lots with stock at this location or below it, such as a warehouse"), N_("CODE") },
  { "supplier", 0, 0, G_OPTION_ARG_STRING, &expiring_supplier,
    N_("Only lots from this supplier"), N_("CODE") },
  { NULL }
};

static gboolean
run_expiring (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *title = NULL;
  LotlineCliSection *section;
  LotlineLotQuery query;
  guint count = 0;

  if (expiring_expired && expiring_within >= 0)
    {
      lotline_cli_usage_error (error, _("Give either --within DAYS or --expired, not both."));
      return FALSE;
    }
  if (expiring_within < -1)
    {
      lotline_cli_usage_error (error, _("--within needs a number of days, 0 or more."));
      return FALSE;
    }

  if (expiring_expired)
    {
      lotline_lot_query_init_expired_on_hand (&query, cli->today);
      title = g_strdup (_("Expired lots on hand"));
    }
  else
    {
      int days = expiring_within >= 0 ? expiring_within : 30;

      lotline_lot_query_init_expiring (&query, cli->today, days);
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Lots expiring within %d day", "Lots expiring within %d days",
                                            days),
                               days);
    }
  if ((expiring_product && !lotline_store_find_product (cli->store, expiring_product, &query.product_id, error)) ||
      (expiring_location && !lotline_store_find_location (cli->store, expiring_location, &query.location_id, error)) ||
      (expiring_supplier && !lotline_store_find_party (cli->store, expiring_supplier, &query.supplier_id, error)))
    return FALSE;

  if (!lotline_store_count_lots (cli->store, &query, &count, error))
    return FALSE;
  rows = lotline_store_query_lots (cli->store, &query, 0, count, error);
  if (rows == NULL)
    return FALSE;

  section = lotline_cli_doc_add_table (doc, "lots", title);
  lotline_cli_section_set_empty_text (section, expiring_expired ? _("No expired lot is on hand.")
                                                                : _("No lot on hand expires in that time."));
  lotline_cli_section_add_column (section, "lot_id", _("Lot id"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "lot", _("Lot"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "product", _("Product"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "status", _("Status"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "expires_on", _("Expires"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "days_left", _("Days left"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "on_hand", _("On hand"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "locations", _("Locations"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "supplier", _("Supplier"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "unit", _("Unit"), LOTLINE_CLI_COLUMN_MACHINE);
  for (guint i = 0; i < rows->len; i++)
    {
      const LotlineLotRow *row = g_ptr_array_index (rows, i);

      lotline_cli_section_new_row (section);
      lotline_cli_add_int (section, row->id);
      lotline_cli_add_text (section, row->code);
      lotline_cli_add_text (section, row->product_sku);
      lotline_cli_add_word (section, lotline_lot_status_to_string (row->status), lotline_cli_status_display (row->status));
      lotline_cli_add_text (section, row->expires_on);
      add_days_left (section, row->days_left);
      lotline_cli_add_quantity (section, row->on_hand, row->unit);
      lotline_cli_add_text (section, row->locations);
      lotline_cli_add_text (section, row->supplier_name);
      lotline_cli_add_text (section, row->unit);
    }
  return lotline_cli_print (cli, doc, error);
}

const LotlineCliCommand lotline_cli_command_expiring = {
  .name = "expiring",
  .parameters = N_("[--within DAYS | --expired] [--product SKU] [--location CODE] [--supplier CODE]"),
  .summary = N_("List lots on hand that expire soon, or have expired"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 0,
  .max_args = 0,
  .entries = expiring_entries,
  .run = run_expiring,
};

/* ---- policy set and show ----------------------------------------------- */

static char *policy_customer;
static char *policy_product;
static int policy_days = -1;
static int policy_percent = -1;
static gboolean policy_clear;

static const GOptionEntry policy_set_entries[] = {
  { "customer", 0, 0, G_OPTION_ARG_STRING, &policy_customer,
    N_("The customer’s code"), N_("CODE") },
  { "product", 0, 0, G_OPTION_ARG_STRING, &policy_product,
    N_("A policy for this product only, instead of the customer’s own"), N_("SKU") },
  { "days", 0, 0, G_OPTION_ARG_INT, &policy_days,
    N_("Days of shelf life that must be left on delivery"), N_("N") },
  { "percent", 0, 0, G_OPTION_ARG_INT, &policy_percent,
    N_("Percent of the total shelf life that must be left on delivery"), N_("P") },
  { "clear", 0, 0, G_OPTION_ARG_NONE, &policy_clear,
    N_("Remove the policy: for a product, the customer’s own applies again"), NULL },
  { NULL }
};

static const GOptionEntry policy_show_entries[] = {
  { "customer", 0, 0, G_OPTION_ARG_STRING, &policy_customer,
    N_("The customer’s code"), N_("CODE") },
  { "product", 0, 0, G_OPTION_ARG_STRING, &policy_product,
    N_("The policy that applies to this product"), N_("SKU") },
  { NULL }
};

static gboolean
find_policy_target (LotlineCli *cli, gint64 *customer_id, gint64 *product_id, GError **error)
{
  if (policy_customer == NULL)
    {
      lotline_cli_usage_error (error, _("Whose policy? Add --customer CODE."));
      return FALSE;
    }
  return lotline_store_find_party (cli->store, policy_customer, customer_id, error) &&
         (policy_product == NULL || lotline_store_find_product (cli->store, policy_product, product_id, error));
}

static gboolean
run_policy_set (LotlineCli *cli, GError **error)
{
  gint64 customer_id = 0, product_id = 0;
  LotlineShelfLifePolicy policy;
  g_autofree char *display = NULL;
  int given = (policy_days >= 0) + (policy_percent >= 0) + (policy_clear ? 1 : 0);

  if (given != 1 || policy_days < -1 || policy_percent < -1)
    {
      lotline_cli_usage_error (error, _("Give exactly one of --days N, --percent P or --clear."));
      return FALSE;
    }
  if (!find_policy_target (cli, &customer_id, &product_id, error) ||
      !lotline_store_set_shelf_life_policy (cli->store, customer_id, product_id, policy_days, policy_percent, error) ||
      !lotline_store_get_shelf_life_policy (cli->store, customer_id, product_id, &policy, error))
    return FALSE;

  display = dup_policy_display (&policy);
  if (policy_product != NULL)
    /* Translators: "CUS-2 now needs, for FIN-JAR: at least 30 days (for this product)." */
    g_print (_("%s now needs, for %s: %s.\n"), policy_customer, policy_product, display);
  else
    g_print (_("%s now needs: %s.\n"), policy_customer, display);
  return TRUE;
}

static gboolean
run_policy_show (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  g_autoptr(GPtrArray) overrides = NULL;
  gint64 customer_id = 0, product_id = 0;
  LotlineShelfLifePolicy policy;
  LotlineCliSection *section;

  if (!find_policy_target (cli, &customer_id, &product_id, error) ||
      !lotline_store_get_shelf_life_policy (cli->store, customer_id, product_id, &policy, error))
    return FALSE;
  overrides = lotline_store_list_shelf_life_overrides (cli->store, customer_id, error);
  if (overrides == NULL)
    return FALSE;

  section = lotline_cli_doc_add_record (doc, "policy", _("Shelf-life policy"));
  lotline_cli_field_text (section, "customer", _("Customer"), policy_customer);
  lotline_cli_field_text (section, "product", _("Product"), policy_product);
  add_policy_fields (section, &policy);

  section = lotline_cli_doc_add_table (doc, "products", _("Policies for single products"));
  lotline_cli_section_set_empty_text (section, _("None: the customer’s own policy applies to every product."));
  lotline_cli_section_add_column (section, "product", _("Product"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "name", _("Name"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "min_days", _("Minimum days"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "min_percent", _("Minimum percent"), LOTLINE_CLI_COLUMN_DEFAULT);
  for (guint i = 0; i < overrides->len; i++)
    {
      const LotlineShelfLifeOverride *item = g_ptr_array_index (overrides, i);

      lotline_cli_section_new_row (section);
      lotline_cli_add_text (section, item->product_sku);
      lotline_cli_add_text (section, item->product_name);
      add_int_or_null (section, item->min_days);
      add_int_or_null (section, item->min_percent);
    }
  return lotline_cli_print (cli, doc, error);
}

const LotlineCliCommand lotline_cli_command_policy_set = {
  .name = "policy",
  .verb = "set",
  .parameters = N_("--customer CODE [--product SKU] (--days N | --percent P | --clear)"),
  .summary = N_("Set the shelf life a customer needs left on delivery"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 0,
  .max_args = 0,
  .entries = policy_set_entries,
  .run = run_policy_set,
};

const LotlineCliCommand lotline_cli_command_policy_show = {
  .name = "policy",
  .verb = "show",
  .parameters = N_("--customer CODE [--product SKU]"),
  .summary = N_("Show a customer’s shelf-life policies"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 0,
  .max_args = 0,
  .entries = policy_show_entries,
  .run = run_policy_show,
};

/* ---- waste ------------------------------------------------------------- */

static char *waste_by;
static char *waste_month;
static char *waste_output;
static char *waste_unit;
static gboolean waste_quantity;
static gboolean waste_dark;

static const GOptionEntry waste_entries[] = {
  { "by", 0, 0, G_OPTION_ARG_STRING, &waste_by,
    N_("Group by product (default), supplier or location"), N_("GROUPING") },
  { "month", 0, 0, G_OPTION_ARG_STRING, &waste_month,
    N_("The last of the twelve months (default: this month)"), N_("YYYY-MM") },
  { "quantity", 0, 0, G_OPTION_ARG_NONE, &waste_quantity,
    N_("Show quantities instead of values"), NULL },
  { "unit", 0, 0, G_OPTION_ARG_STRING, &waste_unit,
    N_("With --quantity, the unit the chart shows (default: the one with the most value)"), N_("UNIT") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &waste_output,
    N_("Also write the chart (.png, .svg or .pdf) or the table (.csv) to a file"), N_("FILE") },
  { "dark", 0, 0, G_OPTION_ARG_NONE, &waste_dark,
    N_("Draw the chart in the dark colours"), NULL },
  { NULL }
};

static gboolean
write_waste_file (LotlineWasteReport *report, GError **error)
{
  LotlineChartOptions options = {
    .theme = waste_dark ? LOTLINE_RENDER_THEME_DARK : LOTLINE_RENDER_THEME_LIGHT,
    .measure = waste_quantity ? LOTLINE_CHART_QUANTITY : LOTLINE_CHART_VALUE,
    .unit = waste_unit,
  };
  g_autoptr(LotlineWasteChart) chart = NULL;

  if (g_str_has_suffix (waste_output, ".csv") || g_str_has_suffix (waste_output, ".CSV"))
    return lotline_waste_report_write_csv (report, waste_output, error);
  chart = lotline_waste_chart_new (report, &options);
  return lotline_render_waste_chart_to_file (chart, waste_output, error);
}

static gboolean
run_waste (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  g_autoptr(LotlineWasteReport) report = NULL;
  g_autofree char *month = waste_month ? g_strdup (waste_month) : g_strndup (cli->today, 7);
  LotlineWasteGrouping grouping = LOTLINE_WASTE_BY_PRODUCT;
  LotlineCliSection *section;

  if (waste_by != NULL && !lotline_waste_grouping_from_string (waste_by, &grouping))
    {
      lotline_cli_usage_error (error, _("There is no grouping “%s”. Choose product, supplier or location."), waste_by);
      return FALSE;
    }
  report = lotline_store_waste_report (cli->store, grouping, month, error);
  if (report == NULL)
    return FALSE;

  section = lotline_cli_doc_add_record (doc, "report", _("Written off to expiry"));
  lotline_cli_field_word (section, "by", _("By"), lotline_waste_grouping_to_string (grouping),
                          grouping == LOTLINE_WASTE_BY_SUPPLIER ? C_("waste grouping", "supplier")
                          : grouping == LOTLINE_WASTE_BY_LOCATION ? C_("waste grouping", "location")
                          : C_("waste grouping", "product"));
  lotline_cli_field_text (section, "first_month", _("From"), report->months[0]);
  lotline_cli_field_text (section, "last_month", _("To"), report->months[LOTLINE_WASTE_MONTHS - 1]);
  lotline_cli_field_word (section, "measure", _("Figures"), waste_quantity ? "quantity" : "value",
                          waste_quantity ? _("quantity") : _("value"));
  lotline_cli_field_quantity (section, "total_value", _("Total value"), report->total_value, NULL);

  section = lotline_cli_doc_add_table (doc, "waste", waste_quantity ? _("Quantity by month") : _("Value by month"));
  lotline_cli_section_set_empty_text (section, _("Nothing was written off to expiry in these twelve months."));
  lotline_cli_section_add_column (section, "key", _("Key"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "name", _("Name"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "unit", _("Unit"), LOTLINE_CLI_COLUMN_DEFAULT);
  for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
    lotline_cli_section_add_column (section, report->months[m], report->months[m], LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "total", _("Total"), LOTLINE_CLI_COLUMN_DEFAULT);
  for (guint s = 0; s < report->series->len; s++)
    {
      const LotlineWasteSeries *series = g_ptr_array_index (report->series, s);

      lotline_cli_section_new_row (section);
      lotline_cli_add_text (section, series->key);
      lotline_cli_add_text (section, series->label);
      lotline_cli_add_text (section, series->unit);
      for (guint m = 0; m < LOTLINE_WASTE_MONTHS; m++)
        lotline_cli_add_quantity (section, waste_quantity ? series->quantity[m] : series->value[m], NULL);
      lotline_cli_add_quantity (section, waste_quantity ? series->total_quantity : series->total_value, NULL);
    }

  if (!lotline_cli_print (cli, doc, error))
    return FALSE;
  if (waste_output != NULL)
    {
      if (!write_waste_file (report, error))
        return FALSE;
      g_printerr (_("Wrote %s.\n"), waste_output);
    }
  return TRUE;
}

const LotlineCliCommand lotline_cli_command_waste = {
  .name = "waste",
  .parameters = N_("[--by product|supplier|location] [--month YYYY-MM] [--quantity] [-o FILE.png|svg|pdf|csv]"),
  .summary = N_("Show what was written off to expiry per month, as a table and a chart"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 0,
  .max_args = 0,
  .entries = waste_entries,
  .run = run_waste,
};

/* ---- write-off --------------------------------------------------------- */

static char *write_off_product;
static char *write_off_location;

static const GOptionEntry write_off_entries[] = {
  { "product", 0, 0, G_OPTION_ARG_STRING, &write_off_product,
    N_("The product’s SKU, when several products have a lot with this code"), N_("SKU") },
  { "location", 0, 0, G_OPTION_ARG_STRING, &write_off_location,
    N_("Write off only the stock at this location (default: all of it)"), N_("CODE") },
  { NULL }
};

static gboolean
run_write_off (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineLot) lot = NULL;
  g_autofree char *quantity = NULL;
  gint64 lot_id = 0, location_id = 0, before, occurred_at = 0;

  if (!lotline_cli_find_lot (cli, cli->args[0], write_off_product, &lot_id, error) ||
      (write_off_location != NULL && !lotline_store_find_location (cli->store, write_off_location, &location_id, error)))
    return FALSE;

  /* With --today the write-off is dated that day, at noon where the plant is. */
  if (cli->today_given)
    {
      g_autoptr(GDateTime) noon = g_date_time_new_local (atoi (cli->today), atoi (cli->today + 5),
                                                         atoi (cli->today + 8), 12, 0, 0);

      occurred_at = g_date_time_to_unix (noon);
    }

  before = lotline_store_get_on_hand (cli->store, lot_id, location_id);
  if (!lotline_store_write_off_expired (cli->store, lot_id, location_id, occurred_at, error))
    return FALSE;
  lot = lotline_store_get_lot (cli->store, lot_id, error);
  if (lot == NULL)
    return FALSE;

  quantity = lotline_quantity_format (before - lotline_store_get_on_hand (cli->store, lot_id, location_id));
  /* Translators: "Wrote off 60 kg of lot STR-1 (RAW-STRAW) as expired." */
  g_print (_("Wrote off %s %s of lot %s (%s) as expired.\n"), quantity, lot->unit, lot->code, lot->product_sku);
  return TRUE;
}

const LotlineCliCommand lotline_cli_command_write_off = {
  .name = "write-off",
  .parameters = N_("CODE [--product SKU] [--location CODE]"),
  .summary = N_("Destroy the stock of an expired lot, recorded as written off to expiry"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .entries = write_off_entries,
  .run = run_write_off,
};
