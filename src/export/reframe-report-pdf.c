/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-report-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "reframe-exercise-library.h"
#include "reframe-report-pdf.h"

#define MARGIN        56.0
#define HEADER_SPACE  36.0
#define FOOTER_SPACE  44.0
#define CONTENT_WIDTH (REFRAME_REPORT_PDF_WIDTH - 2 * MARGIN)
#define TOP           (MARGIN + HEADER_SPACE)
#define BOTTOM        (REFRAME_REPORT_PDF_HEIGHT - MARGIN - FOOTER_SPACE)
#define FONT_FAMILY   "Cantarell, DejaVu Sans, Sans"
#define CHART_HEIGHT  150.0

#define COLOR_TEXT    0x241f31
#define COLOR_DIM     0x5e5c64
#define COLOR_RULE    0xc0bfbc
#define COLOR_ACCENT  0x1c71d8
#define COLOR_GRID    0xdeddda

typedef struct
{
  cairo_t       *cr;
  ReframeReport *report;
  char          *period;
  double         y;
  guint          page;
} Pdf;

typedef enum
{
  STYLE_BODY,
  STYLE_SMALL,
  STYLE_LABEL,       /* a question above its answer */
  STYLE_HEADING,
  STYLE_SUBHEADING,
  STYLE_TITLE,
} Style;

static void
set_color (cairo_t *cr,
           guint32  rgb,
           double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static PangoLayout *
new_layout (Pdf        *pdf,
            Style       style,
            const char *text,
            double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  switch (style)
    {
    case STYLE_TITLE:
      pango_font_description_set_size (font, 22 * PANGO_SCALE);
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      break;
    case STYLE_HEADING:
      pango_font_description_set_size (font, 15 * PANGO_SCALE);
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      break;
    case STYLE_SUBHEADING:
      pango_font_description_set_size (font, 11.5 * PANGO_SCALE);
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      break;
    case STYLE_LABEL:
      pango_font_description_set_size (font, 9 * PANGO_SCALE);
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      break;
    case STYLE_SMALL:
      pango_font_description_set_size (font, 8.5 * PANGO_SCALE);
      break;
    case STYLE_BODY:
    default:
      pango_font_description_set_size (font, 10 * PANGO_SCALE);
      break;
    }

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  /* What the person wrote is text, never markup. */
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
draw_header_and_footer (Pdf *pdf)
{
  cairo_t *cr = pdf->cr;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  g_autoptr(PangoLayout) number = NULL;
  g_autofree char *page = NULL;
  g_autofree char *shared = NULL;
  int width;

  shared = g_strdup_printf (_("Progress report · %s"), pdf->period);
  left = new_layout (pdf, STYLE_SMALL, shared, 0);
  set_color (cr, COLOR_DIM, 1);
  cairo_move_to (cr, MARGIN, MARGIN);
  pango_cairo_show_layout (cr, left);

  right = new_layout (pdf, STYLE_SMALL, _("Shared by the client"), 0);
  pango_layout_get_size (right, &width, NULL);
  cairo_move_to (cr, REFRAME_REPORT_PDF_WIDTH - MARGIN - (double) width / PANGO_SCALE, MARGIN);
  pango_cairo_show_layout (cr, right);

  set_color (cr, COLOR_RULE, 1);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, MARGIN + 16);
  cairo_line_to (cr, REFRAME_REPORT_PDF_WIDTH - MARGIN, MARGIN + 16);
  cairo_move_to (cr, MARGIN, BOTTOM + 14);
  cairo_line_to (cr, REFRAME_REPORT_PDF_WIDTH - MARGIN, BOTTOM + 14);
  cairo_stroke (cr);

  footer = new_layout (pdf, STYLE_SMALL,
                       _("Not a diagnosis. These are the client’s own entries and self-ratings "
                         "from Reframe, a self-help app; they are not a clinical assessment."),
                       CONTENT_WIDTH - 60);
  set_color (cr, COLOR_DIM, 1);
  cairo_move_to (cr, MARGIN, BOTTOM + 20);
  pango_cairo_show_layout (cr, footer);

  /* Translators: the page number at the foot of a report page */
  page = g_strdup_printf (_("Page %u"), pdf->page);
  number = new_layout (pdf, STYLE_SMALL, page, 0);
  pango_layout_get_size (number, &width, NULL);
  cairo_move_to (cr, REFRAME_REPORT_PDF_WIDTH - MARGIN - (double) width / PANGO_SCALE,
                 BOTTOM + 20);
  pango_cairo_show_layout (cr, number);
}

static void
new_page (Pdf *pdf)
{
  if (pdf->page > 0)
    cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = TOP;
  draw_header_and_footer (pdf);
}

static void
ensure_space (Pdf    *pdf,
              double  height)
{
  if (pdf->y + height > BOTTOM)
    new_page (pdf);
}

/* A paragraph, broken across pages line by line when it does not fit. */
static void
draw_text (Pdf        *pdf,
           Style       style,
           const char *text,
           double      indent,
           guint32     color,
           double      space_after)
{
  g_autoptr(PangoLayout) layout = new_layout (pdf, style, text, CONTENT_WIDTH - indent);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  set_color (pdf->cr, color, 1);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      double top;
      double height;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      height = (double) logical.height / PANGO_SCALE;
      if (pdf->y + height > BOTTOM)
        {
          new_page (pdf);
          set_color (pdf->cr, color, 1);
        }
      cairo_move_to (pdf->cr, MARGIN + indent, pdf->y + (baseline - top));
      pango_cairo_show_layout_line (pdf->cr, line);
      pdf->y += height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  pdf->y += space_after;
}

/* A heading never ends a page: it keeps @keep_with points of what follows with it. */
static void
draw_heading (Pdf        *pdf,
              const char *text,
              double      keep_with)
{
  ensure_space (pdf, 40 + keep_with);
  pdf->y += 10;
  draw_text (pdf, STYLE_HEADING, text, 0, COLOR_TEXT, 8);
}

static char *
format_day (GDateTime *at)
{
  /* Translators: a date in a report, e.g. “3 Mar 2026”; see strftime */
  return g_date_time_format (at, _("%-d %b %Y"));
}

static char *
format_day_time (GDateTime *at)
{
  /* Translators: a date and time in a report, e.g. “3 Mar 2026, 18:30”; see strftime */
  return g_date_time_format (at, _("%-d %b %Y, %H:%M"));
}

/* Charts: a value per moment over the report's days. */

typedef struct
{
  double x;
  double y;
} Point;

static double
day_position (Pdf       *pdf,
              GDateTime *at,
              double     left,
              double     width)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  double span;

  reframe_report_get_bounds (pdf->report, &start, &end);
  span = (double) g_date_time_difference (end, start);
  if (span <= 0)
    return left;
  return left + width * CLAMP ((double) g_date_time_difference (at, start) / span, 0, 1);
}

