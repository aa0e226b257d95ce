/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "reframe-database.h"
#include "reframe-exercise-library.h"
#include "reframe-exercise-store.h"
#include "reframe-exercise.h"
#include "reframe-test-util.h"

/* A small valid definition that the rejection tests break one piece at a time. */
#define MINIMAL_HEAD \
  "{\"format\": 1, \"id\": \"mini\", \"version\": 1, \"title\": \"Mini\", \"summary\": \"S\"," \
  " \"intro\": \"Intro\", \"sources\": [{\"citation\": \"A source\"}],"

static ReframeExercise *
parse (const char  *json,
       GError     **error)
{
  return reframe_exercise_new_from_data (json, -1, REFRAME_EXERCISE_PARSE_DEFAULT, error);
}

/* A definition with one step holding @fields_json. */
static char *
with_fields (const char *fields_json)
{
  return g_strdup_printf (MINIMAL_HEAD " \"steps\": [{\"id\": \"one\", \"title\": \"One\","
                          " \"fields\": [%s]}]}", fields_json);
}

static void
assert_rejected (const char *json,
                 int         code,
                 const char *expected_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeExercise) exercise = parse (json, &error);

  g_assert_null (exercise);
  g_assert_error (error, REFRAME_EXERCISE_ERROR, code);
  if (expected_text != NULL && strstr (error->message, expected_text) == NULL)
    g_error ("Expected “%s” in the error “%s”", expected_text, error->message);
}

static void
assert_fields_rejected (const char *fields_json,
                        int         code,
                        const char *expected_text)
{
  g_autofree char *json = with_fields (fields_json);

  assert_rejected (json, code, expected_text);
}

static char *
source_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "exercises", NULL);
}

/* Every JSON file in data/exercises/ but the thinking-trap catalog is a definition. */
static GPtrArray *
definition_files (void)
{
  g_autofree char *dir_path = source_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json") && !g_str_equal (name, "thinking-traps.json"))
      g_ptr_array_add (files, g_strdup (name));

  return files;
}

static void
test_builtins_valid (void)
{
  g_autoptr(GPtrArray) files = definition_files ();
  g_autofree char *dir = source_dir ();
  const GPtrArray *all = reframe_exercise_library_get_all ();
  gboolean types_seen[REFRAME_FIELD_N_TYPES] = { FALSE, };
  guint n_exercises = 0;
  guint n_questionnaires = 0;

  /* Every file on disk is in the library, and the other way round. */
  g_assert_cmpuint (files->len, ==, g_strv_length ((char **) reframe_exercise_library_get_files ()));
  for (guint i = 0; i < files->len; i++)
    g_assert_true (g_strv_contains (reframe_exercise_library_get_files (),
                                    g_ptr_array_index (files, i)));
  g_assert_cmpuint (all->len, ==, files->len);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (files, i), NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ReframeExercise) exercise = NULL;
      g_autofree char *expected_name = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      exercise = parse (contents, &error);
      if (exercise == NULL)
        g_error ("%s: %s", path, error->message);

      /* The file is named after the id. */
      expected_name = g_strdup_printf ("%s.json", reframe_exercise_get_id (exercise));
      g_assert_cmpstr (expected_name, ==, g_ptr_array_index (files, i));
      g_assert_nonnull (reframe_exercise_library_lookup (reframe_exercise_get_id (exercise)));

      g_assert_cmpuint (reframe_exercise_get_version (exercise), >=, 1);
      g_assert_cmpuint (strlen (reframe_exercise_get_intro (exercise)), >, 200);
      g_assert_cmpuint (reframe_exercise_get_sources (exercise)->len, >=, 1);
      g_assert_cmpuint (reframe_exercise_get_n_steps (exercise), >=, 1);
      g_assert_nonnull (reframe_exercise_get_icon_name (exercise));
      g_assert_cmpuint (reframe_exercise_get_minutes (exercise), >, 0);

      if (reframe_exercise_is_questionnaire (exercise))
        n_questionnaires++;
      else
        {
          JsonObject *example = reframe_exercise_get_example (exercise);

          n_exercises++;
          /* An example for the person who does not know where to start, for every step. */
          g_assert_nonnull (example);
          g_assert_true (reframe_exercise_validate_answers (exercise, example, &error));
          g_assert_no_error (error);
          for (guint s = 0; s < reframe_exercise_get_n_steps (exercise); s++)
            {
              const ReframeExerciseStep *step = reframe_exercise_get_step (exercise, s);
              gboolean step_has_example = FALSE;

              for (guint f = 0; f < step->fields->len; f++)
                {
                  const ReframeField *field = g_ptr_array_index (step->fields, f);
                  g_autofree char *text = NULL;

                  types_seen[field->type] = TRUE;
                  for (guint k = 0; field->item_fields && k < field->item_fields->len; k++)
                    types_seen[((ReframeField *) g_ptr_array_index (field->item_fields, k))->type] = TRUE;
                  text = reframe_exercise_format_answer (exercise, field, example,
                                                         json_object_get_member (example, field->id));
                  step_has_example |= *text != '\0';
                }
              if (!step_has_example)
                g_error ("%s: step %s has no example", path, step->id);
            }
        }
    }

  /* The thought record has its own dialog; with it, at least eight exercises. */
  g_assert_cmpuint (n_exercises + 1, >=, 8);
  g_assert_cmpuint (n_questionnaires, ==, 2);
  /* The built-ins show every kind of field at least once. */
  for (guint i = 0; i < REFRAME_FIELD_N_TYPES; i++)
    if (!types_seen[i] && i != REFRAME_FIELD_CHOICE)
      g_error ("No built-in exercise uses the field type %s", reframe_field_type_to_string (i));
}

