/* SPDX-License-Identifier: GPL-3.0-or-later */

/* lotline-cli commands about the database as a whole: demo, import, export,
 * audit verify, check, backup and info. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "lotline-audit.h"
#include "lotline-csv.h"
#include "lotline-demo.h"
#include "lotline-cli-private.h"

/* ---- demo -------------------------------------------------------------- */

static double demo_scale = 1.0;
static gint64 demo_seed = 1;

static const GOptionEntry demo_entries[] = {
  { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &demo_scale,
    N_("How much history: 1 (default) is a preserves maker with about 2,000 customers and a year of shipments; 0.02 is a quick test database"),
    N_("S") },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &demo_seed,
    N_("The same seed, scale and --today give the same database (default 1)"), N_("N") },
  { NULL }
};

typedef struct {
  gboolean tty;
  int      last_shown;
} DemoProgress;

static void
on_demo_progress_cb (double fraction, gpointer user_data)
{
  DemoProgress *progress = user_data;
  int percent = (int) CLAMP (fraction * 100.0, 0.0, 100.0);
  /* A terminal gets one line that counts up; a log gets a line a tenth. */
  int shown = progress->tty ? percent : percent / 10 * 10;

  if (shown == progress->last_shown)
    return;
  progress->last_shown = shown;
  if (progress->tty)
    g_printerr ("\r");
  /* TRANSLATORS: progress of the demo generator; %d%% is a percentage. */
  g_printerr (_("Writing demo data… %d%%"), shown);
  if (!progress->tty)
    g_printerr ("\n");
}

static gboolean
run_demo (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  LotlineDemoOptions options = { .scale = demo_scale, .seed = (guint64) demo_seed };
  DemoProgress progress = { .tty = isatty (STDERR_FILENO), .last_shown = -1 };
  LotlineDemoStats stats = { 0 };
  LotlineStoreCounts counts;
  LotlineCliSection *section;
  gboolean ok;

  if (!isfinite (demo_scale) || demo_scale <= 0.0)
    {
      lotline_cli_usage_error (error, _("The scale must be more than 0, such as 0.02 or 1."));
      return FALSE;
    }
  if (demo_seed < 0)
    {
      lotline_cli_usage_error (error, _("The seed must be 0 or more."));
      return FALSE;
    }

  if (!lotline_store_get_counts (cli->store, &counts, error))
    return FALSE;
  if (counts.products + counts.parties + counts.locations + counts.lots + counts.events > 0)
    {
      g_set_error (error, LOTLINE_CLI_ERROR, LOTLINE_CLI_ERROR_FAILED,
                   _("“%s” already holds data, and demo data goes only into a new database. Give the path of a file that does not exist yet."),
                   lotline_store_get_path (cli->store));
      return FALSE;
    }

  options.today = cli->today_given ? cli->today : NULL;
  ok = lotline_demo_generate (cli->store, &options, on_demo_progress_cb, &progress, &stats, error);
  if (progress.tty && progress.last_shown >= 0)
    g_printerr ("\n");
  if (!ok)
    return FALSE;
  g_printerr (_("Done in %.1f s."), stats.seconds);
  g_printerr ("\n");

  section = lotline_cli_doc_add_record (doc, "demo", _("Demo data written"));
  lotline_cli_field_text (section, "path", _("Database"), lotline_store_get_path (cli->store));
  lotline_cli_field_int (section, "products", _("Products"), stats.products);
  lotline_cli_field_int (section, "parties", _("Parties"), stats.parties);
  lotline_cli_field_int (section, "lots", _("Lots"), stats.lots);
  lotline_cli_field_int (section, "events", _("Events"), stats.events);
  lotline_cli_field_int (section, "event_lines", _("Event lines"), stats.event_lines);
  return lotline_cli_print (cli, doc, error);
}

const LotlineCliCommand lotline_cli_command_demo = {
  .name = "demo",
  .parameters = N_("[--scale S] [--seed N] [--today YYYY-MM-DD]"),
  .summary = N_("Create a new database filled with realistic demo data"),
  .open = LOTLINE_CLI_OPEN_CREATE,
  .min_args = 0,
  .max_args = 0,
  .entries = demo_entries,
  .run = run_demo,
};

/* ---- import ------------------------------------------------------------ */

static gboolean
run_import (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  LotlineImportReport report;
  LotlineCliSection *section;
  gboolean ok;

  lotline_import_report_init (&report);
  ok = lotline_csv_import (cli->store, (const char * const *) cli->args, &report, error);
  if (!ok)
    {
      /* Every rejected row, so the whole file can be fixed in one go; the
       * error itself then says that nothing was written. */
      g_autofree char *problems = lotline_import_report_format (&report);

      if (problems != NULL)
        g_printerr ("%s", problems);
      lotline_import_report_clear (&report);
      return FALSE;
    }

  section = lotline_cli_doc_add_record (doc, "import", _("Imported"));
  lotline_cli_field_int (section, "products", _("Products"), report.products);
  lotline_cli_field_int (section, "parties", _("Parties"), report.parties);
  lotline_cli_field_int (section, "locations", _("Locations"), report.locations);
  lotline_cli_field_int (section, "lots", _("Lots"), report.lots);
  lotline_cli_field_int (section, "events", _("Events"), report.events);
  lotline_import_report_clear (&report);
  return lotline_cli_print (cli, doc, error);
}

