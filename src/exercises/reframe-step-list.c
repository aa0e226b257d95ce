/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-step-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "reframe-step-field.h"
#include "reframe-step-list.h"

struct _ReframeStepList
{
  GtkWidget           parent_instance;

  ReframeExercise    *exercise;
  const ReframeField *field;
  const ReframeField *source;  /* the list this one reviews, or NULL */
  JsonObject         *root;

  GtkWidget          *rows_box;
  GtkWidget          *placeholder;
  GtkWidget          *add_button;
  GPtrArray          *cards;   /* GtkWidget, one per shown row */
};

G_DEFINE_FINAL_TYPE (ReframeStepList, reframe_step_list, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (ReframeStepList *self);

static JsonArray *
ensure_array (ReframeStepList *self)
{
  JsonNode *node = json_object_get_member (self->root, self->field->id);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (self->root, self->field->id, json_array_new ());
      node = json_object_get_member (self->root, self->field->id);
    }
  return json_node_get_array (node);
}

static JsonArray *
get_array (JsonObject *root,
           const char *id)
{
  JsonNode *node = json_object_get_member (root, id);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
row_key (JsonObject *row)
{
  return json_object_get_string_member_with_default (row, REFRAME_LIST_KEY, NULL);
}

static char *
new_key (JsonArray *array)
{
  for (;;)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *key = g_strndup (uuid, 8);
      gboolean taken = FALSE;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *row = json_array_get_object_element (array, i);

          taken |= row != NULL && g_strcmp0 (row_key (row), key) == 0;
        }
      if (!taken)
        return g_steal_pointer (&key);
    }
}

/* The text a source row is known by: its first short text. */
static const char *
source_title (ReframeStepList *self,
              JsonObject      *row)
{
  for (guint i = 0; i < self->source->item_fields->len; i++)
    {
      const ReframeField *item = g_ptr_array_index (self->source->item_fields, i);

      if (item->type == REFRAME_FIELD_SHORT_TEXT)
        return json_object_get_string_member_with_default (row, item->id, "");
    }
  return "";
}

static void
card_field_changed_cb (ReframeStepField *field,
                       ReframeStepList  *self)
{
  GtkWidget *card = g_object_get_data (G_OBJECT (field), "card");
  GPtrArray *fields = g_object_get_data (G_OBJECT (card), "fields");

  /* Ratings left where they start count once the row has something else in it. */
  for (guint i = 0; i < fields->len; i++)
    if (g_ptr_array_index (fields, i) != field)
      reframe_step_field_commit_default (g_ptr_array_index (fields, i));

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
update_numbers (ReframeStepList *self)
{
  JsonArray *array = get_array (self->root, self->field->id);
  guint rows = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < self->cards->len && self->source == NULL; i++)
    {
      GtkWidget *title = g_object_get_data (g_ptr_array_index (self->cards, i), "title");
      g_autofree char *text = NULL;

      /* Translators: a numbered row of a list, e.g. “Step 2” */
      text = g_strdup_printf (_("%s %u"), self->field->item_label ? self->field->item_label : _("Item"),
                              i + 1);
      gtk_label_set_text (GTK_LABEL (title), text);
    }

  if (self->add_button != NULL)
    gtk_widget_set_sensitive (self->add_button, rows < self->field->max_items);
}

static void
remove_clicked_cb (GtkButton       *button,
                   ReframeStepList *self)
{
  GtkWidget *card = g_object_get_data (G_OBJECT (button), "card");
  guint index;

  if (g_ptr_array_find (self->cards, card, &index))
    reframe_step_list_remove_row (self, index);
}

static GtkWidget *
add_card (ReframeStepList *self,
          JsonObject      *row,
          const char      *title_text)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (title_text);
  GPtrArray *fields = g_ptr_array_new ();

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "exercise-list-row");
  g_object_set_data_full (G_OBJECT (card), "fields", fields, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (card), "title", title);
  g_object_set_data_full (G_OBJECT (card), "row", json_object_ref (row),
                          (GDestroyNotify) json_object_unref);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, self->source ? "heading" : "caption-heading");
  if (self->source == NULL)
    gtk_widget_add_css_class (title, "dim-label");
  gtk_box_append (GTK_BOX (header), title);

  if (self->source == NULL)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      /* Translators: removes a row of a list, e.g. a step of a ladder */
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      g_object_set_data (G_OBJECT (remove), "card", card);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
      gtk_box_append (GTK_BOX (header), remove);
    }
  gtk_box_append (GTK_BOX (card), header);

  for (guint i = 0; i < self->field->item_fields->len; i++)
    {
      const ReframeField *item = g_ptr_array_index (self->field->item_fields, i);
      GtkWidget *widget = reframe_step_field_new (self->exercise, item, row, self->root, TRUE);

      g_object_set_data (G_OBJECT (widget), "card", card);
      g_signal_connect (widget, "changed", G_CALLBACK (card_field_changed_cb), self);
      g_ptr_array_add (fields, widget);
      gtk_box_append (GTK_BOX (card), widget);
    }

  gtk_box_append (GTK_BOX (self->rows_box), card);
  g_ptr_array_add (self->cards, card);
  return card;
}

