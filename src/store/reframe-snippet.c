/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-snippet"

#include "config.h"

#include <string.h>

#include "reframe-search.h"
#include "reframe-snippet.h"

/* Bodies can be megabytes; the first part is looked at first, the rest only when needed. */
#define FIRST_LOOK_BYTES (64 * 1024)

typedef struct
{
  char     *term;
  gboolean  prefix;
} Term;

struct _ReframeSnippetMaker
{
  ReframeFtsTokenizer *tokenizer;
  GArray              *terms;   /* Term */
};

typedef struct
{
  int      start;
  int      end;
  gboolean match;
} Token;

typedef struct
{
  GArray   *terms;
  gboolean  prefix;
} QueryContext;

static gboolean
add_query_token_cb (gpointer    user_data,
                    const char *token,
                    int         n_token,
                    int         start,
                    int         end)
{
  QueryContext *query = user_data;
  Term term = { g_strndup (token, n_token), query->prefix };

  g_array_append_val (query->terms, term);
  return TRUE;
}

static void
clear_term (gpointer data)
{
  g_free (((Term *) data)->term);
}

ReframeSnippetMaker *
reframe_snippet_maker_new (ReframeFtsTokenizer *tokenizer,
                           const char          *text)
{
  ReframeSnippetMaker *self;
  g_auto(GStrv) words = NULL;
  int last = -1;

  g_return_val_if_fail (tokenizer != NULL, NULL);

  self = g_new0 (ReframeSnippetMaker, 1);
  self->tokenizer = tokenizer;
  self->terms = g_array_new (FALSE, FALSE, sizeof (Term));
  g_array_set_clear_func (self->terms, clear_term);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return self;

  words = g_strsplit_set (text, " \t\r\n", -1);
  for (int i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      last = i;

  for (int i = 0; words[i] != NULL; i++)
    {
      QueryContext query = { self->terms, i == last };

      reframe_fts_tokenizer_run (tokenizer, words[i], -1, add_query_token_cb, &query);
    }

  return self;
}

static gboolean
token_matches (ReframeSnippetMaker *self,
               const char          *token,
               int                  n_token)
{
  for (guint i = 0; i < self->terms->len; i++)
    {
      const Term *term = &g_array_index (self->terms, Term, i);
      int n_term = strlen (term->term);

      if (term->prefix ? (n_token >= n_term && memcmp (token, term->term, n_term) == 0)
                       : (n_token == n_term && memcmp (token, term->term, n_term) == 0))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  ReframeSnippetMaker *self;
  GArray              *tokens;
  guint                n_matches;
} BodyContext;

static gboolean
add_body_token_cb (gpointer    user_data,
                   const char *token,
                   int         n_token,
                   int         start,
                   int         end)
{
  BodyContext *body = user_data;
  Token t = { start, end, token_matches (body->self, token, n_token) };

  body->n_matches += t.match;
  g_array_append_val (body->tokens, t);
  return TRUE;
}

/* The largest character boundary at or before @limit. */
static int
cut_at_char (const char *text,
             int         length,
             int         limit)
{
  if (limit >= length)
    return length;
  while (limit > 0 && ((guchar) text[limit] & 0xC0) == 0x80)
    limit--;
  return limit;
}

char *
reframe_snippet_maker_make (ReframeSnippetMaker *self,
                            const char          *body,
                            guint                n_tokens)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  BodyContext context = { self, tokens, 0 };
  GString *snippet;
  int length;
  guint best_start = 0;
  guint best_count = 0;
  guint first, last;

  g_return_val_if_fail (self != NULL, NULL);

  if (body == NULL)
    return g_strdup ("");
  if (n_tokens == 0)
    n_tokens = 16;

  length = strlen (body);
  reframe_fts_tokenizer_run (self->tokenizer, body, cut_at_char (body, length, FIRST_LOOK_BYTES),
                             add_body_token_cb, &context);
  if (context.n_matches == 0 && length > FIRST_LOOK_BYTES)
    {
      g_array_set_size (tokens, 0);
      reframe_fts_tokenizer_run (self->tokenizer, body, length, add_body_token_cb, &context);
    }

  if (tokens->len == 0)
    return g_strndup (body, cut_at_char (body, length, 200));

  /* The window holding the most matches; the earliest among equals. */
  if (context.n_matches > 0)
    {
      guint count = 0;

      for (guint i = 0; i < tokens->len; i++)
        {
          count += g_array_index (tokens, Token, i).match;
          if (i >= n_tokens)
            count -= g_array_index (tokens, Token, i - n_tokens).match;
          if (count > best_count)
            {
              best_count = count;
              best_start = i + 1 > n_tokens ? i + 1 - n_tokens : 0;
            }
        }

      /* Start a little before the first match, so it has some context. */
      while (best_start < tokens->len && !g_array_index (tokens, Token, best_start).match)
        best_start++;
      best_start = best_start > 3 ? best_start - 3 : 0;
    }

  first = best_start;
  last = MIN (first + n_tokens, tokens->len) - 1;

  snippet = g_string_new (NULL);
  if (first > 0)
    g_string_append (snippet, "…");

  for (guint i = first; i <= last; i++)
    {
      const Token *token = &g_array_index (tokens, Token, i);
      int gap_start = i == first ? (first == 0 ? 0 : token->start)
                                 : g_array_index (tokens, Token, i - 1).end;

      g_string_append_len (snippet, body + gap_start, token->start - gap_start);
      if (token->match)
        g_string_append (snippet, REFRAME_SEARCH_MATCH_START);
      g_string_append_len (snippet, body + token->start, token->end - token->start);
      if (token->match)
        g_string_append (snippet, REFRAME_SEARCH_MATCH_END);
    }

  if (last + 1 < tokens->len || g_array_index (tokens, Token, last).end < length)
    {
      /* Keep closing punctuation right after the last word. */
      const char *tail = body + g_array_index (tokens, Token, last).end;

      if (*tail != '\0' && strchr (".,;:!?)", *tail) != NULL)
        g_string_append_c (snippet, *tail++);
      if (*tail != '\0')
        g_string_append (snippet, "…");
    }

  /* Snippets are one line in a list. */
  for (char *p = snippet->str; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';

  return g_string_free (snippet, FALSE);
}

void
reframe_snippet_maker_free (ReframeSnippetMaker *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->terms);
  g_free (self);
}
