/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-uncertainty"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-error.h"
#include "dml-uncertainty.h"

/* The 95th percentile of the standard normal: [low, high] is a normal
 * range's 90% interval. */
#define Z_95 1.6448536269514722

#define MAX_VALUES 5e7

/* One draw: a quantile @u in [0, 1) for the uniform kinds and a
 * standard normal @z of the same rank, u = Φ(z), so that ranges sharing
 * a draw move together whatever their distribution. */
typedef struct
{
  double u;
  double z;
} Quantile;

static Quantile
draw_quantile (GRand *rand)
{
  /* Box–Muller; 1 − u keeps the logarithm finite. */
  double u = 1 - g_rand_double (rand), v = g_rand_double (rand);
  double z = sqrt (-2 * log (u)) * cos (2 * G_PI * v);

  return (Quantile) { 0.5 * erfc (-z / G_SQRT2), z };
}

static double
at_quantile (const DmlRange *range,
             Quantile        q)
{
  /* A point is a point, whatever the distribution (exp (log (x)) may
   * not be x). */
  if (range->low == range->high)
    return range->low;

  switch (range->distribution)
    {
    case DML_DISTRIBUTION_LOG_UNIFORM:
      return exp (log (range->low) + q.u * (log (range->high) - log (range->low)));
    case DML_DISTRIBUTION_NORMAL:
      return (range->low + range->high) / 2 + q.z * (range->high - range->low) / (2 * Z_95);
    case DML_DISTRIBUTION_UNIFORM:
    default:
      return range->low + q.u * (range->high - range->low);
    }
}

static double
draw (GRand          *rand,
      const DmlRange *range)
{
  if (range->distribution == DML_DISTRIBUTION_NORMAL)
    return at_quantile (range, draw_quantile (rand));
  return at_quantile (range, (Quantile) { g_rand_double (rand), 0 });
}

static double
clamp_to_field (const DmlField *field,
                double          value)
{
  double lo = field->min_exclusive ? nextafter (field->min, INFINITY) : field->min;

  value = CLAMP (value, lo, field->max);
  if (field->kind == DML_FIELD_COUNT)
    value = CLAMP (round (value), ceil (lo), floor (field->max));
  return value;
}

/* Sample @index of the stream @seed: the same numbers whichever thread
 * draws it, and in whatever order. Each range's input is drawn and kept
 * within the input's valid values; ranges of one shared name take one
 * draw, the first of them's. The compute growth rate is drawn as a
 * normal within its 90% interval (timeline.growth_low to growth_high)
 * unless a range is given for it; then the anchor: the design's own or
 * one of the other anchor runs, with equal chance. */
