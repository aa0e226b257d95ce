/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-exercises-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reframe-application.h"
#include "reframe-assignment-row.h"
#include "reframe-date.h"
#include "reframe-exercise-library.h"
#include "reframe-exercise-response-row.h"
#include "reframe-exercise-runner.h"
#include "reframe-exercises-page.h"
#include "reframe-questionnaire-chart.h"
#include "reframe-questionnaire.h"
#include "reframe-thought-record-dialog.h"
#include "reframe-thought-record-row.h"
#include "reframe-window.h"

/* Past records shown at first, and added by each “Show Older Records”. */
#define PAST_PAGE_SIZE 50

struct _ReframeExercisesPage
{
  AdwBin                      parent_instance;

  ReframeThoughtRecordStore  *store;
  ReframeThoughtRecordDialog *dialog;
  ReframeExerciseStore       *exercise_store;
  ReframeAssignmentStore     *assignment_store;
  ReframeExerciseRunner      *runner;
  /* The assignment the open runner's response is for, or NULL. */
  char                       *runner_assignment;
  guint                       reload_source;
  /* Read only while shown: a hidden page catches up when it is mapped. */
  gboolean                    stale;
  guint                       past_limit;
  GPtrArray                  *questionnaire_cards;  /* GtkWidget, one per questionnaire */

  /* Template widgets */
  GtkWidget                  *assignments_group;
  GtkListBox                 *assignments_list;
  GtkFlowBox                 *exercise_cards;
  GtkBox                     *questionnaire_box;
  GtkWidget                  *in_progress_group;
  GtkListBox                 *in_progress_list;
  GtkWidget                  *past_group;
  GtkListBox                 *past_list;
  GtkWidget                  *more_button;
  GtkWidget                  *empty_state;
};

G_DEFINE_FINAL_TYPE (ReframeExercisesPage, reframe_exercises_page, ADW_TYPE_BIN)

typedef struct
{
  GWeakRef              page;
  ReframeThoughtRecord *record;
} UndoData;

typedef struct
{
  GWeakRef                 page;
  ReframeExerciseResponse *response;
} UndoResponseData;

static void open_record   (ReframeExercisesPage    *self,
                           ReframeThoughtRecord    *record);
static void open_response (ReframeExercisesPage    *self,
                           ReframeExerciseResponse *response);

static void
undo_data_free (gpointer  data,
                GClosure *closure)
{
  UndoData *undo = data;

  g_weak_ref_clear (&undo->page);
  g_clear_object (&undo->record);
  g_free (undo);
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
undo_delete_cb (AdwToast *toast,
                UndoData *undo)
{
  g_autoptr(ReframeExercisesPage) self = g_weak_ref_get (&undo->page);
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->store == NULL)
    return;

  /* The same uuid and creation time: as if it had never gone. */
  if (!reframe_thought_record_store_save (self->store, undo->record, &error))
    reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Restore the Thought Record"), error);
}

static void
row_delete_cb (ReframeExercisesPage    *self,
               ReframeThoughtRecordRow *row)
{
  ReframeThoughtRecord *record = reframe_thought_record_row_get_record (row);
  g_autoptr(GError) error = NULL;
  UndoData *undo;
  AdwToast *toast;

  undo = g_new0 (UndoData, 1);
  g_weak_ref_init (&undo->page, self);
  undo->record = reframe_thought_record_copy (record);

  if (!reframe_thought_record_store_delete (self->store, reframe_thought_record_get_uuid (record),
                                            &error))
    {
      undo_data_free (undo, NULL);
      reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Delete the Thought Record"),
                                 error);
      return;
    }

  toast = adw_toast_new (_("Thought record deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete_cb), undo,
                         undo_data_free, 0);
  reframe_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
row_open_cb (ReframeExercisesPage    *self,
             ReframeThoughtRecordRow *row)
{
  ReframeThoughtRecord *listed = reframe_thought_record_row_get_record (row);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeThoughtRecord) record = NULL;

  /* Read it again: the list may be a moment behind. */
  record = reframe_thought_record_store_get (self->store, reframe_thought_record_get_uuid (listed),
                                             &error);
  if (record == NULL)
    {
      reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Open the Thought Record"), error);
      return;
    }

  open_record (self, record);
}

