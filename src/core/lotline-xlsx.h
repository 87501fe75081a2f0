/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * LotlineXlsxSheet:
 * @name: the sheet's tab name (at most 31 characters, none of []:*?/\)
 * @rows: (element-type GStrv): the rows; the first is the header, drawn
 *   bold, frozen and with an autofilter; a %NULL or empty cell is left out
 *
 * One worksheet of a workbook of inline text cells.
 */
typedef struct {
  const char *name;
  GPtrArray  *rows;
} LotlineXlsxSheet;

/**
 * lotline_xlsx_build:
 * @sheets: (array length=n_sheets): the sheets, in tab order
 * @n_sheets: at least one
 * @error: return location for an error
 *
 * Builds a minimal Office Open XML workbook (ECMA-376) in memory: a ZIP
 * written here, deflated with GIO's zlib converter, no other library.
 *
 * Returns: (transfer full): the .xlsx file's bytes, or %NULL on error
 */
GBytes *lotline_xlsx_build (const LotlineXlsxSheet *sheets,
                            guint                   n_sheets,
                            GError                **error);

/**
 * lotline_crc32:
 * @data: (array length=length): bytes
 * @length: how many
 *
 * Returns: the CRC-32 (ISO 3309, as ZIP and PNG use it) of @data
 */
guint32 lotline_crc32 (const guint8 *data,
                       gsize         length);

G_END_DECLS
