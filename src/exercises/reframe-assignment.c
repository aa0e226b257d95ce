/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-assignment"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "reframe-assignment.h"
#include "reframe-util.h"

struct _ReframeAssignment
{
  GObject           parent_instance;

  char             *uuid;
  char             *pack_uuid;
  char             *therapist_name;
  char             *exercise_id;
  char             *definition_json;
  char             *title;
  char             *instructions;
  ReframeFrequency  frequency;
  guint             times_per_week;
  GDate             start;
  GDate             end;  /* invalid when open-ended */
  int               reminder;
  gboolean          ai_feedback;
  char             *ai_guidance;
  gboolean          paused;
  GPtrArray        *completions;
};

G_DEFINE_FINAL_TYPE (ReframeAssignment, reframe_assignment, G_TYPE_OBJECT)

/* How far ahead a reminder is looked for: a little more than a year. */
#define MAX_DAYS_AHEAD 400

static void
reframe_assignment_finalize (GObject *object)
{
  ReframeAssignment *self = (ReframeAssignment *)object;

  g_free (self->uuid);
  g_free (self->pack_uuid);
  g_free (self->therapist_name);
  g_free (self->exercise_id);
  g_free (self->definition_json);
  g_free (self->title);
  g_free (self->instructions);
  g_free (self->ai_guidance);
  g_clear_pointer (&self->completions, g_ptr_array_unref);

  G_OBJECT_CLASS (reframe_assignment_parent_class)->finalize (object);
}

static void
reframe_assignment_class_init (ReframeAssignmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reframe_assignment_finalize;
}

static void
reframe_assignment_init (ReframeAssignment *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->frequency = REFRAME_FREQUENCY_DAILY;
  self->times_per_week = 1;
  self->reminder = REFRAME_ASSIGNMENT_NO_REMINDER;
  g_date_clear (&self->start, 1);
  g_date_clear (&self->end, 1);
  reframe_assignment_date_of (now, &self->start);
  self->completions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
}

ReframeAssignment *
reframe_assignment_new (void)
{
  return g_object_new (REFRAME_TYPE_ASSIGNMENT, NULL);
}

ReframeAssignment *
reframe_assignment_copy (ReframeAssignment *self)
{
  ReframeAssignment *copy;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), NULL);

  copy = reframe_assignment_new ();
  copy->uuid = g_strdup (self->uuid);
  copy->pack_uuid = g_strdup (self->pack_uuid);
  copy->therapist_name = g_strdup (self->therapist_name);
  copy->exercise_id = g_strdup (self->exercise_id);
  copy->definition_json = g_strdup (self->definition_json);
  copy->title = g_strdup (self->title);
  copy->instructions = g_strdup (self->instructions);
  copy->frequency = self->frequency;
  copy->times_per_week = self->times_per_week;
  copy->start = self->start;
  copy->end = self->end;
  copy->reminder = self->reminder;
  copy->ai_feedback = self->ai_feedback;
  copy->ai_guidance = g_strdup (self->ai_guidance);
  copy->paused = self->paused;
  for (guint i = 0; i < self->completions->len; i++)
    g_ptr_array_add (copy->completions,
                     g_date_time_ref (g_ptr_array_index (self->completions, i)));
  return copy;
}

#define STRING_ACCESSORS(name)                                                   \
  const char *                                                                   \
  reframe_assignment_get_##name (ReframeAssignment *self)                        \
  {                                                                              \
    g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), NULL);                   \
    return self->name;                                                           \
  }                                                                              \
                                                                                 \
  void                                                                           \
  reframe_assignment_set_##name (ReframeAssignment *self,                        \
                                 const char        *value)                       \
  {                                                                              \
    g_return_if_fail (REFRAME_IS_ASSIGNMENT (self));                             \
    reframe_set_str (&self->name, value != NULL && *value != '\0' ? value : NULL); \
  }

STRING_ACCESSORS (uuid)
STRING_ACCESSORS (pack_uuid)
STRING_ACCESSORS (therapist_name)
STRING_ACCESSORS (exercise_id)
STRING_ACCESSORS (title)
STRING_ACCESSORS (instructions)
STRING_ACCESSORS (ai_guidance)

