/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-feedback-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-application.h"
#include "reframe-feedback-preferences.h"
#include "reframe-llm-client.h"
#include "reframe-provider.h"
#include "reframe-secrets.h"

/* A key from the keyring, wiped when it goes. */
typedef char ReframeApiKey;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeApiKey, reframe_secrets_free_key)

struct _ReframeFeedbackPreferences
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  GCancellable       *cancellable;       /* everything; cancelled in dispose */
  GCancellable       *key_cancellable;   /* the key status lookup */
  GCancellable       *test_cancellable;  /* the connection test */
  GCancellable       *models_cancellable;
  char               *models_url;        /* the address the model list came from */
  GStrv               models;
  GPtrArray          *name_rows;
  GPtrArray          *consent_rows;
  gboolean            loading;
  gboolean            testing;

  /* Template widgets */
  AdwPreferencesGroup *provider_group;
  AdwComboRow         *provider_row;
  GtkStringList       *provider_model;
  AdwPreferencesGroup *connection_group;
  AdwEntryRow         *url_row;
  AdwActionRow        *url_status_row;
  GtkImage            *url_status_icon;
  AdwEntryRow         *model_row;
  GtkMenuButton       *model_button;
  GtkPopover          *model_popover;
  GtkStack            *model_stack;
  GtkSpinner          *model_spinner;
  GtkListBox          *model_list;
  GtkLabel            *model_error_label;
  AdwEntryRow         *api_key_row;
  AdwActionRow        *key_status_row;
  GtkImage            *key_status_icon;
  GtkWidget           *key_remove_button;
  AdwActionRow        *test_row;
  GtkImage            *test_icon;
  GtkSpinner          *test_spinner;
  GtkButton           *test_button;
  AdwPreferencesGroup *names_group;
  AdwEntryRow         *add_name_row;
  AdwPreferencesGroup *consents_group;
  GtkWidget           *no_consents_row;
};

G_DEFINE_FINAL_TYPE (ReframeFeedbackPreferences, reframe_feedback_preferences,
                     ADW_TYPE_PREFERENCES_PAGE)

static void refresh_key_status (ReframeFeedbackPreferences *self);

/* Settings */

static const ReframeProvider *
get_provider (ReframeFeedbackPreferences *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "feedback-provider");
  const ReframeProvider *provider = reframe_provider_lookup (id);

  return provider != NULL ? provider : reframe_provider_get (REFRAME_PROVIDER_BUILTIN);
}

/* The address in use: the person's own, or the preset's. NULL when there is none. */
static char *
dup_effective_url (ReframeFeedbackPreferences *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "feedback-base-url");
  const ReframeProvider *provider = get_provider (self);

  if (url[0] != '\0')
    return g_steal_pointer (&url);
  return g_strdup (provider->default_url);
}

static gboolean
is_offline (ReframeFeedbackPreferences *self)
{
  return get_provider (self)->kind == REFRAME_PROVIDER_BUILTIN;
}

/* Status rows */

static void
set_status_row (AdwActionRow *row,
                GtkImage     *icon,
                const char   *kind,
                const char   *title,
                const char   *subtitle)
{
  static const char * const kinds[] = { "error", "warning", "success", "accent", NULL };
  const char *icon_name = "dialog-information-symbolic";

  if (title == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
      return;
    }

  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (icon), kinds[i]);
  if (g_strcmp0 (kind, "error") == 0)
    icon_name = "dialog-error-symbolic";
  else if (g_strcmp0 (kind, "warning") == 0)
    icon_name = "dialog-warning-symbolic";
  else if (g_strcmp0 (kind, "success") == 0)
    icon_name = "emblem-ok-symbolic";
  if (kind != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (icon), kind);
  gtk_image_set_from_icon_name (icon, icon_name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
}

/* The address */

