/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "reframe-coach-eval.h"
#include "reframe-emotions.h"
#include "reframe-offline-coach.h"
#include "reframe-test-util.h"
#include "reframe-thinking-traps.h"
#include "reframe-thought-record.h"

static ReframeOfflineCoach *
get_coach (void)
{
  return reframe_offline_coach_get_default ();
}

static const ReframeTrapMatch *
find_trap (GPtrArray  *found,
           const char *trap_id)
{
  for (guint i = 0; i < found->len; i++)
    {
      const ReframeTrapMatch *match = found->pdata[i];

      if (strcmp (match->trap_id, trap_id) == 0)
        return match;
    }
  return NULL;
}

static gboolean
detects (const char *text,
         const char *trap_id)
{
  g_autoptr(GPtrArray) found = reframe_offline_coach_detect (get_coach (), text);

  return find_trap (found, trap_id) != NULL;
}

static char *
describe (const char *text)
{
  g_autoptr(GPtrArray) found = reframe_offline_coach_detect (get_coach (), text);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    {
      const ReframeTrapMatch *match = found->pdata[i];

      g_string_append_printf (out, "%s%s (%.2f)", i ? ", " : "", match->trap_id,
                              match->confidence);
    }
  return g_string_free (out, FALSE);
}

#define assert_detects(text, trap) \
  G_STMT_START { \
    if (!detects (text, trap)) \
      { \
        g_autofree char *got = describe (text); \
        g_error ("“%s” should suggest %s; got [%s]", text, trap, got); \
      } \
  } G_STMT_END

#define assert_not_detects(text, trap) \
  G_STMT_START { \
    if (detects (text, trap)) \
      { \
        g_autofree char *got = describe (text); \
        g_error ("“%s” should not suggest %s; got [%s]", text, trap, got); \
      } \
  } G_STMT_END

/* The labelled set written for the project: per-trap precision and recall in the test log,
 * and floors the detector really meets (see the figures printed by this test). */
