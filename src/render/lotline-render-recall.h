/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lotline-layout.h"
#include "lotline-recall.h"
#include "lotline-render.h"
#include "lotline-render-document.h"

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
 * lotline_render_recall_letters_document:
 * @paper: A4 or US Letter
 * @company: the letterhead; only read while drawing (the pages are
 *   recorded), so it may be freed afterwards
 * @recall: the recall
 * @scope: its scope; one letter goes to each of its consignees
 * @error: a #LOTLINE_RENDER_ERROR
 *
 * Draws one 21 CFR 7.49 recall letter per consignee, each with the
 * products and lots that consignee received and no other's, followed by its
 * response form page.  The document has one part per consignee, in the
 * order of @scope->consignees: lotline_render_document_get_part_page()
 * gives the first page of consignee N's letter, for printing or previewing
 * one letter.
 *
 * Returns: (transfer full): the document, or %NULL when the recall reached
 *   no consignee
 */
LotlineRenderDocument *lotline_render_recall_letters_document (LotlinePaper                paper,
                                                               const LotlineRenderCompany *company,
                                                               const LotlineRecall        *recall,
                                                               const LotlineRecallScope   *scope,
                                                               GError                    **error);

/**
 * lotline_render_recall_letter_document:
 * @paper: A4 or US Letter
 * @company: the letterhead
 * @recall: the recall
 * @scope: its scope
 * @consignee: index into @scope->consignees
 * @error: a #LOTLINE_RENDER_ERROR
 *
 * Draws the letter and response form of one consignee only: what a
 * preview of "the letter for this customer" needs, without drawing every
 * other letter of a large recall.  Its pages are the same as that
 * consignee's part of lotline_render_recall_letters_document().
 *
 * Returns: (transfer full): a document of one part, or %NULL
 */
LotlineRenderDocument *lotline_render_recall_letter_document  (LotlinePaper                paper,
                                                               const LotlineRenderCompany *company,
                                                               const LotlineRecall        *recall,
                                                               const LotlineRecallScope   *scope,
                                                               guint                       consignee,
                                                               GError                    **error);

/**
 * lotline_render_recall_graph:
 * @store: a store (call on the store's thread)
 * @recall: the recall
 * @error: a #LOTLINE_LAYOUT_ERROR or the store's error
 *
 * Traces the recall's seed lots downstream and lays the trace out as the
 * genealogy page does (big fan-outs and crowds grouped), for
 * lotline_render_recall_report_document().  Waits for the layout worker.
 *
 * Returns: (transfer full): the layout, or %NULL
 */
LotlineLayout *lotline_render_recall_graph (LotlineStore        *store,
                                            const LotlineRecall *recall,
                                            GError             **error);

/**
 * lotline_render_recall_report_document:
 * @paper: A4 or US Letter
 * @company: the recalling firm
 * @recall: the recall
 * @scope: its scope
 * @graph: (nullable): the downstream trace of the seed lots laid out with
 *   lotline_layout_compute(); its trace also gives the amounts produced
 *   and the production dates.  %NULL leaves the graph and those out.
 * @error: a #LOTLINE_RENDER_ERROR
 *
 * Draws the recall report of 21 CFR 7.46 for FDA: product identity,
 * reason and discovery, hazard, amounts produced, on hand and distributed,
 * the distribution list, the strategy, the contact, the upstream origin
 * (@scope->roots), the genealogy graph scaled to fit its page (or over a
 * few pages when it would be too small to read) and a specimen letter.
 * Parts: the report, then the specimen letter.
 *
 * Returns: (transfer full): the document
 */
LotlineRenderDocument *lotline_render_recall_report_document  (LotlinePaper                paper,
                                                               const LotlineRenderCompany *company,
                                                               const LotlineRecall        *recall,
                                                               const LotlineRecallScope   *scope,
                                                               LotlineLayout              *graph,
                                                               GError                    **error);

/**
 * lotline_render_recall_status_report_document:
 * @paper: A4 or US Letter
 * @company: the recalling firm
 * @recall: an open, completed or terminated recall
 * @tracking: (element-type LotlineRecallTracking): its consignees' tracking rows
 * @as_of: "YYYY-MM-DD", the date the report speaks for
 * @estimated_completion: (nullable): when the firm expects to finish
 * @error: a #LOTLINE_RENDER_ERROR
 *
 * Draws the recall status report of 21 CFR 7.53 (see
 * lotline_render_recall_status_report()).
 *
 * Returns: (transfer full): the document
 */
LotlineRenderDocument *lotline_render_recall_status_report_document (LotlinePaper                paper,
                                                                     const LotlineRenderCompany *company,
                                                                     const LotlineRecall        *recall,
                                                                     GPtrArray                  *tracking,
                                                                     const char                 *as_of,
                                                                     const char                 *estimated_completion,
                                                                     GError                    **error);

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
 * response form page, into one multi-page PDF: the pages of
 * lotline_render_recall_letters_document().
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
 * distribution list, the strategy, the contact and a specimen letter:
 * lotline_render_recall_report_document() without a graph.
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
