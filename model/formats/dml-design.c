/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-design"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dml-calibration.h"
#include "dml-design.h"
#include "dml-enum.h"
#include "dml-error.h"
#include "dml-file.h"
#include "dml-format.h"
#include "dml-json.h"
#include "dml-params-json.h"
#include "dml-preset.h"
#include "dml-resources.h"
#include "dml-run-json.h"

struct _DmlDesign
{
  GObject   parent_instance;

  char     *name;
  char     *notes;
  char     *preset;
  DmlParams params;
  DmlRun    run;       /* a given model and layout (docs/calibration.md) */
  gboolean  has_run;
  DmlCalibration calibration;  /* the design's own, over its generation's */
  GStrv     warnings;  /* from the file it was read from */
};

G_DEFINE_FINAL_TYPE (DmlDesign, dml_design, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_NOTES,
  PROP_PRESET,
  N_FIXED_PROPS
};

/* Followed by one property per DmlField, in table order. */
static GParamSpec **properties;
static guint n_properties;

enum {
  RUN_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
check_keys (JsonObject *root,
            GPtrArray  *warnings)
{
  static const char * const root_keys[] = {
    "format", "version", "name", "notes", "hardware", "workload", "parallelism", "sweep", "timeline", "energy",
    "sites", "reliability", "uncertainty", "model", "layout", "calibration", NULL
  };

  dml_json_warn_unknown_keys (root, "", root_keys, warnings);
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    DmlCalibration calibration;

    dml_calibration_read (root, &calibration, problems, warnings);
  }
  dml_run_json_warn_unknown_keys (root, warnings);
  dml_params_json_warn_unknown_keys (root, warnings);
}

static void set_string (DmlDesign  *self,
                        char      **field,
                        const char *value,
                        guint       prop_id);

/* The preset names where the hardware came from while it still holds
 * that preset's numbers: an edit makes it the user's own (NULL), and
 * undoing back to a preset's numbers names that preset again. */
static void
sync_preset (DmlDesign *self)
{
  const DmlPreset *current = self->preset != NULL ? dml_preset_lookup (self->preset) : NULL;
  const DmlPreset *match;
  DmlParams hardware = self->params;

  if (current != NULL)
    {
      dml_preset_apply (current, &hardware);
      if (dml_params_equal (&hardware, &self->params))
        return;
    }

  match = dml_preset_match (&self->params);
  set_string (self, &self->preset, match != NULL ? match->id : NULL, PROP_PRESET);
}

/* A file that names a preset but gives other numbers: the numbers stand
 * and the design reads Custom, as in the app; say which differ. */
static void
warn_preset_differs (DmlDesign *self,
                     GPtrArray *warnings)
{
  const DmlPreset *preset = self->preset != NULL ? dml_preset_lookup (self->preset) : NULL;
  g_autoptr(GString) differ = g_string_new (NULL);
  const DmlField *fields;
  guint n_fields;

  if (preset == NULL)
    return;
  fields = dml_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].group == DML_GROUP_HARDWARE &&
        dml_field_get (&fields[i], &self->params) != dml_field_get (&fields[i], &preset->hardware))
      g_string_append_printf (differ, "%s%s", differ->len > 0 ? ", " : "", fields[i].key);
  if (differ->len > 0)
    dml_problems_add (warnings, _("hardware.preset: the numbers differ from “%s” (%s): they stand, and the design "
                                  "reads Custom"), self->preset, differ->str);
}

