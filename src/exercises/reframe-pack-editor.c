/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-pack-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-exercise-library.h"
#include "reframe-pack-editor.h"
#include "reframe-window.h"

#define MAX_CUSTOM_STEPS 12

struct _ReframePackEditor
{
  AdwWindow        parent_instance;

  GPtrArray       *assignments;  /* ReframeAssignment, in order */
  GPtrArray       *custom;       /* ReframeExercise written here */
  GPtrArray       *steps;        /* StepWidgets of the builder */
  GCancellable    *cancellable;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *pages;
  AdwEntryRow     *name_row;
  AdwEntryRow     *contact_row;
  GtkTextView     *message_view;
  GtkListBox      *assignments_list;
  GtkWidget       *export_button;
  GMenu           *library_section;
  AdwEntryRow     *custom_title_row;
  GtkTextView     *custom_intro_view;
  GtkBox          *custom_steps_box;
};

G_DEFINE_FINAL_TYPE (ReframePackEditor, reframe_pack_editor, ADW_TYPE_WINDOW)

/* The field types the builder offers, in the order of its drop-down. */
static const struct
{
  ReframeFieldType  type;
  const char       *label;
} step_types[] = {
  { REFRAME_FIELD_LONG_TEXT, N_("A few lines of text") },
  { REFRAME_FIELD_SHORT_TEXT, N_("A short answer") },
  { REFRAME_FIELD_SCALE, N_("A rating from 0 to 10") },
  { REFRAME_FIELD_SLIDER, N_("A percentage") },
  { REFRAME_FIELD_EMOTIONS, N_("Emotions and how strong") },
  { REFRAME_FIELD_THINKING_TRAPS, N_("Thinking traps") },
  { REFRAME_FIELD_DATE_TIME, N_("A date and time") },
};

typedef struct
{
  GtkWidget   *group;
  AdwEntryRow *title_row;
  AdwEntryRow *question_row;
  AdwComboRow *type_row;
  GtkTextView *text_view;
} StepWidgets;

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/* Assignment rows */

typedef struct
{
  ReframePackEditor *editor;
  ReframeAssignment *assignment;
  AdwExpanderRow    *row;
  GtkWidget         *times_row;
  GtkWidget         *end_row;
  GtkWidget         *end_button;
  GtkWidget         *end_switch;
  GtkMenuButton     *start_button;
  GtkCalendar       *end_calendar;
  GtkWidget         *time_button;
  GtkWidget         *hour_spin;
  GtkWidget         *minute_spin;
  GtkWidget         *reminder_switch;
  GtkWidget         *guidance_row;
} RowData;

static void
row_data_free (RowData *data)
{
  g_clear_object (&data->assignment);
  g_free (data);
}

static char *
format_day (const GDate *date)
{
  char buffer[64];

  /* Translators: a day picked in the pack editor, e.g. “Tue, 3 Mar 2026”; see strftime */
  if (g_date_strftime (buffer, sizeof buffer, _("%a, %-d %b %Y"), date) == 0)
    return g_strdup ("");
  return g_strdup (buffer);
}

static void
update_row (RowData *data)
{
  ReframeAssignment *assignment = data->assignment;
  ReframeFrequency frequency = reframe_assignment_get_frequency (assignment);
  const GDate *end = reframe_assignment_get_end (assignment);
  g_autofree char *schedule = reframe_assignment_describe_schedule (assignment);
  g_autofree char *start_label = format_day (reframe_assignment_get_start (assignment));
  gboolean reminder = reframe_assignment_get_reminder (assignment) != REFRAME_ASSIGNMENT_NO_REMINDER;

  adw_expander_row_set_subtitle (data->row, schedule);
  gtk_menu_button_set_label (data->start_button, start_label);
  gtk_widget_set_visible (data->times_row, frequency == REFRAME_FREQUENCY_WEEKLY);
  gtk_widget_set_visible (data->end_row, frequency != REFRAME_FREQUENCY_ONCE);
  gtk_widget_set_sensitive (data->end_button, end != NULL);
  if (end != NULL)
    {
      g_autofree char *end_label = format_day (end);

      gtk_menu_button_set_label (GTK_MENU_BUTTON (data->end_button), end_label);
    }
  else
    gtk_menu_button_set_label (GTK_MENU_BUTTON (data->end_button), _("No end"));
  {
    g_autofree char *time = g_strdup_printf ("%02d:%02d",
                                             gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (data->hour_spin)),
                                             gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (data->minute_spin)));

    gtk_menu_button_set_label (GTK_MENU_BUTTON (data->time_button), time);
  }
  gtk_widget_set_sensitive (data->time_button, reminder);
  gtk_widget_set_sensitive (data->guidance_row, reframe_assignment_get_ai_feedback (assignment));
}

