/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-options"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "dml-design.h"
#include "dml-engine.h"
#include "dml-offering.h"
#include "dml-options.h"

/* Offerings, ownership, Options and goal seek (issue 21, docs/options.md). */

static const char *
cli_path (void)
{
  const char *path = g_getenv ("DMLIMITS_CLI");

  g_assert_nonnull (path);
  return path;
}

static int
run_cli (const char * const *args,
         char              **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *err = NULL;
  int status;

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  g_ptr_array_add (argv, (char *) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
baseline_params (DmlParams *params)
{
  g_autoptr(DmlDesign) design = dml_design_new_shipped ("paper-baseline", NULL);

  g_assert_nonnull (design);
  dml_design_get_params (design, params);
}

/* --- every field, or why not -------------------------------------------- */

static gboolean
missing_says (JsonArray  *missing,
              const char *key)
{
  g_autofree char *prefix = g_strconcat (key, ": ", NULL);

  for (guint i = 0; i < json_array_get_length (missing); i++)
    {
      const char *reason = json_array_get_string_element (missing, i);

      if (g_str_has_prefix (reason, prefix) && strlen (reason) > strlen (prefix))
        return TRUE;
    }
  return FALSE;
}

static void
check_options_json (gconstpointer data)
{
  const char *flop = data;
  const char *args[] = { "options", "--flop", flop, "--days", "90", "--format", "json", NULL };
  static const char *always[] = { "gpus", "utilization", "days", "energy_wh", "peak_facility_power_w", "co2_t" };
  static const char *or_why[] = { "price_usd_per_gpu_hour", "rent_cost_usd", "own_cost_usd", "cost_usd",
                                  "network_onset_flop", "network_headroom_decades", "max_at_80_flop",
                                  "headroom_80_decades", "fewest_gpus", "fewest_cost_usd" };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *options;
  guint offerings = 0, cloud = 0, feasible = 0, infeasible = 0;

  g_assert_cmpint (run_cli (args, &out), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (json_parser_get_root (parser)), "days"),
                     ==, 90);
  options = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "options");

  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      JsonObject *o = json_array_get_object_element (options, i);
      const char *id = json_object_get_string_member (o, "id");

      if (!g_str_equal (id, "design"))
        offerings++;
      if (json_object_get_boolean_member (o, "cloud"))
        cloud++;
      g_assert_cmpuint (json_object_get_int_member (o, "rank"), ==, i + 1);

      if (!json_object_get_boolean_member (o, "feasible"))
        {
          const char *reason = json_object_get_string_member (o, "reason");

          infeasible++;
          g_assert_cmpstr (json_object_get_string_member (o, "status"), !=, "feasible");
          g_assert_nonnull (reason);
          g_assert_cmpuint (strlen (reason), >, 10);
          continue;
        }

      feasible++;
      for (guint k = 0; k < G_N_ELEMENTS (always); k++)
        {
          JsonNode *node = json_object_get_member (o, always[k]);

          if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !(json_node_get_double (node) > 0))
            g_error ("%s at %s: %s is not a positive number", id, flop, always[k]);
        }
      g_assert_cmpfloat (json_object_get_double_member (o, "days"), <=, 90 * (1 + 1e-9));
      g_assert_true (json_object_has_member (o, "layout"));
      for (guint k = 0; k < G_N_ELEMENTS (or_why); k++)
        {
          JsonNode *node = json_object_get_member (o, or_why[k]);

          g_assert_nonnull (node);
          if (JSON_NODE_HOLDS_NULL (node) && !missing_says (json_object_get_array_member (o, "missing"), or_why[k]))
            g_error ("%s at %s: %s is null and \"missing\" does not say why", id, flop, or_why[k]);
        }
      /* Ranked by cost: a feasible row with a cost never follows one without. */
      if (i > 0)
        {
          JsonObject *prev = json_array_get_object_element (options, i - 1);

          if (!JSON_NODE_HOLDS_NULL (json_object_get_member (o, "cost_usd")))
            {
              g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (prev, "cost_usd")));
              g_assert_cmpfloat (json_object_get_double_member (prev, "cost_usd"), <=,
                                 json_object_get_double_member (o, "cost_usd"));
            }
        }
    }

  g_assert_cmpuint (offerings, >=, 12);
  g_assert_cmpuint (cloud, >=, 8);
  g_assert_cmpuint (feasible, >=, 8);
  g_test_message ("%s: %u offerings, %u cloud, %u feasible, %u infeasible", flop, offerings, cloud, feasible,
                  infeasible);
}

