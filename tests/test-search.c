/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "reframe-database.h"
#include "reframe-journal-store.h"
#include "reframe-search.h"
#include "reframe-thought-record-store.h"
#include "reframe-test-util.h"

/* Asserts that @call succeeded, showing the local `error` when it did not. */
#define assert_ok(call) \
  G_STMT_START { \
    gboolean assert_ok_result = (call); \
    g_assert_no_error (error); \
    g_assert_true (assert_ok_result); \
  } G_STMT_END

/* A real database in a fresh folder, its stores, and a search over it. */
typedef struct
{
  char                      *dir;
  ReframeDatabase           *database;
  ReframeJournalStore       *journal;
  ReframeThoughtRecordStore *records;
  ReframeSearch             *search;
} Fixture;

static Fixture *
fixture_new (void)
{
  Fixture *fixture = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;

  fixture->dir = reframe_test_make_data_dir ();
  fixture->database = reframe_database_open_default (&error);
  g_assert_no_error (error);
  fixture->journal = reframe_journal_store_new (fixture->database);
  fixture->records = reframe_thought_record_store_new (fixture->database);
  fixture->search = reframe_search_new (fixture->database);

  return fixture;
}

static void
fixture_free (Fixture *fixture)
{
  g_clear_object (&fixture->journal);
  g_clear_object (&fixture->records);
  g_assert_finalize_object (g_steal_pointer (&fixture->search));
  g_assert_finalize_object (g_steal_pointer (&fixture->database));
  reframe_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static GDateTime *
utc_date (int year,
          int month,
          int day)
{
  return g_date_time_new_utc (year, month, day, 12, 0, 0);
}

static char *
add_entry (Fixture            *fixture,
           const char         *title,
           const char         *body,
           const char * const *tags,
           GDateTime          *date)
{
  g_autoptr(ReframeEntry) entry = reframe_entry_new ();
  g_autoptr(GError) error = NULL;

  reframe_entry_set_title (entry, title);
  reframe_entry_set_body (entry, body);
  reframe_entry_set_tags (entry, tags);
  reframe_entry_set_date (entry, date);
  assert_ok (reframe_journal_store_save (fixture->journal, entry, &error));

  return g_strdup (reframe_entry_get_uuid (entry));
}

static GPtrArray *
run (Fixture    *fixture,
     const char *text)
{
  ReframeSearchQuery query = { .text = text };
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  results = reframe_search_run_sync (fixture->search, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);

  return results;
}

static gboolean
results_contain (GPtrArray  *results,
                 const char *uuid)
{
  for (guint i = 0; i < results->len; i++)
    if (g_strcmp0 (reframe_search_result_get_uuid (g_ptr_array_index (results, i)), uuid) == 0)
      return TRUE;
  return FALSE;
}

/* Asserts that searching @text finds exactly the entries or records with these UUIDs. */
static void
assert_finds (Fixture    *fixture,
              const char *text,
              const char *first_uuid,
              ...)
{
  g_autoptr(GPtrArray) results = run (fixture, text);
  va_list args;
  guint n = 0;

  va_start (args, first_uuid);
  for (const char *uuid = first_uuid; uuid != NULL; uuid = va_arg (args, const char *))
    {
      if (!results_contain (results, uuid))
        g_error ("Searching “%s” did not find %s", text, uuid);
      n++;
    }
  va_end (args);

  if (results->len != n)
    g_error ("Searching “%s” found %u results, expected %u", text, results->len, n);
}

static void
assert_finds_nothing (Fixture    *fixture,
                      const char *text)
{
  g_autoptr(GPtrArray) results = run (fixture, text);

  if (results->len != 0)
    g_error ("Searching “%s” found %u results, expected none (first: %s)", text, results->len,
             reframe_search_result_get_snippet (g_ptr_array_index (results, 0)));
}

/* Non-ASCII text ---------------------------------------------------------------------------- */

static void
test_chinese (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autofree char *happy = add_entry (fixture, NULL, "我今天很开心", NULL, NULL);
  g_autofree char *sad = add_entry (fixture, NULL, "昨天我不太高兴。", NULL, NULL);
  g_autofree char *japanese = add_entry (fixture, NULL, "今日は本当に楽しかった。ありがとう！",
                                         NULL, NULL);
  g_autofree char *mixed = add_entry (fixture, "Trip", "Went to 北京 with Li, ate 饺子.", NULL,
                                      NULL);

  assert_finds (fixture, "开心", happy, NULL);
  assert_finds (fixture, "今天", happy, NULL);
  assert_finds (fixture, "我今天很开心", happy, NULL);
  assert_finds (fixture, "很开", happy, NULL);
  assert_finds (fixture, "开", happy, NULL);
  assert_finds (fixture, "高兴", sad, NULL);
  assert_finds (fixture, "我", happy, sad, NULL);
  /* The characters must be next to each other and in order. */
  assert_finds_nothing (fixture, "心开");
  assert_finds_nothing (fixture, "今高");
  /* Japanese kana and kanji. */
  assert_finds (fixture, "楽しかった", japanese, NULL);
  assert_finds (fixture, "ありがとう", japanese, NULL);
  assert_finds (fixture, "今日", japanese, NULL);
  /* Chinese inside English. */
  assert_finds (fixture, "北京", mixed, NULL);
  assert_finds (fixture, "饺子", mixed, NULL);
  assert_finds (fixture, "li 北京", mixed, NULL);

  /* The snippet marks the match. */
  {
    g_autoptr(GPtrArray) results = run (fixture, "开心");
    const char *snippet = reframe_search_result_get_snippet (g_ptr_array_index (results, 0));

    g_assert_nonnull (strstr (snippet, REFRAME_SEARCH_MATCH_START "开"));
    g_assert_nonnull (strstr (snippet, "心" REFRAME_SEARCH_MATCH_END));
    g_assert_true (g_utf8_validate (snippet, -1, NULL));
  }
}

static void
test_accents (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autofree char *mueller = add_entry (fixture, NULL,
                                        "Lunch with Frau Müller, then Ärger im Büro.", NULL, NULL);
  g_autofree char *french = add_entry (fixture, NULL,
                                       "Un café crème à Noël avec l'élève du garçon naïf.",
                                       NULL, NULL);
  g_autofree char *plain = add_entry (fixture, NULL, "Cafe and muller are plain words here.",
                                      NULL, NULL);
  /* The same words, decomposed (NFD), as some systems and pasted text have them. */
  g_autofree char *decomposed = add_entry (fixture, NULL, "Ein Spaziergang nach Zu\xcc\x88rich.",
                                           NULL, NULL);

  assert_finds (fixture, "Müller", mueller, plain, NULL);
  assert_finds (fixture, "muller", mueller, plain, NULL);
  assert_finds (fixture, "MÜLLER", mueller, plain, NULL);
  assert_finds (fixture, "mül", mueller, plain, NULL);
  assert_finds (fixture, "ärger", mueller, NULL);
  assert_finds (fixture, "ARGER", mueller, NULL);
  assert_finds (fixture, "büro", mueller, NULL);
  assert_finds (fixture, "buro", mueller, NULL);

  assert_finds (fixture, "café", french, plain, NULL);
  assert_finds (fixture, "CAFÉ", french, plain, NULL);
  assert_finds (fixture, "creme", french, NULL);
  assert_finds (fixture, "Noël", french, NULL);
  assert_finds (fixture, "noel", french, NULL);
  assert_finds (fixture, "eleve", french, NULL);
  assert_finds (fixture, "élève", french, NULL);
  assert_finds (fixture, "garcon", french, NULL);
  assert_finds (fixture, "naif", french, NULL);

  assert_finds (fixture, "Zürich", decomposed, NULL);
  assert_finds (fixture, "zurich", decomposed, NULL);

  /* The snippet shows the text as written, with the match marked. */
  {
    g_autoptr(GPtrArray) results = run (fixture, "noel");
    const char *snippet = reframe_search_result_get_snippet (g_ptr_array_index (results, 0));

    g_assert_nonnull (strstr (snippet,
                              REFRAME_SEARCH_MATCH_START "Noël" REFRAME_SEARCH_MATCH_END));
  }
}

/* Matching and ranking ---------------------------------------------------------------------- */

static void
test_prefix (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autofree char *happy = add_entry (fixture, NULL, "I felt happy after the walk.", NULL, NULL);
  g_autofree char *happiness = add_entry (fixture, NULL, "Thinking about happiness.", NULL, NULL);
  g_autofree char *hap = add_entry (fixture, NULL, "What will happen next?", NULL, NULL);

  /* Typing "happy" one key at a time. */
  assert_finds (fixture, "h", happy, happiness, hap, NULL);
  assert_finds (fixture, "ha", happy, happiness, hap, NULL);
  assert_finds (fixture, "hap", happy, happiness, hap, NULL);
  assert_finds (fixture, "happ", happy, happiness, hap, NULL);
  assert_finds (fixture, "happi", happiness, NULL);
  assert_finds (fixture, "happy", happy, NULL);
  assert_finds_nothing (fixture, "happyx");

  /* Only the last word is a prefix; earlier words are whole words. */
  assert_finds (fixture, "felt hap", happy, NULL);
  assert_finds_nothing (fixture, "fel happy");
  /* Trailing space: the word is complete, still a prefix match is harmless. */
  assert_finds (fixture, "walk ", happy, NULL);
  /* Words need not be next to each other. */
  assert_finds (fixture, "walk felt", happy, NULL);
}

static void
test_ranking (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autofree char *in_body = add_entry (fixture, "Tuesday",
                                        "Worked late, then an hour in the garden before dinner, "
                                        "talked to my sister on the phone.", NULL, NULL);
  g_autofree char *in_title = add_entry (fixture, "Garden",
                                         "Worked late, then an hour outside before dinner, "
                                         "talked to my sister on the phone.", NULL, NULL);
  g_autofree char *unrelated = add_entry (fixture, "Wednesday", "Nothing about plants.", NULL,
                                          NULL);
  g_autoptr(GPtrArray) results = run (fixture, "garden");
  ReframeSearchResult *first;
  ReframeSearchResult *second;

  g_assert_cmpuint (results->len, ==, 2);
  g_assert_false (results_contain (results, unrelated));
  first = g_ptr_array_index (results, 0);
  second = g_ptr_array_index (results, 1);
  g_assert_cmpstr (reframe_search_result_get_uuid (first), ==, in_title);
  g_assert_cmpstr (reframe_search_result_get_uuid (second), ==, in_body);
  /* bm25: lower is better, and the order follows it. */
  g_assert_cmpfloat (reframe_search_result_get_rank (first), <=,
                     reframe_search_result_get_rank (second));
  g_assert_cmpstr (reframe_search_result_get_title (first), ==, "Garden");
  g_assert_cmpint (reframe_search_result_get_kind (first), ==, REFRAME_SEARCH_KIND_JOURNAL);

  /* An entry about the word many times ranks above one that mentions it once. */
  {
    g_autofree char *often = add_entry (fixture, "Plants",
                                        "Fern, fern, fern: the fern needs water, the fern is "
                                        "brown.", NULL, NULL);
    g_autofree char *once = add_entry (fixture, "Plants too",
                                       "A fern and a cactus and a lily and a rose and a tulip.",
                                       NULL, NULL);
    g_autoptr(GPtrArray) ferns = run (fixture, "fern");

    g_assert_cmpuint (ferns->len, ==, 2);
    g_assert_cmpstr (reframe_search_result_get_uuid (g_ptr_array_index (ferns, 0)), ==, often);
    g_assert_cmpstr (reframe_search_result_get_uuid (g_ptr_array_index (ferns, 1)), ==, once);
  }
}

static void
test_snippet (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GDateTime) date = utc_date (2024, 5, 17);
  const char *tags[] = { "walks", NULL };
  g_autofree char *uuid = NULL;
  ReframeSearchResult *result;
  const char *snippet;
  const char *start;

  for (guint i = 0; i < 60; i++)
    g_string_append (body, "Ordinary words fill this long paragraph. ");
  g_string_append (body, "Then the quick brown fox jumped over the fence. ");
  for (guint i = 0; i < 60; i++)
    g_string_append (body, "More ordinary words after it. ");

  uuid = add_entry (fixture, "Fox", body->str, tags, date);

  results = run (fixture, "fox");
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  snippet = reframe_search_result_get_snippet (result);
  g_assert_nonnull (strstr (snippet, REFRAME_SEARCH_MATCH_START "fox" REFRAME_SEARCH_MATCH_END));
  /* A snippet, not the body. */
  g_assert_cmpuint (strlen (snippet), <, 400);
  g_assert_true (g_utf8_validate (snippet, -1, NULL));
  g_assert_cmpstr (reframe_search_result_get_uuid (result), ==, uuid);
  g_assert_cmpstr (reframe_search_result_get_title (result), ==, "Fox");
  g_assert_cmpint (g_date_time_to_unix (reframe_search_result_get_date (result)), ==,
                   g_date_time_to_unix (date));
  g_assert_cmpstrv (reframe_search_result_get_tags (result), tags);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* A prefix marks the whole word. */
  results = run (fixture, "jum");
  snippet = reframe_search_result_get_snippet (g_ptr_array_index (results, 0));
  g_assert_nonnull (strstr (snippet,
                            REFRAME_SEARCH_MATCH_START "jumped" REFRAME_SEARCH_MATCH_END));
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Every word is marked; markers are balanced. */
  results = run (fixture, "quick fence");
  snippet = reframe_search_result_get_snippet (g_ptr_array_index (results, 0));
  g_assert_nonnull (strstr (snippet, REFRAME_SEARCH_MATCH_START "quick" REFRAME_SEARCH_MATCH_END));
  g_assert_nonnull (strstr (snippet, REFRAME_SEARCH_MATCH_START "fence" REFRAME_SEARCH_MATCH_END));
  {
    guint starts = 0, ends = 0;

    for (const char *p = snippet; *p; p++)
      {
        starts += *p == REFRAME_SEARCH_MATCH_START[0];
        ends += *p == REFRAME_SEARCH_MATCH_END[0];
      }
    g_assert_cmpuint (starts, ==, 2);
    g_assert_cmpuint (ends, ==, 2);
  }
  start = strstr (snippet, REFRAME_SEARCH_MATCH_START);
  g_assert_true (start < strstr (snippet, REFRAME_SEARCH_MATCH_END));
  g_clear_pointer (&results, g_ptr_array_unref);

  /* A match far into a long body (past what is looked at first) is still found and marked. */
  {
    g_autoptr(GString) long_body = g_string_new (NULL);
    g_autofree char *far = NULL;

    while (long_body->len < 200 * 1024)
      g_string_append (long_body, "Nothing much happened on this line of the day. ");
    g_string_append (long_body, "At the very end an otter appeared.");
    far = add_entry (fixture, "Long", long_body->str, NULL, date);

    results = run (fixture, "otter");
    g_assert_cmpuint (results->len, ==, 1);
    snippet = reframe_search_result_get_snippet (g_ptr_array_index (results, 0));
    g_assert_nonnull (strstr (snippet, REFRAME_SEARCH_MATCH_START "otter" REFRAME_SEARCH_MATCH_END));
    g_assert_true (g_str_has_prefix (snippet, "…"));
    g_clear_pointer (&results, g_ptr_array_unref);
  }

  /* A match only in the title: the snippet is the start of the body, nothing marked. */
  {
    g_autofree char *titled = add_entry (fixture, "Heron at dawn", "Cold morning by the lake.",
                                         NULL, date);

    results = run (fixture, "heron");
    g_assert_cmpuint (results->len, ==, 1);
    snippet = reframe_search_result_get_snippet (g_ptr_array_index (results, 0));
    g_assert_true (g_str_has_prefix (snippet, "Cold morning"));
    g_assert_null (strchr (snippet, REFRAME_SEARCH_MATCH_START[0]));
  }

  /* An untitled entry is known by its first line. */
  {
    g_autofree char *untitled = add_entry (fixture, "", "\n  Pelicans on the pier\nThey were huge.",
                                           NULL, date);

    g_clear_pointer (&results, g_ptr_array_unref);
    results = run (fixture, "pelicans");
    g_assert_cmpuint (results->len, ==, 1);
    g_assert_cmpstr (reframe_search_result_get_title (g_ptr_array_index (results, 0)), ==,
                     "Pelicans on the pier");
  }
}

