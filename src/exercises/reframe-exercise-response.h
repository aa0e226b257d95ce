/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-exercise.h"

G_BEGIN_DECLS

/* One go at an exercise or questionnaire: the answers, keyed by field id, with the id and
 * version of the definition and a copy of its JSON, so that it can always be shown as it was
 * given even after the definition changes. */

#define REFRAME_TYPE_EXERCISE_RESPONSE (reframe_exercise_response_get_type ())
G_DECLARE_FINAL_TYPE (ReframeExerciseResponse, reframe_exercise_response,
                      REFRAME, EXERCISE_RESPONSE, GObject)

/* A new, unsaved response to @exercise (no uuid until stored). */
ReframeExerciseResponse *reframe_exercise_response_new                (ReframeExercise         *exercise);
/* For the store: a response as read back. */
ReframeExerciseResponse *reframe_exercise_response_new_stored         (const char              *uuid,
                                                                       const char              *exercise_id,
                                                                       guint                    exercise_version,
                                                                       const char              *definition_json,
                                                                       JsonObject              *answers);
ReframeExerciseResponse *reframe_exercise_response_copy               (ReframeExerciseResponse *self);

const char              *reframe_exercise_response_get_uuid           (ReframeExerciseResponse *self);
void                     reframe_exercise_response_set_uuid           (ReframeExerciseResponse *self,
                                                                       const char              *uuid);
const char              *reframe_exercise_response_get_exercise_id    (ReframeExerciseResponse *self);
guint                    reframe_exercise_response_get_exercise_version (ReframeExerciseResponse *self);
const char              *reframe_exercise_response_get_definition_json (ReframeExerciseResponse *self);
/* The answers, to read or change in place; never NULL. */
JsonObject              *reframe_exercise_response_get_answers        (ReframeExerciseResponse *self);
/* Takes @value (NULL removes the answer). */
void                     reframe_exercise_response_set_answer         (ReframeExerciseResponse *self,
                                                                       const char              *field_id,
                                                                       JsonNode                *value);
JsonNode                *reframe_exercise_response_get_answer         (ReframeExerciseResponse *self,
                                                                       const char              *field_id);
/* Whether any answer holds something. */
gboolean                 reframe_exercise_response_has_content        (ReframeExerciseResponse *self);
/* The answers as compact JSON text. */
char                    *reframe_exercise_response_dup_answers_json   (ReframeExerciseResponse *self);
/* The step to resume at. */
guint                    reframe_exercise_response_get_step           (ReframeExerciseResponse *self);
void                     reframe_exercise_response_set_step           (ReframeExerciseResponse *self,
                                                                       guint                    step);
gboolean                 reframe_exercise_response_get_completed      (ReframeExerciseResponse *self);
void                     reframe_exercise_response_set_completed      (ReframeExerciseResponse *self,
                                                                       gboolean                 completed);
GDateTime               *reframe_exercise_response_get_created_at     (ReframeExerciseResponse *self);
void                     reframe_exercise_response_set_created_at     (ReframeExerciseResponse *self,
                                                                       GDateTime               *created_at);
GDateTime               *reframe_exercise_response_get_updated_at     (ReframeExerciseResponse *self);
void                     reframe_exercise_response_set_updated_at     (ReframeExerciseResponse *self,
                                                                       GDateTime               *updated_at);

G_END_DECLS
