/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-calibration"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-calibration.h"
#include "dml-error.h"
#include "dml-format.h"
#include "dml-json.h"
#include "dml-preset.h"
#include "dml-resources.h"

/* The terms every generation shares (docs/calibration.md, "The fit"):
 * not measured per generation, so not in the data file. */
static const DmlRunEfficiency shared = {
  .dp_overlap = 0,
  .tp_overlap = 0,
  .ep_overlap = 0,
  .pp_overlap = 0,
  .tp_collectives = 2,
  .elementwise_passes = 9,
  .moe_token_overhead = 60e-9,
};

typedef struct
{
  GHashTable *generations;  /* id → DmlGpuGeneration */
  GStrv       ids;          /* sorted */
} Calibration;

static double
read_fraction (JsonObject *object,
               const char *key,
               const char *id)
{
  JsonNode *node = json_object_get_member (object, key);
  double value = node != NULL && dml_json_is_number (node) ? json_node_get_double (node) : -1;

  if (!(value > 0 && value <= 1))
    g_critical ("Shipped calibration %s: %s must be a fraction in (0, 1]", id, key);
  return value;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gpointer
load_calibration (gpointer data)
{
  Calibration *calibration = g_new0 (Calibration, 1);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *generations = NULL;
  JsonObjectIter iter;
  const char *id;
  JsonNode *node;

  calibration->generations = g_hash_table_new (g_str_hash, g_str_equal);
  dml_resources_ensure ();
  bytes = g_resources_lookup_data (DML_RESOURCE_PATH "calibration/generations.json", 0, &error);
  if (bytes != NULL)
    root = dml_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), DML_DESIGN_MAX_BYTES,
                           DML_DESIGN_MAX_DEPTH, &error);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    generations = json_object_get_member (json_node_get_object (root), "generations");
  if (generations == NULL || !JSON_NODE_HOLDS_OBJECT (generations))
    g_error ("The shipped calibration does not load: %s", error ? error->message : "no generations");

  json_object_iter_init (&iter, json_node_get_object (generations));
  while (json_object_iter_next (&iter, &id, &node))
    {
      DmlGpuGeneration *generation = g_new0 (DmlGpuGeneration, 1);
      JsonObject *object = json_node_get_object (node);
      JsonNode *flash = json_object_get_member (object, "flash_attention");

      generation->id = g_strdup (id);
      generation->name = g_strdup (json_object_get_string_member_with_default (object, "name", id));
      generation->source = g_strdup (json_object_get_string_member_with_default (object, "source", ""));
      generation->efficiency = shared;
      generation->efficiency.gemm_efficiency = read_fraction (object, "gemm_efficiency", id);
      generation->efficiency.fp8_gemm_efficiency = read_fraction (object, "fp8_gemm_efficiency", id);
      generation->efficiency.scaleup_efficiency = read_fraction (object, "scaleup_efficiency", id);
      generation->efficiency.scaleout_efficiency = read_fraction (object, "scaleout_efficiency", id);
      generation->efficiency.flash_attention = flash != NULL && json_node_get_boolean (flash);
      g_hash_table_insert (calibration->generations, generation->id, generation);
      g_ptr_array_add (ids, generation->id);
    }
  if (!g_hash_table_contains (calibration->generations, DML_CALIBRATION_DEFAULT))
    g_error ("The shipped calibration has no “%s” generation", DML_CALIBRATION_DEFAULT);

  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  calibration->ids = (GStrv) g_ptr_array_steal (ids, NULL);

  return calibration;
}

static Calibration *
get_calibration (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_calibration, NULL);
}

/* The generation @id, or NULL if there is none of that name. */
const DmlGpuGeneration *
dml_gpu_generation_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (get_calibration ()->generations, id);
}

/* Every generation's id, sorted. */
const char * const *
dml_gpu_generation_ids (void)
{
  return (const char * const *) get_calibration ()->ids;
}

/* The generation @preset_id's GPUs belong to, as its preset names it;
 * the default generation for no preset, or one that names none. Nothing
 * is chosen by the spelling of an id. */
const DmlGpuGeneration *
dml_gpu_generation_for_preset (const char *preset_id)
{
  const DmlPreset *preset = preset_id != NULL ? dml_preset_lookup (preset_id) : NULL;
  const DmlGpuGeneration *generation = NULL;

  if (preset != NULL && preset->generation != NULL)
    generation = dml_gpu_generation_lookup (preset->generation);
  return generation != NULL ? generation : dml_gpu_generation_lookup (DML_CALIBRATION_DEFAULT);
}

/* What real runs reach on @preset_id's GPUs (docs/calibration.md). */
void
dml_calibration_for_preset (const char       *preset_id,
                            DmlRunEfficiency *efficiency)
{
  *efficiency = dml_gpu_generation_for_preset (preset_id)->efficiency;
}

static const char * const value_keys[DML_N_CALIBRATION_VALUES] = {
  "gemm_efficiency", "fp8_gemm_efficiency", "scaleup_efficiency", "scaleout_efficiency",
};

static double *
efficiency_value (DmlRunEfficiency    *efficiency,
                  DmlCalibrationValue  value)
{
  switch (value)
    {
    case DML_CALIBRATION_GEMM:
      return &efficiency->gemm_efficiency;
    case DML_CALIBRATION_FP8_GEMM:
      return &efficiency->fp8_gemm_efficiency;
    case DML_CALIBRATION_SCALEUP:
      return &efficiency->scaleup_efficiency;
    case DML_CALIBRATION_SCALEOUT:
    case DML_N_CALIBRATION_VALUES:
    default:
      return &efficiency->scaleout_efficiency;
    }
}

