/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-offline-coach"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "reframe-core-resources.h"
#include "reframe-crisis-resources.h"
#include "reframe-emotions.h"
#include "reframe-offline-coach.h"
#include "reframe-phrase-matcher.h"
#include "reframe-safety.h"
#include "reframe-thinking-traps.h"

typedef enum
{
  PATTERN_TRAP,
  PATTERN_EXCEPTION,
  PATTERN_CONTEXT,
  PATTERN_FEELING,
} PatternKind;

/* What one phrase of the set stands for. */
typedef struct
{
  PatternKind kind;
  guint       trap;       /* index into traps, for PATTERN_TRAP and PATTERN_EXCEPTION */
  double      weight;
  gboolean    needs_context;
  guint32     suppresses; /* bit per trap index */
} PatternInfo;

typedef struct
{
  const char *id;         /* interned */
  GStrv       questions;  /* translated */
  GStrv       scaffolds;  /* translated */
  char       *action;     /* translated */
} TrapData;

struct _ReframeOfflineCoach
{
  GObject           parent_instance;

  ReframePhraseSet *phrases;
  GArray           *infos;            /* PatternInfo, by phrase index */
  GArray           *traps;            /* TrapData, in the order of thinking-traps.json */
  GArray           *speech_verbs;     /* GQuark */
  GArray           *own_speakers;     /* GQuark */
  GArray           *thought_verbs;    /* GQuark */
  GArray           *feeling_cues;     /* GQuark */
  double            threshold;
  guint             max_results;

  GStrv             general_questions;
  char             *general_scaffold;
  GHashTable       *templates;        /* key → translated template */
  GPtrArray        *kind_actions[3];  /* by ReframeCoachKind, translated */
};

G_DEFINE_FINAL_TYPE (ReframeOfflineCoach, reframe_offline_coach, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (ReframeTrapMatch, reframe_trap_match,
                     reframe_trap_match_copy, reframe_trap_match_free)

/* Words before a quotation that mark it as the person's own thought, not someone's speech. */
static const char * const own_thought_words[] = {
  "thought", "think", "thinking", "thinks", "wondered", "wonder", "felt", "feel", "myself",
  "believed", "believe", "head", "mind", "voice", NULL,
};

static void
trap_trigger_clear (gpointer data)
{
  ReframeTrapTrigger *trigger = data;

  g_free (trigger->text);
}

static ReframeTrapMatch *
trap_match_new (const char *trap_id)
{
  ReframeTrapMatch *self = g_new0 (ReframeTrapMatch, 1);

  self->trap_id = trap_id;
  self->triggers = g_array_new (FALSE, FALSE, sizeof (ReframeTrapTrigger));
  g_array_set_clear_func (self->triggers, trap_trigger_clear);
  return self;
}

ReframeTrapMatch *
reframe_trap_match_copy (const ReframeTrapMatch *self)
{
  ReframeTrapMatch *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = trap_match_new (self->trap_id);
  copy->confidence = self->confidence;
  for (guint i = 0; i < self->triggers->len; i++)
    {
      ReframeTrapTrigger trigger = g_array_index (self->triggers, ReframeTrapTrigger, i);

      trigger.text = g_strdup (trigger.text);
      g_array_append_val (copy->triggers, trigger);
    }
  return copy;
}

void
reframe_trap_match_free (ReframeTrapMatch *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->triggers);
  g_free (self);
}

/* ------------------------------------------------------------------------------------------
 * Loading
 */

static const char *
translate (const char *text)
{
  return g_dgettext (GETTEXT_PACKAGE, text);
}

static GStrv
translated_strv (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, translate (json_array_get_string_element (array, i)));
  return g_strv_builder_end (builder);
}

static GStrv
plain_strv (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

static void
add_quarks (GArray     *quarks,
            JsonArray  *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      GQuark quark = g_quark_from_string (json_array_get_string_element (array, i));

      g_array_append_val (quarks, quark);
    }
}

static gboolean
quark_in (GArray *quarks,
          GQuark  quark)
{
  if (quark == 0)
    return FALSE;
  for (guint i = 0; i < quarks->len; i++)
    if (g_array_index (quarks, GQuark, i) == quark)
      return TRUE;
  return FALSE;
}

static int
find_trap (ReframeOfflineCoach *self,
           const char          *id)
{
  for (guint i = 0; i < self->traps->len; i++)
    if (strcmp (g_array_index (self->traps, TrapData, i).id, id) == 0)
      return i;
  return -1;
}

/* A broken built-in data file is a packaging bug that the tests catch. */
static void
add_pattern (ReframeOfflineCoach *self,
             const char          *pattern,
             PatternInfo          info)
{
  g_autoptr(GError) error = NULL;
  int index = reframe_phrase_set_add (self->phrases, pattern, &error);

  if (index < 0)
    {
      g_critical ("data/coach/trap-patterns.json: %s", error->message);
      return;
    }
  g_assert ((guint) index == self->infos->len);
  g_array_append_val (self->infos, info);
}

