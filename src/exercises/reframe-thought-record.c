/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-thought-record"

#include "config.h"

#include "reframe-thought-record.h"
#include "reframe-util.h"

struct _ReframeThoughtRecord
{
  GObject                   parent_instance;

  char                     *uuid;
  GDateTime                *created_at;
  GDateTime                *updated_at;
  char                     *situation;
  GPtrArray                *emotions;
  GPtrArray                *thoughts;
  char                    **traps;
  char                     *evidence_for;
  char                     *evidence_against;
  char                     *balanced_thought;
  int                       balanced_belief;
  ReframeThoughtRecordStep  step;
  gboolean                  completed;
};

G_DEFINE_FINAL_TYPE (ReframeThoughtRecord, reframe_thought_record, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (ReframeAutomaticThought, reframe_automatic_thought,
                     reframe_automatic_thought_copy, reframe_automatic_thought_free)

ReframeAutomaticThought *
reframe_automatic_thought_new (const char *text,
                               int         belief,
                               gboolean    hot)
{
  ReframeAutomaticThought *self = g_new0 (ReframeAutomaticThought, 1);

  self->text = g_strdup (text ? text : "");
  self->belief = CLAMP (belief, 0, 100);
  self->hot = !!hot;

  return self;
}

ReframeAutomaticThought *
reframe_automatic_thought_copy (const ReframeAutomaticThought *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return reframe_automatic_thought_new (self->text, self->belief, self->hot);
}

void
reframe_automatic_thought_free (ReframeAutomaticThought *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self);
}

static GPtrArray *
copy_array (GPtrArray      *array,
            GBoxedCopyFunc  copy_func,
            GDestroyNotify  free_func)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (free_func);

  for (guint i = 0; array != NULL && i < array->len; i++)
    g_ptr_array_add (copy, copy_func (g_ptr_array_index (array, i)));

  return copy;
}

static void
reframe_thought_record_finalize (GObject *object)
{
  ReframeThoughtRecord *self = (ReframeThoughtRecord *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->situation, g_free);
  g_clear_pointer (&self->emotions, g_ptr_array_unref);
  g_clear_pointer (&self->thoughts, g_ptr_array_unref);
  g_clear_pointer (&self->traps, g_strfreev);
  g_clear_pointer (&self->evidence_for, g_free);
  g_clear_pointer (&self->evidence_against, g_free);
  g_clear_pointer (&self->balanced_thought, g_free);

  G_OBJECT_CLASS (reframe_thought_record_parent_class)->finalize (object);
}

static void
reframe_thought_record_class_init (ReframeThoughtRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reframe_thought_record_finalize;
}

static void
reframe_thought_record_init (ReframeThoughtRecord *self)
{
  self->situation = g_strdup ("");
  self->emotions = copy_array (NULL, NULL, (GDestroyNotify) reframe_emotion_rating_free);
  self->thoughts = copy_array (NULL, NULL, (GDestroyNotify) reframe_automatic_thought_free);
  self->traps = g_new0 (char *, 1);
  self->evidence_for = g_strdup ("");
  self->evidence_against = g_strdup ("");
  self->balanced_thought = g_strdup ("");
  self->balanced_belief = -1;
}

ReframeThoughtRecord *
reframe_thought_record_new (void)
{
  return g_object_new (REFRAME_TYPE_THOUGHT_RECORD, NULL);
}

ReframeThoughtRecord *
reframe_thought_record_copy (ReframeThoughtRecord *self)
{
  ReframeThoughtRecord *copy;

  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), NULL);

  copy = reframe_thought_record_new ();
  reframe_thought_record_set_uuid (copy, self->uuid);
  reframe_thought_record_set_created_at (copy, self->created_at);
  reframe_thought_record_set_updated_at (copy, self->updated_at);
  reframe_thought_record_set_situation (copy, self->situation);
  reframe_thought_record_set_emotions (copy, self->emotions);
  reframe_thought_record_set_thoughts (copy, self->thoughts);
  reframe_thought_record_set_traps (copy, (const char * const *) self->traps);
  reframe_thought_record_set_evidence_for (copy, self->evidence_for);
  reframe_thought_record_set_evidence_against (copy, self->evidence_against);
  reframe_thought_record_set_balanced_thought (copy, self->balanced_thought);
  copy->balanced_belief = self->balanced_belief;
  copy->step = self->step;
  copy->completed = self->completed;

  return copy;
}

const char *
reframe_thought_record_get_uuid (ReframeThoughtRecord *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), NULL);
  return self->uuid;
}

void
reframe_thought_record_set_uuid (ReframeThoughtRecord *self,
                                 const char           *uuid)
{
  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (self));
  reframe_set_str (&self->uuid, uuid);
}

GDateTime *
reframe_thought_record_get_created_at (ReframeThoughtRecord *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), NULL);
  return self->created_at;
}

void
reframe_thought_record_set_created_at (ReframeThoughtRecord *self,
                                       GDateTime            *created_at)
{
  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (self));
  reframe_set_date_time (&self->created_at, created_at);
}

