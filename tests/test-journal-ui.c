/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "reframe-date.h"
#include "reframe-entry-editor.h"
#include "reframe-entry-row.h"
#include "reframe-journal-page.h"
#include "reframe-search-row.h"
#include "reframe-tag-editor.h"
#include "reframe-test-ui.h"
#include "reframe-test-util.h"
#include "reframe-thought-record.h"
#include "reframe-writing-prompts.h"

typedef struct
{
  ReframeTestApp *test;
  GtkWidget      *page;
  GtkWidget      *editor;
} Journal;

static ReframeJournalStore *
get_store (Journal *j)
{
  return reframe_application_get_journal_store (j->test->app);
}

static Journal
open_journal (ReframeTestApp *test)
{
  Journal j = { test, NULL, NULL };

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.show-page",
                                g_variant_new_string ("journal"));
  j.page = reframe_test_find_typed (GTK_WIDGET (test->window), "journal_page",
                                    REFRAME_TYPE_JOURNAL_PAGE);
  j.editor = reframe_test_find_typed (j.page, "editor", REFRAME_TYPE_ENTRY_EDITOR);
  g_assert_nonnull (j.page);
  g_assert_nonnull (j.editor);
  reframe_test_iterate (50);

  return j;
}

static GtkWidget *
editor_child (Journal    *j,
              const char *id)
{
  GtkWidget *widget = reframe_test_find (j->editor, id);

  g_assert_nonnull (widget);
  return widget;
}

static char *
body_text (Journal *j)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor_child (j, "body_view")));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static gboolean
prompt_shown (Journal *j)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (editor_child (j, "prompt_revealer")));
}

static gboolean
editor_has_uuid_cb (gpointer data)
{
  Journal *j = data;

  return reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j->editor)) != NULL;
}

typedef struct
{
  Journal    *j;
  const char *uuid;
  const char *body;
} BodyWait;

static gboolean
stored_body_is_cb (gpointer data)
{
  BodyWait *wait = data;
  g_autoptr(ReframeEntry) entry = reframe_journal_store_get (get_store (wait->j), wait->uuid, NULL);

  return entry != NULL && g_strcmp0 (reframe_entry_get_body (entry), wait->body) == 0;
}

/* The row widgets of the journal list (or of the search results) on screen. */
static GPtrArray *
mapped_rows (GtkWidget *root,
             GType      type)
{
  g_autoptr(GPtrArray) all = reframe_test_find_all_by_type (root, type);
  GPtrArray *mapped = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (all, i)))
      g_ptr_array_add (mapped, g_ptr_array_index (all, i));

  return mapped;
}

