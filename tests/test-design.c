/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-design"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "dml-csv.h"
#include "dml-design.h"
#include "dml-error.h"
#include "dml-preset.h"

/* The code's baseline and data/designs/paper-baseline.json are one design. */
static void
test_baseline_matches_file (void)
{
  g_autoptr(DmlDesign) design = dml_design_new ();
  DmlParams from_file, from_code;

  dml_design_get_params (design, &from_file);
  dml_params_init_baseline (&from_code);
  g_assert_true (dml_params_equal (&from_file, &from_code));
  /* The paper's capacity is 80e9 B and h100-sxm's the vendor's 80 GiB
   * (issue 19): the baseline keeps the paper's number, in its own preset. */
  g_assert_cmpstr (dml_design_get_preset (design), ==, "h100-sxm-paper");
}

static void
test_shipped_round_trip (void)
{
  g_auto(GStrv) ids = dml_design_list_shipped ();

  g_assert_cmpuint (g_strv_length (ids), >=, 3);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DmlDesign) design = dml_design_new_shipped (ids[i], &error);
      g_autoptr(DmlDesign) again = NULL;
      g_autofree char *data = NULL;
      gsize length;

      g_assert_no_error (error);
      data = dml_design_to_data (design, &length);
      again = dml_design_new_from_data (data, length, &error);
      g_assert_no_error (error);
      g_assert_true (dml_design_equal (design, again));
    }
}

static void
test_file_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dmlimits-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "design.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmlDesign) design = dml_design_new ();
  g_autoptr(DmlDesign) loaded = NULL;
  g_autoptr(GError) error = NULL;

  dml_design_set_name (design, "Ünïcode — 設計");
  g_object_set (design, "hbm-bandwidth", 1.234567890123e12, "max-gpus", 65536.0,
                "tensor-2d", FALSE, NULL);

  g_assert_true (dml_design_save (design, file, NULL, &error));
  g_assert_no_error (error);
  loaded = dml_design_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dml_design_equal (design, loaded));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing_keys_take_baseline (void)
{
  static const char minimal[] = "{\"format\": \"dmlimits-design\", \"version\": 1,"
                                " \"workload\": {\"batch_exponent\": 0.5}, \"future_key\": [1, 2]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(DmlDesign) design = dml_design_new_from_data (minimal, strlen (minimal), &error);
  DmlParams params, expected;

  g_assert_no_error (error);
  dml_design_get_params (design, &params);
  dml_params_init_baseline (&expected);
  expected.batch_exponent = 0.5;
  g_assert_true (dml_params_equal (&params, &expected));
}

/* The uncertainty group's keys of issue 19: ranges sharing one draw and
 * other anchor runs survive a save and a load; a file with only the old
 * keys (distribution, low, high) loads as before: independent draws and
 * no other anchor. */
static void
test_uncertainty_keys (void)
{
  static const char with_new[] = "{\"format\": \"dmlimits-design\", \"version\": 1, \"uncertainty\": {"
    "\"hardware.kernel_latency\": {\"distribution\": \"log-uniform\", \"low\": 1e-6, \"high\": 4e-6, \"shared\": \"lat\"},"
    "\"hardware.scaleout_hop_latency\": {\"distribution\": \"log-uniform\", \"low\": 2e-6, \"high\": 8e-6, \"shared\": \"lat\"},"
    "\"timeline.anchor\": {\"runs\": [\"grok-3\", {\"flop\": 1e27, \"year\": 2026.5}]}}}";
  static const char with_old[] = "{\"format\": \"dmlimits-design\", \"version\": 1, \"uncertainty\": {"
    "\"hardware.kernel_latency\": {\"distribution\": \"log-uniform\", \"low\": 1e-6, \"high\": 4e-6}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(DmlDesign) design = dml_design_new_from_data (with_new, strlen (with_new), &error);
  g_autoptr(DmlDesign) again = NULL;
  g_autoptr(DmlDesign) old = NULL;
  g_autofree char *data = NULL;
  DmlParams params, defaults;
  gsize length;

  g_assert_no_error (error);
  dml_design_get_params (design, &params);
  g_assert_cmpuint (params.n_ranges, ==, 2);
  g_assert_cmpstr (params.ranges[0].shared, ==, "lat");
  g_assert_cmpstr (params.ranges[1].shared, ==, "lat");
  g_assert_cmpuint (params.n_anchor_runs, ==, 2);
  g_assert_cmpfloat (params.anchor_runs[0].flop, ==, 4.64e26);
  g_assert_cmpfloat (params.anchor_runs[1].year, ==, 2026.5);

  data = dml_design_to_data (design, &length);
  g_assert_nonnull (strstr (data, "\"shared\""));
  g_assert_nonnull (strstr (data, "\"lat\""));
  g_assert_nonnull (strstr (data, "\"grok-3\""));
  again = dml_design_new_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_true (dml_design_equal (design, again));

  old = dml_design_new_from_data (with_old, strlen (with_old), &error);
  g_assert_no_error (error);
  dml_design_get_params (old, &params);
  g_assert_cmpuint (params.n_ranges, ==, 1);
  g_assert_cmpstr (params.ranges[0].shared, ==, "");
  g_assert_cmpuint (params.n_anchor_runs, ==, 0);

  /* Without the group: the defaults, the other anchor Grok-3 among them. */
  dml_params_init_baseline (&defaults);
  g_assert_cmpuint (defaults.n_anchor_runs, ==, 1);
}

