/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-secrets"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "reframe-provider.h"
#include "reframe-secrets.h"

#define ENVIRONMENT_VARIABLE "REFRAME_API_KEY"

typedef struct
{
  char                 *key;
  ReframeSecretsSource  source;
} LookupResult;

/* Keys kept for this session only, when there is no Secret Service: normalised base URL to
 * key. Shared by every thread that looks a key up. */
static GMutex session_lock;
static GHashTable *session_keys;

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    REFRAME_SECRETS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

void
reframe_secrets_free_key (char *api_key)
{
  if (api_key == NULL)
    return;
  memset (api_key, 0, strlen (api_key));
  g_free (api_key);
}

static void
lookup_result_free (LookupResult *result)
{
  reframe_secrets_free_key (result->key);
  g_free (result);
}

static LookupResult *
lookup_result_new (const char           *key,
                   ReframeSecretsSource  source)
{
  LookupResult *result = g_new0 (LookupResult, 1);

  result->key = g_strdup (key);
  result->source = key != NULL ? source : REFRAME_SECRETS_SOURCE_NONE;
  return result;
}

/* The attribute value: the normalised URL, so that "localhost:8080/v1/" and
 * "http://localhost:8080" share one key. */
static char *
key_for_url (const char *base_url)
{
  char *normalized = reframe_provider_normalize_base_url (base_url, NULL);

  if (normalized == NULL)
    normalized = g_strstrip (g_strdup (base_url));
  return normalized;
}

static char *
session_lookup (const char *url)
{
  char *key = NULL;

  g_mutex_lock (&session_lock);
  if (session_keys != NULL)
    key = g_strdup (g_hash_table_lookup (session_keys, url));
  g_mutex_unlock (&session_lock);

  return key;
}

static void
session_store (const char *url,
               const char *api_key)
{
  g_mutex_lock (&session_lock);
  if (session_keys == NULL)
    session_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) reframe_secrets_free_key);
  if (api_key != NULL)
    g_hash_table_insert (session_keys, g_strdup (url), g_strdup (api_key));
  else
    g_hash_table_remove (session_keys, url);
  g_mutex_unlock (&session_lock);
}

/* A lookup that needs no Secret Service: the environment, then this session's memory. */
static LookupResult *
lookup_local (const char *url)
{
  const char *from_environment = g_getenv (ENVIRONMENT_VARIABLE);
  g_autofree char *from_session = NULL;

  if (from_environment != NULL && *from_environment != '\0')
    return lookup_result_new (from_environment, REFRAME_SECRETS_SOURCE_ENVIRONMENT);

  from_session = session_lookup (url);
  if (from_session != NULL)
    {
      LookupResult *result = lookup_result_new (from_session, REFRAME_SECRETS_SOURCE_SESSION);

      memset (from_session, 0, strlen (from_session));
      return result;
    }

  return NULL;
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static char *
describe_label (const char *url)
{
  g_autofree char *host = reframe_provider_describe_host (url);

  /* Translators: the name of the API key in the keyring (Passwords and Keys). %s is a
   * server such as "api.openai.com". */
  return g_strdup_printf (_("Reframe API key for %s"), host != NULL ? host : url);
}

/* Lookup */

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *key = secret_password_lookup_finish (result, &error);

  if (error != NULL && is_cancelled (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    g_debug ("No Secret Service to look up the API key in: %s", error->message);

  g_task_return_pointer (task, lookup_result_new (key, REFRAME_SECRETS_SOURCE_KEYRING),
                         (GDestroyNotify) lookup_result_free);
  secret_password_free (key);
}

void
reframe_secrets_lookup_async (const char          *base_url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  LookupResult *local;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reframe_secrets_lookup_async);

  url = key_for_url (base_url);
  local = lookup_local (url);
  if (local != NULL)
    {
      g_task_return_pointer (task, local, (GDestroyNotify) lookup_result_free);
      return;
    }

  secret_password_lookup (get_schema (), cancellable, lookup_done_cb, g_steal_pointer (&task),
                          "base-url", url,
                          NULL);
}

char *
reframe_secrets_lookup_finish (GAsyncResult          *result,
                               ReframeSecretsSource  *source,
                               GError               **error)
{
  LookupResult *found;
  char *key;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == reframe_secrets_lookup_async,
                        NULL);

  if (source != NULL)
    *source = REFRAME_SECRETS_SOURCE_NONE;

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return NULL;

  if (source != NULL)
    *source = found->source;
  key = g_steal_pointer (&found->key);
  lookup_result_free (found);
  return key;
}

