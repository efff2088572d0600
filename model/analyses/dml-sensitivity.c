/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-sensitivity"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dml-error.h"
#include "dml-format.h"
#include "dml-json.h"
#include "dml-sensitivity.h"

/* Which improvement moves the limits most: each lever makes one thing
 * better by a factor (2 by default), and the sweep is run again. */

/* The exponent levers take a fixed step per doubling (docs/model.md). */
#define BATCH_EXPONENT_STEP 0.10
#define DEPTH_EXPONENT_STEP 0.05

/* Onsets and walls can move far; the levers' sweeps reach this far. */
#define SENSITIVITY_SWEEP_TO 1e36

static const char *lever_ids[] = {
  "hbm_bandwidth", "peak_flops", "scaleup_bandwidth", "scaleup_domain", "scaleout_bandwidth",
  "latency", "batch_exponent", "depth_law", "duration", "batch_cap", "intersite_bandwidth", "intersite_latency",
};
static const char *lever_labels[] = {
  N_("Memory bandwidth"), N_("Peak FLOP/s"), N_("Scale-up bandwidth"), N_("Scale-up domain"),
  N_("Scale-out bandwidth"), N_("All latencies"), N_("Larger batches"), N_("Shorter and fatter"),
  N_("Training duration"), N_("Critical batch"), N_("Inter-site bandwidth"), N_("Inter-site latency"),
};
static const char *figure_ids[] = { "dram_onset", "network_onset", "wall", "max80" };
static const char *figure_labels[] = { N_("DRAM-bound onset"), N_("Network-bound onset"), N_("Wall"),
                                       N_("Largest run at ≥ 80%") };

const char *
dml_lever_id (DmlLever lever)
{
  g_return_val_if_fail (lever < DML_N_LEVERS, NULL);
  return lever_ids[lever];
}

const char *
dml_lever_label (DmlLever lever)
{
  g_return_val_if_fail (lever < DML_N_LEVERS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, lever_labels[lever]);
}

const char *
dml_figure_id (DmlFigure figure)
{
  g_return_val_if_fail (figure < DML_N_FIGURES, NULL);
  return figure_ids[figure];
}

const char *
dml_figure_label (DmlFigure figure)
{
  g_return_val_if_fail (figure < DML_N_FIGURES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, figure_labels[figure]);
}

double
dml_summary_figure (const DmlSummary *summary,
                    DmlFigure         figure)
{
  switch (figure)
    {
    case DML_FIGURE_DRAM_ONSET:
      return summary->dram_onset;
    case DML_FIGURE_NETWORK_ONSET:
      return summary->network_onset;
    case DML_FIGURE_WALL:
      return summary->wall;
    case DML_FIGURE_MAX_AT_80:
      return summary->max_at_80;
    case DML_N_FIGURES:
    default:
      return NAN;
    }
}

/* Makes @params better along @lever by @factor; returns what changed, for
 * people ("×2", "+0.10"). */
char *
dml_lever_apply (DmlLever   lever,
                 double     factor,
                 DmlParams *params)
{
  double steps = log2 (factor);

  switch (lever)
    {
    case DML_LEVER_HBM_BANDWIDTH:
      params->hbm_bandwidth *= factor;
      break;
    case DML_LEVER_PEAK_FLOPS:
      params->peak_flops *= factor;
      break;
    case DML_LEVER_SCALEUP_BANDWIDTH:
      params->scaleup_bandwidth *= factor;
      break;
    case DML_LEVER_SCALEUP_DOMAIN:
      /* A domain is whole GPUs. */
      params->scaleup_domain = MAX (1, round (params->scaleup_domain * factor));
      break;
    case DML_LEVER_SCALEOUT_BANDWIDTH:
      params->scaleout_bandwidth *= factor;
      break;
    case DML_LEVER_LATENCY:
      params->kernel_latency /= factor;
      params->collective_base_latency /= factor;
      params->scaleup_hop_latency /= factor;
      params->scaleout_hop_latency /= factor;
      return g_strdup_printf ("÷%g", factor);
    case DML_LEVER_BATCH_EXPONENT:
      params->batch_exponent = CLAMP (params->batch_exponent + BATCH_EXPONENT_STEP * steps, 0, 1);
      return g_strdup_printf (_("batch exponent %+.2f"), BATCH_EXPONENT_STEP * steps);
    case DML_LEVER_DEPTH_LAW:
      {
        /* A shallower depth law through the same depth at the batch
         * anchor: fewer, wider layers beyond it. */
        double old_exponent = params->layers_exponent;
        double new_exponent = MAX (0, old_exponent - DEPTH_EXPONENT_STEP * steps);

        params->layers_coefficient *= pow (params->batch_parameters_reference, old_exponent - new_exponent);
        params->layers_exponent = new_exponent;
        return g_strdup_printf (_("depth exponent %+.2f"), new_exponent - old_exponent);
      }
    case DML_LEVER_DURATION:
      params->training_days *= factor;
      break;
    case DML_LEVER_BATCH_CAP:
      params->batch_tokens_max *= factor;
      break;
    case DML_LEVER_INTERSITE_BANDWIDTH:
      params->intersite_bandwidth *= factor;
      break;
    case DML_LEVER_INTERSITE_LATENCY:
      params->intersite_latency /= factor;
      return g_strdup_printf ("÷%g", factor);
    case DML_N_LEVERS:
    default:
      g_return_val_if_reached (NULL);
    }

  return g_strdup_printf ("×%g", factor);
}

