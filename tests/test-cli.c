/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dml-output.h"

#define HEAD "{\"format\": \"dmlimits-design\", \"version\": 1, "

/* Malformed designs and a part of the message each must give: the path of
 * the field at fault, or what makes the file unreadable. */
static const struct
{
  const char *text;
  const char *expected;
} malformed[] = {
  { HEAD "\"hardware\": {\"hbm_bandwidth\": -1}}", "hardware.hbm_bandwidth: must be > 0, got -1" },
  { HEAD "\"hardware\": {\"peak_flops\": 0}}", "hardware.peak_flops" },
  { HEAD "\"hardware\": {\"max_utilization\": 1.5}}", "hardware.max_utilization" },
  { HEAD "\"hardware\": {\"max_utilization\": \"0.7\"}}", "hardware.max_utilization: must be a number" },
  { HEAD "\"hardware\": {\"scaleup_domain\": 8.5}}", "hardware.scaleup_domain: must be a whole number" },
  { HEAD "\"hardware\": {\"scaleup_domain\": 0}}", "hardware.scaleup_domain" },
  { HEAD "\"hardware\": {\"scaleout_bandwidth\": null}}", "hardware.scaleout_bandwidth" },
  { HEAD "\"hardware\": {\"kernel_latency\": -1e-6}}", "hardware.kernel_latency" },
  { HEAD "\"hardware\": {\"hbm_capacity\": 1e999}}", "hardware.hbm_capacity" },
  { HEAD "\"hardware\": {\"gpu_hour_cost\": -2}}", "hardware.gpu_hour_cost" },
  { HEAD "\"hardware\": {\"power_per_gpu\": true}}", "hardware.power_per_gpu" },
  { HEAD "\"hardware\": {\"preset\": 5}}", "hardware.preset: must be a string" },
  { HEAD "\"hardware\": {\"collective_base_latency\": 5}}", "hardware.collective_base_latency" },
  { HEAD "\"workload\": {\"training_days\": 0}}", "workload.training_days" },
  { HEAD "\"workload\": {\"tokens_per_parameter\": -20}}", "workload.tokens_per_parameter" },
  { HEAD "\"workload\": {\"bytes_per_value\": 100}}", "workload.bytes_per_value" },
  { HEAD "\"workload\": {\"layers_exponent\": 2}}", "workload.layers_exponent" },
  { HEAD "\"workload\": {\"batch_exponent\": -0.1}}", "workload.batch_exponent" },
  { HEAD "\"workload\": {\"experts\": 0}}", "workload.experts" },
  { HEAD "\"workload\": {\"experts\": 2.5}}", "workload.experts" },
  { HEAD "\"workload\": {\"experts\": 2, \"active_experts\": 4}}", "workload.active_experts" },
  { HEAD "\"workload\": {\"batch_tokens_reference\": \"40M\"}}", "workload.batch_tokens_reference" },
  { HEAD "\"workload\": {\"batch_tokens_max\": -1}}", "workload.batch_tokens_max" },
  { HEAD "\"workload\": {\"batch_tokens_max\": \"60M\"}}", "workload.batch_tokens_max" },
  { HEAD "\"workload\": {\"microbatch_tokens_min\": -2048}}", "workload.microbatch_tokens_min" },
  { HEAD "\"layout\": {\"gpus\": 8}}", "layout: a run needs a model and a layout" },
  { HEAD "\"model\": {\"layers\": \"many\"}, \"layout\": {\"gpus\": 8}}", "model.layers: must be a number" },
  { HEAD "\"model\": {\"layers\": 2, \"d_model\": 64, \"heads\": 2, \"vocabulary\": 10, \"sequence_length\": 8, "
         "\"global_batch_sequences\": 8}, \"layout\": {\"gpus\": 8, \"recompute\": \"some\"}}",
    "layout.recompute: must be none, selective or full" },
  { HEAD "\"model\": {\"layers\": 2, \"d_model\": 64, \"heads\": 2, \"vocabulary\": 10, \"sequence_length\": 8, "
         "\"global_batch_sequences\": 8}, \"layout\": {\"gpus\": 6, \"tp\": 4}}",
    "gpus (6) must be a multiple of tp × pp × cp (4)" },
  { HEAD "\"model\": {\"d_model\": 64}, \"layout\": {\"gpus\": 8}}", "model.layers: needs a value" },
  { HEAD "\"uncertainty\": []}", "uncertainty: must be an object" },
  { HEAD "\"uncertainty\": {\"workload.batch_exp\": {\"distribution\": \"uniform\", \"low\": 0.3, \"high\": 0.4}}}", "uncertainty.workload.batch_exp: no such input" },
  { HEAD "\"uncertainty\": {\"workload.batch_exponent\": 0.3}}", "uncertainty.workload.batch_exponent: must be an object" },
  { HEAD "\"uncertainty\": {\"workload.batch_exponent\": {\"distribution\": \"beta\", \"low\": 0.3, \"high\": 0.4}}}", "uncertainty.workload.batch_exponent.distribution" },
  { HEAD "\"uncertainty\": {\"workload.batch_exponent\": {\"distribution\": \"uniform\", \"low\": 0.4, \"high\": 0.3}}}", "uncertainty.workload.batch_exponent: low (0.4) must be ≤ high (0.3)" },
  { HEAD "\"uncertainty\": {\"workload.batch_exponent\": {\"distribution\": \"uniform\", \"low\": \"0.3\", \"high\": 0.4}}}", "uncertainty.workload.batch_exponent.low: must be a number" },
  { HEAD "\"uncertainty\": {\"workload.batch_exponent\": {\"distribution\": \"uniform\", \"high\": 0.4}}}", "uncertainty.workload.batch_exponent.low" },
  { HEAD "\"uncertainty\": {\"workload.batch_exponent\": {\"distribution\": \"uniform\", \"low\": 0.3, \"high\": 1.5}}}", "uncertainty.workload.batch_exponent: must be ≤ 1" },
  { HEAD "\"uncertainty\": {\"hardware.kernel_latency\": {\"distribution\": \"log-uniform\", \"low\": 0, \"high\": 1e-5}}}", "needs low > 0" },
  { HEAD "\"uncertainty\": {\"parallelism.data\": {\"distribution\": \"uniform\", \"low\": 0, \"high\": 1}}}", "cannot have a range" },
  { HEAD "\"uncertainty\": {\"parallelism.overlap\": {\"distribution\": \"uniform\", \"low\": 0, \"high\": 1}}}", "a choice cannot have a range" },
  { HEAD "\"parallelism\": {\"overlap\": \"ideal\"}}", "parallelism.overlap: must be one of paper, practice" },
  { HEAD "\"parallelism\": {\"overlap\": 1}}", "parallelism.overlap: must be one of paper, practice" },
  { HEAD "\"uncertainty\": {\"workload.batch_exponent\": {\"distribution\": \"uniform\", \"low\": 0.3, \"high\": 0.4, \"mean\": 0.35}}}", "uncertainty.workload.batch_exponent.mean: unknown key" },
  { HEAD "\"uncertainty\": {\"workload.batch_exponent\": {\"distribution\": \"uniform\", \"low\": 0.3, \"high\": 0.4, \"shared\": 3}}}", "uncertainty.workload.batch_exponent.shared: must be a name" },
  { HEAD "\"uncertainty\": {\"timeline.anchor\": {\"runs\": [\"grok-4\"]}}}", "uncertainty.timeline.anchor.runs[0]: no anchor run “grok-4”" },
  { HEAD "\"uncertainty\": {\"timeline.anchor\": {\"runs\": [{\"flop\": 1e27}]}}}", "uncertainty.timeline.anchor.runs[0]: must have flop and year" },
  { HEAD "\"uncertainty\": {\"timeline.anchor\": {\"runs\": [{\"flop\": 1e27, \"year\": 1800}]}}}", "uncertainty.timeline.anchor: run 1: timeline.anchor_year: must be ≥ 1950" },
  { HEAD "\"uncertainty\": {\"timeline.anchor\": [\"grok-3\"]}}", "uncertainty.timeline.anchor: must be an object with runs" },
  { HEAD "\"timeline\": {\"growth\": 1}}", "timeline.growth" },
  { HEAD "\"timeline\": {\"growth\": 6}}", "timeline.growth: must lie within" },
  { HEAD "\"timeline\": {\"anchor_flop\": 0}}", "timeline.anchor_flop" },
  { HEAD "\"timeline\": {\"anchor_year\": 1900}}", "timeline.anchor_year" },
  { HEAD "\"timeline\": [4.7]}", "timeline: must be an object" },
  { HEAD "\"energy\": {\"pue\": 0.9}}", "energy.pue" },
  { HEAD "\"energy\": {\"electricity_price\": -1}}", "energy.electricity_price" },
  { HEAD "\"energy\": {\"carbon_intensity\": \"low\"}}", "energy.carbon_intensity" },
  { HEAD "\"sites\": {\"gpus_per_site\": 2.5}}", "sites.gpus_per_site" },
  { HEAD "\"sites\": {\"site_power\": -1}}", "sites.site_power" },
  { HEAD "\"sites\": {\"intersite_bandwidth\": 0}}", "sites.intersite_bandwidth" },
  { HEAD "\"sites\": {\"intersite_latency\": 11}}", "sites.intersite_latency" },
  { HEAD "\"sites\": {\"max_sites\": -1}}", "sites.max_sites" },
  { HEAD "\"parallelism\": {\"data\": \"yes\"}}", "parallelism.data: must be true or false" },
  { HEAD "\"parallelism\": {\"enforce_memory\": 1}}", "parallelism.enforce_memory" },
  { HEAD "\"parallelism\": {\"pipeline_bubble\": 2}}", "parallelism.pipeline_bubble" },
  { HEAD "\"parallelism\": {\"max_gpus\": -1}}", "parallelism.max_gpus" },
  { HEAD "\"parallelism\": {\"max_gpus\": 10.5}}", "parallelism.max_gpus" },
  { HEAD "\"sweep\": {\"from\": 1e30, \"to\": 1e25}}", "sweep.from: must be < sweep.to" },
  { HEAD "\"sweep\": {\"per_decade\": 0}}", "sweep.per_decade" },
  { HEAD "\"sweep\": {\"to\": \"big\"}}", "sweep.to" },
  { HEAD "\"sweep\": {\"onset_threshold\": 0}}", "sweep.onset_threshold" },
  { HEAD "\"sweep\": {\"from\": 1, \"to\": 1e50, \"per_decade\": 1000}}", "sweep.per_decade" },
  { HEAD "\"hardware\": []}", "hardware: must be an object" },
  { HEAD "\"workload\": 5}", "workload: must be an object" },
  { HEAD "\"name\": 42}", "name: must be a string" },
  /* Found by the fuzzer: json-glib decodes this escape into bytes that
   * are not UTF-8. */
  { HEAD "\"name\": \"\\u65e5\\uddml\"}", "name: is not valid text" },
  { "{\"format\": \"something-else\", \"version\": 1}", "format" },
  { "{\"version\": 1}", "format" },
  { "{\"format\": \"dmlimits-design\", \"version\": 2}", "version: the file is version 2" },
  { "{\"format\": \"dmlimits-design\", \"version\": \"1\"}", "version" },
  { "{\"format\": \"dmlimits-design\"}", "version" },
  { "{\"format\": ", "Not valid JSON" },
  { "[1, 2]", "no JSON object" },
  { "", "empty" },
  { "\xff\xfe\x00garbage", "UTF-8" },
  { HEAD "\"hardware\": {\"hbm_bandwidth\": -1, \"scaleup_domain\": 0.5}}", "hardware.scaleup_domain" },
};

