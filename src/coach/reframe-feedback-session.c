/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-feedback-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "reframe-core-resources.h"
#include "reframe-feedback-answer-private.h"
#include "reframe-feedback-session.h"
#include "reframe-feedback-store.h"
#include "reframe-llm-client.h"
#include "reframe-offline-coach.h"
#include "reframe-prompts.h"
#include "reframe-provider.h"
#include "reframe-redactor.h"
#include "reframe-safety-log.h"
#include "reframe-thinking-traps.h"

#define OFFLINE_PROMPT_ID "offline-coach"
/* How far back the reply screen looks while the answer streams in; the whole answer is
 * screened again at the end. */
#define STREAM_SCREEN_WINDOW 600
/* The newest words of a streamed answer wait until this many more have come (or at most
 * this many bytes), so that the reply screen sees a harmful phrase whole before any of it
 * is shown. */
#define STREAM_HOLD_WORDS    8
#define STREAM_HOLD_BYTES    120
/* A placeholder such as "[ telephone : 12 ]" is never longer than this. */
#define MAX_PLACEHOLDER_LEN  40

/* One question and its answer. The first turn is the person's text. */
typedef struct
{
  char *question;      /* the follow-up as the person wrote it, NULL for the first turn */
  char *user_content;  /* the user message, redacted */
  char *reply;         /* the model's reply as it came (placeholders kept), or NULL */
} Turn;

struct _ReframeFeedbackSession
{
  GObject                 parent_instance;

  ReframeDatabase        *database;
  ReframeFeedbackStore   *store;
  ReframeFeedbackConfig  *config;
  ReframeFeedbackKind     kind;
  char                   *record_uuid;
  char                   *text;
  ReframeThoughtRecord   *record;
  const ReframePrompt    *prompt;
  char                   *guidance;       /* redacted */
  char                   *traps_hint;     /* trap names, or NULL */

  gboolean                crisis;
  ReframeSafetyKind       crisis_kind;

  gboolean                offline;
  char                   *url;            /* normalised, NULL offline or when refused */
  GError                 *url_error;
  char                   *host;
  gboolean                consent_granted;

  ReframeRedactor        *redactor;
  ReframeRedactionMap    *map;
  GPtrArray              *turns;          /* Turn */
  char                   *follow_up;      /* the pending question, as written */

  gboolean                running;
  ReframeFeedbackAnswer  *last_answer;
};

G_DEFINE_FINAL_TYPE (ReframeFeedbackSession, reframe_feedback_session, G_TYPE_OBJECT)

/* Everything one run needs; the task owns it. */
typedef struct
{
  ReframeFeedbackDeltaFunc  on_delta;
  gpointer                  delta_data;
  GDestroyNotify            delta_destroy;
  ReframeLlmClient         *client;
  ReframeLlmMessage        *messages;
  guint                     n_messages;
  GPtrArray                *strings;       /* owns the messages' strings */
  char                     *sent_text;
  Turn                     *new_turn;      /* a follow-up's turn, added when answered */
  gint64                    start_us;
  GString                  *raw;           /* the reply as it came */
  gsize                     committed;     /* bytes of raw already restored into shown */
  GString                  *shown;         /* restored text */
  gsize                     displayed;     /* bytes of shown passed to on_delta */
  gboolean                  hidden;        /* the reply screen found something */
} RunData;

static void
turn_free (Turn *turn)
{
  if (turn == NULL)
    return;
  g_free (turn->question);
  g_free (turn->user_content);
  g_free (turn->reply);
  g_free (turn);
}

static void
run_data_free (RunData *data)
{
  if (data->delta_destroy != NULL)
    data->delta_destroy (data->delta_data);
  g_clear_object (&data->client);
  g_free (data->messages);
  g_clear_pointer (&data->strings, g_ptr_array_unref);
  g_free (data->sent_text);
  turn_free (data->new_turn);
  if (data->raw != NULL)
    g_string_free (data->raw, TRUE);
  if (data->shown != NULL)
    g_string_free (data->shown, TRUE);
  g_free (data);
}

/* The source the safety log records a hit under. */
static const char *
safety_source (ReframeFeedbackKind kind)
{
  switch (kind)
    {
    case REFRAME_FEEDBACK_KIND_JOURNAL:
      return REFRAME_SAFETY_SOURCE_JOURNAL;
    case REFRAME_FEEDBACK_KIND_CHECKIN:
      return REFRAME_SAFETY_SOURCE_CHECKIN;
    case REFRAME_FEEDBACK_KIND_THOUGHT_RECORD:
    case REFRAME_FEEDBACK_KIND_TRAPS_STEP:
    case REFRAME_FEEDBACK_KIND_BALANCED_STEP:
      return REFRAME_SAFETY_SOURCE_THOUGHT_RECORD;
    case REFRAME_FEEDBACK_KIND_MOOD_PATTERN:
      return "mood-pattern";
    case REFRAME_FEEDBACK_N_KINDS:
    default:
      g_return_val_if_reached (REFRAME_SAFETY_SOURCE_JOURNAL);
    }
}

