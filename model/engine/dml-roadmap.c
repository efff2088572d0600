/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-roadmap"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "dml-preset.h"
#include "dml-roadmap.h"

/* The roadmap: the HGX line of shipped presets, each from its release
 * (Epoch's chip dataset, ../shared/reference/trends.md). */
static const struct
{
  const char *preset;
  const char *released;
} roadmap[] = {
  { "v100-sxm2", "2017-06-21" },
  { "a100-sxm-80gb", "2020-11-16" },
  { "h100-sxm", "2022-09-20" },
  { "b200", "2024-03-18" },
};

/* Whether the hardware or the duration of a run depends on its year. */
gboolean
dml_roadmap_varies (const DmlParams *params)
{
  return params->hardware_roadmap || params->duration_growth != 1;
}

/* @value grown at @rate for @years, kept within the input's valid range
 * (a slow trend reaches compute far in the future: centuries of growth
 * would overflow). */
static double
grown (const char *property,
       double      value,
       double      rate,
       double      years)
{
  const DmlField *field = dml_field_lookup (property);

  if (rate == 1 || years <= 0)
    return value;
  return CLAMP (value * pow (rate, years), field->min_exclusive ? value : field->min, field->max);
}

/* @params as the frontier run of @year trains: on the roadmap's hardware
 * of that year (the last preset released by then, or the first; past the
 * last, its values grown at their rates) and for its duration. */
void
dml_roadmap_params_for_year (const DmlParams *params,
                             double           year,
                             DmlParams       *out)
{
  *out = *params;

  if (params->duration_growth != 1)
    out->training_days = MIN (params->max_training_days,
                              grown ("training-days", params->training_days, params->duration_growth,
                                     year - params->anchor_year));

  if (params->hardware_roadmap)
    {
      const DmlPreset *preset = NULL;
      double released = 0, years;

      for (guint i = 0; i < G_N_ELEMENTS (roadmap); i++)
        {
          double when = dml_decimal_year (roadmap[i].released);

          if (preset == NULL || when <= year)
            {
              preset = dml_preset_lookup (roadmap[i].preset);
              released = when;
            }
        }
      g_assert (preset != NULL);

      dml_preset_apply (preset, out);
      years = year - released;
      if (released < dml_decimal_year (roadmap[G_N_ELEMENTS (roadmap) - 1].released))
        years = 0;
      out->peak_flops = grown ("peak-flops", out->peak_flops, params->flops_growth, years);
      out->hbm_bandwidth = grown ("hbm-bandwidth", out->hbm_bandwidth, params->hbm_bandwidth_growth, years);
      out->hbm_capacity = grown ("hbm-capacity", out->hbm_capacity, params->hbm_capacity_growth, years);
      out->scaleup_bandwidth = grown ("scaleup-bandwidth", out->scaleup_bandwidth, params->scaleup_bandwidth_growth,
                                      years);
      out->scaleout_bandwidth = grown ("scaleout-bandwidth", out->scaleout_bandwidth,
                                       params->scaleout_bandwidth_growth, years);
      out->scaleup_domain = floor (grown ("scaleup-domain", out->scaleup_domain, params->scaleup_domain_growth, years));
      out->kernel_latency = grown ("kernel-latency", out->kernel_latency, params->latency_change, years);
      out->collective_base_latency = grown ("collective-base-latency", out->collective_base_latency,
                                            params->latency_change, years);
      out->scaleup_hop_latency = grown ("scaleup-hop-latency", out->scaleup_hop_latency, params->latency_change, years);
      out->scaleout_hop_latency = grown ("scaleout-hop-latency", out->scaleout_hop_latency, params->latency_change,
                                         years);
    }
}

/* @params for the run of @flop: that of the year the frontier reaches it,
 * held there (what it returns no longer varies by year, so applying it
 * twice changes nothing). */
void
dml_roadmap_params_at_flop (const DmlParams *params,
                            double           flop,
                            DmlParams       *out)
{
  if (!dml_roadmap_varies (params))
    {
      *out = *params;
      return;
    }
  /* The year of dml_timeline_year () at the central growth rate. */
  dml_roadmap_params_for_year (params, params->anchor_year + log (flop / params->anchor_flop) / log (params->growth), out);
  out->hardware_roadmap = FALSE;
  out->duration_growth = 1;
}
