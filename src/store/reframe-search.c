/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-search"

#include "config.h"

#include <string.h>

#include "reframe-date.h"
#include "reframe-search.h"
#include "reframe-snippet.h"
#include "reframe-sqlite-autocleanups.h"
#include "reframe-store-json.h"

struct _ReframeSearchResult
{
  GObject            parent_instance;

  ReframeSearchKind  kind;
  char              *uuid;
  char              *title;
  char              *snippet;
  GDateTime         *date;
  char             **tags;
  double             rank;
};

G_DEFINE_FINAL_TYPE (ReframeSearchResult, reframe_search_result, G_TYPE_OBJECT)

struct _ReframeSearch
{
  GObject          parent_instance;

  ReframeDatabase *database;
  /* Used by one worker at a time; SQLite connections are not shared between threads here. */
  GMutex               mutex;
  sqlite3             *reader;
  ReframeFtsTokenizer *tokenizer;
};

G_DEFINE_FINAL_TYPE (ReframeSearch, reframe_search, G_TYPE_OBJECT)

typedef struct
{
  char      *text;
  char      *match;
  char      *tag;
  GDateTime *from;
  GDateTime *to;
  guint      limit;
} SearchData;

/* Weights for bm25 (title, body, tags): a word in the title counts most. */
#define JOURNAL_RANK "bm25 (journal_fts, 4.0, 1.0, 2.0)"
#define SNIPPET_WORDS "16"
#define SNIPPET_TOKENS 16

