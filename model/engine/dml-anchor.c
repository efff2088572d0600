/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-anchor"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "dml-anchor.h"

/* "2024-07-23" → 2024.557: the year and the share of it gone before the
 * day. NAN for a date that does not parse. */
double
dml_decimal_year (const char *iso_date)
{
  int y, m, d;
  GDate *date;
  double year;

  if (iso_date == NULL || sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return NAN;

  date = g_date_new_dmy (d, m, y);
  year = y + (g_date_get_day_of_year (date) - 1) / (double) (g_date_is_leap_year (y) ? 366 : 365);
  g_date_free (date);
  return year;
}

/* Runs to anchor the trend on: the largest of their time in Epoch AI's
 * database (snapshot in github epoch-research/training-cost-trends,
 * 2025-08-07; ../shared/reference/trends.md). Names give the year and
 * mark Epoch's "Speculative" estimates. */
static const DmlAnchor anchors[] = {
  { "gpt-3", N_("GPT-3 175B (2020)"), "2020-05-28", 3.14e23 },
  { "palm", N_("PaLM 540B (2022)"), "2022-04-04", 2.53e24 },
  { "gpt-4", N_("GPT-4 (2023, speculative)"), "2023-03-15", 2.1e25 },
  { "gemini-1-ultra", N_("Gemini 1.0 Ultra (2023, spec.)"), "2023-12-06", 5.0e25 },
  { "llama-3-1-405b", N_("Llama 3.1 405B (2024)"), "2024-07-23", 3.8e25 },
  { "grok-3", N_("Grok-3 (2025)"), "2025-02-17", 4.64e26 },
  { "gpt-4-5", N_("GPT-4.5 (2025, speculative)"), "2025-02-27", 2.1e26 },
};

const DmlAnchor *
dml_anchors (guint *n_anchors)
{
  *n_anchors = G_N_ELEMENTS (anchors);
  return anchors;
}

const DmlAnchor *
dml_anchor_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (anchors); i++)
    if (g_strcmp0 (anchors[i].id, id) == 0)
      return &anchors[i];
  return NULL;
}
