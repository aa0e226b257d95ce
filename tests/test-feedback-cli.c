/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define _GNU_SOURCE 1

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "reframe-feedback-cli.h"
#include "reframe-feedback-store.h"
#include "reframe-test-util.h"

/* "reframe feedback", run as the built binary, against the mock server
 * (tests/mock-feedback-server.py) on loopback, with a data folder of its own. */

static GSubprocess *mock;
static char *mock_url;
static guint mock_port;
static char *data_dir;

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

static size_t
collect_cb (char   *data,
            size_t  size,
            size_t  n_items,
            void   *user_data)
{
  g_string_append_len (user_data, data, size * n_items);
  return size * n_items;
}

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

static JsonObject *
last_request (void)
{
  g_autoptr(JsonArray) all = fetch_requests ();
  guint n = json_array_get_length (all);

  g_assert_cmpuint (n, >, 0);
  return json_object_ref (json_array_get_object_element (all, n - 1));
}

static char *
write_file (const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (data_dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return data != NULL ? g_strndup (data, size) : g_strdup ("");
}

static GSubprocessLauncher *
new_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "REFRAME_DATA_DIR", data_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "REFRAME_API_KEY", "test-key", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  /* No display at all: the command must not need GTK. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  return launcher;
}

/* Runs "reframe feedback ARGS…" with @input on standard input (NULL for none). */
static int
run_cli (const char  *input,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) stdin_bytes = NULL;
  g_autoptr(GBytes) stdout_bytes = NULL;
  g_autoptr(GBytes) stderr_bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("REFRAME_TEST_BINARY");
  const char *arg;
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, (gpointer) "feedback");
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = new_launcher (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  /* Standard input is a pipe in every run: never a terminal. */
  stdin_bytes = g_bytes_new (input != NULL ? input : "", input != NULL ? strlen (input) : 0);
  g_subprocess_communicate (process, stdin_bytes, NULL, &stdout_bytes, &stderr_bytes, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  *out = bytes_to_string (stdout_bytes);
  *err = bytes_to_string (stderr_bytes);
  if (g_test_verbose ())
    g_printerr ("stdout: %s\nstderr: %s\n", *out, *err);
  return g_subprocess_get_exit_status (process);
}

static guint
count_saved_answers (void)
{
  g_autofree char *path = g_build_filename (data_dir, "reframe.db", NULL);
  g_autoptr(ReframeDatabase) database = NULL;
  g_autoptr(ReframeFeedbackStore) store = NULL;
  g_autoptr(GPtrArray) months = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;
  database = reframe_database_open (path, &error);
  g_assert_no_error (error);
  store = reframe_feedback_store_new (database);
  months = reframe_feedback_store_monthly_stats (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < months->len; i++)
    total += ((ReframeFeedbackStats *) g_ptr_array_index (months, i))->answers;
  return total;
}

/* Tests */

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_cli (NULL, &out, &err, "--help", NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "reframe feedback"));
  g_assert_nonnull (strstr (out, "--provider"));
  g_assert_nonnull (strstr (out, "--model"));
  g_assert_nonnull (strstr (out, "--kind"));
  g_assert_nonnull (strstr (out, "FILE"));
  g_assert_nonnull (strstr (out, "builtin, ollama"));
  g_assert_nonnull (strstr (out, "REFRAME_API_KEY"));
  g_assert_nonnull (strstr (out, "Exit status"));
}

