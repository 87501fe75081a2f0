/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Lot labels: GS1-128, GS1 DataMatrix (zint) and a GS1 Digital Link QR code
 * (qrencode) with the product, lot and expiry in words.  The symbols are
 * drawn as vector rectangles from the encoders' module matrices, so they
 * stay crisp at any printer resolution, and every label is a page (or a cell
 * of an A4 sheet) of a LotlineRenderDocument shared by printing and PDF. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <string.h>
#include <zint.h>

#include "lotline-render-label-private.h"

#define PT_PER_MM (72.0 / 25.4)

/* X-dimensions (module widths) in mm.  GS1-128 outside retail point of sale
 * allows 0.250 to 0.940 mm, target 0.495 (GS1 General Specifications,
 * symbol specification table 7); 2D symbols are kept at 0.254 mm or more
 * (DataMatrix) and 0.396 mm or more (QR), which office laser and thermal
 * printers reproduce and phone cameras read. */
#define GS1_128_MIN_X   0.250
#define GS1_128_MAX_X   0.495
#define DATAMATRIX_MIN_X 0.254
#define QR_MIN_X        0.396
#define MATRIX_MAX_X    0.990

/* Quiet zones in modules: 10X either side of GS1-128, 1X around a
 * DataMatrix (2X here, as cheap insurance), 4X around a QR code. */
#define GS1_128_QUIET   10
#define DATAMATRIX_QUIET 2
#define QR_QUIET        4

/* The Avery L7173 sheet: 2 columns × 5 rows of 99.1 × 57 mm on A4. */
#define A4_WIDTH_MM     210.0
#define A4_HEIGHT_MM    297.0
#define SHEET_COLUMNS   2
#define SHEET_ROWS      5
#define SHEET_LABEL_W   99.1
#define SHEET_LABEL_H   57.0
#define SHEET_TOP       6.0
#define SHEET_SIDE      4.65
#define SHEET_GAP       2.5

#define MAX_COPIES      1000
/* The quiet zone of GS1-128 may reach into the label's margin, up to this
 * close to its edge (mm), which printers may not reach. */
#define EDGE            1.0
#define FONT_FAMILY     "Sans"

G_DEFINE_QUARK (lotline-label-error-quark, lotline_label_error)

/* ---- options ------------------------------------------------------------- */

gboolean
lotline_label_size_from_string (const char       *text,
                                LotlineLabelSize *out_size,
                                GError          **error)
{
  static const struct { const char *name; LotlineLabelSize size; } sizes[] = {
    { "100x50", LOTLINE_LABEL_SIZE_100X50 },
    { "4x6", LOTLINE_LABEL_SIZE_4X6 },
    { "a4", LOTLINE_LABEL_SIZE_A4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (g_ascii_strcasecmp (text, sizes[i].name) == 0)
      {
        *out_size = sizes[i].size;
        return TRUE;
      }
  g_set_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_OPTION,
               _("“%s” is not a label size. Choose 100x50 (mm), 4x6 (inches) or a4 (a sheet of 10 labels)."),
               text);
  return FALSE;
}

gboolean
lotline_label_symbols_from_string (const char          *text,
                                   LotlineLabelSymbols *out_symbols,
                                   GError             **error)
{
  g_auto(GStrv) words = g_strsplit (text, ",", -1);
  LotlineLabelSymbols symbols = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = g_strstrip (words[i]);

      if (g_ascii_strcasecmp (word, "128") == 0 || g_ascii_strcasecmp (word, "gs1-128") == 0)
        symbols |= LOTLINE_LABEL_SYMBOL_GS1_128;
      else if (g_ascii_strcasecmp (word, "datamatrix") == 0 || g_ascii_strcasecmp (word, "dm") == 0)
        symbols |= LOTLINE_LABEL_SYMBOL_DATAMATRIX;
      else if (g_ascii_strcasecmp (word, "qr") == 0)
        symbols |= LOTLINE_LABEL_SYMBOL_QR;
      else
        {
          g_set_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_OPTION,
                       _("“%s” is not a barcode the label can carry. Choose from 128, datamatrix and qr, separated by commas."),
                       word);
          return FALSE;
        }
    }
  if (symbols == 0)
    {
      g_set_error_literal (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_OPTION,
                           _("Choose at least one barcode: 128, datamatrix or qr."));
      return FALSE;
    }
  *out_symbols = symbols;
  return TRUE;
}

