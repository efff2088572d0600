/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkFileChooserNative *dml_file_chooser_new (GtkWindow            *parent,
                                            const char           *title,
                                            GtkFileChooserAction  action,
                                            const char           *accept_label,
                                            GFile                *near);

G_END_DECLS