static void
test_stream_file (void)
{
  g_autofree char *path = write_file ("entry.txt", "I felt left out at lunch today.\n", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autofree char *user = NULL;
  JsonObject *headers;
  JsonObject *body;
  guint before = count_saved_answers ();
  int status;

  status = run_cli (NULL, &out, &err, "--provider", mock_url, "--model", "normal", path, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "Hello, world! Ça va 🙂?\n");

  /* The same request the window makes, with the key from the environment. */
  request = last_request ();
  headers = json_object_get_object_member (request, "headers");
  g_assert_cmpstr (json_object_get_string_member (headers, "authorization"), ==,
                   "Bearer test-key");
  body = json_object_get_object_member (request, "body");
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "normal");
  user = json_to_string (json_array_get_element (json_object_get_array_member (body, "messages"),
                                                 1),
                         FALSE);
  g_assert_nonnull (strstr (user, "I felt left out at lunch today."));

  /* Saved like any answer. */
  g_assert_cmpuint (count_saved_answers (), ==, before + 1);
}

static void
test_stdin (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autofree char *body_text = NULL;
  int status;

  status = run_cli ("My thought: I always fail at everything.", &out, &err,
                    "--provider", mock_url, "--model", "normal", "--kind", "thought-record",
                    "-", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "Hello, world! Ça va 🙂?\n");

  request = last_request ();
  {
    JsonObject *body = json_object_get_object_member (request, "body");
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);

    body_text = json_to_string (node, FALSE);
  }
  g_assert_nonnull (strstr (body_text, "I always fail at everything."));
  g_assert_nonnull (strstr (body_text, "Here is my thought record"));
}

static void
test_no_terminal_refuses (void)
{
  g_autofree char *path = write_file ("private.txt", "Something private.", -1);
  g_autofree char *elsewhere = g_strdup_printf ("http://0.0.0.0:%u", mock_port);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint before = count_requests ();
  guint saved = count_saved_answers ();
  int status;

  /* 0.0.0.0 is not loopback, so it needs consent; were anything sent, it would reach the
   * mock on this machine, never the network. */
  status = run_cli (NULL, &out, &err, "--provider", elsewhere, "--model", "normal", path, NULL);
  g_assert_cmpint (status, ==, 3);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "0.0.0.0"));
  g_assert_nonnull (strstr (err, "nothing was sent"));
  g_assert_cmpuint (count_requests (), ==, before);
  g_assert_cmpuint (count_saved_answers (), ==, saved);
}

