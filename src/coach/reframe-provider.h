/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the coach's feedback comes from. The order is the order a UI lists them in. */
typedef enum
{
  REFRAME_PROVIDER_BUILTIN,     /* the offline coach: nothing leaves the computer */
  REFRAME_PROVIDER_OLLAMA,
  REFRAME_PROVIDER_LLAMA_CPP,
  REFRAME_PROVIDER_LM_STUDIO,
  REFRAME_PROVIDER_VLLM,
  REFRAME_PROVIDER_OPENAI,
  REFRAME_PROVIDER_OPENROUTER,
  REFRAME_PROVIDER_CUSTOM,      /* any OpenAI-compatible server */
  REFRAME_N_PROVIDERS
} ReframeProviderKind;

typedef struct
{
  ReframeProviderKind  kind;
  const char          *id;              /* stable, for settings: "ollama", "openai", ... */
  const char          *name;            /* for display; translated where it is not a name */
  const char          *default_url;     /* a base URL as reframe_provider_normalize_base_url()
                                         * returns it, or NULL (built-in, custom) */
  gboolean             needs_api_key;   /* a hosted service that refuses requests without one */
  gboolean             runs_locally;    /* a server that normally runs on this computer */
} ReframeProvider;

const ReframeProvider *reframe_provider_get               (ReframeProviderKind   kind);
/* NULL when @id is unknown. */
const ReframeProvider *reframe_provider_lookup            (const char           *id);
/* The preset whose default address has the same host and port as @url, or
 * REFRAME_PROVIDER_CUSTOM. Used to say "Is Ollama running?" rather than "Is the server
 * running?" when nothing answers at Ollama's port. */
ReframeProviderKind    reframe_provider_guess_from_url    (const char           *url);

/* Turns an address as a person pastes it into the base that "/v1/chat/completions" and
 * "/v1/models" are appended to. The rule:
 *   1. Surrounding white space goes. Without "scheme://", http:// is assumed for a loopback
 *      host ("localhost:11434") and https:// for any other.
 *   2. Only http and https are accepted; user names, passwords, queries and fragments are not
 *      (they are refused, or for "?" and "#" dropped).
 *   3. From the path, trailing slashes go, then one endpoint suffix if present
 *      ("/chat/completions", "/completions", "/models", or Ollama's "/api/chat",
 *      "/api/generate", "/api/tags"), then trailing slashes, then one "/v1".
 *   4. The result has no trailing slash: scheme://host[:port][/path].
 * So "http://localhost:11434/", ".../v1", ".../v1/", ".../v1/chat/completions" all give
 * "http://localhost:11434", and "https://openrouter.ai/api/v1" gives
 * "https://openrouter.ai/api". Returns NULL with REFRAME_COACH_ERROR_INVALID_URL and a
 * sentence a person can act on otherwise. */
char                  *reframe_provider_normalize_base_url (const char          *url,
                                                           GError             **error);
/* TRUE when @url (normalised or not) names a loopback host: 127.0.0.0/8, ::1 (also as
 * ::ffff:127.x.x.x) or "localhost". FALSE for anything that does not parse. */
gboolean               reframe_provider_is_loopback       (const char           *url);
/* "host" or "host:port" of @url for messages, or NULL when it does not parse. */
char                  *reframe_provider_describe_host     (const char           *url);

G_END_DECLS
