/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <curl/curl.h>
#include <json-glib/json-glib.h>

#include "reframe-automatic-thought-row.h"
#include "reframe-checkin-dialog.h"
#include "reframe-consent-dialog.h"
#include "reframe-entry-editor.h"
#include "reframe-feedback-panel.h"
#include "reframe-feedback-preferences.h"
#include "reframe-feedback-stats-dialog.h"
#include "reframe-journal-page.h"
#include "reframe-preferences-window.h"
#include "reframe-provider.h"
#include "reframe-safety-panel.h"
#include "reframe-test-ui.h"
#include "reframe-test-util.h"
#include "reframe-text-area.h"
#include "reframe-thought-record-dialog.h"
#include "reframe-trap-picker.h"

/* What the mock answers in its "normal" mode (tests/mock-llm-server.py). */
#define MOCK_ANSWER "Hello, world! Ça va 🙂?"

static const char *entry_text =
  "My manager frowned while I presented. I always mess everything up when it matters. "
  "Anna said it went fine, but she was just being nice.";

/* The mock server, started once for all tests. */
static GSubprocess *mock;
static guint mock_port;
static char *mock_url;

static void
start_mock (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "mock-llm-server.py", NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *port_line = NULL;

  g_assert_nonnull (python);
  /* stdin stays open while the test runs; the mock exits when it closes. */
  mock = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                           &error, python, script, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (mock));
  port_line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (port_line);

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

/* The chat requests the mock received for @model (GET /_requests). */
static guint
count_chat_requests (const char *model)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *url = g_strdup_printf ("%s/_requests", mock_url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *all;
  CURL *curl = curl_easy_init ();
  CURLcode code;
  guint count = 0;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_PROXY, "");
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, collect_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, body);
  code = curl_easy_perform (curl);
  curl_easy_cleanup (curl);
  g_assert_cmpint (code, ==, CURLE_OK);

  json_parser_load_from_data (parser, body->str, body->len, &error);
  g_assert_no_error (error);
  all = json_node_get_array (json_parser_get_root (parser));

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *request = json_array_get_object_element (all, i);
      JsonNode *request_body = json_object_get_member (request, "body");

      if (request_body != NULL && JSON_NODE_HOLDS_OBJECT (request_body) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (request_body),
                                                                 "model", NULL),
                     model) == 0)
        count++;
    }

  return count;
}

/* A model name no other test uses, so that each test counts only its own requests. */
static char *
unique_model (const char *mode)
{
  static guint counter;

  return g_strdup_printf ("%s/feedback-ui-%u", mode, ++counter);
}

/* Helpers */

static GSettings *
get_settings (ReframeTestApp *test)
{
  return reframe_application_get_settings (test->app);
}

static void
use_provider (ReframeTestApp *test,
              const char     *provider,
              const char     *url,
              const char     *model)
{
  GSettings *settings = get_settings (test);

  g_settings_set_string (settings, "feedback-provider", provider);
  g_settings_set_string (settings, "feedback-base-url", url != NULL ? url : "");
  g_settings_set_string (settings, "feedback-model", model != NULL ? model : "");
}

typedef struct
{
  GtkWidget            *editor;
  ReframeFeedbackPanel *panel;
} Journal;

/* A new entry with @text, saved, with the feedback panel open. */
static Journal
write_entry (ReframeTestApp *test,
             const char     *text)
{
  Journal j;
  GtkWidget *page;

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-entry", NULL);
  page = reframe_test_find_typed (GTK_WIDGET (test->window), "journal_page",
                                  REFRAME_TYPE_JOURNAL_PAGE);
  j.editor = reframe_test_find_typed (page, "editor", REFRAME_TYPE_ENTRY_EDITOR);
  g_assert_nonnull (j.editor);
  j.panel = REFRAME_FEEDBACK_PANEL (reframe_test_find_typed (j.editor, "feedback_panel",
                                                             REFRAME_TYPE_FEEDBACK_PANEL));
  g_assert_nonnull (j.panel);

  reframe_test_set_text (reframe_test_find (j.editor, "body_view"), text);
  g_assert_true (reframe_entry_editor_flush (REFRAME_ENTRY_EDITOR (j.editor)));
  g_assert_nonnull (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)));

  return j;
}

