/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dml-chart-export.h"
#include "dml-compare.h"
#include "dml-design.h"
#include "dml-engine.h"
#include "dml-error.h"
#include "dml-file.h"
#include "dml-format.h"
#include "dml-json.h"
#include "dml-preset.h"
#include "dml-report.h"
#include "dml-measured-runs.h"
#include "dml-production-runs.h"
#include "dml-option-curves.h"
#include "dml-options.h"
#include "dml-sensitivity.h"

#include "dml-cli-private.h"

/* The drawing commands: only dmlimits-cli-draw links them, with cairo
 * and pango; dmlimits-cli hands them over (dml_cli_exec_draw ()). */
const gboolean dml_cli_draws = TRUE;

static gboolean opt_no_takeaway;
static char **opt_pin_runs;
static gboolean opt_other_overlap;
static char *opt_days;
static char *opt_price;

/* The default target of --view options, as in the app's Options view. */
#define OPTIONS_DEFAULT_FLOP 1e27

/* "1920x1080", nothing more, each side from 64 to 16384. */
static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  guint64 w, h;
  char *end;

  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  w = g_ascii_strtoull (text, &end, 10);
  if (*end != 'x' || !g_ascii_isdigit (end[1]))
    return FALSE;
  h = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0' || w < 64 || h < 64 || w > 16384 || h > 16384)
    return FALSE;

  *width = w;
  *height = h;
  return TRUE;
}

static void
init_style (DmlChartStyle *style)
{
  dml_chart_style_init (style, opt_theme != NULL && g_str_equal (opt_theme, "dark"));
  style->transparent = opt_transparent;
  if (opt_text == NULL || g_str_equal (opt_text, "slide"))
    style->font_scale = DML_CHART_SLIDE_TEXT_SCALE;
}

/* render --view options: the Options view's chart of one design, for
 * the target of --flop and --days, ranked by the cost of --price. */
