/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dml-chart-renderer.h"

G_BEGIN_DECLS

/* 64 megapixels: a 16:9 picture of about 10900×6100. Above it a PNG
 * takes gigabytes of memory and minutes to draw. */
#define DML_EXPORT_MAX_PIXELS 64e6

typedef enum
{
  DML_EXPORT_PNG,
  DML_EXPORT_SVG,
  DML_EXPORT_PDF,
} DmlExportFormat;

typedef void (*DmlExportDrawFunc) (cairo_t       *cr,
                                   double         width,
                                   double         height,
                                   gconstpointer  data);

gboolean dml_export_format_from_path (const char          *path,
                                      DmlExportFormat     *format);
gboolean dml_export_picture          (const char          *path,
                                      DmlExportFormat      format,
                                      double               width,
                                      double               height,
                                      double               scale,
                                      const char          *title,
                                      DmlExportDrawFunc    draw,
                                      gconstpointer        data,
                                      GError             **error);
gboolean dml_tornado_export          (const char          *path,
                                      DmlExportFormat      format,
                                      double               width,
                                      double               height,
                                      double               scale,
                                      const DmlChartStyle *style,
                                      const DmlSensitivity *sensitivity,
                                      int                  by,
                                      const char          *title,
                                      GError             **error);
gboolean dml_chart_export            (const char          *path,
                                      DmlExportFormat      format,
                                      double               width,
                                      double               height,
                                      double               scale,
                                      const DmlChartStyle *style,
                                      const DmlChartSpec  *spec,
                                      GError             **error);
gboolean dml_options_export          (const char                *path,
                                      DmlExportFormat            format,
                                      double                     width,
                                      double                     height,
                                      double                     scale,
                                      const DmlChartStyle       *style,
                                      const DmlOptionsChartSpec *spec,
                                      GError                   **error);

G_END_DECLS