static void
undo_response_data_free (gpointer  data,
                         GClosure *closure)
{
  UndoResponseData *undo = data;

  g_weak_ref_clear (&undo->page);
  g_clear_object (&undo->response);
  g_free (undo);
}

static void
undo_response_delete_cb (AdwToast         *toast,
                         UndoResponseData *undo)
{
  g_autoptr(ReframeExercisesPage) self = g_weak_ref_get (&undo->page);
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->exercise_store == NULL)
    return;

  if (!reframe_exercise_store_save (self->exercise_store, undo->response, &error))
    reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Restore the Exercise"), error);
}

static void
response_row_delete_cb (ReframeExercisesPage       *self,
                        ReframeExerciseResponseRow *row)
{
  ReframeExerciseResponse *response = reframe_exercise_response_row_get_response (row);
  g_autoptr(GError) error = NULL;
  UndoResponseData *undo;
  AdwToast *toast;

  undo = g_new0 (UndoResponseData, 1);
  g_weak_ref_init (&undo->page, self);
  undo->response = reframe_exercise_response_copy (response);

  if (!reframe_exercise_store_delete (self->exercise_store,
                                      reframe_exercise_response_get_uuid (response), &error))
    {
      undo_response_data_free (undo, NULL);
      reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Delete the Exercise"), error);
      return;
    }

  toast = adw_toast_new (_("Exercise deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_response_delete_cb), undo,
                         undo_response_data_free, 0);
  reframe_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
response_row_open_cb (ReframeExercisesPage       *self,
                      ReframeExerciseResponseRow *row)
{
  ReframeExerciseResponse *listed = reframe_exercise_response_row_get_response (row);

  reframe_exercises_page_open_response (self, reframe_exercise_response_get_uuid (listed));
}

static void
row_activated_cb (ReframeExercisesPage *self,
                  GtkListBoxRow        *row)
{
  if (REFRAME_IS_THOUGHT_RECORD_ROW (row))
    row_open_cb (self, REFRAME_THOUGHT_RECORD_ROW (row));
}

static void
append_row (ReframeExercisesPage *self,
            GtkListBox           *list,
            ReframeThoughtRecord *record)
{
  GtkWidget *row = reframe_thought_record_row_new (record);

  g_signal_connect_object (row, "open", G_CALLBACK (row_open_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "delete", G_CALLBACK (row_delete_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (list, row);
}

/* Thought records and exercise responses in one list, newest first by when they were begun:
 * editing an old one does not move it. */
typedef struct
{
  GDateTime               *created;
  gboolean                 completed;
  ReframeThoughtRecord    *record;
  ReframeExerciseResponse *response;
  ReframeExercise         *exercise;
} ListItem;

static void
list_item_clear (ListItem *item)
{
  g_clear_object (&item->exercise);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  GDateTime *date_a = ((const ListItem *) a)->created;
  GDateTime *date_b = ((const ListItem *) b)->created;

  if (date_a == NULL || date_b == NULL)
    return (date_a == NULL) - (date_b == NULL);
  return g_date_time_compare (date_b, date_a);
}

static void
append_response_row (ReframeExercisesPage *self,
                     GtkListBox           *list,
                     ListItem             *item)
{
  GtkWidget *row = reframe_exercise_response_row_new (item->exercise, item->response);

  g_signal_connect_object (row, "open", G_CALLBACK (response_row_open_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "delete", G_CALLBACK (response_row_delete_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (list, row);
}

static void reload_questionnaires (ReframeExercisesPage *self,
                                   GPtrArray            *responses);

/* Assignments from a therapist: active ones first, then paused, then ended. */
static int
assignment_rank (ReframeAssignment *assignment,
                 const GDate       *today)
{
  if (reframe_assignment_is_finished (assignment, today))
    return 2;
  return reframe_assignment_get_paused (assignment) ? 1 : 0;
}

static void
reload_assignments (ReframeExercisesPage *self)
{
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  GDate today;

  clear_list (self->assignments_list);
  if (self->assignment_store == NULL)
    return;

  assignments = reframe_assignment_store_list (self->assignment_store, &error);
  if (assignments == NULL)
    {
      g_warning ("Could not list the assignments: %s", error->message);
      return;
    }
  reframe_assignment_date_of (now, &today);
  for (int rank = 0; rank <= 2; rank++)
    for (guint i = 0; i < assignments->len; i++)
      {
        ReframeAssignment *assignment = g_ptr_array_index (assignments, i);

        if (assignment_rank (assignment, &today) == rank)
          gtk_list_box_append (self->assignments_list,
                               reframe_assignment_row_new (assignment, &today));
      }
  gtk_widget_set_visible (self->assignments_group, assignments->len > 0);
}

static void
reload (ReframeExercisesPage *self)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (ListItem));
  g_autoptr(GError) error = NULL;
  guint in_progress = 0;
  guint past = 0;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_array_set_clear_func (items, (GDestroyNotify) list_item_clear);
  self->stale = FALSE;

  if (self->store == NULL)
    return;

  /* Records are small; even years of them read in a few milliseconds. */
  records = reframe_thought_record_store_list (self->store, 0, G_MAXUINT, &error);
  if (records == NULL)
    {
      g_warning ("Could not list thought records: %s", error->message);
      return;
    }
  for (guint i = 0; i < records->len; i++)
    {
      ReframeThoughtRecord *record = g_ptr_array_index (records, i);
      ListItem item = { reframe_thought_record_get_created_at (record),
                        reframe_thought_record_get_completed (record), record, NULL, NULL };

      g_array_append_val (items, item);
    }

  if (self->exercise_store != NULL)
    {
      responses = reframe_exercise_store_list (self->exercise_store, NULL, 0, G_MAXUINT, &error);
      if (responses == NULL)
        {
          g_warning ("Could not list exercises: %s", error->message);
          g_clear_error (&error);
        }
    }
  for (guint i = 0; responses != NULL && i < responses->len; i++)
    {
      ReframeExerciseResponse *response = g_ptr_array_index (responses, i);
      g_autoptr(GError) resolve_error = NULL;
      ListItem item = { reframe_exercise_response_get_created_at (response),
                        reframe_exercise_response_get_completed (response), NULL, response, NULL };

      item.exercise = reframe_exercise_library_resolve (response, &resolve_error);
      if (item.exercise == NULL)
        {
          g_warning ("Could not read the definition of exercise %s: %s",
                     reframe_exercise_response_get_uuid (response), resolve_error->message);
          continue;
        }
      g_array_append_val (items, item);
    }

  g_array_sort (items, compare_newest_first);

  clear_list (self->in_progress_list);
  clear_list (self->past_list);

  for (guint i = 0; i < items->len; i++)
    {
      ListItem *item = &g_array_index (items, ListItem, i);
      GtkListBox *list;

      if (!item->completed)
        {
          list = self->in_progress_list;
          in_progress++;
        }
      else if (past++ < self->past_limit)
        list = self->past_list;
      else
        continue;

      if (item->record != NULL)
        append_row (self, list, item->record);
      else
        append_response_row (self, list, item);
    }

  gtk_widget_set_visible (self->in_progress_group, in_progress > 0);
  gtk_widget_set_visible (self->past_group, past > 0);
  gtk_widget_set_visible (self->more_button, past > self->past_limit);
  gtk_widget_set_visible (self->empty_state, items->len == 0);

  reload_questionnaires (self, responses);
  reload_assignments (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  ReframeExercisesPage *self = user_data;

  self->reload_source = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->stale = TRUE;

  return G_SOURCE_REMOVE;
}

static void
queue_reload (ReframeExercisesPage *self)
{
  /* Before the next redraw, and once for a burst of changes. */
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reload_idle_cb, self, NULL);
}

static void
record_saved_cb (ReframeExercisesPage *self)
{
  queue_reload (self);
}

/* A response begun from an assignment is linked to it as soon as it is first stored. */
static void
response_saved_cb (ReframeExercisesPage    *self,
                   ReframeExerciseResponse *response,
                   gboolean                 created)
{
  queue_reload (self);

  if (self->runner == NULL || self->runner_assignment == NULL || self->assignment_store == NULL ||
      reframe_exercise_runner_get_response (self->runner) != response)
    return;

  if (created)
    {
      g_autoptr(GError) error = NULL;

      if (!reframe_assignment_store_link_response (self->assignment_store, self->runner_assignment,
                                                   reframe_exercise_response_get_uuid (response),
                                                   &error))
        g_warning ("Could not link the exercise to its assignment: %s", error->message);
    }
  else if (reframe_exercise_response_get_completed (response))
    /* Adherence and what is due change when it is completed. */
    g_signal_emit_by_name (self->assignment_store, "changed");
}

static void
record_deleted_cb (ReframeExercisesPage *self)
{
  queue_reload (self);
}

static void
more_clicked_cb (ReframeExercisesPage *self)
{
  self->past_limit += PAST_PAGE_SIZE;
  reload (self);
}

static void
open_record (ReframeExercisesPage *self,
             ReframeThoughtRecord *record)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->store == NULL)
    return;

  /* One at a time: the dialog is modal, so this only happens from outside the window. */
  if (self->dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->dialog));
      return;
    }

  self->dialog = reframe_thought_record_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                    self->store, record);
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

static void
present_runner (ReframeExercisesPage    *self,
                ReframeExercise         *exercise,
                ReframeExerciseResponse *response)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->exercise_store == NULL)
    return;

  /* One at a time: the runner is modal, so this only happens from outside the window. */
  if (self->runner != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->runner));
      return;
    }

  g_clear_pointer (&self->runner_assignment, g_free);
  self->runner = reframe_exercise_runner_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              self->exercise_store, exercise, response);
  g_object_add_weak_pointer (G_OBJECT (self->runner), (gpointer *) &self->runner);
  gtk_window_present (GTK_WINDOW (self->runner));
}

