/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-document"

#include "config.h"

#include <glib/gi18n.h>

#include "dml-document.h"
#include "dml-file.h"

/* A design as the user edits it, as GNOME Text Editor's EditorDocument
 * is a buffer: the one DmlDesign the panels are bound to, the file it
 * came from and the copy saved there, the name it follows, and undo and
 * redo.
 *
 * Undo keeps whole designs, so that every group is covered: hardware,
 * workload, sites, the given run, the uncertainty ranges, the name. A
 * step is what lies between two commits. The panels commit when an edit
 * is done (Enter, leaving a field, a click on a check box, a preset), so
 * that typing "100 GB/s" is one step, not one per keystroke through
 * 1, 10 and 100 B/s; undo commits first, so an edit still in its field
 * is the step it undoes. */

#define HISTORY_MAX 100

struct _DmlDocument
{
  GObject     parent_instance;

  DmlDesign  *design;
  GFile      *file;
  DmlDesign  *saved;      /* as in the file; NULL before the first save */
  DmlDesign  *origin;     /* as opened: what the derived name describes changes to */
  char       *auto_name;  /* the name last derived; a different one was typed */
  char      **warnings;   /* what the last file opened had that was not used */

  /* Each a Snapshot, the newest last. */
  GPtrArray  *undo;
  GPtrArray  *redo;
  /* The design as of the last commit: what undo goes back from. */
  struct _Snapshot *current;

  gboolean    restoring;  /* the design is being replaced, not edited */
  gboolean    dirty;
  gboolean    can_undo;
  gboolean    can_redo;
};

typedef struct _Snapshot
{
  DmlDesign *design;
  char      *auto_name;
} Snapshot;

G_DEFINE_FINAL_TYPE (DmlDocument, dml_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DESIGN,
  PROP_FILE,
  PROP_TITLE,
  PROP_DIRTY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static Snapshot *
snapshot_new (DmlDocument *self)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->design = dml_design_copy (self->design);
  snapshot->auto_name = g_strdup (self->auto_name);
  return snapshot;
}

static void
snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  g_clear_object (&snapshot->design);
  g_clear_pointer (&snapshot->auto_name, g_free);
  g_free (snapshot);
}

