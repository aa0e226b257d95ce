/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-application"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-application.h"
#include "reframe-crisis-dialog.h"
#include "reframe-pack.h"
#include "reframe-preferences-window.h"
#include "reframe-reminders.h"
#include "reframe-welcome-dialog.h"
#include "reframe-window.h"
#include "reframe-window-packs.h"

struct _ReframeApplication
{
  AdwApplication             parent_instance;

  GSettings                 *settings;
  ReframeDatabase           *database;
  ReframeJournalStore       *journal_store;
  ReframeMoodStore          *mood_store;
  ReframeThoughtRecordStore *thought_record_store;
  ReframeSearch             *search;
  ReframeExerciseStore      *exercise_store;
  ReframeAssignmentStore    *assignment_store;
  ReframeReminders          *reminders;
  GError                    *open_error;
  /* reframe --import-pack FILE: checked before any window, shown once one is up. */
  GFile                     *pending_import;
  gboolean                   overdue_checked;
};

G_DEFINE_FINAL_TYPE (ReframeApplication, reframe_application, ADW_TYPE_APPLICATION)

/* An uninstalled build (the README's run command, the tests) finds its schema in the build
 * tree; an installed one in the usual places. */
static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *default_source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (default_source != NULL)
    schema = g_settings_schema_source_lookup (default_source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) source = NULL;

      source = g_settings_schema_source_new_from_directory (BUILD_SCHEMA_DIR, default_source,
                                                            FALSE, NULL);
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
    }

  if (schema == NULL)
    g_error ("The settings schema %s is not installed", APP_ID);

  return g_settings_new_full (schema, NULL, NULL);
}

static const char *
describe_open_error (const GError *error)
{
  if (error->domain != REFRAME_STORE_ERROR)
    return _("Reframe could not open its database.");

  switch ((ReframeStoreError) error->code)
    {
    case REFRAME_STORE_ERROR_TOO_NEW:
      return _("Your journal was saved by a newer version of Reframe. Update Reframe to open "
               "it. The file has not been changed.");
    case REFRAME_STORE_ERROR_CORRUPT:
      return _("Your journal file appears to be damaged, so Reframe did not open it. The file "
               "has not been changed; keep a copy before trying anything else.");
    case REFRAME_STORE_ERROR_READ_ONLY:
      return _("Your journal is on a disk or in a folder that cannot be written to, so "
               "nothing you write could be saved.");
    case REFRAME_STORE_ERROR_FULL:
      return _("The disk is full, so nothing you write could be saved. Free some space and "
               "start Reframe again.");
    case REFRAME_STORE_ERROR_BUSY:
      return _("Your journal is in use by another program. Close it and start Reframe again.");
    case REFRAME_STORE_ERROR_CANT_OPEN:
    case REFRAME_STORE_ERROR_FAILED:
    case REFRAME_STORE_ERROR_INVALID:
    case REFRAME_STORE_ERROR_NOT_FOUND:
    default:
      return _("Reframe could not open its database.");
    }
}

