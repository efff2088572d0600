/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-options"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-csv.h"
#include "dml-error.h"
#include "dml-format.h"
#include "dml-json.h"
#include "dml-options.h"
#include "dml-preset.h"

/* docs/options.md: for a target run, what each offering needs and costs.
 * Each row is one point search of the engine with the offering's
 * hardware (dml_offering_apply ()) and its largest cluster as the GPU
 * budget, so the layout, the days, the energy and the rent cost are
 * what the design's own views would show for that hardware: the rent
 * cost is DmlPoint.cost, which dml_point_from_layout () computes for
 * the Cost view too. */

static const char *status_ids[] = { "feasible", "cluster-too-small", "over-site-power", "does-not-fit", "too-slow" };
static const char *status_labels[] = {
  N_("Feasible"),
  N_("Cluster too small: a layout would finish in time, but needs more GPUs than the largest cluster offered"),
  N_("Over the site's power: it would fit the cluster, but not the design's sites"),
  N_("Does not fit: no layout holds the model in GPU memory"),
  N_("Too slow: no layout finishes within the duration at any size"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (status_ids) == DML_N_OPTION_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (status_labels) == DML_N_OPTION_STATUSES);

G_DEFINE_BOXED_TYPE (DmlOptions, dml_options, dml_options_ref, dml_options_unref)

/* Goal seek for a budget: the search stops within this many decades of C. */
#define BUDGET_RESOLUTION_DECADES 0.01

const char *
dml_option_status_id (DmlOptionStatus status)
{
  g_return_val_if_fail (status < DML_N_OPTION_STATUSES, NULL);
  return status_ids[status];
}

const char *
dml_option_status_label (DmlOptionStatus status)
{
  g_return_val_if_fail (status < DML_N_OPTION_STATUSES, NULL);
  return _(status_labels[status]);
}

/* @params with @offering's hardware and its largest cluster as the GPU
 * budget (the design's own, if smaller, stands). */
static void
offering_params (const DmlParams   *params,
                 const DmlOffering *offering,
                 DmlParams         *out,
                 double            *max_cluster)
{
  *out = *params;
  *max_cluster = params->max_gpus;
  if (offering == NULL)
    return;

  dml_offering_apply (offering, out);
  if (!isnan (offering->max_cluster.value) && offering->max_cluster.value > 0)
    {
      *max_cluster = offering->max_cluster.value;
      out->max_gpus = params->max_gpus > 0 ? MIN (params->max_gpus, *max_cluster) : *max_cluster;
    }
  *max_cluster = out->max_gpus;
}

static const char *
preset_id_of (const DmlParams   *params,
              const DmlOffering *offering)
{
  const DmlPreset *preset;

  if (offering != NULL)
    return offering->preset;
  preset = dml_preset_match (params);
  return preset != NULL ? preset->id : NULL;
}

/* The rental price of @kind, or NAN. The design's hardware has one
 * price, its own, whatever the kind. */
static double
rental_price (const DmlParams    *params,
              const DmlOffering  *offering,
              DmlPriceKind        kind,
              const char        **date)
{
  const DmlOfferingPrice *price;

  *date = NULL;
  if (offering == NULL)
    return params->gpu_hour_cost;
  if (kind == DML_PRICE_OWN)
    kind = DML_PRICE_ON_DEMAND;
  if ((price = dml_offering_price (offering, kind)) == NULL)
    return NAN;
  *date = price->date;
  return price->usd_per_gpu_hour.value;
}

gboolean
dml_option_params (const DmlParams   *params,
                   const DmlOffering *offering,
                   DmlPriceKind       price_kind,
                   DmlParams         *out)
{
  const char *date;
  double max_cluster, price;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  offering_params (params, offering, out, &max_cluster);
  price = rental_price (out, offering, price_kind, &date);
  if (isnan (price))
    return FALSE;
  out->gpu_hour_cost = price;
  return TRUE;
}

static DmlOptionStatus
why_infeasible (const DmlParams *p,
                const DmlPoint  *point)
{
  DmlParams q;
  DmlPoint probe;

  if (point->over_budget)
    {
      /* The GPU budget binds: the cluster's, or the sites' power. */
      q = *p;
      q.max_sites = 0;
      dml_point_search (&q, point->flop, NULL, &probe, NULL);
      return probe.feasible ? DML_OPTION_OVER_SITE_POWER : DML_OPTION_CLUSTER_TOO_SMALL;
    }

  q = *p;
  q.max_gpus = 0;
  q.max_sites = 0;
  q.enforce_memory = FALSE;
  dml_point_search (&q, point->flop, NULL, &probe, NULL);
  return probe.feasible ? DML_OPTION_DOES_NOT_FIT : DML_OPTION_TOO_SLOW;
}

/* The ranking's cost of @point: rent, or own. */
static double
cost_of (const DmlPoint *point,
         double          price,
         const DmlOwnCost *own,
         DmlPriceKind    kind)
{
  if (kind == DML_PRICE_OWN)
    return point->gpu_hours * own->total;
  return isnan (price) ? NAN : point->cost;
}

void
dml_option_evaluate (const DmlParams   *params,
                     const DmlOffering *offering,
                     double             flop,
                     DmlPriceKind       price_kind,
                     double             budget,
                     DmlOption         *option)
{
  g_autoptr(DmlSweep) sweep = NULL;
  DmlParams p, unlimited;

  g_return_if_fail (params != NULL);
  g_return_if_fail (option != NULL);

  memset (option, 0, sizeof *option);
  option->offering = offering;
  option->id = offering != NULL ? offering->id : "design";
  option->name = offering != NULL ? offering->name : _("This design's hardware");
  option->cloud = offering != NULL && !offering->on_premises;
  option->price_kind = price_kind;
  offering_params (params, offering, &p, &option->max_cluster);

  option->price = rental_price (&p, offering, price_kind, &option->price_date);
  if (!isnan (option->price))
    p.gpu_hour_cost = option->price;

  dml_ownership_defaults (preset_id_of (params, offering), &p, &option->ownership, NULL);
  dml_ownership_cost (&option->ownership, &option->own);

  dml_point_search (&p, flop, NULL, &option->point, NULL);
  option->status = option->point.feasible ? DML_OPTION_FEASIBLE : why_infeasible (&p, &option->point);

  option->rent_cost = option->point.feasible && !isnan (option->price) ? option->point.cost : NAN;
  option->own_cost = option->point.feasible ? option->point.gpu_hours * option->own.total : NAN;
  option->cost = option->point.feasible ? cost_of (&option->point, option->price, &option->own, price_kind) : NAN;
  option->days = option->point.feasible ? option->point.wall_clock / 86400 : NAN;
  option->utilization = option->point.feasible ? option->point.utilization : NAN;
  option->energy = option->point.feasible ? option->point.energy : NAN;
  option->facility_power = option->point.feasible ? option->point.facility_power : NAN;
  option->emissions = option->point.feasible ? option->point.emissions : NAN;

  /* The hardware's own knee, whatever the cluster: the design's sweep
   * without a GPU budget. */
  unlimited = p;
  unlimited.max_gpus = 0;
  sweep = dml_sweep_new (&unlimited, NULL, NULL);
  option->network_onset = sweep != NULL ? sweep->summary.network_onset : NAN;
  option->max_at_80 = sweep != NULL ? sweep->summary.max_at_80 : NAN;
  option->network_headroom = log10 (option->network_onset / flop);
  option->headroom_80 = log10 (option->max_at_80 / flop);

  {
    DmlGoalSeek seek;

    dml_goal_seek_gpus (params, offering, flop, price_kind, &seek);
    option->fewest_gpus = seek.found ? seek.gpus : NAN;
    option->fewest_cost = seek.found ? (price_kind == DML_PRICE_OWN ? seek.own_cost : seek.rent_cost) : NAN;
  }
  option->budget_flop = NAN;
  if (budget > 0)
    {
      DmlGoalSeek seek;

      dml_goal_seek_budget (params, offering, budget, price_kind, &seek);
      option->budget_flop = seek.found ? seek.flop : NAN;
    }
}

static int
rank_of (const DmlOption *o)
{
  if (o->status != DML_OPTION_FEASIBLE)
    return 2;
  return isnan (o->cost) ? 1 : 0;
}

static int
compare_options (gconstpointer a,
                 gconstpointer b)
{
  const DmlOption *oa = a;
  const DmlOption *ob = b;
  int ra = rank_of (oa), rb = rank_of (ob);

  if (ra != rb)
    return ra - rb;
  if (ra == 0 && oa->cost != ob->cost)
    return oa->cost < ob->cost ? -1 : 1;
  if (ra == 1 && oa->days != ob->days)
    return oa->days < ob->days ? -1 : 1;
  if (ra == 2 && oa->status != ob->status)
    return (int) oa->status - (int) ob->status;
  return g_strcmp0 (oa->id, ob->id);
}

DmlOptions *
dml_options_new (const DmlParams *params,
                 double           flop,
                 DmlPriceKind     price_kind,
                 double           budget,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  const DmlOffering * const *offerings;
  DmlOptions *options;
  guint n;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (price_kind < DML_N_PRICE_KINDS, NULL);

  if (!dml_params_validate (params, problems))
    {
      g_set_error_literal (error, DML_ERROR, DML_ERROR_INVALID, problems->pdata[0]);
      return NULL;
    }
  if (!(flop > 0) || !isfinite (flop))
    {
      g_set_error_literal (error, DML_ERROR, DML_ERROR_INVALID, _("The target compute must be a positive number"));
      return NULL;
    }

  offerings = dml_offerings (&n);
  options = g_new0 (DmlOptions, 1);
  options->ref_count = 1;
  options->params = *params;
  options->flop = flop;
  options->price_kind = price_kind;
  options->budget = budget;
  options->options = g_new0 (DmlOption, n + 1);

  dml_option_evaluate (params, NULL, flop, price_kind, budget, &options->options[options->n_options++]);
  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          dml_options_unref (options);
          return NULL;
        }
      dml_option_evaluate (params, offerings[i], flop, price_kind, budget, &options->options[options->n_options++]);
    }
  qsort (options->options, options->n_options, sizeof (DmlOption), (GCompareFunc) compare_options);

  return options;
}

