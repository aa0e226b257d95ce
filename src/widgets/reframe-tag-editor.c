/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-tag-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-tag-editor.h"

#define SPACING 6
#define MAX_SUGGESTIONS 6
#define MAX_TAG_CHARS 60

struct _ReframeTagEditor
{
  GtkWidget   parent_instance;

  /* The tags in order; each has a chip widget before the entry. */
  GPtrArray  *tags;
  GPtrArray  *chips;
  char      **suggestions;

  /* Template widgets */
  GtkEntry   *entry;
  GtkPopover *popover;
  GtkListBox *suggestion_list;
};

G_DEFINE_FINAL_TYPE (ReframeTagEditor, reframe_tag_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
normalize_tag (const char *text)
{
  g_autofree char *tag = NULL;
  g_autoptr(GString) collapsed = g_string_new (NULL);
  const char *p;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  tag = g_strstrip (g_strdup (text));
  /* People coming from other apps type "#work"; the chip shows a tag either way. */
  p = tag;
  while (*p == '#')
    p++;

  /* One space between words, and no line breaks. */
  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (collapsed->len > 0 && collapsed->str[collapsed->len - 1] != ' ')
            g_string_append_c (collapsed, ' ');
        }
      else if (!g_unichar_iscntrl (c))
        {
          g_string_append_unichar (collapsed, c);
        }
    }
  while (collapsed->len > 0 && collapsed->str[collapsed->len - 1] == ' ')
    g_string_truncate (collapsed, collapsed->len - 1);

  if (collapsed->len == 0)
    return NULL;

  if (g_utf8_strlen (collapsed->str, -1) > MAX_TAG_CHARS)
    {
      const char *end = g_utf8_offset_to_pointer (collapsed->str, MAX_TAG_CHARS);

      g_string_truncate (collapsed, end - collapsed->str);
    }

  return g_string_free (g_steal_pointer (&collapsed), FALSE);
}

static int
find_tag (ReframeTagEditor *self,
          const char       *tag)
{
  g_autofree char *folded = g_utf8_casefold (tag, -1);

  for (guint i = 0; i < self->tags->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (self->tags, i), -1);

      if (g_strcmp0 (folded, other) == 0)
        return i;
    }

  return -1;
}

static void remove_clicked_cb (ReframeTagEditor *self,
                               GtkButton        *button);

static GtkWidget *
create_chip (ReframeTagEditor *self,
             const char       *tag)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (tag);
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *remove_label = NULL;

  gtk_widget_add_css_class (box, "tag-chip");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: tooltip of the small × on a tag chip; %s is the tag */
  remove_label = g_strdup_printf (_("Remove Tag “%s”"), tag);
  gtk_widget_set_tooltip_text (button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), button);

  return box;
}

static void
add_tag_widget (ReframeTagEditor *self,
                const char       *tag)
{
  GtkWidget *chip = create_chip (self, tag);

  g_ptr_array_add (self->tags, g_strdup (tag));
  g_ptr_array_add (self->chips, chip);
  gtk_widget_insert_before (chip, GTK_WIDGET (self), GTK_WIDGET (self->entry));
}

static void
remove_tag_at (ReframeTagEditor *self,
               guint             index)
{
  GtkWidget *chip = g_ptr_array_index (self->chips, index);

  g_ptr_array_remove_index (self->chips, index);
  g_ptr_array_remove_index (self->tags, index);
  gtk_widget_unparent (chip);
}

