/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "reframe-assignment-store.h"
#include "reframe-exercise-library.h"
#include "reframe-exercise-store.h"
#include "reframe-pack.h"
#include "reframe-test-util.h"

typedef struct
{
  char                   *dir;
  ReframeDatabase        *database;
  ReframeAssignmentStore *store;
  ReframeExerciseStore   *exercises;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = reframe_test_make_data_dir ();
  fixture->database = reframe_database_open_default (&error);
  g_assert_no_error (error);
  fixture->store = reframe_assignment_store_new (fixture->database);
  fixture->exercises = reframe_exercise_store_new (fixture->database);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->exercises);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->database);
  reframe_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "packs", name, NULL);
}

static ReframePack *
load_fixture (const char  *name,
              GError     **error)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return reframe_pack_load_file (file, NULL, error);
}

static void
date_of (GDate *date,
         int    year,
         int    month,
         int    day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

static GDateTime *
at (int year,
    int month,
    int day,
    int hour,
    int minute)
{
  return g_date_time_new_local (year, month, day, hour, minute, 0);
}

/* Parsing */

static void
test_parse_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframePack) pack = load_fixture ("valid.reframe-pack", &error);
  const GPtrArray *assignments;
  ReframeAssignment *daily, *weekly, *custom;

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  g_assert_cmpstr (reframe_pack_get_id (pack), ==, "3f2b8c1e-5a47-4d3e-9b61-0c2f7a9e4d11");
  g_assert_cmpstr (reframe_pack_get_therapist_name (pack), ==, "Dr Ana Rivera");
  g_assert_cmpstr (reframe_pack_get_therapist_contact (pack), ==, "ana.rivera@example.org");
  g_assert_true (g_str_has_prefix (reframe_pack_get_message (pack), "Hi Sam,\n\nas we"));
  g_assert_nonnull (reframe_pack_get_created (pack));
  g_assert_cmpuint (reframe_pack_get_exercises (pack)->len, ==, 1);

  assignments = reframe_pack_get_assignments (pack);
  g_assert_cmpuint (assignments->len, ==, 3);
  daily = g_ptr_array_index (assignments, 0);
  weekly = g_ptr_array_index (assignments, 1);
  custom = g_ptr_array_index (assignments, 2);

  g_assert_cmpstr (reframe_assignment_get_exercise_id (daily), ==, "three-good-things");
  g_assert_cmpstr (reframe_assignment_get_title (daily), ==, "Three Good Things");
  g_assert_null (reframe_assignment_get_definition_json (daily));
  g_assert_cmpint (reframe_assignment_get_frequency (daily), ==, REFRAME_FREQUENCY_DAILY);
  g_assert_cmpint (reframe_assignment_get_reminder (daily), ==, 20 * 60 + 30);
  g_assert_true (reframe_assignment_get_ai_feedback (daily));
  g_assert_cmpstr (reframe_assignment_get_ai_guidance (daily), ==,
                   "Focus on evidence against the worry; keep it brief.");
  g_assert_cmpstr (reframe_assignment_get_therapist_name (daily), ==, "Dr Ana Rivera");
  g_assert_nonnull (reframe_assignment_get_end (daily));

  g_assert_cmpint (reframe_assignment_get_frequency (weekly), ==, REFRAME_FREQUENCY_WEEKLY);
  g_assert_cmpuint (reframe_assignment_get_times_per_week (weekly), ==, 1);
  g_assert_false (reframe_assignment_get_ai_feedback (weekly));
  g_assert_cmpint (reframe_assignment_get_reminder (weekly), ==, REFRAME_ASSIGNMENT_NO_REMINDER);

  g_assert_cmpstr (reframe_assignment_get_title (custom), ==, "Evening Check");
  g_assert_nonnull (reframe_assignment_get_definition_json (custom));
  g_assert_null (reframe_assignment_get_end (custom));
  g_assert_cmpuint (reframe_assignment_get_times_per_week (custom), ==, 3);
}