static void
load_trap_patterns (ReframeOfflineCoach *self,
                    JsonObject          *root)
{
  JsonObject *classes = json_object_get_object_member (root, "classes");
  JsonObject *negation = json_object_get_object_member (root, "negation");
  JsonObject *speech = json_object_get_object_member (root, "reported_speech");
  JsonObject *traps = json_object_get_object_member (root, "traps");
  g_autoptr(GList) class_names = json_object_get_members (classes);
  g_autoptr(GList) trap_ids = json_object_get_members (traps);
  g_auto(GStrv) negators = plain_strv (json_object_get_array_member (negation, "negators"));
  g_auto(GStrv) cancellers = plain_strv (json_object_get_array_member (negation, "cancellers"));

  self->threshold = json_object_get_double_member_with_default (root, "threshold", 0.3);
  self->max_results = json_object_get_int_member_with_default (root, "max_results", 3);

  for (GList *l = class_names; l != NULL; l = l->next)
    {
      g_auto(GStrv) words = plain_strv (json_object_get_array_member (classes, l->data));

      reframe_phrase_set_define_class (self->phrases, l->data, (const char * const *) words);
    }
  reframe_phrase_set_set_negation (self->phrases, (const char * const *) negators,
                                   (const char * const *) cancellers,
                                   json_object_get_int_member_with_default (negation, "window", 3));

  add_quarks (self->speech_verbs, json_object_get_array_member (speech, "verbs"));
  add_quarks (self->own_speakers, json_object_get_array_member (speech, "own_speakers"));

  if (json_object_has_member (classes, "negative-context"))
    add_pattern (self, "@negative-context", (PatternInfo) { PATTERN_CONTEXT, 0, 0, FALSE, 0 });

  for (GList *l = trap_ids; l != NULL; l = l->next)
    {
      JsonObject *trap = json_object_get_object_member (traps, l->data);
      JsonArray *patterns = json_object_get_array_member (trap, "patterns");
      JsonArray *exceptions = json_object_get_array_member (trap, "exceptions");
      int index = find_trap (self, l->data);

      if (index < 0)
        {
          g_critical ("data/coach/trap-patterns.json: unknown trap “%s”", (char *) l->data);
          continue;
        }

      for (guint i = 0; i < json_array_get_length (patterns); i++)
        {
          JsonNode *node = json_array_get_element (patterns, i);
          PatternInfo info = { PATTERN_TRAP, index, 0, FALSE, 0 };
          const char *pattern;

          if (JSON_NODE_HOLDS_ARRAY (node))
            {
              JsonArray *pair = json_node_get_array (node);

              pattern = json_array_get_string_element (pair, 0);
              info.weight = json_array_get_double_element (pair, 1);
            }
          else
            {
              JsonObject *object = json_node_get_object (node);
              JsonArray *suppresses = NULL;

              pattern = json_object_get_string_member (object, "p");
              info.weight = json_object_get_double_member (object, "w");
              info.needs_context = g_strcmp0 (json_object_get_string_member_with_default (
                                                object, "context", NULL), "negative") == 0;
              if (json_object_has_member (object, "suppresses"))
                suppresses = json_object_get_array_member (object, "suppresses");
              for (guint j = 0; suppresses != NULL && j < json_array_get_length (suppresses); j++)
                {
                  int other = find_trap (self, json_array_get_string_element (suppresses, j));

                  if (other >= 0)
                    info.suppresses |= 1u << other;
                }
            }
          add_pattern (self, pattern, info);
        }

      for (guint i = 0; exceptions != NULL && i < json_array_get_length (exceptions); i++)
        add_pattern (self, json_array_get_string_element (exceptions, i),
                     (PatternInfo) { PATTERN_EXCEPTION, index, 0, FALSE, 0 });
    }
}

static void
load_trap_texts (ReframeOfflineCoach *self,
                 JsonObject          *root,
                 gboolean             scaffolds)
{
  JsonObject *traps = json_object_get_object_member (root, "traps");
  JsonArray *general = json_object_get_array_member (root, "general");

  for (guint i = 0; i < self->traps->len; i++)
    {
      TrapData *trap = &g_array_index (self->traps, TrapData, i);
      JsonArray *texts = NULL;

      if (json_object_has_member (traps, trap->id))
        texts = json_object_get_array_member (traps, trap->id);
      if (texts == NULL)
        texts = general;
      if (scaffolds)
        trap->scaffolds = translated_strv (texts);
      else
        trap->questions = translated_strv (texts);
    }

  if (scaffolds)
    self->general_scaffold = g_strdup (translate (json_array_get_string_element (general, 0)));
  else
    self->general_questions = translated_strv (general);
}