static void
draw_axes (Pdf    *pdf,
           double  left,
           double  top,
           double  width,
           double  height,
           int     max_value,
           int     step)
{
  cairo_t *cr = pdf->cr;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  g_autoptr(PangoLayout) first_layout = NULL;
  g_autoptr(PangoLayout) last_layout = NULL;
  int text_width;

  cairo_set_line_width (cr, 0.5);
  for (int value = 0; value <= max_value; value += step)
    {
      g_autofree char *label = g_strdup_printf ("%d", value);
      g_autoptr(PangoLayout) layout = new_layout (pdf, STYLE_SMALL, label, 0);
      double y = top + height - height * value / max_value;

      set_color (cr, COLOR_GRID, 1);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + width, y);
      cairo_stroke (cr);
      pango_layout_get_size (layout, &text_width, NULL);
      set_color (cr, COLOR_DIM, 1);
      cairo_move_to (cr, left - 6 - (double) text_width / PANGO_SCALE, y - 6);
      pango_cairo_show_layout (cr, layout);
    }

  reframe_report_get_bounds (pdf->report, &start, &end);
  last = g_date_time_add_seconds (end, -1);
  first_day = format_day (start);
  last_day = format_day (last);
  first_layout = new_layout (pdf, STYLE_SMALL, first_day, 0);
  last_layout = new_layout (pdf, STYLE_SMALL, last_day, 0);
  set_color (cr, COLOR_DIM, 1);
  cairo_move_to (cr, left, top + height + 4);
  pango_cairo_show_layout (cr, first_layout);
  pango_layout_get_size (last_layout, &text_width, NULL);
  cairo_move_to (cr, left + width - (double) text_width / PANGO_SCALE, top + height + 4);
  pango_cairo_show_layout (cr, last_layout);
}

