/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "reframe-automatic-thought-row.h"
#include "reframe-emotion-rating-row.h"
#include "reframe-exercises-page.h"
#include "reframe-test-ui.h"
#include "reframe-text-area.h"
#include "reframe-thinking-traps.h"
#include "reframe-thought-record-dialog.h"
#include "reframe-thought-record-row.h"
#include "reframe-trap-picker.h"

/* Helpers that act as a person would, on the dialog's own widgets. */

static ReframeThoughtRecordDialog *
open_new_record (ReframeTestApp *test)
{
  GtkWindow *dialog;

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-thought-record", NULL);
  dialog = reframe_test_wait_for_window (REFRAME_TYPE_THOUGHT_RECORD_DIALOG, 5000);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (test->window));
  g_assert_true (gtk_window_get_modal (dialog));

  return REFRAME_THOUGHT_RECORD_DIALOG (dialog);
}

static GtkWidget *
find (ReframeThoughtRecordDialog *dialog,
      const char                 *id)
{
  GtkWidget *widget = reframe_test_find (GTK_WIDGET (dialog), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
type_into (GtkWidget  *area,
           const char *text)
{
  GtkWidget *text_view = reframe_test_find_by_type (area, GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (text_view);
  g_assert_true (gtk_widget_get_mapped (text_view));
  reframe_test_set_text (text_view, text);
}

static void
click_next (ReframeThoughtRecordDialog *dialog)
{
  reframe_test_click (find (dialog, "next_button"));
}

static void
assert_step (ReframeThoughtRecordDialog *dialog,
             guint                       step)
{
  g_autofree char *label = g_strdup_printf ("Step %u of 8", step + 1);

  g_assert_cmpuint (reframe_thought_record_dialog_get_step (dialog), ==, step);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), label));
}

static GtkWidget *
row_at (ReframeThoughtRecordDialog *dialog,
        const char                 *list_id,
        int                         index)
{
  GtkListBox *list = GTK_LIST_BOX (find (dialog, list_id));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

static GtkRange *
emotion_scale (GtkWidget *row)
{
  return GTK_RANGE (reframe_emotion_rating_row_get_scale (REFRAME_EMOTION_RATING_ROW (row)));
}

static GtkWidget *
thought_area (GtkWidget *row)
{
  ReframeAutomaticThoughtRow *thought_row = REFRAME_AUTOMATIC_THOUGHT_ROW (row);

  return GTK_WIDGET (reframe_automatic_thought_row_get_text_area (thought_row));
}

static GtkRange *
thought_scale (GtkWidget *row)
{
  return GTK_RANGE (reframe_automatic_thought_row_get_scale (REFRAME_AUTOMATIC_THOUGHT_ROW (row)));
}

static GtkToggleButton *
thought_star (GtkWidget *row)
{
  return reframe_automatic_thought_row_get_hot_button (REFRAME_AUTOMATIC_THOUGHT_ROW (row));
}

static void
pick_emotion_chip (ReframeThoughtRecordDialog *dialog,
                   const char                 *id)
{
  GtkWidget *chips = find (dialog, "emotion_chips");

  for (GtkWidget *child = gtk_widget_get_first_child (chips);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "emotion-id"), id) == 0)
      {
        g_assert_true (gtk_widget_get_mapped (child));
        g_signal_emit_by_name (child, "activate");
        reframe_test_iterate (20);
        return;
      }

  g_assert_not_reached ();
}

static void
tick (GtkCheckButton *check)
{
  g_assert_nonnull (check);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (check)));
  g_assert_false (gtk_check_button_get_active (check));
  /* What a click or Space does. */
  g_signal_emit_by_name (check, "activate");
  reframe_test_iterate (20);
  g_assert_true (gtk_check_button_get_active (check));
}

