/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dml-chart.h"
#include "dml-format.h"
#include "dml-output.h"
#include "dml-render-enums.h"
#include "dml-report.h"
#include "dml-production-runs.h"

struct _DmlChart
{
  GtkWidget         parent_instance;

  DmlSweep         *sweep;
  DmlUncertainty   *uncertainty;  /* drawn only while it matches @sweep */
  DmlSweep         *other;        /* @sweep under the other overlap assumption, dashed; NULL for none */
  double            run_flop;     /* a given run; 0 for none */
  double            run_mfu;
  char             *run_label;
  char             *run_tooltip;  /* markup: what the given run's mark explains */
  gboolean          run_exceeds_memory;
  DmlChartView      view;
  gboolean          show_max_at_80;
  gboolean          show_runs;
  int               hover;
  int               pinned;
  DmlChartGeometry  geometry;

  /* A comparison of several designs, drawn instead of @sweep. */
  GPtrArray        *compared;
  GPtrArray        *names;
  gboolean          multiples;
};

G_DEFINE_FINAL_TYPE (DmlChart, dml_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SWEEP,
  PROP_VIEW,
  PROP_SHOW_MAX_AT_80,
  PROP_SHOW_RUNS,
  PROP_PINNED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Charts follow the theme: the foreground is the widget's colour, the
 * palette switches when that colour is light, and text keeps the size of
 * the widget's font. */
void
dml_chart_style_from_widget (GtkWidget     *widget,
                             DmlChartStyle *style)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;
  GdkRGBA color;
  gboolean dark;

  gtk_style_context_get_color (context, &color);
  dark = 0.299 * color.red + 0.587 * color.green + 0.114 * color.blue > 0.5;

  dml_chart_style_init (style, dark);
  style->foreground = (DmlColor) { color.red, color.green, color.blue, 1 };
  style->transparent = TRUE;
  style->background = dark ? (DmlColor) { 0.14, 0.14, 0.14, 1 } : (DmlColor) { 0.98, 0.98, 0.98, 1 };

  if (!pango_font_description_get_size_is_absolute (font))
    size *= 96.0 / 72.0;
  style->font_px = MAX (9, 0.9 * size);
  style->font_family = pango_font_description_get_family (font);
}

static char *
tooltip_markup (DmlChart       *self,
                const DmlPoint *p)
{
  g_autofree char *flop = dml_format_flop (p->flop);
  g_autofree char *params = dml_format_power_of_ten (p->shape.params, 2);
  g_autofree char *batch = dml_format_power_of_ten (p->shape.batch_tokens, 2);
  GString *str = g_string_new (NULL);

  g_string_append_printf (str, "<b>%s</b>\n", flop);
  if (!p->feasible)
    {
      g_string_append (str, p->over_budget ? _("Past this cluster’s limit: no layout within the GPU budget finishes in time")
                                           : _("Past the wall: no layout finishes in time"));
      return g_string_free (str, FALSE);
    }

  {
    g_autofree char *util = dml_format_percent (p->utilization);
    g_autofree char *gpus = dml_format_power_of_ten (p->gpus, 3);
    g_autofree char *layout = dml_report_layout (&p->layout);
    g_autofree char *step = dml_format_quantity (p->time.step, "s");
    const DmlOutput *outputs;
    guint n_outputs;
    guint n_parts = 0;

    g_string_append_printf (str, _("Utilization %s, %s\n"), util, dml_regime_label (p->band));
    if (dml_uncertainty_matches (self->uncertainty, self->sweep))
      {
        const DmlPercentiles *band = &self->uncertainty->utilization[p - self->sweep->points];
        g_autofree char *p10 = dml_format_percent (band->p10);
        g_autofree char *p50 = dml_format_percent (band->p50);
        g_autofree char *p90 = dml_format_percent (band->p90);

        /* TRANSLATORS: percentiles of utilization over the samples, and how many */
        g_string_append_printf (str, _("P10 %s, P50 %s, P90 %s over %u samples\n"), p10, p50, p90,
                                self->uncertainty->n_samples);
      }
    g_string_append_printf (str, _("%s GPUs: %s\n"), gpus, layout);
    if (self->sweep->params.goodput)
      {
        g_autofree char *goodput = dml_format_percent (p->goodput);
        g_autofree char *mtbi = dml_format_duration (p->mtbi);

        g_string_append_printf (str, _("Goodput: %s, an interruption every %s\n"), goodput, mtbi);
      }
    if (p->time.sites > 1)
      g_string_append_printf (str, p->time.pipeline_across_sites ? _("Sites: %.0f, the pipeline stages split across them\n")
                                                                 : _("Sites: %.0f, whole replicas in each\n"), p->time.sites);
    g_string_append_printf (str, _("Batch %s tokens, %s parameters, %.0f layers\n"), batch, params, p->shape.layers);
    g_string_append_printf (str, _("Step %s:"), step);
    outputs = dml_outputs (&n_outputs);
    for (guint c = 0; c < n_outputs; c++)
      if (dml_output_is_step_part (&outputs[c], &self->sweep->params))
        {
          /* Three parts a line, so the tooltip stays narrow. */
          g_string_append (str, n_parts == 0 ? " " : n_parts % 3 == 0 ? ",\n" : ", ");
          /* TRANSLATORS: a part of the step time and its share, e.g. "Latency 3%" */
          g_string_append_printf (str, _("%s %.0f%%"), dml_output_label (&outputs[c]),
                                  100 * dml_output_get (&outputs[c], p) / p->time.step);
          n_parts++;
        }
  }

  return g_string_free (str, FALSE);
}