static void
test_round_trip (void)
{
  g_autoptr(ReframePack) pack = reframe_pack_new ();
  g_autoptr(ReframePack) back = NULL;
  g_autoptr(ReframeExercise) custom = NULL;
  g_autoptr(ReframeAssignment) first = reframe_assignment_new ();
  g_autoptr(ReframeAssignment) second = reframe_assignment_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;
  ReframeCustomStep steps[] = {
    { "Notice", "What did you notice?", REFRAME_FIELD_LONG_TEXT, "What you noticed" },
    { "Rate it", NULL, REFRAME_FIELD_SCALE, "How strong was it?" },
    { "Feelings", NULL, REFRAME_FIELD_EMOTIONS, "What did you feel?" },
  };
  GDate start, end;
  gsize length;
  ReframeAssignment *read;

  reframe_pack_set_therapist_name (pack, "Dr Kim");
  reframe_pack_set_therapist_contact (pack, "kim@example.org");
  reframe_pack_set_message (pack, "See you on Tuesday.\n\nKim");

  custom = reframe_pack_build_exercise (NULL, "Noticing Practice", "Notice, then name.", "Dr Kim",
                                        steps, G_N_ELEMENTS (steps), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (reframe_exercise_get_id (custom), "custom-noticing-practice-"));
  g_assert_cmpuint (reframe_exercise_get_n_steps (custom), ==, 3);
  g_assert_cmpstr (((ReframeExerciseSource *) g_ptr_array_index (reframe_exercise_get_sources (custom), 0))->citation,
                   ==, "Written by Dr Kim");
  g_assert_true (reframe_pack_add_exercise (pack, custom, &error));
  g_assert_no_error (error);
  /* A built-in id is not the pack's to define. */
  g_assert_false (reframe_pack_add_exercise (pack, reframe_exercise_library_lookup ("phq-9"), &error));
  g_assert_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_INVALID);
  g_clear_error (&error);

  date_of (&start, 2026, 3, 3);
  date_of (&end, 2026, 3, 30);
  reframe_assignment_set_exercise_id (first, "worry-time");
  reframe_assignment_set_frequency (first, REFRAME_FREQUENCY_WEEKLY);
  reframe_assignment_set_times_per_week (first, 2);
  reframe_assignment_set_start (first, &start);
  reframe_assignment_set_end (first, &end);
  reframe_assignment_set_reminder (first, 18 * 60);
  reframe_assignment_set_instructions (first, "Pick two evenings.");
  reframe_assignment_set_ai_feedback (first, TRUE);
  reframe_assignment_set_ai_guidance (first, "Keep it brief.");
  g_assert_true (reframe_pack_add_assignment (pack, first, &error));
  g_assert_no_error (error);
  g_assert_nonnull (reframe_assignment_get_uuid (first));

  reframe_assignment_set_exercise_id (second, reframe_exercise_get_id (custom));
  reframe_assignment_set_frequency (second, REFRAME_FREQUENCY_ONCE);
  reframe_assignment_set_start (second, &start);
  g_assert_true (reframe_pack_add_assignment (pack, second, &error));
  g_assert_no_error (error);

  data = reframe_pack_to_data (pack, &length);
  back = reframe_pack_new_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  g_assert_cmpstr (reframe_pack_get_id (back), ==, reframe_pack_get_id (pack));
  g_assert_cmpstr (reframe_pack_get_therapist_name (back), ==, "Dr Kim");
  g_assert_cmpstr (reframe_pack_get_message (back), ==, "See you on Tuesday.\n\nKim");
  g_assert_cmpuint (reframe_pack_get_exercises (back)->len, ==, 1);
  g_assert_cmpuint (reframe_pack_get_assignments (back)->len, ==, 2);
  read = g_ptr_array_index (reframe_pack_get_assignments (back), 0);
  g_assert_cmpstr (reframe_assignment_get_uuid (read), ==, reframe_assignment_get_uuid (first));
  g_assert_cmpint (reframe_assignment_get_frequency (read), ==, REFRAME_FREQUENCY_WEEKLY);
  g_assert_cmpuint (reframe_assignment_get_times_per_week (read), ==, 2);
  g_assert_cmpint (g_date_compare (reframe_assignment_get_start (read), &start), ==, 0);
  g_assert_cmpint (g_date_compare (reframe_assignment_get_end (read), &end), ==, 0);
  g_assert_cmpint (reframe_assignment_get_reminder (read), ==, 18 * 60);
  g_assert_cmpstr (reframe_assignment_get_ai_guidance (read), ==, "Keep it brief.");
  read = g_ptr_array_index (reframe_pack_get_assignments (back), 1);
  g_assert_cmpstr (reframe_assignment_get_title (read), ==, "Noticing Practice");
  g_assert_cmpstr (reframe_assignment_get_definition_json (read), ==,
                   reframe_exercise_get_source_json (custom));

  /* Writing what was read gives the same file. */
  again = reframe_pack_to_data (back, NULL);
  g_assert_cmpstr (again, ==, data);
}

typedef struct
{
  const char       *file;
  ReframePackError  code;
  const char       *message;
} Hostile;

