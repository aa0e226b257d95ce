/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "reframe-exercise.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_QUESTIONNAIRE_CHART (reframe_questionnaire_chart_get_type ())
G_DECLARE_FINAL_TYPE (ReframeQuestionnaireChart, reframe_questionnaire_chart,
                      REFRAME, QUESTIONNAIRE_CHART, GtkWidget)

/* A questionnaire's total scores over time: a line with a point per result, the severity
 * bands as faint stripes, 0 to the highest score on the side and dates below. Colours come
 * from the style; its accessible description sums it up in words. */
GtkWidget  *reframe_questionnaire_chart_new         (void);
/* @dates and @scores: one per completed result, any order. */
void        reframe_questionnaire_chart_set_results (ReframeQuestionnaireChart *self,
                                                     ReframeExercise           *questionnaire,
                                                     GPtrArray                 *dates,
                                                     GArray                    *scores);
guint       reframe_questionnaire_chart_get_n_results (ReframeQuestionnaireChart *self);
const char *reframe_questionnaire_chart_get_summary (ReframeQuestionnaireChart *self);

G_END_DECLS
