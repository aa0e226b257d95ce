/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-checkin-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "reframe-application.h"
#include "reframe-checkin-dialog.h"
#include "reframe-chip.h"
#include "reframe-date.h"
#include "reframe-emotion-picker.h"
#include "reframe-feedback-panel.h"
#include "reframe-mood-scale.h"
#include "reframe-util.h"
#include "reframe-window.h"
#include "reframe-wrap-box.h"

struct _ReframeCheckinDialog
{
  AdwWindow             parent_instance;

  ReframeCheckin       *original;       /* NULL for a new check-in */
  ReframeCheckin       *initial_state;  /* what the window opened with, to spot changes */
  int                   initial_mood;
  GDateTime            *recorded_at;
  GHashTable           *activity_chips; /* casefolded text → ReframeChip */
  gboolean              updating_time;
  gboolean              close_confirmed;
  char                 *new_uuid;       /* a new check-in's UUID, given at once for feedback */

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkWidget            *save_button;
  GtkLabel             *mood_badge;
  GtkLabel             *mood_word;
  ReframeMoodScale     *mood_scale;
  ReframeEmotionPicker *emotion_picker;
  ReframeMoodScale     *energy_scale;
  GtkWidget            *energy_clear_button;
  ReframeMoodScale     *anxiety_scale;
  GtkWidget            *anxiety_clear_button;
  AdwActionRow         *sleep_row;
  GtkSpinButton        *sleep_spin;
  GtkAdjustment        *sleep_adjustment;
  GtkWidget            *sleep_clear_button;
  ReframeWrapBox       *activities_flow;
  AdwEntryRow          *add_activity_row;
  GtkTextView          *note_view;
  AdwActionRow         *time_row;
  GtkCalendar          *calendar;
  GtkSpinButton        *hour_spin;
  GtkSpinButton        *minute_spin;
  GtkWidget            *delete_button;
  ReframeFeedbackPanel *feedback_panel;
};

G_DEFINE_FINAL_TYPE (ReframeCheckinDialog, reframe_checkin_dialog, ADW_TYPE_WINDOW)

static ReframeMoodStore *
get_store (void)
{
  return reframe_application_get_mood_store (REFRAME_APPLICATION_DEFAULT);
}

/* Mood */

static void
update_mood_display (ReframeCheckinDialog *self)
{
  int mood = reframe_mood_scale_get_value (self->mood_scale);

  for (guint i = 0; i <= 10; i++)
    {
      g_autofree char *class_name = g_strdup_printf ("mood-%u", i);
      gtk_widget_remove_css_class (GTK_WIDGET (self->mood_badge), class_name);
    }

  if (mood >= 0)
    {
      g_autofree char *number = g_strdup_printf ("%d", mood);
      g_autofree char *class_name = g_strdup_printf ("mood-%d", mood);

      gtk_label_set_label (self->mood_badge, number);
      gtk_widget_add_css_class (GTK_WIDGET (self->mood_badge), class_name);
      gtk_label_set_label (self->mood_word, reframe_mood_get_label (mood));
      gtk_widget_remove_css_class (GTK_WIDGET (self->mood_word), "dim-label");
    }
  else
    {
      gtk_label_set_label (self->mood_badge, "?");
      gtk_label_set_label (self->mood_word, _("Pick a number from 0 to 10"));
      gtk_widget_add_css_class (GTK_WIDGET (self->mood_word), "dim-label");
    }

  /* A check-in is its mood; everything else is optional. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.save", mood >= 0);
}

static void
mood_changed_cb (ReframeCheckinDialog *self)
{
  update_mood_display (self);
}

/* Energy and anxiety */

static void
update_clear_buttons (ReframeCheckinDialog *self)
{
  gtk_widget_set_visible (self->energy_clear_button,
                          reframe_mood_scale_get_value (self->energy_scale) >= 0);
  gtk_widget_set_visible (self->anxiety_clear_button,
                          reframe_mood_scale_get_value (self->anxiety_scale) >= 0);
}

static void
energy_clear_clicked_cb (ReframeCheckinDialog *self)
{
  reframe_mood_scale_set_value (self->energy_scale, REFRAME_MOOD_SCALE_UNSET);
}

static void
anxiety_clear_clicked_cb (ReframeCheckinDialog *self)
{
  reframe_mood_scale_set_value (self->anxiety_scale, REFRAME_MOOD_SCALE_UNSET);
}

/* Sleep: the adjustment runs from -0.5, which stands for "not recorded". */

static double
get_sleep_hours (ReframeCheckinDialog *self)
{
  double value = gtk_adjustment_get_value (self->sleep_adjustment);

  return value < 0 ? -1 : value;
}

static void
update_sleep_row (ReframeCheckinDialog *self)
{
  gboolean recorded = get_sleep_hours (self) >= 0;

  adw_action_row_set_subtitle (self->sleep_row, recorded ? "" : _("Not recorded"));
  gtk_widget_set_visible (self->sleep_clear_button, recorded);
}

static gboolean
sleep_output_cb (GtkSpinButton        *spin,
                 ReframeCheckinDialog *self)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = NULL;

  if (value < 0)
    /* Translators: shown in the hours-slept field when no sleep is recorded */
    text = g_strdup (C_("sleep", "—"));
  else if (fabs (value - round (value)) < 0.01)
    text = g_strdup_printf ("%d", (int) round (value));
  else
    text = g_strdup_printf ("%.1f", value);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
sleep_input_cb (GtkSpinButton        *spin,
                double               *new_value,
                ReframeCheckinDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  char *end = NULL;
  double value;

  if (*text == '\0' || g_str_equal (text, C_("sleep", "—")) || g_str_equal (text, "-"))
    {
      *new_value = -0.5;
      return TRUE;
    }

  /* Accept a decimal comma as well as a point. */
  g_strdelimit (text, ",", '.');
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || value < 0 || value > 24)
    return GTK_INPUT_ERROR;

  *new_value = round (value * 2) / 2;
  return TRUE;
}

