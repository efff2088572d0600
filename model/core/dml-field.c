/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-field"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-csv.h"
#include "dml-enum.h"
#include "dml-error.h"
#include "dml-field.h"
#include "dml-format.h"
#include "dml-json.h"

/* The machinery of every input table (dml-field.h): reading and writing
 * a field of a record, its range check, text in and out, and JSON. The
 * tables hold the rows; nothing here knows which table a row is in. */

double
dml_field_get (const DmlField *field,
               gconstpointer   record)
{
  const guint8 *base = (const guint8 *) record + field->offset;

  switch (field->kind)
    {
    case DML_FIELD_BOOLEAN:
      return *(const gboolean *) base ? 1 : 0;
    case DML_FIELD_CHOICE:
      return *(const int *) base;
    case DML_FIELD_NUMBER:
    case DML_FIELD_COUNT:
    default:
      return *(const double *) base;
    }
}

void
dml_field_set (const DmlField *field,
               gpointer        record,
               double          value)
{
  guint8 *base = (guint8 *) record + field->offset;

  switch (field->kind)
    {
    case DML_FIELD_BOOLEAN:
      *(gboolean *) base = value != 0;
      break;
    case DML_FIELD_CHOICE:
      *(int *) base = (int) value;
      break;
    case DML_FIELD_NUMBER:
    case DML_FIELD_COUNT:
    default:
      *(double *) base = value;
      break;
    }
}

/* The enum whose nicks a CHOICE field takes; G_TYPE_INVALID for others. */
GType
dml_field_choice_type (const DmlField *field)
{
  return field->kind == DML_FIELD_CHOICE && field->choice_type != NULL ? field->choice_type () : G_TYPE_INVALID;
}

/* A choice's value as the panels and the comparison show it: its label,
 * translated, where the table gives labels, else its nick. */
const char *
dml_field_choice_label (const DmlField *field,
                        int             value)
{
  GType choice = dml_field_choice_type (field);

  g_return_val_if_fail (choice != G_TYPE_INVALID, NULL);
  g_return_val_if_fail (value >= 0 && (guint) value < dml_enum_n_values (choice), NULL);

  if (field->choice_labels != NULL)
    return g_dgettext (GETTEXT_PACKAGE, field->choice_labels[value]);
  return dml_enum_nick (choice, value);
}

/* Whether @value is in @field's range. The one wording of a range error
 * (docs/design.md): "must be ≥ 1, got 0", "must be > 0, got 0", "must be
 * ≤ 3, got 4", "must be a whole number, got 2.5", the numbers as short as
 * read back the same. The caller puts the field's path or name before. */
gboolean
dml_field_check (const DmlField  *field,
                 double           value,
                 GError         **error)
{
  g_autofree char *got = NULL;
  g_autofree char *bound = NULL;

  /* The numbers are formatted only for an error: a valid value, the
   * common case (every sample of a sweep checks every field), costs
   * three comparisons. */
  if (!isfinite (value))
    {
      got = dml_format_ascii (value);
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("must be a finite number, got %s"), got);
      return FALSE;
    }

  if (field->min_exclusive ? value <= field->min : value < field->min)
    {
      got = dml_format_ascii (value);
      bound = dml_format_ascii (field->min);
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID,
                   field->min_exclusive ? _("must be > %s, got %s") : _("must be ≥ %s, got %s"), bound, got);
      return FALSE;
    }

  if (value > field->max)
    {
      got = dml_format_ascii (value);
      bound = dml_format_ascii (field->max);
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("must be ≤ %s, got %s"), bound, got);
      return FALSE;
    }

  if (field->kind != DML_FIELD_NUMBER && value != floor (value))
    {
      got = dml_format_ascii (value);
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("must be a whole number, got %s"), got);
      return FALSE;
    }

  return TRUE;
}