/* Files never use the locale's decimal comma, whatever the locale is. */
static void
test_locale_independent (void)
{
  g_autoptr(DmlDesign) design = dml_design_new ();
  g_autoptr(DmlDesign) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  static const char *locales[] = { "de_DE.UTF-8", "ja_JP.UTF-8" };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      if (setlocale (LC_ALL, locales[i]) == NULL)
        {
          g_test_skip ("de_DE.UTF-8 or ja_JP.UTF-8 is not installed (Debian: locales-all)");
          setlocale (LC_ALL, "C.UTF-8");
          return;
        }

      g_clear_pointer (&data, g_free);
      g_clear_object (&again);
      data = dml_design_to_data (design, &length);
      g_assert_nonnull (strstr (data, "\"max_utilization\": 0.7,"));
      g_assert_null (strstr (data, "0,7"));
      again = dml_design_new_from_data (data, length, &error);
      g_assert_no_error (error);
      g_assert_true (dml_design_equal (design, again));
    }

  setlocale (LC_ALL, "C.UTF-8");
}

/* Doubles that json-glib 1.6's own generator writes as unreadable text
 * ("1e+21.0"), and ones that need all 17 digits. */
static void
test_awkward_numbers (void)
{
  g_autoptr(DmlDesign) design = dml_design_new ();
  g_autoptr(DmlDesign) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_object_set (design, "sweep-from", 1e21, "sweep-to", 1e45, "scaleout-hop-latency", 5e-6,
                "hbm-capacity", 1e18, "hbm-bandwidth", 1.0 / 3 * 1e12, "max-utilization", 0.1 + 0.2,
                "batch-exponent", 1e-300, NULL);
  dml_design_set_name (design, "Quotes \" and \\ and\nnew line\t\x01");

  data = dml_design_to_data (design, &length);
  g_assert_nonnull (strstr (data, "\"from\": 1e+21,"));
  g_assert_nonnull (strstr (data, "\"scaleout_hop_latency\": 5e-06,"));
  again = dml_design_new_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_true (dml_design_equal (design, again));
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr(DmlDesign) design = dml_design_new ();
  DmlParams params;
  guint count = 0;
  double value;

  g_signal_connect (design, "notify::hbm-bandwidth", G_CALLBACK (notify_cb), &count);

  g_object_set (design, "hbm-bandwidth", 4.8e12, NULL);
  g_assert_cmpuint (count, ==, 1);
  g_object_set (design, "hbm-bandwidth", 4.8e12, NULL);
  g_assert_cmpuint (count, ==, 1);

  dml_design_get_params (design, &params);
  g_assert_cmpfloat (params.hbm_bandwidth, ==, 4.8e12);

  params.hbm_bandwidth = 3e12;
  dml_design_set_params (design, &params);
  g_assert_cmpuint (count, ==, 2);
  g_object_get (design, "hbm-bandwidth", &value, NULL);
  g_assert_cmpfloat (value, ==, 3e12);
}

