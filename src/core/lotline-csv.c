/* SPDX-License-Identifier: GPL-3.0-or-later */

/* CSV import and export of products, parties, locations, lots and events.
 * The format is documented for users in help/C/import-export.page; keep the
 * two in step.
 *
 * An import runs in two passes.  Pass 1 reads every row of every file and
 * reports what is malformed or unresolvable without touching the database.
 * Pass 2 writes through the ledger inside one transaction, so the ledger's
 * own rules (stock, expiry, genealogy) are checked as well; rows that failed
 * pass 1, and everything that depends on them, are skipped so that a problem
 * is reported once rather than again for every row that follows from it.
 * When any problem was found, the transaction is rolled back. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lotline-csv.h"
#include "lotline-ledger.h"
#include "lotline-lot-format-store.h"
#include "lotline-store-private.h"

G_DEFINE_QUARK (lotline-import-error-quark, lotline_import_error)

/* ---- the five files --------------------------------------------------- */

typedef enum {
  FILE_PRODUCTS,
  FILE_PARTIES,
  FILE_LOCATIONS,
  FILE_LOTS,
  FILE_EVENTS,
  N_FILE_KINDS
} FileKind;

typedef struct {
  const char *name;
  gboolean    trim;  /* a structured value (code word, number, date): blanks around it are dropped */
} Column;

enum {
  PRODUCT_SKU, PRODUCT_NAME, PRODUCT_GTIN, PRODUCT_KIND, PRODUCT_UNIT, PRODUCT_SHELF_LIFE_DAYS,
  PRODUCT_TRACKING, PRODUCT_FTL, PRODUCT_UNIT_COST,
  PRODUCT_LOT_FORMAT,   /* optional: files from before lot-code formats lack it */
  N_PRODUCT_COLUMNS
};

static const Column product_columns[N_PRODUCT_COLUMNS] = {
  { "sku", FALSE }, { "name", FALSE }, { "gtin", TRUE }, { "kind", TRUE }, { "unit", FALSE },
  { "shelf_life_days", TRUE }, { "tracking", TRUE }, { "ftl", TRUE }, { "unit_cost", TRUE },
  { "lot_format", TRUE },
};

enum {
  PARTY_CODE, PARTY_NAME, PARTY_KIND, PARTY_GLN, PARTY_PHONE, PARTY_STREET, PARTY_CITY, PARTY_REGION,
  PARTY_POSTAL_CODE, PARTY_COUNTRY, PARTY_CONTACT_NAME, PARTY_CONTACT_EMAIL, PARTY_MIN_SHELF_LIFE_DAYS,
  N_PARTY_COLUMNS
};

static const Column party_columns[N_PARTY_COLUMNS] = {
  { "code", FALSE }, { "name", FALSE }, { "kind", TRUE }, { "gln", TRUE }, { "phone", FALSE },
  { "street", FALSE }, { "city", FALSE }, { "region", FALSE }, { "postal_code", FALSE },
  { "country", FALSE }, { "contact_name", FALSE }, { "contact_email", FALSE },
  { "min_shelf_life_days", TRUE },
};

enum {
  LOCATION_CODE, LOCATION_NAME, LOCATION_KIND, LOCATION_PARENT, LOCATION_SITE,
  N_LOCATION_COLUMNS
};

static const Column location_columns[N_LOCATION_COLUMNS] = {
  { "code", FALSE }, { "name", FALSE }, { "kind", TRUE }, { "parent", FALSE }, { "site", FALSE },
};

enum {
  LOT_PRODUCT, LOT_CODE, LOT_PRODUCED_ON, LOT_RECEIVED_ON, LOT_EXPIRES_ON, LOT_BEST_BEFORE,
  LOT_SUPPLIER, LOT_SUPPLIER_LOT, LOT_TLC_SOURCE, LOT_STATUS, LOT_NOTES,
  N_LOT_COLUMNS
};

static const Column lot_columns[N_LOT_COLUMNS] = {
  { "product", FALSE }, { "code", FALSE }, { "produced_on", TRUE }, { "received_on", TRUE },
  { "expires_on", TRUE }, { "best_before", TRUE }, { "supplier", FALSE }, { "supplier_lot", FALSE },
  { "tlc_source", FALSE }, { "status", TRUE }, { "notes", FALSE },
};

enum {
  EVENT_REF, EVENT_KIND, EVENT_OCCURRED_AT, EVENT_PARTY, EVENT_DOC_TYPE, EVENT_DOC_NUMBER,
  EVENT_REASON, EVENT_OVERRIDE_REASON, EVENT_ROLE, EVENT_PRODUCT, EVENT_LOT, EVENT_LOCATION,
  EVENT_QUANTITY,
  /* Optional: only read on an output line that creates a new lot. */
  EVENT_LOT_PRODUCED_ON, EVENT_LOT_EXPIRES_ON,
  N_EVENT_COLUMNS
};

static const Column event_columns[N_EVENT_COLUMNS] = {
  { "event", FALSE }, { "kind", TRUE }, { "occurred_at", TRUE }, { "party", FALSE },
  { "doc_type", FALSE }, { "doc_number", FALSE }, { "reason", FALSE }, { "override_reason", FALSE },
  { "role", TRUE }, { "product", FALSE }, { "lot", FALSE }, { "location", FALSE },
  { "quantity", TRUE }, { "lot_produced_on", TRUE }, { "lot_expires_on", TRUE },
};

/* The columns every row of one event repeats (or leaves empty). */
static const guint event_level_columns[] = {
  EVENT_KIND, EVENT_OCCURRED_AT, EVENT_PARTY, EVENT_DOC_TYPE, EVENT_DOC_NUMBER,
  EVENT_REASON, EVENT_OVERRIDE_REASON,
};

#define MAX_COLUMNS N_EVENT_COLUMNS
G_STATIC_ASSERT ((int) N_PARTY_COLUMNS <= (int) MAX_COLUMNS && (int) N_LOT_COLUMNS <= (int) MAX_COLUMNS);

typedef struct {
  const char   *file_name;   /* the usual name, for messages and export */
  const Column *columns;
  guint         n_required;  /* a header names all of these … */
  guint         n_columns;   /* … and may name the others */
  guint         n_exported;  /* an export writes this many */
} FileFormat;

static const FileFormat file_formats[N_FILE_KINDS] = {
  { "products.csv", product_columns, PRODUCT_LOT_FORMAT, N_PRODUCT_COLUMNS, N_PRODUCT_COLUMNS },
  { "parties.csv", party_columns, N_PARTY_COLUMNS, N_PARTY_COLUMNS, N_PARTY_COLUMNS },
  { "locations.csv", location_columns, N_LOCATION_COLUMNS, N_LOCATION_COLUMNS, N_LOCATION_COLUMNS },
  { "lots.csv", lot_columns, N_LOT_COLUMNS, N_LOT_COLUMNS, N_LOT_COLUMNS },
  { "events.csv", event_columns, EVENT_LOT_PRODUCED_ON, N_EVENT_COLUMNS, EVENT_LOT_PRODUCED_ON },
};

/* ---- report ----------------------------------------------------------- */

static void
problem_clear (gpointer data)
{
  LotlineImportProblem *problem = data;

  g_clear_pointer (&problem->file, g_free);
  g_clear_pointer (&problem->message, g_free);
}

/**
 * lotline_import_report_init:
 * @report: a report to initialise
 *
 * Prepares an empty report; release it with lotline_import_report_clear().
 */
void
lotline_import_report_init (LotlineImportReport *report)
{
  g_return_if_fail (report != NULL);

  memset (report, 0, sizeof *report);
  report->problems = g_array_new (FALSE, TRUE, sizeof (LotlineImportProblem));
  g_array_set_clear_func (report->problems, problem_clear);
}

/**
 * lotline_import_report_clear:
 * @report: a report
 *
 * Frees the problems and zeroes the counts. The report may be cleared twice.
 */
void
lotline_import_report_clear (LotlineImportReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->problems, g_array_unref);
  memset (report, 0, sizeof *report);
}

/**
 * lotline_import_report_format:
 * @report: a report
 *
 * Returns: (transfer full): one "file:line: message" line per problem, each
 *   ending in a newline; an empty string when there is none
 */
char *
lotline_import_report_format (const LotlineImportReport *report)
{
  GString *text;

  g_return_val_if_fail (report != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; report->problems != NULL && i < report->problems->len; i++)
    {
      const LotlineImportProblem *problem = &g_array_index (report->problems, LotlineImportProblem, i);

      g_string_append_printf (text, "%s:%u: %s\n", problem->file, problem->line, problem->message);
    }
  return g_string_free (text, FALSE);
}

/* ---- export ----------------------------------------------------------- */

/**
 * lotline_csv_append_field:
 * @out: the text being written
 * @text: (nullable): one field; %NULL is an empty field
 *
 * Appends @text as one RFC 4180 field: as it is, or in double quotes with
 * every quote doubled when it holds a comma, a quote or a line break.
 */
void
lotline_csv_append_field (GString *out, const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_header (GString *out, FileKind kind)
{
  const FileFormat *format = &file_formats[kind];

  for (guint i = 0; i < format->n_exported; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, format->columns[i].name);
    }
  g_string_append_c (out, '\n');
}

typedef enum {
  OUT_TEXT,
  OUT_YES_NO,
  OUT_QUANTITY,
} OutFormat;

