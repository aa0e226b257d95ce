/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Registers the "reframe" FTS5 tokenizer on @db. It is unicode61 with diacritics removed,
 * except that each Han, Hiragana and Katakana character is a token of its own: these
 * scripts do not separate words with spaces, so a search for 开心 becomes the phrase
 * "开 心" and finds it inside 我今天很开心. Every connection that touches the index needs it. */
gboolean reframe_fts_tokenizer_register (sqlite3  *db,
                                         GError  **error);

/* The same tokenizer, used outside a query: search builds its snippets with it, so that what
 * is highlighted is exactly what the index matched. One per connection and thread. */
typedef struct _ReframeFtsTokenizer ReframeFtsTokenizer;

/* Called for each token with its folded text and its byte range in the input; return FALSE
 * to stop. */
typedef gboolean (*ReframeFtsTokenFunc) (gpointer    user_data,
                                         const char *token,
                                         int         n_token,
                                         int         start,
                                         int         end);

ReframeFtsTokenizer *reframe_fts_tokenizer_new   (sqlite3              *db,
                                                  GError              **error);
void                 reframe_fts_tokenizer_run   (ReframeFtsTokenizer  *self,
                                                  const char           *text,
                                                  int                   n_text,
                                                  ReframeFtsTokenFunc   func,
                                                  gpointer              user_data);
void                 reframe_fts_tokenizer_free  (ReframeFtsTokenizer  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeFtsTokenizer, reframe_fts_tokenizer_free)

G_END_DECLS
