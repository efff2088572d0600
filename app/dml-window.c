/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dml-engine.h"
#include "dml-error-dialog.h"
#include "dml-format.h"
#include "dml-param-panel.h"
#include "dml-report.h"
#include "dml-measured-runs.h"
#include "dml-run-panel.h"
#include "dml-sensitivity.h"
#include "dml-settings.h"
#include "dml-tornado.h"
#include "dml-uncertainty.h"
#include "dml-window-private.h"

/* The window: its panels, bound to the document's design, the chart
 * and the views. Actions on files, exports, undo and redo are in
 * dml-window-actions.c; the background work in dml-window-compute.c;
 * the summary strip and the pinned point's details in
 * dml-window-summary.c; the design, its file and its undo stack in
 * DmlDocument. */

G_DEFINE_FINAL_TYPE (DmlWindow, dml_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The document's title, marked "• " while it has unsaved edits. */
static void
update_title (DmlWindow *self)
{
  const char *title = dml_document_get_title (self->document);
  g_autofree char *marked = NULL;

  if (dml_document_get_dirty (self->document))
    title = marked = g_strdup_printf ("• %s", title);

  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_undo (DmlWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", dml_document_get_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", dml_document_get_can_redo (self->document));
}

void
_dml_window_show_problem (DmlWindow  *self,
                          const char *problem)
{
  gtk_label_set_text (self->problem, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), problem != NULL);
}

static gboolean
hide_status_cb (gpointer user_data)
{
  DmlWindow *self = user_data;

  self->status_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
  return G_SOURCE_REMOVE;
}

/* A word that something happened which shows nowhere else (a copy to
 * the clipboard), for a few seconds. */
void
_dml_window_flash_status (DmlWindow  *self,
                          const char *text)
{
  gtk_label_set_text (self->status, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status), TRUE);
  g_clear_handle_id (&self->status_id, g_source_remove);
  self->status_id = g_timeout_add_seconds (4, hide_status_cb, self);
}

gboolean
_dml_window_options_shown (DmlWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->plots), "options") == 0;
}

gboolean
_dml_window_sensitivity_shown (DmlWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->plots), "sensitivity") == 0;
}

/* The design's given run, on its hardware with the efficiencies real
 * runs reach (docs/calibration.md): in the Run panel, and marked on the
 * utilization chart at its training compute and MFU. */
/* What hovering the given run's mark says: its figures, whether it fits
 * and its layout, so that the mark is not read as a sweep point. */
static char *
run_tooltip_markup (const DmlGivenRun *given,
                    double             capacity)
{
  const DmlRunResult *result = &given->result;
  g_autofree char *flop = dml_format_flop (result->training_flop);
  g_autofree char *params = dml_format_power_of_ten (result->parameters, 3);
  g_autofree char *mfu = dml_format_percent (result->mfu);
  g_autofree char *step = dml_format_quantity (result->step, "s");
  g_autofree char *memory = dml_format_quantity (result->memory, "B");
  g_autofree char *of = dml_format_quantity (capacity, "B");
  g_autofree char *layout = dml_report_run_layout (&given->run);
  GString *str = g_string_new (NULL);
  char *escaped;

  /* TRANSLATORS: the given run's tooltip title, its training compute and parameters */
  escaped = g_markup_printf_escaped (_("<b>This run</b>: %s, %s parameters\n"), flop, params);
  g_string_append (str, escaped);
  g_free (escaped);
  escaped = g_markup_printf_escaped (_("MFU %s, step %s, %.1f days\n"), mfu, step, result->days);
  g_string_append (str, escaped);
  g_free (escaped);
  escaped = g_markup_printf_escaped (result->fits ? _("Memory per GPU %s of %s: fits\n")
                                                  : _("Memory per GPU %s of %s: <b>does not fit</b>\n"),
                                     memory, of);
  g_string_append (str, escaped);
  g_free (escaped);
  escaped = g_markup_printf_escaped (_("%.0f GPUs: %s"), given->run.gpus, layout);
  g_string_append (str, escaped);
  g_free (escaped);

  return g_string_free (str, FALSE);
}

