/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-feedback-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-application.h"
#include "reframe-coach-error.h"
#include "reframe-consent-dialog.h"
#include "reframe-date.h"
#include "reframe-feedback-config.h"
#include "reframe-feedback-panel.h"
#include "reframe-feedback-session.h"
#include "reframe-preferences-window.h"
#include "reframe-provider.h"
#include "reframe-safety-panel.h"
#include "reframe-secrets.h"
#include "reframe-window.h"

/* A conversation about one record stays short: a first answer and this many follow-ups. */
#define MAX_FOLLOW_UPS 5

typedef char ReframeApiKey;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeApiKey, reframe_secrets_free_key)

typedef enum
{
  STATE_IDLE,
  STATE_PREPARING,   /* looking up the key */
  STATE_SAFETY,      /* the crisis panel is up */
  STATE_CONSENT,     /* the consent dialog is up */
  STATE_RUNNING,     /* an answer is streaming */
} PanelState;

/* One answer on screen: saved (answer set) or streaming in (answer NULL). */
typedef struct
{
  ReframeFeedbackPanel  *panel;
  ReframeFeedbackAnswer *answer;
  GString               *text;
  gboolean               offline;
  gboolean               revealed;    /* a reply held back by the safety screen, shown anyway */

  GtkWidget             *card;
  GtkWidget             *question_box;
  GtkLabel              *question_label;
  GtkLabel              *badge;
  GtkLabel              *meta_label;
  GtkSpinner            *spinner;
  GtkLabel              *text_label;
  GtkWidget             *hidden_box;
  GtkLabel              *note_label;
  GtkWidget             *stop_button;
  GtkWidget             *actions_box;
  GtkToggleButton       *helpful_button;
  GtkToggleButton       *unhelpful_button;
  GtkWidget             *regenerate_button;
  GtkRevealer           *reason_revealer;
  GtkEntry              *reason_entry;
  GtkLabel              *reason_label;
  GtkToggleButton       *sent_button;
  GtkRevealer           *sent_revealer;
  GtkLabel              *sent_label;
  gboolean               updating;
} AnswerView;

struct _ReframeFeedbackPanel
{
  AdwBin                  parent_instance;

  ReframeFeedbackKind     kind;
  char                   *record_uuid;
  gboolean                show_intro;
  PanelState              state;
  GSettings              *settings;

  /* The request being prepared */
  char                   *pending_text;
  ReframeThoughtRecord   *pending_record;
  char                   *pending_question;
  ReframeFeedbackConfig  *config;

  /* The live conversation */
  ReframeFeedbackSession *session;
  GCancellable           *cancellable;
  gboolean                stopping;
  guint                   n_follow_ups;
  GPtrArray              *views;       /* AnswerView, oldest first */
  AnswerView             *streaming;
  ReframeConsentDialog   *consent_dialog;

  /* Template widgets */
  GtkWidget              *intro_box;
  GtkLabel               *intro_label;
  GtkImage               *source_icon;
  GtkLabel               *source_label;
  GtkWidget              *get_button;
  GtkLabel               *status_label;
  ReframeSafetyPanel     *safety_panel;
  GtkBox                 *answers_box;
  GtkWidget              *error_box;
  GtkLabel               *error_label;
  GtkWidget              *preferences_button;
  GtkWidget              *follow_up_box;
  GtkEntry               *follow_up_entry;
  GtkWidget              *follow_up_limit_label;
  GtkWidget              *disclaimer_label;
};

G_DEFINE_FINAL_TYPE (ReframeFeedbackPanel, reframe_feedback_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_KIND,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void run_session (ReframeFeedbackPanel *self);
static void update_chrome (ReframeFeedbackPanel *self);

/* The store */

ReframeFeedbackStore *
reframe_feedback_panel_get_store (void)
{
  ReframeApplication *app = REFRAME_APPLICATION_DEFAULT;
  ReframeDatabase *database;

  if (app == NULL || (database = reframe_application_get_database (app)) == NULL)
    return NULL;

  /* The store sessions save into, so every panel sees the same answers and signals. */
  return reframe_feedback_store_get_for_database (database);
}

/* Light Markdown in answers: models write **bold**, *italic*, headings and lists. */

static char *
render_inline (const char *escaped)
{
  static GRegex *bold;
  static GRegex *italic;
  static GRegex *code;
  g_autofree char *step1 = NULL;
  g_autofree char *step2 = NULL;

  if (g_once_init_enter (&bold))
    {
      italic = g_regex_new ("(?<![\\w*])\\*(?![\\s*])(.+?)(?<![\\s*])\\*(?![\\w*])", 0, 0, NULL);
      code = g_regex_new ("`([^`]+)`", 0, 0, NULL);
      g_once_init_leave (&bold, g_regex_new ("\\*\\*(?!\\s)(.+?)(?<!\\s)\\*\\*", 0, 0, NULL));
    }

  step1 = g_regex_replace (bold, escaped, -1, 0, "<b>\\1</b>", 0, NULL);
  step2 = g_regex_replace (italic, step1 ? step1 : escaped, -1, 0, "<i>\\1</i>", 0, NULL);
  return g_regex_replace (code, step2 ? step2 : escaped, -1, 0, "<tt>\\1</tt>", 0, NULL);
}

static char *
render_markdown (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *result = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *content = line;
      gboolean heading = FALSE;
      g_autofree char *escaped = NULL;
      g_autofree char *inline_markup = NULL;

      while (*content == ' ')
        content++;

      if (i > 0)
        g_string_append_c (markup, '\n');

      if (*content == '#')
        {
          while (*content == '#')
            content++;
          if (*content == ' ')
            {
              content++;
              heading = TRUE;
            }
          else
            content = line;
        }
      else if ((content[0] == '-' || content[0] == '*' || content[0] == '+') && content[1] == ' ')
        {
          /* Translators: the bullet of a list item in an answer */
          g_string_append (markup, content > line ? "    • " : "• ");
          content += 2;
        }
      else
        content = line;

      escaped = g_markup_escape_text (content, -1);
      inline_markup = render_inline (escaped);
      if (heading)
        g_string_append_printf (markup, "<b>%s</b>", inline_markup);
      else
        g_string_append (markup, inline_markup);
    }

  /* Emphasis that crosses itself would not parse: fall back to the plain text. */
  if (!pango_parse_markup (markup->str, -1, 0, NULL, NULL, NULL, NULL))
    return g_markup_escape_text (text, -1);

  result = g_string_free (g_steal_pointer (&markup), FALSE);
  return g_steal_pointer (&result);
}