static void
assert_hot_banner (ReframeThoughtRecordDialog *dialog,
                   gboolean                    visible)
{
  GtkWidget *card = find (dialog, "hot_card");

  g_assert_cmpint (gtk_widget_get_mapped (card), ==, visible);
  if (visible)
    {
      g_assert_true (reframe_test_shows_text (card, "I'm going to lose my job."));
      g_assert_true (reframe_test_shows_text (card, "Believed 90%"));
    }
}

static ReframeThoughtRecord *
only_record (ReframeTestApp *test)
{
  ReframeThoughtRecordStore *store = reframe_application_get_thought_record_store (test->app);
  g_autoptr(GPtrArray) records = reframe_thought_record_store_list (store, 0, 10, NULL);

  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, 1);
  return g_object_ref (g_ptr_array_index (records, 0));
}

static gboolean
dialog_gone_cb (gpointer data)
{
  return reframe_test_wait_for_window (REFRAME_TYPE_THOUGHT_RECORD_DIALOG, 0) == NULL;
}

static GtkWidget *
find_button_with_label (GtkWidget  *root,
                        const char *label)
{
  g_autoptr(GPtrArray) buttons = reframe_test_find_all_by_type (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (buttons, i)) &&
        g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} TextSearch;

static gboolean
shows_text_cb (gpointer data)
{
  TextSearch *search = data;

  return reframe_test_shows_text (search->root, search->text);
}

/* Lists refresh on idle after a store change; give them the time a person would. */
static gboolean
soon_shows_text (GtkWidget  *root,
                 const char *text)
{
  TextSearch search = { root, text };

  return reframe_test_wait_for (shows_text_cb, &search, 5000);
}

static gboolean
hides_text_cb (gpointer data)
{
  TextSearch *search = data;

  return !reframe_test_shows_text (search->root, search->text);
}

static gboolean
soon_hides_text (GtkWidget  *root,
                 const char *text)
{
  TextSearch search = { root, text };

  return reframe_test_wait_for (hides_text_cb, &search, 5000);
}

