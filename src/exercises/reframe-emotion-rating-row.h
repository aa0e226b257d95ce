/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-emotions.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_EMOTION_RATING_ROW (reframe_emotion_rating_row_get_type ())
G_DECLARE_FINAL_TYPE (ReframeEmotionRatingRow, reframe_emotion_rating_row,
                      REFRAME, EMOTION_RATING_ROW, GtkListBoxRow)

/* A row with an emotion and a 0–100 slider that edits @rating in place: its intensity, or
 * with @rerate its re-rating (@rating->after), showing the first rating beside it. @rating
 * must outlive the row.
 *
 * Signals: "changed" (the slider moved), "remove" (the person asked to remove it). */
GtkWidget            *reframe_emotion_rating_row_new        (ReframeEmotionRating    *rating,
                                                             gboolean                 rerate);
ReframeEmotionRating *reframe_emotion_rating_row_get_rating (ReframeEmotionRatingRow *self);
GtkScale             *reframe_emotion_rating_row_get_scale  (ReframeEmotionRatingRow *self);

G_END_DECLS
