/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-compare-window"

#include "config.h"

#include <string.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "dml-chart.h"
#include "dml-job.h"
#include "dml-compare-window.h"
#include "dml-error-dialog.h"
#include "dml-file-chooser.h"
#include "dml-export-dialog.h"
#include "dml-file.h"
#include "dml-format.h"

/* Two to six designs side by side: overlaid, as small multiples, and as
 * a table of inputs and figures. Each design is a copy, so editing the
 * main window's design does not change a comparison in progress. */
struct _DmlCompareWindow
{
  GtkWindow     parent_instance;

  GPtrArray    *designs;  /* DmlDesign, one per row of @list, in its order */
  DmlDesign    *current;  /* the first added: "the current design" the menu offers again */
  GPtrArray    *sweeps;   /* DmlSweep, in the order of @designs once computed */
  DmlComparison *comparison;
  double        at_flop;

  DmlJob       *sweeps_job;
  GtkMenuButton *add;
  GtkListBox   *list;
  GtkEntry     *at;
  GtkStack     *stack;
  DmlChart     *overlay;
  DmlChart     *multiples;
  GtkColumnView *table;   /* its header stays in view as the rows scroll */
  GtkLabel     *hint;
  char         *refused;  /* the name of a design refused at the limit, until the list changes */
  GtkSpinner   *spinner;
};

G_DEFINE_FINAL_TYPE (DmlCompareWindow, dml_compare_window, GTK_TYPE_WINDOW)

static void recompute   (DmlCompareWindow *self);
static void update_hint (DmlCompareWindow *self);

/* Column 0 is the row's label; column i + 1 is design i. Each list item
 * is a row's index into the comparison, as a string. */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (item, label);
}

typedef struct
{
  DmlCompareWindow *self;
  guint             column;
} TableColumn;

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TableColumn              *data)
{
  DmlCompareWindow *self = data->self;
  GtkWidget *label = gtk_list_item_get_child (item);
  guint column = data->column;
  guint r = atoi (gtk_string_object_get_string (gtk_list_item_get_item (item)));
  DmlCompareRow *row;

  gtk_widget_remove_css_class (label, "heading");
  gtk_widget_remove_css_class (label, "differs");
  if (self->comparison == NULL || r >= self->comparison->rows->len)
    return;

  row = self->comparison->rows->pdata[r];
  if (column == 0)
    {
      gtk_label_set_text (GTK_LABEL (label), row->label);
      if (!row->is_input)
        gtk_widget_add_css_class (label, "heading");
    }
  else
    {
      guint i = column - 1;
      g_autofree char *value = g_markup_escape_text (row->cells[i], -1);
      g_autofree char *change = g_markup_escape_text (row->changes[i], -1);
      gboolean changed = i > 0 && row->differs && g_strcmp0 (row->changes[i], "=") != 0;
      g_autofree char *text = changed ? g_strdup_printf ("%s\n<small>%s</small>", value, change)
                                      : g_strdup (value);

      gtk_label_set_markup (GTK_LABEL (label), text);
      if (changed)
        gtk_widget_add_css_class (label, "differs");
    }
}

static void
free_column (gpointer  data,
             GClosure *closure)
{
  g_free (data);
}

static void
add_column (DmlCompareWindow *self,
            guint             column,
            const char       *title)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  TableColumn *data = g_new (TableColumn, 1);

  /* The window outlives its table's factories; the column is their state. */
  *data = (TableColumn) { self, column };
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell_cb), data, free_column, 0);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->table, view_column);
  g_object_unref (view_column);
}

