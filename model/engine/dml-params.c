/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-params"

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-enum.h"
#include "dml-error.h"
#include "dml-format.h"
#include "dml-model-enums.h"
#include "dml-params.h"

#define NUM(g, k, p, m, lo, hi, ex, u, l) \
  { .group = DML_GROUP_##g, .key = k, .property = p, .kind = DML_FIELD_NUMBER, \
    .offset = G_STRUCT_OFFSET (DmlParams, m), .min = lo, .max = hi, .min_exclusive = ex, .unit = u, .label = l }
#define CNT(g, k, p, m, lo, hi, u, l) \
  { .group = DML_GROUP_##g, .key = k, .property = p, .kind = DML_FIELD_COUNT, \
    .offset = G_STRUCT_OFFSET (DmlParams, m), .min = lo, .max = hi, .unit = u, .label = l }
#define BOOL(g, k, p, m, l) \
  { .group = DML_GROUP_##g, .key = k, .property = p, .kind = DML_FIELD_BOOLEAN, \
    .offset = G_STRUCT_OFFSET (DmlParams, m), .min = 0, .max = 1, .unit = "", .label = l }
/* One of a GEnum's values (its type's get_type function), its nick in
 * files; its @n values run from 0 up (dml_enum_n_values ()), shown as
 * @labels in the panel and the comparison. */
#define CHOICE(g, k, p, m, type, n, labels, l) \
  { .group = DML_GROUP_##g, .key = k, .property = p, .kind = DML_FIELD_CHOICE, \
    .offset = G_STRUCT_OFFSET (DmlParams, m), .min = 0, .max = (n) - 1, .unit = "", .label = l, \
    .choice_type = type, .choice_labels = labels }

static const char * const overlap_labels[] = {
  /* TRANSLATORS: the paper's assumption that communication hides behind compute */
  N_("Paper’s bound (communication hidden)"),
  /* TRANSLATORS: communication overlapped as Megatron-LM does it today */
  N_("Today’s practice"),
  NULL
};

/* The ranges reject what is physically absurd, not what is merely
 * unusual: a planner may well ask about a GPU that does not exist yet. */
