/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "dml-compare.h"
#include "dml-csv.h"
#include "dml-design.h"
#include "dml-engine.h"
#include "dml-error.h"
#include "dml-file.h"
#include "dml-format.h"
#include "dml-preset.h"

#include "dml-cli-private.h"

char *opt_preset;
char *opt_format;
char *opt_output;
char *opt_from;
char *opt_to;
char *opt_flop;
int opt_per_decade = G_MININT;
int opt_runs = 21;
gboolean opt_verbose;
char *opt_size;
double opt_scale = 1;
char *opt_title;
char *opt_subtitle;
char *opt_theme;
char *opt_view;
char *opt_at;
gboolean opt_multiples;
gboolean opt_show_runs;
double opt_factor = 2;
gboolean opt_transparent;
char *opt_text;
int opt_samples = 1000;
char *opt_seed;
gboolean opt_bands;

/* The design files read, so that -o never writes over one of them. */
GPtrArray *dml_cli_input_paths;


char **dml_cli_argv;

static const GOptionEntry design_entries[] = {
  { "preset", 'p', 0, G_OPTION_ARG_STRING, &opt_preset, N_("Paper-baseline workload on this hardware preset"), N_("ID") },
  { NULL }
};

/* Messages may quote a design's name or a key from a file: never let
 * their control characters reach the terminal. */
void
dml_cli_print_error (const char *message)
{
  g_autofree char *printable = dml_format_printable (message);

  g_printerr ("dmlimits-cli: %s\n", printable);
}

/* Parses @argc/@argv with the design options plus @entries. Returns the
 * exit code to stop with, or -1 to go on. */
int
dml_cli_parse_options (const char         *command,
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
      dml_cli_print_error (error->message);
      return EXIT_USAGE;
    }

  return -1;
}

gboolean
dml_cli_parse_flop (const char  *text,
                    const char  *option,
                    double      *value)
{
  /* In decimal, as a design gives it: not "0x1p90". */
  if (!dml_csv_parse_number (text, value, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("%s: “%s” is not a number; write it as e.g. 1e28"), option, text);
      dml_cli_print_error (message);
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

      dml_cli_print_error (message);
      *exit_code = EXIT_INVALID;
      return NULL;
    }

  for (const char * const *w = dml_design_get_warnings (design); *w != NULL; w++)
    {
      g_autofree char *message = g_strdup_printf (_("%s: warning: %s"), arg, *w);

      dml_cli_print_error (message);
    }

  if (dml_cli_input_paths == NULL)
    dml_cli_input_paths = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (dml_cli_input_paths, g_file_get_path (file));

  return design;
}

/* Every design named on the command line, at least one (the paper
 * baseline when none is named) and at most DML_COMPARE_MAX_DESIGNS. */
GPtrArray *
dml_cli_load_designs (int    argc,
                      char **argv,
                      int   *exit_code)
{
  g_autoptr(GPtrArray) designs = g_ptr_array_new_with_free_func (g_object_unref);

  if (argc - 1 > DML_COMPARE_MAX_DESIGNS)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("Give at most %d design", "Give at most %d designs",
                                                            DML_COMPARE_MAX_DESIGNS),
                                                  DML_COMPARE_MAX_DESIGNS);

      dml_cli_print_error (message);
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
gboolean
dml_cli_apply_preset (DmlDesign *design,
                      int       *exit_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (opt_preset == NULL)
    return TRUE;

  if (!dml_design_apply_preset (design, opt_preset, &error))
    {
      dml_cli_print_error (error->message);
      *exit_code = EXIT_INVALID;
      return FALSE;
    }

  name = g_strdup_printf (_("%s on %s"), dml_design_get_name (design), dml_preset_lookup (opt_preset)->name);
  dml_design_set_name (design, name);
  return TRUE;
}

/* The design named on the command line, else the paper baseline; then
 * --preset's hardware over it. */
DmlDesign *
dml_cli_load_design (int    argc,
                     char **argv,
                     int   *exit_code)
{
  g_autoptr(DmlDesign) design = NULL;

  if (argc > 2)
    {
      dml_cli_print_error (_("Give at most one design file"));
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

  if (!dml_cli_apply_preset (design, exit_code))
    return NULL;

  return g_steal_pointer (&design);
}

/* --at: a training compute of 1 to 1e50 FLOP into @at, which keeps its
 * default without the option. */
gboolean
dml_cli_parse_at (double *at,
                  int    *exit_code)
{
  if (opt_at != NULL && !dml_cli_parse_flop (opt_at, "--at", at))
    {
      *exit_code = EXIT_USAGE;
      return FALSE;
    }
  if (!(*at >= 1 && *at <= 1e50))
    {
      dml_cli_print_error (_("--at: must be between 1 and 1e50"));
      *exit_code = EXIT_INVALID;
      return FALSE;
    }
  return TRUE;
}

/* The start every command on one design shares: its options, --format
 * among @formats (the first by default), the design, and -o not naming
 * it. -1 to go on, else the exit code. */
int
dml_cli_begin (const char          *command,
               const char          *args,
               const GOptionEntry  *entries,
               const DmlCliFormat  *formats,
               int                 *argc,
               char              ***argv,
               const DmlCliFormat **format,
               DmlDesign          **design)
{
  int code;

  if ((code = dml_cli_parse_options (command, args, entries, argc, argv)) >= 0)
    return code;
  if ((*format = dml_cli_choose_format (formats, &code)) == NULL)
    return code;
  if ((*design = dml_cli_load_design (*argc, *argv, &code)) == NULL)
    return code;
  if (dml_cli_output_is_input (&code))
    return code;
  return -1;
}

/* -o names a design that was read: refused, whatever the output's
 * format, so that a slip of the shell's history cannot replace a design
 * with CSV. */
gboolean
dml_cli_output_is_input (int *exit_code)
{
  for (guint i = 0; opt_output != NULL && dml_cli_input_paths != NULL && i < dml_cli_input_paths->len; i++)
    if (dml_file_same (opt_output, dml_cli_input_paths->pdata[i]))
      {
        g_autofree char *message = g_strdup_printf (_("-o %s is the design being read; "
                                                      "write the output to another file"), opt_output);

        dml_cli_print_error (message);
        *exit_code = EXIT_USAGE;
        return TRUE;
      }

  return FALSE;
}

int
dml_cli_write_output (const char *text)
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
          dml_cli_print_error (message);
          return EXIT_INVALID;
        }
      return EXIT_OK;
    }

  if (dml_cli_output_is_input (&code))
    return code;

  file = g_file_new_for_commandline_arg (opt_output);
  if (!dml_file_replace (file, text, strlen (text), &error))
    {
      dml_cli_print_error (error->message);
      return EXIT_INVALID;
    }

  return EXIT_OK;
}

