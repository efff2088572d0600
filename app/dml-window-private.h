/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dml-chart.h"
#include "dml-design.h"
#include "dml-document.h"
#include "dml-job.h"
#include "dml-options-view.h"
#include "dml-run-panel.h"
#include "dml-tornado.h"
#include "dml-window.h"

G_BEGIN_DECLS

enum {
  SUMMARY_PLATEAU,
  SUMMARY_DRAM,
  SUMMARY_NETWORK,
  SUMMARY_LATENCY,
  SUMMARY_WALL,
  SUMMARY_MAX_80,
  SUMMARY_RELIABILITY,  /* shown only where the design loses time to interruptions */
  N_SUMMARY
};

struct _DmlWindow
{
  GtkApplicationWindow parent_instance;

  DmlDocument         *document;
  DmlDesign           *design;  /* the document's, for its whole life */
  GtkEntry            *name_entry;

  /* What to do once unsaved edits are saved or discarded. */
  GFile               *pending_open;
  gboolean             pending_close;

  /* Background work (dml-window-compute.c) */
  DmlJob              *sweep_job;
  DmlJob              *sensitivity_job;
  DmlJob              *bands_job;
  DmlJob              *other_job;   /* the sweep under the other overlap assumption */
  DmlUncertainty      *bands_cache; /* the last bands sampled: shown again while they match the sweep */
  guint                recompute_id;
  gint64               last_edit_us;  /* monotonic time of the last edit */
  guint                n_results;
  gboolean             sensitivity_stale;

  /* Template widgets */
  GtkBox              *sidebar;
  GMenu               *examples_menu;  /* the shipped designs, filled at start */
  GtkToggleButton     *view_utilization;
  char                *view;   /* the view shown: a DmlChartView's id, or "sensitivity" */
  GtkCheckButton      *show_80;
  GtkCheckButton      *show_runs;
  GtkCheckButton      *show_bands;
  GtkCheckButton      *show_other;  /* the other overlap assumption's curve */
  GtkWidget           *bands_box;
  GtkProgressBar      *bands_progress;
  GtkLabel            *bands_label;
  GtkButton           *bands_cancel;
  GtkWidget           *show_menu;
  GtkLabel            *problem;
  GtkLabel            *status;    /* a passing word: "Chart copied" */
  guint                status_id;
  DmlChart            *chart;
  GtkFlowBox          *summary;
  GtkRevealer         *details_revealer;
  GtkLabel            *details;
  GtkGrid             *parts;     /* the pinned point's step and its parts */
  GtkSpinner          *spinner;
  GtkStack            *plots;
  DmlTornado          *tornado;
  GtkDropDown         *rank_by;
  GtkEntry            *factor;
  GtkEntry            *sensitivity_at;
  DmlOptionsView      *options_view;
  GtkWidget           *view_switcher;

  GtkWidget           *run_panel;
  GtkLabel            *summary_values[N_SUMMARY];
  GtkWidget           *panels[DML_N_GROUPS];
};

/* Shared by dml-window.c and dml-window-actions.c. */
void       _dml_window_add_recent         (GFile          *file);
void       _dml_window_request_open       (DmlWindow      *self,
                                           GFile          *file);
void       _dml_window_class_init_actions (GtkWidgetClass *widget_class);
void       _dml_window_init_actions       (DmlWindow      *self);
void       _dml_window_show_problem       (DmlWindow      *self,
                                           const char     *problem);

/* dml-window-summary.c */
void       _dml_window_build_summary      (DmlWindow      *self);
void       _dml_window_update_summary     (DmlWindow      *self,
                                           const DmlSweep *sweep);
void       _dml_window_update_details     (DmlWindow      *self);

/* dml-window-compute.c */
void       _dml_window_init_compute          (DmlWindow *self);
void       _dml_window_class_init_compute    (GtkWidgetClass *widget_class);
void       _dml_window_dispose_compute       (DmlWindow *self);
void       _dml_window_schedule_recompute    (DmlWindow *self);
void       _dml_window_recompute_sensitivity (DmlWindow *self);

/* For the UI tests. */
DmlDesign *_dml_window_get_design    (DmlWindow  *self);
DmlChart  *_dml_window_get_chart     (DmlWindow  *self);
GtkWidget *_dml_window_get_control   (DmlWindow  *self,
                                      const char *property);
guint      _dml_window_get_n_results (DmlWindow  *self);
gboolean   _dml_window_sensitivity_shown (DmlWindow *self);
gboolean   _dml_window_options_shown     (DmlWindow *self);
void       _dml_window_flash_status   (DmlWindow  *self,
                                       const char *text);
gboolean   _dml_window_refuse_invalid (DmlWindow *self,
                                       const char *primary);
gboolean   _dml_window_is_busy       (DmlWindow  *self);
DmlTornado *_dml_window_get_tornado  (DmlWindow  *self);
void       _dml_window_show_sensitivity (DmlWindow *self);
DmlOptionsView *_dml_window_show_options (DmlWindow *self);
void       _dml_window_take_design   (DmlWindow  *self,
                                      DmlDesign  *design);

DmlRunPanel *_dml_window_get_run_panel   (DmlWindow      *self);
DmlDocument *_dml_window_get_document    (DmlWindow      *self);

G_END_DECLS