static void
open_response (ReframeExercisesPage    *self,
               ReframeExerciseResponse *response)
{
  g_autoptr(ReframeExercise) exercise = NULL;
  g_autoptr(GError) error = NULL;

  /* Shown with the definition it was given with, even if the exercise changed since. */
  exercise = reframe_exercise_library_resolve (response, &error);
  if (exercise == NULL)
    {
      reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Open the Exercise"), error);
      return;
    }
  present_runner (self, exercise, response);
}

/* Questionnaires: one card each, with the latest result and a chart of all of them. */

static void
reload_questionnaires (ReframeExercisesPage *self,
                       GPtrArray            *responses)
{
  for (guint i = 0; self->questionnaire_cards != NULL && i < self->questionnaire_cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (self->questionnaire_cards, i);
      ReframeExercise *questionnaire = g_object_get_data (G_OBJECT (card), "questionnaire");
      ReframeQuestionnaireChart *chart = g_object_get_data (G_OBJECT (card), "chart");
      GtkLabel *status = g_object_get_data (G_OBJECT (card), "status");
      const char *id = reframe_exercise_get_id (questionnaire);
      g_autoptr(GPtrArray) dates = g_ptr_array_new ();
      g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (int));
      ReframeExerciseResponse *latest = NULL;
      ReframeQuestionnaireResult latest_result = { 0, };

      for (guint j = 0; responses != NULL && j < responses->len; j++)
        {
          ReframeExerciseResponse *response = g_ptr_array_index (responses, j);
          g_autoptr(ReframeExercise) given = NULL;
          ReframeQuestionnaireResult result;

          if (!reframe_exercise_response_get_completed (response) ||
              g_strcmp0 (reframe_exercise_response_get_exercise_id (response), id) != 0 ||
              (given = reframe_exercise_library_resolve (response, NULL)) == NULL ||
              !reframe_questionnaire_score (given, reframe_exercise_response_get_answers (response),
                                            &result) ||
              !result.complete)
            continue;

          g_ptr_array_add (dates, reframe_exercise_response_get_created_at (response));
          g_array_append_val (scores, result.score);
          /* The list is newest first. */
          if (latest == NULL)
            {
              latest = response;
              latest_result = result;
            }
        }

      reframe_questionnaire_chart_set_results (chart, questionnaire, dates, scores);
      gtk_widget_set_visible (GTK_WIDGET (chart), dates->len > 0);

      if (latest != NULL)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *day = reframe_date_format_day (reframe_exercise_response_get_created_at (latest),
                                                          now);
          g_autofree char *text = NULL;

          /* Translators: the latest questionnaire result, e.g. “Latest: 8 of 27, mild · Today” */
          text = g_strdup_printf (_("Latest: %d of %d, %s · %s"), latest_result.score,
                                  reframe_exercise_get_questionnaire (questionnaire)->max_score,
                                  latest_result.band ? latest_result.band->label : "", day);
          gtk_label_set_text (status, text);
        }
      else
        gtk_label_set_text (status, reframe_exercise_get_summary (questionnaire));
    }
}

