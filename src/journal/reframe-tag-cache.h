/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-journal-store.h"

G_BEGIN_DECLS

/* The tags in use, for completion and the search filter. Listing them scans every entry
 * (130 ms at 100,000 entries), so it is done once, when first needed, and then kept
 * current from the store's signals instead of on every entry switch. */
#define REFRAME_TYPE_TAG_CACHE (reframe_tag_cache_get_type ())
G_DECLARE_FINAL_TYPE (ReframeTagCache, reframe_tag_cache, REFRAME, TAG_CACHE, GObject)

/* One cache per store, owned by the store. */
ReframeTagCache    *reframe_tag_cache_get_for_store (ReframeJournalStore *store);
/* Most used first (as of the last full listing; tags added since come last). */
const char * const *reframe_tag_cache_get_tags      (ReframeTagCache     *self);

G_END_DECLS