static void
draw_series (Pdf    *pdf,
             GArray *points,
             guint32 color)
{
  cairo_t *cr = pdf->cr;

  if (points->len == 0)
    return;
  set_color (cr, color, 1);
  cairo_set_line_width (cr, 1.6);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < points->len; i++)
    {
      Point *point = &g_array_index (points, Point, i);

      if (i == 0)
        cairo_move_to (cr, point->x, point->y);
      else
        cairo_line_to (cr, point->x, point->y);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < points->len; i++)
    {
      Point *point = &g_array_index (points, Point, i);

      cairo_arc (cr, point->x, point->y, 2.6, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_mood_chart (Pdf *pdf)
{
  GPtrArray *moods = reframe_report_get_moods (pdf->report);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (Point));
  double left = MARGIN + 24;
  double width = CONTENT_WIDTH - 30;
  double top;
  double sum = 0;
  guint count = 0;

  ensure_space (pdf, CHART_HEIGHT + 30);
  top = pdf->y;
  draw_axes (pdf, left, top, width, CHART_HEIGHT, 10, 2);

  /* Each day's average, as on the Mood page. */
  for (guint i = 0; i < moods->len; i++)
    {
      ReframeReportMood *mood = g_ptr_array_index (moods, i);
      ReframeReportMood *next = i + 1 < moods->len ? g_ptr_array_index (moods, i + 1) : NULL;
      g_autoptr(GDateTime) local = g_date_time_to_local (mood->at);

      sum += mood->mood;
      count++;
      if (next == NULL || g_date_time_get_day_of_year (local) !=
                            g_date_time_get_day_of_year (g_date_time_to_local (next->at)))
        {
          g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (local),
                                                             g_date_time_get_month (local),
                                                             g_date_time_get_day_of_month (local),
                                                             12, 0, 0);
          Point point = { day_position (pdf, noon, left, width),
                          top + CHART_HEIGHT - CHART_HEIGHT * (sum / count) / 10 };

          g_array_append_val (points, point);
          sum = 0;
          count = 0;
        }
    }
  draw_series (pdf, points, COLOR_ACCENT);
  pdf->y = top + CHART_HEIGHT + 24;
}

static void
draw_score_chart (Pdf        *pdf,
                  const char *questionnaire_id,
                  int         max_score)
{
  GPtrArray *scores = reframe_report_get_scores (pdf->report);
  ReframeExercise *questionnaire = reframe_exercise_library_lookup (questionnaire_id);
  const ReframeQuestionnaireInfo *info = questionnaire ? reframe_exercise_get_questionnaire (questionnaire)
                                                       : NULL;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (Point));
  double left = MARGIN + 24;
  double width = CONTENT_WIDTH - 30;
  double top;

  ensure_space (pdf, CHART_HEIGHT + 30);
  top = pdf->y;

  /* The bands as faint stripes, growing darker with the score. */
  for (guint i = 0; info != NULL && info->max_score == max_score && i < info->bands->len; i++)
    {
      const ReframeQuestionnaireBand *band = g_ptr_array_index (info->bands, i);
      double y_low = top + CHART_HEIGHT - CHART_HEIGHT * band->min / max_score;
      double y_high = top + CHART_HEIGHT - CHART_HEIGHT * (band->max + 1.0) / max_score;

      set_color (pdf->cr, COLOR_ACCENT, 0.03 + 0.03 * i);
      cairo_rectangle (pdf->cr, left, MAX (y_high, top), width, y_low - MAX (y_high, top));
      cairo_fill (pdf->cr);
    }

  draw_axes (pdf, left, top, width, CHART_HEIGHT, max_score, max_score > 20 ? 5 : 3);
  for (guint i = 0; i < scores->len; i++)
    {
      ReframeReportScore *score = g_ptr_array_index (scores, i);
      Point point;

      if (g_strcmp0 (score->questionnaire_id, questionnaire_id) != 0)
        continue;
      point.x = day_position (pdf, score->at, left, width);
      point.y = top + CHART_HEIGHT - CHART_HEIGHT * CLAMP (score->score, 0, max_score) / max_score;
      g_array_append_val (points, point);
    }
  draw_series (pdf, points, COLOR_ACCENT);
  pdf->y = top + CHART_HEIGHT + 24;
}

