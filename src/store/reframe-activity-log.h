/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-database.h"

G_BEGIN_DECLS

/* Facts across every kind of record, for the Today page. */

/* Consecutive local days, ending today (or yesterday, when nothing is written yet today),
 * with at least one entry, check-in or thought record. */
guint    reframe_activity_log_get_streak         (ReframeDatabase *database,
                                                  GDateTime       *now);
/* Number of check-ins recorded on the local day of @now. */
guint    reframe_activity_log_count_checkins_on  (ReframeDatabase *database,
                                                  GDateTime       *now);

G_END_DECLS