static void
sleep_changed_cb (ReframeCheckinDialog *self)
{
  update_sleep_row (self);
}

static void
sleep_clear_clicked_cb (ReframeCheckinDialog *self)
{
  gtk_adjustment_set_value (self->sleep_adjustment, -0.5);
}

/* Activities */

static GtkWidget *
add_activity_chip (ReframeCheckinDialog *self,
                   const char           *text)
{
  g_autofree char *key = g_utf8_casefold (text, -1);
  g_autofree char *name = NULL;
  GtkWidget *chip;

  chip = g_hash_table_lookup (self->activity_chips, key);
  if (chip != NULL)
    return chip;

  chip = reframe_chip_new (text, NULL);
  name = g_strdup_printf ("activity-%s", text);
  gtk_widget_set_name (chip, name);
  reframe_wrap_box_append (self->activities_flow, chip);
  g_hash_table_insert (self->activity_chips, g_steal_pointer (&key), chip);

  return chip;
}

static void
populate_activities (ReframeCheckinDialog *self,
                     const char * const   *selected)
{
  g_auto(GStrv) used = reframe_mood_store_list_activities (get_store ());
  const char * const *defaults = reframe_emotions_get_default_activities ();

  /* The suggestions keep their places; the person's own follow, most used first. */
  for (guint i = 0; defaults != NULL && defaults[i] != NULL; i++)
    add_activity_chip (self, defaults[i]);
  for (guint i = 0; used != NULL && used[i] != NULL; i++)
    add_activity_chip (self, used[i]);
  for (guint i = 0; selected != NULL && selected[i] != NULL; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (add_activity_chip (self, selected[i])),
                                  TRUE);
}

static char **
dup_activities (ReframeCheckinDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (self->activities_flow));
       chip != NULL;
       chip = gtk_widget_get_next_sibling (chip))
    {
      if (REFRAME_IS_CHIP (chip) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (chip)))
        g_strv_builder_add (builder, reframe_chip_get_text (REFRAME_CHIP (chip)));
    }

  return g_strv_builder_end (builder);
}

static void
add_activity_apply_cb (ReframeCheckinDialog *self)
{
  g_autofree char *text = NULL;
  GtkWidget *chip;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_activity_row))));
  if (*text == '\0')
    return;

  chip = add_activity_chip (self, text);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->add_activity_row), "");
}

/* Note */

static char *
dup_note (ReframeCheckinDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Feedback on the note */

static void
update_feedback_action (ReframeCheckinDialog *self)
{
  g_autofree char *note = dup_note (self);

  g_strstrip (note);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.get-feedback",
                                 note[0] != '\0' &&
                                 !reframe_feedback_panel_get_busy (self->feedback_panel));
}

static const char *
get_uuid (ReframeCheckinDialog *self)
{
  return self->original != NULL ? reframe_checkin_get_uuid (self->original) : self->new_uuid;
}

