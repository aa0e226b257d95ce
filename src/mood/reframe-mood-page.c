/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-mood-page"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-mood-page.h"

struct _ReframeMoodPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (ReframeMoodPage, reframe_mood_page, ADW_TYPE_BIN)

static void
reframe_mood_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REFRAME_TYPE_MOOD_PAGE);

  G_OBJECT_CLASS (reframe_mood_page_parent_class)->dispose (object);
}

static void
reframe_mood_page_class_init (ReframeMoodPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_mood_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/mood/reframe-mood-page.ui");
}

static void
reframe_mood_page_init (ReframeMoodPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
reframe_mood_page_new_checkin (ReframeMoodPage *self,
                                 int mood)
{
  g_return_if_fail (REFRAME_IS_MOOD_PAGE (self));
}