static void
test_every_field_type (void)
{
  g_autofree char *json = with_fields (
    "{\"id\": \"a\", \"type\": \"short-text\", \"label\": \"A\", \"max_length\": 20},"
    "{\"id\": \"b\", \"type\": \"long-text\", \"label\": \"B\", \"placeholder\": \"P\"},"
    "{\"id\": \"c\", \"type\": \"scale\", \"label\": \"C\", \"low_label\": \"L\", \"high_label\": \"H\"},"
    "{\"id\": \"d\", \"type\": \"slider\", \"label\": \"D\", \"min\": 10, \"max\": 90, \"step\": 10, \"unit\": \"%\"},"
    "{\"id\": \"e\", \"type\": \"choice\", \"label\": \"E\", \"options\": [{\"id\": \"x\", \"label\": \"X\"}, {\"id\": \"y\", \"label\": \"Y\"}]},"
    "{\"id\": \"f\", \"type\": \"multi-choice\", \"label\": \"F\", \"max_selected\": 1, \"options\": [{\"id\": \"x\", \"label\": \"X\"}, {\"id\": \"y\", \"label\": \"Y\"}]},"
    "{\"id\": \"g\", \"type\": \"emotions\", \"label\": \"G\"},"
    "{\"id\": \"h\", \"type\": \"thinking-traps\", \"label\": \"H\"},"
    "{\"id\": \"i\", \"type\": \"list\", \"label\": \"I\", \"sort_by\": \"n\", \"item_fields\": ["
    "  {\"id\": \"t\", \"type\": \"short-text\", \"label\": \"T\"}, {\"id\": \"n\", \"type\": \"slider\", \"label\": \"N\"}]},"
    "{\"id\": \"j\", \"type\": \"date-time\", \"label\": \"J\", \"mode\": \"date\"},"
    "{\"id\": \"k\", \"type\": \"breathing\", \"label\": \"K\", \"inhale\": 5, \"exhale\": 7}");
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeExercise) exercise = parse (json, &error);
  const ReframeExerciseStep *step;
  const ReframeField *field;

  g_assert_no_error (error);
  g_assert_nonnull (exercise);
  step = reframe_exercise_get_step (exercise, 0);
  g_assert_cmpuint (step->fields->len, ==, REFRAME_FIELD_N_TYPES);
  for (guint i = 0; i < REFRAME_FIELD_N_TYPES; i++)
    g_assert_cmpint (((ReframeField *) g_ptr_array_index (step->fields, i))->type, ==, i);

  field = reframe_exercise_lookup_field (exercise, "d");
  g_assert_cmpint (field->min, ==, 10);
  g_assert_cmpint (field->max, ==, 90);
  g_assert_cmpint (field->default_value, ==, 50);
  g_assert_cmpstr (field->unit, ==, "%");
  field = reframe_exercise_lookup_field (exercise, "k");
  g_assert_cmpuint (field->inhale, ==, 5);
  g_assert_cmpuint (field->exhale, ==, 7);
  g_assert_cmpuint (field->minutes, ==, 3);
  field = reframe_exercise_lookup_field (exercise, "a");
  g_assert_cmpuint (field->max_length, ==, 20);
  g_assert_null (reframe_exercise_lookup_field (exercise, "t"));
  g_assert_cmpstr (reframe_exercise_get_source_json (exercise), ==, json);
}

static void
test_reject_unknown_type (void)
{
  /* The message names the type and where it is. */
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"video\", \"label\": \"A\"}",
                          REFRAME_EXERCISE_ERROR_UNKNOWN_TYPE, "unknown field type “video”");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"video\", \"label\": \"A\"}",
                          REFRAME_EXERCISE_ERROR_UNKNOWN_TYPE, "steps[0].fields[0]");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"list\", \"label\": \"A\", \"item_fields\": ["
                          "{\"id\": \"b\", \"type\": \"hologram\", \"label\": \"B\"}]}",
                          REFRAME_EXERCISE_ERROR_UNKNOWN_TYPE, "“hologram”");
}

