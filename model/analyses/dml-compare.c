/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-compare"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dml-compare.h"
#include "dml-format.h"
#include "dml-json.h"
#include "dml-offering.h"
#include "dml-output.h"
#include "dml-report.h"
#include "dml-run-output.h"

#define NAME_COLUMNS 40

typedef enum
{
  CHANGE_RATIO,    /* ×1.43 */
  CHANGE_DECADES,  /* +0.50 decades */
  CHANGE_POINTS,   /* +3.2 points */
  CHANGE_SAME,     /* only "differs" */
} ChangeKind;

static void
row_free (gpointer data)
{
  DmlCompareRow *row = data;

  g_free (row->key);
  g_free (row->label);
  for (guint i = 0; i < DML_COMPARE_MAX_DESIGNS; i++)
    {
      g_free (row->cells[i]);
      g_free (row->changes[i]);
    }
  g_free (row);
}

static char *
describe_change (ChangeKind kind,
                 double     first,
                 double     value)
{
  if (value == first || (isnan (value) && isnan (first)))
    return g_strdup ("=");
  if (!isfinite (value) || !isfinite (first))
    return g_strdup (_("differs"));

  switch (kind)
    {
    case CHANGE_DECADES:
      return g_strdup_printf (_("%+.2f decades"), log10 (value / first));
    case CHANGE_POINTS:
      return g_strdup_printf (_("%+.1f points"), 100 * (value - first));
    case CHANGE_RATIO:
      if (first > 0 && value > 0)
        return g_strdup_printf ("×%.3g", value / first);
      return g_strdup_printf ("%+.4g", value - first);
    case CHANGE_SAME:
    default:
      return g_strdup (_("differs"));
    }
}

static DmlCompareRow *
add_row (DmlComparison *comparison,
         const char    *key,
         const char    *label,
         gboolean       is_input)
{
  DmlCompareRow *row = g_new0 (DmlCompareRow, 1);

  row->key = g_strdup (key);
  row->label = g_strdup (label);
  row->is_input = is_input;
  g_ptr_array_add (comparison->rows, row);

  return row;
}

static void
finish_row (DmlComparison *comparison,
            DmlCompareRow *row,
            ChangeKind     kind)
{
  for (guint i = 0; i < comparison->n_designs; i++)
    {
      if (i > 0 && row->values[i] != row->values[0] && !(isnan (row->values[i]) && isnan (row->values[0])))
        row->differs = TRUE;
      row->changes[i] = i == 0 ? g_strdup ("") : describe_change (kind, row->values[0], row->values[i]);
    }
}

static void
add_flop_row (DmlComparison *comparison,
              const char    *key,
              const char    *label,
              DmlSweep     **sweeps,
              gsize          offset)
{
  DmlCompareRow *row = add_row (comparison, key, label, FALSE);

  for (guint i = 0; i < comparison->n_designs; i++)
    {
      double flop = G_STRUCT_MEMBER (double, &sweeps[i]->summary, offset);

      row->values[i] = flop;
      row->cells[i] = isfinite (flop) ? dml_format_flop (flop) : g_strdup (_("none"));
    }
  finish_row (comparison, row, CHANGE_DECADES);
}

/* The given runs' figures, from the run's output table, where any design
 * gives a run. */
static void
add_run_rows (DmlComparison  *comparison,
              DmlDesign     **designs)
{
  DmlGivenRun given[DML_COMPARE_MAX_DESIGNS];
  gboolean have[DML_COMPARE_MAX_DESIGNS], any = FALSE;
  const DmlRunOutput *outputs;
  guint n_outputs;

  for (guint i = 0; i < comparison->n_designs; i++)
    any |= have[i] = dml_design_evaluate_run (designs[i], FALSE, &given[i], NULL);
  if (!any)
    return;

  outputs = dml_run_outputs (&n_outputs);
  for (guint c = 0; c < n_outputs; c++)
    {
      const DmlRunOutput *output = &outputs[c];
      g_autofree char *key = g_strconcat ("run.", output->id, NULL);
      /* TRANSLATORS: a figure of a design's given run, e.g. "This run: MFU" */
      g_autofree char *label = g_strdup_printf (_("This run: %s"), dml_run_output_label (output));
      DmlCompareRow *row = add_row (comparison, key, label, FALSE);

      for (guint i = 0; i < comparison->n_designs; i++)
        {
          row->values[i] = have[i] ? dml_run_output_get (output, &given[i].result) : NAN;
          row->cells[i] = have[i] ? dml_run_output_format (output, row->values[i]) : g_strdup ("—");
        }
      finish_row (comparison, row, output->kind == DML_OUTPUT_FRACTION ? CHANGE_POINTS
                                   : output->kind == DML_OUTPUT_FLAG ? CHANGE_SAME : CHANGE_RATIO);
    }
}

