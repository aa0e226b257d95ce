/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "reframe-fhir.h"
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

/* Every "reference" anywhere in @node. */
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
          JsonNode *child = json_object_get_member (object, l->data);

          if (g_str_equal (l->data, "reference"))
            {
              g_assert_true (JSON_NODE_HOLDS_VALUE (child));
              g_ptr_array_add (references, (gpointer) json_node_get_string (child));
            }
          else
            collect_references (child, references);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_references (json_array_get_element (array, i), references);
    }
}

static const char *
first_code (JsonObject *concept,
            const char *system)
{
  JsonArray *codings = json_object_get_array_member (concept, "coding");

  for (guint i = 0; i < json_array_get_length (codings); i++)
    {
      JsonObject *coding = json_array_get_object_element (codings, i);

      if (g_strcmp0 (json_object_get_string_member (coding, "system"), system) == 0)
        return json_object_get_string_member (coding, "code");
    }
  return NULL;
}

typedef struct
{
  JsonNode   *root;
  GHashTable *by_url;    /* fullUrl → resource JsonObject */
  GPtrArray  *resources; /* JsonObject, in order */
} Bundle;

static void
bundle_clear (Bundle *bundle)
{
  g_clear_pointer (&bundle->root, json_node_unref);
  g_clear_pointer (&bundle->by_url, g_hash_table_unref);
  g_clear_pointer (&bundle->resources, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bundle, bundle_clear)

/* The structural checks a FHIR consumer relies on. */
static void
check_bundle (const char *json,
              Bundle     *bundle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) references = g_ptr_array_new ();
  JsonObject *root;
  JsonArray *entries;
  GRegex *uuid_regex = g_regex_new ("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                                    0, 0, NULL);

  bundle->root = json_from_string (json, &error);
  g_assert_no_error (error);
  bundle->by_url = g_hash_table_new (g_str_hash, g_str_equal);
  bundle->resources = g_ptr_array_new ();

  root = json_node_get_object (bundle->root);
  g_assert_cmpstr (json_object_get_string_member (root, "resourceType"), ==, "Bundle");
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "collection");
  g_assert_nonnull (g_date_time_new_from_iso8601 (json_object_get_string_member (root, "timestamp"),
                                                  NULL));
  entries = json_object_get_array_member (root, "entry");
  g_assert_cmpuint (json_array_get_length (entries), >, 2);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *url = json_object_get_string_member (entry, "fullUrl");
      JsonObject *resource = json_object_get_object_member (entry, "resource");
      const char *type = json_object_get_string_member (resource, "resourceType");
      g_autofree char *expected_url = g_strconcat ("urn:uuid:",
                                                   json_object_get_string_member (resource, "id"),
                                                   NULL);

      g_assert_true (g_regex_match (uuid_regex, url, 0, NULL));
      g_assert_cmpstr (url, ==, expected_url);
      g_assert_false (g_hash_table_contains (bundle->by_url, url));
      g_hash_table_insert (bundle->by_url, (gpointer) url, resource);
      g_ptr_array_add (bundle->resources, resource);

      /* Required elements of each resource type. */
      if (g_str_equal (type, "Observation"))
        {
          g_assert_cmpstr (json_object_get_string_member (resource, "status"), ==, "final");
          g_assert_true (json_object_has_member (resource, "code"));
          g_assert_true (json_object_has_member (json_object_get_object_member (resource, "code"),
                                                 "coding"));
          g_assert_nonnull (g_date_time_new_from_iso8601 (json_object_get_string_member (resource, "effectiveDateTime"), NULL));
        }
      else if (g_str_equal (type, "QuestionnaireResponse"))
        {
          g_assert_cmpstr (json_object_get_string_member (resource, "status"), ==, "completed");
          g_assert_true (g_str_has_prefix (json_object_get_string_member (resource, "questionnaire"),
                                           "https://reframe.example/fhir/Questionnaire/"));
        }
      else if (g_str_equal (type, "DocumentReference"))
        {
          g_assert_cmpstr (json_object_get_string_member (resource, "status"), ==, "current");
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (resource, "content")),
                            ==, 1);
        }
      else if (g_str_equal (type, "Composition"))
        {
          g_assert_cmpuint (i, ==, 0);
          g_assert_cmpstr (json_object_get_string_member (resource, "status"), ==, "final");
          g_assert_true (json_object_has_member (resource, "type"));
          g_assert_true (json_object_has_member (resource, "date"));
          g_assert_true (json_object_has_member (resource, "author"));
          g_assert_true (json_object_has_member (resource, "title"));
        }
      else
        g_assert_cmpstr (type, ==, "Patient");
    }

  /* Every reference resolves inside the Bundle. */
  collect_references (bundle->root, references);
  g_assert_cmpuint (references->len, >, 0);
  for (guint i = 0; i < references->len; i++)
    if (!g_hash_table_contains (bundle->by_url, g_ptr_array_index (references, i)))
      g_error ("reference %s does not resolve", (char *) g_ptr_array_index (references, i));

  g_regex_unref (uuid_regex);
}