static ReframeEntryRow *
find_entry_row (Journal    *j,
                const char *uuid)
{
  g_autoptr(GPtrArray) rows = mapped_rows (reframe_test_find (j->page, "list_view"),
                                           REFRAME_TYPE_ENTRY_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      ReframeEntry *entry = reframe_entry_row_get_entry (g_ptr_array_index (rows, i));

      if (entry != NULL && g_strcmp0 (reframe_entry_get_uuid (entry), uuid) == 0)
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

static gboolean
search_shows_results_cb (gpointer data)
{
  Journal *j = data;
  g_autoptr(GPtrArray) rows = mapped_rows (reframe_test_find (j->page, "results_view"),
                                           REFRAME_TYPE_SEARCH_ROW);

  return rows->len > 0;
}

static GtkWidget *
find_button_with_label (GtkWidget  *root,
                        const char *label)
{
  g_autoptr(GPtrArray) all = reframe_test_find_all_by_type (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (all, i);

      if (gtk_widget_get_mapped (button) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) == 0)
        return button;
    }

  return NULL;
}

static gboolean
undo_button_shown_cb (gpointer data)
{
  return find_button_with_label (data, "_Undo") != NULL;
}

static void
write_edit_search_delete (ReframeTestApp *test,
                          gpointer        user_data)
{
  Journal j = open_journal (test);
  Journal *jp = &j;
  ReframeTagEditor *tag_editor;
  g_autoptr(ReframeEntry) stored = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_auto(GStrv) tags = NULL;
  ReframeEntryRow *row;
  BodyWait wait;

  /* A first-time person sees the empty state. */
  g_assert_true (reframe_test_shows_text (j.page, "Start Your Journal"));

  /* Ctrl+N's action: a blank page with the keyboard in the text. */
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-entry", NULL);
  g_assert_true (gtk_widget_has_focus (editor_child (&j, "body_view")));
  g_assert_false (reframe_test_shows_text (j.page, "Start Your Journal"));

  reframe_test_set_text (editor_child (&j, "title_entry"), "A walk by the river");
  reframe_test_set_text (editor_child (&j, "body_view"), "The water was calm and so was I.");
  tag_editor = REFRAME_TAG_EDITOR (editor_child (&j, "tag_editor"));
  /* A comma ends a tag; the text after it is still being typed. */
  reframe_test_set_text (reframe_tag_editor_get_entry (tag_editor), "Outdoors,calm");
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (tag_editor), "Outdoors"));
  g_signal_emit_by_name (reframe_tag_editor_get_entry (tag_editor), "activate");
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (tag_editor), "calm"));
  g_assert_true (reframe_test_shows_text (editor_child (&j, "word_count_label"), "8 words"));

  /* Autosave: no Save button, written within about a second. */
  g_assert_true (reframe_test_wait_for (editor_has_uuid_cb, &j, 3000));
  uuid = g_strdup (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)));
  wait = (BodyWait) { &j, uuid, "The water was calm and so was I." };
  g_assert_true (reframe_test_wait_for (stored_body_is_cb, &wait, 3000));
  stored = reframe_journal_store_get (get_store (&j), uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reframe_entry_get_title (stored), ==, "A walk by the river");
  g_assert_cmpuint (reframe_entry_get_word_count (stored), ==, 8);
  g_assert_cmpstrv (reframe_entry_get_tags (stored),
                    ((const char *[]) { "Outdoors", "calm", NULL }));
  g_assert_true (reframe_date_same_day (reframe_entry_get_date (stored), now));
  summaries = reframe_journal_store_list (get_store (&j), 0, 10, NULL);
  g_assert_cmpuint (summaries->len, ==, 1);

  /* Shown in the list, selected, under its month. */
  reframe_test_iterate (100);
  row = find_entry_row (&j, uuid);
  g_assert_nonnull (row);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (row), "A walk by the river"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (row), "Today"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (row), "#Outdoors"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (row), "8 words"));
  {
    g_autofree char *month = reframe_date_format_month (now);

    g_assert_true (reframe_test_shows_text (GTK_WIDGET (row), month));
  }

  /* Edit: the store and the row follow. */
  reframe_test_set_text (editor_child (&j, "body_view"),
                         "The water was calm and so was I.\nThen it rained.");
  wait.body = "The water was calm and so was I.\nThen it rained.";
  g_assert_true (reframe_test_wait_for (stored_body_is_cb, &wait, 3000));
  reframe_test_iterate (100);
  row = find_entry_row (&j, uuid);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (row), "Then it rained."));
  g_assert_cmpstr (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)), ==, uuid);

  /* Back-date through the calendar: ten days ago, at the time chosen. */
  back = g_date_time_add_days (now, -10);
  gtk_calendar_select_day (GTK_CALENDAR (editor_child (&j, "calendar")), back);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor_child (&j, "hour_spin")), 7);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor_child (&j, "minute_spin")), 30);
  reframe_test_iterate (1200);
  g_clear_object (&stored);
  stored = reframe_journal_store_get (get_store (&j), uuid, &error);
  g_assert_no_error (error);
  g_assert_true (reframe_date_same_day (reframe_entry_get_date (stored), back));
  g_assert_cmpint (g_date_time_get_hour (reframe_entry_get_date (stored)), ==, 7);
  g_assert_cmpint (g_date_time_get_minute (reframe_entry_get_date (stored)), ==, 30);
  {
    g_autofree char *day = reframe_date_format_day (back, now);

    g_assert_true (reframe_test_shows_text (editor_child (&j, "date_label"), day));
    g_assert_true (reframe_test_shows_text (GTK_WIDGET (find_entry_row (&j, uuid)), day));
  }
  /* Text and creation time are untouched by the new date. */
  g_assert_cmpstr (reframe_entry_get_body (stored), ==, wait.body);

  /* Search finds it, with the match highlighted (and the markup of the text escaped). */
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.search", NULL);
  g_assert_true (gtk_widget_has_focus (reframe_test_find (j.page, "search_entry")) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (test->window)),
                                         reframe_test_find (j.page, "search_entry")));
  reframe_test_set_text (reframe_test_find (j.page, "search_entry"), "rain");
  g_assert_true (reframe_test_wait_for (search_shows_results_cb, &j, 5000));
  {
    g_autoptr(GPtrArray) rows = mapped_rows (reframe_test_find (j.page, "results_view"),
                                             REFRAME_TYPE_SEARCH_ROW);
    ReframeSearchRow *result_row = g_ptr_array_index (rows, 0);
    const char *markup = gtk_label_get_label (GTK_LABEL (reframe_test_find (GTK_WIDGET (result_row),
                                                                            "snippet_label")));

    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpstr (reframe_search_result_get_uuid (reframe_search_row_get_result (result_row)),
                     ==, uuid);
    g_assert_nonnull (strstr (markup, "<b>rained</b>"));
    g_assert_true (reframe_test_shows_text (GTK_WIDGET (result_row), "A walk by the river"));
  }

  /* Nothing found: a clear status, not an empty list. */
  reframe_test_set_text (reframe_test_find (j.page, "search_entry"), "zebra");
  reframe_test_iterate (300);
  g_assert_true (reframe_test_shows_text (j.page, "No Results"));

  /* A tag filter with no words lists that tag's entries. */
  reframe_test_set_text (reframe_test_find (j.page, "search_entry"), "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (reframe_test_find (j.page, "tag_dropdown")), 1);
  g_assert_true (reframe_test_wait_for (search_shows_results_cb, &j, 5000));

  /* Escape closes the search and brings the journal back. */
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (reframe_test_find (j.page, "search_bar")), FALSE);
  reframe_test_iterate (100);
  g_assert_nonnull (find_entry_row (&j, uuid));

  /* Delete from the editor's menu, then Undo brings back the same entry. */
  reframe_test_activate_action (j.editor, "editor.delete", NULL);
  g_assert_null (reframe_journal_store_get (get_store (&j), uuid, NULL));
  g_assert_null (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)));
  g_assert_true (reframe_test_shows_text (j.page, "Start Your Journal"));
  g_assert_true (reframe_test_wait_for (undo_button_shown_cb, test->window, 3000));
  reframe_test_click (find_button_with_label (GTK_WIDGET (test->window), "_Undo"));
  reframe_test_iterate (100);
  {
    g_autoptr(ReframeEntry) restored = reframe_journal_store_get (get_store (&j), uuid, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (reframe_entry_get_body (restored), ==, wait.body);
    g_assert_cmpstr (reframe_entry_get_title (restored), ==, "A walk by the river");
    g_assert_cmpint (g_date_time_compare (reframe_entry_get_created_at (restored),
                                          reframe_entry_get_created_at (stored)), ==, 0);
    g_assert_cmpint (g_date_time_compare (reframe_entry_get_date (restored),
                                          reframe_entry_get_date (stored)), ==, 0);
  }
  g_assert_nonnull (find_entry_row (&j, uuid));
  g_assert_cmpstr (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)), ==, uuid);

  /* Delete with the Delete key's action on the selected row, and leave it deleted. */
  reframe_test_activate_action (j.page, "journal.delete-selected", NULL);
  g_assert_null (reframe_journal_store_get (get_store (&j), uuid, NULL));
  g_assert_cmpuint (reframe_journal_store_count (get_store (jp)), ==, 0);
}