static void
get_feedback (Journal *j)
{
  reframe_test_activate_action (j->editor, "editor.get-feedback", NULL);
}

static gboolean
panel_idle_cb (gpointer data)
{
  return !reframe_feedback_panel_get_busy (data);
}

static void
wait_until_idle (ReframeFeedbackPanel *panel)
{
  g_assert_true (reframe_test_wait_for (panel_idle_cb, panel, 20000));
  reframe_test_iterate (50);
}

static GPtrArray *
answers_for (const char *uuid)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *answers;

  answers = reframe_feedback_store_list_for_record (reframe_feedback_panel_get_store (), uuid,
                                                    &error);
  g_assert_no_error (error);
  return answers;
}

/* Tests */

static void
stream_answer_cb (ReframeTestApp *test,
                  gpointer        user_data)
{
  g_autofree char *model = unique_model ("normal");
  g_autoptr(GPtrArray) answers = NULL;
  ReframeFeedbackAnswer *answer;
  Journal j;

  use_provider (test, "ollama", mock_url, model);
  j = write_entry (test, entry_text);

  get_feedback (&j);
  g_assert_true (reframe_feedback_panel_get_busy (j.panel));
  wait_until_idle (j.panel);

  /* The person sees the answer, marked as written by a language model, with the note. */
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (j.panel), MOCK_ANSWER));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (j.panel), "AI"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (j.panel), "Not medical advice"));
  g_assert_true (gtk_widget_get_mapped (reframe_test_find (GTK_WIDGET (j.panel), "follow_up_entry")));
  g_assert_cmpuint (count_chat_requests (model), ==, 1);

  /* It was saved with the entry, with what was sent. */
  answers = answers_for (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)));
  g_assert_cmpuint (answers->len, ==, 1);
  answer = g_ptr_array_index (answers, 0);
  g_assert_cmpstr (reframe_feedback_answer_get_text (answer), ==, MOCK_ANSWER);
  g_assert_cmpstr (reframe_feedback_answer_get_provider_id (answer), ==, "ollama");
  g_assert_nonnull (strstr (reframe_feedback_answer_get_sent_text (answer), "just being nice"));
  g_assert_cmpint (reframe_feedback_answer_get_kind (answer), ==, REFRAME_FEEDBACK_KIND_JOURNAL);

  /* Rating it is saved too. */
  {
    g_autoptr(GPtrArray) toggles = reframe_test_find_all_by_type (GTK_WIDGET (j.panel),
                                                                  GTK_TYPE_TOGGLE_BUTTON);
    g_autoptr(GPtrArray) rated = NULL;

    g_assert_cmpuint (toggles->len, >=, 2);
    gtk_toggle_button_set_active (g_ptr_array_index (toggles, 0), TRUE);
    reframe_test_iterate (50);
    rated = answers_for (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)));
    g_assert_cmpint (reframe_feedback_answer_get_rating (g_ptr_array_index (rated, 0)), ==, 1);
  }

  /* A follow-up question is answered in the same conversation and saved with its question. */
  reframe_test_set_text (reframe_test_find (GTK_WIDGET (j.panel), "follow_up_entry"),
                         "What could I do next time?");
  reframe_test_activate_action (GTK_WIDGET (j.panel), "feedback.ask", NULL);
  wait_until_idle (j.panel);
  g_assert_cmpuint (count_chat_requests (model), ==, 2);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (j.panel), "What could I do next time?"));
  {
    g_autoptr(GPtrArray) both = answers_for (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)));

    g_assert_cmpuint (both->len, ==, 2);
    g_assert_cmpstr (reframe_feedback_answer_get_question (g_ptr_array_index (both, 1)), ==,
                     "What could I do next time?");
  }
}

static void
test_stream_answer (void)
{
  reframe_test_app_run (NULL, FALSE, stream_answer_cb, NULL);
}

static gboolean
has_streamed_text_cb (gpointer data)
{
  return reframe_test_shows_text (data, "tick");
}

