/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Tags as removable chips, followed by an entry that adds a tag on Enter or a comma and
 * offers completion from existing tags. Emits "changed" when the person changes the tags. */
#define REFRAME_TYPE_TAG_EDITOR (reframe_tag_editor_get_type ())
G_DECLARE_FINAL_TYPE (ReframeTagEditor, reframe_tag_editor, REFRAME, TAG_EDITOR, GtkWidget)

GtkWidget  *reframe_tag_editor_new             (void);
/* Does not emit "changed". */
void        reframe_tag_editor_set_tags        (ReframeTagEditor   *self,
                                                const char * const *tags);
char      **reframe_tag_editor_dup_tags        (ReframeTagEditor   *self);
/* Existing tags, most used first, offered while typing. */
void        reframe_tag_editor_set_suggestions (ReframeTagEditor   *self,
                                                const char * const *suggestions);
/* Turns text typed but not yet confirmed into a tag; TRUE if that changed the tags. */
gboolean    reframe_tag_editor_commit          (ReframeTagEditor   *self);
GtkWidget  *reframe_tag_editor_get_entry       (ReframeTagEditor   *self);

G_END_DECLS
