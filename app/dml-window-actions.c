/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dml-compare-window.h"
#include "dml-error-dialog.h"
#include "dml-file-chooser.h"
#include "dml-export-dialog.h"
#include "dml-file.h"
#include "dml-help-window.h"
#include "dml-param-panel.h"
#include "dml-report.h"
#include "dml-settings.h"
#include "dml-window-private.h"

/* Fields whose text is not applied, the Run panel's too: saving now
 * would write values the user no longer sees. Names each by its label,
 * with its text and why, and puts the cursor in the first. */
gboolean
_dml_window_refuse_invalid (DmlWindow  *self,
                            const char *primary)
{
  g_autoptr(GArray) invalid = g_array_new (FALSE, FALSE, sizeof (DmlInvalidField));
  g_autoptr(GString) secondary = g_string_new (NULL);

  for (guint i = 0; i < DML_N_GROUPS; i++)
    dml_param_panel_get_invalid (DML_PARAM_PANEL (self->panels[i]), invalid);
  dml_run_panel_get_invalid (DML_RUN_PANEL (self->run_panel), invalid);
  if (invalid->len == 0)
    return FALSE;

  for (guint i = 0; i < invalid->len; i++)
    {
      const DmlInvalidField *field = &g_array_index (invalid, DmlInvalidField, i);

      if (GTK_IS_EDITABLE (field->control))
        /* TRANSLATORS: a field that is not applied: its label, its text and why */
        g_string_append_printf (secondary, _("%s (“%s”): %s"), field->label,
                                gtk_editable_get_text (GTK_EDITABLE (field->control)), field->problem);
      else
        /* TRANSLATORS: a field that is not applied: its label and why */
        g_string_append_printf (secondary, _("%s: %s"), field->label, field->problem);
      g_string_append_c (secondary, '\n');
    }
  g_string_append_c (secondary, '\n');
  g_string_append (secondary, g_dngettext (GETTEXT_PACKAGE, "Correct the field, then try again.",
                                           "Correct the fields, then try again.", invalid->len));

  /* Unfold the section that holds the field, if folded. */
  for (GtkWidget *w = g_array_index (invalid, DmlInvalidField, 0).control; w != NULL; w = gtk_widget_get_parent (w))
    gtk_widget_set_visible (w, TRUE);
  gtk_widget_grab_focus (g_array_index (invalid, DmlInvalidField, 0).control);
  dml_show_error (GTK_WINDOW (self), primary, secondary->str);
  return TRUE;
}


/* The window's actions: files (open, save, drop, asking before edits are
 * lost), exports, copy, undo, help and compare. The window itself, its
 * panels and the background recompute are in dml-window.c. */

static void continue_pending (DmlWindow *self);
static void save_action      (GtkWidget *widget, const char *action_name, GVariant *parameter);

/* Recent files, and the design to open at the next start. */
void
_dml_window_add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GSettings *settings = dml_settings_get ();

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  if (settings != NULL)
    g_settings_set_string (settings, "last-design", uri);
}

static void
save_window_size (DmlWindow *self)
{
  GSettings *settings = dml_settings_get ();
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

static char *
file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

static gboolean
save_to (DmlWindow *self,
         GFile     *file)
{
  g_autoptr(GError) error = NULL;

  if (!dml_document_save (self->document, file, &error))
    {
      g_autofree char *name = file_display_name (file);
      g_autofree char *primary = g_strdup_printf (_("Could not save “%s”"), name);

      dml_show_error (GTK_WINDOW (self), primary, error->message);
      return FALSE;
    }

  _dml_window_add_recent (file);
  continue_pending (self);
  return TRUE;
}

static void
open_now (DmlWindow *self,
          GFile     *file)
{
  g_autoptr(GError) error = NULL;

  if (!dml_window_open_file (self, file, &error))
    {
      g_autofree char *name = file_display_name (file);
      g_autofree char *primary = g_strdup_printf (_("Could not open “%s”"), name);

      dml_show_error (GTK_WINDOW (self), primary, error->message);
    }
}

static void
confirm_response_cb (GtkDialog *dialog,
                     int        response,
                     DmlWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));

  switch (response)
    {
    case GTK_RESPONSE_ACCEPT: /* save first */
      save_action (GTK_WIDGET (self), "win.save", NULL);
      break;
    case GTK_RESPONSE_REJECT: /* discard */
      continue_pending (self);
      break;
    default:
      g_clear_object (&self->pending_open);
      self->pending_close = FALSE;
      break;
    }
}