/* --format: one of @formats, the first by default. NULL (and a usage
 * error in @exit_code) for anything else. */
const DmlCliFormat *
dml_cli_choose_format (const DmlCliFormat *formats,
                       int                *exit_code)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *message = NULL;

  if (opt_format == NULL)
    return &formats[0];
  for (const DmlCliFormat *f = formats; f->name != NULL; f++)
    if (g_str_equal (f->name, opt_format))
      return f;

  for (const DmlCliFormat *f = formats; f->name != NULL; f++)
    g_string_append_printf (list, "%s%s", f == formats ? "" : ", ", f->name);
  message = g_strdup_printf (_("--format must be one of: %s"), list->str);
  dml_cli_print_error (message);
  *exit_code = EXIT_USAGE;
  return NULL;
}

/* @format's text of @result and @design, to -o or standard output. */
int
dml_cli_write_format (const DmlCliFormat *format,
                      gpointer            result,
                      DmlDesign          *design)
{
  g_autofree char *text = format->write (result, design);

  return dml_cli_write_output (text);
}

DmlSweep *
dml_cli_run_sweep (DmlParams *params,
                   int       *exit_code)
{
  g_autoptr(GError) error = NULL;
  DmlSweep *sweep = dml_sweep_new (params, NULL, &error);

  if (sweep == NULL)
    {
      dml_cli_print_error (error->message);
      *exit_code = EXIT_INVALID;
    }

  return sweep;
}

/* --seed: a whole number 0 … 2^64 − 1; 1 without one. */
gboolean
dml_cli_parse_seed (guint64 *seed)
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

      dml_cli_print_error (message);
      return FALSE;
    }
  return TRUE;
}

/* --preset for commands that take several designs: each gets the
 * preset's hardware, and says so in its name. */
gboolean
dml_cli_apply_preset_to_all (GPtrArray *designs,
                             int       *exit_code)
{
  for (guint i = 0; i < designs->len; i++)
    if (!dml_cli_apply_preset (designs->pdata[i], exit_code))
      return FALSE;

  return TRUE;
}

GPtrArray *
dml_cli_sweep_designs (GPtrArray *designs,
                       int       *exit_code)
{
  g_autoptr(GPtrArray) sweeps = g_ptr_array_new_with_free_func ((GDestroyNotify) dml_sweep_unref);

  for (guint i = 0; i < designs->len; i++)
    {
      DmlParams params;
      DmlSweep *sweep;

      dml_design_get_params (designs->pdata[i], &params);
      if ((sweep = dml_cli_run_sweep (&params, exit_code)) == NULL)
        return NULL;
      g_ptr_array_add (sweeps, sweep);
    }

  return g_steal_pointer (&sweeps);
}

/* Whether -o @path asks for a picture (dml_export_format_from_path ()
 * without the renderer). */
gboolean
dml_cli_is_picture (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".svg") ||
         g_str_has_suffix (lower, ".pdf");
}

/* Hands the whole command line to dmlimits-cli-draw, which has the same
 * commands and also draws: beside this executable in a build tree, in
 * ../libexec from an installed one (wherever it was installed), or in
 * the configured libexecdir. */
int
dml_cli_exec_draw (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *sibling = dir != NULL ? g_build_filename (dir, "dmlimits-cli-draw", NULL) : NULL;
  g_autofree char *relative = dir != NULL ? g_build_filename (dir, "..", "libexec", "dmlimits-cli-draw", NULL) : NULL;
  const char *candidates[] = { sibling, relative, LIBEXECDIR "/dmlimits-cli-draw" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] != NULL && g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
      {
        int saved;

        fflush (stdout);
        execv (candidates[i], dml_cli_argv);
        saved = errno;
        {
          g_autofree char *message = g_strdup_printf (_("Could not start %s: %s"), candidates[i], g_strerror (saved));

          dml_cli_print_error (message);
        }
        return EXIT_INVALID;
      }

  dml_cli_print_error (_("Drawing needs dmlimits-cli-draw, which is not installed"));
  return EXIT_INVALID;
}