static ReframeCoachKind
offline_kind (ReframeFeedbackKind kind)
{
  switch (kind)
    {
    case REFRAME_FEEDBACK_KIND_THOUGHT_RECORD:
    case REFRAME_FEEDBACK_KIND_TRAPS_STEP:
    case REFRAME_FEEDBACK_KIND_BALANCED_STEP:
      return REFRAME_COACH_KIND_THOUGHT_RECORD;
    case REFRAME_FEEDBACK_KIND_CHECKIN:
    case REFRAME_FEEDBACK_KIND_MOOD_PATTERN:
      return REFRAME_COACH_KIND_CHECKIN;
    case REFRAME_FEEDBACK_KIND_JOURNAL:
    case REFRAME_FEEDBACK_N_KINDS:
    default:
      return REFRAME_COACH_KIND_JOURNAL;
    }
}

static guint
offline_coach_version (void)
{
  static gsize version;

  if (g_once_init_enter (&version))
    {
      g_autoptr(JsonNode) root = reframe_core_load_json ("coach/reflection.json");
      gint64 value = json_object_get_int_member_with_default (json_node_get_object (root),
                                                              "version", 1);

      g_once_init_leave (&version, (gsize) CLAMP (value, 1, 1000000));
    }
  return (guint) version;
}

/* Screens @text and records a hit once, by date and kind only. */
static void
screen_person_text (ReframeFeedbackSession *self,
                    const char             *text)
{
  g_autoptr(ReframeSafetyResult) result = NULL;
  g_autoptr(ReframeSafetyLog) log = NULL;
  g_autoptr(GError) error = NULL;

  if (text == NULL || *text == '\0')
    return;

  result = reframe_safety_screen (text);
  if (!result->hit)
    return;

  if (!self->crisis || result->kind < self->crisis_kind)
    self->crisis_kind = result->kind;
  self->crisis = TRUE;

  log = reframe_safety_log_new (self->database);
  if (!reframe_safety_log_record (log, result->kinds, safety_source (self->kind), NULL, &error))
    g_warning ("Could not record the safety event: %s", error->message);
}

static char *
list_trap_names (GPtrArray *matches)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < matches->len; i++)
    {
      ReframeTrapMatch *match = g_ptr_array_index (matches, i);
      const ReframeThinkingTrap *trap = reframe_thinking_traps_lookup (match->trap_id);

      if (trap != NULL)
        g_ptr_array_add (names, (gpointer) trap->name);
    }
  if (names->len == 0)
    return NULL;

  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static char *
build_system_prompt (ReframeFeedbackSession *self)
{
  GString *system = g_string_new (reframe_safety_get_instruction ());

  if (self->crisis)
    g_string_append (system,
                     "\n\nThe person's words show possible signs of a crisis. Follow the safety "
                     "rules above in this reply.");

  g_string_append (system, "\n\n");
  g_string_append (system, self->prompt->system);

  if (self->traps_hint != NULL && self->prompt->hint_template != NULL)
    {
      g_autofree char *hint = reframe_prompt_expand (self->prompt->hint_template,
                                                     "traps", self->traps_hint,
                                                     NULL);

      g_string_append (system, "\n\n");
      g_string_append (system, hint);
    }

  if (self->guidance != NULL && self->prompt->guidance_template != NULL)
    {
      g_autofree char *guidance = reframe_prompt_expand (self->prompt->guidance_template,
                                                         "guidance", self->guidance,
                                                         NULL);

      g_string_append (system, "\n\n");
      g_string_append (system, guidance);
    }

  return g_string_free (system, FALSE);
}

