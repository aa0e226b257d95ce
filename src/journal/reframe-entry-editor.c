/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-entry-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-application.h"
#include "reframe-date.h"
#include "reframe-entry-editor.h"
#include "reframe-feedback-panel.h"
#include "reframe-tag-cache.h"
#include "reframe-tag-editor.h"
#include "reframe-window.h"
#include "reframe-writing-prompts.h"

/* Saved this long after the last change… */
#define SAVE_DELAY_MS 500
/* …but never later than this after the first unsaved change, even while typing on. */
#define SAVE_MAX_DELAY_US (1000 * G_TIME_SPAN_MILLISECOND)

struct _ReframeEntryEditor
{
  AdwBin               parent_instance;

  ReframeJournalStore *store;
  GSettings           *settings;

  /* What is shown; its uuid is NULL until a new entry is first written. */
  ReframeEntry        *entry;
  gboolean             stored;
  gboolean             dirty;
  gboolean             date_chosen;
  gboolean             loading;
  gboolean             save_failed;
  gboolean             folded;
  gboolean             prompt_dismissed;
  guint                prompt_index;
  guint                save_source;
  gint64               save_deadline;
  int                  restyle_from;
  int                  restyle_to;

  GtkTextTag          *heading_tags[3];
  GtkTextTag          *bold_tag;
  GtkTextTag          *italic_tag;
  GtkTextTag          *marker_tag;

  /* Template widgets */
  GtkWidget           *back_button;
  GtkMenuButton       *date_button;
  GtkLabel            *date_label;
  GtkPopover          *date_popover;
  GtkCalendar         *calendar;
  GtkSpinButton       *hour_spin;
  GtkSpinButton       *minute_spin;
  GtkWidget           *unsaved_icon;
  GtkLabel            *word_count_label;
  GtkRevealer         *prompt_revealer;
  GtkLabel            *prompt_label;
  GtkEntry            *title_entry;
  ReframeTagEditor    *tag_editor;
  GtkScrolledWindow   *scrolled_window;
  GtkTextView         *body_view;
  GtkWidget           *placeholder_label;
  AdwFlap             *flap;
  GtkToggleButton     *feedback_button;
  ReframeFeedbackPanel *feedback_panel;
};

