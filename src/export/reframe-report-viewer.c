/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-report-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-checkin.h"
#include "reframe-date.h"
#include "reframe-exercise-library.h"
#include "reframe-mood-chart.h"
#include "reframe-questionnaire-chart.h"
#include "reframe-report-viewer.h"

struct _ReframeReportViewer
{
  AdwWindow       parent_instance;

  ReframeReport  *report;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkBox         *content_box;
};

G_DEFINE_FINAL_TYPE (ReframeReportViewer, reframe_report_viewer, ADW_TYPE_WINDOW)

static char *
format_day_time (GDateTime *at)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (at);

  /* Translators: when something in a report happened, e.g. “3 Mar 2026, 18:30”; see strftime */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

/* A row of text from the report: never markup. */
static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static GtkWidget *
add_group (ReframeReportViewer *self,
           const char          *title,
           const char          *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->content_box, group);
  return group;
}

static GtkWidget *
add_list (GtkWidget *group)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  return list;
}

static void
add_empty (GtkWidget  *group,
           const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
}

static void
build_summary (ReframeReportViewer *self)
{
  ReframeReportSections sections = reframe_report_get_sections (self->report);
  const char *name = reframe_report_get_client_name (self->report);
  g_autofree char *period = reframe_report_format_period (self->report);
  g_autofree char *made = format_day_time (reframe_report_get_created (self->report));
  g_autoptr(GString) left_out = g_string_new (NULL);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label;
  GtkWidget *group;
  GtkWidget *list;

  label = gtk_label_new (_("Progress Report"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-1");
  gtk_box_append (GTK_BOX (header), label);
  label = gtk_label_new (period);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  gtk_box_append (GTK_BOX (header), label);
  label = gtk_label_new (_("Shared by the client. Scores describe answers to questionnaires; a "
                           "score is not a diagnosis."));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (self->content_box, header);

  group = add_group (self, _("Summary"), NULL);
  list = add_list (group);
  gtk_list_box_append (GTK_LIST_BOX (list), text_row (_("Shared By"), name ? name : _("The client")));
  gtk_list_box_append (GTK_LIST_BOX (list), text_row (_("Made On"), made));

  if (!(sections & REFRAME_REPORT_MOOD))
    g_string_append_printf (left_out, "%s%s", left_out->len ? ", " : "", _("mood"));
  if (!(sections & REFRAME_REPORT_QUESTIONNAIRES))
    g_string_append_printf (left_out, "%s%s", left_out->len ? ", " : "", _("questionnaires"));
  if (!(sections & REFRAME_REPORT_EXERCISES))
    g_string_append_printf (left_out, "%s%s", left_out->len ? ", " : "", _("exercises"));
  if (!(sections & REFRAME_REPORT_JOURNAL))
    g_string_append_printf (left_out, "%s%s", left_out->len ? ", " : "", _("journal entries"));
  if (!(sections & REFRAME_REPORT_SAFETY))
    g_string_append_printf (left_out, "%s%s", left_out->len ? ", " : "", _("crisis-screen events"));
  if (left_out->len > 0)
    gtk_list_box_append (GTK_LIST_BOX (list), text_row (_("Not Included by the Client"), left_out->str));
}

static void
build_mood (ReframeReportViewer *self)
{
  GPtrArray *moods = reframe_report_get_moods (self->report);
  g_autoptr(GPtrArray) checkins = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) last_day = NULL;
  const GDate *from = reframe_report_get_from (self->report);
  const GDate *to = reframe_report_get_to (self->report);
  g_autofree char *description = NULL;
  GtkWidget *group;
  GtkWidget *chart;
  GtkWidget *card;
  double sum = 0;

  for (guint i = 0; i < moods->len; i++)
    {
      ReframeReportMood *mood = g_ptr_array_index (moods, i);

      g_ptr_array_add (checkins, reframe_checkin_new (mood->at, mood->mood));
      sum += mood->mood;
    }
  if (moods->len > 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u check-in, average mood %.1f of 10",
                                                "%u check-ins, average mood %.1f of 10", moods->len),
                                   moods->len, sum / moods->len);
  group = add_group (self, _("Mood"), description);
  if (moods->len == 0)
    {
      add_empty (group, _("No check-ins in this period."));
      return;
    }

  last_day = g_date_time_new_local (g_date_get_year (to), g_date_get_month (to), g_date_get_day (to),
                                    12, 0, 0);
  chart = reframe_mood_chart_new ();
  reframe_mood_chart_set_checkins (REFRAME_MOOD_CHART (chart), checkins, last_day,
                                   CLAMP (g_date_days_between (from, to) + 1, 7, 366));
  gtk_widget_set_size_request (chart, -1, 180);
  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "report-chart-card");
  gtk_box_append (GTK_BOX (card), chart);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);
}