static void
load_reflection (ReframeOfflineCoach *self,
                 JsonObject          *root)
{
  JsonObject *templates = json_object_get_object_member (root, "templates");
  JsonObject *actions = json_object_get_object_member (root, "actions");
  JsonObject *trap_actions = json_object_get_object_member (root, "trap-actions");
  JsonArray *feelings = json_object_get_array_member (root, "feelings");
  g_autoptr(GList) keys = json_object_get_members (templates);
  static const char * const kinds[] = { "journal", "thought-record", "checkin" };

  for (GList *l = keys; l != NULL; l = l->next)
    g_hash_table_insert (self->templates, g_strdup (l->data),
                         g_strdup (translate (json_object_get_string_member (templates, l->data))));

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      JsonArray *array = json_object_get_array_member (actions, kinds[k]);

      self->kind_actions[k] = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (self->kind_actions[k],
                         g_strdup (translate (json_array_get_string_element (array, i))));
    }

  for (guint i = 0; i < self->traps->len; i++)
    {
      TrapData *trap = &g_array_index (self->traps, TrapData, i);
      const char *action = json_object_get_string_member_with_default (trap_actions, trap->id,
                                                                        NULL);

      trap->action = action ? g_strdup (translate (action)) : NULL;
    }

  for (guint i = 0; i < json_array_get_length (feelings); i++)
    add_pattern (self, json_array_get_string_element (feelings, i),
                 (PatternInfo) { PATTERN_FEELING, 0, 0, FALSE, 0 });

  add_quarks (self->feeling_cues, json_object_get_array_member (root, "feeling-cues"));
}

static void
reframe_offline_coach_finalize (GObject *object)
{
  ReframeOfflineCoach *self = (ReframeOfflineCoach *)object;

  for (guint i = 0; i < self->traps->len; i++)
    {
      TrapData *trap = &g_array_index (self->traps, TrapData, i);

      g_strfreev (trap->questions);
      g_strfreev (trap->scaffolds);
      g_free (trap->action);
    }
  g_array_unref (self->traps);
  g_clear_pointer (&self->phrases, reframe_phrase_set_free);
  g_array_unref (self->infos);
  g_array_unref (self->speech_verbs);
  g_array_unref (self->own_speakers);
  g_array_unref (self->thought_verbs);
  g_array_unref (self->feeling_cues);
  g_strfreev (self->general_questions);
  g_free (self->general_scaffold);
  g_hash_table_unref (self->templates);
  for (guint k = 0; k < G_N_ELEMENTS (self->kind_actions); k++)
    g_clear_pointer (&self->kind_actions[k], g_ptr_array_unref);

  G_OBJECT_CLASS (reframe_offline_coach_parent_class)->finalize (object);
}

static void
reframe_offline_coach_class_init (ReframeOfflineCoachClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reframe_offline_coach_finalize;
}

static void
reframe_offline_coach_init (ReframeOfflineCoach *self)
{
  const GPtrArray *all = reframe_thinking_traps_get_all ();
  g_autoptr(JsonNode) patterns = reframe_core_load_json ("coach/trap-patterns.json");
  g_autoptr(JsonNode) questions = reframe_core_load_json ("coach/socratic-questions.json");
  g_autoptr(JsonNode) scaffolds = reframe_core_load_json ("coach/balanced-scaffolds.json");
  g_autoptr(JsonNode) reflection = reframe_core_load_json ("coach/reflection.json");

  self->phrases = reframe_phrase_set_new ();
  self->infos = g_array_new (FALSE, FALSE, sizeof (PatternInfo));
  self->traps = g_array_new (FALSE, TRUE, sizeof (TrapData));
  self->speech_verbs = g_array_new (FALSE, FALSE, sizeof (GQuark));
  self->own_speakers = g_array_new (FALSE, FALSE, sizeof (GQuark));
  self->thought_verbs = g_array_new (FALSE, FALSE, sizeof (GQuark));
  self->feeling_cues = g_array_new (FALSE, FALSE, sizeof (GQuark));
  self->templates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; own_thought_words[i] != NULL; i++)
    {
      GQuark quark = g_quark_from_static_string (own_thought_words[i]);

      g_array_append_val (self->thought_verbs, quark);
    }

  for (guint i = 0; i < all->len; i++)
    {
      const ReframeThinkingTrap *trap = all->pdata[i];
      TrapData data = { g_intern_string (trap->id), NULL, NULL, NULL };

      g_array_append_val (self->traps, data);
    }
  g_assert (self->traps->len <= 32);

  load_trap_patterns (self, json_node_get_object (patterns));
  load_trap_texts (self, json_node_get_object (questions), FALSE);
  load_trap_texts (self, json_node_get_object (scaffolds), TRUE);
  load_reflection (self, json_node_get_object (reflection));
}

ReframeOfflineCoach *
reframe_offline_coach_new (void)
{
  return g_object_new (REFRAME_TYPE_OFFLINE_COACH, NULL);
}

