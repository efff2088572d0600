/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-measured-runs"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-calibration.h"
#include "dml-csv.h"
#include "dml-error.h"
#include "dml-format.h"
#include "dml-json.h"
#include "dml-preset.h"
#include "dml-measured-runs.h"
#include "dml-run-output.h"


/* The summaries' own names: a group may not take one. */
static const char * const summary_labels[] = { "all", "dense-complete", "moe" };

void
dml_measured_run_free (DmlMeasuredRun *row)
{
  g_free (row->id);
  g_free (row->source);
  g_free (row->model);
  g_free (row->gpu);
  g_free (row->group);
  g_free (row);
}

/* A header's columns, found once: the index of each column the reader
 * knows, or -1. */
typedef struct
{
  int     id, source, model, gpu, group, complete, measured_mfu, scaleout_bandwidth;
  int     fields[64];
  int     tp, pp, dp;
  char   *names;      /* the header's cells, for messages ... */
  GArray *offsets;    /* ... each at its offset (guint) */
  char   *known_gpu;  /* the last row's preset, found */
} Columns;

static void
columns_clear (Columns *columns)
{
  g_clear_pointer (&columns->names, g_free);
  g_clear_pointer (&columns->offsets, g_array_unref);
  g_clear_pointer (&columns->known_gpu, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Columns, columns_clear)

/* Whether @text holds a control character: an id or a group is one line
 * of a report. */
static gboolean
has_control (const char *text)
{
  for (const guchar *c = (const guchar *) text; *c; c++)
    if (*c < 0x20 || *c == 0x7f)
      return TRUE;
  return FALSE;
}

/* @text without the spaces around it, cut short in place. */
static char *
strip (char *text)
{
  /* g_strchug() moves every cell; most have no space to lose. */
  while (g_ascii_isspace (*text))
    text++;
  return g_strchomp (text);
}

/* The @index-th cell of the record, without the spaces around it. */
static const char *
cell (DmlCsvReader *reader,
      int           index)
{
  if (index < 0 || (guint) index >= dml_csv_reader_n_cells (reader))
    return "";
  return strip ((char *) dml_csv_reader_cell (reader, index));
}

static const char *
column_name (const Columns *columns,
             guint          index)
{
  return index < columns->offsets->len ? columns->names + g_array_index (columns->offsets, guint, index) : "";
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Columns *columns = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  int order = strcmp (column_name (columns, i), column_name (columns, j));

  return order != 0 ? order : (i > j) - (i < j);
}

/* The header's names, each once, and the columns the reader knows. A
 * header as long as the file costs a few bytes a column: a copy of its
 * cells, their offsets, and a sort to find any name given twice. */
static gboolean
read_header (DmlCsvReader  *reader,
             Columns       *columns,
             GError       **error)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) order = NULL;
  const DmlField *fields;
  guint n_fields, n = dml_csv_reader_n_cells (reader), line = dml_csv_reader_line (reader);
  guint first = 0, second = G_MAXUINT;
  struct { const char *name; int *column; } named[] = {
    { "id", &columns->id }, { "source", &columns->source }, { "model", &columns->model },
    { "gpu", &columns->gpu }, { "group", &columns->group },
    { "complete", &columns->complete }, { "measured_mfu", &columns->measured_mfu },
    { "scaleout_bandwidth", &columns->scaleout_bandwidth },
  };
  GString *copy = g_string_new (NULL);

  /* The cells, stripped and checked, in a buffer of their own. */
  columns->offsets = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  for (guint i = 0; i < n; i++)
    {
      const char *name = cell (reader, i);
      guint offset = copy->len;

      if (!g_utf8_validate (name, -1, NULL))
        {
          g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("line %u, column %u: the name is not valid UTF-8 text"),
                       line, i + 1);
          g_string_free (copy, TRUE);
          return FALSE;
        }
      g_string_append_len (copy, name, strlen (name) + 1);
      g_array_append_val (columns->offsets, offset);
      g_array_append_val (order, i);
    }
  columns->names = g_string_free (copy, FALSE);

  /* A name given twice: the pair whose second comes first. */
  g_array_sort_with_data (order, compare_names, columns);
  for (guint k = 1; k < n; k++)
    {
      guint a = g_array_index (order, guint, k - 1), b = g_array_index (order, guint, k);

      if (column_name (columns, a)[0] != '\0' && g_str_equal (column_name (columns, a), column_name (columns, b)) &&
          (k < 2 || !g_str_equal (column_name (columns, g_array_index (order, guint, k - 2)), column_name (columns, a))) &&
          b < second)
        first = a, second = b;
    }
  if (second != G_MAXUINT)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID,
                   _("line %u: the column “%s” appears twice (columns %u and %u); a runs file names each column once"),
                   line, column_name (columns, first), first + 1, second + 1);
      return FALSE;
    }

  fields = dml_run_fields (&n_fields);
  g_assert (n_fields <= G_N_ELEMENTS (columns->fields));
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      *named[i].column = -1;
      g_hash_table_insert (known, (gpointer) named[i].name, named[i].column);
    }
  for (guint f = 0; f < n_fields; f++)
    {
      columns->fields[f] = -1;
      g_hash_table_insert (known, (gpointer) fields[f].key, &columns->fields[f]);
    }
  for (guint i = 0; i < n; i++)
    {
      int *column = g_hash_table_lookup (known, column_name (columns, i));

      if (column != NULL)
        *column = i;
    }
  /* Whether a row gives its layout. */
  columns->tp = columns->fields[dml_run_field_lookup ("tp") - fields];
  columns->pp = columns->fields[dml_run_field_lookup ("pp") - fields];
  columns->dp = columns->fields[dml_run_field_lookup ("dp") - fields];

  if (columns->id < 0 || columns->gpu < 0)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("The runs file has no “%s” column"),
                   columns->id < 0 ? "id" : "gpu");
      return FALSE;
    }

  return TRUE;
}