static void
instructions_changed_cb (GtkEditable *editable,
                         RowData     *data)
{
  reframe_assignment_set_instructions (data->assignment, gtk_editable_get_text (editable));
}

static void
guidance_changed_cb (GtkEditable *editable,
                     RowData     *data)
{
  reframe_assignment_set_ai_guidance (data->assignment, gtk_editable_get_text (editable));
}

static void
frequency_changed_cb (AdwComboRow *combo,
                      GParamSpec  *pspec,
                      RowData     *data)
{
  reframe_assignment_set_frequency (data->assignment, adw_combo_row_get_selected (combo));
  update_row (data);
}

static void
times_changed_cb (GtkSpinButton *spin,
                  RowData       *data)
{
  reframe_assignment_set_times_per_week (data->assignment, gtk_spin_button_get_value_as_int (spin));
  update_row (data);
}

static void
date_of_calendar (GtkCalendar *calendar,
                  GDate       *date)
{
  g_autoptr(GDateTime) selected = gtk_calendar_get_date (calendar);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (selected), g_date_time_get_month (selected),
                  g_date_time_get_year (selected));
}

static void
start_selected_cb (GtkCalendar *calendar,
                   RowData     *data)
{
  const GDate *end = reframe_assignment_get_end (data->assignment);
  GDate start;

  date_of_calendar (calendar, &start);
  reframe_assignment_set_start (data->assignment, &start);
  /* The end never comes before the start. */
  if (end != NULL && g_date_compare (end, &start) < 0)
    reframe_assignment_set_end (data->assignment, &start);
  gtk_popover_popdown (gtk_menu_button_get_popover (data->start_button));
  update_row (data);
}

static void
end_selected_cb (GtkCalendar *calendar,
                 RowData     *data)
{
  GDate end;

  date_of_calendar (calendar, &end);
  if (g_date_compare (&end, reframe_assignment_get_start (data->assignment)) < 0)
    end = *reframe_assignment_get_start (data->assignment);
  reframe_assignment_set_end (data->assignment, &end);
  gtk_popover_popdown (gtk_menu_button_get_popover (GTK_MENU_BUTTON (data->end_button)));
  update_row (data);
}

static void
end_switch_cb (GtkSwitch  *toggle,
               GParamSpec *pspec,
               RowData    *data)
{
  if (gtk_switch_get_active (toggle))
    {
      GDate end = *reframe_assignment_get_start (data->assignment);

      /* Four weeks is a common stretch between sessions. */
      g_date_add_days (&end, 27);
      reframe_assignment_set_end (data->assignment, &end);
    }
  else
    reframe_assignment_set_end (data->assignment, NULL);
  update_row (data);
}

static void
reminder_changed_cb (RowData *data)
{
  if (!gtk_switch_get_active (GTK_SWITCH (data->reminder_switch)))
    reframe_assignment_set_reminder (data->assignment, REFRAME_ASSIGNMENT_NO_REMINDER);
  else
    reframe_assignment_set_reminder (data->assignment,
                                     gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (data->hour_spin)) * 60 +
                                     gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (data->minute_spin)));
  update_row (data);
}

static gboolean
two_digits_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
ai_switch_cb (GtkSwitch  *toggle,
              GParamSpec *pspec,
              RowData    *data)
{
  reframe_assignment_set_ai_feedback (data->assignment, gtk_switch_get_active (toggle));
  update_row (data);
}