static void
test_presets (void)
{
  const DmlPreset * const *presets;
  g_autoptr(DmlDesign) design = dml_design_new ();
  g_autoptr(GError) error = NULL;
  DmlParams params;
  guint n;

  /* Every shipped preset file, and nothing else. */
  presets = dml_presets (&n);
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "presets", NULL);
    g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
    guint files = 0;

    g_assert_nonnull (dir);
    for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
      files += g_str_has_suffix (name, ".json");
    g_assert_cmpuint (n, ==, files);
  }

  for (guint i = 0; i < n; i++)
    {
      DmlParams p;

      g_assert_nonnull (presets[i]->source);
      g_assert_nonnull (presets[i]->precision);
      g_assert_nonnull (presets[i]->direction);
      g_assert_cmpuint (strlen (presets[i]->source), >, 20);
      dml_params_init_baseline (&p);
      dml_preset_apply (presets[i], &p);
      g_assert_true (dml_params_validate (&p, NULL));
    }

  g_assert_true (dml_design_apply_preset (design, "gb200-nvl72", &error));
  g_assert_no_error (error);
  dml_design_get_params (design, &params);
  g_assert_cmpfloat (params.scaleup_domain, ==, 72);
  g_assert_cmpfloat (params.peak_flops, ==, 2.5e15);
  g_assert_cmpfloat (params.tokens_per_parameter, ==, 20);
  g_assert_cmpstr (dml_design_get_preset (design), ==, "gb200-nvl72");

  g_assert_false (dml_design_apply_preset (design, "h900", &error));
  g_assert_error (error, DML_ERROR, DML_ERROR_NOT_FOUND);
}

static void
test_refuses_large_and_deep (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"format\": \"dmlimits-design\", \"version\": 1, \"x\": ");
  g_autofree char *large = g_malloc (DML_DESIGN_MAX_BYTES + 2);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (dml_design_new_from_data (deep->str, deep->len, &error));
  g_assert_error (error, DML_ERROR, DML_ERROR_PARSE);
  g_clear_error (&error);

  memset (large, ' ', DML_DESIGN_MAX_BYTES + 1);
  large[DML_DESIGN_MAX_BYTES + 1] = '\0';
  g_assert_null (dml_design_new_from_data (large, DML_DESIGN_MAX_BYTES + 1, &error));
  g_assert_error (error, DML_ERROR, DML_ERROR_TOO_LARGE);
}

/* A failed save leaves the old file as it was: here the rename cannot
 * replace a directory standing where the file should go. */
