/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dml-params.h"

G_BEGIN_DECLS

void dml_params_json_read_group  (JsonObject      *root,
                                  DmlGroup         group,
                                  DmlParams       *params,
                                  GPtrArray       *problems);
void dml_params_json_read_ranges (JsonObject      *root,
                                  DmlParams       *params,
                                  GPtrArray       *problems);
void dml_params_json_add_ranges  (JsonBuilder     *builder,
                                  const DmlParams *params);
void dml_params_json_warn_unknown_keys (JsonObject *root,
                                        GPtrArray  *warnings);

G_END_DECLS
