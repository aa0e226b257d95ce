/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "reframe-exercise-library.h"
#include "reframe-questionnaire.h"
#include "reframe-report.h"
#include "reframe-util.h"

struct _ReframeReport
{
  GObject               parent_instance;

  GDate                 from;
  GDate                 to;
  ReframeReportSections sections;
  GDateTime            *created;
  char                 *client_name;
  GPtrArray            *moods;
  GPtrArray            *scores;
  GPtrArray            *exercises;
  GPtrArray            *entries;
  GPtrArray            *safety;
};

G_DEFINE_FINAL_TYPE (ReframeReport, reframe_report, G_TYPE_OBJECT)

/* Parts */

ReframeReportMood *
reframe_report_mood_new (void)
{
  ReframeReportMood *mood = g_new0 (ReframeReportMood, 1);

  mood->energy = -1;
  mood->anxiety = -1;
  return mood;
}

void
reframe_report_mood_free (ReframeReportMood *mood)
{
  if (mood == NULL)
    return;
  g_clear_pointer (&mood->at, g_date_time_unref);
  g_free (mood);
}

ReframeReportScore *
reframe_report_score_new (void)
{
  return g_new0 (ReframeReportScore, 1);
}

void
reframe_report_score_free (ReframeReportScore *score)
{
  if (score == NULL)
    return;
  g_free (score->questionnaire_id);
  g_free (score->short_name);
  g_free (score->code);
  g_free (score->total_code);
  g_clear_pointer (&score->at, g_date_time_unref);
  g_free (score->band);
  g_free (score->response_id);
  g_free (score);
}

static void
item_free (ReframeReportItem *item)
{
  g_free (item->question);
  g_free (item->answer);
  g_free (item);
}

ReframeReportExercise *
reframe_report_exercise_new (void)
{
  ReframeReportExercise *exercise = g_new0 (ReframeReportExercise, 1);

  exercise->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  return exercise;
}

void
reframe_report_exercise_free (ReframeReportExercise *exercise)
{
  if (exercise == NULL)
    return;
  g_free (exercise->id);
  g_free (exercise->exercise_id);
  g_free (exercise->title);
  g_clear_pointer (&exercise->at, g_date_time_unref);
  g_clear_pointer (&exercise->items, g_ptr_array_unref);
  g_clear_object (&exercise->exercise);
  g_clear_object (&exercise->response);
  g_free (exercise);
}

void
reframe_report_exercise_add_item (ReframeReportExercise *exercise,
                                  const char            *question,
                                  const char            *answer)
{
  ReframeReportItem *item;

  g_return_if_fail (exercise != NULL);

  item = g_new0 (ReframeReportItem, 1);
  item->question = g_strdup (question != NULL ? question : "");
  item->answer = g_strdup (answer != NULL ? answer : "");
  g_ptr_array_add (exercise->items, item);
}

ReframeReportEntry *
reframe_report_entry_new (void)
{
  return g_new0 (ReframeReportEntry, 1);
}

void
reframe_report_entry_free (ReframeReportEntry *entry)
{
  if (entry == NULL)
    return;
  g_clear_pointer (&entry->at, g_date_time_unref);
  g_free (entry->title);
  g_free (entry->body);
  g_free (entry);
}

ReframeReportSafety *
reframe_report_safety_new (void)
{
  return g_new0 (ReframeReportSafety, 1);
}

void
reframe_report_safety_free (ReframeReportSafety *event)
{
  if (event == NULL)
    return;
  g_clear_pointer (&event->at, g_date_time_unref);
  g_free (event->kind);
  g_free (event);
}

/* GObject */

static void
reframe_report_finalize (GObject *object)
{
  ReframeReport *self = (ReframeReport *)object;

  g_clear_pointer (&self->created, g_date_time_unref);
  g_free (self->client_name);
  g_clear_pointer (&self->moods, g_ptr_array_unref);
  g_clear_pointer (&self->scores, g_ptr_array_unref);
  g_clear_pointer (&self->exercises, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->safety, g_ptr_array_unref);

  G_OBJECT_CLASS (reframe_report_parent_class)->finalize (object);
}

