/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-fts-tokenizer"

#include "config.h"

#include <string.h>

#include "reframe-database.h"
#include "reframe-fts-tokenizer.h"
#include "reframe-sqlite-autocleanups.h"

typedef struct
{
  fts5_tokenizer  parent;
  Fts5Tokenizer  *parent_instance;
} ReframeTokenizer;

typedef struct
{
  void       *ctx;
  int       (*callback) (void *, int, const char *, int, int, int);
  int         base;
} ForwardContext;

static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x3040 && c <= 0x30FF)      /* Hiragana, Katakana */
      || (c >= 0x3400 && c <= 0x4DBF)      /* CJK Extension A */
      || (c >= 0x4E00 && c <= 0x9FFF)      /* CJK Unified Ideographs */
      || (c >= 0xF900 && c <= 0xFAFF)      /* CJK Compatibility Ideographs */
      || (c >= 0x20000 && c <= 0x2FFFF);   /* Extensions B–F */
}

static int
forward_token (void       *user_data,
               int         flags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  ForwardContext *forward = user_data;

  return forward->callback (forward->ctx, flags, token, n_token,
                            start + forward->base, end + forward->base);
}

static int
tokenizer_create (void           *user_data,
                  const char    **argv,
                  int             argc,
                  Fts5Tokenizer **out)
{
  fts5_api *api = user_data;
  ReframeTokenizer *self;
  void *parent_data = NULL;
  static const char *parent_args[] = { "remove_diacritics", "2" };
  int rc;

  self = g_new0 (ReframeTokenizer, 1);
  rc = api->xFindTokenizer (api, "unicode61", &parent_data, &self->parent);
  if (rc == SQLITE_OK)
    rc = self->parent.xCreate (parent_data, parent_args, G_N_ELEMENTS (parent_args),
                               &self->parent_instance);
  if (rc != SQLITE_OK)
    {
      g_free (self);
      return rc;
    }

  *out = (Fts5Tokenizer *) self;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
  ReframeTokenizer *self = (ReframeTokenizer *) tokenizer;

  self->parent.xDelete (self->parent_instance);
  g_free (self);
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *ctx,
                    int            flags,
                    const char    *text,
                    int            n_text,
                    int          (*callback) (void *, int, const char *, int, int, int))
{
  ReframeTokenizer *self = (ReframeTokenizer *) tokenizer;
  ForwardContext forward = { ctx, callback, 0 };
  int run_start = 0;
  int i = 0;

  /* Runs of other text go to unicode61; each CJK character becomes one token. */
  while (i < n_text)
    {
      const char *p = text + i;
      gunichar c;
      int len;
      int rc;

      /* Most text is ASCII, never CJK: step over it without decoding. */
      if ((guchar) *p < 0x80)
        {
          i++;
          continue;
        }

      c = g_utf8_get_char_validated (p, n_text - i);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          i++;
          continue;
        }

      len = g_utf8_next_char (p) - p;
      if (!is_cjk (c))
        {
          i += len;
          continue;
        }

      if (i > run_start)
        {
          forward.base = run_start;
          rc = self->parent.xTokenize (self->parent_instance, &forward, flags,
                                       text + run_start, i - run_start, forward_token);
          if (rc != SQLITE_OK)
            return rc;
        }

      rc = callback (ctx, 0, p, len, i, i + len);
      if (rc != SQLITE_OK)
        return rc;

      i += len;
      run_start = i;
    }

  if (n_text > run_start)
    {
      forward.base = run_start;
      return self->parent.xTokenize (self->parent_instance, &forward, flags,
                                     text + run_start, n_text - run_start, forward_token);
    }

  return SQLITE_OK;
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  fts5_api *api = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);

  return api;
}

gboolean
reframe_fts_tokenizer_register (sqlite3  *db,
                                GError  **error)
{
  static fts5_tokenizer tokenizer = {
    tokenizer_create,
    tokenizer_delete,
    tokenizer_tokenize,
  };
  fts5_api *api;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  api = get_fts5_api (db);
  if (api == NULL)
    {
      g_set_error_literal (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_FAILED,
                           "This SQLite has no full-text search (FTS5)");
      return FALSE;
    }

  rc = api->xCreateTokenizer (api, "reframe", api, &tokenizer, NULL);
  if (rc != SQLITE_OK)
    return reframe_database_set_error (error, db, rc, "Could not set up search");

  return TRUE;
}

struct _ReframeFtsTokenizer
{
  fts5_tokenizer  api;
  Fts5Tokenizer  *instance;
};

typedef struct
{
  ReframeFtsTokenFunc func;
  gpointer            user_data;
} RunContext;

static int
run_token_cb (void       *ctx,
              int         flags,
              const char *token,
              int         n_token,
              int         start,
              int         end)
{
  RunContext *run = ctx;

  /* Any non-OK code stops tokenizing; SQLITE_DONE is never an error here. */
  return run->func (run->user_data, token, n_token, start, end) ? SQLITE_OK : SQLITE_DONE;
}

ReframeFtsTokenizer *
reframe_fts_tokenizer_new (sqlite3  *db,
                           GError  **error)
{
  g_autofree ReframeFtsTokenizer *self = g_new0 (ReframeFtsTokenizer, 1);
  fts5_api *api;
  void *user_data = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  api = get_fts5_api (db);
  if (api == NULL)
    {
      g_set_error_literal (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_FAILED,
                           "This SQLite has no full-text search (FTS5)");
      return NULL;
    }

  rc = api->xFindTokenizer (api, "reframe", &user_data, &self->api);
  if (rc == SQLITE_OK)
    rc = self->api.xCreate (user_data, NULL, 0, &self->instance);
  if (rc != SQLITE_OK)
    {
      reframe_database_set_error (error, db, rc, "Could not set up search");
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
reframe_fts_tokenizer_run (ReframeFtsTokenizer *self,
                           const char          *text,
                           int                  n_text,
                           ReframeFtsTokenFunc  func,
                           gpointer             user_data)
{
  RunContext run = { func, user_data };

  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);

  if (text == NULL)
    return;
  if (n_text < 0)
    n_text = strlen (text);

  self->api.xTokenize (self->instance, &run, FTS5_TOKENIZE_DOCUMENT, text, n_text, run_token_cb);
}

void
reframe_fts_tokenizer_free (ReframeFtsTokenizer *self)
{
  if (self == NULL)
    return;

  self->api.xDelete (self->instance);
  g_free (self);
}
