/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dmlimits"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "dml-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(DmlApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* DMLIMITS_LOCALEDIR: translations from a build tree, for tests and
   * build-aux/dev run. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DMLIMITS_LOCALEDIR") ? g_getenv ("DMLIMITS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name ("dmlimits");
  app = dml_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
