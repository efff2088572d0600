/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-run-results"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dml-format.h"
#include "dml-run-output.h"
#include "dml-run-results.h"

/* A given run's result, in the run panel: a fits / does-not-fit badge,
 * the four figures people ask for first (MFU, step, days, memory) at a
 * size that reads, memory's parts under it, the step's parts, the other
 * figures and the best layout that fits. Everything but the badge and
 * the best layout comes from the run output table (dml-run-output.c),
 * so a figure added there shows here: a part of the step among the
 * parts, a figure in bytes among memory's parts, any other below. */
struct _DmlRunResults
{
  GtkBox     parent_instance;

  GtkLabel  *badge;
  GtkGrid   *grid;
  GtkLabel  *best;
  GtkLabel  *error;
  gboolean   fits;
};

G_DEFINE_FINAL_TYPE (DmlRunResults, dml_run_results, GTK_TYPE_BOX)

/* The headline figures, in this order, by their ids in the table. */
static const char * const headline_ids[] = { "mfu", "step_s", "days", "memory_per_gpu_bytes" };

static gboolean
is_headline (const DmlRunOutput *output)
{
  for (guint i = 0; i < G_N_ELEMENTS (headline_ids); i++)
    if (g_str_equal (output->id, headline_ids[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_memory_part (const DmlRunOutput *output)
{
  return g_str_equal (output->unit, "B") && !is_headline (output);
}

static const DmlRunOutput *
lookup_output (const char *id)
{
  const DmlRunOutput *outputs;
  guint n_outputs;

  outputs = dml_run_outputs (&n_outputs);
  for (guint i = 0; i < n_outputs; i++)
    if (g_str_equal (outputs[i].id, id))
      return &outputs[i];
  return NULL;
}

static GtkWidget *
cell (const char *text,
      const char *css_class,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
add_row (DmlRunResults *self,
         int           *row,
         const char    *name,
         const char    *value,
         const char    *share,
         const char    *css_class)
{
  GtkWidget *label = cell (name, css_class, 0);

  gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (self->grid, label, 0, *row, 1, 1);
  gtk_grid_attach (self->grid, cell (value, css_class, 1), 1, *row, 1, 1);
  if (share != NULL)
    gtk_grid_attach (self->grid, cell (share, "dim-label", 1), 2, *row, 1, 1);
  (*row)++;
}

static void
add_heading (DmlRunResults *self,
             int           *row,
             const char    *text)
{
  GtkWidget *label = cell (text, "heading", 0);

  gtk_widget_set_margin_top (label, 6);
  gtk_grid_attach (self->grid, label, 0, (*row)++, 3, 1);
}

static void
add_output (DmlRunResults      *self,
            int                *row,
            const DmlRunOutput *output,
            const DmlRunResult *result,
            double              whole,
            const char         *css_class)
{
  g_autofree char *value = dml_run_output_format (output, dml_run_output_get (output, result));
  g_autofree char *share = NULL;

  if (whole > 0)
    share = g_strdup_printf ("%.0f %%", 100 * dml_run_output_get (output, result) / whole);
  add_row (self, row, dml_run_output_label (output), value, share, css_class);
}

static void
clear_grid (DmlRunResults *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
}

static void
dml_run_results_class_init (DmlRunResultsClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "runresults");
}

static void
dml_run_results_init (DmlRunResults *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);

  self->badge = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_halign (GTK_WIDGET (self->badge), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), "run-badge");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->badge));

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_grid_set_row_spacing (self->grid, 2);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->grid));

  self->best = GTK_LABEL (cell (NULL, NULL, 0));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->best));

  self->error = GTK_LABEL (cell (NULL, "error", 0));
  gtk_widget_set_visible (GTK_WIDGET (self->error), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->error));
}

GtkWidget *
dml_run_results_new (void)
{
  return g_object_new (DML_TYPE_RUN_RESULTS, NULL);
}

/* Shows @given, on GPUs of @capacity bytes of memory. */
void
dml_run_results_show (DmlRunResults     *self,
                      const DmlGivenRun *given,
                      double             capacity)
{
  const DmlRunResult *result = &given->result;
  const DmlRunOutput *outputs;
  guint n_outputs;
  int row = 0;

  g_return_if_fail (DML_IS_RUN_RESULTS (self));

  self->fits = result->fits;
  gtk_label_set_text (self->badge, result->fits ? _("Fits in memory") : _("Does not fit in memory"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->badge), result->fits ? "not-fits" : "fits");
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), result->fits ? "fits" : "not-fits");
  gtk_widget_set_visible (GTK_WIDGET (self->badge), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->grid), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->error), FALSE);

  clear_grid (self);
  outputs = dml_run_outputs (&n_outputs);
  for (guint h = 0; h < G_N_ELEMENTS (headline_ids); h++)
    {
      const DmlRunOutput *output = lookup_output (headline_ids[h]);

      if (output == NULL)
        continue;
      add_output (self, &row, output, result, 0, "run-figure");
      if (g_str_equal (output->id, "memory_per_gpu_bytes"))
        {
          g_autofree char *of = dml_format_quantity (capacity, "B");
          g_autofree char *text = g_strdup_printf (_("of %s per GPU"), of);

          gtk_grid_attach (self->grid, cell (text, "dim-label", 1), 1, row++, 1, 1);
          for (guint i = 0; i < n_outputs; i++)
            if (is_memory_part (&outputs[i]))
              add_output (self, &row, &outputs[i], result, result->memory, NULL);
        }
    }

  add_heading (self, &row, _("Step time and its parts"));
  for (guint i = 0; i < n_outputs; i++)
    if (outputs[i].step_part)
      add_output (self, &row, &outputs[i], result, result->step, NULL);

  add_heading (self, &row, _("More figures"));
  for (guint i = 0; i < n_outputs; i++)
    if (!outputs[i].step_part && !is_headline (&outputs[i]) && !is_memory_part (&outputs[i]) &&
        outputs[i].kind != DML_OUTPUT_FLAG)
      add_output (self, &row, &outputs[i], result, 0, NULL);

  if (given->have_best)
    {
      g_autofree char *mfu = dml_format_percent (given->best_result.mfu);
      g_autofree char *text = NULL;

      /* TRANSLATORS: the best layout's tensor, pipeline and data degrees, micro-batch and its MFU */
      text = g_strdup_printf (_("Best layout that fits on these GPUs: tp %.0f × pp %.0f × dp %.0f, "
                                "micro-batch %.0f, MFU %s"),
                              given->best.tp, given->best.pp, given->best.dp, given->best.micro_batch_sequences, mfu);
      gtk_label_set_text (self->best, text);
    }
  else
    gtk_label_set_text (self->best, _("No layout that fits in memory was found on these GPUs."));
  gtk_widget_set_visible (GTK_WIDGET (self->best), TRUE);
}

/* The run could not be evaluated: @message says why. */
void
dml_run_results_show_error (DmlRunResults *self,
                            const char    *message)
{
  g_return_if_fail (DML_IS_RUN_RESULTS (self));

  gtk_widget_set_visible (GTK_WIDGET (self->badge), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->grid), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->best), FALSE);
  gtk_label_set_text (self->error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error), message != NULL && *message != '\0');
}

/* Whether the run last shown fits in memory: for tests. */
gboolean
dml_run_results_get_fits (DmlRunResults *self)
{
  g_return_val_if_fail (DML_IS_RUN_RESULTS (self), FALSE);
  return self->fits && gtk_widget_get_visible (GTK_WIDGET (self->badge));
}
