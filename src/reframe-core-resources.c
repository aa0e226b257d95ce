/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-core"

#include "config.h"

#include "reframe-core-resources.h"
#include "reframe-core-gresource.h"

void
reframe_core_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      g_resources_register (reframe_core_get_resource ());
      g_once_init_leave (&registered, 1);
    }
}

JsonNode *
reframe_core_load_json (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  reframe_core_ensure_resources ();

  path = g_strdup_printf (RESOURCE_BASE "/data/%s", name);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("Built-in data file %s is missing: %s", path, error->message);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &error))
    g_error ("Built-in data file %s is not valid JSON: %s", path, error->message);

  return json_parser_steal_root (parser);
}
