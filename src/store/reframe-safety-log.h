/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-database.h"
#include "reframe-safety.h"

G_BEGIN_DECLS

/* When the crisis screen found something, by date and kind only: never the text. Lets the
 * person (and an export they choose to make) see how often hard moments came up. */

/* Where the text came from. The store accepts these and any other short lower-case id. */
#define REFRAME_SAFETY_SOURCE_JOURNAL        "journal"
#define REFRAME_SAFETY_SOURCE_CHECKIN        "checkin"
#define REFRAME_SAFETY_SOURCE_THOUGHT_RECORD "thought-record"
#define REFRAME_SAFETY_SOURCE_QUESTIONNAIRE  "questionnaire"
#define REFRAME_SAFETY_SOURCE_REPLY          "reply"

typedef struct
{
  char              *uuid;
  GDateTime         *occurred_at;  /* in the offset it was recorded with */
  ReframeSafetyKind  kind;         /* a single kind */
  char              *source;
} ReframeSafetyEvent;

#define REFRAME_TYPE_SAFETY_EVENT (reframe_safety_event_get_type ())
GType               reframe_safety_event_get_type (void) G_GNUC_CONST;
ReframeSafetyEvent *reframe_safety_event_copy     (const ReframeSafetyEvent *self);
void                reframe_safety_event_free     (ReframeSafetyEvent       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeSafetyEvent, reframe_safety_event_free)

#define REFRAME_TYPE_SAFETY_LOG (reframe_safety_log_get_type ())
G_DECLARE_FINAL_TYPE (ReframeSafetyLog, reframe_safety_log, REFRAME, SAFETY_LOG, GObject)

/* Signal: "event-recorded" (ReframeSafetyEvent *event). */

ReframeSafetyLog   *reframe_safety_log_new          (ReframeDatabase    *database);
/* Records one event per kind in @kinds (flags), at @occurred_at or now when NULL. @source
 * must be a short lower-case id such as REFRAME_SAFETY_SOURCE_JOURNAL. */
gboolean            reframe_safety_log_record       (ReframeSafetyLog   *self,
                                                     ReframeSafetyKind   kinds,
                                                     const char         *source,
                                                     GDateTime          *occurred_at,
                                                     GError            **error);
/* Oldest first, occurred in [from, to). Element type: ReframeSafetyEvent. */
GPtrArray          *reframe_safety_log_list_between (ReframeSafetyLog   *self,
                                                     GDateTime          *from,
                                                     GDateTime          *to,
                                                     GError            **error);
/* Events of the kinds in @kinds (REFRAME_SAFETY_ALL for all). */
guint               reframe_safety_log_count        (ReframeSafetyLog   *self,
                                                     ReframeSafetyKind   kinds);

G_END_DECLS
