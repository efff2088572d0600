/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dml-anchor.h"
#include "dml-params.h"

G_BEGIN_DECLS

/* The frontier run of a year, for the timeline (docs/model.md,
 * "Timeline"): its hardware, fixed or from the roadmap, and its duration. */
gboolean dml_roadmap_varies          (const DmlParams *params);
void     dml_roadmap_params_for_year (const DmlParams *params,
                                      double           year,
                                      DmlParams       *out);
void     dml_roadmap_params_at_flop  (const DmlParams *params,
                                      double           flop,
                                      DmlParams       *out);

G_END_DECLS
