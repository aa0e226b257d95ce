/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_WRAP_BOX (reframe_wrap_box_get_type ())
G_DECLARE_FINAL_TYPE (ReframeWrapBox, reframe_wrap_box, REFRAME, WRAP_BOX, GtkWidget)

/* Lays its children out left to right at their natural width, wrapping onto new lines like
 * words (GtkFlowBox would line them up in columns; GTK 4.8 has no wrap box). Used for chips. */
GtkWidget *reframe_wrap_box_new     (void);
void       reframe_wrap_box_append  (ReframeWrapBox *self,
                                     GtkWidget      *child);
void       reframe_wrap_box_remove  (ReframeWrapBox *self,
                                     GtkWidget      *child);

G_END_DECLS
