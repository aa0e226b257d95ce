/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-entry.h"

G_BEGIN_DECLS

/* Edits one journal entry and saves it as the person types: 500 ms after the last change,
 * and never more than a second after the first unsaved one. A new entry is only written
 * once it has some content.
 *
 * Signals: "delete-requested" (), when the person asks to delete the entry shown. */
#define REFRAME_TYPE_ENTRY_EDITOR (reframe_entry_editor_get_type ())
G_DECLARE_FINAL_TYPE (ReframeEntryEditor, reframe_entry_editor, REFRAME, ENTRY_EDITOR, AdwBin)

GtkWidget  *reframe_entry_editor_new         (void);
/* A blank page (with a writing prompt when those are on). Saves what was shown first; when
 * that fails, nothing changes and FALSE is returned (the error was shown). */
gboolean    reframe_entry_editor_new_entry   (ReframeEntryEditor *self);
/* A full entry from the store, under the same rule. */
gboolean    reframe_entry_editor_load        (ReframeEntryEditor *self,
                                              ReframeEntry       *entry);
/* Saves pending changes now; FALSE (and the text kept) when that failed, after showing
 * why in a dialog. */
gboolean    reframe_entry_editor_flush       (ReframeEntryEditor *self);
/* The same, leaving the error to the caller. */
gboolean    reframe_entry_editor_save        (ReframeEntryEditor  *self,
                                              GError             **error);
/* The entry shown, once it is in the store; NULL for a new entry not yet written. */
const char *reframe_entry_editor_get_uuid    (ReframeEntryEditor *self);
/* A new entry with nothing in it yet. */
gboolean    reframe_entry_editor_is_blank    (ReframeEntryEditor *self);
/* The entry shown no longer exists (deleted): shows a blank page without saving. */
void        reframe_entry_editor_forget      (ReframeEntryEditor *self);
void        reframe_entry_editor_focus_body  (ReframeEntryEditor *self);
gboolean    reframe_entry_editor_get_folded  (ReframeEntryEditor *self);
/* Shows the back button, for a narrow window where the list and the editor take turns. */
void        reframe_entry_editor_set_folded  (ReframeEntryEditor *self,
                                              gboolean            folded);

G_END_DECLS
