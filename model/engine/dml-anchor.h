/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A known run the compute trend may start from (docs/model.md,
 * "Timeline"), and calendar dates as decimal years. */
typedef struct
{
  const char *id;
  const char *name;   /* untranslated; wrap in gettext () to show */
  const char *date;   /* ISO 8601 */
  double      flop;
} DmlAnchor;

double           dml_decimal_year  (const char *iso_date);
const DmlAnchor *dml_anchors       (guint      *n_anchors);
const DmlAnchor *dml_anchor_lookup (const char *id);

G_END_DECLS
