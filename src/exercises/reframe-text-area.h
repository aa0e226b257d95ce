/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_TEXT_AREA (reframe_text_area_get_type ())
G_DECLARE_FINAL_TYPE (ReframeTextArea, reframe_text_area, REFRAME, TEXT_AREA, AdwBin)

/* A wrapping, multi-line text field with a placeholder; Tab moves focus on. */
GtkWidget   *reframe_text_area_new                  (void);
const char  *reframe_text_area_get_text             (ReframeTextArea *self);
void         reframe_text_area_set_text             (ReframeTextArea *self,
                                                     const char      *text);
const char  *reframe_text_area_get_placeholder_text (ReframeTextArea *self);
void         reframe_text_area_set_placeholder_text (ReframeTextArea *self,
                                                     const char      *placeholder_text);
const char  *reframe_text_area_get_label            (ReframeTextArea *self);
void         reframe_text_area_set_label            (ReframeTextArea *self,
                                                     const char      *label);
GtkTextView *reframe_text_area_get_text_view        (ReframeTextArea *self);

G_END_DECLS