/* The messages of the next run, as strings owned by @strings: pairs of role and content. */
static void
build_messages (ReframeFeedbackSession  *self,
                GPtrArray               *strings,
                Turn                   **new_turn)
{
  guint n_turns = self->turns->len;

  g_ptr_array_add (strings, g_strdup ("system"));
  g_ptr_array_add (strings, build_system_prompt (self));

  /* Run again without a new question: the last turn is asked anew. */
  if (self->follow_up == NULL)
    n_turns--;

  for (guint i = 0; i < n_turns; i++)
    {
      Turn *turn = g_ptr_array_index (self->turns, i);

      g_ptr_array_add (strings, g_strdup ("user"));
      g_ptr_array_add (strings, g_strdup (turn->user_content));
      if (turn->reply != NULL)
        {
          g_ptr_array_add (strings, g_strdup ("assistant"));
          g_ptr_array_add (strings, g_strdup (turn->reply));
        }
    }

  if (self->follow_up != NULL)
    {
      Turn *turn = g_new0 (Turn, 1);

      turn->question = g_strdup (self->follow_up);
      turn->user_content = reframe_redactor_redact (self->redactor, self->follow_up, self->map);
      g_ptr_array_add (strings, g_strdup ("user"));
      g_ptr_array_add (strings, g_strdup (turn->user_content));
      if (new_turn != NULL)
        *new_turn = turn;
      else
        turn_free (turn);
    }
  else
    {
      Turn *last = g_ptr_array_index (self->turns, self->turns->len - 1);

      g_ptr_array_add (strings, g_strdup ("user"));
      g_ptr_array_add (strings, g_strdup (last->user_content));
    }
}

static const char *
describe_role (const char *role)
{
  if (g_str_equal (role, "system"))
    /* Translators: a heading in "What was sent": the instructions for the language model */
    return C_("message role", "Instructions");
  if (g_str_equal (role, "assistant"))
    /* Translators: a heading in "What was sent": an earlier answer of the language model */
    return C_("message role", "Earlier answer");
  /* Translators: a heading in "What was sent": the person's own text or question */
  return C_("message role", "You");
}

static char *
format_outgoing (GPtrArray *strings)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i + 1 < strings->len; i += 2)
    {
      const char *role = g_ptr_array_index (strings, i);
      const char *content = g_ptr_array_index (strings, i + 1);

      if (i > 0)
        g_string_append (out, "\n\n");
      g_string_append_printf (out, "── %s (%s) ──\n%s", describe_role (role), role,
                              content);
    }

  return g_string_free (out, FALSE);
}

static void
reframe_feedback_session_dispose (GObject *object)
{
  ReframeFeedbackSession *self = (ReframeFeedbackSession *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->database);
  g_clear_object (&self->record);
  g_clear_object (&self->redactor);
  g_clear_object (&self->last_answer);

  G_OBJECT_CLASS (reframe_feedback_session_parent_class)->dispose (object);
}

static void
reframe_feedback_session_finalize (GObject *object)
{
  ReframeFeedbackSession *self = (ReframeFeedbackSession *)object;

  g_clear_pointer (&self->config, reframe_feedback_config_free);
  g_free (self->record_uuid);
  g_free (self->text);
  g_free (self->guidance);
  g_free (self->traps_hint);
  g_free (self->url);
  g_clear_error (&self->url_error);
  g_free (self->host);
  g_clear_pointer (&self->map, reframe_redaction_map_unref);
  g_clear_pointer (&self->turns, g_ptr_array_unref);
  g_free (self->follow_up);

  G_OBJECT_CLASS (reframe_feedback_session_parent_class)->finalize (object);
}

static void
reframe_feedback_session_class_init (ReframeFeedbackSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reframe_feedback_session_dispose;
  object_class->finalize = reframe_feedback_session_finalize;
}

static void
reframe_feedback_session_init (ReframeFeedbackSession *self)
{
  self->turns = g_ptr_array_new_with_free_func ((GDestroyNotify) turn_free);
  self->map = reframe_redaction_map_new ();
}

/* @detect_text: what the offline coach looks for traps in, for the prompts that take a hint. */
static ReframeFeedbackSession *
session_new (ReframeDatabase             *database,
             const ReframeFeedbackConfig *config,
             ReframeFeedbackKind          kind,
             const char                  *record_uuid,
             const char                  *text,
             const char                  *detect_text,
             ReframeThoughtRecord        *record)
{
  ReframeFeedbackSession *self;
  g_autofree char *redacted = NULL;
  Turn *first;

  self = g_object_new (REFRAME_TYPE_FEEDBACK_SESSION, NULL);
  self->database = g_object_ref (database);
  self->store = g_object_ref (reframe_feedback_store_get_for_database (database));
  self->config = reframe_feedback_config_copy (config);
  self->kind = kind;
  self->record_uuid = g_strdup (record_uuid);
  self->text = g_strdup (text);
  self->record = record != NULL ? reframe_thought_record_copy (record) : NULL;
  self->prompt = reframe_prompts_for_kind (kind);

  /* 1. The crisis screen comes before anything else looks at the text. */
  screen_person_text (self, text);

  self->offline = reframe_feedback_config_is_offline (config);
  if (!self->offline)
    {
      const char *url = reframe_feedback_config_get_effective_url (config);

      if (url == NULL || *url == '\0')
        g_set_error_literal (&self->url_error, REFRAME_COACH_ERROR,
                             REFRAME_COACH_ERROR_INVALID_URL,
                             _("Enter the address of the server in Preferences first."));
      else
        self->url = reframe_provider_normalize_base_url (url, &self->url_error);
      if (self->url != NULL)
        self->host = reframe_provider_describe_host (self->url);
    }

  /* 2. What a provider would see. */
  self->redactor = reframe_redactor_new ((const char * const *) config->names_to_hide);
  redacted = reframe_redactor_redact (self->redactor, text, self->map);
  first = g_new0 (Turn, 1);
  first->user_content = reframe_prompt_expand (self->prompt->user_template,
                                               "text", redacted,
                                               NULL);
  g_ptr_array_add (self->turns, first);

  if (self->prompt->hint_template != NULL && !self->offline)
    {
      g_autoptr(GPtrArray) matches = NULL;

      matches = reframe_offline_coach_detect (reframe_offline_coach_get_default (),
                                              detect_text != NULL ? detect_text : text);
      self->traps_hint = list_trap_names (matches);
    }

  return self;
}

