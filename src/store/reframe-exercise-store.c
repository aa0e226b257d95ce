/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-exercise-store"

#include "config.h"

#include <string.h>

#include "reframe-date.h"
#include "reframe-exercise-store.h"
#include "reframe-sqlite-autocleanups.h"

struct _ReframeExerciseStore
{
  GObject          parent_instance;

  ReframeDatabase *database;
};

G_DEFINE_FINAL_TYPE (ReframeExerciseStore, reframe_exercise_store, G_TYPE_OBJECT)

enum {
  RESPONSE_SAVED,
  RESPONSE_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define RESPONSE_COLUMNS \
  "uuid, exercise_id, exercise_version, definition, answers, step, completed," \
  " created_at, created_offset, updated_at, updated_offset"

static JsonObject *
parse_answers (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  /* The table only holds valid JSON objects; a damaged row still opens, empty. */
  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return json_object_new ();
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

static ReframeExerciseResponse *
response_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(JsonObject) answers = parse_answers ((const char *) sqlite3_column_text (stmt, 4));
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  ReframeExerciseResponse *response;

  response = reframe_exercise_response_new_stored ((const char *) sqlite3_column_text (stmt, 0),
                                                   (const char *) sqlite3_column_text (stmt, 1),
                                                   sqlite3_column_int (stmt, 2),
                                                   (const char *) sqlite3_column_text (stmt, 3),
                                                   answers);
  reframe_exercise_response_set_step (response, sqlite3_column_int (stmt, 5));
  reframe_exercise_response_set_completed (response, sqlite3_column_int (stmt, 6));
  created_at = reframe_date_from_stored (sqlite3_column_int64 (stmt, 7),
                                         sqlite3_column_int (stmt, 8));
  updated_at = reframe_date_from_stored (sqlite3_column_int64 (stmt, 9),
                                         sqlite3_column_int (stmt, 10));
  reframe_exercise_response_set_created_at (response, created_at);
  reframe_exercise_response_set_updated_at (response, updated_at);

  return response;
}

static void
reframe_exercise_store_dispose (GObject *object)
{
  ReframeExerciseStore *self = (ReframeExerciseStore *)object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (reframe_exercise_store_parent_class)->dispose (object);
}

static void
reframe_exercise_store_class_init (ReframeExerciseStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reframe_exercise_store_dispose;

  signals[RESPONSE_SAVED] =
    g_signal_new ("response-saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, REFRAME_TYPE_EXERCISE_RESPONSE, G_TYPE_BOOLEAN);

  signals[RESPONSE_DELETED] =
    g_signal_new ("response-deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
reframe_exercise_store_init (ReframeExerciseStore *self)
{
}

ReframeExerciseStore *
reframe_exercise_store_new (ReframeDatabase *database)
{
  ReframeExerciseStore *self;

  g_return_val_if_fail (REFRAME_IS_DATABASE (database), NULL);

  self = g_object_new (REFRAME_TYPE_EXERCISE_STORE, NULL);
  self->database = g_object_ref (database);

  return self;
}

gboolean
reframe_exercise_store_save (ReframeExerciseStore     *self,
                             ReframeExerciseResponse  *response,
                             GError                  **error)
{
  g_autoptr(sqlite3_stmt) exists = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *answers = NULL;
  const char *definition;
  GDateTime *created_at;
  gboolean created;
  int rc;

  g_return_val_if_fail (REFRAME_IS_EXERCISE_STORE (self), FALSE);
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (response), FALSE);

  answers = reframe_exercise_response_dup_answers_json (response);
  definition = reframe_exercise_response_get_definition_json (response);
  if (!reframe_database_check_text (answers, "answers", error) ||
      !reframe_database_check_text (definition, "exercise definition", error))
    return FALSE;
  if (strlen (answers) > REFRAME_EXERCISE_MAX_ANSWERS_SIZE)
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_INVALID,
                   "The answers are too long to save (%" G_GSIZE_FORMAT " bytes)",
                   strlen (answers));
      return FALSE;
    }

  now = g_date_time_new_now_local ();
  if (reframe_exercise_response_get_uuid (response) == NULL)
    {
      g_autofree char *uuid = reframe_database_new_uuid ();
      reframe_exercise_response_set_uuid (response, uuid);
    }
  if (reframe_exercise_response_get_created_at (response) == NULL)
    reframe_exercise_response_set_created_at (response, now);
  created_at = reframe_exercise_response_get_created_at (response);

  exists = reframe_database_prepare (self->database,
                                     "SELECT 1 FROM exercise_response WHERE uuid = ?1", error);
  if (exists == NULL)
    return FALSE;
  sqlite3_bind_text (exists, 1, reframe_exercise_response_get_uuid (response), -1, SQLITE_STATIC);
  created = sqlite3_step (exists) != SQLITE_ROW;

  /* The definition and its id never change for a response; only what was answered does. */
  stmt = reframe_database_prepare (self->database,
    "INSERT INTO exercise_response (" RESPONSE_COLUMNS ")"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT (uuid) DO UPDATE SET"
    "   answers = excluded.answers, step = excluded.step, completed = excluded.completed,"
    "   updated_at = excluded.updated_at, updated_offset = excluded.updated_offset",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, reframe_exercise_response_get_uuid (response), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, reframe_exercise_response_get_exercise_id (response), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, reframe_exercise_response_get_exercise_version (response));
  sqlite3_bind_text (stmt, 4, definition, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, answers, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, reframe_exercise_response_get_step (response));
  sqlite3_bind_int (stmt, 7, reframe_exercise_response_get_completed (response));
  sqlite3_bind_int64 (stmt, 8, g_date_time_to_unix (created_at));
  sqlite3_bind_int (stmt, 9, reframe_date_get_offset (created_at));
  sqlite3_bind_int64 (stmt, 10, g_date_time_to_unix (now));
  sqlite3_bind_int (stmt, 11, reframe_date_get_offset (now));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                       "Could not save the exercise");

