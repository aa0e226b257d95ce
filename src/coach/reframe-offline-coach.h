/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "reframe-thought-record.h"

G_BEGIN_DECLS

/* Feedback without a network: spots likely thinking traps in a short text from the phrase
 * lists in data/coach/, and writes a gentle reflection with Socratic questions, a balanced
 * thought to start from and one small step. Everything is local and fast enough to run as
 * the person types (well under a millisecond for a paragraph). */

typedef enum
{
  REFRAME_COACH_KIND_JOURNAL,
  REFRAME_COACH_KIND_THOUGHT_RECORD,
  REFRAME_COACH_KIND_CHECKIN,
} ReframeCoachKind;

/* A span of the text that suggested a trap, as written, with its byte offsets. */
typedef struct
{
  char  *text;
  gsize  start;
  gsize  end;
} ReframeTrapTrigger;

typedef struct
{
  const char *trap_id;    /* a stable id from data/exercises/thinking-traps.json */
  double      confidence; /* 0–1 */
  GArray     *triggers;   /* ReframeTrapTrigger, in text order */
} ReframeTrapMatch;

#define REFRAME_TYPE_TRAP_MATCH (reframe_trap_match_get_type ())
GType             reframe_trap_match_get_type (void) G_GNUC_CONST;
ReframeTrapMatch *reframe_trap_match_copy     (const ReframeTrapMatch *self);
void              reframe_trap_match_free     (ReframeTrapMatch       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeTrapMatch, reframe_trap_match_free)

#define REFRAME_TYPE_OFFLINE_COACH (reframe_offline_coach_get_type ())
G_DECLARE_FINAL_TYPE (ReframeOfflineCoach, reframe_offline_coach, REFRAME, OFFLINE_COACH, GObject)

/* Loads data/coach/ once per coach; the default one lives for the whole process. */
ReframeOfflineCoach *reframe_offline_coach_new               (void);
ReframeOfflineCoach *reframe_offline_coach_get_default       (void);

/* Likely traps, most likely first, at most 3 (the data's max_results), each above the data's
 * threshold. Negated phrases ("not always") and other people's words in quotation marks
 * ('my boss said "you always…"') do not count. Element type: ReframeTrapMatch. */
GPtrArray           *reframe_offline_coach_detect            (ReframeOfflineCoach *self,
                                                              const char          *text);
/* 2–3 Socratic questions for @trap_id (translated), or the general ones for an unknown id
 * or NULL. Owned by the coach. */
const char * const  *reframe_offline_coach_get_questions     (ReframeOfflineCoach *self,
                                                              const char          *trap_id);
/* The start of a balanced alternative thought, with blanks ("___") for the person to fill. */
const char          *reframe_offline_coach_balanced_scaffold (ReframeOfflineCoach *self,
                                                              const char          *trap_id);
/* One small, concrete next step for @trap_id. */
const char          *reframe_offline_coach_get_action        (ReframeOfflineCoach *self,
                                                              const char          *trap_id);
/* The offline feedback for a journal entry, a thought record or a check-in note: the
 * feeling in the person's own words, possible traps named tentatively, 2–3 questions, one
 * balanced scaffold and one small step. @record, when given, adds its situation, thoughts,
 * emotions and the traps the person picked. When the text shows signs of a crisis
 * (reframe_safety_screen()), the feedback is only a caring pointer to crisis resources. */
char                *reframe_offline_coach_reflect           (ReframeOfflineCoach  *self,
                                                              ReframeCoachKind      kind,
                                                              const char           *text,
                                                              ReframeThoughtRecord *record);

G_END_DECLS
