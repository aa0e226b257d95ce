/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-exercise-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-breathing-pacer.h"
#include "reframe-crisis-dialog.h"
#include "reframe-date.h"
#include "reframe-exercise-runner.h"
#include "reframe-questionnaire.h"
#include "reframe-step-field.h"
#include "reframe-step-list.h"
#include "reframe-window.h"

/* Typing is written this long after the last key press; step changes are written at once. */
#define SAVE_DELAY_MS 700
/* A questionnaire moves on by itself this long after a first answer, so it can be seen. */
#define ADVANCE_DELAY_MS 300

struct _ReframeExerciseRunner
{
  AdwWindow                parent_instance;

  ReframeExerciseStore    *store;
  ReframeExercise         *exercise;
  ReframeExerciseResponse *response;
  int                      step;
  int                      n_steps;
  GPtrArray               *pages;        /* GtkWidget, one per step */
  GPtrArray               *page_fields;  /* GPtrArray of ReframeStepField, one per step */
  guint                    save_source;
  guint                    advance_source;
  gboolean                 dirty;
  gboolean                 error_shown;
  gboolean                 just_finished;
  gboolean                 crisis_shown;
  gboolean                 step_was_answered;

  /* Template widgets */
  AdwWindowTitle          *window_title;
  GtkProgressBar          *progress_bar;
  GtkScrolledWindow       *scroller;
  GtkStack                *step_stack;
  GtkImage                *intro_icon;
  GtkLabel                *intro_title;
  GtkLabel                *intro_summary;
  GtkBox                  *intro_text_box;
  GtkLabel                *intro_minutes;
  GtkListBox              *sources_list;
  GtkLabel                *intro_copyright;
  GtkImage                *summary_icon;
  GtkLabel                *summary_title;
  GtkLabel                *summary_description;
  GtkWidget               *crisis_card;
  GtkWidget               *score_card;
  GtkLabel                *score_label;
  GtkLabel                *score_max_label;
  GtkLabel                *band_label;
  GtkLabel                *band_description;
  GtkBox                  *summary_groups;
  GtkLabel                *summary_copyright;
  GtkButton               *next_button;
};

G_DEFINE_FINAL_TYPE (ReframeExerciseRunner, reframe_exercise_runner, ADW_TYPE_WINDOW)

static void show_step (ReframeExerciseRunner *self,
                       int                    step);

static gboolean
is_questionnaire (ReframeExerciseRunner *self)
{
  return reframe_exercise_is_questionnaire (self->exercise);
}

