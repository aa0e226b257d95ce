/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-welcome-dialog"

#include "config.h"

#include "reframe-application.h"
#include "reframe-welcome-dialog.h"

struct _ReframeWelcomeDialog
{
  AdwWindow  parent_instance;

  GtkWidget *start_button;
};

G_DEFINE_FINAL_TYPE (ReframeWelcomeDialog, reframe_welcome_dialog, ADW_TYPE_WINDOW)

static gboolean
reframe_welcome_dialog_close_request (GtkWindow *window)
{
  GSettings *settings = reframe_application_get_settings (REFRAME_APPLICATION_DEFAULT);

  g_settings_set_boolean (settings, "welcome-shown", TRUE);

  return GTK_WINDOW_CLASS (reframe_welcome_dialog_parent_class)->close_request (window);
}

static void
reframe_welcome_dialog_class_init (ReframeWelcomeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  window_class->close_request = reframe_welcome_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/app/reframe-welcome-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeWelcomeDialog, start_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reframe_welcome_dialog_init (ReframeWelcomeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->start_button);
  gtk_widget_grab_focus (self->start_button);
}

void
reframe_welcome_dialog_present (GtkWindow *parent)
{
  ReframeWelcomeDialog *self = g_object_new (REFRAME_TYPE_WELCOME_DIALOG,
                                             "transient-for", parent,
                       /* so that app.* actions work inside */
                       "application", g_application_get_default (),
                                             NULL);

  gtk_window_present (GTK_WINDOW (self));
}