static void
fill_table (DmlCompareWindow *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->table);
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  DmlComparison *c = self->comparison;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->table, column);
    }

  if (c != NULL)
    {
      add_column (self, 0, "");
      for (guint i = 0; i < c->n_designs; i++)
        add_column (self, i + 1, c->names[i]);
      /* The figures first, then the inputs that explain them: with the
       * inputs first, the results began some 25 rows down. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint r = 0; r < c->rows->len; r++)
          {
            DmlCompareRow *row = c->rows->pdata[r];
            char index[16];

            if (row->is_input != (pass == 1))
              continue;
            g_snprintf (index, sizeof index, "%u", r);
            gtk_string_list_append (rows, index);
          }
    }

  gtk_column_view_set_model (self->table,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)))));
}

static void
update_views (DmlCompareWindow *self)
{
  const char *names[DML_COMPARE_MAX_DESIGNS];
  guint n = self->sweeps->len;

  for (guint i = 0; i < n; i++)
    names[i] = dml_design_get_name (self->designs->pdata[i]);

  /* One design is drawn on its own, with the hint to add another. */
  dml_chart_set_comparison (self->overlay, (DmlSweep **) self->sweeps->pdata, names, n, FALSE);
  dml_chart_set_comparison (self->multiples, (DmlSweep **) self->sweeps->pdata, names, n, TRUE);

  g_clear_pointer (&self->comparison, dml_comparison_free);
  if (n >= 1)
    self->comparison = dml_comparison_new ((DmlDesign **) self->designs->pdata, (DmlSweep **) self->sweeps->pdata,
                                           n, self->at_flop);
  fill_table (self);

  update_hint (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export", n >= 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.export-table", n >= 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.add-current",
                                 self->designs->len < DML_COMPARE_MAX_DESIGNS);
}

/* Under the list: how to start with fewer than two designs, and that
 * six are the most once there are six; a design refused at the limit
 * says so in the error style. */
static void
update_hint (DmlCompareWindow *self)
{
  guint n = self->designs->len;

  gtk_widget_remove_css_class (GTK_WIDGET (self->hint), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "dim-label");
  if (self->refused != NULL)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("“%s” was not added: a comparison holds at most six designs. "
                                "Remove one to add another."), self->refused);
      gtk_label_set_text (self->hint, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->hint), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->hint), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->hint), TRUE);
    }
  else if (n >= DML_COMPARE_MAX_DESIGNS)
    {
      gtk_label_set_text (self->hint, _("Six designs, the most a comparison holds: remove one to add another."));
      gtk_widget_set_visible (GTK_WIDGET (self->hint), TRUE);
    }
  else
    {
      gtk_label_set_text (self->hint, _("Add two to six designs: the current one, design files or shipped designs."));
      gtk_widget_set_visible (GTK_WIDGET (self->hint), n < 2);
    }
}

/* Each design's sweep, in a worker: one step of the job each. */
static gpointer
sweeps_func (gpointer       data,
             gpointer       progress,
             GCancellable  *cancellable,
             GError       **error)
{
  GArray *params = data;
  g_autoptr(GPtrArray) sweeps = g_ptr_array_new_with_free_func ((GDestroyNotify) dml_sweep_unref);

  for (guint i = 0; i < params->len; i++)
    {
      DmlSweep *sweep = dml_sweep_new (&g_array_index (params, DmlParams, i), cancellable, error);

      if (sweep == NULL)
        return NULL;
      g_ptr_array_add (sweeps, sweep);
      dml_job_step (progress);
    }

  return g_steal_pointer (&sweeps);
}

static void
sweeps_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DmlCompareWindow) self = user_data;
  g_autoptr(GPtrArray) sweeps = NULL;
  g_autoptr(GError) error = NULL;

  sweeps = dml_job_run_finish (DML_JOB (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (sweeps == NULL)
    {
      gtk_label_set_text (self->hint, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->hint), TRUE);
      return;
    }

  g_ptr_array_unref (self->sweeps);
  self->sweeps = g_steal_pointer (&sweeps);
  update_views (self);
}

static void
recompute (DmlCompareWindow *self)
{
  GArray *params = g_array_new (FALSE, FALSE, sizeof (DmlParams));

  for (guint i = 0; i < self->designs->len; i++)
    {
      DmlParams p;

      dml_design_get_params (self->designs->pdata[i], &p);
      g_array_append_val (params, p);
    }

  dml_job_run_async (self->sweeps_job, params, (GDestroyNotify) g_array_unref, params->len, sweeps_done_cb,
                     g_object_ref (self));
}

static void
remove_clicked_cb (GtkButton        *button,
                   DmlCompareWindow *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  g_ptr_array_remove_index (self->designs, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
  gtk_list_box_remove (self->list, row);
  g_clear_pointer (&self->refused, g_free);
  update_hint (self);
  recompute (self);
}

static void
add_file_response_cb (GtkNativeDialog  *dialog,
                      int               response,
                      DmlCompareWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autoptr(GError) error = NULL;
          g_autoptr(DmlDesign) design = dml_design_new_from_file (file, NULL, &error);

          if (design == NULL)
            {
              g_autofree char *name = g_file_get_basename (file);
              g_autofree char *primary = g_strdup_printf (_("Could not open “%s”"), name);

              dml_show_error (GTK_WINDOW (self), primary, error->message);
            }
          else
            dml_compare_window_add_design (self, design);
        }
    }

  g_object_unref (dialog);
}