static void
test_invalid_input (void)
{
  g_autofree char *latin1 = write_file ("latin1.txt", "Caf\xe9 au lait", -1);
  g_autofree char *empty = write_file ("empty.txt", "  \n\n", -1);
  g_autofree char *big_text = g_malloc (REFRAME_FEEDBACK_CLI_MAX_BYTES + 2);
  g_autofree char *big = NULL;
  g_autofree char *missing = g_build_filename (data_dir, "missing.txt", NULL);
  guint before = count_requests ();
  char *out = NULL;
  char *err = NULL;
  int status;

  status = run_cli (NULL, &out, &err, "--provider", mock_url, "--model", "normal", latin1,
                    NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "is not UTF-8 text"));
  g_assert_nonnull (strstr (err, "position 3"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli ("\xff\xfe", &out, &err, "--provider", mock_url, "-", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "The standard input is not UTF-8 text"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  memset (big_text, 'a', REFRAME_FEEDBACK_CLI_MAX_BYTES + 1);
  big_text[REFRAME_FEEDBACK_CLI_MAX_BYTES + 1] = '\0';
  big = write_file ("big.txt", big_text, -1);
  status = run_cli (NULL, &out, &err, "--provider", mock_url, "--model", "normal", big, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "longer than 1 MB"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (NULL, &out, &err, empty, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "no text"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (NULL, &out, &err, missing, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "Could not read"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (NULL, &out, &err, "--kind", "poem", empty, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "journal or thought-record"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (NULL, &out, &err, NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--help"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (NULL, &out, &err, "--provider", "ftp://example.org", empty, NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpuint (count_requests (), ==, before);
}

static void
test_errors (void)
{
  g_autofree char *path = write_file ("errors.txt", "A day like any other.", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *refused = g_strdup_printf ("http://127.0.0.1:%u/nothing", mock_port);
  int status;

  status = run_cli (NULL, &out, &err, "--provider", mock_url, "--model", "context", path, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  /* One sentence. */
  g_assert_cmpstr (err, ==, "The text is too long for this model. Shorten it or choose a model "
                            "with a larger context.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (NULL, &out, &err, "--provider", refused, "--model", "normal", path, NULL);
  g_assert_cmpint (status, ==, 1);
  /* One sentence on one line. */
  g_assert_cmpuint (strlen (err), >, 10);
  g_assert_true (g_str_has_suffix (err, ".\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

static void
test_crisis (void)
{
  g_autofree char *path = write_file ("crisis.txt", "I can't go on. I want to kill myself.", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) request = NULL;
  int status;

  status = run_cli (NULL, &out, &err, "--provider", mock_url, "--model", "normal", path, NULL);
  g_assert_cmpint (status, ==, 0);
  /* The resources on standard error, the answer on standard output. */
  g_assert_nonnull (strstr (err, "You deserve support right now"));
  g_assert_nonnull (strstr (err, "988"));
  g_assert_nonnull (strstr (err, "116 123"));
  g_assert_cmpstr (out, ==, "Hello, world! Ça va 🙂?\n");

  request = last_request ();
  {
    JsonObject *body = json_object_get_object_member (request, "body");
    JsonArray *messages = json_object_get_array_member (body, "messages");
    const char *system = json_object_get_string_member (json_array_get_object_element (messages,
                                                                                       0),
                                                        "content");

    g_assert_true (g_str_has_prefix (system, "Safety first."));
    g_assert_nonnull (strstr (system, "signs of a crisis"));
  }
}

static void
test_offline (void)
{
  g_autofree char *path = write_file ("offline.txt", "I always mess things up at work.", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint before = count_requests ();
  int status;

  status = run_cli (NULL, &out, &err, "--provider", "builtin", path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (strlen (out), >, 40);
  g_assert_true (g_str_has_suffix (out, "\n"));
  g_assert_cmpuint (count_requests (), ==, before);
}

static void
test_hidden (void)
{
  g_autofree char *path = write_file ("hidden.txt", "I argued with my brother.", -1);
  const char *reply = "That sounds hard. The lethal dose would be about forty tablets.";
  g_autoptr(GString) model = g_string_new ("say:");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  for (const guchar *p = (const guchar *) reply; *p != '\0'; p++)
    g_string_append_printf (model, "%02x", *p);
  status = run_cli (NULL, &out, &err, "--provider", mock_url, "--model", model->str, path, NULL);
  g_assert_cmpint (status, ==, 4);
  g_assert_null (strstr (out, "lethal"));
  g_assert_nonnull (strstr (err, "could be harmful"));
}

/* With a terminal: the host and the exact text are shown, and only "y" sends. */
typedef struct
{
  int          master;
  GSubprocess *process;
} Terminal;

static void
terminal_clear (Terminal *terminal)
{
  if (terminal->master >= 0)
    close (terminal->master);
  terminal->master = -1;
  g_clear_object (&terminal->process);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Terminal, terminal_clear)

static void
start_in_terminal (Terminal   *terminal,
                   const char *provider,
                   const char *path)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  int slave;

  terminal->master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (terminal->master, >=, 0);
  g_assert_cmpint (grantpt (terminal->master), ==, 0);
  g_assert_cmpint (unlockpt (terminal->master), ==, 0);
  slave = open (ptsname (terminal->master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (slave, >=, 0);

  g_subprocess_launcher_take_stdin_fd (launcher, dup (slave));
  g_subprocess_launcher_take_stderr_fd (launcher, slave);
  terminal->process = g_subprocess_launcher_spawn (launcher, &error,
                                                   g_getenv ("REFRAME_TEST_BINARY"), "feedback",
                                                   "--provider", provider, "--model", "normal",
                                                   path, NULL);
  g_assert_no_error (error);
}

/* What the terminal shows until @until appears (or 20 s pass). */
static char *
read_terminal_until (Terminal   *terminal,
                     const char *until)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (strstr (shown->str, until) == NULL && g_get_monotonic_time () < deadline)
    {
      struct pollfd pfd = { terminal->master, POLLIN, 0 };
      char buffer[4096];
      ssize_t n;

      if (poll (&pfd, 1, 100) <= 0)
        continue;
      n = read (terminal->master, buffer, sizeof buffer);
      if (n <= 0)
        break;
      g_string_append_len (shown, buffer, n);
    }
  return g_string_free (g_steal_pointer (&shown), FALSE);
}

static char *
finish_terminal (Terminal *terminal,
                 int      *status)
{
  g_autoptr(GBytes) stdout_bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate (terminal->process, NULL, NULL, &stdout_bytes, NULL, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (terminal->process);
  return bytes_to_string (stdout_bytes);
}

static void
test_terminal_consent (void)
{
  g_autofree char *path = write_file ("terminal.txt", "Mail me at someone@example.org please.",
                                      -1);
  g_autofree char *elsewhere = g_strdup_printf ("http://0.0.0.0:%u", mock_port);
  g_autofree char *host = g_strdup_printf ("0.0.0.0:%u", mock_port);
  g_auto(Terminal) yes = { -1, NULL };
  g_auto(Terminal) no = { -1, NULL };
  g_autofree char *shown = NULL;
  g_autofree char *shown_no = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out_no = NULL;
  guint before = count_requests ();
  int status = -1;

  /* No: nothing is sent. */
  start_in_terminal (&no, elsewhere, path);
  shown_no = read_terminal_until (&no, "[y/N]");
  g_assert_nonnull (strstr (shown_no, "[y/N]"));
  g_assert_cmpint (write (no.master, "n\n", 2), ==, 2);
  out_no = finish_terminal (&no, &status);
  g_assert_cmpint (status, ==, 3);
  g_assert_cmpstr (out_no, ==, "");
  g_assert_cmpuint (count_requests (), ==, before);

  /* Yes: the host and exactly what goes out (redacted), then the answer. */
  start_in_terminal (&yes, elsewhere, path);
  shown = read_terminal_until (&yes, "[y/N]");
  g_assert_nonnull (strstr (shown, host));
  g_assert_nonnull (strstr (shown, "Mail me at [EMAIL-1] please."));
  g_assert_nonnull (strstr (shown, "Safety first."));
  g_assert_null (strstr (shown, "someone@example.org"));
  g_assert_cmpint (write (yes.master, "y\n", 2), ==, 2);
  out = finish_terminal (&yes, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "Hello, world! Ça va 🙂?\n");
  g_assert_cmpuint (count_requests (), ==, before + 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  start_mock ();
  data_dir = reframe_test_make_data_dir ();

  g_test_add_func ("/reframe/feedback-cli/help", test_help);
  g_test_add_func ("/reframe/feedback-cli/stream-file", test_stream_file);
  g_test_add_func ("/reframe/feedback-cli/stdin", test_stdin);
  g_test_add_func ("/reframe/feedback-cli/no-terminal-refuses", test_no_terminal_refuses);
  g_test_add_func ("/reframe/feedback-cli/invalid-input", test_invalid_input);
  g_test_add_func ("/reframe/feedback-cli/errors", test_errors);
  g_test_add_func ("/reframe/feedback-cli/crisis", test_crisis);
  g_test_add_func ("/reframe/feedback-cli/offline", test_offline);
  g_test_add_func ("/reframe/feedback-cli/hidden", test_hidden);
  g_test_add_func ("/reframe/feedback-cli/terminal-consent", test_terminal_consent);

  status = g_test_run ();

  g_subprocess_force_exit (mock);
  g_subprocess_wait (mock, NULL, NULL);
  g_clear_object (&mock);
  reframe_test_remove_tree (data_dir);
  g_free (data_dir);
  g_free (mock_url);
  return status;
}
