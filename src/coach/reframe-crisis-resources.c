/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-crisis-resources"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "reframe-core-resources.h"
#include "reframe-crisis-resources.h"

static const char *
optional_string (JsonObject *object,
                 const char *member,
                 gboolean    translate)
{
  const char *value = json_object_get_string_member_with_default (object, member, NULL);

  if (value == NULL)
    return NULL;
  return g_intern_string (translate ? g_dgettext (GETTEXT_PACKAGE, value) : value);
}

const GPtrArray *
reframe_crisis_resources_get_all (void)
{
  static GPtrArray *resources;

  if (g_once_init_enter (&resources))
    {
      g_autoptr(JsonNode) root = reframe_core_load_json ("crisis-resources.json");
      JsonArray *array = json_object_get_array_member (json_node_get_object (root), "resources");
      GPtrArray *loaded = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *object = json_array_get_object_element (array, i);
          ReframeCrisisResource *resource = g_new0 (ReframeCrisisResource, 1);

          resource->id = optional_string (object, "id", FALSE);
          resource->region = optional_string (object, "region", TRUE);
          resource->name = optional_string (object, "name", TRUE);
          resource->detail = optional_string (object, "detail", TRUE);
          resource->phone = optional_string (object, "phone", FALSE);
          resource->url = optional_string (object, "url", FALSE);
          resource->source = optional_string (object, "source", FALSE);
          g_ptr_array_add (loaded, resource);
        }

      g_once_init_leave (&resources, loaded);
    }

  return resources;
}