typedef struct
{
  DmlParams     params;
  GCancellable *cancellable;
  DmlSweep     *sweep;
  GError       *error;
} Job;

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;

  job->sweep = dml_sweep_new (&job->params, job->cancellable, &job->error);
}

/* A lever that pushes a value past its valid range (a domain of 2^20
 * GPUs doubled, a century-long run made longer) is not applied: the
 * reason goes in the report, and the other levers are unaffected. */
static char *
lever_problem (const DmlParams *params)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (dml_params_validate (params, problems))
    return NULL;

  return g_strdup (problems->pdata[0]);
}

static double
utilization_at (const DmlParams *params,
                double           flop)
{
  DmlPoint point;

  dml_point_search (params, flop, NULL, &point, NULL);
  return point.feasible ? point.utilization : 0;
}

/* The baseline and every lever, each a full sweep, on all cores. */
DmlSensitivity *
dml_sensitivity_new (const DmlParams  *params,
                     double            factor,
                     double            at_flop,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  Job jobs[DML_N_LEVERS + 1] = { 0 };
  char *changes[DML_N_LEVERS] = { 0 };
  char *skipped[DML_N_LEVERS] = { 0 };
  DmlSensitivity *result = NULL;
  GThreadPool *pool;
  DmlParams base;
  guint n_levers;

  g_return_val_if_fail (params != NULL, NULL);

  if (!(factor > 1 && factor <= 1000))
    {
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("The factor must be above 1 and at most 1000, got %g"), factor);
      return NULL;
    }
  if (!dml_params_validate (params, problems))
    {
      g_set_error_literal (error, DML_ERROR, DML_ERROR_INVALID, problems->pdata[0]);
      return NULL;
    }

  base = *params;
  base.sweep_to = MAX (base.sweep_to, SENSITIVITY_SWEEP_TO);
  /* The link between sites is a lever only where there are sites: on one
   * site it moves nothing, and a row of zeros would only crowd the rest. */
  n_levers = dml_params_site_gpus (&base) > 0 ? DML_N_LEVERS : DML_LEVER_INTERSITE_BANDWIDTH;
  jobs[0].params = base;
  for (guint i = 0; i < DML_N_LEVERS; i++)
    {
      if (i >= n_levers)
        {
          changes[i] = g_strdup ("");
          skipped[i] = g_strdup (_("One site: there is no link between sites"));
          continue;
        }
      jobs[i + 1].params = base;
      changes[i] = dml_lever_apply (i, factor, &jobs[i + 1].params);
      skipped[i] = lever_problem (&jobs[i + 1].params);
      if (i == DML_LEVER_BATCH_CAP && base.batch_tokens_max == 0 && skipped[i] == NULL)
        skipped[i] = g_strdup (_("No critical batch size is set (workload.batch_tokens_max is 0)"));
    }

  pool = g_thread_pool_new (run_job, NULL, MAX (1, (int) g_get_num_processors ()), FALSE, NULL);
  for (guint i = 0; i <= DML_N_LEVERS; i++)
    {
      jobs[i].cancellable = cancellable;
      if (i == 0 || skipped[i - 1] == NULL)
        g_thread_pool_push (pool, &jobs[i], NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);

  for (guint i = 0; i <= DML_N_LEVERS; i++)
    if (jobs[i].error != NULL && result == NULL && (error == NULL || *error == NULL))
      g_propagate_error (error, g_steal_pointer (&jobs[i].error));

  if (error != NULL && *error != NULL)
    goto out;
  for (guint i = 0; i <= DML_N_LEVERS; i++)
    if (jobs[i].sweep == NULL && (i == 0 || skipped[i - 1] == NULL))
      goto out;

  result = g_new0 (DmlSensitivity, 1);
  result->base = g_steal_pointer (&jobs[0].sweep);
  result->factor = factor;
  result->at_flop = at_flop;
  result->n_levers = n_levers;
  result->base_utilization = utilization_at (&base, at_flop);

  for (guint i = 0; i < DML_N_LEVERS; i++)
    {
      DmlLeverResult *r = &result->results[i];
      const DmlSweep *sweep = jobs[i + 1].sweep;
      double last;

      r->lever = i;
      r->change = g_steal_pointer (&changes[i]);
      if (skipped[i] != NULL)
        {
          r->not_applicable = g_steal_pointer (&skipped[i]);
          for (DmlFigure f = 0; f < DML_N_FIGURES; f++)
            r->shift[f] = NAN;
          r->utilization_change = NAN;
          continue;
        }

      last = sweep->points[sweep->n_points - 1].flop;
      for (DmlFigure f = 0; f < DML_N_FIGURES; f++)
        {
          double before = dml_summary_figure (&result->base->summary, f);
          double after = dml_summary_figure (&sweep->summary, f);

          /* Both lie on the sweep's grid: round off the noise of log10. */
          if (isfinite (before) && isfinite (after))
            r->shift[f] = round (1e6 * log10 (after / before)) / 1e6;
          else if (isfinite (before))
            {
              /* Gone from the range: it moved past its end at least. */
              r->shift[f] = round (1e6 * log10 (last / before)) / 1e6;
              r->at_least[f] = TRUE;
            }
          else
            r->shift[f] = NAN;
        }
      r->utilization_change = utilization_at (&jobs[i + 1].params, at_flop) - result->base_utilization;
    }

out:
  for (guint i = 0; i <= DML_N_LEVERS; i++)
    {
      g_clear_pointer (&jobs[i].sweep, dml_sweep_unref);
      g_clear_error (&jobs[i].error);
    }
  for (guint i = 0; i < DML_N_LEVERS; i++)
    {
      g_free (changes[i]);
      g_free (skipped[i]);
    }

  return result;
}

