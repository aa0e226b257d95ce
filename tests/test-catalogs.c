/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "reframe-crisis-resources.h"
#include "reframe-date.h"
#include "reframe-emotions.h"
#include "reframe-entry.h"
#include "reframe-thinking-traps.h"
#include "reframe-writing-prompts.h"

/* Non-empty, valid text with more than white space in it. */
static void
assert_text (const char *text)
{
  gboolean visible = FALSE;

  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p && !visible; p = g_utf8_next_char (p))
    visible = !g_unichar_isspace (g_utf8_get_char (p));
  g_assert_true (visible);
}

/* Thinking traps ---------------------------------------------------------------------------- */

static void
test_thinking_traps (void)
{
  /* Stored records and exports rely on these ids: they may never change. */
  const char *ids[] = {
    "all-or-nothing", "overgeneralization", "mental-filter", "disqualifying-the-positive",
    "mind-reading", "fortune-telling", "catastrophizing", "emotional-reasoning",
    "should-statements", "labeling", "personalization", "blaming", "comparing",
  };
  const GPtrArray *traps = reframe_thinking_traps_get_all ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (traps);
  g_assert_cmpuint (traps->len, ==, G_N_ELEMENTS (ids));

  for (guint i = 0; i < traps->len; i++)
    {
      const ReframeThinkingTrap *trap = g_ptr_array_index (traps, i);

      /* In file order, which is the order above. */
      g_assert_cmpstr (trap->id, ==, ids[i]);
      assert_text (trap->name);
      assert_text (trap->summary);
      assert_text (trap->example);
      g_assert_cmpstr (trap->name, !=, trap->summary);
      g_assert_true (g_hash_table_add (names, (gpointer) trap->name));
      g_assert_true (reframe_thinking_traps_lookup (ids[i]) == trap);
    }

  g_assert_null (reframe_thinking_traps_lookup ("not-a-trap"));
  g_assert_null (reframe_thinking_traps_lookup (""));
  g_assert_null (reframe_thinking_traps_lookup ("All-Or-Nothing"));
  /* Loaded once. */
  g_assert_true (reframe_thinking_traps_get_all () == traps);
}

/* Emotions and activities ------------------------------------------------------------------- */

static void
test_emotions (void)
{
  const GPtrArray *emotions = reframe_emotions_get_all ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) families = g_hash_table_new (g_str_hash, g_str_equal);
  const char *family = NULL;
  const char *expected[] = { "happy", "sad", "anxious", "angry", "ashamed", "calm" };

  g_assert_nonnull (emotions);
  g_assert_cmpuint (emotions->len, >=, 20);

  for (guint i = 0; i < emotions->len; i++)
    {
      const ReframeEmotionInfo *info = g_ptr_array_index (emotions, i);

      assert_text (info->id);
      assert_text (info->name);
      assert_text (info->family_id);
      assert_text (info->family_name);
      /* Unique ids, each found by lookup. */
      if (!g_hash_table_add (ids, (gpointer) info->id))
        g_error ("The emotion id “%s” appears twice", info->id);
      g_assert_true (reframe_emotions_lookup (info->id) == info);
      g_assert_cmpstr (reframe_emotions_get_name (info->id), ==, info->name);

      /* Grouped: a family's emotions are next to each other, and a family never returns. */
      if (g_strcmp0 (family, info->family_id) != 0)
        {
          if (!g_hash_table_add (families, (gpointer) info->family_id))
            g_error ("The emotions of family “%s” are not together", info->family_id);
          family = info->family_id;
        }
    }
  g_assert_cmpuint (g_hash_table_size (families), >=, 5);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (reframe_emotions_lookup (expected[i]));

  /* A typed emotion is its own name. */
  g_assert_null (reframe_emotions_lookup ("homesick, a little"));
  g_assert_cmpstr (reframe_emotions_get_name ("homesick, a little"), ==, "homesick, a little");
}