static void
test_write_edit_search_delete (void)
{
  reframe_test_app_run (NULL, FALSE, write_edit_search_delete, NULL);
}

static void
prompts_and_blank_pages (ReframeTestApp *test,
                         gpointer        user_data)
{
  Journal j = open_journal (test);
  GSettings *settings = reframe_application_get_settings (test->app);
  GtkWidget *prompt_label;
  g_autofree char *first = NULL;
  guint index;

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-entry", NULL);

  /* The blank page offered the next prompt from the rotation, as a hint only. */
  index = g_settings_get_uint (settings, "writing-prompt-index");
  g_assert_cmpuint (index, >, 0);
  prompt_label = editor_child (&j, "prompt_label");
  g_assert_true (prompt_shown (&j));
  first = g_strdup (gtk_label_get_label (GTK_LABEL (prompt_label)));
  g_assert_cmpstr (first, ==, reframe_writing_prompts_get (index - 1));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (&j, "title_entry"))), ==, "");
  g_assert_false (reframe_test_shows_text (editor_child (&j, "body_view"), first));

  /* Another one, and the rotation moves on with it. */
  reframe_test_click (editor_child (&j, "next_prompt_button"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (prompt_label)), !=, first);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (prompt_label)), ==,
                   reframe_writing_prompts_get (index));
  g_assert_cmpuint (g_settings_get_uint (settings, "writing-prompt-index"), ==, index + 1);

  /* Nothing is written for a blank page, even after a while. */
  reframe_test_iterate (1200);
  g_assert_cmpuint (reframe_journal_store_count (get_store (&j)), ==, 0);
  g_assert_null (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)));

  /* Dismissed, it goes, and is never written into the entry. */
  reframe_test_click (editor_child (&j, "dismiss_prompt_button"));
  g_assert_false (prompt_shown (&j));
  reframe_test_set_text (editor_child (&j, "body_view"), "My own words.");
  g_assert_true (reframe_test_wait_for (editor_has_uuid_cb, &j, 3000));
  {
    g_autoptr(ReframeEntry) entry =
      reframe_journal_store_get (get_store (&j),
                                 reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)),
                                 NULL);

    g_assert_cmpstr (reframe_entry_get_title (entry), ==, "");
    g_assert_cmpstr (reframe_entry_get_body (entry), ==, "My own words.");
  }

  /* Chosen, the prompt becomes the title and the entry is written. */
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-entry", NULL);
  g_assert_null (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)));
  g_assert_true (prompt_shown (&j));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (prompt_label)), ==,
                   reframe_writing_prompts_get (index + 1));
  reframe_test_click (editor_child (&j, "use_prompt_button"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (&j, "title_entry"))), ==,
                   reframe_writing_prompts_get (index + 1));
  g_assert_true (gtk_widget_has_focus (editor_child (&j, "body_view")));
  g_assert_true (reframe_test_wait_for (editor_has_uuid_cb, &j, 3000));
  g_assert_cmpuint (reframe_journal_store_count (get_store (&j)), ==, 2);

  /* Switched off: a blank page shows none. */
  g_settings_set_boolean (settings, "show-writing-prompts", FALSE);
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-entry", NULL);
  g_assert_false (prompt_shown (&j));
  reframe_test_iterate (1200);
  g_assert_cmpuint (reframe_journal_store_count (get_store (&j)), ==, 2);
}