static GtkWidget *
add_questionnaire_card (ReframeExercisesPage *self,
                        ReframeExercise      *questionnaire)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (reframe_exercise_get_title (questionnaire));
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Start"));
  GtkWidget *chart = reframe_questionnaire_chart_new ();
  g_autofree char *name = g_strdup_printf ("%s-card", reframe_exercise_get_id (questionnaire));

  gtk_widget_set_name (card, name);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "questionnaire-card");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-4");
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), status);
  gtk_box_append (GTK_BOX (header), texts);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "exercises.start");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (reframe_exercise_get_id (questionnaire)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  reframe_exercise_get_title (questionnaire), -1);
  gtk_box_append (GTK_BOX (header), button);
  gtk_box_append (GTK_BOX (card), header);

  gtk_widget_set_visible (chart, FALSE);
  gtk_box_append (GTK_BOX (card), chart);

  g_object_set_data_full (G_OBJECT (card), "questionnaire", g_object_ref (questionnaire),
                          g_object_unref);
  g_object_set_data (G_OBJECT (card), "chart", chart);
  g_object_set_data (G_OBJECT (card), "status", status);
  gtk_box_append (self->questionnaire_box, card);
  g_ptr_array_add (self->questionnaire_cards, card);
  return card;
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  reframe_exercises_page_start_exercise (REFRAME_EXERCISES_PAGE (widget),
                                         g_variant_get_string (parameter, NULL));
}