/* Reads the record the reader holds into @row, whose strings point into
 * the reader's buffer. An error names the line the row starts on, its
 * id, and the column. */
static gboolean
read_row (DmlCsvReader   *reader,
          Columns        *columns,
          DmlMeasuredRun      *row,
          GError        **error)
{
  const DmlField *fields;
  guint n_fields, line = dml_csv_reader_line (reader);
  const char *mfu, *scaleout, *complete;
  g_autoptr(GError) local = NULL;

  /* Text, so that every output can carry it as it is. */
  for (guint i = 0; i < dml_csv_reader_n_cells (reader); i++)
    if (!g_utf8_validate (dml_csv_reader_cell (reader, i), -1, NULL))
      {
        const char *name = column_name (columns, i);

        if (name[0] != '\0')
          g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("line %u, column %s: not valid UTF-8 text"), line, name);
        else
          g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("line %u, column %u: not valid UTF-8 text"), line, i + 1);
        return FALSE;
      }

  memset (row, 0, sizeof *row);
  dml_run_init (&row->run);
  row->line = line;
  row->id = (char *) cell (reader, columns->id);
  row->source = (char *) cell (reader, columns->source);
  row->model = (char *) cell (reader, columns->model);
  row->gpu = (char *) cell (reader, columns->gpu);
  row->group = (char *) cell (reader, columns->group);
  /* A runs file's rows run on Megatron-LM unless they say otherwise,
   * as before the column was a run field. */
  row->run.software = DML_SOFTWARE_MEGATRON;
  complete = cell (reader, columns->complete);
  row->complete = complete[0] == '\0' || g_str_equal (complete, "1");
  row->measured_mfu = NAN;

