/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* "Feedback Figures": per month, how many answers the coach gave, the share rated helpful,
 * and the median time to the first word and to the whole answer. Counted on this computer
 * from the feedback store; never sent anywhere. */
#define REFRAME_TYPE_FEEDBACK_STATS_DIALOG (reframe_feedback_stats_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ReframeFeedbackStatsDialog, reframe_feedback_stats_dialog,
                      REFRAME, FEEDBACK_STATS_DIALOG, AdwWindow)

ReframeFeedbackStatsDialog *reframe_feedback_stats_dialog_new     (GtkWindow                  *parent);
/* Reads the figures again (done once when it opens). */
void                        reframe_feedback_stats_dialog_reload  (ReframeFeedbackStatsDialog *self);

G_END_DECLS
