/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's part of search latency, without any UI: reframe-bench-search DB WORD [RUNS]
 * prints one line per run, "store-search <microseconds> <results>". */
#include <stdlib.h>

#include "reframe-search.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ReframeDatabase) database = NULL;
  g_autoptr(ReframeSearch) search = NULL;
  g_autoptr(GError) error = NULL;
  int runs;

  if (argc < 3)
    {
      g_printerr ("usage: %s DATABASE WORD [RUNS]\n", argv[0]);
      return 2;
    }
  runs = argc > 3 ? atoi (argv[3]) : 5;

  database = reframe_database_open (argv[1], &error);
  if (database == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  search = reframe_search_new (database);

  /* One search warms the connection and the page cache, as the app's first key press does
   * not (the app opens its search connection at the first search too). Reported apart. */
  for (int i = 0; i <= runs; i++)
    {
      ReframeSearchQuery query = { .text = argv[2] };
      g_autoptr(GPtrArray) results = NULL;
      gint64 start = g_get_monotonic_time ();

      results = reframe_search_run_sync (search, &query, NULL, &error);
      if (results == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("%s %" G_GINT64_FORMAT " %u\n", i == 0 ? "store-search-cold" : "store-search",
               g_get_monotonic_time () - start, results->len);
    }

  return 0;
}
