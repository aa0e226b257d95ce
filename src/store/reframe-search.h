/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-database.h"

G_BEGIN_DECLS

typedef enum
{
  REFRAME_SEARCH_KIND_JOURNAL,
  REFRAME_SEARCH_KIND_THOUGHT_RECORD,
} ReframeSearchKind;

/* Marks around a matched word in a snippet; the UI turns them into highlighting. */
#define REFRAME_SEARCH_MATCH_START "\x02"
#define REFRAME_SEARCH_MATCH_END   "\x03"

#define REFRAME_TYPE_SEARCH_RESULT (reframe_search_result_get_type ())
G_DECLARE_FINAL_TYPE (ReframeSearchResult, reframe_search_result, REFRAME, SEARCH_RESULT, GObject)

ReframeSearchKind   reframe_search_result_get_kind    (ReframeSearchResult *self);
const char         *reframe_search_result_get_uuid    (ReframeSearchResult *self);
const char         *reframe_search_result_get_title   (ReframeSearchResult *self);
/* Plain text with matches between REFRAME_SEARCH_MATCH_START and _END. */
const char         *reframe_search_result_get_snippet (ReframeSearchResult *self);
GDateTime          *reframe_search_result_get_date    (ReframeSearchResult *self);
const char * const *reframe_search_result_get_tags    (ReframeSearchResult *self);
double              reframe_search_result_get_rank    (ReframeSearchResult *self);

typedef struct
{
  const char *text;   /* what the person typed; never used as SQL */
  const char *tag;    /* only journal entries with this tag, or NULL */
  GDateTime  *from;   /* inclusive, or NULL */
  GDateTime  *to;     /* exclusive, or NULL */
  guint       limit;  /* 0 means 100 */
} ReframeSearchQuery;

#define REFRAME_TYPE_SEARCH (reframe_search_get_type ())
G_DECLARE_FINAL_TYPE (ReframeSearch, reframe_search, REFRAME, SEARCH, GObject)

/* Searches run on a worker thread with a connection of their own. */
ReframeSearch *reframe_search_new         (ReframeDatabase          *database);
/* Ranked best first. Element type: ReframeSearchResult. */
GPtrArray     *reframe_search_run_sync    (ReframeSearch            *self,
                                           const ReframeSearchQuery *query,
                                           GCancellable             *cancellable,
                                           GError                  **error);
void           reframe_search_run_async   (ReframeSearch            *self,
                                           const ReframeSearchQuery *query,
                                           GCancellable             *cancellable,
                                           GAsyncReadyCallback       callback,
                                           gpointer                  user_data);
GPtrArray     *reframe_search_run_finish  (ReframeSearch            *self,
                                           GAsyncResult             *result,
                                           GError                  **error);
/* Turns typed text into a safe FTS5 query (each word quoted, the last one a prefix);
 * NULL when nothing searchable is left. */
char          *reframe_search_build_match (const char               *text);

G_END_DECLS
