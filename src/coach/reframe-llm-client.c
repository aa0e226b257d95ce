/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-llm-client"

#include "config.h"

#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "reframe-curl-autocleanups.h"
#include "reframe-llm-client-private.h"
#include "reframe-sse-parser.h"

#define DEFAULT_CONNECT_TIMEOUT         15
#define DEFAULT_STALL_TIMEOUT           60
#define DEFAULT_LOOPBACK_STALL_TIMEOUT  180
#define DEFAULT_RETRY_DELAY_MS          1000
#define MAX_RETRIES                     2
#define MAX_RETRY_WAIT_MS               60000
/* How often the transfer loop looks at the cancellable even without a wake-up. */
#define POLL_INTERVAL_MS                100
/* Only the message of an error reply is needed. */
#define MAX_ERROR_BODY                  (64 * 1024)
/* A model list, or an answer from a server that ignored "stream": true. */
#define MAX_JSON_BODY                   (64 * 1024 * 1024)
#define MAX_MESSAGE_CHARS               300
#define MAX_LISTED_MODELS               8

/* What a call needs from the client, copied when it starts so that the worker never reads
 * the client itself. */
typedef struct
{
  char                *base_url;       /* normalised, or NULL */
  GError              *url_error;      /* why base_url is NULL */
  char                *api_key;        /* or NULL */
  char                *model;
  char                *host;           /* "host:port" for sentences */
  ReframeProviderKind  provider;
  gboolean             loopback;
  guint                connect_timeout;
  guint                stall_timeout;
  guint                retry_delay_ms;
  guint                max_tokens;
} Config;

struct _ReframeLlmClient
{
  GObject              parent_instance;

  char                *base_url_input;
  char                *base_url;
  GError              *url_error;
  char                *api_key;
  char                *model;
  ReframeProviderKind  provider;
  gboolean             provider_set;
  guint                connect_timeout;
  guint                stall_timeout;
  guint                retry_delay_ms;
  guint                max_tokens;
};

G_DEFINE_FINAL_TYPE (ReframeLlmClient, reframe_llm_client, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (ReframeLlmResult, reframe_llm_result,
                     reframe_llm_result_copy, reframe_llm_result_free)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_API_KEY,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Body bytes of a 2xx reply that is streamed rather than collected. Set @stop to end the
 * transfer early without an error. */
typedef gboolean (*StreamFunc) (const char  *data,
                                gsize        len,
                                gpointer     user_data,
                                gboolean    *stop,
                                GError     **error);

typedef struct
{
  /* Inputs */
  const Config *config;
  const char   *url;
  const char   *body;          /* a JSON body to POST, or NULL to GET */
  GCancellable *cancellable;
  StreamFunc    stream_func;   /* or NULL to collect every reply */
  gpointer      stream_data;

  /* Outputs */
  CURL         *easy;
  long          status;
  gboolean      body_started;
  gboolean      streaming;     /* the body went to stream_func */
  gboolean      stopped;       /* stream_func ended the transfer */
  gboolean      via_proxy;
  char         *content_type;
  char         *location;
  gint64        retry_after_ms;  /* from Retry-After, or -1 */
  gint64        retry_after_ms_header;  /* from retry-after-ms, or -1 */
  GString      *body_buf;
  gboolean      body_too_large;
  GError       *stream_error;
} Request;

typedef struct
{
  char *message;
  char *type;
  char *code;
} ProviderError;

typedef struct
{
  const Config        *config;
  ReframeLlmDeltaFunc  on_delta;
  gpointer             delta_data;
  gint64               start_us;
  guint                attempts;
  ReframeSseParser    *parser;
  JsonParser          *json;
  GString             *text;
  GString             *reasoning;
  char                *finish_reason;
  char                *model;
  gint64               prompt_tokens;
  gint64               completion_tokens;
  gint64               first_token_us;   /* 0 until a fragment came */
  gboolean             done;             /* "data: [DONE]" came */
} ChatState;

typedef struct
{
  char *body;          /* with "stream_options" */
  char *plain_body;    /* without, for servers that refuse it */
} ChatBodies;

static void
config_free (Config *config)
{
  g_free (config->base_url);
  g_clear_error (&config->url_error);
  if (config->api_key != NULL)
    {
      memset (config->api_key, 0, strlen (config->api_key));
      g_free (config->api_key);
    }
  g_free (config->model);
  g_free (config->host);
  g_free (config);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Config, config_free)

static void
chat_bodies_free (ChatBodies *bodies)
{
  g_free (bodies->body);
  g_free (bodies->plain_body);
  g_free (bodies);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChatBodies, chat_bodies_free)

static void
provider_error_clear (ProviderError *pe)
{
  g_clear_pointer (&pe->message, g_free);
  g_clear_pointer (&pe->type, g_free);
  g_clear_pointer (&pe->code, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ProviderError, provider_error_clear)

static void
request_clear (Request *r)
{
  g_clear_pointer (&r->content_type, g_free);
  g_clear_pointer (&r->location, g_free);
  if (r->body_buf != NULL)
    g_string_free (g_steal_pointer (&r->body_buf), TRUE);
  g_clear_error (&r->stream_error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Request, request_clear)

/* Result */

ReframeLlmResult *
reframe_llm_result_copy (const ReframeLlmResult *result)
{
  ReframeLlmResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_memdup2 (result, sizeof *result);
  copy->text = g_strdup (result->text);
  copy->reasoning = g_strdup (result->reasoning);
  copy->finish_reason = g_strdup (result->finish_reason);
  copy->model = g_strdup (result->model);

  return copy;
}

void
reframe_llm_result_free (ReframeLlmResult *result)
{
  if (result == NULL)
    return;
  g_free (result->text);
  g_free (result->reasoning);
  g_free (result->finish_reason);
  g_free (result->model);
  g_free (result);
}

const char *
reframe_llm_result_describe (const ReframeLlmResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  if (result->cut_short)
    return _("The answer was cut short because it reached the model’s length limit.");
  if (result->incomplete)
    return _("The connection ended before the answer was complete.");
  return NULL;
}

/* JSON helpers */

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  return object != NULL ? json_object_get_member (object, member) : NULL;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gint64
get_int (JsonObject *object,
         const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return -1;
}

/* A string or a number as text (error codes are either). */
static char *
get_code (JsonObject *object,
          const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

/* Text from a server, made fit for a sentence: one line, bounded, without a final period
 * (the sentence around it adds one). */
static char *
clean_message (const char *text,
               gssize      len)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) clean = g_string_new (NULL);
  gboolean space = FALSE;
  glong n_chars;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, len);
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = clean->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (clean, ' ');
      space = FALSE;
      g_string_append_unichar (clean, c);
    }

  while (clean->len > 0 && clean->str[clean->len - 1] == '.')
    g_string_truncate (clean, clean->len - 1);

  if (clean->len == 0)
    return NULL;

  n_chars = g_utf8_strlen (clean->str, -1);
  if (n_chars > MAX_MESSAGE_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (clean->str, 0, MAX_MESSAGE_CHARS);

      return g_strconcat (cut, "…", NULL);
    }

  return g_string_free (g_steal_pointer (&clean), FALSE);
}

static void
provider_error_from_object (ProviderError *pe,
                            JsonObject    *root)
{
  JsonObject *error_object = get_object (root, "error");
  const char *message = NULL;

  if (error_object != NULL)
    {
      message = get_string (error_object, "message");
      pe->type = g_strdup (get_string (error_object, "type"));
      pe->code = get_code (error_object, "code");
      /* OpenRouter puts the upstream provider's words in metadata.raw. */
      if (message == NULL)
        message = get_string (get_object (error_object, "metadata"), "raw");
    }
  else
    message = get_string (root, "error");

  if (message == NULL)
    message = get_string (root, "message");
  if (message == NULL)
    message = get_string (root, "detail");
  if (pe->type == NULL)
    pe->type = g_strdup (get_string (root, "type"));

  pe->message = clean_message (message, -1);
}

static void
parse_provider_error (ProviderError *pe,
                      const GString *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (body == NULL || body->len == 0)
    return;

  if (json_parser_load_from_data (parser, body->str, body->len, NULL)
      && (root = json_parser_get_root (parser)) != NULL
      && JSON_NODE_HOLDS_OBJECT (root))
    {
      provider_error_from_object (pe, json_node_get_object (root));
      return;
    }

  /* Plain text is often a useful message; an HTML error page is not. */
  if (body->str[0] != '<')
    {
      const char *end = memchr (body->str, '\n', body->len);

      pe->message = clean_message (body->str, end ? end - body->str : (gssize) body->len);
    }
}

