/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-prompts"

#include "config.h"

#include <string.h>

#include "reframe-core-resources.h"
#include "reframe-prompts.h"

/* One file per feature, in the order of ReframeFeedbackKind. */
static const char * const files[] = {
  [REFRAME_FEEDBACK_KIND_JOURNAL] = "journal-reflection",
  [REFRAME_FEEDBACK_KIND_CHECKIN] = "checkin-reflection",
  [REFRAME_FEEDBACK_KIND_THOUGHT_RECORD] = "thought-record-coaching",
  [REFRAME_FEEDBACK_KIND_TRAPS_STEP] = "traps-step-help",
  [REFRAME_FEEDBACK_KIND_BALANCED_STEP] = "balanced-thought-help",
  [REFRAME_FEEDBACK_KIND_MOOD_PATTERN] = "mood-pattern-reflection",
};

G_STATIC_ASSERT (G_N_ELEMENTS (files) == REFRAME_FEEDBACK_N_KINDS);

static const char *
intern_member (JsonObject *object,
               const char *member)
{
  const char *value = json_object_get_string_member_with_default (object, member, NULL);

  return value != NULL ? g_intern_string (value) : NULL;
}

/* A string, or an array of lines joined with newlines. */
static const char *
intern_text (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GString) joined = NULL;
  JsonArray *lines;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    return g_intern_string (json_node_get_string (node));

  lines = json_node_get_array (node);
  joined = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      if (i > 0)
        g_string_append_c (joined, '\n');
      g_string_append (joined, json_array_get_string_element (lines, i));
    }
  return g_intern_string (joined->str);
}

static ReframePrompt *
load_prompt (ReframeFeedbackKind kind)
{
  g_autofree char *name = g_strdup_printf ("prompts/%s.json", files[kind]);
  g_autoptr(JsonNode) root = reframe_core_load_json (name);
  JsonObject *object = json_node_get_object (root);
  JsonArray *sources = json_object_get_array_member (object, "sources");
  ReframePrompt *prompt = g_new0 (ReframePrompt, 1);
  const char **source_list;
  guint n_sources = json_array_get_length (sources);

  prompt->id = intern_member (object, "id");
  prompt->version = (guint) json_object_get_int_member (object, "version");
  prompt->kind = reframe_feedback_kind_from_string (json_object_get_string_member (object,
                                                                                   "kind"));
  prompt->description = intern_member (object, "description");
  prompt->system = intern_text (object, "system");
  prompt->user_template = intern_text (object, "user_template");
  prompt->hint_template = intern_text (object, "hint_template");
  prompt->guidance_template = intern_text (object, "guidance_template");

  source_list = g_new0 (const char *, n_sources + 1);
  for (guint i = 0; i < n_sources; i++)
    source_list[i] = g_intern_string (json_array_get_string_element (sources, i));
  prompt->sources = source_list;

  /* A broken built-in prompt is a packaging bug; the tests load every one. */
  if (g_strcmp0 (prompt->id, files[kind]) != 0 || prompt->version == 0 ||
      prompt->kind != kind || prompt->system == NULL || prompt->user_template == NULL ||
      strstr (prompt->user_template, "{{text}}") == NULL || n_sources == 0)
    g_error ("Built-in prompt %s is not complete", name);

  return prompt;
}

const GPtrArray *
reframe_prompts_get_all (void)
{
  static GPtrArray *prompts;

  if (g_once_init_enter (&prompts))
    {
      GPtrArray *loaded = g_ptr_array_new ();

      for (guint kind = 0; kind < REFRAME_FEEDBACK_N_KINDS; kind++)
        g_ptr_array_add (loaded, load_prompt ((ReframeFeedbackKind) kind));
      g_once_init_leave (&prompts, loaded);
    }

  return prompts;
}

const ReframePrompt *
reframe_prompts_lookup (const char *id)
{
  const GPtrArray *all = reframe_prompts_get_all ();

  for (guint i = 0; i < all->len; i++)
    {
      const ReframePrompt *prompt = g_ptr_array_index (all, i);

      if (g_strcmp0 (prompt->id, id) == 0)
        return prompt;
    }
  return NULL;
}

const ReframePrompt *
reframe_prompts_for_kind (ReframeFeedbackKind kind)
{
  g_return_val_if_fail ((guint) kind < REFRAME_FEEDBACK_N_KINDS, NULL);

  return g_ptr_array_index (reframe_prompts_get_all (), kind);
}

char *
reframe_prompt_expand (const char *template,
                       ...)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  GString *result;
  const char *p;
  const char *key;
  va_list args;

  g_return_val_if_fail (template != NULL, NULL);

  va_start (args, template);
  while ((key = va_arg (args, const char *)) != NULL)
    {
      g_ptr_array_add (keys, (gpointer) key);
      g_ptr_array_add (values, (gpointer) va_arg (args, const char *));
    }
  va_end (args);

  result = g_string_new (NULL);
  p = template;
  while (*p != '\0')
    {
      const char *open = strstr (p, "{{");
      const char *close;
      gboolean replaced = FALSE;

      if (open == NULL)
        break;
      close = strstr (open + 2, "}}");
      if (close == NULL)
        break;

      g_string_append_len (result, p, open - p);
      for (guint i = 0; i < keys->len; i++)
        {
          const char *name = g_ptr_array_index (keys, i);

          if (strlen (name) == (gsize) (close - open - 2) &&
              strncmp (open + 2, name, close - open - 2) == 0)
            {
              const char *value = g_ptr_array_index (values, i);

              g_string_append (result, value != NULL ? value : "");
              replaced = TRUE;
              break;
            }
        }
      if (!replaced)
        g_string_append_len (result, open, close + 2 - open);
      p = close + 2;
    }
  g_string_append (result, p);

  return g_string_free (result, FALSE);
}
