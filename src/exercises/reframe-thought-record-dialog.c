/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-thought-record-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-automatic-thought-row.h"
#include "reframe-date.h"
#include "reframe-emotion-rating-row.h"
#include "reframe-feedback-panel.h"
#include "reframe-offline-coach.h"
#include "reframe-text-area.h"
#include "reframe-thinking-traps.h"
#include "reframe-thought-record-dialog.h"
#include "reframe-thought-record-format.h"
#include "reframe-trap-picker.h"
#include "reframe-window.h"

/* Typing is written this long after the last key press; step changes are written at once. */
#define SAVE_DELAY_MS 700

struct _ReframeThoughtRecordDialog
{
  AdwWindow                  parent_instance;

  ReframeThoughtRecordStore *store;
  ReframeThoughtRecord      *record;
  guint                      step;
  guint                      save_source;
  gboolean                   dirty;
  gboolean                   error_shown;
  gboolean                   loading;
  gboolean                   just_finished;

  /* Template widgets */
  AdwWindowTitle            *window_title;
  GtkProgressBar            *progress_bar;
  GtkScrolledWindow         *scroller;
  GtkWidget                 *hot_card;
  GtkLabel                  *hot_label;
  GtkLabel                  *hot_belief_label;
  GtkStack                  *step_stack;
  ReframeTextArea           *situation_area;
  GtkListBox                *emotions_list;
  GtkFlowBox                *emotion_chips;
  GtkToggleButton           *more_emotions_button;
  AdwEntryRow               *custom_emotion_row;
  GtkListBox                *thoughts_list;
  ReframeTrapPicker         *trap_picker;
  ReframeTextArea           *evidence_for_area;
  ReframeTextArea           *evidence_against_area;
  ReframeTextArea           *balanced_area;
  GtkScale                  *balanced_scale;
  GtkAdjustment             *balanced_adjustment;
  GtkListBox                *rerate_list;
  GtkImage                  *summary_icon;
  GtkLabel                  *summary_title;
  GtkLabel                  *summary_description;
  GtkWidget                 *summary_emotions_group;
  GtkListBox                *summary_emotions_list;
  GtkListBox                *summary_list;
  GtkButton                 *next_button;
  GtkWidget                 *trap_suggestions_box;
  GtkLabel                  *trap_suggestions_label;
  ReframeFeedbackPanel      *traps_feedback_panel;
  ReframeFeedbackPanel      *balanced_feedback_panel;
  ReframeFeedbackPanel      *summary_feedback_panel;
};

G_DEFINE_FINAL_TYPE (ReframeThoughtRecordDialog, reframe_thought_record_dialog, ADW_TYPE_WINDOW)

static const char * const step_pages[] = {
  "situation", "emotions", "thoughts", "traps", "evidence-for", "evidence-against", "balanced",
  "rerate", "summary",
};
G_STATIC_ASSERT (G_N_ELEMENTS (step_pages) == REFRAME_THOUGHT_RECORD_N_STEPS + 1);

/* A thought record is mostly about hard feelings: the first few of each hard family are
 * offered at once, the rest (and the pleasant families) after “More Emotions”. */
static const char * const pleasant_families[] = { "joy", "calm", NULL };
#define CHIPS_PER_FAMILY 3

static void rebuild_thoughts_list (ReframeThoughtRecordDialog *self);

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  /* Row by row, so that the placeholder stays. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static char *
format_percent (GtkScale *scale,
                double    value,
                gpointer  user_data)
{
  /* Translators: a percentage, as in “70%” */
  return g_strdup_printf (_("%d%%"), (int) value);
}

static gboolean
is_hot_step (guint step)
{
  return step >= REFRAME_THOUGHT_RECORD_STEP_TRAPS && step <= REFRAME_THOUGHT_RECORD_STEP_RERATE;
}