guint
lotline_label_size_per_page (LotlineLabelSize size)
{
  return size == LOTLINE_LABEL_SIZE_A4 ? SHEET_COLUMNS * SHEET_ROWS : 1;
}

static void
get_label_mm (LotlineLabelSize size,
              double          *width,
              double          *height)
{
  switch (size)
    {
    case LOTLINE_LABEL_SIZE_4X6:
      *width = 101.6;
      *height = 152.4;
      break;
    case LOTLINE_LABEL_SIZE_A4:
      *width = SHEET_LABEL_W;
      *height = SHEET_LABEL_H;
      break;
    case LOTLINE_LABEL_SIZE_100X50:
    default:
      *width = 100.0;
      *height = 50.0;
      break;
    }
}

void
lotline_label_size_get_page (LotlineLabelSize size,
                             double          *out_width,
                             double          *out_height)
{
  double w, h;

  if (size == LOTLINE_LABEL_SIZE_A4)
    {
      w = A4_WIDTH_MM;
      h = A4_HEIGHT_MM;
    }
  else
    get_label_mm (size, &w, &h);
  *out_width = w * PT_PER_MM;
  *out_height = h * PT_PER_MM;
}

/* ---- symbols ---------------------------------------------------------- */

/* A symbol's modules, row-major, 1 = dark, and its quiet zone. */
typedef struct {
  int     rows;
  int     cols;
  guint8 *dark;
  int     quiet;
  double  min_x;   /* mm */
  double  max_x;   /* mm */
} Matrix;

static void
matrix_clear (Matrix *m)
{
  g_clear_pointer (&m->dark, g_free);
}

static gboolean
encode_zint (int          symbology,
             const char  *square_bracketed,
             Matrix      *out,
             GError     **error)
{
  struct zint_symbol *symbol = ZBarcode_Create ();
  int status;

  symbol->symbology = symbology;
  symbol->input_mode = GS1_MODE;
  if (symbology == BARCODE_DATAMATRIX)
    symbol->option_3 = DM_SQUARE;
  status = ZBarcode_Encode (symbol, (const unsigned char *) square_bracketed, 0);
  if (status >= ZINT_ERROR)
    {
      g_set_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_ENCODE,
                   _("The barcode could not be made from “%s”: %s."), square_bracketed, symbol->errtxt);
      ZBarcode_Delete (symbol);
      return FALSE;
    }
  out->rows = symbol->rows;
  out->cols = symbol->width;
  out->dark = g_new0 (guint8, (gsize) out->rows * out->cols);
  /* zint keeps each row's modules as bits, least significant first. */
  for (int r = 0; r < out->rows; r++)
    for (int c = 0; c < out->cols; c++)
      out->dark[r * out->cols + c] = (symbol->encoded_data[r][c >> 3] >> (c & 7)) & 1;
  ZBarcode_Delete (symbol);
  return TRUE;
}

static gboolean
encode_qr (const char *uri,
           Matrix     *out,
           GError    **error)
{
  QRcode *qr = QRcode_encodeString (uri, 0, QR_ECLEVEL_M, QR_MODE_8, 1);

  if (qr == NULL)
    {
      g_set_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_ENCODE,
                   _("The QR code could not be made from “%s”."), uri);
      return FALSE;
    }
  out->rows = out->cols = qr->width;
  out->dark = g_new0 (guint8, (gsize) qr->width * qr->width);
  for (int i = 0; i < qr->width * qr->width; i++)
    out->dark[i] = qr->data[i] & 1;
  QRcode_free (qr);
  return TRUE;
}