void
dml_calibration_init (DmlCalibration *calibration)
{
  memset (calibration->generation, 0, sizeof calibration->generation);
  for (guint i = 0; i < DML_N_CALIBRATION_VALUES; i++)
    calibration->values[i] = NAN;
  calibration->flash_attention = -1;
}

gboolean
dml_calibration_is_empty (const DmlCalibration *calibration)
{
  DmlCalibration empty;

  dml_calibration_init (&empty);
  return dml_calibration_equal (calibration, &empty);
}

gboolean
dml_calibration_equal (const DmlCalibration *a,
                       const DmlCalibration *b)
{
  if (strcmp (a->generation, b->generation) != 0 || a->flash_attention != b->flash_attention)
    return FALSE;
  for (guint i = 0; i < DML_N_CALIBRATION_VALUES; i++)
    if (!(a->values[i] == b->values[i] || (isnan (a->values[i]) && isnan (b->values[i]))))
      return FALSE;
  return TRUE;
}

/* A design's "calibration" group: "generation" names one of
 * generations.json; each efficiency a fraction in (0, 1];
 * "flash_attention" true or false. A missing key keeps the generation's
 * value. */
void
dml_calibration_read (JsonObject     *root,
                      DmlCalibration *calibration,
                      GPtrArray      *problems,
                      GPtrArray      *warnings)
{
  JsonNode *group = json_object_get_member (root, "calibration");
  JsonObject *object;
  JsonObjectIter iter;
  const char *key;
  JsonNode *member;

  dml_calibration_init (calibration);
  if (group == NULL)
    return;
  if (!JSON_NODE_HOLDS_OBJECT (group))
    {
      dml_problems_add (problems, _("%s: must be an object"), "calibration");
      return;
    }

  object = json_node_get_object (group);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &member))
    {
      gboolean known = FALSE;

      if (g_str_equal (key, "generation"))
        {
          g_autofree char *id = dml_json_read_string (object, "calibration.generation", "generation", problems);

          known = TRUE;
          if (id != NULL && dml_gpu_generation_lookup (id) == NULL)
            {
              g_autofree char *ids = g_strjoinv (", ", (char **) dml_gpu_generation_ids ());

              dml_problems_add (problems, _("calibration.generation: must be one of %s, got “%s”"), ids, id);
            }
          else if (id != NULL)
            g_strlcpy (calibration->generation, id, sizeof calibration->generation);
        }
      else if (g_str_equal (key, "flash_attention"))
        {
          known = TRUE;
          if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_BOOLEAN)
            calibration->flash_attention = json_node_get_boolean (member);
          else
            dml_problems_add (problems, _("%s.%s: must be true or false"), "calibration", key);
        }
      for (guint i = 0; i < DML_N_CALIBRATION_VALUES; i++)
        if (g_str_equal (key, value_keys[i]))
          {
            double value = dml_json_is_number (member) ? json_node_get_double (member) : NAN;

            known = TRUE;
            if (value > 0 && value <= 1)
              calibration->values[i] = value;
            else
              dml_problems_add (problems, _("calibration.%s: must be a fraction in (0, 1]"), key);
          }
      if (!known && warnings != NULL)
        {
          g_autofree char *printable = dml_format_printable (key);

          dml_problems_add (warnings, _("calibration.%s: unknown key, ignored"), printable);
        }
    }
}

/* The group, if the design sets anything in it. */
void
dml_calibration_write (JsonBuilder          *builder,
                       const DmlCalibration *calibration)
{
  if (dml_calibration_is_empty (calibration))
    return;

  json_builder_set_member_name (builder, "calibration");
  json_builder_begin_object (builder);
  if (calibration->generation[0] != '\0')
    {
      json_builder_set_member_name (builder, "generation");
      json_builder_add_string_value (builder, calibration->generation);
    }
  for (guint i = 0; i < DML_N_CALIBRATION_VALUES; i++)
    if (!isnan (calibration->values[i]))
      {
        json_builder_set_member_name (builder, value_keys[i]);
        json_builder_add_double_value (builder, calibration->values[i]);
      }
  if (calibration->flash_attention >= 0)
    {
      json_builder_set_member_name (builder, "flash_attention");
      json_builder_add_boolean_value (builder, calibration->flash_attention);
    }
  json_builder_end_object (builder);
}

/* The efficiencies a run on @preset_id's GPUs reaches, with the design's
 * @calibration (NULL: none) over its generation's. Returns the
 * generation used. */
const DmlGpuGeneration *
dml_calibration_apply (const DmlCalibration *calibration,
                       const char           *preset_id,
                       DmlRunEfficiency     *efficiency)
{
  const DmlGpuGeneration *generation = NULL;

  if (calibration != NULL && calibration->generation[0] != '\0')
    generation = dml_gpu_generation_lookup (calibration->generation);
  if (generation == NULL)
    generation = dml_gpu_generation_for_preset (preset_id);

  *efficiency = generation->efficiency;
  if (calibration != NULL)
    {
      for (guint i = 0; i < DML_N_CALIBRATION_VALUES; i++)
        if (!isnan (calibration->values[i]))
          *efficiency_value (efficiency, i) = calibration->values[i];
      if (calibration->flash_attention >= 0)
        efficiency->flash_attention = calibration->flash_attention;
    }

  return generation;
}
