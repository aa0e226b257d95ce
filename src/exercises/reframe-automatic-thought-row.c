/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-automatic-thought-row"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-automatic-thought-row.h"

struct _ReframeAutomaticThoughtRow
{
  GtkListBoxRow            parent_instance;

  ReframeAutomaticThought *thought;
  gboolean                 loading;

  /* Template widgets */
  GtkToggleButton         *hot_button;
  ReframeTextArea         *text_area;
  GtkButton               *remove_button;
  GtkScale                *scale;
  GtkAdjustment           *adjustment;
};

G_DEFINE_FINAL_TYPE (ReframeAutomaticThoughtRow, reframe_automatic_thought_row,
                     GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_percent (GtkScale *scale,
                double    value,
                gpointer  user_data)
{
  /* Translators: a percentage, as in “70%” */
  return g_strdup_printf (_("%d%%"), (int) value);
}

static void
update_hot_button (ReframeAutomaticThoughtRow *self)
{
  gboolean hot = gtk_toggle_button_get_active (self->hot_button);

  gtk_button_set_icon_name (GTK_BUTTON (self->hot_button),
                            hot ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->hot_button),
                               hot ? _("The hot thought") : _("Mark as the hot thought"));
}

static void
hot_toggled_cb (ReframeAutomaticThoughtRow *self,
                GtkToggleButton            *button)
{
  update_hot_button (self);

  if (self->loading || self->thought == NULL)
    return;

  self->thought->hot = gtk_toggle_button_get_active (button);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
text_changed_cb (ReframeAutomaticThoughtRow *self)
{
  if (self->loading || self->thought == NULL)
    return;

  g_free (self->thought->text);
  self->thought->text = g_strdup (reframe_text_area_get_text (self->text_area));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
scale_value_changed_cb (ReframeAutomaticThoughtRow *self,
                        GtkRange                   *range)
{
  if (self->loading || self->thought == NULL)
    return;

  self->thought->belief = (int) gtk_range_get_value (range);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_clicked_cb (ReframeAutomaticThoughtRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
reframe_automatic_thought_row_dispose (GObject *object)
{
  ReframeAutomaticThoughtRow *self = (ReframeAutomaticThoughtRow *)object;

  /* The thought belongs to the record, which may be gone by now. */
  self->thought = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), REFRAME_TYPE_AUTOMATIC_THOUGHT_ROW);

  G_OBJECT_CLASS (reframe_automatic_thought_row_parent_class)->dispose (object);
}

static void
reframe_automatic_thought_row_class_init (ReframeAutomaticThoughtRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_automatic_thought_row_dispose;

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

  g_type_ensure (REFRAME_TYPE_TEXT_AREA);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/exercises/reframe-automatic-thought-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeAutomaticThoughtRow, hot_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeAutomaticThoughtRow, text_area);
  gtk_widget_class_bind_template_child (widget_class, ReframeAutomaticThoughtRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeAutomaticThoughtRow, scale);
  gtk_widget_class_bind_template_child (widget_class, ReframeAutomaticThoughtRow, adjustment);
  gtk_widget_class_bind_template_callback (widget_class, hot_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scale_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
reframe_automatic_thought_row_init (ReframeAutomaticThoughtRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_scale_set_format_value_func (self->scale, format_percent, NULL, NULL);
}

GtkWidget *
reframe_automatic_thought_row_new (ReframeAutomaticThought *thought)
{
  ReframeAutomaticThoughtRow *self;

  g_return_val_if_fail (thought != NULL, NULL);

  self = g_object_new (REFRAME_TYPE_AUTOMATIC_THOUGHT_ROW, NULL);
  self->thought = thought;

  self->loading = TRUE;
  reframe_text_area_set_text (self->text_area, thought->text);
  gtk_adjustment_set_value (self->adjustment, thought->belief);
  gtk_toggle_button_set_active (self->hot_button, thought->hot);
  update_hot_button (self);
  self->loading = FALSE;

  return GTK_WIDGET (self);
}

ReframeAutomaticThought *
reframe_automatic_thought_row_get_thought (ReframeAutomaticThoughtRow *self)
{
  g_return_val_if_fail (REFRAME_IS_AUTOMATIC_THOUGHT_ROW (self), NULL);
  return self->thought;
}

void
reframe_automatic_thought_row_set_group (ReframeAutomaticThoughtRow *self,
                                         ReframeAutomaticThoughtRow *group)
{
  g_return_if_fail (REFRAME_IS_AUTOMATIC_THOUGHT_ROW (self));
  g_return_if_fail (!group || REFRAME_IS_AUTOMATIC_THOUGHT_ROW (group));

  gtk_toggle_button_set_group (self->hot_button, group ? group->hot_button : NULL);
}

void
reframe_automatic_thought_row_set_hot (ReframeAutomaticThoughtRow *self,
                                       gboolean                    hot)
{
  g_return_if_fail (REFRAME_IS_AUTOMATIC_THOUGHT_ROW (self));

  gtk_toggle_button_set_active (self->hot_button, hot);
}

void
reframe_automatic_thought_row_set_removable (ReframeAutomaticThoughtRow *self,
                                             gboolean                    removable)
{
  g_return_if_fail (REFRAME_IS_AUTOMATIC_THOUGHT_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), removable);
}

ReframeTextArea *
reframe_automatic_thought_row_get_text_area (ReframeAutomaticThoughtRow *self)
{
  g_return_val_if_fail (REFRAME_IS_AUTOMATIC_THOUGHT_ROW (self), NULL);
  return self->text_area;
}

GtkToggleButton *
reframe_automatic_thought_row_get_hot_button (ReframeAutomaticThoughtRow *self)
{
  g_return_val_if_fail (REFRAME_IS_AUTOMATIC_THOUGHT_ROW (self), NULL);
  return self->hot_button;
}

GtkScale *
reframe_automatic_thought_row_get_scale (ReframeAutomaticThoughtRow *self)
{
  g_return_val_if_fail (REFRAME_IS_AUTOMATIC_THOUGHT_ROW (self), NULL);
  return self->scale;
}