DmlOptions *
dml_options_ref (DmlOptions *options)
{
  g_return_val_if_fail (options != NULL, NULL);
  g_atomic_int_inc (&options->ref_count);
  return options;
}

void
dml_options_unref (DmlOptions *options)
{
  g_return_if_fail (options != NULL);
  if (!g_atomic_int_dec_and_test (&options->ref_count))
    return;
  g_free (options->options);
  g_free (options);
}

/* Goal seek ----------------------------------------------------------- */

static void
seek_costs (const DmlParams *p,
            const DmlOffering *offering,
            DmlPriceKind kind,
            const char *preset_id,
            DmlGoalSeek *result)
{
  DmlOwnership ownership;
  DmlOwnCost own;
  const char *date;
  double price = rental_price (p, offering, kind, &date);

  dml_ownership_defaults (preset_id, p, &ownership, NULL);
  dml_ownership_cost (&ownership, &own);
  result->rent_cost = result->found && !isnan (price) ? result->point.cost : NAN;
  result->own_cost = result->found ? result->point.gpu_hours * own.total : NAN;
}

/* With at most @gpus, does the best layout at @flop finish in time? */
static gboolean
feasible_within (const DmlParams *p,
                 double           flop,
                 double           gpus,
                 DmlPoint        *point,
                 guint           *evaluations)
{
  DmlParams q = *p;

  q.max_gpus = gpus;
  dml_point_search (&q, flop, NULL, point, NULL);
  (*evaluations)++;
  return point->feasible;
}