/* Describing where feedback comes from */

static gboolean
provider_is_offline (const char *provider_id)
{
  const ReframeProvider *provider = provider_id ? reframe_provider_lookup (provider_id) : NULL;

  return provider == NULL || provider->kind == REFRAME_PROVIDER_BUILTIN;
}

static void
update_source (ReframeFeedbackPanel *self)
{
  g_autoptr(ReframeFeedbackConfig) config = reframe_feedback_config_new_from_settings (self->settings);
  const ReframeProvider *provider = reframe_provider_lookup (config->provider_id);
  const char *url = reframe_feedback_config_get_effective_url (config);
  g_autofree char *host = url ? reframe_provider_describe_host (url) : NULL;
  g_autofree char *text = NULL;
  const char *icon = "computer-symbolic";

  if (reframe_feedback_config_is_offline (config) || provider == NULL)
    text = g_strdup (_("From the built-in coach, on this computer. Nothing is sent."));
  else if (url == NULL)
    {
      text = g_strdup (_("Choose the server’s address in Preferences first."));
      icon = "dialog-warning-symbolic";
    }
  else if (reframe_provider_is_loopback (url))
    {
      /* Translators: %s is a provider such as "Ollama" */
      text = g_strdup_printf (_("From %s on this computer. Nothing leaves it."), provider->name);
    }
  else if (reframe_feedback_config_has_consent (config, url))
    {
      icon = "network-server-symbolic";
      /* Translators: %s is a server such as "api.openai.com" */
      text = g_strdup_printf (_("From a language model at %s. Your words are sent there."),
                              host);
    }
  else
    {
      icon = "network-server-symbolic";
      /* Translators: %s is a server such as "api.openai.com" */
      text = g_strdup_printf (_("From a language model at %s. You’ll see what would be sent "
                                "before anything leaves this computer."), host);
    }

  gtk_image_set_from_icon_name (self->source_icon, icon);
  gtk_label_set_label (self->source_label, text);
}

static const char *
describe_kind (ReframeFeedbackKind kind)
{
  switch (kind)
    {
    case REFRAME_FEEDBACK_KIND_JOURNAL:
      return _("A second look at this entry: what you seem to be feeling, thinking traps that "
               "might be in it, and a few questions to consider.");
    case REFRAME_FEEDBACK_KIND_CHECKIN:
      return _("A second look at your note: what you seem to be feeling, and a question or "
               "two to consider.");
    case REFRAME_FEEDBACK_KIND_THOUGHT_RECORD:
      return _("A second look at this thought record: how the balanced thought holds up, and "
               "what else might be worth considering.");
    case REFRAME_FEEDBACK_KIND_TRAPS_STEP:
    case REFRAME_FEEDBACK_KIND_BALANCED_STEP:
    case REFRAME_FEEDBACK_KIND_MOOD_PATTERN:
    case REFRAME_FEEDBACK_N_KINDS:
    default:
      return _("A second look at what you wrote, with a few questions to consider.");
    }
}

/* Answer views */

static void
answer_view_free (AnswerView *view)
{
  g_clear_object (&view->answer);
  if (view->text != NULL)
    g_string_free (view->text, TRUE);
  g_free (view);
}

static gboolean
is_last_view (AnswerView *view)
{
  GPtrArray *views = view->panel->views;

  return views->len > 0 && g_ptr_array_index (views, views->len - 1) == view;
}

static void
update_view_text (AnswerView *view)
{
  gboolean hidden = view->answer != NULL &&
                    reframe_feedback_answer_get_hidden_by_safety (view->answer) &&
                    !view->revealed;
  g_autofree char *markup = NULL;

  gtk_widget_set_visible (view->hidden_box, hidden);
  gtk_widget_set_visible (GTK_WIDGET (view->text_label), !hidden && view->text->len > 0);
  if (hidden)
    return;

  markup = render_markdown (view->text->str);
  gtk_label_set_markup (view->text_label, markup);
}

static void
update_view_meta (AnswerView *view)
{
  ReframeFeedbackAnswer *answer = view->answer;
  g_autoptr(GString) meta = g_string_new (NULL);

  if (answer == NULL)
    {
      g_string_append (meta, view->text->len > 0 ? _("Writing…") : _("Thinking…"));
    }
  else
    {
      GDateTime *created = reframe_feedback_answer_get_created_at (answer);
      const char *model = reframe_feedback_answer_get_model (answer);

      if (!view->offline && model != NULL && model[0] != '\0')
        {
          g_string_append (meta, model);
          /* Translators: separates the model and the time of an answer */
          g_string_append (meta, _(" · "));
        }
      if (created != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (created);
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *day = reframe_date_format_day (local, now);
          g_autofree char *time = reframe_date_format_time (local);

          /* Translators: when an answer was given, e.g. "Today at 14:05" */
          g_string_append_printf (meta, _("%s at %s"), day, time);
        }
    }

  gtk_label_set_label (view->meta_label, meta->str);
}

static void
update_view_note (AnswerView *view,
                  const char *extra)
{
  const char *note = extra;

  if (note == NULL && view->answer != NULL)
    {
      if (reframe_feedback_answer_get_cut_short (view->answer))
        note = _("The answer stops here: the model reached its length limit.");
      else if (reframe_feedback_answer_get_incomplete (view->answer))
        note = _("This answer was not finished.");
    }

  gtk_label_set_label (view->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (view->note_label), note != NULL);
}

