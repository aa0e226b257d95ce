/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-emotion-picker"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "reframe-chip.h"
#include "reframe-emotion-picker.h"
#include "reframe-emotions.h"
#include "reframe-wrap-box.h"

#define DEFAULT_INTENSITY 50

struct _ReframeEmotionPicker
{
  GtkWidget    parent_instance;

  GtkListBox  *selected_list;
  GtkWidget   *families_box;
  GtkWidget   *custom_box;
  GtkWidget   *custom_flow;
  GtkWidget   *add_list;
  AdwEntryRow *add_row;

  GHashTable  *chips;   /* emotion → ReframeChip */
  GHashTable  *rows;    /* emotion → GtkListBoxRow with its slider */
  GPtrArray   *order;   /* picked emotions, in the order they were picked */
  gboolean     updating;
};

G_DEFINE_FINAL_TYPE (ReframeEmotionPicker, reframe_emotion_picker, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (ReframeEmotionPicker *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static GtkRange *
row_get_scale (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "scale");
}

static void
intensity_changed_cb (GtkRange             *scale,
                      ReframeEmotionPicker *self)
{
  GtkLabel *value_label = g_object_get_data (G_OBJECT (scale), "value-label");
  g_autofree char *text = NULL;

  /* Translators: an emotion's intensity, 0–100 */
  text = g_strdup_printf (_("%d%%"), (int) gtk_range_get_value (scale));
  gtk_label_set_label (value_label, text);
  emit_changed (self);
}

static void
remove_clicked_cb (GtkButton            *button,
                   ReframeEmotionPicker *self)
{
  const char *emotion = g_object_get_data (G_OBJECT (button), "emotion");
  GtkToggleButton *chip = g_hash_table_lookup (self->chips, emotion);

  if (chip != NULL)
    gtk_toggle_button_set_active (chip, FALSE);
}

static GtkWidget *
create_intensity_row (ReframeEmotionPicker *self,
                      const char           *emotion,
                      const char           *name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 100, 5);
  g_autofree char *remove_tooltip = NULL;
  g_autofree char *scale_label = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "intensity-row");

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (top), label);

  gtk_widget_add_css_class (value_label, "dim-label");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_box_append (GTK_BOX (top), value_label);

  /* Translators: tooltip of the button that un-picks an emotion, e.g. "Remove Sad" */
  remove_tooltip = g_strdup_printf (_("Remove %s"), name);
  gtk_widget_set_tooltip_text (remove, remove_tooltip);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (remove), "emotion", g_strdup (emotion), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), remove);
  gtk_box_append (GTK_BOX (box), top);

  /* Translators: accessible name of an emotion's slider, e.g. "How strong: Sad" */
  scale_label = g_strdup_printf (_("How strong: %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, scale_label,
                                  -1);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_range_set_increments (GTK_RANGE (scale), 5, 10);
  gtk_widget_set_margin_end (scale, 6);
  g_object_set_data (G_OBJECT (scale), "value-label", value_label);
  g_signal_connect (scale, "value-changed", G_CALLBACK (intensity_changed_cb), self);
  gtk_range_set_value (GTK_RANGE (scale), DEFAULT_INTENSITY);
  gtk_box_append (GTK_BOX (box), scale);

  g_object_set_data (G_OBJECT (row), "scale", scale);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
chip_toggled_cb (ReframeChip          *chip,
                 ReframeEmotionPicker *self)
{
  const char *emotion = reframe_chip_get_value (chip);

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (chip)))
    {
      GtkWidget *row;

      if (g_hash_table_contains (self->rows, emotion))
        return;

      row = create_intensity_row (self, emotion, reframe_chip_get_text (chip));
      g_hash_table_insert (self->rows, g_strdup (emotion), row);
      g_ptr_array_add (self->order, g_strdup (emotion));
      gtk_list_box_append (self->selected_list, row);
    }
  else
    {
      GtkWidget *row = g_hash_table_lookup (self->rows, emotion);

      if (row == NULL)
        return;

      for (guint i = 0; i < self->order->len; i++)
        if (g_str_equal (g_ptr_array_index (self->order, i), emotion))
          {
            g_ptr_array_remove_index (self->order, i);
            break;
          }
      gtk_list_box_remove (self->selected_list, row);
      g_hash_table_remove (self->rows, emotion);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->selected_list), self->order->len > 0);
  emit_changed (self);
}

static GtkWidget *
add_chip (ReframeEmotionPicker *self,
          GtkWidget            *flow,
          const char           *text,
          const char           *emotion)
{
  GtkWidget *chip = reframe_chip_new (text, emotion);
  g_autofree char *name = g_strdup_printf ("emotion-%s", emotion);

  gtk_widget_set_name (chip, name);
  g_signal_connect (chip, "toggled", G_CALLBACK (chip_toggled_cb), self);
  reframe_wrap_box_append (REFRAME_WRAP_BOX (flow), chip);
  g_hash_table_insert (self->chips, g_strdup (emotion), chip);

  return chip;
}

static GtkWidget *
create_section (const char  *title,
                GtkWidget  **flow_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *flow = reframe_wrap_box_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), flow);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (flow),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);

  *flow_out = flow;
  return box;
}

static const char *
find_catalog_id_by_name (const char *name)
{
  const GPtrArray *all = reframe_emotions_get_all ();
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < all->len; i++)
    {
      const ReframeEmotionInfo *info = g_ptr_array_index (all, i);
      g_autofree char *info_folded = g_utf8_casefold (info->name, -1);

      if (g_str_equal (folded, info_folded) || g_str_equal (name, info->id))
        return info->id;
    }

  return NULL;
}

