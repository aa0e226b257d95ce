/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-safety-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-crisis-resources.h"
#include "reframe-safety-panel.h"

struct _ReframeSafetyPanel
{
  AdwBin             parent_instance;

  ReframeSafetyKind  kind;

  /* Template widgets */
  GtkLabel          *title_label;
  GtkLabel          *body_label;
  GtkListBox        *resources_list;
  GtkWidget         *continue_button;
};

G_DEFINE_FINAL_TYPE (ReframeSafetyPanel, reframe_safety_panel, ADW_TYPE_BIN)

enum {
  CONTINUE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
open_link_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  const char *url = g_object_get_data (G_OBJECT (button), "url");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static char *
describe_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (host == NULL)
    return g_strdup (url);
  if (g_str_has_prefix (host, "www."))
    host += strlen ("www.");
  return g_strdup (host);
}

static GtkWidget *
create_label (const char *text,
              const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Narrow panels ask for little width; wide ones still fill the line. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

/* Name, what it offers, then the number and the web site on a line of their own, so that the
 * row reads well in a side panel as narrow as a phone. */
static GtkWidget *
create_row (const ReframeCrisisResource *resource)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *title = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (box, "crisis-row");

  /* Translators: a crisis line and where it serves, e.g. "Samaritans · United Kingdom" */
  title = g_strdup_printf (_("%s · %s"), resource->name, resource->region);
  gtk_box_append (GTK_BOX (box), create_label (title, "heading"));
  gtk_box_append (GTK_BOX (box), create_label (resource->detail, "dim-label"));

  if (resource->phone != NULL || resource->url != NULL)
    {
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

      gtk_widget_set_margin_top (line, 4);

      if (resource->phone != NULL)
        {
          GtkWidget *phone = gtk_label_new (resource->phone);

          gtk_label_set_selectable (GTK_LABEL (phone), TRUE);
          gtk_widget_set_valign (phone, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (phone, "title-3");
          gtk_widget_add_css_class (phone, "numeric");
          gtk_widget_add_css_class (phone, "crisis-phone");
          gtk_box_append (GTK_BOX (line), phone);
        }

      if (resource->url != NULL)
        {
          GtkWidget *button = gtk_button_new ();
          GtkWidget *content = adw_button_content_new ();
          g_autofree char *site = describe_url (resource->url);
          g_autofree char *tooltip = NULL;

          adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "web-browser-symbolic");
          adw_button_content_set_label (ADW_BUTTON_CONTENT (content), site);
          gtk_button_set_child (GTK_BUTTON (button), content);
          /* Translators: %s is a web site such as "988lifeline.org" */
          tooltip = g_strdup_printf (_("Open %s"), site);
          gtk_widget_set_tooltip_text (button, tooltip);
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_halign (button, GTK_ALIGN_END);
          gtk_widget_set_hexpand (button, TRUE);
          gtk_widget_add_css_class (button, "flat");
          g_object_set_data_full (G_OBJECT (button), "url", g_strdup (resource->url), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (open_link_clicked_cb), NULL);
          gtk_box_append (GTK_BOX (line), button);
        }

      gtk_box_append (GTK_BOX (box), line);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
update_wording (ReframeSafetyPanel *self)
{
  const char *title;
  const char *body;

  /* Calm and warm, never alarmed: the person chose to write this down, which takes courage. */
  if (self->kind & (REFRAME_SAFETY_SUICIDE | REFRAME_SAFETY_SELF_HARM))
    {
      title = _("You deserve support right now");
      body = _("It sounds like you are carrying something really painful. If you are thinking "
               "about ending your life or hurting yourself, you don’t have to hold that alone. "
               "Talking to someone can help, and the people at these services want to listen.");
    }
  else if (self->kind & REFRAME_SAFETY_HARM_TO_OTHERS)
    {
      title = _("Let’s pause for a moment");
      body = _("It sounds like things feel very intense right now. If you are worried that you "
               "might hurt someone, talking it through with someone now can help keep "
               "everyone safe, you included.");
    }
  else if (self->kind & REFRAME_SAFETY_ABUSE)
    {
      title = _("You deserve to be safe");
      body = _("It sounds like someone may be hurting you. That is not your fault. These "
               "services can listen and help you think about what to do next, whenever you "
               "are ready.");
    }
  else
    {
      title = _("You deserve support");
      body = _("Some of what you wrote sounds really hard. If you are not safe, or you feel "
               "you can’t cope right now, please reach out to someone. These services are "
               "free and confidential.");
    }

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->body_label, body);
}

static void
continue_clicked_cb (ReframeSafetyPanel *self)
{
  g_signal_emit (self, signals[CONTINUE], 0);
}

static void
reframe_safety_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REFRAME_TYPE_SAFETY_PANEL);

  G_OBJECT_CLASS (reframe_safety_panel_parent_class)->dispose (object);
}

static void
reframe_safety_panel_class_init (ReframeSafetyPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_safety_panel_dispose;

  signals[CONTINUE] =
    g_signal_new ("continue",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/coach/reframe-safety-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeSafetyPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeSafetyPanel, body_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeSafetyPanel, resources_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeSafetyPanel, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "safetypanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
reframe_safety_panel_init (ReframeSafetyPanel *self)
{
  const GPtrArray *resources = reframe_crisis_resources_get_all ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < resources->len; i++)
    gtk_list_box_append (self->resources_list, create_row (g_ptr_array_index (resources, i)));

  update_wording (self);
}

GtkWidget *
reframe_safety_panel_new (void)
{
  return g_object_new (REFRAME_TYPE_SAFETY_PANEL, NULL);
}

void
reframe_safety_panel_set_kind (ReframeSafetyPanel *self,
                               ReframeSafetyKind   kind)
{
  g_return_if_fail (REFRAME_IS_SAFETY_PANEL (self));

  self->kind = kind;
  update_wording (self);
}

ReframeSafetyKind
reframe_safety_panel_get_kind (ReframeSafetyPanel *self)
{
  g_return_val_if_fail (REFRAME_IS_SAFETY_PANEL (self), REFRAME_SAFETY_NONE);

  return self->kind;
}

void
reframe_safety_panel_set_can_continue (ReframeSafetyPanel *self,
                                       gboolean            can_continue)
{
  g_return_if_fail (REFRAME_IS_SAFETY_PANEL (self));

  gtk_widget_set_visible (self->continue_button, can_continue);
}