void
dml_goal_seek_gpus (const DmlParams   *params,
                    const DmlOffering *offering,
                    double             flop,
                    DmlPriceKind       price_kind,
                    DmlGoalSeek       *result)
{
  DmlParams p;
  DmlPoint point;
  double max_cluster, lo, hi;

  g_return_if_fail (params != NULL);
  g_return_if_fail (result != NULL);

  memset (result, 0, sizeof *result);
  result->offering = offering;
  result->flop = flop;
  result->gpus = NAN;
  result->rent_cost = result->own_cost = NAN;
  offering_params (params, offering, &p, &max_cluster);
  {
    const char *date;
    double price = rental_price (&p, offering, price_kind, &date);

    if (!isnan (price))
      p.gpu_hour_cost = price;
  }
  result->step = MAX (1, p.scaleup_domain);

  /* The upper end: the best layout within the cluster (the most the
   * search may use), in whole steps. */
  dml_point_search (&p, flop, NULL, &point, NULL);
  result->evaluations++;
  if (!point.feasible)
    {
      result->status = why_infeasible (&p, &point);
      return;
    }

  /* Feasibility only grows with the budget (a larger one allows every
   * layout a smaller one does), so bisect on the number of steps: lo
   * steps do not suffice, hi steps do. */
  lo = 0;
  hi = ceil (point.gpus / result->step);
  result->point = point;
  while (hi - lo > 1)
    {
      double mid = floor ((lo + hi) / 2);
      DmlPoint probe;

      if (feasible_within (&p, flop, mid * result->step, &probe, &result->evaluations))
        {
          hi = mid;
          result->point = probe;
        }
      else
        lo = mid;
    }
  /* The budget of hi steps, searched: its best layout. */
  if (result->point.gpus > hi * result->step)
    feasible_within (&p, flop, hi * result->step, &result->point, &result->evaluations);

  result->found = TRUE;
  result->status = DML_OPTION_FEASIBLE;
  result->gpus = hi * result->step;
  seek_costs (&p, offering, price_kind, preset_id_of (params, offering), result);
}

