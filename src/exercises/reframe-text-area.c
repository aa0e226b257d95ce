/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-text-area"

#include "config.h"

#include "reframe-text-area.h"
#include "reframe-util.h"

struct _ReframeTextArea
{
  AdwBin       parent_instance;

  GtkTextView *text_view;
  GtkLabel    *placeholder;
  char        *text;
  char        *label;
};

G_DEFINE_FINAL_TYPE (ReframeTextArea, reframe_text_area, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_PLACEHOLDER_TEXT,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
buffer_changed_cb (ReframeTextArea *self,
                   GtkTextBuffer   *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->placeholder), *text == '\0');

  if (reframe_set_str (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static void
reframe_text_area_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ReframeTextArea *self = REFRAME_TEXT_AREA (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, reframe_text_area_get_text (self));
      break;
    case PROP_PLACEHOLDER_TEXT:
      g_value_set_string (value, reframe_text_area_get_placeholder_text (self));
      break;
    case PROP_LABEL:
      g_value_set_string (value, reframe_text_area_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reframe_text_area_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ReframeTextArea *self = REFRAME_TEXT_AREA (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      reframe_text_area_set_text (self, g_value_get_string (value));
      break;
    case PROP_PLACEHOLDER_TEXT:
      reframe_text_area_set_placeholder_text (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      reframe_text_area_set_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
reframe_text_area_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (REFRAME_TEXT_AREA (widget)->text_view));
}

static void
reframe_text_area_finalize (GObject *object)
{
  ReframeTextArea *self = (ReframeTextArea *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (reframe_text_area_parent_class)->finalize (object);
}

static void
reframe_text_area_class_init (ReframeTextAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = reframe_text_area_finalize;
  object_class->get_property = reframe_text_area_get_property;
  object_class->set_property = reframe_text_area_set_property;

  widget_class->grab_focus = reframe_text_area_grab_focus;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLACEHOLDER_TEXT] =
    g_param_spec_string ("placeholder-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What a screen reader announces for the field. */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "reframetextarea");
}

static void
reframe_text_area_init (ReframeTextArea *self)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkTextBuffer *buffer;

  self->text = g_strdup ("");

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->text_view, FALSE);
  gtk_text_view_set_top_margin (self->text_view, 10);
  gtk_text_view_set_bottom_margin (self->text_view, 10);
  gtk_text_view_set_left_margin (self->text_view, 12);
  gtk_text_view_set_right_margin (self->text_view, 12);
  gtk_widget_set_hexpand (GTK_WIDGET (self->text_view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->text_view), TRUE);

  self->placeholder = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->placeholder, TRUE);
  gtk_label_set_wrap_mode (self->placeholder, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->placeholder, 0);
  gtk_widget_set_valign (GTK_WIDGET (self->placeholder), GTK_ALIGN_START);
  gtk_widget_set_halign (GTK_WIDGET (self->placeholder), GTK_ALIGN_FILL);
  gtk_widget_set_margin_top (GTK_WIDGET (self->placeholder), 10);
  gtk_widget_set_margin_start (GTK_WIDGET (self->placeholder), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->placeholder), 12);
  gtk_widget_set_can_target (GTK_WIDGET (self->placeholder), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "placeholder");

  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->text_view));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->placeholder));
  adw_bin_set_child (ADW_BIN (self), overlay);

  buffer = gtk_text_view_get_buffer (self->text_view);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
reframe_text_area_new (void)
{
  return g_object_new (REFRAME_TYPE_TEXT_AREA, NULL);
}

const char *
reframe_text_area_get_text (ReframeTextArea *self)
{
  g_return_val_if_fail (REFRAME_IS_TEXT_AREA (self), NULL);
  return self->text;
}

void
reframe_text_area_set_text (ReframeTextArea *self,
                            const char      *text)
{
  g_return_if_fail (REFRAME_IS_TEXT_AREA (self));

  if (g_strcmp0 (self->text, text ? text : "") == 0)
    return;

  /* The buffer's "changed" handler updates self->text and notifies. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text ? text : "", -1);
}

const char *
reframe_text_area_get_placeholder_text (ReframeTextArea *self)
{
  g_return_val_if_fail (REFRAME_IS_TEXT_AREA (self), NULL);
  return gtk_label_get_text (self->placeholder);
}

void
reframe_text_area_set_placeholder_text (ReframeTextArea *self,
                                        const char      *placeholder_text)
{
  g_return_if_fail (REFRAME_IS_TEXT_AREA (self));

  if (g_strcmp0 (gtk_label_get_text (self->placeholder),
                 placeholder_text ? placeholder_text : "") == 0)
    return;

  gtk_label_set_text (self->placeholder, placeholder_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER, placeholder_text,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACEHOLDER_TEXT]);
}

const char *
reframe_text_area_get_label (ReframeTextArea *self)
{
  g_return_val_if_fail (REFRAME_IS_TEXT_AREA (self), NULL);
  return self->label;
}

void
reframe_text_area_set_label (ReframeTextArea *self,
                             const char      *label)
{
  g_return_if_fail (REFRAME_IS_TEXT_AREA (self));

  if (!reframe_set_str (&self->label, label))
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

GtkTextView *
reframe_text_area_get_text_view (ReframeTextArea *self)
{
  g_return_val_if_fail (REFRAME_IS_TEXT_AREA (self), NULL);
  return self->text_view;
}
