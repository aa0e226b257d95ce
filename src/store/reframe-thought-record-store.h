/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-database.h"
#include "reframe-thought-record.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_THOUGHT_RECORD_STORE (reframe_thought_record_store_get_type ())
G_DECLARE_FINAL_TYPE (ReframeThoughtRecordStore, reframe_thought_record_store,
                      REFRAME, THOUGHT_RECORD_STORE, GObject)

/* Signals: "record-saved" (ReframeThoughtRecord *saved, gboolean created),
 *          "record-deleted" (const char *uuid). */

ReframeThoughtRecordStore *reframe_thought_record_store_new    (ReframeDatabase           *database);
gboolean                   reframe_thought_record_store_save   (ReframeThoughtRecordStore *self,
                                                                ReframeThoughtRecord      *record,
                                                                GError                   **error);
ReframeThoughtRecord      *reframe_thought_record_store_get    (ReframeThoughtRecordStore *self,
                                                                const char                *uuid,
                                                                GError                   **error);
gboolean                   reframe_thought_record_store_delete (ReframeThoughtRecordStore *self,
                                                                const char                *uuid,
                                                                GError                   **error);
guint                      reframe_thought_record_store_count  (ReframeThoughtRecordStore *self);
/* Newest first (by last change), full records. */
GPtrArray                 *reframe_thought_record_store_list   (ReframeThoughtRecordStore *self,
                                                                guint                      offset,
                                                                guint                      limit,
                                                                GError                   **error);

G_END_DECLS