ReframeOfflineCoach *
reframe_offline_coach_get_default (void)
{
  static ReframeOfflineCoach *coach;

  if (g_once_init_enter (&coach))
    g_once_init_leave (&coach, reframe_offline_coach_new ());

  return coach;
}

/* ------------------------------------------------------------------------------------------
 * Detection
 */

static gboolean
word_is (ReframeOfflineCoach *self,
         const ReframeWords  *words,
         int                  i,
         GArray              *quarks)
{
  return i >= 0 && (guint) i < words->words->len &&
         quark_in (quarks, reframe_words_get (words, i)->quark);
}

/* The speaker of a speech verb at @verb: the word before it, or after it when the verb
 * follows the quotation directly ('"…," said my boss'). */
static gboolean
speaker_is_self (ReframeOfflineCoach *self,
                 const ReframeWords  *words,
                 int                  verb,
                 int                  quote)
{
  int subject = verb - 1;

  if (subject >= 0 && reframe_words_get (words, subject)->quote == quote)
    subject = verb + 1;
  return word_is (self, words, subject, self->own_speakers);
}

/* Marks the closed quotations that report someone else's words. */
static gboolean *
find_reported_quotes (ReframeOfflineCoach *self,
                      const ReframeWords  *words)
{
  gboolean *reported = g_new0 (gboolean, words->quotes->len + 1);

  for (guint q = 0; q < words->quotes->len; q++)
    {
      const ReframeQuote *quote = &g_array_index (words->quotes, ReframeQuote, q);
      const ReframeWord *first;
      gboolean decided = FALSE;

      if (!quote->closed || quote->first < 0)
        continue;
      first = reframe_words_get (words, quote->first);

      /* 'my boss said "…"', 'I thought "…"' */
      for (int w = quote->first - 1; w >= 0 && w >= quote->first - 6 && !decided; w--)
        {
          const ReframeWord *word = reframe_words_get (words, w);

          if (word->sentence != first->sentence || word->quote >= 0)
            break;
          if (quark_in (self->thought_verbs, word->quark))
            decided = TRUE;
          else if (quark_in (self->speech_verbs, word->quark))
            {
              reported[q] = !speaker_is_self (self, words, w, q);
              decided = TRUE;
            }
        }

      /* '"…," she said' */
      for (int w = quote->last + 1; !decided && (guint) w < words->words->len &&
           w <= quote->last + 3; w++)
        {
          const ReframeWord *word = reframe_words_get (words, w);

          if (word->quote >= 0)
            break;
          if (quark_in (self->speech_verbs, word->quark))
            {
              reported[q] = !speaker_is_self (self, words, w, q);
              decided = TRUE;
            }
        }
    }

  return reported;
}

typedef struct
{
  guint   first;
  guint   last;
  guint32 traps;
} Span;

static gboolean
overlaps (const ReframePhraseMatch *match,
          const Span               *span)
{
  return match->first <= span->last && span->first <= match->last;
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const ReframeTrapMatch *ma = *(ReframeTrapMatch **) a;
  const ReframeTrapMatch *mb = *(ReframeTrapMatch **) b;
  gsize sa, sb;

  if (ma->confidence != mb->confidence)
    return ma->confidence > mb->confidence ? -1 : 1;
  sa = ma->triggers->len ? g_array_index (ma->triggers, ReframeTrapTrigger, 0).start : 0;
  sb = mb->triggers->len ? g_array_index (mb->triggers, ReframeTrapTrigger, 0).start : 0;
  return sa < sb ? -1 : sa > sb;
}

static void
add_trigger (ReframeTrapMatch   *match,
             const ReframeWords *words,
             guint               first,
             guint               last)
{
  ReframeTrapTrigger trigger;
  guint i;

  trigger.start = reframe_words_get (words, first)->start;
  trigger.end = reframe_words_get (words, last)->end;

  /* Keep text order; a span inside one already there adds nothing. */
  for (i = 0; i < match->triggers->len; i++)
    {
      ReframeTrapTrigger *other = &g_array_index (match->triggers, ReframeTrapTrigger, i);

      if (other->start <= trigger.start && trigger.end <= other->end)
        return;
      if (trigger.start <= other->start && other->end <= trigger.end)
        {
          g_free (other->text);
          other->text = g_strndup (words->text + trigger.start, trigger.end - trigger.start);
          other->start = trigger.start;
          other->end = trigger.end;
          return;
        }
      if (trigger.start < other->start)
        break;
    }
  trigger.text = g_strndup (words->text + trigger.start, trigger.end - trigger.start);
  g_array_insert_val (match->triggers, i, trigger);
}

