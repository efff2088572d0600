/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-cli"

#include "config.h"

#include <glib.h>

#include "dml-cli-private.h"

/* dmlimits-cli draws nothing itself: render, and sensitivity with a
 * picture, run in dmlimits-cli-draw (dml-cli-draw.c), so that the other
 * commands never load cairo and pango. */
const gboolean dml_cli_draws = FALSE;

int
dml_cli_command_render (int    argc,
                        char **argv)
{
  return dml_cli_exec_draw ();
}

int
dml_cli_draw_tornado (const char *path,
                      DmlDesign  *design,
                      gpointer    sensitivity,
                      double      factor)
{
  g_assert_not_reached ();
  return EXIT_INVALID;
}