/* Appends one CSV row per result row of @sql; NULL becomes an empty field. */
static gboolean
append_rows (LotlineStore    *store,
             GString         *out,
             const char      *sql,
             const OutFormat *columns,
             guint            n_columns,
             GError         **error)
{
  sqlite3_stmt *stmt = lotline_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < n_columns; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
            continue;
          switch (columns[i])
            {
            case OUT_TEXT:
              lotline_csv_append_field (out, (const char *) sqlite3_column_text (stmt, i));
              break;
            case OUT_YES_NO:
              g_string_append (out, sqlite3_column_int (stmt, i) ? "yes" : "no");
              break;
            case OUT_QUANTITY:
              {
                g_autofree char *quantity = lotline_quantity_format (sqlite3_column_int64 (stmt, i));
                g_string_append (out, quantity);
              }
              break;
            default:
              g_assert_not_reached ();
            }
        }
      g_string_append_c (out, '\n');
    }

  if (rc != SQLITE_DONE)
    {
      lotline_store_set_sql_error (store, error, _("exporting to CSV"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

#define T OUT_TEXT
static const OutFormat product_out[N_PRODUCT_COLUMNS] = { T, T, T, T, T, T, T, OUT_YES_NO, OUT_QUANTITY, T };
static const OutFormat party_out[N_PARTY_COLUMNS] = { T, T, T, T, T, T, T, T, T, T, T, T, T };
static const OutFormat location_out[N_LOCATION_COLUMNS] = { T, T, T, T, T };
static const OutFormat lot_out[N_LOT_COLUMNS] = { T, T, T, T, T, T, T, T, T, T, T };
static const OutFormat event_out[EVENT_LOT_PRODUCED_ON] = { T, T, T, T, T, T, T, T, T, T, T, T, OUT_QUANTITY };
#undef T

/**
 * lotline_csv_export:
 * @store: a store
 * @dir: a folder; created if missing
 * @error: return location for a #GError
 *
 * Writes products.csv, parties.csv, locations.csv, lots.csv and events.csv
 * (one row per event line, events and lines in the order they were
 * recorded) into @dir, replacing files of those names. The files are UTF-8
 * without a byte order mark, with LF line ends and RFC 4180 quoting. Reading
 * them back into an empty database with lotline_csv_import() and exporting
 * again gives the same bytes.
 *
 * Returns: %TRUE when all five files were written
 */
gboolean
lotline_csv_export (LotlineStore *store,
                    const char   *dir,
                    GError      **error)
{
  GString *texts[N_FILE_KINDS];
  gboolean ok;

  g_return_val_if_fail (LOTLINE_IS_STORE (store), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s. Choose another folder."),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* One read transaction, so that the five files agree with each other. */
  if (!lotline_store_exec (store, "SAVEPOINT lotline_csv_export", error))
    return FALSE;

  for (guint kind = 0; kind < N_FILE_KINDS; kind++)
    {
      texts[kind] = g_string_new (NULL);
      append_header (texts[kind], kind);
    }

  ok = append_rows (store, texts[FILE_PRODUCTS],
                    "SELECT sku, name, gtin, kind, unit, shelf_life_days, tracking, ftl, unit_cost_milli,"
                    " lot_format FROM product ORDER BY id",
                    product_out, G_N_ELEMENTS (product_out), error) &&
       append_rows (store, texts[FILE_PARTIES],
                    "SELECT code, name, kind, gln, phone, street, city, region, postal_code, country,"
                    " contact_name, contact_email, min_shelf_life_days FROM party ORDER BY id",
                    party_out, G_N_ELEMENTS (party_out), error) &&
       append_rows (store, texts[FILE_LOCATIONS],
                    "SELECT location.code, location.name, location.kind, parent.code, site.code"
                    " FROM location LEFT JOIN location AS parent ON parent.id = location.parent_id"
                    " LEFT JOIN party AS site ON site.id = location.site_id ORDER BY location.id",
                    location_out, G_N_ELEMENTS (location_out), error) &&
       append_rows (store, texts[FILE_LOTS],
                    "SELECT product.sku, lot.code, lot.produced_on, lot.received_on, lot.expires_on,"
                    " lot.best_before, party.code, lot.supplier_lot, lot.tlc_source, lot.status, lot.notes"
                    " FROM lot JOIN product ON product.id = lot.product_id"
                    " LEFT JOIN party ON party.id = lot.supplier_id ORDER BY lot.id",
                    lot_out, G_N_ELEMENTS (lot_out), error) &&
       append_rows (store, texts[FILE_EVENTS],
                    "SELECT event.id, event.kind, event.occurred_at, party.code, event.doc_type,"
                    " event.doc_number, event.reason, event.override_reason, event_line.role, product.sku,"
                    " lot.code, location.code, event_line.quantity"
                    " FROM event JOIN event_line ON event_line.event_id = event.id"
                    " JOIN lot ON lot.id = event_line.lot_id JOIN product ON product.id = lot.product_id"
                    " LEFT JOIN party ON party.id = event.party_id"
                    " LEFT JOIN location ON location.id = event_line.location_id"
                    " ORDER BY event.id, event_line.id",
                    event_out, G_N_ELEMENTS (event_out), error);

  lotline_store_exec (store, "RELEASE lotline_csv_export", NULL);

  for (guint kind = 0; ok && kind < N_FILE_KINDS; kind++)
    {
      g_autofree char *path = g_build_filename (dir, file_formats[kind].file_name, NULL);

      ok = g_file_set_contents (path, texts[kind]->str, (gssize) texts[kind]->len, error);
    }

  for (guint kind = 0; kind < N_FILE_KINDS; kind++)
    g_string_free (texts[kind], TRUE);
  return ok;
}

/* ---- reading CSV ------------------------------------------------------ */

typedef struct {
  guint      line;     /* the physical line the record starts on, 1-based */
  GPtrArray *fields;   /* char * */
  char      *problem;  /* a syntax problem, or NULL */
} Record;

static void
record_free (gpointer data)
{
  Record *record = data;

  g_ptr_array_unref (record->fields);
  g_free (record->problem);
  g_free (record);
}

/* Keeps the first problem of a record; takes @problem. */
static void
record_set_problem (Record *record, char *problem)
{
  if (record->problem == NULL)
    record->problem = problem;
  else
    g_free (problem);
}

/* The length of the line break at @p (LF or CRLF), 0 when there is none. */
static guint
line_break_at (const char *p, const char *end)
{
  if (p < end && *p == '\n')
    return 1;
  if (p + 1 < end && p[0] == '\r' && p[1] == '\n')
    return 2;
  return 0;
}

/* Splits RFC 4180 text into records.  A UTF-8 byte order mark is skipped,
 * CRLF and LF both end a record, empty lines are skipped, and a line break
 * inside a quoted field is kept as LF.  Never fails: a malformed record
 * carries its problem and the rest of the file is still read. */
static GPtrArray *
parse_csv (const char *data, gsize length)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (record_free);
  const char *p = data, *end = data + length;
  guint line = 1;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      guint brk = line_break_at (p, end);
      Record *record;

      if (brk > 0)
        {
          p += brk;
          line++;
          continue;
        }

      record = g_new0 (Record, 1);
      record->line = line;
      record->fields = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (records, record);

      for (;;)
        {
          GString *field = g_string_new (NULL);

          if (p < end && *p == '"')
            {
              guint field_line = line;
              gboolean closed = FALSE;

              p++;
              while (p < end)
                {
                  if (*p == '"')
                    {
                      p++;
                      if (p < end && *p == '"')
                        {
                          g_string_append_c (field, '"');
                          p++;
                          continue;
                        }
                      closed = TRUE;
                      break;
                    }
                  brk = line_break_at (p, end);
                  if (brk > 0)
                    {
                      g_string_append_c (field, '\n');
                      p += brk;
                      line++;
                      continue;
                    }
                  g_string_append_c (field, *p++);
                }

              if (!closed)
                record_set_problem (record,
                                    g_strdup_printf (_("A quoted field that starts on line %u is never closed. Add the closing quote (\")."),
                                                     field_line));
              else if (p < end && *p != ',' && line_break_at (p, end) == 0)
                {
                  record_set_problem (record,
                                      g_strdup (_("There is text after the closing quote of a field. Put the whole field in quotes, and double every quote inside it.")));
                  while (p < end && *p != ',' && line_break_at (p, end) == 0)
                    g_string_append_c (field, *p++);
                }
            }
          else
            {
              while (p < end && *p != ',' && line_break_at (p, end) == 0)
                {
                  if (*p == '"')
                    record_set_problem (record,
                                        g_strdup (_("A field contains a quote (\") but does not start with one. Put the whole field in quotes, and double every quote inside it.")));
                  g_string_append_c (field, *p++);
                }
            }

          if (!g_utf8_validate (field->str, (gssize) field->len, NULL))
            record_set_problem (record, g_strdup (_("This row is not valid UTF-8 text. Save the file with the UTF-8 encoding.")));
          g_ptr_array_add (record->fields, g_string_free (field, FALSE));

          if (p < end && *p == ',')
            {
              p++;
              continue;
            }
          brk = line_break_at (p, end);
          p += brk;
          if (brk > 0)
            line++;
          break;
        }
    }
  return records;
}

/* ---- import: data ----------------------------------------------------- */

typedef struct {
  guint      index;            /* position among the files given */
  char      *path;
  char      *name;             /* basename, for problems */
  int        kind;             /* a FileKind, or -1 when not recognised */
  int        map[MAX_COLUMNS]; /* column of the format → field of the file, or -1 */
  GPtrArray *records;          /* Record *, the header first */
} ImportFile;

typedef struct {
  ImportFile     *file;
  guint           line;
  char          **v;           /* one value per column of the format, "" when absent */
  gboolean        bad;         /* a problem was reported: the row is not written */
  gboolean        broken;      /* malformed CSV: its values are not checked */
  gboolean        done;        /* locations: handled in pass 2 */
  gint64          id;          /* lots: the lot written */
  /* events.csv */
  LotlineLineRole role;
  gint64          quantity;
  gboolean        creates_lot; /* an output line that creates its lot */
} Row;

typedef struct {
  const char      *ref;
  GPtrArray       *rows;                        /* Row *, in file order */
  gboolean         bad;
  const char      *values[N_EVENT_COLUMNS];     /* event columns: the first value given … */
  Row             *value_rows[N_EVENT_COLUMNS]; /* … and the row that gives it */
  gboolean         kind_ok;
  LotlineEventKind kind;
  gint64           occurred_at;
} EventGroup;

typedef struct {
  guint                file_index;
  guint                seq;
  LotlineImportProblem problem;
} Problem;

typedef struct {
  LotlineStore *store;
  GPtrArray    *files;                /* ImportFile * */
  GPtrArray    *rows[N_FILE_KINDS];   /* Row *, by file given, then line */
  GHashTable   *products;             /* sku → first Row */
  GHashTable   *parties;              /* code → first Row */
  GHashTable   *locations;            /* code → first Row */
  GHashTable   *lots;                 /* lot key → first Row */
  GHashTable   *created_lots;         /* lot key → the events.csv Row that creates it */
  GHashTable   *poisoned;             /* kind letter + key of what will not be written */
  GPtrArray    *events;               /* EventGroup *, in order of their first row */
  GArray       *problems;             /* Problem */
  gint64        n_products, n_parties, n_locations, n_lots, n_events;
} Import;

static void
import_file_free (gpointer data)
{
  ImportFile *file = data;

  g_free (file->path);
  g_free (file->name);
  g_clear_pointer (&file->records, g_ptr_array_unref);
  g_free (file);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_strfreev (row->v);
  g_free (row);
}

static void
event_group_free (gpointer data)
{
  EventGroup *group = data;

  g_ptr_array_unref (group->rows);
  g_free (group);
}

static GHashTable *
new_key_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
import_init (Import *im, LotlineStore *store)
{
  memset (im, 0, sizeof *im);
  im->store = store;
  im->files = g_ptr_array_new_with_free_func (import_file_free);
  for (guint kind = 0; kind < N_FILE_KINDS; kind++)
    im->rows[kind] = g_ptr_array_new_with_free_func (row_free);
  im->products = new_key_table ();
  im->parties = new_key_table ();
  im->locations = new_key_table ();
  im->lots = new_key_table ();
  im->created_lots = new_key_table ();
  im->poisoned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->events = g_ptr_array_new_with_free_func (event_group_free);
  im->problems = g_array_new (FALSE, FALSE, sizeof (Problem));
}

static void
import_clear (Import *im)
{
  /* Problems not handed to the report still own their strings. */
  for (guint i = 0; i < im->problems->len; i++)
    problem_clear (&g_array_index (im->problems, Problem, i).problem);
  g_array_unref (im->problems);
  g_ptr_array_unref (im->events);
  g_hash_table_unref (im->poisoned);
  g_hash_table_unref (im->created_lots);
  g_hash_table_unref (im->lots);
  g_hash_table_unref (im->locations);
  g_hash_table_unref (im->parties);
  g_hash_table_unref (im->products);
  for (guint kind = 0; kind < N_FILE_KINDS; kind++)
    g_ptr_array_unref (im->rows[kind]);
  g_ptr_array_unref (im->files);
}

static void add_problem_valist (Import *im, ImportFile *file, guint line, const char *format, va_list args) G_GNUC_PRINTF (4, 0);
static void file_problem (Import *im, ImportFile *file, guint line, const char *format, ...) G_GNUC_PRINTF (4, 5);
static void row_problem  (Import *im, Row *row, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
add_problem_valist (Import *im, ImportFile *file, guint line, const char *format, va_list args)
{
  Problem problem = {
    .file_index = file->index,
    .seq = im->problems->len,
    .problem = {
      .file = g_strdup (file->name),
      .line = line,
      .message = g_strdup_vprintf (format, args),
    },
  };

  g_array_append_val (im->problems, problem);
}

static void
file_problem (Import *im, ImportFile *file, guint line, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (im, file, line, format, args);
  va_end (args);
}

/* Reports a problem at @row, which is then not written. */
static void
row_problem (Import *im, Row *row, const char *format, ...)
{
  va_list args;

  row->bad = TRUE;
  va_start (args, format);
  add_problem_valist (im, row->file, row->line, format, args);
  va_end (args);
}

static int
compare_problems (gconstpointer a, gconstpointer b)
{
  const Problem *pa = a, *pb = b;

  if (pa->file_index != pb->file_index)
    return pa->file_index < pb->file_index ? -1 : 1;
  if (pa->problem.line != pb->problem.line)
    return pa->problem.line < pb->problem.line ? -1 : 1;
  return pa->seq < pb->seq ? -1 : pa->seq > pb->seq;
}

/* Hands the problems to @report, in file and line order. */
static void
move_problems (Import *im, LotlineImportReport *report)
{
  g_array_sort (im->problems, compare_problems);
  for (guint i = 0; i < im->problems->len; i++)
    g_array_append_val (report->problems, g_array_index (im->problems, Problem, i).problem);
  g_array_set_size (im->problems, 0);
}

static char *
lot_key (const char *sku, const char *code)
{
  return g_strconcat (sku, "\037", code, NULL);
}

/* What will not be written is "poisoned", and so is whatever refers to it:
 * those rows are skipped rather than reported again. */
static void
poison (Import *im, char what, const char *key)
{
  if (!lotline_is_blank (key))
    g_hash_table_add (im->poisoned, g_strdup_printf ("%c%s", what, key));
}

static gboolean
is_poisoned (Import *im, char what, const char *key)
{
  g_autofree char *full = NULL;

  if (lotline_is_blank (key))
    return FALSE;
  full = g_strdup_printf ("%c%s", what, key);
  return g_hash_table_contains (im->poisoned, full);
}

static void
poison_lot (Import *im, const char *sku, const char *code)
{
  g_autofree char *key = NULL;

  if (lotline_is_blank (sku) || lotline_is_blank (code))
    return;
  key = lot_key (sku, code);
  poison (im, 'T', key);
}

static gboolean
is_lot_poisoned (Import *im, const char *sku, const char *code)
{
  g_autofree char *key = NULL;

  if (lotline_is_blank (sku) || lotline_is_blank (code))
    return FALSE;
  key = lot_key (sku, code);
  return is_poisoned (im, 'T', key);
}

/* The first row that claimed @key, or NULL after claiming it for @row. */
static Row *
claim_key (GHashTable *table, const char *key, Row *row)
{
  Row *first = g_hash_table_lookup (table, key);

  if (first == NULL)
    g_hash_table_insert (table, g_strdup (key), row);
  return first;
}

static gboolean
db_has_product (Import *im, const char *sku)
{
  gint64 id;

  return lotline_store_find_product (im->store, sku, &id, NULL);
}

static gboolean
db_has_party (Import *im, const char *code)
{
  gint64 id;

  return lotline_store_find_party (im->store, code, &id, NULL);
}

static gboolean
db_has_location (Import *im, const char *code)
{
  gint64 id;

  return lotline_store_find_location (im->store, code, &id, NULL);
}

static gboolean
db_has_lot (Import *im, const char *sku, const char *code)
{
  gint64 id;

  return lotline_store_find_lot (im->store, sku, code, &id, NULL);
}

static gboolean
known_product (Import *im, const char *sku)
{
  return g_hash_table_contains (im->products, sku) || db_has_product (im, sku);
}

static gboolean
known_party (Import *im, const char *code)
{
  return g_hash_table_contains (im->parties, code) || db_has_party (im, code);
}

static gboolean
known_location (Import *im, const char *code)
{
  return g_hash_table_contains (im->locations, code) || db_has_location (im, code);
}

static const char *
column_name (const Row *row, guint column)
{
  return file_formats[row->file->kind].columns[column].name;
}

/* ---- import: loading files -------------------------------------------- */

static void
append_expected_headers (GString *out)
{
  for (guint kind = 0; kind < N_FILE_KINDS; kind++)
    {
      const FileFormat *format = &file_formats[kind];

      g_string_append_printf (out, "\n%s: ", format->file_name);
      for (guint c = 0; c < format->n_required; c++)
        g_string_append_printf (out, "%s%s", c ? "," : "", format->columns[c].name);
      if (format->n_columns > format->n_required)
        {
          g_string_append (out, " (");
          /* Translators: followed by the names of the optional columns */
          g_string_append (out, _("optional:"));
          for (guint c = format->n_required; c < format->n_columns; c++)
            g_string_append_printf (out, "%s%s", c > format->n_required ? ", " : " ", format->columns[c].name);
          g_string_append_c (out, ')');
        }
    }
}

static int
format_column (const FileFormat *format, const char *name)
{
  for (guint c = 0; c < format->n_columns; c++)
    if (strcmp (format->columns[c].name, name) == 0)
      return (int) c;
  return -1;
}

static guint
count_required_present (const FileFormat *format, GPtrArray *names, GString *missing)
{
  guint present = 0;

  for (guint c = 0; c < format->n_required; c++)
    {
      gboolean found = FALSE;

      for (guint f = 0; f < names->len && !found; f++)
        found = strcmp (names->pdata[f], format->columns[c].name) == 0;
      if (found)
        present++;
      else if (missing != NULL)
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", format->columns[c].name);
    }
  return present;
}

/* Recognises the file by its header row and maps its columns; a header
 * that fits no file is described in @format_errors. */
static void
recognise_file (Import *im, ImportFile *file, Record *header, GString *format_errors)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) matches = g_string_new (NULL);
  const FileFormat *format;
  int kind = -1;
  guint n_matches = 0;

  for (guint f = 0; f < header->fields->len; f++)
    {
      g_autofree char *name = g_strdup (header->fields->pdata[f]);

      g_ptr_array_add (names, g_ascii_strdown (g_strstrip (name), -1));
    }

  for (guint k = 0; k < N_FILE_KINDS; k++)
    if (count_required_present (&file_formats[k], names, NULL) == file_formats[k].n_required)
      {
        kind = (int) k;
        n_matches++;
        g_string_append_printf (matches, "%s%s", matches->len ? ", " : "", file_formats[k].file_name);
      }

  if (format_errors->len > 0 && n_matches != 1)
    g_string_append (format_errors, "\n\n");

  if (n_matches > 1)
    {
      g_string_append_printf (format_errors,
                              _("The header row of “%s” has the columns of more than one kind of file (%s). Keep the columns of one kind only."),
                              file->name, matches->str);
      return;
    }
  if (n_matches == 0)
    {
      g_autoptr(GString) missing = g_string_new (NULL);
      guint best_present = 0;
      int best = -1;

      /* Suggest the file that shares a third of its columns or more with
       * the header, when exactly one shares the most. */
      for (guint k = 0; k < N_FILE_KINDS; k++)
        {
          guint present = count_required_present (&file_formats[k], names, NULL);

          if (present * 3 < file_formats[k].n_required || present < best_present)
            continue;
          best = present == best_present ? -1 : (int) k;
          best_present = present;
        }

      g_string_append_printf (format_errors,
                              _("“%s” is not one of Lotline’s CSV files: its header row does not match any of them."),
                              file->name);
      if (best >= 0)
        {
          count_required_present (&file_formats[best], names, missing);
          g_string_append_c (format_errors, ' ');
          g_string_append_printf (format_errors, _("It looks like %s, but lacks the columns %s."),
                                  file_formats[best].file_name, missing->str);
        }
      g_string_append_c (format_errors, ' ');
      g_string_append (format_errors,
                       _("The first row must name every column of one of these files, in any order:"));
      append_expected_headers (format_errors);
      return;
    }

  file->kind = kind;
  format = &file_formats[kind];
  for (guint c = 0; c < MAX_COLUMNS; c++)
    file->map[c] = -1;
  for (guint f = 0; f < names->len; f++)
    {
      const char *name = names->pdata[f];
      int c = format_column (format, name);

      if (c < 0)
        file_problem (im, file, header->line,
                      _("The column “%s” is not a column of %s. Remove it or correct its name."),
                      (const char *) header->fields->pdata[f], format->file_name);
      else if (file->map[c] >= 0)
        file_problem (im, file, header->line,
                      _("The column “%s” is named twice in the header. Remove one of them."), name);
      else
        file->map[c] = (int) f;
    }
}

/* Reads and parses one file.  Only an unreadable file is an error here; a
 * file of unknown format is described in @format_errors. */
static gboolean
load_file (Import *im, const char *path, guint index, GString *format_errors, GError **error)
{
  ImportFile *file = g_new0 (ImportFile, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  Record *header;

  file->index = index;
  file->path = g_strdup (path);
  file->name = g_path_get_basename (path);
  file->kind = -1;
  g_ptr_array_add (im->files, file);

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, LOTLINE_IMPORT_ERROR, LOTLINE_IMPORT_ERROR_READ,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  file->records = parse_csv (data, length);
  if (file->records->len == 0)
    {
      if (format_errors->len > 0)
        g_string_append (format_errors, "\n\n");
      g_string_append_printf (format_errors,
                              _("“%s” is empty. A Lotline CSV file starts with a header row that names its columns."),
                              file->name);
      return TRUE;
    }

  header = file->records->pdata[0];
  if (header->problem != NULL)
    {
      if (format_errors->len > 0)
        g_string_append (format_errors, "\n\n");
      g_string_append_printf (format_errors, _("The header row of “%s” cannot be read: %s"),
                              file->name, header->problem);
      return TRUE;
    }

  recognise_file (im, file, header, format_errors);
  return TRUE;
}

static void
build_rows (Import *im, ImportFile *file)
{
  const FileFormat *format = &file_formats[file->kind];
  Record *header = file->records->pdata[0];

  for (guint r = 1; r < file->records->len; r++)
    {
      Record *record = file->records->pdata[r];
      Row *row = g_new0 (Row, 1);

      row->file = file;
      row->line = record->line;
      row->v = g_new0 (char *, format->n_columns + 1);
      for (guint c = 0; c < format->n_columns; c++)
        {
          int f = file->map[c];

          row->v[c] = g_strdup (f >= 0 && (guint) f < record->fields->len ? record->fields->pdata[f] : "");
          if (format->columns[c].trim)
            g_strstrip (row->v[c]);
        }
      g_ptr_array_add (im->rows[file->kind], row);

      row->broken = record->problem != NULL || record->fields->len != header->fields->len;
      if (record->problem != NULL)
        row_problem (im, row, "%s", record->problem);
      else if (row->broken)
        row_problem (im, row,
                     _("This row has %u fields but the header has %u. Check for a missing comma, or a comma inside a value that is not in quotes."),
                     record->fields->len, header->fields->len);
    }
}

/* ---- import: pass 1, checking every row ------------------------------- */

/* A whole number of days; an empty value gives -1. */
static gboolean
parse_days (const char *text, int *out)
{
  gint64 value = 0;

  if (lotline_is_blank (text))
    {
      *out = -1;
      return TRUE;
    }
  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (*p - '0');
      if (value > 1000000)
        return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static gboolean
parse_yes_no (const char *text, gboolean *out)
{
  static const char * const yes[] = { "yes", "true", "1", "y" };
  static const char * const no[] = { "no", "false", "0", "n" };

  *out = FALSE;
  if (lotline_is_blank (text))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      {
        *out = TRUE;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A non-negative amount with at most three decimals; empty gives 0. */
static gboolean
parse_cost (const char *text, gint64 *out)
{
  *out = 0;
  if (lotline_is_blank (text))
    return TRUE;
  return lotline_quantity_parse (text, out, NULL) && *out >= 0;
}

static void
check_days (Import *im, Row *row, guint column)
{
  int days;

  if (!parse_days (row->v[column], &days))
    row_problem (im, row,
                 _("“%s” in column %s is not a number of days. Write a whole number such as 30, or leave it empty."),
                 row->v[column], column_name (row, column));
}

static gboolean
check_date (Import *im, Row *row, guint column)
{
  if (lotline_is_blank (row->v[column]) || lotline_date_is_valid (row->v[column]))
    return TRUE;
  row_problem (im, row,
               _("“%s” in column %s is not a date. Write dates as YYYY-MM-DD, such as 2026-03-01."),
               row->v[column], column_name (row, column));
  return FALSE;
}

static void
check_product_ref (Import *im, Row *row, guint column)
{
  const char *sku = row->v[column];

  if (lotline_is_blank (sku))
    row_problem (im, row, _("The %s column is empty. Give the SKU of the product."), column_name (row, column));
  else if (!known_product (im, sku))
    row_problem (im, row,
                 _("There is no product with SKU “%s” in products.csv or in the database. Correct the %s column, or add the product to products.csv."),
                 sku, column_name (row, column));
}

static void
check_party_ref (Import *im, Row *row, guint column)
{
  const char *code = row->v[column];

  if (!lotline_is_blank (code) && !known_party (im, code))
    row_problem (im, row,
                 _("There is no supplier, customer or site with code “%s” in parties.csv or in the database. Correct the %s column, or add the party to parties.csv."),
                 code, column_name (row, column));
}

static void
check_location_ref (Import *im, Row *row, guint column)
{
  const char *code = row->v[column];

  if (!lotline_is_blank (code) && !known_location (im, code))
    row_problem (im, row,
                 _("There is no location “%s” in locations.csv or in the database. Correct the %s column, or add the location to locations.csv."),
                 code, column_name (row, column));
}

static void
check_lot_format (Import *im, Row *row)
{
  g_autoptr(LotlineLotFormat) format = NULL;
  g_autoptr(GError) local_error = NULL;

  if (lotline_is_blank (row->v[PRODUCT_LOT_FORMAT]))
    return;
  format = lotline_lot_format_new_checked (row->v[PRODUCT_LOT_FORMAT], &local_error);
  if (format == NULL)
    row_problem (im, row, _("Column lot_format: %s"), local_error->message);
}

static void
check_products (Import *im)
{
  GPtrArray *rows = im->rows[FILE_PRODUCTS];

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      const char *sku = row->v[PRODUCT_SKU];
      LotlineProductKind kind;
      LotlineTracking tracking;
      gboolean ftl;
      gint64 cost;
      Row *first;

      /* The values of a malformed row may sit in the wrong columns: only
       * its key is noted, so that references to it are not reported. */
      if (row->broken)
        {
          if (!lotline_is_blank (sku))
            claim_key (im->products, sku, row);
          continue;
        }

      if (lotline_is_blank (sku))
        row_problem (im, row, _("The sku column is empty. Every product needs its SKU."));
      else if ((first = claim_key (im->products, sku, row)) != NULL)
        row_problem (im, row,
                     _("SKU “%s” is already on line %u of %s. A product appears only once: remove one of the rows, or give this product another SKU."),
                     sku, first->line, first->file->name);
      else if (db_has_product (im, sku))
        row_problem (im, row,
                     _("There is already a product with SKU “%s” in the database. Remove this row, or give the new product another SKU."),
                     sku);

      if (lotline_is_blank (row->v[PRODUCT_NAME]))
        row_problem (im, row, _("The name column is empty. Every product needs a name."));
      if (lotline_is_blank (row->v[PRODUCT_KIND]))
        row_problem (im, row, _("The kind column is empty. Use raw, packaging, intermediate or finished."));
      else if (!lotline_product_kind_from_string (row->v[PRODUCT_KIND], &kind))
        row_problem (im, row, _("“%s” is not a kind of product. Use raw, packaging, intermediate or finished."),
                     row->v[PRODUCT_KIND]);
      check_days (im, row, PRODUCT_SHELF_LIFE_DAYS);
      if (!lotline_is_blank (row->v[PRODUCT_TRACKING]) && !lotline_tracking_from_string (row->v[PRODUCT_TRACKING], &tracking))
        row_problem (im, row, _("“%s” is not a kind of tracking. Use lot, serial or none, or leave it empty for lot."),
                     row->v[PRODUCT_TRACKING]);
      if (!parse_yes_no (row->v[PRODUCT_FTL], &ftl))
        row_problem (im, row, _("“%s” in column ftl is neither yes nor no. Write yes or no, or leave it empty for no."),
                     row->v[PRODUCT_FTL]);
      if (!parse_cost (row->v[PRODUCT_UNIT_COST], &cost))
        row_problem (im, row,
                     _("“%s” in column unit_cost is not a cost. Write an amount of zero or more with at most three decimals, such as 2.75, or leave it empty."),
                     row->v[PRODUCT_UNIT_COST]);
      check_lot_format (im, row);
    }
}

static void
check_parties (Import *im)
{
  GPtrArray *rows = im->rows[FILE_PARTIES];

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      const char *code = row->v[PARTY_CODE];
      LotlinePartyKind kind;
      Row *first;

      if (row->broken)
        {
          if (!lotline_is_blank (code))
            claim_key (im->parties, code, row);
          continue;
        }

      if (lotline_is_blank (code))
        row_problem (im, row, _("The code column is empty. Every supplier, customer and site needs a code."));
      else if ((first = claim_key (im->parties, code, row)) != NULL)
        row_problem (im, row,
                     _("Party code “%s” is already on line %u of %s. A party appears only once: remove one of the rows, or give this party another code."),
                     code, first->line, first->file->name);
      else if (db_has_party (im, code))
        row_problem (im, row,
                     _("There is already a supplier, customer or site with code “%s” in the database. Remove this row, or give the new party another code."),
                     code);

      if (lotline_is_blank (row->v[PARTY_NAME]))
        row_problem (im, row, _("The name column is empty. Every party needs a name."));
      if (lotline_is_blank (row->v[PARTY_KIND]))
        row_problem (im, row, _("The kind column is empty. Use supplier, customer or site."));
      else if (!lotline_party_kind_from_string (row->v[PARTY_KIND], &kind))
        row_problem (im, row, _("“%s” is not a kind of party. Use supplier, customer or site."), row->v[PARTY_KIND]);
      check_days (im, row, PARTY_MIN_SHELF_LIFE_DAYS);
    }
}

static void
check_locations (Import *im)
{
  GPtrArray *rows = im->rows[FILE_LOCATIONS];

  /* Codes first: a parent may come later in the file than its children. */
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      const char *code = row->v[LOCATION_CODE];
      Row *first;

      if (row->broken)
        {
          if (!lotline_is_blank (code))
            claim_key (im->locations, code, row);
          continue;
        }

      if (lotline_is_blank (code))
        row_problem (im, row, _("The code column is empty. Every location needs a code."));
      else if ((first = claim_key (im->locations, code, row)) != NULL)
        row_problem (im, row,
                     _("Location code “%s” is already on line %u of %s. A location appears only once: remove one of the rows, or give this location another code."),
                     code, first->line, first->file->name);
      else if (db_has_location (im, code))
        row_problem (im, row,
                     _("There is already a location with code “%s” in the database. Remove this row, or give the new location another code."),
                     code);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      const char *code = row->v[LOCATION_CODE];
      const char *parent = row->v[LOCATION_PARENT];
      LotlineLocationKind kind;

      if (row->broken)
        continue;
      if (lotline_is_blank (row->v[LOCATION_NAME]))
        row_problem (im, row, _("The name column is empty. Every location needs a name."));
      if (lotline_is_blank (row->v[LOCATION_KIND]))
        row_problem (im, row, _("The kind column is empty. Use warehouse, zone, bin, production, quarantine or scrap."));
      else if (!lotline_location_kind_from_string (row->v[LOCATION_KIND], &kind))
        row_problem (im, row, _("“%s” is not a kind of location. Use warehouse, zone, bin, production, quarantine or scrap."),
                     row->v[LOCATION_KIND]);

      if (!lotline_is_blank (parent) && g_strcmp0 (parent, code) == 0)
        row_problem (im, row, _("Location “%s” cannot be its own parent. Correct the parent column."), code);
      else
        check_location_ref (im, row, LOCATION_PARENT);
      check_party_ref (im, row, LOCATION_SITE);

      /* A chain of parents within the files must end. */
      if (!lotline_is_blank (parent) && g_strcmp0 (parent, code) != 0)
        {
          Row *at = row;

          for (guint steps = 0; steps <= rows->len; steps++)
            {
              at = lotline_is_blank (at->v[LOCATION_PARENT]) ? NULL : g_hash_table_lookup (im->locations, at->v[LOCATION_PARENT]);
              if (at == NULL)
                break;
              if (at == row)
                {
                  row_problem (im, row,
                               _("Location “%s” is among its own parents: following the parent column leads back to it. Correct the parent column."),
                               code);
                  break;
                }
            }
        }
    }
}

static void
check_lots (Import *im)
{
  GPtrArray *rows = im->rows[FILE_LOTS];

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      const char *sku = row->v[LOT_PRODUCT];
      const char *code = row->v[LOT_CODE];
      const char *produced_on = row->v[LOT_PRODUCED_ON];
      const char *expires_on = row->v[LOT_EXPIRES_ON];
      LotlineLotStatus status;
      gboolean dates_ok;

      if (row->broken)
        {
          if (!lotline_is_blank (sku) && !lotline_is_blank (code))
            {
              g_autofree char *key = lot_key (sku, code);

              claim_key (im->lots, key, row);
            }
          continue;
        }

      check_product_ref (im, row, LOT_PRODUCT);
      if (lotline_is_blank (code))
        row_problem (im, row, _("The code column is empty. Every lot needs its lot code."));
      else if (!lotline_is_blank (sku))
        {
          g_autofree char *key = lot_key (sku, code);
          Row *first = claim_key (im->lots, key, row);

          if (first != NULL)
            row_problem (im, row,
                         _("Lot “%s” of %s is already on line %u of %s. A lot appears only once: remove one of the rows."),
                         code, sku, first->line, first->file->name);
          else if (db_has_lot (im, sku, code))
            row_problem (im, row,
                         _("Lot “%s” of %s is already in the database. Remove this row, or give the lot another code."),
                         code, sku);
        }

      dates_ok = check_date (im, row, LOT_PRODUCED_ON);
      dates_ok &= check_date (im, row, LOT_RECEIVED_ON);
      dates_ok &= check_date (im, row, LOT_EXPIRES_ON);
      dates_ok &= check_date (im, row, LOT_BEST_BEFORE);
      if (dates_ok && !lotline_is_blank (produced_on) && !lotline_is_blank (expires_on) && strcmp (expires_on, produced_on) < 0)
        row_problem (im, row,
                     _("Lot “%s” would expire on %s, before it was produced on %s. Correct one of the dates."),
                     code, expires_on, produced_on);

      check_party_ref (im, row, LOT_SUPPLIER);
      if (!lotline_is_blank (row->v[LOT_STATUS]) && !lotline_lot_status_from_string (row->v[LOT_STATUS], &status))
        row_problem (im, row,
                     _("“%s” is not a lot status. Use released, quarantined, recalled, expired or destroyed, or leave it empty."),
                     row->v[LOT_STATUS]);
    }
}

/* Gathers the rows of each event, in order of their first row, and checks
 * that the rows of one event agree on the event's columns. */
static void
group_events (Import *im)
{
  g_autoptr(GHashTable) by_ref = new_key_table ();
  GPtrArray *rows = im->rows[FILE_EVENTS];

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      const char *ref = row->v[EVENT_REF];
      g_autofree char *key = NULL;
      EventGroup *group;

      if (lotline_is_blank (ref))
        {
          if (!row->broken)
            row_problem (im, row,
                         _("The event column is empty. Give every row the reference of its event; the rows of one event share it."));
          poison_lot (im, row->v[EVENT_PRODUCT], row->v[EVENT_LOT]);
          continue;
        }

      key = g_strdup_printf ("%u\037%s", row->file->index, ref);
      group = g_hash_table_lookup (by_ref, key);
      if (group == NULL)
        {
          group = g_new0 (EventGroup, 1);
          group->ref = ref;
          group->rows = g_ptr_array_new ();
          g_ptr_array_add (im->events, group);
          g_hash_table_insert (by_ref, g_steal_pointer (&key), group);
        }
      g_ptr_array_add (group->rows, row);
      /* A malformed row makes its event bad; its values are not used. */
      if (row->broken)
        {
          poison_lot (im, row->v[EVENT_PRODUCT], row->v[EVENT_LOT]);
          continue;
        }

      for (guint i_col = 0; i_col < G_N_ELEMENTS (event_level_columns); i_col++)
        {
          guint c = event_level_columns[i_col];
          const char *value = row->v[c];

          if (lotline_is_blank (value))
            continue;
          if (group->values[c] == NULL)
            {
              group->values[c] = value;
              group->value_rows[c] = row;
            }
          else if (strcmp (group->values[c], value) != 0)
            row_problem (im, row,
                         _("This row gives %s “%s”, but line %u of the same event gives “%s”. The rows of one event must agree on the event’s columns, or leave them empty."),
                         column_name (row, c), value, group->value_rows[c]->line, group->values[c]);
        }
    }
}

