/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-chart-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "dml-chart-export.h"
#include "dml-error.h"
#include "dml-file.h"

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

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws a picture into memory with @draw, then writes it with
 * dml_file_replace(): the same rules as every other output (symlinks
 * followed, modes kept, devices written in place, a failure leaves the
 * old file whole). @width and @height are pixels for PNG (times @scale)
 * and points for SVG and PDF; the picture is at most
 * DML_EXPORT_MAX_PIXELS. A PDF carries @title in its metadata. */
gboolean
dml_export_picture (const char       *path,
                    DmlExportFormat   format,
                    double            width,
                    double            height,
                    double            scale,
                    const char       *title,
                    DmlExportDrawFunc draw,
                    gconstpointer     data,
                    GError          **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GFile) file = NULL;
  double pixels = width * height * (format == DML_EXPORT_PNG ? scale * scale : 1);
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0 && scale > 0, FALSE);

  if (pixels > DML_EXPORT_MAX_PIXELS)
    {
      g_set_error (error, DML_ERROR, DML_ERROR_TOO_LARGE,
                   _("A %.0f×%.0f picture is %.0f megapixels; the most is %.0f. Choose a smaller size or scale"),
                   width * (format == DML_EXPORT_PNG ? scale : 1), height * (format == DML_EXPORT_PNG ? scale : 1),
                   pixels / 1e6, DML_EXPORT_MAX_PIXELS / 1e6);
      return FALSE;
    }

  switch (format)
    {
    case DML_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * scale), (int) (height * scale));
      break;
    case DML_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      break;
    case DML_EXPORT_PDF:
    default:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      break;
    }

  /* A PDF names its picture: viewers show the title, not the file. */
  if (format == DML_EXPORT_PDF && title != NULL && title[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);

  cr = cairo_create (surface);
  if (format == DML_EXPORT_PNG)
    cairo_scale (cr, scale, scale);
  draw (cr, width, height, data);
  ok = check_status (cairo_status (cr), path, error);
  cairo_destroy (cr);

  if (ok && format == DML_EXPORT_PNG)
    ok = check_status (cairo_surface_write_to_png_stream (surface, append_bytes, bytes), path, error);
  cairo_surface_finish (surface);
  if (ok)
    ok = check_status (cairo_surface_status (surface), path, error);
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;

  file = g_file_new_for_path (path);
  return dml_file_replace (file, (const char *) bytes->data, bytes->len, error);
}

typedef struct
{
  const DmlChartStyle  *style;
  DmlChartSpec          spec;
  const DmlSensitivity *sensitivity;
  int                   by;
} Picture;

static void
draw_chart (cairo_t       *cr,
            double         width,
            double         height,
            gconstpointer  data)
{
  const Picture *picture = data;

  dml_chart_render (cr, width, height, picture->style, &picture->spec, NULL);
}

/* The chart of @spec, its markers labelled with their values: a slide
 * has no summary strip. */
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
  Picture picture = { style, *spec };

  picture.spec.marker_values = TRUE;
  picture.spec.for_export = TRUE;
  return dml_export_picture (path, format, width, height, scale, spec->title, draw_chart, &picture, error);
}

static void
draw_tornado (cairo_t       *cr,
              double         width,
              double         height,
              gconstpointer  data)
{
  const Picture *picture = data;
  DmlLever order[DML_N_LEVERS];

  dml_tornado_render (cr, width, height, picture->style, picture->sensitivity, picture->by,
                      picture->spec.title, NULL, order);
}

/* The sensitivity tornado, ranked by @by (a DmlFigure, or DML_N_FIGURES
 * for utilization). */
gboolean
dml_tornado_export (const char           *path,
                    DmlExportFormat       format,
                    double                width,
                    double                height,
                    double                scale,
                    const DmlChartStyle  *style,
                    const DmlSensitivity *sensitivity,
                    int                   by,
                    const char           *title,
                    GError              **error)
{
  Picture picture = { style, { .title = title }, sensitivity, by };

  return dml_export_picture (path, format, width, height, scale, title, draw_tornado, &picture, error);
}

typedef struct
{
  const DmlChartStyle       *style;
  const DmlOptionsChartSpec *spec;
} OptionsPicture;

static void
draw_options (cairo_t       *cr,
              double         width,
              double         height,
              gconstpointer  data)
{
  const OptionsPicture *picture = data;

  dml_options_render (cr, width, height, picture->style, picture->spec, NULL);
}

/* The Options view's chart of cost against compute. */
gboolean
dml_options_export (const char                *path,
                    DmlExportFormat            format,
                    double                     width,
                    double                     height,
                    double                     scale,
                    const DmlChartStyle       *style,
                    const DmlOptionsChartSpec *spec,
                    GError                   **error)
{
  OptionsPicture picture = { style, spec };
  g_autofree char *title = spec->title != NULL ? g_strdup (spec->title) : dml_options_chart_title (spec->curves);

  return dml_export_picture (path, format, width, height, scale, title, draw_options, &picture, error);
}
