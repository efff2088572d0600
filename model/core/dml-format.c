/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-format"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-error.h"
#include "dml-format.h"

static const char *superscripts[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };

typedef struct
{
  const char *symbol;
  double      factor;
} Prefix;

static const Prefix prefixes[] = {
  { "P", 1e15 }, { "T", 1e12 }, { "G", 1e9 }, { "M", 1e6 }, { "k", 1e3 },
  { "", 1 }, { "m", 1e-3 }, { "µ", 1e-6 }, { "n", 1e-9 },
};

static void
append_superscript (GString *str,
                    int      exponent)
{
  char digits[16];

  if (exponent < 0)
    g_string_append (str, "⁻");
  g_snprintf (digits, sizeof digits, "%d", ABS (exponent));
  for (const char *c = digits; *c; c++)
    g_string_append (str, superscripts[*c - '0']);
}

/* "2.1 × 10²⁸", with the mantissa in the user's locale. */
char *
dml_format_power_of_ten (double value,
                         int    digits)
{
  GString *str;
  int exponent;
  double mantissa;

  if (!isfinite (value))
    return g_strdup ("—");
  if (value == 0)
    return g_strdup ("0");

  exponent = (int) floor (log10 (fabs (value)));
  mantissa = value / pow (10, exponent);
  /* 9.96 rounds to "10.0" at two digits: carry into the exponent. */
  if (fabs (mantissa) >= 10 - 0.5 * pow (10, 1 - digits))
    {
      mantissa /= 10;
      exponent++;
    }

  str = g_string_new (NULL);
  if (fabs (mantissa - 1) > 0.5 * pow (10, 1 - digits))
    g_string_append_printf (str, "%.*f × ", MAX (0, digits - 1), mantissa);
  g_string_append (str, "10");
  append_superscript (str, exponent);

  return g_string_free (str, FALSE);
}

char *
dml_format_flop (double flop)
{
  g_autofree char *number = dml_format_power_of_ten (flop, 2);

  /* TRANSLATORS: a training compute scale, e.g. "2.1 × 10²⁸ FLOP" */
  return g_strdup_printf (_("%s FLOP"), number);
}

/* Money as people write it on slides: "$8.42 B", "$120 M", "$950". */
char *
dml_format_usd (double value)
{
  static const struct { double factor; const char *suffix; } scales[] = {
    { 1e12, " T" }, { 1e9, " B" }, { 1e6, " M" }, { 1e3, " k" },
  };

  if (!isfinite (value))
    return g_strdup ("—");
  if (fabs (value) >= 1e15)
    {
      g_autofree char *number = dml_format_power_of_ten (value, 3);

      return g_strdup_printf ("$%s", number);
    }

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (fabs (value) >= scales[i].factor * 0.9995)
      return g_strdup_printf ("$%.3g%s", value / scales[i].factor, scales[i].suffix);

  return g_strdup_printf ("$%.3g", value);
}

/* "450 GB/s", "4.5 µs", "80 GB": three significant digits, SI prefix. */
char *
dml_format_quantity (double      value,
                     const char *unit)
{
  return dml_format_si (value, unit, 3);
}

char *
dml_format_si (double      value,
               const char *unit,
               int         digits)
{
  const Prefix *prefix = &prefixes[5];

  if (!isfinite (value))
    return g_strdup ("—");

  if (value != 0)
    for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
      if (fabs (value) >= prefixes[i].factor * 0.9995)
        {
          prefix = &prefixes[i];
          break;
        }

  if (fabs (value) >= 1e18)
    {
      g_autofree char *number = dml_format_power_of_ten (value, digits);
      return g_strdup_printf ("%s %s", number, unit);
    }

  return g_strdup_printf ("%.*g %s%s", digits, value / prefix->factor, prefix->symbol, unit);
}

char *
dml_format_duration (double seconds)
{
  if (!isfinite (seconds))
    return g_strdup ("—");
  if (seconds >= 2 * 86400)
    return g_strdup_printf (_("%.1f days"), seconds / 86400);
  if (seconds >= 2 * 3600)
    return g_strdup_printf (_("%.1f h"), seconds / 3600);
  return dml_format_quantity (seconds, "s");
}

