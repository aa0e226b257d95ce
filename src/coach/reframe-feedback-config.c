/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-feedback-config"

#include "config.h"

#include <string.h>

#include "reframe-feedback-config.h"
#include "reframe-provider.h"

G_DEFINE_BOXED_TYPE (ReframeFeedbackConfig, reframe_feedback_config,
                     reframe_feedback_config_copy, reframe_feedback_config_free)

ReframeFeedbackConfig *
reframe_feedback_config_new (void)
{
  ReframeFeedbackConfig *config = g_new0 (ReframeFeedbackConfig, 1);

  config->provider_id = g_strdup ("builtin");
  config->names_to_hide = g_new0 (char *, 1);
  config->consented_urls = g_new0 (char *, 1);
  return config;
}

ReframeFeedbackConfig *
reframe_feedback_config_new_from_settings (GSettings *settings)
{
  ReframeFeedbackConfig *config;
  g_autofree char *base_url = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  config = g_new0 (ReframeFeedbackConfig, 1);
  config->provider_id = g_settings_get_string (settings, "feedback-provider");
  base_url = g_settings_get_string (settings, "feedback-base-url");
  /* The setting is stored normalised; normalise again in case it was edited by hand. */
  if (*g_strstrip (base_url) != '\0')
    {
      config->base_url = reframe_provider_normalize_base_url (base_url, NULL);
      if (config->base_url == NULL)
        config->base_url = g_steal_pointer (&base_url);
    }
  config->model = g_settings_get_string (settings, "feedback-model");
  config->names_to_hide = g_settings_get_strv (settings, "names-to-hide");
  config->consented_urls = g_settings_get_strv (settings, "feedback-consents");

  return config;
}

ReframeFeedbackConfig *
reframe_feedback_config_copy (const ReframeFeedbackConfig *config)
{
  ReframeFeedbackConfig *copy;

  g_return_val_if_fail (config != NULL, NULL);

  copy = g_new0 (ReframeFeedbackConfig, 1);
  copy->provider_id = g_strdup (config->provider_id);
  copy->base_url = g_strdup (config->base_url);
  copy->model = g_strdup (config->model);
  copy->api_key = g_strdup (config->api_key);
  copy->names_to_hide = config->names_to_hide ? g_strdupv (config->names_to_hide)
                                              : g_new0 (char *, 1);
  copy->consented_urls = config->consented_urls ? g_strdupv (config->consented_urls)
                                                : g_new0 (char *, 1);
  return copy;
}

void
reframe_feedback_config_free (ReframeFeedbackConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->provider_id);
  g_free (config->base_url);
  g_free (config->model);
  if (config->api_key != NULL)
    {
      memset (config->api_key, 0, strlen (config->api_key));
      g_free (config->api_key);
    }
  g_strfreev (config->names_to_hide);
  g_strfreev (config->consented_urls);
  g_free (config);
}

gboolean
reframe_feedback_config_is_offline (const ReframeFeedbackConfig *config)
{
  const ReframeProvider *provider;

  g_return_val_if_fail (config != NULL, TRUE);

  provider = config->provider_id ? reframe_provider_lookup (config->provider_id) : NULL;
  return provider == NULL || provider->kind == REFRAME_PROVIDER_BUILTIN;
}

const char *
reframe_feedback_config_get_effective_url (const ReframeFeedbackConfig *config)
{
  const ReframeProvider *provider;

  g_return_val_if_fail (config != NULL, NULL);

  if (reframe_feedback_config_is_offline (config))
    return NULL;
  if (config->base_url != NULL && *config->base_url != '\0')
    return config->base_url;

  provider = reframe_provider_lookup (config->provider_id);
  return provider->default_url;
}

gboolean
reframe_feedback_config_has_consent (const ReframeFeedbackConfig *config,
                                     const char                  *url)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (config != NULL, FALSE);

  if (url == NULL || config->consented_urls == NULL)
    return FALSE;

  normalized = reframe_provider_normalize_base_url (url, NULL);
  if (normalized == NULL)
    return FALSE;

  for (guint i = 0; config->consented_urls[i] != NULL; i++)
    {
      g_autofree char *consented = reframe_provider_normalize_base_url (config->consented_urls[i],
                                                                        NULL);

      if (consented != NULL && strcmp (consented, normalized) == 0)
        return TRUE;
    }
  return FALSE;
}
