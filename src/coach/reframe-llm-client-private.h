/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "reframe-llm-client.h"

G_BEGIN_DECLS

/* The sentence for a failed transfer (a CURLcode), exposed for tests of the cases that a
 * loopback test server cannot produce, such as a DNS failure. */
GError *_reframe_llm_error_from_curl (int                  curl_code,
                                      const char          *host,
                                      ReframeProviderKind  provider,
                                      gboolean             via_proxy,
                                      gboolean             request_sent,
                                      guint                connect_timeout,
                                      guint                stall_timeout,
                                      const char          *detail);

G_END_DECLS
