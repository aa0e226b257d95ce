/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "reframe-database.h"
#include "reframe-fts-tokenizer.h"
#include "reframe-migrations.h"
#include "reframe-sqlite-autocleanups.h"

struct _ReframeDatabase
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
  int      schema_version;
};

G_DEFINE_FINAL_TYPE (ReframeDatabase, reframe_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (reframe-store-error-quark, reframe_store_error)

static ReframeStoreError
error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return REFRAME_STORE_ERROR_CORRUPT;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return REFRAME_STORE_ERROR_READ_ONLY;
    case SQLITE_CANTOPEN:
      return REFRAME_STORE_ERROR_CANT_OPEN;
    case SQLITE_FULL:
      return REFRAME_STORE_ERROR_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return REFRAME_STORE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
      return REFRAME_STORE_ERROR_INVALID;
    default:
      return REFRAME_STORE_ERROR_FAILED;
    }
}

gboolean
reframe_database_set_error (GError     **error,
                            sqlite3     *db,
                            int          rc,
                            const char  *what)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  g_set_error (error, REFRAME_STORE_ERROR, error_code_from_sqlite (rc),
               "%s: %s", what, detail);
  return FALSE;
}

gboolean
reframe_database_check_text (const char  *text,
                             const char  *field,
                             GError     **error)
{
  const char *end = NULL;

  if (text == NULL || g_utf8_validate (text, -1, &end))
    return TRUE;

  g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_INVALID,
               "The %s contains text that is not valid UTF-8 (at byte %" G_GSIZE_FORMAT ")",
               field, (gsize) (end - text));
  return FALSE;
}

char *
reframe_database_new_uuid (void)
{
  return g_uuid_string_random ();
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return reframe_database_set_error (error, db, rc, what);
  return TRUE;
}

static gboolean
read_user_version (sqlite3  *db,
                   int      *version,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return reframe_database_set_error (error, db, rc, "Could not read the database");

  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* Settings every connection needs, before it touches a table. */
static gboolean
configure_connection (sqlite3  *db,
                      GError  **error)
{
  sqlite3_busy_timeout (db, 5000);
  sqlite3_extended_result_codes (db, TRUE);

  if (!reframe_fts_tokenizer_register (db, error))
    return FALSE;

  return exec_sql (db, "PRAGMA foreign_keys = ON", "Could not configure the database", error);
}

/* Takes away group and other permissions, keeping the owner's as they are: a folder the
 * person made read-only stays read-only (and is reported as such). */
static void
restrict_to_owner (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
    g_chmod (path, st.st_mode & 0700);
}

/* Creates the file with owner-only permissions before SQLite does, as SQLite would apply the
 * umask; SQLite gives the -wal and -shm files the same permissions as the database. Sets
 * @writable to whether SQLite will be able to write the file and its side files. */
static gboolean
prepare_file (const char  *path,
              gboolean    *writable,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  *writable = FALSE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, REFRAME_STORE_ERROR,
                   saved_errno == EROFS || saved_errno == EACCES
                     ? REFRAME_STORE_ERROR_READ_ONLY : REFRAME_STORE_ERROR_CANT_OPEN,
                   "Could not create the folder %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  restrict_to_owner (dir);

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 && (errno == EROFS || errno == EACCES || errno == EPERM))
    {
      /* May still be readable; opening will tell a database from a newer version apart. */
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_READ_ONLY,
                   "Could not create %s: %s", path, g_strerror (errno));
      return FALSE;
    }
  if (fd < 0)
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_CANT_OPEN,
                   "Could not open %s: %s", path, g_strerror (errno));
      return FALSE;
    }
  close (fd);
  restrict_to_owner (path);

  /* The folder must take new files too: the write-ahead log lives beside the database. */
  *writable = access (dir, W_OK | X_OK) == 0;

  return TRUE;
}

/* A read-only look that creates no -wal or -shm file, for a database that cannot be written:
 * enough to say whether it is from a newer Reframe, damaged, or only read-only. */
static void
explain_unwritable (const char  *path,
                    GError     **error)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);
  sqlite3 *db = NULL;
  int version = 0;

  if (uri != NULL &&
      sqlite3_open_v2 (immutable, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK &&
      read_user_version (db, &version, error))
    {
      if (version > reframe_migrations_get_latest ())
        g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_TOO_NEW,
                     "The database %s was written by a newer version of Reframe "
                     "(schema %d; this version knows up to %d)",
                     path, version, reframe_migrations_get_latest ());
      else
        g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_READ_ONLY,
                     "The database %s cannot be written (read-only file, folder or disk)", path);
    }
  else if (error != NULL && *error == NULL)
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_READ_ONLY,
                   "The database %s cannot be written (read-only file, folder or disk)", path);
    }

  sqlite3_close_v2 (db);
}

static void
reframe_database_finalize (GObject *object)
{
  ReframeDatabase *self = (ReframeDatabase *)object;

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (reframe_database_parent_class)->finalize (object);
}

static void
reframe_database_class_init (ReframeDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reframe_database_finalize;
}

