/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-assignment.h"
#include "reframe-database.h"
#include "reframe-pack.h"

G_BEGIN_DECLS

/* The packs the person accepted and their assignments (migration 0005), and which exercise
 * responses were done for which assignment. */

#define REFRAME_TYPE_ASSIGNMENT_STORE (reframe_assignment_store_get_type ())
G_DECLARE_FINAL_TYPE (ReframeAssignmentStore, reframe_assignment_store,
                      REFRAME, ASSIGNMENT_STORE, GObject)

/* Signal: "changed": an assignment was added, paused, resumed or removed, or a response was
 * linked to one. */

ReframeAssignmentStore *reframe_assignment_store_new             (ReframeDatabase         *database);
/* Adds the pack and all its assignments in one transaction: all or nothing. Fails with
 * REFRAME_STORE_ERROR_INVALID when this pack was already added. */
gboolean                reframe_assignment_store_import          (ReframeAssignmentStore  *self,
                                                                  ReframePack             *pack,
                                                                  GError                 **error);
gboolean                reframe_assignment_store_has_pack        (ReframeAssignmentStore  *self,
                                                                  const char              *pack_uuid);
/* Every assignment, in the order of their packs and within them, each with its completions. */
GPtrArray              *reframe_assignment_store_list            (ReframeAssignmentStore  *self,
                                                                  GError                 **error);
ReframeAssignment      *reframe_assignment_store_get             (ReframeAssignmentStore  *self,
                                                                  const char              *uuid,
                                                                  GError                 **error);
guint                   reframe_assignment_store_count           (ReframeAssignmentStore  *self);
gboolean                reframe_assignment_store_set_paused      (ReframeAssignmentStore  *self,
                                                                  const char              *uuid,
                                                                  gboolean                 paused,
                                                                  GError                 **error);
/* Removes the assignment; the responses done for it stay, as ordinary exercises. */
gboolean                reframe_assignment_store_remove          (ReframeAssignmentStore  *self,
                                                                  const char              *uuid,
                                                                  GError                 **error);
/* Notes that @response_uuid (a stored exercise response) was done for @assignment_uuid. */
gboolean                reframe_assignment_store_link_response   (ReframeAssignmentStore  *self,
                                                                  const char              *assignment_uuid,
                                                                  const char              *response_uuid,
                                                                  GError                 **error);
/* The assignment @response_uuid was done for, or NULL. */
char                   *reframe_assignment_store_find_assignment (ReframeAssignmentStore  *self,
                                                                  const char              *response_uuid);
/* A response begun for @assignment_uuid and not completed, newest first, or NULL. */
char                   *reframe_assignment_store_find_unfinished (ReframeAssignmentStore  *self,
                                                                  const char              *assignment_uuid);

G_END_DECLS
