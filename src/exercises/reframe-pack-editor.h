/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-pack.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_PACK_EDITOR (reframe_pack_editor_get_type ())
G_DECLARE_FINAL_TYPE (ReframePackEditor, reframe_pack_editor, REFRAME, PACK_EDITOR, AdwWindow)

/* For therapists: put together a pack for a client (who it is from, a message, exercises
 * from the library or written here, each with instructions, how often, from when to when,
 * a reminder time, and whether AI feedback is welcome with guidance for it) and export it
 * as a .reframe-pack file. */
ReframePackEditor *reframe_pack_editor_new            (GtkWindow          *parent);
/* Adds an assignment of a built-in exercise, or of a custom one added before, with the
 * defaults (from tomorrow, four weeks, daily; weekly for a questionnaire). Returns it; a change
 * made to it directly is exported but not shown in its row, which reads it once. */
ReframeAssignment *reframe_pack_editor_add_exercise   (ReframePackEditor  *self,
                                                       const char         *exercise_id);
/* Adds @exercise (from the custom exercise builder) and an assignment of it. */
ReframeAssignment *reframe_pack_editor_add_custom     (ReframePackEditor  *self,
                                                       ReframeExercise    *exercise);
/* The pack as it stands; NULL with @error when it cannot be exported (e.g. no exercise). */
ReframePack       *reframe_pack_editor_build_pack     (ReframePackEditor  *self,
                                                       GError            **error);
/* What Export does once a file is chosen. */
void               reframe_pack_editor_export_async   (ReframePackEditor   *self,
                                                       GFile               *file,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           reframe_pack_editor_export_finish  (ReframePackEditor   *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* Shows the custom exercise builder, and builds what was written there. */
void               reframe_pack_editor_show_builder   (ReframePackEditor  *self);
ReframeExercise   *reframe_pack_editor_build_custom   (ReframePackEditor  *self,
                                                       GError            **error);

G_END_DECLS
