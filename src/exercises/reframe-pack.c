/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-pack"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reframe-exercise-library.h"
#include "reframe-pack.h"
#include "reframe-util.h"

struct _ReframePack
{
  GObject    parent_instance;

  char      *id;
  GDateTime *created;
  char      *therapist_name;
  char      *therapist_contact;
  char      *message;
  GPtrArray *exercises;    /* ReframeExercise */
  GPtrArray *assignments;  /* ReframeAssignment */
};

G_DEFINE_FINAL_TYPE (ReframePack, reframe_pack, G_TYPE_OBJECT)

G_DEFINE_QUARK (reframe-pack-error-quark, reframe_pack_error)

/* Checks on the raw bytes, before a JSON parser sees them: json-glib recurses on nesting, so
 * a deep document is refused here, by counting brackets outside strings. */
static gboolean
check_raw (const char  *data,
           gsize        length,
           GError     **error)
{
  const char *end = NULL;
  const char *nul;
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;

  if (length > REFRAME_PACK_MAX_SIZE)
    {
      g_set_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_TOO_LARGE,
                   "The pack is too large (%" G_GSIZE_FORMAT " bytes; at most %d)",
                   length, REFRAME_PACK_MAX_SIZE);
      return FALSE;
    }

  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      g_set_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_BAD_ENCODING,
                   "The pack contains a NUL byte at byte %" G_GSIZE_FORMAT,
                   (gsize) (nul - data));
      return FALSE;
    }

  if (!g_utf8_validate (data, length, &end))
    {
      g_set_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_BAD_ENCODING,
                   "The pack is not valid UTF-8 text (at byte %" G_GSIZE_FORMAT ")",
                   (gsize) (end - data));
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
      else if (c == '{' || c == '[')
        {
          if (++depth > REFRAME_PACK_MAX_DEPTH)
            {
              g_set_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_TOO_DEEP,
                           "The pack is nested too deeply (more than %d levels, at byte %"
                           G_GSIZE_FORMAT ")", REFRAME_PACK_MAX_DEPTH, i);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }

  return TRUE;
}

/* Reading, with the path of each value for the error messages */

G_GNUC_PRINTF (4, 5)
static gboolean
fail (GError           **error,
      ReframePackError   code,
      const char        *path,
      const char        *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, REFRAME_PACK_ERROR, code, "%s: %s", path, message);
  return FALSE;
}

static gboolean
is_valid_id (const char *id)
{
  gsize length = strlen (id);

  if (length == 0 || length > 64 || !g_ascii_isalnum (id[0]))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!(g_ascii_islower (id[i]) || g_ascii_isdigit (id[i]) || id[i] == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
check_members (JsonObject          *object,
               const char          *path,
               const char * const  *allowed,
               GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      /* "_comment" and the like are notes for people. */
      if (name[0] == '_')
        continue;
      if (!g_strv_contains (allowed, name))
        {
          g_autofree char *clean = reframe_exercise_clean_text (name, FALSE);

          return fail (error, REFRAME_PACK_ERROR_INVALID, path, "unknown member “%s”",
                       clean != NULL ? clean : "?");
        }
    }
  return TRUE;
}

static gboolean
is_string_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A string member cleaned of control characters, trimmed and checked for length in
 * characters; *out stays NULL when absent (or blank) and optional. */
static gboolean
get_text (JsonObject  *object,
          const char  *path,
          const char  *member,
          gboolean     required,
          gboolean     multiline,
          guint        max_length,
          char       **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *clean = NULL;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail (error, REFRAME_PACK_ERROR_INVALID, path, "“%s” is missing", member);
      return TRUE;
    }
  if (!is_string_node (node))
    return fail (error, REFRAME_PACK_ERROR_INVALID, path, "“%s” must be a string", member);

  clean = reframe_exercise_clean_text (json_node_get_string (node), multiline);
  if (clean == NULL)
    return fail (error, REFRAME_PACK_ERROR_BAD_ENCODING, path, "“%s” is not valid UTF-8", member);
  g_strstrip (clean);
  if (g_utf8_strlen (clean, -1) > (glong) max_length)
    return fail (error, REFRAME_PACK_ERROR_INVALID, path,
                 "“%s” is too long (%ld characters; at most %u)", member,
                 g_utf8_strlen (clean, -1), max_length);
  if (*clean == '\0')
    {
      if (required)
        return fail (error, REFRAME_PACK_ERROR_INVALID, path, "“%s” is empty", member);
      return TRUE;
    }

  *out = g_steal_pointer (&clean);
  return TRUE;
}

