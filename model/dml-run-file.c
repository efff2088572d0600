/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-run-file"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dml-calibration.h"
#include "dml-csv.h"
#include "dml-error.h"
#include "dml-format.h"
#include "dml-json.h"
#include "dml-preset.h"
#include "dml-run-file.h"


void
dml_run_row_free (DmlRunRow *row)
{
  g_free (row->id);
  g_free (row->source);
  g_free (row->model);
  g_free (row->gpu);
  g_free (row->group);
  g_free (row->software);
  g_free (row);
}

static int
column (char **header,
        const char *name)
{
  for (int i = 0; header[i] != NULL; i++)
    if (g_str_equal (g_strstrip (header[i]), name))
      return i;
  return -1;
}

static const char *
cell (char **row,
      int    index)
{
  if (index < 0 || index >= (int) g_strv_length (row))
    return "";
  return g_strstrip (row[index]);
}

/* The rows of a runs file. Columns come in any order and extra ones are
 * ignored; an empty cell is the default; a missing required value or a
 * bad one is an error naming the row (its line) and the column. */
GPtrArray *
dml_run_rows_parse (const char  *text,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) dml_run_row_free);
  const DmlRunField *fields;
  char **header;
  guint n_fields;

  if ((lines = dml_csv_parse (text, length, error)) == NULL)
    return NULL;
  if (lines->len == 0)
    {
      g_set_error_literal (error, DML_ERROR, DML_ERROR_INVALID, _("The runs file is empty: it needs a header row"));
      return NULL;
    }

  header = lines->pdata[0];
  for (const char * const *need = (const char *[]) { "id", "gpu", NULL }; *need != NULL; need++)
    if (column (header, *need) < 0)
      {
        g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("The runs file has no “%s” column"), *need);
        return NULL;
      }

  fields = dml_run_fields (&n_fields);
  for (guint r = 1; r < lines->len; r++)
    {
      char **line = lines->pdata[r];
      DmlRunRow *row = g_new0 (DmlRunRow, 1);
      g_autoptr(GError) local = NULL;
      const char *mfu, *scaleout, *complete;

      g_ptr_array_add (rows, row);
      dml_run_init (&row->run);
      row->id = g_strdup (cell (line, column (header, "id")));
      row->source = g_strdup (cell (line, column (header, "source")));
      row->model = g_strdup (cell (line, column (header, "model")));
      row->gpu = g_strdup (cell (line, column (header, "gpu")));
      row->group = g_strdup (cell (line, column (header, "group")));
      row->software = g_strdup (cell (line, column (header, "software")));
      complete = cell (line, column (header, "complete"));
      row->complete = complete[0] == '\0' || g_str_equal (complete, "1");
      row->measured_mfu = NAN;

#define ROW_ERROR(col, ...) G_STMT_START { \
        g_autofree char *what = g_strdup_printf (__VA_ARGS__); \
        g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("Row %u (%s), column %s: %s"), r + 1, \
                     row->id[0] ? row->id : "?", col, what); \
        return NULL; } G_STMT_END

      if (row->id[0] == '\0')
        ROW_ERROR ("id", "%s", _("needs a value"));
      if (row->gpu[0] == '\0')
        ROW_ERROR ("gpu", "%s", _("needs a preset id (dmlimits-cli presets lists them)"));
      if (dml_preset_lookup (row->gpu) == NULL)
        ROW_ERROR ("gpu", _("no preset “%s” (dmlimits-cli presets lists them)"), row->gpu);
      if (row->software[0] != '\0' && !g_str_equal (row->software, "megatron") &&
          !g_str_equal (row->software, "megatron-core") && !g_str_equal (row->software, "deepspeed"))
        ROW_ERROR ("software", _("must be megatron, megatron-core or deepspeed, got “%s”"), row->software);

      for (guint f = 0; f < n_fields; f++)
        {
          const char *text = cell (line, column (header, fields[f].key));

          if (text[0] == '\0')
            {
              if (fields[f].required)
                ROW_ERROR (fields[f].key, "%s", _("needs a value"));
              continue;
            }
          if (!dml_run_field_parse (&fields[f], text, &row->run, &local))
            ROW_ERROR (fields[f].key, "%s", local->message);
        }

      mfu = cell (line, column (header, "measured_mfu"));
      if (mfu[0] != '\0')
        {
          char *end;

          row->measured_mfu = g_ascii_strtod (mfu, &end);
          if (*end != '\0' || !(row->measured_mfu > 0 && row->measured_mfu <= 1))
            ROW_ERROR ("measured_mfu", _("must be a fraction in (0, 1], got “%s”"), mfu);
        }
      scaleout = cell (line, column (header, "scaleout_bandwidth"));
      if (scaleout[0] != '\0')
        {
          char *end;

          row->scaleout_bandwidth = g_ascii_strtod (scaleout, &end);
          if (*end != '\0' || !(row->scaleout_bandwidth > 0 && row->scaleout_bandwidth < 1e15))
            ROW_ERROR ("scaleout_bandwidth", _("must be a bandwidth in B/s, got “%s”"), scaleout);
        }
      row->layout_given = cell (line, column (header, "tp"))[0] != '\0' ||
                          cell (line, column (header, "pp"))[0] != '\0' ||
                          cell (line, column (header, "dp"))[0] != '\0';
      if (row->layout_given && !dml_run_validate (&row->run, &local))
        ROW_ERROR ("-", "%s", local->message);