#define ROW_ERROR(col, ...) G_STMT_START { \
      g_autofree char *what = g_strdup_printf (__VA_ARGS__); \
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("line %u (%s), column %s: %s"), line, \
                   row->id[0] ? row->id : "?", col, what); \
      return FALSE; } G_STMT_END

  if (has_control (row->id))
    {
      row->id = (char *) "?";
      ROW_ERROR ("id", "%s", _("must be one line of text, without control characters"));
    }
  if (row->id[0] == '\0')
    ROW_ERROR ("id", "%s", _("needs a value"));
  if (has_control (row->group))
    ROW_ERROR ("group", "%s", _("must be one line of text, without control characters"));
  if (row->gpu[0] == '\0')
    ROW_ERROR ("gpu", "%s", _("needs a preset id (dmlimits-cli presets lists them)"));
  /* Rows come in runs of one GPU: look each up once. */
  if (g_strcmp0 (row->gpu, columns->known_gpu) != 0)
    {
      if (dml_preset_lookup (row->gpu) == NULL)
        ROW_ERROR ("gpu", _("no preset “%s” (dmlimits-cli presets lists them)"), row->gpu);
      g_free (columns->known_gpu);
      columns->known_gpu = g_strdup (row->gpu);
    }
  for (guint i = 0; i < G_N_ELEMENTS (summary_labels); i++)
    if (g_str_equal (row->group, summary_labels[i]))
      ROW_ERROR ("group", _("“%s” is the name of a summary of the report; give the group another name"), row->group);

  fields = dml_run_fields (&n_fields);
  for (guint f = 0; f < n_fields; f++)
    {
      const char *text = cell (reader, columns->fields[f]);

      if (text[0] == '\0')
        {
          if (fields[f].required)
            ROW_ERROR (fields[f].key, "%s", _("needs a value"));
          continue;
        }
      if (!dml_field_parse (&fields[f], text, FALSE, &row->run, &local))
        ROW_ERROR (fields[f].key, "%s", local->message);
    }

  /* A measured MFU is a fraction of peak: a percentage (41) or a
   * vanishing one (1e-320, a MAPE of infinity) is a mistake. */
  mfu = cell (reader, columns->measured_mfu);
  if (mfu[0] != '\0' &&
      (!dml_csv_parse_number (mfu, &row->measured_mfu, NULL) || !(row->measured_mfu >= 1e-6 && row->measured_mfu <= 1)))
    ROW_ERROR ("measured_mfu", _("must be a fraction of peak from 0.000001 to 1, got “%s”"), mfu);
  scaleout = cell (reader, columns->scaleout_bandwidth);
  if (scaleout[0] != '\0' &&
      (!dml_csv_parse_number (scaleout, &row->scaleout_bandwidth, NULL) ||
       !(row->scaleout_bandwidth >= 1e6 && row->scaleout_bandwidth <= 1e15)))
    ROW_ERROR ("scaleout_bandwidth", _("must be a bandwidth in B/s per GPU from 1e6 to 1e15, got “%s”"), scaleout);
  row->layout_given = cell (reader, columns->tp)[0] != '\0' ||
                      cell (reader, columns->pp)[0] != '\0' ||
                      cell (reader, columns->dp)[0] != '\0';
#undef ROW_ERROR

  /* The rules name their columns. */
  if (row->layout_given ? !dml_run_validate (&row->run, &local) : !dml_run_validate_model (&row->run, &local))
    {
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("line %u (%s): %s"), line, row->id, local->message);
      return FALSE;
    }

  return TRUE;
}

typedef gboolean (*RowFunc) (const DmlMeasuredRun *row,
                             gpointer         user_data,
                             GError         **error);

/* Each row of a runs file, one at a time: the columns are found once,
 * and nothing of a row is kept unless @func keeps it. */