/* The whole flow, step by step, as a person would go through it. */
static void
complete_all_steps (ReframeTestApp *test,
                    gpointer        user_data)
{
  ReframeThoughtRecordStore *store = reframe_application_get_thought_record_store (test->app);
  ReframeThoughtRecordDialog *dialog = open_new_record (test);
  g_autoptr(ReframeThoughtRecord) record = NULL;
  const ReframeAutomaticThought *hot;
  const ReframeThinkingTrap *trap;
  GPtrArray *emotions;
  GPtrArray *thoughts;
  GtkWidget *row;
  GtkWidget *custom;
  GtkWidget *next;
  GtkWidget *past;

  /* 1 Situation. Nothing is stored before the person enters something. */
  assert_step (dialog, REFRAME_THOUGHT_RECORD_STEP_SITUATION);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "What happened?"));
  g_assert_false (gtk_widget_is_sensitive (find (dialog, "back_button")));
  assert_hot_banner (dialog, FALSE);
  g_assert_cmpuint (reframe_thought_record_store_count (store), ==, 0);
  type_into (find (dialog, "situation_area"), "Monday stand-up. My manager frowned at my update.");
  click_next (dialog);

  /* Saved on the step change, with the step to resume at. */
  record = only_record (test);
  g_assert_cmpstr (reframe_thought_record_get_situation (record), ==,
                   "Monday stand-up. My manager frowned at my update.");
  g_assert_cmpint (reframe_thought_record_get_step (record), ==, REFRAME_THOUGHT_RECORD_STEP_EMOTIONS);
  g_clear_object (&record);

  /* 2 Emotions: one from the catalog, one typed. */
  assert_step (dialog, REFRAME_THOUGHT_RECORD_STEP_EMOTIONS);
  pick_emotion_chip (dialog, "anxious");
  row = row_at (dialog, "emotions_list", 0);
  gtk_range_set_value (emotion_scale (row), 80);
  custom = find (dialog, "custom_emotion_row");
  reframe_test_set_text (custom, "Dread");
  g_signal_emit_by_name (custom, "apply");
  reframe_test_iterate (20);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (custom)), ==, "");
  row = row_at (dialog, "emotions_list", 1);
  gtk_range_set_value (emotion_scale (row), 60);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Anxious"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Dread"));
  click_next (dialog);

  /* 3 Thoughts: two, each with a belief; the star is exclusive. */
  assert_step (dialog, REFRAME_THOUGHT_RECORD_STEP_THOUGHTS);
  assert_hot_banner (dialog, FALSE);
  row = row_at (dialog, "thoughts_list", 0);
  type_into (thought_area (row),
             "I'm going to lose my job.");
  gtk_range_set_value (thought_scale (row), 90);
  reframe_test_click (find (dialog, "add_thought_button"));
  row = row_at (dialog, "thoughts_list", 1);
  type_into (thought_area (row),
             "Everyone thinks I'm useless.");
  gtk_range_set_value (thought_scale (row), 70);
  {
    GtkToggleButton *first = thought_star (row_at (dialog, "thoughts_list", 0));
    GtkToggleButton *second = thought_star (row);

    g_assert_true (gtk_toggle_button_get_active (first));
    reframe_test_click (GTK_WIDGET (second));
    g_assert_true (gtk_toggle_button_get_active (second));
    g_assert_false (gtk_toggle_button_get_active (first));
    reframe_test_click (GTK_WIDGET (first));
    g_assert_true (gtk_toggle_button_get_active (first));
    g_assert_false (gtk_toggle_button_get_active (second));
  }
  click_next (dialog);

  /* 4 Thinking traps: the hot thought stays in view from here on. */
  assert_step (dialog, REFRAME_THOUGHT_RECORD_STEP_TRAPS);
  assert_hot_banner (dialog, TRUE);
  {
    ReframeTrapPicker *picker = REFRAME_TRAP_PICKER (find (dialog, "trap_picker"));
    AdwExpanderRow *expander;

    g_assert_cmpuint (reframe_thinking_traps_get_all ()->len, ==, 13);
    for (guint i = 0; i < reframe_thinking_traps_get_all ()->len; i++)
      {
        const ReframeThinkingTrap *each = g_ptr_array_index (reframe_thinking_traps_get_all (), i);

        g_assert_true (reframe_test_shows_text (GTK_WIDGET (picker), each->name));
      }

    trap = reframe_thinking_traps_lookup ("fortune-telling");
    g_assert_nonnull (trap);
    g_assert_false (reframe_test_shows_text (GTK_WIDGET (picker), trap->example));
    expander = reframe_trap_picker_get_row (picker, "fortune-telling");
    adw_expander_row_set_expanded (expander, TRUE);
    g_assert_true (soon_shows_text (GTK_WIDGET (picker), trap->example));
    tick (reframe_trap_picker_get_check_button (picker, "fortune-telling"));
    tick (reframe_trap_picker_get_check_button (picker, "mind-reading"));
  }
  click_next (dialog);

  /* 5 and 6 Evidence */
  assert_step (dialog, REFRAME_THOUGHT_RECORD_STEP_EVIDENCE_FOR);
  assert_hot_banner (dialog, TRUE);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Facts, not feelings"));
  type_into (find (dialog, "evidence_for_area"), "She frowned.\nI missed a deadline last month.");
  click_next (dialog);
  assert_step (dialog, REFRAME_THOUGHT_RECORD_STEP_EVIDENCE_AGAINST);
  assert_hot_banner (dialog, TRUE);
  type_into (find (dialog, "evidence_against_area"), "My last review was good.\nShe frowns when she reads.");
  click_next (dialog);

  /* 7 Balanced thought */
  assert_step (dialog, REFRAME_THOUGHT_RECORD_STEP_BALANCED);
  assert_hot_banner (dialog, TRUE);
  type_into (find (dialog, "balanced_area"), "One frown is not a verdict; my work has been valued.");
  gtk_range_set_value (GTK_RANGE (find (dialog, "balanced_scale")), 65);
  click_next (dialog);

  /* 8 Re-rate, each emotion with its first rating beside it */
  assert_step (dialog, REFRAME_THOUGHT_RECORD_STEP_RERATE);
  assert_hot_banner (dialog, TRUE);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Before: 80"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Before: 60"));
  next = find (dialog, "next_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next)), ==, "_Finish");
  row = row_at (dialog, "rerate_list", 0);
  gtk_range_set_value (emotion_scale (row), 40);
  row = row_at (dialog, "rerate_list", 1);
  gtk_range_set_value (emotion_scale (row), 35);
  click_next (dialog);

  /* The summary: before → after. */
  g_assert_cmpuint (reframe_thought_record_dialog_get_step (dialog), ==, REFRAME_THOUGHT_RECORD_DIALOG_SUMMARY);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Well Done"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "80 → 40"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "60 → 35"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next)), ==, "_Done");

  /* Every field is in the database. */
  record = only_record (test);
  g_assert_true (reframe_thought_record_get_completed (record));
  g_assert_cmpstr (reframe_thought_record_get_situation (record), ==,
                   "Monday stand-up. My manager frowned at my update.");
  emotions = reframe_thought_record_get_emotions (record);
  g_assert_cmpuint (emotions->len, ==, 2);
  g_assert_cmpstr (((ReframeEmotionRating *) g_ptr_array_index (emotions, 0))->emotion, ==, "anxious");
  g_assert_cmpint (((ReframeEmotionRating *) g_ptr_array_index (emotions, 0))->intensity, ==, 80);
  g_assert_cmpint (((ReframeEmotionRating *) g_ptr_array_index (emotions, 0))->after, ==, 40);
  g_assert_cmpstr (((ReframeEmotionRating *) g_ptr_array_index (emotions, 1))->emotion, ==, "Dread");
  g_assert_cmpint (((ReframeEmotionRating *) g_ptr_array_index (emotions, 1))->intensity, ==, 60);
  g_assert_cmpint (((ReframeEmotionRating *) g_ptr_array_index (emotions, 1))->after, ==, 35);
  thoughts = reframe_thought_record_get_thoughts (record);
  g_assert_cmpuint (thoughts->len, ==, 2);
  hot = reframe_thought_record_get_hot_thought (record);
  g_assert_cmpstr (hot->text, ==, "I'm going to lose my job.");
  g_assert_cmpint (hot->belief, ==, 90);
  g_assert_true (hot->hot);
  g_assert_false (((ReframeAutomaticThought *) g_ptr_array_index (thoughts, 1))->hot);
  g_assert_cmpint (((ReframeAutomaticThought *) g_ptr_array_index (thoughts, 1))->belief, ==, 70);
  g_assert_true (g_strv_contains (reframe_thought_record_get_traps (record), "fortune-telling"));
  g_assert_true (g_strv_contains (reframe_thought_record_get_traps (record), "mind-reading"));
  g_assert_cmpuint (g_strv_length ((char **) reframe_thought_record_get_traps (record)), ==, 2);
  g_assert_cmpstr (reframe_thought_record_get_evidence_for (record), ==,
                   "She frowned.\nI missed a deadline last month.");
  g_assert_cmpstr (reframe_thought_record_get_evidence_against (record), ==,
                   "My last review was good.\nShe frowns when she reads.");
  g_assert_cmpstr (reframe_thought_record_get_balanced_thought (record), ==,
                   "One frown is not a verdict; my work has been valued.");
  g_assert_cmpint (reframe_thought_record_get_balanced_belief (record), ==, 65);

  /* Done closes; the record is listed under Past records with before → after. */
  reframe_test_click (next);
  g_assert_true (reframe_test_wait_for (dialog_gone_cb, NULL, 5000));
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.show-page",
                                g_variant_new_string ("exercises"));
  reframe_test_iterate (100);
  past = reframe_test_find (GTK_WIDGET (test->window), "past_list");
  g_assert_nonnull (past);
  g_assert_true (soon_shows_text (past, "Anxious 80 → 40"));
  g_assert_true (soon_shows_text (past, "Dread 60 → 35"));
  g_assert_true (soon_shows_text (past, "Monday stand-up."));
  g_assert_false (gtk_widget_get_mapped (reframe_test_find (GTK_WIDGET (test->window), "in_progress_list")));
  g_assert_false (gtk_widget_get_mapped (reframe_test_find (GTK_WIDGET (test->window), "empty_state")));

  /* Opening it again shows its summary; Back leads into the steps to edit. */
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (GTK_LIST_BOX (past), 0), "activate");
  reframe_test_iterate (50);
  dialog = REFRAME_THOUGHT_RECORD_DIALOG (reframe_test_wait_for_window (REFRAME_TYPE_THOUGHT_RECORD_DIALOG, 5000));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (reframe_thought_record_dialog_get_step (dialog), ==, REFRAME_THOUGHT_RECORD_DIALOG_SUMMARY);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Your Thought Record"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "One frown is not a verdict"));
  reframe_test_activate_action (GTK_WIDGET (dialog), "record.back", NULL);
  assert_step (dialog, REFRAME_THOUGHT_RECORD_STEP_RERATE);
  assert_hot_banner (dialog, TRUE);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (reframe_test_wait_for (dialog_gone_cb, NULL, 5000));
}