static gboolean
parse_design (DmlDesign  *self,
              const char *data,
              gsize       length,
              GError    **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) root_node = NULL;
  g_autofree char *format = NULL;
  JsonObject *root;
  JsonNode *version;
  JsonNode *hardware;

  root_node = dml_json_parse (data, length, DML_DESIGN_MAX_BYTES, DML_DESIGN_MAX_DEPTH, error);
  if (root_node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error_literal (error, DML_ERROR, DML_ERROR_PARSE,
                           _("The file holds no JSON object; it is not a design"));
      return FALSE;
    }

  root = json_node_get_object (root_node);

  format = dml_json_read_string (root, "format", "format", problems);
  if (g_strcmp0 (format, DML_DESIGN_FORMAT) != 0)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_PARSE,
                   _("format: must be “%s”; this is not a dmlimits design"), DML_DESIGN_FORMAT);
      return FALSE;
    }

  version = json_object_get_member (root, "version");
  if (version == NULL || !dml_json_is_number (version) ||
      json_node_get_double (version) != floor (json_node_get_double (version)) ||
      json_node_get_double (version) < 1)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_PARSE,
                   _("version: must be a whole number ≥ 1"));
      return FALSE;
    }
  if (json_node_get_double (version) > DML_DESIGN_VERSION)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_PARSE,
                   _("version: the file is version %.0f, from a newer dmlimits; this one reads version %d"),
                   json_node_get_double (version), DML_DESIGN_VERSION);
      return FALSE;
    }

  dml_params_init_baseline (&self->params);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->preset, g_free);

  self->name = dml_json_read_string (root, "name", "name", problems);
  self->notes = dml_json_read_string (root, "notes", "notes", problems);
  /* A name heads every table, chart and window title: a bound keeps
   * them readable (and a 1 MB name from taking the window down). */
  if (self->name != NULL && g_utf8_strlen (self->name, -1) > DML_DESIGN_MAX_NAME)
    dml_problems_add (problems, _("name: must be at most %d characters, got %ld"), DML_DESIGN_MAX_NAME,
                      g_utf8_strlen (self->name, -1));
  if (self->notes != NULL && g_utf8_strlen (self->notes, -1) > DML_DESIGN_MAX_NOTES)
    dml_problems_add (problems, _("notes: must be at most %d characters, got %ld"), DML_DESIGN_MAX_NOTES,
                      g_utf8_strlen (self->notes, -1));

  hardware = json_object_get_member (root, "hardware");
  if (hardware != NULL && JSON_NODE_HOLDS_OBJECT (hardware))
    self->preset = dml_json_read_string (json_node_get_object (hardware), "hardware.preset", "preset", problems);
  /* A named preset gives the hardware numbers the file leaves out: a
   * file that says only "a100-sxm-80gb" is an A100, not the baseline's
   * H100 under another name. */
  if (self->preset != NULL)
    {
      const DmlPreset *preset = dml_preset_lookup (self->preset);

      if (preset != NULL)
        dml_preset_apply (preset, &self->params);
      else
        dml_problems_add (problems, _("hardware.preset: there is no preset “%s”; dmlimits-cli presets lists them"),
                          self->preset);
    }

  for (DmlGroup group = 0; group < DML_N_GROUPS; group++)
    dml_params_json_read_group (root, group, &self->params, problems);
  dml_params_json_read_ranges (root, &self->params, problems);
  self->has_run = dml_run_json_read (root, &self->run, problems);
  dml_calibration_read (root, &self->calibration, problems, NULL);

  if (problems->len == 0)
    dml_params_validate (&self->params, problems);

  if (problems->len == 0)
    {
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

      check_keys (root, warnings);
      warn_preset_differs (self, warnings);
      g_ptr_array_add (warnings, NULL);
      g_strfreev (self->warnings);
      self->warnings = (GStrv) g_ptr_array_free (g_steal_pointer (&warnings), FALSE);
    }

  if (problems->len > 0)
    {
      g_autofree char *all = NULL;

      g_ptr_array_add (problems, NULL);
      all = g_strjoinv ("\n", (char **) problems->pdata);
      g_set_error_literal (error, DML_ERROR, DML_ERROR_INVALID, all);
      return FALSE;
    }

  /* A file's "preset" is believed only while its numbers match. */
  g_object_freeze_notify (G_OBJECT (self));
  sync_preset (self);
  g_object_thaw_notify (G_OBJECT (self));

  if (self->name == NULL)
    self->name = g_strdup (_("Untitled design"));
  if (self->notes == NULL)
    self->notes = g_strdup ("");

  return TRUE;
}

static void
dml_design_finalize (GObject *object)
{
  DmlDesign *self = (DmlDesign *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->preset, g_free);
  g_clear_pointer (&self->warnings, g_strfreev);

  G_OBJECT_CLASS (dml_design_parent_class)->finalize (object);
}

