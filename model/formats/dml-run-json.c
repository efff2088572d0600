/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-run-json"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dml-error.h"
#include "dml-json.h"
#include "dml-run-json.h"

/* A design's given run in JSON: its "model" and "layout" groups, the
 * run's part of the design format (dml-design.c holds the rest). */

/* The "model" and "layout" groups: a given run, both or neither. Values
 * are read and checked as every input table's are (dml_field_json_read
 * ()), and each error names its path. TRUE when @root has a valid run. */
gboolean
dml_run_json_read (JsonObject *root,
                   DmlRun     *run,
                   GPtrArray  *problems)
{
  const DmlField *fields;
  const char *groups[DML_RUN_N_GROUPS];
  guint n_fields;
  gboolean present[DML_RUN_N_GROUPS];

  dml_run_init (run);
  for (guint g = 0; g < DML_RUN_N_GROUPS; g++)
    groups[g] = dml_run_group_key (g);
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
          g_autofree char *path = NULL;

          if (fields[f].group != g)
            continue;
          member = json_object_get_member (object, fields[f].key);
          if (member == NULL)
            {
              if (fields[f].required)
                dml_problems_add (problems, _("%s.%s: needs a value"), groups[g], fields[f].key);
              continue;
            }
          path = g_strdup_printf ("%s.%s", groups[g], fields[f].key);
          dml_field_json_read (&fields[f], member, path, run, problems);
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
  const DmlField *fields;
  guint n_fields;

  fields = dml_run_fields (&n_fields);
  for (guint g = 0; g < DML_RUN_N_GROUPS; g++)
    {
      json_builder_set_member_name (builder, dml_run_group_key (g));
      json_builder_begin_object (builder);
      for (guint i = 0; i < n_fields; i++)
        {
          if (fields[i].group != g)
            continue;
          json_builder_set_member_name (builder, fields[i].key);
          dml_field_json_add (&fields[i], run, builder);
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
  const DmlField *fields;
  guint n_fields;

  fields = dml_run_fields (&n_fields);
  for (guint g = 0; g < DML_RUN_N_GROUPS; g++)
    {
      JsonNode *node = json_object_get_member (root, dml_run_group_key (g));
      g_autoptr(GPtrArray) known = g_ptr_array_new ();
      g_autofree char *prefix = g_strdup_printf ("%s.", dml_run_group_key (g));

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      for (guint i = 0; i < n_fields; i++)
        if (fields[i].group == g)
          g_ptr_array_add (known, (gpointer) fields[i].key);
      g_ptr_array_add (known, NULL);
      dml_json_warn_unknown_keys (json_node_get_object (node), prefix, (const char * const *) known->pdata,
                                  warnings);
    }
}
