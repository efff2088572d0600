/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-format"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "dml-error.h"
#include "dml-format.h"

static void
assert_format (char       *actual,
               const char *expected)
{
  g_assert_cmpstr (actual, ==, expected);
  g_free (actual);
}

static void
test_power_of_ten (void)
{
  assert_format (dml_format_flop (2.1e28), "2.1 × 10²⁸ FLOP");
  assert_format (dml_format_flop (1e28), "10²⁸ FLOP");
  assert_format (dml_format_flop (9.96e30), "10³¹ FLOP");
  assert_format (dml_format_flop (4.9e31), "4.9 × 10³¹ FLOP");
  assert_format (dml_format_power_of_ten (1.5e-3, 2), "1.5 × 10⁻³");
  assert_format (dml_format_power_of_ten (NAN, 2), "—");
}

static void
test_quantity (void)
{
  assert_format (dml_format_quantity (450e9, "B/s"), "450 GB/s");
  assert_format (dml_format_quantity (3.35e12, "B/s"), "3.35 TB/s");
  assert_format (dml_format_quantity (80e9, "B"), "80 GB");
  assert_format (dml_format_quantity (4.5e-6, "s"), "4.5 µs");
  assert_format (dml_format_quantity (989e12, "FLOP/s"), "989 TFLOP/s");
  assert_format (dml_format_quantity (999.9e9, "B/s"), "1 TB/s");
  assert_format (dml_format_quantity (0, "s"), "0 s");
  assert_format (dml_format_duration (7.89e6), "91.3 days");
  assert_format (dml_format_percent (0.699), "69.9 %");
  assert_format (dml_format_si (3.3512e12, "B/s", 4), "3.351 TB/s");
  assert_format (dml_format_field (dml_field_lookup ("batch-tokens-reference"), 4e7), "4e7");
  assert_format (dml_format_field (dml_field_lookup ("batch-parameters-reference"), 4.05e11), "4.05e11");
  assert_format (dml_format_field (dml_field_lookup ("training-days"), 7.89e6 / 86400), "91.32 days");
  /* A year keeps its day: 2024.56, not 2025. */
  assert_format (dml_format_field (dml_field_lookup ("anchor-year"), 2024.56), "2024.56");
  assert_format (dml_format_field (dml_field_lookup ("growth"), 4.7), "4.7");
  assert_format (dml_format_field (dml_field_lookup ("tensor-2d"), 1), "yes");
  assert_format (dml_format_field (dml_field_lookup ("hbm-bandwidth"), 3.35e12), "3.35 TB/s");
}

static void
assert_parses (const char *text,
               const char *unit,
               double      expected)
{
  g_autoptr(GError) error = NULL;
  double value = 0;

  g_assert_true (dml_parse_quantity (text, unit, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (value, expected, fabs (expected) * 1e-12);
}

static void
assert_refused (const char *text,
                const char *unit)
{
  g_autoptr(GError) error = NULL;
  double value = 42;

  g_assert_false (dml_parse_quantity (text, unit, &value, &error));
  g_assert_error (error, DML_ERROR, DML_ERROR_INVALID);
  g_assert_cmpfloat (value, ==, 42);
}

static void
test_parse (void)
{
  assert_parses ("3.35 TB/s", "B/s", 3.35e12);
  assert_parses ("3.35e12", "B/s", 3.35e12);
  assert_parses ("450G", "B/s", 450e9);
  assert_parses ("450 GB", "B/s", 450e9);
  assert_parses ("4.5 us", "s", 4.5e-6);
  assert_parses ("4.5 µs", "s", 4.5e-6);
  assert_parses ("90 days", "d", 90);
  assert_parses ("3 months", "d", 91.3125);
  assert_parses ("2 h", "s", 7200);
  assert_parses ("0,7", "", 0.7);
  assert_parses (" 80 GB ", "B", 80e9);
  assert_parses ("70 %", "", 0.7);
  assert_parses ("91.5 日", "d", 91.5);
  assert_parses ("3 か月", "d", 91.3125);

  assert_refused ("", "B/s");
  assert_refused ("fast", "B/s");
  assert_refused ("5 kg", "B/s");
  assert_refused ("1e400", "B");
  assert_refused ("90 parsecs", "d");
  /* Grouping or a decimal comma? Refused where the locale's mark is a
   * point: 100,000 GPUs once became 100. */
  assert_refused ("100,000", "");
  assert_refused ("1,500 GB", "B");
}

/* On screen numbers follow the locale; a decimal comma must not break
 * the power-of-ten notation. */
static void
test_locale (void)
{
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("de_DE.UTF-8 is not installed");
      return;
    }

  assert_format (dml_format_flop (2.1e28), "2,1 × 10²⁸ FLOP");
  assert_format (dml_format_ascii (2.5), "2.5");
  assert_parses ("3,35 TB/s", "B/s", 3.35e12);
  assert_parses ("100,000", "", 100);
  setlocale (LC_NUMERIC, "C");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/power-of-ten", test_power_of_ten);
  g_test_add_func ("/format/quantity", test_quantity);
  g_test_add_func ("/format/parse", test_parse);
  g_test_add_func ("/format/locale", test_locale);

  return g_test_run ();
}