static void
update_run (DmlWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *mfu = NULL;
  g_autofree char *tooltip = NULL;
  DmlGivenRun given;
  DmlParams hw;

  if (!dml_design_evaluate_run (self->design, TRUE, &given, &error))
    {
      dml_chart_set_given_run (self->chart, 0, 0, NULL);
      dml_chart_set_given_run_tooltip (self->chart, NULL);
      dml_run_panel_show_error (DML_RUN_PANEL (self->run_panel), error != NULL ? error->message : "");
      return;
    }
  dml_design_get_params (self->design, &hw);
  dml_run_panel_show_result (DML_RUN_PANEL (self->run_panel), &given, hw.hbm_capacity);

  mfu = dml_format_percent (given.result.mfu);
  /* TRANSLATORS: the label of a given run on the chart, with its MFU */
  label = g_strdup_printf (_("This run: %s"), mfu);
  dml_chart_set_given_run (self->chart, given.result.training_flop, given.result.mfu, label);
  tooltip = run_tooltip_markup (&given, hw.hbm_capacity);
  dml_chart_set_given_run_tooltip (self->chart, tooltip);
  dml_chart_set_given_run_fits (self->chart, given.result.fits);
}

static void
design_notify_cb (DmlWindow  *self,
                  GParamSpec *pspec,
                  DmlDesign  *design)
{
  update_run (self);

  if (!g_str_equal (pspec->name, "name") && !g_str_equal (pspec->name, "notes") &&
      !g_str_equal (pspec->name, "preset"))
    _dml_window_schedule_recompute (self);
}

/* A panel's edit is done: one step for undo. */
static void
committed_cb (DmlWindow *self)
{
  /* Focus leaves the fields as the window goes too. */
  if (self->document != NULL)
    dml_document_commit (self->document);
}


/* The view shown: one of the chart's views, or "sensitivity". The
 * win.view action is this property, so the switcher's buttons follow it. */
static void
set_view (DmlWindow  *self,
          const char *name)
{
  int view = -1;

  if (g_strcmp0 (self->view, name) == 0)
    return;

  for (int v = 0; v < DML_N_CHART_VIEWS; v++)
    if (g_strcmp0 (name, dml_chart_view_id (v)) == 0)
      view = v;
  if (view < 0 && g_strcmp0 (name, "sensitivity") != 0 && g_strcmp0 (name, "options") != 0)
    {
      g_warning ("No view “%s”", name);
      return;
    }

  g_free (self->view);
  self->view = g_strdup (name);

  gtk_stack_set_visible_child_name (self->plots, view >= 0 ? "chart" : name);
  /* The summary strip is the sweep's; Options has its own table. */
  gtk_widget_set_visible (GTK_WIDGET (self->summary), g_strcmp0 (name, "options") != 0);
  /* Only the utilization view draws the 80% mark. */
  gtk_widget_set_visible (self->show_menu, view == DML_CHART_UTILIZATION);
  if (view < 0 && g_str_equal (name, "options"))
    ;  /* The view computes on its own once shown. */
  else if (view < 0)
    {
      if (self->sensitivity_stale || dml_tornado_get_sensitivity (self->tornado) == NULL)
        _dml_window_recompute_sensitivity (self);
    }
  else
    {
      dml_chart_set_view (self->chart, view);
      if (dml_chart_get_sweep (self->chart) != NULL)
        _dml_window_update_summary (self, dml_chart_get_sweep (self->chart));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
rank_by_cb (DmlWindow  *self,
            GParamSpec *pspec,
            GtkDropDown *dropdown)
{
  dml_tornado_set_rank_by (self->tornado, gtk_drop_down_get_selected (dropdown));
}

/* A lever clicked: the design with that change, as a new unsaved design
 * in its own window, to save or compare. */
static void
lever_activated_cb (DmlWindow  *self,
                    int         lever,
                    DmlTornado *tornado)
{
  const DmlSensitivity *sensitivity = dml_tornado_get_sensitivity (tornado);
  g_autoptr(DmlDesign) copy = dml_design_copy (self->design);
  g_autofree char *change = NULL;
  g_autofree char *name = NULL;
  DmlWindow *window;
  DmlParams params;

  dml_design_get_params (copy, &params);
  change = dml_lever_apply (lever, sensitivity ? sensitivity->factor : 2, &params);
  dml_design_set_params (copy, &params);
  name = g_strdup_printf ("%s + %s %s", dml_design_get_name (self->design), dml_lever_label (lever), change);
  dml_design_set_name (copy, name);

  window = dml_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  _dml_window_take_design (window, copy);
  gtk_window_present (GTK_WINDOW (window));
}

static void
pinned_cb (DmlWindow  *self,
           GParamSpec *pspec,
           DmlChart   *chart)
{
  _dml_window_update_details (self);
}

static void
dml_window_dispose (GObject *object)
{
  DmlWindow *self = (DmlWindow *) object;

  _dml_window_dispose_compute (self);
  g_clear_handle_id (&self->status_id, g_source_remove);
  if (self->design != NULL)
    g_signal_handlers_disconnect_by_data (self->design, self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), DML_TYPE_WINDOW);

  g_clear_object (&self->design);
  g_clear_object (&self->document);
  g_clear_object (&self->pending_open);

  G_OBJECT_CLASS (dml_window_parent_class)->dispose (object);
}

static void
dml_window_finalize (GObject *object)
{
  DmlWindow *self = (DmlWindow *) object;

  g_clear_pointer (&self->view, g_free);

  G_OBJECT_CLASS (dml_window_parent_class)->finalize (object);
}

static void
dml_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DmlWindow *self = DML_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dml_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DmlWindow *self = DML_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      set_view (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dml_window_class_init (DmlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dml_window_dispose;
  object_class->finalize = dml_window_finalize;
  object_class->get_property = dml_window_get_property;
  object_class->set_property = dml_window_set_property;

  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* The view switcher's buttons are this action's targets. */
  gtk_widget_class_install_property_action (widget_class, "win.view", "view");

  g_type_ensure (DML_TYPE_CHART);
  g_type_ensure (DML_TYPE_TORNADO);
  g_type_ensure (DML_TYPE_OPTIONS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dmlimits/DmLimits/dml-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, examples_menu);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, view_utilization);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, show_80);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, show_runs);
  _dml_window_class_init_compute (widget_class);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, show_menu);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, problem);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, chart);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, summary);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, details_revealer);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, details);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, plots);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, status);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, parts);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, tornado);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, rank_by);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, factor);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, sensitivity_at);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, options_view);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, view_switcher);

  _dml_window_class_init_actions (widget_class);
}