static void
remove_clicked_cb (ReframeTagEditor *self,
                   GtkButton        *button)
{
  GtkWidget *chip = gtk_widget_get_parent (GTK_WIDGET (button));
  guint index;

  if (!g_ptr_array_find (self->chips, chip, &index))
    return;

  remove_tag_at (self, index);
  /* The button that had focus is gone; keep the keyboard in the tag row. */
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The spelling already in use, so "work" typed later joins "Work". */
static const char *
find_suggestion (ReframeTagEditor *self,
                 const char       *tag)
{
  g_autofree char *folded = g_utf8_casefold (tag, -1);

  for (guint i = 0; self->suggestions != NULL && self->suggestions[i] != NULL; i++)
    {
      g_autofree char *other = g_utf8_casefold (self->suggestions[i], -1);

      if (g_strcmp0 (folded, other) == 0)
        return self->suggestions[i];
    }

  return NULL;
}

static gboolean
add_typed_tag (ReframeTagEditor *self,
               const char       *text)
{
  g_autofree char *tag = normalize_tag (text);
  const char *known;

  if (tag == NULL || find_tag (self, tag) >= 0)
    return FALSE;

  known = find_suggestion (self, tag);
  add_tag_widget (self, known != NULL ? known : tag);
  return TRUE;
}

/* Under the entry, which moves as chips come and go. */
static void
place_popover (ReframeTagEditor *self)
{
  graphene_rect_t bounds;

  if (gtk_widget_compute_bounds (GTK_WIDGET (self->entry), GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (self->popover, &(GdkRectangle) {
      bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height });
}

static void
hide_suggestions (ReframeTagEditor *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_popdown (self->popover);
}

static guint
update_suggestions (ReframeTagEditor *self,
                    gboolean          show_all)
{
  g_autofree char *typed = normalize_tag (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  g_autofree char *folded = typed ? g_utf8_casefold (typed, -1) : NULL;
  g_autoptr(GPtrArray) prefix = g_ptr_array_new ();
  g_autoptr(GPtrArray) inside = g_ptr_array_new ();
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestion_list))) != NULL)
    gtk_list_box_remove (self->suggestion_list, child);

  if (folded == NULL && !show_all)
    {
      hide_suggestions (self);
      return 0;
    }

  /* Tags that start with what was typed first, then those that contain it. */
  for (guint i = 0; self->suggestions != NULL && self->suggestions[i] != NULL; i++)
    {
      g_autofree char *candidate = g_utf8_casefold (self->suggestions[i], -1);

      if (find_tag (self, self->suggestions[i]) >= 0)
        continue;
      if (folded == NULL || g_str_has_prefix (candidate, folded))
        g_ptr_array_add (prefix, self->suggestions[i]);
      else if (strstr (candidate, folded) != NULL)
        g_ptr_array_add (inside, self->suggestions[i]);
    }
  g_ptr_array_extend_and_steal (prefix, g_steal_pointer (&inside));

  for (guint i = 0; i < prefix->len && n < MAX_SUGGESTIONS; i++, n++)
    {
      const char *tag = g_ptr_array_index (prefix, i);
      GtkWidget *label = gtk_label_new (tag);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_list_box_append (self->suggestion_list, label);
      g_object_set_data_full (G_OBJECT (gtk_widget_get_parent (label)), "tag",
                              g_strdup (tag), g_free);
    }

  /* A lone suggestion that is exactly what was typed adds nothing. */
  if (n == 1 && folded != NULL)
    {
      g_autofree char *only = g_utf8_casefold (g_ptr_array_index (prefix, 0), -1);

      if (g_strcmp0 (only, folded) == 0)
        n = 0;
    }

  if (n == 0)
    hide_suggestions (self);
  else if (!gtk_widget_get_visible (GTK_WIDGET (self->popover)) &&
           gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      place_popover (self);
      gtk_popover_popup (self->popover);
    }

  return n;
}

static void
entry_changed_cb (ReframeTagEditor *self,
                  GtkEditable      *editable)
{
  const char *text = gtk_editable_get_text (editable);
  const char *comma = strchr (text, ',');

  /* A comma, typed or pasted, ends a tag. */
  if (comma != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);
      gboolean changed = FALSE;
      guint n = g_strv_length (parts);

      for (guint i = 0; i + 1 < n; i++)
        changed |= add_typed_tag (self, parts[i]);
      gtk_editable_set_text (editable, parts[n - 1]);
      gtk_editable_set_position (editable, -1);
      if (changed)
        g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  update_suggestions (self, FALSE);
}

