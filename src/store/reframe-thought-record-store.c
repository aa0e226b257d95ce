/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-thought-record-store"

#include "config.h"

#include <json-glib/json-glib.h>

#include "reframe-date.h"
#include "reframe-sqlite-autocleanups.h"
#include "reframe-store-json.h"
#include "reframe-thought-record-store.h"

struct _ReframeThoughtRecordStore
{
  GObject          parent_instance;

  ReframeDatabase *database;
};

G_DEFINE_FINAL_TYPE (ReframeThoughtRecordStore, reframe_thought_record_store, G_TYPE_OBJECT)

enum {
  RECORD_SAVED,
  RECORD_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define RECORD_COLUMNS \
  "uuid, situation, emotions, thoughts, traps, evidence_for, evidence_against," \
  " balanced_thought, balanced_belief, step, completed, created_at, created_offset," \
  " updated_at, updated_offset"

static char *
emotions_to_json (GPtrArray *emotions)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < emotions->len; i++)
    {
      const ReframeEmotionRating *rating = g_ptr_array_index (emotions, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "emotion");
      json_builder_add_string_value (builder, rating->emotion);
      json_builder_set_member_name (builder, "intensity");
      json_builder_add_int_value (builder, rating->intensity);
      json_builder_set_member_name (builder, "after");
      if (rating->after < 0)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, rating->after);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return reframe_store_json_node_to_string (root);
}

static char *
thoughts_to_json (GPtrArray *thoughts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < thoughts->len; i++)
    {
      const ReframeAutomaticThought *thought = g_ptr_array_index (thoughts, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, thought->text);
      json_builder_set_member_name (builder, "belief");
      json_builder_add_int_value (builder, thought->belief);
      json_builder_set_member_name (builder, "hot");
      json_builder_add_boolean_value (builder, thought->hot);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return reframe_store_json_node_to_string (root);
}

static JsonArray *
parse_array (JsonParser *parser,
             const char *json)
{
  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;
  return json_node_get_array (json_parser_get_root (parser));
}

static GPtrArray *
emotions_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  GPtrArray *emotions = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_emotion_rating_free);
  JsonArray *array = parse_array (parser, json);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      const char *emotion;
      JsonNode *after;

      if (object == NULL)
        continue;
      emotion = json_object_get_string_member_with_default (object, "emotion", NULL);
      if (emotion == NULL)
        continue;
      after = json_object_get_member (object, "after");
      g_ptr_array_add (emotions, reframe_emotion_rating_new (
        emotion,
        json_object_get_int_member_with_default (object, "intensity", 50),
        after != NULL && !JSON_NODE_HOLDS_NULL (after) ? json_node_get_int (after) : -1));
    }

  return emotions;
}

static GPtrArray *
thoughts_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  GPtrArray *thoughts = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_automatic_thought_free);
  JsonArray *array = parse_array (parser, json);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (object == NULL)
        continue;
      g_ptr_array_add (thoughts, reframe_automatic_thought_new (
        json_object_get_string_member_with_default (object, "text", ""),
        json_object_get_int_member_with_default (object, "belief", 50),
        json_object_get_boolean_member_with_default (object, "hot", FALSE)));
    }

  return thoughts;
}

static ReframeThoughtRecord *
record_from_row (sqlite3_stmt *stmt)
{
  ReframeThoughtRecord *record = reframe_thought_record_new ();
  g_autoptr(GPtrArray) emotions = NULL;
  g_autoptr(GPtrArray) thoughts = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  g_auto(GStrv) traps = NULL;
  int step;

  reframe_thought_record_set_uuid (record, (const char *) sqlite3_column_text (stmt, 0));
  reframe_thought_record_set_situation (record, (const char *) sqlite3_column_text (stmt, 1));
  emotions = emotions_from_json ((const char *) sqlite3_column_text (stmt, 2));
  reframe_thought_record_set_emotions (record, emotions);
  thoughts = thoughts_from_json ((const char *) sqlite3_column_text (stmt, 3));
  reframe_thought_record_set_thoughts (record, thoughts);
  traps = reframe_store_json_to_strv ((const char *) sqlite3_column_text (stmt, 4));
  reframe_thought_record_set_traps (record, (const char * const *) traps);
  reframe_thought_record_set_evidence_for (record, (const char *) sqlite3_column_text (stmt, 5));
  reframe_thought_record_set_evidence_against (record, (const char *) sqlite3_column_text (stmt, 6));
  reframe_thought_record_set_balanced_thought (record, (const char *) sqlite3_column_text (stmt, 7));
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    reframe_thought_record_set_balanced_belief (record, sqlite3_column_int (stmt, 8));
  step = sqlite3_column_int (stmt, 9);
  reframe_thought_record_set_step (record, MIN (step, REFRAME_THOUGHT_RECORD_N_STEPS - 1));
  reframe_thought_record_set_completed (record, sqlite3_column_int (stmt, 10));
  created_at = reframe_date_from_stored (sqlite3_column_int64 (stmt, 11),
                                         sqlite3_column_int (stmt, 12));
  updated_at = reframe_date_from_stored (sqlite3_column_int64 (stmt, 13),
                                         sqlite3_column_int (stmt, 14));
  reframe_thought_record_set_created_at (record, created_at);
  reframe_thought_record_set_updated_at (record, updated_at);

  return record;
}

