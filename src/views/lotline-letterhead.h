/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "lotline-render-recall.h"

G_BEGIN_DECLS

/* The recalling firm as the preferences describe it, copied so it can
 * travel to a worker: the company-address key holds the street, then the
 * city line, then the country (further lines join it). */
typedef struct {
  char *name;
  char *street;
  char *city;
  char *country;
  char *phone;
} LotlineLetterhead;

/* NULL when the settings schema is not installed or no company name is
 * set: every letter and report is headed by it. */
LotlineLetterhead *lotline_letterhead_dup_from_settings (void);
void               lotline_letterhead_free              (LotlineLetterhead *letterhead);
/* Points @out's fields at @letterhead's strings. */
void               lotline_letterhead_get_company       (const LotlineLetterhead *letterhead,
                                                         LotlineRenderCompany    *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotlineLetterhead, lotline_letterhead_free)

G_END_DECLS
