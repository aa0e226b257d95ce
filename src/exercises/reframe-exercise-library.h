/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-exercise-response.h"

G_BEGIN_DECLS

/* The built-in definitions of data/exercises/, parsed (and translated) once. */

/* Exercises and questionnaires in the order they are offered; lives for the process. */
const GPtrArray *reframe_exercise_library_get_all        (void);
/* The built-in file names, e.g. "worry-time.json", for the tests. */
const char * const *reframe_exercise_library_get_files   (void);
/* A built-in definition by id, or NULL. */
ReframeExercise *reframe_exercise_library_lookup         (const char              *id);
/* The definition @response was given with: the built-in one when its id and version still
 * match, otherwise the copy kept with the response. A new reference; NULL with @error set
 * when the copy cannot be read. */
ReframeExercise *reframe_exercise_library_resolve        (ReframeExerciseResponse *response,
                                                          GError                 **error);

G_END_DECLS
