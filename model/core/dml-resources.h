/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the shipped presets, designs, runs and calibration live in the
 * model's GResource. */
#define DML_RESOURCE_PATH "/io/github/dmlimits/DmLimits/"

/* The most a design (or any JSON file dmlimits reads) may be. */
#define DML_DESIGN_MAX_BYTES (1024 * 1024)
#define DML_DESIGN_MAX_DEPTH 32

void dml_resources_ensure (void);

G_END_DECLS
