/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-field-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dml-enum.h"
#include "dml-field-row.h"

/* One input of either panel (DmlParamPanel, DmlRunPanel), for one
 * DmlField: its label and its control (an entry, a check box for a flag,
 * a drop-down for a choice), and its value.
 *
 * Text goes through dml_field_parse_value () with SI prefixes, the same
 * in both panels. Valid text sets "value" at once, so the chart follows
 * the typing, and the text stays as typed. Text that does not parse or
 * is out of range puts "value" back to the last committed one (the value
 * before the edit began, or the last one confirmed with Enter or by
 * leaving the field), marks the entry, and says in its tooltip which
 * value the chart uses: a value passed through on the way to an invalid
 * one ("1e4" on the way to "1e400") is never left in the design.
 *
 * "committed" says an edit is done (Enter, leaving the field, a click on
 * a check box or a choice): the window's undo makes one step of it.
 * dml_field_row_set_value () is a change from elsewhere (undo, a file, a
 * preset): it is the new committed value. A panel marks a rule between
 * fields with dml_field_row_set_rule (). */
struct _DmlFieldRow
{
  GObject         parent_instance;

  const DmlField *field;
  GtkWidget      *label;     /* NULL for a flag: its check box has the label */
  GtkWidget      *control;
  double          value;     /* what the design holds now */
  double          committed; /* what it holds while the text is invalid */
  char           *problem;   /* why the text is not applied; NULL while valid */
  char           *rule;      /* a rule between fields the value breaks, from the panel */
  gboolean        showing;   /* the control follows the value: no edit */
};

G_DEFINE_FINAL_TYPE (DmlFieldRow, dml_field_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

enum {
  COMMITTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The entry's mark, icon and tooltip: an icon in the field, not a line
 * under it, so that the fields below stay where they are and the next
 * click lands where aimed. */
static void
show_problem (DmlFieldRow *self)
{
  const char *problem = dml_field_row_get_problem (self);
  g_autofree char *text = NULL;

  if (problem != NULL && self->problem != NULL)
    {
      g_autofree char *used = dml_field_format (self->field, self->committed);

      text = g_strdup_printf (_("%s\nNot applied: the chart uses %s."), problem, used);
    }
  else if (problem != NULL)
    text = g_strdup (problem);

  if (text != NULL)
    gtk_widget_add_css_class (self->control, "error");
  else
    gtk_widget_remove_css_class (self->control, "error");
  gtk_widget_set_tooltip_text (self->control, text);
  if (GTK_IS_ENTRY (self->control))
    {
      gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->control), GTK_ENTRY_ICON_SECONDARY,
                                         text != NULL ? "dialog-warning-symbolic" : NULL);
      gtk_entry_set_icon_tooltip_text (GTK_ENTRY (self->control), GTK_ENTRY_ICON_SECONDARY, text);
    }
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->control), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->control), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
set_problem (DmlFieldRow *self,
             const char  *problem)
{
  if (g_strcmp0 (problem, self->problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  show_problem (self);
}

/* An edit: "value" notifies even where it stays, as when text turns
 * invalid on the committed value, so that the panel says so. */
static void
take_value (DmlFieldRow *self,
            double       value)
{
  self->value = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

static void
commit (DmlFieldRow *self)
{
  if (self->problem == NULL)
    self->committed = self->value;
  g_signal_emit (self, signals[COMMITTED], 0);
}

static void
entry_changed_cb (DmlFieldRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  double value;

  if (self->showing)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->control))));
  if (!dml_field_parse_value (self->field, text, TRUE, &value, &error))
    {
      set_problem (self, error->message);
      take_value (self, self->committed);
      return;
    }
  set_problem (self, NULL);
  take_value (self, value);
}

/* A check box or a drop-down: applied and done at once. */
static void
choice_changed_cb (DmlFieldRow *self)
{
  if (self->showing)
    return;
  if (GTK_IS_CHECK_BUTTON (self->control))
    take_value (self, gtk_check_button_get_active (GTK_CHECK_BUTTON (self->control)));
  else
    take_value (self, gtk_drop_down_get_selected (GTK_DROP_DOWN (self->control)));
  commit (self);
}

static void
dml_field_row_dispose (GObject *object)
{
  DmlFieldRow *self = DML_FIELD_ROW (object);

  g_clear_object (&self->label);
  g_clear_object (&self->control);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->rule, g_free);

  G_OBJECT_CLASS (dml_field_row_parent_class)->dispose (object);
}

