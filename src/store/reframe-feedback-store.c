/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-feedback-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "reframe-date.h"
#include "reframe-feedback-answer-private.h"
#include "reframe-feedback-store.h"
#include "reframe-sqlite-autocleanups.h"

struct _ReframeFeedbackStore
{
  GObject          parent_instance;

  ReframeDatabase *database;
  gboolean         borrowed;  /* the database owns this store */
};

G_DEFINE_FINAL_TYPE (ReframeFeedbackStore, reframe_feedback_store, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (ReframeFeedbackStats, reframe_feedback_stats,
                     reframe_feedback_stats_copy, reframe_feedback_stats_free)

enum {
  ANSWER_SAVED,
  ANSWER_RATED,
  ANSWERS_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The bits of the flags column (see sql/0004-feedback.sql). */
enum {
  FLAG_CUT_SHORT        = 1 << 0,
  FLAG_INCOMPLETE       = 1 << 1,
  FLAG_HIDDEN_BY_SAFETY = 1 << 2,
};

#define ANSWER_COLUMNS \
  "uuid, record_uuid, kind, created_at, created_offset, provider, model, prompt_id," \
  " prompt_version, question, text, sent_text, ttft_ms, total_ms, prompt_tokens," \
  " completion_tokens, flags, rating, rating_reason, rated_at, rated_offset"

ReframeFeedbackStats *
reframe_feedback_stats_copy (const ReframeFeedbackStats *self)
{
  ReframeFeedbackStats *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->month = self->month ? g_date_time_ref (self->month) : NULL;
  return copy;
}

void
reframe_feedback_stats_free (ReframeFeedbackStats *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->month, g_date_time_unref);
  g_free (self);
}

static char *
column_dup_text (sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gint64
column_int64_or (sqlite3_stmt *stmt,
                 int           column,
                 gint64        fallback)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return fallback;
  return sqlite3_column_int64 (stmt, column);
}

static void
bind_optional_int64 (sqlite3_stmt *stmt,
                     int           index,
                     gint64        value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

static ReframeFeedbackAnswer *
answer_from_row (sqlite3_stmt *stmt)
{
  ReframeFeedbackAnswer *answer = _reframe_feedback_answer_new ();
  ReframeFeedbackKind kind;
  int flags;

  answer->uuid = column_dup_text (stmt, 0);
  answer->record_uuid = column_dup_text (stmt, 1);
  kind = reframe_feedback_kind_from_string ((const char *) sqlite3_column_text (stmt, 2));
  answer->kind = kind == REFRAME_FEEDBACK_N_KINDS ? REFRAME_FEEDBACK_KIND_JOURNAL : kind;
  answer->created_at = reframe_date_from_stored (sqlite3_column_int64 (stmt, 3),
                                                 sqlite3_column_int (stmt, 4));
  answer->provider_id = column_dup_text (stmt, 5);
  answer->model = column_dup_text (stmt, 6);
  answer->prompt_id = column_dup_text (stmt, 7);
  answer->prompt_version = (guint) sqlite3_column_int (stmt, 8);
  answer->question = column_dup_text (stmt, 9);
  answer->text = column_dup_text (stmt, 10);
  answer->sent_text = column_dup_text (stmt, 11);
  answer->ttft_ms = column_int64_or (stmt, 12, -1);
  answer->total_ms = column_int64_or (stmt, 13, -1);
  answer->prompt_tokens = column_int64_or (stmt, 14, -1);
  answer->completion_tokens = column_int64_or (stmt, 15, -1);
  flags = sqlite3_column_int (stmt, 16);
  answer->cut_short = (flags & FLAG_CUT_SHORT) != 0;
  answer->incomplete = (flags & FLAG_INCOMPLETE) != 0;
  answer->hidden_by_safety = (flags & FLAG_HIDDEN_BY_SAFETY) != 0;
  answer->rating = sqlite3_column_int (stmt, 17);
  answer->rating_reason = column_dup_text (stmt, 18);
  if (sqlite3_column_type (stmt, 19) != SQLITE_NULL)
    answer->rated_at = reframe_date_from_stored (sqlite3_column_int64 (stmt, 19),
                                                 sqlite3_column_int (stmt, 20));

  return answer;
}

static void
reframe_feedback_store_dispose (GObject *object)
{
  ReframeFeedbackStore *self = (ReframeFeedbackStore *)object;

  if (self->borrowed && self->database != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->database), (gpointer *) &self->database);
  if (self->borrowed)
    self->database = NULL;
  else
    g_clear_object (&self->database);

  G_OBJECT_CLASS (reframe_feedback_store_parent_class)->dispose (object);
}

static void
reframe_feedback_store_class_init (ReframeFeedbackStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reframe_feedback_store_dispose;

  signals[ANSWER_SAVED] =
    g_signal_new ("answer-saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, REFRAME_TYPE_FEEDBACK_ANSWER);
  signals[ANSWER_RATED] =
    g_signal_new ("answer-rated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ANSWERS_DELETED] =
    g_signal_new ("answers-deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
reframe_feedback_store_init (ReframeFeedbackStore *self)
{
}

ReframeFeedbackStore *
reframe_feedback_store_new (ReframeDatabase *database)
{
  ReframeFeedbackStore *self;

  g_return_val_if_fail (REFRAME_IS_DATABASE (database), NULL);

  self = g_object_new (REFRAME_TYPE_FEEDBACK_STORE, NULL);
  self->database = g_object_ref (database);

  return self;
}

ReframeFeedbackStore *
reframe_feedback_store_get_for_database (ReframeDatabase *database)
{
  ReframeFeedbackStore *store;

  g_return_val_if_fail (REFRAME_IS_DATABASE (database), NULL);

  store = g_object_get_data (G_OBJECT (database), "reframe-feedback-store");
  if (store == NULL)
    {
      /* Not a reference cycle: the store holds the database only through this weak link. */
      store = g_object_new (REFRAME_TYPE_FEEDBACK_STORE, NULL);
      store->database = database;
      store->borrowed = TRUE;
      g_object_add_weak_pointer (G_OBJECT (database), (gpointer *) &store->database);
      g_object_set_data_full (G_OBJECT (database), "reframe-feedback-store", store,
                              g_object_unref);
    }
  return store;
}

gboolean
reframe_feedback_store_save (ReframeFeedbackStore   *self,
                             ReframeFeedbackAnswer  *answer,
                             GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int flags = 0;
  int rc;

  g_return_val_if_fail (REFRAME_IS_FEEDBACK_STORE (self), FALSE);
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_ANSWER (answer), FALSE);
  g_return_val_if_fail (answer->uuid != NULL && answer->created_at != NULL, FALSE);

  if (!reframe_database_check_text (answer->text, "answer", error) ||
      !reframe_database_check_text (answer->sent_text, "sent text", error) ||
      !reframe_database_check_text (answer->question, "question", error) ||
      !reframe_database_check_text (answer->model, "model name", error) ||
      !reframe_database_check_text (answer->rating_reason, "reason", error))
    return FALSE;

  if (answer->cut_short)
    flags |= FLAG_CUT_SHORT;
  if (answer->incomplete)
    flags |= FLAG_INCOMPLETE;
  if (answer->hidden_by_safety)
    flags |= FLAG_HIDDEN_BY_SAFETY;

  stmt = reframe_database_prepare (self->database,
    "INSERT INTO feedback_answer (" ANSWER_COLUMNS ")"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
    "         ?18, ?19, ?20, ?21)",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, answer->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, answer->record_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reframe_feedback_kind_to_string (answer->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_date_time_to_unix (answer->created_at));
  sqlite3_bind_int (stmt, 5, reframe_date_get_offset (answer->created_at));
  sqlite3_bind_text (stmt, 6, answer->provider_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, answer->model ? answer->model : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, answer->prompt_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, (int) answer->prompt_version);
  sqlite3_bind_text (stmt, 10, answer->question, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, answer->text ? answer->text : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, answer->sent_text ? answer->sent_text : "", -1, SQLITE_STATIC);
  bind_optional_int64 (stmt, 13, answer->ttft_ms);
  sqlite3_bind_int64 (stmt, 14, MAX (answer->total_ms, 0));
  bind_optional_int64 (stmt, 15, answer->prompt_tokens);
  bind_optional_int64 (stmt, 16, answer->completion_tokens);
  sqlite3_bind_int (stmt, 17, flags);
  sqlite3_bind_int (stmt, 18, answer->rating);
  sqlite3_bind_text (stmt, 19, answer->rating_reason, -1, SQLITE_STATIC);
  if (answer->rating != 0 && answer->rated_at != NULL)
    {
      sqlite3_bind_int64 (stmt, 20, g_date_time_to_unix (answer->rated_at));
      sqlite3_bind_int (stmt, 21, reframe_date_get_offset (answer->rated_at));
    }

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                       "Could not save the feedback");

  g_signal_emit (self, signals[ANSWER_SAVED], 0, answer);
  return TRUE;
}

ReframeFeedbackAnswer *
reframe_feedback_store_get (ReframeFeedbackStore  *self,
                            const char            *uuid,
                            GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_FEEDBACK_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  stmt = reframe_database_prepare (self->database,
                                   "SELECT " ANSWER_COLUMNS " FROM feedback_answer"
                                   " WHERE uuid = ?1",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return answer_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND,
                 "This feedback no longer exists");
  else
    reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                "Could not read the feedback");
  return NULL;
}

GPtrArray *
reframe_feedback_store_list_for_record (ReframeFeedbackStore  *self,
                                        const char            *record_uuid,
                                        GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_FEEDBACK_STORE (self), NULL);
  g_return_val_if_fail (record_uuid != NULL, NULL);

  stmt = reframe_database_prepare (self->database,
                                   "SELECT " ANSWER_COLUMNS " FROM feedback_answer"
                                   " WHERE record_uuid = ?1 ORDER BY created_at, id",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record_uuid, -1, SQLITE_STATIC);

  answers = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (answers, answer_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                  "Could not list the feedback");
      return NULL;
    }

  return g_steal_pointer (&answers);
}

gboolean
reframe_feedback_store_rate (ReframeFeedbackStore  *self,
                             const char            *answer_uuid,
                             int                    rating,
                             const char            *reason,
                             GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (REFRAME_IS_FEEDBACK_STORE (self), FALSE);
  g_return_val_if_fail (answer_uuid != NULL, FALSE);

  if (rating < -1 || rating > 1)
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_INVALID,
                   "A rating is 1 (helpful), -1 (not helpful) or 0 (none)");
      return FALSE;
    }
  if (!reframe_database_check_text (reason, "reason", error))
    return FALSE;
  if (rating == 0 || (reason != NULL && *reason == '\0'))
    reason = NULL;

  now = g_date_time_new_now_local ();
  stmt = reframe_database_prepare (self->database,
                                   "UPDATE feedback_answer"
                                   " SET rating = ?2, rating_reason = ?3, rated_at = ?4,"
                                   "     rated_offset = ?5"
                                   " WHERE uuid = ?1",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, answer_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, rating);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
  if (rating != 0)
    {
      sqlite3_bind_int64 (stmt, 4, g_date_time_to_unix (now));
      sqlite3_bind_int (stmt, 5, reframe_date_get_offset (now));
    }

  db = reframe_database_get_handle (self->database);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return reframe_database_set_error (error, db, rc, "Could not save the rating");
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND,
                   "This feedback no longer exists");
      return FALSE;
    }

  g_signal_emit (self, signals[ANSWER_RATED], 0, answer_uuid);
  return TRUE;
}