ReframeFeedbackSession *
reframe_feedback_session_new (ReframeDatabase             *database,
                              const ReframeFeedbackConfig *config,
                              ReframeFeedbackKind          kind,
                              const char                  *record_uuid,
                              const char                  *text)
{
  g_return_val_if_fail (REFRAME_IS_DATABASE (database), NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail ((guint) kind < REFRAME_FEEDBACK_N_KINDS, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return session_new (database, config, kind, record_uuid, text, NULL, NULL);
}

static void
append_field (GString    *out,
              const char *label,
              const char *value)
{
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return;
  trimmed = g_strstrip (g_strdup (value));
  if (*trimmed == '\0')
    return;
  g_string_append_printf (out, "%s: %s\n", label, trimmed);
}

static char *
describe_emotions (GPtrArray *emotions)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; emotions != NULL && i < emotions->len; i++)
    {
      const ReframeEmotionRating *rating = g_ptr_array_index (emotions, i);

      if (out->len > 0)
        g_string_append (out, ", ");
      if (rating->after >= 0)
        /* Translators: an emotion in a thought record sent to a language model: name,
         * intensity before and after the exercise, e.g. "Anxious (80% → 40%)" */
        g_string_append_printf (out, _("%s (%d%% → %d%%)"),
                                reframe_emotions_get_name (rating->emotion),
                                rating->intensity, rating->after);
      else
        /* Translators: an emotion and its intensity, e.g. "Anxious (80%)" */
        g_string_append_printf (out, _("%s (%d%%)"),
                                reframe_emotions_get_name (rating->emotion), rating->intensity);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The thought record as text for the model, in the person's language. */
static char *
assemble_thought_record (ReframeThoughtRecord *record,
                         GString              *thoughts_only)
{
  GString *out = g_string_new (NULL);
  GPtrArray *thoughts = reframe_thought_record_get_thoughts (record);
  const ReframeAutomaticThought *hot = reframe_thought_record_get_hot_thought (record);
  const char * const *traps = reframe_thought_record_get_traps (record);
  g_autofree char *emotions = describe_emotions (reframe_thought_record_get_emotions (record));
  int belief = reframe_thought_record_get_balanced_belief (record);
  const char *balanced;

  append_field (out, _("Situation"), reframe_thought_record_get_situation (record));
  append_field (out, _("Emotions"), emotions);

  if (thoughts != NULL && thoughts->len > 0)
    {
      g_string_append_printf (out, "%s:\n", _("Automatic thoughts"));
      for (guint i = 0; i < thoughts->len; i++)
        {
          const ReframeAutomaticThought *thought = g_ptr_array_index (thoughts, i);

          if (thought->text == NULL || *thought->text == '\0')
            continue;
          /* Translators: one automatic thought and how much it was believed (0–100%) */
          g_string_append_printf (out, _("- %s (believed %d%%)"), thought->text,
                                  thought->belief);
          if (thought == hot)
            /* Translators: marks the hot thought, the one the exercise works on */
            g_string_append_printf (out, " %s", _("[hot thought]"));
          g_string_append_c (out, '\n');
          g_string_append_printf (thoughts_only, "%s\n", thought->text);
        }
    }

  if (traps != NULL && traps[0] != NULL)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (guint i = 0; traps[i] != NULL; i++)
        {
          const ReframeThinkingTrap *trap = reframe_thinking_traps_lookup (traps[i]);

          g_ptr_array_add (names, (gpointer) (trap != NULL ? trap->name : traps[i]));
        }
      g_ptr_array_add (names, NULL);
      list = g_strjoinv (", ", (char **) names->pdata);
      append_field (out, _("Thinking traps I picked"), list);
    }

  append_field (out, _("Evidence for the hot thought"),
                reframe_thought_record_get_evidence_for (record));
  append_field (out, _("Evidence against the hot thought"),
                reframe_thought_record_get_evidence_against (record));
  balanced = reframe_thought_record_get_balanced_thought (record);
  if (belief >= 0 && balanced != NULL && *balanced != '\0')
    {
      /* Translators: the balanced thought and how much it is believed (0–100%) */
      g_autofree char *with_belief = g_strdup_printf (_("%s (believed %d%%)"), balanced, belief);

      append_field (out, _("Balanced thought"), with_belief);
    }
  else
    append_field (out, _("Balanced thought"), balanced);

  if (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

ReframeFeedbackSession *
reframe_feedback_session_new_for_thought_record (ReframeDatabase             *database,
                                                 const ReframeFeedbackConfig *config,
                                                 ReframeFeedbackKind          kind,
                                                 ReframeThoughtRecord        *record)
{
  g_autoptr(GString) thoughts = g_string_new (NULL);
  g_autofree char *text = NULL;

  g_return_val_if_fail (REFRAME_IS_DATABASE (database), NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (REFRAME_IS_THOUGHT_RECORD (record), NULL);
  g_return_val_if_fail (kind == REFRAME_FEEDBACK_KIND_THOUGHT_RECORD ||
                        kind == REFRAME_FEEDBACK_KIND_TRAPS_STEP ||
                        kind == REFRAME_FEEDBACK_KIND_BALANCED_STEP, NULL);

  text = assemble_thought_record (record, thoughts);
  return session_new (database, config, kind, reframe_thought_record_get_uuid (record), text,
                      thoughts->len > 0 ? thoughts->str : NULL, record);
}

ReframeFeedbackKind
reframe_feedback_session_get_kind (ReframeFeedbackSession *self)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_SESSION (self), REFRAME_FEEDBACK_KIND_JOURNAL);

  return self->kind;
}

const char *
reframe_feedback_session_get_record_uuid (ReframeFeedbackSession *self)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_SESSION (self), NULL);

  return self->record_uuid;
}