static void
dml_design_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DmlDesign *self = DML_DESIGN (object);
  const DmlField *fields;
  guint n_fields;

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      return;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      return;
    case PROP_PRESET:
      g_value_set_string (value, self->preset);
      return;
    default:
      break;
    }

  fields = dml_fields (&n_fields);
  if (prop_id >= N_FIXED_PROPS && prop_id < N_FIXED_PROPS + n_fields)
    {
      const DmlField *field = &fields[prop_id - N_FIXED_PROPS];

      if (field->kind == DML_FIELD_BOOLEAN)
        g_value_set_boolean (value, dml_field_get (field, &self->params) != 0);
      else if (field->kind == DML_FIELD_CHOICE)
        g_value_set_enum (value, (int) dml_field_get (field, &self->params));
      else
        g_value_set_double (value, dml_field_get (field, &self->params));
      return;
    }

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
dml_design_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DmlDesign *self = DML_DESIGN (object);
  const DmlField *fields;
  guint n_fields;

  switch (prop_id)
    {
    case PROP_NAME:
      dml_design_set_name (self, g_value_get_string (value));
      return;
    case PROP_NOTES:
      dml_design_set_notes (self, g_value_get_string (value));
      return;
    case PROP_PRESET:
      dml_design_set_preset (self, g_value_get_string (value));
      return;
    default:
      break;
    }

  fields = dml_fields (&n_fields);
  if (prop_id >= N_FIXED_PROPS && prop_id < N_FIXED_PROPS + n_fields)
    {
      const DmlField *field = &fields[prop_id - N_FIXED_PROPS];
      double v = field->kind == DML_FIELD_BOOLEAN ? g_value_get_boolean (value)
                 : field->kind == DML_FIELD_CHOICE ? g_value_get_enum (value)
                 : g_value_get_double (value);

      if (dml_field_get (field, &self->params) != v)
        {
          g_object_freeze_notify (object);
          dml_field_set (field, &self->params, v);
          g_object_notify_by_pspec (object, pspec);
          if (field->group == DML_GROUP_HARDWARE)
            sync_preset (self);
          g_object_thaw_notify (object);
        }
      return;
    }

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
dml_design_class_init (DmlDesignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const DmlField *fields;
  DmlParams baseline;
  guint n_fields;

  object_class->finalize = dml_design_finalize;
  object_class->get_property = dml_design_get_property;
  object_class->set_property = dml_design_set_property;

  fields = dml_fields (&n_fields);
  dml_params_init_baseline (&baseline);
  n_properties = N_FIXED_PROPS + n_fields;
  properties = g_new0 (GParamSpec *, n_properties);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRESET] =
    g_param_spec_string ("preset", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  for (guint i = 0; i < n_fields; i++)
    {
      const DmlField *field = &fields[i];
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

      if (field->kind == DML_FIELD_BOOLEAN)
        properties[N_FIXED_PROPS + i] =
          g_param_spec_boolean (field->property, NULL, NULL,
                                dml_field_get (field, &baseline) != 0, flags);
      else if (field->kind == DML_FIELD_CHOICE)
        properties[N_FIXED_PROPS + i] =
          g_param_spec_enum (field->property, NULL, NULL, dml_field_choice_type (field),
                             (int) dml_field_get (field, &baseline), flags);
      else
        properties[N_FIXED_PROPS + i] =
          g_param_spec_double (field->property, NULL, NULL, field->min, field->max,
                               dml_field_get (field, &baseline), flags);
    }

  g_object_class_install_properties (object_class, n_properties, properties);

  /* The given run was set, changed or removed (dml_design_set_run()). */
  signals[RUN_CHANGED] = g_signal_new ("run-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dml_design_init (DmlDesign *self)
{
  dml_params_init_baseline (&self->params);
  dml_run_init (&self->run);
  dml_calibration_init (&self->calibration);
  self->name = g_strdup (_("Untitled design"));
  self->notes = g_strdup ("");
}

/* The paper baseline, the default whenever no design is given. */
DmlDesign *
dml_design_new (void)
{
  g_autoptr(GError) error = NULL;
  DmlDesign *self = dml_design_new_shipped ("paper-baseline", &error);

  if (self == NULL)
    g_error ("The shipped paper baseline does not load: %s", error->message);

  return self;
}

DmlDesign *
dml_design_new_from_data (const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(DmlDesign) self = g_object_new (DML_TYPE_DESIGN, NULL);

  if (!parse_design (self, data, length, error))
    return NULL;

  return g_steal_pointer (&self);
}

DmlDesign *
dml_design_new_from_file (GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!dml_file_load (file, DML_DESIGN_MAX_BYTES, cancellable, &data, &length, error))
    return NULL;

  return dml_design_new_from_data (data, length, error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

char **
dml_design_list_shipped (void)
{
  g_auto(GStrv) children = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  dml_resources_ensure ();
  children = g_resources_enumerate_children (DML_RESOURCE_PATH "designs/", 0, NULL);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    if (g_str_has_suffix (children[i], ".json"))
      g_ptr_array_add (ids, g_strndup (children[i], strlen (children[i]) - 5));

  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

/* The shipped designs' names, for the translators: a shipped design is
 * named in the user's language; a saved one keeps what it was saved as. */
static const char * const shipped_names[] G_GNUC_UNUSED = {
  N_("Aggressive batch scaling (H100)"),
  N_("GB200 NVL72 (3 months)"),
  N_("1 GW sites (H100, 3 months)"),
  N_("GTX 580 (Epoch’s question, 3 months)"),
  N_("H20, 3 months (export-controlled)"),
  N_("H800, 3 months (export-controlled)"),
  N_("Mixture of experts, 8 experts top-2 (H100)"),
  N_("Paper baseline (H100, 3 months)"),
  N_("Realistic H100 cluster (3 months)"),
  N_("Shorter and fatter (H100)"),
};

DmlDesign *
dml_design_new_shipped (const char  *id,
                        GError     **error)
{
  g_autofree char *path = g_strdup_printf (DML_RESOURCE_PATH "designs/%s.json", id);
  g_autoptr(GBytes) bytes = NULL;
  DmlDesign *design;

  dml_resources_ensure ();
  bytes = g_resources_lookup_data (path, 0, NULL);
  if (bytes == NULL)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_NOT_FOUND, _("There is no shipped design “%s”"), id);
      return NULL;
    }

  design = dml_design_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
  if (design != NULL)
    dml_design_set_name (design, g_dgettext (GETTEXT_PACKAGE, design->name));

  return design;
}

DmlDesign *
dml_design_copy (DmlDesign *self)
{
  DmlDesign *copy;

  g_return_val_if_fail (DML_IS_DESIGN (self), NULL);

  copy = g_object_new (DML_TYPE_DESIGN, NULL);
  g_free (copy->name);
  copy->name = g_strdup (self->name);
  g_free (copy->notes);
  copy->notes = g_strdup (self->notes);
  copy->preset = g_strdup (self->preset);
  copy->params = self->params;
  copy->run = self->run;
  copy->has_run = self->has_run;
  copy->calibration = self->calibration;

  return copy;
}

char *
dml_design_to_data (DmlDesign *self,
                    gsize     *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const DmlField *fields;
  guint n_fields;

  g_return_val_if_fail (DML_IS_DESIGN (self), NULL);

  fields = dml_fields (&n_fields);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, DML_DESIGN_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DML_DESIGN_VERSION);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, self->notes);

  for (DmlGroup group = 0; group < DML_N_GROUPS; group++)
    {
      json_builder_set_member_name (builder, dml_group_key (group));
      json_builder_begin_object (builder);

      if (group == DML_GROUP_HARDWARE && self->preset != NULL)
        {
          json_builder_set_member_name (builder, "preset");
          json_builder_add_string_value (builder, self->preset);
        }

      for (guint i = 0; i < n_fields; i++)
        {
          if (fields[i].group != group)
            continue;

          json_builder_set_member_name (builder, fields[i].key);
          dml_field_json_add (&fields[i], &self->params, builder);
        }

      json_builder_end_object (builder);
    }

  if (self->has_run)
    dml_run_json_add_groups (builder, &self->run);
  dml_calibration_write (builder, &self->calibration);

  json_builder_set_member_name (builder, "uncertainty");
  dml_params_json_add_ranges (builder, &self->params);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return dml_json_to_string (root, length);
}