static void
add_file_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = dml_file_chooser_new (GTK_WINDOW (widget), _("Add Designs"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("Designs (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (add_file_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
add_shipped_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(DmlDesign) design = dml_design_new_shipped (g_variant_get_string (parameter, NULL), NULL);

  if (design != NULL)
    dml_compare_window_add_design (DML_COMPARE_WINDOW (widget), design);
}

static void
add_current_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DmlCompareWindow *self = DML_COMPARE_WINDOW (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  DmlDesign *current = parent ? self->current : NULL;

  if (current != NULL)
    dml_compare_window_add_design (self, current);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DmlCompareWindow *self = DML_COMPARE_WINDOW (widget);
  DmlChartSpec spec = { DML_CHART_UTILIZATION, NULL, NULL, NULL, FALSE, -1, -1 };

  if (self->sweeps->len < 2)
    return;

  spec.sweep = self->sweeps->pdata[0];
  spec.n_sweeps = self->sweeps->len;
  spec.multiples = g_str_equal (gtk_stack_get_visible_child_name (self->stack), "multiples");
  for (guint i = 0; i < self->sweeps->len; i++)
    {
      spec.sweeps[i] = self->sweeps->pdata[i];
      spec.names[i] = dml_design_get_name (self->designs->pdata[i]);
    }

  gtk_window_present (GTK_WINDOW (dml_export_dialog_new (GTK_WINDOW (self), &spec, _("Design comparison"))));
}

static void
export_table_response_cb (GtkNativeDialog  *dialog,
                          int               response,
                          DmlCompareWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->comparison != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *csv = dml_comparison_to_csv (self->comparison);
      g_autoptr(GError) error = NULL;

      if (!dml_file_check_regular (file, &error) || !dml_file_replace (file, csv, strlen (csv), &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *primary = g_strdup_printf (_("Could not export “%s”"), name);

          dml_show_error (GTK_WINDOW (self), primary, error->message);
        }
    }

  g_object_unref (dialog);
}

static void
export_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkFileChooserNative *dialog;

  dialog = dml_file_chooser_new (GTK_WINDOW (widget), _("Export Table as CSV"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("comparison.csv"));
  g_signal_connect (dialog, "response", G_CALLBACK (export_table_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
at_changed_cb (DmlCompareWindow *self)
{
  g_autoptr(GError) error = NULL;
  double flop;

  if (!dml_parse_quantity (gtk_editable_get_text (GTK_EDITABLE (self->at)), "FLOP", &flop, &error) ||
      !(flop >= 1 && flop <= 1e50))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->at), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->at),
                                   error ? error->message : _("Give a training compute between 1 and 1e50 FLOP"));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->at), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->at), NULL);
  self->at_flop = flop;
  if (self->sweeps->len == self->designs->len)
    update_views (self);
}

static GMenuModel *
add_menu (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *shipped = g_menu_new ();
  g_auto(GStrv) ids = dml_design_list_shipped ();

  g_menu_append (menu, _("Current Design"), "compare.add-current");
  g_menu_append (menu, _("Design File…"), "compare.add-file");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(DmlDesign) design = dml_design_new_shipped (ids[i], NULL);
      g_autofree char *action = g_strdup_printf ("compare.add-shipped::%s", ids[i]);

      g_menu_append (shipped, design ? dml_design_get_name (design) : ids[i], action);
    }
  g_menu_append_section (menu, _("Shipped Designs"), G_MENU_MODEL (shipped));
  g_object_unref (shipped);

  return G_MENU_MODEL (menu);
}

static void
dml_compare_window_dispose (GObject *object)
{
  DmlCompareWindow *self = (DmlCompareWindow *) object;

  if (self->sweeps_job != NULL)
    dml_job_cancel (self->sweeps_job);
  g_clear_object (&self->sweeps_job);
  g_clear_pointer (&self->designs, g_ptr_array_unref);
  g_clear_object (&self->current);
  g_clear_pointer (&self->sweeps, g_ptr_array_unref);
  g_clear_pointer (&self->comparison, dml_comparison_free);
  g_clear_pointer (&self->refused, g_free);

  G_OBJECT_CLASS (dml_compare_window_parent_class)->dispose (object);
}