static void
reframe_report_class_init (ReframeReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reframe_report_finalize;
}

static void
reframe_report_init (ReframeReport *self)
{
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  self->created = g_date_time_new_now_local ();
  self->moods = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_report_mood_free);
  self->scores = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_report_score_free);
  self->exercises = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_report_exercise_free);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_report_entry_free);
  self->safety = g_ptr_array_new_with_free_func ((GDestroyNotify) reframe_report_safety_free);
}

ReframeReport *
reframe_report_new (const GDate          *from,
                    const GDate          *to,
                    ReframeReportSections sections)
{
  ReframeReport *self;

  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  self = g_object_new (REFRAME_TYPE_REPORT, NULL);
  self->from = *from;
  self->to = *to;
  if (g_date_compare (&self->to, &self->from) < 0)
    {
      GDate swap = self->from;

      self->from = self->to;
      self->to = swap;
    }
  self->sections = sections;
  return self;
}

static GDateTime *
local_midnight (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 0, 0, 0);
}

void
reframe_report_get_bounds (ReframeReport  *self,
                           GDateTime     **start,
                           GDateTime     **end)
{
  GDate after;

  g_return_if_fail (REFRAME_IS_REPORT (self));

  after = self->to;
  g_date_add_days (&after, 1);
  if (start != NULL)
    *start = local_midnight (&self->from);
  if (end != NULL)
    *end = local_midnight (&after);
}

static gboolean
within (GDateTime *moment,
        GDateTime *start,
        GDateTime *end)
{
  return moment != NULL && g_date_time_compare (moment, start) >= 0 &&
         g_date_time_compare (moment, end) < 0;
}

static void
gather_exercise (ReframeReport           *self,
                 ReframeExerciseResponse *response)
{
  g_autoptr(ReframeExercise) exercise = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  ReframeReportExercise *item;
  gboolean questionnaire;
  JsonObject *answers = reframe_exercise_response_get_answers (response);

  exercise = reframe_exercise_library_resolve (response, &error);
  if (exercise == NULL)
    {
      g_warning ("Left an exercise out of the report: %s", error->message);
      return;
    }
  questionnaire = reframe_exercise_is_questionnaire (exercise);
  if (!(self->sections & (questionnaire ? REFRAME_REPORT_QUESTIONNAIRES : REFRAME_REPORT_EXERCISES)))
    return;

  item = reframe_report_exercise_new ();
  item->id = g_strdup (reframe_exercise_response_get_uuid (response));
  item->exercise_id = g_strdup (reframe_exercise_get_id (exercise));
  item->exercise_version = reframe_exercise_get_version (exercise);
  item->title = g_strdup (reframe_exercise_get_title (exercise));
  item->at = g_date_time_ref (reframe_exercise_response_get_created_at (response));
  item->questionnaire = questionnaire;
  item->exercise = g_object_ref (exercise);
  item->response = g_object_ref (response);

  for (guint s = 0; s < reframe_exercise_get_n_steps (exercise); s++)
    {
      const ReframeExerciseStep *step = reframe_exercise_get_step (exercise, s);

      for (guint f = 0; f < step->fields->len; f++)
        {
          const ReframeField *field = g_ptr_array_index (step->fields, f);
          JsonNode *value = json_object_get_member (answers, field->id);
          g_autofree char *text = reframe_exercise_format_answer (exercise, field, answers, value);

          if (*text == '\0')
            continue;
          /* A questionnaire item's question is its step's title. */
          reframe_report_exercise_add_item (item, questionnaire ? step->title : field->label, text);
        }
    }
  g_ptr_array_add (self->exercises, item);

  if (questionnaire)
    {
      const ReframeQuestionnaireInfo *info = reframe_exercise_get_questionnaire (exercise);
      ReframeQuestionnaireResult result;
      ReframeReportScore *score;

      if (!reframe_questionnaire_score (exercise, answers, &result) || !result.complete)
        return;
      score = reframe_report_score_new ();
      score->questionnaire_id = g_strdup (reframe_exercise_get_id (exercise));
      score->short_name = g_strdup (info->short_name);
      score->code = g_strdup (info->code);
      score->total_code = g_strdup (info->total_code);
      score->at = g_date_time_ref (item->at);
      score->score = result.score;
      score->max_score = info->max_score;
      score->band = result.band != NULL ? g_strdup (result.band->label) : NULL;
      score->response_id = g_strdup (item->id);
      g_ptr_array_add (self->scores, score);
    }
}

