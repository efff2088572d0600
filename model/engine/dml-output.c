/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-output"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dml-format.h"
#include "dml-output.h"

static double get_flop (const DmlPoint *p) { return p->flop; }
static double get_utilization (const DmlPoint *p) { return p->feasible ? p->utilization : 0; }
static double get_feasible (const DmlPoint *p) { return p->feasible; }
static double get_regime (const DmlPoint *p) { return p->regime; }
static double get_gpus (const DmlPoint *p) { return p->gpus; }
static double get_dp (const DmlPoint *p) { return p->layout.dp; }
static double get_tp (const DmlPoint *p) { return p->layout.tx * p->layout.ty; }
static double get_tp_x (const DmlPoint *p) { return p->layout.tx; }
static double get_tp_y (const DmlPoint *p) { return p->layout.ty; }
static double get_pp (const DmlPoint *p) { return p->layout.pp; }
static double get_ep (const DmlPoint *p) { return p->layout.ep; }
static double get_m (const DmlPoint *p) { return p->layout.m; }
static double get_b (const DmlPoint *p) { return p->tokens_per_microbatch; }
static double get_batch (const DmlPoint *p) { return p->shape.batch_tokens; }
static double get_params (const DmlPoint *p) { return p->shape.params; }
static double get_tokens (const DmlPoint *p) { return p->shape.tokens; }
static double get_layers (const DmlPoint *p) { return p->shape.layers; }
static double get_d (const DmlPoint *p) { return p->shape.d_model; }
static double get_step (const DmlPoint *p) { return p->time.step; }
static double get_compute (const DmlPoint *p) { return p->time.compute; }
static double get_dram (const DmlPoint *p) { return p->time.dram; }
static double get_scaleup (const DmlPoint *p) { return p->time.scaleup; }
static double get_scaleout (const DmlPoint *p) { return p->time.scaleout; }
static double get_latency (const DmlPoint *p) { return p->time.latency; }
static double get_bubble (const DmlPoint *p) { return p->time.bubble; }
static double get_memory (const DmlPoint *p) { return p->time.memory; }
static double get_gpu_hours (const DmlPoint *p) { return p->gpu_hours; }
static double get_cost (const DmlPoint *p) { return p->cost; }
static double get_power (const DmlPoint *p) { return p->power; }
static double get_total_params (const DmlPoint *p) { return p->shape.total_params; }
static double get_steps (const DmlPoint *p) { return p->shape.steps; }
static double get_wall_clock (const DmlPoint *p) { return p->wall_clock; }
static double get_over_budget (const DmlPoint *p) { return p->over_budget; }
static double get_band (const DmlPoint *p) { return p->band; }
static double get_facility_power (const DmlPoint *p) { return p->facility_power; }
static double get_energy (const DmlPoint *p) { return p->energy; }
static double get_energy_cost (const DmlPoint *p) { return p->energy_cost; }
static double get_emissions (const DmlPoint *p) { return p->emissions; }
static double get_intersite (const DmlPoint *p) { return p->time.intersite; }
static double get_sites (const DmlPoint *p) { return p->time.sites; }
static double get_pipeline_across_sites (const DmlPoint *p) { return p->time.pipeline_across_sites; }
static double get_goodput (const DmlPoint *p) { return p->feasible ? p->goodput : 0; }
static double get_mtbi (const DmlPoint *p) { return p->mtbi; }

