/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-report"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dml-format.h"
#include "dml-json.h"
#include "dml-report.h"

typedef double (*Getter) (const DmlPoint *p);

typedef struct
{
  const char *name;
  Getter      get;
} Column;


static double col_flop (const DmlPoint *p) { return p->flop; }
static double col_utilization (const DmlPoint *p) { return p->feasible ? p->utilization : 0; }
static double col_feasible (const DmlPoint *p) { return p->feasible; }
static double col_gpus (const DmlPoint *p) { return p->gpus; }
static double col_dp (const DmlPoint *p) { return p->layout.dp; }
static double col_tp (const DmlPoint *p) { return p->layout.tx * p->layout.ty; }
static double col_tp_x (const DmlPoint *p) { return p->layout.tx; }
static double col_tp_y (const DmlPoint *p) { return p->layout.ty; }
static double col_pp (const DmlPoint *p) { return p->layout.pp; }
static double col_ep (const DmlPoint *p) { return p->layout.ep; }
static double col_m (const DmlPoint *p) { return p->layout.m; }
static double col_b (const DmlPoint *p) { return p->tokens_per_microbatch; }
static double col_batch (const DmlPoint *p) { return p->shape.batch_tokens; }
static double col_params (const DmlPoint *p) { return p->shape.params; }
static double col_tokens (const DmlPoint *p) { return p->shape.tokens; }
static double col_layers (const DmlPoint *p) { return p->shape.layers; }
static double col_d (const DmlPoint *p) { return p->shape.d_model; }
static double col_step (const DmlPoint *p) { return p->time.step; }
static double col_compute (const DmlPoint *p) { return p->time.compute; }
static double col_dram (const DmlPoint *p) { return p->time.dram; }
static double col_up (const DmlPoint *p) { return p->time.scaleup; }
static double col_out (const DmlPoint *p) { return p->time.scaleout; }
static double col_latency (const DmlPoint *p) { return p->time.latency; }
static double col_bubble (const DmlPoint *p) { return p->time.bubble; }
static double col_memory (const DmlPoint *p) { return p->time.memory; }
static double col_gpu_hours (const DmlPoint *p) { return p->gpu_hours; }
static double col_cost (const DmlPoint *p) { return p->cost; }
static double col_power (const DmlPoint *p) { return p->power; }
static double col_total_params (const DmlPoint *p) { return p->shape.total_params; }
static double col_steps (const DmlPoint *p) { return p->shape.steps; }
static double col_wall_clock (const DmlPoint *p) { return p->wall_clock; }
static double col_over_budget (const DmlPoint *p) { return p->over_budget; }

