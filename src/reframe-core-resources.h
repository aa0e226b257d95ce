/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Registers the resources of reframe-core (SQL migrations, data/ content). A static library's
 * constructor can be dropped by the linker, so the core registers them on first use. */
void      reframe_core_ensure_resources (void);
/* A built-in data file under RESOURCE_BASE "/data/", parsed. A missing or broken built-in
 * file is a packaging bug (the tests load every one), so this aborts on it. */
JsonNode *reframe_core_load_json        (const char *name);

G_END_DECLS
