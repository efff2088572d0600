/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dmlimits-cli"

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
#include "dml-calibration.h"
#include "dml-compare.h"
#include "dml-csv.h"
#include "dml-design.h"
#include "dml-engine.h"
#include "dml-error.h"
#include "dml-file.h"
#include "dml-format.h"
#include "dml-json.h"
#include "dml-preset.h"
#include "dml-report.h"
#include "dml-run-file.h"
#include "dml-sensitivity.h"

enum {
  EXIT_OK = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  int       (*run) (int argc, char **argv);
} Command;

static char *opt_preset;
static char *opt_format;
static char *opt_output;
static char *opt_from;
static char *opt_to;
static char *opt_flop;
static int opt_per_decade = G_MININT;
static int opt_runs = 21;
static gboolean opt_verbose;
static char *opt_size;
static double opt_scale = 1;
static char *opt_title;
static char *opt_subtitle;
static char *opt_theme;
static char *opt_view;
static char *opt_at;
static gboolean opt_multiples;
static gboolean opt_show_runs;
static double opt_factor = 2;
static gboolean opt_transparent;
static char *opt_text;
static int opt_samples = 1000;
static char *opt_seed;
static gboolean opt_bands;

/* The design files read, so that -o never writes over one of them. */
static GPtrArray *input_paths;

static const GOptionEntry design_entries[] = {
  { "preset", 'p', 0, G_OPTION_ARG_STRING, &opt_preset, N_("Paper-baseline workload on this hardware preset"), N_("ID") },
  { NULL }
};

/* Messages may quote a design's name or a key from a file: never let
 * their control characters reach the terminal. */
static void
print_error (const char *message)
{
  g_autofree char *printable = dml_format_printable (message);

  g_printerr ("dmlimits-cli: %s\n", printable);
}

/* Parses @argc/@argv with the design options plus @entries. Returns the
 * exit code to stop with, or -1 to go on. */
static int
parse_options (const char         *command,
               const char         *args,
               const GOptionEntry *entries,
               int                *argc,
               char             ***argv)
{
  g_autofree char *parameter = g_strdup_printf ("%s %s", command, args);
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, design_entries, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error (error->message);
      return EXIT_USAGE;
    }

  return -1;
}

static gboolean
parse_flop (const char  *text,
            const char  *option,
            double      *value)
{
  /* In decimal, as a design gives it: not "0x1p90". */
  if (!dml_csv_parse_number (text, value, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("%s: “%s” is not a number; write it as e.g. 1e28"), option, text);
      print_error (message);
      return FALSE;
    }

  return TRUE;
}

/* A design file, or the id of a shipped design ("paper-baseline") when no
 * such file exists. */
static DmlDesign *
load_one (const char *arg,
          int        *exit_code)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (arg);
  g_autoptr(GError) error = NULL;
  DmlDesign *design;
  g_auto(GStrv) shipped = dml_design_list_shipped ();

  if (!g_file_query_exists (file, NULL) && g_strv_contains ((const char * const *) shipped, arg))
    return dml_design_new_shipped (arg, NULL);

  design = dml_design_new_from_file (file, NULL, &error);
  if (design == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", arg, error->message);

      print_error (message);
      *exit_code = EXIT_INVALID;
      return NULL;
    }

  for (const char * const *w = dml_design_get_warnings (design); *w != NULL; w++)
    {
      g_autofree char *message = g_strdup_printf (_("%s: warning: %s"), arg, *w);

      print_error (message);
    }

  if (input_paths == NULL)
    input_paths = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (input_paths, g_file_get_path (file));

  return design;
}

/* Every design named on the command line, at least one (the paper
 * baseline when none is named) and at most DML_COMPARE_MAX_DESIGNS. */
static GPtrArray *
load_designs (int    argc,
              char **argv,
              int   *exit_code)
{
  g_autoptr(GPtrArray) designs = g_ptr_array_new_with_free_func (g_object_unref);

  if (argc - 1 > DML_COMPARE_MAX_DESIGNS)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("Give at most %d design", "Give at most %d designs",
                                                            DML_COMPARE_MAX_DESIGNS),
                                                  DML_COMPARE_MAX_DESIGNS);

      print_error (message);
      *exit_code = EXIT_USAGE;
      return NULL;
    }

  for (int i = 1; i < argc; i++)
    {
      DmlDesign *design = load_one (argv[i], exit_code);

      if (design == NULL)
        return NULL;
      g_ptr_array_add (designs, design);
    }

  if (designs->len == 0)
    g_ptr_array_add (designs, dml_design_new ());

  return g_steal_pointer (&designs);
}

/* --preset's hardware over @design, and " on <GPU>" after its name. */
static gboolean
apply_preset (DmlDesign *design,
              int       *exit_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (opt_preset == NULL)
    return TRUE;

  if (!dml_design_apply_preset (design, opt_preset, &error))
    {
      print_error (error->message);
      *exit_code = EXIT_INVALID;
      return FALSE;
    }

  name = g_strdup_printf (_("%s on %s"), dml_design_get_name (design), dml_preset_lookup (opt_preset)->name);
  dml_design_set_name (design, name);
  return TRUE;
}

