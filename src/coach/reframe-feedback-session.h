/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "reframe-coach-error.h"
#include "reframe-database.h"
#include "reframe-feedback-answer.h"
#include "reframe-feedback-config.h"
#include "reframe-safety.h"
#include "reframe-thought-record.h"

G_BEGIN_DECLS

/* Called with each visible fragment of the answer, names already put back. */
typedef void (*ReframeFeedbackDeltaFunc) (const char *fragment,
                                          gpointer    user_data);

/* One conversation with the feedback coach about one record. The order of work:
 *   1. the person's text is screened for crisis language when the session is created (a hit
 *      is logged once, by date and kind only, and every request then says so after the
 *      safety instruction that leads every request);
 *   2. names, emails, phone numbers and web addresses are replaced by placeholders (the
 *      answer shown has them back);
 *   3. a provider that is not on loopback gets nothing until the person agreed;
 *   4. the language model answers (or, with the built-in provider, the offline coach, with
 *      no network at all);
 *   5. the reply is screened (a hit hides it: hidden_by_safety);
 *   6. the answer is saved in the feedback store with what produced it and what was sent. */
#define REFRAME_TYPE_FEEDBACK_SESSION (reframe_feedback_session_get_type ())
G_DECLARE_FINAL_TYPE (ReframeFeedbackSession, reframe_feedback_session,
                      REFRAME, FEEDBACK_SESSION, GObject)

/* @text is the person's words, already assembled by the caller (for a thought record, use
 * reframe_feedback_session_new_for_thought_record(), which assembles it). @record_uuid links
 * the saved answers to the record (may be NULL). Screens @text for crisis language at once
 * (locally). */
ReframeFeedbackSession *
reframe_feedback_session_new (ReframeDatabase             *database,
                              const ReframeFeedbackConfig *config,
                              ReframeFeedbackKind          kind,
                              const char                  *record_uuid,
                              const char                  *text);
/* For REFRAME_FEEDBACK_KIND_THOUGHT_RECORD, _TRAPS_STEP and _BALANCED_STEP. */
ReframeFeedbackSession *
reframe_feedback_session_new_for_thought_record (ReframeDatabase             *database,
                                                 const ReframeFeedbackConfig *config,
                                                 ReframeFeedbackKind          kind,
                                                 ReframeThoughtRecord        *record);

ReframeFeedbackKind
reframe_feedback_session_get_kind (ReframeFeedbackSession *self);
const char *
reframe_feedback_session_get_record_uuid (ReframeFeedbackSession *self);
/* The person's text as assembled (before redaction). */
const char *
reframe_feedback_session_get_text (ReframeFeedbackSession *self);
/* Optional guidance from the person's therapist, added to the prompt (redacted like the
 * text). NULL or "" removes it. */
void
reframe_feedback_session_set_guidance (ReframeFeedbackSession *self,
                                       const char             *guidance);
/* Crisis screen of the person's text (and of follow-up questions): the UI shows the crisis
 * panel when this is TRUE, before anything else. @kind: the most urgent kind found. */
gboolean
reframe_feedback_session_get_crisis (ReframeFeedbackSession *self,
                                     ReframeSafetyKind      *kind);
/* The built-in offline coach: nothing leaves the computer. */
gboolean
reframe_feedback_session_is_offline (ReframeFeedbackSession *self);
/* Whether the person must agree before anything is sent: a provider not on loopback whose
 * URL is not among the consented ones, and no grant_consent() yet. */
gboolean
reframe_feedback_session_needs_consent (ReframeFeedbackSession *self);
/* "api.openai.com" (with ":port" when not the default), or NULL offline. */
const char *
reframe_feedback_session_get_host (ReframeFeedbackSession *self);
/* The normalised base URL the text would go to (for feedback-consents), or NULL. */
const char *
reframe_feedback_session_get_url (ReframeFeedbackSession *self);
/* Exactly what the next run will send (after redaction), as readable text: each message
 * with its role. NULL offline, where nothing is sent. Also stored with each answer. */
char *
reframe_feedback_session_dup_outgoing (ReframeFeedbackSession *self);
/* The person agreed in the consent dialog; the UI also adds get_url() to feedback-consents. */
void
reframe_feedback_session_grant_consent (ReframeFeedbackSession *self);
/* A follow-up question in the same conversation; the next run answers it with the earlier
 * turns as context. It is screened for crisis language at once, like the text. The built-in
 * coach cannot answer questions: its next run then fails with a sentence saying so. */
void
reframe_feedback_session_add_follow_up (ReframeFeedbackSession *self,
                                        const char             *question);
/* The question waiting for the next run, or NULL. */
const char *
reframe_feedback_session_get_follow_up (ReframeFeedbackSession *self);

/* Streams one answer: the first one, the pending follow-up, or (run again without a new
 * question) the last one anew. @on_delta gets visible text fragments on the caller's
 * thread-default main context (names already put back; a model's reasoning is not passed;
 * the newest words wait until the reply screen has seen what follows them, and nothing more
 * comes once it hides the answer); @delta_destroy is called once the
 * run is over. The finished answer is saved in the feedback store before @callback runs.
 * Errors: REFRAME_COACH_ERROR_CONSENT_REQUIRED when consent is needed and not granted
 * (nothing is sent); the client's one-sentence errors; G_IO_ERROR_CANCELLED after Stop,
 * and then what had arrived is saved as an incomplete answer if it had any text
 * (get_last_answer() returns it). Only one run at a time. */
void
reframe_feedback_session_run_async (ReframeFeedbackSession   *self,
                                    ReframeFeedbackDeltaFunc  on_delta,
                                    gpointer                  delta_data,
                                    GDestroyNotify            delta_destroy,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data);
ReframeFeedbackAnswer *
reframe_feedback_session_run_finish (ReframeFeedbackSession  *self,
                                     GAsyncResult            *result,
                                     GError                 **error);
gboolean
reframe_feedback_session_is_running (ReframeFeedbackSession *self);
/* The answer the last run saved (also an incomplete one after Stop or an error), or NULL. */
ReframeFeedbackAnswer *
reframe_feedback_session_get_last_answer (ReframeFeedbackSession *self);

G_END_DECLS
