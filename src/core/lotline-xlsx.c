/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A spreadsheet writer just big enough for sortable exports: text cells
 * (inline strings, so no shared-string table), a bold frozen header row
 * with an autofilter, packed in a ZIP written here.  The ZIP has no
 * data descriptors and no ZIP64, so every member and the whole file stay
 * below 4 GiB, which is checked. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lotline-xlsx.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
/* What Excel and LibreOffice can open. */
#define XLSX_MAX_ROWS 1048576u
#define XLSX_MAX_COLUMNS 16384u
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* ---- CRC-32 ------------------------------------------------------------ */

guint32
lotline_crc32 (const guint8 *data, gsize length)
{
  static guint32 table[256];
  static gsize table_ready;
  guint32 crc = 0xffffffffu;

  if (g_once_init_enter (&table_ready))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
          table[n] = c;
        }
      g_once_init_leave (&table_ready, 1);
    }
  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

/* ---- ZIP --------------------------------------------------------------- */

typedef struct {
  GByteArray *out;        /* local headers and data so far */
  GByteArray *directory;  /* the central directory */
  guint       n_entries;
} Zip;

/* MS-DOS date 1980-01-01 00:00: a fixed time, so the same data always
 * makes the same file. */
#define ZIP_DOS_TIME 0
#define ZIP_DOS_DATE ((0 << 9) | (1 << 5) | 1)
#define ZIP_FLAG_UTF8 0x0800
#define ZIP_DEFLATE 8
#define ZIP_VERSION 20

static void
put16 (GByteArray *a, guint v)
{
  guint8 b[2] = { v & 0xff, (v >> 8) & 0xff };

  g_byte_array_append (a, b, 2);
}

static void
put32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >> 24) & 0xff };

  g_byte_array_append (a, b, 4);
}

static GBytes *
deflate_raw (const char *data, gsize length, GError **error)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) stream = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  if (!g_output_stream_write_all (stream, data, length, NULL, NULL, error) ||
      !g_output_stream_close (stream, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* The fields that the local header and the central directory share. */
static void
put_entry_fields (GByteArray *a, guint32 crc, gsize compressed, gsize length, gsize name_length)
{
  put16 (a, ZIP_VERSION);
  put16 (a, ZIP_FLAG_UTF8);
  put16 (a, ZIP_DEFLATE);
  put16 (a, ZIP_DOS_TIME);
  put16 (a, ZIP_DOS_DATE);
  put32 (a, crc);
  put32 (a, (guint32) compressed);
  put32 (a, (guint32) length);
  put16 (a, (guint) name_length);
  put16 (a, 0);  /* extra field length */
}

static gboolean
too_big (gsize size, GError **error)
{
  if (size < G_MAXUINT32)
    return FALSE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
               _("The workbook would be larger than 4 GiB, more than a spreadsheet file can hold. "
                 "Export the CSV files instead."));
  return TRUE;
}

static gboolean
zip_add (Zip *zip, const char *name, const char *data, gsize length, GError **error)
{
  g_autoptr(GBytes) packed = deflate_raw (data, length, error);
  guint32 crc = lotline_crc32 ((const guint8 *) data, length);
  gsize name_length = strlen (name), offset = zip->out->len, packed_size;

  if (packed == NULL)
    return FALSE;
  packed_size = g_bytes_get_size (packed);
  if (too_big (length, error) || too_big (offset + packed_size + name_length + 30, error))
    return FALSE;

  put32 (zip->out, 0x04034b50);
  put_entry_fields (zip->out, crc, packed_size, length, name_length);
  g_byte_array_append (zip->out, (const guint8 *) name, (guint) name_length);
  g_byte_array_append (zip->out, g_bytes_get_data (packed, NULL), (guint) packed_size);

  put32 (zip->directory, 0x02014b50);
  put16 (zip->directory, ZIP_VERSION);  /* made by: MS-DOS attributes */
  put_entry_fields (zip->directory, crc, packed_size, length, name_length);
  put16 (zip->directory, 0);  /* comment length */
  put16 (zip->directory, 0);  /* disk number */
  put16 (zip->directory, 0);  /* internal attributes */
  put32 (zip->directory, 0);  /* external attributes */
  put32 (zip->directory, (guint32) offset);
  g_byte_array_append (zip->directory, (const guint8 *) name, (guint) name_length);
  zip->n_entries++;
  return TRUE;
}

static gboolean
zip_add_string (Zip *zip, const char *name, GString *text, GError **error)
{
  return zip_add (zip, name, text->str, text->len, error);
}

static GBytes *
zip_finish (Zip *zip, GError **error)
{
  gsize directory_offset = zip->out->len, directory_size = zip->directory->len;

  if (too_big (directory_offset + directory_size + 22, error))
    return NULL;
  g_byte_array_append (zip->out, zip->directory->data, zip->directory->len);
  put32 (zip->out, 0x06054b50);
  put16 (zip->out, 0);  /* this disk */
  put16 (zip->out, 0);  /* the disk with the directory */
  put16 (zip->out, zip->n_entries);
  put16 (zip->out, zip->n_entries);
  put32 (zip->out, (guint32) directory_size);
  put32 (zip->out, (guint32) directory_offset);
  put16 (zip->out, 0);  /* comment length */
  return g_byte_array_free_to_bytes (g_steal_pointer (&zip->out));
}

/* ---- the workbook's parts ---------------------------------------------- */

/* "A", "B" … "Z", "AA" … for a 0-based column. */
static void
append_column_name (GString *out, guint column)
{
  char buffer[8];
  int i = G_N_ELEMENTS (buffer) - 1;

  buffer[i] = '\0';
  do
    {
      buffer[--i] = (char) ('A' + column % 26);
      column = column / 26;
    }
  while (column-- > 0 && i > 0);
  g_string_append (out, buffer + i);
}

/* XML 1.0 cannot carry most control characters, even escaped. */
static void
append_xml_text (GString *out, const char *text)
{
  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\t': case '\n': case '\r': g_string_append_c (out, *p); break;
        default:
          if ((guchar) *p >= 0x20)
            g_string_append_c (out, *p);
          break;
        }
    }
}

