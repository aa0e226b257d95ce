/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-fhir"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reframe-assignment.h"
#include "reframe-exercise-library.h"
#include "reframe-fhir.h"

G_DEFINE_QUARK (reframe-fhir-error-quark, reframe_fhir_error)

#define OBSERVATION_CATEGORY "http://terminology.hl7.org/CodeSystem/observation-category"
#define DISPLAY_EXTENSION    "http://hl7.org/fhir/StructureDefinition/display"
#define CS_OBSERVATION       REFRAME_FHIR_CODE_SYSTEM "reframe-observation"
#define CS_REPORT            REFRAME_FHIR_CODE_SYSTEM "reframe-report"
#define CS_CRISIS_KIND       REFRAME_FHIR_CODE_SYSTEM "crisis-screen-kind"
#define CS_SCORE             REFRAME_FHIR_CODE_SYSTEM "questionnaire-score"
#define QUESTIONNAIRE_BASE   REFRAME_FHIR_BASE "/Questionnaire/"

/* LOINC names of the codes the built-in questionnaires use, as LOINC publishes them. */
static const struct
{
  const char *code;
  const char *display;
  const char *short_name;
  const char *questionnaire_id;
} loinc_names[] = {
  { "44249-1", "PHQ-9 quick depression assessment panel [Reported.PHQ]", "PHQ-9", "phq-9" },
  { "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]", "PHQ-9",
    "phq-9" },
  { "69737-5", "Generalized anxiety disorder 7 item (GAD-7)", "GAD-7", "gad-7" },
  { "70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]", "GAD-7",
    "gad-7" },
};

static const char * const section_codes[] = { "mood", "questionnaires", "exercises", "journal",
                                              "safety" };
G_STATIC_ASSERT (1 << (G_N_ELEMENTS (section_codes) - 1) == REFRAME_REPORT_SAFETY);

static int
find_loinc (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (loinc_names); i++)
    if (g_str_equal (loinc_names[i].code, code))
      return i;
  return -1;
}

char *
reframe_fhir_questionnaire_url (const char *exercise_id,
                                guint       version)
{
  g_return_val_if_fail (exercise_id != NULL, NULL);
  return g_strdup_printf (QUESTIONNAIRE_BASE "%s|%u", exercise_id, version);
}

/* Writing */

typedef struct
{
  JsonArray  *entries;
  char       *patient;   /* urn:uuid:… */
  GHashTable *response_urls;  /* response id → urn:uuid of its QuestionnaireResponse */
} Writer;

static char *
format_date_time (GDateTime *moment)
{
  return g_date_time_format (moment, "%Y-%m-%dT%H:%M:%S%:z");
}

static JsonObject *
add_resource (Writer     *writer,
              const char *type,
              char      **url_out)
{
  g_autofree char *id = g_uuid_string_random ();
  JsonObject *entry = json_object_new ();
  JsonObject *resource = json_object_new ();
  char *url = g_strconcat ("urn:uuid:", id, NULL);

  json_object_set_string_member (resource, "resourceType", type);
  json_object_set_string_member (resource, "id", id);
  json_object_set_string_member (entry, "fullUrl", url);
  json_object_set_object_member (entry, "resource", resource);
  json_array_add_object_element (writer->entries, entry);

  if (url_out != NULL)
    *url_out = url;
  else
    g_free (url);
  return resource;
}

static JsonObject *
reference (const char *url,
           const char *display)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "reference", url);
  if (display != NULL)
    json_object_set_string_member (object, "display", display);
  return object;
}

static JsonObject *
coding (const char *system,
        const char *code,
        const char *display)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "system", system);
  json_object_set_string_member (object, "code", code);
  if (display != NULL && *display != '\0')
    json_object_set_string_member (object, "display", display);
  return object;
}

static JsonObject *
concept (const char *system,
         const char *code,
         const char *display,
         const char *text)
{
  JsonObject *object = json_object_new ();
  JsonArray *codings = json_array_new ();

  json_array_add_object_element (codings, coding (system, code, display));
  json_object_set_array_member (object, "coding", codings);
  if (text != NULL)
    json_object_set_string_member (object, "text", text);
  return object;
}

static void
set_survey_category (JsonObject *observation)
{
  JsonArray *categories = json_array_new ();

  json_array_add_object_element (categories,
                                 concept (OBSERVATION_CATEGORY, "survey", "Survey", NULL));
  json_object_set_array_member (observation, "category", categories);
}

static JsonObject *
new_observation (Writer     *writer,
                 GDateTime  *at,
                 JsonObject *code,
                 char      **url_out)
{
  JsonObject *observation = add_resource (writer, "Observation", url_out);
  g_autofree char *effective = format_date_time (at);

  json_object_set_string_member (observation, "status", "final");
  set_survey_category (observation);
  json_object_set_object_member (observation, "code", code);
  json_object_set_object_member (observation, "subject", reference (writer->patient, NULL));
  json_object_set_string_member (observation, "effectiveDateTime", effective);
  return observation;
}

