/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "dml-file-chooser.h"

/* The folder a file was last opened from or saved to, for the session. */
static GFile *last_folder;

static void
remember_folder_cb (GtkNativeDialog *dialog,
                    int              response)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
  if (files == NULL || g_list_model_get_n_items (files) == 0)
    return;

  file = g_list_model_get_item (files, 0);
  g_clear_object (&last_folder);
  last_folder = g_file_get_parent (file);
}

/* A file chooser that starts where the user is likely to want it: beside
 * @near (the design's own file) if given, else where a file was last
 * opened or saved, else in Documents, not in the working directory the
 * app happened to start in. */
GtkFileChooserNative *
dml_file_chooser_new (GtkWindow            *parent,
                      const char           *title,
                      GtkFileChooserAction  action,
                      const char           *accept_label,
                      GFile                *near)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  g_autoptr(GFile) start = NULL;

  if (near != NULL)
    start = g_file_get_parent (near);
  else if (last_folder != NULL)
    start = g_object_ref (last_folder);
  else
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      start = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                   ? documents : g_get_home_dir ());
    }

  if (start != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), start, NULL);

  /* Connected first, so it runs before the caller's handler frees the
   * dialog. */
  g_signal_connect (dialog, "response", G_CALLBACK (remember_folder_cb), NULL);

  return dialog;
}
