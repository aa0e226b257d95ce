/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* An exercise a therapist asked the person to do (docs/pack-format.md): which exercise, how
 * often, from when to when, and at what time to remind. The schedule works on the person's
 * local calendar days; every function that needs "today" or "now" takes it as a parameter,
 * so that the tests can use any day they like. */

typedef enum
{
  REFRAME_FREQUENCY_ONCE,
  REFRAME_FREQUENCY_DAILY,
  REFRAME_FREQUENCY_WEEKLY,  /* n times in each 7 days from the start */
} ReframeFrequency;

/* No reminder. */
#define REFRAME_ASSIGNMENT_NO_REMINDER (-1)

#define REFRAME_TYPE_ASSIGNMENT (reframe_assignment_get_type ())
G_DECLARE_FINAL_TYPE (ReframeAssignment, reframe_assignment, REFRAME, ASSIGNMENT, GObject)

ReframeAssignment *reframe_assignment_new                  (void);
ReframeAssignment *reframe_assignment_copy                 (ReframeAssignment *self);

const char        *reframe_assignment_get_uuid             (ReframeAssignment *self);
void               reframe_assignment_set_uuid             (ReframeAssignment *self,
                                                            const char        *uuid);
/* The pack it came in, and who sent it (NULL when not given). */
const char        *reframe_assignment_get_pack_uuid        (ReframeAssignment *self);
void               reframe_assignment_set_pack_uuid        (ReframeAssignment *self,
                                                            const char        *pack_uuid);
const char        *reframe_assignment_get_therapist_name   (ReframeAssignment *self);
void               reframe_assignment_set_therapist_name   (ReframeAssignment *self,
                                                            const char        *name);
const char        *reframe_assignment_get_exercise_id      (ReframeAssignment *self);
void               reframe_assignment_set_exercise_id      (ReframeAssignment *self,
                                                            const char        *exercise_id);
/* The JSON of a definition that came with the pack, or NULL for a built-in exercise. */
const char        *reframe_assignment_get_definition_json  (ReframeAssignment *self);
void               reframe_assignment_set_definition_json  (ReframeAssignment *self,
                                                            const char        *json);
/* The exercise's title, kept for lists (the definition has the real one). */
const char        *reframe_assignment_get_title            (ReframeAssignment *self);
void               reframe_assignment_set_title            (ReframeAssignment *self,
                                                            const char        *title);
/* What the therapist wrote to the person about it, or NULL. */
const char        *reframe_assignment_get_instructions     (ReframeAssignment *self);
void               reframe_assignment_set_instructions     (ReframeAssignment *self,
                                                            const char        *instructions);
ReframeFrequency   reframe_assignment_get_frequency        (ReframeAssignment *self);
void               reframe_assignment_set_frequency        (ReframeAssignment *self,
                                                            ReframeFrequency   frequency);
/* 1–7; only for REFRAME_FREQUENCY_WEEKLY. */
guint              reframe_assignment_get_times_per_week   (ReframeAssignment *self);
void               reframe_assignment_set_times_per_week   (ReframeAssignment *self,
                                                            guint              times);
/* The first day; always valid. */
const GDate       *reframe_assignment_get_start            (ReframeAssignment *self);
void               reframe_assignment_set_start            (ReframeAssignment *self,
                                                            const GDate       *start);
/* The last day, or NULL when open-ended. */
const GDate       *reframe_assignment_get_end              (ReframeAssignment *self);
void               reframe_assignment_set_end              (ReframeAssignment *self,
                                                            const GDate       *end);
/* Minutes after midnight, or REFRAME_ASSIGNMENT_NO_REMINDER. */
int                reframe_assignment_get_reminder         (ReframeAssignment *self);
void               reframe_assignment_set_reminder         (ReframeAssignment *self,
                                                            int                minutes);
/* Whether the therapist is fine with the AI feedback coach looking at the answers, and what
 * they would like it to focus on (for reframe_feedback_session_set_guidance()). */