static void
write_moods (Writer        *writer,
             ReframeReport *report,
             JsonArray     *section_entries)
{
  GPtrArray *moods = reframe_report_get_moods (report);

  for (guint i = 0; i < moods->len; i++)
    {
      ReframeReportMood *mood = g_ptr_array_index (moods, i);
      g_autofree char *url = NULL;
      JsonObject *observation;
      JsonArray *components = json_array_new ();
      struct { const char *code; const char *display; int value; } parts[] = {
        { "energy", "Self-rated energy (0–10)", mood->energy },
        { "anxiety", "Self-rated anxiety (0–10)", mood->anxiety },
      };

      observation = new_observation (writer, mood->at,
                                     concept (CS_OBSERVATION, "mood", "Self-rated mood (0–10)",
                                              "Mood"),
                                     &url);
      json_object_set_int_member (observation, "valueInteger", mood->mood);
      for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
        {
          JsonObject *component;

          if (parts[j].value < 0)
            continue;
          component = json_object_new ();
          json_object_set_object_member (component, "code",
                                         concept (CS_OBSERVATION, parts[j].code, parts[j].display,
                                                  NULL));
          json_object_set_int_member (component, "valueInteger", parts[j].value);
          json_array_add_object_element (components, component);
        }
      if (json_array_get_length (components) > 0)
        json_object_set_array_member (observation, "component", components);
      else
        json_array_unref (components);
      json_array_add_object_element (section_entries, reference (url, NULL));
    }
}

static char *
option_system (ReframeReportExercise    *exercise,
               const ReframeFieldOption *option)
{
  /* LOINC answer codes start with "LA"; other codes and plain option ids are the
   * exercise's own. */
  if (option->code != NULL && g_str_has_prefix (option->code, "LA"))
    return g_strdup (REFRAME_FHIR_LOINC);
  return g_strdup_printf (REFRAME_FHIR_CODE_SYSTEM "exercise-%s", exercise->exercise_id);
}

static void
add_string_answer (JsonArray  *answers,
                   const char *text)
{
  JsonObject *answer;

  if (text == NULL || *text == '\0')
    return;
  answer = json_object_new ();
  json_object_set_string_member (answer, "valueString", text);
  json_array_add_object_element (answers, answer);
}

static void
add_coding_answer (JsonArray                *answers,
                   ReframeReportExercise    *exercise,
                   const ReframeFieldOption *option)
{
  g_autofree char *system = option_system (exercise, option);
  JsonObject *answer = json_object_new ();

  json_object_set_object_member (answer, "valueCoding",
                                 coding (system, option->code != NULL ? option->code : option->id,
                                         option->label));
  json_array_add_object_element (answers, answer);
}

static JsonArray *
typed_answers (ReframeReportExercise *exercise,
               const ReframeField    *field,
               JsonObject            *all,
               JsonNode              *value)
{
  JsonArray *answers = json_array_new ();

  switch (field->type)
    {
    case REFRAME_FIELD_SHORT_TEXT:
    case REFRAME_FIELD_LONG_TEXT:
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        {
          g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (value)));

          add_string_answer (answers, text);
        }
      break;

    case REFRAME_FIELD_SCALE:
    case REFRAME_FIELD_SLIDER:
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
        {
          JsonObject *answer = json_object_new ();

          json_object_set_int_member (answer, "valueInteger", json_node_get_int (value));
          json_array_add_object_element (answers, answer);
        }
      break;

    case REFRAME_FIELD_CHOICE:
      {
        const char *id = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL;
        const ReframeFieldOption *option = reframe_field_lookup_option (field, id);

        if (option != NULL)
          add_coding_answer (answers, exercise, option);
        else
          {
            g_autofree char *text = reframe_exercise_format_answer (exercise->exercise, field, all,
                                                                    value);

            add_string_answer (answers, text);
          }
      }
      break;

    case REFRAME_FIELD_MULTI_CHOICE:
      for (guint i = 0; JSON_NODE_HOLDS_ARRAY (value) &&
                        i < json_array_get_length (json_node_get_array (value)); i++)
        {
          JsonNode *element = json_array_get_element (json_node_get_array (value), i);
          const ReframeFieldOption *option =
            reframe_field_lookup_option (field, JSON_NODE_HOLDS_VALUE (element)
                                                  ? json_node_get_string (element) : NULL);

          if (option != NULL)
            add_coding_answer (answers, exercise, option);
        }
      break;

    case REFRAME_FIELD_DATE_TIME:
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        {
          JsonObject *answer = json_object_new ();
          const char *text = json_node_get_string (value);

          if (field->mode == REFRAME_DATE_TIME_MODE_DATE)
            json_object_set_string_member (answer, "valueDate", text);
          else if (field->mode == REFRAME_DATE_TIME_MODE_TIME)
            {
              g_autofree char *with_seconds = g_strconcat (text, ":00", NULL);

              json_object_set_string_member (answer, "valueTime", with_seconds);
            }
          else
            json_object_set_string_member (answer, "valueDateTime", text);
          json_array_add_object_element (answers, answer);
        }
      break;

    case REFRAME_FIELD_EMOTIONS:
    case REFRAME_FIELD_THINKING_TRAPS:
    case REFRAME_FIELD_LIST:
    case REFRAME_FIELD_BREATHING:
    case REFRAME_FIELD_N_TYPES:
    default:
      {
        g_autofree char *text = reframe_exercise_format_answer (exercise->exercise, field, all,
                                                                value);

        add_string_answer (answers, text);
      }
      break;
    }

  return answers;
}