static void
test_thought_records (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(ReframeThoughtRecord) record = reframe_thought_record_new ();
  g_autoptr(GPtrArray) thoughts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) reframe_automatic_thought_free);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *entry = add_entry (fixture, NULL, "A presentation went fine.", NULL, NULL);
  const char *uuid;
  ReframeSearchResult *result = NULL;

  g_ptr_array_add (thoughts, reframe_automatic_thought_new ("Everyone will laugh at me", 90, TRUE));
  g_ptr_array_add (thoughts, reframe_automatic_thought_new ("I will stammer", 60, FALSE));
  reframe_thought_record_set_situation (record, "Giving the quarterly presentation");
  reframe_thought_record_set_thoughts (record, thoughts);
  reframe_thought_record_set_evidence_for (record, "I stuttered during rehearsal");
  reframe_thought_record_set_evidence_against (record, "Colleagues were supportive");
  reframe_thought_record_set_balanced_thought (record, "Nervousness is normal and shows I care");
  reframe_thought_record_set_completed (record, TRUE);
  assert_ok (reframe_thought_record_store_save (fixture->records, record, &error));
  uuid = reframe_thought_record_get_uuid (record);

  assert_finds (fixture, "quarterly", uuid, NULL);       /* situation */
  assert_finds (fixture, "laugh", uuid, NULL);           /* first thought */
  assert_finds (fixture, "stammer", uuid, NULL);         /* second thought */
  assert_finds (fixture, "rehearsal", uuid, NULL);       /* evidence for */
  assert_finds (fixture, "supportive", uuid, NULL);      /* evidence against */
  assert_finds (fixture, "nervousness", uuid, NULL);     /* balanced thought */
  assert_finds (fixture, "presentation", uuid, entry, NULL);
  /* Numbers and JSON keys of the stored arrays are not text the person wrote. */
  assert_finds_nothing (fixture, "belief");
  assert_finds_nothing (fixture, "hot");

  results = run (fixture, "rehearsal");
  result = g_ptr_array_index (results, 0);
  g_assert_cmpint (reframe_search_result_get_kind (result), ==, REFRAME_SEARCH_KIND_THOUGHT_RECORD);
  g_assert_cmpstr (reframe_search_result_get_title (result), ==,
                   "Giving the quarterly presentation");
  g_assert_nonnull (strstr (reframe_search_result_get_snippet (result),
                            REFRAME_SEARCH_MATCH_START "rehearsal" REFRAME_SEARCH_MATCH_END));
  g_assert_nonnull (reframe_search_result_get_date (result));
  g_assert_cmpint (g_date_time_to_unix (reframe_search_result_get_date (result)), ==,
                   g_date_time_to_unix (reframe_thought_record_get_created_at (record)));
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Both kinds in one list, each with its kind. */
  results = run (fixture, "presentation");
  g_assert_cmpuint (results->len, ==, 2);
  for (guint i = 0; i < results->len; i++)
    {
      ReframeSearchResult *r = g_ptr_array_index (results, i);

      if (g_strcmp0 (reframe_search_result_get_uuid (r), uuid) == 0)
        g_assert_cmpint (reframe_search_result_get_kind (r), ==,
                         REFRAME_SEARCH_KIND_THOUGHT_RECORD);
      else
        g_assert_cmpint (reframe_search_result_get_kind (r), ==, REFRAME_SEARCH_KIND_JOURNAL);
    }
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Editing a thought changes what is found; deleting the record removes it. */
  g_ptr_array_set_size (thoughts, 0);
  g_ptr_array_add (thoughts, reframe_automatic_thought_new ("They will be bored", 50, TRUE));
  reframe_thought_record_set_thoughts (record, thoughts);
  assert_ok (reframe_thought_record_store_save (fixture->records, record, &error));
  assert_finds_nothing (fixture, "laugh");
  assert_finds (fixture, "bored", uuid, NULL);

  reframe_thought_record_set_evidence_against (record, "My manager praised the slides");
  assert_ok (reframe_thought_record_store_save (fixture->records, record, &error));
  assert_finds_nothing (fixture, "supportive");
  assert_finds (fixture, "praised", uuid, NULL);
  assert_finds (fixture, "rehearsal", uuid, NULL);

  assert_ok (reframe_thought_record_store_delete (fixture->records, uuid, &error));
  assert_finds_nothing (fixture, "bored");
  assert_finds (fixture, "presentation", entry, NULL);
}