static void
clear_cards (ReframeStepList *self)
{
  for (guint i = 0; i < self->cards->len; i++)
    gtk_box_remove (GTK_BOX (self->rows_box), g_ptr_array_index (self->cards, i));
  g_ptr_array_set_size (self->cards, 0);
}

static void
rebuild (ReframeStepList *self)
{
  JsonArray *array;

  clear_cards (self);

  if (self->source != NULL)
    {
      JsonArray *source_rows = get_array (self->root, self->source->id);

      array = ensure_array (self);
      for (guint i = 0; source_rows != NULL && i < json_array_get_length (source_rows); i++)
        {
          JsonObject *source_row = json_array_get_object_element (source_rows, i);
          g_autofree char *title = NULL;
          JsonObject *row = NULL;
          const char *key;

          if (source_row == NULL || (key = row_key (source_row)) == NULL)
            continue;
          title = g_strstrip (g_strdup (source_title (self, source_row)));
          if (*title == '\0')
            continue;

          for (guint j = 0; j < json_array_get_length (array) && row == NULL; j++)
            {
              JsonObject *each = json_array_get_object_element (array, j);

              if (each != NULL && g_strcmp0 (row_key (each), key) == 0)
                row = each;
            }
          if (row == NULL)
            {
              row = json_object_new ();
              json_object_set_string_member (row, REFRAME_LIST_KEY, key);
              json_array_add_object_element (array, row);
            }
          add_card (self, row, title);
        }
      gtk_widget_set_visible (self->placeholder, self->cards->len == 0);
      return;
    }

  array = ensure_array (self);
  /* There is always somewhere to start writing. */
  if (json_array_get_length (array) == 0)
    for (guint i = 0; i < MAX (self->field->initial_items, 1); i++)
      {
        JsonObject *row = json_object_new ();
        g_autofree char *key = new_key (array);

        json_object_set_string_member (row, REFRAME_LIST_KEY, key);
        json_array_add_object_element (array, row);
      }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *row = json_array_get_object_element (array, i);

      if (row != NULL)
        add_card (self, row, "");
    }
  update_numbers (self);
}

static void
add_clicked_cb (ReframeStepList *self)
{
  reframe_step_list_add_row (self);
}

static void
reframe_step_list_dispose (GObject *object)
{
  ReframeStepList *self = (ReframeStepList *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->root, json_object_unref);
  g_clear_object (&self->exercise);

  G_OBJECT_CLASS (reframe_step_list_parent_class)->dispose (object);
}

static void
reframe_step_list_class_init (ReframeStepListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_step_list_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "steplist");
}

static void
reframe_step_list_init (ReframeStepList *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);
  self->cards = g_ptr_array_new ();
}

GtkWidget *
reframe_step_list_new (ReframeExercise    *exercise,
                       const ReframeField *field,
                       JsonObject         *root)
{
  ReframeStepList *self;

  g_return_val_if_fail (REFRAME_IS_EXERCISE (exercise), NULL);
  g_return_val_if_fail (field != NULL && field->type == REFRAME_FIELD_LIST, NULL);
  g_return_val_if_fail (root != NULL, NULL);

  self = g_object_new (REFRAME_TYPE_STEP_LIST, NULL);
  self->exercise = g_object_ref (exercise);
  self->field = field;
  self->root = json_object_ref (root);
  if (field->source != NULL)
    self->source = reframe_exercise_lookup_field (exercise, field->source);

  self->rows_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->rows_box, GTK_WIDGET (self));

  if (self->source != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Nothing to go through yet. Fill in “%s” first."),
                                               self->source->label);

      self->placeholder = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (self->placeholder), TRUE);
      gtk_label_set_justify (GTK_LABEL (self->placeholder), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (self->placeholder, "dim-label");
      gtk_widget_set_margin_top (self->placeholder, 12);
      gtk_widget_set_margin_bottom (self->placeholder, 12);
      gtk_widget_set_parent (self->placeholder, GTK_WIDGET (self));
    }
  else
    {
      GtkWidget *content = adw_button_content_new ();

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content),
                                    field->add_label ? field->add_label : _("Add"));
      adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
      self->add_button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (self->add_button), content);
      gtk_widget_set_halign (self->add_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (self->add_button, "pill");
      g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
      gtk_widget_set_parent (self->add_button, GTK_WIDGET (self));
    }

  rebuild (self);
  return GTK_WIDGET (self);
}

