/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-exercise-store.h"

G_BEGIN_DECLS

/* The page before the first step: what the exercise is, and its sources. */
#define REFRAME_EXERCISE_RUNNER_INTRO (-1)

#define REFRAME_TYPE_EXERCISE_RUNNER (reframe_exercise_runner_get_type ())
G_DECLARE_FINAL_TYPE (ReframeExerciseRunner, reframe_exercise_runner,
                      REFRAME, EXERCISE_RUNNER, AdwWindow)

/* Any exercise or questionnaire definition, one step per page, saved into @store as the
 * person goes. With @response NULL it starts a new one at the introduction (stored once
 * something is entered); otherwise it opens @response at the step it was left at, or at the
 * summary when completed. @exercise must be the definition @response was given with (see
 * reframe_exercise_library_resolve()). */
ReframeExerciseRunner   *reframe_exercise_runner_new          (GtkWindow               *parent,
                                                               ReframeExerciseStore    *store,
                                                               ReframeExercise         *exercise,
                                                               ReframeExerciseResponse *response);
ReframeExercise         *reframe_exercise_runner_get_exercise (ReframeExerciseRunner   *self);
ReframeExerciseResponse *reframe_exercise_runner_get_response (ReframeExerciseRunner   *self);
/* REFRAME_EXERCISE_RUNNER_INTRO, a step index, or the number of steps for the summary. */
int                      reframe_exercise_runner_get_step     (ReframeExerciseRunner   *self);
void                     reframe_exercise_runner_set_step     (ReframeExerciseRunner   *self,
                                                               int                      step);
/* The ReframeStepField of a step's field, by id. */
GtkWidget               *reframe_exercise_runner_get_field    (ReframeExerciseRunner   *self,
                                                               const char              *field_id);
/* Writes pending changes now; FALSE (with the error shown) when that failed. */
gboolean                 reframe_exercise_runner_save         (ReframeExerciseRunner   *self);

G_END_DECLS
