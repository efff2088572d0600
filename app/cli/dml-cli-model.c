/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dml-compare.h"
#include "dml-design.h"
#include "dml-engine.h"
#include "dml-error.h"
#include "dml-file.h"
#include "dml-format.h"
#include "dml-json.h"
#include "dml-preset.h"
#include "dml-report.h"
#include "dml-measured-runs.h"

#include "dml-cli-private.h"

/* The writers of each command's formats: the result, and the design
 * whose name heads it. */
static char *
sweep_csv (gpointer sweep, DmlDesign *design)
{
  return dml_report_csv (sweep);
}

static char *
sweep_json (gpointer sweep, DmlDesign *design)
{
  return dml_report_json (sweep, dml_design_get_name (design));
}

static char *
summary_text (gpointer sweep, DmlDesign *design)
{
  return dml_report_design_summary_text (sweep, dml_design_get_name (design));
}

static char *
summary_json (gpointer sweep, DmlDesign *design)
{
  return dml_report_summary_json (&((DmlSweep *) sweep)->summary);
}

static char *
timeline_text (gpointer sweep, DmlDesign *design)
{
  return dml_report_timeline_text (sweep, dml_design_get_name (design));
}

static char *
timeline_csv (gpointer sweep, DmlDesign *design)
{
  return dml_report_timeline_csv (sweep);
}

static char *
timeline_json (gpointer sweep, DmlDesign *design)
{
  return dml_report_timeline_json (sweep, dml_design_get_name (design));
}

static const DmlCliFormat sweep_formats[] = {
  { "csv", sweep_csv },
  { "json", sweep_json },
  { NULL }
};

static const DmlCliFormat summary_formats[] = {
  { "text", summary_text },
  { "json", summary_json },
  { NULL }
};

static const DmlCliFormat timeline_formats[] = {
  { "text", timeline_text },
  { "csv", timeline_csv },
  { "json", timeline_json },
  { NULL }
};

int
dml_cli_command_sweep (int    argc,
                       char **argv)
{
  static const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from, N_("Smallest training compute, in FLOP"), N_("C") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &opt_to, N_("Largest training compute, in FLOP"), N_("C") },
    { "per-decade", 0, 0, G_OPTION_ARG_INT, &opt_per_decade, N_("Points per decade"), N_("N") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(DmlSweep) sweep = NULL;
  DmlParams params;
  const DmlCliFormat *format;
  int code;

  if ((code = dml_cli_begin ("sweep", "[DESIGN]", entries, sweep_formats,
                             &argc, &argv, &format, &design)) >= 0)
    return code;

  dml_design_get_params (design, &params);
  if (opt_from != NULL && !dml_cli_parse_flop (opt_from, "--from", &params.sweep_from))
    return EXIT_USAGE;
  if (opt_to != NULL && !dml_cli_parse_flop (opt_to, "--to", &params.sweep_to))
    return EXIT_USAGE;
  if (opt_per_decade != G_MININT)
    {
      if (opt_per_decade < 1 || opt_per_decade > 1000)
        {
          dml_cli_print_error (_("--per-decade must be a whole number from 1 to 1000"));
          return EXIT_USAGE;
        }
      params.per_decade = opt_per_decade;
    }

  if ((sweep = dml_cli_run_sweep (&params, &code)) == NULL)
    return code;

  return dml_cli_write_format (format, sweep, design);
}

int
dml_cli_command_summary (int    argc,
                         char **argv)
{
  static const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(DmlSweep) sweep = NULL;
  DmlParams params;
  const DmlCliFormat *format;
  int code;

  if ((code = dml_cli_begin ("summary", "[DESIGN]", entries, summary_formats,
                             &argc, &argv, &format, &design)) >= 0)
    return code;

  dml_design_get_params (design, &params);
  if ((sweep = dml_cli_run_sweep (&params, &code)) == NULL)
    return code;

  return dml_cli_write_format (format, sweep, design);
}

int
dml_cli_command_timeline (int    argc,
                          char **argv)
{
  static const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text, csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(DmlSweep) sweep = NULL;
  DmlParams params;
  const DmlCliFormat *format;
  int code;

  if ((code = dml_cli_begin ("timeline", "[DESIGN]", entries, timeline_formats,
                             &argc, &argv, &format, &design)) >= 0)
    return code;

  dml_design_get_params (design, &params);
  if ((sweep = dml_cli_run_sweep (&params, &code)) == NULL)
    return code;

  return dml_cli_write_format (format, sweep, design);
}

