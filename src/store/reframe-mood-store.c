/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-mood-store"

#include "config.h"

#include <json-glib/json-glib.h>

#include "reframe-date.h"
#include "reframe-mood-store.h"
#include "reframe-sqlite-autocleanups.h"
#include "reframe-store-json.h"

struct _ReframeMoodStore
{
  GObject          parent_instance;

  ReframeDatabase *database;
};

G_DEFINE_FINAL_TYPE (ReframeMoodStore, reframe_mood_store, G_TYPE_OBJECT)

enum {
  CHECKIN_SAVED,
  CHECKIN_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define CHECKIN_COLUMNS \
  "uuid, recorded_at, recorded_offset, mood, energy, anxiety, sleep_hours, emotions," \
  " activities, note"

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
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return reframe_store_json_node_to_string (root);
}

static GPtrArray *
emotions_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  GPtrArray *emotions = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_emotion_rating_free);
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return emotions;

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *emotion;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      emotion = json_object_get_string_member_with_default (object, "emotion", NULL);
      if (emotion == NULL)
        continue;
      g_ptr_array_add (emotions, reframe_emotion_rating_new (
        emotion, json_object_get_int_member_with_default (object, "intensity", 50), -1));
    }

  return emotions;
}

static ReframeCheckin *
checkin_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) recorded_at = NULL;
  g_autoptr(GPtrArray) emotions = NULL;
  g_auto(GStrv) activities = NULL;
  ReframeCheckin *checkin;

  recorded_at = reframe_date_from_stored (sqlite3_column_int64 (stmt, 1),
                                          sqlite3_column_int (stmt, 2));
  checkin = reframe_checkin_new (recorded_at, sqlite3_column_int (stmt, 3));
  reframe_checkin_set_uuid (checkin, (const char *) sqlite3_column_text (stmt, 0));
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    reframe_checkin_set_energy (checkin, sqlite3_column_int (stmt, 4));
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    reframe_checkin_set_anxiety (checkin, sqlite3_column_int (stmt, 5));
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    reframe_checkin_set_sleep_hours (checkin, sqlite3_column_double (stmt, 6));

  emotions = emotions_from_json ((const char *) sqlite3_column_text (stmt, 7));
  reframe_checkin_set_emotions (checkin, emotions);
  activities = reframe_store_json_to_strv ((const char *) sqlite3_column_text (stmt, 8));
  reframe_checkin_set_activities (checkin, (const char * const *) activities);
  reframe_checkin_set_note (checkin, (const char *) sqlite3_column_text (stmt, 9));

  return checkin;
}

static GPtrArray *
collect_checkins (ReframeMoodStore  *self,
                  sqlite3_stmt      *stmt,
                  GError           **error)
{
  g_autoptr(GPtrArray) checkins = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (checkins, checkin_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                  "Could not list check-ins");
      return NULL;
    }

  return g_steal_pointer (&checkins);
}

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           column,
                   int           value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int (stmt, column, value);
}

static void
reframe_mood_store_dispose (GObject *object)
{
  ReframeMoodStore *self = (ReframeMoodStore *)object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (reframe_mood_store_parent_class)->dispose (object);
}

