/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-exercise-response-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reframe-date.h"
#include "reframe-exercise-response-row.h"
#include "reframe-questionnaire.h"

struct _ReframeExerciseResponseRow
{
  GtkListBoxRow            parent_instance;

  ReframeExerciseResponse *response;
};

G_DEFINE_FINAL_TYPE (ReframeExerciseResponseRow, reframe_exercise_response_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  OPEN,
  DELETE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
row_label (const char *text,
           const char *first_class,
           const char *second_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (first_class != NULL)
    gtk_widget_add_css_class (label, first_class);
  if (second_class != NULL)
    gtk_widget_add_css_class (label, second_class);
  return label;
}

/* The first thing written, as a reminder of what this one was about. */
static char *
first_text (ReframeExercise *exercise,
            JsonObject      *answers)
{
  g_autoptr(GPtrArray) fields = reframe_exercise_dup_fields (exercise);

  for (guint i = 0; i < fields->len; i++)
    {
      const ReframeField *field = g_ptr_array_index (fields, i);
      g_autofree char *text = NULL;

      if (field->type != REFRAME_FIELD_SHORT_TEXT && field->type != REFRAME_FIELD_LONG_TEXT &&
          field->type != REFRAME_FIELD_LIST)
        continue;
      text = reframe_exercise_format_answer (exercise, field, answers,
                                             json_object_get_member (answers, field->id));
      if (*text != '\0')
        {
          /* One line: the first row of a list, without its bullet. */
          char *newline = strchr (text, '\n');

          if (newline != NULL)
            *newline = '\0';
          return g_strdup (g_str_has_prefix (text, "• ") ? text + strlen ("• ") : text);
        }
    }
  return NULL;
}

static void
open_clicked_cb (ReframeExerciseResponseRow *self)
{
  g_signal_emit (self, signals[OPEN], 0);
}

static void
delete_clicked_cb (ReframeExerciseResponseRow *self)
{
  g_signal_emit (self, signals[DELETE], 0);
}

static void
reframe_exercise_response_row_activate (GtkListBoxRow *row)
{
  g_signal_emit (row, signals[OPEN], 0);
}

static void
reframe_exercise_response_row_dispose (GObject *object)
{
  ReframeExerciseResponseRow *self = (ReframeExerciseResponseRow *)object;

  g_clear_object (&self->response);

  G_OBJECT_CLASS (reframe_exercise_response_row_parent_class)->dispose (object);
}

static void
reframe_exercise_response_row_class_init (ReframeExerciseResponseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkListBoxRowClass *row_class = GTK_LIST_BOX_ROW_CLASS (klass);

  object_class->dispose = reframe_exercise_response_row_dispose;
  row_class->activate = reframe_exercise_response_row_activate;

  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DELETE] = g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
reframe_exercise_response_row_init (ReframeExerciseResponseRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
}

GtkWidget *
reframe_exercise_response_row_new (ReframeExercise         *exercise,
                                   ReframeExerciseResponse *response)
{
  ReframeExerciseResponseRow *self;
  JsonObject *answers = reframe_exercise_response_get_answers (response);
  gboolean completed = reframe_exercise_response_get_completed (response);
  GDateTime *created = reframe_exercise_response_get_created_at (response);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = NULL;
  g_autofree char *detail = NULL;
  GtkWidget *box;
  GtkWidget *texts;
  GtkWidget *icon;
  GtkWidget *button;
  GtkWidget *label;

  g_return_val_if_fail (REFRAME_IS_EXERCISE (exercise), NULL);
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE (response), NULL);

  self = g_object_new (REFRAME_TYPE_EXERCISE_RESPONSE_ROW, NULL);
  self->response = g_object_ref (response);

  if (created != NULL)
    {
      g_autofree char *day = reframe_date_format_day (created, now);
      g_autofree char *time = reframe_date_format_time (created);

      /* Translators: a day and a time, e.g. “Yesterday, 14:05” */
      when = g_strdup_printf (_("%s, %s"), day, time);
    }
  if (!completed)
    {
      guint n_steps = reframe_exercise_get_n_steps (exercise);
      guint step = MIN (reframe_exercise_response_get_step (response) + 1, n_steps);
      g_autofree char *progress = g_strdup_printf (reframe_exercise_is_questionnaire (exercise)
                                                     ? _("Question %u of %u") : _("Step %u of %u"),
                                                   step, n_steps);
      char *joined = when ? g_strdup_printf (_("%s · %s"), when, progress) : g_strdup (progress);

      g_free (when);
      when = joined;
    }

  if (reframe_exercise_is_questionnaire (exercise))
    {
      ReframeQuestionnaireResult result;

      reframe_questionnaire_score (exercise, answers, &result);
      if (result.complete)
        /* Translators: a questionnaire result, e.g. “8 of 27 · Mild” */
        detail = g_strdup_printf (_("%d of %d · %s"), result.score,
                                  reframe_exercise_get_questionnaire (exercise)->max_score,
                                  result.band ? result.band->label : "");
    }
  else
    detail = first_text (exercise, answers);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);

  icon = gtk_image_new_from_icon_name (reframe_exercise_get_icon_name (exercise)
                                         ? reframe_exercise_get_icon_name (exercise)
                                         : "emblem-documents-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (icon, "exercise-row-icon");
  gtk_box_append (GTK_BOX (box), icon);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  if (when != NULL)
    {
      label = row_label (when, "caption", "dim-label");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (texts), label);
    }
  label = row_label (reframe_exercise_get_title (exercise), "heading", NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (texts), label);
  if (detail != NULL && *detail != '\0')
    {
      label = row_label (detail, "dim-label", NULL);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (texts), label);
    }
  gtk_box_append (GTK_BOX (box), texts);

  if (!completed)
    {
      button = gtk_button_new_with_mnemonic (_("_Resume"));
      gtk_widget_set_name (button, "resume-button");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (open_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_name (button, "delete-button");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Delete"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-next-symbolic",
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_box_append (GTK_BOX (box), icon);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  return GTK_WIDGET (self);
}

ReframeExerciseResponse *
reframe_exercise_response_row_get_response (ReframeExerciseResponseRow *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE_RESPONSE_ROW (self), NULL);
  return self->response;
}
