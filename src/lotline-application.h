/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LOTLINE_TYPE_APPLICATION (lotline_application_get_type ())
G_DECLARE_FINAL_TYPE (LotlineApplication, lotline_application, LOTLINE, APPLICATION, AdwApplication)

LotlineApplication *lotline_application_new           (void);
void                lotline_application_open_database (LotlineApplication *self,
                                                       const char         *path);

G_END_DECLS
