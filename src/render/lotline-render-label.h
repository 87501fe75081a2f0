/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lotline-label-data.h"
#include "lotline-render-document.h"

G_BEGIN_DECLS

#define LOTLINE_LABEL_ERROR (lotline_label_error_quark ())

/**
 * LotlineLabelError:
 * @LOTLINE_LABEL_ERROR_NO_GTIN: the product has no GTIN
 * @LOTLINE_LABEL_ERROR_INVALID: a value is not valid GS1 data
 * @LOTLINE_LABEL_ERROR_TOO_LONG: a symbol does not fit the label
 * @LOTLINE_LABEL_ERROR_ENCODE: the barcode library refused the data
 * @LOTLINE_LABEL_ERROR_OPTION: a size or symbol name is not known
 */
typedef enum {
  LOTLINE_LABEL_ERROR_NO_GTIN,
  LOTLINE_LABEL_ERROR_INVALID,
  LOTLINE_LABEL_ERROR_TOO_LONG,
  LOTLINE_LABEL_ERROR_ENCODE,
  LOTLINE_LABEL_ERROR_OPTION,
} LotlineLabelError;

/**
 * LotlineLabelSize:
 * @LOTLINE_LABEL_SIZE_100X50: one 100 × 50 mm label per page
 * @LOTLINE_LABEL_SIZE_4X6: one 4 × 6 in (101.6 × 152.4 mm) shipping label
 *   per page, portrait
 * @LOTLINE_LABEL_SIZE_A4: A4 sheets of 2 × 5 labels of 99.1 × 57 mm
 *   (the Avery L7173 layout: 6 mm top margin, 4.65 mm side margins,
 *   2.5 mm between the columns)
 */
typedef enum {
  LOTLINE_LABEL_SIZE_100X50,
  LOTLINE_LABEL_SIZE_4X6,
  LOTLINE_LABEL_SIZE_A4,
} LotlineLabelSize;

/**
 * LotlineLabelSymbols:
 * @LOTLINE_LABEL_SYMBOL_GS1_128: a GS1-128 linear barcode with its HRI
 * @LOTLINE_LABEL_SYMBOL_DATAMATRIX: a GS1 DataMatrix
 * @LOTLINE_LABEL_SYMBOL_QR: a QR code holding a GS1 Digital Link URI
 */
typedef enum {
  LOTLINE_LABEL_SYMBOL_GS1_128    = 1 << 0,
  LOTLINE_LABEL_SYMBOL_DATAMATRIX = 1 << 1,
  LOTLINE_LABEL_SYMBOL_QR         = 1 << 2,
  LOTLINE_LABEL_SYMBOL_ALL        = 0x7,
} LotlineLabelSymbols;

/* The resolver of GS1 Digital Link URIs when the firm has none of its own. */
#define LOTLINE_LABEL_DEFAULT_RESOLVER "https://id.gs1.org"

GQuark    lotline_label_error_quark        (void);

/* "100x50", "4x6" or "a4". */
gboolean  lotline_label_size_from_string   (const char          *text,
                                            LotlineLabelSize    *out_size,
                                            GError             **error);
/* A comma-separated list of "128", "datamatrix" and "qr". */
gboolean  lotline_label_symbols_from_string (const char         *text,
                                             LotlineLabelSymbols *out_symbols,
                                             GError             **error);
/* Labels on one page of @size: 1, or 10 on an A4 sheet. */
guint     lotline_label_size_per_page      (LotlineLabelSize     size);
/* The page size in points. */
void      lotline_label_size_get_page      (LotlineLabelSize     size,
                                            double              *out_width,
                                            double              *out_height);

char     *lotline_label_element_string     (const LotlineLabelData *data,
                                            GError             **error);
char     *lotline_label_digital_link       (const LotlineLabelData *data,
                                            const char          *resolver,
                                            GError             **error);
char     *lotline_gs1_digital_link_uri     (GPtrArray           *elements,
                                            const char          *resolver);
char     *lotline_gs1_digital_link_escape  (const char          *value,
                                            gboolean             query);

LotlineRenderDocument *lotline_render_label (const LotlineLabelData *data,
                                             const char          *resolver,
                                             LotlineLabelSize     size,
                                             LotlineLabelSymbols  symbols,
                                             guint                copies,
                                             GError             **error);

G_END_DECLS
