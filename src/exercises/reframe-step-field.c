/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-step-field"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "reframe-breathing-pacer.h"
#include "reframe-emotion-picker.h"
#include "reframe-emotions.h"
#include "reframe-mood-scale.h"
#include "reframe-step-field.h"
#include "reframe-step-list.h"
#include "reframe-text-area.h"
#include "reframe-trap-picker.h"

struct _ReframeStepField
{
  AdwBin              parent_instance;

  ReframeExercise    *exercise;
  const ReframeField *field;
  JsonObject         *scope;
  JsonObject         *root;
  gboolean            updating;

  GtkWidget          *box;
  GtkWidget          *label;
  GtkWidget          *control;
  /* slider */
  GtkAdjustment      *adjustment;
  /* choices */
  GPtrArray          *checks;       /* GtkCheckButton, "option-id" set on each */
  GtkWidget          *empty_label;  /* options_from with no rows yet */
  /* date-time */
  GtkWidget          *date_label;
  GtkWidget          *clear_button;
  GtkCalendar        *calendar;
  GtkSpinButton      *hour_spin;
  GtkSpinButton      *minute_spin;
  /* breathing */
  GtkWidget          *phase_label;
  GtkWidget          *count_label;
  GtkWidget          *start_button;
  GtkWidget          *pace_row;
  GtkSpinButton      *inhale_spin;
  GtkSpinButton      *exhale_spin;
  GtkSpinButton      *minutes_spin;
};