/* What a GPU-hour costs one who owns the GPU, beside the rental price
 * (docs/options.md, "Ownership cost"), and what the best layout at
 * @at_flop costs so: a hybrid is two designs compared. "—" where the
 * reference has no purchase price for the design's GPU. */
static void
add_own_rows (DmlComparison    *comparison,
              DmlDesign       **designs,
              const DmlParams  *params,
              const DmlPoint   *points)
{
  static const struct { const char *key; const char *label; gsize offset; } parts[] = {
    { "own.usd_per_gpu_hour", N_("Owned: cost per GPU-hour"), G_STRUCT_OFFSET (DmlOwnCost, total) },
    { "own.hardware_usd_per_gpu_hour", N_("Owned: hardware per GPU-hour"), G_STRUCT_OFFSET (DmlOwnCost, hardware) },
    { "own.facility_usd_per_gpu_hour", N_("Owned: facility per GPU-hour"), G_STRUCT_OFFSET (DmlOwnCost, facility) },
    { "own.energy_usd_per_gpu_hour", N_("Owned: electricity per GPU-hour"), G_STRUCT_OFFSET (DmlOwnCost, energy) },
  };
  DmlOwnCost own[DML_COMPARE_MAX_DESIGNS];
  g_autofree char *at = dml_format_flop (comparison->at_flop);
  g_autofree char *label = NULL;
  DmlCompareRow *row;

  for (guint i = 0; i < comparison->n_designs; i++)
    {
      DmlOwnership ownership;

      dml_ownership_defaults (dml_design_get_preset (designs[i]), &params[i], &ownership, NULL);
      dml_ownership_cost (&ownership, &own[i]);
    }

  for (guint r = 0; r < G_N_ELEMENTS (parts); r++)
    {
      row = add_row (comparison, parts[r].key, _(parts[r].label), FALSE);
      for (guint i = 0; i < comparison->n_designs; i++)
        {
          row->values[i] = G_STRUCT_MEMBER (double, &own[i], parts[r].offset);
          row->cells[i] = dml_format_usd (row->values[i]);
        }
      finish_row (comparison, row, CHANGE_RATIO);
    }

  /* TRANSLATORS: e.g. "Cost owned at 10²⁸ FLOP" */
  label = g_strdup_printf (_("Cost owned at %s"), at);
  row = add_row (comparison, "at.own_cost_usd", label, FALSE);
  for (guint i = 0; i < comparison->n_designs; i++)
    {
      row->values[i] = points[i].feasible ? points[i].gpu_hours * own[i].total : NAN;
      row->cells[i] = dml_format_usd (row->values[i]);
    }
  finish_row (comparison, row, CHANGE_RATIO);
}

/* Inputs, then the sweep's figures, then the best layout at @at_flop,
 * then the ownership cost, then the given runs, one column per design. */