/* Everything a label shows, encoded once and drawn on every copy. */
typedef struct {
  const LotlineLabelData *data;
  LotlineLabelSymbols     symbols;
  char                   *hri;        /* "(01)…(10)…" as printed, unescaped */
  Matrix                  linear;
  Matrix                  datamatrix;
  Matrix                  qr;
} Label;

static void
label_clear (Label *label)
{
  g_clear_pointer (&label->hri, g_free);
  matrix_clear (&label->linear);
  matrix_clear (&label->datamatrix);
  matrix_clear (&label->qr);
}

static char *
dup_elements (GPtrArray  *elements,
              const char *open,
              const char *close)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < elements->len; i++)
    {
      const LotlineGs1Element *e = g_ptr_array_index (elements, i);

      g_string_append_printf (s, "%s%s%s%s", open, e->ai, close, e->value);
    }
  return g_string_free (s, FALSE);
}

static gboolean
label_encode (Label                  *label,
              const LotlineLabelData *data,
              const char             *resolver,
              LotlineLabelSymbols     symbols,
              gboolean                with_production,
              GError                **error)
{
  g_autoptr(LotlineGs1Result) result = lotline_label_parse (data, with_production, error);
  g_autofree char *square = NULL;
  g_autofree char *uri = NULL;

  if (result == NULL)
    return FALSE;
  label->data = data;
  label->symbols = symbols;
  label->hri = dup_elements (result->elements, "(", ")");
  square = dup_elements (result->elements, "[", "]");
  label->linear = (Matrix) { .quiet = GS1_128_QUIET, .min_x = GS1_128_MIN_X, .max_x = GS1_128_MAX_X };
  label->datamatrix = (Matrix) { .quiet = DATAMATRIX_QUIET, .min_x = DATAMATRIX_MIN_X, .max_x = MATRIX_MAX_X };
  label->qr = (Matrix) { .quiet = QR_QUIET, .min_x = QR_MIN_X, .max_x = MATRIX_MAX_X };
  if ((symbols & LOTLINE_LABEL_SYMBOL_GS1_128) && !encode_zint (BARCODE_GS1_128, square, &label->linear, error))
    return FALSE;
  if ((symbols & LOTLINE_LABEL_SYMBOL_DATAMATRIX) &&
      !encode_zint (BARCODE_DATAMATRIX, square, &label->datamatrix, error))
    return FALSE;
  uri = lotline_gs1_digital_link_uri (result->elements, resolver);
  if ((symbols & LOTLINE_LABEL_SYMBOL_QR) && !encode_qr (uri, &label->qr, error))
    return FALSE;
  return TRUE;
}

/* ---- layout ----------------------------------------------------------- */

typedef struct {
  double x, y, width, height;   /* mm */
} Box;

/* Where things go on one label, and the module size of each symbol. */
typedef struct {
  Box    text;
  Box    datamatrix;
  Box    qr;
  Box    linear;       /* the bars, without the HRI line */
  Box    hri;
  double linear_x;     /* mm per module */
  double datamatrix_x;
  double qr_x;
  double text_scale;   /* 1 on the small labels, larger on 4 × 6 */
} Layout;

/* The module size that fills @extent with @m and its quiet zones, within
 * the symbol's limits; 0 when even the minimum does not fit. */
static double
fit_module (const Matrix *m,
            double        extent)
{
  double x = MIN (extent / (m->cols + 2 * m->quiet), m->max_x);

  return x >= m->min_x ? x : 0;
}

