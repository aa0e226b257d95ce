/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* An emotion with its intensity (0–100). In a thought record, @after holds the re-rating
 * (-1 until re-rated); check-ins leave it at -1. @emotion is a catalog id or, for an emotion
 * the person typed, the text they typed. */
typedef struct
{
  char *emotion;
  int   intensity;
  int   after;
} ReframeEmotionRating;

#define REFRAME_TYPE_EMOTION_RATING (reframe_emotion_rating_get_type ())
GType                 reframe_emotion_rating_get_type (void) G_GNUC_CONST;
ReframeEmotionRating *reframe_emotion_rating_new      (const char                 *emotion,
                                                       int                         intensity,
                                                       int                         after);
ReframeEmotionRating *reframe_emotion_rating_copy     (const ReframeEmotionRating *self);
void                  reframe_emotion_rating_free     (ReframeEmotionRating       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeEmotionRating, reframe_emotion_rating_free)

/* The curated catalog from data/mood/emotions.json. */
typedef struct
{
  const char *id;
  const char *name;        /* translated */
  const char *family_id;
  const char *family_name; /* translated */
} ReframeEmotionInfo;

/* Loaded once; the array and its strings live for the whole process. */
const GPtrArray          *reframe_emotions_get_all      (void);
const ReframeEmotionInfo *reframe_emotions_lookup       (const char *id);
/* The translated name for a catalog id, or @id itself for a free-text emotion. */
const char               *reframe_emotions_get_name     (const char *id);
/* Activities offered before the person adds their own (data/mood/activities.json). */
const char * const       *reframe_emotions_get_default_activities (void);

G_END_DECLS
