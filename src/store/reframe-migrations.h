/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The schema version this build writes: the number of the last migration. */
int      reframe_migrations_get_latest (void);
/* Runs every migration after @from, each in its own transaction. */
gboolean reframe_migrations_run        (sqlite3  *db,
                                        int       from,
                                        GError  **error);

G_END_DECLS
