/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-run-output"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dml-format.h"
#include "dml-run-output.h"

#define OUT(id, label, unit, kind, part, member) \
  { id, label, unit, DML_OUTPUT_##kind, part, G_STRUCT_OFFSET (DmlRunResult, member) }

/* In the order of the JSON report's keys; step parts in the order the
 * step lists them. */
static const DmlRunOutput outputs[] = {
  OUT ("step_s", N_("Step"), "s", NUMBER, FALSE, step),
  OUT ("compute_s", N_("Matmuls"), "s", NUMBER, TRUE, compute),
  OUT ("elementwise_s", N_("Memory-bound kernels"), "s", NUMBER, TRUE, elementwise),
  OUT ("tp_comm_s", N_("Tensor and expert traffic"), "s", NUMBER, TRUE, tp_comm),
  OUT ("pp_comm_s", N_("Pipeline sends"), "s", NUMBER, TRUE, pp_comm),
  OUT ("bubble_s", N_("Pipeline bubble"), "s", NUMBER, TRUE, bubble),
  OUT ("dp_comm_s", N_("Data-parallel reduction"), "s", NUMBER, TRUE, dp_comm),
  OUT ("optimizer_s", N_("Optimizer"), "s", NUMBER, TRUE, optimizer),
  OUT ("software_s", N_("Software stack"), "s", NUMBER, TRUE, software),
  OUT ("mfu", N_("MFU"), "", FRACTION, FALSE, mfu),
  OUT ("hfu", N_("HFU"), "", FRACTION, FALSE, hfu),
  OUT ("tokens_per_gpu_s", N_("Tokens per second per GPU"), "", NUMBER, FALSE, tokens_per_gpu_s),
  OUT ("memory_per_gpu_bytes", N_("Memory per GPU"), "B", NUMBER, FALSE, memory),
  OUT ("memory_weights_bytes", N_("Memory: weights"), "B", NUMBER, FALSE, memory_weights),
  OUT ("memory_gradients_bytes", N_("Memory: gradients"), "B", NUMBER, FALSE, memory_gradients),
  OUT ("memory_optimizer_bytes", N_("Memory: optimizer state"), "B", NUMBER, FALSE, memory_optimizer),
  OUT ("memory_activations_bytes", N_("Memory: activations"), "B", NUMBER, FALSE, memory_activations),
  OUT ("memory_buffers_bytes", N_("Memory: buffers"), "B", NUMBER, FALSE, memory_buffers),
  OUT ("fits_in_memory", N_("Fits in memory"), "", FLAG, FALSE, fits),
  OUT ("days", N_("Days to train"), "d", NUMBER, FALSE, days),
  OUT ("parameters", N_("Parameters"), "", COUNT, FALSE, parameters),
  OUT ("active_parameters", N_("Active parameters"), "", COUNT, FALSE, active_parameters),
  OUT ("training_flop", N_("Training compute"), "FLOP", NUMBER, FALSE, training_flop),
  OUT ("goodput", N_("Goodput"), "", FRACTION, FALSE, goodput),
  OUT ("mtbi_s", N_("Time between interruptions"), "s", NUMBER, FALSE, mtbi),
  OUT ("checkpoint_interval_s", N_("Checkpoint interval"), "s", NUMBER, FALSE, checkpoint_interval),
  OUT ("elapsed_days", N_("Days to train, interruptions included"), "d", NUMBER, FALSE, elapsed_days),
};

#undef OUT

const DmlRunOutput *
dml_run_outputs (guint *n_outputs)
{
  *n_outputs = G_N_ELEMENTS (outputs);
  return outputs;
}

const char *
dml_run_output_label (const DmlRunOutput *output)
{
  return g_dgettext (GETTEXT_PACKAGE, output->label);
}

double
dml_run_output_get (const DmlRunOutput *output,
                    const DmlRunResult *result)
{
  if (output->kind == DML_OUTPUT_FLAG)
    return G_STRUCT_MEMBER (gboolean, result, output->offset) ? 1 : 0;
  return G_STRUCT_MEMBER (double, result, output->offset);
}

/* For people: "3.91 s", "46.9 %", "1.6 × 10²⁵ FLOP", "yes". */
char *
dml_run_output_format (const DmlRunOutput *output,
                       double              value)
{
  switch (output->kind)
    {
    case DML_OUTPUT_FRACTION:
      return dml_format_percent (value);
    case DML_OUTPUT_FLAG:
      return g_strdup (value != 0 ? _("yes") : _("no"));
    case DML_OUTPUT_COUNT:
      return dml_format_power_of_ten (value, 3);
    case DML_OUTPUT_NUMBER:
    case DML_OUTPUT_REGIME:
    default:
      if (g_str_equal (output->unit, "FLOP"))
        return dml_format_flop (value);
      if (g_str_equal (output->unit, "d"))
        return isfinite (value) ? g_strdup_printf (_("%.1f days"), value) : g_strdup ("—");
      /* Minutes and hours between interruptions and checkpoints. */
      if (g_str_equal (output->unit, "s") && value >= 2 * 3600)
        return dml_format_duration (value);
      if (g_str_equal (output->unit, "s") && value >= 120)
        return g_strdup_printf (_("%.1f min"), value / 60);
      return dml_format_quantity (value, output->unit);
    }
}
