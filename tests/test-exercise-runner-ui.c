/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "reframe-breathing-pacer.h"
#include "reframe-crisis-dialog.h"
#include "reframe-exercise-library.h"
#include "reframe-exercise-runner.h"
#include "reframe-exercises-page.h"
#include "reframe-mood-scale.h"
#include "reframe-questionnaire.h"
#include "reframe-step-field.h"
#include "reframe-step-list.h"
#include "reframe-test-ui.h"
#include "reframe-text-area.h"

static ReframeExercisesPage *
show_page (ReframeTestApp *test)
{
  GtkWidget *page;

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.show-page",
                                g_variant_new_string ("exercises"));
  page = reframe_test_find_by_type (GTK_WIDGET (test->window), REFRAME_TYPE_EXERCISES_PAGE);
  g_assert_nonnull (page);
  return REFRAME_EXERCISES_PAGE (page);
}

static ReframeExerciseStore *
store_of (ReframeTestApp *test)
{
  return reframe_exercises_page_get_exercise_store (show_page (test));
}

static gboolean
runner_gone_cb (gpointer data)
{
  return reframe_test_wait_for_window (REFRAME_TYPE_EXERCISE_RUNNER, 0) == NULL;
}

/* As a person would: the card's button on the Exercises page. */
static ReframeExerciseRunner *
start (ReframeTestApp *test,
       const char     *id)
{
  ReframeExercisesPage *page = show_page (test);
  g_autoptr(GPtrArray) buttons = reframe_test_find_all_by_type (GTK_WIDGET (page), GTK_TYPE_BUTTON);
  GtkWindow *runner;
  GtkWidget *card = NULL;

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), "exercises.start") == 0 &&
          target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), id) == 0)
        card = button;
    }
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_get_mapped (card));
  reframe_test_click (card);

  runner = reframe_test_wait_for_window (REFRAME_TYPE_EXERCISE_RUNNER, 5000);
  g_assert_nonnull (runner);
  g_assert_true (gtk_window_get_transient_for (runner) == GTK_WINDOW (test->window));
  g_assert_true (gtk_window_get_modal (runner));
  return REFRAME_EXERCISE_RUNNER (runner);
}

static GtkWidget *
next_button (ReframeExerciseRunner *runner)
{
  GtkWidget *button = reframe_test_find (GTK_WIDGET (runner), "next_button");

  g_assert_nonnull (button);
  return button;
}

static void
click_next (ReframeExerciseRunner *runner)
{
  g_assert_true (gtk_widget_is_sensitive (next_button (runner)));
  reframe_test_click (next_button (runner));
}

static void
assert_at_step (ReframeExerciseRunner *runner,
                int                    step)
{
  ReframeExercise *exercise = reframe_exercise_runner_get_exercise (runner);
  int n = reframe_exercise_get_n_steps (exercise);
  g_autofree char *progress = g_strdup_printf (reframe_exercise_is_questionnaire (exercise)
                                                 ? "Question %d of %d" : "Step %d of %d",
                                               step + 1, n);

  g_assert_cmpint (reframe_exercise_runner_get_step (runner), ==, step);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), progress));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner),
                                          reframe_exercise_get_step (exercise, step)->title));
}

static GtkWidget *
field (ReframeExerciseRunner *runner,
       const char            *id)
{
  GtkWidget *widget = reframe_exercise_runner_get_field (runner, id);

  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
control (GtkWidget *step_field)
{
  return reframe_step_field_get_control (REFRAME_STEP_FIELD (step_field));
}

static void
type_into (GtkWidget  *step_field,
           const char *text)
{
  GtkWidget *widget = control (step_field);

  g_assert_true (gtk_widget_get_mapped (widget));
  if (REFRAME_IS_TEXT_AREA (widget))
    widget = GTK_WIDGET (reframe_text_area_get_text_view (REFRAME_TEXT_AREA (widget)));
  reframe_test_set_text (widget, text);
}

static void
choose (GtkWidget  *step_field,
        const char *option)
{
  GtkCheckButton *check = reframe_step_field_get_option (REFRAME_STEP_FIELD (step_field), option);

  g_assert_nonnull (check);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (check)));
  /* What a click or Space does. */
  g_signal_emit_by_name (check, "activate");
  reframe_test_iterate (20);
  g_assert_true (gtk_check_button_get_active (check));
}

