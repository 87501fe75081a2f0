/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of lotline-cli: the command table entry, the state of
 * one run, and helpers several commands use. */

#include <gio/gio.h>

#include "lotline-ledger.h"
#include "lotline-trace.h"
#include "lotline-cli-output.h"

G_BEGIN_DECLS

#define LOTLINE_CLI_ERROR (lotline_cli_error_quark ())

/* Usage mistakes are G_OPTION_ERROR (exit status 2); everything that went
 * wrong with the data is LOTLINE_CLI_ERROR or a core error (status 1). */
typedef enum {
  LOTLINE_CLI_ERROR_FAILED,
} LotlineCliError;

GQuark lotline_cli_error_quark (void);

typedef enum {
  LOTLINE_CLI_OPEN_NOTHING,   /* needs no database */
  LOTLINE_CLI_OPEN_READ,      /* an existing database */
  LOTLINE_CLI_OPEN_CREATE,    /* created when missing, removed again if the command fails */
} LotlineCliOpen;

typedef struct _LotlineCli LotlineCli;

typedef struct {
  const char          *name;        /* "lot" */
  const char          *verb;        /* "show", or NULL for one-word commands */
  const char          *parameters;  /* N_("CODE…") for --help */
  const char          *summary;     /* N_() one line for the command list */
  LotlineCliOpen       open;
  guint                min_args;
  int                  max_args;    /* -1: any number */
  const GOptionEntry  *entries;     /* NULL-terminated, or NULL */
  gboolean           (*run)        (LotlineCli *cli, GError **error);
} LotlineCliCommand;

struct _LotlineCli {
  const LotlineCliCommand *command;
  LotlineStore            *store;      /* NULL for LOTLINE_CLI_OPEN_NOTHING */
  char                   **args;       /* positional arguments after the command words */
  guint                    n_args;
  LotlineCliFormat         format;
  const char              *only;       /* --only SECTION, or NULL */
  const char              *today;      /* "YYYY-MM-DD", always set */
  gboolean                 today_given;
};

/* The commands, one definition each in their own file. */
extern const LotlineCliCommand lotline_cli_command_demo;
extern const LotlineCliCommand lotline_cli_command_import;
extern const LotlineCliCommand lotline_cli_command_export;
extern const LotlineCliCommand lotline_cli_command_lot_show;
extern const LotlineCliCommand lotline_cli_command_trace;
extern const LotlineCliCommand lotline_cli_command_audit_verify;
extern const LotlineCliCommand lotline_cli_command_check;
extern const LotlineCliCommand lotline_cli_command_backup;
extern const LotlineCliCommand lotline_cli_command_info;
extern const LotlineCliCommand lotline_cli_command_label;
extern const LotlineCliCommand lotline_cli_command_graph;
extern const LotlineCliCommand lotline_cli_command_allocate;
extern const LotlineCliCommand lotline_cli_command_expiring;
extern const LotlineCliCommand lotline_cli_command_policy_set;
extern const LotlineCliCommand lotline_cli_command_policy_show;
extern const LotlineCliCommand lotline_cli_command_lot_format_show;
extern const LotlineCliCommand lotline_cli_command_lot_format_set;
extern const LotlineCliCommand lotline_cli_command_lot_format_next;
extern const LotlineCliCommand lotline_cli_command_lot_format_parse;
extern const LotlineCliCommand lotline_cli_command_waste;
extern const LotlineCliCommand lotline_cli_command_write_off;
extern const LotlineCliCommand lotline_cli_command_recall_scope;
extern const LotlineCliCommand lotline_cli_command_recall_create;
extern const LotlineCliCommand lotline_cli_command_recall_open;
extern const LotlineCliCommand lotline_cli_command_recall_list;
extern const LotlineCliCommand lotline_cli_command_recall_letters;
extern const LotlineCliCommand lotline_cli_command_recall_report;
extern const LotlineCliCommand lotline_cli_command_recall_status_report;
extern const LotlineCliCommand lotline_cli_command_recall_fsma204;
extern const LotlineCliCommand lotline_cli_command_recall_track;
extern const LotlineCliCommand lotline_cli_command_recall_terminate;

/* Writes @doc to stdout in the chosen format. */
gboolean    lotline_cli_print          (LotlineCli *cli, LotlineCliDoc *doc, GError **error);

/* Sets a usage error (exit status 2). */
void        lotline_cli_usage_error    (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Finds the one lot with @code, of @sku when given; when several products
 * have such a lot, the error lists their SKUs. */
gboolean    lotline_cli_find_lot       (LotlineCli *cli, const char *code, const char *sku,
                                        gint64 *out_id, GError **error);

/* Traces the lots the positional arguments name (trace, graph). */
LotlineTrace *lotline_cli_trace_args   (LotlineCli *cli, const char *direction_text, const char *sku,
                                        int depth, GError **error);

/* Words of the core's vocabularies as people read them. */
const char *lotline_cli_status_display (LotlineLotStatus status);
const char *lotline_cli_product_kind_display (LotlineProductKind kind);

G_END_DECLS