static void
open_response_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  reframe_exercises_page_open_response (REFRAME_EXERCISES_PAGE (widget),
                                        g_variant_get_string (parameter, NULL));
}

static GtkWidget *
add_exercise_card (ReframeExercisesPage *self,
                   const char           *name,
                   const char           *icon_name,
                   const char           *title,
                   const char           *description,
                   const char           *source,
                   const char           *action_name,
                   GVariant             *action_target)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  GtkWidget *label;

  gtk_widget_set_name (button, name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (action_target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), action_target);
  /* Two columns when there is room: no card narrower than this. */
  gtk_widget_set_size_request (button, 280, -1);
  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "exercise-card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 24);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "exercise-icon");
  gtk_box_append (GTK_BOX (box), icon);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_START);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_widget_add_css_class (label, "title-4");
  gtk_box_append (GTK_BOX (texts), label);
  label = gtk_label_new (description);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* A modest natural width, so that two cards fit side by side when there is room. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_box_append (GTK_BOX (texts), label);
  label = gtk_label_new (source);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (texts), label);
  gtk_box_append (GTK_BOX (box), texts);

  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), arrow);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_flow_box_append (self->exercise_cards, button);
  /* The card is the focus stop, not the flow box's own child around it. */
  gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);

  return button;
}

static void
reframe_exercises_page_map (GtkWidget *widget)
{
  ReframeExercisesPage *self = REFRAME_EXERCISES_PAGE (widget);

  /* Before the page's first frame, so it never shows stale content. */
  if (self->stale)
    reload (self);

  GTK_WIDGET_CLASS (reframe_exercises_page_parent_class)->map (widget);
}

static void
reframe_exercises_page_dispose (GObject *object)
{
  ReframeExercisesPage *self = (ReframeExercisesPage *)object;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      self->dialog = NULL;
    }
  if (self->runner != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->runner), (gpointer *) &self->runner);
      self->runner = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (object), REFRAME_TYPE_EXERCISES_PAGE);
  g_clear_pointer (&self->questionnaire_cards, g_ptr_array_unref);
  g_clear_pointer (&self->runner_assignment, g_free);
  g_clear_object (&self->assignment_store);
  g_clear_object (&self->store);
  g_clear_object (&self->exercise_store);

  G_OBJECT_CLASS (reframe_exercises_page_parent_class)->dispose (object);
}

static void
reframe_exercises_page_class_init (ReframeExercisesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_exercises_page_dispose;
  widget_class->map = reframe_exercises_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/exercises/reframe-exercises-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, assignments_group);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, assignments_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, exercise_cards);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, questionnaire_box);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, in_progress_group);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, in_progress_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, past_group);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, past_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, empty_state);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);

  gtk_widget_class_install_action (widget_class, "exercises.start", "s", start_action);
  gtk_widget_class_install_action (widget_class, "exercises.open-response", "s",
                                   open_response_action);
}