static void
rate (GtkWidget *step_field,
      guint      value)
{
  GtkWidget *scale = control (step_field);

  g_assert_true (REFRAME_IS_MOOD_SCALE (scale));
  reframe_test_click (reframe_mood_scale_get_button (REFRAME_MOOD_SCALE (scale), value));
  g_assert_cmpint (reframe_mood_scale_get_value (REFRAME_MOOD_SCALE (scale)), ==, value);
}

static GtkWidget *
row_field (GtkWidget  *list_field,
           guint       row,
           const char *item_id)
{
  GtkWidget *widget = reframe_step_list_get_field (REFRAME_STEP_LIST (control (list_field)), row, item_id);

  g_assert_nonnull (widget);
  return widget;
}

static ReframeExerciseResponse *
only_response (ReframeTestApp *test,
               const char     *exercise_id)
{
  g_autoptr(GPtrArray) responses = reframe_exercise_store_list (store_of (test), exercise_id, 0, 10, NULL);

  g_assert_nonnull (responses);
  g_assert_cmpuint (responses->len, ==, 1);
  return g_object_ref (g_ptr_array_index (responses, 0));
}

typedef struct
{
  ReframeExerciseRunner *runner;
  int                    step;
} StepWait;

static gboolean
at_step_cb (gpointer data)
{
  StepWait *wait = data;

  return reframe_exercise_runner_get_step (wait->runner) == wait->step;
}

/* Fills something into the first field of a step that takes text, ratings or choices. */
static void
answer_something (ReframeExerciseRunner *runner,
                  int                    step)
{
  ReframeExercise *exercise = reframe_exercise_runner_get_exercise (runner);
  const ReframeExerciseStep *definition = reframe_exercise_get_step (exercise, step);

  for (guint i = 0; i < definition->fields->len; i++)
    {
      const ReframeField *each = g_ptr_array_index (definition->fields, i);
      GtkWidget *widget = field (runner, each->id);

      switch (each->type)
        {
        case REFRAME_FIELD_SHORT_TEXT:
        case REFRAME_FIELD_LONG_TEXT:
          type_into (widget, "Walked through by the test");
          return;
        case REFRAME_FIELD_SCALE:
          rate (widget, 6);
          return;
        case REFRAME_FIELD_CHOICE:
          if (each->options != NULL)
            {
              choose (widget, ((ReframeFieldOption *) g_ptr_array_index (each->options, 0))->id);
              return;
            }
          break;
        case REFRAME_FIELD_LIST:
          if (each->source == NULL)
            {
              for (guint k = 0; k < each->item_fields->len; k++)
                if (((ReframeField *) g_ptr_array_index (each->item_fields, k))->type == REFRAME_FIELD_SHORT_TEXT)
                  {
                    type_into (row_field (widget, 0, ((ReframeField *) g_ptr_array_index (each->item_fields, k))->id),
                               "A row from the test");
                    return;
                  }
            }
          break;
        case REFRAME_FIELD_SLIDER:
        case REFRAME_FIELD_MULTI_CHOICE:
        case REFRAME_FIELD_EMOTIONS:
        case REFRAME_FIELD_THINKING_TRAPS:
        case REFRAME_FIELD_DATE_TIME:
        case REFRAME_FIELD_BREATHING:
        case REFRAME_FIELD_N_TYPES:
        default:
          break;
        }
    }
}

