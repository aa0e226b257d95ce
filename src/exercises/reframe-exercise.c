/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-exercise"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "reframe-date.h"
#include "reframe-emotions.h"
#include "reframe-exercise.h"
#include "reframe-thinking-traps.h"

struct _ReframeExercise
{
  GObject                   parent_instance;

  char                     *id;
  guint                     version;
  ReframeExerciseKind       kind;
  char                     *title;
  char                     *summary;
  char                     *icon_name;
  guint                     minutes;
  char                     *intro;
  GPtrArray                *sources;  /* ReframeExerciseSource */
  GPtrArray                *steps;    /* ReframeExerciseStep */
  JsonObject               *example;
  ReframeQuestionnaireInfo *questionnaire;
  char                     *source_json;
};

G_DEFINE_FINAL_TYPE (ReframeExercise, reframe_exercise, G_TYPE_OBJECT)

G_DEFINE_QUARK (reframe-exercise-error-quark, reframe_exercise_error)

static const char * const field_type_names[] = {
  "short-text", "long-text", "scale", "slider", "choice", "multi-choice", "emotions",
  "thinking-traps", "list", "date-time", "breathing",
};
G_STATIC_ASSERT (G_N_ELEMENTS (field_type_names) == REFRAME_FIELD_N_TYPES);

/* Freeing */

static void
option_free (ReframeFieldOption *option)
{
  g_free (option->id);
  g_free (option->label);
  g_free (option->code);
  g_free (option);
}

static void
field_free (ReframeField *field)
{
  g_free (field->id);
  g_free (field->label);
  g_free (field->help);
  g_free (field->placeholder);
  g_free (field->low_label);
  g_free (field->high_label);
  g_free (field->unit);
  g_clear_pointer (&field->options, g_ptr_array_unref);
  g_free (field->options_from);
  g_clear_pointer (&field->item_fields, g_ptr_array_unref);
  g_free (field->source);
  g_free (field->item_label);
  g_free (field->add_label);
  g_free (field->sort_by);
  g_free (field->code);
  g_free (field);
}

static void
step_free (ReframeExerciseStep *step)
{
  g_free (step->id);
  g_free (step->title);
  g_free (step->text);
  g_free (step->hint);
  g_clear_pointer (&step->fields, g_ptr_array_unref);
  g_free (step);
}

static void
source_free (ReframeExerciseSource *source)
{
  g_free (source->citation);
  g_free (source->url);
  g_free (source);
}

static void
band_free (ReframeQuestionnaireBand *band)
{
  g_free (band->id);
  g_free (band->label);
  g_free (band->description);
  g_free (band);
}

static void
questionnaire_free (ReframeQuestionnaireInfo *info)
{
  g_free (info->short_name);
  g_free (info->stem);
  g_free (info->copyright);
  g_free (info->code);
  g_free (info->total_code);
  g_clear_pointer (&info->bands, g_ptr_array_unref);
  g_free (info);
}

/* Text */

static gboolean
is_unwanted_char (gunichar c,
                  gboolean multiline)
{
  if (c == '\n' || c == '\t')
    return !multiline;
  /* C0 and C1 controls, DEL, and the bidirectional overrides and isolates that can make text
   * read differently from what it is; the byte-order mark and the interlinear annotations. */
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0xfeff || (c >= 0xfff9 && c <= 0xfffb);
}

char *
reframe_exercise_clean_text (const char *text,
                             gboolean    multiline)
{
  GString *clean;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  clean = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        continue;
      if (!multiline && (c == '\n' || c == '\t'))
        g_string_append_c (clean, ' ');
      else if (c == '\t')
        g_string_append_c (clean, ' ');
      else if (!is_unwanted_char (c, multiline))
        g_string_append_unichar (clean, c);
    }

  return g_string_free (clean, FALSE);
}

/* Checks on the raw text, before a JSON parser sees it: json-glib recurses on nesting, so a
 * deep document is refused here, by counting brackets outside strings. */
static gboolean
check_raw (const char  *data,
           gsize        length,
           GError     **error)
{
  const char *end = NULL;
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;

  if (length > REFRAME_EXERCISE_MAX_SIZE)
    {
      g_set_error (error, REFRAME_EXERCISE_ERROR, REFRAME_EXERCISE_ERROR_TOO_LARGE,
                   "The definition is too large (%" G_GSIZE_FORMAT " bytes; at most %d)",
                   length, REFRAME_EXERCISE_MAX_SIZE);
      return FALSE;
    }

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, REFRAME_EXERCISE_ERROR, REFRAME_EXERCISE_ERROR_BAD_ENCODING,
                   "The definition contains a NUL byte at byte %" G_GSIZE_FORMAT,
                   (gsize) ((const char *) memchr (data, '\0', length) - data));
      return FALSE;
    }

  if (!g_utf8_validate (data, length, &end))
    {
      g_set_error (error, REFRAME_EXERCISE_ERROR, REFRAME_EXERCISE_ERROR_BAD_ENCODING,
                   "The definition is not valid UTF-8 (at byte %" G_GSIZE_FORMAT ")",
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
          if (++depth > REFRAME_EXERCISE_MAX_DEPTH)
            {
              g_set_error (error, REFRAME_EXERCISE_ERROR, REFRAME_EXERCISE_ERROR_TOO_DEEP,
                           "The definition is nested too deeply (more than %d levels, at "
                           "byte %" G_GSIZE_FORMAT ")", REFRAME_EXERCISE_MAX_DEPTH, i);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }

  return TRUE;
}

/* Reading, with the path of each value for the error messages */

typedef struct
{
  ReframeExerciseParseFlags flags;
  GError                  **error;
} Reader;

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Reader     *reader,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (reader->error, REFRAME_EXERCISE_ERROR, REFRAME_EXERCISE_ERROR_INVALID,
               "%s: %s", path, message);
  return FALSE;
}

static char *
member_path (const char *path,
             const char *member)
{
  return *path != '\0' ? g_strdup_printf ("%s.%s", path, member) : g_strdup (member);
}

static gboolean
is_valid_id (const char *id,
             guint       max_length)
{
  gsize length = strlen (id);

  if (length == 0 || length > max_length || !g_ascii_isalnum (id[0]))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!(g_ascii_islower (id[i]) || g_ascii_isdigit (id[i]) || id[i] == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
is_valid_code (const char *code)
{
  gsize length = strlen (code);

  if (length == 0 || length > 32)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!(g_ascii_isalnum (code[i]) || code[i] == '-' || code[i] == '.'))
      return FALSE;
  return TRUE;
}

static gboolean
check_members (Reader             *reader,
               JsonObject         *object,
               const char         *path,
               const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      /* "_comment" and the like are notes for people. */
      if (name[0] == '_')
        continue;
      if (!g_strv_contains (allowed, name))
        return fail (reader, path, "unknown member “%s”", name);
    }

  return TRUE;
}

static JsonObject *
get_object (Reader     *reader,
            JsonObject *object,
            const char *path,
            const char *member,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        fail (reader, path, "“%s” is missing", member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (reader, path, "“%s” must be an object", member);
      return NULL;
    }
  return json_node_get_object (node);
}

/* NULL with an error set when wrong; NULL without one when absent and optional. */
static JsonArray *
get_array (Reader     *reader,
           JsonObject *object,
           const char *path,
           const char *member,
           guint       min_length,
           guint       max_length)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (min_length > 0)
        fail (reader, path, "“%s” is missing", member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (reader, path, "“%s” must be an array", member);
      return NULL;
    }
  array = json_node_get_array (node);
  if (json_array_get_length (array) < min_length)
    {
      fail (reader, path, "“%s” needs at least %u entries", member, min_length);
      return NULL;
    }
  if (json_array_get_length (array) > max_length)
    {
      fail (reader, path, "“%s” has too many entries (%u; at most %u)", member,
            json_array_get_length (array), max_length);
      return NULL;
    }
  return array;
}

static JsonObject *
get_element_object (Reader     *reader,
                    JsonArray  *array,
                    guint       index,
                    const char *path)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (reader, path, "must be an object");
      return NULL;
    }
  return json_node_get_object (node);
}

typedef enum
{
  TEXT_PLAIN     = 0,
  TEXT_REQUIRED  = 1 << 0,
  TEXT_MULTILINE = 1 << 1,
  TEXT_TRANSLATE = 1 << 2,
} TextFlags;

