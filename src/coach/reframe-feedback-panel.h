/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-feedback-answer.h"
#include "reframe-feedback-store.h"
#include "reframe-thought-record.h"

G_BEGIN_DECLS

/* Feedback on one record (a journal entry, a check-in note, a thought record or one of its
 * steps): the answers saved with it, a new answer streaming in with Stop, Regenerate, what
 * was sent, helpful / not helpful, and a short follow-up conversation. The crisis panel comes
 * first when the person's words call for it, and the consent dialog before the first send to
 * a provider on another computer. Works offline with the built-in coach.
 *
 * Signals: "requested" (): the person asked for feedback (Get Feedback, Regenerate); the
 * host answers with reframe_feedback_panel_request() and the record's current text. */
#define REFRAME_TYPE_FEEDBACK_PANEL (reframe_feedback_panel_get_type ())
G_DECLARE_FINAL_TYPE (ReframeFeedbackPanel, reframe_feedback_panel, REFRAME, FEEDBACK_PANEL, AdwBin)

GtkWidget           *reframe_feedback_panel_new             (ReframeFeedbackKind   kind);
ReframeFeedbackKind  reframe_feedback_panel_get_kind        (ReframeFeedbackPanel *self);
void                 reframe_feedback_panel_set_kind        (ReframeFeedbackPanel *self,
                                                             ReframeFeedbackKind   kind);
/* The record the answers belong to: shows the answers of this kind saved with it. Stops a
 * running answer about another record. NULL for a record not stored yet. */
const char          *reframe_feedback_panel_get_record_uuid (ReframeFeedbackPanel *self);
void                 reframe_feedback_panel_set_record_uuid (ReframeFeedbackPanel *self,
                                                             const char           *uuid);
/* Whether the invitation with "Get Feedback" shows while there is no answer (default TRUE).
 * Without it, the panel hides itself until there is something to show. */
void                 reframe_feedback_panel_set_show_intro  (ReframeFeedbackPanel *self,
                                                             gboolean              show_intro);
/* Asks for feedback on @text, the person's words about the record @record_uuid (which must
 * be stored). */
void                 reframe_feedback_panel_request         (ReframeFeedbackPanel *self,
                                                             const char           *record_uuid,
                                                             const char           *text);
/* The same for a stored thought record; the coach reads the whole record. */
void                 reframe_feedback_panel_request_for_thought_record (ReframeFeedbackPanel *self,
                                                                        ReframeThoughtRecord *record);
/* An answer is being prepared or streamed. */
gboolean             reframe_feedback_panel_get_busy        (ReframeFeedbackPanel *self);
/* Stops the answer being streamed; what arrived stays on screen. */
void                 reframe_feedback_panel_stop            (ReframeFeedbackPanel *self);
/* Gives the keyboard focus to the first thing to do (Get Feedback, or the follow-up). */
void                 reframe_feedback_panel_focus           (ReframeFeedbackPanel *self);

/* The feedback store of the application's database (one per database), or NULL when there
 * is no database. */
ReframeFeedbackStore *reframe_feedback_panel_get_store      (void);

G_END_DECLS
