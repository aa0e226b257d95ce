/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_MOOD_CHART (reframe_mood_chart_get_type ())
G_DECLARE_FINAL_TYPE (ReframeMoodChart, reframe_mood_chart, REFRAME, MOOD_CHART, GtkWidget)

/* Mood over the last days: each day's average as a line with points, each check-in as a small
 * dot, 0–10 on the side and dates below. Colours come from the style, so it follows the light
 * and dark styles; its accessible description sums it up in words. */
GtkWidget  *reframe_mood_chart_new              (void);
/* @checkins: ReframeCheckin, any order; those outside the @n_days days ending on the day of
 * @last_day are left out. */
void        reframe_mood_chart_set_checkins     (ReframeMoodChart *self,
                                                 GPtrArray        *checkins,
                                                 GDateTime        *last_day,
                                                 guint             n_days);
/* Over the shown days: the mean of all check-ins (-1 without any), how many check-ins, and
 * on how many days. */
double      reframe_mood_chart_get_average      (ReframeMoodChart *self);
guint       reframe_mood_chart_get_n_checkins   (ReframeMoodChart *self);
guint       reframe_mood_chart_get_n_days_with_data (ReframeMoodChart *self);
/* The sentence the accessible description holds. */
const char *reframe_mood_chart_get_summary      (ReframeMoodChart *self);

/* The colour cue for a mood value, red (0) → amber (5) → green (10). */
void        reframe_mood_get_color              (guint             mood,
                                                 GdkRGBA          *color);

G_END_DECLS