static void
layout_landscape (Layout             *l,
                  LotlineLabelSymbols symbols,
                  double              w,
                  double              h)
{
  const double margin = 3, gap = 1.5;
  double inner_w = w - 2 * margin, inner_h = h - 2 * margin;
  double top_h = inner_h, side, right = w - margin;
  guint n_2d = !!(symbols & LOTLINE_LABEL_SYMBOL_DATAMATRIX) + !!(symbols & LOTLINE_LABEL_SYMBOL_QR);

  l->text_scale = 1;
  if (symbols & LOTLINE_LABEL_SYMBOL_GS1_128)
    {
      double band = inner_h * 0.38;

      l->linear = (Box) { EDGE, h - margin - band, w - 2 * EDGE, band - 3.4 };
      l->hri = (Box) { margin, h - margin - 3.2, inner_w, 3.2 };
      top_h = inner_h - band - gap;
    }
  /* Square symbols as tall as the room above the GS1-128 allows, leaving
   * the text at least a third of the width. */
  side = MIN (top_h, inner_w * (n_2d == 1 ? 0.5 : 0.27));
  if (symbols & LOTLINE_LABEL_SYMBOL_QR)
    {
      l->qr = (Box) { right - side, margin, side, side };
      right -= side + gap;
    }
  if (symbols & LOTLINE_LABEL_SYMBOL_DATAMATRIX)
    {
      l->datamatrix = (Box) { right - side, margin, side, side };
      right -= side + gap;
    }
  l->text = (Box) { margin, margin, right - margin - (n_2d > 0 ? gap : 0), top_h };
}

static void
layout_portrait (Layout             *l,
                 LotlineLabelSymbols symbols,
                 double              w,
                 double              h)
{
  const double margin = 5, gap = 3;
  double inner_w = w - 2 * margin, inner_h = h - 2 * margin;
  double y = margin, side = 0;
  guint n_2d = !!(symbols & LOTLINE_LABEL_SYMBOL_DATAMATRIX) + !!(symbols & LOTLINE_LABEL_SYMBOL_QR);
  double x;

  l->text_scale = 1.5;
  l->text = (Box) { margin, y, inner_w, inner_h * 0.30 };
  y += l->text.height + gap;
  if (n_2d > 0)
    {
      side = MIN ((inner_w - gap) / 2, inner_h * 0.32);
      x = margin + (inner_w - n_2d * side - (n_2d - 1) * gap) / 2;
      if (symbols & LOTLINE_LABEL_SYMBOL_DATAMATRIX)
        {
          l->datamatrix = (Box) { x, y, side, side };
          x += side + gap;
        }
      if (symbols & LOTLINE_LABEL_SYMBOL_QR)
        l->qr = (Box) { x, y, side, side };
      y += side + gap;
    }
  if (symbols & LOTLINE_LABEL_SYMBOL_GS1_128)
    {
      double bars = MIN (h - margin - y - 5, 32);

      l->linear = (Box) { EDGE, y, w - 2 * EDGE, bars };
      l->hri = (Box) { margin, y + bars + 0.5, inner_w, 4.5 };
    }
}

static void
layout_compute (Layout           *l,
                const Label      *label,
                LotlineLabelSize  size)
{
  double w, h;

  get_label_mm (size, &w, &h);
  memset (l, 0, sizeof *l);
  if (w > h)
    layout_landscape (l, label->symbols, w, h);
  else
    layout_portrait (l, label->symbols, w, h);

  if (label->symbols & LOTLINE_LABEL_SYMBOL_GS1_128)
    l->linear_x = fit_module (&label->linear, l->linear.width);
  if (label->symbols & LOTLINE_LABEL_SYMBOL_DATAMATRIX)
    l->datamatrix_x = fit_module (&label->datamatrix, l->datamatrix.width);
  if (label->symbols & LOTLINE_LABEL_SYMBOL_QR)
    l->qr_x = fit_module (&label->qr, l->qr.width);
}

