/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-emotions"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "reframe-core-resources.h"
#include "reframe-emotions.h"

G_DEFINE_BOXED_TYPE (ReframeEmotionRating, reframe_emotion_rating,
                     reframe_emotion_rating_copy, reframe_emotion_rating_free)

ReframeEmotionRating *
reframe_emotion_rating_new (const char *emotion,
                            int         intensity,
                            int         after)
{
  ReframeEmotionRating *self;

  g_return_val_if_fail (emotion != NULL, NULL);

  self = g_new0 (ReframeEmotionRating, 1);
  self->emotion = g_strdup (emotion);
  self->intensity = CLAMP (intensity, 0, 100);
  self->after = after < 0 ? -1 : MIN (after, 100);

  return self;
}

ReframeEmotionRating *
reframe_emotion_rating_copy (const ReframeEmotionRating *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return reframe_emotion_rating_new (self->emotion, self->intensity, self->after);
}

void
reframe_emotion_rating_free (ReframeEmotionRating *self)
{
  if (self == NULL)
    return;

  g_free (self->emotion);
  g_free (self);
}

typedef struct
{
  GPtrArray   *emotions;     /* ReframeEmotionInfo */
  GHashTable  *by_id;
  char       **activities;
} Catalog;

static const Catalog *
get_catalog (void)
{
  static Catalog *catalog;

  if (g_once_init_enter (&catalog))
    {
      g_autoptr(JsonNode) root = reframe_core_load_json ("emotions.json");
      g_autoptr(JsonNode) activities_root = reframe_core_load_json ("activities.json");
      JsonArray *families = json_object_get_array_member (json_node_get_object (root), "families");
      JsonArray *activities;
      Catalog *loaded = g_new0 (Catalog, 1);

      loaded->emotions = g_ptr_array_new ();
      loaded->by_id = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < json_array_get_length (families); i++)
        {
          JsonObject *family = json_array_get_object_element (families, i);
          const char *family_id = g_intern_string (json_object_get_string_member (family, "id"));
          const char *family_name = g_intern_string (
            g_dgettext (GETTEXT_PACKAGE, json_object_get_string_member (family, "name")));
          JsonArray *emotions = json_object_get_array_member (family, "emotions");

          for (guint j = 0; j < json_array_get_length (emotions); j++)
            {
              JsonObject *emotion = json_array_get_object_element (emotions, j);
              ReframeEmotionInfo *info = g_new0 (ReframeEmotionInfo, 1);

              info->id = g_intern_string (json_object_get_string_member (emotion, "id"));
              info->name = g_intern_string (
                g_dgettext (GETTEXT_PACKAGE, json_object_get_string_member (emotion, "name")));
              info->family_id = family_id;
              info->family_name = family_name;
              g_ptr_array_add (loaded->emotions, info);
              g_hash_table_insert (loaded->by_id, (gpointer) info->id, info);
            }
        }

      activities = json_object_get_array_member (json_node_get_object (activities_root),
                                                 "activities");
      loaded->activities = g_new0 (char *, json_array_get_length (activities) + 1);
      for (guint i = 0; i < json_array_get_length (activities); i++)
        loaded->activities[i] = g_strdup (g_dgettext (GETTEXT_PACKAGE,
                                                      json_array_get_string_element (activities, i)));

      g_once_init_leave (&catalog, loaded);
    }

  return catalog;
}

const GPtrArray *
reframe_emotions_get_all (void)
{
  return get_catalog ()->emotions;
}

const ReframeEmotionInfo *
reframe_emotions_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (get_catalog ()->by_id, id);
}

const char *
reframe_emotions_get_name (const char *id)
{
  const ReframeEmotionInfo *info;

  g_return_val_if_fail (id != NULL, NULL);

  info = reframe_emotions_lookup (id);
  return info ? info->name : id;
}

const char * const *
reframe_emotions_get_default_activities (void)
{
  return (const char * const *) get_catalog ()->activities;
}
