/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dml-format.h"
#include "dml-job.h"
#include "dml-sensitivity.h"
#include "dml-uncertainty.h"
#include "dml-window-private.h"

/* The window's background work, each a DmlJob: the sweep after each
 * edit, the sensitivity while its view is shown, the uncertainty bands
 * after the sweep, whose progress bar is bound to its job, and the sweep
 * under the other overlap assumption. The
 * window itself is in dml-window.c. */

#define RECOMPUTE_DELAY_MS 100
#define BANDS_SAMPLES      1000

typedef struct
{
  DmlParams params;
  double    factor;
  double    at_flop;
} SensitivityInput;

static gpointer
sweep_func (gpointer       data,
            gpointer       progress,
            GCancellable  *cancellable,
            GError       **error)
{
  return dml_sweep_new (data, cancellable, error);
}

static gpointer
sensitivity_func (gpointer       data,
                  gpointer       progress,
                  GCancellable  *cancellable,
                  GError       **error)
{
  SensitivityInput *input = data;

  return dml_sensitivity_new (&input->params, input->factor, input->at_flop, cancellable, error);
}

static gpointer
bands_func (gpointer       data,
            gpointer       progress,
            GCancellable  *cancellable,
            GError       **error)
{
  return dml_uncertainty_new_full (data, BANDS_SAMPLES, 1, 0, cancellable, NULL, dml_job_step, progress, error);
}

/* The spinner turns while an edit waits for its sweep, and while the
 * sweep or the sensitivity computes. */
static void
update_spinner (DmlWindow *self)
{
  gtk_spinner_set_spinning (self->spinner, _dml_window_is_busy (self));
}

