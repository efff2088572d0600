/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-options"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-error.h"
#include "dml-option-curves.h"
#include "dml-options.h"
#include "dml-preset.h"

/* One sweep per offering with the hardware, the cluster cap and the
 * price that dml_option_evaluate () uses (dml_option_params ()), so a
 * curve at the target's C is the Options table's cost there, and the
 * design's own curve is its Cost view's "Cost" line. */

G_DEFINE_BOXED_TYPE (DmlOptionCurves, dml_option_curves, dml_option_curves_ref, dml_option_curves_unref)

static double
cost_of_point (const DmlPoint   *point,
               double            price,
               const DmlOwnCost *own,
               DmlPriceKind      kind)
{
  if (!point->feasible)
    return NAN;
  if (kind == DML_PRICE_OWN)
    return point->gpu_hours * own->total;
  return isnan (price) ? NAN : point->cost;
}

static gboolean
fill_curve (const DmlParams   *params,
            const DmlOffering *offering,
            DmlOptionCurves   *curves,
            DmlOptionCurve    *curve,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autoptr(DmlSweep) sweep = NULL;
  const DmlPreset *preset = offering == NULL ? dml_preset_match (params) : NULL;
  DmlOwnership ownership;
  DmlOwnCost own;
  DmlParams p;
  double price;

  curve->offering = offering;
  curve->id = offering != NULL ? offering->id : "design";
  curve->name = offering != NULL ? offering->name : _("This design's hardware");
  curve->cloud = offering != NULL && !offering->on_premises;

  price = dml_option_params (params, offering, curves->price_kind, &p) ? p.gpu_hour_cost : NAN;
  /* Owned as dml_option_evaluate () owns it: the reference's defaults
   * for the GPU's family. */
  dml_ownership_defaults (offering != NULL ? offering->preset : preset != NULL ? preset->id : NULL, &p, &ownership,
                          NULL);
  dml_ownership_cost (&ownership, &own);
  if ((sweep = dml_sweep_new (&p, cancellable, error)) == NULL)
    return FALSE;

  if (curves->flop == NULL)
    {
      curves->n_points = sweep->n_points;
      curves->flop = g_new (double, sweep->n_points);
      for (guint i = 0; i < sweep->n_points; i++)
        curves->flop[i] = sweep->points[i].flop;
    }
  /* Every sweep of one design has the same compute grid. */
  g_assert (sweep->n_points == curves->n_points);

  curve->cost = g_new (double, curves->n_points);
  for (guint i = 0; i < curves->n_points; i++)
    curve->cost[i] = cost_of_point (&sweep->points[i], price, &own, curves->price_kind);
  return TRUE;
}

DmlOptionCurves *
dml_option_curves_new (const DmlParams  *params,
                       DmlPriceKind      price_kind,
                       GCancellable     *cancellable,
                       DmlProgressFunc   progress_func,
                       gpointer          progress_data,
                       GError          **error)
{
  g_autoptr(DmlOptionCurves) curves = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  const DmlOffering * const *offerings;
  guint n;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (price_kind < DML_N_PRICE_KINDS, NULL);

  if (!dml_params_validate (params, problems))
    {
      g_set_error_literal (error, DML_ERROR, DML_ERROR_INVALID, problems->pdata[0]);
      return NULL;
    }

  offerings = dml_offerings (&n);
  curves = g_new0 (DmlOptionCurves, 1);
  curves->ref_count = 1;
  curves->price_kind = price_kind;
  curves->days = params->training_days;
  curves->curves = g_new0 (DmlOptionCurve, n + 1);

  for (guint i = 0; i <= n; i++)
    {
      if (!fill_curve (params, i == 0 ? NULL : offerings[i - 1], curves, &curves->curves[curves->n_curves++],
                       cancellable, error))
        return NULL;
      if (progress_func != NULL)
        progress_func (progress_data);
    }

  curves->envelope = g_new (double, curves->n_points);
  curves->cheapest = g_new (int, curves->n_points);
  for (guint i = 0; i < curves->n_points; i++)
    {
      curves->envelope[i] = NAN;
      curves->cheapest[i] = -1;
      for (guint c = 0; c < curves->n_curves; c++)
        {
          double v = curves->curves[c].cost[i];

          if (!isnan (v) && (isnan (curves->envelope[i]) || v < curves->envelope[i]))
            {
              curves->envelope[i] = v;
              curves->cheapest[i] = c;
            }
        }
    }

  return g_steal_pointer (&curves);
}

DmlOptionCurves *
dml_option_curves_ref (DmlOptionCurves *curves)
{
  g_return_val_if_fail (curves != NULL, NULL);
  g_atomic_int_inc (&curves->ref_count);
  return curves;
}

void
dml_option_curves_unref (DmlOptionCurves *curves)
{
  g_return_if_fail (curves != NULL);
  if (!g_atomic_int_dec_and_test (&curves->ref_count))
    return;
  for (guint c = 0; c < curves->n_curves; c++)
    g_free (curves->curves[c].cost);
  g_free (curves->curves);
  g_free (curves->flop);
  g_free (curves->envelope);
  g_free (curves->cheapest);
  g_free (curves);
}

double
dml_option_curve_cost_at (const DmlOptionCurves *curves,
                          guint                  curve,
                          double                 flop)
{
  const double *cost;

  g_return_val_if_fail (curves != NULL, NAN);
  g_return_val_if_fail (curve < curves->n_curves, NAN);

  cost = curves->curves[curve].cost;
  for (guint i = 0; i + 1 < curves->n_points; i++)
    if (flop >= curves->flop[i] && flop <= curves->flop[i + 1])
      {
        double t = log (flop / curves->flop[i]) / log (curves->flop[i + 1] / curves->flop[i]);

        if (isnan (cost[i]) || isnan (cost[i + 1]))
          return flop == curves->flop[i] ? cost[i] : flop == curves->flop[i + 1] ? cost[i + 1] : NAN;
        return exp ((1 - t) * log (cost[i]) + t * log (cost[i + 1]));
      }
  return NAN;
}

int
dml_option_curves_find (const DmlOptionCurves *curves,
                        const char            *id)
{
  g_return_val_if_fail (curves != NULL, -1);

  for (guint c = 0; c < curves->n_curves; c++)
    if (g_strcmp0 (curves->curves[c].id, id) == 0)
      return c;
  return -1;
}