static gboolean
role_fits (LotlineEventKind kind, LotlineLineRole role, const char **hint)
{
  switch (kind)
    {
    case LOTLINE_EVENT_RECEIVE:
    case LOTLINE_EVENT_RETURN:
      *hint = _("every line brings a lot in, so its role is output.");
      return role == LOTLINE_LINE_OUTPUT;
    case LOTLINE_EVENT_SHIP:
    case LOTLINE_EVENT_DESTROY:
      *hint = _("every line takes a lot out, so its role is input.");
      return role == LOTLINE_LINE_INPUT;
    case LOTLINE_EVENT_PRODUCE:
      *hint = _("consumed lots are input lines and produced lots are output lines.");
      return role != LOTLINE_LINE_SUBJECT;
    case LOTLINE_EVENT_TRANSFER:
      *hint = _("the line leaving a location is input and the line arriving at the other is output.");
      return role != LOTLINE_LINE_SUBJECT;
    case LOTLINE_EVENT_ADJUST:
      *hint = _("use input to take stock away and output to add it.");
      return role != LOTLINE_LINE_SUBJECT;
    case LOTLINE_EVENT_QUARANTINE:
    case LOTLINE_EVENT_RELEASE:
      *hint = _("it moves no stock, so every line is a subject line.");
      return role == LOTLINE_LINE_SUBJECT;
    default:
      *hint = "";
      return FALSE;
    }
}

