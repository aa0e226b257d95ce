/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <curl/curl.h>
#include <json-glib/json-glib.h>

#include "reframe-llm-client-private.h"
#include "reframe-llm-client.h"
#include "reframe-provider.h"

/* The mock server (tests/mock-llm-server.py), started once for all tests. */
static GSubprocess *mock;
static guint mock_port;
static guint blackhole_port;
static char *mock_url;

static const char *expected_text = "Hello, world! Ça va 🙂?";

static const ReframeLlmMessage messages[] = {
  { "system", "You are a kind coach." },
  { "user", "Ça va? 🙂 \"quoted\"\nSecond line." },
};

static void
start_mock (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "mock-llm-server.py", NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *port_line = NULL;
  g_autofree char *blackhole_line = NULL;

  g_assert_nonnull (python);
  /* stdin stays open while the test runs; the mock exits when it closes. */
  mock = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                           &error, python, script, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (mock));
  port_line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  blackhole_line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (port_line);
  g_assert_true (g_str_has_prefix (blackhole_line, "blackhole "));

  mock_port = (guint) g_ascii_strtoull (port_line, NULL, 10);
  blackhole_port = (guint) g_ascii_strtoull (blackhole_line + strlen ("blackhole "), NULL, 10);
  g_assert_cmpuint (mock_port, >, 0);
  g_assert_cmpuint (blackhole_port, >, 0);
  mock_url = g_strdup_printf ("http://127.0.0.1:%u", mock_port);
}

static void
stop_mock (void)
{
  g_subprocess_force_exit (mock);
  g_subprocess_wait (mock, NULL, NULL);
  g_clear_object (&mock);
  g_clear_pointer (&mock_url, g_free);
}

static size_t
collect_cb (char   *data,
            size_t  size,
            size_t  n_items,
            void   *user_data)
{
  g_string_append_len (user_data, data, size * n_items);
  return size * n_items;
}

/* Every request the mock received, from GET /_requests. */
static JsonArray *
fetch_requests (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *url = g_strdup_printf ("%s/_requests", mock_url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  CURL *curl = curl_easy_init ();
  CURLcode code;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_PROXY, "");
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, collect_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, body);
  code = curl_easy_perform (curl);
  curl_easy_cleanup (curl);
  g_assert_cmpint (code, ==, CURLE_OK);

  json_parser_load_from_data (parser, body->str, body->len, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

/* The chat requests for @model, oldest first. */
static GPtrArray *
requests_for (const char *model)
{
  g_autoptr(JsonArray) all = fetch_requests ();
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *request = json_array_get_object_element (all, i);
      JsonNode *body = json_object_get_member (request, "body");

      if (JSON_NODE_HOLDS_OBJECT (body)
          && g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (body),
                                                                    "model", NULL),
                        model) == 0)
        g_ptr_array_add (found, json_object_ref (request));
    }

  return found;
}

static guint
count_all_requests (void)
{
  g_autoptr(JsonArray) all = fetch_requests ();

  return json_array_get_length (all);
}

/* A model name for @mode that no other test uses, so that attempts can be counted. */
static char *
unique_model (const char *mode)
{
  static guint counter;

  return g_strdup_printf ("%s/%u", mode, ++counter);
}

static ReframeLlmClient *
new_client (const char *path,
            const char *api_key,
            const char *model)
{
  g_autofree char *url = g_strconcat (mock_url, path, NULL);
  ReframeLlmClient *client = reframe_llm_client_new (url, api_key, model);

  reframe_llm_client_set_retry_delay (client, 50);
  return client;
}