static gboolean
get_id (JsonObject  *object,
        const char  *path,
        const char  *member,
        char       **out,
        GError     **error)
{
  if (!get_text (object, path, member, TRUE, FALSE, 64, out, error))
    return FALSE;
  if (!is_valid_id (*out))
    {
      g_clear_pointer (out, g_free);
      return fail (error, REFRAME_PACK_ERROR_INVALID, path,
                   "“%s” must be lower-case letters, digits and dashes", member);
    }
  return TRUE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *path,
         const char  *member,
         gboolean     required,
         gint64       min,
         gint64       max,
         int          fallback,
         int         *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  *out = fallback;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail (error, REFRAME_PACK_ERROR_INVALID, path, "“%s” is missing", member);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, REFRAME_PACK_ERROR_INVALID, path, "“%s” must be a whole number", member);
  value = json_node_get_int (node);
  if (value < min || value > max)
    return fail (error, REFRAME_PACK_ERROR_INVALID, path,
                 "“%s” is out of range (%" G_GINT64_FORMAT "; allowed %" G_GINT64_FORMAT "–%"
                 G_GINT64_FORMAT ")", member, value, min, max);
  *out = (int) value;
  return TRUE;
}

static gboolean
get_bool (JsonObject  *object,
          const char  *path,
          const char  *member,
          gboolean    *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (error, REFRAME_PACK_ERROR_INVALID, path, "“%s” must be true or false", member);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_date (JsonObject  *object,
          const char  *path,
          const char  *member,
          gboolean     required,
          GDate       *date,
          GError     **error)
{
  g_autofree char *text = NULL;

  g_date_clear (date, 1);
  if (!get_text (object, path, member, required, FALSE, 10, &text, error))
    return FALSE;
  if (text != NULL && !reframe_assignment_parse_date (text, date))
    return fail (error, REFRAME_PACK_ERROR_INVALID, path,
                 "“%s” must be a date written as YYYY-MM-DD", member);
  return TRUE;
}

static ReframePackError
pack_code_for (const GError *exercise_error)
{
  if (exercise_error->domain != REFRAME_EXERCISE_ERROR)
    return REFRAME_PACK_ERROR_INVALID;
  switch ((ReframeExerciseError) exercise_error->code)
    {
    case REFRAME_EXERCISE_ERROR_SYNTAX:
      return REFRAME_PACK_ERROR_SYNTAX;
    case REFRAME_EXERCISE_ERROR_TOO_LARGE:
      return REFRAME_PACK_ERROR_TOO_LARGE;
    case REFRAME_EXERCISE_ERROR_TOO_DEEP:
      return REFRAME_PACK_ERROR_TOO_DEEP;
    case REFRAME_EXERCISE_ERROR_BAD_ENCODING:
      return REFRAME_PACK_ERROR_BAD_ENCODING;
    case REFRAME_EXERCISE_ERROR_UNSUPPORTED:
      return REFRAME_PACK_ERROR_UNSUPPORTED;
    case REFRAME_EXERCISE_ERROR_UNKNOWN_TYPE:
      return REFRAME_PACK_ERROR_UNKNOWN_TYPE;
    case REFRAME_EXERCISE_ERROR_INVALID:
    default:
      return REFRAME_PACK_ERROR_INVALID;
    }
}

static gboolean
parse_exercises (ReframePack  *self,
                 JsonObject   *root,
                 GError      **error)
{
  JsonNode *node = json_object_get_member (root, "exercises");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, REFRAME_PACK_ERROR_INVALID, "pack", "“exercises” must be an array");
  array = json_node_get_array (node);
  if (json_array_get_length (array) > REFRAME_PACK_MAX_EXERCISES)
    return fail (error, REFRAME_PACK_ERROR_INVALID, "pack",
                 "“exercises” has too many entries (%u; at most %d)",
                 json_array_get_length (array), REFRAME_PACK_MAX_EXERCISES);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("exercises[%u]", i);
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(JsonGenerator) generator = NULL;
      g_autoptr(ReframeExercise) exercise = NULL;
      g_autoptr(GError) exercise_error = NULL;
      g_autofree char *text = NULL;
      gsize length;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, REFRAME_PACK_ERROR_INVALID, path, "must be an exercise definition");

      /* The exercise parser has its own limits and checks; it reads the definition as text,
       * exactly as it will be kept with every response. */
      generator = json_generator_new ();
      json_generator_set_root (generator, element);
      text = json_generator_to_data (generator, &length);
      exercise = reframe_exercise_new_from_data (text, length, REFRAME_EXERCISE_PARSE_DEFAULT,
                                                 &exercise_error);
      if (exercise == NULL)
        return fail (error, pack_code_for (exercise_error), path, "%s", exercise_error->message);

      if (reframe_exercise_library_lookup (reframe_exercise_get_id (exercise)) != NULL)
        return fail (error, REFRAME_PACK_ERROR_INVALID, path,
                     "the id “%s” is the id of a built-in exercise",
                     reframe_exercise_get_id (exercise));
      for (guint j = 0; j < self->exercises->len; j++)
        if (g_str_equal (reframe_exercise_get_id (g_ptr_array_index (self->exercises, j)),
                         reframe_exercise_get_id (exercise)))
          return fail (error, REFRAME_PACK_ERROR_INVALID, path,
                       "the exercise id “%s” is used twice", reframe_exercise_get_id (exercise));

      g_ptr_array_add (self->exercises, g_steal_pointer (&exercise));
    }

  return TRUE;
}