DmlComparison *
dml_comparison_new (DmlDesign **designs,
                    DmlSweep  **sweeps,
                    guint       n_designs,
                    double      at_flop)
{
  DmlComparison *comparison;
  const DmlField *fields;
  DmlPoint points[DML_COMPARE_MAX_DESIGNS];
  DmlParams params[DML_COMPARE_MAX_DESIGNS];
  gboolean goodput = FALSE;
  guint n_fields;

  g_return_val_if_fail (n_designs >= 1 && n_designs <= DML_COMPARE_MAX_DESIGNS, NULL);

  comparison = g_new0 (DmlComparison, 1);
  comparison->n_designs = n_designs;
  comparison->at_flop = at_flop;
  comparison->rows = g_ptr_array_new_with_free_func (row_free);

  for (guint i = 0; i < n_designs; i++)
    {
      comparison->names[i] = g_strdup (dml_design_get_name (designs[i]));
      dml_design_get_params (designs[i], &params[i]);
      dml_point_search (&params[i], at_flop, NULL, &points[i], NULL);
    }

  /* The figures of interruptions, and their inputs, only where some
   * design loses time to them. */
  for (guint i = 0; i < n_designs; i++)
    goodput |= params[i].goodput;

  fields = dml_fields (&n_fields);
  for (guint f = 0; f < n_fields; f++)
    {
      g_autofree char *path = NULL;
      ChangeKind kind = fields[f].kind == DML_FIELD_BOOLEAN || fields[f].kind == DML_FIELD_CHOICE ? CHANGE_SAME : CHANGE_RATIO;
      DmlCompareRow *row;

      if (fields[f].group == DML_GROUP_RELIABILITY && !goodput)
        continue;
      path = dml_field_path (&fields[f]);
      row = add_row (comparison, path, g_dgettext (GETTEXT_PACKAGE, fields[f].label), TRUE);

      for (guint i = 0; i < n_designs; i++)
        {
          row->values[i] = dml_field_get (&fields[f], &params[i]);
          row->cells[i] = dml_field_format (&fields[f], row->values[i]);
        }
      finish_row (comparison, row, kind);
    }

  {
    DmlCompareRow *row = add_row (comparison, "summary.plateau_utilization", _("Plateau utilization"), FALSE);

    for (guint i = 0; i < n_designs; i++)
      {
        row->values[i] = sweeps[i]->summary.plateau_utilization;
        row->cells[i] = dml_format_percent (row->values[i]);
      }
    finish_row (comparison, row, CHANGE_POINTS);
  }

  add_flop_row (comparison, "summary.dram_onset_flop", _("DRAM-bound onset"), sweeps, G_STRUCT_OFFSET (DmlSummary, dram_onset));
  add_flop_row (comparison, "summary.network_onset_flop", _("Network-bound onset"), sweeps, G_STRUCT_OFFSET (DmlSummary, network_onset));
  add_flop_row (comparison, "summary.latency_onset_flop", _("Latency-bound onset"), sweeps, G_STRUCT_OFFSET (DmlSummary, latency_onset));
  {
    DmlCompareRow *row = add_row (comparison, "summary.wall_flop", _("Wall"), FALSE);

    for (guint i = 0; i < n_designs; i++)
      {
        row->values[i] = sweeps[i]->summary.wall;
        row->cells[i] = dml_report_wall (&sweeps[i]->summary);
      }
    finish_row (comparison, row, CHANGE_DECADES);
  }
  add_flop_row (comparison, "summary.max_flop_at_80pct", _("Largest run at ≥ 80%"), sweeps, G_STRUCT_OFFSET (DmlSummary, max_at_80));
  if (goodput)
    /* xgettext:no-c-format */
    add_flop_row (comparison, "summary.reliability_onset_flop", _("Goodput below 50%"), sweeps,
                  G_STRUCT_OFFSET (DmlSummary, reliability_onset));

  /* The figures of each design's best layout at @at_flop. */
  {
    g_autofree char *at = dml_format_flop (at_flop);
    const DmlOutput *outputs;
    guint n_outputs;

    outputs = dml_outputs (&n_outputs);
    for (guint c = 0; c < n_outputs; c++)
      {
        const DmlOutput *output = &outputs[c];
        g_autofree char *key = NULL;
        g_autofree char *label = NULL;
        DmlCompareRow *row;

        if (!(output->flags & DML_OUTPUT_AT) || ((output->flags & DML_OUTPUT_GOODPUT) && !goodput))
          continue;

        key = g_strconcat ("at.", output->id, NULL);
        /* TRANSLATORS: a figure at a training compute, e.g. "GPUs at 10²⁸ FLOP" */
        label = g_strdup_printf (_("%s at %s"), dml_output_label (output), at);
        row = add_row (comparison, key, label, FALSE);
        for (guint i = 0; i < n_designs; i++)
          {
            gboolean ok = points[i].feasible;
            /* A design that does not lose time to interruptions has no goodput. */
            gboolean none = (output->flags & DML_OUTPUT_GOODPUT) && !params[i].goodput;

            row->values[i] = ok && !none ? dml_output_get (output, &points[i]) : NAN;
            row->cells[i] = ok && !none ? dml_output_format (output, row->values[i])
                                        : g_strdup (output->kind == DML_OUTPUT_FRACTION && !none ? _("infeasible") : "—");
          }
        finish_row (comparison, row, output->kind == DML_OUTPUT_FRACTION ? CHANGE_POINTS : CHANGE_RATIO);
      }
  }

  add_own_rows (comparison, designs, params, points);
  add_run_rows (comparison, designs);

  return comparison;
}

void
dml_comparison_free (DmlComparison *comparison)
{
  if (comparison == NULL)
    return;

  for (guint i = 0; i < DML_COMPARE_MAX_DESIGNS; i++)
    g_free (comparison->names[i]);
  g_ptr_array_unref (comparison->rows);
  g_free (comparison);
}

/* Aligned columns; rows whose values differ start with "*", and changes
 * against the first design follow in brackets. */
