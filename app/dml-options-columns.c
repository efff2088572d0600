/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-options-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "dml-format.h"
#include "dml-options.h"

/* The Options table's rows and columns: each row one DmlOption of a
 * ranked DmlOptions, each column a function from the option to its text
 * and tooltip. An option that cannot train the target says why in its
 * GPUs column, in short; its tooltip has the whole reason. */

#define DML_TYPE_OPTION_ROW (_dml_option_row_get_type ())
G_DECLARE_FINAL_TYPE (DmlOptionRow, _dml_option_row, DML, OPTION_ROW, GObject)

struct _DmlOptionRow
{
  GObject     parent_instance;
  DmlOptions *options;
  guint       index;
};

G_DEFINE_FINAL_TYPE (DmlOptionRow, _dml_option_row, G_TYPE_OBJECT)

void             _dml_options_columns_add (GtkColumnView *table);
gpointer         _dml_option_row_new      (DmlOptions    *options,
                                           guint          index);
const DmlOption *_dml_option_row_get      (gpointer       row);

static void
_dml_option_row_finalize (GObject *object)
{
  DmlOptionRow *self = DML_OPTION_ROW (object);

  g_clear_pointer (&self->options, dml_options_unref);
  G_OBJECT_CLASS (_dml_option_row_parent_class)->finalize (object);
}

static void
_dml_option_row_class_init (DmlOptionRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = _dml_option_row_finalize;
}

static void
_dml_option_row_init (DmlOptionRow *self)
{
}

gpointer
_dml_option_row_new (DmlOptions *options,
                     guint       index)
{
  DmlOptionRow *self = g_object_new (DML_TYPE_OPTION_ROW, NULL);

  self->options = dml_options_ref (options);
  self->index = index;
  return self;
}

const DmlOption *
_dml_option_row_get (gpointer row)
{
  DmlOptionRow *self = DML_OPTION_ROW (row);

  return &self->options->options[self->index];
}

typedef char *(*CellFunc) (const DmlOptions *options,
                           const DmlOption  *o,
                           guint             rank,
                           char            **tooltip);

static gboolean
feasible (const DmlOption *o)
{
  return o->status == DML_OPTION_FEASIBLE;
}

static char *
money (double usd)
{
  return isnan (usd) ? g_strdup ("—") : dml_format_usd (usd);
}

static char *
decades_text (double decades)
{
  return isnan (decades) ? g_strdup ("—") : g_strdup_printf ("%+.2f", decades);
}

static char *
rank_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  return g_strdup_printf ("%u", rank + 1);
}

static char *
name_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  const char *where = o->offering == NULL ? _("The hardware of the design in the sidebar")
                      : o->offering->on_premises ? _("On premises: bought, not rented")
                      : _("Rented from a cloud provider");

  if (o->offering != NULL)
    *tooltip = g_strdup_printf ("%s — %s\n%s", o->offering->provider, where, o->offering->id);
  else
    *tooltip = g_strdup (where);
  return g_strdup (o->name);
}

/* The scale-out rate per GPU the model uses, and whether a measurement
 * gives it or the spec sheet (times the fabric fraction). */
static char *
scaleout_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  g_autofree char *rate = NULL;
  const DmlSourced *s;

  if (o->offering == NULL)
    {
      rate = dml_format_quantity (options->params.scaleout_bandwidth, "B/s");
      *tooltip = g_strdup (_("The design’s own scale-out bandwidth per GPU"));
      /* TRANSLATORS: the scale-out rate's source: the design's field */
      return g_strdup_printf ("%s · %s", rate, _("design"));
    }

  s = &o->offering->scaleout;
  rate = dml_format_quantity (s->value, "B/s");
  {
    g_autofree char *rows = s->sources != NULL ? g_strjoinv ("\n", s->sources) : g_strdup ("");

    *tooltip = g_strdup_printf ("%s: %s\n%s", dml_origin_label (s->origin), s->note != NULL ? s->note : "", rows);
  }
  return g_strdup_printf ("%s · %s", rate, s->origin == DML_ORIGIN_MEASURED ? _("measured") : _("from spec"));
}

