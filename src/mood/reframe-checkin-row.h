/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "reframe-checkin.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_CHECKIN_ROW (reframe_checkin_row_get_type ())
G_DECLARE_FINAL_TYPE (ReframeCheckinRow, reframe_checkin_row, REFRAME, CHECKIN_ROW, GtkListBoxRow)

/* One check-in in the history: time, mood with its colour and word, what was felt and done,
 * and the start of the note. */
GtkWidget      *reframe_checkin_row_new         (ReframeCheckin    *checkin);
ReframeCheckin *reframe_checkin_row_get_checkin (ReframeCheckinRow *self);

/* "7½ h"-style text for hours slept; shared with the check-in dialog. */
char           *reframe_format_sleep_hours      (double             hours);

G_END_DECLS