static gboolean
contains_word (const char *text,
               const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_ascii_strdown (text, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
is_quota_error (const ProviderError *pe)
{
  return g_strcmp0 (pe->code, "insufficient_quota") == 0
         || g_strcmp0 (pe->type, "insufficient_quota") == 0;
}

static gboolean
is_context_error (const ProviderError *pe)
{
  static const char * const phrases[] = {
    "context length", "context_length", "context window", "maximum context",
    "too many tokens", "prompt is too long", "exceeds the context", "context size",
  };

  if (g_strcmp0 (pe->code, "context_length_exceeded") == 0
      || g_strcmp0 (pe->type, "context_length_exceeded") == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    if (contains_word (pe->message, phrases[i]))
      return TRUE;
  return FALSE;
}

/* Errors */

static void set_error (GError            **error,
                       ReframeCoachError   code,
                       const char         *format,
                       ...) G_GNUC_PRINTF (3, 4);

static void
set_error (GError            **error,
           ReframeCoachError   code,
           const char         *format,
           ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (REFRAME_COACH_ERROR, code, format, args));
  va_end (args);
}

static gboolean
is_tls_error (CURLcode code)
{
  return code == CURLE_SSL_CONNECT_ERROR
         || code == CURLE_PEER_FAILED_VERIFICATION
         || code == CURLE_SSL_CERTPROBLEM
         || code == CURLE_SSL_CIPHER
         || code == CURLE_SSL_CACERT_BADFILE
         || code == CURLE_SSL_CRL_BADFILE
         || code == CURLE_SSL_ISSUER_ERROR
         || code == CURLE_SSL_PINNEDPUBKEYNOTMATCH
         || code == CURLE_SSL_INVALIDCERTSTATUS
         || code == CURLE_SSL_ENGINE_NOTFOUND
         || code == CURLE_SSL_ENGINE_SETFAILED
         || code == CURLE_SSL_ENGINE_INITFAILED
         || code == CURLE_SSL_SHUTDOWN_FAILED
         || code == CURLE_USE_SSL_FAILED
         || code == CURLE_SSL_CLIENTCERT;
}

GError *
_reframe_llm_error_from_curl (int                  curl_code,
                              const char          *host,
                              ReframeProviderKind  provider,
                              gboolean             via_proxy,
                              gboolean             request_sent,
                              guint                connect_timeout,
                              guint                stall_timeout,
                              const char          *detail)
{
  CURLcode code = curl_code;
  GError *error = NULL;

  if (code == CURLE_COULDNT_RESOLVE_HOST)
    set_error (&error, REFRAME_COACH_ERROR_HOST_NOT_FOUND,
               _("Could not find the server %s. Check the address and the internet "
                 "connection."), host);
  else if (code == CURLE_COULDNT_RESOLVE_PROXY)
    set_error (&error, REFRAME_COACH_ERROR_PROXY,
               _("Could not find the proxy server. Check the proxy settings."));
  else if (code == CURLE_COULDNT_CONNECT && via_proxy)
    set_error (&error, REFRAME_COACH_ERROR_PROXY,
               _("Could not connect to the proxy server. Check the proxy settings."));
  else if (code == CURLE_COULDNT_CONNECT && provider == REFRAME_PROVIDER_OLLAMA)
    set_error (&error, REFRAME_COACH_ERROR_CONNECTION_REFUSED,
               _("Could not connect to %s. Is Ollama running?"), host);
  else if (code == CURLE_COULDNT_CONNECT)
    set_error (&error, REFRAME_COACH_ERROR_CONNECTION_REFUSED,
               _("Could not connect to %s. Is the server running?"), host);
  else if (code == CURLE_OPERATION_TIMEDOUT && request_sent)
    set_error (&error, REFRAME_COACH_ERROR_TIMED_OUT,
               ngettext ("%s sent nothing for %u second, so Reframe stopped waiting.",
                         "%s sent nothing for %u seconds, so Reframe stopped waiting.",
                         stall_timeout),
               host, stall_timeout);
  else if (code == CURLE_OPERATION_TIMEDOUT)
    set_error (&error, REFRAME_COACH_ERROR_TIMED_OUT,
               ngettext ("Could not connect to %s within %u second.",
                         "Could not connect to %s within %u seconds.",
                         connect_timeout),
               host, connect_timeout);
  else if (code == CURLE_PEER_FAILED_VERIFICATION)
    set_error (&error, REFRAME_COACH_ERROR_TLS,
               _("The security certificate of %s could not be verified, so Reframe did not "
                 "connect."), host);
  else if (is_tls_error (code))
    set_error (&error, REFRAME_COACH_ERROR_TLS,
               _("Could not make a secure connection to %s. Check that the address is "
                 "right and that the server supports https."), host);
  else if (code == CURLE_GOT_NOTHING)
    set_error (&error, REFRAME_COACH_ERROR_CONNECTION_LOST,
               _("%s closed the connection without answering."), host);
  else if (code == CURLE_PARTIAL_FILE || code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR)
    set_error (&error, REFRAME_COACH_ERROR_CONNECTION_LOST,
               _("The connection to %s was lost before an answer arrived."), host);
  else if (code == CURLE_WEIRD_SERVER_REPLY || code == CURLE_HTTP2
           || code == CURLE_HTTP2_STREAM || code == CURLE_HTTP3)
    set_error (&error, REFRAME_COACH_ERROR_INVALID_RESPONSE,
               _("%s did not answer like a web server. Check the address and port."), host);
  else if (code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_URL_MALFORMAT)
    set_error (&error, REFRAME_COACH_ERROR_INVALID_URL,
               _("The address of %s cannot be used. Use an http:// or https:// address."),
               host);
  else
    set_error (&error, REFRAME_COACH_ERROR_FAILED,
               /* Translators: the second %s is a technical reason, in English. */
               _("Could not talk to %s (%s)."), host,
               detail && *detail ? detail : curl_easy_strerror (code));

  return error;
}

/* Transfers */

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  curl_multi_wakeup (user_data);
}

static int
xferinfo_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Request *r = user_data;

  return g_cancellable_is_cancelled (r->cancellable) ? 1 : 0;
}

static gint64
parse_retry_after (const char *value)
{
  gboolean digits = *value != '\0';
  time_t when;

  for (const char *p = value; *p; p++)
    digits = digits && g_ascii_isdigit (*p);

  if (digits)
    return strlen (value) > 9 ? G_MAXINT64 / 2 : g_ascii_strtoll (value, NULL, 10) * 1000;

  when = curl_getdate (value, NULL);
  if (when == -1)
    return -1;
  return MAX (0, ((gint64) when - (gint64) time (NULL)) * 1000);
}

static size_t
header_cb (char   *buffer,
           size_t  size,
           size_t  n_items,
           void   *user_data)
{
  Request *r = user_data;
  gsize len = size * n_items;
  g_autofree char *line = g_strstrip (g_strndup (buffer, len));
  char *colon;
  char *value;

  /* A new status line (an interim 100 Continue, say) starts a new set of headers. */
  if (g_str_has_prefix (line, "HTTP/"))
    {
      g_clear_pointer (&r->content_type, g_free);
      g_clear_pointer (&r->location, g_free);
      r->retry_after_ms = -1;
      r->retry_after_ms_header = -1;
      return len;
    }

  colon = strchr (line, ':');
  if (colon == NULL)
    return len;
  *colon = '\0';
  value = g_strstrip (colon + 1);

  if (g_ascii_strcasecmp (line, "content-type") == 0)
    {
      g_free (r->content_type);
      r->content_type = g_ascii_strdown (value, -1);
    }
  else if (g_ascii_strcasecmp (line, "location") == 0)
    {
      g_free (r->location);
      r->location = g_strdup (value);
    }
  else if (g_ascii_strcasecmp (line, "retry-after") == 0)
    r->retry_after_ms = parse_retry_after (value);
  else if (g_ascii_strcasecmp (line, "retry-after-ms") == 0)
    {
      char *end = NULL;
      double ms = g_ascii_strtod (value, &end);

      if (end != value && ms >= 0 && ms < 1e12)
        r->retry_after_ms_header = (gint64) ms;
    }

  return len;
}

