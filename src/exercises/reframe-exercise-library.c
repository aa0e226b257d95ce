/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-exercise-library"

#include "config.h"

#include "reframe-core-resources.h"
#include "reframe-exercise-library.h"

/* In the order they are offered. The thought record has its own dialog and no file here. */
static const char * const builtin_files[] = {
  "behavioural-activation.json",
  "behavioural-experiment.json",
  "exposure-ladder.json",
  "worry-time.json",
  "problem-solving.json",
  "three-good-things.json",
  "paced-breathing.json",
  "phq-9.json",
  "gad-7.json",
  NULL
};

static ReframeExercise *
load_builtin (const char *name)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_BASE "/data/exercises/%s", name);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  ReframeExercise *exercise;

  reframe_core_ensure_resources ();

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("Built-in exercise %s is missing: %s", path, error->message);

  exercise = reframe_exercise_new_from_data (g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes),
                                             REFRAME_EXERCISE_PARSE_TRANSLATE, &error);
  /* The tests load every one, so this is a packaging bug. */
  if (exercise == NULL)
    g_error ("Built-in exercise %s is not valid: %s", path, error->message);

  return exercise;
}

const GPtrArray *
reframe_exercise_library_get_all (void)
{
  static GPtrArray *all;

  if (g_once_init_enter (&all))
    {
      GPtrArray *loaded = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; builtin_files[i] != NULL; i++)
        g_ptr_array_add (loaded, load_builtin (builtin_files[i]));

      g_once_init_leave (&all, loaded);
    }

  return all;
}

const char * const *
reframe_exercise_library_get_files (void)
{
  return builtin_files;
}

ReframeExercise *
reframe_exercise_library_lookup (const char *id)
{
  const GPtrArray *all = reframe_exercise_library_get_all ();

  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (reframe_exercise_get_id (g_ptr_array_index (all, i)), id))
      return g_ptr_array_index (all, i);

  return NULL;
}

ReframeExercise *
reframe_exercise_library_resolve (ReframeExerciseResponse  *response,
                                  GError                  **error)
{
  const char *id;
  ReframeExercise *builtin;

  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (response), NULL);

  id = reframe_exercise_response_get_exercise_id (response);
  builtin = reframe_exercise_library_lookup (id);
  if (builtin != NULL &&
      reframe_exercise_get_version (builtin) == reframe_exercise_response_get_exercise_version (response))
    return g_object_ref (builtin);

  /* An older built-in version still has its texts in the translations. */
  return reframe_exercise_new_from_data (reframe_exercise_response_get_definition_json (response),
                                         -1,
                                         builtin != NULL ? REFRAME_EXERCISE_PARSE_TRANSLATE
                                                         : REFRAME_EXERCISE_PARSE_DEFAULT,
                                         error);
}