static int
render_options (GPtrArray       *designs,
                DmlExportFormat  format,
                int              width,
                int              height)
{
  g_autoptr(DmlOptions) options = NULL;
  g_autoptr(DmlOptionCurves) curves = NULL;
  g_autoptr(GError) error = NULL;
  DmlOptionsChartSpec spec = { 0 };
  DmlPriceKind kind = DML_PRICE_ON_DEMAND;
  DmlChartStyle style;
  DmlParams params;
  double flop = OPTIONS_DEFAULT_FLOP;

  if (designs->len != 1)
    {
      dml_cli_print_error (_("--view options draws one design, without runs or bands"));
      return EXIT_USAGE;
    }
  if (opt_price != NULL && !dml_price_kind_from_id (opt_price, &kind))
    {
      dml_cli_print_error (_("--price: must be on-demand, reserved, spot or own"));
      return EXIT_USAGE;
    }
  dml_design_get_params (designs->pdata[0], &params);
  if (opt_flop != NULL && !dml_cli_parse_flop (opt_flop, "--flop", &flop))
    return EXIT_USAGE;
  if (!(flop >= 1 && flop <= 1e50))
    {
      dml_cli_print_error (_("--flop: must be between 1 and 1e50"));
      return EXIT_USAGE;
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

  if ((options = dml_options_new (&params, flop, kind, 0, NULL, &error)) == NULL ||
      (curves = dml_option_curves_new (&params, kind, NULL, NULL, NULL, &error)) == NULL)
    {
      dml_cli_print_error (error->message);
      return EXIT_INVALID;
    }

  spec.curves = curves;
  spec.options = options;
  spec.title = opt_title;
  spec.subtitle = opt_subtitle;
  init_style (&style);
  if (!dml_options_export (opt_output, format, width, height, opt_scale, &style, &spec, &error))
    {
      dml_cli_print_error (error->message);
      return EXIT_INVALID;
    }
  return EXIT_OK;
}

int
dml_cli_command_render (int    argc,
                        char **argv)
{
  static const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("The picture to write: .png, .svg or .pdf"), N_("FILE") },
    { "size", 's', 0, G_OPTION_ARG_STRING, &opt_size, N_("Width and height (default 1920x1080)"), N_("WxH") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &opt_scale, N_("Pixels per unit for PNG (default 1)"), N_("S") },
    { "title", 't', 0, G_OPTION_ARG_STRING, &opt_title, N_("Title (default: the design’s name)"), N_("TITLE") },
    { "subtitle", 0, 0, G_OPTION_ARG_STRING, &opt_subtitle, N_("Subtitle"), N_("TEXT") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &opt_theme, N_("light (default) or dark"), N_("THEME") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &opt_view, N_("utilization (default), layout, time, cost, timeline or options"), N_("VIEW") },
    { "flop", 'c', 0, G_OPTION_ARG_STRING, &opt_flop, N_("The target's training compute for --view options (default 1e27)"), N_("C") },
    { "days", 0, 0, G_OPTION_ARG_STRING, &opt_days, N_("Train within D days, for --view options (default: the design's duration)"), N_("D") },
    { "price", 0, 0, G_OPTION_ARG_STRING, &opt_price, N_("Cost for --view options: on-demand (default), reserved, spot or own"), N_("KIND") },
    { "multiples", 0, 0, G_OPTION_ARG_NONE, &opt_multiples, N_("Several designs side by side, not overlaid"), NULL },
    { "runs", 0, 0, G_OPTION_ARG_NONE, &opt_show_runs, N_("Draw production runs at their compute and MFU (utilization view of one design)"), NULL },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &opt_transparent, N_("Leave the background transparent"), NULL },
    { "text", 0, 0, G_OPTION_ARG_STRING, &opt_text, N_("Text size: slide (default, 28 px and up at 1080p) or document"), N_("SIZE") },
    { "bands", 0, 0, G_OPTION_ARG_NONE, &opt_bands, N_("Shade P10–P90 of utilization over samples of the uncertain inputs (utilization or timeline view of one design)"), NULL },
    { "no-takeaway", 0, 0, G_OPTION_ARG_NONE, &opt_no_takeaway, N_("Leave out the one-line takeaway under the title (utilization and comparisons)"), NULL },
    { "other-overlap", 0, 0, G_OPTION_ARG_NONE, &opt_other_overlap, N_("Draw the curve under the other overlap assumption too, dashed: the paper’s bound or today’s practice (utilization view of one design)"), NULL },
    { "pin-run", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_pin_runs, N_("Label this production run by name (its id or model; again for more)"), N_("RUN") },
    { "samples", 'n', 0, G_OPTION_ARG_INT, &opt_samples, N_("Samples for --bands (default 1000)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &opt_seed, N_("Seed for --bands (default 1)"), N_("S") },
    { NULL }
  };
  g_autoptr(GPtrArray) designs = NULL;
  g_autoptr(GPtrArray) sweeps = NULL;
  g_autoptr(DmlUncertainty) uncertainty = NULL;
  g_autoptr(DmlSweep) other = NULL;
  g_autofree char *run_label = NULL;
  g_autoptr(GArray) pinned = NULL;
  guint64 seed;
  g_autoptr(GError) error = NULL;
  DmlChartSpec spec = { DML_CHART_UTILIZATION, NULL, NULL, NULL, TRUE, -1, -1 };
  DmlChartStyle style;
  DmlExportFormat format;
  int width = 1920, height = 1080;
  int code;

  if ((code = dml_cli_parse_options ("render", "DESIGN… -o FILE", entries, &argc, &argv)) >= 0)
    return code;

  if (opt_output == NULL || !dml_export_format_from_path (opt_output, &format))
    {
      dml_cli_print_error (_("render needs -o FILE ending in .png, .svg or .pdf"));
      return EXIT_USAGE;
    }
  if (opt_size != NULL && !parse_size (opt_size, &width, &height))
    {
      dml_cli_print_error (_("--size must be WIDTHxHEIGHT, each from 64 to 16384, e.g. 1920x1080"));
      return EXIT_USAGE;
    }
  if (!(opt_scale >= 0.25 && opt_scale <= 8))
    {
      dml_cli_print_error (_("--scale must be from 0.25 to 8"));
      return EXIT_USAGE;
    }
  if (opt_theme != NULL && !g_str_equal (opt_theme, "light") && !g_str_equal (opt_theme, "dark"))
    {
      dml_cli_print_error (_("--theme must be light or dark"));
      return EXIT_USAGE;
    }
  if (opt_text != NULL && !g_str_equal (opt_text, "slide") && !g_str_equal (opt_text, "document"))
    {
      dml_cli_print_error (_("--text must be slide or document"));
      return EXIT_USAGE;
    }
  if (opt_view != NULL)
    {
      gboolean found = FALSE;

      for (DmlChartView view = 0; view < DML_N_CHART_VIEWS && !found; view++)
        if (g_str_equal (opt_view, dml_chart_view_id (view)))
          spec.view = view, found = TRUE;
      if (!found && !g_str_equal (opt_view, "options"))
        {
          dml_cli_print_error (_("--view must be utilization, layout, time, cost, timeline or options"));
          return EXIT_USAGE;
        }
    }
  if ((opt_flop != NULL || opt_days != NULL || opt_price != NULL) && g_strcmp0 (opt_view, "options") != 0)
    {
      dml_cli_print_error (_("--flop, --days and --price are for --view options"));
      return EXIT_USAGE;
    }
  if (g_strcmp0 (opt_view, "options") == 0 && (opt_show_runs || opt_bands || opt_multiples || opt_other_overlap ||
                                                  opt_pin_runs != NULL))
    {
      dml_cli_print_error (_("--view options draws one design, without runs or bands"));
      return EXIT_USAGE;
    }

  if (opt_show_runs && (spec.view != DML_CHART_UTILIZATION || argc > 2))
    {
      dml_cli_print_error (_("--runs draws on the utilization view of one design"));
      return EXIT_USAGE;
    }

  if (opt_other_overlap && (spec.view != DML_CHART_UTILIZATION || argc > 2))
    {
      dml_cli_print_error (_("--other-overlap draws on the utilization view of one design"));
      return EXIT_USAGE;
    }

  if (opt_bands && ((spec.view != DML_CHART_UTILIZATION && spec.view != DML_CHART_TIMELINE) || argc > 2))
    {
      dml_cli_print_error (_("--bands draws on the utilization or timeline view of one design"));
      return EXIT_USAGE;
    }
  if (opt_samples < 1 || opt_samples > 1000000)
    {
      dml_cli_print_error (_("--samples must be between 1 and 1000000"));
      return EXIT_USAGE;
    }
  if (!dml_cli_parse_seed (&seed))
    return EXIT_USAGE;

  if ((designs = dml_cli_load_designs (argc, argv, &code)) == NULL)
    return code;
  if (dml_cli_output_is_input (&code))
    return code;
  if (!dml_cli_apply_preset_to_all (designs, &code))
    return code;
  if (g_strcmp0 (opt_view, "options") == 0)
    return render_options (designs, format, width, height);
  if ((sweeps = dml_cli_sweep_designs (designs, &code)) == NULL)
    return code;

  /* A single design's given run, marked as the app marks it. */
  if (designs->len == 1)
    {
      DmlGivenRun given;

      if (dml_design_evaluate_run (designs->pdata[0], FALSE, &given, NULL))
        {
          g_autofree char *mfu = dml_format_percent (given.result.mfu);

          run_label = g_strdup_printf (_("This run: %s"), mfu);
          spec.run_flop = given.result.training_flop;
          spec.run_mfu = given.result.mfu;
          spec.run_label = run_label;
          spec.run_exceeds_memory = !given.result.fits;
        }
    }

  if (opt_bands)
    {
      DmlParams params;

      dml_design_get_params (designs->pdata[0], &params);
      if ((uncertainty = dml_uncertainty_new (&params, opt_samples, seed, 0, NULL, NULL, &error)) == NULL)
        {
          dml_cli_print_error (error->message);
          return EXIT_INVALID;
        }
      spec.uncertainty = uncertainty;
    }

  if (opt_other_overlap)
    {
      DmlParams params;

      dml_design_get_params (designs->pdata[0], &params);
      params.overlap = params.overlap == DML_OVERLAP_PAPER ? DML_OVERLAP_PRACTICE : DML_OVERLAP_PAPER;
      if ((other = dml_sweep_new (&params, NULL, &error)) == NULL)
        {
          dml_cli_print_error (error->message);
          return EXIT_INVALID;
        }
      spec.other = other;
    }

  spec.sweep = sweeps->pdata[0];
  spec.title = opt_title != NULL ? opt_title : designs->len == 1 ? dml_design_get_name (designs->pdata[0]) : NULL;
  spec.subtitle = opt_subtitle;
  spec.multiples = opt_multiples;
  spec.show_runs = opt_show_runs;
  spec.takeaway = !opt_no_takeaway;
  if (opt_pin_runs != NULL)
    {
      guint n_runs;
      const DmlProductionRun *runs = dml_production_runs (&n_runs);

      pinned = g_array_new (FALSE, FALSE, sizeof (guint));
      for (char **name = opt_pin_runs; *name != NULL; name++)
        {
          guint found = G_MAXUINT;

          for (guint i = 0; i < n_runs && found == G_MAXUINT; i++)
            if (g_strcmp0 (runs[i].id, *name) == 0 || g_strcmp0 (runs[i].model, *name) == 0)
              found = i;
          if (found == G_MAXUINT)
            {
              g_autofree char *message = g_strdup_printf (_("--pin-run: no production run is named “%s”"), *name);

              dml_cli_print_error (message);
              return EXIT_USAGE;
            }
          g_array_append_val (pinned, found);
        }
      spec.pinned_runs = (const guint *) pinned->data;
      spec.n_pinned_runs = pinned->len;
    }
  if (designs->len > 1)
    {
      spec.n_sweeps = designs->len;
      for (guint i = 0; i < designs->len; i++)
        {
          spec.sweeps[i] = sweeps->pdata[i];
          spec.names[i] = dml_design_get_name (designs->pdata[i]);
        }
    }

  init_style (&style);

  if (!dml_chart_export (opt_output, format, width, height, opt_scale, &style, &spec, &error))
    {
      dml_cli_print_error (error->message);
      return EXIT_INVALID;
    }

  return EXIT_OK;
}

int
dml_cli_draw_tornado (const char *path,
                      DmlDesign  *design,
                      gpointer    sensitivity,
                      double      factor)
{
  g_autofree char *title = g_strdup_printf (_("%s: each lever %g× better"), dml_design_get_name (design), factor);
  g_autoptr(GError) error = NULL;
  DmlExportFormat picture;
  DmlChartStyle style;

  if (!dml_export_format_from_path (path, &picture))
    g_assert_not_reached ();
  dml_chart_style_init (&style, FALSE);
  style.font_scale = DML_CHART_SLIDE_TEXT_SCALE;
  if (!dml_tornado_export (path, picture, 1920, 1080, 1, &style, sensitivity, DML_FIGURE_WALL, title, &error))
    {
      dml_cli_print_error (error->message);
      return EXIT_INVALID;
    }
  return EXIT_OK;
}