G_DEFINE_FINAL_TYPE (ReframeEntryEditor, reframe_entry_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkTextBuffer *
get_buffer (ReframeEntryEditor *self)
{
  return gtk_text_view_get_buffer (self->body_view);
}

static char *
dup_body (ReframeEntryEditor *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static gboolean
is_blank_text (const char *text)
{
  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
has_content (ReframeEntryEditor *self)
{
  g_autofree char *body = dup_body (self);
  g_auto(GStrv) tags = reframe_tag_editor_dup_tags (self->tag_editor);

  return !is_blank_text (gtk_editable_get_text (GTK_EDITABLE (self->title_entry))) ||
         !is_blank_text (body) ||
         tags[0] != NULL;
}

static void
update_date_label (ReframeEntryEditor *self)
{
  GDateTime *date = reframe_entry_get_date (self->entry);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  g_autofree char *label = NULL;

  if (date == NULL)
    date = now;

  day = reframe_date_format_day (date, now);
  time = reframe_date_format_time (date);
  /* Translators: the date of an entry, e.g. "Yesterday at 14:05" */
  label = g_strdup_printf (_("%s at %s"), day, time);
  gtk_label_set_label (self->date_label, label);
}

static void
update_word_count (ReframeEntryEditor *self,
                   const char         *body)
{
  guint words = reframe_count_words (body);
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words",
                                                         words),
                                            words);

  gtk_label_set_label (self->word_count_label, label);
}

static void
update_actions (ReframeEntryEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", self->stored);
}

static gboolean
buffer_is_empty (ReframeEntryEditor *self)
{
  return gtk_text_buffer_get_char_count (get_buffer (self)) == 0;
}

/* The prompt is a hint for a blank page: it goes once the person writes, and never
 * becomes part of the entry unless chosen. */
static void
update_prompt (ReframeEntryEditor *self)
{
  gboolean show = !self->stored && !self->prompt_dismissed && buffer_is_empty (self) &&
                  g_settings_get_boolean (self->settings, "show-writing-prompts") &&
                  reframe_writing_prompts_get_count () > 0;

  if (show)
    gtk_label_set_label (self->prompt_label, reframe_writing_prompts_get (self->prompt_index));
  gtk_revealer_set_reveal_child (self->prompt_revealer, show);
  gtk_widget_set_visible (self->placeholder_label, buffer_is_empty (self));
}

static void
set_save_failed (ReframeEntryEditor *self,
                 gboolean            failed)
{
  self->save_failed = failed;
  gtk_widget_set_visible (self->unsaved_icon, failed);
}

static gboolean
try_save (ReframeEntryEditor  *self,
          GError             **error)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) tags = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (!self->dirty || self->store == NULL)
    return TRUE;

  if (!self->stored && !has_content (self))
    {
      /* Nothing worth a row yet. */
      self->dirty = FALSE;
      return TRUE;
    }

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry))));
  body = dup_body (self);
  tags = reframe_tag_editor_dup_tags (self->tag_editor);

  reframe_entry_set_title (self->entry, title);
  reframe_entry_set_body (self->entry, body);
  reframe_entry_set_tags (self->entry, (const char * const *) tags);
  reframe_entry_set_word_count (self->entry, reframe_count_words (body));
  if (!self->stored && !self->date_chosen)
    {
      /* A new entry is about the moment it was first written, not when the page opened. */
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      reframe_entry_set_date (self->entry, now);
      update_date_label (self);
    }

  if (!reframe_journal_store_save (self->store, self->entry, error))
    {
      /* Keep everything shown and dirty: the next change tries again. */
      set_save_failed (self, TRUE);
      return FALSE;
    }

  self->dirty = FALSE;
  set_save_failed (self, FALSE);
  if (!self->stored)
    {
      self->stored = TRUE;
      update_actions (self);
      update_prompt (self);
      reframe_feedback_panel_set_record_uuid (self->feedback_panel,
                                              reframe_entry_get_uuid (self->entry));
    }

  return TRUE;
}

static gboolean
save (ReframeEntryEditor *self)
{
  g_autoptr(GError) error = NULL;
  gboolean failed_before = self->save_failed;

  if (try_save (self, &error))
    return TRUE;

  /* One dialog per run of failures is enough; the warning icon stays until a save works. */
  if (!failed_before)
    reframe_widget_show_error (GTK_WIDGET (self), _("Your Entry Could Not Be Saved"), error);
  return FALSE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  ReframeEntryEditor *self = user_data;

  self->save_source = 0;
  save (self);

  return G_SOURCE_REMOVE;
}

static void
queue_save (ReframeEntryEditor *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 delay_ms;

  if (self->loading)
    return;

  if (!self->dirty)
    {
      self->dirty = TRUE;
      self->save_deadline = now + SAVE_MAX_DELAY_US;
    }

  delay_ms = MIN (SAVE_DELAY_MS, MAX (0, (self->save_deadline - now) / 1000));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, save_timeout_cb,
                                          self, NULL);
}

/* Light Markdown: headings, **bold** and *italic*, with the marks themselves dimmed. The
 * text stays plain; only its look changes. */