static void
update_view_rating (AnswerView *view)
{
  int rating = view->answer ? reframe_feedback_answer_get_rating (view->answer) : 0;
  const char *reason = view->answer ? reframe_feedback_answer_get_rating_reason (view->answer) : NULL;

  view->updating = TRUE;
  gtk_toggle_button_set_active (view->helpful_button, rating > 0);
  gtk_toggle_button_set_active (view->unhelpful_button, rating < 0);
  view->updating = FALSE;

  if (reason != NULL && reason[0] != '\0')
    {
      g_autofree char *quoted = NULL;

      /* Translators: the reason the person gave for a rating, in quotation marks */
      quoted = g_strdup_printf (_("“%s”"), reason);
      gtk_label_set_label (view->reason_label, quoted);
    }
  gtk_widget_set_visible (GTK_WIDGET (view->reason_label), reason != NULL && reason[0] != '\0');
}

static void
update_view_actions (AnswerView *view)
{
  ReframeFeedbackPanel *self = view->panel;
  gboolean streaming = view->answer == NULL;

  gtk_widget_set_visible (view->stop_button, streaming && self->state == STATE_RUNNING &&
                          self->streaming == view);
  gtk_widget_set_visible (GTK_WIDGET (view->spinner), streaming && self->streaming == view);
  gtk_spinner_set_spinning (view->spinner, streaming && self->streaming == view);
  gtk_widget_set_visible (view->actions_box, !streaming);
  gtk_widget_set_visible (view->regenerate_button,
                          !streaming && is_last_view (view) && self->state == STATE_IDLE);
}

static void
rate (AnswerView *view,
      int         rating,
      const char *reason)
{
  ReframeFeedbackStore *store = reframe_feedback_panel_get_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeFeedbackAnswer) updated = NULL;
  const char *uuid;

  if (view->answer == NULL || store == NULL)
    return;

  uuid = reframe_feedback_answer_get_uuid (view->answer);
  if (!reframe_feedback_store_rate (store, uuid, rating, reason, &error) ||
      (updated = reframe_feedback_store_get (store, uuid, &error)) == NULL)
    {
      reframe_widget_show_error (GTK_WIDGET (view->panel), _("Could Not Save the Rating"), error);
      update_view_rating (view);
      return;
    }

  g_set_object (&view->answer, updated);
  update_view_rating (view);
}

static void
rating_toggled_cb (GtkToggleButton *button,
                   AnswerView      *view)
{
  gboolean helpful = button == view->helpful_button;
  int rating = 0;

  if (view->updating)
    return;

  if (gtk_toggle_button_get_active (button))
    rating = helpful ? 1 : -1;

  rate (view, rating, NULL);

  /* Asking why is optional, and only right after a rating. */
  gtk_entry_set_placeholder_text (view->reason_entry,
                                  helpful ? _("What helped? (optional)")
                                          : _("What was wrong with it? (optional)"));
  gtk_editable_set_text (GTK_EDITABLE (view->reason_entry), "");
  gtk_revealer_set_reveal_child (view->reason_revealer, rating != 0);
  if (rating != 0)
    gtk_widget_grab_focus (GTK_WIDGET (view->reason_entry));
}

static void
reason_activate_cb (GtkEntry   *entry,
                    AnswerView *view)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  int rating = view->answer ? reframe_feedback_answer_get_rating (view->answer) : 0;

  if (rating != 0 && reason[0] != '\0')
    rate (view, rating, reason);
  gtk_revealer_set_reveal_child (view->reason_revealer, FALSE);
}

static void
reason_save_clicked_cb (GtkButton  *button,
                        AnswerView *view)
{
  reason_activate_cb (view->reason_entry, view);
}

static void
sent_toggled_cb (GtkToggleButton *button,
                 AnswerView      *view)
{
  gtk_revealer_set_reveal_child (view->sent_revealer, gtk_toggle_button_get_active (button));
}

static void
reveal_clicked_cb (GtkButton  *button,
                   AnswerView *view)
{
  view->revealed = TRUE;
  update_view_text (view);
}

