/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-render"

#include "config.h"

#include <math.h>
#include <locale.h>
#include <string.h>

#include "dml-chart-renderer.h"
#include "dml-design.h"
#include "dml-production-runs.h"

static DmlSweep *
baseline_sweep (void)
{
  g_autoptr(DmlDesign) design = dml_design_new ();
  DmlParams params;

  dml_design_get_params (design, &params);
  return dml_sweep_new (&params, NULL, NULL);
}

/* Pixels within @tolerance of @color in the column band x0..x1. */
static guint
count_color (cairo_surface_t *surface,
             const DmlColor  *color,
             int              x0,
             int              x1,
             int              tolerance)
{
  int stride = cairo_image_surface_get_stride (surface);
  int height = cairo_image_surface_get_height (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int r = (int) round (color->red * 255), g = (int) round (color->green * 255), b = (int) round (color->blue * 255);
  guint count = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    for (int x = MAX (0, x0); x < MIN (x1, cairo_image_surface_get_width (surface)); x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + 4 * x);

        if (ABS ((int) ((pixel >> 16) & 0xff) - r) <= tolerance &&
            ABS ((int) ((pixel >> 8) & 0xff) - g) <= tolerance &&
            ABS ((int) (pixel & 0xff) - b) <= tolerance)
          count++;
      }

  return count;
}