#undef ROW_ERROR
    }

  return g_steal_pointer (&rows);
}

/* The cluster and the efficiencies a row runs with. */
gboolean
dml_run_row_hardware (const DmlRunRow  *row,
                      DmlParams        *hardware,
                      DmlRunEfficiency *efficiency,
                      double           *peak,
                      GError          **error)
{
  const DmlPreset *preset = dml_preset_lookup (row->gpu);

  if (preset == NULL)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("No preset “%s”"), row->gpu);
      return FALSE;
    }
  dml_params_init_baseline (hardware);
  dml_preset_apply (preset, hardware);
  if (row->scaleout_bandwidth > 0)
    hardware->scaleout_bandwidth = row->scaleout_bandwidth;
  dml_calibration_for_preset (row->gpu, efficiency);
  *peak = dml_run_peak (&row->run, hardware, row->gpu);
  return TRUE;
}

GArray *
dml_run_rows_evaluate (GPtrArray  *rows,
                       GError    **error)
{
  GArray *out = g_array_sized_new (FALSE, TRUE, sizeof (DmlRunEvaluation), rows->len);

  for (guint i = 0; i < rows->len; i++)
    {
      const DmlRunRow *row = rows->pdata[i];
      DmlRunEvaluation ev = { row };
      DmlParams hardware;
      DmlRunEfficiency efficiency;
      DmlRun run = row->run;
      double peak;

      if (!dml_run_row_hardware (row, &hardware, &efficiency, &peak, error))
        {
          g_array_unref (out);
          return NULL;
        }
      dml_run_stack (row->software, &run, &efficiency);
      /* A run without its layout is evaluated at the best one. */
      if (!row->layout_given)
        {
          DmlRun best;

          if (dml_run_best_layout (&run, &hardware, peak, &efficiency, &best, &ev.result))
            run = best;
        }
      dml_run_evaluate (&run, &hardware, peak, &efficiency, &ev.result);
      ev.error_points = isnan (row->measured_mfu) ? NAN : 100 * (ev.result.mfu - row->measured_mfu);
      g_array_append_val (out, ev);
    }

  return out;
}

/* Mean absolute error (points of MFU) and MAPE (percent of the measured
 * MFU) over the measured rows of @group (NULL: all), dense (@moe 0), MoE
 * (1) or both (-1), and only those with their whole layout if asked. */