/* Every built-in definition opens in a real window and can be walked through to its end. */
static void
every_definition (ReframeTestApp *test,
                  gpointer        user_data)
{
  const GPtrArray *all = reframe_exercise_library_get_all ();

  for (guint i = 0; i < all->len; i++)
    {
      ReframeExercise *exercise = g_ptr_array_index (all, i);
      const char *id = reframe_exercise_get_id (exercise);
      int n = reframe_exercise_get_n_steps (exercise);
      ReframeExerciseRunner *runner = start (test, id);
      g_autoptr(ReframeExerciseResponse) response = NULL;

      g_test_message ("Walking through %s", id);

      /* The introduction, with its sources. */
      g_assert_cmpint (reframe_exercise_runner_get_step (runner), ==, REFRAME_EXERCISE_RUNNER_INTRO);
      g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), reframe_exercise_get_title (exercise)));
      g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner),
                                              ((ReframeExerciseSource *) g_ptr_array_index (reframe_exercise_get_sources (exercise), 0))->citation));
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next_button (runner))), ==, "_Start");
      click_next (runner);

      for (int step = 0; step < n; step++)
        {
          const ReframeExerciseStep *definition = reframe_exercise_get_step (exercise, step);

          assert_at_step (runner, step);
          g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next_button (runner))), ==,
                           step + 1 == n ? "_Finish" : "_Next");
          /* Every field is on the page. */
          for (guint f = 0; f < definition->fields->len; f++)
            {
              const ReframeField *each = g_ptr_array_index (definition->fields, f);

              g_assert_true (gtk_widget_get_mapped (field (runner, each->id)));
            }

          if (reframe_exercise_is_questionnaire (exercise))
            {
              const ReframeField *item = g_ptr_array_index (definition->fields, 0);
              StepWait wait = { runner, step + 1 };

              /* A question must be answered to go on; a first answer moves on by itself. */
              if (item->required)
                g_assert_false (gtk_widget_is_sensitive (next_button (runner)));
              choose (field (runner, item->id), ((ReframeFieldOption *) g_ptr_array_index (item->options, 0))->id);
              if (step + 1 < n)
                {
                  g_assert_true (reframe_test_wait_for (at_step_cb, &wait, 5000));
                  continue;
                }
            }
          else
            answer_something (runner, step);

          click_next (runner);
        }

      /* The summary, and the response in the store with its definition's id and version. */
      g_assert_cmpint (reframe_exercise_runner_get_step (runner), ==, n);
      g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner),
                                              reframe_exercise_is_questionnaire (exercise) ? "Your Result" : "Well Done"));
      response = only_response (test, id);
      g_assert_true (reframe_exercise_response_get_completed (response));
      g_assert_cmpuint (reframe_exercise_response_get_exercise_version (response), ==,
                        reframe_exercise_get_version (exercise));
      g_assert_true (reframe_exercise_validate_answers (exercise,
                                                        reframe_exercise_response_get_answers (response),
                                                        NULL));
      if (reframe_exercise_is_questionnaire (exercise))
        {
          g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "it is not a diagnosis"));
          g_assert_false (gtk_widget_get_mapped (reframe_test_find (GTK_WIDGET (runner), "crisis_card")));
        }

      reframe_test_click (next_button (runner));
      g_assert_true (reframe_test_wait_for (runner_gone_cb, NULL, 5000));
    }
}

static void
test_every_definition (void)
{
  reframe_test_app_run (NULL, FALSE, every_definition, NULL);
}

