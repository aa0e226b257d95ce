/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the feedback is about; each has its own prompt in data/prompts/. */
typedef enum
{
  REFRAME_FEEDBACK_KIND_JOURNAL,
  REFRAME_FEEDBACK_KIND_CHECKIN,          /* the check-in's note (and mood/emotions as context) */
  REFRAME_FEEDBACK_KIND_THOUGHT_RECORD,   /* the whole record, at the end */
  REFRAME_FEEDBACK_KIND_TRAPS_STEP,       /* "help me with this step": thinking traps */
  REFRAME_FEEDBACK_KIND_BALANCED_STEP,    /* "help me with this step": balanced thought */
  REFRAME_FEEDBACK_KIND_MOOD_PATTERN,     /* reflection on recent check-ins */
  REFRAME_FEEDBACK_N_KINDS
} ReframeFeedbackKind;

/* "journal", "checkin", "thought-record", "traps-step", "balanced-step", "mood-pattern":
 * the values stored and accepted on the command line. */
const char          *reframe_feedback_kind_to_string   (ReframeFeedbackKind  kind);
/* REFRAME_FEEDBACK_N_KINDS when @text is none of them. */
ReframeFeedbackKind  reframe_feedback_kind_from_string (const char          *text);

/* One saved answer of the feedback coach, as the feedback store keeps it. Read-only: a new
 * rating is saved with reframe_feedback_store_rate() and read back from the store. */
#define REFRAME_TYPE_FEEDBACK_ANSWER (reframe_feedback_answer_get_type ())
G_DECLARE_FINAL_TYPE (ReframeFeedbackAnswer, reframe_feedback_answer,
                      REFRAME, FEEDBACK_ANSWER, GObject)

const char          *reframe_feedback_answer_get_uuid              (ReframeFeedbackAnswer *self);
/* The record asked about, or NULL. */
const char          *reframe_feedback_answer_get_record_uuid       (ReframeFeedbackAnswer *self);
ReframeFeedbackKind  reframe_feedback_answer_get_kind              (ReframeFeedbackAnswer *self);
GDateTime           *reframe_feedback_answer_get_created_at        (ReframeFeedbackAnswer *self);
/* A provider id of reframe-provider.h: "builtin" for the offline coach. */
const char          *reframe_feedback_answer_get_provider_id       (ReframeFeedbackAnswer *self);
/* The model that answered ("" for the offline coach). */
const char          *reframe_feedback_answer_get_model             (ReframeFeedbackAnswer *self);
/* The prompt of data/prompts/ and its version ("offline-coach" for the built-in coach). */
const char          *reframe_feedback_answer_get_prompt_id         (ReframeFeedbackAnswer *self);
guint                reframe_feedback_answer_get_prompt_version    (ReframeFeedbackAnswer *self);
/* The follow-up question this answers, or NULL for a first answer. */
const char          *reframe_feedback_answer_get_question          (ReframeFeedbackAnswer *self);
/* The answer as shown: names, emails and numbers put back. */
const char          *reframe_feedback_answer_get_text              (ReframeFeedbackAnswer *self);
/* Exactly what was sent, after redaction, each message with its role ("" when nothing left
 * the computer). */
const char          *reframe_feedback_answer_get_sent_text         (ReframeFeedbackAnswer *self);
/* Milliseconds to the first token, -1 when unknown (always for the offline coach). */
gint64               reframe_feedback_answer_get_ttft_ms           (ReframeFeedbackAnswer *self);
gint64               reframe_feedback_answer_get_total_ms          (ReframeFeedbackAnswer *self);
/* -1 when unknown. */
gint64               reframe_feedback_answer_get_prompt_tokens     (ReframeFeedbackAnswer *self);
gint64               reframe_feedback_answer_get_completion_tokens (ReframeFeedbackAnswer *self);
/* The model stopped at its length limit. */
gboolean             reframe_feedback_answer_get_cut_short         (ReframeFeedbackAnswer *self);
/* Stopped, or the connection ended before the answer was whole. */
gboolean             reframe_feedback_answer_get_incomplete        (ReframeFeedbackAnswer *self);
/* The reply tripped reframe_safety_screen_reply(): show a notice, and the text only when the
 * person asks for it. */
gboolean             reframe_feedback_answer_get_hidden_by_safety  (ReframeFeedbackAnswer *self);
/* 1 helpful, -1 not helpful, 0 not rated. */
int                  reframe_feedback_answer_get_rating            (ReframeFeedbackAnswer *self);
/* What the person said about the rating, or NULL. */
const char          *reframe_feedback_answer_get_rating_reason     (ReframeFeedbackAnswer *self);
/* When it was rated, or NULL. */
GDateTime           *reframe_feedback_answer_get_rated_at          (ReframeFeedbackAnswer *self);

G_END_DECLS
