/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-emotion-rating-row"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-emotion-rating-row.h"

struct _ReframeEmotionRatingRow
{
  GtkListBoxRow         parent_instance;

  ReframeEmotionRating *rating;
  gboolean              rerate;
  gboolean              loading;

  /* Template widgets */
  GtkLabel             *name_label;
  GtkLabel             *before_label;
  GtkButton            *remove_button;
  GtkScale             *scale;
  GtkAdjustment        *adjustment;
};

G_DEFINE_FINAL_TYPE (ReframeEmotionRatingRow, reframe_emotion_rating_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_value (GtkScale *scale,
              double    value,
              gpointer  user_data)
{
  return g_strdup_printf ("%d", (int) value);
}

static void
scale_value_changed_cb (ReframeEmotionRatingRow *self,
                        GtkRange                *range)
{
  int value = (int) gtk_range_get_value (range);

  if (self->loading)
    return;

  if (self->rerate)
    self->rating->after = value;
  else
    self->rating->intensity = value;

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_clicked_cb (ReframeEmotionRatingRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
reframe_emotion_rating_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REFRAME_TYPE_EMOTION_RATING_ROW);

  G_OBJECT_CLASS (reframe_emotion_rating_row_parent_class)->dispose (object);
}

static void
reframe_emotion_rating_row_class_init (ReframeEmotionRatingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_emotion_rating_row_dispose;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[REMOVE] =
    g_signal_new ("remove",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/exercises/reframe-emotion-rating-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeEmotionRatingRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeEmotionRatingRow, before_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeEmotionRatingRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeEmotionRatingRow, scale);
  gtk_widget_class_bind_template_child (widget_class, ReframeEmotionRatingRow, adjustment);
  gtk_widget_class_bind_template_callback (widget_class, scale_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
reframe_emotion_rating_row_init (ReframeEmotionRatingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_scale_set_format_value_func (self->scale, format_value, NULL, NULL);
}

GtkWidget *
reframe_emotion_rating_row_new (ReframeEmotionRating *rating,
                                gboolean              rerate)
{
  ReframeEmotionRatingRow *self;
  const char *name;
  g_autofree char *label = NULL;
  g_autofree char *remove = NULL;

  g_return_val_if_fail (rating != NULL, NULL);

  self = g_object_new (REFRAME_TYPE_EMOTION_RATING_ROW, NULL);
  self->rating = rating;
  self->rerate = !!rerate;

  name = reframe_emotions_get_name (rating->emotion);
  gtk_label_set_text (self->name_label, name);

  self->loading = TRUE;
  if (rerate)
    {
      g_autofree char *before = NULL;

      /* Translators: the intensity (0–100) an emotion had before the thought record */
      before = g_strdup_printf (_("Before: %d"), rating->intensity);
      gtk_label_set_text (self->before_label, before);
      gtk_widget_set_visible (GTK_WIDGET (self->before_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->remove_button), FALSE);
      gtk_scale_add_mark (self->scale, rating->intensity, GTK_POS_BOTTOM, NULL);
      gtk_adjustment_set_value (self->adjustment,
                                rating->after >= 0 ? rating->after : rating->intensity);
      /* Translators: accessible name of a slider; %s is an emotion such as “Anxious” */
      label = g_strdup_printf (_("How strong %s feels now"), name);
    }
  else
    {
      gtk_adjustment_set_value (self->adjustment, rating->intensity);
      /* Translators: accessible name of a slider; %s is an emotion such as “Anxious” */
      label = g_strdup_printf (_("How strong %s was"), name);
    }
  self->loading = FALSE;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  /* Translators: tooltip; %s is an emotion such as “Anxious” */
  remove = g_strdup_printf (_("Remove %s"), name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove,
                                  -1);

  return GTK_WIDGET (self);
}

ReframeEmotionRating *
reframe_emotion_rating_row_get_rating (ReframeEmotionRatingRow *self)
{
  g_return_val_if_fail (REFRAME_IS_EMOTION_RATING_ROW (self), NULL);
  return self->rating;
}

GtkScale *
reframe_emotion_rating_row_get_scale (ReframeEmotionRatingRow *self)
{
  g_return_val_if_fail (REFRAME_IS_EMOTION_RATING_ROW (self), NULL);
  return self->scale;
}
