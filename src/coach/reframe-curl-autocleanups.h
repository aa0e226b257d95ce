/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <curl/curl.h>
#include <glib.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURL, curl_easy_cleanup)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURLM, curl_multi_cleanup)

typedef struct curl_slist ReframeCurlSlist;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeCurlSlist, curl_slist_free_all)

G_END_DECLS
