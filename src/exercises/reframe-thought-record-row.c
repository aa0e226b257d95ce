/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-thought-record-row"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-date.h"
#include "reframe-thought-record-format.h"
#include "reframe-thought-record-row.h"

struct _ReframeThoughtRecordRow
{
  GtkListBoxRow         parent_instance;

  ReframeThoughtRecord *record;

  /* Template widgets */
  GtkLabel             *date_label;
  GtkLabel             *title_label;
  GtkLabel             *hot_label;
  GtkLabel             *emotions_label;
  GtkWidget            *resume_button;
  GtkWidget            *delete_button;
  GtkWidget            *arrow;
};

G_DEFINE_FINAL_TYPE (ReframeThoughtRecordRow, reframe_thought_record_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  OPEN,
  DELETE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
resume_clicked_cb (ReframeThoughtRecordRow *self)
{
  g_signal_emit (self, signals[OPEN], 0);
}

static void
delete_clicked_cb (ReframeThoughtRecordRow *self)
{
  g_signal_emit (self, signals[DELETE], 0);
}

static char *
format_when (GDateTime *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (date == NULL)
    return g_strdup ("");

  day = reframe_date_format_day (date, now);
  time = reframe_date_format_time (date);
  /* Translators: a day and a time, e.g. “Yesterday, 14:05” */
  return g_strdup_printf (_("%s, %s"), day, time);
}

static void
reframe_thought_record_row_dispose (GObject *object)
{
  ReframeThoughtRecordRow *self = (ReframeThoughtRecordRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_THOUGHT_RECORD_ROW);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (reframe_thought_record_row_parent_class)->dispose (object);
}

static void
reframe_thought_record_row_class_init (ReframeThoughtRecordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_thought_record_row_dispose;

  signals[OPEN] =
    g_signal_new ("open",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[DELETE] =
    g_signal_new ("delete",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/exercises/reframe-thought-record-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordRow, hot_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordRow, emotions_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordRow, resume_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordRow, arrow);
  gtk_widget_class_bind_template_callback (widget_class, resume_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

static void
reframe_thought_record_row_init (ReframeThoughtRecordRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
reframe_thought_record_row_new (ReframeThoughtRecord *record)
{
  ReframeThoughtRecordRow *self;
  gboolean completed;
  const ReframeAutomaticThought *hot;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *emotions = NULL;
  g_autofree char *hot_text = NULL;
  g_autofree char *delete_tooltip = NULL;

  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (record), NULL);

  self = g_object_new (REFRAME_TYPE_THOUGHT_RECORD_ROW, NULL);
  self->record = g_object_ref (record);
  completed = reframe_thought_record_get_completed (record);

  title = reframe_thought_record_format_title (record);
  gtk_label_set_text (self->title_label, title ? title : _("Untitled thought record"));

  /* The hot thought under the situation, unless it already is the title. */
  hot = reframe_thought_record_get_hot_thought (record);
  if (hot != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (hot->text));

      if (g_strcmp0 (stripped, title) != 0)
        /* Translators: a thought in quotation marks */
        hot_text = g_strdup_printf (_("“%s”"), stripped);
    }
  gtk_label_set_text (self->hot_label, hot_text ? hot_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hot_label), hot_text != NULL);

  emotions = reframe_thought_record_format_emotions (record);
  gtk_label_set_text (self->emotions_label, emotions);
  gtk_widget_set_visible (GTK_WIDGET (self->emotions_label), *emotions != '\0');

  when = format_when (reframe_thought_record_get_created_at (record));
  if (completed)
    {
      date = g_steal_pointer (&when);
    }
  else
    {
      ReframeThoughtRecordStep step = reframe_thought_record_get_step (record);

      /* Translators: an unfinished thought record, e.g.
       * “Step 4 of 8: Thinking Traps · Yesterday, 14:05” */
      date = g_strdup_printf (_("Step %u of %u: %s · %s"), (guint) step + 1,
                              (guint) REFRAME_THOUGHT_RECORD_N_STEPS,
                              reframe_thought_record_step_title (step), when);
    }
  gtk_label_set_text (self->date_label, date);

  gtk_widget_set_visible (self->resume_button, !completed);
  gtk_widget_set_visible (self->arrow, completed);

  /* Translators: tooltip of a delete button; %s is a thought record's title */
  delete_tooltip = g_strdup_printf (_("Delete “%s”"),
                                    title ? title : _("Untitled thought record"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_tooltip,
                                  -1);

  return GTK_WIDGET (self);
}

ReframeThoughtRecord *
reframe_thought_record_row_get_record (ReframeThoughtRecordRow *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD_ROW (self), NULL);
  return self->record;
}
