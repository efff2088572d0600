/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-enum"

#include "config.h"

#include "dml-enum.h"

/* The class of a registered enum, kept for the life of the process, as
 * the types themselves are. */
static GEnumClass *
enum_class (GType type)
{
  GEnumClass *klass = g_type_class_peek (type);

  return klass != NULL ? klass : g_type_class_ref (type);
}

/* The nick of @value, or NULL when @type has no such value. */
const char *
dml_enum_nick (GType type,
               int   value)
{
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type), NULL);

  enum_value = g_enum_get_value (enum_class (type), value);
  return enum_value != NULL ? enum_value->value_nick : NULL;
}

/* Reads a nick into @value, in any ASCII case if @any_case (a runs
 * file's "BF16"); FALSE when @nick names no value of @type. */
gboolean
dml_enum_from_nick (GType       type,
                    const char *nick,
                    gboolean    any_case,
                    int        *value)
{
  GEnumClass *klass;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type), FALSE);

  if (nick == NULL)
    return FALSE;
  klass = enum_class (type);
  for (guint i = 0; i < klass->n_values; i++)
    if (any_case ? g_ascii_strcasecmp (nick, klass->values[i].value_nick) == 0
                 : g_str_equal (nick, klass->values[i].value_nick))
      {
        *value = klass->values[i].value;
        return TRUE;
      }
  return FALSE;
}

/* The values of @type; they run from 0 up, as the model's enums do. */
guint
dml_enum_n_values (GType type)
{
  g_return_val_if_fail (G_TYPE_IS_ENUM (type), 0);

  return enum_class (type)->n_values;
}
