/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "reframe-assignment-row.h"
#include "reframe-exercise-library.h"
#include "reframe-exercise-runner.h"
#include "reframe-exercises-page.h"
#include "reframe-fhir.h"
#include "reframe-mood-scale.h"
#include "reframe-pack-editor.h"
#include "reframe-pack-import-dialog.h"
#include "reframe-reminders.h"
#include "reframe-report-dialog.h"
#include "reframe-report-viewer.h"
#include "reframe-step-field.h"
#include "reframe-test-ui.h"
#include "reframe-test-util.h"
#include "reframe-text-area.h"
#include "reframe-today-page.h"
#include "reframe-window-packs.h"

/* With REFRAME_TEST_SHOTS=DIR, each step saves a picture of its window there. */
static void
save_shot (GtkWidget  *window,
           const char *name)
{
  const char *dir = g_getenv ("REFRAME_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  graphene_rect_t bounds;
  int width, height;

  if (dir == NULL)
    return;
  /* REFRAME_TEST_SHOTS_SIZE=360x720 looks at a narrow window. */
  if (g_getenv ("REFRAME_TEST_SHOTS_SIZE") != NULL &&
      sscanf (g_getenv ("REFRAME_TEST_SHOTS_SIZE"), "%dx%d", &width, &height) == 2)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  reframe_test_iterate (300);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  graphene_rect_init (&bounds, 0, 0, width, height);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, &bounds);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, path);
}

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static gboolean
is_done_cb (gpointer data)
{
  return ((Wait *) data)->done;
}

static gboolean
window_gone_cb (gpointer data)
{
  return reframe_test_wait_for_window (GPOINTER_TO_SIZE (data), 0) == NULL;
}

static ReframeAssignmentStore *
assignment_store (void)
{
  return reframe_application_get_assignment_store (REFRAME_APPLICATION_DEFAULT);
}