void
dml_sensitivity_free (DmlSensitivity *sensitivity)
{
  if (sensitivity == NULL)
    return;

  g_clear_pointer (&sensitivity->base, dml_sweep_unref);
  for (guint i = 0; i < DML_N_LEVERS; i++)
    {
      g_free (sensitivity->results[i].change);
      g_free (sensitivity->results[i].not_applicable);
    }
  g_free (sensitivity);
}

static double
effect (const DmlSensitivity *s,
        DmlLever              lever,
        int                   by)
{
  double v = by < DML_N_FIGURES ? s->results[lever].shift[by] : s->results[lever].utilization_change;

  return isfinite (v) ? v : -G_MAXDOUBLE;
}

typedef struct
{
  const DmlSensitivity *s;
  int                   by;
} RankData;

static int
compare_levers (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const RankData *data = user_data;
  double x = effect (data->s, *(const DmlLever *) a, data->by);
  double y = effect (data->s, *(const DmlLever *) b, data->by);

  return (x < y) - (x > y);
}

/* @order gets the levers that apply to the design, largest effect on @by
 * first; returns how many (sensitivity->n_levers). */
guint
dml_sensitivity_rank (const DmlSensitivity *sensitivity,
                      int                   by,
                      DmlLever             *order)
{
  RankData data = { sensitivity, by };

  for (guint i = 0; i < sensitivity->n_levers; i++)
    order[i] = i;
  g_qsort_with_data (order, sensitivity->n_levers, sizeof (DmlLever), compare_levers, &data);
  return sensitivity->n_levers;
}

static char *
describe_shift (const DmlLeverResult *r,
                DmlFigure             f)
{
  if (!isfinite (r->shift[f]))
    return g_strdup ("—");

  /* TRANSLATORS: a shift in decades of compute, then the same as a factor */
  return g_strdup_printf (_("%s%+.2f dec (×%.3g)"), r->at_least[f] ? "≥ " : "", r->shift[f], pow (10, r->shift[f]));
}

