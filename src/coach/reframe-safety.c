/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-safety"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "reframe-core-resources.h"
#include "reframe-phrase-matcher.h"
#include "reframe-safety.h"

#define SAFETY_DIR RESOURCE_BASE "/data/safety/"

G_DEFINE_FLAGS_TYPE (ReframeSafetyKind, reframe_safety_kind,
                     G_DEFINE_ENUM_VALUE (REFRAME_SAFETY_NONE, "none"),
                     G_DEFINE_ENUM_VALUE (REFRAME_SAFETY_SUICIDE, "suicide"),
                     G_DEFINE_ENUM_VALUE (REFRAME_SAFETY_SELF_HARM, "self-harm"),
                     G_DEFINE_ENUM_VALUE (REFRAME_SAFETY_HARM_TO_OTHERS, "harm-to-others"),
                     G_DEFINE_ENUM_VALUE (REFRAME_SAFETY_ABUSE, "abuse"))

G_DEFINE_BOXED_TYPE (ReframeSafetyResult, reframe_safety_result,
                     reframe_safety_result_copy, reframe_safety_result_free)

/* Most urgent first. */
static const ReframeSafetyKind urgency[] = {
  REFRAME_SAFETY_SUICIDE,
  REFRAME_SAFETY_HARM_TO_OTHERS,
  REFRAME_SAFETY_SELF_HARM,
  REFRAME_SAFETY_ABUSE,
};

typedef struct
{
  const char        *group;     /* interned id; NULL for an exclusion */
  ReframeSafetyKind  kind;
  gboolean           negatable;
} PhraseInfo;

/* The phrases of one language, for one direction (what the person wrote, or a reply). */
typedef struct
{
  ReframePhraseSet *phrases;
  GArray           *infos;     /* PhraseInfo, by phrase index */
} Screen;

typedef struct
{
  GPtrArray *screens;          /* Screen *: the person's text, one per language */
  GPtrArray *reply_screens;    /* Screen *: replies */
  char      *instruction;
} SafetyData;

const char *
reframe_safety_kind_to_string (ReframeSafetyKind kind)
{
  switch ((int) kind)
    {
    case REFRAME_SAFETY_SUICIDE:
      return "suicide";
    case REFRAME_SAFETY_SELF_HARM:
      return "self-harm";
    case REFRAME_SAFETY_HARM_TO_OTHERS:
      return "harm-to-others";
    case REFRAME_SAFETY_ABUSE:
      return "abuse";
    default:
      g_return_val_if_reached (NULL);
    }
}

ReframeSafetyKind
reframe_safety_kind_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (urgency); i++)
    if (g_strcmp0 (text, reframe_safety_kind_to_string (urgency[i])) == 0)
      return urgency[i];
  return REFRAME_SAFETY_NONE;
}

ReframeSafetyResult *
reframe_safety_result_copy (const ReframeSafetyResult *self)
{
  ReframeSafetyResult *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->matched = g_strdup (self->matched);
  return copy;
}

void
reframe_safety_result_free (ReframeSafetyResult *self)
{
  if (self == NULL)
    return;
  g_free (self->matched);
  g_free (self);
}

static Screen *
screen_new (void)
{
  Screen *screen = g_new0 (Screen, 1);

  screen->phrases = reframe_phrase_set_new ();
  screen->infos = g_array_new (FALSE, FALSE, sizeof (PhraseInfo));
  return screen;
}