static void
update_hot_card (ReframeThoughtRecordDialog *self)
{
  const ReframeAutomaticThought *hot = reframe_thought_record_get_hot_thought (self->record);

  gtk_widget_set_visible (self->hot_card, hot != NULL && is_hot_step (self->step));
  if (hot != NULL)
    {
      g_autofree char *text = g_strstrip (g_strdup (hot->text));
      g_autofree char *quoted = NULL;
      g_autofree char *belief = NULL;

      /* Translators: the hot thought in quotation marks */
      quoted = g_strdup_printf (_("“%s”"), text);
      /* Translators: how much the hot thought was believed, e.g. “Believed 90%” */
      belief = g_strdup_printf (_("Believed %d%%"), hot->belief);
      gtk_label_set_text (self->hot_label, quoted);
      /* Long hot thoughts are cut to three lines; the whole of it is a hover away. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->hot_label), text);
      gtk_label_set_text (self->hot_belief_label, belief);
    }
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  ReframeThoughtRecordDialog *self = user_data;

  self->save_source = 0;
  reframe_thought_record_dialog_save (self);

  return G_SOURCE_REMOVE;
}

static void
record_changed (ReframeThoughtRecordDialog *self)
{
  if (self->loading)
    return;

  self->dirty = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);

  update_hot_card (self);
}

static void
situation_changed_cb (ReframeThoughtRecordDialog *self)
{
  if (self->loading)
    return;
  reframe_thought_record_set_situation (self->record,
                                        reframe_text_area_get_text (self->situation_area));
  record_changed (self);
}

static void
evidence_for_changed_cb (ReframeThoughtRecordDialog *self)
{
  if (self->loading)
    return;
  reframe_thought_record_set_evidence_for (self->record,
                                           reframe_text_area_get_text (self->evidence_for_area));
  record_changed (self);
}

static void
evidence_against_changed_cb (ReframeThoughtRecordDialog *self)
{
  if (self->loading)
    return;
  reframe_thought_record_set_evidence_against (
    self->record, reframe_text_area_get_text (self->evidence_against_area));
  record_changed (self);
}

static void
balanced_changed_cb (ReframeThoughtRecordDialog *self)
{
  if (self->loading)
    return;
  reframe_thought_record_set_balanced_thought (self->record,
                                               reframe_text_area_get_text (self->balanced_area));
  record_changed (self);
}

static void
balanced_belief_changed_cb (ReframeThoughtRecordDialog *self)
{
  if (self->loading)
    return;
  reframe_thought_record_set_balanced_belief (
    self->record, (int) gtk_adjustment_get_value (self->balanced_adjustment));
  record_changed (self);
}

static void
traps_changed_cb (ReframeThoughtRecordDialog *self)
{
  g_auto(GStrv) traps = NULL;

  if (self->loading)
    return;
  traps = reframe_trap_picker_get_selected (self->trap_picker);
  reframe_thought_record_set_traps (self->record, (const char * const *) traps);
  record_changed (self);
}

/* Emotions */

static gboolean
has_emotion (ReframeThoughtRecordDialog *self,
             const char                 *id)
{
  GPtrArray *emotions = reframe_thought_record_get_emotions (self->record);

  for (guint i = 0; i < emotions->len; i++)
    {
      const ReframeEmotionRating *rating = g_ptr_array_index (emotions, i);

      if (g_utf8_collate (rating->emotion, id) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
emotion_chip_visible (GtkFlowBoxChild *child,
                      gpointer         user_data)
{
  ReframeThoughtRecordDialog *self = user_data;
  const char *id = g_object_get_data (G_OBJECT (child), "emotion-id");
  gboolean secondary = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "secondary"));

  if (secondary && !gtk_toggle_button_get_active (self->more_emotions_button))
    return FALSE;

  return self->record == NULL || !has_emotion (self, id);
}

static void
more_emotions_toggled_cb (ReframeThoughtRecordDialog *self)
{
  gtk_button_set_label (GTK_BUTTON (self->more_emotions_button),
                        gtk_toggle_button_get_active (self->more_emotions_button)
                          ? _("_Fewer Emotions") : _("_More Emotions"));
  gtk_flow_box_invalidate_filter (self->emotion_chips);
}

static void
emotion_row_changed_cb (ReframeThoughtRecordDialog *self)
{
  record_changed (self);
}

static void
emotion_row_remove_cb (ReframeThoughtRecordDialog *self,
                       ReframeEmotionRatingRow    *row)
{
  GPtrArray *emotions = reframe_thought_record_get_emotions (self->record);
  ReframeEmotionRating *rating = reframe_emotion_rating_row_get_rating (row);
  guint index;

  /* The re-rating rows point into the same array; they are rebuilt on the way to step 8. */
  clear_list (self->rerate_list);
  gtk_list_box_remove (self->emotions_list, GTK_WIDGET (row));
  if (g_ptr_array_find (emotions, rating, &index))
    g_ptr_array_remove_index (emotions, index);

  gtk_flow_box_invalidate_filter (self->emotion_chips);
  record_changed (self);
}

static GtkWidget *
append_emotion_row (ReframeThoughtRecordDialog *self,
                    ReframeEmotionRating       *rating)
{
  GtkWidget *row = reframe_emotion_rating_row_new (rating, FALSE);

  g_signal_connect_object (row, "changed", G_CALLBACK (emotion_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (emotion_row_remove_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (self->emotions_list, row);

  return row;
}

static void
rebuild_emotions_list (ReframeThoughtRecordDialog *self)
{
  GPtrArray *emotions = reframe_thought_record_get_emotions (self->record);

  clear_list (self->rerate_list);
  clear_list (self->emotions_list);
  for (guint i = 0; i < emotions->len; i++)
    append_emotion_row (self, g_ptr_array_index (emotions, i));
  gtk_flow_box_invalidate_filter (self->emotion_chips);
}

static void
add_emotion (ReframeThoughtRecordDialog *self,
             const char                 *id)
{
  ReframeEmotionRating *rating;
  GtkWidget *row;

  if (has_emotion (self, id))
    return;

  clear_list (self->rerate_list);
  rating = reframe_emotion_rating_new (id, 50, -1);
  g_ptr_array_add (reframe_thought_record_get_emotions (self->record), rating);
  row = append_emotion_row (self, rating);
  gtk_flow_box_invalidate_filter (self->emotion_chips);
  record_changed (self);

  /* Straight on to rating it. */
  gtk_widget_grab_focus (
    GTK_WIDGET (reframe_emotion_rating_row_get_scale (REFRAME_EMOTION_RATING_ROW (row))));
}

static void
emotion_chip_activated_cb (ReframeThoughtRecordDialog *self,
                           GtkFlowBoxChild            *child)
{
  add_emotion (self, g_object_get_data (G_OBJECT (child), "emotion-id"));
}

static void
custom_emotion_apply_cb (ReframeThoughtRecordDialog *self)
{
  GtkEditable *editable = GTK_EDITABLE (self->custom_emotion_row);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_autofree char *folded = g_utf8_casefold (text, -1);
  const GPtrArray *catalog = reframe_emotions_get_all ();
  const char *id = text;

  if (*text == '\0')
    return;

  /* A name from the catalog becomes its id, so it reads the same in every language. */
  for (guint i = 0; i < catalog->len; i++)
    {
      const ReframeEmotionInfo *info = g_ptr_array_index (catalog, i);
      g_autofree char *name = g_utf8_casefold (info->name, -1);

      if (g_str_equal (name, folded))
        {
          id = info->id;
          break;
        }
    }

  gtk_editable_set_text (editable, "");
  add_emotion (self, id);
}

static void
populate_emotion_chips (ReframeThoughtRecordDialog *self)
{
  const GPtrArray *catalog = reframe_emotions_get_all ();

  /* Two passes: the first few hard feelings, then the rest behind “More Emotions”. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0, in_family = 0; i < catalog->len; i++, in_family++)
      {
        const ReframeEmotionInfo *info = g_ptr_array_index (catalog, i);
        const ReframeEmotionInfo *previous = i > 0 ? g_ptr_array_index (catalog, i - 1) : NULL;
        gboolean secondary;
        GtkWidget *child;
        GtkWidget *label;

        if (previous != NULL && !g_str_equal (info->family_id, previous->family_id))
          in_family = 0;
        secondary = g_strv_contains (pleasant_families, info->family_id) ||
                    in_family >= CHIPS_PER_FAMILY;
        if (secondary != (pass == 1))
          continue;

        label = gtk_label_new (info->name);
        child = gtk_flow_box_child_new ();
        gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), label);
        g_object_set_data (G_OBJECT (child), "emotion-id", (gpointer) info->id);
        g_object_set_data (G_OBJECT (child), "secondary", GINT_TO_POINTER (secondary));
        gtk_flow_box_append (self->emotion_chips, child);
      }

  gtk_flow_box_set_filter_func (self->emotion_chips, emotion_chip_visible, self, NULL);
}

/* Suggested thinking traps, from the built-in coach, as the thoughts are written. They are
 * worded as possibilities and never ticked for the person. */

static void
add_trap_ids (GPtrArray *ids,
              GPtrArray *matches,
              GPtrArray *kept)
{
  for (guint i = 0; i < matches->len && ids->len < 3; i++)
    {
      ReframeTrapMatch *match = g_ptr_array_index (matches, i);

      if (g_ptr_array_find_with_equal_func (ids, match->trap_id, g_str_equal, NULL))
        continue;
      g_ptr_array_add (ids, (gpointer) match->trap_id);
      g_ptr_array_add (kept, reframe_trap_match_copy (match));
    }
}

static char *
format_suggestion (const ReframeTrapMatch *match)
{
  const ReframeThinkingTrap *trap = reframe_thinking_traps_lookup (match->trap_id);
  g_autoptr(GString) words = g_string_new (NULL);
  g_autofree char *name = NULL;

  for (guint i = 0; match->triggers != NULL && i < match->triggers->len && i < 2; i++)
    {
      const ReframeTrapTrigger *trigger = &g_array_index (match->triggers, ReframeTrapTrigger, i);
      g_autofree char *quoted = NULL;

      if (i > 0)
        /* Translators: joins two quoted words, as in “always” and “never” */
        g_string_append (words, _(" and "));
      /* Translators: a word from the person's thought, in quotation marks */
      quoted = g_strdup_printf (_("“%s”"), trigger->text);
      g_string_append (words, quoted);
    }

  name = g_markup_printf_escaped ("<b>%s</b>", trap != NULL ? trap->name : match->trap_id);
  if (words->len > 0)
    {
      g_autofree char *escaped = g_markup_escape_text (words->str, -1);

      /* Translators: a possible thinking trap and the words that suggested it, e.g.
       * “Overgeneralising might be here, because of “always”” */
      return g_strdup_printf (_("%s might be here, because of %s"), name, escaped);
    }

  /* Translators: a possible thinking trap, e.g. “Labelling might be here” */
  return g_strdup_printf (_("%s might be here"), name);
}

static void
update_trap_suggestions (ReframeThoughtRecordDialog *self)
{
  ReframeOfflineCoach *coach = reframe_offline_coach_get_default ();
  const ReframeAutomaticThought *hot = reframe_thought_record_get_hot_thought (self->record);
  GPtrArray *thoughts = reframe_thought_record_get_thoughts (self->record);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_trap_match_free);
  g_autoptr(GString) markup = g_string_new (NULL);

  /* The hot thought first, then the others. */
  if (hot != NULL && hot->text != NULL)
    {
      g_autoptr(GPtrArray) matches = reframe_offline_coach_detect (coach, hot->text);

      add_trap_ids (ids, matches, kept);
    }
  for (guint i = 0; i < thoughts->len && ids->len < 3; i++)
    {
      const ReframeAutomaticThought *thought = g_ptr_array_index (thoughts, i);
      g_autoptr(GPtrArray) matches = NULL;

      if (thought == hot || thought->text == NULL)
        continue;
      matches = reframe_offline_coach_detect (coach, thought->text);
      add_trap_ids (ids, matches, kept);
    }

  for (guint i = 0; i < kept->len; i++)
    {
      g_autofree char *line = format_suggestion (g_ptr_array_index (kept, i));

      if (i > 0)
        g_string_append_c (markup, '\n');
      g_string_append (markup, line);
    }
  gtk_label_set_markup (self->trap_suggestions_label, markup->str);
  gtk_widget_set_visible (self->trap_suggestions_box, kept->len > 0);

  g_ptr_array_add (ids, NULL);
  reframe_thought_record_dialog_set_suggested_traps (self, (const char * const *) ids->pdata);
}

/* Feedback */

static void
update_feedback_record (ReframeThoughtRecordDialog *self)
{
  const char *uuid = reframe_thought_record_get_uuid (self->record);

  reframe_feedback_panel_set_record_uuid (self->traps_feedback_panel, uuid);
  reframe_feedback_panel_set_record_uuid (self->balanced_feedback_panel, uuid);
  reframe_feedback_panel_set_record_uuid (self->summary_feedback_panel, uuid);
}

static void
request_feedback (ReframeThoughtRecordDialog *self,
                  ReframeFeedbackPanel       *panel)
{
  /* The answers belong to the record, so it is written first. */
  if (!reframe_thought_record_dialog_save (self))
    return;

  if (reframe_thought_record_get_uuid (self->record) == NULL)
    {
      reframe_widget_add_toast (GTK_WIDGET (self),
                                adw_toast_new (_("Write something first, then ask for feedback")));
      return;
    }

  update_feedback_record (self);
  reframe_feedback_panel_request_for_thought_record (panel, self->record);
}

static void
traps_feedback_requested_cb (ReframeThoughtRecordDialog *self)
{
  request_feedback (self, self->traps_feedback_panel);
}

static void
balanced_feedback_requested_cb (ReframeThoughtRecordDialog *self)
{
  request_feedback (self, self->balanced_feedback_panel);
}

static void
summary_feedback_requested_cb (ReframeThoughtRecordDialog *self)
{
  request_feedback (self, self->summary_feedback_panel);
}

static void
help_traps_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ReframeThoughtRecordDialog *self = REFRAME_THOUGHT_RECORD_DIALOG (widget);

  if (!reframe_feedback_panel_get_busy (self->traps_feedback_panel))
    request_feedback (self, self->traps_feedback_panel);
}

static void
help_balanced_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ReframeThoughtRecordDialog *self = REFRAME_THOUGHT_RECORD_DIALOG (widget);

  if (!reframe_feedback_panel_get_busy (self->balanced_feedback_panel))
    request_feedback (self, self->balanced_feedback_panel);
}

/* Thoughts */

static void
ensure_one_hot (ReframeThoughtRecordDialog *self)
{
  GPtrArray *thoughts = reframe_thought_record_get_thoughts (self->record);
  ReframeAutomaticThought *best = NULL;
  gboolean found = FALSE;

  for (guint i = 0; i < thoughts->len; i++)
    {
      ReframeAutomaticThought *thought = g_ptr_array_index (thoughts, i);

      if (thought->hot && found)
        thought->hot = FALSE;
      found |= thought->hot;
      if (best == NULL || thought->belief > best->belief)
        best = thought;
    }

  if (!found && best != NULL)
    best->hot = TRUE;
}

static void
thought_row_changed_cb (ReframeThoughtRecordDialog *self)
{
  record_changed (self);
  update_trap_suggestions (self);
}

static void
update_thought_rows_removable (ReframeThoughtRecordDialog *self)
{
  GtkListBoxRow *row;
  gboolean several = gtk_list_box_get_row_at_index (self->thoughts_list, 1) != NULL;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->thoughts_list, i)) != NULL; i++)
    reframe_automatic_thought_row_set_removable (REFRAME_AUTOMATIC_THOUGHT_ROW (row), several);
}

static void
thought_row_remove_cb (ReframeThoughtRecordDialog *self,
                       ReframeAutomaticThoughtRow *row)
{
  GPtrArray *thoughts = reframe_thought_record_get_thoughts (self->record);
  ReframeAutomaticThought *thought = reframe_automatic_thought_row_get_thought (row);
  gboolean was_hot = thought->hot;
  guint index;

  gtk_list_box_remove (self->thoughts_list, GTK_WIDGET (row));
  if (g_ptr_array_find (thoughts, thought, &index))
    g_ptr_array_remove_index (thoughts, index);

  if (was_hot)
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->thoughts_list, 0);

      /* The star moves on; its handler marks the thought. */
      if (first != NULL)
        reframe_automatic_thought_row_set_hot (REFRAME_AUTOMATIC_THOUGHT_ROW (first), TRUE);
    }

  update_thought_rows_removable (self);
  record_changed (self);
}

