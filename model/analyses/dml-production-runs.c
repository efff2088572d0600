/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-production-runs"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "dml-csv.h"
#include "dml-enum.h"
#include "dml-resources.h"
#include "dml-production-runs.h"

/* Real runs, to put beside the model's ideal curve: what production
 * training has reached, at what scale. */

static const char *generation_labels[] = { N_("V100 and older"), N_("A100"), N_("H100"), N_("TPU"), N_("Other") };

const char *
dml_generation_label (DmlGeneration generation)
{
  g_return_val_if_fail (generation < DML_N_GENERATIONS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, generation_labels[generation]);
}

static double
number_or_nan (const char *text)
{
  char *end;
  double value;

  if (text == NULL || text[0] == '\0')
    return NAN;
  value = g_ascii_strtod (text, &end);
  return *end == '\0' && isfinite (value) ? value : NAN;
}

static int
column (char      **header,
        const char *name)
{
  for (int i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i;

  g_error ("Shipped production runs have no column “%s”", name);
}

static char *
cell (char **row,
      int    index)
{
  return g_strdup (index < (int) g_strv_length (row) ? row[index] : "");
}

static gpointer
load_runs (gpointer data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GArray *runs = g_array_new (FALSE, TRUE, sizeof (DmlProductionRun));
  char **header;

  dml_resources_ensure ();
  bytes = g_resources_lookup_data (DML_RESOURCE_PATH "runs/production-runs.csv", 0, &error);
  if (bytes != NULL)
    rows = dml_csv_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  if (rows == NULL || rows->len == 0)
    g_error ("Shipped production runs do not load: %s", error ? error->message : "empty");

  header = rows->pdata[0];
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = rows->pdata[r];
      g_autofree char *generation = cell (row, column (header, "generation"));
      g_autofree char *flop = cell (row, column (header, "flop"));
      g_autofree char *gpus = cell (row, column (header, "gpus"));
      g_autofree char *mfu = cell (row, column (header, "mfu"));
      DmlProductionRun run = {
        .id = cell (row, column (header, "id")),
        .model = cell (row, column (header, "model")),
        .organization = cell (row, column (header, "organization")),
        .date = cell (row, column (header, "date")),
        .hardware = cell (row, column (header, "hardware")),
        .precision = cell (row, column (header, "precision")),
        .confidence = cell (row, column (header, "confidence")),
        .note = cell (row, column (header, "note")),
        .source = cell (row, column (header, "source")),
        .generation = DML_GENERATION_OTHER,
        .flop = number_or_nan (flop),
        .gpus = number_or_nan (gpus),
        .mfu = number_or_nan (mfu),
      };

      {
        int value;

        if (dml_enum_from_nick (DML_TYPE_GENERATION, generation, FALSE, &value))
          run.generation = value;
      }
      g_array_append_val (runs, run);
    }

  return runs;
}

/* The shipped production runs, loaded once, for the life of the process. */
const DmlProductionRun *
dml_production_runs (guint *n_runs)
{
  static GOnce once = G_ONCE_INIT;
  GArray *runs = g_once (&once, load_runs, NULL);

  *n_runs = runs->len;
  return (const DmlProductionRun *) runs->data;
}
