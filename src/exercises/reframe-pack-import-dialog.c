/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-pack-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-exercise-library.h"
#include "reframe-pack-import-dialog.h"
#include "reframe-window.h"

struct _ReframePackImportDialog
{
  AdwWindow               parent_instance;

  ReframePack            *pack;
  ReframeAssignmentStore *store;

  /* Template widgets */
  GtkLabel               *from_label;
  GtkLabel               *contact_label;
  GtkLabel               *message_label;
  AdwPreferencesGroup    *assignments_group;
  GtkListBox             *assignments_list;
  GtkLabel               *already_label;
  GtkWidget              *accept_button;
};

G_DEFINE_FINAL_TYPE (ReframePackImportDialog, reframe_pack_import_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
create_tag (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "pack-tag");
  gtk_widget_add_css_class (label, "caption");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
create_row (ReframeAssignment *assignment)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *tags = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *schedule = reframe_assignment_describe_schedule (assignment);
  g_autofree char *subtitle = NULL;
  ReframeExercise *builtin = reframe_exercise_library_lookup (reframe_assignment_get_exercise_id (assignment));
  GtkWidget *icon;

  /* The therapist's words are text, whatever they look like. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reframe_assignment_get_title (assignment));
  if (reframe_assignment_get_instructions (assignment) != NULL)
    subtitle = g_strdup_printf ("%s\n%s", reframe_assignment_get_instructions (assignment), schedule);
  else
    subtitle = g_strdup (schedule);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  icon = gtk_image_new_from_icon_name (builtin && reframe_exercise_get_icon_name (builtin)
                                         ? reframe_exercise_get_icon_name (builtin)
                                         : "document-edit-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_set_valign (tags, GTK_ALIGN_CENTER);
  if (reframe_assignment_get_definition_json (assignment) != NULL)
    gtk_box_append (GTK_BOX (tags), create_tag (_("Written for you"), NULL));
  if (reframe_assignment_get_ai_feedback (assignment))
    gtk_box_append (GTK_BOX (tags), create_tag (_("AI feedback welcome"), "accent"));
  if (gtk_widget_get_first_child (tags) != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), tags);
  else
    g_object_unref (g_object_ref_sink (tags));

  return row;
}

static void
fill (ReframePackImportDialog *self)
{
  const char *name = reframe_pack_get_therapist_name (self->pack);
  const char *contact = reframe_pack_get_therapist_contact (self->pack);
  const char *message = reframe_pack_get_message (self->pack);
  const GPtrArray *assignments = reframe_pack_get_assignments (self->pack);
  g_autofree char *from = NULL;
  g_autofree char *description = NULL;
  gboolean already;

  if (name != NULL)
    /* Translators: the heading of a pack's preview; %s is the therapist's name as they wrote it */
    from = g_strdup_printf (_("From %s"), name);
  else
    from = g_strdup (_("From Your Therapist"));
  /* Plain text: a pack cannot format the dialog. */
  gtk_label_set_text (self->from_label, from);
  gtk_label_set_text (self->contact_label, contact ? contact : "");
  gtk_widget_set_visible (GTK_WIDGET (self->contact_label), contact != NULL);
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u exercise, with when to do it.",
                                              "%u exercises, each with when to do it.",
                                              assignments->len),
                                 assignments->len);
  adw_preferences_group_set_description (self->assignments_group, description);
  for (guint i = 0; i < assignments->len; i++)
    gtk_list_box_append (self->assignments_list, create_row (g_ptr_array_index (assignments, i)));

  already = reframe_assignment_store_has_pack (self->store, reframe_pack_get_id (self->pack));
  gtk_widget_set_visible (GTK_WIDGET (self->already_label), already);
  gtk_widget_set_sensitive (self->accept_button, !already);
}

static void
accept_clicked_cb (ReframePackImportDialog *self)
{
  reframe_pack_import_dialog_accept (self);
}

static void
reframe_pack_import_dialog_dispose (GObject *object)
{
  ReframePackImportDialog *self = (ReframePackImportDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_PACK_IMPORT_DIALOG);
  g_clear_object (&self->pack);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (reframe_pack_import_dialog_parent_class)->dispose (object);
}

static void
reframe_pack_import_dialog_class_init (ReframePackImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_pack_import_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/exercises/reframe-pack-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframePackImportDialog, from_label);
  gtk_widget_class_bind_template_child (widget_class, ReframePackImportDialog, contact_label);
  gtk_widget_class_bind_template_child (widget_class, ReframePackImportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, ReframePackImportDialog, assignments_group);
  gtk_widget_class_bind_template_child (widget_class, ReframePackImportDialog, assignments_list);
  gtk_widget_class_bind_template_child (widget_class, ReframePackImportDialog, already_label);
  gtk_widget_class_bind_template_child (widget_class, ReframePackImportDialog, accept_button);
  gtk_widget_class_bind_template_callback (widget_class, accept_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reframe_pack_import_dialog_init (ReframePackImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ReframePackImportDialog *
reframe_pack_import_dialog_new (GtkWindow              *parent,
                                ReframePack            *pack,
                                ReframeAssignmentStore *store)
{
  ReframePackImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REFRAME_IS_PACK (pack), NULL);
  g_return_val_if_fail (REFRAME_IS_ASSIGNMENT_STORE (store), NULL);

  self = g_object_new (REFRAME_TYPE_PACK_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->pack = g_object_ref (pack);
  self->store = g_object_ref (store);
  fill (self);
  gtk_widget_grab_focus (self->accept_button);
  return self;
}

ReframePack *
reframe_pack_import_dialog_get_pack (ReframePackImportDialog *self)
{
  g_return_val_if_fail (REFRAME_IS_PACK_IMPORT_DIALOG (self), NULL);
  return self->pack;
}

gboolean
reframe_pack_import_dialog_accept (ReframePackImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;
  guint n;
  g_autofree char *text = NULL;

  g_return_val_if_fail (REFRAME_IS_PACK_IMPORT_DIALOG (self), FALSE);

  if (!reframe_assignment_store_import (self->store, self->pack, &error))
    {
      reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Add the Exercises"), error);
      return FALSE;
    }

  n = reframe_pack_get_assignments (self->pack)->len;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u exercise added", "%u exercises added", n),
                          n);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    {
      reframe_widget_add_toast (GTK_WIDGET (parent), adw_toast_new (text));
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-page", "s", "exercises");
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
