/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The small JSON arrays the stores keep in one column. */
char  *reframe_store_json_from_strv (const char * const *strv);
char **reframe_store_json_to_strv   (const char         *json);

G_END_DECLS