G_DEFINE_FINAL_TYPE (ReframeStepField, reframe_step_field, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static JsonNode *
get_value (ReframeStepField *self)
{
  return json_object_get_member (self->scope, self->field->id);
}

static gboolean
value_is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static const char *
value_string (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/* Takes @value; NULL removes the answer. */
static void
set_value (ReframeStepField *self,
           JsonNode         *value)
{
  if (value == NULL)
    json_object_remove_member (self->scope, self->field->id);
  else
    json_object_set_member (self->scope, self->field->id, value);

  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_int (ReframeStepField *self,
         gint64            value)
{
  set_value (self, json_node_init_int (json_node_alloc (), value));
}

static void
set_string (ReframeStepField *self,
            const char       *text)
{
  set_value (self, text && *text ? json_node_init_string (json_node_alloc (), text) : NULL);
}

static void
label_control (ReframeStepField *self,
               GtkWidget        *control)
{
  if (self->label != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (control),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->label, NULL,
                                    -1);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (control),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->field->label, -1);
}

static GtkWidget *
caption_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* Low and high ends of a rating, under it. */
static void
append_end_labels (ReframeStepField *self)
{
  GtkWidget *ends;
  GtkWidget *low;
  GtkWidget *high;

  if (self->field->low_label == NULL && self->field->high_label == NULL)
    return;

  ends = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  low = caption_label (self->field->low_label ? self->field->low_label : "");
  high = caption_label (self->field->high_label ? self->field->high_label : "");
  gtk_widget_set_hexpand (low, TRUE);
  gtk_label_set_xalign (GTK_LABEL (high), 1);
  gtk_label_set_justify (GTK_LABEL (high), GTK_JUSTIFY_RIGHT);
  gtk_box_append (GTK_BOX (ends), low);
  gtk_box_append (GTK_BOX (ends), high);
  gtk_box_append (GTK_BOX (self->box), ends);
}

/* Texts */

static void
entry_changed_cb (GtkEditable      *editable,
                  ReframeStepField *self)
{
  if (!self->updating)
    set_string (self, gtk_editable_get_text (editable));
}

static void
text_area_changed_cb (ReframeTextArea  *area,
                      GParamSpec       *pspec,
                      ReframeStepField *self)
{
  if (!self->updating)
    set_string (self, reframe_text_area_get_text (area));
}

static void
build_text (ReframeStepField *self)
{
  if (self->field->type == REFRAME_FIELD_SHORT_TEXT)
    {
      self->control = gtk_entry_new ();
      gtk_entry_set_max_length (GTK_ENTRY (self->control), self->field->max_length);
      if (self->field->placeholder != NULL)
        gtk_entry_set_placeholder_text (GTK_ENTRY (self->control), self->field->placeholder);
      gtk_entry_set_activates_default (GTK_ENTRY (self->control), FALSE);
      g_signal_connect (self->control, "changed", G_CALLBACK (entry_changed_cb), self);
    }
  else
    {
      self->control = g_object_new (REFRAME_TYPE_TEXT_AREA,
                                    "placeholder-text", self->field->placeholder,
                                    "label", self->field->label,
                                    "height-request", 120,
                                    NULL);
      gtk_widget_add_css_class (self->control, "card");
      g_signal_connect (self->control, "notify::text", G_CALLBACK (text_area_changed_cb), self);
    }
}

static void
refresh_text (ReframeStepField *self)
{
  const char *text = value_string (get_value (self));

  if (self->field->type == REFRAME_FIELD_SHORT_TEXT)
    gtk_editable_set_text (GTK_EDITABLE (self->control), text ? text : "");
  else
    reframe_text_area_set_text (REFRAME_TEXT_AREA (self->control), text ? text : "");
}

/* Ratings */

static void
scale_value_cb (ReframeMoodScale *scale,
                GParamSpec       *pspec,
                ReframeStepField *self)
{
  int value = reframe_mood_scale_get_value (scale);

  if (self->updating)
    return;
  if (value < 0)
    set_value (self, NULL);
  else
    set_int (self, value);
}

static void
slider_value_cb (GtkAdjustment    *adjustment,
                 ReframeStepField *self)
{
  if (!self->updating)
    set_int (self, (gint64) gtk_adjustment_get_value (adjustment));
}

static char *
format_slider (GtkScale *scale,
               double    value,
               gpointer  user_data)
{
  ReframeStepField *self = user_data;

  if (self->field->unit != NULL)
    /* Translators: a rating and its unit, e.g. “70%” */
    return g_strdup_printf (C_("rating with unit", "%d%s"), (int) value, self->field->unit);
  return g_strdup_printf ("%d", (int) value);
}

static void
build_scale (ReframeStepField *self)
{
  self->control = reframe_mood_scale_new ();
  reframe_mood_scale_set_allow_unset (REFRAME_MOOD_SCALE (self->control), TRUE);
  reframe_mood_scale_set_labels (REFRAME_MOOD_SCALE (self->control), self->field->low_label,
                                 self->field->high_label);
  g_signal_connect (self->control, "notify::value", G_CALLBACK (scale_value_cb), self);
}

static void
build_slider (ReframeStepField *self)
{
  self->adjustment = gtk_adjustment_new (self->field->default_value, self->field->min,
                                         self->field->max, self->field->step,
                                         self->field->step * 2, 0);
  self->control = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->adjustment);
  gtk_scale_set_draw_value (GTK_SCALE (self->control), TRUE);
  gtk_scale_set_value_pos (GTK_SCALE (self->control), GTK_POS_RIGHT);
  gtk_scale_set_digits (GTK_SCALE (self->control), 0);
  gtk_range_set_round_digits (GTK_RANGE (self->control), 0);
  gtk_scale_set_format_value_func (GTK_SCALE (self->control), format_slider, self, NULL);
  gtk_widget_add_css_class (self->control, "exercise-slider");
  g_signal_connect (self->adjustment, "value-changed", G_CALLBACK (slider_value_cb), self);
}

static void
refresh_rating (ReframeStepField *self)
{
  JsonNode *value = get_value (self);

  if (self->field->type == REFRAME_FIELD_SCALE)
    reframe_mood_scale_set_value (REFRAME_MOOD_SCALE (self->control),
                                  value_is_int (value) ? (int) json_node_get_int (value)
                                                       : self->field->default_value);
  else
    gtk_adjustment_set_value (self->adjustment,
                              value_is_int (value) ? json_node_get_int (value)
                                                   : self->field->default_value);
}

/* Choices */

static void
check_toggled_cb (GtkCheckButton   *check,
                  ReframeStepField *self)
{
  if (self->updating)
    return;

  if (self->field->type == REFRAME_FIELD_CHOICE)
    {
      /* Both the one switched off and the one switched on report; the latter counts. */
      if (gtk_check_button_get_active (check))
        set_string (self, g_object_get_data (G_OBJECT (check), "option-id"));
      return;
    }

  {
    JsonArray *array = json_array_new ();
    guint chosen = 0;

    for (guint i = 0; i < self->checks->len; i++)
      if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
        {
          json_array_add_string_element (array,
                                         g_object_get_data (g_ptr_array_index (self->checks, i),
                                                            "option-id"));
          chosen++;
        }

    /* At most max_selected: the others go insensitive. */
    for (guint i = 0; self->field->max_selected > 0 && i < self->checks->len; i++)
      {
        GtkCheckButton *each = g_ptr_array_index (self->checks, i);

        gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (each), GTK_TYPE_LIST_BOX_ROW),
                                  gtk_check_button_get_active (each) ||
                                  chosen < self->field->max_selected);
      }

    if (chosen == 0)
      {
        json_array_unref (array);
        set_value (self, NULL);
      }
    else
      set_value (self, json_node_init_array (json_node_alloc (), array));
    if (array != NULL && chosen > 0)
      json_array_unref (array);
  }
}