static void
set_boolean (DmlDocument *self,
             gboolean    *field,
             gboolean     value,
             guint        prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Dirty means different from the file: edits undone, or typed back to
 * the saved value, leave nothing to save. */
static void
update_state (DmlDocument *self)
{
  gboolean pending = !dml_design_equal (self->design, self->current->design);

  set_boolean (self, &self->dirty, self->saved == NULL || !dml_design_equal (self->design, self->saved), PROP_DIRTY);
  set_boolean (self, &self->can_undo, pending || self->undo->len > 0, PROP_CAN_UNDO);
  set_boolean (self, &self->can_redo, self->redo->len > 0, PROP_CAN_REDO);
}

/* While the user has not renamed the design, its name says how it
 * differs from the design as opened ("… — NVIDIA GB200 NVL72"), so the
 * title, exports and the Compare legend never show an old name for new
 * numbers. */
static void
follow_name (DmlDocument *self)
{
  g_autofree char *derived = NULL;

  if (self->origin == NULL || g_strcmp0 (dml_design_get_name (self->design), self->auto_name) != 0)
    return;

  derived = dml_design_derive_name (self->origin, self->design);
  g_free (self->auto_name);
  self->auto_name = g_strdup (derived);
  dml_design_set_name (self->design, derived);
}

static void
set_origin (DmlDocument *self)
{
  g_clear_object (&self->origin);
  self->origin = dml_design_copy (self->design);
  g_free (self->auto_name);
  self->auto_name = g_strdup (dml_design_get_name (self->design));
}

/* Puts @from's contents into the document's design: the panels stay
 * bound to the one object. */
static void
restore (DmlDocument *self,
         DmlDesign   *from)
{
  g_autofree char *name = g_strdup (dml_design_get_name (self->design));
  DmlParams params;
  DmlRun run;

  self->restoring = TRUE;
  dml_design_get_params (from, &params);
  g_object_freeze_notify (G_OBJECT (self->design));
  dml_design_set_name (self->design, dml_design_get_name (from));
  dml_design_set_notes (self->design, dml_design_get_notes (from));
  dml_design_set_params (self->design, &params);
  /* After the numbers, which name a preset of their own. */
  dml_design_set_preset (self->design, dml_design_get_preset (from));
  dml_design_set_run (self->design, dml_design_get_run (from, &run) ? &run : NULL);
  g_object_thaw_notify (G_OBJECT (self->design));
  self->restoring = FALSE;

  if (g_strcmp0 (name, dml_design_get_name (self->design)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* A new design in the document: no steps to undo, the name follows
 * edits from here. */
static void
reset_history (DmlDocument *self)
{
  set_origin (self);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_clear_pointer (&self->current, snapshot_free);
  self->current = snapshot_new (self);
  update_state (self);
}

static void
design_changed_cb (DmlDocument *self,
                   GParamSpec  *pspec)
{
  if (self->restoring)
    return;

  if (pspec == NULL || (!g_str_equal (pspec->name, "name") && !g_str_equal (pspec->name, "notes")))
    follow_name (self);
  else if (g_str_equal (pspec->name, "name"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);

  /* An edit after undo: what was undone can no longer be redone. */
  if (self->redo->len > 0 && !dml_design_equal (self->design, self->current->design))
    g_ptr_array_set_size (self->redo, 0);

  update_state (self);
}

static void
run_changed_cb (DmlDocument *self)
{
  design_changed_cb (self, NULL);
}

static void
dml_document_dispose (GObject *object)
{
  DmlDocument *self = (DmlDocument *) object;

  if (self->design != NULL)
    g_signal_handlers_disconnect_by_data (self->design, self);
  g_clear_object (&self->design);
  g_clear_object (&self->file);
  g_clear_object (&self->saved);
  g_clear_object (&self->origin);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->current, snapshot_free);

  G_OBJECT_CLASS (dml_document_parent_class)->dispose (object);
}

static void
dml_document_finalize (GObject *object)
{
  DmlDocument *self = (DmlDocument *) object;

  g_clear_pointer (&self->auto_name, g_free);
  g_clear_pointer (&self->warnings, g_strfreev);

  G_OBJECT_CLASS (dml_document_parent_class)->finalize (object);
}

static void
dml_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DmlDocument *self = DML_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_DESIGN:
      g_value_set_object (value, self->design);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_set_string (value, dml_document_get_title (self));
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dml_document_class_init (DmlDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dml_document_dispose;
  object_class->finalize = dml_document_finalize;
  object_class->get_property = dml_document_get_property;

  properties[PROP_DESIGN] = g_param_spec_object ("design", NULL, NULL, DML_TYPE_DESIGN, flags);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dml_document_init (DmlDocument *self)
{
  self->design = dml_design_new ();
  /* The baseline a window opens with has nothing to lose. */
  self->saved = dml_design_copy (self->design);
  self->undo = g_ptr_array_new_with_free_func (snapshot_free);
  self->redo = g_ptr_array_new_with_free_func (snapshot_free);
  reset_history (self);

  g_signal_connect_object (self->design, "notify", G_CALLBACK (design_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->design, "run-changed", G_CALLBACK (run_changed_cb), self, G_CONNECT_SWAPPED);
}

/* The paper baseline, as if saved: closing it asks nothing. */
DmlDocument *
dml_document_new (void)
{
  return g_object_new (DML_TYPE_DOCUMENT, NULL);
}

/* The one design of this document, for its whole life: opening a file,
 * undo and redo change its contents, not the object. */
DmlDesign *
dml_document_get_design (DmlDocument *self)
{
  g_return_val_if_fail (DML_IS_DOCUMENT (self), NULL);
  return self->design;
}

/* The file opened or last saved to; NULL for a design never saved. */
GFile *
dml_document_get_file (DmlDocument *self)
{
  g_return_val_if_fail (DML_IS_DOCUMENT (self), NULL);
  return self->file;
}

/* The design's name, or "Untitled design" when it has none. */
const char *
dml_document_get_title (DmlDocument *self)
{
  const char *name;

  g_return_val_if_fail (DML_IS_DOCUMENT (self), NULL);

  name = dml_design_get_name (self->design);
  return name[0] != '\0' ? name : _("Untitled design");
}

gboolean
dml_document_get_dirty (DmlDocument *self)
{
  g_return_val_if_fail (DML_IS_DOCUMENT (self), FALSE);
  return self->dirty;
}

gboolean
dml_document_get_can_undo (DmlDocument *self)
{
  g_return_val_if_fail (DML_IS_DOCUMENT (self), FALSE);
  return self->can_undo;
}

gboolean
dml_document_get_can_redo (DmlDocument *self)
{
  g_return_val_if_fail (DML_IS_DOCUMENT (self), FALSE);
  return self->can_redo;
}

/* Ends an edit: the changes since the last commit become one step. */
void
dml_document_commit (DmlDocument *self)
{
  g_return_if_fail (DML_IS_DOCUMENT (self));

  if (self->restoring || dml_design_equal (self->design, self->current->design))
    return;

  if (self->undo->len == HISTORY_MAX)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_add (self->undo, g_steal_pointer (&self->current));
  self->current = snapshot_new (self);
  update_state (self);
}

/* Moves the newest snapshot of @from to @to, and puts it in the design. */
static void
step (DmlDocument *self,
      GPtrArray   *from,
      GPtrArray   *to)
{
  Snapshot *target = g_ptr_array_steal_index (from, from->len - 1);

  g_ptr_array_add (to, g_steal_pointer (&self->current));
  self->current = target;
  restore (self, target->design);
  g_free (self->auto_name);
  self->auto_name = g_strdup (target->auto_name);
  update_state (self);
}

/* Back one step; an edit not yet committed is that step. */
gboolean
dml_document_undo (DmlDocument *self)
{
  g_return_val_if_fail (DML_IS_DOCUMENT (self), FALSE);

  dml_document_commit (self);
  if (self->undo->len == 0)
    return FALSE;

  step (self, self->undo, self->redo);
  return TRUE;
}

gboolean
dml_document_redo (DmlDocument *self)
{
  g_return_val_if_fail (DML_IS_DOCUMENT (self), FALSE);

  /* An edit since the undo has emptied the redo stack. */
  if (self->redo->len == 0)
    return FALSE;

  step (self, self->redo, self->undo);
  return TRUE;
}

/* Loads @file into the design. On failure the design stays as it was
 * and @error names the field at fault. */
gboolean
dml_document_load (DmlDocument  *self,
                   GFile        *file,
                   GError      **error)
{
  g_autoptr(DmlDesign) loaded = NULL;

  g_return_val_if_fail (DML_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* dml_design_new_from_file() refuses FIFOs and devices before reading,
   * and reads at most a design's size: it cannot block this thread. */
  loaded = dml_design_new_from_file (file, NULL, error);
  if (loaded == NULL)
    return FALSE;

  restore (self, loaded);
  g_clear_pointer (&self->warnings, g_strfreev);
  self->warnings = g_strdupv ((char **) dml_design_get_warnings (loaded));
  g_clear_object (&self->saved);
  self->saved = dml_design_copy (self->design);
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  reset_history (self);

  return TRUE;
}

/* What the file last opened had that was not used: unknown keys, each
 * with the nearest known one. */
const char * const *
dml_document_get_warnings (DmlDocument *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (DML_IS_DOCUMENT (self), NULL);

  return self->warnings != NULL ? (const char * const *) self->warnings : none;
}

/* Saves the design to @file, atomically, which becomes the document's
 * file. Only regular files: a FIFO that nobody reads would block. */
gboolean
dml_document_save (DmlDocument  *self,
                   GFile        *file,
                   GError      **error)
{
  g_return_val_if_fail (DML_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!dml_file_check_regular (file, error) || !dml_design_save (self->design, file, NULL, error))
    return FALSE;

  g_clear_object (&self->saved);
  self->saved = dml_design_copy (self->design);
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  update_state (self);

  return TRUE;
}

/* @design's contents as a new, unsaved design: no file, nothing to undo. */
void
dml_document_take_design (DmlDocument *self,
                          DmlDesign   *design)
{
  g_return_if_fail (DML_IS_DOCUMENT (self));
  g_return_if_fail (DML_IS_DESIGN (design));

  restore (self, design);
  g_clear_pointer (&self->warnings, g_strfreev);
  g_clear_object (&self->saved);
  if (self->file != NULL)
    {
      g_clear_object (&self->file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  reset_history (self);
}