/* A failed save leaves the old file as it was: see dml_file_replace(). */
gboolean
dml_design_save (DmlDesign     *self,
                 GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (DML_IS_DESIGN (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  data = dml_design_to_data (self, &length);

  return dml_file_replace (file, data, length, error);
}

/* The setter's pattern for the string properties: compare, assign,
 * notify. */
static void
set_string (DmlDesign   *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

const char *
dml_design_get_name (DmlDesign *self)
{
  g_return_val_if_fail (DML_IS_DESIGN (self), NULL);
  return self->name;
}

/* @text, or "", cut to @max characters: a name that grows past the
 * bound (one derived from a long one) is cut, so that what is saved can
 * be opened again. */
static void
set_text (DmlDesign   *self,
          char       **field,
          const char  *text,
          glong        max,
          guint        prop_id)
{
  g_autofree char *bounded = NULL;

  if (text != NULL && g_utf8_strlen (text, -1) > max)
    text = bounded = g_utf8_substring (text, 0, max);
  set_string (self, field, text ? text : "", prop_id);
}

void
dml_design_set_name (DmlDesign  *self,
                     const char *name)
{
  g_return_if_fail (DML_IS_DESIGN (self));
  set_text (self, &self->name, name, DML_DESIGN_MAX_NAME, PROP_NAME);
}

const char *
dml_design_get_notes (DmlDesign *self)
{
  g_return_val_if_fail (DML_IS_DESIGN (self), NULL);
  return self->notes;
}

void
dml_design_set_notes (DmlDesign  *self,
                      const char *notes)
{
  g_return_if_fail (DML_IS_DESIGN (self));
  set_text (self, &self->notes, notes, DML_DESIGN_MAX_NOTES, PROP_NOTES);
}

const char *
dml_design_get_preset (DmlDesign *self)
{
  g_return_val_if_fail (DML_IS_DESIGN (self), NULL);
  return self->preset;
}

void
dml_design_set_preset (DmlDesign  *self,
                       const char *preset)
{
  g_return_if_fail (DML_IS_DESIGN (self));
  set_string (self, &self->preset, preset, PROP_PRESET);
}

void
dml_design_get_params (DmlDesign *self,
                       DmlParams *params)
{
  g_return_if_fail (DML_IS_DESIGN (self));
  *params = self->params;
}

void
dml_design_set_params (DmlDesign       *self,
                       const DmlParams *params)
{
  const DmlField *fields;
  gboolean hardware_changed = FALSE;
  guint n_fields;

  g_return_if_fail (DML_IS_DESIGN (self));

  fields = dml_fields (&n_fields);
  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < n_fields; i++)
    {
      double value = dml_field_get (&fields[i], params);

      if (dml_field_get (&fields[i], &self->params) != value)
        {
          dml_field_set (&fields[i], &self->params, value);
          g_object_notify_by_pspec (G_OBJECT (self), properties[N_FIXED_PROPS + i]);
          hardware_changed |= fields[i].group == DML_GROUP_HARDWARE;
        }
    }

  /* The uncertainty ranges have no panel, but they are the design's too:
   * a file's ranges survive open, edit, undo and save. */
  dml_params_copy_uncertainty (&self->params, params);

  if (hardware_changed)
    sync_preset (self);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
dml_design_apply_preset (DmlDesign   *self,
                         const char  *id,
                         GError     **error)
{
  const DmlPreset *preset;
  DmlParams params;

  g_return_val_if_fail (DML_IS_DESIGN (self), FALSE);

  preset = dml_preset_lookup (id);
  if (preset == NULL)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_NOT_FOUND,
                   _("There is no hardware preset “%s”; `dmlimits-cli presets` lists them"), id);
      return FALSE;
    }

  params = self->params;
  dml_preset_apply (preset, &params);
  g_object_freeze_notify (G_OBJECT (self));
  dml_design_set_params (self, &params);
  dml_design_set_preset (self, id);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/* A name for @design as @origin changed: "Paper baseline (H100, 3
 * months) — NVIDIA GB200 NVL72, Training duration 182.6 days". New
 * hardware is named by its preset where it has one; at most two changes
 * are spelled out. @origin's own name when nothing differs. */
char *
dml_design_derive_name (DmlDesign *origin,
                        DmlDesign *design)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const DmlPreset *preset = NULL;
  const DmlField *fields;
  g_autofree char *joined = NULL;
  guint n_fields, n_changes = 0;

  g_return_val_if_fail (DML_IS_DESIGN (origin), NULL);
  g_return_val_if_fail (DML_IS_DESIGN (design), NULL);

  if (design->preset != NULL && g_strcmp0 (design->preset, origin->preset) != 0)
    preset = dml_preset_lookup (design->preset);
  if (preset != NULL)
    {
      g_ptr_array_add (parts, g_strdup (preset->name));
      n_changes++;
    }

  fields = dml_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      double value = dml_field_get (&fields[i], &design->params);

      if (value == dml_field_get (&fields[i], &origin->params) ||
          (preset != NULL && fields[i].group == DML_GROUP_HARDWARE))
        continue;

      if (++n_changes > 2)
        continue;
      if (fields[i].kind == DML_FIELD_BOOLEAN)
        /* TRANSLATORS: a switched input in a design's name, e.g. "Pipeline parallelism off" */
        g_ptr_array_add (parts, g_strdup_printf (value != 0 ? _("%s on") : _("%s off"),
                                                 g_dgettext (GETTEXT_PACKAGE, fields[i].label)));
      else
        {
          g_autofree char *text = dml_field_format (&fields[i], value);

          /* TRANSLATORS: a changed input in a design's name, e.g. "Training duration 182.6 days" */
          g_ptr_array_add (parts, g_strdup_printf (_("%s %s"), g_dgettext (GETTEXT_PACKAGE, fields[i].label), text));
        }
    }

  if (n_changes == 0)
    return g_strdup (origin->name);

  if (n_changes > 2)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more change", "%u more changes",
                                                          n_changes - 2), n_changes - 2));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (_(", "), (char **) parts->pdata);

  /* TRANSLATORS: a design's name, then how it was changed */
  return g_strdup_printf (_("%s — %s"), origin->name, joined);
}