GDateTime *
reframe_thought_record_get_updated_at (ReframeThoughtRecord *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), NULL);
  return self->updated_at;
}

void
reframe_thought_record_set_updated_at (ReframeThoughtRecord *self,
                                       GDateTime            *updated_at)
{
  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (self));
  reframe_set_date_time (&self->updated_at, updated_at);
}

const char *
reframe_thought_record_get_situation (ReframeThoughtRecord *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), NULL);
  return self->situation;
}

void
reframe_thought_record_set_situation (ReframeThoughtRecord *self,
                                      const char           *situation)
{
  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (self));
  reframe_set_str (&self->situation, situation ? situation : "");
}

GPtrArray *
reframe_thought_record_get_emotions (ReframeThoughtRecord *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), NULL);
  return self->emotions;
}

void
reframe_thought_record_set_emotions (ReframeThoughtRecord *self,
                                     GPtrArray            *emotions)
{
  GPtrArray *copy;

  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (self));

  copy = copy_array (emotions, (GBoxedCopyFunc) reframe_emotion_rating_copy,
                     (GDestroyNotify) reframe_emotion_rating_free);
  g_ptr_array_unref (self->emotions);
  self->emotions = copy;
}

GPtrArray *
reframe_thought_record_get_thoughts (ReframeThoughtRecord *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), NULL);
  return self->thoughts;
}

void
reframe_thought_record_set_thoughts (ReframeThoughtRecord *self,
                                     GPtrArray            *thoughts)
{
  GPtrArray *copy;

  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (self));

  copy = copy_array (thoughts, (GBoxedCopyFunc) reframe_automatic_thought_copy,
                     (GDestroyNotify) reframe_automatic_thought_free);
  g_ptr_array_unref (self->thoughts);
  self->thoughts = copy;
}

const ReframeAutomaticThought *
reframe_thought_record_get_hot_thought (ReframeThoughtRecord *self)
{
  const ReframeAutomaticThought *best = NULL;

  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), NULL);

  for (guint i = 0; i < self->thoughts->len; i++)
    {
      const ReframeAutomaticThought *thought = g_ptr_array_index (self->thoughts, i);

      if (thought->text == NULL || *thought->text == '\0')
        continue;
      if (thought->hot)
        return thought;
      if (best == NULL || thought->belief > best->belief)
        best = thought;
    }

  return best;
}

const char * const *
reframe_thought_record_get_traps (ReframeThoughtRecord *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), NULL);
  return (const char * const *) self->traps;
}

void
reframe_thought_record_set_traps (ReframeThoughtRecord *self,
                                  const char * const   *traps)
{
  char **copy;

  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (self));

  copy = traps ? g_strdupv ((char **) traps) : g_new0 (char *, 1);
  g_strfreev (self->traps);
  self->traps = copy;
}

const char *
reframe_thought_record_get_evidence_for (ReframeThoughtRecord *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), NULL);
  return self->evidence_for;
}

void
reframe_thought_record_set_evidence_for (ReframeThoughtRecord *self,
                                         const char           *text)
{
  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (self));
  reframe_set_str (&self->evidence_for, text ? text : "");
}

const char *
reframe_thought_record_get_evidence_against (ReframeThoughtRecord *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), NULL);
  return self->evidence_against;
}

void
reframe_thought_record_set_evidence_against (ReframeThoughtRecord *self,
                                             const char           *text)
{
  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (self));
  reframe_set_str (&self->evidence_against, text ? text : "");
}

const char *
reframe_thought_record_get_balanced_thought (ReframeThoughtRecord *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), NULL);
  return self->balanced_thought;
}

void
reframe_thought_record_set_balanced_thought (ReframeThoughtRecord *self,
                                             const char           *text)
{
  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (self));
  reframe_set_str (&self->balanced_thought, text ? text : "");
}

int
reframe_thought_record_get_balanced_belief (ReframeThoughtRecord *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), -1);
  return self->balanced_belief;
}

void
reframe_thought_record_set_balanced_belief (ReframeThoughtRecord *self,
                                            int                   belief)
{
  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (self));
  self->balanced_belief = belief < 0 ? -1 : MIN (belief, 100);
}

ReframeThoughtRecordStep
reframe_thought_record_get_step (ReframeThoughtRecord *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), 0);
  return self->step;
}

void
reframe_thought_record_set_step (ReframeThoughtRecord     *self,
                                 ReframeThoughtRecordStep  step)
{
  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (self));
  g_return_if_fail (step < REFRAME_THOUGHT_RECORD_N_STEPS);
  self->step = step;
}

gboolean
reframe_thought_record_get_completed (ReframeThoughtRecord *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (self), FALSE);
  return self->completed;
}

void
reframe_thought_record_set_completed (ReframeThoughtRecord *self,
                                      gboolean              completed)
{
  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (self));
  self->completed = !!completed;
}
