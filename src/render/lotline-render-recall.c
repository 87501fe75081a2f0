/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "lotline-render-private.h"
#include "lotline-render-recall-private.h"

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

static void
paper_size (LotlinePaper paper, double *width, double *height)
{
  *width = paper == LOTLINE_PAPER_LETTER ? 8.5 * INCH : 210 * MM;
  *height = paper == LOTLINE_PAPER_LETTER ? 11 * INCH : 297 * MM;
}

/* Text is measured the same whatever the page is replayed on (a PDF file,
 * a printer, a screen preview): no hinting, no metrics rounded to pixels. */
static PangoLayout *
create_text_layout (cairo_t *cr)
{
  PangoLayout *text = pango_cairo_create_layout (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (text), options);
  pango_layout_context_changed (text);
  cairo_font_options_destroy (options);
  pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
  return text;
}

void
lotline_recall_doc_init (Doc *d, LotlinePaper paper)
{
  memset (d, 0, sizeof *d);
  d->paper = paper;
  paper_size (paper, &d->width, &d->height);
  d->left = paper == LOTLINE_PAPER_LETTER ? 1 * INCH : 25 * MM;
  d->right = d->width - 20 * MM;
  d->top = 15 * MM;
  d->bottom = d->height - 22 * MM;
  d->y = d->top;
  d->page = 1;
  d->first_page = 1;
  d->doc = lotline_render_document_new (d->width, d->height);
  d->cr = lotline_render_document_add_page (d->doc);
  d->text = create_text_layout (d->cr);
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

/* Keeps the first drawing error of the page about to be left. */
static void
doc_check_page (Doc *d)
{
  if (d->status == CAIRO_STATUS_SUCCESS)
    d->status = cairo_status (d->cr);
}

void
lotline_recall_doc_new_page (Doc *d)
{
  doc_draw_footer (d);
  doc_check_page (d);
  cairo_destroy (d->cr);
  d->cr = lotline_render_document_add_page (d->doc);
  pango_cairo_update_layout (d->cr, d->text);
  d->page++;
  d->y = d->top;
}

/* Starts a new letter or document part: a fresh page numbered from 1. */
void
lotline_recall_doc_start_part (Doc *d, const char *footer, gboolean first)
{
  if (!first)
    lotline_recall_doc_new_page (d);
  d->first_page = d->page;
  lotline_render_document_mark_part (d->doc, d->page - 1);
  g_free (d->footer);
  d->footer = g_strdup (footer);
}

/* Frees @d; on success returns its document. */
LotlineRenderDocument *
lotline_recall_doc_finish (Doc *d, GError **error)
{
  doc_draw_footer (d);
  doc_check_page (d);
  g_clear_object (&d->text);
  cairo_destroy (d->cr);
  g_clear_pointer (&d->footer, g_free);
  if (d->status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_DRAW,
                   _("Could not draw the document: %s. Close other programs to free memory, then try again."),
                   cairo_status_to_string (d->status));
      g_clear_pointer (&d->doc, lotline_render_document_unref);
      return NULL;
    }
  return g_steal_pointer (&d->doc);
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
void
lotline_recall_doc_para_full (Doc *d, const char *text, gboolean markup, double size, PangoWeight weight,
                              const Rgb *color, double space_after)
{
  double h = doc_layout (d, text, markup, size, weight, d->right - d->left);

  if (d->y + h > d->bottom && d->y > d->top)
    lotline_recall_doc_new_page (d);
  doc_text_at (d, d->left, d->y, d->right - d->left, text, markup, size, weight, color);
  d->y += h + space_after;
}

void
lotline_recall_doc_para (Doc *d, const char *text)
{
  lotline_recall_doc_para_full (d, text, FALSE, BODY_SIZE, PANGO_WEIGHT_NORMAL, &black, 6);
}

void
lotline_recall_doc_heading (Doc *d, const char *text)
{
  /* Keep a heading with at least a few lines of what follows. */
  if (d->y + 60 > d->bottom)
    lotline_recall_doc_new_page (d);
  d->y += 4;
  lotline_recall_doc_para_full (d, text, FALSE, 12, PANGO_WEIGHT_BOLD, &black, 4);
}

/* "Label: value" with the label bold. */
void
lotline_recall_doc_labelled (Doc *d, const char *label, const char *value)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b> %s", label, value ? value : "—");

  lotline_recall_doc_para_full (d, markup, TRUE, BODY_SIZE, PANGO_WEIGHT_NORMAL, &black, 4);
}

