/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-exercise-store.h"
#include "reframe-journal-store.h"
#include "reframe-mood-store.h"
#include "reframe-safety-log.h"

G_BEGIN_DECLS

/* A progress report for a therapist: what the person chose to share from one period. It is
 * gathered from the stores (reframe_report_gather()), written as a PDF
 * (reframe-report-pdf.h) or a FHIR Bundle (reframe-fhir.h), and read back from a Bundle for
 * the therapist's viewer. Journal entries and crisis-screen events are only ever in it when
 * the person asked for them. */

typedef enum /*< flags >*/
{
  REFRAME_REPORT_MOOD           = 1 << 0,
  REFRAME_REPORT_QUESTIONNAIRES = 1 << 1,
  REFRAME_REPORT_EXERCISES      = 1 << 2,
  REFRAME_REPORT_JOURNAL        = 1 << 3,  /* off unless ticked */
  REFRAME_REPORT_SAFETY         = 1 << 4,  /* off unless ticked */
} ReframeReportSections;

#define REFRAME_REPORT_DEFAULT_SECTIONS \
  (REFRAME_REPORT_MOOD | REFRAME_REPORT_QUESTIONNAIRES | REFRAME_REPORT_EXERCISES)

typedef struct
{
  GDateTime *at;
  int        mood;     /* 0–10 */
  int        energy;   /* 0–10, or -1 */
  int        anxiety;  /* 0–10, or -1 */
} ReframeReportMood;

typedef struct
{
  char      *question;
  char      *answer;   /* as shown to the person */
} ReframeReportItem;

typedef struct
{
  char                    *id;                /* the response's uuid */
  char                    *exercise_id;
  guint                    exercise_version;
  char                    *title;
  GDateTime               *at;
  gboolean                 questionnaire;
  GPtrArray               *items;             /* ReframeReportItem, answered ones */
  /* Only in a gathered report: what the FHIR writer types its answers from. */
  ReframeExercise         *exercise;
  ReframeExerciseResponse *response;
} ReframeReportExercise;

typedef struct
{
  char      *questionnaire_id;
  char      *short_name;   /* "PHQ-9" */
  char      *code;         /* panel code, or NULL */
  char      *total_code;   /* total score code, or NULL */
  GDateTime *at;
  int        score;
  int        max_score;
  char      *band;         /* or NULL */
  char      *response_id;  /* the exercise it was scored from, or NULL */
} ReframeReportScore;

typedef struct
{
  GDateTime *at;
  char      *title;  /* or NULL */
  char      *body;
} ReframeReportEntry;

typedef struct
{
  GDateTime *at;
  char      *kind;   /* "suicide", "self-harm", "harm-to-others" or "abuse" */
} ReframeReportSafety;

#define REFRAME_TYPE_REPORT (reframe_report_get_type ())
G_DECLARE_FINAL_TYPE (ReframeReport, reframe_report, REFRAME, REPORT, GObject)

/* An empty report of the days @from to @to (both included). */
ReframeReport        *reframe_report_new                (const GDate          *from,
                                                         const GDate          *to,
                                                         ReframeReportSections sections);
/* Everything in @sections from the days @from to @to (both included, local days). The
 * stores may be NULL when their section is not asked for. */
ReframeReport        *reframe_report_gather             (const GDate          *from,
                                                         const GDate          *to,
                                                         ReframeReportSections sections,
                                                         ReframeMoodStore     *mood_store,
                                                         ReframeExerciseStore *exercise_store,
                                                         ReframeJournalStore  *journal_store,
                                                         ReframeSafetyLog     *safety_log,
                                                         GError              **error);

const GDate          *reframe_report_get_from           (ReframeReport *self);
const GDate          *reframe_report_get_to             (ReframeReport *self);
ReframeReportSections reframe_report_get_sections       (ReframeReport *self);
/* When it was made. */
GDateTime            *reframe_report_get_created        (ReframeReport *self);
void                  reframe_report_set_created        (ReframeReport *self,
                                                         GDateTime     *created);
/* The name the person chose to put on it, or NULL. */
const char           *reframe_report_get_client_name    (ReframeReport *self);
void                  reframe_report_set_client_name    (ReframeReport *self,
                                                         const char    *name);

/* Oldest first. */
GPtrArray            *reframe_report_get_moods          (ReframeReport *self);
GPtrArray            *reframe_report_get_scores         (ReframeReport *self);
GPtrArray            *reframe_report_get_exercises      (ReframeReport *self);
GPtrArray            *reframe_report_get_entries        (ReframeReport *self);
GPtrArray            *reframe_report_get_safety_events  (ReframeReport *self);

/* Leaves out one exercise (and its score) the person chose not to share. */
void                  reframe_report_remove_exercise    (ReframeReport *self,
                                                         const char    *response_id);
/* For building a report by hand (the FHIR reader, tests). Each takes ownership. */
void                  reframe_report_add_mood           (ReframeReport         *self,
                                                         ReframeReportMood     *mood);
void                  reframe_report_add_score          (ReframeReport         *self,
                                                         ReframeReportScore    *score);
void                  reframe_report_add_exercise       (ReframeReport         *self,
                                                         ReframeReportExercise *exercise);
void                  reframe_report_add_entry          (ReframeReport         *self,
                                                         ReframeReportEntry    *entry);
void                  reframe_report_add_safety_event   (ReframeReport         *self,
                                                         ReframeReportSafety   *event);
/* Sorts every list oldest first. */
void                  reframe_report_sort               (ReframeReport         *self);

ReframeReportMood     *reframe_report_mood_new          (void);
void                   reframe_report_mood_free         (ReframeReportMood     *mood);
ReframeReportScore    *reframe_report_score_new         (void);
void                   reframe_report_score_free        (ReframeReportScore    *score);
ReframeReportExercise *reframe_report_exercise_new      (void);
void                   reframe_report_exercise_free     (ReframeReportExercise *exercise);
void                   reframe_report_exercise_add_item (ReframeReportExercise *exercise,
                                                         const char            *question,
                                                         const char            *answer);
ReframeReportEntry    *reframe_report_entry_new         (void);
void                   reframe_report_entry_free        (ReframeReportEntry    *entry);
ReframeReportSafety   *reframe_report_safety_new        (void);
void                   reframe_report_safety_free       (ReframeReportSafety   *event);

/* A translated name for a crisis-screen kind id ("suicide" → "Thoughts of suicide"). */
const char           *reframe_report_describe_safety_kind (const char *kind);
/* "3 March – 31 March 2026", translated. */
char                 *reframe_report_format_period      (ReframeReport *self);
/* The local start of @from and the local start of the day after @to. */
void                  reframe_report_get_bounds         (ReframeReport *self,
                                                         GDateTime    **start,
                                                         GDateTime    **end);

G_END_DECLS
