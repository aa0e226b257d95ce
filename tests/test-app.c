/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "reframe-crisis-dialog.h"
#include "reframe-test-ui.h"
#include "reframe-test-util.h"
#include "reframe-welcome-dialog.h"

static void
welcome_first_start (ReframeTestApp *test,
                     gpointer        user_data)
{
  GSettings *settings = reframe_application_get_settings (test->app);
  GtkWindow *welcome;

  welcome = reframe_test_wait_for_window (REFRAME_TYPE_WELCOME_DIALOG, 5000);
  g_assert_nonnull (welcome);
  g_assert_true (gtk_window_get_transient_for (welcome) == GTK_WINDOW (test->window));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (welcome), "stays on this computer"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (welcome), "Not a substitute for professional care"));
  g_assert_false (g_settings_get_boolean (settings, "welcome-shown"));

  /* The crisis link opens the resources, from the welcome itself. */
  reframe_test_activate_action (reframe_test_find (GTK_WIDGET (welcome), "crisis_row"),
                                "app.crisis-resources", NULL);
  g_assert_nonnull (reframe_test_wait_for_window (REFRAME_TYPE_CRISIS_DIALOG, 5000));

  reframe_test_click (reframe_test_find (GTK_WIDGET (welcome), "start_button"));
  reframe_test_iterate (50);
  g_assert_true (g_settings_get_boolean (settings, "welcome-shown"));
}

static void
test_welcome_first_start (void)
{
  reframe_test_app_run (NULL, TRUE, welcome_first_start, NULL);
}

static void
crisis_resources (ReframeTestApp *test,
                  gpointer        user_data)
{
  GtkWindow *dialog;

  g_assert_null (reframe_test_wait_for_window (REFRAME_TYPE_WELCOME_DIALOG, 100));

  reframe_test_activate_action (GTK_WIDGET (test->window), "app.crisis-resources", NULL);
  dialog = reframe_test_wait_for_window (REFRAME_TYPE_CRISIS_DIALOG, 5000);
  g_assert_nonnull (dialog);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "988"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "116 123"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Find A Helpline"));
}

static void
test_crisis_resources (void)
{
  reframe_test_app_run (NULL, FALSE, crisis_resources, NULL);
}

static const char *
visible_page (ReframeTestApp *test)
{
  AdwViewStack *stack = ADW_VIEW_STACK (reframe_test_find_typed (GTK_WIDGET (test->window), "stack",
                                                                  ADW_TYPE_VIEW_STACK));

  return adw_view_stack_get_visible_child_name (stack);
}

static void
pages_and_shortcuts (ReframeTestApp *test,
                     gpointer        user_data)
{
  const struct { const char *page; const char *accel; } pages[] = {
    { "journal", "<Alt>2" }, { "mood", "<Alt>3" }, { "exercises", "<Alt>4" }, { "today", "<Alt>1" },
  };
  GtkApplication *app = GTK_APPLICATION (test->app);

  g_assert_cmpstr (visible_page (test), ==, "today");
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (test->window), "How Are You Feeling?"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (test->window), "Nothing written yet"));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *detailed = g_strdup_printf ("win.show-page::%s", pages[i].page);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, detailed);

      g_assert_cmpstr (accels[0], ==, pages[i].accel);
      reframe_test_activate_action (GTK_WIDGET (test->window), "win.show-page",
                                    g_variant_new_string (pages[i].page));
      g_assert_cmpstr (visible_page (test), ==, pages[i].page);
    }

  /* The shortcuts the issue names, and that every one leads to a real action. */
  {
    const struct { const char *action; const char *accel; } shortcuts[] = {
      { "win.new-entry", "<Control>n" }, { "win.search", "<Control>f" },
      { "app.preferences", "<Control>comma" }, { "app.quit", "<Control>q" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
      {
        g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, shortcuts[i].action);
        g_assert_cmpstr (accels[0], ==, shortcuts[i].accel);
      }
    g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (test->window)));
  }

  /* The page is remembered for the next start. */
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.show-page",
                                g_variant_new_string ("mood"));
  g_assert_cmpstr (g_settings_get_string (reframe_application_get_settings (test->app), "last-page"),
                   ==, "mood");
}

