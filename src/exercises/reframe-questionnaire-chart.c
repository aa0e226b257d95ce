/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-questionnaire-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "reframe-questionnaire-chart.h"
#include "reframe-questionnaire.h"

#define PAD 10.0
#define LABEL_GAP 6.0
#define POINT_RADIUS 4.0

typedef struct
{
  GDateTime *date;
  int        score;
} Result;

struct _ReframeQuestionnaireChart
{
  GtkWidget        parent_instance;

  ReframeExercise *questionnaire;
  GArray          *results;  /* Result, oldest first */
  char            *summary;
};

G_DEFINE_FINAL_TYPE (ReframeQuestionnaireChart, reframe_questionnaire_chart, GTK_TYPE_WIDGET)

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->date, g_date_time_unref);
}

static int
compare_results (gconstpointer a,
                 gconstpointer b)
{
  return g_date_time_compare (((const Result *) a)->date, ((const Result *) b)->date);
}

static PangoLayout *
small_layout (GtkWidget  *widget,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.82));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
draw_layout (cairo_t       *cr,
             PangoLayout   *layout,
             const GdkRGBA *color,
             double         x,
             double         y)
{
  cairo_move_to (cr, x, y);
  gdk_cairo_set_source_rgba (cr, color);
  pango_cairo_show_layout (cr, layout);
}

static char *
short_date (GDateTime *date)
{
  /* Translators: a short date under the questionnaire chart, e.g. "3 Mar"; see strftime */
  return g_date_time_format (date, _("%-d %b"));
}

static void
reframe_questionnaire_chart_snapshot (GtkWidget   *widget,
                                      GtkSnapshot *snapshot)
{
  ReframeQuestionnaireChart *self = REFRAME_QUESTIONNAIRE_CHART (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  const ReframeQuestionnaireInfo *info;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) probe = NULL;
  int label_w, label_h;
  double x0, x1, y0, y1;
  GdkRGBA fg, dim, grid, accent, stripe;
  gint64 first, last;
  cairo_t *cr;

  if (self->questionnaire == NULL || self->results->len == 0 || width <= 0 || height <= 0)
    return;
  info = reframe_exercise_get_questionnaire (self->questionnaire);

  gtk_style_context_get_color (context, &fg);
  dim = fg;
  dim.alpha *= 0.6;
  grid = fg;
  grid.alpha *= 0.1;
  stripe = fg;
  stripe.alpha *= 0.035;
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = fg;

  probe = small_layout (widget, "27");
  pango_layout_get_pixel_size (probe, &label_w, &label_h);
  x0 = PAD + label_w + LABEL_GAP;
  x1 = width - PAD - POINT_RADIUS;
  y0 = PAD;
  y1 = height - PAD - label_h - LABEL_GAP;
  if (x1 <= x0 || y1 <= y0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

#define Y_OF(score) (y1 - (y1 - y0) * (double) (score) / MAX (info->max_score, 1))

  /* Bands: every other one shaded, each start labelled on the side. */
  for (guint i = 0; i < info->bands->len; i++)
    {
      const ReframeQuestionnaireBand *band = g_ptr_array_index (info->bands, i);
      double top = Y_OF (band->max + (i + 1 < info->bands->len ? 1 : 0));
      double bottom = Y_OF (band->min);
      g_autofree char *text = g_strdup_printf ("%d", band->min);
      g_autoptr(PangoLayout) layout = small_layout (widget, text);
      int w, h;

      if (i % 2 == 1)
        {
          gdk_cairo_set_source_rgba (cr, &stripe);
          cairo_rectangle (cr, x0, top, x1 - x0, bottom - top);
          cairo_fill (cr);
        }
      gdk_cairo_set_source_rgba (cr, &grid);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x0, round (bottom) + 0.5);
      cairo_line_to (cr, x1, round (bottom) + 0.5);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &w, &h);
      draw_layout (cr, layout, &dim, x0 - LABEL_GAP - w, bottom - h / 2.0);
    }
  {
    g_autofree char *text = g_strdup_printf ("%d", info->max_score);
    g_autoptr(PangoLayout) layout = small_layout (widget, text);
    int w, h;

    pango_layout_get_pixel_size (layout, &w, &h);
    draw_layout (cr, layout, &dim, x0 - LABEL_GAP - w, y0 - h / 2.0);
  }

  first = g_date_time_to_unix (g_array_index (self->results, Result, 0).date);
  last = g_date_time_to_unix (g_array_index (self->results, Result, self->results->len - 1).date);