void
dml_goal_seek_budget (const DmlParams   *params,
                      const DmlOffering *offering,
                      double             budget,
                      DmlPriceKind       price_kind,
                      DmlGoalSeek       *result)
{
  DmlParams p;
  DmlOwnership ownership;
  DmlOwnCost own;
  const char *date;
  double max_cluster, price, lo, hi;

  g_return_if_fail (params != NULL);
  g_return_if_fail (result != NULL);

  memset (result, 0, sizeof *result);
  result->offering = offering;
  result->flop = NAN;
  result->gpus = NAN;
  result->rent_cost = result->own_cost = NAN;
  offering_params (params, offering, &p, &max_cluster);
  price = rental_price (&p, offering, price_kind, &date);
  if (!isnan (price))
    p.gpu_hour_cost = price;
  dml_ownership_defaults (preset_id_of (params, offering), &p, &ownership, NULL);
  dml_ownership_cost (&ownership, &own);
  if (price_kind == DML_PRICE_OWN ? isnan (own.total) : isnan (price))
    return;

  /* Cost grows with C and the wall ends the feasible range, so "feasible
   * and within the budget" holds below some C and not above: bisect on
   * log10 C between the design's sweep ends. */
  lo = log10 (p.sweep_from);
  hi = log10 (p.sweep_to);
  {
    DmlPoint point;

    dml_point_search (&p, pow (10, lo), NULL, &point, NULL);
    result->evaluations++;
    if (!point.feasible || cost_of (&point, price, &own, price_kind) > budget)
      {
        result->status = point.feasible ? DML_OPTION_FEASIBLE : why_infeasible (&p, &point);
        return;
      }
    result->point = point;
  }
  while (hi - lo > BUDGET_RESOLUTION_DECADES)
    {
      double mid = (lo + hi) / 2;
      DmlPoint point;

      dml_point_search (&p, pow (10, mid), NULL, &point, NULL);
      result->evaluations++;
      if (point.feasible && cost_of (&point, price, &own, price_kind) <= budget)
        {
          lo = mid;
          result->point = point;
        }
      else
        hi = mid;
    }

  result->found = TRUE;
  result->status = DML_OPTION_FEASIBLE;
  result->flop = result->point.flop;
  result->gpus = result->point.gpus;
  result->step = BUDGET_RESOLUTION_DECADES;
  seek_costs (&p, offering, price_kind, preset_id_of (params, offering), result);
}

/* Reports ------------------------------------------------------------- */

static char *
decades (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%+.2f", value);
}

static const char *
headroom_reason (double onset)
{
  return isnan (onset) ? _("no network onset in the design's sweep") : NULL;
}