/* "regime" goes after "feasible"; it is the one column that is text. */
static const Column columns[] = {
  { "flop", col_flop }, { "utilization", col_utilization }, { "feasible", col_feasible },
  { "regime", NULL }, { "gpus", col_gpus }, { "dp", col_dp }, { "tp", col_tp },
  { "tp_x", col_tp_x }, { "tp_y", col_tp_y }, { "pp", col_pp }, { "ep", col_ep },
  { "microbatches", col_m }, { "tokens_per_microbatch", col_b }, { "batch_tokens", col_batch },
  { "params", col_params }, { "tokens", col_tokens }, { "layers", col_layers },
  { "d_model", col_d }, { "step_s", col_step }, { "compute_s", col_compute },
  { "dram_s", col_dram }, { "scaleup_s", col_up }, { "scaleout_s", col_out },
  { "latency_s", col_latency }, { "bubble_s", col_bubble },
  { "memory_per_gpu_bytes", col_memory }, { "gpu_hours", col_gpu_hours },
  { "cost_usd", col_cost }, { "power_w", col_power }, { "total_params", col_total_params },
  { "steps", col_steps }, { "wall_clock_s", col_wall_clock }, { "over_budget", col_over_budget },
};

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

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    g_string_append_printf (str, "%s%s", c ? "," : "", columns[c].name);
  g_string_append_c (str, '\n');

  for (guint i = 0; i < sweep->n_points; i++)
    {
      const DmlPoint *p = &sweep->points[i];

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          if (c > 0)
            g_string_append_c (str, ',');
          if (columns[c].get == NULL)
            g_string_append (str, dml_regime_id (p->regime));
          else
            append_ascii (str, columns[c].get (p));
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
  add_number_or_null (builder, "max_flop_at_80pct", summary->max_at_80);
  json_builder_set_member_name (builder, "search_truncated_points");
  json_builder_add_int_value (builder, summary->truncated_points);
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
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          json_builder_set_member_name (builder, columns[c].name);
          if (columns[c].get == NULL)
            json_builder_add_string_value (builder, dml_regime_id (p->regime));
          else if (columns[c].get == col_feasible || columns[c].get == col_over_budget)
            json_builder_add_boolean_value (builder, columns[c].get (p) != 0);
          else
            json_builder_add_double_value (builder, columns[c].get (p));
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

char *
dml_report_summary_text (const DmlSummary *summary)
{
  GString *str = g_string_new (NULL);
  g_autofree char *plateau = dml_format_percent (summary->plateau_utilization);

  append_row (str, _("Plateau utilization:"), plateau);
  append_flop_line (str, _("DRAM-bound onset:"), summary->dram_onset);
  append_flop_line (str, _("Network-bound onset:"), summary->network_onset);
  append_flop_line (str, _("Latency-bound onset:"), summary->latency_onset);
  append_flop_line (str, _("Wall (largest feasible run):"), summary->wall);
  /* xgettext:no-c-format */
  append_flop_line (str, _("Largest run at ≥ 80% of plateau:"), summary->max_at_80);
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

static void
append_part (GString    *str,
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
  GString *str = g_string_new (NULL);
  const DmlShape *s = &point->shape;
  const DmlStepTime *t = &point->time;
  g_autofree char *flop = dml_format_flop (point->flop);
  g_autofree char *params_text = dml_format_power_of_ten (s->params, 2);
  g_autofree char *tokens = dml_format_power_of_ten (s->tokens, 2);
  g_autofree char *batch = dml_format_power_of_ten (s->batch_tokens, 2);

  g_string_append_printf (str, _("Training run of %s\n"), flop);
  g_string_append_printf (str, _("Model: %s active parameters, %.0f layers, d_model %.0f, trained on %s tokens\n"),
                          params_text, s->layers, s->d_model, tokens);
  g_string_append_printf (str, _("Batch: %s tokens per step, %.3g steps\n"), batch, s->steps);
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

    g_string_append_printf (str, _("Utilization: %s of peak (%s)\n"), util, dml_regime_label (point->regime));
    g_string_append_printf (str, _("GPUs: %s (%.0f), layout %s\n"), gpus, point->gpus, layout);
    g_string_append_printf (str, _("Tokens per microbatch per GPU: %s\n"), b);
    g_string_append_printf (str, _("Step time and its parts:\n"));
    append_part (str, _("compute"), t->compute, t->step);
    append_part (str, _("DRAM excess"), t->dram, t->step);
    append_part (str, _("scale-up network"), t->scaleup, t->step);
    append_part (str, _("scale-out network"), t->scaleout, t->step);
    append_part (str, _("latency"), t->latency, t->step);
    append_part (str, _("pipeline bubble"), t->bubble, t->step);
    append_part (str, _("step"), t->step, t->step);
    g_string_append_printf (str, _("Memory per GPU: %s of %s\n"), memory, capacity);
    g_string_append_printf (str, _("Wall-clock: %s, %s GPU-hours\n"), wall, hours);
    if (params->gpu_hour_cost > 0)
      {
        g_autofree char *cost = dml_format_power_of_ten (point->cost, 3);
        g_string_append_printf (str, _("Cost: %s USD at %.2f USD per GPU-hour\n"), cost, params->gpu_hour_cost);
      }
    if (params->power_per_gpu > 0)
      g_string_append_printf (str, _("Power: %s for the GPUs\n"), power);
  }

  return g_string_free (str, FALSE);
}
