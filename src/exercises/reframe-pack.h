/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-assignment.h"
#include "reframe-exercise.h"

G_BEGIN_DECLS

/* A therapist pack (docs/pack-format.md): exercises a therapist asks a client to do, with
 * how often and until when, and optionally exercises the therapist wrote. Packs come from
 * outside, so the parser trusts nothing: size (checked before the file is read), nesting,
 * encoding, types, ranges and references are all checked, text is stripped of control
 * characters, and every exercise definition in it goes through the exercise parser. */

#define REFRAME_PACK_FORMAT_ID        "io.github.reframe.pack"
#define REFRAME_PACK_FORMAT_VERSION   1
#define REFRAME_PACK_FILE_EXTENSION   ".reframe-pack"
#define REFRAME_PACK_MIME_TYPE        "application/x-reframe-pack"
#define REFRAME_PACK_MAX_SIZE         (1024 * 1024)
/* The pack's own levels plus those of an exercise definition inside it. */
#define REFRAME_PACK_MAX_DEPTH        (REFRAME_EXERCISE_MAX_DEPTH + 2)
#define REFRAME_PACK_MAX_ASSIGNMENTS  30
#define REFRAME_PACK_MAX_EXERCISES    20
#define REFRAME_PACK_MAX_MESSAGE      4000
#define REFRAME_PACK_MAX_NAME         120
#define REFRAME_PACK_MAX_CONTACT      200
#define REFRAME_PACK_MAX_INSTRUCTIONS 2000
#define REFRAME_PACK_MAX_GUIDANCE     1000
/* From the first day to the last: at most a year. */
#define REFRAME_PACK_MAX_DAYS         366

#define REFRAME_PACK_ERROR (reframe_pack_error_quark ())

typedef enum
{
  REFRAME_PACK_ERROR_INVALID,           /* does not follow the format; the message says where */
  REFRAME_PACK_ERROR_SYNTAX,            /* not JSON */
  REFRAME_PACK_ERROR_TOO_LARGE,
  REFRAME_PACK_ERROR_TOO_DEEP,
  REFRAME_PACK_ERROR_BAD_ENCODING,      /* not UTF-8, or a NUL byte */
  REFRAME_PACK_ERROR_NOT_A_PACK,        /* JSON, but no pack format id */
  REFRAME_PACK_ERROR_UNSUPPORTED,       /* a newer format version than this Reframe reads */
  REFRAME_PACK_ERROR_UNKNOWN_TYPE,      /* an exercise uses a field type this Reframe lacks */
  REFRAME_PACK_ERROR_UNKNOWN_EXERCISE,  /* an assignment names an exercise that is not there */
} ReframePackError;

GQuark reframe_pack_error_quark (void);

#define REFRAME_TYPE_PACK (reframe_pack_get_type ())
G_DECLARE_FINAL_TYPE (ReframePack, reframe_pack, REFRAME, PACK, GObject)

/* An empty pack with a new id, for the pack editor. */
ReframePack     *reframe_pack_new                  (void);
ReframePack     *reframe_pack_new_from_data        (const char   *data,
                                                    gssize        length,
                                                    GError      **error);
/* Reads at most REFRAME_PACK_MAX_SIZE bytes: a larger file is refused from its size alone. */
ReframePack     *reframe_pack_load_file            (GFile        *file,
                                                    GCancellable *cancellable,
                                                    GError      **error);
void             reframe_pack_load_file_async      (GFile               *file,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
ReframePack     *reframe_pack_load_file_finish     (GAsyncResult        *result,
                                                    GError             **error);
/* Pretty-printed JSON; what reframe_pack_new_from_data() reads back. */
char            *reframe_pack_to_data              (ReframePack  *self,
                                                    gsize        *length);

const char      *reframe_pack_get_id               (ReframePack  *self);
/* When the therapist made it; may be NULL in a pack read from a file. */
GDateTime       *reframe_pack_get_created          (ReframePack  *self);
const char      *reframe_pack_get_therapist_name   (ReframePack  *self);
void             reframe_pack_set_therapist_name   (ReframePack  *self,
                                                    const char   *name);
const char      *reframe_pack_get_therapist_contact (ReframePack *self);
void             reframe_pack_set_therapist_contact (ReframePack *self,
                                                    const char   *contact);
const char      *reframe_pack_get_message          (ReframePack  *self);
void             reframe_pack_set_message          (ReframePack  *self,
                                                    const char   *message);

/* Exercises the therapist wrote (ReframeExercise); built-in ones are referred to by id. */
const GPtrArray *reframe_pack_get_exercises        (ReframePack  *self);
/* Fails when the id is a built-in one or already in the pack. */
gboolean         reframe_pack_add_exercise         (ReframePack     *self,
                                                    ReframeExercise *exercise,
                                                    GError         **error);
void             reframe_pack_remove_exercise      (ReframePack     *self,
                                                    const char      *exercise_id);
/* One in the pack, else a built-in one; NULL when neither. */
ReframeExercise *reframe_pack_lookup_exercise      (ReframePack  *self,
                                                    const char   *exercise_id);

/* ReframeAssignment, in order; each has its uuid, exercise id and title, and (for exercises
 * in the pack) the definition's JSON. */
const GPtrArray *reframe_pack_get_assignments      (ReframePack  *self);
/* Checks @assignment and adds it (with a new uuid when it has none). */
gboolean         reframe_pack_add_assignment       (ReframePack        *self,
                                                    ReframeAssignment  *assignment,
                                                    GError            **error);
void             reframe_pack_remove_assignment    (ReframePack        *self,
                                                    ReframeAssignment  *assignment);

/* A simple exercise a therapist writes in the app: a title, an introduction, and steps of
 * one field each. */
typedef struct
{
  const char       *title;
  const char       *text;       /* or NULL */
  ReframeFieldType  type;       /* short-text, long-text, scale, slider, emotions,
                                 * thinking-traps or date-time */
  const char       *label;
} ReframeCustomStep;

/* Builds and validates the definition. @id may be NULL (one is made from the title); @author
 * goes into its source. */
ReframeExercise *reframe_pack_build_exercise       (const char               *id,
                                                    const char               *title,
                                                    const char               *intro,
                                                    const char               *author,
                                                    const ReframeCustomStep  *steps,
                                                    guint                     n_steps,
                                                    GError                  **error);
/* Whether the custom exercise builder offers @type. */
gboolean         reframe_pack_builder_supports     (ReframeFieldType          type);

G_END_DECLS