static void
thought_record_opened_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  char **opened = user_data;

  g_free (*opened);
  *opened = g_variant_dup_string (parameter, NULL);
}

static void
search_thought_records (ReframeTestApp *test,
                        gpointer        user_data)
{
  Journal j = open_journal (test);
  ReframeThoughtRecordStore *records = reframe_application_get_thought_record_store (test->app);
  g_autoptr(ReframeThoughtRecord) record = reframe_thought_record_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *opened = NULL;
  GAction *action;

  reframe_thought_record_set_situation (record, "Presentation at work went badly");
  g_assert_true (reframe_thought_record_store_save (records, record, &error));
  g_assert_no_error (error);

  /* A result from the exercises opens there, through the window's action. */
  action = g_action_map_lookup_action (G_ACTION_MAP (test->window), "open-thought-record");
  g_signal_connect (action, "activate", G_CALLBACK (thought_record_opened_cb), &opened);

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.search", NULL);
  reframe_test_set_text (reframe_test_find (j.page, "search_entry"), "presentation");
  g_assert_true (reframe_test_wait_for (search_shows_results_cb, &j, 5000));
  g_assert_true (reframe_test_shows_text (reframe_test_find (j.page, "results_view"),
                                          "Thought record"));
  g_signal_emit_by_name (reframe_test_find (j.page, "search_entry"), "activate");
  reframe_test_iterate (50);
  g_assert_cmpstr (opened, ==, reframe_thought_record_get_uuid (record));
  g_signal_handlers_disconnect_by_data (action, &opened);
}