gboolean
reframe_feedback_store_delete_for_record (ReframeFeedbackStore  *self,
                                          const char            *record_uuid,
                                          GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_FEEDBACK_STORE (self), FALSE);
  g_return_val_if_fail (record_uuid != NULL, FALSE);

  stmt = reframe_database_prepare (self->database,
                                   "DELETE FROM feedback_answer WHERE record_uuid = ?1",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record_uuid, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                       "Could not delete the feedback");

  g_signal_emit (self, signals[ANSWERS_DELETED], 0, record_uuid);
  return TRUE;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return -1;
  g_array_sort (values, compare_int64);
  if (n % 2 == 1)
    return g_array_index (values, gint64, n / 2);
  return (g_array_index (values, gint64, n / 2 - 1) + g_array_index (values, gint64, n / 2)) / 2;
}

static void
finish_month (GPtrArray            *months,
              ReframeFeedbackStats *stats,
              GArray               *ttfts,
              GArray               *totals)
{
  stats->helpful_share = stats->rated > 0 ? (double) stats->helpful / stats->rated : 0.0;
  stats->median_ttft_ms = median (ttfts);
  stats->median_total_ms = median (totals);
  g_ptr_array_add (months, stats);
  g_array_set_size (ttfts, 0);
  g_array_set_size (totals, 0);
}

