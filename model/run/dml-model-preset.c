/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-model-preset"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-error.h"
#include "dml-json.h"
#include "dml-model-preset.h"
#include "dml-resources.h"

#define MODELS_PATH DML_RESOURCE_PATH "models/"

/* Fields a preset that does not name them leaves as they were: how a
 * model was trained, which not every source states, rather than its
 * shape. */
static gboolean
kept_unless_named (const DmlField *field)
{
  return g_str_equal (field->key, "global_batch_sequences") || g_str_equal (field->key, "training_tokens");
}

/* A model field's value, read as every input's is (dml_field_json_read
 * ()); the error names its path. */
static gboolean
read_field (const DmlField  *field,
            JsonNode        *member,
            DmlRun          *run,
            GError         **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = g_strdup_printf ("model.%s", field->key);

  if (dml_field_json_read (field, member, path, run, problems))
    return TRUE;
  g_set_error_literal (error, DML_ERROR, DML_ERROR_INVALID, problems->pdata[0]);
  return FALSE;
}

/* Reads and checks a model preset: its format, its strings, a model
 * group of model fields only, each in range, that fit together. */
DmlModelPreset *
dml_model_preset_load (GBytes  *bytes,
                       GError **error)
{
  static const char * const strings[] = { "id", "name", "source", "notes" };
  g_autoptr(DmlModelPreset) preset = g_new0 (DmlModelPreset, 1);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;
  const DmlField *fields;
  JsonObject *object, *model;
  JsonNode *node;
  guint n_fields;
  DmlRun probe;

  root = dml_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), DML_DESIGN_MAX_BYTES,
                         DML_DESIGN_MAX_DEPTH, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DML_ERROR, DML_ERROR_PARSE, _("a model preset must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  node = json_object_get_member (object, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (node), "dmlimits-model"))
    {
      g_set_error (error, DML_ERROR, DML_ERROR_PARSE, _("format: must be “dmlimits-model”"));
      return NULL;
    }
  node = json_object_get_member (object, "version");
  if (node == NULL || !dml_json_is_number (node) || json_node_get_double (node) != 1)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_PARSE, _("version: must be 1"));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      char *value;

      node = json_object_get_member (object, strings[i]);
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          *json_node_get_string (node) == '\0')
        {
          g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("%s: must be a string, not empty"), strings[i]);
          return NULL;
        }
      value = g_utf8_make_valid (json_node_get_string (node), -1);
      switch (i)
        {
        case 0: preset->id = value; break;
        case 1: preset->name = value; break;
        case 2: preset->source = value; break;
        default: preset->notes = value; break;
        }
    }

  node = json_object_get_member (object, "model");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("model: must be an object"));
      return NULL;
    }
  model = json_node_get_object (node);
  members = json_object_get_members (model);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const DmlField *field = dml_run_field_lookup (l->data);

      if (field == NULL || field->group != DML_RUN_GROUP_MODEL)
        {
          g_autofree char *printable = g_utf8_make_valid (l->data, -1);

          g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("model.%s: not a field of a model"), printable);
          return NULL;
        }
    }

  dml_run_init (&preset->model);
  fields = dml_run_fields (&n_fields);
  g_assert (n_fields <= 64);
  for (guint i = 0; i < n_fields; i++)
    {
      JsonNode *member;

      if (fields[i].group != DML_RUN_GROUP_MODEL)
        continue;
      member = json_object_get_member (model, fields[i].key);
      if (member == NULL)
        {
          if (fields[i].required && !kept_unless_named (&fields[i]))
            {
              g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("model.%s: needs a value"), fields[i].key);
              return NULL;
            }
          continue;
        }
      if (!read_field (&fields[i], member, &preset->model, error))
        return NULL;
      preset->named |= G_GUINT64_CONSTANT (1) << i;
    }

  /* The model's own rules, on a run of one GPU that takes any batch. */
  dml_run_init (&probe);
  probe.gpus = 1;
  probe.global_batch_sequences = 1;
  dml_model_preset_apply (preset, &probe);
  if (!dml_run_validate_model (&probe, error))
    {
      g_prefix_error (error, "model: ");
      return NULL;
    }

  return g_steal_pointer (&preset);
}

void
dml_model_preset_free (DmlModelPreset *preset)
{
  if (preset == NULL)
    return;
  g_free (preset->id);
  g_free (preset->name);
  g_free (preset->source);
  g_free (preset->notes);
  g_free (preset);
}

/* Puts the preset's model into @run, whose layout stays: the fields it
 * names take its values, the batch and the training tokens stay where it
 * does not state them, and every other model field goes back to its
 * default (a dense model has one expert, whatever the run had). */
void
dml_model_preset_apply (const DmlModelPreset *preset,
                        DmlRun               *run)
{
  const DmlField *fields;
  guint n_fields;
  DmlRun defaults;

  g_return_if_fail (preset != NULL);
  g_return_if_fail (run != NULL);

  dml_run_init (&defaults);
  fields = dml_run_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const DmlRun *from;

      if (fields[i].group != DML_RUN_GROUP_MODEL)
        continue;
      if (preset->named & (G_GUINT64_CONSTANT (1) << i))
        from = &preset->model;
      else if (kept_unless_named (&fields[i]))
        continue;
      else
        from = &defaults;
      dml_field_set (&fields[i], run, dml_field_get (&fields[i], from));
    }
}

/* Whether @run's model is the preset's: what applying it would leave. */
gboolean
dml_model_preset_matches (const DmlModelPreset *preset,
                          const DmlRun         *run)
{
  DmlRun applied = *run;

  dml_model_preset_apply (preset, &applied);
  return dml_run_equal (&applied, run);
}

static gint
compare_presets (gconstpointer a,
                 gconstpointer b)
{
  const DmlModelPreset *pa = *(const DmlModelPreset **) a;
  const DmlModelPreset *pb = *(const DmlModelPreset **) b;

  return g_utf8_collate (pa->name, pb->name);
}

static gpointer
load_presets (gpointer data)
{
  g_auto(GStrv) children = NULL;
  GPtrArray *array = g_ptr_array_new ();

  dml_resources_ensure ();
  children = g_resources_enumerate_children (MODELS_PATH, 0, NULL);
  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (MODELS_PATH, children[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      DmlModelPreset *preset = NULL;

      if (!g_str_has_suffix (children[i], ".json"))
        continue;
      bytes = g_resources_lookup_data (path, 0, &error);
      if (bytes != NULL)
        preset = dml_model_preset_load (bytes, &error);
      if (preset == NULL)
        {
          g_critical ("Shipped model preset %s does not load: %s", path, error->message);
          continue;
        }
      g_ptr_array_add (array, preset);
    }

  g_ptr_array_sort (array, compare_presets);
  return array;
}

/* The shipped model presets, by name. */
const DmlModelPreset * const *
dml_model_presets (guint *n_presets)
{
  static GOnce once = G_ONCE_INIT;
  GPtrArray *presets = g_once (&once, load_presets, NULL);

  *n_presets = presets->len;
  return (const DmlModelPreset * const *) presets->pdata;
}

const DmlModelPreset *
dml_model_preset_lookup (const char *id)
{
  const DmlModelPreset * const *all;
  guint n;

  all = dml_model_presets (&n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (all[i]->id, id))
      return all[i];
  return NULL;
}
