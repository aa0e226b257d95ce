/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-journal-page"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-journal-page.h"

struct _ReframeJournalPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (ReframeJournalPage, reframe_journal_page, ADW_TYPE_BIN)

static void
reframe_journal_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), REFRAME_TYPE_JOURNAL_PAGE);

  G_OBJECT_CLASS (reframe_journal_page_parent_class)->dispose (object);
}

static void
reframe_journal_page_class_init (ReframeJournalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_journal_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/journal/reframe-journal-page.ui");
}

static void
reframe_journal_page_init (ReframeJournalPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
reframe_journal_page_new_entry (ReframeJournalPage *self)
{
  g_return_if_fail (REFRAME_IS_JOURNAL_PAGE (self));
}

void
reframe_journal_page_open_entry (ReframeJournalPage *self,
                                       const char *uuid)
{
  g_return_if_fail (REFRAME_IS_JOURNAL_PAGE (self));
}

void
reframe_journal_page_start_search (ReframeJournalPage *self)
{
  g_return_if_fail (REFRAME_IS_JOURNAL_PAGE (self));
}
