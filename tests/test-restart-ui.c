/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One of each record, made through the widgets as a person would, then the application is
 * closed and started again on the same data dir: everything is in the database and shown. */
#include "config.h"

#include "reframe-automatic-thought-row.h"
#include "reframe-checkin-dialog.h"
#include "reframe-emotion-rating-row.h"
#include "reframe-entry-editor.h"
#include "reframe-test-ui.h"
#include "reframe-test-util.h"
#include "reframe-thought-record-dialog.h"

#define ENTRY_TITLE "Lunch by the canal"
#define ENTRY_BODY "Sat outside for the first time this year. The ducks were loud."
#define CHECKIN_NOTE "Calmer after the walk home."
#define SITUATION "My friend cancelled our plans an hour before."
#define HOT_THOUGHT "She doesn't want to see me any more."

static gboolean
window_gone_cb (gpointer data)
{
  return reframe_test_wait_for_window (GPOINTER_TO_SIZE (data), 0) == NULL;
}

static GtkWidget *
find_in (GtkWidget  *root,
         const char *id)
{
  GtkWidget *widget = reframe_test_find (root, id);

  g_assert_nonnull (widget);
  return widget;
}

static void
type_into_area (GtkWidget  *area,
                const char *text)
{
  GtkWidget *text_view = reframe_test_find_by_type (area, GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (text_view);
  reframe_test_set_text (text_view, text);
}

static gboolean
entry_saved_cb (gpointer data)
{
  ReframeTestApp *test = data;

  return reframe_journal_store_count (reframe_application_get_journal_store (test->app)) == 1;
}

static void
write_entry (ReframeTestApp *test)
{
  GtkWidget *window = GTK_WIDGET (test->window);
  GtkWidget *editor;

  reframe_test_activate_action (window, "win.new-entry", NULL);
  editor = reframe_test_find_typed (window, "editor", REFRAME_TYPE_ENTRY_EDITOR);
  g_assert_nonnull (editor);
  reframe_test_set_text (find_in (editor, "title_entry"), ENTRY_TITLE);
  reframe_test_set_text (find_in (editor, "body_view"), ENTRY_BODY);

  /* Autosave, no Save button. */
  g_assert_true (reframe_test_wait_for (entry_saved_cb, test, 5000));
}

static void
check_in (ReframeTestApp *test)
{
  GtkWidget *dialog;

  /* Two clicks from Today: a face, then Save. */
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.show-page",
                                g_variant_new_string ("today"));
  reframe_test_click (find_in (GTK_WIDGET (test->window), "mood_button_7"));
  dialog = GTK_WIDGET (reframe_test_wait_for_window (REFRAME_TYPE_CHECKIN_DIALOG, 5000));
  g_assert_nonnull (dialog);
  reframe_test_set_text (find_in (dialog, "note_view"), CHECKIN_NOTE);
  reframe_test_click (find_in (dialog, "save_button"));
  g_assert_true (reframe_test_wait_for (window_gone_cb,
                                        GSIZE_TO_POINTER (REFRAME_TYPE_CHECKIN_DIALOG), 5000));
}

static void
thought_record (ReframeTestApp *test)
{
  GtkWidget *dialog;
  GtkWidget *chips;
  GtkListBoxRow *row;

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-thought-record", NULL);
  dialog = GTK_WIDGET (reframe_test_wait_for_window (REFRAME_TYPE_THOUGHT_RECORD_DIALOG, 5000));
  g_assert_nonnull (dialog);

  type_into_area (find_in (dialog, "situation_area"), SITUATION);
  reframe_test_click (find_in (dialog, "next_button"));

  chips = find_in (dialog, "emotion_chips");
  for (GtkWidget *child = gtk_widget_get_first_child (chips); child; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "emotion-id"), "hurt") == 0)
      g_signal_emit_by_name (child, "activate");
  reframe_test_iterate (20);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (find_in (dialog, "emotions_list")), 0);
  g_assert_nonnull (row);
  gtk_range_set_value (GTK_RANGE (reframe_emotion_rating_row_get_scale (REFRAME_EMOTION_RATING_ROW (row))), 75);
  reframe_test_click (find_in (dialog, "next_button"));

  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (find_in (dialog, "thoughts_list")), 0);
  g_assert_nonnull (row);
  type_into_area (GTK_WIDGET (reframe_automatic_thought_row_get_text_area (REFRAME_AUTOMATIC_THOUGHT_ROW (row))),
                  HOT_THOUGHT);
  /* Traps, evidence for, evidence against. */
  for (guint i = 0; i < 4; i++)
    reframe_test_click (find_in (dialog, "next_button"));
  type_into_area (find_in (dialog, "balanced_area"), "She said she was ill; one cancelled lunch is not a verdict.");
  reframe_test_click (find_in (dialog, "next_button"));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (find_in (dialog, "rerate_list")), 0);
  g_assert_nonnull (row);
  gtk_range_set_value (GTK_RANGE (reframe_emotion_rating_row_get_scale (REFRAME_EMOTION_RATING_ROW (row))), 30);
  reframe_test_click (find_in (dialog, "next_button"));   /* Finish */
  g_assert_true (reframe_test_shows_text (dialog, "75 → 30"));
  reframe_test_click (find_in (dialog, "next_button"));   /* Done */
  g_assert_true (reframe_test_wait_for (window_gone_cb,
                                        GSIZE_TO_POINTER (REFRAME_TYPE_THOUGHT_RECORD_DIALOG), 5000));
}

