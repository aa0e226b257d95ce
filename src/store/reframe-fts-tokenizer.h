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

G_END_DECLS