static void
stop_cb (ReframeTestApp *test,
         gpointer        user_data)
{
  g_autofree char *model = unique_model ("forever");
  gint64 stopped_at;
  Journal j;

  use_provider (test, "ollama", mock_url, model);
  j = write_entry (test, entry_text);

  get_feedback (&j);
  /* The never-ending answer streams in… */
  g_assert_true (reframe_test_wait_for (has_streamed_text_cb, j.panel, 20000));
  g_assert_true (reframe_feedback_panel_get_busy (j.panel));

  /* …and Stop ends it at once, keeping what arrived. */
  stopped_at = g_get_monotonic_time ();
  reframe_test_activate_action (GTK_WIDGET (j.panel), "feedback.stop", NULL);
  wait_until_idle (j.panel);
  g_assert_cmpint (g_get_monotonic_time () - stopped_at, <, 3 * G_USEC_PER_SEC);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (j.panel), "tick"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (j.panel), "Stopped"));

  /* No more text arrives after Stop. */
  {
    GtkWidget *scroller = reframe_test_find (j.editor, "feedback_scroller");
    g_autoptr(GPtrArray) before = reframe_test_find_all_by_type (scroller, GTK_TYPE_LABEL);
    g_autofree char *text = NULL;
    GtkLabel *longest = NULL;

    for (guint i = 0; i < before->len; i++)
      if (strstr (gtk_label_get_text (before->pdata[i]), "tick") != NULL)
        longest = before->pdata[i];
    g_assert_nonnull (longest);
    text = g_strdup (gtk_label_get_text (longest));
    reframe_test_iterate (600);
    g_assert_cmpstr (gtk_label_get_text (longest), ==, text);
  }
}

static void
test_stop (void)
{
  reframe_test_app_run (NULL, FALSE, stop_cb, NULL);
}

static void
offline_cb (ReframeTestApp *test,
            gpointer        user_data)
{
  g_autoptr(GPtrArray) answers = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *uuid = NULL;
  ReframeFeedbackAnswer *answer;
  Journal j;

  /* The default: the built-in coach, with no network at all. */
  provider = g_settings_get_string (get_settings (test), "feedback-provider");
  g_assert_cmpstr (provider, ==, "builtin");
  j = write_entry (test, entry_text);
  uuid = g_strdup (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)));

  get_feedback (&j);
  wait_until_idle (j.panel);

  g_assert_true (reframe_test_shows_text (GTK_WIDGET (j.panel), "Built-in coach"));
  g_assert_false (reframe_test_shows_text (GTK_WIDGET (j.panel), "Could not"));
  answers = answers_for (uuid);
  g_assert_cmpuint (answers->len, ==, 1);
  answer = g_ptr_array_index (answers, 0);
  g_assert_cmpstr (reframe_feedback_answer_get_provider_id (answer), ==, "builtin");
  g_assert_cmpstr (reframe_feedback_answer_get_sent_text (answer), ==, "");
  g_assert_cmpuint (strlen (reframe_feedback_answer_get_text (answer)), >, 20);

  /* Saved answers come back when the entry is opened again. */
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-entry", NULL);
  g_assert_false (reframe_test_shows_text (GTK_WIDGET (j.panel), "Built-in coach"));
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.open-entry",
                                g_variant_new_string (uuid));
  g_assert_cmpstr (reframe_feedback_panel_get_record_uuid (j.panel), ==, uuid);
  reframe_test_activate_action (j.editor, "editor.toggle-feedback", NULL);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (j.panel), "Built-in coach"));
}

static void
test_offline (void)
{
  reframe_test_app_run (NULL, FALSE, offline_cb, NULL);
}