char *
dml_comparison_to_text (DmlComparison *comparison)
{
  GString *str = g_string_new (NULL);
  glong label_width = 0, cell_width[DML_COMPARE_MAX_DESIGNS] = { 0 };
  char *names[DML_COMPARE_MAX_DESIGNS];

  for (guint r = 0; r < comparison->rows->len; r++)
    {
      DmlCompareRow *row = comparison->rows->pdata[r];

      label_width = MAX (label_width, dml_format_columns (row->label));
      for (guint i = 0; i < comparison->n_designs; i++)
        {
          glong w = dml_format_columns (row->cells[i]);

          if (i > 0 && row->differs)
            w += dml_format_columns (row->changes[i]) + 3;
          cell_width[i] = MAX (cell_width[i], w);
        }
    }
  /* A long name is cut to its column (or NAME_COLUMNS, if the values are
   * narrower), not the column widened to the name. */
  for (guint i = 0; i < comparison->n_designs; i++)
    {
      names[i] = dml_format_elide (comparison->names[i], MAX (cell_width[i], NAME_COLUMNS));
      cell_width[i] = MAX (cell_width[i], dml_format_columns (names[i]));
    }

  dml_string_append_padded (str, "", label_width + 4);
  for (guint i = 0; i < comparison->n_designs; i++)
    {
      dml_string_append_padded (str, names[i], cell_width[i] + 2);
      g_free (names[i]);
    }
  g_string_append_c (str, '\n');

  for (guint r = 0; r < comparison->rows->len; r++)
    {
      DmlCompareRow *row = comparison->rows->pdata[r];

      if (r > 0 && row->is_input != ((DmlCompareRow *) comparison->rows->pdata[r - 1])->is_input)
        g_string_append_c (str, '\n');

      g_string_append (str, row->differs ? "* " : "  ");
      dml_string_append_padded (str, row->label, label_width + 2);
      for (guint i = 0; i < comparison->n_designs; i++)
        {
          g_autofree char *cell = i > 0 && row->differs
                                    ? g_strdup_printf ("%s (%s)", row->cells[i], row->changes[i])
                                    : g_strdup (row->cells[i]);

          dml_string_append_padded (str, cell, cell_width[i] + 2);
        }
      g_strchomp (str->str);
      g_string_set_size (str, strlen (str->str));
      g_string_append_c (str, '\n');
    }

  return g_string_free (str, FALSE);
}

static void
append_csv_field (GString    *str,
                  const char *text)
{
  if (strpbrk (text, ",\"\n") == NULL)
    {
      g_string_append (str, text);
      return;
    }

  g_string_append_c (str, '"');
  for (const char *c = text; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (str, '"');
      g_string_append_c (str, *c);
    }
  g_string_append_c (str, '"');
}

/* Raw numbers, never the locale's: one column per design, then the
 * changes against the first. */
char *
dml_comparison_to_csv (DmlComparison *comparison)
{
  GString *str = g_string_new ("key,label,differs");

  for (guint i = 0; i < comparison->n_designs; i++)
    {
      g_string_append_c (str, ',');
      append_csv_field (str, comparison->names[i]);
    }
  for (guint i = 1; i < comparison->n_designs; i++)
    {
      g_autofree char *header = g_strdup_printf ("change: %s", comparison->names[i]);

      g_string_append_c (str, ',');
      append_csv_field (str, header);
    }
  g_string_append_c (str, '\n');

  for (guint r = 0; r < comparison->rows->len; r++)
    {
      DmlCompareRow *row = comparison->rows->pdata[r];

      g_string_append_printf (str, "%s,", row->key);
      append_csv_field (str, row->label);
      g_string_append_printf (str, ",%d", row->differs);
      for (guint i = 0; i < comparison->n_designs; i++)
        {
          g_autofree char *value = dml_format_ascii (row->values[i]);

          g_string_append_printf (str, ",%s", isfinite (row->values[i]) ? value : "");
        }
      for (guint i = 1; i < comparison->n_designs; i++)
        {
          g_string_append_c (str, ',');
          append_csv_field (str, row->changes[i]);
        }
      g_string_append_c (str, '\n');
    }

  return g_string_free (str, FALSE);
}

char *
dml_comparison_to_json (DmlComparison *comparison)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "designs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < comparison->n_designs; i++)
    json_builder_add_string_value (builder, comparison->names[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "at_flop");
  json_builder_add_double_value (builder, comparison->at_flop);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);

  for (guint r = 0; r < comparison->rows->len; r++)
    {
      DmlCompareRow *row = comparison->rows->pdata[r];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, row->key);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, row->label);
      json_builder_set_member_name (builder, "differs");
      json_builder_add_boolean_value (builder, row->differs);
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint i = 0; i < comparison->n_designs; i++)
        if (isfinite (row->values[i]))
          json_builder_add_double_value (builder, row->values[i]);
        else
          json_builder_add_null_value (builder);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "changes");
      json_builder_begin_array (builder);
      for (guint i = 0; i < comparison->n_designs; i++)
        json_builder_add_string_value (builder, row->changes[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return dml_json_to_string (root, NULL);
}