static gboolean
layout_check (const Layout *l,
              const Label  *label,
              GError      **error)
{
  if ((label->symbols & LOTLINE_LABEL_SYMBOL_GS1_128) && l->linear_x == 0)
    {
      g_set_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_TOO_LONG,
                   _("The GS1-128 barcode for lot “%s” is too long for the width of this label at a size scanners can read. "
                     "Print the DataMatrix and QR code without it."),
                   label->data->lot_code);
      return FALSE;
    }
  if (((label->symbols & LOTLINE_LABEL_SYMBOL_DATAMATRIX) && l->datamatrix_x == 0) ||
      ((label->symbols & LOTLINE_LABEL_SYMBOL_QR) && l->qr_x == 0))
    {
      g_set_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_TOO_LONG,
                   _("The barcodes for lot “%s” do not fit this label at a size scanners can read. "
                     "Choose fewer barcodes or a larger label size."),
                   label->data->lot_code);
      return FALSE;
    }
  return TRUE;
}

/* ---- drawing ---------------------------------------------------------- */

/* Adds a rectangle for each run of dark modules in @row, one module high
 * (@height mm) from @y. */
static void
add_runs (cairo_t      *cr,
          const guint8 *row,
          int           cols,
          double        x0,
          double        y,
          double        x_mm,
          double        height)
{
  for (int c = 0; c < cols;)
    {
      int run = 0;

      while (c + run < cols && row[c + run])
        run++;
      if (run == 0)
        {
          c++;
          continue;
        }
      cairo_rectangle (cr, (x0 + c * x_mm) * PT_PER_MM, y * PT_PER_MM,
                       run * x_mm * PT_PER_MM, height * PT_PER_MM);
      c += run;
    }
}

static void
draw_linear (cairo_t      *cr,
             const Matrix *m,
             const Box    *box,
             double        x_mm)
{
  double x0 = box->x + (box->width - m->cols * x_mm) / 2;

  add_runs (cr, m->dark, m->cols, x0, box->y, x_mm, box->height);
  cairo_fill (cr);
}

/* One path of horizontal runs, filled once, so no seams show between
 * neighbouring modules when a printer or viewer rasterises it. */
static void
draw_matrix (cairo_t      *cr,
             const Matrix *m,
             const Box    *box,
             double        x_mm)
{
  double x0 = box->x + (box->width - m->cols * x_mm) / 2;
  double y0 = box->y + (box->height - m->rows * x_mm) / 2;

  for (int r = 0; r < m->rows; r++)
    add_runs (cr, m->dark + r * m->cols, m->cols, x0, y0 + r * x_mm, x_mm, x_mm);
  cairo_fill (cr);
}

typedef struct {
  char    *text;
  double   size;   /* points */
  gboolean bold;
  int      lines;  /* the most lines it may wrap to */
} TextLine;

static PangoLayout *
text_line_layout (cairo_t        *cr,
                  const TextLine *line,
                  double          scale,
                  double          width_pt)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, line->size * scale * PANGO_SCALE);
  if (line->bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width_pt * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -line->lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, line->text, -1);
  return layout;
}

static double
text_lines_height (cairo_t        *cr,
                   const TextLine *lines,
                   guint           n_lines,
                   double          scale,
                   double          width_pt)
{
  double total = 0;

  for (guint i = 0; i < n_lines; i++)
    {
      g_autoptr(PangoLayout) layout = text_line_layout (cr, &lines[i], scale, width_pt);
      int height;

      pango_layout_get_size (layout, NULL, &height);
      total += (double) height / PANGO_SCALE;
    }
  return total;
}

/* Takes @text; nothing is added when the field it shows is empty. */
static void
add_line (GArray     *lines,
          double      size,
          gboolean    bold,
          const char *value,
          char       *text)
{
  TextLine line = { text, size, bold, 1 };

  if (value == NULL || value[0] == '\0')
    {
      g_free (text);
      return;
    }
  g_array_append_val (lines, line);
}

static void
clear_text_line (TextLine *line)
{
  g_free (line->text);
}

