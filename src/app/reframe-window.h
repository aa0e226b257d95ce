/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-application.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_WINDOW (reframe_window_get_type ())
G_DECLARE_FINAL_TYPE (ReframeWindow, reframe_window, REFRAME, WINDOW, AdwApplicationWindow)

ReframeWindow *reframe_window_new         (ReframeApplication *application);
/* "today", "journal", "mood" or "exercises" */
void           reframe_window_show_page   (ReframeWindow      *self,
                                           const char         *name);
void           reframe_window_add_toast   (ReframeWindow      *self,
                                           AdwToast           *toast);
/* A dialog with @heading and a sentence for @error; nothing the person wrote is discarded. */
void           reframe_window_show_error  (ReframeWindow      *self,
                                           const char         *heading,
                                           const GError       *error);
/* The cancellable of this window's async work; cancelled when the window goes away. */
GCancellable  *reframe_window_get_cancellable (ReframeWindow  *self);

/* For any widget inside a ReframeWindow (including its dialogs): toast or error there. */
void           reframe_widget_add_toast   (GtkWidget          *widget,
                                           AdwToast           *toast);
void           reframe_widget_show_error  (GtkWidget          *widget,
                                           const char         *heading,
                                           const GError       *error);

G_END_DECLS