const char *
reframe_feedback_session_get_text (ReframeFeedbackSession *self)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_SESSION (self), NULL);

  return self->text;
}

void
reframe_feedback_session_set_guidance (ReframeFeedbackSession *self,
                                       const char             *guidance)
{
  g_return_if_fail (REFRAME_IS_FEEDBACK_SESSION (self));

  g_clear_pointer (&self->guidance, g_free);
  if (guidance != NULL && *guidance != '\0')
    self->guidance = reframe_redactor_redact (self->redactor, guidance, self->map);
}

gboolean
reframe_feedback_session_get_crisis (ReframeFeedbackSession *self,
                                     ReframeSafetyKind      *kind)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_SESSION (self), FALSE);

  if (kind != NULL)
    *kind = self->crisis ? self->crisis_kind : REFRAME_SAFETY_NONE;
  return self->crisis;
}

gboolean
reframe_feedback_session_is_offline (ReframeFeedbackSession *self)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_SESSION (self), TRUE);

  return self->offline;
}

gboolean
reframe_feedback_session_needs_consent (ReframeFeedbackSession *self)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_SESSION (self), TRUE);

  if (self->offline || self->url == NULL || self->consent_granted)
    return FALSE;
  if (reframe_provider_is_loopback (self->url))
    return FALSE;
  return !reframe_feedback_config_has_consent (self->config, self->url);
}

const char *
reframe_feedback_session_get_host (ReframeFeedbackSession *self)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_SESSION (self), NULL);

  return self->host;
}

const char *
reframe_feedback_session_get_url (ReframeFeedbackSession *self)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_SESSION (self), NULL);

  return self->url;
}

char *
reframe_feedback_session_dup_outgoing (ReframeFeedbackSession *self)
{
  g_autoptr(GPtrArray) strings = NULL;

  g_return_val_if_fail (REFRAME_IS_FEEDBACK_SESSION (self), NULL);

  if (self->offline)
    return NULL;

  strings = g_ptr_array_new_with_free_func (g_free);
  build_messages (self, strings, NULL);
  return format_outgoing (strings);
}

void
reframe_feedback_session_grant_consent (ReframeFeedbackSession *self)
{
  g_return_if_fail (REFRAME_IS_FEEDBACK_SESSION (self));

  self->consent_granted = TRUE;
}

