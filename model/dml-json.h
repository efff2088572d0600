/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char     *dml_json_to_string (JsonNode    *root,
                              gsize       *length);
gboolean  dml_json_check     (const char  *data,
                              gsize        length,
                              guint        max_depth,
                              GError     **error);

G_END_DECLS
