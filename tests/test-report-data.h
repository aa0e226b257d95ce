/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by test-report.c and test-fhir.c: a fortnight of check-ins, questionnaires,
 * exercises, journal entries and crisis-screen events, in March 2026 (TZ=UTC). */

#include "reframe-exercise-library.h"
#include "reframe-exercise-store.h"
#include "reframe-journal-store.h"
#include "reframe-mood-store.h"
#include "reframe-safety-log.h"

#define REPORT_SECRET_JOURNAL "My secret journal line about the weekend"

static ReframeExerciseResponse *
save_questionnaire (ReframeExerciseStore *store,
                    const char           *id,
                    const char           *prefix,
                    guint                 n_items,
                    const char * const   *answers,
                    GDateTime            *when)
{
  g_autoptr(GError) error = NULL;
  ReframeExerciseResponse *response;

  response = reframe_exercise_response_new (reframe_exercise_library_lookup (id));
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *field = g_strdup_printf ("%s-%u", prefix, i + 1);

      reframe_exercise_response_set_answer (response, field, json_node_init_string (json_node_alloc (),
                                                                                    answers[i % 4]));
    }
  reframe_exercise_response_set_created_at (response, when);
  reframe_exercise_response_set_completed (response, TRUE);
  g_assert_true (reframe_exercise_store_save (store, response, &error));
  g_assert_no_error (error);
  return response;
}

static void
fill_report_data (ReframeDatabase *database)
{
  g_autoptr(ReframeMoodStore) moods = reframe_mood_store_new (database);
  g_autoptr(ReframeExerciseStore) exercises = reframe_exercise_store_new (database);
  g_autoptr(ReframeJournalStore) journal = reframe_journal_store_new (database);
  g_autoptr(ReframeSafetyLog) safety = reframe_safety_log_new (database);
  g_autoptr(GError) error = NULL;
  static const char * const phq_answers[] = {
    "several-days", "more-than-half", "not-at-all", "nearly-every-day"
  };
  static const char * const gad_answers[] = {
    "not-at-all", "several-days", "several-days", "not-at-all"
  };

  for (int day = 1; day <= 14; day++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, day, 9, 0, 0);
      g_autoptr(ReframeCheckin) checkin = reframe_checkin_new (when, 3 + day % 6);

      reframe_checkin_set_energy (checkin, day % 10);
      g_assert_true (reframe_mood_store_save (moods, checkin, &error));
    }
  /* Outside the period. */
  {
    g_autoptr(GDateTime) when = g_date_time_new_local (2026, 4, 20, 9, 0, 0);
    g_autoptr(ReframeCheckin) checkin = reframe_checkin_new (when, 1);

    g_assert_true (reframe_mood_store_save (moods, checkin, &error));
  }

  for (int week = 0; week < 2; week++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, 2 + week * 7, 19, 0, 0);
      g_autoptr(ReframeExerciseResponse) phq = NULL;
      g_autoptr(ReframeExerciseResponse) gad = NULL;

      phq = save_questionnaire (exercises, "phq-9", "phq9", 9, phq_answers, when);
      gad = save_questionnaire (exercises, "gad-7", "gad7", 7, gad_answers, when);
    }

  {
    g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, 5, 21, 0, 0);
    g_autoptr(ReframeExerciseResponse) response =
      reframe_exercise_response_new (reframe_exercise_library_lookup ("three-good-things"));
    g_autoptr(ReframeExerciseResponse) unfinished =
      reframe_exercise_response_new (reframe_exercise_library_lookup ("worry-time"));

    reframe_exercise_response_set_answer (response, "things",
                                          json_from_string ("[{\"_key\": \"g1\", \"what\": \"A walk <b>by the sea</b>\", \"why\": \"I made time\"}]", NULL));
    reframe_exercise_response_set_answer (response, "emotions",
                                          json_from_string ("[{\"emotion\": \"grateful\", \"intensity\": 60}]", NULL));
    reframe_exercise_response_set_created_at (response, when);
    reframe_exercise_response_set_completed (response, TRUE);
    g_assert_true (reframe_exercise_store_save (exercises, response, &error));

    reframe_exercise_response_set_created_at (unfinished, when);
    reframe_exercise_response_set_answer (unfinished, "worries",
                                          json_from_string ("[{\"_key\": \"w1\", \"worry\": \"Money\"}]", NULL));
    g_assert_true (reframe_exercise_store_save (exercises, unfinished, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr(ReframeEntry) entry = reframe_entry_new ();
    g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, 7, 22, 0, 0);

    reframe_entry_set_title (entry, "Saturday");
    reframe_entry_set_body (entry, REPORT_SECRET_JOURNAL);
    reframe_entry_set_date (entry, when);
    g_assert_true (reframe_journal_store_save (journal, entry, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, 8, 23, 0, 0);

    g_assert_true (reframe_safety_log_record (safety, REFRAME_SAFETY_SELF_HARM,
                                              REFRAME_SAFETY_SOURCE_JOURNAL, when, &error));
    g_assert_no_error (error);
  }
}

static ReframeReport *
gather_march (ReframeDatabase       *database,
              ReframeReportSections  sections)
{
  g_autoptr(ReframeMoodStore) moods = reframe_mood_store_new (database);
  g_autoptr(ReframeExerciseStore) exercises = reframe_exercise_store_new (database);
  g_autoptr(ReframeJournalStore) journal = reframe_journal_store_new (database);
  g_autoptr(ReframeSafetyLog) safety = reframe_safety_log_new (database);
  g_autoptr(GError) error = NULL;
  ReframeReport *report;
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 3, 2026);
  g_date_set_dmy (&to, 31, 3, 2026);
  report = reframe_report_gather (&from, &to, sections, moods, exercises, journal, safety, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}
