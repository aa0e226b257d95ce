/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-assignment-store.h"
#include "reframe-database.h"
#include "reframe-exercise-store.h"
#include "reframe-journal-store.h"
#include "reframe-mood-store.h"
#include "reframe-search.h"
#include "reframe-thought-record-store.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_APPLICATION (reframe_application_get_type ())
G_DECLARE_FINAL_TYPE (ReframeApplication, reframe_application, REFRAME, APPLICATION, AdwApplication)

#define REFRAME_APPLICATION_DEFAULT (REFRAME_APPLICATION (g_application_get_default ()))

ReframeApplication        *reframe_application_new                       (void);
GSettings                 *reframe_application_get_settings              (ReframeApplication *self);
/* These are NULL only when the database could not be opened (no window is shown then). */
ReframeDatabase           *reframe_application_get_database              (ReframeApplication *self);
ReframeJournalStore       *reframe_application_get_journal_store         (ReframeApplication *self);
ReframeMoodStore          *reframe_application_get_mood_store            (ReframeApplication *self);
ReframeThoughtRecordStore *reframe_application_get_thought_record_store  (ReframeApplication *self);
ReframeSearch             *reframe_application_get_search                (ReframeApplication *self);
ReframeExerciseStore      *reframe_application_get_exercise_store        (ReframeApplication *self);
/* Packs from a therapist and their assignments. */
ReframeAssignmentStore    *reframe_application_get_assignment_store      (ReframeApplication *self);

G_END_DECLS
