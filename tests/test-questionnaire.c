/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "reframe-exercise-library.h"
#include "reframe-questionnaire.h"

static const char * const answer_ids[] = {
  "not-at-all", "several-days", "more-than-half", "nearly-every-day"
};

/* Answers that add up to @score, spread over @n_items items "<prefix>1" … */
static JsonObject *
answers_for_score (const char *prefix,
                   guint       n_items,
                   int         score)
{
  JsonObject *answers = json_object_new ();

  for (guint i = 1; i <= n_items; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s%u", prefix, i);
      int value = MIN (score, 3);

      json_object_set_string_member (answers, id, answer_ids[value]);
      score -= value;
    }
  g_assert_cmpint (score, ==, 0);

  return answers;
}

static void
assert_band (ReframeExercise *exercise,
             const char      *prefix,
             guint            n_items,
             int              score,
             const char      *band_id)
{
  g_autoptr(JsonObject) answers = answers_for_score (prefix, n_items, score);
  ReframeQuestionnaireResult result;

  g_assert_true (reframe_questionnaire_score (exercise, answers, &result));
  g_assert_true (result.complete);
  g_assert_cmpint (result.score, ==, score);
  g_assert_cmpuint (result.answered, ==, n_items);
  g_assert_cmpuint (result.n_items, ==, n_items);
  g_assert_nonnull (result.band);
  if (!g_str_equal (result.band->id, band_id))
    g_error ("%s score %d: band %s, expected %s", reframe_exercise_get_id (exercise), score,
             result.band->id, band_id);
  g_assert_true (reframe_questionnaire_get_band (exercise, score) == result.band);
}

static void
test_phq9_bands (void)
{
  ReframeExercise *phq9 = reframe_exercise_library_lookup ("phq-9");
  /* Kroenke, Spitzer & Williams (2001): 0–4, 5–9, 10–14, 15–19, 20–27. */
  static const struct { int min, max; const char *band; } table[] = {
    { 0, 4, "minimal" }, { 5, 9, "mild" }, { 10, 14, "moderate" },
    { 15, 19, "moderately-severe" }, { 20, 27, "severe" },
  };
  const ReframeQuestionnaireInfo *info;

  g_assert_nonnull (phq9);
  info = reframe_exercise_get_questionnaire (phq9);
  g_assert_nonnull (info);
  g_assert_cmpint (info->max_score, ==, 27);
  g_assert_cmpuint (info->bands->len, ==, G_N_ELEMENTS (table));

  /* Every score, so every boundary from both sides. */
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    for (int score = table[i].min; score <= table[i].max; score++)
      assert_band (phq9, "phq9-", 9, score, table[i].band);

  g_assert_null (reframe_questionnaire_get_band (phq9, -1));
  g_assert_null (reframe_questionnaire_get_band (phq9, 28));
}

static void
test_gad7_bands (void)
{
  ReframeExercise *gad7 = reframe_exercise_library_lookup ("gad-7");
  /* Spitzer et al. (2006): 0–4, 5–9, 10–14, 15–21. */
  static const struct { int min, max; const char *band; } table[] = {
    { 0, 4, "minimal" }, { 5, 9, "mild" }, { 10, 14, "moderate" }, { 15, 21, "severe" },
  };
  const ReframeQuestionnaireInfo *info;

  g_assert_nonnull (gad7);
  info = reframe_exercise_get_questionnaire (gad7);
  g_assert_cmpint (info->max_score, ==, 21);
  g_assert_cmpuint (info->bands->len, ==, G_N_ELEMENTS (table));

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    for (int score = table[i].min; score <= table[i].max; score++)
      assert_band (gad7, "gad7-", 7, score, table[i].band);

  g_assert_null (reframe_questionnaire_get_band (gad7, 22));
}

