/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-trap-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-thinking-traps.h"
#include "reframe-trap-picker.h"

typedef struct
{
  const ReframeThinkingTrap *trap;
  AdwExpanderRow            *row;
  GtkCheckButton            *check;
  GtkWidget                 *suggested;
} TrapItem;

struct _ReframeTrapPicker
{
  AdwBin      parent_instance;

  GtkListBox *list;
  GArray     *items;    /* TrapItem, in catalog order */
  GStrv       unknown;  /* selected ids the catalog does not have */
  gboolean    loading;
};

G_DEFINE_FINAL_TYPE (ReframeTrapPicker, reframe_trap_picker, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TrapItem *
find_item (ReframeTrapPicker *self,
           const char        *id)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      TrapItem *item = &g_array_index (self->items, TrapItem, i);

      if (g_strcmp0 (item->trap->id, id) == 0)
        return item;
    }

  return NULL;
}

static void
check_toggled_cb (ReframeTrapPicker *self,
                  GtkCheckButton    *check)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
create_example_row (const ReframeThinkingTrap *trap)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_label_new (_("For example"));
  GtkWidget *example;
  g_autofree char *quoted = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Nothing to do there: Tab goes on to the next trap. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");

  /* Translators: an example thought in quotation marks */
  quoted = g_strdup_printf (_("“%s”"), trap->example);
  example = gtk_label_new (quoted);
  gtk_label_set_xalign (GTK_LABEL (example), 0);
  gtk_label_set_wrap (GTK_LABEL (example), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (example), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (example), FALSE);
  gtk_widget_add_css_class (example, "trap-example");

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), example);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
reframe_trap_picker_dispose (GObject *object)
{
  ReframeTrapPicker *self = (ReframeTrapPicker *)object;

  adw_bin_set_child (ADW_BIN (self), NULL);
  self->list = NULL;

  G_OBJECT_CLASS (reframe_trap_picker_parent_class)->dispose (object);
}

static void
reframe_trap_picker_finalize (GObject *object)
{
  ReframeTrapPicker *self = (ReframeTrapPicker *)object;

  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->unknown, g_strfreev);

  G_OBJECT_CLASS (reframe_trap_picker_parent_class)->finalize (object);
}

static void
reframe_trap_picker_class_init (ReframeTrapPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_trap_picker_dispose;
  object_class->finalize = reframe_trap_picker_finalize;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "reframetrappicker");
}

static void
reframe_trap_picker_init (ReframeTrapPicker *self)
{
  const GPtrArray *traps = reframe_thinking_traps_get_all ();

  self->items = g_array_sized_new (FALSE, TRUE, sizeof (TrapItem), traps->len);
  self->unknown = g_new0 (char *, 1);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->list));

  for (guint i = 0; i < traps->len; i++)
    {
      const ReframeThinkingTrap *trap = g_ptr_array_index (traps, i);
      TrapItem item = { trap, NULL, NULL, NULL };

      item.row = ADW_EXPANDER_ROW (adw_expander_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item.row), trap->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item.row), FALSE);
      adw_expander_row_set_subtitle (item.row, trap->summary);

      item.check = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_widget_set_valign (GTK_WIDGET (item.check), GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (GTK_WIDGET (item.check), trap->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (item.check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, trap->name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, trap->summary,
                                      -1);
      g_signal_connect_object (item.check, "toggled", G_CALLBACK (check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      adw_expander_row_add_prefix (item.row, GTK_WIDGET (item.check));

      /* Translators: a tag on a thinking trap that the coach thinks may fit */
      item.suggested = gtk_label_new (_("Suggested"));
      gtk_widget_set_valign (item.suggested, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (item.suggested, "suggested-tag");
      gtk_widget_set_visible (item.suggested, FALSE);
      adw_expander_row_add_action (item.row, item.suggested);

      adw_expander_row_add_row (item.row, create_example_row (trap));

      gtk_list_box_append (self->list, GTK_WIDGET (item.row));
      g_array_append_val (self->items, item);
    }
}

GtkWidget *
reframe_trap_picker_new (void)
{
  return g_object_new (REFRAME_TYPE_TRAP_PICKER, NULL);
}

char **
reframe_trap_picker_get_selected (ReframeTrapPicker *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (REFRAME_IS_TRAP_PICKER (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      TrapItem *item = &g_array_index (self->items, TrapItem, i);

      if (gtk_check_button_get_active (item->check))
        g_strv_builder_add (builder, item->trap->id);
    }
  g_strv_builder_addv (builder, (const char **) self->unknown);

  return g_strv_builder_end (builder);
}

void
reframe_trap_picker_set_selected (ReframeTrapPicker  *self,
                                  const char * const *ids)
{
  g_autoptr(GStrvBuilder) unknown = g_strv_builder_new ();

  g_return_if_fail (REFRAME_IS_TRAP_PICKER (self));

  self->loading = TRUE;
  for (guint i = 0; i < self->items->len; i++)
    {
      TrapItem *item = &g_array_index (self->items, TrapItem, i);

      gtk_check_button_set_active (item->check,
                                   ids != NULL && g_strv_contains (ids, item->trap->id));
    }
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (find_item (self, ids[i]) == NULL)
      g_strv_builder_add (unknown, ids[i]);
  self->loading = FALSE;

  g_strfreev (self->unknown);
  self->unknown = g_strv_builder_end (unknown);
}

void
reframe_trap_picker_set_suggested (ReframeTrapPicker  *self,
                                   const char * const *ids)
{
  g_return_if_fail (REFRAME_IS_TRAP_PICKER (self));

  for (guint i = 0; i < self->items->len; i++)
    {
      TrapItem *item = &g_array_index (self->items, TrapItem, i);

      gtk_widget_set_visible (item->suggested,
                              ids != NULL && g_strv_contains (ids, item->trap->id));
    }
}

GtkCheckButton *
reframe_trap_picker_get_check_button (ReframeTrapPicker *self,
                                      const char        *id)
{
  TrapItem *item;

  g_return_val_if_fail (REFRAME_IS_TRAP_PICKER (self), NULL);

  item = find_item (self, id);
  return item ? item->check : NULL;
}

AdwExpanderRow *
reframe_trap_picker_get_row (ReframeTrapPicker *self,
                             const char        *id)
{
  TrapItem *item;

  g_return_val_if_fail (REFRAME_IS_TRAP_PICKER (self), NULL);

  item = find_item (self, id);
  return item ? item->row : NULL;
}
