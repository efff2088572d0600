/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-run"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-csv.h"
#include "dml-enum.h"
#include "dml-error.h"
#include "dml-goodput.h"
#include "dml-preset.h"
#include "dml-run.h"

/* A run's step, term by term (docs/calibration.md). The paper's model
 * (dml-engine.c) searches layouts for a scaling-law model at the ideal;
 * this one takes the model and layout a real run used and charges what
 * real runs pay: attention and logit FLOP, recomputation, the memory-bound
 * kernels, achieved bandwidths, the pipeline schedule's bubble and the
 * data-parallel reduction as the stack overlaps it. */

#define OPTIMIZER_BYTES_PER_PARAM 12.0  /* fp32 master weights and two Adam moments */
#define GRAD_BYTES                4.0   /* Megatron accumulates gradients in fp32 */
/* The bytes of a gradient the data-parallel reduction sends. Megatron-LM
 * and Megatron-Core keep the gradient buffer in the parameters' type
 * unless --accumulate-allreduce-grads-in-fp32, which they force for bf16
 * ("bfloat16 requires gradient accumulation and all-reduce to be done in
 * fp32", megatron/training/arguments.py); FP8 runs keep bf16 weights and
 * so fp32 gradients too. An fp16 run (the 2021 tables, vTrain,
 * DeepSpeed's fp16 with its default communication type) reduces them in
 * fp16. Meta reduce-scatters Llama 3's in fp32 (Llama 3, Sec. 3.3.2). */
#define REDUCE_BYTES(run)         ((run)->precision == DML_PRECISION_FP16 ? 2.0 : GRAD_BYTES)
#define ACT_BYTES                 2.0   /* activations are 16-bit, FP8 runs too */
/* What the DeepSpeed stack reaches of Megatron-LM's speed on the same
 * layout: MT-NLG 530B on 2240 A100s, tp 8 × pp 35 × dp 8, 30.2% MFU
 * (Smith et al. 2022) against Megatron-LM's 38.2% (Narayanan et al.
 * 2021, Table 2). A ratio of two sources, not a fit. */
#define DEEPSPEED_EFFICIENCY (0.302 / 0.3824)
#define MEGATRON_CORE_TP_OVERLAP 0.5
#define HALF_RATE_BYTES           (8.0 * 1024 * 1024)
#define GEMM_TAIL_S               10e-6
#define KERNELS_PER_LAYER         20.0  /* norms, bias, activation, dropout, residual, softmax and their kin */

/* The run's inputs (dml-field.h): F in the model group, LAYOUT in the
 * layout group; a CHOICE row's bounds are its GEnum's first and last. */
#define ROW(g, k, kd, m, lo, hi, req, l, type) \
  { .group = DML_RUN_GROUP_##g, .key = k, .kind = DML_FIELD_##kd, .offset = G_STRUCT_OFFSET (DmlRun, m), \
    .min = lo, .max = hi, .required = req, .unit = "", .label = l, .choice_type = type }
#define F(k, kind, m, lo, hi, req, l) ROW (MODEL, k, kind, m, lo, hi, req, l, NULL)
#define LAYOUT(k, kind, m, lo, hi, req, l) ROW (LAYOUT, k, kind, m, lo, hi, req, l, NULL)
#define LAYOUT_CHOICE(k, type, m, n, l) ROW (LAYOUT, k, CHOICE, m, 0, (n) - 1, FALSE, l, type)

static const DmlField fields[] = {
  F ("parameters", NUMBER, parameters, 0, 1e16, FALSE, N_("Parameters (0 = from the shape)")),
  F ("layers", COUNT, layers, 1, 1e5, TRUE, N_("Layers")),
  F ("d_model", COUNT, d_model, 1, 1e7, TRUE, N_("Model width")),
  F ("heads", COUNT, heads, 1, 1e5, TRUE, N_("Attention heads")),
  F ("kv_heads", COUNT, kv_heads, 0, 1e5, FALSE, N_("Key-value heads (0 = all)")),
  F ("head_dim", COUNT, head_dim, 0, 1e5, FALSE, N_("Head size (0 = width / heads)")),
  F ("ffn_hidden", COUNT, ffn_hidden, 0, 1e8, FALSE, N_("FFN width (0 = 4 × width)")),
  F ("gated_ffn", BOOLEAN, gated_ffn, 0, 1, FALSE, N_("Gated FFN (SwiGLU)")),
  F ("vocabulary", COUNT, vocabulary, 1, 1e8, TRUE, N_("Vocabulary")),
  F ("sequence_length", COUNT, sequence_length, 1, 1e8, TRUE, N_("Sequence length")),
  F ("global_batch_sequences", COUNT, global_batch_sequences, 1, 1e9, TRUE, N_("Global batch (sequences)")),
  F ("training_tokens", NUMBER, training_tokens, 0, 1e18, FALSE, N_("Training tokens (0 = 20 per parameter)")),
  F ("experts", COUNT, experts, 1, 1e5, FALSE, N_("Experts")),
  F ("active_experts", COUNT, active_experts, 1, 1e5, FALSE, N_("Active experts")),
  F ("routed_nodes", COUNT, routed_nodes, 0, 1e5, FALSE, N_("Nodes a token is routed to at most (0 = any)")),
  LAYOUT ("gpus", COUNT, gpus, 1, 1e9, TRUE, N_("GPUs")),
  LAYOUT ("tp", COUNT, tp, 1, 1e5, FALSE, N_("Tensor parallel")),
  LAYOUT ("pp", COUNT, pp, 1, 1e5, FALSE, N_("Pipeline parallel")),
  LAYOUT ("dp", COUNT, dp, 0, 1e9, FALSE, N_("Data parallel (0 = the rest)")),
  LAYOUT ("cp", COUNT, cp, 1, 1e5, FALSE, N_("Context parallel")),
  LAYOUT ("ep", COUNT, ep, 1, 1e5, FALSE, N_("Expert parallel")),
  LAYOUT ("virtual_stages", COUNT, virtual_stages, 1, 1e3, FALSE, N_("Virtual pipeline stages")),
  LAYOUT ("first_stage_layers", COUNT, first_stage_layers, 0, 1e5, FALSE, N_("Layers on the first stage (0 = as the others)")),
  LAYOUT ("last_stage_layers", COUNT, last_stage_layers, 0, 1e5, FALSE, N_("Layers on the last stage (0 = as the others)")),
  LAYOUT ("micro_batch_sequences", COUNT, micro_batch_sequences, 1, 1e6, FALSE, N_("Micro-batch (sequences)")),
  LAYOUT_CHOICE ("recompute", dml_recompute_get_type, recompute, 3, N_("Recompute")),
  LAYOUT ("sequence_parallel", BOOLEAN, sequence_parallel, 0, 1, FALSE, N_("Sequence parallelism")),
  LAYOUT ("distributed_optimizer", BOOLEAN, distributed_optimizer, 0, 1, FALSE, N_("Distributed optimizer")),
  LAYOUT ("zero_stage", COUNT, zero_stage, 0, 3, FALSE, N_("ZeRO stage")),
  LAYOUT_CHOICE ("precision", dml_precision_get_type, precision, 3, N_("Precision")),
  LAYOUT_CHOICE ("software", dml_software_get_type, software, 5, N_("Software stack")),
  LAYOUT ("software_efficiency", NUMBER, software_efficiency, 0, 1, FALSE, N_("Software efficiency (0 = the stack’s)")),
};