char *
dml_format_percent (double fraction)
{
  return g_strdup_printf ("%.1f %%", 100 * fraction);
}

/* What dml_format_ascii() gives, the slow way: "%.15g", "%.16g" or
 * "%.17g", the first that reads back to @value. */
static void
format_ascii_by_parsing (double value,
                         char   buf[G_ASCII_DTOSTR_BUF_SIZE])
{
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
}

/* Which side of its 17 rounded digits a value lies on. */
typedef enum
{
  SIDE_BELOW = -1,
  SIDE_EXACT = 0,
  SIDE_ABOVE = 1,
  SIDE_UNKNOWN = 2,
} Side;

#ifdef __SIZEOF_INT128__
typedef unsigned __int128 uint128;

static int
bit_length (uint128 x)
{
  guint64 high = (guint64) (x >> 64), low = (guint64) x;

  if (high != 0)
    return 128 - __builtin_clzll (high);
  return low != 0 ? 64 - __builtin_clzll (low) : 0;
}

/* 5^@n for @n ≤ 54 (below 2^126). */
static uint128
power_of_five (int n)
{
  static const guint64 small[] = {
    G_GUINT64_CONSTANT (1), G_GUINT64_CONSTANT (5), G_GUINT64_CONSTANT (25),
    G_GUINT64_CONSTANT (125), G_GUINT64_CONSTANT (625), G_GUINT64_CONSTANT (3125),
    G_GUINT64_CONSTANT (15625), G_GUINT64_CONSTANT (78125), G_GUINT64_CONSTANT (390625),
    G_GUINT64_CONSTANT (1953125), G_GUINT64_CONSTANT (9765625), G_GUINT64_CONSTANT (48828125),
    G_GUINT64_CONSTANT (244140625), G_GUINT64_CONSTANT (1220703125),
    G_GUINT64_CONSTANT (6103515625), G_GUINT64_CONSTANT (30517578125),
    G_GUINT64_CONSTANT (152587890625), G_GUINT64_CONSTANT (762939453125),
    G_GUINT64_CONSTANT (3814697265625), G_GUINT64_CONSTANT (19073486328125),
    G_GUINT64_CONSTANT (95367431640625), G_GUINT64_CONSTANT (476837158203125),
    G_GUINT64_CONSTANT (2384185791015625), G_GUINT64_CONSTANT (11920928955078125),
    G_GUINT64_CONSTANT (59604644775390625), G_GUINT64_CONSTANT (298023223876953125),
    G_GUINT64_CONSTANT (1490116119384765625), G_GUINT64_CONSTANT (7450580596923828125),
  };

  if (n < (int) G_N_ELEMENTS (small))
    return small[n];
  return (uint128) small[27] * small[n - 27];
}

/* The 17 significant digits of @magnitude rounded to nearest, as
 * printf ("%.16e") gives them, in exact integer arithmetic: @magnitude is
 * m·2^e, and m·2^e / 10^s is split into its whole part and remainder.
 * FALSE where that needs more than 128 bits (below about 10^-16 or above
 * about 10^38) or the value lies exactly halfway: printf then decides. */