static GtkWidget *
append_thought_row (ReframeThoughtRecordDialog *self,
                    ReframeAutomaticThought    *thought)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->thoughts_list, 0);
  GtkWidget *row = reframe_automatic_thought_row_new (thought);

  if (first != NULL)
    reframe_automatic_thought_row_set_group (REFRAME_AUTOMATIC_THOUGHT_ROW (row),
                                             REFRAME_AUTOMATIC_THOUGHT_ROW (first));
  g_signal_connect_object (row, "changed", G_CALLBACK (thought_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (thought_row_remove_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (self->thoughts_list, row);

  return row;
}

static void
add_thought_clicked_cb (ReframeThoughtRecordDialog *self)
{
  GPtrArray *thoughts = reframe_thought_record_get_thoughts (self->record);
  ReframeAutomaticThought *thought;
  GtkWidget *row;

  thought = reframe_automatic_thought_new ("", 50, thoughts->len == 0);
  g_ptr_array_add (thoughts, thought);
  row = append_thought_row (self, thought);
  update_thought_rows_removable (self);
  record_changed (self);

  gtk_widget_grab_focus (GTK_WIDGET (
    reframe_automatic_thought_row_get_text_area (REFRAME_AUTOMATIC_THOUGHT_ROW (row))));
}

static void
rebuild_thoughts_list (ReframeThoughtRecordDialog *self)
{
  GPtrArray *thoughts = reframe_thought_record_get_thoughts (self->record);
  gboolean was_loading = self->loading;

  /* There is always a field to write in. */
  if (thoughts->len == 0)
    g_ptr_array_add (thoughts, reframe_automatic_thought_new ("", 50, TRUE));
  ensure_one_hot (self);

  self->loading = TRUE;
  clear_list (self->thoughts_list);
  for (guint i = 0; i < thoughts->len; i++)
    append_thought_row (self, g_ptr_array_index (thoughts, i));
  update_thought_rows_removable (self);
  self->loading = was_loading;
}

static void
prune_empty_thoughts (ReframeThoughtRecordDialog *self)
{
  GPtrArray *thoughts = reframe_thought_record_get_thoughts (self->record);
  gboolean pruned = FALSE;

  /* The rows point at these thoughts: drop the rows first. */
  clear_list (self->thoughts_list);

  for (guint i = thoughts->len; i > 0; i--)
    {
      ReframeAutomaticThought *thought = g_ptr_array_index (thoughts, i - 1);
      g_autofree char *text = g_strstrip (g_strdup (thought->text));

      if (*text == '\0')
        {
          g_ptr_array_remove_index (thoughts, i - 1);
          pruned = TRUE;
        }
    }

  ensure_one_hot (self);
  if (pruned)
    self->dirty = TRUE;
}

/* Re-rating */

static void
rebuild_rerate_list (ReframeThoughtRecordDialog *self)
{
  GPtrArray *emotions = reframe_thought_record_get_emotions (self->record);

  clear_list (self->rerate_list);
  for (guint i = 0; i < emotions->len; i++)
    {
      GtkWidget *row = reframe_emotion_rating_row_new (g_ptr_array_index (emotions, i), TRUE);

      g_signal_connect_object (row, "changed", G_CALLBACK (emotion_row_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->rerate_list, row);
    }
}

/* Summary */

static void
summary_row_activated_cb (ReframeThoughtRecordDialog *self,
                          GtkListBoxRow              *row)
{
  guint step = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "step"));

  reframe_thought_record_dialog_set_step (self, step);
}

static void
add_summary_row (ReframeThoughtRecordDialog *self,
                 guint                       step,
                 const char                 *title,
                 const char                 *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               *stripped != '\0' ? stripped : _("Not filled in"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Edit This Step"));
  g_object_set_data (G_OBJECT (row), "step", GUINT_TO_POINTER (step));
  gtk_list_box_append (self->summary_list, row);
}

static char *
format_thought (const char *text,
                int         belief)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (*stripped == '\0')
    return g_strdup ("");
  if (belief < 0)
    return g_steal_pointer (&stripped);
  /* Translators: a thought and how much it is believed, e.g. “I'll fail (90%)” */
  return g_strdup_printf (_("%s (%d%%)"), stripped, belief);
}

static void
rebuild_summary (ReframeThoughtRecordDialog *self)
{
  GPtrArray *emotions = reframe_thought_record_get_emotions (self->record);
  const ReframeAutomaticThought *hot = reframe_thought_record_get_hot_thought (self->record);
  const char * const *traps = reframe_thought_record_get_traps (self->record);
  g_autoptr(GString) trap_names = g_string_new (NULL);
  g_autofree char *hot_text = NULL;
  g_autofree char *balanced_text = NULL;

  if (self->just_finished)
    {
      gtk_label_set_text (self->summary_title, _("Well Done"));
      gtk_label_set_text (self->summary_description,
                          _("You slowed down and looked at a difficult thought from more than "
                            "one side. That gets easier with practice."));
    }
  else
    {
      GDateTime *created = reframe_thought_record_get_created_at (self->record);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *day = created ? reframe_date_format_day (created, now) : NULL;
      g_autofree char *time = created ? reframe_date_format_time (created) : NULL;
      g_autofree char *written = NULL;

      gtk_label_set_text (self->summary_title, _("Your Thought Record"));
      /* Translators: a day and a time, e.g. “Yesterday, 14:05” */
      written = day ? g_strdup_printf (_("%s, %s"), day, time) : NULL;
      gtk_label_set_text (self->summary_description, written ? written : "");
    }
  gtk_image_set_from_icon_name (self->summary_icon,
                                self->just_finished ? "emblem-ok-symbolic"
                                                    : "reframe-thought-symbolic");
  if (self->just_finished)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), "finished");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "finished");

  clear_list (self->summary_emotions_list);
  for (guint i = 0; i < emotions->len; i++)
    {
      const ReframeEmotionRating *rating = g_ptr_array_index (emotions, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value;
      g_autofree char *text = NULL;

      if (rating->after >= 0)
        /* Translators: an emotion's intensity before and after, e.g. “80 → 40” */
        text = g_strdup_printf (_("%d → %d"), rating->intensity, rating->after);
      else
        text = g_strdup_printf ("%d", rating->intensity);
      value = gtk_label_new (text);
      gtk_widget_add_css_class (value, "numeric");
      if (rating->after >= 0 && rating->after < rating->intensity)
        gtk_widget_add_css_class (value, "emotion-eased");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     reframe_emotions_get_name (rating->emotion));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->summary_emotions_list, row);
    }
  gtk_widget_set_visible (self->summary_emotions_group, emotions->len > 0);

  for (guint i = 0; traps[i] != NULL; i++)
    {
      const ReframeThinkingTrap *trap = reframe_thinking_traps_lookup (traps[i]);

      if (trap == NULL)
        continue;
      if (trap_names->len > 0)
        /* Translators: separates the names in a list of thinking traps */
        g_string_append (trap_names, _(", "));
      g_string_append (trap_names, trap->name);
    }

  hot_text = hot ? format_thought (hot->text, hot->belief) : NULL;
  balanced_text = format_thought (reframe_thought_record_get_balanced_thought (self->record),
                                  reframe_thought_record_get_balanced_belief (self->record));

  clear_list (self->summary_list);
  add_summary_row (self, REFRAME_THOUGHT_RECORD_STEP_SITUATION, _("Situation"),
                   reframe_thought_record_get_situation (self->record));
  add_summary_row (self, REFRAME_THOUGHT_RECORD_STEP_THOUGHTS, _("Hot Thought"), hot_text);
  add_summary_row (self, REFRAME_THOUGHT_RECORD_STEP_TRAPS, _("Thinking Traps"), trap_names->str);
  add_summary_row (self, REFRAME_THOUGHT_RECORD_STEP_EVIDENCE_FOR, _("Evidence For"),
                   reframe_thought_record_get_evidence_for (self->record));
  add_summary_row (self, REFRAME_THOUGHT_RECORD_STEP_EVIDENCE_AGAINST, _("Evidence Against"),
                   reframe_thought_record_get_evidence_against (self->record));
  add_summary_row (self, REFRAME_THOUGHT_RECORD_STEP_BALANCED, _("Balanced Thought"),
                   balanced_text);
}

