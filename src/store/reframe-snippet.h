/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-fts-tokenizer.h"

G_BEGIN_DECLS

/* Builds search snippets in C rather than with FTS5's snippet(), which re-reads the index for
 * every row: for a word in most entries that cost 0.3 ms a result. The same tokenizer decides
 * what matches, so the highlighting agrees with the index. */
typedef struct _ReframeSnippetMaker ReframeSnippetMaker;

/* @text is what the person typed; its last word matches as a prefix, as in the query. */
ReframeSnippetMaker *reframe_snippet_maker_new  (ReframeFtsTokenizer *tokenizer,
                                                 const char          *text);
/* A window of about @n_tokens tokens of @body around the best cluster of matches, with
 * matches between REFRAME_SEARCH_MATCH_START and _END and "…" where text was cut; the start
 * of @body when nothing in it matches. */
char                *reframe_snippet_maker_make (ReframeSnippetMaker *self,
                                                 const char          *body,
                                                 guint                n_tokens);
void                 reframe_snippet_maker_free (ReframeSnippetMaker *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeSnippetMaker, reframe_snippet_maker_free)

G_END_DECLS
