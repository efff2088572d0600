/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-window"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "dml-engine.h"
#include "dml-format.h"
#include "dml-output.h"
#include "dml-report.h"
#include "dml-timeline.h"
#include "dml-window-private.h"

/* The window's summary strip (plateau, onsets, wall) and the pinned
 * point's details with its step parts: what the window shows of a
 * sweep besides the chart. */

static const char *summary_titles[N_SUMMARY] = {
  N_("Plateau"), N_("DRAM-bound from"), N_("Network-bound from"),
  N_("Latency-bound from"), N_("Wall"), N_("Largest at ≥ 80%"),
  /* xgettext:no-c-format */
  N_("Goodput below 50% from"),
};

void
_dml_window_build_summary (DmlWindow *self)
{
  for (guint i = 0; i < N_SUMMARY; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (_(summary_titles[i]));
      GtkWidget *value = gtk_label_new ("—");

      gtk_widget_add_css_class (title, "summary-title");
      gtk_widget_add_css_class (value, "summary-value");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), value);
      gtk_flow_box_append (self->summary, box);
      self->summary_values[i] = GTK_LABEL (value);
    }
}

void
_dml_window_update_summary (DmlWindow      *self,
                            const DmlSweep *sweep)
{
  const DmlSummary *s = &sweep->summary;
  double flops[N_SUMMARY] = { NAN, s->dram_onset, s->network_onset, s->latency_onset, s->wall, s->max_at_80,
                              s->reliability_onset };
  /* The timeline's strip gives years, as its chart does. */
  gboolean years = dml_chart_get_view (self->chart) == DML_CHART_TIMELINE;

  for (guint i = 0; i < N_SUMMARY; i++)
    {
      g_autofree char *text = NULL;

      if (i == SUMMARY_PLATEAU)
        text = dml_format_percent (s->plateau_utilization);
      else if (i == SUMMARY_WALL && !isfinite (s->wall))
        text = dml_report_wall (s);
      else if (isfinite (flops[i]) && years)
        {
          DmlDate date;
          g_autofree char *range = NULL;

          dml_timeline_date (&sweep->params, flops[i], &date);
          range = dml_date_range (&date);
          /* TRANSLATORS: a year and its 90% range, "2029 (2028–2029)" */
          text = g_strdup_printf (_("%d (%s)"), (int) floor (date.year), range);
        }
      else if (isfinite (flops[i]))
        text = dml_format_flop (flops[i]);
      else
        text = g_strdup (_("not in range"));

      gtk_label_set_text (self->summary_values[i], text);
    }
  /* The value's box, in its flow box child. */
  gtk_widget_set_visible (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (self->summary_values[SUMMARY_RELIABILITY]))),
                          s->goodput);

  /* On several sites, what makes the wall, in words under it, and why in
   * its tooltip: the onsets alone ("not in range") do not say. */
  {
    DmlWallCause cause = dml_wall_cause (sweep);
    GtkWidget *wall = GTK_WIDGET (self->summary_values[SUMMARY_WALL]);

    if (cause != DML_WALL_CAUSE_NONE && !years)
      {
        g_autofree char *value = g_markup_escape_text (gtk_label_get_text (GTK_LABEL (wall)), -1);
        g_autofree char *by = g_markup_escape_text (dml_wall_cause_label (cause), -1);
        g_autofree char *sentence = dml_wall_cause_text (sweep, cause);
        /* TRANSLATORS: the wall's value, then what makes it, e.g. "the link between sites" */
        g_autofree char *markup = g_strdup_printf (_("%s\n<small>made by %s</small>"), value, by);

        gtk_label_set_markup (GTK_LABEL (wall), markup);
        gtk_widget_set_tooltip_text (wall, sentence);
      }
    else
      gtk_widget_set_tooltip_text (wall, NULL);
  }
}

static void
attach_part (GtkGrid    *grid,
             guint       row,
             const char *label,
             double      seconds,
             double      step)
{
  g_autofree char *value = dml_format_quantity (seconds, "s");
  g_autofree char *share = g_strdup_printf ("%.1f %%", step > 0 ? 100 * seconds / step : 0);
  const char *texts[] = { label, value, share };

  for (guint c = 0; c < G_N_ELEMENTS (texts); c++)
    {
      GtkWidget *cell = gtk_label_new (texts[c]);

      gtk_label_set_xalign (GTK_LABEL (cell), c == 0 ? 0 : 1);
      gtk_widget_set_hexpand (cell, c == 0);
      if (c > 0)
        gtk_widget_add_css_class (cell, "numeric");
      gtk_grid_attach (grid, cell, c, row, 1, 1);
    }
}

/* The pinned point's step time and its parts, as a table: its columns
 * line up in any font and any language. */
static void
fill_parts (DmlWindow       *self,
            const DmlParams *params,
            const DmlPoint  *point)
{
  const DmlOutput *outputs;
  GtkWidget *child;
  guint n_outputs, row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->parts))) != NULL)
    gtk_grid_remove (self->parts, child);
  gtk_widget_set_visible (GTK_WIDGET (self->parts), point->feasible);
  if (!point->feasible)
    return;

  {
    GtkWidget *heading = gtk_label_new (_("Step time and its parts:"));

    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_grid_attach (self->parts, heading, 0, row++, 3, 1);
  }
  outputs = dml_outputs (&n_outputs);
  for (guint c = 0; c < n_outputs; c++)
    if (dml_output_is_step_part (&outputs[c], params))
      attach_part (self->parts, row++, dml_output_label (&outputs[c]), dml_output_get (&outputs[c], point),
                   point->time.step);
  attach_part (self->parts, row, _("Step"), point->time.step, point->time.step);
}

void
_dml_window_update_details (DmlWindow *self)
{
  DmlSweep *sweep = dml_chart_get_sweep (self->chart);
  int pinned = dml_chart_get_pinned (self->chart);

  if (sweep != NULL && pinned >= 0 && (guint) pinned < sweep->n_points)
    {
      const DmlPoint *point = &sweep->points[pinned];
      g_autofree char *text = dml_report_point_text_full (&sweep->params, point, FALSE);

      gtk_label_set_text (self->details, g_strchomp (text));
      fill_parts (self, &sweep->params, point);
      gtk_widget_set_visible (GTK_WIDGET (self->details_revealer), TRUE);
      gtk_revealer_set_reveal_child (self->details_revealer, TRUE);
    }
  else
    {
      /* A hidden revealer would still ask for its child's width. */
      gtk_revealer_set_reveal_child (self->details_revealer, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->details_revealer), FALSE);
    }
}