static void
test_failed_save_keeps_old (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dmlimits-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "design.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = NULL;
  g_autoptr(DmlDesign) design = dml_design_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *nowhere = g_build_filename (dir, "no", "such", "folder", "design.json", NULL);

  g_assert_true (dml_design_save (design, file, NULL, &error));
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  dml_design_set_name (design, "Changed");
  missing = g_file_new_for_path (nowhere);
  g_assert_false (dml_design_save (design, missing, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  g_unlink (path);
  g_rmdir (dir);
}

static void
assert_only_file (const char *dir,
                  const char *name)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  while ((entry = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_equal (entry, name))
        g_error ("%s left behind in %s", entry, dir);
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
}

/* In a folder the user may not write to, saving fails with a message and
 * the old file stays as it was. Root may write anywhere, so the save runs
 * in a child that gives up root first. */
static void
test_read_only_folder (void)
{
  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("DML_TEST_PATH");
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(DmlDesign) design = dml_design_new ();
      g_autoptr(GError) error = NULL;

      if (getuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        g_error ("could not give up root: %s", g_strerror (errno));

      dml_design_set_name (design, "Changed");
      g_assert_false (dml_design_save (design, file, NULL, &error));
      g_assert_nonnull (error);
      g_printerr ("save refused: %s\n", error->message);
      return;
    }

  {
    g_autofree char *dir = g_dir_make_tmp ("dmlimits-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "design.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(DmlDesign) design = dml_design_new ();
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    const char *envp_path;

    g_assert_true (dml_design_save (design, file, NULL, NULL));
    g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
    g_assert_cmpint (g_chmod (path, 0644), ==, 0);
    g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

    g_setenv ("DML_TEST_PATH", path, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
    g_test_trap_assert_stderr ("*save refused:*");
    envp_path = g_getenv ("DML_TEST_PATH");
    g_assert_cmpstr (envp_path, ==, path);

    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (before, ==, after);
    assert_only_file (dir, "design.json");

    g_chmod (dir, 0755);
    g_unlink (path);
    g_rmdir (dir);
  }
}

/* On a full disk (a 64 KiB tmpfs, filled up), saving fails and the old
 * file stays whole. Needs root to mount; skipped otherwise. */
static void
test_full_disk (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dmlimits-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "design.json", NULL);
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DmlDesign) design = dml_design_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  char block[4096];
  FILE *fill;

  if (mount ("tmpfs", dir, "tmpfs", 0, "size=64k") != 0)
    {
      g_autofree char *message = g_strdup_printf ("cannot mount a tmpfs: %s", g_strerror (errno));

      g_rmdir (dir);
      g_test_skip (message);
      return;
    }

  g_assert_true (dml_design_save (design, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  memset (block, 'x', sizeof block);
  fill = fopen (filler, "w");
  g_assert_nonnull (fill);
  while (fwrite (block, 1, sizeof block, fill) == sizeof block && fflush (fill) == 0)
    ;
  fclose (fill);

  /* A longer design, so that it cannot fit in what is left. */
  dml_design_set_notes (design, "A note long enough to need more room than the old file had. "
                                "A note long enough to need more room than the old file had. "
                                "A note long enough to need more room than the old file had.");
  g_assert_false (dml_design_save (design, file, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("full disk: %s", error->message);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  g_unlink (filler);
  assert_only_file (dir, "design.json");

  umount (dir);
  g_rmdir (dir);
}

/* CSV as RFC 4180 has it: quoted commas, doubled quotes, newlines in
 * quotes, CRLF, empty fields; an unclosed quote names its line. */
static void
test_csv (void)
{
  static const char text[] = "id,note,n\r\n"
                             "a,\"one, two\",1\r\n"
                             "b,\"say \"\"hi\"\"\nthen\",\r\n"
                             "\n"
                             "c,,3";
  static const char unclosed[] = "id,note\nx,y\nz,\"open\nstill open\n";
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = dml_csv_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstrv (rows->pdata[0], ((const char *[]) { "id", "note", "n", NULL }));
  g_assert_cmpstrv (rows->pdata[1], ((const char *[]) { "a", "one, two", "1", NULL }));
  g_assert_cmpstrv (rows->pdata[2], ((const char *[]) { "b", "say \"hi\"\nthen", "", NULL }));
  g_assert_cmpstrv (rows->pdata[3], ((const char *[]) { "c", "", "3", NULL }));

  g_assert_null (dml_csv_parse (unclosed, strlen (unclosed), &error));
  g_assert_error (error, DML_ERROR, DML_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "line 3"));
}

/* A hardware group that only names a preset is that preset's hardware,
 * as --preset gives it, for every preset; numbers that differ stand, with
 * a warning. */
static void
test_preset_only (void)
{
  const DmlPreset * const *presets;
  guint n;

  presets = dml_presets (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"format\":\"dmlimits-design\",\"version\":1,"
                                               "\"hardware\":{\"preset\":\"%s\"}}", presets[i]->id);
      g_autoptr(GError) error = NULL;
      g_autoptr(DmlDesign) design = dml_design_new_from_data (text, strlen (text), &error);
      DmlParams expected, params;

      g_assert_no_error (error);
      dml_params_init_baseline (&expected);
      dml_preset_apply (presets[i], &expected);
      dml_design_get_params (design, &params);
      g_assert_true (dml_params_equal (&params, &expected));
      g_assert_cmpstr (dml_design_get_preset (design), ==, presets[i]->id);
      g_assert_null (dml_design_get_warnings (design)[0]);
    }

  {
    static const char text[] = "{\"format\":\"dmlimits-design\",\"version\":1,"
                               "\"hardware\":{\"preset\":\"a100-sxm-80gb\",\"hbm_bandwidth\":3e12}}";
    g_autoptr(GError) error = NULL;
    g_autoptr(DmlDesign) design = dml_design_new_from_data (text, strlen (text), &error);
    DmlParams params;

    g_assert_no_error (error);
    dml_design_get_params (design, &params);
    g_assert_cmpfloat (params.hbm_bandwidth, ==, 3e12);
    g_assert_cmpfloat (params.peak_flops, ==, dml_preset_lookup ("a100-sxm-80gb")->hardware.peak_flops);
    g_assert_null (dml_design_get_preset (design));
    g_assert_nonnull (strstr (dml_design_get_warnings (design)[0], "numbers differ from “a100-sxm-80gb” (hbm_bandwidth)"));
  }
}

/* The record reader (issue 17): a byte order mark is no part of the
 * first cell; each record knows the line it starts on, however many
 * lines its quoted cells span; a NUL byte is refused with its line. */
static void
test_csv_reader (void)
{
  static const char text[] = "\xef\xbb\xbfid,note\r\n"
                             "a,\"one\r\ntwo\nthree\"\n"
                             "\n\n"
                             "b,\"\"\"\"\r"
                             "c";
  static const char nul[] = "id\nx\ny\0z\n";
  DmlCsvReader reader;
  g_autoptr(GError) error = NULL;
  const struct { guint line; const char *first, *second; guint n; } expect[] = {
    { 1, "id", "note", 2 }, { 2, "a", "one\r\ntwo\nthree", 2 }, { 7, "b", "\"", 2 }, { 8, "c", "", 1 },
  };
  guint i = 0;

  dml_csv_reader_init (&reader, text, strlen (text));
  while (dml_csv_reader_next (&reader, &error))
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (expect));
      g_assert_cmpuint (dml_csv_reader_line (&reader), ==, expect[i].line);
      g_assert_cmpuint (dml_csv_reader_n_cells (&reader), ==, expect[i].n);
      g_assert_cmpstr (dml_csv_reader_cell (&reader, 0), ==, expect[i].first);
      g_assert_cmpstr (dml_csv_reader_cell (&reader, 1), ==, expect[i].second);
      i++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expect));
  dml_csv_reader_clear (&reader);

  dml_csv_reader_init (&reader, nul, sizeof nul - 1);
  while (dml_csv_reader_next (&reader, &error))
    ;
  g_assert_error (error, DML_ERROR, DML_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "line 3: a NUL byte"));
  dml_csv_reader_clear (&reader);
}