/* The design's name, editable: it heads the title, exports, the Compare
 * legend and the saved file. */
static GtkWidget *
name_row (DmlWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Name"));

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  self->name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->name_entry), "name");
  gtk_entry_set_max_length (self->name_entry, DML_DESIGN_MAX_NAME);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_entry),
                               _("Follows your edits until you type a name of your own"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->name_entry));
  g_object_bind_property (self->design, "name", self->name_entry, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* Ctrl+Z undoes the design, names included, not the text. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->name_entry), FALSE);
  g_signal_connect_object (self->name_entry, "activate", G_CALLBACK (committed_cb), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_object (focus, "leave", G_CALLBACK (committed_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->name_entry), focus);
  }
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->name_entry));

  return box;
}

static void
dml_window_init (DmlWindow *self)
{
  /* The win.view action reads the property while the template builds. */
  self->view = g_strdup ("");
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The shipped designs, named in the user's language: known at run time. */
  {
    g_auto(GStrv) ids = dml_design_list_shipped ();

    for (guint i = 0; ids[i] != NULL; i++)
      {
        g_autoptr(DmlDesign) design = dml_design_new_shipped (ids[i], NULL);
        g_autofree char *action = g_strdup_printf ("win.open-example::%s", ids[i]);

        g_menu_append (self->examples_menu, design ? dml_design_get_name (design) : ids[i], action);
      }
  }

  if (dml_settings_get () != NULL)
    {
      GSettings *settings = dml_settings_get ();

      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  self->document = dml_document_new ();
  self->design = g_object_ref (dml_document_get_design (self->document));
  g_signal_connect_object (self->document, "notify::title", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::dirty", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::can-undo", G_CALLBACK (update_undo), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::can-redo", G_CALLBACK (update_undo), self, G_CONNECT_SWAPPED);

  _dml_window_init_actions (self);
  update_undo (self);

  gtk_box_append (self->sidebar, name_row (self));
  for (DmlGroup group = 0; group < DML_N_GROUPS; group++)
    {
      self->panels[group] = dml_param_panel_new (self->design, group);
      g_signal_connect_object (self->panels[group], "committed", G_CALLBACK (committed_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->sidebar, self->panels[group]);
    }
  self->run_panel = dml_run_panel_new (self->design);
  g_signal_connect_object (self->run_panel, "committed", G_CALLBACK (committed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->sidebar, self->run_panel);

  {
    g_autoptr(GtkStringList) figures = gtk_string_list_new (NULL);

    for (DmlFigure f = 0; f < DML_N_FIGURES; f++)
      gtk_string_list_append (figures, dml_figure_label (f));
    gtk_string_list_append (figures, _("Utilization at the chosen compute"));
    gtk_drop_down_set_model (self->rank_by, G_LIST_MODEL (figures));
    gtk_drop_down_set_selected (self->rank_by, DML_FIGURE_WALL);
  }
  g_signal_connect_object (self->rank_by, "notify::selected", G_CALLBACK (rank_by_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tornado, "lever-activated", G_CALLBACK (lever_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->factor, "changed", G_CALLBACK (_dml_window_recompute_sensitivity), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sensitivity_at, "changed", G_CALLBACK (_dml_window_recompute_sensitivity), self, G_CONNECT_SWAPPED);

  /* Eight views and the Show menu share one row: a little less padding
   * than a button's keeps the window's smallest width within 1024 px. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_data (css, "button { padding-left: 7px; padding-right: 7px; }", -1);
    for (GtkWidget *b = gtk_widget_get_first_child (self->view_switcher); b; b = gtk_widget_get_next_sibling (b))
      gtk_style_context_add_provider (gtk_widget_get_style_context (b), GTK_STYLE_PROVIDER (css),
                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  set_view (self, "utilization");
  /* Focus starts on the views, not in the Name field, where the first
   * key pressed would replace the name. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->view_utilization));
  _dml_window_build_summary (self);

  g_object_bind_property (self->show_80, "active", self->chart, "show-max-at-80", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->show_runs, "active", self->chart, "show-runs", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->chart, "notify::pinned", G_CALLBACK (pinned_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->design, "notify", G_CALLBACK (design_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->design, "run-changed", G_CALLBACK (update_run), self, G_CONNECT_SWAPPED);

  _dml_window_init_compute (self);
  update_title (self);
  _dml_window_schedule_recompute (self);
}

DmlWindow *
dml_window_new (GtkApplication *application)
{
  return g_object_new (DML_TYPE_WINDOW, "application", application, NULL);
}

/* A new, unsaved design in this window. */
void
_dml_window_take_design (DmlWindow *self,
                         DmlDesign *design)
{
  dml_document_take_design (self->document, design);
  _dml_window_schedule_recompute (self);
}

/* Loads @file into this window's design. On failure the design stays as
 * it was and @error names the field at fault. */
gboolean
dml_window_open_file (DmlWindow  *self,
                      GFile      *file,
                      GError    **error)
{
  const char * const *warnings;

  g_return_val_if_fail (DML_IS_WINDOW (self), FALSE);

  if (!dml_document_load (self->document, file, error))
    return FALSE;

  _dml_window_add_recent (file);
  _dml_window_schedule_recompute (self);

  /* Keys it does not know: said once, now, since their values are not
   * the ones in use. */
  warnings = dml_document_get_warnings (self->document);
  if (warnings[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv ("\n", (char **) warnings);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *primary = g_strdup_printf (_("“%s” has keys dmlimits does not know"), name);
      g_autofree char *secondary = g_strdup_printf (_("%s\n\nTheir values are not used. Check the spelling, "
                                                      "or save to write the file without them."), joined);

      dml_show_message (GTK_WINDOW (self), GTK_MESSAGE_WARNING, primary, secondary);
    }

  return TRUE;
}

DmlDocument *
_dml_window_get_document (DmlWindow *self)
{
  return self->document;
}

DmlDesign *
_dml_window_get_design (DmlWindow *self)
{
  return self->design;
}

DmlChart *
_dml_window_get_chart (DmlWindow *self)
{
  return self->chart;
}

DmlRunPanel *
_dml_window_get_run_panel (DmlWindow *self)
{
  return DML_RUN_PANEL (self->run_panel);
}

GtkWidget *
_dml_window_get_control (DmlWindow  *self,
                         const char *property)
{
  if (g_str_equal (property, "name"))
    return GTK_WIDGET (self->name_entry);

  for (guint i = 0; i < DML_N_GROUPS; i++)
    {
      GtkWidget *control = dml_param_panel_get_control (DML_PARAM_PANEL (self->panels[i]), property);

      if (control != NULL)
        return control;
    }

  return NULL;
}

guint
_dml_window_get_n_results (DmlWindow *self)
{
  return self->n_results;
}

DmlTornado *
_dml_window_get_tornado (DmlWindow *self)
{
  return self->tornado;
}

void
_dml_window_show_sensitivity (DmlWindow *self)
{
  set_view (self, "sensitivity");
}

DmlOptionsView *
_dml_window_show_options (DmlWindow *self)
{
  set_view (self, "options");
  return self->options_view;
}
