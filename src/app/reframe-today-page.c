/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-activity-log.h"
#include "reframe-application.h"
#include "reframe-assignment-row.h"
#include "reframe-date.h"
#include "reframe-today-page.h"

#define N_RECENT_ENTRIES 3

struct _ReframeTodayPage
{
  AdwBin               parent_instance;

  guint                refresh_source;
  guint                clock_source;

  /* Template widgets */
  GtkLabel            *greeting_label;
  GtkLabel            *date_label;
  AdwPreferencesGroup *mood_group;
  AdwActionRow        *streak_row;
  GtkListBox          *recent_list;
  GtkWidget           *see_all_button;
  GtkWidget           *due_group;
  GtkListBox          *due_list;
};

G_DEFINE_FINAL_TYPE (ReframeTodayPage, reframe_today_page, ADW_TYPE_BIN)

static const char *
greeting_for_hour (int hour)
{
  if (hour >= 5 && hour < 12)
    return _("Good morning");
  if (hour >= 12 && hour < 18)
    return _("Good afternoon");
  return _("Good evening");
}

static GtkWidget *
create_entry_row (ReframeEntry *entry,
                  GDateTime    *now)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = reframe_entry_dup_display_title (entry);
  g_autofree char *escaped = NULL;
  g_autofree char *day = reframe_date_format_day (reframe_entry_get_date (entry), now);
  g_autofree char *subtitle = NULL;
  guint words = reframe_entry_get_word_count (entry);

  escaped = g_markup_escape_text (*title != '\0' ? title : _("Untitled entry"), -1);
  /* Translators: "Yesterday · 120 words" */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u word", "%s · %u words", words),
                              day, words);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-entry");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", reframe_entry_get_uuid (entry));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

static GtkWidget *
create_empty_row (void)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing written yet"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Your first entry can be a single sentence."));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.new-entry");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("list-add-symbolic"));

  return row;
}

/* What a therapist asked for today, overdue first. */
static void
refresh_due (ReframeTodayPage *self,
             GDateTime        *now)
{
  ReframeAssignmentStore *store = reframe_application_get_assignment_store (REFRAME_APPLICATION_DEFAULT);
  g_autoptr(GPtrArray) assignments = NULL;
  GtkWidget *child;
  guint shown = 0;
  GDate today;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->due_list))) != NULL)
    gtk_list_box_remove (self->due_list, child);

  assignments = store != NULL ? reframe_assignment_store_list (store, NULL) : NULL;
  reframe_assignment_date_of (now, &today);
  for (int overdue = 1; overdue >= 0; overdue--)
    for (guint i = 0; assignments != NULL && i < assignments->len; i++)
      {
        ReframeAssignment *assignment = g_ptr_array_index (assignments, i);

        if (!reframe_assignment_is_due_today (assignment, &today) ||
            reframe_assignment_is_overdue (assignment, now) != overdue)
          continue;
        GtkWidget *row = reframe_assignment_row_new (assignment, &today);

        reframe_assignment_row_set_compact (REFRAME_ASSIGNMENT_ROW (row), TRUE);
        gtk_list_box_append (self->due_list, row);
        shown++;
      }
  gtk_widget_set_visible (self->due_group, shown > 0);
}

static void
refresh (ReframeTodayPage *self)
{
  ReframeApplication *app = REFRAME_APPLICATION_DEFAULT;
  ReframeDatabase *database = reframe_application_get_database (app);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) recent = NULL;
  g_autofree char *date = NULL;
  GtkWidget *child;
  guint checkins;
  guint streak;

  gtk_label_set_label (self->greeting_label, greeting_for_hour (g_date_time_get_hour (now)));
  /* Translators: the date on the Today page, e.g. "Monday, 23 November"; see strftime */
  date = g_date_time_format (now, _("%A, %-d %B"));
  gtk_label_set_label (self->date_label, date);

  checkins = reframe_activity_log_count_checkins_on (database, now);
  if (checkins == 0)
    adw_preferences_group_set_description (self->mood_group,
                                           _("You have not checked in today. Pick the face "
                                             "closest to how you feel."));
  else
    {
      g_autofree char *status = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "You checked in %u time today. You can check in again at any time.",
                     "You checked in %u times today. You can check in again at any time.",
                     checkins),
        checkins);
      adw_preferences_group_set_description (self->mood_group, status);
    }

  streak = reframe_activity_log_get_streak (database, now);
  gtk_widget_set_visible (GTK_WIDGET (self->streak_row), streak > 1);
  if (streak > 1)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u day in a row",
                                                             "%u days in a row", streak),
                                                streak);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->streak_row), title);
      adw_action_row_set_subtitle (self->streak_row,
                                   _("Writing, checking in or an exercise each day counts."));
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  recent = reframe_journal_store_list (reframe_application_get_journal_store (app),
                                       0, N_RECENT_ENTRIES, NULL);
  if (recent == NULL || recent->len == 0)
    gtk_list_box_append (self->recent_list, create_empty_row ());
  for (guint i = 0; recent != NULL && i < recent->len; i++)
    gtk_list_box_append (self->recent_list, create_entry_row (g_ptr_array_index (recent, i), now));
  gtk_widget_set_visible (self->see_all_button, recent != NULL && recent->len > 0);

  refresh_due (self, now);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  ReframeTodayPage *self = user_data;

  self->refresh_source = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

/* Stores change in bursts (autosave); one refresh per burst is enough. */
static void
queue_refresh (ReframeTodayPage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

static gboolean
clock_tick_cb (gpointer user_data)
{
  queue_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

static void
reframe_today_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (reframe_today_page_parent_class)->map (widget);

  /* The greeting and the check-in status depend on the time of day. */
  refresh (REFRAME_TODAY_PAGE (widget));
}

static void
reframe_today_page_dispose (GObject *object)
{
  ReframeTodayPage *self = (ReframeTodayPage *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_TODAY_PAGE);

  G_OBJECT_CLASS (reframe_today_page_parent_class)->dispose (object);
}

static void
reframe_today_page_class_init (ReframeTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_today_page_dispose;
  widget_class->map = reframe_today_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/app/reframe-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeTodayPage, greeting_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeTodayPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeTodayPage, mood_group);
  gtk_widget_class_bind_template_child (widget_class, ReframeTodayPage, streak_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeTodayPage, recent_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeTodayPage, see_all_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeTodayPage, due_group);
  gtk_widget_class_bind_template_child (widget_class, ReframeTodayPage, due_list);
}

static void
reframe_today_page_init (ReframeTodayPage *self)
{
  ReframeApplication *app = REFRAME_APPLICATION_DEFAULT;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (reframe_application_get_journal_store (app), "entry-saved",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reframe_application_get_journal_store (app), "entry-deleted",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reframe_application_get_mood_store (app), "checkin-saved",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reframe_application_get_mood_store (app), "checkin-deleted",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reframe_application_get_thought_record_store (app), "record-saved",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reframe_application_get_thought_record_store (app), "record-deleted",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);

  if (reframe_application_get_assignment_store (app) != NULL)
    g_signal_connect_object (reframe_application_get_assignment_store (app), "changed",
                             G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  if (reframe_application_get_exercise_store (app) != NULL)
    {
      g_signal_connect_object (reframe_application_get_exercise_store (app), "response-saved",
                               G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (reframe_application_get_exercise_store (app), "response-deleted",
                               G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
    }

  /* Keeps the greeting and "today" right when the window stays open across hours. */
  self->clock_source = g_timeout_add_seconds (300, clock_tick_cb, self);
}
