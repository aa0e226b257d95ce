/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "reframe-test-util.h"

char *
reframe_test_make_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("reframe-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("REFRAME_DATA_DIR", dir, TRUE);

  return dir;
}

void
reframe_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }

  /* Tests may have made the tree read-only; make it writable so it can go. */
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      reframe_test_remove_tree (child);
    }
  g_rmdir (path);
}