static void
add_item (JsonArray  *items,
          const char *link_id,
          const char *text,
          JsonArray  *answers)
{
  JsonObject *item;

  if (json_array_get_length (answers) == 0)
    {
      json_array_unref (answers);
      return;
    }
  item = json_object_new ();
  json_object_set_string_member (item, "linkId", link_id);
  if (text != NULL && *text != '\0')
    json_object_set_string_member (item, "text", text);
  json_object_set_array_member (item, "answer", answers);
  json_array_add_object_element (items, item);
}

static void
write_exercise (Writer                *writer,
                ReframeReportExercise *exercise,
                JsonArray             *section_entries)
{
  g_autofree char *url = NULL;
  g_autofree char *canonical = reframe_fhir_questionnaire_url (exercise->exercise_id,
                                                               exercise->exercise_version);
  g_autofree char *authored = format_date_time (exercise->at);
  JsonObject *response = add_resource (writer, "QuestionnaireResponse", &url);
  JsonObject *display = json_object_new ();
  JsonArray *extensions = json_array_new ();
  JsonObject *extension = json_object_new ();
  JsonArray *items = json_array_new ();

  json_object_set_string_member (response, "questionnaire", canonical);
  /* The standard way to name what a canonical URL points to. */
  json_object_set_string_member (extension, "url", DISPLAY_EXTENSION);
  json_object_set_string_member (extension, "valueString", exercise->title);
  json_array_add_object_element (extensions, extension);
  json_object_set_array_member (display, "extension", extensions);
  json_object_set_object_member (response, "_questionnaire", display);
  json_object_set_string_member (response, "status", "completed");
  json_object_set_object_member (response, "subject", reference (writer->patient, NULL));
  json_object_set_string_member (response, "authored", authored);

  if (exercise->exercise != NULL && exercise->response != NULL)
    {
      JsonObject *answers = reframe_exercise_response_get_answers (exercise->response);

      for (guint s = 0; s < reframe_exercise_get_n_steps (exercise->exercise); s++)
        {
          const ReframeExerciseStep *step = reframe_exercise_get_step (exercise->exercise, s);

          for (guint f = 0; f < step->fields->len; f++)
            {
              const ReframeField *field = g_ptr_array_index (step->fields, f);
              JsonNode *value = json_object_get_member (answers, field->id);

              if (!reframe_exercise_answer_is_set (value))
                continue;
              add_item (items, field->id, exercise->questionnaire ? step->title : field->label,
                        typed_answers (exercise, field, answers, value));
            }
        }
    }
  else
    {
      for (guint i = 0; i < exercise->items->len; i++)
        {
          ReframeReportItem *item = g_ptr_array_index (exercise->items, i);
          g_autofree char *link_id = g_strdup_printf ("item-%u", i + 1);
          JsonArray *answers = json_array_new ();

          add_string_answer (answers, item->answer);
          add_item (items, link_id, item->question, answers);
        }
    }

  if (json_array_get_length (items) > 0)
    json_object_set_array_member (response, "item", items);
  else
    json_array_unref (items);

  if (exercise->id != NULL)
    g_hash_table_insert (writer->response_urls, g_strdup (exercise->id), g_strdup (url));
  json_array_add_object_element (section_entries, reference (url, exercise->title));
}

static JsonObject *
score_code (ReframeReportScore *score,
            gboolean            panel)
{
  const char *code = panel ? score->code : score->total_code;
  int known = find_loinc (code);
  g_autofree char *text = NULL;

  if (panel)
    text = g_strdup (score->short_name);
  else
    /* Not translated: a clinical record. */
    text = g_strdup_printf ("%s total score", score->short_name);

  if (code != NULL)
    return concept (REFRAME_FHIR_LOINC, code, known >= 0 ? loinc_names[known].display : NULL, text);
  return concept (CS_SCORE, score->questionnaire_id, NULL, text);
}


static void
write_score (Writer             *writer,
             ReframeReportScore *score,
             JsonArray          *section_entries)
{
  const char *response_url = score->response_id != NULL
                               ? g_hash_table_lookup (writer->response_urls, score->response_id)
                               : NULL;
  g_autofree char *total_url = NULL;
  g_autofree char *panel_url = NULL;
  JsonObject *total;

  total = new_observation (writer, score->at, score_code (score, FALSE), &total_url);
  json_object_set_int_member (total, "valueInteger", score->score);
  if (score->band != NULL)
    {
      JsonArray *interpretation = json_array_new ();
      JsonObject *band = json_object_new ();

      json_object_set_string_member (band, "text", score->band);
      json_array_add_object_element (interpretation, band);
      json_object_set_array_member (total, "interpretation", interpretation);
    }
  if (response_url != NULL)
    {
      JsonArray *derived = json_array_new ();

      json_array_add_object_element (derived, reference (response_url, NULL));
      json_object_set_array_member (total, "derivedFrom", derived);
    }

  /* The panel groups the total, as LOINC's PHQ-9 and GAD-7 panels do. */
  if (score->code != NULL)
    {
      JsonObject *panel = new_observation (writer, score->at, score_code (score, TRUE), &panel_url);
      JsonArray *members = json_array_new ();

      json_array_add_object_element (members, reference (total_url, NULL));
      json_object_set_array_member (panel, "hasMember", members);
      if (response_url != NULL)
        {
          JsonArray *derived = json_array_new ();

          json_array_add_object_element (derived, reference (response_url, NULL));
          json_object_set_array_member (panel, "derivedFrom", derived);
        }
      json_array_add_object_element (section_entries, reference (panel_url, NULL));
    }
  json_array_add_object_element (section_entries, reference (total_url, NULL));
}

