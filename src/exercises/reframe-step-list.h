/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "reframe-exercise.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_STEP_LIST (reframe_step_list_get_type ())
G_DECLARE_FINAL_TYPE (ReframeStepList, reframe_step_list, REFRAME, STEP_LIST, GtkWidget)

/* The rows of a list field, each a card with the list's item fields, bound to the array in
 * @root. A list with a "source" shows one card per row of that earlier list (titled by it)
 * and has no Add or Remove. Emits "changed". */
GtkWidget *reframe_step_list_new           (ReframeExercise    *exercise,
                                            const ReframeField *field,
                                            JsonObject         *root);
/* Rebuilds the cards from the answers (and the source list's rows). */
void       reframe_step_list_refresh       (ReframeStepList    *self);
/* Drops rows with nothing in them (there is always one to write in when editing). */
void       reframe_step_list_prune         (ReframeStepList    *self);
void       reframe_step_list_commit_defaults (ReframeStepList  *self);
guint      reframe_step_list_get_n_rows    (ReframeStepList    *self);
/* Adds an empty row and focuses it; FALSE when the list is full or reviews another one. */
gboolean   reframe_step_list_add_row       (ReframeStepList    *self);
void       reframe_step_list_remove_row    (ReframeStepList    *self,
                                            guint               index);
/* The ReframeStepField of @item_id in row @index, or NULL. */
GtkWidget *reframe_step_list_get_field     (ReframeStepList    *self,
                                            guint               index,
                                            const char         *item_id);
gboolean   reframe_step_list_focus_first   (ReframeStepList    *self);

G_END_DECLS
