/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-mood-scale"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-checkin.h"
#include "reframe-mood-scale.h"

#define N_VALUES 11

struct _ReframeMoodScale
{
  GtkWidget        parent_instance;

  GtkWidget       *buttons_box;
  GtkToggleButton *buttons[N_VALUES];
  GtkWidget       *captions_box;
  GtkLabel        *low_label;
  GtkLabel        *high_label;

  int              value;
  gboolean         allow_unset;
  gboolean         mood;
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (ReframeMoodScale, reframe_mood_scale, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_ALLOW_UNSET,
  PROP_MOOD,
  PROP_LOW_LABEL,
  PROP_HIGH_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sync_buttons (ReframeMoodScale *self)
{
  self->updating = TRUE;
  for (int i = 0; i < N_VALUES; i++)
    gtk_toggle_button_set_active (self->buttons[i], i == self->value);
  self->updating = FALSE;
}

static void
update_button_descriptions (ReframeMoodScale *self)
{
  for (guint i = 0; i < N_VALUES; i++)
    {
      g_autofree char *tooltip = NULL;
      g_autofree char *class_name = g_strdup_printf ("mood-%u", i);

      if (self->mood)
        /* Translators: a mood button's tooltip, e.g. "7 — Good" */
        tooltip = g_strdup_printf (_("%u — %s"), i, reframe_mood_get_label (i));
      else
        /* Translators: a rating button's tooltip, e.g. "7 of 10" */
        tooltip = g_strdup_printf (_("%u of 10"), i);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->buttons[i]), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                      -1);
      if (self->mood)
        gtk_widget_add_css_class (GTK_WIDGET (self->buttons[i]), class_name);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->buttons[i]), class_name);
    }

  if (self->mood)
    gtk_widget_add_css_class (GTK_WIDGET (self), "mood");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "mood");
}

static void
update_captions (ReframeMoodScale *self)
{
  gboolean visible = *gtk_label_get_label (self->low_label) != '\0' ||
                     *gtk_label_get_label (self->high_label) != '\0';

  gtk_widget_set_visible (self->captions_box, visible);
}

static void
button_toggled_cb (GtkToggleButton  *button,
                   ReframeMoodScale *self)
{
  int index;

  if (self->updating)
    return;

  index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "value"));

  if (gtk_toggle_button_get_active (button))
    reframe_mood_scale_set_value (self, index);
  else if (index == self->value && self->allow_unset)
    reframe_mood_scale_set_value (self, REFRAME_MOOD_SCALE_UNSET);
  else
    sync_buttons (self);
}

/* One Tab stop for the eleven buttons: Tab lands on the chosen value (or the middle), and
 * Left and Right move along the scale, as in a radio group. */
static gboolean
reframe_mood_scale_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  ReframeMoodScale *self = REFRAME_MOOD_SCALE (widget);
  GtkWidget *focus_child = gtk_widget_get_focus_child (self->buttons_box);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int index;

  if (focus_child == NULL)
    {
      index = self->value >= 0 ? self->value : 5;
      return gtk_widget_child_focus (GTK_WIDGET (self->buttons[index]), direction);
    }

  index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (focus_child), "value"));
  switch (direction)
    {
    case GTK_DIR_LEFT:
    case GTK_DIR_RIGHT:
      index += ((direction == GTK_DIR_RIGHT) != rtl) ? 1 : -1;
      if (index < 0 || index >= N_VALUES)
        {
          gtk_widget_error_bell (widget);
          return TRUE;
        }
      return gtk_widget_grab_focus (GTK_WIDGET (self->buttons[index]));

    case GTK_DIR_TAB_FORWARD:
    case GTK_DIR_TAB_BACKWARD:
    case GTK_DIR_UP:
    case GTK_DIR_DOWN:
    default:
      return FALSE;
    }
}

static void
reframe_mood_scale_dispose (GObject *object)
{
  ReframeMoodScale *self = (ReframeMoodScale *)object;

  g_clear_pointer (&self->buttons_box, gtk_widget_unparent);
  g_clear_pointer (&self->captions_box, gtk_widget_unparent);

  G_OBJECT_CLASS (reframe_mood_scale_parent_class)->dispose (object);
}