static const DmlField fields[] = {
  NUM (HARDWARE, "peak_flops", "peak-flops", peak_flops, 0, 1e21, TRUE, "FLOP/s", N_("Peak dense FLOP/s")),
  NUM (HARDWARE, "max_utilization", "max-utilization", max_utilization, 0, 1, TRUE, "", N_("Max sustained utilization")),
  NUM (HARDWARE, "hbm_bandwidth", "hbm-bandwidth", hbm_bandwidth, 0, 1e18, TRUE, "B/s", N_("Memory bandwidth")),
  NUM (HARDWARE, "hbm_capacity", "hbm-capacity", hbm_capacity, 0, 1e18, TRUE, "B", N_("Memory capacity")),
  NUM (HARDWARE, "scaleup_bandwidth", "scaleup-bandwidth", scaleup_bandwidth, 0, 1e18, TRUE, "B/s", N_("Scale-up bandwidth")),
  CNT (HARDWARE, "scaleup_domain", "scaleup-domain", scaleup_domain, 1, 1 << 20, "", N_("Scale-up domain")),
  NUM (HARDWARE, "scaleout_bandwidth", "scaleout-bandwidth", scaleout_bandwidth, 0, 1e18, TRUE, "B/s", N_("Scale-out bandwidth")),
  NUM (HARDWARE, "kernel_latency", "kernel-latency", kernel_latency, 0, 1, FALSE, "s", N_("Kernel latency")),
  NUM (HARDWARE, "collective_base_latency", "collective-base-latency", collective_base_latency, 0, 1, FALSE, "s", N_("Collective base latency")),
  NUM (HARDWARE, "scaleup_hop_latency", "scaleup-hop-latency", scaleup_hop_latency, 0, 1, FALSE, "s", N_("Scale-up step latency")),
  NUM (HARDWARE, "scaleout_hop_latency", "scaleout-hop-latency", scaleout_hop_latency, 0, 1, FALSE, "s", N_("Scale-out step latency")),
  NUM (HARDWARE, "gpu_hour_cost", "gpu-hour-cost", gpu_hour_cost, 0, 1e6, FALSE, "USD", N_("Price per GPU-hour")),
  NUM (HARDWARE, "power_per_gpu", "power-per-gpu", power_per_gpu, 0, 1e6, FALSE, "W", N_("Power per GPU")),

  NUM (WORKLOAD, "training_days", "training-days", training_days, 0, 36525, TRUE, "d", N_("Training duration")),
  NUM (WORKLOAD, "tokens_per_parameter", "tokens-per-parameter", tokens_per_parameter, 0, 1e6, TRUE, "", N_("Tokens per parameter")),
  NUM (WORKLOAD, "bytes_per_value", "bytes-per-value", bytes_per_value, 0, 64, TRUE, "B", N_("Bytes per value")),
  NUM (WORKLOAD, "layers_coefficient", "layers-coefficient", layers_coefficient, 0, 1e6, TRUE, "", N_("Depth law coefficient")),
  NUM (WORKLOAD, "layers_exponent", "layers-exponent", layers_exponent, 0, 1, FALSE, "", N_("Depth law exponent")),
  NUM (WORKLOAD, "batch_tokens_reference", "batch-tokens-reference", batch_tokens_reference, 0, 1e15, TRUE, "", N_("Reference batch (tokens)")),
  NUM (WORKLOAD, "batch_parameters_reference", "batch-parameters-reference", batch_parameters_reference, 0, 1e20, TRUE, "", N_("Reference parameters")),
  NUM (WORKLOAD, "batch_exponent", "batch-exponent", batch_exponent, 0, 1, FALSE, "", N_("Batch law exponent")),
  NUM (WORKLOAD, "batch_tokens_max", "batch-tokens-max", batch_tokens_max, 0, 1e15, FALSE, "", N_("Critical batch (tokens, 0 = none)")),
  NUM (WORKLOAD, "microbatch_tokens_min", "microbatch-tokens-min", microbatch_tokens_min, 0, 1e15, FALSE, "", N_("Smallest microbatch (tokens, 0 = none)")),
  CNT (WORKLOAD, "experts", "experts", experts, 1, 65536, "", N_("Experts")),
  CNT (WORKLOAD, "active_experts", "active-experts", active_experts, 1, 65536, "", N_("Active experts")),

  BOOL (PARALLELISM, "data", "data-parallel", data, N_("Data parallelism")),
  BOOL (PARALLELISM, "tensor", "tensor-parallel", tensor, N_("Tensor parallelism")),
  BOOL (PARALLELISM, "tensor_2d", "tensor-2d", tensor_2d, N_("2D tensor parallelism")),
  BOOL (PARALLELISM, "pipeline", "pipeline-parallel", pipeline, N_("Pipeline parallelism")),
  BOOL (PARALLELISM, "expert", "expert-parallel", expert, N_("Expert parallelism")),
  NUM (PARALLELISM, "pipeline_bubble", "pipeline-bubble", pipeline_bubble, 0, 1, FALSE, "", N_("Pipeline bubble")),
  BOOL (PARALLELISM, "overlap_communication", "overlap-communication", overlap_communication, N_("Overlap communication")),
  CHOICE (PARALLELISM, "overlap", "overlap", overlap, dml_overlap_get_type, DML_N_OVERLAPS, overlap_labels,
          N_("Overlap assumption")),
  CNT (PARALLELISM, "max_gpus", "max-gpus", max_gpus, 0, 1e15, "", N_("GPU budget")),
  BOOL (PARALLELISM, "enforce_memory", "enforce-memory", enforce_memory, N_("Enforce memory capacity")),

  NUM (SWEEP, "from", "sweep-from", sweep_from, 1, 1e50, FALSE, "FLOP", N_("Sweep from")),
  NUM (SWEEP, "to", "sweep-to", sweep_to, 1, 1e50, FALSE, "FLOP", N_("Sweep to")),
  CNT (SWEEP, "per_decade", "per-decade", per_decade, 1, 1000, "", N_("Points per decade")),
  NUM (SWEEP, "onset_threshold", "onset-threshold", onset_threshold, 0, 1, TRUE, "", N_("Marker threshold")),

  /* At least 1% a year and an anchor inside the sweep's range keep every
   * year within about ±12 000 of the anchor's: whole years, and an axis
   * that can be drawn. */
  NUM (TIMELINE, "growth", "growth", growth, 1.01, 1000, FALSE, "", N_("Frontier compute growth per year")),
  NUM (TIMELINE, "growth_low", "growth-low", growth_low, 1.01, 1000, FALSE, "", N_("Growth, low end of 90%")),
  NUM (TIMELINE, "growth_high", "growth-high", growth_high, 1.01, 1000, FALSE, "", N_("Growth, high end of 90%")),
  NUM (TIMELINE, "anchor_flop", "anchor-flop", anchor_flop, 1, 1e50, FALSE, "FLOP", N_("Anchor run’s compute")),
  NUM (TIMELINE, "anchor_year", "anchor-year", anchor_year, 1950, 2200, FALSE, "year", N_("Anchor run’s date (year)")),
  BOOL (TIMELINE, "hardware_roadmap", "hardware-roadmap", hardware_roadmap, N_("Hardware of each year (roadmap)")),
  NUM (TIMELINE, "flops_growth", "flops-growth", flops_growth, 1, 100, FALSE, "", N_("Roadmap: FLOP/s growth per year")),
  NUM (TIMELINE, "hbm_bandwidth_growth", "hbm-bandwidth-growth", hbm_bandwidth_growth, 1, 100, FALSE, "", N_("Roadmap: memory bandwidth growth")),
  NUM (TIMELINE, "hbm_capacity_growth", "hbm-capacity-growth", hbm_capacity_growth, 1, 100, FALSE, "", N_("Roadmap: memory capacity growth")),
  NUM (TIMELINE, "scaleup_bandwidth_growth", "scaleup-bandwidth-growth", scaleup_bandwidth_growth, 1, 100, FALSE, "", N_("Roadmap: scale-up bandwidth growth")),
  NUM (TIMELINE, "scaleout_bandwidth_growth", "scaleout-bandwidth-growth", scaleout_bandwidth_growth, 1, 100, FALSE, "", N_("Roadmap: scale-out bandwidth growth")),
  NUM (TIMELINE, "scaleup_domain_growth", "scaleup-domain-growth", scaleup_domain_growth, 1, 100, FALSE, "", N_("Roadmap: scale-up domain growth")),
  NUM (TIMELINE, "latency_change", "latency-change", latency_change, 0.1, 10, FALSE, "", N_("Roadmap: latency change per year")),
  NUM (TIMELINE, "duration_growth", "duration-growth", duration_growth, 1, 100, FALSE, "", N_("Training duration growth per year")),
  NUM (TIMELINE, "max_training_days", "max-training-days", max_training_days, 0, 36525, TRUE, "d", N_("Longest training run")),

  NUM (ENERGY, "pue", "pue", pue, 1, 10, FALSE, "", N_("PUE (facility ÷ IT power)")),
  NUM (ENERGY, "electricity_price", "electricity-price", electricity_price, 0, 1e6, FALSE, "USD", N_("Electricity price per MWh")),
  NUM (ENERGY, "carbon_intensity", "carbon-intensity", carbon_intensity, 0, 1e4, FALSE, "", N_("Grid carbon (kg CO₂ per MWh)")),

  CNT (SITES, "gpus_per_site", "gpus-per-site", gpus_per_site, 0, 1e15, "", N_("GPUs per site (0 = one site)")),
  NUM (SITES, "site_power", "site-power", site_power, 0, 1e15, FALSE, "W", N_("Site power limit (0 = none)")),
  NUM (SITES, "intersite_bandwidth", "intersite-bandwidth", intersite_bandwidth, 0, 1e18, TRUE, "B/s", N_("Bandwidth between sites (per site)")),
  NUM (SITES, "intersite_latency", "intersite-latency", intersite_latency, 0, 10, FALSE, "s", N_("Latency between sites")),
  CNT (SITES, "max_sites", "max-sites", max_sites, 0, 1e6, "", N_("Sites (0 = as many as needed)")),

  BOOL (RELIABILITY, "goodput", "goodput", goodput, N_("Lose time to interruptions")),
  NUM (RELIABILITY, "interruptions_per_gpu_day", "interruptions-per-gpu-day", interruptions_per_gpu_day, 0, 1, FALSE, "", N_("Interruptions per GPU-day")),
  NUM (RELIABILITY, "restart_time", "restart-time", restart_time, 0, 86400 * 30, FALSE, "s", N_("Time to restart")),
  NUM (RELIABILITY, "checkpoint_write_time", "checkpoint-write-time", checkpoint_write_time, 0, 86400 * 30, FALSE, "s", N_("Checkpoint write time")),
  NUM (RELIABILITY, "checkpoint_interval", "checkpoint-interval", checkpoint_interval, 0, 86400 * 3650, FALSE, "s", N_("Checkpoint interval (0 = Daly’s optimum)")),
};