/* The design named on the command line, else the paper baseline; then
 * --preset's hardware over it. */
static DmlDesign *
load_design (int    argc,
             char **argv,
             int   *exit_code)
{
  g_autoptr(DmlDesign) design = NULL;

  if (argc > 2)
    {
      print_error (_("Give at most one design file"));
      *exit_code = EXIT_USAGE;
      return NULL;
    }

  if (argc == 2)
    {
      design = load_one (argv[1], exit_code);
      if (design == NULL)
        return NULL;
    }
  else
    design = dml_design_new ();

  if (!apply_preset (design, exit_code))
    return NULL;

  return g_steal_pointer (&design);
}

/* -o names a design that was read: refused, whatever the output's
 * format, so that a slip of the shell's history cannot replace a design
 * with CSV. */
static gboolean
output_is_input (int *exit_code)
{
  for (guint i = 0; opt_output != NULL && input_paths != NULL && i < input_paths->len; i++)
    if (dml_file_same (opt_output, input_paths->pdata[i]))
      {
        g_autofree char *message = g_strdup_printf (_("-o %s is the design being read; "
                                                      "write the output to another file"), opt_output);

        print_error (message);
        *exit_code = EXIT_USAGE;
        return TRUE;
      }

  return FALSE;
}

static int
write_output (const char *text)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  int code;

  if (opt_output == NULL || g_str_equal (opt_output, "-"))
    {
      g_autofree char *printable = isatty (STDOUT_FILENO) ? dml_format_printable (text) : NULL;

      if (fputs (printable != NULL ? printable : text, stdout) < 0 || fflush (stdout) != 0)
        {
          g_autofree char *message = g_strdup_printf (_("Could not write to standard output: %s"),
                                                      g_strerror (errno));
          print_error (message);
          return EXIT_INVALID;
        }
      return EXIT_OK;
    }

  if (output_is_input (&code))
    return code;

  file = g_file_new_for_commandline_arg (opt_output);
  if (!dml_file_replace (file, text, strlen (text), &error))
    {
      print_error (error->message);
      return EXIT_INVALID;
    }

  return EXIT_OK;
}

/* --format: one of @allowed, the first by default. NULL (and a usage
 * error in @exit_code) for anything else. */
static const char *
choose_format (const char * const *allowed,
               int                *exit_code)
{
  g_autofree char *list = NULL;
  g_autofree char *message = NULL;

  if (opt_format == NULL)
    return allowed[0];
  if (g_strv_contains (allowed, opt_format))
    return opt_format;

  list = g_strjoinv (", ", (char **) allowed);
  message = g_strdup_printf (_("--format must be one of: %s"), list);
  print_error (message);
  *exit_code = EXIT_USAGE;
  return NULL;
}

static DmlSweep *
run_sweep (DmlParams *params,
           int       *exit_code)
{
  g_autoptr(GError) error = NULL;
  DmlSweep *sweep = dml_sweep_new (params, NULL, &error);

  if (sweep == NULL)
    {
      print_error (error->message);
      *exit_code = EXIT_INVALID;
    }

  return sweep;
}

static int
command_sweep (int    argc,
               char **argv)
{
  static const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from, N_("Smallest training compute, in FLOP"), N_("C") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &opt_to, N_("Largest training compute, in FLOP"), N_("C") },
    { "per-decade", 0, 0, G_OPTION_ARG_INT, &opt_per_decade, N_("Points per decade"), N_("N") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(DmlSweep) sweep = NULL;
  g_autofree char *text = NULL;
  DmlParams params;
  const char *format;
  int code;

  if ((code = parse_options ("sweep", "[DESIGN]", entries, &argc, &argv)) >= 0)
    return code;

  if ((format = choose_format ((const char *[]) { "csv", "json", NULL }, &code)) == NULL)
    return code;

  if ((design = load_design (argc, argv, &code)) == NULL)
    return code;

  dml_design_get_params (design, &params);
  if (opt_from != NULL && !parse_flop (opt_from, "--from", &params.sweep_from))
    return EXIT_USAGE;
  if (opt_to != NULL && !parse_flop (opt_to, "--to", &params.sweep_to))
    return EXIT_USAGE;
  if (opt_per_decade != G_MININT)
    {
      if (opt_per_decade < 1 || opt_per_decade > 1000)
        {
          print_error (_("--per-decade must be a whole number from 1 to 1000"));
          return EXIT_USAGE;
        }
      params.per_decade = opt_per_decade;
    }

  if ((sweep = run_sweep (&params, &code)) == NULL)
    return code;

  if (g_str_equal (format, "json"))
    text = dml_report_json (sweep, dml_design_get_name (design));
  else
    text = dml_report_csv (sweep);

  return write_output (text);
}

static int
command_summary (int    argc,
                 char **argv)
{
  static const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(DmlSweep) sweep = NULL;
  g_autofree char *text = NULL;
  DmlParams params;
  const char *format;
  int code;

  if ((code = parse_options ("summary", "[DESIGN]", entries, &argc, &argv)) >= 0)
    return code;

  if ((format = choose_format ((const char *[]) { "text", "json", NULL }, &code)) == NULL)
    return code;

  if ((design = load_design (argc, argv, &code)) == NULL)
    return code;

  dml_design_get_params (design, &params);
  if ((sweep = run_sweep (&params, &code)) == NULL)
    return code;

  if (g_str_equal (format, "json"))
    text = dml_report_summary_json (&sweep->summary);
  else
    {
      g_autofree char *body = dml_report_summary_text (&sweep->summary);
      text = g_strdup_printf ("%s\n%s", dml_design_get_name (design), body);
    }

  return write_output (text);
}

