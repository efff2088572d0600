/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-param-panel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dml-field-row.h"
#include "dml-format.h"
#include "dml-param-panel.h"
#include "dml-preset.h"
#include "dml-roadmap.h"
#include "dml-timeline.h"

/* The inputs of one group of the design, one DmlFieldRow each (which
 * says how text is read, applied and refused), each following its
 * design property both ways.
 *
 * "committed" says an edit is done (Enter, leaving a field, a check box,
 * a preset): the window's undo makes one step of it. */
struct _DmlParamPanel
{
  GtkBox       parent_instance;

  DmlDesign   *design;
  DmlGroup     group;
  GtkGrid     *grid;
  GtkDropDown *presets;
  GtkDropDown *anchors;
  GtkWidget   *reset;
  char        *last_preset; /* the preset last chosen, which Reset goes back to */
  GHashTable  *controls; /* "preset" and "anchor" → widget */
  GPtrArray   *rows;     /* DmlFieldRow, one per field */
  gboolean     writing;  /* a row's value on its way to the design */
};

G_DEFINE_FINAL_TYPE (DmlParamPanel, dml_param_panel, GTK_TYPE_BOX)

enum {
  COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *group_titles[] = { N_("Hardware"), N_("Workload"), N_("Parallelism"), N_("Sweep and markers"),
                                      N_("Timeline"), N_("Power and energy"), N_("Several sites"),
                                      N_("Reliability") };

static void
emit_committed (DmlParamPanel *self)
{
  g_signal_emit (self, signals[COMMITTED], 0);
}

/* A row's value, typed or chosen, into the design. */
static void
row_value_cb (DmlFieldRow   *row,
              GParamSpec    *pspec,
              DmlParamPanel *self)
{
  const DmlField *field = dml_field_row_get_field (row);
  double value = dml_field_row_get_value (row);

  self->writing = TRUE;
  if (field->kind == DML_FIELD_BOOLEAN)
    g_object_set (self->design, field->property, value != 0, NULL);
  else if (field->kind == DML_FIELD_CHOICE)
    g_object_set (self->design, field->property, (int) value, NULL);
  else
    g_object_set (self->design, field->property, value, NULL);
  self->writing = FALSE;
}

/* The design's value changed from elsewhere (undo, a preset, a file):
 * the row's new committed value. */
static void
design_value_cb (DmlFieldRow *row)
{
  DmlParamPanel *self = g_object_get_data (G_OBJECT (row), "dml-panel");
  const DmlField *field = dml_field_row_get_field (row);
  DmlParams params;

  if (self->writing)
    return;
  dml_design_get_params (self->design, &params);
  dml_field_row_set_value (row, dml_field_get (field, &params));
}

static void
add_row (DmlParamPanel *self,
         GtkWidget     *label,
         GtkWidget     *control,
         int            row)
{
  if (label != NULL)
    {
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      /* Narrow enough for a 1024 px window in Japanese too, whose
       * characters are twice as wide. */
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
      /* Ask for room to break between words, not inside a katakana word
       * ("スケールアップ"), where there is room for it. */
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
      gtk_grid_attach (self->grid, label, 0, row, 1, 1);
      gtk_grid_attach (self->grid, control, 1, row, 1, 1);
    }
  else
    gtk_grid_attach (self->grid, control, 0, row, 2, 1);
}

static void set_elided_factory (GtkDropDown *dropdown);

static void
add_field (DmlParamPanel  *self,
           const DmlField *field,
           int             row)
{
  g_autoptr(DmlFieldRow) field_row = dml_field_row_new (field, NULL);
  g_autofree char *signal = g_strdup_printf ("notify::%s", field->property);
  GtkWidget *label = dml_field_row_get_label (field_row);
  GtkWidget *control = dml_field_row_get_control (field_row);

  g_ptr_array_add (self->rows, g_object_ref (field_row));
  g_object_set_data (G_OBJECT (field_row), "dml-panel", self);
  design_value_cb (field_row);
  g_signal_connect_object (field_row, "notify::value", G_CALLBACK (row_value_cb), self, 0);
  g_signal_connect_object (field_row, "committed", G_CALLBACK (emit_committed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->design, signal, G_CALLBACK (design_value_cb), field_row, G_CONNECT_SWAPPED);

  /* A choice's value is cut to fit, as a preset's name is: "Paper’s
   * bound (communication hidden)" would widen the smallest window. */
  if (field->kind == DML_FIELD_CHOICE)
    set_elided_factory (GTK_DROP_DOWN (control));

  if (label != NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

      gtk_box_append (GTK_BOX (box), control);
      control = box;
    }
  add_row (self, label, control, row);
}

static void
preset_selected_cb (DmlParamPanel *self,
                    GParamSpec    *pspec,
                    GtkDropDown   *dropdown)
{
  const DmlPreset * const *presets;
  guint selected = gtk_drop_down_get_selected (dropdown);
  guint n;

  presets = dml_presets (&n);
  if (selected >= n)
    {
      /* "Custom" is what edits lead to, not a choice: stay on the
       * preset whose numbers the design still holds. */
      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (dml_design_get_preset (self->design), presets[i]->id) == 0)
          gtk_drop_down_set_selected (dropdown, i);
      return;
    }
  if (g_strcmp0 (dml_design_get_preset (self->design), presets[selected]->id) == 0)
    return;

  /* A choice is a step of its own: the edit before it ends first. */
  emit_committed (self);
  dml_design_apply_preset (self->design, presets[selected]->id, NULL);
  emit_committed (self);
}

/* Back to the preset last chosen, which the drop-down no longer shows
 * once an edit has made the hardware Custom. */
static void
reset_clicked_cb (DmlParamPanel *self,
                  GtkButton     *button)
{
  if (self->last_preset == NULL)
    return;

  emit_committed (self);
  dml_design_apply_preset (self->design, self->last_preset, NULL);
  emit_committed (self);
}

/* The design names a preset when its hardware holds that preset's
 * numbers: chosen here, opened from a file, or undone back to. */
static void
preset_changed_cb (DmlParamPanel *self)
{
  const char *id = dml_design_get_preset (self->design);
  const DmlPreset *preset;
  g_autofree char *tooltip = NULL;

  if (id == NULL || g_strcmp0 (id, self->last_preset) == 0)
    return;

  g_free (self->last_preset);
  self->last_preset = g_strdup (id);
  preset = dml_preset_lookup (id);
  /* TRANSLATORS: the reset button's tooltip, with a hardware preset's name */
  tooltip = g_strdup_printf (_("Reset the hardware to the values of %s"), preset != NULL ? preset->name : id);
  gtk_widget_set_tooltip_text (self->reset, tooltip);
  gtk_widget_set_sensitive (self->reset, TRUE);
}

static gboolean
preset_to_index (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  const DmlPreset * const *presets;
  const char *id = g_value_get_string (from);
  guint n;

  presets = dml_presets (&n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (presets[i]->id, id) == 0)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }

  /* The last item: hardware that is no preset's. */
  g_value_set_uint (to, n);
  return TRUE;
}

/* A drop-down whose button shows the chosen name cut to fit, in full in
 * its tooltip, and whose list shows every name whole: a long preset name
 * must not widen the sidebar past a 1024-pixel screen. */
static void
setup_name_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  elide)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (elide))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  elide)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *name = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (label), name);
  if (GPOINTER_TO_INT (elide))
    gtk_widget_set_tooltip_text (label, name);
}

static GtkListItemFactory *
name_factory (gboolean elide)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_name_cb), GINT_TO_POINTER (elide));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_name_cb), GINT_TO_POINTER (elide));
  return factory;
}

static void
set_elided_factory (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) button = name_factory (TRUE);
  g_autoptr(GtkListItemFactory) list = name_factory (FALSE);

  gtk_drop_down_set_factory (dropdown, button);
  gtk_drop_down_set_list_factory (dropdown, list);
}

static void
add_preset_row (DmlParamPanel *self)
{
  const DmlPreset * const *presets;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Preset"));
  guint n;

  presets = dml_presets (&n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, presets[i]->name);
  gtk_string_list_append (names, _("Custom"));

  self->presets = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  set_elided_factory (self->presets);
  gtk_widget_set_hexpand (GTK_WIDGET (self->presets), TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->presets), "preset");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->presets));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->presets),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hardware preset"), -1);
  g_object_bind_property_full (self->design, "preset", self->presets, "selected", G_BINDING_SYNC_CREATE,
                               preset_to_index, NULL, NULL, NULL);
  g_signal_connect_object (self->presets, "notify::selected", G_CALLBACK (preset_selected_cb), self,
                           G_CONNECT_SWAPPED);

  self->reset = reset;
  gtk_widget_set_tooltip_text (reset, _("Reset the hardware to the preset’s values"));
  gtk_widget_set_sensitive (reset, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reset),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reset to preset"), -1);
  g_signal_connect_object (reset, "clicked", G_CALLBACK (reset_clicked_cb), self, G_CONNECT_SWAPPED);
  preset_changed_cb (self);
  g_signal_connect_object (self->design, "notify::preset", G_CALLBACK (preset_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->presets));
  gtk_box_append (GTK_BOX (box), reset);
  add_row (self, label, box, 0);
  g_hash_table_insert (self->controls, (gpointer) "preset", self->presets);
}

/* The anchor run follows the trend's numbers: a known run's compute and
 * date select it, anything else reads Custom. */
static void
sync_anchor (DmlParamPanel *self)
{
  DmlParams params;
  guint n;
  int index;

  dml_anchors (&n);
  dml_design_get_params (self->design, &params);
  index = dml_anchor_match (&params);
  gtk_drop_down_set_selected (self->anchors, index >= 0 ? (guint) index : n);
}