static gboolean
check_assignment (ReframePack        *self,
                  ReframeAssignment  *assignment,
                  const char         *path,
                  GError            **error)
{
  const GDate *start = reframe_assignment_get_start (assignment);
  const GDate *end = reframe_assignment_get_end (assignment);

  if (reframe_assignment_get_exercise_id (assignment) == NULL ||
      reframe_pack_lookup_exercise (self, reframe_assignment_get_exercise_id (assignment)) == NULL)
    return fail (error, REFRAME_PACK_ERROR_UNKNOWN_EXERCISE, path,
                 "there is no exercise “%s” in this pack or in Reframe",
                 reframe_assignment_get_exercise_id (assignment)
                   ? reframe_assignment_get_exercise_id (assignment) : "");
  if (end != NULL && g_date_compare (end, start) < 0)
    return fail (error, REFRAME_PACK_ERROR_INVALID, path, "“end” is before “start”");
  if (end != NULL && g_date_days_between (start, end) >= REFRAME_PACK_MAX_DAYS)
    return fail (error, REFRAME_PACK_ERROR_INVALID, path,
                 "from “start” to “end” is more than %d days", REFRAME_PACK_MAX_DAYS);
  for (guint i = 0; i < self->assignments->len; i++)
    {
      ReframeAssignment *other = g_ptr_array_index (self->assignments, i);

      if (other != assignment &&
          g_strcmp0 (reframe_assignment_get_uuid (other), reframe_assignment_get_uuid (assignment)) == 0)
        return fail (error, REFRAME_PACK_ERROR_INVALID, path, "the assignment id is used twice");
    }
  return TRUE;
}

/* Fills in what an assignment takes from its exercise. */
static void
attach_exercise (ReframePack       *self,
                 ReframeAssignment *assignment)
{
  ReframeExercise *exercise = reframe_pack_lookup_exercise (self,
                                                            reframe_assignment_get_exercise_id (assignment));
  gboolean builtin = reframe_exercise_library_lookup (reframe_exercise_get_id (exercise)) == exercise;

  reframe_assignment_set_title (assignment, reframe_exercise_get_title (exercise));
  reframe_assignment_set_definition_json (assignment,
                                          builtin ? NULL : reframe_exercise_get_source_json (exercise));
  reframe_assignment_set_pack_uuid (assignment, self->id);
  reframe_assignment_set_therapist_name (assignment, self->therapist_name);
}