/* Steps */

static void
load_record (ReframeThoughtRecordDialog *self)
{
  ReframeThoughtRecord *record = self->record;
  int belief = reframe_thought_record_get_balanced_belief (record);

  self->loading = TRUE;
  reframe_text_area_set_text (self->situation_area, reframe_thought_record_get_situation (record));
  rebuild_emotions_list (self);
  reframe_trap_picker_set_selected (self->trap_picker, reframe_thought_record_get_traps (record));
  reframe_text_area_set_text (self->evidence_for_area,
                              reframe_thought_record_get_evidence_for (record));
  reframe_text_area_set_text (self->evidence_against_area,
                              reframe_thought_record_get_evidence_against (record));
  reframe_text_area_set_text (self->balanced_area,
                              reframe_thought_record_get_balanced_thought (record));
  gtk_adjustment_set_value (self->balanced_adjustment, belief >= 0 ? belief : 50);
  self->loading = FALSE;
}

static void
leave_step (ReframeThoughtRecordDialog *self)
{
  switch (self->step)
    {
    case REFRAME_THOUGHT_RECORD_STEP_THOUGHTS:
      prune_empty_thoughts (self);
      break;

    case REFRAME_THOUGHT_RECORD_STEP_BALANCED:
      /* The slider starts in the middle; leaving it there is an answer too. */
      if (reframe_thought_record_get_balanced_belief (self->record) < 0 &&
          reframe_text_area_get_text (self->balanced_area)[0] != '\0')
        {
          int belief = (int) gtk_adjustment_get_value (self->balanced_adjustment);

          reframe_thought_record_set_balanced_belief (self->record, belief);
          self->dirty = TRUE;
        }
      break;

    case REFRAME_THOUGHT_RECORD_STEP_SITUATION:
    case REFRAME_THOUGHT_RECORD_STEP_EMOTIONS:
    case REFRAME_THOUGHT_RECORD_STEP_TRAPS:
    case REFRAME_THOUGHT_RECORD_STEP_EVIDENCE_FOR:
    case REFRAME_THOUGHT_RECORD_STEP_EVIDENCE_AGAINST:
    case REFRAME_THOUGHT_RECORD_STEP_RERATE:
    case REFRAME_THOUGHT_RECORD_N_STEPS:
    default:
      break;
    }
}