static GPtrArray *
resources_of (Bundle     *bundle,
              const char *type)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < bundle->resources->len; i++)
    {
      JsonObject *resource = g_ptr_array_index (bundle->resources, i);

      if (g_str_equal (json_object_get_string_member (resource, "resourceType"), type))
        g_ptr_array_add (found, resource);
    }
  return found;
}

static JsonObject *
observation_with_code (Bundle     *bundle,
                       const char *system,
                       const char *code)
{
  g_autoptr(GPtrArray) observations = resources_of (bundle, "Observation");

  for (guint i = 0; i < observations->len; i++)
    {
      JsonObject *observation = g_ptr_array_index (observations, i);

      if (g_strcmp0 (first_code (json_object_get_object_member (observation, "code"), system), code) == 0)
        return observation;
    }
  return NULL;
}

static void
test_bundle_structure (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ReframeReport) report = gather_march (fixture->database,
                                                  REFRAME_REPORT_DEFAULT_SECTIONS);
  g_autofree char *json = reframe_fhir_write_bundle (report, NULL);
  g_auto(Bundle) bundle = { 0 };
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  JsonObject *composition, *phq_total, *phq_panel, *gad_total, *gad_panel, *mood;
  JsonObject *phq_response = NULL;
  const char *derived;

  check_bundle (json, &bundle);

  composition = g_ptr_array_index (bundle.resources, 0);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (
                       json_array_get_object_element (json_object_get_array_member (composition, "event"), 0),
                       "period"),
                     "start"), ==, "2026-03-01");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (composition, "section")), ==, 3);

  /* No name was given: the Patient is only a subject to refer to. */
  patients = resources_of (&bundle, "Patient");
  g_assert_cmpuint (patients->len, ==, 1);
  g_assert_false (json_object_has_member (g_ptr_array_index (patients, 0), "name"));

  responses = resources_of (&bundle, "QuestionnaireResponse");
  g_assert_cmpuint (responses->len, ==, 5);
  for (guint i = 0; i < responses->len; i++)
    {
      JsonObject *response = g_ptr_array_index (responses, i);

      if (g_str_equal (json_object_get_string_member (response, "questionnaire"),
                       "https://reframe.example/fhir/Questionnaire/phq-9|1") && phq_response == NULL)
        phq_response = response;
      if (g_str_has_suffix (json_object_get_string_member (response, "questionnaire"),
                            "/three-good-things|1"))
        {
          JsonArray *items = json_object_get_array_member (response, "item");
          JsonObject *first = json_array_get_object_element (items, 0);

          g_assert_cmpstr (json_object_get_string_member (first, "linkId"), ==, "things");
          g_assert_nonnull (strstr (json_object_get_string_member (
                                      json_array_get_object_element (json_object_get_array_member (first, "answer"), 0),
                                      "valueString"),
                                    "A walk <b>by the sea</b>"));
        }
    }
  g_assert_nonnull (phq_response);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (
                       json_object_get_array_member (json_object_get_object_member (phq_response, "_questionnaire"),
                                                     "extension"), 0),
                     "valueString"), ==, "Mood Check (PHQ-9)");

  /* PHQ-9 item answers carry LOINC answer codes. */
  {
    JsonArray *items = json_object_get_array_member (phq_response, "item");
    JsonObject *first = json_array_get_object_element (items, 0);
    JsonObject *coding = json_object_get_object_member (
      json_array_get_object_element (json_object_get_array_member (first, "answer"), 0), "valueCoding");

    g_assert_cmpuint (json_array_get_length (items), ==, 9);
    g_assert_cmpstr (json_object_get_string_member (first, "linkId"), ==, "phq9-1");
    g_assert_cmpstr (json_object_get_string_member (coding, "system"), ==, "http://loinc.org");
    g_assert_cmpstr (json_object_get_string_member (coding, "code"), ==, "LA6569-3");
    g_assert_cmpstr (json_object_get_string_member (coding, "display"), ==, "Several days");
    coding = json_object_get_object_member (
      json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (items, 3),
                                                                   "answer"), 0), "valueCoding");
    g_assert_cmpstr (json_object_get_string_member (coding, "code"), ==, "LA6571-9");
  }

  /* Totals with their LOINC codes, derived from their responses, grouped in their panels. */
  phq_total = observation_with_code (&bundle, "http://loinc.org", "44261-6");
  g_assert_nonnull (phq_total);
  g_assert_cmpint (json_object_get_int_member (phq_total, "valueInteger"), ==, 13);
  g_assert_true (json_object_has_member (phq_total, "interpretation"));
  derived = json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (phq_total, "derivedFrom"), 0), "reference");
  g_assert_cmpstr (json_object_get_string_member (g_hash_table_lookup (bundle.by_url, derived),
                                                  "resourceType"), ==, "QuestionnaireResponse");
  phq_panel = observation_with_code (&bundle, "http://loinc.org", "44249-1");
  g_assert_nonnull (phq_panel);
  g_assert_true (g_hash_table_lookup (bundle.by_url,
                                      json_object_get_string_member (
                                        json_array_get_object_element (json_object_get_array_member (phq_panel, "hasMember"), 0),
                                        "reference")) != NULL);
  g_assert_false (json_object_has_member (phq_panel, "valueInteger"));

  gad_total = observation_with_code (&bundle, "http://loinc.org", "70274-6");
  g_assert_nonnull (gad_total);
  g_assert_cmpint (json_object_get_int_member (gad_total, "valueInteger"), ==, 4);
  gad_panel = observation_with_code (&bundle, "http://loinc.org", "69737-5");
  g_assert_nonnull (gad_panel);

  mood = observation_with_code (&bundle, "https://reframe.example/fhir/CodeSystem/reframe-observation",
                                "mood");
  g_assert_nonnull (mood);
  g_assert_true (json_object_has_member (mood, "valueInteger"));
  {
    g_autoptr(GPtrArray) observations = resources_of (&bundle, "Observation");
    g_autoptr(GPtrArray) documents = resources_of (&bundle, "DocumentReference");
    guint moods = 0;

    for (guint i = 0; i < observations->len; i++)
      {
        JsonObject *code = json_object_get_object_member (g_ptr_array_index (observations, i), "code");

        moods += g_strcmp0 (first_code (code, "https://reframe.example/fhir/CodeSystem/reframe-observation"),
                            "mood") == 0;
        g_assert_cmpstr (first_code (code, "https://reframe.example/fhir/CodeSystem/reframe-observation"),
                         !=, "crisis-screen");
      }
    g_assert_cmpuint (moods, ==, 14);
    /* Not ticked: not there. */
    g_assert_cmpuint (documents->len, ==, 0);
    g_assert_null (strstr (json, "secret"));
  }
}