static guint
sheet_width (const LotlineXlsxSheet *sheet)
{
  guint width = 1;

  for (guint r = 0; r < sheet->rows->len; r++)
    width = MAX (width, g_strv_length (sheet->rows->pdata[r]));
  return width;
}

/* "A1:K12" (or "A1:K1" for a sheet with its header only). */
static char *
sheet_range (const LotlineXlsxSheet *sheet, gboolean absolute)
{
  GString *range = g_string_new (absolute ? "$A$1:$" : "A1:");

  append_column_name (range, sheet_width (sheet) - 1);
  g_string_append_printf (range, "%s%u", absolute ? "$" : "", MAX (sheet->rows->len, 1));
  return g_string_free (range, FALSE);
}

static void
append_row (GString *xml, char **cells, guint r)
{
  g_string_append_printf (xml, "<row r=\"%u\">", r + 1);
  for (guint c = 0; cells[c] != NULL; c++)
    {
      if (cells[c][0] == '\0')
        continue;
      g_string_append (xml, "<c r=\"");
      append_column_name (xml, c);
      g_string_append_printf (xml, "%u\"%s t=\"inlineStr\"><is><t xml:space=\"preserve\">",
                              r + 1, r == 0 ? " s=\"1\"" : "");
      append_xml_text (xml, cells[c]);
      g_string_append (xml, "</t></is></c>");
    }
  g_string_append (xml, "</row>\n");
}

static GString *
sheet_xml (const LotlineXlsxSheet *sheet)
{
  GString *xml = g_string_new (XML_DECL);
  g_autofree char *range = sheet_range (sheet, FALSE);

  g_string_append_printf (xml,
    "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">\n"
    "<dimension ref=\"%s\"/>\n"
    "<sheetViews><sheetView workbookViewId=\"0\">"
    "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
    "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
    "</sheetView></sheetViews>\n"
    "<sheetFormatPr defaultRowHeight=\"15\"/>\n"
    "<cols><col min=\"1\" max=\"%u\" width=\"22\" customWidth=\"1\"/></cols>\n"
    "<sheetData>\n", range, sheet_width (sheet));
  for (guint r = 0; r < sheet->rows->len; r++)
    append_row (xml, sheet->rows->pdata[r], r);
  g_string_append_printf (xml, "</sheetData>\n<autoFilter ref=\"%s\"/>\n</worksheet>\n", range);
  return xml;
}