int
dml_cli_command_point (int    argc,
                       char **argv)
{
  static const GOptionEntry entries[] = {
    { "flop", 'c', 0, G_OPTION_ARG_STRING, &opt_flop, N_("Training compute, in FLOP"), N_("C") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  DmlParams params;
  DmlPoint point;
  double flop;
  int code;

  if ((code = dml_cli_parse_options ("point", "[DESIGN] --flop C", entries, &argc, &argv)) >= 0)
    return code;

  if (opt_flop == NULL)
    {
      dml_cli_print_error (_("point needs --flop C, e.g. --flop 1e28"));
      return EXIT_USAGE;
    }
  if (!dml_cli_parse_flop (opt_flop, "--flop", &flop))
    return EXIT_USAGE;
  if (!(flop >= 1 && flop <= 1e50))
    {
      dml_cli_print_error (_("--flop: must be between 1 and 1e50"));
      return EXIT_INVALID;
    }

  if ((design = dml_cli_load_design (argc, argv, &code)) == NULL)
    return code;

  dml_design_get_params (design, &params);
  if (!dml_params_validate (&params, problems))
    {
      dml_cli_print_error (g_ptr_array_index (problems, 0));
      return EXIT_INVALID;
    }

  dml_point_search (&params, flop, NULL, &point, NULL);
  text = dml_report_point_text (&params, &point);

  return dml_cli_write_output (text);
}

int
dml_cli_command_validate (int    argc,
                          char **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmlDesign) design = NULL;
  g_auto(GStrv) lines = NULL;
  int code;

  if ((code = dml_cli_parse_options ("validate", "DESIGN", NULL, &argc, &argv)) >= 0)
    return code;

  if (argc != 2)
    {
      dml_cli_print_error (_("validate needs exactly one design file"));
      return EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  design = dml_design_new_from_file (file, NULL, &error);
  if (design != NULL)
    {
      /* Unknown keys do not make a design invalid, but say so. */
      for (const char * const *w = dml_design_get_warnings (design); *w != NULL; w++)
        {
          g_autofree char *printable = dml_format_printable (*w);

          g_printerr (_("%s: warning: %s\n"), argv[1], printable);
        }
      return EXIT_OK;
    }

  lines = g_strsplit (error->message, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *printable = dml_format_printable (lines[i]);

      g_printerr ("%s: %s\n", argv[1], printable);
    }

  return EXIT_INVALID;
}

int
dml_cli_command_presets (int    argc,
                         char **argv)
{
  static const GOptionEntry entries[] = {
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose, N_("Show each preset's numbers and sources"), NULL },
    { NULL }
  };
  const DmlPreset * const *presets;
  guint n;
  int code;

  if ((code = dml_cli_parse_options ("presets", "", entries, &argc, &argv)) >= 0)
    return code;

  if (argc > 1)
    {
      dml_cli_print_error (_("presets takes no arguments"));
      return EXIT_USAGE;
    }

  presets = dml_presets (&n);
  for (guint i = 0; i < n; i++)
    {
      const DmlPreset *p = presets[i];

      g_print ("%s\n", p->id);
      if (opt_verbose)
        {
          g_autofree char *flops = dml_format_quantity (p->hardware.peak_flops, "FLOP/s");
          g_autofree char *hbm = dml_format_quantity (p->hardware.hbm_bandwidth, "B/s");
          g_autofree char *cap = dml_format_quantity (p->hardware.hbm_capacity, "B");
          g_autofree char *up = dml_format_quantity (p->hardware.scaleup_bandwidth, "B/s");
          g_autofree char *out = dml_format_quantity (p->hardware.scaleout_bandwidth, "B/s");

          g_print ("  %s\n", p->name);
          g_print (_("  peak %s (%s), memory %s at %s\n"), flops, p->precision, cap, hbm);
          g_print (_("  scale-up %s in domains of %.0f, scale-out %s\n"), up, p->hardware.scaleup_domain, out);
          g_print ("  %s\n  %s\n  %s\n\n", p->direction, p->source, p->notes);
        }
    }
  if (opt_verbose)
    dml_cli_print_offerings ();

  return EXIT_OK;
}