static void
dml_field_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DmlFieldRow *self = DML_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dml_field_row_class_init (DmlFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dml_field_row_dispose;
  object_class->get_property = dml_field_row_get_property;

  /* What the field holds: typed text once it is valid, else the value
   * committed last. Notified on every edit, not on
   * dml_field_row_set_value (). */
  properties[PROP_VALUE] = g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[COMMITTED] = g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dml_field_row_init (DmlFieldRow *self)
{
}

/* A row for @field; a choice's drop-down shows @choice_labels (in its
 * GEnum's order, untranslated), or without them the field's own
 * (dml_field_choice_label: its labels, else its nicks). */
DmlFieldRow *
dml_field_row_new (const DmlField     *field,
                   const char * const *choice_labels)
{
  DmlFieldRow *self = g_object_new (DML_TYPE_FIELD_ROW, NULL);
  const char *label = g_dgettext (GETTEXT_PACKAGE, field->label);

  self->field = field;
  switch (field->kind)
    {
    case DML_FIELD_BOOLEAN:
      self->control = gtk_check_button_new_with_label (label);
      g_signal_connect_object (self->control, "notify::active", G_CALLBACK (choice_changed_cb), self,
                               G_CONNECT_SWAPPED);
      break;

    case DML_FIELD_CHOICE:
      {
        GType type = dml_field_choice_type (field);
        g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

        for (guint i = 0; i < dml_enum_n_values (type); i++)
          gtk_string_list_append (list, choice_labels != NULL ? g_dgettext (GETTEXT_PACKAGE, choice_labels[i])
                                                              : dml_field_choice_label (field, (int) i));
        self->control = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
        g_signal_connect_object (self->control, "notify::selected", G_CALLBACK (choice_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      }
      break;

    case DML_FIELD_NUMBER:
    case DML_FIELD_COUNT:
    default:
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        self->control = gtk_entry_new ();
        /* Ctrl+Z undoes the design (the window's action), not the text,
         * which GTK would put back half-typed and apply. */
        gtk_editable_set_enable_undo (GTK_EDITABLE (self->control), FALSE);
        gtk_editable_set_width_chars (GTK_EDITABLE (self->control), 10);
        g_signal_connect_object (self->control, "changed", G_CALLBACK (entry_changed_cb), self, G_CONNECT_SWAPPED);
        g_signal_connect_object (self->control, "activate", G_CALLBACK (commit), self, G_CONNECT_SWAPPED);
        g_signal_connect_object (focus, "leave", G_CALLBACK (commit), self, G_CONNECT_SWAPPED);
        gtk_widget_add_controller (self->control, focus);
      }
      break;
    }
  g_object_ref_sink (self->control);
  gtk_widget_set_hexpand (self->control, TRUE);
  gtk_widget_set_name (self->control, field->property != NULL ? field->property : field->key);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->control), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  if (field->kind != DML_FIELD_BOOLEAN)
    {
      self->label = g_object_ref_sink (gtk_label_new (label));
      gtk_widget_set_halign (self->label, GTK_ALIGN_START);
      gtk_label_set_xalign (GTK_LABEL (self->label), 0);
      gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
      /* Ask for room to break between words, not inside a katakana word
       * ("スケールアップ"), where there is room for it. */
      gtk_label_set_natural_wrap_mode (GTK_LABEL (self->label), GTK_NATURAL_WRAP_WORD);
      gtk_label_set_mnemonic_widget (GTK_LABEL (self->label), self->control);
    }

  return self;
}

const DmlField *
dml_field_row_get_field (DmlFieldRow *self)
{
  g_return_val_if_fail (DML_IS_FIELD_ROW (self), NULL);
  return self->field;
}

/* The label to put beside the control; NULL for a flag, whose check box
 * holds its label. */
GtkWidget *
dml_field_row_get_label (DmlFieldRow *self)
{
  g_return_val_if_fail (DML_IS_FIELD_ROW (self), NULL);
  return self->label;
}

GtkWidget *
dml_field_row_get_control (DmlFieldRow *self)
{
  g_return_val_if_fail (DML_IS_FIELD_ROW (self), NULL);
  return self->control;
}

double
dml_field_row_get_value (DmlFieldRow *self)
{
  g_return_val_if_fail (DML_IS_FIELD_ROW (self), 0);
  return self->value;
}

/* @value from elsewhere (undo, a file, a preset, a model chosen): the
 * control shows it, it is committed, and the row is valid again. It is
 * no edit: "value" notifies edits only, so nothing echoes back. */
void
dml_field_row_set_value (DmlFieldRow *self,
                         double       value)
{
  g_return_if_fail (DML_IS_FIELD_ROW (self));

  self->showing = TRUE;
  if (GTK_IS_CHECK_BUTTON (self->control))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->control), value != 0);
  else if (GTK_IS_DROP_DOWN (self->control))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->control), (guint) value);
  else
    {
      g_autofree char *text = dml_field_format (self->field, value);

      gtk_editable_set_text (GTK_EDITABLE (self->control), text);
    }
  self->showing = FALSE;
  self->committed = self->value = value;
  g_clear_pointer (&self->rule, g_free);
  g_clear_pointer (&self->problem, g_free);
  show_problem (self);
}

/* Why the text is not applied, or the rule between fields the value
 * breaks; NULL when neither. */
const char *
dml_field_row_get_problem (DmlFieldRow *self)
{
  g_return_val_if_fail (DML_IS_FIELD_ROW (self), NULL);
  return self->problem != NULL ? self->problem : self->rule;
}

/* Marks a rule between fields that the row's value breaks (the panel
 * checks those), or clears it with NULL. */
void
dml_field_row_set_rule (DmlFieldRow *self,
                        const char  *problem)
{
  g_return_if_fail (DML_IS_FIELD_ROW (self));

  if (g_strcmp0 (problem, self->rule) == 0)
    return;
  g_free (self->rule);
  self->rule = g_strdup (problem);
  show_problem (self);
}

/* Appends to @invalid a DmlInvalidField for each of @rows (DmlFieldRow)
 * whose text is not applied, or whose value breaks a rule, named by the
 * field's label without its note; TRUE if there was one. Both panels
 * and Save use it. */
gboolean
dml_field_rows_get_invalid (GPtrArray *rows,
                            GArray    *invalid)
{
  gboolean found = FALSE;

  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (invalid != NULL, FALSE);

  for (guint i = 0; i < rows->len; i++)
    {
      DmlFieldRow *row = rows->pdata[i];
      const char *problem = dml_field_row_get_problem (row);
      g_autofree char *name = NULL;
      DmlInvalidField field = { row->control, NULL, problem };

      if (problem == NULL)
        continue;
      /* Interned: the array borrows its labels, and there are few. */
      name = dml_field_name (row->field);
      field.label = g_intern_string (name);
      g_array_append_val (invalid, field);
      found = TRUE;
    }

  return found;
}
