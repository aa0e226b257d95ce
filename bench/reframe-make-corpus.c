/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-make-corpus"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "reframe-database.h"
#include "reframe-emotions.h"
#include "reframe-journal-store.h"
#include "reframe-mood-store.h"
#include "reframe-thinking-traps.h"
#include "reframe-thought-record-store.h"

/* Fills a fresh data folder with a realistic, seeded corpus through the store API, for
 * benchmarks and for looking at the app with years of data. See bench/README.md. */

#define DAYS            3653   /* ten years, ending on the last day */
#define DEFAULT_SEED    20240229
#define BASE_RECORDS    300
#define COMMIT_EVERY    5000

/* Vocabulary ---------------------------------------------------------------------------- */

typedef struct
{
  const char         *name;
  const char * const *values;
} Slot;

#define VALUES(...) ((const char * const[]) { __VA_ARGS__, NULL })

static const Slot slots[] = {
  { "time", VALUES ("This morning", "In the afternoon", "Tonight", "After lunch", "Before work",
                    "Around noon", "Late in the evening", "First thing", "On the way home") },
  { "person", VALUES ("Sam", "my sister", "Mum", "Dad", "Priya", "Jonas", "Zoë", "the neighbour",
                      "my manager", "an old friend", "Léa", "Marco", "Aiko", "my therapist",
                      "Grandma", "Tom from work", "Ana", "the kids") },
  { "place", VALUES ("the park", "the office", "the café on the corner", "the supermarket",
                     "the library", "the gym", "the station", "the river", "my desk",
                     "the garden", "the bakery", "the hospital", "the beach", "home") },
  { "did", VALUES ("went for a run", "cooked dinner", "read a few chapters", "cleaned the kitchen",
                   "answered emails", "took the dog out", "called the bank",
                   "worked on the report", "watched a film", "did some yoga", "baked bread",
                   "fixed the bike", "went shopping", "sat in the sun for a while",
                   "played the piano", "wrote a letter", "planted tomatoes",
                   "sorted out the paperwork", "had a long bath", "went swimming") },
  { "we_did", VALUES ("had coffee", "walked along the river", "cooked together",
                      "talked for hours", "went to the cinema", "argued about nothing",
                      "played cards", "made plans for the summer", "visited the market") },
  { "feeling_good", VALUES ("calm", "content", "relieved", "hopeful", "grateful", "proud",
                            "energetic", "light", "rested", "cheerful", "focused") },
  { "feeling_low", VALUES ("tired", "anxious", "restless", "irritable", "flat", "overwhelmed",
                           "lonely", "on edge", "low", "drained", "tense") },
  { "thing", VALUES ("the deadline", "money", "the presentation", "my health", "the move",
                     "the exam", "the argument", "sleep", "the project", "the weekend plans",
                     "the new job", "the holidays", "the rent", "the results", "the car") },
  { "weather", VALUES ("It rained all day", "The sun finally came out", "It was cold and grey",
                       "A warm, windy day", "Snow in the morning", "Muggy and hot",
                       "Fog until noon", "Clear skies and a cold wind") },
  { "small_good", VALUES ("a good coffee", "a long walk", "a kind message", "finishing a task",
                          "the sunset", "a quiet lunch", "laughing with {person}",
                          "fresh bread", "a nap", "a song I had forgotten", "clean sheets") },
  { "sleep", VALUES ("badly", "well", "about six hours", "in fits and starts", "like a log",
                     "too little", "late but deeply") },
  { "plan", VALUES ("go to bed earlier", "call {person}", "finish the report",
                    "get outside before lunch", "say no to one thing", "cook something new",
                    "take a proper break", "write here again") },
  { "grateful", VALUES ("my friends", "a warm home", "{person}", "good health",
                        "small routines", "the library", "a day off", "the dog") },
  { "work", VALUES ("busy but fine", "exhausting", "surprisingly good", "quiet", "frustrating",
                    "full of meetings", "slow", "better than expected") },
  { "weekday", VALUES ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                       "Sunday") },
  { "adjective", VALUES ("Quiet", "Long", "Good", "Strange", "Slow", "Busy", "Better", "Hard",
                         "Lovely", "Ordinary") },
  { "foreign", VALUES ("Heute war ein schöner Tag in München.",
                       "On a pris un café près de la gare.", "今天很开心。",
                       "Lo pasé muy bien con mis amigos.", "Das Gespräch mit Frau Müller war gut.",
                       "C'était une journée épuisante.") },
};

