/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dml-params.h"

G_BEGIN_DECLS

/* A GPU's numbers with where they come from. The shipped presets live in
 * the model's GResource and stay for the life of the process. */
typedef struct
{
  char      *id;
  char      *name;
  char      *source;
  char      *precision;
  char      *direction;
  char      *notes;
  char      *generation;     /* its calibration (dml-calibration.h); "default" where no run measured it */
  double     peak_flops_fp8; /* dense FP8 FLOP/s; 0 where the GPU has none */
  DmlParams  hardware; /* only the hardware fields are meaningful */
} DmlPreset;

const DmlPreset * const *dml_presets       (guint           *n_presets);
const DmlPreset         *dml_preset_lookup (const char      *id);
void                     dml_preset_apply  (const DmlPreset *preset,
                                            DmlParams       *params);
const DmlPreset         *dml_preset_match  (const DmlParams *params);

G_END_DECLS
