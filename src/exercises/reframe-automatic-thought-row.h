/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-text-area.h"
#include "reframe-thought-record.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_AUTOMATIC_THOUGHT_ROW (reframe_automatic_thought_row_get_type ())
G_DECLARE_FINAL_TYPE (ReframeAutomaticThoughtRow, reframe_automatic_thought_row,
                      REFRAME, AUTOMATIC_THOUGHT_ROW, GtkListBoxRow)

/* A row that edits @thought in place: its text, how much it is believed, and whether it is
 * the hot thought (a star; the stars of rows joined with _set_group() allow one at a time).
 * @thought must outlive the row.
 *
 * Signals: "changed" (anything was edited), "remove" (the person asked to remove it). */
GtkWidget               *reframe_automatic_thought_row_new         (ReframeAutomaticThought    *thought);
ReframeAutomaticThought *reframe_automatic_thought_row_get_thought (ReframeAutomaticThoughtRow *self);
void                     reframe_automatic_thought_row_set_group   (ReframeAutomaticThoughtRow *self,
                                                                    ReframeAutomaticThoughtRow *group);
void                     reframe_automatic_thought_row_set_hot     (ReframeAutomaticThoughtRow *self,
                                                                    gboolean                    hot);
void                     reframe_automatic_thought_row_set_removable (ReframeAutomaticThoughtRow *self,
                                                                      gboolean                    removable);
ReframeTextArea         *reframe_automatic_thought_row_get_text_area (ReframeAutomaticThoughtRow *self);
GtkToggleButton         *reframe_automatic_thought_row_get_hot_button (ReframeAutomaticThoughtRow *self);
GtkScale                *reframe_automatic_thought_row_get_scale   (ReframeAutomaticThoughtRow *self);

G_END_DECLS
