/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-design"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "dml-design.h"
#include "dml-engine.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Any bytes: a design or an error, never a crash or a hang. A design that
 * loads must save to text that loads back to the same design, and its
 * inputs must be safe for the engine. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DmlDesign) design = dml_design_new_from_data ((const char *) data, size, &error);
  g_autoptr(DmlDesign) again = NULL;
  g_autofree char *text = NULL;
  DmlParams params;
  DmlPoint point;
  gsize length;

  if (design == NULL)
    {
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return 0;
    }

  text = dml_design_to_data (design, &length);
  again = dml_design_new_from_data (text, length, &error);
  if (again == NULL || !dml_design_equal (design, again))
    abort ();

  dml_design_get_params (design, &params);
  dml_point_search (&params, params.sweep_from, NULL, &point, NULL);
  dml_point_search (&params, params.sweep_to, NULL, &point, NULL);

  return 0;
}
