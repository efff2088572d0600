/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-options-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "dml-chart.h"
#include "dml-format.h"
#include "dml-job.h"
#include "dml-options-view.h"

/* The Options view (docs/options.md): for a target run, every offering
 * ranked by cost, a chart of cost against compute, and goal seek for
 * the row selected. The table and the chart come from one DmlJob off
 * the UI thread, started again when the design or the target changes;
 * the view computes only while it is shown. Its columns are in
 * dml-options-columns.c. */

#define RETARGET_DELAY_MS 100
#define DEFAULT_FLOP_TEXT "1e27"

struct _DmlOptionsView
{
  GtkWidget        parent_instance;

  DmlParams        params;
  gboolean         has_params;
  gboolean         stale;
  guint            retarget_id;
  DmlJob          *job;
  DmlOptions      *options;
  DmlOptionCurves *curves;
  double           last_seconds;

  GtkWidget       *controls;
  GtkEntry        *flop;
  GtkEntry        *days;
  GtkDropDown     *price;
  GtkEntry        *budget;
  GtkProgressBar  *progress;
  GtkWidget       *chart;
  GtkColumnView   *table;
  GListStore      *rows;
  GtkSingleSelection *selection;
  GtkLabel        *seek;
};

G_DEFINE_FINAL_TYPE (DmlOptionsView, dml_options_view, GTK_TYPE_WIDGET)

typedef struct
{
  DmlParams    params;
  double       flop;
  DmlPriceKind kind;
  double       budget;
} Target;

typedef struct
{
  DmlOptions      *options;
  DmlOptionCurves *curves;
  double           seconds;
} Result;

/* dml-options-columns.c */
void        _dml_options_columns_add (GtkColumnView *table);
GType       _dml_option_row_get_type (void);
gpointer    _dml_option_row_new      (DmlOptions    *options,
                                      guint          index);
const DmlOption *_dml_option_row_get (gpointer       row);

static void
result_free (gpointer data)
{
  Result *result = data;

  g_clear_pointer (&result->options, dml_options_unref);
  g_clear_pointer (&result->curves, dml_option_curves_unref);
  g_free (result);
}

/* In the worker: the ranked table, then each offering's line. The
 * table counts for as much progress as the lines (it takes about as
 * long). */
static gpointer
options_func (gpointer       data,
              gpointer       progress,
              GCancellable  *cancellable,
              GError       **error)
{
  Target *target = data;
  Result *result = g_new0 (Result, 1);
  gint64 start = g_get_monotonic_time ();
  guint n;

  result->options = dml_options_new (&target->params, target->flop, target->kind, target->budget, cancellable, error);
  if (result->options == NULL)
    {
      result_free (result);
      return NULL;
    }
  dml_offerings (&n);
  for (guint i = 0; i <= n; i++)
    dml_job_step (progress);

  result->curves = dml_option_curves_new (&target->params, target->kind, cancellable, dml_job_step, progress, error);
  if (result->curves == NULL)
    {
      result_free (result);
      return NULL;
    }
  result->seconds = (g_get_monotonic_time () - start) / 1e6;
  return result;
}

static void
mark_entry (GtkEntry   *entry,
            const char *problem)
{
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), problem);
}

/* The target as typed: FALSE, with the field marked, where a field
 * cannot be read. An empty duration is the design's; an empty budget is
 * none. */
static gboolean
read_target (DmlOptionsView *self,
             Target         *target)
{
  const char *text;
  gboolean ok = TRUE;
  double value;

  target->params = self->params;

  if (!dml_parse_quantity (gtk_editable_get_text (GTK_EDITABLE (self->flop)), "FLOP", &value, NULL) ||
      !(value >= 1 && value <= 1e50))
    {
      mark_entry (self->flop, _("Give a training compute, such as 1e27"));
      ok = FALSE;
    }
  else
    {
      mark_entry (self->flop, NULL);
      target->flop = value;
    }

  text = gtk_editable_get_text (GTK_EDITABLE (self->days));
  if (*text == '\0')
    mark_entry (self->days, NULL);
  else if (!dml_parse_quantity (text, "d", &value, NULL) || !(value > 0 && value <= 36525))
    {
      mark_entry (self->days, _("Give a number of days, such as 90"));
      ok = FALSE;
    }
  else
    {
      mark_entry (self->days, NULL);
      target->params.training_days = value;
    }

  text = gtk_editable_get_text (GTK_EDITABLE (self->budget));
  while (*text == ' ' || *text == '$')
    text++;
  target->budget = 0;
  if (*text == '\0')
    mark_entry (self->budget, NULL);
  else if (!dml_parse_quantity (text, "USD", &value, NULL) || !(value > 0 && isfinite (value)))
    {
      mark_entry (self->budget, _("Give a budget in US dollars, such as 5e9 or 5G"));
      ok = FALSE;
    }
  else
    {
      mark_entry (self->budget, NULL);
      target->budget = value;
    }

  target->kind = gtk_drop_down_get_selected (self->price);
  if (target->kind >= DML_N_PRICE_KINDS)
    target->kind = DML_PRICE_ON_DEMAND;
  return ok;
}

