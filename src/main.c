/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lotline-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LotlineApplication) app = NULL;
  const char *localedir = g_getenv ("LOTLINE_LOCALEDIR");

  /* LOTLINE_LOCALEDIR points at catalogues in a build tree, for tests. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Lotline"));

  app = lotline_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