static GString *
workbook_xml (const LotlineXlsxSheet *sheets, guint n_sheets)
{
  GString *xml = g_string_new (XML_DECL);

  g_string_append (xml, "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">\n"
                        "<bookViews><workbookView/></bookViews>\n<sheets>\n");
  for (guint i = 0; i < n_sheets; i++)
    {
      g_string_append (xml, "<sheet name=\"");
      append_xml_text (xml, sheets[i].name);
      g_string_append_printf (xml, "\" sheetId=\"%u\" r:id=\"rId%u\"/>\n", i + 1, i + 1);
    }
  /* Excel keeps each sheet's autofilter range in this hidden name too. */
  g_string_append (xml, "</sheets>\n<definedNames>\n");
  for (guint i = 0; i < n_sheets; i++)
    {
      g_autofree char *range = sheet_range (&sheets[i], TRUE);

      g_string_append_printf (xml, "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"%u\" hidden=\"1\">'", i);
      append_xml_text (xml, sheets[i].name);
      g_string_append_printf (xml, "'!%s</definedName>\n", range);
    }
  g_string_append (xml, "</definedNames>\n</workbook>\n");
  return xml;
}

static GString *
workbook_rels_xml (guint n_sheets)
{
  GString *xml = g_string_new (XML_DECL);

  g_string_append (xml, "<Relationships xmlns=\"" NS_PKG_REL "\">\n");
  for (guint i = 0; i < n_sheets; i++)
    g_string_append_printf (xml, "<Relationship Id=\"rId%u\" Type=\"" NS_REL "/worksheet\""
                                 " Target=\"worksheets/sheet%u.xml\"/>\n", i + 1, i + 1);
  g_string_append_printf (xml, "<Relationship Id=\"rId%u\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>\n"
                               "</Relationships>\n", n_sheets + 1);
  return xml;
}

static GString *
content_types_xml (guint n_sheets)
{
  GString *xml = g_string_new (XML_DECL);

  g_string_append (xml,
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\n"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\n"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>\n"
    "<Override PartName=\"/xl/workbook.xml\""
    " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\n"
    "<Override PartName=\"/xl/styles.xml\""
    " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\n");
  for (guint i = 0; i < n_sheets; i++)
    g_string_append_printf (xml, "<Override PartName=\"/xl/worksheets/sheet%u.xml\""
                                 " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\n",
                            i + 1);
  g_string_append (xml, "</Types>\n");
  return xml;
}

static const char package_rels_xml[] =
  XML_DECL
  "<Relationships xmlns=\"" NS_PKG_REL "\">\n"
  "<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" Target=\"xl/workbook.xml\"/>\n"
  "</Relationships>\n";

/* Style 0 is the default; style 1 is bold, for the header row. */
static const char styles_xml[] =
  XML_DECL
  "<styleSheet xmlns=\"" NS_MAIN "\">\n"
  "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
  "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>\n"
  "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
  "<fill><patternFill patternType=\"gray125\"/></fill></fills>\n"
  "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\n"
  "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\n"
  "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
  "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>\n"
  "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\n"
  "</styleSheet>\n";

static gboolean
add_owned (Zip *zip, const char *name, GString *xml, GError **error)
{
  gboolean ok = zip_add_string (zip, name, xml, error);

  g_string_free (xml, TRUE);
  return ok;
}

GBytes *
lotline_xlsx_build (const LotlineXlsxSheet *sheets, guint n_sheets, GError **error)
{
  Zip zip = { g_byte_array_new (), g_byte_array_new (), 0 };
  GBytes *bytes = NULL;

  g_return_val_if_fail (n_sheets > 0, NULL);

  for (guint i = 0; i < n_sheets; i++)
    if (sheets[i].rows->len > XLSX_MAX_ROWS || sheet_width (&sheets[i]) > XLSX_MAX_COLUMNS)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                     _("The sheet “%s” would have more than 1,048,576 rows, more than a spreadsheet can hold. "
                       "Export the CSV files instead."), sheets[i].name);
        g_byte_array_unref (zip.out);
        g_byte_array_unref (zip.directory);
        return NULL;
      }

  if (!add_owned (&zip, "[Content_Types].xml", content_types_xml (n_sheets), error) ||
      !zip_add (&zip, "_rels/.rels", package_rels_xml, strlen (package_rels_xml), error) ||
      !add_owned (&zip, "xl/workbook.xml", workbook_xml (sheets, n_sheets), error) ||
      !add_owned (&zip, "xl/_rels/workbook.xml.rels", workbook_rels_xml (n_sheets), error) ||
      !zip_add (&zip, "xl/styles.xml", styles_xml, strlen (styles_xml), error))
    goto out;
  for (guint i = 0; i < n_sheets; i++)
    {
      g_autofree char *name = g_strdup_printf ("xl/worksheets/sheet%u.xml", i + 1);

      if (!add_owned (&zip, name, sheet_xml (&sheets[i]), error))
        goto out;
    }
  bytes = zip_finish (&zip, error);

out:
  if (zip.out != NULL)
    g_byte_array_unref (zip.out);
  g_byte_array_unref (zip.directory);
  return bytes;
}
