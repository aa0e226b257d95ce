/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-questionnaire"

#include "config.h"

#include "reframe-questionnaire.h"

int
reframe_questionnaire_get_item_value (ReframeExercise *exercise,
                                      JsonObject      *answers,
                                      const char      *field_id)
{
  const ReframeField *field;
  const ReframeFieldOption *option;
  JsonNode *node;

  g_return_val_if_fail (REFRAME_IS_EXERCISE (exercise), -1);
  g_return_val_if_fail (field_id != NULL, -1);

  field = reframe_exercise_lookup_field (exercise, field_id);
  if (field == NULL || field->type != REFRAME_FIELD_CHOICE || answers == NULL)
    return -1;
  node = json_object_get_member (answers, field_id);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return -1;
  option = reframe_field_lookup_option (field, json_node_get_string (node));
  return option != NULL ? option->value : -1;
}

gboolean
reframe_questionnaire_is_crisis_item (ReframeExercise *exercise,
                                      const char      *field_id)
{
  const ReframeField *field;

  g_return_val_if_fail (REFRAME_IS_EXERCISE (exercise), FALSE);
  g_return_val_if_fail (field_id != NULL, FALSE);

  if (!reframe_exercise_is_questionnaire (exercise))
    return FALSE;
  /* Not left to the data: the PHQ-9's item 9 always counts, in any version. */
  if (g_str_equal (reframe_exercise_get_id (exercise), REFRAME_QUESTIONNAIRE_PHQ9) &&
      g_str_equal (field_id, REFRAME_QUESTIONNAIRE_PHQ9_ITEM9))
    return TRUE;
  field = reframe_exercise_lookup_field (exercise, field_id);
  return field != NULL && field->crisis;
}

gboolean
reframe_questionnaire_needs_crisis_resources (ReframeExercise *exercise,
                                              JsonObject      *answers)
{
  guint n_steps;

  g_return_val_if_fail (REFRAME_IS_EXERCISE (exercise), FALSE);

  if (!reframe_exercise_is_questionnaire (exercise) || answers == NULL)
    return FALSE;

  n_steps = reframe_exercise_get_n_steps (exercise);
  for (guint i = 0; i < n_steps; i++)
    {
      const ReframeExerciseStep *step = reframe_exercise_get_step (exercise, i);

      for (guint j = 0; j < step->fields->len; j++)
        {
          const ReframeField *field = g_ptr_array_index (step->fields, j);

          if (reframe_questionnaire_is_crisis_item (exercise, field->id) &&
              reframe_questionnaire_get_item_value (exercise, answers, field->id) > 0)
            return TRUE;
        }
    }

  return FALSE;
}

const ReframeQuestionnaireBand *
reframe_questionnaire_get_band (ReframeExercise *exercise,
                                int              score)
{
  const ReframeQuestionnaireInfo *info;

  g_return_val_if_fail (REFRAME_IS_EXERCISE (exercise), NULL);

  info = reframe_exercise_get_questionnaire (exercise);
  if (info == NULL)
    return NULL;

  for (guint i = 0; i < info->bands->len; i++)
    {
      const ReframeQuestionnaireBand *band = g_ptr_array_index (info->bands, i);

      if (score >= band->min && score <= band->max)
        return band;
    }

  return NULL;
}

gboolean
reframe_questionnaire_score (ReframeExercise            *exercise,
                             JsonObject                 *answers,
                             ReframeQuestionnaireResult *result)
{
  guint n_steps;

  g_return_val_if_fail (REFRAME_IS_EXERCISE (exercise), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  *result = (ReframeQuestionnaireResult) { 0, };
  if (!reframe_exercise_is_questionnaire (exercise))
    return FALSE;

  n_steps = reframe_exercise_get_n_steps (exercise);
  for (guint i = 0; i < n_steps; i++)
    {
      const ReframeExerciseStep *step = reframe_exercise_get_step (exercise, i);

      for (guint j = 0; j < step->fields->len; j++)
        {
          const ReframeField *field = g_ptr_array_index (step->fields, j);
          int value;

          if (!field->scored)
            continue;
          result->n_items++;
          value = reframe_questionnaire_get_item_value (exercise, answers, field->id);
          if (value < 0)
            continue;
          result->answered++;
          result->score += value;
        }
    }

  result->complete = result->answered == result->n_items;
  result->band = result->complete ? reframe_questionnaire_get_band (exercise, result->score) : NULL;
  result->crisis = reframe_questionnaire_needs_crisis_resources (exercise, answers);
  return TRUE;
}
