/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-feedback-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "reframe-crisis-resources.h"
#include "reframe-feedback-cli.h"
#include "reframe-feedback-session.h"
#include "reframe-provider.h"
#include "reframe-secrets.h"

typedef struct
{
  GMainLoop             *loop;
  GCancellable          *cancellable;
  ReframeFeedbackAnswer *answer;
  GError                *error;
  gboolean               wrote;
  gboolean               ended_with_newline;
} Run;

/* Prints one sentence on standard error. */
static void
say (const char *sentence)
{
  g_printerr ("%s\n", sentence);
}

/* The settings of the app, also from an uninstalled build; NULL when the schema is missing
 * (the defaults then apply). */
static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *default_source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (default_source != NULL)
    schema = g_settings_schema_source_lookup (default_source, APP_ID, TRUE);
  if (schema == NULL && g_file_test (BUILD_SCHEMA_DIR "/gschemas.compiled", G_FILE_TEST_EXISTS))
    {
      build_source = g_settings_schema_source_new_from_directory (BUILD_SCHEMA_DIR,
                                                                  default_source, FALSE, NULL);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, APP_ID, FALSE);
    }
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static char *
read_input (const char  *path,
            gsize       *length,
            GError     **error)
{
  gboolean from_stdin = g_str_equal (path, "-");
  const char *name = from_stdin ? _("The standard input") : path;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  FILE *stream = from_stdin ? stdin : g_fopen (path, "rb");
  guint8 chunk[16384];
  gsize n;
  int saved_errno;

  if (stream == NULL)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a file name, then the system's reason */
                   _("Could not read %s: %s."), path, g_strerror (saved_errno));
      return NULL;
    }

  while ((n = fread (chunk, 1, sizeof chunk, stream)) > 0)
    {
      g_byte_array_append (buffer, chunk, (guint) n);
      if (buffer->len > REFRAME_FEEDBACK_CLI_MAX_BYTES)
        break;
    }
  saved_errno = errno;
  if (ferror (stream))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not read %s: %s."), name, g_strerror (saved_errno));
      if (!from_stdin)
        fclose (stream);
      return NULL;
    }
  if (!from_stdin)
    fclose (stream);

  if (buffer->len > REFRAME_FEEDBACK_CLI_MAX_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a file name or "The standard input" */
                   _("%s is longer than 1 MB; feedback works on one entry at a time."),
                   name);
      return NULL;
    }

  *length = buffer->len;
  g_byte_array_append (buffer, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);
}

static void
print_crisis_resources (void)
{
  const GPtrArray *resources = reframe_crisis_resources_get_all ();

  g_printerr ("\n%s\n\n%s\n\n", _("You deserve support right now"),
              _("If you are thinking about harming yourself or someone else, or you are not "
                "safe, please reach out to someone now. These services are free and "
                "confidential, and the people there want to help."));
  for (guint i = 0; i < resources->len; i++)
    {
      const ReframeCrisisResource *resource = g_ptr_array_index (resources, i);

      g_printerr ("  %s (%s)\n    %s\n", resource->name, resource->region, resource->detail);
      if (resource->phone != NULL)
        /* Translators: a crisis line's phone number in the command line's list */
        g_printerr ("    %s %s\n", _("Phone:"), resource->phone);
      if (resource->url != NULL)
        g_printerr ("    %s\n", resource->url);
    }
  g_printerr ("\n%s\n\n",
              _("Reframe is not a crisis service and cannot contact anyone for you. This list "
                "is stored on your computer and works without a network connection."));
}

/* Shows the host and exactly what would be sent, and asks. */
static gboolean
ask_consent (ReframeFeedbackSession *session)
{
  g_autofree char *outgoing = reframe_feedback_session_dup_outgoing (session);
  char reply[64] = "";
  /* Translators: the answers to "Send it? [y/N]" that mean yes, separated by | */
  g_auto(GStrv) yes = g_strsplit (_("y|yes"), "|", -1);

  g_printerr (_("Reframe is about to send the text below to %s, a service outside this "
                "computer. Names you asked to hide, email addresses, phone numbers and web "
                "addresses have been replaced by placeholders."),
              reframe_feedback_session_get_host (session));
  g_printerr ("\n\n%s\n\n", outgoing);
  /* Translators: the question before sending; y and N are the answers typed */
  g_printerr ("%s ", _("Send it? [y/N]"));
  fflush (stderr);

  clearerr (stdin);
  if (fgets (reply, sizeof reply, stdin) == NULL)
    return FALSE;
  g_strstrip (reply);
  return g_ascii_strcasecmp (reply, "y") == 0 || g_ascii_strcasecmp (reply, "yes") == 0 ||
         g_strv_contains ((const char * const *) yes, reply);
}

