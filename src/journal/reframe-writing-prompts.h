/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prompts from data/journal/writing-prompts.json, translated. */
guint       reframe_writing_prompts_get_count (void);
const char *reframe_writing_prompts_get       (guint index);

G_END_DECLS
