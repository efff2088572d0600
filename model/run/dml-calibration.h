/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "dml-run.h"

G_BEGIN_DECLS

#define DML_CALIBRATION_DEFAULT "default"

/* What real runs reach on one GPU generation: data/calibration/generations.json. */
typedef struct
{
  char             *id;
  char             *name;
  char             *source;
  DmlRunEfficiency  efficiency;
} DmlGpuGeneration;

/* A design's own calibration (its "calibration" group): a generation
 * other than its preset's, and any of the generation's numbers
 * replaced. Plain data, so that a design's snapshot copies it. */
typedef enum
{
  DML_CALIBRATION_GEMM,
  DML_CALIBRATION_FP8_GEMM,
  DML_CALIBRATION_SCALEUP,
  DML_CALIBRATION_SCALEOUT,
  DML_N_CALIBRATION_VALUES
} DmlCalibrationValue;

typedef struct
{
  char   generation[32];                     /* "": the preset's */
  double values[DML_N_CALIBRATION_VALUES];   /* NAN: the generation's */
  int    flash_attention;                    /* -1: the generation's; else 0 or 1 */
} DmlCalibration;

void                    dml_calibration_init          (DmlCalibration       *calibration);
gboolean                dml_calibration_is_empty      (const DmlCalibration *calibration);
gboolean                dml_calibration_equal         (const DmlCalibration *a,
                                                       const DmlCalibration *b);
void                    dml_calibration_read          (JsonObject           *root,
                                                       DmlCalibration       *calibration,
                                                       GPtrArray            *problems,
                                                       GPtrArray            *warnings);
void                    dml_calibration_write         (JsonBuilder          *builder,
                                                       const DmlCalibration *calibration);
const DmlGpuGeneration *dml_calibration_apply         (const DmlCalibration *calibration,
                                                       const char           *preset_id,
                                                       DmlRunEfficiency     *efficiency);
void                    dml_calibration_for_preset    (const char           *preset_id,
                                                       DmlRunEfficiency     *efficiency);

const DmlGpuGeneration *dml_gpu_generation_lookup     (const char           *id);
const char * const     *dml_gpu_generation_ids        (void);
const DmlGpuGeneration *dml_gpu_generation_for_preset (const char           *preset_id);

G_END_DECLS
