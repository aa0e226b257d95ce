/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-entry.h"

G_BEGIN_DECLS

/* One entry in the journal list: title or first line, date, a preview line, tags and word
 * count; and above it the month, when it is the first entry of its month. */
#define REFRAME_TYPE_ENTRY_ROW (reframe_entry_row_get_type ())
G_DECLARE_FINAL_TYPE (ReframeEntryRow, reframe_entry_row, REFRAME, ENTRY_ROW, AdwBin)

GtkWidget    *reframe_entry_row_new            (void);
/* @entry may be NULL to clear the row; @now is for "Today", "Yesterday". */
void          reframe_entry_row_set_entry      (ReframeEntryRow *self,
                                                ReframeEntry    *entry,
                                                GDateTime       *now);
ReframeEntry *reframe_entry_row_get_entry      (ReframeEntryRow *self);
void          reframe_entry_row_set_show_month (ReframeEntryRow *self,
                                                gboolean         show_month);

G_END_DECLS