/* Activity planning from start to end, every kind of answer checked in the database. */
static void
end_to_end (ReframeTestApp *test,
            gpointer        user_data)
{
  ReframeExerciseRunner *runner = start (test, "behavioural-activation");
  g_autoptr(ReframeExerciseResponse) response = NULL;
  GtkWidget *activities;
  GtkWidget *outcomes;
  JsonObject *answers;
  JsonArray *planned;
  JsonArray *recorded;
  GtkWidget *example_button = NULL;
  g_autoptr(GPtrArray) toggles = NULL;

  click_next (runner);
  assert_at_step (runner, 0);
  g_assert_cmpuint (reframe_exercise_store_count (store_of (test), NULL), ==, 0);

  /* The example is there for whoever needs it, without filling anything in. */
  toggles = reframe_test_find_all_by_type (GTK_WIDGET (runner), GTK_TYPE_TOGGLE_BUTTON);
  for (guint i = 0; i < toggles->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (toggles, i)) &&
        g_strcmp0 (gtk_button_get_label (g_ptr_array_index (toggles, i)), "Show an _Example") == 0)
      example_button = g_ptr_array_index (toggles, i);
  g_assert_nonnull (example_button);
  g_assert_false (reframe_test_shows_text (GTK_WIDGET (runner), "Walk to the park for ten minutes — "));
  reframe_test_click (example_button);
  reframe_test_iterate (400);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "Walk to the park for ten minutes"));

  activities = field (runner, "activities");
  type_into (row_field (activities, 0, "activity"), "Swim at the lido");
  rate (row_field (activities, 0, "predicted"), 3);
  g_assert_true (reframe_step_list_add_row (REFRAME_STEP_LIST (control (activities))));
  type_into (row_field (activities, 1, "activity"), "Bake bread");
  /* An empty third row is dropped on the way out. */
  g_assert_true (reframe_step_list_add_row (REFRAME_STEP_LIST (control (activities))));
  g_assert_cmpuint (reframe_step_list_get_n_rows (REFRAME_STEP_LIST (control (activities))), ==, 3);
  click_next (runner);

  /* Saved on the step change, with the step to resume at. */
  response = only_response (test, "behavioural-activation");
  g_assert_cmpuint (reframe_exercise_response_get_step (response), ==, 1);
  g_assert_false (reframe_exercise_response_get_completed (response));
  g_clear_object (&response);

  /* Step 2 goes through the planned activities by name. */
  assert_at_step (runner, 1);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "Swim at the lido"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "Bake bread"));
  outcomes = field (runner, "outcomes");
  g_assert_cmpuint (reframe_step_list_get_n_rows (REFRAME_STEP_LIST (control (outcomes))), ==, 2);
  choose (row_field (outcomes, 0, "done"), "yes");
  rate (row_field (outcomes, 0, "mood"), 7);
  rate (row_field (outcomes, 0, "mastery"), 5);
  rate (row_field (outcomes, 0, "pleasure"), 8);
  choose (row_field (outcomes, 1, "done"), "no");
  click_next (runner);

  assert_at_step (runner, 2);
  type_into (field (runner, "learned"), "Swimming lifted my mood more than I predicted.");
  type_into (field (runner, "next"), "Swim again on Saturday");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next_button (runner))), ==, "_Finish");
  click_next (runner);

  /* The summary shows it all, each part leading back to its step. */
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "Well Done"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "Swimming lifted my mood"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner),
                                          "• Swim at the lido — Did you do it? Yes; Mood afterwards: 7 of 10"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next_button (runner))), ==, "_Done");

  response = only_response (test, "behavioural-activation");
  g_assert_true (reframe_exercise_response_get_completed (response));
  g_assert_cmpstr (reframe_exercise_response_get_exercise_id (response), ==, "behavioural-activation");
  g_assert_cmpuint (reframe_exercise_response_get_exercise_version (response), ==, 1);
  g_assert_cmpstr (reframe_exercise_response_get_definition_json (response), ==,
                   reframe_exercise_get_source_json (reframe_exercise_library_lookup ("behavioural-activation")));
  answers = reframe_exercise_response_get_answers (response);
  planned = json_object_get_array_member (answers, "activities");
  g_assert_cmpuint (json_array_get_length (planned), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (planned, 0), "activity"), ==,
                   "Swim at the lido");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (planned, 0), "predicted"), ==, 3);
  recorded = json_object_get_array_member (answers, "outcomes");
  g_assert_cmpuint (json_array_get_length (recorded), ==, 2);
  /* The record of an activity is tied to it by its key, not by position. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (recorded, 0), "_key"), ==,
                   json_object_get_string_member (json_array_get_object_element (planned, 0), "_key"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (recorded, 0), "done"), ==, "yes");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (recorded, 0), "mood"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (recorded, 0), "mastery"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (recorded, 0), "pleasure"), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (recorded, 1), "done"), ==, "no");
  g_assert_cmpstr (json_object_get_string_member (answers, "next"), ==, "Swim again on Saturday");
  g_assert_true (reframe_exercise_validate_answers (reframe_exercise_library_lookup ("behavioural-activation"),
                                                    answers, NULL));

  reframe_test_click (next_button (runner));
  g_assert_true (reframe_test_wait_for (runner_gone_cb, NULL, 5000));

  /* Listed under past records; opening it shows its summary. */
  g_assert_true (reframe_test_shows_text (reframe_test_find (GTK_WIDGET (test->window), "past_list"),
                                          "Activity Planning"));
  reframe_exercises_page_open_response (show_page (test), reframe_exercise_response_get_uuid (response));
  runner = REFRAME_EXERCISE_RUNNER (reframe_test_wait_for_window (REFRAME_TYPE_EXERCISE_RUNNER, 5000));
  g_assert_nonnull (runner);
  g_assert_cmpint (reframe_exercise_runner_get_step (runner), ==, 3);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "Swim again on Saturday"));
  gtk_window_close (GTK_WINDOW (runner));
  g_assert_true (reframe_test_wait_for (runner_gone_cb, NULL, 5000));
}

static void
test_end_to_end (void)
{
  reframe_test_app_run (NULL, FALSE, end_to_end, NULL);
}

