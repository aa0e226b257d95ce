/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-checkin.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_CHECKIN_DIALOG (reframe_checkin_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ReframeCheckinDialog, reframe_checkin_dialog, REFRAME, CHECKIN_DIALOG, AdwWindow)

/* A modal window to record a new check-in (@checkin NULL; @mood 0–10 preselects the mood,
 * -1 leaves it for the person to pick) or to edit or delete @checkin. Saving goes to the
 * application's mood store; on an error the window stays open with everything entered. */
ReframeCheckinDialog *reframe_checkin_dialog_new          (GtkWindow            *parent,
                                                           ReframeCheckin       *checkin,
                                                           int                   mood);
/* The check-in being edited, or NULL for a new one. */
ReframeCheckin       *reframe_checkin_dialog_get_checkin  (ReframeCheckinDialog *self);
/* Whether anything differs from what the window opened with. */
gboolean              reframe_checkin_dialog_is_modified  (ReframeCheckinDialog *self);

G_END_DECLS
