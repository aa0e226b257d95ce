/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-mood-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "reframe-checkin.h"
#include "reframe-mood-chart.h"

#define PAD_TOP       10.0
#define PAD_END       10.0
#define LABEL_GAP      8.0
#define AVERAGE_RADIUS 5.0
#define DOT_RADIUS     3.0

typedef struct
{
  double sum;
  guint  count;
} Day;

typedef struct
{
  guint  day;
  double fraction;  /* time of day, 0–1 */
  guint  mood;
} Point;

struct _ReframeMoodChart
{
  GtkWidget  parent_instance;

  GDate      first_day;
  guint      n_days;
  gboolean   last_is_today;
  GArray    *days;    /* Day, n_days of them */
  GArray    *points;  /* Point */
  guint      n_checkins;
  guint      n_days_with_data;
  double     average;
  char      *summary;
};

G_DEFINE_FINAL_TYPE (ReframeMoodChart, reframe_mood_chart, GTK_TYPE_WIDGET)

/* Named colours from the GNOME palette where one fits, blended between them otherwise. The
 * badge text colour in style.css is chosen for contrast with these. */
static const char * const mood_colors[] = {
  "#c01c28", "#e01b24", "#e66100", "#ff7800", "#e5a50a", "#f5c211",
  "#a5c23a", "#5ec452", "#2ec27e", "#26a269", "#1f8f5c",
};

void
reframe_mood_get_color (guint    mood,
                        GdkRGBA *color)
{
  g_return_if_fail (color != NULL);

  gdk_rgba_parse (color, mood_colors[MIN (mood, 10)]);
}

typedef struct
{
  GdkRGBA fg;
  GdkRGBA dim;
  GdkRGBA grid;
  GdkRGBA accent;
  GdkRGBA background;
} Palette;

static void
get_palette (GtkWidget *widget,
             Palette   *palette)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (context, &palette->fg);

  palette->dim = palette->fg;
  palette->dim.alpha *= 0.6;
  palette->grid = palette->fg;
  palette->grid.alpha *= 0.12;

  if (!gtk_style_context_lookup_color (context, "accent_color", &palette->accent))
    palette->accent = palette->fg;
  if (!gtk_style_context_lookup_color (context, "card_bg_color", &palette->background) ||
      palette->background.alpha < 0.5)
    {
      if (!gtk_style_context_lookup_color (context, "window_bg_color", &palette->background))
        palette->background = (GdkRGBA) { 1, 1, 1, 1 };
    }
}