#undef ROW
#undef F
#undef LAYOUT
#undef LAYOUT_CHOICE

const char *
dml_run_group_key (DmlRunGroup group)
{
  static const char * const keys[] = { "model", "layout" };

  g_return_val_if_fail (group < DML_RUN_N_GROUPS, NULL);
  return keys[group];
}

const DmlField *
dml_run_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const DmlField *
dml_run_field_lookup (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].key, key))
      return &fields[i];
  return NULL;
}

void
dml_run_init (DmlRun *run)
{
  *run = (DmlRun) {
    .experts = 1,
    .active_experts = 1,
    .tp = 1,
    .pp = 1,
    .cp = 1,
    .ep = 1,
    .virtual_stages = 1,
    .micro_batch_sequences = 1,
    .recompute = DML_RECOMPUTE_NONE,
    .precision = DML_PRECISION_BF16,
    .software = DML_SOFTWARE_MEGATRON_CORE,
  };
}

gboolean
dml_run_equal (const DmlRun *a,
               const DmlRun *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (dml_field_get (&fields[i], a) != dml_field_get (&fields[i], b))
      return FALSE;
  return TRUE;
}

static void stage_layers (const DmlRun *run,
                          double       *first,
                          double       *middle,
                          double       *last);

static double
data_parallel (const DmlRun *run)
{
  return run->dp > 0 ? run->dp : run->gpus / (run->tp * run->pp * run->cp);
}

/* The rules that tie a model's inputs together, whatever its layout. */
gboolean
dml_run_validate_model (const DmlRun  *run,
                        GError       **error)
{
#define FAIL(...) G_STMT_START { g_set_error (error, DML_ERROR, DML_ERROR_INVALID, __VA_ARGS__); return FALSE; } G_STMT_END

  if (run->layers < 1 || run->d_model < 1 || run->heads < 1 || run->vocabulary < 1 ||
      run->sequence_length < 1 || run->global_batch_sequences < 1 || run->gpus < 1)
    FAIL (_("layers, d_model, heads, vocabulary, sequence_length, global_batch_sequences and gpus are needed"));
  if (run->kv_heads > run->heads)
    FAIL (_("kv_heads: at most heads (%g), got %g"), run->heads, run->kv_heads);
  if (run->kv_heads > 0 && fmod (run->heads, run->kv_heads) != 0)
    FAIL (_("kv_heads: must divide heads (%g), got %g"), run->heads, run->kv_heads);
  if (run->active_experts > run->experts)
    FAIL (_("active_experts: must be ≤ experts (%g), got %g"), run->experts, run->active_experts);

#undef FAIL
  return TRUE;
}

/* The rules that tie a run's inputs together. */
gboolean
dml_run_validate (const DmlRun  *run,
                  GError       **error)
{
  double dp = data_parallel (run), first, middle, last;

#define FAIL(...) G_STMT_START { g_set_error (error, DML_ERROR, DML_ERROR_INVALID, __VA_ARGS__); return FALSE; } G_STMT_END

  if (!dml_run_validate_model (run, error))
    return FALSE;
  if (dp < 1 || dp != floor (dp))
    FAIL (_("dp: gpus (%g) must be a multiple of tp × pp × cp (%g)"), run->gpus, run->tp * run->pp * run->cp);
  if (fabs (dp * run->tp * run->pp * run->cp - run->gpus) > 0.5)
    FAIL (_("gpus: must be dp × tp × pp × cp (%g), got %g"), dp * run->tp * run->pp * run->cp, run->gpus);
  if (fmod (run->heads, run->tp) != 0)
    FAIL (_("tp: must divide heads (%g), got %g"), run->heads, run->tp);
  if (run->pp > run->layers)
    FAIL (_("pp: at most one stage a layer (%g), got %g"), run->layers, run->pp);
  /* Interleaving splits each stage's layers into virtual stages. */
  if (run->virtual_stages > 1 && run->pp < 2)
    FAIL (_("virtual_stages: interleaving needs a pipeline (pp ≥ 2), got pp %g"), run->pp);
  /* On the fullest stage, where uneven stages are given. */
  stage_layers (run, &first, &middle, &last);
  if (run->virtual_stages > MAX (MAX (first, middle), last))
    FAIL (_("virtual_stages: at most one layer a virtual stage, layers / pp (%g), got %g"),
          floor (MAX (MAX (first, middle), last)), run->virtual_stages);
  if ((run->first_stage_layers > 0 || run->last_stage_layers > 0) && run->pp < 2)
    FAIL (_("first_stage_layers, last_stage_layers: uneven stages need a pipeline (pp ≥ 2), got pp %g"), run->pp);
  if (run->pp >= 2 && (run->first_stage_layers > 0 || run->last_stage_layers > 0))
    {
      double given = (run->first_stage_layers > 0) + (run->last_stage_layers > 0);
      double rest = run->layers - run->first_stage_layers - run->last_stage_layers;

      /* The other stages hold at least a layer each, or none is left. */
      if (run->pp > given ? rest < run->pp - given : rest != 0)
        FAIL (_("first_stage_layers, last_stage_layers: leave at least a layer for each other stage "
                "(%g layers on %g stages), got %g and %g"),
              run->layers, run->pp, run->first_stage_layers, run->last_stage_layers);
    }
  if (run->ep > run->experts || fmod (dp * run->cp, run->ep) != 0)
    FAIL (_("ep: must divide dp × cp and be ≤ experts, got %g"), run->ep);
  if (run->global_batch_sequences < dp * run->micro_batch_sequences)
    FAIL (_("global_batch_sequences: at least dp × micro_batch_sequences (%g), got %g"),
          dp * run->micro_batch_sequences, run->global_batch_sequences);
  if (fmod (run->sequence_length, run->cp) != 0)
    FAIL (_("cp: must divide sequence_length (%g), got %g"), run->sequence_length, run->cp);

#undef FAIL
  return TRUE;
}


