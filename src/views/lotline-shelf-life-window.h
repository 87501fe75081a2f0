/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "lotline-session.h"

G_BEGIN_DECLS

/* A modal window that edits customers' shelf-life policies: the minimum
 * shelf life left on delivery, in days or percent, for a customer and for
 * a customer and one product.  Reads and saves on workers. */
#define LOTLINE_TYPE_SHELF_LIFE_WINDOW (lotline_shelf_life_window_get_type ())
G_DECLARE_FINAL_TYPE (LotlineShelfLifeWindow, lotline_shelf_life_window, LOTLINE, SHELF_LIFE_WINDOW, AdwWindow)

GtkWindow *lotline_shelf_life_window_new          (GtkWindow              *parent,
                                                   LotlineSession         *session);
/* TRUE while customers, a policy or a save are under way. */
gboolean   lotline_shelf_life_window_get_busy     (LotlineShelfLifeWindow *self);
/* Picks the customer whose policies are shown; FALSE when unknown. */
gboolean   lotline_shelf_life_window_select_customer (LotlineShelfLifeWindow *self,
                                                      gint64                  customer_id);
/* The overrides listed for the customer shown. */
guint      lotline_shelf_life_window_get_n_overrides (LotlineShelfLifeWindow *self);

G_END_DECLS