static void
reframe_search_result_finalize (GObject *object)
{
  ReframeSearchResult *self = (ReframeSearchResult *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->snippet, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (reframe_search_result_parent_class)->finalize (object);
}

static void
reframe_search_result_class_init (ReframeSearchResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reframe_search_result_finalize;
}

static void
reframe_search_result_init (ReframeSearchResult *self)
{
}

ReframeSearchKind
reframe_search_result_get_kind (ReframeSearchResult *self)
{
  g_return_val_if_fail (REFRAME_IS_SEARCH_RESULT (self), 0);
  return self->kind;
}

const char *
reframe_search_result_get_uuid (ReframeSearchResult *self)
{
  g_return_val_if_fail (REFRAME_IS_SEARCH_RESULT (self), NULL);
  return self->uuid;
}

const char *
reframe_search_result_get_title (ReframeSearchResult *self)
{
  g_return_val_if_fail (REFRAME_IS_SEARCH_RESULT (self), NULL);
  return self->title;
}

const char *
reframe_search_result_get_snippet (ReframeSearchResult *self)
{
  g_return_val_if_fail (REFRAME_IS_SEARCH_RESULT (self), NULL);
  return self->snippet;
}

GDateTime *
reframe_search_result_get_date (ReframeSearchResult *self)
{
  g_return_val_if_fail (REFRAME_IS_SEARCH_RESULT (self), NULL);
  return self->date;
}

const char * const *
reframe_search_result_get_tags (ReframeSearchResult *self)
{
  g_return_val_if_fail (REFRAME_IS_SEARCH_RESULT (self), NULL);
  return (const char * const *) self->tags;
}

double
reframe_search_result_get_rank (ReframeSearchResult *self)
{
  g_return_val_if_fail (REFRAME_IS_SEARCH_RESULT (self), 0);
  return self->rank;
}

static void
search_data_free (SearchData *data)
{
  g_free (data->text);
  g_free (data->match);
  g_free (data->tag);
  g_clear_pointer (&data->from, g_date_time_unref);
  g_clear_pointer (&data->to, g_date_time_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchData, search_data_free)

static SearchData *
search_data_new (const ReframeSearchQuery *query)
{
  SearchData *data = g_new0 (SearchData, 1);

  data->text = g_strdup (query->text);
  data->match = reframe_search_build_match (query->text);
  data->tag = query->tag && *query->tag ? g_strdup (query->tag) : NULL;
  data->from = query->from ? g_date_time_ref (query->from) : NULL;
  data->to = query->to ? g_date_time_ref (query->to) : NULL;
  data->limit = query->limit ? query->limit : 100;

  return data;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

char *
reframe_search_build_match (const char *text)
{
  g_autoptr(GString) match = NULL;
  g_auto(GStrv) words = NULL;
  guint n_words = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  words = g_strsplit_set (text, " \t\r\n", -1);
  match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean searchable = FALSE;

      for (const char *p = words[i]; *p && !searchable; p = g_utf8_next_char (p))
        searchable = is_word_char (g_utf8_get_char (p));
      if (!searchable)
        continue;

      if (n_words++ > 0)
        g_string_append_c (match, ' ');

      /* A quoted FTS5 string: only a double quote needs escaping, by doubling it. */
      g_string_append_c (match, '"');
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append_c (match, '"');
    }

  if (n_words == 0)
    return NULL;

  /* The last word may still be being typed. */
  g_string_append_c (match, '*');

  return g_string_free (g_steal_pointer (&match), FALSE);
}

static int
progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static void
bind_date (sqlite3_stmt *stmt,
           int           column,
           GDateTime    *date)
{
  if (date == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, g_date_time_to_unix (date));
}

static ReframeSearchResult *
result_new (ReframeSearchKind  kind,
            sqlite3_stmt      *stmt,
            double             rank)
{
  ReframeSearchResult *result = g_object_new (REFRAME_TYPE_SEARCH_RESULT, NULL);

  result->kind = kind;
  result->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  result->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  result->snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  result->date = reframe_date_from_stored (sqlite3_column_int64 (stmt, 3),
                                           sqlite3_column_int (stmt, 4));
  result->tags = reframe_store_json_to_strv ((const char *) sqlite3_column_text (stmt, 5));
  result->rank = rank;

  return result;
}

static gboolean
step_error (sqlite3       *db,
            int            rc,
            GCancellable  *cancellable,
            GError       **error)
{
  if (rc == SQLITE_INTERRUPT && g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return reframe_database_set_error (error, db, rc, "Could not search");
}

/* Two passes: rank every match but keep only the best few, then build snippets for those
 * alone, since a snippet costs far more than a score. */
static gboolean
search_journal (sqlite3              *db,
                ReframeFtsTokenizer  *tokenizer,
                SearchData           *data,
                GPtrArray     *results,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) rank_stmt = NULL;
  g_autoptr(sqlite3_stmt) row_stmt = NULL;
  g_autoptr(ReframeSnippetMaker) snippets = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ranks = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean filtered = data->tag || data->from || data->to;
  const char *rank_sql;
  int rc;

  if (!filtered)
    rank_sql = "SELECT rowid, " JOURNAL_RANK " AS r FROM journal_fts"
               " WHERE journal_fts MATCH ?1 ORDER BY r LIMIT ?2";
  else
    rank_sql = "SELECT e.id, " JOURNAL_RANK " AS r"
               " FROM journal_fts JOIN journal_entry AS e ON e.id = journal_fts.rowid"
               " WHERE journal_fts MATCH ?1"
               "   AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each (e.tags) WHERE value = ?3))"
               "   AND (?4 IS NULL OR e.entry_at >= ?4) AND (?5 IS NULL OR e.entry_at < ?5)"
               " ORDER BY r LIMIT ?2";

  if ((rc = sqlite3_prepare_v2 (db, rank_sql, -1, &rank_stmt, NULL)) != SQLITE_OK)
    return reframe_database_set_error (error, db, rc, "Could not search");
  sqlite3_bind_text (rank_stmt, 1, data->match, -1, SQLITE_STATIC);
  sqlite3_bind_int (rank_stmt, 2, data->limit);
  if (filtered)
    {
      if (data->tag)
        sqlite3_bind_text (rank_stmt, 3, data->tag, -1, SQLITE_STATIC);
      bind_date (rank_stmt, 4, data->from);
      bind_date (rank_stmt, 5, data->to);
    }

  while ((rc = sqlite3_step (rank_stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (rank_stmt, 0);
      double rank = sqlite3_column_double (rank_stmt, 1);

      g_array_append_val (ids, id);
      g_array_append_val (ranks, rank);
    }
  if (rc != SQLITE_DONE)
    return step_error (db, rc, cancellable, error);

  rc = sqlite3_prepare_v2 (db,
    "SELECT uuid, title, body, entry_at, entry_offset, tags FROM journal_entry WHERE id = ?1",
    -1, &row_stmt, NULL);
  if (rc != SQLITE_OK)
    return reframe_database_set_error (error, db, rc, "Could not search");

  snippets = reframe_snippet_maker_new (tokenizer, data->text);
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (row_stmt);
      sqlite3_bind_int64 (row_stmt, 1, g_array_index (ids, gint64, i));
      rc = sqlite3_step (row_stmt);
      if (rc == SQLITE_ROW)
        {
          ReframeSearchResult *result = result_new (REFRAME_SEARCH_KIND_JOURNAL, row_stmt,
                                                    g_array_index (ranks, double, i));

          /* An untitled entry is known by its first line, as in the journal list. */
          if (result->title == NULL || *result->title == '\0')
            {
              const char *body = (const char *) sqlite3_column_text (row_stmt, 2);
              const char *end;

              while (body != NULL && g_unichar_isspace (g_utf8_get_char (body)))
                body = g_utf8_next_char (body);
              end = body ? strchr (body, '\n') : NULL;
              g_free (result->title);
              result->title = body ? (end ? g_strndup (body, end - body) : g_strdup (body))
                                   : g_strdup ("");
              if (g_utf8_strlen (result->title, -1) > 80)
                {
                  char *cut = g_utf8_offset_to_pointer (result->title, 80);
                  *cut = '\0';
                }
            }
          g_free (result->snippet);
          result->snippet = reframe_snippet_maker_make (snippets,
                                                        (const char *) sqlite3_column_text (row_stmt, 2),
                                                        SNIPPET_TOKENS);
          g_ptr_array_add (results, result);
        }
      else if (rc != SQLITE_DONE)
        return step_error (db, rc, cancellable, error);
    }

  return TRUE;
}

static gboolean
search_thought_records (sqlite3       *db,
                        SearchData    *data,
                        GPtrArray     *results,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* Thought records have no tags; a tag filter leaves them out. Few in number, so one pass. */
  if (data->tag != NULL)
    return TRUE;

  rc = sqlite3_prepare_v2 (db,
    "SELECT t.uuid, t.situation,"
    "       snippet (thought_record_fts, -1, X'02', X'03', '…', " SNIPPET_WORDS "),"
    "       t.created_at, t.created_offset, '[]', bm25 (thought_record_fts) AS r"
    " FROM thought_record_fts JOIN thought_record AS t ON t.id = thought_record_fts.rowid"
    " WHERE thought_record_fts MATCH ?1"
    "   AND (?3 IS NULL OR t.created_at >= ?3) AND (?4 IS NULL OR t.created_at < ?4)"
    " ORDER BY r LIMIT ?2",
    -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return reframe_database_set_error (error, db, rc, "Could not search");

  sqlite3_bind_text (stmt, 1, data->match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, data->limit);
  bind_date (stmt, 3, data->from);
  bind_date (stmt, 4, data->to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (results, result_new (REFRAME_SEARCH_KIND_THOUGHT_RECORD, stmt,
                                          sqlite3_column_double (stmt, 6)));
  if (rc != SQLITE_DONE)
    return step_error (db, rc, cancellable, error);

  return TRUE;
}

/* No words, only filters: the matching entries, newest first, with their first lines. */
static gboolean
filter_journal (sqlite3       *db,
                SearchData    *data,
                GPtrArray     *results,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
    "SELECT e.uuid, e.title, substr (e.body, 1, 200), e.entry_at, e.entry_offset, e.tags"
    " FROM journal_entry AS e"
    " WHERE (?2 IS NULL OR EXISTS (SELECT 1 FROM json_each (e.tags) WHERE value = ?2))"
    "   AND (?3 IS NULL OR e.entry_at >= ?3) AND (?4 IS NULL OR e.entry_at < ?4)"
    " ORDER BY e.entry_at DESC, e.id DESC LIMIT ?1",
    -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return reframe_database_set_error (error, db, rc, "Could not search");

  sqlite3_bind_int (stmt, 1, data->limit);
  if (data->tag)
    sqlite3_bind_text (stmt, 2, data->tag, -1, SQLITE_STATIC);
  bind_date (stmt, 3, data->from);
  bind_date (stmt, 4, data->to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (results, result_new (REFRAME_SEARCH_KIND_JOURNAL, stmt, 0));
  if (rc != SQLITE_DONE)
    return step_error (db, rc, cancellable, error);

  return TRUE;
}

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  double ra = (*(ReframeSearchResult **) a)->rank;
  double rb = (*(ReframeSearchResult **) b)->rank;

  return (ra > rb) - (ra < rb);
}

static GPtrArray *
run_locked (ReframeSearch  *self,
            SearchData     *data,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GCancellable) local_cancellable = NULL;
  gboolean ok;

  if (self->reader == NULL)
    {
      self->reader = reframe_database_open_reader (self->database, error);
      if (self->reader == NULL)
        return NULL;
    }
  if (self->tokenizer == NULL)
    {
      self->tokenizer = reframe_fts_tokenizer_new (self->reader, error);
      if (self->tokenizer == NULL)
        return NULL;
    }

  /* The progress handler only fires on long queries; a short one must not outrun a cancel. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (cancellable == NULL)
    cancellable = local_cancellable = g_cancellable_new ();
  sqlite3_progress_handler (self->reader, 1000, progress_cb, cancellable);

  if (data->match == NULL)
    {
      gboolean filtered = data->tag || data->from || data->to;

      ok = !filtered || filter_journal (self->reader, data, results, cancellable, error);
    }
  else
    {
      ok = search_journal (self->reader, self->tokenizer, data, results, cancellable, error) &&
           !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           search_thought_records (self->reader, data, results, cancellable, error);
      g_ptr_array_sort (results, compare_rank);
      if (results->len > data->limit)
        g_ptr_array_set_size (results, data->limit);
    }

  sqlite3_progress_handler (self->reader, 0, NULL, NULL);

  return ok ? g_steal_pointer (&results) : NULL;
}

static void
reframe_search_finalize (GObject *object)
{
  ReframeSearch *self = (ReframeSearch *)object;

  g_clear_pointer (&self->tokenizer, reframe_fts_tokenizer_free);
  g_clear_pointer (&self->reader, sqlite3_close_v2);
  g_clear_object (&self->database);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (reframe_search_parent_class)->finalize (object);
}

static void
reframe_search_class_init (ReframeSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reframe_search_finalize;
}

static void
reframe_search_init (ReframeSearch *self)
{
  g_mutex_init (&self->mutex);
}

ReframeSearch *
reframe_search_new (ReframeDatabase *database)
{
  ReframeSearch *self;

  g_return_val_if_fail (REFRAME_IS_DATABASE (database), NULL);

  self = g_object_new (REFRAME_TYPE_SEARCH, NULL);
  self->database = g_object_ref (database);

  return self;
}

GPtrArray *
reframe_search_run_sync (ReframeSearch             *self,
                         const ReframeSearchQuery  *query,
                         GCancellable              *cancellable,
                         GError                   **error)
{
  g_autoptr(SearchData) data = NULL;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (REFRAME_IS_SEARCH (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  data = search_data_new (query);
  locker = g_mutex_locker_new (&self->mutex);

  return run_locked (self, data, cancellable, error);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ReframeSearch *self = source_object;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  GError *error = NULL;
  GPtrArray *results;

  /* A newer search may have replaced this one while it waited for the lock. */
  if (g_task_return_error_if_cancelled (task))
    return;

  results = run_locked (self, task_data, cancellable, &error);
  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

void
reframe_search_run_async (ReframeSearch            *self,
                          const ReframeSearchQuery *query,
                          GCancellable             *cancellable,
                          GAsyncReadyCallback       callback,
                          gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (REFRAME_IS_SEARCH (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, reframe_search_run_async);
  g_task_set_task_data (task, search_data_new (query), (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, run_thread);
}

GPtrArray *
reframe_search_run_finish (ReframeSearch  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (REFRAME_IS_SEARCH (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
