/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_ENTRY (reframe_entry_get_type ())
G_DECLARE_FINAL_TYPE (ReframeEntry, reframe_entry, REFRAME, ENTRY, GObject)

ReframeEntry       *reframe_entry_new             (void);
ReframeEntry       *reframe_entry_copy            (ReframeEntry       *self);
const char         *reframe_entry_get_uuid        (ReframeEntry       *self);
void                reframe_entry_set_uuid        (ReframeEntry       *self,
                                                   const char         *uuid);
const char         *reframe_entry_get_title       (ReframeEntry       *self);
void                reframe_entry_set_title       (ReframeEntry       *self,
                                                   const char         *title);
/* NULL on a summary loaded for a list; the preview is set instead. */
const char         *reframe_entry_get_body        (ReframeEntry       *self);
void                reframe_entry_set_body        (ReframeEntry       *self,
                                                   const char         *body);
const char         *reframe_entry_get_preview     (ReframeEntry       *self);
void                reframe_entry_set_preview     (ReframeEntry       *self,
                                                   const char         *preview);
/* The title, or else the first line of the body. */
char               *reframe_entry_dup_display_title (ReframeEntry     *self);
const char * const *reframe_entry_get_tags        (ReframeEntry       *self);
void                reframe_entry_set_tags        (ReframeEntry       *self,
                                                   const char * const *tags);
/* The moment the entry is about; editable, so an entry can be back-dated. */
GDateTime          *reframe_entry_get_date        (ReframeEntry       *self);
void                reframe_entry_set_date        (ReframeEntry       *self,
                                                   GDateTime          *date);
GDateTime          *reframe_entry_get_created_at  (ReframeEntry       *self);
void                reframe_entry_set_created_at  (ReframeEntry       *self,
                                                   GDateTime          *created_at);
GDateTime          *reframe_entry_get_updated_at  (ReframeEntry       *self);
void                reframe_entry_set_updated_at  (ReframeEntry       *self,
                                                   GDateTime          *updated_at);
guint               reframe_entry_get_word_count  (ReframeEntry       *self);
void                reframe_entry_set_word_count  (ReframeEntry       *self,
                                                   guint               word_count);

guint               reframe_count_words           (const char         *text);

G_END_DECLS