static void
test_emotion_rating (void)
{
  g_autoptr(ReframeEmotionRating) rating = reframe_emotion_rating_new ("sad", 150, 200);
  g_autoptr(ReframeEmotionRating) low = reframe_emotion_rating_new ("sad", -5, -7);
  g_autoptr(ReframeEmotionRating) copy = NULL;

  /* Intensities stay within 0–100; "after" is -1 until re-rated. */
  g_assert_cmpint (rating->intensity, ==, 100);
  g_assert_cmpint (rating->after, ==, 100);
  g_assert_cmpint (low->intensity, ==, 0);
  g_assert_cmpint (low->after, ==, -1);

  copy = reframe_emotion_rating_copy (rating);
  g_assert_cmpstr (copy->emotion, ==, "sad");
  g_assert_true (copy->emotion != rating->emotion);
  g_assert_cmpint (copy->intensity, ==, 100);
  g_assert_cmpint (copy->after, ==, 100);
}

static void
test_default_activities (void)
{
  const char * const *activities = reframe_emotions_get_default_activities ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  g_assert_nonnull (activities);
  n = g_strv_length ((char **) activities);
  g_assert_cmpuint (n, >=, 5);
  for (guint i = 0; i < n; i++)
    {
      assert_text (activities[i]);
      if (!g_hash_table_add (seen, (gpointer) activities[i]))
        g_error ("The activity “%s” appears twice", activities[i]);
    }
  g_assert_true (g_strv_contains (activities, "Exercise"));
}

/* Writing prompts --------------------------------------------------------------------------- */

static void
test_writing_prompts (void)
{
  guint n = reframe_writing_prompts_get_count ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n, >=, 5);
  for (guint i = 0; i < n; i++)
    {
      const char *prompt = reframe_writing_prompts_get (i);

      assert_text (prompt);
      if (!g_hash_table_add (seen, (gpointer) prompt))
        g_error ("The prompt “%s” appears twice", prompt);
      /* A rotating counter wraps around. */
      g_assert_cmpstr (reframe_writing_prompts_get (i + n), ==, prompt);
      g_assert_cmpstr (reframe_writing_prompts_get (i + 7 * n), ==, prompt);
    }
  /* Consecutive indices give different prompts. */
  g_assert_cmpstr (reframe_writing_prompts_get (0), !=, reframe_writing_prompts_get (1));
  g_assert_cmpstr (reframe_writing_prompts_get (n - 1), !=, reframe_writing_prompts_get (n));
  assert_text (reframe_writing_prompts_get (G_MAXUINT));
}

/* Crisis resources -------------------------------------------------------------------------- */

static const ReframeCrisisResource *
find_resource (const char *phone,
               const char *url_part)
{
  const GPtrArray *resources = reframe_crisis_resources_get_all ();

  for (guint i = 0; i < resources->len; i++)
    {
      const ReframeCrisisResource *resource = g_ptr_array_index (resources, i);

      if (phone != NULL && g_strcmp0 (resource->phone, phone) == 0)
        return resource;
      if (url_part != NULL && resource->url != NULL && strstr (resource->url, url_part) != NULL)
        return resource;
    }
  return NULL;
}

static void
test_crisis_resources (void)
{
  const GPtrArray *resources = reframe_crisis_resources_get_all ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  const ReframeCrisisResource *resource;

  g_assert_nonnull (resources);
  g_assert_cmpuint (resources->len, >=, 3);

  for (guint i = 0; i < resources->len; i++)
    {
      resource = g_ptr_array_index (resources, i);

      assert_text (resource->id);
      assert_text (resource->region);
      assert_text (resource->name);
      assert_text (resource->detail);
      /* Every line says where it was checked. */
      assert_text (resource->source);
      g_assert_true (g_str_has_prefix (resource->source, "https://"));
      if (resource->url != NULL)
        g_assert_true (g_str_has_prefix (resource->url, "https://"));
      if (resource->phone != NULL)
        assert_text (resource->phone);
      g_assert_true (g_hash_table_add (ids, (gpointer) resource->id));
    }

  resource = find_resource ("988", NULL);
  g_assert_nonnull (resource);
  g_assert_nonnull (strstr (resource->detail, "988"));

  resource = find_resource ("116 123", NULL);
  g_assert_nonnull (resource);
  g_assert_nonnull (strstr (resource->detail, "116 123"));

  resource = find_resource (NULL, "findahelpline.com");
  g_assert_nonnull (resource);
  g_assert_nonnull (resource->source);
}

/* Word count -------------------------------------------------------------------------------- */