void
dml_uncertainty_sample (const DmlParams *params,
                        guint64          seed,
                        guint            index,
                        DmlParams       *sample)
{
  guint32 key[3] = { (guint32) seed, (guint32) (seed >> 32), index };
  GRand *rand = g_rand_new_with_seed_array (key, G_N_ELEMENTS (key));
  const DmlField *fields;
  const DmlField *growth = dml_field_lookup ("growth");
  gboolean growth_ranged = FALSE;
  Quantile shared[DML_MAX_RANGES];
  guint n_fields;

  fields = dml_fields (&n_fields);
  *sample = *params;
  for (guint i = 0; i < params->n_ranges; i++)
    {
      const DmlRange *range = &params->ranges[i];
      double value;

      if (range->shared[0] == '\0')
        value = draw (rand, range);
      else
        {
          guint first = 0;

          while (strncmp (params->ranges[first].shared, range->shared, DML_SHARED_MAX) != 0)
            first++;
          if (first == i)
            shared[i] = draw_quantile (rand);
          value = at_quantile (range, shared[first]);
        }
      dml_field_set (&fields[range->field], sample, clamp_to_field (&fields[range->field], value));
      growth_ranged |= &fields[range->field] == growth;
    }

  if (!growth_ranged)
    {
      DmlRange range = { dml_field_index (growth), DML_DISTRIBUTION_NORMAL, params->growth_low, params->growth_high, "" };

      sample->growth = clamp_to_field (growth, draw (rand, &range));
    }
  sample->growth_low = sample->growth_high = sample->growth;
  sample->n_ranges = 0;

  if (params->n_anchor_runs > 0)
    {
      gint32 which = g_rand_int_range (rand, 0, (gint32) MIN (params->n_anchor_runs, DML_MAX_ANCHOR_RUNS) + 1);

      if (which > 0)
        {
          sample->anchor_flop = params->anchor_runs[which - 1].flop;
          sample->anchor_year = params->anchor_runs[which - 1].year;
        }
    }
  sample->n_anchor_runs = 0;

  g_rand_free (rand);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Linear between the order statistics (Hyndman and Fan's type 7), so
 * that n equal values give that value exactly. Sorts @values. */
void
dml_percentiles_compute (double         *values,
                         guint           n,
                         DmlPercentiles *out)
{
  static const double q[3] = { 0.10, 0.50, 0.90 };
  double *slots[3] = { &out->p10, &out->p50, &out->p90 };

  if (n == 0)
    {
      out->p10 = out->p50 = out->p90 = NAN;
      return;
    }

  qsort (values, n, sizeof *values, compare_doubles);
  for (guint k = 0; k < 3; k++)
    {
      double h = (n - 1) * q[k];
      guint lo = (guint) floor (h);
      double a = values[lo], b = values[MIN (lo + 1, n - 1)];

      /* INFINITY − INFINITY would be NAN. */
      *slots[k] = a == b || h == lo ? a : a + (h - lo) * (b - a);
    }
}

/* What one sample gives: the utilization at each point, the plateau,
 * each marker's FLOP and year. */
typedef struct
{
  const DmlParams *params;
  guint            n_samples;
  guint64          seed;
  guint            n_points;
  double          *utilization;  /* n_samples × n_points */
  double          *marker;       /* n_samples × DML_N_DATES */
  double          *year;
  double          *plateau;
  GCancellable    *cancellable;
  int             *progress;
  DmlProgressFunc  progress_func;
  gpointer         progress_data;
  int              next;
  int              failed;
  GError          *error;
  GMutex           lock;
} Job;

static double
beyond (double flop)
{
  return isfinite (flop) ? flop : INFINITY;
}

/* Keeps the first error of any thread and stops the others. */
static void
job_fail (Job    *job,
          GError *error)
{
  g_mutex_lock (&job->lock);
  if (job->error == NULL)
    job->error = g_steal_pointer (&error);
  g_mutex_unlock (&job->lock);
  g_clear_error (&error);
  g_atomic_int_set (&job->failed, TRUE);
}

static void
run_sample (Job   *job,
            guint  index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DmlSweep) sweep = NULL;
  DmlParams sample;
  DmlDate dates[DML_N_DATES];

  dml_uncertainty_sample (job->params, job->seed, index, &sample);
  sweep = dml_sweep_new (&sample, job->cancellable, &error);
  if (sweep == NULL)
    {
      job_fail (job, g_steal_pointer (&error));
      return;
    }

  /* Ranges on the sweep's settings are refused; a sample that still
   * sweeps other points has nothing to set beside the others. */
  if (sweep->n_points != job->n_points)
    {
      job_fail (job, g_error_new (DML_ERROR, DML_ERROR_INVALID,
                                  _("Sample %u has %u points, not %u: its ranges move the sweep’s points"),
                                  index, sweep->n_points, job->n_points));
      return;
    }

  for (guint i = 0; i < job->n_points; i++)
    job->utilization[(gsize) index * job->n_points + i] = sweep->points[i].feasible ? sweep->points[i].utilization : 0;
  job->plateau[index] = sweep->summary.plateau_utilization;

  dml_timeline_dates (&sample, &sweep->summary, dates);
  for (guint k = 0; k < DML_N_DATES; k++)
    {
      job->marker[index * DML_N_DATES + k] = beyond (dates[k].flop);
      job->year[index * DML_N_DATES + k] = isfinite (dates[k].flop) ? dates[k].year : INFINITY;
    }
}

static gpointer
worker (gpointer data)
{
  Job *job = data;

  for (;;)
    {
      int index = g_atomic_int_add (&job->next, 1);

      if (index >= (int) job->n_samples || g_atomic_int_get (&job->failed))
        break;
      run_sample (job, index);
      if (job->progress != NULL)
        g_atomic_int_inc (job->progress);
      if (job->progress_func != NULL)
        job->progress_func (job->progress_data);
    }

  return NULL;
}

/* Draws @n_samples seeded samples of @params' ranges (dml_uncertainty_sample())
 * and sweeps each on @n_threads threads (0: one per processor). The
 * result depends on @params, @n_samples and @seed only. @progress, if
 * given, counts the samples done (atomically). */
DmlUncertainty *
dml_uncertainty_new (const DmlParams  *params,
                     guint             n_samples,
                     guint64           seed,
                     guint             n_threads,
                     GCancellable     *cancellable,
                     int              *progress,
                     GError          **error)
{
  return dml_uncertainty_new_full (params, n_samples, seed, n_threads, cancellable, progress, NULL, NULL, error);
}

/* As dml_uncertainty_new(), and @progress_func is called with
 * @progress_data as each sample is done, from the thread that did it:
 * a progress bar follows without reading a counter on a timer. */
DmlUncertainty *
dml_uncertainty_new_full (const DmlParams  *params,
                          guint             n_samples,
                          guint64           seed,
                          guint             n_threads,
                          GCancellable     *cancellable,
                          int              *progress,
                          DmlProgressFunc   progress_func,
                          gpointer          progress_data,
                          GError          **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DmlUncertainty) result = NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autofree double *column = NULL;
  Job job = { 0 };

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (n_samples > 0, NULL);

  if (!dml_params_validate (params, problems))
    {
      g_set_error_literal (error, DML_ERROR, DML_ERROR_INVALID, g_ptr_array_index (problems, 0));
      return NULL;
    }

  job.params = params;
  job.n_samples = n_samples;
  job.seed = seed;
  job.n_points = (guint) floor (log10 (params->sweep_to / params->sweep_from) * params->per_decade + 1e-9) + 1;
  /* Every sample's utilization at every point is kept for the
   * percentiles: 400 MB at most. */
  if ((double) n_samples * job.n_points > MAX_VALUES)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID,
                   _("%u samples of %u points each are too many (at most %.0f values): take fewer samples or "
                     "fewer points"), n_samples, job.n_points, MAX_VALUES);
      return NULL;
    }
  job.utilization = g_new (double, (gsize) n_samples * job.n_points);
  job.marker = g_new (double, (gsize) n_samples * DML_N_DATES);
  job.year = g_new (double, (gsize) n_samples * DML_N_DATES);
  job.plateau = g_new (double, n_samples);
  job.cancellable = cancellable;
  job.progress = progress;
  job.progress_func = progress_func;
  job.progress_data = progress_data;
  g_mutex_init (&job.lock);

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, n_samples);
  for (guint t = 1; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("dml-uncertainty", worker, &job));
  worker (&job);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  g_mutex_clear (&job.lock);

  if (job.error != NULL)
    {
      g_propagate_error (error, job.error);
      g_free (job.utilization);
      g_free (job.marker);
      g_free (job.year);
      g_free (job.plateau);
      return NULL;
    }

  result = g_atomic_rc_box_new0 (DmlUncertainty);
  result->params = *params;
  result->n_samples = n_samples;
  result->seed = seed;
  result->n_points = job.n_points;
  result->flop = g_new (double, job.n_points);
  result->utilization = g_new (DmlPercentiles, job.n_points);
  column = g_new (double, n_samples);

  for (guint i = 0; i < job.n_points; i++)
    {
      result->flop[i] = params->sweep_from * pow (10, i / params->per_decade);
      for (guint s = 0; s < n_samples; s++)
        column[s] = job.utilization[(gsize) s * job.n_points + i];
      dml_percentiles_compute (column, n_samples, &result->utilization[i]);
    }
  dml_percentiles_compute (job.plateau, n_samples, &result->plateau);
  for (guint k = 0; k < DML_N_DATES; k++)
    {
      for (guint s = 0; s < n_samples; s++)
        column[s] = job.marker[s * DML_N_DATES + k];
      dml_percentiles_compute (column, n_samples, &result->marker[k]);
      for (guint s = 0; s < n_samples; s++)
        column[s] = job.year[s * DML_N_DATES + k];
      dml_percentiles_compute (column, n_samples, &result->year[k]);
    }

  g_free (job.utilization);
  g_free (job.marker);
  g_free (job.year);
  g_free (job.plateau);

  return g_steal_pointer (&result);
}

static void
uncertainty_clear (gpointer data)
{
  DmlUncertainty *uncertainty = data;

  g_free (uncertainty->flop);
  g_free (uncertainty->utilization);
}

DmlUncertainty *
dml_uncertainty_ref (DmlUncertainty *uncertainty)
{
  return g_atomic_rc_box_acquire (uncertainty);
}

void
dml_uncertainty_unref (DmlUncertainty *uncertainty)
{
  g_atomic_rc_box_release_full (uncertainty, uncertainty_clear);
}

/* Whether @uncertainty was sampled around @sweep's very design: bands
 * drawn over a curve must be of the same inputs and points. */
gboolean
dml_uncertainty_matches (const DmlUncertainty *uncertainty,
                         const DmlSweep       *sweep)
{
  if (uncertainty == NULL || sweep == NULL || uncertainty->n_points != sweep->n_points ||
      !dml_params_equal (&uncertainty->params, &sweep->params))
    return FALSE;
  for (guint i = 0; i < sweep->n_points; i++)
    if (uncertainty->flop[i] != sweep->points[i].flop)
      return FALSE;
  return TRUE;
}