static void
test_search_thought_records (void)
{
  reframe_test_app_run (NULL, FALSE, search_thought_records, NULL);
}

static void
test_prompts_and_blank_pages (void)
{
  reframe_test_app_run (NULL, FALSE, prompts_and_blank_pages, NULL);
}

static void
type_then_close (ReframeTestApp *test,
                 gpointer        user_data)
{
  Journal j = open_journal (test);
  ReframeTagEditor *tag_editor;

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-entry", NULL);
  reframe_test_set_text (editor_child (&j, "body_view"), "Written just before closing");
  /* Typed into the tag field without Enter: still kept. */
  tag_editor = REFRAME_TAG_EDITOR (editor_child (&j, "tag_editor"));
  reframe_test_set_text (reframe_tag_editor_get_entry (tag_editor), "late");
  /* The window closes well within the autosave delay. */
  g_assert_cmpuint (reframe_journal_store_count (get_store (&j)), ==, 0);
}

static void
after_restart (ReframeTestApp *test,
               gpointer        user_data)
{
  Journal j = open_journal (test);
  g_autoptr(GPtrArray) entries = reframe_journal_store_list (get_store (&j), 0, 10, NULL);
  g_autoptr(ReframeEntry) entry = NULL;
  g_autofree char *body = NULL;

  g_assert_cmpuint (entries->len, ==, 1);
  entry = reframe_journal_store_get (get_store (&j), reframe_entry_get_uuid (entries->pdata[0]),
                                     NULL);
  g_assert_cmpstr (reframe_entry_get_body (entry), ==, "Written just before closing");
  g_assert_cmpstrv (reframe_entry_get_tags (entry), ((const char *[]) { "late", NULL }));

  /* Opening it from elsewhere (Today's list) shows it in the editor. */
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.open-entry",
                                g_variant_new_string (reframe_entry_get_uuid (entry)));
  body = body_text (&j);
  g_assert_cmpstr (body, ==, "Written just before closing");
  g_assert_true (reframe_test_shows_text (j.page, "Written just before closing"));
}

static void
test_save_on_close (void)
{
  g_autofree char *data_dir = reframe_test_make_data_dir ();

  reframe_test_app_run (data_dir, FALSE, type_then_close, NULL);
  reframe_test_app_run (data_dir, FALSE, after_restart, NULL);

  reframe_test_remove_tree (data_dir);
}

static gboolean
message_dialog_shown_cb (gpointer data)
{
  return reframe_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 0) != NULL;
}

