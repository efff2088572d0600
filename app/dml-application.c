/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-application"

#include "config.h"

#include <glib/gi18n.h>

#include "dml-application.h"
#include "dml-error-dialog.h"
#include "dml-settings.h"
#include "dml-window.h"

struct _DmlApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (DmlApplication, dml_application, GTK_TYPE_APPLICATION)

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Closing each window lets it ask about unsaved edits. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (dml_window_new (GTK_APPLICATION (user_data))));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *authors[] = { "The dmlimits developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_about_dialog (window,
                         "program-name", "dmlimits",
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("How far training can scale before data movement caps utilization.\n"
                                       "After Erdil & Schneider-Joseph, “Data Movement Limits to Frontier Model Training” (Epoch AI, 2024)."),
                         "website", "https://arxiv.org/abs/2411.01137",
                         "website-label", _("The paper"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "new-window", new_window_action },
  { "about", about_action },
};

static void
dml_application_startup (GApplication *app)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (dml_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", (const char *[]) { "<Primary>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window", (const char *[]) { "<Primary>n", NULL });

  gtk_css_provider_load_from_resource (css, "/io/github/dmlimits/DmLimits/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* The last-used design opens again; the paper baseline when there is
 * none, or when it cannot be read any more. */
static void
dml_application_activate (GApplication *app)
{
  DmlWindow *window = dml_window_new (GTK_APPLICATION (app));
  GSettings *settings = dml_settings_get ();
  g_autofree char *last = settings ? g_settings_get_string (settings, "last-design") : NULL;

  if (last != NULL && last[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_uri (last);

      if (g_file_query_exists (file, NULL) && !dml_window_open_file (window, file, NULL))
        g_settings_set_string (settings, "last-design", "");
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
dml_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      DmlWindow *window = dml_window_new (GTK_APPLICATION (app));
      g_autoptr(GError) error = NULL;

      gtk_window_present (GTK_WINDOW (window));
      if (!dml_window_open_file (window, files[i], &error))
        {
          g_autofree char *name = g_file_get_parse_name (files[i]);
          g_autofree char *primary = g_strdup_printf (_("Could not open “%s”"), name);

          dml_show_error (GTK_WINDOW (window), primary, error->message);
        }
    }
}

static void
dml_application_class_init (DmlApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = dml_application_startup;
  app_class->activate = dml_application_activate;
  app_class->open = dml_application_open;
}

static void
dml_application_init (DmlApplication *self)
{
}

DmlApplication *
dml_application_new (void)
{
  return g_object_new (DML_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/dmlimits/DmLimits",
                       NULL);
}