const char *
dml_group_key (DmlGroup group)
{
  static const char *keys[] = { "hardware", "workload", "parallelism", "sweep", "timeline", "energy", "sites",
                                "reliability" };

  g_return_val_if_fail (group < DML_N_GROUPS, NULL);

  return keys[group];
}

const DmlField *
dml_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const DmlField *
dml_field_lookup (const char *property)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].property, property))
      return &fields[i];

  return NULL;
}

/* The overlap assumption as the panel, the summary and the chart say it. */
const char *
dml_overlap_label (DmlOverlap overlap)
{
  g_return_val_if_fail (overlap < DML_N_OVERLAPS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, overlap_labels[overlap]);
}

char *
dml_field_path (const DmlField *field)
{
  return g_strdup_printf ("%s.%s", dml_group_key (field->group), field->key);
}

/* dml_field_check (), the error led by the field's path:
 * "hardware.peak_flops: must be > 0, got 0". */
gboolean
dml_params_check_field (const DmlField  *field,
                        double           value,
                        GError         **error)
{
  g_autofree char *path = NULL;

  if (dml_field_check (field, value, error))
    return TRUE;
  path = dml_field_path (field);
  g_prefix_error (error, "%s: ", path);
  return FALSE;
}

guint
dml_field_index (const DmlField *field)
{
  return field - fields;
}