static void
add_option_row (ReframeStepField *self,
                const char       *option_id,
                const char       *label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (check), "option-id", g_strdup (option_id), g_free);
  if (self->field->type == REFRAME_FIELD_CHOICE && self->checks->len > 0)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), g_ptr_array_index (self->checks, 0));
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  g_ptr_array_add (self->checks, check);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (GTK_LIST_BOX (self->control), row);
}

static void
clear_options (ReframeStepField *self)
{
  GtkListBoxRow *row;

  g_ptr_array_set_size (self->checks, 0);
  while ((row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->control), 0)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->control), GTK_WIDGET (row));
}

/* The rows of another list, as options: their keys and first short texts. */
static void
rebuild_options_from (ReframeStepField *self)
{
  const ReframeField *list = reframe_exercise_lookup_field (self->exercise, self->field->options_from);
  JsonNode *rows = self->root ? json_object_get_member (self->root, self->field->options_from) : NULL;
  const char *text_id = NULL;
  guint added = 0;

  clear_options (self);
  for (guint i = 0; list != NULL && i < list->item_fields->len; i++)
    if (((ReframeField *) g_ptr_array_index (list->item_fields, i))->type == REFRAME_FIELD_SHORT_TEXT)
      {
        text_id = ((ReframeField *) g_ptr_array_index (list->item_fields, i))->id;
        break;
      }

  for (guint i = 0; text_id != NULL && rows != NULL && JSON_NODE_HOLDS_ARRAY (rows) &&
                    i < json_array_get_length (json_node_get_array (rows)); i++)
    {
      JsonObject *row = json_array_get_object_element (json_node_get_array (rows), i);
      const char *key = row ? json_object_get_string_member_with_default (row, REFRAME_LIST_KEY, NULL) : NULL;
      g_autofree char *title = NULL;

      if (key == NULL)
        continue;
      title = g_strstrip (g_strdup (json_object_get_string_member_with_default (row, text_id, "")));
      if (*title == '\0')
        continue;
      add_option_row (self, key, title);
      added++;
    }

  gtk_widget_set_visible (self->control, added > 0);
  gtk_widget_set_visible (self->empty_label, added == 0);
}

static void
build_choice (ReframeStepField *self)
{
  self->checks = g_ptr_array_new ();
  self->control = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->control), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->control, "boxed-list");

  if (self->field->options_from != NULL)
    {
      const ReframeField *list = reframe_exercise_lookup_field (self->exercise,
                                                                self->field->options_from);
      g_autofree char *text = g_strdup_printf (_("Nothing to choose from yet. Fill in “%s” first."),
                                               list ? list->label : self->field->options_from);

      self->empty_label = caption_label (text);
      return;
    }

  for (guint i = 0; i < self->field->options->len; i++)
    {
      const ReframeFieldOption *option = g_ptr_array_index (self->field->options, i);

      add_option_row (self, option->id, option->label);
    }
}

static void
refresh_choice (ReframeStepField *self)
{
  JsonNode *value = get_value (self);

  if (self->field->options_from != NULL)
    rebuild_options_from (self);

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      const char *id = g_object_get_data (G_OBJECT (check), "option-id");
      gboolean active = FALSE;

      if (self->field->type == REFRAME_FIELD_CHOICE)
        active = g_strcmp0 (value_string (value), id) == 0;
      else if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
        for (guint j = 0; j < json_array_get_length (json_node_get_array (value)); j++)
          active |= g_strcmp0 (value_string (json_array_get_element (json_node_get_array (value), j)),
                               id) == 0;

      gtk_check_button_set_active (check, active);
    }

  /* A radio group cannot be emptied by setting one inactive; start again when unanswered. */
  if (self->field->type == REFRAME_FIELD_CHOICE && value_string (value) == NULL)
    for (guint i = 0; i < self->checks->len; i++)
      gtk_check_button_set_active (g_ptr_array_index (self->checks, i), FALSE);
}

/* Emotions and thinking traps */

static void
emotions_changed_cb (ReframeEmotionPicker *picker,
                     ReframeStepField     *self)
{
  g_autoptr(GPtrArray) ratings = NULL;
  JsonArray *array;

  if (self->updating)
    return;

  ratings = reframe_emotion_picker_dup_ratings (picker);
  if (ratings->len == 0)
    {
      set_value (self, NULL);
      return;
    }

  array = json_array_new ();
  for (guint i = 0; i < ratings->len; i++)
    {
      const ReframeEmotionRating *rating = g_ptr_array_index (ratings, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "emotion", rating->emotion);
      json_object_set_int_member (object, "intensity", rating->intensity);
      json_array_add_object_element (array, object);
    }
  set_value (self, json_node_init_array (json_node_alloc (), array));
  json_array_unref (array);
}