/* What a software stack does (docs/calibration.md, "software stack"),
 * from each stack's own description, not a fit:
 * - Megatron-LM as in 2021–22 overlaps nothing;
 * - Megatron-Core overlaps the data-parallel reduction with the last
 *   microbatch's backward and the distributed optimizer's all-gather
 *   with the next forward (--overlap-grad-reduce, --overlap-param-gather),
 *   and half the tensor and expert traffic (its README);
 * - DeepSpeed overlaps the reduction, and its pipeline engine runs slower
 *   on the same layout;
 * - DualPipe (DeepSeek-V3, Sec. 3.2.1) hides the all-to-alls and the
 *   pipeline sends behind a paired forward and backward chunk, with a
 *   bubble of (pp/2 − 1) (F&B + B − 3W), and keeps two copies of the
 *   weights;
 * - MegaScale (Jiang et al. 2024, Sec. 3.1–3.3) computes attention and
 *   the MLP in parallel from one input (one tensor collective a pass where
 *   Megatron has two), fuses the tensor collectives with the matmuls,
 *   decouples the pipeline sends, prefetches the data-parallel all-gather
 *   and runs FlashAttention-2. */
void
dml_run_stack (DmlRun           *run,
               DmlRunEfficiency *efficiency)
{
  switch (run->software)
    {
    case DML_SOFTWARE_MEGATRON_CORE:
      efficiency->dp_overlap = 1;
      efficiency->tp_overlap = MEGATRON_CORE_TP_OVERLAP;
      efficiency->ep_overlap = MEGATRON_CORE_TP_OVERLAP;
      break;
    case DML_SOFTWARE_DEEPSPEED:
      efficiency->dp_overlap = 1;
      /* The factor was measured with DeepSpeed's pipeline engine. */
      if (run->software_efficiency == 0 && run->pp > 1)
        run->software_efficiency = DEEPSPEED_EFFICIENCY;
      break;
    case DML_SOFTWARE_DUALPIPE:
      efficiency->dp_overlap = 1;
      efficiency->ep_overlap = 1;
      efficiency->pp_overlap = 1;
      efficiency->dualpipe = TRUE;
      break;
    case DML_SOFTWARE_MEGASCALE:
      efficiency->dp_overlap = 1;
      efficiency->tp_overlap = 1;
      efficiency->pp_overlap = 1;
      efficiency->tp_collectives = 1;
      efficiency->flash_attention = TRUE;
      break;
    case DML_SOFTWARE_MEGATRON:
    default:
      break;
    }
}

/* The peak of the run's precision: FP8 where the preset gives one. */
double
dml_run_peak (const DmlRun    *run,
              const DmlParams *hardware,
              const char      *preset_id)
{
  const DmlPreset *preset = preset_id != NULL ? dml_preset_lookup (preset_id) : NULL;

  if (run->precision == DML_PRECISION_FP8)
    {
      if (preset != NULL && preset->peak_flops_fp8 > 0)
        return preset->peak_flops_fp8;
      return 2 * hardware->peak_flops;
    }
  return hardware->peak_flops;
}

/* The run's interruptions, as the design's reliability group sets them,
 * whether or not its sweep loses time to them (docs/model.md, "Goodput"):
 * the job's mean time between interruptions, the checkpoint interval,
 * the goodput and the days the run takes with them. */
static void
run_goodput (const DmlRun       *run,
             const DmlParams    *hw,
             DmlRunResult       *r)
{
  DmlGoodput g;

  dml_goodput_compute (hw, run->gpus, &g);
  r->goodput = g.goodput;
  r->mtbi = g.mtbi;
  r->checkpoint_interval = g.interval;
  r->elapsed_days = g.goodput > 0 ? r->days / g.goodput : INFINITY;
}

gboolean
dml_run_result_is_finite (const DmlRunResult *r)
{
  const double figures[] = { r->step, r->compute, r->elementwise, r->tp_comm, r->pp_comm, r->bubble, r->dp_comm,
                             r->optimizer, r->software, r->mfu, r->hfu, r->tokens_per_gpu_s, r->memory, r->days,
                             r->training_flop };

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    if (!isfinite (figures[i]))
      return FALSE;
  return TRUE;
}

/* dml_run_evaluate(), refusing a result that leaves the range of
 * doubles (a link of 1e-300 B/s takes an infinite time, and infinity
 * less infinity is no number). The error names the hardware input that
 * makes the difference: the first whose paper-baseline value gives
 * finite figures. */
