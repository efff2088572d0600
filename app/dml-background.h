/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One piece of background work at a time, as GNOME Text Editor runs its
 * statistics: starting it again cancels the run before, whose result is
 * then dropped. Plain data inside a window. */
typedef struct
{
  GCancellable *cancellable;
} DmlBackground;

void     dml_background_run        (DmlBackground       *self,
                                    gpointer             source_object,
                                    GTaskThreadFunc      thread,
                                    gpointer             data,
                                    GDestroyNotify       free_data,
                                    GAsyncReadyCallback  done);
gboolean dml_background_is_current (DmlBackground       *self,
                                    GAsyncResult        *result,
                                    const GError        *error);
void     dml_background_cancel     (DmlBackground       *self);

G_END_DECLS