static void
test_bundle_everything (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ReframeReport) report = gather_march (fixture->database,
                                                  REFRAME_REPORT_DEFAULT_SECTIONS |
                                                  REFRAME_REPORT_JOURNAL | REFRAME_REPORT_SAFETY);
  g_autofree char *json = NULL;
  g_auto(Bundle) bundle = { 0 };
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  JsonObject *attachment;
  JsonObject *crisis;
  g_autofree guchar *body = NULL;
  gsize length;

  reframe_report_set_client_name (report, "Sam");
  json = reframe_fhir_write_bundle (report, NULL);
  check_bundle (json, &bundle);

  patients = resources_of (&bundle, "Patient");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (g_ptr_array_index (patients, 0), "name"), 0),
                     "text"), ==, "Sam");

  documents = resources_of (&bundle, "DocumentReference");
  g_assert_cmpuint (documents->len, ==, 1);
  attachment = json_object_get_object_member (
    json_array_get_object_element (json_object_get_array_member (g_ptr_array_index (documents, 0), "content"), 0),
    "attachment");
  body = g_base64_decode (json_object_get_string_member (attachment, "data"), &length);
  g_assert_cmpmem (body, length, REPORT_SECRET_JOURNAL, strlen (REPORT_SECRET_JOURNAL));

  crisis = observation_with_code (&bundle, "https://reframe.example/fhir/CodeSystem/reframe-observation",
                                  "crisis-screen");
  g_assert_nonnull (crisis);
  g_assert_cmpstr (first_code (json_object_get_object_member (crisis, "valueCodeableConcept"),
                               "https://reframe.example/fhir/CodeSystem/crisis-screen-kind"),
                   ==, "self-harm");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (g_ptr_array_index (bundle.resources, 0),
                                                                         "section")), ==, 5);
}

