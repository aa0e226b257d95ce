/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-provider"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "reframe-coach-error.h"
#include "reframe-provider.h"

static const ReframeProvider providers[REFRAME_N_PROVIDERS] = {
  { REFRAME_PROVIDER_BUILTIN, "builtin", N_("Built-in coach"), NULL, FALSE, TRUE },
  { REFRAME_PROVIDER_OLLAMA, "ollama", "Ollama", "http://127.0.0.1:11434", FALSE, TRUE },
  { REFRAME_PROVIDER_LLAMA_CPP, "llama-cpp", "llama.cpp server", "http://127.0.0.1:8080",
    FALSE, TRUE },
  { REFRAME_PROVIDER_LM_STUDIO, "lm-studio", "LM Studio", "http://127.0.0.1:1234", FALSE, TRUE },
  { REFRAME_PROVIDER_VLLM, "vllm", "vLLM", "http://127.0.0.1:8000", FALSE, TRUE },
  { REFRAME_PROVIDER_OPENAI, "openai", "OpenAI", "https://api.openai.com", TRUE, FALSE },
  { REFRAME_PROVIDER_OPENROUTER, "openrouter", "OpenRouter", "https://openrouter.ai/api",
    TRUE, FALSE },
  /* Translators: a provider choice: any OpenAI-compatible server the person names. */
  { REFRAME_PROVIDER_CUSTOM, "custom", N_("Custom"), NULL, FALSE, FALSE },
};

/* Endpoint paths a pasted address may end in; the first match is removed. */
static const char * const endpoint_suffixes[] = {
  "/chat/completions",
  "/completions",
  "/models",
  "/api/chat",
  "/api/generate",
  "/api/tags",
};

static const ReframeProvider *
get_translated (void)
{
  static ReframeProvider *translated;

  if (g_once_init_enter (&translated))
    {
      ReframeProvider *table = g_memdup2 (providers, sizeof providers);

      for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
        table[i].name = g_dgettext (GETTEXT_PACKAGE, providers[i].name);
      g_once_init_leave (&translated, table);
    }

  return translated;
}

const ReframeProvider *
reframe_provider_get (ReframeProviderKind kind)
{
  g_return_val_if_fail (kind < REFRAME_N_PROVIDERS, NULL);

  return &get_translated ()[kind];
}

const ReframeProvider *
reframe_provider_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    if (g_str_equal (providers[i].id, id))
      return &get_translated ()[i];

  return NULL;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    return FALSE;
  if (g_inet_address_get_is_loopback (address))
    return TRUE;

  /* ::ffff:127.0.0.1 is the IPv4 loopback too. */
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    {
      static const guint8 mapped_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
      const guint8 *bytes = g_inet_address_to_bytes (address);

      return memcmp (bytes, mapped_prefix, sizeof mapped_prefix) == 0 && bytes[12] == 127;
    }

  return FALSE;
}

/* The scheme @text starts with (lower case), or NULL. "name:" followed by a port number is
 * no scheme, so that "localhost:11434" counts as a host. */
static const char *
find_scheme (const char *text)
{
  const char *scheme = g_uri_peek_scheme (text);
  const char *after;

  if (scheme == NULL)
    return NULL;

  after = text + strlen (scheme) + 1;
  if (g_str_has_prefix (after, "//"))
    return scheme;
  if (g_ascii_isdigit (*after))
    {
      while (g_ascii_isdigit (*after))
        after++;
      if (*after == '\0' || *after == '/')
        return NULL;
    }

  return scheme;
}