static const char *
short_reason (DmlOptionStatus status)
{
  switch (status)
    {
    case DML_OPTION_CLUSTER_TOO_SMALL:
      return _("Cluster too small");
    case DML_OPTION_OVER_SITE_POWER:
      return _("Over the site’s power");
    case DML_OPTION_DOES_NOT_FIT:
      return _("Does not fit in memory");
    case DML_OPTION_TOO_SLOW:
      return _("Too slow");
    case DML_OPTION_FEASIBLE:
    case DML_N_OPTION_STATUSES:
    default:
      return "";
    }
}

static char *
gpus_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  const DmlLayout *l = &o->point.layout;
  g_autofree char *cluster = o->max_cluster > 0 ? g_strdup_printf ("%.0f", o->max_cluster) : g_strdup (_("not stated"));

  if (!feasible (o))
    {
      *tooltip = g_strdup_printf ("%s\n%s %s", dml_option_status_label (o->status), _("Largest cluster:"), cluster);
      return g_strdup (short_reason (o->status));
    }
  /* TRANSLATORS: the best layout of the GPUs; the largest cluster offered */
  *tooltip = g_strdup_printf (_("Data %g × tensor %g×%g × pipeline %g, experts %g, %g microbatches\n"
                                "Largest cluster: %s"), l->dp, l->tx, l->ty, l->pp, l->ep, l->m, cluster);
  return g_strdup_printf ("%'.0f", o->point.gpus);
}

static char *
utilization_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  return feasible (o) ? dml_format_percent (o->utilization) : g_strdup ("—");
}

static char *
days_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  return feasible (o) ? g_strdup_printf ("%.1f", o->days) : g_strdup ("—");
}

static char *
rent_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  g_autofree char *price = NULL;

  if (isnan (o->price))
    {
      /* TRANSLATORS: a price kind (on-demand, reserved, spot) */
      *tooltip = g_strdup_printf (_("The reference has no %s price for it"), dml_price_kind_label (o->price_kind));
      return g_strdup ("—");
    }
  price = dml_format_usd (o->price);
  /* TRANSLATORS: price per GPU-hour, and when the source read it */
  *tooltip = o->price_date != NULL ? g_strdup_printf (_("%s per GPU-hour, as of %s"), price, o->price_date)
                                   : g_strdup_printf (_("%s per GPU-hour"), price);
  return money (o->rent_cost);
}

static char *
own_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  if (isnan (o->own.total))
    {
      *tooltip = g_strdup (_("The reference has no purchase price for it"));
      return g_strdup ("—");
    }
  {
    g_autofree char *total = dml_format_usd (o->own.total);
    g_autofree char *hardware = dml_format_usd (o->own.hardware);
    g_autofree char *facility = dml_format_usd (o->own.facility);
    g_autofree char *energy = dml_format_usd (o->own.energy);

    /* TRANSLATORS: an owned GPU-hour's cost and its parts */
    *tooltip = g_strdup_printf (_("%s per GPU-hour owned: hardware %s, facility %s, energy %s"), total, hardware,
                                facility, energy);
  }
  return money (o->own_cost);
}

static char *
energy_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  return feasible (o) ? dml_format_quantity (o->energy, "Wh") : g_strdup ("—");
}

static char *
power_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  return feasible (o) ? dml_format_quantity (o->facility_power, "W") : g_strdup ("—");
}

static char *
co2_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  return feasible (o) ? dml_format_si (o->emissions, "t", 3) : g_strdup ("—");
}

static char *
network_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  if (!isnan (o->network_onset))
    {
      g_autofree char *onset = dml_format_power_of_ten (o->network_onset, 2);

      /* TRANSLATORS: where the network starts to cost utilization */
      *tooltip = g_strdup_printf (_("Network onset at %s FLOP"), onset);
    }
  return decades_text (o->network_headroom);
}

