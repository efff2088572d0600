/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dml-design.h"
#include "dml-engine.h"

G_BEGIN_DECLS

/* The command-line tool's parts (app/cli/): the options and setup every
 * command shares, one file per group of commands, and the drawing
 * commands, which only dmlimits-cli-draw links (cairo and pango load
 * only where something is drawn). */

enum {
  EXIT_OK = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

typedef int (*DmlCliCommandFunc) (int argc, char **argv);

/* An output format of a command: its --format name and the writer that
 * turns the command's result (a sweep, a comparison, a report …) and
 * its design (NULL where it reads none) into text. Each command has one
 * table of them, ended by { NULL }; the first is the default. */
typedef char *(*DmlCliWriteFunc) (gpointer       result,
                                  DmlDesign     *design);

typedef struct
{
  const char      *name;
  DmlCliWriteFunc  write;
} DmlCliFormat;

/* The format table NAME_formats of a result whose model writes it as
 * text, CSV and JSON with PREFIX_to_text (), _to_csv () and _to_json (). */
#define DML_CLI_FORMATS_OF(name, prefix)                                              \
  static char *name##_text (gpointer result, DmlDesign *design) { return prefix##_to_text (result); } \
  static char *name##_csv (gpointer result, DmlDesign *design) { return prefix##_to_csv (result); }   \
  static char *name##_json (gpointer result, DmlDesign *design) { return prefix##_to_json (result); } \
  static const DmlCliFormat name##_formats[] = {                                      \
    { "text", name##_text }, { "csv", name##_csv }, { "json", name##_json }, { NULL } \
  }

/* The options; each command adds those it takes. */
extern char *opt_preset;
extern char *opt_format;
extern char *opt_output;
extern char *opt_from;
extern char *opt_to;
extern char *opt_flop;
extern int opt_per_decade;
extern int opt_runs;
extern gboolean opt_verbose;
extern char *opt_size;
extern double opt_scale;
extern char *opt_title;
extern char *opt_subtitle;
extern char *opt_theme;
extern char *opt_view;
extern char *opt_at;
extern gboolean opt_multiples;
extern gboolean opt_show_runs;
extern double opt_factor;
extern gboolean opt_transparent;
extern char *opt_text;
extern int opt_samples;
extern char *opt_seed;
extern gboolean opt_bands;

/* The design files read, so that -o never writes over one of them. */
extern GPtrArray *dml_cli_input_paths;

/* The command line as main () got it, for the drawing helper. */
extern char **dml_cli_argv;

/* Whether this executable draws (dmlimits-cli-draw) or hands drawing to
 * the helper (dmlimits-cli). */
extern const gboolean dml_cli_draws;

void        dml_cli_print_error         (const char          *message);
int         dml_cli_parse_options       (const char          *command,
                                         const char          *args,
                                         const GOptionEntry  *entries,
                                         int                 *argc,
                                         char              ***argv);
gboolean    dml_cli_parse_flop          (const char          *text,
                                         const char          *option,
                                         double              *value);
GPtrArray  *dml_cli_load_designs        (int                  argc,
                                         char               **argv,
                                         int                 *exit_code);
gboolean    dml_cli_apply_preset        (DmlDesign           *design,
                                         int                 *exit_code);
DmlDesign  *dml_cli_load_design         (int                  argc,
                                         char               **argv,
                                         int                 *exit_code);
gboolean    dml_cli_output_is_input     (int                 *exit_code);
gboolean    dml_cli_parse_at            (double              *at,
                                         int                 *exit_code);
int         dml_cli_begin               (const char          *command,
                                         const char          *args,
                                         const GOptionEntry  *entries,
                                         const DmlCliFormat  *formats,
                                         int                 *argc,
                                         char              ***argv,
                                         const DmlCliFormat **format,
                                         DmlDesign          **design);
int         dml_cli_write_output        (const char          *text);
const DmlCliFormat *dml_cli_choose_format (const DmlCliFormat *formats,
                                         int                 *exit_code);
int         dml_cli_write_format        (const DmlCliFormat  *format,
                                         gpointer             result,
                                         DmlDesign           *design);
DmlSweep   *dml_cli_run_sweep           (DmlParams           *params,
                                         int                 *exit_code);
gboolean    dml_cli_parse_seed          (guint64             *seed);
gboolean    dml_cli_apply_preset_to_all (GPtrArray           *designs,
                                         int                 *exit_code);
GPtrArray  *dml_cli_sweep_designs       (GPtrArray           *designs,
                                         int                 *exit_code);
gboolean    dml_cli_is_picture          (const char          *path);
int         dml_cli_exec_draw           (void);

int dml_cli_command_sweep       (int argc, char **argv);
int dml_cli_command_summary     (int argc, char **argv);
int dml_cli_command_timeline    (int argc, char **argv);
int dml_cli_command_point       (int argc, char **argv);
int dml_cli_command_validate    (int argc, char **argv);
int dml_cli_command_presets     (int argc, char **argv);
int dml_cli_command_uncertainty (int argc, char **argv);
int dml_cli_command_run         (int argc, char **argv);
int dml_cli_command_runs        (int argc, char **argv);
int dml_cli_command_bench       (int argc, char **argv);
int dml_cli_command_compare     (int argc, char **argv);
int dml_cli_command_sensitivity (int argc, char **argv);
int dml_cli_command_render      (int argc, char **argv);
int dml_cli_command_options     (int argc, char **argv);

/* presets --verbose: the offerings, each number with its origin and rows
 * (dml-cli-options.c). */
void dml_cli_print_offerings     (void);

/* Draws @sensitivity's tornado to @path (dml-cli-draw.c). */
int dml_cli_draw_tornado        (const char     *path,
                                 DmlDesign      *design,
                                 gpointer        sensitivity,
                                 double          factor);

G_END_DECLS