static JsonObject *
answers (ReframeExerciseRunner *self)
{
  return reframe_exercise_response_get_answers (self->response);
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Saving */

static gboolean
save_timeout_cb (gpointer user_data)
{
  ReframeExerciseRunner *self = user_data;

  self->save_source = 0;
  reframe_exercise_runner_save (self);
  return G_SOURCE_REMOVE;
}

static void
queue_save (ReframeExerciseRunner *self)
{
  self->dirty = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* Steps */

static GPtrArray *
step_fields (ReframeExerciseRunner *self,
             int                    step)
{
  if (step < 0 || step >= self->n_steps)
    return NULL;
  return g_ptr_array_index (self->page_fields, step);
}

static gboolean
step_has_content (ReframeExerciseRunner *self,
                  int                    step)
{
  const ReframeExerciseStep *definition;

  if (step < 0 || step >= self->n_steps)
    return FALSE;

  definition = reframe_exercise_get_step (self->exercise, step);
  for (guint i = 0; i < definition->fields->len; i++)
    {
      const ReframeField *field = g_ptr_array_index (definition->fields, i);

      if (field->type != REFRAME_FIELD_SLIDER &&
          reframe_exercise_answer_is_set (json_object_get_member (answers (self), field->id)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
step_is_answered (ReframeExerciseRunner *self,
                  int                    step)
{
  const ReframeExerciseStep *definition;

  if (step < 0 || step >= self->n_steps)
    return TRUE;

  definition = reframe_exercise_get_step (self->exercise, step);
  for (guint i = 0; i < definition->fields->len; i++)
    {
      const ReframeField *field = g_ptr_array_index (definition->fields, i);

      if (field->required &&
          !reframe_exercise_answer_is_set (json_object_get_member (answers (self), field->id)))
        return FALSE;
    }
  return TRUE;
}

static void
update_next_sensitivity (ReframeExerciseRunner *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.next",
                                 step_is_answered (self, self->step));
}

static gboolean
advance_timeout_cb (gpointer user_data)
{
  ReframeExerciseRunner *self = user_data;

  self->advance_source = 0;
  if (self->step >= 0 && self->step + 1 < self->n_steps && step_is_answered (self, self->step))
    reframe_exercise_runner_set_step (self, self->step + 1);
  return G_SOURCE_REMOVE;
}

static void
crisis_resources_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ReframeExerciseRunner *self = REFRAME_EXERCISE_RUNNER (widget);

  self->crisis_shown = TRUE;
  reframe_crisis_dialog_present (GTK_WINDOW (self));
}

static void
field_changed_cb (ReframeExerciseRunner *self,
                  ReframeStepField      *widget)
{
  const ReframeField *field = reframe_step_field_get_field (widget);

  queue_save (self);
  update_next_sensitivity (self);

  if (!is_questionnaire (self) || field->type != REFRAME_FIELD_CHOICE)
    return;

  /* Thoughts of death or self-harm: the crisis lines come up at once, whatever else. */
  if (reframe_questionnaire_is_crisis_item (self->exercise, field->id) &&
      reframe_questionnaire_get_item_value (self->exercise, answers (self), field->id) > 0)
    {
      g_clear_handle_id (&self->advance_source, g_source_remove);
      reframe_exercise_runner_save (self);
      gtk_widget_activate_action (GTK_WIDGET (self), "runner.crisis-resources", NULL);
      return;
    }

  if (!self->step_was_answered && step_is_answered (self, self->step))
    {
      g_clear_handle_id (&self->advance_source, g_source_remove);
      self->advance_source = g_timeout_add (ADVANCE_DELAY_MS, advance_timeout_cb, self);
    }
}

static GtkWidget *
build_hint (const char *text)
{
  GtkWidget *hint = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "dialog-information-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *wrapper = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (hint, "step-hint");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_hexpand (wrapper, TRUE);
  /* A box around the label keeps GTK 4.8 from mixing baselines with the icon. */
  gtk_box_append (GTK_BOX (wrapper), wrapped_label (text, NULL));
  gtk_box_append (GTK_BOX (hint), icon);
  gtk_box_append (GTK_BOX (hint), wrapper);
  return hint;
}

static void
example_toggled_cb (GtkToggleButton *button,
                    GtkRevealer     *revealer)
{
  gboolean active = gtk_toggle_button_get_active (button);

  gtk_revealer_set_reveal_child (revealer, active);
  gtk_button_set_label (GTK_BUTTON (button), active ? _("Hide the _Example") : _("Show an _Example"));
}

/* What someone might write here, for the person who does not know where to start. */
static GtkWidget *
build_example (ReframeExerciseRunner     *self,
               const ReframeExerciseStep *step)
{
  JsonObject *example = reframe_exercise_get_example (self->exercise);
  GtkWidget *box;
  GtkWidget *card;
  GtkWidget *button;
  GtkWidget *revealer;
  guint shown = 0;

  if (example == NULL)
    return NULL;

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "exercise-example");
  for (guint i = 0; i < step->fields->len; i++)
    {
      const ReframeField *field = g_ptr_array_index (step->fields, i);
      g_autofree char *text = reframe_exercise_format_answer (self->exercise, field, example,
                                                              json_object_get_member (example,
                                                                                      field->id));
      GtkWidget *part;

      if (*text == '\0')
        continue;
      part = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_box_append (GTK_BOX (part), wrapped_label (field->label, "caption-heading"));
      gtk_box_append (GTK_BOX (part), wrapped_label (text, "exercise-example-text"));
      gtk_box_append (GTK_BOX (card), part);
      shown++;
    }
  if (shown == 0)
    {
      g_object_ref_sink (card);
      g_object_unref (card);
      return NULL;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  button = gtk_toggle_button_new_with_mnemonic (_("Show an _Example"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "exercise-example-button");
  revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (revealer), card);
  g_signal_connect (button, "toggled", G_CALLBACK (example_toggled_cb), revealer);
  g_object_set_data (G_OBJECT (box), "example-button", button);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), revealer);
  return box;
}

static GtkWidget *
build_step_page (ReframeExerciseRunner *self,
                 int                    index)
{
  const ReframeExerciseStep *step = reframe_exercise_get_step (self->exercise, index);
  GPtrArray *fields = g_ptr_array_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *fields_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *example;

  if (is_questionnaire (self) && step->text != NULL)
    gtk_box_append (GTK_BOX (page), wrapped_label (step->text, "dim-label"));
  gtk_box_append (GTK_BOX (page), wrapped_label (step->title, "title-2"));
  if (!is_questionnaire (self) && step->text != NULL)
    gtk_box_append (GTK_BOX (page), wrapped_label (step->text, NULL));
  if (step->hint != NULL)
    gtk_box_append (GTK_BOX (page), build_hint (step->hint));
  if ((example = build_example (self, step)) != NULL)
    gtk_box_append (GTK_BOX (page), example);

  gtk_widget_set_margin_top (fields_box, 6);
  for (guint i = 0; i < step->fields->len; i++)
    {
      const ReframeField *field = g_ptr_array_index (step->fields, i);
      /* A question is its own label. */
      gboolean show_label = !is_questionnaire (self) && field->type != REFRAME_FIELD_BREATHING &&
                            !(step->fields->len == 1 && g_str_equal (field->label, step->title));
      GtkWidget *widget = reframe_step_field_new (self->exercise, field, answers (self),
                                                  answers (self), show_label);

      g_signal_connect_object (widget, "changed", G_CALLBACK (field_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (fields, widget);
      gtk_box_append (GTK_BOX (fields_box), widget);
    }
  gtk_box_append (GTK_BOX (page), fields_box);

  g_ptr_array_add (self->page_fields, fields);
  return page;
}

/* Intro */

static void
open_source_cb (GtkButton *button)
{
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))),
                g_object_get_data (G_OBJECT (button), "url"), GDK_CURRENT_TIME);
}

