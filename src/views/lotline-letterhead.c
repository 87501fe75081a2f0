/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "lotline-letterhead.h"
#include "lotline-settings.h"

/* Takes @s; an empty or blank string is no value. */
static char *
nonempty (char *s)
{
  if (s != NULL && *g_strstrip (s) == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

LotlineLetterhead *
lotline_letterhead_dup_from_settings (void)
{
  g_autoptr(GSettings) settings = lotline_settings_dup ();
  g_autoptr(LotlineLetterhead) letterhead = NULL;
  g_autofree char *address = NULL;
  g_auto(GStrv) lines = NULL;
  guint n;

  if (settings == NULL)
    return NULL;
  letterhead = g_new0 (LotlineLetterhead, 1);
  letterhead->name = nonempty (g_settings_get_string (settings, "company-name"));
  if (letterhead->name == NULL)
    return NULL;
  letterhead->phone = nonempty (g_settings_get_string (settings, "company-phone"));
  address = g_settings_get_string (settings, "company-address");
  lines = g_strsplit (address, "\n", -1);
  n = g_strv_length (lines);
  letterhead->street = n > 0 ? nonempty (g_strdup (lines[0])) : NULL;
  letterhead->city = n > 1 ? nonempty (g_strdup (lines[1])) : NULL;
  letterhead->country = n > 2 ? nonempty (g_strjoinv (", ", lines + 2)) : NULL;
  return g_steal_pointer (&letterhead);
}

void
lotline_letterhead_free (LotlineLetterhead *letterhead)
{
  if (letterhead == NULL)
    return;
  g_free (letterhead->name);
  g_free (letterhead->street);
  g_free (letterhead->city);
  g_free (letterhead->country);
  g_free (letterhead->phone);
  g_free (letterhead);
}

void
lotline_letterhead_get_company (const LotlineLetterhead *letterhead,
                                LotlineRenderCompany    *out)
{
  *out = (LotlineRenderCompany) {
    .name = letterhead->name,
    .street = letterhead->street,
    .city = letterhead->city,
    .country = letterhead->country,
    .phone = letterhead->phone,
  };
}