static void
remove_clicked_cb (GtkButton *button,
                   RowData   *data)
{
  ReframePackEditor *self = data->editor;
  g_autoptr(ReframeAssignment) assignment = g_object_ref (data->assignment);

  g_ptr_array_remove (self->assignments, assignment);
  /* An exercise written here goes when nothing uses it any more. */
  if (reframe_assignment_get_definition_json (assignment) != NULL)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < self->assignments->len; i++)
        used |= g_strcmp0 (reframe_assignment_get_exercise_id (g_ptr_array_index (self->assignments, i)),
                           reframe_assignment_get_exercise_id (assignment)) == 0;
      for (guint i = 0; !used && i < self->custom->len; i++)
        if (g_str_equal (reframe_exercise_get_id (g_ptr_array_index (self->custom, i)),
                         reframe_assignment_get_exercise_id (assignment)))
          {
            g_ptr_array_remove_index (self->custom, i);
            break;
          }
    }
  gtk_list_box_remove (self->assignments_list, GTK_WIDGET (data->row));
}

static GtkWidget *
add_switch_row (AdwExpanderRow *row,
                const char     *title,
                const char     *subtitle,
                gboolean        active)
{
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), toggle);
  adw_expander_row_add_row (row, action_row);
  return toggle;
}

static GtkMenuButton *
create_date_button (RowData      *data,
                    const GDate  *date,
                    GCallback     selected_cb,
                    GtkCalendar **calendar_out)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();
  g_autoptr(GDateTime) day = NULL;

  if (date != NULL)
    {
      day = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                   g_date_get_day (date), 12, 0, 0);
      gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
    }
  g_signal_connect (calendar, "day-selected", selected_cb, data);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (calendar_out != NULL)
    *calendar_out = GTK_CALENDAR (calendar);
  return GTK_MENU_BUTTON (button);
}

static GtkWidget *
create_spin (int min,
             int max,
             int step,
             int value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), max >= 23);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  return spin;
}