/* ---- tables ----------------------------------------------------------- */

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

void
lotline_recall_table_header (Doc *d, const Table *t)
{
  if (d->y + 2 * table_row_height (d, t, t->titles, PANGO_WEIGHT_BOLD) > d->bottom)
    lotline_recall_doc_new_page (d);
  table_draw_row (d, t, t->titles, PANGO_WEIGHT_BOLD, TRUE);
}

/* A body row; on a new page the header is repeated. */
void
lotline_recall_table_row (Doc *d, const Table *t, const char * const *cells)
{
  if (d->y + table_row_height (d, t, cells, PANGO_WEIGHT_NORMAL) > d->bottom)
    {
      lotline_recall_doc_new_page (d);
      table_draw_row (d, t, t->titles, PANGO_WEIGHT_BOLD, TRUE);
    }
  table_draw_row (d, t, cells, PANGO_WEIGHT_NORMAL, FALSE);
}

void
lotline_recall_table_end (Doc *d)
{
  d->y += 8;
}

/* ---- shared pieces ---------------------------------------------------- */

char *
lotline_recall_format_quantity (gint64 milli, const char *unit)
{
  g_autofree char *q = lotline_quantity_format (milli);

  return unit ? g_strdup_printf ("%s %s", q, unit) : g_steal_pointer (&q);
}