const LotlineCliCommand lotline_cli_command_import = {
  .name = "import",
  .parameters = N_("FILE…"),
  .summary = N_("Import CSV files; a file with any bad row imports nothing"),
  .open = LOTLINE_CLI_OPEN_CREATE,
  .min_args = 1,
  .max_args = -1,
  .run = run_import,
};

/* ---- export ------------------------------------------------------------ */

static gboolean
run_export (LotlineCli *cli, GError **error)
{
  static const char * const files[] = {
    "products.csv", "parties.csv", "locations.csv", "lots.csv", "events.csv",
  };
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  LotlineCliSection *section;

  if (!lotline_csv_export (cli->store, cli->args[0], error))
    return FALSE;

  section = lotline_cli_doc_add_table (doc, "files", _("Files written"));
  lotline_cli_section_add_column (section, "path", _("File"), LOTLINE_CLI_COLUMN_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (cli->args[0], files[i], NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      lotline_cli_section_new_row (section);
      lotline_cli_add_text (section, path);
    }
  return lotline_cli_print (cli, doc, error);
}

const LotlineCliCommand lotline_cli_command_export = {
  .name = "export",
  .parameters = N_("FOLDER"),
  .summary = N_("Export everything as CSV files into a folder"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .run = run_export,
};

/* ---- audit verify ------------------------------------------------------ */

static gboolean
run_audit_verify (LotlineCli *cli, GError **error)
{
  LotlineAuditReport report = { 0 };
  gboolean ok;

  if (!lotline_audit_verify (cli->store, &report, error))
    {
      lotline_audit_report_clear (&report);
      return FALSE;
    }

  if (cli->format == LOTLINE_CLI_FORMAT_TABLE)
    {
      if (report.ok)
        {
          g_autofree char *entries = g_strdup_printf ("%" G_GINT64_FORMAT, report.entries);

          /* TRANSLATORS: %s is a number of audit log entries. */
          g_print (ngettext ("The audit log is intact: %s entry checked.",
                             "The audit log is intact: %s entries checked.",
                             (gulong) report.entries),
                   entries);
          g_print ("\n");
        }
    }
  else
    {
      g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
      LotlineCliSection *section = lotline_cli_doc_add_record (doc, "audit", _("Audit log"));

      lotline_cli_field_int (section, "entries", _("Entries checked"), report.entries);
      lotline_cli_field_bool (section, "ok", _("Intact"), report.ok);
      lotline_cli_section_add_column (section, "first_bad_id", _("First bad entry"), LOTLINE_CLI_COLUMN_DEFAULT);
      if (report.first_bad_id != 0)
        lotline_cli_add_int (section, report.first_bad_id);
      else
        lotline_cli_add_null (section);
      lotline_cli_field_text (section, "problem", _("Problem"), report.problem);
      if (!lotline_cli_print (cli, doc, error))
        {
          lotline_audit_report_clear (&report);
          return FALSE;
        }
    }

  ok = report.ok;
  if (!ok)
    g_set_error_literal (error, LOTLINE_CLI_ERROR, LOTLINE_CLI_ERROR_FAILED,
                         report.problem ? report.problem : _("The audit log was tampered with."));
  lotline_audit_report_clear (&report);
  return ok;
}

const LotlineCliCommand lotline_cli_command_audit_verify = {
  .name = "audit",
  .verb = "verify",
  .summary = N_("Check that no audit log entry was altered or deleted"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 0,
  .max_args = 0,
  .run = run_audit_verify,
};

/* ---- check ------------------------------------------------------------- */

static gboolean
run_check (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  g_autoptr(GArray) mismatches = lotline_store_check_stock (cli->store, error);
  LotlineCliSection *section;

  if (mismatches == NULL)
    return FALSE;

  if (mismatches->len == 0 && cli->format == LOTLINE_CLI_FORMAT_TABLE)
    {
      g_print ("%s\n", _("Stock agrees with the events: every lot’s stock at every location matches its rebuild from the ledger."));
      return TRUE;
    }

  section = lotline_cli_doc_add_table (doc, "mismatches", _("Stock that disagrees with the events"));
  lotline_cli_section_add_column (section, "lot_id", _("Lot id"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "lot", _("Lot"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "product", _("Product"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "location_id", _("Location id"), LOTLINE_CLI_COLUMN_MACHINE);
  lotline_cli_section_add_column (section, "location", _("Location"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "stored", _("In stock table"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "rebuilt", _("From events"), LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_section_add_column (section, "unit", _("Unit"), LOTLINE_CLI_COLUMN_MACHINE);

  for (guint i = 0; i < mismatches->len; i++)
    {
      const LotlineStockMismatch *m = &g_array_index (mismatches, LotlineStockMismatch, i);
      g_autoptr(LotlineLot) lot = lotline_store_get_lot (cli->store, m->lot_id, NULL);
      const char *unit = lot ? lot->unit : NULL;

      lotline_cli_section_new_row (section);
      lotline_cli_add_int (section, m->lot_id);
      lotline_cli_add_text (section, lot ? lot->code : NULL);
      lotline_cli_add_text (section, lot ? lot->product_sku : NULL);
      lotline_cli_add_int (section, m->location_id);
      lotline_cli_add_text (section, m->location_code);
      lotline_cli_add_quantity (section, m->stored, unit);
      lotline_cli_add_quantity (section, m->rebuilt, unit);
      lotline_cli_add_text (section, unit);
    }

  if (!lotline_cli_print (cli, doc, error))
    return FALSE;
  if (mismatches->len > 0)
    {
      g_set_error (error, LOTLINE_CLI_ERROR, LOTLINE_CLI_ERROR_FAILED,
                   ngettext ("%u stock entry disagrees with the events that should have produced it. The stock table was changed outside Lotline; restore a backup made before the change.",
                             "%u stock entries disagree with the events that should have produced them. The stock table was changed outside Lotline; restore a backup made before the change.",
                             mismatches->len),
                   mismatches->len);
      return FALSE;
    }
  return TRUE;
}

const LotlineCliCommand lotline_cli_command_check = {
  .name = "check",
  .summary = N_("Rebuild stock from the events and compare it with the stock table"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 0,
  .max_args = 0,
  .run = run_check,
};

/* ---- backup ------------------------------------------------------------ */

static gboolean backup_force;

static const GOptionEntry backup_entries[] = {
  { "force", 0, 0, G_OPTION_ARG_NONE, &backup_force,
    N_("Replace the destination file when it exists"), NULL },
  { NULL }
};

static gboolean
is_same_file (const char *a, const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static gboolean
run_backup (LotlineCli *cli, GError **error)
{
  const char *dest = cli->args[0];
  const char *path = lotline_store_get_path (cli->store);

  if (is_same_file (path, dest))
    {
      g_set_error (error, LOTLINE_CLI_ERROR, LOTLINE_CLI_ERROR_FAILED,
                   _("“%s” is the database itself. Give another file for the backup."), dest);
      return FALSE;
    }
  if (!backup_force && g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LOTLINE_CLI_ERROR, LOTLINE_CLI_ERROR_FAILED,
                   _("“%s” already exists. Give another file name, or add --force to replace it."), dest);
      return FALSE;
    }
  if (!lotline_store_backup (cli->store, dest, error))
    return FALSE;

  g_print (_("Backed up “%s” to “%s”."), path, dest);
  g_print ("\n");
  return TRUE;
}

const LotlineCliCommand lotline_cli_command_backup = {
  .name = "backup",
  .parameters = N_("FILE [--force]"),
  .summary = N_("Copy the database consistently, even while it is in use"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 1,
  .max_args = 1,
  .entries = backup_entries,
  .run = run_backup,
};

/* ---- info -------------------------------------------------------------- */

static gboolean
run_info (LotlineCli *cli, GError **error)
{
  g_autoptr(LotlineCliDoc) doc = lotline_cli_doc_new ();
  LotlineStoreCounts counts;
  LotlineCliSection *section;

  if (!lotline_store_get_counts (cli->store, &counts, error))
    return FALSE;

  section = lotline_cli_doc_add_record (doc, "database", _("Database"));
  lotline_cli_field_text (section, "path", _("Path"), lotline_store_get_path (cli->store));
  lotline_cli_field_int (section, "schema_version", _("Schema version"),
                         lotline_store_get_schema_version (cli->store));
  lotline_cli_field_int (section, "products", _("Products"), counts.products);
  lotline_cli_field_int (section, "parties", _("Parties"), counts.parties);
  lotline_cli_field_int (section, "locations", _("Locations"), counts.locations);
  lotline_cli_field_int (section, "lots", _("Lots"), counts.lots);
  lotline_cli_field_int (section, "events", _("Events"), counts.events);
  lotline_cli_field_int (section, "event_lines", _("Event lines"), counts.event_lines);
  lotline_cli_field_int (section, "audit_entries", _("Audit entries"), counts.audit_entries);
  return lotline_cli_print (cli, doc, error);
}

const LotlineCliCommand lotline_cli_command_info = {
  .name = "info",
  .summary = N_("Show the database’s path, schema version and record counts"),
  .open = LOTLINE_CLI_OPEN_READ,
  .min_args = 0,
  .max_args = 0,
  .run = run_info,
};