static AdwExpanderRow *
editor_row (ReframePackEditor *editor,
            const char        *title)
{
  g_autoptr(GPtrArray) rows = reframe_test_find_all_by_type (reframe_test_find (GTK_WIDGET (editor), "assignments_list"),
                                                            ADW_TYPE_EXPANDER_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static ReframeAssignmentRow *
find_assignment_row (GtkWidget  *root,
                     const char *title)
{
  g_autoptr(GPtrArray) rows = reframe_test_find_all_by_type (root, REFRAME_TYPE_ASSIGNMENT_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      ReframeAssignmentRow *row = g_ptr_array_index (rows, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (row)) &&
          g_strcmp0 (reframe_assignment_get_title (reframe_assignment_row_get_assignment (row)), title) == 0)
        return row;
    }
  return NULL;
}

static GtkWidget *
page (ReframeTestApp *test,
      const char     *name,
      GType           type)
{
  reframe_test_activate_action (GTK_WIDGET (test->window), "win.show-page", g_variant_new_string (name));
  reframe_test_iterate (100);
  return reframe_test_find_by_type (GTK_WIDGET (test->window), type);
}

/* Therapist mode: a built-in exercise and one written in the app, exported as a file. */
static char *
compose_pack (ReframeTestApp *test,
              const char     *dir)
{
  g_autofree char *path = g_build_filename (dir, "For Sam.reframe-pack", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(ReframePack) written = NULL;
  ReframePackEditor *editor;
  AdwExpanderRow *custom_row;
  GtkCalendar *calendar;
  AdwComboRow *combo;
  Wait wait = { 0 };
  GDate today;

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.new-pack", NULL);
  editor = REFRAME_PACK_EDITOR (reframe_test_wait_for_window (REFRAME_TYPE_PACK_EDITOR, 5000));
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (test->window));

  /* Nothing to export yet. */
  g_assert_null (reframe_pack_editor_build_pack (editor, &error));
  g_assert_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_INVALID);
  g_clear_error (&error);

  reframe_test_set_text (reframe_test_find (GTK_WIDGET (editor), "name_row"), "Dr Kim <i>Lee</i>");
  reframe_test_set_text (reframe_test_find (GTK_WIDGET (editor), "contact_row"), "kim@example.org");
  reframe_test_set_text (reframe_test_find (GTK_WIDGET (editor), "message_view"),
                         "Hi Sam, two small things until we meet again.");

  /* From the library, through the Add menu's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add", "s", "three-good-things"));
  reframe_test_iterate (50);
  g_assert_nonnull (editor_row (editor, "Three Good Things"));

  /* Written here. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.show-builder", NULL));
  reframe_test_iterate (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (reframe_test_find (GTK_WIDGET (editor), "pages"))),
                   ==, "custom");
  reframe_test_set_text (reframe_test_find (GTK_WIDGET (editor), "custom_title_row"), "Evening Check");
  reframe_test_set_text (reframe_test_find (GTK_WIDGET (editor), "custom_intro_view"),
                         "Two minutes at the end of the day.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-step", NULL));
  entries = reframe_test_find_all_by_type (reframe_test_find (GTK_WIDGET (editor), "custom_steps_box"),
                                           ADW_TYPE_ENTRY_ROW);
  g_assert_cmpuint (entries->len, ==, 4);
  reframe_test_set_text (g_ptr_array_index (entries, 0), "What went well?");
  reframe_test_set_text (g_ptr_array_index (entries, 1), "What went well today?");
  reframe_test_set_text (g_ptr_array_index (entries, 2), "Stress");
  reframe_test_set_text (g_ptr_array_index (entries, 3), "How stressed were you?");
  {
    g_autoptr(GPtrArray) combos = reframe_test_find_all_by_type (reframe_test_find (GTK_WIDGET (editor), "custom_steps_box"),
                                                                 ADW_TYPE_COMBO_ROW);

    /* "A rating from 0 to 10" */
    adw_combo_row_set_selected (g_ptr_array_index (combos, 1), 2);
  }
  save_shot (GTK_WIDGET (editor), "pack-builder");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-custom", NULL));
  reframe_test_iterate (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (reframe_test_find (GTK_WIDGET (editor), "pages"))),
                   ==, "pack");
  custom_row = editor_row (editor, "Evening Check");
  g_assert_nonnull (custom_row);

  /* Its schedule, as a person sets it: every day, from today, reminder on, AI feedback on. */
  combo = ADW_COMBO_ROW (reframe_test_find_by_type (GTK_WIDGET (custom_row), ADW_TYPE_COMBO_ROW));
  adw_combo_row_set_selected (combo, REFRAME_FREQUENCY_DAILY);
  calendar = GTK_CALENDAR (reframe_test_find_by_type (GTK_WIDGET (custom_row), GTK_TYPE_CALENDAR));
  gtk_calendar_select_day (calendar, now);
  g_signal_emit_by_name (calendar, "day-selected");
  {
    g_autoptr(GPtrArray) switches = reframe_test_find_all_by_type (GTK_WIDGET (custom_row), GTK_TYPE_SWITCH);

    /* The expander's own (hidden), then Ends, Reminder, AI feedback */
    g_assert_cmpuint (switches->len, ==, 4);
    gtk_switch_set_active (g_ptr_array_index (switches, 2), TRUE);
    gtk_switch_set_active (g_ptr_array_index (switches, 3), TRUE);
  }
  {
    g_autoptr(GPtrArray) rows = reframe_test_find_all_by_type (GTK_WIDGET (custom_row), ADW_TYPE_ENTRY_ROW);

    /* Instructions, then guidance for the coach */
    reframe_test_set_text (g_ptr_array_index (rows, 0), "Before bed.");
    reframe_test_set_text (g_ptr_array_index (rows, 1), "Focus on what went well; keep it brief.");
  }
  reframe_assignment_date_of (now, &today);
  g_assert_true (strstr (adw_expander_row_get_subtitle (custom_row), "Every day") != NULL);
  g_assert_true (strstr (adw_expander_row_get_subtitle (custom_row), "reminder at 19:00") != NULL);
  save_shot (GTK_WIDGET (editor), "pack-editor");

  reframe_pack_editor_export_async (editor, file, async_done_cb, &wait);
  g_assert_true (reframe_test_wait_for (is_done_cb, &wait, 5000));
  g_assert_true (reframe_pack_editor_export_finish (editor, wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_true (reframe_test_wait_for (window_gone_cb, GSIZE_TO_POINTER (REFRAME_TYPE_PACK_EDITOR), 5000));

  /* What was written is a valid pack with what was set. */
  written = reframe_pack_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reframe_pack_get_therapist_name (written), ==, "Dr Kim <i>Lee</i>");
  g_assert_cmpuint (reframe_pack_get_assignments (written)->len, ==, 2);
  g_assert_cmpuint (reframe_pack_get_exercises (written)->len, ==, 1);
  {
    ReframeAssignment *custom = g_ptr_array_index (reframe_pack_get_assignments (written), 1);

    g_assert_cmpstr (reframe_assignment_get_title (custom), ==, "Evening Check");
    g_assert_cmpint (reframe_assignment_get_frequency (custom), ==, REFRAME_FREQUENCY_DAILY);
    g_assert_cmpint (g_date_compare (reframe_assignment_get_start (custom), &today), ==, 0);
    g_assert_cmpint (reframe_assignment_get_reminder (custom), ==, 19 * 60);
    g_assert_true (reframe_assignment_get_ai_feedback (custom));
    g_assert_cmpstr (reframe_assignment_get_ai_guidance (custom), ==, "Focus on what went well; keep it brief.");
    g_assert_cmpstr (reframe_assignment_get_instructions (custom), ==, "Before bed.");
  }
  return g_steal_pointer (&path);
}

