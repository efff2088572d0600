/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dml-error.h"
#include "dml-file.h"

/* Reading and writing the files people name: designs, -o targets,
 * exports. Everything that touches a user's path goes through here, so
 * that a FIFO, a device, a symlink or a hard link is treated the same way
 * by the CLI and the app. */

#define MAX_SYMLINKS 40

static gboolean
fail_errno (GError     **error,
            int          saved_errno,
            const char  *format,
            const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               format, display, g_strerror (saved_errno));
  return FALSE;
}

/* What a path that is not a regular file is, for people. */
static const char *
describe_mode (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISFIFO (mode))
    return _("a named pipe (FIFO)");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  if (S_ISSOCK (mode))
    return _("a socket");
  return _("not a regular file");
}

/* Callers of a load name the file already; a write names its path. */
static gboolean
refuse_kind (GError     **error,
             const char  *path,
             mode_t       mode)
{
  GIOErrorEnum code = S_ISDIR (mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE;
  g_autofree char *display = NULL;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, code, _("This is %s, not a design file"), describe_mode (mode));
      return FALSE;
    }

  display = g_filename_display_name (path);
  g_set_error (error, G_IO_ERROR, code, _("Could not write %s: it is %s"), display, describe_mode (mode));
  return FALSE;
}

static gboolean
refuse_size (GError **error,
             gsize    max_bytes)
{
  g_set_error (error, DML_ERROR, DML_ERROR_TOO_LARGE,
               _("The file is larger than %lu bytes, the most a design can be"), (gulong) max_bytes);
  return FALSE;
}

static gboolean
load_local (const char  *path,
            gsize        max_bytes,
            char       **data,
            gsize       *length,
            GError     **error)
{
  g_autofree char *buffer = NULL;
  struct stat st;
  gsize got = 0;
  int fd;

  /* Non-blocking, so that opening a FIFO with no writer returns at once;
   * fstat then refuses it. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    return fail_errno (error, errno, _("Could not open %s: %s"), path);

  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      return fail_errno (error, saved, _("Could not open %s: %s"), path);
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      return refuse_kind (error, NULL, st.st_mode);
    }

  /* Whatever stat says (files in /proc say 0), read one byte past the
   * limit and no more. */
  buffer = g_malloc (max_bytes + 2);
  while (got < max_bytes + 1)
    {
      gssize n = read (fd, buffer + got, max_bytes + 1 - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          return fail_errno (error, saved, _("Could not read %s: %s"), path);
        }
      if (n == 0)
        break;
      got += n;
    }
  close (fd);

  if (got > max_bytes)
    return refuse_size (error, max_bytes);

  buffer[got] = '\0';
  *data = g_steal_pointer (&buffer);
  *length = got;
  return TRUE;
}

/* Files that are not local (GVfs): the same rules through GIO. */
static gboolean
load_gio (GFile         *file,
          gsize          max_bytes,
          GCancellable  *cancellable,
          char         **data,
          gsize         *length,
          GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *buffer = NULL;
  gsize got = 0;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_TYPE, cancellable, NULL);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR &&
      g_file_info_get_file_type (info) != G_FILE_TYPE_UNKNOWN)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("This is not a regular file; a design is a file"));
      return FALSE;
    }

  buffer = g_malloc (max_bytes + 2);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, max_bytes + 1, &got, cancellable, error))
    return FALSE;
  if (got > max_bytes)
    return refuse_size (error, max_bytes);

  buffer[got] = '\0';
  *data = g_steal_pointer (&buffer);
  *length = got;
  return TRUE;
}

/* Reads @file whole, if it is a regular file of at most @max_bytes. A
 * FIFO, a device, a socket or a folder is refused before anything is
 * read, so a caller on the main thread never blocks on one; a file that
 * grows past the limit is refused after max_bytes + 1 bytes. @data is
 * NUL-terminated. */
gboolean
dml_file_load (GFile         *file,
               gsize          max_bytes,
               GCancellable  *cancellable,
               char         **data,
               gsize         *length,
               GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL && length != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  path = g_file_get_path (file);
  if (path == NULL)
    return load_gio (file, max_bytes, cancellable, data, length, error);

  return load_local (path, max_bytes, data, length, error);
}

/* The file a chain of symlinks ends at; @path itself if it is none. A
 * missing end is fine: that is where a new file goes. */
static char *
resolve_links (const char  *path,
               GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (int i = 0; i < MAX_SYMLINKS; i++)
    {
      g_autofree char *target = g_file_read_link (current, NULL);
      g_autofree char *dir = NULL;

      if (target == NULL)
        return g_steal_pointer (&current);

      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_path_is_absolute (target) ? g_steal_pointer (&target)
                                            : g_build_filename (dir, target, NULL);
    }

  fail_errno (error, ELOOP, _("Could not write %s: %s"), path);
  return NULL;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           off_t        offset,
           gboolean     seekable)
{
  while (length > 0)
    {
      gssize n = seekable ? pwrite (fd, data, length, offset) : write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      length -= n;
      offset += n;
    }

  return TRUE;
}

/* Devices, FIFOs, the terminal: written in place, never replaced. The
 * open never waits: a FIFO that no program reads is refused, not waited
 * on until a reader comes. Writing then waits for the reader, as in a
 * shell pipe. */
