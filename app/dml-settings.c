/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-settings"

#include "config.h"

#include "dml-settings.h"

/* The app's settings, or NULL when the schema is not installed (a build
 * tree run without GSETTINGS_SCHEMA_DIR): g_settings_new() would abort
 * then, and nothing here is worth that. */
GSettings *
dml_settings_get (void)
{
  static GSettings *settings;
  static gboolean looked;

  if (!looked)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      looked = TRUE;
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
      if (schema != NULL)
        settings = g_settings_new (APP_ID);
      else
        g_debug ("No settings schema %s: settings are not kept", APP_ID);
    }

  return settings;
}