/* Client: the preview, then Add. */
static void
import_pack (ReframeTestApp *test,
             const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ReframePackImportDialog *dialog;
  GtkWidget *accept;

  reframe_window_import_pack_file (test->window, file);
  dialog = REFRAME_PACK_IMPORT_DIALOG (reframe_test_wait_for_window (REFRAME_TYPE_PACK_IMPORT_DIALOG, 5000));
  g_assert_nonnull (dialog);

  /* From whom, as text: the markup in the name is not applied. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (reframe_test_find (GTK_WIDGET (dialog), "from_label"))),
                   ==, "From Dr Kim <i>Lee</i>");
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (reframe_test_find (GTK_WIDGET (dialog), "from_label"))));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "two small things"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Three Good Things"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Evening Check"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "Written for you"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "AI feedback welcome"));
  /* Nothing is added before Add. */
  g_assert_cmpuint (reframe_assignment_store_count (assignment_store ()), ==, 0);
  save_shot (GTK_WIDGET (dialog), "pack-import");

  accept = reframe_test_find (GTK_WIDGET (dialog), "accept_button");
  reframe_test_click (accept);
  g_assert_true (reframe_test_wait_for (window_gone_cb, GSIZE_TO_POINTER (REFRAME_TYPE_PACK_IMPORT_DIALOG), 5000));
  g_assert_cmpuint (reframe_assignment_store_count (assignment_store ()), ==, 2);

  /* The same pack again: shown, but it cannot be added twice. */
  reframe_window_import_pack_file (test->window, file);
  dialog = REFRAME_PACK_IMPORT_DIALOG (reframe_test_wait_for_window (REFRAME_TYPE_PACK_IMPORT_DIALOG, 5000));
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_is_sensitive (reframe_test_find (GTK_WIDGET (dialog), "accept_button")));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "You already added this pack"));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (reframe_test_wait_for (window_gone_cb, GSIZE_TO_POINTER (REFRAME_TYPE_PACK_IMPORT_DIALOG), 5000));
  g_assert_cmpuint (reframe_assignment_store_count (assignment_store ()), ==, 2);
}

