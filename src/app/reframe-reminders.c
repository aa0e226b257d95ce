/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-reminders"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-reminders.h"
#include "reframe-util.h"

/* A timeout never waits longer than this: the clock may jump (suspend, a new time zone). */
#define MAX_WAIT_SECONDS (30 * 60)

struct _ReframeReminders
{
  GObject                 parent_instance;

  GApplication           *application;  /* weak: the application owns this */
  ReframeAssignmentStore *store;
  ReframeExerciseStore   *exercise_store;
  ReframeNowFunc          now_func;
  gpointer                now_data;
  GDateTime              *last_check;
  GDateTime              *next;
  guint                   timeout_source;
  guint                   reschedule_source;
};

G_DEFINE_FINAL_TYPE (ReframeReminders, reframe_reminders, G_TYPE_OBJECT)

enum {
  REMINDED,
  OVERDUE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (ReframeReminders *self);

static GDateTime *
now_of (ReframeReminders *self)
{
  if (self->now_func != NULL)
    return self->now_func (self->now_data);
  return g_date_time_new_now_local ();
}

static GPtrArray *
list_assignments (ReframeReminders *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *assignments = reframe_assignment_store_list (self->store, &error);

  if (assignments == NULL)
    g_warning ("Could not read the assignments for reminders: %s", error->message);
  return assignments;
}

static void
send (ReframeReminders  *self,
      ReframeAssignment *assignment)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = g_strdup_printf ("assignment-%s", reframe_assignment_get_uuid (assignment));
  const char *from = reframe_assignment_get_therapist_name (assignment);
  g_autofree char *body = NULL;

  notification = g_notification_new (reframe_assignment_get_title (assignment));
  if (reframe_assignment_get_instructions (assignment) != NULL)
    body = g_strdup (reframe_assignment_get_instructions (assignment));
  else if (from != NULL)
    /* Translators: a reminder; %s is the therapist's name */
    body = g_strdup_printf (_("An exercise %s suggested for today."), from);
  else
    body = g_strdup (_("An exercise your therapist suggested for today."));
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.open-assignment", "s",
                                                reframe_assignment_get_uuid (assignment));
  g_notification_add_button_with_target (notification, _("Start"), "app.open-assignment", "s",
                                         reframe_assignment_get_uuid (assignment));
  if (self->application != NULL)
    g_application_send_notification (self->application, id, notification);

  g_signal_emit (self, signals[REMINDED], 0, reframe_assignment_get_uuid (assignment));
}

guint
reframe_reminders_check (ReframeReminders *self)
{
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint sent = 0;

  g_return_val_if_fail (REFRAME_IS_REMINDERS (self), 0);

  now = now_of (self);
  assignments = list_assignments (self);

  /* Each assignment whose next reminder after the last check has come: sent once, however
   * late the timeout fired. */
  for (guint i = 0; assignments != NULL && i < assignments->len; i++)
    {
      ReframeAssignment *assignment = g_ptr_array_index (assignments, i);
      g_autoptr(GDateTime) due = reframe_assignment_next_reminder (assignment, self->last_check);

      if (due != NULL && g_date_time_compare (due, now) <= 0)
        {
          send (self, assignment);
          sent++;
        }
    }

  reframe_set_date_time (&self->last_check, now);
  schedule (self);
  return sent;
}

