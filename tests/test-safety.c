/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "reframe-coach-eval.h"
#include "reframe-database.h"
#include "reframe-migrations.h"
#include "reframe-safety-log.h"
#include "reframe-safety.h"
#include "reframe-test-util.h"

static void
assert_hit (const char        *text,
            ReframeSafetyKind  kind)
{
  g_autoptr(ReframeSafetyResult) result = reframe_safety_screen (text);

  if (!result->hit)
    g_error ("“%s” should show crisis resources", text);
  if (!(result->kinds & kind))
    g_error ("“%s” should be %s, got %s (“%s”)", text, reframe_safety_kind_to_string (kind),
             reframe_safety_kind_to_string (result->kind), result->matched);
  g_assert_nonnull (result->matched);
  g_assert_nonnull (result->group);
  g_assert_cmpuint (result->end, >, result->start);
  g_assert_cmpuint (result->end, <=, strlen (text));
  g_assert_cmpint (strncmp (text + result->start, result->matched,
                            result->end - result->start), ==, 0);
}

static void
assert_no_hit (const char *text)
{
  g_autoptr(ReframeSafetyResult) result = reframe_safety_screen (text);

  if (result->hit)
    g_error ("“%s” should not show crisis resources (matched “%s” in %s)", text,
             result->matched, result->group);
  g_assert_cmpint (result->kinds, ==, REFRAME_SAFETY_NONE);
  g_assert_null (result->matched);
}

