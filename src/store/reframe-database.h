/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define REFRAME_STORE_ERROR (reframe_store_error_quark ())

/* Each code maps to one sentence the UI can show (see reframe_store_error_describe()). */
typedef enum
{
  REFRAME_STORE_ERROR_FAILED,
  REFRAME_STORE_ERROR_TOO_NEW,    /* written by a newer Reframe */
  REFRAME_STORE_ERROR_CORRUPT,    /* not a database, or damaged */
  REFRAME_STORE_ERROR_READ_ONLY,  /* file or disk cannot be written */
  REFRAME_STORE_ERROR_CANT_OPEN,  /* folder missing or not accessible */
  REFRAME_STORE_ERROR_FULL,       /* disk full */
  REFRAME_STORE_ERROR_BUSY,       /* locked by another process */
  REFRAME_STORE_ERROR_INVALID,    /* refused input, e.g. text that is not UTF-8 */
  REFRAME_STORE_ERROR_NOT_FOUND,
} ReframeStoreError;

GQuark reframe_store_error_quark (void);

#define REFRAME_TYPE_DATABASE (reframe_database_get_type ())
G_DECLARE_FINAL_TYPE (ReframeDatabase, reframe_database, REFRAME, DATABASE, GObject)

char            *reframe_database_get_default_dir   (void);
ReframeDatabase *reframe_database_open              (const char       *path,
                                                     GError          **error);
ReframeDatabase *reframe_database_open_default      (GError          **error);
const char      *reframe_database_get_path          (ReframeDatabase  *self);
sqlite3         *reframe_database_get_handle        (ReframeDatabase  *self);
sqlite3         *reframe_database_open_reader       (ReframeDatabase  *self,
                                                     GError          **error);
int              reframe_database_get_schema_version (ReframeDatabase *self);
gboolean         reframe_database_begin             (ReframeDatabase  *self,
                                                     GError          **error);
gboolean         reframe_database_commit            (ReframeDatabase  *self,
                                                     GError          **error);
void             reframe_database_rollback          (ReframeDatabase  *self);

/* Helpers shared by the stores. */
sqlite3_stmt    *reframe_database_prepare           (ReframeDatabase  *self,
                                                     const char       *sql,
                                                     GError          **error);
gboolean         reframe_database_set_error         (GError          **error,
                                                     sqlite3          *db,
                                                     int               rc,
                                                     const char       *what);
gboolean         reframe_database_check_text        (const char       *text,
                                                     const char       *field,
                                                     GError          **error);
char            *reframe_database_new_uuid          (void);

G_END_DECLS
