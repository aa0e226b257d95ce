/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* API keys of language model providers, kept in the Secret Service (GNOME Keyring, KWallet)
 * under the schema "io.github.reframe.Reframe.ApiKey", keyed by the provider's normalised
 * base URL (attribute "base-url"). Never in a plain file, never in GSettings. Without a
 * Secret Service a key is kept in memory for this session only, and the source says so.
 * REFRAME_API_KEY in the environment always wins for lookups. */

typedef enum
{
  REFRAME_SECRETS_SOURCE_NONE,         /* no key */
  REFRAME_SECRETS_SOURCE_KEYRING,      /* the Secret Service */
  REFRAME_SECRETS_SOURCE_SESSION,      /* memory only, until Reframe quits */
  REFRAME_SECRETS_SOURCE_ENVIRONMENT,  /* REFRAME_API_KEY */
} ReframeSecretsSource;

/* The Secret Service schema, for tools that want to look at the stored keys. */
#define REFRAME_SECRETS_SCHEMA_NAME "io.github.reframe.Reframe.ApiKey"

void      reframe_secrets_lookup_async  (const char            *base_url,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);
/* NULL with no error when there is no key; @source tells where it came from. A Secret
 * Service that cannot be reached counts as no key. Free the key with
 * reframe_secrets_free_key(). */
char     *reframe_secrets_lookup_finish (GAsyncResult          *result,
                                         ReframeSecretsSource  *source,
                                         GError               **error);
char     *reframe_secrets_lookup_sync   (const char            *base_url,
                                         ReframeSecretsSource  *source,
                                         GCancellable          *cancellable,
                                         GError               **error);
void      reframe_secrets_store_async   (const char            *base_url,
                                         const char            *api_key,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);
/* @stored_in is _KEYRING, or _SESSION when there is no Secret Service (the UI says so). */
gboolean  reframe_secrets_store_finish  (GAsyncResult          *result,
                                         ReframeSecretsSource  *stored_in,
                                         GError               **error);
gboolean  reframe_secrets_store_sync    (const char            *base_url,
                                         const char            *api_key,
                                         ReframeSecretsSource  *stored_in,
                                         GCancellable          *cancellable,
                                         GError               **error);
/* Removes the key from the keyring and from memory. */
void      reframe_secrets_clear_async   (const char            *base_url,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);
gboolean  reframe_secrets_clear_finish  (GAsyncResult          *result,
                                         GError               **error);
gboolean  reframe_secrets_clear_sync    (const char            *base_url,
                                         GCancellable          *cancellable,
                                         GError               **error);
/* Wipes and frees a key returned by a lookup. */
void      reframe_secrets_free_key      (char                  *api_key);

G_END_DECLS