static void
update_seek (DmlOptionsView *self)
{
  const DmlOption *o = NULL;
  g_autofree char *flop = NULL;
  g_autofree char *text = NULL;
  gpointer row = gtk_single_selection_get_selected_item (self->selection);
  double step;

  if (row != NULL)
    o = _dml_option_row_get (row);
  gtk_widget_queue_draw (self->chart);
  if (o == NULL || self->options == NULL)
    {
      gtk_label_set_text (self->seek, "");
      return;
    }

  flop = dml_format_power_of_ten (self->options->flop, 2);
  step = o->offering != NULL ? o->offering->scaleup_domain.value : self->options->params.scaleup_domain;
  if (isnan (o->fewest_gpus))
    /* TRANSLATORS: goal seek that found nothing: offering, compute, days, why */
    text = g_strdup_printf (_("%s: no number of GPUs trains %s FLOP within %.4g days. %s"), o->name, flop,
                            self->options->params.training_days, dml_option_status_label (o->status));
  else
    {
      g_autofree char *cost = isnan (o->fewest_cost) ? g_strdup (_("no price")) : dml_format_usd (o->fewest_cost);

      /* TRANSLATORS: goal seek: offering; compute; days; GPUs; GPUs per step; cost; price kind */
      text = g_strdup_printf (_("%s: the fewest GPUs that train %s FLOP within %.4g days are %'.0f (in steps of %g), "
                                "%s %s."),
                              o->name, flop, self->options->params.training_days, o->fewest_gpus, MAX (1, step),
                              cost, dml_price_kind_label (self->options->price_kind));
    }
  if (self->options->budget > 0)
    {
      g_autofree char *budget = dml_format_usd (self->options->budget);
      g_autofree char *bought = isnan (o->budget_flop) ? NULL : dml_format_power_of_ten (o->budget_flop, 2);
      g_autofree char *more = bought != NULL
        /* TRANSLATORS: goal seek for a budget: the budget and the largest compute it buys */
        ? g_strdup_printf (_("A budget of %s buys at most %s FLOP on it."), budget, bought)
        /* TRANSLATORS: goal seek for a budget that buys nothing */
        : g_strdup_printf (_("A budget of %s buys no run on it within the sweep."), budget);
      char *joined = g_strconcat (text, " ", more, NULL);

      g_free (text);
      text = joined;
    }
  gtk_label_set_text (self->seek, text);
}

static void
show_result (DmlOptionsView *self,
             Result         *result)
{
  const char *selected = NULL;
  gpointer row = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *keep = NULL;
  guint select = 0;

  /* The same offering stays selected across recomputes. */
  if (row != NULL)
    selected = keep = g_strdup (_dml_option_row_get (row)->id);

  g_clear_pointer (&self->options, dml_options_unref);
  g_clear_pointer (&self->curves, dml_option_curves_unref);
  self->options = dml_options_ref (result->options);
  self->curves = dml_option_curves_ref (result->curves);
  self->last_seconds = result->seconds;
  g_debug ("options and curves in %.3f s", result->seconds);

  /* The budget's column only where there is a budget. */
  {
    g_autoptr(GtkColumnViewColumn) last = NULL;
    GListModel *columns = gtk_column_view_get_columns (self->table);

    last = g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);
    gtk_column_view_column_set_visible (last, self->options->budget > 0);
  }
  g_list_store_remove_all (self->rows);
  for (guint i = 0; i < self->options->n_options; i++)
    {
      g_autoptr(GObject) item = _dml_option_row_new (self->options, i);

      g_list_store_append (self->rows, item);
      if (g_strcmp0 (self->options->options[i].id, selected) == 0)
        select = i;
    }
  gtk_single_selection_set_selected (self->selection, select);
  update_seek (self);
}