static int
command_timeline (int    argc,
                  char **argv)
{
  static const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text, csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(DmlSweep) sweep = NULL;
  g_autofree char *text = NULL;
  DmlParams params;
  const char *format;
  int code;

  if ((code = parse_options ("timeline", "[DESIGN]", entries, &argc, &argv)) >= 0)
    return code;

  if ((format = choose_format ((const char *[]) { "text", "csv", "json", NULL }, &code)) == NULL)
    return code;

  if ((design = load_design (argc, argv, &code)) == NULL)
    return code;
  if (output_is_input (&code))
    return code;

  dml_design_get_params (design, &params);
  if ((sweep = run_sweep (&params, &code)) == NULL)
    return code;

  if (g_str_equal (format, "json"))
    text = dml_report_timeline_json (sweep, dml_design_get_name (design));
  else if (g_str_equal (format, "csv"))
    text = dml_report_timeline_csv (sweep);
  else
    text = dml_report_timeline_text (sweep, dml_design_get_name (design));

  return write_output (text);
}

static int
command_point (int    argc,
               char **argv)
{
  static const GOptionEntry entries[] = {
    { "flop", 'c', 0, G_OPTION_ARG_STRING, &opt_flop, N_("Training compute, in FLOP"), N_("C") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  DmlParams params;
  DmlPoint point;
  double flop;
  int code;

  if ((code = parse_options ("point", "[DESIGN] --flop C", entries, &argc, &argv)) >= 0)
    return code;

  if (opt_flop == NULL)
    {
      print_error (_("point needs --flop C, e.g. --flop 1e28"));
      return EXIT_USAGE;
    }
  if (!parse_flop (opt_flop, "--flop", &flop))
    return EXIT_USAGE;
  if (!(flop >= 1 && flop <= 1e50))
    {
      print_error (_("--flop: must be between 1 and 1e50"));
      return EXIT_INVALID;
    }

  if ((design = load_design (argc, argv, &code)) == NULL)
    return code;

  dml_design_get_params (design, &params);
  if (!dml_params_validate (&params, problems))
    {
      print_error (g_ptr_array_index (problems, 0));
      return EXIT_INVALID;
    }

  dml_point_search (&params, flop, NULL, &point, NULL);
  text = dml_report_point_text (&params, &point);

  return write_output (text);
}

static int
command_validate (int    argc,
                  char **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmlDesign) design = NULL;
  g_auto(GStrv) lines = NULL;
  int code;

  if ((code = parse_options ("validate", "DESIGN", NULL, &argc, &argv)) >= 0)
    return code;

  if (argc != 2)
    {
      print_error (_("validate needs exactly one design file"));
      return EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  design = dml_design_new_from_file (file, NULL, &error);
  if (design != NULL)
    {
      /* Unknown keys do not make a design invalid, but say so. */
      for (const char * const *w = dml_design_get_warnings (design); *w != NULL; w++)
        {
          g_autofree char *printable = dml_format_printable (*w);

          g_printerr (_("%s: warning: %s\n"), argv[1], printable);
        }
      return EXIT_OK;
    }

  lines = g_strsplit (error->message, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *printable = dml_format_printable (lines[i]);

      g_printerr ("%s: %s\n", argv[1], printable);
    }

  return EXIT_INVALID;
}

static int
command_presets (int    argc,
                 char **argv)
{
  static const GOptionEntry entries[] = {
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose, N_("Show each preset's numbers and sources"), NULL },
    { NULL }
  };
  const DmlPreset * const *presets;
  guint n;
  int code;

  if ((code = parse_options ("presets", "", entries, &argc, &argv)) >= 0)
    return code;

  if (argc > 1)
    {
      print_error (_("presets takes no arguments"));
      return EXIT_USAGE;
    }

  presets = dml_presets (&n);
  for (guint i = 0; i < n; i++)
    {
      const DmlPreset *p = presets[i];

      g_print ("%s\n", p->id);
      if (opt_verbose)
        {
          g_autofree char *flops = dml_format_quantity (p->hardware.peak_flops, "FLOP/s");
          g_autofree char *hbm = dml_format_quantity (p->hardware.hbm_bandwidth, "B/s");
          g_autofree char *cap = dml_format_quantity (p->hardware.hbm_capacity, "B");
          g_autofree char *up = dml_format_quantity (p->hardware.scaleup_bandwidth, "B/s");
          g_autofree char *out = dml_format_quantity (p->hardware.scaleout_bandwidth, "B/s");

          g_print ("  %s\n", p->name);
          g_print (_("  peak %s (%s), memory %s at %s\n"), flops, p->precision, cap, hbm);
          g_print (_("  scale-up %s in domains of %.0f, scale-out %s\n"), up, p->hardware.scaleup_domain, out);
          g_print ("  %s\n  %s\n  %s\n\n", p->direction, p->source, p->notes);
        }
    }

  return EXIT_OK;
}

/* --seed: a whole number 0 … 2^64 − 1; 1 without one. */
static gboolean
parse_seed (guint64 *seed)
{
  g_autoptr(GError) error = NULL;

  if (opt_seed == NULL)
    {
      *seed = 1;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (opt_seed, 10, 0, G_MAXUINT64, seed, &error))
    {
      g_autofree char *message = g_strdup_printf (_("--seed must be a whole number ≥ 0, got “%s”"), opt_seed);

      print_error (message);
      return FALSE;
    }
  return TRUE;
}

static int
command_uncertainty (int    argc,
                     char **argv)
{
  static const GOptionEntry entries[] = {
    { "samples", 'n', 0, G_OPTION_ARG_INT, &opt_samples, N_("Samples to draw (default 1000)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &opt_seed, N_("Seed of the samples (default 1)"), N_("S") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text, csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(DmlUncertainty) uncertainty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  DmlParams params;
  const char *format;
  guint64 seed;
  int code;

  if ((code = parse_options ("uncertainty", "[DESIGN]", entries, &argc, &argv)) >= 0)
    return code;
  if (opt_samples < 1 || opt_samples > 1000000)
    {
      print_error (_("--samples must be between 1 and 1000000"));
      return EXIT_USAGE;
    }
  if (!parse_seed (&seed))
    return EXIT_USAGE;
  if ((format = choose_format ((const char *[]) { "text", "csv", "json", NULL }, &code)) == NULL)
    return code;
  if ((design = load_design (argc, argv, &code)) == NULL)
    return code;
  if (output_is_input (&code))
    return code;

  dml_design_get_params (design, &params);
  uncertainty = dml_uncertainty_new (&params, opt_samples, seed, 0, NULL, NULL, &error);
  if (uncertainty == NULL)
    {
      print_error (error->message);
      return EXIT_INVALID;
    }

  if (g_str_equal (format, "json"))
    text = dml_report_uncertainty_json (uncertainty, &params, dml_design_get_name (design));
  else if (g_str_equal (format, "csv"))
    text = dml_report_uncertainty_csv (uncertainty);
  else
    text = dml_report_uncertainty_text (uncertainty, &params, dml_design_get_name (design));

  return write_output (text);
}

static int
command_run (int    argc,
             char **argv)
{
  static const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  DmlGivenRun given;
  DmlParams hw;
  const char *format;
  int code;

  if ((code = parse_options ("run", "DESIGN", entries, &argc, &argv)) >= 0)
    return code;
  if ((format = choose_format ((const char *[]) { "text", "json", NULL }, &code)) == NULL)
    return code;
  if ((design = load_design (argc, argv, &code)) == NULL)
    return code;
  if (output_is_input (&code))
    return code;
  if (!dml_design_evaluate_run (design, TRUE, &given, &error))
    {
      g_autofree char *message = error != NULL ? g_strdup_printf ("%s: %s", argv[1], error->message) : NULL;

      print_error (message != NULL ? message
                                   : _("The design gives no run: add its “model” and “layout” groups (docs/calibration.md)"));
      return EXIT_INVALID;
    }
  dml_design_get_params (design, &hw);

  if (g_str_equal (format, "json"))
    text = dml_report_run_json (&given, dml_design_get_name (design));
  else
    text = dml_report_run_text (&given, &hw, dml_design_get_name (design));
  return write_output (text);
}

static int
command_runs (int    argc,
              char **argv)
{
  static const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text, csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(DmlRunReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  const char *format;
  gsize length;
  int code;

  if ((code = parse_options ("runs", "FILE.csv", entries, &argc, &argv)) >= 0)
    return code;
  /* Each row names its own GPU. */
  if (opt_preset != NULL)
    {
      print_error (_("runs takes no --preset: each row of a runs file names its GPU in its “gpu” column"));
      return EXIT_USAGE;
    }
  if ((format = choose_format ((const char *[]) { "text", "csv", "json", NULL }, &code)) == NULL)
    return code;
  if (argc != 2)
    {
      print_error (_("runs needs one runs file (CSV), such as data/runs/measured-runs.csv"));
      return EXIT_USAGE;
    }
  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[1]);

    if (input_paths == NULL)
      input_paths = g_ptr_array_new_with_free_func (g_free);
    g_ptr_array_add (input_paths, g_file_get_path (file));
    if (output_is_input (&code))
      return code;

    /* 16 MB holds some 50 000 runs. */
    if (!dml_file_load (file, 16 << 20, NULL, &data, &length, &error) ||
        (report = dml_run_report_read (data, length, &error)) == NULL)
      {
        g_autofree char *message = g_strdup_printf ("%s: %s", argv[1], error->message);

        print_error (message);
        return EXIT_INVALID;
      }
  }

  text = dml_run_report_format (report, format);
  return write_output (text);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static int
command_bench (int    argc,
               char **argv)
{
  static const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &opt_runs, N_("Timed runs (default 21)"), N_("N") },
    { "samples", 0, 0, G_OPTION_ARG_INT, &opt_samples, N_("Uncertainty samples to time, three times (default 1000; 0: none)"), N_("N") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(GArray) sweep_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) point_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) point_best = NULL;
  DmlParams params;
  guint64 layouts = 0;
  guint n_points = 0;
  double worst_flop = 0, worst_ms = 0;
  int code;

  if ((code = parse_options ("bench", "[DESIGN]", entries, &argc, &argv)) >= 0)
    return code;
  if (opt_runs < 1)
    {
      print_error (_("--runs must be at least 1"));
      return EXIT_USAGE;
    }
  if (opt_samples < 0 || opt_samples > 1000000)
    {
      print_error (_("--samples must be between 0 and 1000000"));
      return EXIT_USAGE;
    }
  if ((design = load_design (argc, argv, &code)) == NULL)
    return code;

  /* The acceptance sweep: 1e21 to 1e33 at 20 points a decade. */
  dml_design_get_params (design, &params);
  params.sweep_from = 1e21;
  params.sweep_to = 1e33;
  params.per_decade = 20;

  for (int run = 0; run <= opt_runs; run++)
    {
      g_autoptr(DmlSweep) sweep = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      if ((sweep = run_sweep (&params, &code)) == NULL)
        return code;
      ms = (g_get_monotonic_time () - start) / 1000.0;

      /* The first run warms caches and is not counted. */
      if (run == 0)
        continue;
      g_array_append_val (sweep_ms, ms);
      layouts = sweep->layouts_evaluated;
      n_points = sweep->n_points;

      /* Time each point alone in the first three runs: the slowest is
       * the one whose fastest time is longest, so that one noisy
       * timing does not choose it. */
      if (run <= 3)
        {
          if (point_best == NULL)
            point_best = g_array_new (FALSE, FALSE, sizeof (double));
          g_array_set_size (point_best, sweep->n_points);
          for (guint i = 0; i < sweep->n_points; i++)
            {
              DmlPoint point;
              gint64 t0 = g_get_monotonic_time ();

              dml_point_search (&params, sweep->points[i].flop, NULL, &point, NULL);
              ms = (g_get_monotonic_time () - t0) / 1000.0;
              if (run == 1 || ms < g_array_index (point_best, double, i))
                g_array_index (point_best, double, i) = ms;
            }
          worst_ms = 0;
          for (guint i = 0; i < sweep->n_points; i++)
            if (g_array_index (point_best, double, i) > worst_ms)
              {
                worst_ms = g_array_index (point_best, double, i);
                worst_flop = sweep->points[i].flop;
              }
        }
    }

  for (int run = 0; run < opt_runs; run++)
    {
      DmlPoint point;
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      dml_point_search (&params, worst_flop, NULL, &point, NULL);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (point_ms, ms);
    }

  {
    double sweep_median = median (sweep_ms);
    double min = g_array_index (sweep_ms, double, 0);
    double max = g_array_index (sweep_ms, double, sweep_ms->len - 1);
    g_autofree char *worst = dml_format_flop (worst_flop);

    g_print (ngettext ("Sweep 1e21..1e33, %u points, %d run: median %.2f ms (min %.2f, max %.2f)\n",
                       "Sweep 1e21..1e33, %u points, %d runs: median %.2f ms (min %.2f, max %.2f)\n",
                       opt_runs),
             n_points, opt_runs, sweep_median, min, max);
    g_print (_("Layouts evaluated per sweep: %.0f, %.3g per second\n"),
             (double) layouts, layouts / (sweep_median / 1000));
    g_print (_("Slowest point, %s, searched alone: median %.3f ms\n"), worst, median (point_ms));
  }

  /* A given run: Llama 3.1 405B's layout on 16 384 H100s, evaluated
   * 10 000 times (docs/calibration.md). */
  {
    DmlRun run;
    DmlParams hw;
    DmlRunEfficiency efficiency;
    DmlRunResult result;
    gint64 start;

    dml_run_init (&run);
    run.layers = 126, run.d_model = 16384, run.heads = 128, run.kv_heads = 8, run.ffn_hidden = 53248;
    run.gated_ffn = TRUE, run.vocabulary = 128256, run.sequence_length = 8192, run.global_batch_sequences = 2048;
    run.gpus = 16384, run.tp = 8, run.pp = 16, run.virtual_stages = 1, run.sequence_parallel = TRUE;
    dml_params_init_baseline (&hw);
    dml_calibration_for_preset ("h100-sxm", &efficiency);
    start = g_get_monotonic_time ();
    for (int i = 0; i < 10000; i++)
      dml_run_evaluate (&run, &hw, hw.peak_flops, &efficiency, &result);
    g_print (_("Run evaluation (one model and layout): %.2f µs\n"), (g_get_monotonic_time () - start) / 10000.0);
  }

  /* Uncertainty: the same sweep, sampled on every processor. */
  if (opt_samples > 0)
    {
      g_autoptr(GArray) sample_ms = g_array_new (FALSE, FALSE, sizeof (double));

      for (int run = 0; run < 3; run++)
        {
          g_autoptr(DmlUncertainty) uncertainty = NULL;
          g_autoptr(GError) error = NULL;
          gint64 start = g_get_monotonic_time ();
          double ms;

          uncertainty = dml_uncertainty_new (&params, opt_samples, 1, 0, NULL, NULL, &error);
          if (uncertainty == NULL)
            {
              print_error (error->message);
              return EXIT_INVALID;
            }
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (sample_ms, ms);
        }
      /* TRANSLATORS: samples, processors, and the median of three runs in seconds */
      g_print (_("Uncertainty, %d samples on %u processors, 3 runs: median %.2f s\n"),
               opt_samples, g_get_num_processors (), median (sample_ms) / 1000);
    }

  return EXIT_OK;
}

/* --preset for commands that take several designs: each gets the
 * preset's hardware, and says so in its name. */
static gboolean
apply_preset_to_all (GPtrArray *designs,
                     int       *exit_code)
{
  for (guint i = 0; i < designs->len; i++)
    if (!apply_preset (designs->pdata[i], exit_code))
      return FALSE;

  return TRUE;
}

static GPtrArray *
sweep_designs (GPtrArray *designs,
               int       *exit_code)
{
  g_autoptr(GPtrArray) sweeps = g_ptr_array_new_with_free_func ((GDestroyNotify) dml_sweep_unref);

  for (guint i = 0; i < designs->len; i++)
    {
      DmlParams params;
      DmlSweep *sweep;

      dml_design_get_params (designs->pdata[i], &params);
      if ((sweep = run_sweep (&params, exit_code)) == NULL)
        return NULL;
      g_ptr_array_add (sweeps, sweep);
    }

  return g_steal_pointer (&sweeps);
}

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

static int
command_render (int    argc,
                char **argv)
{
  static const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("The picture to write: .png, .svg or .pdf"), N_("FILE") },
    { "size", 's', 0, G_OPTION_ARG_STRING, &opt_size, N_("Width and height (default 1920x1080)"), N_("WxH") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &opt_scale, N_("Pixels per unit for PNG (default 1)"), N_("S") },
    { "title", 't', 0, G_OPTION_ARG_STRING, &opt_title, N_("Title (default: the design’s name)"), N_("TITLE") },
    { "subtitle", 0, 0, G_OPTION_ARG_STRING, &opt_subtitle, N_("Subtitle"), N_("TEXT") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &opt_theme, N_("light (default) or dark"), N_("THEME") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &opt_view, N_("utilization (default), layout, time, cost or timeline"), N_("VIEW") },
    { "multiples", 0, 0, G_OPTION_ARG_NONE, &opt_multiples, N_("Several designs side by side, not overlaid"), NULL },
    { "runs", 0, 0, G_OPTION_ARG_NONE, &opt_show_runs, N_("Draw production runs at their compute and MFU (utilization view of one design)"), NULL },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &opt_transparent, N_("Leave the background transparent"), NULL },
    { "text", 0, 0, G_OPTION_ARG_STRING, &opt_text, N_("Text size: slide (default, 28 px and up at 1080p) or document"), N_("SIZE") },
    { "bands", 0, 0, G_OPTION_ARG_NONE, &opt_bands, N_("Shade P10–P90 of utilization over samples of the uncertain inputs (utilization or timeline view of one design)"), NULL },
    { "samples", 'n', 0, G_OPTION_ARG_INT, &opt_samples, N_("Samples for --bands (default 1000)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &opt_seed, N_("Seed for --bands (default 1)"), N_("S") },
    { NULL }
  };
  g_autoptr(GPtrArray) designs = NULL;
  g_autoptr(GPtrArray) sweeps = NULL;
  g_autoptr(DmlUncertainty) uncertainty = NULL;
  g_autofree char *run_label = NULL;
  guint64 seed;
  g_autoptr(GError) error = NULL;
  DmlChartSpec spec = { DML_CHART_UTILIZATION, NULL, NULL, NULL, TRUE, -1, -1 };
  DmlChartStyle style;
  DmlExportFormat format;
  int width = 1920, height = 1080;
  int code;

  if ((code = parse_options ("render", "DESIGN… -o FILE", entries, &argc, &argv)) >= 0)
    return code;

  if (opt_output == NULL || !dml_export_format_from_path (opt_output, &format))
    {
      print_error (_("render needs -o FILE ending in .png, .svg or .pdf"));
      return EXIT_USAGE;
    }
  if (opt_size != NULL && !parse_size (opt_size, &width, &height))
    {
      print_error (_("--size must be WIDTHxHEIGHT, each from 64 to 16384, e.g. 1920x1080"));
      return EXIT_USAGE;
    }
  if (!(opt_scale >= 0.25 && opt_scale <= 8))
    {
      print_error (_("--scale must be from 0.25 to 8"));
      return EXIT_USAGE;
    }
  if (opt_theme != NULL && !g_str_equal (opt_theme, "light") && !g_str_equal (opt_theme, "dark"))
    {
      print_error (_("--theme must be light or dark"));
      return EXIT_USAGE;
    }
  if (opt_text != NULL && !g_str_equal (opt_text, "slide") && !g_str_equal (opt_text, "document"))
    {
      print_error (_("--text must be slide or document"));
      return EXIT_USAGE;
    }
  if (opt_view != NULL)
    {
      gboolean found = FALSE;

      for (DmlChartView view = 0; view < DML_N_CHART_VIEWS && !found; view++)
        if (g_str_equal (opt_view, dml_chart_view_id (view)))
          spec.view = view, found = TRUE;
      if (!found)
        {
          print_error (_("--view must be utilization, layout, time, cost or timeline"));
          return EXIT_USAGE;
        }
    }

  if (opt_show_runs && (spec.view != DML_CHART_UTILIZATION || argc > 2))
    {
      print_error (_("--runs draws on the utilization view of one design"));
      return EXIT_USAGE;
    }

  if (opt_bands && ((spec.view != DML_CHART_UTILIZATION && spec.view != DML_CHART_TIMELINE) || argc > 2))
    {
      print_error (_("--bands draws on the utilization or timeline view of one design"));
      return EXIT_USAGE;
    }
  if (opt_samples < 1 || opt_samples > 1000000)
    {
      print_error (_("--samples must be between 1 and 1000000"));
      return EXIT_USAGE;
    }
  if (!parse_seed (&seed))
    return EXIT_USAGE;

  if ((designs = load_designs (argc, argv, &code)) == NULL)
    return code;
  if (output_is_input (&code))
    return code;
  if (!apply_preset_to_all (designs, &code))
    return code;
  if ((sweeps = sweep_designs (designs, &code)) == NULL)
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
        }
    }

  if (opt_bands)
    {
      DmlParams params;

      dml_design_get_params (designs->pdata[0], &params);
      if ((uncertainty = dml_uncertainty_new (&params, opt_samples, seed, 0, NULL, NULL, &error)) == NULL)
        {
          print_error (error->message);
          return EXIT_INVALID;
        }
      spec.uncertainty = uncertainty;
    }

  spec.sweep = sweeps->pdata[0];
  spec.title = opt_title != NULL ? opt_title : designs->len == 1 ? dml_design_get_name (designs->pdata[0]) : NULL;
  spec.subtitle = opt_subtitle;
  spec.multiples = opt_multiples;
  spec.show_runs = opt_show_runs;
  if (designs->len > 1)
    {
      spec.n_sweeps = designs->len;
      for (guint i = 0; i < designs->len; i++)
        {
          spec.sweeps[i] = sweeps->pdata[i];
          spec.names[i] = dml_design_get_name (designs->pdata[i]);
        }
    }

  dml_chart_style_init (&style, opt_theme != NULL && g_str_equal (opt_theme, "dark"));
  style.transparent = opt_transparent;
  if (opt_text == NULL || g_str_equal (opt_text, "slide"))
    style.font_scale = DML_CHART_SLIDE_TEXT_SCALE;

  if (!dml_chart_export (opt_output, format, width, height, opt_scale, &style, &spec, &error))
    {
      print_error (error->message);
      return EXIT_INVALID;
    }

  return EXIT_OK;
}