static void
test_refuse_hostile_files (Fixture       *fixture,
                           gconstpointer  data)
{
  static const Hostile cases[] = {
    { "invalid-json.reframe-pack", REFRAME_PACK_ERROR_SYNTAX, "not valid JSON" },
    { "unknown-version.reframe-pack", REFRAME_PACK_ERROR_UNSUPPORTED, "format version 7" },
    { "unknown-step-type.reframe-pack", REFRAME_PACK_ERROR_UNKNOWN_TYPE,
      "exercises[0]: steps[0].fields[0]: unknown field type “video”" },
    { "wrong-types.reframe-pack", REFRAME_PACK_ERROR_INVALID,
      "assignments[0]: “times_per_week” must be a whole number" },
    { "not-a-pack.reframe-pack", REFRAME_PACK_ERROR_NOT_A_PACK, "not a Reframe pack" },
    { "unknown-exercise.reframe-pack", REFRAME_PACK_ERROR_UNKNOWN_EXERCISE,
      "no exercise “mind-reading”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ReframePack) pack = load_fixture (cases[i].file, &error);

      g_test_message ("%s: %s", cases[i].file, error ? error->message : "(accepted)");
      g_assert_null (pack);
      g_assert_error (error, REFRAME_PACK_ERROR, (int) cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
  g_assert_cmpuint (reframe_assignment_store_count (fixture->store), ==, 0);
}

static void
test_refuse_huge_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "huge.reframe-pack", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframePack) pack = NULL;
  g_autofree char *big = NULL;
  FILE *out;

  /* 50 MB, sparse: refused from its size alone. */
  out = fopen (path, "w");
  g_assert_nonnull (out);
  g_assert_cmpint (fseek (out, 50 * 1024 * 1024 - 1, SEEK_SET), ==, 0);
  fputc ('}', out);
  fclose (out);

  pack = reframe_pack_load_file (file, NULL, &error);
  g_assert_null (pack);
  g_assert_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);

  /* The same from memory. */
  big = g_malloc0 (REFRAME_PACK_MAX_SIZE + 2);
  memset (big, ' ', REFRAME_PACK_MAX_SIZE + 1);
  g_assert_null (reframe_pack_new_from_data (big, REFRAME_PACK_MAX_SIZE + 1, &error));
  g_assert_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_TOO_LARGE);
}

