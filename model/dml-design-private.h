/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dml-params.h"

G_BEGIN_DECLS

#define DML_RESOURCE_PATH "/io/github/dmlimits/DmLimits/"

JsonNode *_dml_parse_json     (const char  *data,
                               gsize        length,
                               GError     **error);
void      _dml_read_group     (JsonObject  *root,
                               DmlGroup     group,
                               DmlParams   *params,
                               GPtrArray   *problems);
char     *_dml_read_string    (JsonObject  *object,
                               const char  *path,
                               const char  *key,
                               GPtrArray   *problems);
void      _dml_ensure_resources (void);

G_END_DECLS