static GtkWidget *
create_assignment_row (ReframePackEditor *self,
                       ReframeAssignment *assignment)
{
  RowData *data = g_new0 (RowData, 1);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *entry;
  GtkWidget *combo;
  GtkWidget *action_row;
  GtkWidget *spin;
  GtkWidget *remove;
  g_autoptr(GtkStringList) frequencies = NULL;
  int reminder = reframe_assignment_get_reminder (assignment);
  ReframeExercise *builtin = reframe_exercise_library_lookup (reframe_assignment_get_exercise_id (assignment));

  data->editor = self;
  data->assignment = g_object_ref (assignment);
  data->row = ADW_EXPANDER_ROW (row);
  g_object_set_data_full (G_OBJECT (row), "row-data", data, (GDestroyNotify) row_data_free);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reframe_assignment_get_title (assignment));
  adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (row),
                                  builtin && reframe_exercise_get_icon_name (builtin)
                                    ? reframe_exercise_get_icon_name (builtin)
                                    : "document-edit-symbolic");

  entry = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Instructions for Your Client"));
  if (reframe_assignment_get_instructions (assignment) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), reframe_assignment_get_instructions (assignment));
  g_signal_connect (entry, "changed", G_CALLBACK (instructions_changed_cb), data);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);

  frequencies = gtk_string_list_new ((const char *[]) { _("Once"), _("Every day"),
                                                        _("Some days a week"), NULL });
  combo = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("How Often"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (frequencies));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), reframe_assignment_get_frequency (assignment));
  g_signal_connect (combo, "notify::selected", G_CALLBACK (frequency_changed_cb), data);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), combo);

  data->times_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->times_row), _("Times a Week"));
  spin = create_spin (1, 7, 1, reframe_assignment_get_times_per_week (assignment));
  g_signal_connect (spin, "value-changed", G_CALLBACK (times_changed_cb), data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (data->times_row), spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), data->times_row);

  action_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), _("Starts"));
  data->start_button = create_date_button (data, reframe_assignment_get_start (assignment),
                                           G_CALLBACK (start_selected_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), GTK_WIDGET (data->start_button));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), action_row);

  data->end_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->end_row), _("Ends"));
  data->end_switch = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (data->end_switch), reframe_assignment_get_end (assignment) != NULL);
  gtk_widget_set_valign (data->end_switch, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->end_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Has an end"), -1);
  g_signal_connect (data->end_switch, "notify::active", G_CALLBACK (end_switch_cb), data);
  data->end_button = GTK_WIDGET (create_date_button (data, reframe_assignment_get_end (assignment),
                                                     G_CALLBACK (end_selected_cb),
                                                     &data->end_calendar));
  adw_action_row_add_suffix (ADW_ACTION_ROW (data->end_row), data->end_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (data->end_row), data->end_switch);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), data->end_row);

  data->reminder_switch = add_switch_row (ADW_EXPANDER_ROW (row), _("Reminder"),
                                          _("On the days it is due"),
                                          reminder != REFRAME_ASSIGNMENT_NO_REMINDER);
  action_row = gtk_widget_get_ancestor (data->reminder_switch, ADW_TYPE_ACTION_ROW);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), NULL);
  /* A time button that opens two spin buttons stays narrow enough for a phone. */
  data->hour_spin = create_spin (0, 23, 1, reminder >= 0 ? reminder / 60 : 19);
  data->minute_spin = create_spin (0, 59, 5, reminder >= 0 ? reminder % 60 : 0);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (data->hour_spin), GTK_ORIENTATION_VERTICAL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (data->minute_spin), GTK_ORIENTATION_VERTICAL);
  {
    GtkWidget *popover = gtk_popover_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_box_append (GTK_BOX (box), data->hour_spin);
    gtk_box_append (GTK_BOX (box), gtk_label_new (":"));
    gtk_box_append (GTK_BOX (box), data->minute_spin);
    gtk_popover_set_child (GTK_POPOVER (popover), box);
    data->time_button = gtk_menu_button_new ();
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (data->time_button), popover);
    gtk_widget_set_valign (data->time_button, GTK_ALIGN_CENTER);
    gtk_accessible_update_property (GTK_ACCESSIBLE (data->time_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Reminder time"), -1);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->hour_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Hour"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->minute_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Minute"), -1);
  g_signal_connect (data->hour_spin, "output", G_CALLBACK (two_digits_cb), NULL);
  g_signal_connect (data->minute_spin, "output", G_CALLBACK (two_digits_cb), NULL);
  g_signal_connect_swapped (data->hour_spin, "value-changed", G_CALLBACK (reminder_changed_cb), data);
  g_signal_connect_swapped (data->minute_spin, "value-changed", G_CALLBACK (reminder_changed_cb), data);
  g_signal_connect_swapped (data->reminder_switch, "notify::active", G_CALLBACK (reminder_changed_cb),
                            data);
  gtk_widget_insert_before (data->time_button, gtk_widget_get_parent (data->reminder_switch),
                            data->reminder_switch);

  g_signal_connect (add_switch_row (ADW_EXPANDER_ROW (row), _("AI Feedback Welcome"),
                                    _("Your client may ask Reframe’s feedback coach about their "
                                      "answers, if they use it"),
                                    reframe_assignment_get_ai_feedback (assignment)),
                    "notify::active", G_CALLBACK (ai_switch_cb), data);

  data->guidance_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->guidance_row),
                                 _("Guidance for the Coach"));
  if (reframe_assignment_get_ai_guidance (assignment) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (data->guidance_row),
                           reframe_assignment_get_ai_guidance (assignment));
  gtk_widget_set_tooltip_text (data->guidance_row,
                               _("For example: focus on evidence against the thought; keep it brief"));
  g_signal_connect (data->guidance_row, "changed", G_CALLBACK (guidance_changed_cb), data);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), data->guidance_row);

  action_row = adw_action_row_new ();
  remove = gtk_button_new_with_mnemonic (_("_Remove From Pack"));
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_set_hexpand (remove, TRUE);
  gtk_widget_set_margin_top (remove, 6);
  gtk_widget_set_margin_bottom (remove, 6);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), data);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (action_row), FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), action_row);

  update_row (data);
  return row;
}