static gboolean
write_in_place (const char  *path,
                int          fd,
                const char  *data,
                gsize        length,
                GError     **error)
{
  gboolean opened = fd < 0;

  if (opened)
    {
      fd = g_open (path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK, 0);
      if (fd < 0 && errno == ENXIO)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                       _("Could not write %s: it is a named pipe that no program reads; start the reader first, "
                         "or write to a file"), display);
          return FALSE;
        }
      if (fd >= 0 && fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK) != 0)
        {
          int saved = errno;

          close (fd);
          return fail_errno (error, saved, _("Could not write %s: %s"), path);
        }
    }
  if (fd < 0)
    return fail_errno (error, errno, _("Could not write %s: %s"), path);

  if (!write_all (fd, data, length, 0, FALSE))
    {
      int saved = errno;

      if (opened)
        close (fd);
      return fail_errno (error, saved, _("Could not write %s: %s"), path);
    }

  if (opened && close (fd) != 0 && errno != EINTR)
    return fail_errno (error, errno, _("Could not write %s: %s"), path);

  return TRUE;
}

/* A file with other hard links keeps its inode, so the links see the new
 * text. The space is reserved first: if the disk is full, nothing has
 * been written yet and the old text is whole. */
static gboolean
write_linked (const char  *path,
              const char  *data,
              gsize        length,
              GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);
  int status;

  if (fd < 0)
    return fail_errno (error, errno, _("Could not write %s: %s"), path);

  status = length > 0 ? posix_fallocate (fd, 0, length) : 0;
  if (status != 0 ||
      !write_all (fd, data, length, 0, TRUE) ||
      ftruncate (fd, length) != 0 ||
      fsync (fd) != 0)
    {
      int saved = status != 0 ? status : errno;

      close (fd);
      return fail_errno (error, saved, _("Could not write %s: %s"), path);
    }

  if (close (fd) != 0 && errno != EINTR)
    return fail_errno (error, errno, _("Could not write %s: %s"), path);

  return TRUE;
}

/* A temporary file beside @path, flushed to disk, then renamed over it:
 * a failure at any point leaves the old file as it was. @old, the old
 * file's stat, gives the new one its mode and, where permitted, owner. */
static gboolean
write_atomic (const char         *path,
              const struct stat  *old,
              const char         *data,
              gsize               length,
              GError            **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = NULL;
  int fd, saved;

  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return fail_errno (error, errno, _("Could not write %s: %s"), path);

  /* mkstemp gives 0600; a new file gets what the umask allows, as
   * creat() would. The old file's mode is set exactly. */
  if (old != NULL)
    {
      G_GNUC_UNUSED int ignored = fchown (fd, old->st_uid, old->st_gid);

      if (fchmod (fd, old->st_mode & 07777) != 0)
        goto failed;
    }
  else
    {
      mode_t mask = umask (0);

      umask (mask);
      if (fchmod (fd, 0666 & ~mask) != 0)
        goto failed;
    }

  if (!write_all (fd, data, length, 0, TRUE) || fsync (fd) != 0)
    goto failed;
  if (close (fd) != 0 && errno != EINTR)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;

  if (g_rename (tmp, path) != 0)
    goto failed;

  return TRUE;

failed:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return fail_errno (error, saved, _("Could not write %s: %s"), path);
}

/* Writes @data to @file so that nothing is damaged:
 *
 * - a regular file is replaced atomically (a temporary file beside it,
 *   then a rename), with its mode and, where permitted, its owner;
 * - a symlink is followed, and the file it points at is replaced;
 * - a file with other hard links is rewritten in place, after reserving
 *   its space, so that the links stay;
 * - a device, a FIFO or /dev/stdout is written in place;
 * - a read-only file is refused, even for root;
 * - on failure, the error names the path and the system's reason.
 *
 * Not g_file_replace_contents(): when GIO cannot finish its temporary
 * file it may fall back to rewriting the target in place, and a full
 * disk then leaves the old file empty (tests/test-design.c,
 * /design/full-disk). Files that are not local (GVfs) still go through
 * GIO. */
gboolean
dml_file_replace (GFile       *file,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  struct stat st;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);

  /* The process's own streams: what the shell connected them to, which
   * may be a pipe, a terminal or a file opened for appending. */
  if (g_str_equal (path, "/dev/stdout"))
    {
      if (fflush (stdout) != 0)
        return fail_errno (error, errno, _("Could not write %s: %s"), path);
      return write_in_place (path, STDOUT_FILENO, data, length, error);
    }
  if (g_str_equal (path, "/dev/stderr"))
    return write_in_place (path, STDERR_FILENO, data, length, error);

  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      if (S_ISDIR (st.st_mode))
        return refuse_kind (error, path, st.st_mode);
      return write_in_place (path, -1, data, length, error);
    }

  target = resolve_links (path, error);
  if (target == NULL)
    return FALSE;

  if (g_lstat (target, &st) != 0)
    {
      if (errno != ENOENT)
        return fail_errno (error, errno, _("Could not write %s: %s"), path);
      return write_atomic (target, NULL, data, length, error);
    }

  if ((st.st_mode & 0222) == 0 || g_access (target, W_OK) != 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES,
                   _("%s is read-only; save under another name, or make it writable first"), display);
      return FALSE;
    }

  if (st.st_nlink > 1)
    return write_linked (target, data, length, error);

  return write_atomic (target, &st, data, length, error);
}

/* Refuses a @file that exists and is not a regular file (after
 * symlinks): the app writes on its main thread, where a FIFO's slow
 * reader or a device must not stop the window. */
gboolean
dml_file_check_regular (GFile   *file,
                        GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  struct stat st;

  if (path == NULL || g_stat (path, &st) != 0 || S_ISREG (st.st_mode))
    return TRUE;

  return refuse_kind (error, path, st.st_mode);
}

/* Whether @a and @b are the same file: after symlinks, the same device
 * and inode. FALSE if either does not exist. */
gboolean
dml_file_same (const char *a,
               const char *b)
{
  struct stat sa, sb;

  if (a == NULL || b == NULL || g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;

  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
