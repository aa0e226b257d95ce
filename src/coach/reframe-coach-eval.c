/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-coach-eval"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "reframe-coach-eval.h"
#include "reframe-safety.h"
#include "reframe-thinking-traps.h"

static void
eval_item_free (gpointer data)
{
  ReframeEvalItem *item = data;

  g_free (item->text);
  g_strfreev (item->traps);
  g_free (item);
}

static char *
parse_line (const char         *line,
            guint               number,
            ReframeEvalFormat   format,
            ReframeEvalItem   **out)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) traps = g_strv_builder_new ();
  JsonObject *object;
  JsonNode *text;
  ReframeEvalItem *item;

  if (!json_parser_load_from_data (parser, line, -1, &error))
    return g_strdup_printf ("line %u: not valid JSON (%s)", number, error->message);
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup_printf ("line %u: not a JSON object", number);
  object = json_node_get_object (json_parser_get_root (parser));

  text = json_object_get_member (object, "text");
  if (text == NULL || json_node_get_value_type (text) != G_TYPE_STRING)
    return g_strdup_printf ("line %u: no \"text\" string", number);

  if (format == REFRAME_EVAL_COACH)
    {
      JsonNode *node = json_object_get_member (object, "traps");
      JsonArray *array;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        return g_strdup_printf ("line %u: no \"traps\" list", number);
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *id;

          if (json_node_get_value_type (element) != G_TYPE_STRING)
            return g_strdup_printf ("line %u: a trap is not a string", number);
          id = json_node_get_string (element);
          if (reframe_thinking_traps_lookup (id) == NULL)
            return g_strdup_printf ("line %u: unknown trap id \"%s\"", number, id);
          g_strv_builder_add (traps, id);
        }
    }
  else
    {
      JsonNode *node = json_object_get_member (object, "crisis");

      if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return g_strdup_printf ("line %u: no \"crisis\" true or false", number);
    }

  item = g_new0 (ReframeEvalItem, 1);
  item->line = number;
  item->text = g_strdup (json_node_get_string (text));
  item->traps = g_strv_builder_end (traps);
  if (format == REFRAME_EVAL_SAFETY)
    item->crisis = json_object_get_boolean_member (object, "crisis");
  *out = item;
  return NULL;
}

GPtrArray *
reframe_eval_load (const char         *path,
                   ReframeEvalFormat   format,
                   GPtrArray          *problems,
                   GError            **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s is not UTF-8 text", path);
      return NULL;
    }

  items = g_ptr_array_new_with_free_func (eval_item_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      ReframeEvalItem *item = NULL;
      g_autofree char *problem = NULL;

      if (*line == '\0' || *line == '#')
        continue;
      problem = parse_line (line, i + 1, format, &item);
      if (problem != NULL)
        {
          if (problems != NULL)
            g_ptr_array_add (problems, g_steal_pointer (&problem));
          continue;
        }
      g_ptr_array_add (items, item);
    }

  return g_steal_pointer (&items);
}