/* --- every number traces to a row of the reference ------------------------ */

/* The reference's rows by table: "1", "2a", "2b", "3", "4.1" … "4.4",
 * and "S", the source list; each a list of lines starting with "| ". */
static GHashTable *
reference_tables (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "offerings", "REFERENCE.md", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *current = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];
      char *key = NULL;

      if (g_str_has_prefix (l, "## Table "))
        key = g_strndup (l + 9, strcspn (l + 9, " "));
      else if (g_str_has_prefix (l, "### 2a") || g_str_has_prefix (l, "### 2b"))
        key = g_strndup (l + 4, 2);
      else if (g_str_has_prefix (l, "### 4."))
        key = g_strndup (l + 4, 3);
      else if (g_str_has_prefix (l, "## Source list"))
        key = g_strdup ("S");
      else if (g_str_has_prefix (l, "## ") || g_str_has_prefix (l, "### "))
        current = NULL;

      if (key != NULL)
        {
          current = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (tables, key, current);
        }
      else if (current != NULL && g_str_has_prefix (l, "| "))
        g_ptr_array_add (current, g_strdup (l));
    }

  return tables;
}

/* "TABLE | first cell | second cell …": a row of TABLE whose first cells
 * are these, Markdown bold aside. */
static gboolean
reference_has_row (GHashTable *tables,
                   const char *source)
{
  const char *bar = strstr (source, " | ");
  g_autofree char *table = NULL;
  g_autofree char *prefix = NULL;
  GPtrArray *rows;

  if (bar == NULL)
    return FALSE;
  table = g_strndup (source, bar - source);
  prefix = g_strconcat ("| ", bar + 3, " |", NULL);
  if ((rows = g_hash_table_lookup (tables, table)) == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GString) plain = g_string_new (rows->pdata[i]);

      g_string_replace (plain, "**", "", 0);
      if (g_str_has_prefix (plain->str, prefix))
        return TRUE;
    }
  return FALSE;
}

static void
check_sourced (GHashTable       *tables,
               const char       *id,
               const char       *key,
               const DmlSourced *s,
               char            **all)
{
  /* A preset's number has its sources in the preset (data/presets). */
  if (!isnan (s->value) && s->origin != DML_ORIGIN_PRESET)
    {
      if (s->sources == NULL || s->sources[0] == NULL)
        g_error ("%s.%s: a number without a source", id, key);
      /* How it was got, unless it is a price as quoted. */
      if (s->origin != DML_ORIGIN_QUOTED && *s->note == '\0')
        g_error ("%s.%s: a %s number without a note", id, key, dml_origin_id (s->origin));
    }
  for (guint i = 0; s->sources != NULL && s->sources[i] != NULL; i++)
    {
      if (!reference_has_row (tables, s->sources[i]))
        g_error ("%s.%s: no row “%s” in data/offerings/REFERENCE.md", id, key, s->sources[i]);
      if (all != NULL && !g_strv_contains ((const char * const *) all, s->sources[i]))
        g_error ("%s.%s: “%s” is not in the offering's sources field", id, key, s->sources[i]);
    }
}

