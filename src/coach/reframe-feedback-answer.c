/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-feedback-answer"

#include "config.h"

#include "reframe-feedback-answer-private.h"

G_DEFINE_FINAL_TYPE (ReframeFeedbackAnswer, reframe_feedback_answer, G_TYPE_OBJECT)

static const char * const kind_names[] = {
  [REFRAME_FEEDBACK_KIND_JOURNAL] = "journal",
  [REFRAME_FEEDBACK_KIND_CHECKIN] = "checkin",
  [REFRAME_FEEDBACK_KIND_THOUGHT_RECORD] = "thought-record",
  [REFRAME_FEEDBACK_KIND_TRAPS_STEP] = "traps-step",
  [REFRAME_FEEDBACK_KIND_BALANCED_STEP] = "balanced-step",
  [REFRAME_FEEDBACK_KIND_MOOD_PATTERN] = "mood-pattern",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == REFRAME_FEEDBACK_N_KINDS);

const char *
reframe_feedback_kind_to_string (ReframeFeedbackKind kind)
{
  g_return_val_if_fail ((guint) kind < REFRAME_FEEDBACK_N_KINDS, NULL);

  return kind_names[kind];
}

ReframeFeedbackKind
reframe_feedback_kind_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      return (ReframeFeedbackKind) i;
  return REFRAME_FEEDBACK_N_KINDS;
}

static void
reframe_feedback_answer_finalize (GObject *object)
{
  ReframeFeedbackAnswer *self = (ReframeFeedbackAnswer *)object;

  g_free (self->uuid);
  g_free (self->record_uuid);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_free (self->provider_id);
  g_free (self->model);
  g_free (self->prompt_id);
  g_free (self->question);
  g_free (self->text);
  g_free (self->sent_text);
  g_free (self->rating_reason);
  g_clear_pointer (&self->rated_at, g_date_time_unref);

  G_OBJECT_CLASS (reframe_feedback_answer_parent_class)->finalize (object);
}

static void
reframe_feedback_answer_class_init (ReframeFeedbackAnswerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reframe_feedback_answer_finalize;
}

static void
reframe_feedback_answer_init (ReframeFeedbackAnswer *self)
{
  self->ttft_ms = -1;
  self->total_ms = -1;
  self->prompt_tokens = -1;
  self->completion_tokens = -1;
}

ReframeFeedbackAnswer *
_reframe_feedback_answer_new (void)
{
  return g_object_new (REFRAME_TYPE_FEEDBACK_ANSWER, NULL);
}

#define GETTER(type, name, fallback) \
  type \
  reframe_feedback_answer_get_##name (ReframeFeedbackAnswer *self) \
  { \
    g_return_val_if_fail (REFRAME_IS_FEEDBACK_ANSWER (self), fallback); \
    return self->name; \
  }

GETTER (const char *, uuid, NULL)
GETTER (const char *, record_uuid, NULL)
GETTER (ReframeFeedbackKind, kind, REFRAME_FEEDBACK_KIND_JOURNAL)
GETTER (GDateTime *, created_at, NULL)
GETTER (const char *, provider_id, NULL)
GETTER (const char *, model, NULL)
GETTER (const char *, prompt_id, NULL)
GETTER (guint, prompt_version, 0)
GETTER (const char *, question, NULL)
GETTER (const char *, text, NULL)
GETTER (const char *, sent_text, NULL)
GETTER (gint64, ttft_ms, -1)
GETTER (gint64, total_ms, -1)
GETTER (gint64, prompt_tokens, -1)
GETTER (gint64, completion_tokens, -1)
GETTER (gboolean, cut_short, FALSE)
GETTER (gboolean, incomplete, FALSE)
GETTER (gboolean, hidden_by_safety, FALSE)
GETTER (int, rating, 0)
GETTER (const char *, rating_reason, NULL)
GETTER (GDateTime *, rated_at, NULL)