static const char * const good_templates[] = {
  "{time} I {did}.",
  "I met {person} at {place} and we talked about {thing}.",
  "{weather}.",
  "I felt {feeling} most of the day.",
  "{person} called and it lifted my mood.",
  "Three good things today: {small_good}, {small_good}, and {small_good}.",
  "Slept {sleep} last night.",
  "Tomorrow I want to {plan}.",
  "{person} and I {we_did}.",
  "I'm grateful for {grateful}.",
  "Work was {work}.",
  "After I {did} I felt {feeling}.",
  "Spent some time at {place}, which always helps.",
  "I noticed I was {feeling} when {person} mentioned {thing}.",
};

static const char * const low_templates[] = {
  "I keep thinking about {thing}.",
  "I'm worried about {thing}, but I tried not to dwell on it.",
  "Not much happened; I mostly stayed at {place}.",
  "I felt {feeling} and couldn't say why.",
  "Work was {work}.",
  "Slept {sleep} last night.",
  "{weather}.",
  "I snapped at {person} and regretted it.",
  "Even after I {did} I still felt {feeling}.",
  "Tomorrow I want to {plan}.",
};

static const char * const title_templates[] = {
  "{adjective} {weekday}", "Thinking about {thing}", "Small wins", "Notes from {place}",
  "A {adjective_lower} day", "With {person}", "Rain again", "Before sleep",
};

static const char * const checkin_notes[] = {
  "Short on sleep.", "Good chat with {person}.", "Stressful meeting about {thing}.",
  "Walk helped.", "Headache since lunch.", "Feeling steady.", "Busy at {place}.",
  "Worried about {thing}.", "Nice evening.", "Can't settle.", "{weather}.",
};

static const char * const situations[] = {
  "{person} didn't reply to my message all day.",
  "I made a mistake in the report and my manager noticed.",
  "Waiting for news about {thing}.",
  "{person} seemed annoyed with me at {place}.",
  "I cancelled plans with {person} again.",
  "I have to present {thing} on {weekday}.",
  "I forgot {person}'s birthday.",
  "Lying awake at 3 a.m. thinking about {thing}.",
  "Someone laughed when I walked into {place}.",
};

static const char * const automatic_thoughts[] = {
  "They must be angry with me.", "I always mess things up.", "Everyone will notice.",
  "I'll never get this right.", "I'm a terrible friend.", "Something bad is going to happen.",
  "I should be coping better than this.", "If it isn't perfect it's worthless.",
  "They think I'm incompetent.", "This will ruin everything.", "I can't cope with this.",
};

static const char * const evidence_for[] = {
  "They haven't answered for hours.", "I did get it wrong last time.",
  "My manager sounded short with me.", "I felt my face go red.",
  "It has happened before.",
};

static const char * const evidence_against[] = {
  "They are often busy and reply late.", "My last three reviews were good.",
  "Nobody mentioned it afterwards.", "Friends have told me they value me.",
  "I have handled harder things than this.", "Mistakes get fixed all the time at work.",
};

static const char * const balanced_thoughts[] = {
  "There are many reasons they might be quiet; it probably isn't about me.",
  "I made one mistake, and I can fix it; that doesn't make me incompetent.",
  "I can't know the outcome yet, and worrying now won't change it.",
  "Cancelling once isn't the end of a friendship; I can suggest another day.",
  "Feeling nervous is normal and shows I care about doing it well.",
};

