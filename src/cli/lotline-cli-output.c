/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lotline-types.h"
#include "lotline-cli-output.h"

typedef enum {
  CELL_NULL,
  CELL_TEXT,
  CELL_WORD,
  CELL_INT,
  CELL_BOOL,
  CELL_QUANTITY,
} CellKind;

typedef struct {
  CellKind kind;
  char    *text;     /* text, word, or the unit of a quantity */
  char    *display;  /* words */
  gint64   number;   /* ints, booleans, quantities in thousandths */
} Cell;

typedef struct {
  char                 *key;
  char                 *title;
  LotlineCliColumnFlags flags;
} Column;

struct _LotlineCliSection {
  char      *name;
  char      *title;
  char      *empty_text;
  gboolean   is_record;
  GPtrArray *columns;  /* Column */
  GPtrArray *rows;     /* GArray of Cell */
};

struct _LotlineCliDoc {
  GPtrArray *sections;
};

gboolean
lotline_cli_format_from_string (const char *s, LotlineCliFormat *out)
{
  static const char * const names[] = { "table", "csv", "json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (s, names[i]) == 0)
      {
        *out = (LotlineCliFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* ---- building ---------------------------------------------------------- */

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  g_free (cell->text);
  g_free (cell->display);
}

static void
column_free (gpointer data)
{
  Column *column = data;

  g_free (column->key);
  g_free (column->title);
  g_free (column);
}

static void
section_free (gpointer data)
{
  LotlineCliSection *section = data;

  g_free (section->name);
  g_free (section->title);
  g_free (section->empty_text);
  g_ptr_array_unref (section->columns);
  g_ptr_array_unref (section->rows);
  g_free (section);
}

LotlineCliDoc *
lotline_cli_doc_new (void)
{
  LotlineCliDoc *doc = g_new0 (LotlineCliDoc, 1);

  doc->sections = g_ptr_array_new_with_free_func (section_free);
  return doc;
}

void
lotline_cli_doc_free (LotlineCliDoc *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->sections);
  g_free (doc);
}

static LotlineCliSection *
add_section (LotlineCliDoc *doc, const char *name, const char *title, gboolean is_record)
{
  LotlineCliSection *section = g_new0 (LotlineCliSection, 1);

  section->name = g_strdup (name);
  section->title = g_strdup (title);
  section->is_record = is_record;
  section->columns = g_ptr_array_new_with_free_func (column_free);
  section->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_ptr_array_add (doc->sections, section);
  if (is_record)
    lotline_cli_section_new_row (section);
  return section;
}

LotlineCliSection *
lotline_cli_doc_add_record (LotlineCliDoc *doc, const char *name, const char *title)
{
  return add_section (doc, name, title, TRUE);
}

LotlineCliSection *
lotline_cli_doc_add_table (LotlineCliDoc *doc, const char *name, const char *title)
{
  return add_section (doc, name, title, FALSE);
}

void
lotline_cli_section_set_empty_text (LotlineCliSection *section, const char *text)
{
  g_free (section->empty_text);
  section->empty_text = g_strdup (text);
}

void
lotline_cli_section_add_column (LotlineCliSection *section, const char *key, const char *title,
                                LotlineCliColumnFlags flags)
{
  Column *column = g_new0 (Column, 1);

  column->key = g_strdup (key);
  column->title = g_strdup (title);
  column->flags = flags;
  g_ptr_array_add (section->columns, column);
}

void
lotline_cli_section_new_row (LotlineCliSection *section)
{
  GArray *row = g_array_new (FALSE, TRUE, sizeof (Cell));

  g_array_set_clear_func (row, cell_clear);
  g_ptr_array_add (section->rows, row);
}

static void
append_cell (LotlineCliSection *section, Cell cell)
{
  GArray *row;

  g_return_if_fail (section->rows->len > 0);
  row = g_ptr_array_index (section->rows, section->rows->len - 1);
  g_array_append_val (row, cell);
}

void
lotline_cli_add_null (LotlineCliSection *section)
{
  append_cell (section, (Cell) { .kind = CELL_NULL });
}

void
lotline_cli_add_text (LotlineCliSection *section, const char *text)
{
  if (text == NULL)
    lotline_cli_add_null (section);
  else
    append_cell (section, (Cell) { .kind = CELL_TEXT, .text = g_strdup (text) });
}

void
lotline_cli_add_word (LotlineCliSection *section, const char *word, const char *display)
{
  if (word == NULL)
    lotline_cli_add_null (section);
  else
    append_cell (section, (Cell) { .kind = CELL_WORD, .text = g_strdup (word),
                                   .display = g_strdup (display ? display : word) });
}

void
lotline_cli_add_int (LotlineCliSection *section, gint64 value)
{
  append_cell (section, (Cell) { .kind = CELL_INT, .number = value });
}

void
lotline_cli_add_bool (LotlineCliSection *section, gboolean value)
{
  append_cell (section, (Cell) { .kind = CELL_BOOL, .number = value ? 1 : 0 });
}

void
lotline_cli_add_quantity (LotlineCliSection *section, gint64 milli, const char *unit)
{
  append_cell (section, (Cell) { .kind = CELL_QUANTITY, .number = milli, .text = g_strdup (unit) });
}

void
lotline_cli_field_text (LotlineCliSection *section, const char *key, const char *title, const char *text)
{
  lotline_cli_section_add_column (section, key, title, LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_add_text (section, text);
}

void
lotline_cli_field_word (LotlineCliSection *section, const char *key, const char *title,
                        const char *word, const char *display)
{
  lotline_cli_section_add_column (section, key, title, LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_add_word (section, word, display);
}

void
lotline_cli_field_int (LotlineCliSection *section, const char *key, const char *title, gint64 value)
{
  lotline_cli_section_add_column (section, key, title, LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_add_int (section, value);
}

void
lotline_cli_field_bool (LotlineCliSection *section, const char *key, const char *title, gboolean value)
{
  lotline_cli_section_add_column (section, key, title, LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_add_bool (section, value);
}

void
lotline_cli_field_quantity (LotlineCliSection *section, const char *key, const char *title,
                            gint64 milli, const char *unit)
{
  lotline_cli_section_add_column (section, key, title, LOTLINE_CLI_COLUMN_DEFAULT);
  lotline_cli_add_quantity (section, milli, unit);
}

/* ---- reading cells ----------------------------------------------------- */

static const Cell null_cell = { .kind = CELL_NULL };

static const Cell *
get_cell (GArray *row, guint column)
{
  return column < row->len ? &g_array_index (row, Cell, column) : &null_cell;
}

/* The exact machine form: what CSV writes. */
static char *
cell_to_machine_text (const Cell *cell)
{
  switch (cell->kind)
    {
    case CELL_NULL:
      return g_strdup ("");
    case CELL_TEXT:
    case CELL_WORD:
      return g_strdup (cell->text);
    case CELL_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, cell->number);
    case CELL_BOOL:
      return g_strdup (cell->number ? "true" : "false");
    case CELL_QUANTITY:
      return lotline_quantity_format (cell->number);
    default:
      g_assert_not_reached ();
    }
}

static char *
cell_to_display_text (const Cell *cell, const char *null_text)
{
  switch (cell->kind)
    {
    case CELL_NULL:
      return g_strdup (null_text);
    case CELL_WORD:
      return g_strdup (cell->display);
    case CELL_BOOL:
      return g_strdup (cell->number ? _("yes") : _("no"));
    case CELL_QUANTITY:
      {
        g_autofree char *number = lotline_quantity_format (cell->number);

        if (cell->text == NULL || *cell->text == '\0')
          return g_steal_pointer (&number);
        /* TRANSLATORS: a quantity and its unit, e.g. "12.5 kg". */
        return g_strdup_printf (C_("quantity", "%s %s"), number, cell->text);
      }
    case CELL_TEXT:
    case CELL_INT:
    default:
      return cell_to_machine_text (cell);
    }
}

static gboolean
cell_is_numeric (const Cell *cell)
{
  return cell->kind == CELL_INT || cell->kind == CELL_QUANTITY;
}

/* ---- table format ------------------------------------------------------ */

static void
append_padded (GString *out, const char *text, guint width, gboolean right)
{
  glong len = g_utf8_strlen (text, -1);
  guint pad = len < (glong) width ? width - (guint) len : 0;

  if (right)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
}

static void
end_line (GString *out, gsize line_start)
{
  /* Padding the last column would leave trailing blanks. */
  while (out->len > line_start && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

static void
write_record_table (LotlineCliSection *section, const char *indent, GString *out)
{
  GArray *row = g_ptr_array_index (section->rows, 0);
  guint width = 0;

  for (guint c = 0; c < section->columns->len; c++)
    {
      Column *column = g_ptr_array_index (section->columns, c);

      if (!(column->flags & LOTLINE_CLI_COLUMN_MACHINE))
        width = MAX (width, (guint) g_utf8_strlen (column->title, -1) + 1);
    }

  for (guint c = 0; c < section->columns->len; c++)
    {
      Column *column = g_ptr_array_index (section->columns, c);
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;
      gsize line_start = out->len;

      if (column->flags & LOTLINE_CLI_COLUMN_MACHINE)
        continue;
      /* TRANSLATORS: a field name followed by its value, as in "Lot code:". */
      label = g_strdup_printf (C_("field", "%s:"), column->title);
      value = cell_to_display_text (get_cell (row, c), "—");
      g_string_append (out, indent);
      append_padded (out, label, width, FALSE);
      g_string_append (out, "  ");
      g_string_append (out, value);
      end_line (out, line_start);
    }
}

static void
write_table_table (LotlineCliSection *section, const char *indent, GString *out)
{
  guint n_columns = section->columns->len;
  g_autofree guint *widths = g_new0 (guint, n_columns);
  g_autofree gboolean *right = g_new0 (gboolean, n_columns);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  gsize line_start;

  if (section->rows->len == 0)
    {
      gsize start = out->len;

      g_string_append (out, indent);
      g_string_append (out, section->empty_text ? section->empty_text : _("None."));
      end_line (out, start);
      return;
    }

  /* Numeric columns are right-aligned so the digits line up. */
  for (guint c = 0; c < n_columns; c++)
    {
      Column *column = g_ptr_array_index (section->columns, c);
      gboolean any_numeric = FALSE, all_numeric = TRUE;

      widths[c] = (guint) g_utf8_strlen (column->title, -1);
      for (guint r = 0; r < section->rows->len; r++)
        {
          const Cell *cell = get_cell (g_ptr_array_index (section->rows, r), c);

          if (cell->kind == CELL_NULL)
            continue;
          if (cell_is_numeric (cell))
            any_numeric = TRUE;
          else
            all_numeric = FALSE;
        }
      right[c] = any_numeric && all_numeric;
    }

  for (guint r = 0; r < section->rows->len; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        char *text = cell_to_display_text (get_cell (g_ptr_array_index (section->rows, r), c), "");

        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (text, -1));
        g_ptr_array_add (texts, text);
      }

  line_start = out->len;
  g_string_append (out, indent);
  for (guint c = 0, shown = 0; c < n_columns; c++)
    {
      Column *column = g_ptr_array_index (section->columns, c);

      if (column->flags & LOTLINE_CLI_COLUMN_MACHINE)
        continue;
      if (shown++ > 0)
        g_string_append (out, "  ");
      append_padded (out, column->title, widths[c], right[c]);
    }
  end_line (out, line_start);

  line_start = out->len;
  g_string_append (out, indent);
  for (guint c = 0, shown = 0; c < n_columns; c++)
    {
      Column *column = g_ptr_array_index (section->columns, c);

      if (column->flags & LOTLINE_CLI_COLUMN_MACHINE)
        continue;
      if (shown++ > 0)
        g_string_append (out, "  ");
      for (guint i = 0; i < widths[c]; i++)
        g_string_append_c (out, '-');
    }
  end_line (out, line_start);

  for (guint r = 0; r < section->rows->len; r++)
    {
      line_start = out->len;
      g_string_append (out, indent);
      for (guint c = 0, shown = 0; c < n_columns; c++)
        {
          Column *column = g_ptr_array_index (section->columns, c);

          if (column->flags & LOTLINE_CLI_COLUMN_MACHINE)
            continue;
          if (shown++ > 0)
            g_string_append (out, "  ");
          append_padded (out, g_ptr_array_index (texts, r * n_columns + c), widths[c], right[c]);
        }
      end_line (out, line_start);
    }
}

static void
write_table (GPtrArray *sections, GString *out)
{
  /* Headings only help when there is more than one part. */
  gboolean headings = sections->len > 1;

  for (guint i = 0; i < sections->len; i++)
    {
      LotlineCliSection *section = g_ptr_array_index (sections, i);
      const char *indent = headings ? "  " : "";

      if (i > 0)
        g_string_append_c (out, '\n');
      if (headings)
        g_string_append_printf (out, "%s\n", section->title);
      if (section->is_record)
        write_record_table (section, indent, out);
      else
        write_table_table (section, indent, out);
    }
}

/* ---- CSV (RFC 4180) ---------------------------------------------------- */

static void
append_csv_field (GString *out, const char *text)
{
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
write_csv (GPtrArray *sections, GString *out)
{
  /* Several parts become blocks separated by an empty line, each with its
   * own header row; --only gives a single plain table. */
  for (guint i = 0; i < sections->len; i++)
    {
      LotlineCliSection *section = g_ptr_array_index (sections, i);

      if (i > 0)
        g_string_append (out, "\r\n");
      for (guint c = 0; c < section->columns->len; c++)
        {
          Column *column = g_ptr_array_index (section->columns, c);

          if (c > 0)
            g_string_append_c (out, ',');
          append_csv_field (out, column->key);
        }
      g_string_append (out, "\r\n");
      for (guint r = 0; r < section->rows->len; r++)
        {
          GArray *row = g_ptr_array_index (section->rows, r);

          for (guint c = 0; c < section->columns->len; c++)
            {
              g_autofree char *text = cell_to_machine_text (get_cell (row, c));

              if (c > 0)
                g_string_append_c (out, ',');
              append_csv_field (out, text);
            }
          g_string_append (out, "\r\n");
        }
    }
}

/* ---- JSON -------------------------------------------------------------- */

static void
add_json_cell (JsonBuilder *builder, const Cell *cell)
{
  switch (cell->kind)
    {
    case CELL_NULL:
      json_builder_add_null_value (builder);
      break;
    case CELL_TEXT:
    case CELL_WORD:
      json_builder_add_string_value (builder, cell->text);
      break;
    case CELL_INT:
      json_builder_add_int_value (builder, cell->number);
      break;
    case CELL_BOOL:
      json_builder_add_boolean_value (builder, cell->number != 0);
      break;
    case CELL_QUANTITY:
      {
        /* A string keeps the decimal exact; a JSON number would be read
         * back as binary floating point by most programs. */
        g_autofree char *text = lotline_quantity_format (cell->number);

        json_builder_add_string_value (builder, text);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
add_json_row (JsonBuilder *builder, LotlineCliSection *section, GArray *row)
{
  json_builder_begin_object (builder);
  for (guint c = 0; c < section->columns->len; c++)
    {
      Column *column = g_ptr_array_index (section->columns, c);

      json_builder_set_member_name (builder, column->key);
      add_json_cell (builder, get_cell (row, c));
    }
  json_builder_end_object (builder);
}

static void
add_json_section (JsonBuilder *builder, LotlineCliSection *section)
{
  if (section->is_record)
    {
      add_json_row (builder, section, g_ptr_array_index (section->rows, 0));
      return;
    }
  json_builder_begin_array (builder);
  for (guint r = 0; r < section->rows->len; r++)
    add_json_row (builder, section, g_ptr_array_index (section->rows, r));
  json_builder_end_array (builder);
}

static void
write_json (GPtrArray *sections, gboolean bare, GString *out)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (bare)
    add_json_section (builder, g_ptr_array_index (sections, 0));
  else
    {
      json_builder_begin_object (builder);
      for (guint i = 0; i < sections->len; i++)
        {
          LotlineCliSection *section = g_ptr_array_index (sections, i);

          json_builder_set_member_name (builder, section->name);
          add_json_section (builder, section);
        }
      json_builder_end_object (builder);
    }

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

/* ---- writing ----------------------------------------------------------- */

gboolean
lotline_cli_doc_write (LotlineCliDoc *doc, LotlineCliFormat format, const char *only, FILE *out,
                       GError **error)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < doc->sections->len; i++)
    {
      LotlineCliSection *section = g_ptr_array_index (doc->sections, i);

      if (only == NULL || g_strcmp0 (only, section->name) == 0)
        g_ptr_array_add (sections, section);
    }

  if (sections->len == 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < doc->sections->len; i++)
        {
          LotlineCliSection *section = g_ptr_array_index (doc->sections, i);

          if (i > 0)
            g_string_append (names, ", ");
          g_string_append (names, section->name);
        }
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("This command has no part “%s” to show with --only. Choose one of: %s."),
                   only ? only : "", names->str);
      return FALSE;
    }

  switch (format)
    {
    case LOTLINE_CLI_FORMAT_TABLE:
      write_table (sections, text);
      break;
    case LOTLINE_CLI_FORMAT_CSV:
      write_csv (sections, text);
      break;
    case LOTLINE_CLI_FORMAT_JSON:
      write_json (sections, only != NULL, text);
      break;
    default:
      g_assert_not_reached ();
    }

  fwrite (text->str, 1, text->len, out);
  fflush (out);
  return TRUE;
}