static void
test_sources (void)
{
  g_autoptr(GHashTable) tables = reference_tables ();
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "data", "offerings", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const DmlOffering * const *offerings;
  guint n, files = 0, cloud = 0;
  const char *name;

  /* The matcher itself: a row that is there, and three that are not. */
  g_assert_true (reference_has_row (tables, "2a | AWS p5en | 4 × 8 (32)"));
  g_assert_true (reference_has_row (tables, "1 | 3"));
  g_assert_false (reference_has_row (tables, "1 | 99"));
  g_assert_false (reference_has_row (tables, "2a | AWS p5en | 9 × 9 (81)"));
  g_assert_false (reference_has_row (tables, "2b | AWS p5en | 4 × 8 (32)"));

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json") && !g_str_equal (name, "ownership.json"))
      files++;

  offerings = dml_offerings (&n);
  g_assert_cmpuint (n, ==, files);
  g_assert_cmpuint (n, >=, 12);
  for (guint i = 0; i < n; i++)
    {
      const DmlOffering *o = offerings[i];

      if (!o->on_premises)
        cloud++;
      g_assert_nonnull (dml_offering_get_preset (o));
      g_assert_nonnull (o->sources[0]);
      for (guint s = 0; o->sources[s] != NULL; s++)
        if (!reference_has_row (tables, o->sources[s]))
          g_error ("%s: no row “%s” in data/offerings/REFERENCE.md", o->id, o->sources[s]);
      for (guint k = 0; k < dml_offering_n_numbers (); k++)
        {
          const char *key;
          const DmlSourced *s = dml_offering_number (o, k, &key);

          check_sourced (tables, o->id, key, s, o->sources);
        }
      for (guint p = 0; p < o->n_prices; p++)
        {
          check_sourced (tables, o->id, "price", &o->prices[p].usd_per_gpu_hour, o->sources);
          g_assert_false (isnan (o->prices[p].usd_per_gpu_hour.value));
          g_assert_nonnull (o->prices[p].date);
        }
    }
  g_assert_cmpuint (cloud, >=, 8);
  g_assert_nonnull (dml_offering_lookup ("dgx-h100"));
  g_assert_nonnull (dml_offering_lookup ("dgx-b200"));
  g_assert_nonnull (dml_offering_lookup ("dgx-gb200-nvl72"));

  /* The ownership defaults' rows too. */
  {
    g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
    DmlParams params;
    DmlOwnership own;

    baseline_params (&params);
    g_assert_true (dml_ownership_defaults ("h100-sxm", &params, &own, lines));
    g_assert_cmpuint (lines->len, ==, 4);
  }
}

/* --- one cost for both views -------------------------------------------- */

static void
test_rent_cost_is_the_cost_view (void)
{
  g_autoptr(DmlSweep) sweep = NULL;
  g_autoptr(DmlOptions) options = NULL;
  const DmlPoint *at = NULL;
  DmlParams params;
  DmlOption row;

  baseline_params (&params);
  sweep = dml_sweep_new (&params, NULL, NULL);
  g_assert_nonnull (sweep);
  for (guint i = 0; i < sweep->n_points; i++)
    if (fabs (log10 (sweep->points[i].flop) - 28) < 1e-9)
      at = &sweep->points[i];
  g_assert_nonnull (at);
  g_assert_true (at->feasible);

  /* The Cost view draws DmlPoint.cost ("cost_usd", dml-output.c). */
  dml_option_evaluate (&params, NULL, at->flop, DML_PRICE_ON_DEMAND, 0, &row);
  g_assert_cmpint (row.status, ==, DML_OPTION_FEASIBLE);
  g_assert_cmpfloat (row.point.gpus, ==, at->gpus);
  g_assert_cmpfloat (row.rent_cost, ==, at->cost);
  g_assert_cmpfloat (row.rent_cost, ==, at->gpu_hours * params.gpu_hour_cost);

  /* An offering's row and a point of its inputs (what the Options chart
   * sweeps) agree too. */
  {
    const DmlOffering *nebius = dml_offering_lookup ("nebius-h100");
    DmlParams p;
    DmlPoint point;

    g_assert_true (dml_option_params (&params, nebius, DML_PRICE_ON_DEMAND, &p));
    g_assert_cmpfloat (p.gpu_hour_cost, ==, 3.85);
    dml_point_search (&p, 1e27, NULL, &point, NULL);
    dml_option_evaluate (&params, nebius, 1e27, DML_PRICE_ON_DEMAND, 0, &row);
    g_assert_cmpfloat (row.rent_cost, ==, point.cost);
    g_assert_false (dml_option_params (&params, dml_offering_lookup ("aws-p6-b200"), DML_PRICE_ON_DEMAND, &p));
  }

  options = dml_options_new (&params, at->flop, DML_PRICE_ON_DEMAND, 0, NULL, NULL);
  g_assert_nonnull (options);
  for (guint i = 0; i < options->n_options; i++)
    if (options->options[i].offering == NULL)
      g_assert_cmpfloat (options->options[i].rent_cost, ==, at->cost);
}