static GArray *
label_text_lines (const LotlineLabelData *data)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (TextLine));
  TextLine name = { g_strdup (data->product_name), 10.5, TRUE, 2 };

  g_array_set_clear_func (lines, (GDestroyNotify) clear_text_line);
  g_array_append_val (lines, name);
  add_line (lines, 7, FALSE, data->sku, g_strdup_printf (_("SKU: %s"), data->sku));
  add_line (lines, 9.5, TRUE, data->lot_code, g_strdup_printf (_("Lot: %s"), data->lot_code));
  add_line (lines, 9.5, TRUE, data->expires_on, g_strdup_printf (_("Expiry: %s"), data->expires_on));
  add_line (lines, 7, FALSE, data->produced_on, g_strdup_printf (_("Produced: %s"), data->produced_on));
  add_line (lines, 7, FALSE, data->quantity, g_strdup_printf (_("Quantity: %s"), data->quantity));
  add_line (lines, 6.5, FALSE, data->company_name, g_strdup (data->company_name));
  return lines;
}

/* The words, shrunk until they fit their box. */
static void
draw_text (cairo_t                *cr,
           const LotlineLabelData *data,
           const Box              *box,
           double                  scale)
{
  g_autoptr(GArray) lines = label_text_lines (data);
  double width_pt = box->width * PT_PER_MM, height_pt = box->height * PT_PER_MM;
  double y = box->y * PT_PER_MM;

  while (scale > 0.5 && text_lines_height (cr, (TextLine *) lines->data, lines->len, scale, width_pt) > height_pt)
    scale *= 0.92;
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(PangoLayout) layout = text_line_layout (cr, &g_array_index (lines, TextLine, i), scale, width_pt);
      int height;

      pango_layout_get_size (layout, NULL, &height);
      if (y + (double) height / PANGO_SCALE > (box->y + box->height) * PT_PER_MM + 0.5)
        break;
      cairo_move_to (cr, box->x * PT_PER_MM, y);
      pango_cairo_show_layout (cr, layout);
      y += (double) height / PANGO_SCALE;
    }
}

/* The bracketed HRI, centred under the bars, as large as fits. */
static void
draw_hri (cairo_t    *cr,
          const char *hri,
          const Box  *box)
{
  TextLine line = { (char *) hri, box->height * PT_PER_MM * 0.78, FALSE, 1 };
  g_autoptr(PangoLayout) layout = NULL;
  double width_pt = box->width * PT_PER_MM;
  int text_width, text_height;

  layout = text_line_layout (cr, &line, 1, -1);
  pango_layout_get_size (layout, &text_width, &text_height);
  if (text_width / PANGO_SCALE > width_pt)
    {
      g_object_unref (layout);
      layout = text_line_layout (cr, &line, width_pt / (text_width / PANGO_SCALE) * 0.98, -1);
      pango_layout_get_size (layout, &text_width, &text_height);
    }
  cairo_move_to (cr, box->x * PT_PER_MM + (width_pt - (double) text_width / PANGO_SCALE) / 2,
                 box->y * PT_PER_MM);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_label (cairo_t      *cr,
            const Label  *label,
            const Layout *l)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_text (cr, label->data, &l->text, l->text_scale);
  if (label->symbols & LOTLINE_LABEL_SYMBOL_DATAMATRIX)
    draw_matrix (cr, &label->datamatrix, &l->datamatrix, l->datamatrix_x);
  if (label->symbols & LOTLINE_LABEL_SYMBOL_QR)
    draw_matrix (cr, &label->qr, &l->qr, l->qr_x);
  if (label->symbols & LOTLINE_LABEL_SYMBOL_GS1_128)
    {
      draw_linear (cr, &label->linear, &l->linear, l->linear_x);
      draw_hri (cr, label->hri, &l->hri);
    }
  cairo_restore (cr);
}

static void
paint_white (cairo_t *cr,
             double   width,
             double   height)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

