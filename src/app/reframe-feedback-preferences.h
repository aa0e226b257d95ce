/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The "Feedback" page of Preferences: where feedback comes from (the built-in coach or an
 * OpenAI-compatible provider), its address, model and API key, a connection test, the names
 * to hide before sending, and the providers the person agreed to send to. Everything that
 * touches the network or the keyring is async and cancelled when the page goes away. */
#define REFRAME_TYPE_FEEDBACK_PREFERENCES (reframe_feedback_preferences_get_type ())
G_DECLARE_FINAL_TYPE (ReframeFeedbackPreferences, reframe_feedback_preferences,
                      REFRAME, FEEDBACK_PREFERENCES, AdwPreferencesPage)

GtkWidget *reframe_feedback_preferences_new (void);

G_END_DECLS