/* A string member, cleaned of control characters and checked for length (in characters).
 * *out stays NULL when it is absent and optional. */
static gboolean
get_text (Reader      *reader,
          JsonObject  *object,
          const char  *path,
          const char  *member,
          TextFlags    flags,
          guint        max_length,
          char       **out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *clean = NULL;
  g_autofree char *stripped = NULL;

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (flags & TEXT_REQUIRED)
        return fail (reader, path, "“%s” is missing", member);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (reader, path, "“%s” must be a string", member);

  clean = reframe_exercise_clean_text (json_node_get_string (node), flags & TEXT_MULTILINE);
  if (clean == NULL)
    return fail (reader, path, "“%s” is not valid UTF-8", member);
  if (g_utf8_strlen (clean, -1) > (glong) max_length)
    return fail (reader, path, "“%s” is too long (%ld characters; at most %u)", member,
                 g_utf8_strlen (clean, -1), max_length);

  stripped = g_strstrip (g_strdup (clean));
  if (*stripped == '\0')
    {
      if (flags & TEXT_REQUIRED)
        return fail (reader, path, "“%s” is empty", member);
      return TRUE;
    }

  if ((flags & TEXT_TRANSLATE) && (reader->flags & REFRAME_EXERCISE_PARSE_TRANSLATE))
    *out = g_strdup (g_dgettext (GETTEXT_PACKAGE, stripped));
  else
    *out = g_steal_pointer (&stripped);
  return TRUE;
}

