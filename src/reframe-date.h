/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A stored moment: UTC seconds plus the offset (seconds east of UTC) at writing time. */
GDateTime *reframe_date_from_stored      (gint64     unix_utc,
                                          int        offset_seconds);
int        reframe_date_get_offset       (GDateTime *date);
/* "Today", "Yesterday", "Monday", "3 March", "3 March 2024", relative to @now. */
char      *reframe_date_format_day       (GDateTime *date,
                                          GDateTime *now);
/* "March 2025" */
char      *reframe_date_format_month     (GDateTime *date);
/* "14:05", following the locale */
char      *reframe_date_format_time      (GDateTime *date);
gboolean   reframe_date_same_day         (GDateTime *a,
                                          GDateTime *b);
gboolean   reframe_date_same_month       (GDateTime *a,
                                          GDateTime *b);

G_END_DECLS