static void
reframe_mood_scale_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ReframeMoodScale *self = REFRAME_MOOD_SCALE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_int (value, self->value);
      break;
    case PROP_ALLOW_UNSET:
      g_value_set_boolean (value, self->allow_unset);
      break;
    case PROP_MOOD:
      g_value_set_boolean (value, self->mood);
      break;
    case PROP_LOW_LABEL:
      g_value_set_string (value, gtk_label_get_label (self->low_label));
      break;
    case PROP_HIGH_LABEL:
      g_value_set_string (value, gtk_label_get_label (self->high_label));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reframe_mood_scale_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ReframeMoodScale *self = REFRAME_MOOD_SCALE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      reframe_mood_scale_set_value (self, g_value_get_int (value));
      break;
    case PROP_ALLOW_UNSET:
      reframe_mood_scale_set_allow_unset (self, g_value_get_boolean (value));
      break;
    case PROP_MOOD:
      reframe_mood_scale_set_mood (self, g_value_get_boolean (value));
      break;
    case PROP_LOW_LABEL:
      gtk_label_set_label (self->low_label, g_value_get_string (value));
      update_captions (self);
      break;
    case PROP_HIGH_LABEL:
      gtk_label_set_label (self->high_label, g_value_get_string (value));
      update_captions (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reframe_mood_scale_class_init (ReframeMoodScaleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_mood_scale_dispose;
  object_class->get_property = reframe_mood_scale_get_property;
  object_class->set_property = reframe_mood_scale_set_property;

  properties[PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL,
                      REFRAME_MOOD_SCALE_UNSET, 10, REFRAME_MOOD_SCALE_UNSET,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALLOW_UNSET] =
    g_param_spec_boolean ("allow-unset", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MOOD] =
    g_param_spec_boolean ("mood", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOW_LABEL] =
    g_param_spec_string ("low-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGH_LABEL] =
    g_param_spec_string ("high-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->focus = reframe_mood_scale_focus;

  gtk_widget_class_set_css_name (widget_class, "moodscale");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
reframe_mood_scale_init (ReframeMoodScale *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  self->value = REFRAME_MOOD_SCALE_UNSET;
  self->allow_unset = TRUE;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->buttons_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_box_set_homogeneous (GTK_BOX (self->buttons_box), TRUE);
  gtk_widget_add_css_class (self->buttons_box, "values");
  gtk_widget_set_parent (self->buttons_box, GTK_WIDGET (self));

  for (int i = 0; i < N_VALUES; i++)
    {
      g_autofree char *number = g_strdup_printf ("%d", i);
      GtkWidget *button = gtk_toggle_button_new_with_label (number);

      g_object_set_data (G_OBJECT (button), "value", GINT_TO_POINTER (i));
      g_signal_connect (button, "toggled", G_CALLBACK (button_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->buttons_box), button);
      self->buttons[i] = GTK_TOGGLE_BUTTON (button);
    }

  self->captions_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->captions_box, "captions");
  gtk_widget_set_parent (self->captions_box, GTK_WIDGET (self));

  self->low_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->low_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->low_label), TRUE);
  gtk_label_set_wrap (self->low_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->low_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->low_label), "dim-label");
  gtk_box_append (GTK_BOX (self->captions_box), GTK_WIDGET (self->low_label));

  self->high_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->high_label, 1);
  gtk_label_set_justify (self->high_label, GTK_JUSTIFY_RIGHT);
  gtk_widget_set_hexpand (GTK_WIDGET (self->high_label), TRUE);
  gtk_label_set_wrap (self->high_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->high_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->high_label), "dim-label");
  gtk_box_append (GTK_BOX (self->captions_box), GTK_WIDGET (self->high_label));

  update_captions (self);
  update_button_descriptions (self);
}

GtkWidget *
reframe_mood_scale_new (void)
{
  return g_object_new (REFRAME_TYPE_MOOD_SCALE, NULL);
}

int
reframe_mood_scale_get_value (ReframeMoodScale *self)
{
  g_return_val_if_fail (REFRAME_IS_MOOD_SCALE (self), REFRAME_MOOD_SCALE_UNSET);

  return self->value;
}

void
reframe_mood_scale_set_value (ReframeMoodScale *self,
                              int               value)
{
  g_return_if_fail (REFRAME_IS_MOOD_SCALE (self));

  value = value < 0 ? REFRAME_MOOD_SCALE_UNSET : MIN (value, 10);
  if (value == REFRAME_MOOD_SCALE_UNSET && !self->allow_unset && self->value >= 0)
    value = self->value;

  if (self->value != value)
    {
      self->value = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
    }

  sync_buttons (self);
}

gboolean
reframe_mood_scale_get_allow_unset (ReframeMoodScale *self)
{
  g_return_val_if_fail (REFRAME_IS_MOOD_SCALE (self), FALSE);

  return self->allow_unset;
}

void
reframe_mood_scale_set_allow_unset (ReframeMoodScale *self,
                                    gboolean          allow_unset)
{
  g_return_if_fail (REFRAME_IS_MOOD_SCALE (self));

  allow_unset = !!allow_unset;
  if (self->allow_unset == allow_unset)
    return;

  self->allow_unset = allow_unset;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_UNSET]);
}

gboolean
reframe_mood_scale_get_mood (ReframeMoodScale *self)
{
  g_return_val_if_fail (REFRAME_IS_MOOD_SCALE (self), FALSE);

  return self->mood;
}

void
reframe_mood_scale_set_mood (ReframeMoodScale *self,
                             gboolean          mood)
{
  g_return_if_fail (REFRAME_IS_MOOD_SCALE (self));

  mood = !!mood;
  if (self->mood == mood)
    return;

  self->mood = mood;
  update_button_descriptions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOOD]);
}

void
reframe_mood_scale_set_labels (ReframeMoodScale *self,
                               const char       *low_label,
                               const char       *high_label)
{
  g_return_if_fail (REFRAME_IS_MOOD_SCALE (self));

  g_object_set (self, "low-label", low_label, "high-label", high_label, NULL);
}

GtkWidget *
reframe_mood_scale_get_button (ReframeMoodScale *self,
                               guint             value)
{
  g_return_val_if_fail (REFRAME_IS_MOOD_SCALE (self), NULL);
  g_return_val_if_fail (value < N_VALUES, NULL);

  return GTK_WIDGET (self->buttons[value]);
}
