/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-run"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-csv.h"
#include "dml-error.h"
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

static const char *recompute_ids[] = { "none", "selective", "full" };
static const char *precision_ids[] = { "bf16", "fp16", "fp8" };

#define F(k, kind, m, lo, hi, req, l) { k, DML_RUN_FIELD_##kind, G_STRUCT_OFFSET (DmlRun, m), lo, hi, req, FALSE, l }
#define LAYOUT(k, kind, m, lo, hi, req, l) { k, DML_RUN_FIELD_##kind, G_STRUCT_OFFSET (DmlRun, m), lo, hi, req, TRUE, l }

static const DmlRunField fields[] = {
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
  LAYOUT ("gpus", COUNT, gpus, 1, 1e9, TRUE, N_("GPUs")),
  LAYOUT ("tp", COUNT, tp, 1, 1e5, FALSE, N_("Tensor parallel")),
  LAYOUT ("pp", COUNT, pp, 1, 1e5, FALSE, N_("Pipeline parallel")),
  LAYOUT ("dp", COUNT, dp, 0, 1e9, FALSE, N_("Data parallel (0 = the rest)")),
  LAYOUT ("cp", COUNT, cp, 1, 1e5, FALSE, N_("Context parallel")),
  LAYOUT ("ep", COUNT, ep, 1, 1e5, FALSE, N_("Expert parallel")),
  LAYOUT ("virtual_stages", COUNT, virtual_stages, 1, 1e3, FALSE, N_("Virtual pipeline stages")),
  LAYOUT ("micro_batch_sequences", COUNT, micro_batch_sequences, 1, 1e6, FALSE, N_("Micro-batch (sequences)")),
  LAYOUT ("recompute", RECOMPUTE, recompute, 0, 2, FALSE, N_("Recompute")),
  LAYOUT ("sequence_parallel", BOOLEAN, sequence_parallel, 0, 1, FALSE, N_("Sequence parallelism")),
  LAYOUT ("distributed_optimizer", BOOLEAN, distributed_optimizer, 0, 1, FALSE, N_("Distributed optimizer")),
  LAYOUT ("zero_stage", COUNT, zero_stage, 0, 3, FALSE, N_("ZeRO stage")),
  LAYOUT ("precision", PRECISION, precision, 0, 2, FALSE, N_("Precision")),
  LAYOUT ("software_efficiency", NUMBER, software_efficiency, 0, 1, FALSE, N_("Software efficiency (0 = the stack’s)")),
};

#undef F
#undef LAYOUT

const DmlRunField *
dml_run_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const DmlRunField *
dml_run_field_lookup (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].key, key))
      return &fields[i];
  return NULL;
}

const char *
dml_recompute_id (DmlRecompute recompute)
{
  return recompute_ids[recompute];
}

const char *
dml_precision_id (DmlPrecision precision)
{
  return precision_ids[precision];
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
  };
}

static void
set_value (const DmlRunField *field,
           DmlRun            *run,
           double             value)
{
  guint8 *base = (guint8 *) run + field->offset;

  switch (field->kind)
    {
    case DML_RUN_FIELD_BOOLEAN:
      *(gboolean *) base = value != 0;
      break;
    case DML_RUN_FIELD_RECOMPUTE:
      *(DmlRecompute *) base = (DmlRecompute) value;
      break;
    case DML_RUN_FIELD_PRECISION:
      *(DmlPrecision *) base = (DmlPrecision) value;
      break;
    case DML_RUN_FIELD_NUMBER:
    case DML_RUN_FIELD_COUNT:
    default:
      *(double *) base = value;
      break;
    }
}

double
dml_run_field_get (const DmlRunField *field,
                   const DmlRun      *run)
{
  const guint8 *base = (const guint8 *) run + field->offset;

  switch (field->kind)
    {
    case DML_RUN_FIELD_BOOLEAN:
      return *(const gboolean *) base ? 1 : 0;
    case DML_RUN_FIELD_RECOMPUTE:
      return *(const DmlRecompute *) base;
    case DML_RUN_FIELD_PRECISION:
      return *(const DmlPrecision *) base;
    case DML_RUN_FIELD_NUMBER:
    case DML_RUN_FIELD_COUNT:
    default:
      return *(const double *) base;
    }
}