static void
check_event_line (Import *im, EventGroup *group, Row *row, GHashTable *named, guint *n_in, guint *n_out)
{
  const char *sku = row->v[EVENT_PRODUCT];
  const char *code = row->v[EVENT_LOT];
  const char *quantity = row->v[EVENT_QUANTITY];
  gboolean role_ok = FALSE;

  if (lotline_is_blank (row->v[EVENT_ROLE]))
    row_problem (im, row, _("The role column is empty. Use input, output or subject."));
  else if (!(role_ok = lotline_line_role_from_string (row->v[EVENT_ROLE], &row->role)))
    row_problem (im, row, _("“%s” is not a role. Use input, output or subject."), row->v[EVENT_ROLE]);
  else if (group->kind_ok)
    {
      const char *hint = NULL;

      if (!role_fits (group->kind, row->role, &hint))
        row_problem (im, row,
                     /* Translators: "A ship event cannot have an output line: every line takes a lot out, …" */
                     _("A %s event cannot have an %s line: %s"),
                     lotline_event_kind_to_string (group->kind), lotline_line_role_to_string (row->role), hint);
      *n_in += row->role == LOTLINE_LINE_INPUT;
      *n_out += row->role == LOTLINE_LINE_OUTPUT;
    }

  /* Location and quantity */
  if (role_ok && row->role == LOTLINE_LINE_SUBJECT)
    {
      if (!lotline_is_blank (row->v[EVENT_LOCATION]))
        row_problem (im, row, _("A subject line moves no stock, so its location column must be empty."));
      row->quantity = 0;
      if (!lotline_is_blank (quantity))
        {
          g_autoptr(GError) local_error = NULL;

          if (!lotline_quantity_parse (quantity, &row->quantity, &local_error))
            row_problem (im, row, "%s", local_error->message);
          else if (row->quantity < 0)
            row_problem (im, row, _("The quantity %s is negative. Give the quantity concerned, or leave it empty."), quantity);
        }
    }
  else
    {
      if (role_ok && lotline_is_blank (row->v[EVENT_LOCATION]))
        row_problem (im, row,
                     _("The location column is empty. An input or output line needs the location that the stock leaves or enters."));
      else
        check_location_ref (im, row, EVENT_LOCATION);

      if (lotline_is_blank (quantity))
        {
          if (role_ok)
            row_problem (im, row, _("The quantity column is empty. Give the quantity in the product’s unit, such as 12.5."));
        }
      else
        {
          g_autoptr(GError) local_error = NULL;

          if (!lotline_quantity_parse (quantity, &row->quantity, &local_error))
            row_problem (im, row, "%s", local_error->message);
          else if (row->quantity <= 0 && role_ok)
            row_problem (im, row,
                         _("The quantity is %s. The quantity of an input or output line must be greater than zero."),
                         quantity);
        }
    }

  /* Product and lot */
  check_product_ref (im, row, EVENT_PRODUCT);
  if (lotline_is_blank (code))
    row_problem (im, row, _("The lot column is empty. Give the lot code."));
  else if (!lotline_is_blank (sku) && known_product (im, sku))
    {
      g_autofree char *key = lot_key (sku, code);
      Row *earlier = g_hash_table_lookup (named, key);

      gboolean known = g_hash_table_contains (im->lots, key) || g_hash_table_contains (im->created_lots, key) ||
                       db_has_lot (im, sku, code);

      if (earlier != NULL && earlier->creates_lot)
        row_problem (im, row,
                     _("Lot “%s” of %s is created by this event on line %u, so it cannot appear again in the same event. Add the lot to lots.csv instead; then it may appear on several lines."),
                     code, sku, earlier->line);
      else if (known)
        {
          /* An existing lot: nothing more to check here. */
        }
      else if (group->kind_ok && role_ok && row->role == LOTLINE_LINE_OUTPUT &&
               (group->kind == LOTLINE_EVENT_RECEIVE || group->kind == LOTLINE_EVENT_PRODUCE))
        row->creates_lot = TRUE;
      else
        row_problem (im, row,
                     _("Lot “%s” of %s is not in lots.csv or in the database, and no earlier event creates it. Add the lot to lots.csv, or receive or produce it in an earlier event."),
                     code, sku);

      if (earlier == NULL)
        g_hash_table_insert (named, g_steal_pointer (&key), row);
    }

  /* The dates of a lot created by this line */
  if (!row->creates_lot)
    {
      if (!lotline_is_blank (row->v[EVENT_LOT_PRODUCED_ON]) || !lotline_is_blank (row->v[EVENT_LOT_EXPIRES_ON]))
        row_problem (im, row,
                     _("The columns lot_produced_on and lot_expires_on are only read on the output line of a receipt or production that creates a new lot, and this line does not. Leave them empty, or give the dates in lots.csv."));
    }
  else if ((check_date (im, row, EVENT_LOT_PRODUCED_ON) & check_date (im, row, EVENT_LOT_EXPIRES_ON)) &&
           !lotline_is_blank (row->v[EVENT_LOT_PRODUCED_ON]) && !lotline_is_blank (row->v[EVENT_LOT_EXPIRES_ON]) &&
           strcmp (row->v[EVENT_LOT_EXPIRES_ON], row->v[EVENT_LOT_PRODUCED_ON]) < 0)
    row_problem (im, row,
                 _("Lot “%s” would expire on %s, before it was produced on %s. Correct one of the dates."),
                 code, row->v[EVENT_LOT_EXPIRES_ON], row->v[EVENT_LOT_PRODUCED_ON]);
}

