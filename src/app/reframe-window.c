/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-window"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-exercises-page.h"
#include "reframe-feedback-stats-dialog.h"
#include "reframe-journal-page.h"
#include "reframe-mood-page.h"
#include "reframe-today-page.h"
#include "reframe-window.h"
#include "reframe-window-packs.h"

struct _ReframeWindow
{
  AdwApplicationWindow  parent_instance;

  GCancellable         *cancellable;
  GSettings            *settings;
  AdwToast             *shown_toast;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  ReframeTodayPage     *today_page;
  ReframeJournalPage   *journal_page;
  ReframeMoodPage      *mood_page;
  ReframeExercisesPage *exercises_page;
};

G_DEFINE_FINAL_TYPE (ReframeWindow, reframe_window, ADW_TYPE_APPLICATION_WINDOW)

static void
new_entry_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ReframeWindow *self = user_data;

  reframe_window_show_page (self, "journal");
  reframe_journal_page_new_entry (self->journal_page);
}

static void
open_entry_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  ReframeWindow *self = user_data;

  reframe_window_show_page (self, "journal");
  reframe_journal_page_open_entry (self->journal_page, g_variant_get_string (parameter, NULL));
}

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  ReframeWindow *self = user_data;

  reframe_window_show_page (self, "journal");
  reframe_journal_page_start_search (self->journal_page);
}

static void
new_checkin_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ReframeWindow *self = user_data;

  reframe_mood_page_new_checkin (self->mood_page, -1);
}

static void
checkin_with_mood_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  ReframeWindow *self = user_data;

  reframe_mood_page_new_checkin (self->mood_page, g_variant_get_int32 (parameter));
}

static void
new_thought_record_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  ReframeWindow *self = user_data;

  reframe_exercises_page_new_thought_record (self->exercises_page);
}

static void
open_thought_record_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  ReframeWindow *self = user_data;

  reframe_exercises_page_open_thought_record (self->exercises_page,
                                              g_variant_get_string (parameter, NULL));
}

static void
show_page_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  reframe_window_show_page (user_data, g_variant_get_string (parameter, NULL));
}

static void
feedback_figures_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  ReframeFeedbackStatsDialog *dialog = reframe_feedback_stats_dialog_new (GTK_WINDOW (user_data));

  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry win_actions[] = {
  { "new-entry", new_entry_action },
  { "open-entry", open_entry_action, "s" },
  { "search", search_action },
  { "new-checkin", new_checkin_action },
  { "checkin-with-mood", checkin_with_mood_action, "i" },
  { "new-thought-record", new_thought_record_action },
  { "open-thought-record", open_thought_record_action, "s" },
  { "show-page", show_page_action, "s" },
  { "feedback-figures", feedback_figures_action },
};

/* bench/run measures launch to the first painted frame; it sets REFRAME_BENCH and reads this
 * line (CLOCK_MONOTONIC microseconds, the clock Python's time.monotonic() uses). */
static void
first_paint_cb (GdkFrameClock *frame_clock,
                ReframeWindow *self)
{
  g_printerr ("bench: first-paint %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (frame_clock, first_paint_cb, self);
}

static void
reframe_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (reframe_window_parent_class)->realize (widget);

  if (g_getenv ("REFRAME_BENCH") != NULL)
    g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                      G_CALLBACK (first_paint_cb), widget);
}

static gboolean
reframe_window_close_request (GtkWindow *window)
{
  ReframeWindow *self = REFRAME_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (reframe_window_parent_class)->close_request (window);
}

