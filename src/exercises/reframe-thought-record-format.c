/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-thought-record-format"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-thought-record-format.h"

const char *
reframe_thought_record_step_title (ReframeThoughtRecordStep step)
{
  switch (step)
    {
    case REFRAME_THOUGHT_RECORD_STEP_SITUATION:
      return _("Situation");
    case REFRAME_THOUGHT_RECORD_STEP_EMOTIONS:
      return _("Emotions");
    case REFRAME_THOUGHT_RECORD_STEP_THOUGHTS:
      return _("Thoughts");
    case REFRAME_THOUGHT_RECORD_STEP_TRAPS:
      return _("Thinking Traps");
    case REFRAME_THOUGHT_RECORD_STEP_EVIDENCE_FOR:
      return _("Evidence For");
    case REFRAME_THOUGHT_RECORD_STEP_EVIDENCE_AGAINST:
      return _("Evidence Against");
    case REFRAME_THOUGHT_RECORD_STEP_BALANCED:
      return _("Balanced Thought");
    case REFRAME_THOUGHT_RECORD_STEP_RERATE:
      /* Translators: the step where emotions are rated a second time */
      return _("Re-rate Emotions");
    case REFRAME_THOUGHT_RECORD_N_STEPS:
    default:
      return "";
    }
}

char *
reframe_thought_record_format_emotion (const ReframeEmotionRating *rating)
{
  const char *name;

  g_return_val_if_fail (rating != NULL, NULL);

  name = reframe_emotions_get_name (rating->emotion);
  if (rating->after < 0)
    /* Translators: an emotion and its intensity (0–100), e.g. “Anxious 80” */
    return g_strdup_printf (_("%s %d"), name, rating->intensity);

  /* Translators: an emotion with its intensity before and after, e.g. “Anxious 80 → 40” */
  return g_strdup_printf (_("%s %d → %d"), name, rating->intensity, rating->after);
}

char *
reframe_thought_record_format_emotions (ReframeThoughtRecord *record)
{
  GPtrArray *emotions;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (record), NULL);

  emotions = reframe_thought_record_get_emotions (record);
  for (guint i = 0; i < emotions->len; i++)
    {
      const ReframeEmotionRating *rating = g_ptr_array_index (emotions, i);
      g_autofree char *one = reframe_thought_record_format_emotion (rating);

      if (i > 0)
        g_string_append (text, " · ");
      g_string_append (text, one);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
first_line (const char *text)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return NULL;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        return g_strdup (lines[i]);
    }

  return NULL;
}

char *
reframe_thought_record_format_title (ReframeThoughtRecord *record)
{
  const ReframeAutomaticThought *hot;
  char *title;

  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (record), NULL);

  title = first_line (reframe_thought_record_get_situation (record));
  if (title != NULL)
    return title;

  hot = reframe_thought_record_get_hot_thought (record);
  return hot != NULL ? first_line (hot->text) : NULL;
}

static gboolean
has_text (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;

  return FALSE;
}

gboolean
reframe_thought_record_has_content (ReframeThoughtRecord *record)
{
  GPtrArray *thoughts;

  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (record), FALSE);

  if (has_text (reframe_thought_record_get_situation (record)) ||
      reframe_thought_record_get_emotions (record)->len > 0 ||
      reframe_thought_record_get_traps (record)[0] != NULL ||
      has_text (reframe_thought_record_get_evidence_for (record)) ||
      has_text (reframe_thought_record_get_evidence_against (record)) ||
      has_text (reframe_thought_record_get_balanced_thought (record)))
    return TRUE;

  thoughts = reframe_thought_record_get_thoughts (record);
  for (guint i = 0; i < thoughts->len; i++)
    if (has_text (((ReframeAutomaticThought *) g_ptr_array_index (thoughts, i))->text))
      return TRUE;

  return FALSE;
}