static gboolean
reason_required (LotlineEventKind kind)
{
  return kind == LOTLINE_EVENT_ADJUST || kind == LOTLINE_EVENT_DESTROY ||
         kind == LOTLINE_EVENT_QUARANTINE || kind == LOTLINE_EVENT_RELEASE;
}

static void
check_event (Import *im, EventGroup *group)
{
  g_autoptr(GHashTable) named = new_key_table ();  /* lots named in this event → first row */
  Row *first = group->rows->pdata[0];
  const char *kind = group->values[EVENT_KIND];
  const char *occurred_at = group->values[EVENT_OCCURRED_AT];
  const char *party = group->values[EVENT_PARTY];
  guint n_in = 0, n_out = 0;

  if (kind == NULL)
    row_problem (im, first,
                 _("Event “%s” has no kind. Use receive, produce, transfer, ship, return, adjust, destroy, quarantine or release."),
                 group->ref);
  else if (!(group->kind_ok = lotline_event_kind_from_string (kind, &group->kind)))
    row_problem (im, group->value_rows[EVENT_KIND],
                 _("“%s” is not a kind of event. Use receive, produce, transfer, ship, return, adjust, destroy, quarantine or release."),
                 kind);

  if (occurred_at == NULL)
    row_problem (im, first,
                 _("Event “%s” has no occurred_at. Give the date and time it happened, such as 2026-03-01T14:30:00Z."),
                 group->ref);
  else if (!lotline_instant_parse (occurred_at, &group->occurred_at))
    row_problem (im, group->value_rows[EVENT_OCCURRED_AT],
                 _("“%s” in column occurred_at is not a date and time. Write an ISO 8601 instant such as 2026-03-01T14:30:00Z or 2026-03-01T15:30:00+01:00, or a date."),
                 occurred_at);
  else if (group->occurred_at <= 0)
    row_problem (im, group->value_rows[EVENT_OCCURRED_AT],
                 _("“%s” in column occurred_at is not after 1970. Check the date."), occurred_at);

  if (party != NULL)
    check_party_ref (im, group->value_rows[EVENT_PARTY], EVENT_PARTY);
  else if (group->kind_ok && group->kind == LOTLINE_EVENT_RECEIVE)
    row_problem (im, first, _("A receipt needs its supplier. Give the supplier’s code in the party column."));
  else if (group->kind_ok && (group->kind == LOTLINE_EVENT_SHIP || group->kind == LOTLINE_EVENT_RETURN))
    row_problem (im, first, _("A shipment or a return needs its customer. Give the customer’s code in the party column."));

  if (group->kind_ok && reason_required (group->kind) && group->values[EVENT_REASON] == NULL)
    row_problem (im, first,
                 _("A %s event needs a reason. Say why in the reason column; it is kept in the audit log."),
                 lotline_event_kind_to_string (group->kind));

  for (guint i = 0; i < group->rows->len; i++)
    {
      Row *row = group->rows->pdata[i];

      if (!row->broken)
        check_event_line (im, group, row, named, &n_in, &n_out);
    }

  if (group->kind_ok && group->kind == LOTLINE_EVENT_PRODUCE && (n_in == 0 || n_out == 0))
    row_problem (im, first,
                 _("A production needs input lines (the lots consumed) and output lines (the lots produced)."));
  if (group->kind_ok && group->kind == LOTLINE_EVENT_TRANSFER && (n_in == 0 || n_out == 0))
    row_problem (im, first,
                 _("A transfer needs an input line (the location the lot leaves) and an output line (where it arrives)."));

  for (guint i = 0; i < group->rows->len; i++)
    {
      Row *row = group->rows->pdata[i];

      group->bad |= row->bad;
      /* Even when the event is rejected, later events may name its new
       * lots without being told that they do not exist. */
      if (row->creates_lot)
        {
          g_autofree char *key = lot_key (row->v[EVENT_PRODUCT], row->v[EVENT_LOT]);

          claim_key (im->created_lots, key, row);
        }
    }
}