static void
write_entry (Writer             *writer,
             ReframeReportEntry *entry,
             JsonArray          *section_entries)
{
  g_autofree char *url = NULL;
  g_autofree char *date = format_date_time (entry->at);
  g_autofree char *data = g_base64_encode ((const guchar *) entry->body, strlen (entry->body));
  JsonObject *document = add_resource (writer, "DocumentReference", &url);
  JsonObject *attachment = json_object_new ();
  JsonObject *content = json_object_new ();
  JsonArray *contents = json_array_new ();

  json_object_set_string_member (document, "status", "current");
  json_object_set_object_member (document, "type",
                                 concept (CS_REPORT, "journal-entry", "Journal entry",
                                          "Journal entry"));
  json_object_set_object_member (document, "subject", reference (writer->patient, NULL));
  json_object_set_string_member (document, "date", date);
  if (entry->title != NULL)
    json_object_set_string_member (document, "description", entry->title);
  json_object_set_string_member (attachment, "contentType", "text/plain; charset=utf-8");
  json_object_set_string_member (attachment, "data", data);
  if (entry->title != NULL)
    json_object_set_string_member (attachment, "title", entry->title);
  json_object_set_object_member (content, "attachment", attachment);
  json_array_add_object_element (contents, content);
  json_object_set_array_member (document, "content", contents);
  json_array_add_object_element (section_entries, reference (url, NULL));
}

static void
write_safety (Writer              *writer,
              ReframeReportSafety *event,
              JsonArray           *section_entries)
{
  g_autofree char *url = NULL;
  JsonObject *observation;

  observation = new_observation (writer, event->at,
                                 concept (CS_OBSERVATION, "crisis-screen",
                                          "Crisis screen found words of concern",
                                          "Crisis-screen event"),
                                 &url);
  json_object_set_object_member (observation, "valueCodeableConcept",
                                 concept (CS_CRISIS_KIND, event->kind, NULL,
                                          reframe_report_describe_safety_kind (event->kind)));
  json_array_add_object_element (section_entries, reference (url, NULL));
}

static void
add_section (JsonArray  *sections,
             const char *code,
             const char *title,
             JsonArray  *entries)
{
  JsonObject *section = json_object_new ();

  json_object_set_string_member (section, "title", title);
  json_object_set_object_member (section, "code", concept (CS_REPORT, code, title, NULL));
  if (json_array_get_length (entries) > 0)
    json_object_set_array_member (section, "entry", entries);
  else
    {
      /* A section needs text or entries (cmp-1); an empty one says so. */
      JsonObject *text = json_object_new ();

      json_array_unref (entries);
      json_object_set_string_member (text, "status", "generated");
      json_object_set_string_member (text, "div",
                                     "<div xmlns=\"http://www.w3.org/1999/xhtml\">"
                                     "None in this period.</div>");
      json_object_set_object_member (section, "text", text);
    }
  json_array_add_object_element (sections, section);
}