static GtkWidget *
find_undo_button (GtkWidget *root)
{
  g_autoptr(GPtrArray) buttons = reframe_test_find_all_by_type (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (buttons, i)) &&
        g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Undo") == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static void
delete_with_entry_cb (ReframeTestApp *test,
                      gpointer        user_data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *uuid = NULL;
  Journal j;

  j = write_entry (test, entry_text);
  uuid = g_strdup (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)));
  get_feedback (&j);
  wait_until_idle (j.panel);
  before = answers_for (uuid);
  g_assert_cmpuint (before->len, ==, 1);

  /* The feedback holds the person's words: deleting the entry deletes it too. */
  reframe_test_activate_action (j.editor, "editor.delete", NULL);
  gone = answers_for (uuid);
  g_assert_cmpuint (gone->len, ==, 0);

  /* Undo brings back the entry and its feedback, as they were. */
  reframe_test_click (find_undo_button (GTK_WIDGET (test->window)));
  back = answers_for (uuid);
  g_assert_cmpuint (back->len, ==, 1);
  g_assert_cmpstr (reframe_feedback_answer_get_uuid (g_ptr_array_index (back, 0)), ==,
                   reframe_feedback_answer_get_uuid (g_ptr_array_index (before, 0)));
  g_assert_cmpstr (reframe_feedback_answer_get_text (g_ptr_array_index (back, 0)), ==,
                   reframe_feedback_answer_get_text (g_ptr_array_index (before, 0)));
}

static void
test_delete_with_entry (void)
{
  reframe_test_app_run (NULL, FALSE, delete_with_entry_cb, NULL);
}

static void
crisis_cb (ReframeTestApp *test,
           gpointer        user_data)
{
  GtkWidget *safety;
  g_autofree char *uuid = NULL;
  Journal j;

  /* No provider at all: the crisis lines still come first. */
  use_provider (test, "custom", NULL, NULL);
  j = write_entry (test, "Everything feels pointless. I keep thinking I want to kill myself.");
  uuid = g_strdup (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)));

  get_feedback (&j);
  reframe_test_iterate (100);

  safety = reframe_test_find_typed (GTK_WIDGET (j.panel), "safety_panel", REFRAME_TYPE_SAFETY_PANEL);
  g_assert_true (gtk_widget_get_mapped (safety));
  g_assert_true (reframe_test_shows_text (safety, "988"));
  g_assert_true (reframe_test_shows_text (safety, "116 123"));
  g_assert_true (reframe_test_shows_text (safety, "findahelpline.com"));
  g_assert_cmpint (reframe_safety_panel_get_kind (REFRAME_SAFETY_PANEL (safety)) &
                   REFRAME_SAFETY_SUICIDE, !=, 0);
  /* Nothing else yet: no answer, nothing saved. */
  g_assert_false (reframe_test_shows_text (GTK_WIDGET (j.panel), "Not medical advice"));
  {
    g_autoptr(GPtrArray) answers = answers_for (uuid);
    g_assert_cmpuint (answers->len, ==, 0);
  }

  /* Going on is the person's choice; with no address set, the error says what to do. */
  reframe_test_click (reframe_test_find (safety, "continue_button"));
  wait_until_idle (j.panel);
  g_assert_false (gtk_widget_get_mapped (safety));
  g_assert_true (gtk_widget_get_mapped (reframe_test_find (GTK_WIDGET (j.panel), "error_box")));
}

static void
test_crisis (void)
{
  reframe_test_app_run (NULL, FALSE, crisis_cb, NULL);
}

static void
crisis_offline_cb (ReframeTestApp *test,
                   gpointer        user_data)
{
  GtkWidget *safety;
  Journal j;

  j = write_entry (test, "I don't want to be alive anymore.");
  get_feedback (&j);
  reframe_test_iterate (100);

  safety = reframe_test_find (GTK_WIDGET (j.panel), "safety_panel");
  g_assert_true (gtk_widget_get_mapped (safety));
  g_assert_true (reframe_test_shows_text (safety, "988"));

  reframe_test_click (reframe_test_find (safety, "continue_button"));
  wait_until_idle (j.panel);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (j.panel), "Built-in coach"));
}

static void
test_crisis_offline (void)
{
  reframe_test_app_run (NULL, FALSE, crisis_offline_cb, NULL);
}

static gboolean
consent_dialog_cb (gpointer data)
{
  return reframe_test_wait_for_window (REFRAME_TYPE_CONSENT_DIALOG, 0) != NULL;
}