char *
reframe_secrets_lookup_sync (const char            *base_url,
                             ReframeSecretsSource  *source,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) local_error = NULL;
  LookupResult *local;
  char *key;
  char *copy;

  g_return_val_if_fail (base_url != NULL, NULL);

  if (source != NULL)
    *source = REFRAME_SECRETS_SOURCE_NONE;

  url = key_for_url (base_url);
  local = lookup_local (url);
  if (local != NULL)
    {
      if (source != NULL)
        *source = local->source;
      key = g_steal_pointer (&local->key);
      lookup_result_free (local);
      return key;
    }

  key = secret_password_lookup_sync (get_schema (), cancellable, &local_error,
                                     "base-url", url,
                                     NULL);
  if (local_error != NULL)
    {
      if (is_cancelled (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_debug ("No Secret Service to look up the API key in: %s", local_error->message);
      return NULL;
    }
  if (key == NULL)
    return NULL;

  if (source != NULL)
    *source = REFRAME_SECRETS_SOURCE_KEYRING;
  /* Hand out memory that reframe_secrets_free_key() can free. */
  copy = g_strdup (key);
  secret_password_free (key);
  return copy;
}

/* Store */

typedef struct
{
  char *url;
  char *key;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_free (data->url);
  reframe_secrets_free_key (data->key);
  g_free (data);
}

/* After the Secret Service answered: keep the key in memory when it could not. */
static gboolean
finish_store (const char            *url,
              const char            *api_key,
              gboolean               stored,
              GError                *secret_error,
              ReframeSecretsSource  *stored_in,
              GError               **error)
{
  if (stored)
    {
      session_store (url, NULL);
      *stored_in = REFRAME_SECRETS_SOURCE_KEYRING;
      return TRUE;
    }

  if (secret_error != NULL && is_cancelled (secret_error))
    {
      g_propagate_error (error, g_error_copy (secret_error));
      return FALSE;
    }

  g_debug ("Keeping the API key for this session only: %s",
           secret_error != NULL ? secret_error->message : "the Secret Service refused it");
  session_store (url, api_key);
  *stored_in = REFRAME_SECRETS_SOURCE_SESSION;
  return TRUE;
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StoreData *data = g_task_get_task_data (task);
  g_autoptr(GError) secret_error = NULL;
  g_autoptr(GError) error = NULL;
  ReframeSecretsSource stored_in = REFRAME_SECRETS_SOURCE_NONE;
  gboolean stored = secret_password_store_finish (result, &secret_error);

  if (finish_store (data->url, data->key, stored, secret_error, &stored_in, &error))
    g_task_return_int (task, stored_in);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
reframe_secrets_store_async (const char          *base_url,
                             const char          *api_key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  StoreData *data;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (api_key != NULL && *api_key != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reframe_secrets_store_async);

  data = g_new0 (StoreData, 1);
  data->url = key_for_url (base_url);
  data->key = g_strdup (api_key);
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);

  label = describe_label (data->url);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, api_key, cancellable,
                         store_done_cb, g_steal_pointer (&task),
                         "base-url", data->url,
                         NULL);
}

gboolean
reframe_secrets_store_finish (GAsyncResult          *result,
                              ReframeSecretsSource  *stored_in,
                              GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize source;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == reframe_secrets_store_async,
                        FALSE);

  source = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      if (stored_in != NULL)
        *stored_in = REFRAME_SECRETS_SOURCE_NONE;
      return FALSE;
    }

  if (stored_in != NULL)
    *stored_in = (ReframeSecretsSource) source;
  return TRUE;
}

gboolean
reframe_secrets_store_sync (const char            *base_url,
                            const char            *api_key,
                            ReframeSecretsSource  *stored_in,
                            GCancellable          *cancellable,
                            GError               **error)
{
  g_autofree char *url = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) secret_error = NULL;
  ReframeSecretsSource where = REFRAME_SECRETS_SOURCE_NONE;
  gboolean stored;
  gboolean ok;

  g_return_val_if_fail (base_url != NULL, FALSE);
  g_return_val_if_fail (api_key != NULL && *api_key != '\0', FALSE);

  url = key_for_url (base_url);
  label = describe_label (url);
  stored = secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, api_key,
                                       cancellable, &secret_error,
                                       "base-url", url,
                                       NULL);
  ok = finish_store (url, api_key, stored, secret_error, &where, error);
  if (stored_in != NULL)
    *stored_in = where;
  return ok;
}

/* Clear */

static void
clear_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL && is_cancelled (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    g_debug ("No Secret Service to remove the API key from: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

void
reframe_secrets_clear_async (const char          *base_url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reframe_secrets_clear_async);

  url = key_for_url (base_url);
  session_store (url, NULL);
  secret_password_clear (get_schema (), cancellable, clear_done_cb, g_steal_pointer (&task),
                         "base-url", url,
                         NULL);
}

gboolean
reframe_secrets_clear_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == reframe_secrets_clear_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
reframe_secrets_clear_sync (const char    *base_url,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (base_url != NULL, FALSE);

  url = key_for_url (base_url);
  session_store (url, NULL);
  secret_password_clear_sync (get_schema (), cancellable, &local_error,
                              "base-url", url,
                              NULL);
  if (local_error != NULL && is_cancelled (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (local_error != NULL)
    g_debug ("No Secret Service to remove the API key from: %s", local_error->message);
  return TRUE;
}