static gboolean
parse_assignments (ReframePack  *self,
                   JsonObject   *root,
                   GError      **error)
{
  static const char * const allowed[] = {
    "id", "exercise", "instructions", "frequency", "times_per_week", "start", "end", "reminder",
    "ai_feedback", "ai_guidance", NULL
  };
  JsonNode *node = json_object_get_member (root, "assignments");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fail (error, REFRAME_PACK_ERROR_INVALID, "pack", "“assignments” is missing");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, REFRAME_PACK_ERROR_INVALID, "pack", "“assignments” must be an array");
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return fail (error, REFRAME_PACK_ERROR_INVALID, "pack", "“assignments” is empty");
  if (json_array_get_length (array) > REFRAME_PACK_MAX_ASSIGNMENTS)
    return fail (error, REFRAME_PACK_ERROR_INVALID, "pack",
                 "“assignments” has too many entries (%u; at most %d)",
                 json_array_get_length (array), REFRAME_PACK_MAX_ASSIGNMENTS);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("assignments[%u]", i);
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(ReframeAssignment) assignment = reframe_assignment_new ();
      g_autofree char *id = NULL;
      g_autofree char *exercise = NULL;
      g_autofree char *instructions = NULL;
      g_autofree char *frequency_name = NULL;
      g_autofree char *reminder = NULL;
      g_autofree char *guidance = NULL;
      ReframeFrequency frequency;
      GDate start, end;
      gboolean ai_feedback;
      int times;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, REFRAME_PACK_ERROR_INVALID, path, "must be an object");
      object = json_node_get_object (element);

      if (!check_members (object, path, allowed, error) ||
          !get_id (object, path, "id", &id, error) ||
          !get_id (object, path, "exercise", &exercise, error) ||
          !get_text (object, path, "instructions", FALSE, TRUE, REFRAME_PACK_MAX_INSTRUCTIONS,
                     &instructions, error) ||
          !get_text (object, path, "frequency", TRUE, FALSE, 16, &frequency_name, error))
        return FALSE;

      if (!reframe_frequency_from_string (frequency_name, &frequency))
        return fail (error, REFRAME_PACK_ERROR_INVALID, path,
                     "“frequency” must be “once”, “daily” or “weekly”");
      if (frequency == REFRAME_FREQUENCY_WEEKLY)
        {
          if (!get_int (object, path, "times_per_week", TRUE, 1, 7, 1, &times, error))
            return FALSE;
        }
      else if (json_object_has_member (object, "times_per_week"))
        return fail (error, REFRAME_PACK_ERROR_INVALID, path,
                     "“times_per_week” is only for “weekly”");
      else
        times = 1;

      if (!get_date (object, path, "start", TRUE, &start, error) ||
          !get_date (object, path, "end", FALSE, &end, error) ||
          !get_text (object, path, "reminder", FALSE, FALSE, 5, &reminder, error) ||
          !get_bool (object, path, "ai_feedback", &ai_feedback, error) ||
          !get_text (object, path, "ai_guidance", FALSE, TRUE, REFRAME_PACK_MAX_GUIDANCE,
                     &guidance, error))
        return FALSE;
      if (reminder != NULL && reframe_assignment_parse_time (reminder) < 0)
        return fail (error, REFRAME_PACK_ERROR_INVALID, path,
                     "“reminder” must be a time written as HH:MM");

      reframe_assignment_set_uuid (assignment, id);
      reframe_assignment_set_exercise_id (assignment, exercise);
      reframe_assignment_set_instructions (assignment, instructions);
      reframe_assignment_set_frequency (assignment, frequency);
      reframe_assignment_set_times_per_week (assignment, times);
      reframe_assignment_set_start (assignment, &start);
      reframe_assignment_set_end (assignment, &end);
      reframe_assignment_set_reminder (assignment, reminder != NULL
                                                     ? reframe_assignment_parse_time (reminder)
                                                     : REFRAME_ASSIGNMENT_NO_REMINDER);
      reframe_assignment_set_ai_feedback (assignment, ai_feedback);
      reframe_assignment_set_ai_guidance (assignment, guidance);

      g_ptr_array_add (self->assignments, g_object_ref (assignment));
      if (!check_assignment (self, assignment, path, error))
        return FALSE;
      attach_exercise (self, assignment);
    }

  return TRUE;
}

static gboolean
parse_pack (ReframePack  *self,
            JsonObject   *root,
            GError      **error)
{
  static const char * const allowed[] = {
    "format", "format_version", "id", "created", "from", "message", "exercises", "assignments",
    NULL
  };
  static const char * const from_allowed[] = { "name", "contact", NULL };
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *from;
  g_autofree char *created = NULL;
  int version;

  /* The format first: a newer one may have members this reader does not know. */
  if (format == NULL || !is_string_node (format) ||
      g_strcmp0 (json_node_get_string (format), REFRAME_PACK_FORMAT_ID) != 0)
    {
      g_set_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_NOT_A_PACK,
                   "This is not a Reframe pack (it has no “format”: “%s”)",
                   REFRAME_PACK_FORMAT_ID);
      return FALSE;
    }
  if (!get_int (root, "pack", "format_version", TRUE, 1, G_MAXINT32, 1, &version, error))
    return FALSE;
  if (version > REFRAME_PACK_FORMAT_VERSION)
    {
      g_set_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_UNSUPPORTED,
                   "The pack uses format version %d; this version of Reframe reads version %d",
                   version, REFRAME_PACK_FORMAT_VERSION);
      return FALSE;
    }

  g_clear_pointer (&self->id, g_free);
  if (!check_members (root, "pack", allowed, error) ||
      !get_id (root, "pack", "id", &self->id, error) ||
      !get_text (root, "pack", "created", FALSE, FALSE, 40, &created, error) ||
      !get_text (root, "pack", "message", FALSE, TRUE, REFRAME_PACK_MAX_MESSAGE, &self->message,
                 error))
    return FALSE;

  g_clear_pointer (&self->created, g_date_time_unref);
  if (created != NULL && (self->created = g_date_time_new_from_iso8601 (created, NULL)) == NULL)
    return fail (error, REFRAME_PACK_ERROR_INVALID, "pack",
                 "“created” must be a date and time in ISO 8601 with an offset");

  from = json_object_get_member (root, "from");
  if (from != NULL && !JSON_NODE_HOLDS_NULL (from))
    {
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (from))
        return fail (error, REFRAME_PACK_ERROR_INVALID, "pack", "“from” must be an object");
      object = json_node_get_object (from);
      if (!check_members (object, "from", from_allowed, error) ||
          !get_text (object, "from", "name", FALSE, FALSE, REFRAME_PACK_MAX_NAME,
                     &self->therapist_name, error) ||
          !get_text (object, "from", "contact", FALSE, FALSE, REFRAME_PACK_MAX_CONTACT,
                     &self->therapist_contact, error))
        return FALSE;
    }

  return parse_exercises (self, root, error) && parse_assignments (self, root, error);
}