/* A choice's nicks, separated by commas: "paper, practice". */
static char *
choice_nicks (GType choice)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < dml_enum_n_values (choice); i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", dml_enum_nick (choice, i));
  return g_string_free (list, FALSE);
}

/* Reads @text as @field's value and checks it. Files give numbers in
 * decimal ("1.56e13"); with @quantity, as a person types them, SI
 * prefixes and the field's unit are taken too ("15.6T", "64k", "3.35
 * TB/s"), in both panels alike. A flag is 1, 0, true, false, yes or no;
 * a choice its nick. The error says what is wrong, not where. */
gboolean
dml_field_parse_value (const DmlField  *field,
                       const char      *text,
                       gboolean         quantity,
                       double          *value,
                       GError         **error)
{
  GType choice = dml_field_choice_type (field);

  if (field->kind == DML_FIELD_BOOLEAN)
    {
      if (g_str_equal (text, "1") || g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "yes") == 0)
        return *value = 1, TRUE;
      if (g_str_equal (text, "0") || g_ascii_strcasecmp (text, "false") == 0 || g_ascii_strcasecmp (text, "no") == 0)
        return *value = 0, TRUE;
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("must be 1 or 0 (true or false), got “%s”"), text);
      return FALSE;
    }

  if (choice != G_TYPE_INVALID)
    {
      guint n_ids = dml_enum_n_values (choice);
      int chosen;

      if (dml_enum_from_nick (choice, text, TRUE, &chosen))
        return *value = chosen, TRUE;
      if (n_ids == 3)
        g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("must be %s, %s or %s, got “%s”"),
                     dml_enum_nick (choice, 0), dml_enum_nick (choice, 1), dml_enum_nick (choice, 2), text);
      else
        {
          g_autofree char *list = choice_nicks (choice);

          /* TRANSLATORS: the names a setting takes, separated by commas */
          g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("must be one of %s, got “%s”"), list, text);
        }
      return FALSE;
    }

  if (quantity)
    {
      if (!dml_parse_quantity (text, field->unit, value, error))
        return FALSE;
    }
  else if (!dml_csv_parse_number (text, value, NULL))
    {
      if (g_str_has_prefix (text + (text[0] == '-' || text[0] == '+'), "0x") ||
          g_str_has_prefix (text + (text[0] == '-' || text[0] == '+'), "0X"))
        g_set_error (error, DML_ERROR, DML_ERROR_INVALID,
                     _("must be a number in decimal, got hexadecimal “%s”"), text);
      else
        g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("must be a number, got “%s”"), text);
      return FALSE;
    }

  return dml_field_check (field, *value, error);
}

/* As dml_field_parse_value (), into @record's field. */
gboolean
dml_field_parse (const DmlField  *field,
                 const char      *text,
                 gboolean         quantity,
                 gpointer         record,
                 GError         **error)
{
  double value;

  if (!dml_field_parse_value (field, text, quantity, &value, error))
    return FALSE;
  dml_field_set (field, record, value);
  return TRUE;
}

/* The text dml_field_parse () reads back to the same value: a choice's
 * nick, "1" or "0", and large numbers as people write them, "1.56e13",
 * with as few digits as read back the same. */
char *
dml_field_text (const DmlField *field,
                double          value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  GType choice = dml_field_choice_type (field);

  if (choice != G_TYPE_INVALID)
    return g_strdup (dml_enum_nick (choice, (int) value));
  if (field->kind == DML_FIELD_BOOLEAN)
    return g_strdup (value != 0 ? "1" : "0");
  if (fabs (value) >= 1e6)
    for (int digits = 1; digits <= 17; digits++)
      {
        char format[8];

        g_snprintf (format, sizeof format, "%%.%de", digits - 1);
        g_ascii_formatd (buffer, sizeof buffer, format, value);
        if (g_ascii_strtod (buffer, NULL) == value)
          {
            /* "1.56e+13" → "1.56e13" */
            GString *str = g_string_new (buffer);

            g_string_replace (str, "e+", "e", 0);
            return g_string_free (str, FALSE);
          }
      }
  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
}

