/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-exercise-store.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_EXERCISES_PAGE (reframe_exercises_page_get_type ())
G_DECLARE_FINAL_TYPE (ReframeExercisesPage, reframe_exercises_page, REFRAME, EXERCISES_PAGE, AdwBin)

/* Opens the thought-record dialog on a new record (stored once something is entered). */
void reframe_exercises_page_new_thought_record  (ReframeExercisesPage *self);
/* Opens the thought record @uuid: where it was left, or at its summary once completed. */
void reframe_exercises_page_open_thought_record (ReframeExercisesPage *self,
                                                 const char           *uuid);

/* Opens the runner on a new response to the built-in exercise or questionnaire @exercise_id
 * (also the widget action "exercises.start" with the id as parameter). */
void                  reframe_exercises_page_start_exercise     (ReframeExercisesPage *self,
                                                                 const char           *exercise_id);
/* Opens the exercise response @uuid where it was left, or at its summary once completed
 * (also "exercises.open-response"). */
void                  reframe_exercises_page_open_response      (ReframeExercisesPage *self,
                                                                 const char           *uuid);
/* Opens the runner on the exercise of assignment @uuid (also win.start-assignment): the one
 * begun for it and not finished, or a new one, which is linked to the assignment once
 * stored. */
void                  reframe_exercises_page_start_assignment   (ReframeExercisesPage *self,
                                                                 const char           *uuid);
/* Where exercise responses are kept; NULL without a database. */
ReframeExerciseStore *reframe_exercises_page_get_exercise_store (ReframeExercisesPage *self);

G_END_DECLS
