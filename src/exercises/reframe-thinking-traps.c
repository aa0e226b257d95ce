/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-thinking-traps"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "reframe-core-resources.h"
#include "reframe-thinking-traps.h"

static const char *
translated (JsonObject *object,
            const char *member)
{
  return g_intern_string (g_dgettext (GETTEXT_PACKAGE,
                                      json_object_get_string_member (object, member)));
}

const GPtrArray *
reframe_thinking_traps_get_all (void)
{
  static GPtrArray *traps;

  if (g_once_init_enter (&traps))
    {
      g_autoptr(JsonNode) root = reframe_core_load_json ("thinking-traps.json");
      JsonArray *array = json_object_get_array_member (json_node_get_object (root), "traps");
      GPtrArray *loaded = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *object = json_array_get_object_element (array, i);
          ReframeThinkingTrap *trap = g_new0 (ReframeThinkingTrap, 1);

          trap->id = g_intern_string (json_object_get_string_member (object, "id"));
          trap->name = translated (object, "name");
          trap->summary = translated (object, "summary");
          trap->example = translated (object, "example");
          g_ptr_array_add (loaded, trap);
        }

      g_once_init_leave (&traps, loaded);
    }

  return traps;
}

const ReframeThinkingTrap *
reframe_thinking_traps_lookup (const char *id)
{
  const GPtrArray *traps = reframe_thinking_traps_get_all ();

  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < traps->len; i++)
    {
      const ReframeThinkingTrap *trap = g_ptr_array_index (traps, i);

      if (g_str_equal (trap->id, id))
        return trap;
    }

  return NULL;
}