char *
lotline_recall_dup_date (const LotlineRecall *recall)
{
  const char *instant = recall->opened_at ? recall->opened_at : recall->created_at;
  g_autoptr(GDateTime) now = NULL;

  if (instant != NULL)
    return g_strndup (instant, 10);
  /* A recall not saved yet (the wizard's preview) is dated today. */
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

const char *
lotline_recall_class_text (LotlineRecallClass c)
{
  switch (c)
    {
    case LOTLINE_RECALL_CLASS_I: return _("Class I: a reasonable probability of serious adverse health consequences or death");
    case LOTLINE_RECALL_CLASS_II: return _("Class II: temporary or medically reversible adverse health consequences are possible");
    case LOTLINE_RECALL_CLASS_III: return _("Class III: not likely to cause adverse health consequences");
    default: return "";
    }
}

const char *
lotline_recall_depth_text (LotlineRecallDepth depth)
{
  switch (depth)
    {
    case LOTLINE_RECALL_DEPTH_CONSUMER: return _("Consumer or user level");
    case LOTLINE_RECALL_DEPTH_RETAIL: return _("Retail level");
    case LOTLINE_RECALL_DEPTH_WHOLESALE: return _("Wholesale level");
    default: return "";
    }
}

char *
lotline_recall_join (const char *sep, const char *a, const char *b, const char *c, const char *d)
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

char *
lotline_recall_city_line (const LotlineRecallConsignee *c)
{
  g_autofree char *city = lotline_recall_join (" ", c->postal_code, c->city, NULL, NULL);

  return lotline_recall_join (", ", city, c->region, NULL, NULL);
}

static void
draw_letterhead (Doc *d, const LotlineRenderCompany *company, const LotlineRecall *recall)
{
  g_autofree char *address = lotline_recall_join ("\n", company->street, company->city, company->country, NULL);
  g_autofree char *reach = lotline_recall_join ("  ·  ", company->phone, company->email, NULL, NULL);
  g_autofree char *date = lotline_recall_dup_date (recall);
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
  g_autofree char *sender = lotline_recall_join (" · ", company->name, company->street, company->city, NULL);
  g_autofree char *city = lotline_recall_city_line (c);
  g_autofree char *attention = c->contact_name ? g_strdup_printf (_("Attn: %s"), c->contact_name) : NULL;
  g_autofree char *block = lotline_recall_join ("\n", c->name, attention, c->street, city);
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

  lotline_recall_table_header (d, t);
  for (guint i = 0; i < c->shipments->len; i++)
    {
      const LotlineRecallShipment *s = c->shipments->pdata[i];
      g_autofree char *q = lotline_recall_format_quantity (s->quantity, s->unit);
      g_autofree char *doc = lotline_recall_join (" ", s->doc_type, s->doc_number, NULL, NULL);
      const char *cells[] = { s->product_name, s->product_sku, s->lot_code, q, s->date, doc };

      lotline_recall_table_row (d, t, cells);
    }
  lotline_recall_table_end (d);
}

static gboolean
depth_reaches_customers (const LotlineRecall *recall)
{
  return recall->depth == LOTLINE_RECALL_DEPTH_RETAIL || recall->depth == LOTLINE_RECALL_DEPTH_CONSUMER;
}

static void
draw_contact (Doc *d, const LotlineRenderCompany *company, const LotlineRecall *recall)
{
  g_autofree char *who = lotline_recall_join (", ", recall->contact_name ? recall->contact_name : company->name,
                                       recall->contact_phone ? recall->contact_phone : company->phone,
                                       recall->contact_email ? recall->contact_email : company->email, NULL);
  g_autofree char *text = g_strdup_printf (_("If you have any questions about this recall, contact %s."), who);

  lotline_recall_doc_para (d, text);
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

  lotline_recall_doc_para_full (d, _("URGENT: FOOD RECALL"), FALSE, 20, PANGO_WEIGHT_BOLD, &urgent_red, 6);
  lotline_recall_doc_para_full (d, subject, FALSE, 11, PANGO_WEIGHT_BOLD, &black, 10);
  lotline_recall_doc_para (d, greeting);
  lotline_recall_doc_para (d, intro);
  draw_shipments (d, c);

  lotline_recall_doc_labelled (d, _("Reason for the recall:"), recall->reason);
  lotline_recall_doc_labelled (d, _("Hazard:"), recall->hazard);
  d->y += 4;
  lotline_recall_doc_para_full (d, _("What you must do"), FALSE, 11, PANGO_WEIGHT_BOLD, &black, 4);
  lotline_recall_doc_para (d, recall->instructions ? recall->instructions
                                    : _("Stop distributing and using the product at once and hold it apart until we tell you how to return it."));
  if (depth_reaches_customers (recall))
    lotline_recall_doc_para (d, recall->depth == LOTLINE_RECALL_DEPTH_CONSUMER
                 ? _("This recall extends to consumers. If you sold or passed on any of this product, notify your customers at once, give them these instructions, and tell them to notify their own customers in turn.")
                 : _("This recall extends to the retail level. If you passed on any of this product, notify your customers at once and give them these instructions."));
  if (recall->public_warning)
    lotline_recall_doc_para (d, _("A public warning about this product is being issued."));
  lotline_recall_doc_para (d, _("Please fill in and return the enclosed response form at once, even if you no longer have any of the product."));
  draw_contact (d, company, recall);
  d->y += 6;
  lotline_recall_doc_para (d, _("Sincerely,"));
  lotline_recall_doc_para_full (d, company->name, FALSE, BODY_SIZE, PANGO_WEIGHT_BOLD, &black, 6);
}

static void
draw_line_field (Doc *d, const char *label)
{
  g_autofree char *text = g_strdup_printf ("%s  ______________________________________", label);

  lotline_recall_doc_para_full (d, text, FALSE, BODY_SIZE, PANGO_WEIGHT_NORMAL, &black, 10);
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
  g_autofree char *address = lotline_recall_join (", ", company->street, company->city, company->country, NULL);
  g_autofree char *reach = lotline_recall_join (", ", company->phone, company->email, NULL, NULL);
  g_autofree char *where = lotline_recall_join (", ", company->name, address, NULL, NULL);
  /* Translators: "Return this form to FIRM, ADDRESS; PHONE, E-MAIL." */
  g_autofree char *to = *reach ? g_strdup_printf (_("Return this form to %s; %s."), where, reach)
                               : g_strdup_printf (_("Return this form to %s."), where);

  lotline_recall_doc_para_full (d, _("URGENT: FOOD RECALL"), FALSE, 14, PANGO_WEIGHT_BOLD, &urgent_red, 2);
  lotline_recall_doc_para_full (d, _("Recall response form"), FALSE, 16, PANGO_WEIGHT_BOLD, &black, 6);
  lotline_recall_doc_para (d, about);
  lotline_recall_doc_para_full (d, from, FALSE, BODY_SIZE, PANGO_WEIGHT_BOLD, &black, 6);
  lotline_recall_doc_para (d, _("Fill in this form and return it at once, even if you no longer have any of the product."));

  lotline_recall_table_header (d, &t);
  for (guint i = 0; i < c->shipments->len; i++)
    {
      const LotlineRecallShipment *s = c->shipments->pdata[i];
      g_autofree char *q = lotline_recall_format_quantity (s->quantity, s->unit);
      const char *cells[] = { s->product_name, s->lot_code, q, "" };

      lotline_recall_table_row (d, &t, cells);
    }
  lotline_recall_table_end (d);

  lotline_recall_doc_para (d, _("☐ We have none of the product listed above."));
  lotline_recall_doc_para (d, _("☐ We have stopped selling the product, hold it apart and will return it as instructed."));
  lotline_recall_doc_para (d, _("☐ We have destroyed the product as instructed. Quantity destroyed: ____________"));
  if (depth_reaches_customers (recall))
    lotline_recall_doc_para (d, _("☐ We have notified our customers who received the product."));
  d->y += 8;
  draw_line_field (d, _("Name:"));
  draw_line_field (d, _("Title:"));
  draw_line_field (d, _("Phone or e-mail:"));
  draw_line_field (d, _("Date:"));
  draw_line_field (d, _("Signature:"));
  d->y += 4;
  lotline_recall_doc_para (d, to);
  draw_contact (d, company, recall);
}

void
lotline_recall_draw_letter (Doc *d, const LotlineRenderCompany *company, const LotlineRecall *recall,
                            const LotlineRecallConsignee *c, gboolean first, const char *prefix)
{
  g_autofree char *footer = g_strdup_printf (_("%sRecall %s · %s"), prefix, recall->number, c->name);

  lotline_recall_doc_start_part (d, footer, first);
  draw_letter (d, company, recall, c);
  lotline_recall_doc_new_page (d);
  draw_response_form (d, company, recall, c);
}

/* Letters for consignees @first to @last (excluded) of @scope. */
static LotlineRenderDocument *
build_letters (LotlinePaper paper, const LotlineRenderCompany *company, const LotlineRecall *recall,
               const LotlineRecallScope *scope, guint first, guint last, GError **error)
{
  Doc d;

  if (scope->consignees->len == 0)
    {
      g_set_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_DRAW,
                   _("Recall %s reached no customer, so there is no letter to write."), recall->number);
      return NULL;
    }
  lotline_recall_doc_init (&d, paper);
  for (guint i = first; i < last; i++)
    lotline_recall_draw_letter (&d, company, recall, scope->consignees->pdata[i], i == first, "");
  return lotline_recall_doc_finish (&d, error);
}

