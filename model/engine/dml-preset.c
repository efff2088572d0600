/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-preset"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-error.h"
#include "dml-json.h"
#include "dml-params-json.h"
#include "dml-preset.h"
#include "dml-resources.h"

static GPtrArray *presets;

static DmlPreset *
load_preset (const char *path)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  DmlPreset *preset;

  bytes = g_resources_lookup_data (path, 0, &error);
  if (bytes != NULL)
    root = dml_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), DML_DESIGN_MAX_BYTES,
                           DML_DESIGN_MAX_DEPTH, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_critical ("Shipped preset %s does not load: %s", path, error ? error->message : "not an object");
      return NULL;
    }

  object = json_node_get_object (root);
  preset = g_new0 (DmlPreset, 1);
  dml_params_init_baseline (&preset->hardware);
  preset->id = dml_json_read_string (object, "id", "id", problems);
  preset->name = dml_json_read_string (object, "name", "name", problems);
  preset->source = dml_json_read_string (object, "source", "source", problems);
  preset->precision = dml_json_read_string (object, "precision", "precision", problems);
  preset->direction = dml_json_read_string (object, "direction", "direction", problems);
  preset->notes = dml_json_read_string (object, "notes", "notes", problems);
  preset->generation = dml_json_read_string (object, "generation", "generation", problems);
  dml_params_json_read_group (object, DML_GROUP_HARDWARE, &preset->hardware, problems);
  {
    JsonNode *fp8 = json_object_get_member (object, "peak_flops_fp8");

    if (fp8 == NULL || !dml_json_is_number (fp8) || json_node_get_double (fp8) < 0)
      dml_problems_add (problems, "peak_flops_fp8: must be a number ≥ 0");
    else
      preset->peak_flops_fp8 = json_node_get_double (fp8);
  }

  if (problems->len > 0 || preset->id == NULL || preset->name == NULL)
    g_critical ("Shipped preset %s is malformed: %s", path,
                problems->len > 0 ? (char *) problems->pdata[0] : "no id or name");

  return preset;
}

static int
compare_presets (gconstpointer a,
                 gconstpointer b)
{
  const DmlPreset *pa = *(const DmlPreset **) a;
  const DmlPreset *pb = *(const DmlPreset **) b;

  return g_strcmp0 (pa->id, pb->id);
}

/* Presets parsed so far, by id. A design names its preset, and only that
 * one is parsed (its file is the id's); the whole list is parsed only
 * where it is asked for (dml_presets (), dml_preset_match ()). Each
 * preset is parsed once and lives for the life of the process, so a
 * pointer from either path stays the same. */
static GMutex loaded_lock;
static GHashTable *loaded;

/* The shipped preset in @file (its name under presets/), parsed once. */
static DmlPreset *
ensure_preset (const char *file)
{
  g_autofree char *path = g_strconcat (DML_RESOURCE_PATH "presets/", file, NULL);
  g_autofree char *id = g_strndup (file, strlen (file) - strlen (".json"));
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&loaded_lock);
  DmlPreset *preset;

  if (loaded == NULL)
    loaded = g_hash_table_new (g_str_hash, g_str_equal);
  if ((preset = g_hash_table_lookup (loaded, id)) != NULL)
    return preset;
  if ((preset = load_preset (path)) != NULL)
    g_hash_table_insert (loaded, g_steal_pointer (&id), preset);

  return preset;
}

static gpointer
load_presets (gpointer data)
{
  g_auto(GStrv) children = NULL;
  GPtrArray *array = g_ptr_array_new ();

  dml_resources_ensure ();
  children = g_resources_enumerate_children (DML_RESOURCE_PATH "presets/", 0, NULL);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      DmlPreset *preset;

      if (!g_str_has_suffix (children[i], ".json"))
        continue;
      if ((preset = ensure_preset (children[i])) != NULL)
        g_ptr_array_add (array, preset);
    }

  g_ptr_array_sort (array, compare_presets);
  return array;
}

/* The shipped presets, sorted by id. */
const DmlPreset * const *
dml_presets (guint *n_presets)
{
  static GOnce once = G_ONCE_INIT;

  presets = g_once (&once, load_presets, NULL);
  *n_presets = presets->len;

  return (const DmlPreset * const *) presets->pdata;
}

const DmlPreset *
dml_preset_lookup (const char *id)
{
  const DmlPreset * const *all;
  guint n;

  g_return_val_if_fail (id != NULL, NULL);

  /* A shipped preset's file is named after its id. */
  if (*id != '\0' && strchr (id, '/') == NULL)
    {
      g_autofree char *file = g_strconcat (id, ".json", NULL);
      g_autofree char *path = g_strconcat (DML_RESOURCE_PATH "presets/", file, NULL);
      const DmlPreset *preset;

      dml_resources_ensure ();
      if (g_resources_get_info (path, 0, NULL, NULL, NULL) &&
          (preset = ensure_preset (file)) != NULL && g_strcmp0 (preset->id, id) == 0)
        return preset;
    }

  all = dml_presets (&n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (all[i]->id, id) == 0)
      return all[i];

  return NULL;
}

void
dml_preset_apply (const DmlPreset *preset,
                  DmlParams       *params)
{
  const DmlField *fields;
  guint n_fields;

  fields = dml_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].group == DML_GROUP_HARDWARE)
      dml_field_set (&fields[i], params, dml_field_get (&fields[i], &preset->hardware));
}

/* The preset whose hardware @params has, field for field, or NULL: the
 * hardware is then the user's own. */
const DmlPreset *
dml_preset_match (const DmlParams *params)
{
  const DmlPreset * const *presets;
  const DmlField *fields;
  guint n, n_fields;

  presets = dml_presets (&n);
  fields = dml_fields (&n_fields);
  for (guint p = 0; p < n; p++)
    {
      gboolean same = TRUE;

      for (guint i = 0; i < n_fields && same; i++)
        if (fields[i].group == DML_GROUP_HARDWARE)
          same = dml_field_get (&fields[i], params) == dml_field_get (&fields[i], &presets[p]->hardware);
      if (same)
        return presets[p];
    }

  return NULL;
}
