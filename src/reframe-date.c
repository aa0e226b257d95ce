/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-date"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "reframe-date.h"

GDateTime *
reframe_date_from_stored (gint64 unix_utc,
                          int    offset_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_utc);
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (offset_seconds);

  return g_date_time_to_timezone (utc, zone);
}

int
reframe_date_get_offset (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, 0);

  return (int) (g_date_time_get_utc_offset (date) / G_TIME_SPAN_SECOND);
}

gboolean
reframe_date_same_day (GDateTime *a,
                       GDateTime *b)
{
  int ya, ma, da, yb, mb, db;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  g_date_time_get_ymd (a, &ya, &ma, &da);
  g_date_time_get_ymd (b, &yb, &mb, &db);
  return ya == yb && ma == mb && da == db;
}

gboolean
reframe_date_same_month (GDateTime *a,
                         GDateTime *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_month (a) == g_date_time_get_month (b);
}

static int
days_between (GDateTime *earlier,
              GDateTime *later)
{
  g_autoptr(GDate) a = g_date_new_dmy (g_date_time_get_day_of_month (earlier),
                                       g_date_time_get_month (earlier),
                                       g_date_time_get_year (earlier));
  g_autoptr(GDate) b = g_date_new_dmy (g_date_time_get_day_of_month (later),
                                       g_date_time_get_month (later),
                                       g_date_time_get_year (later));

  return g_date_days_between (a, b);
}

char *
reframe_date_format_day (GDateTime *date,
                         GDateTime *now)
{
  int days;

  g_return_val_if_fail (date != NULL && now != NULL, NULL);

  days = days_between (date, now);
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (days > 1 && days < 7)
    /* Translators: a weekday, see the strftime manual */
    return g_date_time_format (date, _("%A"));
  if (g_date_time_get_year (date) == g_date_time_get_year (now))
    /* Translators: a date in this year, e.g. "3 March"; see the strftime manual */
    return g_date_time_format (date, _("%-d %B"));
  /* Translators: a date in another year, e.g. "3 March 2024"; see the strftime manual */
  return g_date_time_format (date, _("%-d %B %Y"));
}

char *
reframe_date_format_month (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  /* Translators: a month heading, e.g. "March 2025"; %OB is the standalone month name */
  return g_date_time_format (date, _("%OB %Y"));
}

char *
reframe_date_format_time (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  /* Translators: a time of day; %R is 14:05, use %l:%M %p for 2:05 PM */
  return g_date_time_format (date, _("%R"));
}