  reframe_exercise_response_set_updated_at (response, now);
  g_signal_emit (self, signals[RESPONSE_SAVED], 0, response, created);
  return TRUE;
}

ReframeExerciseResponse *
reframe_exercise_store_get (ReframeExerciseStore  *self,
                            const char            *uuid,
                            GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_EXERCISE_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  stmt = reframe_database_prepare (self->database,
                                   "SELECT " RESPONSE_COLUMNS " FROM exercise_response"
                                   " WHERE uuid = ?1",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return response_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND,
                 "There is no exercise %s", uuid);
  else
    reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                "Could not read the exercise");
  return NULL;
}

gboolean
reframe_exercise_store_delete (ReframeExerciseStore  *self,
                               const char            *uuid,
                               GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (REFRAME_IS_EXERCISE_STORE (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  stmt = reframe_database_prepare (self->database,
                                   "DELETE FROM exercise_response WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);

  db = reframe_database_get_handle (self->database);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return reframe_database_set_error (error, db, rc, "Could not delete the exercise");
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND,
                   "There is no exercise %s", uuid);
      return FALSE;
    }

  g_signal_emit (self, signals[RESPONSE_DELETED], 0, uuid);
  return TRUE;
}

guint
reframe_exercise_store_count (ReframeExerciseStore *self,
                              const char           *exercise_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (REFRAME_IS_EXERCISE_STORE (self), 0);

  stmt = reframe_database_prepare (self->database,
                                   "SELECT count(*) FROM exercise_response"
                                   " WHERE ?1 IS NULL OR exercise_id = ?1",
                                   NULL);
  if (stmt == NULL)
    return 0;
  if (exercise_id != NULL)
    sqlite3_bind_text (stmt, 1, exercise_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int (stmt, 0);
}

GPtrArray *
reframe_exercise_store_list (ReframeExerciseStore  *self,
                             const char            *exercise_id,
                             guint                  offset,
                             guint                  limit,
                             GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_EXERCISE_STORE (self), NULL);

  stmt = reframe_database_prepare (self->database,
    "SELECT " RESPONSE_COLUMNS " FROM exercise_response"
    " WHERE ?1 IS NULL OR exercise_id = ?1"
    " ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3",
    error);
  if (stmt == NULL)
    return NULL;
  if (exercise_id != NULL)
    sqlite3_bind_text (stmt, 1, exercise_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, offset);

  responses = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (responses, response_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                  "Could not list exercises");
      return NULL;
    }

  return g_steal_pointer (&responses);
}