static gboolean
exact_digits17 (double  magnitude,
                char    d17[17],
                int    *exp10,
                Side   *side)
{
  const guint64 low = G_GUINT64_CONSTANT (10000000000000000);   /* 10^16 */
  int e2, e, guess;
  guint64 m;

  m = (guint64) ldexp (frexp (magnitude, &e2), 53);
  e = e2 - 53;
  guess = (int) floor (log10 (magnitude));

  /* log10 may miss by one next to a power of ten. */
  for (int attempt = 0; attempt < 3; attempt++)
    {
      int scale = guess - 16;   /* magnitude / 10^scale has 17 digits */
      int shift = e - scale;    /* 10^scale = 5^scale · 2^scale */
      uint128 num = m, den = 1, whole, rest;

      if (ABS (scale) > 54)
        return FALSE;
      if (scale < 0)
        {
          uint128 five = power_of_five (-scale);

          if (bit_length (num) + bit_length (five) > 126)
            return FALSE;
          num *= five;
        }
      else
        den = power_of_five (scale);
      if (shift >= 0)
        {
          if (bit_length (num) + shift > 126)
            return FALSE;
          num <<= shift;
        }
      else
        {
          if (bit_length (den) - shift > 126)
            return FALSE;
          den <<= -shift;
        }

      whole = num / den;
      rest = num % den;
      if (whole < low)
        {
          guess--;
          continue;
        }
      if (whole >= 10 * (uint128) low)
        {
          guess++;
          continue;
        }

      if (2 * rest == den)
        return FALSE;
      if (2 * rest > den)
        {
          whole++;
          *side = SIDE_BELOW;
        }
      else
        *side = rest == 0 ? SIDE_EXACT : SIDE_ABOVE;
      if (whole == 10 * (uint128) low)
        {
          whole = low;
          guess++;
        }

      {
        guint64 digits = (guint64) whole;

        for (int i = 16; i >= 0; i--, digits /= 10)
          d17[i] = (char) ('0' + (int) (digits % 10));
      }
      *exp10 = guess;
      return TRUE;
    }

  return FALSE;
}
#endif

/* The 17 significant digits of @magnitude as printf ("%.16e") gives
 * them; FALSE where they are not plain digits. */
static gboolean
printed_digits17 (double  magnitude,
                  char    d17[17],
                  int    *exp10,
                  Side   *side)
{
  char e17[G_ASCII_DTOSTR_BUF_SIZE];
  const char *c;
  int n = 0;

  /* d.dddddddddddddddde±XX */
  g_ascii_formatd (e17, sizeof e17, "%.16e", magnitude);
  for (c = e17; *c != 'e' && *c != '\0'; c++)
    if (g_ascii_isdigit (*c) && n < 17)
      d17[n++] = *c;
  if (n != 17 || *c != 'e')
    return FALSE;

  *exp10 = atoi (c + 1);
  *side = SIDE_UNKNOWN;
  return TRUE;
}

/* Rounds the 17 significant digits @d17 of a value (d.ddd × 10^@exp10)
 * to @precision digits in @out, as printf would round the value itself.
 * The value lies within half a unit of @d17's last digit, so rounding
 * @d17 gives the same digits unless @d17 sits exactly halfway between
 * two @precision-digit numbers: then @side, where the value lies from
 * @d17, decides; where that is unknown, or the value is that very
 * halfway point, this returns FALSE. */
static gboolean
round_digits (const char *d17,
              int         exp10,
              Side        side,
              int         precision,
              char       *out,
              int        *out_exp10)
{
  gboolean up, halfway;

  memcpy (out, d17, precision);
  *out_exp10 = exp10;
  if (precision == 17)
    return TRUE;

  if (precision == 16)
    {
      halfway = d17[16] == '5';
      up = d17[16] > '5';
    }
  else
    {
      halfway = d17[15] == '5' && d17[16] == '0';
      up = d17[15] > '5' || (d17[15] == '5' && d17[16] > '0');
    }
  if (halfway)
    {
      if (side != SIDE_BELOW && side != SIDE_ABOVE)
        return FALSE;
      up = side == SIDE_ABOVE;
    }

  if (up)
    {
      int i = precision - 1;

      while (i >= 0 && out[i] == '9')
        out[i--] = '0';
      if (i >= 0)
        out[i]++;
      else
        {
          /* 9.99…9 rounds to 10.0…0 */
          out[0] = '1';
          (*out_exp10)++;
        }
    }

  return TRUE;
}

/* Whether @digits × 10^(@exp10 − @precision + 1) reads back as @magnitude.
 * Where the digits and the power of ten are both exact doubles, one
 * multiplication or division rounds once, as strtod does (Clinger's fast
 * path); otherwise @text is parsed. */