static gboolean
crisis_dialog_shown_cb (gpointer data)
{
  return reframe_test_wait_for_window (REFRAME_TYPE_CRISIS_DIALOG, 0) != NULL;
}

static void
answer_question (ReframeExerciseRunner *runner,
                 int                    step,
                 const char            *option)
{
  const ReframeExerciseStep *definition = reframe_exercise_get_step (reframe_exercise_runner_get_exercise (runner), step);

  assert_at_step (runner, step);
  choose (field (runner, ((ReframeField *) g_ptr_array_index (definition->fields, 0))->id), option);
}

/* Any answer above 0 to the PHQ-9's item 9 brings up the crisis lines at once. */
static void
phq9_crisis (ReframeTestApp *test,
             gpointer        user_data)
{
  ReframeExerciseRunner *runner = start (test, "phq-9");
  g_autoptr(ReframeExerciseResponse) response = NULL;
  GtkWindow *crisis;

  click_next (runner);
  for (int step = 0; step < 8; step++)
    {
      StepWait wait = { runner, step + 1 };

      answer_question (runner, step, step == 1 ? "several-days" : "not-at-all");
      g_assert_true (reframe_test_wait_for (at_step_cb, &wait, 5000));
      g_assert_false (crisis_dialog_shown_cb (NULL));
    }

  answer_question (runner, 8, "several-days");
  g_assert_true (reframe_test_wait_for (crisis_dialog_shown_cb, NULL, 5000));
  crisis = reframe_test_wait_for_window (REFRAME_TYPE_CRISIS_DIALOG, 0);
  g_assert_true (gtk_window_get_transient_for (crisis) == GTK_WINDOW (runner));
  /* It stays on the question; nothing moves on behind the dialog. */
  reframe_test_iterate (500);
  g_assert_cmpint (reframe_exercise_runner_get_step (runner), ==, 8);
  /* Already saved, so closing everything now would keep the answer. */
  response = only_response (test, "phq-9");
  g_assert_cmpint (reframe_questionnaire_get_item_value (reframe_exercise_library_lookup ("phq-9"),
                                                         reframe_exercise_response_get_answers (response),
                                                         "phq9-9"), ==, 1);
  g_clear_object (&response);
  gtk_window_close (crisis);
  reframe_test_iterate (100);
  g_assert_false (crisis_dialog_shown_cb (NULL));

  click_next (runner);
  answer_question (runner, 9, "somewhat-difficult");
  click_next (runner);

  /* The result says it calmly, with the way to the crisis lines at hand. */
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "Your Result"));
  g_assert_true (gtk_widget_get_mapped (reframe_test_find (GTK_WIDGET (runner), "crisis_card")));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "You Don’t Have to Carry This Alone"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (reframe_test_find (GTK_WIDGET (runner), "score_label"))), ==, "2");
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "of 27"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "Minimal"));
  /* Shown once already in this sitting: not again on its own, but one click away. */
  g_assert_false (crisis_dialog_shown_cb (NULL));
  reframe_test_click (reframe_test_find (GTK_WIDGET (runner), "crisis_button"));
  g_assert_true (reframe_test_wait_for (crisis_dialog_shown_cb, NULL, 5000));
  gtk_window_close (reframe_test_wait_for_window (REFRAME_TYPE_CRISIS_DIALOG, 0));
  reframe_test_iterate (100);

  response = only_response (test, "phq-9");
  g_assert_true (reframe_exercise_response_get_completed (response));
  reframe_test_click (next_button (runner));
  g_assert_true (reframe_test_wait_for (runner_gone_cb, NULL, 5000));

  /* The Questionnaires section shows it, and its chart has the result. */
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (show_page (test)), "Latest: 2 of 27, Minimal"));

  /* Reopened later, the result opens with the crisis lines again. */
  reframe_exercises_page_open_response (show_page (test), reframe_exercise_response_get_uuid (response));
  runner = REFRAME_EXERCISE_RUNNER (reframe_test_wait_for_window (REFRAME_TYPE_EXERCISE_RUNNER, 5000));
  g_assert_true (gtk_widget_get_mapped (reframe_test_find (GTK_WIDGET (runner), "crisis_card")));
  gtk_window_close (GTK_WINDOW (runner));
  g_assert_true (reframe_test_wait_for (runner_gone_cb, NULL, 5000));
}

static void
test_phq9_crisis (void)
{
  reframe_test_app_run (NULL, FALSE, phq9_crisis, NULL);
}