static void
test_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "thoughts.jsonl", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(ReframeCoachEval) eval = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *table = NULL;
  g_auto(GStrv) lines = NULL;
  guint counts[32] = { 0, };
  guint clean = 0;

  items = reframe_eval_load (path, REFRAME_EVAL_COACH, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* The set itself: at least 150 thoughts, 8 per trap and 20 not distorted. */
  g_assert_cmpuint (items->len, >=, 150);
  for (guint i = 0; i < items->len; i++)
    {
      const ReframeEvalItem *item = items->pdata[i];
      const GPtrArray *traps = reframe_thinking_traps_get_all ();

      clean += item->traps[0] == NULL;
      for (guint t = 0; t < traps->len; t++)
        counts[t] += g_strv_contains ((const char * const *) item->traps,
                                      ((const ReframeThinkingTrap *) traps->pdata[t])->id);
    }
  g_assert_cmpuint (clean, >=, 20);
  for (guint t = 0; t < reframe_thinking_traps_get_all ()->len; t++)
    g_assert_cmpuint (counts[t], >=, 8);

  eval = reframe_coach_eval_run (get_coach (), items);
  table = reframe_coach_eval_format (eval);
  lines = g_strsplit (table, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_test_message ("%s", lines[i]);

  g_assert_cmpfloat (eval->top3_recall, >=, 0.85);
  g_assert_cmpfloat (eval->macro_f1, >=, 0.80);
  g_assert_cmpfloat (eval->micro_precision, >=, 0.75);
  g_assert_cmpuint (eval->clean_flagged * 10, <=, eval->clean_items);
  for (guint t = 0; t < eval->n_traps; t++)
    {
      g_assert_cmpfloat (reframe_coach_eval_recall (eval, t), >=, 0.75);
      g_assert_cmpfloat (reframe_coach_eval_precision (eval, t), >=, 0.5);
    }
}

static void
test_basic_traps (void)
{
  assert_detects ("I always mess things up.", "overgeneralization");
  assert_detects ("Nobody ever calls me.", "overgeneralization");
  assert_detects ("I should be over this by now.", "should-statements");
  assert_detects ("I ought to call more often.", "should-statements");
  assert_detects ("What if the train is late and I miss the interview?", "fortune-telling");
  assert_detects ("This project will fail.", "fortune-telling");
  assert_detects ("It is going to go wrong.", "fortune-telling");
  assert_detects ("They think I'm boring.", "mind-reading");
  assert_detects ("She must think I'm rude.", "mind-reading");
  assert_detects ("I'm a failure.", "labeling");
  assert_detects ("I'm an idiot.", "labeling");
  assert_detects ("I'm useless.", "labeling");
  assert_detects ("It's all my fault.", "personalization");
  assert_detects ("They split up because of me.", "personalization");
  assert_detects ("This is a disaster.", "catastrophizing");
  assert_detects ("The day is ruined.", "catastrophizing");
  assert_detects ("It's the worst thing that could happen.", "catastrophizing");
  assert_detects ("I can't stand it.", "catastrophizing");
  assert_detects ("I feel stupid, so it must be true.", "emotional-reasoning");
  assert_detects ("I feel like a fraud so I am one.", "emotional-reasoning");
  assert_detects ("It was a total failure.", "all-or-nothing");
  assert_detects ("It's either perfect or it's worthless.", "all-or-nothing");
  assert_detects ("I only noticed the mistakes.", "mental-filter");
  assert_detects ("It went well, but that one thing ruined it.", "mental-filter");
  assert_detects ("The prize doesn't count.", "disqualifying-the-positive");
  assert_detects ("It was just luck.", "disqualifying-the-positive");
  assert_detects ("They were only being nice.", "disqualifying-the-positive");
  assert_detects ("It's their fault.", "blaming");
  assert_detects ("Because of them I lost my job.", "blaming");
  assert_detects ("Everyone else has a partner.", "comparing");
  assert_detects ("Compared to her I'm slow.", "comparing");
}

static void
test_negation (void)
{
  assert_not_detects ("I don't think I'm a failure.", "labeling");
  assert_not_detects ("I'm not a failure.", "labeling");
  assert_not_detects ("I'm not an idiot, I just made a mistake.", "labeling");
  assert_not_detects ("It's not always like this.", "overgeneralization");
  assert_not_detects ("Not everyone will like it, and that's fine.", "overgeneralization");
  assert_not_detects ("It's not the end of the world.", "catastrophizing");
  assert_not_detects ("It isn't my fault.", "personalization");
  assert_not_detects ("It wasn't a disaster.", "catastrophizing");
  assert_not_detects ("It doesn't have to be perfect.", "all-or-nothing");
  assert_not_detects ("I don't know what they think of me.", "mind-reading");

  /* A negation that does not cancel the thought. */
  assert_detects ("I can't stop thinking I'm a failure.", "labeling");
  assert_detects ("I shouldn't have said that.", "should-statements");
  assert_detects ("She doesn't like me.", "mind-reading");
}

static void
test_quotation (void)
{
  /* Someone else's words are not the person's own thinking. */
  assert_not_detects ("My boss said \"you always get this wrong\" and I just nodded.",
                      "overgeneralization");
  assert_not_detects ("My boss said “you always get this wrong” and I just nodded.",
                      "overgeneralization");
  assert_not_detects ("\"You never listen,\" she said.", "overgeneralization");
  assert_not_detects ("He told me 'you're useless' and walked off.", "labeling");
  assert_not_detects ("\"What an idiot,\" said my brother about the referee.", "labeling");

  /* The person quoting their own thought still counts. */
  assert_detects ("I thought, \"I always ruin everything.\"", "overgeneralization");
  assert_detects ("I told myself \"I'm useless\".", "labeling");
  assert_detects ("I said \"I never get anything right\" out loud.", "overgeneralization");
  /* Outside the quotation, it counts again. */
  assert_detects ("She said \"calm down\" and I thought I'm such an idiot.", "labeling");
}

static void
test_words_case_unicode (void)
{
  g_autoptr(GPtrArray) found = NULL;
  const ReframeTrapMatch *match;

  assert_detects ("I ALWAYS GET IT WRONG", "overgeneralization");
  assert_detects ("ＩＴ ＩＳ Ａ ＤＩＳＡＳＴＥＲ", "catastrophizing");
  assert_detects ("I’m such an idiot", "labeling");
  assert_detects ("Im such an idiot", "labeling");
  assert_detects ("i shouldnt have gone", "should-statements");
  /* Whole words only. */
  assert_not_detects ("We walked down the hallways.", "overgeneralization");
  assert_not_detects ("My shoulder hurts after the gym.", "should-statements");
  assert_not_detects ("The ruinous old castle was lovely.", "catastrophizing");

  /* Triggers give the words as written, with byte offsets into the text. */
  {
    const char *text = "Zoë said hi. I ALWAYS say the wrong thing.";

    found = reframe_offline_coach_detect (get_coach (), text);
    match = find_trap (found, "overgeneralization");
    g_assert_nonnull (match);
    g_assert_cmpuint (match->triggers->len, >=, 1);
    for (guint i = 0; i < match->triggers->len; i++)
      {
        const ReframeTrapTrigger *trigger = &g_array_index (match->triggers,
                                                            ReframeTrapTrigger, i);

        g_assert_cmpuint (trigger->end, >, trigger->start);
        g_assert_cmpuint (trigger->end, <=, strlen (text));
        g_assert_cmpint (strncmp (text + trigger->start, trigger->text,
                                  trigger->end - trigger->start), ==, 0);
        g_assert_true (g_utf8_validate (trigger->text, -1, NULL));
      }
    g_assert_nonnull (strstr (g_array_index (match->triggers, ReframeTrapTrigger, 0).text,
                              "ALWAYS"));
  }

  /* Invalid UTF-8 and empty text do not crash. */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = reframe_offline_coach_detect (get_coach (), "I always \xff\xfe fail");
  g_assert_nonnull (found);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = reframe_offline_coach_detect (get_coach (), "");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = reframe_offline_coach_detect (get_coach (), NULL);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_at_most_three (void)
{
  g_autoptr(GPtrArray) found = reframe_offline_coach_detect (get_coach (),
    "I always fail, I'm an idiot, it's all my fault, everyone thinks I'm stupid, "
    "what if I get fired, it would be a disaster, I should be better, everyone else has it easy.");

  g_assert_cmpuint (found->len, ==, 3);
  for (guint i = 0; i < found->len; i++)
    {
      const ReframeTrapMatch *match = found->pdata[i];

      g_assert_cmpfloat (match->confidence, >, 0.0);
      g_assert_cmpfloat (match->confidence, <=, 1.0);
      g_assert_nonnull (reframe_thinking_traps_lookup (match->trap_id));
      if (i > 0)
        g_assert_cmpfloat (((ReframeTrapMatch *) found->pdata[i - 1])->confidence, >=,
                           match->confidence);
    }

  /* The boxed copy is deep. */
  {
    g_autoptr(ReframeTrapMatch) copy = reframe_trap_match_copy (found->pdata[0]);

    g_assert_cmpstr (copy->trap_id, ==, ((ReframeTrapMatch *) found->pdata[0])->trap_id);
    g_assert_cmpuint (copy->triggers->len, ==,
                      ((ReframeTrapMatch *) found->pdata[0])->triggers->len);
  }
}

static void
test_questions_and_scaffolds (void)
{
  const GPtrArray *traps = reframe_thinking_traps_get_all ();
  const char * const *general = reframe_offline_coach_get_questions (get_coach (), NULL);

  g_assert_cmpuint (traps->len, ==, 13);
  for (guint i = 0; i < traps->len; i++)
    {
      const char *id = ((const ReframeThinkingTrap *) traps->pdata[i])->id;
      const char * const *questions = reframe_offline_coach_get_questions (get_coach (), id);
      const char *scaffold = reframe_offline_coach_balanced_scaffold (get_coach (), id);
      const char *action = reframe_offline_coach_get_action (get_coach (), id);
      guint n = g_strv_length ((char **) questions);

      g_assert_cmpuint (n, >=, 2);
      g_assert_cmpuint (n, <=, 3);
      for (guint q = 0; q < n; q++)
        g_assert_true (g_str_has_suffix (questions[q], "?"));
      g_assert_nonnull (strstr (scaffold, "___"));
      g_assert_true (action != NULL && *action != '\0');
      /* Each trap has its own questions, not the general ones. */
      g_assert_cmpstr (questions[0], !=, general[0]);
    }

  g_assert_cmpuint (g_strv_length ((char **) general), >=, 2);
  g_assert_true (reframe_offline_coach_get_questions (get_coach (), "no-such-trap") == general);
  g_assert_nonnull (strstr (reframe_offline_coach_balanced_scaffold (get_coach (), "nope"),
                            "___"));
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* What a reflection must never do: diagnose, promise, or pose as a therapist. */
static void
assert_tone (const char *text)
{
  static const char * const forbidden[] = {
    "disorder", "diagnos", "depression", "bipolar", "I am a therapist",
    "as your therapist", "everything will be fine", "everything will be okay",
    "don't worry", "just think positive", "cheer up", NULL,
  };
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; forbidden[i] != NULL; i++)
    {
      g_autofree char *needle = g_utf8_casefold (forbidden[i], -1);

      if (strstr (folded, needle) != NULL)
        g_error ("The reflection says “%s”:\n%s", forbidden[i], text);
    }
}

static void
test_reflect_journal (void)
{
  g_autofree char *text = reframe_offline_coach_reflect (get_coach (), REFRAME_COACH_KIND_JOURNAL,
    "I feel anxious and ashamed. I always mess up presentations and everyone thinks I'm an idiot.",
    NULL);
  g_autofree char *plain = NULL;

  g_test_message ("%s", text);
  /* The feeling in the person's own words. */
  g_assert_nonnull (strstr (text, "anxious"));
  g_assert_nonnull (strstr (text, "ashamed"));
  /* Traps named tentatively, with the words that suggested them. */
  g_assert_nonnull (strstr (text, "This might be"));
  g_assert_nonnull (strstr (text, "always”"));
  /* Two or three Socratic questions. */
  g_assert_cmpuint (count_occurrences (text, "• "), >=, 2);
  g_assert_cmpuint (count_occurrences (text, "• "), <=, 3);
  /* One balanced scaffold and one small step. */
  g_assert_cmpuint (count_occurrences (text, "___"), >=, 1);
  g_assert_cmpuint (count_occurrences (text, "One small step"), ==, 1);
  assert_tone (text);

  plain = reframe_offline_coach_reflect (get_coach (), REFRAME_COACH_KIND_JOURNAL,
                                         "Went for a walk by the canal and had soup.", NULL);
  g_test_message ("%s", plain);
  g_assert_nonnull (strstr (plain, "Went for a walk by the canal"));
  g_assert_null (strstr (plain, "This might be"));
  g_assert_cmpuint (count_occurrences (plain, "• "), >=, 2);
  g_assert_cmpuint (count_occurrences (plain, "One small step"), ==, 1);
  assert_tone (plain);
}

static void
test_reflect_thought_record (void)
{
  g_autoptr(ReframeThoughtRecord) record = reframe_thought_record_new ();
  g_autoptr(GPtrArray) emotions = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_emotion_rating_free);
  g_autoptr(GPtrArray) thoughts = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_automatic_thought_free);
  const char * const traps[] = { "labeling", NULL };
  g_autofree char *text = NULL;
  g_autofree char *done = NULL;
  const char *emotion_name;

  g_ptr_array_add (emotions, reframe_emotion_rating_new ("sad", 80, -1));
  g_ptr_array_add (thoughts, reframe_automatic_thought_new ("What if they fire me", 60, FALSE));
  g_ptr_array_add (thoughts, reframe_automatic_thought_new ("I'm useless at my job", 90, TRUE));
  reframe_thought_record_set_situation (record, "My manager corrected my report in front of the team.");
  reframe_thought_record_set_emotions (record, emotions);
  reframe_thought_record_set_thoughts (record, thoughts);
  reframe_thought_record_set_traps (record, traps);

  text = reframe_offline_coach_reflect (get_coach (), REFRAME_COACH_KIND_THOUGHT_RECORD, NULL,
                                        record);
  g_test_message ("%s", text);
  emotion_name = reframe_emotions_get_name ("sad");
  {
    g_autofree char *lower = g_utf8_strdown (emotion_name, -1);

    g_assert_nonnull (strstr (text, lower));
  }
  /* The trap the person picked comes first, then one the coach found. */
  g_assert_nonnull (strstr (text, reframe_thinking_traps_lookup ("labeling")->name));
  g_assert_nonnull (strstr (text, reframe_thinking_traps_lookup ("fortune-telling")->name));
  g_assert_cmpuint (count_occurrences (text, "• "), ==, 3);
  g_assert_nonnull (strstr (text, "___"));
  assert_tone (text);

  reframe_thought_record_set_balanced_thought (record, "I made one mistake and fixed it.");
  done = reframe_offline_coach_reflect (get_coach (), REFRAME_COACH_KIND_THOUGHT_RECORD, NULL,
                                        record);
  g_assert_null (strstr (done, "___"));
  g_assert_nonnull (strstr (done, "0 to 100"));
}