static void
enter_step (ReframeThoughtRecordDialog *self)
{
  switch (self->step)
    {
    case REFRAME_THOUGHT_RECORD_STEP_THOUGHTS:
      rebuild_thoughts_list (self);
      break;

    case REFRAME_THOUGHT_RECORD_STEP_TRAPS:
      update_trap_suggestions (self);
      break;

    case REFRAME_THOUGHT_RECORD_STEP_RERATE:
      rebuild_rerate_list (self);
      break;

    case REFRAME_THOUGHT_RECORD_N_STEPS:
      rebuild_summary (self);
      break;

    case REFRAME_THOUGHT_RECORD_STEP_SITUATION:
    case REFRAME_THOUGHT_RECORD_STEP_EMOTIONS:
    case REFRAME_THOUGHT_RECORD_STEP_EVIDENCE_FOR:
    case REFRAME_THOUGHT_RECORD_STEP_EVIDENCE_AGAINST:
    case REFRAME_THOUGHT_RECORD_STEP_BALANCED:
    default:
      break;
    }
}

static void
update_chrome (ReframeThoughtRecordDialog *self)
{
  gboolean summary = self->step == REFRAME_THOUGHT_RECORD_DIALOG_SUMMARY;
  const char *next_label;
  double fraction;

  if (summary)
    {
      adw_window_title_set_title (self->window_title, _("Summary"));
      adw_window_title_set_subtitle (self->window_title, _("Thought Record"));
      next_label = _("_Done");
    }
  else
    {
      g_autofree char *subtitle = NULL;

      /* Translators: progress through the thought record, e.g. “Step 3 of 8” */
      subtitle = g_strdup_printf (_("Step %u of %u"), self->step + 1,
                                  (guint) REFRAME_THOUGHT_RECORD_N_STEPS);
      adw_window_title_set_title (self->window_title,
                                  reframe_thought_record_step_title (self->step));
      adw_window_title_set_subtitle (self->window_title, subtitle);
      next_label = self->step == REFRAME_THOUGHT_RECORD_STEP_RERATE ? _("_Finish") : _("_Next");
    }

  gtk_button_set_label (self->next_button, next_label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button),
                               summary ? NULL : _("Next Step (Alt+Right)"));
  fraction = summary ? 1.0 : (double) (self->step + 1) / REFRAME_THOUGHT_RECORD_N_STEPS;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.back", self->step > 0);
  update_hot_card (self);
}