static gboolean
get_id (Reader      *reader,
        JsonObject  *object,
        const char  *path,
        const char  *member,
        char       **out)
{
  if (!get_text (reader, object, path, member, TEXT_REQUIRED, 64, out))
    return FALSE;
  if (!is_valid_id (*out, 64))
    {
      fail (reader, path, "“%s” must be lower-case letters, digits and dashes (“%s”)",
            member, *out);
      g_clear_pointer (out, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_code (Reader      *reader,
          JsonObject  *object,
          const char  *path,
          const char  *member,
          char       **out)
{
  if (!get_text (reader, object, path, member, TEXT_PLAIN, 32, out))
    return FALSE;
  if (*out != NULL && !is_valid_code (*out))
    {
      g_clear_pointer (out, g_free);
      return fail (reader, path, "“%s” must be letters, digits, dots and dashes", member);
    }
  return TRUE;
}

/* Numbers are never trusted: whole numbers only, in range. */
static gboolean
get_int (Reader     *reader,
         JsonObject *object,
         const char *path,
         const char *member,
         gboolean    required,
         gint64      min,
         gint64      max,
         int         fallback,
         int        *out)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  *out = fallback;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail (reader, path, "“%s” is missing", member);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (reader, path, "“%s” must be a whole number", member);

  value = json_node_get_int (node);
  if (value < min || value > max)
    return fail (reader, path, "“%s” is out of range (%" G_GINT64_FORMAT "; allowed %"
                 G_GINT64_FORMAT "–%" G_GINT64_FORMAT ")", member, value, min, max);
  *out = (int) value;
  return TRUE;
}

static gboolean
get_uint (Reader     *reader,
          JsonObject *object,
          const char *path,
          const char *member,
          guint       min,
          guint       max,
          guint       fallback,
          guint      *out)
{
  int value;

  if (!get_int (reader, object, path, member, FALSE, min, max, (int) fallback, &value))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static gboolean
get_bool (Reader     *reader,
          JsonObject *object,
          const char *path,
          const char *member,
          gboolean    fallback,
          gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = fallback;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (reader, path, "“%s” must be true or false", member);
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Options */

static GPtrArray *
parse_options (Reader     *reader,
               JsonObject *object,
               const char *path,
               guint       min_length)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
  static const char * const allowed[] = { "id", "label", "value", "code", NULL };
  JsonArray *array;

  array = get_array (reader, object, path, "options", min_length, REFRAME_EXERCISE_MAX_OPTIONS);
  if (array == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *option_path = g_strdup_printf ("%s.options[%u]", path, i);
      JsonObject *element = get_element_object (reader, array, i, option_path);
      ReframeFieldOption *option;

      if (element == NULL || !check_members (reader, element, option_path, allowed))
        return NULL;

      option = g_new0 (ReframeFieldOption, 1);
      g_ptr_array_add (options, option);
      if (!get_id (reader, element, option_path, "id", &option->id) ||
          !get_text (reader, element, option_path, "label", TEXT_REQUIRED | TEXT_TRANSLATE, 200,
                     &option->label) ||
          !get_int (reader, element, option_path, "value", FALSE, 0, 100, -1, &option->value) ||
          !get_code (reader, element, option_path, "code", &option->code))
        return NULL;

      for (guint j = 0; j + 1 < options->len; j++)
        if (g_str_equal (((ReframeFieldOption *) g_ptr_array_index (options, j))->id, option->id))
          {
            fail (reader, option_path, "the option id “%s” is used twice", option->id);
            return NULL;
          }
    }

  return g_steal_pointer (&options);
}

/* Fields */

static ReframeField *parse_field (Reader     *reader,
                                  JsonObject *object,
                                  const char *path,
                                  gboolean    in_list);

static gboolean
lookup_type (const char       *name,
             ReframeFieldType *type)
{
  for (guint i = 0; i < REFRAME_FIELD_N_TYPES; i++)
    if (g_str_equal (name, field_type_names[i]))
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

static GPtrArray *
parse_item_fields (Reader     *reader,
                   JsonObject *object,
                   const char *path)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  JsonArray *array = get_array (reader, object, path, "item_fields", 1, 8);

  if (array == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.item_fields[%u]", path, i);
      JsonObject *element = get_element_object (reader, array, i, item_path);
      ReframeField *field;

      if (element == NULL || (field = parse_field (reader, element, item_path, TRUE)) == NULL)
        return NULL;
      g_ptr_array_add (fields, field);

      for (guint j = 0; j + 1 < fields->len; j++)
        if (g_str_equal (((ReframeField *) g_ptr_array_index (fields, j))->id, field->id))
          {
            fail (reader, item_path, "the field id “%s” is used twice in this list", field->id);
            return NULL;
          }
    }

  return g_steal_pointer (&fields);
}

static ReframeField *
parse_field (Reader     *reader,
             JsonObject *object,
             const char *path,
             gboolean    in_list)
{
  static const char * const common[] = { "id", "type", "label", "help", "required", NULL };
  static const char * const text_members[] = { "placeholder", "max_length", NULL };
  static const char * const scale_members[] = { "low_label", "high_label", "default", NULL };
  static const char * const slider_members[] = {
    "low_label", "high_label", "default", "min", "max", "step", "unit", NULL
  };
  static const char * const choice_members[] = { "options", "options_from", NULL };
  static const char * const multi_members[] = { "options", "max_selected", NULL };
  static const char * const list_members[] = {
    "item_fields", "item_label", "add_label", "min_items", "max_items", "initial_items",
    "sort_by", "source", NULL
  };
  static const char * const date_members[] = { "mode", NULL };
  static const char * const breathing_members[] = {
    "inhale", "hold", "exhale", "hold_after", "minutes", NULL
  };
  static const char * const none[] = { NULL };
  g_autoptr(GStrvBuilder) allowed_builder = g_strv_builder_new ();
  g_auto(GStrv) allowed = NULL;
  const char * const *specific = none;
  g_autofree char *type_name = NULL;
  g_autofree char *mode = NULL;
  ReframeField *field;

  field = g_new0 (ReframeField, 1);
  field->default_value = -1;

  if (!get_id (reader, object, path, "id", &field->id))
    goto error;
  if (!get_text (reader, object, path, "type", TEXT_REQUIRED, 32, &type_name))
    goto error;
  if (!lookup_type (type_name, &field->type))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) field_type_names);

      g_set_error (reader->error, REFRAME_EXERCISE_ERROR, REFRAME_EXERCISE_ERROR_UNKNOWN_TYPE,
                   "%s: unknown field type “%s” (known types: %s)", path, type_name, known);
      goto error;
    }
  if (in_list && (field->type == REFRAME_FIELD_LIST || field->type == REFRAME_FIELD_BREATHING))
    {
      fail (reader, path, "a list row cannot hold a “%s” field", type_name);
      goto error;
    }

  switch (field->type)
    {
    case REFRAME_FIELD_SHORT_TEXT:
    case REFRAME_FIELD_LONG_TEXT:
      specific = text_members;
      break;
    case REFRAME_FIELD_SCALE:
      specific = scale_members;
      break;
    case REFRAME_FIELD_SLIDER:
      specific = slider_members;
      break;
    case REFRAME_FIELD_CHOICE:
      specific = choice_members;
      break;
    case REFRAME_FIELD_MULTI_CHOICE:
      specific = multi_members;
      break;
    case REFRAME_FIELD_LIST:
      specific = list_members;
      break;
    case REFRAME_FIELD_DATE_TIME:
      specific = date_members;
      break;
    case REFRAME_FIELD_BREATHING:
      specific = breathing_members;
      break;
    case REFRAME_FIELD_EMOTIONS:
    case REFRAME_FIELD_THINKING_TRAPS:
    case REFRAME_FIELD_N_TYPES:
    default:
      break;
    }
  g_strv_builder_addv (allowed_builder, (const char **) common);
  g_strv_builder_addv (allowed_builder, (const char **) specific);
  allowed = g_strv_builder_end (allowed_builder);
  if (!check_members (reader, object, path, (const char * const *) allowed))
    goto error;

  if (!get_text (reader, object, path, "label", TEXT_REQUIRED | TEXT_TRANSLATE, 200,
                 &field->label) ||
      !get_text (reader, object, path, "help", TEXT_TRANSLATE, 500, &field->help) ||
      !get_bool (reader, object, path, "required", FALSE, &field->required))
    goto error;

  switch (field->type)
    {
    case REFRAME_FIELD_SHORT_TEXT:
    case REFRAME_FIELD_LONG_TEXT:
      {
        gboolean is_long = field->type == REFRAME_FIELD_LONG_TEXT;
        guint limit = is_long ? REFRAME_EXERCISE_MAX_LONG_TEXT : REFRAME_EXERCISE_MAX_SHORT_TEXT;

        if (!get_text (reader, object, path, "placeholder", TEXT_TRANSLATE, 200,
                       &field->placeholder) ||
            !get_uint (reader, object, path, "max_length", 1, limit, is_long ? 5000 : 200,
                       &field->max_length))
          goto error;
      }
      break;

    case REFRAME_FIELD_SCALE:
      field->min = 0;
      field->max = 10;
      field->step = 1;
      if (!get_text (reader, object, path, "low_label", TEXT_TRANSLATE, 60, &field->low_label) ||
          !get_text (reader, object, path, "high_label", TEXT_TRANSLATE, 60, &field->high_label) ||
          !get_int (reader, object, path, "default", FALSE, 0, 10, -1, &field->default_value))
        goto error;
      break;

    case REFRAME_FIELD_SLIDER:
      if (!get_text (reader, object, path, "low_label", TEXT_TRANSLATE, 60, &field->low_label) ||
          !get_text (reader, object, path, "high_label", TEXT_TRANSLATE, 60, &field->high_label) ||
          !get_int (reader, object, path, "min", FALSE, 0, 99, 0, &field->min) ||
          !get_int (reader, object, path, "max", FALSE, 1, 100, 100, &field->max) ||
          !get_int (reader, object, path, "step", FALSE, 1, 50, 5, &field->step) ||
          !get_text (reader, object, path, "unit", TEXT_PLAIN, 8, &field->unit))
        goto error;
      if (field->max <= field->min)
        {
          fail (reader, path, "“max” must be above “min”");
          goto error;
        }
      if (!get_int (reader, object, path, "default", FALSE, field->min, field->max,
                    (field->min + field->max) / 2, &field->default_value))
        goto error;
      break;

    case REFRAME_FIELD_CHOICE:
      if (json_object_has_member (object, "options_from"))
        {
          if (json_object_has_member (object, "options"))
            {
              fail (reader, path, "give “options” or “options_from”, not both");
              goto error;
            }
          if (!get_id (reader, object, path, "options_from", &field->options_from))
            goto error;
        }
      else if ((field->options = parse_options (reader, object, path, 2)) == NULL)
        goto error;
      break;

    case REFRAME_FIELD_MULTI_CHOICE:
      if ((field->options = parse_options (reader, object, path, 2)) == NULL ||
          !get_uint (reader, object, path, "max_selected", 0, field->options->len, 0,
                     &field->max_selected))
        goto error;
      break;

    case REFRAME_FIELD_LIST:
      if ((field->item_fields = parse_item_fields (reader, object, path)) == NULL ||
          !get_text (reader, object, path, "item_label", TEXT_TRANSLATE, 40, &field->item_label) ||
          !get_text (reader, object, path, "add_label", TEXT_TRANSLATE, 60, &field->add_label) ||
          !get_uint (reader, object, path, "max_items", 1, REFRAME_EXERCISE_MAX_LIST_ITEMS, 20,
                     &field->max_items) ||
          !get_uint (reader, object, path, "min_items", 0, field->max_items, 0,
                     &field->min_items) ||
          !get_uint (reader, object, path, "initial_items", 0, field->max_items,
                     MAX (field->min_items, 1), &field->initial_items))
        goto error;
      if (json_object_has_member (object, "source") &&
          !get_id (reader, object, path, "source", &field->source))
        goto error;
      if (json_object_has_member (object, "sort_by"))
        {
          const ReframeField *sort = NULL;

          if (!get_id (reader, object, path, "sort_by", &field->sort_by))
            goto error;
          for (guint i = 0; i < field->item_fields->len; i++)
            if (g_str_equal (((ReframeField *) g_ptr_array_index (field->item_fields, i))->id,
                             field->sort_by))
              sort = g_ptr_array_index (field->item_fields, i);
          if (sort == NULL ||
              (sort->type != REFRAME_FIELD_SCALE && sort->type != REFRAME_FIELD_SLIDER))
            {
              fail (reader, path, "“sort_by” must name a scale or slider of this list");
              goto error;
            }
        }
      break;

    case REFRAME_FIELD_DATE_TIME:
      if (!get_text (reader, object, path, "mode", TEXT_PLAIN, 16, &mode))
        goto error;
      if (mode == NULL || g_str_equal (mode, "date-time"))
        field->mode = REFRAME_DATE_TIME_MODE_DATE_TIME;
      else if (g_str_equal (mode, "date"))
        field->mode = REFRAME_DATE_TIME_MODE_DATE;
      else if (g_str_equal (mode, "time"))
        field->mode = REFRAME_DATE_TIME_MODE_TIME;
      else
        {
          fail (reader, path, "“mode” must be “date-time”, “date” or “time”");
          goto error;
        }
      break;

    case REFRAME_FIELD_BREATHING:
      if (!get_uint (reader, object, path, "inhale", 2, 10, 4, &field->inhale) ||
          !get_uint (reader, object, path, "hold", 0, 10, 0, &field->hold) ||
          !get_uint (reader, object, path, "exhale", 2, 12, 6, &field->exhale) ||
          !get_uint (reader, object, path, "hold_after", 0, 10, 0, &field->hold_after) ||
          !get_uint (reader, object, path, "minutes", 1, 20, 3, &field->minutes))
        goto error;
      break;

    case REFRAME_FIELD_EMOTIONS:
    case REFRAME_FIELD_THINKING_TRAPS:
    case REFRAME_FIELD_N_TYPES:
    default:
      break;
    }

  return field;

error:
  field_free (field);
  return NULL;
}

/* Steps */

static ReframeExerciseStep *
parse_step (Reader     *reader,
            JsonObject *object,
            const char *path)
{
  static const char * const allowed[] = { "id", "title", "text", "hint", "fields", NULL };
  ReframeExerciseStep *step = g_new0 (ReframeExerciseStep, 1);
  JsonArray *fields;

  step->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);

  if (!check_members (reader, object, path, allowed) ||
      !get_id (reader, object, path, "id", &step->id) ||
      !get_text (reader, object, path, "title", TEXT_REQUIRED | TEXT_TRANSLATE, 120,
                 &step->title) ||
      !get_text (reader, object, path, "text", TEXT_MULTILINE | TEXT_TRANSLATE, 2000,
                 &step->text) ||
      !get_text (reader, object, path, "hint", TEXT_MULTILINE | TEXT_TRANSLATE, 1000,
                 &step->hint))
    goto error;

  fields = get_array (reader, object, path, "fields", 0, REFRAME_EXERCISE_MAX_FIELDS);
  if (fields == NULL && json_object_has_member (object, "fields"))
    goto error;

  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      g_autofree char *field_path = g_strdup_printf ("%s.fields[%u]", path, i);
      JsonObject *element = get_element_object (reader, fields, i, field_path);
      ReframeField *field;

      if (element == NULL || (field = parse_field (reader, element, field_path, FALSE)) == NULL)
        goto error;
      g_ptr_array_add (step->fields, field);
    }

  return step;

