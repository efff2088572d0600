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

#include "dml-calibration.h"
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

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* The median of three times @opt_samples uncertainty samples of @params,
 * in seconds. */
static gboolean
time_uncertainty (const DmlParams *params,
                  double          *seconds)
{
  g_autoptr(GArray) sample_ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (int run = 0; run < 3; run++)
    {
      g_autoptr(DmlUncertainty) uncertainty = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      uncertainty = dml_uncertainty_new (params, opt_samples, 1, 0, NULL, NULL, &error);
      if (uncertainty == NULL)
        {
          dml_cli_print_error (error->message);
          return FALSE;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (sample_ms, ms);
    }

  *seconds = median (sample_ms) / 1000;
  return TRUE;
}


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
  g_autofree char *text = NULL;
  DmlParams params;
  const char *format;
  guint64 seed;
  int code;

  if ((code = dml_cli_begin ("uncertainty", "[DESIGN]", entries, (const char *[]) { "text", "csv", "json", NULL },
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

  if (g_str_equal (format, "json"))
    text = dml_report_uncertainty_json (uncertainty, &params, dml_design_get_name (design));
  else if (g_str_equal (format, "csv"))
    text = dml_report_uncertainty_csv (uncertainty);
  else
    text = dml_report_uncertainty_text (uncertainty, &params, dml_design_get_name (design));

  return dml_cli_write_output (text);
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
  g_autofree char *text = NULL;
  DmlGivenRun given;
  DmlParams hw;
  const char *format;
  int code;

  if ((code = dml_cli_begin ("run", "DESIGN", entries, (const char *[]) { "text", "json", NULL },
                             &argc, &argv, &format, &design)) >= 0)
    return code;
  if (!dml_design_evaluate_run (design, TRUE, &given, &error))
    {
      g_autofree char *message = error != NULL ? g_strdup_printf ("%s: %s", argv[1], error->message) : NULL;

      dml_cli_print_error (message != NULL ? message
                                   : _("The design gives no run: add its “model” and “layout” groups (docs/calibration.md)"));
      return EXIT_INVALID;
    }
  dml_design_get_params (design, &hw);

  if (g_str_equal (format, "json"))
    text = dml_report_run_json (&given, dml_design_get_name (design));
  else
    text = dml_report_run_text (&given, &hw, dml_design_get_name (design));
  return dml_cli_write_output (text);
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
  g_autofree char *text = NULL;
  const char *format;
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
  if ((format = dml_cli_choose_format ((const char *[]) { "text", "csv", "json", NULL }, &code)) == NULL)
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

  text = dml_measured_report_format (report, format);
  return dml_cli_write_output (text);
}

int
dml_cli_command_bench (int    argc,
                       char **argv)
{
  static const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &opt_runs, N_("Timed runs (default 21)"), N_("N") },
    { "samples", 0, 0, G_OPTION_ARG_INT, &opt_samples, N_("Uncertainty samples to time, three times (default 1000; 0: none)"), N_("N") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(GArray) sweep_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) point_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) point_best = NULL;
  DmlParams params;
  guint64 layouts = 0;
  guint n_points = 0;
  double worst_flop = 0, worst_ms = 0;
  int code;

  if ((code = dml_cli_parse_options ("bench", "[DESIGN]", entries, &argc, &argv)) >= 0)
    return code;
  if (opt_runs < 1)
    {
      dml_cli_print_error (_("--runs must be at least 1"));
      return EXIT_USAGE;
    }
  if (opt_samples < 0 || opt_samples > 1000000)
    {
      dml_cli_print_error (_("--samples must be between 0 and 1000000"));
      return EXIT_USAGE;
    }
  if ((design = dml_cli_load_design (argc, argv, &code)) == NULL)
    return code;

  /* The acceptance sweep: 1e21 to 1e33 at 20 points a decade. */
  dml_design_get_params (design, &params);
  params.sweep_from = 1e21;
  params.sweep_to = 1e33;
  params.per_decade = 20;

  for (int run = 0; run <= opt_runs; run++)
    {
      g_autoptr(DmlSweep) sweep = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      if ((sweep = dml_cli_run_sweep (&params, &code)) == NULL)
        return code;
      ms = (g_get_monotonic_time () - start) / 1000.0;

      /* The first run warms caches and is not counted. */
      if (run == 0)
        continue;
      g_array_append_val (sweep_ms, ms);
      layouts = sweep->layouts_evaluated;
      n_points = sweep->n_points;

      /* Time each point alone in the first three runs: the slowest is
       * the one whose fastest time is longest, so that one noisy
       * timing does not choose it. */
      if (run <= 3)
        {
          if (point_best == NULL)
            point_best = g_array_new (FALSE, FALSE, sizeof (double));
          g_array_set_size (point_best, sweep->n_points);
          for (guint i = 0; i < sweep->n_points; i++)
            {
              DmlPoint point;
              gint64 t0 = g_get_monotonic_time ();

              dml_point_search (&params, sweep->points[i].flop, NULL, &point, NULL);
              ms = (g_get_monotonic_time () - t0) / 1000.0;
              if (run == 1 || ms < g_array_index (point_best, double, i))
                g_array_index (point_best, double, i) = ms;
            }
          worst_ms = 0;
          for (guint i = 0; i < sweep->n_points; i++)
            if (g_array_index (point_best, double, i) > worst_ms)
              {
                worst_ms = g_array_index (point_best, double, i);
                worst_flop = sweep->points[i].flop;
              }
        }
    }

  for (int run = 0; run < opt_runs; run++)
    {
      DmlPoint point;
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      dml_point_search (&params, worst_flop, NULL, &point, NULL);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (point_ms, ms);
    }

  {
    double sweep_median = median (sweep_ms);
    double min = g_array_index (sweep_ms, double, 0);
    double max = g_array_index (sweep_ms, double, sweep_ms->len - 1);
    g_autofree char *worst = dml_format_flop (worst_flop);

    g_print (ngettext ("Sweep 1e21..1e33, %u points, %d run: median %.2f ms (min %.2f, max %.2f)\n",
                       "Sweep 1e21..1e33, %u points, %d runs: median %.2f ms (min %.2f, max %.2f)\n",
                       opt_runs),
             n_points, opt_runs, sweep_median, min, max);
    g_print (_("Layouts evaluated per sweep: %.0f, %.3g per second\n"),
             (double) layouts, layouts / (sweep_median / 1000));
    g_print (_("Slowest point, %s, searched alone: median %.3f ms\n"), worst, median (point_ms));
  }

  /* A given run: Llama 3.1 405B's layout on 16 384 H100s, evaluated
   * 10 000 times (docs/calibration.md). */
  {
    DmlRun run;
    DmlParams hw;
    DmlRunEfficiency efficiency;
    DmlRunResult result;
    gint64 start;

    dml_run_init (&run);
    run.layers = 126, run.d_model = 16384, run.heads = 128, run.kv_heads = 8, run.ffn_hidden = 53248;
    run.gated_ffn = TRUE, run.vocabulary = 128256, run.sequence_length = 8192, run.global_batch_sequences = 2048;
    run.gpus = 16384, run.tp = 8, run.pp = 16, run.virtual_stages = 1, run.sequence_parallel = TRUE;
    dml_params_init_baseline (&hw);
    dml_calibration_for_preset ("h100-sxm", &efficiency);
    start = g_get_monotonic_time ();
    for (int i = 0; i < 10000; i++)
      dml_run_evaluate (&run, &hw, hw.peak_flops, &efficiency, &result);
    g_print (_("Run evaluation (one model and layout): %.2f µs\n"), (g_get_monotonic_time () - start) / 10000.0);
  }

  /* Uncertainty: the same sweep, sampled on every processor; then the
   * MoE design, the slowest to sample, on its own sweep, as
   * dmlimits-cli uncertainty h100-moe draws it. */
  if (opt_samples > 0)
    {
      g_autoptr(DmlDesign) moe = NULL;
      g_autoptr(GError) error = NULL;
      DmlParams moe_params;
      double seconds;

      if (!time_uncertainty (&params, &seconds))
        return EXIT_INVALID;
      /* TRANSLATORS: samples, processors, and the median of three runs in seconds */
      g_print (_("Uncertainty, %d samples on %u processors, 3 runs: median %.2f s\n"),
               opt_samples, g_get_num_processors (), seconds);

      if ((moe = dml_design_new_shipped ("h100-moe", &error)) == NULL)
        {
          dml_cli_print_error (error->message);
          return EXIT_INVALID;
        }
      dml_design_get_params (moe, &moe_params);
      if (!time_uncertainty (&moe_params, &seconds))
        return EXIT_INVALID;
      /* TRANSLATORS: samples, processors, and the median of three runs in seconds */
      g_print (_("Uncertainty of h100-moe, %d samples on %u processors, 3 runs: median %.2f s\n"),
               opt_samples, g_get_num_processors (), seconds);
    }

  /* The whole command, as a user runs it: start-up, loading the design,
   * the design's own sweep and its CSV. */
  {
    g_autoptr(GArray) process_ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
    const char *design_arg = argc > 1 ? argv[1] : "paper-baseline";

    for (int run = 0; self != NULL && run <= opt_runs; run++)
      {
        const char *child[] = { self, "sweep", design_arg, NULL };
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        g_autoptr(GError) error = NULL;
        gint64 start = g_get_monotonic_time ();
        int status;
        double ms;

        if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                           &out, &err, &status, &error) ||
            !g_spawn_check_wait_status (status, &error))
          {
            dml_cli_print_error (error->message);
            return EXIT_INVALID;
          }
        ms = (g_get_monotonic_time () - start) / 1000.0;
        if (run > 0)
          g_array_append_val (process_ms, ms);
      }
    if (process_ms->len > 0)
      g_print (ngettext ("Whole “sweep” process, %d run: median %.1f ms\n",
                         "Whole “sweep” process, %d runs: median %.1f ms\n", opt_runs),
               opt_runs, median (process_ms));
  }

  return EXIT_OK;
}
