/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_MOOD_PAGE (reframe_mood_page_get_type ())
G_DECLARE_FINAL_TYPE (ReframeMoodPage, reframe_mood_page, REFRAME, MOOD_PAGE, AdwBin)

void reframe_mood_page_new_checkin (ReframeMoodPage *self,
                                 int mood);

G_END_DECLS