gboolean
dml_run_equal (const DmlRun *a,
               const DmlRun *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (dml_run_field_get (&fields[i], a) != dml_run_field_get (&fields[i], b))
      return FALSE;
  return TRUE;
}

/* The text dml_run_field_parse() reads back to the same value. */
char *
dml_run_field_text (const DmlRunField *field,
                    const DmlRun      *run)
{
  double value = dml_run_field_get (field, run);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (field->kind == DML_RUN_FIELD_RECOMPUTE)
    return g_strdup (recompute_ids[(int) value]);
  if (field->kind == DML_RUN_FIELD_PRECISION)
    return g_strdup (precision_ids[(int) value]);
  if (field->kind == DML_RUN_FIELD_BOOLEAN)
    return g_strdup (value != 0 ? "1" : "0");
  /* Large numbers as people write them, "1.56e13", with as few digits as
   * read back to the same value. */
  if (fabs (value) >= 1e6)
    for (int digits = 1; digits <= 17; digits++)
      {
        char format[8];

        g_snprintf (format, sizeof format, "%%.%de", digits - 1);
        g_ascii_formatd (buffer, sizeof buffer, format, value);
        if (g_ascii_strtod (buffer, NULL) == value)
          {
            /* "1.56e+13" → "1.56e13" */
            GString *str = g_string_new (buffer);

            g_string_replace (str, "e+", "e", 0);
            return g_string_free (str, FALSE);
          }
      }
  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
}

/* Reads @text into @run's @field; the error says what the field takes,
 * without naming it: a runs file names the column, a design the path. */
gboolean
dml_run_field_parse_value (const DmlRunField  *field,
                           const char         *text,
                           DmlRun             *run,
                           GError            **error)
{
  const char * const *ids = NULL;
  guint n_ids = 0;
  double value;

  if (field->kind == DML_RUN_FIELD_RECOMPUTE)
    ids = recompute_ids, n_ids = G_N_ELEMENTS (recompute_ids);
  else if (field->kind == DML_RUN_FIELD_PRECISION)
    ids = precision_ids, n_ids = G_N_ELEMENTS (precision_ids);
  else if (field->kind == DML_RUN_FIELD_BOOLEAN)
    {
      if (g_str_equal (text, "1") || g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "yes") == 0)
        return set_value (field, run, 1), TRUE;
      if (g_str_equal (text, "0") || g_ascii_strcasecmp (text, "false") == 0 || g_ascii_strcasecmp (text, "no") == 0)
        return set_value (field, run, 0), TRUE;
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("must be 1 or 0 (true or false), got “%s”"), text);
      return FALSE;
    }

  if (ids != NULL)
    {
      for (guint i = 0; i < n_ids; i++)
        if (g_ascii_strcasecmp (text, ids[i]) == 0)
          return set_value (field, run, i), TRUE;
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("must be %s, %s or %s, got “%s”"),
                   ids[0], ids[1], ids[2], text);
      return FALSE;
    }

  if (!dml_csv_parse_number (text, &value, NULL))
    {
      if (g_str_has_prefix (text + (text[0] == '-' || text[0] == '+'), "0x") ||
          g_str_has_prefix (text + (text[0] == '-' || text[0] == '+'), "0X"))
        g_set_error (error, DML_ERROR, DML_ERROR_INVALID,
                     _("must be a number in decimal, got hexadecimal “%s”"), text);
      else
        g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("must be a number, got “%s”"), text);
      return FALSE;
    }
  if (value < field->min || value > field->max)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("must be from %g to %g, got %g"),
                   field->min, field->max, value);
      return FALSE;
    }
  if (field->kind == DML_RUN_FIELD_COUNT && value != floor (value))
    {
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("must be a whole number, got %g"), value);
      return FALSE;
    }
  set_value (field, run, value);
  return TRUE;
}

/* As dml_run_field_parse_value(), the error led by the field's key. */
gboolean
dml_run_field_parse (const DmlRunField  *field,
                     const char         *text,
                     DmlRun             *run,
                     GError            **error)
{
  if (!dml_run_field_parse_value (field, text, run, error))
    {
      g_prefix_error (error, "%s: ", field->key);
      return FALSE;
    }
  return TRUE;
}

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
  double dp = data_parallel (run);

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
  if (run->pp * run->virtual_stages > run->layers)
    FAIL (_("virtual_stages: at most one layer a virtual stage, layers / pp (%g), got %g"),
          floor (run->layers / run->pp), run->virtual_stages);
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