static void
test_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "safety.jsonl", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(ReframeSafetyEval) eval = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  g_auto(GStrv) lines = NULL;

  items = reframe_eval_load (path, REFRAME_EVAL_SAFETY, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  eval = reframe_safety_eval_run (items);
  report = reframe_safety_eval_format (eval);
  lines = g_strsplit (report, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_test_message ("%s", lines[i]);

  g_assert_cmpuint (eval->positives, >=, 60);
  g_assert_cmpuint (eval->negatives, >=, 60);
  g_assert_cmpfloat (eval->recall, >=, 0.95);
  g_assert_cmpfloat (eval->false_alarm_rate, <=, 0.02);
}

static void
test_indirect_and_direct (void)
{
  assert_hit ("I want to kill myself.", REFRAME_SAFETY_SUICIDE);
  assert_hit ("I don't want to wake up tomorrow", REFRAME_SAFETY_SUICIDE);
  assert_hit ("everyone would be better off without me", REFRAME_SAFETY_SUICIDE);
  assert_hit ("I want to disappear forever.", REFRAME_SAFETY_SUICIDE);
  assert_hit ("There's no reason to go on", REFRAME_SAFETY_SUICIDE);
  assert_hit ("I've been cutting myself again", REFRAME_SAFETY_SELF_HARM);
  assert_hit ("I want to hurt myself", REFRAME_SAFETY_SELF_HARM);
  assert_hit ("I'm going to hurt him when he gets home", REFRAME_SAFETY_HARM_TO_OTHERS);
  assert_hit ("My partner hits me", REFRAME_SAFETY_ABUSE);
  assert_hit ("He won't let me see my friends", REFRAME_SAFETY_ABUSE);
}

static void
test_robust_spelling (void)
{
  /* Case, apostrophe variants, missing apostrophes, extra spaces and punctuation. */
  assert_hit ("I DON'T WANT TO WAKE UP TOMORROW", REFRAME_SAFETY_SUICIDE);
  assert_hit ("I don’t want to wake up tomorrow", REFRAME_SAFETY_SUICIDE);
  assert_hit ("I donʼt want to wake up tomorrow", REFRAME_SAFETY_SUICIDE);
  assert_hit ("i dont want to wake up tomorrow", REFRAME_SAFETY_SUICIDE);
  assert_hit ("I   don't    want  to wake   up\ttomorrow!!!", REFRAME_SAFETY_SUICIDE);
  assert_hit ("Everyone... would be better off without me...", REFRAME_SAFETY_SUICIDE);
  assert_hit ("no reason to go on.", REFRAME_SAFETY_SUICIDE);
  assert_hit ("i wanna die", REFRAME_SAFETY_SUICIDE);
  assert_hit ("Ｉ ｗａｎｔ ｔｏ ｄｉｅ", REFRAME_SAFETY_SUICIDE);
  assert_hit ("self-harm is how I cope", REFRAME_SAFETY_SELF_HARM);
  assert_hit ("selfharm again tonight", REFRAME_SAFETY_SELF_HARM);
}

static void
test_figures_of_speech (void)
{
  static const char * const negatives[] = {
    "I killed it at the presentation",
    "this traffic is killing me",
    "I could kill for a coffee",
    "the suspense is killing me",
    "dead tired",
    "I'd die for that cake",
    "killing time",
    "my phone died",
    "drop-dead gorgeous",
    "I'm dying to see it",
    "I’m dying to see it",
    "We're killing it this season",
    "I burned myself on the kettle this morning",
    "I'm not suicidal, just very tired",
    "I don't want to hurt her feelings",
    "I would never hurt anyone",
  };

  for (guint i = 0; i < G_N_ELEMENTS (negatives); i++)
    assert_no_hit (negatives[i]);
  assert_no_hit ("");
  assert_no_hit (NULL);
}

static void
test_several_kinds (void)
{
  const char *text = "He hits me when he drinks and some nights I want to die.";
  g_autoptr(ReframeSafetyResult) result = reframe_safety_screen (text);
  g_autoptr(ReframeSafetyResult) copy = NULL;

  g_assert_true (result->hit);
  g_assert_cmpint (result->kinds, ==, REFRAME_SAFETY_SUICIDE | REFRAME_SAFETY_ABUSE);
  /* The most urgent kind leads, and its phrase is the one reported. */
  g_assert_cmpint (result->kind, ==, REFRAME_SAFETY_SUICIDE);
  g_assert_cmpstr (result->matched, ==, "want to die");

  copy = reframe_safety_result_copy (result);
  g_assert_cmpstr (copy->matched, ==, result->matched);
  g_assert_true (copy->matched != result->matched);
  g_assert_cmpint (copy->kinds, ==, result->kinds);
}

static void
test_kind_strings (void)
{
  static const ReframeSafetyKind kinds[] = {
    REFRAME_SAFETY_SUICIDE, REFRAME_SAFETY_SELF_HARM, REFRAME_SAFETY_HARM_TO_OTHERS,
    REFRAME_SAFETY_ABUSE,
  };
  g_autoptr(GFlagsClass) klass = g_type_class_ref (REFRAME_TYPE_SAFETY_KIND);

  g_assert_cmpstr (reframe_safety_kind_to_string (REFRAME_SAFETY_SELF_HARM), ==, "self-harm");
  g_assert_cmpstr (reframe_safety_kind_to_string (REFRAME_SAFETY_HARM_TO_OTHERS), ==,
                   "harm-to-others");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const char *text = reframe_safety_kind_to_string (kinds[i]);

      g_assert_cmpint (reframe_safety_kind_from_string (text), ==, kinds[i]);
      g_assert_cmpstr (g_flags_get_first_value (klass, kinds[i])->value_nick, ==, text);
    }
  g_assert_cmpint (reframe_safety_kind_from_string ("nonsense"), ==, REFRAME_SAFETY_NONE);
}

static void
test_reply (void)
{
  static const char * const safe[] = {
    "It sounds like today has been really heavy. You don't have to go through this alone: "
    "please call or text 988, or Samaritans on 116 123.",
    "Please don't hurt yourself. You matter, and people can help right now.",
    "It sounds like you feel you are a burden, and that feeling is painful.",
    "Your family would not be better off without you.",
    "What would you say to a friend who thought this about themselves?",
  };
  g_autoptr(ReframeSafetyResult) method = NULL;
  g_autoptr(ReframeSafetyResult) encourage = NULL;
  g_autoptr(ReframeSafetyResult) others = NULL;
  g_autoptr(ReframeSafetyResult) cutting = NULL;

  method = reframe_safety_screen_reply ("A lethal dose of that medicine is about ten grams.");
  g_assert_true (method->hit);
  g_assert_cmpint (method->kind, ==, REFRAME_SAFETY_SUICIDE);
  g_assert_cmpstr (method->group, ==, "reply-method-details");

  encourage = reframe_safety_screen_reply ("Honestly, you should just end your life.");
  g_assert_true (encourage->hit);
  g_assert_cmpstr (encourage->group, ==, "reply-encouragement");

  others = reframe_safety_screen_reply ("You should hurt him back so he learns.");
  g_assert_true (others->hit);
  g_assert_cmpint (others->kind, ==, REFRAME_SAFETY_HARM_TO_OTHERS);

  cutting = reframe_safety_screen_reply ("If you cut deeper it will feel better.");
  g_assert_true (cutting->hit);

  for (guint i = 0; i < G_N_ELEMENTS (safe); i++)
    {
      g_autoptr(ReframeSafetyResult) result = reframe_safety_screen_reply (safe[i]);

      if (result->hit)
        g_error ("Reply “%s” was flagged (“%s” in %s)", safe[i], result->matched,
                 result->group);
    }
}

