/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The paged-document pieces the recall letters (lotline-render-recall.c)
 * and the reports (lotline-render-recall-report.c) are drawn with. */

#include <pango/pangocairo.h>

#include "lotline-render-recall.h"

G_BEGIN_DECLS

#define FONT_FAMILY "Sans"
#define MM          (72.0 / 25.4)
#define INCH        72.0
#define BODY_SIZE   10.0
#define SMALL_SIZE  8.0

typedef struct {
  double red, green, blue;
} Rgb;

static const Rgb black = { 0, 0, 0 };
static const Rgb grey = { 0.35, 0.35, 0.35 };
static const Rgb urgent_red = { 0.78, 0.0, 0.0 };


/* Draws into a LotlineRenderDocument: each page is recorded, so the same
 * pages go to a PDF file, a printer and the preview. */
typedef struct {
  LotlineRenderDocument *doc;
  cairo_t               *cr;
  PangoLayout           *text;
  LotlinePaper           paper;
  double                 width, height;
  double                 left, right, top, bottom;
  double                 y;
  guint                  page;        /* the current page, from 1 */
  guint                  first_page;  /* of the current letter or report */
  char                  *footer;      /* printed at the foot of every page */
  cairo_status_t         status;      /* the first error of any page */
} Doc;

typedef struct {
  guint              n_columns;
  const char * const *titles;
  const double       *widths;  /* fractions of the text width */
} Table;

/* Starts @d on a first page of @paper. */
void                   lotline_recall_doc_init        (Doc                *d,
                                                       LotlinePaper        paper);
void                   lotline_recall_doc_new_page    (Doc                *d);
/* Starts a new letter or document part (on a new page unless @first),
 * whose pages are numbered from 1 in the footer @footer. */
void                   lotline_recall_doc_start_part  (Doc                *d,
                                                       const char         *footer,
                                                       gboolean            first);
/* Frees @d; on success returns its document. */
LotlineRenderDocument *lotline_recall_doc_finish      (Doc                *d,
                                                       GError            **error);
/* A paragraph across the text width, on a new page when it does not fit. */
void                   lotline_recall_doc_para_full   (Doc                *d,
                                                       const char         *text,
                                                       gboolean            markup,
                                                       double              size,
                                                       PangoWeight         weight,
                                                       const Rgb          *color,
                                                       double              space_after);
void                   lotline_recall_doc_para        (Doc                *d,
                                                       const char         *text);
void                   lotline_recall_doc_heading     (Doc                *d,
                                                       const char         *text);
/* "Label: value" with the label bold. */
void                   lotline_recall_doc_labelled    (Doc                *d,
                                                       const char         *label,
                                                       const char         *value);

void                   lotline_recall_table_header    (Doc                *d,
                                                       const Table        *t);
/* A body row; on a new page the header is repeated. */
void                   lotline_recall_table_row       (Doc                *d,
                                                       const Table        *t,
                                                       const char * const *cells);
void                   lotline_recall_table_end       (Doc                *d);

char                  *lotline_recall_format_quantity (gint64              milli,
                                                       const char         *unit);
/* "YYYY-MM-DD" the recall was opened, or created while a draft. */
char                  *lotline_recall_dup_date        (const LotlineRecall *recall);
const char            *lotline_recall_class_text      (LotlineRecallClass  c);
const char            *lotline_recall_depth_text      (LotlineRecallDepth  depth);
/* The non-empty ones of @a to @d, separated by @sep. */
char                  *lotline_recall_join            (const char         *sep,
                                                       const char         *a,
                                                       const char         *b,
                                                       const char         *c,
                                                       const char         *d);
char                  *lotline_recall_city_line       (const LotlineRecallConsignee *c);
/* One consignee's letter and response form, as a part of its own. */
void                   lotline_recall_draw_letter     (Doc                *d,
                                                       const LotlineRenderCompany   *company,
                                                       const LotlineRecall          *recall,
                                                       const LotlineRecallConsignee *c,
                                                       gboolean            first,
                                                       const char         *prefix);
/* Writes @doc to @path and frees it; FALSE when there is none. */
gboolean               lotline_recall_write_document  (LotlineRenderDocument *doc,
                                                       const char            *path,
                                                       GError               **error);

G_END_DECLS