static void
focus_step (ReframeThoughtRecordDialog *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->step_stack);

  if (self->step == REFRAME_THOUGHT_RECORD_STEP_THOUGHTS)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->thoughts_list, 0);

      if (row != NULL)
        {
          ReframeAutomaticThoughtRow *thought_row = REFRAME_AUTOMATIC_THOUGHT_ROW (row);

          gtk_widget_grab_focus (
            GTK_WIDGET (reframe_automatic_thought_row_get_text_area (thought_row)));
          return;
        }
    }
  else if (self->step == REFRAME_THOUGHT_RECORD_DIALOG_SUMMARY)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
      return;
    }

  /* Otherwise the first field of the step. */
  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
show_step (ReframeThoughtRecordDialog *self,
           guint                       step)
{
  g_assert (step <= REFRAME_THOUGHT_RECORD_DIALOG_SUMMARY);

  leave_step (self);
  self->step = step;
  if (step < REFRAME_THOUGHT_RECORD_N_STEPS &&
      reframe_thought_record_get_step (self->record) != (ReframeThoughtRecordStep) step)
    {
      reframe_thought_record_set_step (self->record, step);
      self->dirty = TRUE;
    }
  enter_step (self);

  gtk_stack_set_visible_child_name (self->step_stack, step_pages[step]);
  update_chrome (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  focus_step (self);
}

static void
finish (ReframeThoughtRecordDialog *self)
{
  GPtrArray *emotions = reframe_thought_record_get_emotions (self->record);

  if (!reframe_thought_record_has_content (self->record) &&
      reframe_thought_record_get_uuid (self->record) == NULL)
    {
      /* Nothing was written: there is nothing to keep. */
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* An untouched slider sits at the first rating: that is the re-rating. */
  for (guint i = 0; i < emotions->len; i++)
    {
      ReframeEmotionRating *rating = g_ptr_array_index (emotions, i);

      if (rating->after < 0)
        rating->after = rating->intensity;
    }
  reframe_thought_record_set_completed (self->record, TRUE);
  self->dirty = TRUE;
  self->error_shown = FALSE;

  if (!reframe_thought_record_dialog_save (self))
    return;

  self->just_finished = TRUE;
  show_step (self, REFRAME_THOUGHT_RECORD_DIALOG_SUMMARY);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ReframeThoughtRecordDialog *self = REFRAME_THOUGHT_RECORD_DIALOG (widget);

  if (self->step == REFRAME_THOUGHT_RECORD_DIALOG_SUMMARY)
    gtk_window_close (GTK_WINDOW (self));
  else if (self->step == REFRAME_THOUGHT_RECORD_STEP_RERATE)
    finish (self);
  else
    reframe_thought_record_dialog_set_step (self, self->step + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ReframeThoughtRecordDialog *self = REFRAME_THOUGHT_RECORD_DIALOG (widget);

  if (self->step > 0)
    reframe_thought_record_dialog_set_step (self, self->step - 1);
}

static gboolean
reframe_thought_record_dialog_close_request (GtkWindow *window)
{
  ReframeThoughtRecordDialog *self = REFRAME_THOUGHT_RECORD_DIALOG (window);

  leave_step (self);
  self->error_shown = FALSE;
  if (!reframe_thought_record_dialog_save (self))
    {
      /* Stay open with everything in it; the error says why. */
      enter_step (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (reframe_thought_record_dialog_parent_class)->close_request (window);
}

static void
reframe_thought_record_dialog_dispose (GObject *object)
{
  ReframeThoughtRecordDialog *self = (ReframeThoughtRecordDialog *)object;

  /* Destroyed without a close request (the app quit): still keep what was typed. */
  if (self->dirty && self->store != NULL && self->record != NULL &&
      (reframe_thought_record_get_uuid (self->record) != NULL ||
       reframe_thought_record_has_content (self->record)))
    {
      g_autoptr(GError) error = NULL;

      if (!reframe_thought_record_store_save (self->store, self->record, &error))
        g_message ("Could not save the thought record: %s", error->message);
      self->dirty = FALSE;
    }
  g_clear_handle_id (&self->save_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_THOUGHT_RECORD_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (reframe_thought_record_dialog_parent_class)->dispose (object);
}

static void
reframe_thought_record_dialog_class_init (ReframeThoughtRecordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = reframe_thought_record_dialog_dispose;
  window_class->close_request = reframe_thought_record_dialog_close_request;

  g_type_ensure (REFRAME_TYPE_TEXT_AREA);
  g_type_ensure (REFRAME_TYPE_TRAP_PICKER);
  g_type_ensure (REFRAME_TYPE_FEEDBACK_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/exercises/reframe-thought-record-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, hot_card);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, hot_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, hot_belief_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, step_stack);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, situation_area);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, emotions_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, emotion_chips);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, more_emotions_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, custom_emotion_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, thoughts_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, trap_picker);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, evidence_for_area);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, evidence_against_area);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, balanced_area);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, balanced_scale);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, balanced_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, rerate_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, summary_title);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, summary_description);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, summary_emotions_group);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, summary_emotions_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, summary_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, trap_suggestions_box);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, trap_suggestions_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, traps_feedback_panel);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, balanced_feedback_panel);
  gtk_widget_class_bind_template_child (widget_class, ReframeThoughtRecordDialog, summary_feedback_panel);
  gtk_widget_class_bind_template_callback (widget_class, traps_feedback_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, balanced_feedback_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, summary_feedback_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, situation_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, evidence_for_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, evidence_against_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, balanced_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, balanced_belief_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, traps_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, emotion_chip_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, more_emotions_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_emotion_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_thought_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, summary_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "record.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "record.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "record.help-traps", NULL, help_traps_action);
  gtk_widget_class_install_action (widget_class, "record.help-balanced", NULL,
                                   help_balanced_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reframe_thought_record_dialog_init (ReframeThoughtRecordDialog *self)
{
  GtkEventController *shortcuts;
  GtkShortcutTrigger *trigger;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_scale_set_format_value_func (self->balanced_scale, format_percent, NULL, NULL);
  reframe_feedback_panel_set_show_intro (self->traps_feedback_panel, FALSE);
  reframe_feedback_panel_set_show_intro (self->balanced_feedback_panel, FALSE);
  populate_emotion_chips (self);

  /* In the capture phase, so that Back and Next work from inside a text field too. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  trigger = gtk_shortcut_trigger_parse_string ("<Alt>Left|<Control>Page_Up");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("record.back")));
  trigger = gtk_shortcut_trigger_parse_string ("<Alt>Right|<Control>Page_Down");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("record.next")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

ReframeThoughtRecordDialog *
reframe_thought_record_dialog_new (GtkWindow                 *parent,
                                   ReframeThoughtRecordStore *store,
                                   ReframeThoughtRecord      *record)
{
  ReframeThoughtRecordDialog *self;
  guint step;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD_STORE (store), NULL);
  g_return_val_if_fail (!record || REFRAME_IS_THOUGHT_RECORD (record), NULL);

  self = g_object_new (REFRAME_TYPE_THOUGHT_RECORD_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->record = record ? g_object_ref (record) : reframe_thought_record_new ();

  load_record (self);
  update_feedback_record (self);

  if (reframe_thought_record_get_completed (self->record))
    step = REFRAME_THOUGHT_RECORD_DIALOG_SUMMARY;
  else
    step = reframe_thought_record_get_step (self->record);

  /* Not leaving anything yet: no pruning on the way in. */
  self->step = step;
  enter_step (self);
  gtk_stack_set_visible_child_name (self->step_stack, step_pages[step]);
  update_chrome (self);
  focus_step (self);

  return self;
}

ReframeThoughtRecord *
reframe_thought_record_dialog_get_record (ReframeThoughtRecordDialog *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD_DIALOG (self), NULL);
  return self->record;
}

