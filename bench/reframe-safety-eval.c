/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench/safety-eval FILE.jsonl
 *
 * Evaluates the local crisis screen on any labelled file, one JSON object a line:
 *   {"text": "I don't want to wake up tomorrow", "crisis": true}
 * Prints every missed crisis and every false alarm (with the phrase that fired), then recall
 * (target 0.95 or more) and the false-alarm rate (target 2% or less). Malformed lines are
 * reported on stderr and skipped. Exit status: 0 when evaluated, 1 when the file cannot be
 * read or holds no usable line, 2 for a usage error. */
#define G_LOG_DOMAIN "reframe-safety-eval"

#include "config.h"

#include <locale.h>

#include "reframe-coach-eval.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(ReframeSafetyEval) eval = NULL;
  g_autofree char *report = NULL;

  setlocale (LC_ALL, "");

  if (argc != 2 || argv[1][0] == '-')
    {
      g_printerr ("usage: safety-eval FILE.jsonl\n");
      return 2;
    }

  items = reframe_eval_load (argv[1], REFRAME_EVAL_SAFETY, problems, &error);
  if (items == NULL)
    {
      g_printerr ("safety-eval: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("safety-eval: %s: skipped %s\n", argv[1], (char *) problems->pdata[i]);
  if (items->len == 0)
    {
      g_printerr ("safety-eval: %s has no usable line\n", argv[1]);
      return 1;
    }

  eval = reframe_safety_eval_run (items);
  report = reframe_safety_eval_format (eval);
  g_print ("%s: %u texts, %u skipped\n%s", argv[1], items->len, problems->len, report);

  return 0;
}