/* What a software stack does (docs/calibration.md): Megatron-LM as in
 * 2021–22 overlaps nothing; Megatron-Core overlaps the data-parallel
 * reduction with the backward pass and tensor-parallel traffic with the
 * matmuls (its README); DeepSpeed overlaps the reduction and runs slower
 * on the same layout with its pipeline engine. */
void
dml_run_stack (const char       *software,
               DmlRun           *run,
               DmlRunEfficiency *efficiency)
{
  if (g_strcmp0 (software, "megatron-core") == 0)
    {
      efficiency->dp_overlap = 1;
      efficiency->tp_overlap = MEGATRON_CORE_TP_OVERLAP;
    }
  else if (g_strcmp0 (software, "deepspeed") == 0)
    {
      efficiency->dp_overlap = 1;
      /* The factor was measured with DeepSpeed's pipeline engine. */
      if (run->software_efficiency == 0 && run->pp > 1)
        run->software_efficiency = DEEPSPEED_EFFICIENCY;
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
  double layers_per_stage = L / pp;
  double attn_params = d * (q + 2 * kv * hd) + q * d;
  double ffn_params = ffn_mats * d * f;
  double layer_fwd, layer_time, attn_core, elementwise, tp_bytes, tp_time, ep_time = 0, cp_time = 0;
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
   * weights for few tokens. */
  layer_fwd = gemm (hw, rate, p, T, d, (q + 2 * kv * hd) / tp) + gemm (hw, rate, p, T, q / tp, d);
  attn_core = 2 * 2 * T * s * q / tp / rate16;
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

  /* Tensor parallelism: two all-reduces (or gathers and scatters) of a
   * microbatch's activations forward, two backward. */
  tp_bytes = ACT_BYTES * T * d;
  tp_time = 2 * collective (hw, e, tp_bytes, tp, 1, 2) * (1 - e->tp_overlap);
  if (run->experts > 1)
    {
      /* Dispatch and combine, each an all-to-all of k copies of the
       * tokens; permuting them to their experts and back reads and writes
       * them twice each way; routing costs moe_token_overhead for each of
       * the T k tokens routed. */
      if (ep > 1)
        ep_time = 2 * collective (hw, e, ACT_BYTES * T * k * d / tp, ep, tp * cp, 1) * (1 - e->tp_overlap);
      elementwise += 4 * ACT_BYTES * T * k * d / tp / hw->hbm_bandwidth;
      ep_time += e->moe_token_overhead * T * k;
    }
  if (cp > 1)
    /* The keys and values of the other chunks, around the ring. */
    cp_time = collective (hw, e, ACT_BYTES * T * 2 * kv * hd / tp, cp, tp, 1);

  /* The memory-bound kernels' launches: KERNELS_PER_LAYER a forward
   * pass, each at least a kernel latency (the paper's 4.5 µs on H100). */
  elementwise += KERNELS_PER_LAYER * hw->kernel_latency;

  /* Forward, backward (twice the work), and what recomputation redoes. */
  layer_time = 3 * (layer_fwd + tp_time + ep_time + cp_time) + 3 * elementwise;
  if (run->recompute == DML_RECOMPUTE_FULL)
    layer_time += layer_fwd + tp_time + ep_time + cp_time + elementwise / 3;
  else if (run->recompute == DML_RECOMPUTE_SELECTIVE)
    layer_time += attn_core + (e->flash_attention ? 0 : 5 * a * s * T / tp / hw->hbm_bandwidth);

  /* The logits on the last stage: forward and backward. */
  logits_time = 3 * gemm (hw, rate16, 2, T, d, V / tp);

  stage_mb = layers_per_stage * layer_time + logits_time / pp;
  /* Sends between stages: the activations forward, their gradient back,
   * v times with an interleaved schedule; across nodes unless a stage's
   * neighbours share one. */
  p2p = 0;
  if (pp > 1)
    {
      /* Each tensor rank sends its 1/tp share and the next stage gathers
       * it over scale-up links (Narayanan et al. 2021, scatter/gather). */
      double bytes = ACT_BYTES * T * d / tp;
      double span = tp * cp * dp;
      double bw = span < hw->scaleup_domain ? hw->scaleup_bandwidth * e->scaleup_efficiency
                                           : hw->scaleout_bandwidth * e->scaleout_efficiency;

      p2p = 2 * v * bytes / bw;
    }
  /* 1F1B: (pp − 1) microbatch-stages of bubble; interleaved: over v. */
  bubble = (pp - 1) / v * (stage_mb + p2p);
  body = m * (stage_mb + p2p);

  /* The data-parallel reduction of each GPU's gradients: an all-reduce,
   * or with a distributed optimizer a reduce-scatter and an all-gather of
   * the new weights; ZeRO-3 gathers the weights for every forward and
   * backward too. Hidden behind the backward pass as far as the stack
   * overlaps it. */
  expert_params_per_gpu = L * ffn_params * (run->experts > 1 ? run->experts / ep : 0) / (tp * pp);
  params_per_gpu = (r->parameters - L * ffn_params * (run->experts > 1 ? run->experts : 0)) / (tp * pp);
  dp_bytes = GRAD_BYTES * params_per_gpu;
  if (run->zero_stage >= 3)
    dp_time = flat_ring (hw, e, dp_bytes, dp, tp * cp) + 2 * m * flat_ring (hw, e, 2 * params_per_gpu, dp, tp * cp);
  else if (run->distributed_optimizer || run->zero_stage >= 1)
    dp_time = collective (hw, e, dp_bytes, dp, tp * cp, 1) + collective (hw, e, 2 * params_per_gpu, dp, tp * cp, 1);
  else
    dp_time = collective (hw, e, dp_bytes, dp, tp * cp, 2);
  if (expert_params_per_gpu > 0 && dp / ep > 1)
    dp_time += collective (hw, e, GRAD_BYTES * expert_params_per_gpu, dp * cp / ep, tp * cp * ep, 2);
  dp_time = MAX (0, dp_time - e->dp_overlap * MIN (dp_time, body * 2 / 3));

  /* Adam: read and write the fp32 state of each GPU's share, once. */
  optimizer = 2 * (OPTIMIZER_BYTES_PER_PARAM + GRAD_BYTES) * (params_per_gpu + expert_params_per_gpu) /
              ((run->distributed_optimizer || run->zero_stage >= 1) ? dp : 1) / hw->hbm_bandwidth;

  r->compute = m * (layers_per_stage * 3 * layer_fwd + logits_time / pp);
  r->elementwise = m * layers_per_stage * 3 * elementwise;
  r->tp_comm = m * layers_per_stage * 3 * (tp_time + ep_time + cp_time);
  /* What recomputation redoes, in the parts it redoes. */
  if (run->recompute == DML_RECOMPUTE_FULL)
    {
      r->compute += m * layers_per_stage * layer_fwd;
      r->elementwise += m * layers_per_stage * elementwise / 3;
      r->tp_comm += m * layers_per_stage * (tp_time + ep_time + cp_time);
    }
  else if (run->recompute == DML_RECOMPUTE_SELECTIVE)
    {
      r->compute += m * layers_per_stage * attn_core;
      if (!e->flash_attention)
        r->elementwise += m * layers_per_stage * 5 * a * s * T / tp / hw->hbm_bandwidth;
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

  /* Memory per GPU: weights and gradients, the optimizer state (sharded
   * with a distributed optimizer or ZeRO), and the activations of the
   * microbatches in flight (pp of them on the first stage with 1F1B). */
  {
    double weights = (params_per_gpu + expert_params_per_gpu) *
                     (ACT_BYTES + GRAD_BYTES) / (run->zero_stage >= 3 ? dp : 1);
    double state = OPTIMIZER_BYTES_PER_PARAM * (params_per_gpu + expert_params_per_gpu) /
                   ((run->distributed_optimizer || run->zero_stage >= 1) ? dp : 1);
    double per_layer = run->recompute == DML_RECOMPUTE_FULL ? ACT_BYTES * T * d / (run->sequence_parallel ? tp : 1)
                       : run->recompute == DML_RECOMPUTE_SELECTIVE ? T * d * (run->sequence_parallel ? 34 / tp : 10 + 24 / tp)
                       : act;
    double in_flight = MIN (m, pp);

    r->memory = weights + state + per_layer * layers_per_stage * in_flight;
    r->fits = r->memory <= hw->hbm_capacity;
  }
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
