/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "reframe-report-pdf.h"
#include "reframe-report.h"
#include "reframe-test-util.h"
#include "test-report-data.h"

typedef struct
{
  char            *dir;
  ReframeDatabase *database;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = reframe_test_make_data_dir ();
  fixture->database = reframe_database_open_default (&error);
  g_assert_no_error (error);
  fill_report_data (fixture->database);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->database);
  reframe_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
test_gather_default (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ReframeReport) report = gather_march (fixture->database,
                                                  REFRAME_REPORT_DEFAULT_SECTIONS);
  GPtrArray *scores = reframe_report_get_scores (report);
  GPtrArray *exercises = reframe_report_get_exercises (report);
  ReframeReportScore *phq = NULL;
  g_autofree char *period = reframe_report_format_period (report);
  guint n_questionnaires = 0;

  g_assert_cmpstr (period, ==, "1 March – 31 March 2026");
  /* The April check-in is outside the period. */
  g_assert_cmpuint (reframe_report_get_moods (report)->len, ==, 14);
  g_assert_cmpuint (scores->len, ==, 4);
  /* Off unless ticked. */
  g_assert_cmpuint (reframe_report_get_entries (report)->len, ==, 0);
  g_assert_cmpuint (reframe_report_get_safety_events (report)->len, ==, 0);

  for (guint i = 0; i < scores->len; i++)
    {
      ReframeReportScore *score = g_ptr_array_index (scores, i);

      if (g_str_equal (score->questionnaire_id, "phq-9") && phq == NULL)
        phq = score;
      if (g_str_equal (score->questionnaire_id, "gad-7"))
        {
          g_assert_cmpint (score->score, ==, 4);
          g_assert_cmpstr (score->total_code, ==, "70274-6");
        }
    }
  g_assert_nonnull (phq);
  g_assert_cmpint (phq->score, ==, 13);
  g_assert_cmpint (phq->max_score, ==, 27);
  g_assert_cmpstr (phq->short_name, ==, "PHQ-9");
  g_assert_cmpstr (phq->code, ==, "44249-1");
  g_assert_cmpstr (phq->total_code, ==, "44261-6");
  g_assert_nonnull (phq->band);

  /* Four questionnaires and one exercise; the unfinished one is not in it. */
  g_assert_cmpuint (exercises->len, ==, 5);
  for (guint i = 0; i < exercises->len; i++)
    {
      ReframeReportExercise *exercise = g_ptr_array_index (exercises, i);

      n_questionnaires += exercise->questionnaire;
      g_assert_cmpstr (exercise->exercise_id, !=, "worry-time");
      if (g_str_equal (exercise->exercise_id, "three-good-things"))
        {
          ReframeReportItem *item = g_ptr_array_index (exercise->items, 0);

          g_assert_cmpuint (exercise->items->len, ==, 2);
          g_assert_nonnull (strstr (item->answer, "A walk <b>by the sea</b>"));
        }
    }
  g_assert_cmpuint (n_questionnaires, ==, 4);

  /* Oldest first. */
  g_assert_cmpint (g_date_time_compare (((ReframeReportMood *) g_ptr_array_index (reframe_report_get_moods (report), 0))->at,
                                        ((ReframeReportMood *) g_ptr_array_index (reframe_report_get_moods (report), 13))->at),
                   <, 0);
}

static void
test_gather_ticked (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ReframeReport) report = gather_march (fixture->database,
                                                  REFRAME_REPORT_JOURNAL | REFRAME_REPORT_SAFETY);
  ReframeReportEntry *entry;
  ReframeReportSafety *event;
  ReframeReportExercise *first;
  g_autoptr(ReframeReport) all = NULL;

  g_assert_cmpuint (reframe_report_get_moods (report)->len, ==, 0);
  g_assert_cmpuint (reframe_report_get_exercises (report)->len, ==, 0);
  g_assert_cmpuint (reframe_report_get_entries (report)->len, ==, 1);
  entry = g_ptr_array_index (reframe_report_get_entries (report), 0);
  g_assert_cmpstr (entry->title, ==, "Saturday");
  g_assert_cmpstr (entry->body, ==, REPORT_SECRET_JOURNAL);
  g_assert_cmpuint (reframe_report_get_safety_events (report)->len, ==, 1);
  event = g_ptr_array_index (reframe_report_get_safety_events (report), 0);
  g_assert_cmpstr (event->kind, ==, "self-harm");

  /* One exercise left out: its score goes with it. */
  all = gather_march (fixture->database, REFRAME_REPORT_DEFAULT_SECTIONS);
  first = g_ptr_array_index (reframe_report_get_exercises (all), 0);
  g_assert_true (first->questionnaire);
  reframe_report_remove_exercise (all, first->id);
  g_assert_cmpuint (reframe_report_get_exercises (all)->len, ==, 4);
  g_assert_cmpuint (reframe_report_get_scores (all)->len, ==, 3);
}