static void
test_complete_all_steps (void)
{
  reframe_test_app_run (NULL, FALSE, complete_all_steps, NULL);
}

static gboolean
thought_saved_cb (gpointer data)
{
  ReframeTestApp *test = data;
  g_autoptr(ReframeThoughtRecord) record = only_record (test);
  GPtrArray *thoughts = reframe_thought_record_get_thoughts (record);

  return thoughts->len == 1 &&
         g_strcmp0 (((ReframeAutomaticThought *) g_ptr_array_index (thoughts, 0))->text,
                    "They'll all laugh at me.") == 0;
}

static void
assert_shortcut (ReframeThoughtRecordDialog *dialog,
                 const char                 *trigger,
                 const char                 *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (dialog));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (g_strcmp0 (text, trigger) == 0 && GTK_IS_NAMED_ACTION (named) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), action) == 0)
            return;
        }
    }

  g_error ("No shortcut %s for %s", trigger, action);
}

/* Left half-way, closed, and resumed exactly where it was. */
static void
resume_half_way (ReframeTestApp *test,
                 gpointer        user_data)
{
  ReframeThoughtRecordStore *store = reframe_application_get_thought_record_store (test->app);
  ReframeThoughtRecordDialog *dialog;
  g_autoptr(ReframeThoughtRecord) record = NULL;
  GtkWidget *in_progress;
  GtkWidget *row;
  GtkWidget *area;

  /* Opened and closed with nothing entered: nothing is stored. */
  dialog = open_new_record (test);
  assert_shortcut (dialog, "<Alt>Right|<Control>Page_Down", "record.next");
  assert_shortcut (dialog, "<Alt>Left|<Control>Page_Up", "record.back");
  click_next (dialog);
  reframe_test_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  g_assert_true (reframe_test_wait_for (dialog_gone_cb, NULL, 5000));
  g_assert_cmpuint (reframe_thought_record_store_count (store), ==, 0);

  dialog = open_new_record (test);
  type_into (find (dialog, "situation_area"), "Presenting to the board tomorrow.");
  click_next (dialog);
  pick_emotion_chip (dialog, "worried");
  click_next (dialog);
  assert_step (dialog, REFRAME_THOUGHT_RECORD_STEP_THOUGHTS);

  /* Typing is saved by itself after a short pause, without leaving the step. */
  row = row_at (dialog, "thoughts_list", 0);
  type_into (thought_area (row),
             "They'll all laugh at me.");
  g_assert_true (reframe_test_wait_for (thought_saved_cb, test, 5000));

  /* Escape closes, saving. */
  gtk_range_set_value (thought_scale (row), 85);
  reframe_test_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  g_assert_true (reframe_test_wait_for (dialog_gone_cb, NULL, 5000));

  record = only_record (test);
  g_assert_false (reframe_thought_record_get_completed (record));
  g_assert_cmpint (reframe_thought_record_get_step (record), ==, REFRAME_THOUGHT_RECORD_STEP_THOUGHTS);
  g_assert_cmpint (((ReframeAutomaticThought *) g_ptr_array_index (reframe_thought_record_get_thoughts (record), 0))->belief, ==, 85);

  /* It is listed as in progress, with its step, and resumes there. */
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.show-page",
                                g_variant_new_string ("exercises"));
  reframe_test_iterate (100);
  in_progress = reframe_test_find (GTK_WIDGET (test->window), "in_progress_list");
  g_assert_true (gtk_widget_get_mapped (in_progress));
  g_assert_true (soon_shows_text (in_progress, "Step 3 of 8"));
  g_assert_true (soon_shows_text (in_progress, "Presenting to the board tomorrow."));
  g_assert_true (soon_shows_text (in_progress, "Worried 50"));
  g_assert_false (gtk_widget_get_mapped (reframe_test_find (GTK_WIDGET (test->window), "past_list")));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (in_progress), 0));
  reframe_test_click (reframe_test_find (row, "resume_button"));

  dialog = REFRAME_THOUGHT_RECORD_DIALOG (reframe_test_wait_for_window (REFRAME_TYPE_THOUGHT_RECORD_DIALOG, 5000));
  g_assert_nonnull (dialog);
  assert_step (dialog, REFRAME_THOUGHT_RECORD_STEP_THOUGHTS);
  row = row_at (dialog, "thoughts_list", 0);
  area = thought_area (row);
  g_assert_cmpstr (reframe_text_area_get_text (REFRAME_TEXT_AREA (area)), ==, "They'll all laugh at me.");
  g_assert_cmpint ((int) gtk_range_get_value (thought_scale (row)), ==, 85);

  /* Earlier steps hold what was entered. */
  reframe_test_activate_action (GTK_WIDGET (dialog), "record.back", NULL);
  reframe_test_activate_action (GTK_WIDGET (dialog), "record.back", NULL);
  assert_step (dialog, REFRAME_THOUGHT_RECORD_STEP_SITUATION);
  g_assert_cmpstr (reframe_text_area_get_text (REFRAME_TEXT_AREA (find (dialog, "situation_area"))), ==,
                   "Presenting to the board tomorrow.");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (reframe_test_wait_for (dialog_gone_cb, NULL, 5000));

  /* The step moved back with the person. */
  g_clear_object (&record);
  record = only_record (test);
  g_assert_cmpint (reframe_thought_record_get_step (record), ==, REFRAME_THOUGHT_RECORD_STEP_SITUATION);
}

