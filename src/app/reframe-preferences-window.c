/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-preferences-window"

#include "config.h"

#include "reframe-application.h"
#include "reframe-feedback-preferences.h"
#include "reframe-preferences-window.h"

struct _ReframePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkSwitch            *prompts_switch;
  AdwActionRow         *location_row;
};

G_DEFINE_FINAL_TYPE (ReframePreferencesWindow, reframe_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autofree char *dir = reframe_database_get_default_dir ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static void
reframe_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REFRAME_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (reframe_preferences_window_parent_class)->dispose (object);
}

static void
reframe_preferences_window_class_init (ReframePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_preferences_window_dispose;

  g_type_ensure (REFRAME_TYPE_FEEDBACK_PREFERENCES);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/app/reframe-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframePreferencesWindow, prompts_switch);
  gtk_widget_class_bind_template_child (widget_class, ReframePreferencesWindow, location_row);

  gtk_widget_class_install_action (widget_class, "preferences.open-folder", NULL,
                                   open_folder_action);
}

static void
reframe_preferences_window_init (ReframePreferencesWindow *self)
{
  ReframeApplication *app = REFRAME_APPLICATION_DEFAULT;
  ReframeDatabase *database = reframe_application_get_database (app);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_settings_bind (reframe_application_get_settings (app), "show-writing-prompts",
                   self->prompts_switch, "active", G_SETTINGS_BIND_DEFAULT);

  if (database != NULL)
    {
      g_autofree char *path = g_markup_escape_text (reframe_database_get_path (database), -1);

      adw_action_row_set_subtitle (self->location_row, path);
    }
}

GtkWidget *
reframe_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (REFRAME_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       /* so that app.* actions work inside */
                       "application", g_application_get_default (),
                       NULL);
}