static char *
mark_80_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  if (!isnan (o->max_at_80))
    {
      g_autofree char *mark = dml_format_power_of_ten (o->max_at_80, 2);

      /* TRANSLATORS: the largest run at 80% of the plateau's utilization */
      *tooltip = g_strdup_printf (_("The 80%% mark at %s FLOP"), mark);
    }
  return decades_text (o->headroom_80);
}

static char *
fewest_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  g_autofree char *cost = NULL;

  if (isnan (o->fewest_gpus))
    return g_strdup ("—");
  if (isnan (o->fewest_cost))
    return g_strdup_printf ("%'.0f", o->fewest_gpus);
  cost = dml_format_usd (o->fewest_cost);
  return g_strdup_printf ("%'.0f (%s)", o->fewest_gpus, cost);
}

static char *
budget_cell (const DmlOptions *options, const DmlOption *o, guint rank, char **tooltip)
{
  if (options->budget <= 0 || isnan (o->budget_flop))
    return g_strdup ("—");
  return dml_format_power_of_ten (o->budget_flop, 2);
}

static const struct
{
  const char *title;
  const char *tooltip;
  CellFunc    func;
  gboolean    numeric;
} columns[] = {
  { "#", N_("Rank by cost; those that cannot train the target come last"), rank_cell, TRUE },
  { N_("Offering"), N_("The system as offered, or the design’s own hardware"), name_cell, FALSE },
  { N_("Scale-out"), N_("Scale-out bandwidth per GPU the model uses: measured (nccl-tests) or from the spec sheet"),
    scaleout_cell, FALSE },
  { N_("GPUs"), N_("GPUs of the best layout within the largest cluster offered"), gpus_cell, TRUE },
  { N_("Util."), N_("Utilization of peak compute"), utilization_cell, TRUE },
  { N_("Days"), N_("Days to train"), days_cell, TRUE },
  { N_("Rent"), N_("Cost rented, at the price kind chosen"), rent_cell, TRUE },
  { N_("Own"), N_("Cost owned: hardware depreciation, facility and energy"), own_cell, TRUE },
  { N_("Energy"), N_("Energy the site draws over the run"), energy_cell, TRUE },
  { N_("Peak power"), N_("Peak power of the facility"), power_cell, TRUE },
  { N_("CO₂"), N_("Emissions of the run"), co2_cell, TRUE },
  { N_("Δ network"), N_("Decades of compute from the target to the network onset; negative: past it"), network_cell,
    TRUE },
  /* xgettext:no-c-format */
  { N_("Δ 80%"), N_("Decades of compute from the target to the 80% mark"), mark_80_cell, TRUE },
  { N_("Fewest GPUs"), N_("Goal seek: the fewest GPUs, in whole scale-up domains, that train the target in time, and "
                          "their cost"), fewest_cell, TRUE },
  { N_("Budget buys"), N_("Goal seek: the largest compute the budget buys"), budget_cell, TRUE },
};

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  guint c = GPOINTER_TO_UINT (user_data);

  gtk_label_set_xalign (GTK_LABEL (label), columns[c].numeric ? 1 : 0);
  if (columns[c].numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  DmlOptionRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  guint c = GPOINTER_TO_UINT (user_data);
  g_autofree char *tooltip = NULL;
  g_autofree char *text = columns[c].func (row->options, &row->options->options[row->index], row->index, &tooltip);

  gtk_label_set_text (GTK_LABEL (label), text);
  /* GTK 4.8's column headers take no tooltip: each cell explains its
   * column where it has nothing of its own to say. */
  gtk_widget_set_tooltip_text (label, tooltip != NULL ? tooltip : _(columns[c].tooltip));
  if (c == 3 && row->options->options[row->index].status != DML_OPTION_FEASIBLE)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

void
_dml_options_columns_add (GtkColumnView *table)
{
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (c == 0 ? columns[c].title : _(columns[c].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, c == 1);
      gtk_column_view_append_column (table, column);
      g_object_unref (column);
    }
}