/* Filters --------------------------------------------------------------------------------- */

static GPtrArray *
run_query (Fixture                  *fixture,
           const ReframeSearchQuery *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = reframe_search_run_sync (fixture->search, query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static void
test_filters (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  const char *work[] = { "work", NULL };
  const char *work_home[] = { "home", "work", NULL };
  const char *home[] = { "home", NULL };
  g_autoptr(GDateTime) jan = utc_date (2024, 1, 10);
  g_autoptr(GDateTime) feb = utc_date (2024, 2, 10);
  g_autoptr(GDateTime) mar = utc_date (2024, 3, 10);
  g_autofree char *a = add_entry (fixture, NULL, "Coffee with the team", work, jan);
  g_autofree char *b = add_entry (fixture, NULL, "Coffee at the kitchen table", work_home, feb);
  g_autofree char *c = add_entry (fixture, NULL, "Coffee alone", home, mar);
  g_autofree char *d = add_entry (fixture, NULL, "Tea, no coffee", NULL, mar);
  g_autoptr(ReframeThoughtRecord) record = reframe_thought_record_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  ReframeSearchQuery query = { 0 };

  reframe_thought_record_set_situation (record, "Spilled coffee on my notes");
  reframe_thought_record_set_created_at (record, feb);
  assert_ok (reframe_thought_record_store_save (fixture->records, record, &error));

  query.text = "coffee";
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 5);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* By tag: only tagged journal entries, never thought records (they have no tags). */
  query.tag = "work";
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_true (results_contain (results, a));
  g_assert_true (results_contain (results, b));
  g_clear_pointer (&results, g_ptr_array_unref);

  query.tag = "home";
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_true (results_contain (results, b));
  g_assert_true (results_contain (results, c));
  g_clear_pointer (&results, g_ptr_array_unref);

  /* A tag is matched whole, not as a prefix or a substring. */
  query.tag = "wor";
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 0);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* By date: from is inclusive, to exclusive. */
  query.tag = NULL;
  query.from = feb;
  query.to = mar;
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_true (results_contain (results, b));
  g_assert_true (results_contain (results, reframe_thought_record_get_uuid (record)));
  g_clear_pointer (&results, g_ptr_array_unref);

  query.from = mar;
  query.to = NULL;
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_true (results_contain (results, c));
  g_assert_true (results_contain (results, d));
  g_clear_pointer (&results, g_ptr_array_unref);

  query.from = NULL;
  query.to = feb;
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_true (results_contain (results, a));
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Tag and date together. */
  query.tag = "work";
  query.from = feb;
  query.to = NULL;
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_true (results_contain (results, b));
  g_clear_pointer (&results, g_ptr_array_unref);

  /* No words, only a filter: the matching entries, newest first. */
  query.text = NULL;
  query.tag = "home";
  query.from = NULL;
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpstr (reframe_search_result_get_uuid (g_ptr_array_index (results, 0)), ==, c);
  g_assert_cmpstr (reframe_search_result_get_uuid (g_ptr_array_index (results, 1)), ==, b);
  g_clear_pointer (&results, g_ptr_array_unref);

  query.text = "  ";
  query.tag = NULL;
  query.from = mar;
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 2);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Nothing at all to search for: nothing found, and no error. */
  query.text = NULL;
  query.from = NULL;
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 0);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* The limit. */
  for (guint i = 0; i < 130; i++)
    g_free (add_entry (fixture, NULL, "Coffee again", NULL, NULL));
  query.text = "coffee";
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 100);
  g_clear_pointer (&results, g_ptr_array_unref);
  query.limit = 7;
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 7);
  g_clear_pointer (&results, g_ptr_array_unref);
  query.limit = 1000;
  results = run_query (fixture, &query);
  g_assert_cmpuint (results->len, ==, 135);
}