error:
  step_free (step);
  return NULL;
}

/* Questionnaires: each item becomes a step with one scored choice. */

static gboolean
parse_questionnaire (Reader          *reader,
                     ReframeExercise *self,
                     JsonObject      *object,
                     const char      *path)
{
  static const char * const allowed[] = {
    "short_name", "stem", "copyright", "code", "total_code", "options", "items", "bands", NULL
  };
  static const char * const item_allowed[] = {
    "id", "text", "code", "crisis", "scored", "required", "options", "stem", NULL
  };
  static const char * const band_allowed[] = { "id", "label", "description", "min", "max", NULL };
  ReframeQuestionnaireInfo *info = g_new0 (ReframeQuestionnaireInfo, 1);
  g_autoptr(GPtrArray) options = NULL;
  JsonArray *items;
  JsonArray *bands;
  int expected_min = 0;

  info->bands = g_ptr_array_new_with_free_func ((GDestroyNotify) band_free);
  self->questionnaire = info;

  if (!check_members (reader, object, path, allowed) ||
      !get_text (reader, object, path, "short_name", TEXT_REQUIRED, 20, &info->short_name) ||
      !get_text (reader, object, path, "stem", TEXT_REQUIRED | TEXT_TRANSLATE, 400, &info->stem) ||
      !get_text (reader, object, path, "copyright", TEXT_MULTILINE, 600, &info->copyright) ||
      !get_code (reader, object, path, "code", &info->code) ||
      !get_code (reader, object, path, "total_code", &info->total_code) ||
      (options = parse_options (reader, object, path, 2)) == NULL)
    return FALSE;

  for (guint i = 0; i < options->len; i++)
    if (((ReframeFieldOption *) g_ptr_array_index (options, i))->value < 0)
      return fail (reader, path, "every answer option of a questionnaire needs a “value”");

  items = get_array (reader, object, path, "items", 1, REFRAME_EXERCISE_MAX_STEPS);
  if (items == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.items[%u]", path, i);
      JsonObject *element = get_element_object (reader, items, i, item_path);
      g_autoptr(GPtrArray) own_options = NULL;
      GPtrArray *item_options;
      ReframeExerciseStep *step;
      ReframeField *field;
      int item_max = 0;

      if (element == NULL || !check_members (reader, element, item_path, item_allowed))
        return FALSE;

      step = g_new0 (ReframeExerciseStep, 1);
      step->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
      g_ptr_array_add (self->steps, step);
      field = g_new0 (ReframeField, 1);
      field->type = REFRAME_FIELD_CHOICE;
      field->default_value = -1;
      g_ptr_array_add (step->fields, field);

      if (!get_id (reader, element, item_path, "id", &step->id) ||
          !get_text (reader, element, item_path, "text", TEXT_REQUIRED | TEXT_TRANSLATE, 400,
                     &step->title) ||
          !get_code (reader, element, item_path, "code", &field->code) ||
          !get_bool (reader, element, item_path, "crisis", FALSE, &field->crisis) ||
          !get_bool (reader, element, item_path, "scored", TRUE, &field->scored) ||
          !get_bool (reader, element, item_path, "required", field->scored, &field->required))
        return FALSE;

      if (json_object_has_member (element, "stem"))
        {
          if (!get_text (reader, element, item_path, "stem", TEXT_TRANSLATE, 400, &step->text))
            return FALSE;
        }
      else
        step->text = g_strdup (info->stem);

      if (json_object_has_member (element, "options"))
        {
          own_options = parse_options (reader, element, item_path, 2);
          if (own_options == NULL)
            return FALSE;
        }
      item_options = own_options ? own_options : options;

      field->id = g_strdup (step->id);
      field->label = g_strdup (step->title);
      field->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
      for (guint j = 0; j < item_options->len; j++)
        {
          const ReframeFieldOption *from = g_ptr_array_index (item_options, j);
          ReframeFieldOption *copy = g_new0 (ReframeFieldOption, 1);

          copy->id = g_strdup (from->id);
          copy->label = g_strdup (from->label);
          copy->value = from->value;
          copy->code = g_strdup (from->code);
          g_ptr_array_add (field->options, copy);
          if (field->scored && copy->value < 0)
            return fail (reader, item_path, "a scored item needs a “value” on every option");
          item_max = MAX (item_max, copy->value);
        }

      if (field->scored)
        info->max_score += item_max;
      else if (field->crisis)
        return fail (reader, item_path, "a crisis item must be scored");
    }

  bands = get_array (reader, object, path, "bands", 1, REFRAME_EXERCISE_MAX_BANDS);
  if (bands == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (bands); i++)
    {
      g_autofree char *band_path = g_strdup_printf ("%s.bands[%u]", path, i);
      JsonObject *element = get_element_object (reader, bands, i, band_path);
      ReframeQuestionnaireBand *band;

      if (element == NULL || !check_members (reader, element, band_path, band_allowed))
        return FALSE;
      band = g_new0 (ReframeQuestionnaireBand, 1);
      g_ptr_array_add (info->bands, band);
      if (!get_id (reader, element, band_path, "id", &band->id) ||
          !get_text (reader, element, band_path, "label", TEXT_REQUIRED | TEXT_TRANSLATE, 60,
                     &band->label) ||
          !get_text (reader, element, band_path, "description", TEXT_TRANSLATE, 600,
                     &band->description) ||
          !get_int (reader, element, band_path, "min", TRUE, 0, 1000, 0, &band->min) ||
          !get_int (reader, element, band_path, "max", TRUE, 0, 1000, 0, &band->max))
        return FALSE;

      /* Bands follow each other with no gap and no overlap, from 0 to the highest score. */
      if (band->min != expected_min || band->max < band->min)
        return fail (reader, band_path, "bands must run on from %d without gaps or overlaps",
                     expected_min);
      expected_min = band->max + 1;
    }

  if (expected_min - 1 != info->max_score)
    return fail (reader, path, "the bands end at %d but the highest possible score is %d",
                 expected_min - 1, info->max_score);

  return TRUE;
}

/* Cross-checks once everything is read */

static const ReframeField *
find_field (GPtrArray  *steps,
            const char *id,
            guint      *step_index)
{
  for (guint i = 0; i < steps->len; i++)
    {
      const ReframeExerciseStep *step = g_ptr_array_index (steps, i);

      for (guint j = 0; j < step->fields->len; j++)
        {
          const ReframeField *field = g_ptr_array_index (step->fields, j);

          if (g_str_equal (field->id, id))
            {
              if (step_index != NULL)
                *step_index = i;
              return field;
            }
        }
    }
  return NULL;
}

static gboolean
list_has_text (const ReframeField *list)
{
  for (guint i = 0; i < list->item_fields->len; i++)
    if (((ReframeField *) g_ptr_array_index (list->item_fields, i))->type == REFRAME_FIELD_SHORT_TEXT)
      return TRUE;
  return FALSE;
}

static gboolean
check_reference (Reader             *reader,
                 GPtrArray          *steps,
                 const ReframeField *field,
                 const char         *what,
                 const char         *target_id,
                 guint               step_index,
                 const char         *path)
{
  guint target_step = 0;
  const ReframeField *target = find_field (steps, target_id, &target_step);

  if (target == NULL || target->type != REFRAME_FIELD_LIST || target == field)
    return fail (reader, path, "“%s” must name another list field (“%s”)", what, target_id);
  if (target->source != NULL)
    return fail (reader, path, "“%s” cannot name a list that reviews another one", what);
  if (!list_has_text (target))
    return fail (reader, path, "the list “%s” named by “%s” has no short-text field to show",
                 target_id, what);
  if (target_step > step_index)
    return fail (reader, path, "“%s” must name a list from this or an earlier step", what);
  return TRUE;
}

