/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "reframe-emotions.h"

G_BEGIN_DECLS

typedef enum
{
  REFRAME_THOUGHT_RECORD_STEP_SITUATION,
  REFRAME_THOUGHT_RECORD_STEP_EMOTIONS,
  REFRAME_THOUGHT_RECORD_STEP_THOUGHTS,
  REFRAME_THOUGHT_RECORD_STEP_TRAPS,
  REFRAME_THOUGHT_RECORD_STEP_EVIDENCE_FOR,
  REFRAME_THOUGHT_RECORD_STEP_EVIDENCE_AGAINST,
  REFRAME_THOUGHT_RECORD_STEP_BALANCED,
  REFRAME_THOUGHT_RECORD_STEP_RERATE,
  REFRAME_THOUGHT_RECORD_N_STEPS,
} ReframeThoughtRecordStep;

typedef struct
{
  char     *text;
  int       belief; /* 0–100 */
  gboolean  hot;
} ReframeAutomaticThought;

#define REFRAME_TYPE_AUTOMATIC_THOUGHT (reframe_automatic_thought_get_type ())
GType                    reframe_automatic_thought_get_type (void) G_GNUC_CONST;
ReframeAutomaticThought *reframe_automatic_thought_new      (const char                    *text,
                                                             int                            belief,
                                                             gboolean                       hot);
ReframeAutomaticThought *reframe_automatic_thought_copy     (const ReframeAutomaticThought *self);
void                     reframe_automatic_thought_free     (ReframeAutomaticThought       *self);

#define REFRAME_TYPE_THOUGHT_RECORD (reframe_thought_record_get_type ())
G_DECLARE_FINAL_TYPE (ReframeThoughtRecord, reframe_thought_record, REFRAME, THOUGHT_RECORD, GObject)

ReframeThoughtRecord     *reframe_thought_record_new                  (void);
ReframeThoughtRecord     *reframe_thought_record_copy                 (ReframeThoughtRecord *self);
const char               *reframe_thought_record_get_uuid             (ReframeThoughtRecord *self);
void                      reframe_thought_record_set_uuid             (ReframeThoughtRecord *self,
                                                                       const char           *uuid);
GDateTime                *reframe_thought_record_get_created_at       (ReframeThoughtRecord *self);
void                      reframe_thought_record_set_created_at       (ReframeThoughtRecord *self,
                                                                       GDateTime            *created_at);
GDateTime                *reframe_thought_record_get_updated_at       (ReframeThoughtRecord *self);
void                      reframe_thought_record_set_updated_at       (ReframeThoughtRecord *self,
                                                                       GDateTime            *updated_at);
const char               *reframe_thought_record_get_situation        (ReframeThoughtRecord *self);
void                      reframe_thought_record_set_situation        (ReframeThoughtRecord *self,
                                                                       const char           *situation);
/* Element type: ReframeEmotionRating (intensity before, after once re-rated) */
GPtrArray                *reframe_thought_record_get_emotions         (ReframeThoughtRecord *self);
void                      reframe_thought_record_set_emotions         (ReframeThoughtRecord *self,
                                                                       GPtrArray            *emotions);
/* Element type: ReframeAutomaticThought */
GPtrArray                *reframe_thought_record_get_thoughts         (ReframeThoughtRecord *self);
void                      reframe_thought_record_set_thoughts         (ReframeThoughtRecord *self,
                                                                       GPtrArray            *thoughts);
/* The thought marked hot, or else the one believed most; NULL when there is none. */
const ReframeAutomaticThought *reframe_thought_record_get_hot_thought (ReframeThoughtRecord *self);
/* Thinking-trap ids, see reframe-thinking-traps.h */
const char * const       *reframe_thought_record_get_traps            (ReframeThoughtRecord *self);
void                      reframe_thought_record_set_traps            (ReframeThoughtRecord *self,
                                                                       const char * const   *traps);
const char               *reframe_thought_record_get_evidence_for     (ReframeThoughtRecord *self);
void                      reframe_thought_record_set_evidence_for     (ReframeThoughtRecord *self,
                                                                       const char           *text);
const char               *reframe_thought_record_get_evidence_against (ReframeThoughtRecord *self);
void                      reframe_thought_record_set_evidence_against (ReframeThoughtRecord *self,
                                                                       const char           *text);
const char               *reframe_thought_record_get_balanced_thought (ReframeThoughtRecord *self);
void                      reframe_thought_record_set_balanced_thought (ReframeThoughtRecord *self,
                                                                       const char           *text);
/* 0–100, or -1 when not rated */
int                       reframe_thought_record_get_balanced_belief  (ReframeThoughtRecord *self);
void                      reframe_thought_record_set_balanced_belief  (ReframeThoughtRecord *self,
                                                                       int                   belief);
/* The step to resume at. */
ReframeThoughtRecordStep  reframe_thought_record_get_step             (ReframeThoughtRecord *self);
void                      reframe_thought_record_set_step             (ReframeThoughtRecord *self,
                                                                       ReframeThoughtRecordStep step);
gboolean                  reframe_thought_record_get_completed        (ReframeThoughtRecord *self);
void                      reframe_thought_record_set_completed        (ReframeThoughtRecord *self,
                                                                       gboolean              completed);

G_END_DECLS