static PangoLayout *
create_small_layout (GtkWidget  *widget,
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

static char *
format_day (ReframeMoodChart *self,
            guint             index,
            gboolean          long_form)
{
  GDate date = self->first_day;
  char buffer[128];

  g_date_add_days (&date, index);
  if (!long_form && self->last_is_today && index == self->n_days - 1)
    return g_strdup (_("Today"));

  if (long_form)
    /* Translators: a day in the chart's tooltip, e.g. "Monday, 3 March"; see strftime */
    g_date_strftime (buffer, sizeof buffer, _("%A, %-d %B"), &date);
  else
    /* Translators: a short date under the mood chart, e.g. "3 Mar"; see strftime */
    g_date_strftime (buffer, sizeof buffer, _("%-d %b"), &date);

  return g_strdup (buffer);
}

typedef struct
{
  double x0, y0, x1, y1;
  double column;
} Plot;

static void
compute_plot (ReframeMoodChart *self,
              Plot             *plot,
              int               width,
              int               height)
{
  g_autoptr(PangoLayout) y_label = create_small_layout (GTK_WIDGET (self), "10");
  int label_width, label_height;

  pango_layout_get_pixel_size (y_label, &label_width, &label_height);

  plot->x0 = label_width + LABEL_GAP;
  plot->x1 = MAX (plot->x0 + 1, width - PAD_END);
  plot->y0 = PAD_TOP;
  plot->y1 = MAX (plot->y0 + 1, height - label_height - LABEL_GAP);
  plot->column = (plot->x1 - plot->x0) / MAX (self->n_days, 1);
}

static double
value_to_y (const Plot *plot,
            double      value)
{
  return plot->y1 - (value / 10.0) * (plot->y1 - plot->y0);
}

static double
day_to_x (const Plot *plot,
          double      day)
{
  return plot->x0 + day * plot->column;
}

static void
draw_text (cairo_t       *cr,
           PangoLayout   *layout,
           const GdkRGBA *color,
           double         x,
           double         y)
{
  cairo_move_to (cr, x, y);
  gdk_cairo_set_source_rgba (cr, color);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_axes (ReframeMoodChart *self,
           cairo_t          *cr,
           const Plot       *plot,
           const Palette    *palette)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double last_label_end = -G_MAXDOUBLE;

  cairo_set_line_width (cr, 1);
  for (int value = 0; value <= 10; value += 5)
    {
      g_autofree char *text = g_strdup_printf ("%d", value);
      g_autoptr(PangoLayout) layout = create_small_layout (widget, text);
      double y = round (value_to_y (plot, value)) + 0.5;
      int w, h;

      gdk_cairo_set_source_rgba (cr, &palette->grid);
      cairo_move_to (cr, plot->x0, y);
      cairo_line_to (cr, plot->x1, y);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &w, &h);
      draw_text (cr, layout, &palette->dim, plot->x0 - LABEL_GAP - w, y - h / 2.0);
    }

  /* Dates every week, counted back from the last day so that it always has one. */
  for (int index = self->n_days - 1; index >= 0; index -= 7)
    {
      g_autofree char *text = format_day (self, index, FALSE);
      g_autoptr(PangoLayout) layout = create_small_layout (widget, text);
      double centre = day_to_x (plot, index + 0.5);
      double x;
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      x = CLAMP (centre - w / 2.0, 0, plot->x1 - w);
      /* Labels are placed right to left; skip one that would run into its neighbour. */
      if (last_label_end != -G_MAXDOUBLE && x + w + 6 > last_label_end)
        continue;
      last_label_end = x;

      gdk_cairo_set_source_rgba (cr, &palette->grid);
      cairo_move_to (cr, round (centre) + 0.5, plot->y1);
      cairo_line_to (cr, round (centre) + 0.5, plot->y1 + 4);
      cairo_stroke (cr);

      draw_text (cr, layout, &palette->dim, x, plot->y1 + LABEL_GAP - 2);
    }
}

static void
draw_data (ReframeMoodChart *self,
           cairo_t          *cr,
           const Plot       *plot,
           const Palette    *palette)
{
  const Day *days = (const Day *) self->days->data;
  double dot_radius = MIN (DOT_RADIUS, MAX (1.5, plot->column / 3));
  double average_radius = MIN (AVERAGE_RADIUS, MAX (2.5, plot->column / 2.2));
  int previous = -1;

  /* Each check-in, faint, behind the averages. */
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *point = &g_array_index (self->points, Point, i);
      GdkRGBA color;

      reframe_mood_get_color (point->mood, &color);
      color.alpha = 0.5;
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_arc (cr,
                 day_to_x (plot, point->day + 0.15 + 0.7 * point->fraction),
                 value_to_y (plot, point->mood),
                 dot_radius, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  /* The daily averages as a line; dashed across days without a check-in. */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2.5);
  for (guint i = 0; i < self->n_days; i++)
    {
      if (days[i].count == 0)
        continue;

      if (previous >= 0)
        {
          GdkRGBA color = palette->accent;
          double dashes[] = { 4, 4 };
          gboolean gap = (int) i - previous > 1;

          if (gap)
            color.alpha *= 0.45;
          cairo_set_dash (cr, dashes, gap ? 2 : 0, 0);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_move_to (cr, day_to_x (plot, previous + 0.5),
                         value_to_y (plot, days[previous].sum / days[previous].count));
          cairo_line_to (cr, day_to_x (plot, i + 0.5),
                         value_to_y (plot, days[i].sum / days[i].count));
          cairo_stroke (cr);
        }
      previous = i;
    }
  cairo_set_dash (cr, NULL, 0, 0);

  for (guint i = 0; i < self->n_days; i++)
    {
      double average;
      GdkRGBA color;

      if (days[i].count == 0)
        continue;

      average = days[i].sum / days[i].count;
      reframe_mood_get_color ((guint) round (average), &color);
      cairo_arc (cr, day_to_x (plot, i + 0.5), value_to_y (plot, average),
                 average_radius, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 2);
      gdk_cairo_set_source_rgba (cr, &palette->background);
      cairo_stroke (cr);
    }
}

static void
draw_empty_message (ReframeMoodChart *self,
                    cairo_t          *cr,
                    const Plot       *plot,
                    const Palette    *palette)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  int w, h;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "No check-ins in the last day",
                                       "No check-ins in the last %u days", self->n_days),
                          self->n_days);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_get_pixel_size (layout, &w, &h);
  draw_text (cr, layout, &palette->dim,
             (plot->x0 + plot->x1 - w) / 2, (plot->y0 + plot->y1 - h) / 2);
}