static int
command_compare (int    argc,
                 char **argv)
{
  static const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text, csv or json"), N_("FORMAT") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &opt_at, N_("Compare GPUs, cost and power at this compute (default 1e28)"), N_("C") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GPtrArray) designs = NULL;
  g_autoptr(GPtrArray) sweeps = NULL;
  g_autoptr(DmlComparison) comparison = NULL;
  g_autofree char *text = NULL;
  double at = 1e28;
  const char *format;
  int code;

  if ((code = parse_options ("compare", "DESIGN…", entries, &argc, &argv)) >= 0)
    return code;

  if ((format = choose_format ((const char *[]) { "text", "csv", "json", NULL }, &code)) == NULL)
    return code;
  if (opt_at != NULL && !parse_flop (opt_at, "--at", &at))
    return EXIT_USAGE;
  if (!(at >= 1 && at <= 1e50))
    {
      print_error (_("--at: must be between 1 and 1e50"));
      return EXIT_INVALID;
    }

  if ((designs = load_designs (argc, argv, &code)) == NULL)
    return code;
  if (!apply_preset_to_all (designs, &code))
    return code;
  if ((sweeps = sweep_designs (designs, &code)) == NULL)
    return code;

  comparison = dml_comparison_new ((DmlDesign **) designs->pdata, (DmlSweep **) sweeps->pdata, designs->len, at);
  if (g_str_equal (format, "csv"))
    text = dml_comparison_to_csv (comparison);
  else if (g_str_equal (format, "json"))
    text = dml_comparison_to_json (comparison);
  else
    text = dml_comparison_to_text (comparison);

  return write_output (text);
}

