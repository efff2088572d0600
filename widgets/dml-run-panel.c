/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-run-panel"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-enum.h"
#include "dml-error.h"
#include "dml-field-row.h"
#include "dml-model-preset.h"
#include "dml-run-panel.h"
#include "dml-run-results.h"

/* A given run in the sidebar (docs/calibration.md): its model and layout,
 * one DmlFieldRow per field of dml_run_fields (), which reads text as
 * the parameter panels do. Text that does not parse, or a run whose
 * inputs do not fit together, is marked and not applied: the design keeps
 * the last run that was valid, and the note under the panel says so.
 * "committed" says an edit is done, as DmlParamPanel's does. */
struct _DmlRunPanel
{
  GtkBox          parent_instance;

  DmlDesign      *design;
  GtkCheckButton *enabled;
  GtkWidget      *inputs;
  GtkDropDown    *model;     /* "Custom", then the model presets */
  GtkLabel       *message;
  DmlRunResults  *results;
  GPtrArray      *rows;      /* DmlFieldRow, in dml_run_fields ()'s order */
  char           *problem;   /* a rule of the whole run it breaks, with no field of its own */
  gboolean        syncing;   /* the check box and the model follow the design: no edits */
  gboolean        applying;  /* the design's run is the rows': leave their text */
};

G_DEFINE_FINAL_TYPE (DmlRunPanel, dml_run_panel, GTK_TYPE_BOX)

enum {
  COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* GPT-3 175B on 1024 GPUs, laid out as Megatron-LM would: what a new
 * run starts from. */
static void
example_run (DmlRun *run)
{
  dml_run_init (run);
  run->layers = 96;
  run->d_model = 12288;
  run->heads = 96;
  run->vocabulary = 51200;
  run->sequence_length = 2048;
  run->global_batch_sequences = 1536;
  run->gpus = 1024;
  run->tp = 8;
  run->pp = 8;
  run->virtual_stages = 3;
  run->recompute = DML_RECOMPUTE_SELECTIVE;
  run->sequence_parallel = TRUE;
  run->distributed_optimizer = TRUE;
}

static const char * const recompute_labels[] = { N_("None"), N_("Selective"), N_("Full"), NULL };
static const char * const precision_labels[] = { "BF16", "FP16", "FP8", NULL };
/* In DmlSoftware's order; product names, not translated. */
static const char * const software_labels[] = { "Megatron-LM", "Megatron-Core", "DeepSpeed", "DualPipe (HAI-LLM)",
                                                 "MegaScale", NULL };

static DmlFieldRow *
row_for_key (DmlRunPanel *self,
             const char  *key)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_str_equal (dml_field_row_get_field (self->rows->pdata[i])->key, key))
      return self->rows->pdata[i];
  return NULL;
}

/* The model drop-down names the preset whose model @run has, if any,
 * and its tooltip where that preset's numbers are from. */
static void
show_model (DmlRunPanel  *self,
            const DmlRun *run)
{
  const DmlModelPreset * const *presets;
  guint n_presets, selected = 0;
  gboolean was_syncing = self->syncing;

  presets = dml_model_presets (&n_presets);
  for (guint i = 0; i < n_presets && selected == 0; i++)
    if (dml_model_preset_matches (presets[i], run))
      selected = i + 1;

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->model, selected);
  self->syncing = was_syncing;
  if (selected > 0)
    {
      g_autofree char *tooltip = g_strdup_printf (_("%s\nSource: %s"), presets[selected - 1]->notes,
                                                  presets[selected - 1]->source);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->model), tooltip);
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->model),
                                 _("Fill the model’s fields from a published model’s configuration"));
}

/* Puts @run into the rows, without applying anything back. */
static void
show_run (DmlRunPanel  *self,
          const DmlRun *run)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      DmlFieldRow *row = self->rows->pdata[i];

      dml_field_row_set_value (row, dml_field_get (dml_field_row_get_field (row), run));
    }
  g_clear_pointer (&self->problem, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  show_model (self, run);
}

/* The rows' values as a run; FALSE, with @error set, when a row's text
 * is not applied or the run breaks a rule between its fields, which
 * marks the field it names first. */