#define X_OF(i) (last > first \
                   ? x0 + (x1 - x0) * (double) (g_date_time_to_unix (g_array_index (self->results, Result, i).date) - first) / (last - first) \
                   : (x0 + x1) / 2)

  /* Dates: the first and the last. */
  for (guint i = 0; i < self->results->len; i += MAX (self->results->len - 1, 1))
    {
      g_autofree char *text = short_date (g_array_index (self->results, Result, i).date);
      g_autoptr(PangoLayout) layout = small_layout (widget, text);
      int w, h;
      double x;

      pango_layout_get_pixel_size (layout, &w, &h);
      x = CLAMP (X_OF (i) - w / 2.0, x0, width - PAD - w);
      if (self->results->len > 1 && i == 0)
        x = x0;
      draw_layout (cr, layout, &dim, x, y1 + LABEL_GAP);
    }

  /* The line and its points; the newest stands out. */
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < self->results->len; i++)
    {
      double x = X_OF (i);
      double y = Y_OF (g_array_index (self->results, Result, i).score);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);

  for (guint i = 0; i < self->results->len; i++)
    {
      gboolean newest = i + 1 == self->results->len;

      cairo_arc (cr, X_OF (i), Y_OF (g_array_index (self->results, Result, i).score),
                 newest ? POINT_RADIUS + 1.5 : POINT_RADIUS, 0, 2 * G_PI);
      cairo_fill (cr);
    }

#undef X_OF
#undef Y_OF

  cairo_destroy (cr);
}

static void
reframe_questionnaire_chart_measure (GtkWidget      *widget,
                                     GtkOrientation  orientation,
                                     int             for_size,
                                     int            *minimum,
                                     int            *natural,
                                     int            *minimum_baseline,
                                     int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 140;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 400 : 160;
}

static void
reframe_questionnaire_chart_finalize (GObject *object)
{
  ReframeQuestionnaireChart *self = (ReframeQuestionnaireChart *)object;

  g_clear_object (&self->questionnaire);
  g_clear_pointer (&self->results, g_array_unref);
  g_free (self->summary);

  G_OBJECT_CLASS (reframe_questionnaire_chart_parent_class)->finalize (object);
}

static void
reframe_questionnaire_chart_class_init (ReframeQuestionnaireChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = reframe_questionnaire_chart_finalize;
  widget_class->snapshot = reframe_questionnaire_chart_snapshot;
  widget_class->measure = reframe_questionnaire_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "questionnairechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
reframe_questionnaire_chart_init (ReframeQuestionnaireChart *self)
{
  self->results = g_array_new (FALSE, FALSE, sizeof (Result));
  g_array_set_clear_func (self->results, (GDestroyNotify) result_clear);
}

GtkWidget *
reframe_questionnaire_chart_new (void)
{
  return g_object_new (REFRAME_TYPE_QUESTIONNAIRE_CHART, NULL);
}

void
reframe_questionnaire_chart_set_results (ReframeQuestionnaireChart *self,
                                         ReframeExercise           *questionnaire,
                                         GPtrArray                 *dates,
                                         GArray                    *scores)
{
  const ReframeQuestionnaireInfo *info;

  g_return_if_fail (REFRAME_IS_QUESTIONNAIRE_CHART (self));
  g_return_if_fail (REFRAME_IS_EXERCISE (questionnaire));
  g_return_if_fail (reframe_exercise_is_questionnaire (questionnaire));
  g_return_if_fail (dates != NULL && scores != NULL && dates->len == scores->len);

  g_set_object (&self->questionnaire, questionnaire);
  g_array_set_size (self->results, 0);
  for (guint i = 0; i < dates->len; i++)
    {
      Result result = { g_date_time_ref (g_ptr_array_index (dates, i)),
                        g_array_index (scores, int, i) };

      g_array_append_val (self->results, result);
    }
  g_array_sort (self->results, compare_results);

  g_clear_pointer (&self->summary, g_free);
  info = reframe_exercise_get_questionnaire (questionnaire);
  if (self->results->len > 0)
    {
      const Result *latest = &g_array_index (self->results, Result, self->results->len - 1);
      const ReframeQuestionnaireBand *band = reframe_questionnaire_get_band (questionnaire,
                                                                             latest->score);
      g_autofree char *first = short_date (g_array_index (self->results, Result, 0).date);
      g_autofree char *last = short_date (latest->date);

      /* Translators: the chart in words, e.g. "PHQ-9: 4 results from 3 Mar to 2 Apr; the latest is 8 of 27 (Mild)." */
      self->summary = g_strdup_printf (ngettext ("%s: %u result from %s to %s; the latest is %d of %d (%s).",
                                                 "%s: %u results from %s to %s; the latest is %d of %d (%s).",
                                                 self->results->len),
                                       info->short_name, self->results->len, first, last,
                                       latest->score, info->max_score, band ? band->label : "");
    }
  else
    self->summary = g_strdup_printf (_("%s: no results yet."), info->short_name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->summary, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
reframe_questionnaire_chart_get_n_results (ReframeQuestionnaireChart *self)
{
  g_return_val_if_fail (REFRAME_IS_QUESTIONNAIRE_CHART (self), 0);
  return self->results->len;
}

const char *
reframe_questionnaire_chart_get_summary (ReframeQuestionnaireChart *self)
{
  g_return_val_if_fail (REFRAME_IS_QUESTIONNAIRE_CHART (self), NULL);
  return self->summary;
}
