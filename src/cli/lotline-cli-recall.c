/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "lotline-cli-private.h"
#include "lotline-fsma204.h"
#include "lotline-recall.h"
#include "lotline-render-recall.h"

/* ---- shared ----------------------------------------------------------- */

static char *recall_product;

static gboolean
find_seed_lots (LotlineCli *cli, GArray *out, GError **error)
{
  for (guint i = 0; i < cli->n_args; i++)
    {
      gint64 id = 0;

      if (!lotline_cli_find_lot (cli, cli->args[i], recall_product, &id, error))
        return FALSE;
      g_array_append_val (out, id);
    }
  return TRUE;
}

/* A recall by its number, or by its id. */
static gboolean
find_recall (LotlineCli *cli, const char *text, gint64 *out_id, GError **error)
{
  g_autoptr(GError) local = NULL;
  char *end = NULL;
  gint64 id;

  if (lotline_store_find_recall (cli->store, text, out_id, &local))
    return TRUE;
  id = g_ascii_strtoll (text, &end, 10);
  if (end != text && *end == '\0' && id > 0)
    {
      g_autoptr(LotlineRecall) recall = lotline_store_get_recall (cli->store, id, NULL);

      if (recall != NULL)
        {
          *out_id = id;
          return TRUE;
        }
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

static void
add_roots (LotlineCliDoc *doc, const LotlineRecallScope *scope)
{
  LotlineCliSection *section = lotline_cli_doc_add_table (doc, "roots", _("Where the lots came from"));

  lotline_cli_section_set_empty_text (section, _("None of the lots was received from a supplier."));
  lotline_cli_section_add_column (section, "supplier", _("Supplier"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "supplier_name", _("Name"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "sku", _("Product"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "lot", _("Lot"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "received", _("Received"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "quantity", _("Quantity"), LOTLINE_CLI_COLUMN_DEFAULT);
  for (guint i = 0; i < scope->roots->len; i++)
    {
      const LotlineRecallRoot *r = scope->roots->pdata[i];

      lotline_cli_section_new_row (section);
      lotline_cli_add_text (section, r->supplier_code);
      lotline_cli_add_text (section, r->supplier_name);
      lotline_cli_add_text (section, r->product_sku);
      lotline_cli_add_text (section, r->lot_code);
      lotline_cli_add_text (section, r->received_on);
      lotline_cli_add_quantity (section, r->quantity_received, r->unit);
    }
}

static void
add_scope (LotlineCliDoc *doc, const LotlineRecallScope *scope)
{
  LotlineCliSection *section;

  section = lotline_cli_doc_add_record (doc, "totals", _("Scope"));
  lotline_cli_field_int (section, "lots", _("Affected lots"), scope->lots->len);
  lotline_cli_field_int (section, "consignees", _("Consignees"), scope->consignees->len);
  lotline_cli_field_quantity (section, "on_hand", _("On hand (all units)"), scope->total_on_hand, NULL);
  lotline_cli_field_quantity (section, "shipped", _("Distributed (all units)"), scope->total_shipped, NULL);

  add_roots (doc, scope);

  section = lotline_cli_doc_add_table (doc, "lots", _("Affected lots"));
  lotline_cli_section_add_column (section, "lot_id", _("Id"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "sku", _("Product"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "product", _("Name"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "lot", _("Lot"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "seed", _("Seed"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "status", _("Status"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "on_hand", _("On hand"), LOTLINE_CLI_COLUMN_DEFAULT);
  for (guint i = 0; i < scope->lots->len; i++)
    {
      const LotlineRecallLot *lot = scope->lots->pdata[i];

      lotline_cli_section_new_row (section);
      lotline_cli_add_int (section, lot->lot_id);
      lotline_cli_add_text (section, lot->product_sku);
      lotline_cli_add_text (section, lot->product_name);
      lotline_cli_add_text (section, lot->code);
      lotline_cli_add_bool (section, lot->is_seed);
      lotline_cli_add_word (section, lotline_lot_status_to_string (lot->status), lotline_cli_status_display (lot->status));
      lotline_cli_add_quantity (section, lot->on_hand, lot->unit);
    }

  section = lotline_cli_doc_add_table (doc, "stock", _("On hand by location"));
  lotline_cli_section_set_empty_text (section, _("None of the affected lots is on hand."));
  lotline_cli_section_add_column (section, "sku", _("Product"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "lot", _("Lot"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "location", _("Location"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "quantity", _("Quantity"), LOTLINE_CLI_COLUMN_DEFAULT);
  for (guint i = 0; i < scope->stock->len; i++)
    {
      const LotlineRecallStock *s = scope->stock->pdata[i];

      lotline_cli_section_new_row (section);
      lotline_cli_add_text (section, s->product_sku);
      lotline_cli_add_text (section, s->lot_code);
      lotline_cli_add_text (section, s->location_code);
      lotline_cli_add_quantity (section, s->quantity, NULL);
    }

  section = lotline_cli_doc_add_table (doc, "consignees", _("Consignees"));
  lotline_cli_section_set_empty_text (section, _("No customer received any of the affected lots."));
  lotline_cli_section_add_column (section, "customer", _("Customer"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "name", _("Name"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "sku", _("Product"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "lot", _("Lot"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "quantity", _("Quantity"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "date", _("Shipped"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "document", _("Document"), LOTLINE_CLI_COLUMN_DEFAULT);
  for (guint i = 0; i < scope->consignees->len; i++)
    {
      const LotlineRecallConsignee *c = scope->consignees->pdata[i];

      for (guint j = 0; j < c->shipments->len; j++)
        {
          const LotlineRecallShipment *s = c->shipments->pdata[j];
          g_autofree char *document = s->doc_number
            ? g_strdup_printf ("%s %s", s->doc_type ? s->doc_type : "", s->doc_number) : NULL;

          lotline_cli_section_new_row (section);
          lotline_cli_add_text (section, c->code);
          lotline_cli_add_text (section, c->name);
          lotline_cli_add_text (section, s->product_sku);
          lotline_cli_add_text (section, s->lot_code);
          lotline_cli_add_quantity (section, s->quantity, s->unit);
          lotline_cli_add_text (section, s->date);
          lotline_cli_add_text (section, document ? g_strstrip (document) : NULL);
        }
    }
}

/* ---- recall scope ----------------------------------------------------- */

static const GOptionEntry scope_entries[] = {
  { "product", 0, 0, G_OPTION_ARG_STRING, &recall_product,
    N_("The product’s SKU, when several products have a lot with this code"), N_("SKU") },
  { NULL }
};

static gboolean
run_scope (LotlineCli *cli, GError **error)
{
  g_autoptr(GArray) seeds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LotlineRecallScope) scope = NULL;
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();

  if (!find_seed_lots (cli, seeds, error))
    return FALSE;
  scope = lotline_store_recall_scope (cli->store, (gint64 *) (gpointer) seeds->data, seeds->len, error);
  if (scope == NULL)
    return FALSE;
  add_scope (doc, scope);
  return lotline_cli_print (cli, doc, error);
}

const LotlineCliCommand lotline_cli_command_recall_scope = {
  .name = "recall",
  .verb = "scope",
  .parameters = N_("CODE… [--product SKU]"),
  .summary = N_("Show what recalling these lots reaches: lots, stock on hand and consignees"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = -1,
  .entries = scope_entries,
  .run = run_scope,
};

/* ---- recall create ---------------------------------------------------- */

static char *create_number, *create_title, *create_reason, *create_hazard;
static char *create_class, *create_depth, *create_check;
static char *create_discovered_how, *create_discovered_on, *create_instructions;
static char *create_contact_name, *create_contact_phone, *create_contact_email;
static gboolean create_public_warning;

static const GOptionEntry create_entries[] = {
  { "number", 0, 0, G_OPTION_ARG_STRING, &create_number, N_("Your recall number (required)"), N_("NUMBER") },
  { "title", 0, 0, G_OPTION_ARG_STRING, &create_title, N_("A short title, such as the product"), N_("TEXT") },
  { "reason", 0, 0, G_OPTION_ARG_STRING, &create_reason, N_("What is wrong with the product (required)"), N_("TEXT") },
  { "hazard", 0, 0, G_OPTION_ARG_STRING, &create_hazard, N_("The risk to health (required)"), N_("TEXT") },
  { "class", 0, 0, G_OPTION_ARG_STRING, &create_class, N_("Classification: I, II or III (required)"), N_("CLASS") },
  { "depth", 0, 0, G_OPTION_ARG_STRING, &create_depth,
    N_("How far down to recall: consumer, retail or wholesale (required)"), N_("DEPTH") },
  { "check", 0, 0, G_OPTION_ARG_STRING, &create_check,
    N_("Effectiveness-check level A (all consignees), B (25 %), C (10 %), D (2 %) or E (none); default A"), N_("LEVEL") },
  { "public-warning", 0, 0, G_OPTION_ARG_NONE, &create_public_warning, N_("A public warning is issued"), NULL },
  { "discovered-how", 0, 0, G_OPTION_ARG_STRING, &create_discovered_how, N_("How the problem was found"), N_("TEXT") },
  { "discovered-on", 0, 0, G_OPTION_ARG_STRING, &create_discovered_on, N_("When the problem was found"), N_("YYYY-MM-DD") },
  { "instructions", 0, 0, G_OPTION_ARG_STRING, &create_instructions, N_("What consignees must do"), N_("TEXT") },
  { "contact-name", 0, 0, G_OPTION_ARG_STRING, &create_contact_name, N_("Who answers questions"), N_("TEXT") },
  { "contact-phone", 0, 0, G_OPTION_ARG_STRING, &create_contact_phone, N_("Their phone number"), N_("TEXT") },
  { "contact-email", 0, 0, G_OPTION_ARG_STRING, &create_contact_email, N_("Their e-mail address"), N_("TEXT") },
  { "product", 0, 0, G_OPTION_ARG_STRING, &recall_product,
    N_("The product’s SKU, when several products have a lot with this code"), N_("SKU") },
  { NULL }
};

static gboolean
run_create (LotlineCli *cli, GError **error)
{
  g_autoptr(GArray) seeds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  LotlineCliSection *section;
  LotlineRecallSpec spec = {
    .number = create_number, .title = create_title, .reason = create_reason, .hazard = create_hazard,
    .discovered_how = create_discovered_how, .discovered_on = create_discovered_on,
    .public_warning = create_public_warning, .check_level = LOTLINE_RECALL_CHECK_A,
    .instructions = create_instructions, .contact_name = create_contact_name,
    .contact_phone = create_contact_phone, .contact_email = create_contact_email,
  };
  gint64 id = 0;

  if (create_number == NULL || create_reason == NULL || create_hazard == NULL ||
      create_class == NULL || create_depth == NULL)
    {
      lotline_cli_usage_error (error, _("A recall needs --number, --reason, --hazard, --class and --depth."));
      return FALSE;
    }
  if (!lotline_recall_class_from_string (create_class, &spec.classification))
    {
      lotline_cli_usage_error (error, _("--class must be I, II or III, not “%s”."), create_class);
      return FALSE;
    }
  if (!lotline_recall_depth_from_string (create_depth, &spec.depth))
    {
      lotline_cli_usage_error (error, _("--depth must be consumer, retail or wholesale, not “%s”."), create_depth);
      return FALSE;
    }
  if (create_check != NULL && !lotline_recall_check_from_string (create_check, &spec.check_level))
    {
      lotline_cli_usage_error (error, _("--check must be A, B, C, D or E, not “%s”."), create_check);
      return FALSE;
    }

  if (!find_seed_lots (cli, seeds, error) ||
      !lotline_store_create_recall (cli->store, &spec, (gint64 *) (gpointer) seeds->data, seeds->len, &id, error))
    return FALSE;

  section = lotline_cli_doc_add_record (doc, "recall", _("Recall"));
  lotline_cli_field_int (section, "id", _("Id"), id);
  lotline_cli_field_text (section, "number", _("Number"), create_number);
  lotline_cli_field_word (section, "status", _("Status"), "draft", _("draft"));
  return lotline_cli_print (cli, doc, error);
}

const LotlineCliCommand lotline_cli_command_recall_create = {
  .name = "recall",
  .verb = "create",
  .parameters = N_("--number N --reason TEXT --hazard TEXT --class I|II|III --depth consumer|retail|wholesale CODE…"),
  .summary = N_("Create a draft recall of these lots"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = -1,
  .entries = create_entries,
  .run = run_create,
};

/* ---- recall open ------------------------------------------------------ */

static gboolean
run_open (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  g_autoptr(GPtrArray) tracking = NULL;
  g_autoptr(LotlineRecall) recall = NULL;
  LotlineCliSection *section;
  gint64 id = 0;
  guint sampled = 0;

  if (!find_recall (cli, cli->args[0], &id, error) ||
      !lotline_store_open_recall (cli->store, id, error))
    return FALSE;
  recall = lotline_store_get_recall (cli->store, id, error);
  tracking = recall ? lotline_store_get_recall_tracking (cli->store, id, error) : NULL;
  if (tracking == NULL)
    return FALSE;
  for (guint i = 0; i < tracking->len; i++)
    sampled += ((LotlineRecallTracking *) tracking->pdata[i])->in_sample;

  section = lotline_cli_doc_add_record (doc, "recall", _("Recall opened"));
  lotline_cli_field_int (section, "id", _("Id"), id);
  lotline_cli_field_text (section, "number", _("Number"), recall->number);
  lotline_cli_field_word (section, "status", _("Status"), "open", _("open"));
  lotline_cli_field_int (section, "consignees", _("Consignees"), tracking->len);
  lotline_cli_field_int (section, "to_check", _("Consignees to check"), sampled);
  return lotline_cli_print (cli, doc, error);
}

const LotlineCliCommand lotline_cli_command_recall_open = {
  .name = "recall",
  .verb = "open",
  .parameters = N_("NUMBER"),
  .summary = N_("Open a draft recall: mark its lots recalled and quarantine their stock"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .entries = NULL,
  .run = run_open,
};

/* ---- recall list ------------------------------------------------------ */

static gboolean
run_list (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  g_autoptr(GPtrArray) recalls = lotline_store_list_recalls (cli->store, error);
  LotlineCliSection *section;

  if (recalls == NULL)
    return FALSE;
  section = lotline_cli_doc_add_table (doc, "recalls", _("Recalls"));
  lotline_cli_section_set_empty_text (section, _("There are no recalls."));
  lotline_cli_section_add_column (section, "id", _("Id"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "number", _("Number"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "title", _("Title"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "class", _("Class"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "depth", _("Depth"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "status", _("Status"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "created", _("Created"), LOTLINE_CLI_COLUMN_DEFAULT);
  for (guint i = 0; i < recalls->len; i++)
    {
      const LotlineRecall *r = recalls->pdata[i];

      lotline_cli_section_new_row (section);
      lotline_cli_add_int (section, r->id);
      lotline_cli_add_text (section, r->number);
      lotline_cli_add_text (section, r->title);
      lotline_cli_add_text (section, lotline_recall_class_to_string (r->classification));
      lotline_cli_add_text (section, lotline_recall_depth_to_string (r->depth));
      lotline_cli_add_text (section, lotline_recall_status_to_string (r->status));
      lotline_cli_add_text (section, r->created_at);
    }
  return lotline_cli_print (cli, doc, error);
}

const LotlineCliCommand lotline_cli_command_recall_list = {
  .name = "recall",
  .verb = "list",
  .parameters = "",
  .summary = N_("List the recalls, newest first"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 0,
  .max_args = 0,
  .entries = NULL,
  .run = run_list,
};

/* ---- recall letters / report ------------------------------------------ */

static char *doc_output, *doc_paper;
static char *company_name, *company_street, *company_city, *company_country, *company_phone, *company_email;

static const GOptionEntry document_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &doc_output, N_("The PDF file to write"), N_("FILE.pdf") },
  { "paper", 0, 0, G_OPTION_ARG_STRING, &doc_paper, N_("a4 or letter (default: a4)"), N_("SIZE") },
  { "company", 0, 0, G_OPTION_ARG_STRING, &company_name, N_("Your firm’s name for the letterhead (required)"), N_("NAME") },
  { "company-street", 0, 0, G_OPTION_ARG_STRING, &company_street, N_("Your firm’s street address"), N_("TEXT") },
  { "company-city", 0, 0, G_OPTION_ARG_STRING, &company_city, N_("Your firm’s town with postal code"), N_("TEXT") },
  { "company-country", 0, 0, G_OPTION_ARG_STRING, &company_country, N_("Your firm’s country"), N_("TEXT") },
  { "company-phone", 0, 0, G_OPTION_ARG_STRING, &company_phone, N_("Your firm’s phone number"), N_("TEXT") },
  { "company-email", 0, 0, G_OPTION_ARG_STRING, &company_email, N_("Your firm’s e-mail address"), N_("TEXT") },
  { NULL }
};

typedef LotlineRenderDocument *(*BuildDocument) (LotlineStore *store, LotlinePaper paper,
                                                 const LotlineRenderCompany *company,
                                                 const LotlineRecall *recall, const LotlineRecallScope *scope,
                                                 GError **error);

static LotlineRenderDocument *
build_letters (LotlineStore *store, LotlinePaper paper, const LotlineRenderCompany *company,
               const LotlineRecall *recall, const LotlineRecallScope *scope, GError **error)
{
  return lotline_render_recall_letters_document (paper, company, recall, scope, error);
}

/* The report with the genealogy graph of the seeds, laid out here. */
static LotlineRenderDocument *
build_report (LotlineStore *store, LotlinePaper paper, const LotlineRenderCompany *company,
              const LotlineRecall *recall, const LotlineRecallScope *scope, GError **error)
{
  g_autoptr(LotlineLayout) graph = lotline_render_recall_graph (store, recall, error);

  return graph ? lotline_render_recall_report_document (paper, company, recall, scope, graph, error) : NULL;
}

static gboolean
run_document (LotlineCli *cli, BuildDocument build, GError **error)
{
  g_autoptr(LotlineRecall) recall = NULL;
  g_autoptr(LotlineRecallScope) scope = NULL;
  g_autoptr(LotlineRenderDocument) doc = NULL;
  LotlinePaper paper = LOTLINE_PAPER_A4;
  LotlineRenderCompany company = {
    .name = company_name, .street = company_street, .city = company_city,
    .country = company_country, .phone = company_phone, .email = company_email,
  };
  gint64 id = 0;

  if (doc_output == NULL)
    {
      lotline_cli_usage_error (error, _("Where should the document go? Add -o FILE.pdf."));
      return FALSE;
    }
  if (company_name == NULL)
    {
      lotline_cli_usage_error (error, _("Whose letterhead? Add --company NAME (and --company-street, --company-city, --company-phone)."));
      return FALSE;
    }
  if (doc_paper != NULL && !lotline_paper_from_string (doc_paper, &paper))
    {
      lotline_cli_usage_error (error, _("--paper must be a4 or letter, not “%s”."), doc_paper);
      return FALSE;
    }

  if (!find_recall (cli, cli->args[0], &id, error))
    return FALSE;
  recall = lotline_store_get_recall (cli->store, id, error);
  scope = recall ? lotline_store_get_recall_scope (cli->store, id, error) : NULL;
  doc = scope ? build (cli->store, paper, &company, recall, scope, error) : NULL;
  if (doc == NULL || !lotline_render_document_write_pdf (doc, doc_output, error))
    return FALSE;
  g_print (_("Wrote %s.\n"), doc_output);
  return TRUE;
}

static gboolean
run_letters (LotlineCli *cli, GError **error)
{
  return run_document (cli, build_letters, error);
}

static gboolean
run_report (LotlineCli *cli, GError **error)
{
  return run_document (cli, build_report, error);
}

const LotlineCliCommand lotline_cli_command_recall_letters = {
  .name = "recall",
  .verb = "letters",
  .parameters = N_("NUMBER -o FILE.pdf --company NAME [--paper a4|letter]"),
  .summary = N_("Write the recall letter for every consignee, with response forms, to a PDF"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .entries = document_entries,
  .run = run_letters,
};

const LotlineCliCommand lotline_cli_command_recall_report = {
  .name = "recall",
  .verb = "report",
  .parameters = N_("NUMBER -o FILE.pdf --company NAME [--paper a4|letter]"),
  .summary = N_("Write the recall report for FDA (21 CFR 7.46) to a PDF"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .entries = document_entries,
  .run = run_report,
};

/* ---- recall status-report --------------------------------------------- */

static char *status_completion;

static const GOptionEntry status_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &doc_output, N_("The PDF file to write"), N_("FILE.pdf") },
  { "paper", 0, 0, G_OPTION_ARG_STRING, &doc_paper, N_("a4 or letter (default: a4)"), N_("SIZE") },
  { "company", 0, 0, G_OPTION_ARG_STRING, &company_name, N_("Your firm’s name (required)"), N_("NAME") },
  { "completion", 0, 0, G_OPTION_ARG_STRING, &status_completion,
    N_("When you expect the recall to be completed"), N_("YYYY-MM-DD") },
  { NULL }
};

static gboolean
run_status_report (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineRecall) recall = NULL;
  g_autoptr(GPtrArray) tracking = NULL;
  LotlinePaper paper = LOTLINE_PAPER_A4;
  LotlineRenderCompany company = { .name = company_name };
  gint64 id = 0;

  if (doc_output == NULL)
    {
      lotline_cli_usage_error (error, _("Where should the document go? Add -o FILE.pdf."));
      return FALSE;
    }
  if (company_name == NULL)
    {
      lotline_cli_usage_error (error, _("Which firm reports? Add --company NAME."));
      return FALSE;
    }
  if (doc_paper != NULL && !lotline_paper_from_string (doc_paper, &paper))
    {
      lotline_cli_usage_error (error, _("--paper must be a4 or letter, not “%s”."), doc_paper);
      return FALSE;
    }
  if (status_completion != NULL && !lotline_date_is_valid (status_completion))
    {
      lotline_cli_usage_error (error, _("--completion must be a date like 2026-04-30, not “%s”."), status_completion);
      return FALSE;
    }

  if (!find_recall (cli, cli->args[0], &id, error))
    return FALSE;
  recall = lotline_store_get_recall (cli->store, id, error);
  tracking = recall ? lotline_store_get_recall_tracking (cli->store, id, error) : NULL;
  if (tracking == NULL)
    return FALSE;
  if (recall->status == LOTLINE_RECALL_DRAFT)
    {
      g_set_error (error, LOTLINE_CLI_ERROR, LOTLINE_CLI_ERROR_FAILED,
                   _("Recall %s is a draft; open it before reporting its status."), recall->number);
      return FALSE;
    }
  if (!lotline_render_recall_status_report (doc_output, paper, &company, recall, tracking, cli->today,
                                            status_completion, error))
    return FALSE;
  g_print (_("Wrote %s.\n"), doc_output);
  return TRUE;
}

const LotlineCliCommand lotline_cli_command_recall_status_report = {
  .name = "recall",
  .verb = "status-report",
  .parameters = N_("NUMBER -o FILE.pdf --company NAME [--completion YYYY-MM-DD]"),
  .summary = N_("Write the recall status report for FDA (21 CFR 7.53) to a PDF"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .entries = status_entries,
  .run = run_status_report,
};

/* ---- recall fsma204 --------------------------------------------------- */

static char *fsma_output;

static const GOptionEntry fsma_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &fsma_output,
    N_("A folder for one CSV file per event type, or a workbook file ending in .xlsx"), N_("DIR_OR_FILE.xlsx") },
  { NULL }
};

static gboolean
run_fsma204 (LotlineCli *cli, GError **error)
{
  gint64 id = 0;

  if (fsma_output == NULL)
    {
      lotline_cli_usage_error (error, _("Where should the spreadsheet go? Add -o FOLDER for CSV files or -o FILE.xlsx for a workbook."));
      return FALSE;
    }
  if (!find_recall (cli, cli->args[0], &id, error) ||
      !lotline_store_export_fsma204 (cli->store, id, fsma_output, error))
    return FALSE;
  g_print (_("Wrote %s.\n"), fsma_output);
  return TRUE;
}

const LotlineCliCommand lotline_cli_command_recall_fsma204 = {
  .name = "recall",
  .verb = "fsma204",
  .parameters = N_("NUMBER -o DIR_OR_FILE.xlsx"),
  .summary = N_("Write the FSMA 204 sortable spreadsheet of the recall’s scope, as CSV files or an .xlsx workbook"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .entries = fsma_entries,
  .run = run_fsma204,
};

/* ---- recall track ----------------------------------------------------- */

static char *track_customer, *track_notified, *track_method, *track_responded;
static char *track_on_hand, *track_returned, *track_destroyed, *track_notes;

static const GOptionEntry track_entries[] = {
  { "customer", 0, 0, G_OPTION_ARG_STRING, &track_customer, N_("The consignee’s code (required)"), N_("CODE") },
  { "notified", 0, 0, G_OPTION_ARG_STRING, &track_notified,
    N_("When the consignee was notified"), N_("YYYY-MM-DDTHH:MM:SSZ") },
  { "method", 0, 0, G_OPTION_ARG_STRING, &track_method, N_("How: letter, e-mail, phone …"), N_("TEXT") },
  { "responded", 0, 0, G_OPTION_ARG_STRING, &track_responded,
    N_("When the consignee responded"), N_("YYYY-MM-DDTHH:MM:SSZ") },
  { "on-hand", 0, 0, G_OPTION_ARG_STRING, &track_on_hand, N_("The quantity they reported on hand"), N_("QUANTITY") },
  { "returned", 0, 0, G_OPTION_ARG_STRING, &track_returned, N_("The quantity they returned"), N_("QUANTITY") },
  { "destroyed", 0, 0, G_OPTION_ARG_STRING, &track_destroyed, N_("The quantity they destroyed"), N_("QUANTITY") },
  { "notes", 0, 0, G_OPTION_ARG_STRING, &track_notes, N_("Anything else worth keeping"), N_("TEXT") },
  { NULL }
};

static gboolean
parse_optional_quantity (const char *text, gint64 *out, GError **error)
{
  *out = -1;
  return text == NULL || lotline_quantity_parse (text, out, error);
}

static gboolean
run_track (LotlineCli *cli, GError **error)
{
  LotlineRecallResponse response = {
    .notified_at = track_notified, .notify_method = track_method,
    .responded_at = track_responded, .notes = track_notes,
  };
  gint64 id = 0, party = 0;

  if (track_customer == NULL)
    {
      lotline_cli_usage_error (error, _("Which consignee? Add --customer CODE."));
      return FALSE;
    }
  if (!parse_optional_quantity (track_on_hand, &response.on_hand_reported, error) ||
      !parse_optional_quantity (track_returned, &response.quantity_returned, error) ||
      !parse_optional_quantity (track_destroyed, &response.quantity_destroyed, error) ||
      !find_recall (cli, cli->args[0], &id, error) ||
      !lotline_store_find_party (cli->store, track_customer, &party, error) ||
      !lotline_store_track_recall_consignee (cli->store, id, party, &response, error))
    return FALSE;
  g_print (_("Recorded for %s.\n"), track_customer);
  return TRUE;
}

const LotlineCliCommand lotline_cli_command_recall_track = {
  .name = "recall",
  .verb = "track",
  .parameters = N_("NUMBER --customer CODE [--notified TIME --method HOW] [--responded TIME --on-hand Q --returned Q --destroyed Q]"),
  .summary = N_("Record a consignee’s notification and response"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .entries = track_entries,
  .run = run_track,
};

/* ---- recall terminate ------------------------------------------------- */

static char *terminate_disposition;

static const GOptionEntry terminate_entries[] = {
  { "disposition", 0, 0, G_OPTION_ARG_STRING, &terminate_disposition,
    N_("What was done with the recalled product (required)"), N_("TEXT") },
  { NULL }
};

static gboolean
run_terminate (LotlineCli *cli, GError **error)
{
  gint64 id = 0;

  if (terminate_disposition == NULL)
    {
      lotline_cli_usage_error (error, _("Say what was done with the product: add --disposition TEXT."));
      return FALSE;
    }
  if (!find_recall (cli, cli->args[0], &id, error) ||
      !lotline_store_terminate_recall (cli->store, id, terminate_disposition, error))
    return FALSE;
  g_print (_("Recall %s is terminated.\n"), cli->args[0]);
  return TRUE;
}

const LotlineCliCommand lotline_cli_command_recall_terminate = {
  .name = "recall",
  .verb = "terminate",
  .parameters = N_("NUMBER --disposition TEXT"),
  .summary = N_("Terminate a recall, recording the disposition of the product"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .entries = terminate_entries,
  .run = run_terminate,
};