/* The index follows the table --------------------------------------------------------------- */

static void
test_index_in_sync (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(ReframeEntry) entry = reframe_entry_new ();
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "orchard", NULL };
  const char *no_tags[] = { NULL };
  const char *uuid;

  /* Search once first, so that the search's own connection is open before the writes. */
  assert_finds_nothing (fixture, "apple");

  reframe_entry_set_title (entry, "Fruit");
  reframe_entry_set_body (entry, "An apple a day");
  reframe_entry_set_tags (entry, tags);
  assert_ok (reframe_journal_store_save (fixture->journal, entry, &error));
  uuid = reframe_entry_get_uuid (entry);

  assert_finds (fixture, "apple", uuid, NULL);
  assert_finds (fixture, "fruit", uuid, NULL);
  assert_finds (fixture, "orchard", uuid, NULL);   /* tags are searchable */

  reframe_entry_set_body (entry, "A banana a day");
  assert_ok (reframe_journal_store_save (fixture->journal, entry, &error));
  assert_finds_nothing (fixture, "apple");
  assert_finds (fixture, "banana", uuid, NULL);

  reframe_entry_set_title (entry, "Snacks");
  reframe_entry_set_tags (entry, no_tags);
  assert_ok (reframe_journal_store_save (fixture->journal, entry, &error));
  assert_finds_nothing (fixture, "fruit");
  assert_finds_nothing (fixture, "orchard");
  assert_finds (fixture, "snacks", uuid, NULL);

  /* Changing only the date keeps it findable. */
  {
    g_autoptr(GDateTime) date = utc_date (2001, 9, 9);

    reframe_entry_set_date (entry, date);
    assert_ok (reframe_journal_store_save (fixture->journal, entry, &error));
    assert_finds (fixture, "banana", uuid, NULL);
  }

  /* Inside a transaction the search (another connection) sees only what is committed. */
  assert_ok (reframe_database_begin (fixture->database, &error));
  reframe_entry_set_body (entry, "A cherry a day");
  assert_ok (reframe_journal_store_save (fixture->journal, entry, &error));
  assert_finds (fixture, "banana", uuid, NULL);
  assert_finds_nothing (fixture, "cherry");
  assert_ok (reframe_database_commit (fixture->database, &error));
  assert_finds (fixture, "cherry", uuid, NULL);
  assert_finds_nothing (fixture, "banana");

  assert_ok (reframe_journal_store_delete (fixture->journal, uuid, &error));
  assert_finds_nothing (fixture, "cherry");
  assert_finds_nothing (fixture, "snacks");

  /* The external-content index agrees with its table. */
  {
    sqlite3 *db = reframe_database_get_handle (fixture->database);

    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO journal_fts (journal_fts)"
                                       " VALUES ('integrity-check')", NULL, NULL, NULL),
                     ==, SQLITE_OK);
  }
}

