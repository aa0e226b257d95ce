/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-activity-log"

#include "config.h"

#include "reframe-activity-log.h"
#include "reframe-sqlite-autocleanups.h"

/* Local days are computed with the offset stored with each record, so a streak does not
 * change when the person travels. Days are counted as
 * whole days since the epoch in local time, so consecutive days are consecutive numbers. */
guint
reframe_activity_log_get_streak (ReframeDatabase *database,
                                 GDateTime       *now)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 today;
  gint64 expected;
  guint streak = 0;

  g_return_val_if_fail (REFRAME_IS_DATABASE (database), 0);
  g_return_val_if_fail (now != NULL, 0);

  stmt = reframe_database_prepare (database,
    "SELECT DISTINCT day FROM ("
    "  SELECT (entry_at + entry_offset) / 86400 AS day"
    "    FROM journal_entry WHERE entry_at >= ?1"
    "  UNION SELECT (recorded_at + recorded_offset) / 86400"
    "    FROM checkin WHERE recorded_at >= ?1"
    "  UNION SELECT (created_at + created_offset) / 86400"
    "    FROM thought_record WHERE created_at >= ?1"
    ") ORDER BY day DESC",
    NULL);
  if (stmt == NULL)
    return 0;

  /* The day number of "now" in its own offset, computed the same way. */
  today = (g_date_time_to_unix (now) + g_date_time_get_utc_offset (now) / G_TIME_SPAN_SECOND)
          / 86400;
  /* Only the last few years can matter; keeps the query bounded on a large journal. */
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (now) - (gint64) 3 * 366 * 86400);

  expected = today;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 day = sqlite3_column_int64 (stmt, 0);

      if (day > expected)
        continue;  /* a back-dated entry in the future */
      if (day == expected)
        {
          streak++;
          expected--;
          continue;
        }
      /* Nothing yet today does not break yesterday's streak. */
      if (streak == 0 && expected == today && day == today - 1)
        {
          streak++;
          expected = day - 1;
          continue;
        }
      break;
    }

  return streak;
}

guint
reframe_activity_log_count_checkins_on (ReframeDatabase *database,
                                        GDateTime       *now)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (REFRAME_IS_DATABASE (database), 0);
  g_return_val_if_fail (now != NULL, 0);

  start = g_date_time_new (g_date_time_get_timezone (now),
                           g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now), 0, 0, 0);
  end = g_date_time_add_days (start, 1);

  stmt = reframe_database_prepare (database,
    "SELECT count(*) FROM checkin WHERE recorded_at >= ?1 AND recorded_at < ?2", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (start));
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (end));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int (stmt, 0);
}
