/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lotline-store.h"

G_BEGIN_DECLS

/**
 * lotline_store_export_fsma204:
 * @self: a store
 * @recall_id: a recall (any status)
 * @path: a file name ending in ".xlsx" for one workbook with a sheet per
 *   critical tracking event, or a folder (created when missing) that gets
 *   one CSV file per critical tracking event
 * @error: return location for an error
 *
 * Writes the FDA FSMA 204 sortable spreadsheet for the recall's scope: one
 * row per event line, with a column for every key data element of its
 * critical tracking event (21 CFR 1.1325–1.1350).  A required element the
 * database cannot supply is left empty and flagged in the row.
 *
 * Returns: %TRUE when every file was written
 */
gboolean lotline_store_export_fsma204 (LotlineStore *self,
                                       gint64        recall_id,
                                       const char   *path,
                                       GError      **error);

G_END_DECLS