guint
reframe_thought_record_dialog_get_step (ReframeThoughtRecordDialog *self)
{
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD_DIALOG (self), 0);
  return self->step;
}

void
reframe_thought_record_dialog_set_step (ReframeThoughtRecordDialog *self,
                                        guint                       step)
{
  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD_DIALOG (self));
  g_return_if_fail (step <= REFRAME_THOUGHT_RECORD_DIALOG_SUMMARY);

  if (step == self->step)
    return;

  show_step (self, step);
  reframe_thought_record_dialog_save (self);
}

void
reframe_thought_record_dialog_set_suggested_traps (ReframeThoughtRecordDialog *self,
                                                   const char * const         *trap_ids)
{
  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD_DIALOG (self));

  reframe_trap_picker_set_suggested (self->trap_picker, trap_ids);
}

gboolean
reframe_thought_record_dialog_save (ReframeThoughtRecordDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD_DIALOG (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (!self->dirty)
    return TRUE;

  /* A record is only created once the person has entered something. */
  if (reframe_thought_record_get_uuid (self->record) == NULL &&
      !reframe_thought_record_has_content (self->record))
    return TRUE;

  if (!reframe_thought_record_store_save (self->store, self->record, &error))
    {
      /* Everything stays in the dialog; say so once, not on every pause in typing. */
      if (!self->error_shown)
        reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Save the Thought Record"),
                                   error);
      self->error_shown = TRUE;
      return FALSE;
    }

  self->dirty = FALSE;
  self->error_shown = FALSE;
  update_feedback_record (self);
  return TRUE;
}