ReframeCoachEval *
reframe_coach_eval_run (ReframeOfflineCoach *coach,
                        GPtrArray           *items)
{
  const GPtrArray *traps = reframe_thinking_traps_get_all ();
  ReframeCoachEval *self = g_new0 (ReframeCoachEval, 1);
  guint n = traps->len;
  guint predicted_total = 0, correct_total = 0;
  double f1_sum = 0;
  guint f1_count = 0;
  gint64 started;

  g_return_val_if_fail (REFRAME_IS_OFFLINE_COACH (coach), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  self->n_items = items->len;
  self->n_traps = n;
  self->trap_ids = g_new0 (char *, n + 1);
  self->tp = g_new0 (guint, n);
  self->fp = g_new0 (guint, n);
  self->fn = g_new0 (guint, n);
  for (guint t = 0; t < n; t++)
    self->trap_ids[t] = g_strdup (((const ReframeThinkingTrap *) traps->pdata[t])->id);

  started = g_get_monotonic_time ();
  for (guint i = 0; i < items->len; i++)
    {
      const ReframeEvalItem *item = items->pdata[i];
      g_autoptr(GPtrArray) found = reframe_offline_coach_detect (coach, item->text);

      if (item->traps[0] == NULL)
        {
          self->clean_items++;
          self->clean_flagged += found->len > 0;
        }

      for (guint t = 0; t < n; t++)
        {
          gboolean gold = g_strv_contains ((const char * const *) item->traps,
                                           self->trap_ids[t]);
          gboolean predicted = FALSE;

          for (guint f = 0; f < found->len && !predicted; f++)
            predicted = strcmp (((ReframeTrapMatch *) found->pdata[f])->trap_id,
                                self->trap_ids[t]) == 0;

          if (gold && predicted)
            self->tp[t]++;
          else if (predicted)
            self->fp[t]++;
          else if (gold)
            self->fn[t]++;
          if (gold)
            {
              self->gold_labels++;
              self->found_top3 += predicted;
            }
          predicted_total += predicted;
          correct_total += gold && predicted;
        }
    }
  self->ms_per_text = items->len ? (g_get_monotonic_time () - started) / 1000.0 / items->len : 0;

  for (guint t = 0; t < n; t++)
    {
      double p = reframe_coach_eval_precision (self, t);
      double r = reframe_coach_eval_recall (self, t);

      if (self->tp[t] + self->fp[t] + self->fn[t] == 0)
        continue;
      f1_sum += (p + r) > 0 ? 2 * p * r / (p + r) : 0;
      f1_count++;
    }
  self->macro_f1 = f1_count ? f1_sum / f1_count : 0;
  self->top3_recall = self->gold_labels ? (double) self->found_top3 / self->gold_labels : 0;
  self->micro_precision = predicted_total ? (double) correct_total / predicted_total : 0;
  self->micro_recall = self->top3_recall;

  return self;
}

double
reframe_coach_eval_precision (const ReframeCoachEval *self,
                              guint                   trap)
{
  g_return_val_if_fail (trap < self->n_traps, 0);

  return self->tp[trap] + self->fp[trap] ?
         (double) self->tp[trap] / (self->tp[trap] + self->fp[trap]) : 0;
}

double
reframe_coach_eval_recall (const ReframeCoachEval *self,
                           guint                   trap)
{
  g_return_val_if_fail (trap < self->n_traps, 0);

  return self->tp[trap] + self->fn[trap] ?
         (double) self->tp[trap] / (self->tp[trap] + self->fn[trap]) : 0;
}

char *
reframe_coach_eval_format (const ReframeCoachEval *self)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%-28s %5s %5s %5s %9s %7s %5s\n",
                          "trap", "tp", "fp", "fn", "precision", "recall", "f1");
  for (guint t = 0; t < self->n_traps; t++)
    {
      double p = reframe_coach_eval_precision (self, t);
      double r = reframe_coach_eval_recall (self, t);

      g_string_append_printf (out, "%-28s %5u %5u %5u %9.2f %7.2f %5.2f\n",
                              self->trap_ids[t], self->tp[t], self->fp[t], self->fn[t],
                              p, r, (p + r) > 0 ? 2 * p * r / (p + r) : 0.0);
    }
  g_string_append_printf (out, "texts: %u (not distorted: %u, of which flagged: %u)\n",
                          self->n_items, self->clean_items, self->clean_flagged);
  g_string_append_printf (out, "micro precision: %.2f\n", self->micro_precision);
  g_string_append_printf (out, "macro-F1: %.2f\n", self->macro_f1);
  g_string_append_printf (out, "top-3 recall: %.2f (%u of %u labels; target >= 0.60)\n",
                          self->top3_recall, self->found_top3, self->gold_labels);
  g_string_append_printf (out, "time: %.3f ms per text\n", self->ms_per_text);

  return g_string_free (out, FALSE);
}

void
reframe_coach_eval_free (ReframeCoachEval *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->trap_ids);
  g_free (self->tp);
  g_free (self->fp);
  g_free (self->fn);
  g_free (self);
}

ReframeSafetyEval *
reframe_safety_eval_run (GPtrArray *items)
{
  ReframeSafetyEval *self = g_new0 (ReframeSafetyEval, 1);

  g_return_val_if_fail (items != NULL, NULL);

  self->missed = g_ptr_array_new_with_free_func (g_free);
  self->alarmed = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < items->len; i++)
    {
      const ReframeEvalItem *item = items->pdata[i];
      g_autoptr(ReframeSafetyResult) result = reframe_safety_screen (item->text);

      if (item->crisis)
        {
          self->positives++;
          if (result->hit)
            self->caught++;
          else
            g_ptr_array_add (self->missed, g_strdup_printf ("line %u: %s", item->line,
                                                            item->text));
        }
      else
        {
          self->negatives++;
          if (result->hit)
            {
              self->false_alarms++;
              g_ptr_array_add (self->alarmed,
                               g_strdup_printf ("line %u: %s  [%s: “%s”]", item->line,
                                                item->text, result->group, result->matched));
            }
        }
    }

  self->recall = self->positives ? (double) self->caught / self->positives : 0;
  self->false_alarm_rate = self->negatives ? (double) self->false_alarms / self->negatives : 0;

  return self;
}

char *
reframe_safety_eval_format (const ReframeSafetyEval *self)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->missed->len; i++)
    g_string_append_printf (out, "missed: %s\n", (char *) self->missed->pdata[i]);
  for (guint i = 0; i < self->alarmed->len; i++)
    g_string_append_printf (out, "false alarm: %s\n", (char *) self->alarmed->pdata[i]);
  g_string_append_printf (out, "crisis texts: %u, caught: %u\n", self->positives, self->caught);
  g_string_append_printf (out, "other texts: %u, false alarms: %u\n", self->negatives,
                          self->false_alarms);
  g_string_append_printf (out, "recall: %.3f (target >= 0.95)\n", self->recall);
  g_string_append_printf (out, "false-alarm rate: %.3f (target <= 0.02)\n",
                          self->false_alarm_rate);

  return g_string_free (out, FALSE);
}

void
reframe_safety_eval_free (ReframeSafetyEval *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->missed);
  g_ptr_array_unref (self->alarmed);
  g_free (self);
}