static void
style_emphasis (GtkTextBuffer *buffer,
                GtkTextTag    *tag,
                GtkTextTag    *marker,
                int            line,
                const gunichar *chars,
                glong          n,
                gunichar       mark,
                guint          width,
                gboolean      *used)
{
  for (glong i = 0; i + width < (glong) n; i++)
    {
      gboolean opens = TRUE;

      for (guint k = 0; k < width; k++)
        opens &= chars[i + k] == mark && !used[i + k];
      /* Not part of a longer run, and followed by a word. */
      opens &= (i == 0 || chars[i - 1] != mark) && chars[i + width] != mark &&
               !g_unichar_isspace (chars[i + width]);
      /* snake_case is not emphasis. */
      if (opens && mark == '_' && i > 0 && g_unichar_isalnum (chars[i - 1]))
        opens = FALSE;
      if (!opens)
        continue;

      for (glong j = i + width + 1; j + width <= n; j++)
        {
          gboolean closes = TRUE;

          for (guint k = 0; k < width; k++)
            closes &= chars[j + k] == mark && !used[j + k];
          closes &= !g_unichar_isspace (chars[j - 1]) &&
                    (j + width == n || chars[j + width] != mark);
          if (closes && mark == '_' && j + width < n && g_unichar_isalnum (chars[j + width]))
            closes = FALSE;
          if (!closes)
            continue;

          {
            GtkTextIter a, b, c, d;

            gtk_text_buffer_get_iter_at_line_offset (buffer, &a, line, i);
            gtk_text_buffer_get_iter_at_line_offset (buffer, &b, line, i + width);
            gtk_text_buffer_get_iter_at_line_offset (buffer, &c, line, j);
            gtk_text_buffer_get_iter_at_line_offset (buffer, &d, line, j + width);
            gtk_text_buffer_apply_tag (buffer, marker, &a, &b);
            gtk_text_buffer_apply_tag (buffer, tag, &b, &c);
            gtk_text_buffer_apply_tag (buffer, marker, &c, &d);
          }
          for (glong k = i; k < j + (glong) width; k++)
            used[k] = TRUE;
          i = j + width - 1;
          break;
        }
    }
}

static void
style_line (ReframeEntryEditor *self,
            int                 line)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree gunichar *chars = NULL;
  g_autofree gboolean *used = NULL;
  glong n = 0;
  guint level = 0;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);

  for (guint i = 0; i < G_N_ELEMENTS (self->heading_tags); i++)
    gtk_text_buffer_remove_tag (buffer, self->heading_tags[i], &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->bold_tag, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->italic_tag, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->marker_tag, &start, &end);

  if (gtk_text_iter_equal (&start, &end))
    return;

  text = gtk_text_buffer_get_slice (buffer, &start, &end, TRUE);
  chars = g_utf8_to_ucs4_fast (text, -1, &n);

  while (level < (guint) n && level < 6 && chars[level] == '#')
    level++;
  if (level > 0 && level < (guint) n && chars[level] == ' ')
    {
      GtkTextIter marks_end;

      gtk_text_buffer_get_iter_at_line_offset (buffer, &marks_end, line, level + 1);
      gtk_text_buffer_apply_tag (buffer, self->heading_tags[MIN (level, 3) - 1], &start, &end);
      gtk_text_buffer_apply_tag (buffer, self->marker_tag, &start, &marks_end);
      return;
    }

  used = g_new0 (gboolean, n + 1);
  style_emphasis (buffer, self->bold_tag, self->marker_tag, line, chars, n, '*', 2, used);
  style_emphasis (buffer, self->bold_tag, self->marker_tag, line, chars, n, '_', 2, used);
  style_emphasis (buffer, self->italic_tag, self->marker_tag, line, chars, n, '*', 1, used);
  style_emphasis (buffer, self->italic_tag, self->marker_tag, line, chars, n, '_', 1, used);
}

static void
note_restyle (ReframeEntryEditor *self,
              int                 from,
              int                 to)
{
  if (self->restyle_from < 0 || from < self->restyle_from)
    self->restyle_from = from;
  self->restyle_to = MAX (self->restyle_to, to);
}

static void
buffer_insert_text_after_cb (ReframeEntryEditor *self,
                             GtkTextIter        *location,
                             const char         *text,
                             int                 length,
                             GtkTextBuffer      *buffer)
{
  int last = gtk_text_iter_get_line (location);
  int lines = 0;

  for (int i = 0; i < length; i++)
    lines += text[i] == '\n';
  note_restyle (self, MAX (0, last - lines), last);
}

static void
buffer_delete_range_after_cb (ReframeEntryEditor *self,
                              GtkTextIter        *start,
                              GtkTextIter        *end,
                              GtkTextBuffer      *buffer)
{
  int line = gtk_text_iter_get_line (start);

  note_restyle (self, line, line);
}

