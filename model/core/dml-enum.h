/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "dml-model-enums.h"

G_BEGIN_DECLS

/* The model's enums as files and the command line name them: each
 * value's GEnum nick (model/meson.build registers them with mkenums). */
const char *dml_enum_nick      (GType        type,
                                int          value);
gboolean    dml_enum_from_nick (GType        type,
                                const char  *nick,
                                gboolean     any_case,
                                int         *value);
guint       dml_enum_n_values  (GType        type);

G_END_DECLS