/* The note is what feedback is about; the mood and emotions are context for it. */
static char *
build_feedback_text (ReframeCheckinDialog *self)
{
  g_autoptr(GPtrArray) emotions = reframe_emotion_picker_dup_ratings (self->emotion_picker);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *note = g_strstrip (dup_note (self));
  int mood = reframe_mood_scale_get_value (self->mood_scale);

  if (mood >= 0)
    /* Translators: context sent with a check-in note, e.g. “Mood: 3 out of 10 (Low)” */
    g_string_append_printf (text, _("Mood: %d out of 10 (%s)"), mood, reframe_mood_get_label (mood));
  if (emotions->len > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: followed by a list of emotions and their strength */
      g_string_append (text, _("Feelings:"));
      for (guint i = 0; i < emotions->len; i++)
        {
          const ReframeEmotionRating *rating = g_ptr_array_index (emotions, i);

          g_string_append_printf (text, i == 0 ? " %s (%d)" : ", %s (%d)",
                                  reframe_emotions_get_name (rating->emotion), rating->intensity);
        }
    }
  if (text->len > 0)
    g_string_append (text, "\n\n");
  /* Translators: followed by the person's check-in note */
  g_string_append_printf (text, "%s\n%s", _("Note:"), note);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
request_feedback (ReframeCheckinDialog *self)
{
  g_autofree char *text = NULL;
  g_autofree char *note = g_strstrip (dup_note (self));

  if (note[0] == '\0' || reframe_feedback_panel_get_busy (self->feedback_panel))
    return;

  text = build_feedback_text (self);
  reframe_feedback_panel_request (self->feedback_panel, get_uuid (self), text);
}

static void
feedback_requested_cb (ReframeCheckinDialog *self)
{
  request_feedback (self);
}

static void
get_feedback_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  request_feedback (REFRAME_CHECKIN_DIALOG (widget));
}

static void
feedback_busy_cb (ReframeCheckinDialog *self)
{
  update_feedback_action (self);
}

static void
forget_unsaved_feedback (ReframeCheckinDialog *self)
{
  ReframeFeedbackStore *store = reframe_feedback_panel_get_store ();
  g_autoptr(GError) error = NULL;

  /* Feedback on a check-in that was never saved would belong to nothing. */
  if (self->original != NULL || store == NULL)
    return;
  if (!reframe_feedback_store_delete_for_record (store, self->new_uuid, &error))
    g_warning ("Could not delete the feedback on a discarded check-in: %s", error->message);
}

/* Time */

static void
update_time_row (ReframeCheckinDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (g_date_time_get_timezone (self->recorded_at));
  g_autofree char *day = reframe_date_format_day (self->recorded_at, now);
  g_autofree char *time = reframe_date_format_time (self->recorded_at);
  g_autofree char *text = NULL;

  /* Translators: when a check-in was made, e.g. "Today, 14:05" */
  text = g_strdup_printf (_("%s, %s"), day, time);
  adw_action_row_set_subtitle (self->time_row, text);

  if (self->original != NULL)
    adw_window_title_set_subtitle (self->window_title, text);
}

static void
sync_time_popover (ReframeCheckinDialog *self)
{
  self->updating_time = TRUE;
  gtk_calendar_select_day (self->calendar, self->recorded_at);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (self->recorded_at));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (self->recorded_at));
  self->updating_time = FALSE;
}

static void
time_popover_show_cb (ReframeCheckinDialog *self)
{
  sync_time_popover (self);
}

static void
time_changed_cb (ReframeCheckinDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) recorded_at = NULL;

  if (self->updating_time || self->recorded_at == NULL)
    return;

  day = gtk_calendar_get_date (self->calendar);
  /* Keep the offset the check-in was made in; a new one uses the local zone. */
  recorded_at = g_date_time_new (g_date_time_get_timezone (self->recorded_at),
                                 g_date_time_get_year (day),
                                 g_date_time_get_month (day),
                                 g_date_time_get_day_of_month (day),
                                 gtk_spin_button_get_value_as_int (self->hour_spin),
                                 gtk_spin_button_get_value_as_int (self->minute_spin),
                                 0);
  if (recorded_at == NULL)
    return;

  reframe_set_date_time (&self->recorded_at, recorded_at);
  update_time_row (self);
}

static void
now_clicked_cb (ReframeCheckinDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  reframe_set_date_time (&self->recorded_at, now);
  sync_time_popover (self);
  update_time_row (self);
}

