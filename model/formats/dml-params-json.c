/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-params-json"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-error.h"
#include "dml-enum.h"
#include "dml-format.h"
#include "dml-json.h"
#include "dml-anchor.h"
#include "dml-params-json.h"

/* A design's input groups and its "uncertainty" ranges in JSON: the
 * params' part of the design format (dml-design.c holds the rest). */

/* Reads the fields of @group from @root into @params. A field that is
 * missing keeps its value; one that is wrong keeps it too and adds a
 * problem naming the field's path. */
void
dml_params_json_read_group (JsonObject *root,
                            DmlGroup    group,
                            DmlParams  *params,
                            GPtrArray  *problems)
{
  const char *group_key = dml_group_key (group);
  const DmlField *fields;
  JsonObject *object;
  JsonNode *node;
  guint n_fields;

  node = json_object_get_member (root, group_key);
  if (node == NULL)
    return;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      dml_problems_add (problems, _("%s: must be an object"), group_key);
      return;
    }

  object = json_node_get_object (node);
  fields = dml_fields (&n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const DmlField *field = &fields[i];
      g_autofree char *path = NULL;
      JsonNode *member;

      if (field->group != group)
        continue;

      member = json_object_get_member (object, field->key);
      if (member == NULL)
        continue;

      path = dml_field_path (field);
      dml_field_json_read (field, member, path, params, problems);
    }
}

static const DmlField *
field_by_path (const char *path)
{
  const DmlField *fields;
  guint n_fields;

  fields = dml_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *candidate = dml_field_path (&fields[i]);

      if (g_str_equal (candidate, path))
        return &fields[i];
    }
  return NULL;
}

static gboolean
read_bound (JsonObject *range,
            const char *path,
            const char *key,
            double     *value,
            GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (range, key);

  if (node == NULL || !dml_json_is_number (node))
    {
      dml_problems_add (problems, _("uncertainty.%s.%s: must be a number"), path, key);
      return FALSE;
    }
  *value = json_node_get_double (node);
  return TRUE;
}

/* "timeline.anchor": { "runs": [ "grok-3", { "flop": 2.1e26, "year":
 * 2025.16 } ] }: other runs the trend may start from, each a known
 * anchor's id (dml_anchors()) or its compute and decimal year. */
static void
read_anchor_runs (JsonNode   *member,
                  DmlParams  *params,
                  GPtrArray  *problems)
{
  JsonObject *object;
  JsonNode *runs;
  JsonArray *array;
  GList *keys;

  if (!JSON_NODE_HOLDS_OBJECT (member))
    {
      dml_problems_add (problems, "%s", _("uncertainty.timeline.anchor: must be an object with runs"));
      return;
    }
  object = json_node_get_object (member);
  keys = json_object_get_members (object);
  for (GList *k = keys; k != NULL; k = k->next)
    if (!g_str_equal (k->data, "runs"))
      {
        g_autofree char *key = g_utf8_make_valid (k->data, -1);

        dml_problems_add (problems, _("uncertainty.timeline.anchor.%s: unknown key (runs)"), key);
      }
  g_list_free (keys);

  runs = json_object_get_member (object, "runs");
  if (runs == NULL || !JSON_NODE_HOLDS_ARRAY (runs))
    {
      dml_problems_add (problems, "%s", _("uncertainty.timeline.anchor.runs: must be a list of anchor ids or of objects with flop and year"));
      return;
    }
  array = json_node_get_array (runs);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *run = json_array_get_element (array, i);
      DmlAnchorRun value = { NAN, NAN };

      if (params->n_anchor_runs == DML_MAX_ANCHOR_RUNS)
        {
          dml_problems_add (problems, _("uncertainty.timeline.anchor.runs: at most %d runs"), DML_MAX_ANCHOR_RUNS);
          return;
        }
      if (JSON_NODE_HOLDS_VALUE (run) && json_node_get_value_type (run) == G_TYPE_STRING)
        {
          const char *id = json_node_get_string (run);
          const DmlAnchor *anchor = dml_anchor_lookup (id);

          if (anchor != NULL)
            value = (DmlAnchorRun) { anchor->flop, dml_decimal_year (anchor->date) };
          else
            {
              g_autofree char *printable = g_utf8_make_valid (id, -1);

              dml_problems_add (problems, _("uncertainty.timeline.anchor.runs[%u]: no anchor run “%s”"), i, printable);
              continue;
            }
        }
      else if (JSON_NODE_HOLDS_OBJECT (run))
        {
          JsonObject *pair = json_node_get_object (run);
          JsonNode *flop = json_object_get_member (pair, "flop");
          JsonNode *year = json_object_get_member (pair, "year");

          if (json_object_get_size (pair) != 2 || flop == NULL || year == NULL || !dml_json_is_number (flop) ||
              !dml_json_is_number (year))
            {
              dml_problems_add (problems, _("uncertainty.timeline.anchor.runs[%u]: must have flop and year, numbers"), i);
              continue;
            }
          value = (DmlAnchorRun) { json_node_get_double (flop), json_node_get_double (year) };
        }
      else
        {
          dml_problems_add (problems, _("uncertainty.timeline.anchor.runs[%u]: must be an anchor id or an object with flop and year"), i);
          continue;
        }
      params->anchor_runs[params->n_anchor_runs++] = value;
    }
}

