/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-offering"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-engine.h"
#include "dml-error.h"
#include "dml-json.h"
#include "dml-enum.h"
#include "dml-offering.h"
#include "dml-resources.h"

/* Shipped offerings and the ownership defaults (data/offerings/), read
 * once from the model's GResource. They are the project's own files: a
 * malformed one is a bug, reported with g_critical as dml-preset does. */

typedef struct
{
  char       **presets;
  DmlSourced   purchase_per_gpu;
} Family;

typedef struct
{
  GPtrArray  *offerings;  /* DmlOffering, sorted by id */
  DmlSourced  depreciation_years;
  DmlSourced  facility_per_mw;
  DmlSourced  facility_years;
  GPtrArray  *families;   /* Family */
} Shipped;

static const char *origin_labels[] = { N_("measured"), N_("spec"), N_("derived"), N_("quoted"), N_("assumed"),
                                       N_("GPU preset") };
static const char *price_kind_labels[] = { N_("on-demand"), N_("reserved"), N_("spot"), N_("owned") };

G_STATIC_ASSERT (G_N_ELEMENTS (origin_labels) == DML_N_ORIGINS);
G_STATIC_ASSERT (G_N_ELEMENTS (price_kind_labels) == DML_N_PRICE_KINDS);

/* The numbers every offering has, in the order listings show them. */
static const struct
{
  const char *key;
  gsize       offset;
} numbers[] = {
  { "scaleup_domain", G_STRUCT_OFFSET (DmlOffering, scaleup_domain) },
  { "scaleup_bandwidth", G_STRUCT_OFFSET (DmlOffering, scaleup_bandwidth) },
  { "scaleout_spec", G_STRUCT_OFFSET (DmlOffering, scaleout_spec) },
  { "scaleout", G_STRUCT_OFFSET (DmlOffering, scaleout) },
  { "latency", G_STRUCT_OFFSET (DmlOffering, latency) },
  { "scaleout_hop_latency", G_STRUCT_OFFSET (DmlOffering, scaleout_hop_latency) },
  { "max_cluster", G_STRUCT_OFFSET (DmlOffering, max_cluster) },
  { "power_per_gpu", G_STRUCT_OFFSET (DmlOffering, power_per_gpu) },
};

const char *
dml_origin_id (DmlOrigin origin)
{
  return dml_enum_nick (DML_TYPE_ORIGIN, origin);
}

const char *
dml_origin_label (DmlOrigin origin)
{
  g_return_val_if_fail (origin < DML_N_ORIGINS, NULL);
  return _(origin_labels[origin]);
}

gboolean
dml_origin_from_id (const char *id,
                    DmlOrigin  *origin)
{
  int value;

  if (!dml_enum_from_nick (DML_TYPE_ORIGIN, id, FALSE, &value))
    return FALSE;
  *origin = value;
  return TRUE;
}

const char *
dml_price_kind_id (DmlPriceKind kind)
{
  return dml_enum_nick (DML_TYPE_PRICE_KIND, kind);
}

const char *
dml_price_kind_label (DmlPriceKind kind)
{
  g_return_val_if_fail (kind < DML_N_PRICE_KINDS, NULL);
  return _(price_kind_labels[kind]);
}

gboolean
dml_price_kind_from_id (const char   *id,
                        DmlPriceKind *kind)
{
  int value;

  if (!dml_enum_from_nick (DML_TYPE_PRICE_KIND, id, FALSE, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

static char **
read_strings (JsonObject *object,
              const char *path,
              const char *key,
              GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      dml_problems_add (problems, "%s.%s: must be a list of strings", path, key);
      return g_strv_builder_end (builder);
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (item));
      else
        dml_problems_add (problems, "%s.%s[%u]: must be a string", path, key, i);
    }

  return g_strv_builder_end (builder);
}

/* {"value": number or null, "origin": id, "sources": [rows], "note": text} */
static void
read_sourced (JsonObject *parent,
              const char *path,
              const char *key,
              DmlSourced *sourced,
              GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (parent, key);
  g_autofree char *where = g_strconcat (path, ".", key, NULL);
  g_autofree char *origin = NULL;
  JsonObject *object;
  JsonNode *value;

  sourced->value = NAN;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      dml_problems_add (problems, "%s: must be an object", where);
      sourced->sources = g_new0 (char *, 1);
      return;
    }

  object = json_node_get_object (node);
  value = json_object_get_member (object, "value");
  if (value != NULL && dml_json_is_number (value))
    sourced->value = json_node_get_double (value);
  else if (value == NULL || !JSON_NODE_HOLDS_NULL (value))
    dml_problems_add (problems, "%s.value: must be a number or null", where);

  origin = dml_json_read_string (object, where, "origin", problems);
  if (!dml_origin_from_id (origin, &sourced->origin))
    dml_problems_add (problems, "%s.origin: unknown", where);
  sourced->sources = read_strings (object, where, "sources", problems);
  sourced->note = dml_json_read_string (object, where, "note", problems);
  if (sourced->note == NULL)
    sourced->note = g_strdup ("");
  if (!isnan (sourced->value) && sourced->sources[0] == NULL)
    dml_problems_add (problems, "%s: a number without a source", where);
}

