/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_MOOD_PAGE (reframe_mood_page_get_type ())
G_DECLARE_FINAL_TYPE (ReframeMoodPage, reframe_mood_page, REFRAME, MOOD_PAGE, AdwBin)

/* Opens the check-in window; @mood 0–10 preselects the mood, -1 leaves it to the person. */
void reframe_mood_page_new_checkin  (ReframeMoodPage *self,
                                     int              mood);
/* Opens the check-in with @uuid for editing. */
void reframe_mood_page_edit_checkin (ReframeMoodPage *self,
                                     const char      *uuid);

G_END_DECLS
