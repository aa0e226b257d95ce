/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-journal-store.h"

G_BEGIN_DECLS

/* A GListModel of entry summaries, newest first, that loads pages from the store only as a
 * list view asks for them, so that 100,000 entries cost no more to show than 100. */
#define REFRAME_TYPE_ENTRY_LIST (reframe_entry_list_get_type ())
G_DECLARE_FINAL_TYPE (ReframeEntryList, reframe_entry_list, REFRAME, ENTRY_LIST, GObject)

ReframeEntryList *reframe_entry_list_new (ReframeJournalStore *store);

G_END_DECLS
