/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-database.h"
#include "reframe-feedback-answer.h"

G_BEGIN_DECLS

/* One month of feedback, for a small page about how helpful it has been. */
typedef struct
{
  GDateTime *month;            /* the first day of the month, 00:00 local time */
  guint      answers;
  guint      rated;
  guint      helpful;          /* rated helpful */
  double     helpful_share;    /* helpful / rated, 0–1; 0 when none was rated */
  gint64     median_ttft_ms;   /* of the answers with a first-token time, or -1 */
  gint64     median_total_ms;  /* or -1 */
} ReframeFeedbackStats;

#define REFRAME_TYPE_FEEDBACK_STATS (reframe_feedback_stats_get_type ())
GType                 reframe_feedback_stats_get_type (void) G_GNUC_CONST;
ReframeFeedbackStats *reframe_feedback_stats_copy     (const ReframeFeedbackStats *self);
void                  reframe_feedback_stats_free     (ReframeFeedbackStats       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeFeedbackStats, reframe_feedback_stats_free)

#define REFRAME_TYPE_FEEDBACK_STORE (reframe_feedback_store_get_type ())
G_DECLARE_FINAL_TYPE (ReframeFeedbackStore, reframe_feedback_store,
                      REFRAME, FEEDBACK_STORE, GObject)

/* Signals: "answer-saved" (ReframeFeedbackAnswer *answer),
 *          "answer-rated" (const char *uuid),
 *          "answers-deleted" (const char *record_uuid). */

ReframeFeedbackStore  *reframe_feedback_store_new             (ReframeDatabase       *database);
/* The store that feedback sessions on @database save into, so that its signals reach
 * everyone who listens; it lives as long as @database. */
ReframeFeedbackStore  *reframe_feedback_store_get_for_database (ReframeDatabase      *database);
/* Saves a new answer (the session does this). */
gboolean               reframe_feedback_store_save            (ReframeFeedbackStore  *self,
                                                               ReframeFeedbackAnswer *answer,
                                                               GError               **error);
ReframeFeedbackAnswer *reframe_feedback_store_get             (ReframeFeedbackStore  *self,
                                                               const char            *uuid,
                                                               GError               **error);
/* Oldest first. Element type: ReframeFeedbackAnswer. */
GPtrArray             *reframe_feedback_store_list_for_record (ReframeFeedbackStore  *self,
                                                               const char            *record_uuid,
                                                               GError               **error);
/* @rating: 1 helpful, -1 not helpful, 0 to take the rating back (the reason goes too).
 * @reason may be NULL. */
gboolean               reframe_feedback_store_rate            (ReframeFeedbackStore  *self,
                                                               const char            *answer_uuid,
                                                               int                    rating,
                                                               const char            *reason,
                                                               GError               **error);
/* Deletes every answer about @record_uuid, e.g. when the record is deleted. */
gboolean               reframe_feedback_store_delete_for_record (ReframeFeedbackStore *self,
                                                                 const char           *record_uuid,
                                                                 GError              **error);
/* Deletes every answer about @record_uuid and hands them back, so that an Undo of the
 * record's deletion can put them back with reframe_feedback_store_restore(). */
GPtrArray             *reframe_feedback_store_take_for_record (ReframeFeedbackStore  *self,
                                                               const char            *record_uuid,
                                                               GError               **error);
/* Saves answers taken with reframe_feedback_store_take_for_record() again, as they were. */
gboolean               reframe_feedback_store_restore         (ReframeFeedbackStore  *self,
                                                               GPtrArray             *answers,
                                                               GError               **error);
/* Oldest month first, months with answers only. Element type: ReframeFeedbackStats. */
GPtrArray             *reframe_feedback_store_monthly_stats   (ReframeFeedbackStore  *self,
                                                               GError               **error);

G_END_DECLS