/* One async chat call, run on the default main context. */
typedef struct
{
  GMainLoop        *loop;
  GCancellable     *cancellable;
  ReframeLlmResult *result;
  ReframeLlmResult *partial;
  GError           *error;
  GString          *text;
  GString          *reasoning;
  guint             n_deltas;
  guint             n_destroyed;
  gboolean          finished;
  gboolean          delta_after_finish;
  gint64            cancelled_at;
  gint64            finished_at;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->result, reframe_llm_result_free);
  g_clear_pointer (&run->partial, reframe_llm_result_free);
  g_clear_error (&run->error);
  if (run->text != NULL)
    g_string_free (g_steal_pointer (&run->text), TRUE);
  if (run->reasoning != NULL)
    g_string_free (g_steal_pointer (&run->reasoning), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
delta_cb (ReframeLlmDeltaKind  kind,
          const char          *fragment,
          gpointer             user_data)
{
  Run *run = user_data;

  /* Fragments come on the caller's context, i.e. this thread. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_nonnull (fragment);
  g_assert_cmpstr (fragment, !=, "");
  g_assert_true (g_utf8_validate (fragment, -1, NULL));

  if (run->finished)
    run->delta_after_finish = TRUE;
  run->n_deltas++;
  g_string_append (kind == REFRAME_LLM_DELTA_REASONING ? run->reasoning : run->text, fragment);
}

static void
delta_destroy_cb (gpointer user_data)
{
  Run *run = user_data;

  run->n_destroyed++;
}

static void
chat_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;

  run->result = reframe_llm_client_chat_finish (REFRAME_LLM_CLIENT (source), result,
                                                &run->partial, &run->error);
  run->finished = TRUE;
  run->finished_at = g_get_monotonic_time ();
  g_main_loop_quit (run->loop);
}

static gboolean
cancel_cb (gpointer user_data)
{
  Run *run = user_data;

  run->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
spin (guint milliseconds)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (milliseconds, quit_cb, loop);
  g_main_loop_run (loop);
}

static void
run_chat (Run              *run,
          ReframeLlmClient *client,
          guint             cancel_after_ms)
{
  memset (run, 0, sizeof *run);
  run->loop = g_main_loop_new (NULL, FALSE);
  run->cancellable = g_cancellable_new ();
  run->text = g_string_new (NULL);
  run->reasoning = g_string_new (NULL);

  reframe_llm_client_chat_async (client, messages, G_N_ELEMENTS (messages),
                                 delta_cb, run, delta_destroy_cb,
                                 run->cancellable, chat_done_cb, run);
  if (cancel_after_ms > 0)
    g_timeout_add (cancel_after_ms, cancel_cb, run);
  g_main_loop_run (run->loop);

  g_assert_true (run->finished);
  g_assert_cmpuint (run->n_destroyed, ==, 1);
  g_assert_true ((run->result == NULL) == (run->error != NULL));
}

/* Runs @mode and checks the parts every successful answer shares. */
static void
run_ok (Run        *run,
        const char *path,
        const char *mode,
        char      **model_out)
{
  g_autofree char *model = unique_model (mode);
  g_autoptr(ReframeLlmClient) client = new_client (path, NULL, model);

  run_chat (run, client, 0);
  g_assert_no_error (run->error);
  g_assert_nonnull (run->result);
  g_assert_null (run->partial);
  /* What was streamed is what was returned. */
  g_assert_cmpstr (run->text->str, ==, run->result->text);
  g_assert_cmpstr (run->reasoning->str, ==, run->result->reasoning);
  g_assert_false (run->delta_after_finish);
  g_assert_cmpint (run->result->total_time_ms, >=, 0);
  if (run->result->time_to_first_token_ms >= 0)
    g_assert_cmpint (run->result->time_to_first_token_ms, <=, run->result->total_time_ms);

  if (model_out != NULL)
    *model_out = g_steal_pointer (&model);
}

static void
assert_normal_answer (const ReframeLlmResult *result)
{
  g_assert_cmpstr (result->text, ==, expected_text);
  g_assert_cmpstr (result->reasoning, ==, "");
  g_assert_cmpstr (result->finish_reason, ==, "stop");
  g_assert_cmpint (result->prompt_tokens, ==, 12);
  g_assert_cmpint (result->completion_tokens, ==, 7);
  g_assert_false (result->incomplete);
  g_assert_false (result->cut_short);
  g_assert_null (reframe_llm_result_describe (result));
}

static void
test_normal (void)
{
  g_auto(Run) run = { NULL };
  g_autofree char *model = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  JsonObject *request;
  JsonObject *headers;
  JsonObject *body;
  JsonArray *sent;

  run_ok (&run, "", "normal", &model);
  assert_normal_answer (run.result);
  g_assert_cmpuint (run.result->attempts, ==, 1);
  g_assert_cmpstr (run.result->model, ==, model);
  g_assert_cmpint (run.result->time_to_first_token_ms, >=, 0);

  /* What went over the wire. */
  requests = requests_for (model);
  g_assert_cmpuint (requests->len, ==, 1);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (json_object_get_string_member (request, "method"), ==, "POST");
  g_assert_cmpstr (json_object_get_string_member (request, "path"), ==, "/v1/chat/completions");
  headers = json_object_get_object_member (request, "headers");
  g_assert_cmpstr (json_object_get_string_member (headers, "user-agent"), ==,
                   "Reframe/" PACKAGE_VERSION);
  g_assert_cmpstr (json_object_get_string_member (headers, "content-type"), ==,
                   "application/json");
  g_assert_false (json_object_has_member (headers, "authorization"));
  g_assert_false (json_object_has_member (headers, "expect"));

  body = json_object_get_object_member (request, "body");
  g_assert_true (json_object_get_boolean_member (body, "stream"));
  g_assert_true (json_object_get_boolean_member (
    json_object_get_object_member (body, "stream_options"), "include_usage"));
  g_assert_false (json_object_has_member (body, "max_tokens"));
  sent = json_object_get_array_member (body, "messages");
  g_assert_cmpuint (json_array_get_length (sent), ==, G_N_ELEMENTS (messages));
  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (sent, i);

      g_assert_cmpstr (json_object_get_string_member (message, "role"), ==, messages[i].role);
      g_assert_cmpstr (json_object_get_string_member (message, "content"), ==,
                       messages[i].content);
    }
}

static void
test_stream_forms (void)
{
  const char *modes[] = { "bytewise", "crlf", "cr", "comments" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_auto(Run) run = { NULL };

      g_test_message ("Mode %s", modes[i]);
      run_ok (&run, "", modes[i], NULL);
      assert_normal_answer (run.result);
    }
}

static void
test_api_key (void)
{
  g_autofree char *model = unique_model ("normal");
  g_autoptr(ReframeLlmClient) with_key = new_client ("/auth", " sekrit\n", model);
  g_autoptr(ReframeLlmClient) without_key = new_client ("/auth", "", model);
  g_autoptr(ReframeLlmClient) wrong_key = new_client ("/auth", "wrong", model);
  g_autoptr(GPtrArray) requests = NULL;
  JsonObject *headers;

  {
    g_auto(Run) run = { NULL };

    run_chat (&run, with_key, 0);
    g_assert_no_error (run.error);
    g_assert_cmpstr (run.result->text, ==, expected_text);
  }
  {
    g_auto(Run) run = { NULL };

    run_chat (&run, without_key, 0);
    g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_UNAUTHORIZED);
    g_assert_true (strstr (run.error->message, "needs an API key") != NULL);
  }
  {
    g_auto(Run) run = { NULL };

    run_chat (&run, wrong_key, 0);
    g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_UNAUTHORIZED);
    g_assert_true (strstr (run.error->message, "did not accept the API key") != NULL);
    /* The key is never part of a message. */
    g_assert_null (strstr (run.error->message, "wrong"));
  }

  requests = requests_for (model);
  g_assert_cmpuint (requests->len, ==, 3);
  headers = json_object_get_object_member (g_ptr_array_index (requests, 0), "headers");
  g_assert_cmpstr (json_object_get_string_member (headers, "authorization"), ==,
                   "Bearer sekrit");
  headers = json_object_get_object_member (g_ptr_array_index (requests, 1), "headers");
  g_assert_false (json_object_has_member (headers, "authorization"));
}

