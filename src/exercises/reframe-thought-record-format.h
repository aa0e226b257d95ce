/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-thought-record.h"

G_BEGIN_DECLS

/* Words the thought-record screens share. */

/* "Situation", "Emotions", … */
const char *reframe_thought_record_step_title          (ReframeThoughtRecordStep     step);
/* "Anxious 80 → 40", or "Anxious 80" before the re-rating. */
char       *reframe_thought_record_format_emotion       (const ReframeEmotionRating *rating);
/* Every emotion as above, joined with " · "; "" when there is none. */
char       *reframe_thought_record_format_emotions      (ReframeThoughtRecord       *record);
/* The first line of the situation, else the hot thought, else NULL. */
char       *reframe_thought_record_format_title         (ReframeThoughtRecord       *record);
/* Whether the person has written or picked anything at all. */
gboolean    reframe_thought_record_has_content          (ReframeThoughtRecord       *record);

G_END_DECLS
