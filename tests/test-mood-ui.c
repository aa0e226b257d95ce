/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "reframe-checkin-dialog.h"
#include "reframe-checkin-row.h"
#include "reframe-chip.h"
#include "reframe-emotion-picker.h"
#include "reframe-mood-chart.h"
#include "reframe-mood-scale.h"
#include "reframe-test-ui.h"

static ReframeMoodStore *
get_store (ReframeTestApp *test)
{
  return reframe_application_get_mood_store (test->app);
}

static GtkWidget *
find_named (GtkWidget  *root,
            GType       type,
            const char *name)
{
  g_autoptr(GPtrArray) all = reframe_test_find_all_by_type (root, type);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (all, i)), name) == 0)
      return g_ptr_array_index (all, i);

  return NULL;
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

typedef struct
{
  GtkWidget  *root;
  const char *text;
  gboolean    shown;
} TextWait;

static gboolean
text_state_cb (gpointer data)
{
  TextWait *wait = data;

  return reframe_test_shows_text (wait->root, wait->text) == wait->shown;
}

/* Whether @text ends up shown (or hidden) under @root; the page cross-fades, so both of its
 * states are on screen for a moment. */
static gboolean
eventually_shows (GtkWidget  *root,
                  const char *text,
                  gboolean    shown)
{
  TextWait wait = { root, text, shown };

  return reframe_test_wait_for (text_state_cb, &wait, 3000);
}

static ReframeCheckinDialog *
wait_for_dialog (void)
{
  GtkWindow *dialog = reframe_test_wait_for_window (REFRAME_TYPE_CHECKIN_DIALOG, 5000);

  g_assert_nonnull (dialog);
  return REFRAME_CHECKIN_DIALOG (dialog);
}