static void
test_status_errors (void)
{
  struct {
    const char *mode;
    const char *key;
    ReframeCoachError code;
    const char *words;
  } cases[] = {
    { "status:401", NULL, REFRAME_COACH_ERROR_UNAUTHORIZED, "needs an API key" },
    { "status:401", "k", REFRAME_COACH_ERROR_UNAUTHORIZED, "did not accept the API key" },
    { "status:403", "k", REFRAME_COACH_ERROR_UNAUTHORIZED, "refused access" },
    { "status:402", "k", REFRAME_COACH_ERROR_NO_CREDIT, "no credit left" },
    { "status:418", NULL, REFRAME_COACH_ERROR_PROVIDER, "refused the request: Mock status 418." },
    { "context", NULL, REFRAME_COACH_ERROR_CONTEXT_TOO_LONG, "too long for this model" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *model = unique_model (cases[i].mode);
      g_autoptr(ReframeLlmClient) client = new_client ("", cases[i].key, model);
      g_autoptr(GPtrArray) requests = NULL;
      g_auto(Run) run = { NULL };

      g_test_message ("Mode %s", cases[i].mode);
      run_chat (&run, client, 0);
      g_assert_error (run.error, REFRAME_COACH_ERROR, (gint) cases[i].code);
      g_assert_true (strstr (run.error->message, cases[i].words) != NULL);
      g_assert_null (run.partial);

      /* None of these is retried. */
      requests = requests_for (model);
      g_assert_cmpuint (requests->len, ==, 1);
    }
}

static void
test_model_not_found (void)
{
  g_autofree char *model = unique_model ("no-such-model");
  g_autoptr(ReframeLlmClient) client = new_client ("", NULL, model);
  g_autofree char *expected = g_strdup_printf ("The model “%s” was not found on 127.0.0.1:%u. "
                                               "Available models: big, normal, reasoning, "
                                               "slow.", model, mock_port);
  g_auto(Run) run = { NULL };

  run_chat (&run, client, 0);
  g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_MODEL_NOT_FOUND);
  g_assert_cmpstr (run.error->message, ==, expected);
}

static void
test_slow_first_token (void)
{
  g_auto(Run) run = { NULL };

  run_ok (&run, "", "slow:1", NULL);
  assert_normal_answer (run.result);
  g_assert_cmpint (run.result->time_to_first_token_ms, >=, 1000);
  g_assert_cmpint (run.result->total_time_ms, >=, run.result->time_to_first_token_ms);
}

static void
assert_cancelled_promptly (Run *run)
{
  g_assert_error (run->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run->result);
  g_assert_cmpint (run->cancelled_at, >, 0);
  g_assert_cmpint (run->finished_at - run->cancelled_at, <, 500 * 1000);
}

static void
test_cancel_before_first_token (void)
{
  g_autofree char *model = unique_model ("slow:3");
  g_autoptr(ReframeLlmClient) client = new_client ("", NULL, model);
  g_auto(Run) run = { NULL };

  run_chat (&run, client, 200);
  assert_cancelled_promptly (&run);
  g_assert_null (run.partial);
  g_assert_cmpuint (run.n_deltas, ==, 0);
}

static void
test_cancel_never_ending (void)
{
  g_autofree char *model = unique_model ("forever");
  g_autoptr(ReframeLlmClient) client = new_client ("", NULL, model);
  g_auto(Run) run = { NULL };

  run_chat (&run, client, 200);
  assert_cancelled_promptly (&run);
  g_assert_cmpuint (run.n_deltas, >, 0);
  /* The partial answer is what was shown. */
  g_assert_nonnull (run.partial);
  g_assert_true (g_str_has_prefix (run.partial->text, "tick "));
  g_assert_cmpstr (run.partial->text, ==, run.text->str);
  g_assert_true (run.partial->incomplete);

  /* Nothing comes after the end. */
  spin (300);
  g_assert_false (run.delta_after_finish);
}

static void
test_cancel_while_connecting (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", blackhole_port);
  g_autoptr(ReframeLlmClient) client = reframe_llm_client_new (url, NULL, "normal");
  g_auto(Run) run = { NULL };

  run_chat (&run, client, 200);
  assert_cancelled_promptly (&run);
}

/* The worker itself stops at once too, not only the async call: a sync call on a thread. */
typedef struct
{
  ReframeLlmClient *client;
  GCancellable     *cancellable;
  GError           *error;
  gint64            returned_at;
} SyncCall;

static gpointer
sync_chat_thread (gpointer user_data)
{
  SyncCall *call = user_data;
  ReframeLlmResult *result;

  result = reframe_llm_client_chat_sync (call->client, messages, G_N_ELEMENTS (messages),
                                         NULL, NULL, call->cancellable, NULL, &call->error);
  g_assert_null (result);
  call->returned_at = g_get_monotonic_time ();
  return NULL;
}

static void
assert_sync_cancel_prompt (const char *path,
                           const char *mode)
{
  g_autofree char *model = unique_model (mode);
  g_autoptr(ReframeLlmClient) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SyncCall call = { NULL, cancellable, NULL, 0 };
  GThread *thread;
  gint64 cancelled_at;

  client = path ? new_client (path, NULL, model) : NULL;
  if (client == NULL)
    {
      g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", blackhole_port);

      client = reframe_llm_client_new (url, NULL, model);
    }
  call.client = client;

  thread = g_thread_new ("sync-chat", sync_chat_thread, &call);
  g_usleep (200 * 1000);
  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);

  g_assert_error (call.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (call.returned_at - cancelled_at, <, 500 * 1000);
  g_clear_error (&call.error);
}

static void
test_cancel_sync (void)
{
  g_test_message ("Before the first byte");
  assert_sync_cancel_prompt ("", "slow:3");
  g_test_message ("While streaming");
  assert_sync_cancel_prompt ("", "forever");
  g_test_message ("While connecting");
  assert_sync_cancel_prompt (NULL, "normal");
  g_test_message ("While waiting to retry");
  assert_sync_cancel_prompt ("", "ratelimit:30");
}

