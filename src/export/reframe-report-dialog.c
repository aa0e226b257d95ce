/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-report-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-application.h"
#include "reframe-date.h"
#include "reframe-fhir.h"
#include "reframe-report-dialog.h"
#include "reframe-report-pdf.h"
#include "reframe-window.h"

struct _ReframeReportDialog
{
  AdwWindow         parent_instance;

  GCancellable     *cancellable;
  ReframeSafetyLog *safety_log;
  GPtrArray        *exercise_checks;  /* GtkCheckButton, each with its "response-id" */

  /* Template widgets */
  AdwComboRow      *period_row;
  GtkSwitch        *mood_switch;
  GtkSwitch        *questionnaires_switch;
  AdwExpanderRow   *exercises_row;
  GtkSwitch        *journal_switch;
  GtkSwitch        *safety_switch;
  AdwEntryRow      *name_row;
  AdwComboRow      *format_row;
  GtkWidget        *save_button;
};

G_DEFINE_FINAL_TYPE (ReframeReportDialog, reframe_report_dialog, ADW_TYPE_WINDOW)

static const guint period_days[] = { 14, 28, 91, 365 };

static void
get_period (ReframeReportDialog *self,
            GDate               *from,
            GDate               *to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint selected = MIN (adw_combo_row_get_selected (self->period_row), G_N_ELEMENTS (period_days) - 1);

  reframe_assignment_date_of (now, to);
  *from = *to;
  g_date_subtract_days (from, period_days[selected] - 1);
}

static ReframeReport *
gather (ReframeReportDialog    *self,
        ReframeReportSections   sections,
        GError                **error)
{
  ReframeApplication *app = REFRAME_APPLICATION_DEFAULT;
  GDate from, to;

  get_period (self, &from, &to);
  return reframe_report_gather (&from, &to, sections,
                                reframe_application_get_mood_store (app),
                                reframe_application_get_exercise_store (app),
                                reframe_application_get_journal_store (app),
                                self->safety_log, error);
}

/* Each completed exercise of the period, ticked to begin with. */
static void
reload_exercises (ReframeReportDialog *self)
{
  g_autoptr(ReframeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *subtitle = NULL;
  GPtrArray *exercises;

  for (guint i = 0; i < self->exercise_checks->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (self->exercise_checks, i),
                                                ADW_TYPE_ACTION_ROW);

      adw_expander_row_remove (self->exercises_row, row);
    }
  g_ptr_array_set_size (self->exercise_checks, 0);

  report = gather (self, REFRAME_REPORT_EXERCISES, &error);
  if (report == NULL)
    {
      g_warning ("Could not list the exercises for a report: %s", error->message);
      return;
    }
  exercises = reframe_report_get_exercises (report);
  for (guint i = 0; i < exercises->len; i++)
    {
      ReframeReportExercise *exercise = g_ptr_array_index (exercises, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *day = reframe_date_format_day (exercise->at, now);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), exercise->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), day);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "response-id", g_strdup (exercise->id), g_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->exercises_row, row);
      g_ptr_array_add (self->exercise_checks, check);
    }

  if (exercises->len > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u in this period; untick any to leave it out",
                                             "%u in this period; untick any to leave it out",
                                             exercises->len),
                                exercises->len);
  else
    subtitle = g_strdup (_("None in this period"));
  adw_expander_row_set_subtitle (self->exercises_row, subtitle);
}