LotlineRenderDocument *
lotline_render_recall_letters_document (LotlinePaper                paper,
                                        const LotlineRenderCompany *company,
                                        const LotlineRecall        *recall,
                                        const LotlineRecallScope   *scope,
                                        GError                    **error)
{
  g_return_val_if_fail (company != NULL && company->name != NULL, NULL);
  g_return_val_if_fail (recall != NULL && scope != NULL, NULL);

  return build_letters (paper, company, recall, scope, 0, scope->consignees->len, error);
}

LotlineRenderDocument *
lotline_render_recall_letter_document (LotlinePaper                paper,
                                       const LotlineRenderCompany *company,
                                       const LotlineRecall        *recall,
                                       const LotlineRecallScope   *scope,
                                       guint                       consignee,
                                       GError                    **error)
{
  g_return_val_if_fail (company != NULL && company->name != NULL, NULL);
  g_return_val_if_fail (recall != NULL && scope != NULL, NULL);

  if (consignee >= scope->consignees->len && scope->consignees->len > 0)
    {
      g_set_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_DRAW,
                   _("Recall %s reached %u customers; there is no customer number %u. Choose one from the list."),
                   recall->number, scope->consignees->len, consignee + 1);
      return NULL;
    }
  return build_letters (paper, company, recall, scope, consignee, consignee + 1, error);
}

