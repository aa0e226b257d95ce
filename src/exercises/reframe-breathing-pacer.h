/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  REFRAME_BREATHING_PHASE_READY,
  REFRAME_BREATHING_PHASE_IN,
  REFRAME_BREATHING_PHASE_HOLD,
  REFRAME_BREATHING_PHASE_OUT,
  REFRAME_BREATHING_PHASE_HOLD_AFTER,
  REFRAME_BREATHING_PHASE_DONE,
} ReframeBreathingPhase;

#define REFRAME_TYPE_BREATHING_PACER (reframe_breathing_pacer_get_type ())
G_DECLARE_FINAL_TYPE (ReframeBreathingPacer, reframe_breathing_pacer, REFRAME, BREATHING_PACER, GtkWidget)

/* A circle that grows while breathing in and shrinks while breathing out, drawn with
 * GtkSnapshot in the accent colour. It keeps time itself: the phase, the seconds left in it,
 * the breaths completed and the time practised. With animations turned off (reduced motion)
 * the circle keeps its size and only the words and the count change.
 *
 * Properties "phase", "seconds-left" and "running" notify as they change.
 * Signals: "breath-completed", "finished" (the set duration is reached). */
GtkWidget             *reframe_breathing_pacer_new             (void);
void                   reframe_breathing_pacer_set_pattern     (ReframeBreathingPacer *self,
                                                                guint                  inhale,
                                                                guint                  hold,
                                                                guint                  exhale,
                                                                guint                  hold_after);
void                   reframe_breathing_pacer_set_duration    (ReframeBreathingPacer *self,
                                                                guint                  seconds);
void                   reframe_breathing_pacer_start           (ReframeBreathingPacer *self);
void                   reframe_breathing_pacer_pause           (ReframeBreathingPacer *self);
/* Back to the start, with no breaths counted. */
void                   reframe_breathing_pacer_reset           (ReframeBreathingPacer *self);
gboolean               reframe_breathing_pacer_get_running     (ReframeBreathingPacer *self);
ReframeBreathingPhase  reframe_breathing_pacer_get_phase       (ReframeBreathingPacer *self);
guint                  reframe_breathing_pacer_get_seconds_left (ReframeBreathingPacer *self);
guint                  reframe_breathing_pacer_get_breaths     (ReframeBreathingPacer *self);
guint                  reframe_breathing_pacer_get_elapsed     (ReframeBreathingPacer *self);
/* "Breathe in", "Hold", "Breathe out", … (translated). */
const char            *reframe_breathing_phase_to_string       (ReframeBreathingPhase  phase);

G_END_DECLS
