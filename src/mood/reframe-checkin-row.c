/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-checkin-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "reframe-checkin-row.h"
#include "reframe-date.h"

struct _ReframeCheckinRow
{
  GtkListBoxRow   parent_instance;

  ReframeCheckin *checkin;

  /* Template widgets */
  GtkLabel       *badge;
  GtkLabel       *mood_label;
  GtkLabel       *time_label;
  GtkLabel       *emotions_label;
  GtkLabel       *details_label;
  GtkLabel       *note_label;
};

G_DEFINE_FINAL_TYPE (ReframeCheckinRow, reframe_checkin_row, GTK_TYPE_LIST_BOX_ROW)

char *
reframe_format_sleep_hours (double hours)
{
  if (fabs (hours - round (hours)) < 0.01)
    /* Translators: hours slept, a whole number, e.g. "7 h" */
    return g_strdup_printf (_("%d h"), (int) round (hours));

  /* Translators: hours slept, e.g. "7.5 h" */
  return g_strdup_printf (_("%.1f h"), hours);
}

static void
set_optional_label (GtkLabel   *label,
                    const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static char *
dup_emotions_text (ReframeCheckin *checkin)
{
  GPtrArray *emotions = reframe_checkin_get_emotions (checkin);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < emotions->len; i++)
    {
      const ReframeEmotionRating *rating = g_ptr_array_index (emotions, i);

      if (i > 0)
        /* Translators: separates emotions in a list, e.g. "Sad, Tired" */
        g_string_append (text, _(", "));
      g_string_append (text, reframe_emotions_get_name (rating->emotion));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dup_details_text (ReframeCheckin *checkin)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char * const *activities = reframe_checkin_get_activities (checkin);
  int energy = reframe_checkin_get_energy (checkin);
  int anxiety = reframe_checkin_get_anxiety (checkin);
  double sleep = reframe_checkin_get_sleep_hours (checkin);

  if (activities != NULL && activities[0] != NULL)
    /* Translators: separates activities, e.g. "Work, Friends" */
    g_ptr_array_add (parts, g_strjoinv (_(", "), (char **) activities));
  if (energy >= 0)
    /* Translators: energy on a 0–10 scale in the check-in history, e.g. "Energy 6" */
    g_ptr_array_add (parts, g_strdup_printf (_("Energy %d"), energy));
  if (anxiety >= 0)
    /* Translators: anxiety on a 0–10 scale in the check-in history, e.g. "Anxiety 3" */
    g_ptr_array_add (parts, g_strdup_printf (_("Anxiety %d"), anxiety));
  if (sleep >= 0)
    {
      g_autofree char *hours = reframe_format_sleep_hours (sleep);

      /* Translators: hours slept in the check-in history, e.g. "Slept 7.5 h" */
      g_ptr_array_add (parts, g_strdup_printf (_("Slept %s"), hours));
    }

  g_ptr_array_add (parts, NULL);
  /* Translators: separates the parts of a check-in's details, e.g. "Work · Energy 6" */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static char *
dup_note_preview (const char *note)
{
  g_autofree char *collapsed = g_strdup (note);

  /* Two lines of flowing text show more than the note's first two short lines would. */
  for (char *p = collapsed; *p != '\0'; p++)
    if (*p == '\n' || *p == '\t' || *p == '\r')
      *p = ' ';

  return g_strstrip (g_steal_pointer (&collapsed));
}

static void
update (ReframeCheckinRow *self)
{
  ReframeCheckin *checkin = self->checkin;
  guint mood = reframe_checkin_get_mood (checkin);
  g_autofree char *number = g_strdup_printf ("%u", mood);
  g_autofree char *mood_class = g_strdup_printf ("mood-%u", mood);
  g_autofree char *time = reframe_date_format_time (reframe_checkin_get_recorded_at (checkin));
  g_autofree char *emotions = dup_emotions_text (checkin);
  g_autofree char *details = dup_details_text (checkin);
  g_autofree char *note = dup_note_preview (reframe_checkin_get_note (checkin));
  g_autoptr(GString) accessible = g_string_new (NULL);
  const char *label = reframe_mood_get_label (mood);
  const char *parts[] = { emotions, details, note };

  gtk_label_set_label (self->badge, number);
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), mood_class);
  gtk_label_set_label (self->mood_label, label);
  gtk_label_set_label (self->time_label, time);
  set_optional_label (self->emotions_label, emotions);
  set_optional_label (self->details_label, details);
  set_optional_label (self->note_label, note);

  /* Translators: what a screen reader says first for a check-in in the history, e.g.
   * "14:05, mood 7 of 10, Good." The emotions, details and note follow. */
  g_string_append_printf (accessible, _("%s, mood %u of 10, %s."), time, mood, label);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (*parts[i] != '\0')
      g_string_append_printf (accessible, " %s.", parts[i]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str,
                                  -1);
}

static void
reframe_checkin_row_dispose (GObject *object)
{
  ReframeCheckinRow *self = (ReframeCheckinRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_CHECKIN_ROW);
  g_clear_object (&self->checkin);

  G_OBJECT_CLASS (reframe_checkin_row_parent_class)->dispose (object);
}

static void
reframe_checkin_row_class_init (ReframeCheckinRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_checkin_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/mood/reframe-checkin-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinRow, badge);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinRow, mood_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinRow, emotions_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinRow, note_label);
}

static void
reframe_checkin_row_init (ReframeCheckinRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
reframe_checkin_row_new (ReframeCheckin *checkin)
{
  ReframeCheckinRow *self;

  g_return_val_if_fail (REFRAME_IS_CHECKIN (checkin), NULL);

  self = g_object_new (REFRAME_TYPE_CHECKIN_ROW, NULL);
  self->checkin = g_object_ref (checkin);
  update (self);

  return GTK_WIDGET (self);
}

ReframeCheckin *
reframe_checkin_row_get_checkin (ReframeCheckinRow *self)
{
  g_return_val_if_fail (REFRAME_IS_CHECKIN_ROW (self), NULL);

  return self->checkin;
}