JsonNode *
reframe_fhir_build_bundle (ReframeReport *report)
{
  g_autofree char *bundle_id = g_uuid_string_random ();
  g_autofree char *bundle_urn = g_strconcat ("urn:uuid:", bundle_id, NULL);
  g_autofree char *composition_url = NULL;
  g_autofree char *timestamp = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autoptr(GHashTable) response_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               g_free);
  ReframeReportSections sections;
  Writer writer = { NULL, NULL, response_urls };
  JsonObject *bundle = json_object_new ();
  JsonObject *identifier = json_object_new ();
  JsonObject *composition;
  JsonObject *patient;
  JsonObject *event = json_object_new ();
  JsonObject *period = json_object_new ();
  JsonArray *events = json_array_new ();
  JsonArray *authors = json_array_new ();
  JsonArray *section_list = json_array_new ();
  JsonArray *section_entries[G_N_ELEMENTS (section_codes)];
  JsonNode *root;

  g_return_val_if_fail (REFRAME_IS_REPORT (report), NULL);

  sections = reframe_report_get_sections (report);
  writer.entries = json_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (section_codes); i++)
    section_entries[i] = json_array_new ();

  json_object_set_string_member (bundle, "resourceType", "Bundle");
  json_object_set_string_member (bundle, "id", bundle_id);
  json_object_set_string_member (identifier, "system", "urn:ietf:rfc:3986");
  json_object_set_string_member (identifier, "value", bundle_urn);
  json_object_set_object_member (bundle, "identifier", identifier);
  json_object_set_string_member (bundle, "type", "collection");
  timestamp = format_date_time (reframe_report_get_created (report));
  json_object_set_string_member (bundle, "timestamp", timestamp);

  /* The Composition first: it says what the Bundle holds. */
  composition = add_resource (&writer, "Composition", &composition_url);
  patient = add_resource (&writer, "Patient", &writer.patient);
  if (reframe_report_get_client_name (report) != NULL)
    {
      JsonArray *names = json_array_new ();
      JsonObject *name = json_object_new ();

      json_object_set_string_member (name, "text", reframe_report_get_client_name (report));
      json_array_add_object_element (names, name);
      json_object_set_array_member (patient, "name", names);
    }

  if (sections & REFRAME_REPORT_MOOD)
    write_moods (&writer, report, section_entries[0]);
  for (guint i = 0; i < reframe_report_get_exercises (report)->len; i++)
    {
      ReframeReportExercise *exercise = g_ptr_array_index (reframe_report_get_exercises (report), i);

      write_exercise (&writer, exercise, section_entries[exercise->questionnaire ? 1 : 2]);
    }
  for (guint i = 0; i < reframe_report_get_scores (report)->len; i++)
    write_score (&writer, g_ptr_array_index (reframe_report_get_scores (report), i),
                 section_entries[1]);
  for (guint i = 0; (sections & REFRAME_REPORT_JOURNAL) &&
                    i < reframe_report_get_entries (report)->len; i++)
    write_entry (&writer, g_ptr_array_index (reframe_report_get_entries (report), i),
                 section_entries[3]);
  for (guint i = 0; (sections & REFRAME_REPORT_SAFETY) &&
                    i < reframe_report_get_safety_events (report)->len; i++)
    write_safety (&writer, g_ptr_array_index (reframe_report_get_safety_events (report), i),
                  section_entries[4]);

  json_object_set_string_member (composition, "status", "final");
  json_object_set_object_member (composition, "type",
                                 concept (CS_REPORT, "progress-report",
                                          "Self-reported progress report",
                                          "Progress report shared by the client"));
  json_object_set_object_member (composition, "subject", reference (writer.patient, NULL));
  json_object_set_string_member (composition, "date", timestamp);
  json_array_add_object_element (authors, reference (writer.patient, "The client"));
  json_object_set_array_member (composition, "author", authors);
  json_object_set_string_member (composition, "title", "Reframe progress report");
  start = reframe_assignment_format_date_iso (reframe_report_get_from (report));
  end = reframe_assignment_format_date_iso (reframe_report_get_to (report));
  json_object_set_string_member (period, "start", start);
  json_object_set_string_member (period, "end", end);
  json_object_set_object_member (event, "period", period);
  json_array_add_object_element (events, event);
  json_object_set_array_member (composition, "event", events);

  {
    static const char * const titles[] = {
      "Mood check-ins", "Questionnaires", "Exercises", "Journal entries", "Crisis-screen events"
    };

    G_STATIC_ASSERT (G_N_ELEMENTS (titles) == G_N_ELEMENTS (section_codes));
    for (guint i = 0; i < G_N_ELEMENTS (section_codes); i++)
      {
        if (sections & (1 << i))
          add_section (section_list, section_codes[i], titles[i], section_entries[i]);
        else
          json_array_unref (section_entries[i]);
      }
  }
  if (json_array_get_length (section_list) > 0)
    json_object_set_array_member (composition, "section", section_list);
  else
    json_array_unref (section_list);

  json_object_set_array_member (bundle, "entry", writer.entries);
  g_free (writer.patient);

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, bundle);
  return root;
}

char *
reframe_fhir_write_bundle (ReframeReport *report,
                           gsize         *length)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (REFRAME_IS_REPORT (report), NULL);

  root = reframe_fhir_build_bundle (report);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, length);
}

/* Reading: every value is checked for its type before use, and text is cleaned. */

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
array_object (JsonArray *array,
              guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
get_int (JsonObject *object,
         const char *member,
         int        *out)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  value = json_node_get_int (node);
  if (value < G_MININT32 || value > G_MAXINT32)
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static char *
clean (const char *text,
       gboolean    multiline)
{
  char *cleaned;

  if (text == NULL)
    return NULL;
  cleaned = reframe_exercise_clean_text (text, multiline);
  return cleaned != NULL ? g_strstrip (cleaned) : NULL;
}

/* The first coding of a CodeableConcept: its system and code. */
static gboolean
first_coding (JsonObject  *concept_object,
              const char **system,
              const char **code)
{
  JsonObject *first = array_object (get_array (concept_object, "coding"), 0);

  *system = get_string (first, "system");
  *code = get_string (first, "code");
  return *system != NULL && *code != NULL;
}

static GDateTime *
parse_date_time (const char *text)
{
  GDate date;

  if (text == NULL)
    return NULL;
  /* A date alone is noon that day, so that it stays on its day in any time zone. */
  if (reframe_assignment_parse_date (text, &date))
    return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                  g_date_get_day (&date), 12, 0, 0);
  return g_date_time_new_from_iso8601 (text, NULL);
}

static char *
answer_text (JsonObject *answer)
{
  JsonObject *value_coding = get_object (answer, "valueCoding");
  int number;

  if (get_string (answer, "valueString") != NULL)
    return clean (get_string (answer, "valueString"), TRUE);
  if (get_int (answer, "valueInteger", &number))
    return g_strdup_printf ("%d", number);
  if (value_coding != NULL)
    return clean (get_string (value_coding, "display") ? get_string (value_coding, "display")
                                                       : get_string (value_coding, "code"),
                  FALSE);
  if (get_string (answer, "valueDate") != NULL)
    return clean (get_string (answer, "valueDate"), FALSE);
  if (get_string (answer, "valueDateTime") != NULL)
    return clean (get_string (answer, "valueDateTime"), FALSE);
  if (get_string (answer, "valueTime") != NULL)
    return clean (get_string (answer, "valueTime"), FALSE);
  if (json_object_has_member (answer, "valueBoolean"))
    {
      JsonNode *node = json_object_get_member (answer, "valueBoolean");

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
    }
  return NULL;
}