static void
anchor_selected_cb (DmlParamPanel *self)
{
  const DmlAnchor *anchors;
  guint selected = gtk_drop_down_get_selected (self->anchors);
  DmlParams params;
  guint n;

  anchors = dml_anchors (&n);
  dml_design_get_params (self->design, &params);
  /* "Custom" is what edits lead to, not a choice. */
  if (selected >= n || dml_anchor_match (&params) == (int) selected)
    {
      sync_anchor (self);
      return;
    }

  emit_committed (self);
  g_object_set (self->design,
                "anchor-flop", anchors[selected].flop,
                "anchor-year", dml_decimal_year (anchors[selected].date),
                NULL);
  emit_committed (self);
}

static void
add_anchor_row (DmlParamPanel *self,
                int            row)
{
  const DmlAnchor *anchors;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Anchor run"));
  guint n;

  anchors = dml_anchors (&n);
  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (names, g_dgettext (GETTEXT_PACKAGE, anchors[i].name));
    }
  gtk_string_list_append (names, _("Custom"));

  self->anchors = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->anchors), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->anchors),
                               _("The run the compute trend starts from: its training compute and date (Epoch AI)"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->anchors));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->anchors),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Anchor run"), -1);
  sync_anchor (self);
  g_signal_connect_object (self->design, "notify::anchor-flop", G_CALLBACK (sync_anchor), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->design, "notify::anchor-year", G_CALLBACK (sync_anchor), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->anchors, "notify::selected", G_CALLBACK (anchor_selected_cb), self,
                           G_CONNECT_SWAPPED);

  add_row (self, label, GTK_WIDGET (self->anchors), row);
  g_hash_table_insert (self->controls, (gpointer) "anchor", self->anchors);
}

static void
dml_param_panel_dispose (GObject *object)
{
  DmlParamPanel *self = (DmlParamPanel *) object;

  g_clear_object (&self->design);
  g_clear_pointer (&self->controls, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->last_preset, g_free);

  G_OBJECT_CLASS (dml_param_panel_parent_class)->dispose (object);
}

static void
dml_param_panel_class_init (DmlParamPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dml_param_panel_dispose;

  /* An edit is done: Enter or leaving a field, a click on a check box or
   * a preset. What the design holds now is one step for undo. */
  signals[COMMITTED] = g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dml_param_panel_init (DmlParamPanel *self)
{
  self->controls = g_hash_table_new (g_str_hash, g_str_equal);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
}

GtkWidget *
dml_param_panel_new (DmlDesign *design,
                     DmlGroup   group)
{
  DmlParamPanel *self;
  GtkWidget *title, *expander;
  const DmlField *fields;
  guint n_fields;
  int row = 0;

  g_return_val_if_fail (DML_IS_DESIGN (design), NULL);
  g_return_val_if_fail (group < DML_N_GROUPS, NULL);

  self = g_object_new (DML_TYPE_PARAM_PANEL, NULL);
  self->design = g_object_ref (design);
  self->group = group;

  /* The heading folds the section away: an expander without a child, so
   * that the fields stay in the widget tree while hidden and Save can
   * show one it names (setting the grid visible unfolds it). */
  title = gtk_label_new (g_dgettext (GETTEXT_PACKAGE, group_titles[group]));
  gtk_widget_add_css_class (title, "heading");
  expander = gtk_expander_new (NULL);
  gtk_expander_set_label_widget (GTK_EXPANDER (expander), title);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  gtk_box_append (GTK_BOX (self), expander);

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->grid));
  g_object_bind_property (expander, "expanded", self->grid, "visible",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  if (group == DML_GROUP_HARDWARE)
    add_preset_row (self), row++;

  fields = dml_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].group == group)
      {
        /* The anchor run heads its compute and date. */
        if (g_str_equal (fields[i].property, "anchor-flop"))
          add_anchor_row (self, row++);
        add_field (self, &fields[i], row++);
      }

  return GTK_WIDGET (self);
}

/* The control bound to @property, or "preset" or "anchor": for tests
 * and focus. */
GtkWidget *
dml_param_panel_get_control (DmlParamPanel *self,
                             const char    *property)
{
  g_return_val_if_fail (DML_IS_PARAM_PANEL (self), NULL);
  for (guint i = 0; i < self->rows->len; i++)
    if (g_str_equal (dml_field_row_get_field (self->rows->pdata[i])->property, property))
      return dml_field_row_get_control (self->rows->pdata[i]);
  return g_hash_table_lookup (self->controls, property);
}

/* Appends to @invalid a DmlInvalidField for each field whose text is
 * not applied (dml_field_rows_get_invalid ()); TRUE if there was one. */
gboolean
dml_param_panel_get_invalid (DmlParamPanel *self,
                             GArray        *invalid)
{
  g_return_val_if_fail (DML_IS_PARAM_PANEL (self), FALSE);
  return dml_field_rows_get_invalid (self->rows, invalid);
}