static void
buffer_changed_cb (ReframeEntryEditor *self,
                   GtkTextBuffer      *buffer)
{
  g_autofree char *body = dup_body (self);
  int last_line = gtk_text_buffer_get_line_count (buffer) - 1;

  if (self->restyle_from >= 0)
    {
      for (int line = self->restyle_from; line <= MIN (self->restyle_to, last_line); line++)
        style_line (self, line);
      self->restyle_from = -1;
      self->restyle_to = -1;
    }

  update_word_count (self, body);
  update_prompt (self);
  queue_save (self);
}

static void
title_changed_cb (ReframeEntryEditor *self,
                  GtkEditable        *editable)
{
  queue_save (self);
}

static void
title_activate_cb (ReframeEntryEditor *self,
                   GtkEntry           *entry)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

/* Completion needs the tags in use; they are fetched when the person gets to the field. */
static void
tag_entry_focus_enter_cb (ReframeEntryEditor      *self,
                          GtkEventControllerFocus *controller)
{
  if (self->store != NULL)
    reframe_tag_editor_set_suggestions (self->tag_editor,
                                        reframe_tag_cache_get_tags (
                                          reframe_tag_cache_get_for_store (self->store)));
}

static void
tags_changed_cb (ReframeEntryEditor *self,
                 ReframeTagEditor   *tag_editor)
{
  queue_save (self);
}

/* The date picker */

static void
set_date (ReframeEntryEditor *self,
          GDateTime          *date)
{
  reframe_entry_set_date (self->entry, date);
  self->date_chosen = TRUE;
  update_date_label (self);
  queue_save (self);
}

static void
sync_date_picker (ReframeEntryEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDateTime *date = reframe_entry_get_date (self->entry);
  gboolean was_loading = self->loading;

  if (date == NULL)
    date = now;

  self->loading = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (date));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (date));
  self->loading = was_loading;
}

static void
date_popover_show_cb (ReframeEntryEditor *self,
                      GtkPopover         *popover)
{
  sync_date_picker (self);
}

static void
picker_changed (ReframeEntryEditor *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) date = NULL;

  if (self->loading)
    return;

  day = gtk_calendar_get_date (self->calendar);
  date = g_date_time_new_local (g_date_time_get_year (day),
                                g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin),
                                0);
  if (date != NULL)
    set_date (self, date);
}

static void
calendar_day_selected_cb (ReframeEntryEditor *self,
                          GtkCalendar        *calendar)
{
  picker_changed (self);
}

static void
time_changed_cb (ReframeEntryEditor *self,
                 GtkSpinButton      *spin)
{
  picker_changed (self);
}

static gboolean
time_spin_output_cb (ReframeEntryEditor *self,
                     GtkSpinButton      *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* Actions */

static void
date_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ReframeEntryEditor *self = REFRAME_ENTRY_EDITOR (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  set_date (self, now);
  sync_date_picker (self);
}

static void
use_prompt_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ReframeEntryEditor *self = REFRAME_ENTRY_EDITOR (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->title_entry),
                         reframe_writing_prompts_get (self->prompt_index));
  self->prompt_dismissed = TRUE;
  update_prompt (self);
  reframe_entry_editor_focus_body (self);
}

static void
next_prompt_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ReframeEntryEditor *self = REFRAME_ENTRY_EDITOR (widget);

  self->prompt_index++;
  g_settings_set_uint (self->settings, "writing-prompt-index", self->prompt_index + 1);
  update_prompt (self);
}

static void
dismiss_prompt_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ReframeEntryEditor *self = REFRAME_ENTRY_EDITOR (widget);

  self->prompt_dismissed = TRUE;
  update_prompt (self);
  reframe_entry_editor_focus_body (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[DELETE_REQUESTED], 0);
}

/* Feedback */

static void
request_feedback (ReframeEntryEditor *self)
{
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  /* The answers belong to the entry, so it is saved first. */
  if (!reframe_entry_editor_flush (self))
    return;

  if (!self->stored || reframe_entry_get_uuid (self->entry) == NULL)
    {
      reframe_widget_add_toast (GTK_WIDGET (self),
                                adw_toast_new (_("Write something first, then ask for feedback")));
      reframe_entry_editor_focus_body (self);
      return;
    }

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry))));
  body = g_strstrip (dup_body (self));
  if (title[0] != '\0' && body[0] != '\0')
    text = g_strdup_printf ("%s\n\n%s", title, body);
  else
    text = g_strdup (title[0] != '\0' ? title : body);

  reframe_feedback_panel_request (self->feedback_panel, reframe_entry_get_uuid (self->entry), text);
}

