/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-database.h"
#include "reframe-entry.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_JOURNAL_STORE (reframe_journal_store_get_type ())
G_DECLARE_FINAL_TYPE (ReframeJournalStore, reframe_journal_store, REFRAME, JOURNAL_STORE, GObject)

/* Signals: "entry-saved" (ReframeEntry *saved, gboolean created),
 *          "entry-deleted" (const char *uuid). */

ReframeJournalStore *reframe_journal_store_new          (ReframeDatabase     *database);
ReframeDatabase     *reframe_journal_store_get_database (ReframeJournalStore *self);
/* Inserts or updates by UUID (a new entry gets one). Sets updated_at, and created_at and
 * the date when unset. Refuses text that is not valid UTF-8. */
gboolean             reframe_journal_store_save         (ReframeJournalStore *self,
                                                         ReframeEntry        *entry,
                                                         GError             **error);
ReframeEntry        *reframe_journal_store_get          (ReframeJournalStore *self,
                                                         const char          *uuid,
                                                         GError             **error);
gboolean             reframe_journal_store_delete       (ReframeJournalStore *self,
                                                         const char          *uuid,
                                                         GError             **error);
guint                reframe_journal_store_count        (ReframeJournalStore *self);
/* Summaries (no body, a preview instead), newest first. */
GPtrArray           *reframe_journal_store_list         (ReframeJournalStore *self,
                                                         guint                offset,
                                                         guint                limit,
                                                         GError             **error);
/* The position of @uuid in the newest-first order, or -1. */
int                  reframe_journal_store_get_position (ReframeJournalStore *self,
                                                         const char          *uuid);
/* All tags in use, most used first. */
char               **reframe_journal_store_list_tags    (ReframeJournalStore *self);

G_END_DECLS