static double
read_number (JsonObject *object,
             const char *path,
             const char *key,
             GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !dml_json_is_number (node))
    {
      dml_problems_add (problems, "%s.%s: must be a number", path, key);
      return NAN;
    }
  return json_node_get_double (node);
}

static JsonObject *
load_object (const char *path,
             const char *format)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  bytes = g_resources_lookup_data (path, 0, &error);
  if (bytes != NULL)
    root = dml_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), DML_DESIGN_MAX_BYTES,
                           DML_DESIGN_MAX_DEPTH, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_critical ("Shipped file %s does not load: %s", path, error ? error->message : "not an object");
      return NULL;
    }
  node = json_object_get_member (json_node_get_object (root), "format");
  if (node == NULL || g_strcmp0 (json_node_get_string (node), format) != 0)
    {
      g_critical ("Shipped file %s is not a %s", path, format);
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* The model's t_out that gives a two-node collective of 2 × domain ranks
 * the measured time (dml_collective_latency (): t_base + 2·((g_in − 1)·t_up
 * + log2(2)·t_out)), the preset's t_base and t_up kept. The measurements
 * are 16-rank collectives on two 8-GPU nodes (REFERENCE.md, Table 2a). */
static double
fit_scaleout_hop (const DmlParams *hardware,
                  double           measured,
                  double           domain)
{
  double rest = hardware->collective_base_latency + 2 * (domain - 1) * hardware->scaleup_hop_latency;

  return MAX (0, (measured - rest) / 2);
}

static DmlOffering *
load_offering (const char *path)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) object = load_object (path, "dmlimits-offering");
  const DmlPreset *preset;
  DmlOffering *o;
  JsonNode *node;

  if (object == NULL)
    return NULL;

  o = g_new0 (DmlOffering, 1);
  o->id = dml_json_read_string (object, "id", "id", problems);
  o->name = dml_json_read_string (object, "name", "name", problems);
  o->provider = dml_json_read_string (object, "provider", "provider", problems);
  o->preset = dml_json_read_string (object, "preset", "preset", problems);
  o->notes = dml_json_read_string (object, "notes", "notes", problems);
  node = json_object_get_member (object, "on_premises");
  o->on_premises = node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node);
  o->gpus_per_node = read_number (object, "offering", "gpus_per_node", problems);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    if (!g_str_equal (numbers[i].key, "scaleout_hop_latency"))
      read_sourced (object, "offering", numbers[i].key, G_STRUCT_MEMBER_P (o, numbers[i].offset), problems);
  o->sources = read_strings (object, "offering", "sources", problems);

  node = json_object_get_member (object, "prices");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      o->n_prices = json_array_get_length (array);
      o->prices = g_new0 (DmlOfferingPrice, o->n_prices);
      for (guint i = 0; i < o->n_prices; i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          DmlOfferingPrice *price = &o->prices[i];
          g_autofree char *where = g_strdup_printf ("prices[%u]", i);
          g_autofree char *kind = NULL;
          JsonObject *p;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            {
              dml_problems_add (problems, "%s: must be an object", where);
              price->usd_per_gpu_hour.value = NAN;
              price->usd_per_gpu_hour.sources = g_new0 (char *, 1);
              continue;
            }
          p = json_node_get_object (item);
          kind = dml_json_read_string (p, where, "kind", problems);
          if (!dml_price_kind_from_id (kind, &price->kind) || price->kind == DML_PRICE_OWN)
            dml_problems_add (problems, "%s.kind: unknown", where);
          read_sourced (p, where, "usd_per_gpu_hour", &price->usd_per_gpu_hour, problems);
          price->date = dml_json_read_string (p, where, "date", problems);
          price->basis = dml_json_read_string (p, where, "basis", problems);
        }
    }
  else
    dml_problems_add (problems, "prices: must be a list");

  preset = o->preset != NULL ? dml_preset_lookup (o->preset) : NULL;
  if (preset == NULL)
    dml_problems_add (problems, "preset: unknown");

  /* The model's scale-out hop latency: fitted to the measurement where
   * there is one, else the preset's. */
  o->scaleout_hop_latency.sources = g_new0 (char *, 1);
  if (preset != NULL && !isnan (o->latency.value) && !isnan (o->scaleup_domain.value))
    {
      o->scaleout_hop_latency.value = fit_scaleout_hop (&preset->hardware, o->latency.value, o->scaleup_domain.value);
      o->scaleout_hop_latency.origin = DML_ORIGIN_DERIVED;
      g_strfreev (o->scaleout_hop_latency.sources);
      o->scaleout_hop_latency.sources = g_strdupv (o->latency.sources);
      o->scaleout_hop_latency.note = g_strdup ("t_out = (t_measured − t_base − 2·(domain − 1)·t_up) ÷ 2, "
                                               "the preset's t_base and t_up (docs/options.md)");
    }
  else if (preset != NULL)
    {
      o->scaleout_hop_latency.value = preset->hardware.scaleout_hop_latency;
      o->scaleout_hop_latency.origin = DML_ORIGIN_PRESET;
      o->scaleout_hop_latency.note = g_strdup ("the preset's: the paper's H100 value");
    }
  else
    o->scaleout_hop_latency.value = NAN;

  if (isnan (o->scaleup_domain.value) || isnan (o->scaleup_bandwidth.value) || isnan (o->scaleout.value) ||
      isnan (o->power_per_gpu.value))
    dml_problems_add (problems, "the domain, bandwidths and power are needed");

  if (problems->len > 0 || o->id == NULL || o->name == NULL)
    g_critical ("Shipped offering %s is malformed: %s", path,
                problems->len > 0 ? (char *) problems->pdata[0] : "no id or name");

  return o;
}