static void
feedback_requested_cb (ReframeEntryEditor   *self,
                       ReframeFeedbackPanel *panel)
{
  request_feedback (self);
}

static void
show_feedback (ReframeEntryEditor *self)
{
  adw_flap_set_reveal_flap (self->flap, TRUE);
  reframe_feedback_panel_focus (self->feedback_panel);
}

static void
toggle_feedback_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ReframeEntryEditor *self = REFRAME_ENTRY_EDITOR (widget);

  if (adw_flap_get_reveal_flap (self->flap))
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      reframe_entry_editor_focus_body (self);
    }
  else
    show_feedback (self);
}

static void
get_feedback_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ReframeEntryEditor *self = REFRAME_ENTRY_EDITOR (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  if (!reframe_feedback_panel_get_busy (self->feedback_panel))
    request_feedback (self);
}

/* Show an entry */

static void
show_entry (ReframeEntryEditor *self,
            ReframeEntry       *entry,
            gboolean            stored)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start;
  const char *body;

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_set_object (&self->entry, entry);
  self->stored = stored;
  self->dirty = FALSE;
  self->date_chosen = stored;
  self->prompt_dismissed = FALSE;
  set_save_failed (self, FALSE);

  self->loading = TRUE;

  gtk_editable_set_enable_undo (GTK_EDITABLE (self->title_entry), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry),
                         reframe_entry_get_title (entry) ? reframe_entry_get_title (entry) : "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->title_entry), TRUE);

  reframe_tag_editor_set_tags (self->tag_editor, reframe_entry_get_tags (entry));

  body = reframe_entry_get_body (entry) ? reframe_entry_get_body (entry) : "";
  gtk_text_buffer_begin_irreversible_action (buffer);
  self->restyle_from = 0;
  self->restyle_to = G_MAXINT;
  gtk_text_buffer_set_text (buffer, body, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  self->loading = FALSE;

  update_date_label (self);
  update_word_count (self, body);
  update_actions (self);
  update_prompt (self);

  /* The answers saved with this entry, offline too. */
  reframe_feedback_panel_set_record_uuid (self->feedback_panel,
                                          stored ? reframe_entry_get_uuid (entry) : NULL);
}

/* Each blank page offers the next writing prompt. */
static void
show_blank (ReframeEntryEditor *self)
{
  g_autoptr(ReframeEntry) entry = reframe_entry_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->prompt_index = g_settings_get_uint (self->settings, "writing-prompt-index");
  g_settings_set_uint (self->settings, "writing-prompt-index", self->prompt_index + 1);

  reframe_entry_set_date (entry, now);
  show_entry (self, entry, FALSE);
}

static void
entry_deleted_cb (ReframeEntryEditor  *self,
                  const char          *uuid,
                  ReframeJournalStore *store)
{
  /* Deleted from elsewhere: keep the text on screen; a further change saves it anew. */
  if (self->stored && g_strcmp0 (uuid, reframe_entry_get_uuid (self->entry)) == 0)
    {
      g_autoptr(ReframeEntry) copy = reframe_entry_copy (self->entry);

      reframe_entry_set_uuid (copy, NULL);
      g_set_object (&self->entry, copy);
      self->stored = FALSE;
      update_actions (self);
      reframe_feedback_panel_set_record_uuid (self->feedback_panel, NULL);
    }
}

static void
settings_changed_cb (ReframeEntryEditor *self,
                     const char         *key,
                     GSettings          *settings)
{
  update_prompt (self);
}

