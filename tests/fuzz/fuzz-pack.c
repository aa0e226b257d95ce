/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the pack parser: packs come from outside, so any input must be either
 * refused with an error or read into a pack that writes out and reads back the same. */
#include "config.h"

#include <stdint.h>

#include "reframe-exercise-library.h"
#include "reframe-pack.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical or a warning is a bug the fuzzer should stop at. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* Loaded once, as in the app: lookups of built-in ids must not count as leaks. */
  reframe_exercise_library_get_all ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframePack) pack = NULL;
  g_autoptr(ReframePack) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;
  gsize length;

  pack = reframe_pack_new_from_data ((const char *) data, size, &error);
  if (pack == NULL)
    {
      g_assert (error != NULL && error->domain == REFRAME_PACK_ERROR && error->message[0] != '\0');
      return 0;
    }
  g_assert (error == NULL);

  written = reframe_pack_to_data (pack, &length);
  again = reframe_pack_new_from_data (written, length, &error);
  if (again == NULL)
    g_error ("A pack that was read could not be read back: %s", error->message);
  rewritten = reframe_pack_to_data (again, NULL);
  g_assert (g_str_equal (written, rewritten));
  return 0;
}
