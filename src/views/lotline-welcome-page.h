/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The first-run page: explore sample data, or create or open a database.
 * Its buttons activate the window's actions. */
#define LOTLINE_TYPE_WELCOME_PAGE (lotline_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (LotlineWelcomePage, lotline_welcome_page, LOTLINE, WELCOME_PAGE, AdwBin)

G_END_DECLS
