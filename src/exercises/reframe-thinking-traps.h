/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One thinking trap from data/exercises/thinking-traps.json. Ids are stable. */
typedef struct
{
  const char *id;
  const char *name;     /* translated */
  const char *summary;  /* translated, one line */
  const char *example;  /* translated */
} ReframeThinkingTrap;

/* Loaded once from the core resources; lives for the whole process. In file order. */
const GPtrArray           *reframe_thinking_traps_get_all (void);
const ReframeThinkingTrap *reframe_thinking_traps_lookup  (const char *id);

G_END_DECLS
