/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-assignment-store"

#include "config.h"

#include "reframe-assignment-store.h"
#include "reframe-date.h"
#include "reframe-sqlite-autocleanups.h"

struct _ReframeAssignmentStore
{
  GObject          parent_instance;

  ReframeDatabase *database;
};

G_DEFINE_FINAL_TYPE (ReframeAssignmentStore, reframe_assignment_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ASSIGNMENT_COLUMNS \
  "a.uuid, a.pack_uuid, p.therapist_name, a.exercise_id, a.definition, a.title," \
  " a.instructions, a.frequency, a.times_per_week, a.start_date, a.end_date," \
  " a.reminder_minutes, a.ai_feedback, a.ai_guidance, a.paused"

static void
reframe_assignment_store_dispose (GObject *object)
{
  ReframeAssignmentStore *self = (ReframeAssignmentStore *)object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (reframe_assignment_store_parent_class)->dispose (object);
}

static void
reframe_assignment_store_class_init (ReframeAssignmentStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reframe_assignment_store_dispose;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
reframe_assignment_store_init (ReframeAssignmentStore *self)
{
}

ReframeAssignmentStore *
reframe_assignment_store_new (ReframeDatabase *database)
{
  ReframeAssignmentStore *self;

  g_return_val_if_fail (REFRAME_IS_DATABASE (database), NULL);

  self = g_object_new (REFRAME_TYPE_ASSIGNMENT_STORE, NULL);
  self->database = g_object_ref (database);
  return self;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
step_done (ReframeAssignmentStore  *self,
           sqlite3_stmt            *stmt,
           const char              *what,
           GError                 **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                       what);
  return TRUE;
}

static gboolean
insert_pack (ReframeAssignmentStore  *self,
             ReframePack             *pack,
             GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *created = NULL;

  stmt = reframe_database_prepare (self->database,
    "INSERT INTO pack (uuid, therapist_name, therapist_contact, message, created, imported_at,"
    " imported_offset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    error);
  if (stmt == NULL)
    return FALSE;

  if (reframe_pack_get_created (pack) != NULL)
    created = g_date_time_format_iso8601 (reframe_pack_get_created (pack));
  sqlite3_bind_text (stmt, 1, reframe_pack_get_id (pack), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 2, reframe_pack_get_therapist_name (pack));
  bind_text_or_null (stmt, 3, reframe_pack_get_therapist_contact (pack));
  bind_text_or_null (stmt, 4, reframe_pack_get_message (pack));
  bind_text_or_null (stmt, 5, created);
  sqlite3_bind_int64 (stmt, 6, g_date_time_to_unix (now));
  sqlite3_bind_int (stmt, 7, reframe_date_get_offset (now));
  return step_done (self, stmt, "Could not add the pack", error);
}

static gboolean
insert_assignment (ReframeAssignmentStore  *self,
                   ReframePack             *pack,
                   ReframeAssignment       *assignment,
                   guint                    position,
                   GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  int reminder = reframe_assignment_get_reminder (assignment);

  stmt = reframe_database_prepare (self->database,
    "INSERT INTO assignment (uuid, pack_uuid, position, exercise_id, definition, title,"
    " instructions, frequency, times_per_week, start_date, end_date, reminder_minutes,"
    " ai_feedback, ai_guidance, paused)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    error);
  if (stmt == NULL)
    return FALSE;

  start = reframe_assignment_format_date_iso (reframe_assignment_get_start (assignment));
  if (reframe_assignment_get_end (assignment) != NULL)
    end = reframe_assignment_format_date_iso (reframe_assignment_get_end (assignment));

  sqlite3_bind_text (stmt, 1, reframe_assignment_get_uuid (assignment), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, reframe_pack_get_id (pack), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, position);
  sqlite3_bind_text (stmt, 4, reframe_assignment_get_exercise_id (assignment), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 5, reframe_assignment_get_definition_json (assignment));
  sqlite3_bind_text (stmt, 6, reframe_assignment_get_title (assignment), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 7, reframe_assignment_get_instructions (assignment));
  sqlite3_bind_text (stmt, 8, reframe_frequency_to_string (reframe_assignment_get_frequency (assignment)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, reframe_assignment_get_times_per_week (assignment));
  sqlite3_bind_text (stmt, 10, start, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 11, end);
  if (reminder != REFRAME_ASSIGNMENT_NO_REMINDER)
    sqlite3_bind_int (stmt, 12, reminder);
  else
    sqlite3_bind_null (stmt, 12);
  sqlite3_bind_int (stmt, 13, reframe_assignment_get_ai_feedback (assignment));
  bind_text_or_null (stmt, 14, reframe_assignment_get_ai_guidance (assignment));
  sqlite3_bind_int (stmt, 15, reframe_assignment_get_paused (assignment));
  return step_done (self, stmt, "Could not add the assignment", error);
}

gboolean
reframe_assignment_store_import (ReframeAssignmentStore  *self,
                                 ReframePack             *pack,
                                 GError                 **error)
{
  const GPtrArray *assignments;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_STORE (self), FALSE);
  g_return_val_if_fail (REFRAME_IS_PACK (pack), FALSE);

  if (reframe_assignment_store_has_pack (self, reframe_pack_get_id (pack)))
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_INVALID,
                   "This pack has already been added");
      return FALSE;
    }

  if (!reframe_database_begin (self->database, error))
    return FALSE;

  assignments = reframe_pack_get_assignments (pack);
  if (!insert_pack (self, pack, error))
    goto fail;
  for (guint i = 0; i < assignments->len; i++)
    if (!insert_assignment (self, pack, g_ptr_array_index (assignments, i), i, error))
      goto fail;

  if (!reframe_database_commit (self->database, error))
    return FALSE;

  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;

fail:
  reframe_database_rollback (self->database);
  return FALSE;
}

gboolean
reframe_assignment_store_has_pack (ReframeAssignmentStore *self,
                                   const char             *pack_uuid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_STORE (self), FALSE);
  g_return_val_if_fail (pack_uuid != NULL, FALSE);

  stmt = reframe_database_prepare (self->database, "SELECT 1 FROM pack WHERE uuid = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pack_uuid, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static ReframeAssignment *
assignment_from_row (sqlite3_stmt *stmt)
{
  ReframeAssignment *assignment = reframe_assignment_new ();
  ReframeFrequency frequency = REFRAME_FREQUENCY_ONCE;
  GDate start, end;

  reframe_assignment_set_uuid (assignment, (const char *) sqlite3_column_text (stmt, 0));
  reframe_assignment_set_pack_uuid (assignment, (const char *) sqlite3_column_text (stmt, 1));
  reframe_assignment_set_therapist_name (assignment, (const char *) sqlite3_column_text (stmt, 2));
  reframe_assignment_set_exercise_id (assignment, (const char *) sqlite3_column_text (stmt, 3));
  reframe_assignment_set_definition_json (assignment, (const char *) sqlite3_column_text (stmt, 4));
  reframe_assignment_set_title (assignment, (const char *) sqlite3_column_text (stmt, 5));
  reframe_assignment_set_instructions (assignment, (const char *) sqlite3_column_text (stmt, 6));
  /* The table checks the value. */
  reframe_frequency_from_string ((const char *) sqlite3_column_text (stmt, 7), &frequency);
  reframe_assignment_set_frequency (assignment, frequency);
  reframe_assignment_set_times_per_week (assignment, sqlite3_column_int (stmt, 8));
  if (reframe_assignment_parse_date ((const char *) sqlite3_column_text (stmt, 9), &start))
    reframe_assignment_set_start (assignment, &start);
  reframe_assignment_parse_date ((const char *) sqlite3_column_text (stmt, 10), &end);
  reframe_assignment_set_end (assignment, &end);
  reframe_assignment_set_reminder (assignment, sqlite3_column_type (stmt, 11) == SQLITE_NULL
                                                 ? REFRAME_ASSIGNMENT_NO_REMINDER
                                                 : sqlite3_column_int (stmt, 11));
  reframe_assignment_set_ai_feedback (assignment, sqlite3_column_int (stmt, 12));
  reframe_assignment_set_ai_guidance (assignment, (const char *) sqlite3_column_text (stmt, 13));
  reframe_assignment_set_paused (assignment, sqlite3_column_int (stmt, 14));
  return assignment;
}

/* Completed responses linked to each assignment, by the day they were begun. */
static gboolean
load_completions (ReframeAssignmentStore  *self,
                  GPtrArray               *assignments,
                  GError                 **error)
{
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (guint i = 0; i < assignments->len; i++)
    g_hash_table_insert (by_uuid,
                         (gpointer) reframe_assignment_get_uuid (g_ptr_array_index (assignments, i)),
                         g_ptr_array_index (assignments, i));

  stmt = reframe_database_prepare (self->database,
    "SELECT l.assignment_uuid, r.created_at, r.created_offset"
    " FROM assignment_response l JOIN exercise_response r ON r.uuid = l.response_uuid"
    " WHERE r.completed = 1 ORDER BY r.created_at",
    error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReframeAssignment *assignment = g_hash_table_lookup (by_uuid, sqlite3_column_text (stmt, 0));

      if (assignment != NULL)
        g_ptr_array_add (reframe_assignment_get_completions (assignment),
                         reframe_date_from_stored (sqlite3_column_int64 (stmt, 1),
                                                   sqlite3_column_int (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    return reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                       "Could not read what was done");
  return TRUE;
}

GPtrArray *
reframe_assignment_store_list (ReframeAssignmentStore  *self,
                               GError                 **error)
{
  g_autoptr(GPtrArray) assignments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_STORE (self), NULL);

  stmt = reframe_database_prepare (self->database,
    "SELECT " ASSIGNMENT_COLUMNS " FROM assignment a JOIN pack p ON p.uuid = a.pack_uuid"
    " ORDER BY p.imported_at, p.id, a.position, a.id",
    error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (assignments, assignment_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                  "Could not read the assignments");
      return NULL;
    }
  if (!load_completions (self, assignments, error))
    return NULL;

  return g_steal_pointer (&assignments);
}

ReframeAssignment *
reframe_assignment_store_get (ReframeAssignmentStore  *self,
                              const char              *uuid,
                              GError                 **error)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  /* A person has a few dozen assignments at most. */
  all = reframe_assignment_store_list (self, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (reframe_assignment_get_uuid (g_ptr_array_index (all, i)), uuid) == 0)
      return g_object_ref (g_ptr_array_index (all, i));

  g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND,
               "There is no assignment %s", uuid);
  return NULL;
}

guint
reframe_assignment_store_count (ReframeAssignmentStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_STORE (self), 0);

  stmt = reframe_database_prepare (self->database, "SELECT count(*) FROM assignment", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int (stmt, 0);
}

static gboolean
change_one (ReframeAssignmentStore  *self,
            sqlite3_stmt            *stmt,
            const char              *uuid,
            const char              *what,
            GError                 **error)
{
  if (!step_done (self, stmt, what, error))
    return FALSE;
  if (sqlite3_changes (reframe_database_get_handle (self->database)) == 0)
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND,
                   "There is no assignment %s", uuid);
      return FALSE;
    }
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
reframe_assignment_store_set_paused (ReframeAssignmentStore  *self,
                                     const char              *uuid,
                                     gboolean                 paused,
                                     GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_STORE (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  stmt = reframe_database_prepare (self->database,
                                   "UPDATE assignment SET paused = ?2 WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, !!paused);
  return change_one (self, stmt, uuid, "Could not change the assignment", error);
}

gboolean
reframe_assignment_store_remove (ReframeAssignmentStore  *self,
                                 const char              *uuid,
                                 GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_STORE (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  stmt = reframe_database_prepare (self->database, "DELETE FROM assignment WHERE uuid = ?1",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  return change_one (self, stmt, uuid, "Could not remove the assignment", error);
}

gboolean
reframe_assignment_store_link_response (ReframeAssignmentStore  *self,
                                        const char              *assignment_uuid,
                                        const char              *response_uuid,
                                        GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_STORE (self), FALSE);
  g_return_val_if_fail (assignment_uuid != NULL, FALSE);
  g_return_val_if_fail (response_uuid != NULL, FALSE);

  stmt = reframe_database_prepare (self->database,
    "INSERT INTO assignment_response (assignment_uuid, response_uuid) VALUES (?1, ?2)"
    " ON CONFLICT DO NOTHING",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, assignment_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, response_uuid, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, "Could not link the exercise to the assignment", error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static char *
query_one_text (ReframeAssignmentStore *self,
                const char             *sql,
                const char             *parameter)
{
  g_autoptr(sqlite3_stmt) stmt = reframe_database_prepare (self->database, sql, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, parameter, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

char *
reframe_assignment_store_find_assignment (ReframeAssignmentStore *self,
                                          const char             *response_uuid)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_STORE (self), NULL);
  g_return_val_if_fail (response_uuid != NULL, NULL);

  return query_one_text (self,
                         "SELECT assignment_uuid FROM assignment_response WHERE response_uuid = ?1",
                         response_uuid);
}

char *
reframe_assignment_store_find_unfinished (ReframeAssignmentStore *self,
                                          const char             *assignment_uuid)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_STORE (self), NULL);
  g_return_val_if_fail (assignment_uuid != NULL, NULL);

  return query_one_text (self,
                         "SELECT r.uuid FROM assignment_response l"
                         " JOIN exercise_response r ON r.uuid = l.response_uuid"
                         " WHERE l.assignment_uuid = ?1 AND r.completed = 0"
                         " ORDER BY r.created_at DESC, r.id DESC LIMIT 1",
                         assignment_uuid);
}
