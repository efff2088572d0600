/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-error-dialog"

#include "config.h"

#include "dml-error-dialog.h"

/* A modal message over @parent: @primary says what happened ("Could not
 * save “x.json”"), @secondary why, in the error's own words. GTK 4.8 has
 * no GtkAlertDialog; GtkMessageDialog is shown without blocking. */
void
dml_show_message (GtkWindow      *parent,
                  GtkMessageType  type,
                  const char     *primary,
                  const char     *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              type, GTK_BUTTONS_CLOSE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
dml_show_error (GtkWindow  *parent,
                const char *primary,
                const char *secondary)
{
  dml_show_message (parent, GTK_MESSAGE_ERROR, primary, secondary);
}
