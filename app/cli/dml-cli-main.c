/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "dml-cli-private.h"

typedef struct
{
  const char        *name;
  const char        *args;
  const char        *summary;
  DmlCliCommandFunc  run;
} Command;

static const Command commands[] = {
  { "sweep", "[DESIGN] [--preset ID] [--from C] [--to C] [--per-decade N] [--format csv|json] [-o FILE]",
    N_("Utilization and the best layout at each compute scale"), dml_cli_command_sweep },
  { "summary", "[DESIGN] [--preset ID] [--format text|json]",
    N_("Plateau, regime onsets, the wall and the largest run at ≥80%"), dml_cli_command_summary },
  { "timeline", "[DESIGN] [--format text|csv|json] [-o FILE]",
    N_("When the frontier run reaches each limit, at the compute trend's growth"), dml_cli_command_timeline },
  { "point", "[DESIGN] --flop C", N_("The best layout at one scale, explained"), dml_cli_command_point },
  { "validate", "DESIGN", N_("Check a design file; one line per problem"), dml_cli_command_validate },
  { "presets", "[--verbose]", N_("List the hardware presets; --verbose adds the offerings and their sources"), dml_cli_command_presets },
  { "render", "DESIGN… -o FILE.png|.svg|.pdf [--size WxH] [--scale S] [--title T] [--subtitle S] [--theme light|dark] [--view V] [--multiples] [--runs] [--bands [--samples N] [--seed S]] [--transparent] [--text slide|document]",
    N_("Draw the chart; several designs are overlaid"), dml_cli_command_render },
  { "compare", "DESIGN… [--preset ID] [--format text|csv|json] [--at C] [-o FILE]",
    N_("Inputs and figures side by side, one column per design"), dml_cli_command_compare },
  { "sensitivity", "[DESIGN] [--factor F] [--at C] [--format text|csv|json] [-o FILE|CHART.png|.svg|.pdf]",
    /* xgettext:no-c-format */
    N_("How far each improvement moves the onsets, the wall and the 80% mark"), dml_cli_command_sensitivity },
  { "uncertainty", "[DESIGN] [--samples N] [--seed S] [--format text|csv|json] [-o FILE]",
    N_("P10, P50 and P90 of utilization and of every marker and year, over seeded samples of the uncertain inputs"),
    dml_cli_command_uncertainty },
  { "run", "DESIGN [--format text|json] [-o FILE]",
    N_("A given model and layout: step time and its parts, MFU, memory, days, and the best layout"), dml_cli_command_run },
  { "runs", "FILE.csv [--format text|csv|json] [-o FILE]",
    N_("Evaluate each training run of a runs file against its measured MFU"), dml_cli_command_runs },
  { "options", "[DESIGN] (--flop C | --run) [--days D] [--budget USD] [--price on-demand|reserved|spot|own] [--format text|csv|json] [-o FILE]",
    N_("For a target run, each cloud or on-premises offering: GPUs, days, rent and own cost, energy and headroom, ranked by cost"),
    dml_cli_command_options },
  { "bench", "[DESIGN] [--runs N] [--samples N]", N_("Time the sweep and the uncertainty samples"), dml_cli_command_bench },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: dmlimits-cli COMMAND [OPTIONS]"));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-9s %s\n            %s\n", commands[i].name, commands[i].args, _(commands[i].summary));
  fprintf (stream, "  %-9s\n            %s\n", "--version", _("Print the version"));
  fprintf (stream, "\n%s\n", _("DESIGN is a design file (JSON) or a shipped design's id (paper-baseline);\n"
                               "without one, the paper baseline is used.\n"
                               "Exit status: 0 success, 1 invalid input, 2 usage error."));
}

int
main (int    argc,
      char **argv)
{
  /* Kept whole: options parsing rewrites argv, and the drawing helper
   * gets the command line as it was given. */
  dml_cli_argv = g_strdupv (argv);

  setlocale (LC_ALL, "");
  /* DMLIMITS_LOCALEDIR: translations from a build tree, for tests and
   * build-aux/dev run. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DMLIMITS_LOCALEDIR") ? g_getenv ("DMLIMITS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "version"))
    {
      if (argc > 2)
        {
          dml_cli_print_error (_("--version takes no arguments"));
          return EXIT_USAGE;
        }
      g_print ("dmlimits-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”; try dmlimits-cli --help"), argv[1]);
    dml_cli_print_error (message);
  }
  return EXIT_USAGE;
}
