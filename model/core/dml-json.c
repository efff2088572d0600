/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-json"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dml-error.h"
#include "dml-format.h"
#include "dml-json.h"

/* JSON text from a JsonBuilder's tree. json-glib 1.6's generator writes a
 * double such as 1e21 as "1e+21.0", which no parser reads back, and 0.7
 * as 0.69999999999999996; this writer gives the shortest text that reads
 * back to the same double, never in the locale's format. */

static void write_node (GString *out, JsonNode *node, int depth);

static void
write_double (GString *out,
              double   value)
{
  g_autofree char *text = NULL;

  /* JSON has no infinities; the readers treat null as "none". */
  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  text = dml_format_ascii (value);
  g_string_append (out, text);
}

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *c = (const guchar *) text; *c; c++)
    {
      switch (*c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        default:
          if (*c < 0x20)
            g_string_append_printf (out, "\\u%04x", *c);
          else
            g_string_append_c (out, (char) *c);
        }
    }
  g_string_append_c (out, '"');
}

static void
indent (GString *out,
        int      depth)
{
  g_string_append_c (out, '\n');
  for (int i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    write_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    write_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static void
write_node (GString  *out,
            JsonNode *node,
            int       depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            indent (out, depth + 1);
            write_string (out, name);
            g_string_append (out, ": ");
            write_node (out, member, depth + 1);
          }
        if (!first)
          indent (out, depth);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            indent (out, depth + 1);
            write_node (out, json_array_get_element (array, i), depth + 1);
          }
        if (n > 0)
          indent (out, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      write_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
dml_json_to_string (JsonNode *root,
                    gsize    *length)
{
  GString *out = g_string_new (NULL);

  write_node (out, root, 0);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/* A strict reader of JSON text (RFC 8259) that builds nothing: it only
 * says whether json-glib may see the text. json-glib 1.6 accepts
 * comments, single quotes, hexadecimal numbers and trailing data, keeps
 * the last of two equal keys, recurses once per level of nesting, and
 * reads a whole number beyond 64 bits as a wrong one. Each of those is
 * refused here with the place it occurs. */

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       max_depth;
  GPtrArray  *path;    /* one element per level: the key, or "[i]" */
  GError    **error;
} Checker;

static void
checker_fail (Checker    *c,
              gsize       at,
              DmlError    code,
              const char *format,
              ...) G_GNUC_PRINTF (4, 5);

/* Text that is not JSON (DML_ERROR_PARSE) says so first; either way the
 * error gives the path of the value, where there is one, and the line
 * and column. */
static void
checker_fail (Checker    *c,
              gsize       at,
              DmlError    code,
              const char *format,
              ...)
{
  g_autofree char *what = NULL;
  g_autofree char *where = NULL;
  GString *path = g_string_new (NULL);
  int line = 1, column = 1;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* Columns count characters, as editors show them. */
  for (gsize i = 0; i < at && i < c->length; i++)
    {
      if (c->data[i] == '\n')
        line++, column = 1;
      else if (((guchar) c->data[i] & 0xc0) != 0x80)
        column++;
    }
  where = g_strdup_printf (_("line %d, column %d"), line, column);

  for (guint i = 0; i < c->path->len; i++)
    {
      const char *part = c->path->pdata[i];

      if (part == NULL)
        break;
      if (path->len > 0 && part[0] != '[')
        g_string_append_c (path, '.');
      g_string_append (path, part);
    }

  if (path->len > 0)
    g_set_error (c->error, DML_ERROR, code, "%s: %s (%s)", path->str, what, where);
  else
    g_set_error (c->error, DML_ERROR, code, "%s: %s", where, what);
  if (code == DML_ERROR_PARSE)
    g_prefix_error (c->error, _("Not valid JSON: "));

  g_string_free (path, TRUE);
}

static void
skip_space (Checker *c)
{
  while (c->pos < c->length &&
         (c->data[c->pos] == ' ' || c->data[c->pos] == '\t' ||
          c->data[c->pos] == '\n' || c->data[c->pos] == '\r'))
    c->pos++;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits after "\u" at @at, or -1. */
static int
read_hex4 (Checker *c,
           gsize    at)
{
  int value = 0;

  if (at + 4 > c->length)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_digit (c->data[at + i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* A string at c->pos (its opening quote). If @decoded is given, it gets
 * the text the string stands for, to compare keys by. */
static gboolean
check_string (Checker *c,
              GString *decoded)
{
  gsize start = c->pos;

  if (c->data[c->pos] == '\'')
    {
      checker_fail (c, start, DML_ERROR_PARSE, _("strings need double quotes (\"), not single quotes"));
      return FALSE;
    }

  for (c->pos++; c->pos < c->length; c->pos++)
    {
      guchar ch = c->data[c->pos];

      if (ch == '"')
        {
          c->pos++;
          return TRUE;
        }
      if (ch < 0x20)
        {
          checker_fail (c, c->pos, DML_ERROR_PARSE, _("is not valid text: a control character inside a string must be written as an escape such as \\n"));
          return FALSE;
        }
      if (ch != '\\')
        {
          if (decoded != NULL)
            g_string_append_c (decoded, ch);
          continue;
        }

      if (++c->pos >= c->length)
        break;
      switch (c->data[c->pos])
        {
        case '"': case '\\': case '/':
          if (decoded != NULL)
            g_string_append_c (decoded, c->data[c->pos]);
          break;
        case 'b': case 'f': case 'n': case 'r': case 't':
          if (decoded != NULL)
            g_string_append_c (decoded, c->data[c->pos]);
          break;
        case 'u':
          {
            int unit = read_hex4 (c, c->pos + 1);
            gunichar code = unit;

            if (unit < 0)
              {
                checker_fail (c, c->pos - 1, DML_ERROR_PARSE, _("is not valid text: \\u must be followed by four hexadecimal digits"));
                return FALSE;
              }
            c->pos += 4;
            if (unit >= 0xdc00 && unit <= 0xdfff)
              {
                checker_fail (c, c->pos - 5, DML_ERROR_PARSE, _("is not valid text: a \\u escape holds half of a character"));
                return FALSE;
              }
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                int low = c->pos + 2 < c->length && c->data[c->pos + 1] == '\\' && c->data[c->pos + 2] == 'u'
                          ? read_hex4 (c, c->pos + 3) : -1;

                if (low < 0xdc00 || low > 0xdfff)
                  {
                    checker_fail (c, c->pos - 5, DML_ERROR_PARSE, _("is not valid text: a \\u escape holds half of a character"));
                    return FALSE;
                  }
                c->pos += 6;
                code = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
              }
            if (decoded != NULL)
              g_string_append_unichar (decoded, code);
          }
          break;
        default:
          checker_fail (c, c->pos - 1, DML_ERROR_PARSE, _("is not valid text: \\%c is not an escape JSON knows"), c->data[c->pos]);
          return FALSE;
        }
    }

  checker_fail (c, start, DML_ERROR_PARSE, _("a string is not closed; a double quote (\") is missing"));
  return FALSE;
}

static gboolean
is_digit (Checker *c,
          gsize    at)
{
  return at < c->length && g_ascii_isdigit (c->data[at]);
}

/* A whole number the reader can hold exactly: json-glib reads it into 64
 * bits, and the model into a double. */
static gboolean
integer_is_exact (const char *text)
{
  gint64 value;
  char *end;

  errno = 0;
  value = g_ascii_strtoll (text, &end, 10);
  if (errno != 0)
    return FALSE;
  if (value >= -(G_GINT64_CONSTANT (1) << 53) && value <= G_GINT64_CONSTANT (1) << 53)
    return TRUE;

  /* Past 2^53 only some whole numbers are doubles; 2^63 itself is not an
   * int64, so compare as doubles below it. */
  return fabs ((double) value) < 9223372036854775808.0 && (gint64) (double) value == value;
}

/* The byte at @at, or NUL past the end. */
static char
peek (Checker *c,
      gsize    at)
{
  return at < c->length ? c->data[at] : '\0';
}

static gboolean
check_number (Checker *c)
{
  gsize start = c->pos;
  gboolean whole = TRUE;

  if (peek (c, c->pos) == '-')
    c->pos++;

  if (peek (c, c->pos) == '.' || (peek (c, c->pos) == '0' && g_ascii_tolower (peek (c, c->pos + 1)) == 'x'))
    {
      checker_fail (c, start, DML_ERROR_PARSE, peek (c, c->pos) == '.'
                              ? _("a number needs a digit before its point, as in 0.5")
                              : _("hexadecimal numbers are not JSON; write the number in decimal"));
      return FALSE;
    }
  if (!is_digit (c, c->pos))
    {
      checker_fail (c, start, DML_ERROR_PARSE, _("a number needs digits"));
      return FALSE;
    }
  if (peek (c, c->pos) == '0' && is_digit (c, c->pos + 1))
    {
      checker_fail (c, start, DML_ERROR_PARSE, _("a number cannot start with 0 (octal is not JSON)"));
      return FALSE;
    }
  while (is_digit (c, c->pos))
    c->pos++;

  if (peek (c, c->pos) == '.')
    {
      whole = FALSE;
      c->pos++;
      if (!is_digit (c, c->pos))
        {
          checker_fail (c, start, DML_ERROR_PARSE, _("a number needs a digit after its point, as in 1.0"));
          return FALSE;
        }
      while (is_digit (c, c->pos))
        c->pos++;
    }

  if (g_ascii_tolower (peek (c, c->pos)) == 'e')
    {
      whole = FALSE;
      c->pos++;
      if (peek (c, c->pos) == '+' || peek (c, c->pos) == '-')
        c->pos++;
      if (!is_digit (c, c->pos))
        {
          checker_fail (c, start, DML_ERROR_PARSE, _("a number’s exponent needs digits, as in 1e28"));
          return FALSE;
        }
      while (is_digit (c, c->pos))
        c->pos++;
    }

  if (whole)
    {
      g_autofree char *text = g_strndup (c->data + start, c->pos - start);

      if (!integer_is_exact (text))
        {
          checker_fail (c, start, DML_ERROR_INVALID, _("%s has too many digits to be read exactly; write it with an exponent, as in 1e20"), text);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean check_value (Checker *c, guint depth);

static gboolean
check_literal (Checker    *c,
               const char *word)
{
  gsize n = strlen (word);

  if (c->length - c->pos < n || memcmp (c->data + c->pos, word, n) != 0)
    return FALSE;
  c->pos += n;
  return TRUE;
}

static gboolean
check_object (Checker *c,
              guint    depth)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint level = c->path->len;

  c->pos++;
  skip_space (c);
  if (c->pos < c->length && c->data[c->pos] == '}')
    {
      c->pos++;
      return TRUE;
    }

  g_ptr_array_add (c->path, NULL);
  for (;;)
    {
      GString *key = g_string_new (NULL);
      gsize key_at = c->pos;
      gboolean ok;

      g_clear_pointer (&c->path->pdata[level], g_free);

      if (c->pos >= c->length || (c->data[c->pos] != '"' && c->data[c->pos] != '\''))
        {
          g_string_free (key, TRUE);
          checker_fail (c, c->pos, DML_ERROR_PARSE, c->pos < c->length && c->data[c->pos] == '/'
                                   ? _("comments are not allowed in JSON")
                                   : _("expected a key in double quotes"));
          return FALSE;
        }
      ok = check_string (c, key);
      g_free (c->path->pdata[level]);
      c->path->pdata[level] = g_string_free (key, FALSE);
      if (!ok)
        return FALSE;

      if (!g_hash_table_add (keys, g_strdup (c->path->pdata[level])))
        {
          checker_fail (c, key_at, DML_ERROR_PARSE, _("appears twice; a key may appear once in an object"));
          return FALSE;
        }

      skip_space (c);
      if (c->pos >= c->length || c->data[c->pos] != ':')
        {
          checker_fail (c, c->pos, DML_ERROR_PARSE, _("expected “:” after the key"));
          return FALSE;
        }
      c->pos++;
      if (!check_value (c, depth))
        return FALSE;

      skip_space (c);
      if (c->pos < c->length && c->data[c->pos] == ',')
        {
          c->pos++;
          skip_space (c);
          continue;
        }
      if (c->pos < c->length && c->data[c->pos] == '}')
        break;

      checker_fail (c, c->pos, DML_ERROR_PARSE, c->pos < c->length && c->data[c->pos] == '/'
                               ? _("comments are not allowed in JSON")
                               : _("expected “,” or “}”"));
      return FALSE;
    }

  c->pos++;
  g_free (g_ptr_array_steal_index (c->path, level));
  return TRUE;
}

static gboolean
check_array (Checker *c,
             guint    depth)
{
  guint level = c->path->len;

  c->pos++;
  skip_space (c);
  if (c->pos < c->length && c->data[c->pos] == ']')
    {
      c->pos++;
      return TRUE;
    }

  g_ptr_array_add (c->path, NULL);
  for (guint index = 0;; index++)
    {
      g_free (c->path->pdata[level]);
      c->path->pdata[level] = g_strdup_printf ("[%u]", index);
      if (!check_value (c, depth))
        return FALSE;

      skip_space (c);
      if (c->pos < c->length && c->data[c->pos] == ',')
        {
          c->pos++;
          continue;
        }
      if (c->pos < c->length && c->data[c->pos] == ']')
        break;

      checker_fail (c, c->pos, DML_ERROR_PARSE, c->pos < c->length && c->data[c->pos] == '/'
                               ? _("comments are not allowed in JSON")
                               : _("expected “,” or “]”"));
      return FALSE;
    }

  c->pos++;
  g_free (g_ptr_array_steal_index (c->path, level));
  return TRUE;
}

static gboolean
check_value (Checker *c,
             guint    depth)
{
  char ch;

  skip_space (c);
  if (c->pos >= c->length)
    {
      checker_fail (c, c->pos, DML_ERROR_PARSE, _("the text ends where a value should be"));
      return FALSE;
    }

  ch = c->data[c->pos];
  if (ch == '{' || ch == '[')
    {
      /* Refuse before going deeper, so the depth of this recursion is
       * bounded too. */
      if (depth + 1 > c->max_depth)
        {
          g_set_error (c->error, DML_ERROR, DML_ERROR_PARSE,
                       _("The file nests deeper than %u levels; it is not a design"), c->max_depth);
          return FALSE;
        }
      return ch == '{' ? check_object (c, depth + 1) : check_array (c, depth + 1);
    }
  if (ch == '"' || ch == '\'')
    return check_string (c, NULL);
  if (ch == '-' || ch == '.' || g_ascii_isdigit (ch))
    return check_number (c);
  if (check_literal (c, "true") || check_literal (c, "false") || check_literal (c, "null"))
    return TRUE;
  if (ch == '/')
    checker_fail (c, c->pos, DML_ERROR_PARSE, _("comments are not allowed in JSON"));
  else
    checker_fail (c, c->pos, DML_ERROR_PARSE, _("expected a value: a number, a string, true, false, null, an object or an array"));

  return FALSE;
}

/* Whether @data is one JSON value, strictly by RFC 8259, nested at most
 * @max_depth deep, with no key twice in an object and no whole number
 * that json-glib would misread. The error names the line and column,
 * and the path of the value where there is one. Its code is
 * DML_ERROR_INVALID for a number that cannot be read, else
 * DML_ERROR_PARSE. */
gboolean
dml_json_check (const char  *data,
                gsize        length,
                guint        max_depth,
                GError     **error)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_free);
  Checker c = { data, length, 0, max_depth, path, error };

  if (!check_value (&c, 0))
    return FALSE;

  skip_space (&c);
  if (c.pos < c.length)
    {
      checker_fail (&c, c.pos, DML_ERROR_PARSE, c.data[c.pos] == '/'
                               ? _("comments are not allowed in JSON")
                               : _("text follows the end of the JSON value"));
      return FALSE;
    }

  return TRUE;
}

/* Reading design and preset files: parse strictly, then read each field
 * with its path in every problem. */

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;

  return TRUE;
}

/* The JSON value in @data, if it is strict JSON (dml_json_check()), UTF-8,
 * at most @max_bytes long and @max_depth deep. */
JsonNode *
dml_json_parse (const char  *data,
                gsize        length,
                gsize        max_bytes,
                guint        max_depth,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  if (length > max_bytes)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_TOO_LARGE,
                   _("The file is larger than %lu bytes, the most a design can be"), (gulong) max_bytes);
      return NULL;
    }

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, DML_ERROR, DML_ERROR_PARSE,
                           _("The file is not UTF-8 text; it is not a design"));
      return NULL;
    }

  if (is_blank (data, length))
    {
      g_set_error_literal (error, DML_ERROR, DML_ERROR_PARSE, _("The file is empty"));
      return NULL;
    }

  /* json-glib accepts more than JSON and recurses once per level of
   * nesting: only strict, shallow text reaches it. */
  if (!dml_json_check (data, length, max_depth, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, DML_ERROR, DML_ERROR_PARSE, _("Not valid JSON: %s"), local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, DML_ERROR, DML_ERROR_PARSE, _("The file is empty"));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

gboolean
dml_json_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* The string member @key of @object, or NULL if there is none; a member
 * that is no string, or not UTF-8, adds a problem naming @path. */
char *
dml_json_read_string (JsonObject *object,
                      const char *path,
                      const char *key,
                      GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      dml_problems_add (problems, _("%s: must be a string"), path);
      return NULL;
    }

  /* json-glib 1.6 decodes a broken escape such as "\udd" into bytes
   * that are not UTF-8; refuse them here rather than write them later. */
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    {
      dml_problems_add (problems, _("%s: is not valid text (a broken \\u escape?)"), path);
      return NULL;
    }

  return g_strdup (json_node_get_string (node));
}

/* For writers that stream JSON without a JsonBuilder's tree (the runs
 * report: one node a value is ten times the text). */
void
dml_json_append_string (GString    *out,
                        const char *text)
{
  write_string (out, text);
}

void
dml_json_append_double (GString *out,
                        double   value)
{
  write_double (out, value);
}

/* Edits needed to turn @a into @b, to suggest the key meant. */
static guint
edit_distance (const char *a,
               const char *b)
{
  gsize m = strlen (a), n = strlen (b);
  g_autofree guint *row = g_new (guint, n + 1);

  for (gsize j = 0; j <= n; j++)
    row[j] = j;

  for (gsize i = 1; i <= m; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= n; j++)
        {
          guint above = row[j];

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] != b[j - 1]));
          diagonal = above;
        }
    }

  return row[n];
}

/* A warning for each member of @object that is not in @known: a typo
 * would otherwise leave the baseline's value in place without a word. */
void
dml_json_warn_unknown_keys (JsonObject         *object,
                            const char         *prefix,
                            const char * const *known,
                            GPtrArray          *warnings)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_autofree char *printable = NULL;
      const char *nearest = NULL;
      guint best = G_MAXUINT;

      if (g_strv_contains (known, name))
        continue;

      /* No key is near 64 characters; a longer name has no near key,
       * and comparing it would cost O(length) per key. */
      for (guint i = 0; known[i] != NULL && strlen (name) <= 64; i++)
        {
          guint distance = edit_distance (name, known[i]);

          if (distance < best)
            best = distance, nearest = known[i];
        }

      printable = dml_format_printable (name);
      if (nearest != NULL && best <= MAX (2, strlen (name) / 2))
        dml_problems_add (warnings, _("%s%s: unknown key, ignored; did you mean %s?"), prefix, printable, nearest);
      else
        dml_problems_add (warnings, _("%s%s: unknown key, ignored"), prefix, printable);
    }
}
