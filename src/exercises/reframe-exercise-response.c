/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-exercise-response"

#include "config.h"

#include "reframe-exercise-response.h"
#include "reframe-util.h"

struct _ReframeExerciseResponse
{
  GObject     parent_instance;

  char       *uuid;
  char       *exercise_id;
  guint       exercise_version;
  char       *definition_json;
  JsonObject *answers;
  guint       step;
  gboolean    completed;
  GDateTime  *created_at;
  GDateTime  *updated_at;
};

G_DEFINE_FINAL_TYPE (ReframeExerciseResponse, reframe_exercise_response, G_TYPE_OBJECT)

static void
reframe_exercise_response_finalize (GObject *object)
{
  ReframeExerciseResponse *self = (ReframeExerciseResponse *)object;

  g_free (self->uuid);
  g_free (self->exercise_id);
  g_free (self->definition_json);
  g_clear_pointer (&self->answers, json_object_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (reframe_exercise_response_parent_class)->finalize (object);
}

static void
reframe_exercise_response_class_init (ReframeExerciseResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reframe_exercise_response_finalize;
}

static void
reframe_exercise_response_init (ReframeExerciseResponse *self)
{
  self->answers = json_object_new ();
}

ReframeExerciseResponse *
reframe_exercise_response_new (ReframeExercise *exercise)
{
  ReframeExerciseResponse *self;

  g_return_val_if_fail (REFRAME_IS_EXERCISE (exercise), NULL);

  self = g_object_new (REFRAME_TYPE_EXERCISE_RESPONSE, NULL);
  self->exercise_id = g_strdup (reframe_exercise_get_id (exercise));
  self->exercise_version = reframe_exercise_get_version (exercise);
  self->definition_json = g_strdup (reframe_exercise_get_source_json (exercise));

  return self;
}

ReframeExerciseResponse *
reframe_exercise_response_new_stored (const char *uuid,
                                      const char *exercise_id,
                                      guint       exercise_version,
                                      const char *definition_json,
                                      JsonObject *answers)
{
  ReframeExerciseResponse *self;

  g_return_val_if_fail (exercise_id != NULL, NULL);
  g_return_val_if_fail (definition_json != NULL, NULL);

  self = g_object_new (REFRAME_TYPE_EXERCISE_RESPONSE, NULL);
  self->uuid = g_strdup (uuid);
  self->exercise_id = g_strdup (exercise_id);
  self->exercise_version = exercise_version;
  self->definition_json = g_strdup (definition_json);
  if (answers != NULL)
    {
      g_clear_pointer (&self->answers, json_object_unref);
      self->answers = json_object_ref (answers);
    }

  return self;
}

ReframeExerciseResponse *
reframe_exercise_response_copy (ReframeExerciseResponse *self)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;
  ReframeExerciseResponse *response;

  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self), NULL);

  node = json_node_init_object (json_node_alloc (), self->answers);
  copy = json_node_copy (node);
  response = reframe_exercise_response_new_stored (self->uuid, self->exercise_id,
                                                   self->exercise_version, self->definition_json,
                                                   json_node_get_object (copy));
  response->step = self->step;
  response->completed = self->completed;
  reframe_set_date_time (&response->created_at, self->created_at);
  reframe_set_date_time (&response->updated_at, self->updated_at);

  return response;
}

const char *
reframe_exercise_response_get_uuid (ReframeExerciseResponse *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self), NULL);
  return self->uuid;
}

void
reframe_exercise_response_set_uuid (ReframeExerciseResponse *self,
                                    const char              *uuid)
{
  g_return_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self));
  reframe_set_str (&self->uuid, uuid);
}

const char *
reframe_exercise_response_get_exercise_id (ReframeExerciseResponse *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self), NULL);
  return self->exercise_id;
}

guint
reframe_exercise_response_get_exercise_version (ReframeExerciseResponse *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self), 0);
  return self->exercise_version;
}

const char *
reframe_exercise_response_get_definition_json (ReframeExerciseResponse *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self), NULL);
  return self->definition_json;
}

JsonObject *
reframe_exercise_response_get_answers (ReframeExerciseResponse *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self), NULL);
  return self->answers;
}

void
reframe_exercise_response_set_answer (ReframeExerciseResponse *self,
                                      const char              *field_id,
                                      JsonNode                *value)
{
  g_return_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self));
  g_return_if_fail (field_id != NULL);

  if (value == NULL)
    json_object_remove_member (self->answers, field_id);
  else
    json_object_set_member (self->answers, field_id, value);
}

JsonNode *
reframe_exercise_response_get_answer (ReframeExerciseResponse *self,
                                      const char              *field_id)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self), NULL);
  g_return_val_if_fail (field_id != NULL, NULL);

  return json_object_get_member (self->answers, field_id);
}

gboolean
reframe_exercise_response_has_content (ReframeExerciseResponse *self)
{
  g_autoptr(GList) values = NULL;

  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self), FALSE);

  values = json_object_get_values (self->answers);
  for (GList *l = values; l != NULL; l = l->next)
    if (reframe_exercise_answer_is_set (l->data))
      return TRUE;
  return FALSE;
}

char *
reframe_exercise_response_dup_answers_json (ReframeExerciseResponse *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self), NULL);

  node = json_node_init_object (json_node_alloc (), self->answers);
  return json_to_string (node, FALSE);
}

guint
reframe_exercise_response_get_step (ReframeExerciseResponse *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self), 0);
  return self->step;
}

void
reframe_exercise_response_set_step (ReframeExerciseResponse *self,
                                    guint                    step)
{
  g_return_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self));
  self->step = step;
}

gboolean
reframe_exercise_response_get_completed (ReframeExerciseResponse *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self), FALSE);
  return self->completed;
}

void
reframe_exercise_response_set_completed (ReframeExerciseResponse *self,
                                         gboolean                 completed)
{
  g_return_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self));
  self->completed = !!completed;
}

GDateTime *
reframe_exercise_response_get_created_at (ReframeExerciseResponse *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self), NULL);
  return self->created_at;
}

void
reframe_exercise_response_set_created_at (ReframeExerciseResponse *self,
                                          GDateTime               *created_at)
{
  g_return_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self));
  reframe_set_date_time (&self->created_at, created_at);
}

GDateTime *
reframe_exercise_response_get_updated_at (ReframeExerciseResponse *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self), NULL);
  return self->updated_at;
}

void
reframe_exercise_response_set_updated_at (ReframeExerciseResponse *self,
                                          GDateTime               *updated_at)
{
  g_return_if_fail (REFRAME_IS_EXERCISE_RESPONSE (self));
  reframe_set_date_time (&self->updated_at, updated_at);
}