static GtkWidget *
create_icon_toggle (const char *icon_name,
                    const char *tooltip)
{
  GtkWidget *button = gtk_toggle_button_new ();

  gtk_button_set_icon_name (GTK_BUTTON (button), icon_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_add_css_class (button, "feedback-rating");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static void
bind_view (AnswerView            *view,
           ReframeFeedbackAnswer *answer)
{
  const char *question;
  const char *sent;

  g_set_object (&view->answer, answer);
  view->offline = provider_is_offline (reframe_feedback_answer_get_provider_id (answer));

  g_string_assign (view->text, reframe_feedback_answer_get_text (answer) ?: "");

  question = reframe_feedback_answer_get_question (answer);
  if (question != NULL && question[0] != '\0')
    gtk_label_set_label (view->question_label, question);
  gtk_widget_set_visible (view->question_box, question != NULL && question[0] != '\0');

  sent = reframe_feedback_answer_get_sent_text (answer);
  if (sent == NULL || sent[0] == '\0')
    gtk_label_set_label (view->sent_label,
                         _("Nothing was sent: the built-in coach runs on this computer."));
  else
    gtk_label_set_label (view->sent_label, sent);
  gtk_widget_set_visible (GTK_WIDGET (view->sent_button), TRUE);

  update_view_text (view);
  update_view_meta (view);
  update_view_note (view, NULL);
  update_view_rating (view);
}

static void
set_view_badge (AnswerView *view,
                gboolean    offline,
                const char *model)
{
  view->offline = offline;
  gtk_widget_remove_css_class (GTK_WIDGET (view->badge), offline ? "ai-badge" : "coach-badge");
  gtk_widget_add_css_class (GTK_WIDGET (view->badge), offline ? "coach-badge" : "ai-badge");
  /* Translators: a badge on feedback written by a language model */
  gtk_label_set_label (view->badge, offline ? _("Built-in coach") : C_("badge", "AI"));
  if (offline)
    gtk_widget_set_tooltip_text (GTK_WIDGET (view->badge),
                                 _("Written by Reframe’s built-in coach, on this computer"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (view->badge),
                                 _("Written by a language model. It can be wrong."));
}

static AnswerView *
create_view (ReframeFeedbackPanel *self,
             gboolean              offline,
             const char           *question)
{
  AnswerView *view = g_new0 (AnswerView, 1);
  GtkWidget *header;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *button;
  GtkWidget *spacer;
  GtkWidget *scroller;

  view->panel = self;
  view->text = g_string_new (NULL);

  view->card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_add_css_class (view->card, "card");
  gtk_widget_add_css_class (view->card, "feedback-answer");

  /* The follow-up question this answers */
  view->question_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (view->question_box, "feedback-question");
  label = gtk_label_new (_("You asked"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (view->question_box), label);
  view->question_label = GTK_LABEL (gtk_label_new (question));
  gtk_label_set_xalign (view->question_label, 0);
  gtk_label_set_wrap (view->question_label, TRUE);
  gtk_label_set_max_width_chars (view->question_label, 24);
  gtk_label_set_wrap_mode (view->question_label, PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (view->question_box), GTK_WIDGET (view->question_label));
  gtk_widget_set_visible (view->question_box, question != NULL);
  gtk_box_append (GTK_BOX (view->card), view->question_box);

  /* Badge, model and time */
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  view->badge = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (view->badge), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (view->badge), "feedback-badge");
  set_view_badge (view, offline, NULL);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (view->badge));
  view->meta_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (view->meta_label, 0);
  gtk_label_set_ellipsize (view->meta_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (view->meta_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (view->meta_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (view->meta_label), "caption");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (view->meta_label));
  view->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (view->spinner));
  gtk_box_append (GTK_BOX (view->card), header);

  /* The answer */
  view->text_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (view->text_label, 0);
  gtk_label_set_yalign (view->text_label, 0);
  gtk_label_set_wrap (view->text_label, TRUE);
  gtk_label_set_max_width_chars (view->text_label, 24);
  gtk_label_set_wrap_mode (view->text_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (view->text_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (view->text_label), "feedback-text");
  gtk_widget_set_visible (GTK_WIDGET (view->text_label), FALSE);
  gtk_box_append (GTK_BOX (view->card), GTK_WIDGET (view->text_label));

  /* A reply the safety screen held back */
  view->hidden_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (view->hidden_box, "feedback-held-back");
  label = gtk_label_new (_("This reply was held back because parts of it may not be helpful "
                           "or safe to read right now. Crisis lines are in the main menu "
                           "whenever you need them."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (view->hidden_box), label);
  button = gtk_button_new_with_mnemonic (_("_Show the Reply"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_signal_connect (button, "clicked", G_CALLBACK (reveal_clicked_cb), view);
  gtk_box_append (GTK_BOX (view->hidden_box), button);
  gtk_widget_set_visible (view->hidden_box, FALSE);
  gtk_box_append (GTK_BOX (view->card), view->hidden_box);

  /* Cut short, stopped */
  view->note_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (view->note_label, 0);
  gtk_label_set_wrap (view->note_label, TRUE);
  gtk_label_set_max_width_chars (view->note_label, 24);
  gtk_widget_add_css_class (GTK_WIDGET (view->note_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (view->note_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (view->note_label), FALSE);
  gtk_box_append (GTK_BOX (view->card), GTK_WIDGET (view->note_label));

  /* Stop, while it streams */
  view->stop_button = gtk_button_new ();
  {
    GtkWidget *content = adw_button_content_new ();

    adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "media-playback-stop-symbolic");
    adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Stop"));
    adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
    gtk_button_set_child (GTK_BUTTON (view->stop_button), content);
  }
  gtk_widget_set_halign (view->stop_button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (view->stop_button), "feedback.stop");
  gtk_widget_set_tooltip_text (view->stop_button, _("Stop the Answer (Escape)"));
  gtk_widget_set_visible (view->stop_button, FALSE);
  gtk_box_append (GTK_BOX (view->card), view->stop_button);

  /* Rating, what was sent, regenerate */
  view->actions_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  view->helpful_button = GTK_TOGGLE_BUTTON (create_icon_toggle ("reframe-helpful-symbolic",
                                                                _("Helpful")));
  g_signal_connect (view->helpful_button, "toggled", G_CALLBACK (rating_toggled_cb), view);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view->helpful_button));
  view->unhelpful_button = GTK_TOGGLE_BUTTON (create_icon_toggle ("reframe-not-helpful-symbolic",
                                                                  _("Not Helpful")));
  g_signal_connect (view->unhelpful_button, "toggled", G_CALLBACK (rating_toggled_cb), view);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view->unhelpful_button));
  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (box), spacer);
  view->sent_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("What Was _Sent")));
  gtk_widget_add_css_class (GTK_WIDGET (view->sent_button), "flat");
  gtk_widget_set_valign (GTK_WIDGET (view->sent_button), GTK_ALIGN_CENTER);
  g_signal_connect (view->sent_button, "toggled", G_CALLBACK (sent_toggled_cb), view);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view->sent_button));
  view->regenerate_button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_tooltip_text (view->regenerate_button, _("Regenerate"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (view->regenerate_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Regenerate"), -1);
  gtk_widget_add_css_class (view->regenerate_button, "flat");
  gtk_widget_add_css_class (view->regenerate_button, "circular");
  gtk_widget_set_valign (view->regenerate_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (view->regenerate_button), "feedback.regenerate");
  gtk_box_append (GTK_BOX (box), view->regenerate_button);
  gtk_box_append (GTK_BOX (view->actions_box), box);

  view->reason_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (view->reason_label, 0);
  gtk_label_set_wrap (view->reason_label, TRUE);
  gtk_label_set_max_width_chars (view->reason_label, 24);
  gtk_widget_add_css_class (GTK_WIDGET (view->reason_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (view->reason_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (view->reason_label), FALSE);
  gtk_box_append (GTK_BOX (view->actions_box), GTK_WIDGET (view->reason_label));

  view->reason_revealer = GTK_REVEALER (gtk_revealer_new ());
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "linked");
  view->reason_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (view->reason_entry), TRUE);
  gtk_entry_set_max_length (view->reason_entry, 500);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view->reason_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  g_signal_connect (view->reason_entry, "activate", G_CALLBACK (reason_activate_cb), view);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view->reason_entry));
  button = gtk_button_new_with_mnemonic (_("_Save"));
  g_signal_connect (button, "clicked", G_CALLBACK (reason_save_clicked_cb), view);
  gtk_box_append (GTK_BOX (box), button);
  gtk_revealer_set_child (view->reason_revealer, box);
  gtk_box_append (GTK_BOX (view->actions_box), GTK_WIDGET (view->reason_revealer));

  view->sent_revealer = GTK_REVEALER (gtk_revealer_new ());
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_add_css_class (scroller, "feedback-sent");
  view->sent_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (view->sent_label, 0);
  gtk_label_set_yalign (view->sent_label, 0);
  gtk_label_set_wrap (view->sent_label, TRUE);
  gtk_label_set_max_width_chars (view->sent_label, 24);
  gtk_label_set_wrap_mode (view->sent_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (view->sent_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (view->sent_label), "monospace");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view->sent_label));
  gtk_revealer_set_child (view->sent_revealer, scroller);
  gtk_box_append (GTK_BOX (view->actions_box), GTK_WIDGET (view->sent_revealer));

  gtk_widget_set_visible (view->actions_box, FALSE);
  gtk_box_append (GTK_BOX (view->card), view->actions_box);

  gtk_box_append (self->answers_box, view->card);
  g_ptr_array_add (self->views, view);

  update_view_meta (view);
  return view;
}