/* What reading the file noticed but did not refuse: unknown keys, each
 * with the nearest known one. Empty for a design not read from a file. */
const char * const *
dml_design_get_warnings (DmlDesign *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (DML_IS_DESIGN (self), NULL);

  return self->warnings != NULL ? (const char * const *) self->warnings : none;
}

gboolean
dml_design_equal (DmlDesign *a,
                  DmlDesign *b)
{
  g_return_val_if_fail (DML_IS_DESIGN (a), FALSE);
  g_return_val_if_fail (DML_IS_DESIGN (b), FALSE);

  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->notes, b->notes) == 0 &&
         g_strcmp0 (a->preset, b->preset) == 0 &&
         dml_params_equal (&a->params, &b->params) &&
         a->has_run == b->has_run && (!a->has_run || dml_run_equal (&a->run, &b->run)) &&
         dml_calibration_equal (&a->calibration, &b->calibration);
}

/* The design's given run, if it has one (its "model" and "layout"). */
gboolean
dml_design_get_run (DmlDesign *self,
                    DmlRun    *run)
{
  g_return_val_if_fail (DML_IS_DESIGN (self), FALSE);

  if (run != NULL)
    *run = self->run;
  return self->has_run;
}

/* Sets the given run, or removes it with NULL. */
void
dml_design_set_run (DmlDesign    *self,
                    const DmlRun *run)
{
  g_return_if_fail (DML_IS_DESIGN (self));

  if (run == NULL ? !self->has_run : self->has_run && dml_run_equal (&self->run, run))
    return;
  self->has_run = run != NULL;
  if (run != NULL)
    self->run = *run;
  else
    dml_run_init (&self->run);
  g_signal_emit (self, signals[RUN_CHANGED], 0);
}