static void
test_refuse_deep_and_broken (void)
{
  g_autoptr(GString) deep = g_string_new ("{ \"format\": \"io.github.reframe.pack\", \"x\": ");
  struct { const char *data; gssize length; ReframePackError code; const char *message; } cases[] = {
    { "", 0, REFRAME_PACK_ERROR_SYNTAX, "empty" },
    { "[1, 2]", -1, REFRAME_PACK_ERROR_NOT_A_PACK, "not a JSON object" },
    { "{\"format\": \"io.github.reframe.pack\", \"format_version\": 1, \"id\": \"a\"}", -1,
      REFRAME_PACK_ERROR_INVALID, "“assignments” is missing" },
    { "{\"format\": \"io.github.reframe.pack\", \"format_version\": \"1\"}", -1,
      REFRAME_PACK_ERROR_INVALID, "“format_version” must be a whole number" },
    { "{\"format\": \"io.github.reframe.pack\", \"format_version\": 1, \"id\": \"Bad Id\"}", -1,
      REFRAME_PACK_ERROR_INVALID, "“id” must be lower-case" },
    { "{\"format\": \"io.github.reframe.pack\", \"format_version\": 1, \"id\": \"a\", \"evil\": 1}",
      -1, REFRAME_PACK_ERROR_INVALID, "unknown member “evil”" },
    { "{\"format\": \"io.github.reframe.pack\", \"format_version\": 1, \"id\": \"a\","
      " \"assignments\": [ { \"id\": \"x\", \"exercise\": \"phq-9\", \"frequency\": \"hourly\","
      " \"start\": \"2026-01-01\" } ] }", -1, REFRAME_PACK_ERROR_INVALID,
      "“frequency” must be" },
    { "{\"format\": \"io.github.reframe.pack\", \"format_version\": 1, \"id\": \"a\","
      " \"assignments\": [ { \"id\": \"x\", \"exercise\": \"phq-9\", \"frequency\": \"daily\","
      " \"start\": \"2026-02-30\" } ] }", -1, REFRAME_PACK_ERROR_INVALID, "YYYY-MM-DD" },
    { "{\"format\": \"io.github.reframe.pack\", \"format_version\": 1, \"id\": \"a\","
      " \"assignments\": [ { \"id\": \"x\", \"exercise\": \"phq-9\", \"frequency\": \"daily\","
      " \"start\": \"2026-03-01\", \"end\": \"2026-02-01\" } ] }", -1, REFRAME_PACK_ERROR_INVALID,
      "“end” is before “start”" },
    { "{\"format\": \"io.github.reframe.pack\", \"format_version\": 1, \"id\": \"a\","
      " \"assignments\": [ { \"id\": \"x\", \"exercise\": \"phq-9\", \"frequency\": \"daily\","
      " \"start\": \"2026-03-01\", \"reminder\": \"25:00\" } ] }", -1, REFRAME_PACK_ERROR_INVALID,
      "HH:MM" },
    { "{\"format\": \"io.github.reframe.pack\", \"format_version\": 1, \"id\": \"a\","
      " \"assignments\": [ { \"id\": \"x\", \"exercise\": \"phq-9\", \"frequency\": \"once\","
      " \"start\": \"2026-03-01\" }, { \"id\": \"x\", \"exercise\": \"gad-7\","
      " \"frequency\": \"once\", \"start\": \"2026-03-01\" } ] }", -1, REFRAME_PACK_ERROR_INVALID,
      "used twice" },
    { "{\"format\": \"io.github.reframe.pack\", \"format_version\": 1, \"id\": \"a\","
      " \"exercises\": [ { \"format\": 1, \"id\": \"phq-9\", \"version\": 1, \"title\": \"T\","
      " \"summary\": \"S\", \"intro\": \"I\", \"sources\": [ { \"citation\": \"C\" } ],"
      " \"steps\": [ { \"id\": \"s\", \"title\": \"T\" } ] } ],"
      " \"assignments\": [ { \"id\": \"x\", \"exercise\": \"phq-9\", \"frequency\": \"once\","
      " \"start\": \"2026-03-01\" } ] }", -1, REFRAME_PACK_ERROR_INVALID,
      "id of a built-in exercise" },
    { "{\"format\": \"io.github.reframe.pack\", \"format_version\": 1, \"id\": \"\xc3\x28\"}", -1,
      REFRAME_PACK_ERROR_BAD_ENCODING, "UTF-8" },
    { "{\"format\": \"io.github.reframe.pack\"\0}", 36, REFRAME_PACK_ERROR_BAD_ENCODING, "NUL" },
  };

  for (guint i = 0; i < 200; i++)
    g_string_append (deep, "[");
  cases[0].data = deep->str;
  cases[0].length = deep->len;
  cases[0].code = REFRAME_PACK_ERROR_TOO_DEEP;
  cases[0].message = "nested too deeply";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ReframePack) pack = reframe_pack_new_from_data (cases[i].data, cases[i].length,
                                                                &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(accepted)");
      g_assert_null (pack);
      g_assert_error (error, REFRAME_PACK_ERROR, (int) cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_markup_and_controls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframePack) pack = load_fixture ("markup.reframe-pack", &error);
  ReframeAssignment *assignment;

  g_assert_no_error (error);
  /* Control characters and bidirectional overrides go; markup stays as text, for the UI to
   * show as text. */
  g_assert_cmpstr (reframe_pack_get_therapist_name (pack), ==, "<b>Dr</b> Evil");
  g_assert_cmpstr (reframe_pack_get_therapist_contact (pack), ==, "<a href='x'>click</a>");
  g_assert_cmpstr (reframe_pack_get_message (pack), ==,
                   "<span foreground='red'>URGENT</span> &amp; <i>obey</i>");
  assignment = g_ptr_array_index (reframe_pack_get_assignments (pack), 0);
  g_assert_cmpstr (reframe_assignment_get_instructions (assignment), ==, "Line onehidden");
}

/* Import */