/* A simple table: a header row and rows of cells at fixed column positions. */
static void
draw_row (Pdf                 *pdf,
          const char * const  *cells,
          const double        *columns,
          guint                n_columns,
          gboolean             header)
{
  double height = 0;

  for (guint i = 0; i < n_columns; i++)
    {
      double width = (i + 1 < n_columns ? columns[i + 1] : CONTENT_WIDTH) - columns[i] - 8;
      g_autoptr(PangoLayout) layout = new_layout (pdf, header ? STYLE_LABEL : STYLE_BODY,
                                                  cells[i] ? cells[i] : "", width);

      height = MAX (height, layout_height (layout));
    }
  ensure_space (pdf, height + 6);
  for (guint i = 0; i < n_columns; i++)
    {
      double width = (i + 1 < n_columns ? columns[i + 1] : CONTENT_WIDTH) - columns[i] - 8;
      g_autoptr(PangoLayout) layout = new_layout (pdf, header ? STYLE_LABEL : STYLE_BODY,
                                                  cells[i] ? cells[i] : "", width);

      set_color (pdf->cr, header ? COLOR_DIM : COLOR_TEXT, 1);
      cairo_move_to (pdf->cr, MARGIN + columns[i], pdf->y);
      pango_cairo_show_layout (pdf->cr, layout);
    }
  pdf->y += height + 3;
  set_color (pdf->cr, COLOR_GRID, 1);
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  cairo_line_to (pdf->cr, MARGIN + CONTENT_WIDTH, pdf->y);
  cairo_stroke (pdf->cr);
  pdf->y += 4;
}

static void
draw_title (Pdf *pdf)
{
  ReframeReport *report = pdf->report;
  const char *name = reframe_report_get_client_name (report);
  g_autofree char *made = format_day (reframe_report_get_created (report));
  g_autofree char *line = NULL;

  draw_text (pdf, STYLE_TITLE, _("Progress Report"), 0, COLOR_TEXT, 4);
  draw_text (pdf, STYLE_SUBHEADING, pdf->period, 0, COLOR_TEXT, 6);
  if (name != NULL)
    /* Translators: under the title of a report; %s is the name the client typed */
    line = g_strdup_printf (_("Shared by the client, %s, on %s, from the Reframe app."), name, made);
  else
    line = g_strdup_printf (_("Shared by the client on %s, from the Reframe app."), made);
  draw_text (pdf, STYLE_BODY, line, 0, COLOR_DIM, 4);
  draw_text (pdf, STYLE_SMALL,
             _("The client chose what to include. Scores describe answers to standard "
               "questionnaires; a score is not a diagnosis."),
             0, COLOR_DIM, 8);
}

