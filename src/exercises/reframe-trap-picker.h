/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REFRAME_TYPE_TRAP_PICKER (reframe_trap_picker_get_type ())
G_DECLARE_FINAL_TYPE (ReframeTrapPicker, reframe_trap_picker, REFRAME, TRAP_PICKER, AdwBin)

/* The thinking traps of the catalog as a checklist: name, one-line summary, and the example
 * when a row is expanded.
 *
 * Signals: "changed" (the person ticked or unticked a trap). */
GtkWidget      *reframe_trap_picker_new              (void);
/* Ticked ids in catalog order, then any ids not in the catalog that were set (kept, never
 * dropped). Free with g_strfreev(). */
char          **reframe_trap_picker_get_selected     (ReframeTrapPicker  *self);
void            reframe_trap_picker_set_selected     (ReframeTrapPicker  *self,
                                                      const char * const *ids);
/* Marks the traps a coach suggests with a “Suggested” tag; NULL or empty clears the marks.
 * Nothing is ticked for the person. */
void            reframe_trap_picker_set_suggested    (ReframeTrapPicker  *self,
                                                      const char * const *ids);
GtkCheckButton *reframe_trap_picker_get_check_button (ReframeTrapPicker  *self,
                                                      const char         *id);
AdwExpanderRow *reframe_trap_picker_get_row          (ReframeTrapPicker  *self,
                                                      const char         *id);

G_END_DECLS
