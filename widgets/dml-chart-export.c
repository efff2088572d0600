/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-chart-export"

#include "config.h"

#include <errno.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dml-chart-export.h"
#include "dml-error.h"

gboolean
dml_export_format_from_path (const char      *path,
                             DmlExportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = DML_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = DML_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = DML_EXPORT_PDF;
  else
    return FALSE;

  return TRUE;
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, DML_ERROR, DML_ERROR_INVALID, _("Could not write %s: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}

/* Draws the chart into a temporary file beside @path and renames it over
 * @path, so a failed export never leaves half a file. @width and @height
 * are pixels for PNG (times @scale) and points for SVG and PDF. */
gboolean
dml_chart_export (const char          *path,
                  DmlExportFormat      format,
                  double               width,
                  double               height,
                  double               scale,
                  const DmlChartStyle *style,
                  const DmlChartSpec  *spec,
                  GError             **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.tmp-%u", path, g_random_int ());
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0 && scale > 0, FALSE);

  switch (format)
    {
    case DML_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * scale), (int) (height * scale));
      break;
    case DML_EXPORT_SVG:
      surface = cairo_svg_surface_create (tmp, width, height);
      break;
    case DML_EXPORT_PDF:
    default:
      surface = cairo_pdf_surface_create (tmp, width, height);
      break;
    }

  cr = cairo_create (surface);
  if (format == DML_EXPORT_PNG)
    cairo_scale (cr, scale, scale);
  dml_chart_render (cr, width, height, style, spec, NULL);
  ok = check_status (cairo_status (cr), path, error);
  cairo_destroy (cr);

  if (ok && format == DML_EXPORT_PNG)
    ok = check_status (cairo_surface_write_to_png (surface, tmp), path, error);
  cairo_surface_finish (surface);
  if (ok)
    ok = check_status (cairo_surface_status (surface), path, error);
  cairo_surface_destroy (surface);

  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }

  if (!ok)
    g_unlink (tmp);

  return ok;
}