static void
bands_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DmlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmlUncertainty) uncertainty = dml_job_run_finish (DML_JOB (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (uncertainty == NULL)
    {
      _dml_window_show_problem (self, error->message);
      return;
    }
  /* Kept after the bands are switched off: switched on again on the same
   * design, they come back without sampling 1000 designs again. */
  g_clear_pointer (&self->bands_cache, dml_uncertainty_unref);
  self->bands_cache = dml_uncertainty_ref (uncertainty);
  dml_chart_set_uncertainty (self->chart, uncertainty);
}

/* Samples the design shown, unless its bands are there already or not
 * asked for. A newer sweep starts them again; the old bands stay hidden
 * until then (the chart draws only bands of its own sweep). */
static void
start_bands (DmlWindow *self)
{
  DmlSweep *sweep = dml_chart_get_sweep (self->chart);

  if (!gtk_check_button_get_active (self->show_bands) || sweep == NULL ||
      dml_uncertainty_matches (dml_chart_get_uncertainty (self->chart), sweep))
    return;
  if (dml_uncertainty_matches (self->bands_cache, sweep))
    {
      dml_job_cancel (self->bands_job);
      dml_chart_set_uncertainty (self->chart, self->bands_cache);
      return;
    }

  dml_job_run_async (self->bands_job, g_memdup2 (&sweep->params, sizeof sweep->params), g_free, BANDS_SAMPLES,
                     bands_done_cb, g_object_ref (self));
}

static void
bands_fraction_cb (DmlWindow *self)
{
  g_autofree char *text = NULL;

  /* TRANSLATORS: progress of the uncertainty samples */
  text = g_strdup_printf (_("Uncertainty: %d of %d samples"), (int) dml_job_get_done (self->bands_job),
                          BANDS_SAMPLES);
  gtk_label_set_text (self->bands_label, text);
}

static void
show_bands_cb (DmlWindow *self)
{
  if (gtk_check_button_get_active (self->show_bands))
    start_bands (self);
  else
    {
      dml_job_cancel (self->bands_job);
      dml_chart_set_uncertainty (self->chart, NULL);
    }
}

static void
bands_cancel_cb (DmlWindow *self)
{
  gtk_check_button_set_active (self->show_bands, FALSE);
}

/* Whether @other is @sweep's design under the other overlap assumption. */
static gboolean
other_matches (const DmlSweep *other,
               const DmlSweep *sweep)
{
  DmlParams flipped;

  if (other == NULL || sweep == NULL)
    return FALSE;
  flipped = sweep->params;
  flipped.overlap = flipped.overlap == DML_OVERLAP_PAPER ? DML_OVERLAP_PRACTICE : DML_OVERLAP_PAPER;
  return dml_params_equal (&flipped, &other->params);
}

static void
other_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DmlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmlSweep) other = dml_job_run_finish (DML_JOB (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (other == NULL)
    {
      _dml_window_show_problem (self, error->message);
      return;
    }
  if (other_matches (other, dml_chart_get_sweep (self->chart)))
    dml_chart_set_other (self->chart, other);
}

/* Sweeps the design shown under the other overlap assumption (Show ▸
 * Other overlap assumption), unless it is there already. A curve of
 * the design before the last edit is taken down at once. */
static void
start_other (DmlWindow *self)
{
  DmlSweep *sweep = dml_chart_get_sweep (self->chart);
  DmlParams *params;

  if (!gtk_check_button_get_active (self->show_other) || sweep == NULL ||
      other_matches (dml_chart_get_other (self->chart), sweep))
    return;

  dml_chart_set_other (self->chart, NULL);
  params = g_memdup2 (&sweep->params, sizeof sweep->params);
  params->overlap = params->overlap == DML_OVERLAP_PAPER ? DML_OVERLAP_PRACTICE : DML_OVERLAP_PAPER;
  dml_job_run_async (self->other_job, params, g_free, 0, other_done_cb, g_object_ref (self));
}

static void
show_other_cb (DmlWindow *self)
{
  if (gtk_check_button_get_active (self->show_other))
    start_other (self);
  else
    {
      dml_job_cancel (self->other_job);
      dml_chart_set_other (self->chart, NULL);
    }
}

static void
sweep_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DmlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DmlSweep) sweep = dml_job_run_finish (DML_JOB (object), result, &error);

  /* A newer edit has started another sweep: this one is stale. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (sweep == NULL)
    {
      _dml_window_show_problem (self, error->message);
      return;
    }

  _dml_window_show_problem (self, NULL);
  self->n_results++;
  dml_chart_set_sweep (self->chart, sweep);
  _dml_window_update_summary (self, sweep);
  _dml_window_update_details (self);
  start_bands (self);
  start_other (self);
}

static void
sensitivity_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(DmlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  DmlSensitivity *sensitivity = dml_job_run_finish (DML_JOB (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (sensitivity == NULL)
    {
      _dml_window_show_problem (self, error->message);
      return;
    }

  dml_tornado_set_sensitivity (self->tornado, sensitivity);
}

static void
mark_entry (GtkEditable *entry,
            const char  *problem)
{
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), problem);
}

/* Only while its view is shown: a sweep per lever is not free. */
void
_dml_window_recompute_sensitivity (DmlWindow *self)
{
  g_autoptr(GError) error = NULL;
  SensitivityInput *input;
  double factor, at;

  if (!_dml_window_sensitivity_shown (self))
    {
      self->sensitivity_stale = TRUE;
      return;
    }

  if (!dml_parse_quantity (gtk_editable_get_text (GTK_EDITABLE (self->factor)), "", &factor, &error) ||
      !(factor > 1 && factor <= 1000))
    {
      mark_entry (GTK_EDITABLE (self->factor), _("Give a factor above 1, such as 2"));
      return;
    }
  mark_entry (GTK_EDITABLE (self->factor), NULL);
  g_clear_error (&error);

  if (!dml_parse_quantity (gtk_editable_get_text (GTK_EDITABLE (self->sensitivity_at)), "FLOP", &at, &error) ||
      !(at >= 1 && at <= 1e50))
    {
      mark_entry (GTK_EDITABLE (self->sensitivity_at), _("Give a training compute, such as 1e29"));
      return;
    }
  mark_entry (GTK_EDITABLE (self->sensitivity_at), NULL);

  self->sensitivity_stale = FALSE;

  input = g_new0 (SensitivityInput, 1);
  dml_design_get_params (self->design, &input->params);
  input->factor = factor;
  input->at_flop = at;
  dml_job_run_async (self->sensitivity_job, input, g_free, 0, sensitivity_done_cb, g_object_ref (self));
}