static void
count_cb (gpointer  store,
          guint    *count)
{
  (*count)++;
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframePack) pack = load_fixture ("valid.reframe-pack", &error);
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(ReframeAssignment) custom = NULL;
  guint changed = 0;

  g_assert_no_error (error);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (count_cb), &changed);

  g_assert_true (reframe_assignment_store_import (fixture->store, pack, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (reframe_assignment_store_has_pack (fixture->store, reframe_pack_get_id (pack)));
  g_assert_cmpuint (reframe_assignment_store_count (fixture->store), ==, 3);

  /* Twice is refused, and nothing changes. */
  g_assert_false (reframe_assignment_store_import (fixture->store, pack, &error));
  g_assert_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (reframe_assignment_store_count (fixture->store), ==, 3);

  assignments = reframe_assignment_store_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assignments->len, ==, 3);
  g_assert_cmpstr (reframe_assignment_get_uuid (g_ptr_array_index (assignments, 0)), ==,
                   "a1-three-good-things");
  g_assert_cmpstr (reframe_assignment_get_therapist_name (g_ptr_array_index (assignments, 0)), ==,
                   "Dr Ana Rivera");
  g_assert_cmpstr (reframe_assignment_get_ai_guidance (g_ptr_array_index (assignments, 0)), ==,
                   "Focus on evidence against the worry; keep it brief.");
  g_assert_cmpint (reframe_assignment_get_reminder (g_ptr_array_index (assignments, 0)), ==, 1230);

  custom = reframe_assignment_store_get (fixture->store, "a3-evening-check", &error);
  g_assert_no_error (error);
  g_assert_nonnull (reframe_assignment_get_definition_json (custom));
  g_assert_null (reframe_assignment_get_end (custom));

  /* Pause, resume, remove. */
  g_assert_true (reframe_assignment_store_set_paused (fixture->store, "a2-phq-9", TRUE, &error));
  g_clear_object (&custom);
  custom = reframe_assignment_store_get (fixture->store, "a2-phq-9", &error);
  g_assert_true (reframe_assignment_get_paused (custom));
  g_assert_true (reframe_assignment_store_remove (fixture->store, "a2-phq-9", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reframe_assignment_store_count (fixture->store), ==, 2);
  g_assert_false (reframe_assignment_store_remove (fixture->store, "a2-phq-9", &error));
  g_assert_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND);
}

/* An assignment that cannot be stored takes the whole pack with it. */
static void
test_import_all_or_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframePack) first = load_fixture ("valid.reframe-pack", &error);
  g_autoptr(ReframePack) second = reframe_pack_new ();
  g_autoptr(ReframeAssignment) fresh = reframe_assignment_new ();
  g_autoptr(ReframeAssignment) clash = reframe_assignment_new ();

  g_assert_true (reframe_assignment_store_import (fixture->store, first, &error));
  g_assert_no_error (error);

  reframe_assignment_set_exercise_id (fresh, "gad-7");
  g_assert_true (reframe_pack_add_assignment (second, fresh, &error));
  /* The same id as one already stored: its insert fails after the pack's and the first
   * assignment's succeeded. */
  reframe_assignment_set_uuid (clash, "a1-three-good-things");
  reframe_assignment_set_exercise_id (clash, "phq-9");
  g_assert_true (reframe_pack_add_assignment (second, clash, &error));
  g_assert_no_error (error);

  g_assert_false (reframe_assignment_store_import (fixture->store, second, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (reframe_assignment_store_has_pack (fixture->store, reframe_pack_get_id (second)));
  g_assert_cmpuint (reframe_assignment_store_count (fixture->store), ==, 3);
}

static void
test_link_responses (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframePack) pack = load_fixture ("valid.reframe-pack", &error);
  g_autoptr(ReframeExerciseResponse) done = NULL;
  g_autoptr(ReframeExerciseResponse) open = NULL;
  g_autoptr(ReframeAssignment) assignment = NULL;
  g_autoptr(GDateTime) when = at (2026, 3, 4, 21, 0);
  g_autofree char *found = NULL;
  g_autofree char *unfinished = NULL;
  GDate today;

  g_assert_true (reframe_assignment_store_import (fixture->store, pack, &error));

  done = reframe_exercise_response_new (reframe_exercise_library_lookup ("three-good-things"));
  reframe_exercise_response_set_created_at (done, when);
  reframe_exercise_response_set_completed (done, TRUE);
  g_assert_true (reframe_exercise_store_save (fixture->exercises, done, &error));
  g_assert_true (reframe_assignment_store_link_response (fixture->store, "a1-three-good-things",
                                                         reframe_exercise_response_get_uuid (done),
                                                         &error));
  g_assert_no_error (error);

  open = reframe_exercise_response_new (reframe_exercise_library_lookup ("three-good-things"));
  reframe_exercise_response_set_answer (open, "things", json_from_string ("[{\"_key\": \"a\", \"what\": \"Tea\"}]", NULL));
  g_assert_true (reframe_exercise_store_save (fixture->exercises, open, &error));
  g_assert_true (reframe_assignment_store_link_response (fixture->store, "a1-three-good-things",
                                                         reframe_exercise_response_get_uuid (open),
                                                         &error));

  found = reframe_assignment_store_find_assignment (fixture->store,
                                                    reframe_exercise_response_get_uuid (done));
  g_assert_cmpstr (found, ==, "a1-three-good-things");
  unfinished = reframe_assignment_store_find_unfinished (fixture->store, "a1-three-good-things");
  g_assert_cmpstr (unfinished, ==, reframe_exercise_response_get_uuid (open));

  /* Only the completed one counts. */
  assignment = reframe_assignment_store_get (fixture->store, "a1-three-good-things", &error);
  g_assert_cmpuint (reframe_assignment_get_completions (assignment)->len, ==, 1);
  date_of (&today, 2026, 3, 5);
  g_assert_cmpuint (reframe_assignment_count_due (assignment, &today), ==, 3);
  g_assert_cmpuint (reframe_assignment_count_done (assignment, &today), ==, 1);

  /* Deleting the response removes the link, not the assignment. */
  g_assert_true (reframe_exercise_store_delete (fixture->exercises,
                                                reframe_exercise_response_get_uuid (done), &error));
  g_clear_object (&assignment);
  assignment = reframe_assignment_store_get (fixture->store, "a1-three-good-things", &error);
  g_assert_cmpuint (reframe_assignment_get_completions (assignment)->len, ==, 0);

  /* Removing the assignment keeps the responses. */
  g_assert_true (reframe_assignment_store_remove (fixture->store, "a1-three-good-things", &error));
  g_assert_cmpuint (reframe_exercise_store_count (fixture->exercises, NULL), ==, 1);
}

