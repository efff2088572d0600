/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-run-panel"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-enum.h"
#include "dml-format.h"
#include "dml-model-preset.h"
#include "dml-run-panel.h"
#include "dml-run-results.h"

/* A given run in the sidebar (docs/calibration.md): its model and layout,
 * one control per DmlField. Text that does not parse, or a run whose
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
  GHashTable     *controls;  /* key → widget */
  GHashTable     *problems;  /* widget → why its text is not applied */
  gboolean        syncing;   /* controls follow the design: no edits */
  gboolean        applying;  /* the design's run is the controls': leave their text */
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

static void
mark_control (DmlRunPanel *self,
              GtkWidget   *control,
              const char  *problem)
{
  if (problem != NULL)
    {
      gtk_widget_add_css_class (control, "error");
      g_hash_table_insert (self->problems, control, g_strdup (problem));
    }
  else
    {
      gtk_widget_remove_css_class (control, "error");
      g_hash_table_remove (self->problems, control);
    }
  gtk_widget_set_tooltip_text (control, problem);
}

/* A number as the sidebar reads it (dml_parse_quantity()): "15.6e12",
 * "15.6T", "64k". The error says what is wrong, not where: the field
 * shows it, and the panel's note adds the label. */
static gboolean
parse_field (const DmlField  *field,
             const char         *text,
             DmlRun             *run,
             GError            **error)
{
  return dml_field_parse (field, text, TRUE, run, error);
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

/* Puts @run into the controls, without applying anything back. */
static void
show_run (DmlRunPanel  *self,
          const DmlRun *run)
{
  const DmlField *fields;
  guint n_fields;

  self->syncing = TRUE;
  fields = dml_run_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *control = g_hash_table_lookup (self->controls, fields[i].key);
      double value = dml_field_get (&fields[i], run);

      if (GTK_IS_CHECK_BUTTON (control))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (control), value != 0);
      else if (GTK_IS_DROP_DOWN (control))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (control), (guint) value);
      else
        {
          g_autofree char *text = dml_field_text (&fields[i], value);

          gtk_editable_set_text (GTK_EDITABLE (control), text);
        }
      mark_control (self, control, NULL);
    }
  g_hash_table_remove (self->problems, self->enabled);
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  show_model (self, run);
  self->syncing = FALSE;
}

/* Reads the controls into a run; FALSE, with the controls at fault
 * marked and @error set, when one does not parse or they do not fit
 * together. */
static gboolean
read_run (DmlRunPanel  *self,
          DmlRun       *run,
          GError      **error)
{
  const DmlField *fields;
  guint n_fields;
  gboolean ok = TRUE;

  dml_run_init (run);
  g_hash_table_remove (self->problems, self->enabled);
  fields = dml_run_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *control = g_hash_table_lookup (self->controls, fields[i].key);
      g_autoptr(GError) local = NULL;
      g_autofree char *text = NULL;

      if (GTK_IS_CHECK_BUTTON (control))
        text = g_strdup (gtk_check_button_get_active (GTK_CHECK_BUTTON (control)) ? "1" : "0");
      else if (GTK_IS_DROP_DOWN (control))
        text = g_strdup (dml_enum_nick (dml_field_choice_type (&fields[i]),
                                        gtk_drop_down_get_selected (GTK_DROP_DOWN (control))));
      else
        text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (control))));

      if (parse_field (&fields[i], text, run, &local))
        {
          mark_control (self, control, NULL);
          continue;
        }
      mark_control (self, control, local->message);
      if (ok)
        {
          g_autofree char *name = dml_field_name (&fields[i]);

          g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", name);
        }
      ok = FALSE;
    }

  if (!ok)
    return FALSE;
  if (!dml_run_validate (run, error))
    {
      /* The rule names the input at fault first, "tp: must divide …":
       * people read its label there. */
      g_autofree char *key = g_strndup ((*error)->message, strcspn ((*error)->message, ":"));
      GtkWidget *control = g_hash_table_lookup (self->controls, key);

      if (control != NULL)
        {
          g_autofree char *name = dml_field_name (dml_run_field_lookup (key));
          const char *why = (*error)->message + strlen (key) + 1;
          g_autofree char *message = NULL;

          while (g_ascii_isspace (*why))
            why++;
          mark_control (self, control, why);
          message = g_strdup_printf ("%s: %s", name, why);
          g_free ((*error)->message);
          (*error)->message = g_steal_pointer (&message);
        }
      else /* a rule without a control of its own: the whole run's */
        g_hash_table_insert (self->problems, self->enabled, g_strdup ((*error)->message));
      return FALSE;
    }
  return TRUE;
}