static void
update_marker_color (ReframeEntryEditor *self)
{
  GdkRGBA color;

  /* Marks follow the text colour at half strength, in light, dark and high contrast. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self->body_view)),
                               &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color.alpha *= 0.45f;
  g_object_set (self->marker_tag, "foreground-rgba", &color, NULL);
}

static void
style_changed_cb (ReframeEntryEditor *self)
{
  update_marker_color (self);
}

static void
reframe_entry_editor_unmap (GtkWidget *widget)
{
  /* Leaving the page (another page, a narrow window going back) saves. */
  reframe_entry_editor_flush (REFRAME_ENTRY_EDITOR (widget));

  GTK_WIDGET_CLASS (reframe_entry_editor_parent_class)->unmap (widget);
}

static void
reframe_entry_editor_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (reframe_entry_editor_parent_class)->realize (widget);

  update_marker_color (REFRAME_ENTRY_EDITOR (widget));
}

static void
reframe_entry_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ReframeEntryEditor *self = REFRAME_ENTRY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reframe_entry_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ReframeEntryEditor *self = REFRAME_ENTRY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      reframe_entry_editor_set_folded (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reframe_entry_editor_dispose (GObject *object)
{
  ReframeEntryEditor *self = (ReframeEntryEditor *)object;

  /* The last chance to keep what was typed. The window is going, so no dialog now; the
   * journal page asked before the window closed. */
  if (self->entry != NULL && self->title_entry != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!reframe_entry_editor_save (self, &error))
        g_warning ("The entry being written could not be saved: %s", error->message);
    }
  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_ENTRY_EDITOR);

  G_OBJECT_CLASS (reframe_entry_editor_parent_class)->dispose (object);
}

static void
reframe_entry_editor_finalize (GObject *object)
{
  ReframeEntryEditor *self = (ReframeEntryEditor *)object;

  g_clear_object (&self->entry);

  G_OBJECT_CLASS (reframe_entry_editor_parent_class)->finalize (object);
}

static void
reframe_entry_editor_class_init (ReframeEntryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = reframe_entry_editor_get_property;
  object_class->set_property = reframe_entry_editor_set_property;
  object_class->dispose = reframe_entry_editor_dispose;
  object_class->finalize = reframe_entry_editor_finalize;

  widget_class->unmap = reframe_entry_editor_unmap;
  widget_class->realize = reframe_entry_editor_realize;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (REFRAME_TYPE_TAG_EDITOR);
  g_type_ensure (REFRAME_TYPE_FEEDBACK_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/journal/reframe-entry-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, date_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, date_popover);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, unsaved_icon);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, word_count_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, prompt_revealer);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, title_entry);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, tag_editor);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, feedback_button);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryEditor, feedback_panel);
  gtk_widget_class_bind_template_callback (widget_class, feedback_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, tags_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_spin_output_cb);

  gtk_widget_class_install_action (widget_class, "editor.date-now", NULL, date_now_action);
  gtk_widget_class_install_action (widget_class, "editor.use-prompt", NULL, use_prompt_action);
  gtk_widget_class_install_action (widget_class, "editor.next-prompt", NULL, next_prompt_action);
  gtk_widget_class_install_action (widget_class, "editor.dismiss-prompt", NULL,
                                   dismiss_prompt_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.toggle-feedback", NULL,
                                   toggle_feedback_action);
  gtk_widget_class_install_action (widget_class, "editor.get-feedback", NULL,
                                   get_feedback_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "editor.toggle-feedback", NULL);

  gtk_widget_class_set_css_name (widget_class, "entryeditor");
}