static void
test_reject_missing (void)
{
  assert_rejected ("{\"format\": 1, \"version\": 1, \"title\": \"T\", \"summary\": \"S\","
                   " \"intro\": \"I\", \"sources\": [{\"citation\": \"C\"}],"
                   " \"steps\": [{\"id\": \"s\", \"title\": \"T\"}]}",
                   REFRAME_EXERCISE_ERROR_INVALID, "“id” is missing");
  assert_rejected ("{\"format\": 1, \"id\": \"x\", \"title\": \"T\", \"summary\": \"S\","
                   " \"intro\": \"I\", \"sources\": [{\"citation\": \"C\"}],"
                   " \"steps\": [{\"id\": \"s\", \"title\": \"T\"}]}",
                   REFRAME_EXERCISE_ERROR_INVALID, "“version” is missing");
  assert_rejected ("{\"id\": \"x\"}", REFRAME_EXERCISE_ERROR_INVALID, "“format” is missing");
  assert_rejected (MINIMAL_HEAD " \"steps\": []}", REFRAME_EXERCISE_ERROR_INVALID,
                   "at least 1");
  assert_rejected (MINIMAL_HEAD " \"steps\": [{\"id\": \"s\"}]}", REFRAME_EXERCISE_ERROR_INVALID,
                   "steps[0]: “title” is missing");
  assert_rejected (MINIMAL_HEAD " \"steps\": [{\"id\": \"s\", \"title\": \"   \"}]}",
                   REFRAME_EXERCISE_ERROR_INVALID, "“title” is empty");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"short-text\"}",
                          REFRAME_EXERCISE_ERROR_INVALID, "“label” is missing");
  assert_rejected ("[1, 2]", REFRAME_EXERCISE_ERROR_INVALID, "must be a JSON object");
  assert_rejected ("{\"format\": 1,", REFRAME_EXERCISE_ERROR_SYNTAX, "not valid JSON");
  assert_rejected ("", REFRAME_EXERCISE_ERROR_SYNTAX, NULL);
}

static void
test_reject_huge (void)
{
  g_autoptr(GString) json = g_string_new (MINIMAL_HEAD " \"_comment\": \"");
  g_autofree char *long_title = NULL;
  g_autofree char *many_steps = NULL;
  g_autoptr(GString) steps = g_string_new (NULL);

  while (json->len <= REFRAME_EXERCISE_MAX_SIZE)
    g_string_append (json, "padding padding padding padding ");
  g_string_append (json, "\", \"steps\": [{\"id\": \"s\", \"title\": \"T\"}]}");
  assert_rejected (json->str, REFRAME_EXERCISE_ERROR_TOO_LARGE, "too large");

  /* Limits within the size, too: long texts and too many entries. */
  long_title = g_strdup_printf (MINIMAL_HEAD " \"steps\": [{\"id\": \"s\", \"title\": \"%0200d\"}]}", 0);
  assert_rejected (long_title, REFRAME_EXERCISE_ERROR_INVALID, "too long");
  for (guint i = 0; i <= REFRAME_EXERCISE_MAX_STEPS; i++)
    g_string_append_printf (steps, "%s{\"id\": \"s%u\", \"title\": \"T\"}", i ? "," : "", i);
  many_steps = g_strdup_printf (MINIMAL_HEAD " \"steps\": [%s]}", steps->str);
  assert_rejected (many_steps, REFRAME_EXERCISE_ERROR_INVALID, "too many entries");
}

static void
test_reject_deep (void)
{
  g_autoptr(GString) json = g_string_new (MINIMAL_HEAD " \"_comment\": ");
  g_autoptr(GString) bomb = g_string_new (NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < 40; i++)
    g_string_append_c (json, ']');
  g_string_append (json, ", \"steps\": [{\"id\": \"s\", \"title\": \"T\"}]}");
  assert_rejected (json->str, REFRAME_EXERCISE_ERROR_TOO_DEEP, "nested too deeply");

  /* Within the size limit, but deep enough to exhaust a recursive parser's stack. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (bomb, '[');
  assert_rejected (bomb->str, REFRAME_EXERCISE_ERROR_TOO_DEEP, NULL);

  /* Brackets inside strings do not count. */
  {
    g_autofree char *in_string = g_strdup_printf (MINIMAL_HEAD " \"_comment\": \"%s\","
                                                  " \"steps\": [{\"id\": \"s\", \"title\": \"[[[[\"}]}",
                                                  "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[[[[");
    g_autoptr(GError) error = NULL;
    g_autoptr(ReframeExercise) exercise = parse (in_string, &error);

    g_assert_no_error (error);
    g_assert_nonnull (exercise);
  }
}

static void
test_reject_bad_utf8 (void)
{
  g_autofree char *json = g_strdup (MINIMAL_HEAD " \"steps\": [{\"id\": \"s\", \"title\": \"caf\xe9\"}]}");
  const char with_nul[] = "{\"format\": 1, \"id\": \"x\0\"}";

  assert_rejected (json, REFRAME_EXERCISE_ERROR_BAD_ENCODING, "not valid UTF-8");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ReframeExercise) exercise =
      reframe_exercise_new_from_data (with_nul, sizeof with_nul - 1, REFRAME_EXERCISE_PARSE_DEFAULT,
                                      &error);

    g_assert_null (exercise);
    g_assert_error (error, REFRAME_EXERCISE_ERROR, REFRAME_EXERCISE_ERROR_BAD_ENCODING);
  }
  /* An escaped lone surrogate is not text either. */
  assert_rejected (MINIMAL_HEAD " \"steps\": [{\"id\": \"s\", \"title\": \"a\\ud800b\"}]}",
                   REFRAME_EXERCISE_ERROR_INVALID, "steps[0]: “title” is not valid UTF-8");
}