/* A production run: what it was, on what, and where the number is from. */
static char *
run_tooltip_markup (const DmlProductionRun *run)
{
  g_autofree char *flop = dml_format_flop (run->flop);
  g_autofree char *mfu = dml_format_percent (run->mfu);
  g_autofree char *gpus = isfinite (run->gpus) ? g_strdup_printf ("%'.0f", run->gpus) : g_strdup (_("unknown"));
  g_autofree char *year = g_strndup (run->date, 4);

  return g_markup_printf_escaped (_("<b>%s</b> (%s, %s)\n"
                                    "%s, MFU %s\n"
                                    "%s × %s\n"
                                    "<small>%s\nSource: %s</small>"),
                                  run->model, run->organization, year, flop, mfu, gpus, run->hardware,
                                  run->note, run->source);
}

/* The Cost view's point: what the run costs in money, power, energy and
 * CO₂ (docs/model.md), where a hover over utilization would say why. */
static char *
cost_tooltip_markup (DmlChart       *self,
                     const DmlPoint *p)
{
  const DmlParams *params = &self->sweep->params;
  g_autofree char *flop = dml_format_flop (p->flop);
  GString *str = g_string_new (NULL);

  g_string_append_printf (str, "<b>%s</b>\n", flop);
  if (!p->feasible)
    {
      g_string_append (str, _("No layout finishes in time: no cost"));
      return g_string_free (str, FALSE);
    }

  {
    g_autofree char *cost = dml_format_usd (p->cost);
    g_autofree char *hours = dml_format_power_of_ten (p->gpu_hours, 3);
    g_autofree char *wall = dml_format_duration (p->wall_clock);

    /* TRANSLATORS: the run's cost, its GPU-hours and its wall-clock time */
    g_string_append_printf (str, _("Cost %s: %s GPU-hours over %s\n"), cost, hours, wall);
  }
  if (params->power_per_gpu > 0)
    {
      g_autofree char *power = dml_format_quantity (p->power, "W");
      g_autofree char *facility = dml_format_quantity (p->facility_power, "W");
      g_autofree char *energy = dml_format_quantity (p->energy, "Wh");
      g_autofree char *energy_cost = dml_format_usd (p->energy_cost);
      g_autofree char *emissions = dml_format_quantity (p->emissions, "t");

      /* TRANSLATORS: the GPUs' power and the site's (with PUE) */
      g_string_append_printf (str, _("Power %s for the GPUs, %s for the site\n"), power, facility);
      /* TRANSLATORS: energy over the run and what it costs */
      g_string_append_printf (str, _("Energy %s, costing %s\n"), energy, energy_cost);
      /* TRANSLATORS: tonnes of CO₂ */
      g_string_append_printf (str, _("Emissions %s CO₂"), emissions);
    }
  else
    g_string_append (str, _("Power, energy and emissions need a power per GPU (Power and energy)"));

  return g_string_free (str, FALSE);
}

typedef struct
{
  double utilization; /* -1 where the design has no layout */
  guint  design;
  int    index;       /* into its sweep's points; -1 for none near */
} CompareRow;