static void
accept_suggestion (ReframeTagEditor *self,
                   GtkListBoxRow    *row)
{
  const char *tag = g_object_get_data (G_OBJECT (row), "tag");

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  hide_suggestions (self);
  if (tag != NULL && add_typed_tag (self, tag))
    g_signal_emit (self, signals[CHANGED], 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
suggestion_activated_cb (ReframeTagEditor *self,
                         GtkListBoxRow    *row,
                         GtkListBox       *list)
{
  accept_suggestion (self, row);
}

static void
entry_activate_cb (ReframeTagEditor *self,
                   GtkEntry         *entry)
{
  GtkListBoxRow *row = NULL;

  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    row = gtk_list_box_get_selected_row (self->suggestion_list);

  if (row != NULL)
    accept_suggestion (self, row);
  else if (reframe_tag_editor_commit (self))
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
move_selection (ReframeTagEditor *self,
                int               delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->suggestion_list);
  int index = row ? gtk_list_box_row_get_index (row) + delta : (delta > 0 ? 0 : -1);
  GtkListBoxRow *next;

  if (index < 0)
    {
      gtk_list_box_unselect_all (self->suggestion_list);
      return;
    }
  next = gtk_list_box_get_row_at_index (self->suggestion_list, index);
  if (next != NULL)
    gtk_list_box_select_row (self->suggestion_list, next);
}

static gboolean
entry_key_pressed_cb (ReframeTagEditor      *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  gboolean open = gtk_widget_get_visible (GTK_WIDGET (self->popover));

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!open && update_suggestions (self, TRUE) == 0)
        return GDK_EVENT_PROPAGATE;
      move_selection (self, 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!open)
        return GDK_EVENT_PROPAGATE;
      move_selection (self, -1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      if (!open)
        return GDK_EVENT_PROPAGATE;
      hide_suggestions (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Tab:
      {
        GtkListBoxRow *row = open ? gtk_list_box_get_selected_row (self->suggestion_list) : NULL;

        if (row == NULL)
          return GDK_EVENT_PROPAGATE;
        accept_suggestion (self, row);
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_BackSpace:
      /* In an empty entry, Backspace takes back the last tag, as in a mail composer. */
      if (*gtk_editable_get_text (GTK_EDITABLE (self->entry)) == '\0' && self->tags->len > 0)
        {
          remove_tag_at (self, self->tags->len - 1);
          g_signal_emit (self, signals[CHANGED], 0);
          return GDK_EVENT_STOP;
        }
      return GDK_EVENT_PROPAGATE;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
entry_focus_leave_cb (ReframeTagEditor         *self,
                      GtkEventControllerFocus  *controller)
{
  hide_suggestions (self);
  if (reframe_tag_editor_commit (self))
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Children in reading order, the entry last; the popover is not laid out here. */
static gboolean
is_laid_out (GtkWidget *child)
{
  return !GTK_IS_NATIVE (child) && gtk_widget_should_layout (child);
}

/* Lines of children at their natural width; returns the total height for @width, and
 * allocates them when @allocate. The entry stretches to the end of its line. */
static int
layout (ReframeTagEditor *self,
        int               width,
        gboolean          allocate)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *line_start = gtk_widget_get_first_child (widget);
  int y = 0;

  while (line_start != NULL)
    {
      GtkWidget *child;
      GtkWidget *line_end = NULL;
      int line_width = 0;
      int line_height = 0;
      int x = 0;

      while (line_start != NULL && !is_laid_out (line_start))
        line_start = gtk_widget_get_next_sibling (line_start);
      if (line_start == NULL)
        break;

      /* Gather one line. */
      for (child = line_start; child != NULL; child = gtk_widget_get_next_sibling (child))
        {
          int min, nat, w, h;

          if (!is_laid_out (child))
            continue;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          w = MIN (nat, width);
          w = MAX (w, min);
          if (line_width > 0 && line_width + SPACING + w > width)
            break;
          line_width += (line_width > 0 ? SPACING : 0) + w;
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, w, NULL, &h, NULL, NULL);
          line_height = MAX (line_height, h);
          line_end = child;
        }

      for (child = line_start; child != NULL; child = gtk_widget_get_next_sibling (child))
        {
          int min, nat, w, h;

          if (!is_laid_out (child))
            {
              if (child == line_end)
                break;
              continue;
            }

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          w = MAX (MIN (nat, width), min);
          if (child == GTK_WIDGET (self->entry))
            w = MAX (w, width - x);
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, w, NULL, &h, NULL, NULL);

          if (allocate)
            {
              GtkAllocation alloc = { x, y + (line_height - h) / 2, w, h };

              if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
                alloc.x = width - x - w;
              gtk_widget_size_allocate (child, &alloc, -1);
            }
          x += w + SPACING;

          if (child == line_end)
            break;
        }

      y += line_height + SPACING;
      line_start = line_end != NULL ? gtk_widget_get_next_sibling (line_end) : NULL;
    }

  return MAX (0, y - SPACING);
}

static GtkSizeRequestMode
reframe_tag_editor_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
reframe_tag_editor_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  ReframeTagEditor *self = REFRAME_TAG_EDITOR (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int min_width = 0, nat_width = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min, nat;

          if (!is_laid_out (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          min_width = MAX (min_width, min);
          nat_width += (nat_width > 0 ? SPACING : 0) + nat;
        }

      *minimum = min_width;
      *natural = nat_width;
    }
  else
    {
      int width = for_size;

      if (width < 0)
        gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
      *minimum = *natural = layout (self, width, FALSE);
    }
}

static void
reframe_tag_editor_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  ReframeTagEditor *self = REFRAME_TAG_EDITOR (widget);

  layout (self, width, TRUE);

  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    {
      place_popover (self);
      gtk_popover_present (self->popover);
    }
}

static void
reframe_tag_editor_dispose (GObject *object)
{
  ReframeTagEditor *self = (ReframeTagEditor *)object;
  GtkWidget *child;

  g_clear_pointer (&self->chips, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_TAG_EDITOR);

  G_OBJECT_CLASS (reframe_tag_editor_parent_class)->dispose (object);
}

static void
reframe_tag_editor_finalize (GObject *object)
{
  ReframeTagEditor *self = (ReframeTagEditor *)object;

  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_strfreev);

  G_OBJECT_CLASS (reframe_tag_editor_parent_class)->finalize (object);
}

static void
reframe_tag_editor_class_init (ReframeTagEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_tag_editor_dispose;
  object_class->finalize = reframe_tag_editor_finalize;

  widget_class->get_request_mode = reframe_tag_editor_get_request_mode;
  widget_class->measure = reframe_tag_editor_measure;
  widget_class->size_allocate = reframe_tag_editor_size_allocate;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/widgets/reframe-tag-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeTagEditor, entry);
  gtk_widget_class_bind_template_child (widget_class, ReframeTagEditor, popover);
  gtk_widget_class_bind_template_child (widget_class, ReframeTagEditor, suggestion_list);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggestion_activated_cb);

  gtk_widget_class_set_css_name (widget_class, "tageditor");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
