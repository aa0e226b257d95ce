/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A fresh directory under the system temp dir, also set as REFRAME_DATA_DIR. */
char *reframe_test_make_data_dir (void);
/* Removes @path and everything in it. */
void  reframe_test_remove_tree   (const char *path);

G_END_DECLS