static void
dml_compare_window_class_init (DmlCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dml_compare_window_dispose;

  gtk_widget_class_install_action (widget_class, "compare.add-file", NULL, add_file_action);
  gtk_widget_class_install_action (widget_class, "compare.add-shipped", "s", add_shipped_action);
  gtk_widget_class_install_action (widget_class, "compare.add-current", NULL, add_current_action);
  gtk_widget_class_install_action (widget_class, "compare.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "compare.export-table", NULL, export_table_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  /* A secondary window: Esc closes it, as a dialog would. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "compare.export", NULL);

  g_type_ensure (DML_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dmlimits/DmLimits/dml-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DmlCompareWindow, add);
  gtk_widget_class_bind_template_child (widget_class, DmlCompareWindow, list);
  gtk_widget_class_bind_template_child (widget_class, DmlCompareWindow, at);
  gtk_widget_class_bind_template_child (widget_class, DmlCompareWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DmlCompareWindow, overlay);
  gtk_widget_class_bind_template_child (widget_class, DmlCompareWindow, multiples);
  gtk_widget_class_bind_template_child (widget_class, DmlCompareWindow, table);
  gtk_widget_class_bind_template_child (widget_class, DmlCompareWindow, hint);
  gtk_widget_class_bind_template_child (widget_class, DmlCompareWindow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, at_changed_cb);
}

static void
dml_compare_window_init (DmlCompareWindow *self)
{
  g_autoptr(GMenuModel) menu = add_menu ();

  self->designs = g_ptr_array_new_with_free_func (g_object_unref);
  self->sweeps = g_ptr_array_new_with_free_func ((GDestroyNotify) dml_sweep_unref);
  self->at_flop = 1e28;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->sweeps_job = dml_job_new (sweeps_func, (GDestroyNotify) g_ptr_array_unref);
  g_object_bind_property (self->sweeps_job, "busy", self->spinner, "spinning", G_BINDING_SYNC_CREATE);
  /* The shipped designs, named in the user's language, are known only
   * at run time. */
  gtk_menu_button_set_menu_model (self->add, menu);

  update_views (self);
}

DmlCompareWindow *
dml_compare_window_new (GtkWindow *parent)
{
  return g_object_new (DML_TYPE_COMPARE_WINDOW, "transient-for", parent, NULL);
}

/* Adds a copy of @design; FALSE when six are there already. */
gboolean
dml_compare_window_add_design (DmlCompareWindow *self,
                               DmlDesign        *design)
{
  DmlDesign *copy;
  GtkWidget *row, *name, *remove;

  g_return_val_if_fail (DML_IS_COMPARE_WINDOW (self), FALSE);
  g_return_val_if_fail (DML_IS_DESIGN (design), FALSE);

  if (self->designs->len >= DML_COMPARE_MAX_DESIGNS)
    {
      g_free (self->refused);
      self->refused = g_strdup (dml_design_get_name (design));
      update_hint (self);
      return FALSE;
    }

  /* The first design added is "the current one" the menu offers again. */
  if (self->current == NULL)
    self->current = g_object_ref (design);

  copy = dml_design_copy (design);
  g_ptr_array_add (self->designs, copy);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  name = gtk_label_new (dml_design_get_name (copy));
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_tooltip_text (name, dml_design_get_name (copy));
  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove from the comparison"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove from the comparison"), -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), remove);
  gtk_widget_set_margin_start (row, 6);
  gtk_list_box_append (self->list, row);
  update_hint (self);

  recompute (self);
  return TRUE;
}

guint
dml_compare_window_get_n_designs (DmlCompareWindow *self)
{
  g_return_val_if_fail (DML_IS_COMPARE_WINDOW (self), 0);
  return self->designs->len;
}

DmlComparison *
_dml_compare_window_get_comparison (DmlCompareWindow *self)
{
  return self->comparison;
}

gboolean
_dml_compare_window_is_busy (DmlCompareWindow *self)
{
  return dml_job_get_busy (self->sweeps_job);
}

guint
_dml_compare_window_get_n_charted (DmlCompareWindow *self)
{
  return dml_chart_get_n_compared (self->overlay);
}

/* The message under the list of designs, as shown; NULL when hidden. */
const char *
_dml_compare_window_get_hint (DmlCompareWindow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->hint)) ? gtk_label_get_text (self->hint) : NULL;
}

GtkWidget *
_dml_compare_window_get_overlay (DmlCompareWindow *self)
{
  return GTK_WIDGET (self->overlay);
}
