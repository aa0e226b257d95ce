/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The small JSON arrays the stores keep in one column. */

/* json_to_string() that always yields valid JSON: json-glib 1.6 writes U+001F unescaped,
 * which SQLite's json_valid() (rightly) refuses. */
char  *reframe_store_json_node_to_string (JsonNode           *node);
char  *reframe_store_json_from_strv (const char * const *strv);
char **reframe_store_json_to_strv   (const char         *json);

G_END_DECLS
