/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A guided exercise or questionnaire as data (docs/exercise-format.md). Definitions come from
 * the built-in library and, later, from therapist packs, so the parser trusts nothing: size,
 * nesting, encoding, types, ranges, ids and references are all checked, and text is stripped
 * of control characters. Once parsed a definition is immutable. */

#define REFRAME_EXERCISE_FORMAT          1
#define REFRAME_EXERCISE_MAX_SIZE        (256 * 1024)
#define REFRAME_EXERCISE_MAX_DEPTH       16
#define REFRAME_EXERCISE_MAX_STEPS       40
#define REFRAME_EXERCISE_MAX_FIELDS      12
#define REFRAME_EXERCISE_MAX_OPTIONS     20
#define REFRAME_EXERCISE_MAX_LIST_ITEMS  50
#define REFRAME_EXERCISE_MAX_SOURCES     8
#define REFRAME_EXERCISE_MAX_BANDS       10
/* Text the person writes: per field, and in all of one response. */
#define REFRAME_EXERCISE_MAX_SHORT_TEXT  500
#define REFRAME_EXERCISE_MAX_LONG_TEXT   20000
#define REFRAME_EXERCISE_MAX_ANSWERS_SIZE (1024 * 1024)

#define REFRAME_EXERCISE_ERROR (reframe_exercise_error_quark ())

typedef enum
{
  REFRAME_EXERCISE_ERROR_INVALID,       /* does not follow the format; the message says where */
  REFRAME_EXERCISE_ERROR_SYNTAX,        /* not JSON */
  REFRAME_EXERCISE_ERROR_TOO_LARGE,
  REFRAME_EXERCISE_ERROR_TOO_DEEP,
  REFRAME_EXERCISE_ERROR_BAD_ENCODING,  /* not UTF-8, or a NUL byte */
  REFRAME_EXERCISE_ERROR_UNSUPPORTED,   /* a newer format than this Reframe reads */
  REFRAME_EXERCISE_ERROR_UNKNOWN_TYPE,  /* a field type this Reframe does not know */
} ReframeExerciseError;

GQuark reframe_exercise_error_quark (void);

typedef enum
{
  REFRAME_EXERCISE_KIND_EXERCISE,
  REFRAME_EXERCISE_KIND_QUESTIONNAIRE,
} ReframeExerciseKind;

typedef enum
{
  REFRAME_EXERCISE_PARSE_DEFAULT   = 0,
  /* Built-in definitions: look every text up in the translations. */
  REFRAME_EXERCISE_PARSE_TRANSLATE = 1 << 0,
} ReframeExerciseParseFlags;

typedef enum
{
  REFRAME_FIELD_SHORT_TEXT,    /* string */
  REFRAME_FIELD_LONG_TEXT,     /* string, several lines */
  REFRAME_FIELD_SCALE,         /* integer 0–10 */
  REFRAME_FIELD_SLIDER,        /* integer min–max within 0–100 */
  REFRAME_FIELD_CHOICE,        /* option id */
  REFRAME_FIELD_MULTI_CHOICE,  /* array of option ids */
  REFRAME_FIELD_EMOTIONS,      /* array of {"emotion", "intensity"} */
  REFRAME_FIELD_THINKING_TRAPS,/* array of trap ids */
  REFRAME_FIELD_LIST,          /* array of objects, one per row, each with its "_key" */
  REFRAME_FIELD_DATE_TIME,     /* ISO 8601: date-time with offset, date, or HH:MM */
  REFRAME_FIELD_BREATHING,     /* {"inhale", "hold", "exhale", "hold_after", "seconds", "breaths"} */
  REFRAME_FIELD_N_TYPES
} ReframeFieldType;

typedef enum
{
  REFRAME_DATE_TIME_MODE_DATE_TIME,
  REFRAME_DATE_TIME_MODE_DATE,
  REFRAME_DATE_TIME_MODE_TIME,
} ReframeDateTimeMode;

/* The member of a list row that identifies it, stable when rows are added or removed. */
#define REFRAME_LIST_KEY "_key"

typedef struct
{
  char *id;
  char *label;
  int   value;  /* the score in a questionnaire; -1 when the option has none */
  char *code;   /* e.g. a LOINC answer code; NULL when none */
} ReframeFieldOption;

typedef struct _ReframeField ReframeField;

struct _ReframeField
{
  ReframeFieldType     type;
  char                *id;
  char                *label;
  char                *help;          /* a line under the label, or NULL */
  char                *placeholder;   /* texts, or NULL */
  gboolean             required;
  guint                max_length;    /* texts, in characters */
  /* scale, slider */
  char                *low_label;
  char                *high_label;
  int                  min;
  int                  max;
  int                  step;
  int                  default_value; /* -1: none */
  char                *unit;          /* slider, e.g. "%", or NULL */
  /* choice, multi-choice */
  GPtrArray           *options;       /* ReframeFieldOption */
  char                *options_from;  /* choice: the rows of this list field are the options */
  guint                max_selected;  /* multi-choice; 0: any number */
  /* list */
  GPtrArray           *item_fields;   /* ReframeField, never lists or breathing */
  char                *source;        /* review the rows of this earlier list field */
  char                *item_label;    /* "Step", numbered in the UI */
  char                *add_label;
  char                *sort_by;       /* a scale or slider item field that orders the rows */
  guint                min_items;
  guint                max_items;
  guint                initial_items;
  /* date-time */
  ReframeDateTimeMode  mode;
  /* breathing, in seconds and minutes */
  guint                inhale;
  guint                hold;
  guint                exhale;
  guint                hold_after;
  guint                minutes;
  /* questionnaires */
  char                *code;          /* e.g. the item's LOINC code */
  gboolean             scored;
  gboolean             crisis;        /* any answer scored above 0 shows the crisis resources */
};