static gboolean
check_record_text (ReframeThoughtRecord  *record,
                   GError               **error)
{
  GPtrArray *emotions = reframe_thought_record_get_emotions (record);
  GPtrArray *thoughts = reframe_thought_record_get_thoughts (record);

  if (!reframe_database_check_text (reframe_thought_record_get_situation (record), "situation", error) ||
      !reframe_database_check_text (reframe_thought_record_get_evidence_for (record), "evidence", error) ||
      !reframe_database_check_text (reframe_thought_record_get_evidence_against (record), "evidence", error) ||
      !reframe_database_check_text (reframe_thought_record_get_balanced_thought (record), "balanced thought", error))
    return FALSE;

  for (guint i = 0; i < emotions->len; i++)
    if (!reframe_database_check_text (((ReframeEmotionRating *) g_ptr_array_index (emotions, i))->emotion,
                                      "emotion", error))
      return FALSE;
  for (guint i = 0; i < thoughts->len; i++)
    if (!reframe_database_check_text (((ReframeAutomaticThought *) g_ptr_array_index (thoughts, i))->text,
                                      "thought", error))
      return FALSE;
  for (const char * const *t = reframe_thought_record_get_traps (record); *t; t++)
    if (!reframe_database_check_text (*t, "thinking trap", error))
      return FALSE;

  return TRUE;
}

static void
reframe_thought_record_store_dispose (GObject *object)
{
  ReframeThoughtRecordStore *self = (ReframeThoughtRecordStore *)object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (reframe_thought_record_store_parent_class)->dispose (object);
}