static gboolean
is_json_type (const char *content_type)
{
  return content_type != NULL
         && (g_str_has_prefix (content_type, "application/json")
             || g_str_has_prefix (content_type, "application/problem+json"));
}

static gboolean
is_html_type (const char *content_type)
{
  return content_type != NULL
         && (g_str_has_prefix (content_type, "text/html")
             || g_str_has_prefix (content_type, "application/xhtml"));
}

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  n_items,
          void   *user_data)
{
  Request *r = user_data;
  gsize len = size * n_items;

  if (!r->body_started)
    {
      r->body_started = TRUE;
      curl_easy_getinfo (r->easy, CURLINFO_RESPONSE_CODE, &r->status);
      /* A server that ignores "stream": true answers with one JSON document. */
      r->streaming = r->stream_func != NULL && r->status / 100 == 2
                     && !is_json_type (r->content_type) && !is_html_type (r->content_type);
    }

  if (r->streaming)
    {
      if (!r->stream_func (data, len, r->stream_data, &r->stopped, &r->stream_error))
        return 0;
      return r->stopped ? 0 : len;
    }

  if (r->status / 100 != 2)
    {
      /* Keep reading, but only the start of an error reply matters. */
      if (r->body_buf->len < MAX_ERROR_BODY)
        g_string_append_len (r->body_buf, data, MIN (len, MAX_ERROR_BODY - r->body_buf->len));
      return len;
    }

  if (r->body_buf->len + len > MAX_JSON_BODY)
    {
      r->body_too_large = TRUE;
      return 0;
    }
  g_string_append_len (r->body_buf, data, len);
  return len;
}

static gboolean
is_supported_proxy (const char *proxy)
{
  static const char * const schemes[] = {
    "http", "https", "socks4", "socks4a", "socks5", "socks5h",
  };
  const char *scheme = g_uri_peek_scheme (proxy);

  for (guint i = 0; scheme != NULL && i < G_N_ELEMENTS (schemes); i++)
    if (g_str_equal (scheme, schemes[i]))
      return TRUE;
  return FALSE;
}

/* The proxy for @url as libcurl wants it; "" for none. Never the environment's: libcurl would
 * read http_proxy itself unless told "". */
static char *
choose_proxy (const Config *config,
              const char   *url,
              GCancellable *cancellable)
{
  g_auto(GStrv) proxies = NULL;

  if (config->loopback)
    return g_strdup ("");

  proxies = g_proxy_resolver_lookup (g_proxy_resolver_get_default (), url, cancellable, NULL);
  for (guint i = 0; proxies != NULL && proxies[i] != NULL; i++)
    {
      if (g_str_has_prefix (proxies[i], "direct://"))
        return g_strdup ("");
      if (is_supported_proxy (proxies[i]))
        return g_strdup (proxies[i]);
    }

  return g_strdup ("");
}

