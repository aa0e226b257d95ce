/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-consent-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-consent-dialog.h"

struct _ReframeConsentDialog
{
  AdwWindow    parent_instance;

  char        *host;
  char        *outgoing;
  gboolean     responded;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkLabel    *heading_label;
  GtkLabel    *body_label;
  GtkTextView *outgoing_view;
  GtkLabel    *names_label;
  GtkWidget   *send_button;
};

G_DEFINE_FINAL_TYPE (ReframeConsentDialog, reframe_consent_dialog, ADW_TYPE_WINDOW)

enum {
  RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  reframe_consent_dialog_respond (REFRAME_CONSENT_DIALOG (widget), TRUE);
}

static void
dont_send_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  reframe_consent_dialog_respond (REFRAME_CONSENT_DIALOG (widget), FALSE);
}

static gboolean
reframe_consent_dialog_close_request (GtkWindow *window)
{
  ReframeConsentDialog *self = REFRAME_CONSENT_DIALOG (window);

  /* Closing without an answer is a no: nothing is sent. */
  if (!self->responded)
    {
      self->responded = TRUE;
      g_signal_emit (self, signals[RESPONSE], 0, FALSE);
    }

  return GTK_WINDOW_CLASS (reframe_consent_dialog_parent_class)->close_request (window);
}

static void
reframe_consent_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REFRAME_TYPE_CONSENT_DIALOG);

  G_OBJECT_CLASS (reframe_consent_dialog_parent_class)->dispose (object);
}

static void
reframe_consent_dialog_finalize (GObject *object)
{
  ReframeConsentDialog *self = (ReframeConsentDialog *)object;

  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->outgoing, g_free);

  G_OBJECT_CLASS (reframe_consent_dialog_parent_class)->finalize (object);
}

static void
reframe_consent_dialog_class_init (ReframeConsentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = reframe_consent_dialog_dispose;
  object_class->finalize = reframe_consent_dialog_finalize;
  window_class->close_request = reframe_consent_dialog_close_request;

  signals[RESPONSE] =
    g_signal_new ("response",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/coach/reframe-consent-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeConsentDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ReframeConsentDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeConsentDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeConsentDialog, outgoing_view);
  gtk_widget_class_bind_template_child (widget_class, ReframeConsentDialog, names_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeConsentDialog, send_button);

  gtk_widget_class_install_action (widget_class, "consent.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "consent.dont-send", NULL, dont_send_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "consent.dont-send", NULL);
}

static void
reframe_consent_dialog_init (ReframeConsentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ReframeConsentDialog *
reframe_consent_dialog_new (GtkWindow  *parent,
                            const char *host,
                            const char *outgoing,
                            gboolean    names_hidden)
{
  ReframeConsentDialog *self;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (outgoing != NULL, NULL);

  self = g_object_new (REFRAME_TYPE_CONSENT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->host = g_strdup (host);
  self->outgoing = g_strdup (outgoing);

  /* Translators: %s is a server such as "api.openai.com" */
  heading = g_strdup_printf (_("Send this to %s?"), host);
  gtk_label_set_label (self->heading_label, heading);
  adw_window_title_set_subtitle (self->window_title, host);
  /* Translators: %s is a server such as "api.openai.com" */
  body = g_strdup_printf (_("Reframe has not sent anything to %s before. The feedback comes "
                            "from a language model there, so your words would leave this "
                            "computer. Nothing is sent unless you choose Send."), host);
  gtk_label_set_label (self->body_label, body);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->outgoing_view), outgoing, -1);

  gtk_label_set_label (self->names_label,
                       names_hidden
                       ? _("Any names you listed under Names to Hide were replaced with "
                           "placeholders such as [NAME-1], and so were email addresses, phone "
                           "numbers and web addresses. Reframe puts them back when the answer "
                           "arrives.")
                       : _("Email addresses, phone numbers and web addresses were replaced "
                           "with placeholders. To hide names as well, list them in "
                           "Preferences, under Feedback."));

  /* The safe choice has the focus: Enter alone does not send. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);

  return self;
}

const char *
reframe_consent_dialog_get_host (ReframeConsentDialog *self)
{
  g_return_val_if_fail (REFRAME_IS_CONSENT_DIALOG (self), NULL);

  return self->host;
}

const char *
reframe_consent_dialog_get_outgoing (ReframeConsentDialog *self)
{
  g_return_val_if_fail (REFRAME_IS_CONSENT_DIALOG (self), NULL);

  return self->outgoing;
}

void
reframe_consent_dialog_respond (ReframeConsentDialog *self,
                                gboolean              send)
{
  g_return_if_fail (REFRAME_IS_CONSENT_DIALOG (self));

  if (self->responded)
    return;

  self->responded = TRUE;
  g_object_ref (self);
  g_signal_emit (self, signals[RESPONSE], 0, send);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}