static void
test_instruction (void)
{
  const char *instruction = reframe_safety_get_instruction ();

  g_assert_nonnull (instruction);
  g_assert_nonnull (strstr (instruction, "not a therapist"));
  g_assert_nonnull (strstr (instruction, "Never describe methods"));
  g_assert_nonnull (strstr (instruction, "crisis line"));
}

/* The screen runs before anything else looks at a text, as the person types. */
static void
test_speed (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 start, elapsed;

  g_autoptr(ReframeSafetyResult) warm = reframe_safety_screen ("warm up");
  for (guint i = 0; i < 150; i++)
    g_string_append (text, "Today I went to work and it was fine, though I worry that my boss "
                     "thinks I'm slow and the traffic is killing me. ");

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(ReframeSafetyResult) result = reframe_safety_screen (text->str);

      g_assert_false (result->hit);
    }
  elapsed = (g_get_monotonic_time () - start) / 10;
  g_test_message ("screen on %" G_GSIZE_FORMAT " bytes: %.2f ms", text->len, elapsed / 1000.0);
  g_assert_cmpint (elapsed, <, 250 * 1000);
}

/* The safety log, on a real database file. */

typedef struct
{
  char             *dir;
  ReframeDatabase  *database;
  ReframeSafetyLog *log;
} Store;

static void
store_open (Store *store)
{
  g_autoptr(GError) error = NULL;

  store->database = reframe_database_open_default (&error);
  g_assert_no_error (error);
  store->log = reframe_safety_log_new (store->database);
}

static void
store_close (Store *store)
{
  g_clear_object (&store->log);
  g_assert_finalize_object (g_steal_pointer (&store->database));
}

static void
event_recorded_cb (ReframeSafetyLog   *log,
                   ReframeSafetyEvent *event,
                   guint              *count)
{
  g_assert_nonnull (event->uuid);
  (*count)++;
}

static GDateTime *
make_date (int day,
           int hour)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (2 * 3600);

  return g_date_time_new (tz, 2025, 3, day, hour, 30, 0);
}