static void
traps_changed_cb (ReframeTrapPicker *picker,
                  ReframeStepField  *self)
{
  g_auto(GStrv) selected = NULL;
  JsonArray *array;

  if (self->updating)
    return;

  selected = reframe_trap_picker_get_selected (picker);
  if (selected[0] == NULL)
    {
      set_value (self, NULL);
      return;
    }

  array = json_array_new ();
  for (guint i = 0; selected[i] != NULL; i++)
    json_array_add_string_element (array, selected[i]);
  set_value (self, json_node_init_array (json_node_alloc (), array));
  json_array_unref (array);
}

static void
refresh_emotions (ReframeStepField *self)
{
  g_autoptr(GPtrArray) ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_emotion_rating_free);
  JsonNode *value = get_value (self);

  for (guint i = 0; value != NULL && JSON_NODE_HOLDS_ARRAY (value) &&
                    i < json_array_get_length (json_node_get_array (value)); i++)
    {
      JsonObject *object = json_array_get_object_element (json_node_get_array (value), i);
      const char *emotion = object ? json_object_get_string_member_with_default (object, "emotion", NULL) : NULL;

      if (emotion != NULL)
        g_ptr_array_add (ratings, reframe_emotion_rating_new (
          emotion, CLAMP (json_object_get_int_member_with_default (object, "intensity", 50), 0, 100), -1));
    }
  reframe_emotion_picker_set_ratings (REFRAME_EMOTION_PICKER (self->control), ratings);
}

static void
refresh_traps (ReframeStepField *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  JsonNode *value = get_value (self);

  for (guint i = 0; value != NULL && JSON_NODE_HOLDS_ARRAY (value) &&
                    i < json_array_get_length (json_node_get_array (value)); i++)
    {
      const char *id = value_string (json_array_get_element (json_node_get_array (value), i));

      if (id != NULL)
        g_strv_builder_add (builder, id);
    }
  ids = g_strv_builder_end (builder);
  reframe_trap_picker_set_selected (REFRAME_TRAP_PICKER (self->control), (const char * const *) ids);
}

/* Date and time */

static GDateTime *
dup_date_time (ReframeStepField *self)
{
  const char *text = value_string (get_value (self));
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  if (text == NULL)
    return NULL;

  switch (self->field->mode)
    {
    case REFRAME_DATE_TIME_MODE_TIME:
      {
        guint hour = 0, minute = 0;

        if (sscanf (text, "%2u:%2u", &hour, &minute) != 2 || hour > 23 || minute > 59)
          return NULL;
        return g_date_time_new (local, 2000, 1, 1, hour, minute, 0);
      }
    case REFRAME_DATE_TIME_MODE_DATE:
      {
        g_autofree char *noon = g_strdup_printf ("%sT12:00:00", text);
        return g_date_time_new_from_iso8601 (noon, local);
      }
    case REFRAME_DATE_TIME_MODE_DATE_TIME:
    default:
      {
        g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (text, NULL);

        return parsed ? g_date_time_to_local (parsed) : NULL;
      }
    }
}

static void
update_date_label (ReframeStepField *self)
{
  g_autofree char *text = NULL;
  JsonNode *value = get_value (self);

  if (value_string (value) != NULL)
    text = reframe_exercise_format_answer (self->exercise, self->field, self->root, value);
  gtk_label_set_text (GTK_LABEL (self->date_label),
                      text && *text ? text
                                    : self->field->mode == REFRAME_DATE_TIME_MODE_TIME
                                      ? _("Choose a Time") : _("Choose a Date"));
  gtk_widget_set_visible (self->clear_button, text && *text);
}

static void
store_date_time (ReframeStepField *self,
                 GDateTime        *date)
{
  g_autofree char *text = NULL;

  switch (self->field->mode)
    {
    case REFRAME_DATE_TIME_MODE_TIME:
      text = g_date_time_format (date, "%H:%M");
      break;
    case REFRAME_DATE_TIME_MODE_DATE:
      text = g_date_time_format (date, "%Y-%m-%d");
      break;
    case REFRAME_DATE_TIME_MODE_DATE_TIME:
    default:
      text = g_date_time_format_iso8601 (date);
      break;
    }
  set_string (self, text);
  update_date_label (self);
}