gboolean
dml_run_evaluate_finite (const DmlRun           *run,
                         const DmlParams        *hardware,
                         double                  peak,
                         const DmlRunEfficiency *efficiency,
                         DmlRunResult           *result,
                         GError                **error)
{
  const DmlField *fields;
  DmlParams baseline;
  guint n_fields;

  dml_run_evaluate (run, hardware, peak, efficiency, result);
  if (dml_run_result_is_finite (result))
    return TRUE;

  dml_params_init_baseline (&baseline);
  fields = dml_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const DmlField *field = &fields[i];
      double value = dml_field_get (field, hardware);
      DmlParams trial = *hardware;
      DmlRunResult trial_result;

      if (field->group != DML_GROUP_HARDWARE || value == dml_field_get (field, &baseline))
        continue;
      dml_field_set (field, &trial, dml_field_get (field, &baseline));
      dml_run_evaluate (run, &trial, field->offset == G_STRUCT_OFFSET (DmlParams, peak_flops) ?
                                       peak * baseline.peak_flops / value : peak,
                        efficiency, &trial_result);
      if (dml_run_result_is_finite (&trial_result))
        {
          g_autofree char *path = dml_field_path (field);

          g_set_error (error, DML_ERROR, DML_ERROR_INVALID,
                       _("%s: %g is too extreme for this run: its step time or MFU is not a finite number"),
                       path, value);
          return FALSE;
        }
    }

  g_set_error_literal (error, DML_ERROR, DML_ERROR_INVALID,
                       _("This run’s step time or MFU is not a finite number: its inputs are too extreme"));
  return FALSE;
}

/* A collective of @bytes per rank over @group ranks @stride apart, as
 * NCCL runs it across nodes: inside the scale-up domain first, then each
 * GPU sends its 1/g_in share through its own NIC. 2 (g − 1) / g of the
 * bytes for an all-reduce (@factor 2), half that for a gather, a scatter
 * or an all-to-all (@factor 1). Small messages reach less: half the
 * large-message rate at HALF_RATE_BYTES (8× A100 all-reduce: 109 GB/s at
 * 8 MiB, 229 at 1 GiB, vTrain's lookup table in effective-bandwidth.md). */
static double
collective (const DmlParams        *hw,
            const DmlRunEfficiency *e,
            double                  bytes,
            double                  group,
            double                  stride,
            double                  factor)
{
  double g_in, g_out, t = 0, size = bytes / (bytes + HALF_RATE_BYTES);

  if (group <= 1)
    return 0;
  g_in = CLAMP (floor (hw->scaleup_domain / stride), 1, group);
  g_out = group / g_in;
  if (g_in > 1)
    t += factor * bytes * (g_in - 1) / g_in / (hw->scaleup_bandwidth * e->scaleup_efficiency * size);
  if (g_out > 1)
    t += factor * bytes / g_in * (g_out - 1) / g_out / (hw->scaleout_bandwidth * e->scaleout_efficiency * size);
  return t + hw->collective_base_latency;
}

/* A flat ring over all @group ranks, each GPU's share through its own
 * NIC once the ring leaves the domain: how DeepSpeed's ZeRO-3 gathers
 * run (docs/calibration.md). */
static double
flat_ring (const DmlParams        *hw,
           const DmlRunEfficiency *e,
           double                  bytes,
           double                  group,
           double                  stride)
{
  double bw;

  if (group <= 1)
    return 0;
  bw = group * stride <= hw->scaleup_domain ? hw->scaleup_bandwidth * e->scaleup_efficiency
                                            : hw->scaleout_bandwidth * e->scaleout_efficiency;
  return bytes * (group - 1) / group / (bw * bytes / (bytes + HALF_RATE_BYTES)) + hw->collective_base_latency;
}

/* One matmul of M×K by K×N at the roofline: the larger of its FLOP at
 * the achieved rate and its bytes at memory bandwidth. Its last wave
 * leaves SMs idle and its start and end cost a fixed time, GEMM_TAIL_S
 * and a launch: large matmuls reach the rate, small ones less. */
static double
gemm (const DmlParams        *hw,
      double                  rate,
      double                  bytes_per_value,
      double                  m,
      double                  k,
      double                  n)
{
  double flop_time = 2 * m * k * n / rate;
  double byte_time = bytes_per_value * (m * k + k * n + m * n) / hw->hbm_bandwidth;

  return MAX (flop_time, byte_time) + GEMM_TAIL_S + hw->kernel_latency;
}

/* An all-to-all over @group ranks @stride apart, in which each rank
 * sends @local bytes to ranks on its own node and @remote bytes to other
 * nodes. There is no reduction to do inside the node first: every byte
 * bound for another node leaves through the sender's own NIC, at the
 * same time as the others cross NVLink. */
static double
all_to_all (const DmlParams        *hw,
            const DmlRunEfficiency *e,
            double                  local,
            double                  remote)
{
  double total = local + remote, size = total / (total + HALF_RATE_BYTES);
  double t_in = local / (hw->scaleup_bandwidth * e->scaleup_efficiency * size);
  double t_out = remote / (hw->scaleout_bandwidth * e->scaleout_efficiency * size);

  if (total <= 0)
    return 0;
  return MAX (t_in, t_out) + hw->collective_base_latency;
}

/* What is left of a data-parallel collective of @time after the compute
 * that can hide it, as Megatron-Core overlaps it (--overlap-grad-reduce,
 * --overlap-param-gather): the reduction of a model chunk's gradients
 * starts as the chunk's last backward runs, and one chunk's comes pp
 * chunk-slots after the last; the gathers mirror it at the start of
 * the next step's forward. @slot is one microbatch's backward (or
 * forward) of one chunk on one stage; the collectives of the v chunks
 * share the NIC, one after another. */
static double
dp_exposed (double time,
            double slot,
            double pp,
            double v)
{
  double share = time / v, t = 0;

  /* Chunk j's reduction may start (v − 1 − j) pp slots after the first,
   * during its own last slot; the compute ends one slot after chunk 0's
   * last backward starts. */
  for (int j = (int) v - 1; j >= 0; j--)
    {
      double ready = (v - 1 - j) * pp * slot;

      t = MAX (t, ready) + share;
    }
  return MAX (0, t - ((v - 1) * pp * slot + slot));
}