static gboolean
check_fields (Reader    *reader,
              GPtrArray *steps)
{
  for (guint i = 0; i < steps->len; i++)
    {
      const ReframeExerciseStep *step = g_ptr_array_index (steps, i);
      g_autofree char *step_path = g_strdup_printf ("steps[%u]", i);

      for (guint k = 0; k < i; k++)
        if (g_str_equal (((ReframeExerciseStep *) g_ptr_array_index (steps, k))->id, step->id))
          return fail (reader, step_path, "the step id “%s” is used twice", step->id);

      for (guint j = 0; j < step->fields->len; j++)
        {
          const ReframeField *field = g_ptr_array_index (step->fields, j);
          g_autofree char *path = g_strdup_printf ("steps[%u].fields[%u]", i, j);

          if (find_field (steps, field->id, NULL) != field)
            return fail (reader, path, "the field id “%s” is used twice", field->id);

          if (field->options_from != NULL &&
              !check_reference (reader, steps, field, "options_from", field->options_from, i, path))
            return FALSE;
          if (field->source != NULL &&
              !check_reference (reader, steps, field, "source", field->source, i, path))
            return FALSE;

          for (guint k = 0; field->item_fields != NULL && k < field->item_fields->len; k++)
            {
              const ReframeField *item = g_ptr_array_index (field->item_fields, k);
              g_autofree char *item_path = g_strdup_printf ("%s.item_fields[%u]", path, k);

              if (item->options_from != NULL &&
                  !check_reference (reader, steps, field, "options_from", item->options_from, i,
                                    item_path))
                return FALSE;
            }
        }
    }

  return TRUE;
}

/* Answers */

static gboolean validate_value (Reader             *reader,
                                ReframeExercise    *self,
                                const ReframeField *field,
                                JsonNode           *value,
                                const char         *path);

static gboolean
is_string_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_int_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
validate_int (Reader     *reader,
              JsonNode   *value,
              const char *path,
              gint64      min,
              gint64      max)
{
  if (!is_int_node (value))
    return fail (reader, path, "must be a whole number");
  if (json_node_get_int (value) < min || json_node_get_int (value) > max)
    return fail (reader, path, "is out of range (%" G_GINT64_FORMAT "; allowed %" G_GINT64_FORMAT
                 "–%" G_GINT64_FORMAT ")", json_node_get_int (value), min, max);
  return TRUE;
}

static gboolean
validate_string (Reader     *reader,
                 JsonNode   *value,
                 const char *path,
                 guint       max_length)
{
  const char *text;

  if (!is_string_node (value))
    return fail (reader, path, "must be a string");
  text = json_node_get_string (value);
  if (!g_utf8_validate (text, -1, NULL))
    return fail (reader, path, "is not valid UTF-8");
  if (g_utf8_strlen (text, -1) > (glong) max_length)
    return fail (reader, path, "is too long (at most %u characters)", max_length);
  return TRUE;
}

static gboolean
is_valid_key (const char *key)
{
  gsize length = strlen (key);

  if (length == 0 || length > 32)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (key[i]) && key[i] != '-')
      return FALSE;
  return TRUE;
}

static gboolean
validate_date_time (Reader             *reader,
                    const ReframeField *field,
                    JsonNode           *value,
                    const char         *path)
{
  const char *text;

  if (!validate_string (reader, value, path, 40))
    return FALSE;
  text = json_node_get_string (value);

  switch (field->mode)
    {
    case REFRAME_DATE_TIME_MODE_TIME:
      {
        guint hour, minute;
        char end;

        if (strlen (text) != 5 || sscanf (text, "%2u:%2u%c", &hour, &minute, &end) != 2 ||
            hour > 23 || minute > 59)
          return fail (reader, path, "must be a time like 18:30");
      }
      break;

    case REFRAME_DATE_TIME_MODE_DATE:
      {
        g_autofree char *with_time = g_strdup_printf ("%sT00:00:00Z", text);
        g_autoptr(GDateTime) parsed = NULL;

        if (strlen (text) != 10 || (parsed = g_date_time_new_from_iso8601 (with_time, NULL)) == NULL)
          return fail (reader, path, "must be a date like 2025-03-04");
      }
      break;

    case REFRAME_DATE_TIME_MODE_DATE_TIME:
    default:
      {
        g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (text, NULL);

        if (parsed == NULL)
          return fail (reader, path, "must be a date and time like 2025-03-04T18:30:00+01:00");
      }
      break;
    }

  return TRUE;
}

static gboolean
validate_list (Reader             *reader,
               ReframeExercise    *self,
               const ReframeField *field,
               JsonNode           *value,
               const char         *path)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *rows;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    return fail (reader, path, "must be an array of rows");
  rows = json_node_get_array (value);
  if (json_array_get_length (rows) > field->max_items)
    return fail (reader, path, "has too many rows (at most %u)", field->max_items);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      g_autofree char *row_path = g_strdup_printf ("%s[%u]", path, i);
      JsonNode *row_node = json_array_get_element (rows, i);
      g_autoptr(GList) members = NULL;
      JsonObject *row;
      const char *key;

      if (!JSON_NODE_HOLDS_OBJECT (row_node))
        return fail (reader, row_path, "must be an object");
      row = json_node_get_object (row_node);
      key = json_object_get_string_member_with_default (row, REFRAME_LIST_KEY, NULL);
      if (key == NULL || !is_valid_key (key))
        return fail (reader, row_path, "needs a “%s” of letters, digits and dashes",
                     REFRAME_LIST_KEY);
      if (!g_hash_table_add (keys, (gpointer) key))
        return fail (reader, row_path, "the row key “%s” is used twice", key);

      members = json_object_get_members (row);
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          const ReframeField *item = NULL;
          g_autofree char *item_path = NULL;

          if (g_str_equal (name, REFRAME_LIST_KEY))
            continue;
          for (guint k = 0; k < field->item_fields->len; k++)
            if (g_str_equal (((ReframeField *) g_ptr_array_index (field->item_fields, k))->id, name))
              item = g_ptr_array_index (field->item_fields, k);
          item_path = g_strdup_printf ("%s.%s", row_path, name);
          if (item == NULL)
            return fail (reader, item_path, "this list has no field “%s”", name);
          if (!validate_value (reader, self, item, json_object_get_member (row, name), item_path))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
