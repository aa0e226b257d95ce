/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "reframe-coach-error.h"
#include "reframe-provider.h"

G_BEGIN_DECLS

/* One chat message; both strings are copied when a call starts. */
typedef struct
{
  const char *role;     /* "system", "user" or "assistant" */
  const char *content;
} ReframeLlmMessage;

typedef enum
{
  REFRAME_LLM_DELTA_TEXT,       /* part of the answer */
  REFRAME_LLM_DELTA_REASONING,  /* part of a reasoning model's thinking; never in the answer */
} ReframeLlmDeltaKind;

/* Called with each streamed fragment (valid UTF-8, never empty), in order. */
typedef void (*ReframeLlmDeltaFunc) (ReframeLlmDeltaKind  kind,
                                     const char          *fragment,
                                     gpointer             user_data);

/* What a chat call brought back. */
typedef struct
{
  char     *text;                    /* the answer, "" when none */
  char     *reasoning;               /* the reasoning fragments, "" when none */
  char     *finish_reason;           /* "stop", "length", ... or NULL when none came */
  char     *model;                   /* the model the server says answered, or NULL */
  gint64    prompt_tokens;           /* from the usage chunk, or -1 */
  gint64    completion_tokens;       /* from the usage chunk, or -1 */
  gint64    time_to_first_token_ms;  /* from the call to the first fragment of either kind
                                      * (retries included), or -1 when none came */
  gint64    total_time_ms;           /* from the call to the end */
  guint     attempts;                /* HTTP requests made for it, retries included */
  gboolean  incomplete;              /* the stream ended without "data: [DONE]" and without a
                                      * finish_reason: the text may be cut off */
  gboolean  cut_short;               /* finish_reason "length": the model hit its limit */
} ReframeLlmResult;

#define REFRAME_TYPE_LLM_RESULT (reframe_llm_result_get_type ())
GType             reframe_llm_result_get_type (void) G_GNUC_CONST;
ReframeLlmResult *reframe_llm_result_copy     (const ReframeLlmResult *result);
void              reframe_llm_result_free     (ReframeLlmResult       *result);
/* A sentence for a result that is not whole (cut short, incomplete), or NULL. */
const char       *reframe_llm_result_describe (const ReframeLlmResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeLlmResult, reframe_llm_result_free)

/* A client for an OpenAI-compatible server (Chat Completions with "stream": true), over
 * libcurl on a worker thread. Only http and https, certificates always verified, the proxy
 * from GProxyResolver (never one for a loopback host), and the API key sent only as
 * "Authorization: Bearer" and never logged. Redirects are not followed, so the text is sent
 * only to the host the person named. Creating a client sends nothing. */
#define REFRAME_TYPE_LLM_CLIENT (reframe_llm_client_get_type ())
G_DECLARE_FINAL_TYPE (ReframeLlmClient, reframe_llm_client, REFRAME, LLM_CLIENT, GObject)

/* @base_url is normalised with reframe_provider_normalize_base_url(); when it is refused,
 * every call fails with that error. @api_key may be NULL or empty. */
ReframeLlmClient   *reframe_llm_client_new                 (const char          *base_url,
                                                            const char          *api_key,
                                                            const char          *model);
/* The normalised base URL, or NULL when it was refused. */
const char         *reframe_llm_client_get_base_url        (ReframeLlmClient    *self);
const char         *reframe_llm_client_get_model           (ReframeLlmClient    *self);
/* Guessed from the address unless set; it only changes how errors are worded. */
ReframeProviderKind reframe_llm_client_get_provider        (ReframeLlmClient    *self);
void                reframe_llm_client_set_provider        (ReframeLlmClient    *self,
                                                            ReframeProviderKind  provider);
/* Seconds to connect, TLS included; default 15. */
void                reframe_llm_client_set_connect_timeout (ReframeLlmClient    *self,
                                                            guint                seconds);
/* A transfer slower than 1 byte/s for this long is given up. 0 (the default) means 60 s,
 * or 180 s for a loopback host, where a model on the CPU may take minutes over a long
 * prompt before its first token. There is no limit on the total time. */
void                reframe_llm_client_set_stall_timeout   (ReframeLlmClient    *self,
                                                            guint                seconds);
/* The first retry waits this long unless the server says how long; each later one twice as
 * long. Default 1000 ms. */
void                reframe_llm_client_set_retry_delay     (ReframeLlmClient    *self,
                                                            guint                milliseconds);
/* Sent as "max_tokens" when not 0 (the default). */
void                reframe_llm_client_set_max_tokens      (ReframeLlmClient    *self,
                                                            guint                max_tokens);

/* Streams one answer. 429 (unless the account has no credit) and 5xx replies are retried at
 * most twice, honouring Retry-After and retry-after-ms up to 60 s, else with backoff; the
 * wait ends at once on cancellation. On error returns NULL and, when @partial is not NULL,
 * sets it to what had arrived (text kept), or NULL when nothing had. @on_delta is called on
 * the calling thread. */
ReframeLlmResult   *reframe_llm_client_chat_sync           (ReframeLlmClient    *self,
                                                            const ReframeLlmMessage *messages,
                                                            guint                n_messages,
                                                            ReframeLlmDeltaFunc  on_delta,
                                                            gpointer             delta_data,
                                                            GCancellable        *cancellable,
                                                            ReframeLlmResult   **partial,
                                                            GError             **error);
/* The same on a worker thread. @on_delta runs on the thread-default main context of the
 * caller, before @callback, and never after cancellation; @delta_destroy is called there once
 * the call is over. A cancelled call finishes with G_IO_ERROR_CANCELLED at once, also before
 * the first byte and while connecting. */
void                reframe_llm_client_chat_async          (ReframeLlmClient    *self,
                                                            const ReframeLlmMessage *messages,
                                                            guint                n_messages,
                                                            ReframeLlmDeltaFunc  on_delta,
                                                            gpointer             delta_data,
                                                            GDestroyNotify       delta_destroy,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
/* @partial as for reframe_llm_client_chat_sync(); after a cancellation it holds what
 * @on_delta was given. */
ReframeLlmResult   *reframe_llm_client_chat_finish         (ReframeLlmClient    *self,
                                                            GAsyncResult        *result,
                                                            ReframeLlmResult   **partial,
                                                            GError             **error);

/* Model names, sorted: GET /v1/models, or Ollama's /api/tags when that is missing. */
char              **reframe_llm_client_list_models_sync    (ReframeLlmClient    *self,
                                                            GCancellable        *cancellable,
                                                            GError             **error);
void                reframe_llm_client_list_models_async   (ReframeLlmClient    *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
char              **reframe_llm_client_list_models_finish  (ReframeLlmClient    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* Checks that the server answers and offers the model, sending no chat text. Returns one
 * sentence saying what was found; a failure is an error whose message is one sentence. */
char               *reframe_llm_client_test_connection_sync   (ReframeLlmClient    *self,
                                                               GCancellable        *cancellable,
                                                               GError             **error);
void                reframe_llm_client_test_connection_async  (ReframeLlmClient    *self,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
char               *reframe_llm_client_test_connection_finish (ReframeLlmClient    *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

G_END_DECLS
