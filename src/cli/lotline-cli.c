/* SPDX-License-Identifier: GPL-3.0-or-later */

/* lotline-cli: headless access to a Lotline database.  This file holds the
 * command table, the option parsing and the dispatch; the commands live in
 * lotline-cli-*.c. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lotline-bench.h"
#include "lotline-cli-private.h"

#define PROGRAM_NAME "lotline-cli"

G_DEFINE_QUARK (lotline-cli-error-quark, lotline_cli_error)

static const LotlineCliCommand * const commands[] = {
  &lotline_cli_command_demo,
  &lotline_cli_command_import,
  &lotline_cli_command_export,
  &lotline_cli_command_lot_show,
  &lotline_cli_command_label,
  &lotline_cli_command_trace,
  &lotline_cli_command_graph,
  &lotline_cli_command_expiring,
  &lotline_cli_command_allocate,
  &lotline_cli_command_policy_set,
  &lotline_cli_command_policy_show,
  &lotline_cli_command_lot_format_show,
  &lotline_cli_command_lot_format_set,
  &lotline_cli_command_lot_format_next,
  &lotline_cli_command_lot_format_parse,
  &lotline_cli_command_write_off,
  &lotline_cli_command_waste,
  &lotline_cli_command_recall_scope,
  &lotline_cli_command_recall_create,
  &lotline_cli_command_recall_open,
  &lotline_cli_command_recall_list,
  &lotline_cli_command_recall_letters,
  &lotline_cli_command_recall_report,
  &lotline_cli_command_recall_status_report,
  &lotline_cli_command_recall_fsma204,
  &lotline_cli_command_recall_track,
  &lotline_cli_command_recall_terminate,
  &lotline_cli_command_audit_verify,
  &lotline_cli_command_check,
  &lotline_cli_command_backup,
  &lotline_cli_command_info,
};

/* Global options: accepted before or after the command. */
static char *opt_database;
static char *opt_format;
static char *opt_user;
static char *opt_today;
static char *opt_only;
static gboolean opt_version;

static const GOptionEntry global_entries[] = {
  { "database", 0, 0, G_OPTION_ARG_FILENAME, &opt_database,
    N_("The Lotline database (default: $LOTLINE_DATABASE)"), N_("PATH") },
  { "format", 0, 0, G_OPTION_ARG_STRING, &opt_format,
    N_("How to print data: table (default), csv or json"), N_("FORMAT") },
  { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only,
    N_("Print only one part of the output, such as “nodes” of a trace"), N_("PART") },
  { "user", 0, 0, G_OPTION_ARG_STRING, &opt_user,
    N_("The name recorded with every change (default: your login name)"), N_("NAME") },
  { "today", 0, 0, G_OPTION_ARG_STRING, &opt_today,
    N_("Take this date as today, for expiry and demo data"), N_("YYYY-MM-DD") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version,
    N_("Show the version and quit"), NULL },
  { NULL }
};

/* ---- helpers shared by the commands ------------------------------------ */

void
lotline_cli_usage_error (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, message);
}

gboolean
lotline_cli_print (LotlineCli *cli, LotlineCliDoc *doc, GError **error)
{
  return lotline_cli_doc_write (doc, cli->format, cli->only, stdout, error);
}

const char *
lotline_cli_status_display (LotlineLotStatus status)
{
  switch (status)
    {
    case LOTLINE_LOT_RELEASED:
      return C_("lot status", "released");
    case LOTLINE_LOT_QUARANTINED:
      return C_("lot status", "quarantined");
    case LOTLINE_LOT_RECALLED:
      return C_("lot status", "recalled");
    case LOTLINE_LOT_EXPIRED:
      return C_("lot status", "expired");
    case LOTLINE_LOT_DESTROYED:
      return C_("lot status", "destroyed");
    default:
      return lotline_lot_status_to_string (status);
    }
}

const char *
lotline_cli_product_kind_display (LotlineProductKind kind)
{
  switch (kind)
    {
    case LOTLINE_PRODUCT_RAW:
      return C_("product kind", "raw material");
    case LOTLINE_PRODUCT_PACKAGING:
      return C_("product kind", "packaging");
    case LOTLINE_PRODUCT_INTERMEDIATE:
      return C_("product kind", "intermediate");
    case LOTLINE_PRODUCT_FINISHED:
      return C_("product kind", "finished good");
    default:
      return lotline_product_kind_to_string (kind);
    }
}

