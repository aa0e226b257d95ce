/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-exercise.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_STEP_FIELD (reframe_step_field_get_type ())
G_DECLARE_FINAL_TYPE (ReframeStepField, reframe_step_field, REFRAME, STEP_FIELD, AdwBin)

/* One field of an exercise step, of any type, bound to the JSON object that holds its answer
 * (@scope: the response's answers, or a list row). It writes the answer there as the person
 * goes and emits "changed". @root is the response's answers, for fields that show the rows of
 * another list. */
GtkWidget          *reframe_step_field_new            (ReframeExercise    *exercise,
                                                       const ReframeField *field,
                                                       JsonObject         *scope,
                                                       JsonObject         *root,
                                                       gboolean            show_label);
const ReframeField *reframe_step_field_get_field      (ReframeStepField   *self);
/* Shows the answer in the scope again, and the rows of lists it depends on. */
void                reframe_step_field_refresh        (ReframeStepField   *self);
/* Sliders start in the middle; keeping that is an answer too, once the person has answered
 * something next to it. Stores the shown value when there is none. */
void                reframe_step_field_commit_default (ReframeStepField   *self);
/* The widget the person answers with (GtkEntry, ReframeTextArea, ReframeMoodScale, GtkScale,
 * ReframeEmotionPicker, ReframeTrapPicker, GtkMenuButton, ReframeBreathingPacer, ReframeStepList,
 * or the GtkListBox of a choice). */
GtkWidget          *reframe_step_field_get_control    (ReframeStepField   *self);
/* Choices: the check button of @option_id. */
GtkCheckButton     *reframe_step_field_get_option     (ReframeStepField   *self,
                                                       const char         *option_id);
/* Moves the keyboard focus to the control. */
gboolean            reframe_step_field_focus          (ReframeStepField   *self);

G_END_DECLS