static void
save_error_keeps_text (ReframeTestApp *test,
                       gpointer        user_data)
{
  Journal j = open_journal (test);
  ReframeDatabase *database = reframe_journal_store_get_database (get_store (&j));
  sqlite3 *db = reframe_database_get_handle (database);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  /* Every write to the journal fails from now on, as on a full or read-only disk. */
  g_assert_cmpint (sqlite3_exec (db, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON journal_entry"
                                     " BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-entry", NULL);
  reframe_test_set_text (editor_child (&j, "body_view"), "Words that must not be lost");
  g_assert_true (reframe_test_wait_for (message_dialog_shown_cb, NULL, 3000));
  dialog = ADW_MESSAGE_DIALOG (reframe_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 0));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Your Entry Could Not Be Saved");
  gtk_window_close (GTK_WINDOW (dialog));
  reframe_test_iterate (50);

  /* The text stays, marked as not saved; nothing half-written reached the store. */
  body = body_text (&j);
  g_assert_cmpstr (body, ==, "Words that must not be lost");
  g_assert_true (gtk_widget_get_visible (editor_child (&j, "unsaved_icon")));
  g_assert_null (reframe_entry_editor_get_uuid (REFRAME_ENTRY_EDITOR (j.editor)));
  g_assert_cmpuint (reframe_journal_store_count (get_store (&j)), ==, 0);

  /* A new failure while typing on does not stack up dialogs. */
  reframe_test_set_text (editor_child (&j, "body_view"), "Words that must not be lost, still");
  reframe_test_iterate (1200);
  g_assert_null (reframe_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 0));

  /* Closing the window now would lose the text: it stays open and asks first. */
  gtk_window_close (GTK_WINDOW (test->window));
  g_assert_true (reframe_test_wait_for (message_dialog_shown_cb, NULL, 3000));
  dialog = ADW_MESSAGE_DIALOG (reframe_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 0));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Close Without Saving?");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (test->window)));
  adw_message_dialog_response (dialog, "cancel");
  reframe_test_iterate (50);
  g_assert_nonnull (test->window);

  /* Once writing works again, the next change saves everything. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER temp.refuse", NULL, NULL, NULL), ==, SQLITE_OK);
  reframe_test_set_text (editor_child (&j, "body_view"), "Words that must not be lost, saved");
  g_assert_true (reframe_test_wait_for (editor_has_uuid_cb, &j, 3000));
  g_assert_false (gtk_widget_get_visible (editor_child (&j, "unsaved_icon")));
  g_assert_cmpuint (reframe_journal_store_count (get_store (&j)), ==, 1);
}

static void
test_save_error_keeps_text (void)
{
  reframe_test_app_run (NULL, FALSE, save_error_keeps_text, NULL);
}

static gboolean
window_gone_cb (gpointer data)
{
  ReframeTestApp *test = data;

  return test->window == NULL;
}

static void
close_without_saving (ReframeTestApp *test,
                      gpointer        user_data)
{
  Journal j = open_journal (test);
  sqlite3 *db = reframe_database_get_handle (reframe_journal_store_get_database (get_store (&j)));
  AdwMessageDialog *dialog;

  g_assert_cmpint (sqlite3_exec (db, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON journal_entry"
                                     " BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-entry", NULL);
  reframe_test_set_text (editor_child (&j, "body_view"), "Cannot be saved");

  /* Closed at once, before any autosave: the close itself finds the failure and asks. */
  gtk_window_close (GTK_WINDOW (test->window));
  g_assert_true (reframe_test_wait_for (message_dialog_shown_cb, NULL, 3000));
  dialog = ADW_MESSAGE_DIALOG (reframe_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 0));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Close Without Saving?");
  adw_message_dialog_response (dialog, "close");
  g_assert_true (reframe_test_wait_for (window_gone_cb, test, 3000));
}

static void
test_close_without_saving (void)
{
  reframe_test_app_run (NULL, FALSE, close_without_saving, NULL);
}