static gboolean
read_rows (const char  *text,
           gsize        length,
           RowFunc      func,
           gpointer     user_data,
           GError     **error)
{
  g_auto(Columns) columns = { 0 };
  g_autoptr(GError) local = NULL;
  DmlCsvReader reader;
  gboolean ok = TRUE;

  dml_csv_reader_init (&reader, text, length);
  if (!dml_csv_reader_next (&reader, &local))
    {
      if (local == NULL)
        g_set_error_literal (&local, DML_ERROR, DML_ERROR_INVALID, _("The runs file is empty: it needs a header row"));
      ok = FALSE;
    }
  else if (!read_header (&reader, &columns, &local))
    ok = FALSE;

  while (ok && dml_csv_reader_next (&reader, &local))
    {
      DmlMeasuredRun row;

      ok = read_row (&reader, &columns, &row, &local) && func (&row, user_data, &local);
    }
  dml_csv_reader_clear (&reader);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static gboolean
keep_row (const DmlMeasuredRun *row,
          gpointer         user_data,
          GError         **error)
{
  DmlMeasuredRun *copy = g_memdup2 (row, sizeof *row);

  copy->id = g_strdup (row->id);
  copy->source = g_strdup (row->source);
  copy->model = g_strdup (row->model);
  copy->gpu = g_strdup (row->gpu);
  copy->group = g_strdup (row->group);
  g_ptr_array_add (user_data, copy);
  return TRUE;
}

/* The rows of a runs file. Columns come in any order and extra ones are
 * ignored; an empty cell is the default; a missing required value or a
 * bad one is an error naming the line the row starts on and the column.
 * For a whole report, dml_measured_report_read() keeps less of each row. */
GPtrArray *
dml_measured_runs_parse (const char  *text,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) dml_measured_run_free);

  if (!read_rows (text, length, keep_row, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* The cluster and the efficiencies a row runs with. */
gboolean
dml_measured_run_hardware (const DmlMeasuredRun  *row,
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

/* The step's parts, in the run output table's order: a part the run
 * model adds there reaches the report with no change here. */
static guint
step_parts (const DmlRunOutput **parts)
{
  const DmlRunOutput *outputs;
  guint n_outputs, n = 0;

  outputs = dml_run_outputs (&n_outputs);
  for (guint c = 0; c < n_outputs; c++)
    if (outputs[c].step_part)
      {
        g_assert (n < DML_RUN_MAX_PARTS);
        parts[n++] = &outputs[c];
      }
  return n;
}

DmlMeasuredReport *
dml_measured_report_new (void)
{
  DmlMeasuredReport *report = g_new0 (DmlMeasuredReport, 1);

  report->runs = g_array_new (FALSE, FALSE, sizeof (DmlMeasuredEvaluation));
  report->strings = g_string_chunk_new (4096);
  return report;
}

void
dml_measured_report_free (DmlMeasuredReport *report)
{
  g_array_unref (report->runs);
  g_string_chunk_free (report->strings);
  g_free (report);
}

/* Evaluates @row and adds it to @report: at its layout, or at the best
 * one that fits when it gives none. A row where none fits is kept as
 * such, without figures; a row whose GPUs allow no valid layout at all
 * is an error naming its line. */
gboolean
dml_measured_report_add (DmlMeasuredReport     *report,
                         const DmlMeasuredRun  *row,
                         GError          **error)
{
  DmlMeasuredEvaluation ev = { 0 };
  DmlParams hardware;
  DmlRunEfficiency efficiency;
  DmlRunResult result;
  DmlRun run = row->run;
  const DmlRunOutput *parts[DML_RUN_MAX_PARTS];
  guint n_parts = step_parts (parts);
  double peak;

  /* A file's rows come in runs of one GPU; setting up its preset's
   * hardware costs more than evaluating a row. */
  if (report->gpu == NULL || !g_str_equal (report->gpu, row->gpu))
    {
      DmlMeasuredRun bare = *row;

      bare.scaleout_bandwidth = 0;
      bare.run.precision = DML_PRECISION_BF16;
      if (!dml_measured_run_hardware (&bare, &report->hardware, &report->efficiency, &report->peak, error))
        return FALSE;
      bare.run.precision = DML_PRECISION_FP8;
      report->peak_fp8 = dml_run_peak (&bare.run, &report->hardware, row->gpu);
      report->gpu = g_string_chunk_insert_const (report->strings, row->gpu);
    }
  hardware = report->hardware;
  efficiency = report->efficiency;
  if (row->scaleout_bandwidth > 0)
    hardware.scaleout_bandwidth = row->scaleout_bandwidth;
  /* The peak depends on the precision and the preset only. */
  peak = row->run.precision == DML_PRECISION_FP8 ? report->peak_fp8 : report->peak;
  dml_run_stack (&run, &efficiency);

  ev.id = g_string_chunk_insert (report->strings, row->id);
  ev.group = g_string_chunk_insert_const (report->strings, row->group);
  ev.line = row->line;
  ev.complete = row->complete;
  ev.moe = row->run.experts > 1;
  ev.measured_mfu = row->measured_mfu;
  ev.status = DML_MEASURED_EVALUATED;

  if (row->layout_given)
    dml_run_evaluate (&run, &hardware, peak, &efficiency, &result);
  else
    {
      DmlRun best;
      gboolean truncated;

      if (!dml_run_best_layout_full (&run, &hardware, peak, &efficiency, &best, &result, &truncated))
        {
          if (result.memory == 0 && !truncated)
            {
              g_set_error (error, DML_ERROR, DML_ERROR_INVALID,
                           _("line %u (%s): no layout of %g GPUs is valid for this model and batch"),
                           row->line, row->id, row->run.gpus);
              return FALSE;
            }
          ev.status = DML_MEASURED_NO_FIT;
        }
      ev.truncated = truncated;
    }

  if (ev.status == DML_MEASURED_EVALUATED)
    {
      ev.mfu = result.mfu;
      ev.step = result.step;
      for (guint p = 0; p < n_parts; p++)
        ev.parts[p] = dml_run_output_get (parts[p], &result);
      ev.error_points = isnan (row->measured_mfu) ? NAN : 100 * (result.mfu - row->measured_mfu);
    }
  else
    {
      ev.mfu = ev.step = ev.error_points = NAN;
      for (guint p = 0; p < n_parts; p++)
        ev.parts[p] = NAN;
    }
  g_array_append_val (report->runs, ev);
  return TRUE;
}

static gboolean
add_row (const DmlMeasuredRun *row,
         gpointer         user_data,
         GError         **error)
{
  return dml_measured_report_add (user_data, row, error);
}

/* A runs file read and evaluated row by row: what is kept of each row is
 * its DmlMeasuredEvaluation, its id and its group. */
DmlMeasuredReport *
dml_measured_report_read (const char  *text,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(DmlMeasuredReport) report = dml_measured_report_new ();

  if (!read_rows (text, length, add_row, report, error))
    return NULL;
  return g_steal_pointer (&report);
}

/* Whether @ev counts in the errors: measured, and evaluated. */
static gboolean
has_error (const DmlMeasuredEvaluation *ev)
{
  return ev->status == DML_MEASURED_EVALUATED && !isnan (ev->measured_mfu);
}

/* Mean absolute error (points of MFU) and MAPE (percent of the measured
 * MFU) over the measured rows of @group (NULL: all), dense (@moe 0), MoE
 * (1) or both (-1), and only those with their whole layout if asked.
 * Rows where no layout fits have no error. */
void
dml_measured_report_errors (const DmlMeasuredReport *report,
                            const char         *group,
                            int                 moe,
                            gboolean            complete_only,
                            double             *mae,
                            double             *mape,
                            guint              *n)
{
  double sum_abs = 0, sum_rel = 0;

  *n = 0;
  for (guint i = 0; i < report->runs->len; i++)
    {
      const DmlMeasuredEvaluation *ev = &g_array_index (report->runs, DmlMeasuredEvaluation, i);

      if (!has_error (ev) || (group != NULL && g_strcmp0 (ev->group, group) != 0) ||
          (moe >= 0 && (gboolean) ev->moe != moe) || (complete_only && !ev->complete))
        continue;
      sum_abs += fabs (ev->error_points);
      sum_rel += fabs (ev->mfu - ev->measured_mfu) / ev->measured_mfu;
      (*n)++;
    }
  *mae = *n > 0 ? sum_abs / *n : NAN;
  *mape = *n > 0 ? 100 * sum_rel / *n : NAN;
}

/* One summary row's sums. */
typedef struct
{
  const char *label;
  double      sum_abs;
  double      sum_rel;
  guint       n;
} Summary;

static void
summary_add (Summary                *summary,
             const DmlMeasuredEvaluation *ev)
{
  summary->sum_abs += fabs (ev->error_points);
  summary->sum_rel += fabs (ev->mfu - ev->measured_mfu) / ev->measured_mfu;
  summary->n++;
}

static void
summary_get (const Summary *summary,
             double        *mae,
             double        *mape)
{
  *mae = summary->n > 0 ? summary->sum_abs / summary->n : NAN;
  *mape = summary->n > 0 ? 100 * summary->sum_rel / summary->n : NAN;
}

/* The summary rows: all measured, dense with a complete layout, MoE, then
 * each group in the order it first appears, in one pass over the rows
 * (a hash table finds each group's row). */
static GArray *
summaries (const DmlMeasuredReport *report)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Summary));
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);

  g_array_set_size (out, G_N_ELEMENTS (summary_labels));
  for (guint i = 0; i < G_N_ELEMENTS (summary_labels); i++)
    g_array_index (out, Summary, i).label = summary_labels[i];

  for (guint i = 0; i < report->runs->len; i++)
    {
      const DmlMeasuredEvaluation *ev = &g_array_index (report->runs, DmlMeasuredEvaluation, i);
      gpointer at = NULL;

      if (ev->group[0] != '\0' && !g_hash_table_lookup_extended (index, ev->group, NULL, &at))
        {
          Summary group = { ev->group };

          at = GUINT_TO_POINTER (out->len);
          g_hash_table_insert (index, (gpointer) ev->group, at);
          g_array_append_val (out, group);
        }
      if (!has_error (ev))
        continue;
      summary_add (&g_array_index (out, Summary, 0), ev);
      if (!ev->moe && ev->complete)
        summary_add (&g_array_index (out, Summary, 1), ev);
      if (ev->moe)
        summary_add (&g_array_index (out, Summary, 2), ev);
      if (ev->group[0] != '\0')
        summary_add (&g_array_index (out, Summary, GPOINTER_TO_UINT (at)), ev);
    }

  return out;
}