static void
test_connect_timeout (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", blackhole_port);
  g_autoptr(ReframeLlmClient) client = reframe_llm_client_new (url, NULL, "normal");
  g_autofree char *expected = g_strdup_printf ("Could not connect to 127.0.0.1:%u within 1 "
                                               "second.", blackhole_port);
  g_auto(Run) run = { NULL };

  reframe_llm_client_set_connect_timeout (client, 1);
  run_chat (&run, client, 0);
  g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_TIMED_OUT);
  g_assert_cmpstr (run.error->message, ==, expected);
}

static guint
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint port;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_listener_close (listener);

  return port;
}

static void
test_connection_refused (void)
{
  guint port = closed_port ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/v1", port);
  g_autofree char *server = g_strdup_printf ("Could not connect to 127.0.0.1:%u. Is the server "
                                             "running?", port);
  g_autofree char *ollama = g_strdup_printf ("Could not connect to 127.0.0.1:%u. Is Ollama "
                                             "running?", port);
  g_autoptr(ReframeLlmClient) client = reframe_llm_client_new (url, NULL, "normal");
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;

  {
    g_auto(Run) run = { NULL };

    run_chat (&run, client, 0);
    g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_CONNECTION_REFUSED);
    g_assert_cmpstr (run.error->message, ==, server);
  }

  reframe_llm_client_set_provider (client, REFRAME_PROVIDER_OLLAMA);
  {
    g_auto(Run) run = { NULL };

    run_chat (&run, client, 0);
    g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_CONNECTION_REFUSED);
    g_assert_cmpstr (run.error->message, ==, ollama);
  }

  sentence = reframe_llm_client_test_connection_sync (client, NULL, &error);
  g_assert_null (sentence);
  g_assert_error (error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_CONNECTION_REFUSED);
  g_assert_cmpstr (error->message, ==, ollama);
}

static void
test_tls_failure (void)
{
  /* https to a plain-http port: the TLS handshake fails. */
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u", mock_port);
  g_autoptr(ReframeLlmClient) client = reframe_llm_client_new (url, NULL, "normal");
  g_auto(Run) run = { NULL };

  run_chat (&run, client, 0);
  g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_TLS);
  g_assert_true (g_str_has_prefix (run.error->message, "Could not make a secure connection"));
}

static void
test_rate_limit (void)
{
  struct {
    const char *mode;
    guint attempts;
    gint64 min_ms;
    gint64 max_ms;
  } cases[] = {
    { "ratelimit:1", 2, 950, 5000 },
    /* An HTTP date 2 s ahead, to the second: at least 1 s. */
    { "ratelimit-date", 2, 950, 5000 },
    /* retry-after-ms (200) wins over Retry-After (30 s). */
    { "ratelimit-ms", 3, 390, 5000 },
    /* No Retry-After: backoff from 50 ms, twice. */
    { "flaky", 2, 40, 5000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *model = NULL;
      g_autoptr(GPtrArray) requests = NULL;
      g_auto(Run) run = { NULL };

      g_test_message ("Mode %s", cases[i].mode);
      run_ok (&run, "", cases[i].mode, &model);
      assert_normal_answer (run.result);
      g_assert_cmpuint (run.result->attempts, ==, cases[i].attempts);
      g_assert_cmpint (run.result->total_time_ms, >=, cases[i].min_ms);
      g_assert_cmpint (run.result->total_time_ms, <, cases[i].max_ms);
      g_assert_cmpint (run.result->time_to_first_token_ms, >=, cases[i].min_ms);

      requests = requests_for (model);
      g_assert_cmpuint (requests->len, ==, cases[i].attempts);
    }
}

static void
test_retry_gives_up (void)
{
  struct {
    const char *mode;
    guint requests;
    ReframeCoachError code;
    const char *words;
  } cases[] = {
    { "ratelimit-always", 3, REFRAME_COACH_ERROR_RATE_LIMITED, "is limiting requests" },
    /* An hour is more than Reframe waits: said at once, not retried. */
    { "ratelimit-long", 1, REFRAME_COACH_ERROR_RATE_LIMITED, "Try again in 60 minutes." },
    { "quota", 1, REFRAME_COACH_ERROR_NO_CREDIT, "Your account has no credit left" },
    { "unavailable", 3, REFRAME_COACH_ERROR_SERVER, "(error 503)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *model = unique_model (cases[i].mode);
      g_autoptr(ReframeLlmClient) client = new_client ("", NULL, model);
      g_autoptr(GPtrArray) requests = NULL;
      g_auto(Run) run = { NULL };

      g_test_message ("Mode %s", cases[i].mode);
      run_chat (&run, client, 0);
      g_assert_error (run.error, REFRAME_COACH_ERROR, (gint) cases[i].code);
      g_assert_true (strstr (run.error->message, cases[i].words) != NULL);

      requests = requests_for (model);
      g_assert_cmpuint (requests->len, ==, cases[i].requests);
    }
}

static void
test_error_event (void)
{
  g_autofree char *model = unique_model ("error-event");
  g_autoptr(ReframeLlmClient) client = new_client ("", NULL, model);
  g_autofree char *expected = g_strdup_printf ("127.0.0.1:%u stopped with an error: The model "
                                               "crashed.", mock_port);
  g_auto(Run) run = { NULL };

  run_chat (&run, client, 0);
  g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_PROVIDER);
  g_assert_cmpstr (run.error->message, ==, expected);
  g_assert_nonnull (run.partial);
  g_assert_cmpstr (run.partial->text, ==, "Partial answer");
  g_assert_cmpstr (run.text->str, ==, "Partial answer");
}

static void
test_invalid_json (void)
{
  g_autofree char *model = unique_model ("invalid-json");
  g_autoptr(ReframeLlmClient) client = new_client ("", NULL, model);
  g_auto(Run) run = { NULL };

  run_chat (&run, client, 0);
  g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_INVALID_RESPONSE);
  g_assert_true (strstr (run.error->message, "could not be read") != NULL);
  g_assert_nonnull (run.partial);
  g_assert_cmpstr (run.partial->text, ==, "Good so far");
  g_assert_true (run.partial->incomplete);
  g_assert_cmpstr (run.text->str, ==, "Good so far");
}