static void
test_count_words (void)
{
  const struct { const char *text; guint words; } cases[] = {
    { NULL, 0 },
    { "", 0 },
    { "   \n\t ", 0 },
    { "Hello", 1 },
    { "Hello world", 2 },
    { "  Hello,   world!  ", 2 },
    { "One two\nthree\tfour", 4 },
    { "Slept badly. The meeting went better than I feared.", 9 },
    /* Apostrophes, straight and curly, keep a word whole. */
    { "don't stop", 2 },
    { "don’t stop", 2 },
    { "It's Ana's cat's toy", 4 },
    { "rock 'n' roll", 3 },
    /* Accents and other scripts. */
    { "naïve café crème", 3 },
    { "Müller über Ärger", 3 },
    { "Привет мир", 2 },
    { "3 cups of tea", 4 },
    /* Each Han or kana character is a word. */
    { "我今天很开心", 6 },
    { "Hello 世界", 3 },
    { "我很开心, thank you", 6 },
    { "ありがとう", 5 },
    { "カタカナ", 4 },
    /* Punctuation and emoji alone are not words. */
    { "— … !!! 🙂", 0 },
    { "good 🙂 day", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint words = reframe_count_words (cases[i].text);

      if (words != cases[i].words)
        g_error ("“%s” counts %u words, expected %u", cases[i].text, words, cases[i].words);
    }
}

/* Text in decomposed form (NFD), as macOS and some pasted text have it, counts the same. */
static void
test_count_words_decomposed (void)
{
  /* "Zürich café" with U+0308 and U+0301 as separate combining marks. */
  const char *decomposed = "Zu\xcc\x88rich cafe\xcc\x81";

  /* A combining mark belongs to its word: counting it as a break would give 3 ("Zu",
   * "rich", "cafe") instead of 2. */
  g_assert_cmpuint (reframe_count_words (decomposed), ==, 2);
}

/* Text that is not valid UTF-8 (an import, a damaged file) must not make counting read past
 * the end of the string. The string ends right before a page that cannot be read. */
static void
test_count_words_invalid_utf8 (void)
{
  const char *tails[] = { "ab \xe2\x82", "x\xf0", "\xf4\x8f\xbf", "\xc3" };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      /* Stepping with g_utf8_next_char() would jump over the terminating NUL after a
       * truncated sequence and read beyond the string. */
      g_test_trap_assert_passed ();
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (tails); i++)
    {
      long page = sysconf (_SC_PAGESIZE);
      char *pages = mmap (NULL, 2 * page, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      size_t len = strlen (tails[i]) + 1;
      char *text;
      guint words;

      g_assert_true (pages != MAP_FAILED);
      g_assert_cmpint (mprotect (pages + page, page, PROT_NONE), ==, 0);
      text = pages + page - len;
      memcpy (text, tails[i], len);

      words = reframe_count_words (text);
      g_assert_cmpuint (words, <=, 2);

      munmap (pages, 2 * page);
    }
}

/* Dates ------------------------------------------------------------------------------------- */

static void
test_date_stored (void)
{
  g_autoptr(GDateTime) india = reframe_date_from_stored (1710519330, 19800);
  g_autoptr(GDateTime) west = reframe_date_from_stored (1710519330, -25200);
  g_autoptr(GDateTime) utc = reframe_date_from_stored (0, 0);
  g_autoptr(GDateTime) earlier = reframe_date_from_stored (1710519330 - 17 * 3600, 19800);

  /* 2024-03-15 16:15:30 UTC */
  g_assert_cmpint (g_date_time_to_unix (india), ==, 1710519330);
  g_assert_cmpint (reframe_date_get_offset (india), ==, 19800);
  g_assert_cmpint (g_date_time_get_hour (india), ==, 21);
  g_assert_cmpint (g_date_time_get_minute (india), ==, 45);

  g_assert_cmpint (g_date_time_to_unix (west), ==, 1710519330);
  g_assert_cmpint (reframe_date_get_offset (west), ==, -25200);
  g_assert_cmpint (g_date_time_get_hour (west), ==, 9);

  g_assert_cmpint (g_date_time_get_year (utc), ==, 1970);
  g_assert_cmpint (reframe_date_get_offset (utc), ==, 0);

  g_assert_true (g_date_time_equal (india, west));
  /* 17 hours earlier is 04:45 the same day in India. */
  g_assert_true (reframe_date_same_day (india, earlier));
  /* Same instant, but a different day where each was written. */
  {
    g_autoptr(GDateTime) tokyo = reframe_date_from_stored (1710543600, 9 * 3600);
    g_autoptr(GDateTime) hawaii = reframe_date_from_stored (1710543600, -10 * 3600);

    g_assert_false (reframe_date_same_day (tokyo, hawaii));
  }
}

static void
test_date_format (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2025, 3, 12, 14, 5, 0);   /* a Wednesday */
  const struct { int y, m, d, h; const char *expected; } days[] = {
    { 2025, 3, 12, 0, "Today" },
    { 2025, 3, 12, 23, "Today" },
    { 2025, 3, 11, 23, "Yesterday" },
    { 2025, 3, 11, 0, "Yesterday" },
    { 2025, 3, 10, 12, "Monday" },
    { 2025, 3, 6, 12, "Thursday" },
    { 2025, 3, 5, 12, "5 March" },
    { 2025, 1, 1, 12, "1 January" },
    { 2024, 12, 31, 12, "31 December 2024" },
    { 2020, 2, 29, 12, "29 February 2020" },
  };
  g_autofree char *month = NULL;
  g_autofree char *time = NULL;

  g_assert_cmpstr (g_getenv ("TZ"), ==, "UTC");

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (days[i].y, days[i].m, days[i].d,
                                                       days[i].h, 0, 0);
      g_autofree char *text = reframe_date_format_day (date, now);

      g_assert_cmpstr (text, ==, days[i].expected);
    }

  /* Days count where the entry was written: in India, 23:30 on the 11th is "Yesterday" and
   * 00:30 on the 12th (still the 11th in UTC) is "Today". */
  {
    g_autoptr(GTimeZone) zone = g_time_zone_new_offset (19800);
    g_autoptr(GDateTime) late = g_date_time_new (zone, 2025, 3, 11, 23, 30, 0);
    g_autoptr(GDateTime) early = g_date_time_new (zone, 2025, 3, 12, 0, 30, 0);
    g_autoptr(GDateTime) local_now = g_date_time_new (zone, 2025, 3, 12, 9, 0, 0);
    g_autofree char *late_text = reframe_date_format_day (late, local_now);
    g_autofree char *early_text = reframe_date_format_day (early, local_now);

    g_assert_cmpstr (late_text, ==, "Yesterday");
    g_assert_cmpstr (early_text, ==, "Today");
  }

  month = reframe_date_format_month (now);
  g_assert_cmpstr (month, ==, "March 2025");
  time = reframe_date_format_time (now);
  g_assert_cmpstr (time, ==, "14:05");

  {
    g_autoptr(GDateTime) a = g_date_time_new_utc (2025, 3, 1, 0, 0, 0);
    g_autoptr(GDateTime) b = g_date_time_new_utc (2025, 3, 31, 23, 59, 59);
    g_autoptr(GDateTime) c = g_date_time_new_utc (2024, 3, 15, 12, 0, 0);

    g_assert_true (reframe_date_same_month (a, b));
    g_assert_false (reframe_date_same_month (a, c));
    g_assert_false (reframe_date_same_day (a, b));
    g_assert_true (reframe_date_same_day (now, now));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/catalogs/thinking-traps", test_thinking_traps);
  g_test_add_func ("/reframe/catalogs/emotions", test_emotions);
  g_test_add_func ("/reframe/catalogs/emotion-rating", test_emotion_rating);
  g_test_add_func ("/reframe/catalogs/default-activities", test_default_activities);
  g_test_add_func ("/reframe/catalogs/writing-prompts", test_writing_prompts);
  g_test_add_func ("/reframe/catalogs/crisis-resources", test_crisis_resources);
  g_test_add_func ("/reframe/catalogs/count-words", test_count_words);
  g_test_add_func ("/reframe/catalogs/date-stored", test_date_stored);
  g_test_add_func ("/reframe/catalogs/date-format", test_date_format);
  g_test_add_func ("/reframe/catalogs/count-words-invalid-utf8", test_count_words_invalid_utf8);
  g_test_add_func ("/reframe/catalogs/count-words-decomposed", test_count_words_decomposed);

  return g_test_run ();
}