static GtkToggleButton *
ensure_chip (ReframeEmotionPicker *self,
             const char           *emotion)
{
  GtkWidget *chip = g_hash_table_lookup (self->chips, emotion);

  if (chip == NULL)
    {
      chip = add_chip (self, self->custom_flow, emotion, emotion);
      gtk_widget_set_visible (self->custom_box, TRUE);
    }

  return GTK_TOGGLE_BUTTON (chip);
}

static void
add_row_apply_cb (AdwEntryRow          *row,
                  ReframeEmotionPicker *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  const char *catalog_id;

  if (*text == '\0')
    return;

  catalog_id = find_catalog_id_by_name (text);
  gtk_toggle_button_set_active (ensure_chip (self, catalog_id ? catalog_id : text), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
reframe_emotion_picker_dispose (GObject *object)
{
  ReframeEmotionPicker *self = (ReframeEmotionPicker *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (reframe_emotion_picker_parent_class)->dispose (object);
}

static void
reframe_emotion_picker_finalize (GObject *object)
{
  ReframeEmotionPicker *self = (ReframeEmotionPicker *)object;

  g_clear_pointer (&self->chips, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);

  G_OBJECT_CLASS (reframe_emotion_picker_parent_class)->finalize (object);
}

static void
reframe_emotion_picker_class_init (ReframeEmotionPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_emotion_picker_dispose;
  object_class->finalize = reframe_emotion_picker_finalize;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "emotionpicker");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
reframe_emotion_picker_init (ReframeEmotionPicker *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  const GPtrArray *all = reframe_emotions_get_all ();
  const char *family = NULL;
  GtkWidget *flow = NULL;
  GtkWidget *section;

  self->chips = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->order = g_ptr_array_new_with_free_func (g_free);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 18);

  self->selected_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->selected_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->selected_list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->selected_list), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->selected_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Picked emotions"),
                                  -1);
  gtk_widget_set_parent (GTK_WIDGET (self->selected_list), GTK_WIDGET (self));

  self->families_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->families_box, GTK_WIDGET (self));

  for (guint i = 0; i < all->len; i++)
    {
      const ReframeEmotionInfo *info = g_ptr_array_index (all, i);

      /* The catalog lists each family's emotions together. */
      if (info->family_id != family)
        {
          family = info->family_id;
          section = create_section (info->family_name, &flow);
          gtk_box_append (GTK_BOX (self->families_box), section);
        }
      add_chip (self, flow, info->name, info->id);
    }

  /* Translators: heading over emotions the person typed themselves */
  self->custom_box = create_section (_("Your Own"), &self->custom_flow);
  gtk_widget_set_visible (self->custom_box, FALSE);
  gtk_box_append (GTK_BOX (self->families_box), self->custom_box);

  self->add_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->add_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->add_list, "boxed-list");
  self->add_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row),
                                 _("Another Emotion"));
  adw_entry_row_set_show_apply_button (self->add_row, TRUE);
  g_signal_connect (self->add_row, "apply", G_CALLBACK (add_row_apply_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (self->add_list), GTK_WIDGET (self->add_row));
  gtk_widget_set_parent (self->add_list, GTK_WIDGET (self));
}

GtkWidget *
reframe_emotion_picker_new (void)
{
  return g_object_new (REFRAME_TYPE_EMOTION_PICKER, NULL);
}

void
reframe_emotion_picker_set_ratings (ReframeEmotionPicker *self,
                                    GPtrArray            *ratings)
{
  GHashTableIter iter;
  gpointer chip;

  g_return_if_fail (REFRAME_IS_EMOTION_PICKER (self));

  self->updating = TRUE;

  g_hash_table_iter_init (&iter, self->chips);
  while (g_hash_table_iter_next (&iter, NULL, &chip))
    gtk_toggle_button_set_active (chip, FALSE);

  for (guint i = 0; ratings != NULL && i < ratings->len; i++)
    {
      const ReframeEmotionRating *rating = g_ptr_array_index (ratings, i);
      GtkWidget *row;

      gtk_toggle_button_set_active (ensure_chip (self, rating->emotion), TRUE);
      row = g_hash_table_lookup (self->rows, rating->emotion);
      if (row != NULL)
        gtk_range_set_value (row_get_scale (row), rating->intensity);
    }

  self->updating = FALSE;
  emit_changed (self);
}

GPtrArray *
reframe_emotion_picker_dup_ratings (ReframeEmotionPicker *self)
{
  GPtrArray *ratings;

  g_return_val_if_fail (REFRAME_IS_EMOTION_PICKER (self), NULL);

  ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_emotion_rating_free);
  for (guint i = 0; i < self->order->len; i++)
    {
      const char *emotion = g_ptr_array_index (self->order, i);
      GtkWidget *row = g_hash_table_lookup (self->rows, emotion);

      g_ptr_array_add (ratings, reframe_emotion_rating_new (
        emotion, (int) gtk_range_get_value (row_get_scale (row)), -1));
    }

  return ratings;
}

GtkWidget *
reframe_emotion_picker_get_chip (ReframeEmotionPicker *self,
                                 const char           *emotion)
{
  g_return_val_if_fail (REFRAME_IS_EMOTION_PICKER (self), NULL);
  g_return_val_if_fail (emotion != NULL, NULL);

  return g_hash_table_lookup (self->chips, emotion);
}

GtkWidget *
reframe_emotion_picker_get_intensity_scale (ReframeEmotionPicker *self,
                                            const char           *emotion)
{
  GtkWidget *row;

  g_return_val_if_fail (REFRAME_IS_EMOTION_PICKER (self), NULL);
  g_return_val_if_fail (emotion != NULL, NULL);

  row = g_hash_table_lookup (self->rows, emotion);
  return row != NULL ? GTK_WIDGET (row_get_scale (row)) : NULL;
}