static void
test_scoring (void)
{
  ReframeExercise *phq9 = reframe_exercise_library_lookup ("phq-9");
  g_autoptr(JsonObject) answers = json_object_new ();
  ReframeQuestionnaireResult result;

  /* Nothing answered: no band, and no score pretending to be one. */
  g_assert_true (reframe_questionnaire_score (phq9, answers, &result));
  g_assert_false (result.complete);
  g_assert_cmpint (result.score, ==, 0);
  g_assert_null (result.band);
  g_assert_cmpuint (result.n_items, ==, 9);

  /* Each option scores 0–3. */
  for (guint i = 0; i < G_N_ELEMENTS (answer_ids); i++)
    {
      json_object_set_string_member (answers, "phq9-1", answer_ids[i]);
      g_assert_cmpint (reframe_questionnaire_get_item_value (phq9, answers, "phq9-1"), ==, i);
    }

  /* Eight of nine: a partial sum, still no band. */
  for (guint i = 1; i <= 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("phq9-%u", i);
      json_object_set_string_member (answers, id, "more-than-half");
    }
  g_assert_true (reframe_questionnaire_score (phq9, answers, &result));
  g_assert_false (result.complete);
  g_assert_cmpuint (result.answered, ==, 8);
  g_assert_cmpint (result.score, ==, 16);
  g_assert_null (result.band);

  /* The difficulty question is asked but never scored. */
  json_object_set_string_member (answers, "phq9-9", "not-at-all");
  json_object_set_string_member (answers, "phq9-difficulty", "extremely-difficult");
  g_assert_true (reframe_questionnaire_score (phq9, answers, &result));
  g_assert_true (result.complete);
  g_assert_cmpint (result.score, ==, 16);
  g_assert_cmpstr (result.band->id, ==, "moderately-severe");
  g_assert_false (result.crisis);

  /* Unknown or malformed answers count as unanswered. */
  json_object_set_string_member (answers, "phq9-2", "always");
  g_assert_cmpint (reframe_questionnaire_get_item_value (phq9, answers, "phq9-2"), ==, -1);
  json_object_set_int_member (answers, "phq9-3", 3);
  g_assert_cmpint (reframe_questionnaire_get_item_value (phq9, answers, "phq9-3"), ==, -1);
  g_assert_true (reframe_questionnaire_score (phq9, answers, &result));
  g_assert_false (result.complete);
  g_assert_cmpuint (result.answered, ==, 7);

  /* Not a questionnaire. */
  g_assert_false (reframe_questionnaire_score (reframe_exercise_library_lookup ("worry-time"),
                                               answers, &result));
}

static void
test_item9_crisis (void)
{
  ReframeExercise *phq9 = reframe_exercise_library_lookup ("phq-9");
  ReframeExercise *gad7 = reframe_exercise_library_lookup ("gad-7");
  g_autoptr(JsonObject) answers = json_object_new ();
  ReframeQuestionnaireResult result;

  g_assert_true (reframe_questionnaire_is_crisis_item (phq9, "phq9-9"));
  g_assert_false (reframe_questionnaire_is_crisis_item (phq9, "phq9-8"));
  g_assert_false (reframe_questionnaire_needs_crisis_resources (phq9, answers));

  json_object_set_string_member (answers, "phq9-9", "not-at-all");
  g_assert_false (reframe_questionnaire_needs_crisis_resources (phq9, answers));

  /* Any answer above 0, even with every other item unanswered and a minimal total. */
  for (guint i = 1; i < G_N_ELEMENTS (answer_ids); i++)
    {
      json_object_set_string_member (answers, "phq9-9", answer_ids[i]);
      g_assert_true (reframe_questionnaire_needs_crisis_resources (phq9, answers));
      g_assert_true (reframe_questionnaire_score (phq9, answers, &result));
      g_assert_true (result.crisis);
    }

  /* The GAD-7 has no such item. */
  json_object_set_string_member (answers, "gad7-1", "nearly-every-day");
  g_assert_false (reframe_questionnaire_needs_crisis_resources (gad7, answers));
}

