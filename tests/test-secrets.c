/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "reframe-secrets.h"
#include "reframe-test-util.h"

/* API keys against real D-Bus buses started by the test: one with no Secret Service at all,
 * and one with a real gnome-keyring-daemon (skipped, saying why, when it cannot start). Each
 * case runs in a child process, since a process keeps the session bus it first found. */

#define BUS_CONFIG \
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n" \
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n" \
  "<busconfig>\n" \
  "  <type>session</type>\n" \
  "  <listen>unix:dir=%s</listen>\n" \
  "  <policy context=\"default\">\n" \
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n" \
  "    <allow eavesdrop=\"true\"/>\n" \
  "    <allow own=\"*\"/>\n" \
  "  </policy>\n" \
  "</busconfig>\n"

typedef struct
{
  char        *dir;
  GSubprocess *daemon;
  char        *address;
  guint32      keyring_pid;
} Bus;

static const char *url = "http://127.0.0.1:8080";
static const char *key = "sk-test-0123456789abcdef";

/* A bus of its own, with no service that D-Bus could start. */
static void
bus_start (Bus *bus)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  g_autoptr(GDataInputStream) out = NULL;

  bus->dir = g_dir_make_tmp ("reframe-bus-XXXXXX", &error);
  g_assert_no_error (error);
  config = g_strdup_printf (BUS_CONFIG, bus->dir);
  config_path = g_build_filename (bus->dir, "bus.conf", NULL);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  bus->daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                  "dbus-daemon", "--nofork", "--print-address=1",
                                  "--config-file", config_path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus->daemon));
  bus->address = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bus->address);
}

static void
bus_stop (Bus *bus)
{
  /* The keyring daemon forks away from us; end it by the id the bus knows it by. */
  if (bus->keyring_pid != 0)
    kill ((pid_t) bus->keyring_pid, SIGTERM);
  if (bus->daemon != NULL)
    {
      g_subprocess_force_exit (bus->daemon);
      g_subprocess_wait (bus->daemon, NULL, NULL);
      g_clear_object (&bus->daemon);
    }
  reframe_test_remove_tree (bus->dir);
  g_clear_pointer (&bus->dir, g_free);
  g_clear_pointer (&bus->address, g_free);
}

/* Runs the current test's child part with the session bus at @address. */
static void
run_child (const char *address)
{
  g_autofree char *saved = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", saved, TRUE);
  else
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_test_trap_assert_passed ();
}

/* Async helpers, run on the default main context. */

typedef struct
{
  GMainLoop            *loop;
  GAsyncResult         *result;
} Wait;

static void
wait_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);
  return wait->result;
}

static char *
lookup (const char           *base_url,
        ReframeSecretsSource *source)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *found;

  reframe_secrets_lookup_async (base_url, NULL, wait_done_cb, &wait);
  result = wait_for (&wait);
  found = reframe_secrets_lookup_finish (result, source, &error);
  g_assert_no_error (error);
  return found;
}

static ReframeSecretsSource
store (const char *base_url,
       const char *api_key)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ReframeSecretsSource stored_in = REFRAME_SECRETS_SOURCE_NONE;

  reframe_secrets_store_async (base_url, api_key, NULL, wait_done_cb, &wait);
  result = wait_for (&wait);
  g_assert_true (reframe_secrets_store_finish (result, &stored_in, &error));
  g_assert_no_error (error);
  return stored_in;
}

static void
clear (const char *base_url)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  reframe_secrets_clear_async (base_url, NULL, wait_done_cb, &wait);
  result = wait_for (&wait);
  g_assert_true (reframe_secrets_clear_finish (result, &error));
  g_assert_no_error (error);
}

