/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dml-design.h"
#include "dml-engine.h"
#include "dml-format.h"
#include "dml-measured-runs.h"
#include "dml-resources.h"
#include "dml-uncertainty.h"

#include "dml-cli-private.h"

/* bench: how long the sweep, its slowest point, the run model, the
 * uncertainty sampling and the whole "sweep" process take, as medians
 * of repeated runs (docs/performance.md). */

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

/* The evaluations timed, about. */
#define RUN_EVALUATIONS 10000

/* The run model, on the shipped measured runs that give their whole
 * layout (data/runs/measured-runs.csv), each on its GPU at its layout:
 * the mean time of one evaluation. */
static gboolean
time_runs (int *exit_code)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (DmlRun));
  g_autoptr(GArray) hardware = g_array_new (FALSE, FALSE, sizeof (DmlParams));
  g_autoptr(GArray) efficiencies = g_array_new (FALSE, FALSE, sizeof (DmlRunEfficiency));
  g_autoptr(GArray) peaks = g_array_new (FALSE, FALSE, sizeof (double));
  const char *data;
  gsize length;
  guint rounds, n;
  gint64 start;

  dml_resources_ensure ();
  bytes = g_resources_lookup_data (DML_RESOURCE_PATH "runs/measured-runs.csv", 0, &error);
  data = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;
  if (data == NULL || (rows = dml_measured_runs_parse (data, length, &error)) == NULL)
    {
      dml_cli_print_error (error->message);
      *exit_code = EXIT_INVALID;
      return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const DmlMeasuredRun *row = rows->pdata[i];
      DmlRun run = row->run;
      DmlParams hw;
      DmlRunEfficiency efficiency;
      double peak;

      if (!row->complete || !dml_measured_run_hardware (row, &hw, &efficiency, &peak, NULL))
        continue;
      dml_run_stack (&run, &efficiency);
      g_array_append_val (runs, run);
      g_array_append_val (hardware, hw);
      g_array_append_val (efficiencies, efficiency);
      g_array_append_val (peaks, peak);
    }
  if (runs->len == 0)
    return TRUE;

  rounds = MAX (1, RUN_EVALUATIONS / runs->len);
  n = rounds * runs->len;
  start = g_get_monotonic_time ();
  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < runs->len; i++)
      {
        DmlRunResult result;

        dml_run_evaluate (&g_array_index (runs, DmlRun, i), &g_array_index (hardware, DmlParams, i),
                          g_array_index (peaks, double, i), &g_array_index (efficiencies, DmlRunEfficiency, i),
                          &result);
      }
  /* TRANSLATORS: the runs timed, then the mean time of one evaluation */
  g_print (ngettext ("Run evaluation, %u measured run at its layout: %.2f µs\n",
                     "Run evaluation, %u measured runs at their layouts: %.2f µs\n", runs->len),
           runs->len, (g_get_monotonic_time () - start) / (double) n);
  return TRUE;
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

  /* The run model: every row of the shipped measured runs that gives
   * its whole layout, each at that layout on its GPU, over and over. */
  if (!time_runs (&code))
    return code;

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
