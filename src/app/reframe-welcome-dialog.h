/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_WELCOME_DIALOG (reframe_welcome_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ReframeWelcomeDialog, reframe_welcome_dialog, REFRAME, WELCOME_DIALOG, AdwWindow)

/* The first-start welcome; closing it marks it as seen. */
void reframe_welcome_dialog_present (GtkWindow *parent);

G_END_DECLS