/* The "uncertainty" group: { "workload.batch_exponent": { "distribution":
 * "uniform", "low": 0.27, "high": 0.45 }, … }. Without it a design keeps
 * the default ranges; an empty one has none. dml_params_validate() checks
 * the values. */
void
dml_params_json_read_ranges (JsonObject *root,
                             DmlParams  *params,
                             GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (root, "uncertainty");
  JsonObject *ranges;
  GList *paths;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      dml_problems_add (problems, _("%s: must be an object"), "uncertainty");
      return;
    }

  params->n_ranges = 0;
  params->n_anchor_runs = 0;
  ranges = json_node_get_object (node);
  /* In the file's order (an iterator would follow the hash table's). */
  paths = json_object_get_members (ranges);
  for (GList *l = paths; l != NULL; l = l->next)
    {
      const char *path = l->data;
      JsonNode *member = json_object_get_member (ranges, path);
      g_autofree char *printable = g_utf8_make_valid (path, -1);
      const DmlField *field = field_by_path (path);
      g_autofree char *distribution = NULL;
      DmlRange range = { 0 };
      JsonObject *object;
      JsonNode *shared;
      GList *keys;

      if (g_str_equal (path, "timeline.anchor"))
        {
          read_anchor_runs (member, params, problems);
          continue;
        }
      if (field == NULL)
        {
          dml_problems_add (problems, _("uncertainty.%s: no such input (write it as group.key, e.g. workload.batch_exponent)"), printable);
          continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (member))
        {
          dml_problems_add (problems, _("uncertainty.%s: must be an object with distribution, low and high"), path);
          continue;
        }
      if (params->n_ranges == DML_MAX_RANGES)
        {
          dml_problems_add (problems, _("uncertainty: at most %d ranges"), DML_MAX_RANGES);
          break;
        }

      object = json_node_get_object (member);
      keys = json_object_get_members (object);
      for (GList *k = keys; k != NULL; k = k->next)
        if (!g_str_equal (k->data, "distribution") && !g_str_equal (k->data, "low") && !g_str_equal (k->data, "high") &&
            !g_str_equal (k->data, "shared"))
          {
            g_autofree char *key = g_utf8_make_valid (k->data, -1);

            dml_problems_add (problems, _("uncertainty.%s.%s: unknown key (distribution, low, high or shared)"), path,
                              key);
          }
      g_list_free (keys);

      range.field = dml_field_index (field);
      shared = json_object_get_member (object, "shared");
      if (shared != NULL)
        {
          const char *name = JSON_NODE_HOLDS_VALUE (shared) && json_node_get_value_type (shared) == G_TYPE_STRING
                               ? json_node_get_string (shared) : NULL;

          if (name == NULL || strlen (name) >= DML_SHARED_MAX || !g_utf8_validate (name, -1, NULL))
            {
              dml_problems_add (problems, _("uncertainty.%s.shared: must be a name of at most %d bytes"), path,
                                DML_SHARED_MAX - 1);
              continue;
            }
          g_strlcpy (range.shared, name, DML_SHARED_MAX);
        }
      {
        g_autofree char *key_path = g_strdup_printf ("uncertainty.%s.distribution", path);

        distribution = dml_json_read_string (object, key_path, "distribution", problems);
      }
      {
        int value;

        range.distribution = dml_enum_from_nick (DML_TYPE_DISTRIBUTION, distribution, FALSE, &value)
                               ? (DmlDistribution) value : DML_N_DISTRIBUTIONS;
      }
      if (range.distribution == DML_N_DISTRIBUTIONS)
        dml_problems_add (problems, _("uncertainty.%s.distribution: must be uniform, log-uniform or normal"), path);
      if (read_bound (object, path, "low", &range.low, problems) &&
          read_bound (object, path, "high", &range.high, problems) &&
          range.distribution != DML_N_DISTRIBUTIONS)
        params->ranges[params->n_ranges++] = range;
    }
  g_list_free (paths);
}