static void
period_changed_cb (ReframeReportDialog *self)
{
  reload_exercises (self);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReframeReportDialog *self = REFRAME_REPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  gtk_widget_set_sensitive (self->save_button, TRUE);
  if (!reframe_report_dialog_save_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        reframe_widget_show_error (GTK_WIDGET (self), _("Could Not Save the Report"), error);
      return;
    }
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    reframe_widget_add_toast (GTK_WIDGET (parent), adw_toast_new (_("Report saved")));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_chosen_cb (GtkNativeDialog     *chooser,
                int                  response,
                ReframeReportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        {
          gtk_widget_set_sensitive (self->save_button, FALSE);
          reframe_report_dialog_save_async (self, file, save_done_cb, NULL);
        }
    }
  g_object_unref (chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ReframeReportDialog *self = REFRAME_REPORT_DIALOG (widget);
  gboolean pdf = reframe_report_dialog_get_format (self) == REFRAME_REPORT_FORMAT_PDF;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  char day[16];
  GDate from, to;

  get_period (self, &from, &to);
  g_date_strftime (day, sizeof day, "%Y-%m-%d", &to);
  /* Translators: the suggested file name of a report, without its extension; %s is a date,
   * e.g. 2026-03-31 */
  name = g_strdup_printf (_("Progress report %s"), day);
  g_autofree char *file_name = g_strconcat (name, pdf ? ".pdf" : ".json", NULL);

  chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  gtk_file_filter_set_name (filter, pdf ? _("PDF Documents") : _("FHIR Bundles (JSON)"));
  gtk_file_filter_add_pattern (filter, pdf ? "*.pdf" : "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
reframe_report_dialog_dispose (GObject *object)
{
  ReframeReportDialog *self = (ReframeReportDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_REPORT_DIALOG);
  g_clear_pointer (&self->exercise_checks, g_ptr_array_unref);
  g_clear_object (&self->safety_log);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (reframe_report_dialog_parent_class)->dispose (object);
}

static void
reframe_report_dialog_class_init (ReframeReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_report_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/export/reframe-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeReportDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeReportDialog, mood_switch);
  gtk_widget_class_bind_template_child (widget_class, ReframeReportDialog, questionnaires_switch);
  gtk_widget_class_bind_template_child (widget_class, ReframeReportDialog, exercises_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeReportDialog, journal_switch);
  gtk_widget_class_bind_template_child (widget_class, ReframeReportDialog, safety_switch);
  gtk_widget_class_bind_template_child (widget_class, ReframeReportDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeReportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ReframeReportDialog, save_button);

  gtk_widget_class_install_action (widget_class, "report.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "report.save", NULL);
}

static void
reframe_report_dialog_init (ReframeReportDialog *self)
{
  ReframeDatabase *database = reframe_application_get_database (REFRAME_APPLICATION_DEFAULT);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->exercise_checks = g_ptr_array_new ();
  if (database != NULL)
    self->safety_log = reframe_safety_log_new (database);

  /* Two weeks: the usual time between sessions. */
  adw_combo_row_set_selected (self->period_row, 0);
  g_signal_connect_object (self->period_row, "notify::selected", G_CALLBACK (period_changed_cb),
                           self, G_CONNECT_SWAPPED);
  reload_exercises (self);
}

ReframeReportDialog *
reframe_report_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (REFRAME_TYPE_REPORT_DIALOG, "transient-for", parent, NULL);
}

ReframeReportFormat
reframe_report_dialog_get_format (ReframeReportDialog *self)
{
  g_return_val_if_fail (REFRAME_IS_REPORT_DIALOG (self), REFRAME_REPORT_FORMAT_PDF);

  return adw_combo_row_get_selected (self->format_row) == 1 ? REFRAME_REPORT_FORMAT_FHIR
                                                            : REFRAME_REPORT_FORMAT_PDF;
}

ReframeReport *
reframe_report_dialog_build_report (ReframeReportDialog  *self,
                                    GError              **error)
{
  ReframeReportSections sections = 0;
  ReframeReport *report;

  g_return_val_if_fail (REFRAME_IS_REPORT_DIALOG (self), NULL);

  if (gtk_switch_get_active (self->mood_switch))
    sections |= REFRAME_REPORT_MOOD;
  if (gtk_switch_get_active (self->questionnaires_switch))
    sections |= REFRAME_REPORT_QUESTIONNAIRES;
  if (adw_expander_row_get_enable_expansion (self->exercises_row))
    sections |= REFRAME_REPORT_EXERCISES;
  if (gtk_switch_get_active (self->journal_switch))
    sections |= REFRAME_REPORT_JOURNAL;
  if (gtk_switch_get_active (self->safety_switch))
    sections |= REFRAME_REPORT_SAFETY;

  report = gather (self, sections, error);
  if (report == NULL)
    return NULL;

  for (guint i = 0; i < self->exercise_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->exercise_checks, i);

      if (!gtk_check_button_get_active (check))
        reframe_report_remove_exercise (report, g_object_get_data (G_OBJECT (check), "response-id"));
    }
  reframe_report_set_client_name (report, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  return report;
}

static void
pdf_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!reframe_report_pdf_write_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
json_written_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
reframe_report_dialog_save_async (ReframeReportDialog *self,
                                  GFile               *file,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(ReframeReport) report = NULL;
  GError *error = NULL;

  g_return_if_fail (REFRAME_IS_REPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, reframe_report_dialog_save_async);

  /* Gathering reads the stores on this thread (they are this thread's); the drawing and the
   * writing happen in a worker. */
  report = reframe_report_dialog_build_report (self, &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, g_object_ref (report), g_object_unref);

  if (reframe_report_dialog_get_format (self) == REFRAME_REPORT_FORMAT_PDF)
    reframe_report_pdf_write_async (report, file, self->cancellable, pdf_written_cb,
                                    g_steal_pointer (&task));
  else
    {
      gsize length;
      char *json = reframe_fhir_write_bundle (report, &length);
      g_autoptr(GBytes) bytes = g_bytes_new_take (json, length);

      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                           G_FILE_CREATE_REPLACE_DESTINATION, self->cancellable,
                                           json_written_cb, g_steal_pointer (&task));
    }
}

gboolean
reframe_report_dialog_save_finish (ReframeReportDialog  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