/* The overlay's hover: each design's utilization at the hovered
 * compute, best first, so the ranking reads down the list. NULL outside
 * the plot. A design whose sweep has no point within half a decade says
 * so rather than borrowing the nearest one. */
static char *
compare_tooltip_markup (DmlChart *self,
                        double    x,
                        double    y)
{
  const DmlChartGeometry *g = &self->geometry;
  CompareRow rows[DML_CHART_MAX_SERIES];
  g_autofree char *flop = NULL;
  double log_flop;
  GString *str;
  guint n = self->compared->len;

  if (self->multiples || g->plot_width <= 0 ||
      x < g->plot_x || x > g->plot_x + g->plot_width || y < g->plot_y || y > g->plot_y + g->plot_height)
    return NULL;

  log_flop = g->log_min + (x - g->plot_x) / g->plot_width * (g->log_max - g->log_min);
  for (guint i = 0; i < n; i++)
    {
      const DmlSweep *sweep = self->compared->pdata[i];
      int index = dml_chart_hit (g, sweep, x, y);

      if (index >= 0 && fabs (log10 (sweep->points[index].flop) - log_flop) > 0.5)
        index = -1;
      rows[i].design = i;
      rows[i].index = index;
      rows[i].utilization = index >= 0 && sweep->points[index].feasible ? sweep->points[index].utilization : -1;
    }
  /* Best first; a stable insertion sort keeps ties in the designs' order. */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && rows[j].utilization > rows[j - 1].utilization; j--)
      {
        CompareRow swap = rows[j];

        rows[j] = rows[j - 1];
        rows[j - 1] = swap;
      }

  flop = dml_format_flop (pow (10, log_flop));
  str = g_string_new (NULL);
  /* TRANSLATORS: the head of the comparison's hover, e.g. "At 1.0 × 10²⁸ FLOP" */
  g_string_append_printf (str, _("<b>At %s</b>"), flop);
  for (guint k = 0; k < n; k++)
    {
      const DmlSweep *sweep = self->compared->pdata[rows[k].design];
      g_autofree char *name = g_markup_escape_text (self->names->pdata[rows[k].design], -1);
      g_autofree char *value = NULL;

      if (rows[k].index < 0)
        value = g_strdup (_("not in its sweep"));
      else if (!sweep->points[rows[k].index].feasible)
        value = g_strdup (sweep->points[rows[k].index].over_budget ? _("past its cluster’s limit")
                                                                   : _("past its wall"));
      else
        {
          g_autofree char *util = dml_format_percent (rows[k].utilization);

          value = g_strdup_printf ("<b>%s</b>, %s", util, dml_regime_label (sweep->points[rows[k].index].band));
        }
      /* TRANSLATORS: a design and its utilization in the comparison's hover */
      g_string_append_printf (str, _("\n%s: %s"), name, value);
    }

  return g_string_free (str, FALSE);
}

/* Whether (@x, @y) is on the given run's mark. */
static gboolean
over_given_run (DmlChart *self,
                double    x,
                double    y)
{
  const double radius = 10;

  return self->run_tooltip != NULL && self->geometry.run_x >= 0 &&
         hypot (x - self->geometry.run_x, y - self->geometry.run_y) <= radius;
}