static int
compare_offerings (gconstpointer a,
                   gconstpointer b)
{
  const DmlOffering *oa = *(const DmlOffering **) a;
  const DmlOffering *ob = *(const DmlOffering **) b;

  return g_strcmp0 (oa->id, ob->id);
}

static void
load_ownership (Shipped *shipped)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) object = load_object (DML_RESOURCE_PATH "offerings/ownership.json", "dmlimits-ownership");
  JsonNode *node;

  shipped->families = g_ptr_array_new ();
  if (object == NULL)
    return;

  read_sourced (object, "ownership", "depreciation_years", &shipped->depreciation_years, problems);
  read_sourced (object, "ownership", "facility_per_mw", &shipped->facility_per_mw, problems);
  read_sourced (object, "ownership", "facility_years", &shipped->facility_years, problems);
  node = json_object_get_member (object, "families");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          Family *family;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            continue;
          family = g_new0 (Family, 1);
          family->presets = read_strings (json_node_get_object (item), "families", "presets", problems);
          read_sourced (json_node_get_object (item), "families", "purchase_per_gpu", &family->purchase_per_gpu,
                        problems);
          g_ptr_array_add (shipped->families, family);
        }
    }
  if (problems->len > 0)
    g_critical ("Shipped ownership.json is malformed: %s", (char *) problems->pdata[0]);
}

static gpointer
load_shipped (gpointer data)
{
  g_auto(GStrv) children = NULL;
  Shipped *shipped = g_new0 (Shipped, 1);

  dml_resources_ensure ();
  shipped->offerings = g_ptr_array_new ();
  children = g_resources_enumerate_children (DML_RESOURCE_PATH "offerings/", 0, NULL);
  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      DmlOffering *offering;

      if (!g_str_has_suffix (children[i], ".json") || g_str_equal (children[i], "ownership.json"))
        continue;
      path = g_strconcat (DML_RESOURCE_PATH "offerings/", children[i], NULL);
      if ((offering = load_offering (path)) != NULL)
        g_ptr_array_add (shipped->offerings, offering);
    }
  g_ptr_array_sort (shipped->offerings, compare_offerings);
  load_ownership (shipped);

  return shipped;
}

static Shipped *
shipped_get (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_shipped, NULL);
}

/* The shipped offerings, sorted by id. */
const DmlOffering * const *
dml_offerings (guint *n_offerings)
{
  Shipped *shipped = shipped_get ();

  *n_offerings = shipped->offerings->len;
  return (const DmlOffering * const *) shipped->offerings->pdata;
}

const DmlOffering *
dml_offering_lookup (const char *id)
{
  const DmlOffering * const *all;
  guint n;

  g_return_val_if_fail (id != NULL, NULL);

  all = dml_offerings (&n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (all[i]->id, id) == 0)
      return all[i];
  return NULL;
}

const DmlPreset *
dml_offering_get_preset (const DmlOffering *offering)
{
  g_return_val_if_fail (offering != NULL, NULL);
  return dml_preset_lookup (offering->preset);
}