/* Sets the range of the field named by @property, replacing one it has;
 * ranges of the same @shared name (NULL or "": none) take one draw. */
gboolean
dml_params_set_range_shared (DmlParams       *params,
                             const char      *property,
                             DmlDistribution  distribution,
                             double           low,
                             double           high,
                             const char      *shared)
{
  const DmlField *field = dml_field_lookup (property);
  guint i;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (shared == NULL || strlen (shared) < DML_SHARED_MAX, FALSE);

  for (i = 0; i < params->n_ranges; i++)
    if (params->ranges[i].field == dml_field_index (field))
      break;
  if (i == DML_MAX_RANGES)
    return FALSE;
  params->ranges[i] = (DmlRange) { dml_field_index (field), distribution, low, high, "" };
  if (shared != NULL)
    g_strlcpy (params->ranges[i].shared, shared, DML_SHARED_MAX);
  params->n_ranges = MAX (params->n_ranges, i + 1);
  return TRUE;
}

gboolean
dml_params_set_range (DmlParams       *params,
                      const char      *property,
                      DmlDistribution  distribution,
                      double           low,
                      double           high)
{
  return dml_params_set_range_shared (params, property, distribution, low, high, NULL);
}

/* What the uncertainty group holds, which has no panel: the ranges and
 * the other anchor runs. */
void
dml_params_copy_uncertainty (DmlParams       *to,
                             const DmlParams *from)
{
  to->n_ranges = from->n_ranges;
  memcpy (to->ranges, from->ranges, sizeof from->ranges);
  to->n_anchor_runs = from->n_anchor_runs;
  memcpy (to->anchor_runs, from->anchor_runs, sizeof from->anchor_runs);
}