static void
update_url_status (ReframeFeedbackPreferences *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  g_autofree char *normalized = NULL;
  g_autofree char *title = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");

  if (text[0] == '\0')
    {
      set_status_row (self->url_status_row, self->url_status_icon, NULL,
                      _("Enter the address of an OpenAI-compatible server"),
                      /* Translators: an example address; keep it as it is */
                      _("For example http://localhost:8080 or https://api.example.com/v1"));
      return;
    }

  normalized = reframe_provider_normalize_base_url (text, &error);
  if (normalized == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
      set_status_row (self->url_status_row, self->url_status_icon, "error", error->message, NULL);
      return;
    }

  if (g_str_has_prefix (normalized, "http://") && !reframe_provider_is_loopback (normalized))
    {
      g_autofree char *host = reframe_provider_describe_host (normalized);

      /* Translators: %s is a server such as "192.168.1.20:8080" */
      warning = g_strdup_printf (_("This address is not encrypted, so what is sent to %s "
                                   "could be read on the way. Use https:// unless the server "
                                   "is on a network you trust."), host);
    }

  if (!g_str_equal (normalized, text))
    /* Translators: %s is a web address, shown as Reframe will store and use it */
    title = g_strdup_printf (_("Will be used as %s"), normalized);
  else if (warning != NULL)
    title = g_strdup (_("Not encrypted"));

  set_status_row (self->url_status_row, self->url_status_icon,
                  warning != NULL ? "warning" : NULL, title, warning);
}

static void
clear_test_result (ReframeFeedbackPreferences *self)
{
  g_cancellable_cancel (self->test_cancellable);
  /* Always an icon, so that the row lines up with the others. */
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), "dim-label");
  gtk_image_set_from_icon_name (self->test_icon, "network-transmit-receive-symbolic");
  adw_action_row_set_subtitle (self->test_row,
                               _("Checks that the server answers and has the model. None of "
                                 "your writing is sent."));
}

static void
forget_models (ReframeFeedbackPreferences *self)
{
  g_cancellable_cancel (self->models_cancellable);
  g_clear_pointer (&self->models, g_strfreev);
  g_clear_pointer (&self->models_url, g_free);
}

static void
url_changed_cb (ReframeFeedbackPreferences *self)
{
  if (!self->loading)
    update_url_status (self);
}

static void
url_apply_cb (ReframeFeedbackPreferences *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  const ReframeProvider *provider = get_provider (self);
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  if (text[0] == '\0' && provider->default_url != NULL)
    normalized = g_strdup (provider->default_url);
  else if (text[0] != '\0')
    normalized = reframe_provider_normalize_base_url (text, &error);

  if (normalized == NULL)
    {
      /* What was typed stays, with the reason beside it. */
      update_url_status (self);
      return;
    }

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), normalized);
  /* The preset's own address is stored as "", so that it follows the preset. */
  g_settings_set_string (self->settings, "feedback-base-url",
                         g_strcmp0 (normalized, provider->default_url) == 0 ? "" : normalized);
  self->loading = FALSE;

  update_url_status (self);
  forget_models (self);
  clear_test_result (self);
  refresh_key_status (self);
}

/* The model */

static void
model_apply_cb (ReframeFeedbackPreferences *self)
{
  g_autofree char *model = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->model_row))));

  self->loading = TRUE;
  g_settings_set_string (self->settings, "feedback-model", model);
  self->loading = FALSE;
  clear_test_result (self);
}

static void
show_models (ReframeFeedbackPreferences *self)
{
  g_autofree char *current = g_settings_get_string (self->settings, "feedback-model");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->model_list))) != NULL)
    gtk_list_box_remove (self->model_list, child);

  if (self->models == NULL || self->models[0] == NULL)
    {
      gtk_label_set_label (self->model_error_label,
                           _("The server offers no models. Load one there, or type its name."));
      gtk_stack_set_visible_child_name (self->model_stack, "error");
      return;
    }

  for (guint i = 0; self->models[i] != NULL; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (self->models[i]);
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_tooltip_text (label, self->models[i]);
      gtk_widget_set_opacity (check, g_str_equal (current, self->models[i]) ? 1 : 0);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), check);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "model", g_strdup (self->models[i]), g_free);
      gtk_list_box_append (self->model_list, row);
    }

  gtk_stack_set_visible_child_name (self->model_stack, "list");
}

