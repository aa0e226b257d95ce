/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-search-row"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-date.h"
#include "reframe-search-row.h"

struct _ReframeSearchRow
{
  AdwBin               parent_instance;

  ReframeSearchResult *result;

  /* Template widgets */
  GtkImage            *kind_icon;
  GtkLabel            *title_label;
  GtkLabel            *date_label;
  GtkLabel            *snippet_label;
  GtkLabel            *detail_label;
};

G_DEFINE_FINAL_TYPE (ReframeSearchRow, reframe_search_row, ADW_TYPE_BIN)

/* A soft yellow under bold text reads as a highlighter mark on light and dark alike. */
#define MATCH_OPEN "<span bgcolor=\"#f6d32d\" bgalpha=\"40%\"><b>"
#define MATCH_CLOSE "</b></span>"

static void
append_escaped (GString    *markup,
                const char *text,
                gsize       length,
                gboolean   *space)
{
  const char *end = text + length;

  /* One line: runs of spaces and line breaks become one space. */
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          *space = markup->len > 0;
          continue;
        }
      if (*space)
        g_string_append_c (markup, ' ');
      *space = FALSE;

      switch (c)
        {
        case '<':
          g_string_append (markup, "&lt;");
          break;
        case '>':
          g_string_append (markup, "&gt;");
          break;
        case '&':
          g_string_append (markup, "&amp;");
          break;
        case '"':
          g_string_append (markup, "&quot;");
          break;
        case '\'':
          g_string_append (markup, "&#39;");
          break;
        default:
          if (!g_unichar_iscntrl (c))
            g_string_append_unichar (markup, c);
        }
    }
}

char *
reframe_search_snippet_to_markup (const char *snippet)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *valid = NULL;
  gboolean in_match = FALSE;
  gboolean space = FALSE;
  const char *p;

  if (snippet == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (snippet, -1);
  p = valid;

  while (*p)
    {
      const char *mark = p + strcspn (p, REFRAME_SEARCH_MATCH_START REFRAME_SEARCH_MATCH_END);

      if (mark > p)
        {
          if (space && in_match)
            {
              /* Keep the space outside the highlight. */
              g_string_append_c (markup, ' ');
              space = FALSE;
            }
          append_escaped (markup, p, mark - p, &space);
        }
      if (*mark == '\0')
        break;

      if (*mark == REFRAME_SEARCH_MATCH_START[0] && !in_match)
        {
          if (space)
            g_string_append_c (markup, ' ');
          space = FALSE;
          g_string_append (markup, MATCH_OPEN);
          in_match = TRUE;
        }
      else if (*mark == REFRAME_SEARCH_MATCH_END[0] && in_match)
        {
          g_string_append (markup, MATCH_CLOSE);
          in_match = FALSE;
        }
      p = mark + 1;
    }

  if (in_match)
    g_string_append (markup, MATCH_CLOSE);

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* The search only matched words in the body for the snippet; a title gets its matching
 * words (by prefix, as the search does) highlighted here. */
static char *
highlight_title (const char *title,
                 const char *query)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  const char *p = query;

  while (p != NULL && *p)
    {
      const char *start;

      while (*p && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (words, g_utf8_casefold (start, p - start));
    }

  p = title;
  while (*p)
    {
      const char *start = p;
      gboolean word = is_word_char (g_utf8_get_char (p));
      g_autofree char *escaped = NULL;
      gboolean match = FALSE;

      while (*p && is_word_char (g_utf8_get_char (p)) == word)
        p = g_utf8_next_char (p);

      escaped = g_markup_escape_text (start, p - start);
      if (word)
        {
          g_autofree char *folded = g_utf8_casefold (start, p - start);

          for (guint i = 0; i < words->len && !match; i++)
            match = g_str_has_prefix (folded, g_ptr_array_index (words, i));
        }

      if (match)
        g_string_append (markup, MATCH_OPEN);
      g_string_append (markup, escaped);
      if (match)
        g_string_append (markup, MATCH_CLOSE);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
reframe_search_row_dispose (GObject *object)
{
  ReframeSearchRow *self = (ReframeSearchRow *)object;

  g_clear_object (&self->result);
  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_SEARCH_ROW);

  G_OBJECT_CLASS (reframe_search_row_parent_class)->dispose (object);
}

static void
reframe_search_row_class_init (ReframeSearchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_search_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/journal/reframe-search-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeSearchRow, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, ReframeSearchRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeSearchRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeSearchRow, snippet_label);
  gtk_widget_class_bind_template_child (widget_class, ReframeSearchRow, detail_label);

  gtk_widget_class_set_css_name (widget_class, "searchrow");
}

static void
reframe_search_row_init (ReframeSearchRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
reframe_search_row_new (void)
{
  return g_object_new (REFRAME_TYPE_SEARCH_ROW, NULL);
}

void
reframe_search_row_set_result (ReframeSearchRow    *self,
                               ReframeSearchResult *result,
                               const char          *query,
                               GDateTime           *now)
{
  g_autofree char *markup = NULL;
  g_autofree char *title_markup = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  const char *title;
  gboolean thought_record;

  g_return_if_fail (REFRAME_IS_SEARCH_ROW (self));
  g_return_if_fail (result == NULL || REFRAME_IS_SEARCH_RESULT (result));

  g_set_object (&self->result, result);
  if (result == NULL)
    return;

  thought_record = reframe_search_result_get_kind (result) == REFRAME_SEARCH_KIND_THOUGHT_RECORD;
  gtk_image_set_from_icon_name (self->kind_icon, thought_record ? "reframe-thought-symbolic"
                                                                : "document-edit-symbolic");

  title = reframe_search_result_get_title (result);
  if (title == NULL || *title == '\0')
    title = thought_record ? _("Thought Record") : _("Untitled Entry");
  title_markup = highlight_title (title, query);
  gtk_label_set_markup (self->title_label, title_markup);

  day = reframe_date_format_day (reframe_search_result_get_date (result), now);
  gtk_label_set_label (self->date_label, day);

  markup = reframe_search_snippet_to_markup (reframe_search_result_get_snippet (result));
  gtk_label_set_markup (self->snippet_label, markup);
  gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), *markup != '\0');

  if (thought_record)
    g_string_append (detail, _("Thought record"));
  for (const char * const *t = reframe_search_result_get_tags (result); t && *t; t++)
    g_string_append_printf (detail, "%s#%s", detail->len > 0 ? "  " : "", *t);
  gtk_label_set_label (self->detail_label, detail->str);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail->len > 0);
}

ReframeSearchResult *
reframe_search_row_get_result (ReframeSearchRow *self)
{
  g_return_val_if_fail (REFRAME_IS_SEARCH_ROW (self), NULL);

  return self->result;
}