ReframeReport *
reframe_report_gather (const GDate           *from,
                       const GDate           *to,
                       ReframeReportSections  sections,
                       ReframeMoodStore      *mood_store,
                       ReframeExerciseStore  *exercise_store,
                       ReframeJournalStore   *journal_store,
                       ReframeSafetyLog      *safety_log,
                       GError               **error)
{
  g_autoptr(ReframeReport) self = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  self = reframe_report_new (from, to, sections);
  reframe_report_get_bounds (self, &start, &end);

  if ((sections & REFRAME_REPORT_MOOD) && mood_store != NULL)
    {
      g_autoptr(GPtrArray) checkins = reframe_mood_store_list_between (mood_store, start, end,
                                                                       error);

      if (checkins == NULL)
        return NULL;
      for (guint i = 0; i < checkins->len; i++)
        {
          ReframeCheckin *checkin = g_ptr_array_index (checkins, i);
          ReframeReportMood *mood = reframe_report_mood_new ();

          mood->at = g_date_time_ref (reframe_checkin_get_recorded_at (checkin));
          mood->mood = reframe_checkin_get_mood (checkin);
          mood->energy = reframe_checkin_get_energy (checkin);
          mood->anxiety = reframe_checkin_get_anxiety (checkin);
          g_ptr_array_add (self->moods, mood);
        }
    }

  if ((sections & (REFRAME_REPORT_QUESTIONNAIRES | REFRAME_REPORT_EXERCISES)) &&
      exercise_store != NULL)
    {
      g_autoptr(GPtrArray) responses = reframe_exercise_store_list (exercise_store, NULL, 0,
                                                                    G_MAXUINT, error);

      if (responses == NULL)
        return NULL;
      for (guint i = 0; i < responses->len; i++)
        {
          ReframeExerciseResponse *response = g_ptr_array_index (responses, i);

          if (reframe_exercise_response_get_completed (response) &&
              within (reframe_exercise_response_get_created_at (response), start, end))
            gather_exercise (self, response);
        }
    }

  if ((sections & REFRAME_REPORT_JOURNAL) && journal_store != NULL)
    {
      g_autoptr(GPtrArray) summaries = reframe_journal_store_list (journal_store, 0, G_MAXUINT,
                                                                   error);

      if (summaries == NULL)
        return NULL;
      for (guint i = 0; i < summaries->len; i++)
        {
          ReframeEntry *summary = g_ptr_array_index (summaries, i);
          g_autoptr(ReframeEntry) entry = NULL;
          ReframeReportEntry *item;

          if (!within (reframe_entry_get_date (summary), start, end))
            continue;
          /* The list has previews; the report has the whole text. */
          entry = reframe_journal_store_get (journal_store, reframe_entry_get_uuid (summary), error);
          if (entry == NULL)
            return NULL;
          item = reframe_report_entry_new ();
          item->at = g_date_time_ref (reframe_entry_get_date (entry));
          item->title = g_strdup (reframe_entry_get_title (entry) != NULL &&
                                  *reframe_entry_get_title (entry) != '\0'
                                    ? reframe_entry_get_title (entry) : NULL);
          item->body = g_strdup (reframe_entry_get_body (entry) ? reframe_entry_get_body (entry) : "");
          g_ptr_array_add (self->entries, item);
        }
    }

  if ((sections & REFRAME_REPORT_SAFETY) && safety_log != NULL)
    {
      g_autoptr(GPtrArray) events = reframe_safety_log_list_between (safety_log, start, end, error);

      if (events == NULL)
        return NULL;
      for (guint i = 0; i < events->len; i++)
        {
          ReframeSafetyEvent *event = g_ptr_array_index (events, i);
          ReframeReportSafety *item = reframe_report_safety_new ();

          item->at = g_date_time_ref (event->occurred_at);
          item->kind = g_strdup (reframe_safety_kind_to_string (event->kind));
          g_ptr_array_add (self->safety, item);
        }
    }

  reframe_report_sort (self);
  return g_steal_pointer (&self);
}

