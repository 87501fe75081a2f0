/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lotline-recall.h"
#include "lotline-render.h"

G_BEGIN_DECLS

typedef enum {
  LOTLINE_PAPER_A4,
  LOTLINE_PAPER_LETTER,
} LotlinePaper;

gboolean lotline_paper_from_string (const char *s, LotlinePaper *out);

/**
 * LotlineRenderCompany:
 *
 * The letterhead and return address: the firm that recalls.  Every field
 * but @name may be %NULL.
 */
typedef struct {
  const char *name;
  const char *street;
  const char *city;         /* with postal code and region, as written locally */
  const char *country;
  const char *phone;
  const char *email;
} LotlineRenderCompany;

/**
 * lotline_render_recall_letters:
 * @path: the PDF file to write
 * @paper: A4 or US Letter
 * @company: the letterhead
 * @recall: the recall
 * @scope: its scope; one letter goes to each of its consignees
 * @out_pages: (out) (optional) (array zero-terminated=0): gets a new array
 *   of guint, the first page (counted from 1) of each consignee's letter
 *   followed by the total page count, for printing or checking one letter
 * @error: a #LOTLINE_RENDER_ERROR
 *
 * Writes one 21 CFR 7.49 recall letter per consignee, each with the
 * products and lots that consignee received and no other's, followed by its
 * response form page, into one multi-page PDF.
 */
gboolean lotline_render_recall_letters (const char                 *path,
                                        LotlinePaper                paper,
                                        const LotlineRenderCompany *company,
                                        const LotlineRecall        *recall,
                                        const LotlineRecallScope   *scope,
                                        GArray                    **out_pages,
                                        GError                    **error);

/**
 * lotline_render_recall_report:
 * @path: the PDF file to write
 * @paper: A4 or US Letter
 * @company: the recalling firm
 * @recall: the recall
 * @scope: its scope
 * @error: a #LOTLINE_RENDER_ERROR
 *
 * Writes the recall report of 21 CFR 7.46 for FDA: product identity,
 * reason and discovery, hazard, amounts on hand and distributed, the
 * distribution list, the strategy, the contact and a specimen letter.
 */
gboolean lotline_render_recall_report  (const char                 *path,
                                        LotlinePaper                paper,
                                        const LotlineRenderCompany *company,
                                        const LotlineRecall        *recall,
                                        const LotlineRecallScope   *scope,
                                        GError                    **error);

/**
 * lotline_render_recall_status_report:
 * @path: the PDF file to write
 * @paper: A4 or US Letter
 * @company: the recalling firm
 * @recall: an open, completed or terminated recall
 * @tracking: (element-type LotlineRecallTracking): its consignees' tracking rows
 * @as_of: "YYYY-MM-DD", the date the report speaks for
 * @estimated_completion: (nullable): when the firm expects to finish
 * @error: a #LOTLINE_RENDER_ERROR
 *
 * Writes the recall status report of 21 CFR 7.53: consignees notified
 * (date, method), responding with the quantity they had on hand, not
 * responding, quantities returned or destroyed, the effectiveness checks
 * done and the estimated completion.
 */
gboolean lotline_render_recall_status_report (const char                 *path,
                                              LotlinePaper                paper,
                                              const LotlineRenderCompany *company,
                                              const LotlineRecall        *recall,
                                              GPtrArray                  *tracking,
                                              const char                 *as_of,
                                              const char                 *estimated_completion,
                                              GError                    **error);

G_END_DECLS