static int
command_sensitivity (int    argc,
                     char **argv)
{
  static const GOptionEntry entries[] = {
    { "factor", 0, 0, G_OPTION_ARG_DOUBLE, &opt_factor, N_("How much better each lever makes things (default 2)"), N_("F") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &opt_at, N_("Report the change in utilization at this compute (default 1e29)"), N_("C") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, N_("Output format: text, csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write to FILE instead of standard output; .png, .svg or .pdf draw the tornado"), N_("FILE") },
    { NULL }
  };
  g_autoptr(DmlDesign) design = NULL;
  g_autoptr(DmlSensitivity) sensitivity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  DmlExportFormat picture;
  DmlParams params;
  double at = 1e29;
  const char *format;
  int code;

  if ((code = parse_options ("sensitivity", "[DESIGN]", entries, &argc, &argv)) >= 0)
    return code;

  if ((format = choose_format ((const char *[]) { "text", "csv", "json", NULL }, &code)) == NULL)
    return code;
  if (opt_at != NULL && !parse_flop (opt_at, "--at", &at))
    return EXIT_USAGE;
  if (!(at >= 1 && at <= 1e50))
    {
      print_error (_("--at: must be between 1 and 1e50"));
      return EXIT_INVALID;
    }

  if ((design = load_design (argc, argv, &code)) == NULL)
    return code;

  dml_design_get_params (design, &params);
  sensitivity = dml_sensitivity_new (&params, opt_factor, at, NULL, &error);
  if (sensitivity == NULL)
    {
      print_error (error->message);
      return EXIT_INVALID;
    }

  /* -o chart.png (or .svg, .pdf): the tornado, ranked by the wall, for a
   * slide. */
  if (opt_output != NULL && dml_export_format_from_path (opt_output, &picture))
    {
      g_autofree char *title = g_strdup_printf (_("%s: each lever %g× better"), dml_design_get_name (design), opt_factor);
      DmlChartStyle style;

      if (output_is_input (&code))
        return code;
      dml_chart_style_init (&style, FALSE);
      style.font_scale = DML_CHART_SLIDE_TEXT_SCALE;
      if (!dml_tornado_export (opt_output, picture, 1920, 1080, 1, &style, sensitivity, DML_FIGURE_WALL, title, &error))
        {
          print_error (error->message);
          return EXIT_INVALID;
        }
      return EXIT_OK;
    }

  if (g_str_equal (format, "csv"))
    text = dml_sensitivity_to_csv (sensitivity);
  else if (g_str_equal (format, "json"))
    text = dml_sensitivity_to_json (sensitivity);
  else
    text = dml_sensitivity_to_text (sensitivity);

  return write_output (text);
}