static void
build_intro (ReframeExerciseRunner *self)
{
  const GPtrArray *sources = reframe_exercise_get_sources (self->exercise);
  const ReframeQuestionnaireInfo *info = reframe_exercise_get_questionnaire (self->exercise);
  g_auto(GStrv) paragraphs = g_strsplit (reframe_exercise_get_intro (self->exercise), "\n\n", -1);
  g_autofree char *minutes = NULL;
  guint n = reframe_exercise_get_minutes (self->exercise);

  gtk_image_set_from_icon_name (self->intro_icon,
                                reframe_exercise_get_icon_name (self->exercise)
                                  ? reframe_exercise_get_icon_name (self->exercise)
                                  : "reframe-thought-symbolic");
  gtk_label_set_text (self->intro_title, reframe_exercise_get_title (self->exercise));
  gtk_label_set_text (self->intro_summary, reframe_exercise_get_summary (self->exercise));

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *paragraph = g_strstrip (g_strdup (paragraphs[i]));

      if (*paragraph != '\0')
        gtk_box_append (self->intro_text_box, wrapped_label (paragraph, "exercise-intro-text"));
    }

  if (n > 0)
    /* Translators: how long an exercise takes */
    minutes = g_strdup_printf (ngettext ("About %u minute. You can stop at any step and carry on later.",
                                         "About %u minutes. You can stop at any step and carry on later.",
                                         n), n);
  else
    minutes = g_strdup (_("You can stop at any step and carry on later."));
  gtk_label_set_text (self->intro_minutes, minutes);

  for (guint i = 0; i < sources->len; i++)
    {
      const ReframeExerciseSource *source = g_ptr_array_index (sources, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), source->citation);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "exercise-source-row");
      if (source->url != NULL)
        {
          GtkWidget *button = gtk_button_new_from_icon_name ("web-browser-symbolic");

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, source->url);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Open the Source"), -1);
          g_object_set_data_full (G_OBJECT (button), "url", g_strdup (source->url), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (open_source_cb), NULL);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->sources_list, row);
    }

  if (info != NULL && info->copyright != NULL)
    {
      gtk_label_set_text (self->intro_copyright, info->copyright);
      gtk_label_set_text (self->summary_copyright, info->copyright);
      gtk_widget_set_visible (GTK_WIDGET (self->intro_copyright), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->summary_copyright), TRUE);
    }
}

/* Summary */

static void
summary_row_activated_cb (ReframeExerciseRunner *self,
                          GtkListBoxRow         *row)
{
  reframe_exercise_runner_set_step (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "step")));
}

static GtkWidget *
summary_row (const char *title,
             const char *value,
             int         step)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), *value != '\0' ? value : _("Not filled in"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Change This Answer"));
  g_object_set_data (G_OBJECT (row), "step", GINT_TO_POINTER (step));
  return row;
}