GPtrArray *
reframe_feedback_store_monthly_stats (ReframeFeedbackStore  *self,
                                      GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) months = NULL;
  g_autoptr(GArray) ttfts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (gint64));
  ReframeFeedbackStats *current = NULL;
  int current_key = -1;
  int rc;

  g_return_val_if_fail (REFRAME_IS_FEEDBACK_STORE (self), NULL);

  /* The month is the one the person lived in when the answer came (its own offset). */
  stmt = reframe_database_prepare (self->database,
    "SELECT CAST (strftime ('%Y', created_at + created_offset, 'unixepoch') AS INTEGER),"
    "       CAST (strftime ('%m', created_at + created_offset, 'unixepoch') AS INTEGER),"
    "       ttft_ms, total_ms, rating"
    " FROM feedback_answer ORDER BY 1, 2",
    error);
  if (stmt == NULL)
    return NULL;

  months = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_feedback_stats_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      int month = sqlite3_column_int (stmt, 1);
      int rating = sqlite3_column_int (stmt, 4);

      if (year * 12 + month != current_key)
        {
          if (current != NULL)
            finish_month (months, current, ttfts, totals);
          current = g_new0 (ReframeFeedbackStats, 1);
          current->month = g_date_time_new_local (year, month, 1, 0, 0, 0);
          current_key = year * 12 + month;
        }

      current->answers++;
      if (rating != 0)
        current->rated++;
      if (rating > 0)
        current->helpful++;
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          gint64 ttft = sqlite3_column_int64 (stmt, 2);
          g_array_append_val (ttfts, ttft);
        }
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          gint64 total = sqlite3_column_int64 (stmt, 3);
          g_array_append_val (totals, total);
        }
    }
  if (current != NULL)
    finish_month (months, current, ttfts, totals);

  if (rc != SQLITE_DONE)
    {
      reframe_database_set_error (error, reframe_database_get_handle (self->database), rc,
                                  "Could not count the feedback");
      return NULL;
    }

  return g_steal_pointer (&months);
}

GPtrArray *
reframe_feedback_store_take_for_record (ReframeFeedbackStore  *self,
                                        const char            *record_uuid,
                                        GError               **error)
{
  g_autoptr(GPtrArray) answers = NULL;

  g_return_val_if_fail (REFRAME_IS_FEEDBACK_STORE (self), NULL);
  g_return_val_if_fail (record_uuid != NULL, NULL);

  answers = reframe_feedback_store_list_for_record (self, record_uuid, error);
  if (answers == NULL)
    return NULL;
  if (answers->len > 0 && !reframe_feedback_store_delete_for_record (self, record_uuid, error))
    return NULL;

  return g_steal_pointer (&answers);
}

gboolean
reframe_feedback_store_restore (ReframeFeedbackStore  *self,
                                GPtrArray             *answers,
                                GError               **error)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_STORE (self), FALSE);

  for (guint i = 0; answers != NULL && i < answers->len; i++)
    if (!reframe_feedback_store_save (self, g_ptr_array_index (answers, i), error))
      return FALSE;

  return TRUE;
}