static void
list_models_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ReframeFeedbackPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) models = NULL;

  models = reframe_llm_client_list_models_finish (REFRAME_LLM_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->model_spinner);
  if (models == NULL)
    {
      gtk_label_set_label (self->model_error_label, error->message);
      gtk_stack_set_visible_child_name (self->model_stack, "error");
      return;
    }

  g_clear_pointer (&self->models, g_strfreev);
  self->models = g_steal_pointer (&models);
  show_models (self);
}

static void
models_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ReframeFeedbackPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeLlmClient) client = NULL;
  g_autoptr(ReframeApiKey) key = NULL;
  ReframeSecretsSource source = REFRAME_SECRETS_SOURCE_NONE;

  key = reframe_secrets_lookup_finish (result, &source, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A keyring that fails is no reason not to try: local servers need no key. */
  if (error != NULL)
    g_debug ("No API key: %s", error->message);

  client = reframe_llm_client_new (self->models_url, key, NULL);
  reframe_llm_client_set_provider (client, get_provider (self)->kind);
  reframe_llm_client_list_models_async (client, self->models_cancellable, list_models_cb,
                                        g_object_ref (self));
}

static void
load_models (ReframeFeedbackPreferences *self)
{
  g_autofree char *url = dup_effective_url (self);

  forget_models (self);
  g_clear_object (&self->models_cancellable);

  if (url == NULL)
    {
      gtk_label_set_label (self->model_error_label, _("Enter the server address first."));
      gtk_stack_set_visible_child_name (self->model_stack, "error");
      return;
    }

  self->models_cancellable = g_cancellable_new ();
  self->models_url = g_steal_pointer (&url);
  gtk_spinner_start (self->model_spinner);
  gtk_stack_set_visible_child_name (self->model_stack, "loading");
  reframe_secrets_lookup_async (self->models_url, self->models_cancellable, models_key_cb,
                                g_object_ref (self));
}

static void
model_popover_show_cb (ReframeFeedbackPreferences *self)
{
  g_autofree char *url = dup_effective_url (self);

  if (self->models != NULL && g_strcmp0 (url, self->models_url) == 0)
    show_models (self);
  else
    load_models (self);
}

static void
model_retry_clicked_cb (ReframeFeedbackPreferences *self)
{
  load_models (self);
}

static void
model_row_activated_cb (ReframeFeedbackPreferences *self,
                        GtkListBoxRow              *row)
{
  const char *model = g_object_get_data (G_OBJECT (row), "model");

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->model_row), model);
  g_settings_set_string (self->settings, "feedback-model", model);
  self->loading = FALSE;
  gtk_popover_popdown (self->model_popover);
  clear_test_result (self);
}

/* The API key */

static char *
describe_key_end (const char *key)
{
  glong length = key != NULL ? g_utf8_strlen (key, -1) : 0;

  /* Only a long key shows its last four characters; a short one shows nothing of itself. */
  if (length < 12)
    return NULL;
  /* Translators: %s is the last four characters of an API key */
  return g_strdup_printf (_("Ends in …%s"), g_utf8_offset_to_pointer (key, length - 4));
}