static gboolean
two_digit_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

/* The whole check-in */

static ReframeCheckin *
build_checkin (ReframeCheckinDialog *self)
{
  ReframeCheckin *checkin;
  g_autoptr(GPtrArray) emotions = reframe_emotion_picker_dup_ratings (self->emotion_picker);
  g_auto(GStrv) activities = dup_activities (self);
  g_autofree char *note = dup_note (self);
  int mood = reframe_mood_scale_get_value (self->mood_scale);

  if (self->original != NULL)
    checkin = reframe_checkin_copy (self->original);
  else
    {
      checkin = reframe_checkin_new (self->recorded_at, MAX (mood, 0));
      reframe_checkin_set_uuid (checkin, self->new_uuid);
    }

  reframe_checkin_set_recorded_at (checkin, self->recorded_at);
  reframe_checkin_set_mood (checkin, MAX (mood, 0));
  reframe_checkin_set_energy (checkin, reframe_mood_scale_get_value (self->energy_scale));
  reframe_checkin_set_anxiety (checkin, reframe_mood_scale_get_value (self->anxiety_scale));
  reframe_checkin_set_sleep_hours (checkin, get_sleep_hours (self));
  reframe_checkin_set_emotions (checkin, emotions);
  reframe_checkin_set_activities (checkin, (const char * const *) activities);
  reframe_checkin_set_note (checkin, note);

  return checkin;
}

