/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dml-engine.h"

G_BEGIN_DECLS

typedef enum
{
  DML_OUTPUT_NUMBER,    /* a quantity in the output's SI unit */
  DML_OUTPUT_COUNT,     /* a whole number: GPUs, degrees, layers */
  DML_OUTPUT_FRACTION,  /* of peak: shown as a percentage */
  DML_OUTPUT_FLAG,      /* 0 or 1 */
  DML_OUTPUT_REGIME,    /* a DmlRegime, written as its id */
} DmlOutputKind;

typedef enum
{
  DML_OUTPUT_STEP_PART = 1 << 0, /* a part of the step time: the time view, tooltips, the pinned pane */
  DML_OUTPUT_AT        = 1 << 1, /* compared at one compute scale in the comparison table */
  DML_OUTPUT_SITES     = 1 << 2, /* only for a design of several sites: step parts lists omit it otherwise */
  DML_OUTPUT_GOODPUT   = 1 << 3, /* only for a design that loses time to interruptions: files omit it otherwise */
} DmlOutputFlags;

/* One row per figure of a point. The table drives the CSV and JSON
 * columns, the time view's stacked parts, the tooltip, the pinned pane
 * and the comparison table, so a new figure (a new part of the step,
 * say) is added to the engine and here, and nowhere else. */
typedef struct
{
  const char     *id;      /* CSV column and JSON key */
  const char     *label;   /* untranslated; wrap in gettext() to show */
  const char     *unit;    /* SI unit symbol, "" for plain numbers */
  DmlOutputKind   kind;
  DmlOutputFlags  flags;
  DmlRegime       regime;  /* for a step part: the regime whose colour draws it */
  double        (*get)     (const DmlPoint *point);
} DmlOutput;

const DmlOutput *dml_outputs       (guint           *n_outputs);
const DmlOutput *dml_output_lookup (const char      *id);
const char      *dml_output_label  (const DmlOutput *output);
double           dml_output_get    (const DmlOutput *output,
                                    const DmlPoint  *point);
char            *dml_output_format (const DmlOutput *output,
                                    double           value);
gboolean         dml_output_is_step_part (const DmlOutput *output,
                                          const DmlParams *params);
gboolean         dml_output_is_shown     (const DmlOutput *output,
                                          const DmlParams *params);

G_END_DECLS