const char *
reframe_assignment_get_definition_json (ReframeAssignment *self)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), NULL);
  return self->definition_json;
}

void
reframe_assignment_set_definition_json (ReframeAssignment *self,
                                        const char        *json)
{
  g_return_if_fail (REFRAME_IS_ASSIGNMENT (self));
  reframe_set_str (&self->definition_json, json);
}

ReframeFrequency
reframe_assignment_get_frequency (ReframeAssignment *self)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), REFRAME_FREQUENCY_ONCE);
  return self->frequency;
}

void
reframe_assignment_set_frequency (ReframeAssignment *self,
                                  ReframeFrequency   frequency)
{
  g_return_if_fail (REFRAME_IS_ASSIGNMENT (self));
  g_return_if_fail (frequency <= REFRAME_FREQUENCY_WEEKLY);
  self->frequency = frequency;
}

guint
reframe_assignment_get_times_per_week (ReframeAssignment *self)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), 1);
  return self->times_per_week;
}

void
reframe_assignment_set_times_per_week (ReframeAssignment *self,
                                       guint              times)
{
  g_return_if_fail (REFRAME_IS_ASSIGNMENT (self));
  self->times_per_week = CLAMP (times, 1, 7);
}

const GDate *
reframe_assignment_get_start (ReframeAssignment *self)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), NULL);
  return &self->start;
}

void
reframe_assignment_set_start (ReframeAssignment *self,
                              const GDate       *start)
{
  g_return_if_fail (REFRAME_IS_ASSIGNMENT (self));
  g_return_if_fail (start != NULL && g_date_valid (start));
  self->start = *start;
}

const GDate *
reframe_assignment_get_end (ReframeAssignment *self)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), NULL);
  return g_date_valid (&self->end) ? &self->end : NULL;
}

void
reframe_assignment_set_end (ReframeAssignment *self,
                            const GDate       *end)
{
  g_return_if_fail (REFRAME_IS_ASSIGNMENT (self));
  if (end != NULL && g_date_valid (end))
    self->end = *end;
  else
    g_date_clear (&self->end, 1);
}

int
reframe_assignment_get_reminder (ReframeAssignment *self)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), REFRAME_ASSIGNMENT_NO_REMINDER);
  return self->reminder;
}

void
reframe_assignment_set_reminder (ReframeAssignment *self,
                                 int                minutes)
{
  g_return_if_fail (REFRAME_IS_ASSIGNMENT (self));
  self->reminder = minutes >= 0 && minutes < 24 * 60 ? minutes : REFRAME_ASSIGNMENT_NO_REMINDER;
}

gboolean
reframe_assignment_get_ai_feedback (ReframeAssignment *self)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), FALSE);
  return self->ai_feedback;
}

void
reframe_assignment_set_ai_feedback (ReframeAssignment *self,
                                    gboolean           allowed)
{
  g_return_if_fail (REFRAME_IS_ASSIGNMENT (self));
  self->ai_feedback = !!allowed;
}

gboolean
reframe_assignment_get_paused (ReframeAssignment *self)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), FALSE);
  return self->paused;
}

void
reframe_assignment_set_paused (ReframeAssignment *self,
                               gboolean           paused)
{
  g_return_if_fail (REFRAME_IS_ASSIGNMENT (self));
  self->paused = !!paused;
}

GPtrArray *
reframe_assignment_get_completions (ReframeAssignment *self)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), NULL);
  return self->completions;
}

void
reframe_assignment_set_completions (ReframeAssignment *self,
                                    GPtrArray         *completions)
{
  g_return_if_fail (REFRAME_IS_ASSIGNMENT (self));

  g_ptr_array_set_size (self->completions, 0);
  for (guint i = 0; completions != NULL && i < completions->len; i++)
    g_ptr_array_add (self->completions, g_date_time_ref (g_ptr_array_index (completions, i)));
}

/* Schedule */