static void
test_pages_and_shortcuts (void)
{
  reframe_test_app_run (NULL, FALSE, pages_and_shortcuts, NULL);
}

static void
today_reflects_store (ReframeTestApp *test,
                      gpointer        user_data)
{
  g_autoptr(ReframeEntry) entry = reframe_entry_new ();
  g_autoptr(ReframeCheckin) checkin = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  g_assert_true (reframe_test_shows_text (GTK_WIDGET (test->window), "Nothing written yet"));

  reframe_entry_set_title (entry, "A walk by the river");
  reframe_entry_set_body (entry, "The water was calm and so was I.");
  g_assert_true (reframe_journal_store_save (reframe_application_get_journal_store (test->app),
                                             entry, &error));
  g_assert_no_error (error);
  checkin = reframe_checkin_new (now, 7);
  g_assert_true (reframe_mood_store_save (reframe_application_get_mood_store (test->app),
                                          checkin, &error));
  g_assert_no_error (error);
  reframe_test_iterate (50);

  g_assert_true (reframe_test_shows_text (GTK_WIDGET (test->window), "A walk by the river"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (test->window), "checked in 1 time today"));
  g_assert_false (reframe_test_shows_text (GTK_WIDGET (test->window), "Nothing written yet"));
}

static void
today_after_restart (ReframeTestApp *test,
                     gpointer        user_data)
{
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (test->window), "A walk by the river"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (test->window), "checked in 1 time today"));
}

static void
test_today_reflects_store_and_restart (void)
{
  g_autofree char *data_dir = reframe_test_make_data_dir ();

  reframe_test_app_run (data_dir, FALSE, today_reflects_store, NULL);
  /* Same data dir, a new application: everything is still there. */
  reframe_test_app_run (data_dir, FALSE, today_after_restart, NULL);

  reframe_test_remove_tree (data_dir);
}

static gboolean
message_dialog_visible_cb (gpointer data)
{
  return reframe_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 0) != NULL;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static gboolean
check_refusal_idle_cb (gpointer user_data)
{
  AdwMessageDialog *dialog;

  g_assert_true (reframe_test_wait_for (message_dialog_visible_cb, NULL, 5000));
  dialog = ADW_MESSAGE_DIALOG (reframe_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 0));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Your Journal Could Not Be Opened");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "newer version of Reframe"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  g_assert_null (reframe_test_wait_for_window (REFRAME_TYPE_WINDOW, 0));

  /* The person chooses Quit. */
  adw_message_dialog_response (dialog, "quit");

  return G_SOURCE_REMOVE;
}

static void
refusal_activate_cb (GApplication *app,
                     gpointer      user_data)
{
  g_idle_add (check_refusal_idle_cb, NULL);
}

static void
test_newer_database_refused (void)
{
  g_autofree char *data_dir = reframe_test_make_data_dir ();
  g_autofree char *path = g_build_filename (data_dir, "reframe.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ReframeApplication *app;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 999;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (path);

  app = reframe_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (refusal_activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_null (reframe_application_get_database (app));
  g_assert_finalize_object (app);

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  reframe_test_remove_tree (data_dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/app/welcome-first-start", test_welcome_first_start);
  g_test_add_func ("/reframe/app/crisis-resources", test_crisis_resources);
  g_test_add_func ("/reframe/app/pages-and-shortcuts", test_pages_and_shortcuts);
  g_test_add_func ("/reframe/app/today-reflects-store-and-restart", test_today_reflects_store_and_restart);
  g_test_add_func ("/reframe/app/newer-database-refused", test_newer_database_refused);

  return g_test_run ();
}
