/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-checkin.h"
#include "reframe-database.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_MOOD_STORE (reframe_mood_store_get_type ())
G_DECLARE_FINAL_TYPE (ReframeMoodStore, reframe_mood_store, REFRAME, MOOD_STORE, GObject)

/* Signals: "checkin-saved" (ReframeCheckin *saved, gboolean created),
 *          "checkin-deleted" (const char *uuid). */

ReframeMoodStore *reframe_mood_store_new            (ReframeDatabase  *database);
gboolean          reframe_mood_store_save           (ReframeMoodStore *self,
                                                     ReframeCheckin   *checkin,
                                                     GError          **error);
ReframeCheckin   *reframe_mood_store_get            (ReframeMoodStore *self,
                                                     const char       *uuid,
                                                     GError          **error);
gboolean          reframe_mood_store_delete         (ReframeMoodStore *self,
                                                     const char       *uuid,
                                                     GError          **error);
guint             reframe_mood_store_count          (ReframeMoodStore *self);
/* Newest first. */
GPtrArray        *reframe_mood_store_list           (ReframeMoodStore *self,
                                                     guint             offset,
                                                     guint             limit,
                                                     GError          **error);
/* Oldest first, recorded in [from, to). */
GPtrArray        *reframe_mood_store_list_between   (ReframeMoodStore *self,
                                                     GDateTime        *from,
                                                     GDateTime        *to,
                                                     GError          **error);
/* Activities used in past check-ins, most used first. */
char            **reframe_mood_store_list_activities (ReframeMoodStore *self);

G_END_DECLS
