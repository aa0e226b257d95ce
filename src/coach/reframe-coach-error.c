/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-coach-error"

#include "config.h"

#include "reframe-coach-error.h"

G_DEFINE_QUARK (reframe-coach-error-quark, reframe_coach_error)