static void
reframe_mood_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  ReframeMoodChart *self = REFRAME_MOOD_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  Palette palette;
  Plot plot;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->n_days == 0)
    return;

  get_palette (widget, &palette);
  compute_plot (self, &plot, width, height);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_axes (self, cr, &plot, &palette);
  if (self->n_checkins > 0)
    draw_data (self, cr, &plot, &palette);
  else
    draw_empty_message (self, cr, &plot, &palette);
  cairo_destroy (cr);
}

static void
reframe_mood_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 600;
    }
  else
    {
      *minimum = 160;
      *natural = 200;
    }
}

static gboolean
reframe_mood_chart_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  ReframeMoodChart *self = REFRAME_MOOD_CHART (widget);
  g_autofree char *day_text = NULL;
  g_autofree char *text = NULL;
  const Day *day;
  Plot plot;
  int index;

  if (keyboard_mode || self->n_days == 0)
    {
      gtk_tooltip_set_text (tooltip, self->summary);
      return self->summary != NULL;
    }

  compute_plot (self, &plot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  if (x < plot.x0 || x >= plot.x1)
    return FALSE;

  index = (int) ((x - plot.x0) / plot.column);
  if (index < 0 || (guint) index >= self->n_days)
    return FALSE;

  day = &g_array_index (self->days, Day, index);
  day_text = format_day (self, index, TRUE);
  if (day->count == 0)
    /* Translators: the chart's tooltip for a day without check-ins, e.g. "Monday, 3 March:
     * no check-in" */
    text = g_strdup_printf (_("%s: no check-in"), day_text);
  else
    {
      double average = day->sum / day->count;

      /* Translators: the chart's tooltip, e.g. "Monday, 3 March\nAverage 6.5 (Fine) from
       * 2 check-ins" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s\nMood %.1f (%s) from %u check-in",
                                           "%s\nAverage %.1f (%s) from %u check-ins",
                                           day->count),
                              day_text, average, reframe_mood_get_label ((guint) round (average)),
                              day->count);
    }

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
reframe_mood_chart_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (reframe_mood_chart_parent_class)->css_changed (widget, change);

  /* Colours are read from the style at draw time: dark style, high contrast, accent. */
  gtk_widget_queue_draw (widget);
}

static void
reframe_mood_chart_finalize (GObject *object)
{
  ReframeMoodChart *self = (ReframeMoodChart *)object;

  g_clear_pointer (&self->days, g_array_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (reframe_mood_chart_parent_class)->finalize (object);
}

static void
reframe_mood_chart_class_init (ReframeMoodChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = reframe_mood_chart_finalize;

  widget_class->snapshot = reframe_mood_chart_snapshot;
  widget_class->measure = reframe_mood_chart_measure;
  widget_class->query_tooltip = reframe_mood_chart_query_tooltip;
  widget_class->css_changed = reframe_mood_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "moodchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
reframe_mood_chart_init (ReframeMoodChart *self)
{
  self->days = g_array_new (FALSE, TRUE, sizeof (Day));
  self->points = g_array_new (FALSE, TRUE, sizeof (Point));
  self->average = -1;
  g_date_clear (&self->first_day, 1);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Mood chart"),
                                  -1);
}

GtkWidget *
reframe_mood_chart_new (void)
{
  return g_object_new (REFRAME_TYPE_MOOD_CHART, NULL);
}

static void
update_summary (ReframeMoodChart *self)
{
  const Day *days = (const Day *) self->days->data;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *label = NULL;
  int lowest = -1, highest = -1;

  /* Translators: the accessible name of the mood chart */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Mood over the last day",
                                        "Mood over the last %u days", self->n_days),
                           self->n_days);

  if (self->n_checkins == 0)
    {
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "No check-ins in the last day.",
                                           "No check-ins in the last %u days.", self->n_days),
                              self->n_days);
    }
  else
    {
      for (guint i = 0; i < self->n_days; i++)
        {
          if (days[i].count == 0)
            continue;
          if (lowest < 0 || days[i].sum / days[i].count < days[lowest].sum / days[lowest].count)
            lowest = i;
          if (highest < 0 || days[i].sum / days[i].count >= days[highest].sum / days[highest].count)
            highest = i;
        }

      /* Translators: the first sentence of the chart's description, e.g. "Average mood 6.4
       * out of 10 (Fine), from 12 check-ins on 9 days." The day count is in the next string. */
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Average mood %.1f out of 10 (%s), from %u check-in",
                                           "Average mood %.1f out of 10 (%s), from %u check-ins",
                                           self->n_checkins),
                              self->average,
                              reframe_mood_get_label ((guint) round (self->average)),
                              self->n_checkins);
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE,
                                           " on %u day.", " on %u days.",
                                           self->n_days_with_data),
                              self->n_days_with_data);

      if (self->n_days_with_data > 1)
        {
          g_autofree char *low_day = format_day (self, lowest, TRUE);
          g_autofree char *high_day = format_day (self, highest, TRUE);

          g_string_append_c (summary, ' ');
          /* Translators: e.g. "Lowest: 2.5 on Monday, 3 March. Highest: 8.0 on Friday, 14 March." */
          g_string_append_printf (summary, _("Lowest: %.1f on %s. Highest: %.1f on %s."),
                                  days[lowest].sum / days[lowest].count, low_day,
                                  days[highest].sum / days[highest].count, high_day);
        }
    }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
}