static gboolean
read_run (DmlRunPanel  *self,
          DmlRun       *run,
          GError      **error)
{
  g_autoptr(GError) local = NULL;
  const char *key_end;

  dml_run_init (run);
  g_clear_pointer (&self->problem, g_free);
  for (guint i = 0; i < self->rows->len; i++)
    {
      DmlFieldRow *row = self->rows->pdata[i];

      dml_field_row_set_rule (row, NULL);
      dml_field_set (dml_field_row_get_field (row), run, dml_field_row_get_value (row));
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      DmlFieldRow *row = self->rows->pdata[i];
      const char *problem = dml_field_row_get_problem (row);

      if (problem != NULL)
        {
          g_autofree char *name = dml_field_name (dml_field_row_get_field (row));

          g_set_error (error, DML_ERROR, DML_ERROR_INVALID, "%s: %s", name, problem);
          return FALSE;
        }
    }

  if (dml_run_validate (run, &local))
    return TRUE;

  /* The rule names the input at fault first, "tp: must divide …": people
   * read its label there. */
  key_end = local->message + strcspn (local->message, ":");
  {
    g_autofree char *key = g_strndup (local->message, key_end - local->message);
    DmlFieldRow *row = row_for_key (self, key);

    if (row != NULL && *key_end == ':')
      {
        g_autofree char *name = dml_field_name (dml_field_row_get_field (row));
        const char *why = key_end + 1;

        while (g_ascii_isspace (*why))
          why++;
        dml_field_row_set_rule (row, why);
        g_set_error (error, DML_ERROR, DML_ERROR_INVALID, "%s: %s", name, why);
      }
    else /* a rule without a field of its own: the whole run's */
      {
        self->problem = g_strdup (local->message);
        g_propagate_error (error, g_steal_pointer (&local));
      }
  }
  return FALSE;
}