/* What a store without a Secret Service must do: keep the key for this session only. */
static void
check_session_only (void)
{
  ReframeSecretsSource source = REFRAME_SECRETS_SOURCE_KEYRING;
  g_autofree char *found = NULL;
  g_autofree char *other = NULL;
  g_autofree char *sync_found = NULL;
  g_autoptr(GError) error = NULL;

  g_unsetenv ("REFRAME_API_KEY");

  found = lookup (url, &source);
  g_assert_null (found);
  g_assert_cmpint (source, ==, REFRAME_SECRETS_SOURCE_NONE);

  g_assert_cmpint (store (url, key), ==, REFRAME_SECRETS_SOURCE_SESSION);

  /* Found again under any spelling of the same address. */
  found = lookup ("127.0.0.1:8080/v1/", &source);
  g_assert_cmpstr (found, ==, key);
  g_assert_cmpint (source, ==, REFRAME_SECRETS_SOURCE_SESSION);
  sync_found = reframe_secrets_lookup_sync ("http://127.0.0.1:8080/v1/chat/completions", &source,
                                            NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sync_found, ==, key);
  g_assert_cmpint (source, ==, REFRAME_SECRETS_SOURCE_SESSION);

  /* Only for that address. */
  other = lookup ("http://127.0.0.1:9090", &source);
  g_assert_null (other);
  g_assert_cmpint (source, ==, REFRAME_SECRETS_SOURCE_NONE);

  /* The environment wins. */
  g_setenv ("REFRAME_API_KEY", "from-the-environment", TRUE);
  g_clear_pointer (&found, g_free);
  found = lookup (url, &source);
  g_assert_cmpstr (found, ==, "from-the-environment");
  g_assert_cmpint (source, ==, REFRAME_SECRETS_SOURCE_ENVIRONMENT);
  g_unsetenv ("REFRAME_API_KEY");

  clear (url);
  g_clear_pointer (&found, g_free);
  found = lookup (url, &source);
  g_assert_null (found);
  g_assert_cmpint (source, ==, REFRAME_SECRETS_SOURCE_NONE);
}

static void
test_no_secret_service (void)
{
  Bus bus = { 0 };

  if (g_test_subprocess ())
    {
      check_session_only ();
      return;
    }

  bus_start (&bus);
  run_child (bus.address);
  bus_stop (&bus);
}

static void
test_no_bus (void)
{
  g_autofree char *address = NULL;

  if (g_test_subprocess ())
    {
      check_session_only ();
      return;
    }

  address = g_strdup_printf ("unix:path=%s/no-such-bus", g_get_tmp_dir ());
  run_child (address);
}

static void
test_environment (void)
{
  ReframeSecretsSource source = REFRAME_SECRETS_SOURCE_NONE;
  g_autofree char *found = NULL;
  g_autofree char *sync_found = NULL;

  if (g_test_subprocess ())
    {
      g_setenv ("REFRAME_API_KEY", "env-key", TRUE);
      found = lookup ("https://api.openai.com", &source);
      g_assert_cmpstr (found, ==, "env-key");
      g_assert_cmpint (source, ==, REFRAME_SECRETS_SOURCE_ENVIRONMENT);
      sync_found = reframe_secrets_lookup_sync ("https://openrouter.ai/api", &source, NULL, NULL);
      g_assert_cmpstr (sync_found, ==, "env-key");
      g_assert_cmpint (source, ==, REFRAME_SECRETS_SOURCE_ENVIRONMENT);
      return;
    }

  /* No bus at all is needed for it. */
  run_child ("unix:path=/nonexistent/reframe-test-bus");
}

