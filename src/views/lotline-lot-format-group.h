/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-session.h"

G_BEGIN_DECLS

/* The "Lot Codes" group of the preferences: the site's lot-code format with
 * an example for today, the facility, line and shift its codes carry, and
 * each product's own format.  Read and saved on the session's workers. */
#define LOTLINE_TYPE_LOT_FORMAT_GROUP (lotline_lot_format_group_get_type ())
G_DECLARE_FINAL_TYPE (LotlineLotFormatGroup, lotline_lot_format_group, LOTLINE, LOT_FORMAT_GROUP, AdwPreferencesGroup)

void     lotline_lot_format_group_set_session (LotlineLotFormatGroup *self,
                                               LotlineSession        *session);
/* TRUE while the formats are read or a change is saved. */
gboolean lotline_lot_format_group_get_busy    (LotlineLotFormatGroup *self);

G_END_DECLS