static void
append_number (GString *str,
               double   value)
{
  g_autofree char *text = NULL;

  if (!isfinite (value))
    return;
  text = dml_format_ascii (value);
  g_string_append (str, text);
}

static const char *
status_note (const DmlMeasuredEvaluation *ev)
{
  if (ev->status == DML_MEASURED_NO_FIT)
    return _("no layout fits in memory");
  return "";
}

static void
append_json_number (GString    *str,
                    const char *name,
                    double      value,
                    gboolean    last)
{
  g_string_append (str, "      ");
  dml_json_append_string (str, name);
  g_string_append (str, ": ");
  dml_json_append_double (str, value);
  g_string_append (str, last ? "\n" : ",\n");
}

/* JSON as dml_json_to_string() writes it, streamed: a tree of a large
 * report's nodes would take ten times its text. */
static void
append_json (GString            *str,
             const DmlMeasuredReport *report,
             GArray             *sums)
{
  const DmlRunOutput *parts[DML_RUN_MAX_PARTS];
  guint n_parts = step_parts (parts);

  g_string_append (str, "{\n  \"runs\": [");
  for (guint i = 0; i < report->runs->len; i++)
    {
      const DmlMeasuredEvaluation *ev = &g_array_index (report->runs, DmlMeasuredEvaluation, i);

      g_string_append (str, i > 0 ? ",\n    {\n" : "\n    {\n");
      g_string_append (str, "      \"id\": ");
      dml_json_append_string (str, ev->id);
      g_string_append (str, ",\n      \"group\": ");
      dml_json_append_string (str, ev->group);
      g_string_append (str, ",\n");
      if (ev->status != DML_MEASURED_EVALUATED)
        {
          g_string_append (str, "      \"note\": ");
          dml_json_append_string (str, status_note (ev));
          g_string_append (str, ",\n");
        }
      append_json_number (str, "predicted_mfu", ev->mfu, FALSE);
      append_json_number (str, "measured_mfu", ev->measured_mfu, FALSE);
      append_json_number (str, "error_points", ev->error_points, FALSE);
      append_json_number (str, "step_s", ev->step, FALSE);
      for (guint p = 0; p < n_parts; p++)
        append_json_number (str, parts[p]->id, ev->parts[p], p + 1 == n_parts);
      g_string_append (str, "    }");
    }
  g_string_append (str, report->runs->len > 0 ? "\n  ],\n" : "],\n");

  g_string_append (str, "  \"errors\": {");
  for (guint g = 0; g < sums->len; g++)
    {
      const Summary *summary = &g_array_index (sums, Summary, g);
      double mae, mape;

      summary_get (summary, &mae, &mape);
      g_string_append (str, g > 0 ? ",\n    " : "\n    ");
      dml_json_append_string (str, summary->label);
      g_string_append_printf (str, ": {\n      \"runs\": %u,\n", summary->n);
      append_json_number (str, "mae_points", mae, FALSE);
      append_json_number (str, "mape_percent", mape, TRUE);
      g_string_append (str, "    }");
    }
  g_string_append (str, "\n  }\n}\n");
}