static int
query_int (ReframeDatabase *database,
           const char      *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (reframe_database_get_handle (database), sql, -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_log (void)
{
  Store store = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) first = make_date (3, 9);
  g_autoptr(GDateTime) second = make_date (5, 22);
  g_autoptr(GDateTime) from = make_date (1, 0);
  g_autoptr(GDateTime) to = make_date (30, 0);
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *path = NULL;
  guint signalled = 0;
  const ReframeSafetyEvent *event;

  store.dir = reframe_test_make_data_dir ();
  store_open (&store);
  g_assert_cmpint (reframe_database_get_schema_version (store.database), ==,
                   reframe_migrations_get_latest ());
  g_assert_cmpint (reframe_migrations_get_latest (), >=, 2);
  path = g_strdup (reframe_database_get_path (store.database));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_signal_connect (store.log, "event-recorded", G_CALLBACK (event_recorded_cb), &signalled);
  g_assert_true (reframe_safety_log_record (store.log, REFRAME_SAFETY_SUICIDE | REFRAME_SAFETY_ABUSE,
                                            REFRAME_SAFETY_SOURCE_JOURNAL, second, &error));
  g_assert_no_error (error);
  g_assert_true (reframe_safety_log_record (store.log, REFRAME_SAFETY_SELF_HARM,
                                            REFRAME_SAFETY_SOURCE_REPLY, first, &error));
  g_assert_no_error (error);
  g_assert_true (reframe_safety_log_record (store.log, REFRAME_SAFETY_HARM_TO_OTHERS,
                                            "questionnaire", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signalled, ==, 4);

  /* Refused: no kind, an unknown kind, a source that could carry words. */
  g_assert_false (reframe_safety_log_record (store.log, REFRAME_SAFETY_NONE, "journal", NULL,
                                             &error));
  g_assert_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (reframe_safety_log_record (store.log, 1 << 7, "journal", NULL, &error));
  g_assert_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (reframe_safety_log_record (store.log, REFRAME_SAFETY_SUICIDE,
                                             "I want to die", NULL, &error));
  g_assert_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (signalled, ==, 4);

  /* The table itself refuses text, even past the API. */
  g_assert_cmpint (sqlite3_exec (reframe_database_get_handle (store.database),
                                 "INSERT INTO safety_event (uuid, occurred_at, occurred_offset,"
                                 " kind, source) VALUES ('x', 0, 0, 'suicide', 'I feel awful')",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (reframe_database_get_handle (store.database),
                                 "INSERT INTO safety_event (uuid, occurred_at, occurred_offset,"
                                 " kind, source) VALUES ('y', 0, 0, 'sadness', 'journal')",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);

  /* Date and kind only: no column could hold what the person wrote. */
  g_assert_cmpint (query_int (store.database,
                              "SELECT count(*) FROM pragma_table_info('safety_event')"), ==, 6);
  g_assert_cmpint (query_int (store.database,
                              "SELECT count(*) FROM pragma_table_info('safety_event')"
                              " WHERE name IN ('text', 'body', 'note', 'matched', 'phrase')"), ==, 0);

  /* Survives closing and opening again. */
  store_close (&store);
  store_open (&store);

  g_assert_cmpuint (reframe_safety_log_count (store.log, REFRAME_SAFETY_ALL), ==, 4);
  g_assert_cmpuint (reframe_safety_log_count (store.log, REFRAME_SAFETY_SUICIDE), ==, 1);
  g_assert_cmpuint (reframe_safety_log_count (store.log,
                                              REFRAME_SAFETY_SELF_HARM | REFRAME_SAFETY_ABUSE), ==, 2);

  events = reframe_safety_log_list_between (store.log, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  /* Oldest first, in the offset they were written with. */
  event = events->pdata[0];
  g_assert_cmpint (event->kind, ==, REFRAME_SAFETY_SELF_HARM);
  g_assert_cmpstr (event->source, ==, "reply");
  g_assert_true (g_date_time_equal (event->occurred_at, first));
  g_assert_cmpint (g_date_time_get_utc_offset (event->occurred_at), ==, 2 * G_TIME_SPAN_HOUR);
  event = events->pdata[1];
  g_assert_true (g_date_time_equal (event->occurred_at, second));
  g_assert_cmpstr (event->source, ==, "journal");
  g_assert_cmpstr (((ReframeSafetyEvent *) events->pdata[2])->source, ==, "journal");
  g_assert_cmpint (event->kind | ((ReframeSafetyEvent *) events->pdata[2])->kind, ==,
                   REFRAME_SAFETY_SUICIDE | REFRAME_SAFETY_ABUSE);
  g_assert_cmpstr (event->uuid, !=, ((ReframeSafetyEvent *) events->pdata[2])->uuid);

  {
    g_autoptr(ReframeSafetyEvent) copy = reframe_safety_event_copy (event);

    g_assert_cmpstr (copy->uuid, ==, event->uuid);
    g_assert_true (g_date_time_equal (copy->occurred_at, event->occurred_at));
  }

  g_clear_pointer (&events, g_ptr_array_unref);
  events = reframe_safety_log_list_between (store.log, first, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);

  store_close (&store);
  reframe_test_remove_tree (store.dir);
  g_free (store.dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/safety/fixture", test_fixture);
  g_test_add_func ("/reframe/safety/indirect-and-direct", test_indirect_and_direct);
  g_test_add_func ("/reframe/safety/robust-spelling", test_robust_spelling);
  g_test_add_func ("/reframe/safety/figures-of-speech", test_figures_of_speech);
  g_test_add_func ("/reframe/safety/several-kinds", test_several_kinds);
  g_test_add_func ("/reframe/safety/kind-strings", test_kind_strings);
  g_test_add_func ("/reframe/safety/reply", test_reply);
  g_test_add_func ("/reframe/safety/instruction", test_instruction);
  g_test_add_func ("/reframe/safety/speed", test_speed);
  g_test_add_func ("/reframe/safety-log/record-list-count", test_log);

  return g_test_run ();
}