static void
check_events (Import *im)
{
  group_events (im);
  for (guint i = 0; i < im->events->len; i++)
    check_event (im, im->events->pdata[i]);
}

/* ---- import: pass 2, writing ------------------------------------------ */

/* A broken ledger rule becomes a problem at @row and the import goes on;
 * anything else (the database failing) ends it. */
static gboolean
write_failed (Import *im, Row *row, const char *event_ref, GError **local_error, GError **error)
{
  if ((*local_error)->domain != LOTLINE_LEDGER_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (local_error));
      return FALSE;
    }
  if (event_ref != NULL)
    row_problem (im, row, _("Event “%s” cannot be recorded: %s"), event_ref, (*local_error)->message);
  else
    row_problem (im, row, "%s", (*local_error)->message);
  g_clear_error (local_error);
  return TRUE;
}

/* What refers to the key of a row that was not written is skipped too, so
 * that the problem is reported once; unless the key is there all the same:
 * the row repeats an earlier one, or the database has it. */
static void
product_not_written (Import *im, Row *row)
{
  const char *sku = row->v[PRODUCT_SKU];

  if (!lotline_is_blank (sku) && g_hash_table_lookup (im->products, sku) == row && !db_has_product (im, sku))
    poison (im, 'P', sku);
}

static void
party_not_written (Import *im, Row *row)
{
  const char *code = row->v[PARTY_CODE];

  if (!lotline_is_blank (code) && g_hash_table_lookup (im->parties, code) == row && !db_has_party (im, code))
    poison (im, 'A', code);
}