static ReframeAssignment *
append_assignment (ReframePackEditor *self,
                   ReframeExercise   *exercise)
{
  g_autoptr(ReframeAssignment) assignment = reframe_assignment_new ();
  g_autoptr(GDateTime) tomorrow = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (tomorrow, 1);
  gboolean builtin = reframe_exercise_library_lookup (reframe_exercise_get_id (exercise)) == exercise;
  g_autofree char *uuid = g_uuid_string_random ();
  GtkWidget *row;
  GDate start, end;

  /* Sensible defaults: from tomorrow, for four weeks, every day (a questionnaire weekly). */
  reframe_assignment_date_of (later, &start);
  end = start;
  g_date_add_days (&end, 27);
  reframe_assignment_set_uuid (assignment, uuid);
  reframe_assignment_set_exercise_id (assignment, reframe_exercise_get_id (exercise));
  reframe_assignment_set_title (assignment, reframe_exercise_get_title (exercise));
  reframe_assignment_set_definition_json (assignment, builtin ? NULL : reframe_exercise_get_source_json (exercise));
  reframe_assignment_set_start (assignment, &start);
  reframe_assignment_set_end (assignment, &end);
  if (reframe_exercise_is_questionnaire (exercise))
    reframe_assignment_set_frequency (assignment, REFRAME_FREQUENCY_WEEKLY);

  g_ptr_array_add (self->assignments, g_object_ref (assignment));
  row = create_assignment_row (self, assignment);
  gtk_list_box_append (self->assignments_list, row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  return assignment;
}

/* The custom exercise builder */

static void
remove_step_cb (GtkButton         *button,
                ReframePackEditor *self)
{
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_PREFERENCES_GROUP);

  for (guint i = 0; i < self->steps->len; i++)
    {
      StepWidgets *step = g_ptr_array_index (self->steps, i);

      if (step->group == group)
        {
          gtk_box_remove (self->custom_steps_box, group);
          g_ptr_array_remove_index (self->steps, i);
          break;
        }
    }
  /* Number them again. */
  for (guint i = 0; i < self->steps->len; i++)
    {
      StepWidgets *step = g_ptr_array_index (self->steps, i);
      g_autofree char *title = g_strdup_printf (_("Step %u"), i + 1);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (step->group), title);
    }
}

static void
add_step (ReframePackEditor *self)
{
  StepWidgets *step = g_new0 (StepWidgets, 1);
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autofree char *title = g_strdup_printf (_("Step %u"), self->steps->len + 1);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  if (self->steps->len >= MAX_CUSTOM_STEPS)
    {
      g_free (step);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (step_types); i++)
    gtk_string_list_append (types, _(step_types[i].label));

  step->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (step->group), title);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove Step"));
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_step_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (step->group), remove);

  step->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (step->title_row), _("Heading"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (step->group), GTK_WIDGET (step->title_row));
  step->question_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (step->question_row), _("Question"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (step->group), GTK_WIDGET (step->question_row));
  step->type_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (step->type_row), _("Answer"));
  adw_combo_row_set_model (step->type_row, G_LIST_MODEL (types));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (step->group), GTK_WIDGET (step->type_row));

  gtk_box_append (self->custom_steps_box, step->group);
  g_ptr_array_add (self->steps, step);
}

static void
reset_builder (ReframePackEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->custom_title_row), "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->custom_intro_view), "", -1);
  while (self->steps->len > 0)
    {
      StepWidgets *step = g_ptr_array_index (self->steps, self->steps->len - 1);

      gtk_box_remove (self->custom_steps_box, step->group);
      g_ptr_array_remove_index (self->steps, self->steps->len - 1);
    }
  add_step (self);
}

/* Actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  reframe_pack_editor_add_exercise (REFRAME_PACK_EDITOR (widget), g_variant_get_string (parameter, NULL));
}

static void
show_builder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  reframe_pack_editor_show_builder (REFRAME_PACK_EDITOR (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_stack_set_visible_child_name (REFRAME_PACK_EDITOR (widget)->pages, "pack");
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ReframePackEditor *self = REFRAME_PACK_EDITOR (widget);

  add_step (self);
  gtk_widget_grab_focus (GTK_WIDGET (((StepWidgets *) g_ptr_array_index (self->steps, self->steps->len - 1))->title_row));
}

static void
add_custom_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ReframePackEditor *self = REFRAME_PACK_EDITOR (widget);
  g_autoptr(ReframeExercise) exercise = NULL;
  g_autoptr(GError) error = NULL;

  exercise = reframe_pack_editor_build_custom (self, &error);
  if (exercise == NULL)
    {
      /* What was written stays; the message says what is missing. */
      reframe_widget_show_error (widget, _("The Exercise Is Not Complete"), error);
      return;
    }
  reframe_pack_editor_add_custom (self, exercise);
  gtk_stack_set_visible_child_name (self->pages, "pack");
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ReframePackEditor *self = REFRAME_PACK_EDITOR (source);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  if (!reframe_pack_editor_export_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Save the Pack"), error);
      return;
    }
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    reframe_widget_add_toast (GTK_WIDGET (parent),
                              adw_toast_new (_("Pack saved. Give the file to your client.")));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