void
reframe_assignment_date_of (GDateTime *moment,
                            GDate     *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (moment);
  int year, month, day;

  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

static guint32
julian_of (GDateTime *moment)
{
  GDate date;

  reframe_assignment_date_of (moment, &date);
  return g_date_get_julian (&date);
}

static guint32
start_day (ReframeAssignment *self)
{
  return g_date_get_julian (&self->start);
}

/* The last day, G_MAXUINT32 when open-ended. */
static guint32
end_day (ReframeAssignment *self)
{
  return g_date_valid (&self->end) ? g_date_get_julian (&self->end) : G_MAXUINT32;
}

static guint
week_of (ReframeAssignment *self,
         guint32            day)
{
  return (day - start_day (self)) / 7;
}

/* How often week @week is due: in proportion to its days within the start and end. */
static guint
due_in_week (ReframeAssignment *self,
             guint              week)
{
  guint32 first = start_day (self) + week * 7;
  guint32 last = MIN ((guint64) first + 6, end_day (self));
  guint days;

  if (last < first)
    return 0;
  days = last - first + 1;
  return (self->times_per_week * days + 6) / 7;
}

/* Within a week, how many should be done by its @day_in_week-th day (1–7), spread evenly:
 * 3 a week are due by the 3rd, 5th and 7th day. */
static guint
spread_due (ReframeAssignment *self,
            guint              day_in_week)
{
  return self->times_per_week * day_in_week / 7;
}

static guint
count_completions_between (ReframeAssignment *self,
                           guint32            first,
                           guint32            last)
{
  guint count = 0;

  for (guint i = 0; i < self->completions->len; i++)
    {
      guint32 day = julian_of (g_ptr_array_index (self->completions, i));

      if (day >= first && day <= last)
        count++;
    }
  return count;
}

static gboolean
done_on (ReframeAssignment *self,
         guint32            day)
{
  return count_completions_between (self, day, day) > 0;
}

static guint
done_in_week (ReframeAssignment *self,
              guint              week)
{
  guint32 first = start_day (self) + week * 7;

  return count_completions_between (self, MAX (first, start_day (self)),
                                    MIN ((guint64) first + 6, end_day (self)));
}

gboolean
reframe_assignment_is_active_on (ReframeAssignment *self,
                                 const GDate       *day)
{
  guint32 julian;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), FALSE);
  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);

  julian = g_date_get_julian (day);
  return julian >= start_day (self) && julian <= end_day (self);
}

gboolean
reframe_assignment_is_finished (ReframeAssignment *self,
                                const GDate       *today)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (self->frequency == REFRAME_FREQUENCY_ONCE && self->completions->len > 0)
    return TRUE;
  return g_date_get_julian (today) > end_day (self);
}

guint
reframe_assignment_count_due (ReframeAssignment *self,
                              const GDate       *today)
{
  guint32 julian;
  guint32 last;
  guint due = 0;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), 0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  julian = g_date_get_julian (today);
  if (julian < start_day (self))
    return 0;
  last = MIN (julian, end_day (self));

  switch (self->frequency)
    {
    case REFRAME_FREQUENCY_ONCE:
      return 1;
    case REFRAME_FREQUENCY_DAILY:
      return last - start_day (self) + 1;
    case REFRAME_FREQUENCY_WEEKLY:
      for (guint week = 0; week <= week_of (self, last); week++)
        due += due_in_week (self, week);
      return due;
    default:
      g_assert_not_reached ();
    }
}

guint
reframe_assignment_count_done (ReframeAssignment *self,
                               const GDate       *today)
{
  guint32 julian;
  guint32 last;
  guint done = 0;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), 0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  julian = g_date_get_julian (today);
  if (julian < start_day (self))
    return 0;
  last = MIN (julian, end_day (self));

  switch (self->frequency)
    {
    case REFRAME_FREQUENCY_ONCE:
      /* Done early counts too: it was only ever asked for once. */
      return self->completions->len > 0 ? 1 : 0;
    case REFRAME_FREQUENCY_DAILY:
      for (guint32 day = start_day (self); day <= last; day++)
        done += done_on (self, day) ? 1 : 0;
      return done;
    case REFRAME_FREQUENCY_WEEKLY:
      for (guint week = 0; week <= week_of (self, last); week++)
        done += MIN (done_in_week (self, week), due_in_week (self, week));
      return done;
    default:
      g_assert_not_reached ();
    }
}