static void
apply (DmlRunPanel *self)
{
  g_autoptr(GError) error = NULL;
  DmlRun run;

  if (self->syncing || !gtk_check_button_get_active (self->enabled))
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

  /* From the fields as they read, or the run last applied where one
   * does not parse. */
  if (!read_run (self, &run, &error) && !dml_design_get_run (self->design, &run))
    example_run (&run);
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
  self->syncing = FALSE;
  if (has)
    show_run (self, &run);
}

static GtkWidget *
make_control (DmlRunPanel       *self,
              const DmlField *field)
{
  GtkWidget *control;

  switch (field->kind)
    {
    case DML_FIELD_BOOLEAN:
      control = gtk_check_button_new ();
      g_signal_connect_object (control, "notify::active", G_CALLBACK (apply_and_commit), self, G_CONNECT_SWAPPED);
      break;
    case DML_FIELD_CHOICE:
      {
        GType type = dml_field_choice_type (field);
        const char * const *labels = type == DML_TYPE_RECOMPUTE ? recompute_labels
                                     : type == DML_TYPE_SOFTWARE ? software_labels : precision_labels;
        g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

        for (guint i = 0; labels[i] != NULL; i++)
          gtk_string_list_append (list, g_dgettext (GETTEXT_PACKAGE, labels[i]));
        control = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
        g_signal_connect_object (control, "notify::selected", G_CALLBACK (apply_and_commit), self,
                                 G_CONNECT_SWAPPED);
      }
      break;
    case DML_FIELD_NUMBER:
    case DML_FIELD_COUNT:
    default:
      control = gtk_entry_new ();
      /* Ctrl+Z undoes the design, not the text: see DmlParamPanel. */
      gtk_editable_set_enable_undo (GTK_EDITABLE (control), FALSE);
      gtk_editable_set_width_chars (GTK_EDITABLE (control), 8);
      gtk_widget_add_css_class (control, "numeric");
      g_signal_connect_object (control, "changed", G_CALLBACK (apply), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (control, "activate", G_CALLBACK (emit_committed), self, G_CONNECT_SWAPPED);
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        g_signal_connect_object (focus, "leave", G_CALLBACK (emit_committed), self, G_CONNECT_SWAPPED);
        gtk_widget_add_controller (control, focus);
      }
      break;
    }

  gtk_widget_set_hexpand (control, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_dgettext (GETTEXT_PACKAGE, field->label), -1);
  g_hash_table_insert (self->controls, (gpointer) field->key, control);
  return control;
}

static void
dml_run_panel_dispose (GObject *object)
{
  DmlRunPanel *self = (DmlRunPanel *) object;

  g_clear_object (&self->design);
  g_clear_pointer (&self->controls, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_hash_table_unref);

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
  self->controls = g_hash_table_new (g_str_hash, g_str_equal);
  self->problems = g_hash_table_new_full (NULL, NULL, NULL, g_free);
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
      GtkWidget *label = gtk_label_new (g_dgettext (GETTEXT_PACKAGE, fields[i].label));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), make_control (self, &fields[i]), 1, row++, 1, 1);
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
  return g_hash_table_lookup (self->controls, key);
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

/* Appends to @invalid a DmlInvalidField for each control whose text is
 * not applied while the run is on, in the panel's order; TRUE if there
 * was one. */
gboolean
dml_run_panel_get_invalid (DmlRunPanel *self,
                           GArray      *invalid)
{
  const DmlField *fields;
  gboolean found = FALSE;
  guint n_fields;

  g_return_val_if_fail (DML_IS_RUN_PANEL (self), FALSE);
  g_return_val_if_fail (invalid != NULL, FALSE);

  if (!gtk_check_button_get_active (self->enabled))
    return FALSE;

  fields = dml_run_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *control = g_hash_table_lookup (self->controls, fields[i].key);
      const char *problem = g_hash_table_lookup (self->problems, control);
      g_autofree char *name = NULL;
      DmlInvalidField field = { control, NULL, problem };

      if (problem == NULL)
        continue;
      /* Interned: the array borrows its labels, and there are few. */
      name = dml_field_name (&fields[i]);
      field.label = g_intern_string (name);
      g_array_append_val (invalid, field);
      found = TRUE;
    }
  if (g_hash_table_contains (self->problems, self->enabled))
    {
      DmlInvalidField field = { GTK_WIDGET (self->enabled), _("A given run"),
                                g_hash_table_lookup (self->problems, self->enabled) };

      g_array_append_val (invalid, field);
      found = TRUE;
    }

  return found;
}