validate_value (Reader             *reader,
                ReframeExercise    *self,
                const ReframeField *field,
                JsonNode           *value,
                const char         *path)
{
  if (JSON_NODE_HOLDS_NULL (value))
    return TRUE;

  switch (field->type)
    {
    case REFRAME_FIELD_SHORT_TEXT:
    case REFRAME_FIELD_LONG_TEXT:
      return validate_string (reader, value, path, field->max_length);

    case REFRAME_FIELD_SCALE:
    case REFRAME_FIELD_SLIDER:
      return validate_int (reader, value, path, field->min, field->max);

    case REFRAME_FIELD_CHOICE:
      if (!validate_string (reader, value, path, 64))
        return FALSE;
      if (field->options != NULL && reframe_field_lookup_option (field,
                                                                 json_node_get_string (value)) == NULL)
        return fail (reader, path, "“%s” is not one of the options", json_node_get_string (value));
      if (field->options == NULL && !is_valid_key (json_node_get_string (value)))
        return fail (reader, path, "must be the key of a row");
      return TRUE;

    case REFRAME_FIELD_MULTI_CHOICE:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (value))
          return fail (reader, path, "must be an array of option ids");
        array = json_node_get_array (value);
        if (field->max_selected > 0 && json_array_get_length (array) > field->max_selected)
          return fail (reader, path, "has more than %u choices", field->max_selected);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!is_string_node (element) ||
                reframe_field_lookup_option (field, json_node_get_string (element)) == NULL)
              return fail (reader, path, "entry %u is not one of the options", i);
          }
        return TRUE;
      }

    case REFRAME_FIELD_EMOTIONS:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (value))
          return fail (reader, path, "must be an array of emotions");
        array = json_node_get_array (value);
        if (json_array_get_length (array) > 50)
          return fail (reader, path, "has too many emotions");
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);
            JsonNode *element = json_array_get_element (array, i);
            JsonObject *object;
            JsonNode *emotion;
            JsonNode *intensity;

            if (!JSON_NODE_HOLDS_OBJECT (element))
              return fail (reader, element_path, "must be an object");
            object = json_node_get_object (element);
            emotion = json_object_get_member (object, "emotion");
            intensity = json_object_get_member (object, "intensity");
            if (emotion == NULL || !validate_string (reader, emotion, element_path, 100) ||
                intensity == NULL || !validate_int (reader, intensity, element_path, 0, 100))
              return fail (reader, element_path, "needs an “emotion” and an “intensity” 0–100");
          }
        return TRUE;
      }

    case REFRAME_FIELD_THINKING_TRAPS:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (value))
          return fail (reader, path, "must be an array of trap ids");
        array = json_node_get_array (value);
        if (json_array_get_length (array) > 30)
          return fail (reader, path, "has too many traps");
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!is_string_node (element) || !is_valid_id (json_node_get_string (element), 64))
              return fail (reader, path, "entry %u is not a trap id", i);
          }
        return TRUE;
      }

    case REFRAME_FIELD_LIST:
      return validate_list (reader, self, field, value, path);

    case REFRAME_FIELD_DATE_TIME:
      return validate_date_time (reader, field, value, path);

    case REFRAME_FIELD_BREATHING:
      {
        static const struct { const char *name; int max; } parts[] = {
          { "inhale", 20 }, { "hold", 20 }, { "exhale", 20 }, { "hold_after", 20 },
          { "seconds", 7200 }, { "breaths", 2000 },
        };
        JsonObject *object;

        if (!JSON_NODE_HOLDS_OBJECT (value))
          return fail (reader, path, "must be an object");
        object = json_node_get_object (value);
        for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
          {
            JsonNode *part = json_object_get_member (object, parts[i].name);
            g_autofree char *part_path = g_strdup_printf ("%s.%s", path, parts[i].name);

            if (part != NULL && !validate_int (reader, part, part_path, 0, parts[i].max))
              return FALSE;
          }
        return TRUE;
      }

    case REFRAME_FIELD_N_TYPES:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
validate_answers (Reader          *reader,
                  ReframeExercise *self,
                  JsonObject      *answers,
                  const char      *path)
{
  g_autoptr(GList) members = json_object_get_members (answers);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const ReframeField *field = find_field (self->steps, name, NULL);
      g_autofree char *value_path = member_path (path, name);

      if (field == NULL)
        return fail (reader, value_path, "there is no field “%s”", name);
      if (!validate_value (reader, self, field, json_object_get_member (answers, name), value_path))
        return FALSE;
    }

  return TRUE;
}

/* Example answers are shown to the person: their text goes through the translations. */
static void
translate_example (ReframeExercise *self,
                   JsonObject      *answers,
                   GPtrArray       *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const ReframeField *field = g_ptr_array_index (fields, i);
      JsonNode *value = json_object_get_member (answers, field->id);

      if (value == NULL)
        continue;
      if ((field->type == REFRAME_FIELD_SHORT_TEXT || field->type == REFRAME_FIELD_LONG_TEXT) &&
          is_string_node (value) && *json_node_get_string (value) != '\0')
        json_object_set_string_member (answers, field->id,
                                       g_dgettext (GETTEXT_PACKAGE, json_node_get_string (value)));
      else if (field->type == REFRAME_FIELD_LIST && JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *rows = json_node_get_array (value);

          for (guint j = 0; j < json_array_get_length (rows); j++)
            translate_example (self, json_array_get_object_element (rows, j), field->item_fields);
        }
    }
}

/* GObject */

static void
reframe_exercise_finalize (GObject *object)
{
  ReframeExercise *self = (ReframeExercise *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->icon_name);
  g_free (self->intro);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->example, json_object_unref);
  g_clear_pointer (&self->questionnaire, questionnaire_free);
  g_free (self->source_json);

  G_OBJECT_CLASS (reframe_exercise_parent_class)->finalize (object);
}

static void
reframe_exercise_class_init (ReframeExerciseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reframe_exercise_finalize;
}

static void
reframe_exercise_init (ReframeExercise *self)
{
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
}

static gboolean
parse_definition (Reader          *reader,
                  ReframeExercise *self,
                  JsonObject      *root)
{
  static const char * const allowed[] = {
    "format", "id", "version", "kind", "title", "summary", "icon", "minutes", "intro",
    "sources", "steps", "questionnaire", "example", NULL
  };
  g_autofree char *kind = NULL;
  JsonArray *sources;
  JsonObject *example;
  int format;
  int version;

  /* The format first: a newer one may have members this reader does not know. */
  if (!get_int (reader, root, "", "format", TRUE, 1, G_MAXINT32, 0, &format))
    return FALSE;
  if (format > REFRAME_EXERCISE_FORMAT)
    {
      g_set_error (reader->error, REFRAME_EXERCISE_ERROR, REFRAME_EXERCISE_ERROR_UNSUPPORTED,
                   "The definition uses format %d; this version of Reframe reads format %d",
                   format, REFRAME_EXERCISE_FORMAT);
      return FALSE;
    }

  if (!check_members (reader, root, "definition", allowed) ||
      !get_id (reader, root, "definition", "id", &self->id) ||
      !get_int (reader, root, "definition", "version", TRUE, 1, 1000000, 1, &version) ||
      !get_text (reader, root, "definition", "kind", TEXT_PLAIN, 16, &kind) ||
      !get_text (reader, root, "definition", "title", TEXT_REQUIRED | TEXT_TRANSLATE, 80,
                 &self->title) ||
      !get_text (reader, root, "definition", "summary", TEXT_REQUIRED | TEXT_TRANSLATE, 240,
                 &self->summary) ||
      !get_text (reader, root, "definition", "icon", TEXT_PLAIN, 64, &self->icon_name) ||
      !get_uint (reader, root, "definition", "minutes", 1, 120, 0, &self->minutes) ||
      !get_text (reader, root, "definition", "intro",
                 TEXT_REQUIRED | TEXT_MULTILINE | TEXT_TRANSLATE, 4000, &self->intro))
    return FALSE;
  self->version = version;

  if (self->icon_name != NULL &&
      (!is_valid_id (self->icon_name, 64) || !g_str_has_suffix (self->icon_name, "-symbolic")))
    return fail (reader, "definition", "“icon” must be a symbolic icon name");

  if (kind == NULL || g_str_equal (kind, "exercise"))
    self->kind = REFRAME_EXERCISE_KIND_EXERCISE;
  else if (g_str_equal (kind, "questionnaire"))
    self->kind = REFRAME_EXERCISE_KIND_QUESTIONNAIRE;
  else
    return fail (reader, "definition", "“kind” must be “exercise” or “questionnaire”");

  sources = get_array (reader, root, "definition", "sources", 1, REFRAME_EXERCISE_MAX_SOURCES);
  if (sources == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      static const char * const source_allowed[] = { "citation", "url", NULL };
      g_autofree char *path = g_strdup_printf ("sources[%u]", i);
      JsonObject *element = get_element_object (reader, sources, i, path);
      ReframeExerciseSource *source;

      if (element == NULL || !check_members (reader, element, path, source_allowed))
        return FALSE;
      source = g_new0 (ReframeExerciseSource, 1);
      g_ptr_array_add (self->sources, source);
      /* Citations stay as published. */
      if (!get_text (reader, element, path, "citation", TEXT_REQUIRED, 400, &source->citation) ||
          !get_text (reader, element, path, "url", TEXT_PLAIN, 500, &source->url))
        return FALSE;
      if (source->url != NULL && !g_str_has_prefix (source->url, "https://") &&
          !g_str_has_prefix (source->url, "http://"))
        return fail (reader, path, "“url” must start with https:// or http://");
    }

  if (self->kind == REFRAME_EXERCISE_KIND_QUESTIONNAIRE)
    {
      JsonObject *questionnaire;

      if (json_object_has_member (root, "steps"))
        return fail (reader, "definition", "a questionnaire has “items”, not “steps”");
      questionnaire = get_object (reader, root, "definition", "questionnaire", TRUE);
      if (questionnaire == NULL || !parse_questionnaire (reader, self, questionnaire,
                                                         "questionnaire"))
        return FALSE;
    }
  else
    {
      JsonArray *steps;

      if (json_object_has_member (root, "questionnaire"))
        return fail (reader, "definition", "“questionnaire” needs “kind”: “questionnaire”");
      steps = get_array (reader, root, "definition", "steps", 1, REFRAME_EXERCISE_MAX_STEPS);
      if (steps == NULL)
        return FALSE;
      for (guint i = 0; i < json_array_get_length (steps); i++)
        {
          g_autofree char *path = g_strdup_printf ("steps[%u]", i);
          JsonObject *element = get_element_object (reader, steps, i, path);
          ReframeExerciseStep *step;

          if (element == NULL || (step = parse_step (reader, element, path)) == NULL)
            return FALSE;
          g_ptr_array_add (self->steps, step);
        }
    }

  if (!check_fields (reader, self->steps))
    return FALSE;

  example = get_object (reader, root, "definition", "example", FALSE);
  if (example == NULL && json_object_has_member (root, "example"))
    return FALSE;
  if (example != NULL)
    {
      g_autoptr(GPtrArray) fields = reframe_exercise_dup_fields (self);

      if (!validate_answers (reader, self, example, "example"))
        return FALSE;
      self->example = json_object_ref (example);
      if (reader->flags & REFRAME_EXERCISE_PARSE_TRANSLATE)
        translate_example (self, self->example, fields);
    }

  return TRUE;
}