static void
reframe_database_init (ReframeDatabase *self)
{
}

char *
reframe_database_get_default_dir (void)
{
  const char *override = g_getenv ("REFRAME_DATA_DIR");

  if (override != NULL && *override != '\0')
    return g_strdup (override);

  return g_build_filename (g_get_user_data_dir (), "reframe", NULL);
}

ReframeDatabase *
reframe_database_open_default (GError **error)
{
  g_autofree char *dir = reframe_database_get_default_dir ();
  g_autofree char *path = g_build_filename (dir, "reframe.db", NULL);

  return reframe_database_open (path, error);
}

/**
 * reframe_database_open:
 *
 * Opens (creating when needed) the database at @path and brings its schema up to date.
 * A file written by a newer Reframe, a damaged file or a read-only one is refused with an
 * error and left exactly as it was.
 */
ReframeDatabase *
reframe_database_open (const char  *path,
                       GError     **error)
{
  g_autoptr(ReframeDatabase) self = NULL;
  gboolean writable = FALSE;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!prepare_file (path, &writable, error))
    return NULL;

  if (!writable || access (path, R_OK | W_OK) != 0)
    {
      explain_unwritable (path, error);
      return NULL;
    }

  self = g_object_new (REFRAME_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    return reframe_database_set_error (error, self->db, rc, "Could not open the database"), NULL;

  if (!configure_connection (self->db, error))
    return NULL;

  /* Read before anything writes: a newer or damaged file must stay untouched. */
  if (!read_user_version (self->db, &version, error))
    return NULL;

  if (version > reframe_migrations_get_latest ())
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_TOO_NEW,
                   "The database %s was written by a newer version of Reframe "
                   "(schema %d; this version knows up to %d)",
                   path, version, reframe_migrations_get_latest ());
      return NULL;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_READ_ONLY,
                   "The database %s cannot be written (read-only file or disk)", path);
      return NULL;
    }

  if (!exec_sql (self->db, "PRAGMA journal_mode = WAL", "Could not open the database", error) ||
      !exec_sql (self->db, "PRAGMA synchronous = FULL", "Could not open the database", error))
    return NULL;

  if (!reframe_migrations_run (self->db, version, error))
    return NULL;

  /* Side files left read-only (say, by an earlier run on a read-only folder) would only
   * show at the first save; find out now, while nothing is at stake. */
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE; ROLLBACK", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return reframe_database_set_error (error, self->db, rc,
                                         "The database cannot be written"), NULL;
    }

  self->schema_version = reframe_migrations_get_latest ();

  return g_steal_pointer (&self);
}

const char *
reframe_database_get_path (ReframeDatabase *self)
{
  g_return_val_if_fail (REFRAME_IS_DATABASE (self), NULL);

  return self->path;
}

/**
 * reframe_database_get_handle:
 *
 * The connection of the thread that opened the database (the main thread in the app).
 */
sqlite3 *
reframe_database_get_handle (ReframeDatabase *self)
{
  g_return_val_if_fail (REFRAME_IS_DATABASE (self), NULL);

  return self->db;
}

/**
 * reframe_database_open_reader:
 *
 * Opens a second, read-only connection to the same file, for one worker thread.
 * Close it with sqlite3_close_v2().
 */
sqlite3 *
reframe_database_open_reader (ReframeDatabase  *self,
                              GError          **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_DATABASE (self), NULL);

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK || !configure_connection (db, error))
    {
      if (rc != SQLITE_OK)
        reframe_database_set_error (error, db, rc, "Could not open the database for searching");
      sqlite3_close_v2 (db);
      return NULL;
    }

  return db;
}

int
reframe_database_get_schema_version (ReframeDatabase *self)
{
  g_return_val_if_fail (REFRAME_IS_DATABASE (self), 0);

  return self->schema_version;
}

gboolean
reframe_database_begin (ReframeDatabase  *self,
                        GError          **error)
{
  g_return_val_if_fail (REFRAME_IS_DATABASE (self), FALSE);

  return exec_sql (self->db, "BEGIN IMMEDIATE", "Could not start saving", error);
}

gboolean
reframe_database_commit (ReframeDatabase  *self,
                         GError          **error)
{
  g_return_val_if_fail (REFRAME_IS_DATABASE (self), FALSE);

  if (!exec_sql (self->db, "COMMIT", "Could not save", error))
    {
      reframe_database_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
reframe_database_rollback (ReframeDatabase *self)
{
  g_return_if_fail (REFRAME_IS_DATABASE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/**
 * reframe_database_prepare:
 *
 * Prepares @sql, which is always a constant in the code: values are bound, never pasted.
 * Returns: (transfer full): the statement, or %NULL with @error set.
 */
sqlite3_stmt *
reframe_database_prepare (ReframeDatabase  *self,
                          const char       *sql,
                          GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (REFRAME_IS_DATABASE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      reframe_database_set_error (error, self->db, rc, "Could not read the database");
      return NULL;
    }

  return stmt;
}