static void
remember_consent (GSettings  *settings,
                  const char *url)
{
  g_auto(GStrv) consents = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;

  if (settings == NULL || url == NULL)
    return;

  consents = g_settings_get_strv (settings, "feedback-consents");
  if (g_strv_contains ((const char * const *) consents, url))
    return;
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) consents);
  g_strv_builder_add (builder, url);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "feedback-consents", (const char * const *) updated);
  g_settings_sync ();
}

static void
delta_cb (const char *fragment,
          gpointer    user_data)
{
  Run *run = user_data;
  gsize len = strlen (fragment);

  fwrite (fragment, 1, len, stdout);
  fflush (stdout);
  run->wrote = TRUE;
  run->ended_with_newline = len > 0 && fragment[len - 1] == '\n';
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

static gboolean
interrupted_cb (gpointer user_data)
{
  Run *run = user_data;

  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

/* Applies --provider: a preset id, or an address (whose preset is guessed from it). */
static gboolean
apply_provider (ReframeFeedbackConfig  *config,
                const char             *value,
                GError                **error)
{
  const ReframeProvider *preset = reframe_provider_lookup (value);
  g_autofree char *url = NULL;

  if (preset != NULL)
    {
      if (g_strcmp0 (config->provider_id, preset->id) != 0)
        g_clear_pointer (&config->base_url, g_free);
      g_free (config->provider_id);
      config->provider_id = g_strdup (preset->id);
      return TRUE;
    }

  url = reframe_provider_normalize_base_url (value, error);
  if (url == NULL)
    return FALSE;
  g_free (config->provider_id);
  config->provider_id = g_strdup (reframe_provider_get (reframe_provider_guess_from_url (url))->id);
  g_free (config->base_url);
  config->base_url = g_steal_pointer (&url);
  return TRUE;
}

static char *
describe_ids (void)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint kind = 0; kind < REFRAME_N_PROVIDERS; kind++)
    {
      if (ids->len > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, reframe_provider_get ((ReframeProviderKind) kind)->id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

int
reframe_feedback_cli_run (int    argc,
                          char **argv)
{
  g_autofree char *provider = NULL;
  g_autofree char *model = NULL;
  g_autofree char *kind_name = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(ReframeFeedbackConfig) config = NULL;
  g_autoptr(ReframeDatabase) database = NULL;
  g_autoptr(ReframeFeedbackSession) session = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) args = NULL;
  ReframeFeedbackKind kind = REFRAME_FEEDBACK_KIND_JOURNAL;
  ReframeSafetyKind crisis_kind;
  const char *end = NULL;
  gsize length = 0;
  Run run = { 0 };
  guint sigint;
  int status;
  GOptionEntry entries[] = {
    { "provider", 'p', 0, G_OPTION_ARG_STRING, &provider,
      N_("Where feedback comes from: a provider id or a server address"), N_("ID|URL") },
    { "model", 'm', 0, G_OPTION_ARG_STRING, &model,
      N_("The model to ask"), N_("NAME") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name,
      N_("What the text is: journal (the default) or thought-record"), N_("KIND") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL },
  };

  g_return_val_if_fail (argc >= 1, REFRAME_FEEDBACK_CLI_USAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Streams feedback on the text in FILE to standard output, as Reframe's feedback panel "
      "would give it. Use - as FILE to read standard input. The settings of the app (provider, "
      "model, names to hide) apply unless an option says otherwise."));
  ids = describe_ids ();
  description = g_strdup_printf (
    _("Provider ids: %s. With \"builtin\" the offline coach answers and nothing leaves the "
      "computer.\n\n"
      "Before any text goes to a provider that is not on this computer, Reframe shows the "
      "host and exactly what would be sent, and asks; it only asks when standard input and "
      "standard error are a terminal, and otherwise sends nothing. Names to hide, email "
      "addresses, phone numbers and web addresses are always replaced by placeholders first.\n\n"
      "The API key comes from the keyring, as saved in Preferences, or from the REFRAME_API_KEY "
      "environment variable, which wins.\n\n"
      "Exit status: 0 done, 1 the provider or the data folder failed, 2 bad options or an "
      "unusable file, 3 no consent (nothing was sent), 4 the answer was hidden by the safety "
      "screen, 130 interrupted."),
    ids);
  g_option_context_set_description (context, description);

  /* "reframe feedback" in messages and --help. */
  args = g_new0 (char *, argc + 1);
  args[0] = g_strdup ("reframe feedback");
  for (int i = 1; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      say (_("Run “reframe feedback --help” to see how to use it."));
      return REFRAME_FEEDBACK_CLI_USAGE;
    }

  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      say (_("Name one text file, or - for standard input."));
      say (_("Run “reframe feedback --help” to see how to use it."));
      return REFRAME_FEEDBACK_CLI_USAGE;
    }

  if (kind_name != NULL)
    {
      kind = reframe_feedback_kind_from_string (kind_name);
      if (kind != REFRAME_FEEDBACK_KIND_JOURNAL && kind != REFRAME_FEEDBACK_KIND_THOUGHT_RECORD)
        {
          say (_("The kind must be journal or thought-record."));
          return REFRAME_FEEDBACK_CLI_USAGE;
        }
    }

  text = read_input (files[0], &length, &error);
  if (text == NULL)
    {
      say (error->message);
      return REFRAME_FEEDBACK_CLI_USAGE;
    }
  if (!g_utf8_validate (text, (gssize) length, &end))
    {
      g_autofree char *message = g_strdup_printf (
        /* Translators: %s is a file name or "The standard input"; the number is a position */
        _("%s is not UTF-8 text (the first invalid byte is at position %" G_GSIZE_FORMAT "); "
          "save it as UTF-8 and try again."),
        g_str_equal (files[0], "-") ? _("The standard input") : files[0],
        (gsize) (end - text));

      say (message);
      return REFRAME_FEEDBACK_CLI_USAGE;
    }
  if (*g_strstrip (text) == '\0')
    {
      say (_("There is no text to give feedback on."));
      return REFRAME_FEEDBACK_CLI_USAGE;
    }

  settings = open_settings ();
  config = settings != NULL ? reframe_feedback_config_new_from_settings (settings)
                            : reframe_feedback_config_new ();
  if (provider != NULL && !apply_provider (config, provider, &error))
    {
      say (error->message);
      return REFRAME_FEEDBACK_CLI_USAGE;
    }
  if (model != NULL)
    {
      g_free (config->model);
      config->model = g_strdup (model);
    }

  /* The key, before the session copies the configuration. */
  if (!reframe_feedback_config_is_offline (config) &&
      reframe_feedback_config_get_effective_url (config) != NULL)
    {
      const char *url = reframe_feedback_config_get_effective_url (config);
      ReframeSecretsSource source;

      config->api_key = reframe_secrets_lookup_sync (url, &source, NULL, NULL);
    }

  database = reframe_database_open_default (&error);
  if (database == NULL)
    {
      say (error->message);
      return REFRAME_FEEDBACK_CLI_FAILED;
    }

  session = reframe_feedback_session_new (database, config, kind, NULL, text);

  /* The crisis resources come first, calmly, whatever follows. */
  if (reframe_feedback_session_get_crisis (session, &crisis_kind))
    print_crisis_resources ();

  if (reframe_feedback_session_needs_consent (session))
    {
      if (!isatty (STDIN_FILENO) || !isatty (STDERR_FILENO))
        {
          g_autofree char *message = g_strdup_printf (
            _("Reframe needs your agreement before it sends text to %s, and can only ask in a "
              "terminal; nothing was sent. Run this command in a terminal, or agree to this "
              "provider in Reframe’s preferences."),
            reframe_feedback_session_get_host (session));

          say (message);
          return REFRAME_FEEDBACK_CLI_NO_CONSENT;
        }
      if (!ask_consent (session))
        {
          say (_("Nothing was sent."));
          return REFRAME_FEEDBACK_CLI_NO_CONSENT;
        }
      reframe_feedback_session_grant_consent (session);
      remember_consent (settings, reframe_feedback_session_get_url (session));
    }

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  run.loop = loop;
  run.cancellable = cancellable;
  sigint = g_unix_signal_add (SIGINT, interrupted_cb, &run);

  reframe_feedback_session_run_async (session, delta_cb, &run, NULL, cancellable,
                                      run_done_cb, &run);
  g_main_loop_run (loop);
  g_source_remove (sigint);

  if (run.wrote && !run.ended_with_newline)
    {
      fputc ('\n', stdout);
      fflush (stdout);
    }

  if (run.answer == NULL)
    {
      if (g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          say (_("Stopped."));
          status = REFRAME_FEEDBACK_CLI_INTERRUPTED;
        }
      else
        {
          say (run.error->message);
          status = REFRAME_FEEDBACK_CLI_FAILED;
        }
      g_clear_error (&run.error);
      return status;
    }

  status = REFRAME_FEEDBACK_CLI_OK;
  if (reframe_feedback_answer_get_hidden_by_safety (run.answer))
    {
      say (_("Reframe stopped showing this answer because it contained content that could be "
             "harmful. It is saved in Reframe, where you can choose to read it."));
      status = REFRAME_FEEDBACK_CLI_HIDDEN;
    }
  else if (reframe_feedback_answer_get_cut_short (run.answer))
    say (_("The answer was cut short because it reached the model’s length limit."));
  else if (reframe_feedback_answer_get_incomplete (run.answer))
    say (_("The connection ended before the answer was complete."));

  g_clear_object (&run.answer);
  return status;
}
