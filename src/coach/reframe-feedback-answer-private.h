/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-feedback-answer.h"

G_BEGIN_DECLS

/* Shared by the answer, the feedback store that loads it and the session that makes it:
 * nothing else may change an answer. */
struct _ReframeFeedbackAnswer
{
  GObject              parent_instance;

  char                *uuid;
  char                *record_uuid;
  ReframeFeedbackKind  kind;
  GDateTime           *created_at;
  char                *provider_id;
  char                *model;
  char                *prompt_id;
  guint                prompt_version;
  char                *question;
  char                *text;
  char                *sent_text;
  gint64               ttft_ms;
  gint64               total_ms;
  gint64               prompt_tokens;
  gint64               completion_tokens;
  gboolean             cut_short;
  gboolean             incomplete;
  gboolean             hidden_by_safety;
  int                  rating;
  char                *rating_reason;
  GDateTime           *rated_at;
};

/* An empty answer: times and token counts -1, strings NULL. */
ReframeFeedbackAnswer *_reframe_feedback_answer_new (void);

G_END_DECLS
