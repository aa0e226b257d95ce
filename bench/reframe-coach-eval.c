/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench/coach-eval FILE.jsonl [--verbose]
 *
 * Evaluates the offline coach's trap detection on any labelled file, one JSON object a line:
 *   {"text": "I always mess things up", "traps": ["overgeneralization"]}
 * An empty list means "not distorted"; trap ids are those of
 * data/exercises/thinking-traps.json. Prints per-trap precision and recall, macro-F1 and
 * top-3 recall (the share of labels found among the coach's at most three traps; target
 * 0.6). Malformed lines are reported on stderr and skipped. --verbose also lists every text
 * whose traps differ from the labels. Exit status: 0 when evaluated, 1 when the file cannot
 * be read or holds no usable line, 2 for a usage error. */
#define G_LOG_DOMAIN "reframe-coach-eval"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "reframe-coach-eval.h"
#include "reframe-offline-coach.h"

static void
print_differences (ReframeOfflineCoach *coach,
                   GPtrArray           *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      const ReframeEvalItem *item = items->pdata[i];
      g_autoptr(GPtrArray) found = reframe_offline_coach_detect (coach, item->text);
      g_autoptr(GString) predicted = g_string_new (NULL);
      g_autofree char *gold = g_strjoinv (",", item->traps);
      gboolean same = found->len == g_strv_length (item->traps);

      for (guint f = 0; f < found->len; f++)
        {
          const ReframeTrapMatch *match = found->pdata[f];

          same = same && g_strv_contains ((const char * const *) item->traps, match->trap_id);
          g_string_append_printf (predicted, "%s%s(%.2f", f ? "," : "", match->trap_id,
                                  match->confidence);
          for (guint t = 0; t < match->triggers->len; t++)
            g_string_append_printf (predicted, " “%s”",
                                    g_array_index (match->triggers, ReframeTrapTrigger, t).text);
          g_string_append_c (predicted, ')');
        }
      if (!same)
        g_print ("line %u: %s\n  labels:    [%s]\n  predicted: [%s]\n", item->line, item->text,
                 gold, predicted->str);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(ReframeOfflineCoach) coach = NULL;
  g_autoptr(ReframeCoachEval) eval = NULL;
  g_autofree char *table = NULL;
  gboolean verbose = FALSE;
  const char *path = NULL;

  setlocale (LC_ALL, "");

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--verbose") == 0 || strcmp (argv[i], "-v") == 0)
        verbose = TRUE;
      else if (path == NULL && argv[i][0] != '-')
        path = argv[i];
      else
        {
          g_printerr ("usage: coach-eval FILE.jsonl [--verbose]\n");
          return 2;
        }
    }
  if (path == NULL)
    {
      g_printerr ("usage: coach-eval FILE.jsonl [--verbose]\n");
      return 2;
    }

  items = reframe_eval_load (path, REFRAME_EVAL_COACH, problems, &error);
  if (items == NULL)
    {
      g_printerr ("coach-eval: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("coach-eval: %s: skipped %s\n", path, (char *) problems->pdata[i]);
  if (items->len == 0)
    {
      g_printerr ("coach-eval: %s has no usable line\n", path);
      return 1;
    }

  coach = reframe_offline_coach_new ();
  if (verbose)
    print_differences (coach, items);

  eval = reframe_coach_eval_run (coach, items);
  table = reframe_coach_eval_format (eval);
  g_print ("%s: %u texts, %u skipped\n%s", path, items->len, problems->len, table);

  return 0;
}
