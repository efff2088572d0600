/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-render"

#include "config.h"

#include <math.h>
#include <locale.h>

#include "dml-chart-renderer.h"
#include "dml-design.h"
#include "dml-runs.h"

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

      /* Markers: the onsets the sweep has (network and latency on the
       * baseline; it is never DRAM-bound), the wall and ≥ 80%; each a
       * vertical line drawn in its colour at its place. */
      g_assert_cmpuint (geometry.marker_x->len, ==,
                        isfinite (sweep->summary.dram_onset) + isfinite (sweep->summary.network_onset) +
                        isfinite (sweep->summary.latency_onset) + 2);
      g_assert_cmpuint (geometry.marker_x->len, ==, 4);
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

        /* Bars in the positive colour, one row per lever, in ranked order;
         * the baseline is never DRAM-bound, so that figure has no bars. */
        if (by != DML_FIGURE_DRAM_ONSET)
          g_assert_cmpuint (count_color (surface, &style.regime[DML_REGIME_COMPUTE], 0, width, 8), >, 200);
        g_assert_cmpuint (geometry.text_boxes->len, >=, 2 * DML_N_LEVERS);
        /* Levers that do not apply (no critical batch here) come last. */
        for (guint i = 1; i < DML_N_LEVERS && by == DML_FIGURE_WALL; i++)
          if (sensitivity->results[order[i]].not_applicable == NULL)
            g_assert_cmpfloat (sensitivity->results[order[i - 1]].shift[by], >=, sensitivity->results[order[i]].shift[by]);
          else
            g_assert_true (i == DML_N_LEVERS - 1 || sensitivity->results[order[i + 1]].not_applicable != NULL);

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

  g_assert_cmpuint (timeline.marker_x->len, ==, 4);
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

  return g_test_run ();
}
