/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-timeline"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dml-format.h"
#include "dml-roadmap.h"
#include "dml-timeline.h"

/* The frontier run of year y has C(y) = C0 · g^(y − y0) FLOP, so a compute
 * C is reached in y0 + ln(C / C0) / ln g (docs/model.md, "Timeline"). With
 * the design's hardware held fixed, as the paper does, each marker of the
 * sweep has its year. */

static const char *date_ids[] = {
  "year_frontier_reaches_1e28", "year_below_80pct", "year_dram_onset", "year_network_onset",
  "year_latency_onset", "year_wall",
};
static const char *date_labels[] = {
  N_("Frontier reaches 10²⁸ FLOP:"),
  /* xgettext:no-c-format */
  N_("Below 80% of plateau:"),
  N_("DRAM-bound from:"),
  N_("Network-bound from:"),
  N_("Latency-bound from:"),
  N_("Wall:"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (date_ids) == DML_N_DATES);
G_STATIC_ASSERT (G_N_ELEMENTS (date_labels) == DML_N_DATES);

const char *
dml_date_id (DmlDateKind kind)
{
  g_return_val_if_fail (kind < DML_N_DATES, NULL);
  return date_ids[kind];
}

const char *
dml_date_label (DmlDateKind kind)
{
  g_return_val_if_fail (kind < DML_N_DATES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, date_labels[kind]);
}

double
dml_timeline_year (const DmlParams *params,
                   double           growth,
                   double           flop)
{
  return params->anchor_year + log (flop / params->anchor_flop) / log (growth);
}

/* The frontier's compute in @year, at the central growth rate. */
double
dml_timeline_flop (const DmlParams *params,
                   double           year)
{
  return params->anchor_flop * pow (params->growth, year - params->anchor_year);
}

void
dml_timeline_date (const DmlParams *params,
                   double           flop,
                   DmlDate         *date)
{
  date->flop = flop;
  if (!isfinite (flop))
    {
      date->year = date->earliest = date->latest = NAN;
      return;
    }

  /* Past the anchor, faster growth comes sooner; before it, later. The
   * range spans both ends of the growth interval from every anchor the
   * samples may take: the design's own and the other anchor runs. */
  date->year = dml_timeline_year (params, params->growth, flop);
  date->earliest = INFINITY;
  date->latest = -INFINITY;
  for (guint a = 0; a <= MIN (params->n_anchor_runs, DML_MAX_ANCHOR_RUNS); a++)
    {
      DmlParams anchored = *params;

      if (a > 0)
        {
          anchored.anchor_flop = params->anchor_runs[a - 1].flop;
          anchored.anchor_year = params->anchor_runs[a - 1].year;
        }
      for (guint end = 0; end < 2; end++)
        {
          double year = dml_timeline_year (&anchored, end == 0 ? params->growth_low : params->growth_high, flop);

          date->earliest = MIN (date->earliest, year);
          date->latest = MAX (date->latest, year);
        }
    }
}

/* The max-at-80% marker is the last point at ≥ 80%: the frontier falls
 * below 80% just past it. A wall past the sweep's end has no date. */
void
dml_timeline_dates (const DmlParams  *params,
                    const DmlSummary *summary,
                    DmlDate           dates[DML_N_DATES])
{
  dml_timeline_date (params, 1e28, &dates[DML_DATE_FRONTIER_1E28]);
  dml_timeline_date (params, summary->max_at_80, &dates[DML_DATE_MAX_AT_80]);
  dml_timeline_date (params, summary->dram_onset, &dates[DML_DATE_DRAM_ONSET]);
  dml_timeline_date (params, summary->network_onset, &dates[DML_DATE_NETWORK_ONSET]);
  dml_timeline_date (params, summary->latency_onset, &dates[DML_DATE_LATENCY_ONSET]);
  dml_timeline_date (params, summary->wall, &dates[DML_DATE_WALL]);
}

/* "2028–2029", or "2028" where both ends fall in one year. */
char *
dml_date_range (const DmlDate *date)
{
  int earliest = (int) floor (date->earliest), latest = (int) floor (date->latest);

  if (earliest == latest)
    return g_strdup_printf ("%d", earliest);
  return g_strdup_printf ("%d–%d", earliest, latest);
}

/* "At 4.7×/year, frontier runs fall below 80% of their plateau
 * utilization in 2028 (90%: 2028–2029) and reach the wall in 2032
 * (2032–2033)." Years are the calendar years the events fall in. */
char *
dml_timeline_sentence (const DmlParams  *params,
                       const DmlSummary *summary)
{
  DmlDate dates[DML_N_DATES];
  const DmlDate *below = &dates[DML_DATE_MAX_AT_80];
  const DmlDate *wall = &dates[DML_DATE_WALL];
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  dml_timeline_dates (params, summary, dates);

  if (isfinite (below->year))
    {
      g_autofree char *range = dml_date_range (below);

      /* TRANSLATORS: growth per year, the year, and its 90% range ("2028–2029") */
      first = g_strdup_printf (_("At %.3g×/year, frontier runs fall below 80%% of their plateau utilization in %d "
                                 "(90%%: %s)"), params->growth, (int) floor (below->year), range);
    }
  else
    first = g_strdup_printf (_("At %.3g×/year, frontier runs stay at ≥ 80%% of their plateau utilization "
                               "throughout the sweep"), params->growth);

  if (isfinite (wall->year))
    {
      g_autofree char *range = dml_date_range (wall);

      second = g_strdup_printf (_("reach the wall in %d (%s)"), (int) floor (wall->year), range);
    }
  else if (isfinite (summary->wall_beyond))
    second = g_strdup_printf (_("reach no wall before %d, the sweep’s end"),
                              (int) floor (dml_timeline_year (params, params->growth, summary->wall_beyond)));
  else
    second = g_strdup (_("no run in the sweep is feasible"));

  {
    /* TRANSLATORS: the two halves of the timeline's summary sentence */
    GString *str = g_string_new (NULL);

    g_string_printf (str, _("%s and %s."), first, second);
    if (params->hardware_roadmap)
      g_string_append_printf (str, " %s", _("Each year’s run uses that year’s hardware (roadmap)."));
    if (params->duration_growth != 1)
      {
        g_autofree char *cap = dml_field_format (dml_field_lookup ("max-training-days"), params->max_training_days);

        /* TRANSLATORS: growth of training durations per year, and the longest run */
        g_string_append_printf (str, " ");
        g_string_append_printf (str, _("Training durations grow %.3g×/year up to %s."), params->duration_growth, cap);
      }
    return g_string_free (str, FALSE);
  }
}

/* The anchor @params' trend starts from (its compute, and its date to
 * within two days), or -1: the user's own. */
int
dml_anchor_match (const DmlParams *params)
{
  guint n_anchors;
  const DmlAnchor *anchors = dml_anchors (&n_anchors);

  for (guint i = 0; i < n_anchors; i++)
    if (params->anchor_flop == anchors[i].flop &&
        fabs (params->anchor_year - dml_decimal_year (anchors[i].date)) < 0.006)
      return i;
  return -1;
}