#define OUT(id, label, unit, kind, flags, regime, get) \
  { id, label, unit, DML_OUTPUT_##kind, flags, DML_REGIME_##regime, get }

/* In the order of the CSV columns, which scripts read by position too:
 * new outputs go at the end. Step parts are stacked in this order. */
static const DmlOutput outputs[] = {
  OUT ("flop", N_("Training compute"), "FLOP", NUMBER, 0, COMPUTE, get_flop),
  OUT ("utilization", N_("Utilization"), "", FRACTION, DML_OUTPUT_AT, COMPUTE, get_utilization),
  OUT ("feasible", N_("Feasible"), "", FLAG, 0, COMPUTE, get_feasible),
  OUT ("regime", N_("Regime"), "", REGIME, 0, COMPUTE, get_regime),
  OUT ("gpus", N_("GPUs"), "", COUNT, DML_OUTPUT_AT, COMPUTE, get_gpus),
  OUT ("dp", N_("Data"), "", COUNT, 0, COMPUTE, get_dp),
  OUT ("tp", N_("Tensor"), "", COUNT, 0, COMPUTE, get_tp),
  OUT ("tp_x", N_("Tensor, inside the domain"), "", COUNT, 0, COMPUTE, get_tp_x),
  OUT ("tp_y", N_("Tensor, across domains"), "", COUNT, 0, COMPUTE, get_tp_y),
  OUT ("pp", N_("Pipeline"), "", COUNT, 0, COMPUTE, get_pp),
  OUT ("ep", N_("Expert"), "", COUNT, 0, COMPUTE, get_ep),
  OUT ("microbatches", N_("Microbatches"), "", COUNT, 0, COMPUTE, get_m),
  OUT ("tokens_per_microbatch", N_("Tokens per microbatch per GPU"), "", NUMBER, 0, COMPUTE, get_b),
  OUT ("batch_tokens", N_("Batch (tokens)"), "", NUMBER, 0, COMPUTE, get_batch),
  OUT ("params", N_("Active parameters"), "", NUMBER, 0, COMPUTE, get_params),
  OUT ("tokens", N_("Training tokens"), "", NUMBER, 0, COMPUTE, get_tokens),
  OUT ("layers", N_("Layers"), "", COUNT, 0, COMPUTE, get_layers),
  OUT ("d_model", N_("Model width"), "", COUNT, 0, COMPUTE, get_d),
  OUT ("step_s", N_("Step"), "s", NUMBER, 0, COMPUTE, get_step),
  OUT ("compute_s", N_("Compute"), "s", NUMBER, DML_OUTPUT_STEP_PART, COMPUTE, get_compute),
  OUT ("dram_s", N_("DRAM excess"), "s", NUMBER, DML_OUTPUT_STEP_PART, DRAM, get_dram),
  OUT ("scaleup_s", N_("Scale-up network"), "s", NUMBER, DML_OUTPUT_STEP_PART, NETWORK, get_scaleup),
  OUT ("scaleout_s", N_("Scale-out network"), "s", NUMBER, DML_OUTPUT_STEP_PART, NETWORK, get_scaleout),
  OUT ("latency_s", N_("Latency"), "s", NUMBER, DML_OUTPUT_STEP_PART, LATENCY, get_latency),
  OUT ("bubble_s", N_("Pipeline bubble"), "s", NUMBER, DML_OUTPUT_STEP_PART, INFEASIBLE, get_bubble),
  OUT ("memory_per_gpu_bytes", N_("Memory per GPU"), "B", NUMBER, 0, COMPUTE, get_memory),
  OUT ("gpu_hours", N_("GPU-hours"), "", NUMBER, 0, COMPUTE, get_gpu_hours),
  OUT ("cost_usd", N_("Cost"), "USD", NUMBER, DML_OUTPUT_AT, COMPUTE, get_cost),
  OUT ("power_w", N_("Power"), "W", NUMBER, DML_OUTPUT_AT, COMPUTE, get_power),
  OUT ("total_params", N_("Total parameters"), "", NUMBER, 0, COMPUTE, get_total_params),
  OUT ("steps", N_("Steps"), "", NUMBER, 0, COMPUTE, get_steps),
  OUT ("wall_clock_s", N_("Wall-clock time"), "s", NUMBER, 0, COMPUTE, get_wall_clock),
  OUT ("over_budget", N_("Past the GPU budget"), "", FLAG, 0, COMPUTE, get_over_budget),
  OUT ("regime_band", N_("Regime band"), "", REGIME, 0, COMPUTE, get_band),
  OUT ("facility_power_w", N_("Facility power"), "W", NUMBER, DML_OUTPUT_AT, COMPUTE, get_facility_power),
  OUT ("energy_wh", N_("Energy"), "Wh", NUMBER, DML_OUTPUT_AT, COMPUTE, get_energy),
  OUT ("energy_cost_usd", N_("Energy cost"), "USD", NUMBER, DML_OUTPUT_AT, COMPUTE, get_energy_cost),
  OUT ("emissions_t", N_("Emissions (CO₂)"), "t", NUMBER, DML_OUTPUT_AT, COMPUTE, get_emissions),
  OUT ("intersite_s", N_("Between sites"), "s", NUMBER, DML_OUTPUT_STEP_PART | DML_OUTPUT_SITES, NETWORK, get_intersite),
  OUT ("sites", N_("Sites"), "", COUNT, DML_OUTPUT_SITES, COMPUTE, get_sites),
  OUT ("pipeline_across_sites", N_("Pipeline across sites"), "", FLAG, DML_OUTPUT_SITES, COMPUTE, get_pipeline_across_sites),
  OUT ("goodput", N_("Goodput"), "", FRACTION, DML_OUTPUT_AT | DML_OUTPUT_GOODPUT, COMPUTE, get_goodput),
  OUT ("mtbi_s", N_("Time between interruptions"), "s", NUMBER, DML_OUTPUT_GOODPUT, COMPUTE, get_mtbi),
};

#undef OUT

const DmlOutput *
dml_outputs (guint *n_outputs)
{
  *n_outputs = G_N_ELEMENTS (outputs);
  return outputs;
}

const DmlOutput *
dml_output_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    if (g_str_equal (outputs[i].id, id))
      return &outputs[i];

  g_return_val_if_reached (NULL);
}

