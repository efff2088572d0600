/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void dml_show_message (GtkWindow      *parent,
                       GtkMessageType  type,
                       const char     *primary,
                       const char     *secondary);
void dml_show_error   (GtkWindow      *parent,
                       const char     *primary,
                       const char     *secondary);

G_END_DECLS