char *
dml_sensitivity_to_text (const DmlSensitivity *s)
{
  GString *str = g_string_new (NULL);
  g_autofree char *at = dml_format_flop (s->at_flop);
  DmlLever order[DML_N_LEVERS];
  guint n;

  g_string_append_printf (str, _("Each lever %g× better; levers sorted by how far they move the wall.\n\n"), s->factor);
  dml_string_append_padded (str, _("Lever"), 23);
  dml_string_append_padded (str, _("Change"), 23);
  for (DmlFigure f = 0; f < DML_N_FIGURES; f++)
    dml_string_append_padded (str, dml_figure_label (f), 25);
  g_string_append_printf (str, _("Utilization at %s\n"), at);

  n = dml_sensitivity_rank (s, DML_FIGURE_WALL, order);
  for (guint i = 0; i < n; i++)
    {
      const DmlLeverResult *r = &s->results[order[i]];

      dml_string_append_padded (str, dml_lever_label (r->lever), 23);
      dml_string_append_padded (str, r->change, 23);
      if (r->not_applicable != NULL)
        {
          g_string_append_printf (str, _("not applicable: %s\n"), r->not_applicable);
          continue;
        }
      for (DmlFigure f = 0; f < DML_N_FIGURES; f++)
        {
          g_autofree char *shift = describe_shift (r, f);

          dml_string_append_padded (str, shift, 25);
        }
      g_string_append_printf (str, _("%+.1f points\n"), 100 * r->utilization_change);
    }

  return g_string_free (str, FALSE);
}

static void
append_number (GString *str,
               double   value)
{
  g_autofree char *text = isfinite (value) ? dml_format_ascii (value) : g_strdup ("");

  g_string_append_printf (str, ",%s", text);
}

/* One row per lever; shifts in decades and as factors of FLOP; the
 * utilization change is a fraction of peak, as in the sweep's CSV. */
char *
dml_sensitivity_to_csv (const DmlSensitivity *s)
{
  GString *str = g_string_new ("lever,change");

  for (DmlFigure f = 0; f < DML_N_FIGURES; f++)
    g_string_append_printf (str, ",%s_shift_decades", figure_ids[f]);
  g_string_append (str, ",utilization_change_at");
  for (DmlFigure f = 0; f < DML_N_FIGURES; f++)
    g_string_append_printf (str, ",%s_shift_factor", figure_ids[f]);
  for (DmlFigure f = 0; f < DML_N_FIGURES; f++)
    g_string_append_printf (str, ",%s_at_least", figure_ids[f]);
  g_string_append (str, ",at_flop,factor,applicable\n");

  for (guint i = 0; i < s->n_levers; i++)
    {
      const DmlLeverResult *r = &s->results[i];

      g_string_append_printf (str, "%s,%s", lever_ids[i], r->change);
      for (DmlFigure f = 0; f < DML_N_FIGURES; f++)
        append_number (str, r->shift[f]);
      append_number (str, r->utilization_change);
      for (DmlFigure f = 0; f < DML_N_FIGURES; f++)
        append_number (str, pow (10, r->shift[f]));
      for (DmlFigure f = 0; f < DML_N_FIGURES; f++)
        g_string_append_printf (str, ",%d", r->at_least[f]);
      append_number (str, s->at_flop);
      append_number (str, s->factor);
      g_string_append_printf (str, ",%d\n", r->not_applicable == NULL);
    }

  return g_string_free (str, FALSE);
}

char *
dml_sensitivity_to_json (const DmlSensitivity *s)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "factor");
  json_builder_add_double_value (builder, s->factor);
  json_builder_set_member_name (builder, "at_flop");
  json_builder_add_double_value (builder, s->at_flop);
  json_builder_set_member_name (builder, "levers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < s->n_levers; i++)
    {
      const DmlLeverResult *r = &s->results[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "lever");
      json_builder_add_string_value (builder, lever_ids[i]);
      json_builder_set_member_name (builder, "change");
      json_builder_add_string_value (builder, r->change);
      for (DmlFigure f = 0; f < DML_N_FIGURES; f++)
        {
          g_autofree char *name = g_strdup_printf ("%s_shift_decades", figure_ids[f]);
          g_autofree char *bound = g_strdup_printf ("%s_at_least", figure_ids[f]);

          json_builder_set_member_name (builder, name);
          if (isfinite (r->shift[f]))
            json_builder_add_double_value (builder, r->shift[f]);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, bound);
          json_builder_add_boolean_value (builder, r->at_least[f]);
        }
      json_builder_set_member_name (builder, "utilization_change_at");
      if (isfinite (r->utilization_change))
        json_builder_add_double_value (builder, r->utilization_change);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "not_applicable");
      if (r->not_applicable != NULL)
        json_builder_add_string_value (builder, r->not_applicable);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return dml_json_to_string (root, NULL);
}

/* Whether @params finish a run of @flop in time. */
static gboolean
feasible_at (const DmlParams *params,
             double           flop)
{
  DmlPoint point;

  dml_point_search (params, flop, NULL, &point, NULL);
  return point.feasible;
}

