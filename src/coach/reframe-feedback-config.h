/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Everything a feedback session needs, built by the UI from GSettings (keys
 * feedback-provider, feedback-base-url, feedback-model, feedback-consents, names-to-hide in
 * io.github.reframe.Reframe) plus the key from reframe-secrets.h. */
typedef struct
{
  char  *provider_id;     /* "builtin", "ollama", ... as in reframe-provider.h */
  char  *base_url;        /* normalised; NULL for builtin or to use the preset's */
  char  *model;
  char  *api_key;         /* or NULL */
  char **names_to_hide;   /* NULL-terminated, may be empty */
  char **consented_urls;  /* NULL-terminated normalised base URLs the person agreed to */
} ReframeFeedbackConfig;

#define REFRAME_TYPE_FEEDBACK_CONFIG (reframe_feedback_config_get_type ())
GType                  reframe_feedback_config_get_type   (void) G_GNUC_CONST;
/* An offline configuration ("builtin"), with empty lists. */
ReframeFeedbackConfig *reframe_feedback_config_new        (void);
/* From the settings; api_key is NULL. */
ReframeFeedbackConfig *reframe_feedback_config_new_from_settings (GSettings *settings);
ReframeFeedbackConfig *reframe_feedback_config_copy       (const ReframeFeedbackConfig *config);
/* Wipes the API key before freeing it. */
void                   reframe_feedback_config_free       (ReframeFeedbackConfig       *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeFeedbackConfig, reframe_feedback_config_free)

/* The built-in coach: nothing leaves the computer. Also for an unknown or empty provider. */
gboolean               reframe_feedback_config_is_offline (const ReframeFeedbackConfig *config);
/* base_url, or the preset's default address when base_url is NULL or empty; NULL offline
 * and for "custom" without an address. */
const char            *reframe_feedback_config_get_effective_url
                                                          (const ReframeFeedbackConfig *config);
/* Whether @url (normalised or not) is among consented_urls, compared after normalising. */
gboolean               reframe_feedback_config_has_consent (const ReframeFeedbackConfig *config,
                                                           const char                  *url);

G_END_DECLS