/* ---- usage ------------------------------------------------------------- */

static char *
dup_command_name (const LotlineCliCommand *command)
{
  if (command->verb != NULL)
    return g_strdup_printf ("%s %s", command->name, command->verb);
  return g_strdup (command->name);
}

static char *
dup_command_synopsis (const LotlineCliCommand *command)
{
  g_autofree char *name = dup_command_name (command);

  if (command->parameters == NULL)
    return g_steal_pointer (&name);
  return g_strdup_printf ("%s %s", name, _(command->parameters));
}

static void
append_two_columns (GString *out, const char *left, const char *right, guint width)
{
  glong len = g_utf8_strlen (left, -1);

  g_string_append_printf (out, "  %s", left);
  if (len + 2 > (glong) width)
    {
      g_string_append_c (out, '\n');
      len = -2;
    }
  for (glong i = len; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s\n", right);
}

static char *
dup_usage (void)
{
  GString *out = g_string_new (NULL);
  const guint width = 34;

  g_string_append_printf (out, "%s\n  %s %s\n\n", _("Usage:"), PROGRAM_NAME,
                          _("[--database PATH] [--format table|csv|json] COMMAND [ARGUMENT…]"));
  g_string_append (out, _("Lot traceability from the command line: trace lots, check the ledger, import and export data."));
  g_string_append (out, "\n\n");

  g_string_append_printf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *synopsis = dup_command_synopsis (commands[i]);

      append_two_columns (out, synopsis, _(commands[i]->summary), width);
    }
  append_two_columns (out, _("bench [OPTION…]"), _("Generate demo databases and time traces on them"), width);
  append_two_columns (out, _("help [COMMAND]"), _("Show this help, or a command’s options"), width);
  append_two_columns (out, "version", _("Show the version"), width);

  g_string_append_printf (out, "\n%s\n", _("Global options:"));
  for (guint i = 0; global_entries[i].long_name != NULL; i++)
    {
      const GOptionEntry *entry = &global_entries[i];
      g_autofree char *left = NULL;

      if (entry->arg_description != NULL)
        left = g_strdup_printf ("--%s %s", entry->long_name, _(entry->arg_description));
      else
        left = g_strdup_printf ("--%s", entry->long_name);
      append_two_columns (out, left, _(entry->description), width);
    }

  g_string_append (out, "\n");
  g_string_append_printf (out, _("Every command except help and version needs a database. "
                                 "Run “%s COMMAND --help” to see a command’s own options."),
                          PROGRAM_NAME);
  g_string_append (out, "\n");
  return g_string_free (out, FALSE);
}

/* ---- dispatch ---------------------------------------------------------- */

static const LotlineCliCommand *
find_command (char **args, guint n_args, guint *out_words, GError **error)
{
  gboolean name_known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const LotlineCliCommand *command = commands[i];

      if (g_strcmp0 (args[0], command->name) != 0)
        continue;
      name_known = TRUE;
      if (command->verb == NULL)
        {
          *out_words = 1;
          return command;
        }
      if (n_args > 1 && g_strcmp0 (args[1], command->verb) == 0)
        {
          *out_words = 2;
          return command;
        }
    }

  if (name_known)
    {
      g_autoptr(GString) verbs = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_strcmp0 (args[0], commands[i]->name) == 0)
          {
            g_autofree char *name = dup_command_name (commands[i]);

            if (verbs->len > 0)
              g_string_append (verbs, ", ");
            g_string_append_printf (verbs, "“%s”", name);
          }
      lotline_cli_usage_error (error, _("“%s” needs what to do: %s."), args[0], verbs->str);
    }
  else
    lotline_cli_usage_error (error, _("There is no command “%s”."), args[0]);
  return NULL;
}

