/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_JOURNAL_PAGE (reframe_journal_page_get_type ())
G_DECLARE_FINAL_TYPE (ReframeJournalPage, reframe_journal_page, REFRAME, JOURNAL_PAGE, AdwBin)

void reframe_journal_page_new_entry (ReframeJournalPage *self);
void reframe_journal_page_open_entry (ReframeJournalPage *self,
                                       const char *uuid);
void reframe_journal_page_start_search (ReframeJournalPage *self);

G_END_DECLS