void
dml_run_rows_errors (GArray     *evaluations,
                     const char *group,
                     int         moe,
                     gboolean    complete_only,
                     double     *mae,
                     double     *mape,
                     guint      *n)
{
  double sum_abs = 0, sum_rel = 0;

  *n = 0;
  for (guint i = 0; i < evaluations->len; i++)
    {
      const DmlRunEvaluation *ev = &g_array_index (evaluations, DmlRunEvaluation, i);
      gboolean is_moe = ev->row->run.experts > 1;

      if (isnan (ev->row->measured_mfu) || (group != NULL && g_strcmp0 (ev->row->group, group) != 0) ||
          (moe >= 0 && is_moe != moe) || (complete_only && !ev->row->complete))
        continue;
      sum_abs += fabs (ev->error_points);
      sum_rel += fabs (ev->result.mfu - ev->row->measured_mfu) / ev->row->measured_mfu;
      (*n)++;
    }
  *mae = *n > 0 ? sum_abs / *n : NAN;
  *mape = *n > 0 ? 100 * sum_rel / *n : NAN;
}

static const struct
{
  const char *id;
  gsize       offset;
} parts[] = {
  { "compute_s", G_STRUCT_OFFSET (DmlRunResult, compute) },
  { "elementwise_s", G_STRUCT_OFFSET (DmlRunResult, elementwise) },
  { "tp_comm_s", G_STRUCT_OFFSET (DmlRunResult, tp_comm) },
  { "pp_comm_s", G_STRUCT_OFFSET (DmlRunResult, pp_comm) },
  { "bubble_s", G_STRUCT_OFFSET (DmlRunResult, bubble) },
  { "dp_comm_s", G_STRUCT_OFFSET (DmlRunResult, dp_comm) },
  { "optimizer_s", G_STRUCT_OFFSET (DmlRunResult, optimizer) },
  { "software_s", G_STRUCT_OFFSET (DmlRunResult, software) },
};

static double
part (const DmlRunResult *r,
      guint               i)
{
  return *(const double *) ((const guint8 *) r + parts[i].offset);
}

static void
append_number (GString *str,
               double   value)
{
  g_autofree char *text = dml_format_ascii (value);

  g_string_append (str, isfinite (value) ? text : "");
}

/* The summary rows: all measured, dense with a complete layout, MoE, then
 * each group in the order it first appears. */
static GPtrArray *
summary_groups (GArray *evaluations)
{
  GPtrArray *groups = g_ptr_array_new ();

  for (guint i = 0; i < evaluations->len; i++)
    {
      const char *group = g_array_index (evaluations, DmlRunEvaluation, i).row->group;

      if (group[0] != '\0' && !g_ptr_array_find_with_equal_func (groups, group, g_str_equal, NULL))
        g_ptr_array_add (groups, (gpointer) group);
    }
  return groups;
}

typedef struct { const char *label; int moe; gboolean complete; } ErrorSet;

static const ErrorSet error_sets[] = {
  { "all", -1, FALSE }, { "dense-complete", 0, TRUE }, { "moe", 1, FALSE },
};

/* The @i-th summary row: the fixed sets, then each group. */
static const char *
summary_errors (GArray    *evaluations,
                GPtrArray *groups,
                guint      i,
                double    *mae,
                double    *mape,
                guint     *n)
{
  if (i < G_N_ELEMENTS (error_sets))
    {
      dml_run_rows_errors (evaluations, NULL, error_sets[i].moe, error_sets[i].complete, mae, mape, n);
      return error_sets[i].label;
    }
  dml_run_rows_errors (evaluations, groups->pdata[i - G_N_ELEMENTS (error_sets)], -1, FALSE, mae, mape, n);
  return groups->pdata[i - G_N_ELEMENTS (error_sets)];
}

