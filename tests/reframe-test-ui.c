/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "reframe-test-ui.h"
#include "reframe-test-util.h"

void
reframe_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  do
    g_main_context_iteration (NULL, FALSE);
  while (g_get_monotonic_time () < end && (g_usleep (1000), TRUE));
}

gboolean
reframe_test_wait_for (gboolean (*condition) (gpointer data),
                       gpointer   data,
                       guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return condition (data);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

typedef struct
{
  GType      type;
  GtkWindow *found;
} WindowSearch;

static gboolean
window_visible_cb (gpointer data)
{
  WindowSearch *search = data;
  g_autoptr(GListModel) toplevels = NULL;

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, search->type) &&
          gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          search->found = window;
          return TRUE;
        }
    }

  return FALSE;
}

GtkWindow *
reframe_test_wait_for_window (GType type,
                              guint timeout_ms)
{
  WindowSearch search = { type, NULL };

  reframe_test_wait_for (window_visible_cb, &search, timeout_ms);
  return search.found;
}

typedef struct
{
  ReframeTestApp     *test;
  gboolean            show_welcome;
  ReframeTestAppFunc  func;
  gpointer            user_data;
  gboolean            started;
} RunData;

static void
close_all_windows (ReframeTestApp *test)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  /* Dialogs first, then the main window, each through close-request as a person would. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);

      if (toplevel != GTK_WINDOW (test->window) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        gtk_window_close (toplevel);
    }
  reframe_test_iterate (50);

  if (test->window != NULL)
    gtk_window_close (GTK_WINDOW (test->window));
  reframe_test_iterate (50);
}

static gboolean
run_test_idle_cb (gpointer user_data)
{
  RunData *run = user_data;
  ReframeTestApp *test = run->test;

  test->window = REFRAME_WINDOW (reframe_test_wait_for_window (REFRAME_TYPE_WINDOW, 10000));
  g_assert_nonnull (test->window);
  g_object_add_weak_pointer (G_OBJECT (test->window), (gpointer *) &test->window);

  run->func (test, run->user_data);

  close_all_windows (test);
  g_assert_null (test->window);
  g_application_quit (G_APPLICATION (test->app));

  return G_SOURCE_REMOVE;
}

static void
startup_cb (GApplication *app,
            RunData      *run)
{
  GSettings *settings = reframe_application_get_settings (REFRAME_APPLICATION (app));
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_assert_nonnull (reframe_application_get_database (REFRAME_APPLICATION (app)));

  /* The memory backend lives as long as the process: start every run from the defaults. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);

  g_settings_set_boolean (settings, "welcome-shown", !run->show_welcome);
}

static void
activate_cb (GApplication *app,
             RunData      *run)
{
  if (run->started)
    return;
  run->started = TRUE;
  g_idle_add (run_test_idle_cb, run);
}

void
reframe_test_app_run (const char         *data_dir,
                      gboolean            show_welcome,
                      ReframeTestAppFunc  func,
                      gpointer            user_data)
{
  ReframeTestApp test = { 0 };
  RunData run = { &test, show_welcome, func, user_data, FALSE };
  int status;

  if (data_dir != NULL)
    {
      test.data_dir = g_strdup (data_dir);
      g_setenv ("REFRAME_DATA_DIR", data_dir, TRUE);
    }
  else
    {
      test.data_dir = reframe_test_make_data_dir ();
      test.owns_data_dir = TRUE;
    }

  test.app = reframe_application_new ();
  /* Never hand the test over to a Reframe already running on this session bus. */
  g_application_set_flags (G_APPLICATION (test.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (test.app, "startup", G_CALLBACK (startup_cb), &run);
  g_signal_connect_after (test.app, "activate", G_CALLBACK (activate_cb), &run);

  status = g_application_run (G_APPLICATION (test.app), 0, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.started);
  g_assert_null (test.window);

  g_assert_finalize_object (test.app);

  if (test.owns_data_dir)
    reframe_test_remove_tree (test.data_dir);
  g_free (test.data_dir);
}

static void
collect (GtkWidget  *widget,
         GType       type,
         GPtrArray  *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

GPtrArray *
reframe_test_find_all_by_type (GtkWidget *root,
                               GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (GTK_IS_WIDGET (root), found);

  collect (root, type, found);
  return found;
}

GtkWidget *
reframe_test_find_by_type (GtkWidget *root,
                           GType      type)
{
  g_autoptr(GPtrArray) found = reframe_test_find_all_by_type (root, type);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

GtkWidget *
reframe_test_find_typed (GtkWidget  *root,
                         const char *buildable_id,
                         GType       type)
{
  g_autoptr(GQueue) queue = g_queue_new ();

  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  /* Breadth first: the shallowest match wins, so an id inside a GTK or libadwaita
   * widget's own template (they use names like "stack" too) does not shadow ours. */
  g_queue_push_tail (queue, root);
  while (!g_queue_is_empty (queue))
    {
      GtkWidget *widget = g_queue_pop_head (queue);
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

      if (g_strcmp0 (id, buildable_id) == 0 && G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
        return widget;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (queue, child);
    }

  return NULL;
}

GtkWidget *
reframe_test_find (GtkWidget  *root,
                   const char *buildable_id)
{
  return reframe_test_find_typed (root, buildable_id, GTK_TYPE_WIDGET);
}

static gboolean
text_contains (const char *haystack,
               const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

gboolean
reframe_test_shows_text (GtkWidget  *root,
                         const char *text)
{
  g_autoptr(GPtrArray) all = reframe_test_find_all_by_type (root, GTK_TYPE_WIDGET);

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (all, i);

      if (!gtk_widget_get_mapped (widget))
        continue;
      if (GTK_IS_LABEL (widget) && text_contains (gtk_label_get_text (GTK_LABEL (widget)), text))
        return TRUE;
      if (ADW_IS_PREFERENCES_ROW (widget) &&
          text_contains (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text))
        return TRUE;
      if (ADW_IS_ACTION_ROW (widget) &&
          text_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), text))
        return TRUE;
    }

  return FALSE;
}

void
reframe_test_activate_action (GtkWidget  *widget,
                              const char *name,
                              GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (widget, name, parameter));
  reframe_test_iterate (20);
}

void
reframe_test_set_text (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));

      gtk_text_buffer_set_text (buffer, text, -1);
    }
  else if (GTK_IS_EDITABLE (widget))
    {
      gtk_editable_set_text (GTK_EDITABLE (widget), text);
    }
  else
    {
      g_error ("%s is neither editable nor a text view", G_OBJECT_TYPE_NAME (widget));
    }

  reframe_test_iterate (20);
}

void
reframe_test_click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));

  g_signal_emit_by_name (button, "clicked");
  reframe_test_iterate (20);
}