static void
test_control_characters_stripped (void)
{
  const char *json =
    "{\"format\": 1, \"id\": \"ctl\", \"version\": 1,"
    " \"title\": \"Be\\u0007ll\\u202eevil\\u0000\", \"summary\": \"One\\nline\","
    " \"intro\": \"Para one.\\r\\n\\nPara\\u0085 two\\ttabbed.\", \"sources\": [{\"citation\": \"C\\u001b[31m\"}],"
    " \"steps\": [{\"id\": \"s\", \"title\": \"T\\u2066x\\u2069\", \"text\": \"A\\nB\","
    "   \"fields\": [{\"id\": \"f\", \"type\": \"short-text\", \"label\": \"L\\u200dok\"}]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeExercise) exercise = parse (json, &error);
  const ReframeExerciseStep *step;

  g_assert_no_error (error);
  g_assert_nonnull (exercise);
  /* \u0000 ends the string in the parser; nothing after it survives. */
  g_assert_cmpstr (reframe_exercise_get_title (exercise), ==, "Bellevil");
  g_assert_cmpstr (reframe_exercise_get_summary (exercise), ==, "One line");
  g_assert_cmpstr (reframe_exercise_get_intro (exercise), ==, "Para one.\n\nPara two tabbed.");
  g_assert_cmpstr (((ReframeExerciseSource *) g_ptr_array_index (reframe_exercise_get_sources (exercise), 0))->citation,
                   ==, "C[31m");
  step = reframe_exercise_get_step (exercise, 0);
  g_assert_cmpstr (step->title, ==, "Tx");
  g_assert_cmpstr (step->text, ==, "A\nB");
  /* The zero-width joiner is part of emoji and scripts: kept. */
  g_assert_cmpstr (((ReframeField *) g_ptr_array_index (step->fields, 0))->label, ==, "L\u200dok");
}

static void
test_reject_untrusted_numbers (void)
{
  assert_rejected ("{\"format\": 2, \"id\": \"x\"}", REFRAME_EXERCISE_ERROR_UNSUPPORTED, "format 2");
  assert_rejected ("{\"format\": 1.0, \"id\": \"x\"}", REFRAME_EXERCISE_ERROR_INVALID, "whole number");
  assert_rejected ("{\"format\": \"1\", \"id\": \"x\"}", REFRAME_EXERCISE_ERROR_INVALID, "whole number");
  assert_rejected ("{\"format\": 1, \"id\": \"x\", \"version\": 0, \"title\": \"T\"}",
                   REFRAME_EXERCISE_ERROR_INVALID, "“version” is out of range");
  assert_rejected ("{\"format\": 1, \"id\": \"x\", \"version\": 99999999999999999, \"title\": \"T\"}",
                   REFRAME_EXERCISE_ERROR_INVALID, "out of range");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"scale\", \"label\": \"A\", \"default\": 11}",
                          REFRAME_EXERCISE_ERROR_INVALID, "“default” is out of range");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"slider\", \"label\": \"A\", \"max\": 1000}",
                          REFRAME_EXERCISE_ERROR_INVALID, "“max” is out of range");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"slider\", \"label\": \"A\", \"min\": 60, \"max\": 40}",
                          REFRAME_EXERCISE_ERROR_INVALID, "above “min”");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"breathing\", \"label\": \"A\", \"inhale\": -4}",
                          REFRAME_EXERCISE_ERROR_INVALID, "“inhale” is out of range");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"short-text\", \"label\": \"A\", \"max_length\": 1e9}",
                          REFRAME_EXERCISE_ERROR_INVALID, "whole number");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"list\", \"label\": \"A\", \"max_items\": 5000,"
                          " \"item_fields\": [{\"id\": \"b\", \"type\": \"short-text\", \"label\": \"B\"}]}",
                          REFRAME_EXERCISE_ERROR_INVALID, "“max_items” is out of range");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"scale\", \"label\": \"A\", \"required\": 1}",
                          REFRAME_EXERCISE_ERROR_INVALID, "true or false");
}

