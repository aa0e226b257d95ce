/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_CHIP (reframe_chip_get_type ())
G_DECLARE_FINAL_TYPE (ReframeChip, reframe_chip, REFRAME, CHIP, GtkToggleButton)

/* A rounded toggle for picking several things from a set (emotions, activities). A check mark
 * shows when it is on, so the state never rests on colour alone. */
GtkWidget  *reframe_chip_new      (const char  *text,
                                   const char  *value);
const char *reframe_chip_get_text (ReframeChip *self);
/* What the chip stands for, e.g. an emotion id; the text when no value was given. */
const char *reframe_chip_get_value (ReframeChip *self);

G_END_DECLS
