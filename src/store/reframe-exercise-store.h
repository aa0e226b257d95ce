/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-database.h"
#include "reframe-exercise-response.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_EXERCISE_STORE (reframe_exercise_store_get_type ())
G_DECLARE_FINAL_TYPE (ReframeExerciseStore, reframe_exercise_store,
                      REFRAME, EXERCISE_STORE, GObject)

/* Signals: "response-saved" (ReframeExerciseResponse *saved, gboolean created),
 *          "response-deleted" (const char *uuid). */

ReframeExerciseStore    *reframe_exercise_store_new    (ReframeDatabase          *database);
/* Inserts or updates @response by its uuid (given one when it has none). The answers must be
 * a JSON object of at most REFRAME_EXERCISE_MAX_ANSWERS_SIZE bytes of UTF-8. */
gboolean                 reframe_exercise_store_save   (ReframeExerciseStore     *self,
                                                        ReframeExerciseResponse  *response,
                                                        GError                  **error);
ReframeExerciseResponse *reframe_exercise_store_get    (ReframeExerciseStore     *self,
                                                        const char               *uuid,
                                                        GError                  **error);
gboolean                 reframe_exercise_store_delete (ReframeExerciseStore     *self,
                                                        const char               *uuid,
                                                        GError                  **error);
/* Responses to @exercise_id, or to all exercises when NULL. */
guint                    reframe_exercise_store_count  (ReframeExerciseStore     *self,
                                                        const char               *exercise_id);
/* Newest first by creation; to @exercise_id only, or all when NULL. */
GPtrArray               *reframe_exercise_store_list   (ReframeExerciseStore     *self,
                                                        const char               *exercise_id,
                                                        guint                     offset,
                                                        guint                     limit,
                                                        GError                  **error);

G_END_DECLS
