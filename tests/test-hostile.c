/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-hostile"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "dml-design.h"
#include "dml-error.h"
#include "dml-file.h"
#include "dml-format.h"

/* What a hostile user tried (issue 9): every file and argument line here
 * once crashed, hung or damaged something. Each must now end within a
 * time and memory limit, with the exit code and message given. */

#define HEAD "{\"format\":\"dmlimits-design\",\"version\":1,"

/* Limits on each CLI run: CPU seconds (a wall-clock guard of four times
 * that catches a run that waits) and resident memory.
 * The sanitizers slow the CLI several times over and keep freed memory
 * in quarantine, so their build gets wider limits. */
static double limit_seconds = 5;
static double limit_rss_mb = 200;

typedef struct
{
  int     code;
  char   *out;
  char   *err;
  double  seconds;
  double  rss_mb;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static char *
read_fd (int fd)
{
  GString *text = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  lseek (fd, 0, SEEK_SET);
  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);
  close (fd);

  return g_string_free (text, FALSE);
}

/* Runs the CLI in @dir with @args and @stdin_path (NULL: /dev/null) as
 * its input; kills it and fails the test past the time limit, and
 * measures its peak memory. */
static void
run_limited (const char         *dir,
             const char * const *args,
             const char         *stdin_path,
             Run                *run)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out_path = NULL;
  g_autofree char *err_path = NULL;
  int out_fd = g_file_open_tmp ("dmlimits-out-XXXXXX", &out_path, NULL);
  int err_fd = g_file_open_tmp ("dmlimits-err-XXXXXX", &err_path, NULL);
  gint64 start = g_get_monotonic_time ();
  struct rusage usage;
  int status;
  pid_t pid;

  g_assert_cmpint (out_fd, >=, 0);
  g_assert_cmpint (err_fd, >=, 0);
  g_unlink (out_path);
  g_unlink (err_path);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  g_ptr_array_add (argv, (char *) g_getenv ("DMLIMITS_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int in = open (stdin_path != NULL ? stdin_path : "/dev/null", O_RDONLY);

      /* The limit is on CPU time, so that a loaded machine (the suites
       * run in parallel) does not fail a reader that is fast; a hang
       * that burns no CPU (a blocked FIFO) meets the wall-clock guard
       * below. */
      struct rlimit cpu = { (rlim_t) limit_seconds, (rlim_t) limit_seconds + 1 };

      if (in < 0 || chdir (dir) != 0 || setrlimit (RLIMIT_CPU, &cpu) != 0 ||
          dup2 (in, STDIN_FILENO) < 0 || dup2 (out_fd, STDOUT_FILENO) < 0 || dup2 (err_fd, STDERR_FILENO) < 0)
        _exit (126);
      execve (argv->pdata[0], (char **) argv->pdata, envp);
      _exit (127);
    }

  for (;;)
    {
      pid_t done = wait4 (pid, &status, WNOHANG, &usage);

      if (done == pid)
        break;
      g_assert_cmpint (done, ==, 0);
      if (g_get_monotonic_time () - start > 4 * limit_seconds * G_USEC_PER_SEC)
        {
          kill (pid, SIGKILL);
          waitpid (pid, &status, 0);
          g_error ("%s %s: still running after %.0f s", args[0], args[1] ? args[1] : "", 4 * limit_seconds);
        }
      g_usleep (2000);
    }

  run->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  run->rss_mb = usage.ru_maxrss / 1024.0;
  run->out = read_fd (out_fd);
  run->err = read_fd (err_fd);
  if (WIFSIGNALED (status) && WTERMSIG (status) == SIGXCPU)
    g_error ("%s %s: over %.0f s of CPU time", args[0], args[1] ? args[1] : "", limit_seconds);
  if (!WIFEXITED (status))
    g_error ("%s %s: killed by signal %d\n%s", args[0], args[1] ? args[1] : "", WTERMSIG (status), run->err);
  run->code = WEXITSTATUS (status);
  g_assert_cmpfloat (run->rss_mb, <=, limit_rss_mb);
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
write_data (const char *dir,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

#define RUNS_HEAD "id,gpu,gpus,layers,d_model,heads,vocabulary,sequence_length,global_batch_sequences"
#define RUN_ROW "r1,h100-sxm,8,32,4096,32,128256,8192,128"

/* Issue 17's runs files: large ones made row by row. */
static void
write_runs_files (const char *dir)
{
  GString *text = g_string_new (RUNS_HEAD "\n");

  /* 4. 1000 rows whose best layout once tried every pp up to 1e5. */
  for (int i = 0; i < 1000; i++)
    g_string_append (text, "1,h100-sxm,1e9,1e5,1,1e5,1,1,1e9\n");
  write_data (dir, "runs-layers.csv", text->str, text->len);

  /* 5. 40 000 rows, each its own group. */
  g_string_assign (text, RUNS_HEAD ",tp,measured_mfu,group\n");
  for (int i = 0; i < 40000; i++)
    g_string_append_printf (text, "%d,h100-sxm,1,1,1,1,1,1,1,1,0.5,g%d\n", i, i);
  write_data (dir, "runs-groups.csv", text->str, text->len);

  /* 6. 16 MB of "x" rows, and 578 521 valid short rows. */
  g_string_assign (text, "id,gpu\n");
  for (int i = 0; i < 8000000; i++)
    g_string_append (text, "x\n");
  write_data (dir, "runs-x.csv", text->str, text->len);
  g_string_assign (text, RUNS_HEAD "\n");
  for (int i = 0; i < 578521; i++)
    g_string_append_printf (text, "%05x,h100-sxm,1,1,1,1,1,1,1\n", i);
  write_data (dir, "runs-short.csv", text->str, text->len);

  /* A header as long as the file: 1.5 million columns, the last twice. */
  g_string_assign (text, "id,gpu");
  for (int i = 0; i < 1500000; i++)
    g_string_append_printf (text, ",c%d", i);
  g_string_append (text, ",c0\n");
  write_data (dir, "runs-wide.csv", text->str, text->len);

  /* 7. Group names of the summaries, ids that are CSV or not text. */
  write_file (dir, "runs-all.csv", RUNS_HEAD ",group\n" RUN_ROW ",all\n");
  write_file (dir, "runs-comma.csv", RUNS_HEAD "\n\"r,1\",h100-sxm,8,32,4096,32,128256,8192,128\n");
  write_file (dir, "runs-utf8.csv", RUNS_HEAD "\nr\xff,h100-sxm,8,32,4096,32,128256,8192,128\n");
  /* 8. A measured MFU of 1e-320 gave a MAPE of inf%. */
  write_file (dir, "runs-mfu.csv", RUNS_HEAD ",measured_mfu\n" RUN_ROW ",1e-320\n");
  /* 9. GPT-3 on GTX 580s: no layout fits. */
  write_file (dir, "runs-fit.csv", RUNS_HEAD ",measured_mfu\nbig,gtx-580,8,96,12288,96,51200,2048,8,0.3\n");
  /* 14. CSV leniency. */
  write_file (dir, "runs-bom.csv", "\xef\xbb\xbf" RUNS_HEAD "\n" RUN_ROW "\n");
  write_data (dir, "runs-nul.csv", RUNS_HEAD "\n" RUN_ROW "\0\n", sizeof (RUNS_HEAD "\n" RUN_ROW "\0\n") - 1);
  write_file (dir, "runs-twice.csv", RUNS_HEAD ",tp,tp\n" RUN_ROW ",1,8\n");
  write_file (dir, "runs-hex.csv", RUNS_HEAD "\nr1,h100-sxm,8,32,0x400,32,128256,8192,128\n");
  write_file (dir, "runs-lines.csv", RUNS_HEAD ",note\n" RUN_ROW ",\"one\ntwo\nthree\"\nr2,h100-sxm,8,32,4096,32,128256,8192,\n");
  write_file (dir, "runs-kv.csv", RUNS_HEAD ",kv_heads,tp\n" RUN_ROW ",64,1\n");
  write_file (dir, "runs-virtual.csv", RUNS_HEAD ",pp,virtual_stages\n" RUN_ROW ",8,8\n");
  g_string_free (text, TRUE);
}

/* The first reproducer: 100 000 levels of nesting behind a
 * comment, or behind a single-quoted string, which json-glib accepts. */
static void
write_deep (const char *dir,
            const char *name,
            const char *before)
{
  GString *text = g_string_new (HEAD);
  const int n = 100000;

  g_string_append (text, before);
  g_string_append (text, "\"x\":");
  for (int i = 0; i < n; i++)
    g_string_append_c (text, '[');
  for (int i = 0; i < n; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  write_file (dir, name, text->str);
  g_string_free (text, TRUE);
}

static char *
make_files (void)
{
  char *dir = g_dir_make_tmp ("dmlimits-hostile-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *comment = NULL;
  GString *brackets = g_string_new ("/*");

  for (int i = 0; i < 100000; i++)
    g_string_append_c (brackets, ']');
  g_string_append (brackets, "*/");
  comment = g_string_free (brackets, FALSE);

  write_deep (dir, "deep.json", comment);
  write_deep (dir, "deep-quote.json", "\"notes\": '\"',");
  write_file (dir, "batch.json", HEAD "\"workload\":{\"batch_tokens_reference\":1e15,"
                                 "\"batch_parameters_reference\":1,\"batch_exponent\":1}}");
  write_file (dir, "gpus.json", HEAD "\"parallelism\":{\"max_gpus\":-99999999999999999999}}");
  write_file (dir, "overflow.json", HEAD "\"hardware\":{\"scaleup_domain\":99999999999999999999}}");
  write_file (dir, "typo.json", HEAD "\"hardware\":{\"hbm_bandwidth_typo\":1}}");
  write_file (dir, "domain.json", HEAD "\"hardware\":{\"scaleup_domain\":1048576}}");
  write_file (dir, "days.json", HEAD "\"workload\":{\"training_days\":36525}}");
  write_file (dir, "hex.json", HEAD "\"hardware\":{\"scaleup_domain\":0x10}}");
  write_file (dir, "dot.json", HEAD "\"hardware\":{\"max_utilization\":.5}}");
  write_file (dir, "comment.json", HEAD "// a comment\n\"name\":\"x\"}");
  write_file (dir, "single.json", HEAD "'name':'x'}");
  write_file (dir, "concat.json", HEAD "\"name\":\"x\"}{}");
  write_file (dir, "duplicate.json", HEAD "\"name\":\"a\",\"name\":\"b\"}");
  write_file (dir, "escape.json", HEAD "\"name\":\"\\u001b]0;owned\\u0007\\u001b[31mred\"}");
  write_file (dir, "escape-key.json", HEAD "\"\\u001b[2J\":1}");
  /* Every input at its largest, and at its smallest. */
  write_file (dir, "largest.json", HEAD "\"hardware\":{\"peak_flops\":1e21,\"max_utilization\":1,"
              "\"hbm_bandwidth\":1e18,\"hbm_capacity\":1e18,\"scaleup_bandwidth\":1e18,\"scaleup_domain\":1048576,"
              "\"scaleout_bandwidth\":1e18,\"kernel_latency\":1,\"collective_base_latency\":1,"
              "\"scaleup_hop_latency\":1,\"scaleout_hop_latency\":1},\"workload\":{\"training_days\":36525,"
              "\"tokens_per_parameter\":1e6,\"bytes_per_value\":64,\"layers_coefficient\":1e6,\"layers_exponent\":1,"
              "\"batch_tokens_reference\":1e15,\"batch_parameters_reference\":1e20,\"batch_exponent\":1,"
              "\"experts\":65536,\"active_experts\":65536},\"parallelism\":{\"max_gpus\":1e15,\"pipeline_bubble\":1}}");
  write_file (dir, "smallest.json", HEAD "\"hardware\":{\"peak_flops\":1e-300,\"max_utilization\":1e-300,"
              "\"hbm_bandwidth\":1e-300,\"hbm_capacity\":1e-300,\"scaleup_bandwidth\":1e-300,\"scaleup_domain\":1,"
              "\"scaleout_bandwidth\":1e-300,\"kernel_latency\":0,\"collective_base_latency\":0,"
              "\"scaleup_hop_latency\":0,\"scaleout_hop_latency\":0},\"workload\":{\"training_days\":1e-300,"
              "\"tokens_per_parameter\":1e-300,\"bytes_per_value\":1e-300,\"layers_coefficient\":1e-300,"
              "\"layers_exponent\":0,\"batch_tokens_reference\":1e-300,\"batch_parameters_reference\":1e-300,"
              "\"batch_exponent\":0,\"experts\":65536,\"active_experts\":1}}");
  /* The slowest trend over the widest sweep: about 11 600 years of axis. */
  write_file (dir, "growth.json", HEAD "\"timeline\":{\"growth\":1.0000001}}");
  write_file (dir, "centuries.json", HEAD "\"timeline\":{\"growth\":1.01,\"growth_low\":1.01,\"growth_high\":1000,"
              "\"anchor_flop\":1,\"anchor_year\":2200},\"sweep\":{\"from\":1,\"to\":1e50,\"per_decade\":1},"
              "\"energy\":{\"pue\":10,\"electricity_price\":1e6,\"carbon_intensity\":1e4},"
              "\"workload\":{\"batch_tokens_max\":1}}");
  /* Centuries of roadmap growth and shrinking latencies, and a batch of
   * samples over it: every grown value stays within its input's range. */
  write_file (dir, "roadmap.json", HEAD "\"timeline\":{\"hardware_roadmap\":true,\"growth\":1.01,"
              "\"growth_low\":1.01,\"growth_high\":1.02,\"duration_growth\":100,\"flops_growth\":100,"
              "\"hbm_bandwidth_growth\":100,\"scaleup_domain_growth\":100,\"latency_change\":0.1},"
              "\"sweep\":{\"from\":1,\"to\":1e50,\"per_decade\":2}}");
  /* Issue 17: ranges on the sweep's grid, or that break a rule between
   * inputs in some samples; a run past the doubles' range; long names. */
  /* Issue 19: the other anchor runs at the ends of their inputs' ranges,
   * over the slowest trend, and a shared draw across kinds. */
  write_file (dir, "anchor-extremes.json", HEAD "\"timeline\":{\"growth\":1.01,\"growth_low\":1.01,"
              "\"growth_high\":1000},\"sweep\":{\"from\":1,\"to\":1e50,\"per_decade\":1},"
              "\"uncertainty\":{\"timeline.anchor\":{\"runs\":[{\"flop\":1,\"year\":1950},"
              "{\"flop\":1e50,\"year\":2200},\"gpt-3\"]},"
              "\"hardware.kernel_latency\":{\"distribution\":\"normal\",\"low\":0,\"high\":1,\"shared\":\"x\"},"
              "\"workload.batch_exponent\":{\"distribution\":\"uniform\",\"low\":0,\"high\":1,\"shared\":\"x\"}}}");
  write_file (dir, "range-per-decade.json", HEAD "\"uncertainty\":{\"sweep.per_decade\":"
              "{\"distribution\":\"uniform\",\"low\":1,\"high\":20}}}");
  write_file (dir, "range-to.json", HEAD "\"uncertainty\":{\"sweep.to\":"
              "{\"distribution\":\"log-uniform\",\"low\":1e25,\"high\":1e33}}}");
  write_file (dir, "range-experts.json", HEAD "\"workload\":{\"experts\":8,\"active_experts\":2},"
              "\"uncertainty\":{\"workload.active_experts\":{\"distribution\":\"uniform\",\"low\":1,\"high\":64}}}");
  write_file (dir, "range-experts-normal.json", HEAD "\"workload\":{\"experts\":8,\"active_experts\":2},"
              "\"uncertainty\":{\"workload.active_experts\":{\"distribution\":\"normal\",\"low\":1,\"high\":3}}}");
  write_file (dir, "range-experts-ok.json", HEAD "\"workload\":{\"experts\":64,\"active_experts\":2},"
              "\"uncertainty\":{\"workload.active_experts\":{\"distribution\":\"uniform\",\"low\":1,\"high\":8}},"
              "\"sweep\":{\"per_decade\":2}}");
  write_file (dir, "slow-link.json", HEAD "\"hardware\":{\"scaleout_bandwidth\":1e-300},"
              "\"model\":{\"layers\":126,\"d_model\":16384,\"heads\":128,\"vocabulary\":128256,"
              "\"sequence_length\":8192,\"global_batch_sequences\":2048},"
              "\"layout\":{\"gpus\":16384,\"tp\":8,\"pp\":16}}");
  {
    g_autofree char *name = g_strnfill (1001, 'n');
    g_autofree char *longest = g_strnfill (1000, 'n');
    g_autofree char *text = g_strdup_printf (HEAD "\"name\":\"%s\"}", name);
    g_autofree char *text_longest = g_strdup_printf (HEAD "\"name\":\"%s\"}", longest);
    g_autofree char *link = g_build_filename (dir, "fifo-link.png", NULL);

    write_file (dir, "long-name.json", text);
    write_file (dir, "longest-name.json", text_longest);
    g_assert_cmpint (symlink ("fifo.json", link), ==, 0);
  }
  write_runs_files (dir);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_chmod (path, 0600);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static const struct
{
  const char *args[12];
  const char *stdin_path;
  int         code;
  const char *expected; /* in stderr, or in stdout if it is empty */
} reproducers[] = {
  /* 1. Deep nesting behind a comment or a single-quoted string. */
  { { "validate", "deep.json" }, NULL, 1, "deep.json: Not valid JSON: line 1, column 41: comments are not allowed in JSON" },
  { { "summary", "deep.json" }, NULL, 1, "deep.json:" },
  { { "validate", "deep-quote.json" }, NULL, 1, "notes: strings need double quotes" },
  /* 2. A batch law that sent the dp bisection into an endless loop. */
  { { "validate", "batch.json" }, NULL, 0, NULL },
  { { "point", "batch.json", "--flop", "1e28" }, NULL, 0, "past the wall" },
  { { "summary", "batch.json" }, NULL, 0, "none in the sweep" },
  { { "sweep", "batch.json", "-o", "batch.csv" }, NULL, 0, NULL },
  { { "render", "batch.json", "-o", "batch.png", "--size", "640x360" }, NULL, 0, NULL },
  { { "compare", "batch.json", "paper-baseline" }, NULL, 0, "Wall" },
  { { "sensitivity", "batch.json" }, NULL, 0, "Larger batches" },
  { { "summary", "largest.json" }, NULL, 0, "Plateau" },
  { { "sensitivity", "largest.json" }, NULL, 0, "not applicable" },
  { { "summary", "smallest.json" }, NULL, 0, "Plateau" },
  { { "sweep", "smallest.json", "--from", "1", "--to", "1e50", "--per-decade", "4" }, NULL, 0, "flop," },
  { { "timeline", "centuries.json" }, NULL, 0, "Frontier" },
  { { "timeline", "roadmap.json" }, NULL, 0, "roadmap" },
  { { "uncertainty", "roadmap.json", "--samples", "8" }, NULL, 0, "P10" },
  { { "uncertainty", "anchor-extremes.json", "--samples", "8" }, NULL, 0, "P10" },
  { { "timeline", "anchor-extremes.json" }, NULL, 0, "Wall" },
  { { "uncertainty", "roadmap.json", "--samples", "1000000" }, NULL, 1, "too many" },
  { { "render", "centuries.json", "--view", "timeline", "-o", "centuries.png", "--size", "640x360" }, NULL, 0, NULL },
  { { "validate", "growth.json" }, NULL, 1, "timeline.growth: must be ≥ 1.01" },
  /* 3. Unbounded reads and FIFOs. */
  { { "validate", "/dev/zero" }, NULL, 1, "/dev/zero: This is a device, not a design file" },
  { { "summary", "/dev/stdin" }, "/dev/zero", 1, "This is a device" },
  { { "validate", "fifo.json" }, NULL, 1, "fifo.json: This is a named pipe (FIFO)" },
  { { "summary", "fifo.json" }, NULL, 1, "named pipe" },
  { { "validate", "." }, NULL, 1, "This is a folder" },
  /* 6. Silent misreadings. */
  { { "validate", "gpus.json" }, NULL, 1, "parallelism.max_gpus: -99999999999999999999 has too many digits to be read exactly" },
  { { "validate", "overflow.json" }, NULL, 1, "hardware.scaleup_domain: 99999999999999999999 has too many digits" },
  { { "validate", "typo.json" }, NULL, 0, "typo.json: warning: hardware.hbm_bandwidth_typo: unknown key, ignored; did you mean hbm_bandwidth?" },
  { { "summary", "typo.json" }, NULL, 0, "did you mean hbm_bandwidth?" },
  /* 7. Sensitivity at the bounds. */
  { { "sensitivity", "domain.json" }, NULL, 0, "not applicable: hardware.scaleup_domain: must be ≤ 1048576, got 2097152" },
  { { "sensitivity", "days.json", "--format", "json" }, NULL, 0, "\"not_applicable\": \"workload.training_days: must be ≤ 36525" },
  /* 8. Huge renders. */
  { { "render", "-o", "huge.png", "--size", "16384x16384" }, NULL, 1, "268 megapixels; the most is 64" },
  { { "render", "-o", "huge.png", "--size", "8000x8000", "--scale", "1.99" }, NULL, 1, "megapixels" },
  /* 9. Not JSON, with the file, line and column. */
  { { "validate", "hex.json" }, NULL, 1, "hex.json: Not valid JSON: hardware.scaleup_domain: hexadecimal numbers are not JSON; write the number in decimal (line 1, column 70)" },
  { { "validate", "dot.json" }, NULL, 1, "a number needs a digit before its point" },
  { { "validate", "comment.json" }, NULL, 1, "line 1, column 41: comments are not allowed in JSON" },
  { { "validate", "single.json" }, NULL, 1, "strings need double quotes" },
  { { "validate", "concat.json" }, NULL, 1, "line 1, column 52: text follows the end of the JSON value" },
  { { "validate", "duplicate.json" }, NULL, 1, "name: appears twice" },
  { { "validate", "escape-key.json" }, NULL, 0, "warning: \xef\xbf\xbd[2J: unknown key" },
  { { "sweep", "-o", "/dev/full" }, NULL, 1, "Could not write /dev/full: No space left on device" },
  { { "summary" }, "/dev/null", 0, "Plateau" },
  /* Issue 17. 4–6: a runs file's time and memory grow with its size. */
  { { "runs", "runs-layers.csv" }, NULL, 0, "Errors of predicted MFU" },
  { { "runs", "runs-groups.csv", "--format", "json" }, NULL, 0, "\"g39999\": {" },
  { { "runs", "runs-x.csv" }, NULL, 1, "runs-x.csv: line 2 (x), column gpu: needs a preset id" },
  { { "runs", "runs-short.csv" }, NULL, 0, "8d3d8 " },
  { { "runs", "runs-wide.csv" }, NULL, 1, "runs-wide.csv: line 1: the column “c0” appears twice (columns 3 and 1500003)" },
  /* 7. Runs report output. */
  { { "runs", "runs-all.csv", "--format", "json" }, NULL, 1, "runs-all.csv: line 2 (r1), column group: “all” is the name of a summary" },
  { { "runs", "runs-comma.csv", "--format", "csv" }, NULL, 0, "\n\"r,1\",0." },
  { { "runs", "runs-utf8.csv", "--format", "json" }, NULL, 1, "runs-utf8.csv: line 2, column id: not valid UTF-8 text" },
  /* 8. A measured MFU that is no fraction of peak. */
  { { "runs", "runs-mfu.csv" }, NULL, 1, "runs-mfu.csv: line 2 (r1), column measured_mfu: must be a fraction of peak from 0.000001 to 1, got “1e-320”" },
  /* 9. No layout fits: said, in every format. */
  { { "runs", "runs-fit.csv" }, NULL, 0, "no layout fits in memory" },
  { { "runs", "runs-fit.csv", "--format", "csv" }, NULL, 0, "big,,0.3,,,,,,,,,,,no layout fits in memory" },
  { { "runs", "runs-fit.csv", "--format", "json" }, NULL, 0, "\"note\": \"no layout fits in memory\"" },
  /* 14. CSV leniency. */
  { { "runs", "runs-bom.csv" }, NULL, 0, "r1 " },
  { { "runs", "runs-nul.csv" }, NULL, 1, "runs-nul.csv: line 2: a NUL byte" },
  { { "runs", "runs-twice.csv" }, NULL, 1, "runs-twice.csv: line 1: the column “tp” appears twice (columns 10 and 11)" },
  { { "runs", "runs-hex.csv" }, NULL, 1, "runs-hex.csv: line 2 (r1), column d_model: must be a number in decimal, got hexadecimal “0x400”" },
  { { "point", "--flop", "0x1p90" }, NULL, 2, "--flop: “0x1p90” is not a number" },
  { { "runs", "runs-lines.csv" }, NULL, 1, "runs-lines.csv: line 5 (r2), column global_batch_sequences: needs a value" },
  { { "runs", "runs-kv.csv" }, NULL, 1, "runs-kv.csv: line 2 (r1): kv_heads: at most heads (32), got 64" },
  { { "runs", "runs-virtual.csv" }, NULL, 1, "runs-virtual.csv: line 2 (r1): virtual_stages: at most one layer a virtual stage, layers / pp (4), got 8" },
  { { "runs", "runs-bom.csv", "--preset", "h100-sxm" }, NULL, 2, "runs takes no --preset" },
  /* Strict options. */
  { { "sweep", "--per-decade", "0" }, NULL, 2, "--per-decade must be a whole number from 1 to 1000" },
  { { "render", "-o", "x.png", "--size", "100x100junk" }, NULL, 2, "--size must be" },
  { { "render", "-o", "x.png", "--size", "x100" }, NULL, 2, "--size must be" },
  { { "--version" }, NULL, 0, "dmlimits-cli " PACKAGE_VERSION },
  /* Issue 17, 1: a range on the sweep's grid crashed the sampler. */
  { { "uncertainty", "range-per-decade.json", "--samples", "1000" }, NULL, 1,
    "range-per-decade.json: uncertainty.sweep.per_decade: the sweep’s settings cannot have a range" },
  { { "render", "range-per-decade.json", "--bands", "-o", "bands.png", "--size", "640x360" }, NULL, 1,
    "uncertainty.sweep.per_decade" },
  { { "bench", "range-per-decade.json", "--runs", "1", "--samples", "2" }, NULL, 1, "uncertainty.sweep.per_decade" },
  { { "uncertainty", "range-to.json", "--samples", "10" }, NULL, 1, "uncertainty.sweep.to: the sweep’s settings" },
  /* 3. An output FIFO with no reader: refused, not waited on. */
  { { "timeline", "-o", "fifo.json" }, NULL, 1, "fifo.json: it is a named pipe that no program reads" },
  { { "render", "-o", "fifo-link.png", "--size", "640x360" }, NULL, 1, "named pipe that no program reads" },
  /* 8. A link of 1e-300 B/s: refused with the input, not "MFU -nan %". */
  { { "run", "slow-link.json" }, NULL, 1, "slow-link.json: hardware.scaleout_bandwidth: 1e-300 is too extreme" },
  /* 10. Names: a bound, and columns that stay narrow. */
  { { "validate", "long-name.json" }, NULL, 1, "long-name.json: name: must be at most 1000 characters, got 1001" },
  { { "compare", "longest-name.json", "longest-name.json", "longest-name.json", "longest-name.json",
      "longest-name.json", "longest-name.json" }, NULL, 0, "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn…  " },
  /* 11. The seed as the unsigned number it is. */
  { { "uncertainty", "--samples", "2", "--seed", "18446744073709551615", "--format", "json" }, NULL, 0,
    "\"seed\": 18446744073709551615," },
  /* 12. A rule between inputs, over the whole span of a range. */
  { { "validate", "range-experts.json" }, NULL, 1,
    "range-experts.json: uncertainty: a sample may have workload.active_experts up to 64 but workload.experts as low as 8" },
  { { "validate", "range-experts-normal.json" }, NULL, 1, "workload.active_experts up to 65536" },
  { { "uncertainty", "range-experts-ok.json", "--samples", "20" }, NULL, 0, "P10" },
};

static void
test_reproducers (void)
{
  g_autofree char *dir = make_files ();
  double slowest = 0, largest = 0;

  for (guint i = 0; i < G_N_ELEMENTS (reproducers); i++)
    {
      Run run = { 0 };
      const char *text;

      run_limited (dir, reproducers[i].args, reproducers[i].stdin_path, &run);
      text = run.err[0] != '\0' ? run.err : run.out;
      g_test_message ("%s %s: exit %d in %.2f s, %.0f MB: %.200s", reproducers[i].args[0],
                      reproducers[i].args[1] ? reproducers[i].args[1] : "", run.code, run.seconds, run.rss_mb, text);
      if (run.code != reproducers[i].code)
        g_error ("case %u (%s %s): exit %d, expected %d: %s", i, reproducers[i].args[0],
                 reproducers[i].args[1] ? reproducers[i].args[1] : "", run.code, reproducers[i].code, text);
      if (reproducers[i].expected != NULL && strstr (text, reproducers[i].expected) == NULL &&
          strstr (run.out, reproducers[i].expected) == NULL)
        g_error ("case %u (%s %s): expected “%s” in: %s", i, reproducers[i].args[0],
                 reproducers[i].args[1] ? reproducers[i].args[1] : "", reproducers[i].expected, text);
      /* No control character from a file reaches the terminal's stream. */
      g_assert_null (strchr (run.err, '\033'));
      slowest = MAX (slowest, run.seconds);
      largest = MAX (largest, run.rss_mb);
      run_clear (&run);
    }

  g_test_message ("%u cases; slowest %.2f s, largest %.0f MB", (guint) G_N_ELEMENTS (reproducers), slowest, largest);
  remove_tree (dir);
}

/* ESC and OSC sequences in a design's name reach a terminal as U+FFFD.
 * script(1) gives the CLI a terminal for its standard output. */
static void
test_terminal (void)
{
  g_autofree char *dir = make_files ();
  g_autofree char *script = g_find_program_in_path ("script");
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;
  g_autofree char *printable = dml_format_printable ("a\033]0;x\007b\tc\n\xc2\x9b");
  const char *args[] = { "summary", "escape.json", NULL };
  Run run = { 0 };
  int status;

  g_assert_cmpstr (printable, ==, "a\xef\xbf\xbd]0;x\xef\xbf\xbd" "b\tc\n\xef\xbf\xbd");

  /* Into a file or a pipe the name stays as it is: it is data. */
  run_limited (dir, args, NULL, &run);
  g_assert_cmpint (run.code, ==, 0);
  g_assert_nonnull (strstr (run.out, "\033]0;owned"));
  run_clear (&run);

  if (script == NULL)
    {
      g_test_skip ("script(1) is not installed (Debian: bsdutils)");
      remove_tree (dir);
      return;
    }

  command = g_strdup_printf ("cd '%s' && LC_ALL=C.UTF-8 '%s' summary escape.json", dir, g_getenv ("DMLIMITS_CLI"));
  {
    const char *argv[] = { script, "-qec", command, "/dev/null", NULL };
    g_autoptr(GError) error = NULL;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Plateau"));
  g_assert_nonnull (strstr (out, "\xef\xbf\xbd]0;owned\xef\xbf\xbd\xef\xbf\xbd[31mred"));
  g_assert_null (strchr (out, '\033'));

  remove_tree (dir);
}

static void
assert_file_is (const char *path,
                const char *prefix)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  if (!g_str_has_prefix (contents, prefix))
    g_error ("%s starts with “%.40s”, not “%s”", path, contents, prefix);
}

/* -o and Save share dml_file_replace(): each case runs through the CLI
 * and through dml_design_save(). */
static void
test_write_safety (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dmlimits-write-XXXXXX", NULL);
  g_autofree char *real = g_build_filename (dir, "real.txt", NULL);
  g_autofree char *linked = g_build_filename (dir, "link.txt", NULL);
  g_autofree char *private = g_build_filename (dir, "private.txt", NULL);
  g_autofree char *first = g_build_filename (dir, "first.txt", NULL);
  g_autofree char *second = g_build_filename (dir, "second.txt", NULL);
  g_autofree char *device = g_build_filename (dir, "null-device", NULL);
  g_autofree char *design = g_build_filename (dir, "d.json", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked.txt", NULL);
  g_autoptr(DmlDesign) baseline = dml_design_new ();
  g_autofree char *design_text = dml_design_to_data (baseline, NULL);
  gboolean have_device;
  struct stat st, st2;

  for (int pass = 0; pass < 2; pass++)
    {
      /* Pass 0 writes a sweep with -o, pass 1 saves a design. */
      const char *expected = pass == 0 ? "flop," : "{\n  \"format\": \"dmlimits-design\"";

#define WRITE(target, code_expected)                                                      \
      G_STMT_START {                                                                      \
        if (pass == 0)                                                                    \
          {                                                                               \
            const char *args[] = { "sweep", "--per-decade", "1", "-o", target, NULL };    \
            Run run = { 0 };                                                              \
                                                                                          \
            run_limited (dir, args, NULL, &run);                                          \
            g_test_message ("-o %s: %d %s", target, run.code, run.err);                   \
            g_assert_cmpint (run.code, ==, (code_expected) ? 0 : 1);                      \
            run_clear (&run);                                                             \
          }                                                                               \
        else                                                                              \
          {                                                                               \
            g_autoptr(GFile) file = g_file_new_for_path (target);                         \
            g_autoptr(GError) error = NULL;                                               \
            gboolean saved = dml_design_save (baseline, file, NULL, &error);              \
                                                                                          \
            g_test_message ("save %s: %s", target, error ? error->message : "ok");        \
            g_assert_true (saved == (code_expected));                                     \
          }                                                                               \
      } G_STMT_END

      /* Through a symlink: the target is written, the link stays. */
      write_file (dir, "real.txt", "old");
      g_unlink (linked);
      g_assert_cmpint (symlink ("real.txt", linked), ==, 0);
      WRITE (linked, TRUE);
      g_assert_cmpint (g_lstat (linked, &st), ==, 0);
      g_assert_true (S_ISLNK (st.st_mode));
      assert_file_is (real, expected);

      /* A private file stays private. */
      write_file (dir, "private.txt", "old");
      g_assert_cmpint (g_chmod (private, 0600), ==, 0);
      WRITE (private, TRUE);
      g_assert_cmpint (g_stat (private, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      assert_file_is (private, expected);

      /* Hard links stay linked and both see the new text. */
      write_file (dir, "first.txt", "old");
      g_unlink (second);
      g_assert_cmpint (link (first, second), ==, 0);
      WRITE (first, TRUE);
      g_assert_cmpint (g_stat (first, &st), ==, 0);
      g_assert_cmpint (g_stat (second, &st2), ==, 0);
      g_assert_cmpint (st.st_ino, ==, st2.st_ino);
      g_assert_cmpint (st.st_nlink, ==, 2);
      assert_file_is (second, expected);

      /* A device node is written in place: it stays a device. Making one
       * needs root. */
      g_unlink (device);
      have_device = mknod (device, S_IFCHR | 0666, makedev (1, 3)) == 0;
      if (have_device)
        {
          WRITE (device, TRUE);
          g_assert_cmpint (g_stat (device, &st), ==, 0);
          g_assert_true (S_ISCHR (st.st_mode));
        }

      /* A read-only file is refused, even for root, and left alone. */
      write_file (dir, "locked.txt", "old");
      g_assert_cmpint (g_chmod (locked, 0444), ==, 0);
      WRITE (locked, FALSE);
      assert_file_is (locked, "old");
#undef WRITE
    }

  if (!have_device)
    g_test_message ("mknod needs root: the device case was not run");

  /* -o onto the design being read is refused, and the design kept. */
  write_file (dir, "d.json", design_text);
  {
    const char *args[] = { "sweep", "d.json", "-o", "d.json", NULL };
    const char *via_link[] = { "sweep", "d.json", "-o", "alias.json", NULL };
    g_autofree char *alias = g_build_filename (dir, "alias.json", NULL);
    Run run = { 0 };

    run_limited (dir, args, NULL, &run);
    g_assert_cmpint (run.code, ==, 2);
    g_assert_nonnull (strstr (run.err, "is the design being read"));
    assert_file_is (design, design_text);
    run_clear (&run);

    g_assert_cmpint (symlink ("d.json", alias), ==, 0);
    run_limited (dir, via_link, NULL, &run);
    g_assert_cmpint (run.code, ==, 2);
    assert_file_is (design, design_text);
    run_clear (&run);
  }

  remove_tree (dir);
}

/* The loader reads no more than the limit plus one byte, whatever the
 * file claims. */
static void
test_bounded_load (void)
{
  g_autoptr(GFile) zero = g_file_new_for_path ("/proc/self/status");
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  /* /proc files say size 0 but hold more: read, bounded. */
  g_assert_true (dml_file_load (zero, 1 << 20, NULL, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_clear_pointer (&data, g_free);

  g_assert_false (dml_file_load (zero, 16, NULL, &data, &length, &error));
  g_assert_error (error, DML_ERROR, DML_ERROR_TOO_LARGE);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DMLIMITS_SANITIZED") != NULL)
    {
      limit_seconds = 30;
      limit_rss_mb = 1024;
    }

  g_test_add_func ("/hostile/reproducers", test_reproducers);
  g_test_add_func ("/hostile/terminal", test_terminal);
  g_test_add_func ("/hostile/write-safety", test_write_safety);
  g_test_add_func ("/hostile/bounded-load", test_bounded_load);

  return g_test_run ();
}