static gboolean
reads_back (const char *digits,
            int         precision,
            int         exp10,
            const char *text,
            double      magnitude,
            double      value)
{
  static const double powers[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  };
  guint64 mantissa = 0;
  int scale = exp10 - precision + 1;

  for (int i = 0; i < precision; i++)
    mantissa = mantissa * 10 + (guint64) (digits[i] - '0');

  if (mantissa <= (G_GUINT64_CONSTANT (1) << 53) && ABS (scale) <= 22)
    {
      double m = (double) mantissa;

      return (scale >= 0 ? m * powers[scale] : m / powers[-scale]) == magnitude;
    }

  return g_ascii_strtod (text, NULL) == value;
}

/* @digits (@precision of them, d.ddd × 10^@exp10) as "%.<precision>g"
 * writes them: fixed or with an exponent, trailing zeros dropped. */
static void
write_g (char       *buf,
         gboolean    negative,
         const char *digits,
         int         precision,
         int         exp10)
{
  int last = precision - 1;
  char *c = buf;

  while (last > 0 && digits[last] == '0')
    last--;
  if (negative)
    *c++ = '-';

  if (exp10 < -4 || exp10 >= precision)
    {
      int e = ABS (exp10);

      *c++ = digits[0];
      if (last > 0)
        {
          *c++ = '.';
          memcpy (c, digits + 1, last);
          c += last;
        }
      *c++ = 'e';
      *c++ = exp10 < 0 ? '-' : '+';
      if (e >= 100)
        *c++ = (char) ('0' + e / 100);
      *c++ = (char) ('0' + e / 10 % 10);
      *c++ = (char) ('0' + e % 10);
    }
  else if (exp10 >= 0)
    {
      memcpy (c, digits, exp10 + 1);
      c += exp10 + 1;
      if (last > exp10)
        {
          *c++ = '.';
          memcpy (c, digits + exp10 + 1, last - exp10);
          c += last - exp10;
        }
    }
  else
    {
      *c++ = '0';
      *c++ = '.';
      for (int i = 0; i < -exp10 - 1; i++)
        *c++ = '0';
      memcpy (c, digits, last + 1);
      c += last + 1;
    }
  *c = '\0';
}

/* For files and CSV: the shortest text that reads back to the same
 * double, never with the locale's decimal comma. The text is "%.15g",
 * "%.16g" or "%.17g", the first that reads back: files written before
 * stay byte for byte the same, without printing and parsing each form:
 * a whole number is written directly; otherwise the 17 digits come from
 * exact integer arithmetic (or printf, out of its range), the shorter
 * forms are rounded from them (round_digits ()), and a form reads back
 * if one exact multiplication gives the value (reads_back ()). Only a
 * halfway case that the digits cannot settle, or a form too long for
 * that multiplication, prints or parses. tests/test-format.c checks it
 * against the slow way on 600,000 doubles. */
char *
dml_format_ascii (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char d17[17];
  double magnitude = fabs (value);
  Side side;
  int exp10;

  if (!isfinite (value))
    {
      format_ascii_by_parsing (value, buf);
      return g_strdup (buf);
    }

  /* A whole number below 10^15 has at most 15 digits: "%.15g" writes
   * them all, without an exponent, and they read back exactly. */
  if (magnitude < 1e15 && magnitude == floor (magnitude))
    {
      char *end = buf + sizeof buf - 1;
      char *c = end;
      guint64 whole = (guint64) magnitude;

      *end = '\0';
      do
        *--c = (char) ('0' + whole % 10);
      while ((whole /= 10) > 0);
      if (signbit (value))
        *--c = '-';
      return g_strndup (c, end - c);
    }

  if (
#ifdef __SIZEOF_INT128__
      !exact_digits17 (magnitude, d17, &exp10, &side) &&
#endif
      !printed_digits17 (magnitude, d17, &exp10, &side))
    {
      format_ascii_by_parsing (value, buf);
      return g_strdup (buf);
    }

  for (int precision = 15; precision <= 17; precision++)
    {
      char digits[17];
      int rounded_exp10;

      if (!round_digits (d17, exp10, side, precision, digits, &rounded_exp10))
        {
          format_ascii_by_parsing (value, buf);
          break;
        }
      write_g (buf, value < 0, digits, precision, rounded_exp10);
      if (precision == 17 ||
          reads_back (digits, precision, rounded_exp10, buf, magnitude, value))
        break;
    }

  return g_strdup (buf);
}