void
reframe_feedback_session_add_follow_up (ReframeFeedbackSession *self,
                                        const char             *question)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (REFRAME_IS_FEEDBACK_SESSION (self));
  g_return_if_fail (question != NULL);

  trimmed = g_strstrip (g_strdup (question));
  if (*trimmed == '\0')
    return;

  screen_person_text (self, trimmed);
  g_free (self->follow_up);
  self->follow_up = g_steal_pointer (&trimmed);
}

const char *
reframe_feedback_session_get_follow_up (ReframeFeedbackSession *self)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_SESSION (self), NULL);

  return self->follow_up;
}

gboolean
reframe_feedback_session_is_running (ReframeFeedbackSession *self)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_SESSION (self), FALSE);

  return self->running;
}

ReframeFeedbackAnswer *
reframe_feedback_session_get_last_answer (ReframeFeedbackSession *self)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_SESSION (self), NULL);

  return self->last_answer;
}

/* Streaming */

static gboolean
is_word_byte (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

/* How much of @raw can be restored and shown now: not the last word, which may be the start
 * of "NAME-1" or "NAME 1", nor an opened bracket that may be a placeholder still arriving. */
static gsize
find_safe_end (const char *raw,
               gsize       len)
{
  gsize safe = len;
  gsize word;

  for (gsize i = len; i > 0 && len - i < MAX_PLACEHOLDER_LEN; i--)
    {
      char c = raw[i - 1];

      if (c == ']' || c == ')' || c == '}' || c == '>')
        break;
      if (c == '[' || c == '(' || c == '{' || c == '<')
        {
          safe = i - 1;
          if (safe > 0 && raw[safe - 1] == '\\')
            safe--;
          break;
        }
    }

  word = len;
  while (word > 0 && is_word_byte (raw[word - 1]))
    word--;
  /* "NAME 1": a label, one space and a number (or not yet one). */
  if (word > 0 && raw[word - 1] == ' ')
    {
      gboolean digits = TRUE;
      gsize label = word - 1;

      for (gsize i = word; i < len; i++)
        digits = digits && g_ascii_isdigit (raw[i]);
      while (label > 0 && g_ascii_isalpha (raw[label - 1]))
        label--;
      if (digits && label < word - 1)
        word = label;
    }

  return MIN (safe, word);
}

static void
screen_stream (RunData *data,
               gsize    from)
{
  g_autoptr(ReframeSafetyResult) result = NULL;
  gsize start = from > STREAM_SCREEN_WINDOW ? from - STREAM_SCREEN_WINDOW : 0;

  /* Start at a whole character. */
  while (start < data->shown->len && (data->shown->str[start] & 0xc0) == 0x80)
    start++;
  result = reframe_safety_screen_reply (data->shown->str + start);
  if (result->hit)
    data->hidden = TRUE;
}

/* Where the text that may be shown ends: before the newest words of @text. */
static gsize
find_display_end (const char *text,
                  gsize       len)
{
  gsize by_words = len;
  gsize by_bytes = len > STREAM_HOLD_BYTES ? len - STREAM_HOLD_BYTES : 0;

  for (guint words = 0; by_words > 0 && words < STREAM_HOLD_WORDS; words++)
    {
      while (by_words > 0 && g_ascii_isspace (text[by_words - 1]))
        by_words--;
      while (by_words > 0 && !g_ascii_isspace (text[by_words - 1]))
        by_words--;
    }

  /* Text without spaces (Chinese, Japanese) still streams, a character at a time. */
  while (by_bytes < len && (text[by_bytes] & 0xc0) == 0x80)
    by_bytes++;
  return MAX (by_words, by_bytes);
}

/* Restores raw[committed, end) into shown, screens it, and passes on what may be shown:
 * everything when @final, else all but the newest words. */
static void
commit_stream (ReframeFeedbackSession *self,
               RunData                *data,
               gsize                   end,
               gboolean                final)
{
  gsize display_end;

  if (end > data->committed)
    {
      g_autofree char *piece = g_strndup (data->raw->str + data->committed,
                                          end - data->committed);
      g_autofree char *restored = reframe_redactor_restore (self->map, piece);
      gsize before = data->shown->len;

      data->committed = end;
      g_string_append (data->shown, restored);
      if (!data->hidden && *restored != '\0')
        screen_stream (data, before);
    }

  if (data->hidden)
    return;

  display_end = final ? data->shown->len : find_display_end (data->shown->str, data->shown->len);
  if (display_end > data->displayed && data->on_delta != NULL)
    {
      g_autofree char *fragment = g_strndup (data->shown->str + data->displayed,
                                             display_end - data->displayed);

      data->on_delta (fragment, data->delta_data);
    }
  data->displayed = MAX (data->displayed, display_end);
}

static void
chat_delta_cb (ReframeLlmDeltaKind  kind,
               const char          *fragment,
               gpointer             user_data)
{
  GTask *task = user_data;
  ReframeFeedbackSession *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  if (kind != REFRAME_LLM_DELTA_TEXT)
    return;

  g_string_append (data->raw, fragment);
  commit_stream (self, data, find_safe_end (data->raw->str, data->raw->len), FALSE);
}

/* Saving */

static ReframeFeedbackAnswer *
new_answer (ReframeFeedbackSession *self,
            const char             *question)
{
  ReframeFeedbackAnswer *answer = _reframe_feedback_answer_new ();

  answer->uuid = g_uuid_string_random ();
  answer->record_uuid = g_strdup (self->record_uuid);
  answer->kind = self->kind;
  answer->created_at = g_date_time_new_now_local ();
  answer->question = g_strdup (question);
  return answer;
}

static gboolean
save_answer (ReframeFeedbackSession  *self,
             ReframeFeedbackAnswer   *answer,
             GError                 **error)
{
  if (!reframe_feedback_store_save (self->store, answer, error))
    return FALSE;
  g_set_object (&self->last_answer, answer);
  return TRUE;
}

/* Builds, screens and saves the answer of a provider from what arrived. */
static ReframeFeedbackAnswer *
save_provider_answer (ReframeFeedbackSession  *self,
                      RunData                 *data,
                      const ReframeLlmResult  *result,
                      gboolean                 stopped,
                      GError                 **error)
{
  g_autoptr(ReframeFeedbackAnswer) answer = NULL;
  g_autoptr(ReframeSafetyResult) screened = NULL;
  const char *raw = result->text != NULL ? result->text : "";

  answer = new_answer (self, data->new_turn ? data->new_turn->question : NULL);
  answer->provider_id = g_strdup (self->config->provider_id);
  answer->model = g_strdup (result->model != NULL && *result->model != '\0'
                            ? result->model
                            : self->config->model ? self->config->model : "");
  answer->prompt_id = g_strdup (self->prompt->id);
  answer->prompt_version = self->prompt->version;
  answer->text = reframe_redactor_restore (self->map, raw);
  answer->sent_text = g_strdup (data->sent_text);
  answer->ttft_ms = result->time_to_first_token_ms;
  answer->total_ms = result->total_time_ms >= 0
                     ? result->total_time_ms
                     : (g_get_monotonic_time () - data->start_us) / 1000;
  answer->prompt_tokens = result->prompt_tokens;
  answer->completion_tokens = result->completion_tokens;
  answer->cut_short = result->cut_short;
  answer->incomplete = stopped || result->incomplete;

  /* 5. The reply screen: method details or encouragement of harm hide the answer. */
  screened = reframe_safety_screen_reply (answer->text);
  if (screened->hit && !data->hidden)
    data->hidden = TRUE;
  answer->hidden_by_safety = data->hidden;
  if (screened->hit)
    {
      g_autoptr(ReframeSafetyLog) log = reframe_safety_log_new (self->database);
      g_autoptr(GError) log_error = NULL;

      if (!reframe_safety_log_record (log, screened->kinds, REFRAME_SAFETY_SOURCE_REPLY, NULL,
                                      &log_error))
        g_warning ("Could not record the safety event: %s", log_error->message);
    }

  if (!save_answer (self, answer, error))
    return NULL;
  return g_steal_pointer (&answer);
}

static void
chat_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReframeFeedbackSession *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(ReframeLlmResult) reply = NULL;
  g_autoptr(ReframeLlmResult) partial = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;
  g_autoptr(ReframeFeedbackAnswer) answer = NULL;

  self->running = FALSE;
  reply = reframe_llm_client_chat_finish (REFRAME_LLM_CLIENT (object), result, &partial, &error);

  if (reply == NULL)
    {
      /* Keep what arrived before Stop or the error, when there is any text. */
      if (partial != NULL && partial->text != NULL && *partial->text != '\0')
        {
          g_autoptr(ReframeFeedbackAnswer) kept = save_provider_answer (self, data, partial,
                                                                        TRUE, &save_error);

          if (kept == NULL)
            g_warning ("Could not keep the unfinished feedback: %s", save_error->message);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The rest of the text, now that no placeholder can still be arriving: screened whole
   * first, shown only if it passed. */
  commit_stream (self, data, data->raw->len, FALSE);
  answer = save_provider_answer (self, data, reply, FALSE, &save_error);
  if (answer != NULL && !data->hidden)
    commit_stream (self, data, data->raw->len, TRUE);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&save_error));
      return;
    }

  if (data->new_turn != NULL)
    {
      g_ptr_array_add (self->turns, g_steal_pointer (&data->new_turn));
      g_clear_pointer (&self->follow_up, g_free);
    }
  {
    Turn *turn = g_ptr_array_index (self->turns, self->turns->len - 1);

    g_free (turn->reply);
    /* A hidden reply is not repeated to the model as context. */
    turn->reply = answer->hidden_by_safety ? NULL : g_strdup (reply->text);
  }

  g_task_return_pointer (task, g_steal_pointer (&answer), g_object_unref);
}