static gboolean
runner_at_summary_cb (gpointer data)
{
  ReframeExerciseRunner *runner = data;

  return reframe_exercise_runner_get_step (runner) ==
         (int) reframe_exercise_get_n_steps (reframe_exercise_runner_get_exercise (runner));
}

/* Today lists it; doing it there links the response to the assignment. */
static void
complete_from_today (ReframeTestApp *test)
{
  GtkWidget *today = page (test, "today", REFRAME_TYPE_TODAY_PAGE);
  ReframeAssignmentRow *row = find_assignment_row (today, "Evening Check");
  g_autoptr(GPtrArray) assignments = NULL;
  ReframeExerciseRunner *runner;
  GtkWidget *next;
  GtkWidget *control;
  ReframeAssignment *assignment = NULL;

  g_assert_nonnull (row);
  g_assert_true (reframe_test_shows_text (today, "Due Today"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (row), "Before bed."));
  g_assert_cmpstr (reframe_assignment_row_get_progress (row), ==, "0 of 1 done");
  save_shot (GTK_WIDGET (test->window), "today-due");

  /* Activating the row starts it, as Enter or a click does. */
  g_signal_emit_by_name (row, "activated");
  runner = REFRAME_EXERCISE_RUNNER (reframe_test_wait_for_window (REFRAME_TYPE_EXERCISE_RUNNER, 5000));
  g_assert_nonnull (runner);
  g_assert_cmpstr (reframe_exercise_get_title (reframe_exercise_runner_get_exercise (runner)), ==,
                   "Evening Check");
  next = reframe_test_find (GTK_WIDGET (runner), "next_button");
  reframe_test_click (next);
  control = reframe_step_field_get_control (REFRAME_STEP_FIELD (reframe_exercise_runner_get_field (runner, "answer-1")));
  reframe_test_set_text (GTK_WIDGET (reframe_text_area_get_text_view (REFRAME_TEXT_AREA (control))),
                         "Dinner with an old friend");
  reframe_test_click (next);
  control = reframe_step_field_get_control (REFRAME_STEP_FIELD (reframe_exercise_runner_get_field (runner, "answer-2")));
  reframe_test_click (reframe_mood_scale_get_button (REFRAME_MOOD_SCALE (control), 3));
  reframe_test_click (next);
  g_assert_true (reframe_test_wait_for (runner_at_summary_cb, runner, 5000));
  reframe_test_click (next);
  g_assert_true (reframe_test_wait_for (window_gone_cb, GSIZE_TO_POINTER (REFRAME_TYPE_EXERCISE_RUNNER), 5000));
  reframe_test_iterate (100);

  /* In the database: one completed response, linked. */
  assignments = reframe_assignment_store_list (assignment_store (), NULL);
  for (guint i = 0; i < assignments->len; i++)
    if (g_str_equal (reframe_assignment_get_title (g_ptr_array_index (assignments, i)), "Evening Check"))
      assignment = g_ptr_array_index (assignments, i);
  g_assert_nonnull (assignment);
  g_assert_cmpuint (reframe_assignment_get_completions (assignment)->len, ==, 1);

  /* Done for today: no longer due; the Exercises page shows the adherence. */
  today = page (test, "today", REFRAME_TYPE_TODAY_PAGE);
  g_assert_null (find_assignment_row (today, "Evening Check"));
  row = find_assignment_row (page (test, "exercises", REFRAME_TYPE_EXERCISES_PAGE), "Evening Check");
  g_assert_nonnull (row);
  g_assert_cmpstr (reframe_assignment_row_get_progress (row), ==, "1 of 1 done");
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (row), "1 of 1 done"));
}

static JsonObject *
find_response (JsonArray  *entries,
               const char *questionnaire_prefix)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = json_object_get_object_member (json_array_get_object_element (entries, i),
                                                            "resource");

      if (g_str_equal (json_object_get_string_member (resource, "resourceType"), "QuestionnaireResponse") &&
          g_str_has_prefix (json_object_get_string_member (resource, "questionnaire"), questionnaire_prefix))
        return resource;
    }
  return NULL;
}

