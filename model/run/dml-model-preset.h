/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dml-run.h"

G_BEGIN_DECLS

/* A published model's shape, for a given run (a file in data/models/): the
 * model group of a run, from the model's public config, with where it is
 * from. Only the fields the source states are named; see
 * dml_model_preset_apply() for the others. */
typedef struct
{
  char    *id;
  char    *name;
  char    *source;  /* where the numbers are from */
  char    *notes;   /* what is approximated or not stated */
  DmlRun   model;   /* the named model fields; the rest as dml_run_init() */
  guint64  named;   /* bit i: dml_run_fields()[i] is named */
} DmlModelPreset;

const DmlModelPreset * const *dml_model_presets       (guint                 *n_presets);
const DmlModelPreset         *dml_model_preset_lookup (const char            *id);
DmlModelPreset               *dml_model_preset_load   (GBytes                *bytes,
                                                       GError               **error);
void                          dml_model_preset_free   (DmlModelPreset        *preset);
void                          dml_model_preset_apply  (const DmlModelPreset  *preset,
                                                       DmlRun                *run);
gboolean                      dml_model_preset_matches (const DmlModelPreset *preset,
                                                       const DmlRun          *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmlModelPreset, dml_model_preset_free)

G_END_DECLS