/* The report in @format, text, csv or json: each row's predicted and
 * measured MFU and the step's parts, then the errors of each summary. */
char *
dml_measured_report_format (const DmlMeasuredReport *report,
                            const char         *format)
{
  g_autoptr(GArray) sums = summaries (report);
  GString *str = g_string_new (NULL);
  gboolean csv = g_str_equal (format, "csv");
  const DmlRunOutput *parts[DML_RUN_MAX_PARTS];
  guint n_parts = step_parts (parts);

  if (g_str_equal (format, "json"))
    {
      append_json (str, report, sums);
      return g_string_free (str, FALSE);
    }

  if (csv)
    {
      g_string_append (str, "id,predicted_mfu,measured_mfu,error_points,step_s");
      for (guint p = 0; p < n_parts; p++)
        g_string_append_printf (str, ",%s", parts[p]->id);
      g_string_append (str, ",note\n");
    }
  else
    g_string_append_printf (str, "%-8s %-26s %9s %9s %7s %10s\n", _("id"), _("group"), _("predicted"),
                            _("measured"), _("error"), _("step"));

  for (guint i = 0; i < report->runs->len; i++)
    {
      const DmlMeasuredEvaluation *ev = &g_array_index (report->runs, DmlMeasuredEvaluation, i);

      if (csv)
        {
          dml_csv_append_cell (str, ev->id);
          g_string_append_c (str, ',');
          append_number (str, ev->mfu);
          g_string_append_c (str, ',');
          append_number (str, ev->measured_mfu);
          g_string_append_c (str, ',');
          append_number (str, ev->error_points);
          g_string_append_c (str, ',');
          append_number (str, ev->step);
          for (guint p = 0; p < n_parts; p++)
            {
              g_string_append_c (str, ',');
              append_number (str, ev->parts[p]);
            }
          g_string_append_c (str, ',');
          dml_csv_append_cell (str, status_note (ev));
          g_string_append_c (str, '\n');
        }
      else if (ev->status != DML_MEASURED_EVALUATED)
        {
          g_string_append_printf (str, "%-8s %-26s %s", ev->id, ev->group, status_note (ev));
          if (ev->truncated)
            g_string_append_printf (str, _(" (among the first %d layouts)"), DML_RUN_MAX_EVALUATIONS);
          g_string_append_c (str, '\n');
        }
      else
        {
          g_autofree char *step = dml_format_quantity (ev->step, "s");

          g_string_append_printf (str, "%-8s %-26s %8.1f%% ", ev->id, ev->group, 100 * ev->mfu);
          if (isnan (ev->measured_mfu))
            g_string_append_printf (str, "%9s %7s ", "—", "—");
          else
            g_string_append_printf (str, "%8.1f%% %+7.1f ", 100 * ev->measured_mfu, ev->error_points);
          g_string_append_printf (str, "%10s\n", step);
        }
    }

  g_string_append (str, csv ? "# " : "\n");
  g_string_append_printf (str, _("Errors of predicted MFU: runs, mean absolute error (points), MAPE\n"));
  for (guint g = 0; g < sums->len; g++)
    {
      const Summary *summary = &g_array_index (sums, Summary, g);
      double mae, mape;

      if (summary->n == 0)
        continue;
      summary_get (summary, &mae, &mape);
      g_string_append (str, csv ? "# " : "  ");
      /* A group's name is data: in CSV a comment line holds it whole. */
      g_string_append_printf (str, "%-26s %4u %6.2f %6.1f%%\n", summary->label, summary->n, mae, mape);
    }

  return g_string_free (str, FALSE);
}
