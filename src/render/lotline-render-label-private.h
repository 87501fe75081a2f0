/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lotline-gs1.h"
#include "lotline-render-label.h"

G_BEGIN_DECLS

/* The label's AIs in GS1 order, (01) (11) (17) (10), checked by the core's
 * parser; without (11) unless @with_production.  A #LOTLINE_LABEL_ERROR
 * says what is wrong and what to do. */
LotlineGs1Result *lotline_label_parse (const LotlineLabelData *data,
                                       gboolean                with_production,
                                       GError                **error);

G_END_DECLS