static void
done_cb (GObject      *object,
         GAsyncResult *async,
         gpointer      user_data)
{
  g_autoptr(DmlOptionsView) self = user_data;
  g_autoptr(GError) error = NULL;
  Result *result = dml_job_run_finish (DML_JOB (object), async, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (result == NULL)
    {
      gtk_label_set_text (self->seek, error->message);
      return;
    }
  show_result (self, result);
  result_free (result);
}

static void
recompute (DmlOptionsView *self)
{
  Target *target;
  guint n;

  g_clear_handle_id (&self->retarget_id, g_source_remove);
  if (!self->has_params)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  target = g_new0 (Target, 1);
  if (!read_target (self, target))
    {
      g_free (target);
      dml_job_cancel (self->job);
      return;
    }
  self->stale = FALSE;
  dml_offerings (&n);
  dml_job_run_async (self->job, target, g_free, 2 * (n + 1), done_cb, g_object_ref (self));
}

static gboolean
retarget_cb (gpointer user_data)
{
  DmlOptionsView *self = user_data;

  self->retarget_id = 0;
  recompute (self);
  return G_SOURCE_REMOVE;
}

/* Typing in the target: once it pauses. */
static void
target_changed_cb (DmlOptionsView *self)
{
  g_clear_handle_id (&self->retarget_id, g_source_remove);
  self->retarget_id = g_timeout_add (RETARGET_DELAY_MS, retarget_cb, self);
}

static void
map_cb (DmlOptionsView *self)
{
  if (self->stale)
    recompute (self);
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  DmlOptionsView *self = user_data;
  DmlOptionsChartSpec spec;
  DmlChartStyle style;

  if (!dml_options_view_chart_spec (self, &spec))
    return;
  dml_chart_style_from_widget (GTK_WIDGET (area), &style);
  /* On screen the fields above say what the title would: the plot gets
   * the room. Exports have both. */
  spec.title = "";
  spec.subtitle = "";
  dml_options_render (cr, width, height, &style, &spec, NULL);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dml_options_view_copy (DML_OPTIONS_VIEW (widget));
}

/* A label with a mnemonic for @field, and the field, side by side. */
static GtkWidget *
labelled (const char *label,
          GtkWidget  *field)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new_with_mnemonic (label);

  gtk_label_set_mnemonic_widget (GTK_LABEL (name), field);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), field);
  return box;
}

static GtkEntry *
entry (const char *text,
       int         width_chars,
       const char *placeholder,
       const char *tooltip)
{
  GtkEntry *e = GTK_ENTRY (gtk_entry_new ());

  gtk_editable_set_text (GTK_EDITABLE (e), text);
  gtk_editable_set_width_chars (GTK_EDITABLE (e), width_chars);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (e, placeholder);
  gtk_widget_set_tooltip_text (GTK_WIDGET (e), tooltip);
  return e;
}

static void
build_controls (DmlOptionsView *self)
{
  GtkFlowBox *flow = GTK_FLOW_BOX (gtk_flow_box_new ());
  const char *kinds[DML_N_PRICE_KINDS + 1] = { NULL };

  gtk_flow_box_set_selection_mode (flow, GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (flow, 12);
  gtk_flow_box_set_row_spacing (flow, 6);
  gtk_flow_box_set_max_children_per_line (flow, 4);
  self->controls = GTK_WIDGET (flow);

  self->flop = entry (DEFAULT_FLOP_TEXT, 7, NULL, NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->flop), _("The target run’s training compute, in FLOP"));
  self->days = entry ("", 5, NULL, _("Train within this many days; empty: the design’s training duration"));
  for (guint k = 0; k < DML_N_PRICE_KINDS; k++)
    kinds[k] = dml_price_kind_label (k);
  self->price = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (kinds));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->price),
                               _("Rank by the rental price of this kind, or by the cost of owning the GPUs"));
  self->budget = entry ("", 6, _("none"), _("A budget in US dollars: the largest run it buys on each offering"));

  gtk_flow_box_append (flow, labelled (_("Training _compute"), GTK_WIDGET (self->flop)));
  gtk_flow_box_append (flow, labelled (_("_Days"), GTK_WIDGET (self->days)));
  gtk_flow_box_append (flow, labelled (_("_Price"), GTK_WIDGET (self->price)));
  gtk_flow_box_append (flow, labelled (_("_Budget"), GTK_WIDGET (self->budget)));


  g_signal_connect_swapped (self->flop, "changed", G_CALLBACK (target_changed_cb), self);
  g_signal_connect_swapped (self->days, "changed", G_CALLBACK (target_changed_cb), self);
  g_signal_connect_swapped (self->budget, "changed", G_CALLBACK (target_changed_cb), self);
  g_signal_connect_swapped (self->price, "notify::selected", G_CALLBACK (recompute), self);
}

static void
dml_options_view_dispose (GObject *object)
{
  DmlOptionsView *self = DML_OPTIONS_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->retarget_id, g_source_remove);
  if (self->job != NULL)
    dml_job_cancel (self->job);
  g_clear_object (&self->job);
  g_clear_pointer (&self->options, dml_options_unref);
  g_clear_pointer (&self->curves, dml_option_curves_unref);
  g_clear_object (&self->rows);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dml_options_view_parent_class)->dispose (object);
}