/* @text with every control character but newline and tab shown as
 * U+FFFD: a design's name or notes may hold ESC or OSC sequences that a
 * terminal would obey. */
char *
dml_format_printable (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *c = valid; *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if ((u < 0x20 && u != '\n' && u != '\t') || (u >= 0x7f && u < 0xa0))
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_len (out, c, g_utf8_next_char (c) - c);
    }

  return g_string_free (out, FALSE);
}

/* Reads what people type into a field: "3.35 TB/s", "3.35e12", "450G",
 * "4.5 us", "90 days", and for bytes a second "10 Tb/s" or "400 Gbps".
 * @unit is the field's SI unit; a different one is refused rather than
 * guessed at. */
gboolean
dml_parse_quantity (const char  *text,
                    const char  *unit,
                    double      *value,
                    GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *rest;
  char *end;
  double number, factor = 1;

  /* A comma is a decimal mark ("0,7", "3,35 TB/s" in German). Where the
   * locale's mark is a point, a comma before exactly three digits may
   * group thousands instead: reading "100,000" GPUs as 100 would be a
   * silent error, so such text is refused. */
  for (char *c = copy; *c; c++)
    {
      gsize digits = 0;

      if (*c != ',')
        continue;
      while (g_ascii_isdigit (c[1 + digits]))
        digits++;
      if (digits == 3 && !g_str_equal (localeconv ()->decimal_point, ","))
        {
          g_set_error (error, DML_ERROR, DML_ERROR_INVALID,
                       _("“%s” could be read two ways: write it without the comma (100000, 100k) "
                         "or with a decimal point (1.5)"), text);
          return FALSE;
        }
      *c = '.';
    }

  number = g_ascii_strtod (copy, &end);
  if (end == copy)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("“%s” is not a number"), text);
      return FALSE;
    }

  rest = end;
  while (g_ascii_isspace (*rest))
    rest++;

  if (*rest != '\0')
    {
      gboolean matched = FALSE;

      /* Time units that are not SI prefixes of "s". */
      if (g_str_equal (unit, "s") || g_str_equal (unit, "d"))
        {
          static const struct { const char *name; double seconds; } times[] = {
            { "days", 86400 }, { "day", 86400 }, { "d", 86400 }, { "months", 30.4375 * 86400 },
            { "month", 30.4375 * 86400 }, { "weeks", 7 * 86400 }, { "week", 7 * 86400 },
            { "hours", 3600 }, { "h", 3600 }, { "years", 365.25 * 86400 }, { "year", 365.25 * 86400 },
            /* What the Japanese translation shows and people type there. */
            { "日", 86400 }, { "か月", 30.4375 * 86400 }, { "ヶ月", 30.4375 * 86400 }, { "カ月", 30.4375 * 86400 },
            { "週", 7 * 86400 }, { "週間", 7 * 86400 }, { "時間", 3600 }, { "年", 365.25 * 86400 },
          };
          double base = g_str_equal (unit, "d") ? 86400 : 1;

          for (guint i = 0; i < G_N_ELEMENTS (times) && !matched; i++)
            if (g_ascii_strcasecmp (rest, times[i].name) == 0)
              {
                factor = times[i].seconds / base;
                matched = TRUE;
              }
        }

      for (guint i = 0; i < G_N_ELEMENTS (prefixes) && !matched; i++)
        {
          gsize len = strlen (prefixes[i].symbol);
          const char *after;

          if (len == 0)
            continue;
          if (strncmp (rest, prefixes[i].symbol, len) == 0)
            after = rest + len;
          else if (g_str_equal (prefixes[i].symbol, "µ") && *rest == 'u')
            after = rest + 1;
          else
            continue;

          while (g_ascii_isspace (*after))
            after++;
          if (*after == '\0' || g_str_equal (after, unit) ||
              (g_str_equal (unit, "B/s") && g_str_equal (after, "B")))
            {
              factor = prefixes[i].factor;
              matched = TRUE;
            }
        }

      if (!matched && *unit != '\0' && g_str_equal (rest, unit))
        matched = TRUE;

      /* Links are sold in bits: "10 Tb/s", "400 Gbps", "800 Gbit/s" in a
       * field of bytes a second. The prefix keeps its case, so "Mb/s" is
       * mega, never milli. */
      if (!matched && g_str_equal (unit, "B/s"))
        {
          static const char *bit_units[] = { "b/s", "bps", "bit/s", "bits/s" };

          for (guint i = 0; i < G_N_ELEMENTS (prefixes) && !matched; i++)
            {
              gsize len = strlen (prefixes[i].symbol);
              const char *after;

              if (strncmp (rest, prefixes[i].symbol, len) != 0)
                continue;
              after = rest + len;
              while (g_ascii_isspace (*after))
                after++;
              for (guint j = 0; j < G_N_ELEMENTS (bit_units) && !matched; j++)
                if (g_str_equal (after, bit_units[j]))
                  {
                    factor = prefixes[i].factor / 8;
                    matched = TRUE;
                  }
            }
        }

      /* "70 %" for a fraction such as the maximum utilization. */
      if (!matched && *unit == '\0' && g_str_equal (rest, "%"))
        {
          factor = 0.01;
          matched = TRUE;
        }

      if (!matched)
        {
          g_set_error (error, DML_ERROR, DML_ERROR_INVALID,
                       *unit ? _("“%s” is not a unit of %s") : _("“%s” is not understood here"),
                       rest, unit);
          return FALSE;
        }
    }

  number *= factor;
  if (!isfinite (number))
    {
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("“%s” is too large"), text);
      return FALSE;
    }

  *value = number;
  return TRUE;
}