static void
test_resume_half_way (void)
{
  reframe_test_app_run (NULL, FALSE, resume_half_way, NULL);
}

/* Deleting shows a toast whose Undo brings the same record back. */
static void
delete_and_undo (ReframeTestApp *test,
                 gpointer        user_data)
{
  ReframeThoughtRecordStore *store = reframe_application_get_thought_record_store (test->app);
  g_autoptr(ReframeThoughtRecord) record = reframe_thought_record_new ();
  g_autoptr(ReframeThoughtRecord) restored = NULL;
  g_autoptr(GPtrArray) emotions = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_emotion_rating_free);
  g_autofree char *uuid = NULL;
  GtkWidget *past;
  GtkWidget *row;
  GtkWidget *undo;

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.show-page",
                                g_variant_new_string ("exercises"));
  g_assert_true (gtk_widget_get_mapped (reframe_test_find (GTK_WIDGET (test->window), "empty_state")));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (test->window), "What Is a Thought Record?"));

  reframe_thought_record_set_situation (record, "Missed the train.");
  g_ptr_array_add (emotions, reframe_emotion_rating_new ("angry", 70, 20));
  reframe_thought_record_set_emotions (record, emotions);
  reframe_thought_record_set_completed (record, TRUE);
  g_assert_true (reframe_thought_record_store_save (store, record, NULL));
  uuid = g_strdup (reframe_thought_record_get_uuid (record));
  reframe_test_iterate (100);

  past = reframe_test_find (GTK_WIDGET (test->window), "past_list");
  g_assert_true (soon_shows_text (past, "Angry 70 → 20"));
  g_assert_false (gtk_widget_get_mapped (reframe_test_find (GTK_WIDGET (test->window), "empty_state")));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (past), 0));
  reframe_test_click (reframe_test_find (row, "delete_button"));
  reframe_test_iterate (300);
  g_assert_cmpuint (reframe_thought_record_store_count (store), ==, 0);
  g_assert_true (soon_hides_text (GTK_WIDGET (test->window), "Missed the train."));

  undo = find_button_with_label (GTK_WIDGET (test->window), "_Undo");
  g_assert_nonnull (undo);
  reframe_test_click (undo);
  reframe_test_iterate (300);

  restored = reframe_thought_record_store_get (store, uuid, NULL);
  g_assert_nonnull (restored);
  g_assert_cmpstr (reframe_thought_record_get_situation (restored), ==, "Missed the train.");
  g_assert_true (reframe_thought_record_get_completed (restored));
  g_assert_true (soon_shows_text (past, "Angry 70 → 20"));
}

