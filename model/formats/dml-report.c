/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dml-enum.h"
#include "dml-format.h"
#include "dml-json.h"
#include "dml-params-json.h"
#include "dml-output.h"
#include "dml-report.h"
#include "dml-roadmap.h"
#include "dml-run-output.h"
#include "dml-sensitivity.h"
#include "dml-timeline.h"
#include "dml-uncertainty.h"

static void
append_ascii (GString *str,
              double   value)
{
  g_autofree char *text = dml_format_ascii (value);

  g_string_append (str, text);
}

char *
dml_report_csv (const DmlSweep *sweep)
{
  GString *str = g_string_new (NULL);
  const DmlOutput *outputs;
  guint n_outputs;

  outputs = dml_outputs (&n_outputs);
  for (guint c = 0; c < n_outputs; c++)
    if (dml_output_is_shown (&outputs[c], &sweep->params))
      g_string_append_printf (str, "%s%s", c ? "," : "", outputs[c].id);
  g_string_append_c (str, '\n');

  for (guint i = 0; i < sweep->n_points; i++)
    {
      const DmlPoint *p = &sweep->points[i];

      for (guint c = 0; c < n_outputs; c++)
        {
          if (!dml_output_is_shown (&outputs[c], &sweep->params))
            continue;
          if (c > 0)
            g_string_append_c (str, ',');
          if (outputs[c].kind == DML_OUTPUT_REGIME)
            g_string_append (str, dml_regime_id ((DmlRegime) dml_output_get (&outputs[c], p)));
          else
            append_ascii (str, dml_output_get (&outputs[c], p));
        }
      g_string_append_c (str, '\n');
    }

  return g_string_free (str, FALSE);
}

static void
add_number_or_null (JsonBuilder *builder,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
build_summary (JsonBuilder      *builder,
               const DmlSummary *summary)
{
  json_builder_begin_object (builder);
  add_number_or_null (builder, "plateau_utilization", summary->plateau_utilization);
  add_number_or_null (builder, "dram_onset_flop", summary->dram_onset);
  add_number_or_null (builder, "network_onset_flop", summary->network_onset);
  add_number_or_null (builder, "latency_onset_flop", summary->latency_onset);
  add_number_or_null (builder, "wall_flop", summary->wall);
  add_number_or_null (builder, "wall_beyond_flop", summary->wall_beyond);
  add_number_or_null (builder, "max_flop_at_80pct", summary->max_at_80);
  add_number_or_null (builder, "batch_cap_flop", summary->batch_cap);
  if (summary->goodput)
    add_number_or_null (builder, "reliability_onset_flop", summary->reliability_onset);
  json_builder_set_member_name (builder, "search_truncated_points");
  json_builder_add_int_value (builder, summary->truncated_points);
  /* Said only where it is not the paper's bound, so that the paper's
   * outputs stay as they were before the choice existed. */
  if (summary->overlap != DML_OVERLAP_PAPER)
    {
      json_builder_set_member_name (builder, "overlap");
      json_builder_add_string_value (builder, dml_enum_nick (DML_TYPE_OVERLAP, summary->overlap));
    }
  json_builder_end_object (builder);
}

static char *
to_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return dml_json_to_string (root, NULL);
}

char *
dml_report_summary_json (const DmlSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  build_summary (builder, summary);
  return to_json (builder);
}