static void
show_key_status (ReframeFeedbackPreferences *self,
                 ReframeSecretsSource        source,
                 const char                 *key)
{
  g_autofree char *end = describe_key_end (key);
  g_autofree char *subtitle = NULL;
  const char *title = NULL;
  gboolean removable = TRUE;

  switch (source)
    {
    case REFRAME_SECRETS_SOURCE_KEYRING:
      title = _("Saved in your keyring");
      subtitle = g_steal_pointer (&end);
      break;

    case REFRAME_SECRETS_SOURCE_SESSION:
      title = _("Kept for this session only");
      subtitle = g_strdup (_("There is no keyring on this computer, so Reframe forgets the key "
                             "when it closes. Setting REFRAME_API_KEY in the environment also "
                             "works."));
      break;

    case REFRAME_SECRETS_SOURCE_ENVIRONMENT:
      title = _("Using REFRAME_API_KEY from the environment");
      subtitle = g_steal_pointer (&end);
      removable = FALSE;
      break;

    case REFRAME_SECRETS_SOURCE_NONE:
    default:
      break;
    }

  gtk_widget_set_visible (self->key_remove_button, removable);
  set_status_row (self->key_status_row, self->key_status_icon,
                  source == REFRAME_SECRETS_SOURCE_SESSION ? "warning" : "success",
                  title, subtitle);
  if (title == NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->api_key_row),
                                   get_provider (self)->needs_api_key
                                   ? _("API Key")
                                   : _("API Key (optional)"));
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->api_key_row),
                                   _("Replace the API Key"));
}

static void
key_lookup_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ReframeFeedbackPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeApiKey) key = NULL;
  ReframeSecretsSource source = REFRAME_SECRETS_SOURCE_NONE;

  key = reframe_secrets_lookup_finish (result, &source, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      g_debug ("Could not look up the API key: %s", error->message);
      source = REFRAME_SECRETS_SOURCE_NONE;
    }
  show_key_status (self, key != NULL ? source : REFRAME_SECRETS_SOURCE_NONE, key);
}

static void
refresh_key_status (ReframeFeedbackPreferences *self)
{
  g_autofree char *url = dup_effective_url (self);

  g_cancellable_cancel (self->key_cancellable);
  g_clear_object (&self->key_cancellable);

  if (url == NULL || is_offline (self))
    {
      show_key_status (self, REFRAME_SECRETS_SOURCE_NONE, NULL);
      return;
    }

  self->key_cancellable = g_cancellable_new ();
  reframe_secrets_lookup_async (url, self->key_cancellable, key_lookup_cb, g_object_ref (self));
}

static void
key_stored_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ReframeFeedbackPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  ReframeSecretsSource stored_in = REFRAME_SECRETS_SOURCE_NONE;

  if (!reframe_secrets_store_finish (result, &stored_in, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (GTK_WIDGET (self->api_key_row), TRUE);
      gtk_widget_set_visible (self->key_remove_button, FALSE);
      set_status_row (self->key_status_row, self->key_status_icon, "error",
                      _("The API key could not be saved"), error->message);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->api_key_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->api_key_row), "");
  clear_test_result (self);
  refresh_key_status (self);
}

static void
api_key_apply_cb (ReframeFeedbackPreferences *self)
{
  g_autoptr(ReframeApiKey) key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->api_key_row))));
  g_autofree char *url = dup_effective_url (self);

  if (key[0] == '\0')
    return;
  if (url == NULL)
    {
      set_status_row (self->url_status_row, self->url_status_icon, "error",
                      _("Enter the server address first: the key is kept for that address."),
                      NULL);
      return;
    }

  /* Not editable while it is being stored, so that a second key cannot race the first. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->api_key_row), FALSE);
  reframe_secrets_store_async (url, key, self->cancellable, key_stored_cb, g_object_ref (self));
}

static void
key_cleared_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ReframeFeedbackPreferences) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!reframe_secrets_clear_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_action_row_set_subtitle (self->key_status_row, error->message);
    }

  gtk_widget_set_sensitive (self->key_remove_button, TRUE);
  clear_test_result (self);
  refresh_key_status (self);
}

static void
key_remove_clicked_cb (ReframeFeedbackPreferences *self)
{
  g_autofree char *url = dup_effective_url (self);

  if (url == NULL)
    return;

  gtk_widget_set_sensitive (self->key_remove_button, FALSE);
  reframe_secrets_clear_async (url, self->cancellable, key_cleared_cb, g_object_ref (self));
}

/* The connection test */