static void
test_reflect_checkin_and_empty (void)
{
  g_autofree char *checkin = reframe_offline_coach_reflect (get_coach (),
                                                            REFRAME_COACH_KIND_CHECKIN,
                                                            "Feeling really tired and a bit low.",
                                                            NULL);
  g_autofree char *empty = reframe_offline_coach_reflect (get_coach (),
                                                          REFRAME_COACH_KIND_CHECKIN, "  ", NULL);

  g_test_message ("%s", checkin);
  g_assert_nonnull (strstr (checkin, "tired"));
  g_assert_cmpuint (count_occurrences (checkin, "One small step"), ==, 1);
  assert_tone (checkin);
  g_assert_null (strstr (empty, "•"));
  g_assert_cmpuint (strlen (empty), >, 0);
}

static void
test_reflect_crisis (void)
{
  g_autofree char *text = reframe_offline_coach_reflect (get_coach (), REFRAME_COACH_KIND_JOURNAL,
    "I always ruin everything. Everyone would be better off without me.", NULL);

  g_test_message ("%s", text);
  /* No exercise in a crisis: only care and the crisis lines. */
  g_assert_null (strstr (text, "This might be"));
  g_assert_null (strstr (text, "___"));
  g_assert_nonnull (strstr (text, "988"));
  g_assert_nonnull (strstr (text, "Samaritans"));
  assert_tone (text);
}

