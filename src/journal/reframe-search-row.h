/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-search.h"

G_BEGIN_DECLS

/* One search result, a journal entry or a thought record, with the matched words
 * highlighted in its snippet. */
#define REFRAME_TYPE_SEARCH_ROW (reframe_search_row_get_type ())
G_DECLARE_FINAL_TYPE (ReframeSearchRow, reframe_search_row, REFRAME, SEARCH_ROW, AdwBin)

GtkWidget           *reframe_search_row_new        (void);
/* Words of @query found in the title are highlighted like those in the snippet. */
void                 reframe_search_row_set_result (ReframeSearchRow    *self,
                                                    ReframeSearchResult *result,
                                                    const char          *query,
                                                    GDateTime           *now);
ReframeSearchResult *reframe_search_row_get_result (ReframeSearchRow    *self);

/* Pango markup for a snippet: the text escaped, on one line, and each part between
 * REFRAME_SEARCH_MATCH_START and _END in bold on a highlight. */
char                *reframe_search_snippet_to_markup (const char *snippet);

G_END_DECLS