/* Hostile input ----------------------------------------------------------------------------- */

static void
test_fts_syntax (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autofree char *salt = add_entry (fixture, "Kitchen", "Salt and pepper, not sugar or honey.",
                                     NULL, NULL);
  g_autofree char *near = add_entry (fixture, NULL, "Near the station: a title and a body.",
                                     NULL, NULL);
  const char *queries[] = {
    "\"", "\"\"", "\"\"\"", "'", "''", "*", "**", "***", "^", "^salt", ":", "::", "title:",
    "title:salt", "body : pepper", "{title body}: salt", "-salt", "+salt", "(", ")", "()",
    "(salt", "salt)", "NEAR(", "NEAR(salt pepper)", "NEAR(salt, 2)", "AND", "OR", "NOT",
    "salt AND", "AND salt", "salt OR pepper", "salt NOT pepper", "salt AND NOT", "\"salt",
    "salt\"", "sa\"lt", "salt*", "*salt", "s*t", "%", "%salt%", "_", "_alt", "\\", "\\\"",
    ";", "'; DROP TABLE journal_entry; --", "\x01\x02\x1f", "\t\n\r", "   ", "", ".", "...",
    "!?", "—", "«»", "🙂", "🙂 salt", "salt 🙂", "x'00'", "NULL", "rowid", "journal_fts",
    "MATCH", "rank", "bm25(journal_fts)", "a\"b\"c", "\"\"salt\"\"", "?1", "$a", "@a",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      ReframeSearchQuery query = { .text = queries[i] };
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;

      results = reframe_search_run_sync (fixture->search, &query, NULL, &error);
      if (error != NULL)
        g_error ("Searching “%s” failed: %s", queries[i], error->message);
      g_assert_nonnull (results);
    }

  /* Operators are words like any other. */
  assert_finds (fixture, "AND", salt, near, NULL);
  assert_finds (fixture, "NOT", salt, NULL);
  assert_finds (fixture, "OR", salt, NULL);
  assert_finds (fixture, "near", near, NULL);
  assert_finds (fixture, "NEAR(", near, NULL);
  assert_finds (fixture, "title:", near, NULL);
  /* A column filter is not one: "title: salt" is the words "title" and "salt". */
  assert_finds_nothing (fixture, "title: salt");
  assert_finds (fixture, "salt OR pepper", salt, NULL);
  assert_finds_nothing (fixture, "salt OR station");
  assert_finds (fixture, "-salt", salt, NULL);
  assert_finds (fixture, "^salt", salt, NULL);
  assert_finds (fixture, "\"salt", salt, NULL);
  /* Apostrophes, straight or curly, in the text or the query. */
  {
    g_autofree char *dont = add_entry (fixture, NULL, "I don’t know why I can't sleep.",
                                       NULL, NULL);

    assert_finds (fixture, "don't", dont, NULL);
    assert_finds (fixture, "don’t", dont, NULL);
    assert_finds (fixture, "can’t sle", dont, NULL);
    g_assert_true (reframe_journal_store_delete (fixture->journal, dont, NULL));
  }
  /* LIKE wildcards mean nothing. */
  assert_finds_nothing (fixture, "%");
  assert_finds_nothing (fixture, "_");
  assert_finds_nothing (fixture, "s%t");
  /* Punctuation alone finds nothing, and fails at nothing. */
  assert_finds_nothing (fixture, "!?");
  assert_finds_nothing (fixture, "\"");
  assert_finds_nothing (fixture, "*");
  g_assert_cmpuint (reframe_journal_store_count (fixture->journal), ==, 2);
}