static void
reframe_exercises_page_init (ReframeExercisesPage *self)
{
  ReframeApplication *app = REFRAME_IS_APPLICATION (g_application_get_default ())
                              ? REFRAME_APPLICATION_DEFAULT : NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->past_limit = PAST_PAGE_SIZE;

  /* The thought record first, then the exercises defined as data. */
  add_exercise_card (self, "thought-record-card", "reframe-thought-symbolic",
                     _("Thought Record"),
                     _("Catch a thought that upset you, weigh the evidence, and find a more "
                       "balanced view, in eight short steps."),
                     /* Translators: the sources of the exercise; titles stay as published */
                     _("From cognitive therapy: Beck (1979); Greenberger & Padesky, "
                       "“Mind Over Mood”."),
                     "win.new-thought-record", NULL);

  self->questionnaire_cards = g_ptr_array_new ();
  for (guint i = 0; i < reframe_exercise_library_get_all ()->len; i++)
    {
      ReframeExercise *exercise = g_ptr_array_index (reframe_exercise_library_get_all (), i);
      g_autofree char *name = g_strdup_printf ("%s-card", reframe_exercise_get_id (exercise));
      const GPtrArray *sources = reframe_exercise_get_sources (exercise);
      const ReframeExerciseSource *first = g_ptr_array_index (sources, 0);
      g_autofree char *source = NULL;
      const char *comma = strchr (first->citation, ',');
      const char *year = first->citation;

      /* The year is the first “(” followed by a digit. */
      while ((year = strchr (year, '(')) != NULL && !g_ascii_isdigit (year[1]))
        year++;

      if (reframe_exercise_is_questionnaire (exercise))
        {
          add_questionnaire_card (self, exercise);
          continue;
        }

      /* “Seligman et al. (2005)”: the first author and the year of the first source. */
      if (comma != NULL && year != NULL && year > comma)
        {
          g_autofree char *author = g_strndup (first->citation, comma - first->citation);
          g_autofree char *when = g_strndup (year, strcspn (year, ")") + 1);

          /* Translators: a short reference, e.g. “Based on Seligman et al. (2005)” */
          source = g_strdup_printf (sources->len > 1 || strstr (first->citation, "&") ||
                                    strstr (first->citation, "et al.")
                                      ? _("Based on %s et al. %s") : _("Based on %s %s"),
                                    author, when);
        }
      else
        source = g_strdup (first->citation);

      add_exercise_card (self, name, reframe_exercise_get_icon_name (exercise),
                         reframe_exercise_get_title (exercise),
                         reframe_exercise_get_summary (exercise), source,
                         "exercises.start",
                         g_variant_new_string (reframe_exercise_get_id (exercise)));
    }

  if (app != NULL && reframe_application_get_thought_record_store (app) != NULL)
    {
      self->store = g_object_ref (reframe_application_get_thought_record_store (app));
      g_signal_connect_object (self->store, "record-saved", G_CALLBACK (record_saved_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "record-deleted", G_CALLBACK (record_deleted_cb),
                               self, G_CONNECT_SWAPPED);
    }
  /* The application's store, shared with Today and the reminders. */
  if (app != NULL && reframe_application_get_exercise_store (app) != NULL)
    {
      self->exercise_store = g_object_ref (reframe_application_get_exercise_store (app));
      g_signal_connect_object (self->exercise_store, "response-saved",
                               G_CALLBACK (response_saved_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->exercise_store, "response-deleted",
                               G_CALLBACK (record_deleted_cb), self, G_CONNECT_SWAPPED);
    }

  if (app != NULL && reframe_application_get_assignment_store (app) != NULL)
    {
      self->assignment_store = g_object_ref (reframe_application_get_assignment_store (app));
      g_signal_connect_object (self->assignment_store, "changed", G_CALLBACK (record_saved_cb),
                               self, G_CONNECT_SWAPPED);
    }

  /* Nothing is read until the page is first shown: the window's first frame should not wait
   * for a page the person may not open. */
  self->stale = TRUE;
}

void
reframe_exercises_page_new_thought_record (ReframeExercisesPage *self)
{
  g_return_if_fail (REFRAME_IS_EXERCISES_PAGE (self));

  open_record (self, NULL);
}

void
reframe_exercises_page_open_thought_record (ReframeExercisesPage *self,
                                            const char           *uuid)
{
  g_autoptr(ReframeThoughtRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (REFRAME_IS_EXERCISES_PAGE (self));
  g_return_if_fail (uuid != NULL);

  if (self->store == NULL)
    return;

  if (self->dialog != NULL &&
      g_strcmp0 (uuid, reframe_thought_record_get_uuid (
                         reframe_thought_record_dialog_get_record (self->dialog))) == 0)
    {
      gtk_window_present (GTK_WINDOW (self->dialog));
      return;
    }

  record = reframe_thought_record_store_get (self->store, uuid, &error);
  if (record == NULL)
    {
      reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Open the Thought Record"), error);
      return;
    }

  open_record (self, record);
}

void
reframe_exercises_page_start_exercise (ReframeExercisesPage *self,
                                       const char           *exercise_id)
{
  ReframeExercise *exercise;

  g_return_if_fail (REFRAME_IS_EXERCISES_PAGE (self));
  g_return_if_fail (exercise_id != NULL);

  exercise = reframe_exercise_library_lookup (exercise_id);
  if (exercise == NULL)
    {
      g_warning ("There is no exercise “%s”", exercise_id);
      return;
    }
  present_runner (self, exercise, NULL);
}

void
reframe_exercises_page_open_response (ReframeExercisesPage *self,
                                      const char           *uuid)
{
  g_autoptr(ReframeExerciseResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (REFRAME_IS_EXERCISES_PAGE (self));
  g_return_if_fail (uuid != NULL);

  if (self->exercise_store == NULL)
    return;

  if (self->runner != NULL &&
      g_strcmp0 (uuid, reframe_exercise_response_get_uuid (
                         reframe_exercise_runner_get_response (self->runner))) == 0)
    {
      gtk_window_present (GTK_WINDOW (self->runner));
      return;
    }

  /* Read it again: the list may be a moment behind. */
  response = reframe_exercise_store_get (self->exercise_store, uuid, &error);
  if (response == NULL)
    {
      reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Open the Exercise"), error);
      return;
    }
  open_response (self, response);
}

ReframeExerciseStore *
reframe_exercises_page_get_exercise_store (ReframeExercisesPage *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISES_PAGE (self), NULL);
  return self->exercise_store;
}

void
reframe_exercises_page_start_assignment (ReframeExercisesPage *self,
                                         const char           *uuid)
{
  g_autoptr(ReframeAssignment) assignment = NULL;
  g_autoptr(ReframeExercise) exercise = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unfinished = NULL;
  const char *definition;

  g_return_if_fail (REFRAME_IS_EXERCISES_PAGE (self));
  g_return_if_fail (uuid != NULL);

  if (self->assignment_store == NULL || self->exercise_store == NULL)
    return;
  if (self->runner != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->runner));
      return;
    }

  assignment = reframe_assignment_store_get (self->assignment_store, uuid, &error);
  if (assignment == NULL)
    {
      reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Open the Exercise"), error);
      return;
    }

  /* Carry on with one begun for it and not finished. */
  unfinished = reframe_assignment_store_find_unfinished (self->assignment_store, uuid);
  if (unfinished != NULL)
    {
      reframe_exercises_page_open_response (self, unfinished);
      return;
    }

  definition = reframe_assignment_get_definition_json (assignment);
  if (definition != NULL)
    exercise = reframe_exercise_new_from_data (definition, -1, REFRAME_EXERCISE_PARSE_DEFAULT, &error);
  else if (reframe_exercise_library_lookup (reframe_assignment_get_exercise_id (assignment)) != NULL)
    exercise = g_object_ref (reframe_exercise_library_lookup (reframe_assignment_get_exercise_id (assignment)));
  else
    g_set_error (&error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND,
                 "There is no exercise “%s” in this version of Reframe",
                 reframe_assignment_get_exercise_id (assignment));
  if (exercise == NULL)
    {
      reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Open the Exercise"), error);
      return;
    }

  present_runner (self, exercise, NULL);
  if (self->runner != NULL)
    self->runner_assignment = g_strdup (uuid);
}
