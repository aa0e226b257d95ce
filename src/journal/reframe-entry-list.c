/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-entry-list"

#include "config.h"

#include "reframe-entry-list.h"

#define PAGE_SIZE 100

struct _ReframeEntryList
{
  GObject              parent_instance;

  ReframeJournalStore *store;
  guint                n_items;
  /* page number → GPtrArray of ReframeEntry summaries */
  GHashTable          *pages;
  /* uuid → position, for entries the list has shown, so a delete knows where it was */
  GHashTable          *positions;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ReframeEntryList, reframe_entry_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
invalidate (ReframeEntryList *self)
{
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->positions);
}

static GPtrArray *
load_page (ReframeEntryList *self,
           guint             page)
{
  GPtrArray *entries = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  g_autoptr(GError) error = NULL;

  if (entries != NULL)
    return entries;

  entries = reframe_journal_store_list (self->store, page * PAGE_SIZE, PAGE_SIZE, &error);
  if (entries == NULL)
    {
      g_warning ("Could not load journal entries: %s", error->message);
      return NULL;
    }

  for (guint i = 0; i < entries->len; i++)
    g_hash_table_insert (self->positions,
                         g_strdup (reframe_entry_get_uuid (g_ptr_array_index (entries, i))),
                         GUINT_TO_POINTER (page * PAGE_SIZE + i));
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), entries);

  return entries;
}

static GType
reframe_entry_list_get_item_type (GListModel *model)
{
  return REFRAME_TYPE_ENTRY;
}

static guint
reframe_entry_list_get_n_items (GListModel *model)
{
  return REFRAME_ENTRY_LIST (model)->n_items;
}

static gpointer
reframe_entry_list_get_item (GListModel *model,
                             guint       position)
{
  ReframeEntryList *self = REFRAME_ENTRY_LIST (model);
  GPtrArray *entries;

  if (position >= self->n_items)
    return NULL;

  entries = load_page (self, position / PAGE_SIZE);
  if (entries == NULL || position % PAGE_SIZE >= entries->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (entries, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = reframe_entry_list_get_item_type;
  iface->get_n_items = reframe_entry_list_get_n_items;
  iface->get_item = reframe_entry_list_get_item;
}

static gboolean
lookup_old_position (ReframeEntryList *self,
                     const char       *uuid,
                     guint            *position)
{
  gpointer value;

  if (!g_hash_table_lookup_extended (self->positions, uuid, NULL, &value))
    return FALSE;
  *position = GPOINTER_TO_UINT (value);
  return TRUE;
}

static void
entry_saved_cb (ReframeEntryList    *self,
                ReframeEntry        *entry,
                gboolean             created,
                ReframeJournalStore *store)
{
  const char *uuid = reframe_entry_get_uuid (entry);
  guint old_position = 0;
  gboolean had_position;
  int position;

  had_position = !created && lookup_old_position (self, uuid, &old_position);
  position = reframe_journal_store_get_position (self->store, uuid);
  invalidate (self);

  if (position < 0)
    return;

  if (created)
    {
      self->n_items++;
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
  else if (!had_position)
    {
      /* Never shown, so where it was is unknown: let the view reload what it shows. */
      g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_items, self->n_items);
    }
  else if (old_position == (guint) position)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }
  else
    {
      /* The date changed and the entry moved: one removal, one insertion. */
      g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
}

static void
entry_deleted_cb (ReframeEntryList    *self,
                  const char          *uuid,
                  ReframeJournalStore *store)
{
  guint position = 0;
  guint old_n_items = self->n_items;
  gboolean known = lookup_old_position (self, uuid, &position);

  invalidate (self);
  self->n_items = reframe_journal_store_count (self->store);

  if (known && self->n_items + 1 == old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
}

static void
reframe_entry_list_dispose (GObject *object)
{
  ReframeEntryList *self = (ReframeEntryList *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (reframe_entry_list_parent_class)->dispose (object);
}

static void
reframe_entry_list_finalize (GObject *object)
{
  ReframeEntryList *self = (ReframeEntryList *)object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);

  G_OBJECT_CLASS (reframe_entry_list_parent_class)->finalize (object);
}

static void
reframe_entry_list_class_init (ReframeEntryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reframe_entry_list_dispose;
  object_class->finalize = reframe_entry_list_finalize;
}

static void
reframe_entry_list_init (ReframeEntryList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

ReframeEntryList *
reframe_entry_list_new (ReframeJournalStore *store)
{
  ReframeEntryList *self;

  g_return_val_if_fail (REFRAME_IS_JOURNAL_STORE (store), NULL);

  self = g_object_new (REFRAME_TYPE_ENTRY_LIST, NULL);
  self->store = g_object_ref (store);
  self->n_items = reframe_journal_store_count (store);

  g_signal_connect_object (store, "entry-saved", G_CALLBACK (entry_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "entry-deleted", G_CALLBACK (entry_deleted_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}
