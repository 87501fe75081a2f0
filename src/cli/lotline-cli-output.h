/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

/* What a command prints is first collected as a document of named sections,
 * then written in the format the user chose, so every command gets the three
 * formats for free and they always agree. */

typedef enum {
  LOTLINE_CLI_FORMAT_TABLE,  /* aligned columns for people */
  LOTLINE_CLI_FORMAT_CSV,    /* RFC 4180, one block per section */
  LOTLINE_CLI_FORMAT_JSON,   /* one object, pretty-printed */
} LotlineCliFormat;

gboolean lotline_cli_format_from_string (const char *s, LotlineCliFormat *out);

typedef enum {
  LOTLINE_CLI_COLUMN_DEFAULT = 0,
  /* Left out of the table format (ids, keys, units already shown with the
   * quantities), kept in CSV and JSON where programs want them. */
  LOTLINE_CLI_COLUMN_MACHINE = 1 << 0,
} LotlineCliColumnFlags;

typedef struct _LotlineCliDoc     LotlineCliDoc;
typedef struct _LotlineCliSection LotlineCliSection;

LotlineCliDoc     *lotline_cli_doc_new        (void);
void               lotline_cli_doc_free       (LotlineCliDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineCliDoc, lotline_cli_doc_free)

/* A record is one object: "Title: value" lines in the table format. */
LotlineCliSection *lotline_cli_doc_add_record (LotlineCliDoc *doc,
                                               const char    *name,
                                               const char    *title);
/* A table is a list of rows with the same columns. */
LotlineCliSection *lotline_cli_doc_add_table  (LotlineCliDoc *doc,
                                               const char    *name,
                                               const char    *title);

/* Shown instead of an empty table in the table format. */
void lotline_cli_section_set_empty_text (LotlineCliSection *section,
                                         const char        *text);

void lotline_cli_section_add_column (LotlineCliSection    *section,
                                     const char           *key,
                                     const char           *title,
                                     LotlineCliColumnFlags flags);
/* Starts a new row of a table; cells are then added in column order. */
void lotline_cli_section_new_row    (LotlineCliSection *section);

void lotline_cli_add_null     (LotlineCliSection *section);
/* NULL text is a null cell. */
void lotline_cli_add_text     (LotlineCliSection *section, const char *text);
/* A word of a fixed vocabulary: @word in CSV and JSON, @display for people. */
void lotline_cli_add_word     (LotlineCliSection *section, const char *word, const char *display);
void lotline_cli_add_int      (LotlineCliSection *section, gint64 value);
void lotline_cli_add_bool     (LotlineCliSection *section, gboolean value);
/* Exact decimal text in CSV and JSON; "12.5 kg" in the table format when
 * @unit is not NULL. */
void lotline_cli_add_quantity (LotlineCliSection *section, gint64 milli, const char *unit);

/* Record shortcuts: a column and its value at once. */
void lotline_cli_field_text     (LotlineCliSection *section, const char *key, const char *title,
                                 const char *text);
void lotline_cli_field_word     (LotlineCliSection *section, const char *key, const char *title,
                                 const char *word, const char *display);
void lotline_cli_field_int      (LotlineCliSection *section, const char *key, const char *title,
                                 gint64 value);
void lotline_cli_field_bool     (LotlineCliSection *section, const char *key, const char *title,
                                 gboolean value);
void lotline_cli_field_quantity (LotlineCliSection *section, const char *key, const char *title,
                                 gint64 milli, const char *unit);

/**
 * lotline_cli_doc_write:
 * @doc: a document
 * @format: how to write it
 * @only: (nullable): the name of the one section to write
 * @out: where to write
 * @error: a %G_OPTION_ERROR when @only names no section
 *
 * Nothing is written when it fails.
 */
gboolean lotline_cli_doc_write (LotlineCliDoc    *doc,
                                LotlineCliFormat  format,
                                const char       *only,
                                FILE             *out,
                                GError          **error);

G_END_DECLS
