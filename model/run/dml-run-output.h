/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dml-output.h"
#include "dml-run.h"

G_BEGIN_DECLS

/* One row per figure of a given run's result, as dml-output.h is for a
 * sweep's point. The table drives the run report (text and JSON), the
 * window's run panel and the comparison table: a new part of the step
 * is added to the run model and here, and nowhere else. */
typedef struct
{
  const char    *id;         /* JSON key */
  const char    *label;      /* untranslated; wrap in gettext() to show */
  const char    *unit;       /* SI unit symbol, "" for plain numbers */
  DmlOutputKind  kind;       /* NUMBER, COUNT, FRACTION or FLAG */
  gboolean       step_part;  /* a part of the step time, listed in its order */
  gsize          offset;     /* in DmlRunResult: a double, or a gboolean for a flag */
} DmlRunOutput;

const DmlRunOutput *dml_run_outputs       (guint              *n_outputs);
const char         *dml_run_output_label  (const DmlRunOutput *output);
double              dml_run_output_get    (const DmlRunOutput *output,
                                           const DmlRunResult *result);
char               *dml_run_output_format (const DmlRunOutput *output,
                                           double              value);

G_END_DECLS