/* @params' ranges as an object, as a design's "uncertainty" group holds
 * them: { "group.key": { "distribution": …, "low": …, "high": … } }. */
void
dml_params_json_add_ranges (JsonBuilder     *builder,
                            const DmlParams *params)
{
  const DmlField *fields;
  guint n_fields;

  fields = dml_fields (&n_fields);
  json_builder_begin_object (builder);
  for (guint i = 0; i < params->n_ranges; i++)
    {
      const DmlRange *range = &params->ranges[i];
      g_autofree char *path = dml_field_path (&fields[range->field]);

      json_builder_set_member_name (builder, path);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "distribution");
      json_builder_add_string_value (builder, dml_enum_nick (DML_TYPE_DISTRIBUTION, range->distribution));
      json_builder_set_member_name (builder, "low");
      json_builder_add_double_value (builder, range->low);
      json_builder_set_member_name (builder, "high");
      json_builder_add_double_value (builder, range->high);
      if (range->shared[0] != '\0')
        {
          json_builder_set_member_name (builder, "shared");
          json_builder_add_string_value (builder, range->shared);
        }
      json_builder_end_object (builder);
    }
  if (params->n_anchor_runs > 0)
    {
      const DmlAnchor *anchors;
      guint n_anchors;

      anchors = dml_anchors (&n_anchors);
      json_builder_set_member_name (builder, "timeline.anchor");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "runs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < params->n_anchor_runs; i++)
        {
          const DmlAnchorRun *run = &params->anchor_runs[i];
          const char *id = NULL;

          /* A known run by its id, as the file gave it. */
          for (guint a = 0; a < n_anchors && id == NULL; a++)
            if (anchors[a].flop == run->flop && dml_decimal_year (anchors[a].date) == run->year)
              id = anchors[a].id;
          if (id != NULL)
            json_builder_add_string_value (builder, id);
          else
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "flop");
              json_builder_add_double_value (builder, run->flop);
              json_builder_set_member_name (builder, "year");
              json_builder_add_double_value (builder, run->year);
              json_builder_end_object (builder);
            }
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/* A warning for each key of an input group that names no field. */
void
dml_params_json_warn_unknown_keys (JsonObject *root,
                                   GPtrArray  *warnings)
{
  const DmlField *fields;
  guint n_fields;

  fields = dml_fields (&n_fields);
  for (DmlGroup group = 0; group < DML_N_GROUPS; group++)
    {
      JsonNode *node = json_object_get_member (root, dml_group_key (group));
      g_autoptr(GPtrArray) known = g_ptr_array_new ();
      g_autofree char *prefix = g_strdup_printf ("%s.", dml_group_key (group));

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;

      if (group == DML_GROUP_HARDWARE)
        g_ptr_array_add (known, (gpointer) "preset");
      for (guint i = 0; i < n_fields; i++)
        if (fields[i].group == group)
          g_ptr_array_add (known, (gpointer) fields[i].key);
      g_ptr_array_add (known, NULL);

      dml_json_warn_unknown_keys (json_node_get_object (node), prefix, (const char * const *) known->pdata,
                                  warnings);
    }
}
