/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-chip"

#include "config.h"

#include "reframe-chip.h"

struct _ReframeChip
{
  GtkToggleButton  parent_instance;

  GtkWidget       *check;
  GtkLabel        *label;
  char            *value;
};

G_DEFINE_FINAL_TYPE (ReframeChip, reframe_chip, GTK_TYPE_TOGGLE_BUTTON)

static void
reframe_chip_toggled (GtkToggleButton *button)
{
  ReframeChip *self = REFRAME_CHIP (button);

  gtk_widget_set_visible (self->check, gtk_toggle_button_get_active (button));

  if (GTK_TOGGLE_BUTTON_CLASS (reframe_chip_parent_class)->toggled != NULL)
    GTK_TOGGLE_BUTTON_CLASS (reframe_chip_parent_class)->toggled (button);
}

static void
reframe_chip_finalize (GObject *object)
{
  ReframeChip *self = (ReframeChip *)object;

  g_clear_pointer (&self->value, g_free);

  G_OBJECT_CLASS (reframe_chip_parent_class)->finalize (object);
}

static void
reframe_chip_class_init (ReframeChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkToggleButtonClass *toggle_class = GTK_TOGGLE_BUTTON_CLASS (klass);

  object_class->finalize = reframe_chip_finalize;
  toggle_class->toggled = reframe_chip_toggled;
}

static void
reframe_chip_init (ReframeChip *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  self->check = gtk_image_new_from_icon_name ("object-select-symbolic");
  gtk_widget_set_visible (self->check, FALSE);
  gtk_box_append (GTK_BOX (box), self->check);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));

  gtk_button_set_child (GTK_BUTTON (self), box);
  gtk_widget_add_css_class (GTK_WIDGET (self), "chip");
}

GtkWidget *
reframe_chip_new (const char *text,
                  const char *value)
{
  ReframeChip *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (REFRAME_TYPE_CHIP, NULL);
  gtk_label_set_label (self->label, text);
  self->value = g_strdup (value != NULL ? value : text);

  return GTK_WIDGET (self);
}

const char *
reframe_chip_get_text (ReframeChip *self)
{
  g_return_val_if_fail (REFRAME_IS_CHIP (self), NULL);

  return gtk_label_get_label (self->label);
}

const char *
reframe_chip_get_value (ReframeChip *self)
{
  g_return_val_if_fail (REFRAME_IS_CHIP (self), NULL);

  return self->value;
}
