/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-entry-row"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-date.h"
#include "reframe-entry-row.h"

struct _ReframeEntryRow
{
  AdwBin        parent_instance;

  ReframeEntry *entry;

  /* Template widgets */
  GtkLabel     *month_label;
  GtkLabel     *title_label;
  GtkLabel     *date_label;
  GtkLabel     *preview_label;
  GtkLabel     *tags_label;
  GtkLabel     *words_label;
};

G_DEFINE_FINAL_TYPE (ReframeEntryRow, reframe_entry_row, ADW_TYPE_BIN)

/* "# Heading" shows as "Heading" in a one-line summary. */
static const char *
skip_heading_marks (const char *line)
{
  const char *p = line;

  while (*p == '#')
    p++;
  return p != line && *p == ' ' ? p + 1 : line;
}

/* The text after the first line when that line stands in for a missing title, on one line. */
static char *
make_preview (ReframeEntry *entry)
{
  const char *text = reframe_entry_get_preview (entry);
  const char *title = reframe_entry_get_title (entry);
  g_autoptr(GString) preview = g_string_new (NULL);
  gboolean space = FALSE;

  if (text == NULL)
    text = reframe_entry_get_body (entry);
  if (text == NULL)
    return g_strdup ("");

  if (title == NULL || *title == '\0')
    {
      const char *newline;

      while (g_unichar_isspace (g_utf8_get_char (text)))
        text = g_utf8_next_char (text);
      newline = strchr (text, '\n');
      text = newline != NULL ? newline + 1 : "";
    }

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = preview->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (preview, ' ');
      space = FALSE;
      g_string_append_unichar (preview, c);
    }

  return g_string_free (g_steal_pointer (&preview), FALSE);
}

static char *
make_tags (ReframeEntry *entry)
{
  const char * const *tags = reframe_entry_get_tags (entry);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, "  ");
      g_string_append_printf (text, "#%s", tags[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
reframe_entry_row_dispose (GObject *object)
{
  ReframeEntryRow *self = (ReframeEntryRow *)object;

  g_clear_object (&self->entry);
  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_ENTRY_ROW);

  G_OBJECT_CLASS (reframe_entry_row_parent_class)->dispose (object);
}

static void
reframe_entry_row_class_init (ReframeEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_entry_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/journal/reframe-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryRow, month_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryRow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryRow, tags_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeEntryRow, words_label);

  gtk_widget_class_set_css_name (widget_class, "entryrow");
}

static void
reframe_entry_row_init (ReframeEntryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
reframe_entry_row_new (void)
{
  return g_object_new (REFRAME_TYPE_ENTRY_ROW, NULL);
}

void
reframe_entry_row_set_entry (ReframeEntryRow *self,
                             ReframeEntry    *entry,
                             GDateTime       *now)
{
  g_autofree char *title = NULL;
  g_autofree char *day = NULL;
  g_autofree char *month = NULL;
  g_autofree char *preview = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *words = NULL;
  guint word_count;

  g_return_if_fail (REFRAME_IS_ENTRY_ROW (self));
  g_return_if_fail (entry == NULL || REFRAME_IS_ENTRY (entry));

  g_set_object (&self->entry, entry);
  if (entry == NULL)
    return;

  title = reframe_entry_dup_display_title (entry);
  if (*skip_heading_marks (title) == '\0')
    gtk_label_set_label (self->title_label, _("Untitled Entry"));
  else
    gtk_label_set_label (self->title_label, skip_heading_marks (title));

  day = reframe_date_format_day (reframe_entry_get_date (entry), now);
  gtk_label_set_label (self->date_label, day);
  month = reframe_date_format_month (reframe_entry_get_date (entry));
  gtk_label_set_label (self->month_label, month);

  preview = make_preview (entry);
  gtk_label_set_label (self->preview_label, preview);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_label), *preview != '\0');

  tags = make_tags (entry);
  gtk_label_set_label (self->tags_label, tags);

  word_count = reframe_entry_get_word_count (entry);
  words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", word_count),
                           word_count);
  gtk_label_set_label (self->words_label, words);
}

ReframeEntry *
reframe_entry_row_get_entry (ReframeEntryRow *self)
{
  g_return_val_if_fail (REFRAME_IS_ENTRY_ROW (self), NULL);

  return self->entry;
}

void
reframe_entry_row_set_show_month (ReframeEntryRow *self,
                                  gboolean         show_month)
{
  g_return_if_fail (REFRAME_IS_ENTRY_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->month_label), show_month);
}