static void
build_questionnaires (ReframeReportViewer *self)
{
  GPtrArray *scores = reframe_report_get_scores (self->report);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *group = add_group (self, _("Questionnaires"), NULL);

  if (scores->len == 0)
    {
      add_empty (group, _("No questionnaires were completed in this period."));
      return;
    }

  for (guint i = 0; i < scores->len; i++)
    {
      ReframeReportScore *first = g_ptr_array_index (scores, i);
      ReframeExercise *questionnaire = reframe_exercise_library_lookup (first->questionnaire_id);
      g_autoptr(GPtrArray) dates = g_ptr_array_new ();
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (int));
      GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      GtkWidget *title = gtk_label_new (first->short_name);
      GtkWidget *list = gtk_list_box_new ();

      if (g_ptr_array_find_with_equal_func (seen, first->questionnaire_id, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, first->questionnaire_id);

      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "report-chart-card");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "title-4");
      gtk_box_append (GTK_BOX (card), title);

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      for (guint j = i; j < scores->len; j++)
        {
          ReframeReportScore *score = g_ptr_array_index (scores, j);
          g_autofree char *day = NULL;
          g_autofree char *value = NULL;

          if (g_strcmp0 (score->questionnaire_id, first->questionnaire_id) != 0)
            continue;
          g_ptr_array_add (dates, score->at);
          g_array_append_val (values, score->score);
          day = reframe_date_format_day (score->at, now);
          if (score->max_score > 0)
            /* Translators: a score in a report, e.g. “13 of 27 · Moderate” */
            value = g_strdup_printf (_("%d of %d · %s"), score->score, score->max_score,
                                     score->band ? score->band : "");
          else
            value = g_strdup_printf ("%d", score->score);
          gtk_list_box_append (GTK_LIST_BOX (list), text_row (value, day));
        }

      if (questionnaire != NULL && reframe_exercise_is_questionnaire (questionnaire))
        {
          GtkWidget *chart = reframe_questionnaire_chart_new ();

          reframe_questionnaire_chart_set_results (REFRAME_QUESTIONNAIRE_CHART (chart), questionnaire,
                                                   dates, values);
          gtk_box_append (GTK_BOX (card), chart);
        }
      /* The chart in a card, the scores in a list under it. */
      gtk_box_append (GTK_BOX (outer), card);
      gtk_box_append (GTK_BOX (outer), list);
      if (i > 0)
        gtk_widget_set_margin_top (outer, 12);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), outer);
    }
}

static void
build_exercises (ReframeReportViewer *self,
                 gboolean             questionnaires)
{
  GPtrArray *exercises = reframe_report_get_exercises (self->report);
  GtkWidget *group;
  GtkWidget *list = NULL;

  group = add_group (self, questionnaires ? _("Questionnaire Answers") : _("Exercises"), NULL);
  for (guint i = 0; i < exercises->len; i++)
    {
      ReframeReportExercise *exercise = g_ptr_array_index (exercises, i);
      g_autofree char *when = NULL;
      GtkWidget *row;

      if (exercise->questionnaire != questionnaires)
        continue;
      if (list == NULL)
        list = add_list (group);
      when = format_day_time (exercise->at);
      row = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), exercise->title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), when);
      for (guint j = 0; j < exercise->items->len; j++)
        {
          ReframeReportItem *item = g_ptr_array_index (exercise->items, j);
          GtkWidget *item_row = text_row (item->question, item->answer);

          gtk_widget_add_css_class (item_row, "report-answer");
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), item_row);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (list == NULL)
    {
      if (questionnaires)
        gtk_box_remove (self->content_box, group);
      else
        add_empty (group, _("No exercises were completed in this period."));
    }
}