static void
reframe_window_constructed (GObject *object)
{
  ReframeWindow *self = (ReframeWindow *)object;

  G_OBJECT_CLASS (reframe_window_parent_class)->constructed (object);

  self->settings = g_object_ref (reframe_application_get_settings (REFRAME_APPLICATION_DEFAULT));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "last-page", self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
reframe_window_dispose (GObject *object)
{
  ReframeWindow *self = (ReframeWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->shown_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_WINDOW);

  G_OBJECT_CLASS (reframe_window_parent_class)->dispose (object);
}

static void
reframe_window_finalize (GObject *object)
{
  ReframeWindow *self = (ReframeWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (reframe_window_parent_class)->finalize (object);
}

static void
reframe_window_class_init (ReframeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = reframe_window_constructed;
  object_class->dispose = reframe_window_dispose;
  object_class->finalize = reframe_window_finalize;

  window_class->close_request = reframe_window_close_request;
  widget_class->realize = reframe_window_realize;

  g_type_ensure (REFRAME_TYPE_TODAY_PAGE);
  g_type_ensure (REFRAME_TYPE_JOURNAL_PAGE);
  g_type_ensure (REFRAME_TYPE_MOOD_PAGE);
  g_type_ensure (REFRAME_TYPE_EXERCISES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/app/reframe-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ReframeWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ReframeWindow, today_page);
  gtk_widget_class_bind_template_child (widget_class, ReframeWindow, journal_page);
  gtk_widget_class_bind_template_child (widget_class, ReframeWindow, mood_page);
  gtk_widget_class_bind_template_child (widget_class, ReframeWindow, exercises_page);
}

static void
reframe_window_init (ReframeWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  reframe_window_packs_install (self);
}

ReframeWindow *
reframe_window_new (ReframeApplication *application)
{
  return g_object_new (REFRAME_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
reframe_window_show_page (ReframeWindow *self,
                          const char    *name)
{
  g_return_if_fail (REFRAME_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

static void
toast_dismissed_cb (ReframeWindow *self,
                    AdwToast      *toast)
{
  if (self->shown_toast == toast)
    g_clear_weak_pointer (&self->shown_toast);
}

void
reframe_window_add_toast (ReframeWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (REFRAME_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* A newer toast replaces the one on screen. Letting libadwaita 1.2 queue the older one
   * behind a high-priority toast can hit an assertion in AdwToastOverlay when that older
   * toast is still animating out; and the newest message is the one that matters. */
  if (self->shown_toast != NULL)
    adw_toast_dismiss (self->shown_toast);

  g_set_weak_pointer (&self->shown_toast, toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static const char *
describe_store_error (const GError *error)
{
  if (error->domain != REFRAME_STORE_ERROR)
    return NULL;

  switch ((ReframeStoreError) error->code)
    {
    case REFRAME_STORE_ERROR_FULL:
      return _("The disk is full. What you wrote is still here; free some space and it will "
               "be saved.");
    case REFRAME_STORE_ERROR_READ_ONLY:
      return _("The journal cannot be written to right now. What you wrote is still here.");
    case REFRAME_STORE_ERROR_BUSY:
      return _("The journal is busy in another program. What you wrote is still here; try "
               "again in a moment.");
    case REFRAME_STORE_ERROR_INVALID:
      return _("Some of the text could not be saved because it is not valid text.");
    case REFRAME_STORE_ERROR_NOT_FOUND:
      return _("It is no longer there; it may have been deleted.");
    case REFRAME_STORE_ERROR_TOO_NEW:
    case REFRAME_STORE_ERROR_CORRUPT:
    case REFRAME_STORE_ERROR_CANT_OPEN:
    case REFRAME_STORE_ERROR_FAILED:
    default:
      return NULL;
    }
}

static void
present_error (GtkWindow    *parent,
               const char   *heading,
               const GError *error)
{
  const char *sentence = describe_store_error (error);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, heading, NULL);
  if (sentence != NULL)
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s",
                                    sentence, error->message);
  else
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
reframe_window_show_error (ReframeWindow *self,
                           const char    *heading,
                           const GError  *error)
{
  g_return_if_fail (REFRAME_IS_WINDOW (self));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (error != NULL);

  present_error (GTK_WINDOW (self), heading, error);
}

GCancellable *
reframe_window_get_cancellable (ReframeWindow *self)
{
  g_return_val_if_fail (REFRAME_IS_WINDOW (self), NULL);

  return self->cancellable;
}

static ReframeWindow *
find_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  /* Dialogs are transient for the main window. */
  while (GTK_IS_WINDOW (root) && !REFRAME_IS_WINDOW (root))
    root = (GtkRoot *) gtk_window_get_transient_for (GTK_WINDOW (root));

  return REFRAME_IS_WINDOW (root) ? REFRAME_WINDOW (root) : NULL;
}

void
reframe_widget_add_toast (GtkWidget *widget,
                          AdwToast  *toast)
{
  ReframeWindow *window;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  window = find_window (widget);
  if (window != NULL)
    reframe_window_add_toast (window, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
reframe_widget_show_error (GtkWidget    *widget,
                           const char   *heading,
                           const GError *error)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (error != NULL);

  /* Shown over the window or dialog the person is in. */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    present_error (GTK_WINDOW (root), heading, error);
  else
    g_warning ("%s: %s", heading, error->message);
}
