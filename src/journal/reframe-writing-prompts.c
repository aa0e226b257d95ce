/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-writing-prompts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "reframe-core-resources.h"
#include "reframe-writing-prompts.h"

static GPtrArray *
get_prompts (void)
{
  static GPtrArray *prompts;

  if (g_once_init_enter (&prompts))
    {
      g_autoptr(JsonNode) root = reframe_core_load_json ("writing-prompts.json");
      JsonArray *array = json_object_get_array_member (json_node_get_object (root), "prompts");
      GPtrArray *loaded = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (loaded, (gpointer) g_intern_string (
          g_dgettext (GETTEXT_PACKAGE, json_array_get_string_element (array, i))));

      g_once_init_leave (&prompts, loaded);
    }

  return prompts;
}

guint
reframe_writing_prompts_get_count (void)
{
  return get_prompts ()->len;
}

/* Wraps around, so a rotating counter can be passed as is. */
const char *
reframe_writing_prompts_get (guint index)
{
  GPtrArray *prompts = get_prompts ();

  g_return_val_if_fail (prompts->len > 0, NULL);

  return g_ptr_array_index (prompts, index % prompts->len);
}