static void
reframe_entry_editor_init (ReframeEntryEditor *self)
{
  ReframeApplication *app = REFRAME_APPLICATION_DEFAULT;
  GtkEventController *controller;
  GtkTextBuffer *buffer;

  self->restyle_from = -1;
  self->restyle_to = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->flap = ADW_FLAP (adw_bin_get_child (ADW_BIN (self)));
  g_object_bind_property (self->flap, "reveal-flap", self->feedback_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "enter", G_CALLBACK (tag_entry_focus_enter_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (reframe_tag_editor_get_entry (self->tag_editor), controller);

  buffer = get_buffer (self);
  self->heading_tags[0] = gtk_text_buffer_create_tag (buffer, NULL, "scale", 1.6,
                                                      "weight", PANGO_WEIGHT_BOLD, NULL);
  self->heading_tags[1] = gtk_text_buffer_create_tag (buffer, NULL, "scale", 1.35,
                                                      "weight", PANGO_WEIGHT_BOLD, NULL);
  self->heading_tags[2] = gtk_text_buffer_create_tag (buffer, NULL, "scale", 1.15,
                                                      "weight", PANGO_WEIGHT_BOLD, NULL);
  self->bold_tag = gtk_text_buffer_create_tag (buffer, NULL, "weight", PANGO_WEIGHT_BOLD, NULL);
  self->italic_tag = gtk_text_buffer_create_tag (buffer, NULL, "style", PANGO_STYLE_ITALIC, NULL);
  self->marker_tag = gtk_text_buffer_create_tag (buffer, NULL, NULL);

  g_signal_connect_object (buffer, "insert-text", G_CALLBACK (buffer_insert_text_after_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (buffer, "delete-range", G_CALLBACK (buffer_delete_range_after_cb),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  if (app != NULL && reframe_application_get_journal_store (app) != NULL)
    {
      self->store = g_object_ref (reframe_application_get_journal_store (app));
      g_signal_connect_object (self->store, "entry-deleted", G_CALLBACK (entry_deleted_cb), self,
                               G_CONNECT_SWAPPED);
    }
  if (app != NULL)
    self->settings = g_object_ref (reframe_application_get_settings (app));
  else
    self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::show-writing-prompts",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);

  show_blank (self);
}

GtkWidget *
reframe_entry_editor_new (void)
{
  return g_object_new (REFRAME_TYPE_ENTRY_EDITOR, NULL);
}

gboolean
reframe_entry_editor_new_entry (ReframeEntryEditor *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY_EDITOR (self), FALSE);

  if (!reframe_entry_editor_flush (self))
    return FALSE;
  show_blank (self);
  return TRUE;
}

gboolean
reframe_entry_editor_load (ReframeEntryEditor *self,
                           ReframeEntry       *entry)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY_EDITOR (self), FALSE);
  g_return_val_if_fail (REFRAME_IS_ENTRY (entry), FALSE);
  g_return_val_if_fail (reframe_entry_get_uuid (entry) != NULL, FALSE);

  if (!reframe_entry_editor_flush (self))
    return FALSE;
  show_entry (self, entry, TRUE);
  return TRUE;
}

gboolean
reframe_entry_editor_flush (ReframeEntryEditor *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY_EDITOR (self), FALSE);

  /* Text typed into the tag field counts as a tag once the person moves on. */
  if (reframe_tag_editor_commit (self->tag_editor))
    queue_save (self);

  return save (self);
}

gboolean
reframe_entry_editor_save (ReframeEntryEditor  *self,
                           GError             **error)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY_EDITOR (self), FALSE);

  if (reframe_tag_editor_commit (self->tag_editor))
    queue_save (self);

  return try_save (self, error);
}

const char *
reframe_entry_editor_get_uuid (ReframeEntryEditor *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY_EDITOR (self), NULL);

  return self->stored ? reframe_entry_get_uuid (self->entry) : NULL;
}

gboolean
reframe_entry_editor_is_blank (ReframeEntryEditor *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY_EDITOR (self), FALSE);

  return !self->stored && !has_content (self);
}

void
reframe_entry_editor_forget (ReframeEntryEditor *self)
{
  g_return_if_fail (REFRAME_IS_ENTRY_EDITOR (self));

  show_blank (self);
}

void
reframe_entry_editor_focus_body (ReframeEntryEditor *self)
{
  g_return_if_fail (REFRAME_IS_ENTRY_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

gboolean
reframe_entry_editor_get_folded (ReframeEntryEditor *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY_EDITOR (self), FALSE);

  return self->folded;
}

void
reframe_entry_editor_set_folded (ReframeEntryEditor *self,
                                 gboolean            folded)
{
  g_return_if_fail (REFRAME_IS_ENTRY_EDITOR (self));

  folded = !!folded;
  if (self->folded == folded)
    return;

  self->folded = folded;
  gtk_widget_set_visible (self->back_button, folded);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}
