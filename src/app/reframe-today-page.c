/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-today-page.h"

struct _ReframeTodayPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (ReframeTodayPage, reframe_today_page, ADW_TYPE_BIN)

static void
reframe_today_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REFRAME_TYPE_TODAY_PAGE);

  G_OBJECT_CLASS (reframe_today_page_parent_class)->dispose (object);
}

static void
reframe_today_page_class_init (ReframeTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_today_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/app/reframe-today-page.ui");
}

static void
reframe_today_page_init (ReframeTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
