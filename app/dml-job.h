/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DML_TYPE_JOB (dml_job_get_type ())

G_DECLARE_FINAL_TYPE (DmlJob, dml_job, DML, JOB, GObject)

/* The work, in a worker thread: a result, or NULL with @error set. Work
 * in pieces passes @progress to dml_job_step() as each is done. */
typedef gpointer (*DmlJobFunc) (gpointer       data,
                                gpointer       progress,
                                GCancellable  *cancellable,
                                GError       **error);

DmlJob   *dml_job_new          (DmlJobFunc           func,
                                GDestroyNotify       free_result);
void      dml_job_run_async    (DmlJob              *self,
                                gpointer             data,
                                GDestroyNotify       free_data,
                                guint                total,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
gpointer  dml_job_run_finish   (DmlJob              *self,
                                GAsyncResult        *result,
                                GError             **error);
void      dml_job_cancel       (DmlJob              *self);
gboolean  dml_job_get_busy     (DmlJob              *self);
double    dml_job_get_fraction (DmlJob              *self);
guint     dml_job_get_done     (DmlJob              *self);
guint     dml_job_get_total    (DmlJob              *self);
void      dml_job_step         (gpointer             progress);

G_END_DECLS
