/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-design"

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dml-design.h"
#include "dml-engine.h"
#include "dml-report.h"
#include "dml-measured-runs.h"
#include "dml-uncertainty.h"

/* Inputs up to this size; a design is at most 1 MiB, and the nesting and
 * comment tricks that once crashed json-glib need a few hundred KiB. Run
 * with -max_len=262144 (build-aux/dev fuzz). */
#define FUZZ_MAX_BYTES (256 * 1024)

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Any bytes: a design or an error, never a crash or a hang. A design that
 * loads must save to text that loads back to the same design, and a
 * whole sweep over a short range (the search's loops, not only its end
 * points) must finish within libFuzzer's -timeout. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(DmlDesign) again = NULL;
  g_autoptr(DmlSweep) sweep = NULL;
  g_autofree char *text = NULL;
  DmlParams params;
  gsize length;

  if (size > FUZZ_MAX_BYTES)
    return 0;

  /* The same bytes as a runs file: rows, or an error that says why;
   * each row evaluated, and the report in every format, whose figures
   * are finite or absent. */
  {
    g_autoptr(GPtrArray) rows = dml_measured_runs_parse ((const char *) data, size, &error);
    g_autoptr(DmlMeasuredReport) report = NULL;

    if (rows == NULL && (error == NULL || error->message == NULL || error->message[0] == '\0'))
      abort ();
    g_clear_error (&error);
    report = dml_measured_report_read ((const char *) data, size, &error);
    if ((rows == NULL) != (report == NULL))
      {
        /* Only evaluation refuses what parsing took: a row that no
         * layout of its GPUs fits. */
        if (report != NULL || error == NULL || strstr (error->message, "no layout") == NULL)
          abort ();
      }
    g_clear_error (&error);
    if (report != NULL)
      {
        double mae, mape;
        guint n;

        dml_measured_report_errors (report, NULL, -1, FALSE, &mae, &mape, &n);
        if (n > 0 && !(isfinite (mae) && isfinite (mape)))
          abort ();
        for (const char * const *format = (const char *[]) { "text", "csv", "json", NULL }; *format; format++)
          {
            g_autofree char *out = dml_measured_report_format (report, *format);

            if (out == NULL || !g_utf8_validate (out, -1, NULL))
              abort ();
          }
      }
  }

  design = dml_design_new_from_data ((const char *) data, size, &error);
  if (design == NULL)
    {
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return 0;
    }

  text = dml_design_to_data (design, &length);
  again = dml_design_new_from_data (text, length, &error);
  if (again == NULL || !dml_design_equal (design, again))
    abort ();

  /* Three points a decade over at most three decades around the design's
   * own range: small enough for thousands of runs a minute. */
  dml_design_get_params (design, &params);
  params.sweep_to = MIN (params.sweep_to, params.sweep_from * 1e3);
  params.per_decade = 3;
  sweep = dml_sweep_new (&params, NULL, &error);
  if (sweep == NULL)
    abort ();
  for (guint i = 0; i < sweep->n_points; i++)
    if (sweep->points[i].feasible && !(sweep->points[i].utilization > 0 && sweep->points[i].utilization <= 1))
      abort ();

  /* The timeline's years and sentence, from whatever the file set. */
  g_free (dml_report_timeline_text (sweep, "fuzz"));

  /* Whatever ranges the file gave, a sample is a valid design. */
  {
    DmlParams sample;

    dml_uncertainty_sample (&params, size, 0, &sample);
    if (!dml_params_validate (&sample, NULL))
      abort ();
  }

  /* Two samples swept on one thread, and their report in each format: a
   * design that validates always gives percentiles (issue 17). */
  {
    g_autoptr(DmlUncertainty) uncertainty = dml_uncertainty_new (&params, 2, size, 1, NULL, NULL, &error);

    if (uncertainty == NULL)
      abort ();
    g_free (dml_report_uncertainty_text (uncertainty, &params, "fuzz"));
    g_free (dml_report_uncertainty_csv (uncertainty));
    g_free (dml_report_uncertainty_json (uncertainty, &params, "fuzz"));
  }

  return 0;
}