static GOptionContext *
new_command_context (const LotlineCliCommand *command)
{
  g_autofree char *synopsis = dup_command_synopsis (command);
  GOptionContext *context = g_option_context_new (synopsis);
  GOptionGroup *global = g_option_group_new ("global", _("Global options:"),
                                             _("Show the global options"), NULL, NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (command->entries != NULL)
    g_option_context_add_main_entries (context, command->entries, GETTEXT_PACKAGE);
  g_option_group_add_entries (global, global_entries);
  g_option_group_set_translation_domain (global, GETTEXT_PACKAGE);
  g_option_context_add_group (context, global);
  return context;
}

static char *
dup_local_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static LotlineStore *
open_store (LotlineCliOpen open, const char *path, GError **error)
{
  /* Commands that only read still open the database read-write: a
   * read-only SQLite connection cannot clean up the WAL files when it closes
   * and would leave them beside the database.  They never write, and SQLite
   * itself falls back to reading a file the user may not write to. */
  return lotline_store_open (path, open == LOTLINE_CLI_OPEN_CREATE ? LOTLINE_STORE_CREATE : LOTLINE_STORE_NONE,
                             error);
}

/* Parses the command's options, opens the database and runs the command. */
static gboolean
run_command (const LotlineCliCommand *command, char **rest, GError **error)
{
  g_autoptr(GOptionContext) context = new_command_context (command);
  g_auto(GStrv) args = NULL;
  g_autofree char *today = NULL;
  g_autoptr(LotlineStore) store = NULL;
  LotlineCli cli = { .command = command };
  const char *database;
  gboolean created = FALSE;
  gboolean ok;

  /* GOption wants a program name first. */
  args = g_new0 (char *, g_strv_length (rest) + 2);
  args[0] = g_strdup (PROGRAM_NAME);
  for (guint i = 0; rest[i] != NULL; i++)
    args[i + 1] = g_strdup (rest[i]);
  if (!g_option_context_parse_strv (context, &args, error))
    return FALSE;

  cli.args = args + 1;
  cli.n_args = g_strv_length (cli.args);
  if (cli.n_args < command->min_args ||
      (command->max_args >= 0 && cli.n_args > (guint) command->max_args))
    {
      g_autofree char *synopsis = dup_command_synopsis (command);

      lotline_cli_usage_error (error, _("Wrong number of arguments. Usage: %s %s"), PROGRAM_NAME, synopsis);
      return FALSE;
    }

  if (opt_format != NULL && !lotline_cli_format_from_string (opt_format, &cli.format))
    {
      lotline_cli_usage_error (error, _("There is no format “%s”. Choose table, csv or json."), opt_format);
      return FALSE;
    }
  cli.only = opt_only;

  if (opt_today != NULL && !lotline_date_is_valid (opt_today))
    {
      lotline_cli_usage_error (error, _("“%s” is not a date. Give --today as YYYY-MM-DD."), opt_today);
      return FALSE;
    }
  today = opt_today ? g_strdup (opt_today) : dup_local_today ();
  cli.today = today;
  cli.today_given = opt_today != NULL;

  if (command->open == LOTLINE_CLI_OPEN_NOTHING)
    return command->run (&cli, error);

  database = opt_database ? opt_database : g_getenv ("LOTLINE_DATABASE");
  if (database == NULL || *database == '\0')
    {
      lotline_cli_usage_error (error, _("No database was given. Add --database PATH or set LOTLINE_DATABASE."));
      return FALSE;
    }

  created = command->open == LOTLINE_CLI_OPEN_CREATE && !g_file_test (database, G_FILE_TEST_EXISTS);
  store = open_store (command->open, database, error);
  if (store == NULL)
    return FALSE;
  if (opt_user != NULL)
    lotline_store_set_user (store, opt_user);
  cli.store = store;

  ok = command->run (&cli, error);

  /* A command that was to create the database and failed leaves no empty
   * or half-written file behind. */
  g_clear_object (&store);
  if (!ok && created)
    remove_database_files (database);
  return ok;
}

static int
report_error (const GError *error, const LotlineCliCommand *command)
{
  g_printerr ("%s\n", error->message);
  if (error->domain != G_OPTION_ERROR)
    return 1;

  if (command != NULL)
    {
      g_autofree char *name = dup_command_name (command);

      g_printerr (_("Run “%s %s --help” to see how to use it."), PROGRAM_NAME, name);
    }
  else
    g_printerr (_("Run “%s --help” to see the commands."), PROGRAM_NAME);
  g_printerr ("\n");
  return 2;
}

static gboolean
is_help_word (const char *arg)
{
  return g_strcmp0 (arg, "help") == 0 || g_strcmp0 (arg, "--help") == 0 ||
         g_strcmp0 (arg, "-h") == 0 || g_strcmp0 (arg, "-?") == 0;
}

static int
show_help (char **args, guint n_args)
{
  g_autoptr(GError) error = NULL;
  const LotlineCliCommand *command;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *help = NULL;
  guint words = 0;

  if (n_args == 0)
    {
      g_autofree char *usage = dup_usage ();

      fputs (usage, stdout);
      return 0;
    }
  if (g_strcmp0 (args[0], "bench") == 0)
    {
      char *bench_args[] = { (char *) PROGRAM_NAME " bench", (char *) "--help", NULL };

      return lotline_bench_main (2, bench_args);
    }
  command = find_command (args, n_args, &words, &error);
  if (command == NULL)
    return report_error (error, NULL);
  context = new_command_context (command);
  help = g_option_context_get_help (context, TRUE, NULL);
  fputs (help, stdout);
  return 0;
}

/* The index of the command word in @argv: the first argument that is
 * neither an option nor the value of a global option; -1 when none. */
static int
find_command_word (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (strcmp (arg, "--") == 0)
        return i + 1 < argc ? i + 1 : -1;
      if (arg[0] != '-')
        return i;
      if (!g_str_has_prefix (arg, "--") || strchr (arg, '=') != NULL)
        continue;
      for (guint e = 0; global_entries[e].long_name != NULL; e++)
        if (global_entries[e].arg != G_OPTION_ARG_NONE && strcmp (arg + 2, global_entries[e].long_name) == 0)
          {
            i++;
            break;
          }
    }
  return -1;
}