static void
draw_summary (Pdf *pdf)
{
  ReframeReport *report = pdf->report;
  ReframeReportSections sections = reframe_report_get_sections (report);
  GPtrArray *moods = reframe_report_get_moods (report);
  g_autoptr(GString) left_out = g_string_new (NULL);
  const double columns[] = { 0, 220 };

  draw_heading (pdf, _("Summary"), 60);
  if (sections & REFRAME_REPORT_MOOD)
    {
      g_autofree char *value = NULL;
      double sum = 0;

      for (guint i = 0; i < moods->len; i++)
        sum += ((ReframeReportMood *) g_ptr_array_index (moods, i))->mood;
      if (moods->len > 0)
        value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u check-in, average mood %.1f of 10",
                                              "%u check-ins, average mood %.1f of 10", moods->len),
                                 moods->len, sum / moods->len);
      else
        value = g_strdup (_("None"));
      draw_row (pdf, (const char *[]) { _("Mood check-ins"), value }, columns, 2, FALSE);
    }
  if (sections & REFRAME_REPORT_QUESTIONNAIRES)
    {
      g_autofree char *value = g_strdup_printf ("%u", reframe_report_get_scores (report)->len);

      draw_row (pdf, (const char *[]) { _("Questionnaires scored"), value }, columns, 2, FALSE);
    }
  if (sections & REFRAME_REPORT_EXERCISES)
    {
      guint n = 0;
      g_autofree char *value = NULL;

      for (guint i = 0; i < reframe_report_get_exercises (report)->len; i++)
        n += ((ReframeReportExercise *) g_ptr_array_index (reframe_report_get_exercises (report),
                                                           i))->questionnaire ? 0 : 1;
      value = g_strdup_printf ("%u", n);
      draw_row (pdf, (const char *[]) { _("Exercises completed"), value }, columns, 2, FALSE);
    }
  if (sections & REFRAME_REPORT_JOURNAL)
    {
      g_autofree char *value = g_strdup_printf ("%u", reframe_report_get_entries (report)->len);

      draw_row (pdf, (const char *[]) { _("Journal entries"), value }, columns, 2, FALSE);
    }
  if (sections & REFRAME_REPORT_SAFETY)
    {
      g_autofree char *value = g_strdup_printf ("%u", reframe_report_get_safety_events (report)->len);

      draw_row (pdf, (const char *[]) { _("Crisis-screen events"), value }, columns, 2, FALSE);
    }

  if (!(sections & REFRAME_REPORT_MOOD))
    g_string_append_printf (left_out, "%s%s", left_out->len ? ", " : "", _("mood"));
  if (!(sections & REFRAME_REPORT_QUESTIONNAIRES))
    g_string_append_printf (left_out, "%s%s", left_out->len ? ", " : "", _("questionnaires"));
  if (!(sections & REFRAME_REPORT_EXERCISES))
    g_string_append_printf (left_out, "%s%s", left_out->len ? ", " : "", _("exercises"));
  if (!(sections & REFRAME_REPORT_JOURNAL))
    g_string_append_printf (left_out, "%s%s", left_out->len ? ", " : "", _("journal entries"));
  if (!(sections & REFRAME_REPORT_SAFETY))
    g_string_append_printf (left_out, "%s%s", left_out->len ? ", " : "",
                            _("crisis-screen events"));
  if (left_out->len > 0)
    {
      /* Translators: %s is a list, e.g. “journal entries, crisis-screen events” */
      g_autofree char *text = g_strdup_printf (_("Not included by the client: %s."), left_out->str);

      pdf->y += 4;
      draw_text (pdf, STYLE_SMALL, text, 0, COLOR_DIM, 4);
    }
}

