/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A control whose text is not applied, as the panels' get_invalid()
 * report it: Save names each by its label and refuses. */
typedef struct
{
  GtkWidget  *control;
  const char *label;    /* translated */
  const char *problem;  /* owned by the panel, valid until its next edit */
} DmlInvalidField;

G_END_DECLS