const GDate *
reframe_report_get_from (ReframeReport *self)
{
  g_return_val_if_fail (REFRAME_IS_REPORT (self), NULL);
  return &self->from;
}

const GDate *
reframe_report_get_to (ReframeReport *self)
{
  g_return_val_if_fail (REFRAME_IS_REPORT (self), NULL);
  return &self->to;
}

ReframeReportSections
reframe_report_get_sections (ReframeReport *self)
{
  g_return_val_if_fail (REFRAME_IS_REPORT (self), 0);
  return self->sections;
}

GDateTime *
reframe_report_get_created (ReframeReport *self)
{
  g_return_val_if_fail (REFRAME_IS_REPORT (self), NULL);
  return self->created;
}

void
reframe_report_set_created (ReframeReport *self,
                            GDateTime     *created)
{
  g_return_if_fail (REFRAME_IS_REPORT (self));
  g_return_if_fail (created != NULL);
  reframe_set_date_time (&self->created, created);
}

const char *
reframe_report_get_client_name (ReframeReport *self)
{
  g_return_val_if_fail (REFRAME_IS_REPORT (self), NULL);
  return self->client_name;
}

void
reframe_report_set_client_name (ReframeReport *self,
                                const char    *name)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (REFRAME_IS_REPORT (self));

  clean = name != NULL ? reframe_exercise_clean_text (name, FALSE) : NULL;
  if (clean != NULL)
    g_strstrip (clean);
  reframe_set_str (&self->client_name, clean != NULL && *clean != '\0' ? clean : NULL);
}

GPtrArray *
reframe_report_get_moods (ReframeReport *self)
{
  g_return_val_if_fail (REFRAME_IS_REPORT (self), NULL);
  return self->moods;
}

GPtrArray *
reframe_report_get_scores (ReframeReport *self)
{
  g_return_val_if_fail (REFRAME_IS_REPORT (self), NULL);
  return self->scores;
}

GPtrArray *
reframe_report_get_exercises (ReframeReport *self)
{
  g_return_val_if_fail (REFRAME_IS_REPORT (self), NULL);
  return self->exercises;
}

GPtrArray *
reframe_report_get_entries (ReframeReport *self)
{
  g_return_val_if_fail (REFRAME_IS_REPORT (self), NULL);
  return self->entries;
}

GPtrArray *
reframe_report_get_safety_events (ReframeReport *self)
{
  g_return_val_if_fail (REFRAME_IS_REPORT (self), NULL);
  return self->safety;
}

void
reframe_report_remove_exercise (ReframeReport *self,
                                const char    *id)
{
  g_autofree char *response_id = NULL;

  g_return_if_fail (REFRAME_IS_REPORT (self));
  g_return_if_fail (id != NULL);

  /* @id may be the exercise's own, freed below. */
  response_id = g_strdup (id);

  for (guint i = self->exercises->len; i > 0; i--)
    if (g_strcmp0 (((ReframeReportExercise *) g_ptr_array_index (self->exercises, i - 1))->id,
                   response_id) == 0)
      g_ptr_array_remove_index (self->exercises, i - 1);
  for (guint i = self->scores->len; i > 0; i--)
    if (g_strcmp0 (((ReframeReportScore *) g_ptr_array_index (self->scores, i - 1))->response_id,
                   response_id) == 0)
      g_ptr_array_remove_index (self->scores, i - 1);
}

