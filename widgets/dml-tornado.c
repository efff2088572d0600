/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-tornado"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dml-chart.h"
#include "dml-format.h"
#include "dml-tornado.h"

/* The sensitivity of a design as a tornado chart: one bar per lever,
 * sorted by effect. Clicking a bar emits "lever-activated". */
struct _DmlTornado
{
  GtkWidget         parent_instance;

  DmlSensitivity   *sensitivity;
  int               by;
  DmlLever          order[DML_N_LEVERS];
  DmlChartGeometry  geometry;
};

G_DEFINE_FINAL_TYPE (DmlTornado, dml_tornado, GTK_TYPE_WIDGET)

enum {
  LEVER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
lever_at (DmlTornado *self,
          double      y)
{
  double row;

  if (self->sensitivity == NULL || self->geometry.plot_height <= 0)
    return -1;

  row = (y - self->geometry.plot_y) / (self->geometry.plot_height / self->sensitivity->n_levers);
  if (row < 0 || row >= self->sensitivity->n_levers)
    return -1;

  return self->order[(int) row];
}

static gboolean
query_tooltip_cb (DmlTornado *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  GString *str;
  const DmlLeverResult *r;
  int lever = lever_at (self, y);

  if (lever < 0)
    return FALSE;

  r = &self->sensitivity->results[lever];
  str = g_string_new (NULL);
  g_string_append_printf (str, "<b>%s %s</b>\n", dml_lever_label (lever), r->change);
  if (r->not_applicable != NULL)
    {
      g_autofree char *reason = g_markup_escape_text (r->not_applicable, -1);

      g_string_append_printf (str, _("Not applicable: %s"), reason);
      gtk_tooltip_set_markup (tooltip, str->str);
      g_string_free (str, TRUE);
      return TRUE;
    }
  for (DmlFigure f = 0; f < DML_N_FIGURES; f++)
    {
      if (isfinite (r->shift[f]))
        g_string_append_printf (str, _("%s: %s%+.2f decades (×%.3g)\n"), dml_figure_label (f),
                                r->at_least[f] ? "≥ " : "", r->shift[f], pow (10, r->shift[f]));
      else
        g_string_append_printf (str, _("%s: none, before or after\n"), dml_figure_label (f));
    }
  g_string_append_printf (str, _("Utilization at the chosen compute: %+.1f points\n"), 100 * r->utilization_change);
  g_string_append (str, _("Click to open the design with this change in a new window"));

  gtk_tooltip_set_markup (tooltip, str->str);
  g_string_free (str, TRUE);
  return TRUE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            DmlTornado      *self)
{
  int lever = lever_at (self, y);

  if (lever >= 0 && self->sensitivity->results[lever].not_applicable == NULL)
    g_signal_emit (self, signals[LEVER_ACTIVATED], 0, lever);
}

static void
dml_tornado_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  DmlTornado *self = DML_TORNADO (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  DmlChartStyle style;
  g_autofree char *title = NULL;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  /* The first result takes a second or two: say what is coming. */
  if (self->sensitivity == NULL)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, _("Computing how far each lever moves the limits…"));
      int text_w, text_h;
      GdkRGBA color;

      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
      color.alpha *= 0.6;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - text_w) / 2.0, (height - text_h) / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);
      return;
    }

  dml_chart_style_from_widget (widget, &style);

  title = g_strdup_printf (_("Each lever %g× better"), self->sensitivity->factor);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  dml_tornado_render (cr, width, height, &style, self->sensitivity, self->by, title, &self->geometry, self->order);
  cairo_destroy (cr);
}

static void
dml_tornado_finalize (GObject *object)
{
  DmlTornado *self = (DmlTornado *) object;

  g_clear_pointer (&self->sensitivity, dml_sensitivity_free);
  dml_chart_geometry_clear (&self->geometry);

  G_OBJECT_CLASS (dml_tornado_parent_class)->finalize (object);
}

static void
dml_tornado_class_init (DmlTornadoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dml_tornado_finalize;
  widget_class->snapshot = dml_tornado_snapshot;

  signals[LEVER_ACTIVATED] =
    g_signal_new ("lever-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "dmltornado");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dml_tornado_init (DmlTornado *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->by = DML_FIGURE_WALL;
  dml_chart_geometry_init (&self->geometry);

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 240);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How far each improvement moves the limits"), -1);
}

GtkWidget *
dml_tornado_new (void)
{
  return g_object_new (DML_TYPE_TORNADO, NULL);
}

/* Takes ownership of @sensitivity. */
void
dml_tornado_set_sensitivity (DmlTornado     *self,
                             DmlSensitivity *sensitivity)
{
  g_return_if_fail (DML_IS_TORNADO (self));

  g_clear_pointer (&self->sensitivity, dml_sensitivity_free);
  self->sensitivity = sensitivity;
  if (sensitivity != NULL)
    dml_sensitivity_rank (sensitivity, self->by, self->order);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const DmlSensitivity *
dml_tornado_get_sensitivity (DmlTornado *self)
{
  g_return_val_if_fail (DML_IS_TORNADO (self), NULL);
  return self->sensitivity;
}

/* Ranks by a DmlFigure, or by utilization with DML_N_FIGURES. */
void
dml_tornado_set_rank_by (DmlTornado *self,
                         int         by)
{
  g_return_if_fail (DML_IS_TORNADO (self));
  g_return_if_fail (by >= 0 && by <= DML_N_FIGURES);

  self->by = by;
  if (self->sensitivity != NULL)
    dml_sensitivity_rank (self->sensitivity, by, self->order);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
dml_tornado_get_rank_by (DmlTornado *self)
{
  g_return_val_if_fail (DML_IS_TORNADO (self), DML_FIGURE_WALL);
  return self->by;
}