/* GObject */

static void
reframe_pack_finalize (GObject *object)
{
  ReframePack *self = (ReframePack *)object;

  g_free (self->id);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_free (self->therapist_name);
  g_free (self->therapist_contact);
  g_free (self->message);
  g_clear_pointer (&self->exercises, g_ptr_array_unref);
  g_clear_pointer (&self->assignments, g_ptr_array_unref);

  G_OBJECT_CLASS (reframe_pack_parent_class)->finalize (object);
}

static void
reframe_pack_class_init (ReframePackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reframe_pack_finalize;
}

static void
reframe_pack_init (ReframePack *self)
{
  self->exercises = g_ptr_array_new_with_free_func (g_object_unref);
  self->assignments = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

ReframePack *
reframe_pack_new (void)
{
  ReframePack *self = g_object_new (REFRAME_TYPE_PACK, NULL);

  self->id = g_uuid_string_random ();
  self->created = g_date_time_new_now_local ();
  return self;
}

ReframePack *
reframe_pack_new_from_data (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(ReframePack) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (!check_raw (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &json_error))
    {
      g_set_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_SYNTAX,
                   "The pack is not valid JSON: %s", json_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_SYNTAX, "The pack is empty");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_NOT_A_PACK,
                   "This is not a Reframe pack (it is not a JSON object)");
      return NULL;
    }

  self = g_object_new (REFRAME_TYPE_PACK, NULL);
  if (!parse_pack (self, json_node_get_object (root), error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_INVALID, "The pack is not valid");
      return NULL;
    }

  return g_steal_pointer (&self);
}

ReframePack *
reframe_pack_load_file (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *buffer = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "This is a folder, not a pack");
      return NULL;
    }
  /* Refused from its size, before anything is read. */
  if (g_file_info_get_size (info) > REFRAME_PACK_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (REFRAME_PACK_MAX_SIZE);

      g_set_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_TOO_LARGE,
                   "The pack is too large (%s; a pack is at most %s)", size, limit);
      return NULL;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  /* The size may have lied (a pipe, a device, a file that grew): read one byte past the
   * limit at most. */
  buffer = g_malloc (REFRAME_PACK_MAX_SIZE + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, REFRAME_PACK_MAX_SIZE + 1,
                                &length, cancellable, error))
    return NULL;
  if (length > REFRAME_PACK_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (REFRAME_PACK_MAX_SIZE);

      g_set_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_TOO_LARGE,
                   "The pack is too large (more than %s)", limit);
      return NULL;
    }

  return reframe_pack_new_from_data (buffer, length, error);
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  ReframePack *pack = reframe_pack_load_file (task_data, cancellable, &error);

  if (pack == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pack, g_object_unref);
}

void
reframe_pack_load_file_async (GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, reframe_pack_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_file_thread);
}

ReframePack *
reframe_pack_load_file_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