static gboolean
request_perform (Request  *r,
                 GError  **error)
{
  g_autoptr(ReframeCurlSlist) headers = NULL;
  g_autoptr(CURL) easy = NULL;
  g_autoptr(CURLM) multi = NULL;
  g_autofree char *proxy = NULL;
  char errbuf[CURL_ERROR_SIZE] = "";
  CURLcode code = CURLE_OK;
  CURLMsg *message;
  int n_left;
  gulong handler = 0;
  gboolean cancelled = FALSE;
  curl_off_t pretransfer = 0;
  guint stall_timeout = r->config->stall_timeout;

  r->body_buf = g_string_new (NULL);
  r->retry_after_ms = -1;
  r->retry_after_ms_header = -1;

  if (stall_timeout == 0)
    stall_timeout = r->config->loopback ? DEFAULT_LOOPBACK_STALL_TIMEOUT : DEFAULT_STALL_TIMEOUT;

  proxy = choose_proxy (r->config, r->url, r->cancellable);
  if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
    return FALSE;
  r->via_proxy = *proxy != '\0';

  easy = curl_easy_init ();
  multi = curl_multi_init ();
  if (easy == NULL || multi == NULL)
    {
      set_error (error, REFRAME_COACH_ERROR_FAILED, _("Could not start a network request."));
      return FALSE;
    }
  r->easy = easy;

  if (r->body != NULL)
    {
      headers = curl_slist_append (headers, "Content-Type: application/json");
      headers = curl_slist_append (headers, "Accept: text/event-stream, application/json");
      /* Without this, libcurl waits for "100 Continue" before sending a longer text. */
      headers = curl_slist_append (headers, "Expect:");
    }
  else
    headers = curl_slist_append (headers, "Accept: application/json");

  if (r->config->api_key != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Authorization: Bearer ",
                                                    r->config->api_key, NULL);

      headers = curl_slist_append (headers, authorization);
      memset (authorization, 0, strlen (authorization));
    }

  curl_easy_setopt (easy, CURLOPT_URL, r->url);
  curl_easy_setopt (easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  /* A redirect could carry the person's text to a host they did not name. */
  curl_easy_setopt (easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (easy, CURLOPT_USERAGENT, "Reframe/" PACKAGE_VERSION);
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt (easy, CURLOPT_PROXY, proxy);
  curl_easy_setopt (easy, CURLOPT_CONNECTTIMEOUT, (long) r->config->connect_timeout);
  curl_easy_setopt (easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (easy, CURLOPT_LOW_SPEED_TIME, (long) stall_timeout);
  /* Cancelling during a DNS lookup must not wait for the resolver thread. */
  curl_easy_setopt (easy, CURLOPT_QUICK_EXIT, 1L);
  curl_easy_setopt (easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (easy, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (easy, CURLOPT_HEADERDATA, r);
  curl_easy_setopt (easy, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (easy, CURLOPT_WRITEDATA, r);
  curl_easy_setopt (easy, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (easy, CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
  curl_easy_setopt (easy, CURLOPT_XFERINFODATA, r);
  curl_easy_setopt (easy, CURLOPT_ERRORBUFFER, errbuf);
  if (r->body != NULL)
    {
      curl_easy_setopt (easy, CURLOPT_POSTFIELDS, r->body);
      curl_easy_setopt (easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) strlen (r->body));
    }
  else
    curl_easy_setopt (easy, CURLOPT_HTTPGET, 1L);

  curl_multi_add_handle (multi, easy);

  /* The wake-up makes Stop take effect at once, whatever libcurl is waiting for. */
  if (r->cancellable != NULL)
    handler = g_cancellable_connect (r->cancellable, G_CALLBACK (cancelled_cb), multi, NULL);

  for (;;)
    {
      int running = 0;
      CURLMcode mc = curl_multi_perform (multi, &running);

      if (g_cancellable_is_cancelled (r->cancellable))
        {
          cancelled = TRUE;
          break;
        }
      if (mc != CURLM_OK || running == 0)
        break;
      if (curl_multi_poll (multi, NULL, 0, POLL_INTERVAL_MS, NULL) != CURLM_OK)
        break;
    }

  if (r->cancellable != NULL)
    g_cancellable_disconnect (r->cancellable, handler);

  code = CURLE_FAILED_INIT;
  while ((message = curl_multi_info_read (multi, &n_left)) != NULL)
    if (message->msg == CURLMSG_DONE && message->easy_handle == easy)
      code = message->data.result;

  curl_multi_remove_handle (multi, easy);
  curl_easy_getinfo (easy, CURLINFO_RESPONSE_CODE, &r->status);
  curl_easy_getinfo (easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
  r->easy = NULL;

  if (cancelled || code == CURLE_ABORTED_BY_CALLBACK)
    {
      if (!g_cancellable_set_error_if_cancelled (r->cancellable, error))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      return FALSE;
    }

  if (r->stream_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&r->stream_error));
      return FALSE;
    }

  if (code == CURLE_WRITE_ERROR && r->stopped)
    return TRUE;

  if (code == CURLE_WRITE_ERROR && r->body_too_large)
    {
      set_error (error, REFRAME_COACH_ERROR_INVALID_RESPONSE,
                 _("%s sent a reply too large to read."), r->config->host);
      return FALSE;
    }

  if (code != CURLE_OK)
    {
      g_debug ("Transfer failed: %s (%s)", curl_easy_strerror (code), errbuf);
      g_propagate_error (error,
                         _reframe_llm_error_from_curl (code, r->config->host, r->config->provider,
                                                       r->via_proxy, pretransfer > 0,
                                                       r->config->connect_timeout,
                                                       stall_timeout, errbuf));
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_connection_drop (const GError *error)
{
  return g_error_matches (error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_CONNECTION_LOST);
}

static gboolean
wait_cancellable (guint          milliseconds,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GPollFD pollfd;
  gint64 deadline = g_get_monotonic_time () + (gint64) milliseconds * 1000;

  if (cancellable != NULL && g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      gint64 now;

      while (!g_cancellable_is_cancelled (cancellable)
             && (now = g_get_monotonic_time ()) < deadline)
        g_poll (&pollfd, 1, (int) MAX (1, (deadline - now) / 1000));
      g_cancellable_release_fd (cancellable);
    }
  else
    g_usleep ((gulong) milliseconds * 1000);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static char *
describe_wait (gint64 milliseconds)
{
  gint64 seconds = (milliseconds + 999) / 1000;

  if (seconds < 120)
    return g_strdup_printf (ngettext ("Try again in %u second.",
                                      "Try again in %u seconds.", (gulong) seconds),
                            (guint) seconds);
  return g_strdup_printf (ngettext ("Try again in %u minute.",
                                    "Try again in %u minutes.", (gulong) (seconds + 59) / 60),
                          (guint) ((seconds + 59) / 60));
}

/* The error for a non-2xx reply other than 404. */
static GError *
status_error (const Config        *config,
              const Request       *r,
              const ProviderError *pe)
{
  long status = r->status;
  GError *error = NULL;

  if (status / 100 == 3)
    {
      g_autofree char *target = r->location ? clean_message (r->location, -1) : NULL;

      if (target != NULL)
        set_error (&error, REFRAME_COACH_ERROR_REDIRECTED,
                   _("%s sent the request on to %s; use that address instead."),
                   config->host, target);
      else
        set_error (&error, REFRAME_COACH_ERROR_REDIRECTED,
                   _("%s sent the request on to another address, which Reframe does not "
                     "follow."), config->host);
    }
  else if ((status == 401 || status == 403) && config->api_key == NULL)
    set_error (&error, REFRAME_COACH_ERROR_UNAUTHORIZED,
               _("%s needs an API key. Add one in Preferences."), config->host);
  else if (status == 401)
    set_error (&error, REFRAME_COACH_ERROR_UNAUTHORIZED,
               _("%s did not accept the API key. Check that it is complete and current."),
               config->host);
  else if (status == 403)
    set_error (&error, REFRAME_COACH_ERROR_UNAUTHORIZED,
               _("%s refused access with this API key. Check the key and what it is allowed "
                 "to use."), config->host);
  else if (status == 402 || (status == 429 && is_quota_error (pe)))
    set_error (&error, REFRAME_COACH_ERROR_NO_CREDIT,
               _("Your account has no credit left at %s. Add credit or choose another "
                 "provider."), config->host);
  else if (status == 429)
    {
      gint64 wait = r->retry_after_ms_header >= 0 ? r->retry_after_ms_header
                                                   : r->retry_after_ms;
      g_autofree char *again = describe_wait (wait > 0 ? wait : 60000);

      /* Translators: the second %s is "Try again in 30 seconds." or similar. */
      set_error (&error, REFRAME_COACH_ERROR_RATE_LIMITED,
                 _("%s is limiting requests right now. %s"), config->host, again);
    }
  else if (is_context_error (pe) || status == 413)
    set_error (&error, REFRAME_COACH_ERROR_CONTEXT_TOO_LONG,
               _("The text is too long for this model. Shorten it or choose a model with a "
                 "larger context."));
  else if (status / 100 == 5)
    set_error (&error, REFRAME_COACH_ERROR_SERVER,
               _("%s had a problem of its own (error %ld). Try again later."),
               config->host, status);
  else if (pe->message != NULL)
    set_error (&error, REFRAME_COACH_ERROR_PROVIDER,
               /* Translators: the second %s is the server's own message, often in English. */
               _("%s refused the request: %s."), config->host, pe->message);
  else
    set_error (&error, REFRAME_COACH_ERROR_PROVIDER,
               _("%s refused the request (error %ld)."), config->host, status);

  return error;
}

static gboolean
is_retryable (long                 status,
              const ProviderError *pe)
{
  if (status == 429)
    return !is_quota_error (pe);
  return status / 100 == 5 && status != 501 && status != 505;
}

static gboolean
config_check (const Config  *config,
              gboolean       need_model,
              GError       **error)
{
  if (config->url_error != NULL)
    {
      g_propagate_error (error, g_error_copy (config->url_error));
      return FALSE;
    }

  if (need_model && (config->model == NULL || *config->model == '\0'))
    {
      set_error (error, REFRAME_COACH_ERROR_NO_MODEL, _("Choose a model first."));
      return FALSE;
    }

  if (config->api_key != NULL)
    {
      for (const char *p = config->api_key; *p; p++)
        {
          if ((guchar) *p < 0x20 || (guchar) *p == 0x7f)
            {
              set_error (error, REFRAME_COACH_ERROR_UNAUTHORIZED,
                         _("The API key contains characters that cannot be sent. Paste it "
                           "again."));
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* Models */

static void
add_model (GPtrArray  *models,
           const char *name)
{
  if (name == NULL || *name == '\0')
    return;
  for (guint i = 0; i < models->len; i++)
    if (g_str_equal (g_ptr_array_index (models, i), name))
      return;
  g_ptr_array_add (models, g_strdup (name));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* OpenAI's {"data": [{"id"}]} or Ollama's {"models": [{"name"}]}; NULL if neither. */
static char **
parse_models (const GString *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) models = NULL;
  JsonObject *root;
  JsonArray *data;
  JsonArray *tags;

  if (!json_parser_load_from_data (parser, body->str, body->len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  root = json_node_get_object (json_parser_get_root (parser));
  data = get_array (root, "data");
  tags = get_array (root, "models");
  if (data == NULL && tags == NULL)
    return NULL;

  models = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; data != NULL && i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        add_model (models, get_string (json_node_get_object (node), "id"));
    }
  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      JsonNode *node = json_array_get_element (tags, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      add_model (models, get_string (object, "name") ? get_string (object, "name")
                                                      : get_string (object, "id"));
    }

  g_ptr_array_sort (models, compare_names);
  g_ptr_array_add (models, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&models), FALSE);
}

/* Sets @not_listed when the server answered but has no model list at either path. */
static char **
list_models_run (const Config  *config,
                 GCancellable  *cancellable,
                 gboolean      *not_listed,
                 GError       **error)
{
  static const char * const paths[] = { "/v1/models", "/api/tags" };

  if (not_listed != NULL)
    *not_listed = FALSE;

  if (!config_check (config, FALSE, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = g_strconcat (config->base_url, paths[i], NULL);
      g_auto(Request) r = { config, url, NULL, cancellable, NULL, NULL };
      g_auto(ProviderError) pe = { NULL };
      char **models;

      if (!request_perform (&r, error))
        return NULL;

      if (r.status / 100 == 2)
        {
          models = parse_models (r.body_buf);
          if (models != NULL)
            return models;
          if (i + 1 < G_N_ELEMENTS (paths))
            continue;
          set_error (error, REFRAME_COACH_ERROR_INVALID_RESPONSE,
                     _("%s answered, but not with a list of models."), config->host);
          return NULL;
        }

      if (r.status == 404 || r.status == 405)
        continue;

      parse_provider_error (&pe, r.body_buf);
      g_propagate_error (error, status_error (config, &r, &pe));
      return NULL;
    }

  if (not_listed != NULL)
    *not_listed = TRUE;
  set_error (error, REFRAME_COACH_ERROR_INVALID_URL,
             _("%s answered, but not like an OpenAI-compatible server. Check the address."),
             config->host);
  return NULL;
}

static char *
join_models (char * const *models)
{
  g_autoptr(GString) list = g_string_new (NULL);
  guint n = g_strv_length ((char **) models);

  for (guint i = 0; i < n && i < MAX_LISTED_MODELS; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, models[i]);
    }
  if (n > MAX_LISTED_MODELS)
    g_string_append (list, ", …");

  return g_string_free (g_steal_pointer (&list), FALSE);
}

static GError *
model_not_found_error (const Config        *config,
                       const ProviderError *pe,
                       GCancellable        *cancellable)
{
  g_auto(GStrv) models = list_models_run (config, cancellable, NULL, NULL);
  GError *error = NULL;

  if (models != NULL && models[0] != NULL)
    {
      g_autofree char *list = join_models (models);

      if (g_strv_contains ((const char * const *) models, config->model))
        set_error (&error, REFRAME_COACH_ERROR_INVALID_URL,
                   _("%s has no chat endpoint at this address. Check the server address."),
                   config->host);
      else
        set_error (&error, REFRAME_COACH_ERROR_MODEL_NOT_FOUND,
                   _("The model “%s” was not found on %s. Available models: %s."),
                   config->model, config->host, list);
    }
  else if (g_strcmp0 (pe->code, "model_not_found") == 0 || contains_word (pe->message, "model"))
    set_error (&error, REFRAME_COACH_ERROR_MODEL_NOT_FOUND,
               _("The model “%s” was not found on %s. Check the model name."),
               config->model, config->host);
  else
    set_error (&error, REFRAME_COACH_ERROR_INVALID_URL,
               _("%s has no chat endpoint at this address. Check the server address."),
               config->host);

  return error;
}

/* Chat */

static void
chat_state_init (ChatState           *state,
                 const Config        *config,
                 ReframeLlmDeltaFunc  on_delta,
                 gpointer             delta_data)
{
  memset (state, 0, sizeof *state);
  state->config = config;
  state->on_delta = on_delta;
  state->delta_data = delta_data;
  state->start_us = g_get_monotonic_time ();
  state->json = json_parser_new ();
  state->text = g_string_new (NULL);
  state->reasoning = g_string_new (NULL);
  state->prompt_tokens = -1;
  state->completion_tokens = -1;
}

static void
chat_state_clear (ChatState *state)
{
  g_clear_pointer (&state->parser, reframe_sse_parser_free);
  g_clear_object (&state->json);
  if (state->text != NULL)
    g_string_free (g_steal_pointer (&state->text), TRUE);
  if (state->reasoning != NULL)
    g_string_free (g_steal_pointer (&state->reasoning), TRUE);
  g_clear_pointer (&state->finish_reason, g_free);
  g_clear_pointer (&state->model, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChatState, chat_state_clear)

static void
emit (ChatState           *state,
      ReframeLlmDeltaKind  kind,
      const char          *fragment)
{
  if (fragment == NULL || *fragment == '\0')
    return;

  if (state->first_token_us == 0)
    state->first_token_us = g_get_monotonic_time ();

  g_string_append (kind == REFRAME_LLM_DELTA_REASONING ? state->reasoning : state->text,
                   fragment);
  if (state->on_delta != NULL)
    state->on_delta (kind, fragment, state->delta_data);
}

static gboolean
has_content (const ChatState *state)
{
  return state->text->len > 0 || state->reasoning->len > 0;
}

static ReframeLlmResult *
chat_state_to_result (const ChatState *state)
{
  ReframeLlmResult *result = g_new0 (ReframeLlmResult, 1);

  result->text = g_strndup (state->text->str, state->text->len);
  result->reasoning = g_strndup (state->reasoning->str, state->reasoning->len);
  result->finish_reason = g_strdup (state->finish_reason);
  result->model = g_strdup (state->model);
  result->prompt_tokens = state->prompt_tokens;
  result->completion_tokens = state->completion_tokens;
  result->time_to_first_token_ms = state->first_token_us
                                   ? (state->first_token_us - state->start_us) / 1000 : -1;
  result->total_time_ms = (g_get_monotonic_time () - state->start_us) / 1000;
  result->attempts = state->attempts;
  result->incomplete = !state->done && state->finish_reason == NULL;
  result->cut_short = g_strcmp0 (state->finish_reason, "length") == 0;

  return result;
}

static GError *
provider_event_error (const Config  *config,
                      JsonObject    *root)
{
  g_auto(ProviderError) pe = { NULL };
  GError *error = NULL;

  provider_error_from_object (&pe, root);
  if (is_context_error (&pe))
    set_error (&error, REFRAME_COACH_ERROR_CONTEXT_TOO_LONG,
               _("The text is too long for this model. Shorten it or choose a model with a "
                 "larger context."));
  else if (is_quota_error (&pe))
    set_error (&error, REFRAME_COACH_ERROR_NO_CREDIT,
               _("Your account has no credit left at %s. Add credit or choose another "
                 "provider."), config->host);
  else if (pe.message != NULL)
    set_error (&error, REFRAME_COACH_ERROR_PROVIDER,
               _("%s stopped with an error: %s."), config->host, pe.message);
  else
    set_error (&error, REFRAME_COACH_ERROR_PROVIDER,
               _("%s stopped with an error it did not describe."), config->host);

  return error;
}

/* One chat.completion.chunk, or a whole chat.completion when @whole. */
static gboolean
handle_completion (ChatState   *state,
                   JsonObject  *root,
                   gboolean     whole,
                   GError     **error)
{
  JsonObject *usage;
  JsonArray *choices;

  if (get_member (root, "error") != NULL
      && !JSON_NODE_HOLDS_NULL (get_member (root, "error")))
    {
      g_propagate_error (error, provider_event_error (state->config, root));
      return FALSE;
    }

  if (state->model == NULL && get_string (root, "model") != NULL)
    state->model = g_strdup (get_string (root, "model"));

  usage = get_object (root, "usage");
  if (usage != NULL)
    {
      if (get_int (usage, "prompt_tokens") >= 0)
        state->prompt_tokens = get_int (usage, "prompt_tokens");
      if (get_int (usage, "completion_tokens") >= 0)
        state->completion_tokens = get_int (usage, "completion_tokens");
    }

  choices = get_array (root, "choices");
  for (guint i = 0; choices != NULL && i < json_array_get_length (choices); i++)
    {
      JsonNode *node = json_array_get_element (choices, i);
      JsonObject *choice;
      JsonObject *delta;
      const char *reasoning;
      const char *finish_reason;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      choice = json_node_get_object (node);
      /* Only the first choice is asked for; ignore others a server may add. */
      if (get_int (choice, "index") > 0)
        continue;

      delta = get_object (choice, whole ? "message" : "delta");
      /* Servers name the thinking "reasoning_content" (DeepSeek, vLLM, llama.cpp) or
       * "reasoning" (OpenRouter, Ollama); some send both with the same text. */
      reasoning = get_string (delta, "reasoning_content");
      if (reasoning == NULL || *reasoning == '\0')
        reasoning = get_string (delta, "reasoning");
      emit (state, REFRAME_LLM_DELTA_REASONING, reasoning);
      emit (state, REFRAME_LLM_DELTA_TEXT, get_string (delta, "content"));

      finish_reason = get_string (choice, "finish_reason");
      if (finish_reason != NULL)
        {
          g_free (state->finish_reason);
          state->finish_reason = g_strdup (finish_reason);
        }
    }

  return TRUE;
}

static gboolean
handle_events (ChatState  *state,
               gboolean   *stop,
               GError    **error)
{
  ReframeSseEvent *event;

  while ((event = reframe_sse_parser_pop (state->parser)) != NULL)
    {
      g_autoptr(ReframeSseEvent) owned = event;
      g_autoptr(GError) local_error = NULL;
      JsonNode *root;

      if (state->done)
        continue;

      if (g_str_equal (owned->data, "[DONE]"))
        {
          state->done = TRUE;
          continue;
        }

      if (!json_parser_load_from_data (state->json, owned->data, -1, &local_error)
          || (root = json_parser_get_root (state->json)) == NULL
          || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_debug ("Unreadable event: %s", local_error ? local_error->message : "not an object");
          set_error (error, REFRAME_COACH_ERROR_INVALID_RESPONSE,
                     _("%s sent a part of the answer that could not be read, so the answer "
                       "stopped early."), state->config->host);
          return FALSE;
        }

      if (!handle_completion (state, json_node_get_object (root), FALSE, error))
        return FALSE;
    }

  if (state->done && stop != NULL)
    *stop = TRUE;
  return TRUE;
}

static gboolean
chat_stream_cb (const char  *data,
                gsize        len,
                gpointer     user_data,
                gboolean    *stop,
                GError     **error)
{
  ChatState *state = user_data;

  if (!reframe_sse_parser_feed (state->parser, data, len, NULL))
    {
      set_error (error, REFRAME_COACH_ERROR_INVALID_RESPONSE,
                 _("%s sent a reply too large to read."), state->config->host);
      return FALSE;
    }

  return handle_events (state, stop, error);
}

static gboolean
handle_whole_reply (ChatState      *state,
                    const GString  *body,
                    GError        **error)
{
  JsonNode *root;

  if (body->len == 0)
    {
      set_error (error, REFRAME_COACH_ERROR_INVALID_RESPONSE,
                 _("%s sent an empty answer."), state->config->host);
      return FALSE;
    }

  if (!json_parser_load_from_data (state->json, body->str, body->len, NULL)
      || (root = json_parser_get_root (state->json)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error (error, REFRAME_COACH_ERROR_INVALID_RESPONSE,
                 _("%s sent an answer that could not be read."), state->config->host);
      return FALSE;
    }

  if (!handle_completion (state, json_node_get_object (root), TRUE, error))
    return FALSE;

  /* A whole answer is complete by nature. */
  state->done = TRUE;
  return TRUE;
}

static ReframeLlmResult *
chat_fail (ChatState          *state,
           GError             *error,
           ReframeLlmResult  **partial,
           GError            **out_error)
{
  if (partial != NULL)
    {
      *partial = has_content (state) ? chat_state_to_result (state) : NULL;
      if (*partial != NULL)
        (*partial)->incomplete = TRUE;
    }
  g_propagate_error (out_error, error);
  return NULL;
}

static ReframeLlmResult *
chat_run (const Config         *config,
          const ChatBodies     *bodies,
          ReframeLlmDeltaFunc   on_delta,
          gpointer              delta_data,
          GCancellable         *cancellable,
          ReframeLlmResult    **partial,
          GError              **error)
{
  g_auto(ChatState) state = { NULL };
  g_autofree char *url = NULL;
  gboolean stream_options = TRUE;
  guint retries = 0;

  chat_state_init (&state, config, on_delta, delta_data);

  if (partial != NULL)
    *partial = NULL;

  if (!config_check (config, TRUE, error))
    return NULL;

  url = g_strconcat (config->base_url, "/v1/chat/completions", NULL);

  for (;;)
    {
      g_auto(Request) r = { config, url, NULL, cancellable, chat_stream_cb, &state };
      g_auto(ProviderError) pe = { NULL };
      GError *local_error = NULL;
      gint64 wait;

      r.body = stream_options ? bodies->body : bodies->plain_body;
      g_clear_pointer (&state.parser, reframe_sse_parser_free);
      state.parser = reframe_sse_parser_new (0);
      state.attempts++;

      if (!request_perform (&r, &local_error))
        {
          /* A stream that breaks off keeps what came: the caller flags it incomplete. */
          if (r.streaming && is_connection_drop (local_error) && has_content (&state))
            {
              g_debug ("Stream broke off: %s", local_error->message);
              g_clear_error (&local_error);
              reframe_sse_parser_end (state.parser);
              if (!handle_events (&state, NULL, &local_error))
                return chat_fail (&state, local_error, partial, error);
              return chat_state_to_result (&state);
            }
          return chat_fail (&state, local_error, partial, error);
        }

      if (r.status / 100 == 2)
        {
          if (r.streaming)
            {
              reframe_sse_parser_end (state.parser);
              if (!handle_events (&state, NULL, &local_error))
                return chat_fail (&state, local_error, partial, error);
              if (!has_content (&state) && !state.done && state.finish_reason == NULL)
                {
                  set_error (&local_error, REFRAME_COACH_ERROR_CONNECTION_LOST,
                             _("The connection to %s was lost before an answer arrived."),
                             config->host);
                  return chat_fail (&state, local_error, partial, error);
                }
            }
          else if (is_html_type (r.content_type))
            {
              /* A web app or a captive portal, not an API. */
              set_error (&local_error, REFRAME_COACH_ERROR_INVALID_URL,
                         _("%s answered with a web page instead of an answer. Check the "
                           "server address."), config->host);
              return chat_fail (&state, local_error, partial, error);
            }
          else if (!handle_whole_reply (&state, r.body_buf, &local_error))
            return chat_fail (&state, local_error, partial, error);

          return chat_state_to_result (&state);
        }

      parse_provider_error (&pe, r.body_buf);

      if (r.status == 400 && stream_options && contains_word (pe.message, "stream_options"))
        {
          g_debug ("Server refuses stream_options; asking again without");
          stream_options = FALSE;
          continue;
        }

      if (r.status == 404)
        return chat_fail (&state, model_not_found_error (config, &pe, cancellable),
                          partial, error);

      wait = r.retry_after_ms_header >= 0 ? r.retry_after_ms_header : r.retry_after_ms;
      if (wait < 0)
        {
          /* Backoff with a little jitter, so that many clients do not return together. */
          wait = (gint64) config->retry_delay_ms << retries;
          wait += g_random_int_range (0, (gint32) (wait / 4) + 1);
        }

      if (is_retryable (r.status, &pe) && retries < MAX_RETRIES && wait <= MAX_RETRY_WAIT_MS)
        {
          g_debug ("HTTP %ld; retrying in %" G_GINT64_FORMAT " ms", r.status, wait);
          retries++;
          if (!wait_cancellable ((guint) wait, cancellable, &local_error))
            return chat_fail (&state, local_error, partial, error);
          continue;
        }

      return chat_fail (&state, status_error (config, &r, &pe), partial, error);
    }
}

static char *
build_chat_body (const Config            *config,
                 const ReframeLlmMessage *messages,
                 guint                    n_messages,
                 gboolean                 stream_options)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, config->model ? config->model : "");
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_messages; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, messages[i].role ? messages[i].role : "user");
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, messages[i].content ? messages[i].content : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, TRUE);
  if (stream_options)
    {
      /* Asks for the final chunk with token counts (choices: []). */
      json_builder_set_member_name (builder, "stream_options");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "include_usage");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
    }
  if (config->max_tokens > 0)
    {
      json_builder_set_member_name (builder, "max_tokens");
      json_builder_add_int_value (builder, config->max_tokens);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static ChatBodies *
chat_bodies_new (const Config            *config,
                 const ReframeLlmMessage *messages,
                 guint                    n_messages)
{
  ChatBodies *bodies = g_new0 (ChatBodies, 1);

  bodies->body = build_chat_body (config, messages, n_messages, TRUE);
  bodies->plain_body = build_chat_body (config, messages, n_messages, FALSE);
  return bodies;
}

static char *
test_connection_run (const Config  *config,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_auto(GStrv) models = NULL;
  guint n_models;

  models = list_models_run (config, cancellable, NULL, error);
  if (models == NULL)
    return NULL;

  n_models = g_strv_length (models);
  if (n_models == 0)
    {
      set_error (error, REFRAME_COACH_ERROR_MODEL_NOT_FOUND,
                 _("Connected to %s, but it offers no models yet."), config->host);
      return NULL;
    }

  if (config->model == NULL || *config->model == '\0')
    return g_strdup_printf (ngettext ("Connected to %s, which offers %u model.",
                                      "Connected to %s, which offers %u models.", n_models),
                            config->host, n_models);

  if (!g_strv_contains ((const char * const *) models, config->model))
    {
      g_autofree char *list = join_models (models);

      set_error (error, REFRAME_COACH_ERROR_MODEL_NOT_FOUND,
                 _("Connected to %s, but it has no model “%s”; it offers %s."),
                 config->host, config->model, list);
      return NULL;
    }

  return g_strdup_printf (_("Connected to %s, and the model “%s” is ready."),
                          config->host, config->model);
}

/* Client */

static Config *
config_new (ReframeLlmClient *self)
{
  Config *config = g_new0 (Config, 1);

  config->base_url = g_strdup (self->base_url);
  config->url_error = self->url_error ? g_error_copy (self->url_error) : NULL;
  config->api_key = g_strdup (self->api_key);
  config->model = g_strdup (self->model);
  config->host = reframe_provider_describe_host (self->base_url);
  if (config->host == NULL)
    config->host = g_strdup (_("the server"));
  config->provider = self->provider;
  config->loopback = self->base_url != NULL && reframe_provider_is_loopback (self->base_url);
  config->connect_timeout = self->connect_timeout;
  config->stall_timeout = self->stall_timeout;
  config->retry_delay_ms = self->retry_delay_ms;
  config->max_tokens = self->max_tokens;

  return config;
}

static void
reframe_llm_client_constructed (GObject *object)
{
  ReframeLlmClient *self = (ReframeLlmClient *)object;

  G_OBJECT_CLASS (reframe_llm_client_parent_class)->constructed (object);

  self->base_url = reframe_provider_normalize_base_url (self->base_url_input, &self->url_error);
  if (!self->provider_set)
    self->provider = self->base_url ? reframe_provider_guess_from_url (self->base_url)
                                    : REFRAME_PROVIDER_CUSTOM;
}

static void
reframe_llm_client_finalize (GObject *object)
{
  ReframeLlmClient *self = (ReframeLlmClient *)object;

  g_clear_pointer (&self->base_url_input, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_error (&self->url_error);
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->model, g_free);

  G_OBJECT_CLASS (reframe_llm_client_parent_class)->finalize (object);
}

static void
reframe_llm_client_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ReframeLlmClient *self = REFRAME_LLM_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reframe_llm_client_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ReframeLlmClient *self = REFRAME_LLM_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->base_url_input = g_value_dup_string (value);
      break;

    case PROP_API_KEY:
      {
        g_autofree char *key = g_strstrip (g_value_dup_string (value) ?: g_strdup (""));

        /* An empty key is no key: nothing is sent. */
        self->api_key = *key ? g_steal_pointer (&key) : NULL;
      }
      break;

    case PROP_MODEL:
      self->model = g_strstrip (g_value_dup_string (value) ?: g_strdup (""));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reframe_llm_client_class_init (ReframeLlmClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = reframe_llm_client_constructed;
  object_class->finalize = reframe_llm_client_finalize;
  object_class->get_property = reframe_llm_client_get_property;
  object_class->set_property = reframe_llm_client_set_property;

  /* The normalised address when read. */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Write-only, so that it never shows up where properties are listed. */
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  curl_global_init (CURL_GLOBAL_DEFAULT);
}

static void
reframe_llm_client_init (ReframeLlmClient *self)
{
  self->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
  self->retry_delay_ms = DEFAULT_RETRY_DELAY_MS;
  self->provider = REFRAME_PROVIDER_CUSTOM;
}

ReframeLlmClient *
reframe_llm_client_new (const char *base_url,
                        const char *api_key,
                        const char *model)
{
  return g_object_new (REFRAME_TYPE_LLM_CLIENT,
                       "base-url", base_url,
                       "api-key", api_key,
                       "model", model,
                       NULL);
}

const char *
reframe_llm_client_get_base_url (ReframeLlmClient *self)
{
  g_return_val_if_fail (REFRAME_IS_LLM_CLIENT (self), NULL);
  return self->base_url;
}

const char *
reframe_llm_client_get_model (ReframeLlmClient *self)
{
  g_return_val_if_fail (REFRAME_IS_LLM_CLIENT (self), NULL);
  return self->model;
}

ReframeProviderKind
reframe_llm_client_get_provider (ReframeLlmClient *self)
{
  g_return_val_if_fail (REFRAME_IS_LLM_CLIENT (self), REFRAME_PROVIDER_CUSTOM);
  return self->provider;
}

void
reframe_llm_client_set_provider (ReframeLlmClient    *self,
                                 ReframeProviderKind  provider)
{
  g_return_if_fail (REFRAME_IS_LLM_CLIENT (self));
  g_return_if_fail (provider < REFRAME_N_PROVIDERS);

  self->provider = provider;
  self->provider_set = TRUE;
}

void
reframe_llm_client_set_connect_timeout (ReframeLlmClient *self,
                                        guint             seconds)
{
  g_return_if_fail (REFRAME_IS_LLM_CLIENT (self));
  g_return_if_fail (seconds > 0);

  self->connect_timeout = seconds;
}

void
reframe_llm_client_set_stall_timeout (ReframeLlmClient *self,
                                      guint             seconds)
{
  g_return_if_fail (REFRAME_IS_LLM_CLIENT (self));

  self->stall_timeout = seconds;
}

void
reframe_llm_client_set_retry_delay (ReframeLlmClient *self,
                                    guint             milliseconds)
{
  g_return_if_fail (REFRAME_IS_LLM_CLIENT (self));

  self->retry_delay_ms = milliseconds;
}

void
reframe_llm_client_set_max_tokens (ReframeLlmClient *self,
                                   guint             max_tokens)
{
  g_return_if_fail (REFRAME_IS_LLM_CLIENT (self));

  self->max_tokens = max_tokens;
}

ReframeLlmResult *
reframe_llm_client_chat_sync (ReframeLlmClient         *self,
                              const ReframeLlmMessage  *messages,
                              guint                     n_messages,
                              ReframeLlmDeltaFunc       on_delta,
                              gpointer                  delta_data,
                              GCancellable             *cancellable,
                              ReframeLlmResult        **partial,
                              GError                  **error)
{
  g_autoptr(Config) config = NULL;
  g_autoptr(ChatBodies) bodies = NULL;

  g_return_val_if_fail (REFRAME_IS_LLM_CLIENT (self), NULL);
  g_return_val_if_fail (messages != NULL || n_messages == 0, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  config = config_new (self);
  bodies = chat_bodies_new (config, messages, n_messages);

  return chat_run (config, bodies, on_delta, delta_data, cancellable, partial, error);
}

/* The async chat: chat_run() on a thread of its own (an answer may stream for minutes, too
 * long to hold a thread of GTask's pool), handing fragments to the caller's context. */

typedef struct
{
  ReframeLlmDeltaKind  kind;
  GString             *text;
} Fragment;

typedef struct
{
  /* Set before the worker starts, then only read. */
  Config              *config;
  ChatBodies          *bodies;
  GCancellable        *cancellable;
  GMainContext        *context;
  gint64               start_us;

  /* Shared with the worker. */
  GMutex               lock;
  GQueue               pending;          /* Fragment */
  gboolean             drain_scheduled;
  ReframeLlmResult    *worker_result;
  ReframeLlmResult    *worker_partial;
  GError              *worker_error;

  /* Used on the caller's context only. */
  GTask               *task;             /* NULL once the call is over */
  ReframeLlmDeltaFunc  on_delta;
  gpointer             delta_data;
  GDestroyNotify       delta_destroy;
  GSource             *cancel_source;
  GString             *shown_text;
  GString             *shown_reasoning;
  gint64               first_shown_us;
} ChatJob;

typedef struct
{
  ReframeLlmResult *partial;
} ChatOutcome;

static void
fragment_free (Fragment *fragment)
{
  g_string_free (fragment->text, TRUE);
  g_free (fragment);
}

static void
chat_outcome_free (ChatOutcome *outcome)
{
  reframe_llm_result_free (outcome->partial);
  g_free (outcome);
}

static void
chat_job_clear (ChatJob *job)
{
  g_assert (job->task == NULL);

  config_free (job->config);
  chat_bodies_free (job->bodies);
  g_clear_object (&job->cancellable);
  g_main_context_unref (job->context);
  g_mutex_clear (&job->lock);
  g_queue_clear_full (&job->pending, (GDestroyNotify) fragment_free);
  reframe_llm_result_free (job->worker_result);
  reframe_llm_result_free (job->worker_partial);
  g_clear_error (&job->worker_error);
  g_string_free (job->shown_text, TRUE);
  g_string_free (job->shown_reasoning, TRUE);
}

static ChatJob *
chat_job_ref (ChatJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
chat_job_unref (ChatJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) chat_job_clear);
}

static gboolean
chat_job_drain_cb (gpointer user_data)
{
  ChatJob *job = user_data;
  GQueue fragments = G_QUEUE_INIT;
  Fragment *fragment;

  g_mutex_lock (&job->lock);
  fragments = job->pending;
  g_queue_init (&job->pending);
  job->drain_scheduled = FALSE;
  g_mutex_unlock (&job->lock);

  while ((fragment = g_queue_pop_head (&fragments)) != NULL)
    {
      /* @on_delta may cancel; nothing is shown after that. */
      if (job->task != NULL && !g_cancellable_is_cancelled (job->cancellable))
        {
          if (job->first_shown_us == 0)
            job->first_shown_us = g_get_monotonic_time ();
          g_string_append_len (fragment->kind == REFRAME_LLM_DELTA_REASONING
                               ? job->shown_reasoning : job->shown_text,
                               fragment->text->str, fragment->text->len);
          if (job->on_delta != NULL)
            job->on_delta (fragment->kind, fragment->text->str, job->delta_data);
        }
      fragment_free (fragment);
    }

  return G_SOURCE_REMOVE;
}

/* Runs on the worker thread. */
static void
chat_job_queue_delta (ReframeLlmDeltaKind  kind,
                      const char          *text,
                      gpointer             user_data)
{
  ChatJob *job = user_data;
  Fragment *tail;
  gboolean schedule;

  g_mutex_lock (&job->lock);
  tail = g_queue_peek_tail (&job->pending);
  /* Fragments that pile up while the caller is busy go out together. */
  if (tail != NULL && tail->kind == kind)
    g_string_append (tail->text, text);
  else
    {
      Fragment *fragment = g_new0 (Fragment, 1);

      fragment->kind = kind;
      fragment->text = g_string_new (text);
      g_queue_push_tail (&job->pending, fragment);
    }
  schedule = !job->drain_scheduled;
  job->drain_scheduled = TRUE;
  g_mutex_unlock (&job->lock);

  if (schedule)
    g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, chat_job_drain_cb,
                                chat_job_ref (job), (GDestroyNotify) chat_job_unref);
}

static void
chat_job_complete (ChatJob          *job,
                   ReframeLlmResult *result,
                   ReframeLlmResult *partial,
                   GError           *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&job->task);
  ChatOutcome *outcome = g_new0 (ChatOutcome, 1);

  g_assert (task != NULL);

  if (job->cancel_source != NULL)
    {
      g_source_destroy (job->cancel_source);
      g_clear_pointer (&job->cancel_source, g_source_unref);
    }

  if (job->delta_destroy != NULL)
    g_clear_pointer (&job->delta_data, job->delta_destroy);

  outcome->partial = partial;
  g_task_set_task_data (task, outcome, (GDestroyNotify) chat_outcome_free);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) reframe_llm_result_free);
}

static gboolean
chat_job_cancelled_cb (GCancellable *cancellable,
                       gpointer      user_data)
{
  ChatJob *job = user_data;
  ReframeLlmResult *partial = NULL;
  GError *error = NULL;

  if (job->task == NULL)
    return G_SOURCE_REMOVE;

  /* Do not wait for the worker: what was shown is what the person keeps. */
  if (job->shown_text->len > 0 || job->shown_reasoning->len > 0)
    {
      partial = g_new0 (ReframeLlmResult, 1);
      partial->text = g_strndup (job->shown_text->str, job->shown_text->len);
      partial->reasoning = g_strndup (job->shown_reasoning->str, job->shown_reasoning->len);
      partial->prompt_tokens = -1;
      partial->completion_tokens = -1;
      partial->time_to_first_token_ms = (job->first_shown_us - job->start_us) / 1000;
      partial->total_time_ms = (g_get_monotonic_time () - job->start_us) / 1000;
      partial->incomplete = TRUE;
    }

  g_cancellable_set_error_if_cancelled (cancellable, &error);
  chat_job_complete (job, NULL, partial, error);
  return G_SOURCE_REMOVE;
}

static gboolean
chat_job_finished_cb (gpointer user_data)
{
  ChatJob *job = user_data;
  ReframeLlmResult *result;
  ReframeLlmResult *partial;
  GError *error;

  /* Every fragment goes out before the callback. */
  chat_job_drain_cb (job);

  if (job->task == NULL)
    return G_SOURCE_REMOVE;

  g_mutex_lock (&job->lock);
  result = g_steal_pointer (&job->worker_result);
  partial = g_steal_pointer (&job->worker_partial);
  error = g_steal_pointer (&job->worker_error);
  g_mutex_unlock (&job->lock);

  chat_job_complete (job, result, partial, error);
  return G_SOURCE_REMOVE;
}

static gpointer
chat_job_thread (gpointer user_data)
{
  ChatJob *job = user_data;
  ReframeLlmResult *partial = NULL;
  GError *error = NULL;
  ReframeLlmResult *result;

  result = chat_run (job->config, job->bodies, chat_job_queue_delta, job, job->cancellable,
                     &partial, &error);

  g_mutex_lock (&job->lock);
  job->worker_result = result;
  job->worker_partial = partial;
  job->worker_error = error;
  g_mutex_unlock (&job->lock);

  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, chat_job_finished_cb,
                              job, (GDestroyNotify) chat_job_unref);
  return NULL;
}

void
reframe_llm_client_chat_async (ReframeLlmClient        *self,
                               const ReframeLlmMessage *messages,
                               guint                    n_messages,
                               ReframeLlmDeltaFunc      on_delta,
                               gpointer                 delta_data,
                               GDestroyNotify           delta_destroy,
                               GCancellable            *cancellable,
                               GAsyncReadyCallback      callback,
                               gpointer                 user_data)
{
  ChatJob *job;

  g_return_if_fail (REFRAME_IS_LLM_CLIENT (self));
  g_return_if_fail (messages != NULL || n_messages == 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  job = g_atomic_rc_box_new0 (ChatJob);
  job->config = config_new (self);
  job->bodies = chat_bodies_new (job->config, messages, n_messages);
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->context = g_main_context_ref_thread_default ();
  job->start_us = g_get_monotonic_time ();
  g_mutex_init (&job->lock);
  g_queue_init (&job->pending);
  job->on_delta = on_delta;
  job->delta_data = delta_data;
  job->delta_destroy = delta_destroy;
  job->shown_text = g_string_new (NULL);
  job->shown_reasoning = g_string_new (NULL);

  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, reframe_llm_client_chat_async);
  /* A result that arrived is returned even if Stop comes a moment later. */
  g_task_set_check_cancellable (job->task, FALSE);

  if (cancellable != NULL)
    {
      job->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (job->cancel_source, G_SOURCE_FUNC (chat_job_cancelled_cb),
                             chat_job_ref (job), (GDestroyNotify) chat_job_unref);
      g_source_attach (job->cancel_source, job->context);
    }

  /* The thread's reference is the one from g_atomic_rc_box_new0(). */
  g_thread_unref (g_thread_new ("reframe-llm-chat", chat_job_thread, job));
}

ReframeLlmResult *
reframe_llm_client_chat_finish (ReframeLlmClient  *self,
                                GAsyncResult      *result,
                                ReframeLlmResult **partial,
                                GError           **error)
{
  ChatOutcome *outcome;
  ReframeLlmResult *ret;

  g_return_val_if_fail (REFRAME_IS_LLM_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == reframe_llm_client_chat_async,
                        NULL);

  outcome = g_task_get_task_data (G_TASK (result));
  ret = g_task_propagate_pointer (G_TASK (result), error);

  if (partial != NULL)
    *partial = ret == NULL && outcome != NULL && outcome->partial != NULL
               ? reframe_llm_result_copy (outcome->partial) : NULL;

  return ret;
}

/* Models and connection test: short requests, on GTask's pool. */

static void
list_models_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  char **models = list_models_run (task_data, cancellable, NULL, &error);

  if (models == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, models, (GDestroyNotify) g_strfreev);
}

static void
test_connection_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;
  char *sentence = test_connection_run (task_data, cancellable, &error);

  if (sentence == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sentence, g_free);
}

static void
run_short_task (ReframeLlmClient    *self,
                gpointer             source_tag,
                GTaskThreadFunc      thread_func,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, config_new (self), (GDestroyNotify) config_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, thread_func);
}

char **
reframe_llm_client_list_models_sync (ReframeLlmClient  *self,
                                     GCancellable      *cancellable,
                                     GError           **error)
{
  g_autoptr(Config) config = NULL;

  g_return_val_if_fail (REFRAME_IS_LLM_CLIENT (self), NULL);

  config = config_new (self);
  return list_models_run (config, cancellable, NULL, error);
}

void
reframe_llm_client_list_models_async (ReframeLlmClient    *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (REFRAME_IS_LLM_CLIENT (self));

  run_short_task (self, reframe_llm_client_list_models_async, list_models_thread,
                  cancellable, callback, user_data);
}

char **
reframe_llm_client_list_models_finish (ReframeLlmClient  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (REFRAME_IS_LLM_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
reframe_llm_client_test_connection_sync (ReframeLlmClient  *self,
                                         GCancellable      *cancellable,
                                         GError           **error)
{
  g_autoptr(Config) config = NULL;

  g_return_val_if_fail (REFRAME_IS_LLM_CLIENT (self), NULL);

  config = config_new (self);
  return test_connection_run (config, cancellable, error);
}

void
reframe_llm_client_test_connection_async (ReframeLlmClient    *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (REFRAME_IS_LLM_CLIENT (self));

  run_short_task (self, reframe_llm_client_test_connection_async, test_connection_thread,
                  cancellable, callback, user_data);
}

char *
reframe_llm_client_test_connection_finish (ReframeLlmClient  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  g_return_val_if_fail (REFRAME_IS_LLM_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