/* The paper's most uncertain inputs (docs/model.md, "Uncertainty"). The
 * compute growth rate needs no range here: the sampler draws it from its
 * own 90% interval, timeline.growth_low to growth_high. */
static void
init_default_ranges (DmlParams *params)
{
  params->n_ranges = 0;
  dml_params_set_range (params, "batch-exponent", DML_DISTRIBUTION_UNIFORM, 0.27, 0.45);
  /* A factor of 3 each way around 40M tokens at 405B parameters: Llama
   * 3.1 405B's own 16M tokens (Llama 3 paper, Sec. 3.4.1; Epoch's
   * database, ../shared/reference/production-runs-epoch-db.csv) lies
   * inside, and the median stays on the point. */
  dml_params_set_range (params, "batch-tokens-reference", DML_DISTRIBUTION_LOG_UNIFORM, 40e6 / 3, 40e6 * 3);
  dml_params_set_range (params, "max-utilization", DML_DISTRIBUTION_UNIFORM, 0.60, 0.80);
  /* One factor, ×½ to ×2, for the four latencies together: what makes
   * one fast makes the others fast (the software stack, the NICs, the
   * switches); four independent draws would average it out. */
  dml_params_set_range_shared (params, "kernel-latency", DML_DISTRIBUTION_LOG_UNIFORM, 4.5e-6 / 2, 4.5e-6 * 2,
                               "latency");
  dml_params_set_range_shared (params, "collective-base-latency", DML_DISTRIBUTION_LOG_UNIFORM, 6.8e-6 / 2,
                               6.8e-6 * 2, "latency");
  dml_params_set_range_shared (params, "scaleup-hop-latency", DML_DISTRIBUTION_LOG_UNIFORM, 0.6e-6 / 2, 0.6e-6 * 2,
                               "latency");
  dml_params_set_range_shared (params, "scaleout-hop-latency", DML_DISTRIBUTION_LOG_UNIFORM, 5e-6 / 2, 5e-6 * 2,
                               "latency");
  /* The roadmap's rates, where it is on: from Epoch's regressions over
   * 47 accelerators (FP32 FLOP/s doubling every 2.3 years, 2^(1/2.3) =
   * 1.35×; memory bandwidth every 4.1 years, 1.18×) to the flagship
   * ratios V100 → B200 (1.54×, 1.38×), ../shared/reference/trends.md §4.
   * Links have no regression there: around V100 → H100's 1.23× and 1.30×. */
  dml_params_set_range (params, "flops-growth", DML_DISTRIBUTION_UNIFORM, 1.35, 1.54);
  dml_params_set_range (params, "hbm-bandwidth-growth", DML_DISTRIBUTION_UNIFORM, 1.18, 1.38);
  dml_params_set_range (params, "scaleup-bandwidth-growth", DML_DISTRIBUTION_UNIFORM, 1.1, 1.3);
  dml_params_set_range (params, "scaleout-bandwidth-growth", DML_DISTRIBUTION_UNIFORM, 1.2, 1.4);
  /* The trend also starts from Grok-3, 4.64e26 FLOP on 2025-02-17, the
   * largest run in Epoch's database (trends.md §3): 5× above Llama 3.1
   * 405B's line at 4.7×/year, so 1e28 a year sooner (2027.1, not 2028.2). */
  params->n_anchor_runs = 1;
  params->anchor_runs[0] = (DmlAnchorRun) { 4.64e26, 2025 + 47 / 365.0 };
}

/* The paper's H100 baseline (docs/model.md). The batch anchor and the depth law
 * are the calibrated values documented in docs/model.md. */
