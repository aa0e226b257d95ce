/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Asks before the first send to a provider that is not on this computer: names the host,
 * shows exactly what would be sent (after names were hidden), and offers "Send" and
 * "Don't Send". Closing the window is "Don't Send".
 *
 * Signals: "response" (gboolean send), once; the dialog then closes itself. */
#define REFRAME_TYPE_CONSENT_DIALOG (reframe_consent_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ReframeConsentDialog, reframe_consent_dialog, REFRAME, CONSENT_DIALOG, AdwWindow)

/* @host as in "api.openai.com", @outgoing the text that would be sent, @names_hidden whether
 * the person has names to hide (the note says they were replaced). */
ReframeConsentDialog *reframe_consent_dialog_new          (GtkWindow            *parent,
                                                           const char           *host,
                                                           const char           *outgoing,
                                                           gboolean              names_hidden);
const char           *reframe_consent_dialog_get_host     (ReframeConsentDialog *self);
/* The text shown, as given. */
const char           *reframe_consent_dialog_get_outgoing (ReframeConsentDialog *self);
/* Answers as the buttons do. */
void                  reframe_consent_dialog_respond      (ReframeConsentDialog *self,
                                                           gboolean              send);

G_END_DECLS