/* Public API */

ReframeExercise *
reframe_exercise_new_from_data (const char                 *data,
                                gssize                      length,
                                ReframeExerciseParseFlags   flags,
                                GError                    **error)
{
  g_autoptr(ReframeExercise) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  Reader reader = { flags, error };
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (!check_raw (data, length, error))
    return NULL;

  /* Not immutable: the example is kept and, when translated, changed in place. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &json_error))
    {
      g_set_error (error, REFRAME_EXERCISE_ERROR, REFRAME_EXERCISE_ERROR_SYNTAX,
                   "The definition is not valid JSON: %s", json_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, REFRAME_EXERCISE_ERROR, REFRAME_EXERCISE_ERROR_SYNTAX,
                   "The definition is empty");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, REFRAME_EXERCISE_ERROR, REFRAME_EXERCISE_ERROR_INVALID,
                   "The definition must be a JSON object");
      return NULL;
    }

  self = g_object_new (REFRAME_TYPE_EXERCISE, NULL);
  if (!parse_definition (&reader, self, json_node_get_object (root)))
    {
      /* Every failing path sets the error; make sure of it. */
      if (error != NULL && *error == NULL)
        g_set_error (error, REFRAME_EXERCISE_ERROR, REFRAME_EXERCISE_ERROR_INVALID,
                     "The definition is not valid");
      return NULL;
    }
  self->source_json = g_strndup (data, length);

  return g_steal_pointer (&self);
}

const char *
reframe_exercise_get_id (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), NULL);
  return self->id;
}

guint
reframe_exercise_get_version (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), 0);
  return self->version;
}

ReframeExerciseKind
reframe_exercise_get_kind (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), REFRAME_EXERCISE_KIND_EXERCISE);
  return self->kind;
}

gboolean
reframe_exercise_is_questionnaire (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), FALSE);
  return self->kind == REFRAME_EXERCISE_KIND_QUESTIONNAIRE;
}

const char *
reframe_exercise_get_title (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), NULL);
  return self->title;
}

const char *
reframe_exercise_get_summary (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), NULL);
  return self->summary;
}

const char *
reframe_exercise_get_icon_name (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), NULL);
  return self->icon_name;
}

guint
reframe_exercise_get_minutes (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), 0);
  return self->minutes;
}

const char *
reframe_exercise_get_intro (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), NULL);
  return self->intro;
}

const GPtrArray *
reframe_exercise_get_sources (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), NULL);
  return self->sources;
}

guint
reframe_exercise_get_n_steps (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), 0);
  return self->steps->len;
}

const ReframeExerciseStep *
reframe_exercise_get_step (ReframeExercise *self,
                           guint            index)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return g_ptr_array_index (self->steps, index);
}

const ReframeField *
reframe_exercise_lookup_field (ReframeExercise *self,
                               const char      *field_id)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), NULL);
  g_return_val_if_fail (field_id != NULL, NULL);
  return find_field (self->steps, field_id, NULL);
}

GPtrArray *
reframe_exercise_dup_fields (ReframeExercise *self)
{
  GPtrArray *fields;

  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), NULL);

  fields = g_ptr_array_new ();
  for (guint i = 0; i < self->steps->len; i++)
    {
      const ReframeExerciseStep *step = g_ptr_array_index (self->steps, i);

      for (guint j = 0; j < step->fields->len; j++)
        g_ptr_array_add (fields, g_ptr_array_index (step->fields, j));
    }
  return fields;
}

JsonObject *
reframe_exercise_get_example (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), NULL);
  return self->example;
}

const ReframeQuestionnaireInfo *
reframe_exercise_get_questionnaire (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), NULL);
  return self->questionnaire;
}

const char *
reframe_exercise_get_source_json (ReframeExercise *self)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), NULL);
  return self->source_json;
}

gboolean
reframe_exercise_validate_answers (ReframeExercise  *self,
                                   JsonObject       *answers,
                                   GError          **error)
{
  Reader reader = { REFRAME_EXERCISE_PARSE_DEFAULT, error };

  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), FALSE);
  g_return_val_if_fail (answers != NULL, FALSE);

  return validate_answers (&reader, self, answers, "answers");
}

const ReframeFieldOption *
reframe_field_lookup_option (const ReframeField *field,
                             const char         *option_id)
{
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; option_id != NULL && field->options != NULL && i < field->options->len; i++)
    {
      const ReframeFieldOption *option = g_ptr_array_index (field->options, i);

      if (g_str_equal (option->id, option_id))
        return option;
    }
  return NULL;
}

const char *
reframe_field_type_to_string (ReframeFieldType type)
{
  g_return_val_if_fail (type < REFRAME_FIELD_N_TYPES, NULL);
  return field_type_names[type];
}

gboolean
reframe_exercise_answer_is_set (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return FALSE;
  if (is_string_node (value))
    {
      for (const char *p = json_node_get_string (value); *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          return TRUE;
      return FALSE;
    }
  /* A list row counts once something besides its key is filled in. */
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (reframe_exercise_answer_is_set (json_array_get_element (array, i)))
          return TRUE;
      return FALSE;
    }
  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, REFRAME_LIST_KEY) &&
            reframe_exercise_answer_is_set (json_object_get_member (object, l->data)))
          return TRUE;
      return FALSE;
    }
  return TRUE;
}

/* Formatting */

static JsonObject *
find_row (JsonObject *answers,
          const char *list_id,
          const char *key)
{
  JsonNode *rows = answers ? json_object_get_member (answers, list_id) : NULL;

  if (rows == NULL || !JSON_NODE_HOLDS_ARRAY (rows))
    return NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (rows)); i++)
    {
      JsonNode *row = json_array_get_element (json_node_get_array (rows), i);

      if (JSON_NODE_HOLDS_OBJECT (row) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (row),
                                                                 REFRAME_LIST_KEY, NULL),
                     key) == 0)
        return json_node_get_object (row);
    }
  return NULL;
}

/* The text a row of @list is known by: its first short text. */
static const char *
row_title (const ReframeField *list,
           JsonObject         *row)
{
  for (guint i = 0; row != NULL && i < list->item_fields->len; i++)
    {
      const ReframeField *item = g_ptr_array_index (list->item_fields, i);

      if (item->type == REFRAME_FIELD_SHORT_TEXT)
        return json_object_get_string_member_with_default (row, item->id, "");
    }
  return "";
}

static char *
format_number (const ReframeField *field,
               gint64              value)
{
  if (field->unit != NULL)
    /* Translators: a rating and its unit, e.g. “70%” */
    return g_strdup_printf (C_("rating with unit", "%d%s"), (int) value, field->unit);
  /* Translators: a rating out of the highest one, e.g. “7 of 10” */
  return g_strdup_printf (_("%d of %d"), (int) value, field->max);
}

