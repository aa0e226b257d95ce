/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "reframe-emotions.h"

G_BEGIN_DECLS

#define REFRAME_CHECKIN_UNSET (-1)

#define REFRAME_TYPE_CHECKIN (reframe_checkin_get_type ())
G_DECLARE_FINAL_TYPE (ReframeCheckin, reframe_checkin, REFRAME, CHECKIN, GObject)

ReframeCheckin     *reframe_checkin_new              (GDateTime      *recorded_at,
                                                      guint           mood);
ReframeCheckin     *reframe_checkin_copy             (ReframeCheckin *self);
const char         *reframe_checkin_get_uuid         (ReframeCheckin *self);
void                reframe_checkin_set_uuid         (ReframeCheckin *self,
                                                      const char     *uuid);
GDateTime          *reframe_checkin_get_recorded_at  (ReframeCheckin *self);
void                reframe_checkin_set_recorded_at  (ReframeCheckin *self,
                                                      GDateTime      *recorded_at);
guint               reframe_checkin_get_mood         (ReframeCheckin *self);
void                reframe_checkin_set_mood         (ReframeCheckin *self,
                                                      guint           mood);
/* 0–10, or REFRAME_CHECKIN_UNSET */
int                 reframe_checkin_get_energy       (ReframeCheckin *self);
void                reframe_checkin_set_energy       (ReframeCheckin *self,
                                                      int             energy);
int                 reframe_checkin_get_anxiety      (ReframeCheckin *self);
void                reframe_checkin_set_anxiety      (ReframeCheckin *self,
                                                      int             anxiety);
/* Hours slept, or a negative value when not given. */
double              reframe_checkin_get_sleep_hours  (ReframeCheckin *self);
void                reframe_checkin_set_sleep_hours  (ReframeCheckin *self,
                                                      double          sleep_hours);
/* Element type: ReframeEmotionRating */
GPtrArray          *reframe_checkin_get_emotions     (ReframeCheckin *self);
void                reframe_checkin_set_emotions     (ReframeCheckin *self,
                                                      GPtrArray      *emotions);
const char * const *reframe_checkin_get_activities   (ReframeCheckin *self);
void                reframe_checkin_set_activities   (ReframeCheckin *self,
                                                      const char * const *activities);
const char         *reframe_checkin_get_note         (ReframeCheckin *self);
void                reframe_checkin_set_note         (ReframeCheckin *self,
                                                      const char     *note);

/* A short translated word for a mood value, e.g. "Very low" … "Great". */
const char         *reframe_mood_get_label           (guint           mood);

G_END_DECLS