static GPtrArray *
detect_words (ReframeOfflineCoach *self,
              const ReframeWords  *words,
              guint                max_results)
{
  g_autoptr(GArray) matches = reframe_phrase_set_match (self->phrases, words);
  g_autofree gboolean *reported = find_reported_quotes (self, words);
  g_autoptr(GArray) blockers = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GHashTable) negative_sentences = g_hash_table_new (NULL, NULL);
  g_autofree double *confidence = g_new0 (double, self->traps->len);
  g_autofree double *best = g_new0 (double, self->infos->len);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_trap_match_free);
  g_autofree ReframeTrapMatch **by_trap = g_new0 (ReframeTrapMatch *, self->traps->len);

  /* First pass: what blocks other matches, and which sentences sound negative. */
  for (guint i = 0; i < matches->len; i++)
    {
      const ReframePhraseMatch *match = &g_array_index (matches, ReframePhraseMatch, i);
      const PatternInfo *info = &g_array_index (self->infos, PatternInfo, match->phrase);

      if (info->kind == PATTERN_CONTEXT)
        g_hash_table_add (negative_sentences,
                          GUINT_TO_POINTER (reframe_words_get (words, match->first)->sentence + 1));
      /* "they think I'm great" is not mind reading; "they think I'm not good" is. */
      else if (info->kind == PATTERN_EXCEPTION && !match->negated)
        {
          Span span = { match->first, match->last, 1u << info->trap };

          g_array_append_val (blockers, span);
        }
    }

  for (guint i = 0; i < matches->len; i++)
    {
      const ReframePhraseMatch *match = &g_array_index (matches, ReframePhraseMatch, i);
      const PatternInfo *info = &g_array_index (self->infos, PatternInfo, match->phrase);
      int quote = reframe_words_get (words, match->first)->quote;

      if (info->kind != PATTERN_TRAP || match->negated || (quote >= 0 && reported[quote]))
        continue;
      if (info->suppresses != 0)
        {
          Span span = { match->first, match->last, info->suppresses };

          g_array_append_val (blockers, span);
        }
    }

  /* Second pass: each pattern counts once, at its strongest. */
  for (guint i = 0; i < matches->len; i++)
    {
      const ReframePhraseMatch *match = &g_array_index (matches, ReframePhraseMatch, i);
      const PatternInfo *info = &g_array_index (self->infos, PatternInfo, match->phrase);
      const ReframeWord *first = reframe_words_get (words, match->first);
      gboolean blocked = FALSE;
      double weight;

      if (info->kind != PATTERN_TRAP || match->negated ||
          (first->quote >= 0 && reported[first->quote]))
        continue;

      for (guint b = 0; b < blockers->len && !blocked; b++)
        {
          const Span *span = &g_array_index (blockers, Span, b);

          blocked = (span->traps & (1u << info->trap)) && overlaps (match, span);
        }
      if (blocked)
        continue;

      /* "Another rejection. It's how it goes with every job": the sentence before counts. */
      weight = info->weight;
      if (info->needs_context &&
          !g_hash_table_contains (negative_sentences, GUINT_TO_POINTER (first->sentence + 1)) &&
          !g_hash_table_contains (negative_sentences, GUINT_TO_POINTER (first->sentence)))
        weight /= 2;

      if (by_trap[info->trap] == NULL)
        by_trap[info->trap] = trap_match_new (g_array_index (self->traps, TrapData,
                                                             info->trap).id);
      add_trigger (by_trap[info->trap], words, match->first, match->last);
      best[match->phrase] = MAX (best[match->phrase], weight);
    }

  for (guint p = 0; p < self->infos->len; p++)
    {
      const PatternInfo *info = &g_array_index (self->infos, PatternInfo, p);

      if (best[p] > 0)
        confidence[info->trap] = 1 - (1 - confidence[info->trap]) * (1 - best[p]);
    }

  for (guint t = 0; t < self->traps->len; t++)
    {
      if (by_trap[t] == NULL)
        continue;
      by_trap[t]->confidence = MIN (confidence[t], 0.99);
      if (confidence[t] >= self->threshold)
        g_ptr_array_add (result, by_trap[t]);
      else
        reframe_trap_match_free (by_trap[t]);
    }

  g_ptr_array_sort (result, compare_matches);
  if (result->len > max_results)
    g_ptr_array_set_size (result, max_results);

  return g_steal_pointer (&result);
}

GPtrArray *
reframe_offline_coach_detect (ReframeOfflineCoach *self,
                              const char          *text)
{
  g_autoptr(ReframeWords) words = NULL;

  g_return_val_if_fail (REFRAME_IS_OFFLINE_COACH (self), NULL);

  words = reframe_words_new (text);
  return detect_words (self, words, self->max_results);
}

static const TrapData *
lookup_trap (ReframeOfflineCoach *self,
             const char          *trap_id)
{
  int index;

  if (trap_id == NULL)
    return NULL;
  index = find_trap (self, trap_id);
  return index < 0 ? NULL : &g_array_index (self->traps, TrapData, index);
}