/* Writes @doc to @path and frees it; FALSE when there is none. */
gboolean
lotline_recall_write_document (LotlineRenderDocument *doc, const char *path, GError **error)
{
  g_autoptr(LotlineRenderDocument) owned = doc;

  return owned != NULL && lotline_render_document_write_pdf (owned, path, error);
}

/* Writing the letters to a file, one consignee's letter at a time: only
 * that letter's pages are held in memory, however many consignees there
 * are. */
typedef struct {
  LotlinePaper                paper;
  const LotlineRenderCompany *company;
  const LotlineRecall        *recall;
  const LotlineRecallScope   *scope;
  GArray                     *pages;  /* first page of each letter from 1, then the count */
  gboolean                    failed;
} LettersStream;

static void
draw_letters_streamed (cairo_t *cr, gpointer user_data)
{
  LettersStream *ls = user_data;
  guint written = 0;

  for (guint i = 0; i < ls->scope->consignees->len && !ls->failed; i++)
    {
      g_autoptr(LotlineRenderDocument) letter = build_letters (ls->paper, ls->company, ls->recall, ls->scope,
                                                               i, i + 1, NULL);
      guint first = written + 1;

      ls->failed = letter == NULL;
      for (guint p = 0; letter != NULL && p < lotline_render_document_get_n_pages (letter); p++)
        {
          /* The file's surface shows the last page when it is finished. */
          if (written++ > 0)
            cairo_show_page (cr);
          lotline_render_document_draw_page (letter, cr, p);
        }
      g_array_append_val (ls->pages, first);
    }
  g_array_append_val (ls->pages, written);
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
  LettersStream ls = { paper, company, recall, scope, pages, FALSE };
  double width, height;

  g_return_val_if_fail (path != NULL && company != NULL && company->name != NULL, FALSE);
  g_return_val_if_fail (recall != NULL && scope != NULL, FALSE);

  if (scope->consignees->len == 0)
    return lotline_recall_write_document (build_letters (paper, company, recall, scope, 0, 0, error), path, error);
  if (!lotline_render_check_pdf_path (path, error))
    return FALSE;
  paper_size (paper, &width, &height);
  if (!lotline_render_to_file (path, width, height, 1.0, draw_letters_streamed, &ls, error))
    return FALSE;
  if (ls.failed)
    {
      g_set_error (error, LOTLINE_RENDER_ERROR, LOTLINE_RENDER_ERROR_DRAW,
                   _("Could not draw the letters of recall %s. Close other programs to free memory, then try again."),
                   recall->number);
      return FALSE;
    }
  if (out_pages)
    *out_pages = g_steal_pointer (&pages);
  return TRUE;
}