char *
reframe_pack_to_data (ReframePack *self,
                      gsize       *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (REFRAME_IS_PACK (self), NULL);

  json_builder_begin_object (builder);
  add_string_member (builder, "format", REFRAME_PACK_FORMAT_ID);
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, REFRAME_PACK_FORMAT_VERSION);
  add_string_member (builder, "id", self->id);
  if (self->created != NULL)
    {
      g_autofree char *created = g_date_time_format_iso8601 (self->created);

      add_string_member (builder, "created", created);
    }
  if (self->therapist_name != NULL || self->therapist_contact != NULL)
    {
      json_builder_set_member_name (builder, "from");
      json_builder_begin_object (builder);
      add_string_member (builder, "name", self->therapist_name);
      add_string_member (builder, "contact", self->therapist_contact);
      json_builder_end_object (builder);
    }
  add_string_member (builder, "message", self->message);

  if (self->exercises->len > 0)
    {
      json_builder_set_member_name (builder, "exercises");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->exercises->len; i++)
        {
          ReframeExercise *exercise = g_ptr_array_index (self->exercises, i);
          JsonNode *node = json_from_string (reframe_exercise_get_source_json (exercise), NULL);

          /* Parsed once already, so it is valid JSON. */
          g_assert (node != NULL);
          json_builder_add_value (builder, node);
        }
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "assignments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->assignments->len; i++)
    {
      ReframeAssignment *assignment = g_ptr_array_index (self->assignments, i);
      ReframeFrequency frequency = reframe_assignment_get_frequency (assignment);
      g_autofree char *start = reframe_assignment_format_date_iso (reframe_assignment_get_start (assignment));
      g_autofree char *end = NULL;
      g_autofree char *reminder = NULL;

      if (reframe_assignment_get_end (assignment) != NULL)
        end = reframe_assignment_format_date_iso (reframe_assignment_get_end (assignment));
      if (reframe_assignment_get_reminder (assignment) != REFRAME_ASSIGNMENT_NO_REMINDER)
        reminder = reframe_assignment_format_time (reframe_assignment_get_reminder (assignment));

      json_builder_begin_object (builder);
      add_string_member (builder, "id", reframe_assignment_get_uuid (assignment));
      add_string_member (builder, "exercise", reframe_assignment_get_exercise_id (assignment));
      add_string_member (builder, "instructions", reframe_assignment_get_instructions (assignment));
      add_string_member (builder, "frequency", reframe_frequency_to_string (frequency));
      if (frequency == REFRAME_FREQUENCY_WEEKLY)
        {
          json_builder_set_member_name (builder, "times_per_week");
          json_builder_add_int_value (builder, reframe_assignment_get_times_per_week (assignment));
        }
      add_string_member (builder, "start", start);
      add_string_member (builder, "end", end);
      add_string_member (builder, "reminder", reminder);
      json_builder_set_member_name (builder, "ai_feedback");
      json_builder_add_boolean_value (builder, reframe_assignment_get_ai_feedback (assignment));
      add_string_member (builder, "ai_guidance", reframe_assignment_get_ai_guidance (assignment));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, length);
}

const char *
reframe_pack_get_id (ReframePack *self)
{
  g_return_val_if_fail (REFRAME_IS_PACK (self), NULL);
  return self->id;
}

GDateTime *
reframe_pack_get_created (ReframePack *self)
{
  g_return_val_if_fail (REFRAME_IS_PACK (self), NULL);
  return self->created;
}

static void
set_clean_text (char       **slot,
                const char  *value,
                guint        max_length)
{
  g_autofree char *clean = value != NULL ? reframe_exercise_clean_text (value, FALSE) : NULL;

  if (clean != NULL)
    {
      g_strstrip (clean);
      if (g_utf8_strlen (clean, -1) > (glong) max_length)
        *g_utf8_offset_to_pointer (clean, max_length) = '\0';
    }
  reframe_set_str (slot, clean != NULL && *clean != '\0' ? clean : NULL);
}

const char *
reframe_pack_get_therapist_name (ReframePack *self)
{
  g_return_val_if_fail (REFRAME_IS_PACK (self), NULL);
  return self->therapist_name;
}

void
reframe_pack_set_therapist_name (ReframePack *self,
                                 const char  *name)
{
  g_return_if_fail (REFRAME_IS_PACK (self));

  set_clean_text (&self->therapist_name, name, REFRAME_PACK_MAX_NAME);
  for (guint i = 0; i < self->assignments->len; i++)
    reframe_assignment_set_therapist_name (g_ptr_array_index (self->assignments, i),
                                           self->therapist_name);
}

const char *
reframe_pack_get_therapist_contact (ReframePack *self)
{
  g_return_val_if_fail (REFRAME_IS_PACK (self), NULL);
  return self->therapist_contact;
}

void
reframe_pack_set_therapist_contact (ReframePack *self,
                                    const char  *contact)
{
  g_return_if_fail (REFRAME_IS_PACK (self));
  set_clean_text (&self->therapist_contact, contact, REFRAME_PACK_MAX_CONTACT);
}

