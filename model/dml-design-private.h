/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DML_RESOURCE_PATH "/io/github/dmlimits/DmLimits/"

void _dml_ensure_resources (void);

G_END_DECLS