static gboolean
has_view_for (ReframeFeedbackPanel  *self,
              ReframeFeedbackAnswer *answer)
{
  const char *uuid = reframe_feedback_answer_get_uuid (answer);

  for (guint i = 0; i < self->views->len; i++)
    {
      AnswerView *view = g_ptr_array_index (self->views, i);

      if (view->answer != NULL && g_strcmp0 (reframe_feedback_answer_get_uuid (view->answer), uuid) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
clear_views (ReframeFeedbackPanel *self)
{
  for (guint i = 0; i < self->views->len; i++)
    {
      AnswerView *view = g_ptr_array_index (self->views, i);

      gtk_box_remove (self->answers_box, view->card);
    }
  g_ptr_array_set_size (self->views, 0);
  self->streaming = NULL;
}

static void
remove_view (ReframeFeedbackPanel *self,
             AnswerView           *view)
{
  if (self->streaming == view)
    self->streaming = NULL;
  gtk_box_remove (self->answers_box, view->card);
  g_ptr_array_remove (self->views, view);
}

static void
load_answers (ReframeFeedbackPanel *self)
{
  ReframeFeedbackStore *store = reframe_feedback_panel_get_store ();
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) error = NULL;

  clear_views (self);

  if (self->record_uuid == NULL || store == NULL)
    return;

  answers = reframe_feedback_store_list_for_record (store, self->record_uuid, &error);
  if (answers == NULL)
    {
      g_warning ("Could not read the feedback saved with %s: %s", self->record_uuid,
                 error->message);
      return;
    }

  for (guint i = 0; i < answers->len; i++)
    {
      ReframeFeedbackAnswer *answer = g_ptr_array_index (answers, i);
      AnswerView *view;

      if (reframe_feedback_answer_get_kind (answer) != self->kind)
        continue;

      view = create_view (self, provider_is_offline (reframe_feedback_answer_get_provider_id (answer)),
                          NULL);
      bind_view (view, answer);
    }
}

/* State */

static void
set_state (ReframeFeedbackPanel *self,
           PanelState            state)
{
  gboolean was_busy = self->state != STATE_IDLE;

  self->state = state;
  update_chrome (self);

  if (was_busy != (state != STATE_IDLE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_chrome (ReframeFeedbackPanel *self)
{
  gboolean has_answers = self->views->len > 0;
  gboolean idle = self->state == STATE_IDLE;
  gboolean safety = self->state == STATE_SAFETY;
  gboolean can_follow_up;
  gboolean show_anything;

  for (guint i = 0; i < self->views->len; i++)
    update_view_actions (g_ptr_array_index (self->views, i));

  gtk_widget_set_visible (self->intro_box, self->show_intro && !has_answers && !safety &&
                          self->state != STATE_RUNNING &&
                          !gtk_widget_get_visible (self->error_box));
  gtk_widget_set_visible (GTK_WIDGET (self->safety_panel), safety);
  gtk_widget_set_visible (self->disclaimer_label, has_answers);

  /* A conversation needs a live session with a model; the built-in coach does not chat. */
  can_follow_up = self->session != NULL && has_answers &&
                  !reframe_feedback_session_is_offline (self->session);
  gtk_widget_set_visible (self->follow_up_box,
                          can_follow_up && self->n_follow_ups < MAX_FOLLOW_UPS && idle);
  gtk_widget_set_visible (self->follow_up_limit_label,
                          can_follow_up && self->n_follow_ups >= MAX_FOLLOW_UPS);
  gtk_widget_set_sensitive (self->follow_up_box, idle);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.get", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.retry", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.regenerate", idle && has_answers);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.stop",
                                 self->state == STATE_RUNNING || self->state == STATE_PREPARING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.ask",
                                 idle && gtk_entry_get_text_length (self->follow_up_entry) > 0);

  show_anything = self->show_intro || has_answers || !idle ||
                  gtk_widget_get_visible (self->error_box) ||
                  gtk_widget_get_visible (GTK_WIDGET (self->status_label));
  gtk_widget_set_visible (GTK_WIDGET (self), show_anything);
}

static void
hide_messages (ReframeFeedbackPanel *self)
{
  gtk_widget_set_visible (self->error_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
}

static void
show_error (ReframeFeedbackPanel *self,
            const GError         *error)
{
  gboolean settings_error = error->domain == REFRAME_COACH_ERROR &&
                            (error->code == REFRAME_COACH_ERROR_INVALID_URL ||
                             error->code == REFRAME_COACH_ERROR_NO_MODEL ||
                             error->code == REFRAME_COACH_ERROR_UNAUTHORIZED ||
                             error->code == REFRAME_COACH_ERROR_MODEL_NOT_FOUND ||
                             error->code == REFRAME_COACH_ERROR_CONNECTION_REFUSED ||
                             error->code == REFRAME_COACH_ERROR_HOST_NOT_FOUND);

  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (self->preferences_button, settings_error);
  gtk_widget_set_visible (self->error_box, TRUE);
}

static void
cancel_request (ReframeFeedbackPanel *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->consent_dialog != NULL)
    {
      ReframeConsentDialog *dialog = g_steal_pointer (&self->consent_dialog);

      g_signal_handlers_disconnect_by_data (dialog, self);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  if (self->streaming != NULL)
    {
      AnswerView *view = self->streaming;

      self->streaming = NULL;
      if (view->text->len == 0)
        remove_view (self, view);
    }

  g_clear_pointer (&self->pending_text, g_free);
  g_clear_pointer (&self->pending_question, g_free);
  g_clear_object (&self->pending_record);
}

/* Running */

static void
delta_cb (const char *fragment,
          gpointer    user_data)
{
  ReframeFeedbackPanel *self = user_data;
  AnswerView *view = self->streaming;

  if (view == NULL)
    return;

  g_string_append (view->text, fragment);
  update_view_text (view);
  update_view_meta (view);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(ReframeFeedbackPanel) self = user_data;
  g_autoptr(ReframeFeedbackAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  ReframeFeedbackSession *session = REFRAME_FEEDBACK_SESSION (object);
  AnswerView *view;

  answer = reframe_feedback_session_run_finish (session, result, &error);

  /* A panel that went away, or a request that another replaced. */
  if (self->views == NULL || session != self->session)
    return;

  view = self->streaming;
  self->streaming = NULL;
  g_clear_object (&self->cancellable);

  if (answer != NULL)
    {
      if (view == NULL)
        view = create_view (self, reframe_feedback_session_is_offline (session), NULL);
      bind_view (view, answer);
      if (self->stopping)
        update_view_note (view, _("Stopped. This answer was not finished."));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      ReframeFeedbackAnswer *saved = reframe_feedback_session_get_last_answer (session);

      /* Stopped by the person: what arrived stays, saved as unfinished when it had text. */
      if (view != NULL && view->text->len > 0)
        {
          if (saved != NULL && !has_view_for (self, saved))
            bind_view (view, saved);
          update_view_note (view, _("Stopped. This answer was not finished."));
          update_view_meta (view);
        }
      else if (view != NULL)
        remove_view (self, view);
    }
  else
    {
      if (view != NULL && view->text->len > 0)
        update_view_note (view, _("This answer was cut off."));
      else if (view != NULL)
        remove_view (self, view);
      show_error (self, error);
    }

  self->stopping = FALSE;
  set_state (self, STATE_IDLE);

  if (answer != NULL && gtk_widget_get_visible (self->follow_up_box) &&
      gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->follow_up_entry));
}

static void
run_session (ReframeFeedbackPanel *self)
{
  AnswerView *view;

  hide_messages (self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->stopping = FALSE;

  view = create_view (self, reframe_feedback_session_is_offline (self->session),
                      self->pending_question);
  self->streaming = view;
  g_clear_pointer (&self->pending_question, g_free);

  set_state (self, STATE_RUNNING);
  reframe_feedback_session_run_async (self->session, delta_cb, g_object_ref (self),
                                      g_object_unref, self->cancellable, run_cb,
                                      g_object_ref (self));
}

/* Consent */

static void
add_consent (ReframeFeedbackPanel *self,
             const char           *url)
{
  g_auto(GStrv) consents = g_settings_get_strv (self->settings, "feedback-consents");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  if (g_strv_contains ((const char * const *) consents, url))
    return;

  g_strv_builder_addv (builder, (const char **) consents);
  g_strv_builder_add (builder, url);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "feedback-consents", (const char * const *) updated);
}

static void
consent_response_cb (ReframeConsentDialog *dialog,
                     gboolean              send,
                     ReframeFeedbackPanel *self)
{
  g_autofree char *host = NULL;

  self->consent_dialog = NULL;

  if (send)
    {
      const char *url = reframe_feedback_session_get_url (self->session);

      if (url != NULL)
        add_consent (self, url);
      reframe_feedback_session_grant_consent (self->session);
      update_source (self);
      run_session (self);
      return;
    }

  host = g_strdup (reframe_feedback_session_get_host (self->session));
  /* Translators: %s is a server such as "api.openai.com" */
  {
    g_autofree char *message = g_strdup_printf (_("Nothing was sent to %s."), host);

    gtk_label_set_label (self->status_label, message);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  g_clear_object (&self->session);
  set_state (self, STATE_IDLE);
  if (self->views->len == 0)
    gtk_widget_grab_focus (self->get_button);
}

static void
ask_consent (ReframeFeedbackPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *outgoing = reframe_feedback_session_dup_outgoing (self->session);
  gboolean names = self->config->names_to_hide != NULL && self->config->names_to_hide[0] != NULL;

  set_state (self, STATE_CONSENT);
  self->consent_dialog = reframe_consent_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                     reframe_feedback_session_get_host (self->session),
                                                     outgoing, names);
  g_signal_connect_object (self->consent_dialog, "response", G_CALLBACK (consent_response_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (self->consent_dialog));
}

static void
after_safety (ReframeFeedbackPanel *self)
{
  if (reframe_feedback_session_needs_consent (self->session))
    ask_consent (self);
  else
    run_session (self);
}

static void
safety_continue_cb (ReframeFeedbackPanel *self)
{
  if (self->state != STATE_SAFETY || self->session == NULL)
    return;

  after_safety (self);
}

static void
check_safety (ReframeFeedbackPanel *self)
{
  ReframeSafetyKind kind = REFRAME_SAFETY_NONE;

  /* The person's words come first: if they may not be safe, the crisis lines come before
   * any feedback, with or without a provider. */
  if (reframe_feedback_session_get_crisis (self->session, &kind))
    {
      reframe_safety_panel_set_kind (self->safety_panel, kind);
      set_state (self, STATE_SAFETY);
      gtk_widget_grab_focus (GTK_WIDGET (self->safety_panel));
      return;
    }

  after_safety (self);
}

static void
start_session (ReframeFeedbackPanel *self)
{
  ReframeDatabase *database = reframe_application_get_database (REFRAME_APPLICATION_DEFAULT);

  g_clear_object (&self->session);
  self->n_follow_ups = 0;

  if (self->pending_record != NULL)
    self->session = reframe_feedback_session_new_for_thought_record (database, self->config,
                                                                     self->kind,
                                                                     self->pending_record);
  else
    self->session = reframe_feedback_session_new (database, self->config, self->kind,
                                                  self->record_uuid, self->pending_text);
  g_clear_pointer (&self->pending_text, g_free);
  g_clear_object (&self->pending_record);

  check_safety (self);
}

static void
key_lookup_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ReframeFeedbackPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeApiKey) key = NULL;
  ReframeSecretsSource source = REFRAME_SECRETS_SOURCE_NONE;

  key = reframe_secrets_lookup_finish (result, &source, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->views == NULL)
    return;
  /* Without a key a local server still answers; a hosted one says what is missing. */
  if (error != NULL)
    g_debug ("No API key: %s", error->message);

  if (self->config != NULL && key != NULL)
    self->config->api_key = g_strdup (key);

  start_session (self);
}

static void
start_request (ReframeFeedbackPanel *self,
               const char           *record_uuid,
               const char           *text,
               ReframeThoughtRecord *record)
{
  const char *url;

  cancel_request (self);
  /* A new conversation: what the old one still reports is ignored. */
  g_clear_object (&self->session);
  if (g_strcmp0 (record_uuid, self->record_uuid) != 0)
    reframe_feedback_panel_set_record_uuid (self, record_uuid);
  hide_messages (self);

  self->pending_text = g_strdup (text);
  self->pending_record = record != NULL ? g_object_ref (record) : NULL;
  g_clear_pointer (&self->config, reframe_feedback_config_free);
  self->config = reframe_feedback_config_new_from_settings (self->settings);
  update_source (self);

  url = reframe_feedback_config_get_effective_url (self->config);
  if (reframe_feedback_config_is_offline (self->config) || url == NULL)
    {
      set_state (self, STATE_PREPARING);
      start_session (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_state (self, STATE_PREPARING);
  reframe_secrets_lookup_async (url, self->cancellable, key_lookup_cb, g_object_ref (self));
}

/* Actions */

static void
get_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ReframeFeedbackPanel *self = REFRAME_FEEDBACK_PANEL (widget);

  if (self->state != STATE_IDLE)
    return;

  /* The host knows the record's current words and answers with a request. */
  g_signal_emit (self, signals[REQUESTED], 0);
}

static void
regenerate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ReframeFeedbackPanel *self = REFRAME_FEEDBACK_PANEL (widget);
  AnswerView *last;

  if (self->state != STATE_IDLE || self->views->len == 0)
    return;

  last = g_ptr_array_index (self->views, self->views->len - 1);

  /* A follow-up is answered anew in its conversation; a first answer is asked afresh, so
   * that it reads the record as it is now. */
  if (self->session != NULL && gtk_widget_get_visible (last->question_box))
    {
      g_free (self->pending_question);
      self->pending_question = g_strdup (gtk_label_get_label (last->question_label));
      run_session (self);
    }
  else
    g_signal_emit (self, signals[REQUESTED], 0);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *preferences;

  /* Straight to the Feedback page, where the address, model and key are. */
  preferences = reframe_preferences_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "feedback");
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ReframeFeedbackPanel *self = REFRAME_FEEDBACK_PANEL (widget);

  if (self->state != STATE_IDLE)
    return;

  /* The same question again, in the same conversation when there is one. */
  if (self->session != NULL)
    {
      g_free (self->pending_question);
      self->pending_question = g_strdup (reframe_feedback_session_get_follow_up (self->session));
      run_session (self);
    }
  else
    g_signal_emit (self, signals[REQUESTED], 0);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  reframe_feedback_panel_stop (REFRAME_FEEDBACK_PANEL (widget));
}

static void
ask_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ReframeFeedbackPanel *self = REFRAME_FEEDBACK_PANEL (widget);
  g_autofree char *question = NULL;
  g_autoptr(ReframeSafetyResult) screen = NULL;

  if (self->state != STATE_IDLE || self->session == NULL || self->n_follow_ups >= MAX_FOLLOW_UPS)
    return;

  question = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->follow_up_entry))));
  if (question[0] == '\0')
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->follow_up_entry), "");
  self->n_follow_ups++;
  reframe_feedback_session_add_follow_up (self->session, question);
  g_free (self->pending_question);
  self->pending_question = g_steal_pointer (&question);

  /* A follow-up is the person's words too: the crisis lines come first here as well. */
  screen = reframe_safety_screen (self->pending_question);
  if (screen->hit)
    {
      reframe_safety_panel_set_kind (self->safety_panel, screen->kind);
      set_state (self, STATE_SAFETY);
      gtk_widget_grab_focus (GTK_WIDGET (self->safety_panel));
      return;
    }

  run_session (self);
}