static void
test_cut (void)
{
  struct {
    const char *mode;
    const char *text;
  } cases[] = {
    { "cut", "Cut off" },
    { "cut-clean", "Ended early" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { NULL };

      g_test_message ("Mode %s", cases[i].mode);
      run_ok (&run, "", cases[i].mode, NULL);
      g_assert_cmpstr (run.result->text, ==, cases[i].text);
      g_assert_true (run.result->incomplete);
      g_assert_false (run.result->cut_short);
      g_assert_null (run.result->finish_reason);
      g_assert_cmpstr (reframe_llm_result_describe (run.result), ==,
                       "The connection ended before the answer was complete.");
    }
}

static void
test_reasoning (void)
{
  g_auto(Run) run = { NULL };

  run_ok (&run, "", "reasoning", NULL);
  g_assert_cmpstr (run.result->reasoning, ==, "Let me think. Still thinking. Done.");
  g_assert_cmpstr (run.result->text, ==, "The answer.");
  g_assert_false (run.result->incomplete);
}

static void
test_length (void)
{
  g_auto(Run) run = { NULL };

  run_ok (&run, "", "length", NULL);
  g_assert_cmpstr (run.result->text, ==, "This answer is cut");
  g_assert_cmpstr (run.result->finish_reason, ==, "length");
  g_assert_true (run.result->cut_short);
  g_assert_false (run.result->incomplete);
  g_assert_cmpint (run.result->prompt_tokens, ==, 5);
  g_assert_cmpint (run.result->completion_tokens, ==, 4);
  g_assert_cmpstr (reframe_llm_result_describe (run.result), ==,
                   "The answer was cut short because it reached the model’s length limit.");
}

static void
test_big (void)
{
  g_auto(Run) run = { NULL };
  gsize size = 5 * 1024 * 1024;

  run_ok (&run, "", "big", NULL);
  g_assert_cmpuint (strlen (run.result->text), ==, size);
  g_assert_true (g_utf8_validate (run.result->text, -1, NULL));
  g_assert_true (g_str_has_prefix (run.result->text, "é🙂xxx"));
  g_assert_false (run.result->incomplete);
  /* Fragments that pile up go out together rather than one idle per token. */
  g_assert_cmpuint (run.n_deltas, <=, 5120);
  g_assert_cmpint (run.result->total_time_ms, <, 30 * 1000);
  g_test_message ("5 MiB in %" G_GINT64_FORMAT " ms, %u deliveries",
                  run.result->total_time_ms, run.n_deltas);
}

static void
test_whole_json (void)
{
  g_auto(Run) run = { NULL };

  run_ok (&run, "", "json", NULL);
  g_assert_cmpstr (run.result->text, ==, "Whole answer.");
  g_assert_cmpstr (run.result->reasoning, ==, "Whole thought.");
  g_assert_cmpint (run.result->prompt_tokens, ==, 3);
  g_assert_false (run.result->incomplete);
}

static void
test_redirect (void)
{
  g_autofree char *model = unique_model ("redirect");
  g_autoptr(ReframeLlmClient) client = new_client ("", NULL, model);
  g_autoptr(GPtrArray) requests = NULL;
  g_auto(Run) run = { NULL };

  run_chat (&run, client, 0);
  g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_REDIRECTED);
  g_assert_true (strstr (run.error->message, "/elsewhere/") != NULL);

  /* Not followed: the text went to the named address only. */
  requests = requests_for (model);
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (requests, 0), "path"), ==,
                   "/v1/chat/completions");
}

static void
test_html (void)
{
  g_autofree char *model = unique_model ("html");
  g_autoptr(ReframeLlmClient) client = new_client ("", NULL, model);
  g_auto(Run) run = { NULL };

  run_chat (&run, client, 0);
  g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_INVALID_URL);
  g_assert_true (strstr (run.error->message, "answered with a web page") != NULL);
  g_assert_cmpuint (run.n_deltas, ==, 0);
}

static void
test_no_stream_options (void)
{
  g_auto(Run) run = { NULL };
  g_autofree char *model = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  JsonObject *body;

  run_ok (&run, "", "no-stream-options", &model);
  g_assert_cmpstr (run.result->text, ==, expected_text);

  requests = requests_for (model);
  g_assert_cmpuint (requests->len, ==, 2);
  body = json_object_get_object_member (g_ptr_array_index (requests, 1), "body");
  g_assert_false (json_object_has_member (body, "stream_options"));
}

static void
test_stall (void)
{
  g_autofree char *model = unique_model ("stall:20");
  g_autoptr(ReframeLlmClient) client = new_client ("", NULL, model);
  g_auto(Run) run = { NULL };
  gint64 start = g_get_monotonic_time ();

  reframe_llm_client_set_stall_timeout (client, 1);
  run_chat (&run, client, 0);
  g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_TIMED_OUT);
  g_assert_true (strstr (run.error->message, "sent nothing for 1 second") != NULL);
  g_assert_nonnull (run.partial);
  g_assert_cmpstr (run.partial->text, ==, "Before the stall");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);
}

static void
test_max_tokens (void)
{
  g_autofree char *model = unique_model ("normal");
  g_autoptr(ReframeLlmClient) client = new_client ("", NULL, model);
  g_autoptr(GPtrArray) requests = NULL;
  JsonObject *body;
  g_auto(Run) run = { NULL };

  reframe_llm_client_set_max_tokens (client, 321);
  run_chat (&run, client, 0);
  g_assert_no_error (run.error);

  requests = requests_for (model);
  body = json_object_get_object_member (g_ptr_array_index (requests, 0), "body");
  g_assert_cmpint (json_object_get_int_member (body, "max_tokens"), ==, 321);
}

typedef struct
{
  GMainLoop  *loop;
  char      **models;
  char       *sentence;
  GError     *error;
} ShortRun;