/* Which resource makes the wall of a design on several sites, found by
 * relaxing each at the first point past the wall: the link between
 * sites (as fast as the model allows, no latency), the size of a site
 * (one site, however large), then the number of sites. The sweep says
 * where the wall is but not why; the engine's search is left as it is. */
DmlWallCause
dml_wall_cause (const DmlSweep *sweep)
{
  const DmlParams *params = &sweep->params;
  const DmlPoint *past = NULL;
  DmlParams relaxed;

  g_return_val_if_fail (sweep != NULL, DML_WALL_CAUSE_NONE);

  if (dml_params_site_gpus (params) <= 0 || !isfinite (sweep->summary.wall))
    return DML_WALL_CAUSE_NONE;
  for (guint i = 0; i < sweep->n_points && past == NULL; i++)
    if (sweep->points[i].flop > sweep->summary.wall && !sweep->points[i].feasible)
      past = &sweep->points[i];
  if (past == NULL)
    return DML_WALL_CAUSE_NONE;

  relaxed = *params;
  relaxed.intersite_bandwidth = 1e18;
  relaxed.intersite_latency = 0;
  if (feasible_at (&relaxed, past->flop))
    return DML_WALL_CAUSE_LINK;

  relaxed = *params;
  relaxed.gpus_per_site = 0;
  relaxed.site_power = 0;
  if (feasible_at (&relaxed, past->flop))
    {
      double fed = params->site_power > 0 && params->power_per_gpu > 0
                   ? floor (params->site_power / (params->power_per_gpu * params->pue)) : G_MAXDOUBLE;

      return params->gpus_per_site > 0 && params->gpus_per_site <= fed ? DML_WALL_CAUSE_SITE_SIZE
                                                                       : DML_WALL_CAUSE_SITE_POWER;
    }

  if (params->max_sites > 0)
    {
      relaxed = *params;
      relaxed.max_sites = 0;
      if (feasible_at (&relaxed, past->flop))
        return DML_WALL_CAUSE_SITE_COUNT;
    }

  return DML_WALL_CAUSE_NOT_SITES;
}

/* "the link between sites": for a summary's row. */
const char *
dml_wall_cause_label (DmlWallCause cause)
{
  switch (cause)
    {
    case DML_WALL_CAUSE_LINK:
      return _("the link between sites");
    case DML_WALL_CAUSE_SITE_POWER:
      return _("site power");
    case DML_WALL_CAUSE_SITE_SIZE:
      return _("site size");
    case DML_WALL_CAUSE_SITE_COUNT:
      return _("the number of sites");
    case DML_WALL_CAUSE_NOT_SITES:
      return _("not the sites");
    case DML_WALL_CAUSE_NONE:
    default:
      return NULL;
    }
}

/* The cause in a sentence, with the figures that make it; NULL for
 * DML_WALL_CAUSE_NONE. */
char *
dml_wall_cause_text (const DmlSweep *sweep,
                     DmlWallCause    cause)
{
  const DmlParams *params = &sweep->params;
  g_autofree char *gpus = dml_format_power_of_ten (dml_params_site_gpus (params), 3);
  g_autofree char *link = dml_format_quantity (params->intersite_bandwidth, "B/s");
  g_autofree char *latency = dml_format_quantity (params->intersite_latency, "s");
  g_autofree char *power = dml_format_quantity (params->site_power, "W");

  switch (cause)
    {
    case DML_WALL_CAUSE_LINK:
      return g_strdup_printf (_("The link between sites makes the wall: a site holds %s GPUs, and at %s a site "
                                "and %s between sites, a run across more sites cannot exchange each step’s "
                                "data in time. A faster link would move it; larger sites too."),
                              gpus, link, latency);
    case DML_WALL_CAUSE_SITE_POWER:
      return g_strdup_printf (_("Site power makes the wall: %s a site feeds %s GPUs, and more sites do not help. "
                                "More power a site would move it."), power, gpus);
    case DML_WALL_CAUSE_SITE_SIZE:
      return g_strdup_printf (_("Site size makes the wall: %s GPUs a site, and more sites do not help. "
                                "Larger sites would move it."), gpus);
    case DML_WALL_CAUSE_SITE_COUNT:
      return g_strdup_printf (_("The number of sites makes the wall: at most %.0f sites of %s GPUs."),
                              params->max_sites, gpus);
    case DML_WALL_CAUSE_NOT_SITES:
      return g_strdup (_("The sites do not make the wall: one site without limits ends there too."));
    case DML_WALL_CAUSE_NONE:
    default:
      return NULL;
    }
}
