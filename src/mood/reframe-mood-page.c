/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-mood-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "reframe-application.h"
#include "reframe-checkin-dialog.h"
#include "reframe-checkin-row.h"
#include "reframe-date.h"
#include "reframe-mood-chart.h"
#include "reframe-mood-page.h"
#include "reframe-window.h"

#define CHART_DAYS 30
#define PAGE_SIZE  50

struct _ReframeMoodPage
{
  AdwBin                parent_instance;

  ReframeCheckinDialog *dialog;
  guint                 refresh_source;
  guint                 limit;

  /* Template widgets; the stack is the AdwBin's own child, so it is not bound: disposing
   * the template would unparent it under AdwBin's feet. */
  GtkLabel             *summary_label;
  ReframeMoodChart     *chart;
  GtkWidget            *history_box;
  GtkWidget            *more_button;
};

G_DEFINE_FINAL_TYPE (ReframeMoodPage, reframe_mood_page, ADW_TYPE_BIN)

static ReframeMoodStore *
get_store (void)
{
  return reframe_application_get_mood_store (REFRAME_APPLICATION_DEFAULT);
}

static void
update_chart (ReframeMoodPage *self,
              GDateTime       *now)
{
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) checkins = NULL;
  g_autoptr(GError) error = NULL;
  double average;

  today = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                           g_date_time_get_month (now), g_date_time_get_day_of_month (now),
                           0, 0, 0);
  /* A day's margin either side: a check-in belongs to the day of the offset it was made in,
   * which the chart sorts out. */
  from = g_date_time_add_days (today, -CHART_DAYS);
  to = g_date_time_add_days (today, 2);

  checkins = reframe_mood_store_list_between (get_store (), from, to, &error);
  if (checkins == NULL)
    g_warning ("Could not list check-ins for the chart: %s", error->message);

  reframe_mood_chart_set_checkins (self->chart, checkins, now, CHART_DAYS);

  average = reframe_mood_chart_get_average (self->chart);
  if (average < 0)
    gtk_label_set_label (self->summary_label, _("No check-ins in this time"));
  else
    {
      guint n = reframe_mood_chart_get_n_checkins (self->chart);
      g_autofree char *summary = NULL;

      /* Translators: under "Last 30 Days", e.g. "Average 6.4 (Fine) · 12 check-ins" */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Average %.1f (%s) · %u check-in",
                                              "Average %.1f (%s) · %u check-ins", n),
                                 average, reframe_mood_get_label ((guint) round (average)), n);
      gtk_label_set_label (self->summary_label, summary);
    }
}

/* A titled boxed list for one day; returns the list the rows go in. */
static GtkListBox *
add_day_group (ReframeMoodPage *self,
               GDateTime       *day,
               GDateTime       *now)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *title = reframe_date_format_day (day, now);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_box_append (GTK_BOX (self->history_box), group);

  return GTK_LIST_BOX (list);
}

static void
update_history (ReframeMoodPage *self,
                GDateTime       *now)
{
  g_autoptr(GPtrArray) checkins = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBox *list = NULL;
  GDateTime *list_day = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->history_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->history_box), child);

  checkins = reframe_mood_store_list (get_store (), 0, self->limit, &error);
  if (checkins == NULL)
    {
      g_warning ("Could not list check-ins: %s", error->message);
      return;
    }

  for (guint i = 0; i < checkins->len; i++)
    {
      ReframeCheckin *checkin = g_ptr_array_index (checkins, i);
      GDateTime *recorded_at = reframe_checkin_get_recorded_at (checkin);
      GtkWidget *row;

      if (list == NULL || !reframe_date_same_day (list_day, recorded_at))
        {
          list = add_day_group (self, recorded_at, now);
          list_day = recorded_at;
        }

      row = reframe_checkin_row_new (checkin);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "mood.edit");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s",
                                        reframe_checkin_get_uuid (checkin));
      gtk_list_box_append (list, row);
    }

  gtk_widget_set_visible (self->more_button, reframe_mood_store_count (get_store ()) > self->limit);
}

static void
refresh (ReframeMoodPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean empty = reframe_mood_store_count (get_store ()) == 0;

  gtk_stack_set_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (self))),
                                    empty ? "empty" : "history");
  if (empty)
    return;

  update_chart (self, now);
  update_history (self, now);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  ReframeMoodPage *self = user_data;

  self->refresh_source = 0;
  /* A hidden page catches up when it is shown again. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (ReframeMoodPage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

static void
present_dialog (ReframeMoodPage *self,
                ReframeCheckin  *checkin,
                int              mood)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* One check-in window at a time; a second request brings the open one forward. */
  if (self->dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->dialog));
      return;
    }

  self->dialog = reframe_checkin_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                             checkin, mood);
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  reframe_mood_page_edit_checkin (REFRAME_MOOD_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
show_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ReframeMoodPage *self = REFRAME_MOOD_PAGE (widget);

  self->limit += PAGE_SIZE;
  refresh (self);
}

static void
reframe_mood_page_map (GtkWidget *widget)
{
  ReframeMoodPage *self = REFRAME_MOOD_PAGE (widget);

  /* Before the first frame of the page, so it never shows stale content; also because
   * "Today", "Yesterday" and the chart's last day move on at midnight. */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  refresh (self);

  GTK_WIDGET_CLASS (reframe_mood_page_parent_class)->map (widget);
}

static void
reframe_mood_page_dispose (GObject *object)
{
  ReframeMoodPage *self = (ReframeMoodPage *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      self->dialog = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), REFRAME_TYPE_MOOD_PAGE);

  G_OBJECT_CLASS (reframe_mood_page_parent_class)->dispose (object);
}

static void
reframe_mood_page_class_init (ReframeMoodPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_mood_page_dispose;
  widget_class->map = reframe_mood_page_map;

  g_type_ensure (REFRAME_TYPE_MOOD_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/mood/reframe-mood-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeMoodPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeMoodPage, chart);
  gtk_widget_class_bind_template_child (widget_class, ReframeMoodPage, history_box);
  gtk_widget_class_bind_template_child (widget_class, ReframeMoodPage, more_button);

  gtk_widget_class_install_action (widget_class, "mood.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "mood.show-more", NULL, show_more_action);
}

static void
reframe_mood_page_init (ReframeMoodPage *self)
{
  ReframeMoodStore *store = get_store ();

  self->limit = PAGE_SIZE;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (store, "checkin-saved",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "checkin-deleted",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);

  /* Nothing is read until the page is first shown (see map): the window's first frame
   * should not wait for a page the person may not open. */
}

void
reframe_mood_page_new_checkin (ReframeMoodPage *self,
                               int              mood)
{
  g_return_if_fail (REFRAME_IS_MOOD_PAGE (self));

  present_dialog (self, NULL, mood < 0 ? -1 : MIN (mood, 10));
}

void
reframe_mood_page_edit_checkin (ReframeMoodPage *self,
                                const char      *uuid)
{
  g_autoptr(ReframeCheckin) checkin = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (REFRAME_IS_MOOD_PAGE (self));
  g_return_if_fail (uuid != NULL);

  if (self->dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->dialog));
      return;
    }

  checkin = reframe_mood_store_get (get_store (), uuid, &error);
  if (checkin == NULL)
    {
      reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Open the Check-in"), error);
      return;
    }

  present_dialog (self, checkin, -1);
}