static void
consent_cb (ReframeTestApp *test,
            gpointer        user_data)
{
  g_autofree char *model = unique_model ("normal");
  /* 0.0.0.0 is not a loopback address to Reframe, so it asks; Linux still delivers the
   * connection to this computer, where the mock listens. */
  g_autofree char *url = g_strdup_printf ("http://0.0.0.0:%u", mock_port);
  const char *names[] = { "Anna", NULL };
  ReframeConsentDialog *dialog;
  g_auto(GStrv) consents = NULL;
  const char *outgoing;
  Journal j;

  use_provider (test, "custom", url, model);
  g_settings_set_strv (get_settings (test), "names-to-hide", names);
  j = write_entry (test, entry_text);

  /* Asking shows exactly what would go out, with the name hidden; nothing is sent yet. */
  get_feedback (&j);
  g_assert_true (reframe_test_wait_for (consent_dialog_cb, NULL, 10000));
  dialog = REFRAME_CONSENT_DIALOG (reframe_test_wait_for_window (REFRAME_TYPE_CONSENT_DIALOG, 0));
  g_assert_nonnull (strstr (reframe_consent_dialog_get_host (dialog), "0.0.0.0"));
  outgoing = reframe_consent_dialog_get_outgoing (dialog);
  g_assert_nonnull (strstr (outgoing, "just being nice"));
  g_assert_null (strstr (outgoing, "Anna"));
  g_assert_nonnull (strstr (outgoing, "[NAME-1]"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "0.0.0.0"));
  reframe_test_iterate (300);
  g_assert_cmpuint (count_chat_requests (model), ==, 0);

  /* Don't Send: still nothing, and the panel says so. */
  reframe_test_activate_action (GTK_WIDGET (dialog), "consent.dont-send", NULL);
  reframe_test_iterate (300);
  g_assert_null (reframe_test_wait_for_window (REFRAME_TYPE_CONSENT_DIALOG, 0));
  g_assert_false (reframe_feedback_panel_get_busy (j.panel));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (j.panel), "Nothing was sent"));
  g_assert_cmpuint (count_chat_requests (model), ==, 0);
  consents = g_settings_get_strv (get_settings (test), "feedback-consents");
  g_assert_cmpuint (g_strv_length (consents), ==, 0);
  g_clear_pointer (&consents, g_strfreev);

  /* Closing the dialog is no either. */
  get_feedback (&j);
  g_assert_true (reframe_test_wait_for (consent_dialog_cb, NULL, 10000));
  gtk_window_close (reframe_test_wait_for_window (REFRAME_TYPE_CONSENT_DIALOG, 0));
  reframe_test_iterate (300);
  g_assert_cmpuint (count_chat_requests (model), ==, 0);

  /* Send: the answer comes, and the yes is remembered for this provider. */
  get_feedback (&j);
  g_assert_true (reframe_test_wait_for (consent_dialog_cb, NULL, 10000));
  reframe_test_activate_action (GTK_WIDGET (reframe_test_wait_for_window (REFRAME_TYPE_CONSENT_DIALOG, 0)),
                                "consent.send", NULL);
  wait_until_idle (j.panel);
  g_assert_cmpuint (count_chat_requests (model), ==, 1);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (j.panel), MOCK_ANSWER));
  consents = g_settings_get_strv (get_settings (test), "feedback-consents");
  g_assert_cmpuint (g_strv_length (consents), ==, 1);
  g_assert_cmpstr (consents[0], ==, url);

  /* Asked again, it sends without asking. */
  reframe_test_activate_action (GTK_WIDGET (j.panel), "feedback.regenerate", NULL);
  reframe_test_iterate (100);
  g_assert_null (reframe_test_wait_for_window (REFRAME_TYPE_CONSENT_DIALOG, 0));
  wait_until_idle (j.panel);
  g_assert_cmpuint (count_chat_requests (model), ==, 2);
}

static void
test_consent (void)
{
  reframe_test_app_run (NULL, FALSE, consent_cb, NULL);
}

