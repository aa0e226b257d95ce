/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-safety-log"

#include "config.h"

#include <string.h>

#include "reframe-date.h"
#include "reframe-safety-log.h"
#include "reframe-sqlite-autocleanups.h"

struct _ReframeSafetyLog
{
  GObject          parent_instance;

  ReframeDatabase *database;
};

G_DEFINE_FINAL_TYPE (ReframeSafetyLog, reframe_safety_log, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (ReframeSafetyEvent, reframe_safety_event,
                     reframe_safety_event_copy, reframe_safety_event_free)

enum {
  EVENT_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const ReframeSafetyKind all_kinds[] = {
  REFRAME_SAFETY_SUICIDE,
  REFRAME_SAFETY_SELF_HARM,
  REFRAME_SAFETY_HARM_TO_OTHERS,
  REFRAME_SAFETY_ABUSE,
};

ReframeSafetyEvent *
reframe_safety_event_copy (const ReframeSafetyEvent *self)
{
  ReframeSafetyEvent *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (ReframeSafetyEvent, 1);
  copy->uuid = g_strdup (self->uuid);
  copy->occurred_at = self->occurred_at ? g_date_time_ref (self->occurred_at) : NULL;
  copy->kind = self->kind;
  copy->source = g_strdup (self->source);
  return copy;
}

void
reframe_safety_event_free (ReframeSafetyEvent *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_clear_pointer (&self->occurred_at, g_date_time_unref);
  g_free (self->source);
  g_free (self);
}

static void
reframe_safety_log_dispose (GObject *object)
{
  ReframeSafetyLog *self = (ReframeSafetyLog *)object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (reframe_safety_log_parent_class)->dispose (object);
}

static void
reframe_safety_log_class_init (ReframeSafetyLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reframe_safety_log_dispose;

  signals[EVENT_RECORDED] =
    g_signal_new ("event-recorded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, REFRAME_TYPE_SAFETY_EVENT);
}

static void
reframe_safety_log_init (ReframeSafetyLog *self)
{
}

ReframeSafetyLog *
reframe_safety_log_new (ReframeDatabase *database)
{
  ReframeSafetyLog *self;

  g_return_val_if_fail (REFRAME_IS_DATABASE (database), NULL);

  self = g_object_new (REFRAME_TYPE_SAFETY_LOG, NULL);
  self->database = g_object_ref (database);

  return self;
}

/* A short id, never words: the table must not be able to hold what the person wrote. */
static gboolean
check_source (const char  *source,
              GError     **error)
{
  gsize len = source ? strlen (source) : 0;

  if (len == 0 || len > 32)
    goto invalid;
  for (gsize i = 0; i < len; i++)
    if (!(g_ascii_islower (source[i]) || source[i] == '-'))
      goto invalid;
  return TRUE;

invalid:
  g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_INVALID,
               "A safety event source must be a short lower-case id");
  return FALSE;
}

gboolean
reframe_safety_log_record (ReframeSafetyLog   *self,
                           ReframeSafetyKind   kinds,
                           const char         *source,
                           GDateTime          *occurred_at,
                           GError            **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) recorded = NULL;
  sqlite3 *db;

  g_return_val_if_fail (REFRAME_IS_SAFETY_LOG (self), FALSE);

  if (kinds == REFRAME_SAFETY_NONE || (kinds & ~REFRAME_SAFETY_ALL) != 0)
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_INVALID,
                   "Unknown kind of safety event");
      return FALSE;
    }
  if (!check_source (source, error))
    return FALSE;

  if (occurred_at == NULL)
    occurred_at = now = g_date_time_new_now_local ();

  db = reframe_database_get_handle (self->database);
  recorded = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_safety_event_free);

  if (!reframe_database_begin (self->database, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (all_kinds); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      ReframeSafetyEvent *event;
      int rc;

      if (!(kinds & all_kinds[i]))
        continue;

      stmt = reframe_database_prepare (self->database,
        "INSERT INTO safety_event (uuid, occurred_at, occurred_offset, kind, source)"
        " VALUES (?1, ?2, ?3, ?4, ?5)",
        error);
      if (stmt == NULL)
        {
          reframe_database_rollback (self->database);
          return FALSE;
        }

      event = g_new0 (ReframeSafetyEvent, 1);
      event->uuid = reframe_database_new_uuid ();
      event->occurred_at = g_date_time_ref (occurred_at);
      event->kind = all_kinds[i];
      event->source = g_strdup (source);
      g_ptr_array_add (recorded, event);

      sqlite3_bind_text (stmt, 1, event->uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (occurred_at));
      sqlite3_bind_int (stmt, 3, reframe_date_get_offset (occurred_at));
      sqlite3_bind_text (stmt, 4, reframe_safety_kind_to_string (event->kind), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, source, -1, SQLITE_STATIC);

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          reframe_database_set_error (error, db, rc, "Could not record the safety event");
          reframe_database_rollback (self->database);
          return FALSE;
        }
    }

  if (!reframe_database_commit (self->database, error))
    return FALSE;

  for (guint i = 0; i < recorded->len; i++)
    g_signal_emit (self, signals[EVENT_RECORDED], 0, recorded->pdata[i]);

  return TRUE;
}

GPtrArray *
reframe_safety_log_list_between (ReframeSafetyLog  *self,
                                 GDateTime         *from,
                                 GDateTime         *to,
                                 GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) events = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_SAFETY_LOG (self), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  stmt = reframe_database_prepare (self->database,
    "SELECT uuid, occurred_at, occurred_offset, kind, source FROM safety_event"
    " WHERE occurred_at >= ?1 AND occurred_at < ?2"
    " ORDER BY occurred_at, id",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (from));
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (to));

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_safety_event_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReframeSafetyEvent *event = g_new0 (ReframeSafetyEvent, 1);

      event->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      event->occurred_at = reframe_date_from_stored (sqlite3_column_int64 (stmt, 1),
                                                     sqlite3_column_int (stmt, 2));
      event->kind = reframe_safety_kind_from_string ((const char *) sqlite3_column_text (stmt,
                                                                                         3));
      event->source = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (events, event);
    }

  if (rc != SQLITE_DONE)
    {
      reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                  "Could not list the safety events");
      return NULL;
    }

  return g_steal_pointer (&events);
}

guint
reframe_safety_log_count (ReframeSafetyLog  *self,
                          ReframeSafetyKind  kinds)
{
  guint total = 0;

  g_return_val_if_fail (REFRAME_IS_SAFETY_LOG (self), 0);

  for (guint i = 0; i < G_N_ELEMENTS (all_kinds); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (!(kinds & all_kinds[i]))
        continue;
      stmt = reframe_database_prepare (self->database,
                                       "SELECT count(*) FROM safety_event WHERE kind = ?1",
                                       NULL);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, reframe_safety_kind_to_string (all_kinds[i]), -1,
                         SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        total += sqlite3_column_int (stmt, 0);
    }

  return total;
}