static void
models_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ShortRun *run = user_data;

  run->models = reframe_llm_client_list_models_finish (REFRAME_LLM_CLIENT (source), result,
                                                       &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ShortRun *run = user_data;

  run->sentence = reframe_llm_client_test_connection_finish (REFRAME_LLM_CLIENT (source),
                                                             result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
short_run (ReframeLlmClient *client,
           gboolean          test_connection,
           ShortRun         *run)
{
  memset (run, 0, sizeof *run);
  run->loop = g_main_loop_new (NULL, FALSE);
  if (test_connection)
    reframe_llm_client_test_connection_async (client, NULL, test_done_cb, run);
  else
    reframe_llm_client_list_models_async (client, NULL, models_done_cb, run);
  g_main_loop_run (run->loop);
  g_main_loop_unref (run->loop);
}

static void
short_run_clear (ShortRun *run)
{
  g_clear_pointer (&run->models, g_strfreev);
  g_clear_pointer (&run->sentence, g_free);
  g_clear_error (&run->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ShortRun, short_run_clear)

static void
test_list_models (void)
{
  g_autofree char *joined = NULL;

  {
    g_autoptr(ReframeLlmClient) client = new_client ("/v1/", NULL, "");
    g_auto(ShortRun) run = { NULL };

    short_run (client, FALSE, &run);
    g_assert_no_error (run.error);
    joined = g_strjoinv (",", run.models);
    g_assert_cmpstr (joined, ==, "big,normal,reasoning,slow");
    g_clear_pointer (&joined, g_free);
  }
  {
    /* No /v1/models: Ollama's /api/tags. */
    g_autoptr(ReframeLlmClient) client = new_client ("/tags-only", NULL, "");
    g_auto(ShortRun) run = { NULL };

    short_run (client, FALSE, &run);
    g_assert_no_error (run.error);
    joined = g_strjoinv (",", run.models);
    g_assert_cmpstr (joined, ==, "big:latest,normal:latest,reasoning:latest,slow:latest");
  }
  {
    g_autoptr(ReframeLlmClient) client = new_client ("/nothing", NULL, "");
    g_auto(ShortRun) run = { NULL };

    short_run (client, FALSE, &run);
    g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_INVALID_URL);
    g_assert_true (strstr (run.error->message, "not like an OpenAI-compatible server") != NULL);
  }
  {
    g_autoptr(ReframeLlmClient) client = new_client ("/auth", NULL, "");
    g_auto(ShortRun) run = { NULL };

    short_run (client, FALSE, &run);
    g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_UNAUTHORIZED);
  }
}

static void
test_test_connection (void)
{
  g_autofree char *ready = g_strdup_printf ("Connected to 127.0.0.1:%u, and the model “normal” "
                                            "is ready.", mock_port);
  g_autofree char *count = g_strdup_printf ("Connected to 127.0.0.1:%u, which offers 4 models.",
                                            mock_port);
  g_autofree char *missing = g_strdup_printf ("Connected to 127.0.0.1:%u, but it has no model "
                                              "“gone”; it offers big, normal, reasoning, slow.",
                                              mock_port);
  guint before = count_all_requests ();
  g_autoptr(JsonArray) all = NULL;

  {
    g_autoptr(ReframeLlmClient) client = new_client ("", NULL, "normal");
    g_auto(ShortRun) run = { NULL };

    short_run (client, TRUE, &run);
    g_assert_no_error (run.error);
    g_assert_cmpstr (run.sentence, ==, ready);
  }
  {
    g_autoptr(ReframeLlmClient) client = new_client ("", NULL, NULL);
    g_auto(ShortRun) run = { NULL };

    short_run (client, TRUE, &run);
    g_assert_no_error (run.error);
    g_assert_cmpstr (run.sentence, ==, count);
  }
  {
    g_autoptr(ReframeLlmClient) client = new_client ("", NULL, "gone");
    g_auto(ShortRun) run = { NULL };

    short_run (client, TRUE, &run);
    g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_MODEL_NOT_FOUND);
    g_assert_cmpstr (run.error->message, ==, missing);
  }

  /* Testing sends no chat text: only GETs. */
  all = fetch_requests ();
  g_assert_cmpuint (json_array_get_length (all), ==, before + 3);
  for (guint i = before; i < json_array_get_length (all); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (all, i),
                                                    "method"), ==, "GET");
}

static void
test_no_request_without_call (void)
{
  guint before = count_all_requests ();

  {
    g_autoptr(ReframeLlmClient) client = new_client ("", "key", "normal");
    g_autoptr(ReframeLlmClient) bad = reframe_llm_client_new ("ftp://127.0.0.1/", NULL, "x");

    spin (200);
  }
  spin (100);

  g_assert_cmpuint (count_all_requests (), ==, before);
}

static void
test_refused_schemes (void)
{
  const char *urls[] = {
    "file:///etc/passwd", "ftp://127.0.0.1:21/", "gopher://127.0.0.1/", "file:/etc/passwd",
  };
  guint before = count_all_requests ();

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(ReframeLlmClient) client = reframe_llm_client_new (urls[i], NULL, "normal");
      g_auto(Run) run = { NULL };
      g_auto(ShortRun) models = { NULL };

      g_assert_null (reframe_llm_client_get_base_url (client));
      run_chat (&run, client, 0);
      g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_INVALID_URL);
      g_assert_true (strstr (run.error->message, "Only http:// and https:// addresses") != NULL);

      short_run (client, FALSE, &models);
      g_assert_error (models.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_INVALID_URL);
    }

  g_assert_cmpuint (count_all_requests (), ==, before);
}

static void
test_no_model (void)
{
  g_autoptr(ReframeLlmClient) client = new_client ("", NULL, "  ");
  g_auto(Run) run = { NULL };

  run_chat (&run, client, 0);
  g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_NO_MODEL);
}