static void
apply (DmlRunPanel *self)
{
  g_autoptr(GError) error = NULL;
  DmlRun run;

  if (!gtk_check_button_get_active (self->enabled))
    return;

  if (!read_run (self, &run, &error))
    {
      g_autofree char *text = g_strdup_printf (_("%s\nNot applied: the chart shows the last valid run."),
                                               error->message);

      gtk_label_set_text (self->message, text);
      gtk_widget_set_visible (GTK_WIDGET (self->message), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  /* The text stays as typed: "15.6e1" on its way to "15.6e12" must not
   * become "156" under the cursor. */
  self->applying = TRUE;
  dml_design_set_run (self->design, &run);
  self->applying = FALSE;
  show_model (self, &run);
}

static void
emit_committed (DmlRunPanel *self)
{
  if (!self->syncing)
    g_signal_emit (self, signals[COMMITTED], 0);
}

/* A check box or a drop-down: applied and done at once. */
static void
apply_and_commit (DmlRunPanel *self)
{
  apply (self);
  emit_committed (self);
}

/* A model preset chosen: its model into the fields, the layout kept,
 * applied as one edit (one step for undo). */
static void
model_selected_cb (DmlRunPanel *self)
{
  const DmlModelPreset * const *presets;
  g_autoptr(GError) error = NULL;
  guint n_presets, selected = gtk_drop_down_get_selected (self->model);
  DmlRun run;

  if (self->syncing || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;
  presets = dml_model_presets (&n_presets);
  g_return_if_fail (selected <= n_presets);

  /* From the fields as they read (a field whose text is not applied
   * gives its committed value). */
  read_run (self, &run, NULL);
  dml_model_preset_apply (presets[selected - 1], &run);
  show_run (self, &run);
  apply_and_commit (self);
}

static void
enabled_cb (DmlRunPanel *self)
{
  gboolean on = gtk_check_button_get_active (self->enabled);

  gtk_widget_set_visible (self->inputs, on);
  if (self->syncing)
    return;
  if (!on)
    dml_design_set_run (self->design, NULL);
  else
    apply (self);
  emit_committed (self);
}

/* The design's run changed from elsewhere: a file, undo. */
static void
run_changed_cb (DmlRunPanel *self)
{
  DmlRun run;
  gboolean has = dml_design_get_run (self->design, &run);

  if (self->applying)
    return;
  self->syncing = TRUE;
  gtk_check_button_set_active (self->enabled, has);
  gtk_widget_set_visible (self->inputs, has);
  self->syncing = FALSE;
  if (has)
    show_run (self, &run);
}

static GtkWidget *
make_control (DmlRunPanel    *self,
              const DmlField *field)
{
  GType choice = dml_field_choice_type (field);
  const char * const *labels = choice == DML_TYPE_RECOMPUTE ? recompute_labels
                               : choice == DML_TYPE_SOFTWARE ? software_labels
                               : choice == DML_TYPE_PRECISION ? precision_labels : NULL;
  g_autoptr(DmlFieldRow) row = dml_field_row_new (field, labels);

  g_ptr_array_add (self->rows, g_object_ref (row));
  g_signal_connect_object (row, "notify::value", G_CALLBACK (apply), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "committed", G_CALLBACK (emit_committed), self, G_CONNECT_SWAPPED);
  return dml_field_row_get_control (row);
}

static void
dml_run_panel_dispose (GObject *object)
{
  DmlRunPanel *self = (DmlRunPanel *) object;

  g_clear_object (&self->design);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (dml_run_panel_parent_class)->dispose (object);
}

static void
dml_run_panel_class_init (DmlRunPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dml_run_panel_dispose;

  signals[COMMITTED] = g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dml_run_panel_init (DmlRunPanel *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
}

GtkWidget *
dml_run_panel_new (DmlDesign *design)
{
  DmlRunPanel *self;
  GtkWidget *title, *grid, *expander, *body;
  const DmlField *fields;
  guint n_fields;
  int row = 0;

  g_return_val_if_fail (DML_IS_DESIGN (design), NULL);

  self = g_object_new (DML_TYPE_RUN_PANEL, NULL);
  self->design = g_object_ref (design);

  /* Folds away as the parameter panels do (DmlParamPanel). */
  title = gtk_label_new (_("A given run"));
  gtk_widget_add_css_class (title, "heading");
  expander = gtk_expander_new (NULL);
  gtk_expander_set_label_widget (GTK_EXPANDER (expander), title);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  gtk_box_append (GTK_BOX (self), expander);
  body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self), body);
  g_object_bind_property (expander, "expanded", body, "visible", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  self->enabled = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Evaluate this model and layout")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->enabled),
                               _("Step time, MFU and memory of a given model on a given layout, with the efficiencies "
                                 "real runs reach, marked on the utilization chart"));
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->enabled));

  self->inputs = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_visible (self->inputs, FALSE);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  {
    g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
    const DmlModelPreset * const *presets;
    guint n_presets;
    GtkWidget *label = gtk_label_new_with_mnemonic (_("_Model"));

    gtk_string_list_append (names, _("Custom"));
    presets = dml_model_presets (&n_presets);
    for (guint i = 0; i < n_presets; i++)
      gtk_string_list_append (names, presets[i]->name);
    self->model = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
    gtk_widget_set_hexpand (GTK_WIDGET (self->model), TRUE);
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->model));
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
    gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->model), 1, row++, 1, 1);
  }
  fields = dml_run_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *control = make_control (self, &fields[i]);
      GtkWidget *label = dml_field_row_get_label (self->rows->pdata[self->rows->len - 1]);

      if (label == NULL)
        {
          /* A flag: its check box holds its label, across both columns. */
          gtk_grid_attach (GTK_GRID (grid), control, 0, row++, 2, 1);
          continue;
        }
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), control, 1, row++, 1, 1);
    }
  gtk_box_append (GTK_BOX (self->inputs), grid);

  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (self->inputs), GTK_WIDGET (self->message));

  self->results = DML_RUN_RESULTS (dml_run_results_new ());
  gtk_box_append (GTK_BOX (self->inputs), GTK_WIDGET (self->results));
  gtk_box_append (GTK_BOX (body), self->inputs);

  {
    DmlRun run;

    if (!dml_design_get_run (design, &run))
      example_run (&run);
    show_run (self, &run);
    self->syncing = TRUE;
    gtk_check_button_set_active (self->enabled, dml_design_get_run (design, NULL));
    gtk_widget_set_visible (self->inputs, dml_design_get_run (design, NULL));
    self->syncing = FALSE;
  }
  g_signal_connect_object (self->enabled, "notify::active", G_CALLBACK (enabled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::selected", G_CALLBACK (model_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (design, "run-changed", G_CALLBACK (run_changed_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/* The control of the run field @key, or "enabled" or "model": for tests. */
GtkWidget *
dml_run_panel_get_control (DmlRunPanel *self,
                           const char  *key)
{
  g_return_val_if_fail (DML_IS_RUN_PANEL (self), NULL);
  if (g_str_equal (key, "enabled"))
    return GTK_WIDGET (self->enabled);
  if (g_str_equal (key, "model"))
    return GTK_WIDGET (self->model);
  return row_for_key (self, key) != NULL ? dml_field_row_get_control (row_for_key (self, key)) : NULL;
}

/* Shows the design's run as evaluated, on GPUs of @capacity bytes. */
void
dml_run_panel_show_result (DmlRunPanel       *self,
                           const DmlGivenRun *given,
                           double             capacity)
{
  g_return_if_fail (DML_IS_RUN_PANEL (self));
  g_return_if_fail (given != NULL);
  dml_run_results_show (self->results, given, capacity);
}

/* The design's run could not be evaluated: @message says why. */
void
dml_run_panel_show_error (DmlRunPanel *self,
                          const char  *message)
{
  g_return_if_fail (DML_IS_RUN_PANEL (self));
  dml_run_results_show_error (self->results, message);
}

/* Whether the result shown fits in memory: for tests. */
gboolean
dml_run_panel_get_fits (DmlRunPanel *self)
{
  g_return_val_if_fail (DML_IS_RUN_PANEL (self), FALSE);
  return dml_run_results_get_fits (self->results);
}

/* Appends to @invalid a DmlInvalidField for each field whose text is not
 * applied while the run is on (dml_field_rows_get_invalid ()), in the
 * panel's order, then a rule of the whole run it breaks; TRUE if there
 * was one. */
gboolean
dml_run_panel_get_invalid (DmlRunPanel *self,
                           GArray      *invalid)
{
  gboolean found;

  g_return_val_if_fail (DML_IS_RUN_PANEL (self), FALSE);
  g_return_val_if_fail (invalid != NULL, FALSE);

  if (!gtk_check_button_get_active (self->enabled))
    return FALSE;

  found = dml_field_rows_get_invalid (self->rows, invalid);
  if (self->problem != NULL)
    {
      DmlInvalidField field = { GTK_WIDGET (self->enabled), _("A given run"), self->problem };

      g_array_append_val (invalid, field);
      found = TRUE;
    }

  return found;
}