/* Whether @output is a part of the step for a design of @params: the time
 * between sites is one only where there are several sites. */
gboolean
dml_output_is_step_part (const DmlOutput *output,
                         const DmlParams *params)
{
  if (!(output->flags & DML_OUTPUT_STEP_PART))
    return FALSE;
  return !(output->flags & DML_OUTPUT_SITES) || dml_params_site_gpus (params) > 0;
}

/* Whether a design of @params has @output at all: its files (CSV, JSON)
 * and the comparison leave out the figures of interruptions where the
 * design has none, so that they read as they did before there were any. */
gboolean
dml_output_is_shown (const DmlOutput *output,
                     const DmlParams *params)
{
  return !(output->flags & DML_OUTPUT_GOODPUT) || params->goodput;
}

const char *
dml_output_label (const DmlOutput *output)
{
  return g_dgettext (GETTEXT_PACKAGE, output->label);
}

double
dml_output_get (const DmlOutput *output,
                const DmlPoint  *point)
{
  return output->get (point);
}

/* For people: "3.5 s", "70.0 %", "1.92 × 10⁵", "$8.42 B". */
char *
dml_output_format (const DmlOutput *output,
                   double           value)
{
  if (!isfinite (value))
    return g_strdup ("—");

  switch (output->kind)
    {
    case DML_OUTPUT_FRACTION:
      return dml_format_percent (value);
    case DML_OUTPUT_FLAG:
      return g_strdup (value != 0 ? _("yes") : _("no"));
    case DML_OUTPUT_REGIME:
      return g_strdup (dml_regime_label ((DmlRegime) value));
    case DML_OUTPUT_COUNT:
      if (value < 1e4)
        return g_strdup_printf ("%.0f", value);
      return dml_format_power_of_ten (value, 3);
    case DML_OUTPUT_NUMBER:
    default:
      if (g_str_equal (output->unit, "FLOP"))
        return dml_format_flop (value);
      if (g_str_equal (output->unit, "USD"))
        return dml_format_usd (value);
      if (output->unit[0] == '\0')
        return dml_format_power_of_ten (value, 3);
      return dml_format_quantity (value, output->unit);
    }
}