static void
test_build_match (void)
{
  const struct { const char *text; const char *match; } cases[] = {
    { "happy", "\"happy\"*" },
    { "happy day", "\"happy\" \"day\"*" },
    { "  happy \t day\n", "\"happy\" \"day\"*" },
    { "say \"hi\"", "\"say\" \"\"\"hi\"\"\"*" },
    { "a*", "\"a*\"*" },
    { "NEAR(", "\"NEAR(\"*" },
    { "title:x", "\"title:x\"*" },
    { "AND", "\"AND\"*" },
    { "- foo", "\"foo\"*" },
    { "foo !!", "\"foo\"*" },
    { "开心", "\"开心\"*" },
    { "Müller", "\"Müller\"*" },
    { "'; DROP", "\"DROP\"*" },
    { "don't", "\"don't\"*" },
    { "-salt", "\"-salt\"*" },
  };
  const char *empty[] = { NULL, "", " ", "\t\n", "!!!", "\"", "* * *", "- -", "()", "\xff",
                          "caf\xc3", "ok \xa9" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *match = reframe_search_build_match (cases[i].text);

      g_assert_cmpstr (match, ==, cases[i].match);
    }

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autofree char *match = reframe_search_build_match (empty[i]);

      g_assert_null (match);
    }
}

/* Cancellation and the async API ------------------------------------------------------------ */

