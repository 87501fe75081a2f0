/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lotline-store.h"

G_BEGIN_DECLS

#define LOTLINE_GS1_ERROR (lotline_gs1_error_quark ())

typedef enum {
  LOTLINE_GS1_ERROR_SYNTAX,         /* malformed input: brackets, missing data */
  LOTLINE_GS1_ERROR_SYMBOLOGY,      /* missing or unknown ]xx identifier, bad EAN/UPC */
  LOTLINE_GS1_ERROR_UNKNOWN_AI,
  LOTLINE_GS1_ERROR_LENGTH,
  LOTLINE_GS1_ERROR_NONCOMPLIANT,   /* a linter failed: check digit, date, character set … */
  LOTLINE_GS1_ERROR_ASSOCIATION,    /* req=, ex= or repeated AIs with different values */
  LOTLINE_GS1_ERROR_DIGITAL_LINK,
  LOTLINE_GS1_ERROR_UNKNOWN_PRODUCT,
  LOTLINE_GS1_ERROR_UNKNOWN_LOT,
} LotlineGs1Error;

typedef enum {
  LOTLINE_GS1_SYNTAX_AUTO,
  LOTLINE_GS1_SYNTAX_SCANNER,       /* ]xx prefix, GS (or the separator) between fields */
  LOTLINE_GS1_SYNTAX_BRACKETED,     /* (01)…(10)… or [01]…[10]… */
  LOTLINE_GS1_SYNTAX_UNBRACKETED,   /* ^01…^10…, ^ = FNC1 */
  LOTLINE_GS1_SYNTAX_DIGITAL_LINK,  /* https://host/01/…/10/…?17=… */
} LotlineGs1Syntax;

typedef enum {
  LOTLINE_GS1_FLAG_NONE                 = 0,
  /* Linter failures (check digit, date, character set, …) become warnings
   * and set noncompliant instead of failing the parse. */
  LOTLINE_GS1_FLAG_LENIENT              = 1 << 0,
  LOTLINE_GS1_FLAG_PERMIT_UNKNOWN_AIS   = 1 << 1,
  /* Skip the req=/ex=/repeated-AI rules. */
  LOTLINE_GS1_FLAG_NO_ASSOCIATIONS      = 1 << 2,
  /* Digital Link: accept /gtin/, /lot/ … and GTIN-8/12/13 in the path. */
  LOTLINE_GS1_FLAG_DL_CONVENIENCE_ALPHAS = 1 << 3,
  LOTLINE_GS1_FLAG_DL_ZERO_SUPPRESSED   = 1 << 4,
} LotlineGs1Flags;

typedef struct {
  char *ai;
  char *value;      /* the raw value as encoded */
  char *stored;     /* (nullable) ISO date or date-time (day 00 = last day of
                     * the month), or an exact decimal string; for 391n/393n
                     * the ISO 4217 code, a space and the amount */
  guint position;   /* 1-based position of the value in the input */
} LotlineGs1Element;

typedef struct {
  char      *symbology;     /* "GS1_128_CCA", "DM", "QR", "EAN13" …, or NULL when there was no ]xx */
  gboolean   gs1;           /* the data is a GS1 element string (or a Digital Link) */
  char      *data;          /* plain (non-GS1) data, ^ escaped as \^; NULL for GS1 data */
  GPtrArray *elements;      /* LotlineGs1Element */
  guint      composite_start; /* first element of a composite's 2D part ("…|…"), 0 = none */
  GPtrArray *warnings;      /* char *, translated */
  gboolean   noncompliant;  /* a linter failed (only with LOTLINE_GS1_FLAG_LENIENT) */
} LotlineGs1Result;

GQuark            lotline_gs1_error_quark   (void);

LotlineGs1Result *lotline_gs1_parse         (const char        *text,
                                             gssize             length,
                                             LotlineGs1Syntax   syntax,
                                             char               separator,
                                             LotlineGs1Flags    flags,
                                             GError           **error);
void              lotline_gs1_result_free   (LotlineGs1Result  *result);
const char       *lotline_gs1_result_get    (const LotlineGs1Result *result,
                                             const char        *ai);
char             *lotline_gs1_to_bracketed  (const LotlineGs1Result *result);
char             *lotline_gs1_to_unbracketed (const LotlineGs1Result *result);

/* Checks AI pairing rules over a combined list, e.g. from several carriers. */
gboolean          lotline_gs1_check_associations (GPtrArray *elements,
                                                  GError   **error);

/* One component linter of the syntax dictionary ("csum", "yymmd0" …).
 * Returns NULL when @value passes, else the GS1_LINTER_* name of the fault
 * with its span in @out_pos/@out_len.  Unknown or unchecked linters pass;
 * lotline_gs1_linter_is_checked() tells which. */
const char       *lotline_gs1_lint          (const char *linter,
                                             const char *value,
                                             gsize       length,
                                             gsize      *out_pos,
                                             gsize      *out_len);
gboolean          lotline_gs1_linter_is_checked (const char *linter);
/* A value against its AI's dictionary entry; NULL when it is valid. */
const char       *lotline_gs1_check_value   (const char *ai,
                                             const char *value,
                                             gsize       length,
                                             gsize      *out_pos);
/* The dictionary's component spec of @ai ("N14,csum,gcppos2"), or NULL. */
const char       *lotline_gs1_ai_format     (const char *ai);

gboolean          lotline_gs1_gtin_valid    (const char *digits);

gboolean          lotline_store_find_lot_by_gtin (LotlineStore *store,
                                                  const char   *gtin,
                                                  const char   *lot_code,
                                                  const char   *expires_on,
                                                  gint64       *out_lot_id,
                                                  gint64       *out_product_id,
                                                  GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineGs1Result, lotline_gs1_result_free)

G_END_DECLS
