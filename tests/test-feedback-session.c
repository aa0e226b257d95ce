/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <curl/curl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "reframe-feedback-answer-private.h"
#include "reframe-feedback-session.h"
#include "reframe-feedback-store.h"
#include "reframe-offline-coach.h"
#include "reframe-prompts.h"
#include "reframe-safety-log.h"
#include "reframe-test-util.h"
#include "reframe-thinking-traps.h"

/* The mock server (tests/mock-feedback-server.py), started once for all tests. */
static GSubprocess *mock;
static char *mock_url;
static guint mock_port;
static char *data_dir;
static ReframeDatabase *database;

static const char *mock_text = "Hello, world! Ça va 🙂?";

static void
start_mock (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "mock-feedback-server.py", NULL);
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
  g_assert_nonnull (port_line);
  /* Its second line too, before the pipe closes: a mock that cannot print it dies. */
  blackhole_line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (blackhole_line, "blackhole "));
  mock_port = (guint) g_ascii_strtoull (port_line, NULL, 10);
  g_assert_cmpuint (mock_port, >, 0);
  mock_url = g_strdup_printf ("http://127.0.0.1:%u", mock_port);
}

static void
stop_mock (void)
{
  g_subprocess_force_exit (mock);
  g_subprocess_wait (mock, NULL, NULL);
  g_clear_object (&mock);
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

static guint
count_requests (void)
{
  g_autoptr(JsonArray) all = fetch_requests ();

  return json_array_get_length (all);
}

/* The body of the last chat request, and the whole request (headers too) as JSON text. */
static JsonObject *
last_chat_body (char **whole)
{
  g_autoptr(JsonArray) all = fetch_requests ();

  for (guint i = json_array_get_length (all); i > 0; i--)
    {
      JsonObject *request = json_array_get_object_element (all, i - 1);
      JsonNode *body = json_object_get_member (request, "body");

      if (g_strcmp0 (json_object_get_string_member (request, "method"), "POST") == 0 &&
          JSON_NODE_HOLDS_OBJECT (body))
        {
          if (whole != NULL)
            {
              g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), request);

              *whole = json_to_string (node, FALSE);
            }
          return json_object_ref (json_node_get_object (body));
        }
    }
  g_assert_not_reached ();
}

static const char *
message_field (JsonObject *body,
               guint       index,
               const char *field)
{
  JsonArray *messages = json_object_get_array_member (body, "messages");

  g_assert_cmpuint (index, <, json_array_get_length (messages));
  return json_object_get_string_member (json_array_get_object_element (messages, index), field);
}

static char *
hex (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    g_string_append_printf (out, "%02x", *p);
  return g_string_free (out, FALSE);
}

static ReframeFeedbackConfig *
mock_config (const char *model)
{
  ReframeFeedbackConfig *config = reframe_feedback_config_new ();

  g_free (config->provider_id);
  config->provider_id = g_strdup ("custom");
  config->base_url = g_strdup (mock_url);
  config->model = g_strdup (model);
  return config;
}