static void
test_read_back (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ReframeReport) report = gather_march (fixture->database,
                                                  REFRAME_REPORT_DEFAULT_SECTIONS |
                                                  REFRAME_REPORT_JOURNAL);
  g_autoptr(ReframeReport) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  GDate from, to;
  ReframeReportScore *score;
  ReframeReportExercise *exercise = NULL;

  reframe_report_set_client_name (report, "Sam");
  json = reframe_fhir_write_bundle (report, NULL);
  read = reframe_fhir_read_bundle (json, -1, &error);
  g_assert_no_error (error);

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 3, 2026);
  g_date_set_dmy (&to, 31, 3, 2026);
  g_assert_cmpint (g_date_compare (reframe_report_get_from (read), &from), ==, 0);
  g_assert_cmpint (g_date_compare (reframe_report_get_to (read), &to), ==, 0);
  g_assert_cmpint (reframe_report_get_sections (read), ==,
                   REFRAME_REPORT_DEFAULT_SECTIONS | REFRAME_REPORT_JOURNAL);
  g_assert_cmpstr (reframe_report_get_client_name (read), ==, "Sam");
  g_assert_cmpuint (reframe_report_get_moods (read)->len, ==, 14);
  g_assert_cmpuint (reframe_report_get_scores (read)->len, ==, 4);
  g_assert_cmpuint (reframe_report_get_exercises (read)->len, ==, 5);
  g_assert_cmpuint (reframe_report_get_entries (read)->len, ==, 1);
  g_assert_cmpuint (reframe_report_get_safety_events (read)->len, ==, 0);

  score = NULL;
  for (guint i = 0; i < reframe_report_get_scores (read)->len; i++)
    if (g_str_equal (((ReframeReportScore *) g_ptr_array_index (reframe_report_get_scores (read), i))->questionnaire_id,
                     "phq-9"))
      score = g_ptr_array_index (reframe_report_get_scores (read), i);
  g_assert_nonnull (score);
  g_assert_cmpstr (score->short_name, ==, "PHQ-9");
  g_assert_cmpint (score->score, ==, 13);
  g_assert_cmpint (score->max_score, ==, 27);
  g_assert_nonnull (score->band);
  g_assert_nonnull (score->response_id);

  for (guint i = 0; i < reframe_report_get_exercises (read)->len; i++)
    {
      ReframeReportExercise *one = g_ptr_array_index (reframe_report_get_exercises (read), i);

      if (g_strcmp0 (one->exercise_id, "three-good-things") == 0)
        exercise = one;
      else
        g_assert_true (one->questionnaire);
    }
  g_assert_nonnull (exercise);
  g_assert_false (exercise->questionnaire);
  g_assert_cmpstr (exercise->title, ==, "Three Good Things");
  g_assert_cmpuint (exercise->items->len, ==, 2);
  g_assert_nonnull (strstr (((ReframeReportItem *) g_ptr_array_index (exercise->items, 0))->answer,
                            "by the sea"));
  g_assert_cmpstr (((ReframeReportEntry *) g_ptr_array_index (reframe_report_get_entries (read), 0))->body,
                   ==, REPORT_SECRET_JOURNAL);
}