/* The layers of the first, the middle and the last stages: a stage of
 * the layers the layout gives the first and last, the rest shared
 * evenly (unevenly where they do not divide, as an average). */
static void
stage_layers (const DmlRun *run,
              double       *first,
              double       *middle,
              double       *last)
{
  double given = (run->first_stage_layers > 0) + (run->last_stage_layers > 0);
  double rest = run->layers - run->first_stage_layers - run->last_stage_layers;

  if (run->pp < 2)
    {
      *first = *middle = *last = run->layers;
      return;
    }
  *middle = run->pp > given ? rest / (run->pp - given) : 0;
  *first = run->first_stage_layers > 0 ? run->first_stage_layers : *middle;
  *last = run->last_stage_layers > 0 ? run->last_stage_layers : *middle;
}

void
dml_run_evaluate (const DmlRun           *run,
                  const DmlParams        *hw,
                  double                  peak,
                  const DmlRunEfficiency *e,
                  DmlRunResult           *r)
{
  double d = run->d_model, s = run->sequence_length, L = run->layers, V = run->vocabulary;
  double a = run->heads, kv = run->kv_heads > 0 ? run->kv_heads : run->heads;
  double hd = run->head_dim > 0 ? run->head_dim : d / a, q = a * hd;
  double f = run->ffn_hidden > 0 ? run->ffn_hidden : 4 * d;
  double ffn_mats = run->gated_ffn ? 3 : 2;
  double k = run->experts > 1 ? run->active_experts : 1;
  double tp = run->tp, pp = run->pp, cp = run->cp, ep = run->ep, v = run->virtual_stages;
  double dp = data_parallel (run);
  double b = run->micro_batch_sequences;
  double m = run->global_batch_sequences / (dp * b);    /* microbatches per pipeline */
  double T = b * s / cp;                                 /* tokens of a microbatch on a GPU */
  double p = run->precision == DML_PRECISION_FP8 ? 1 : 2;
  double first_layers, middle_layers, last_layers, stage_layers_n, stage_logits;
  double attn_params = d * (q + 2 * kv * hd) + q * d;
  double ffn_params = ffn_mats * d * f;
  double layer_fwd, attn_core, elementwise, tp_one, tp_pass = 0, ep_pass = 0, routing = 0, cp_time = 0;
  double comm_fwd, comm_bwd, layer_time, recompute_time = 0;
  double logits_time, stage_mb, p2p, bubble, dp_bytes, dp_time, body, optimizer;
  double params_per_gpu, expert_params_per_gpu, act, passes, rate, rate16;

  memset (r, 0, sizeof *r);

  r->parameters = L * (attn_params + ffn_params * run->experts) + V * d;
  r->active_parameters = L * (attn_params + ffn_params * k) + V * d;
  /* PaLM's and Megatron-LM's model FLOP: 6 N per token, attention's
   * 12 L s d, the logits counted in N (docs/calibration.md). */
  r->model_flop_per_token = 6 * r->active_parameters + 12 * L * s * q;

  /* The achieved matmul rates: FP8 runs their weight matmuls in FP8 and
   * attention in 16 bits, at the 16-bit peak (half the FP8 one). */
  rate = peak * (run->precision == DML_PRECISION_FP8 ? e->fp8_gemm_efficiency : e->gemm_efficiency);
  rate16 = (run->precision == DML_PRECISION_FP8 ? peak / 2 : peak) * e->gemm_efficiency;

  /* One layer's forward on one GPU, one microbatch: the matmuls at the
   * roofline, split by tp. Each GPU holds E / ep experts, and each expert
   * gets T ep k / E tokens: small matmuls that read a whole expert's
   * weights for few tokens. Causal attention: FlashAttention skips the
   * blocks above the diagonal, about half (Dao 2023); without it the
   * whole score matrix is computed and masked. */
  layer_fwd = gemm (hw, rate, p, T, d, (q + 2 * kv * hd) / tp) + gemm (hw, rate, p, T, q / tp, d);
  attn_core = 2 * 2 * T * s * q / tp / rate16 * (e->flash_attention ? 0.5 : 1);
  layer_fwd += attn_core;
  if (run->experts > 1)
    {
      double local = run->experts / ep, tokens = T * ep * k / run->experts;

      layer_fwd += local * ffn_mats / 2 * (gemm (hw, rate, p, tokens, d, f / tp) + gemm (hw, rate, p, tokens, f / tp, d));
    }
  else
    layer_fwd += ffn_mats / 2 * (gemm (hw, rate, p, T, d, f / tp) + gemm (hw, rate, p, T, f / tp, d));

  /* Memory-bound kernels: the activations a layer writes (Korthikanti
   * et al. 2022, Table 2: s b h (10 + 24/t) + 5 a s² b / t bytes; with
   * sequence parallelism 34/t; flash attention keeps the scores off
   * HBM), passed over elementwise_passes times. */
  act = T * d * (run->sequence_parallel ? 34 / tp : 10 + 24 / tp);
  if (!e->flash_attention)
    act += 5 * a * s * T / tp;
  passes = e->elementwise_passes;
  elementwise = passes / 3 * act / hw->hbm_bandwidth; /* a third forward, two thirds backward */

  /* Tensor parallelism as Megatron issues it (Narayanan et al. 2021,
   * Sec. 3.2 and Fig. 5): two all-reduces of a microbatch's activations
   * a layer forward and two backward; with sequence parallelism each is
   * a reduce-scatter and an all-gather of the same bytes (Korthikanti et
   * al. 2022, Sec. 4.2.2). */
  tp_one = run->sequence_parallel ? 2 * collective (hw, e, ACT_BYTES * T * d, tp, 1, 1)
                                  : collective (hw, e, ACT_BYTES * T * d, tp, 1, 2);
  tp_pass = e->tp_collectives * tp_one * (1 - e->tp_overlap);
  if (run->experts > 1)
    {
      /* Dispatch and combine, each an all-to-all of k copies of the
       * tokens, forward and backward: four a layer (Megatron-Core MoE,
       * DeepSeek-V3 Sec. 3.2.2). Each rank sends its tokens' copies for
       * other nodes through its own NIC; with node-limited routing
       * (DeepSeek-V3: at most 4 nodes a token) a token crosses to each
       * node it uses once and is forwarded over NVLink there. Permuting
       * the tokens to their experts and back reads and writes them twice
       * each way; routing costs moe_token_overhead for each of the T k
       * tokens routed. */
      if (ep > 1)
        {
          double tokens = ACT_BYTES * T * d / tp;
          double g_in = CLAMP (floor (hw->scaleup_domain / (tp * cp)), 1, ep), g_out = ep / g_in;
          double local, remote;

          if (run->routed_nodes > 0 && g_out > 1)
            {
              remote = tokens * MIN (MIN (run->routed_nodes, g_out), k) * (g_out - 1) / g_out;
              local = tokens * k * (g_in - 1) / g_in;
            }
          else
            {
              remote = tokens * k * (g_out - 1) / g_out;
              local = tokens * k * (g_in - 1) / (g_in * g_out);
            }
          ep_pass = 2 * all_to_all (hw, e, local, remote) * (1 - e->ep_overlap);
        }
      elementwise += 4 * ACT_BYTES * T * k * d / tp / hw->hbm_bandwidth;
      routing = e->moe_token_overhead * T * k;
    }
  if (cp > 1)
    /* The keys and values of the other chunks, around the ring. */
    cp_time = collective (hw, e, ACT_BYTES * T * 2 * kv * hd / tp, cp, tp, 1);

  /* The memory-bound kernels' launches: KERNELS_PER_LAYER a forward
   * pass, each at least a kernel latency (the paper's 4.5 µs on H100). */
  elementwise += KERNELS_PER_LAYER * hw->kernel_latency;

  /* Forward, backward (twice the work, the same collectives), and what
   * recomputation redoes: full recompute runs the forward again, its
   * collectives too (six tensor collectives a layer, Narayanan et al.
   * 2021). */
  comm_fwd = tp_pass + ep_pass + cp_time + routing;
  comm_bwd = tp_pass + ep_pass + 2 * cp_time + 2 * routing;
  layer_time = 3 * layer_fwd + comm_fwd + comm_bwd + 3 * elementwise;
  if (run->recompute == DML_RECOMPUTE_FULL)
    recompute_time = layer_fwd + comm_fwd + elementwise / 3;
  else if (run->recompute == DML_RECOMPUTE_SELECTIVE)
    recompute_time = attn_core + (e->flash_attention ? 0 : 5 * a * s * T / tp / hw->hbm_bandwidth);
  layer_time += recompute_time;

  /* The logits on the last stage: forward and backward. */
  logits_time = 3 * gemm (hw, rate16, 2, T, d, V / tp);

  /* The slowest stage sets the pace: the middle stages' layers, or the
   * last stage's with the logits (why Llama 3 gives the first and last
   * stage one layer fewer, Sec. 3.3.2). */
  stage_layers (run, &first_layers, &middle_layers, &last_layers);
  stage_layers_n = MAX (first_layers, middle_layers);
  stage_logits = 0;
  if (last_layers * layer_time + logits_time > stage_layers_n * layer_time)
    stage_layers_n = last_layers, stage_logits = 1;
  stage_mb = stage_layers_n * layer_time + stage_logits * logits_time;
  /* Sends between stages: the activations forward, their gradient back,
   * v times with an interleaved schedule; across nodes unless a stage's
   * neighbours share one; hidden as far as the stack overlaps them. */
  p2p = 0;
  if (pp > 1)
    {
      /* Each tensor rank sends its 1/tp share and the next stage gathers
       * it over scale-up links (Narayanan et al. 2021, scatter/gather). */
      double bytes = ACT_BYTES * T * d / tp;
      double span = tp * cp * dp;
      double bw = span < hw->scaleup_domain ? hw->scaleup_bandwidth * e->scaleup_efficiency
                                           : hw->scaleout_bandwidth * e->scaleout_efficiency;

      p2p = 2 * v * bytes / bw * (1 - e->pp_overlap);
    }
  /* 1F1B: (pp − 1) microbatch-stages of bubble; interleaved: over v.
   * DualPipe (DeepSeek-V3, Table 2): (pp/2 − 1)(F&B + B − 3W), with
   * F : B : W = 1 : 2 : 1 two thirds of a microbatch-stage each. */
  if (e->dualpipe)
    bubble = MAX (0, pp / 2 - 1) * 2.0 / 3.0 * (stage_mb + p2p);
  else
    bubble = (pp - 1) / v * (stage_mb + p2p);
  body = m * (stage_mb + p2p);

  /* The data-parallel reduction of each GPU's gradients: an all-reduce,
   * or with a distributed optimizer a reduce-scatter and an all-gather of
   * the new weights, hidden behind the last microbatch's backward and the
   * next step's first forward as far as the stack overlaps them
   * (dp_exposed). ZeRO-3 gathers the weights for every forward and
   * backward too, as flat rings through each GPU's NIC, which DeepSpeed
   * prefetches behind the whole step's backward passes. */
  expert_params_per_gpu = L * ffn_params * (run->experts > 1 ? run->experts / ep : 0) / (tp * pp);
  params_per_gpu = (r->parameters - L * ffn_params * (run->experts > 1 ? run->experts : 0)) / (tp * pp);
  dp_bytes = REDUCE_BYTES (run) * params_per_gpu;
  if (run->zero_stage >= 3)
    {
      double reduce = flat_ring (hw, e, dp_bytes, dp, tp * cp);
      double gathers = 2 * m * flat_ring (hw, e, 2 * params_per_gpu, dp, tp * cp);

      if (expert_params_per_gpu > 0 && dp / ep > 1)
        reduce += collective (hw, e, REDUCE_BYTES (run) * expert_params_per_gpu, dp * cp / ep, tp * cp * ep, 2);
      /* DeepSpeed prefetches the gathers (stage3_prefetch_bucket_size)
       * but, as it shipped in 2021, does not overlap the reduction
       * (overlap_comm false by default, deepspeed/runtime/zero/constants.py). */
      dp_time = reduce + MAX (0, gathers - e->dp_overlap * MIN (gathers, body * 2 / 3));
    }
  else
    {
      gboolean sharded = run->distributed_optimizer || run->zero_stage >= 1;
      double reduce = collective (hw, e, dp_bytes, dp, tp * cp, sharded ? 1 : 2);
      double gather = sharded ? collective (hw, e, 2 * params_per_gpu, dp, tp * cp, 1) : 0;
      double chunk = stage_mb / MAX (v, 1);

      if (expert_params_per_gpu > 0 && dp / ep > 1)
        reduce += collective (hw, e, REDUCE_BYTES (run) * expert_params_per_gpu, dp * cp / ep, tp * cp * ep, 2);
      /* ZeRO-2 (FSDP's SHARD_GRAD_OP) keeps no whole gradient: each
       * microbatch's gradients are reduce-scattered after its backward,
       * m of them a step, on the NIC while the compute goes on; the last
       * one after the last backward. */
      if (run->zero_stage >= 2)
        {
          /* The pipeline sends that leave the node share the NIC. */
          double nic = tp * cp * dp >= hw->scaleup_domain ? m * p2p : 0;
          double exposed = MAX (dp_exposed (reduce, chunk * 2 / 3, pp, v), m * reduce + nic - body);

          dp_time = (1 - e->dp_overlap) * (m * reduce + gather) +
                    e->dp_overlap * (exposed + dp_exposed (gather, chunk / 3, pp, v));
        }
      else if (e->dp_overlap > 0)
        dp_time = (1 - e->dp_overlap) * (reduce + gather) +
                  e->dp_overlap * (dp_exposed (reduce, chunk * 2 / 3, pp, v) + dp_exposed (gather, chunk / 3, pp, v));
      else
        dp_time = reduce + gather;
    }

  /* Adam: read and write the fp32 state of each GPU's share, once. */
  optimizer = 2 * (OPTIMIZER_BYTES_PER_PARAM + GRAD_BYTES) * (params_per_gpu + expert_params_per_gpu) /
              ((run->distributed_optimizer || run->zero_stage >= 1) ? dp : 1) / hw->hbm_bandwidth;

  r->compute = m * (stage_layers_n * 3 * layer_fwd + stage_logits * logits_time);
  r->elementwise = m * stage_layers_n * 3 * elementwise;
  r->tp_comm = m * stage_layers_n * (comm_fwd + comm_bwd);
  /* What recomputation redoes, in the parts it redoes. */
  if (run->recompute == DML_RECOMPUTE_FULL)
    {
      r->compute += m * stage_layers_n * layer_fwd;
      r->elementwise += m * stage_layers_n * elementwise / 3;
      r->tp_comm += m * stage_layers_n * comm_fwd;
    }
  else if (run->recompute == DML_RECOMPUTE_SELECTIVE)
    {
      r->compute += m * stage_layers_n * attn_core;
      if (!e->flash_attention)
        r->elementwise += m * stage_layers_n * 5 * a * s * T / tp / hw->hbm_bandwidth;
    }
  r->pp_comm = m * p2p;
  r->bubble = bubble;
  r->dp_comm = dp_time;
  r->optimizer = optimizer;
  r->step = body + bubble + dp_time + optimizer;
  {
    double software = run->software_efficiency > 0 ? run->software_efficiency : 1;

    r->software = r->step * (1 / software - 1);
    r->step += r->software;
  }

  r->tokens_per_gpu_s = run->global_batch_sequences * s / (r->step * run->gpus);
  r->mfu = r->model_flop_per_token * run->global_batch_sequences * s / (r->step * run->gpus * peak);
  r->hfu = r->mfu;
  if (run->recompute == DML_RECOMPUTE_FULL)
    r->hfu = r->mfu * (1 + (r->model_flop_per_token - 6 * V * d) / 3 / r->model_flop_per_token);
  {
    double tokens = run->training_tokens > 0 ? run->training_tokens : 20 * r->active_parameters;

    r->days = tokens / (run->global_batch_sequences * s) * r->step / 86400;
    r->training_flop = r->model_flop_per_token * tokens;
  }

  /* Memory per GPU on the stage that needs the most: of the first (the
   * embedding and the most microbatches in flight), the second (one
   * microbatch fewer, and a full stage's layers) and the last (the
   * output layer and the logits):
   * - 16-bit weights, two copies with DualPipe;
   * - fp32 gradients, sharded with ZeRO-2 and -3;
   * - the fp32 master weights and Adam's moments, sharded with a
   *   distributed optimizer or ZeRO;
   * - the activations of the microbatches in flight: pp − i on stage i
   *   with 1F1B, (pp − 1) / v more interleaved (Korthikanti et al. 2022,
   *   Sec. 4.2.3: 1 + (p − 1) / (p v) on the first stage); with full
   *   recompute only each layer's input;
   * - buffers: the gathered input of a tensor-parallel matmul, and on the
   *   last stage the fp32 logits of a microbatch and their gradient. */
  {
    double layer_dense = attn_params + (run->experts > 1 ? 0 : ffn_params);
    double layer_expert = run->experts > 1 ? ffn_params * run->experts / ep : 0;
    double per_layer = run->recompute == DML_RECOMPUTE_FULL ? ACT_BYTES * T * d / (run->sequence_parallel ? tp : 1)
                       : run->recompute == DML_RECOMPUTE_SELECTIVE ? T * d * (run->sequence_parallel ? 34 / tp : 10 + 24 / tp)
                       : act;
    double interleaved = v > 1 ? (pp - 1) / v : 0;
    double weight_copies = e->dualpipe ? 2 : 1;
    double grad_shards = run->zero_stage >= 2 ? dp : 1;
    double state_shards = (run->distributed_optimizer || run->zero_stage >= 1) ? dp : 1;
    double weight_shards = run->zero_stage >= 3 ? dp : 1;
    /* The first, second and last stages; one stage without a pipeline.
     * Each end stage holds one of the vocabulary's matrices. */
    struct { double layers, in_flight, logits; } stages[3] = {
      { first_layers, pp, 0 },
      { middle_layers, pp - 1, 0 },
      { last_layers, 1, 1 },
    };

    if (pp < 2)
      {
        stages[0].layers = L;
        stages[0].in_flight = 1;
        stages[0].logits = 1;
      }
    r->memory = -1;
    for (guint i = 0; i < (pp < 2 ? 1 : 3); i++)
      {
        double params, weights, gradients, state, activations, buffers, total;

        if (i == 1 && pp < 3)
          continue;
        params = (stages[i].layers * (layer_dense + layer_expert) + (i != 1 ? V * d : 0)) / tp;
        weights = ACT_BYTES * params * weight_copies / weight_shards;
        gradients = GRAD_BYTES * params / grad_shards;
        state = OPTIMIZER_BYTES_PER_PARAM * params / state_shards;
        activations = per_layer * stages[i].layers * MIN (m, stages[i].in_flight + interleaved);
        buffers = ACT_BYTES * T * d + (stages[i].logits ? 2 * 4 * T * V / tp : 0);
        total = weights + gradients + state + activations + buffers;
        if (total > r->memory)
          {
            r->memory = total;
            r->memory_weights = weights;
            r->memory_gradients = gradients;
            r->memory_optimizer = state;
            r->memory_activations = activations;
            r->memory_buffers = buffers;
          }
      }
    r->fits = r->memory <= hw->hbm_capacity;
  }

  run_goodput (run, hw, r);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The pipeline degrees worth trying for @layers: the powers of two up to
 * it (the model allows uneven stages) and its divisors, ascending. A few
 * dozen values where counting up to @layers took 1e5 steps a row. */
static GArray *
pipeline_degrees (double layers)
{
  GArray *degrees = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = 0;

  for (double pp = 1; pp <= layers; pp *= 2)
    g_array_append_val (degrees, pp);
  for (double d = 1; d * d <= layers; d++)
    if (fmod (layers, d) == 0)
      {
        double other = layers / d;

        g_array_append_val (degrees, d);
        g_array_append_val (degrees, other);
      }
  g_array_sort (degrees, compare_doubles);
  for (guint i = 0; i < degrees->len; i++)
    if (n == 0 || g_array_index (degrees, double, i) != g_array_index (degrees, double, n - 1))
      g_array_index (degrees, double, n++) = g_array_index (degrees, double, i);
  g_array_set_size (degrees, n);

  return degrees;
}

/* The layout with the highest MFU for @run's model on its GPU count,
 * among those that fit in memory: tensor degrees that divide the heads,
 * pipeline degrees up to the layers (powers of two and divisors), data
 * the rest; micro-batches that divide the batch; interleaving where the
 * stages split evenly; each recompute, the first that fits (recomputing
 * more only adds time). At most DML_RUN_MAX_EVALUATIONS layouts; past
 * that the best so far, and @truncated (may be NULL) says so.
 *
 * FALSE when none fits: then @best and @result are the valid layout that
 * needs the least memory, with result->fits FALSE, or result->memory 0
 * when no layout of these GPUs is valid at all. */
gboolean
dml_run_best_layout_full (const DmlRun           *run,
                          const DmlParams        *hw,
                          double                  peak,
                          const DmlRunEfficiency *e,
                          DmlRun                 *best,
                          DmlRunResult           *result,
                          gboolean               *truncated)
{
  g_autoptr(GArray) degrees = pipeline_degrees (run->layers);
  gboolean found = FALSE;
  double least_memory = INFINITY;
  guint evaluated = 0;

  memset (result, 0, sizeof *result);
  if (truncated != NULL)
    *truncated = FALSE;

  for (double tp = 1; tp <= run->heads && tp <= run->gpus; tp *= 2)
    for (guint i = 0; i < degrees->len && tp * g_array_index (degrees, double, i) <= run->gpus; i++)
      {
        double pp = g_array_index (degrees, double, i);
        double dp = run->gpus / (tp * pp);

        if (dp != floor (dp) || fmod (run->heads, tp) != 0)
          continue;
        for (double b = 1; b <= 16 && dp * b <= run->global_batch_sequences; b *= 2)
          for (double v = 1; v <= 4; v *= 2)
            for (int rc = DML_RECOMPUTE_NONE; rc <= DML_RECOMPUTE_FULL; rc++)
              {
                DmlRun candidate = *run;
                DmlRunResult r;

                if (v > 1 && (pp < 2 || fmod (run->layers, pp * v) != 0))
                  continue;
                candidate.tp = tp;
                candidate.pp = pp;
                candidate.dp = dp;
                candidate.cp = 1;
                candidate.ep = MIN (run->ep, run->experts);
                candidate.micro_batch_sequences = b;
                candidate.virtual_stages = v;
                candidate.recompute = rc;
                candidate.sequence_parallel = tp > 1;
                /* Uneven end stages only where they were given for. */
                if (pp != run->pp)
                  candidate.first_stage_layers = candidate.last_stage_layers = 0;
                if (!dml_run_validate (&candidate, NULL))
                  continue;
                if (evaluated++ >= DML_RUN_MAX_EVALUATIONS)
                  {
                    if (truncated != NULL)
                      *truncated = TRUE;
                    return found;
                  }
                dml_run_evaluate (&candidate, hw, peak, e, &r);
                if (r.fits && (!found || r.mfu > result->mfu))
                  {
                    *best = candidate;
                    *result = r;
                    found = TRUE;
                  }
                else if (!found && r.memory < least_memory)
                  {
                    least_memory = r.memory;
                    *best = candidate;
                    *result = r;
                  }
                if (r.fits)
                  break;
              }
      }

  return found;
}

gboolean
dml_run_best_layout (const DmlRun           *run,
                     const DmlParams        *hw,
                     double                  peak,
                     const DmlRunEfficiency *e,
                     DmlRun                 *best,
                     DmlRunResult           *result)
{
  return dml_run_best_layout_full (run, hw, peak, e, best, result, NULL);
}