char *
dml_report_json (const DmlSweep *sweep,
                 const char     *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const DmlOutput *outputs;
  guint n_outputs;

  outputs = dml_outputs (&n_outputs);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "design");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "summary");
  build_summary (builder, &sweep->summary);
  json_builder_set_member_name (builder, "points");
  json_builder_begin_array (builder);

  for (guint i = 0; i < sweep->n_points; i++)
    {
      const DmlPoint *p = &sweep->points[i];

      json_builder_begin_object (builder);
      for (guint c = 0; c < n_outputs; c++)
        {
          double value = dml_output_get (&outputs[c], p);

          if (!dml_output_is_shown (&outputs[c], &sweep->params))
            continue;
          json_builder_set_member_name (builder, outputs[c].id);
          if (outputs[c].kind == DML_OUTPUT_REGIME)
            json_builder_add_string_value (builder, dml_regime_id ((DmlRegime) value));
          else if (outputs[c].kind == DML_OUTPUT_FLAG)
            json_builder_add_boolean_value (builder, value != 0);
          else
            json_builder_add_double_value (builder, value);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return to_json (builder);
}

static void
append_row (GString    *str,
            const char *label,
            const char *value)
{
  dml_string_append_padded (str, label, 35);
  g_string_append_printf (str, " %s\n", value);
}

static void
append_flop_line (GString    *str,
                  const char *label,
                  double      flop)
{
  g_autofree char *value = isfinite (flop) ? dml_format_flop (flop) : g_strdup (_("none in the sweep"));

  append_row (str, label, value);
}

/* An onset, and where another limit costs more there, that too: "4.0 ×
 * 10³⁰ FLOP (5 points; the network costs more)". @k: 0 DRAM, 1 network,
 * 2 latency. */
static void
append_onset_line (GString          *str,
                   const char       *label,
                   const DmlSummary *summary,
                   guint             k)
{
  static const DmlRegime regimes[] = { DML_REGIME_DRAM, DML_REGIME_NETWORK, DML_REGIME_LATENCY };
  const double onsets[] = { summary->dram_onset, summary->network_onset, summary->latency_onset };
  DmlRegime band = summary->onset_band[k];
  g_autofree char *flop = NULL;
  g_autofree char *value = NULL;
  const char *other;

  if (!isfinite (onsets[k]) || band == regimes[k] || band == DML_REGIME_COMPUTE)
    {
      append_flop_line (str, label, onsets[k]);
      return;
    }

  flop = dml_format_flop (onsets[k]);
  switch (band)
    {
    case DML_REGIME_DRAM:
      other = _("DRAM");
      break;
    case DML_REGIME_NETWORK:
      other = _("the network");
      break;
    case DML_REGIME_RELIABILITY:
      /* TRANSLATORS: what costs more, in "(5.0 points; time lost to interruptions costs more)" */
      other = _("time lost to interruptions");
      break;
    default:
      other = _("latency");
      break;
    }
  /* TRANSLATORS: an onset where another limit costs more, e.g.
   * "4.0 × 10³⁰ FLOP (5.2 points; the network costs more)" */
  value = g_strdup_printf (_("%s (%.1f points; %s costs more)"), flop, 100 * summary->onset_cost[k], other);
  append_row (str, label, value);
}

/* "5.6 × 10³¹ FLOP", "beyond 10³³ FLOP" when every point of the sweep is
 * feasible, or "none in the sweep" when none is. */
char *
dml_report_wall (const DmlSummary *summary)
{
  if (isfinite (summary->wall_beyond))
    {
      g_autofree char *end = dml_format_flop (summary->wall_beyond);

      /* TRANSLATORS: the wall lies past the sweep's end, e.g. "beyond 10³³ FLOP" */
      return g_strdup_printf (_("beyond %s"), end);
    }
  if (isfinite (summary->wall))
    return dml_format_flop (summary->wall);

  return g_strdup (_("none in the sweep"));
}

/* `summary`'s text: the design's name, the summary and, on several
 * sites, what makes the wall, in words. */
char *
dml_report_design_summary_text (const DmlSweep *sweep,
                                const char     *name)
{
  g_autofree char *body = dml_report_summary_text (&sweep->summary);
  DmlWallCause cause = dml_wall_cause (sweep);
  GString *str = g_string_new (NULL);

  g_string_append_printf (str, "%s\n%s", name, body);
  if (cause != DML_WALL_CAUSE_NONE)
    {
      g_autofree char *sentence = dml_wall_cause_text (sweep, cause);

      dml_string_append_padded (str, _("Wall made by:"), 35);
      g_string_append_printf (str, " %s\n%s\n", dml_wall_cause_label (cause), sentence);
    }

  return g_string_free (str, FALSE);
}

char *
dml_report_summary_text (const DmlSummary *summary)
{
  GString *str = g_string_new (NULL);
  g_autofree char *plateau = dml_format_percent (summary->plateau_utilization);

  if (summary->overlap != DML_OVERLAP_PAPER)
    append_row (str, _("Overlap assumption:"), dml_overlap_label (summary->overlap));
  append_row (str, _("Plateau utilization:"), plateau);
  append_onset_line (str, _("DRAM-bound onset:"), summary, 0);
  append_onset_line (str, _("Network-bound onset:"), summary, 1);
  append_onset_line (str, _("Latency-bound onset:"), summary, 2);
  {
    g_autofree char *wall = dml_report_wall (summary);

    append_row (str, _("Wall (largest feasible run):"), wall);
  }
  /* xgettext:no-c-format */
  append_flop_line (str, _("Largest run at ≥ 80% of plateau:"), summary->max_at_80);
  if (isfinite (summary->batch_cap))
    append_flop_line (str, _("Critical batch caps the batch from:"), summary->batch_cap);
  if (summary->goodput)
    /* xgettext:no-c-format */
    append_flop_line (str, _("Goodput below 50% from:"), summary->reliability_onset);
  if (summary->truncated_points > 0)
    g_string_append_printf (str, g_dngettext (GETTEXT_PACKAGE,
                                              "At %u point the layout search reached its work limit: "
                                              "its utilization is a lower bound.\n",
                                              "At %u points the layout search reached its work limit: "
                                              "their utilization is a lower bound.\n",
                                              summary->truncated_points),
                            summary->truncated_points);

  return g_string_free (str, FALSE);
}

/* "dp 231 × tp 32 (4×8) × pp 256, ep 1, 256 microbatches" */
char *
dml_report_layout (const DmlLayout *l)
{
  return g_strdup_printf (_("dp %.0f × tp %.0f (%.0f×%.0f) × pp %.0f, ep %.0f, %.0f microbatches"),
                          l->dp, l->tx * l->ty, l->tx, l->ty, l->pp, l->ep, l->m);
}

/* "  Latency                  21 ms    0.4 %": one part of a step. */
void
dml_report_append_part (GString    *str,
                        const char *label,
                        double      seconds,
                        double      step)
{
  g_autofree char *value = dml_format_quantity (seconds, "s");

  g_string_append (str, "  ");
  dml_string_append_padded (str, label, 24);
  g_string_append_printf (str, "%10s  %5.1f %%\n", value, step > 0 ? 100 * seconds / step : 0);
}

char *
dml_report_point_text (const DmlParams *params,
                       const DmlPoint  *point)
{
  return dml_report_point_text_full (params, point, TRUE);
}

/* Without @parts, the step's parts are left out: the window shows them
 * as a table of its own, which lines up in any font. */
char *
dml_report_point_text_full (const DmlParams *design,
                            const DmlPoint  *point,
                            gboolean         parts)
{
  DmlParams at;
  const DmlParams *params = &at;
  GString *str = g_string_new (NULL);
  const DmlShape *s = &point->shape;
  const DmlStepTime *t = &point->time;
  const DmlOutput *outputs;
  guint n_outputs;
  g_autofree char *flop = dml_format_flop (point->flop);
  g_autofree char *params_text = dml_format_power_of_ten (s->params, 2);
  g_autofree char *tokens = dml_format_power_of_ten (s->tokens, 2);
  g_autofree char *batch = dml_format_power_of_ten (s->batch_tokens, 2);

  /* The run of a year on the roadmap has that year's hardware. */
  dml_roadmap_params_at_flop (design, point->flop, &at);

  outputs = dml_outputs (&n_outputs);
  g_string_append_printf (str, _("Training run of %s\n"), flop);
  g_string_append_printf (str, _("Model: %s active parameters, %.0f layers, d_model %.0f, trained on %s tokens\n"),
                          params_text, s->layers, s->d_model, tokens);
  {
    g_autofree char *steps = dml_format_si (s->steps, "", 3);

    /* "3.47 M steps", as people say it */
    g_string_append_printf (str, _("Batch: %s tokens per step, %s steps\n"), batch, steps);
  }
  if (point->search_truncated)
    g_string_append (str, _("The layout search reached its work limit: a better layout may exist.\n"));

  if (!point->feasible)
    {
      g_string_append (str, point->over_budget
                       ? _("No layout within the GPU budget finishes in time: this run is past the cluster's limit.\n")
                       : _("No layout finishes in time: this run is past the wall.\n"));
      return g_string_free (str, FALSE);
    }

  {
    g_autofree char *layout = dml_report_layout (&point->layout);
    g_autofree char *util = dml_format_percent (point->utilization);
    g_autofree char *gpus = dml_format_power_of_ten (point->gpus, 3);
    g_autofree char *b = dml_format_quantity (point->tokens_per_microbatch, "");
    g_autofree char *memory = dml_format_quantity (t->memory, "B");
    g_autofree char *capacity = dml_format_quantity (params->hbm_capacity, "B");
    g_autofree char *wall = dml_format_duration (point->wall_clock);
    g_autofree char *hours = dml_format_power_of_ten (point->gpu_hours, 3);
    g_autofree char *power = dml_format_quantity (point->power, "W");

    g_string_append_printf (str, _("Utilization: %s of peak (%s)\n"), util, dml_regime_label (point->band));
    g_string_append_printf (str, _("GPUs: %s (%.0f), layout %s\n"), gpus, point->gpus, layout);
    if (t->sites > 1)
      g_string_append_printf (str, t->pipeline_across_sites ? _("Sites: %.0f, the pipeline stages split across them\n")
                                                            : _("Sites: %.0f, whole replicas in each\n"), t->sites);
    g_string_append_printf (str, _("Tokens per microbatch per GPU: %s\n"), b);
    if (parts)
      {
        g_string_append_printf (str, _("Step time and its parts:\n"));
        for (guint c = 0; c < n_outputs; c++)
          if (dml_output_is_step_part (&outputs[c], params))
            dml_report_append_part (str, dml_output_label (&outputs[c]), dml_output_get (&outputs[c], point), t->step);
        dml_report_append_part (str, _("Step"), t->step, t->step);
      }
    g_string_append_printf (str, _("Memory per GPU: %s of %s\n"), memory, capacity);
    g_string_append_printf (str, _("Wall-clock: %s, %s GPU-hours\n"), wall, hours);
    if (params->goodput)
      {
        g_autofree char *goodput = dml_format_percent (point->goodput);
        g_autofree char *mtbi = dml_format_duration (point->mtbi);

        /* TRANSLATORS: the goodput, and the mean time between the job's interruptions */
        g_string_append_printf (str, _("Goodput: %s, an interruption every %s\n"), goodput, mtbi);
      }
    if (params->gpu_hour_cost > 0)
      {
        g_autofree char *cost = dml_format_usd (point->cost);

        g_string_append_printf (str, _("Cost: %s at $%.2f per GPU-hour\n"), cost, params->gpu_hour_cost);
      }
    if (params->power_per_gpu > 0)
      {
        g_autofree char *facility = dml_format_quantity (point->facility_power, "W");
        g_autofree char *energy = dml_format_quantity (point->energy, "Wh");
        g_autofree char *energy_cost = dml_format_usd (point->energy_cost);
        g_autofree char *emissions = dml_format_quantity (point->emissions, "t");

        g_string_append_printf (str, _("Power: %s for the GPUs\n"), power);
        /* TRANSLATORS: facility power, PUE; energy over the run, its cost and CO₂ emissions */
        g_string_append_printf (str, _("Site: %s at PUE %.2g; energy %s, %s, %s CO₂\n"), facility, params->pue,
                                energy, energy_cost, emissions);
      }
  }

  return g_string_free (str, FALSE);
}

/* The timeline: each point of the sweep as the frontier run of its year. */
char *
dml_report_timeline_csv (const DmlSweep *sweep)
{
  GString *str = g_string_new ("year,flop,utilization,regime_band\n");

  for (guint i = 0; i < sweep->n_points; i++)
    {
      const DmlPoint *p = &sweep->points[i];

      append_ascii (str, dml_timeline_year (&sweep->params, sweep->params.growth, p->flop));
      g_string_append_c (str, ',');
      append_ascii (str, p->flop);
      g_string_append_c (str, ',');
      append_ascii (str, p->feasible ? p->utilization : 0);
      g_string_append_printf (str, ",%s\n", dml_regime_id (p->band));
    }

  return g_string_free (str, FALSE);
}

char *
dml_report_timeline_json (const DmlSweep *sweep,
                          const char     *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *sentence = dml_timeline_sentence (&sweep->params, &sweep->summary);
  const DmlParams *params = &sweep->params;
  DmlDate dates[DML_N_DATES];

  dml_timeline_dates (params, &sweep->summary, dates);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "design");
  json_builder_add_string_value (builder, name);
  add_number_or_null (builder, "growth", params->growth);
  add_number_or_null (builder, "growth_low", params->growth_low);
  add_number_or_null (builder, "growth_high", params->growth_high);
  add_number_or_null (builder, "anchor_flop", params->anchor_flop);
  add_number_or_null (builder, "anchor_year", params->anchor_year);
  /* The other runs the 90% ranges start the trend from. */
  json_builder_set_member_name (builder, "anchor_runs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (params->n_anchor_runs, DML_MAX_ANCHOR_RUNS); i++)
    {
      json_builder_begin_object (builder);
      add_number_or_null (builder, "flop", params->anchor_runs[i].flop);
      add_number_or_null (builder, "year", params->anchor_runs[i].year);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  for (DmlDateKind k = 0; k < DML_N_DATES; k++)
    {
      g_autofree char *earliest = g_strconcat (dml_date_id (k), "_earliest", NULL);
      g_autofree char *latest = g_strconcat (dml_date_id (k), "_latest", NULL);

      add_number_or_null (builder, dml_date_id (k), dates[k].year);
      add_number_or_null (builder, earliest, dates[k].earliest);
      add_number_or_null (builder, latest, dates[k].latest);
    }
  json_builder_set_member_name (builder, "sentence");
  json_builder_add_string_value (builder, sentence);
  json_builder_set_member_name (builder, "summary");
  build_summary (builder, &sweep->summary);
  json_builder_end_object (builder);

  return to_json (builder);
}

/* "Grok-3 (2025)" for a known anchor run, else "4.6 × 10²⁶ FLOP in 2025.13". */
static char *
anchor_run_text (const DmlAnchorRun *run)
{
  const DmlAnchor *anchors;
  guint n_anchors;
  g_autofree char *flop = NULL;

  anchors = dml_anchors (&n_anchors);
  for (guint a = 0; a < n_anchors; a++)
    if (anchors[a].flop == run->flop && fabs (run->year - dml_decimal_year (anchors[a].date)) < 0.006)
      return g_strdup (g_dgettext (GETTEXT_PACKAGE, anchors[a].name));
  flop = dml_format_flop (run->flop);
  /* TRANSLATORS: an anchor run given by its compute and its decimal year */
  return g_strdup_printf (_("%s in %.2f"), flop, run->year);
}

/* "Grok-3 (2025), Custom…": the other anchor runs, or NULL for none. */
static char *
anchor_runs_text (const DmlParams *params)
{
  GString *str;

  if (params->n_anchor_runs == 0)
    return NULL;
  str = g_string_new (NULL);
  for (guint i = 0; i < MIN (params->n_anchor_runs, DML_MAX_ANCHOR_RUNS); i++)
    {
      g_autofree char *run = anchor_run_text (&params->anchor_runs[i]);

      if (i > 0)
        g_string_append (str, ", ");
      g_string_append (str, run);
    }
  return g_string_free (str, FALSE);
}

char *
dml_report_timeline_text (const DmlSweep *sweep,
                          const char     *name)
{
  const DmlParams *params = &sweep->params;
  GString *str = g_string_new (NULL);
  g_autofree char *anchor = dml_format_flop (params->anchor_flop);
  g_autofree char *sentence = dml_timeline_sentence (params, &sweep->summary);
  DmlDate dates[DML_N_DATES];

  dml_timeline_dates (params, &sweep->summary, dates);

  g_string_append_printf (str, "%s\n", name);
  /* TRANSLATORS: the frontier trend: anchor compute, its year, growth and its 90% interval */
  g_string_append_printf (str, _("Frontier: %s in %.2f, growing %.3g×/year (90%%: %.3g–%.3g)\n"),
                          anchor, params->anchor_year, params->growth, params->growth_low, params->growth_high);
  if (params->n_anchor_runs > 0)
    {
      g_autofree char *runs = anchor_runs_text (params);

      /* TRANSLATORS: the other runs the trend may start from (a list of names) */
      g_string_append_printf (str, _("The 90%% ranges also start the trend from: %s\n"), runs);
    }
  for (DmlDateKind k = 0; k < DML_N_DATES; k++)
    {
      g_autofree char *value = NULL;

      if (!isfinite (dates[k].year))
        value = g_strdup (k == DML_DATE_WALL && isfinite (sweep->summary.wall_beyond) ? _("beyond the sweep")
                                                                                         : _("none in the sweep"));
      else
        {
          g_autofree char *flop = dml_format_flop (dates[k].flop);
          g_autofree char *range = dml_date_range (&dates[k]);

          /* TRANSLATORS: a year, its 90% range, and the compute reached then */
          value = g_strdup_printf (_("%d (90%%: %s), %s"), (int) floor (dates[k].year), range, flop);
        }
      append_row (str, dml_date_label (k), value);
    }
  g_string_append_printf (str, "%s\n", sentence);

  return g_string_free (str, FALSE);
}

/* The inputs an uncertainty run samples, one line each. */
static void
append_ranges (GString         *str,
               const DmlParams *params)
{
  const DmlField *fields;
  guint n_fields;

  fields = dml_fields (&n_fields);
  g_string_append (str, _("Sampled inputs:\n"));
  for (guint i = 0; i < params->n_ranges; i++)
    {
      const DmlRange *range = &params->ranges[i];
      g_autofree char *low = dml_field_format (&fields[range->field], range->low);
      g_autofree char *high = dml_field_format (&fields[range->field], range->high);

      /* TRANSLATORS: an input's label, its distribution (uniform, log-uniform, normal) and its range */
      g_string_append_printf (str, _("  %s: %s, %s to %s"), g_dgettext (GETTEXT_PACKAGE, fields[range->field].label),
                              dml_enum_nick (DML_TYPE_DISTRIBUTION, range->distribution), low, high);
      if (range->shared[0] != '\0')
        /* TRANSLATORS: the name of the draw several ranges share */
        g_string_append_printf (str, _(" (one draw: %s)"), range->shared);
      g_string_append_c (str, '\n');
    }
  /* TRANSLATORS: the compute growth rate's 90% interval */
  g_string_append_printf (str, _("  Frontier compute growth: normal, 90%% within %.3g–%.3g×/year\n"),
                          params->growth_low, params->growth_high);
  if (params->n_anchor_runs > 0)
    {
      g_autofree char *runs = anchor_runs_text (params);
      g_autofree char *own = anchor_run_text (&(DmlAnchorRun) { params->anchor_flop, params->anchor_year });

      /* TRANSLATORS: the design's anchor run, then the others; each sample takes one */
      g_string_append_printf (str, _("  Anchor run: %s or %s, equal chance\n"), own, runs);
    }
}

/* A marker a sample never reached reads "none"; a wall past the sweep's
 * end, "beyond". */
static char *
format_marker (DmlDateKind kind,
               double      flop)
{
  if (isfinite (flop))
    return dml_format_flop (flop);
  return g_strdup (kind == DML_DATE_WALL ? _("beyond") : _("none"));
}

static char *
format_year (DmlDateKind kind,
             double      year)
{
  if (isfinite (year))
    return g_strdup_printf ("%.1f", year);
  return g_strdup (kind == DML_DATE_WALL ? _("beyond") : _("none"));
}

char *
dml_report_uncertainty_text (const DmlUncertainty *u,
                             const DmlParams      *params,
                             const char           *name)
{
  GString *str = g_string_new (NULL);
  g_autofree char *p10 = dml_format_percent (u->plateau.p10);
  g_autofree char *p50 = dml_format_percent (u->plateau.p50);
  g_autofree char *p90 = dml_format_percent (u->plateau.p90);

  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, u->seed);

  g_string_append_printf (str, "%s\n", name);
  /* TRANSLATORS: number of samples and the seed */
  g_string_append_printf (str, _("%u samples, seed %s\n"), u->n_samples, seed);
  append_ranges (str, params);
  g_string_append_printf (str, _("Plateau utilization: P10 %s, P50 %s, P90 %s\n"), p10, p50, p90);
  g_string_append (str, _("Markers (FLOP; year) at P10 / P50 / P90:\n"));
  for (DmlDateKind k = 0; k < DML_N_DATES; k++)
    {
      g_autofree char *a = format_marker (k, u->marker[k].p10);
      g_autofree char *b = format_marker (k, u->marker[k].p50);
      g_autofree char *c = format_marker (k, u->marker[k].p90);
      g_autofree char *ya = format_year (k, u->year[k].p10);
      g_autofree char *yb = format_year (k, u->year[k].p50);
      g_autofree char *yc = format_year (k, u->year[k].p90);

      if (k == DML_DATE_FRONTIER_1E28)
        g_string_append_printf (str, "  %s %s / %s / %s\n", dml_date_label (k), ya, yb, yc);
      else
        g_string_append_printf (str, "  %s %s / %s / %s; %s / %s / %s\n", dml_date_label (k), a, b, c, ya, yb, yc);
    }

  return g_string_free (str, FALSE);
}

char *
dml_report_uncertainty_csv (const DmlUncertainty *u)
{
  GString *str = g_string_new ("flop,utilization_p10,utilization_p50,utilization_p90\n");

  for (guint i = 0; i < u->n_points; i++)
    {
      append_ascii (str, u->flop[i]);
      g_string_append_c (str, ',');
      append_ascii (str, u->utilization[i].p10);
      g_string_append_c (str, ',');
      append_ascii (str, u->utilization[i].p50);
      g_string_append_c (str, ',');
      append_ascii (str, u->utilization[i].p90);
      g_string_append_c (str, '\n');
    }

  return g_string_free (str, FALSE);
}

static void
add_percentiles (JsonBuilder          *builder,
                 const char           *name,
                 const DmlPercentiles *p)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_number_or_null (builder, "p10", p->p10);
  add_number_or_null (builder, "p50", p->p50);
  add_number_or_null (builder, "p90", p->p90);
  json_builder_end_object (builder);
}

