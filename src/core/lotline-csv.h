/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-store.h"

G_BEGIN_DECLS

#define LOTLINE_IMPORT_ERROR (lotline_import_error_quark ())

typedef enum {
  LOTLINE_IMPORT_ERROR_READ,     /* a file could not be read */
  LOTLINE_IMPORT_ERROR_FORMAT,   /* not one of Lotline's CSV files */
  LOTLINE_IMPORT_ERROR_INVALID,  /* rows were rejected; see the problems */
} LotlineImportError;

GQuark lotline_import_error_quark (void);

/* One rejected row: "file:line: message". */
typedef struct {
  char *file;
  guint line;
  char *message;
} LotlineImportProblem;

/**
 * LotlineImportReport:
 * @problems: (element-type LotlineImportProblem): every rejected row, in
 *   file and line order
 * @products, @parties, @locations, @lots, @events: rows written (all zero
 *   when anything was rejected)
 */
typedef struct {
  GArray *problems;
  gint64  products;
  gint64  parties;
  gint64  locations;
  gint64  lots;
  gint64  events;
} LotlineImportReport;

void     lotline_import_report_init  (LotlineImportReport *report);
void     lotline_import_report_clear (LotlineImportReport *report);
/* "file:line: message\n" for every problem. */
char    *lotline_import_report_format (const LotlineImportReport *report);

/**
 * lotline_csv_export:
 * @store: a store
 * @dir: a folder; created if missing
 * @error: return location for a #GError
 *
 * Writes products.csv, parties.csv, locations.csv, lots.csv and events.csv
 * (one row per event line), the format documented in help/C/import-export.page.
 */
gboolean lotline_csv_export (LotlineStore *store,
                             const char   *dir,
                             GError      **error);

/**
 * lotline_csv_import:
 * @store: a store
 * @paths: (array zero-terminated=1): CSV files, recognised by their header row
 * @report: (out caller-allocates): problems and counts; zero-filled or
 *   initialised with lotline_import_report_init(), and reset here
 * @error: return location for a #GError
 *
 * Validates every row of every file first and writes nothing unless all are
 * good; then writes everything in one transaction. On rejection the error is
 * %LOTLINE_IMPORT_ERROR_INVALID and @report lists every bad row.
 * Release @report with lotline_import_report_clear().
 */
gboolean lotline_csv_import (LotlineStore         *store,
                             const char * const   *paths,
                             LotlineImportReport  *report,
                             GError              **error);

/* Lotline's CSV files are UTF-8 without a byte order mark, with LF line
 * ends; other CSV writers in core use this for their fields too. */
void     lotline_csv_append_field (GString    *out,
                                   const char *text);

G_END_DECLS