/* The popover's calendar and spin buttons, combined into one date-time. */
static void
date_parts_changed_cb (ReframeStepField *self)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) date = NULL;

  if (self->updating)
    return;

  local = g_time_zone_new_local ();
  day = self->calendar ? gtk_calendar_get_date (self->calendar)
                       : g_date_time_new (local, 2000, 1, 1, 0, 0, 0);
  date = g_date_time_new (local, g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day),
                          self->hour_spin ? gtk_spin_button_get_value_as_int (self->hour_spin) : 12,
                          self->minute_spin ? gtk_spin_button_get_value_as_int (self->minute_spin) : 0,
                          0);
  if (date != NULL)
    store_date_time (self, date);
}

static void
date_popover_show_cb (ReframeStepField *self)
{
  g_autoptr(GDateTime) date = dup_date_time (self);

  /* Opening the popover means choosing: start from now, on a quarter hour. */
  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      int minute = g_date_time_get_minute (now);

      date = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                              g_date_time_get_month (now), g_date_time_get_day_of_month (now),
                              g_date_time_get_hour (now), minute - minute % 15, 0);
      store_date_time (self, date);
    }

  self->updating = TRUE;
  if (self->calendar != NULL)
    gtk_calendar_select_day (self->calendar, date);
  if (self->hour_spin != NULL)
    gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (date));
  if (self->minute_spin != NULL)
    gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (date));
  self->updating = FALSE;
}

static gboolean
two_digits_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static GtkSpinButton *
time_spin (int         upper,
           const char *accessible_label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, 1);

  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
  gtk_widget_add_css_class (spin, "numeric");
  g_signal_connect (spin, "output", G_CALLBACK (two_digits_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return GTK_SPIN_BUTTON (spin);
}

static void
clear_date_cb (ReframeStepField *self)
{
  set_value (self, NULL);
  update_date_label (self);
}

static void
build_date_time (ReframeStepField *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *button_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button_content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_set_margin_top (content, 6);
  gtk_widget_set_margin_bottom (content, 6);
  gtk_widget_set_margin_start (content, 6);
  gtk_widget_set_margin_end (content, 6);

  if (self->field->mode != REFRAME_DATE_TIME_MODE_TIME)
    {
      self->calendar = GTK_CALENDAR (gtk_calendar_new ());
      g_signal_connect_swapped (self->calendar, "day-selected",
                                G_CALLBACK (date_parts_changed_cb), self);
      gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->calendar));
    }
  if (self->field->mode != REFRAME_DATE_TIME_MODE_DATE)
    {
      GtkWidget *time_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *colon = gtk_label_new (":");

      gtk_widget_set_halign (time_box, GTK_ALIGN_CENTER);
      self->hour_spin = time_spin (23, _("Hour"));
      self->minute_spin = time_spin (59, _("Minute"));
      gtk_spin_button_set_increments (self->minute_spin, 5, 15);
      gtk_widget_add_css_class (colon, "title-2");
      gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (self->hour_spin));
      gtk_box_append (GTK_BOX (time_box), colon);
      gtk_box_append (GTK_BOX (time_box), GTK_WIDGET (self->minute_spin));
      g_signal_connect_swapped (self->hour_spin, "value-changed",
                                G_CALLBACK (date_parts_changed_cb), self);
      g_signal_connect_swapped (self->minute_spin, "value-changed",
                                G_CALLBACK (date_parts_changed_cb), self);
      gtk_box_append (GTK_BOX (content), time_box);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), content);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (date_popover_show_cb), self);

  self->control = gtk_menu_button_new ();
  self->date_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->date_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (button_content),
                  gtk_image_new_from_icon_name (self->field->mode == REFRAME_DATE_TIME_MODE_TIME
                                                  ? "alarm-symbolic" : "x-office-calendar-symbolic"));
  gtk_box_append (GTK_BOX (button_content), self->date_label);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->control), button_content);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->control), popover);

  self->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_add_css_class (self->clear_button, "flat");
  gtk_widget_set_tooltip_text (self->clear_button, _("Clear"));
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (clear_date_cb), self);

  gtk_box_append (GTK_BOX (button_box), self->control);
  gtk_box_append (GTK_BOX (button_box), self->clear_button);
  g_object_set_data (G_OBJECT (self->control), "reframe-container", button_box);
}

/* Breathing */

static void
store_breathing (ReframeStepField      *self,
                 ReframeBreathingPacer *pacer)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "inhale", gtk_spin_button_get_value_as_int (self->inhale_spin));
  json_object_set_int_member (object, "hold", self->field->hold);
  json_object_set_int_member (object, "exhale", gtk_spin_button_get_value_as_int (self->exhale_spin));
  json_object_set_int_member (object, "hold_after", self->field->hold_after);
  json_object_set_int_member (object, "seconds", reframe_breathing_pacer_get_elapsed (pacer));
  json_object_set_int_member (object, "breaths", reframe_breathing_pacer_get_breaths (pacer));
  set_value (self, json_node_init_object (json_node_alloc (), object));
  json_object_unref (object);
}

