/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-crisis-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-crisis-dialog.h"
#include "reframe-crisis-resources.h"

struct _ReframeCrisisDialog
{
  AdwWindow   parent_instance;

  GtkListBox *resources_list;
};

G_DEFINE_FINAL_TYPE (ReframeCrisisDialog, reframe_crisis_dialog, ADW_TYPE_WINDOW)

static void
open_link_cb (GtkButton *button,
              gpointer   user_data)
{
  const char *url = g_object_get_data (G_OBJECT (button), "url");

  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))), url, GDK_CURRENT_TIME);
}

static GtkWidget *
create_row (const ReframeCrisisResource *resource)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;

  title = g_markup_printf_escaped ("%s · %s", resource->name, resource->region);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  detail = g_markup_escape_text (resource->detail, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  if (resource->phone != NULL)
    {
      GtkWidget *phone = gtk_label_new (resource->phone);

      gtk_label_set_selectable (GTK_LABEL (phone), TRUE);
      gtk_widget_add_css_class (phone, "title-4");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), phone);
    }

  if (resource->url != NULL)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("web-browser-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, resource->url);
      g_object_set_data_full (G_OBJECT (button), "url", g_strdup (resource->url), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (open_link_cb), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static void
reframe_crisis_dialog_class_init (ReframeCrisisDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/widgets/reframe-crisis-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeCrisisDialog, resources_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reframe_crisis_dialog_init (ReframeCrisisDialog *self)
{
  const GPtrArray *resources;

  gtk_widget_init_template (GTK_WIDGET (self));

  resources = reframe_crisis_resources_get_all ();
  for (guint i = 0; i < resources->len; i++)
    gtk_list_box_append (self->resources_list, create_row (g_ptr_array_index (resources, i)));
}

void
reframe_crisis_dialog_present (GtkWindow *parent)
{
  ReframeCrisisDialog *self = g_object_new (REFRAME_TYPE_CRISIS_DIALOG,
                                            "transient-for", parent,
                       /* so that app.* actions work inside */
                       "application", g_application_get_default (),
                                            NULL);

  gtk_window_present (GTK_WINDOW (self));
}
