/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-assignment-row"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-application.h"
#include "reframe-assignment-row.h"
#include "reframe-exercise-library.h"
#include "reframe-window.h"

struct _ReframeAssignmentRow
{
  AdwActionRow       parent_instance;

  ReframeAssignment *assignment;
  char              *progress;
  GDate              today;
  gboolean           compact;

  /* Template widgets */
  GtkImage          *icon;
  GtkLabel          *state_label;
  GtkWidget         *go_icon;
  GtkWidget         *menu_button;
};

G_DEFINE_FINAL_TYPE (ReframeAssignmentRow, reframe_assignment_row, ADW_TYPE_ACTION_ROW)

static ReframeAssignmentStore *
get_store (void)
{
  GApplication *app = g_application_get_default ();

  return REFRAME_IS_APPLICATION (app)
           ? reframe_application_get_assignment_store (REFRAME_APPLICATION (app)) : NULL;
}

static void
activated_cb (ReframeAssignmentRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "assignment.start", NULL);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ReframeAssignmentRow *self = REFRAME_ASSIGNMENT_ROW (widget);

  gtk_widget_activate_action (widget, "win.start-assignment", "s",
                              reframe_assignment_get_uuid (self->assignment));
}

static void
set_paused (ReframeAssignmentRow *self,
            gboolean              paused)
{
  ReframeAssignmentStore *store = get_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (store == NULL)
    return;
  /* The row goes away when the lists reload: toast from the window. */
  if (!reframe_assignment_store_set_paused (store, reframe_assignment_get_uuid (self->assignment),
                                            paused, &error))
    {
      reframe_widget_show_error (GTK_WIDGET (self), paused ? _("Could Not Pause the Exercise")
                                                           : _("Could Not Resume the Exercise"),
                                 error);
      return;
    }
  /* Translators: a toast; %s is an exercise's title */
  text = g_strdup_printf (paused ? _("“%s” paused: no reminders until you resume it")
                                 : _("“%s” resumed"),
                          reframe_assignment_get_title (self->assignment));
  reframe_widget_add_toast (GTK_WIDGET (self), adw_toast_new (text));
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  set_paused (REFRAME_ASSIGNMENT_ROW (widget), TRUE);
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_paused (REFRAME_ASSIGNMENT_ROW (widget), FALSE);
}

typedef struct
{
  GtkWindow *window;
  char      *uuid;
  char      *title;
} RemoveData;

