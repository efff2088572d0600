/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-format"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-error.h"
#include "dml-format.h"
#include "dml-params.h"

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

/* For files and CSV: the shortest text that reads back to the same
 * double, never with the locale's decimal comma. */
char *
dml_format_ascii (double value)
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
 * "4.5 us", "90 days". @unit is the field's SI unit; a different one is
 * refused rather than guessed at. */
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
static char *
compact_number (double value)
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

/* An input as the panels and the comparison show it: "3.35 TB/s",
 * "91.32 days", "4e7", "1e24 FLOP", "yes". */
char *
dml_format_field (const DmlField *field,
                  double          value)
{
  if (field->kind == DML_FIELD_BOOLEAN)
    return g_strdup (value != 0 ? _("yes") : _("no"));
  if (field->kind == DML_FIELD_COUNT)
    return g_strdup_printf ("%.0f", value);
  if (g_str_equal (field->unit, "d"))
    return g_strdup_printf (_("%.4g days"), value);
  /* A calendar year, to the day: "2024.56", never "2025". */
  if (g_str_equal (field->unit, "year"))
    return g_strdup_printf ("%.6g", value);
  if (*field->unit == '\0')
    return compact_number (value);
  if (g_str_equal (field->unit, "USD") || g_str_equal (field->unit, "FLOP"))
    {
      g_autofree char *number = compact_number (value);

      return g_strdup_printf ("%s %s", number, field->unit);
    }
  return dml_format_si (value, field->unit, 4);
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