static void
location_not_written (Import *im, Row *row)
{
  const char *code = row->v[LOCATION_CODE];

  if (!lotline_is_blank (code) && g_hash_table_lookup (im->locations, code) == row && !db_has_location (im, code))
    poison (im, 'L', code);
}

/* A lot is poisoned even when the database has it: its events were
 * meant for the lot of the file, and checking them against the stock of
 * the one in the database would only report what follows from that. */
static void
lot_not_written (Import *im, Row *row)
{
  const char *sku = row->v[LOT_PRODUCT];
  const char *code = row->v[LOT_CODE];
  g_autofree char *key = NULL;

  if (lotline_is_blank (sku) || lotline_is_blank (code))
    return;
  key = lot_key (sku, code);
  if (g_hash_table_lookup (im->lots, key) == row)
    poison (im, 'T', key);
}

static gboolean
write_products (Import *im, GError **error)
{
  GPtrArray *rows = im->rows[FILE_PRODUCTS];

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      g_autoptr(GError) local_error = NULL;
      gint64 id = 0;
      LotlineProductSpec spec = {
        .sku = row->v[PRODUCT_SKU],
        .name = row->v[PRODUCT_NAME],
        .gtin = row->v[PRODUCT_GTIN],
        .unit = row->v[PRODUCT_UNIT],
        .tracking = LOTLINE_TRACKING_LOT,
      };

      if (row->bad)
        {
          product_not_written (im, row);
          continue;
        }

      lotline_product_kind_from_string (row->v[PRODUCT_KIND], &spec.kind);
      parse_days (row->v[PRODUCT_SHELF_LIFE_DAYS], &spec.shelf_life_days);
      if (!lotline_is_blank (row->v[PRODUCT_TRACKING]))
        lotline_tracking_from_string (row->v[PRODUCT_TRACKING], &spec.tracking);
      parse_yes_no (row->v[PRODUCT_FTL], &spec.ftl);
      parse_cost (row->v[PRODUCT_UNIT_COST], &spec.unit_cost_milli);

      if (!lotline_store_add_product (im->store, &spec, &id, &local_error) ||
          (!lotline_is_blank (row->v[PRODUCT_LOT_FORMAT]) &&
           !lotline_store_set_lot_format (im->store, id, row->v[PRODUCT_LOT_FORMAT], &local_error)))
        {
          if (!write_failed (im, row, NULL, &local_error, error))
            return FALSE;
          product_not_written (im, row);
          continue;
        }
      im->n_products++;
    }
  return TRUE;
}

static gboolean
write_parties (Import *im, GError **error)
{
  GPtrArray *rows = im->rows[FILE_PARTIES];

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      g_autoptr(GError) local_error = NULL;
      LotlinePartySpec spec = {
        .code = row->v[PARTY_CODE],
        .name = row->v[PARTY_NAME],
        .gln = row->v[PARTY_GLN],
        .phone = row->v[PARTY_PHONE],
        .street = row->v[PARTY_STREET],
        .city = row->v[PARTY_CITY],
        .region = row->v[PARTY_REGION],
        .postal_code = row->v[PARTY_POSTAL_CODE],
        .country = row->v[PARTY_COUNTRY],
        .contact_name = row->v[PARTY_CONTACT_NAME],
        .contact_email = row->v[PARTY_CONTACT_EMAIL],
      };

      if (row->bad)
        {
          party_not_written (im, row);
          continue;
        }

      lotline_party_kind_from_string (row->v[PARTY_KIND], &spec.kind);
      parse_days (row->v[PARTY_MIN_SHELF_LIFE_DAYS], &spec.min_shelf_life_days);

      if (!lotline_store_add_party (im->store, &spec, NULL, &local_error))
        {
          if (!write_failed (im, row, NULL, &local_error, error))
            return FALSE;
          party_not_written (im, row);
          continue;
        }
      im->n_parties++;
    }
  return TRUE;
}

static gboolean
write_location (Import *im, Row *row, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *parent = row->v[LOCATION_PARENT];
  const char *site = row->v[LOCATION_SITE];
  LotlineLocationSpec spec = {
    .code = row->v[LOCATION_CODE],
    .name = row->v[LOCATION_NAME],
  };

  if (row->bad || is_poisoned (im, 'L', parent) || is_poisoned (im, 'A', site))
    {
      location_not_written (im, row);
      return TRUE;
    }

  lotline_location_kind_from_string (row->v[LOCATION_KIND], &spec.kind);
  if ((lotline_is_blank (parent) || lotline_store_find_location (im->store, parent, &spec.parent_id, &local_error)) &&
      (lotline_is_blank (site) || lotline_store_find_party (im->store, site, &spec.site_id, &local_error)) &&
      lotline_store_add_location (im->store, &spec, NULL, &local_error))
    {
      im->n_locations++;
      return TRUE;
    }

  if (!write_failed (im, row, NULL, &local_error, error))
    return FALSE;
  location_not_written (im, row);
  return TRUE;
}

/* Parents before their children, whatever the order of the rows. */
static gboolean
write_locations (Import *im, GError **error)
{
  GPtrArray *rows = im->rows[FILE_LOCATIONS];
  gboolean progress = TRUE;

  while (progress)
    {
      progress = FALSE;
      for (guint i = 0; i < rows->len; i++)
        {
          Row *row = rows->pdata[i];
          const char *parent = row->v[LOCATION_PARENT];
          Row *parent_row;

          if (row->done)
            continue;
          parent_row = lotline_is_blank (parent) ? NULL : g_hash_table_lookup (im->locations, parent);
          if (parent_row != NULL && parent_row != row && !parent_row->done)
            continue;
          row->done = TRUE;
          progress = TRUE;
          if (!write_location (im, row, error))
            return FALSE;
        }
    }

  /* Rows still waiting hang under a cycle of parents, reported in pass 1. */
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];

      if (!row->done)
        location_not_written (im, row);
    }
  return TRUE;
}