static GtkWidget *
summary_group (ReframeExerciseRunner *self,
               const char            *title,
               const char            *description,
               GtkWidget            **list)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (*list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (*list, "boxed-list");
  g_signal_connect_object (*list, "row-activated", G_CALLBACK (summary_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), *list);
  gtk_box_append (self->summary_groups, group);
  return group;
}

static void
rebuild_questionnaire_result (ReframeExerciseRunner *self)
{
  const ReframeQuestionnaireInfo *info = reframe_exercise_get_questionnaire (self->exercise);
  ReframeQuestionnaireResult result;
  g_autofree char *score = NULL;
  g_autofree char *max = NULL;
  GtkWidget *list;

  reframe_questionnaire_score (self->exercise, answers (self), &result);

  gtk_widget_set_visible (self->score_card, result.complete);
  if (result.complete)
    {
      score = g_strdup_printf ("%d", result.score);
      /* Translators: after a questionnaire score, e.g. “12” “of 27” */
      max = g_strdup_printf (_("of %d"), info->max_score);
      gtk_label_set_text (self->score_label, score);
      gtk_label_set_text (self->score_max_label, max);
      gtk_label_set_text (self->band_label, result.band ? result.band->label : "");
      gtk_label_set_text (self->band_description,
                          result.band && result.band->description ? result.band->description : "");
    }
  gtk_widget_set_visible (self->crisis_card, result.crisis);

  summary_group (self, _("Your Answers"), _("Select an answer to change it."), &list);
  for (int i = 0; i < self->n_steps; i++)
    {
      const ReframeExerciseStep *step = reframe_exercise_get_step (self->exercise, i);
      const ReframeField *field = g_ptr_array_index (step->fields, 0);
      g_autofree char *text = reframe_exercise_format_answer (self->exercise, field, answers (self),
                                                              json_object_get_member (answers (self),
                                                                                      field->id));

      gtk_list_box_append (GTK_LIST_BOX (list), summary_row (step->title, text, i));
    }
}

static void
rebuild_summary (ReframeExerciseRunner *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_groups))) != NULL)
    gtk_box_remove (self->summary_groups, child);

  if (self->just_finished)
    {
      gtk_label_set_text (self->summary_title, is_questionnaire (self) ? _("Your Result")
                                                                        : _("Well Done"));
      gtk_label_set_text (self->summary_description,
                          is_questionnaire (self)
                            ? _("Thank you for answering. Your result is saved, so you can see how it changes over time.")
                            : _("You took time for yourself and worked it through. It gets easier with practice."));
    }
  else
    {
      GDateTime *created = reframe_exercise_response_get_created_at (self->response);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *day = created ? reframe_date_format_day (created, now) : NULL;
      g_autofree char *time = created ? reframe_date_format_time (created) : NULL;
      g_autofree char *written = NULL;

      gtk_label_set_text (self->summary_title, reframe_exercise_get_title (self->exercise));
      /* Translators: a day and a time, e.g. “Yesterday, 14:05” */
      written = day ? g_strdup_printf (_("%s, %s"), day, time) : NULL;
      gtk_label_set_text (self->summary_description, written ? written : "");
    }

  gtk_image_set_from_icon_name (self->summary_icon,
                                self->just_finished || reframe_exercise_get_icon_name (self->exercise) == NULL
                                  ? "emblem-ok-symbolic"
                                  : reframe_exercise_get_icon_name (self->exercise));
  if (self->just_finished)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), "finished");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "finished");

  if (is_questionnaire (self))
    {
      rebuild_questionnaire_result (self);
      return;
    }

  gtk_widget_set_visible (self->score_card, FALSE);
  gtk_widget_set_visible (self->crisis_card, FALSE);
  for (int i = 0; i < self->n_steps; i++)
    {
      const ReframeExerciseStep *step = reframe_exercise_get_step (self->exercise, i);
      GtkWidget *list;

      if (step->fields->len == 0)
        continue;
      summary_group (self, step->title, NULL, &list);
      for (guint j = 0; j < step->fields->len; j++)
        {
          const ReframeField *field = g_ptr_array_index (step->fields, j);
          g_autofree char *text = reframe_exercise_format_answer (self->exercise, field, answers (self),
                                                                  json_object_get_member (answers (self),
                                                                                          field->id));

          gtk_list_box_append (GTK_LIST_BOX (list), summary_row (field->label, text, i));
        }
    }
}

