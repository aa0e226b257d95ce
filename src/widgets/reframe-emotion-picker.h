/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_EMOTION_PICKER (reframe_emotion_picker_get_type ())
G_DECLARE_FINAL_TYPE (ReframeEmotionPicker, reframe_emotion_picker, REFRAME, EMOTION_PICKER, GtkWidget)

/* The emotion catalog as chips grouped by family, plus the person's own words; every picked
 * emotion gets an intensity slider (0–100). Emits "changed" on any change. */
GtkWidget *reframe_emotion_picker_new                 (void);
/* Element type: ReframeEmotionRating. Catalog ids and free-text emotions alike. */
void       reframe_emotion_picker_set_ratings         (ReframeEmotionPicker *self,
                                                       GPtrArray            *ratings);
/* A new array of ReframeEmotionRating, in the order they were picked. */
GPtrArray *reframe_emotion_picker_dup_ratings         (ReframeEmotionPicker *self);
/* For tests: the chip of an emotion id, and the intensity slider of a picked one. */
GtkWidget *reframe_emotion_picker_get_chip            (ReframeEmotionPicker *self,
                                                       const char           *emotion);
GtkWidget *reframe_emotion_picker_get_intensity_scale (ReframeEmotionPicker *self,
                                                       const char           *emotion);

G_END_DECLS
