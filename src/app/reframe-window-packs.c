/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-window"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-exercises-page.h"
#include "reframe-fhir.h"
#include "reframe-pack-editor.h"
#include "reframe-pack-import-dialog.h"
#include "reframe-report-dialog.h"
#include "reframe-report-viewer.h"
#include "reframe-window-packs.h"

static ReframeExercisesPage *
get_exercises_page (ReframeWindow *self)
{
  return REFRAME_EXERCISES_PAGE (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                REFRAME_TYPE_WINDOW,
                                                                "exercises_page"));
}

const char *
reframe_window_describe_pack_error (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    return _("The file could not be read.");
  if (error->domain != REFRAME_PACK_ERROR)
    return _("The file could not be read as a pack of exercises.");

  switch ((ReframePackError) error->code)
    {
    case REFRAME_PACK_ERROR_TOO_LARGE:
      return _("The file is far too large to be a pack of exercises, so it was not read.");
    case REFRAME_PACK_ERROR_NOT_A_PACK:
      return _("This file is not a pack of exercises for Reframe.");
    case REFRAME_PACK_ERROR_UNSUPPORTED:
      return _("The pack was made by a newer version of Reframe. Update Reframe to add it.");
    case REFRAME_PACK_ERROR_UNKNOWN_TYPE:
      return _("The pack asks a kind of question this version of Reframe does not know. Update "
               "Reframe to add it.");
    case REFRAME_PACK_ERROR_UNKNOWN_EXERCISE:
      return _("The pack refers to an exercise this version of Reframe does not have.");
    case REFRAME_PACK_ERROR_SYNTAX:
    case REFRAME_PACK_ERROR_TOO_DEEP:
    case REFRAME_PACK_ERROR_BAD_ENCODING:
      return _("The file is damaged or is not a pack of exercises.");
    case REFRAME_PACK_ERROR_INVALID:
    default:
      return _("The pack does not follow the format Reframe reads.");
    }
}

/* Importing */

static void
pack_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ReframeWindow) self = user_data;
  g_autoptr(ReframePack) pack = NULL;
  g_autoptr(GError) error = NULL;
  ReframeAssignmentStore *store;
  ReframePackImportDialog *dialog;

  pack = reframe_pack_load_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (pack == NULL)
    {
      GtkWidget *message = adw_message_dialog_new (GTK_WINDOW (self),
                                                   _("This File Cannot Be Added"), NULL);

      /* Nothing was added: say why, and what exactly was wrong. */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (message), "%s\n\n%s",
                                      reframe_window_describe_pack_error (error), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
      return;
    }

  store = reframe_application_get_assignment_store (REFRAME_APPLICATION_DEFAULT);
  if (store == NULL)
    return;
  dialog = reframe_pack_import_dialog_new (GTK_WINDOW (self), pack, store);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
reframe_window_import_pack_file (ReframeWindow *self,
                                 GFile         *file)
{
  g_return_if_fail (REFRAME_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  reframe_pack_load_file_async (file, reframe_window_get_cancellable (self), pack_loaded_cb,
                                g_object_ref (self));
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern,
            const char     *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
import_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  ReframeWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        reframe_window_import_pack_file (self, file);
    }
  g_object_unref (chooser);
}

static void
import_pack_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ReframeWindow *self = user_data;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Add Exercises From Your Therapist"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Reframe Packs"), "*" REFRAME_PACK_FILE_EXTENSION,
              REFRAME_PACK_MIME_TYPE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ReframeWindow *self)
{
  GSList *files;
  gboolean any = FALSE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (name != NULL && g_str_has_suffix (name, REFRAME_PACK_FILE_EXTENSION))
        {
          reframe_window_import_pack_file (self, l->data);
          any = TRUE;
        }
    }
  g_slist_free (files);

  if (!any)
    reframe_window_add_toast (self, adw_toast_new (_("Only packs of exercises (.reframe-pack) "
                                                     "can be dropped here")));
  return any;
}

/* Exercises and assignments */

static void
start_exercise_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  reframe_exercises_page_start_exercise (get_exercises_page (user_data),
                                         g_variant_get_string (parameter, NULL));
}

static void
open_exercise_response_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  reframe_exercises_page_open_response (get_exercises_page (user_data),
                                        g_variant_get_string (parameter, NULL));
}

void
reframe_window_start_assignment (ReframeWindow *self,
                                 const char    *uuid)
{
  g_return_if_fail (REFRAME_IS_WINDOW (self));
  g_return_if_fail (uuid != NULL);

  reframe_exercises_page_start_assignment (get_exercises_page (self), uuid);
}

static void
start_assignment_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  reframe_window_start_assignment (user_data, g_variant_get_string (parameter, NULL));
}

/* Reports and packs */

static void
export_report_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  ReframeReportDialog *dialog = reframe_report_dialog_new (GTK_WINDOW (user_data));

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_pack_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ReframePackEditor *editor = reframe_pack_editor_new (GTK_WINDOW (user_data));

  gtk_window_present (GTK_WINDOW (editor));
}

static void
report_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ReframeWindow) self = user_data;
  g_autoptr(ReframeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  ReframeReportViewer *viewer;

  report = reframe_fhir_load_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      reframe_window_show_error (self, _("This Report Cannot Be Opened"), error);
      return;
    }
  viewer = reframe_report_viewer_new (GTK_WINDOW (self), report);
  gtk_window_present (GTK_WINDOW (viewer));
}

static void
report_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  ReframeWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        reframe_fhir_load_file_async (file, reframe_window_get_cancellable (self),
                                      report_loaded_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
}

static void
open_report_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ReframeWindow *self = user_data;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open a Client’s Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Progress Reports (FHIR)"), "*.json",
              "application/fhir+json");
  g_signal_connect_object (chooser, "response", G_CALLBACK (report_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const GActionEntry pack_actions[] = {
  { "start-exercise", start_exercise_action, "s" },
  { "open-exercise-response", open_exercise_response_action, "s" },
  { "start-assignment", start_assignment_action, "s" },
  { "import-pack", import_pack_action },
  { "export-report", export_report_action },
  { "new-pack", new_pack_action },
  { "open-report", open_report_action },
};

void
reframe_window_packs_install (ReframeWindow *self)
{
  GtkDropTarget *target;

  g_return_if_fail (REFRAME_IS_WINDOW (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), pack_actions, G_N_ELEMENTS (pack_actions),
                                   self);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