static const char * const tags_weighted[] = {
  "work", "work", "work", "work", "work", "family", "family", "family", "family",
  "sleep", "sleep", "sleep", "friends", "friends", "friends", "health", "health",
  "exercise", "exercise", "exercise", "gratitude", "gratitude", "gratitude",
  "anxiety", "anxiety", "reading", "reading", "travel", "money", "therapy", "café",
};

static const char * const extra_activities[] = {
  "Yoga", "Gaming", "Volunteering", "Gardening", "Meditation",
};

/* Generator ------------------------------------------------------------------------------ */

typedef struct
{
  GRand    *rand;
  gboolean  low;       /* the day's mood colours the text */
} Generator;

static const char *
pick (Generator          *gen,
      const char * const *values)
{
  guint n = g_strv_length ((char **) values);

  return values[g_rand_int_range (gen->rand, 0, n)];
}

static const char * const *
slot_values (const char *name,
             gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    if (strlen (slots[i].name) == length && strncmp (slots[i].name, name, length) == 0)
      return slots[i].values;
  g_error ("No slot named %.*s", (int) length, name);
  return NULL;
}

/* Appends @template with each {slot} replaced by a random value, recursively. */
static void
expand (Generator  *gen,
        GString    *out,
        const char *template)
{
  for (const char *p = template; *p; p++)
    {
      const char *end;
      g_autofree char *name = NULL;

      if (*p != '{' || (end = strchr (p, '}')) == NULL)
        {
          g_string_append_c (out, *p);
          continue;
        }

      name = g_strndup (p + 1, end - p - 1);
      if (g_str_equal (name, "feeling"))
        {
          const char *which = gen->low ? "feeling_low" : "feeling_good";

          expand (gen, out, pick (gen, slot_values (which, strlen (which))));
        }
      else if (g_str_equal (name, "adjective_lower"))
        {
          g_autofree char *lower = g_ascii_strdown (pick (gen, slot_values ("adjective", 9)), -1);
          g_string_append (out, lower);
        }
      else
        expand (gen, out, pick (gen, slot_values (name, strlen (name))));
      p = end;
    }
}

static double
normal (GRand *rand)
{
  double u1 = g_rand_double_range (rand, 1e-12, 1.0);
  double u2 = g_rand_double (rand);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

static char *
seeded_uuid (GRand *rand)
{
  guint8 b[16];

  for (guint i = 0; i < 16; i++)
    b[i] = g_rand_int_range (rand, 0, 256);
  b[6] = (b[6] & 0x0f) | 0x40;   /* version 4 */
  b[8] = (b[8] & 0x3f) | 0x80;   /* RFC 4122 variant */

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
                          b[10], b[11], b[12], b[13], b[14], b[15]);
}

/* Words in @text from byte @from on. */
static guint
count_words_from (GString *text,
                  gsize    from)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (gsize i = from; i < text->len; i++)
    {
      gboolean space = g_ascii_isspace (text->str[i]);

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words;
}