/* A malformed built-in file is a packaging bug, caught by the tests (fatal criticals). */
static void
add_groups (Screen     *screen,
            const char *file,
            JsonObject *root,
            const char *member,
            gboolean    exclusions)
{
  JsonArray *groups;

  if (!json_object_has_member (root, member))
    return;
  groups = json_object_get_array_member (root, member);

  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonArray *phrases = json_object_get_array_member (group, "phrases");
      PhraseInfo info = { NULL, REFRAME_SAFETY_NONE, FALSE };

      if (!exclusions)
        {
          info.group = g_intern_string (json_object_get_string_member (group, "id"));
          info.kind = reframe_safety_kind_from_string (json_object_get_string_member (group,
                                                                                      "kind"));
          info.negatable = json_object_get_boolean_member_with_default (group, "negatable",
                                                                        FALSE);
          if (info.kind == REFRAME_SAFETY_NONE)
            g_critical ("%s: group %s has no valid kind", file, info.group);
          if (!json_object_has_member (group, "source"))
            g_critical ("%s: group %s does not name its source", file, info.group);
        }

      for (guint i = 0; i < json_array_get_length (phrases); i++)
        {
          g_autoptr(GError) error = NULL;
          const char *phrase = json_array_get_string_element (phrases, i);

          if (reframe_phrase_set_add (screen->phrases, phrase, &error) < 0)
            {
              g_critical ("%s: %s", file, error->message);
              continue;
            }
          g_array_append_val (screen->infos, info);
        }
    }
}

static void
define_classes (Screen     *screen,
                JsonObject *root)
{
  JsonObject *classes;
  g_autoptr(GList) names = NULL;

  if (!json_object_has_member (root, "classes"))
    return;
  classes = json_object_get_object_member (root, "classes");
  names = json_object_get_members (classes);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonArray *array = json_object_get_array_member (classes, l->data);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) words = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_strv_builder_add (builder, json_array_get_string_element (array, i));
      words = g_strv_builder_end (builder);
      reframe_phrase_set_define_class (screen->phrases, l->data, (const char * const *) words);
    }
}

static void
set_negation (Screen     *screen,
              JsonObject *root,
              const char *member)
{
  JsonObject *negation;
  g_autoptr(GStrvBuilder) negators = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) cancellers = g_strv_builder_new ();
  g_auto(GStrv) negator_words = NULL;
  g_auto(GStrv) canceller_words = NULL;
  JsonArray *array;

  if (json_object_has_member (root, member))
    {
      negation = json_object_get_object_member (root, member);
      array = json_object_get_array_member (negation, "negators");
      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        g_strv_builder_add (negators, json_array_get_string_element (array, i));
      array = json_object_get_array_member (negation, "cancellers");
      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        g_strv_builder_add (cancellers, json_array_get_string_element (array, i));
      negator_words = g_strv_builder_end (negators);
      canceller_words = g_strv_builder_end (cancellers);
      reframe_phrase_set_set_negation (screen->phrases, (const char * const *) negator_words,
                                       (const char * const *) canceller_words,
                                       json_object_get_int_member_with_default (negation,
                                                                                "window", 3));
    }
  else
    {
      /* The same default as for replies: a plain "not" or "never" just before. */
      static const char * const plain[] = { "not", "never", "no", NULL };

      reframe_phrase_set_set_negation (screen->phrases, plain, NULL, 3);
    }
}