void
reframe_report_add_mood (ReframeReport     *self,
                         ReframeReportMood *mood)
{
  g_return_if_fail (REFRAME_IS_REPORT (self));
  g_return_if_fail (mood != NULL && mood->at != NULL);
  g_ptr_array_add (self->moods, mood);
}

void
reframe_report_add_score (ReframeReport      *self,
                          ReframeReportScore *score)
{
  g_return_if_fail (REFRAME_IS_REPORT (self));
  g_return_if_fail (score != NULL && score->at != NULL);
  g_ptr_array_add (self->scores, score);
}

void
reframe_report_add_exercise (ReframeReport         *self,
                             ReframeReportExercise *exercise)
{
  g_return_if_fail (REFRAME_IS_REPORT (self));
  g_return_if_fail (exercise != NULL && exercise->at != NULL);
  g_ptr_array_add (self->exercises, exercise);
}

void
reframe_report_add_entry (ReframeReport      *self,
                          ReframeReportEntry *entry)
{
  g_return_if_fail (REFRAME_IS_REPORT (self));
  g_return_if_fail (entry != NULL && entry->at != NULL);
  g_ptr_array_add (self->entries, entry);
}

void
reframe_report_add_safety_event (ReframeReport       *self,
                                 ReframeReportSafety *event)
{
  g_return_if_fail (REFRAME_IS_REPORT (self));
  g_return_if_fail (event != NULL && event->at != NULL);
  g_ptr_array_add (self->safety, event);
}

/* Every part starts with its moment, so one comparison sorts them all. */
static int
compare_at (gconstpointer a,
            gconstpointer b)
{
  GDateTime *at_a = **(GDateTime * const * const *) a;
  GDateTime *at_b = **(GDateTime * const * const *) b;

  return g_date_time_compare (at_a, at_b);
}

static int
compare_exercises (gconstpointer a,
                   gconstpointer b)
{
  const ReframeReportExercise *ea = *(ReframeReportExercise * const *) a;
  const ReframeReportExercise *eb = *(ReframeReportExercise * const *) b;

  return g_date_time_compare (ea->at, eb->at);
}

static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  const ReframeReportScore *sa = *(ReframeReportScore * const *) a;
  const ReframeReportScore *sb = *(ReframeReportScore * const *) b;

  return g_date_time_compare (sa->at, sb->at);
}

void
reframe_report_sort (ReframeReport *self)
{
  g_return_if_fail (REFRAME_IS_REPORT (self));

  g_ptr_array_sort (self->moods, compare_at);
  g_ptr_array_sort (self->entries, compare_at);
  g_ptr_array_sort (self->safety, compare_at);
  g_ptr_array_sort (self->exercises, compare_exercises);
  g_ptr_array_sort (self->scores, compare_scores);
}

const char *
reframe_report_describe_safety_kind (const char *kind)
{
  if (g_strcmp0 (kind, "suicide") == 0)
    return _("Thoughts of suicide");
  if (g_strcmp0 (kind, "self-harm") == 0)
    return _("Thoughts of self-harm");
  if (g_strcmp0 (kind, "harm-to-others") == 0)
    return _("Thoughts of harming others");
  if (g_strcmp0 (kind, "abuse") == 0)
    return _("Abuse");
  return _("Other");
}

static char *
format_date (const GDate *date,
             gboolean     with_year)
{
  char buffer[128];

  /* Translators: a day in a report period, e.g. “3 March 2026”; see strftime */
  if (g_date_strftime (buffer, sizeof buffer, with_year ? _("%-d %B %Y") : _("%-d %B"), date) == 0)
    return g_strdup ("");
  return g_strdup (buffer);
}

char *
reframe_report_format_period (ReframeReport *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (REFRAME_IS_REPORT (self), NULL);

  to = format_date (&self->to, TRUE);
  if (g_date_compare (&self->from, &self->to) == 0)
    return g_steal_pointer (&to);
  from = format_date (&self->from, g_date_get_year (&self->from) != g_date_get_year (&self->to));
  /* Translators: a report period, e.g. “3 March – 31 March 2026” */
  return g_strdup_printf (_("%s – %s"), from, to);
}