/* Cells written as RFC 4180 says read back as they were. */
static void
test_csv_writer (void)
{
  static const char * const cells[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "cr\rlf", " padded ", "", "é" };
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      dml_csv_append_cell (line, cells[i]);
    }
  g_assert_cmpstr (line->str, ==, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rlf\",\" padded \",,é");
  rows = dml_csv_parse (line->str, line->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (g_strv_length (rows->pdata[0]), ==, G_N_ELEMENTS (cells));
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    g_assert_cmpstr (((char **) rows->pdata[0])[i], ==, cells[i]);
}

/* A cell's number is decimal, as in a design. */
static void
test_csv_number (void)
{
  static const struct { const char *text; gboolean ok; double value; } cases[] = {
    { "12", TRUE, 12 }, { "-0.5", TRUE, -0.5 }, { "1.56e13", TRUE, 1.56e13 }, { "+3", TRUE, 3 },
    { ".5", TRUE, 0.5 }, { "5.", TRUE, 5 }, { "1E-3", TRUE, 1e-3 },
    { "0x400", FALSE }, { "0x1p90", FALSE }, { "-0X10", FALSE }, { "inf", FALSE }, { "nan", FALSE },
    { "1e", FALSE }, { "1e400", FALSE }, { "", FALSE }, { ".", FALSE }, { " 1", FALSE }, { "1 ", FALSE },
    { "1,5", FALSE }, { "e5", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double value = 0;
      gboolean ok = dml_csv_parse_number (cases[i].text, &value, &error);

      if (ok != cases[i].ok)
        g_error ("“%s”: %s", cases[i].text, ok ? "read" : error->message);
      if (ok)
        g_assert_cmpfloat (value, ==, cases[i].value);
      else
        g_assert_error (error, DML_ERROR, DML_ERROR_INVALID);
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/design/baseline-matches-file", test_baseline_matches_file);
  g_test_add_func ("/design/csv", test_csv);
  g_test_add_func ("/design/csv-reader", test_csv_reader);
  g_test_add_func ("/design/csv-writer", test_csv_writer);
  g_test_add_func ("/design/csv-number", test_csv_number);
  g_test_add_func ("/design/shipped-round-trip", test_shipped_round_trip);
  g_test_add_func ("/design/file-round-trip", test_file_round_trip);
  g_test_add_func ("/design/missing-keys", test_missing_keys_take_baseline);
  g_test_add_func ("/design/uncertainty-keys", test_uncertainty_keys);
  g_test_add_func ("/design/locale-independent", test_locale_independent);
  g_test_add_func ("/design/properties", test_properties);
  g_test_add_func ("/design/awkward-numbers", test_awkward_numbers);
  g_test_add_func ("/design/presets", test_presets);
  g_test_add_func ("/design/preset-only", test_preset_only);
  g_test_add_func ("/design/large-and-deep", test_refuses_large_and_deep);
  g_test_add_func ("/design/failed-save-keeps-old", test_failed_save_keeps_old);
  g_test_add_func ("/design/read-only-folder", test_read_only_folder);
  g_test_add_func ("/design/full-disk", test_full_disk);

  return g_test_run ();
}