static void
read_items (ReframeReportExercise *exercise,
            JsonArray             *items,
            guint                  depth)
{
  /* Nested items are flattened; a few levels are plenty for any report. */
  for (guint i = 0; items != NULL && depth < 4 && i < json_array_get_length (items); i++)
    {
      JsonObject *item = array_object (items, i);
      JsonArray *answers = get_array (item, "answer");
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *question = clean (get_string (item, "text"), FALSE);

      if (item == NULL)
        continue;
      for (guint j = 0; answers != NULL && j < json_array_get_length (answers); j++)
        {
          g_autofree char *one = answer_text (array_object (answers, j));

          if (one == NULL || *one == '\0')
            continue;
          if (text->len > 0)
            g_string_append (text, "\n");
          g_string_append (text, one);
        }
      if (text->len > 0)
        reframe_report_exercise_add_item (exercise,
                                          question ? question : get_string (item, "linkId"),
                                          text->str);
      read_items (exercise, get_array (item, "item"), depth + 1);
    }
}

/* "https://…/Questionnaire/phq-9|1" → "phq-9" and 1. */
static void
parse_canonical (const char *url,
                 char      **id,
                 guint      *version)
{
  const char *slash = url != NULL ? strrchr (url, '/') : NULL;
  const char *bar;
  g_autofree char *candidate = NULL;

  *id = NULL;
  *version = 0;
  if (slash == NULL)
    return;
  bar = strchr (slash, '|');
  candidate = bar ? g_strndup (slash + 1, bar - slash - 1) : g_strdup (slash + 1);
  if (*candidate == '\0' || strlen (candidate) > 64 ||
      strspn (candidate, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen (candidate))
    return;
  *id = g_steal_pointer (&candidate);
  if (bar != NULL)
    *version = (guint) MIN (g_ascii_strtoull (bar + 1, NULL, 10), 1000000);
}

static void
read_response (ReframeReport *report,
               JsonObject    *resource,
               const char    *url,
               GHashTable    *exercises_by_url)
{
  ReframeReportExercise *exercise = reframe_report_exercise_new ();
  JsonObject *display = array_object (get_array (get_object (resource, "_questionnaire"),
                                                 "extension"), 0);
  ReframeExercise *builtin;

  exercise->at = parse_date_time (get_string (resource, "authored"));
  if (exercise->at == NULL)
    {
      reframe_report_exercise_free (exercise);
      return;
    }
  exercise->id = clean (get_string (resource, "id"), FALSE);
  parse_canonical (get_string (resource, "questionnaire"), &exercise->exercise_id,
                   &exercise->exercise_version);
  if (g_strcmp0 (get_string (display, "url"), DISPLAY_EXTENSION) == 0)
    exercise->title = clean (get_string (display, "valueString"), FALSE);
  builtin = exercise->exercise_id ? reframe_exercise_library_lookup (exercise->exercise_id) : NULL;
  if (exercise->title == NULL || *exercise->title == '\0')
    {
      g_free (exercise->title);
      exercise->title = g_strdup (builtin != NULL ? reframe_exercise_get_title (builtin)
                                                  : _("Exercise"));
    }
  exercise->questionnaire = builtin != NULL && reframe_exercise_is_questionnaire (builtin);
  read_items (exercise, get_array (resource, "item"), 0);
  g_hash_table_insert (exercises_by_url, g_strdup (url), exercise);
  reframe_report_add_exercise (report, exercise);
}

static void
read_observation (ReframeReport *report,
                  JsonObject    *resource,
                  GHashTable    *exercises_by_url,
                  GPtrArray     *pending_scores)
{
  g_autoptr(GDateTime) at = parse_date_time (get_string (resource, "effectiveDateTime"));
  JsonObject *code = get_object (resource, "code");
  const char *system = NULL;
  const char *value_code = NULL;
  int value;

  if (at == NULL || !first_coding (code, &system, &value_code))
    return;

  if (g_str_equal (system, CS_OBSERVATION) && g_str_equal (value_code, "mood"))
    {
      ReframeReportMood *mood;
      JsonArray *components = get_array (resource, "component");

      if (!get_int (resource, "valueInteger", &value) || value < 0 || value > 10)
        return;
      mood = reframe_report_mood_new ();
      mood->at = g_date_time_ref (at);
      mood->mood = value;
      for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
        {
          JsonObject *component = array_object (components, i);
          const char *component_system, *component_code;
          int component_value;

          if (!first_coding (get_object (component, "code"), &component_system, &component_code) ||
              !get_int (component, "valueInteger", &component_value) ||
              component_value < 0 || component_value > 10)
            continue;
          if (g_str_equal (component_code, "energy"))
            mood->energy = component_value;
          else if (g_str_equal (component_code, "anxiety"))
            mood->anxiety = component_value;
        }
      reframe_report_add_mood (report, mood);
    }
  else if (g_str_equal (system, CS_OBSERVATION) && g_str_equal (value_code, "crisis-screen"))
    {
      ReframeReportSafety *event;
      const char *kind_system, *kind;

      if (!first_coding (get_object (resource, "valueCodeableConcept"), &kind_system, &kind))
        return;
      event = reframe_report_safety_new ();
      event->at = g_date_time_ref (at);
      event->kind = clean (kind, FALSE);
      reframe_report_add_safety_event (report, event);
    }
  else if (get_int (resource, "valueInteger", &value) &&
           (g_str_equal (system, CS_SCORE) ||
            (g_str_equal (system, REFRAME_FHIR_LOINC) && find_loinc (value_code) >= 0)))
    {
      ReframeReportScore *score = reframe_report_score_new ();
      int known = g_str_equal (system, REFRAME_FHIR_LOINC) ? find_loinc (value_code) : -1;
      JsonObject *interpretation = array_object (get_array (resource, "interpretation"), 0);
      JsonObject *derived = array_object (get_array (resource, "derivedFrom"), 0);
      ReframeExercise *questionnaire;

      score->at = g_date_time_ref (at);
      score->score = value;
      score->questionnaire_id = g_strdup (known >= 0 ? loinc_names[known].questionnaire_id
                                                     : value_code);
      score->total_code = known >= 0 ? g_strdup (value_code) : NULL;
      score->band = clean (get_string (interpretation, "text"), FALSE);
      questionnaire = reframe_exercise_library_lookup (score->questionnaire_id);
      if (questionnaire != NULL && reframe_exercise_is_questionnaire (questionnaire))
        {
          const ReframeQuestionnaireInfo *info = reframe_exercise_get_questionnaire (questionnaire);

          score->short_name = g_strdup (info->short_name);
          score->code = g_strdup (info->code);
          score->max_score = info->max_score;
        }
      else
        score->short_name = clean (get_string (code, "text"), FALSE);
      if (score->short_name == NULL)
        score->short_name = g_strdup (value_code);
      /* Linked to its exercise once every resource is read. */
      g_ptr_array_add (pending_scores, score);
      g_ptr_array_add (pending_scores, g_strdup (get_string (derived, "reference")));
    }
}

static void
read_document (ReframeReport *report,
               JsonObject    *resource)
{
  JsonObject *attachment = get_object (array_object (get_array (resource, "content"), 0),
                                       "attachment");
  const char *data = get_string (attachment, "data");
  g_autofree guchar *decoded = NULL;
  ReframeReportEntry *entry;
  gsize length = 0;

  if (data == NULL)
    return;
  decoded = g_base64_decode (data, &length);
  if (decoded == NULL || !g_utf8_validate ((const char *) decoded, length, NULL))
    return;
  entry = reframe_report_entry_new ();
  entry->at = parse_date_time (get_string (resource, "date"));
  if (entry->at == NULL)
    {
      reframe_report_entry_free (entry);
      return;
    }
  {
    g_autofree char *text = g_strndup ((const char *) decoded, length);

    entry->body = clean (text, TRUE);
  }
  entry->title = clean (get_string (resource, "description"), FALSE);
  if (entry->body == NULL)
    entry->body = g_strdup ("");
  reframe_report_add_entry (report, entry);
}

static gboolean
check_raw (const char  *data,
           gsize        length,
           GError     **error)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;

  if (length > REFRAME_FHIR_MAX_SIZE)
    {
      g_set_error (error, REFRAME_FHIR_ERROR, REFRAME_FHIR_ERROR_TOO_LARGE,
                   "The report is too large (%" G_GSIZE_FORMAT " bytes; at most %d)", length,
                   REFRAME_FHIR_MAX_SIZE);
      return FALSE;
    }
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, REFRAME_FHIR_ERROR, REFRAME_FHIR_ERROR_BAD_ENCODING,
                   "The report is not valid UTF-8 text");
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '{' || c == '[') && ++depth > REFRAME_FHIR_MAX_DEPTH)
        {
          g_set_error (error, REFRAME_FHIR_ERROR, REFRAME_FHIR_ERROR_TOO_DEEP,
                       "The report is nested too deeply (more than %d levels)",
                       REFRAME_FHIR_MAX_DEPTH);
          return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

static void
read_composition (JsonObject            *composition,
                  GDate                 *from,
                  GDate                 *to,
                  ReframeReportSections *sections)
{
  JsonObject *period = get_object (array_object (get_array (composition, "event"), 0), "period");
  JsonArray *section_list = get_array (composition, "section");

  reframe_assignment_parse_date (get_string (period, "start"), from);
  reframe_assignment_parse_date (get_string (period, "end"), to);
  *sections = 0;
  for (guint i = 0; section_list != NULL && i < json_array_get_length (section_list); i++)
    {
      const char *system, *code;

      if (!first_coding (get_object (array_object (section_list, i), "code"), &system, &code) ||
          !g_str_equal (system, CS_REPORT))
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (section_codes); j++)
        if (g_str_equal (code, section_codes[j]))
          *sections |= 1 << j;
    }
}