/* json-glib holds whole numbers as gint64 only, so the seed, 0 … 2^64 − 1,
 * is written into the text: after "samples", whose line is the first to
 * start with that key (a newline inside a string is escaped). */
static char *
with_seed (char    *json,
           guint64  seed)
{
  g_autofree char *text = json;
  const char *samples = strstr (text, "\n  \"samples\": ");
  const char *end = samples != NULL ? strchr (samples + 1, '\n') : NULL;

  g_return_val_if_fail (end != NULL, g_steal_pointer (&text));

  return g_strdup_printf ("%.*s\n  \"seed\": %" G_GUINT64_FORMAT ",%s", (int) (end - text), text, seed, end);
}

/* null stands for "beyond the sweep" (a marker not reached, a wall past
 * its end). */
char *
dml_report_uncertainty_json (const DmlUncertainty *u,
                             const DmlParams      *params,
                             const char           *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "design");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "samples");
  json_builder_add_int_value (builder, u->n_samples);
  json_builder_set_member_name (builder, "ranges");
  dml_params_json_add_ranges (builder, params);
  add_percentiles (builder, "plateau_utilization", &u->plateau);
  json_builder_set_member_name (builder, "markers");
  json_builder_begin_object (builder);
  for (DmlDateKind k = 0; k < DML_N_DATES; k++)
    {
      json_builder_set_member_name (builder, dml_date_id (k));
      json_builder_begin_object (builder);
      add_percentiles (builder, "flop", &u->marker[k]);
      add_percentiles (builder, "year", &u->year[k]);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "points");
  json_builder_begin_array (builder);
  for (guint i = 0; i < u->n_points; i++)
    {
      json_builder_begin_object (builder);
      add_number_or_null (builder, "flop", u->flop[i]);
      add_number_or_null (builder, "utilization_p10", u->utilization[i].p10);
      add_number_or_null (builder, "utilization_p50", u->utilization[i].p50);
      add_number_or_null (builder, "utilization_p90", u->utilization[i].p90);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return with_seed (to_json (builder), u->seed);
}