/* Left half-way, closed, and resumed exactly where it was. */
static void
resume_half_way (ReframeTestApp *test,
                 gpointer        user_data)
{
  ReframeExerciseRunner *runner;
  g_autoptr(ReframeExerciseResponse) response = NULL;
  GtkWidget *in_progress;
  GtkWidget *row;
  GtkWidget *resume = NULL;
  g_autoptr(GPtrArray) buttons = NULL;

  /* Opened and closed with nothing entered: nothing is stored. */
  runner = start (test, "worry-time");
  click_next (runner);
  click_next (runner);
  reframe_test_activate_action (GTK_WIDGET (runner), "window.close", NULL);
  g_assert_true (reframe_test_wait_for (runner_gone_cb, NULL, 5000));
  g_assert_cmpuint (reframe_exercise_store_count (store_of (test), NULL), ==, 0);

  runner = start (test, "worry-time");
  click_next (runner);
  type_into (field (runner, "place"), "On the balcony");
  click_next (runner);
  assert_at_step (runner, 1);
  type_into (row_field (field (runner, "worries"), 0, "worry"), "Will the train be late?");
  /* Escape closes, saving. */
  reframe_test_activate_action (GTK_WIDGET (runner), "window.close", NULL);
  g_assert_true (reframe_test_wait_for (runner_gone_cb, NULL, 5000));

  response = only_response (test, "worry-time");
  g_assert_false (reframe_exercise_response_get_completed (response));
  g_assert_cmpuint (reframe_exercise_response_get_step (response), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (reframe_exercise_response_get_answers (response), "place"),
                   ==, "On the balcony");

  /* Listed as in progress, with its step, and resumed there. */
  in_progress = reframe_test_find (GTK_WIDGET (test->window), "in_progress_list");
  reframe_test_iterate (100);
  g_assert_true (gtk_widget_get_mapped (in_progress));
  g_assert_true (reframe_test_shows_text (in_progress, "Worry Time"));
  g_assert_true (reframe_test_shows_text (in_progress, "Step 2 of 4"));
  g_assert_true (reframe_test_shows_text (in_progress, "On the balcony"));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (in_progress), 0));
  buttons = reframe_test_find_all_by_type (row, GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (buttons, i)), "resume-button") == 0)
      resume = g_ptr_array_index (buttons, i);
  g_assert_nonnull (resume);
  reframe_test_click (resume);

  runner = REFRAME_EXERCISE_RUNNER (reframe_test_wait_for_window (REFRAME_TYPE_EXERCISE_RUNNER, 5000));
  g_assert_nonnull (runner);
  assert_at_step (runner, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (control (row_field (field (runner, "worries"), 0, "worry")))),
                   ==, "Will the train be late?");
  reframe_test_activate_action (GTK_WIDGET (runner), "runner.back", NULL);
  assert_at_step (runner, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (control (field (runner, "place")))), ==, "On the balcony");

  /* At worry time the worry comes back for review. */
  reframe_test_activate_action (GTK_WIDGET (runner), "runner.next", NULL);
  reframe_test_activate_action (GTK_WIDGET (runner), "runner.next", NULL);
  assert_at_step (runner, 2);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "Will the train be late?"));
  gtk_window_close (GTK_WINDOW (runner));
  g_assert_true (reframe_test_wait_for (runner_gone_cb, NULL, 5000));

  g_clear_object (&response);
  response = only_response (test, "worry-time");
  g_assert_cmpuint (reframe_exercise_response_get_step (response), ==, 2);
}

static void
test_resume_half_way (void)
{
  reframe_test_app_run (NULL, FALSE, resume_half_way, NULL);
}