static void
render_and_check (DmlChartView view,
                  int          width,
                  int          height,
                  gboolean     dark,
                  const char  *title)
{
  g_autoptr(DmlSweep) sweep = baseline_sweep ();
  g_autofree char *name = g_strdup_printf ("render-%s-%dx%d%s.png", dml_chart_view_id (view), width, height,
                                           dark ? "-dark" : "");
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  DmlChartStyle style;
  DmlChartGeometry geometry;
  DmlChartSpec spec = { view, sweep, title, title ? "Erdil & Schneider-Joseph (2024) baseline" : NULL,
                        TRUE, -1, -1 };

  dml_chart_style_init (&style, dark);
  dml_chart_geometry_init (&geometry);
  dml_chart_render (cr, width, height, &style, &spec, &geometry);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_write_to_png (surface, path);

  /* Every text lies inside the picture: nothing clipped. */
  g_assert_cmpuint (geometry.text_boxes->len, >, 10);
  for (guint i = 0; i < geometry.text_boxes->len; i++)
    {
      cairo_rectangle_t *box = &g_array_index (geometry.text_boxes, cairo_rectangle_t, i);

      if (box->x < 0 || box->y < 0 || box->x + box->width > width || box->y + box->height > height)
        g_error ("%s: text box %u (%.1f, %.1f, %.1f × %.1f) leaves the %d×%d picture",
                 name, i, box->x, box->y, box->width, box->height, width, height);
    }

  g_assert_cmpfloat (geometry.plot_width, >, width / 2.0);
  g_assert_cmpfloat (geometry.plot_height, >, height / 2.0);

  if (view == DML_CHART_UTILIZATION)
    {
      /* The curve: compute-bound colour on the left half of the plot,
       * network-bound colour in the decline. */
      int left = (int) geometry.plot_x;
      int mid = (int) (geometry.plot_x + geometry.plot_width / 2);

      g_assert_cmpuint (count_color (surface, &style.regime[DML_REGIME_COMPUTE], left, mid, 8), >, 100);
      g_assert_cmpuint (count_color (surface, &style.regime[DML_REGIME_NETWORK], mid, width, 8), >, 50);

      /* Markers: the onsets the sweep has (DRAM, network and latency on
       * the baseline: DRAM costs 5 points from about 4 × 10³⁰, though the
       * network costs more), the wall and ≥ 80%; each a vertical line
       * drawn in its colour at its place. */
      g_assert_cmpuint (geometry.marker_x->len, ==,
                        isfinite (sweep->summary.dram_onset) + isfinite (sweep->summary.network_onset) +
                        isfinite (sweep->summary.latency_onset) + 2);
      g_assert_cmpuint (geometry.marker_x->len, ==, 5);
      for (guint i = 0; i < geometry.marker_x->len; i++)
        {
          double x = g_array_index (geometry.marker_x, double, i);

          g_assert_cmpfloat (x, >=, geometry.plot_x);
          g_assert_cmpfloat (x, <=, geometry.plot_x + geometry.plot_width);
        }
      {
        double wall_x = geometry.plot_x + (log10 (sweep->summary.wall) - geometry.log_min) /
                        (geometry.log_max - geometry.log_min) * geometry.plot_width;
        g_assert_cmpuint (count_color (surface, &style.foreground, (int) wall_x - 1, (int) wall_x + 2, 40), >,
                          geometry.plot_height / 4);
      }
    }

  dml_chart_geometry_clear (&geometry);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_sizes (void)
{
  for (DmlChartView view = 0; view < DML_N_CHART_VIEWS; view++)
    {
      render_and_check (view, 1280, 720, FALSE, NULL);
      render_and_check (view, 640, 400, FALSE, NULL);
      render_and_check (view, 1920, 1080, TRUE, "Data movement limits — H100, 3 months");
    }
}

/* Six designs: overlaid and as small multiples, at slide and small sizes. */
static void
test_comparison (void)
{
  g_auto(GStrv) ids = dml_design_list_shipped ();
  g_autoptr(GPtrArray) sweeps = g_ptr_array_new_with_free_func ((GDestroyNotify) dml_sweep_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  DmlChartSpec spec = { DML_CHART_UTILIZATION, NULL, "Six designs", NULL, FALSE, -1, -1 };
  static const int sizes[][2] = { { 1920, 1080 }, { 640, 400 } };

  /* The shipped designs, and the baseline on a sixth GPU. */
  for (guint i = 0; ids[i] != NULL && sweeps->len < 5; i++)
    {
      g_autoptr(DmlDesign) design = dml_design_new_shipped (ids[i], NULL);
      DmlParams params;

      dml_design_get_params (design, &params);
      g_ptr_array_add (sweeps, dml_sweep_new (&params, NULL, NULL));
      g_ptr_array_add (names, g_strdup (dml_design_get_name (design)));
    }
  {
    g_autoptr(DmlDesign) design = dml_design_new ();
    DmlParams params;

    dml_design_apply_preset (design, "a100-sxm-80gb", NULL);
    dml_design_get_params (design, &params);
    g_ptr_array_add (sweeps, dml_sweep_new (&params, NULL, NULL));
    g_ptr_array_add (names, g_strdup ("Paper baseline on A100"));
  }
  g_assert_cmpuint (sweeps->len, ==, 6);

  spec.n_sweeps = 6;
  for (guint i = 0; i < 6; i++)
    {
      spec.sweeps[i] = sweeps->pdata[i];
      spec.names[i] = names->pdata[i];
    }

  for (guint multiples = 0; multiples <= 1; multiples++)
    for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
      {
        int width = sizes[k][0], height = sizes[k][1];
        g_autofree char *name = g_strdup_printf ("compare-%s-%dx%d.png", multiples ? "multiples" : "overlay", width, height);
        g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
        cairo_t *cr = cairo_create (surface);
        DmlChartStyle style;
        DmlChartGeometry geometry;

        spec.multiples = multiples;
        dml_chart_style_init (&style, FALSE);
        dml_chart_geometry_init (&geometry);
        dml_chart_render (cr, width, height, &style, &spec, &geometry);
        cairo_surface_write_to_png (surface, path);

        for (guint i = 0; i < geometry.text_boxes->len; i++)
          {
            cairo_rectangle_t *box = &g_array_index (geometry.text_boxes, cairo_rectangle_t, i);

            if (box->x < 0 || box->y < 0 || box->x + box->width > width + 0.5 || box->y + box->height > height + 0.5)
              g_error ("%s: text box %u (%.1f, %.1f, %.1f × %.1f) leaves the picture", name, i,
                       box->x, box->y, box->width, box->height);
          }

        /* Every design's line is drawn in its colour. */
        if (!multiples)
          for (guint i = 0; i < 6; i++)
            {
              const double *dashes;
              int n_dashes;
              DmlColor color;

              dml_chart_series_style (i, FALSE, &color, &dashes, &n_dashes);
              g_assert_cmpuint (count_color (surface, &color, 0, width, 10), >, 40);
            }

        dml_chart_geometry_clear (&geometry);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

static void
test_tornado (void)
{
  g_autoptr(DmlDesign) design = dml_design_new ();
  g_autoptr(DmlSensitivity) sensitivity = NULL;
  static const int sizes[][2] = { { 1280, 720 }, { 640, 400 } };
  DmlParams params;

  dml_design_get_params (design, &params);
  sensitivity = dml_sensitivity_new (&params, 2, 1e29, NULL, NULL);
  g_assert_nonnull (sensitivity);

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    for (int by = 0; by <= DML_N_FIGURES; by++)
      {
        int width = sizes[k][0], height = sizes[k][1];
        g_autofree char *name = g_strdup_printf ("tornado-%d-%dx%d.png", by, width, height);
        g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
        cairo_t *cr = cairo_create (surface);
        DmlChartStyle style;
        DmlChartGeometry geometry;
        DmlLever order[DML_N_LEVERS];

        dml_chart_style_init (&style, FALSE);
        dml_chart_geometry_init (&geometry);
        dml_tornado_render (cr, width, height, &style, sensitivity, by, "Each lever 2× better", &geometry, order);
        cairo_surface_write_to_png (surface, path);

        for (guint i = 0; i < geometry.text_boxes->len; i++)
          {
            cairo_rectangle_t *box = &g_array_index (geometry.text_boxes, cairo_rectangle_t, i);

            if (box->x < 0 || box->y < 0 || box->x + box->width > width + 0.5 || box->y + box->height > height + 0.5)
              g_error ("%s: text box %u (%.1f, %.1f, %.1f × %.1f) leaves the picture", name, i,
                       box->x, box->y, box->width, box->height);
          }

        /* Bars in the colour of "better", one row per lever, in ranked
         * order; utilization's changes are neither better nor worse, in a
         * neutral grey. */
        if (by == DML_N_FIGURES)
          {
            g_assert_cmpuint (count_color (surface, &style.regime[DML_REGIME_INFEASIBLE], 0, width, 8), >, 200);
            g_assert_cmpuint (count_color (surface, &style.regime[DML_REGIME_LATENCY], 0, width, 8), ==, 0);
          }
        else
          g_assert_cmpuint (count_color (surface, &style.regime[DML_REGIME_COMPUTE], 0, width, 8), >, 200);
        g_assert_cmpuint (geometry.text_boxes->len, >=, 2 * sensitivity->n_levers);
        /* Levers that do not apply (no critical batch here) come last. */
        for (guint i = 1; i < sensitivity->n_levers && by == DML_FIGURE_WALL; i++)
          if (sensitivity->results[order[i]].not_applicable == NULL)
            g_assert_cmpfloat (sensitivity->results[order[i - 1]].shift[by], >=, sensitivity->results[order[i]].shift[by]);
          else
            g_assert_true (i == sensitivity->n_levers - 1 || sensitivity->results[order[i + 1]].not_applicable != NULL);

        dml_chart_geometry_clear (&geometry);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

static void
test_hit (void)
{
  g_autoptr(DmlSweep) sweep = baseline_sweep ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
  cairo_t *cr = cairo_create (surface);
  DmlChartStyle style;
  DmlChartGeometry geometry;
  DmlChartSpec spec = { DML_CHART_UTILIZATION, sweep, NULL, NULL, FALSE, -1, -1 };
  double y;

  dml_chart_style_init (&style, FALSE);
  dml_chart_geometry_init (&geometry);
  dml_chart_render (cr, 800, 500, &style, &spec, &geometry);
  y = geometry.plot_y + 10;

  g_assert_cmpint (dml_chart_hit (&geometry, sweep, geometry.plot_x + 0.5, y), ==, 0);
  g_assert_cmpint (dml_chart_hit (&geometry, sweep, geometry.plot_x + geometry.plot_width - 0.5, y), ==,
                   (int) sweep->n_points - 1);
  g_assert_cmpint (dml_chart_hit (&geometry, sweep, geometry.plot_x - 5, y), ==, -1);

  dml_chart_geometry_clear (&geometry);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Slide text: at 1920×1080 no text is under 28 px, in any view, in a
 * comparison or in the tornado, and nothing leaves the picture. */
static void
check_slide (const char       *what,
             DmlChartGeometry *geometry)
{
  g_test_message ("%s: smallest text %.1f px", what, geometry->min_text_px);
  g_assert_cmpuint (geometry->text_boxes->len, >, 5);
  g_assert_cmpfloat (geometry->min_text_px, >=, 28);
  for (guint i = 0; i < geometry->text_boxes->len; i++)
    {
      cairo_rectangle_t *box = &g_array_index (geometry->text_boxes, cairo_rectangle_t, i);

      /* The rendered extent of 28 px text is taller than 28 px. */
      if (MIN (box->width, box->height) < 28 && box->height < 28)
        g_error ("%s: text box %u is %.1f × %.1f", what, i, box->width, box->height);
      if (box->x < 0 || box->y < 0 || box->x + box->width > 1920.5 || box->y + box->height > 1080.5)
        g_error ("%s: text box %u leaves the picture", what, i);
    }
}

static void
test_slide_text (void)
{
  g_autoptr(DmlDesign) design = dml_design_new ();
  g_autoptr(DmlDesign) other = dml_design_new_shipped ("gb200-nvl72", NULL);
  g_autoptr(DmlSweep) sweep = NULL;
  g_autoptr(DmlSweep) sweep2 = NULL;
  g_autoptr(DmlSensitivity) sensitivity = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  DmlParams params;
  DmlChartStyle style;
  DmlLever order[DML_N_LEVERS];

  dml_design_get_params (design, &params);
  sweep = dml_sweep_new (&params, NULL, NULL);
  sensitivity = dml_sensitivity_new (&params, 2, 1e29, NULL, NULL);
  dml_design_get_params (other, &params);
  sweep2 = dml_sweep_new (&params, NULL, NULL);
  dml_chart_style_init (&style, FALSE);
  style.font_scale = DML_CHART_SLIDE_TEXT_SCALE;

  for (DmlChartView view = 0; view < DML_N_CHART_VIEWS; view++)
    for (guint n = 1; n <= 2; n++)
      for (guint multiples = 0; multiples <= (n > 1); multiples++)
        {
          DmlChartSpec spec = { view, sweep, "Paper baseline (H100, 3 months)", "A subtitle", TRUE, -1, -1 };
          g_autofree char *what = g_strdup_printf ("%s, %u design(s)%s", dml_chart_view_id (view), n,
                                                   multiples ? ", multiples" : "");
          DmlChartGeometry geometry;

          if (n > 1 && view != DML_CHART_UTILIZATION)
            continue;
          spec.marker_values = TRUE;
          if (n > 1)
            {
              spec.n_sweeps = 2;
              spec.sweeps[0] = sweep;
              spec.sweeps[1] = sweep2;
              spec.names[0] = "Paper baseline (H100, 3 months)";
              spec.names[1] = "GB200 NVL72";
              spec.multiples = multiples;
            }
          dml_chart_geometry_init (&geometry);
          dml_chart_render (cr, 1920, 1080, &style, &spec, &geometry);
          check_slide (what, &geometry);
          dml_chart_geometry_clear (&geometry);
        }

  {
    DmlChartGeometry geometry;

    dml_chart_geometry_init (&geometry);
    dml_tornado_render (cr, 1920, 1080, &style, sensitivity, DML_FIGURE_WALL, "Each lever 2× better",
                        &geometry, order);
    check_slide ("tornado", &geometry);
    dml_chart_geometry_clear (&geometry);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The Options chart: one line per offering that has a price and
 * finishes in time somewhere, the cheapest envelope beneath them, the
 * target marked at its compute, no more than the cheapest few named,
 * and slide text that stays in the picture. */
static void
test_options_chart (void)
{
  g_autoptr(DmlDesign) design = dml_design_new ();
  g_autoptr(DmlOptions) options = NULL;
  g_autoptr(DmlOptionCurves) curves = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  DmlOptionsChartSpec spec = { 0 };
  DmlChartGeometry geometry;
  DmlChartStyle style;
  DmlParams params;
  guint n_offerings, with_line = 0, named = 0, envelope = 0;

  dml_design_get_params (design, &params);
  params.training_days = 90;
  options = dml_options_new (&params, 1e27, DML_PRICE_ON_DEMAND, 0, NULL, NULL);
  curves = dml_option_curves_new (&params, DML_PRICE_ON_DEMAND, NULL, NULL, NULL, NULL);
  g_assert_nonnull (options);
  g_assert_nonnull (curves);
  dml_offerings (&n_offerings);
  g_assert_cmpuint (curves->n_curves, ==, n_offerings + 1);

  for (guint c = 0; c < curves->n_curves; c++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < curves->n_points; i++)
        any |= !isnan (curves->curves[c].cost[i]);
      with_line += any;
    }
  for (guint i = 0; i < curves->n_points; i++)
    envelope += !isnan (curves->envelope[i]);
  g_test_message ("%u of %u offerings have a line; envelope at %u points", with_line, curves->n_curves, envelope);
  g_assert_cmpuint (with_line, >=, 8);
  g_assert_cmpuint (envelope, >, 0);

  /* The envelope is the least of the lines at each compute. */
  for (guint i = 0; i < curves->n_points; i++)
    for (guint c = 0; c < curves->n_curves; c++)
      if (!isnan (curves->curves[c].cost[i]))
        g_assert_cmpfloat (curves->envelope[i], <=, curves->curves[c].cost[i]);

  /* At the target the cheapest line is the table's first row's cost. */
  {
    int best = dml_option_curves_find (curves, options->options[0].id);

    g_assert_cmpint (best, >=, 0);
    g_assert_cmpfloat (fabs (dml_option_curve_cost_at (curves, best, 1e27) / options->options[0].cost - 1), <, 0.05);
  }

  dml_chart_style_init (&style, FALSE);
  style.font_scale = DML_CHART_SLIDE_TEXT_SCALE;
  spec.curves = curves;
  spec.options = options;
  dml_chart_geometry_init (&geometry);
  dml_options_render (cr, 1920, 1080, &style, &spec, &geometry);
  g_assert_cmpuint (geometry.n_lines, ==, with_line);
  g_assert_cmpuint (geometry.envelope_points, ==, envelope);
  g_assert_cmpuint (geometry.marker_x->len, ==, 1);
  g_assert_cmpfloat (fabs (g_array_index (geometry.marker_x, double, 0) -
                           (geometry.plot_x + (27 - geometry.log_min) / (geometry.log_max - geometry.log_min) *
                            geometry.plot_width)), <, 1);
  for (guint t = 0; t < geometry.texts->len; t++)
    for (guint r = 0; r < options->n_options; r++)
      if (g_str_has_prefix (geometry.texts->pdata[t], options->options[r].name) &&
          strstr (geometry.texts->pdata[t], ": $") != NULL)
        named++;
  g_assert_cmpuint (named, >=, 3);
  g_assert_cmpuint (named, <=, DML_OPTIONS_CHART_NAMED + 1);
  check_slide ("options", &geometry);
  dml_chart_geometry_clear (&geometry);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Production runs on the utilization view: every run within the axes
 * drawn once at its compute and MFU, found again by hit-testing; none
 * when the toggle is off. */
static void
test_runs (void)
{
  g_autoptr(DmlDesign) design = dml_design_new ();
  g_autoptr(DmlSweep) sweep = NULL;
  const DmlProductionRun *runs;
  guint n_runs, n_in_range = 0;
  DmlParams params;
  DmlChartSpec spec = { DML_CHART_UTILIZATION, NULL, "Real runs", NULL, TRUE, -1, -1 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "runs.png", NULL);
  DmlChartStyle style;
  DmlChartGeometry geometry;
  double y_of_half = -1;

  dml_design_get_params (design, &params);
  params.sweep_from = 1e22;
  sweep = dml_sweep_new (&params, NULL, NULL);
  spec.sweep = sweep;
  dml_chart_style_init (&style, FALSE);
  style.font_scale = DML_CHART_SLIDE_TEXT_SCALE;
  dml_chart_geometry_init (&geometry);

  dml_chart_render (cr, 1920, 1080, &style, &spec, &geometry);
  g_assert_cmpuint (geometry.run_marks->len, ==, 0);

  spec.show_runs = TRUE;
  dml_chart_render (cr, 1920, 1080, &style, &spec, &geometry);
  cairo_surface_write_to_png (surface, path);

  runs = dml_production_runs (&n_runs);
  for (guint i = 0; i < n_runs; i++)
    if (runs[i].flop >= 1e22 && runs[i].flop <= 1e33 && runs[i].mfu > 0)
      n_in_range++;
  g_assert_cmpuint (n_in_range, >=, 50);
  g_assert_cmpuint (geometry.run_marks->len, ==, n_in_range);

  for (guint i = 0; i < geometry.run_marks->len; i++)
    {
      const DmlChartRunMark *mark = &g_array_index (geometry.run_marks, DmlChartRunMark, i);
      const DmlProductionRun *run = &runs[mark->run];
      double x = geometry.plot_x + (log10 (run->flop) - 22) / (33 - 22) * geometry.plot_width;
      int hit = dml_chart_hit_run (&geometry, mark->x, mark->y);

      g_assert_cmpfloat_with_epsilon (mark->x, x, 0.01);
      /* The axis is 0–80 %: y is linear in MFU from the plot's bottom. */
      g_assert_cmpfloat_with_epsilon (mark->y, geometry.plot_y + geometry.plot_height * (1 - run->mfu / 0.8), 0.01);
      g_assert_cmpint (hit, >=, 0);
      g_assert_cmpfloat (fabs (log10 (runs[hit].flop) - log10 (run->flop)), <, 0.2);
      if (g_str_equal (run->id, "bloom-176b"))
        y_of_half = mark->y;
    }
  /* BLOOM's 50 % sits halfway up the plot's 0–80 % … */
  g_assert_cmpfloat_with_epsilon (y_of_half, geometry.plot_y + geometry.plot_height * 0.375, 0.01);
  /* … and nothing is hit far from every run. */
  g_assert_cmpint (dml_chart_hit_run (&geometry, geometry.plot_x + geometry.plot_width - 2, geometry.plot_y + 2), ==, -1);

  /* A narrower axis leaves the small runs off, and draws the rest. */
  g_clear_pointer (&sweep, dml_sweep_unref);
  params.sweep_from = 1e24;
  sweep = dml_sweep_new (&params, NULL, NULL);
  spec.sweep = sweep;
  dml_chart_render (cr, 1920, 1080, &style, &spec, &geometry);
  g_assert_cmpuint (geometry.run_marks->len, >, 5);
  g_assert_cmpuint (geometry.run_marks->len, <, n_in_range - 20);
  g_assert_cmpfloat (geometry.min_text_px, >=, 28);

  dml_chart_geometry_clear (&geometry);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The timeline is the utilization curve against years: its markers stand
 * where the utilization view's do, and a sentence says when. */
static void
test_timeline (void)
{
  g_autoptr(DmlSweep) sweep = baseline_sweep ();
  DmlChartSpec spec = { DML_CHART_UTILIZATION, sweep, NULL, NULL, TRUE, -1, -1 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 720);
  cairo_t *cr = cairo_create (surface);
  DmlChartStyle style;
  DmlChartGeometry utilization, timeline;

  dml_chart_style_init (&style, FALSE);
  dml_chart_geometry_init (&utilization);
  dml_chart_geometry_init (&timeline);
  dml_chart_render (cr, 1280, 720, &style, &spec, &utilization);
  spec.view = DML_CHART_TIMELINE;
  dml_chart_render (cr, 1280, 720, &style, &spec, &timeline);

  g_assert_cmpuint (timeline.marker_x->len, ==, 5);
  g_assert_cmpuint (timeline.marker_x->len, ==, utilization.marker_x->len);
  for (guint i = 0; i < timeline.marker_x->len; i++)
    g_assert_cmpfloat (g_array_index (timeline.marker_x, double, i), ==, g_array_index (utilization.marker_x, double, i));
  /* The sentence takes a line above the plot. */
  g_assert_cmpfloat (timeline.plot_y, >, utilization.plot_y + 10);

  dml_chart_geometry_clear (&utilization);
  dml_chart_geometry_clear (&timeline);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A given run: a mark where its compute and MFU put it on the
 * utilization view, none on the others or when there is none, and bands
 * drawn only over the sweep they sampled. */
static void
test_given_run_and_bands (void)
{
  g_autoptr(DmlDesign) design = dml_design_new ();
  g_autoptr(DmlSweep) sweep = NULL;
  g_autoptr(DmlSweep) other = NULL;
  g_autoptr(DmlUncertainty) bands = NULL;
  DmlParams params;
  DmlChartSpec spec = { DML_CHART_UTILIZATION, NULL, "Given run", NULL, TRUE, -1, -1 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 720);
  cairo_t *cr = cairo_create (surface);
  DmlChartStyle style;
  DmlChartGeometry geometry;
  double x_expected;

  dml_design_get_params (design, &params);
  params.per_decade = 2;
  sweep = dml_sweep_new (&params, NULL, NULL);
  spec.sweep = sweep;
  dml_chart_style_init (&style, FALSE);
  dml_chart_geometry_init (&geometry);

  dml_chart_render (cr, 1280, 720, &style, &spec, &geometry);
  g_assert_cmpfloat (geometry.run_x, <, 0);
  g_assert_cmpuint (geometry.band_points, ==, 0);

  spec.run_flop = 1e26;
  spec.run_mfu = 0.4;
  spec.run_label = "This run: 40 %";
  dml_chart_render (cr, 1280, 720, &style, &spec, &geometry);
  x_expected = geometry.plot_x + (26 - geometry.log_min) / (geometry.log_max - geometry.log_min) * geometry.plot_width;
  g_assert_cmpfloat_with_epsilon (geometry.run_x, x_expected, 1);
  g_assert_cmpfloat (geometry.run_y, >, geometry.plot_y);
  g_assert_cmpfloat (geometry.run_y, <, geometry.plot_y + geometry.plot_height);

  spec.view = DML_CHART_LAYOUT;
  dml_chart_render (cr, 1280, 720, &style, &spec, &geometry);
  g_assert_cmpfloat (geometry.run_x, <, 0);

  /* Bands of these inputs are drawn; over another sweep they are not. */
  spec.view = DML_CHART_UTILIZATION;
  bands = dml_uncertainty_new (&params, 8, 1, 1, NULL, NULL, NULL);
  spec.uncertainty = bands;
  dml_chart_render (cr, 1280, 720, &style, &spec, &geometry);
  g_assert_cmpuint (geometry.band_points, ==, sweep->n_points);
  params.hbm_bandwidth *= 2;
  other = dml_sweep_new (&params, NULL, NULL);
  spec.sweep = other;
  dml_chart_render (cr, 1280, 720, &style, &spec, &geometry);
  g_assert_cmpuint (geometry.band_points, ==, 0);

  dml_chart_geometry_clear (&geometry);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Independent of the renderer's own check: a legend box against every
 * curve segment (sampled each pixel), band column, run and given run. */
static void
check_legends (const char             *what,
               const DmlChartGeometry *g)
{
  g_assert_cmpuint (g->legend_boxes->len, >=, 1);
  for (guint l = 0; l < g->legend_boxes->len; l++)
    {
      const cairo_rectangle_t *b = &g_array_index (g->legend_boxes, cairo_rectangle_t, l);
#define INSIDE(px, py, m) ((px) > b->x - (m) && (px) < b->x + b->width + (m) && (py) > b->y - (m) && (py) < b->y + b->height + (m))

      for (guint i = 0; i < g->data_segments->len; i++)
        {
          const DmlChartSegment *s = &g_array_index (g->data_segments, DmlChartSegment, i);
          guint steps = (guint) ceil (hypot (s->x1 - s->x0, s->y1 - s->y0)) + 1;

          for (guint k = 0; k <= steps; k++)
            {
              double x = s->x0 + (s->x1 - s->x0) * k / steps, y = s->y0 + (s->y1 - s->y0) * k / steps;

              if (INSIDE (x, y, 1))
                g_error ("%s: legend %u covers curve segment %u at %.0f, %.0f", what, l, i, x, y);
            }
        }
      for (guint i = 0; i < g->band_boxes->len; i++)
        {
          const cairo_rectangle_t *c = &g_array_index (g->band_boxes, cairo_rectangle_t, i);

          if (c->x < b->x + b->width && b->x < c->x + c->width && c->y < b->y + b->height && b->y < c->y + c->height)
            g_error ("%s: legend %u covers the band's column %u", what, l, i);
        }
      for (guint i = 0; i < g->run_marks->len; i++)
        {
          const DmlChartRunMark *m = &g_array_index (g->run_marks, DmlChartRunMark, i);

          if (INSIDE (m->x, m->y, m->radius))
            g_error ("%s: legend %u covers real run %u", what, l, m->run);
        }
      if (g->run_x >= 0 && INSIDE (g->run_x, g->run_y, g->run_radius))
        g_error ("%s: legend %u covers the given run", what, l);
#undef INSIDE
    }
}

static DmlSweep *
shipped_sweep (const char  *id,
               DmlParams   *params,
               char       **name)
{
  g_autoptr(DmlDesign) design = dml_design_new_shipped (id, NULL);

  dml_design_get_params (design, params);
  if (name != NULL)
    *name = g_strdup (dml_design_get_name (design));
  return dml_sweep_new (params, NULL, NULL);
}

/* Legends never cover data: every shipped design with real runs, bands
 * and a given run, on screen sizes and a slide; and six designs overlaid. */
static gboolean
drew_text (const DmlChartGeometry *geometry,
           const char             *text)
{
  for (guint i = 0; i < geometry->texts->len; i++)
    if (g_strcmp0 (geometry->texts->pdata[i], text) == 0)
      return TRUE;
  return FALSE;
}

/* The other overlap assumption's curve: drawn dashed, with its key
 * entry, when the spec has it, and only on the utilization view, only
 * beside a sweep of the same points under the other assumption. */
static void
test_other_overlap (void)
{
  g_autoptr(DmlDesign) design = dml_design_new ();
  g_autoptr(DmlSweep) paper = NULL, practice = NULL, coarse = NULL;
  DmlParams params;
  DmlChartSpec spec = { DML_CHART_UTILIZATION, NULL, "Overlap", NULL, TRUE, -1, -1 };
  cairo_surface_t *plain = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 720);
  cairo_surface_t *dashed = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 720);
  cairo_t *cr;
  DmlChartStyle style;
  DmlChartGeometry geometry;
  guint feasible = 0, n_segments, differ = 0;
  const char *label;

  dml_design_get_params (design, &params);
  params.per_decade = 5;
  paper = dml_sweep_new (&params, NULL, NULL);
  params.overlap = DML_OVERLAP_PRACTICE;
  practice = dml_sweep_new (&params, NULL, NULL);
  for (guint i = 0; i + 1 < practice->n_points; i++)
    feasible += practice->points[i].feasible;
  dml_chart_style_init (&style, FALSE);
  dml_chart_geometry_init (&geometry);
  spec.sweep = paper;
  label = dml_overlap_label (DML_OVERLAP_PRACTICE);

  cr = cairo_create (plain);
  dml_chart_render (cr, 1280, 720, &style, &spec, &geometry);
  cairo_destroy (cr);
  g_assert_cmpuint (geometry.other_segments, ==, 0);
  g_assert_false (drew_text (&geometry, label));
  n_segments = geometry.data_segments->len;

  spec.other = practice;
  cr = cairo_create (dashed);
  dml_chart_render (cr, 1280, 720, &style, &spec, &geometry);
  cairo_destroy (cr);
  /* One segment from each feasible point, the last down to zero. */
  g_assert_cmpuint (geometry.other_segments, ==, feasible);
  g_assert_cmpuint (geometry.data_segments->len, ==, n_segments + feasible);
  g_assert_true (drew_text (&geometry, label));
  check_legends ("other overlap", &geometry);
  /* Two curves to read: no marker label covers either. */
  for (guint l = 0; l < geometry.label_boxes->len; l++)
    {
      const cairo_rectangle_t *b = &g_array_index (geometry.label_boxes, cairo_rectangle_t, l);

      for (guint i = 0; i < geometry.data_segments->len; i++)
        {
          const DmlChartSegment *seg = &g_array_index (geometry.data_segments, DmlChartSegment, i);

          for (guint k = 0; k <= 64; k++)
            {
              double x = seg->x0 + (seg->x1 - seg->x0) * k / 64, y = seg->y0 + (seg->y1 - seg->y0) * k / 64;

              if (x > b->x + 1 && x < b->x + b->width - 1 && y > b->y + 1 && y < b->y + b->height - 1)
                g_error ("a marker label (%g, %g, %g × %g) covers a curve at (%g, %g)",
                         b->x, b->y, b->width, b->height, x, y);
            }
        }
    }

  /* The dashes are on the picture: where the curves part (the practice
   * curve runs below from 1e26), pixels differ from the plain chart. */
  {
    int stride = cairo_image_surface_get_stride (plain);
    const guint8 *a, *b;

    cairo_surface_flush (plain);
    cairo_surface_flush (dashed);
    a = cairo_image_surface_get_data (plain);
    b = cairo_image_surface_get_data (dashed);
    for (int y = (int) geometry.plot_y; y < (int) (geometry.plot_y + geometry.plot_height); y++)
      for (int x = (int) geometry.plot_x; x < (int) (geometry.plot_x + geometry.plot_width); x++)
        differ += *(const guint32 *) (a + y * stride + 4 * x) != *(const guint32 *) (b + y * stride + 4 * x);
  }
  g_assert_cmpuint (differ, >, 2000);

  /* Practice shown, the paper's bound dashed: its own key. */
  spec.sweep = practice;
  spec.other = paper;
  cr = cairo_create (dashed);
  dml_chart_render (cr, 1280, 720, &style, &spec, &geometry);
  cairo_destroy (cr);
  g_assert_cmpuint (geometry.other_segments, >, 0);
  g_assert_true (drew_text (&geometry, dml_overlap_label (DML_OVERLAP_PAPER)));

  /* Not on the other views; not the same assumption; not other points. */
  spec.view = DML_CHART_LAYOUT;
  cr = cairo_create (dashed);
  dml_chart_render (cr, 1280, 720, &style, &spec, &geometry);
  g_assert_cmpuint (geometry.other_segments, ==, 0);
  spec.view = DML_CHART_UTILIZATION;
  spec.other = practice;
  dml_chart_render (cr, 1280, 720, &style, &spec, &geometry);
  g_assert_cmpuint (geometry.other_segments, ==, 0);
  params.overlap = DML_OVERLAP_PAPER;
  params.per_decade = 2;
  coarse = dml_sweep_new (&params, NULL, NULL);
  spec.other = coarse;
  dml_chart_render (cr, 1280, 720, &style, &spec, &geometry);
  g_assert_cmpuint (geometry.other_segments, ==, 0);
  cairo_destroy (cr);

  dml_chart_geometry_clear (&geometry);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (dashed);
}

static void
test_legends (void)
{
  g_auto(GStrv) ids = dml_design_list_shipped ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  static const int sizes[][3] = { { 1920, 1080, 1 }, { 1280, 720, 0 }, { 1024, 640, 0 } };
  g_autoptr(GPtrArray) sweeps = g_ptr_array_new_with_free_func ((GDestroyNotify) dml_sweep_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  DmlChartSpec overlay = { DML_CHART_UTILIZATION, NULL, "Six designs", NULL, TRUE, -1, -1 };

  for (guint d = 0; ids[d] != NULL; d++)
    {
      DmlParams params;
      char *name = NULL;
      g_autoptr(DmlSweep) sweep = shipped_sweep (ids[d], &params, &name);
      g_autoptr(DmlUncertainty) bands = dml_uncertainty_new (&params, 8, 1, 1, NULL, NULL, NULL);
      DmlChartSpec spec = { DML_CHART_UTILIZATION, sweep, name, NULL, TRUE, -1, -1 };

      spec.show_runs = TRUE;
      spec.uncertainty = bands;
      spec.run_flop = 3e25;
      spec.run_mfu = 0.4;
      spec.run_label = "This run: 40 %";
      for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
        {
          g_autofree char *what = g_strdup_printf ("%s %dx%d", ids[d], sizes[k][0], sizes[k][1]);
          DmlChartStyle style;
          DmlChartGeometry geometry;

          dml_chart_style_init (&style, FALSE);
          if (sizes[k][2])
            style.font_scale = DML_CHART_SLIDE_TEXT_SCALE;
          else
            style.font_px = 13;
          spec.marker_values = spec.for_export = sizes[k][2];
          dml_chart_geometry_init (&geometry);
          dml_chart_render (cr, sizes[k][0], sizes[k][1], &style, &spec, &geometry);
          g_assert_cmpuint (geometry.band_points, >, 0);
          check_legends (what, &geometry);
          dml_chart_geometry_clear (&geometry);
        }
      if (sweeps->len < 6)
        {
          g_ptr_array_add (sweeps, g_steal_pointer (&sweep));
          g_ptr_array_add (names, name);
        }
      else
        g_free (name);
    }

  g_assert_cmpuint (sweeps->len, ==, 6);
  overlay.n_sweeps = 6;
  for (guint i = 0; i < 6; i++)
    {
      overlay.sweeps[i] = sweeps->pdata[i];
      overlay.names[i] = names->pdata[i];
    }
  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      g_autofree char *what = g_strdup_printf ("overlay %dx%d", sizes[k][0], sizes[k][1]);
      DmlChartStyle style;
      DmlChartGeometry geometry;

      dml_chart_style_init (&style, FALSE);
      if (sizes[k][2])
        style.font_scale = DML_CHART_SLIDE_TEXT_SCALE;
      else
        style.font_px = 13;
      dml_chart_geometry_init (&geometry);
      dml_chart_render (cr, sizes[k][0], sizes[k][1], &style, &overlay, &geometry);
      check_legends (what, &geometry);
      dml_chart_geometry_clear (&geometry);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static gboolean
has_text (const DmlChartGeometry *g,
          const char             *text)
{
  for (guint i = 0; i < g->texts->len; i++)
    if (g_str_equal (g->texts->pdata[i], text))
      return TRUE;
  return FALSE;
}

static gboolean
has_text_containing (const DmlChartGeometry *g,
                     const char             *text)
{
  for (guint i = 0; i < g->texts->len; i++)
    if (strstr (g->texts->pdata[i], text) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
boxes_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width - 0.5 && b->x < a->x + a->width - 0.5 &&
         a->y < b->y + b->height - 0.5 && b->y < a->y + a->height - 0.5;
}

/* Six designs as small multiples on a slide: names whole or keyed, the
 * y title whole, tick labels apart, every marker there. */
static void
test_multiples (void)
{
  g_auto(GStrv) ids = dml_design_list_shipped ();
  g_autoptr(GPtrArray) sweeps = g_ptr_array_new_with_free_func ((GDestroyNotify) dml_sweep_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  DmlChartSpec spec = { DML_CHART_UTILIZATION, NULL, "Six designs", NULL, TRUE, -1, -1 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "multiples-6-slide.png", NULL);
  guint expected_markers = 0;
  DmlChartStyle style;
  DmlChartGeometry g;

  for (guint d = 0; ids[d] != NULL && sweeps->len < 6; d++)
    {
      DmlParams params;
      char *name = NULL;

      g_ptr_array_add (sweeps, shipped_sweep (ids[d], &params, &name));
      g_ptr_array_add (names, name);
    }
  /* One name too long for two lines: then every cell is lettered. */
  for (guint keyed = 0; keyed <= 1; keyed++)
    {
      spec.n_sweeps = 6;
      spec.multiples = TRUE;
      spec.marker_values = spec.for_export = spec.takeaway = TRUE;
      expected_markers = 0;
      for (guint i = 0; i < 6; i++)
        {
          const DmlSweep *s = sweeps->pdata[i];

          spec.sweeps[i] = s;
          spec.names[i] = names->pdata[i];
          expected_markers += isfinite (s->summary.dram_onset) + isfinite (s->summary.network_onset) +
                              isfinite (s->summary.latency_onset) + isfinite (s->summary.max_at_80) +
                              (isfinite (s->summary.wall) && s->summary.wall < s->points[s->n_points - 1].flop) +
                              (isfinite (s->summary.batch_cap) && s->summary.batch_cap > 0);
        }
      if (keyed)
        spec.names[2] = "A design with a very long name indeed, as auto-names can be: Peak dense FLOP/s 2.5 PFLOP/s, "
                        "Scale-up domain 72, NVIDIA GB200 NVL72";

      dml_chart_style_init (&style, FALSE);
      style.font_scale = DML_CHART_SLIDE_TEXT_SCALE;
      dml_chart_geometry_init (&g);
      dml_chart_render (cr, 1920, 1080, &style, &spec, &g);
      if (!keyed)
        cairo_surface_write_to_png (surface, path);

      g_assert_cmpuint (g.n_ellipsized, ==, 0);
      for (guint i = 0; i < 6; i++)
        {
          g_autofree char *entry = g_strdup_printf ("%c: %s", 'A' + i, spec.names[i]);

          if (keyed)
            g_assert_true (has_text (&g, entry));
          else
            g_assert_true (has_text (&g, spec.names[i]));
        }
      g_assert_true (has_text (&g, "Utilization (% of peak)"));
      g_assert_true (has_text (&g, "Training compute (FLOP)"));
      /* Tick labels never touch one another; every text stays in the picture. */
      for (guint i = 0; i < g.texts->len; i++)
        {
          const cairo_rectangle_t *a = &g_array_index (g.text_boxes, cairo_rectangle_t, i);
          const char *ta = g.texts->pdata[i];

          g_assert_cmpfloat (a->x, >=, 0);
          g_assert_cmpfloat (a->y, >=, 0);
          g_assert_cmpfloat (a->x + a->width, <=, 1920.5);
          g_assert_cmpfloat (a->y + a->height, <=, 1080.5);
          if (!g_str_has_suffix (ta, " %") && !g_str_has_prefix (ta, "10"))
            continue;
          for (guint j = i + 1; j < g.texts->len; j++)
            {
              const char *tb = g.texts->pdata[j];

              if ((g_str_has_suffix (tb, " %") || g_str_has_prefix (tb, "10")) &&
                  boxes_overlap (a, &g_array_index (g.text_boxes, cairo_rectangle_t, j)))
                g_error ("tick labels “%s” and “%s” overlap", ta, tb);
            }
        }
      g_assert_cmpuint (g.marker_x->len, ==, expected_markers);
      dml_chart_geometry_clear (&g);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Exponents as raised text that reads from the back of a room, a
 * takeaway that can be left out, key runs by name, no app hints in
 * exports, and a given run that does not fit marked so. */
static void
test_slide_details (void)
{
  g_autoptr(DmlSweep) sweep = baseline_sweep ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  DmlChartSpec spec = { DML_CHART_UTILIZATION, sweep, "Paper baseline", NULL, TRUE, -1, -1 };
  const DmlProductionRun *runs;
  guint n_runs, pin = G_MAXUINT;
  int largest = -1;
  DmlChartStyle style;
  DmlChartGeometry g;

  dml_chart_style_init (&style, FALSE);
  style.font_scale = DML_CHART_SLIDE_TEXT_SCALE;
  dml_chart_geometry_init (&g);
  spec.marker_values = spec.for_export = spec.takeaway = spec.show_runs = TRUE;

  runs = dml_production_runs (&n_runs);
  for (guint i = 0; i < n_runs; i++)
    if (isfinite (runs[i].flop) && runs[i].mfu > 0 && runs[i].flop >= sweep->points[0].flop && runs[i].mfu < 0.8)
      {
        if (largest < 0 || runs[i].flop > runs[largest].flop)
          largest = (int) i;
        if (pin == G_MAXUINT || runs[i].flop < runs[pin].flop)
          pin = i;
      }
  g_assert_cmpint (largest, >=, 0);
  spec.pinned_runs = &pin;
  spec.n_pinned_runs = 1;

  dml_chart_render (cr, 1920, 1080, &style, &spec, &g);
  g_test_message ("exponents: %.1f px, ink %.1f px", g.min_exponent_px, g.min_exponent_ink);
  g_assert_cmpfloat (g.min_exponent_px, >=, 20);
  g_assert_cmpfloat (g.min_exponent_ink, >=, 20);
  g_assert_cmpfloat (g.min_exponent_ink, <, 100);
  g_assert_true (has_text_containing (&g, "Utilization falls below 80% of its plateau"));
  g_assert_true (has_text (&g, runs[largest].model));
  g_assert_true (has_text (&g, runs[pin].model));
  g_assert_false (has_text_containing (&g, "Sweep from"));
  g_assert_false (has_text_containing (&g, "≥ 80"));

  spec.takeaway = FALSE;
  spec.for_export = FALSE;
  dml_chart_render (cr, 1920, 1080, &style, &spec, &g);
  g_assert_false (has_text_containing (&g, "Utilization falls below"));
  g_assert_true (has_text_containing (&g, "Sweep from"));

  /* A given run that does not fit: a different mark, and it says so. */
  spec.run_flop = 1e26;
  spec.run_mfu = 0.45;
  spec.run_label = "This run: 45 %";
  dml_chart_render (cr, 1920, 1080, &style, &spec, &g);
  g_assert_false (g.run_unfit);
  g_assert_false (has_text_containing (&g, "does not fit"));
  g_assert_cmpuint (count_color (surface, &style.regime[DML_REGIME_LATENCY], (int) g.run_x - 20, (int) g.run_x + 20, 8),
                    >, 20);
  spec.run_exceeds_memory = TRUE;
  dml_chart_render (cr, 1920, 1080, &style, &spec, &g);
  g_assert_true (g.run_unfit);
  g_assert_true (has_text (&g, "This run: 45 % — does not fit in memory"));
  g_assert_cmpuint (count_color (surface, &style.regime[DML_REGIME_LATENCY], (int) g.run_x - 20, (int) g.run_x + 20, 8),
                    ==, 0);

  dml_chart_geometry_clear (&g);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Realistic H100 falls from 1.3 × 10²⁶ to its wall mostly because
 * goodput falls: the key says "Reliability-bound" and no band is
 * network-bound, and the curve there is drawn in the reliability colour,
 * light and dark; the paper baseline, without interruptions, has neither.
 * Small multiples key the R marker where a cell has it. */
static void
test_reliability_regime (void)
{
  DmlParams params;
  g_autoptr(DmlSweep) realistic = shipped_sweep ("realistic-h100", &params, NULL);
  g_autoptr(DmlSweep) paper = shipped_sweep ("paper-baseline", &params, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  DmlChartSpec spec = { DML_CHART_UTILIZATION, NULL, "Realistic H100", NULL, TRUE, -1, -1 };
  const char *label = dml_regime_label (DML_REGIME_RELIABILITY);
  const char *r_key = "R: goodput below 50% (reliability-bound)";
  DmlChartGeometry g;
  DmlChartStyle style;
  cairo_t *cr;

  g_assert_cmpstr (label, ==, "Reliability-bound");
  for (guint i = 0; i < realistic->n_points; i++)
    g_assert_cmpint (realistic->points[i].band, !=, DML_REGIME_NETWORK);
  for (guint dark = 0; dark <= 1; dark++)
    {
      double x0, x1;

      dml_chart_style_init (&style, dark);
      dml_chart_geometry_init (&g);
      spec.sweep = realistic;
      cr = cairo_create (surface);
      dml_chart_render (cr, 1920, 1080, &style, &spec, &g);
      cairo_destroy (cr);
      g_assert_true (drew_text (&g, label));
      x0 = g.plot_x + g.plot_width * (log10 (1.3e26) - g.log_min) / (g.log_max - g.log_min);
      x1 = g.plot_x + g.plot_width * (log10 (6.3e26) - g.log_min) / (g.log_max - g.log_min);
      /* The curve's stroke over 0.7 decade. */
      g_assert_cmpuint (count_color (surface, &style.regime[DML_REGIME_RELIABILITY], (int) x0, (int) x1, 8), >, 150);
      dml_chart_geometry_clear (&g);

      spec.sweep = paper;
      dml_chart_geometry_init (&g);
      cr = cairo_create (surface);
      dml_chart_render (cr, 1920, 1080, &style, &spec, &g);
      cairo_destroy (cr);
      g_assert_false (drew_text (&g, label));
      g_assert_cmpuint (count_color (surface, &style.regime[DML_REGIME_RELIABILITY], 0, 1920, 8), ==, 0);
      dml_chart_geometry_clear (&g);
    }

  spec.sweep = NULL;
  spec.multiples = TRUE;
  spec.n_sweeps = 2;
  spec.sweeps[0] = paper;
  spec.sweeps[1] = realistic;
  spec.names[0] = "Paper";
  spec.names[1] = "Realistic";
  dml_chart_style_init (&style, FALSE);
  for (guint n = 2; n >= 1; n--)
    {
      spec.n_sweeps = n;
      dml_chart_geometry_init (&g);
      cr = cairo_create (surface);
      dml_chart_render (cr, 1920, 1080, &style, &spec, &g);
      cairo_destroy (cr);
      g_assert_true (drew_text (&g, r_key) == (n == 2));
      g_assert_true (drew_text (&g, label) == (n == 2));
      dml_chart_geometry_clear (&g);
    }

  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/sizes", test_sizes);
  g_test_add_func ("/render/hit", test_hit);
  g_test_add_func ("/render/comparison", test_comparison);
  g_test_add_func ("/render/tornado", test_tornado);
  g_test_add_func ("/render/slide-text", test_slide_text);
  g_test_add_func ("/render/runs", test_runs);
  g_test_add_func ("/render/given-run-and-bands", test_given_run_and_bands);
  g_test_add_func ("/render/timeline", test_timeline);
  g_test_add_func ("/render/legends", test_legends);
  g_test_add_func ("/render/other-overlap", test_other_overlap);
  g_test_add_func ("/render/multiples", test_multiples);
  g_test_add_func ("/render/slide-details", test_slide_details);
  g_test_add_func ("/render/options-chart", test_options_chart);
  g_test_add_func ("/render/reliability-regime", test_reliability_regime);

  return g_test_run ();
}
