/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LOTLINE_LOT_FORMAT_ERROR (lotline_lot_format_error_quark ())

typedef enum {
  LOTLINE_LOT_FORMAT_ERROR_TEMPLATE,   /* the template itself is malformed */
  LOTLINE_LOT_FORMAT_ERROR_VALUE,      /* a value does not fit its segment */
  LOTLINE_LOT_FORMAT_ERROR_NO_MATCH,   /* a code does not follow the format */
} LotlineLotFormatError;

typedef enum {
  LOTLINE_LOT_SEGMENT_LITERAL,
  LOTLINE_LOT_SEGMENT_DATE_YYMMDD,
  LOTLINE_LOT_SEGMENT_DATE_YYYYMMDD,
  LOTLINE_LOT_SEGMENT_DATE_JULIAN,     /* YYDDD */
  LOTLINE_LOT_SEGMENT_FACILITY,
  LOTLINE_LOT_SEGMENT_LINE,
  LOTLINE_LOT_SEGMENT_SHIFT,
  LOTLINE_LOT_SEGMENT_PRODUCT,
  LOTLINE_LOT_SEGMENT_SEQUENCE,
} LotlineLotSegmentKind;

typedef struct {
  LotlineLotSegmentKind kind;
  char                 *literal;   /* LITERAL only */
  guint                 width;     /* fixed width, 0 = any */
} LotlineLotSegment;

/* The values of a code.  Dates are ISO (YYYY-MM-DD); two-digit years are
 * 2000–2099. */
typedef struct {
  char  *date;
  char  *facility;
  char  *line;
  char  *shift;
  char  *product;
  guint  sequence;
} LotlineLotParts;

typedef struct _LotlineLotFormat LotlineLotFormat;

GQuark            lotline_lot_format_error_quark (void);

/* A template is literal text with segments in braces: {YYMMDD}, {YYYYMMDD},
 * {YYDDD}, {FACILITY}, {LINE}, {SHIFT}, {PRODUCT}, {SEQ}; a segment may give
 * a fixed width, as in {SEQ:4} or {FACILITY:2}.  "{{" is a literal brace. */
LotlineLotFormat *lotline_lot_format_new       (const char *template_text,
                                                GError    **error);
void              lotline_lot_format_free      (LotlineLotFormat *format);
const char       *lotline_lot_format_get_template (const LotlineLotFormat *format);
const LotlineLotSegment *lotline_lot_format_get_segments (const LotlineLotFormat *format,
                                                          guint                  *n_segments);

char             *lotline_lot_format_generate  (const LotlineLotFormat *format,
                                                const LotlineLotParts  *parts,
                                                GError                **error);
gboolean          lotline_lot_format_parse     (const LotlineLotFormat *format,
                                                const char             *code,
                                                LotlineLotParts        *out_parts,
                                                GError                **error);
/* The code after the highest sequence among @existing codes that share the
 * other values of @parts (sequence 1 when there is none). */
char             *lotline_lot_format_next_code (const LotlineLotFormat *format,
                                                const LotlineLotParts  *parts,
                                                const char *const      *existing,
                                                GError                **error);

void              lotline_lot_parts_clear      (LotlineLotParts *parts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineLotFormat, lotline_lot_format_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LotlineLotParts, lotline_lot_parts_clear)

G_END_DECLS