static void
collect_references (JsonNode  *node,
                    GPtrArray *references)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          if (g_str_equal (l->data, "reference"))
            g_ptr_array_add (references, (gpointer) json_object_get_string_member (object, l->data));
          else
            collect_references (json_object_get_member (object, l->data), references);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      collect_references (json_array_get_element (json_node_get_array (node), i), references);
}

static void
save_report (ReframeTestApp      *test,
             ReframeReportFormat  format,
             GFile               *file)
{
  ReframeReportDialog *dialog;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  reframe_test_activate_action (GTK_WIDGET (test->window), "win.export-report", NULL);
  dialog = REFRAME_REPORT_DIALOG (reframe_test_wait_for_window (REFRAME_TYPE_REPORT_DIALOG, 5000));
  g_assert_nonnull (dialog);
  /* The private parts are off unless ticked. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (reframe_test_find (GTK_WIDGET (dialog), "journal_switch"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (reframe_test_find (GTK_WIDGET (dialog), "safety_switch"))));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (dialog), "1 in this period"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (reframe_test_find (GTK_WIDGET (dialog), "format_row")), format);
  reframe_test_set_text (reframe_test_find (GTK_WIDGET (dialog), "name_row"), "Sam");
  if (format == REFRAME_REPORT_FORMAT_FHIR)
    save_shot (GTK_WIDGET (dialog), "report-dialog");

  reframe_report_dialog_save_async (dialog, file, async_done_cb, &wait);
  g_assert_true (reframe_test_wait_for (is_done_cb, &wait, 10000));
  g_assert_true (reframe_report_dialog_save_finish (dialog, wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (reframe_test_wait_for (window_gone_cb, GSIZE_TO_POINTER (REFRAME_TYPE_REPORT_DIALOG), 5000));
}

/* The client shares a report; its FHIR Bundle holds the exercise, and the therapist reads it. */
static void
share_report (ReframeTestApp *test,
              const char     *dir)
{
  g_autofree char *json_path = g_build_filename (dir, "report.json", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) urls = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) references = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(ReframeReport) report = NULL;
  ReframeReportViewer *viewer;
  JsonObject *bundle, *response, *first;
  JsonArray *entries, *items;

  save_report (test, REFRAME_REPORT_FORMAT_FHIR, json_file);
  save_report (test, REFRAME_REPORT_FORMAT_PDF, pdf_file);

  g_assert_true (g_file_get_contents (pdf_path, &pdf, NULL, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));

  g_assert_true (g_file_get_contents (json_path, &json, NULL, NULL));
  root = json_from_string (json, &error);
  g_assert_no_error (error);
  bundle = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (bundle, "resourceType"), ==, "Bundle");
  g_assert_cmpstr (json_object_get_string_member (bundle, "type"), ==, "collection");
  entries = json_object_get_array_member (bundle, "entry");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *type = json_object_get_string_member (json_object_get_object_member (entry, "resource"),
                                                        "resourceType");

      g_assert_true (g_str_has_prefix (json_object_get_string_member (entry, "fullUrl"), "urn:uuid:"));
      g_assert_true (g_strv_contains ((const char *[]) { "Composition", "Patient", "Observation",
                                                         "QuestionnaireResponse", NULL }, type));
      g_hash_table_add (urls, (gpointer) json_object_get_string_member (entry, "fullUrl"));
    }
  collect_references (root, references);
  for (guint i = 0; i < references->len; i++)
    g_assert_true (g_hash_table_contains (urls, g_ptr_array_index (references, i)));

  response = find_response (entries, "https://reframe.example/fhir/Questionnaire/custom-evening-check-");
  g_assert_nonnull (response);
  g_assert_cmpstr (json_object_get_string_member (response, "status"), ==, "completed");
  items = json_object_get_array_member (response, "item");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  first = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "linkId"), ==, "answer-1");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (first, "answer"), 0),
                     "valueString"), ==, "Dinner with an old friend");
  g_assert_cmpint (json_object_get_int_member (
                     json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (items, 1),
                                                                                  "answer"), 0),
                     "valueInteger"), ==, 3);
  /* No journal, no crisis screen: they were not ticked. */
  g_assert_null (strstr (json, "DocumentReference"));
  g_assert_null (strstr (json, "crisis-screen\""));

  /* The therapist's side. */
  report = reframe_fhir_load_file (json_file, NULL, &error);
  g_assert_no_error (error);
  viewer = reframe_report_viewer_new (GTK_WINDOW (test->window), report);
  gtk_window_present (GTK_WINDOW (viewer));
  g_assert_nonnull (reframe_test_wait_for_window (REFRAME_TYPE_REPORT_VIEWER, 5000));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (viewer), "Progress Report"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (viewer), "Evening Check"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (viewer), "Sam"));
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (viewer), "Not a diagnosis"));
  save_shot (GTK_WIDGET (viewer), "report-viewer");
  gtk_window_close (GTK_WINDOW (viewer));
  g_assert_true (reframe_test_wait_for (window_gone_cb, GSIZE_TO_POINTER (REFRAME_TYPE_REPORT_VIEWER), 5000));
}

