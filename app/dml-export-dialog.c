/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dml-chart-export.h"
#include "dml-error-dialog.h"
#include "dml-file-chooser.h"
#include "dml-export-dialog.h"
#include "dml-file.h"
#include "dml-settings.h"
#include "dml-tornado.h"

/* Options for a chart destined for slides, then a file chooser. The
 * dialog keeps its own references to the sweeps it draws. */
struct _DmlExportDialog
{
  GtkWindow       parent_instance;

  DmlChartSpec    spec;
  GPtrArray      *sweeps;
  GPtrArray      *names;
  DmlTornado     *tornado;  /* exporting the Sensitivity view instead */
  DmlOptions      *options; /* exporting the Options view's chart instead */
  DmlOptionCurves *curves;
  char            *selected;

  GtkEntry       *title;
  GtkEntry       *subtitle;
  GtkDropDown    *format;
  GtkDropDown    *size;
  GtkSpinButton  *width;
  GtkSpinButton  *height;
  GtkDropDown    *scale;
  GtkDropDown    *theme;
  GtkDropDown    *text_size;
  GtkCheckButton *transparent;
  GtkCheckButton *takeaway;
};

G_DEFINE_FINAL_TYPE (DmlExportDialog, dml_export_dialog, GTK_TYPE_WINDOW)

static const char *extensions[] = { "png", "svg", "pdf" };
static const int sizes[][2] = { { 1920, 1080 }, { 1280, 720 } };

/* Most exports look like the last one: the choices are kept in the
 * settings, or for the session when there are none. */
static guint last_format, last_size, last_scale, last_theme, last_text_size;
static int last_width = 1920, last_height = 1080;
static gboolean last_transparent, last_takeaway = TRUE;
static char *last_subtitle;

/* The settings' choices, in the order of the drop-downs' items. */
static const char * const format_ids[] = { "png", "svg", "pdf", NULL };
static const char * const size_ids[] = { "1920x1080", "1280x720", "custom", NULL };
static const char * const scale_ids[] = { "1", "2", NULL };
static const char * const theme_ids[] = { "light", "dark", NULL };
static const char * const text_size_ids[] = { "slide", "document", NULL };

static guint
get_choice (GSettings          *settings,
            const char         *key,
            const char * const *ids)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], value))
      return i;

  return 0;
}

static void
load_choices (void)
{
  GSettings *settings = dml_settings_get ();

  if (settings == NULL)
    return;

  last_format = get_choice (settings, "export-format", format_ids);
  last_size = get_choice (settings, "export-size", size_ids);
  last_width = g_settings_get_int (settings, "export-width");
  last_height = g_settings_get_int (settings, "export-height");
  last_scale = get_choice (settings, "export-scale", scale_ids);
  last_theme = get_choice (settings, "export-theme", theme_ids);
  last_transparent = g_settings_get_boolean (settings, "export-transparent");
  last_text_size = get_choice (settings, "export-text-size", text_size_ids);
  g_free (last_subtitle);
  last_subtitle = g_settings_get_string (settings, "export-subtitle");
  last_takeaway = g_settings_get_boolean (settings, "export-takeaway");
}

static void
save_choices (void)
{
  GSettings *settings = dml_settings_get ();

  if (settings == NULL)
    return;

  g_settings_set_string (settings, "export-format", format_ids[last_format]);
  g_settings_set_string (settings, "export-size", size_ids[last_size]);
  g_settings_set_int (settings, "export-width", last_width);
  g_settings_set_int (settings, "export-height", last_height);
  g_settings_set_string (settings, "export-scale", scale_ids[last_scale]);
  g_settings_set_string (settings, "export-theme", theme_ids[last_theme]);
  g_settings_set_boolean (settings, "export-transparent", last_transparent);
  g_settings_set_string (settings, "export-text-size", text_size_ids[last_text_size]);
  g_settings_set_string (settings, "export-subtitle", last_subtitle != NULL ? last_subtitle : "");
  g_settings_set_boolean (settings, "export-takeaway", last_takeaway);
}

static void
size_changed_cb (DmlExportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->size);
  gboolean custom = selected >= G_N_ELEMENTS (sizes);

  gtk_widget_set_sensitive (GTK_WIDGET (self->width), custom);
  gtk_widget_set_sensitive (GTK_WIDGET (self->height), custom);
  if (!custom)
    {
      gtk_spin_button_set_value (self->width, sizes[selected][0]);
      gtk_spin_button_set_value (self->height, sizes[selected][1]);
    }
}