/* --- ownership by hand --------------------------------------------------- */

static void
test_own_cost_by_hand (void)
{
  DmlParams params;
  DmlOwnership own;
  DmlOwnCost cost;

  baseline_params (&params);
  g_assert_cmpfloat (params.power_per_gpu, ==, 700);
  g_assert_cmpfloat (params.pue, ==, 1.2);
  g_assert_cmpfloat (params.electricity_price, ==, 80);

  g_assert_true (dml_ownership_defaults ("h100-sxm-paper", &params, &own, NULL));
  /* $310,000 per 8-GPU node ÷ 8 + 3 ports × $50,000 ÷ 64 (REFERENCE.md 4.1). */
  g_assert_cmpfloat_with_epsilon (own.purchase_per_gpu, 38750 + 2343.75, 1e-9);
  g_assert_cmpfloat (own.depreciation_years, ==, 5);
  g_assert_cmpfloat (own.facility_years, ==, 30);
  g_assert_cmpfloat_with_epsilon (own.facility_per_watt, 20, 1e-12);

  dml_ownership_cost (&own, &cost);
  /* 41,093.75 ÷ (5 × 8760) = 0.938213…; 20 $/W × 700 W ÷ (30 × 8760) =
   * 0.053272…; 0.7 kW × 1.2 × $0.080 per kWh = 0.0672. */
  g_assert_cmpfloat_with_epsilon (cost.hardware, 0.9382134703, 1e-9);
  g_assert_cmpfloat_with_epsilon (cost.facility, 0.0532724505, 1e-9);
  g_assert_cmpfloat_with_epsilon (cost.energy, 0.0672, 1e-12);
  g_assert_cmpfloat_with_epsilon (cost.total, 1.0586859209, 1e-9);

  /* No purchase price for a B200 in the reference: none, not a guess. */
  g_assert_false (dml_ownership_defaults ("b200", &params, &own, NULL));
  g_assert_true (isnan (own.purchase_per_gpu));
  dml_ownership_cost (&own, &cost);
  g_assert_true (isnan (cost.total));
}

/* --- goal seek ------------------------------------------------------------ */

static void
check_fewest (const DmlParams *params,
              const char      *id,
              double           flop)
{
  const DmlOffering *offering = id != NULL ? dml_offering_lookup (id) : NULL;
  DmlGoalSeek seek;
  DmlParams p = *params;
  DmlPoint fewer;

  g_assert_true (id == NULL || offering != NULL);
  dml_goal_seek_gpus (params, offering, flop, DML_PRICE_ON_DEMAND, &seek);
  g_assert_true (seek.found);
  g_assert_cmpfloat (fmod (seek.gpus, seek.step), ==, 0);
  g_assert_cmpfloat (seek.step, ==, offering != NULL ? offering->scaleup_domain.value : params->scaleup_domain);

  /* It finishes in time on at most that many GPUs. */
  g_assert_true (seek.point.feasible);
  g_assert_cmpfloat (seek.point.gpus, <=, seek.gpus);
  g_assert_cmpfloat (seek.point.wall_clock, <=, params->training_days * 86400 * (1 + 1e-9));

  /* One step fewer does not. */
  if (offering != NULL)
    dml_offering_apply (offering, &p);
  p.max_gpus = seek.gpus - seek.step;
  dml_point_search (&p, flop, NULL, &fewer, NULL);
  g_assert_false (fewer.feasible);
  g_test_message ("%s at %g: %g GPUs (%g a step), %u searches", id ? id : "design", flop, seek.gpus, seek.step,
                  seek.evaluations);
}

static void
test_goal_seek_gpus (void)
{
  static const char *ids[] = { NULL, "aws-p5en", "nebius-h100", "coreweave-gb200", "gcp-a3-high", "dgx-b200" };
  DmlParams params;

  baseline_params (&params);
  params.training_days = 90;
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      check_fewest (&params, ids[i], 1e26);
      check_fewest (&params, ids[i], 1e27);
    }
}