static void
assert_stored (ReframeTestApp *test)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) checkins = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(ReframeEntry) entry = NULL;
  ReframeThoughtRecord *record;
  ReframeEmotionRating *rating;

  entries = reframe_journal_store_list (reframe_application_get_journal_store (test->app), 0, 10, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = reframe_journal_store_get (reframe_application_get_journal_store (test->app),
                                     reframe_entry_get_uuid (g_ptr_array_index (entries, 0)), NULL);
  g_assert_cmpstr (reframe_entry_get_title (entry), ==, ENTRY_TITLE);
  g_assert_cmpstr (reframe_entry_get_body (entry), ==, ENTRY_BODY);

  checkins = reframe_mood_store_list (reframe_application_get_mood_store (test->app), 0, 10, NULL);
  g_assert_cmpuint (checkins->len, ==, 1);
  g_assert_cmpuint (reframe_checkin_get_mood (g_ptr_array_index (checkins, 0)), ==, 7);
  g_assert_cmpstr (reframe_checkin_get_note (g_ptr_array_index (checkins, 0)), ==, CHECKIN_NOTE);

  records = reframe_thought_record_store_list (reframe_application_get_thought_record_store (test->app),
                                               0, 10, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_true (reframe_thought_record_get_completed (record));
  g_assert_cmpstr (reframe_thought_record_get_situation (record), ==, SITUATION);
  g_assert_cmpstr (reframe_thought_record_get_hot_thought (record)->text, ==, HOT_THOUGHT);
  rating = g_ptr_array_index (reframe_thought_record_get_emotions (record), 0);
  g_assert_cmpstr (rating->emotion, ==, "hurt");
  g_assert_cmpint (rating->intensity, ==, 75);
  g_assert_cmpint (rating->after, ==, 30);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} Shows;

static gboolean
shows_cb (gpointer data)
{
  Shows *shows = data;

  return reframe_test_shows_text (shows->root, shows->text);
}

static void
assert_page_shows (ReframeTestApp *test,
                   const char     *page,
                   const char     *text)
{
  Shows shows = { GTK_WIDGET (test->window), text };

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.show-page",
                                g_variant_new_string (page));
  g_assert_true (reframe_test_wait_for (shows_cb, &shows, 3000));
}

static void
create_everything (ReframeTestApp *test,
                   gpointer        user_data)
{
  write_entry (test);
  check_in (test);
  thought_record (test);
  assert_stored (test);
}

static void
see_everything_again (ReframeTestApp *test,
                      gpointer        user_data)
{
  assert_stored (test);
  assert_page_shows (test, "today", ENTRY_TITLE);
  assert_page_shows (test, "today", "checked in 1 time today");
  assert_page_shows (test, "journal", ENTRY_TITLE);
  assert_page_shows (test, "mood", CHECKIN_NOTE);
  assert_page_shows (test, "exercises", SITUATION);
  assert_page_shows (test, "exercises", "30");
}

static void
test_restart (void)
{
  g_autofree char *data_dir = reframe_test_make_data_dir ();

  reframe_test_app_run (data_dir, FALSE, create_everything, NULL);
  reframe_test_app_run (data_dir, FALSE, see_everything_again, NULL);

  reframe_test_remove_tree (data_dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/restart/journal-checkin-thought-record", test_restart);

  return g_test_run ();
}