static void
follow_up_activate_cb (ReframeFeedbackPanel *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "feedback.ask", NULL);
}

static void
follow_up_changed_cb (ReframeFeedbackPanel *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.ask",
                                 self->state == STATE_IDLE &&
                                 gtk_entry_get_text_length (self->follow_up_entry) > 0);
}

/* Escape stops an answer; otherwise it goes on to the window (close a dialog, a flap). */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  ReframeFeedbackPanel *self = REFRAME_FEEDBACK_PANEL (widget);

  if (self->state != STATE_RUNNING && self->state != STATE_PREPARING)
    return FALSE;

  reframe_feedback_panel_stop (self);
  return TRUE;
}

static void
settings_changed_cb (ReframeFeedbackPanel *self)
{
  update_source (self);
}

/* GObject */

static void
reframe_feedback_panel_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ReframeFeedbackPanel *self = REFRAME_FEEDBACK_PANEL (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, reframe_feedback_panel_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reframe_feedback_panel_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ReframeFeedbackPanel *self = REFRAME_FEEDBACK_PANEL (object);

  switch (prop_id)
    {
    case PROP_KIND:
      reframe_feedback_panel_set_kind (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reframe_feedback_panel_dispose (GObject *object)
{
  ReframeFeedbackPanel *self = (ReframeFeedbackPanel *)object;

  cancel_request (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_pointer (&self->views, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_FEEDBACK_PANEL);

  G_OBJECT_CLASS (reframe_feedback_panel_parent_class)->dispose (object);
}

static void
reframe_feedback_panel_finalize (GObject *object)
{
  ReframeFeedbackPanel *self = (ReframeFeedbackPanel *)object;

  g_clear_pointer (&self->record_uuid, g_free);
  g_clear_pointer (&self->config, reframe_feedback_config_free);

  G_OBJECT_CLASS (reframe_feedback_panel_parent_class)->finalize (object);
}

static void
reframe_feedback_panel_class_init (ReframeFeedbackPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = reframe_feedback_panel_get_property;
  object_class->set_property = reframe_feedback_panel_set_property;
  object_class->dispose = reframe_feedback_panel_dispose;
  object_class->finalize = reframe_feedback_panel_finalize;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      0, REFRAME_FEEDBACK_N_KINDS - 1, REFRAME_FEEDBACK_KIND_JOURNAL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REQUESTED] =
    g_signal_new ("requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (REFRAME_TYPE_SAFETY_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/coach/reframe-feedback-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, intro_box);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, intro_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, source_icon);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, source_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, get_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, safety_panel);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, answers_box);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, error_box);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, preferences_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, follow_up_box);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, follow_up_entry);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, follow_up_limit_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackPanel, disclaimer_label);
  gtk_widget_class_bind_template_callback (widget_class, safety_continue_cb);
  gtk_widget_class_bind_template_callback (widget_class, follow_up_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, follow_up_changed_cb);

  gtk_widget_class_install_action (widget_class, "feedback.get", NULL, get_action);
  gtk_widget_class_install_action (widget_class, "feedback.regenerate", NULL, regenerate_action);
  gtk_widget_class_install_action (widget_class, "feedback.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "feedback.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "feedback.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "feedback.ask", NULL, ask_action);

  gtk_widget_class_set_css_name (widget_class, "feedbackpanel");
}

static void
reframe_feedback_panel_init (ReframeFeedbackPanel *self)
{
  ReframeApplication *app = REFRAME_APPLICATION_DEFAULT;
  GtkEventController *controller;

  self->show_intro = TRUE;
  self->views = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_view_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (escape_cb,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->settings = g_object_ref (reframe_application_get_settings (app));
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_label_set_label (self->intro_label, describe_kind (self->kind));
  update_source (self);
  update_chrome (self);
}

GtkWidget *
reframe_feedback_panel_new (ReframeFeedbackKind kind)
{
  return g_object_new (REFRAME_TYPE_FEEDBACK_PANEL,
                       "kind", kind,
                       NULL);
}

ReframeFeedbackKind
reframe_feedback_panel_get_kind (ReframeFeedbackPanel *self)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_PANEL (self), REFRAME_FEEDBACK_KIND_JOURNAL);

  return self->kind;
}

void
reframe_feedback_panel_set_kind (ReframeFeedbackPanel *self,
                                 ReframeFeedbackKind   kind)
{
  g_return_if_fail (REFRAME_IS_FEEDBACK_PANEL (self));
  g_return_if_fail (kind < REFRAME_FEEDBACK_N_KINDS);

  if (self->kind == kind)
    return;

  self->kind = kind;
  gtk_label_set_label (self->intro_label, describe_kind (kind));
  cancel_request (self);
  g_clear_object (&self->session);
  load_answers (self);
  set_state (self, STATE_IDLE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
reframe_feedback_panel_get_record_uuid (ReframeFeedbackPanel *self)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_PANEL (self), NULL);

  return self->record_uuid;
}

void
reframe_feedback_panel_set_record_uuid (ReframeFeedbackPanel *self,
                                        const char           *uuid)
{
  g_return_if_fail (REFRAME_IS_FEEDBACK_PANEL (self));

  if (g_strcmp0 (uuid, self->record_uuid) == 0)
    {
      update_chrome (self);
      return;
    }

  /* Another record: its own answers and its own conversation. */
  cancel_request (self);
  g_clear_object (&self->session);
  self->n_follow_ups = 0;
  g_free (self->record_uuid);
  self->record_uuid = g_strdup (uuid);
  hide_messages (self);
  gtk_editable_set_text (GTK_EDITABLE (self->follow_up_entry), "");
  load_answers (self);
  set_state (self, STATE_IDLE);
}

void
reframe_feedback_panel_set_show_intro (ReframeFeedbackPanel *self,
                                       gboolean              show_intro)
{
  g_return_if_fail (REFRAME_IS_FEEDBACK_PANEL (self));

  self->show_intro = !!show_intro;
  update_chrome (self);
}

void
reframe_feedback_panel_request (ReframeFeedbackPanel *self,
                                const char           *record_uuid,
                                const char           *text)
{
  g_return_if_fail (REFRAME_IS_FEEDBACK_PANEL (self));
  g_return_if_fail (record_uuid != NULL);
  g_return_if_fail (text != NULL);

  start_request (self, record_uuid, text, NULL);
}

void
reframe_feedback_panel_request_for_thought_record (ReframeFeedbackPanel *self,
                                                   ReframeThoughtRecord *record)
{
  g_return_if_fail (REFRAME_IS_FEEDBACK_PANEL (self));
  g_return_if_fail (REFRAME_IS_THOUGHT_RECORD (record));
  g_return_if_fail (reframe_thought_record_get_uuid (record) != NULL);

  start_request (self, reframe_thought_record_get_uuid (record), NULL, record);
}

gboolean
reframe_feedback_panel_get_busy (ReframeFeedbackPanel *self)
{
  g_return_val_if_fail (REFRAME_IS_FEEDBACK_PANEL (self), FALSE);

  return self->state != STATE_IDLE;
}

void
reframe_feedback_panel_stop (ReframeFeedbackPanel *self)
{
  g_return_if_fail (REFRAME_IS_FEEDBACK_PANEL (self));

  if (self->state == STATE_RUNNING)
    {
      /* run_cb tidies up; the text that arrived stays. */
      self->stopping = TRUE;
      g_cancellable_cancel (self->cancellable);
      return;
    }

  if (self->state == STATE_PREPARING)
    {
      cancel_request (self);
      set_state (self, STATE_IDLE);
    }
}

void
reframe_feedback_panel_focus (ReframeFeedbackPanel *self)
{
  g_return_if_fail (REFRAME_IS_FEEDBACK_PANEL (self));

  if (gtk_widget_get_visible (self->follow_up_box))
    gtk_widget_grab_focus (GTK_WIDGET (self->follow_up_entry));
  else if (gtk_widget_get_visible (self->intro_box))
    gtk_widget_grab_focus (self->get_button);
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}