static void
test_reject_structure (void)
{
  /* Unknown members are refused; notes starting with "_" are not. */
  assert_rejected (MINIMAL_HEAD " \"steps\": [{\"id\": \"s\", \"title\": \"T\"}], \"script\": \"x\"}",
                   REFRAME_EXERCISE_ERROR_INVALID, "unknown member “script”");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"scale\", \"label\": \"A\", \"options\": []}",
                          REFRAME_EXERCISE_ERROR_INVALID, "unknown member “options”");
  /* Ids */
  assert_fields_rejected ("{\"id\": \"Bad Id\", \"type\": \"scale\", \"label\": \"A\"}",
                          REFRAME_EXERCISE_ERROR_INVALID, "lower-case letters");
  assert_fields_rejected ("{\"id\": \"_key\", \"type\": \"scale\", \"label\": \"A\"}",
                          REFRAME_EXERCISE_ERROR_INVALID, "lower-case letters");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"scale\", \"label\": \"A\"},"
                          "{\"id\": \"a\", \"type\": \"scale\", \"label\": \"B\"}",
                          REFRAME_EXERCISE_ERROR_INVALID, "used twice");
  assert_rejected (MINIMAL_HEAD " \"steps\": [{\"id\": \"s\", \"title\": \"T\"}, {\"id\": \"s\", \"title\": \"U\"}]}",
                   REFRAME_EXERCISE_ERROR_INVALID, "step id “s” is used twice");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"choice\", \"label\": \"A\", \"options\": ["
                          "{\"id\": \"x\", \"label\": \"X\"}, {\"id\": \"x\", \"label\": \"Y\"}]}",
                          REFRAME_EXERCISE_ERROR_INVALID, "option id “x” is used twice");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"choice\", \"label\": \"A\", \"options\": ["
                          "{\"id\": \"x\", \"label\": \"X\"}]}",
                          REFRAME_EXERCISE_ERROR_INVALID, "at least 2");
  /* Nesting: no list in a list. */
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"list\", \"label\": \"A\", \"item_fields\": ["
                          "{\"id\": \"b\", \"type\": \"list\", \"label\": \"B\", \"item_fields\": []}]}",
                          REFRAME_EXERCISE_ERROR_INVALID, "cannot hold a “list”");
  /* References */
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"choice\", \"label\": \"A\", \"options_from\": \"nowhere\"}",
                          REFRAME_EXERCISE_ERROR_INVALID, "another list field (“nowhere”)");
  assert_fields_rejected ("{\"id\": \"n\", \"type\": \"scale\", \"label\": \"N\"},"
                          "{\"id\": \"a\", \"type\": \"list\", \"label\": \"A\", \"source\": \"n\", \"item_fields\": ["
                          "{\"id\": \"b\", \"type\": \"scale\", \"label\": \"B\"}]}",
                          REFRAME_EXERCISE_ERROR_INVALID, "another list field");
  assert_rejected (MINIMAL_HEAD " \"steps\": ["
                   "{\"id\": \"s1\", \"title\": \"T\", \"fields\": [{\"id\": \"r\", \"type\": \"list\", \"label\": \"R\","
                   "  \"source\": \"l\", \"item_fields\": [{\"id\": \"b\", \"type\": \"scale\", \"label\": \"B\"}]}]},"
                   "{\"id\": \"s2\", \"title\": \"T\", \"fields\": [{\"id\": \"l\", \"type\": \"list\", \"label\": \"L\","
                   "  \"item_fields\": [{\"id\": \"t\", \"type\": \"short-text\", \"label\": \"T\"}]}]}]}",
                   REFRAME_EXERCISE_ERROR_INVALID, "earlier step");
  assert_fields_rejected ("{\"id\": \"a\", \"type\": \"list\", \"label\": \"A\", \"sort_by\": \"t\", \"item_fields\": ["
                          "{\"id\": \"t\", \"type\": \"short-text\", \"label\": \"T\"}]}",
                          REFRAME_EXERCISE_ERROR_INVALID, "“sort_by”");
  /* Links and icons */
  assert_rejected ("{\"format\": 1, \"id\": \"x\", \"version\": 1, \"title\": \"T\", \"summary\": \"S\","
                   " \"intro\": \"I\", \"sources\": [{\"citation\": \"C\", \"url\": \"javascript:alert(1)\"}],"
                   " \"steps\": [{\"id\": \"s\", \"title\": \"T\"}]}",
                   REFRAME_EXERCISE_ERROR_INVALID, "https://");
  assert_rejected ("{\"format\": 1, \"id\": \"x\", \"version\": 1, \"title\": \"T\", \"summary\": \"S\","
                   " \"icon\": \"../../etc/passwd\", \"intro\": \"I\", \"sources\": [{\"citation\": \"C\"}],"
                   " \"steps\": [{\"id\": \"s\", \"title\": \"T\"}]}",
                   REFRAME_EXERCISE_ERROR_INVALID, "symbolic icon");
  /* Questionnaire bands must cover every score exactly once. */
  assert_rejected (MINIMAL_HEAD " \"kind\": \"questionnaire\", \"questionnaire\": {\"short_name\": \"Q\","
                   " \"stem\": \"S\", \"options\": [{\"id\": \"n\", \"label\": \"N\", \"value\": 0},"
                   " {\"id\": \"y\", \"label\": \"Y\", \"value\": 3}], \"items\": [{\"id\": \"q1\", \"text\": \"Q1\"}],"
                   " \"bands\": [{\"id\": \"lo\", \"label\": \"Lo\", \"min\": 0, \"max\": 1},"
                   " {\"id\": \"hi\", \"label\": \"Hi\", \"min\": 3, \"max\": 3}]}}",
                   REFRAME_EXERCISE_ERROR_INVALID, "without gaps");
  assert_rejected (MINIMAL_HEAD " \"kind\": \"questionnaire\", \"questionnaire\": {\"short_name\": \"Q\","
                   " \"stem\": \"S\", \"options\": [{\"id\": \"n\", \"label\": \"N\", \"value\": 0},"
                   " {\"id\": \"y\", \"label\": \"Y\", \"value\": 3}], \"items\": [{\"id\": \"q1\", \"text\": \"Q1\"}],"
                   " \"bands\": [{\"id\": \"lo\", \"label\": \"Lo\", \"min\": 0, \"max\": 2}]}}",
                   REFRAME_EXERCISE_ERROR_INVALID, "highest possible score is 3");
  assert_rejected (MINIMAL_HEAD " \"kind\": \"questionnaire\", \"questionnaire\": {\"short_name\": \"Q\","
                   " \"stem\": \"S\", \"options\": [{\"id\": \"n\", \"label\": \"N\"},"
                   " {\"id\": \"y\", \"label\": \"Y\"}], \"items\": [{\"id\": \"q1\", \"text\": \"Q1\"}],"
                   " \"bands\": [{\"id\": \"lo\", \"label\": \"Lo\", \"min\": 0, \"max\": 2}]}}",
                   REFRAME_EXERCISE_ERROR_INVALID, "needs a “value”");
  /* A bad example is a bad definition. */
  assert_rejected (MINIMAL_HEAD " \"steps\": [{\"id\": \"s\", \"title\": \"T\", \"fields\": ["
                   "{\"id\": \"a\", \"type\": \"scale\", \"label\": \"A\"}]}], \"example\": {\"a\": 12}}",
                   REFRAME_EXERCISE_ERROR_INVALID, "example.a: is out of range");
  assert_rejected (MINIMAL_HEAD " \"steps\": [{\"id\": \"s\", \"title\": \"T\", \"fields\": ["
                   "{\"id\": \"a\", \"type\": \"scale\", \"label\": \"A\"}]}], \"example\": {\"b\": 1}}",
                   REFRAME_EXERCISE_ERROR_INVALID, "no field “b”");
}