/* Moving between steps */

static void
leave_step (ReframeExerciseRunner *self)
{
  GPtrArray *fields = step_fields (self, self->step);
  gboolean content;

  g_clear_handle_id (&self->advance_source, g_source_remove);
  if (fields == NULL)
    return;

  content = step_has_content (self, self->step);
  for (guint i = 0; i < fields->len; i++)
    {
      ReframeStepField *field = g_ptr_array_index (fields, i);
      GtkWidget *control = reframe_step_field_get_control (field);

      /* A slider left where it starts is an answer too, next to other answers. */
      if (content)
        reframe_step_field_commit_default (field);
      if (REFRAME_IS_STEP_LIST (control))
        reframe_step_list_prune (REFRAME_STEP_LIST (control));
      /* Breathing on a page out of sight makes no sense. */
      if (REFRAME_IS_BREATHING_PACER (control))
        reframe_breathing_pacer_pause (REFRAME_BREATHING_PACER (control));
    }
  self->dirty = TRUE;
}

static void
enter_step (ReframeExerciseRunner *self)
{
  GPtrArray *fields = step_fields (self, self->step);

  if (self->step == self->n_steps)
    {
      rebuild_summary (self);
      return;
    }
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    reframe_step_field_refresh (g_ptr_array_index (fields, i));
  self->step_was_answered = step_is_answered (self, self->step) &&
                            step_has_content (self, self->step);
}

static void
update_chrome (ReframeExerciseRunner *self)
{
  const char *next_label;
  g_autofree char *subtitle = NULL;
  double fraction;

  adw_window_title_set_title (self->window_title, reframe_exercise_get_title (self->exercise));
  if (self->step == REFRAME_EXERCISE_RUNNER_INTRO)
    {
      subtitle = g_strdup (is_questionnaire (self) ? _("About This Questionnaire")
                                                   : _("About This Exercise"));
      next_label = _("_Start");
      fraction = 0;
    }
  else if (self->step == self->n_steps)
    {
      subtitle = g_strdup (is_questionnaire (self) ? _("Result") : _("Summary"));
      next_label = _("_Done");
      fraction = 1;
    }
  else
    {
      if (is_questionnaire (self))
        /* Translators: progress through a questionnaire, e.g. “Question 3 of 9” */
        subtitle = g_strdup_printf (_("Question %d of %d"), self->step + 1, self->n_steps);
      else
        /* Translators: progress through an exercise, e.g. “Step 2 of 4” */
        subtitle = g_strdup_printf (_("Step %d of %d"), self->step + 1, self->n_steps);
      next_label = self->step + 1 == self->n_steps ? _("_Finish") : _("_Next");
      fraction = (double) (self->step + 1) / self->n_steps;
    }

  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_button_set_label (self->next_button, next_label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button),
                               self->step == self->n_steps ? NULL : _("Next Step (Alt+Right)"));
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runner.back",
                                 self->step > REFRAME_EXERCISE_RUNNER_INTRO);
  update_next_sensitivity (self);
}