void
reframe_assignment_get_week_progress (ReframeAssignment *self,
                                      const GDate       *today,
                                      guint             *done,
                                      guint             *due)
{
  guint32 julian;
  guint week;

  g_return_if_fail (REFRAME_IS_ASSIGNMENT (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  julian = CLAMP (g_date_get_julian (today), start_day (self), end_day (self));
  week = week_of (self, julian);
  if (done != NULL)
    *done = done_in_week (self, week);
  if (due != NULL)
    *due = due_in_week (self, week);
}

gboolean
reframe_assignment_is_due_today (ReframeAssignment *self,
                                 const GDate       *today)
{
  guint32 julian;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (self->paused || !reframe_assignment_is_active_on (self, today))
    return FALSE;
  julian = g_date_get_julian (today);

  switch (self->frequency)
    {
    case REFRAME_FREQUENCY_ONCE:
      return self->completions->len == 0;
    case REFRAME_FREQUENCY_DAILY:
      return !done_on (self, julian);
    case REFRAME_FREQUENCY_WEEKLY:
      return done_in_week (self, week_of (self, julian)) < due_in_week (self, week_of (self, julian));
    default:
      g_assert_not_reached ();
    }
}

static GDateTime *
reminder_on (ReframeAssignment *self,
             guint32            julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), self->reminder / 60, self->reminder % 60,
                                0);
}

gboolean
reframe_assignment_is_overdue (ReframeAssignment *self,
                               GDateTime         *now)
{
  g_autoptr(GDateTime) reminder = NULL;
  gboolean reminder_passed;
  guint32 julian;
  GDate today;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  reframe_assignment_date_of (now, &today);
  if (!reframe_assignment_is_due_today (self, &today))
    return FALSE;

  julian = g_date_get_julian (&today);
  if (self->reminder != REFRAME_ASSIGNMENT_NO_REMINDER)
    reminder = reminder_on (self, julian);
  reminder_passed = reminder != NULL && g_date_time_compare (now, reminder) >= 0;

  switch (self->frequency)
    {
    case REFRAME_FREQUENCY_ONCE:
      return julian > start_day (self) || reminder_passed;
    case REFRAME_FREQUENCY_DAILY:
      return reminder_passed;
    case REFRAME_FREQUENCY_WEEKLY:
      {
        guint day_in_week = (julian - start_day (self)) % 7 + 1;
        guint done = done_in_week (self, week_of (self, julian));

        return done < spread_due (self, day_in_week - 1) ||
               (reminder_passed && done < spread_due (self, day_in_week));
      }
    default:
      g_assert_not_reached ();
    }
}

GDateTime *
reframe_assignment_next_reminder (ReframeAssignment *self,
                                  GDateTime         *now)
{
  guint32 first;
  guint32 last;
  GDate today;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (self->paused || self->reminder == REFRAME_ASSIGNMENT_NO_REMINDER)
    return NULL;

  reframe_assignment_date_of (now, &today);
  first = MAX (g_date_get_julian (&today), start_day (self));
  last = MIN ((guint64) first + MAX_DAYS_AHEAD, end_day (self));

  for (guint32 day = first; day <= last; day++)
    {
      g_autoptr(GDateTime) when = reminder_on (self, day);
      gboolean wanted = FALSE;

      if (when == NULL || g_date_time_compare (when, now) <= 0)
        continue;

      switch (self->frequency)
        {
        case REFRAME_FREQUENCY_ONCE:
          if (day != start_day (self) || self->completions->len > 0)
            return NULL;
          wanted = TRUE;
          break;
        case REFRAME_FREQUENCY_DAILY:
          wanted = !done_on (self, day);
          break;
        case REFRAME_FREQUENCY_WEEKLY:
          {
            guint day_in_week = (day - start_day (self)) % 7 + 1;
            guint due = spread_due (self, day_in_week);

            wanted = due > spread_due (self, day_in_week - 1) &&
                     done_in_week (self, week_of (self, day)) < due;
          }
          break;
        default:
          g_assert_not_reached ();
        }

      if (wanted)
        return g_steal_pointer (&when);
    }

  return NULL;
}

/* Descriptions */

