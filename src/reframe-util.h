/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74. */
static inline gboolean
reframe_set_str (char       **slot,
                 const char  *value)
{
  if (*slot == value || g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static inline void
reframe_set_date_time (GDateTime **slot,
                       GDateTime  *value)
{
  if (value != NULL)
    g_date_time_ref (value);
  g_clear_pointer (slot, g_date_time_unref);
  *slot = value;
}

G_END_DECLS
