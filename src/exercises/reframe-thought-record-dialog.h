/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-thought-record-store.h"

G_BEGIN_DECLS

/* The step after the last one: the summary. */
#define REFRAME_THOUGHT_RECORD_DIALOG_SUMMARY REFRAME_THOUGHT_RECORD_N_STEPS

#define REFRAME_TYPE_THOUGHT_RECORD_DIALOG (reframe_thought_record_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ReframeThoughtRecordDialog, reframe_thought_record_dialog,
                      REFRAME, THOUGHT_RECORD_DIALOG, AdwWindow)

/* A guided thought record, one step per page, saved into @store as the person goes. With
 * @record NULL it starts a new one (stored once something is entered); otherwise it opens
 * @record at the step it was left at, or at the summary when it is completed. */
ReframeThoughtRecordDialog *reframe_thought_record_dialog_new            (GtkWindow                  *parent,
                                                                          ReframeThoughtRecordStore  *store,
                                                                          ReframeThoughtRecord       *record);
ReframeThoughtRecord       *reframe_thought_record_dialog_get_record     (ReframeThoughtRecordDialog *self);
/* A ReframeThoughtRecordStep, or REFRAME_THOUGHT_RECORD_DIALOG_SUMMARY. */
guint                       reframe_thought_record_dialog_get_step       (ReframeThoughtRecordDialog *self);
void                        reframe_thought_record_dialog_set_step       (ReframeThoughtRecordDialog *self,
                                                                          guint                       step);
/* For the coach: marks traps that may fit the hot thought (nothing is ticked for the person). */
void                        reframe_thought_record_dialog_set_suggested_traps (ReframeThoughtRecordDialog *self,
                                                                               const char * const         *trap_ids);
/* Writes pending changes now; FALSE (with the error shown) when that failed. */
gboolean                    reframe_thought_record_dialog_save           (ReframeThoughtRecordDialog *self);

G_END_DECLS