void
dml_params_init_baseline (DmlParams *params)
{
  *params = (DmlParams) {
    .peak_flops = 989e12,
    .max_utilization = 0.70,
    .hbm_bandwidth = 3.35e12,
    .hbm_capacity = 80e9,
    .scaleup_bandwidth = 450e9,
    .scaleup_domain = 8,
    .scaleout_bandwidth = 50e9,
    .kernel_latency = 4.5e-6,
    .collective_base_latency = 6.8e-6,
    .scaleup_hop_latency = 0.6e-6,
    .scaleout_hop_latency = 5e-6,
    .gpu_hour_cost = 2.0,
    .power_per_gpu = 700,

    .training_days = 7.89e6 / 86400.0,
    .tokens_per_parameter = 20,
    .bytes_per_value = 2,
    .layers_coefficient = 0.088,
    .layers_exponent = 0.27,
    .batch_tokens_reference = 40e6,
    .batch_parameters_reference = 4.05e11,
    .batch_exponent = 0.36,
    .experts = 1,
    .active_experts = 1,

    .data = TRUE,
    .tensor = TRUE,
    .tensor_2d = TRUE,
    .pipeline = TRUE,
    .expert = TRUE,
    .pipeline_bubble = 0,
    .overlap_communication = FALSE,
    .overlap = DML_OVERLAP_PAPER,
    .max_gpus = 0,
    .enforce_memory = TRUE,

    .sweep_from = 1e24,
    .sweep_to = 1e33,
    .per_decade = 20,
    .onset_threshold = 0.05,

    /* Epoch AI, compute-trend-post-2010 (June 2024): 4.7×/year, its 90%
     * CI's top 5.2; the low end is Epoch's frontier trend, "better
     * described as a 4x/year trend" since 2018 (../shared/reference/
     * trends.md §1); anchored at Llama 3.1 405B, 3.8e25 FLOP, 23 July
     * 2024 (docs/model.md, "Timeline"). */
    .growth = 4.7,
    .growth_low = 4.0,
    .growth_high = 5.2,
    .anchor_flop = 3.8e25,
    .anchor_year = 2024.56,
    /* The hardware held fixed, as the paper does. The roadmap's rates
     * are compound growth from Epoch's chip data, V100 to B200
     * (docs/model.md, "Timeline"); capacity doubles about every four
     * years; domains and latencies are held. Durations are held too,
     * and capped at six months ("runs rarely exceed 6 months", Epoch). */
    .hardware_roadmap = FALSE,
    .flops_growth = 1.54,
    .hbm_bandwidth_growth = 1.38,
    .hbm_capacity_growth = 1.19,
    .scaleup_bandwidth_growth = 1.23,
    .scaleout_bandwidth_growth = 1.30,
    .scaleup_domain_growth = 1,
    .latency_change = 1,
    .duration_growth = 1,
    .max_training_days = 182.5,

    /* docs/model.md, "Power and energy": a modern hyperscale site, the
     * US industrial electricity price and grid average of 2023. */
    .pue = 1.2,
    .electricity_price = 80,
    .carbon_intensity = 370,

    /* One site unless GPUs per site or a site power limit is set; the
     * link between sites then defaults to 10 Tb/s each way and 1 ms
     * (docs/model.md, "Several sites"). */
    .gpus_per_site = 0,
    .site_power = 0,
    .intersite_bandwidth = 1.25e12,
    .intersite_latency = 1e-3,
    .max_sites = 0,

    /* docs/model.md, "Goodput": off, as in the paper. Llama 3 405B saw
     * 419 unexpected interruptions in 54 days on 16,384 GPUs (Llama 3
     * paper, §3.3.4). A checkpoint of up to 4 GB per GPU on all 16,384
     * at Tectonic's sustained 2 TB/s (§3.3.1) takes 33 s. No source
     * gives the restart time: 3 min is assumed, about the most that
     * the paper's > 90% effective training time allows with these. */
    .goodput = FALSE,
    .interruptions_per_gpu_day = 419.0 / (54.0 * 16384.0),
    .restart_time = 180,
    .checkpoint_write_time = 33,
    .checkpoint_interval = 0,
  };
  init_default_ranges (params);
}

/* Appends a problem to @problems (if given); returns FALSE, for "ok &=". */
static gboolean G_GNUC_PRINTF (2, 3)
problem (GPtrArray  *problems,
         const char *format,
         ...)
{
  va_list args;

  if (problems == NULL)
    return FALSE;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);

  return FALSE;
}