void
dml_offering_apply (const DmlOffering *offering,
                    DmlParams         *params)
{
  const DmlPreset *preset;
  const DmlOfferingPrice *price;

  g_return_if_fail (offering != NULL);

  if ((preset = dml_offering_get_preset (offering)) != NULL)
    dml_preset_apply (preset, params);
  params->scaleup_domain = offering->scaleup_domain.value;
  params->scaleup_bandwidth = offering->scaleup_bandwidth.value;
  params->scaleout_bandwidth = offering->scaleout.value;
  if (!isnan (offering->scaleout_hop_latency.value))
    params->scaleout_hop_latency = offering->scaleout_hop_latency.value;
  params->power_per_gpu = offering->power_per_gpu.value;
  if ((price = dml_offering_price (offering, DML_PRICE_ON_DEMAND)) != NULL)
    params->gpu_hour_cost = price->usd_per_gpu_hour.value;
}

const DmlOfferingPrice *
dml_offering_price (const DmlOffering *offering,
                    DmlPriceKind       kind)
{
  const DmlOfferingPrice *best = NULL;

  g_return_val_if_fail (offering != NULL, NULL);

  for (guint i = 0; i < offering->n_prices; i++)
    if (offering->prices[i].kind == kind && !isnan (offering->prices[i].usd_per_gpu_hour.value) &&
        (best == NULL || offering->prices[i].usd_per_gpu_hour.value < best->usd_per_gpu_hour.value))
      best = &offering->prices[i];

  return best;
}

guint
dml_offering_n_numbers (void)
{
  return G_N_ELEMENTS (numbers);
}

const DmlSourced *
dml_offering_number (const DmlOffering *offering,
                     guint              index,
                     const char       **key)
{
  g_return_val_if_fail (offering != NULL, NULL);
  g_return_val_if_fail (index < G_N_ELEMENTS (numbers), NULL);

  if (key != NULL)
    *key = numbers[index].key;
  return G_STRUCT_MEMBER_P ((gpointer) offering, numbers[index].offset);
}

static void
add_source_line (GPtrArray        *sources,
                 const char       *what,
                 const DmlSourced *sourced)
{
  g_autofree char *rows = g_strjoinv ("; ", sourced->sources);

  if (sources != NULL)
    g_ptr_array_add (sources, g_strdup_printf ("%s: %s (%s; %s)", what, sourced->note,
                                               dml_origin_label (sourced->origin), rows));
}

gboolean
dml_ownership_defaults (const char      *preset_id,
                        const DmlParams *params,
                        DmlOwnership    *ownership,
                        GPtrArray       *sources)
{
  Shipped *shipped = shipped_get ();
  const Family *found = NULL;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (ownership != NULL, FALSE);

  for (guint i = 0; i < shipped->families->len && found == NULL && preset_id != NULL; i++)
    {
      const Family *family = shipped->families->pdata[i];

      if (g_strv_contains ((const char * const *) family->presets, preset_id))
        found = family;
    }

  ownership->purchase_per_gpu = found != NULL ? found->purchase_per_gpu.value : NAN;
  ownership->depreciation_years = shipped->depreciation_years.value;
  ownership->power_per_gpu = params->power_per_gpu;
  ownership->pue = params->pue;
  ownership->electricity_price = params->electricity_price;
  ownership->facility_per_watt = shipped->facility_per_mw.value / 1e6;
  ownership->facility_years = shipped->facility_years.value;

  if (found != NULL)
    add_source_line (sources, _("Purchase per GPU"), &found->purchase_per_gpu);
  add_source_line (sources, _("Depreciation"), &shipped->depreciation_years);
  add_source_line (sources, _("Facility per MW"), &shipped->facility_per_mw);
  add_source_line (sources, _("Facility life"), &shipped->facility_years);

  return found != NULL;
}

/* docs/options.md, "Ownership cost": straight-line depreciation of the
 * GPU's share of servers and network, and of the facility's share of
 * its capital, plus the electricity at the site's PUE; an owned GPU
 * is taken to be busy all its life. */
void
dml_ownership_cost (const DmlOwnership *o,
                    DmlOwnCost         *cost)
{
  const double hours_a_year = 8760;

  g_return_if_fail (o != NULL);
  g_return_if_fail (cost != NULL);

  cost->hardware = o->purchase_per_gpu / (o->depreciation_years * hours_a_year);
  cost->facility = o->facility_per_watt * o->power_per_gpu / (o->facility_years * hours_a_year);
  cost->energy = o->power_per_gpu * o->pue / 1e6 * o->electricity_price;
  cost->total = cost->hardware + cost->facility + cost->energy;
}