char *
dml_options_to_text (DmlOptions *options)
{
  GString *out = g_string_new (NULL);
  g_autofree char *flop = dml_format_flop (options->flop);
  g_autofree char *days = dml_format_duration (dml_params_duration (&options->params));
  static const glong widths[] = { 3, 44, 10, 7, 7, 9, 9, 10, 10, 10, 7, 7 };
  const char *heads[] = { "#", _("Offering"), _("GPUs"), _("Util."), _("Days"), _("Rent"), _("Own"),
                          /* xgettext:no-c-format */
                          _("Energy"), _("Peak site"), _("CO₂"), _("Δnet"), _("Δ80%") };

  g_string_append_printf (out, _("Options for %s within %s, ranked by %s cost\n"), flop, days,
                          dml_price_kind_label (options->price_kind));
  /* xgettext:no-c-format */
  g_string_append (out, _("GPUs: the best layout within the largest cluster offered. Δnet and Δ80%: decades from the target to the network onset and to the 80% mark.\n\n"));
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    dml_string_append_padded (out, heads[i], widths[i] + 1);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < options->n_options; i++)
    {
      const DmlOption *o = &options->options[i];
      g_autofree char *rank = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = dml_format_elide (o->name, widths[1]);

      dml_string_append_padded (out, rank, widths[0] + 1);
      dml_string_append_padded (out, name, widths[1] + 1);
      if (o->status != DML_OPTION_FEASIBLE)
        {
          g_string_append (out, dml_option_status_label (o->status));
          g_string_append_c (out, '\n');
          continue;
        }
      {
        g_autofree char *gpus = g_strdup_printf ("%.0f", o->point.gpus);
        g_autofree char *util = dml_format_percent (o->utilization);
        g_autofree char *d = g_strdup_printf ("%.1f", o->days);
        g_autofree char *rent = dml_format_usd (o->rent_cost);
        g_autofree char *own = dml_format_usd (o->own_cost);
        g_autofree char *energy = dml_format_quantity (o->energy, "Wh");
        g_autofree char *power = dml_format_quantity (o->facility_power, "W");
        g_autofree char *co2 = dml_format_quantity (o->emissions, "t");
        g_autofree char *net = decades (o->network_headroom);
        g_autofree char *h80 = decades (o->headroom_80);
        const char *cells[] = { gpus, util, d, rent, own, energy, power, co2, net, h80 };

        for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
          dml_string_append_padded (out, cells[c], widths[c + 2] + 1);
      }
      g_string_append_c (out, '\n');
    }

  g_string_append (out, "\n");
  for (guint i = 0; i < options->n_options; i++)
    {
      const DmlOption *o = &options->options[i];

      if (o->status != DML_OPTION_FEASIBLE)
        continue;
      g_string_append_printf (out, "%s: ", o->id);
      if (!isnan (o->price))
        {
          g_autofree char *price = dml_format_usd (o->price);

          g_string_append_printf (out, _("%s per GPU-hour rented"), price);
          if (o->price_date != NULL)
            g_string_append_printf (out, " (%s)", o->price_date);
        }
      else
        g_string_append_printf (out, _("no %s price in the reference"), dml_price_kind_label (o->price_kind));
      if (!isnan (o->own.total))
        {
          g_autofree char *own = dml_format_usd (o->own.total);
          g_autofree char *hw = dml_format_usd (o->own.hardware);
          g_autofree char *fac = dml_format_usd (o->own.facility);
          g_autofree char *en = dml_format_usd (o->own.energy);

          g_string_append_printf (out, _("; %s per GPU-hour owned (hardware %s, facility %s, energy %s)"), own, hw, fac,
                                  en);
        }
      else
        g_string_append (out, _("; no purchase price in the reference"));
      if (!isnan (o->fewest_gpus))
        {
          g_autofree char *cost = dml_format_usd (o->fewest_cost);

          g_string_append_printf (out, _("; fewest GPUs %.0f (%s)"), o->fewest_gpus, cost);
        }
      if (!isnan (o->budget_flop))
        {
          g_autofree char *bf = dml_format_flop (o->budget_flop);

          g_string_append_printf (out, _("; the budget buys %s"), bf);
        }
      else if (options->budget > 0)
        g_string_append (out, _("; the budget buys nothing in the sweep's range"));
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static const char *csv_columns[] = {
  "rank", "id", "name", "cloud", "status", "gpus", "max_cluster", "dp", "tx", "ty", "pp", "ep", "microbatches",
  "utilization", "days", "price_kind", "price_usd_per_gpu_hour", "price_date", "rent_cost_usd",
  "own_hardware_usd_per_gpu_hour", "own_facility_usd_per_gpu_hour", "own_energy_usd_per_gpu_hour",
  "own_usd_per_gpu_hour", "own_cost_usd", "cost_usd", "energy_wh", "peak_facility_power_w", "co2_t",
  "network_onset_flop", "network_headroom_decades", "max_at_80_flop", "headroom_80_decades",
  "fewest_gpus", "fewest_cost_usd", "budget_flop",
};

static void
csv_number (GString *out,
            double   value)
{
  g_autofree char *text = isfinite (value) ? dml_format_ascii (value) : g_strdup ("");

  g_string_append_c (out, ',');
  g_string_append (out, text);
}

char *
dml_options_to_csv (DmlOptions *options)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", csv_columns[i]);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < options->n_options; i++)
    {
      const DmlOption *o = &options->options[i];
      gboolean ok = o->status == DML_OPTION_FEASIBLE;
      const DmlLayout *l = &o->point.layout;

      g_string_append_printf (out, "%u,", i + 1);
      dml_csv_append_cell (out, o->id);
      g_string_append_c (out, ',');
      dml_csv_append_cell (out, o->name);
      g_string_append_printf (out, ",%d,%s", o->cloud, dml_option_status_id (o->status));
      csv_number (out, ok ? o->point.gpus : NAN);
      csv_number (out, o->max_cluster > 0 ? o->max_cluster : NAN);
      csv_number (out, ok ? l->dp : NAN);
      csv_number (out, ok ? l->tx : NAN);
      csv_number (out, ok ? l->ty : NAN);
      csv_number (out, ok ? l->pp : NAN);
      csv_number (out, ok ? l->ep : NAN);
      csv_number (out, ok ? l->m : NAN);
      csv_number (out, o->utilization);
      csv_number (out, o->days);
      g_string_append_printf (out, ",%s", dml_price_kind_id (o->price_kind));
      csv_number (out, o->price);
      g_string_append_c (out, ',');
      dml_csv_append_cell (out, o->price_date != NULL ? o->price_date : "");
      csv_number (out, o->rent_cost);
      csv_number (out, o->own.hardware);
      csv_number (out, o->own.facility);
      csv_number (out, o->own.energy);
      csv_number (out, o->own.total);
      csv_number (out, o->own_cost);
      csv_number (out, o->cost);
      csv_number (out, o->energy);
      csv_number (out, o->facility_power);
      csv_number (out, o->emissions);
      csv_number (out, o->network_onset);
      csv_number (out, o->network_headroom);
      csv_number (out, o->max_at_80);
      csv_number (out, o->headroom_80);
      csv_number (out, o->fewest_gpus);
      csv_number (out, o->fewest_cost);
      csv_number (out, o->budget_flop);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static void
json_key (GString    *out,
          const char *key)
{
  g_string_append (out, ", ");
  dml_json_append_string (out, key);
  g_string_append (out, ": ");
}

static void
json_number (GString    *out,
             const char *key,
             double      value)
{
  json_key (out, key);
  dml_json_append_double (out, value);
}

static void
json_text (GString    *out,
           const char *key,
           const char *value)
{
  json_key (out, key);
  if (value != NULL)
    dml_json_append_string (out, value);
  else
    g_string_append (out, "null");
}

/* Where a field is null, "missing" says why. */
static void
json_missing (GString    *out,
              GPtrArray  *missing,
              const char *key,
              double      value,
              const char *reason)
{
  json_number (out, key, value);
  if (!isfinite (value))
    g_ptr_array_add (missing, g_strdup_printf ("%s: %s", key, reason));
}

char *
dml_options_to_json (DmlOptions *options)
{
  GString *out = g_string_new ("{\"format\": \"dmlimits-options\", \"version\": 1");
  g_autofree char *no_rent = NULL;

  no_rent = g_strdup_printf (_("no %s price in the reference"), dml_price_kind_label (options->price_kind));
  json_number (out, "flop", options->flop);
  json_number (out, "days", options->params.training_days);
  json_text (out, "price_kind", dml_price_kind_id (options->price_kind));
  json_number (out, "budget_usd", options->budget > 0 ? options->budget : NAN);
  json_key (out, "options");
  g_string_append (out, "[");
  for (guint i = 0; i < options->n_options; i++)
    {
      const DmlOption *o = &options->options[i];
      g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
      gboolean ok = o->status == DML_OPTION_FEASIBLE;

      g_string_append_printf (out, "%s\n  {\"rank\": %u", i > 0 ? "," : "", i + 1);
      json_text (out, "id", o->id);
      json_text (out, "name", o->name);
      json_text (out, "provider", o->offering != NULL ? o->offering->provider : NULL);
      json_key (out, "cloud");
      g_string_append (out, o->cloud ? "true" : "false");
      json_key (out, "feasible");
      g_string_append (out, ok ? "true" : "false");
      json_text (out, "status", dml_option_status_id (o->status));
      json_number (out, "max_cluster", o->max_cluster > 0 ? o->max_cluster : NAN);
      if (!ok)
        {
          json_text (out, "reason", dml_option_status_label (o->status));
          g_string_append (out, "}");
          continue;
        }
      json_number (out, "gpus", o->point.gpus);
      json_key (out, "layout");
      g_string_append (out, "{\"dp\": ");
      dml_json_append_double (out, o->point.layout.dp);
      json_number (out, "tx", o->point.layout.tx);
      json_number (out, "ty", o->point.layout.ty);
      json_number (out, "pp", o->point.layout.pp);
      json_number (out, "ep", o->point.layout.ep);
      json_number (out, "microbatches", o->point.layout.m);
      g_string_append (out, "}");
      json_number (out, "utilization", o->utilization);
      json_number (out, "days", o->days);
      json_text (out, "price_kind", dml_price_kind_id (o->price_kind));
      json_missing (out, missing, "price_usd_per_gpu_hour", o->price, no_rent);
      json_text (out, "price_date", o->price_date);
      json_missing (out, missing, "rent_cost_usd", o->rent_cost, no_rent);
      json_key (out, "own_usd_per_gpu_hour");
      g_string_append (out, "{\"hardware\": ");
      dml_json_append_double (out, o->own.hardware);
      json_number (out, "facility", o->own.facility);
      json_number (out, "energy", o->own.energy);
      json_number (out, "total", o->own.total);
      g_string_append (out, "}");
      json_missing (out, missing, "own_cost_usd", o->own_cost, _("no purchase price in the reference"));
      json_missing (out, missing, "cost_usd", o->cost,
                    o->price_kind == DML_PRICE_OWN ? _("no purchase price in the reference") : no_rent);
      json_number (out, "energy_wh", o->energy);
      json_number (out, "peak_facility_power_w", o->facility_power);
      json_number (out, "co2_t", o->emissions);
      json_missing (out, missing, "network_onset_flop", o->network_onset, headroom_reason (o->network_onset));
      json_missing (out, missing, "network_headroom_decades", o->network_headroom, headroom_reason (o->network_onset));
      /* xgettext:no-c-format */
      json_missing (out, missing, "max_at_80_flop", o->max_at_80, _("no 80% mark in the design's sweep"));
      /* xgettext:no-c-format */
      json_missing (out, missing, "headroom_80_decades", o->headroom_80, _("no 80% mark in the design's sweep"));
      json_missing (out, missing, "fewest_gpus", o->fewest_gpus, _("the goal seek found none"));
      json_missing (out, missing, "fewest_cost_usd", o->fewest_cost,
                    o->price_kind == DML_PRICE_OWN ? _("no purchase price in the reference") : no_rent);
      if (options->budget > 0)
        json_missing (out, missing, "budget_flop", o->budget_flop, _("the budget buys nothing in the sweep's range"));
      json_key (out, "missing");
      g_string_append (out, "[");
      for (guint m = 0; m < missing->len; m++)
        {
          if (m > 0)
            g_string_append (out, ", ");
          dml_json_append_string (out, missing->pdata[m]);
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "\n]}\n");

  return g_string_free (out, FALSE);
}
