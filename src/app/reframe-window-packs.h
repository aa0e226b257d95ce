/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-window.h"

G_BEGIN_DECLS

/* The window's part in therapist packs and progress reports: the actions
 *   win.start-exercise(s)         a built-in exercise, by id
 *   win.open-exercise-response(s) a response, by uuid
 *   win.start-assignment(s)       an assignment, by uuid (its exercise in the runner)
 *   win.import-pack               choose a .reframe-pack file and preview it
 *   win.export-report             the progress report dialog
 *   win.new-pack                  the pack editor, for therapists
 *   win.open-report               choose a report (FHIR JSON) and view it, for therapists
 * and dropping a .reframe-pack file on the window. */

void reframe_window_packs_install      (ReframeWindow *self);
/* Reads @file in a worker thread, then shows its preview, or why it cannot be added. */
void reframe_window_import_pack_file   (ReframeWindow *self,
                                        GFile         *file);
void reframe_window_start_assignment   (ReframeWindow *self,
                                        const char    *uuid);
/* A sentence for a pack that was refused. */
const char *reframe_window_describe_pack_error (const GError *error);

G_END_DECLS