static void
focus_step (ReframeExerciseRunner *self)
{
  GPtrArray *fields = step_fields (self, self->step);

  if (fields != NULL && fields->len > 0 && !is_questionnaire (self) &&
      reframe_step_field_focus (g_ptr_array_index (fields, 0)))
    return;
  if (fields != NULL && fields->len > 0 && is_questionnaire (self) &&
      gtk_widget_child_focus (GTK_WIDGET (g_ptr_array_index (fields, 0)), GTK_DIR_TAB_FORWARD))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
show_step (ReframeExerciseRunner *self,
           int                    step)
{
  g_autofree char *name = NULL;

  g_assert (step >= REFRAME_EXERCISE_RUNNER_INTRO && step <= self->n_steps);

  leave_step (self);
  self->step = step;
  if (step >= 0 && step < self->n_steps &&
      reframe_exercise_response_get_step (self->response) != (guint) step)
    {
      reframe_exercise_response_set_step (self->response, step);
      self->dirty = TRUE;
    }
  enter_step (self);

  if (step == REFRAME_EXERCISE_RUNNER_INTRO)
    name = g_strdup ("intro");
  else if (step == self->n_steps)
    name = g_strdup ("summary");
  else
    name = g_strdup_printf ("step-%d", step);
  gtk_stack_set_visible_child_name (self->step_stack, name);
  update_chrome (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  focus_step (self);
}

static void
finish (ReframeExerciseRunner *self)
{
  leave_step (self);

  if (!reframe_exercise_response_has_content (self->response) &&
      reframe_exercise_response_get_uuid (self->response) == NULL)
    {
      /* Nothing was entered: there is nothing to keep. */
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  reframe_exercise_response_set_completed (self->response, TRUE);
  self->dirty = TRUE;
  self->error_shown = FALSE;
  if (!reframe_exercise_runner_save (self))
    return;

  self->just_finished = TRUE;
  /* Already left: show the summary without leaving again. */
  self->step = self->n_steps;
  enter_step (self);
  gtk_stack_set_visible_child_name (self->step_stack, "summary");
  update_chrome (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  focus_step (self);

  if (reframe_questionnaire_needs_crisis_resources (self->exercise, answers (self)) &&
      !self->crisis_shown)
    gtk_widget_activate_action (GTK_WIDGET (self), "runner.crisis-resources", NULL);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ReframeExerciseRunner *self = REFRAME_EXERCISE_RUNNER (widget);

  if (self->step == self->n_steps)
    gtk_window_close (GTK_WINDOW (self));
  else if (!step_is_answered (self, self->step))
    return;
  else if (self->step + 1 == self->n_steps)
    finish (self);
  else
    reframe_exercise_runner_set_step (self, self->step + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ReframeExerciseRunner *self = REFRAME_EXERCISE_RUNNER (widget);

  if (self->step > REFRAME_EXERCISE_RUNNER_INTRO)
    reframe_exercise_runner_set_step (self, self->step - 1);
}

/* GObject */

static gboolean
reframe_exercise_runner_close_request (GtkWindow *window)
{
  ReframeExerciseRunner *self = REFRAME_EXERCISE_RUNNER (window);

  leave_step (self);
  self->error_shown = FALSE;
  if (!reframe_exercise_runner_save (self))
    {
      /* Stay open with everything in it; the error says why. */
      enter_step (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (reframe_exercise_runner_parent_class)->close_request (window);
}

static void
reframe_exercise_runner_dispose (GObject *object)
{
  ReframeExerciseRunner *self = (ReframeExerciseRunner *)object;

  /* Destroyed without a close request (the app quit): still keep what was entered. */
  if (self->dirty && self->store != NULL && self->response != NULL &&
      (reframe_exercise_response_get_uuid (self->response) != NULL ||
       reframe_exercise_response_has_content (self->response)))
    {
      g_autoptr(GError) error = NULL;

      if (!reframe_exercise_store_save (self->store, self->response, &error))
        g_message ("Could not save the exercise: %s", error->message);
      self->dirty = FALSE;
    }
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->advance_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_EXERCISE_RUNNER);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->page_fields, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->response);
  g_clear_object (&self->exercise);

  G_OBJECT_CLASS (reframe_exercise_runner_parent_class)->dispose (object);
}

static void
reframe_exercise_runner_class_init (ReframeExerciseRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = reframe_exercise_runner_dispose;
  window_class->close_request = reframe_exercise_runner_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/exercises/reframe-exercise-runner.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, window_title);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, scroller);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, step_stack);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, intro_icon);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, intro_title);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, intro_summary);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, intro_text_box);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, intro_minutes);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, sources_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, intro_copyright);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, summary_title);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, summary_description);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, crisis_card);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, score_card);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, score_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, score_max_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, band_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, band_description);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, summary_groups);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, summary_copyright);
  gtk_widget_class_bind_template_child (widget_class, ReframeExerciseRunner, next_button);

  gtk_widget_class_install_action (widget_class, "runner.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "runner.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "runner.crisis-resources", NULL,
                                   crisis_resources_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reframe_exercise_runner_init (ReframeExerciseRunner *self)
{
  GtkEventController *shortcuts;
  GtkShortcutTrigger *trigger;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->pages = g_ptr_array_new ();
  self->page_fields = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  /* In the capture phase, so that Back and Next work from inside a text field too. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  trigger = gtk_shortcut_trigger_parse_string ("<Alt>Left|<Control>Page_Up");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("runner.back")));
  trigger = gtk_shortcut_trigger_parse_string ("<Alt>Right|<Control>Page_Down");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("runner.next")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

ReframeExerciseRunner *
reframe_exercise_runner_new (GtkWindow               *parent,
                             ReframeExerciseStore    *store,
                             ReframeExercise         *exercise,
                             ReframeExerciseResponse *response)
{
  ReframeExerciseRunner *self;
  int step;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REFRAME_IS_EXERCISE_STORE (store), NULL);
  g_return_val_if_fail (REFRAME_IS_EXERCISE (exercise), NULL);
  g_return_val_if_fail (!response || REFRAME_IS_EXERCISE_RESPONSE (response), NULL);

  self = g_object_new (REFRAME_TYPE_EXERCISE_RUNNER,
                       "transient-for", parent,
                       "title", reframe_exercise_get_title (exercise),
                       NULL);
  self->store = g_object_ref (store);
  self->exercise = g_object_ref (exercise);
  self->response = response ? g_object_ref (response) : reframe_exercise_response_new (exercise);
  self->n_steps = reframe_exercise_get_n_steps (exercise);

  build_intro (self);
  for (int i = 0; i < self->n_steps; i++)
    {
      g_autofree char *name = g_strdup_printf ("step-%d", i);
      GtkWidget *page = build_step_page (self, i);

      g_ptr_array_add (self->pages, page);
      gtk_stack_add_named (self->step_stack, page, name);
    }

  if (reframe_exercise_response_get_completed (self->response))
    step = self->n_steps;
  else if (reframe_exercise_response_get_uuid (self->response) != NULL)
    step = MIN ((int) reframe_exercise_response_get_step (self->response), self->n_steps - 1);
  else
    step = REFRAME_EXERCISE_RUNNER_INTRO;

  /* Not leaving anything yet. */
  self->step = step;
  enter_step (self);
  if (step == REFRAME_EXERCISE_RUNNER_INTRO)
    gtk_stack_set_visible_child_name (self->step_stack, "intro");
  else if (step == self->n_steps)
    gtk_stack_set_visible_child_name (self->step_stack, "summary");
  else
    gtk_stack_set_visible_child (self->step_stack, g_ptr_array_index (self->pages, step));
  update_chrome (self);
  focus_step (self);

  return self;
}

ReframeExercise *
reframe_exercise_runner_get_exercise (ReframeExerciseRunner *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RUNNER (self), NULL);
  return self->exercise;
}

