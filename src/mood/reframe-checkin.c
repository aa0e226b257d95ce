/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-checkin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "reframe-checkin.h"
#include "reframe-util.h"

struct _ReframeCheckin
{
  GObject     parent_instance;

  char       *uuid;
  GDateTime  *recorded_at;
  guint       mood;
  int         energy;
  int         anxiety;
  double      sleep_hours;
  GPtrArray  *emotions;
  char      **activities;
  char       *note;
};

G_DEFINE_FINAL_TYPE (ReframeCheckin, reframe_checkin, G_TYPE_OBJECT)

static GPtrArray *
copy_emotions (GPtrArray *emotions)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_emotion_rating_free);

  for (guint i = 0; emotions != NULL && i < emotions->len; i++)
    g_ptr_array_add (copy, reframe_emotion_rating_copy (g_ptr_array_index (emotions, i)));

  return copy;
}

static void
reframe_checkin_finalize (GObject *object)
{
  ReframeCheckin *self = (ReframeCheckin *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->recorded_at, g_date_time_unref);
  g_clear_pointer (&self->emotions, g_ptr_array_unref);
  g_clear_pointer (&self->activities, g_strfreev);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (reframe_checkin_parent_class)->finalize (object);
}

static void
reframe_checkin_class_init (ReframeCheckinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reframe_checkin_finalize;
}

static void
reframe_checkin_init (ReframeCheckin *self)
{
  self->mood = 5;
  self->energy = REFRAME_CHECKIN_UNSET;
  self->anxiety = REFRAME_CHECKIN_UNSET;
  self->sleep_hours = -1;
  self->emotions = copy_emotions (NULL);
  self->activities = g_new0 (char *, 1);
  self->note = g_strdup ("");
}

ReframeCheckin *
reframe_checkin_new (GDateTime *recorded_at,
                     guint      mood)
{
  ReframeCheckin *self = g_object_new (REFRAME_TYPE_CHECKIN, NULL);

  reframe_checkin_set_recorded_at (self, recorded_at);
  reframe_checkin_set_mood (self, mood);

  return self;
}

ReframeCheckin *
reframe_checkin_copy (ReframeCheckin *self)
{
  ReframeCheckin *copy;

  g_return_val_if_fail (REFRAME_IS_CHECKIN (self), NULL);

  copy = reframe_checkin_new (self->recorded_at, self->mood);
  reframe_checkin_set_uuid (copy, self->uuid);
  copy->energy = self->energy;
  copy->anxiety = self->anxiety;
  copy->sleep_hours = self->sleep_hours;
  reframe_checkin_set_emotions (copy, self->emotions);
  reframe_checkin_set_activities (copy, (const char * const *) self->activities);
  reframe_checkin_set_note (copy, self->note);

  return copy;
}

const char *
reframe_checkin_get_uuid (ReframeCheckin *self)
{
  g_return_val_if_fail (REFRAME_IS_CHECKIN (self), NULL);
  return self->uuid;
}

void
reframe_checkin_set_uuid (ReframeCheckin *self,
                          const char     *uuid)
{
  g_return_if_fail (REFRAME_IS_CHECKIN (self));
  reframe_set_str (&self->uuid, uuid);
}

GDateTime *
reframe_checkin_get_recorded_at (ReframeCheckin *self)
{
  g_return_val_if_fail (REFRAME_IS_CHECKIN (self), NULL);
  return self->recorded_at;
}

void
reframe_checkin_set_recorded_at (ReframeCheckin *self,
                                 GDateTime      *recorded_at)
{
  g_return_if_fail (REFRAME_IS_CHECKIN (self));
  reframe_set_date_time (&self->recorded_at, recorded_at);
}

guint
reframe_checkin_get_mood (ReframeCheckin *self)
{
  g_return_val_if_fail (REFRAME_IS_CHECKIN (self), 0);
  return self->mood;
}

void
reframe_checkin_set_mood (ReframeCheckin *self,
                          guint           mood)
{
  g_return_if_fail (REFRAME_IS_CHECKIN (self));
  self->mood = MIN (mood, 10);
}

static int
clamp_scale (int value)
{
  return value < 0 ? REFRAME_CHECKIN_UNSET : MIN (value, 10);
}

int
reframe_checkin_get_energy (ReframeCheckin *self)
{
  g_return_val_if_fail (REFRAME_IS_CHECKIN (self), REFRAME_CHECKIN_UNSET);
  return self->energy;
}

void
reframe_checkin_set_energy (ReframeCheckin *self,
                            int             energy)
{
  g_return_if_fail (REFRAME_IS_CHECKIN (self));
  self->energy = clamp_scale (energy);
}

int
reframe_checkin_get_anxiety (ReframeCheckin *self)
{
  g_return_val_if_fail (REFRAME_IS_CHECKIN (self), REFRAME_CHECKIN_UNSET);
  return self->anxiety;
}

void
reframe_checkin_set_anxiety (ReframeCheckin *self,
                             int             anxiety)
{
  g_return_if_fail (REFRAME_IS_CHECKIN (self));
  self->anxiety = clamp_scale (anxiety);
}

double
reframe_checkin_get_sleep_hours (ReframeCheckin *self)
{
  g_return_val_if_fail (REFRAME_IS_CHECKIN (self), -1);
  return self->sleep_hours;
}

void
reframe_checkin_set_sleep_hours (ReframeCheckin *self,
                                 double          sleep_hours)
{
  g_return_if_fail (REFRAME_IS_CHECKIN (self));
  self->sleep_hours = sleep_hours < 0 ? -1 : MIN (sleep_hours, 24);
}

GPtrArray *
reframe_checkin_get_emotions (ReframeCheckin *self)
{
  g_return_val_if_fail (REFRAME_IS_CHECKIN (self), NULL);
  return self->emotions;
}

void
reframe_checkin_set_emotions (ReframeCheckin *self,
                              GPtrArray      *emotions)
{
  GPtrArray *copy;

  g_return_if_fail (REFRAME_IS_CHECKIN (self));

  copy = copy_emotions (emotions);
  g_ptr_array_unref (self->emotions);
  self->emotions = copy;
}

const char * const *
reframe_checkin_get_activities (ReframeCheckin *self)
{
  g_return_val_if_fail (REFRAME_IS_CHECKIN (self), NULL);
  return (const char * const *) self->activities;
}

void
reframe_checkin_set_activities (ReframeCheckin     *self,
                                const char * const *activities)
{
  char **copy;

  g_return_if_fail (REFRAME_IS_CHECKIN (self));

  copy = activities ? g_strdupv ((char **) activities) : g_new0 (char *, 1);
  g_strfreev (self->activities);
  self->activities = copy;
}

const char *
reframe_checkin_get_note (ReframeCheckin *self)
{
  g_return_val_if_fail (REFRAME_IS_CHECKIN (self), NULL);
  return self->note;
}

void
reframe_checkin_set_note (ReframeCheckin *self,
                          const char     *note)
{
  g_return_if_fail (REFRAME_IS_CHECKIN (self));
  reframe_set_str (&self->note, note ? note : "");
}

const char *
reframe_mood_get_label (guint mood)
{
  switch (MIN (mood, 10))
    {
    case 0:
    case 1:
      /* Translators: a mood of 0–1 on a 0–10 scale */
      return _("Very low");
    case 2:
    case 3:
      return _("Low");
    case 4:
      return _("Meh");
    case 5:
      return _("Okay");
    case 6:
      return _("Fine");
    case 7:
    case 8:
      return _("Good");
    case 9:
    case 10:
      return _("Great");
    default:
      g_assert_not_reached ();
    }
}
