/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-run-json"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dml-error.h"
#include "dml-json.h"
#include "dml-run-json.h"

/* A design's given run in JSON: its "model" and "layout" groups, the
 * run's part of the design format (dml-design.c holds the rest). */

static const char * const groups[] = { "model", "layout" };

/* The "model" and "layout" groups: a given run, both or neither. Values
 * are checked as a runs file's cells are (dml_run_field_parse()), and
 * each error names its path. TRUE when @root has a valid run. */
gboolean
dml_run_json_read (JsonObject *root,
                   DmlRun     *run,
                   GPtrArray  *problems)
{
  const DmlRunField *fields;
  guint n_fields;
  gboolean present[2];

  dml_run_init (run);
  for (guint g = 0; g < 2; g++)
    present[g] = json_object_get_member (root, groups[g]) != NULL;
  if (!present[0] && !present[1])
    return FALSE;
  if (present[0] != present[1])
    {
      dml_problems_add (problems, _("%s: a run needs a model and a layout; add the “%s” group"),
                        groups[present[0] ? 0 : 1], groups[present[0] ? 1 : 0]);
      return FALSE;
    }

  fields = dml_run_fields (&n_fields);
  for (guint g = 0; g < 2; g++)
    {
      JsonNode *node = json_object_get_member (root, groups[g]);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          dml_problems_add (problems, _("%s: must be an object"), groups[g]);
          return FALSE;
        }
      object = json_node_get_object (node);
      for (guint f = 0; f < n_fields; f++)
        {
          JsonNode *member;
          g_autofree char *text = NULL;
          g_autoptr(GError) error = NULL;

          if (fields[f].layout != (g == 1))
            continue;
          member = json_object_get_member (object, fields[f].key);
          if (member == NULL)
            {
              if (fields[f].required)
                dml_problems_add (problems, _("%s.%s: needs a value"), groups[g], fields[f].key);
              continue;
            }
          if (dml_json_is_number (member))
            {
              char buffer[G_ASCII_DTOSTR_BUF_SIZE];

              text = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (member)));
            }
          else if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_BOOLEAN)
            text = g_strdup (json_node_get_boolean (member) ? "1" : "0");
          else if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING &&
                   fields[f].kind >= DML_RUN_FIELD_RECOMPUTE)
            text = g_utf8_make_valid (json_node_get_string (member), -1);
          else
            {
              dml_problems_add (problems, fields[f].kind == DML_RUN_FIELD_BOOLEAN ? _("%s.%s: must be true or false")
                                : fields[f].kind >= DML_RUN_FIELD_RECOMPUTE ? _("%s.%s: must be a string")
                                : _("%s.%s: must be a number"), groups[g], fields[f].key);
              continue;
            }
          if (!dml_run_field_parse (&fields[f], text, run, &error))
            dml_problems_add (problems, "%s.%s", groups[g], error->message);
        }
    }

  if (problems->len == 0)
    {
      g_autoptr(GError) error = NULL;

      /* The workload's experts are the run's unless the model says. */
      if (dml_run_validate (run, &error))
        return TRUE;
      dml_problems_add (problems, "layout: %s", error->message);
    }
  return FALSE;
}

/* Writes @run as the "model" and "layout" groups, every field given. */
void
dml_run_json_add_groups (JsonBuilder  *builder,
                         const DmlRun *run)
{
  const DmlRunField *fields;
  guint n_fields;

  fields = dml_run_fields (&n_fields);
  for (guint g = 0; g < 2; g++)
    {
      json_builder_set_member_name (builder, groups[g]);
      json_builder_begin_object (builder);
      for (guint i = 0; i < n_fields; i++)
        {
          double value = dml_run_field_get (&fields[i], run);

          if (fields[i].layout != (g == 1))
            continue;
          json_builder_set_member_name (builder, fields[i].key);
          switch (fields[i].kind)
            {
            case DML_RUN_FIELD_BOOLEAN:
              json_builder_add_boolean_value (builder, value != 0);
              break;
            case DML_RUN_FIELD_RECOMPUTE:
            case DML_RUN_FIELD_PRECISION:
            case DML_RUN_FIELD_SOFTWARE:
              {
                g_autofree char *text = dml_run_field_text (&fields[i], run);

                json_builder_add_string_value (builder, text);
              }
              break;
            case DML_RUN_FIELD_COUNT:
              json_builder_add_int_value (builder, (gint64) value);
              break;
            case DML_RUN_FIELD_NUMBER:
            default:
              json_builder_add_double_value (builder, value);
              break;
            }
        }
      json_builder_end_object (builder);
    }
}

/* A warning for each key of the "model" and "layout" groups that names
 * no field of the run. */
void
dml_run_json_warn_unknown_keys (JsonObject *root,
                                GPtrArray  *warnings)
{
  const DmlRunField *fields;
  guint n_fields;

  fields = dml_run_fields (&n_fields);
  for (guint g = 0; g < 2; g++)
    {
      JsonNode *node = json_object_get_member (root, groups[g]);
      g_autoptr(GPtrArray) known = g_ptr_array_new ();
      g_autofree char *prefix = g_strdup_printf ("%s.", groups[g]);

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      for (guint i = 0; i < n_fields; i++)
        if (fields[i].layout == (g == 1))
          g_ptr_array_add (known, (gpointer) fields[i].key);
      g_ptr_array_add (known, NULL);
      dml_json_warn_unknown_keys (json_node_get_object (node), prefix, (const char * const *) known->pdata,
                                  warnings);
    }
}