/* A response to an older version of a definition opens with that version. */
static void
old_version (ReframeTestApp *test,
             gpointer        user_data)
{
  const char *old_json =
    "{\"format\": 1, \"id\": \"worry-time\", \"version\": 99, \"title\": \"Worry Hour\","
    " \"summary\": \"S\", \"intro\": \"An older introduction.\", \"sources\": [{\"citation\": \"C\"}],"
    " \"steps\": [{\"id\": \"s\", \"title\": \"Your old worry\", \"fields\": [{\"id\": \"gone\", \"type\": \"short-text\","
    " \"label\": \"A field that no longer exists\"}]}]}";
  g_autoptr(ReframeExercise) old = reframe_exercise_new_from_data (old_json, -1, REFRAME_EXERCISE_PARSE_DEFAULT, NULL);
  g_autoptr(ReframeExerciseResponse) response = reframe_exercise_response_new (old);
  ReframeExerciseRunner *runner;

  g_assert_nonnull (old);
  json_object_set_string_member (reframe_exercise_response_get_answers (response), "gone", "Kept as written");
  g_assert_true (reframe_exercise_store_save (store_of (test), response, NULL));

  reframe_exercises_page_open_response (show_page (test), reframe_exercise_response_get_uuid (response));
  runner = REFRAME_EXERCISE_RUNNER (reframe_test_wait_for_window (REFRAME_TYPE_EXERCISE_RUNNER, 5000));
  g_assert_nonnull (runner);
  g_assert_cmpuint (reframe_exercise_get_version (reframe_exercise_runner_get_exercise (runner)), ==, 99);
  assert_at_step (runner, 0);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "Worry Hour"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (control (field (runner, "gone")))), ==, "Kept as written");
  gtk_window_close (GTK_WINDOW (runner));
  g_assert_true (reframe_test_wait_for (runner_gone_cb, NULL, 5000));
}

static void
test_old_version (void)
{
  reframe_test_app_run (NULL, FALSE, old_version, NULL);
}

/* The pacer keeps time, names each phase, and records what was practised. */
static void
breathing (ReframeTestApp *test,
           gpointer        user_data)
{
  ReframeExerciseRunner *runner = start (test, "paced-breathing");
  ReframeBreathingPacer *pacer;
  g_autoptr(ReframeExerciseResponse) response = NULL;
  JsonObject *practised;

  click_next (runner);
  rate (field (runner, "tension-before"), 7);
  click_next (runner);
  pacer = REFRAME_BREATHING_PACER (control (field (runner, "breathing")));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (pacer)));
  g_assert_cmpint (reframe_breathing_pacer_get_phase (pacer), ==, REFRAME_BREATHING_PHASE_READY);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "Ready when you are"));

  /* Quick pace for the test: 2 s in, 2 s out. */
  reframe_breathing_pacer_set_pattern (pacer, 2, 0, 2, 0);
  reframe_test_click (reframe_test_find_by_type (GTK_WIDGET (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (pacer)))),
                                                 GTK_TYPE_BUTTON));
  g_assert_true (reframe_breathing_pacer_get_running (pacer));
  reframe_test_iterate (300);
  g_assert_cmpint (reframe_breathing_pacer_get_phase (pacer), ==, REFRAME_BREATHING_PHASE_IN);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "Breathe in"));
  reframe_test_iterate (2200);
  g_assert_cmpint (reframe_breathing_pacer_get_phase (pacer), ==, REFRAME_BREATHING_PHASE_OUT);
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (runner), "Breathe out"));
  reframe_test_iterate (2000);
  g_assert_cmpuint (reframe_breathing_pacer_get_breaths (pacer), >=, 1);

  /* Leaving the step pauses it. */
  click_next (runner);
  g_assert_false (reframe_breathing_pacer_get_running (pacer));
  rate (field (runner, "tension-after"), 4);
  click_next (runner);

  response = only_response (test, "paced-breathing");
  g_assert_true (reframe_exercise_response_get_completed (response));
  practised = json_object_get_object_member (reframe_exercise_response_get_answers (response), "breathing");
  g_assert_nonnull (practised);
  g_assert_cmpint (json_object_get_int_member (practised, "breaths"), >=, 1);
  g_assert_cmpint (json_object_get_int_member (practised, "seconds"), >=, 4);
  reframe_test_click (next_button (runner));
  g_assert_true (reframe_test_wait_for (runner_gone_cb, NULL, 5000));
}

static void
test_breathing (void)
{
  reframe_test_app_run (NULL, FALSE, breathing, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/exercise-runner-ui/every-definition", test_every_definition);
  g_test_add_func ("/reframe/exercise-runner-ui/end-to-end", test_end_to_end);
  g_test_add_func ("/reframe/exercise-runner-ui/phq9-crisis", test_phq9_crisis);
  g_test_add_func ("/reframe/exercise-runner-ui/resume-half-way", test_resume_half_way);
  g_test_add_func ("/reframe/exercise-runner-ui/old-version", test_old_version);
  g_test_add_func ("/reframe/exercise-runner-ui/breathing", test_breathing);

  return g_test_run ();
}