static void
open_error_response_cb (ReframeApplication *self,
                        const char         *response,
                        AdwMessageDialog   *dialog)
{
  if (g_strcmp0 (response, "folder") == 0)
    {
      g_autofree char *dir = reframe_database_get_default_dir ();
      g_autoptr(GFile) file = g_file_new_for_path (dir);
      g_autofree char *uri = g_file_get_uri (file);

      gtk_show_uri (GTK_WINDOW (dialog), uri, GDK_CURRENT_TIME);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* The last window going away ends the application. */
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
show_open_error (ReframeApplication *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("Your Journal Could Not Be Opened"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s",
                                  describe_open_error (self->open_error),
                                  self->open_error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "folder", _("_Open Folder"),
                                    "quit", _("_Quit"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "quit",
                                              ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (open_error_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reframe_application_activate (GApplication *app)
{
  ReframeApplication *self = REFRAME_APPLICATION (app);
  GtkWindow *window;

  if (self->open_error != NULL)
    {
      show_open_error (self);
      return;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (reframe_window_new (self));

  gtk_window_present (window);

  if (!g_settings_get_boolean (self->settings, "welcome-shown"))
    reframe_welcome_dialog_present (window);

  if (self->pending_import != NULL)
    {
      g_autoptr(GFile) file = g_steal_pointer (&self->pending_import);

      reframe_window_import_pack_file (REFRAME_WINDOW (window), file);
    }

  /* What was due while Reframe was closed, once per run. */
  if (!self->overdue_checked && self->reminders != NULL)
    {
      self->overdue_checked = TRUE;
      reframe_reminders_notify_overdue (self->reminders);
    }
}

static void
reframe_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  ReframeApplication *self = REFRAME_APPLICATION (app);
  GtkWindow *window;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (self->open_error != NULL || !REFRAME_IS_WINDOW (window))
    return;

  /* The files a desktop hands over: packs from a therapist. */
  for (int i = 0; i < n_files; i++)
    reframe_window_import_pack_file (REFRAME_WINDOW (window), files[i]);
}

static int
reframe_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  ReframeApplication *self = REFRAME_APPLICATION (app);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ReframePack) pack = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_lookup (options, "import-pack", "^ay", &path))
    return -1;

  /* A pack that cannot be imported is refused here, with the reason, before any window. */
  file = g_file_new_for_commandline_arg (path);
  pack = reframe_pack_load_file (file, NULL, &error);
  if (pack == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      /* Translators: on the command line; the first %s is a file, the second the reason */
      g_printerr (_("reframe: %s cannot be imported: %s\n"), name, error->message);
      return 1;
    }

  g_set_object (&self->pending_import, file);
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("reframe: %s\n", error->message);
      return 1;
    }
  /* Reframe is already running: that window shows the preview. */
  if (g_application_get_is_remote (app))
    {
      g_application_open (app, &file, 1, "");
      return 0;
    }
  return -1;
}

static void
open_database (ReframeApplication *self)
{
  self->database = reframe_database_open_default (&self->open_error);
  if (self->database == NULL)
    {
      /* Not a warning: an expected state, explained to the person in a dialog. */
      g_message ("%s", self->open_error->message);
      return;
    }

  self->journal_store = reframe_journal_store_new (self->database);
  self->mood_store = reframe_mood_store_new (self->database);
  self->thought_record_store = reframe_thought_record_store_new (self->database);
  self->search = reframe_search_new (self->database);
  self->exercise_store = reframe_exercise_store_new (self->database);
  self->assignment_store = reframe_assignment_store_new (self->database);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ReframeApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window lets editors save what is pending; the application ends when the
   * last one is gone. A window that cannot save keeps itself open and says why, so nothing
   * written is lost to a Ctrl+Q. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ReframeApplication *self = user_data;
  static const char *developers[] = { "The Reframe developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Reframe"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Reframe developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/reframe/reframe",
                        "issue-url", "https://github.com/reframe/reframe/issues",
                        "copyright", "© 2026 The Reframe developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: shown in the About window */
                        "comments", _("Journal, track your mood and practise CBT skills, "
                                      "privately. Reframe is not a therapist, does not "
                                      "diagnose, and is not medical advice."),
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ReframeApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = reframe_preferences_window_new (parent);

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
crisis_resources_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  ReframeApplication *self = user_data;

  reframe_crisis_dialog_present (gtk_application_get_active_window (GTK_APPLICATION (self)));
}

/* A reminder's notification: the assignment, in the window. */
static void
open_assignment_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  ReframeApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (REFRAME_IS_WINDOW (window))
    reframe_window_start_assignment (REFRAME_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "crisis-resources", crisis_resources_action },
  { "open-assignment", open_assignment_action, "s" },
};

static void
reframe_application_startup (GApplication *app)
{
  ReframeApplication *self = REFRAME_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.new-entry", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.new-checkin", { "<Control>m", NULL } },
    { "win.new-thought-record", { "<Control>t", NULL } },
    { "win.import-pack", { "<Control>o", NULL } },
    { "win.export-report", { "<Control><Shift>e", NULL } },
    { "win.show-page::today", { "<Alt>1", NULL } },
    { "win.show-page::journal", { "<Alt>2", NULL } },
    { "win.show-page::mood", { "<Alt>3", NULL } },
    { "win.show-page::exercises", { "<Alt>4", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (reframe_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);

  self->settings = create_settings ();
  open_database (self);

  if (self->assignment_store != NULL)
    self->reminders = reframe_reminders_new (G_APPLICATION (self), self->assignment_store,
                                             self->exercise_store);
}

static void
reframe_application_dispose (GObject *object)
{
  ReframeApplication *self = (ReframeApplication *)object;

  g_clear_object (&self->reminders);
  g_clear_object (&self->assignment_store);
  g_clear_object (&self->exercise_store);
  g_clear_object (&self->pending_import);
  g_clear_object (&self->search);
  g_clear_object (&self->thought_record_store);
  g_clear_object (&self->mood_store);
  g_clear_object (&self->journal_store);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (reframe_application_parent_class)->dispose (object);
}

static void
reframe_application_class_init (ReframeApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = reframe_application_dispose;

  app_class->activate = reframe_application_activate;
  app_class->startup = reframe_application_startup;
  app_class->open = reframe_application_open;
  app_class->handle_local_options = reframe_application_handle_local_options;
}

static void
reframe_application_init (ReframeApplication *self)
{
  static const GOptionEntry options[] = {
    { "import-pack", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      /* Translators: --import-pack in reframe --help */
      N_("Preview a pack of exercises from your therapist, to accept or decline"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

ReframeApplication *
reframe_application_new (void)
{
  return g_object_new (REFRAME_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/reframe/Reframe",
                       NULL);
}

GSettings *
reframe_application_get_settings (ReframeApplication *self)
{
  g_return_val_if_fail (REFRAME_IS_APPLICATION (self), NULL);
  return self->settings;
}

ReframeDatabase *
reframe_application_get_database (ReframeApplication *self)
{
  g_return_val_if_fail (REFRAME_IS_APPLICATION (self), NULL);
  return self->database;
}

ReframeJournalStore *
reframe_application_get_journal_store (ReframeApplication *self)
{
  g_return_val_if_fail (REFRAME_IS_APPLICATION (self), NULL);
  return self->journal_store;
}

ReframeMoodStore *
reframe_application_get_mood_store (ReframeApplication *self)
{
  g_return_val_if_fail (REFRAME_IS_APPLICATION (self), NULL);
  return self->mood_store;
}

ReframeThoughtRecordStore *
reframe_application_get_thought_record_store (ReframeApplication *self)
{
  g_return_val_if_fail (REFRAME_IS_APPLICATION (self), NULL);
  return self->thought_record_store;
}

ReframeSearch *
reframe_application_get_search (ReframeApplication *self)
{
  g_return_val_if_fail (REFRAME_IS_APPLICATION (self), NULL);
  return self->search;
}

ReframeExerciseStore *
reframe_application_get_exercise_store (ReframeApplication *self)
{
  g_return_val_if_fail (REFRAME_IS_APPLICATION (self), NULL);
  return self->exercise_store;
}

ReframeAssignmentStore *
reframe_application_get_assignment_store (ReframeApplication *self)
{
  g_return_val_if_fail (REFRAME_IS_APPLICATION (self), NULL);
  return self->assignment_store;
}