static char *
make_body (Generator *gen)
{
  g_autoptr(GString) body = g_string_new (NULL);
  /* 80–400 words, most around 150–250. */
  guint target = 80 + (guint) (pow (g_rand_double (gen->rand), 1.3) * 320);
  guint words = 0;
  guint sentences_in_paragraph = 0;
  guint paragraph_length = g_rand_int_range (gen->rand, 3, 8);

  while (words < target)
    {
      gsize before;

      if (sentences_in_paragraph > 0)
        g_string_append_c (body, ' ');
      before = body->len;

      /* A low day mostly reads low, a good day mostly good. */
      if (g_rand_int_range (gen->rand, 0, 60) == 0)
        expand (gen, body, "{foreign}");
      else
        {
          gboolean day_low = gen->low;

          /* Feelings follow the sentence: a low sentence on a good day is a low moment. */
          gen->low = day_low == (g_rand_int_range (gen->rand, 0, 6) > 0);
          if (gen->low)
            expand (gen, body, low_templates[g_rand_int_range (gen->rand, 0,
                                                               G_N_ELEMENTS (low_templates))]);
          else
            expand (gen, body, good_templates[g_rand_int_range (gen->rand, 0,
                                                                G_N_ELEMENTS (good_templates))]);
          gen->low = day_low;
        }
      words += count_words_from (body, before);
      /* Slots like "my sister" may start a sentence. */
      body->str[before] = g_ascii_toupper (body->str[before]);

      if (++sentences_in_paragraph >= paragraph_length)
        {
          g_string_append (body, "\n\n");
          sentences_in_paragraph = 0;
          paragraph_length = g_rand_int_range (gen->rand, 3, 8);
        }
    }

  while (body->len > 0 && body->str[body->len - 1] == '\n')
    g_string_truncate (body, body->len - 1);

  return g_string_free (g_steal_pointer (&body), FALSE);
}

static char **
make_tags (Generator *gen)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  if (g_rand_int_range (gen->rand, 0, 100) < 55)
    n = g_rand_int_range (gen->rand, 1, 4);
  for (guint i = 0; i < n; i++)
    {
      guint index = g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (tags_weighted));
      const char *tag = tags_weighted[index];

      if (g_hash_table_add (seen, (gpointer) tag))
        g_strv_builder_add (builder, tag);
    }
  return g_strv_builder_end (builder);
}

/* Mood over the years: a seasonal swing, a slow drift, and day-to-day noise. */
typedef struct
{
  GRand  *rand;
  double  drift;
  double  phase;
} MoodModel;

static double
mood_model_next_day (MoodModel *model,
                     guint      day)
{
  model->drift = 0.97 * model->drift + 0.35 * normal (model->rand);
  return 6.2 + 0.9 * sin (2.0 * G_PI * day / 365.25 + model->phase) + model->drift;
}

static int
clamp_round (double value,
             int    low,
             int    high)
{
  return CLAMP ((int) lround (value), low, high);
}

/* Emotions from the catalog that fit a mood. */
typedef struct
{
  GPtrArray *positive;
  GPtrArray *negative;
} EmotionPools;

static void
emotion_pools_init (EmotionPools *pools)
{
  const GPtrArray *all = reframe_emotions_get_all ();

  pools->positive = g_ptr_array_new ();
  pools->negative = g_ptr_array_new ();
  for (guint i = 0; i < all->len; i++)
    {
      const ReframeEmotionInfo *info = g_ptr_array_index (all, i);
      gboolean positive = g_str_equal (info->family_id, "joy") ||
                          g_str_equal (info->family_id, "calm");

      g_ptr_array_add (positive ? pools->positive : pools->negative, (gpointer) info->id);
    }
}

static GPtrArray *
make_emotions (GRand        *rand,
               EmotionPools *pools,
               int           mood,
               guint         n,
               gboolean      rerated)
{
  GPtrArray *emotions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_emotion_rating_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      gboolean positive = g_rand_int_range (rand, 0, 10) < mood;
      GPtrArray *pool = positive ? pools->positive : pools->negative;
      const char *id = g_ptr_array_index (pool, g_rand_int_range (rand, 0, pool->len));
      int intensity = g_rand_int_range (rand, 20, 96);
      int drop = g_rand_int_range (rand, 5, 55);
      int after = rerated ? MAX (0, intensity - drop) : -1;

      if (!g_hash_table_add (seen, (gpointer) id))
        continue;
      g_ptr_array_add (emotions, reframe_emotion_rating_new (id, intensity, after));
    }
  return emotions;
}

/* Writing -------------------------------------------------------------------------------- */

