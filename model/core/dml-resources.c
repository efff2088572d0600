/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-resources"

#include "config.h"

#include "dml-model-resources.h"
#include "dml-resources.h"

/* Registers the model's GResource: referencing it keeps its constructor
 * in a static link. */
void
dml_resources_ensure (void)
{
  (void) _dml_model_get_resource ();
}
