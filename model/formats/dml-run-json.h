/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dml-run.h"

G_BEGIN_DECLS

gboolean dml_run_json_read              (JsonObject   *root,
                                         DmlRun       *run,
                                         GPtrArray    *problems);
void     dml_run_json_add_groups        (JsonBuilder  *builder,
                                         const DmlRun *run);
void     dml_run_json_warn_unknown_keys (JsonObject   *root,
                                         GPtrArray    *warnings);

G_END_DECLS