static void
build_journal (ReframeReportViewer *self)
{
  GPtrArray *entries = reframe_report_get_entries (self->report);
  GtkWidget *group = add_group (self, _("Journal Entries"), NULL);
  GtkWidget *list;

  if (entries->len == 0)
    {
      add_empty (group, _("No journal entries in this period."));
      return;
    }
  list = add_list (group);
  for (guint i = 0; i < entries->len; i++)
    {
      ReframeReportEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *when = format_day_time (entry->at);
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *body = gtk_label_new (entry->body);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->title ? entry->title : when);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), entry->title ? when : NULL);
      gtk_label_set_wrap (GTK_LABEL (body), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (body), 0);
      gtk_label_set_selectable (GTK_LABEL (body), TRUE);
      gtk_widget_add_css_class (body, "report-journal-body");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), body);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
}

static void
build_safety (ReframeReportViewer *self)
{
  GPtrArray *events = reframe_report_get_safety_events (self->report);
  GtkWidget *group = add_group (self, _("Crisis-Screen Events"),
                                _("When words of concern came up in what the client wrote, Reframe "
                                  "offered crisis resources. Only the date and kind are kept."));
  GtkWidget *list;

  if (events->len == 0)
    {
      add_empty (group, _("None in this period."));
      return;
    }
  list = add_list (group);
  for (guint i = 0; i < events->len; i++)
    {
      ReframeReportSafety *event = g_ptr_array_index (events, i);
      g_autofree char *when = format_day_time (event->at);

      gtk_list_box_append (GTK_LIST_BOX (list),
                           text_row (reframe_report_describe_safety_kind (event->kind), when));
    }
}

static void
build (ReframeReportViewer *self)
{
  ReframeReportSections sections = reframe_report_get_sections (self->report);
  g_autofree char *period = reframe_report_format_period (self->report);
  GtkWidget *footer;

  adw_window_title_set_subtitle (self->window_title, period);
  build_summary (self);
  if (sections & REFRAME_REPORT_MOOD)
    build_mood (self);
  if (sections & REFRAME_REPORT_QUESTIONNAIRES)
    build_questionnaires (self);
  if (sections & REFRAME_REPORT_EXERCISES)
    build_exercises (self, FALSE);
  if (sections & REFRAME_REPORT_QUESTIONNAIRES)
    build_exercises (self, TRUE);
  if (sections & REFRAME_REPORT_JOURNAL)
    build_journal (self);
  if (sections & REFRAME_REPORT_SAFETY)
    build_safety (self);

  footer = gtk_label_new (_("Not a diagnosis. These are the client’s own entries and "
                            "self-ratings from Reframe, a self-help app."));
  gtk_label_set_wrap (GTK_LABEL (footer), TRUE);
  gtk_label_set_justify (GTK_LABEL (footer), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (footer, "dim-label");
  gtk_widget_add_css_class (footer, "caption");
  gtk_box_append (self->content_box, footer);
}

static void
reframe_report_viewer_dispose (GObject *object)
{
  ReframeReportViewer *self = (ReframeReportViewer *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_REPORT_VIEWER);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (reframe_report_viewer_parent_class)->dispose (object);
}

static void
reframe_report_viewer_class_init (ReframeReportViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_report_viewer_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/export/reframe-report-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeReportViewer, window_title);
  gtk_widget_class_bind_template_child (widget_class, ReframeReportViewer, content_box);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reframe_report_viewer_init (ReframeReportViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ReframeReportViewer *
reframe_report_viewer_new (GtkWindow     *parent,
                           ReframeReport *report)
{
  ReframeReportViewer *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REFRAME_IS_REPORT (report), NULL);

  self = g_object_new (REFRAME_TYPE_REPORT_VIEWER, "transient-for", parent, NULL);
  self->report = g_object_ref (report);
  build (self);
  return self;
}

ReframeReport *
reframe_report_viewer_get_report (ReframeReportViewer *self)
{
  g_return_val_if_fail (REFRAME_IS_REPORT_VIEWER (self), NULL);
  return self->report;
}
