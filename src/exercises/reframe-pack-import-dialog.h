/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-assignment-store.h"
#include "reframe-pack.h"

G_BEGIN_DECLS

#define REFRAME_TYPE_PACK_IMPORT_DIALOG (reframe_pack_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ReframePackImportDialog, reframe_pack_import_dialog,
                      REFRAME, PACK_IMPORT_DIALOG, AdwWindow)

/* The preview of a pack before anything is added: from whom, their message, and each
 * exercise with its schedule. Add stores it all in one transaction; Decline adds nothing.
 * Everything from the pack is shown as text, never markup. */
ReframePackImportDialog *reframe_pack_import_dialog_new     (GtkWindow               *parent,
                                                             ReframePack             *pack,
                                                             ReframeAssignmentStore  *store);
ReframePack             *reframe_pack_import_dialog_get_pack (ReframePackImportDialog *self);
/* What the Add button does; FALSE with the error shown (the dialog stays) when it failed. */
gboolean                 reframe_pack_import_dialog_accept  (ReframePackImportDialog *self);

G_END_DECLS