/* Evaluates the design's run, if it has one, on its hardware with the
 * efficiencies of its preset's generation and its layout's software
 * stack, Megatron-Core unless it names another (docs/calibration.md); @with_best: also the best layout on the same
 * GPUs that fits (have_best is FALSE when none does). FALSE without a
 * run, and FALSE with @error set when its figures are not finite
 * numbers. */
gboolean
dml_design_evaluate_run (DmlDesign    *self,
                         gboolean      with_best,
                         DmlGivenRun  *given,
                         GError      **error)
{
  const DmlGpuGeneration *generation;
  DmlRunEfficiency efficiency;

  g_return_val_if_fail (DML_IS_DESIGN (self), FALSE);

  *given = (DmlGivenRun) { .run = self->run };
  if (!self->has_run)
    return FALSE;
  generation = dml_calibration_apply (&self->calibration, self->preset, &efficiency);
  given->calibration = generation->name;
  given->calibration_own = !dml_calibration_is_empty (&self->calibration);
  dml_run_stack (&given->run, &efficiency);
  given->peak = dml_run_peak (&given->run, &self->params, self->preset);
  if (!dml_run_evaluate_finite (&given->run, &self->params, given->peak, &efficiency, &given->result, error))
    return FALSE;
  if (with_best)
    given->have_best = dml_run_best_layout (&given->run, &self->params, given->peak, &efficiency, &given->best,
                                            &given->best_result) &&
                       dml_run_result_is_finite (&given->best_result);
  return TRUE;
}