static const Command commands[] = {
  { "sweep", "[DESIGN] [--preset ID] [--from C] [--to C] [--per-decade N] [--format csv|json] [-o FILE]",
    N_("Utilization and the best layout at each compute scale"), command_sweep },
  { "summary", "[DESIGN] [--preset ID] [--format text|json]",
    N_("Plateau, regime onsets, the wall and the largest run at ≥80%"), command_summary },
  { "timeline", "[DESIGN] [--format text|csv|json] [-o FILE]",
    N_("When the frontier run reaches each limit, at the compute trend's growth"), command_timeline },
  { "point", "[DESIGN] --flop C", N_("The best layout at one scale, explained"), command_point },
  { "validate", "DESIGN", N_("Check a design file; one line per problem"), command_validate },
  { "presets", "[--verbose]", N_("List the hardware presets"), command_presets },
  { "render", "DESIGN… -o FILE.png|.svg|.pdf [--size WxH] [--scale S] [--title T] [--subtitle S] [--theme light|dark] [--view V] [--multiples] [--runs] [--bands [--samples N] [--seed S]] [--transparent] [--text slide|document]",
    N_("Draw the chart; several designs are overlaid"), command_render },
  { "compare", "DESIGN… [--preset ID] [--format text|csv|json] [--at C] [-o FILE]",
    N_("Inputs and figures side by side, one column per design"), command_compare },
  { "sensitivity", "[DESIGN] [--factor F] [--at C] [--format text|csv|json] [-o FILE|CHART.png|.svg|.pdf]",
    /* xgettext:no-c-format */
    N_("How far each improvement moves the onsets, the wall and the 80% mark"), command_sensitivity },
  { "uncertainty", "[DESIGN] [--samples N] [--seed S] [--format text|csv|json] [-o FILE]",
    N_("P10, P50 and P90 of utilization and of every marker and year, over seeded samples of the uncertain inputs"),
    command_uncertainty },
  { "run", "DESIGN [--format text|json] [-o FILE]",
    N_("A given model and layout: step time and its parts, MFU, memory, days, and the best layout"), command_run },
  { "runs", "FILE.csv [--format text|csv|json] [-o FILE]",
    N_("Evaluate each training run of a runs file against its measured MFU"), command_runs },
  { "bench", "[DESIGN] [--runs N] [--samples N]", N_("Time the sweep and the uncertainty samples"), command_bench },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: dmlimits-cli COMMAND [OPTIONS]"));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-9s %s\n            %s\n", commands[i].name, commands[i].args, _(commands[i].summary));
  fprintf (stream, "  %-9s\n            %s\n", "--version", _("Print the version"));
  fprintf (stream, "\n%s\n", _("DESIGN is a design file (JSON) or a shipped design's id (paper-baseline);\n"
                               "without one, the paper baseline is used.\n"
                               "Exit status: 0 success, 1 invalid input, 2 usage error."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* DMLIMITS_LOCALEDIR: translations from a build tree, for tests and
   * build-aux/dev run. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DMLIMITS_LOCALEDIR") ? g_getenv ("DMLIMITS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "version"))
    {
      if (argc > 2)
        {
          print_error (_("--version takes no arguments"));
          return EXIT_USAGE;
        }
      g_print ("dmlimits-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”; try dmlimits-cli --help"), argv[1]);
    print_error (message);
  }
  return EXIT_USAGE;
}
