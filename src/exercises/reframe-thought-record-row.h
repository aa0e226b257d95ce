/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-thought-record.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_THOUGHT_RECORD_ROW (reframe_thought_record_row_get_type ())
G_DECLARE_FINAL_TYPE (ReframeThoughtRecordRow, reframe_thought_record_row,
                      REFRAME, THOUGHT_RECORD_ROW, GtkListBoxRow)

/* One thought record in a list: when, what about, and how the emotions changed; in-progress
 * records show their step and a Resume button.
 *
 * Signals: "open" (Resume, or the row activated), "delete" (the delete button). */
GtkWidget            *reframe_thought_record_row_new        (ReframeThoughtRecord    *record);
ReframeThoughtRecord *reframe_thought_record_row_get_record (ReframeThoughtRecordRow *self);

G_END_DECLS