/* "%.4g", without the "+" and leading zeros of an exponent: "4e7". */
char *
dml_format_compact (double value)
{
  char *text = g_strdup_printf ("%.4g", value);
  char *plus = strstr (text, "e+");

  if (plus != NULL)
    {
      const char *digits = plus + 2;

      while (*digits == '0' && digits[1] != '\0')
        digits++;
      memmove (plus + 1, digits, strlen (digits) + 1);
    }

  return text;
}


/* printf pads by bytes; "×", "≥" and Japanese need padding by the
 * columns a terminal shows, where CJK characters take two. Appends @text
 * and spaces up to @width columns. */
/* How many terminal columns @text takes: two for each wide (CJK)
 * character, so that Japanese tables line up. */
glong
dml_format_columns (const char *text)
{
  glong columns = 0;

  for (const char *c = text; *c; c = g_utf8_next_char (c))
    columns += g_unichar_iswide (g_utf8_get_char (c)) ? 2 : 1;

  return columns;
}

void
dml_string_append_padded (GString    *str,
                          const char *text,
                          glong       width)
{
  glong columns = dml_format_columns (text);

  g_string_append (str, text);
  for (glong i = columns; i < width; i++)
    g_string_append_c (str, ' ');
}

/* @text cut to at most @columns terminal columns, with "…" where it is
 * cut. */
char *
dml_format_elide (const char *text,
                  glong       columns)
{
  glong used = 0;
  const char *c;

  if (dml_format_columns (text) <= columns)
    return g_strdup (text);

  for (c = text; *c; c = g_utf8_next_char (c))
    {
      glong w = g_unichar_iswide (g_utf8_get_char (c)) ? 2 : 1;

      if (used + w > columns - 1)
        break;
      used += w;
    }

  return g_strdup_printf ("%.*s…", (int) (c - text), text);
}
