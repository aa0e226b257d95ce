/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-tag-cache"

#include "config.h"

#include "reframe-tag-cache.h"

#define CACHE_KEY "reframe-tag-cache"

struct _ReframeTagCache
{
  GObject              parent_instance;

  /* Not a reference: the store owns the cache. */
  ReframeJournalStore *store;
  GPtrArray           *tags;
  gboolean             loaded;
};

G_DEFINE_FINAL_TYPE (ReframeTagCache, reframe_tag_cache, G_TYPE_OBJECT)

static void
entry_saved_cb (ReframeTagCache     *self,
                ReframeEntry        *entry,
                gboolean             created,
                ReframeJournalStore *store)
{
  const char * const *tags = reframe_entry_get_tags (entry);

  if (!self->loaded)
    return;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      gboolean known = FALSE;

      /* The last element is the NULL that ends the list. */
      for (guint j = 0; j + 1 < self->tags->len && !known; j++)
        known = g_str_equal (g_ptr_array_index (self->tags, j), tags[i]);
      if (!known)
        g_ptr_array_insert (self->tags, self->tags->len - 1, g_strdup (tags[i]));
    }
}

static void
entry_deleted_cb (ReframeTagCache     *self,
                  const char          *uuid,
                  ReframeJournalStore *store)
{
  /* A tag may have gone with the entry; list them again when next asked. */
  self->loaded = FALSE;
}

static void
reframe_tag_cache_finalize (GObject *object)
{
  ReframeTagCache *self = (ReframeTagCache *)object;

  g_clear_pointer (&self->tags, g_ptr_array_unref);

  G_OBJECT_CLASS (reframe_tag_cache_parent_class)->finalize (object);
}

static void
reframe_tag_cache_class_init (ReframeTagCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reframe_tag_cache_finalize;
}

static void
reframe_tag_cache_init (ReframeTagCache *self)
{
  self->tags = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->tags, NULL);
}

ReframeTagCache *
reframe_tag_cache_get_for_store (ReframeJournalStore *store)
{
  ReframeTagCache *self;

  g_return_val_if_fail (REFRAME_IS_JOURNAL_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), CACHE_KEY);
  if (self != NULL)
    return self;

  self = g_object_new (REFRAME_TYPE_TAG_CACHE, NULL);
  self->store = store;
  /* The store's handlers go before its data, so these never outlive the cache. */
  g_signal_connect_swapped (store, "entry-saved", G_CALLBACK (entry_saved_cb), self);
  g_signal_connect_swapped (store, "entry-deleted", G_CALLBACK (entry_deleted_cb), self);
  g_object_set_data_full (G_OBJECT (store), CACHE_KEY, self, g_object_unref);

  return self;
}

const char * const *
reframe_tag_cache_get_tags (ReframeTagCache *self)
{
  g_return_val_if_fail (REFRAME_IS_TAG_CACHE (self), NULL);

  if (!self->loaded)
    {
      g_auto(GStrv) tags = reframe_journal_store_list_tags (self->store);

      g_ptr_array_set_size (self->tags, 0);
      for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
        g_ptr_array_add (self->tags, g_strdup (tags[i]));
      g_ptr_array_add (self->tags, NULL);
      self->loaded = TRUE;
    }

  return (const char * const *) self->tags->pdata;
}