static gboolean
traps_shown_cb (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
traps_cb (ReframeTestApp *test,
          gpointer        user_data)
{
  ReframeThoughtRecordDialog *dialog;
  GtkWidget *row;
  GtkWidget *suggestions;
  ReframeTrapPicker *picker;
  g_auto(GStrv) selected = NULL;
  gboolean any_suggested = FALSE;

  /* With a language model set, the offline suggestions still come. */
  use_provider (test, "ollama", mock_url, "normal");

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-thought-record", NULL);
  dialog = REFRAME_THOUGHT_RECORD_DIALOG (reframe_test_wait_for_window (REFRAME_TYPE_THOUGHT_RECORD_DIALOG,
                                                                        5000));
  g_assert_nonnull (dialog);

  reframe_thought_record_dialog_set_step (dialog, REFRAME_THOUGHT_RECORD_STEP_THOUGHTS);
  reframe_test_iterate (100);
  row = reframe_test_find_by_type (reframe_test_find (GTK_WIDGET (dialog), "thoughts_list"),
                                   REFRAME_TYPE_AUTOMATIC_THOUGHT_ROW);
  g_assert_nonnull (row);
  reframe_test_set_text (GTK_WIDGET (reframe_text_area_get_text_view (
                           reframe_automatic_thought_row_get_text_area (REFRAME_AUTOMATIC_THOUGHT_ROW (row)))),
                         "I always mess everything up");

  reframe_thought_record_dialog_set_step (dialog, REFRAME_THOUGHT_RECORD_STEP_TRAPS);
  suggestions = reframe_test_find (GTK_WIDGET (dialog), "trap_suggestions_box");
  g_assert_true (reframe_test_wait_for (traps_shown_cb, suggestions, 5000));
  g_assert_true (reframe_test_shows_text (suggestions, "“always”") ||
                 reframe_test_shows_text (suggestions, "“I always”"));
  g_assert_true (reframe_test_shows_text (suggestions, "might be"));

  /* Marked in the list, but never ticked for the person. */
  picker = REFRAME_TRAP_PICKER (reframe_test_find (GTK_WIDGET (dialog), "trap_picker"));
  {
    AdwExpanderRow *trap_row = reframe_trap_picker_get_row (picker, "overgeneralization");

    g_assert_nonnull (trap_row);
    any_suggested = reframe_test_shows_text (GTK_WIDGET (trap_row), "Suggested");
  }
  g_assert_true (any_suggested);
  selected = reframe_trap_picker_get_selected (picker);
  g_assert_cmpuint (g_strv_length (selected), ==, 0);
  g_assert_cmpuint (g_strv_length ((GStrv) reframe_thought_record_get_traps (
                      reframe_thought_record_dialog_get_record (dialog))), ==, 0);
}

static void
test_traps (void)
{
  reframe_test_app_run (NULL, FALSE, traps_cb, NULL);
}

static void
preferences_cb (ReframeTestApp *test,
                gpointer        user_data)
{
  GSettings *settings = get_settings (test);
  const char *consents[] = { "https://api.example.com", NULL };
  g_autofree char *base_url = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) left = NULL;
  GtkWidget *prefs;
  GtkWidget *page;
  GtkWidget *url_row;
  GtkWidget *add_name;

  use_provider (test, "ollama", NULL, NULL);
  g_settings_set_strv (settings, "feedback-consents", consents);

  prefs = reframe_preferences_window_new (GTK_WINDOW (test->window));
  gtk_window_present (GTK_WINDOW (prefs));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "feedback");
  reframe_test_iterate (200);
  page = reframe_test_find_by_type (prefs, REFRAME_TYPE_FEEDBACK_PREFERENCES);
  g_assert_nonnull (page);

  /* The preset's own address is shown; a pasted endpoint is shown and stored normalised. */
  url_row = reframe_test_find (page, "url_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, "http://127.0.0.1:11434");
  reframe_test_set_text (url_row, "localhost:11434/v1/chat/completions");
  g_assert_true (reframe_test_shows_text (page, "http://localhost:11434"));
  g_signal_emit_by_name (url_row, "apply");
  reframe_test_iterate (50);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, "http://localhost:11434");
  base_url = g_settings_get_string (settings, "feedback-base-url");
  g_assert_cmpstr (base_url, ==, "http://localhost:11434");

  /* Plain http to another computer is pointed out. */
  reframe_test_set_text (url_row, "http://192.0.2.7:8080/v1");
  g_assert_true (reframe_test_shows_text (page, "not encrypted"));

  /* Names to hide */
  add_name = reframe_test_find (page, "add_name_row");
  reframe_test_set_text (add_name, "Anna");
  g_signal_emit_by_name (add_name, "apply");
  reframe_test_set_text (add_name, "anna");
  g_signal_emit_by_name (add_name, "apply");
  reframe_test_iterate (50);
  names = g_settings_get_strv (settings, "names-to-hide");
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "Anna");
  g_assert_true (reframe_test_shows_text (page, "Anna"));

  /* Withdrawing an agreement */
  g_assert_true (reframe_test_shows_text (page, "api.example.com"));
  {
    g_autoptr(GPtrArray) buttons = reframe_test_find_all_by_type (page, GTK_TYPE_BUTTON);
    GtkWidget *withdraw = NULL;

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Withdraw") == 0)
        withdraw = buttons->pdata[i];
    g_assert_nonnull (withdraw);
    reframe_test_click (withdraw);
  }
  left = g_settings_get_strv (settings, "feedback-consents");
  g_assert_cmpuint (g_strv_length (left), ==, 0);
  g_assert_false (reframe_test_shows_text (page, "api.example.com"));

  /* The built-in coach needs no connection settings. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (reframe_test_find (page, "provider_row")),
                              REFRAME_PROVIDER_BUILTIN);
  reframe_test_iterate (50);
  g_assert_false (gtk_widget_get_mapped (reframe_test_find (page, "connection_group")));
  g_clear_pointer (&base_url, g_free);
  base_url = g_settings_get_string (settings, "feedback-provider");
  g_assert_cmpstr (base_url, ==, "builtin");
}

static void
test_preferences (void)
{
  reframe_test_app_run (NULL, FALSE, preferences_cb, NULL);
}

static void
checkin_and_record_cb (ReframeTestApp *test,
                       gpointer        user_data)
{
  GtkWindow *window;
  ReframeFeedbackPanel *panel;
  ReframeThoughtRecordDialog *record_dialog;
  ReframeThoughtRecord *record;
  g_autoptr(GPtrArray) checkins = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autofree char *uuid = NULL;
  GtkWidget *row;

  /* A check-in note, with the feedback saved under the check-in once it is saved. */
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.checkin-with-mood",
                                g_variant_new_int32 (3));
  window = reframe_test_wait_for_window (REFRAME_TYPE_CHECKIN_DIALOG, 5000);
  g_assert_nonnull (window);
  panel = REFRAME_FEEDBACK_PANEL (reframe_test_find (GTK_WIDGET (window), "feedback_panel"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_false (gtk_widget_is_sensitive (reframe_test_find (GTK_WIDGET (window), "feedback_button")));

  reframe_test_set_text (reframe_test_find (GTK_WIDGET (window), "note_view"),
                         "Couldn't sleep. I'll never get on top of work.");
  reframe_test_activate_action (GTK_WIDGET (window), "checkin.get-feedback", NULL);
  wait_until_idle (panel);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (panel), "Built-in coach"));
  uuid = g_strdup (reframe_feedback_panel_get_record_uuid (panel));
  g_assert_nonnull (uuid);

  reframe_test_activate_action (GTK_WIDGET (window), "checkin.save", NULL);
  reframe_test_iterate (100);
  checkins = reframe_mood_store_list (reframe_application_get_mood_store (test->app), 0, 10, NULL);
  g_assert_cmpuint (checkins->len, ==, 1);
  g_assert_cmpstr (reframe_checkin_get_uuid (g_ptr_array_index (checkins, 0)), ==, uuid);
  answers = answers_for (uuid);
  g_assert_cmpuint (answers->len, ==, 1);
  g_assert_cmpint (reframe_feedback_answer_get_kind (g_ptr_array_index (answers, 0)), ==,
                   REFRAME_FEEDBACK_KIND_CHECKIN);
  g_clear_pointer (&answers, g_ptr_array_unref);

  /* Opened again, the check-in shows its feedback. */
  window = GTK_WINDOW (reframe_checkin_dialog_new (GTK_WINDOW (test->window),
                                                   g_ptr_array_index (checkins, 0), -1));
  gtk_window_present (window);
  reframe_test_iterate (100);
  panel = REFRAME_FEEDBACK_PANEL (reframe_test_find (GTK_WIDGET (window), "feedback_panel"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (panel), "Built-in coach"));
  gtk_window_close (window);
  reframe_test_iterate (100);

  /* A thought record: help with the balanced-thought step, saved with the record. */
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-thought-record", NULL);
  record_dialog = REFRAME_THOUGHT_RECORD_DIALOG (reframe_test_wait_for_window (REFRAME_TYPE_THOUGHT_RECORD_DIALOG,
                                                                               5000));
  reframe_thought_record_dialog_set_step (record_dialog, REFRAME_THOUGHT_RECORD_STEP_THOUGHTS);
  reframe_test_iterate (100);
  row = reframe_test_find_by_type (reframe_test_find (GTK_WIDGET (record_dialog), "thoughts_list"),
                                   REFRAME_TYPE_AUTOMATIC_THOUGHT_ROW);
  reframe_test_set_text (GTK_WIDGET (reframe_text_area_get_text_view (
                           reframe_automatic_thought_row_get_text_area (REFRAME_AUTOMATIC_THOUGHT_ROW (row)))),
                         "Everyone thinks I'm useless");
  reframe_thought_record_dialog_set_step (record_dialog, REFRAME_THOUGHT_RECORD_STEP_BALANCED);
  reframe_test_iterate (100);
  panel = REFRAME_FEEDBACK_PANEL (reframe_test_find (GTK_WIDGET (record_dialog), "balanced_feedback_panel"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  reframe_test_activate_action (GTK_WIDGET (record_dialog), "record.help-balanced", NULL);
  wait_until_idle (panel);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (panel), "Built-in coach"));

  record = reframe_thought_record_dialog_get_record (record_dialog);
  g_assert_nonnull (reframe_thought_record_get_uuid (record));
  answers = answers_for (reframe_thought_record_get_uuid (record));
  g_assert_cmpuint (answers->len, ==, 1);
  g_assert_cmpint (reframe_feedback_answer_get_kind (g_ptr_array_index (answers, 0)), ==,
                   REFRAME_FEEDBACK_KIND_BALANCED_STEP);
}

