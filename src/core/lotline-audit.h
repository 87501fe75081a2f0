/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-store.h"

G_BEGIN_DECLS

/**
 * LotlineAuditReport:
 * @entries: how many entries were checked
 * @ok: whether the whole chain is intact
 * @first_bad_id: the id of the first altered entry, or of the entry after a
 *   gap left by a deleted one (0 when @ok)
 * @problem: (nullable): a sentence describing what was found
 */
typedef struct {
  gint64   entries;
  gboolean ok;
  gint64   first_bad_id;
  char    *problem;
} LotlineAuditReport;

void     lotline_audit_report_clear (LotlineAuditReport *report);

gboolean lotline_audit_verify       (LotlineStore       *store,
                                     LotlineAuditReport *report,
                                     GError            **error);

G_END_DECLS
