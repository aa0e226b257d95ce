/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-exercises-page"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-exercises-page.h"

struct _ReframeExercisesPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (ReframeExercisesPage, reframe_exercises_page, ADW_TYPE_BIN)

static void
reframe_exercises_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REFRAME_TYPE_EXERCISES_PAGE);

  G_OBJECT_CLASS (reframe_exercises_page_parent_class)->dispose (object);
}

static void
reframe_exercises_page_class_init (ReframeExercisesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_exercises_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/exercises/reframe-exercises-page.ui");
}

static void
reframe_exercises_page_init (ReframeExercisesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
reframe_exercises_page_new_thought_record (ReframeExercisesPage *self)
{
  g_return_if_fail (REFRAME_IS_EXERCISES_PAGE (self));
}

void
reframe_exercises_page_open_thought_record (ReframeExercisesPage *self,
                                                   const char *uuid)
{
  g_return_if_fail (REFRAME_IS_EXERCISES_PAGE (self));
}
