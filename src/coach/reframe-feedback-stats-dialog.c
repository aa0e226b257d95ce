/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-feedback-stats-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-date.h"
#include "reframe-feedback-panel.h"
#include "reframe-feedback-stats-dialog.h"
#include "reframe-feedback-store.h"

struct _ReframeFeedbackStatsDialog
{
  AdwWindow       parent_instance;

  GPtrArray      *month_groups;

  /* Template widgets */
  GtkStack       *stack;
  GtkBox         *months_box;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (ReframeFeedbackStatsDialog, reframe_feedback_stats_dialog, ADW_TYPE_WINDOW)

static char *
format_duration (gint64 ms)
{
  if (ms < 0)
    /* Translators: a time that was not measured (the built-in coach answers at once) */
    return g_strdup (C_("duration", "Not measured"));
  if (ms < 1000)
    /* Translators: a duration in milliseconds */
    return g_strdup_printf (_("%d ms"), (int) ms);
  if (ms < 60 * 1000)
    /* Translators: a duration in seconds with one decimal */
    return g_strdup_printf (_("%.1f s"), ms / 1000.0);
  /* Translators: a duration in minutes and seconds */
  return g_strdup_printf (_("%d min %d s"), (int) (ms / 60000), (int) (ms / 1000 % 60));
}

static void
add_value_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle,
               const char          *value,
               gboolean             dim)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
}

static GtkWidget *
create_month_group (const ReframeFeedbackStats *stats)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *month = reframe_date_format_month (stats->month);
  g_autofree char *answers = g_strdup_printf ("%u", stats->answers);
  g_autofree char *helpful = NULL;
  g_autofree char *ttft = format_duration (stats->median_ttft_ms);
  g_autofree char *total = format_duration (stats->median_total_ms);

  adw_preferences_group_set_title (group, month);

  if (stats->rated > 0)
    /* Translators: e.g. "75% of 8 rated" */
    helpful = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d%% of %u rated",
                                            "%d%% of %u rated", stats->rated),
                               (int) (stats->helpful_share * 100 + 0.5), stats->rated);
  else
    helpful = g_strdup (_("None rated"));

  add_value_row (group, _("Answers"), NULL, answers, FALSE);
  add_value_row (group, _("Rated Helpful"), NULL, helpful, stats->rated == 0);
  add_value_row (group, _("Time to First Words"), _("Median"), ttft, stats->median_ttft_ms < 0);
  add_value_row (group, _("Time to the Whole Answer"), _("Median"), total,
                 stats->median_total_ms < 0);

  return GTK_WIDGET (group);
}

static void
reframe_feedback_stats_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REFRAME_TYPE_FEEDBACK_STATS_DIALOG);

  G_OBJECT_CLASS (reframe_feedback_stats_dialog_parent_class)->dispose (object);
}

static void
reframe_feedback_stats_dialog_finalize (GObject *object)
{
  ReframeFeedbackStatsDialog *self = (ReframeFeedbackStatsDialog *)object;

  g_clear_pointer (&self->month_groups, g_ptr_array_unref);

  G_OBJECT_CLASS (reframe_feedback_stats_dialog_parent_class)->finalize (object);
}

static void
reframe_feedback_stats_dialog_class_init (ReframeFeedbackStatsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_feedback_stats_dialog_dispose;
  object_class->finalize = reframe_feedback_stats_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/coach/reframe-feedback-stats-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackStatsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackStatsDialog, months_box);
  gtk_widget_class_bind_template_child (widget_class, ReframeFeedbackStatsDialog, error_page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reframe_feedback_stats_dialog_init (ReframeFeedbackStatsDialog *self)
{
  self->month_groups = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

ReframeFeedbackStatsDialog *
reframe_feedback_stats_dialog_new (GtkWindow *parent)
{
  ReframeFeedbackStatsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (REFRAME_TYPE_FEEDBACK_STATS_DIALOG,
                       "transient-for", parent,
                       NULL);
  reframe_feedback_stats_dialog_reload (self);

  return self;
}

void
reframe_feedback_stats_dialog_reload (ReframeFeedbackStatsDialog *self)
{
  ReframeFeedbackStore *store;
  g_autoptr(GPtrArray) months = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (REFRAME_IS_FEEDBACK_STATS_DIALOG (self));

  for (guint i = 0; i < self->month_groups->len; i++)
    gtk_box_remove (self->months_box, g_ptr_array_index (self->month_groups, i));
  g_ptr_array_set_size (self->month_groups, 0);

  /* One row per answer and a few months: small enough to read here. */
  store = reframe_feedback_panel_get_store ();
  if (store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  months = reframe_feedback_store_monthly_stats (store, &error);
  if (months == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (months->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* Newest month first. */
  for (guint i = months->len; i > 0; i--)
    {
      GtkWidget *group = create_month_group (g_ptr_array_index (months, i - 1));

      gtk_box_append (self->months_box, group);
      g_ptr_array_add (self->month_groups, group);
    }

  {
    GtkWidget *note = gtk_label_new (_("Accuracy can’t be counted automatically. Rating answers "
                                       "as helpful or not, with a reason, is the closest "
                                       "measure here. The built-in coach answers at once, so "
                                       "its times are not measured."));

    gtk_label_set_wrap (GTK_LABEL (note), TRUE);
    gtk_label_set_xalign (GTK_LABEL (note), 0);
    gtk_widget_add_css_class (note, "dim-label");
    gtk_widget_add_css_class (note, "caption");
    gtk_box_append (self->months_box, note);
    g_ptr_array_add (self->month_groups, note);
  }

  gtk_stack_set_visible_child_name (self->stack, "figures");
}