static void
test_normalize_base_url (void)
{
  struct {
    const char *input;
    const char *expected;
  } cases[] = {
    { "http://127.0.0.1:11434", "http://127.0.0.1:11434" },
    { "http://127.0.0.1:11434/", "http://127.0.0.1:11434" },
    { "http://127.0.0.1:11434/v1", "http://127.0.0.1:11434" },
    { "http://127.0.0.1:11434/v1/", "http://127.0.0.1:11434" },
    { "http://127.0.0.1:11434/v1/chat/completions", "http://127.0.0.1:11434" },
    { "http://127.0.0.1:11434/v1/chat/completions/", "http://127.0.0.1:11434" },
    { "http://127.0.0.1:11434/chat/completions", "http://127.0.0.1:11434" },
    { "http://127.0.0.1:11434/v1/models", "http://127.0.0.1:11434" },
    { "http://127.0.0.1:11434/api/chat", "http://127.0.0.1:11434" },
    { "http://127.0.0.1:11434/api/tags", "http://127.0.0.1:11434" },
    { "  http://localhost:8080/v1  \n", "http://localhost:8080" },
    { "localhost:11434", "http://localhost:11434" },
    { "127.0.0.1:1234/v1", "http://127.0.0.1:1234" },
    { "api.openai.com/v1", "https://api.openai.com" },
    { "HTTPS://API.OpenAI.com/v1/", "https://api.openai.com" },
    { "https://api.openai.com/v1/chat/completions", "https://api.openai.com" },
    { "https://openrouter.ai/api/v1", "https://openrouter.ai/api" },
    { "https://openrouter.ai/api/v1/", "https://openrouter.ai/api" },
    { "https://openrouter.ai/api/v1/chat/completions", "https://openrouter.ai/api" },
    { "https://openrouter.ai/api", "https://openrouter.ai/api" },
    { "https://api.groq.com/openai/v1", "https://api.groq.com/openai" },
    { "http://[::1]:8000/v1", "http://[::1]:8000" },
    { "http://example.com/v1?x=1#y", "http://example.com" },
    { "http://example.com//v1//", "http://example.com" },
  };
  const char *refused[] = {
    "", "   ", "file:///etc/passwd", "ftp://example.com/", "javascript:alert(1)",
    "http://", "http://user:pass@example.com/v1", "https:///v1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = reframe_provider_normalize_base_url (cases[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, cases[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = reframe_provider_normalize_base_url (refused[i], &error);

      g_test_message ("Refusing “%s”: %s", refused[i], error ? error->message : "(no error)");
      g_assert_null (normalized);
      g_assert_error (error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_INVALID_URL);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (reframe_provider_normalize_base_url ("ftp://example.com", &error));
    g_assert_cmpstr (error->message, ==, "Only http:// and https:// addresses can be used, not "
                     "ftp:.");
  }

  /* Every preset's address is already normal. */
  for (guint i = 0; i < REFRAME_N_PROVIDERS; i++)
    {
      const ReframeProvider *provider = reframe_provider_get (i);
      g_autofree char *normalized = NULL;

      if (provider->default_url == NULL)
        continue;
      normalized = reframe_provider_normalize_base_url (provider->default_url, NULL);
      g_assert_cmpstr (normalized, ==, provider->default_url);
    }
}

