/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-exercise-response.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_EXERCISE_RESPONSE_ROW (reframe_exercise_response_row_get_type ())
G_DECLARE_FINAL_TYPE (ReframeExerciseResponseRow, reframe_exercise_response_row,
                      REFRAME, EXERCISE_RESPONSE_ROW, GtkListBoxRow)

/* One exercise or questionnaire response in a list: when, which exercise, and a glimpse of
 * the answers (or the score); in-progress ones show their step and a Resume button.
 *
 * Signals: "open" (Resume, or the row activated), "delete" (the delete button). */
GtkWidget               *reframe_exercise_response_row_new          (ReframeExercise            *exercise,
                                                                     ReframeExerciseResponse    *response);
ReframeExerciseResponse *reframe_exercise_response_row_get_response (ReframeExerciseResponseRow *self);

G_END_DECLS