void
reframe_mood_chart_set_checkins (ReframeMoodChart *self,
                                 GPtrArray        *checkins,
                                 GDateTime        *last_day,
                                 guint             n_days)
{
  g_autoptr(GDateTime) now = NULL;
  Day *days;
  double total = 0;

  g_return_if_fail (REFRAME_IS_MOOD_CHART (self));
  g_return_if_fail (last_day != NULL);
  g_return_if_fail (n_days > 0);

  now = g_date_time_new_now_local ();
  self->last_is_today = g_date_time_get_year (now) == g_date_time_get_year (last_day) &&
                        g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (last_day);

  g_date_clear (&self->first_day, 1);
  g_date_set_dmy (&self->first_day, g_date_time_get_day_of_month (last_day),
                  g_date_time_get_month (last_day), g_date_time_get_year (last_day));
  g_date_subtract_days (&self->first_day, n_days - 1);
  self->n_days = n_days;

  g_array_set_size (self->days, 0);
  g_array_set_size (self->days, n_days);
  g_array_set_size (self->points, 0);
  self->n_checkins = 0;
  self->n_days_with_data = 0;
  days = (Day *) self->days->data;

  for (guint i = 0; checkins != NULL && i < checkins->len; i++)
    {
      ReframeCheckin *checkin = g_ptr_array_index (checkins, i);
      GDateTime *recorded_at = reframe_checkin_get_recorded_at (checkin);
      GDate date;
      Point point;
      int index;

      if (recorded_at == NULL)
        continue;

      /* The day as the person lived it, in the offset it was recorded with. */
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, g_date_time_get_day_of_month (recorded_at),
                      g_date_time_get_month (recorded_at), g_date_time_get_year (recorded_at));
      index = g_date_days_between (&self->first_day, &date);
      if (index < 0 || (guint) index >= n_days)
        continue;

      point.day = index;
      point.fraction = (g_date_time_get_hour (recorded_at) * 60 +
                        g_date_time_get_minute (recorded_at)) / (24.0 * 60.0);
      point.mood = reframe_checkin_get_mood (checkin);
      g_array_append_val (self->points, point);

      if (days[index].count == 0)
        self->n_days_with_data++;
      days[index].sum += point.mood;
      days[index].count++;
      total += point.mood;
      self->n_checkins++;
    }

  self->average = self->n_checkins > 0 ? total / self->n_checkins : -1;

  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
reframe_mood_chart_get_average (ReframeMoodChart *self)
{
  g_return_val_if_fail (REFRAME_IS_MOOD_CHART (self), -1);

  return self->average;
}

guint
reframe_mood_chart_get_n_checkins (ReframeMoodChart *self)
{
  g_return_val_if_fail (REFRAME_IS_MOOD_CHART (self), 0);

  return self->n_checkins;
}

guint
reframe_mood_chart_get_n_days_with_data (ReframeMoodChart *self)
{
  g_return_val_if_fail (REFRAME_IS_MOOD_CHART (self), 0);

  return self->n_days_with_data;
}

const char *
reframe_mood_chart_get_summary (ReframeMoodChart *self)
{
  g_return_val_if_fail (REFRAME_IS_MOOD_CHART (self), NULL);

  return self->summary;
}
