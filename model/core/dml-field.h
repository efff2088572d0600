/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One input of a table of inputs: the design's (DmlParams, dml-params.c)
 * and the given run's (DmlRun, dml-run.c) are both arrays of these, and
 * one check, one parse, one text and one JSON path serve both
 * (docs/design.md, "One field machinery"). */
typedef enum
{
  DML_FIELD_NUMBER,
  DML_FIELD_COUNT,    /* a whole number */
  DML_FIELD_BOOLEAN,
  DML_FIELD_CHOICE,   /* one of a GEnum's values, its nick in files */
} DmlFieldKind;

typedef struct
{
  guint         group;         /* the table's own groups: a DmlGroup, or the run's model (0) and layout (1) */
  const char   *key;           /* JSON key inside its group; a runs file's column */
  const char   *property;      /* GObject property name; NULL where none */
  DmlFieldKind  kind;
  gsize         offset;        /* of a double; a gboolean (BOOLEAN); an enum (CHOICE) */
  double        min;
  double        max;
  gboolean      min_exclusive;
  gboolean      required;      /* a file must give it */
  const char   *unit;          /* SI unit symbol, "" for plain numbers */
  const char   *label;         /* untranslated; wrap in gettext () to show */
  GType       (*choice_type) (void); /* CHOICE: its GEnum */
  const char * const *choice_labels;  /* CHOICE: its values as shown, in the GEnum's order,
                                       * untranslated; NULL: its nicks */
} DmlField;

double    dml_field_get          (const DmlField  *field,
                                  gconstpointer    record);
void      dml_field_set          (const DmlField  *field,
                                  gpointer         record,
                                  double           value);
GType     dml_field_choice_type  (const DmlField  *field);
const char *dml_field_choice_label (const DmlField *field,
                                    int             value);
gboolean  dml_field_check        (const DmlField  *field,
                                  double           value,
                                  GError         **error);
gboolean  dml_field_parse_value  (const DmlField  *field,
                                  const char      *text,
                                  gboolean         quantity,
                                  double          *value,
                                  GError         **error);
gboolean  dml_field_parse        (const DmlField  *field,
                                  const char      *text,
                                  gboolean         quantity,
                                  gpointer         record,
                                  GError         **error);
char     *dml_field_text         (const DmlField  *field,
                                  double           value);
char     *dml_field_format       (const DmlField  *field,
                                  double           value);
char     *dml_field_name         (const DmlField  *field);
gboolean  dml_field_json_read    (const DmlField  *field,
                                  JsonNode        *member,
                                  const char      *path,
                                  gpointer         record,
                                  GPtrArray       *problems);
void      dml_field_json_add     (const DmlField  *field,
                                  gconstpointer    record,
                                  JsonBuilder     *builder);

G_END_DECLS