char *
dml_run_rows_report (GArray     *evaluations,
                     const char *format)
{
  g_autoptr(GPtrArray) groups = summary_groups (evaluations);
  GString *str = g_string_new (NULL);
  guint n_summaries = G_N_ELEMENTS (error_sets) + groups->len;

  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "runs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < evaluations->len; i++)
        {
          const DmlRunEvaluation *ev = &g_array_index (evaluations, DmlRunEvaluation, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, ev->row->id);
          json_builder_set_member_name (builder, "group");
          json_builder_add_string_value (builder, ev->row->group);
#define NUM(name, value) G_STMT_START { json_builder_set_member_name (builder, name); \
          if (isfinite (value)) json_builder_add_double_value (builder, value); \
          else json_builder_add_null_value (builder); } G_STMT_END
          NUM ("predicted_mfu", ev->result.mfu);
          NUM ("measured_mfu", ev->row->measured_mfu);
          NUM ("error_points", ev->error_points);
          NUM ("step_s", ev->result.step);
          for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
            NUM (parts[p].id, part (&ev->result, p));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "errors");
      json_builder_begin_object (builder);
      for (guint g = 0; g < n_summaries; g++)
        {
          double mae, mape;
          guint n;
          const char *label = summary_errors (evaluations, groups, g, &mae, &mape, &n);

          json_builder_set_member_name (builder, label);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "runs");
          json_builder_add_int_value (builder, n);
          NUM ("mae_points", mae);
          NUM ("mape_percent", mape);
#undef NUM
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      g_string_free (str, TRUE);
      return dml_json_to_string (root, NULL);
    }

  {
    gboolean csv = g_str_equal (format, "csv");

    if (csv)
      {
        g_string_append (str, "id,predicted_mfu,measured_mfu,error_points,step_s");
        for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
          g_string_append_printf (str, ",%s", parts[p].id);
        g_string_append_c (str, '\n');
      }
    else
      g_string_append_printf (str, "%-8s %-26s %9s %9s %7s %10s\n", _("id"), _("group"), _("predicted"),
                              _("measured"), _("error"), _("step"));

    for (guint i = 0; i < evaluations->len; i++)
      {
        const DmlRunEvaluation *ev = &g_array_index (evaluations, DmlRunEvaluation, i);

        if (csv)
          {
            g_string_append_printf (str, "%s,", ev->row->id);
            append_number (str, ev->result.mfu);
            g_string_append_c (str, ',');
            append_number (str, ev->row->measured_mfu);
            g_string_append_c (str, ',');
            append_number (str, ev->error_points);
            g_string_append_c (str, ',');
            append_number (str, ev->result.step);
            for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
              {
                g_string_append_c (str, ',');
                append_number (str, part (&ev->result, p));
              }
            g_string_append_c (str, '\n');
          }
        else
          {
            g_autofree char *step = dml_format_quantity (ev->result.step, "s");

            g_string_append_printf (str, "%-8s %-26s %8.1f%% ", ev->row->id, ev->row->group, 100 * ev->result.mfu);
            if (isnan (ev->row->measured_mfu))
              g_string_append_printf (str, "%9s %7s ", "—", "—");
            else
              g_string_append_printf (str, "%8.1f%% %+7.1f ", 100 * ev->row->measured_mfu, ev->error_points);
            g_string_append_printf (str, "%10s\n", step);
          }
      }

    g_string_append (str, csv ? "# " : "\n");
    g_string_append_printf (str, _("Errors of predicted MFU: runs, mean absolute error (points), MAPE\n"));
    for (guint g = 0; g < n_summaries; g++)
      {
        double mae, mape;
        guint n;
        const char *label = summary_errors (evaluations, groups, g, &mae, &mape, &n);

        if (n == 0)
          continue;
        g_string_append_printf (str, "%s%-26s %4u %6.2f %6.1f%%\n", csv ? "# " : "  ", label, n, mae, mape);
      }
  }

  return g_string_free (str, FALSE);
}