const char * const *
reframe_offline_coach_get_questions (ReframeOfflineCoach *self,
                                     const char          *trap_id)
{
  const TrapData *trap;

  g_return_val_if_fail (REFRAME_IS_OFFLINE_COACH (self), NULL);

  trap = lookup_trap (self, trap_id);
  return (const char * const *) (trap ? trap->questions : self->general_questions);
}

const char *
reframe_offline_coach_balanced_scaffold (ReframeOfflineCoach *self,
                                         const char          *trap_id)
{
  const TrapData *trap;

  g_return_val_if_fail (REFRAME_IS_OFFLINE_COACH (self), NULL);

  trap = lookup_trap (self, trap_id);
  if (trap == NULL || trap->scaffolds == NULL || trap->scaffolds[0] == NULL)
    return self->general_scaffold;
  return trap->scaffolds[0];
}

const char *
reframe_offline_coach_get_action (ReframeOfflineCoach *self,
                                  const char          *trap_id)
{
  const TrapData *trap;

  g_return_val_if_fail (REFRAME_IS_OFFLINE_COACH (self), NULL);

  trap = lookup_trap (self, trap_id);
  if (trap == NULL || trap->action == NULL)
    return g_ptr_array_index (self->kind_actions[REFRAME_COACH_KIND_JOURNAL], 0);
  return trap->action;
}

/* ------------------------------------------------------------------------------------------
 * Reflection
 */

static const char *
template (ReframeOfflineCoach *self,
          const char          *key)
{
  const char *text = g_hash_table_lookup (self->templates, key);

  if (text == NULL)
    {
      g_critical ("data/coach/reflection.json has no template “%s”", key);
      return "";
    }
  return text;
}

/* Replaces each {name} in @text by the value that follows it in the NULL-terminated list. */
G_GNUC_NULL_TERMINATED static char *
fill (const char *text,
      ...)
{
  GString *out = g_string_new (text);
  va_list args;
  const char *name;

  va_start (args, text);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *key = g_strdup_printf ("{%s}", name);

      g_string_replace (out, key, value ? value : "", 0);
    }
  va_end (args);

  return g_string_free (out, FALSE);
}

/* "a", "a and b", "a, b and c", with the translated joiners. */
static char *
join_list (ReframeOfflineCoach *self,
           GPtrArray           *items)
{
  g_autoptr(GString) head = g_string_new (NULL);

  if (items->len == 0)
    return g_strdup ("");
  if (items->len == 1)
    return g_strdup (items->pdata[0]);

  for (guint i = 0; i + 1 < items->len; i++)
    {
      if (i > 0)
        g_string_append (head, template (self, "list-separator"));
      g_string_append (head, items->pdata[i]);
    }
  return fill (template (self, "and"), "first", head->str, "second",
               items->pdata[items->len - 1], NULL);
}

static gboolean
contains_casefolded (GPtrArray  *items,
                     const char *item)
{
  g_autofree char *folded = g_utf8_casefold (item, -1);

  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (items->pdata[i], -1);

      if (strcmp (other, folded) == 0)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  gsize  start;
  char  *text;
} Feeling;

static int
compare_feelings (gconstpointer a,
                  gconstpointer b)
{
  const Feeling *fa = a;
  const Feeling *fb = b;

  return fa->start < fb->start ? -1 : fa->start > fb->start;
}

static void
feeling_clear (gpointer data)
{
  g_free (((Feeling *) data)->text);
}

/* The feeling words of the text as the person wrote them, not negated, at most three, in
 * the order they were written. */
static GPtrArray *
find_feelings (ReframeOfflineCoach *self,
               const ReframeWords  *words)
{
  g_autoptr(GArray) matches = reframe_phrase_set_match (self->phrases, words);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Feeling));
  g_autofree gboolean *reported = find_reported_quotes (self, words);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  g_array_set_clear_func (found, feeling_clear);

  for (guint i = 0; i < matches->len; i++)
    {
      const ReframePhraseMatch *match = &g_array_index (matches, ReframePhraseMatch, i);
      const PatternInfo *info = &g_array_index (self->infos, PatternInfo, match->phrase);
      const ReframeWord *first = reframe_words_get (words, match->first);
      const ReframeWord *last = reframe_words_get (words, match->last);
      Feeling feeling;

      if (info->kind != PATTERN_FEELING || match->negated ||
          (first->quote >= 0 && reported[first->quote]))
        continue;
      /* "I feel lonely", "so tired", "anxious and ashamed", not "a low shelf": a cue word
       * shortly before, in the same sentence. */
      {
        gboolean cued = FALSE;

        for (int back = 1; back <= 4 && !cued && (int) match->first - back >= 0; back++)
          {
            int w = match->first - back;

            if (reframe_words_get (words, w)->sentence != first->sentence)
              break;
            cued = word_is (self, words, w, self->feeling_cues);
          }
        if (!cued)
          continue;
      }

      feeling.start = first->start;
      feeling.text = g_utf8_strdown (words->text + first->start, last->end - first->start);
      g_array_append_val (found, feeling);
    }

  g_array_sort (found, compare_feelings);
  for (guint i = 0; i < found->len && result->len < 3; i++)
    {
      Feeling *feeling = &g_array_index (found, Feeling, i);

      if (!contains_casefolded (result, feeling->text))
        g_ptr_array_add (result, g_strdup (feeling->text));
    }

  return result;
}