/* A value as reports and Compare show it: "3.35 TB/s", "91.32 days",
 * "4e7", "1e24 FLOP", "yes", a choice's label (dml_field_choice_label). */
char *
dml_field_format (const DmlField *field,
                  double          value)
{
  if (field->kind == DML_FIELD_CHOICE)
    return g_strdup (dml_field_choice_label (field, (int) value));
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
    return dml_format_compact (value);
  if (g_str_equal (field->unit, "USD") || g_str_equal (field->unit, "FLOP"))
    {
      g_autofree char *number = dml_format_compact (value);

      return g_strdup_printf ("%s %s", number, field->unit);
    }
  return dml_format_si (value, field->unit, 4);
}

/* The field's translated label without its note on the default, for
 * messages: "Training tokens", not "Training tokens (0 = 20 per
 * parameter)". */
char *
dml_field_name (const DmlField *field)
{
  const char *label = g_dgettext (GETTEXT_PACKAGE, field->label);
  const char *note = strstr (label, " (");

  if (note == NULL)
    note = strstr (label, "（");
  return note != NULL ? g_strndup (label, note - label) : g_strdup (label);
}

/* Reads @member, the field's value in a file at @path ("layout.tp"),
 * into @record; a problem naming @path where it is of the wrong type or
 * out of range, and the field keeps its value. A flag is true or false,
 * a choice its nick, a number a JSON number: nothing else, in either
 * table. */
gboolean
dml_field_json_read (const DmlField *field,
                     JsonNode       *member,
                     const char     *path,
                     gpointer        record,
                     GPtrArray      *problems)
{
  g_autoptr(GError) error = NULL;
  double value;

  switch (field->kind)
    {
    case DML_FIELD_BOOLEAN:
      if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_BOOLEAN)
        value = json_node_get_boolean (member);
      else
        {
          dml_problems_add (problems, _("%s: must be true or false"), path);
          return FALSE;
        }
      break;

    case DML_FIELD_CHOICE:
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
        {
          g_autofree char *nicks = choice_nicks (dml_field_choice_type (field));

          /* TRANSLATORS: "parallelism.overlap: must be one of paper, practice" */
          dml_problems_add (problems, _("%s: must be one of %s"), path, nicks);
          return FALSE;
        }
      {
        g_autofree char *text = g_utf8_make_valid (json_node_get_string (member), -1);

        if (!dml_field_parse_value (field, text, FALSE, &value, &error))
          {
            dml_problems_add (problems, "%s: %s", path, error->message);
            return FALSE;
          }
      }
      break;

    case DML_FIELD_NUMBER:
    case DML_FIELD_COUNT:
    default:
      if (!dml_json_is_number (member))
        {
          dml_problems_add (problems, _("%s: must be a number"), path);
          return FALSE;
        }
      value = json_node_get_double (member);
      if (!dml_field_check (field, value, &error))
        {
          dml_problems_add (problems, "%s: %s", path, error->message);
          return FALSE;
        }
      break;
    }

  dml_field_set (field, record, value);
  return TRUE;
}

/* Writes @record's field as its member's value: true or false, a
 * choice's nick, a whole number, or a number. */
void
dml_field_json_add (const DmlField *field,
                    gconstpointer   record,
                    JsonBuilder    *builder)
{
  double value = dml_field_get (field, record);

  switch (field->kind)
    {
    case DML_FIELD_BOOLEAN:
      json_builder_add_boolean_value (builder, value != 0);
      break;
    case DML_FIELD_CHOICE:
      json_builder_add_string_value (builder, dml_enum_nick (dml_field_choice_type (field), (int) value));
      break;
    case DML_FIELD_COUNT:
      json_builder_add_int_value (builder, (gint64) value);
      break;
    case DML_FIELD_NUMBER:
    default:
      json_builder_add_double_value (builder, value);
      break;
    }
}
