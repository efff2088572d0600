/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "dml-design.h"
#include "dml-format.h"
#include "dml-offering.h"
#include "dml-options.h"

#include "dml-cli-private.h"

/* The investment question (docs/options.md): options and the offerings'
 * listing in presets --verbose. */

static char *opt_days;
static char *opt_budget;
static char *opt_price;
static gboolean opt_run;

static const char *
number_unit (const char *key)
{
  if (g_str_equal (key, "scaleup_domain") || g_str_equal (key, "max_cluster"))
    return NULL;
  if (g_str_equal (key, "latency") || g_str_equal (key, "scaleout_hop_latency"))
    return "s";
  if (g_str_equal (key, "power_per_gpu"))
    return "W";
  return "B/s";
}

static const char *
number_label (const char *key)
{
  static const struct { const char *key; const char *label; } labels[] = {
    { "scaleup_domain", N_("Scale-up domain (GPUs)") },
    { "scaleup_bandwidth", N_("Scale-up per GPU") },
    { "scaleout_spec", N_("Scale-out line rate per GPU") },
    { "scaleout", N_("Scale-out the model uses") },
    { "latency", N_("Small-message latency, 2 nodes") },
    { "scaleout_hop_latency", N_("Scale-out hop latency (t_out)") },
    { "max_cluster", N_("Largest cluster (GPUs)") },
    { "power_per_gpu", N_("Power per GPU") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (key, labels[i].key))
      return _(labels[i].label);
  return key;
}

static void
print_sourced (const char       *label,
               const char       *unit,
               const DmlSourced *s)
{
  g_autofree char *value = NULL;
  g_autofree char *rows = g_strjoinv ("; ", s->sources);
  GString *line = g_string_new ("    ");

  if (isnan (s->value))
    value = g_strdup (_("not in the reference"));
  else if (unit == NULL)
    value = g_strdup_printf ("%.0f", s->value);
  else if (g_str_equal (unit, "USD"))
    value = g_strdup_printf ("$%.4g", s->value);
  else
    value = dml_format_quantity (s->value, unit);

  dml_string_append_padded (line, label, 34);
  dml_string_append_padded (line, value, 22);
  dml_string_append_padded (line, isnan (s->value) ? "" : dml_origin_label (s->origin), 11);
  g_string_append (line, s->note);
  if (*rows != '\0')
    g_string_append_printf (line, " [%s]", rows);
  g_print ("%s\n", line->str);
  g_string_free (line, TRUE);
}

/* presets --verbose: each offering's numbers, how each was got, and the
 * rows of data/offerings/REFERENCE.md it comes from. */
void
dml_cli_print_offerings (void)
{
  const DmlOffering * const *offerings;
  guint n;

  offerings = dml_offerings (&n);
  g_print ("%s\n\n", _("Offerings (docs/options.md; sources are rows of data/offerings/REFERENCE.md):"));
  for (guint i = 0; i < n; i++)
    {
      const DmlOffering *o = offerings[i];

      g_print ("%s\n  %s — %s, %s; %s %s, %.0f %s\n", o->id, o->name, o->provider,
               o->on_premises ? _("on premises") : _("cloud"), _("GPU preset"), o->preset, o->gpus_per_node,
               _("GPUs per node"));
      for (guint k = 0; k < dml_offering_n_numbers (); k++)
        {
          const char *key;
          const DmlSourced *s = dml_offering_number (o, k, &key);

          print_sourced (number_label (key), number_unit (key), s);
        }
      for (guint p = 0; p < o->n_prices; p++)
        {
          g_autofree char *label = g_strdup_printf (_("Price, %s (%s, %s)"), dml_price_kind_label (o->prices[p].kind),
                                                    o->prices[p].basis, o->prices[p].date);

          print_sourced (label, "USD", &o->prices[p].usd_per_gpu_hour);
        }
      if (o->n_prices == 0)
        g_print ("    %s\n", _("No price in the reference"));
      if (o->notes != NULL && *o->notes != '\0')
        g_print ("    %s\n", o->notes);
      g_print ("\n");
    }
}

DML_CLI_FORMATS_OF (options, dml_options);

int
dml_cli_command_options (int    argc,
                         char **argv)
{
  static const GOptionEntry entries[] = {
    { "flop", 'c', 0, G_OPTION_ARG_STRING, &opt_flop, N_("The target's training compute, in FLOP"), N_("C") },
    { "run", 0, 0, G_OPTION_ARG_NONE, &opt_run, N_("The target is the design's given run: its compute"), NULL },
    { "days", 0, 0, G_OPTION_ARG_STRING, &opt_days, N_("Train within D days (default: the design's duration)"), N_("D") },
    { "budget", 0, 0, G_OPTION_ARG_STRING, &opt_budget, N_("Also the largest compute this budget buys on each offering"), N_("USD") },
    { "price", 0, 0, G_OPTION_ARG_STRING, &opt_price, N_("Rank by this cost: on-demand, reserved, spot or own"), N_("KIND") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text, csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(DmlOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  DmlPriceKind kind = DML_PRICE_ON_DEMAND;
  DmlParams params;
  double flop = NAN, budget = 0;
  const DmlCliFormat *format;
  int code;

  if ((code = dml_cli_begin ("options", "[DESIGN] (--flop C | --run)", entries, options_formats, &argc, &argv,
                             &format, &design)) >= 0)
    return code;

  if ((opt_flop == NULL) == !opt_run)
    {
      dml_cli_print_error (_("options needs either --flop C or --run"));
      return EXIT_USAGE;
    }
  if (opt_price != NULL && !dml_price_kind_from_id (opt_price, &kind))
    {
      dml_cli_print_error (_("--price: must be on-demand, reserved, spot or own"));
      return EXIT_USAGE;
    }

  dml_design_get_params (design, &params);
  if (opt_flop != NULL)
    {
      if (!dml_cli_parse_flop (opt_flop, "--flop", &flop))
        return EXIT_USAGE;
      if (!(flop >= 1 && flop <= 1e50))
        {
          dml_cli_print_error (_("--flop: must be between 1 and 1e50"));
          return EXIT_USAGE;
        }
    }
  else
    {
      DmlGivenRun given;

      if (!dml_design_evaluate_run (design, FALSE, &given, &error))
        {
          dml_cli_print_error (error != NULL ? error->message : _("The design has no given run"));
          return EXIT_INVALID;
        }
      flop = given.result.training_flop;
    }
  if (opt_days != NULL)
    {
      double days;

      if (!dml_cli_parse_flop (opt_days, "--days", &days))
        return EXIT_USAGE;
      if (!dml_params_check_field (dml_field_lookup ("training-days"), days, &error))
        {
          g_autofree char *message = g_strdup_printf ("--days: %s", error->message);

          dml_cli_print_error (message);
          return EXIT_USAGE;
        }
      params.training_days = days;
    }
  if (opt_budget != NULL)
    {
      if (!dml_cli_parse_flop (opt_budget, "--budget", &budget))
        return EXIT_USAGE;
      if (!(budget > 0 && isfinite (budget)))
        {
          dml_cli_print_error (_("--budget: must be a positive number of US dollars"));
          return EXIT_USAGE;
        }
    }

  options = dml_options_new (&params, flop, kind, budget, NULL, &error);
  if (options == NULL)
    {
      dml_cli_print_error (error->message);
      return EXIT_INVALID;
    }

  return dml_cli_write_format (format, options, design);
}