static gboolean
write_lots (Import *im, GError **error)
{
  GPtrArray *rows = im->rows[FILE_LOTS];

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      g_autoptr(GError) local_error = NULL;
      const char *sku = row->v[LOT_PRODUCT];
      const char *supplier = row->v[LOT_SUPPLIER];
      LotlineLotSpec spec = {
        .code = row->v[LOT_CODE],
        .produced_on = row->v[LOT_PRODUCED_ON],
        .received_on = row->v[LOT_RECEIVED_ON],
        .expires_on = row->v[LOT_EXPIRES_ON],
        .best_before = row->v[LOT_BEST_BEFORE],
        .supplier_lot = row->v[LOT_SUPPLIER_LOT],
        .tlc_source = row->v[LOT_TLC_SOURCE],
        .notes = row->v[LOT_NOTES],
      };

      if (row->bad || is_poisoned (im, 'P', sku) || is_poisoned (im, 'A', supplier))
        {
          lot_not_written (im, row);
          continue;
        }

      if (lotline_store_find_product (im->store, sku, &spec.product_id, &local_error) &&
          (lotline_is_blank (supplier) || lotline_store_find_party (im->store, supplier, &spec.supplier_id, &local_error)) &&
          lotline_store_add_lot (im->store, &spec, &row->id, &local_error))
        {
          im->n_lots++;
          continue;
        }

      if (!write_failed (im, row, NULL, &local_error, error))
        return FALSE;
      lot_not_written (im, row);
    }
  return TRUE;
}

static void
poison_event_lots (Import *im, EventGroup *group)
{
  for (guint i = 0; i < group->rows->len; i++)
    {
      Row *row = group->rows->pdata[i];

      poison_lot (im, row->v[EVENT_PRODUCT], row->v[EVENT_LOT]);
    }
}

static gboolean
write_event (Import *im, EventGroup *group, GError **error)
{
  guint n_lines = group->rows->len;
  g_autofree LotlineLineSpec *lines = g_new0 (LotlineLineSpec, n_lines);
  g_autofree LotlineLotSpec *new_lots = g_new0 (LotlineLotSpec, n_lines);
  g_autoptr(GError) local_error = NULL;
  gboolean skip = group->bad || is_poisoned (im, 'A', group->values[EVENT_PARTY]);
  LotlineEventSpec spec = {
    .kind = group->kind,
    .occurred_at = group->occurred_at,
    .doc_type = group->values[EVENT_DOC_TYPE],
    .doc_number = group->values[EVENT_DOC_NUMBER],
    .reason = group->values[EVENT_REASON],
    .override_reason = group->values[EVENT_OVERRIDE_REASON],
    .lines = lines,
    .n_lines = n_lines,
  };

  for (guint i = 0; i < n_lines && !skip; i++)
    {
      Row *row = group->rows->pdata[i];

      skip = row->bad || is_poisoned (im, 'P', row->v[EVENT_PRODUCT]) ||
             is_lot_poisoned (im, row->v[EVENT_PRODUCT], row->v[EVENT_LOT]) ||
             (row->role != LOTLINE_LINE_SUBJECT && is_poisoned (im, 'L', row->v[EVENT_LOCATION]));
    }
  if (skip)
    {
      poison_event_lots (im, group);
      return TRUE;
    }

  if (group->values[EVENT_PARTY] != NULL &&
      !lotline_store_find_party (im->store, group->values[EVENT_PARTY], &spec.party_id, &local_error))
    goto failed;

  for (guint i = 0; i < n_lines; i++)
    {
      Row *row = group->rows->pdata[i];
      LotlineLineSpec *line = &lines[i];

      line->role = row->role;
      line->quantity = row->quantity;
      if (row->role != LOTLINE_LINE_SUBJECT &&
          !lotline_store_find_location (im->store, row->v[EVENT_LOCATION], &line->location_id, &local_error))
        goto failed;

      if (row->creates_lot)
        {
          LotlineLotSpec *lot = &new_lots[i];

          if (!lotline_store_find_product (im->store, row->v[EVENT_PRODUCT], &lot->product_id, &local_error))
            goto failed;
          lot->code = row->v[EVENT_LOT];
          lot->produced_on = row->v[EVENT_LOT_PRODUCED_ON];
          lot->expires_on = row->v[EVENT_LOT_EXPIRES_ON];
          line->new_lot = lot;
        }
      else if (!lotline_store_find_lot (im->store, row->v[EVENT_PRODUCT], row->v[EVENT_LOT], &line->lot_id, &local_error))
        goto failed;
    }

  if (!lotline_store_record_event (im->store, &spec, NULL, &local_error))
    goto failed;

  im->n_events++;
  for (guint i = 0; i < n_lines; i++)
    im->n_lots += lines[i].new_lot != NULL;
  return TRUE;

failed:
  /* Later events on these lots would only report what follows from this. */
  poison_event_lots (im, group);
  return write_failed (im, group->rows->pdata[0], group->ref, &local_error, error);
}

/* A status the events do not explain (recalled, expired, or a file that
 * says so) is set directly once the events are in, and audited. */
static gboolean
apply_lot_statuses (Import *im, GError **error)
{
  GPtrArray *rows = im->rows[FILE_LOTS];

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      g_autoptr(LotlineLot) lot = NULL;
      g_autofree char *old_json = NULL, *new_json = NULL;
      LotlineLotStatus status;
      sqlite3_stmt *stmt;

      if (row->id <= 0 || lotline_is_blank (row->v[LOT_STATUS]) ||
          !lotline_lot_status_from_string (row->v[LOT_STATUS], &status))
        continue;
      lot = lotline_store_get_lot (im->store, row->id, error);
      if (lot == NULL)
        return FALSE;
      if (lot->status == status)
        continue;

      stmt = lotline_store_prepare (im->store, "UPDATE lot SET status = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, lotline_lot_status_to_string (status), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, row->id);
      if (!lotline_store_step_done (im->store, stmt, _("changing a lot’s status"), error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);

      old_json = g_strdup_printf ("{\"status\":\"%s\"}", lotline_lot_status_to_string (lot->status));
      new_json = g_strdup_printf ("{\"status\":\"%s\"}", lotline_lot_status_to_string (status));
      if (!lotline_audit_append (im->store, "status", "lot", row->id, old_json, new_json,
                                 _("Status imported from lots.csv."), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_all (Import *im, GError **error)
{
  if (!write_products (im, error) ||
      !write_parties (im, error) ||
      !write_locations (im, error) ||
      !write_lots (im, error))
    return FALSE;
  for (guint i = 0; i < im->events->len; i++)
    if (!write_event (im, im->events->pdata[i], error))
      return FALSE;
  return apply_lot_statuses (im, error);
}

/**
 * lotline_csv_import:
 * @store: a store
 * @paths: (array zero-terminated=1): CSV files, recognised by their header row
 * @report: (out caller-allocates): problems and counts
 * @error: return location for a #GError
 *
 * Imports the files in the order products, parties, locations, lots,
 * events, whatever order they are given in; events in the order of their
 * first row. Every row of every file is checked first, and the ledger's
 * rules are checked as the rows are written in one transaction; if anything
 * is wrong, that transaction is rolled back, the error is
 * %LOTLINE_IMPORT_ERROR_INVALID and @report lists every problem with its
 * file and line. A file that is not one of Lotline's CSV files gives
 * %LOTLINE_IMPORT_ERROR_FORMAT, one that cannot be read
 * %LOTLINE_IMPORT_ERROR_READ.
 *
 * Events are recorded by the store's user at the time of the import: the
 * original recorded_at and recorded_by are not kept.
 *
 * @report is initialised here (any earlier content is dropped); release it
 * with lotline_import_report_clear().
 *
 * Returns: %TRUE when everything was imported
 */
gboolean
lotline_csv_import (LotlineStore         *store,
                    const char * const   *paths,
                    LotlineImportReport  *report,
                    GError              **error)
{
  g_autoptr(GString) format_errors = g_string_new (NULL);
  Import im;
  gboolean ok = FALSE;

  g_return_val_if_fail (LOTLINE_IS_STORE (store), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (report->problems != NULL)
    lotline_import_report_clear (report);
  lotline_import_report_init (report);
  import_init (&im, store);

  for (guint i = 0; paths[i] != NULL; i++)
    if (!load_file (&im, paths[i], i, format_errors, error))
      goto out;
  if (format_errors->len > 0)
    {
      g_set_error_literal (error, LOTLINE_IMPORT_ERROR, LOTLINE_IMPORT_ERROR_FORMAT, format_errors->str);
      goto out;
    }

  for (guint i = 0; i < im.files->len; i++)
    build_rows (&im, im.files->pdata[i]);

  /* Pass 1. */
  check_products (&im);
  check_parties (&im);
  check_locations (&im);
  check_lots (&im);
  check_events (&im);

  /* Pass 2, also when pass 1 found problems, to report the broken ledger
   * rules of the rows that were good. */
  if (!lotline_store_begin (store, error))
    goto out;
  if (!write_all (&im, error))
    {
      lotline_store_rollback (store);
      goto out;
    }
  if (im.problems->len > 0)
    {
      lotline_store_rollback (store);
      g_set_error (error, LOTLINE_IMPORT_ERROR, LOTLINE_IMPORT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u problem was found in the files, so nothing was imported. Correct it and import the files again.",
                                "%u problems were found in the files, so nothing was imported. Correct them and import the files again.",
                                im.problems->len),
                   im.problems->len);
      goto out;
    }
  if (!lotline_store_commit (store, error))
    goto out;

  report->products = im.n_products;
  report->parties = im.n_parties;
  report->locations = im.n_locations;
  report->lots = im.n_lots;
  report->events = im.n_events;
  ok = TRUE;

out:
  move_problems (&im, report);
  import_clear (&im);
  return ok;
}