static char *
run_layout_text (const DmlRun *run)
{
  double dp = run->dp > 0 ? run->dp : run->gpus / (run->tp * run->pp * run->cp);

  /* TRANSLATORS: a run's layout: tensor, pipeline, data, context and expert degrees, micro-batch,
   * virtual stages, recompute and precision */
  return g_strdup_printf (_("tp %.0f × pp %.0f × dp %.0f × cp %.0f, ep %.0f, micro-batch %.0f, %.0f virtual stages, "
                            "recompute %s, %s"),
                          run->tp, run->pp, dp, run->cp, run->ep, run->micro_batch_sequences, run->virtual_stages,
                          dml_enum_nick (DML_TYPE_RECOMPUTE, run->recompute), dml_enum_nick (DML_TYPE_PRECISION, run->precision));
}

/* A given run's layout in words, for the chart's tooltip. */
char *
dml_report_run_layout (const DmlRun *run)
{
  return run_layout_text (run);
}

/* The step's parts, each with its share, and the step: from the run's
 * output table. */
void
dml_report_append_run_parts (GString            *str,
                             const DmlRunResult *result)
{
  const DmlRunOutput *outputs;
  guint n_outputs;

  outputs = dml_run_outputs (&n_outputs);
  for (guint i = 0; i < n_outputs; i++)
    if (outputs[i].step_part)
      dml_report_append_part (str, dml_run_output_label (&outputs[i]), dml_run_output_get (&outputs[i], result),
                              result->step);
  dml_report_append_part (str, _("Step"), result->step, result->step);
}