export_chosen_cb (GtkNativeDialog   *chooser,
                  int                response,
                  ReframePackEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        reframe_pack_editor_export_async (self, file, export_done_cb, NULL);
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ReframePackEditor *self = REFRAME_PACK_EDITOR (widget);
  g_autoptr(ReframePack) pack = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  /* Checked before a file is chosen, so nothing is asked for in vain. */
  pack = reframe_pack_editor_build_pack (self, &error);
  if (pack == NULL)
    {
      reframe_widget_show_error (widget, _("The Pack Cannot Be Exported Yet"), error);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export Pack"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the suggested file name of an exported pack; keep the extension */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Exercises.reframe-pack"));
  gtk_file_filter_set_name (filter, _("Reframe Packs"));
  gtk_file_filter_add_pattern (filter, "*" REFRAME_PACK_FILE_EXTENSION);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
reframe_pack_editor_dispose (GObject *object)
{
  ReframePackEditor *self = (ReframePackEditor *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_PACK_EDITOR);
  g_clear_pointer (&self->assignments, g_ptr_array_unref);
  g_clear_pointer (&self->custom, g_ptr_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (reframe_pack_editor_parent_class)->dispose (object);
}

static void
reframe_pack_editor_class_init (ReframePackEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_pack_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/exercises/reframe-pack-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframePackEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ReframePackEditor, pages);
  gtk_widget_class_bind_template_child (widget_class, ReframePackEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, ReframePackEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, ReframePackEditor, message_view);
  gtk_widget_class_bind_template_child (widget_class, ReframePackEditor, assignments_list);
  gtk_widget_class_bind_template_child (widget_class, ReframePackEditor, export_button);
  gtk_widget_class_bind_template_child (widget_class, ReframePackEditor, library_section);
  gtk_widget_class_bind_template_child (widget_class, ReframePackEditor, custom_title_row);
  gtk_widget_class_bind_template_child (widget_class, ReframePackEditor, custom_intro_view);
  gtk_widget_class_bind_template_child (widget_class, ReframePackEditor, custom_steps_box);

  gtk_widget_class_install_action (widget_class, "editor.add", "s", add_action);
  gtk_widget_class_install_action (widget_class, "editor.show-builder", NULL, show_builder_action);
  gtk_widget_class_install_action (widget_class, "editor.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "editor.add-step", NULL, add_step_action);
  gtk_widget_class_install_action (widget_class, "editor.add-custom", NULL, add_custom_action);
  gtk_widget_class_install_action (widget_class, "editor.export", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "editor.export", NULL);
}

static void
reframe_pack_editor_init (ReframePackEditor *self)
{
  const GPtrArray *library = reframe_exercise_library_get_all ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->assignments = g_ptr_array_new_with_free_func (g_object_unref);
  self->custom = g_ptr_array_new_with_free_func (g_object_unref);
  self->steps = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < library->len; i++)
    {
      ReframeExercise *exercise = g_ptr_array_index (library, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (reframe_exercise_get_title (exercise), NULL);

      g_menu_item_set_action_and_target_value (item, "editor.add",
                                               g_variant_new_string (reframe_exercise_get_id (exercise)));
      g_menu_append_item (self->library_section, item);
    }
  add_step (self);
}

/* Public API */

ReframePackEditor *
reframe_pack_editor_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (REFRAME_TYPE_PACK_EDITOR, "transient-for", parent, NULL);
}

ReframeAssignment *
reframe_pack_editor_add_exercise (ReframePackEditor *self,
                                  const char        *exercise_id)
{
  ReframeExercise *exercise = NULL;

  g_return_val_if_fail (REFRAME_IS_PACK_EDITOR (self), NULL);
  g_return_val_if_fail (exercise_id != NULL, NULL);

  for (guint i = 0; i < self->custom->len; i++)
    if (g_str_equal (reframe_exercise_get_id (g_ptr_array_index (self->custom, i)), exercise_id))
      exercise = g_ptr_array_index (self->custom, i);
  if (exercise == NULL)
    exercise = reframe_exercise_library_lookup (exercise_id);
  g_return_val_if_fail (exercise != NULL, NULL);

  return append_assignment (self, exercise);
}