/* A real gnome-keyring-daemon on a bus of its own, with an unlocked login keyring. */
static gboolean
start_keyring (Bus         *bus,
               const char  *home,
               char       **why)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) keyring = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *runtime = g_build_filename (home, "run", NULL);
  g_autofree char *program = g_find_program_in_path ("gnome-keyring-daemon");
  g_autoptr(GBytes) password = g_bytes_new_static ("test-password", 13);
  GDBusConnectionFlags flags = G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                              G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION;
  gint64 deadline;

  if (program == NULL)
    {
      *why = g_strdup ("gnome-keyring-daemon is not installed (build-aux/ensure-deps test)");
      return FALSE;
    }

  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (runtime, 0700);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus->address, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  /* --unlock reads the login keyring's password from standard input and creates the
   * keyring when there is none. */
  keyring = g_subprocess_launcher_spawn (launcher, &error, program, "--unlock",
                                         "--components=secrets", NULL);
  if (keyring == NULL)
    {
      *why = g_strdup_printf ("gnome-keyring-daemon did not start: %s", error->message);
      return FALSE;
    }
  if (!g_subprocess_communicate (keyring, password, NULL, NULL, NULL, &error))
    {
      *why = g_strdup_printf ("gnome-keyring-daemon did not start: %s", error->message);
      return FALSE;
    }

  connection = g_dbus_connection_new_for_address_sync (bus->address, flags, NULL, NULL, &error);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean has_owner = FALSE;

      reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                           "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                           "NameHasOwner",
                                           g_variant_new ("(s)", "org.freedesktop.secrets"),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                           NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &has_owner);
      if (has_owner)
        {
          g_autoptr(GVariant) pid = NULL;

          pid = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                             "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                             "GetConnectionUnixProcessID",
                                             g_variant_new ("(s)", "org.freedesktop.secrets"),
                                             G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                             NULL, NULL);
          if (pid != NULL)
            g_variant_get (pid, "(u)", &bus->keyring_pid);
          return TRUE;
        }
      g_usleep (50 * 1000);
    }

  *why = g_strdup ("gnome-keyring-daemon started but never offered the Secret Service");
  return FALSE;
}

/* Whether any file under @dir holds @needle as it is. */
static gboolean
tree_contains (const char *dir,
               const char *needle)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          if (tree_contains (path, needle))
            return TRUE;
        }
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
               g_file_get_contents (path, &contents, &length, NULL) &&
               g_strstr_len (contents, length, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_keyring (void)
{
  const char *step = g_getenv ("REFRAME_TEST_KEYRING_STEP");
  g_autofree char *home = NULL;
  g_autofree char *why = NULL;
  Bus bus = { 0 };

  if (g_test_subprocess ())
    {
      ReframeSecretsSource source = REFRAME_SECRETS_SOURCE_NONE;
      g_autofree char *found = NULL;

      g_unsetenv ("REFRAME_API_KEY");
      if (g_strcmp0 (step, "store") == 0)
        {
          g_assert_cmpint (store (url, key), ==, REFRAME_SECRETS_SOURCE_KEYRING);
          found = lookup (url, &source);
          g_assert_cmpstr (found, ==, key);
          g_assert_cmpint (source, ==, REFRAME_SECRETS_SOURCE_KEYRING);
        }
      else if (g_strcmp0 (step, "lookup") == 0)
        {
          /* Another process: the key came from the keyring, not from memory. */
          found = reframe_secrets_lookup_sync ("127.0.0.1:8080", &source, NULL, NULL);
          g_assert_cmpstr (found, ==, key);
          g_assert_cmpint (source, ==, REFRAME_SECRETS_SOURCE_KEYRING);
          clear (url);
          g_clear_pointer (&found, g_free);
          found = lookup (url, &source);
          g_assert_null (found);
          g_assert_cmpint (source, ==, REFRAME_SECRETS_SOURCE_NONE);
        }
      else
        g_assert_not_reached ();
      return;
    }

  home = g_dir_make_tmp ("reframe-keyring-XXXXXX", NULL);
  bus_start (&bus);
  if (!start_keyring (&bus, home, &why))
    {
      bus_stop (&bus);
      reframe_test_remove_tree (home);
      g_test_skip (why);
      return;
    }

  g_setenv ("REFRAME_TEST_KEYRING_STEP", "store", TRUE);
  run_child (bus.address);
  /* The keyring's files never hold the key as it is. */
  g_assert_false (tree_contains (home, key));
  g_setenv ("REFRAME_TEST_KEYRING_STEP", "lookup", TRUE);
  run_child (bus.address);
  g_unsetenv ("REFRAME_TEST_KEYRING_STEP");

  bus_stop (&bus);
  reframe_test_remove_tree (home);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/secrets/environment", test_environment);
  g_test_add_func ("/reframe/secrets/no-secret-service", test_no_secret_service);
  g_test_add_func ("/reframe/secrets/no-bus", test_no_bus);
  g_test_add_func ("/reframe/secrets/keyring", test_keyring);

  return g_test_run ();
}