/* Unsaved edits: ask before they are lost. */
static void
confirm_discard (DmlWindow *self)
{
  GtkWidget *dialog;
  GtkWidget *discard;

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Save changes to “%s”?"), dml_design_get_name (self->design));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            self->pending_close
                                              ? _("If you close without saving, your changes are lost.")
                                              : _("If you open another design without saving, your changes are lost."));
  discard = gtk_dialog_add_button (GTK_DIALOG (dialog),
                                   self->pending_close ? _("Close _Without Saving") : _("_Discard Changes"),
                                   GTK_RESPONSE_REJECT);
  gtk_widget_add_css_class (discard, "destructive-action");
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_widget_add_css_class (gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Save"), GTK_RESPONSE_ACCEPT),
                            "suggested-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
continue_pending (DmlWindow *self)
{
  if (self->pending_open != NULL)
    {
      g_autoptr(GFile) file = g_steal_pointer (&self->pending_open);

      open_now (self, file);
    }
  else if (self->pending_close)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Opens @file as the Open dialog and a drop do: asking first about
 * unsaved edits, then showing any error or warning. */
void
_dml_window_request_open (DmlWindow *self,
                          GFile     *file)
{
  g_set_object (&self->pending_open, file);
  self->pending_close = FALSE;

  if (dml_document_get_dirty (self->document))
    confirm_discard (self);
  else
    continue_pending (self);
}

static gboolean
close_request_cb (GtkWindow *window)
{
  DmlWindow *self = DML_WINDOW (window);

  save_window_size (self);
  if (!dml_document_get_dirty (self->document))
    return FALSE;

  g_clear_object (&self->pending_open);
  self->pending_close = TRUE;
  confirm_discard (self);
  return TRUE;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         DmlWindow     *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;

  _dml_window_request_open (self, g_value_get_object (value));
  return TRUE;
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  DmlWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      _dml_window_request_open (self, file);
    }

  g_object_unref (dialog);
}

static void
add_json_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Designs (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_chooser_add_filter (chooser, filter);
}

/* A shipped design in a new window, unsaved: this window's design and its
 * edits stay as they are. */
static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(DmlDesign) design = dml_design_new_shipped (g_variant_get_string (parameter, NULL), NULL);
  DmlWindow *window;

  if (design == NULL)
    return;
  window = dml_window_new (gtk_window_get_application (GTK_WINDOW (widget)));
  _dml_window_take_design (window, design);
  gtk_window_present (GTK_WINDOW (window));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DmlWindow *self = DML_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = dml_file_chooser_new (GTK_WINDOW (self), _("Open Design"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                 dml_document_get_file (self->document));
  add_json_filter (GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     DmlWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      save_to (self, file);
    }
  else
    {
      g_clear_object (&self->pending_open);
      self->pending_close = FALSE;
    }

  g_object_unref (dialog);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  if (_dml_window_refuse_invalid (DML_WINDOW (widget), _("Could not save")))
    return;

  DmlWindow *self = DML_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = g_strdup_printf ("%s.json", dml_design_get_name (self->design));

  dialog = dml_file_chooser_new (GTK_WINDOW (self), _("Save Design"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                 dml_document_get_file (self->document));
  add_json_filter (GTK_FILE_CHOOSER (dialog));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DmlWindow *self = DML_WINDOW (widget);

  if (_dml_window_refuse_invalid (self, _("Could not save")))
    return;

  if (dml_document_get_file (self->document) == NULL)
    save_as_action (widget, action_name, parameter);
  else
    save_to (self, dml_document_get_file (self->document));
}

static void
export_csv_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        DmlWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      DmlSweep *sweep = dml_chart_get_sweep (self->chart);
      g_autofree char *text = sweep ? dml_report_csv (sweep) : g_strdup ("");

      if (!dml_file_check_regular (file, &error) || !dml_file_replace (file, text, strlen (text), &error))
        {
          g_autofree char *name = file_display_name (file);
          g_autofree char *primary = g_strdup_printf (_("Could not export “%s”"), name);

          dml_show_error (GTK_WINDOW (self), primary, error->message);
        }
    }

  g_object_unref (dialog);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DmlWindow *self = DML_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = g_strdup_printf ("%s.csv", dml_design_get_name (self->design));

  dialog = dml_file_chooser_new (GTK_WINDOW (self), _("Export Sweep as CSV"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Export"), dml_document_get_file (self->document));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_csv_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
chart_spec (DmlWindow    *self,
            DmlChartSpec *spec)
{
  *spec = (DmlChartSpec) { dml_chart_get_view (self->chart), dml_chart_get_sweep (self->chart), NULL, NULL,
                           dml_chart_get_show_max_at_80 (self->chart), -1, -1 };
  spec->show_runs = dml_chart_get_show_runs (self->chart);
  spec->uncertainty = dml_chart_get_uncertainty (self->chart);
  spec->other = dml_chart_get_other (self->chart);
  dml_chart_get_given_run (self->chart, &spec->run_flop, &spec->run_mfu, &spec->run_label);
  spec->run_exceeds_memory = !dml_chart_get_given_run_fits (self->chart);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DmlWindow *self = DML_WINDOW (widget);
  DmlChartSpec spec;

  /* What is shown is what is exported: the tornado on its view, the
   * chart of cost by offering on the Options view. */
  if (_dml_window_options_shown (self))
    {
      DmlOptionsChartSpec options;
      g_autofree char *title = NULL;

      if (!dml_options_view_chart_spec (self->options_view, &options))
        return;
      title = dml_options_chart_title (options.curves);
      gtk_window_present (GTK_WINDOW (dml_export_dialog_new_for_options (GTK_WINDOW (self), &options, title)));
      return;
    }
  if (_dml_window_sensitivity_shown (self))
    {
      g_autofree char *title = NULL;

      if (dml_tornado_get_sensitivity (self->tornado) == NULL)
        return;
      title = g_strdup_printf (_("%s: each lever %g× better"), dml_design_get_name (self->design),
                               dml_tornado_get_sensitivity (self->tornado)->factor);
      gtk_window_present (GTK_WINDOW (dml_export_dialog_new_for_tornado (GTK_WINDOW (self), self->tornado, title)));
      return;
    }

  chart_spec (self, &spec);
  if (spec.sweep == NULL)
    return;

  gtk_window_present (GTK_WINDOW (dml_export_dialog_new (GTK_WINDOW (self), &spec,
                                                         dml_design_get_name (self->design))));
}

/* A 1920×1080 PNG of the chart, light, with slide-sized text, on the
 * clipboard for slides. */
static void
copy_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DmlWindow *self = DML_WINDOW (widget);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  DmlChartStyle style;
  DmlChartSpec spec;

  chart_spec (self, &spec);
  if (spec.sweep == NULL)
    return;
  spec.title = dml_design_get_name (self->design);
  spec.marker_values = TRUE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cr = cairo_create (surface);
  dml_chart_style_init (&style, FALSE);
  style.font_scale = DML_CHART_SLIDE_TEXT_SCALE;
  dml_chart_render (cr, 1920, 1080, &style, &spec, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       cairo_image_surface_get_stride (surface) * 1080);
  texture = gdk_memory_texture_new (1920, 1080, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  cairo_surface_destroy (surface);
  /* Short, so that it is never cut off beside the view switcher. */
  _dml_window_flash_status (self, _("Chart copied"));
}

/* In a field too (see _dml_window_init_actions()): undoes the design,
 * with the edit still in the field as the step it undoes. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dml_document_undo (DML_WINDOW (widget)->document);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  dml_document_redo (DML_WINDOW (widget)->document);
}

static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_window_present (dml_help_window_new (GTK_WINDOW (widget)));
}

static void
unpin_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  dml_chart_set_pinned (DML_WINDOW (widget)->chart, -1);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DmlWindow *self = DML_WINDOW (widget);
  DmlCompareWindow *compare = dml_compare_window_new (GTK_WINDOW (self));

  dml_compare_window_add_design (compare, self->design);
  gtk_window_present (GTK_WINDOW (compare));
}

void
_dml_window_class_init_actions (GtkWidgetClass *widget_class)
{
  GTK_WINDOW_CLASS (widget_class)->close_request = close_request_cb;

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", "s", open_example_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.copy-chart", NULL, copy_chart_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.unpin", NULL, unpin_action);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-chart", NULL);
}

void
_dml_window_init_actions (DmlWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  GtkEventController *shortcuts;

  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  /* Ctrl+Z and Ctrl+Shift+Z undo and redo the design wherever the focus
   * is. In the capture phase, before a field sees the key: GtkText's own
   * undo takes it even with its history off, and would put back
   * half-typed text, which the panel would apply. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.undo")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z,
                                                                                  GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.redo")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}
