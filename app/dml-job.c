/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-job"

#include "config.h"

#include "dml-job.h"

/* One kind of background work (the sweep, the sensitivity, the
 * uncertainty bands, Compare's sweeps), one run at a time, as an
 * _async/_finish pair with "busy" and "fraction" properties that a
 * spinner and a progress bar bind to, as Sysprof's document loader
 * exposes its progress.
 *
 * The pattern of GNOME Text Editor's statistics: starting a run cancels
 * the one before; the inputs are plain data the run owns; the worker
 * checks the cancellable; a run that is no longer the current one
 * finishes with G_IO_ERROR_CANCELLED, whatever it computed. Progress
 * comes from the workers themselves, throttled to each percent, through
 * the main context: nothing polls. */

struct _DmlJob
{
  GObject          parent_instance;

  DmlJobFunc       func;
  GDestroyNotify   free_result;
  struct _Run     *current;
  guint            done;
  guint            total;
};

typedef struct _Run
{
  DmlJob          *job;
  GCancellable    *cancellable;
  GMainContext    *context;
  gpointer         data;
  GDestroyNotify   free_data;
  guint            total;
  int              done;      /* atomically, by the workers */
  int              reported;  /* atomically: the percent last sent to the main context */
} Run;

G_DEFINE_FINAL_TYPE (DmlJob, dml_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
run_clear (gpointer data)
{
  Run *run = data;

  if (run->free_data != NULL)
    run->free_data (run->data);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->job);
  g_main_context_unref (run->context);
}

static Run *
run_ref (Run *run)
{
  return g_atomic_rc_box_acquire (run);
}

static void
run_unref (gpointer run)
{
  g_atomic_rc_box_release_full (run, run_clear);
}

static void
set_done (DmlJob *self,
          guint   done)
{
  double fraction = dml_job_get_fraction (self);

  self->done = done;
  if (fraction != dml_job_get_fraction (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

/* The run the properties describe; NULL: nothing runs. */
static void
set_current (DmlJob *self,
             Run    *run)
{
  gboolean was_busy = self->current != NULL;

  g_clear_pointer (&self->current, run_unref);
  self->current = run;
  if (run != NULL)
    self->total = run->total;
  set_done (self, 0);
  if (was_busy != (run != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
report_cb (gpointer data)
{
  Run *run = data;

  if (run->job->current == run)
    set_done (run->job, (guint) g_atomic_int_get (&run->done));
  return G_SOURCE_REMOVE;
}

static void
thread_func (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DmlJob *self = source_object;
  Run *run = task_data;
  g_autoptr(GError) error = NULL;
  gpointer result;

  result = self->func (run->data, run, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, self->free_result);
}

static void
dml_job_dispose (GObject *object)
{
  DmlJob *self = (DmlJob *) object;

  if (self->current != NULL)
    g_cancellable_cancel (self->current->cancellable);
  g_clear_pointer (&self->current, run_unref);

  G_OBJECT_CLASS (dml_job_parent_class)->dispose (object);
}

static void
dml_job_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DmlJob *self = DML_JOB (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, dml_job_get_busy (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, dml_job_get_fraction (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dml_job_class_init (DmlJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dml_job_dispose;
  object_class->get_property = dml_job_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dml_job_init (DmlJob *self)
{
}

/* A kind of work: @func computes a result that @free_result frees. */
DmlJob *
dml_job_new (DmlJobFunc     func,
             GDestroyNotify free_result)
{
  DmlJob *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (DML_TYPE_JOB, NULL);
  self->func = func;
  self->free_result = free_result;
  return self;
}

/* Cancels the run before, and runs the work on @data, which the run owns,
 * in a worker thread; @total pieces for the fraction, 0 if it has none.
 * The task holds a reference on the job; hold one on whatever @user_data
 * is until @callback has run. */
void
dml_job_run_async (DmlJob              *self,
                   gpointer             data,
                   GDestroyNotify       free_data,
                   guint                total,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (DML_IS_JOB (self));

  /* Still busy: the properties go on to the new run. */
  if (self->current != NULL)
    g_cancellable_cancel (self->current->cancellable);

  run = g_atomic_rc_box_new0 (Run);
  run->job = g_object_ref (self);
  run->cancellable = g_cancellable_new ();
  run->context = g_main_context_ref_thread_default ();
  run->data = data;
  run->free_data = free_data;
  run->total = total;
  set_current (self, run_ref (run));

  task = g_task_new (self, run->cancellable, callback, user_data);
  g_task_set_source_tag (task, dml_job_run_async);
  g_task_set_task_data (task, run, run_unref);
  g_task_run_in_thread (task, thread_func);
}

/* The result of the current run; NULL with G_IO_ERROR_CANCELLED for a
 * run cancelled or started again since, or NULL with the work's error. */
gpointer
dml_job_run_finish (DmlJob        *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  Run *run;

  g_return_val_if_fail (DML_IS_JOB (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  run = g_task_get_task_data (G_TASK (result));
  if (run != self->current)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Superseded");
      return NULL;
    }

  set_current (self, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Stops the current run; its callback gets G_IO_ERROR_CANCELLED. */
void
dml_job_cancel (DmlJob *self)
{
  g_return_if_fail (DML_IS_JOB (self));

  if (self->current == NULL)
    return;

  g_cancellable_cancel (self->current->cancellable);
  set_current (self, NULL);
}

gboolean
dml_job_get_busy (DmlJob *self)
{
  g_return_val_if_fail (DML_IS_JOB (self), FALSE);
  return self->current != NULL;
}

/* The share of the current run's pieces done; 0 for work without pieces. */
double
dml_job_get_fraction (DmlJob *self)
{
  g_return_val_if_fail (DML_IS_JOB (self), 0);
  return self->total > 0 ? MIN (1.0, (double) self->done / self->total) : 0;
}

guint
dml_job_get_done (DmlJob *self)
{
  g_return_val_if_fail (DML_IS_JOB (self), 0);
  return self->done;
}

guint
dml_job_get_total (DmlJob *self)
{
  g_return_val_if_fail (DML_IS_JOB (self), 0);
  return self->total;
}

/* From a worker: one more piece of @progress's run is done. The main
 * context hears of it once per percent. */
void
dml_job_step (gpointer progress)
{
  Run *run = progress;
  int done = g_atomic_int_add (&run->done, 1) + 1;
  int percent = run->total > 0 ? (int) ((gint64) done * 100 / run->total) : 0;
  int reported = g_atomic_int_get (&run->reported);

  if (percent > reported && g_atomic_int_compare_and_exchange (&run->reported, reported, percent))
    g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, report_cb, run_ref (run), run_unref);
}
