/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dml-help-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dml-help-window.h"

/* "How to read this chart": one translatable paragraph each, so that a
 * translator sees one idea at a time. */
static const struct
{
  const char *heading;
  const char *text;
} sections[] = {
  { N_("What utilization means"),
    /* xgettext:no-c-format */
    N_("The curve is the best utilization any parallel layout reaches for a training run of that size, "
       "finished within the training duration: the share of the GPUs’ peak FLOP/s that goes into the "
       "model’s 6·N·D FLOP. On the left, runs sit at the plateau the hardware can sustain (70% for the "
       "paper’s H100). To the right, moving data costs time the GPUs could have spent computing.") },
  { N_("Regimes"),
    /* xgettext:no-c-format */
    N_("The colour of the curve, and the band behind it, say what limits each scale, averaged over a "
       "quarter of a decade each side, so that one layout change does not make the colour flicker. "
       "Compute-bound: no data movement takes 5 points or more from the plateau. DRAM-bound: each GPU’s "
       "matrices are so small that "
       "reading them from memory (HBM) takes longer than multiplying them. Network-bound: traffic "
       "between GPUs, over NVLink (scale-up) or InfiniBand (scale-out), takes the most time. "
       "Latency-bound: the fixed delays of kernels and collectives, paid one after another for every "
       "layer, take the most time. Reliability-bound: where the design loses time to interruptions, the "
       "time lost to restarts, checkpoints and redone work takes more than any data movement. Infeasible "
       "(hatched): no layout finishes in time.") },
  { N_("Markers"),
    /* xgettext:no-c-format */
    N_("DRAM-bound, Network-bound and Latency-bound mark where the colour first turns to that regime: "
       "that cost takes the most, and at least the marker threshold (5 points of utilization by "
       "default). The hover shows a single layout’s numbers, which can differ from the band. Wall: the largest run that "
       "can finish at all; beyond it even the best layout cannot take its serial steps in time. "
       "≥ 80% of max: the largest run that still reaches 80% of the plateau. Batch cap, where a critical "
       "batch size is set: from there on the batch stops growing. Reliability, where the design loses time "
       "to interruptions: from there on goodput, the share of the elapsed time that trains, is below 50%.") },
  { N_("Timeline and real runs"),
    /* xgettext:no-c-format */
    N_("The Timeline view draws the same curve against calendar years: the frontier run of each year, "
       "its compute growing by the factor per year of the Timeline inputs (4.7×, Epoch AI) from an anchor "
       "run (Llama 3.1 405B, 3.8 × 10²⁵ FLOP in July 2024), on the design’s hardware. Markers and the "
       "summary give years; the range beside each comes from the growth rate’s 90% interval. "
       "Show ▸ Real runs puts published training runs on the utilization chart at their compute and "
       "measured utilization (MFU): real runs sit well below the curve, which is a ceiling, not a "
       "forecast.") },
  { N_("How sure"),
    N_("Show ▸ Uncertainty bands samples the uncertain inputs 1000 times (the batch law, the peak "
       "utilization, the latencies together within a factor of 2, the compute growth and the run its trend "
       "starts from) and shades where 80 percent "
       "of the samples fall, P10 to P90, with their median dashed. Hover for a point’s percentiles. The "
       "band belongs to the inputs it sampled: after an edit it is drawn again. Hardware of each year "
       "(Timeline inputs) trains each run on the roadmap’s GPU of its year instead of the design’s.") },
  { N_("What moves each limit"),
    N_("DRAM-bound onset: more memory bandwidth, or larger matrices per GPU, from larger batches and "
       "wider layers. Network-bound onset: more scale-out bandwidth, a larger scale-up domain (such as "
       "NVL72), larger batches. The wall: lower latency, larger batches (fewer serial steps), fewer and "
       "wider layers, a longer run. More peak FLOP/s alone brings every data-movement limit sooner. "
       "The Sensitivity view measures each of these for your design.") },
  { N_("Which offering"),
    N_("The Options view asks the investor’s question: for a target run of C FLOP in D days, what each "
       "cloud offering and on-premises system needs and costs, with the design’s workload. Each row is "
       "the best layout within the largest cluster offered, ranked by the rental price chosen or by the "
       "cost of owning the GPUs; one that cannot train the target says why. The Scale-out column says "
       "whether its rate is measured (nccl-tests, converted per GPU) or the spec sheet’s times a fabric "
       "fraction. The chart draws cost against compute, one line per priced offering, the cheapest at "
       "each compute as a wide band beneath them. Below the table, goal seek gives the selected "
       "offering’s fewest GPUs for the target and, with a budget, the largest run it buys. Copy Table "
       "(Ctrl+C) copies the table as CSV; Export writes the chart.") },
  { N_("Hover, click, compare"),
    N_("Hover over the chart for the best layout at that scale: GPUs, data × tensor (x × y) × "
       "pipeline × expert parallelism, and the parts of a training step. Click to pin the full "
       "breakdown beside the chart. Compare shows several designs together; Export writes the chart "
       "for slides.") },
  { N_("The model"),
    N_("After E. Erdil and D. Schneider-Joseph, “Data Movement Limits to Frontier Model Training” "
       "(Epoch AI, 2024). With H100s and 3 months, the paper finds utilization falling beyond about "
       "10²⁸ FLOP and no run finishing beyond about 10³¹ FLOP; the paper baseline design reproduces "
       "its figure.") },
};

GtkWindow *
dml_help_window_new (GtkWindow *parent)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_window_set_title (GTK_WINDOW (window), _("How to Read This Chart"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 620);
  gtk_window_set_hide_on_close (GTK_WINDOW (window), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *heading = gtk_label_new (_(sections[i].heading));
      GtkWidget *text = gtk_label_new (_(sections[i].text));

      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_set_margin_top (heading, i > 0 ? 10 : 0);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (text), 70);
      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), text);
    }

  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);

  /* Escape and Ctrl+W close it, as they close other GNOME help. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Escape|<Control>w"),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, shortcuts);
  }

  return GTK_WINDOW (window);
}
