/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean dml_file_load    (GFile         *file,
                           gsize          max_bytes,
                           GCancellable  *cancellable,
                           char         **data,
                           gsize         *length,
                           GError       **error);
gboolean dml_file_replace (GFile         *file,
                           const char    *data,
                           gsize          length,
                           GError       **error);
gboolean dml_file_same    (const char    *a,
                           const char    *b);
gboolean dml_file_check_regular (GFile   *file,
                                 GError **error);

G_END_DECLS