const char *
reframe_pack_get_message (ReframePack *self)
{
  g_return_val_if_fail (REFRAME_IS_PACK (self), NULL);
  return self->message;
}

void
reframe_pack_set_message (ReframePack *self,
                          const char  *message)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (REFRAME_IS_PACK (self));

  clean = message != NULL ? reframe_exercise_clean_text (message, TRUE) : NULL;
  if (clean != NULL)
    {
      g_strstrip (clean);
      if (g_utf8_strlen (clean, -1) > REFRAME_PACK_MAX_MESSAGE)
        *g_utf8_offset_to_pointer (clean, REFRAME_PACK_MAX_MESSAGE) = '\0';
    }
  reframe_set_str (&self->message, clean != NULL && *clean != '\0' ? clean : NULL);
}

const GPtrArray *
reframe_pack_get_exercises (ReframePack *self)
{
  g_return_val_if_fail (REFRAME_IS_PACK (self), NULL);
  return self->exercises;
}

gboolean
reframe_pack_add_exercise (ReframePack      *self,
                           ReframeExercise  *exercise,
                           GError          **error)
{
  const char *id;

  g_return_val_if_fail (REFRAME_IS_PACK (self), FALSE);
  g_return_val_if_fail (REFRAME_IS_EXERCISE (exercise), FALSE);

  id = reframe_exercise_get_id (exercise);
  if (reframe_exercise_library_lookup (id) != NULL)
    return fail (error, REFRAME_PACK_ERROR_INVALID, "exercises",
                 "the id “%s” is the id of a built-in exercise", id);
  if (self->exercises->len >= REFRAME_PACK_MAX_EXERCISES)
    return fail (error, REFRAME_PACK_ERROR_INVALID, "exercises",
                 "a pack holds at most %d exercises", REFRAME_PACK_MAX_EXERCISES);
  for (guint i = 0; i < self->exercises->len; i++)
    if (g_str_equal (reframe_exercise_get_id (g_ptr_array_index (self->exercises, i)), id))
      return fail (error, REFRAME_PACK_ERROR_INVALID, "exercises",
                   "the exercise id “%s” is used twice", id);

  g_ptr_array_add (self->exercises, g_object_ref (exercise));
  return TRUE;
}

void
reframe_pack_remove_exercise (ReframePack *self,
                              const char  *exercise_id)
{
  g_return_if_fail (REFRAME_IS_PACK (self));
  g_return_if_fail (exercise_id != NULL);

  for (guint i = 0; i < self->exercises->len; i++)
    if (g_str_equal (reframe_exercise_get_id (g_ptr_array_index (self->exercises, i)), exercise_id))
      {
        g_ptr_array_remove_index (self->exercises, i);
        return;
      }
}

ReframeExercise *
reframe_pack_lookup_exercise (ReframePack *self,
                              const char  *exercise_id)
{
  g_return_val_if_fail (REFRAME_IS_PACK (self), NULL);
  g_return_val_if_fail (exercise_id != NULL, NULL);

  for (guint i = 0; i < self->exercises->len; i++)
    if (g_str_equal (reframe_exercise_get_id (g_ptr_array_index (self->exercises, i)), exercise_id))
      return g_ptr_array_index (self->exercises, i);
  return reframe_exercise_library_lookup (exercise_id);
}

const GPtrArray *
reframe_pack_get_assignments (ReframePack *self)
{
  g_return_val_if_fail (REFRAME_IS_PACK (self), NULL);
  return self->assignments;
}

gboolean
reframe_pack_add_assignment (ReframePack        *self,
                             ReframeAssignment  *assignment,
                             GError            **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (REFRAME_IS_PACK (self), FALSE);
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT (assignment), FALSE);

  path = g_strdup_printf ("assignments[%u]", self->assignments->len);
  if (self->assignments->len >= REFRAME_PACK_MAX_ASSIGNMENTS)
    return fail (error, REFRAME_PACK_ERROR_INVALID, path, "a pack holds at most %d assignments",
                 REFRAME_PACK_MAX_ASSIGNMENTS);
  if (reframe_assignment_get_uuid (assignment) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      reframe_assignment_set_uuid (assignment, uuid);
    }
  if (!check_assignment (self, assignment, path, error))
    return FALSE;

  attach_exercise (self, assignment);
  g_ptr_array_add (self->assignments, g_object_ref (assignment));
  return TRUE;
}