static gboolean
pointer_is_null_cb (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Runs @action (or clicks @button) and waits until the dialog is gone. */
static void
click_and_wait_closed (ReframeCheckinDialog *dialog,
                       GtkWidget            *button)
{
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  reframe_test_click (button);
  g_assert_true (reframe_test_wait_for (pointer_is_null_cb, &weak, 5000));
  reframe_test_iterate (50);
}

static ReframeMoodScale *
find_scale (GtkWidget  *dialog,
            const char *id)
{
  GtkWidget *scale = reframe_test_find_typed (dialog, id, REFRAME_TYPE_MOOD_SCALE);

  g_assert_nonnull (scale);
  return REFRAME_MOOD_SCALE (scale);
}

static ReframeCheckinRow *
find_only_row (ReframeTestApp *test)
{
  g_autoptr(GPtrArray) rows = NULL;

  rows = reframe_test_find_all_by_type (GTK_WIDGET (test->window), REFRAME_TYPE_CHECKIN_ROW);
  g_assert_cmpuint (rows->len, ==, 1);
  return g_ptr_array_index (rows, 0);
}

static ReframeCheckin *
get_only_checkin (ReframeTestApp *test)
{
  g_autoptr(GPtrArray) checkins = reframe_mood_store_list (get_store (test), 0, 10, NULL);

  g_assert_nonnull (checkins);
  g_assert_cmpuint (checkins->len, ==, 1);
  return g_object_ref (g_ptr_array_index (checkins, 0));
}

static void
assert_full_checkin (ReframeCheckin *checkin,
                     guint           mood)
{
  const ReframeEmotionRating *rating;
  const char * const expected_activities[] = { "Exercise", "Gardening", NULL };

  g_assert_cmpuint (reframe_checkin_get_mood (checkin), ==, mood);
  g_assert_cmpint (reframe_checkin_get_energy (checkin), ==, 6);
  g_assert_cmpint (reframe_checkin_get_anxiety (checkin), ==, 3);
  g_assert_cmpfloat_with_epsilon (reframe_checkin_get_sleep_hours (checkin), 7.5, 0.001);
  g_assert_cmpuint (reframe_checkin_get_emotions (checkin)->len, ==, 1);
  rating = g_ptr_array_index (reframe_checkin_get_emotions (checkin), 0);
  g_assert_cmpstr (rating->emotion, ==, "hopeful");
  g_assert_cmpint (rating->intensity, ==, 80);
  g_assert_cmpstrv (reframe_checkin_get_activities (checkin), expected_activities);
  g_assert_cmpstr (reframe_checkin_get_note (checkin), ==, "Walked to the lake.");
}

static void
checkin_edit_delete (ReframeTestApp *test,
                     gpointer        user_data)
{
  GtkWidget *window = GTK_WIDGET (test->window);
  g_autoptr(ReframeCheckin) saved = NULL;
  g_autoptr(ReframeCheckin) edited = NULL;
  g_autoptr(ReframeCheckin) restored = NULL;
  ReframeCheckinDialog *dialog;
  ReframeEmotionPicker *picker;
  ReframeMoodScale *mood_scale;
  GtkWidget *chip;
  GtkWidget *intensity;
  GtkWidget *sleep_spin;
  GtkWidget *add_row;
  GtkWidget *undo;
  g_autofree char *uuid = NULL;

  /* A first-time person sees what check-ins are for. */
  reframe_test_activate_action (window, "win.show-page", g_variant_new_string ("mood"));
  g_assert_true (reframe_test_shows_text (window, "Track Your Mood"));

  /* Today's faces open the dialog with the tapped mood already chosen. */
  reframe_test_activate_action (window, "win.checkin-with-mood", g_variant_new_int32 (7));
  dialog = wait_for_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  mood_scale = find_scale (GTK_WIDGET (dialog), "mood_scale");
  g_assert_cmpint (reframe_mood_scale_get_value (mood_scale), ==, 7);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    reframe_mood_scale_get_button (mood_scale, 7))));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Good"));
  g_assert_true (gtk_widget_is_sensitive (reframe_test_find (GTK_WIDGET (dialog), "save_button")));
  g_assert_false (reframe_checkin_dialog_is_modified (dialog));

  /* An emotion with its intensity. */
  picker = REFRAME_EMOTION_PICKER (reframe_test_find_typed (GTK_WIDGET (dialog), "emotion_picker",
                                                            REFRAME_TYPE_EMOTION_PICKER));
  g_assert_nonnull (picker);
  chip = reframe_emotion_picker_get_chip (picker, "hopeful");
  g_assert_nonnull (chip);
  g_assert_null (reframe_emotion_picker_get_intensity_scale (picker, "hopeful"));
  reframe_test_click (chip);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (chip)));
  intensity = reframe_emotion_picker_get_intensity_scale (picker, "hopeful");
  g_assert_nonnull (intensity);
  g_assert_true (gtk_widget_get_mapped (intensity));
  gtk_range_set_value (GTK_RANGE (intensity), 80);
  reframe_test_iterate (20);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "80%"));

  /* Energy and anxiety start unset; sleep starts "not recorded". */
  g_assert_cmpint (reframe_mood_scale_get_value (find_scale (GTK_WIDGET (dialog), "energy_scale")), ==, -1);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Not recorded"));
  reframe_test_click (reframe_mood_scale_get_button (find_scale (GTK_WIDGET (dialog), "energy_scale"), 6));
  reframe_test_click (reframe_mood_scale_get_button (find_scale (GTK_WIDGET (dialog), "anxiety_scale"), 3));
  g_assert_cmpint (reframe_mood_scale_get_value (find_scale (GTK_WIDGET (dialog), "energy_scale")), ==, 6);
  g_assert_cmpint (reframe_mood_scale_get_value (find_scale (GTK_WIDGET (dialog), "anxiety_scale")), ==, 3);

  /* Typed the way a person would, with a decimal comma. */
  sleep_spin = reframe_test_find_typed (GTK_WIDGET (dialog), "sleep_spin", GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (sleep_spin);
  reframe_test_set_text (sleep_spin, "7,5");
  gtk_spin_button_update (GTK_SPIN_BUTTON (sleep_spin));
  reframe_test_iterate (20);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (sleep_spin)), 7.5, 0.001);
  g_assert_false (reframe_test_shows_text (GTK_WIDGET (dialog), "Not recorded"));

  /* A suggested activity, and one of the person's own. */
  chip = find_named (GTK_WIDGET (dialog), REFRAME_TYPE_CHIP, "activity-Exercise");
  g_assert_nonnull (chip);
  reframe_test_click (chip);
  add_row = reframe_test_find_typed (GTK_WIDGET (dialog), "add_activity_row", ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (add_row);
  reframe_test_set_text (add_row, "Gardening");
  g_signal_emit_by_name (add_row, "apply");
  reframe_test_iterate (20);
  chip = find_named (GTK_WIDGET (dialog), REFRAME_TYPE_CHIP, "activity-Gardening");
  g_assert_nonnull (chip);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (chip)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");

  reframe_test_set_text (reframe_test_find (GTK_WIDGET (dialog), "note_view"), "Walked to the lake.");
  g_assert_true (reframe_checkin_dialog_is_modified (dialog));

  /* One click on Save finishes it. */
  g_assert_cmpuint (reframe_mood_store_count (get_store (test)), ==, 0);
  click_and_wait_closed (dialog, reframe_test_find (GTK_WIDGET (dialog), "save_button"));
  saved = get_only_checkin (test);
  assert_full_checkin (saved, 7);
  uuid = g_strdup (reframe_checkin_get_uuid (saved));

  /* The page updates on its own: chart, summary and history. */
  g_assert_true (eventually_shows (window, "Track Your Mood", FALSE));
  g_assert_true (reframe_test_shows_text (window, "Average 7.0 (Good) · 1 check-in"));
  g_assert_cmpuint (reframe_mood_chart_get_n_checkins (REFRAME_MOOD_CHART (
    reframe_test_find (window, "chart"))), ==, 1);
  g_assert_true (reframe_test_shows_text (window, "Today"));
  g_assert_true (reframe_test_shows_text (window, "Hopeful"));
  g_assert_true (reframe_test_shows_text (window,
                                          "Exercise, Gardening · Energy 6 · Anxiety 3 · Slept 7.5 h"));
  g_assert_true (reframe_test_shows_text (window, "Walked to the lake."));
  g_assert_true (reframe_checkin_get_mood (reframe_checkin_row_get_checkin (find_only_row (test))) == 7);

  /* Edit: the row opens the same dialog with everything as saved. */
  gtk_widget_activate (GTK_WIDGET (find_only_row (test)));
  dialog = wait_for_dialog ();
  g_assert_nonnull (reframe_checkin_dialog_get_checkin (dialog));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Edit Check-in"));
  mood_scale = find_scale (GTK_WIDGET (dialog), "mood_scale");
  g_assert_cmpint (reframe_mood_scale_get_value (mood_scale), ==, 7);
  g_assert_cmpint (reframe_mood_scale_get_value (find_scale (GTK_WIDGET (dialog), "energy_scale")), ==, 6);
  g_assert_cmpint (reframe_mood_scale_get_value (find_scale (GTK_WIDGET (dialog), "anxiety_scale")), ==, 3);
  picker = REFRAME_EMOTION_PICKER (reframe_test_find (GTK_WIDGET (dialog), "emotion_picker"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    reframe_emotion_picker_get_chip (picker, "hopeful"))));
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (
    reframe_emotion_picker_get_intensity_scale (picker, "hopeful"))), ==, 80);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    find_named (GTK_WIDGET (dialog), REFRAME_TYPE_CHIP, "activity-Gardening"))));
  sleep_spin = reframe_test_find (GTK_WIDGET (dialog), "sleep_spin");
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (sleep_spin)), 7.5, 0.001);
  g_assert_false (reframe_checkin_dialog_is_modified (dialog));

  reframe_test_click (reframe_mood_scale_get_button (mood_scale, 4));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Meh"));
  /* The time can be moved, e.g. to the morning it was about. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (reframe_test_find (GTK_WIDGET (dialog), "hour_spin")), 6);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (reframe_test_find (GTK_WIDGET (dialog), "minute_spin")), 15);
  reframe_test_iterate (20);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "06:15"));
  click_and_wait_closed (dialog, reframe_test_find (GTK_WIDGET (dialog), "save_button"));
  edited = get_only_checkin (test);
  g_assert_cmpstr (reframe_checkin_get_uuid (edited), ==, uuid);
  assert_full_checkin (edited, 4);
  g_assert_cmpint (g_date_time_get_day_of_year (reframe_checkin_get_recorded_at (edited)), ==,
                   g_date_time_get_day_of_year (reframe_checkin_get_recorded_at (saved)));
  g_assert_cmpint (g_date_time_get_hour (reframe_checkin_get_recorded_at (edited)), ==, 6);
  g_assert_cmpint (g_date_time_get_minute (reframe_checkin_get_recorded_at (edited)), ==, 15);
  g_assert_true (eventually_shows (window, "Meh", TRUE));
  g_assert_true (reframe_test_shows_text (window, "06:15"));

  /* Delete from the dialog, then undo from the toast. */
  gtk_widget_activate (GTK_WIDGET (find_only_row (test)));
  dialog = wait_for_dialog ();
  click_and_wait_closed (dialog, reframe_test_find (GTK_WIDGET (dialog), "delete_button"));
  g_assert_cmpuint (reframe_mood_store_count (get_store (test)), ==, 0);
  g_assert_true (eventually_shows (window, "Track Your Mood", TRUE));
  g_assert_true (reframe_test_shows_text (window, "Check-in deleted"));

  undo = find_button_with_label (window, "_Undo");
  g_assert_nonnull (undo);
  reframe_test_click (undo);
  reframe_test_iterate (50);
  restored = get_only_checkin (test);
  g_assert_cmpstr (reframe_checkin_get_uuid (restored), ==, uuid);
  assert_full_checkin (restored, 4);
  g_assert_true (eventually_shows (window, "Track Your Mood", FALSE));
  g_assert_true (reframe_test_shows_text (window, "Walked to the lake."));
}

