/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REFRAME_MOOD_SCALE_UNSET (-1)

#define REFRAME_TYPE_MOOD_SCALE (reframe_mood_scale_get_type ())
G_DECLARE_FINAL_TYPE (ReframeMoodScale, reframe_mood_scale, REFRAME, MOOD_SCALE, GtkWidget)

/* A 0–10 rating as a row of eleven numbered toggle buttons. With "mood" set, the buttons
 * carry the red → amber → green mood colours and the mood words; otherwise they use the
 * accent colour. Clicking the chosen number again clears it when "allow-unset" is set. */
GtkWidget  *reframe_mood_scale_new             (void);
int         reframe_mood_scale_get_value       (ReframeMoodScale *self);
void        reframe_mood_scale_set_value       (ReframeMoodScale *self,
                                                int               value);
gboolean    reframe_mood_scale_get_allow_unset (ReframeMoodScale *self);
void        reframe_mood_scale_set_allow_unset (ReframeMoodScale *self,
                                                gboolean          allow_unset);
gboolean    reframe_mood_scale_get_mood        (ReframeMoodScale *self);
void        reframe_mood_scale_set_mood        (ReframeMoodScale *self,
                                                gboolean          mood);
void        reframe_mood_scale_set_labels      (ReframeMoodScale *self,
                                                const char       *low_label,
                                                const char       *high_label);
/* The button for @value, for tests and for moving the focus. */
GtkWidget  *reframe_mood_scale_get_button      (ReframeMoodScale *self,
                                                guint             value);

G_END_DECLS