static gboolean
run_offline_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  ReframeFeedbackSession *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(ReframeFeedbackAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  ReframeOfflineCoach *coach;

  self->running = FALSE;
  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;

  coach = reframe_offline_coach_get_default ();
  answer = new_answer (self, NULL);
  answer->provider_id = g_strdup ("builtin");
  answer->model = g_strdup ("");
  answer->prompt_id = g_strdup (OFFLINE_PROMPT_ID);
  answer->prompt_version = offline_coach_version ();
  answer->text = reframe_offline_coach_reflect (coach, offline_kind (self->kind),
                                                self->record != NULL ? NULL : self->text,
                                                self->record);
  answer->sent_text = g_strdup ("");
  answer->ttft_ms = -1;
  answer->total_ms = (g_get_monotonic_time () - data->start_us) / 1000;

  if (data->on_delta != NULL && *answer->text != '\0')
    data->on_delta (answer->text, data->delta_data);

  if (!save_answer (self, answer, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return G_SOURCE_REMOVE;
    }

  g_task_return_pointer (task, g_steal_pointer (&answer), g_object_unref);
  return G_SOURCE_REMOVE;
}

void
reframe_feedback_session_run_async (ReframeFeedbackSession   *self,
                                    ReframeFeedbackDeltaFunc  on_delta,
                                    gpointer                  delta_data,
                                    GDestroyNotify            delta_destroy,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;
  const ReframeProvider *provider;

  g_return_if_fail (REFRAME_IS_FEEDBACK_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, reframe_feedback_session_run_async);

  data = g_new0 (RunData, 1);
  data->on_delta = on_delta;
  data->delta_data = delta_data;
  data->delta_destroy = delta_destroy;
  data->start_us = g_get_monotonic_time ();
  data->raw = g_string_new (NULL);
  data->shown = g_string_new (NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  if (self->running)
    {
      g_task_return_new_error (task, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_FAILED,
                               _("Feedback is already on its way."));
      return;
    }

  /* 4a. The built-in coach: no client, no socket, nothing leaves the computer. */
  if (self->offline)
    {
      if (self->follow_up != NULL)
        {
          g_task_return_new_error (task, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_FAILED,
                                   _("The built-in coach cannot answer questions. Choose a "
                                     "language model in Preferences to ask one."));
          return;
        }
      self->running = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, run_offline_cb, g_steal_pointer (&task), NULL);
      return;
    }

  if (self->url == NULL)
    {
      g_task_return_error (task, g_error_copy (self->url_error));
      return;
    }

  /* 3. Consent: nothing is sent to a provider elsewhere before the person agreed. */
  if (reframe_feedback_session_needs_consent (self))
    {
      g_task_return_new_error (task, REFRAME_COACH_ERROR, REFRAME_COACH_ERROR_CONSENT_REQUIRED,
                               _("Reframe sends nothing to %s until you agree."), self->host);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  data->strings = g_ptr_array_new_with_free_func (g_free);
  build_messages (self, data->strings, &data->new_turn);
  data->sent_text = format_outgoing (data->strings);
  data->n_messages = data->strings->len / 2;
  data->messages = g_new0 (ReframeLlmMessage, data->n_messages);
  for (guint i = 0; i < data->n_messages; i++)
    {
      data->messages[i].role = g_ptr_array_index (data->strings, 2 * i);
      data->messages[i].content = g_ptr_array_index (data->strings, 2 * i + 1);
    }

  /* 4b. The language model. */
  data->client = reframe_llm_client_new (self->url, self->config->api_key, self->config->model);
  provider = reframe_provider_lookup (self->config->provider_id);
  if (provider != NULL && provider->kind != REFRAME_PROVIDER_CUSTOM)
    reframe_llm_client_set_provider (data->client, provider->kind);

  self->running = TRUE;
  reframe_llm_client_chat_async (data->client, data->messages, data->n_messages,
                                 chat_delta_cb, task, NULL, cancellable,
                                 chat_done_cb, g_object_ref (task));
}

ReframeFeedbackAnswer *
reframe_feedback_session_run_finish (ReframeFeedbackSession  *self,
                                     GAsyncResult            *result,
                                     GError                 **error)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        reframe_feedback_session_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