static gboolean
check_range (const DmlParams *params,
             guint            index,
             GPtrArray       *problems)
{
  const DmlRange *range = &params->ranges[index];
  g_autoptr(GError) error = NULL;
  const DmlField *field;
  g_autofree char *path = NULL;

  if (range->field >= G_N_ELEMENTS (fields) || range->distribution >= DML_N_DISTRIBUTIONS)
    return problem (problems, "%s", _("uncertainty: a range names no input"));

  field = &fields[range->field];
  path = dml_field_path (field);
  for (guint i = 0; i < index; i++)
    if (params->ranges[i].field == range->field)
      return problem (problems, _("uncertainty.%s: given twice"), path);
  if (field->kind == DML_FIELD_BOOLEAN)
    return problem (problems, _("uncertainty.%s: a yes-or-no input cannot have a range"), path);
  if (field->kind == DML_FIELD_CHOICE)
    return problem (problems, _("uncertainty.%s: a choice cannot have a range"), path);
  /* Every sample is swept over the same points, so that its utilization
   * can be set beside the others' at each point. */
  if (field->group == DML_GROUP_SWEEP)
    return problem (problems, _("uncertainty.%s: the sweep’s settings cannot have a range; remove it"), path);
  if (!dml_params_check_field (field, range->low, &error) || !dml_params_check_field (field, range->high, &error))
    return problem (problems, _("uncertainty.%s"), error->message);
  if (range->low > range->high)
    return problem (problems, _("uncertainty.%s: low (%g) must be ≤ high (%g)"), path, range->low, range->high);
  if (range->distribution == DML_DISTRIBUTION_LOG_UNIFORM && range->low <= 0)
    return problem (problems, _("uncertainty.%s: a log-uniform range needs low > 0, got %g"), path, range->low);
  if (memchr (range->shared, '\0', DML_SHARED_MAX) == NULL)
    return problem (problems, _("uncertainty.%s.shared: at most %d bytes"), path, DML_SHARED_MAX - 1);
  return TRUE;
}

/* Each other anchor run as the timeline's own anchor is checked. */
static gboolean
check_anchor_runs (const DmlParams *params,
                   GPtrArray       *problems)
{
  gboolean ok = TRUE;

  if (params->n_anchor_runs > DML_MAX_ANCHOR_RUNS)
    return problem (problems, _("uncertainty.timeline.anchor: at most %d runs"), DML_MAX_ANCHOR_RUNS);
  for (guint i = 0; i < params->n_anchor_runs; i++)
    {
      g_autoptr(GError) flop_error = NULL;
      g_autoptr(GError) year_error = NULL;

      if (!dml_params_check_field (dml_field_lookup ("anchor-flop"), params->anchor_runs[i].flop, &flop_error))
        ok &= problem (problems, _("uncertainty.timeline.anchor: run %u: %s"), i + 1, flop_error->message);
      if (!dml_params_check_field (dml_field_lookup ("anchor-year"), params->anchor_runs[i].year, &year_error))
        ok &= problem (problems, _("uncertainty.timeline.anchor: run %u: %s"), i + 1, year_error->message);
    }
  return ok;
}

/* The values a sample may take for @field: the range's bounds, or, for a
 * normal range, whose tails are cut only by the input's own limits,
 * those limits; the field's value where it has no range. */
static void
sample_span (const DmlParams *params,
             const DmlField  *field,
             double          *low,
             double          *high)
{
  *low = *high = dml_field_get (field, params);
  for (guint i = 0; i < params->n_ranges; i++)
    {
      const DmlRange *range = &params->ranges[i];

      if (range->field != dml_field_index (field))
        continue;
      if (range->distribution == DML_DISTRIBUTION_NORMAL && range->low < range->high)
        {
          *low = field->min_exclusive ? nextafter (field->min, INFINITY) : field->min;
          *high = field->max;
        }
      else
        {
          *low = range->low;
          *high = range->high;
        }
    }
}

/* The rules that tie fields together must hold for every sample, not
 * only for the values given: checked over the ranges' whole spans. */