gboolean           reframe_assignment_get_ai_feedback      (ReframeAssignment *self);
void               reframe_assignment_set_ai_feedback      (ReframeAssignment *self,
                                                            gboolean           allowed);
const char        *reframe_assignment_get_ai_guidance      (ReframeAssignment *self);
void               reframe_assignment_set_ai_guidance      (ReframeAssignment *self,
                                                            const char        *guidance);
/* Paused by the person: nothing is due and no reminder comes. */
gboolean           reframe_assignment_get_paused           (ReframeAssignment *self);
void               reframe_assignment_set_paused           (ReframeAssignment *self,
                                                            gboolean           paused);
/* When the person completed it: GDateTime, any order (set by the store). */
GPtrArray         *reframe_assignment_get_completions      (ReframeAssignment *self);
void               reframe_assignment_set_completions      (ReframeAssignment *self,
                                                            GPtrArray         *completions);

/* Schedule. @today is the person's local date; @now a moment in the local time zone. */

/* Whether @day is within the start and end days. */
gboolean           reframe_assignment_is_active_on         (ReframeAssignment *self,
                                                            const GDate       *day);
/* Whether the assignment has ended before @today. */
gboolean           reframe_assignment_is_finished          (ReframeAssignment *self,
                                                            const GDate       *today);
/* Adherence: how many times it was due from the start through @today (a week that has
 * begun counts in full), and how many of those were done (each day or week counted at most
 * as often as it was due). */
guint              reframe_assignment_count_due            (ReframeAssignment *self,
                                                            const GDate       *today);
guint              reframe_assignment_count_done           (ReframeAssignment *self,
                                                            const GDate       *today);
/* For the current week of a weekly assignment: done and due in it. */
void               reframe_assignment_get_week_progress    (ReframeAssignment *self,
                                                            const GDate       *today,
                                                            guint             *done,
                                                            guint             *due);
/* Whether it belongs on the Today page: not paused, within its days, and not yet done for
 * today (daily), at all (once), or as often as this week asks (weekly). */
gboolean           reframe_assignment_is_due_today         (ReframeAssignment *self,
                                                            const GDate       *today);
/* Due today and late: a one-off whose day has passed, or a reminder time today that has
 * passed without it being done. */
gboolean           reframe_assignment_is_overdue           (ReframeAssignment *self,
                                                            GDateTime         *now);
/* The next reminder strictly after @now, or NULL when none is left (no reminder time,
 * paused, ended, or nothing more is due). Reminders come on the days something falls due:
 * every day (daily), the start day (once), or spread over each week (weekly: for 3 times a
 * week on its 3rd, 5th and 7th day), and only while it is not done. */
GDateTime         *reframe_assignment_next_reminder        (ReframeAssignment *self,
                                                            GDateTime         *now);

/* For people: "Every day, 3 March – 30 March, reminder at 20:30", translated. */
char              *reframe_assignment_describe_schedule    (ReframeAssignment *self);
/* "3 of 5 done so far", or for a weekly one "1 of 3 this week · 4 of 6 so far". */
char              *reframe_assignment_describe_progress    (ReframeAssignment *self,
                                                            const GDate       *today);

/* Helpers */
const char        *reframe_frequency_to_string             (ReframeFrequency   frequency);
gboolean           reframe_frequency_from_string           (const char        *text,
                                                            ReframeFrequency  *frequency);
/* "YYYY-MM-DD" to a valid date; FALSE when it is not one. */
gboolean           reframe_assignment_parse_date           (const char        *text,
                                                            GDate             *date);
char              *reframe_assignment_format_date_iso      (const GDate       *date);
/* "HH:MM" to minutes after midnight; -1 when not valid. */
int                reframe_assignment_parse_time           (const char        *text);
char              *reframe_assignment_format_time          (int                minutes);
/* The local date of @moment. */
void               reframe_assignment_date_of              (GDateTime         *moment,
                                                            GDate             *date);

G_END_DECLS
