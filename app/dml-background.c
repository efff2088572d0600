/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-background"

#include "config.h"

#include "dml-background.h"

/* Cancels what runs now, and runs @thread on @data in a worker thread.
 * The task holds a reference on @source_object until @done has run. */
void
dml_background_run (DmlBackground       *self,
                    gpointer             source_object,
                    GTaskThreadFunc      thread,
                    gpointer             data,
                    GDestroyNotify       free_data,
                    GAsyncReadyCallback  done)
{
  g_autoptr(GTask) task = NULL;

  dml_background_cancel (self);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (source_object, self->cancellable, done, NULL);
  g_task_set_task_data (task, data, free_data);
  g_task_run_in_thread (task, thread);
}

/* Whether @result, finished with @error, is the latest run's and was not
 * cancelled: only then is it worth showing. */
gboolean
dml_background_is_current (DmlBackground *self,
                           GAsyncResult  *result,
                           const GError  *error)
{
  return g_task_get_cancellable (G_TASK (result)) == self->cancellable &&
         !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Cancels what runs now; its result, when it comes, is not current. */
void
dml_background_cancel (DmlBackground *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}