/* It runs as the person types: a long entry must take well under a frame. */
static void
test_speed (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 start, elapsed;

  for (guint i = 0; i < 150; i++)
    g_string_append (text, "Today I went to work and it was fine, though I always worry that "
                     "my boss thinks I'm slow and I should be faster. ");

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GPtrArray) found = reframe_offline_coach_detect (get_coach (), text->str);

      g_assert_cmpuint (found->len, >, 0);
    }
  elapsed = (g_get_monotonic_time () - start) / 10;
  g_test_message ("detect on %" G_GSIZE_FORMAT " bytes: %.2f ms", text->len, elapsed / 1000.0);
  /* Generous for a loaded CI machine; typically a few milliseconds. */
  g_assert_cmpint (elapsed, <, 250 * 1000);
}

static void
test_new_and_finalize (void)
{
  ReframeOfflineCoach *coach = reframe_offline_coach_new ();
  g_autoptr(GPtrArray) found = reframe_offline_coach_detect (coach, "I'm a failure.");

  g_assert_cmpuint (found->len, ==, 1);
  g_assert_finalize_object (coach);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  dir = reframe_test_make_data_dir ();

  g_test_add_func ("/reframe/offline-coach/fixture", test_fixture);
  g_test_add_func ("/reframe/offline-coach/basic-traps", test_basic_traps);
  g_test_add_func ("/reframe/offline-coach/negation", test_negation);
  g_test_add_func ("/reframe/offline-coach/quotation", test_quotation);
  g_test_add_func ("/reframe/offline-coach/words-case-unicode", test_words_case_unicode);
  g_test_add_func ("/reframe/offline-coach/at-most-three", test_at_most_three);
  g_test_add_func ("/reframe/offline-coach/questions-and-scaffolds", test_questions_and_scaffolds);
  g_test_add_func ("/reframe/offline-coach/reflect-journal", test_reflect_journal);
  g_test_add_func ("/reframe/offline-coach/reflect-thought-record", test_reflect_thought_record);
  g_test_add_func ("/reframe/offline-coach/reflect-checkin-and-empty", test_reflect_checkin_and_empty);
  g_test_add_func ("/reframe/offline-coach/reflect-crisis", test_reflect_crisis);
  g_test_add_func ("/reframe/offline-coach/speed", test_speed);
  g_test_add_func ("/reframe/offline-coach/new-and-finalize", test_new_and_finalize);

  result = g_test_run ();
  reframe_test_remove_tree (dir);
  return result;
}