static void
test_delete_and_undo (void)
{
  reframe_test_app_run (NULL, FALSE, delete_and_undo, NULL);
}

static void
set_read_only (ReframeTestApp *test,
               gboolean        read_only)
{
  sqlite3 *db = reframe_database_get_handle (reframe_application_get_database (test->app));

  g_assert_cmpint (sqlite3_exec (db, read_only ? "PRAGMA query_only = ON" : "PRAGMA query_only = OFF",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
dismiss_save_error (void)
{
  AdwMessageDialog *message;

  message = ADW_MESSAGE_DIALOG (reframe_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 5000));
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Save the Thought Record");
  g_assert_true (REFRAME_IS_THOUGHT_RECORD_DIALOG (gtk_window_get_transient_for (GTK_WINDOW (message))));
  adw_message_dialog_response (message, "close");
  reframe_test_iterate (50);
}

/* When the journal cannot be written, nothing typed is lost and the person is told. */
static void
save_error_keeps_text (ReframeTestApp *test,
                       gpointer        user_data)
{
  ReframeThoughtRecordStore *store = reframe_application_get_thought_record_store (test->app);
  ReframeThoughtRecordDialog *dialog = open_new_record (test);
  g_autoptr(ReframeThoughtRecord) record = NULL;

  type_into (find (dialog, "situation_area"), "The car would not start.");
  set_read_only (test, TRUE);
  click_next (dialog);
  dismiss_save_error ();
  g_assert_cmpuint (reframe_thought_record_store_count (store), ==, 0);

  /* Closing is refused while the text would be lost; it is all still there. */
  reframe_test_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  dismiss_save_error ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  reframe_test_activate_action (GTK_WIDGET (dialog), "record.back", NULL);
  g_assert_cmpstr (reframe_text_area_get_text (REFRAME_TEXT_AREA (find (dialog, "situation_area"))), ==,
                   "The car would not start.");

  /* Once the journal can be written again, closing saves it. */
  set_read_only (test, FALSE);
  reframe_test_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  g_assert_true (reframe_test_wait_for (dialog_gone_cb, NULL, 5000));
  record = only_record (test);
  g_assert_cmpstr (reframe_thought_record_get_situation (record), ==, "The car would not start.");
}

static void
test_save_error_keeps_text (void)
{
  reframe_test_app_run (NULL, FALSE, save_error_keeps_text, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/thought-record-ui/complete-all-steps", test_complete_all_steps);
  g_test_add_func ("/reframe/thought-record-ui/resume-half-way", test_resume_half_way);
  g_test_add_func ("/reframe/thought-record-ui/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/reframe/thought-record-ui/save-error-keeps-text", test_save_error_keeps_text);

  return g_test_run ();
}
