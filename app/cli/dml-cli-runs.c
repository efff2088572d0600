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
#include "dml-sensitivity.h"

#include "dml-cli-private.h"

/* The writers of each command's formats. */
static char *
uncertainty_text (gpointer uncertainty, DmlDesign *design)
{
  DmlParams params;

  dml_design_get_params (design, &params);
  return dml_report_uncertainty_text (uncertainty, &params, dml_design_get_name (design));
}

static char *
uncertainty_csv (gpointer uncertainty, DmlDesign *design)
{
  return dml_report_uncertainty_csv (uncertainty);
}

static char *
uncertainty_json (gpointer uncertainty, DmlDesign *design)
{
  DmlParams params;

  dml_design_get_params (design, &params);
  return dml_report_uncertainty_json (uncertainty, &params, dml_design_get_name (design));
}

static char *
run_text (gpointer given, DmlDesign *design)
{
  DmlParams hw;

  dml_design_get_params (design, &hw);
  return dml_report_run_text (given, &hw, dml_design_get_name (design));
}

static char *
run_json (gpointer given, DmlDesign *design)
{
  return dml_report_run_json (given, dml_design_get_name (design));
}

static char *
runs_text (gpointer report, DmlDesign *design)
{
  return dml_measured_report_format (report, "text");
}

static char *
runs_csv (gpointer report, DmlDesign *design)
{
  return dml_measured_report_format (report, "csv");
}

static char *
runs_json (gpointer report, DmlDesign *design)
{
  return dml_measured_report_format (report, "json");
}

static const DmlCliFormat uncertainty_formats[] = {
  { "text", uncertainty_text },
  { "csv", uncertainty_csv },
  { "json", uncertainty_json },
  { NULL }
};

static const DmlCliFormat run_formats[] = {
  { "text", run_text },
  { "json", run_json },
  { NULL }
};

static const DmlCliFormat runs_formats[] = {
  { "text", runs_text },
  { "csv", runs_csv },
  { "json", runs_json },
  { NULL }
};

int
dml_cli_command_uncertainty (int    argc,
                             char **argv)
{
  static const GOptionEntry entries[] = {
    { "samples", 'n', 0, G_OPTION_ARG_INT, &opt_samples, N_("Samples to draw (default 1000)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &opt_seed, N_("Seed of the samples (default 1)"), N_("S") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text, csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(DmlUncertainty) uncertainty = NULL;
  g_autoptr(GError) error = NULL;
  DmlParams params;
  const DmlCliFormat *format;
  guint64 seed;
  int code;

  if ((code = dml_cli_begin ("uncertainty", "[DESIGN]", entries, uncertainty_formats,
                             &argc, &argv, &format, &design)) >= 0)
    return code;
  if (opt_samples < 1 || opt_samples > 1000000)
    {
      dml_cli_print_error (_("--samples must be between 1 and 1000000"));
      return EXIT_USAGE;
    }
  if (!dml_cli_parse_seed (&seed))
    return EXIT_USAGE;

  dml_design_get_params (design, &params);
  uncertainty = dml_uncertainty_new (&params, opt_samples, seed, 0, NULL, NULL, &error);
  if (uncertainty == NULL)
    {
      dml_cli_print_error (error->message);
      return EXIT_INVALID;
    }

  return dml_cli_write_format (format, uncertainty, design);
}

int
dml_cli_command_run (int    argc,
                     char **argv)
{
  static const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(GError) error = NULL;
  DmlGivenRun given;
  const DmlCliFormat *format;
  int code;

  if ((code = dml_cli_begin ("run", "DESIGN", entries, run_formats,
                             &argc, &argv, &format, &design)) >= 0)
    return code;
  if (!dml_design_evaluate_run (design, TRUE, &given, &error))
    {
      g_autofree char *message = error != NULL ? g_strdup_printf ("%s: %s", argv[1], error->message) : NULL;

      dml_cli_print_error (message != NULL ? message
                                   : _("The design gives no run: add its “model” and “layout” groups (docs/calibration.md)"));
      return EXIT_INVALID;
    }
  return dml_cli_write_format (format, &given, design);
}

int
dml_cli_command_runs (int    argc,
                      char **argv)
{
  static const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text, csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(DmlMeasuredReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  const DmlCliFormat *format;
  gsize length;
  int code;

  if ((code = dml_cli_parse_options ("runs", "FILE.csv", entries, &argc, &argv)) >= 0)
    return code;
  /* Each row names its own GPU. */
  if (opt_preset != NULL)
    {
      dml_cli_print_error (_("runs takes no --preset: each row of a runs file names its GPU in its “gpu” column"));
      return EXIT_USAGE;
    }
  if ((format = dml_cli_choose_format (runs_formats, &code)) == NULL)
    return code;
  if (argc != 2)
    {
      dml_cli_print_error (_("runs needs one runs file (CSV), such as data/runs/measured-runs.csv"));
      return EXIT_USAGE;
    }
  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[1]);

    if (dml_cli_input_paths == NULL)
      dml_cli_input_paths = g_ptr_array_new_with_free_func (g_free);
    g_ptr_array_add (dml_cli_input_paths, g_file_get_path (file));
    if (dml_cli_output_is_input (&code))
      return code;

    /* 16 MB holds some 50 000 runs. */
    if (!dml_file_load (file, 16 << 20, NULL, &data, &length, &error) ||
        (report = dml_measured_report_read (data, length, &error)) == NULL)
      {
        g_autofree char *message = g_strdup_printf ("%s: %s", argv[1], error->message);

        dml_cli_print_error (message);
        return EXIT_INVALID;
      }
  }

  return dml_cli_write_format (format, report, NULL);
}