static void
test_goal_seek_budget (void)
{
  const DmlOffering *offering = dml_offering_lookup ("nebius-h100");
  DmlGoalSeek seek;
  DmlParams params, p;
  DmlPoint more;
  double budget = 1e9;

  baseline_params (&params);
  params.training_days = 90;
  dml_goal_seek_budget (&params, offering, budget, DML_PRICE_ON_DEMAND, &seek);
  g_assert_true (seek.found);
  g_assert_cmpfloat (seek.rent_cost, <=, budget);

  /* A hundredth of a decade more costs more than the budget. */
  p = params;
  dml_offering_apply (offering, &p);
  p.gpu_hour_cost = dml_offering_price (offering, DML_PRICE_ON_DEMAND)->usd_per_gpu_hour.value;
  dml_point_search (&p, seek.flop * pow (10, 0.01), NULL, &more, NULL);
  g_assert_true (!more.feasible || more.cost > budget);

  /* An offering without a price buys nothing. */
  dml_goal_seek_budget (&params, dml_offering_lookup ("aws-p6-b200"), budget, DML_PRICE_ON_DEMAND, &seek);
  g_assert_false (seek.found);
}

/* --- why an offering is infeasible --------------------------------------- */

static void
test_reasons (void)
{
  DmlParams params, p;
  DmlOption row;

  baseline_params (&params);
  params.training_days = 90;

  dml_option_evaluate (&params, dml_offering_lookup ("aws-p5"), 1e27, DML_PRICE_ON_DEMAND, 0, &row);
  g_assert_cmpint (row.status, ==, DML_OPTION_CLUSTER_TOO_SMALL);
  g_assert_cmpfloat (row.max_cluster, ==, 20000);

  dml_option_evaluate (&params, NULL, 1e33, DML_PRICE_ON_DEMAND, 0, &row);
  g_assert_cmpint (row.status, ==, DML_OPTION_TOO_SLOW);

  p = params;
  p.hbm_capacity = 1;
  dml_option_evaluate (&p, NULL, 1e26, DML_PRICE_ON_DEMAND, 0, &row);
  g_assert_cmpint (row.status, ==, DML_OPTION_DOES_NOT_FIT);

  /* One site of 1 MW holds ⌊10⁶ ÷ (700 × 1.2)⌋ = 1190 GPUs. */
  p = params;
  p.site_power = 1e6;
  p.max_sites = 1;
  dml_option_evaluate (&p, NULL, 1e26, DML_PRICE_ON_DEMAND, 0, &row);
  g_assert_cmpint (row.status, ==, DML_OPTION_OVER_SITE_POWER);
}

/* --- presets --verbose tells measured from spec ------------------------- */

static void
test_presets_verbose (void)
{
  const char *args[] = { "presets", "--verbose", NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (args, &out), ==, 0);
  g_assert_nonnull (strstr (out, "aws-p5en\n"));
  g_assert_nonnull (strstr (out, "busbw 364.87 GB/s × (4−1)/(32−1)"));
  g_assert_nonnull (strstr (out, " measured "));
  g_assert_nonnull (strstr (out, " spec "));
  g_assert_nonnull (strstr (out, "2a | AWS p5en | 4 × 8 (32)"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/options/json/1e26", "1e26", check_options_json);
  g_test_add_data_func ("/options/json/1e27", "1e27", check_options_json);
  g_test_add_data_func ("/options/json/1e28", "1e28", check_options_json);
  g_test_add_func ("/options/sources", test_sources);
  g_test_add_func ("/options/rent-cost-is-the-cost-view", test_rent_cost_is_the_cost_view);
  g_test_add_func ("/options/own-cost-by-hand", test_own_cost_by_hand);
  g_test_add_func ("/options/goal-seek-gpus", test_goal_seek_gpus);
  g_test_add_func ("/options/goal-seek-budget", test_goal_seek_budget);
  g_test_add_func ("/options/reasons", test_reasons);
  g_test_add_func ("/options/presets-verbose", test_presets_verbose);

  return g_test_run ();
}
