/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-entry"

#include "config.h"

#include "reframe-entry.h"
#include "reframe-util.h"

struct _ReframeEntry
{
  GObject     parent_instance;

  char       *uuid;
  char       *title;
  char       *body;
  char       *preview;
  char      **tags;
  GDateTime  *date;
  GDateTime  *created_at;
  GDateTime  *updated_at;
  guint       word_count;
};

G_DEFINE_FINAL_TYPE (ReframeEntry, reframe_entry, G_TYPE_OBJECT)

static void
reframe_entry_finalize (GObject *object)
{
  ReframeEntry *self = (ReframeEntry *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->preview, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (reframe_entry_parent_class)->finalize (object);
}

static void
reframe_entry_class_init (ReframeEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reframe_entry_finalize;
}

static void
reframe_entry_init (ReframeEntry *self)
{
  self->title = g_strdup ("");
  self->tags = g_new0 (char *, 1);
}

ReframeEntry *
reframe_entry_new (void)
{
  return g_object_new (REFRAME_TYPE_ENTRY, NULL);
}

ReframeEntry *
reframe_entry_copy (ReframeEntry *self)
{
  ReframeEntry *copy;

  g_return_val_if_fail (REFRAME_IS_ENTRY (self), NULL);

  copy = reframe_entry_new ();
  reframe_entry_set_uuid (copy, self->uuid);
  reframe_entry_set_title (copy, self->title);
  reframe_entry_set_body (copy, self->body);
  reframe_entry_set_preview (copy, self->preview);
  reframe_entry_set_tags (copy, (const char * const *) self->tags);
  reframe_entry_set_date (copy, self->date);
  reframe_entry_set_created_at (copy, self->created_at);
  reframe_entry_set_updated_at (copy, self->updated_at);
  copy->word_count = self->word_count;

  return copy;
}

const char *
reframe_entry_get_uuid (ReframeEntry *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY (self), NULL);
  return self->uuid;
}

void
reframe_entry_set_uuid (ReframeEntry *self,
                        const char   *uuid)
{
  g_return_if_fail (REFRAME_IS_ENTRY (self));
  reframe_set_str (&self->uuid, uuid);
}

const char *
reframe_entry_get_title (ReframeEntry *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY (self), NULL);
  return self->title;
}

void
reframe_entry_set_title (ReframeEntry *self,
                         const char   *title)
{
  g_return_if_fail (REFRAME_IS_ENTRY (self));
  reframe_set_str (&self->title, title ? title : "");
}

const char *
reframe_entry_get_body (ReframeEntry *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY (self), NULL);
  return self->body;
}

void
reframe_entry_set_body (ReframeEntry *self,
                        const char   *body)
{
  g_return_if_fail (REFRAME_IS_ENTRY (self));

  if (reframe_set_str (&self->body, body))
    self->word_count = reframe_count_words (body);
}

const char *
reframe_entry_get_preview (ReframeEntry *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY (self), NULL);
  return self->preview ? self->preview : self->body;
}

void
reframe_entry_set_preview (ReframeEntry *self,
                           const char   *preview)
{
  g_return_if_fail (REFRAME_IS_ENTRY (self));
  reframe_set_str (&self->preview, preview);
}

char *
reframe_entry_dup_display_title (ReframeEntry *self)
{
  const char *text;
  const char *end;

  g_return_val_if_fail (REFRAME_IS_ENTRY (self), NULL);

  if (self->title != NULL && *self->title != '\0')
    return g_strdup (self->title);

  text = reframe_entry_get_preview (self);
  if (text == NULL)
    return g_strdup ("");

  while (g_unichar_isspace (g_utf8_get_char (text)))
    text = g_utf8_next_char (text);
  end = strchr (text, '\n');

  return end ? g_strndup (text, end - text) : g_strdup (text);
}

const char * const *
reframe_entry_get_tags (ReframeEntry *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY (self), NULL);
  return (const char * const *) self->tags;
}

void
reframe_entry_set_tags (ReframeEntry       *self,
                        const char * const *tags)
{
  char **copy;

  g_return_if_fail (REFRAME_IS_ENTRY (self));

  copy = tags ? g_strdupv ((char **) tags) : g_new0 (char *, 1);
  g_strfreev (self->tags);
  self->tags = copy;
}

GDateTime *
reframe_entry_get_date (ReframeEntry *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY (self), NULL);
  return self->date;
}

void
reframe_entry_set_date (ReframeEntry *self,
                        GDateTime    *date)
{
  g_return_if_fail (REFRAME_IS_ENTRY (self));
  reframe_set_date_time (&self->date, date);
}

GDateTime *
reframe_entry_get_created_at (ReframeEntry *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY (self), NULL);
  return self->created_at;
}

void
reframe_entry_set_created_at (ReframeEntry *self,
                              GDateTime    *created_at)
{
  g_return_if_fail (REFRAME_IS_ENTRY (self));
  reframe_set_date_time (&self->created_at, created_at);
}

GDateTime *
reframe_entry_get_updated_at (ReframeEntry *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY (self), NULL);
  return self->updated_at;
}

void
reframe_entry_set_updated_at (ReframeEntry *self,
                              GDateTime    *updated_at)
{
  g_return_if_fail (REFRAME_IS_ENTRY (self));
  reframe_set_date_time (&self->updated_at, updated_at);
}

guint
reframe_entry_get_word_count (ReframeEntry *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY (self), 0);
  return self->word_count;
}

void
reframe_entry_set_word_count (ReframeEntry *self,
                              guint         word_count)
{
  g_return_if_fail (REFRAME_IS_ENTRY (self));
  self->word_count = word_count;
}

/**
 * reframe_count_words:
 *
 * Counts runs of letters and digits; each CJK character counts as a word, as word
 * processors do for scripts without spaces.
 */
guint
reframe_count_words (const char *text)
{
  gboolean in_word = FALSE;
  guint count = 0;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      GUnicodeScript script;

      /* Invalid bytes (the store refuses such text, but it may not have been checked yet)
       * end a word and are stepped over one at a time, never past the terminator. */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          in_word = FALSE;
          p++;
          continue;
        }
      p = g_utf8_next_char (p);

      /* A combining mark (a decomposed accent) belongs to the word it follows. */
      if (g_unichar_ismark (c))
        continue;

      if (!g_unichar_isalnum (c) && c != '\'' && c != 0x2019)
        {
          in_word = FALSE;
          continue;
        }

      script = g_unichar_get_script (c);
      if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
          script == G_UNICODE_SCRIPT_KATAKANA)
        {
          count++;
          in_word = FALSE;
          continue;
        }

      if (!in_word)
        count++;
      in_word = TRUE;
    }

  return count;
}