ReframeExerciseResponse *
reframe_exercise_runner_get_response (ReframeExerciseRunner *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RUNNER (self), NULL);
  return self->response;
}

int
reframe_exercise_runner_get_step (ReframeExerciseRunner *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RUNNER (self), 0);
  return self->step;
}

void
reframe_exercise_runner_set_step (ReframeExerciseRunner *self,
                                  int                    step)
{
  g_return_if_fail (REFRAME_IS_EXERCISE_RUNNER (self));
  g_return_if_fail (step >= REFRAME_EXERCISE_RUNNER_INTRO && step <= self->n_steps);

  if (step == self->step)
    return;

  show_step (self, step);
  reframe_exercise_runner_save (self);
}

GtkWidget *
reframe_exercise_runner_get_field (ReframeExerciseRunner *self,
                                   const char            *field_id)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RUNNER (self), NULL);
  g_return_val_if_fail (field_id != NULL, NULL);

  for (guint i = 0; i < self->page_fields->len; i++)
    {
      GPtrArray *fields = g_ptr_array_index (self->page_fields, i);

      for (guint j = 0; j < fields->len; j++)
        if (g_str_equal (reframe_step_field_get_field (g_ptr_array_index (fields, j))->id, field_id))
          return g_ptr_array_index (fields, j);
    }
  return NULL;
}

gboolean
reframe_exercise_runner_save (ReframeExerciseRunner *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (REFRAME_IS_EXERCISE_RUNNER (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (!self->dirty)
    return TRUE;

  /* A response is only created once the person has entered something. */
  if (reframe_exercise_response_get_uuid (self->response) == NULL &&
      !reframe_exercise_response_has_content (self->response))
    return TRUE;

  if (!reframe_exercise_store_save (self->store, self->response, &error))
    {
      /* Everything stays in the window; say so once, not on every pause in typing. */
      if (!self->error_shown)
        reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Save the Exercise"), error);
      self->error_shown = TRUE;
      return FALSE;
    }

  self->dirty = FALSE;
  self->error_shown = FALSE;
  return TRUE;
}