/* `dmlimits-cli run`: the model, the layout, the step and its parts,
 * MFU, memory, days and the best layout that fits. */
char *
dml_report_run_text (const DmlGivenRun *given,
                     const DmlParams   *hardware,
                     const char        *name)
{
  const DmlRun *run = &given->run;
  const DmlRunResult *result = &given->result;
  GString *str = g_string_new (NULL);
  g_autofree char *layout = run_layout_text (run);
  g_autofree char *params = dml_format_power_of_ten (result->parameters, 3);
  g_autofree char *gpus = dml_format_power_of_ten (run->gpus, 3);
  g_autofree char *peak_text = dml_format_quantity (given->peak, "FLOP/s");
  g_autofree char *mfu = dml_format_percent (result->mfu);
  g_autofree char *hfu = dml_format_percent (result->hfu);
  g_autofree char *memory = dml_format_quantity (result->memory, "B");
  g_autofree char *capacity = dml_format_quantity (hardware->hbm_capacity, "B");
  g_autofree char *tokens = dml_format_quantity (result->tokens_per_gpu_s, "");

  g_string_append_printf (str, "%s\n", name);
  g_string_append_printf (str, _("Model: %s parameters, %.0f layers, d_model %.0f, sequence %.0f, batch %.0f sequences\n"),
                          params, run->layers, run->d_model, run->sequence_length, run->global_batch_sequences);
  if (run->parameters > 0 && fabs (run->parameters - result->parameters) > 0.1 * run->parameters)
    {
      g_autofree char *stated = dml_format_power_of_ten (run->parameters, 3);

      /* TRANSLATORS: the parameters a design states, against those its shape gives */
      g_string_append_printf (str, _("Note: the design states %s parameters; its shape gives %s\n"), stated, params);
    }
  g_string_append_printf (str, _("Layout on %s GPUs: %s\n"), gpus, layout);
  g_string_append_printf (str, _("Step time and its parts:\n"));
  dml_report_append_run_parts (str, result);
  g_string_append_printf (str, _("MFU %s, HFU %s, of %s (%s)\n"), mfu, hfu, peak_text,
                          dml_enum_nick (DML_TYPE_PRECISION, run->precision));
  /* TRANSLATORS: the GPU generation whose measured efficiencies the run uses */
  g_string_append_printf (str, given->calibration_own ? _("Calibration: %s, with the design’s own numbers\n")
                                                      : _("Calibration: %s\n"), given->calibration);
  g_string_append_printf (str, _("Tokens per second per GPU: %s\n"), tokens);
  g_string_append_printf (str, result->fits ? _("Memory per GPU: %s of %s\n")
                                            : _("Memory per GPU: %s of %s: does not fit\n"), memory, capacity);
  {
    g_autofree char *weights = dml_format_quantity (result->memory_weights, "B");
    g_autofree char *gradients = dml_format_quantity (result->memory_gradients, "B");
    g_autofree char *state = dml_format_quantity (result->memory_optimizer, "B");
    g_autofree char *activations = dml_format_quantity (result->memory_activations, "B");
    g_autofree char *buffers = dml_format_quantity (result->memory_buffers, "B");

    /* TRANSLATORS: the parts of the memory per GPU */
    g_string_append_printf (str, _("  weights %s, gradients %s, optimizer state %s, activations %s, buffers %s\n"),
                            weights, gradients, state, activations, buffers);
  }
  g_string_append_printf (str, _("Days to train: %.1f\n"), result->days);
  if (isfinite (result->mtbi))
    {
      const DmlRunOutput *outputs;
      guint n_outputs;
      g_autofree char *goodput = dml_format_percent (result->goodput);
      g_autofree char *mtbi = NULL;
      g_autofree char *interval = NULL;

      /* The run output table's own formats: "3.1 h", "13.9 min". */
      outputs = dml_run_outputs (&n_outputs);
      for (guint i = 0; i < n_outputs; i++)
        if (g_str_equal (outputs[i].id, "mtbi_s"))
          mtbi = dml_run_output_format (&outputs[i], result->mtbi);
        else if (g_str_equal (outputs[i].id, "checkpoint_interval_s"))
          interval = dml_run_output_format (&outputs[i], result->checkpoint_interval);
      /* TRANSLATORS: goodput, the time between interruptions, the checkpoint interval, days with interruptions */
      g_string_append_printf (str, _("Goodput %s: an interruption every %s, checkpoints every %s; %.1f days with them\n"),
                              goodput, mtbi, interval, result->elapsed_days);
    }
  if (given->have_best)
    {
      g_autofree char *best_layout = run_layout_text (&given->best);
      g_autofree char *best_mfu = dml_format_percent (given->best_result.mfu);

      g_string_append_printf (str, _("Best layout on the same GPUs that fits: %s, MFU %s\n"), best_layout, best_mfu);
      if (result->fits)
        g_string_append_printf (str, _("This layout reaches %.0f%% of the best one's MFU\n"),
                                100 * result->mfu / given->best_result.mfu);
      else
        g_string_append (str, _("This layout does not fit in memory; the best one that does is above\n"));
    }
  else
    g_string_append (str, _("No layout on the same GPUs fits in memory\n"));

  return g_string_free (str, FALSE);
}

