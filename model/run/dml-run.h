/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dml-params.h"

G_BEGIN_DECLS

/* Layouts dml_run_best_layout() evaluates for one run at most; the
 * shipped runs files need a few hundred. */
#define DML_RUN_MAX_EVALUATIONS 20000

/* One training run: a given model on a given cluster with a given layout
 * (docs/calibration.md). Zero in an optional number means "the default". */
typedef enum
{
  DML_RECOMPUTE_NONE,
  DML_RECOMPUTE_SELECTIVE,
  DML_RECOMPUTE_FULL,
} DmlRecompute;

typedef enum
{
  DML_PRECISION_BF16,
  DML_PRECISION_FP16,
  DML_PRECISION_FP8,
} DmlPrecision;

/* The software stack a run uses (docs/calibration.md, "software stack"). */
typedef enum
{
  DML_SOFTWARE_MEGATRON,       /* Megatron-LM as in 2021–22: nothing overlapped */
  DML_SOFTWARE_MEGATRON_CORE,  /* the default */
  DML_SOFTWARE_DEEPSPEED,
  DML_SOFTWARE_DUALPIPE,       /* DeepSeek's HAI-LLM with DualPipe */
  DML_SOFTWARE_MEGASCALE,      /* ByteDance's MegaScale (Jiang et al. 2024) */
} DmlSoftware;

typedef struct
{
  /* the model */
  double       parameters;        /* as the source states them; 0: from the shape (only checked against it) */
  double       layers;
  double       d_model;
  double       heads;
  double       kv_heads;          /* 0: as many as heads */
  double       head_dim;          /* 0: d_model / heads */
  double       ffn_hidden;        /* 0: 4 d_model */
  gboolean     gated_ffn;         /* SwiGLU: three FFN matrices */
  double       vocabulary;
  double       sequence_length;
  double       global_batch_sequences;
  double       training_tokens;   /* 0: 20 per parameter */
  double       experts;           /* 1: dense */
  double       active_experts;
  double       routed_nodes;      /* nodes a token's experts may span (node-limited routing); 0: any */

  /* the layout */
  double       gpus;
  double       tp;
  double       pp;
  double       dp;                /* 0: gpus / (tp pp cp) */
  double       cp;
  double       ep;
  double       virtual_stages;
  double       first_stage_layers; /* 0: as the other stages */
  double       last_stage_layers;  /* 0: as the other stages */
  double       micro_batch_sequences;
  DmlRecompute recompute;
  gboolean     sequence_parallel;
  gboolean     distributed_optimizer;
  double       zero_stage;
  DmlPrecision precision;

  /* the stack */
  DmlSoftware  software;
  double       software_efficiency; /* 0: the default for the stack (1, Megatron-LM) */
} DmlRun;

/* The terms real runs pay that the paper's model leaves out, each a
 * named input (docs/calibration.md, "What each term does"). */
typedef struct
{
  double gemm_efficiency;      /* fraction of peak a large matmul reaches */
  double fp8_gemm_efficiency;  /* the same for FP8 matmuls, of the FP8 peak */
  double scaleup_efficiency;   /* achieved fraction of scale-up bandwidth (NCCL bus bandwidth / spec) */
  double scaleout_efficiency;  /* the same for scale-out */
  double dp_overlap;           /* share of the data-parallel reduction hidden behind the last microbatch */
  double tp_overlap;           /* share of tensor-parallel traffic hidden behind matmuls */
  double ep_overlap;           /* share of the expert all-to-alls hidden behind matmuls */
  double pp_overlap;           /* share of the pipeline sends hidden behind matmuls */
  double tp_collectives;       /* tensor-parallel collectives a layer's forward issues (Megatron: 2) */
  double elementwise_passes;   /* HBM passes over the activations for the memory-bound kernels */
  double moe_token_overhead;   /* seconds of routing an MoE layer costs per routed token, each pass */
  gboolean flash_attention;    /* attention scores never reach memory, and causal masks skip half */
  gboolean dualpipe;           /* DualPipe's bubble, and two copies of the weights */
} DmlRunEfficiency;