/* The benchmark parses its own options, some of which share a name with
 * the global ones (--today), so it gets every argument but its name. */
static int
run_bench (int argc, char **argv, int word)
{
  g_autofree char **args = g_new0 (char *, argc + 1);
  int n = 0;

  args[n++] = (char *) PROGRAM_NAME " bench";
  for (int i = 1; i < argc; i++)
    if (i != word)
      args[n++] = argv[i];
  return lotline_bench_main (n, args);
}

static int
run (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_new0 (char *, argc + 1);
  const LotlineCliCommand *command;
  guint n_args, words = 0;
  int word = find_command_word (argc, argv);

  if (word > 0 && strcmp (argv[word], "bench") == 0)
    return run_bench (argc, argv, word);

  /* The first pass takes the global options wherever they are and leaves
   * the command and its own options for the second. */
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return report_error (error, NULL);

  n_args = g_strv_length (args) - 1;
  if (opt_version || (n_args > 0 && g_strcmp0 (args[1], "version") == 0))
    {
      g_print ("%s %s\n", PROGRAM_NAME, PACKAGE_VERSION);
      return 0;
    }
  if (n_args == 0)
    {
      g_autofree char *usage = dup_usage ();

      g_printerr ("%s", usage);
      return 2;
    }
  if (is_help_word (args[1]))
    return show_help (args + 2, n_args - 1);

  if (args[1][0] == '-')
    {
      lotline_cli_usage_error (&error, _("Unknown option %s."), args[1]);
      return report_error (error, NULL);
    }

  command = find_command (args + 1, n_args, &words, &error);
  if (command == NULL)
    return report_error (error, NULL);
  if (!run_command (command, args + 1 + words, &error))
    return report_error (error, command);
  return 0;
}

int
main (int argc, char **argv)
{
  int status;
  const char *localedir = g_getenv ("LOTLINE_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* LOTLINE_LOCALEDIR points at catalogues in a build tree, for tests. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (PROGRAM_NAME);

  status = run (argc, argv);

  g_free (opt_database);
  g_free (opt_format);
  g_free (opt_user);
  g_free (opt_today);
  g_free (opt_only);
  return status;
}