ReframeReport *
reframe_fhir_read_bundle (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GHashTable) exercises_by_url = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                  NULL);
  g_autoptr(GPtrArray) pending_scores = g_ptr_array_new ();
  g_autoptr(ReframeReport) report = NULL;
  g_autofree char *client_name = NULL;
  ReframeReportSections sections = 0;
  gboolean have_composition = FALSE;
  JsonObject *root;
  JsonArray *entries;
  JsonNode *node;
  GDate from, to;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);
  if (!check_raw (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &json_error))
    {
      g_set_error (error, REFRAME_FHIR_ERROR, REFRAME_FHIR_ERROR_SYNTAX,
                   "The report is not valid JSON: %s", json_error->message);
      return NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      g_strcmp0 (get_string (json_node_get_object (node), "resourceType"), "Bundle") != 0)
    {
      g_set_error (error, REFRAME_FHIR_ERROR, REFRAME_FHIR_ERROR_NOT_A_BUNDLE,
                   "This is not a FHIR Bundle");
      return NULL;
    }
  root = json_node_get_object (node);
  if (g_strcmp0 (get_string (root, "type"), "collection") != 0)
    {
      g_set_error (error, REFRAME_FHIR_ERROR, REFRAME_FHIR_ERROR_NOT_A_BUNDLE,
                   "This FHIR Bundle is not a collection (it is “%s”)",
                   get_string (root, "type") ? get_string (root, "type") : "");
      return NULL;
    }
  entries = get_array (root, "entry");
  if (entries != NULL && json_array_get_length (entries) > REFRAME_FHIR_MAX_ENTRIES)
    {
      g_set_error (error, REFRAME_FHIR_ERROR, REFRAME_FHIR_ERROR_TOO_LARGE,
                   "The report has too many entries");
      return NULL;
    }

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = get_object (array_object (entries, i), "resource");
      const char *type = get_string (resource, "resourceType");

      if (g_strcmp0 (type, "Composition") == 0 && !have_composition)
        {
          read_composition (resource, &from, &to, &sections);
          have_composition = TRUE;
        }
      else if (g_strcmp0 (type, "Patient") == 0 && client_name == NULL)
        client_name = clean (get_string (array_object (get_array (resource, "name"), 0), "text"),
                             FALSE);
    }

  if (!g_date_valid (&from) || !g_date_valid (&to))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      reframe_assignment_date_of (now, &to);
      from = to;
      g_date_subtract_days (&from, 28);
    }
  if (!have_composition)
    sections = REFRAME_REPORT_DEFAULT_SECTIONS | REFRAME_REPORT_JOURNAL | REFRAME_REPORT_SAFETY;

  report = reframe_report_new (&from, &to, sections);
  reframe_report_set_client_name (report, client_name);
  {
    g_autoptr(GDateTime) created = parse_date_time (get_string (root, "timestamp"));

    if (created != NULL)
      reframe_report_set_created (report, created);
  }

  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = array_object (entries, i);
      JsonObject *resource = get_object (entry, "resource");
      const char *type = get_string (resource, "resourceType");
      const char *url = get_string (entry, "fullUrl");

      if (g_strcmp0 (type, "QuestionnaireResponse") == 0)
        read_response (report, resource, url ? url : "", exercises_by_url);
    }
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = get_object (array_object (entries, i), "resource");
      const char *type = get_string (resource, "resourceType");

      if (g_strcmp0 (type, "Observation") == 0)
        read_observation (report, resource, exercises_by_url, pending_scores);
      else if (g_strcmp0 (type, "DocumentReference") == 0)
        read_document (report, resource);
    }

  /* Each score with the exercise it was scored from, which is then a questionnaire. */
  for (guint i = 0; i + 1 < pending_scores->len; i += 2)
    {
      ReframeReportScore *score = g_ptr_array_index (pending_scores, i);
      g_autofree char *derived = g_ptr_array_index (pending_scores, i + 1);
      ReframeReportExercise *exercise = derived ? g_hash_table_lookup (exercises_by_url, derived)
                                                : NULL;

      if (exercise != NULL)
        {
          exercise->questionnaire = TRUE;
          score->response_id = g_strdup (exercise->id);
        }
      reframe_report_add_score (report, score);
    }

  reframe_report_sort (report);
  return g_steal_pointer (&report);
}

ReframeReport *
reframe_fhir_load_file (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *buffer = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > REFRAME_FHIR_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));

      g_set_error (error, REFRAME_FHIR_ERROR, REFRAME_FHIR_ERROR_TOO_LARGE,
                   "The report is too large (%s)", size);
      return NULL;
    }
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  buffer = g_malloc (REFRAME_FHIR_MAX_SIZE + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, REFRAME_FHIR_MAX_SIZE + 1,
                                &length, cancellable, error))
    return NULL;
  if (length > REFRAME_FHIR_MAX_SIZE)
    {
      g_set_error (error, REFRAME_FHIR_ERROR, REFRAME_FHIR_ERROR_TOO_LARGE,
                   "The report is too large");
      return NULL;
    }
  return reframe_fhir_read_bundle (buffer, length, error);
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  ReframeReport *report = reframe_fhir_load_file (task_data, cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

void
reframe_fhir_load_file_async (GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reframe_fhir_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_file_thread);
}

ReframeReport *
reframe_fhir_load_file_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