static void
draw_questionnaires (Pdf *pdf)
{
  GPtrArray *scores = reframe_report_get_scores (pdf->report);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  const double columns[] = { 0, 150, 220 };

  draw_heading (pdf, _("Questionnaires"), CHART_HEIGHT + 70);
  if (scores->len == 0)
    {
      draw_text (pdf, STYLE_BODY, _("No questionnaires were completed in this period."), 0,
                 COLOR_DIM, 6);
      return;
    }

  for (guint i = 0; i < scores->len; i++)
    {
      ReframeReportScore *first = g_ptr_array_index (scores, i);
      g_autofree char *title = NULL;
      int max_score = first->max_score;

      if (g_ptr_array_find_with_equal_func (seen, first->questionnaire_id, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, first->questionnaire_id);

      for (guint j = i; j < scores->len; j++)
        {
          ReframeReportScore *score = g_ptr_array_index (scores, j);

          if (g_strcmp0 (score->questionnaire_id, first->questionnaire_id) == 0)
            max_score = MAX (max_score, score->score);
        }
      max_score = MAX (max_score, 1);

      ensure_space (pdf, CHART_HEIGHT + 70);
      if (first->max_score > 0)
        /* Translators: e.g. “PHQ-9 (0–27)” */
        title = g_strdup_printf (_("%s (0–%d)"), first->short_name, first->max_score);
      else
        title = g_strdup (first->short_name);
      draw_text (pdf, STYLE_SUBHEADING, title, 0, COLOR_TEXT, 8);
      draw_score_chart (pdf, first->questionnaire_id, max_score);

      draw_row (pdf, (const char *[]) { _("Date"), _("Score"), _("Range") }, columns, 3, TRUE);
      for (guint j = i; j < scores->len; j++)
        {
          ReframeReportScore *score = g_ptr_array_index (scores, j);
          g_autofree char *day = NULL;
          g_autofree char *value = NULL;

          if (g_strcmp0 (score->questionnaire_id, first->questionnaire_id) != 0)
            continue;
          day = format_day (score->at);
          value = score->max_score > 0 ? g_strdup_printf (_("%d of %d"), score->score, score->max_score)
                                       : g_strdup_printf ("%d", score->score);
          draw_row (pdf, (const char *[]) { day, value, score->band ? score->band : "" },
                    columns, 3, FALSE);
        }
      pdf->y += 10;
    }
}

static void
draw_exercise (Pdf                   *pdf,
               ReframeReportExercise *exercise)
{
  g_autofree char *when = format_day_time (exercise->at);

  ensure_space (pdf, 70);
  pdf->y += 4;
  draw_text (pdf, STYLE_SUBHEADING, exercise->title, 0, COLOR_TEXT, 1);
  draw_text (pdf, STYLE_SMALL, when, 0, COLOR_DIM, 6);
  /* A questionnaire's answers are short: a table reads faster. */
  if (exercise->questionnaire)
    {
      const double columns[] = { 0, 300 };

      for (guint i = 0; i < exercise->items->len; i++)
        {
          ReframeReportItem *item = g_ptr_array_index (exercise->items, i);

          draw_row (pdf, (const char *[]) { item->question, item->answer }, columns, 2, FALSE);
        }
      pdf->y += 10;
      return;
    }
  for (guint i = 0; i < exercise->items->len; i++)
    {
      ReframeReportItem *item = g_ptr_array_index (exercise->items, i);

      ensure_space (pdf, 30);
      draw_text (pdf, STYLE_LABEL, item->question, 0, COLOR_DIM, 1);
      draw_text (pdf, STYLE_BODY, item->answer, 0, COLOR_TEXT, 6);
    }
  pdf->y += 6;
}

static void
draw_exercises (Pdf      *pdf,
                gboolean  questionnaires)
{
  GPtrArray *exercises = reframe_report_get_exercises (pdf->report);
  gboolean any = FALSE;

  draw_heading (pdf, questionnaires ? _("Questionnaire Answers") : _("Exercises"), 90);
  for (guint i = 0; i < exercises->len; i++)
    {
      ReframeReportExercise *exercise = g_ptr_array_index (exercises, i);

      if (exercise->questionnaire != questionnaires)
        continue;
      draw_exercise (pdf, exercise);
      any = TRUE;
    }
  if (!any)
    draw_text (pdf, STYLE_BODY, _("No exercises were completed in this period."), 0, COLOR_DIM, 6);
}

static void
draw_journal (Pdf *pdf)
{
  GPtrArray *entries = reframe_report_get_entries (pdf->report);

  draw_heading (pdf, _("Journal Entries"), 60);
  if (entries->len == 0)
    draw_text (pdf, STYLE_BODY, _("No journal entries in this period."), 0, COLOR_DIM, 6);
  for (guint i = 0; i < entries->len; i++)
    {
      ReframeReportEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *when = format_day_time (entry->at);

      ensure_space (pdf, 60);
      draw_text (pdf, STYLE_SUBHEADING, entry->title ? entry->title : when, 0, COLOR_TEXT, 1);
      if (entry->title != NULL)
        draw_text (pdf, STYLE_SMALL, when, 0, COLOR_DIM, 4);
      draw_text (pdf, STYLE_BODY, entry->body, 0, COLOR_TEXT, 12);
    }
}

static void
draw_safety (Pdf *pdf)
{
  GPtrArray *events = reframe_report_get_safety_events (pdf->report);
  const double columns[] = { 0, 170 };

  draw_heading (pdf, _("Crisis-Screen Events"), 60);
  draw_text (pdf, STYLE_SMALL,
             _("When words of concern appeared in what the client wrote, Reframe offered crisis "
               "resources. Only the date and the kind are kept, never the text."),
             0, COLOR_DIM, 8);
  if (events->len == 0)
    {
      draw_text (pdf, STYLE_BODY, _("None in this period."), 0, COLOR_DIM, 6);
      return;
    }
  draw_row (pdf, (const char *[]) { _("When"), _("Kind") }, columns, 2, TRUE);
  for (guint i = 0; i < events->len; i++)
    {
      ReframeReportSafety *event = g_ptr_array_index (events, i);
      g_autofree char *when = format_day_time (event->at);

      draw_row (pdf, (const char *[]) { when, reframe_report_describe_safety_kind (event->kind) },
                columns, 2, FALSE);
    }
}

static void
draw_report (Pdf *pdf)
{
  ReframeReportSections sections = reframe_report_get_sections (pdf->report);

  new_page (pdf);
  draw_title (pdf);
  draw_summary (pdf);

  if (sections & REFRAME_REPORT_MOOD)
    {
      draw_heading (pdf, _("Mood"), CHART_HEIGHT + 40);
      if (reframe_report_get_moods (pdf->report)->len == 0)
        draw_text (pdf, STYLE_BODY, _("No check-ins in this period."), 0, COLOR_DIM, 6);
      else
        {
          draw_text (pdf, STYLE_SMALL, _("Average of each day’s check-ins, 0 (very low) to 10 (great)."),
                     0, COLOR_DIM, 8);
          draw_mood_chart (pdf);
        }
    }
  if (sections & REFRAME_REPORT_QUESTIONNAIRES)
    draw_questionnaires (pdf);
  if (sections & REFRAME_REPORT_EXERCISES)
    draw_exercises (pdf, FALSE);
  if (sections & REFRAME_REPORT_QUESTIONNAIRES)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < reframe_report_get_exercises (pdf->report)->len; i++)
        any |= ((ReframeReportExercise *) g_ptr_array_index (reframe_report_get_exercises (pdf->report),
                                                             i))->questionnaire;
      if (any)
        draw_exercises (pdf, TRUE);
    }
  if (sections & REFRAME_REPORT_JOURNAL)
    draw_journal (pdf);
  if (sections & REFRAME_REPORT_SAFETY)
    draw_safety (pdf);

  cairo_show_page (pdf->cr);
}

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} StreamClosure;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  StreamClosure *out = closure;

  if (out->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (out->stream, data, length, NULL, out->cancellable, &out->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
reframe_report_pdf_write_stream (ReframeReport  *report,
                                 GOutputStream  *stream,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  StreamClosure out = { stream, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  Pdf pdf = { NULL, report, NULL, 0, 0 };

  g_return_val_if_fail (REFRAME_IS_REPORT (report), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  surface = cairo_pdf_surface_create_for_stream (write_cb, &out, REFRAME_REPORT_PDF_WIDTH,
                                                 REFRAME_REPORT_PDF_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Progress Report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Reframe " PACKAGE_VERSION);
  pdf.cr = cairo_create (surface);
  pdf.period = reframe_report_format_period (report);

  draw_report (&pdf);

  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  g_free (pdf.period);

  if (out.error != NULL)
    {
      g_propagate_error (error, out.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not draw the report: %s",
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  ReframeReport *report;
  GFile         *file;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->report);
  g_clear_object (&data->file);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  ReframeReport *report = data->report;
  GFile *file = data->file;
  g_autoptr(GFileOutputStream) stream = NULL;
  GError *error = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                           &error);
  if (stream == NULL ||
      !reframe_report_pdf_write_stream (report, G_OUTPUT_STREAM (stream), cancellable, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
reframe_report_pdf_write_async (ReframeReport       *report,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (REFRAME_IS_REPORT (report));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (WriteData, 1);
  data->report = g_object_ref (report);
  data->file = g_object_ref (file);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reframe_report_pdf_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
reframe_report_pdf_write_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
