/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A local crisis screen, run before anything else looks at a text and on every reply a
 * language model sends back. The phrase lists live in data/safety/<language>.json, one file
 * per language, each group naming its source. A hit is meant to show crisis resources
 * (reframe-crisis-resources.h) and to be recorded by date and kind only
 * (reframe-safety-log.h), never with the text. */

typedef enum /*< flags >*/
{
  REFRAME_SAFETY_NONE           = 0,
  REFRAME_SAFETY_SUICIDE        = 1 << 0,
  REFRAME_SAFETY_SELF_HARM      = 1 << 1,
  REFRAME_SAFETY_HARM_TO_OTHERS = 1 << 2,
  REFRAME_SAFETY_ABUSE          = 1 << 3,
} ReframeSafetyKind;

#define REFRAME_SAFETY_ALL (REFRAME_SAFETY_SUICIDE | REFRAME_SAFETY_SELF_HARM | \
                            REFRAME_SAFETY_HARM_TO_OTHERS | REFRAME_SAFETY_ABUSE)

#define REFRAME_TYPE_SAFETY_KIND (reframe_safety_kind_get_type ())
GType reframe_safety_kind_get_type (void) G_GNUC_CONST;

typedef struct
{
  gboolean           hit;
  ReframeSafetyKind  kind;     /* the most urgent kind found (suicide first), or NONE */
  ReframeSafetyKind  kinds;    /* every kind found */
  char              *matched;  /* the words that matched, as written; NULL when no hit */
  gsize              start;    /* byte range of @matched in the screened text */
  gsize              end;
  const char        *group;    /* id of the phrase group in data/safety/, which names its
                                * source; NULL when no hit */
} ReframeSafetyResult;

#define REFRAME_TYPE_SAFETY_RESULT (reframe_safety_result_get_type ())
GType                reframe_safety_result_get_type (void) G_GNUC_CONST;
ReframeSafetyResult *reframe_safety_result_copy     (const ReframeSafetyResult *self);
void                 reframe_safety_result_free     (ReframeSafetyResult       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeSafetyResult, reframe_safety_result_free)

/* Screens what the person wrote, in every language that has a file. Never NULL. */
ReframeSafetyResult *reframe_safety_screen           (const char        *text);
/* Screens a model's reply for method details (doses, means) and for encouraging harm to
 * self or others. Never NULL. */
ReframeSafetyResult *reframe_safety_screen_reply     (const char        *text);
/* The safety rules to put in front of any request to a language model (English: models
 * follow it whatever the person's language). */
const char          *reframe_safety_get_instruction  (void);

/* "suicide", "self-harm", "harm-to-others", "abuse": the values stored in the safety log.
 * @kind must be a single kind. */
const char          *reframe_safety_kind_to_string   (ReframeSafetyKind  kind);
ReframeSafetyKind    reframe_safety_kind_from_string (const char        *text);

G_END_DECLS