static gboolean
checkins_equal (ReframeCheckin *a,
                ReframeCheckin *b)
{
  GPtrArray *emotions_a = reframe_checkin_get_emotions (a);
  GPtrArray *emotions_b = reframe_checkin_get_emotions (b);

  if (reframe_checkin_get_mood (a) != reframe_checkin_get_mood (b) ||
      reframe_checkin_get_energy (a) != reframe_checkin_get_energy (b) ||
      reframe_checkin_get_anxiety (a) != reframe_checkin_get_anxiety (b) ||
      fabs (reframe_checkin_get_sleep_hours (a) - reframe_checkin_get_sleep_hours (b)) > 0.01 ||
      g_strcmp0 (reframe_checkin_get_note (a), reframe_checkin_get_note (b)) != 0 ||
      !g_strv_equal ((const char * const *) reframe_checkin_get_activities (a),
                     (const char * const *) reframe_checkin_get_activities (b)) ||
      !g_date_time_equal (reframe_checkin_get_recorded_at (a), reframe_checkin_get_recorded_at (b)) ||
      emotions_a->len != emotions_b->len)
    return FALSE;

  for (guint i = 0; i < emotions_a->len; i++)
    {
      const ReframeEmotionRating *ra = g_ptr_array_index (emotions_a, i);
      const ReframeEmotionRating *rb = g_ptr_array_index (emotions_b, i);

      if (g_strcmp0 (ra->emotion, rb->emotion) != 0 || ra->intensity != rb->intensity)
        return FALSE;
    }

  return TRUE;
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ReframeCheckinDialog *self = REFRAME_CHECKIN_DIALOG (widget);
  g_autoptr(ReframeCheckin) checkin = NULL;
  g_autoptr(GError) error = NULL;

  if (reframe_mood_scale_get_value (self->mood_scale) < 0)
    return;

  checkin = build_checkin (self);
  if (!reframe_mood_store_save (get_store (), checkin, &error))
    {
      /* Everything entered stays in the window for another try. */
      reframe_widget_show_error (widget, _("Could Not Save the Check-in"), error);
      return;
    }

  reframe_widget_add_toast (widget, adw_toast_new (self->original != NULL
                                                   ? _("Check-in updated")
                                                   : _("Check-in saved")));
  self->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
undo_delete_cb (AdwToast       *toast,
                ReframeCheckin *checkin)
{
  ReframeFeedbackStore *feedback = reframe_feedback_panel_get_store ();
  g_autoptr(GError) error = NULL;

  if (!reframe_mood_store_save (get_store (), checkin, &error) ||
      (feedback != NULL &&
       !reframe_feedback_store_restore (feedback, g_object_get_data (G_OBJECT (toast), "answers"),
                                        &error)))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (REFRAME_APPLICATION_DEFAULT));

      if (window != NULL)
        reframe_widget_show_error (GTK_WIDGET (window), _("Could Not Restore the Check-in"), error);
      else
        g_warning ("Could not restore the check-in: %s", error->message);
    }
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ReframeCheckinDialog *self = REFRAME_CHECKIN_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self->original == NULL)
    return;

  if (!reframe_mood_store_delete (get_store (), reframe_checkin_get_uuid (self->original), &error))
    {
      reframe_widget_show_error (widget, _("Could Not Delete the Check-in"), error);
      return;
    }

  toast = adw_toast_new (_("Check-in deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  /* Feedback holds the person's words too: it goes with the check-in, back on Undo. */
  if (reframe_feedback_panel_get_store () != NULL)
    {
      GPtrArray *answers = reframe_feedback_store_take_for_record (reframe_feedback_panel_get_store (),
                                                                   reframe_checkin_get_uuid (self->original),
                                                                   &error);
      if (answers != NULL)
        g_object_set_data_full (G_OBJECT (toast), "answers", answers,
                                (GDestroyNotify) g_ptr_array_unref);
      else
        g_warning ("Could not delete the feedback on a deleted check-in: %s", error->message);
      g_clear_error (&error);
    }
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* Undo puts back the check-in as it was stored, under the same UUID. */
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete_cb),
                         reframe_checkin_copy (self->original),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  reframe_widget_add_toast (widget, toast);

  self->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
discard_response_cb (AdwMessageDialog     *dialog,
                     const char           *response,
                     ReframeCheckinDialog *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* The message dialog closes itself after this; it must not outlive its parent's link. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  forget_unsaved_feedback (self);
  self->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
reframe_checkin_dialog_close_request (GtkWindow *window)
{
  ReframeCheckinDialog *self = REFRAME_CHECKIN_DIALOG (window);
  GtkWidget *dialog;

  if (self->close_confirmed || !reframe_checkin_dialog_is_modified (self))
    return GTK_WINDOW_CLASS (reframe_checkin_dialog_parent_class)->close_request (window);

  /* Never drop what the person entered without asking. */
  if (self->original != NULL)
    dialog = adw_message_dialog_new (window, _("Discard Changes?"),
                                     _("Your changes to this check-in will be lost."));
  else
    dialog = adw_message_dialog_new (window, _("Discard This Check-in?"),
                                     _("What you entered will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
reframe_checkin_dialog_dispose (GObject *object)
{
  ReframeCheckinDialog *self = (ReframeCheckinDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_CHECKIN_DIALOG);

  G_OBJECT_CLASS (reframe_checkin_dialog_parent_class)->dispose (object);
}

static void
reframe_checkin_dialog_finalize (GObject *object)
{
  ReframeCheckinDialog *self = (ReframeCheckinDialog *)object;

  g_clear_object (&self->original);
  g_clear_object (&self->initial_state);
  g_clear_pointer (&self->new_uuid, g_free);
  g_clear_pointer (&self->recorded_at, g_date_time_unref);
  g_clear_pointer (&self->activity_chips, g_hash_table_unref);

  G_OBJECT_CLASS (reframe_checkin_dialog_parent_class)->finalize (object);
}

static void
reframe_checkin_dialog_class_init (ReframeCheckinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = reframe_checkin_dialog_dispose;
  object_class->finalize = reframe_checkin_dialog_finalize;
  window_class->close_request = reframe_checkin_dialog_close_request;

  g_type_ensure (REFRAME_TYPE_MOOD_SCALE);
  g_type_ensure (REFRAME_TYPE_EMOTION_PICKER);
  g_type_ensure (REFRAME_TYPE_WRAP_BOX);
  g_type_ensure (REFRAME_TYPE_FEEDBACK_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/mood/reframe-checkin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, mood_badge);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, mood_word);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, mood_scale);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, emotion_picker);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, energy_scale);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, energy_clear_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, anxiety_scale);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, anxiety_clear_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, sleep_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, sleep_spin);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, sleep_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, sleep_clear_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, activities_flow);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, add_activity_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, delete_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeCheckinDialog, feedback_panel);
  gtk_widget_class_bind_template_callback (widget_class, feedback_requested_cb);

  gtk_widget_class_bind_template_callback (widget_class, mood_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, energy_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, anxiety_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_clear_buttons);
  gtk_widget_class_bind_template_callback (widget_class, sleep_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, sleep_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, sleep_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sleep_clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_activity_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, now_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, two_digit_output_cb);

  gtk_widget_class_install_action (widget_class, "checkin.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "checkin.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "checkin.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "checkin.get-feedback", NULL, get_feedback_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "checkin.cancel", NULL);
}