/* The first sentence of @text, at most about 120 characters, cut at a space. */
static char *
first_sentence (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  const char *end = stripped;
  glong chars = 0;

  while (*end != '\0' && chars < 120)
    {
      gunichar c = g_utf8_get_char (end);

      end = g_utf8_next_char (end);
      chars++;
      if ((c == '.' || c == '!' || c == '?' || c == '\n') && chars > 12)
        break;
    }

  if (*end != '\0' && chars >= 120)
    {
      const char *space = end;

      while (space > stripped && *space != ' ')
        space--;
      if (space > stripped)
        end = space;
      return g_strconcat (g_strstrip (g_strndup (stripped, end - stripped)), "…", NULL);
    }

  return g_strstrip (g_strndup (stripped, end - stripped));
}

static void
append_paragraph (GString    *out,
                  const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append (out, "\n\n");
  g_string_append (out, text);
}

static char *
safety_reflection (ReframeOfflineCoach *self)
{
  const GPtrArray *resources = reframe_crisis_resources_get_all ();
  g_autoptr(GString) out = g_string_new (template (self, "safety"));

  for (guint i = 0; i < resources->len; i++)
    {
      const ReframeCrisisResource *resource = resources->pdata[i];
      g_autofree char *line = fill (template (self, "resource"), "name", resource->name,
                                    "region", resource->region, "detail", resource->detail,
                                    NULL);

      g_string_append_c (out, '\n');
      g_string_append (out, line);
    }
  append_paragraph (out, template (self, "safety-end"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static guint
pick (const char *text,
      guint       n)
{
  return n == 0 ? 0 : g_str_hash (text ? text : "") % n;
}

static void
append_trap (ReframeOfflineCoach *self,
             GString             *out,
             const char          *trap_id,
             const char          *key,
             ReframeTrapMatch    *match)
{
  const ReframeThinkingTrap *trap = reframe_thinking_traps_lookup (trap_id);
  g_autofree char *line = NULL;

  if (trap == NULL)
    return;

  line = fill (template (self, key), "name", trap->name, "summary", trap->summary, NULL);
  append_paragraph (out, line);

  if (match != NULL && match->triggers->len > 0)
    {
      g_autoptr(GPtrArray) quoted = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *list = NULL;
      g_autofree char *triggers = NULL;

      for (guint i = 0; i < match->triggers->len && quoted->len < 3; i++)
        {
          const ReframeTrapTrigger *trigger = &g_array_index (match->triggers,
                                                              ReframeTrapTrigger, i);

          g_ptr_array_add (quoted, g_strdup_printf ("“%s”", trigger->text));
        }
      list = join_list (self, quoted);
      triggers = fill (template (self, "trap-triggers"), "triggers", list, NULL);
      g_string_append_c (out, ' ');
      g_string_append (out, triggers);
    }
}

char *
reframe_offline_coach_reflect (ReframeOfflineCoach  *self,
                               ReframeCoachKind      kind,
                               const char           *text,
                               ReframeThoughtRecord *record)
{
  g_autoptr(GString) all_text = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(ReframeSafetyResult) safety = NULL;
  g_autoptr(ReframeWords) words = NULL;
  g_autoptr(GPtrArray) detected = NULL;
  g_autoptr(GPtrArray) feelings = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GPtrArray) questions = g_ptr_array_new ();
  const char *action = NULL;
  const char *main_trap = NULL;
  gboolean balanced_done = FALSE;

  g_return_val_if_fail (REFRAME_IS_OFFLINE_COACH (self), NULL);
  g_return_val_if_fail (kind <= REFRAME_COACH_KIND_CHECKIN, NULL);
  g_return_val_if_fail (record == NULL || REFRAME_IS_THOUGHT_RECORD (record), NULL);

  /* The hot thought is what the traps are about; the situation gives the feelings. */
  if (record != NULL)
    {
      const ReframeAutomaticThought *hot = reframe_thought_record_get_hot_thought (record);
      GPtrArray *thoughts = reframe_thought_record_get_thoughts (record);

      if (hot != NULL && hot->text != NULL)
        g_string_append_printf (all_text, "%s\n", hot->text);
      for (guint i = 0; thoughts != NULL && i < thoughts->len; i++)
        {
          const ReframeAutomaticThought *thought = thoughts->pdata[i];

          if (thought != hot && thought->text != NULL)
            g_string_append_printf (all_text, "%s\n", thought->text);
        }
      if (reframe_thought_record_get_situation (record) != NULL)
        g_string_append_printf (all_text, "%s\n", reframe_thought_record_get_situation (record));
      balanced_done = reframe_thought_record_get_balanced_thought (record) != NULL &&
                      *reframe_thought_record_get_balanced_thought (record) != '\0';
    }
  if (text != NULL)
    g_string_append (all_text, text);

  safety = reframe_safety_screen (all_text->str);
  if (safety->hit)
    return safety_reflection (self);

  words = reframe_words_new (all_text->str);
  detected = detect_words (self, words, 2);

  /* 1. The feeling, in the person's own words. */
  if (record != NULL && reframe_thought_record_get_emotions (record) != NULL &&
      reframe_thought_record_get_emotions (record)->len > 0)
    {
      GPtrArray *emotions = reframe_thought_record_get_emotions (record);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *list = NULL;
      g_autofree char *line = NULL;

      for (guint i = 0; i < emotions->len && names->len < 3; i++)
        {
          const ReframeEmotionRating *rating = emotions->pdata[i];
          const char *name = reframe_emotions_get_name (rating->emotion);

          if (name != NULL && *name != '\0')
            g_ptr_array_add (names, g_utf8_strdown (name, -1));
        }
      list = join_list (self, names);
      line = fill (template (self, "feeling-emotions"), "feelings", list, NULL);
      append_paragraph (out, line);
    }
  else if ((feelings = find_feelings (self, words))->len > 0)
    {
      g_autofree char *list = join_list (self, feelings);
      g_autofree char *line = fill (template (self, "feeling-words"), "feelings", list, NULL);

      append_paragraph (out, line);
    }
  else if (words->words->len > 0)
    {
      g_autofree char *quote = first_sentence (all_text->str);
      g_autofree char *line = fill (template (self, "feeling-quote"), "quote", quote, NULL);

      append_paragraph (out, line);
    }
  else
    {
      append_paragraph (out, template (self, "feeling-empty"));
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  /* 2. Possible traps, tentatively: the ones the person picked come first. */
  if (record != NULL)
    {
      const char * const *picked = reframe_thought_record_get_traps (record);

      for (guint i = 0; picked != NULL && picked[i] != NULL && shown->len < 2; i++)
        {
          if (reframe_thinking_traps_lookup (picked[i]) == NULL)
            continue;
          append_trap (self, out, picked[i], "trap-picked", NULL);
          g_ptr_array_add (shown, (gpointer) g_intern_string (picked[i]));
        }
    }
  for (guint i = 0; i < detected->len && shown->len < 2; i++)
    {
      ReframeTrapMatch *match = detected->pdata[i];

      if (g_ptr_array_find (shown, match->trap_id, NULL))
        continue;
      append_trap (self, out, match->trap_id, shown->len == 0 ? "trap-first" : "trap-more",
                   match);
      g_ptr_array_add (shown, (gpointer) match->trap_id);
    }
  if (shown->len == 0)
    append_paragraph (out, template (self, "no-trap"));
  main_trap = shown->len > 0 ? shown->pdata[0] : NULL;

  /* 3. Two or three Socratic questions: two for the main trap, one for the next. */
  {
    const char * const *first = reframe_offline_coach_get_questions (self, main_trap);
    guint from_first = shown->len > 1 ? 2 : 3;

    for (guint i = 0; first[i] != NULL && questions->len < from_first; i++)
      g_ptr_array_add (questions, (gpointer) first[i]);
    if (shown->len > 1)
      {
        const char * const *second = reframe_offline_coach_get_questions (self, shown->pdata[1]);

        if (second[0] != NULL)
          g_ptr_array_add (questions, (gpointer) second[0]);
      }
  }
  append_paragraph (out, template (self, "questions"));
  for (guint i = 0; i < questions->len; i++)
    {
      g_autofree char *line = fill (template (self, "question"), "question",
                                    questions->pdata[i], NULL);

      g_string_append_c (out, '\n');
      g_string_append (out, line);
    }

  /* 4. One balanced alternative to start from. */
  if (balanced_done)
    append_paragraph (out, template (self, "balanced-done"));
  else
    {
      g_autofree char *line = fill (template (self, "scaffold"), "scaffold",
                                    reframe_offline_coach_balanced_scaffold (self, main_trap),
                                    NULL);

      append_paragraph (out, line);
    }

  /* 5. One small, concrete step. */
  if (main_trap != NULL && kind != REFRAME_COACH_KIND_CHECKIN)
    action = reframe_offline_coach_get_action (self, main_trap);
  if (action == NULL)
    {
      GPtrArray *actions = self->kind_actions[kind];

      action = actions->pdata[pick (all_text->str, actions->len)];
    }
  {
    g_autofree char *line = fill (template (self, "action"), "action", action, NULL);

    append_paragraph (out, line);
  }

  append_paragraph (out, template (self, "footer"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}