/* Schedule: adherence and what is due */

static ReframeAssignment *
make_assignment (ReframeFrequency frequency,
                 guint            times,
                 int              end_day)
{
  ReframeAssignment *assignment = reframe_assignment_new ();
  GDate start, end;

  /* Tuesday 3 March 2026. */
  date_of (&start, 2026, 3, 3);
  reframe_assignment_set_uuid (assignment, "test");
  reframe_assignment_set_frequency (assignment, frequency);
  reframe_assignment_set_times_per_week (assignment, times);
  reframe_assignment_set_start (assignment, &start);
  if (end_day > 0)
    {
      date_of (&end, 2026, 3, end_day);
      reframe_assignment_set_end (assignment, &end);
    }
  return assignment;
}

static void
complete_on (ReframeAssignment *assignment,
             int                day,
             int                hour)
{
  g_ptr_array_add (reframe_assignment_get_completions (assignment), at (2026, 3, day, hour, 0));
}

static void
test_adherence_daily (void)
{
  g_autoptr(ReframeAssignment) daily = make_assignment (REFRAME_FREQUENCY_DAILY, 1, 9);
  GDate day;

  date_of (&day, 2026, 3, 2);
  g_assert_cmpuint (reframe_assignment_count_due (daily, &day), ==, 0);
  g_assert_false (reframe_assignment_is_due_today (daily, &day));

  date_of (&day, 2026, 3, 3);
  g_assert_cmpuint (reframe_assignment_count_due (daily, &day), ==, 1);
  g_assert_true (reframe_assignment_is_due_today (daily, &day));

  complete_on (daily, 3, 20);
  complete_on (daily, 3, 22);  /* twice on a day counts once */
  complete_on (daily, 5, 9);
  complete_on (daily, 12, 9);  /* after the end: not counted */
  g_assert_false (reframe_assignment_is_due_today (daily, &day));

  date_of (&day, 2026, 3, 6);
  g_assert_cmpuint (reframe_assignment_count_due (daily, &day), ==, 4);
  g_assert_cmpuint (reframe_assignment_count_done (daily, &day), ==, 2);
  g_assert_true (reframe_assignment_is_due_today (daily, &day));

  date_of (&day, 2026, 3, 20);
  g_assert_cmpuint (reframe_assignment_count_due (daily, &day), ==, 7);
  g_assert_cmpuint (reframe_assignment_count_done (daily, &day), ==, 2);
  g_assert_false (reframe_assignment_is_due_today (daily, &day));
  g_assert_true (reframe_assignment_is_finished (daily, &day));

  /* Paused: nothing is due. */
  date_of (&day, 2026, 3, 6);
  reframe_assignment_set_paused (daily, TRUE);
  g_assert_false (reframe_assignment_is_due_today (daily, &day));
}