/* Pausing from the row's menu: no longer due. */
static void
pause_assignment (ReframeTestApp *test)
{
  GtkWidget *exercises = page (test, "exercises", REFRAME_TYPE_EXERCISES_PAGE);
  ReframeAssignmentRow *row = find_assignment_row (exercises, "Three Good Things");
  g_autoptr(ReframeAssignment) stored = NULL;
  g_autofree char *uuid = NULL;

  g_assert_nonnull (row);
  save_shot (GTK_WIDGET (test->window), "exercises-assignments");
  /* The lists are rebuilt after the change: keep what is needed. */
  uuid = g_strdup (reframe_assignment_get_uuid (reframe_assignment_row_get_assignment (row)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "assignment.pause", NULL));
  reframe_test_iterate (200);
  stored = reframe_assignment_store_get (assignment_store (), uuid, NULL);
  g_assert_true (reframe_assignment_get_paused (stored));
  row = find_assignment_row (page (test, "exercises", REFRAME_TYPE_EXERCISES_PAGE), "Three Good Things");
  g_assert_true (reframe_test_shows_text (GTK_WIDGET (row), "Paused"));
  g_assert_null (find_assignment_row (page (test, "today", REFRAME_TYPE_TODAY_PAGE), "Three Good Things"));
}

/* Removing asks first, and keeps what was written. */
static void
remove_assignment (ReframeTestApp *test)
{
  ReframeExerciseStore *exercises = reframe_application_get_exercise_store (REFRAME_APPLICATION_DEFAULT);
  ReframeAssignmentRow *row = find_assignment_row (page (test, "exercises", REFRAME_TYPE_EXERCISES_PAGE),
                                                   "Evening Check");
  AdwMessageDialog *dialog;
  guint responses = reframe_exercise_store_count (exercises, NULL);

  g_assert_nonnull (row);
  g_assert_cmpuint (responses, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "assignment.remove", NULL));
  dialog = ADW_MESSAGE_DIALOG (reframe_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 5000));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove This Exercise?");
  /* Nothing happens until the person confirms. */
  g_assert_cmpuint (reframe_assignment_store_count (assignment_store ()), ==, 2);
  adw_message_dialog_response (dialog, "remove");
  reframe_test_iterate (200);
  g_assert_cmpuint (reframe_assignment_store_count (assignment_store ()), ==, 1);
  g_assert_cmpuint (reframe_exercise_store_count (exercises, NULL), ==, responses);
  g_assert_null (find_assignment_row (page (test, "exercises", REFRAME_TYPE_EXERCISES_PAGE), "Evening Check"));
}