static void
fill (Fixture *fixture,
      guint    n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  g_autoptr(GError) error = NULL;
  const char *words[] = { "morning", "walk", "coffee", "tired", "work", "friend", "called",
                          "rain", "sleep", "dinner", "happy", "anxious", "garden", "read" };

  assert_ok (reframe_database_begin (fixture->database, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(GDateTime) date = g_date_time_new_utc (2015 + i % 10, 1 + i % 12, 1 + i % 28,
                                                       12, 0, 0);

      for (guint w = 0; w < 60; w++)
        {
          g_string_append (body, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
          g_string_append_c (body, ' ');
        }
      g_free (add_entry (fixture, NULL, body->str, NULL, date));
    }
  assert_ok (reframe_database_commit (fixture->database, &error));
}

static void
test_cancelled (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ReframeSearchQuery query = { .text = "coffee" };

  fill (fixture, 500);
  g_cancellable_cancel (cancellable);

  /* Small (a few rows) and large searches both stop. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;

      query.text = round == 0 ? "coffee" : "c";
      results = reframe_search_run_sync (fixture->search, &query, cancellable, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (results);
    }

  /* A cancelled search leaves the search usable. */
  {
    g_autoptr(GPtrArray) results = run (fixture, "coffee");

    g_assert_cmpuint (results->len, >, 0);
  }
}

/* Same check, for a search that has almost nothing to do: a database with one entry. */
static void
test_cancelled_small (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  ReframeSearchQuery query = { .text = "coffee" };

  g_free (add_entry (fixture, NULL, "coffee", NULL, NULL));
  g_cancellable_cancel (cancellable);

  /* The SQLite progress handler alone would miss this: a short query may never reach it. */
  results = reframe_search_run_sync (fixture->search, &query, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (results);
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *results;
  GError    *error;
} AsyncData;

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncData *data = user_data;

  data->results = reframe_search_run_finish (REFRAME_SEARCH (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static GPtrArray *
run_async (Fixture                  *fixture,
           const ReframeSearchQuery *query,
           GCancellable             *cancellable,
           GError                  **error)
{
  AsyncData data = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  reframe_search_run_async (fixture->search, query, cancellable, search_done_cb, &data);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  g_main_loop_run (data.loop);
  g_main_loop_unref (data.loop);

  if (data.error != NULL)
    g_propagate_error (error, data.error);
  return data.results;
}

static void
assert_same_results (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      ReframeSearchResult *ra = g_ptr_array_index (a, i);
      ReframeSearchResult *rb = g_ptr_array_index (b, i);

      g_assert_cmpstr (reframe_search_result_get_uuid (ra), ==,
                       reframe_search_result_get_uuid (rb));
      g_assert_cmpint (reframe_search_result_get_kind (ra), ==,
                       reframe_search_result_get_kind (rb));
      g_assert_cmpstr (reframe_search_result_get_title (ra), ==,
                       reframe_search_result_get_title (rb));
      g_assert_cmpstr (reframe_search_result_get_snippet (ra), ==,
                       reframe_search_result_get_snippet (rb));
      g_assert_cmpfloat (reframe_search_result_get_rank (ra), ==,
                         reframe_search_result_get_rank (rb));
      g_assert_true (g_date_time_equal (reframe_search_result_get_date (ra),
                                        reframe_search_result_get_date (rb)));
    }
}

static void
test_async (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(ReframeThoughtRecord) record = reframe_thought_record_new ();
  g_autoptr(GError) error = NULL;
  const char *work[] = { "work", NULL };
  const char *texts[] = { "coffee", "walk gar", "happy", "c", "nothing-like-this", "!!", NULL };
  g_autoptr(GDateTime) from = utc_date (2018, 1, 1);

  fill (fixture, 300);
  g_free (add_entry (fixture, "Coffee", "coffee at work", work, NULL));
  reframe_thought_record_set_situation (record, "Coffee with a difficult colleague");
  assert_ok (reframe_thought_record_store_save (fixture->records, record, &error));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      for (guint filter = 0; filter < 3; filter++)
        {
          ReframeSearchQuery query = { .text = texts[i] };
          g_autoptr(GPtrArray) sync_results = NULL;
          g_autoptr(GPtrArray) async_results = NULL;

          if (filter == 1)
            query.tag = "work";
          else if (filter == 2)
            query.from = from;

          sync_results = reframe_search_run_sync (fixture->search, &query, NULL, &error);
          g_assert_no_error (error);
          async_results = run_async (fixture, &query, NULL, &error);
          g_assert_no_error (error);
          g_assert_nonnull (async_results);
          assert_same_results (async_results, sync_results);
        }
    }

  /* A search cancelled right after it starts reports that, and nothing else. */
  {
    ReframeSearchQuery query = { .text = "c" };
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GPtrArray) results = NULL;

    results = run_async (fixture, &query, cancellable, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (results);
    g_clear_error (&error);
  }

  /* Several at once, as typing fast does: each finishes with its own answer. */
  {
    AsyncData data[4];
    const char *words[] = { "coffee", "walk", "rain", "sleep" };
    GMainLoop *loop = g_main_loop_new (NULL, FALSE);

    for (guint i = 0; i < G_N_ELEMENTS (data); i++)
      {
        ReframeSearchQuery query = { .text = words[i] };

        data[i] = (AsyncData) { g_main_loop_ref (loop), NULL, NULL };
        reframe_search_run_async (fixture->search, &query, NULL, search_done_cb, &data[i]);
      }
    for (guint i = 0; i < G_N_ELEMENTS (data); i++)
      {
        while (data[i].results == NULL && data[i].error == NULL)
          g_main_context_iteration (NULL, TRUE);
      }
    for (guint i = 0; i < G_N_ELEMENTS (data); i++)
      {
        g_autoptr(GPtrArray) expected = run (fixture, words[i]);

        g_assert_no_error (data[i].error);
        assert_same_results (data[i].results, expected);
        g_ptr_array_unref (data[i].results);
        g_main_loop_unref (data[i].loop);
      }
    g_main_loop_unref (loop);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/search/chinese", test_chinese);
  g_test_add_func ("/reframe/search/accents", test_accents);
  g_test_add_func ("/reframe/search/prefix", test_prefix);
  g_test_add_func ("/reframe/search/ranking", test_ranking);
  g_test_add_func ("/reframe/search/snippet", test_snippet);
  g_test_add_func ("/reframe/search/thought-records", test_thought_records);
  g_test_add_func ("/reframe/search/filters", test_filters);
  g_test_add_func ("/reframe/search/index-in-sync", test_index_in_sync);
  g_test_add_func ("/reframe/search/fts-syntax", test_fts_syntax);
  g_test_add_func ("/reframe/search/build-match", test_build_match);
  g_test_add_func ("/reframe/search/cancelled", test_cancelled);
  g_test_add_func ("/reframe/search/async", test_async);
  g_test_add_func ("/reframe/search/cancelled-small", test_cancelled_small);

  return g_test_run ();
}
