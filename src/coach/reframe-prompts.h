/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "reframe-feedback-answer.h"

G_BEGIN_DECLS

/* The prompts of the feedback coach, one JSON file per feature in data/prompts/. Each has a
 * stable id and a version that are stored with every answer it produced. */
typedef struct
{
  const char          *id;                 /* "journal-reflection" */
  guint                version;
  ReframeFeedbackKind  kind;
  const char          *description;
  const char * const  *sources;            /* the literature its structure follows */
  const char          *system;             /* the system prompt */
  const char          *user_template;      /* with {{text}} */
  const char          *hint_template;      /* with {{traps}}, or NULL when the feature takes none */
  const char          *guidance_template;  /* with {{guidance}}, or NULL */
} ReframePrompt;

/* Loaded once; lives for the whole process. In the order of ReframeFeedbackKind. */
const GPtrArray     *reframe_prompts_get_all  (void);
/* NULL when @id is unknown. */
const ReframePrompt *reframe_prompts_lookup   (const char          *id);
const ReframePrompt *reframe_prompts_for_kind (ReframeFeedbackKind  kind);

/* @template with each "{{key}}" replaced by its value; the pairs of key and value end with
 * NULL. Unknown keys stay as they are; values are inserted as they are (never re-expanded). */
char                *reframe_prompt_expand    (const char          *template,
                                               ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