void
reframe_pack_remove_assignment (ReframePack       *self,
                                ReframeAssignment *assignment)
{
  g_return_if_fail (REFRAME_IS_PACK (self));

  g_ptr_array_remove (self->assignments, assignment);
}

/* The custom exercise builder */

static const ReframeFieldType builder_types[] = {
  REFRAME_FIELD_SHORT_TEXT, REFRAME_FIELD_LONG_TEXT, REFRAME_FIELD_SCALE, REFRAME_FIELD_SLIDER,
  REFRAME_FIELD_EMOTIONS, REFRAME_FIELD_THINKING_TRAPS, REFRAME_FIELD_DATE_TIME,
};

gboolean
reframe_pack_builder_supports (ReframeFieldType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (builder_types); i++)
    if (builder_types[i] == type)
      return TRUE;
  return FALSE;
}

static char *
make_id (const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title, "C");
  g_autofree char *suffix = g_uuid_string_random ();
  GString *id = g_string_new ("custom-");

  for (const char *p = ascii; *p != '\0' && id->len < 48; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_tolower (*p));
      else if (id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  if (id->str[id->len - 1] != '-')
    g_string_append_c (id, '-');
  /* Two exercises with the same title stay apart. */
  g_string_append_len (id, suffix, 8);
  return g_string_free (id, FALSE);
}

ReframeExercise *
reframe_pack_build_exercise (const char               *id,
                             const char               *title,
                             const char               *intro,
                             const char               *author,
                             const ReframeCustomStep  *steps,
                             guint                     n_steps,
                             GError                  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *made_id = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *citation = NULL;
  g_autofree char *data = NULL;
  const char *paragraph_end;
  gsize length;

  g_return_val_if_fail (steps != NULL || n_steps == 0, NULL);

  if (title == NULL || *title == '\0')
    {
      g_set_error_literal (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_INVALID,
                           _("The exercise needs a title."));
      return NULL;
    }
  if (n_steps == 0)
    {
      g_set_error_literal (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_INVALID,
                           _("The exercise needs at least one step."));
      return NULL;
    }
  if (id == NULL)
    id = made_id = make_id (title);
  if (intro == NULL || *intro == '\0')
    intro = _("An exercise written for you by your therapist.");

  /* The summary is the first paragraph, shortened to fit. */
  paragraph_end = strstr (intro, "\n\n");
  summary = paragraph_end ? g_strndup (intro, paragraph_end - intro) : g_strdup (intro);
  g_strdelimit (summary, "\n\t", ' ');
  if (g_utf8_strlen (summary, -1) > 240)
    {
      g_autofree char *cut = g_utf8_substring (summary, 0, 239);

      g_free (summary);
      summary = g_strconcat (cut, "…", NULL);
    }
  if (author != NULL && *author != '\0')
    /* Translators: the source of an exercise a therapist wrote, e.g. “Written by Dr Rivera” */
    citation = g_strdup_printf (_("Written by %s"), author);
  else
    citation = g_strdup (_("Written by your therapist"));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, REFRAME_EXERCISE_FORMAT);
  add_string_member (builder, "id", id);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  add_string_member (builder, "title", title);
  add_string_member (builder, "summary", summary);
  add_string_member (builder, "icon", "document-edit-symbolic");
  add_string_member (builder, "intro", intro);
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string_member (builder, "citation", citation);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_steps; i++)
    {
      g_autofree char *step_id = g_strdup_printf ("step-%u", i + 1);
      g_autofree char *field_id = g_strdup_printf ("answer-%u", i + 1);

      if (!reframe_pack_builder_supports (steps[i].type))
        {
          g_set_error (error, REFRAME_PACK_ERROR, REFRAME_PACK_ERROR_UNKNOWN_TYPE,
                       "steps[%u]: the builder does not offer “%s” fields", i,
                       reframe_field_type_to_string (steps[i].type));
          return NULL;
        }

      json_builder_begin_object (builder);
      add_string_member (builder, "id", step_id);
      add_string_member (builder, "title", steps[i].title);
      add_string_member (builder, "text", steps[i].text != NULL && *steps[i].text != '\0'
                                             ? steps[i].text : NULL);
      json_builder_set_member_name (builder, "fields");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      add_string_member (builder, "id", field_id);
      add_string_member (builder, "type", reframe_field_type_to_string (steps[i].type));
      add_string_member (builder, "label", steps[i].label != NULL && *steps[i].label != '\0'
                                              ? steps[i].label : steps[i].title);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  return reframe_exercise_new_from_data (data, length, REFRAME_EXERCISE_PARSE_DEFAULT, error);
}