static void
round_trip (ReframeTestApp *test,
            gpointer        user_data)
{
  g_autofree char *dir = g_build_filename (test->data_dir, "files", NULL);
  g_autofree char *path = NULL;

  g_mkdir_with_parents (dir, 0700);
  path = compose_pack (test, dir);
  import_pack (test, path);
  complete_from_today (test);
  share_report (test, dir);
  pause_assignment (test);
  remove_assignment (test);
}

static void
test_round_trip (void)
{
  reframe_test_app_run (NULL, FALSE, round_trip, NULL);
}

/* A hostile pack through the window: refused with the reason, nothing added. */
static void
refuse (ReframeTestApp *test,
        gpointer        user_data)
{
  static const char * const files[] = { "unknown-step-type.reframe-pack", "invalid-json.reframe-pack" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "packs", files[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      GtkWindow *message;

      reframe_window_import_pack_file (test->window, file);
      message = reframe_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 5000);
      g_assert_nonnull (message);
      g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==,
                       "This File Cannot Be Added");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)),
                                i == 0 ? "unknown field type “video”" : "not valid JSON"));
      g_assert_null (reframe_test_wait_for_window (REFRAME_TYPE_PACK_IMPORT_DIALOG, 0));
      gtk_window_close (message);
      g_assert_true (reframe_test_wait_for (window_gone_cb, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
    }
  g_assert_cmpuint (reframe_assignment_store_count (assignment_store ()), ==, 0);

  /* Dropping a pack on the window previews it, as opening it does. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "packs", "valid.reframe-pack", NULL);
    GSList *dropped = g_slist_prepend (NULL, g_file_new_for_path (path));
    GtkDropTarget *target = NULL;
    GValue value = G_VALUE_INIT;
    GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (test->window));
    gboolean accepted = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_DROP_TARGET (controller))
          target = GTK_DROP_TARGET (controller);
      }
    g_object_unref (controllers);
    g_assert_nonnull (target);

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, gdk_file_list_new_from_list (dropped));
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_slist_free_full (dropped, g_object_unref);
    g_assert_true (accepted);
    g_assert_nonnull (reframe_test_wait_for_window (REFRAME_TYPE_PACK_IMPORT_DIALOG, 5000));
    g_assert_true (reframe_test_shows_text (GTK_WIDGET (reframe_test_wait_for_window (REFRAME_TYPE_PACK_IMPORT_DIALOG, 0)),
                                            "From Dr Ana Rivera"));
    /* Declined: nothing added. */
    gtk_window_close (reframe_test_wait_for_window (REFRAME_TYPE_PACK_IMPORT_DIALOG, 0));
    g_assert_true (reframe_test_wait_for (window_gone_cb, GSIZE_TO_POINTER (REFRAME_TYPE_PACK_IMPORT_DIALOG), 5000));
    g_assert_cmpuint (reframe_assignment_store_count (assignment_store ()), ==, 0);
  }
}

static void
test_refuse_hostile (void)
{
  reframe_test_app_run (NULL, FALSE, refuse, NULL);
}

/* Reminders with a fake clock: nothing sleeps. */
static GDateTime *
fake_now_cb (gpointer user_data)
{
  return g_date_time_ref (*(GDateTime **) user_data);
}

static void
count_cb (ReframeReminders *reminders,
          const char       *uuid,
          GPtrArray        *reminded)
{
  g_ptr_array_add (reminded, g_strdup (uuid));
}

