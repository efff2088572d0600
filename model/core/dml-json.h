/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char     *dml_json_to_string   (JsonNode    *root,
                                gsize       *length);
gboolean  dml_json_check       (const char  *data,
                                gsize        length,
                                guint        max_depth,
                                GError     **error);
JsonNode *dml_json_parse       (const char  *data,
                                gsize        length,
                                gsize        max_bytes,
                                guint        max_depth,
                                GError     **error);
gboolean  dml_json_is_number   (JsonNode    *node);
char     *dml_json_read_string (JsonObject  *object,
                                const char  *path,
                                const char  *key,
                                GPtrArray   *problems);
void      dml_json_append_string (GString   *out,
                                  const char *text);
void      dml_json_append_double (GString   *out,
                                  double     value);
void      dml_json_warn_unknown_keys (JsonObject         *object,
                                      const char         *prefix,
                                      const char * const *known,
                                      GPtrArray          *warnings);

G_END_DECLS