ReframeAssignment *
reframe_pack_editor_add_custom (ReframePackEditor *self,
                                ReframeExercise   *exercise)
{
  g_return_val_if_fail (REFRAME_IS_PACK_EDITOR (self), NULL);
  g_return_val_if_fail (REFRAME_IS_EXERCISE (exercise), NULL);

  g_ptr_array_add (self->custom, g_object_ref (exercise));
  return append_assignment (self, exercise);
}

ReframePack *
reframe_pack_editor_build_pack (ReframePackEditor  *self,
                                GError            **error)
{
  g_autoptr(ReframePack) pack = reframe_pack_new ();
  g_autofree char *message = NULL;

  g_return_val_if_fail (REFRAME_IS_PACK_EDITOR (self), NULL);

  if (self->assignments->len == 0)
    {
      g_set_error_literal (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_INVALID,
                           _("Add at least one exercise for your client."));
      return NULL;
    }

  message = text_view_get_text (self->message_view);
  reframe_pack_set_therapist_name (pack, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  reframe_pack_set_therapist_contact (pack, gtk_editable_get_text (GTK_EDITABLE (self->contact_row)));
  reframe_pack_set_message (pack, message);

  for (guint i = 0; i < self->custom->len; i++)
    if (!reframe_pack_add_exercise (pack, g_ptr_array_index (self->custom, i), error))
      return NULL;
  for (guint i = 0; i < self->assignments->len; i++)
    {
      g_autoptr(ReframeAssignment) copy = reframe_assignment_copy (g_ptr_array_index (self->assignments, i));

      if (!reframe_pack_add_assignment (pack, copy, error))
        return NULL;
    }
  return g_steal_pointer (&pack);
}

static void
export_replaced_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
reframe_pack_editor_export_async (ReframePackEditor   *self,
                                  GFile               *file,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(ReframePack) pack = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  char *data;
  gsize length;

  g_return_if_fail (REFRAME_IS_PACK_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, reframe_pack_editor_export_async);

  pack = reframe_pack_editor_build_pack (self, &error);
  if (pack == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = reframe_pack_to_data (pack, &length);
  bytes = g_bytes_new_take (data, length);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, export_replaced_cb, g_steal_pointer (&task));
}

gboolean
reframe_pack_editor_export_finish (ReframePackEditor  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
reframe_pack_editor_show_builder (ReframePackEditor *self)
{
  g_return_if_fail (REFRAME_IS_PACK_EDITOR (self));

  reset_builder (self);
  gtk_stack_set_visible_child_name (self->pages, "custom");
  gtk_widget_grab_focus (GTK_WIDGET (self->custom_title_row));
}

ReframeExercise *
reframe_pack_editor_build_custom (ReframePackEditor  *self,
                                  GError            **error)
{
  g_autofree char *intro = NULL;
  g_autoptr(GArray) steps = g_array_new (FALSE, TRUE, sizeof (ReframeCustomStep));
  const char *author;

  g_return_val_if_fail (REFRAME_IS_PACK_EDITOR (self), NULL);

  intro = text_view_get_text (self->custom_intro_view);
  for (guint i = 0; i < self->steps->len; i++)
    {
      StepWidgets *widgets = g_ptr_array_index (self->steps, i);
      ReframeCustomStep step = { 0 };
      guint type = adw_combo_row_get_selected (widgets->type_row);

      step.title = gtk_editable_get_text (GTK_EDITABLE (widgets->title_row));
      step.label = gtk_editable_get_text (GTK_EDITABLE (widgets->question_row));
      step.type = step_types[MIN (type, G_N_ELEMENTS (step_types) - 1)].type;
      if (*step.title == '\0' && *step.label == '\0')
        continue;
      if (*step.title == '\0')
        step.title = step.label;
      g_array_append_val (steps, step);
    }

  author = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  return reframe_pack_build_exercise (NULL, gtk_editable_get_text (GTK_EDITABLE (self->custom_title_row)),
                                      intro, *author != '\0' ? author : NULL,
                                      (ReframeCustomStep *) steps->data, steps->len, error);
}