static void
test_loopback (void)
{
  const char *loopback[] = {
    "http://127.0.0.1:11434", "http://127.1.2.3/", "http://localhost:8080/v1",
    "http://LOCALHOST", "http://[::1]:8000", "http://[::ffff:127.0.0.1]/", "localhost:1234",
  };
  const char *remote[] = {
    "https://api.openai.com", "http://192.168.1.10:11434", "http://10.0.0.1",
    "http://localhost.example.com", "http://128.0.0.1", "http://[::2]", "not a url ::",
    "ftp://127.0.0.1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (loopback); i++)
    g_assert_true (reframe_provider_is_loopback (loopback[i]));
  for (guint i = 0; i < G_N_ELEMENTS (remote); i++)
    g_assert_false (reframe_provider_is_loopback (remote[i]));
}

static void
test_providers (void)
{
  const ReframeProvider *ollama = reframe_provider_lookup ("ollama");

  g_assert_nonnull (ollama);
  g_assert_cmpint (ollama->kind, ==, REFRAME_PROVIDER_OLLAMA);
  g_assert_cmpstr (ollama->default_url, ==, "http://127.0.0.1:11434");
  g_assert_null (reframe_provider_lookup ("nope"));
  g_assert_null (reframe_provider_get (REFRAME_PROVIDER_BUILTIN)->default_url);
  g_assert_null (reframe_provider_get (REFRAME_PROVIDER_CUSTOM)->default_url);
  g_assert_true (reframe_provider_get (REFRAME_PROVIDER_OPENAI)->needs_api_key);
  g_assert_cmpstr (reframe_provider_get (REFRAME_PROVIDER_OPENROUTER)->default_url, ==,
                   "https://openrouter.ai/api");

  for (guint i = 0; i < REFRAME_N_PROVIDERS; i++)
    {
      const ReframeProvider *provider = reframe_provider_get (i);

      g_assert_cmpint (provider->kind, ==, i);
      g_assert_true (reframe_provider_lookup (provider->id) == provider);
      g_assert_nonnull (provider->name);
    }

  g_assert_cmpint (reframe_provider_guess_from_url ("http://localhost:11434/v1"), ==,
                   REFRAME_PROVIDER_OLLAMA);
  g_assert_cmpint (reframe_provider_guess_from_url ("http://127.0.0.1:8080"), ==,
                   REFRAME_PROVIDER_LLAMA_CPP);
  g_assert_cmpint (reframe_provider_guess_from_url ("http://[::1]:1234"), ==,
                   REFRAME_PROVIDER_LM_STUDIO);
  g_assert_cmpint (reframe_provider_guess_from_url ("https://api.openai.com/v1"), ==,
                   REFRAME_PROVIDER_OPENAI);
  g_assert_cmpint (reframe_provider_guess_from_url ("https://openrouter.ai/api/v1"), ==,
                   REFRAME_PROVIDER_OPENROUTER);
  g_assert_cmpint (reframe_provider_guess_from_url ("http://10.1.1.1:11434"), ==,
                   REFRAME_PROVIDER_CUSTOM);

  {
    g_autoptr(ReframeLlmClient) client = reframe_llm_client_new ("localhost:11434", NULL, "m");

    g_assert_cmpint (reframe_llm_client_get_provider (client), ==, REFRAME_PROVIDER_OLLAMA);
    g_assert_cmpstr (reframe_llm_client_get_base_url (client), ==, "http://localhost:11434");
  }
}

static void
test_curl_errors (void)
{
  struct {
    CURLcode code;
    gboolean via_proxy;
    gboolean sent;
    ReframeCoachError error_code;
    const char *message;
  } cases[] = {
    { CURLE_COULDNT_RESOLVE_HOST, FALSE, FALSE, REFRAME_COACH_ERROR_HOST_NOT_FOUND,
      "Could not find the server api.example.com. Check the address and the internet "
      "connection." },
    { CURLE_COULDNT_RESOLVE_PROXY, TRUE, FALSE, REFRAME_COACH_ERROR_PROXY,
      "Could not find the proxy server. Check the proxy settings." },
    { CURLE_COULDNT_CONNECT, TRUE, FALSE, REFRAME_COACH_ERROR_PROXY,
      "Could not connect to the proxy server. Check the proxy settings." },
    { CURLE_PEER_FAILED_VERIFICATION, FALSE, FALSE, REFRAME_COACH_ERROR_TLS,
      "The security certificate of api.example.com could not be verified, so Reframe did "
      "not connect." },
    { CURLE_OPERATION_TIMEDOUT, FALSE, TRUE, REFRAME_COACH_ERROR_TIMED_OUT,
      "api.example.com sent nothing for 60 seconds, so Reframe stopped waiting." },
    { CURLE_OPERATION_TIMEDOUT, FALSE, FALSE, REFRAME_COACH_ERROR_TIMED_OUT,
      "Could not connect to api.example.com within 15 seconds." },
    { CURLE_GOT_NOTHING, FALSE, TRUE, REFRAME_COACH_ERROR_CONNECTION_LOST,
      "api.example.com closed the connection without answering." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = _reframe_llm_error_from_curl (cases[i].code, "api.example.com",
                                                               REFRAME_PROVIDER_OPENAI,
                                                               cases[i].via_proxy, cases[i].sent,
                                                               15, 60, NULL);

      g_assert_error (error, REFRAME_COACH_ERROR, (gint) cases[i].error_code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Every test talks to 127.0.0.1 through these dead proxies, so passing tests also show
   * that libcurl never takes a proxy from the environment and that loopback is direct. */
  g_setenv ("http_proxy", "http://127.0.0.1:9", TRUE);
  g_setenv ("https_proxy", "http://127.0.0.1:9", TRUE);
  g_setenv ("HTTPS_PROXY", "http://127.0.0.1:9", TRUE);
  g_setenv ("ALL_PROXY", "http://127.0.0.1:9", TRUE);
  g_unsetenv ("no_proxy");
  g_unsetenv ("NO_PROXY");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/llm-client/normalize-base-url", test_normalize_base_url);
  g_test_add_func ("/reframe/llm-client/loopback", test_loopback);
  g_test_add_func ("/reframe/llm-client/providers", test_providers);
  g_test_add_func ("/reframe/llm-client/curl-errors", test_curl_errors);
  g_test_add_func ("/reframe/llm-client/normal", test_normal);
  g_test_add_func ("/reframe/llm-client/stream-forms", test_stream_forms);
  g_test_add_func ("/reframe/llm-client/api-key", test_api_key);
  g_test_add_func ("/reframe/llm-client/status-errors", test_status_errors);
  g_test_add_func ("/reframe/llm-client/model-not-found", test_model_not_found);
  g_test_add_func ("/reframe/llm-client/slow-first-token", test_slow_first_token);
  g_test_add_func ("/reframe/llm-client/cancel-before-first-token",
                   test_cancel_before_first_token);
  g_test_add_func ("/reframe/llm-client/cancel-never-ending", test_cancel_never_ending);
  g_test_add_func ("/reframe/llm-client/cancel-while-connecting", test_cancel_while_connecting);
  g_test_add_func ("/reframe/llm-client/cancel-sync", test_cancel_sync);
  g_test_add_func ("/reframe/llm-client/connect-timeout", test_connect_timeout);
  g_test_add_func ("/reframe/llm-client/connection-refused", test_connection_refused);
  g_test_add_func ("/reframe/llm-client/tls-failure", test_tls_failure);
  g_test_add_func ("/reframe/llm-client/rate-limit", test_rate_limit);
  g_test_add_func ("/reframe/llm-client/retry-gives-up", test_retry_gives_up);
  g_test_add_func ("/reframe/llm-client/error-event", test_error_event);
  g_test_add_func ("/reframe/llm-client/invalid-json", test_invalid_json);
  g_test_add_func ("/reframe/llm-client/cut", test_cut);
  g_test_add_func ("/reframe/llm-client/reasoning", test_reasoning);
  g_test_add_func ("/reframe/llm-client/length", test_length);
  g_test_add_func ("/reframe/llm-client/big", test_big);
  g_test_add_func ("/reframe/llm-client/whole-json", test_whole_json);
  g_test_add_func ("/reframe/llm-client/redirect", test_redirect);
  g_test_add_func ("/reframe/llm-client/html", test_html);
  g_test_add_func ("/reframe/llm-client/no-stream-options", test_no_stream_options);
  g_test_add_func ("/reframe/llm-client/stall", test_stall);
  g_test_add_func ("/reframe/llm-client/max-tokens", test_max_tokens);
  g_test_add_func ("/reframe/llm-client/list-models", test_list_models);
  g_test_add_func ("/reframe/llm-client/test-connection", test_test_connection);
  g_test_add_func ("/reframe/llm-client/no-request-without-call", test_no_request_without_call);
  g_test_add_func ("/reframe/llm-client/refused-schemes", test_refused_schemes);
  g_test_add_func ("/reframe/llm-client/no-model", test_no_model);

  start_mock ();
  status = g_test_run ();
  stop_mock ();

  return status;
}