static void
reframe_thought_record_store_class_init (ReframeThoughtRecordStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reframe_thought_record_store_dispose;

  signals[RECORD_SAVED] =
    g_signal_new ("record-saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, REFRAME_TYPE_THOUGHT_RECORD, G_TYPE_BOOLEAN);

  signals[RECORD_DELETED] =
    g_signal_new ("record-deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
reframe_thought_record_store_init (ReframeThoughtRecordStore *self)
{
}

ReframeThoughtRecordStore *
reframe_thought_record_store_new (ReframeDatabase *database)
{
  ReframeThoughtRecordStore *self;

  g_return_val_if_fail (REFRAME_IS_DATABASE (database), NULL);

  self = g_object_new (REFRAME_TYPE_THOUGHT_RECORD_STORE, NULL);
  self->database = g_object_ref (database);

  return self;
}

gboolean
reframe_thought_record_store_save (ReframeThoughtRecordStore  *self,
                                   ReframeThoughtRecord       *record,
                                   GError                    **error)
{
  g_autoptr(sqlite3_stmt) exists = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *emotions = NULL;
  g_autofree char *thoughts = NULL;
  g_autofree char *traps = NULL;
  GDateTime *created_at;
  gboolean created;
  int rc;

  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD_STORE (self), FALSE);
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (record), FALSE);

  if (!check_record_text (record, error))
    return FALSE;

  now = g_date_time_new_now_local ();
  if (reframe_thought_record_get_uuid (record) == NULL)
    {
      g_autofree char *uuid = reframe_database_new_uuid ();
      reframe_thought_record_set_uuid (record, uuid);
    }
  if (reframe_thought_record_get_created_at (record) == NULL)
    reframe_thought_record_set_created_at (record, now);
  created_at = reframe_thought_record_get_created_at (record);

  exists = reframe_database_prepare (self->database,
                                     "SELECT 1 FROM thought_record WHERE uuid = ?1", error);
  if (exists == NULL)
    return FALSE;
  sqlite3_bind_text (exists, 1, reframe_thought_record_get_uuid (record), -1, SQLITE_STATIC);
  created = sqlite3_step (exists) != SQLITE_ROW;

  emotions = emotions_to_json (reframe_thought_record_get_emotions (record));
  thoughts = thoughts_to_json (reframe_thought_record_get_thoughts (record));
  traps = reframe_store_json_from_strv (reframe_thought_record_get_traps (record));

  stmt = reframe_database_prepare (self->database,
    "INSERT INTO thought_record (uuid, situation, emotions, thoughts, traps, evidence_for,"
    "                            evidence_against, balanced_thought, balanced_belief, step,"
    "                            completed, created_at, created_offset, updated_at,"
    "                            updated_offset)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
    " ON CONFLICT (uuid) DO UPDATE SET"
    "   situation = excluded.situation, emotions = excluded.emotions,"
    "   thoughts = excluded.thoughts, traps = excluded.traps,"
    "   evidence_for = excluded.evidence_for, evidence_against = excluded.evidence_against,"
    "   balanced_thought = excluded.balanced_thought,"
    "   balanced_belief = excluded.balanced_belief, step = excluded.step,"
    "   completed = excluded.completed, updated_at = excluded.updated_at,"
    "   updated_offset = excluded.updated_offset",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, reframe_thought_record_get_uuid (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, reframe_thought_record_get_situation (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, emotions, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, thoughts, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, traps, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, reframe_thought_record_get_evidence_for (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, reframe_thought_record_get_evidence_against (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, reframe_thought_record_get_balanced_thought (record), -1, SQLITE_STATIC);
  if (reframe_thought_record_get_balanced_belief (record) < 0)
    sqlite3_bind_null (stmt, 9);
  else
    sqlite3_bind_int (stmt, 9, reframe_thought_record_get_balanced_belief (record));
  sqlite3_bind_int (stmt, 10, reframe_thought_record_get_step (record));
  sqlite3_bind_int (stmt, 11, reframe_thought_record_get_completed (record));
  sqlite3_bind_int64 (stmt, 12, g_date_time_to_unix (created_at));
  sqlite3_bind_int (stmt, 13, reframe_date_get_offset (created_at));
  sqlite3_bind_int64 (stmt, 14, g_date_time_to_unix (now));
  sqlite3_bind_int (stmt, 15, reframe_date_get_offset (now));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                       "Could not save the thought record");

  reframe_thought_record_set_updated_at (record, now);
  g_signal_emit (self, signals[RECORD_SAVED], 0, record, created);
  return TRUE;
}

ReframeThoughtRecord *
reframe_thought_record_store_get (ReframeThoughtRecordStore  *self,
                                  const char                 *uuid,
                                  GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  stmt = reframe_database_prepare (self->database,
                                   "SELECT " RECORD_COLUMNS " FROM thought_record WHERE uuid = ?1",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return record_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND,
                 "There is no thought record %s", uuid);
  else
    reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                "Could not read the thought record");
  return NULL;
}

gboolean
reframe_thought_record_store_delete (ReframeThoughtRecordStore  *self,
                                     const char                 *uuid,
                                     GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD_STORE (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  stmt = reframe_database_prepare (self->database,
                                   "DELETE FROM thought_record WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);

  db = reframe_database_get_handle (self->database);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return reframe_database_set_error (error, db, rc, "Could not delete the thought record");
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND,
                   "There is no thought record %s", uuid);
      return FALSE;
    }

  g_signal_emit (self, signals[RECORD_DELETED], 0, uuid);
  return TRUE;
}

guint
reframe_thought_record_store_count (ReframeThoughtRecordStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD_STORE (self), 0);

  stmt = reframe_database_prepare (self->database, "SELECT count(*) FROM thought_record", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int (stmt, 0);
}

GPtrArray *
reframe_thought_record_store_list (ReframeThoughtRecordStore  *self,
                                   guint                       offset,
                                   guint                       limit,
                                   GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) records = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD_STORE (self), NULL);

  stmt = reframe_database_prepare (self->database,
    "SELECT " RECORD_COLUMNS " FROM thought_record"
    " ORDER BY updated_at DESC, id DESC LIMIT ?1 OFFSET ?2",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, offset);

  records = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                  "Could not list thought records");
      return NULL;
    }

  return g_steal_pointer (&records);
}