typedef struct
{
  ReframeDatabase           *database;
  ReframeJournalStore       *journal;
  ReframeMoodStore          *mood;
  ReframeThoughtRecordStore *records;
  guint                      pending;
} Writer;

static void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "make-corpus: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static void
writer_wrote (Writer *writer)
{
  g_autoptr(GError) error = NULL;

  if (++writer->pending < COMMIT_EVERY)
    return;
  if (!reframe_database_commit (writer->database, &error) ||
      !reframe_database_begin (writer->database, &error))
    die ("Could not commit", error);
  writer->pending = 0;
}

/* When the corpus ends today, nothing is written in the future. */
static GDateTime *not_after;

static GDateTime *
day_at (GDateTime *first_day,
        guint      day,
        double     hours)
{
  g_autoptr(GDateTime) date = g_date_time_add_days (first_day, day);
  GDateTime *at = g_date_time_add_seconds (date, (int) (hours * 3600.0));

  if (not_after != NULL && g_date_time_compare (at, not_after) > 0)
    {
      g_date_time_unref (at);
      at = g_date_time_ref (not_after);
    }
  return at;
}

static void
write_entry (Writer    *writer,
             Generator *gen,
             GDateTime *date)
{
  g_autoptr(ReframeEntry) entry = reframe_entry_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = seeded_uuid (gen->rand);
  g_autofree char *body = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GDateTime) created = g_date_time_add_minutes (date,
                                                          g_rand_int_range (gen->rand, 5, 90));

  reframe_entry_set_uuid (entry, uuid);
  if (g_rand_int_range (gen->rand, 0, 100) < 35)
    {
      g_autoptr(GString) title = g_string_new (NULL);

      expand (gen, title, title_templates[g_rand_int_range (gen->rand, 0,
                                                            G_N_ELEMENTS (title_templates))]);
      reframe_entry_set_title (entry, title->str);
    }
  body = make_body (gen);
  reframe_entry_set_body (entry, body);
  tags = make_tags (gen);
  reframe_entry_set_tags (entry, (const char * const *) tags);
  reframe_entry_set_date (entry, date);
  reframe_entry_set_created_at (entry, created);

  if (!reframe_journal_store_save (writer->journal, entry, &error))
    die ("Could not save an entry", error);
  writer_wrote (writer);
}

static void
write_checkin (Writer       *writer,
               Generator    *gen,
               EmotionPools *pools,
               GDateTime    *date,
               double        baseline)
{
  g_autoptr(ReframeCheckin) checkin = NULL;
  g_autoptr(GPtrArray) emotions = NULL;
  g_autoptr(GStrvBuilder) activities = g_strv_builder_new ();
  g_auto(GStrv) activity_list = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = seeded_uuid (gen->rand);
  const char * const *defaults = reframe_emotions_get_default_activities ();
  guint n_defaults = g_strv_length ((char **) defaults);
  int mood = clamp_round (baseline + 1.2 * normal (gen->rand), 0, 10);
  guint n_activities = g_rand_int_range (gen->rand, 0, 5);

  checkin = reframe_checkin_new (date, mood);
  reframe_checkin_set_uuid (checkin, uuid);
  if (g_rand_int_range (gen->rand, 0, 100) < 80)
    reframe_checkin_set_energy (checkin,
                                clamp_round (mood + 1.5 * normal (gen->rand) - 0.5, 0, 10));
  if (g_rand_int_range (gen->rand, 0, 100) < 75)
    reframe_checkin_set_anxiety (checkin, clamp_round (9 - mood + 1.8 * normal (gen->rand), 0, 10));
  if (g_rand_int_range (gen->rand, 0, 100) < 70)
    {
      /* To the half hour. */
      double sleep = round ((7.0 + 0.15 * (mood - 6) + 1.1 * normal (gen->rand)) * 2) / 2;

      reframe_checkin_set_sleep_hours (checkin, CLAMP (sleep, 2.0, 12.0));
    }

  emotions = make_emotions (gen->rand, pools, mood, g_rand_int_range (gen->rand, 0, 4), FALSE);
  reframe_checkin_set_emotions (checkin, emotions);

  for (guint i = 0; i < n_activities; i++)
    {
      const char *activity = g_rand_int_range (gen->rand, 0, 12) == 0
        ? extra_activities[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (extra_activities))]
        : defaults[g_rand_int_range (gen->rand, 0, n_defaults)];

      if (g_hash_table_add (seen, (gpointer) activity))
        g_strv_builder_add (activities, activity);
    }
  activity_list = g_strv_builder_end (activities);
  reframe_checkin_set_activities (checkin, (const char * const *) activity_list);

  if (g_rand_int_range (gen->rand, 0, 100) < 35)
    {
      g_autoptr(GString) note = g_string_new (NULL);

      gen->low = mood < 5;
      expand (gen, note, checkin_notes[g_rand_int_range (gen->rand, 0,
                                                         G_N_ELEMENTS (checkin_notes))]);
      reframe_checkin_set_note (checkin, note->str);
    }

  if (!reframe_mood_store_save (writer->mood, checkin, &error))
    die ("Could not save a check-in", error);
  writer_wrote (writer);
}