static void
draw_pages (LotlineRenderDocument *doc,
            const Label           *label,
            const Layout          *l,
            LotlineLabelSize       size,
            guint                  copies)
{
  guint per_page = lotline_label_size_per_page (size);
  double page_w = lotline_render_document_get_width (doc);
  double page_h = lotline_render_document_get_height (doc);
  cairo_t *cr = NULL;

  for (guint i = 0; i < copies; i++)
    {
      guint cell = i % per_page;

      if (cell == 0)
        {
          g_clear_pointer (&cr, cairo_destroy);
          cr = lotline_render_document_add_page (doc);
          paint_white (cr, page_w, page_h);
        }
      cairo_save (cr);
      if (size == LOTLINE_LABEL_SIZE_A4)
        cairo_translate (cr, (SHEET_SIDE + (cell % SHEET_COLUMNS) * (SHEET_LABEL_W + SHEET_GAP)) * PT_PER_MM,
                         (SHEET_TOP + (cell / SHEET_COLUMNS) * SHEET_LABEL_H) * PT_PER_MM);
      draw_label (cr, label, l);
      cairo_restore (cr);
    }
  g_clear_pointer (&cr, cairo_destroy);
}

/* Encodes the symbols and lays them out.  A GS1-128 too wide for the label
 * is tried again without the production date (11), about 44 modules
 * shorter; the other symbols then leave it out too, so all carry the same
 * data.  The date is still printed in words. */
static gboolean
label_prepare (Label                  *label,
               Layout                 *layout,
               const LotlineLabelData *data,
               const char             *resolver,
               LotlineLabelSize        size,
               LotlineLabelSymbols     symbols,
               GError                **error)
{
  if (!label_encode (label, data, resolver, symbols, TRUE, error))
    return FALSE;
  layout_compute (layout, label, size);
  if ((symbols & LOTLINE_LABEL_SYMBOL_GS1_128) && layout->linear_x == 0 &&
      data->produced_on != NULL && data->produced_on[0] != '\0')
    {
      label_clear (label);
      if (!label_encode (label, data, resolver, symbols, FALSE, error))
        return FALSE;
      layout_compute (layout, label, size);
    }
  return layout_check (layout, label, error);
}

/**
 * lotline_render_label:
 * @data: what the label shows
 * @resolver: (nullable): the Digital Link resolver, %NULL for id.gs1.org
 * @size: the label size or sheet
 * @symbols: which barcodes to print
 * @copies: how many labels, 1 to 1000
 * @error: a #LOTLINE_LABEL_ERROR
 *
 * Checks the label's GS1 data, encodes the barcodes and draws @copies
 * labels: one per page, or ten per A4 sheet.  The symbols carry (01),
 * (11), (17) and (10); (11) is left out of all of them when the GS1-128
 * would otherwise be too wide for the label.
 *
 * Returns: (transfer full): the labels, or %NULL when the product has no
 *   GTIN, a value is not valid GS1 data or the barcodes do not fit
 */
LotlineRenderDocument *
lotline_render_label (const LotlineLabelData *data,
                      const char             *resolver,
                      LotlineLabelSize        size,
                      LotlineLabelSymbols     symbols,
                      guint                   copies,
                      GError                **error)
{
  Label label = { 0 };
  Layout layout;
  LotlineRenderDocument *doc = NULL;
  double page_w, page_h;

  if (copies < 1 || copies > MAX_COPIES)
    {
      g_set_error (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_OPTION,
                   _("%u copies cannot be printed. Choose between 1 and %u."), copies, MAX_COPIES);
      return NULL;
    }
  if ((symbols & LOTLINE_LABEL_SYMBOL_ALL) == 0)
    {
      g_set_error_literal (error, LOTLINE_LABEL_ERROR, LOTLINE_LABEL_ERROR_OPTION,
                           _("Choose at least one barcode: 128, datamatrix or qr."));
      return NULL;
    }
  if (label_prepare (&label, &layout, data, resolver, size, symbols & LOTLINE_LABEL_SYMBOL_ALL, error))
    {
      lotline_label_size_get_page (size, &page_w, &page_h);
      doc = lotline_render_document_new (page_w, page_h);
      draw_pages (doc, &label, &layout, size, copies);
      lotline_render_document_mark_part (doc, 0);
    }
  label_clear (&label);
  return doc;
}