static gboolean
query_tooltip_cb (DmlChart   *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  g_autofree char *markup = NULL;
  int index;

  if (self->compared->len > 1)
    {
      markup = compare_tooltip_markup (self, x, y);
      if (markup == NULL)
        return FALSE;
      gtk_tooltip_set_markup (tooltip, markup);
      return TRUE;
    }
  if (self->sweep == NULL)
    return FALSE;

  if (over_given_run (self, x, y))
    {
      gtk_tooltip_set_markup (tooltip, self->run_tooltip);
      return TRUE;
    }

  if ((index = dml_chart_hit_run (&self->geometry, x, y)) >= 0)
    {
      guint n_runs;

      GtkWidget *label = gtk_label_new (NULL);

      /* Notes and sources are long: wrap them. */
      markup = run_tooltip_markup (&dml_production_runs (&n_runs)[index]);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_tooltip_set_custom (tooltip, label);
      return TRUE;
    }

  index = dml_chart_hit (&self->geometry, self->sweep, x, y);
  if (index < 0)
    return FALSE;

  if (self->view == DML_CHART_COST)
    markup = cost_tooltip_markup (self, &self->sweep->points[index]);
  else
    markup = tooltip_markup (self, &self->sweep->points[index]);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
set_hover (DmlChart *self,
           int       hover)
{
  if (self->hover == hover)
    return;

  self->hover = hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           DmlChart                 *self)
{
  /* Over a real run, the tooltip is the run's: no point of the curve. */
  if (self->sweep == NULL || self->compared->len > 1 || dml_chart_hit_run (&self->geometry, x, y) >= 0 ||
      over_given_run (self, x, y))
    set_hover (self, -1);
  else
    set_hover (self, dml_chart_hit (&self->geometry, self->sweep, x, y));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          DmlChart                 *self)
{
  set_hover (self, -1);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            DmlChart        *self)
{
  int index;

  if (self->sweep == NULL || self->compared->len > 1)
    return;

  index = dml_chart_hit (&self->geometry, self->sweep, x, y);
  if (index >= 0)
    dml_chart_set_pinned (self, index);
}

static void
dml_chart_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  DmlChart *self = DML_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  DmlChartStyle style;
  DmlChartSpec spec = { self->view, self->sweep, NULL, NULL, self->show_max_at_80, self->hover, self->pinned };
  cairo_t *cr;

  spec.show_runs = self->show_runs;
  spec.uncertainty = self->uncertainty;
  spec.other = self->other;
  spec.run_flop = self->run_flop;
  spec.run_mfu = self->run_mfu;
  spec.run_label = self->run_label;
  spec.run_exceeds_memory = self->run_exceeds_memory;

  if (width <= 0 || height <= 0)
    return;

  if (self->compared->len > 1)
    {
      spec.sweep = self->compared->pdata[0];
      spec.n_sweeps = self->compared->len;
      spec.multiples = self->multiples;
      spec.hover = spec.pinned = -1;
      for (guint i = 0; i < self->compared->len; i++)
        {
          spec.sweeps[i] = self->compared->pdata[i];
          spec.names[i] = self->names->pdata[i];
        }
    }

  dml_chart_style_from_widget (widget, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  dml_chart_render (cr, width, height, &style, &spec, &self->geometry);
  cairo_destroy (cr);
}

static void
dml_chart_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (dml_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
dml_chart_finalize (GObject *object)
{
  DmlChart *self = (DmlChart *) object;

  g_clear_pointer (&self->sweep, dml_sweep_unref);
  g_clear_pointer (&self->uncertainty, dml_uncertainty_unref);
  g_clear_pointer (&self->other, dml_sweep_unref);
  g_clear_pointer (&self->run_label, g_free);
  g_clear_pointer (&self->run_tooltip, g_free);
  g_clear_pointer (&self->compared, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  dml_chart_geometry_clear (&self->geometry);

  G_OBJECT_CLASS (dml_chart_parent_class)->finalize (object);
}

static void
dml_chart_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DmlChart *self = DML_CHART (object);

  switch (prop_id)
    {
    case PROP_SWEEP:
      g_value_set_boxed (value, self->sweep);
      break;
    case PROP_VIEW:
      g_value_set_enum (value, self->view);
      break;
    case PROP_SHOW_MAX_AT_80:
      g_value_set_boolean (value, self->show_max_at_80);
      break;
    case PROP_SHOW_RUNS:
      g_value_set_boolean (value, self->show_runs);
      break;
    case PROP_PINNED:
      g_value_set_int (value, self->pinned);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dml_chart_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DmlChart *self = DML_CHART (object);

  switch (prop_id)
    {
    case PROP_SWEEP:
      dml_chart_set_sweep (self, g_value_get_boxed (value));
      break;
    case PROP_VIEW:
      dml_chart_set_view (self, g_value_get_enum (value));
      break;
    case PROP_SHOW_MAX_AT_80:
      dml_chart_set_show_max_at_80 (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_RUNS:
      dml_chart_set_show_runs (self, g_value_get_boolean (value));
      break;
    case PROP_PINNED:
      dml_chart_set_pinned (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dml_chart_class_init (DmlChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dml_chart_finalize;
  object_class->get_property = dml_chart_get_property;
  object_class->set_property = dml_chart_set_property;

  widget_class->snapshot = dml_chart_snapshot;
  widget_class->css_changed = dml_chart_css_changed;

  properties[PROP_SWEEP] =
    g_param_spec_boxed ("sweep", NULL, NULL, DML_TYPE_SWEEP,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] =
    g_param_spec_enum ("view", NULL, NULL, DML_TYPE_CHART_VIEW, DML_CHART_UTILIZATION,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_MAX_AT_80] =
    g_param_spec_boolean ("show-max-at-80", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_RUNS] =
    g_param_spec_boolean ("show-runs", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PINNED] =
    g_param_spec_int ("pinned", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "dmlchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dml_chart_init (DmlChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->hover = -1;
  self->pinned = -1;
  self->show_max_at_80 = TRUE;
  self->compared = g_ptr_array_new_with_free_func ((GDestroyNotify) dml_sweep_unref);
  self->names = g_ptr_array_new_with_free_func (g_free);
  dml_chart_geometry_init (&self->geometry);

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  /* Small enough for a 1024×640 window with the details beside it. */
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 240);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Utilization against training compute"),
                                  -1);
}

GtkWidget *
dml_chart_new (void)
{
  return g_object_new (DML_TYPE_CHART, NULL);
}

DmlSweep *
dml_chart_get_sweep (DmlChart *self)
{
  g_return_val_if_fail (DML_IS_CHART (self), NULL);
  return self->sweep;
}

void
dml_chart_set_sweep (DmlChart *self,
                     DmlSweep *sweep)
{
  g_return_if_fail (DML_IS_CHART (self));

  if (self->sweep == sweep)
    return;

  g_clear_pointer (&self->sweep, dml_sweep_unref);
  if (sweep != NULL)
    self->sweep = dml_sweep_ref (sweep);

  /* A pinned point means nothing once the scales change. */
  if (self->pinned >= 0 && (sweep == NULL || (guint) self->pinned >= sweep->n_points))
    dml_chart_set_pinned (self, -1);
  self->hover = -1;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SWEEP]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

DmlChartView
dml_chart_get_view (DmlChart *self)
{
  g_return_val_if_fail (DML_IS_CHART (self), DML_CHART_UTILIZATION);
  return self->view;
}

void
dml_chart_set_view (DmlChart     *self,
                    DmlChartView  view)
{
  g_return_if_fail (DML_IS_CHART (self));
  g_return_if_fail (view < DML_N_CHART_VIEWS);

  if (self->view == view)
    return;

  self->view = view;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
dml_chart_get_show_max_at_80 (DmlChart *self)
{
  g_return_val_if_fail (DML_IS_CHART (self), FALSE);
  return self->show_max_at_80;
}

void
dml_chart_set_show_max_at_80 (DmlChart *self,
                              gboolean  show)
{
  g_return_if_fail (DML_IS_CHART (self));

  show = !!show;
  if (self->show_max_at_80 == show)
    return;

  self->show_max_at_80 = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_MAX_AT_80]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
dml_chart_get_show_runs (DmlChart *self)
{
  g_return_val_if_fail (DML_IS_CHART (self), FALSE);
  return self->show_runs;
}

/* Production runs at their compute and MFU, on the utilization view. */
void
dml_chart_set_show_runs (DmlChart *self,
                         gboolean  show)
{
  g_return_if_fail (DML_IS_CHART (self));

  show = !!show;
  if (self->show_runs == show)
    return;

  self->show_runs = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_RUNS]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Marks a given run at its training compute @flop and @mfu, with
 * @label; @flop 0 removes it. */
void
dml_chart_set_given_run (DmlChart   *self,
                         double      flop,
                         double      mfu,
                         const char *label)
{
  g_return_if_fail (DML_IS_CHART (self));

  self->run_flop = flop;
  self->run_mfu = mfu;
  g_free (self->run_label);
  self->run_label = g_strdup (label);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Markup that hovering the given run's mark shows: the run explained.
 * NULL for none. */
void
dml_chart_set_given_run_tooltip (DmlChart   *self,
                                 const char *markup)
{
  g_return_if_fail (DML_IS_CHART (self));

  g_free (self->run_tooltip);
  self->run_tooltip = g_strdup (markup);
}

/* The tooltip markup at (@x, @y), as hovering there shows it; NULL for
 * none: for tests. */
char *
dml_chart_get_tooltip_at (DmlChart *self,
                          double    x,
                          double    y)
{
  int index;

  g_return_val_if_fail (DML_IS_CHART (self), NULL);

  if (self->compared->len > 1)
    return compare_tooltip_markup (self, x, y);
  if (over_given_run (self, x, y))
    return g_strdup (self->run_tooltip);
  if (self->sweep == NULL || dml_chart_hit_run (&self->geometry, x, y) >= 0)
    return NULL;
  if ((index = dml_chart_hit (&self->geometry, self->sweep, x, y)) < 0)
    return NULL;
  if (self->view == DML_CHART_COST)
    return cost_tooltip_markup (self, &self->sweep->points[index]);
  return tooltip_markup (self, &self->sweep->points[index]);
}

/* Whether the given run fits in memory: one that does not is marked so. */
void
dml_chart_set_given_run_fits (DmlChart *self,
                              gboolean  fits)
{
  g_return_if_fail (DML_IS_CHART (self));

  if (self->run_exceeds_memory == !fits)
    return;
  self->run_exceeds_memory = !fits;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
dml_chart_get_given_run_fits (DmlChart *self)
{
  g_return_val_if_fail (DML_IS_CHART (self), TRUE);

  return !self->run_exceeds_memory;
}

void
dml_chart_get_given_run (DmlChart    *self,
                         double      *flop,
                         double      *mfu,
                         const char **label)
{
  g_return_if_fail (DML_IS_CHART (self));

  *flop = self->run_flop;
  *mfu = self->run_mfu;
  *label = self->run_label;
}

/* What the last draw put where. */
const DmlChartGeometry *
dml_chart_get_geometry (DmlChart *self)
{
  g_return_val_if_fail (DML_IS_CHART (self), NULL);
  return &self->geometry;
}

DmlUncertainty *
dml_chart_get_uncertainty (DmlChart *self)
{
  g_return_val_if_fail (DML_IS_CHART (self), NULL);
  return self->uncertainty;
}

/* P10–P90 bands around the curve; drawn while they are of the sweep
 * shown (dml_uncertainty_matches()), so a later edit hides them. */
void
dml_chart_set_uncertainty (DmlChart       *self,
                           DmlUncertainty *uncertainty)
{
  g_return_if_fail (DML_IS_CHART (self));

  if (self->uncertainty == uncertainty)
    return;
  g_clear_pointer (&self->uncertainty, dml_uncertainty_unref);
  if (uncertainty != NULL)
    self->uncertainty = dml_uncertainty_ref (uncertainty);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

DmlSweep *
dml_chart_get_other (DmlChart *self)
{
  g_return_val_if_fail (DML_IS_CHART (self), NULL);
  return self->other;
}

/* The design shown under the other overlap assumption, drawn dashed on
 * the utilization view; the renderer draws it only beside a sweep of the
 * same points under the other assumption, so a later edit of the sweep
 * range hides it until its own sweep comes. */
void
dml_chart_set_other (DmlChart *self,
                     DmlSweep *other)
{
  g_return_if_fail (DML_IS_CHART (self));

  if (self->other == other)
    return;
  g_clear_pointer (&self->other, dml_sweep_unref);
  if (other != NULL)
    self->other = dml_sweep_ref (other);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
dml_chart_get_pinned (DmlChart *self)
{
  g_return_val_if_fail (DML_IS_CHART (self), -1);
  return self->pinned;
}

void
dml_chart_set_pinned (DmlChart *self,
                      int       index)
{
  g_return_if_fail (DML_IS_CHART (self));

  if (self->pinned == index)
    return;

  self->pinned = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PINNED]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Shows @n_sweeps designs (two to DML_CHART_MAX_SERIES) overlaid or as
 * small multiples; fewer than two show nothing. */
void
dml_chart_set_comparison (DmlChart    *self,
                          DmlSweep   **sweeps,
                          const char **names,
                          guint        n_sweeps,
                          gboolean     multiples)
{
  g_return_if_fail (DML_IS_CHART (self));
  g_return_if_fail (n_sweeps <= DML_CHART_MAX_SERIES);

  g_ptr_array_set_size (self->compared, 0);
  g_ptr_array_set_size (self->names, 0);
  for (guint i = 0; i < n_sweeps; i++)
    {
      g_ptr_array_add (self->compared, dml_sweep_ref (sweeps[i]));
      g_ptr_array_add (self->names, g_strdup (names[i]));
    }
  self->multiples = multiples;

  dml_chart_set_sweep (self, n_sweeps > 0 ? sweeps[0] : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
dml_chart_get_n_compared (DmlChart *self)
{
  g_return_val_if_fail (DML_IS_CHART (self), 0);
  return self->compared->len;
}
