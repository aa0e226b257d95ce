/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-journal-store"

#include "config.h"

#include <json-glib/json-glib.h>

#include "reframe-date.h"
#include "reframe-journal-store.h"
#include "reframe-sqlite-autocleanups.h"
#include "reframe-store-json.h"

struct _ReframeJournalStore
{
  GObject          parent_instance;

  ReframeDatabase *database;
};

G_DEFINE_FINAL_TYPE (ReframeJournalStore, reframe_journal_store, G_TYPE_OBJECT)

enum {
  ENTRY_SAVED,
  ENTRY_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Characters of the body a list row needs for its first line and preview. */
#define PREVIEW_CHARS 240

#define SUMMARY_COLUMNS \
  "uuid, title, substr (body, 1, " G_STRINGIFY (PREVIEW_CHARS) "), tags, word_count, " \
  "entry_at, entry_offset, created_at, created_offset, updated_at, updated_offset"

static ReframeEntry *
entry_from_row (sqlite3_stmt *stmt,
                gboolean      full)
{
  ReframeEntry *entry = reframe_entry_new ();
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  g_auto(GStrv) tags = NULL;

  reframe_entry_set_uuid (entry, (const char *) sqlite3_column_text (stmt, 0));
  reframe_entry_set_title (entry, (const char *) sqlite3_column_text (stmt, 1));
  if (full)
    reframe_entry_set_body (entry, (const char *) sqlite3_column_text (stmt, 2));
  else
    reframe_entry_set_preview (entry, (const char *) sqlite3_column_text (stmt, 2));
  tags = reframe_store_json_to_strv ((const char *) sqlite3_column_text (stmt, 3));
  reframe_entry_set_tags (entry, (const char * const *) tags);
  reframe_entry_set_word_count (entry, sqlite3_column_int (stmt, 4));

  date = reframe_date_from_stored (sqlite3_column_int64 (stmt, 5), sqlite3_column_int (stmt, 6));
  created_at = reframe_date_from_stored (sqlite3_column_int64 (stmt, 7),
                                         sqlite3_column_int (stmt, 8));
  updated_at = reframe_date_from_stored (sqlite3_column_int64 (stmt, 9),
                                         sqlite3_column_int (stmt, 10));
  reframe_entry_set_date (entry, date);
  reframe_entry_set_created_at (entry, created_at);
  reframe_entry_set_updated_at (entry, updated_at);

  return entry;
}

static void
reframe_journal_store_dispose (GObject *object)
{
  ReframeJournalStore *self = (ReframeJournalStore *)object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (reframe_journal_store_parent_class)->dispose (object);
}

static void
reframe_journal_store_class_init (ReframeJournalStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reframe_journal_store_dispose;

  signals[ENTRY_SAVED] =
    g_signal_new ("entry-saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, REFRAME_TYPE_ENTRY, G_TYPE_BOOLEAN);

  signals[ENTRY_DELETED] =
    g_signal_new ("entry-deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
reframe_journal_store_init (ReframeJournalStore *self)
{
}

ReframeJournalStore *
reframe_journal_store_new (ReframeDatabase *database)
{
  ReframeJournalStore *self;

  g_return_val_if_fail (REFRAME_IS_DATABASE (database), NULL);

  self = g_object_new (REFRAME_TYPE_JOURNAL_STORE, NULL);
  self->database = g_object_ref (database);

  return self;
}

ReframeDatabase *
reframe_journal_store_get_database (ReframeJournalStore *self)
{
  g_return_val_if_fail (REFRAME_IS_JOURNAL_STORE (self), NULL);

  return self->database;
}

static gboolean
uuid_exists (ReframeJournalStore *self,
             const char          *uuid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = reframe_database_prepare (self->database,
                                   "SELECT 1 FROM journal_entry WHERE uuid = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static char *
lookup_body (ReframeJournalStore *self,
             const char          *uuid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = reframe_database_prepare (self->database,
                                   "SELECT body FROM journal_entry WHERE uuid = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
reframe_journal_store_save (ReframeJournalStore  *self,
                            ReframeEntry         *entry,
                            GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *uuid = NULL;
  sqlite3 *db;
  gboolean created;
  int rc;

  g_return_val_if_fail (REFRAME_IS_JOURNAL_STORE (self), FALSE);
  g_return_val_if_fail (REFRAME_IS_ENTRY (entry), FALSE);

  if (!reframe_database_check_text (reframe_entry_get_title (entry), "title", error) ||
      !reframe_database_check_text (reframe_entry_get_body (entry), "entry", error))
    return FALSE;
  for (const char * const *t = reframe_entry_get_tags (entry); *t; t++)
    if (!reframe_database_check_text (*t, "tag", error))
      return FALSE;

  now = g_date_time_new_now_local ();
  if (reframe_entry_get_uuid (entry) == NULL)
    {
      uuid = reframe_database_new_uuid ();
      reframe_entry_set_uuid (entry, uuid);
    }
  if (reframe_entry_get_date (entry) == NULL)
    reframe_entry_set_date (entry, now);
  if (reframe_entry_get_created_at (entry) == NULL)
    reframe_entry_set_created_at (entry, now);
  /* A summary from a list has no body: keep the stored one rather than erasing it. */
  if (reframe_entry_get_body (entry) == NULL)
    {
      g_autofree char *stored = lookup_body (self, reframe_entry_get_uuid (entry));

      reframe_entry_set_body (entry, stored ? stored : "");
    }

  created = !uuid_exists (self, reframe_entry_get_uuid (entry));
  tags = reframe_store_json_from_strv (reframe_entry_get_tags (entry));

  stmt = reframe_database_prepare (self->database,
    "INSERT INTO journal_entry (uuid, title, body, tags, word_count, entry_at, entry_offset,"
    "                           created_at, created_offset, updated_at, updated_offset)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT (uuid) DO UPDATE SET"
    "   title = excluded.title, body = excluded.body, tags = excluded.tags,"
    "   word_count = excluded.word_count, entry_at = excluded.entry_at,"
    "   entry_offset = excluded.entry_offset, updated_at = excluded.updated_at,"
    "   updated_offset = excluded.updated_offset",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, reframe_entry_get_uuid (entry), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, reframe_entry_get_title (entry), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reframe_entry_get_body (entry), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, tags, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, reframe_entry_get_word_count (entry));
  sqlite3_bind_int64 (stmt, 6, g_date_time_to_unix (reframe_entry_get_date (entry)));
  sqlite3_bind_int (stmt, 7, reframe_date_get_offset (reframe_entry_get_date (entry)));
  sqlite3_bind_int64 (stmt, 8, g_date_time_to_unix (reframe_entry_get_created_at (entry)));
  sqlite3_bind_int (stmt, 9, reframe_date_get_offset (reframe_entry_get_created_at (entry)));
  sqlite3_bind_int64 (stmt, 10, g_date_time_to_unix (now));
  sqlite3_bind_int (stmt, 11, reframe_date_get_offset (now));

  db = reframe_database_get_handle (self->database);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return reframe_database_set_error (error, db, rc, "Could not save the entry");

  reframe_entry_set_updated_at (entry, now);
  g_signal_emit (self, signals[ENTRY_SAVED], 0, entry, created);

  return TRUE;
}

ReframeEntry *
reframe_journal_store_get (ReframeJournalStore  *self,
                           const char           *uuid,
                           GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_JOURNAL_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  stmt = reframe_database_prepare (self->database,
    "SELECT uuid, title, body, tags, word_count, entry_at, entry_offset,"
    "       created_at, created_offset, updated_at, updated_offset"
    " FROM journal_entry WHERE uuid = ?1",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return entry_from_row (stmt, TRUE);
  if (rc == SQLITE_DONE)
    g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND,
                 "There is no journal entry %s", uuid);
  else
    reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                "Could not read the entry");
  return NULL;
}

gboolean
reframe_journal_store_delete (ReframeJournalStore  *self,
                              const char           *uuid,
                              GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (REFRAME_IS_JOURNAL_STORE (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  stmt = reframe_database_prepare (self->database,
                                   "DELETE FROM journal_entry WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);

  db = reframe_database_get_handle (self->database);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return reframe_database_set_error (error, db, rc, "Could not delete the entry");
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND,
                   "There is no journal entry %s", uuid);
      return FALSE;
    }

  g_signal_emit (self, signals[ENTRY_DELETED], 0, uuid);
  return TRUE;
}

guint
reframe_journal_store_count (ReframeJournalStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (REFRAME_IS_JOURNAL_STORE (self), 0);

  stmt = reframe_database_prepare (self->database, "SELECT count(*) FROM journal_entry", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int (stmt, 0);
}

GPtrArray *
reframe_journal_store_list (ReframeJournalStore  *self,
                            guint                 offset,
                            guint                 limit,
                            GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_JOURNAL_STORE (self), NULL);

  stmt = reframe_database_prepare (self->database,
    "SELECT " SUMMARY_COLUMNS " FROM journal_entry"
    " ORDER BY entry_at DESC, id DESC LIMIT ?1 OFFSET ?2",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, offset);

  entries = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt, FALSE));

  if (rc != SQLITE_DONE)
    {
      reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                  "Could not list the journal");
      return NULL;
    }

  return g_steal_pointer (&entries);
}

int
reframe_journal_store_get_position (ReframeJournalStore *self,
                                    const char          *uuid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (REFRAME_IS_JOURNAL_STORE (self), -1);
  g_return_val_if_fail (uuid != NULL, -1);

  stmt = reframe_database_prepare (self->database,
    "SELECT (SELECT count(*) FROM journal_entry AS newer"
    "        WHERE newer.entry_at > e.entry_at"
    "           OR (newer.entry_at = e.entry_at AND newer.id > e.id))"
    " FROM journal_entry AS e WHERE e.uuid = ?1",
    NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

char **
reframe_journal_store_list_tags (ReframeJournalStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (REFRAME_IS_JOURNAL_STORE (self), NULL);

  stmt = reframe_database_prepare (self->database,
    "SELECT tag.value FROM journal_entry, json_each (journal_entry.tags) AS tag"
    " GROUP BY tag.value ORDER BY count(*) DESC, tag.value",
    NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));

  return g_strv_builder_end (builder);
}