static void
test_read_hostile (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"resourceType\": \"Bundle\", \"x\": ");
  struct { const char *data; ReframeFhirError code; } cases[] = {
    { "not json", REFRAME_FHIR_ERROR_SYNTAX },
    { "[]", REFRAME_FHIR_ERROR_NOT_A_BUNDLE },
    { "{\"resourceType\": \"Patient\"}", REFRAME_FHIR_ERROR_NOT_A_BUNDLE },
    { "{\"resourceType\": \"Bundle\", \"type\": \"transaction\"}", REFRAME_FHIR_ERROR_NOT_A_BUNDLE },
    { NULL, REFRAME_FHIR_ERROR_TOO_DEEP },
  };
  g_autoptr(ReframeReport) odd = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append (deep, "[");
  cases[4].data = deep->str;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) case_error = NULL;
      g_autoptr(ReframeReport) report = reframe_fhir_read_bundle (cases[i].data, -1, &case_error);

      g_assert_null (report);
      g_assert_error (case_error, REFRAME_FHIR_ERROR, (int) cases[i].code);
    }

  /* Wrong types and markup inside a Bundle are skipped or shown as text, never trusted. */
  odd = reframe_fhir_read_bundle ("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": ["
                                  "{\"resource\": 5},"
                                  "{\"resource\": {\"resourceType\": \"Observation\", \"code\": 7}},"
                                  "{\"resource\": {\"resourceType\": \"Observation\", \"effectiveDateTime\": \"2026-03-01T10:00:00Z\","
                                  "  \"code\": {\"coding\": [{\"system\": \"https://reframe.example/fhir/CodeSystem/reframe-observation\", \"code\": \"mood\"}]},"
                                  "  \"valueInteger\": 99}},"
                                  "{\"resource\": {\"resourceType\": \"QuestionnaireResponse\", \"authored\": \"2026-03-01T10:00:00Z\","
                                  "  \"questionnaire\": \"https://x/Questionnaire/Not An Id!|1\","
                                  "  \"item\": [{\"linkId\": \"a\", \"text\": \"<b>Q</b>\\u0007\", \"answer\": [{\"valueString\": \"<i>A</i>\"}]}]}}"
                                  "]}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reframe_report_get_moods (odd)->len, ==, 0);
  g_assert_cmpuint (reframe_report_get_exercises (odd)->len, ==, 1);
  {
    ReframeReportExercise *exercise = g_ptr_array_index (reframe_report_get_exercises (odd), 0);
    ReframeReportItem *item = g_ptr_array_index (exercise->items, 0);

    g_assert_null (exercise->exercise_id);
    g_assert_cmpstr (item->question, ==, "<b>Q</b>");
    g_assert_cmpstr (item->answer, ==, "<i>A</i>");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/reframe/fhir/bundle-structure", Fixture, NULL,
              fixture_set_up, test_bundle_structure, fixture_tear_down);
  g_test_add ("/reframe/fhir/bundle-everything", Fixture, NULL,
              fixture_set_up, test_bundle_everything, fixture_tear_down);
  g_test_add ("/reframe/fhir/read-back", Fixture, NULL,
              fixture_set_up, test_read_back, fixture_tear_down);
  g_test_add_func ("/reframe/fhir/read-hostile", test_read_hostile);

  return g_test_run ();
}