static void
write_record (Writer       *writer,
              Generator    *gen,
              EmotionPools *pools,
              GDateTime    *date)
{
  g_autoptr(ReframeThoughtRecord) record = reframe_thought_record_new ();
  g_autoptr(GPtrArray) emotions = NULL;
  g_autoptr(GPtrArray) thoughts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) reframe_automatic_thought_free);
  g_autoptr(GStrvBuilder) traps = g_strv_builder_new ();
  g_auto(GStrv) trap_list = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) situation = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = seeded_uuid (gen->rand);
  const GPtrArray *all_traps = reframe_thinking_traps_get_all ();
  guint n_thoughts = g_rand_int_range (gen->rand, 1, 4);
  guint hot = g_rand_int_range (gen->rand, 0, n_thoughts);
  guint n_traps = g_rand_int_range (gen->rand, 1, 4);

  gen->low = TRUE;
  reframe_thought_record_set_uuid (record, uuid);
  reframe_thought_record_set_created_at (record, date);
  expand (gen, situation, situations[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (situations))]);
  reframe_thought_record_set_situation (record, situation->str);

  emotions = make_emotions (gen->rand, pools, 1, g_rand_int_range (gen->rand, 1, 4), TRUE);
  reframe_thought_record_set_emotions (record, emotions);

  for (guint i = 0; i < n_thoughts; i++)
    {
      const char *text = automatic_thoughts[g_rand_int_range (gen->rand, 0,
                                                              G_N_ELEMENTS (automatic_thoughts))];
      int belief = g_rand_int_range (gen->rand, 40, 96);

      g_ptr_array_add (thoughts, reframe_automatic_thought_new (text, belief, i == hot));
    }
  reframe_thought_record_set_thoughts (record, thoughts);

  for (guint i = 0; i < n_traps; i++)
    {
      const ReframeThinkingTrap *trap = g_ptr_array_index (all_traps,
                                                           g_rand_int_range (gen->rand, 0,
                                                                             all_traps->len));
      if (g_hash_table_add (seen, (gpointer) trap->id))
        g_strv_builder_add (traps, trap->id);
    }
  trap_list = g_strv_builder_end (traps);
  reframe_thought_record_set_traps (record, (const char * const *) trap_list);

  reframe_thought_record_set_evidence_for (record,
    evidence_for[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (evidence_for))]);
  reframe_thought_record_set_evidence_against (record,
    evidence_against[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (evidence_against))]);
  reframe_thought_record_set_balanced_thought (record,
    balanced_thoughts[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (balanced_thoughts))]);
  reframe_thought_record_set_balanced_belief (record, g_rand_int_range (gen->rand, 40, 91));
  reframe_thought_record_set_step (record, REFRAME_THOUGHT_RECORD_STEP_RERATE);
  reframe_thought_record_set_completed (record, TRUE);

  if (!reframe_thought_record_store_save (writer->records, record, &error))
    die ("Could not save a thought record", error);
  writer_wrote (writer);
}

