/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "reframe-application.h"
#include "reframe-window.h"

G_BEGIN_DECLS

/* Drives the real application and window in a test, the way a person would, under Xvfb. */
typedef struct
{
  char               *data_dir;
  gboolean            owns_data_dir;
  ReframeApplication *app;
  ReframeWindow      *window;
} ReframeTestApp;

typedef void (*ReframeTestAppFunc) (ReframeTestApp *test,
                                    gpointer        user_data);

/* Runs Reframe with g_application_run() on @data_dir (a fresh temp dir when NULL, removed
 * afterwards) and calls @func once its window is up. The first-start welcome is marked as
 * seen unless @show_welcome. When @func returns, every window is closed the way a person
 * would close it (pending edits get saved), the app quits, and the window and the
 * application must be finalized. */
void            reframe_test_app_run          (const char         *data_dir,
                                               gboolean            show_welcome,
                                               ReframeTestAppFunc  func,
                                               gpointer            user_data);

/* Runs the main loop for @ms milliseconds. */
void            reframe_test_iterate          (guint           ms);
/* Runs the main loop until @condition returns TRUE or @timeout_ms pass; returns the result. */
gboolean        reframe_test_wait_for         (gboolean      (*condition) (gpointer data),
                                               gpointer        data,
                                               guint           timeout_ms);
/* Waits until a toplevel window of @type is visible; NULL on timeout. */
GtkWindow      *reframe_test_wait_for_window  (GType           type,
                                               guint           timeout_ms);

/* The widget with this buildable id (the id="" in a .ui template) in @root's subtree. */
GtkWidget      *reframe_test_find             (GtkWidget      *root,
                                               const char     *buildable_id);
/* The same, only a widget of @type. */
GtkWidget      *reframe_test_find_typed       (GtkWidget      *root,
                                               const char     *buildable_id,
                                               GType           type);
/* The first widget of @type in @root's subtree, depth first. */
GtkWidget      *reframe_test_find_by_type     (GtkWidget      *root,
                                               GType           type);
/* Every widget of @type in @root's subtree, in depth-first order. */
GPtrArray      *reframe_test_find_all_by_type (GtkWidget      *root,
                                               GType           type);
/* Whether a visible (mapped) label, or row title/subtitle, under @root contains @text. */
gboolean        reframe_test_shows_text       (GtkWidget      *root,
                                               const char     *text);

/* Activates a widget action (win.*, app.*, or one installed by a widget class). */
void            reframe_test_activate_action  (GtkWidget      *widget,
                                               const char     *name,
                                               GVariant       *parameter);
/* Replaces the text of a GtkEditable or GtkTextView as if typed, and lets handlers run. */
void            reframe_test_set_text         (GtkWidget      *widget,
                                               const char     *text);
/* Clicks a button (emits "clicked" and runs its action). */
void            reframe_test_click            (GtkWidget      *button);

G_END_DECLS