static void
format_changed_cb (DmlExportDialog *self)
{
  /* Scale only means something for pixels. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale), gtk_drop_down_get_selected (self->format) == DML_EXPORT_PNG);
}

static void
show_error (DmlExportDialog *self,
            GFile           *file,
            GError          *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *primary = g_strdup_printf (_("Could not export “%s”"), name);

  dml_show_error (gtk_window_get_transient_for (GTK_WINDOW (self)), primary, error->message);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     DmlExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      DmlExportFormat format = gtk_drop_down_get_selected (self->format);
      DmlChartStyle style;
      DmlChartSpec spec = self->spec;

      /* The file's extension wins over the choice in the dialog. */
      if (path != NULL)
        dml_export_format_from_path (path, &format);

      double width = gtk_spin_button_get_value (self->width), height = gtk_spin_button_get_value (self->height);
      double scale = gtk_drop_down_get_selected (self->scale) == 1 ? 2 : 1;
      gboolean ok;

      dml_chart_style_init (&style, gtk_drop_down_get_selected (self->theme) == 1);
      style.transparent = gtk_check_button_get_active (self->transparent);
      if (gtk_drop_down_get_selected (self->text_size) == 0)
        style.font_scale = DML_CHART_SLIDE_TEXT_SCALE;
      spec.title = gtk_editable_get_text (GTK_EDITABLE (self->title));
      spec.subtitle = gtk_editable_get_text (GTK_EDITABLE (self->subtitle));
      spec.takeaway = gtk_check_button_get_active (self->takeaway);

      if (path == NULL)
        {
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Choose a local file"));
          ok = FALSE;
        }
      else if (!dml_file_check_regular (file, &error))
        ok = FALSE;
      else if (self->tornado != NULL)
        ok = dml_tornado_export (path, format, width, height, scale, &style,
                                 dml_tornado_get_sensitivity (self->tornado),
                                 dml_tornado_get_rank_by (self->tornado), spec.title, &error);
      else if (self->curves != NULL)
        {
          DmlOptionsChartSpec options = { self->curves, self->options, spec.title, NULL, self->selected };

          if (spec.subtitle != NULL && spec.subtitle[0] != '\0')
            options.subtitle = spec.subtitle;
          ok = dml_options_export (path, format, width, height, scale, &style, &options, &error);
        }
      else
        ok = dml_chart_export (path, format, width, height, scale, &style, &spec, &error);

      if (!ok)
        show_error (self, file, error);
      else
        {
          last_format = gtk_drop_down_get_selected (self->format);
          last_size = gtk_drop_down_get_selected (self->size);
          last_scale = gtk_drop_down_get_selected (self->scale);
          last_theme = gtk_drop_down_get_selected (self->theme);
          last_transparent = gtk_check_button_get_active (self->transparent);
          last_takeaway = gtk_check_button_get_active (self->takeaway);
          g_free (last_subtitle);
          last_subtitle = g_strdup (spec.subtitle);
          last_text_size = gtk_drop_down_get_selected (self->text_size);
          last_width = gtk_spin_button_get_value_as_int (self->width);
          last_height = gtk_spin_button_get_value_as_int (self->height);
          save_choices ();
          gtk_window_destroy (GTK_WINDOW (self));
        }
    }

  g_object_unref (chooser);
}