static void
reframe_checkin_dialog_init (ReframeCheckinDialog *self)
{
  GtkEventController *controller;
  GtkShortcutTrigger *trigger;

  self->activity_chips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->initial_mood = REFRAME_MOOD_SCALE_UNSET;

  gtk_widget_init_template (GTK_WIDGET (self));

  reframe_feedback_panel_set_show_intro (self->feedback_panel, FALSE);
  g_signal_connect_object (self->feedback_panel, "notify::busy", G_CALLBACK (feedback_busy_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (update_feedback_action), self, G_CONNECT_SWAPPED);

  /* Ctrl+Enter saves from anywhere, the note included: the capture phase runs before the
   * text view would take the key as a new line. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  trigger = gtk_alternative_trigger_new (
    gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
    gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK),
                                 gtk_keyval_trigger_new (GDK_KEY_ISO_Enter, GDK_CONTROL_MASK)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("checkin.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

ReframeCheckinDialog *
reframe_checkin_dialog_new (GtkWindow      *parent,
                            ReframeCheckin *checkin,
                            int             mood)
{
  ReframeCheckinDialog *self;
  g_autoptr(GDateTime) now = NULL;
  GtkWidget *focus;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (checkin == NULL || REFRAME_IS_CHECKIN (checkin), NULL);

  self = g_object_new (REFRAME_TYPE_CHECKIN_DIALOG,
                       "transient-for", parent,
                       NULL);

  if (checkin != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);

      self->original = reframe_checkin_copy (checkin);
      self->recorded_at = g_date_time_ref (reframe_checkin_get_recorded_at (checkin));
      mood = reframe_checkin_get_mood (checkin);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Check-in"));
      adw_window_title_set_title (self->window_title, _("Edit Check-in"));
      gtk_widget_set_visible (self->delete_button, TRUE);

      reframe_emotion_picker_set_ratings (self->emotion_picker,
                                          reframe_checkin_get_emotions (checkin));
      reframe_mood_scale_set_value (self->energy_scale, reframe_checkin_get_energy (checkin));
      reframe_mood_scale_set_value (self->anxiety_scale, reframe_checkin_get_anxiety (checkin));
      gtk_adjustment_set_value (self->sleep_adjustment,
                                reframe_checkin_get_sleep_hours (checkin) < 0
                                ? -0.5 : reframe_checkin_get_sleep_hours (checkin));
      gtk_text_buffer_set_text (buffer, reframe_checkin_get_note (checkin), -1);
      populate_activities (self, reframe_checkin_get_activities (checkin));
    }
  else
    {
      self->new_uuid = reframe_database_new_uuid ();
      now = g_date_time_new_now_local ();
      /* Whole minutes: the time shown is the time saved. */
      self->recorded_at = g_date_time_add_seconds (now, -g_date_time_get_seconds (now));
      populate_activities (self, NULL);
    }

  if (mood >= 0)
    reframe_mood_scale_set_value (self->mood_scale, MIN (mood, 10));
  self->initial_mood = reframe_mood_scale_get_value (self->mood_scale);

  update_mood_display (self);
  update_clear_buttons (self);
  update_sleep_row (self);
  sleep_output_cb (self->sleep_spin, self);
  update_time_row (self);
  sync_time_popover (self);

  self->initial_state = build_checkin (self);

  reframe_feedback_panel_set_record_uuid (self->feedback_panel, get_uuid (self));
  update_feedback_action (self);

  focus = reframe_mood_scale_get_button (self->mood_scale,
                                        self->initial_mood >= 0 ? self->initial_mood : 5);
  gtk_window_set_focus (GTK_WINDOW (self), focus);

  return self;
}

ReframeCheckin *
reframe_checkin_dialog_get_checkin (ReframeCheckinDialog *self)
{
  g_return_val_if_fail (REFRAME_IS_CHECKIN_DIALOG (self), NULL);

  return self->original;
}

gboolean
reframe_checkin_dialog_is_modified (ReframeCheckinDialog *self)
{
  g_autoptr(ReframeCheckin) current = NULL;

  g_return_val_if_fail (REFRAME_IS_CHECKIN_DIALOG (self), FALSE);

  if (self->initial_state == NULL)
    return FALSE;
  if (reframe_mood_scale_get_value (self->mood_scale) != self->initial_mood)
    return TRUE;

  current = build_checkin (self);
  return !checkins_equal (current, self->initial_state) ||
         *gtk_editable_get_text (GTK_EDITABLE (self->add_activity_row)) != '\0';
}
