/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-safety.h"

G_BEGIN_DECLS

/* Shown before any feedback when what the person wrote suggests they may not be safe: a calm
 * word, the crisis lines from data/resources/ (each with its number and a button to open its
 * site), and "Continue to Feedback". Needs no network and no provider.
 *
 * Signals: "continue" (), when the person chooses to go on to the feedback. */
#define REFRAME_TYPE_SAFETY_PANEL (reframe_safety_panel_get_type ())
G_DECLARE_FINAL_TYPE (ReframeSafetyPanel, reframe_safety_panel, REFRAME, SAFETY_PANEL, AdwBin)

GtkWidget         *reframe_safety_panel_new      (void);
/* Words the opening for what was found (the most urgent kind). */
void               reframe_safety_panel_set_kind (ReframeSafetyPanel *self,
                                                  ReframeSafetyKind   kind);
ReframeSafetyKind  reframe_safety_panel_get_kind (ReframeSafetyPanel *self);
/* Whether "Continue to Feedback" is offered (it is by default). */
void               reframe_safety_panel_set_can_continue (ReframeSafetyPanel *self,
                                                          gboolean            can_continue);

G_END_DECLS
