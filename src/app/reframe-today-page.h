/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_TODAY_PAGE (reframe_today_page_get_type ())
G_DECLARE_FINAL_TYPE (ReframeTodayPage, reframe_today_page, REFRAME, TODAY_PAGE, AdwBin)

G_END_DECLS