static void
test_adherence_weekly (void)
{
  g_autoptr(ReframeAssignment) weekly = make_assignment (REFRAME_FREQUENCY_WEEKLY, 3, 16);
  guint done, due;
  GDate day;

  date_of (&day, 2026, 3, 3);
  /* A week that has begun counts in full. */
  g_assert_cmpuint (reframe_assignment_count_due (weekly, &day), ==, 3);
  g_assert_true (reframe_assignment_is_due_today (weekly, &day));

  complete_on (weekly, 3, 10);
  complete_on (weekly, 4, 10);
  complete_on (weekly, 5, 10);
  complete_on (weekly, 6, 10);  /* a fourth in the same week is not counted */
  date_of (&day, 2026, 3, 6);
  g_assert_false (reframe_assignment_is_due_today (weekly, &day));
  reframe_assignment_get_week_progress (weekly, &day, &done, &due);
  g_assert_cmpuint (done, ==, 4);
  g_assert_cmpuint (due, ==, 3);
  g_assert_cmpuint (reframe_assignment_count_done (weekly, &day), ==, 3);

  /* Second week (10–16 March): due again. */
  date_of (&day, 2026, 3, 10);
  g_assert_cmpuint (reframe_assignment_count_due (weekly, &day), ==, 6);
  g_assert_cmpuint (reframe_assignment_count_done (weekly, &day), ==, 3);
  g_assert_true (reframe_assignment_is_due_today (weekly, &day));
  reframe_assignment_get_week_progress (weekly, &day, &done, &due);
  g_assert_cmpuint (done, ==, 0);
  g_assert_cmpuint (due, ==, 3);
}

static void
test_adherence_partial_week (void)
{
  /* Ends after 3 days of its second week: 3 a week for 3 of its 7 days rounds up to 2. */
  g_autoptr(ReframeAssignment) weekly = make_assignment (REFRAME_FREQUENCY_WEEKLY, 3, 12);
  g_autoptr(ReframeAssignment) once = make_assignment (REFRAME_FREQUENCY_ONCE, 1, 0);
  GDate day;

  date_of (&day, 2026, 3, 31);
  g_assert_cmpuint (reframe_assignment_count_due (weekly, &day), ==, 5);

  date_of (&day, 2026, 3, 10);
  g_assert_cmpuint (reframe_assignment_count_due (once, &day), ==, 1);
  g_assert_cmpuint (reframe_assignment_count_done (once, &day), ==, 0);
  g_assert_true (reframe_assignment_is_due_today (once, &day));
  complete_on (once, 2, 12);  /* done before its day: still done */
  g_assert_cmpuint (reframe_assignment_count_done (once, &day), ==, 1);
  g_assert_false (reframe_assignment_is_due_today (once, &day));
  g_assert_true (reframe_assignment_is_finished (once, &day));
}

/* Reminders, with a fake "now": no waiting. */
static void
assert_next (ReframeAssignment *assignment,
             GDateTime         *now,
             int                day,
             int                hour,
             int                minute)
{
  g_autoptr(GDateTime) next = reframe_assignment_next_reminder (assignment, now);
  g_autoptr(GDateTime) expected = NULL;

  if (day == 0)
    {
      g_assert_null (next);
      return;
    }
  expected = at (2026, 3, day, hour, minute);
  g_assert_nonnull (next);
  if (!g_date_time_equal (next, expected))
    g_error ("next reminder %s, expected %s", g_date_time_format_iso8601 (next),
             g_date_time_format_iso8601 (expected));
}

static void
test_reminders (void)
{
  g_autoptr(ReframeAssignment) daily = make_assignment (REFRAME_FREQUENCY_DAILY, 1, 5);
  g_autoptr(ReframeAssignment) weekly = make_assignment (REFRAME_FREQUENCY_WEEKLY, 3, 0);
  g_autoptr(ReframeAssignment) once = make_assignment (REFRAME_FREQUENCY_ONCE, 1, 0);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) evening = at (2026, 3, 3, 21, 0);

  /* No reminder time, no reminder. */
  now = at (2026, 3, 1, 9, 0);
  assert_next (daily, now, 0, 0, 0);

  reframe_assignment_set_reminder (daily, 20 * 60 + 30);
  assert_next (daily, now, 3, 20, 30);          /* before the start: the first day */
  g_clear_pointer (&now, g_date_time_unref);
  now = at (2026, 3, 3, 20, 30);
  assert_next (daily, now, 4, 20, 30);          /* at the time itself: the next one */
  g_clear_pointer (&now, g_date_time_unref);
  now = at (2026, 3, 4, 8, 0);
  complete_on (daily, 4, 7);
  assert_next (daily, now, 5, 20, 30);          /* done today: tomorrow */
  g_clear_pointer (&now, g_date_time_unref);
  now = at (2026, 3, 5, 21, 0);
  assert_next (daily, now, 0, 0, 0);            /* after the last one */
  g_clear_pointer (&now, g_date_time_unref);
  now = at (2026, 3, 3, 8, 0);
  reframe_assignment_set_paused (daily, TRUE);
  assert_next (daily, now, 0, 0, 0);

  /* Three a week: on the 3rd, 5th and 7th day of each week (5, 7, 9 March). */
  reframe_assignment_set_reminder (weekly, 9 * 60);
  assert_next (weekly, now, 5, 9, 0);
  complete_on (weekly, 3, 12);
  complete_on (weekly, 4, 12);
  g_clear_pointer (&now, g_date_time_unref);
  now = at (2026, 3, 5, 10, 0);
  assert_next (weekly, now, 9, 9, 0);           /* two done already: the 7th day */
  complete_on (weekly, 5, 12);
  assert_next (weekly, now, 12, 9, 0);          /* all three: next week's 3rd day */

  /* Once: on its day only. */
  reframe_assignment_set_reminder (once, 18 * 60);
  g_clear_pointer (&now, g_date_time_unref);
  now = at (2026, 3, 2, 12, 0);
  assert_next (once, now, 3, 18, 0);
  assert_next (once, evening, 0, 0, 0);
  g_assert_true (reframe_assignment_is_overdue (once, evening));
}