static void
update_pacer_labels (ReframeStepField *self)
{
  ReframeBreathingPacer *pacer = REFRAME_BREATHING_PACER (self->control);
  ReframeBreathingPhase phase = reframe_breathing_pacer_get_phase (pacer);
  gboolean running = reframe_breathing_pacer_get_running (pacer);
  g_autofree char *count = NULL;
  g_autofree char *pace = NULL;
  guint breaths = reframe_breathing_pacer_get_breaths (pacer);

  gtk_label_set_text (GTK_LABEL (self->phase_label), reframe_breathing_phase_to_string (phase));
  if (phase == REFRAME_BREATHING_PHASE_READY)
    count = g_strdup ("");
  else if (phase == REFRAME_BREATHING_PHASE_DONE || !running)
    /* Translators: breaths completed in the breathing exercise */
    count = g_strdup_printf (ngettext ("%u breath", "%u breaths", breaths), breaths);
  else
    count = g_strdup_printf ("%u", reframe_breathing_pacer_get_seconds_left (pacer));
  gtk_label_set_text (GTK_LABEL (self->count_label), count);

  gtk_button_set_label (GTK_BUTTON (self->start_button),
                        running ? _("_Pause")
                                : phase == REFRAME_BREATHING_PHASE_DONE ? _("_Start Again")
                                : phase == REFRAME_BREATHING_PHASE_READY ? _("_Start")
                                : _("_Continue"));
  if (running)
    gtk_widget_remove_css_class (self->start_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->start_button, "suggested-action");

  /* Translators: the breathing pace, e.g. “4 s in, 6 s out · 3 min” */
  pace = g_strdup_printf (_("%d s in, %d s out · %d min"),
                          gtk_spin_button_get_value_as_int (self->inhale_spin),
                          gtk_spin_button_get_value_as_int (self->exhale_spin),
                          gtk_spin_button_get_value_as_int (self->minutes_spin));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->pace_row), pace);
}

static void
pacer_state_cb (ReframeStepField *self)
{
  update_pacer_labels (self);
}

static void
pacer_running_cb (ReframeStepField *self)
{
  ReframeBreathingPacer *pacer = REFRAME_BREATHING_PACER (self->control);

  /* Paused by the button, by leaving the step or by closing: keep what was practised. */
  if (!reframe_breathing_pacer_get_running (pacer) && reframe_breathing_pacer_get_elapsed (pacer) > 0)
    store_breathing (self, pacer);
  update_pacer_labels (self);
}

static void
pacer_progress_cb (ReframeStepField *self)
{
  store_breathing (self, REFRAME_BREATHING_PACER (self->control));
  update_pacer_labels (self);
}

static void
start_clicked_cb (ReframeStepField *self)
{
  ReframeBreathingPacer *pacer = REFRAME_BREATHING_PACER (self->control);

  if (reframe_breathing_pacer_get_running (pacer))
    reframe_breathing_pacer_pause (pacer);
  else
    reframe_breathing_pacer_start (pacer);
}

static void
pace_changed_cb (ReframeStepField *self)
{
  ReframeBreathingPacer *pacer = REFRAME_BREATHING_PACER (self->control);

  reframe_breathing_pacer_set_pattern (pacer, gtk_spin_button_get_value_as_int (self->inhale_spin),
                                       self->field->hold,
                                       gtk_spin_button_get_value_as_int (self->exhale_spin),
                                       self->field->hold_after);
  reframe_breathing_pacer_set_duration (pacer, gtk_spin_button_get_value_as_int (self->minutes_spin) * 60);
  update_pacer_labels (self);
}

static GtkSpinButton *
add_spin_row (GtkWidget  *expander,
              const char *title,
              int         lower,
              int         upper,
              int         value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  return GTK_SPIN_BUTTON (spin);
}