static void
reframe_mood_store_class_init (ReframeMoodStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reframe_mood_store_dispose;

  signals[CHECKIN_SAVED] =
    g_signal_new ("checkin-saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, REFRAME_TYPE_CHECKIN, G_TYPE_BOOLEAN);

  signals[CHECKIN_DELETED] =
    g_signal_new ("checkin-deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
reframe_mood_store_init (ReframeMoodStore *self)
{
}

ReframeMoodStore *
reframe_mood_store_new (ReframeDatabase *database)
{
  ReframeMoodStore *self;

  g_return_val_if_fail (REFRAME_IS_DATABASE (database), NULL);

  self = g_object_new (REFRAME_TYPE_MOOD_STORE, NULL);
  self->database = g_object_ref (database);

  return self;
}

gboolean
reframe_mood_store_save (ReframeMoodStore  *self,
                         ReframeCheckin    *checkin,
                         GError           **error)
{
  g_autoptr(sqlite3_stmt) exists = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *emotions = NULL;
  g_autofree char *activities = NULL;
  GDateTime *recorded_at;
  double sleep_hours;
  gboolean created;
  int rc;

  g_return_val_if_fail (REFRAME_IS_MOOD_STORE (self), FALSE);
  g_return_val_if_fail (REFRAME_IS_CHECKIN (checkin), FALSE);

  if (!reframe_database_check_text (reframe_checkin_get_note (checkin), "note", error))
    return FALSE;
  for (const char * const *a = reframe_checkin_get_activities (checkin); *a; a++)
    if (!reframe_database_check_text (*a, "activity", error))
      return FALSE;
  for (guint i = 0; i < reframe_checkin_get_emotions (checkin)->len; i++)
    {
      const ReframeEmotionRating *rating = g_ptr_array_index (reframe_checkin_get_emotions (checkin), i);
      if (!reframe_database_check_text (rating->emotion, "emotion", error))
        return FALSE;
    }

  now = g_date_time_new_now_local ();
  if (reframe_checkin_get_uuid (checkin) == NULL)
    {
      g_autofree char *uuid = reframe_database_new_uuid ();
      reframe_checkin_set_uuid (checkin, uuid);
    }
  if (reframe_checkin_get_recorded_at (checkin) == NULL)
    reframe_checkin_set_recorded_at (checkin, now);
  recorded_at = reframe_checkin_get_recorded_at (checkin);

  exists = reframe_database_prepare (self->database,
                                     "SELECT 1 FROM checkin WHERE uuid = ?1", error);
  if (exists == NULL)
    return FALSE;
  sqlite3_bind_text (exists, 1, reframe_checkin_get_uuid (checkin), -1, SQLITE_STATIC);
  created = sqlite3_step (exists) != SQLITE_ROW;

  emotions = emotions_to_json (reframe_checkin_get_emotions (checkin));
  activities = reframe_store_json_from_strv (reframe_checkin_get_activities (checkin));

  stmt = reframe_database_prepare (self->database,
    "INSERT INTO checkin (uuid, recorded_at, recorded_offset, mood, energy, anxiety,"
    "                     sleep_hours, emotions, activities, note, created_at,"
    "                     created_offset, updated_at, updated_offset)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?11, ?12)"
    " ON CONFLICT (uuid) DO UPDATE SET"
    "   recorded_at = excluded.recorded_at, recorded_offset = excluded.recorded_offset,"
    "   mood = excluded.mood, energy = excluded.energy, anxiety = excluded.anxiety,"
    "   sleep_hours = excluded.sleep_hours, emotions = excluded.emotions,"
    "   activities = excluded.activities, note = excluded.note,"
    "   updated_at = excluded.updated_at, updated_offset = excluded.updated_offset",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, reframe_checkin_get_uuid (checkin), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (recorded_at));
  sqlite3_bind_int (stmt, 3, reframe_date_get_offset (recorded_at));
  sqlite3_bind_int (stmt, 4, reframe_checkin_get_mood (checkin));
  bind_optional_int (stmt, 5, reframe_checkin_get_energy (checkin));
  bind_optional_int (stmt, 6, reframe_checkin_get_anxiety (checkin));
  sleep_hours = reframe_checkin_get_sleep_hours (checkin);
  if (sleep_hours < 0)
    sqlite3_bind_null (stmt, 7);
  else
    sqlite3_bind_double (stmt, 7, sleep_hours);
  sqlite3_bind_text (stmt, 8, emotions, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, activities, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, reframe_checkin_get_note (checkin), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, g_date_time_to_unix (now));
  sqlite3_bind_int (stmt, 12, reframe_date_get_offset (now));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                       "Could not save the check-in");

  g_signal_emit (self, signals[CHECKIN_SAVED], 0, checkin, created);
  return TRUE;
}

ReframeCheckin *
reframe_mood_store_get (ReframeMoodStore  *self,
                        const char        *uuid,
                        GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_MOOD_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  stmt = reframe_database_prepare (self->database,
                                   "SELECT " CHECKIN_COLUMNS " FROM checkin WHERE uuid = ?1",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return checkin_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND,
                 "There is no check-in %s", uuid);
  else
    reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                "Could not read the check-in");
  return NULL;
}

gboolean
reframe_mood_store_delete (ReframeMoodStore  *self,
                           const char        *uuid,
                           GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (REFRAME_IS_MOOD_STORE (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  stmt = reframe_database_prepare (self->database, "DELETE FROM checkin WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);

  db = reframe_database_get_handle (self->database);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return reframe_database_set_error (error, db, rc, "Could not delete the check-in");
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND,
                   "There is no check-in %s", uuid);
      return FALSE;
    }

  g_signal_emit (self, signals[CHECKIN_DELETED], 0, uuid);
  return TRUE;
}

guint
reframe_mood_store_count (ReframeMoodStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (REFRAME_IS_MOOD_STORE (self), 0);

  stmt = reframe_database_prepare (self->database, "SELECT count(*) FROM checkin", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int (stmt, 0);
}

GPtrArray *
reframe_mood_store_list (ReframeMoodStore  *self,
                         guint              offset,
                         guint              limit,
                         GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (REFRAME_IS_MOOD_STORE (self), NULL);

  stmt = reframe_database_prepare (self->database,
    "SELECT " CHECKIN_COLUMNS " FROM checkin"
    " ORDER BY recorded_at DESC, id DESC LIMIT ?1 OFFSET ?2",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, offset);

  return collect_checkins (self, stmt, error);
}

GPtrArray *
reframe_mood_store_list_between (ReframeMoodStore  *self,
                                 GDateTime         *from,
                                 GDateTime         *to,
                                 GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (REFRAME_IS_MOOD_STORE (self), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  stmt = reframe_database_prepare (self->database,
    "SELECT " CHECKIN_COLUMNS " FROM checkin"
    " WHERE recorded_at >= ?1 AND recorded_at < ?2"
    " ORDER BY recorded_at, id",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (from));
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (to));

  return collect_checkins (self, stmt, error);
}

char **
reframe_mood_store_list_activities (ReframeMoodStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (REFRAME_IS_MOOD_STORE (self), NULL);

  stmt = reframe_database_prepare (self->database,
    "SELECT activity.value FROM checkin, json_each (checkin.activities) AS activity"
    " GROUP BY activity.value ORDER BY count(*) DESC, activity.value",
    NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));

  return g_strv_builder_end (builder);
}