static void
remove_data_free (RemoveData *data)
{
  g_clear_object (&data->window);
  g_free (data->uuid);
  g_free (data->title);
  g_free (data);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RemoveData       *data)
{
  ReframeAssignmentStore *store = get_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "remove") != 0 || store == NULL)
    return;
  if (!reframe_assignment_store_remove (store, data->uuid, &error))
    {
      reframe_widget_show_error (GTK_WIDGET (data->window), _("Could Not Remove the Exercise"),
                                 error);
      return;
    }
  /* Translators: a toast; %s is an exercise's title */
  text = g_strdup_printf (_("“%s” removed"), data->title);
  reframe_widget_add_toast (GTK_WIDGET (data->window), adw_toast_new (text));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ReframeAssignmentRow *self = REFRAME_ASSIGNMENT_ROW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  RemoveData *data;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove This Exercise?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s is an exercise's title */
                                  _("“%s” will no longer be due and you will get no reminders "
                                    "for it. What you already wrote stays in Past Records."),
                                  reframe_assignment_get_title (self->assignment));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = g_new0 (RemoveData, 1);
  data->window = GTK_IS_WINDOW (root) ? g_object_ref (GTK_WINDOW (root)) : NULL;
  data->uuid = g_strdup (reframe_assignment_get_uuid (self->assignment));
  data->title = g_strdup (reframe_assignment_get_title (self->assignment));
  g_signal_connect_data (dialog, "response", G_CALLBACK (remove_response_cb), data,
                         (GClosureNotify) (void (*) (void)) remove_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update (ReframeAssignmentRow *self,
        const GDate          *today)
{
  ReframeAssignment *assignment = self->assignment;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *schedule = reframe_assignment_describe_schedule (assignment);
  ReframeExercise *builtin = reframe_exercise_library_lookup (reframe_assignment_get_exercise_id (assignment));
  const char *state = NULL;
  gboolean paused = reframe_assignment_get_paused (assignment);
  gboolean finished = reframe_assignment_is_finished (assignment, today);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), reframe_assignment_get_title (assignment));
  if (builtin != NULL && reframe_exercise_get_icon_name (builtin) != NULL)
    gtk_image_set_from_icon_name (self->icon, reframe_exercise_get_icon_name (builtin));

  g_free (self->progress);
  self->progress = reframe_assignment_describe_progress (assignment, today);

  if (reframe_assignment_get_instructions (assignment) != NULL)
    g_string_append_printf (subtitle, "%s\n", reframe_assignment_get_instructions (assignment));
  /* On Today, what is due is said already: the schedule is left to the Exercises page. */
  if (!self->compact)
    g_string_append_printf (subtitle, "%s\n", schedule);
  g_string_append (subtitle, self->progress);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle->str);

  if (paused)
    state = _("Paused");
  else if (finished)
    state = _("Ended");
  else if (reframe_assignment_is_due_today (assignment, today))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDate real_today;

      reframe_assignment_date_of (now, &real_today);
      state = g_date_compare (&real_today, today) == 0 && reframe_assignment_is_overdue (assignment, now)
                ? C_("assignment", "Overdue") : C_("assignment", "Due today");
    }
  gtk_label_set_text (self->state_label, state ? state : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), state != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "due");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "overdue");
  if (state != NULL && !paused && !finished)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label),
                              g_str_equal (state, C_("assignment", "Overdue")) ? "overdue" : "due");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assignment.pause", !paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assignment.resume", paused);
  /* Paused: it can be resumed from the menu, not started. */
  gtk_widget_set_visible (self->go_icon, !paused);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), !paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assignment.start", !paused);
}

static void
reframe_assignment_row_dispose (GObject *object)
{
  ReframeAssignmentRow *self = (ReframeAssignmentRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_ASSIGNMENT_ROW);
  g_clear_object (&self->assignment);

  G_OBJECT_CLASS (reframe_assignment_row_parent_class)->dispose (object);
}

static void
reframe_assignment_row_finalize (GObject *object)
{
  ReframeAssignmentRow *self = (ReframeAssignmentRow *)object;

  g_free (self->progress);

  G_OBJECT_CLASS (reframe_assignment_row_parent_class)->finalize (object);
}

static void
reframe_assignment_row_class_init (ReframeAssignmentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_assignment_row_dispose;
  object_class->finalize = reframe_assignment_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/exercises/reframe-assignment-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeAssignmentRow, icon);
  gtk_widget_class_bind_template_child (widget_class, ReframeAssignmentRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeAssignmentRow, go_icon);
  gtk_widget_class_bind_template_child (widget_class, ReframeAssignmentRow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, activated_cb);

  gtk_widget_class_install_action (widget_class, "assignment.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "assignment.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "assignment.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "assignment.remove", NULL, remove_action);
}

static void
reframe_assignment_row_init (ReframeAssignmentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
reframe_assignment_row_new (ReframeAssignment *assignment,
                            const GDate       *today)
{
  ReframeAssignmentRow *self;

  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (assignment), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_object_new (REFRAME_TYPE_ASSIGNMENT_ROW, NULL);
  self->assignment = g_object_ref (assignment);
  self->today = *today;
  update (self, today);
  return GTK_WIDGET (self);
}

void
reframe_assignment_row_set_compact (ReframeAssignmentRow *self,
                                    gboolean              compact)
{
  g_return_if_fail (REFRAME_IS_ASSIGNMENT_ROW (self));

  self->compact = !!compact;
  update (self, &self->today);
}

ReframeAssignment *
reframe_assignment_row_get_assignment (ReframeAssignmentRow *self)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_ROW (self), NULL);
  return self->assignment;
}

const char *
reframe_assignment_row_get_progress (ReframeAssignmentRow *self)
{
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_ROW (self), NULL);
  return self->progress;
}