static void
export_clicked_cb (DmlExportDialog *self)
{
  GtkFileChooserNative *chooser;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title));
  g_autofree char *name = g_strdup_printf ("%s.%s", title[0] ? title : _("chart"),
                                           extensions[gtk_drop_down_get_selected (self->format)]);

  chooser = dml_file_chooser_new (GTK_WINDOW (self), _("Export Chart"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
dml_export_dialog_dispose (GObject *object)
{
  DmlExportDialog *self = (DmlExportDialog *) object;

  g_clear_pointer (&self->sweeps, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_object (&self->tornado);
  g_clear_pointer (&self->options, dml_options_unref);
  g_clear_pointer (&self->curves, dml_option_curves_unref);
  g_clear_pointer (&self->selected, g_free);

  G_OBJECT_CLASS (dml_export_dialog_parent_class)->dispose (object);
}

static void
dml_export_dialog_class_init (DmlExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dml_export_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dmlimits/DmLimits/dml-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DmlExportDialog, title);
  gtk_widget_class_bind_template_child (widget_class, DmlExportDialog, subtitle);
  gtk_widget_class_bind_template_child (widget_class, DmlExportDialog, takeaway);
  gtk_widget_class_bind_template_child (widget_class, DmlExportDialog, format);
  gtk_widget_class_bind_template_child (widget_class, DmlExportDialog, size);
  gtk_widget_class_bind_template_child (widget_class, DmlExportDialog, width);
  gtk_widget_class_bind_template_child (widget_class, DmlExportDialog, height);
  gtk_widget_class_bind_template_child (widget_class, DmlExportDialog, scale);
  gtk_widget_class_bind_template_child (widget_class, DmlExportDialog, theme);
  gtk_widget_class_bind_template_child (widget_class, DmlExportDialog, text_size);
  gtk_widget_class_bind_template_child (widget_class, DmlExportDialog, transparent);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
}

static void
dml_export_dialog_init (DmlExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  load_choices ();
  gtk_spin_button_set_value (self->width, last_width);
  gtk_spin_button_set_value (self->height, last_height);
  g_signal_connect_swapped (self->size, "notify::selected", G_CALLBACK (size_changed_cb), self);
  g_signal_connect_swapped (self->format, "notify::selected", G_CALLBACK (format_changed_cb), self);
  gtk_drop_down_set_selected (self->format, last_format);
  gtk_drop_down_set_selected (self->size, last_size);
  gtk_drop_down_set_selected (self->scale, last_scale);
  gtk_drop_down_set_selected (self->theme, last_theme);
  gtk_drop_down_set_selected (self->text_size, last_text_size);
  gtk_check_button_set_active (self->transparent, last_transparent);
  gtk_check_button_set_active (self->takeaway, last_takeaway);
  if (last_subtitle != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->subtitle), last_subtitle);
  size_changed_cb (self);
  format_changed_cb (self);
}

/* A dialog for exporting @spec; it keeps its own references to the
 * sweeps and names, so the caller may change them meanwhile. */
DmlExportDialog *
dml_export_dialog_new (GtkWindow          *parent,
                       const DmlChartSpec *spec,
                       const char         *title)
{
  DmlExportDialog *self = g_object_new (DML_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);

  self->spec = *spec;
  self->spec.hover = -1;
  self->spec.pinned = -1;
  self->sweeps = g_ptr_array_new_with_free_func ((GDestroyNotify) dml_sweep_unref);
  self->names = g_ptr_array_new_with_free_func (g_free);
  if (spec->sweep != NULL)
    {
      g_ptr_array_add (self->sweeps, dml_sweep_ref ((DmlSweep *) spec->sweep));
      self->spec.sweep = self->sweeps->pdata[0];
    }
  for (guint i = 0; i < spec->n_sweeps; i++)
    {
      g_ptr_array_add (self->sweeps, dml_sweep_ref ((DmlSweep *) spec->sweeps[i]));
      g_ptr_array_add (self->names, g_strdup (spec->names[i]));
      self->spec.sweeps[i] = self->sweeps->pdata[self->sweeps->len - 1];
      self->spec.names[i] = self->names->pdata[i];
    }
  if (spec->other != NULL)
    {
      g_ptr_array_add (self->sweeps, dml_sweep_ref ((DmlSweep *) spec->other));
      self->spec.other = self->sweeps->pdata[self->sweeps->len - 1];
    }

  gtk_editable_set_text (GTK_EDITABLE (self->title), title ? title : "");
  return self;
}

/* A dialog for exporting the Sensitivity view's tornado, as it is ranked
 * when the file is chosen. */
DmlExportDialog *
dml_export_dialog_new_for_tornado (GtkWindow  *parent,
                                   DmlTornado *tornado,
                                   const char *title)
{
  DmlExportDialog *self = g_object_new (DML_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);

  self->tornado = g_object_ref (tornado);
  self->sweeps = g_ptr_array_new ();
  self->names = g_ptr_array_new ();
  gtk_editable_set_text (GTK_EDITABLE (self->title), title ? title : "");
  return self;
}

/* A dialog for exporting the Options view's chart as it is now. */
DmlExportDialog *
dml_export_dialog_new_for_options (GtkWindow                 *parent,
                                   const DmlOptionsChartSpec *spec,
                                   const char                *title)
{
  DmlExportDialog *self = g_object_new (DML_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);

  self->curves = dml_option_curves_ref ((DmlOptionCurves *) spec->curves);
  self->options = spec->options != NULL ? dml_options_ref ((DmlOptions *) spec->options) : NULL;
  self->selected = g_strdup (spec->selected);
  self->sweeps = g_ptr_array_new ();
  self->names = g_ptr_array_new ();
  /* The takeaway is the utilization chart's; this chart's subtitle says
   * what it shows, unless one is typed. */
  gtk_widget_set_visible (GTK_WIDGET (self->takeaway), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->subtitle), "");
  gtk_editable_set_text (GTK_EDITABLE (self->title), title ? title : "");
  return self;
}