static void
test_checkin_edit_delete (void)
{
  reframe_test_app_run (NULL, FALSE, checkin_edit_delete, NULL);
}

static void
cancel_and_discard (ReframeTestApp *test,
                    gpointer        user_data)
{
  GtkWidget *window = GTK_WIDGET (test->window);
  ReframeCheckinDialog *dialog;
  gpointer weak;
  GtkWindow *confirm;

  /* Without a preset mood there is nothing to save yet. */
  reframe_test_activate_action (window, "win.new-checkin", NULL);
  dialog = wait_for_dialog ();
  g_assert_cmpint (reframe_mood_scale_get_value (find_scale (GTK_WIDGET (dialog), "mood_scale")), ==, -1);
  g_assert_false (gtk_widget_is_sensitive (reframe_test_find (GTK_WIDGET (dialog), "save_button")));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Pick a number"));

  /* An untouched dialog cancels at once. */
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  reframe_test_activate_action (GTK_WIDGET (dialog), "checkin.cancel", NULL);
  g_assert_true (reframe_test_wait_for (pointer_is_null_cb, &weak, 5000));

  /* One with something typed asks first, and keeps it when asked to. */
  reframe_test_activate_action (window, "win.checkin-with-mood", g_variant_new_int32 (3));
  dialog = wait_for_dialog ();
  reframe_test_set_text (reframe_test_find (GTK_WIDGET (dialog), "note_view"), "Rough morning");
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  reframe_test_activate_action (GTK_WIDGET (dialog), "checkin.cancel", NULL);
  confirm = reframe_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (confirm);
  g_assert_nonnull (weak);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "keep");
  reframe_test_iterate (50);
  g_assert_nonnull (weak);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (
      reframe_test_find (GTK_WIDGET (dialog), "note_view")));
    g_autofree char *note = NULL;
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (note, ==, "Rough morning");
  }

  reframe_test_activate_action (GTK_WIDGET (dialog), "checkin.cancel", NULL);
  confirm = reframe_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "discard");
  g_assert_true (reframe_test_wait_for (pointer_is_null_cb, &weak, 5000));
  g_assert_cmpuint (reframe_mood_store_count (get_store (test)), ==, 0);

  /* A second request while one is open brings that one forward instead of stacking. */
  reframe_test_activate_action (window, "win.checkin-with-mood", g_variant_new_int32 (9));
  dialog = wait_for_dialog ();
  reframe_test_activate_action (window, "win.checkin-with-mood", g_variant_new_int32 (1));
  {
    g_autoptr(GPtrArray) dialogs = g_ptr_array_new ();
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
        if (REFRAME_IS_CHECKIN_DIALOG (toplevel))
          g_ptr_array_add (dialogs, toplevel);
      }
    g_assert_cmpuint (dialogs->len, ==, 1);
  }
  g_assert_cmpint (reframe_mood_scale_get_value (find_scale (GTK_WIDGET (dialog), "mood_scale")), ==, 9);
}

