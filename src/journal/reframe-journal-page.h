/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_JOURNAL_PAGE (reframe_journal_page_get_type ())
G_DECLARE_FINAL_TYPE (ReframeJournalPage, reframe_journal_page, REFRAME, JOURNAL_PAGE, AdwBin)

/* A blank page in the editor, with the keyboard in its text. */
void reframe_journal_page_new_entry    (ReframeJournalPage *self);
void reframe_journal_page_open_entry   (ReframeJournalPage *self,
                                        const char         *uuid);
/* Opens the search bar above the list and puts the keyboard in it. */
void reframe_journal_page_start_search (ReframeJournalPage *self);

G_END_DECLS
