/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-exercise.h"

G_BEGIN_DECLS

/* Scoring of a questionnaire definition (PHQ-9, GAD-7, …): the sum of the values of the
 * options chosen for the scored items, and the band the total falls in. A score describes
 * answers, it is not a diagnosis; the UI says so wherever it shows one. */

typedef struct
{
  int                             score;     /* sum over the answered scored items */
  guint                           answered;  /* scored items answered */
  guint                           n_items;   /* scored items */
  gboolean                        complete;  /* every scored item answered */
  const ReframeQuestionnaireBand *band;      /* only when complete */
  gboolean                        crisis;    /* see reframe_questionnaire_needs_crisis_resources() */
} ReframeQuestionnaireResult;

/* The built-in PHQ-9's id and the id of its item 9 (thoughts of being better off dead or of
 * self-harm), which always brings up the crisis resources when answered above 0. */
#define REFRAME_QUESTIONNAIRE_PHQ9       "phq-9"
#define REFRAME_QUESTIONNAIRE_PHQ9_ITEM9 "phq9-9"
#define REFRAME_QUESTIONNAIRE_GAD7       "gad-7"

/* FALSE if @exercise is not a questionnaire. */
gboolean                        reframe_questionnaire_score          (ReframeExercise            *exercise,
                                                                      JsonObject                 *answers,
                                                                      ReframeQuestionnaireResult *result);
/* The band @score falls in; NULL when out of range. */
const ReframeQuestionnaireBand *reframe_questionnaire_get_band       (ReframeExercise            *exercise,
                                                                      int                         score);
/* The value of the option chosen for @field_id, or -1 when unanswered or unknown. */
int                             reframe_questionnaire_get_item_value (ReframeExercise            *exercise,
                                                                      JsonObject                 *answers,
                                                                      const char                 *field_id);
/* Whether @field_id is an item whose answer above 0 must bring up the crisis resources: any
 * item marked "crisis", and the PHQ-9's item 9 whatever its definition says. */
gboolean                        reframe_questionnaire_is_crisis_item (ReframeExercise            *exercise,
                                                                      const char                 *field_id);
/* Whether any crisis item is answered above 0. */
gboolean                        reframe_questionnaire_needs_crisis_resources (ReframeExercise *exercise,
                                                                              JsonObject      *answers);

G_END_DECLS