char *
dml_report_run_json (const DmlGivenRun *given,
                     const char        *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const DmlRunOutput *outputs;
  guint n_outputs;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "design");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "calibration");
  json_builder_add_string_value (builder, given->calibration);
  outputs = dml_run_outputs (&n_outputs);
  for (guint i = 0; i < n_outputs; i++)
    {
      double value = dml_run_output_get (&outputs[i], &given->result);

      if (outputs[i].kind == DML_OUTPUT_FLAG)
        {
          json_builder_set_member_name (builder, outputs[i].id);
          json_builder_add_boolean_value (builder, value != 0);
        }
      else
        /* No interruptions: an endless time between them, null. */
        add_number_or_null (builder, outputs[i].id, value);
    }
  if (given->have_best)
    {
      add_number_or_null (builder, "best_mfu", given->best_result.mfu);
      add_number_or_null (builder, "best_tp", given->best.tp);
      add_number_or_null (builder, "best_pp", given->best.pp);
      add_number_or_null (builder, "best_dp", given->best.dp);
      add_number_or_null (builder, "best_micro_batch_sequences", given->best.micro_batch_sequences);
      json_builder_set_member_name (builder, "best_recompute");
      json_builder_add_string_value (builder, dml_enum_nick (DML_TYPE_RECOMPUTE, given->best.recompute));
    }
  json_builder_end_object (builder);

  return to_json (builder);
}