static void
build_breathing (ReframeStepField *self)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *container = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->control = reframe_breathing_pacer_new ();
  gtk_widget_set_hexpand (self->control, TRUE);

  self->phase_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->phase_label, "title-3");
  self->count_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count_label, "numeric");
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_box_append (GTK_BOX (texts), self->phase_label);
  gtk_box_append (GTK_BOX (texts), self->count_label);
  gtk_widget_set_halign (texts, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_widget_set_can_target (texts, FALSE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), self->control);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), texts);
  gtk_box_append (GTK_BOX (container), overlay);

  self->start_button = gtk_button_new_with_mnemonic (_("_Start"));
  gtk_widget_set_halign (self->start_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->start_button, "pill");
  gtk_widget_add_css_class (self->start_button, "suggested-action");
  g_signal_connect_swapped (self->start_button, "clicked", G_CALLBACK (start_clicked_cb), self);
  gtk_box_append (GTK_BOX (container), self->start_button);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->pace_row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pace_row), _("Pace"));
  self->inhale_spin = add_spin_row (self->pace_row, _("Breathe in (seconds)"), 2, 10, self->field->inhale);
  self->exhale_spin = add_spin_row (self->pace_row, _("Breathe out (seconds)"), 2, 12, self->field->exhale);
  self->minutes_spin = add_spin_row (self->pace_row, _("Length (minutes)"), 1, 20, self->field->minutes);
  gtk_list_box_append (GTK_LIST_BOX (list), self->pace_row);
  gtk_box_append (GTK_BOX (container), list);

  g_signal_connect_swapped (self->inhale_spin, "value-changed", G_CALLBACK (pace_changed_cb), self);
  g_signal_connect_swapped (self->exhale_spin, "value-changed", G_CALLBACK (pace_changed_cb), self);
  g_signal_connect_swapped (self->minutes_spin, "value-changed", G_CALLBACK (pace_changed_cb), self);
  g_signal_connect_swapped (self->control, "notify::phase", G_CALLBACK (pacer_state_cb), self);
  g_signal_connect_swapped (self->control, "notify::seconds-left", G_CALLBACK (pacer_state_cb), self);
  g_signal_connect_swapped (self->control, "notify::running", G_CALLBACK (pacer_running_cb), self);
  g_signal_connect_swapped (self->control, "breath-completed", G_CALLBACK (pacer_progress_cb), self);
  g_signal_connect_swapped (self->control, "finished", G_CALLBACK (pacer_progress_cb), self);

  g_object_set_data (G_OBJECT (self->control), "reframe-container", container);
  pace_changed_cb (self);
}

static void
refresh_breathing (ReframeStepField *self)
{
  JsonNode *value = get_value (self);
  JsonObject *object = value && JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;

  if (object == NULL)
    return;
  gtk_spin_button_set_value (self->inhale_spin,
                             json_object_get_int_member_with_default (object, "inhale", self->field->inhale));
  gtk_spin_button_set_value (self->exhale_spin,
                             json_object_get_int_member_with_default (object, "exhale", self->field->exhale));
}

/* List */

static void
list_changed_cb (ReframeStepField *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* GObject */

static void
reframe_step_field_dispose (GObject *object)
{
  ReframeStepField *self = (ReframeStepField *)object;

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->scope, json_object_unref);
  g_clear_pointer (&self->root, json_object_unref);
  g_clear_object (&self->exercise);

  G_OBJECT_CLASS (reframe_step_field_parent_class)->dispose (object);
}

static void
reframe_step_field_class_init (ReframeStepFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_step_field_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "stepfield");
}

static void
reframe_step_field_init (ReframeStepField *self)
{
}

GtkWidget *
reframe_step_field_new (ReframeExercise    *exercise,
                        const ReframeField *field,
                        JsonObject         *scope,
                        JsonObject         *root,
                        gboolean            show_label)
{
  ReframeStepField *self;
  GtkWidget *outer;

  g_return_val_if_fail (REFRAME_IS_EXERCISE (exercise), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  self = g_object_new (REFRAME_TYPE_STEP_FIELD, NULL);
  self->exercise = g_object_ref (exercise);
  self->field = field;
  self->scope = json_object_ref (scope);
  self->root = root ? json_object_ref (root) : NULL;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  adw_bin_set_child (ADW_BIN (self), self->box);

  if (show_label)
    {
      self->label = gtk_label_new (field->label);
      gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (self->label), 0);
      gtk_widget_add_css_class (self->label, "heading");
      gtk_box_append (GTK_BOX (self->box), self->label);
    }
  if (field->help != NULL)
    gtk_box_append (GTK_BOX (self->box), caption_label (field->help));

  switch (field->type)
    {
    case REFRAME_FIELD_SHORT_TEXT:
    case REFRAME_FIELD_LONG_TEXT:
      build_text (self);
      break;
    case REFRAME_FIELD_SCALE:
      build_scale (self);
      break;
    case REFRAME_FIELD_SLIDER:
      build_slider (self);
      break;
    case REFRAME_FIELD_CHOICE:
    case REFRAME_FIELD_MULTI_CHOICE:
      build_choice (self);
      break;
    case REFRAME_FIELD_EMOTIONS:
      self->control = reframe_emotion_picker_new ();
      g_signal_connect (self->control, "changed", G_CALLBACK (emotions_changed_cb), self);
      break;
    case REFRAME_FIELD_THINKING_TRAPS:
      self->control = reframe_trap_picker_new ();
      g_signal_connect (self->control, "changed", G_CALLBACK (traps_changed_cb), self);
      break;
    case REFRAME_FIELD_DATE_TIME:
      build_date_time (self);
      break;
    case REFRAME_FIELD_BREATHING:
      build_breathing (self);
      break;
    case REFRAME_FIELD_LIST:
      self->control = reframe_step_list_new (exercise, field, root ? root : scope);
      g_signal_connect_swapped (self->control, "changed", G_CALLBACK (list_changed_cb), self);
      break;
    case REFRAME_FIELD_N_TYPES:
    default:
      g_assert_not_reached ();
    }

  outer = g_object_get_data (G_OBJECT (self->control), "reframe-container");
  gtk_box_append (GTK_BOX (self->box), outer ? outer : self->control);
  if (self->empty_label != NULL)
    gtk_box_append (GTK_BOX (self->box), self->empty_label);
  if (field->type == REFRAME_FIELD_SCALE)
    ; /* the mood scale shows its own end labels */
  else if (field->type == REFRAME_FIELD_SLIDER)
    append_end_labels (self);
  label_control (self, self->control);

  reframe_step_field_refresh (self);
  return GTK_WIDGET (self);
}

