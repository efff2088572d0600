/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-format"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "dml-error.h"
#include "dml-format.h"
#include "dml-params.h"

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
  assert_format (dml_field_format (dml_field_lookup ("batch-tokens-reference"), 4e7), "4e7");
  assert_format (dml_field_format (dml_field_lookup ("batch-parameters-reference"), 4.05e11), "4.05e11");
  assert_format (dml_field_format (dml_field_lookup ("training-days"), 7.89e6 / 86400), "91.32 days");
  /* A year keeps its day: 2024.56, not 2025. */
  assert_format (dml_field_format (dml_field_lookup ("anchor-year"), 2024.56), "2024.56");
  assert_format (dml_field_format (dml_field_lookup ("growth"), 4.7), "4.7");
  assert_format (dml_field_format (dml_field_lookup ("tensor-2d"), 1), "yes");
  assert_format (dml_field_format (dml_field_lookup ("hbm-bandwidth"), 3.35e12), "3.35 TB/s");
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
  /* Links in bits, as vendors and the README give them. */
  assert_parses ("10 Tb/s", "B/s", 1.25e12);
  assert_parses ("400 Gbps", "B/s", 5e10);
  assert_parses ("800 Gb/s", "B/s", 1e11);
  assert_parses ("100Mb/s", "B/s", 1.25e7);
  assert_parses ("800 Gbit/s", "B/s", 1e11);
  assert_parses ("8 b/s", "B/s", 1);

  assert_refused ("", "B/s");
  assert_refused ("fast", "B/s");
  assert_refused ("5 kg", "B/s");
  assert_refused ("1e400", "B");
  assert_refused ("90 parsecs", "d");
  /* Bits are a rate's unit only. */
  assert_refused ("80 Gb", "B");
  assert_refused ("10 Tb/s", "FLOP/s");
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

/* The shortest round-trip form, the way it was first written: print at
 * 15, 16 and 17 digits and keep the first that reads back. */
static char *
ascii_by_parsing (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  return g_strdup (buf);
}

static void
assert_ascii_as_parsed (double value)
{
  g_autofree char *expected = ascii_by_parsing (value);
  g_autofree char *actual = dml_format_ascii (value);

  if (g_strcmp0 (actual, expected) != 0)
    g_error ("%a: “%s”, expected “%s”", value, actual, expected);
}

/* dml_format_ascii() rounds 17 printed digits to 15 and 16 and checks
 * them without parsing: it must give what printing and parsing each form
 * gives, byte for byte, on every kind of double. */
static void
test_ascii (void)
{
  static const double special[] = {
    0.0, -0.0, 1, -1, 0.1, 0.7, 2.5, 1e21, 1e22, 1e23, 1e-5, 1e-4, 1e15, 1e16, 1e17,
    123456789012345678.0, 9007199254740993.0, 9007199254740992.0, 5e-324, 2.2250738585072014e-308,
    1.7976931348623157e308, INFINITY, -INFINITY, NAN, 0.30000000000000004, 91.31944444444444,
  };
  /* Ties at the 16th or 15th digit, and values next to powers of ten. */
  static const char *ties[] = {
    "1.0000000000000005", "1.2345678901234565", "9.9999999999999995e22", "9.999999999999995e-5",
    "1.00000000000000050", "4.4999999999999995", "0.15000000000000005", "9.9999999999999995",
  };
  GRand *rand = g_rand_new_with_seed (17);

  for (guint i = 0; i < G_N_ELEMENTS (special); i++)
    assert_ascii_as_parsed (special[i]);
  for (guint i = 0; i < G_N_ELEMENTS (ties); i++)
    {
      double x = g_ascii_strtod (ties[i], NULL);

      for (int k = -3; k <= 3; k++, x = nextafter (x, INFINITY))
        assert_ascii_as_parsed (x);
    }
  for (int e = -30; e <= 40; e++)
    {
      double x = pow (10, e);

      assert_ascii_as_parsed (x);
      assert_ascii_as_parsed (nextafter (x, 0));
      assert_ascii_as_parsed (nextafter (x, INFINITY));
      assert_ascii_as_parsed (ldexp (1, e * 3));
    }
  for (guint i = 0; i < 200000; i++)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      char text[32];
      double x;

      memcpy (&x, &bits, sizeof x);
      assert_ascii_as_parsed (x);
      /* The magnitudes a sweep writes, with short and long mantissas. */
      x = pow (10, g_rand_double_range (rand, -20, 40));
      assert_ascii_as_parsed (x);
      g_snprintf (text, sizeof text, "%.*e", g_rand_int_range (rand, 0, 17), x);
      assert_ascii_as_parsed (g_ascii_strtod (text, NULL));
    }
  g_rand_free (rand);
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
  g_test_add_func ("/format/ascii", test_ascii);

  return g_test_run ();
}
