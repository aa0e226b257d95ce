/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "reframe-offline-coach.h"

G_BEGIN_DECLS

/* Evaluation of the offline coach and the safety screen on labelled JSON Lines files, shared
 * by tests/ and bench/. A coach file has lines {"text": "...", "traps": ["labeling", ...]}
 * (an empty list means not distorted); a safety file has {"text": "...", "crisis": true}.
 * Malformed lines are reported in @problems and skipped. */

typedef enum
{
  REFRAME_EVAL_COACH,
  REFRAME_EVAL_SAFETY,
} ReframeEvalFormat;

typedef struct
{
  guint     line;
  char     *text;
  GStrv     traps;   /* coach files */
  gboolean  crisis;  /* safety files */
} ReframeEvalItem;

/* Element type: ReframeEvalItem. @problems gets one message per skipped line. */
GPtrArray *reframe_eval_load        (const char         *path,
                                     ReframeEvalFormat   format,
                                     GPtrArray          *problems,
                                     GError            **error);

typedef struct
{
  guint   n_items;
  guint   n_traps;
  char  **trap_ids;      /* the 13 ids, in catalog order */
  guint  *tp;            /* per trap */
  guint  *fp;
  guint  *fn;
  guint   gold_labels;   /* (text, trap) pairs in the file */
  guint   found_top3;    /* of those, how many were among the coach's (at most 3) traps */
  guint   clean_items;   /* lines labelled not distorted */
  guint   clean_flagged; /* of those, how many got a trap anyway */
  double  macro_f1;      /* over the traps that occur in the file or in the predictions */
  double  top3_recall;
  double  micro_precision;
  double  micro_recall;
  double  ms_per_text;
} ReframeCoachEval;

ReframeCoachEval *reframe_coach_eval_run    (ReframeOfflineCoach *coach,
                                             GPtrArray           *items);
double            reframe_coach_eval_precision (const ReframeCoachEval *self,
                                                guint                   trap);
double            reframe_coach_eval_recall    (const ReframeCoachEval *self,
                                                guint                   trap);
/* A plain-text table: per trap precision, recall, F1, then the totals. */
char             *reframe_coach_eval_format (const ReframeCoachEval *self);
void              reframe_coach_eval_free   (ReframeCoachEval       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeCoachEval, reframe_coach_eval_free)

typedef struct
{
  guint      positives;
  guint      negatives;
  guint      caught;         /* positives screened as a crisis */
  guint      false_alarms;   /* negatives screened as a crisis */
  double     recall;
  double     false_alarm_rate;
  GPtrArray *missed;         /* char *: the positives that were not caught */
  GPtrArray *alarmed;        /* char *: "text — matched phrase" for each false alarm */
} ReframeSafetyEval;

ReframeSafetyEval *reframe_safety_eval_run    (GPtrArray               *items);
char              *reframe_safety_eval_format (const ReframeSafetyEval *self);
void               reframe_safety_eval_free   (ReframeSafetyEval       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeSafetyEval, reframe_safety_eval_free)

G_END_DECLS