typedef struct
{
  char      *id;
  char      *title;
  char      *text;   /* or NULL */
  char      *hint;   /* or NULL */
  GPtrArray *fields; /* ReframeField */
} ReframeExerciseStep;

typedef struct
{
  char *citation;
  char *url;  /* http(s) only, or NULL */
} ReframeExerciseSource;

typedef struct
{
  char *id;
  char *label;
  char *description;  /* or NULL */
  int   min;
  int   max;
} ReframeQuestionnaireBand;

typedef struct
{
  char      *short_name;  /* "PHQ-9" */
  char      *stem;
  char      *copyright;   /* or NULL */
  char      *code;        /* panel code, e.g. LOINC, or NULL */
  char      *total_code;  /* total score code, or NULL */
  int        max_score;
  GPtrArray *bands;       /* ReframeQuestionnaireBand, covering 0–max_score in order */
} ReframeQuestionnaireInfo;

#define REFRAME_TYPE_EXERCISE (reframe_exercise_get_type ())
G_DECLARE_FINAL_TYPE (ReframeExercise, reframe_exercise, REFRAME, EXERCISE, GObject)

ReframeExercise                *reframe_exercise_new_from_data      (const char                *data,
                                                                     gssize                     length,
                                                                     ReframeExerciseParseFlags  flags,
                                                                     GError                   **error);
const char                     *reframe_exercise_get_id             (ReframeExercise *self);
guint                           reframe_exercise_get_version        (ReframeExercise *self);
ReframeExerciseKind             reframe_exercise_get_kind           (ReframeExercise *self);
gboolean                        reframe_exercise_is_questionnaire   (ReframeExercise *self);
const char                     *reframe_exercise_get_title          (ReframeExercise *self);
const char                     *reframe_exercise_get_summary        (ReframeExercise *self);
/* A symbolic icon name, or NULL. */
const char                     *reframe_exercise_get_icon_name      (ReframeExercise *self);
guint                           reframe_exercise_get_minutes        (ReframeExercise *self);
/* Paragraphs separated by a blank line. */
const char                     *reframe_exercise_get_intro          (ReframeExercise *self);
const GPtrArray                *reframe_exercise_get_sources        (ReframeExercise *self);
guint                           reframe_exercise_get_n_steps        (ReframeExercise *self);
const ReframeExerciseStep      *reframe_exercise_get_step           (ReframeExercise *self,
                                                                     guint            index);
/* A field of a step (not one inside a list row), by id; NULL if there is none. */
const ReframeField             *reframe_exercise_lookup_field       (ReframeExercise *self,
                                                                     const char      *field_id);
/* Every step's fields, in order. */
GPtrArray                      *reframe_exercise_dup_fields         (ReframeExercise *self);
/* Filled-in answers for the person who does not know where to start; NULL when none. */
JsonObject                     *reframe_exercise_get_example        (ReframeExercise *self);
/* NULL unless a questionnaire. */
const ReframeQuestionnaireInfo *reframe_exercise_get_questionnaire  (ReframeExercise *self);
/* The JSON text it was parsed from, kept with every response so that old answers are always
 * shown with the definition they were given to. */
const char                     *reframe_exercise_get_source_json    (ReframeExercise *self);

/* Checks answers against the fields: known ids, types, ranges, lengths, option ids. */
gboolean                        reframe_exercise_validate_answers   (ReframeExercise *self,
                                                                     JsonObject      *answers,
                                                                     GError         **error);
/* Whether @value holds something: non-blank text, a number, an array or object with something
 * in it (a list row's key alone does not count). */
gboolean                        reframe_exercise_answer_is_set      (JsonNode        *value);
/* A field's answer as text for a summary or a report (translated); "" when unanswered.
 * @answers is the whole response, for lists that other fields refer to. */
char                           *reframe_exercise_format_answer      (ReframeExercise    *self,
                                                                     const ReframeField *field,
                                                                     JsonObject         *answers,
                                                                     JsonNode           *value);

const ReframeFieldOption       *reframe_field_lookup_option         (const ReframeField *field,
                                                                     const char         *option_id);
const char                     *reframe_field_type_to_string        (ReframeFieldType    type);
/* Text with control characters removed (newlines and tabs kept when @multiline); NULL when
 * @text is not UTF-8. */
char                           *reframe_exercise_clean_text         (const char         *text,
                                                                     gboolean            multiline);

G_END_DECLS
