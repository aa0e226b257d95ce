/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_CRISIS_DIALOG (reframe_crisis_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ReframeCrisisDialog, reframe_crisis_dialog, REFRAME, CRISIS_DIALOG, AdwWindow)

/* Crisis lines and services from data/resources/, shown locally; no network needed. */
void reframe_crisis_dialog_present (GtkWindow *parent);

G_END_DECLS