static void
set_testing (ReframeFeedbackPreferences *self,
             gboolean                    testing)
{
  self->testing = testing;
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), testing);
  gtk_spinner_set_spinning (self->test_spinner, testing);
  gtk_button_set_label (self->test_button, testing ? _("_Cancel") : _("_Test"));
}

static void
show_test_result (ReframeFeedbackPreferences *self,
                  gboolean                    ok,
                  const char                 *sentence)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), ok ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), ok ? "success" : "error");
  gtk_image_set_from_icon_name (self->test_icon, ok ? "emblem-ok-symbolic"
                                                    : "dialog-error-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), TRUE);
  adw_action_row_set_subtitle (self->test_row, sentence);
}

static void
test_connection_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ReframeFeedbackPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;

  sentence = reframe_llm_client_test_connection_finish (REFRAME_LLM_CLIENT (object), result,
                                                        &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_testing (self, FALSE);
  if (sentence != NULL)
    show_test_result (self, TRUE, sentence);
  else
    show_test_result (self, FALSE, error->message);
}

static void
test_key_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ReframeFeedbackPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeLlmClient) client = NULL;
  g_autoptr(ReframeApiKey) key = NULL;
  g_autofree char *url = NULL;
  g_autofree char *model = NULL;
  ReframeSecretsSource source = REFRAME_SECRETS_SOURCE_NONE;

  key = reframe_secrets_lookup_finish (result, &source, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_debug ("No API key for the test: %s", error->message);

  url = dup_effective_url (self);
  model = g_settings_get_string (self->settings, "feedback-model");
  client = reframe_llm_client_new (url, key, model[0] != '\0' ? model : NULL);
  reframe_llm_client_set_provider (client, get_provider (self)->kind);
  reframe_llm_client_test_connection_async (client, self->test_cancellable, test_connection_cb,
                                            g_object_ref (self));
}

static void
test_clicked_cb (ReframeFeedbackPreferences *self)
{
  g_autofree char *url = NULL;

  if (self->testing)
    {
      /* Cancel: the row goes back to what it said before. */
      clear_test_result (self);
      set_testing (self, FALSE);
      return;
    }

  /* What is typed but not applied yet is what the person means to test. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->url_row)))
    url_apply_cb (self);
  model_apply_cb (self);

  url = dup_effective_url (self);
  if (url == NULL)
    {
      show_test_result (self, FALSE, _("Enter the server address first."));
      return;
    }

  g_clear_object (&self->test_cancellable);
  self->test_cancellable = g_cancellable_new ();
  adw_action_row_set_subtitle (self->test_row, _("Connecting…"));
  set_testing (self, TRUE);
  reframe_secrets_lookup_async (url, self->test_cancellable, test_key_cb, g_object_ref (self));
}

/* Names to hide */

static void
remove_name_clicked_cb (GtkButton                  *button,
                        ReframeFeedbackPreferences *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  g_auto(GStrv) names = g_settings_get_strv (self->settings, "names-to-hide");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    if (!g_str_equal (names[i], name))
      g_strv_builder_add (builder, names[i]);
  kept = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "names-to-hide", (const char * const *) kept);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_name_row));
}

static void
rebuild_names (ReframeFeedbackPreferences *self)
{
  g_auto(GStrv) names = g_settings_get_strv (self->settings, "names-to-hide");

  for (guint i = 0; i < self->name_rows->len; i++)
    adw_preferences_group_remove (self->names_group, g_ptr_array_index (self->name_rows, i));
  g_ptr_array_set_size (self->name_rows, 0);

  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *tooltip = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), names[i]);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      /* Translators: %s is a name the person asked to hide */
      tooltip = g_strdup_printf (_("Stop Hiding “%s”"), names[i]);
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (names[i]), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_name_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->names_group, row);
      g_ptr_array_add (self->name_rows, row);
    }
}