/* Check-ins per day: 0–4, about 1.9 on average. */
static guint
checkins_on_a_day (GRand *rand)
{
  static const guint weights[] = { 12, 25, 33, 20, 10 };
  guint roll = g_rand_int_range (rand, 0, 100);

  for (guint n = 0; n < G_N_ELEMENTS (weights); n++)
    {
      if (roll < weights[n])
        return n;
      roll -= weights[n];
    }
  return 0;
}

static gboolean
folder_is_empty_or_missing (const char  *path,
                            GError     **error)
{
  g_autoptr(GDir) dir = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY, "%s is not a folder", path);
      return FALSE;
    }
  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;
  if (g_dir_read_name (dir) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   "%s is not empty; give a new or empty folder", path);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) first_day = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autofree char *path = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *first_text = NULL;
  g_autofree guint *record_days = NULL;
  gint64 started;
  double seconds;
  int entries = DAYS;
  int seed = DEFAULT_SEED;
  char *end_arg = NULL;
  GRand *entry_rand, *checkin_rand, *record_rand, *mood_rand;
  Generator entry_gen, checkin_gen, record_gen;
  MoodModel mood_model;
  EmotionPools pools;
  Writer writer = { 0 };
  double scale;
  guint n_checkins = 0, n_records = 0, n_entries = 0, target_records;
  guint next_entry = 0;
  GStatBuf buf;
  const GOptionEntry options[] = {
    { "entries", 'n', 0, G_OPTION_ARG_INT, &entries,
      "Journal entries to write (default 3653, one a day for ten years)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Seed of the generator", "SEED" },
    { "end", 'e', 0, G_OPTION_ARG_STRING, &end_arg,
      "Last day of the corpus (default today)", "YYYY-MM-DD" },
    { NULL }
  };

  context = g_option_context_new ("DATA_DIR");
  g_option_context_set_summary (context,
    "Fills a new Reframe data folder with ten years of realistic, seeded journal entries,\n"
    "check-ins and thought records, through the store API. The same seed and end day\n"
    "give the same corpus.");
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("Bad arguments", error);
  if (argc != 2 || entries < 1)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      fputs (help, stderr);
      return 2;
    }
  if (!folder_is_empty_or_missing (argv[1], &error))
    die ("Refusing to write", error);

  if (end_arg != NULL)
    {
      int y, m, d;

      if (sscanf (end_arg, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
        die ("Bad --end, expected YYYY-MM-DD", NULL);
      end = g_date_time_new (zone, y, m, d, 0, 0, 0);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (zone);

      end = g_date_time_new (zone, g_date_time_get_year (now), g_date_time_get_month (now),
                             g_date_time_get_day_of_month (now), 0, 0, 0);
      not_after = g_date_time_add_minutes (now, -1);
    }
  first_day = g_date_time_add_days (end, -(DAYS - 1));
  scale = (double) entries / DAYS;

  /* Separate streams, so that each kind of record stays the same whatever the others do. */
  entry_rand = g_rand_new_with_seed (seed);
  checkin_rand = g_rand_new_with_seed (seed + 1);
  record_rand = g_rand_new_with_seed (seed + 2);
  mood_rand = g_rand_new_with_seed (seed + 3);
  entry_gen = (Generator) { entry_rand, FALSE };
  checkin_gen = (Generator) { checkin_rand, FALSE };
  record_gen = (Generator) { record_rand, TRUE };
  mood_model = (MoodModel) { mood_rand, 0.0, g_rand_double_range (mood_rand, 0, 2 * G_PI) };
  emotion_pools_init (&pools);

  /* Thought records fall on random days, a few more of them in low stretches. */
  target_records = MAX (1, (guint) lround (BASE_RECORDS * scale));
  record_days = g_new0 (guint, DAYS);
  for (guint i = 0; i < target_records; i++)
    record_days[g_rand_int_range (record_rand, 0, DAYS)]++;

  path = g_build_filename (argv[1], "reframe.db", NULL);
  writer.database = reframe_database_open (path, &error);
  if (writer.database == NULL)
    die ("Could not open the database", error);
  writer.journal = reframe_journal_store_new (writer.database);
  writer.mood = reframe_mood_store_new (writer.database);
  writer.records = reframe_thought_record_store_new (writer.database);

  started = g_get_monotonic_time ();
  if (!reframe_database_begin (writer.database, &error))
    die ("Could not start writing", error);

  for (guint day = 0; day < DAYS; day++)
    {
      double baseline = mood_model_next_day (&mood_model, day);
      /* Entries whose share of the period falls on this day (one a day by default). */
      guint until = (guint) (((guint64) (day + 1) * entries) / DAYS);
      guint today_entries = until - next_entry;
      guint today_checkins = 0;

      /* Check-ins scale with the entries: a day's usual count, times the scale. */
      {
        double wanted = checkins_on_a_day (checkin_rand) * scale;

        today_checkins = (guint) wanted;
        if (g_rand_double (checkin_rand) < wanted - today_checkins)
          today_checkins++;
      }

      for (guint i = 0; i < today_checkins; i++)
        {
          double hours = 7.0 + 16.0 * (i + g_rand_double (checkin_rand)) / today_checkins;
          g_autoptr(GDateTime) at = day_at (first_day, day, hours);

          write_checkin (&writer, &checkin_gen, &pools, at, baseline);
          n_checkins++;
        }

      entry_gen.low = baseline < 5.5;
      for (guint i = 0; i < today_entries; i++)
        {
          /* One in the evening; several spread over the day. */
          double hours = today_entries == 1
            ? 19.0 + g_rand_double_range (entry_rand, 0, 4.9)
            : 7.0 + 16.9 * (i + g_rand_double (entry_rand)) / today_entries;
          g_autoptr(GDateTime) at = day_at (first_day, day, hours);

          write_entry (&writer, &entry_gen, at);
          n_entries++;
        }
      next_entry = until;

      for (guint i = 0; i < record_days[day]; i++)
        {
          g_autoptr(GDateTime) at = day_at (first_day, day,
                                            g_rand_double_range (record_rand, 8.0, 23.0));

          write_record (&writer, &record_gen, &pools, at);
          n_records++;
        }

      if (entries > 20000 && day % 365 == 364)
        fprintf (stderr, "… %u of %d entries\n", n_entries, entries);
    }

  if (!reframe_database_commit (writer.database, &error))
    die ("Could not commit", error);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  first_text = g_date_time_format (first_day, "%Y-%m-%d");
  end_text = g_date_time_format (end, "%Y-%m-%d");
  printf ("Wrote %u journal entries, %u check-ins and %u thought records\n",
          n_entries, n_checkins, n_records);
  printf ("  from %s to %s (seed %d) in %.1f s\n", first_text, end_text, seed, seconds);

  g_clear_object (&writer.journal);
  g_clear_object (&writer.mood);
  g_clear_object (&writer.records);
  g_clear_object (&writer.database);

  if (g_stat (path, &buf) == 0)
    printf ("  %s: %.1f MB\n", path, buf.st_size / 1e6);

  g_rand_free (entry_rand);
  g_rand_free (checkin_rand);
  g_rand_free (record_rand);
  g_rand_free (mood_rand);
  g_ptr_array_unref (pools.positive);
  g_ptr_array_unref (pools.negative);
  g_free (end_arg);
  g_clear_pointer (&not_after, g_date_time_unref);

  return 0;
}