static gboolean
recompute_cb (gpointer user_data)
{
  DmlWindow *self = user_data;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  DmlParams *params;

  self->recompute_id = 0;

  params = g_new (DmlParams, 1);
  dml_design_get_params (self->design, params);
  if (!dml_params_validate (params, problems))
    {
      g_autofree char *message = g_strdup_printf (_("Not recomputed: %s"), (char *) problems->pdata[0]);

      _dml_window_show_problem (self, message);
      dml_job_cancel (self->sweep_job);
      update_spinner (self);
      g_free (params);
      return G_SOURCE_REMOVE;
    }

  dml_options_view_set_params (self->options_view, params);
  dml_job_run_async (self->sweep_job, params, g_free, 0, sweep_done_cb, g_object_ref (self));
  update_spinner (self);
  _dml_window_recompute_sensitivity (self);

  return G_SOURCE_REMOVE;
}

/* The first edit after a quiet spell recomputes at once; edits that
 * follow it within RECOMPUTE_DELAY_MS are gathered into one more sweep
 * after the typing stops. A sweep takes about 20 ms, so each keystroke
 * of a slow typist is answered at once, and a fast one costs two sweeps,
 * not one per key. */
void
_dml_window_schedule_recompute (DmlWindow *self)
{
  gint64 now = g_get_monotonic_time ();
  gboolean quiet = self->recompute_id == 0 && !dml_job_get_busy (self->sweep_job) &&
                   now - self->last_edit_us > RECOMPUTE_DELAY_MS * 1000;

  self->last_edit_us = now;
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  if (quiet)
    recompute_cb (self);
  else
    self->recompute_id = g_timeout_add (RECOMPUTE_DELAY_MS, recompute_cb, self);
  update_spinner (self);
}

gboolean
_dml_window_is_busy (DmlWindow *self)
{
  return self->recompute_id != 0 || dml_job_get_busy (self->sweep_job) || dml_job_get_busy (self->sensitivity_job) ||
         (_dml_window_options_shown (self) && dml_options_view_get_busy (self->options_view));
}

/* The jobs, and what shows them: the spinner follows the sweep and the
 * sensitivity; the bands' box, bar and label follow theirs. */
void
_dml_window_init_compute (DmlWindow *self)
{
  self->sweep_job = dml_job_new (sweep_func, (GDestroyNotify) dml_sweep_unref);
  self->sensitivity_job = dml_job_new (sensitivity_func, (GDestroyNotify) dml_sensitivity_free);
  self->bands_job = dml_job_new (bands_func, (GDestroyNotify) dml_uncertainty_unref);
  self->other_job = dml_job_new (sweep_func, (GDestroyNotify) dml_sweep_unref);

  g_signal_connect_object (self->sweep_job, "notify::busy", G_CALLBACK (update_spinner), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sensitivity_job, "notify::busy", G_CALLBACK (update_spinner), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->bands_job, "busy", self->bands_box, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->bands_job, "fraction", self->bands_progress, "fraction", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->bands_job, "notify::fraction", G_CALLBACK (bands_fraction_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bands_job, "notify::busy", G_CALLBACK (bands_fraction_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->show_bands, "notify::active", G_CALLBACK (show_bands_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bands_cancel, "clicked", G_CALLBACK (bands_cancel_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->show_other, "notify::active", G_CALLBACK (show_other_cb), self, G_CONNECT_SWAPPED);
}

/* The template's widgets that this file's work shows. */
void
_dml_window_class_init_compute (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, show_bands);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, bands_box);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, bands_progress);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, bands_label);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, bands_cancel);
  gtk_widget_class_bind_template_child (widget_class, DmlWindow, show_other);
}

static void
cancel_and_clear (DmlJob **job)
{
  if (*job != NULL)
    dml_job_cancel (*job);
  g_clear_object (job);
}

/* Stops all work; results that come after are dropped. */
void
_dml_window_dispose_compute (DmlWindow *self)
{
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  cancel_and_clear (&self->sweep_job);
  cancel_and_clear (&self->sensitivity_job);
  cancel_and_clear (&self->bands_job);
  cancel_and_clear (&self->other_job);
  g_clear_pointer (&self->bands_cache, dml_uncertainty_unref);
}
