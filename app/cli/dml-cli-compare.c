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
DML_CLI_FORMATS_OF (compare, dml_comparison);

DML_CLI_FORMATS_OF (sensitivity, dml_sensitivity);

int
dml_cli_command_compare (int    argc,
                         char **argv)
{
  static const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text, csv or json"), N_("FORMAT") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &opt_at, N_("Compare GPUs, cost and power at this compute (default 1e28)"), N_("C") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GPtrArray) designs = NULL;
  g_autoptr(GPtrArray) sweeps = NULL;
  g_autoptr(DmlComparison) comparison = NULL;
  double at = 1e28;
  const DmlCliFormat *format;
  int code;

  if ((code = dml_cli_parse_options ("compare", "DESIGN…", entries, &argc, &argv)) >= 0)
    return code;

  if ((format = dml_cli_choose_format (compare_formats, &code)) == NULL)
    return code;
  if (!dml_cli_parse_at (&at, &code))
    return code;

  if ((designs = dml_cli_load_designs (argc, argv, &code)) == NULL)
    return code;
  if (!dml_cli_apply_preset_to_all (designs, &code))
    return code;
  if ((sweeps = dml_cli_sweep_designs (designs, &code)) == NULL)
    return code;

  comparison = dml_comparison_new ((DmlDesign **) designs->pdata, (DmlSweep **) sweeps->pdata, designs->len, at);
  return dml_cli_write_format (format, comparison, NULL);
}

int
dml_cli_command_sensitivity (int    argc,
                             char **argv)
{
  static const GOptionEntry entries[] = {
    { "factor", 0, 0, G_OPTION_ARG_DOUBLE, &opt_factor, N_("How much better each lever makes things (default 2)"), N_("F") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &opt_at, N_("Report the change in utilization at this compute (default 1e29)"), N_("C") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text, csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output; .png, .svg or .pdf draw the tornado"), N_("FILE") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(DmlSensitivity) sensitivity = NULL;
  g_autoptr(GError) error = NULL;
  DmlParams params;
  double at = 1e29;
  const DmlCliFormat *format;
  int code;

  if ((code = dml_cli_parse_options ("sensitivity", "[DESIGN]", entries, &argc, &argv)) >= 0)
    return code;
  /* The tornado is drawn by dmlimits-cli-draw, which links the renderer. */
  if (!dml_cli_draws && opt_output != NULL && dml_cli_is_picture (opt_output))
    return dml_cli_exec_draw ();

  if ((format = dml_cli_choose_format (sensitivity_formats, &code)) == NULL)
    return code;
  if (!dml_cli_parse_at (&at, &code))
    return code;

  if ((design = dml_cli_load_design (argc, argv, &code)) == NULL)
    return code;

  dml_design_get_params (design, &params);
  sensitivity = dml_sensitivity_new (&params, opt_factor, at, NULL, &error);
  if (sensitivity == NULL)
    {
      dml_cli_print_error (error->message);
      return EXIT_INVALID;
    }

  /* -o chart.png (or .svg, .pdf): the tornado, ranked by the wall, for a
   * slide. */
  if (opt_output != NULL && dml_cli_is_picture (opt_output))
    {
      if (dml_cli_output_is_input (&code))
        return code;
      return dml_cli_draw_tornado (opt_output, design, sensitivity, opt_factor);
    }

  return dml_cli_write_format (format, sensitivity, design);
}