static void
test_reminders (void)
{
  g_autofree char *dir = reframe_test_make_data_dir ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "packs", "valid.reframe-pack", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeDatabase) database = reframe_database_open_default (&error);
  g_autoptr(ReframeAssignmentStore) store = NULL;
  g_autoptr(ReframeExerciseStore) exercises = NULL;
  g_autoptr(ReframeReminders) reminders = NULL;
  g_autoptr(ReframePack) pack = reframe_pack_load_file (file, NULL, &error);
  g_autoptr(GPtrArray) reminded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ReframeExerciseResponse) response = NULL;
  GDateTime *now = g_date_time_new_local (2026, 3, 4, 20, 0, 0);
  GDateTime *next;

  g_assert_no_error (error);
  store = reframe_assignment_store_new (database);
  exercises = reframe_exercise_store_new (database);
  g_assert_true (reframe_assignment_store_import (store, pack, &error));

  reminders = reframe_reminders_new (NULL, store, exercises);
  g_signal_connect (reminders, "reminded", G_CALLBACK (count_cb), reminded);
  reframe_reminders_set_now_func (reminders, fake_now_cb, &now);

  /* Three Good Things at 20:30 daily; Evening Check at 21:00 on its spread days. */
  next = reframe_reminders_get_next (reminders);
  g_assert_nonnull (next);
  g_assert_cmpint (g_date_time_get_hour (next), ==, 20);
  g_assert_cmpint (g_date_time_get_minute (next), ==, 30);
  g_assert_cmpuint (reframe_reminders_check (reminders), ==, 0);

  g_date_time_unref (now);
  now = g_date_time_new_local (2026, 3, 4, 20, 31, 0);
  g_assert_cmpuint (reframe_reminders_check (reminders), ==, 1);
  g_assert_cmpstr (g_ptr_array_index (reminded, 0), ==, "a1-three-good-things");
  /* Once only. */
  g_assert_cmpuint (reframe_reminders_check (reminders), ==, 0);

  /* Done the next morning: that evening's reminder does not come; the one after does. */
  g_date_time_unref (now);
  now = g_date_time_new_local (2026, 3, 5, 8, 0, 0);
  reframe_reminders_check (reminders);
  response = reframe_exercise_response_new (reframe_exercise_library_lookup ("three-good-things"));
  reframe_exercise_response_set_created_at (response, now);
  reframe_exercise_response_set_completed (response, TRUE);
  g_assert_true (reframe_exercise_store_save (exercises, response, &error));
  g_assert_true (reframe_assignment_store_link_response (store, "a1-three-good-things",
                                                         reframe_exercise_response_get_uuid (response),
                                                         &error));
  reframe_test_iterate (20);
  next = reframe_reminders_get_next (reminders);
  g_assert_nonnull (next);
  {
    g_autoptr(GPtrArray) all = reframe_assignment_store_list (store, NULL);
    gboolean evening_check_first = g_date_time_get_day_of_month (next) == 5 &&
                                   g_date_time_get_hour (next) == 21;

    /* Either the Evening Check's 21:00 today (its 3rd day), or tomorrow's 20:30. */
    g_assert_true (evening_check_first ||
                   (g_date_time_get_day_of_month (next) == 6 && g_date_time_get_hour (next) == 20));
    (void) all;
  }

  /* Late (a suspended laptop): what fell due is sent once, not once per missed day. */
  g_date_time_unref (now);
  now = g_date_time_new_local (2026, 3, 9, 12, 0, 0);
  g_ptr_array_set_size (reminded, 0);
  g_assert_cmpuint (reframe_reminders_check (reminders), ==, 2);

  /* Paused: no more reminders for it. */
  g_assert_true (reframe_assignment_store_set_paused (store, "a1-three-good-things", TRUE, &error));
  g_assert_true (reframe_assignment_store_set_paused (store, "a3-evening-check", TRUE, &error));
  reframe_test_iterate (20);
  g_assert_null (reframe_reminders_get_next (reminders));

  g_date_time_unref (now);
  g_clear_object (&reminders);
  g_clear_object (&exercises);
  g_clear_object (&store);
  g_clear_object (&database);
  reframe_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/packs-ui/round-trip", test_round_trip);
  g_test_add_func ("/reframe/packs-ui/refuse-hostile", test_refuse_hostile);
  g_test_add_func ("/reframe/packs-ui/reminders", test_reminders);

  return g_test_run ();
}
