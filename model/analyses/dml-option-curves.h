/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dml-engine.h"
#include "dml-offering.h"
#include "dml-uncertainty.h"

G_BEGIN_DECLS

/* Cost against training compute for each offering, and the cheapest at
 * each compute (docs/options.md, "The chart"): the Options view's chart.
 * Each offering's curve is the design's sweep with the offering's
 * hardware, its largest cluster and its price, as dml_option_evaluate ()
 * prices one C; the design's own hardware is one more curve. */

typedef struct
{
  const DmlOffering *offering;  /* NULL: the design's own hardware */
  const char        *id;
  const char        *name;
  gboolean           cloud;
  double            *cost;      /* USD at each C, NAN where it does not finish in time, or has no price */
} DmlOptionCurve;

typedef struct
{
  gint            ref_count;
  DmlPriceKind    price_kind;
  double          days;         /* the duration every curve trains within */
  guint           n_points;
  double         *flop;         /* the sweep's compute, shared by every curve */
  guint           n_curves;
  DmlOptionCurve *curves;
  double         *envelope;     /* the least cost at each C, NAN where none has one */
  int            *cheapest;     /* the curve that gives it, -1 where none */
} DmlOptionCurves;

#define DML_TYPE_OPTION_CURVES (dml_option_curves_get_type ())

GType            dml_option_curves_get_type (void) G_GNUC_CONST;
/* @params: the design's, with the target's duration. @progress_func, if
 * given, is called once per curve. */
DmlOptionCurves *dml_option_curves_new      (const DmlParams  *params,
                                             DmlPriceKind      price_kind,
                                             GCancellable     *cancellable,
                                             DmlProgressFunc   progress_func,
                                             gpointer          progress_data,
                                             GError          **error);
DmlOptionCurves *dml_option_curves_ref      (DmlOptionCurves  *curves);
void             dml_option_curves_unref    (DmlOptionCurves  *curves);
/* The curve's cost at @flop, on a log-log line between the sweep's
 * points; NAN outside its feasible range. */
double           dml_option_curve_cost_at   (const DmlOptionCurves *curves,
                                             guint                  curve,
                                             double                 flop);
/* The index of the curve for @id ("design" for the design's hardware),
 * or -1. */
int              dml_option_curves_find     (const DmlOptionCurves *curves,
                                             const char            *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmlOptionCurves, dml_option_curves_unref)

G_END_DECLS