static void
many_entries (ReframeTestApp *test,
              gpointer        user_data)
{
  ReframeJournalStore *store = reframe_application_get_journal_store (test->app);
  ReframeDatabase *database = reframe_journal_store_get_database (store);
  g_autoptr(GDateTime) start = g_date_time_new_local (2024, 6, 30, 12, 0, 0);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeEntry) oldest = NULL;
  GtkListView *list_view;
  Journal j;
  guint headings = 0;

  /* Ten thousand entries, one every six hours, back from the end of June 2024. */
  g_assert_true (reframe_database_begin (database, &error));
  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(ReframeEntry) entry = reframe_entry_new ();
      g_autoptr(GDateTime) date = g_date_time_add_hours (start, -6 * (int) i);
      g_autofree char *title = g_strdup_printf ("Entry %u", i);

      reframe_entry_set_title (entry, title);
      reframe_entry_set_body (entry, "Some words.");
      reframe_entry_set_date (entry, date);
      g_assert_true (reframe_journal_store_save (store, entry, &error));
    }
  g_assert_true (reframe_database_commit (database, &error));

  j = open_journal (test);
  reframe_test_iterate (200);
  list_view = GTK_LIST_VIEW (reframe_test_find (j.page, "list_view"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list_view))),
                    ==, 10000);

  /* Newest first; a month heading only above the first entry of each month. */
  rows = mapped_rows (GTK_WIDGET (list_view), REFRAME_TYPE_ENTRY_ROW);
  g_assert_cmpuint (rows->len, >, 3);
  g_assert_true (reframe_test_shows_text (g_ptr_array_index (rows, 0), "Entry 0"));
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *month = reframe_test_find (g_ptr_array_index (rows, i), "month_label");

      if (gtk_widget_get_visible (month))
        {
          headings++;
          /* 120 entries a month: only the first row here starts one. */
          g_assert_cmpuint (i, ==, 0);
          g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (month)), ==, "June 2024");
        }
    }
  g_assert_cmpuint (headings, ==, 1);

  /* A newer entry in the same month takes the heading from the row below it. */
  {
    g_autoptr(ReframeEntry) newer = reframe_entry_new ();
    g_autoptr(GDateTime) date = g_date_time_add_hours (start, 1);
    g_autoptr(GPtrArray) now_rows = NULL;

    reframe_entry_set_title (newer, "Newest");
    reframe_entry_set_date (newer, date);
    g_assert_true (reframe_journal_store_save (store, newer, &error));
    reframe_test_iterate (200);
    now_rows = mapped_rows (GTK_WIDGET (list_view), REFRAME_TYPE_ENTRY_ROW);
    for (guint i = 0; i < now_rows->len; i++)
      {
        ReframeEntryRow *row = g_ptr_array_index (now_rows, i);
        const char *title = reframe_entry_get_title (reframe_entry_row_get_entry (row));
        GtkWidget *month = reframe_test_find (GTK_WIDGET (row), "month_label");

        if (g_strcmp0 (title, "Newest") == 0)
          g_assert_true (gtk_widget_get_visible (month));
        else if (g_strcmp0 (title, "Entry 0") == 0)
          g_assert_false (gtk_widget_get_visible (month));
      }
  }

  /* The oldest one opens too. */
  oldest = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list_view)), 10000);
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.open-entry",
                                g_variant_new_string (reframe_entry_get_uuid (oldest)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (&j, "title_entry"))), ==,
                   "Entry 9999");
}

static void
test_many_entries (void)
{
  reframe_test_app_run (NULL, FALSE, many_entries, NULL);
}

static void
snippet_markup (void)
{
  g_autofree char *markup = NULL;

  markup = reframe_search_snippet_to_markup ("a <b>&\n " REFRAME_SEARCH_MATCH_START "word"
                                             REFRAME_SEARCH_MATCH_END " end");
  g_assert_nonnull (strstr (markup, "a &lt;b&gt;&amp; "));
  g_assert_nonnull (strstr (markup, "<b>word</b>"));
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL));
  g_clear_pointer (&markup, g_free);

  /* An unclosed mark still makes valid markup. */
  markup = reframe_search_snippet_to_markup (REFRAME_SEARCH_MATCH_START "open");
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* What is on screen, without waiting for crossfades and slides to end. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/reframe/journal-ui/write-edit-search-delete", test_write_edit_search_delete);
  g_test_add_func ("/reframe/journal-ui/prompts-and-blank-pages", test_prompts_and_blank_pages);
  g_test_add_func ("/reframe/journal-ui/search-thought-records", test_search_thought_records);
  g_test_add_func ("/reframe/journal-ui/save-on-close", test_save_on_close);
  g_test_add_func ("/reframe/journal-ui/save-error-keeps-text", test_save_error_keeps_text);
  g_test_add_func ("/reframe/journal-ui/close-without-saving", test_close_without_saving);
  g_test_add_func ("/reframe/journal-ui/many-entries", test_many_entries);
  g_test_add_func ("/reframe/journal-ui/snippet-markup", snippet_markup);

  return g_test_run ();
}
