/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *dml_json_to_string (JsonNode *root,
                          gsize    *length);

G_END_DECLS