static char *
format_day (const GDate *date)
{
  char buffer[64];

  /* Translators: a day of an assignment, e.g. “3 March”; see strftime */
  if (g_date_strftime (buffer, sizeof buffer, _("%-d %B"), date) == 0)
    return g_strdup ("");
  return g_strdup (buffer);
}

char *
reframe_assignment_describe_schedule (ReframeAssignment *self)
{
  g_autofree char *how = NULL;
  g_autofree char *start = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), NULL);

  start = format_day (&self->start);
  switch (self->frequency)
    {
    case REFRAME_FREQUENCY_ONCE:
      /* Translators: an assignment done once, e.g. “Once, on 3 March” */
      how = g_strdup_printf (_("Once, on %s"), start);
      break;
    case REFRAME_FREQUENCY_DAILY:
    case REFRAME_FREQUENCY_WEEKLY:
      {
        g_autofree char *often = NULL;

        if (self->frequency == REFRAME_FREQUENCY_DAILY)
          often = g_strdup (_("Every day"));
        else
          often = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Once a week", "%u times a week",
                                                self->times_per_week),
                                   self->times_per_week);
        if (g_date_valid (&self->end))
          {
            g_autofree char *end = format_day (&self->end);

            /* Translators: how often and when, e.g. “Every day, 3 March – 30 March” */
            how = g_strdup_printf (_("%s, %s – %s"), often, start, end);
          }
        else
          /* Translators: how often and from when, e.g. “Every day from 3 March” */
          how = g_strdup_printf (_("%s from %s"), often, start);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (self->reminder == REFRAME_ASSIGNMENT_NO_REMINDER)
    return g_steal_pointer (&how);
  when = reframe_assignment_format_time (self->reminder);
  /* Translators: a schedule and its reminder time, e.g. “Every day from 3 March · 20:30” */
  return g_strdup_printf (_("%s · reminder at %s"), how, when);
}

char *
reframe_assignment_describe_progress (ReframeAssignment *self,
                                      const GDate       *today)
{
  guint done, due;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (g_date_get_julian (today) < start_day (self))
    {
      g_autofree char *start = format_day (&self->start);

      /* Translators: an assignment that has not begun, e.g. “Starts 3 March” */
      return g_strdup_printf (_("Starts %s"), start);
    }

  done = reframe_assignment_count_done (self, today);
  due = reframe_assignment_count_due (self, today);
  if (self->frequency == REFRAME_FREQUENCY_ONCE)
    return g_strdup (done > 0 ? _("Done") : _("Not done yet"));
  if (self->frequency == REFRAME_FREQUENCY_WEEKLY && !reframe_assignment_is_finished (self, today))
    {
      guint week_done, week_due;

      reframe_assignment_get_week_progress (self, today, &week_done, &week_due);
      /* Translators: adherence, e.g. “1 of 3 this week · 4 of 6 so far” */
      return g_strdup_printf (_("%u of %u this week · %u of %u so far"), MIN (week_done, week_due),
                              week_due, done, due);
    }
  /* Translators: adherence, how many were done of those due so far, e.g. “3 of 5 done” */
  return g_strdup_printf (_("%u of %u done"), done, due);
}

/* Helpers */

static const char * const frequency_names[] = { "once", "daily", "weekly" };

const char *
reframe_frequency_to_string (ReframeFrequency frequency)
{
  g_return_val_if_fail (frequency <= REFRAME_FREQUENCY_WEEKLY, NULL);
  return frequency_names[frequency];
}

gboolean
reframe_frequency_from_string (const char       *text,
                               ReframeFrequency *frequency)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (frequency_names); i++)
    if (g_str_equal (text, frequency_names[i]))
      {
        *frequency = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
reframe_assignment_parse_date (const char *text,
                               GDate      *date)
{
  guint year, month, day;
  char extra;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &extra) != 3)
    return FALSE;
  if (year < 2000 || year > 2999 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

char *
reframe_assignment_format_date_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

int
reframe_assignment_parse_time (const char *text)
{
  int hours, minutes;

  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return -1;
  hours = (text[0] - '0') * 10 + (text[1] - '0');
  minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59)
    return -1;
  return hours * 60 + minutes;
}

char *
reframe_assignment_format_time (int minutes)
{
  g_return_val_if_fail (minutes >= 0 && minutes < 24 * 60, NULL);
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}
