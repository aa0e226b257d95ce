/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "reframe-assignment-store.h"
#include "reframe-exercise-store.h"

G_BEGIN_DECLS

/* Reminders for assignments from a therapist, as desktop notifications while Reframe runs: a
 * GLib timeout to the next reminder, rescheduled whenever an assignment or a response
 * changes. A notification's default action opens the assignment (app.open-assignment). At
 * the first window of a run, one notification sums up what is overdue. */

typedef GDateTime *(*ReframeNowFunc) (gpointer user_data);

#define REFRAME_TYPE_REMINDERS (reframe_reminders_get_type ())
G_DECLARE_FINAL_TYPE (ReframeReminders, reframe_reminders, REFRAME, REMINDERS, GObject)

/* Signals: "reminded" (const char *assignment_uuid), "overdue" (guint n_overdue): after a
 * notification was sent. */

ReframeReminders *reframe_reminders_new             (GApplication           *application,
                                                     ReframeAssignmentStore *store,
                                                     ReframeExerciseStore   *exercise_store);
/* For the tests: a clock to use instead of the real one (NULL for the real one). Sets the
 * moment reminders are counted from to its "now". */
void              reframe_reminders_set_now_func    (ReframeReminders       *self,
                                                     ReframeNowFunc          func,
                                                     gpointer                user_data);
/* When the next reminder is due, or NULL when none is. */
GDateTime        *reframe_reminders_get_next        (ReframeReminders       *self);
/* Sends the reminders that fell due since the last check, and schedules the next. The
 * timeout calls this; the tests call it after moving their clock. Returns how many were
 * sent. */
guint             reframe_reminders_check           (ReframeReminders       *self);
/* One notification about everything overdue now; returns how many are. */
guint             reframe_reminders_notify_overdue  (ReframeReminders       *self);

G_END_DECLS
