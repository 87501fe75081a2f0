/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-lot-format.h"
#include "lotline-store.h"

G_BEGIN_DECLS

/* Lot-code formats as the database keeps them: one for the whole site (a
 * meta key), one per product (product.lot_format, NULL = the site's), and
 * the site's facility, line and shift, which a format needs to make a
 * code. */

/**
 * LotlineLotCodeDefaults:
 * @facility: (nullable): the facility code, such as "PL"
 * @line: (nullable): the production line, such as "1"
 * @shift: (nullable): the shift, such as "A"
 */
typedef struct {
  char *facility;
  char *line;
  char *shift;
} LotlineLotCodeDefaults;

void      lotline_lot_code_defaults_clear (LotlineLotCodeDefaults *defaults);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LotlineLotCodeDefaults, lotline_lot_code_defaults_clear)

/* lotline_lot_format_new(), refusing templates whose codes cannot be read
 * back (two segments of any length side by side). */
LotlineLotFormat *lotline_lot_format_new_checked (const char *template_text,
                                                  GError    **error);

/* @product_id 0 means the site's format.  The template is NULL when none is set. */
gboolean  lotline_store_get_lot_format      (LotlineStore  *store,
                                             gint64         product_id,
                                             char         **out_template,
                                             GError       **error);
/* NULL or blank @template_text removes the format. */
gboolean  lotline_store_set_lot_format      (LotlineStore  *store,
                                             gint64         product_id,
                                             const char    *template_text,
                                             GError       **error);
/* The product's own format, else the site's; %NULL without an error when
 * neither is set. */
LotlineLotFormat *lotline_store_get_effective_lot_format (LotlineStore *store,
                                                          gint64        product_id,
                                                          GError      **error);

gboolean  lotline_store_get_lot_code_defaults (LotlineStore                 *store,
                                               LotlineLotCodeDefaults       *out,
                                               GError                      **error);
gboolean  lotline_store_set_lot_code_defaults (LotlineStore                 *store,
                                               const LotlineLotCodeDefaults *defaults,
                                               GError                      **error);

gboolean  lotline_lot_format_check_defaults (const LotlineLotFormat       *format,
                                             const LotlineLotCodeDefaults *defaults,
                                             GError                      **error);

/* The product's code for a {PRODUCT} segment: its SKU's letters and digits. */
char     *lotline_lot_format_product_code   (const char    *sku);

/* The next code of the product for @date ("YYYY-MM-DD"), after the
 * product's existing lots and @also_used (codes not recorded yet, such as
 * the other new lots of one production; may be NULL); %NULL without an
 * error when the product has no format. */
char     *lotline_store_next_lot_code       (LotlineStore       *store,
                                             gint64              product_id,
                                             const char         *date,
                                             const char * const *also_used,
                                             GError            **error);
/* Reads @code with the product's effective format.  With no format, FALSE
 * and LOTLINE_LOT_FORMAT_ERROR_TEMPLATE. */
gboolean  lotline_store_parse_lot_code      (LotlineStore     *store,
                                             gint64            product_id,
                                             const char       *code,
                                             LotlineLotParts  *out_parts,
                                             GError          **error);
gboolean  lotline_lot_format_check_code     (const LotlineLotFormat *format,
                                             const char             *code,
                                             const char             *sku,
                                             GError                **error);

typedef struct {
  gint64  id;
  char   *sku;
  char   *name;
  char   *template_text;   /* the product's own format, or NULL */
} LotlineProductLotFormat;

void       lotline_product_lot_format_free        (LotlineProductLotFormat *item);
GPtrArray *lotline_store_list_product_lot_formats (LotlineStore            *store,
                                                   GError                 **error);

G_END_DECLS