static GUri *
parse_url (const char  *url,
           GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (url ? url : ""));
  const char *scheme;
  g_autofree char *full = NULL;
  g_autoptr(GUri) uri = NULL;

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_INVALID_URL,
                           _("Enter the server’s address, for example http://127.0.0.1:11434."));
      return NULL;
    }

  scheme = find_scheme (trimmed);
  if (scheme == NULL)
    {
      g_autofree char *probe = g_strconcat ("http://", trimmed, NULL);
      g_autoptr(GUri) probe_uri = g_uri_parse (probe, G_URI_FLAGS_ENCODED, NULL);
      gboolean loopback = probe_uri != NULL && host_is_loopback (g_uri_get_host (probe_uri));

      full = g_strconcat (loopback ? "http://" : "https://", trimmed, NULL);
    }
  else if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    full = g_steal_pointer (&trimmed);
  else
    {
      g_set_error (error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_INVALID_URL,
                   /* Translators: %s is a URL scheme such as "ftp" or "file". */
                   _("Only http:// and https:// addresses can be used, not %s:."),
                   scheme);
      return NULL;
    }

  uri = g_uri_parse (full, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_INVALID_URL,
                   _("“%s” is not a valid web address."), full);
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_INVALID_URL,
                           _("The address must not contain a user name or password; put an "
                             "API key in its own field."));
      return NULL;
    }

  return g_steal_pointer (&uri);
}

static char *
strip_trailing_slashes (char *path)
{
  gsize len = strlen (path);

  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';
  return path;
}

char *
reframe_provider_normalize_base_url (const char  *url,
                                     GError     **error)
{
  g_autoptr(GUri) uri = parse_url (url, error);
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  gsize len;

  if (uri == NULL)
    return NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  path = strip_trailing_slashes (g_strdup (g_uri_get_path (uri)));

  for (guint i = 0; i < G_N_ELEMENTS (endpoint_suffixes); i++)
    {
      if (g_str_has_suffix (path, endpoint_suffixes[i]))
        {
          path[strlen (path) - strlen (endpoint_suffixes[i])] = '\0';
          break;
        }
    }
  strip_trailing_slashes (path);

  len = strlen (path);
  if (len >= 3 && g_ascii_strcasecmp (path + len - 3, "/v1") == 0)
    path[len - 3] = '\0';
  strip_trailing_slashes (path);

  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, host, g_uri_get_port (uri),
                     path, NULL, NULL);
}

gboolean
reframe_provider_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = parse_url (url, NULL);

  return uri != NULL && host_is_loopback (g_uri_get_host (uri));
}

char *
reframe_provider_describe_host (const char *url)
{
  g_autoptr(GUri) uri = parse_url (url, NULL);
  const char *host;
  gboolean ipv6;

  if (uri == NULL)
    return NULL;

  host = g_uri_get_host (uri);
  ipv6 = strchr (host, ':') != NULL;
  if (g_uri_get_port (uri) == -1)
    return ipv6 ? g_strdup_printf ("[%s]", host) : g_strdup (host);
  return g_strdup_printf (ipv6 ? "[%s]:%d" : "%s:%d", host, g_uri_get_port (uri));
}

static int
effective_port (GUri *uri)
{
  if (g_uri_get_port (uri) != -1)
    return g_uri_get_port (uri);
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

ReframeProviderKind
reframe_provider_guess_from_url (const char *url)
{
  g_autoptr(GUri) uri = parse_url (url, NULL);
  gboolean loopback;

  if (uri == NULL)
    return REFRAME_PROVIDER_CUSTOM;

  loopback = host_is_loopback (g_uri_get_host (uri));

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      g_autoptr(GUri) preset = NULL;
      gboolean same_host;

      if (providers[i].default_url == NULL)
        continue;

      preset = g_uri_parse (providers[i].default_url, G_URI_FLAGS_ENCODED, NULL);
      g_assert (preset != NULL);

      if (loopback)
        same_host = host_is_loopback (g_uri_get_host (preset));
      else
        same_host = g_ascii_strcasecmp (g_uri_get_host (uri), g_uri_get_host (preset)) == 0;

      if (same_host && effective_port (uri) == effective_port (preset))
        return providers[i].kind;
    }

  return REFRAME_PROVIDER_CUSTOM;
}
