/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-migrations"

#include "config.h"

#include <gio/gio.h>

#include "reframe-core-resources.h"
#include "reframe-database.h"
#include "reframe-migrations.h"

/* Forward-only: a released migration is never edited, a change is a new file. The position
 * in this list is the schema version the migration produces. */
static const char * const migrations[] = {
  "0001-initial.sql",
  "0002-safety-events.sql",
  "0003-exercise-responses.sql",
  "0004-feedback.sql",
  "0005-packs.sql",
};

int
reframe_migrations_get_latest (void)
{
  return G_N_ELEMENTS (migrations);
}

static gboolean
run_one (sqlite3  *db,
         int       version,
         GError  **error)
{
  g_autofree char *path = NULL;
  g_autofree char *set_version = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  char *message = NULL;
  int rc;

  reframe_core_ensure_resources ();

  path = g_strdup_printf (RESOURCE_BASE "/sql/%s", migrations[version - 1]);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* A number, not user data: the pragma takes no bound parameter. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return reframe_database_set_error (error, db, rc, "Could not start upgrading the database");

  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, set_version, NULL, NULL, &message);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf ("Could not upgrade the database to version %d (%s)",
                                               version, message ? message : "unknown error");
      sqlite3_free (message);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return reframe_database_set_error (error, db, rc, what);
    }

  g_debug ("Migrated database to version %d", version);
  return TRUE;
}

gboolean
reframe_migrations_run (sqlite3  *db,
                        int       from,
                        GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (from >= 0, FALSE);

  for (int version = from + 1; version <= reframe_migrations_get_latest (); version++)
    {
      if (!run_one (db, version, error))
        return FALSE;
    }

  return TRUE;
}