static void
test_checkin_and_record (void)
{
  reframe_test_app_run (NULL, FALSE, checkin_and_record_cb, NULL);
}

static void
figures_cb (ReframeTestApp *test,
            gpointer        user_data)
{
  GtkWindow *dialog;
  Journal j;

  gtk_widget_activate_action (GTK_WIDGET (test->window), "win.feedback-figures", NULL);
  dialog = reframe_test_wait_for_window (REFRAME_TYPE_FEEDBACK_STATS_DIALOG, 5000);
  g_assert_nonnull (dialog);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "No Feedback Yet"));
  gtk_window_close (dialog);
  reframe_test_iterate (100);

  j = write_entry (test, entry_text);
  get_feedback (&j);
  wait_until_idle (j.panel);

  gtk_widget_activate_action (GTK_WIDGET (test->window), "win.feedback-figures", NULL);
  dialog = reframe_test_wait_for_window (REFRAME_TYPE_FEEDBACK_STATS_DIALOG, 5000);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Answers"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "None rated"));
  g_assert_false (reframe_test_shows_text (GTK_WIDGET (dialog), "No Feedback Yet"));
}

static void
test_figures (void)
{
  reframe_test_app_run (NULL, FALSE, figures_cb, NULL);
}

int
main (int    argc,
      char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  start_mock ();

  g_test_add_func ("/reframe/feedback-ui/stream-answer", test_stream_answer);
  g_test_add_func ("/reframe/feedback-ui/stop", test_stop);
  g_test_add_func ("/reframe/feedback-ui/offline", test_offline);
  g_test_add_func ("/reframe/feedback-ui/delete-with-entry", test_delete_with_entry);
  g_test_add_func ("/reframe/feedback-ui/crisis", test_crisis);
  g_test_add_func ("/reframe/feedback-ui/crisis-offline", test_crisis_offline);
  g_test_add_func ("/reframe/feedback-ui/consent", test_consent);
  g_test_add_func ("/reframe/feedback-ui/traps", test_traps);
  g_test_add_func ("/reframe/feedback-ui/preferences", test_preferences);
  g_test_add_func ("/reframe/feedback-ui/checkin-and-record", test_checkin_and_record);
  g_test_add_func ("/reframe/feedback-ui/figures", test_figures);

  status = g_test_run ();
  stop_mock ();
  return status;
}