static const char *
cli_path (void)
{
  const char *path = g_getenv ("DMLIMITS_CLI");

  g_assert_nonnull (path);
  return path;
}

/* Runs the CLI with @args; @locale, if not NULL, as LC_ALL and LANG, and
 * @language as LANGUAGE. */
static int
run_cli_in (const char         *locale,
            const char         *language,
            const char * const *args,
            char              **out,
            char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int status;

  if (locale != NULL)
    {
      envp = g_environ_setenv (envp, "LC_ALL", locale, TRUE);
      envp = g_environ_setenv (envp, "LANG", locale, TRUE);
    }
  envp = language ? g_environ_setenv (envp, "LANGUAGE", language, TRUE) : g_environ_unsetenv (envp, "LANGUAGE");

  g_ptr_array_add (argv, (char *) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  return WEXITSTATUS (status);
}

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  return run_cli_in ("C.UTF-8", NULL, args, out, err);
}

static void
test_malformed_designs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dmlimits-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);

  g_assert_cmpuint (G_N_ELEMENTS (malformed), >=, 30);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      /* Some texts hold a NUL on purpose: write them whole. */
      gsize length = strlen (malformed[i].text);
      const char *args[] = { "validate", path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int code;

      if (g_str_has_prefix (malformed[i].text, "\xff"))
        length = 10;
      g_assert_true (g_file_set_contents (path, malformed[i].text, length, NULL));

      code = run_cli (args, &out, &err);
      g_test_message ("case %u: exit %d, %s", i, code, err);
      g_assert_cmpint (code, ==, 1);
      if (strstr (err, malformed[i].expected) == NULL)
        g_error ("case %u: expected “%s” in: %s", i, malformed[i].expected, err);
      g_assert_cmpstr (out, ==, "");

      /* The sweep refuses it the same way. */
      args[0] = "sweep";
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_cli (args, &out, &err), ==, 1);
    }

  g_unlink (path);
  g_rmdir (dir);
}