reframe_tag_editor_init (ReframeTagEditor *self)
{
  GtkEventController *controller;

  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->chips = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Capture phase: the entry would otherwise move focus on Up, Down and Tab first. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (entry_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);
}

GtkWidget *
reframe_tag_editor_new (void)
{
  return g_object_new (REFRAME_TYPE_TAG_EDITOR, NULL);
}

void
reframe_tag_editor_set_tags (ReframeTagEditor   *self,
                             const char * const *tags)
{
  g_return_if_fail (REFRAME_IS_TAG_EDITOR (self));

  while (self->tags->len > 0)
    remove_tag_at (self, self->tags->len - 1);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  hide_suggestions (self);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *tag = normalize_tag (tags[i]);

      if (tag != NULL && find_tag (self, tag) < 0)
        add_tag_widget (self, tag);
    }
}

char **
reframe_tag_editor_dup_tags (ReframeTagEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (REFRAME_IS_TAG_EDITOR (self), NULL);

  for (guint i = 0; i < self->tags->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->tags, i));

  return g_strv_builder_end (builder);
}

void
reframe_tag_editor_set_suggestions (ReframeTagEditor   *self,
                                    const char * const *suggestions)
{
  g_return_if_fail (REFRAME_IS_TAG_EDITOR (self));

  g_clear_pointer (&self->suggestions, g_strfreev);
  self->suggestions = g_strdupv ((char **) suggestions);
}

gboolean
reframe_tag_editor_commit (ReframeTagEditor *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (REFRAME_IS_TAG_EDITOR (self), FALSE);

  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  if (*text == '\0')
    return FALSE;

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  hide_suggestions (self);
  return add_typed_tag (self, text);
}

GtkWidget *
reframe_tag_editor_get_entry (ReframeTagEditor *self)
{
  g_return_val_if_fail (REFRAME_IS_TAG_EDITOR (self), NULL);

  return GTK_WIDGET (self->entry);
}