static gboolean
check_ranges_together (const DmlParams *params,
                       GPtrArray       *problems)
{
  double experts_low, experts_high, active_low, active_high;

  sample_span (params, dml_field_lookup ("experts"), &experts_low, &experts_high);
  sample_span (params, dml_field_lookup ("active-experts"), &active_low, &active_high);
  if (active_high > experts_low)
    return problem (problems,
                    _("uncertainty: a sample may have workload.active_experts up to %g but workload.experts as "
                      "low as %g; active experts must be ≤ experts in every sample, so narrow the ranges"),
                    active_high, experts_low);
  return TRUE;
}

/* Checks each field and the rules that tie fields together. Appends one
 * translated line per problem to @problems (if given). */
gboolean
dml_params_validate (const DmlParams *params,
                     GPtrArray       *problems)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!dml_params_check_field (&fields[i], dml_field_get (&fields[i], params), &error))
        ok &= problem (problems, "%s", error->message);
    }

  if (!ok)
    return FALSE;

  if (params->active_experts > params->experts)
    ok &= problem (problems, _("workload.active_experts: must be ≤ workload.experts (%g), got %g"),
                   params->experts, params->active_experts);

  if (params->sweep_from >= params->sweep_to)
    ok &= problem (problems, _("sweep.from: must be < sweep.to (%g), got %g"), params->sweep_to, params->sweep_from);
  else if (log10 (params->sweep_to / params->sweep_from) * params->per_decade > 20000)
    ok &= problem (problems, "%s",
                   _("sweep.per_decade: the sweep would have more than 20000 points; lower it or narrow the range"));

  for (guint i = 0; i < params->n_ranges; i++)
    ok &= check_range (params, i, problems);
  ok &= check_anchor_runs (params, problems);
  if (ok)
    ok &= check_ranges_together (params, problems);

  if (params->growth_low > params->growth || params->growth > params->growth_high)
    ok &= problem (problems,
                   _("timeline.growth: must lie within timeline.growth_low (%g) and timeline.growth_high (%g), got %g"),
                   params->growth_low, params->growth_high, params->growth);

  return ok;
}

gboolean
dml_params_equal (const DmlParams *a,
                  const DmlParams *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (dml_field_get (&fields[i], a) != dml_field_get (&fields[i], b))
      return FALSE;

  if (a->n_ranges != b->n_ranges)
    return FALSE;
  for (guint i = 0; i < a->n_ranges; i++)
    if (a->ranges[i].field != b->ranges[i].field || a->ranges[i].distribution != b->ranges[i].distribution ||
        a->ranges[i].low != b->ranges[i].low || a->ranges[i].high != b->ranges[i].high ||
        strncmp (a->ranges[i].shared, b->ranges[i].shared, DML_SHARED_MAX) != 0)
      return FALSE;

  if (a->n_anchor_runs != b->n_anchor_runs)
    return FALSE;
  for (guint i = 0; i < a->n_anchor_runs && i < DML_MAX_ANCHOR_RUNS; i++)
    if (a->anchor_runs[i].flop != b->anchor_runs[i].flop || a->anchor_runs[i].year != b->anchor_runs[i].year)
      return FALSE;

  return TRUE;
}

double
dml_params_duration (const DmlParams *params)
{
  return params->training_days * 86400.0;
}

/* The GPUs one site holds: the smaller of what is set and what its power
 * limit feeds (each GPU draws its power × PUE); 0 when the run is on one
 * site, however large. */
double
dml_params_site_gpus (const DmlParams *params)
{
  double gpus = params->gpus_per_site;

  if (params->site_power > 0 && params->power_per_gpu > 0)
    {
      double fed = MAX (1, floor (params->site_power / (params->power_per_gpu * params->pue)));

      gpus = gpus > 0 ? MIN (gpus, fed) : fed;
    }

  return gpus;
}

/* The most GPUs a run may use: the GPU budget, and the sites' capacity
 * where their number is limited; 0 for no limit. */
double
dml_params_max_gpus (const DmlParams *params)
{
  double site = dml_params_site_gpus (params);
  double max = params->max_gpus;

  if (site > 0 && params->max_sites > 0)
    max = max > 0 ? MIN (max, site * params->max_sites) : site * params->max_sites;

  return max;
}