static void
add_name_apply_cb (ReframeFeedbackPreferences *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_name_row))));
  g_autofree char *folded = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;

  if (name[0] == '\0')
    return;

  names = g_settings_get_strv (self->settings, "names-to-hide");
  folded = g_utf8_casefold (name, -1);
  builder = g_strv_builder_new ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *other = g_utf8_casefold (names[i], -1);

      /* Matching ignores case, so "anna" and "Anna" are one name. */
      if (g_str_equal (other, folded))
        {
          gtk_editable_set_text (GTK_EDITABLE (self->add_name_row), "");
          return;
        }
      g_strv_builder_add (builder, names[i]);
    }
  g_strv_builder_add (builder, name);
  updated = g_strv_builder_end (builder);

  gtk_editable_set_text (GTK_EDITABLE (self->add_name_row), "");
  g_settings_set_strv (self->settings, "names-to-hide", (const char * const *) updated);
}

/* Consents */

static void
withdraw_clicked_cb (GtkButton                  *button,
                     ReframeFeedbackPreferences *self)
{
  const char *url = g_object_get_data (G_OBJECT (button), "url");
  g_auto(GStrv) consents = g_settings_get_strv (self->settings, "feedback-consents");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;
  g_autofree char *host = reframe_provider_describe_host (url);
  g_autofree char *message = NULL;

  for (guint i = 0; consents[i] != NULL; i++)
    if (!g_str_equal (consents[i], url))
      g_strv_builder_add (builder, consents[i]);
  kept = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "feedback-consents", (const char * const *) kept);

  /* Translators: %s is a server such as "api.openai.com" */
  message = g_strdup_printf (_("Reframe will ask before sending anything to %s again"),
                             host != NULL ? host : url);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                    adw_toast_new (message));
}

static void
rebuild_consents (ReframeFeedbackPreferences *self)
{
  g_auto(GStrv) consents = g_settings_get_strv (self->settings, "feedback-consents");

  for (guint i = 0; i < self->consent_rows->len; i++)
    adw_preferences_group_remove (self->consents_group,
                                  g_ptr_array_index (self->consent_rows, i));
  g_ptr_array_set_size (self->consent_rows, 0);

  for (guint i = 0; consents[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Withdraw"));
      g_autofree char *host = reframe_provider_describe_host (consents[i]);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), host != NULL ? host : consents[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), consents[i]);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "url", g_strdup (consents[i]), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (withdraw_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->consents_group, row);
      g_ptr_array_add (self->consent_rows, row);
    }

  gtk_widget_set_visible (self->no_consents_row, consents[0] == NULL);
}

/* The provider */

static const char *
describe_provider (const ReframeProvider *provider)
{
  if (provider->kind == REFRAME_PROVIDER_BUILTIN)
    return _("The built-in coach runs on this computer and works offline. Nothing you write "
             "leaves it. Its feedback is simpler than a language model’s.");
  if (provider->kind == REFRAME_PROVIDER_CUSTOM)
    return _("Any server that speaks the OpenAI chat API. Reframe asks before it first sends "
             "anything to a server on another computer.");
  if (provider->runs_locally)
    return _("A language model server that runs on this computer. Start it before asking for "
             "feedback.");
  return _("A service on the internet: what you ask about is sent there. Reframe asks before "
           "it first sends anything, and you need an account and an API key.");
}

static void
update_provider_chrome (ReframeFeedbackPreferences *self)
{
  const ReframeProvider *provider = get_provider (self);

  adw_preferences_group_set_description (self->provider_group, describe_provider (provider));
  gtk_widget_set_visible (GTK_WIDGET (self->connection_group),
                          provider->kind != REFRAME_PROVIDER_BUILTIN);
}

static void
load_settings (ReframeFeedbackPreferences *self)
{
  const ReframeProvider *provider = get_provider (self);
  g_autofree char *url = dup_effective_url (self);
  g_autofree char *model = g_settings_get_string (self->settings, "feedback-model");

  self->loading = TRUE;
  adw_combo_row_set_selected (self->provider_row, provider->kind);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->model_row), model);
  self->loading = FALSE;

  update_provider_chrome (self);
  update_url_status (self);
  forget_models (self);
  clear_test_result (self);
  refresh_key_status (self);
}

