/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-file"

#include "config.h"

#include "dml-file.h"

/* Writes @data to @file so that a failure never damages what was there:
 * a temporary file beside it, flushed to disk, then renamed over it.
 *
 * Not g_file_replace_contents(): when GIO cannot finish its temporary
 * file it may fall back to rewriting the target in place, and a full
 * disk then leaves the old file empty (tests/test-design.c,
 * /design/full-disk). g_file_set_contents_full() never writes in place.
 * Files that are not local (GVfs) still go through GIO. */
gboolean
dml_file_replace (GFile       *file,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);

  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}