/* The rule does not rest on the data: a PHQ-9 definition that drops the flag still counts. */
static void
test_item9_crisis_not_configurable (void)
{
  ReframeExercise *builtin = reframe_exercise_library_lookup ("phq-9");
  g_autofree char *json = g_strdup (reframe_exercise_get_source_json (builtin));
  g_autoptr(GRegex) regex = g_regex_new (", \"crisis\": true", 0, 0, NULL);
  g_autofree char *without = g_regex_replace_literal (regex, json, -1, 0, "", 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeExercise) edited = NULL;
  g_autoptr(JsonObject) answers = json_object_new ();

  g_assert_cmpstr (without, !=, json);
  g_assert_null (strstr (without, "\"crisis\""));
  edited = reframe_exercise_new_from_data (without, -1, REFRAME_EXERCISE_PARSE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (reframe_exercise_lookup_field (edited, "phq9-9")->crisis);

  json_object_set_string_member (answers, "phq9-9", "several-days");
  g_assert_true (reframe_questionnaire_needs_crisis_resources (edited, answers));
}

static void
test_wording_and_codes (void)
{
  ReframeExercise *phq9 = reframe_exercise_library_lookup ("phq-9");
  ReframeExercise *gad7 = reframe_exercise_library_lookup ("gad-7");
  const ReframeQuestionnaireInfo *info = reframe_exercise_get_questionnaire (phq9);
  static const char * const labels[] = {
    "Not at all", "Several days", "More than half the days", "Nearly every day"
  };
  static const char * const answer_codes[] = { "LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9" };
  static const char * const phq_codes[] = {
    "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"
  };
  static const char * const gad_codes[] = {
    "69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"
  };
  const ReframeExerciseStep *step;

  g_assert_cmpstr (info->stem, ==,
                   "Over the last 2 weeks, how often have you been bothered by any of the following problems?");
  g_assert_cmpstr (info->code, ==, "44249-1");
  g_assert_cmpstr (info->total_code, ==, "44261-6");
  g_assert_nonnull (strstr (info->copyright, "No permission required to reproduce, translate, display or distribute"));
  g_assert_cmpuint (reframe_exercise_get_n_steps (phq9), ==, 10);

  for (guint i = 0; i < G_N_ELEMENTS (phq_codes); i++)
    {
      const ReframeField *field;

      step = reframe_exercise_get_step (phq9, i);
      field = g_ptr_array_index (step->fields, 0);
      g_assert_cmpstr (field->code, ==, phq_codes[i]);
      g_assert_true (field->scored);
      g_assert_true (field->required);
      g_assert_cmpstr (step->text, ==, info->stem);
      g_assert_cmpuint (field->options->len, ==, 4);
      for (guint j = 0; j < 4; j++)
        {
          const ReframeFieldOption *option = g_ptr_array_index (field->options, j);

          g_assert_cmpstr (option->label, ==, labels[j]);
          g_assert_cmpstr (option->code, ==, answer_codes[j]);
          g_assert_cmpint (option->value, ==, j);
        }
    }
  g_assert_cmpstr (reframe_exercise_get_step (phq9, 0)->title, ==, "Little interest or pleasure in doing things");
  g_assert_cmpstr (reframe_exercise_get_step (phq9, 8)->title, ==,
                   "Thoughts that you would be better off dead, or of hurting yourself in some way");
  step = reframe_exercise_get_step (phq9, 9);
  g_assert_null (step->text);
  g_assert_false (((ReframeField *) g_ptr_array_index (step->fields, 0))->scored);

  info = reframe_exercise_get_questionnaire (gad7);
  g_assert_cmpstr (info->stem, ==,
                   "Over the last 2 weeks, how often have you been bothered by the following problems?");
  g_assert_cmpstr (info->code, ==, "69737-5");
  g_assert_cmpstr (info->total_code, ==, "70274-6");
  for (guint i = 0; i < G_N_ELEMENTS (gad_codes); i++)
    {
      step = reframe_exercise_get_step (gad7, i);
      g_assert_cmpstr (((ReframeField *) g_ptr_array_index (step->fields, 0))->code, ==, gad_codes[i]);
    }
  g_assert_cmpstr (reframe_exercise_get_step (gad7, 6)->title, ==,
                   "Feeling afraid as if something awful might happen");

  /* The intro says plainly that a score is not a diagnosis. */
  g_assert_nonnull (strstr (reframe_exercise_get_intro (phq9), "not a diagnosis"));
  g_assert_nonnull (strstr (reframe_exercise_get_intro (gad7), "not a diagnosis"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/questionnaire/phq9-bands", test_phq9_bands);
  g_test_add_func ("/reframe/questionnaire/gad7-bands", test_gad7_bands);
  g_test_add_func ("/reframe/questionnaire/scoring", test_scoring);
  g_test_add_func ("/reframe/questionnaire/item9-crisis", test_item9_crisis);
  g_test_add_func ("/reframe/questionnaire/item9-crisis-not-configurable",
                   test_item9_crisis_not_configurable);
  g_test_add_func ("/reframe/questionnaire/wording-and-codes", test_wording_and_codes);

  return g_test_run ();
}