static void
provider_selected_cb (ReframeFeedbackPreferences *self)
{
  guint selected = adw_combo_row_get_selected (self->provider_row);
  const ReframeProvider *provider;

  if (self->loading || selected >= REFRAME_N_PROVIDERS)
    return;

  provider = reframe_provider_get (selected);
  if (provider->kind == get_provider (self)->kind)
    return;

  /* Another provider has its own address and models. */
  self->loading = TRUE;
  g_settings_set_string (self->settings, "feedback-provider", provider->id);
  g_settings_set_string (self->settings, "feedback-base-url", "");
  g_settings_set_string (self->settings, "feedback-model", "");
  self->loading = FALSE;

  load_settings (self);
}

static void
settings_changed_cb (ReframeFeedbackPreferences *self,
                     const char                 *key,
                     GSettings                  *settings)
{
  if (g_str_equal (key, "names-to-hide"))
    rebuild_names (self);
  else if (g_str_equal (key, "feedback-consents"))
    rebuild_consents (self);
  else if (!self->loading &&
           (g_str_equal (key, "feedback-provider") || g_str_equal (key, "feedback-base-url") ||
            g_str_equal (key, "feedback-model")))
    load_settings (self);
}

/* GObject */

static void
reframe_feedback_preferences_dispose (GObject *object)
{
  ReframeFeedbackPreferences *self = (ReframeFeedbackPreferences *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->key_cancellable);
  g_cancellable_cancel (self->test_cancellable);
  g_cancellable_cancel (self->models_cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_FEEDBACK_PREFERENCES);

  G_OBJECT_CLASS (reframe_feedback_preferences_parent_class)->dispose (object);
}

static void
reframe_feedback_preferences_finalize (GObject *object)
{
  ReframeFeedbackPreferences *self = (ReframeFeedbackPreferences *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->key_cancellable);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->models_cancellable);
  g_clear_pointer (&self->models_url, g_free);
  g_clear_pointer (&self->models, g_strfreev);
  g_clear_pointer (&self->name_rows, g_ptr_array_unref);
  g_clear_pointer (&self->consent_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (reframe_feedback_preferences_parent_class)->finalize (object);
}

static void
reframe_feedback_preferences_class_init (ReframeFeedbackPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_feedback_preferences_dispose;
  object_class->finalize = reframe_feedback_preferences_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/app/reframe-feedback-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, provider_group);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, provider_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, provider_model);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, connection_group);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, url_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, url_status_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, url_status_icon);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, model_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, model_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, model_popover);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, model_stack);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, model_spinner);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, model_list);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, model_error_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, api_key_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, key_status_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, key_status_icon);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, key_remove_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, test_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, test_icon);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, test_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, names_group);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, add_name_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, consents_group);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPreferences, no_consents_row);
  gtk_widget_class_bind_template_callback (widget_class, provider_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, model_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, model_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, model_retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, model_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, api_key_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_name_apply_cb);
}

static void
reframe_feedback_preferences_init (ReframeFeedbackPreferences *self)
{
  ReframeApplication *app = REFRAME_APPLICATION_DEFAULT;

  self->cancellable = g_cancellable_new ();
  self->name_rows = g_ptr_array_new ();
  self->consent_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->loading = TRUE;
  for (guint i = 0; i < REFRAME_N_PROVIDERS; i++)
    gtk_string_list_append (self->provider_model, reframe_provider_get (i)->name);
  self->loading = FALSE;

  self->settings = g_object_ref (reframe_application_get_settings (app));
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);

  load_settings (self);
  rebuild_names (self);
  rebuild_consents (self);
}

GtkWidget *
reframe_feedback_preferences_new (void)
{
  return g_object_new (REFRAME_TYPE_FEEDBACK_PREFERENCES, NULL);
}
