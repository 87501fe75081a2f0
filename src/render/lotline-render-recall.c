/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "lotline-render-recall.h"

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

gboolean
lotline_paper_from_string (const char *s, LotlinePaper *out)
{
  if (g_ascii_strcasecmp (s, "a4") == 0)
    *out = LOTLINE_PAPER_A4;
  else if (g_ascii_strcasecmp (s, "letter") == 0 || g_ascii_strcasecmp (s, "us-letter") == 0)
    *out = LOTLINE_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/* ---- a paginated document --------------------------------------------- */

typedef struct {
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoLayout     *text;
  LotlinePaper     paper;
  double           width, height;
  double           left, right, top, bottom;
  double           y;
  guint            page;        /* the current page, from 1 */
  guint            first_page;  /* of the current letter or report */
  char            *footer;      /* printed at the foot of every page */
} Doc;

static void
doc_init (Doc *d, const char *path, LotlinePaper paper)
{
  memset (d, 0, sizeof *d);
  d->paper = paper;
  if (paper == LOTLINE_PAPER_LETTER)
    {
      d->width = 8.5 * INCH;
      d->height = 11 * INCH;
      d->left = 1 * INCH;
    }
  else
    {
      d->width = 210 * MM;
      d->height = 297 * MM;
      d->left = 25 * MM;
    }
  d->right = d->width - 20 * MM;
  d->top = 15 * MM;
  d->bottom = d->height - 22 * MM;
  d->y = d->top;
  d->page = 1;
  d->first_page = 1;
  d->surface = cairo_pdf_surface_create (path, d->width, d->height);
  d->cr = cairo_create (d->surface);
  d->text = pango_cairo_create_layout (d->cr);
  pango_layout_set_wrap (d->text, PANGO_WRAP_WORD_CHAR);
}

static void
doc_draw_footer (Doc *d)
{
  g_autofree char *page = NULL;

  if (d->footer == NULL)
    return;
  page = g_strdup_printf (_("%s · page %u"), d->footer, d->page - d->first_page + 1);
  cairo_save (d->cr);
  {
    PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

    pango_font_description_set_absolute_size (font, SMALL_SIZE * PANGO_SCALE);
    pango_font_description_set_weight (font, PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description (d->text, font);
    pango_font_description_free (font);
  }
  pango_layout_set_width (d->text, (int) ((d->right - d->left) * PANGO_SCALE));
  pango_layout_set_alignment (d->text, PANGO_ALIGN_CENTER);
  pango_layout_set_attributes (d->text, NULL);
  pango_layout_set_text (d->text, page, -1);
  cairo_set_source_rgb (d->cr, grey.red, grey.green, grey.blue);
  cairo_move_to (d->cr, d->left, d->height - 14 * MM);
  pango_cairo_show_layout (d->cr, d->text);
  pango_layout_set_alignment (d->text, PANGO_ALIGN_LEFT);
  cairo_restore (d->cr);
}

static void
doc_new_page (Doc *d)
{
  doc_draw_footer (d);
  cairo_show_page (d->cr);
  d->page++;
  d->y = d->top;
}

/* Starts a new letter or document part: a fresh page numbered from 1. */
static void
doc_start_part (Doc *d, const char *footer, gboolean first)
{
  if (!first)
    doc_new_page (d);
  d->first_page = d->page;
  g_free (d->footer);
  d->footer = g_strdup (footer);
}

static gboolean
doc_finish (Doc *d, const char *path, GError **error)
{
  cairo_status_t status;

  doc_draw_footer (d);
  cairo_show_page (d->cr);
  g_clear_object (&d->text);
  cairo_destroy (d->cr);
  cairo_surface_finish (d->surface);
  status = cairo_surface_status (d->surface);
  cairo_surface_destroy (d->surface);
  g_free (d->footer);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_WRITE,
                   _("Could not write “%s”: %s. Check that the folder exists and can be written to."),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* Lays out @text (markup when @markup) in @width at @size; returns its height. */
static double
doc_layout (Doc *d, const char *text, gboolean markup, double size, PangoWeight weight, double width)
{
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  PangoRectangle logical;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (d->text, font);
  pango_font_description_free (font);
  pango_layout_set_width (d->text, (int) (width * PANGO_SCALE));
  /* Markup leaves its attributes on the layout; plain text must drop them. */
  pango_layout_set_attributes (d->text, NULL);
  if (markup)
    pango_layout_set_markup (d->text, text, -1);
  else
    pango_layout_set_text (d->text, text, -1);
  pango_layout_get_extents (d->text, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
doc_text_at (Doc *d, double x, double y, double width, const char *text, gboolean markup,
             double size, PangoWeight weight, const Rgb *color)
{
  double h = doc_layout (d, text, markup, size, weight, width);

  cairo_set_source_rgb (d->cr, color->red, color->green, color->blue);
  cairo_move_to (d->cr, x, y);
  pango_cairo_show_layout (d->cr, d->text);
  return h;
}

/* A paragraph across the text width, on a new page when it does not fit. */
static void
doc_para_full (Doc *d, const char *text, gboolean markup, double size, PangoWeight weight,
               const Rgb *color, double space_after)
{
  double h = doc_layout (d, text, markup, size, weight, d->right - d->left);

  if (d->y + h > d->bottom && d->y > d->top)
    doc_new_page (d);
  doc_text_at (d, d->left, d->y, d->right - d->left, text, markup, size, weight, color);
  d->y += h + space_after;
}

static void
doc_para (Doc *d, const char *text)
{
  doc_para_full (d, text, FALSE, BODY_SIZE, PANGO_WEIGHT_NORMAL, &black, 6);
}

static void
doc_heading (Doc *d, const char *text)
{
  /* Keep a heading with at least a few lines of what follows. */
  if (d->y + 60 > d->bottom)
    doc_new_page (d);
  d->y += 4;
  doc_para_full (d, text, FALSE, 12, PANGO_WEIGHT_BOLD, &black, 4);
}

/* "Label: value" with the label bold. */
static void
doc_labelled (Doc *d, const char *label, const char *value)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b> %s", label, value ? value : "—");

  doc_para_full (d, markup, TRUE, BODY_SIZE, PANGO_WEIGHT_NORMAL, &black, 4);
}

/* ---- tables ----------------------------------------------------------- */

typedef struct {
  guint              n_columns;
  const char * const *titles;
  const double       *widths;  /* fractions of the text width */
} Table;

static double
table_row_height (Doc *d, const Table *t, const char * const *cells, PangoWeight weight)
{
  double h = 0, total = d->right - d->left;

  for (guint i = 0; i < t->n_columns; i++)
    h = MAX (h, doc_layout (d, cells[i] ? cells[i] : "", FALSE, 9, weight, t->widths[i] * total - 4));
  return h + 4;
}

static void
table_draw_row (Doc *d, const Table *t, const char * const *cells, PangoWeight weight, gboolean shade)
{
  double total = d->right - d->left, x = d->left;
  double h = table_row_height (d, t, cells, weight);

  if (shade)
    {
      cairo_set_source_rgb (d->cr, 0.9, 0.9, 0.9);
      cairo_rectangle (d->cr, d->left, d->y, total, h);
      cairo_fill (d->cr);
    }
  for (guint i = 0; i < t->n_columns; i++)
    {
      doc_text_at (d, x + 2, d->y + 2, t->widths[i] * total - 4, cells[i] ? cells[i] : "", FALSE, 9, weight, &black);
      x += t->widths[i] * total;
    }
  cairo_set_source_rgb (d->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (d->cr, 0.5);
  cairo_move_to (d->cr, d->left, d->y + h);
  cairo_line_to (d->cr, d->right, d->y + h);
  cairo_stroke (d->cr);
  d->y += h;
}

static void
table_header (Doc *d, const Table *t)
{
  if (d->y + 2 * table_row_height (d, t, t->titles, PANGO_WEIGHT_BOLD) > d->bottom)
    doc_new_page (d);
  table_draw_row (d, t, t->titles, PANGO_WEIGHT_BOLD, TRUE);
}

/* A body row; on a new page the header is repeated. */
static void
table_row (Doc *d, const Table *t, const char * const *cells)
{
  if (d->y + table_row_height (d, t, cells, PANGO_WEIGHT_NORMAL) > d->bottom)
    {
      doc_new_page (d);
      table_draw_row (d, t, t->titles, PANGO_WEIGHT_BOLD, TRUE);
    }
  table_draw_row (d, t, cells, PANGO_WEIGHT_NORMAL, FALSE);
}

static void
table_end (Doc *d)
{
  d->y += 8;
}

/* ---- shared pieces ---------------------------------------------------- */

static char *
format_quantity (gint64 milli, const char *unit)
{
  g_autofree char *q = lotline_quantity_format (milli);

  return unit ? g_strdup_printf ("%s %s", q, unit) : g_steal_pointer (&q);
}

static char *
dup_letter_date (const LotlineRecall *recall)
{
  const char *instant = recall->opened_at ? recall->opened_at : recall->created_at;

  return instant ? g_strndup (instant, 10) : g_strdup ("");
}

static const char *
class_text (LotlineRecallClass c)
{
  switch (c)
    {
    case LOTLINE_RECALL_CLASS_I: return _("Class I: a reasonable probability of serious adverse health consequences or death");
    case LOTLINE_RECALL_CLASS_II: return _("Class II: temporary or medically reversible adverse health consequences are possible");
    case LOTLINE_RECALL_CLASS_III: return _("Class III: not likely to cause adverse health consequences");
    default: return "";
    }
}

static const char *
depth_text (LotlineRecallDepth depth)
{
  switch (depth)
    {
    case LOTLINE_RECALL_DEPTH_CONSUMER: return _("Consumer or user level");
    case LOTLINE_RECALL_DEPTH_RETAIL: return _("Retail level");
    case LOTLINE_RECALL_DEPTH_WHOLESALE: return _("Wholesale level");
    default: return "";
    }
}

static char *
join_address (const char *sep, const char *a, const char *b, const char *c, const char *d)
{
  const char *parts[] = { a, b, c, d };
  GString *s = g_string_new ("");

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      {
        if (s->len)
          g_string_append (s, sep);
        g_string_append (s, parts[i]);
      }
  return g_string_free (s, FALSE);
}

static char *
consignee_city_line (const LotlineRecallConsignee *c)
{
  g_autofree char *city = join_address (" ", c->postal_code, c->city, NULL, NULL);

  return join_address (", ", city, c->region, NULL, NULL);
}

static void
draw_letterhead (Doc *d, const LotlineRenderCompany *company, const LotlineRecall *recall)
{
  g_autofree char *address = join_address ("\n", company->street, company->city, company->country, NULL);
  g_autofree char *reach = join_address ("  ·  ", company->phone, company->email, NULL, NULL);
  g_autofree char *date = dup_letter_date (recall);
  g_autofree char *right = g_strdup_printf (_("Recall %s\nDate: %s"), recall->number, date);
  double w = d->right - d->left, y = d->top;

  y += doc_text_at (d, d->left, y, w * 0.6, company->name, FALSE, 16, PANGO_WEIGHT_BOLD, &black);
  if (*address)
    y += doc_text_at (d, d->left, y, w * 0.6, address, FALSE, 9, PANGO_WEIGHT_NORMAL, &grey);
  if (*reach)
    doc_text_at (d, d->left, y, w * 0.6, reach, FALSE, 9, PANGO_WEIGHT_NORMAL, &grey);

  doc_layout (d, right, FALSE, 9, PANGO_WEIGHT_NORMAL, w * 0.35);
  pango_layout_set_alignment (d->text, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (d->cr, black.red, black.green, black.blue);
  cairo_move_to (d->cr, d->right - w * 0.35, d->top);
  pango_cairo_show_layout (d->cr, d->text);
  pango_layout_set_alignment (d->text, PANGO_ALIGN_LEFT);
}

/* The address where a window envelope shows it: DIN 5008 form B on A4,
 * a US No. 10 window envelope on Letter. */
static void
draw_address_window (Doc *d, const LotlineRenderCompany *company, const LotlineRecallConsignee *c)
{
  double x, y, w;
  g_autofree char *sender = join_address (" · ", company->name, company->street, company->city, NULL);
  g_autofree char *city = consignee_city_line (c);
  g_autofree char *attention = c->contact_name ? g_strdup_printf (_("Attn: %s"), c->contact_name) : NULL;
  g_autofree char *block = join_address ("\n", c->name, attention, c->street, city);
  g_autofree char *full = c->country && *c->country ? g_strdup_printf ("%s\n%s", block, c->country) : g_strdup (block);

  if (d->paper == LOTLINE_PAPER_LETTER)
    {
      x = 0.875 * INCH + 0.125 * INCH;
      y = 1.875 * INCH;
      w = 4.0 * INCH;
    }
  else
    {
      x = 20 * MM + 5 * MM;
      y = 45 * MM;
      w = 80 * MM;
    }

  y += doc_text_at (d, x, y, w, sender, FALSE, 6.5, PANGO_WEIGHT_NORMAL, &grey);
  /* The marking shows through the window too, as 21 CFR 7.49 asks of the envelope. */
  y += doc_text_at (d, x, y + 2, w, _("URGENT: FOOD RECALL"), FALSE, 9, PANGO_WEIGHT_BOLD, &urgent_red) + 4;
  doc_text_at (d, x, y, w, full, FALSE, BODY_SIZE, PANGO_WEIGHT_NORMAL, &black);

  d->y = d->paper == LOTLINE_PAPER_LETTER ? 3.6 * INCH : 100 * MM;
}

static const Table *
shipments_table (void)
{
  static const double widths[] = { 0.26, 0.14, 0.15, 0.12, 0.14, 0.19 };
  static const char *titles[6];
  static Table table = { 6, titles, widths };

  titles[0] = _("Product");
  titles[1] = _("Item");
  titles[2] = _("Lot code");
  titles[3] = _("Quantity");
  titles[4] = _("Shipped");
  titles[5] = _("Document");
  return &table;
}

static void
draw_shipments (Doc *d, const LotlineRecallConsignee *c)
{
  const Table *t = shipments_table ();

  table_header (d, t);
  for (guint i = 0; i < c->shipments->len; i++)
    {
      const LotlineRecallShipment *s = c->shipments->pdata[i];
      g_autofree char *q = format_quantity (s->quantity, s->unit);
      g_autofree char *doc = join_address (" ", s->doc_type, s->doc_number, NULL, NULL);
      const char *cells[] = { s->product_name, s->product_sku, s->lot_code, q, s->date, doc };

      table_row (d, t, cells);
    }
  table_end (d);
}

static gboolean
depth_reaches_customers (const LotlineRecall *recall)
{
  return recall->depth == LOTLINE_RECALL_DEPTH_RETAIL || recall->depth == LOTLINE_RECALL_DEPTH_CONSUMER;
}

static void
draw_contact (Doc *d, const LotlineRenderCompany *company, const LotlineRecall *recall)
{
  g_autofree char *who = join_address (", ", recall->contact_name ? recall->contact_name : company->name,
                                       recall->contact_phone ? recall->contact_phone : company->phone,
                                       recall->contact_email ? recall->contact_email : company->email, NULL);
  g_autofree char *text = g_strdup_printf (_("If you have any questions about this recall, contact %s."), who);

  doc_para (d, text);
}

static void
draw_letter (Doc *d, const LotlineRenderCompany *company, const LotlineRecall *recall,
             const LotlineRecallConsignee *c)
{
  g_autofree char *subject = g_strdup_printf (_("Recall %s: %s (class %s)"), recall->number, recall->title,
                                              lotline_recall_class_to_string (recall->classification));
  g_autofree char *greeting = g_strdup_printf (_("Dear %s,"), c->contact_name ? c->contact_name : c->name);
  g_autofree char *intro = g_strdup_printf (_("%s is recalling the products listed below. Our records show that %s received them in the quantities and on the dates shown."),
                                            company->name, c->name);

  draw_letterhead (d, company, recall);
  draw_address_window (d, company, c);

  doc_para_full (d, _("URGENT: FOOD RECALL"), FALSE, 20, PANGO_WEIGHT_BOLD, &urgent_red, 6);
  doc_para_full (d, subject, FALSE, 11, PANGO_WEIGHT_BOLD, &black, 10);
  doc_para (d, greeting);
  doc_para (d, intro);
  draw_shipments (d, c);

  doc_labelled (d, _("Reason for the recall:"), recall->reason);
  doc_labelled (d, _("Hazard:"), recall->hazard);
  d->y += 4;
  doc_para_full (d, _("What you must do"), FALSE, 11, PANGO_WEIGHT_BOLD, &black, 4);
  doc_para (d, recall->instructions ? recall->instructions
                                    : _("Stop distributing and using the product at once and hold it apart until we tell you how to return it."));
  if (depth_reaches_customers (recall))
    doc_para (d, recall->depth == LOTLINE_RECALL_DEPTH_CONSUMER
                 ? _("This recall extends to consumers. If you sold or passed on any of this product, notify your customers at once, give them these instructions, and tell them to notify their own customers in turn.")
                 : _("This recall extends to the retail level. If you passed on any of this product, notify your customers at once and give them these instructions."));
  if (recall->public_warning)
    doc_para (d, _("A public warning about this product is being issued."));
  doc_para (d, _("Please fill in and return the enclosed response form at once, even if you no longer have any of the product."));
  draw_contact (d, company, recall);
  d->y += 6;
  doc_para (d, _("Sincerely,"));
  doc_para_full (d, company->name, FALSE, BODY_SIZE, PANGO_WEIGHT_BOLD, &black, 6);
}

static void
draw_line_field (Doc *d, const char *label)
{
  g_autofree char *text = g_strdup_printf ("%s  ______________________________________", label);

  doc_para_full (d, text, FALSE, BODY_SIZE, PANGO_WEIGHT_NORMAL, &black, 10);
}

static void
draw_response_form (Doc *d, const LotlineRenderCompany *company, const LotlineRecall *recall,
                    const LotlineRecallConsignee *c)
{
  static const double widths[] = { 0.34, 0.18, 0.22, 0.26 };
  const char *titles[] = { _("Product"), _("Lot code"), _("Quantity received"), _("Quantity on hand now") };
  Table t = { 4, titles, widths };
  g_autofree char *about = g_strdup_printf (_("Recall %s: %s"), recall->number, recall->title);
  g_autofree char *from = g_strdup_printf (_("Consignee: %s (%s)"), c->name, c->code);
  g_autofree char *address = join_address (", ", company->street, company->city, company->country, NULL);
  g_autofree char *reach = join_address (", ", company->phone, company->email, NULL, NULL);
  g_autofree char *to = g_strdup_printf (_("Return this form to %s, %s; %s."), company->name, address, reach);

  doc_para_full (d, _("URGENT: FOOD RECALL"), FALSE, 14, PANGO_WEIGHT_BOLD, &urgent_red, 2);
  doc_para_full (d, _("Recall response form"), FALSE, 16, PANGO_WEIGHT_BOLD, &black, 6);
  doc_para (d, about);
  doc_para_full (d, from, FALSE, BODY_SIZE, PANGO_WEIGHT_BOLD, &black, 6);
  doc_para (d, _("Fill in this form and return it at once, even if you no longer have any of the product."));

  table_header (d, &t);
  for (guint i = 0; i < c->shipments->len; i++)
    {
      const LotlineRecallShipment *s = c->shipments->pdata[i];
      g_autofree char *q = format_quantity (s->quantity, s->unit);
      const char *cells[] = { s->product_name, s->lot_code, q, "" };

      table_row (d, &t, cells);
    }
  table_end (d);

  doc_para (d, _("☐ We have none of the product listed above."));
  doc_para (d, _("☐ We have stopped selling the product, hold it apart and will return it as instructed."));
  doc_para (d, _("☐ We have destroyed the product as instructed. Quantity destroyed: ____________"));
  if (depth_reaches_customers (recall))
    doc_para (d, _("☐ We have notified our customers who received the product."));
  d->y += 8;
  draw_line_field (d, _("Name:"));
  draw_line_field (d, _("Title:"));
  draw_line_field (d, _("Phone or e-mail:"));
  draw_line_field (d, _("Date:"));
  draw_line_field (d, _("Signature:"));
  d->y += 4;
  doc_para (d, to);
  draw_contact (d, company, recall);
}

static void
draw_consignee_letter (Doc *d, const LotlineRenderCompany *company, const LotlineRecall *recall,
                       const LotlineRecallConsignee *c, gboolean first, const char *prefix)
{
  g_autofree char *footer = g_strdup_printf (_("%sRecall %s · %s"), prefix, recall->number, c->name);

  doc_start_part (d, footer, first);
  draw_letter (d, company, recall, c);
  doc_new_page (d);
  draw_response_form (d, company, recall, c);
}

gboolean
lotline_render_recall_letters (const char                 *path,
                               LotlinePaper                paper,
                               const LotlineRenderCompany *company,
                               const LotlineRecall        *recall,
                               const LotlineRecallScope   *scope,
                               GArray                    **out_pages,
                               GError                    **error)
{
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (guint));
  Doc d;

  g_return_val_if_fail (path != NULL && company != NULL && company->name != NULL, FALSE);
  g_return_val_if_fail (recall != NULL && scope != NULL, FALSE);

  if (scope->consignees->len == 0)
    {
      g_set_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_DRAW,
                   _("Recall %s reached no customer, so there is no letter to write."), recall->number);
      return FALSE;
    }

  doc_init (&d, path, paper);
  for (guint i = 0; i < scope->consignees->len; i++)
    {
      draw_consignee_letter (&d, company, recall, scope->consignees->pdata[i], i == 0, "");
      g_array_append_val (pages, d.first_page);
    }
  g_array_append_val (pages, d.page);
  if (!doc_finish (&d, path, error))
    return FALSE;
  if (out_pages)
    *out_pages = g_steal_pointer (&pages);
  return TRUE;
}

/* ---- the FDA report --------------------------------------------------- */

/* Quantities of different units are summed apart: "830 jar, 350 kg". */
typedef struct {
  const char *unit;
  gint64      total;
} UnitTotal;

static void
add_unit_total (GArray *totals, const char *unit, gint64 quantity)
{
  UnitTotal fresh = { unit, 0 };

  for (guint i = 0; i < totals->len; i++)
    {
      UnitTotal *t = &g_array_index (totals, UnitTotal, i);

      if (g_strcmp0 (t->unit, unit) == 0)
        {
          t->total += quantity;
          return;
        }
    }
  fresh.total = quantity;
  g_array_append_val (totals, fresh);
}

static char *
format_unit_totals (GArray *totals)
{
  GString *s = g_string_new ("");

  for (guint i = 0; i < totals->len; i++)
    {
      const UnitTotal *t = &g_array_index (totals, UnitTotal, i);
      g_autofree char *q = format_quantity (t->total, t->unit);

      g_string_append_printf (s, "%s%s", i ? ", " : "", q);
    }
  return g_string_free (s, FALSE);
}

static void
draw_report (Doc *d, const LotlineRenderCompany *company, const LotlineRecall *recall,
             const LotlineRecallScope *scope)
{
  g_autofree char *date = dup_letter_date (recall);
  g_autofree char *firm = join_address (", ", company->name, company->street, company->city, company->country);
  g_autofree char *reach = join_address (", ", company->phone, company->email, NULL, NULL);
  g_autofree char *contact = join_address (", ", recall->contact_name, recall->contact_phone, recall->contact_email, NULL);
  g_autofree char *n_consignees = g_strdup_printf ("%u", scope->consignees->len);
  g_autofree char *sample = g_strdup_printf ("%s (%u)", lotline_recall_check_to_string (recall->check_level),
                                             lotline_recall_check_sample_size (recall->check_level,
                                                                               scope->consignees->len));
  g_autoptr(GHashTable) shipped = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  doc_para_full (d, _("Recall report"), FALSE, 20, PANGO_WEIGHT_BOLD, &black, 2);
  doc_para_full (d, _("Information for the Food and Drug Administration under 21 CFR 7.46"), FALSE, 11,
                 PANGO_WEIGHT_NORMAL, &grey, 10);
  doc_labelled (d, _("Recall number:"), recall->number);
  doc_labelled (d, _("Title:"), recall->title);
  doc_labelled (d, _("Status:"), lotline_recall_status_to_string (recall->status));
  doc_labelled (d, _("Date:"), date);
  doc_labelled (d, _("Recalling firm:"), firm);
  doc_labelled (d, _("Telephone and e-mail:"), *reach ? reach : NULL);

  doc_heading (d, _("1. Identity of the products"));
  {
    static const double widths[] = { 0.32, 0.16, 0.14, 0.12, 0.13, 0.13 };
    const char *titles[] = { _("Product"), _("Item"), _("Lot code"), _("Status"), _("On hand"), _("Distributed") };
    Table t = { 6, titles, widths };

    for (guint i = 0; i < scope->consignees->len; i++)
      {
        const LotlineRecallConsignee *c = scope->consignees->pdata[i];

        for (guint j = 0; j < c->shipments->len; j++)
          {
            const LotlineRecallShipment *s = c->shipments->pdata[j];
            gint64 *total = g_hash_table_lookup (shipped, &s->lot_id);

            if (total == NULL)
              {
                gint64 *key = g_new (gint64, 1);

                *key = s->lot_id;
                total = g_new0 (gint64, 1);
                g_hash_table_insert (shipped, key, total);
              }
            *total += s->quantity;
          }
      }

    table_header (d, &t);
    for (guint i = 0; i < scope->lots->len; i++)
      {
        const LotlineRecallLot *lot = scope->lots->pdata[i];
        gint64 *total = g_hash_table_lookup (shipped, &lot->lot_id);
        g_autofree char *on_hand = format_quantity (lot->on_hand, lot->unit);
        g_autofree char *out = format_quantity (total ? *total : 0, lot->unit);
        const char *cells[] = { lot->product_name, lot->product_sku, lot->code,
                                lotline_lot_status_to_string (lot->status), on_hand, out };

        table_row (d, &t, cells);
      }
    table_end (d);
  }

  doc_heading (d, _("2. Reason for the recall and its discovery"));
  doc_labelled (d, _("Reason:"), recall->reason);
  doc_labelled (d, _("Discovered:"), recall->discovered_how);
  doc_labelled (d, _("Date of discovery:"), recall->discovered_on);

  doc_heading (d, _("3. Evaluation of the risk"));
  doc_labelled (d, _("Hazard:"), recall->hazard);
  doc_labelled (d, _("Proposed classification:"), class_text (recall->classification));

  doc_heading (d, _("4. Amount in the firm’s possession and in distribution"));
  {
    g_autoptr(GArray) on_hand = g_array_new (FALSE, TRUE, sizeof (UnitTotal));
    g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (UnitTotal));
    g_autofree char *on_hand_text = NULL, *out_text = NULL;
    g_autofree char *n_lots = g_strdup_printf ("%u", scope->lots->len);

    for (guint i = 0; i < scope->lots->len; i++)
      {
        const LotlineRecallLot *lot = scope->lots->pdata[i];
        gint64 *total = g_hash_table_lookup (shipped, &lot->lot_id);

        add_unit_total (on_hand, lot->unit, lot->on_hand);
        add_unit_total (out, lot->unit, total ? *total : 0);
      }
    on_hand_text = format_unit_totals (on_hand);
    out_text = format_unit_totals (out);
    doc_labelled (d, _("Affected lots:"), n_lots);
    doc_labelled (d, _("On hand in the firm’s possession:"), on_hand_text);
    doc_labelled (d, _("Distributed to consignees:"), out_text);
  }

  doc_heading (d, _("5. Distribution list"));
  doc_labelled (d, _("Number of consignees:"), n_consignees);
  {
    static const double widths[] = { 0.28, 0.26, 0.14, 0.16, 0.16 };
    const char *titles[] = { _("Consignee"), _("Address"), _("Lot code"), _("Quantity"), _("Shipped") };
    Table t = { 5, titles, widths };

    table_header (d, &t);
    for (guint i = 0; i < scope->consignees->len; i++)
      {
        const LotlineRecallConsignee *c = scope->consignees->pdata[i];
        g_autofree char *city = consignee_city_line (c);
        g_autofree char *address = join_address (", ", c->street, city, c->country, NULL);

        for (guint j = 0; j < c->shipments->len; j++)
          {
            const LotlineRecallShipment *s = c->shipments->pdata[j];
            g_autofree char *q = format_quantity (s->quantity, s->unit);
            const char *cells[] = { j == 0 ? c->name : "", j == 0 ? address : "", s->lot_code, q, s->date };

            table_row (d, &t, cells);
          }
      }
    table_end (d);
  }

  doc_heading (d, _("6. Recall strategy"));
  doc_labelled (d, _("Depth of the recall:"), depth_text (recall->depth));
  doc_labelled (d, _("Public warning:"), recall->public_warning ? _("Yes") : _("No"));
  doc_labelled (d, _("Effectiveness-check level (consignees to check):"), sample);
  doc_labelled (d, _("Instructions to consignees:"), recall->instructions);
  doc_para (d, _("Each consignee receives a recall letter by mail with a response form; a specimen follows this report."));

  doc_heading (d, _("7. Contact for this recall"));
  doc_para (d, *contact ? contact : company->name);
}

gboolean
lotline_render_recall_report (const char                 *path,
                              LotlinePaper                paper,
                              const LotlineRenderCompany *company,
                              const LotlineRecall        *recall,
                              const LotlineRecallScope   *scope,
                              GError                    **error)
{
  g_autofree char *footer = NULL;
  Doc d;

  g_return_val_if_fail (path != NULL && company != NULL && company->name != NULL, FALSE);
  g_return_val_if_fail (recall != NULL && scope != NULL, FALSE);

  footer = g_strdup_printf (_("Recall report %s"), recall->number);
  doc_init (&d, path, paper);
  doc_start_part (&d, footer, TRUE);
  draw_report (&d, company, recall, scope);
  if (scope->consignees->len > 0)
    draw_consignee_letter (&d, company, recall, scope->consignees->pdata[0], FALSE, _("Specimen · "));
  return doc_finish (&d, path, error);
}

/* ---- the status report ------------------------------------------------ */

static char *
dup_count (guint n)
{
  return g_strdup_printf ("%u", n);
}

static void
draw_status_report (Doc *d, const LotlineRenderCompany *company, const LotlineRecall *recall,
                    GPtrArray *tracking, const char *as_of, const char *estimated_completion)
{
  guint notified = 0, responded = 0, sampled = 0, checked = 0;
  gint64 on_hand = 0, returned = 0, destroyed = 0;
  g_autoptr(GString) silent = g_string_new ("");
  static const double widths[] = { 0.24, 0.20, 0.13, 0.10, 0.11, 0.13, 0.09 };
  const char *titles[] = { _("Consignee"), _("Notified"), _("Responded"), _("On hand"), _("Returned"),
                           _("Destroyed"), _("Check") };
  Table t = { 7, titles, widths };

  for (guint i = 0; i < tracking->len; i++)
    {
      const LotlineRecallTracking *c = tracking->pdata[i];

      notified += c->notified_at != NULL;
      sampled += c->in_sample;
      if (c->responded_at != NULL)
        {
          responded++;
          checked += c->in_sample;
          on_hand += MAX (c->on_hand_reported, 0);
        }
      else
        g_string_append_printf (silent, "%s%s (%s)", silent->len ? "; " : "", c->name, c->code);
      returned += c->quantity_returned;
      destroyed += c->quantity_destroyed;
    }

  doc_para_full (d, _("Recall status report"), FALSE, 20, PANGO_WEIGHT_BOLD, &black, 2);
  doc_para_full (d, _("Information for the Food and Drug Administration under 21 CFR 7.53"), FALSE, 11,
                 PANGO_WEIGHT_NORMAL, &grey, 10);
  doc_labelled (d, _("Recall number:"), recall->number);
  doc_labelled (d, _("Title:"), recall->title);
  doc_labelled (d, _("Recalling firm:"), company->name);
  doc_labelled (d, _("Status:"), lotline_recall_status_to_string (recall->status));
  doc_labelled (d, _("Status as of:"), as_of);

  doc_heading (d, _("Summary"));
  {
    g_autofree char *n = dup_count (tracking->len), *n_notified = dup_count (notified);
    g_autofree char *n_responded = dup_count (responded), *n_silent = dup_count (tracking->len - responded);
    g_autofree char *q_on_hand = lotline_quantity_format (on_hand);
    g_autofree char *q_returned = lotline_quantity_format (returned);
    g_autofree char *q_destroyed = lotline_quantity_format (destroyed);
    g_autofree char *checks = g_strdup_printf (_("level %s: %u of %u consignees to check have responded"),
                                               lotline_recall_check_to_string (recall->check_level), checked, sampled);

    doc_labelled (d, _("Consignees:"), n);
    doc_labelled (d, _("Consignees notified:"), n_notified);
    doc_labelled (d, _("Consignees responding:"), n_responded);
    doc_labelled (d, _("Quantity on hand they reported:"), q_on_hand);
    doc_labelled (d, _("Consignees not responding:"), n_silent);
    doc_labelled (d, _("Quantity returned:"), q_returned);
    doc_labelled (d, _("Quantity destroyed:"), q_destroyed);
    doc_labelled (d, _("Effectiveness checks:"), checks);
    doc_labelled (d, _("Estimated completion:"), estimated_completion);
    if (recall->disposition != NULL)
      doc_labelled (d, _("Disposition:"), recall->disposition);
  }

  doc_heading (d, _("Consignees"));
  table_header (d, &t);
  for (guint i = 0; i < tracking->len; i++)
    {
      const LotlineRecallTracking *c = tracking->pdata[i];
      g_autofree char *notified_at = c->notified_at ? g_strndup (c->notified_at, 10) : NULL;
      g_autofree char *notice = notified_at ? g_strdup_printf ("%s %s", notified_at, c->notify_method ? c->notify_method : "")
                                            : NULL;
      g_autofree char *responded_at = c->responded_at ? g_strndup (c->responded_at, 10) : NULL;
      g_autofree char *q_on_hand = c->on_hand_reported >= 0 ? lotline_quantity_format (c->on_hand_reported) : NULL;
      g_autofree char *q_returned = lotline_quantity_format (c->quantity_returned);
      g_autofree char *q_destroyed = lotline_quantity_format (c->quantity_destroyed);
      const char *cells[] = { c->name, notice ? g_strstrip (notice) : "—", responded_at ? responded_at : "—",
                              q_on_hand ? q_on_hand : "—", q_returned, q_destroyed, c->in_sample ? _("yes") : "" };

      table_row (d, &t, cells);
    }
  table_end (d);

  doc_heading (d, _("Consignees not responding"));
  doc_para (d, silent->len ? silent->str : _("Every consignee has responded."));
}

gboolean
lotline_render_recall_status_report (const char                 *path,
                                     LotlinePaper                paper,
                                     const LotlineRenderCompany *company,
                                     const LotlineRecall        *recall,
                                     GPtrArray                  *tracking,
                                     const char                 *as_of,
                                     const char                 *estimated_completion,
                                     GError                    **error)
{
  g_autofree char *footer = NULL;
  Doc d;

  g_return_val_if_fail (path != NULL && company != NULL && company->name != NULL, FALSE);
  g_return_val_if_fail (recall != NULL && tracking != NULL && as_of != NULL, FALSE);

  footer = g_strdup_printf (_("Recall status report %s, %s"), recall->number, as_of);
  doc_init (&d, path, paper);
  doc_start_part (&d, footer, TRUE);
  draw_status_report (&d, company, recall, tracking, as_of, estimated_completion);
  return doc_finish (&d, path, error);
}