static void
test_validate_answers (void)
{
  ReframeExercise *exercise = reframe_exercise_library_lookup ("exposure-ladder");
  const char *good =
    "{\"fear\": \"Buses\", \"ladder\": [{\"_key\": \"a\", \"situation\": \"Stop\", \"distress\": 20}],"
    " \"attempts\": [{\"_key\": \"b\", \"step\": \"a\", \"when\": \"2025-01-02T10:00:00Z\", \"before\": 10}]}";
  const char *bad[] = {
    "{\"fear\": 3}",
    "{\"nope\": \"x\"}",
    "{\"ladder\": [{\"situation\": \"No key\"}]}",
    "{\"ladder\": [{\"_key\": \"a\"}, {\"_key\": \"a\"}]}",
    "{\"ladder\": [{\"_key\": \"a\", \"distress\": 101}]}",
    "{\"ladder\": [{\"_key\": \"a\", \"colour\": \"red\"}]}",
    "{\"attempts\": [{\"_key\": \"b\", \"when\": \"yesterday\"}]}",
    "{\"ladder\": {\"_key\": \"a\"}}",
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (exercise);
  g_assert_true (json_parser_load_from_data (parser, good, -1, NULL));
  g_assert_true (reframe_exercise_validate_answers (exercise,
                                                    json_node_get_object (json_parser_get_root (parser)),
                                                    &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_true (json_parser_load_from_data (parser, bad[i], -1, NULL));
      g_assert_false (reframe_exercise_validate_answers (exercise,
                                                         json_node_get_object (json_parser_get_root (parser)),
                                                         &error));
      g_assert_error (error, REFRAME_EXERCISE_ERROR, REFRAME_EXERCISE_ERROR_INVALID);
      g_test_message ("%s → %s", bad[i], error->message);
      g_clear_error (&error);
    }
}

static void
test_format_answers (void)
{
  ReframeExercise *ladder = reframe_exercise_library_lookup ("exposure-ladder");
  ReframeExercise *worry = reframe_exercise_library_lookup ("worry-time");
  ReframeExercise *breathing = reframe_exercise_library_lookup ("paced-breathing");
  JsonObject *example = reframe_exercise_get_example (ladder);
  g_autofree char *ladder_text = NULL;
  g_autofree char *attempts_text = NULL;
  g_autofree char *review_text = NULL;
  g_autofree char *breathing_text = NULL;
  g_auto(GStrv) lines = NULL;

  /* The ladder is shown from the least to the most distressing step. */
  ladder_text = reframe_exercise_format_answer (ladder, reframe_exercise_lookup_field (ladder, "ladder"),
                                                example, json_object_get_member (example, "ladder"));
  lines = g_strsplit (ladder_text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "• Stand at the bus stop for ten minutes — Expected distress: 20%");
  g_assert_true (g_str_has_prefix (lines[4], "• Ride to work at rush hour"));

  /* An attempt names its ladder step through the row key. */
  attempts_text = reframe_exercise_format_answer (ladder, reframe_exercise_lookup_field (ladder, "attempts"),
                                                  example, json_object_get_member (example, "attempts"));
  g_assert_nonnull (strstr (attempts_text, "Which step? Stand at the bus stop for ten minutes"));
  g_assert_nonnull (strstr (attempts_text, "Highest distress: 45%"));

  /* A review row is titled by the row it reviews. */
  example = reframe_exercise_get_example (worry);
  review_text = reframe_exercise_format_answer (worry, reframe_exercise_lookup_field (worry, "review"),
                                                example, json_object_get_member (example, "review"));
  g_assert_true (g_str_has_prefix (review_text,
                                   "• What if I made a mistake in the report? — Does it still bother you? A little"));

  example = reframe_exercise_get_example (breathing);
  breathing_text = reframe_exercise_format_answer (breathing,
                                                   reframe_exercise_lookup_field (breathing, "breathing"),
                                                   example, json_object_get_member (example, "breathing"));
  g_assert_cmpstr (breathing_text, ==, "18 breaths in 3 min (4 s in, 6 s out)");
}

/* The store: responses keep the id, the version and the definition they were given with. */

typedef struct
{
  char                 *dir;
  ReframeDatabase      *database;
  ReframeExerciseStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = reframe_test_make_data_dir ();
  fixture->database = reframe_database_open_default (&error);
  g_assert_no_error (error);
  fixture->store = reframe_exercise_store_new (fixture->database);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_assert_finalize_object (g_steal_pointer (&fixture->database));
  reframe_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
saved_cb (ReframeExerciseStore    *store,
          ReframeExerciseResponse *response,
          gboolean                 created,
          int                     *counts)
{
  counts[created ? 0 : 1]++;
}

static void
test_store_crud (Fixture       *fixture,
                 gconstpointer  data)
{
  ReframeExercise *exercise = reframe_exercise_library_lookup ("three-good-things");
  g_autoptr(ReframeExerciseResponse) response = reframe_exercise_response_new (exercise);
  g_autoptr(ReframeExerciseResponse) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *uuid = NULL;
  int counts[2] = { 0, 0 };

  g_signal_connect (fixture->store, "response-saved", G_CALLBACK (saved_cb), counts);

  g_assert_false (reframe_exercise_response_has_content (response));
  g_assert_true (json_parser_load_from_data (parser,
    "{\"things\": [{\"_key\": \"k1\", \"what\": \"Tea with \\\"Ann\\\"'); DROP TABLE x;--\", \"why\": \"ü\"}]}",
    -1, NULL));
  reframe_exercise_response_set_answer (response, "things",
                                        json_node_copy (json_object_get_member (json_node_get_object (json_parser_get_root (parser)),
                                                                                "things")));
  g_assert_true (reframe_exercise_response_has_content (response));
  reframe_exercise_response_set_step (response, 1);
  g_assert_true (reframe_exercise_store_save (fixture->store, response, &error));
  g_assert_no_error (error);
  g_assert_nonnull (reframe_exercise_response_get_uuid (response));
  uuid = g_strdup (reframe_exercise_response_get_uuid (response));
  g_assert_cmpint (counts[0], ==, 1);

  read = reframe_exercise_store_get (fixture->store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reframe_exercise_response_get_exercise_id (read), ==, "three-good-things");
  g_assert_cmpuint (reframe_exercise_response_get_exercise_version (read), ==, 1);
  g_assert_cmpstr (reframe_exercise_response_get_definition_json (read), ==,
                   reframe_exercise_get_source_json (exercise));
  g_assert_cmpuint (reframe_exercise_response_get_step (read), ==, 1);
  g_assert_false (reframe_exercise_response_get_completed (read));
  {
    JsonArray *things = json_node_get_array (reframe_exercise_response_get_answer (read, "things"));
    JsonObject *row = json_array_get_object_element (things, 0);

    g_assert_cmpstr (json_object_get_string_member (row, "what"), ==,
                     "Tea with \"Ann\"'); DROP TABLE x;--");
    g_assert_cmpstr (json_object_get_string_member (row, "why"), ==, "ü");
  }
  g_assert_true (reframe_exercise_validate_answers (exercise, reframe_exercise_response_get_answers (read),
                                                    &error));
  g_assert_no_error (error);

  /* Updated in place by uuid. */
  reframe_exercise_response_set_completed (response, TRUE);
  g_assert_true (reframe_exercise_store_save (fixture->store, response, &error));
  g_assert_cmpint (counts[1], ==, 1);
  g_assert_cmpuint (reframe_exercise_store_count (fixture->store, NULL), ==, 1);
  g_assert_cmpuint (reframe_exercise_store_count (fixture->store, "three-good-things"), ==, 1);
  g_assert_cmpuint (reframe_exercise_store_count (fixture->store, "worry-time"), ==, 0);
  list = reframe_exercise_store_list (fixture->store, "three-good-things", 0, 10, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (reframe_exercise_response_get_completed (g_ptr_array_index (list, 0)));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = reframe_exercise_store_list (fixture->store, "phq-9", 0, 10, &error);
  g_assert_cmpuint (list->len, ==, 0);

  g_assert_true (reframe_exercise_store_delete (fixture->store, uuid, &error));
  g_assert_no_error (error);
  g_assert_null (reframe_exercise_store_get (fixture->store, uuid, &error));
  g_assert_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (reframe_exercise_store_delete (fixture->store, uuid, &error));
  g_assert_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND);
}

static void
test_store_constraints (Fixture       *fixture,
                        gconstpointer  data)
{
  sqlite3 *db = reframe_database_get_handle (fixture->database);
  const char *bad[] = {
    /* answers not JSON, not an object; an id with capitals; version 0; a REAL where INTEGER */
    "INSERT INTO exercise_response (uuid, exercise_id, exercise_version, definition, answers,"
    " created_at, created_offset, updated_at, updated_offset) VALUES ('u1', 'x', 1, '{}', '{', 0, 0, 0, 0)",
    "INSERT INTO exercise_response (uuid, exercise_id, exercise_version, definition, answers,"
    " created_at, created_offset, updated_at, updated_offset) VALUES ('u2', 'x', 1, '{}', '[]', 0, 0, 0, 0)",
    "INSERT INTO exercise_response (uuid, exercise_id, exercise_version, definition, answers,"
    " created_at, created_offset, updated_at, updated_offset) VALUES ('u3', 'X y', 1, '{}', '{}', 0, 0, 0, 0)",
    "INSERT INTO exercise_response (uuid, exercise_id, exercise_version, definition, answers,"
    " created_at, created_offset, updated_at, updated_offset) VALUES ('u4', 'x', 0, '{}', '{}', 0, 0, 0, 0)",
    "INSERT INTO exercise_response (uuid, exercise_id, exercise_version, definition, answers,"
    " created_at, created_offset, updated_at, updated_offset) VALUES ('u5', 'x', 1, 'nope', '{}', 0, 0, 0, 0)",
    "INSERT INTO exercise_response (uuid, exercise_id, exercise_version, definition, answers,"
    " created_at, created_offset, updated_at, updated_offset) VALUES ('u6', 'x', 1.5, '{}', '{}', 0, 0, 0, 0)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_cmpint (sqlite3_exec (db, bad[i], NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO exercise_response (uuid, exercise_id, exercise_version, definition, answers,"
    " created_at, created_offset, updated_at, updated_offset) VALUES ('ok', 'x', 1, '{}', '{}', 0, 0, 0, 0)",
    NULL, NULL, NULL), ==, SQLITE_OK);
}

/* A response to an older version of a definition is shown with that version. */
static void
test_store_old_version (Fixture       *fixture,
                        gconstpointer  data)
{
  /* Version 7 of the same id, from a made-up past: one step, a field that no longer exists. */
  const char *v7 =
    "{\"format\": 1, \"id\": \"three-good-things\", \"version\": 7, \"title\": \"Good Things (old)\","
    " \"summary\": \"S\", \"intro\": \"I\", \"sources\": [{\"citation\": \"C\"}],"
    " \"steps\": [{\"id\": \"s\", \"title\": \"T\", \"fields\": [{\"id\": \"best\", \"type\": \"short-text\","
    " \"label\": \"The best thing\"}]}]}";
  g_autoptr(ReframeExercise) old = NULL;
  g_autoptr(ReframeExercise) resolved = NULL;
  g_autoptr(ReframeExercise) current = NULL;
  g_autoptr(ReframeExerciseResponse) response = NULL;
  g_autoptr(ReframeExerciseResponse) read = NULL;
  g_autoptr(GError) error = NULL;

  old = parse (v7, &error);
  g_assert_no_error (error);

  response = reframe_exercise_response_new (old);
  reframe_exercise_response_set_answer (response, "best", json_node_init_string (json_node_alloc (), "Sunshine"));
  g_assert_true (reframe_exercise_store_save (fixture->store, response, &error));
  g_assert_no_error (error);

  read = reframe_exercise_store_get (fixture->store, reframe_exercise_response_get_uuid (response), &error);
  g_assert_cmpuint (reframe_exercise_response_get_exercise_version (read), ==, 7);
  resolved = reframe_exercise_library_resolve (read, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reframe_exercise_get_title (resolved), ==, "Good Things (old)");
  g_assert_nonnull (reframe_exercise_lookup_field (resolved, "best"));
  g_assert_true (reframe_exercise_validate_answers (resolved, reframe_exercise_response_get_answers (read),
                                                    &error));

  /* A response to the current version gets the built-in itself. */
  g_clear_object (&response);
  response = reframe_exercise_response_new (reframe_exercise_library_lookup ("three-good-things"));
  current = reframe_exercise_library_resolve (response, &error);
  g_assert_true (current == reframe_exercise_library_lookup ("three-good-things"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/exercise/builtins-valid", test_builtins_valid);
  g_test_add_func ("/reframe/exercise/every-field-type", test_every_field_type);
  g_test_add_func ("/reframe/exercise/reject-unknown-type", test_reject_unknown_type);
  g_test_add_func ("/reframe/exercise/reject-missing", test_reject_missing);
  g_test_add_func ("/reframe/exercise/reject-huge", test_reject_huge);
  g_test_add_func ("/reframe/exercise/reject-deep", test_reject_deep);
  g_test_add_func ("/reframe/exercise/reject-bad-utf8", test_reject_bad_utf8);
  g_test_add_func ("/reframe/exercise/control-characters-stripped", test_control_characters_stripped);
  g_test_add_func ("/reframe/exercise/reject-untrusted-numbers", test_reject_untrusted_numbers);
  g_test_add_func ("/reframe/exercise/reject-structure", test_reject_structure);
  g_test_add_func ("/reframe/exercise/validate-answers", test_validate_answers);
  g_test_add_func ("/reframe/exercise/format-answers", test_format_answers);
  g_test_add ("/reframe/exercise/store-crud", Fixture, NULL,
              fixture_set_up, test_store_crud, fixture_tear_down);
  g_test_add ("/reframe/exercise/store-constraints", Fixture, NULL,
              fixture_set_up, test_store_constraints, fixture_tear_down);
  g_test_add ("/reframe/exercise/store-old-version", Fixture, NULL,
              fixture_set_up, test_store_old_version, fixture_tear_down);

  return g_test_run ();
}
