/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-assignment.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_ASSIGNMENT_ROW (reframe_assignment_row_get_type ())
G_DECLARE_FINAL_TYPE (ReframeAssignmentRow, reframe_assignment_row, REFRAME, ASSIGNMENT_ROW, AdwActionRow)

/* An assignment from a therapist: what, how often, the therapist's words and how much was
 * done (adherence). Activating it starts the exercise (win.start-assignment); its menu has
 * Pause or Resume, and Remove. Text
 * from a pack is shown as text, never markup. */
GtkWidget         *reframe_assignment_row_new            (ReframeAssignment    *assignment,
                                                          const GDate          *today);
ReframeAssignment *reframe_assignment_row_get_assignment (ReframeAssignmentRow *self);
/* Leaves the schedule out, for the Today page. */
void               reframe_assignment_row_set_compact    (ReframeAssignmentRow *self,
                                                          gboolean              compact);
/* The line with the state and adherence, e.g. "3 of 5 done", for the tests. */
const char        *reframe_assignment_row_get_progress   (ReframeAssignmentRow *self);

G_END_DECLS