static void
load_language (SafetyData *data,
               const char *name)
{
  g_autofree char *file = g_strconcat ("safety/", name, NULL);
  g_autoptr(JsonNode) node = reframe_core_load_json (file);
  JsonObject *root = json_node_get_object (node);
  Screen *screen = screen_new ();
  Screen *reply = screen_new ();

  define_classes (screen, root);
  set_negation (screen, root, "negation");
  add_groups (screen, file, root, "groups", FALSE);
  add_groups (screen, file, root, "exclusions", TRUE);
  g_ptr_array_add (data->screens, screen);

  define_classes (reply, root);
  set_negation (reply, root, "reply_negation");
  add_groups (reply, file, root, "reply_groups", FALSE);
  add_groups (reply, file, root, "reply_exclusions", TRUE);
  g_ptr_array_add (data->reply_screens, reply);

  /* English is the instruction for models; other languages only add phrases. */
  if (data->instruction == NULL || strcmp (name, "en.json") == 0)
    {
      g_free (data->instruction);
      data->instruction = g_strdup (json_object_get_string_member_with_default (root,
                                                                                "instruction",
                                                                                NULL));
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static SafetyData *
get_data (void)
{
  static SafetyData *data;

  if (g_once_init_enter (&data))
    {
      SafetyData *loaded = g_new0 (SafetyData, 1);
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) names = NULL;

      loaded->screens = g_ptr_array_new ();
      loaded->reply_screens = g_ptr_array_new ();

      reframe_core_ensure_resources ();
      names = g_resources_enumerate_children (SAFETY_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (names == NULL)
        g_error ("The crisis phrase lists (%s) are missing: %s", SAFETY_DIR, error->message);

      /* Sorted, so that results do not depend on the order of the resource index. */
      qsort (names, g_strv_length (names), sizeof (char *), compare_names);
      for (guint i = 0; names[i] != NULL; i++)
        {
          const char *name = names[i];

          if (g_str_has_suffix (name, ".json"))
            load_language (loaded, name);
        }

      g_once_init_leave (&data, loaded);
    }

  return data;
}

static int
urgency_rank (ReframeSafetyKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (urgency); i++)
    if (urgency[i] == kind)
      return i;
  return G_N_ELEMENTS (urgency);
}

typedef struct
{
  const PhraseInfo *info;
  gsize             start;
  gsize             end;
} Hit;

static void
screen_words (const Screen        *screen,
              const ReframeWords  *words,
              ReframeSafetyResult *result,
              Hit                 *best)
{
  g_autoptr(GArray) matches = reframe_phrase_set_match (screen->phrases, words);

  for (guint i = 0; i < matches->len; i++)
    {
      const ReframePhraseMatch *match = &g_array_index (matches, ReframePhraseMatch, i);
      const PhraseInfo *info = &g_array_index (screen->infos, PhraseInfo, match->phrase);
      gboolean excluded = FALSE;
      Hit hit;

      if (info->group == NULL || (info->negatable && match->negated))
        continue;

      for (guint j = 0; j < matches->len && !excluded; j++)
        {
          const ReframePhraseMatch *other = &g_array_index (matches, ReframePhraseMatch, j);
          const PhraseInfo *other_info = &g_array_index (screen->infos, PhraseInfo,
                                                         other->phrase);

          excluded = other_info->group == NULL &&
                     other->first <= match->last && match->first <= other->last;
        }
      if (excluded)
        continue;

      hit.info = info;
      hit.start = reframe_words_get (words, match->first)->start;
      hit.end = reframe_words_get (words, match->last)->end;
      result->kinds |= info->kind;

      /* Report the most urgent kind, and for it the earliest phrase. */
      if (best->info == NULL ||
          urgency_rank (info->kind) < urgency_rank (best->info->kind) ||
          (info->kind == best->info->kind && hit.start < best->start))
        *best = hit;
    }
}

static ReframeSafetyResult *
run_screens (GPtrArray  *screens,
             const char *text)
{
  ReframeSafetyResult *result = g_new0 (ReframeSafetyResult, 1);
  g_autoptr(ReframeWords) words = NULL;
  Hit best = { NULL, 0, 0 };

  if (text == NULL || *text == '\0')
    return result;

  words = reframe_words_new (text);
  for (guint i = 0; i < screens->len; i++)
    screen_words (screens->pdata[i], words, result, &best);

  if (best.info != NULL)
    {
      result->hit = TRUE;
      result->kind = best.info->kind;
      result->group = best.info->group;
      result->start = best.start;
      result->end = best.end;
      result->matched = g_strndup (text + best.start, best.end - best.start);
    }

  return result;
}

ReframeSafetyResult *
reframe_safety_screen (const char *text)
{
  return run_screens (get_data ()->screens, text);
}

ReframeSafetyResult *
reframe_safety_screen_reply (const char *text)
{
  return run_screens (get_data ()->reply_screens, text);
}

const char *
reframe_safety_get_instruction (void)
{
  return get_data ()->instruction;
}
