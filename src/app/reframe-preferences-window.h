/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_PREFERENCES_WINDOW (reframe_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ReframePreferencesWindow, reframe_preferences_window,
                      REFRAME, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *reframe_preferences_window_new (GtkWindow *parent);

G_END_DECLS