static void
test_cancel_and_discard (void)
{
  reframe_test_app_run (NULL, FALSE, cancel_and_discard, NULL);
}

static void
exec_sql (ReframeTestApp *test,
          const char     *sql)
{
  sqlite3 *db = reframe_database_get_handle (reframe_application_get_database (test->app));

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
save_error_keeps_everything (ReframeTestApp *test,
                             gpointer        user_data)
{
  GtkWidget *window = GTK_WIDGET (test->window);
  ReframeCheckinDialog *dialog;
  GtkWindow *error_dialog;
  GtkWidget *note_view;
  gpointer weak;
  g_autoptr(ReframeCheckin) saved = NULL;

  reframe_test_activate_action (window, "win.checkin-with-mood", g_variant_new_int32 (2));
  dialog = wait_for_dialog ();
  note_view = reframe_test_find (GTK_WIDGET (dialog), "note_view");
  reframe_test_set_text (note_view, "Everything went wrong today");
  reframe_test_click (reframe_mood_scale_get_button (find_scale (GTK_WIDGET (dialog), "anxiety_scale"), 9));

  /* The disk refuses the write. */
  exec_sql (test, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON checkin"
                  " BEGIN SELECT RAISE (ABORT, 'refused by the test'); END");
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  reframe_test_click (reframe_test_find (GTK_WIDGET (dialog), "save_button"));

  /* A clear message over the dialog, which stays open with everything in it. */
  error_dialog = reframe_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
  g_assert_nonnull (error_dialog);
  g_assert_true (gtk_window_get_transient_for (error_dialog) == GTK_WINDOW (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (error_dialog)), ==,
                   "Could Not Save the Check-in");
  g_assert_nonnull (weak);
  g_assert_cmpuint (reframe_mood_store_count (get_store (test)), ==, 0);
  g_assert_cmpint (reframe_mood_scale_get_value (find_scale (GTK_WIDGET (dialog), "mood_scale")), ==, 2);
  g_assert_cmpint (reframe_mood_scale_get_value (find_scale (GTK_WIDGET (dialog), "anxiety_scale")), ==, 9);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (error_dialog), "close");
  reframe_test_iterate (50);
  g_assert_nonnull (weak);

  /* Once the disk is back, the same Save goes through. */
  exec_sql (test, "DROP TRIGGER refuse");
  click_and_wait_closed (dialog, reframe_test_find (GTK_WIDGET (dialog), "save_button"));
  saved = get_only_checkin (test);
  g_assert_cmpuint (reframe_checkin_get_mood (saved), ==, 2);
  g_assert_cmpint (reframe_checkin_get_anxiety (saved), ==, 9);
  g_assert_cmpstr (reframe_checkin_get_note (saved), ==, "Everything went wrong today");
}

static void
test_save_error_keeps_everything (void)
{
  reframe_test_app_run (NULL, FALSE, save_error_keeps_everything, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/mood-ui/checkin-edit-delete", test_checkin_edit_delete);
  g_test_add_func ("/reframe/mood-ui/cancel-and-discard", test_cancel_and_discard);
  g_test_add_func ("/reframe/mood-ui/save-error-keeps-everything", test_save_error_keeps_everything);

  return g_test_run ();
}