static gboolean
timeout_cb (gpointer user_data)
{
  ReframeReminders *self = user_data;

  self->timeout_source = 0;
  reframe_reminders_check (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (ReframeReminders *self)
{
  g_autoptr(GPtrArray) assignments = list_assignments (self);
  g_autoptr(GDateTime) now = now_of (self);
  GTimeSpan wait;

  g_clear_handle_id (&self->timeout_source, g_source_remove);
  g_clear_pointer (&self->next, g_date_time_unref);

  for (guint i = 0; assignments != NULL && i < assignments->len; i++)
    {
      g_autoptr(GDateTime) next = reframe_assignment_next_reminder (g_ptr_array_index (assignments, i),
                                                                    self->last_check);

      if (next != NULL && (self->next == NULL || g_date_time_compare (next, self->next) < 0))
        reframe_set_date_time (&self->next, next);
    }
  if (self->next == NULL)
    return;

  wait = g_date_time_difference (self->next, now) / G_TIME_SPAN_SECOND;
  self->timeout_source = g_timeout_add_seconds (CLAMP (wait, 0, MAX_WAIT_SECONDS) + 1,
                                                timeout_cb, self);
}

static gboolean
reschedule_idle_cb (gpointer user_data)
{
  ReframeReminders *self = user_data;

  self->reschedule_source = 0;
  schedule (self);
  return G_SOURCE_REMOVE;
}

/* Changes come in bursts (autosave): once per burst. */
static void
changed_cb (ReframeReminders *self)
{
  if (self->reschedule_source == 0)
    self->reschedule_source = g_idle_add (reschedule_idle_cb, self);
}

guint
reframe_reminders_notify_overdue (ReframeReminders *self)
{
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GPtrArray) overdue = g_ptr_array_new ();
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (REFRAME_IS_REMINDERS (self), 0);

  now = now_of (self);
  assignments = list_assignments (self);
  for (guint i = 0; assignments != NULL && i < assignments->len; i++)
    if (reframe_assignment_is_overdue (g_ptr_array_index (assignments, i), now))
      g_ptr_array_add (overdue, g_ptr_array_index (assignments, i));
  if (overdue->len == 0)
    return 0;

  if (overdue->len == 1)
    {
      ReframeAssignment *assignment = g_ptr_array_index (overdue, 0);

      /* Translators: a notification; %s is an exercise's title */
      title = g_strdup_printf (_("“%s” is waiting for you"), reframe_assignment_get_title (assignment));
      notification = g_notification_new (title);
      g_notification_set_default_action_and_target (notification, "app.open-assignment", "s",
                                                    reframe_assignment_get_uuid (assignment));
    }
  else
    {
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u exercise is waiting for you",
                                            "%u exercises are waiting for you", overdue->len),
                               overdue->len);
      notification = g_notification_new (title);
      g_notification_set_default_action_and_target (notification, "win.show-page", "s", "today");
    }
  g_notification_set_body (notification, _("From your therapist. Today lists what is due."));
  if (self->application != NULL)
    g_application_send_notification (self->application, "assignments-overdue", notification);

  g_signal_emit (self, signals[OVERDUE], 0, overdue->len);
  return overdue->len;
}

static void
reframe_reminders_dispose (GObject *object)
{
  ReframeReminders *self = (ReframeReminders *)object;

  g_clear_handle_id (&self->timeout_source, g_source_remove);
  g_clear_handle_id (&self->reschedule_source, g_source_remove);
  if (self->application != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
      self->application = NULL;
    }
  g_clear_object (&self->store);
  g_clear_object (&self->exercise_store);

  G_OBJECT_CLASS (reframe_reminders_parent_class)->dispose (object);
}

static void
reframe_reminders_finalize (GObject *object)
{
  ReframeReminders *self = (ReframeReminders *)object;

  g_clear_pointer (&self->last_check, g_date_time_unref);
  g_clear_pointer (&self->next, g_date_time_unref);

  G_OBJECT_CLASS (reframe_reminders_parent_class)->finalize (object);
}

static void
reframe_reminders_class_init (ReframeRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reframe_reminders_dispose;
  object_class->finalize = reframe_reminders_finalize;

  signals[REMINDED] =
    g_signal_new ("reminded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[OVERDUE] =
    g_signal_new ("overdue", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
reframe_reminders_init (ReframeReminders *self)
{
}

ReframeReminders *
reframe_reminders_new (GApplication           *application,
                       ReframeAssignmentStore *store,
                       ReframeExerciseStore   *exercise_store)
{
  ReframeReminders *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_STORE (store), NULL);

  self = g_object_new (REFRAME_TYPE_REMINDERS, NULL);
  self->application = application;
  if (application != NULL)
    g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  if (exercise_store != NULL)
    {
      self->exercise_store = g_object_ref (exercise_store);
      g_signal_connect_object (exercise_store, "response-saved", G_CALLBACK (changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (exercise_store, "response-deleted", G_CALLBACK (changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  self->last_check = now_of (self);
  schedule (self);
  return self;
}

void
reframe_reminders_set_now_func (ReframeReminders *self,
                                ReframeNowFunc    func,
                                gpointer          user_data)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (REFRAME_IS_REMINDERS (self));

  self->now_func = func;
  self->now_data = user_data;
  now = now_of (self);
  reframe_set_date_time (&self->last_check, now);
  schedule (self);
}

GDateTime *
reframe_reminders_get_next (ReframeReminders *self)
{
  g_return_val_if_fail (REFRAME_IS_REMINDERS (self), NULL);
  return self->next;
}