typedef struct
{
  double step;          /* seconds per iteration */
  double compute;       /* matmuls, at the roofline */
  double elementwise;   /* memory-bound kernels */
  double tp_comm;       /* tensor, context and expert parallel traffic not hidden */
  double pp_comm;       /* pipeline sends */
  double bubble;
  double dp_comm;       /* data-parallel reduction (and ZeRO gathers) not hidden */
  double optimizer;
  double software;      /* what the stack's efficiency adds */
  double mfu;           /* model FLOP / (time × GPUs × peak at the run's precision) */
  double hfu;           /* with recomputation */
  double tokens_per_gpu_s;
  double memory;        /* bytes per GPU, on the stage that needs the most: the sum of the five below */
  double memory_weights;
  double memory_gradients;
  double memory_optimizer;
  double memory_activations;
  double memory_buffers; /* the logits of a microbatch, in fp32 */
  double days;          /* to train training_tokens */
  double parameters;    /* total */
  double active_parameters;
  double model_flop_per_token;
  double training_flop; /* model FLOP of the whole run: per token × training tokens */
  gboolean fits;        /* in memory */
  /* interruptions (docs/model.md, "Goodput") */
  double goodput;       /* useful share of the elapsed time */
  double mtbi;          /* s between the job's interruptions; INFINITY with none */
  double checkpoint_interval; /* s of work between checkpoints */
  double elapsed_days;  /* days / goodput */
} DmlRunResult;

/* A design's given run as evaluated: the run with its stack's
 * efficiency, its result at the peak of its precision, and the best
 * layout on the same GPUs that fits (if asked for and one does). */
typedef struct
{
  DmlRun       run;
  const char  *calibration;      /* the name of the generation whose efficiencies it uses */
  gboolean     calibration_own;  /* the design's calibration group changes them */
  DmlRunResult result;
  double       peak;
  gboolean     have_best;
  DmlRun       best;
  DmlRunResult best_result;
} DmlGivenRun;

/* The run's inputs are DmlFields (dml-field.h) in two groups: the
 * "model" and "layout" groups of a design's run and a runs file's
 * columns. */
typedef enum
{
  DML_RUN_GROUP_MODEL,
  DML_RUN_GROUP_LAYOUT,
  DML_RUN_N_GROUPS /*< skip >*/
} DmlRunGroup;

const char        *dml_run_group_key     (DmlRunGroup             group);
const DmlField    *dml_run_fields        (guint                  *n_fields);
const DmlField    *dml_run_field_lookup  (const char             *key);
gboolean           dml_run_equal         (const DmlRun           *a,
                                          const DmlRun           *b);
void               dml_run_init          (DmlRun                 *run);
gboolean           dml_run_validate      (const DmlRun           *run,
                                          GError                **error);
gboolean           dml_run_validate_model (const DmlRun          *run,
                                          GError                **error);
void               dml_run_stack         (DmlRun                 *run,
                                          DmlRunEfficiency       *efficiency);
double             dml_run_peak          (const DmlRun           *run,
                                          const DmlParams        *hardware,
                                          const char             *preset_id);
void               dml_run_evaluate      (const DmlRun           *run,
                                          const DmlParams        *hardware,
                                          double                  peak,
                                          const DmlRunEfficiency *efficiency,
                                          DmlRunResult           *result);
gboolean           dml_run_result_is_finite (const DmlRunResult *result);
gboolean           dml_run_evaluate_finite (const DmlRun         *run,
                                            const DmlParams      *hardware,
                                            double                peak,
                                            const DmlRunEfficiency *efficiency,
                                            DmlRunResult         *result,
                                            GError              **error);
gboolean           dml_run_best_layout   (const DmlRun           *run,
                                          const DmlParams        *hardware,
                                          double                  peak,
                                          const DmlRunEfficiency *efficiency,
                                          DmlRun                 *best,
                                          DmlRunResult           *result);
gboolean           dml_run_best_layout_full (const DmlRun        *run,
                                          const DmlParams        *hardware,
                                          double                  peak,
                                          const DmlRunEfficiency *efficiency,
                                          DmlRun                 *best,
                                          DmlRunResult           *result,
                                          gboolean               *truncated);

G_END_DECLS
