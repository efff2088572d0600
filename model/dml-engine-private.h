/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dml-engine.h"

G_BEGIN_DECLS

double _dml_layout_step_floor         (const DmlParams *params,
                                       const DmlShape  *shape,
                                       const DmlLayout *layout);
double _dml_layout_utilization_bound  (const DmlParams *params,
                                       const DmlShape  *shape,
                                       const DmlLayout *layout);

G_END_DECLS