/* One run of a session, on the default main context. */
typedef struct
{
  GMainLoop             *loop;
  ReframeFeedbackAnswer *answer;
  GError                *error;
  GString               *shown;
  guint                  n_deltas;
  guint                  destroyed;
  GCancellable          *cancel_on_delta;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_object (&run->answer);
  g_clear_error (&run->error);
  if (run->shown != NULL)
    g_string_free (g_steal_pointer (&run->shown), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
delta_cb (const char *fragment,
          gpointer    user_data)
{
  Run *run = user_data;

  g_assert_true (g_utf8_validate (fragment, -1, NULL));
  g_assert_cmpstr (fragment, !=, "");
  g_string_append (run->shown, fragment);
  run->n_deltas++;
  if (run->cancel_on_delta != NULL)
    g_cancellable_cancel (run->cancel_on_delta);
}

static void
delta_destroy_cb (gpointer user_data)
{
  Run *run = user_data;

  run->destroyed++;
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  run->answer = reframe_feedback_session_run_finish (REFRAME_FEEDBACK_SESSION (object), result,
                                                     &run->error);
  g_main_loop_quit (run->loop);
}

static void
run_session (ReframeFeedbackSession *session,
             GCancellable           *cancellable,
             Run                    *run)
{
  run->loop = g_main_loop_new (NULL, FALSE);
  run->shown = g_string_new (NULL);
  reframe_feedback_session_run_async (session, delta_cb, run, delta_destroy_cb, cancellable,
                                      run_done_cb, run);
  g_main_loop_run (run->loop);
  g_assert_false (reframe_feedback_session_is_running (session));
  g_assert_cmpuint (run->destroyed, ==, 1);
}

static GPtrArray *
list_answers (const char *record_uuid)
{
  g_autoptr(ReframeFeedbackStore) store = reframe_feedback_store_new (database);
  g_autoptr(GError) error = NULL;
  GPtrArray *answers = reframe_feedback_store_list_for_record (store, record_uuid, &error);

  g_assert_no_error (error);
  return answers;
}

static GPtrArray *
list_safety_events (void)
{
  g_autoptr(ReframeSafetyLog) log = reframe_safety_log_new (database);
  g_autoptr(GDateTime) from = g_date_time_new_utc (2000, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_utc (2100, 1, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  GPtrArray *events = reframe_safety_log_list_between (log, from, to, &error);

  g_assert_no_error (error);
  return events;
}

static guint
count_safety_events (const char *source)
{
  g_autoptr(GPtrArray) events = list_safety_events ();
  guint count = 0;

  for (guint i = 0; i < events->len; i++)
    {
      ReframeSafetyEvent *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (event->source, source) == 0)
        count++;
    }
  return count;
}

/* Tests */

static void
test_prompts (void)
{
  const GPtrArray *all = reframe_prompts_get_all ();

  g_assert_cmpuint (all->len, ==, REFRAME_FEEDBACK_N_KINDS);
  for (guint kind = 0; kind < REFRAME_FEEDBACK_N_KINDS; kind++)
    {
      const ReframePrompt *prompt = reframe_prompts_for_kind (kind);

      g_assert_cmpint (prompt->kind, ==, kind);
      g_assert_true (reframe_prompts_lookup (prompt->id) == prompt);
      g_assert_cmpuint (prompt->version, >=, 1);
      g_assert_nonnull (prompt->sources);
      g_assert_cmpuint (g_strv_length ((char **) prompt->sources), >=, 3);
      g_assert_nonnull (strstr (prompt->user_template, "{{text}}"));
      g_assert_nonnull (prompt->guidance_template);
      g_assert_nonnull (strstr (prompt->guidance_template, "{{guidance}}"));
      /* The structure the literature supports, and the rules. */
      g_assert_nonnull (strstr (prompt->system, "own words"));
      g_assert_nonnull (strstr (prompt->system, "tentatively"));
      g_assert_nonnull (strstr (prompt->system, "Socratic"));
      g_assert_nonnull (strstr (prompt->system, "small, concrete"));
      g_assert_nonnull (strstr (prompt->system, "No diagnosis"));
      g_assert_nonnull (strstr (prompt->system, "No false positivity"));
      g_assert_nonnull (strstr (prompt->system, "not a therapist"));
      g_assert_nonnull (strstr (prompt->system, "language the person wrote in"));
      g_assert_nonnull (strstr (prompt->system, "professional"));
      g_assert_nonnull (strstr (prompt->system, "[NAME-1]"));
    }

  /* Thought records get the offline coach's traps as a hint; the others do not. */
  g_assert_nonnull (reframe_prompts_for_kind (REFRAME_FEEDBACK_KIND_THOUGHT_RECORD)->hint_template);
  g_assert_nonnull (reframe_prompts_for_kind (REFRAME_FEEDBACK_KIND_TRAPS_STEP)->hint_template);
  g_assert_nonnull (reframe_prompts_for_kind (REFRAME_FEEDBACK_KIND_BALANCED_STEP)->hint_template);
  g_assert_null (reframe_prompts_for_kind (REFRAME_FEEDBACK_KIND_JOURNAL)->hint_template);
  g_assert_null (reframe_prompts_lookup ("no-such-prompt"));

  {
    g_autofree char *expanded = reframe_prompt_expand ("a {{x}} b {{y}} {{x}} {{z}}",
                                                       "x", "{{y}}", "y", "2", NULL);

    g_assert_cmpstr (expanded, ==, "a {{y}} b 2 {{y}} {{z}}");
  }
}

static void
test_config_from_settings (void)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(ReframeFeedbackConfig) config = NULL;
  g_autoptr(ReframeFeedbackConfig) copy = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Alice", "Bob", NULL };
  const char *consents[] = { "https://api.openai.com", NULL };

  source = g_settings_schema_source_new_from_directory (BUILD_SCHEMA_DIR, NULL, FALSE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
  g_assert_nonnull (schema);
  settings = g_settings_new_full (schema, NULL, NULL);

  /* The defaults: the offline coach. */
  config = reframe_feedback_config_new_from_settings (settings);
  g_assert_cmpstr (config->provider_id, ==, "builtin");
  g_assert_true (reframe_feedback_config_is_offline (config));
  g_assert_null (reframe_feedback_config_get_effective_url (config));
  g_assert_null (config->api_key);
  g_assert_nonnull (config->names_to_hide);
  g_assert_null (config->names_to_hide[0]);
  g_clear_pointer (&config, reframe_feedback_config_free);

  g_settings_set_string (settings, "feedback-provider", "openai");
  g_settings_set_strv (settings, "names-to-hide", names);
  g_settings_set_strv (settings, "feedback-consents", consents);
  g_settings_set_string (settings, "feedback-model", "gpt-4o-mini");
  config = reframe_feedback_config_new_from_settings (settings);
  g_assert_false (reframe_feedback_config_is_offline (config));
  g_assert_null (config->base_url);
  /* The preset's own address when none is set. */
  g_assert_cmpstr (reframe_feedback_config_get_effective_url (config), ==,
                   "https://api.openai.com");
  g_assert_true (reframe_feedback_config_has_consent (config, "https://api.openai.com/v1/"));
  g_assert_false (reframe_feedback_config_has_consent (config, "https://openrouter.ai/api"));
  g_assert_cmpstr (config->model, ==, "gpt-4o-mini");
  g_assert_cmpstrv (config->names_to_hide, names);

  /* An address in the setting is used as it is, normalised. */
  g_settings_set_string (settings, "feedback-provider", "ollama");
  g_settings_set_string (settings, "feedback-base-url", " localhost:11434/v1/ ");
  g_clear_pointer (&config, reframe_feedback_config_free);
  config = reframe_feedback_config_new_from_settings (settings);
  g_assert_cmpstr (config->base_url, ==, "http://localhost:11434");
  g_assert_cmpstr (reframe_feedback_config_get_effective_url (config), ==,
                   "http://localhost:11434");

  config->api_key = g_strdup ("secret");
  copy = reframe_feedback_config_copy (config);
  g_assert_cmpstr (copy->api_key, ==, "secret");
  g_assert_cmpstrv (copy->consented_urls, consents);
}

static guint saved_signals;

static void
answer_saved_cb (ReframeFeedbackStore  *store,
                 ReframeFeedbackAnswer *answer,
                 gpointer               user_data)
{
  saved_signals++;
}

static void
test_journal_end_to_end (void)
{
  g_autoptr(ReframeFeedbackConfig) config = mock_config ("normal");
  g_autoptr(ReframeFeedbackSession) session = NULL;
  g_autofree char *record = g_uuid_string_random ();
  g_autofree char *outgoing = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_auto(Run) run = { 0 };
  ReframeFeedbackAnswer *saved;
  ReframeSafetyKind kind = REFRAME_SAFETY_ALL;
  const char *text = "Work was hard today. My manager frowned at my report and I keep thinking "
                     "I will never be good enough.";

  session = reframe_feedback_session_new (database, config, REFRAME_FEEDBACK_KIND_JOURNAL,
                                          record, text);
  g_assert_false (reframe_feedback_session_get_crisis (session, &kind));
  g_assert_cmpint (kind, ==, REFRAME_SAFETY_NONE);
  g_assert_false (reframe_feedback_session_is_offline (session));
  /* Loopback: no consent needed. */
  g_assert_false (reframe_feedback_session_needs_consent (session));
  g_assert_cmpstr (reframe_feedback_session_get_url (session), ==, mock_url);

  outgoing = reframe_feedback_session_dup_outgoing (session);
  g_assert_true (g_str_has_prefix (outgoing, "── "));
  g_assert_nonnull (strstr (outgoing, reframe_safety_get_instruction ()));
  g_assert_nonnull (strstr (outgoing, text));

  run_session (session, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.answer);
  g_assert_cmpstr (run.shown->str, ==, mock_text);
  g_assert_cmpuint (run.n_deltas, >=, 1);

  /* Every field of the answer. */
  g_assert_nonnull (reframe_feedback_answer_get_uuid (run.answer));
  g_assert_cmpstr (reframe_feedback_answer_get_record_uuid (run.answer), ==, record);
  g_assert_cmpint (reframe_feedback_answer_get_kind (run.answer), ==,
                   REFRAME_FEEDBACK_KIND_JOURNAL);
  g_assert_nonnull (reframe_feedback_answer_get_created_at (run.answer));
  g_assert_cmpstr (reframe_feedback_answer_get_provider_id (run.answer), ==, "custom");
  g_assert_cmpstr (reframe_feedback_answer_get_model (run.answer), ==, "normal");
  g_assert_cmpstr (reframe_feedback_answer_get_prompt_id (run.answer), ==, "journal-reflection");
  g_assert_cmpuint (reframe_feedback_answer_get_prompt_version (run.answer), ==, 1);
  g_assert_null (reframe_feedback_answer_get_question (run.answer));
  g_assert_cmpstr (reframe_feedback_answer_get_text (run.answer), ==, mock_text);
  g_assert_cmpstr (reframe_feedback_answer_get_sent_text (run.answer), ==, outgoing);
  g_assert_cmpint (reframe_feedback_answer_get_ttft_ms (run.answer), >=, 0);
  g_assert_cmpint (reframe_feedback_answer_get_total_ms (run.answer), >=,
                   reframe_feedback_answer_get_ttft_ms (run.answer));
  g_assert_cmpint (reframe_feedback_answer_get_prompt_tokens (run.answer), ==, 12);
  g_assert_cmpint (reframe_feedback_answer_get_completion_tokens (run.answer), ==, 7);
  g_assert_false (reframe_feedback_answer_get_cut_short (run.answer));
  g_assert_false (reframe_feedback_answer_get_incomplete (run.answer));
  g_assert_false (reframe_feedback_answer_get_hidden_by_safety (run.answer));
  g_assert_cmpint (reframe_feedback_answer_get_rating (run.answer), ==, 0);
  g_assert_true (reframe_feedback_session_get_last_answer (session) == run.answer);

  /* What the mock received: the safety instruction first, then the prompt and the text. */
  body = last_chat_body (NULL);
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "normal");
  g_assert_true (json_object_get_boolean_member (body, "stream"));
  g_assert_cmpstr (message_field (body, 0, "role"), ==, "system");
  g_assert_true (g_str_has_prefix (message_field (body, 0, "content"),
                                   reframe_safety_get_instruction ()));
  g_assert_nonnull (strstr (message_field (body, 0, "content"),
                            reframe_prompts_for_kind (REFRAME_FEEDBACK_KIND_JOURNAL)->system));
  g_assert_null (strstr (message_field (body, 0, "content"), "signs of a crisis"));
  g_assert_cmpstr (message_field (body, 1, "role"), ==, "user");
  g_assert_nonnull (strstr (message_field (body, 1, "content"), text));

  /* Saved, with every field, and read back the same. */
  stored = list_answers (record);
  g_assert_cmpuint (stored->len, ==, 1);
  saved = g_ptr_array_index (stored, 0);
  g_assert_cmpstr (reframe_feedback_answer_get_uuid (saved), ==,
                   reframe_feedback_answer_get_uuid (run.answer));
  g_assert_cmpstr (reframe_feedback_answer_get_record_uuid (saved), ==, record);
  g_assert_cmpint (reframe_feedback_answer_get_kind (saved), ==, REFRAME_FEEDBACK_KIND_JOURNAL);
  g_assert_cmpint (g_date_time_to_unix (reframe_feedback_answer_get_created_at (saved)), ==,
                   g_date_time_to_unix (reframe_feedback_answer_get_created_at (run.answer)));
  g_assert_cmpstr (reframe_feedback_answer_get_provider_id (saved), ==, "custom");
  g_assert_cmpstr (reframe_feedback_answer_get_model (saved), ==, "normal");
  g_assert_cmpstr (reframe_feedback_answer_get_prompt_id (saved), ==, "journal-reflection");
  g_assert_cmpuint (reframe_feedback_answer_get_prompt_version (saved), ==, 1);
  g_assert_null (reframe_feedback_answer_get_question (saved));
  g_assert_cmpstr (reframe_feedback_answer_get_text (saved), ==, mock_text);
  g_assert_cmpstr (reframe_feedback_answer_get_sent_text (saved), ==, outgoing);
  g_assert_cmpint (reframe_feedback_answer_get_ttft_ms (saved), ==,
                   reframe_feedback_answer_get_ttft_ms (run.answer));
  g_assert_cmpint (reframe_feedback_answer_get_total_ms (saved), ==,
                   reframe_feedback_answer_get_total_ms (run.answer));
  g_assert_cmpint (reframe_feedback_answer_get_prompt_tokens (saved), ==, 12);
  g_assert_cmpint (reframe_feedback_answer_get_completion_tokens (saved), ==, 7);
  g_assert_false (reframe_feedback_answer_get_cut_short (saved));
  g_assert_false (reframe_feedback_answer_get_incomplete (saved));
  g_assert_false (reframe_feedback_answer_get_hidden_by_safety (saved));
  g_assert_cmpint (reframe_feedback_answer_get_rating (saved), ==, 0);
  g_assert_null (reframe_feedback_answer_get_rating_reason (saved));
  g_assert_null (reframe_feedback_answer_get_rated_at (saved));
}

static void
test_saved_signal (void)
{
  g_autoptr(ReframeFeedbackConfig) config = mock_config ("normal");
  g_autoptr(ReframeFeedbackSession) session = NULL;
  ReframeFeedbackStore *store = reframe_feedback_store_get_for_database (database);
  g_autoptr(ReframeFeedbackAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  gulong handler;

  /* The store every session of a database saves into, and announces from. */
  g_assert_true (reframe_feedback_store_get_for_database (database) == store);
  handler = g_signal_connect (store, "answer-saved", G_CALLBACK (answer_saved_cb), NULL);
  saved_signals = 0;
  session = reframe_feedback_session_new (database, config, REFRAME_FEEDBACK_KIND_CHECKIN,
                                          "checkin-1", "Mood 6. Tired but OK.");
  run_session (session, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (saved_signals, ==, 1);
  g_signal_handler_disconnect (store, handler);
  g_assert_cmpstr (reframe_feedback_answer_get_prompt_id (run.answer), ==, "checkin-reflection");

  answer = reframe_feedback_store_get (store, reframe_feedback_answer_get_uuid (run.answer),
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpint (reframe_feedback_answer_get_kind (answer), ==, REFRAME_FEEDBACK_KIND_CHECKIN);
  g_assert_cmpstr (reframe_feedback_answer_get_record_uuid (answer), ==, "checkin-1");
}

static void
test_redaction (void)
{
  const char *names[] = { "Alice", NULL };
  g_autoptr(ReframeFeedbackConfig) config = mock_config ("echo");
  g_autoptr(ReframeFeedbackSession) session = NULL;
  g_autofree char *record = g_uuid_string_random ();
  g_autofree char *whole = NULL;
  g_autofree char *outgoing = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_auto(Run) run = { 0 };
  const char *text = "Alice said I should email alice.smith@example.com or call her on "
                     "+44 20 7946 0958. I slept 7 hours. alice was upset with me.";
  const char *secrets[] = { "Alice", "alice", "alice.smith@example.com", "7946", "0958" };
  const char *answer_text;

  g_strfreev (config->names_to_hide);
  config->names_to_hide = g_strdupv ((char **) names);
  session = reframe_feedback_session_new (database, config, REFRAME_FEEDBACK_KIND_JOURNAL,
                                          record, text);

  outgoing = reframe_feedback_session_dup_outgoing (session);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (strstr (outgoing, secrets[i]));
  g_assert_nonnull (strstr (outgoing, "[NAME-1]"));
  g_assert_nonnull (strstr (outgoing, "[EMAIL-1]"));
  g_assert_nonnull (strstr (outgoing, "[PHONE-1]"));
  g_assert_nonnull (strstr (outgoing, "7 hours"));

  run_session (session, NULL, &run);
  g_assert_no_error (run.error);

  /* Nothing of it reached the server, in any part of the request. */
  body = last_chat_body (&whole);
  g_assert_nonnull (strstr (message_field (body, 1, "content"), "[NAME-1] said"));
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (strstr (whole, secrets[i]));

  /* The echoed reply came back in three-character chunks, placeholders split over them; the
   * person sees the originals, streamed and saved alike. */
  answer_text = reframe_feedback_answer_get_text (run.answer);
  g_assert_nonnull (strstr (answer_text, "Alice said I should email alice.smith@example.com"));
  g_assert_nonnull (strstr (answer_text, "+44 20 7946 0958"));
  g_assert_null (strstr (answer_text, "NAME-"));
  g_assert_null (strstr (answer_text, "PHONE-"));
  g_assert_cmpstr (run.shown->str, ==, answer_text);
  /* What was sent is kept redacted. */
  g_assert_null (strstr (reframe_feedback_answer_get_sent_text (run.answer), "Alice"));
  g_assert_nonnull (strstr (reframe_feedback_answer_get_sent_text (run.answer), "[EMAIL-1]"));
}

static void
test_consent (void)
{
  g_autoptr(ReframeFeedbackConfig) config = mock_config ("normal");
  g_autoptr(ReframeFeedbackSession) session = NULL;
  g_autoptr(ReframeFeedbackSession) agreed = NULL;
  g_autofree char *record = g_uuid_string_random ();
  g_autofree char *elsewhere = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_auto(Run) refused = { 0 };
  g_auto(Run) granted = { 0 };
  guint before;
  gint64 start;

  /* 0.0.0.0 is not a loopback address (so the gate applies), yet Linux delivers a connection
   * to it on this machine: if the gate ever failed, the request would reach the mock and this
   * test would see it, and no packet could leave the computer. */
  elsewhere = g_strdup_printf ("http://0.0.0.0:%u", mock_port);
  host = g_strdup_printf ("0.0.0.0:%u", mock_port);
  g_free (config->base_url);
  config->base_url = g_strdup (elsewhere);

  session = reframe_feedback_session_new (database, config, REFRAME_FEEDBACK_KIND_JOURNAL,
                                          record, "A quiet day.");
  g_assert_true (reframe_feedback_session_needs_consent (session));
  g_assert_cmpstr (reframe_feedback_session_get_host (session), ==, host);
  g_assert_cmpstr (reframe_feedback_session_get_url (session), ==, elsewhere);

  before = count_requests ();
  start = g_get_monotonic_time ();
  run_session (session, NULL, &refused);
  g_assert_error (refused.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_CONSENT_REQUIRED);
  g_assert_nonnull (strstr (refused.error->message, host));
  g_assert_null (refused.answer);
  g_assert_cmpuint (refused.n_deltas, ==, 0);
  /* Refused at once, with no connection: the mock saw nothing. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
  g_assert_cmpuint (count_requests (), ==, before);

  /* Agreeing opens the gate. */
  reframe_feedback_session_grant_consent (session);
  g_assert_false (reframe_feedback_session_needs_consent (session));
  run_session (session, NULL, &granted);
  g_assert_no_error (granted.error);
  g_assert_cmpstr (granted.shown->str, ==, mock_text);
  g_assert_cmpuint (count_requests (), ==, before + 1);

  /* A URL already in feedback-consents (written differently) needs no question. */
  g_strfreev (config->consented_urls);
  config->consented_urls = g_new0 (char *, 2);
  config->consented_urls[0] = g_strdup_printf ("http://0.0.0.0:%u/v1/", mock_port);
  agreed = reframe_feedback_session_new (database, config, REFRAME_FEEDBACK_KIND_JOURNAL,
                                         record, "Another day.");
  g_assert_false (reframe_feedback_session_needs_consent (agreed));

  stored = list_answers (record);
  g_assert_cmpuint (stored->len, ==, 1);
}

static void
test_crisis (void)
{
  g_autoptr(ReframeFeedbackConfig) config = mock_config ("normal");
  g_autoptr(ReframeFeedbackSession) session = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *outgoing = NULL;
  g_auto(Run) run = { 0 };
  ReframeSafetyKind kind = REFRAME_SAFETY_NONE;
  guint before = count_safety_events (REFRAME_SAFETY_SOURCE_JOURNAL);

  session = reframe_feedback_session_new (database, config, REFRAME_FEEDBACK_KIND_JOURNAL,
                                          "crisis-entry",
                                          "Everything is too much. I want to die.");
  g_assert_true (reframe_feedback_session_get_crisis (session, &kind));
  g_assert_cmpint (kind, ==, REFRAME_SAFETY_SUICIDE);
  /* Logged once, by date and kind only. */
  g_assert_cmpuint (count_safety_events (REFRAME_SAFETY_SOURCE_JOURNAL), ==, before + 1);
  events = list_safety_events ();
  {
    ReframeSafetyEvent *event = g_ptr_array_index (events, events->len - 1);

    g_assert_cmpint (event->kind, ==, REFRAME_SAFETY_SUICIDE);
    g_assert_cmpstr (event->source, ==, "journal");
    g_assert_nonnull (event->occurred_at);
  }

  outgoing = reframe_feedback_session_dup_outgoing (session);
  run_session (session, NULL, &run);
  g_assert_no_error (run.error);

  /* The request leads with the safety instruction and says what the screen found. */
  body = last_chat_body (NULL);
  g_assert_true (g_str_has_prefix (message_field (body, 0, "content"),
                                   reframe_safety_get_instruction ()));
  g_assert_nonnull (strstr (message_field (body, 0, "content"), "signs of a crisis"));

  /* Still once: building, showing and sending do not log again. */
  g_assert_cmpuint (count_safety_events (REFRAME_SAFETY_SOURCE_JOURNAL), ==, before + 1);
}

static void
test_reply_hidden (void)
{
  g_autofree char *reply = hex ("I hear how hard this is. The lethal dose would be about "
                                "forty tablets. Please talk to someone.");
  g_autofree char *model = g_strconcat ("say:", reply, NULL);
  g_autoptr(ReframeFeedbackConfig) config = mock_config (model);
  g_autoptr(ReframeFeedbackSession) session = NULL;
  g_autofree char *record = g_uuid_string_random ();
  g_autoptr(GPtrArray) stored = NULL;
  g_auto(Run) run = { 0 };
  guint before = count_safety_events (REFRAME_SAFETY_SOURCE_REPLY);

  session = reframe_feedback_session_new (database, config, REFRAME_FEEDBACK_KIND_JOURNAL,
                                          record, "I had a rough evening with my sister.");
  g_assert_false (reframe_feedback_session_get_crisis (session, NULL));
  run_session (session, NULL, &run);
  g_assert_no_error (run.error);

  g_assert_true (reframe_feedback_answer_get_hidden_by_safety (run.answer));
  /* The harmful part never reached the person while it streamed. */
  g_assert_null (strstr (run.shown->str, "lethal"));
  g_assert_null (strstr (run.shown->str, "forty"));
  /* Kept, for the person to reveal on request, and logged as a reply hit. */
  g_assert_nonnull (strstr (reframe_feedback_answer_get_text (run.answer), "lethal dose"));
  g_assert_cmpuint (count_safety_events (REFRAME_SAFETY_SOURCE_REPLY), ==, before + 1);
  stored = list_answers (record);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_true (reframe_feedback_answer_get_hidden_by_safety (g_ptr_array_index (stored, 0)));
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_before_first_token (void)
{
  g_autoptr(ReframeFeedbackConfig) config = mock_config ("slow:5");
  g_autoptr(ReframeFeedbackSession) session = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *record = g_uuid_string_random ();
  g_autoptr(GPtrArray) stored = NULL;
  g_auto(Run) run = { 0 };
  gint64 start;

  session = reframe_feedback_session_new (database, config, REFRAME_FEEDBACK_KIND_JOURNAL,
                                          record, "Waiting.");
  g_timeout_add (200, cancel_cb, cancellable);
  start = g_get_monotonic_time ();
  run_session (session, cancellable, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (run.n_deltas, ==, 0);
  g_assert_null (reframe_feedback_session_get_last_answer (session));

  /* Nothing had arrived, so nothing is kept. */
  stored = list_answers (record);
  g_assert_cmpuint (stored->len, ==, 0);
}

static void
test_cancel_while_streaming (void)
{
  g_autoptr(ReframeFeedbackConfig) config = mock_config ("forever");
  g_autoptr(ReframeFeedbackSession) session = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *record = g_uuid_string_random ();
  g_autoptr(GPtrArray) stored = NULL;
  g_auto(Run) run = { 0 };
  ReframeFeedbackAnswer *kept;
  ReframeFeedbackAnswer *last;

  session = reframe_feedback_session_new (database, config, REFRAME_FEEDBACK_KIND_JOURNAL,
                                          record, "Going on and on.");
  run.cancel_on_delta = cancellable;
  run_session (session, cancellable, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (run.n_deltas, ==, 1);

  /* What had arrived is kept, marked incomplete. */
  stored = list_answers (record);
  g_assert_cmpuint (stored->len, ==, 1);
  kept = g_ptr_array_index (stored, 0);
  g_assert_true (reframe_feedback_answer_get_incomplete (kept));
  g_assert_true (g_str_has_prefix (reframe_feedback_answer_get_text (kept), "tick"));
  last = reframe_feedback_session_get_last_answer (session);
  g_assert_nonnull (last);
  g_assert_cmpstr (reframe_feedback_answer_get_uuid (kept), ==,
                   reframe_feedback_answer_get_uuid (last));
}

static void
test_errors (void)
{
  g_autoptr(ReframeFeedbackConfig) config = mock_config ("context");
  g_autoptr(ReframeFeedbackConfig) no_url = mock_config ("normal");
  g_autoptr(ReframeFeedbackSession) session = NULL;
  g_autoptr(ReframeFeedbackSession) broken = NULL;
  g_autoptr(ReframeFeedbackSession) nowhere = NULL;
  g_autofree char *record = g_uuid_string_random ();
  g_autoptr(GPtrArray) stored = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) partial = { 0 };
  g_auto(Run) missing = { 0 };

  /* The client's one sentence, and nothing saved. */
  session = reframe_feedback_session_new (database, config, REFRAME_FEEDBACK_KIND_JOURNAL,
                                          record, "A long text.");
  run_session (session, NULL, &run);
  g_assert_error (run.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_CONTEXT_TOO_LONG);
  g_assert_true (g_str_has_suffix (run.error->message, "."));
  stored = list_answers (record);
  g_assert_cmpuint (stored->len, ==, 0);

  /* An error after some text: the error, and the text kept as incomplete. */
  g_free (config->model);
  config->model = g_strdup ("error-event");
  broken = reframe_feedback_session_new (database, config, REFRAME_FEEDBACK_KIND_JOURNAL,
                                         record, "Another text.");
  run_session (broken, NULL, &partial);
  g_assert_error (partial.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_PROVIDER);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = list_answers (record);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpstr (reframe_feedback_answer_get_text (g_ptr_array_index (stored, 0)), ==,
                   "Partial answer");
  g_assert_true (reframe_feedback_answer_get_incomplete (g_ptr_array_index (stored, 0)));

  /* A custom provider without an address. */
  g_clear_pointer (&no_url->base_url, g_free);
  nowhere = reframe_feedback_session_new (database, no_url, REFRAME_FEEDBACK_KIND_JOURNAL,
                                          record, "Text.");
  g_assert_false (reframe_feedback_session_needs_consent (nowhere));
  run_session (nowhere, NULL, &missing);
  g_assert_error (missing.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_INVALID_URL);
}

static void
test_follow_up (void)
{
  g_autoptr(ReframeFeedbackConfig) config = mock_config ("echo");
  g_autoptr(ReframeFeedbackSession) session = NULL;
  g_autofree char *record = g_uuid_string_random ();
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) again = { 0 };
  const char *names[] = { "Bob", NULL };
  JsonArray *messages;

  g_strfreev (config->names_to_hide);
  config->names_to_hide = g_strdupv ((char **) names);
  session = reframe_feedback_session_new (database, config, REFRAME_FEEDBACK_KIND_JOURNAL,
                                          record, "Bob ignored my message.");
  run_session (session, NULL, &first);
  g_assert_no_error (first.error);

  reframe_feedback_session_add_follow_up (session, "  What would Bob say?  ");
  g_assert_cmpstr (reframe_feedback_session_get_follow_up (session), ==, "What would Bob say?");
  run_session (session, NULL, &second);
  g_assert_no_error (second.error);
  g_assert_null (reframe_feedback_session_get_follow_up (session));
  g_assert_cmpstr (reframe_feedback_answer_get_question (second.answer), ==,
                   "What would Bob say?");
  /* The echo of the question, names back in place. */
  g_assert_cmpstr (reframe_feedback_answer_get_text (second.answer), ==, "What would Bob say?");

  /* The conversation went along: system, text, first answer, question. */
  body = last_chat_body (NULL);
  messages = json_object_get_array_member (body, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 4);
  g_assert_cmpstr (message_field (body, 2, "role"), ==, "assistant");
  g_assert_nonnull (strstr (message_field (body, 2, "content"), "[NAME-1] ignored"));
  g_assert_cmpstr (message_field (body, 3, "role"), ==, "user");
  g_assert_cmpstr (message_field (body, 3, "content"), ==, "What would [NAME-1] say?");

  /* Running again without a question asks the last one anew. */
  run_session (session, NULL, &again);
  g_assert_no_error (again.error);
  g_clear_pointer (&body, json_object_unref);
  body = last_chat_body (NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (body, "messages")),
                    ==, 4);

  /* Saved as answers of the record, oldest first, and only of this record. */
  stored = list_answers (record);
  g_assert_cmpuint (stored->len, ==, 3);
  g_assert_null (reframe_feedback_answer_get_question (g_ptr_array_index (stored, 0)));
  g_assert_cmpstr (reframe_feedback_answer_get_question (g_ptr_array_index (stored, 1)), ==,
                   "What would Bob say?");
  other = list_answers ("some-other-record");
  g_assert_cmpuint (other->len, ==, 0);
}

static void
test_thought_record (void)
{
  g_autoptr(ReframeFeedbackConfig) config = mock_config ("normal");
  g_autoptr(ReframeFeedbackSession) session = NULL;
  g_autoptr(ReframeThoughtRecord) record = reframe_thought_record_new ();
  g_autoptr(GPtrArray) thoughts = NULL;
  g_autoptr(GPtrArray) emotions = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) detected = NULL;
  g_auto(Run) run = { 0 };
  const char *traps[] = { "labeling", NULL };
  const char *system;
  const char *user;

  thoughts = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_automatic_thought_free);
  emotions = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_emotion_rating_free);
  reframe_thought_record_set_situation (record, "My friend did not reply to my message.");
  g_ptr_array_add (thoughts, reframe_automatic_thought_new ("I always ruin every friendship, "
                                                            "nobody ever wants me around.",
                                                            90, TRUE));
  reframe_thought_record_set_thoughts (record, thoughts);
  g_ptr_array_add (emotions, reframe_emotion_rating_new ("sad", 80, -1));
  reframe_thought_record_set_emotions (record, emotions);
  reframe_thought_record_set_traps (record, traps);
  reframe_thought_record_set_evidence_for (record, "She took two days to reply last time.");
  reframe_thought_record_set_evidence_against (record, "She invited me to her birthday.");

  session = reframe_feedback_session_new_for_thought_record (database, config,
                                                             REFRAME_FEEDBACK_KIND_TRAPS_STEP,
                                                             record);
  g_assert_cmpstr (reframe_feedback_session_get_record_uuid (session), ==,
                   reframe_thought_record_get_uuid (record));
  reframe_feedback_session_set_guidance (session, "Go slowly and focus on one thought.");
  run_session (session, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpstr (reframe_feedback_answer_get_prompt_id (run.answer), ==, "traps-step-help");
  g_assert_cmpint (reframe_feedback_answer_get_kind (run.answer), ==,
                   REFRAME_FEEDBACK_KIND_TRAPS_STEP);

  body = last_chat_body (NULL);
  system = message_field (body, 0, "content");
  user = message_field (body, 1, "content");
  /* The offline coach's guess, as a hint; and the therapist's guidance. */
  g_assert_nonnull (strstr (system, "phrase matcher"));
  detected = reframe_offline_coach_detect (reframe_offline_coach_get_default (),
                                           "I always ruin every friendship, nobody ever wants "
                                           "me around.");
  g_assert_cmpuint (detected->len, >, 0);
  for (guint i = 0; i < detected->len; i++)
    {
      ReframeTrapMatch *match = g_ptr_array_index (detected, i);

      g_assert_nonnull (strstr (system, reframe_thinking_traps_lookup (match->trap_id)->name));
    }
  g_assert_nonnull (strstr (system, "Go slowly and focus on one thought."));
  g_assert_nonnull (strstr (user, "thinking traps"));
  g_assert_nonnull (strstr (user, "Situation: My friend did not reply to my message."));
  g_assert_nonnull (strstr (user, "I always ruin every friendship"));
  g_assert_nonnull (strstr (user, "(believed 90%) [hot thought]"));
  g_assert_nonnull (strstr (user, "(80%)"));
  g_assert_nonnull (strstr (user, "Labeling"));
  g_assert_nonnull (strstr (user, "She invited me to her birthday."));
}

/* Kills the process on any socket that is not a Unix one: proof that nothing reaches for the
 * network. Returns FALSE where the filter cannot be set up. */
static gboolean
forbid_network (void)
{
#if defined(__x86_64__)
  struct sock_filter filter[] = {
    BPF_STMT (BPF_LD | BPF_W | BPF_ABS, offsetof (struct seccomp_data, arch)),
    BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
    BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    BPF_STMT (BPF_LD | BPF_W | BPF_ABS, offsetof (struct seccomp_data, nr)),
    BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 1, 0),
    BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT (BPF_LD | BPF_W | BPF_ABS, offsetof (struct seccomp_data, args[0])),
    BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, AF_UNIX, 0, 1),
    BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT (BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
  };
  struct sock_fprog program = { G_N_ELEMENTS (filter), filter };

  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    return FALSE;
  return prctl (PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) == 0;
#else
  return FALSE;
#endif
}

/* A child tells its parent that it could not set the filter up, through the data folder. */
static char *
no_seccomp_path (void)
{
  return g_build_filename (data_dir, "no-seccomp", NULL);
}

static void
note_no_seccomp (void)
{
  g_autofree char *path = no_seccomp_path ();

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
}

static gboolean
had_no_seccomp (void)
{
  g_autofree char *path = no_seccomp_path ();
  gboolean found = g_file_test (path, G_FILE_TEST_EXISTS);

  g_remove (path);
  return found;
}

static void
test_network_filter_works (void)
{
  if (g_test_subprocess ())
    {
      if (!forbid_network ())
        {
          note_no_seccomp ();
          return;
        }
      /* Any network socket ends the process here. */
      socket (AF_INET, SOCK_STREAM, 0);
      g_printerr ("still alive");
      return;
    }

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  if (g_test_trap_has_passed () && had_no_seccomp ())
    {
      g_test_skip ("No seccomp filter can be set up here (x86-64 Linux only)");
      return;
    }
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr_unmatched ("*still alive*");
}

static void
test_offline (void)
{
  g_autoptr(GPtrArray) stored = NULL;
  ReframeFeedbackAnswer *saved;
  guint before;

  if (g_test_subprocess ())
    {
      g_autoptr(ReframeFeedbackConfig) config = reframe_feedback_config_new ();
      g_autoptr(ReframeFeedbackSession) session = NULL;
      g_autoptr(ReframeFeedbackSession) asking = NULL;
      g_autofree char *expected = NULL;
      g_auto(Run) run = { 0 };
      g_auto(Run) question = { 0 };
      const char *text = "I always mess everything up at work. I feel useless.";

      /* The address of the mock, to show that even then nothing goes there. */
      config->base_url = g_strdup (mock_url);
      config->model = g_strdup ("normal");

      if (!forbid_network ())
        note_no_seccomp ();
      session = reframe_feedback_session_new (database, config, REFRAME_FEEDBACK_KIND_JOURNAL,
                                              "offline-entry", text);
      g_assert_true (reframe_feedback_session_is_offline (session));
      g_assert_false (reframe_feedback_session_needs_consent (session));
      g_assert_null (reframe_feedback_session_get_host (session));
      g_assert_null (reframe_feedback_session_dup_outgoing (session));

      run_session (session, NULL, &run);
      g_assert_no_error (run.error);
      expected = reframe_offline_coach_reflect (reframe_offline_coach_get_default (),
                                                REFRAME_COACH_KIND_JOURNAL, text, NULL);
      g_assert_cmpstr (reframe_feedback_answer_get_text (run.answer), ==, expected);
      g_assert_cmpstr (run.shown->str, ==, expected);
      g_assert_cmpstr (reframe_feedback_answer_get_provider_id (run.answer), ==, "builtin");
      g_assert_cmpstr (reframe_feedback_answer_get_prompt_id (run.answer), ==, "offline-coach");
      g_assert_cmpint (reframe_feedback_answer_get_ttft_ms (run.answer), ==, -1);
      g_assert_cmpstr (reframe_feedback_answer_get_sent_text (run.answer), ==, "");

      /* The built-in coach cannot answer a question: a sentence says so. */
      reframe_feedback_session_add_follow_up (session, "Why?");
      run_session (session, NULL, &question);
      g_assert_error (question.error, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_FAILED);

      /* Same for a thought record. */
      asking = reframe_feedback_session_new (database, config,
                                             REFRAME_FEEDBACK_KIND_THOUGHT_RECORD,
                                             "offline-record", text);
      g_assert_true (reframe_feedback_session_is_offline (asking));
      return;
    }

  before = count_requests ();
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  if (had_no_seccomp ())
    g_test_message ("No seccomp filter here: only the mock shows that nothing was sent");

  /* The mock received nothing, and the answer is in the database. */
  g_assert_cmpuint (count_requests (), ==, before);
  stored = list_answers ("offline-entry");
  g_assert_cmpuint (stored->len, ==, 1);
  saved = g_ptr_array_index (stored, 0);
  g_assert_cmpstr (reframe_feedback_answer_get_provider_id (saved), ==, "builtin");
  g_assert_cmpint (reframe_feedback_answer_get_ttft_ms (saved), ==, -1);
  g_assert_cmpint (reframe_feedback_answer_get_prompt_tokens (saved), ==, -1);
}

static ReframeFeedbackAnswer *
make_answer (int    year,
             int    month,
             gint64 ttft,
             gint64 total)
{
  ReframeFeedbackAnswer *answer = _reframe_feedback_answer_new ();

  answer->uuid = g_uuid_string_random ();
  answer->record_uuid = g_strdup ("stats-record");
  answer->kind = REFRAME_FEEDBACK_KIND_MOOD_PATTERN;
  answer->created_at = g_date_time_new_utc (year, month, 15, 12, 0, 0);
  answer->provider_id = g_strdup ("ollama");
  answer->model = g_strdup ("llama3.2");
  answer->prompt_id = g_strdup ("mood-pattern-reflection");
  answer->prompt_version = 1;
  answer->text = g_strdup ("An answer.");
  answer->sent_text = g_strdup ("What was sent.");
  answer->ttft_ms = ttft;
  answer->total_ms = total;
  return answer;
}

static guint rated_signals;

static void
answer_rated_cb (ReframeFeedbackStore *store,
                 const char           *uuid,
                 gpointer              user_data)
{
  g_assert_cmpstr (uuid, ==, user_data);
  rated_signals++;
}

static void
test_store_rating_and_stats (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = g_dir_make_tmp ("reframe-stats-XXXXXX", NULL);
  g_autoptr(ReframeDatabase) db = NULL;
  g_autoptr(ReframeFeedbackStore) store = NULL;
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(ReframeFeedbackAnswer) rated = NULL;
  g_autoptr(ReframeFeedbackAnswer) unrated = NULL;
  g_autoptr(GError) error = NULL;
  ReframeFeedbackStats *march;
  ReframeFeedbackStats *april;
  const char *first_uuid;
  gulong handler;

  path = g_build_filename (dir, "stats.db", NULL);
  db = reframe_database_open (path, &error);
  g_assert_no_error (error);
  store = reframe_feedback_store_new (db);

  /* March: three answers (one offline); April: one. */
  g_ptr_array_add (answers, make_answer (2025, 3, 100, 1000));
  g_ptr_array_add (answers, make_answer (2025, 3, 300, 3000));
  g_ptr_array_add (answers, make_answer (2025, 3, -1, 5));
  g_ptr_array_add (answers, make_answer (2025, 4, 50, 500));
  for (guint i = 0; i < answers->len; i++)
    {
      reframe_feedback_store_save (store, g_ptr_array_index (answers, i), &error);
      g_assert_no_error (error);
    }
  first_uuid = reframe_feedback_answer_get_uuid (g_ptr_array_index (answers, 0));

  handler = g_signal_connect (store, "answer-rated", G_CALLBACK (answer_rated_cb),
                              (gpointer) first_uuid);
  reframe_feedback_store_rate (store, first_uuid, 1, "It helped me see it differently.", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rated_signals, ==, 1);
  g_signal_handler_disconnect (store, handler);
  reframe_feedback_store_rate (store,
                               reframe_feedback_answer_get_uuid (g_ptr_array_index (answers, 1)),
                               -1, "", &error);
  g_assert_no_error (error);

  rated = reframe_feedback_store_get (store, first_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reframe_feedback_answer_get_rating (rated), ==, 1);
  g_assert_cmpstr (reframe_feedback_answer_get_rating_reason (rated), ==,
                   "It helped me see it differently.");
  g_assert_nonnull (reframe_feedback_answer_get_rated_at (rated));

  /* Bad ratings and unknown answers are refused. */
  g_assert_false (reframe_feedback_store_rate (store, "no-such-answer", 1, NULL, &error));
  g_assert_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (reframe_feedback_store_rate (store, "no-such-answer", 2, NULL, &error));
  g_assert_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_INVALID);
  g_clear_error (&error);

  stats = reframe_feedback_store_monthly_stats (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->len, ==, 2);
  march = g_ptr_array_index (stats, 0);
  april = g_ptr_array_index (stats, 1);
  g_assert_cmpint (g_date_time_get_month (march->month), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (march->month), ==, 1);
  g_assert_cmpuint (march->answers, ==, 3);
  g_assert_cmpuint (march->rated, ==, 2);
  g_assert_cmpuint (march->helpful, ==, 1);
  g_assert_cmpfloat_with_epsilon (march->helpful_share, 0.5, 1e-9);
  g_assert_cmpint (march->median_ttft_ms, ==, 200);
  g_assert_cmpint (march->median_total_ms, ==, 1000);
  g_assert_cmpuint (april->answers, ==, 1);
  g_assert_cmpuint (april->rated, ==, 0);
  g_assert_cmpfloat (april->helpful_share, ==, 0.0);
  g_assert_cmpint (april->median_ttft_ms, ==, 50);

  /* Taking a rating back. */
  reframe_feedback_store_rate (store, first_uuid, 0, "ignored", &error);
  g_assert_no_error (error);
  unrated = reframe_feedback_store_get (store, first_uuid, &error);
  g_assert_cmpint (reframe_feedback_answer_get_rating (unrated), ==, 0);
  g_assert_null (reframe_feedback_answer_get_rating_reason (unrated));
  g_assert_null (reframe_feedback_answer_get_rated_at (unrated));

  /* Deleting a record's answers. */
  reframe_feedback_store_delete_for_record (store, "stats-record", &error);
  g_assert_no_error (error);
  listed = reframe_feedback_store_list_for_record (store, "stats-record", &error);
  g_assert_cmpuint (listed->len, ==, 0);

  g_clear_object (&store);
  g_clear_object (&db);
  reframe_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (g_test_subprocess ())
    {
      /* A child of g_test_trap_subprocess(): the parent's mock and data folder. */
      mock_url = g_strdup (g_getenv ("REFRAME_TEST_MOCK_URL"));
      data_dir = g_strdup (g_getenv ("REFRAME_DATA_DIR"));
    }
  else
    {
      start_mock ();
      g_setenv ("REFRAME_TEST_MOCK_URL", mock_url, TRUE);
      data_dir = reframe_test_make_data_dir ();
    }
  database = reframe_database_open_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/reframe/feedback-session/prompts", test_prompts);
  g_test_add_func ("/reframe/feedback-session/config-from-settings", test_config_from_settings);
  g_test_add_func ("/reframe/feedback-session/journal-end-to-end", test_journal_end_to_end);
  g_test_add_func ("/reframe/feedback-session/saved-in-store", test_saved_signal);
  g_test_add_func ("/reframe/feedback-session/redaction", test_redaction);
  g_test_add_func ("/reframe/feedback-session/consent", test_consent);
  g_test_add_func ("/reframe/feedback-session/crisis", test_crisis);
  g_test_add_func ("/reframe/feedback-session/reply-hidden", test_reply_hidden);
  g_test_add_func ("/reframe/feedback-session/cancel-before-first-token",
                   test_cancel_before_first_token);
  g_test_add_func ("/reframe/feedback-session/cancel-while-streaming",
                   test_cancel_while_streaming);
  g_test_add_func ("/reframe/feedback-session/errors", test_errors);
  g_test_add_func ("/reframe/feedback-session/follow-up", test_follow_up);
  g_test_add_func ("/reframe/feedback-session/thought-record", test_thought_record);
  g_test_add_func ("/reframe/feedback-session/network-filter-works", test_network_filter_works);
  g_test_add_func ("/reframe/feedback-session/offline-no-network", test_offline);
  g_test_add_func ("/reframe/feedback-store/rating-and-stats", test_store_rating_and_stats);

  status = g_test_run ();

  g_clear_object (&database);
  if (!g_test_subprocess ())
    {
      stop_mock ();
      reframe_test_remove_tree (data_dir);
    }
  g_free (mock_url);
  g_free (data_dir);
  return status;
}