const ReframeField *
reframe_step_field_get_field (ReframeStepField *self)
{
  g_return_val_if_fail (REFRAME_IS_STEP_FIELD (self), NULL);
  return self->field;
}

void
reframe_step_field_refresh (ReframeStepField *self)
{
  g_return_if_fail (REFRAME_IS_STEP_FIELD (self));

  self->updating = TRUE;
  switch (self->field->type)
    {
    case REFRAME_FIELD_SHORT_TEXT:
    case REFRAME_FIELD_LONG_TEXT:
      refresh_text (self);
      break;
    case REFRAME_FIELD_SCALE:
    case REFRAME_FIELD_SLIDER:
      refresh_rating (self);
      break;
    case REFRAME_FIELD_CHOICE:
    case REFRAME_FIELD_MULTI_CHOICE:
      refresh_choice (self);
      break;
    case REFRAME_FIELD_EMOTIONS:
      refresh_emotions (self);
      break;
    case REFRAME_FIELD_THINKING_TRAPS:
      refresh_traps (self);
      break;
    case REFRAME_FIELD_DATE_TIME:
      update_date_label (self);
      break;
    case REFRAME_FIELD_BREATHING:
      refresh_breathing (self);
      break;
    case REFRAME_FIELD_LIST:
      reframe_step_list_refresh (REFRAME_STEP_LIST (self->control));
      break;
    case REFRAME_FIELD_N_TYPES:
    default:
      g_assert_not_reached ();
    }
  self->updating = FALSE;
}

void
reframe_step_field_commit_default (ReframeStepField *self)
{
  g_return_if_fail (REFRAME_IS_STEP_FIELD (self));

  if (self->field->type == REFRAME_FIELD_SLIDER && !value_is_int (get_value (self)))
    {
      self->updating = TRUE;
      set_int (self, (gint64) gtk_adjustment_get_value (self->adjustment));
      self->updating = FALSE;
    }
  else if (self->field->type == REFRAME_FIELD_LIST)
    reframe_step_list_commit_defaults (REFRAME_STEP_LIST (self->control));
}

GtkWidget *
reframe_step_field_get_control (ReframeStepField *self)
{
  g_return_val_if_fail (REFRAME_IS_STEP_FIELD (self), NULL);
  return self->control;
}

GtkCheckButton *
reframe_step_field_get_option (ReframeStepField *self,
                               const char       *option_id)
{
  g_return_val_if_fail (REFRAME_IS_STEP_FIELD (self), NULL);

  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (self->checks, i), "option-id"),
                   option_id) == 0)
      return g_ptr_array_index (self->checks, i);
  return NULL;
}

gboolean
reframe_step_field_focus (ReframeStepField *self)
{
  g_return_val_if_fail (REFRAME_IS_STEP_FIELD (self), FALSE);

  if (self->field->type == REFRAME_FIELD_LIST)
    return reframe_step_list_focus_first (REFRAME_STEP_LIST (self->control));
  if (self->field->type == REFRAME_FIELD_LONG_TEXT)
    return gtk_widget_grab_focus (GTK_WIDGET (reframe_text_area_get_text_view (REFRAME_TEXT_AREA (self->control))));
  if (self->field->type == REFRAME_FIELD_SHORT_TEXT)
    return gtk_widget_grab_focus (self->control);
  return gtk_widget_child_focus (self->box, GTK_DIR_TAB_FORWARD);
}