void
reframe_step_list_refresh (ReframeStepList *self)
{
  g_return_if_fail (REFRAME_IS_STEP_LIST (self));
  rebuild (self);
}

void
reframe_step_list_prune (ReframeStepList *self)
{
  JsonArray *array;
  gboolean pruned = FALSE;

  g_return_if_fail (REFRAME_IS_STEP_LIST (self));

  /* Reviews keep their rows: they belong to the rows they review. */
  if (self->source != NULL || (array = get_array (self->root, self->field->id)) == NULL)
    return;

  for (guint i = json_array_get_length (array); i > 0; i--)
    if (!reframe_exercise_answer_is_set (json_array_get_element (array, i - 1)))
      {
        json_array_remove_element (array, i - 1);
        pruned = TRUE;
      }

  if (json_array_get_length (array) == 0)
    json_object_remove_member (self->root, self->field->id);
  if (pruned)
    g_signal_emit (self, signals[CHANGED], 0);
}

void
reframe_step_list_commit_defaults (ReframeStepList *self)
{
  g_return_if_fail (REFRAME_IS_STEP_LIST (self));

  for (guint i = 0; i < self->cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (self->cards, i);
      GPtrArray *fields = g_object_get_data (G_OBJECT (card), "fields");
      JsonObject *row = g_object_get_data (G_OBJECT (card), "row");
      g_autoptr(JsonNode) node = NULL;

      /* Only rows the person has written in. */
      node = json_node_init_object (json_node_alloc (), row);
      if (!reframe_exercise_answer_is_set (node))
        continue;
      for (guint j = 0; j < fields->len; j++)
        reframe_step_field_commit_default (g_ptr_array_index (fields, j));
    }
}

guint
reframe_step_list_get_n_rows (ReframeStepList *self)
{
  g_return_val_if_fail (REFRAME_IS_STEP_LIST (self), 0);
  return self->cards->len;
}

gboolean
reframe_step_list_add_row (ReframeStepList *self)
{
  JsonArray *array;
  JsonObject *row;
  g_autofree char *key = NULL;
  GPtrArray *fields;
  GtkWidget *card;

  g_return_val_if_fail (REFRAME_IS_STEP_LIST (self), FALSE);

  if (self->source != NULL)
    return FALSE;
  array = ensure_array (self);
  if (json_array_get_length (array) >= self->field->max_items)
    return FALSE;

  row = json_object_new ();
  key = new_key (array);
  json_object_set_string_member (row, REFRAME_LIST_KEY, key);
  json_array_add_object_element (array, row);
  card = add_card (self, row, "");
  update_numbers (self);

  fields = g_object_get_data (G_OBJECT (card), "fields");
  if (fields->len > 0)
    reframe_step_field_focus (g_ptr_array_index (fields, 0));
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

void
reframe_step_list_remove_row (ReframeStepList *self,
                              guint            index)
{
  JsonArray *array;
  GtkWidget *card;

  g_return_if_fail (REFRAME_IS_STEP_LIST (self));
  g_return_if_fail (index < self->cards->len);

  array = get_array (self->root, self->field->id);
  card = g_ptr_array_index (self->cards, index);
  if (array != NULL && index < json_array_get_length (array))
    json_array_remove_element (array, index);
  gtk_box_remove (GTK_BOX (self->rows_box), card);
  g_ptr_array_remove_index (self->cards, index);

  /* Never an empty page: a fresh row to write in. */
  if (self->cards->len == 0)
    rebuild (self);
  update_numbers (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

GtkWidget *
reframe_step_list_get_field (ReframeStepList *self,
                             guint            index,
                             const char      *item_id)
{
  GPtrArray *fields;

  g_return_val_if_fail (REFRAME_IS_STEP_LIST (self), NULL);

  if (index >= self->cards->len)
    return NULL;
  fields = g_object_get_data (g_ptr_array_index (self->cards, index), "fields");
  for (guint i = 0; i < fields->len; i++)
    if (g_str_equal (reframe_step_field_get_field (g_ptr_array_index (fields, i))->id, item_id))
      return g_ptr_array_index (fields, i);
  return NULL;
}

gboolean
reframe_step_list_focus_first (ReframeStepList *self)
{
  GPtrArray *fields;

  g_return_val_if_fail (REFRAME_IS_STEP_LIST (self), FALSE);

  if (self->cards->len == 0)
    return FALSE;
  fields = g_object_get_data (g_ptr_array_index (self->cards, 0), "fields");
  return fields->len > 0 && reframe_step_field_focus (g_ptr_array_index (fields, 0));
}