static char *
format_date_time (const ReframeField *field,
                  const char         *text)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (field->mode == REFRAME_DATE_TIME_MODE_TIME)
    return g_strdup (text);
  if (field->mode == REFRAME_DATE_TIME_MODE_DATE)
    {
      g_autofree char *with_time = g_strdup_printf ("%sT12:00:00", text);
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      parsed = g_date_time_new_from_iso8601 (with_time, local);
      return parsed ? reframe_date_format_day (parsed, now) : g_strdup (text);
    }

  parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    return g_strdup (text);
  day = reframe_date_format_day (parsed, now);
  time = reframe_date_format_time (parsed);
  /* Translators: a day and a time, e.g. “Yesterday, 14:05” */
  return g_strdup_printf (_("%s, %s"), day, time);
}

static void
format_row (ReframeExercise    *self,
            const ReframeField *list,
            JsonObject         *answers,
            JsonObject         *row,
            GString            *out)
{
  const ReframeField *source = list->source ? find_field (self->steps, list->source, NULL) : NULL;
  const char *key = json_object_get_string_member_with_default (row, REFRAME_LIST_KEY, "");
  const char *title = NULL;
  gboolean first = TRUE;

  if (source != NULL)
    title = row_title (source, find_row (answers, source->id, key));
  else
    title = row_title (list, row);

  g_string_append (out, "• ");
  if (title != NULL && *title != '\0')
    {
      g_autofree char *clean = reframe_exercise_clean_text (title, FALSE);

      g_string_append (out, clean ? g_strstrip (clean) : "");
    }

  for (guint i = 0; i < list->item_fields->len; i++)
    {
      const ReframeField *item = g_ptr_array_index (list->item_fields, i);
      JsonNode *value = json_object_get_member (row, item->id);
      g_autofree char *text = NULL;

      if (source == NULL && title != NULL && *title != '\0' &&
          item->type == REFRAME_FIELD_SHORT_TEXT &&
          g_strcmp0 (json_object_get_string_member_with_default (row, item->id, NULL), title) == 0)
        continue;
      text = reframe_exercise_format_answer (self, item, answers, value);
      if (*text == '\0')
        continue;
      /* Translators: separates the title of a list row from its details */
      g_string_append (out, first ? (out->len > strlen ("• ") ? _(" — ") : "") : _("; "));
      if (g_str_has_suffix (item->label, "?") || g_str_has_suffix (item->label, ":"))
        /* Translators: a value after a question in a list row, e.g. “Done? Yes” */
        g_string_append_printf (out, C_("question and answer", "%s %s"), item->label, text);
      else
        /* Translators: a labelled value in a list row, e.g. “Distress: 60%” */
        g_string_append_printf (out, _("%s: %s"), item->label, text);
      first = FALSE;
    }
}

static int
row_sort_value (JsonObject *row,
                const char *field_id)
{
  JsonNode *node = json_object_get_member (row, field_id);

  return node != NULL && is_int_node (node) ? (int) json_node_get_int (node) : G_MAXINT;
}

typedef struct
{
  JsonObject *row;
  int         value;
  guint       index;
} SortedRow;

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const SortedRow *ra = a;
  const SortedRow *rb = b;

  if (ra->value != rb->value)
    return ra->value < rb->value ? -1 : 1;
  return ra->index < rb->index ? -1 : (ra->index > rb->index);
}

char *
reframe_exercise_format_answer (ReframeExercise    *self,
                                const ReframeField *field,
                                JsonObject         *answers,
                                JsonNode           *value)
{
  g_return_val_if_fail (REFRAME_IS_EXERCISE (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (!reframe_exercise_answer_is_set (value))
    return g_strdup ("");

  switch (field->type)
    {
    case REFRAME_FIELD_SHORT_TEXT:
    case REFRAME_FIELD_LONG_TEXT:
      if (!is_string_node (value))
        return g_strdup ("");
      return g_strstrip (g_strdup (json_node_get_string (value)));

    case REFRAME_FIELD_SCALE:
    case REFRAME_FIELD_SLIDER:
      return is_int_node (value) ? format_number (field, json_node_get_int (value)) : g_strdup ("");

    case REFRAME_FIELD_CHOICE:
      {
        const char *id = is_string_node (value) ? json_node_get_string (value) : NULL;
        const ReframeFieldOption *option = reframe_field_lookup_option (field, id);
        const ReframeField *list;

        if (option != NULL)
          return g_strdup (option->label);
        if (id != NULL && field->options_from != NULL &&
            (list = find_field (self->steps, field->options_from, NULL)) != NULL)
          return g_strstrip (g_strdup (row_title (list, find_row (answers, list->id, id))));
        return g_strdup ("");
      }

    case REFRAME_FIELD_MULTI_CHOICE:
    case REFRAME_FIELD_THINKING_TRAPS:
    case REFRAME_FIELD_EMOTIONS:
      {
        g_autoptr(GString) out = g_string_new (NULL);
        JsonArray *array = JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;

        for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);
            g_autofree char *text = NULL;

            if (field->type == REFRAME_FIELD_EMOTIONS && JSON_NODE_HOLDS_OBJECT (element))
              {
                JsonObject *object = json_node_get_object (element);
                const char *emotion = json_object_get_string_member_with_default (object, "emotion",
                                                                                  NULL);

                if (emotion == NULL)
                  continue;
                /* Translators: an emotion and its intensity, e.g. “Anxious 80” */
                text = g_strdup_printf (_("%s %d"), reframe_emotions_get_name (emotion),
                                        (int) json_object_get_int_member_with_default (object,
                                                                                       "intensity",
                                                                                       0));
              }
            else if (is_string_node (element) && field->type == REFRAME_FIELD_THINKING_TRAPS)
              {
                const ReframeThinkingTrap *trap =
                  reframe_thinking_traps_lookup (json_node_get_string (element));

                text = g_strdup (trap ? trap->name : json_node_get_string (element));
              }
            else if (is_string_node (element))
              {
                const ReframeFieldOption *option =
                  reframe_field_lookup_option (field, json_node_get_string (element));

                text = g_strdup (option ? option->label : "");
              }

            if (text == NULL || *text == '\0')
              continue;
            if (out->len > 0)
              /* Translators: separates the entries of a list, e.g. of emotions */
              g_string_append (out, _(", "));
            g_string_append (out, text);
          }
        return g_string_free (g_steal_pointer (&out), FALSE);
      }

    case REFRAME_FIELD_LIST:
      {
        g_autoptr(GString) out = g_string_new (NULL);
        g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (SortedRow));
        JsonArray *rows = JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;

        for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
          {
            JsonNode *row = json_array_get_element (rows, i);
            SortedRow sorted_row;

            if (!JSON_NODE_HOLDS_OBJECT (row))
              continue;
            sorted_row.row = json_node_get_object (row);
            sorted_row.value = field->sort_by ? row_sort_value (sorted_row.row, field->sort_by) : 0;
            sorted_row.index = i;
            g_array_append_val (sorted, sorted_row);
          }
        g_array_sort (sorted, compare_rows);

        for (guint i = 0; i < sorted->len; i++)
          {
            gsize before;

            if (out->len > 0)
              g_string_append_c (out, '\n');
            before = out->len;
            format_row (self, field, answers, g_array_index (sorted, SortedRow, i).row, out);
            /* A row with nothing in it is left out. */
            if (out->len - before <= strlen ("• "))
              g_string_truncate (out, before > 0 ? before - 1 : 0);
          }
        return g_string_free (g_steal_pointer (&out), FALSE);
      }

    case REFRAME_FIELD_DATE_TIME:
      return is_string_node (value) ? format_date_time (field, json_node_get_string (value))
                                    : g_strdup ("");

    case REFRAME_FIELD_BREATHING:
      {
        JsonObject *object = JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
        gint64 breaths, seconds;

        if (object == NULL)
          return g_strdup ("");
        breaths = json_object_get_int_member_with_default (object, "breaths", 0);
        seconds = json_object_get_int_member_with_default (object, "seconds", 0);
        /* Translators: a breathing exercise done, e.g. “12 breaths in 2 min (4 s in, 6 s out)” */
        return g_strdup_printf (_("%d breaths in %d min (%d s in, %d s out)"), (int) breaths,
                                (int) ((seconds + 30) / 60),
                                (int) json_object_get_int_member_with_default (object, "inhale", 0),
                                (int) json_object_get_int_member_with_default (object, "exhale", 0));
      }

    case REFRAME_FIELD_N_TYPES:
    default:
      g_assert_not_reached ();
    }
}