/* runs and run: a runs file evaluated, its summary lines marked in CSV;
 * malformed runs files refused with the row and column; a design
 * without a run refused with what to add. */
static void
test_runs (void)
{
  static const struct { const char *csv; const char *expected; } bad[] = {
    { "", "empty" },
    { "id,gpu\nr1,h100-sxm\n", "runs.csv: line 2 (r1), column layers: needs a value" },
    { "id,gpu,layers,d_model,heads,vocabulary,sequence_length,global_batch_sequences,gpus,software\n"
      "r1,h100-sxm,2,64,2,10,8,8,8,jax\n", "column software: must be one of megatron" },
  };
  g_autofree char *dir = g_dir_make_tmp ("dmlimits-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "runs.csv", NULL);
  g_autofree char *shipped = g_test_build_filename (G_TEST_DIST, "..", "data", "runs", "measured-runs.csv", NULL);

  {
    const char *args[] = { "runs", shipped, "--format", "csv", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    g_assert_true (g_str_has_prefix (out, "id,predicted_mfu,measured_mfu,error_points,step_s,compute_s"));
    g_assert_nonnull (strstr (out, "\n# dense-complete "));
    g_assert_nonnull (strstr (out, "\nA1,"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *args[] = { "runs", path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_true (g_file_set_contents (path, bad[i].csv, -1, NULL));
      g_assert_cmpint (run_cli (args, &out, &err), ==, 1);
      if (strstr (err, bad[i].expected) == NULL)
        g_error ("case %u: expected “%s” in: %s", i, bad[i].expected, err);
    }

  {
    const char *args[] = { "run", "paper-baseline", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "“model” and “layout”"));
  }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_exit_codes (void)
{
  static const struct { const char *args[10]; int code; } cases[] = {
    { { NULL }, 2 },
    { { "frobnicate", NULL }, 2 },
    { { "--help", NULL }, 0 },
    { { "sweep", "--format", "xml", NULL }, 2 },
    { { "sweep", "--no-such-option", NULL }, 2 },
    { { "sweep", "--from", "lots", NULL }, 2 },
    { { "sweep", "--from", "1e30", "--to", "1e25", NULL }, 1 },
    { { "sweep", "--preset", "h900", NULL }, 1 },
    { { "sweep", "a.json", "b.json", NULL }, 2 },
    { { "summary", "/nonexistent/design.json", NULL }, 1 },
    { { "summary", "--format", "yaml", NULL }, 2 },
    { { "point", NULL }, 2 },
    { { "point", "--flop", "abc", NULL }, 2 },
    { { "point", "--flop", "-5", NULL }, 1 },
    { { "point", "--flop", "1e28", NULL }, 0 },
    { { "validate", NULL }, 2 },
    { { "presets", "extra", NULL }, 2 },
    { { "bench", "--runs", "0", NULL }, 2 },
    { { "render", NULL }, 2 },
    { { "render", "-o", "chart.gif", NULL }, 2 },
    { { "render", "-o", "x.png", "--size", "big", NULL }, 2 },
    { { "render", "-o", "x.png", "--theme", "sepia", NULL }, 2 },
    { { "render", "-o", "x.png", "--view", "pie", NULL }, 2 },
    { { "render", "/nonexistent.json", "-o", "x.png", NULL }, 1 },
    { { "compare", "--format", "xml", NULL }, 2 },
    { { "compare", "--preset", "h900", NULL }, 1 },
    { { "compare", "/nonexistent.json", NULL }, 1 },
    { { "compare", "a", "b", "c", "d", "e", "f", "g", NULL }, 2 },
    { { "sensitivity", "--format", "csv", NULL }, 0 },
    { { "sensitivity", "--factor", "1", NULL }, 1 },
    { { "sensitivity", "--format", "xml", NULL }, 2 },
    { { "sensitivity", "--at", "soon", NULL }, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int code = run_cli (cases[i].args, &out, &err);

      g_test_message ("%s %s: %d", cases[i].args[0], cases[i].args[1], code);
      g_assert_cmpint (code, ==, cases[i].code);
      if (code != 0)
        g_assert_cmpstr (err, !=, "");
    }
}

static void
test_sweep_csv (void)
{
  static const char *required[] = {
    "flop", "utilization", "feasible", "regime", "gpus", "dp", "tp", "tp_x", "tp_y", "pp", "ep",
    "microbatches", "tokens_per_microbatch", "batch_tokens", "params", "tokens", "layers",
    "d_model", "step_s", "compute_s", "dram_s", "scaleup_s", "scaleout_s", "latency_s",
    "bubble_s", "memory_per_gpu_bytes", "gpu_hours", "cost_usd", "power_w",
  };
  const char *args[] = { "sweep", "--from", "1e24", "--to", "1e33", "--per-decade", "2", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 19 + 1);
  header = g_strsplit (lines[0], ",", -1);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_true (g_strv_contains ((const char * const *) header, required[i]));

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
      double utilization = g_ascii_strtod (cells[1], NULL);

      g_assert_cmpuint (g_strv_length (cells), ==, g_strv_length (header));
      g_assert_true (utilization >= 0 && utilization <= 1);
      g_assert_true (g_str_equal (cells[2], "0") || g_str_equal (cells[2], "1"));
      g_assert_true (g_strv_contains ((const char * const[]) { "compute", "dram", "network",
                                                               "latency", "reliability", "infeasible", NULL },
                                      cells[3]));
    }
  /* 1e33 is past the wall. */
  g_assert_true (g_str_has_prefix (lines[19], "1e+33,0,0,infeasible"));
}

static void
test_summary_json (void)
{
  static const char *keys[] = { "plateau_utilization", "dram_onset_flop", "network_onset_flop",
                                "latency_onset_flop", "wall_flop", "max_flop_at_80pct" };
  const char *args[] = { "summary", "--format", "json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (object, keys[i]));

  g_assert_cmpfloat (json_object_get_double_member (object, "wall_flop"), >=, 2e31);
  /* The paper's bound is the default, and said by nothing. */
  g_assert_false (json_object_has_member (object, "overlap"));

  /* Realistic H100 uses today's practice, and says so. */
  {
    const char *realistic[] = { "summary", "realistic-h100", "--format", "json", NULL };
    g_autofree char *out2 = NULL;
    g_autofree char *err2 = NULL;
    g_autoptr(JsonParser) parser2 = json_parser_new ();

    g_assert_cmpint (run_cli (realistic, &out2, &err2), ==, 0);
    json_parser_load_from_data (parser2, out2, -1, &error);
    g_assert_no_error (error);
    object = json_node_get_object (json_parser_get_root (parser2));
    g_assert_cmpstr (json_object_get_string_member (object, "overlap"), ==, "practice");
  }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_presets_list (void)
{
  const char *args[] = { "presets", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "presets", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected = NULL;

  /* Every shipped preset file, by id, sorted. */
  g_assert_nonnull (dir);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (ids, g_strndup (name, strlen (name) - strlen (".json")));
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, g_strdup (""));
  g_ptr_array_add (ids, NULL);
  expected = g_strjoinv ("\n", (char **) ids->pdata);

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_output_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dmlimits-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sweep.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "sweep.csv", NULL);
  const char *args[] = { "sweep", "--preset", "gb200-nvl72", "-f", "json", "-o", path, NULL };
  const char *bad_args[] = { "sweep", "-o", bad, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"points\""));
  g_assert_nonnull (strstr (contents, "GB200"));

  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (bad_args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Could not write"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
png_size (const char *path,
          guint      *width,
          guint      *height)
{
  g_autofree guint8 *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  *width = (data[16] << 24) | (data[17] << 16) | (data[18] << 8) | data[19];
  *height = (data[20] << 24) | (data[21] << 16) | (data[22] << 8) | data[23];
}

static void
test_render (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dmlimits-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *png2 = g_build_filename (dir, "chart@2x.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  const char *png_args[] = { "render", "-o", png, NULL };
  const char *png2_args[] = { "render", "paper-baseline", "gb200-nvl72", "-o", png2, "--size", "1280x720",
                              "--scale", "2", "--title", "Two designs", "--theme", "dark", NULL };
  const char *svg_args[] = { "render", "paper-baseline", "--view", "time", "-o", svg, NULL };
  const char *pdf_args[] = { "render", "paper-baseline", "gb200-nvl72", "shorter-fatter", "--multiples",
                             "-o", pdf, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GMarkupParseContext) parser = NULL;
  g_autoptr(GError) error = NULL;
  GMarkupParser no_op = { 0 };
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  guint width, height;

  g_assert_cmpint (run_cli (png_args, &out, &err), ==, 0);
  png_size (png, &width, &height);
  g_assert_cmpuint (width, ==, 1920);
  g_assert_cmpuint (height, ==, 1080);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (png2_args, &out, &err), ==, 0);
  png_size (png2, &width, &height);
  g_assert_cmpuint (width, ==, 2560);
  g_assert_cmpuint (height, ==, 1440);

  /* SVG: well-formed XML with an <svg> root. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (svg_args, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  parser = g_markup_parse_context_new (&no_op, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (parser, contents, -1, &error) &&
                 g_markup_parse_context_end_parse (parser, &error));
  g_assert_no_error (error);

  /* PDF: one page. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (pdf_args, &out, &err), ==, 0);
  if (pdfinfo == NULL)
    g_test_incomplete ("pdfinfo (poppler-utils) is not installed");
  else
    {
      const char *argv[] = { pdfinfo, pdf, NULL };
      g_autofree char *info = NULL;
      int status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &info, NULL, &status, &error);
      g_assert_no_error (error);
      const char *pages = strstr (info, "Pages:");

      g_assert_nonnull (pages);
      pages += strlen ("Pages:");
      while (*pages == ' ')
        pages++;
      g_assert_true (g_str_has_prefix (pages, "1\n"));
    }

  /* No temporary file is left behind. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_assert_null (strstr (name, ".tmp-"));
        n++;
      }
    g_assert_cmpuint (n, ==, 4);
  }

  /* sensitivity -o a picture draws the tornado; text options still
   * give text. */
  {
    g_autofree char *tornado = g_build_filename (dir, "tornado.png", NULL);
    const char *tornado_args[] = { "sensitivity", "-o", tornado, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (tornado_args, &out, &err), ==, 0);
    png_size (tornado, &width, &height);
    g_assert_cmpuint (width, ==, 1920);
    g_assert_cmpuint (height, ==, 1080);
    g_unlink (tornado);
  }

  /* --runs adds the production runs: another picture; only on the
   * utilization view of one design. */
  {
    g_autofree char *runs = g_build_filename (dir, "runs.png", NULL);
    g_autofree char *plain = NULL, *with_runs = NULL;
    gsize plain_length, runs_length;
    const char *runs_args[] = { "render", "--runs", "-o", runs, NULL };
    const char *time_args[] = { "render", "--runs", "--view", "time", "-o", runs, NULL };
    const char *two_args[] = { "render", "--runs", "paper-baseline", "gb200-nvl72", "-o", runs, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (runs_args, &out, &err), ==, 0);
    g_assert_true (g_file_get_contents (png, &plain, &plain_length, NULL));
    g_assert_true (g_file_get_contents (runs, &with_runs, &runs_length, NULL));
    g_assert_false (plain_length == runs_length && memcmp (plain, with_runs, plain_length) == 0);
    g_unlink (runs);

    for (guint i = 0; i < 2; i++)
      {
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
        g_assert_cmpint (run_cli (i == 0 ? time_args : two_args, &out, &err), ==, 2);
        g_assert_nonnull (strstr (err, "--runs draws on the utilization view of one design"));
        g_assert_false (g_file_test (runs, G_FILE_TEST_EXISTS));
      }
  }

  g_unlink (png);
  g_unlink (png2);
  g_unlink (svg);
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_compare_six (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dmlimits-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "a100.json", NULL);
  const char *args[] = { "compare", "paper-baseline", "gb200-nvl72", "aggressive-batch", "shorter-fatter",
                         "h100-moe", path, "--format", "json", "--at", "1e27", NULL };
  const char *csv_args[] = { "compare", "paper-baseline", path, "--format", "csv", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *rows;
  guint differing = 0;

  g_assert_true (g_file_set_contents (path, HEAD "\"name\": \"Baseline on A100\", \"hardware\": "
                                      "{\"peak_flops\": 312e12, \"hbm_bandwidth\": 2.04e12}}", -1, NULL));

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "designs")), ==, 6);
  rows = json_object_get_array_member (root, "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (row, "values")), ==, 6);
      differing += json_object_get_boolean_member (row, "differs");
      if (g_str_equal (json_object_get_string_member (row, "key"), "hardware.peak_flops"))
        g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (row, "changes"), 5), ==,
                         "×0.315");
    }
  g_assert_cmpuint (differing, >=, 10);

  /* CSV: the A100 column differs in peak FLOP/s and says by how much. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (csv_args, &out, &err), ==, 0);
  /* A name with a comma is quoted. */
  g_assert_true (g_str_has_prefix (out, "key,label,differs,\"Paper baseline (H100, 3 months)\",Baseline on A100,change: Baseline on A100\n"));
  g_assert_nonnull (strstr (out, "hardware.peak_flops,Peak dense FLOP/s,1,989000000000000,312000000000000,×0.315\n"));

  /* --preset puts its hardware under every design, and says so. */
  {
    const char *preset_args[] = { "compare", "paper-baseline", "--preset", "gb200-nvl72", "--format", "csv", NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (preset_args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Paper baseline (H100, 3 months) on NVIDIA GB200 NVL72"));
    g_assert_nonnull (strstr (out, "hardware.peak_flops,Peak dense FLOP/s,0,2.5e+15"));
  }

  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
have_locale (const char *name)
{
  const char *before = setlocale (LC_ALL, NULL);
  g_autofree char *saved = g_strdup (before);
  gboolean ok = setlocale (LC_ALL, name) != NULL;

  setlocale (LC_ALL, saved);
  return ok;
}

/* On screen numbers follow the locale; CSV never does. */
static void
test_locales (void)
{
  const char *summary[] = { "summary", NULL };
  const char *sweep[] = { "sweep", "--from", "1e24", "--to", "1e33", "--per-decade", "1", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_outputs;

  if (!have_locale ("de_DE.UTF-8") || !have_locale ("ja_JP.UTF-8"))
    {
      g_test_skip ("de_DE.UTF-8 or ja_JP.UTF-8 is not installed (Debian: locales-all)");
      return;
    }

  g_assert_cmpint (run_cli_in ("de_DE.UTF-8", NULL, summary, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "69,9 %"));
  g_assert_nonnull (strstr (out, "5,6 × 10³¹ FLOP"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli_in ("de_DE.UTF-8", NULL, sweep, &out, &err), ==, 0);
  {
    /* The columns of the paper baseline: the figures of interruptions
     * are only where a design loses time to them. */
    const DmlOutput *outputs = dml_outputs (&n_outputs);
    DmlParams baseline;
    guint n_all = n_outputs;

    dml_params_init_baseline (&baseline);
    n_outputs = 0;
    for (guint c = 0; c < n_all; c++)
      n_outputs += dml_output_is_shown (&outputs[c], &baseline);
  }
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
      char *end;

      /* A decimal comma would split a number into two cells. */
      g_assert_cmpuint (g_strv_length (cells), ==, n_outputs);
      g_ascii_strtod (cells[1], &end);
      g_assert_cmpint (*end, ==, '\0');
    }

  /* Japanese: translated, with a decimal point. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli_in ("ja_JP.UTF-8", "ja", summary, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "プラトーの利用率:"));
  g_assert_nonnull (strstr (out, "69.9 %"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *bad[] = { "validate", "/nonexistent/design.json", NULL };

    g_assert_cmpint (run_cli_in ("ja_JP.UTF-8", "ja", bad, &out, &err), ==, 1);
    g_assert_cmpstr (out, ==, "");
  }
}

/* timeline: the paper's "three years" as a number, the marker years, the
 * sentence, and a row per point. */
static void
test_timeline (void)
{
  const char *json_args[] = { "timeline", "--format", "json", NULL };
  const char *text_args[] = { "timeline", NULL };
  const char *csv_args[] = { "timeline", "--format", "csv", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  double year;

  g_assert_cmpint (run_cli (json_args, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  year = json_object_get_double_member (object, "year_frontier_reaches_1e28");
  g_assert_cmpfloat (year, >=, 2027);
  g_assert_cmpfloat (year, <, 2029);
  g_assert_cmpfloat (json_object_get_double_member (object, "year_wall"), >,
                     json_object_get_double_member (object, "year_latency_onset"));
  g_assert_cmpfloat (json_object_get_double_member (object, "year_wall_earliest"), <,
                     json_object_get_double_member (object, "year_wall_latest"));
  /* DRAM costs 5 points from about 4 × 10³⁰ FLOP: after the network, before the wall. */
  g_assert_cmpfloat (json_object_get_double_member (object, "year_dram_onset"), >,
                     json_object_get_double_member (object, "year_network_onset"));
  g_assert_cmpfloat (json_object_get_double_member (object, "year_dram_onset"), <,
                     json_object_get_double_member (object, "year_wall"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (text_args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "reach the wall in 2033"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (csv_args, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "year,flop,utilization,regime_band\n2022.2"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/malformed-designs", test_malformed_designs);
  g_test_add_func ("/cli/exit-codes", test_exit_codes);
  g_test_add_func ("/cli/runs", test_runs);
  g_test_add_func ("/cli/sweep-csv", test_sweep_csv);
  g_test_add_func ("/cli/summary-json", test_summary_json);
  g_test_add_func ("/cli/timeline", test_timeline);
  g_test_add_func ("/cli/presets", test_presets_list);
  g_test_add_func ("/cli/output-file", test_output_file);
  g_test_add_func ("/cli/render", test_render);
  g_test_add_func ("/cli/compare-six", test_compare_six);
  g_test_add_func ("/cli/locales", test_locales);

  return g_test_run ();
}