static guint
count_pages (const char *data,
             gsize       length)
{
  guint pages = 0;

  /* Page objects, not the /Pages tree; the file has binary streams, hence memmem. */
  for (const char *p = data; (p = memmem (p, length - (p - data), "/Type /Page", 11)) != NULL;
       p += 11)
    if (p + 11 < data + length && p[11] != 's')
      pages++;
  return pages;
}

static char *
pdf_to_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (pdftotext == NULL)
    return NULL;
  g_spawn_sync (NULL, (char *[]) { pdftotext, (char *) "-layout", (char *) path, (char *) "-", NULL },
                NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
write_pdf (ReframeReport *report,
           const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (reframe_report_pdf_write_stream (report, G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(ReframeReport) report = gather_march (fixture->database,
                                                  REFRAME_REPORT_DEFAULT_SECTIONS);
  g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  reframe_report_set_client_name (report, "Sam <b>Doe</b>");
  write_pdf (report, path);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (count_pages (contents, length), >, 0);

  text = pdf_to_text (path);
  if (text == NULL)
    {
      g_test_message ("pdftotext is not installed: the text is not checked");
      return;
    }
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Progress Report"));
  g_assert_nonnull (strstr (text, "1 March – 31 March 2026"));
  g_assert_nonnull (strstr (text, "Shared by the client"));
  g_assert_nonnull (strstr (text, "Sam <b>Doe</b>"));
  g_assert_nonnull (strstr (text, "Not a diagnosis"));
  g_assert_nonnull (strstr (text, "PHQ-9"));
  g_assert_nonnull (strstr (text, "GAD-7"));
  g_assert_nonnull (strstr (text, "13 of 27"));
  g_assert_nonnull (strstr (text, "Three Good Things"));
  g_assert_nonnull (strstr (text, "A walk <b>by the sea</b>"));
  g_assert_nonnull (strstr (text, "Not included by the client: journal entries, crisis-screen events"));
  g_assert_null (strstr (text, REPORT_SECRET_JOURNAL));
  g_assert_null (strstr (text, "self-harm"));
}

static void
test_pdf_everything_and_long (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(ReframeReport) report = gather_march (fixture->database,
                                                  REFRAME_REPORT_DEFAULT_SECTIONS |
                                                  REFRAME_REPORT_JOURNAL | REFRAME_REPORT_SAFETY);
  g_autofree char *path = g_build_filename (fixture->dir, "long.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) long_body = g_string_new (NULL);
  ReframeReportEntry *entry = reframe_report_entry_new ();
  gsize length;

  /* A long entry must flow onto more pages, and every page keeps its footer. */
  for (guint i = 0; i < 400; i++)
    g_string_append_printf (long_body, "Line %u of a very long journal entry. ", i);
  entry->at = g_date_time_new_local (2026, 3, 9, 8, 0, 0);
  entry->body = g_string_free (g_steal_pointer (&long_body), FALSE);
  reframe_report_add_entry (report, entry);

  write_pdf (report, path);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (count_pages (contents, length), >=, 3);

  text = pdf_to_text (path);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, REPORT_SECRET_JOURNAL));
  g_assert_nonnull (strstr (text, "Thoughts of self-harm"));
  g_assert_nonnull (strstr (text, "Line 399 of a very long journal entry."));
  /* One footer per page. */
  {
    guint footers = 0;

    for (const char *p = text; (p = strstr (p, "Not a diagnosis")) != NULL; p++)
      footers++;
    g_assert_cmpuint (footers, ==, count_pages (contents, length));
  }
}

static void
test_pdf_empty (void)
{
  g_autofree char *dir = reframe_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.pdf", NULL);
  g_autoptr(ReframeReport) report = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 3, 2026);
  report = reframe_report_new (&day, &day, REFRAME_REPORT_DEFAULT_SECTIONS);
  write_pdf (report, path);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (count_pages (contents, length), ==, 1);
  reframe_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/reframe/report/gather-default", Fixture, NULL,
              fixture_set_up, test_gather_default, fixture_tear_down);
  g_test_add ("/reframe/report/gather-ticked", Fixture, NULL,
              fixture_set_up, test_gather_ticked, fixture_tear_down);
  g_test_add ("/reframe/report/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/reframe/report/pdf-everything-and-long", Fixture, NULL,
              fixture_set_up, test_pdf_everything_and_long, fixture_tear_down);
  g_test_add_func ("/reframe/report/pdf-empty", test_pdf_empty);

  return g_test_run ();
}
