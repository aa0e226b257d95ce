/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-exercises-page"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-application.h"
#include "reframe-exercises-page.h"
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
  guint                       reload_source;
  guint                       past_limit;

  /* Template widgets */
  GtkBox                     *exercise_cards;
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

static void open_record (ReframeExercisesPage *self,
                         ReframeThoughtRecord *record);

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

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  GDateTime *date_a = reframe_thought_record_get_created_at (*(ReframeThoughtRecord **) a);
  GDateTime *date_b = reframe_thought_record_get_created_at (*(ReframeThoughtRecord **) b);

  if (date_a == NULL || date_b == NULL)
    return (date_a == NULL) - (date_b == NULL);
  return g_date_time_compare (date_b, date_a);
}

static void
reload (ReframeExercisesPage *self)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint in_progress = 0;
  guint past = 0;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (self->store == NULL)
    return;

  /* Records are small; even years of them read in a few milliseconds. */
  records = reframe_thought_record_store_list (self->store, 0, G_MAXUINT, &error);
  if (records == NULL)
    {
      g_warning ("Could not list thought records: %s", error->message);
      return;
    }

  /* Newest first by when they were written: editing an old record does not move it. */
  g_ptr_array_sort (records, compare_newest_first);

  clear_list (self->in_progress_list);
  clear_list (self->past_list);

  for (guint i = 0; i < records->len; i++)
    {
      ReframeThoughtRecord *record = g_ptr_array_index (records, i);

      if (!reframe_thought_record_get_completed (record))
        {
          append_row (self, self->in_progress_list, record);
          in_progress++;
        }
      else if (past++ < self->past_limit)
        {
          append_row (self, self->past_list, record);
        }
    }

  gtk_widget_set_visible (self->in_progress_group, in_progress > 0);
  gtk_widget_set_visible (self->past_group, past > 0);
  gtk_widget_set_visible (self->more_button, past > self->past_limit);
  gtk_widget_set_visible (self->empty_state, records->len == 0);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  ReframeExercisesPage *self = user_data;

  self->reload_source = 0;
  reload (self);

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

static GtkWidget *
add_exercise_card (ReframeExercisesPage *self,
                   const char           *name,
                   const char           *icon_name,
                   const char           *title,
                   const char           *description,
                   const char           *source,
                   const char           *action_name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  GtkWidget *label;

  gtk_widget_set_name (button, name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
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
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-4");
  gtk_box_append (GTK_BOX (texts), label);
  label = gtk_label_new (description);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (texts), label);
  label = gtk_label_new (source);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (texts), label);
  gtk_box_append (GTK_BOX (box), texts);

  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), arrow);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_box_append (self->exercise_cards, button);

  return button;
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

  gtk_widget_dispose_template (GTK_WIDGET (object), REFRAME_TYPE_EXERCISES_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (reframe_exercises_page_parent_class)->dispose (object);
}

static void
reframe_exercises_page_class_init (ReframeExercisesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_exercises_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/exercises/reframe-exercises-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, exercise_cards);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, in_progress_group);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, in_progress_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, past_group);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, past_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeExercisesPage, empty_state);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
}

static void
reframe_exercises_page_init (ReframeExercisesPage *self)
{
  ReframeApplication *app = REFRAME_IS_APPLICATION (g_application_get_default ())
                              ? REFRAME_APPLICATION_DEFAULT : NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->past_limit = PAST_PAGE_SIZE;

  /* Later exercises add their cards here, after the thought record. */
  add_exercise_card (self, "thought-record-card", "reframe-thought-symbolic",
                     _("Thought Record"),
                     _("Catch a thought that upset you, weigh the evidence, and find a more "
                       "balanced view, in eight short steps."),
                     /* Translators: the sources of the exercise; titles stay as published */
                     _("From cognitive therapy: Beck (1979); Greenberger & Padesky, "
                       "“Mind Over Mood”."),
                     "win.new-thought-record");

  if (app != NULL && reframe_application_get_thought_record_store (app) != NULL)
    {
      self->store = g_object_ref (reframe_application_get_thought_record_store (app));
      g_signal_connect_object (self->store, "record-saved", G_CALLBACK (record_saved_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "record-deleted", G_CALLBACK (record_deleted_cb),
                               self, G_CONNECT_SWAPPED);
    }

  reload (self);
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