static void
test_overdue (void)
{
  g_autoptr(ReframeAssignment) daily = make_assignment (REFRAME_FREQUENCY_DAILY, 1, 0);
  g_autoptr(GDateTime) morning = at (2026, 3, 4, 8, 0);
  g_autoptr(GDateTime) night = at (2026, 3, 4, 22, 0);

  reframe_assignment_set_reminder (daily, 20 * 60);
  g_assert_false (reframe_assignment_is_overdue (daily, morning));
  g_assert_true (reframe_assignment_is_overdue (daily, night));
  complete_on (daily, 4, 21);
  g_assert_false (reframe_assignment_is_overdue (daily, night));
}

/* The command line: a refused pack says why and opens no window. */
static void
test_command_line_refuses (void)
{
  const char *binary = g_getenv ("REFRAME_TEST_BINARY");
  g_autofree char *bad = fixture_path ("unknown-step-type.reframe-pack");
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  int status;

  if (binary == NULL)
    {
      g_test_skip ("REFRAME_TEST_BINARY is not set");
      return;
    }

  dir = reframe_test_make_data_dir ();
  env = g_get_environ ();
  /* Without a display, any attempt at a window would fail loudly. */
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "REFRAME_DATA_DIR", dir, TRUE);
  env = g_environ_setenv (env, "G_DEBUG", "", TRUE);

  g_spawn_sync (NULL, (char *[]) { (char *) binary, (char *) "--import-pack", bad, NULL }, env,
                G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "unknown field type “video”"));
  g_assert_null (strstr (err, "display"));
  g_assert_cmpstr (out, ==, "");

  /* A missing file too. */
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_spawn_sync (NULL, (char *[]) { (char *) binary, (char *) "--import-pack",
                                   (char *) "/nonexistent/x.reframe-pack", NULL },
                env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "x.reframe-pack"));

  reframe_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/pack/parse-valid", test_parse_valid);
  g_test_add_func ("/reframe/pack/round-trip", test_round_trip);
  g_test_add ("/reframe/pack/refuse-hostile-files", Fixture, NULL,
              fixture_set_up, test_refuse_hostile_files, fixture_tear_down);
  g_test_add ("/reframe/pack/refuse-huge-file", Fixture, NULL,
              fixture_set_up, test_refuse_huge_file, fixture_tear_down);
  g_test_add_func ("/reframe/pack/refuse-deep-and-broken", test_refuse_deep_and_broken);
  g_test_add_func ("/reframe/pack/markup-and-controls", test_markup_and_controls);
  g_test_add ("/reframe/pack/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/reframe/pack/import-all-or-nothing", Fixture, NULL,
              fixture_set_up, test_import_all_or_nothing, fixture_tear_down);
  g_test_add ("/reframe/pack/link-responses", Fixture, NULL,
              fixture_set_up, test_link_responses, fixture_tear_down);
  g_test_add_func ("/reframe/pack/adherence-daily", test_adherence_daily);
  g_test_add_func ("/reframe/pack/adherence-weekly", test_adherence_weekly);
  g_test_add_func ("/reframe/pack/adherence-partial-week", test_adherence_partial_week);
  g_test_add_func ("/reframe/pack/reminders", test_reminders);
  g_test_add_func ("/reframe/pack/overdue", test_overdue);
  g_test_add_func ("/reframe/pack/command-line-refuses", test_command_line_refuses);

  return g_test_run ();
}