static void
dml_options_view_class_init (DmlOptionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dml_options_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_install_action (widget_class, "options.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "options.copy", NULL);
}

static void
dml_options_view_init (DmlOptionsView *self)
{
  GtkWidget *paned, *scrolled, *table_box, *top;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);

  self->job = dml_job_new (options_func, result_free);

  build_controls (self);
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_hexpand (self->controls, TRUE);
  gtk_box_append (GTK_BOX (top), self->controls);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->progress), 120, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->progress), _("Recomputing…"));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->progress));
  {
    GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

    gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "options.copy");
    gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
    gtk_widget_set_tooltip_text (copy, _("Copy the table as CSV (Ctrl+C)"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy Table"), -1);
    gtk_box_append (GTK_BOX (top), copy);
  }
  gtk_widget_set_parent (top, GTK_WIDGET (self));
  g_object_bind_property (self->job, "busy", self->progress, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->job, "fraction", self->progress, "fraction", G_BINDING_SYNC_CREATE);

  self->chart = gtk_drawing_area_new ();
  gtk_widget_set_size_request (self->chart, -1, 100);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->chart), draw_chart, self, NULL);

  self->rows = g_list_store_new (_dml_option_row_get_type ());
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  self->table = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (self->selection)));
  gtk_column_view_set_show_column_separators (self->table, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->table), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Offerings ranked by cost"), -1);
  _dml_options_columns_add (self->table);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (update_seek), self);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->table));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_size_request (scrolled, -1, 80);

  self->seek = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->seek, TRUE);
  gtk_label_set_xalign (self->seek, 0);
  gtk_label_set_selectable (self->seek, TRUE);

  table_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (table_box), scrolled);
  gtk_box_append (GTK_BOX (table_box), GTK_WIDGET (self->seek));

  paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  gtk_paned_set_start_child (GTK_PANED (paned), self->chart);
  gtk_paned_set_end_child (GTK_PANED (paned), table_box);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 360);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_widget_set_parent (paned, GTK_WIDGET (self));

  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

/* The design changed: its parameters, whose duration is the target's
 * unless one is typed. */
void
dml_options_view_set_params (DmlOptionsView  *self,
                             const DmlParams *params)
{
  g_autofree char *days = NULL;

  g_return_if_fail (DML_IS_OPTIONS_VIEW (self));

  self->params = *params;
  self->has_params = TRUE;
  /* TRANSLATORS: the Days field's placeholder: the design's duration */
  days = g_strdup_printf (_("%.4g (design)"), params->training_days);
  gtk_entry_set_placeholder_text (self->days, days);
  recompute (self);
}

gboolean
dml_options_view_get_busy (DmlOptionsView *self)
{
  g_return_val_if_fail (DML_IS_OPTIONS_VIEW (self), FALSE);
  return self->retarget_id != 0 || dml_job_get_busy (self->job);
}

DmlOptions *
dml_options_view_get_options (DmlOptionsView *self)
{
  g_return_val_if_fail (DML_IS_OPTIONS_VIEW (self), NULL);
  return self->options;
}

DmlOptionCurves *
dml_options_view_get_curves (DmlOptionsView *self)
{
  g_return_val_if_fail (DML_IS_OPTIONS_VIEW (self), NULL);
  return self->curves;
}

gboolean
dml_options_view_chart_spec (DmlOptionsView      *self,
                             DmlOptionsChartSpec *spec)
{
  gpointer row;

  g_return_val_if_fail (DML_IS_OPTIONS_VIEW (self), FALSE);

  *spec = (DmlOptionsChartSpec) { 0 };
  if (self->options == NULL || self->curves == NULL)
    return FALSE;
  spec->curves = self->curves;
  spec->options = self->options;
  row = gtk_single_selection_get_selected_item (self->selection);
  spec->selected = row != NULL ? _dml_option_row_get (row)->id : NULL;
  return TRUE;
}

/* The table as CSV on the clipboard (dml_options_to_csv ()). */
void
dml_options_view_copy (DmlOptionsView *self)
{
  g_autofree char *csv = NULL;

  g_return_if_fail (DML_IS_OPTIONS_VIEW (self));

  if (self->options == NULL)
    return;
  csv = dml_options_to_csv (self->options);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), csv);
}

double
_dml_options_view_get_last_seconds (DmlOptionsView *self)
{
  return self->last_seconds;
}

GtkColumnView *
_dml_options_view_get_table (DmlOptionsView *self)
{
  return self->table;
}

GtkEditable *
_dml_options_view_get_field (DmlOptionsView *self,
                             const char     *name)
{
  if (g_str_equal (name, "flop"))
    return GTK_EDITABLE (self->flop);
  if (g_str_equal (name, "days"))
    return GTK_EDITABLE (self->days);
  return GTK_EDITABLE (self->budget);
}
