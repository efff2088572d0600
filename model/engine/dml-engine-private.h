/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dml-engine.h"

G_BEGIN_DECLS

void _dml_layout_floors (const DmlParams *params,
                         const DmlShape  *shape,
                         const DmlLayout *layout,
                         double          *step,
                         double          *largest_microbatch,
                         double          *utilization,
                         double          *largest_microbatch_any,
                         double          *utilization_any);
DmlRegime _dml_step_time_classify (const DmlStepTime *time);

G_END_DECLS
