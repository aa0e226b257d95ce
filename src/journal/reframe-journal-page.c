/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-journal-page"

#include "config.h"

#include <glib/gi18n.h>

#include "reframe-application.h"
#include "reframe-date.h"
#include "reframe-entry-editor.h"
#include "reframe-entry-list.h"
#include "reframe-entry-row.h"
#include "reframe-feedback-store.h"
#include "reframe-journal-page.h"
#include "reframe-search-row.h"
#include "reframe-tag-cache.h"
#include "reframe-window.h"

#define TOAST_TITLE_CHARS 32

typedef enum
{
  DATE_RANGE_ANY,
  DATE_RANGE_WEEK,
  DATE_RANGE_MONTH,
  DATE_RANGE_YEAR,
} DateRange;

struct _ReframeJournalPage
{
  AdwBin               parent_instance;

  ReframeJournalStore *store;
  ReframeSearch       *search;
  ReframeEntryList    *entries;
  GtkSingleSelection  *selection;
  GListStore          *results;
  GtkStringList       *tags;
  /* GtkListItems bound in the list, to redo month headings when neighbours change. */
  GHashTable          *bound_items;

  GCancellable        *search_cancellable;
  guint                search_serial;
  /* Set while the selection is moved to match the editor, so that it opens nothing. */
  gboolean             syncing_selection;
  /* The person is writing or reading an entry, so the page shows the editor even when the
   * journal is still empty. */
  gboolean             writing;
  /* A new entry was written: bring it into view once the list has caught up. */
  gboolean             scroll_pending;
  guint                refresh_source;
  gulong               close_request_id;
  GtkWindow           *window;
  /* The person chose to close although the entry could not be saved. */
  gboolean             close_anyway;
  guint                close_source;

  /* REFRAME_BENCH: report when results for the latest query are on screen. */
  gboolean             bench;
  GdkFrameClock       *bench_clock;
  gulong               bench_paint_id;

  /* Template widgets */
  GtkStack            *page_stack;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *tag_dropdown;
  GtkDropDown         *date_dropdown;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  GtkListView         *results_view;
  AdwStatusPage       *no_results_status;
  ReframeEntryEditor  *editor;
};

G_DEFINE_FINAL_TYPE (ReframeJournalPage, reframe_journal_page, ADW_TYPE_BIN)

static gboolean
is_folded (ReframeJournalPage *self)
{
  return adw_leaflet_get_folded (self->leaflet);
}

static gboolean
search_is_active (ReframeJournalPage *self)
{
  return gtk_search_bar_get_search_mode (self->search_bar);
}

static gboolean
has_filters (ReframeJournalPage *self)
{
  return gtk_drop_down_get_selected (self->tag_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->date_dropdown) > 0;
}

static gboolean
has_query (ReframeJournalPage *self)
{
  g_autofree char *match = reframe_search_build_match (
    gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  return match != NULL || has_filters (self);
}

static void
update_stacks (ReframeJournalPage *self)
{
  guint n_entries = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  gboolean empty = n_entries == 0 && !self->writing && !search_is_active (self);

  gtk_stack_set_visible_child_name (self->page_stack, empty ? "empty" : "journal");

  if (!search_is_active (self) || !has_query (self))
    gtk_stack_set_visible_child_name (self->list_stack, n_entries > 0 ? "list" : "list-empty");
}

static void
select_position (ReframeJournalPage *self,
                 guint               position)
{
  if (gtk_single_selection_get_selected (self->selection) == position)
    return;

  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing_selection = FALSE;
}

static gboolean
selection_matches_editor (ReframeJournalPage *self)
{
  const char *uuid = reframe_entry_editor_get_uuid (self->editor);
  ReframeEntry *selected = gtk_single_selection_get_selected_item (self->selection);

  if (selected == NULL)
    return uuid == NULL;
  return g_strcmp0 (uuid, reframe_entry_get_uuid (selected)) == 0;
}

/* Selection follows the entry in the editor, never the other way round while syncing. */
static void
sync_selection (ReframeJournalPage *self)
{
  const char *uuid = reframe_entry_editor_get_uuid (self->editor);
  int position;

  /* Asking the store for a position counts rows; skip it when nothing moved. */
  if (selection_matches_editor (self))
    return;

  position = uuid != NULL ? reframe_journal_store_get_position (self->store, uuid) : -1;
  select_position (self, position >= 0 ? (guint) position : GTK_INVALID_LIST_POSITION);
}

static void
scroll_to_selection (ReframeJournalPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                position);
}

static void
update_month_heading (ReframeJournalPage *self,
                      GtkListItem        *item)
{
  ReframeEntryRow *row = REFRAME_ENTRY_ROW (gtk_list_item_get_child (item));
  ReframeEntry *entry = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  g_autoptr(ReframeEntry) previous = NULL;

  if (entry == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  /* GTK 4.8 list views have no section headers: the first entry of a month carries it. */
  if (position > 0)
    previous = g_list_model_get_item (G_LIST_MODEL (self->entries), position - 1);
  reframe_entry_row_set_show_month (row, previous == NULL ||
                                    !reframe_date_same_month (reframe_entry_get_date (previous),
                                                              reframe_entry_get_date (entry)));
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  ReframeJournalPage *self = user_data;
  GHashTableIter iter;
  gpointer item;

  self->refresh_source = 0;

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    update_month_heading (self, item);

  sync_selection (self);
  update_stacks (self);
  if (self->scroll_pending)
    scroll_to_selection (self);
  self->scroll_pending = FALSE;

  return G_SOURCE_REMOVE;
}

/* After the list changed: neighbours of a changed row may gain or lose a month heading,
 * and the selection may have been dropped with the row it was on. Once per burst. */
static void
queue_refresh (ReframeJournalPage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle_cb, self, NULL);
}

static void
entries_changed_cb (ReframeJournalPage *self,
                    guint               position,
                    guint               removed,
                    guint               added,
                    GListModel         *model)
{
  const char *uuid = reframe_entry_editor_get_uuid (self->editor);

  /* An autosave rewrites one row (or moves it, when the date changed): when it is the
   * entry in the editor, keep it selected right here. */
  if (uuid != NULL && added > 0 && added <= 2 && !selection_matches_editor (self))
    for (guint i = position; i < position + added; i++)
      {
        g_autoptr(ReframeEntry) entry = g_list_model_get_item (model, i);

        if (entry != NULL && g_strcmp0 (reframe_entry_get_uuid (entry), uuid) == 0)
          select_position (self, i);
      }

  update_stacks (self);
  queue_refresh (self);
}

static void
entry_saved_cb (ReframeJournalPage  *self,
                ReframeEntry        *entry,
                gboolean             created,
                ReframeJournalStore *store)
{
  if (created)
    {
      self->scroll_pending = TRUE;
      queue_refresh (self);
    }
}

static void
refresh_tags (ReframeJournalPage *self)
{
  ReframeTagCache *cache = reframe_tag_cache_get_for_store (self->store);
  const char * const *tags = reframe_tag_cache_get_tags (cache);
  const char *selected = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->tags));
  guint position = gtk_drop_down_get_selected (self->tag_dropdown);
  g_autofree char *keep = NULL;
  guint new_position = 0;

  if (position > 0 && position != GTK_INVALID_LIST_POSITION)
    selected = gtk_string_list_get_string (self->tags, position);
  keep = g_strdup (selected);

  gtk_string_list_splice (self->tags, 1, n_old - 1, (const char * const *) tags);
  for (guint i = 0; keep != NULL && tags[i] != NULL; i++)
    if (g_strcmp0 (tags[i], keep) == 0)
      new_position = i + 1;
  gtk_drop_down_set_selected (self->tag_dropdown, new_position);
}

/* Open, new, delete */

static gboolean
open_entry (ReframeJournalPage *self,
            const char         *uuid,
            gboolean            navigate,
            gboolean            focus)
{
  g_autoptr(ReframeEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (reframe_entry_editor_get_uuid (self->editor), uuid) != 0)
    {
      entry = reframe_journal_store_get (self->store, uuid, &error);
      if (entry == NULL)
        {
          reframe_widget_show_error (GTK_WIDGET (self), _("The Entry Could Not Be Opened"), error);
          sync_selection (self);
          return FALSE;
        }

      /* When what was being written cannot be saved, it stays on screen. */
      if (!reframe_entry_editor_load (self->editor, entry))
        {
          sync_selection (self);
          return FALSE;
        }
    }

  self->writing = TRUE;
  update_stacks (self);
  sync_selection (self);

  if (navigate)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->editor));
  if (focus)
    reframe_entry_editor_focus_body (self->editor);

  return TRUE;
}

static ReframeFeedbackStore *
feedback_store (ReframeJournalPage *self)
{
  return reframe_feedback_store_get_for_database (reframe_journal_store_get_database (self->store));
}

static void
undo_delete_cb (ReframeJournalPage *self,
                AdwToast           *toast)
{
  ReframeEntry *entry = g_object_get_data (G_OBJECT (toast), "entry");
  g_autoptr(GError) error = NULL;

  /* The same uuid, created_at, date and text: the entry comes back as it was, with the
   * feedback it had. */
  if (!reframe_journal_store_save (self->store, entry, &error) ||
      !reframe_feedback_store_restore (feedback_store (self),
                                       g_object_get_data (G_OBJECT (toast), "answers"), &error))
    {
      reframe_widget_show_error (GTK_WIDGET (self), _("The Entry Could Not Be Restored"), error);
      return;
    }

  /* Shown again, unless the person has started on something else meanwhile. */
  if (reframe_entry_editor_is_blank (self->editor))
    {
      open_entry (self, reframe_entry_get_uuid (entry), FALSE, FALSE);
      scroll_to_selection (self);
    }
}

static void
delete_entry (ReframeJournalPage *self,
              const char         *uuid)
{
  g_autoptr(ReframeEntry) entry = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *toast_title = NULL;
  g_autofree char *escaped = NULL;
  gboolean is_current;
  AdwToast *toast;

  is_current = g_strcmp0 (reframe_entry_editor_get_uuid (self->editor), uuid) == 0;
  if (is_current && !reframe_entry_editor_flush (self->editor))
    return;

  /* The full entry, for Undo. */
  entry = reframe_journal_store_get (self->store, uuid, &error);
  if (entry == NULL)
    {
      reframe_widget_show_error (GTK_WIDGET (self), _("The Entry Could Not Be Deleted"), error);
      return;
    }

  if (is_current)
    reframe_entry_editor_forget (self->editor);

  if (!reframe_journal_store_delete (self->store, uuid, &error))
    {
      if (is_current)
        reframe_entry_editor_load (self->editor, entry);
      reframe_widget_show_error (GTK_WIDGET (self), _("The Entry Could Not Be Deleted"), error);
      return;
    }

  /* Feedback holds the person's words too: it goes with the entry, and comes back on Undo. */
  answers = reframe_feedback_store_take_for_record (feedback_store (self), uuid, &error);
  if (answers == NULL)
    {
      g_warning ("Could not delete the feedback on a deleted entry: %s", error->message);
      g_clear_error (&error);
    }

  title = reframe_entry_dup_display_title (entry);
  /* A toast has one short line: a long first line is cut. */
  if (g_utf8_strlen (title, -1) > TOAST_TITLE_CHARS)
    {
      g_autofree char *start = g_utf8_substring (title, 0, TOAST_TITLE_CHARS - 1);

      g_free (title);
      title = g_strconcat (g_strstrip (start), "…", NULL);
    }
  escaped = g_markup_escape_text (title, -1);
  if (*title != '\0')
    /* Translators: a toast after deleting a journal entry; %s is its title */
    toast_title = g_strdup_printf (_("“%s” deleted"), escaped);
  else
    toast_title = g_strdup (_("Entry deleted"));

  toast = adw_toast_new (toast_title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "entry", g_object_ref (entry), g_object_unref);
  if (answers != NULL)
    g_object_set_data_full (G_OBJECT (toast), "answers", g_steal_pointer (&answers),
                            (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self,
                           G_CONNECT_SWAPPED);
  reframe_widget_add_toast (GTK_WIDGET (self), toast);

  if (is_current)
    {
      if (is_folded (self))
        adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
      self->writing = FALSE;
    }
  update_stacks (self);
  if (gtk_stack_get_visible_child (self->page_stack) != GTK_WIDGET (self->leaflet) ||
      !gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static ReframeEntry *
focused_or_selected_entry (ReframeJournalPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Delete acts on the row with keyboard focus (the row widget wraps our ReframeEntryRow). */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    {
      GtkWidget *child = gtk_widget_get_first_child (focus);

      if (REFRAME_IS_ENTRY_ROW (child) && reframe_entry_row_get_entry (REFRAME_ENTRY_ROW (child)))
        return reframe_entry_row_get_entry (REFRAME_ENTRY_ROW (child));
    }

  return gtk_single_selection_get_selected_item (self->selection);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ReframeJournalPage *self = REFRAME_JOURNAL_PAGE (widget);
  ReframeEntry *entry = focused_or_selected_entry (self);
  g_autofree char *uuid = NULL;

  if (entry == NULL)
    return;

  uuid = g_strdup (reframe_entry_get_uuid (entry));
  delete_entry (self, uuid);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ReframeJournalPage *self = REFRAME_JOURNAL_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
editor_delete_requested_cb (ReframeJournalPage *self,
                            ReframeEntryEditor *editor)
{
  g_autofree char *uuid = g_strdup (reframe_entry_editor_get_uuid (editor));

  if (uuid != NULL)
    delete_entry (self, uuid);
}

/* The list */

static void
list_setup_cb (ReframeJournalPage       *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (item, reframe_entry_row_new ());
}

static void
list_bind_cb (ReframeJournalPage       *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  reframe_entry_row_set_entry (REFRAME_ENTRY_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item), now);
  update_month_heading (self, item);
  g_hash_table_add (self->bound_items, item);
}

static void
list_unbind_cb (ReframeJournalPage       *self,
                GtkListItem              *item,
                GtkSignalListItemFactory *factory)
{
  g_hash_table_remove (self->bound_items, item);
  reframe_entry_row_set_entry (REFRAME_ENTRY_ROW (gtk_list_item_get_child (item)), NULL, NULL);
}

static void
selection_changed_cb (ReframeJournalPage *self)
{
  ReframeEntry *entry;

  /* Folded, a click or Enter opens (activate); moving through the list only selects. */
  if (self->syncing_selection || is_folded (self))
    return;

  entry = gtk_single_selection_get_selected_item (self->selection);
  if (entry != NULL)
    open_entry (self, reframe_entry_get_uuid (entry), FALSE, FALSE);
}

static void
list_activate_cb (ReframeJournalPage *self,
                  guint               position,
                  GtkListView        *list_view)
{
  g_autoptr(ReframeEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), position);

  if (entry != NULL)
    open_entry (self, reframe_entry_get_uuid (entry), TRUE, TRUE);
}

static void
leaflet_folded_cb (ReframeJournalPage *self)
{
  gboolean folded = is_folded (self);

  reframe_entry_editor_set_folded (self->editor, folded);
  /* Folded, a tap opens an entry; unfolded, selecting does, and hovering must not. */
  gtk_list_view_set_single_click_activate (self->list_view, folded);
  sync_selection (self);
}

static void
leaflet_visible_child_cb (ReframeJournalPage *self)
{
  /* Back to the list in a narrow window: leaving the entry saves it. */
  if (is_folded (self) &&
      adw_leaflet_get_visible_child (self->leaflet) == self->list_pane)
    {
      reframe_entry_editor_flush (self->editor);
      if (reframe_entry_editor_is_blank (self->editor))
        self->writing = FALSE;
      update_stacks (self);
    }
}

/* Search */

static void
bench_after_paint_cb (GdkFrameClock      *clock,
                      ReframeJournalPage *self)
{
  /* REFRAME_BENCH only: the results of the latest query have been painted. */
  g_printerr ("bench: search-painted %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_clear_signal_handler (&self->bench_paint_id, clock);
  g_clear_object (&self->bench_clock);
}

/* REFRAME_BENCH only: one "after-paint" after the results model changed. */
static void
bench_report_paint (ReframeJournalPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (!self->bench || clock == NULL)
    return;

  if (self->bench_paint_id == 0)
    {
      self->bench_clock = g_object_ref (clock);
      self->bench_paint_id = g_signal_connect (clock, "after-paint",
                                               G_CALLBACK (bench_after_paint_cb), self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->list_stack));
}

typedef struct
{
  ReframeJournalPage *self;
  guint               serial;
} SearchCall;

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchCall *call = user_data;
  g_autoptr(ReframeJournalPage) self = call->self;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  guint serial = call->serial;

  g_free (call);

  results = reframe_search_run_finish (REFRAME_SEARCH (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Only the latest query counts, and only while search is open. */
  if (serial != self->search_serial || !search_is_active (self) || self->results == NULL)
    return;

  if (results == NULL)
    {
      adw_status_page_set_title (self->no_results_status, _("Search Failed"));
      adw_status_page_set_description (self->no_results_status, error->message);
      g_list_store_remove_all (self->results);
      gtk_stack_set_visible_child_name (self->list_stack, "no-results");
      return;
    }

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       results->pdata, results->len);

  if (results->len > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "results");
    }
  else
    {
      adw_status_page_set_title (self->no_results_status, _("No Results"));
      adw_status_page_set_description (self->no_results_status,
                                       has_filters (self)
                                       ? _("Try other words, or fewer filters")
                                       : _("Try other words"));
      gtk_stack_set_visible_child_name (self->list_stack, "no-results");
    }

  bench_report_paint (self);
}

static void
get_date_range (ReframeJournalPage  *self,
                GDateTime          **from)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now),
                                                      0, 0, 0);

  switch ((DateRange) gtk_drop_down_get_selected (self->date_dropdown))
    {
    case DATE_RANGE_WEEK:
      *from = g_date_time_add_days (today, -6);
      break;
    case DATE_RANGE_MONTH:
      *from = g_date_time_add_days (today, -29);
      break;
    case DATE_RANGE_YEAR:
      *from = g_date_time_new_local (g_date_time_get_year (now), 1, 1, 0, 0, 0);
      break;
    case DATE_RANGE_ANY:
    default:
      *from = NULL;
      break;
    }
}

static void
run_search (ReframeJournalPage *self)
{
  ReframeSearchQuery query = { 0 };
  g_autoptr(GDateTime) from = NULL;
  guint tag_position = gtk_drop_down_get_selected (self->tag_dropdown);
  SearchCall *call;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_serial++;

  if (!search_is_active (self) || !has_query (self))
    {
      g_list_store_remove_all (self->results);
      update_stacks (self);
      return;
    }

  get_date_range (self, &from);
  query.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (tag_position > 0 && tag_position != GTK_INVALID_LIST_POSITION)
    query.tag = gtk_string_list_get_string (self->tags, tag_position);
  query.from = from;
  /* Enough to scan; every result costs a snippet and a row, and results should be on
   * screen within a frame or two of the key press. Filters narrow further. */
  query.limit = 50;

  /* Off the main thread, and the previous one cancelled: no delay before the query runs. */
  self->search_cancellable = g_cancellable_new ();
  call = g_new0 (SearchCall, 1);
  call->self = g_object_ref (self);
  call->serial = self->search_serial;
  reframe_search_run_async (self->search, &query, self->search_cancellable, search_done_cb, call);
}

static void
search_text_changed_cb (ReframeJournalPage *self,
                        GtkEditable        *editable)
{
  /* REFRAME_BENCH only: when the query changed, for the search latency benchmark. */
  if (self->bench)
    g_printerr ("bench: search-started %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());

  run_search (self);
}

static void
search_filter_changed_cb (ReframeJournalPage *self)
{
  run_search (self);
}

static void
search_mode_cb (ReframeJournalPage *self)
{
  if (search_is_active (self))
    {
      refresh_tags (self);
      if (is_folded (self))
        adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
      update_stacks (self);
      return;
    }

  /* Closed (Escape): back to the whole journal. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_drop_down_set_selected (self->date_dropdown, 0);
  run_search (self);
  update_stacks (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

static void
open_result (ReframeJournalPage  *self,
             ReframeSearchResult *result)
{
  const char *uuid = reframe_search_result_get_uuid (result);

  if (reframe_search_result_get_kind (result) == REFRAME_SEARCH_KIND_THOUGHT_RECORD)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-thought-record", "s", uuid);
  else
    open_entry (self, uuid, TRUE, FALSE);
}

static void
search_activate_cb (ReframeJournalPage *self,
                    GtkSearchEntry     *entry)
{
  g_autoptr(ReframeSearchResult) first = NULL;

  /* Enter opens the best result. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "results") == 0)
    first = g_list_model_get_item (G_LIST_MODEL (self->results), 0);
  if (first != NULL)
    open_result (self, first);
}

static gboolean
search_key_pressed_cb (ReframeJournalPage    *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  /* Down from the search field goes into the results. */
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "results") == 0)
    return gtk_widget_child_focus (GTK_WIDGET (self->results_view), GTK_DIR_TAB_FORWARD);

  return GDK_EVENT_PROPAGATE;
}

static void
results_setup_cb (ReframeJournalPage       *self,
                  GtkListItem              *item,
                  GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (item, reframe_search_row_new ());
}

static void
results_bind_cb (ReframeJournalPage       *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  reframe_search_row_set_result (REFRAME_SEARCH_ROW (gtk_list_item_get_child (item)),
                                 gtk_list_item_get_item (item),
                                 gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), now);
}

static void
results_unbind_cb (ReframeJournalPage       *self,
                   GtkListItem              *item,
                   GtkSignalListItemFactory *factory)
{
  reframe_search_row_set_result (REFRAME_SEARCH_ROW (gtk_list_item_get_child (item)), NULL, NULL,
                                 NULL);
}

static void
results_activate_cb (ReframeJournalPage *self,
                     guint               position,
                     GtkListView        *list_view)
{
  g_autoptr(ReframeSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->results),
                                                                 position);

  if (result != NULL)
    open_result (self, result);
}

static gboolean
close_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  ReframeJournalPage *self = user_data;

  if (!search_is_active (self))
    return FALSE;

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  return TRUE;
}

static gboolean
close_window_idle_cb (gpointer user_data)
{
  ReframeJournalPage *self = user_data;

  self->close_source = 0;
  if (self->window != NULL)
    gtk_window_close (self->window);

  return G_SOURCE_REMOVE;
}

static void
close_anyway_response_cb (ReframeJournalPage *self,
                          const char         *response,
                          AdwMessageDialog   *dialog)
{
  if (g_strcmp0 (response, "close") != 0)
    return;

  /* As chosen: the unsaved text goes. The window closes once this dialog, which belongs
   * to it, is gone. */
  reframe_entry_editor_forget (self->editor);
  self->close_anyway = TRUE;
  if (self->close_source == 0)
    self->close_source = g_idle_add (close_window_idle_cb, self);
}

/* The window closing saves what is being written, before anything is torn down. When that
 * fails, the window stays until the person chooses to lose the unsaved text. */
static gboolean
window_close_request_cb (ReframeJournalPage *self,
                         GtkWindow          *window)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (self->close_anyway || reframe_entry_editor_save (self->editor, &error))
    return GDK_EVENT_PROPAGATE;

  dialog = adw_message_dialog_new (window, _("Close Without Saving?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The entry you are writing could not be saved (%s). If you "
                                    "close now, the changes since it was last saved are lost. "
                                    "You can copy the text somewhere safe first."),
                                  error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Writing"),
                                    "close", _("_Close Without Saving"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_anyway_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GDK_EVENT_STOP;
}

static void
reframe_journal_page_root (GtkWidget *widget)
{
  ReframeJournalPage *self = REFRAME_JOURNAL_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (reframe_journal_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->window = GTK_WINDOW (root);
      self->close_request_id = g_signal_connect_swapped (root, "close-request",
                                                         G_CALLBACK (window_close_request_cb),
                                                         self);
    }
}

static void
reframe_journal_page_map (GtkWidget *widget)
{
  ReframeJournalPage *self = REFRAME_JOURNAL_PAGE (widget);

  if (gtk_list_view_get_model (self->list_view) == NULL)
    gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  GTK_WIDGET_CLASS (reframe_journal_page_parent_class)->map (widget);
}

static void
reframe_journal_page_unroot (GtkWidget *widget)
{
  ReframeJournalPage *self = REFRAME_JOURNAL_PAGE (widget);

  if (self->window != NULL)
    g_clear_signal_handler (&self->close_request_id, self->window);
  self->window = NULL;

  GTK_WIDGET_CLASS (reframe_journal_page_parent_class)->unroot (widget);
}

static void
reframe_journal_page_dispose (GObject *object)
{
  ReframeJournalPage *self = (ReframeJournalPage *)object;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->close_source, g_source_remove);
  if (self->bench_clock != NULL)
    g_clear_signal_handler (&self->bench_paint_id, self->bench_clock);
  g_clear_object (&self->bench_clock);

  /* The editor saves in its own dispose, which the template disposal runs. The stack is
   * both our child and a template child: let go of it once, here. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REFRAME_TYPE_JOURNAL_PAGE);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->entries);
  g_clear_object (&self->results);
  g_clear_object (&self->tags);
  g_clear_object (&self->search);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (reframe_journal_page_parent_class)->dispose (object);
}

static void
reframe_journal_page_finalize (GObject *object)
{
  ReframeJournalPage *self = (ReframeJournalPage *)object;

  g_clear_pointer (&self->bound_items, g_hash_table_unref);

  G_OBJECT_CLASS (reframe_journal_page_parent_class)->finalize (object);
}

static void
reframe_journal_page_class_init (ReframeJournalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reframe_journal_page_dispose;
  object_class->finalize = reframe_journal_page_finalize;

  widget_class->root = reframe_journal_page_root;
  widget_class->map = reframe_journal_page_map;
  widget_class->unroot = reframe_journal_page_unroot;

  g_type_ensure (REFRAME_TYPE_ENTRY_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reframe/Reframe/journal/reframe-journal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ReframeJournalPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, ReframeJournalPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ReframeJournalPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, ReframeJournalPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ReframeJournalPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ReframeJournalPage, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ReframeJournalPage, date_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ReframeJournalPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ReframeJournalPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, ReframeJournalPage, results_view);
  gtk_widget_class_bind_template_child (widget_class, ReframeJournalPage, no_results_status);
  gtk_widget_class_bind_template_child (widget_class, ReframeJournalPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, results_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, results_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, results_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, results_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_delete_requested_cb);

  gtk_widget_class_install_action (widget_class, "journal.delete-selected", NULL,
                                   delete_selected_action);
  gtk_widget_class_install_action (widget_class, "journal.go-back", NULL, go_back_action);
}

static void
reframe_journal_page_init (ReframeJournalPage *self)
{
  ReframeApplication *app = REFRAME_APPLICATION_DEFAULT;
  g_autoptr(GtkNoSelection) no_selection = NULL;
  GtkEventController *controller;
  GtkShortcutTrigger *delete_keys;
  GtkShortcut *shortcut;

  self->bound_items = g_hash_table_new (NULL, NULL);
  self->bench = g_getenv ("REFRAME_BENCH") != NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_object_ref (reframe_application_get_journal_store (app));
  self->search = g_object_ref (reframe_application_get_search (app));

  self->entries = reframe_entry_list_new (self->store);

  g_signal_connect_object (self->store, "entry-saved", G_CALLBACK (entry_saved_cb), self,
                           G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->entries)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* On the selection, not the list: it has updated its own state by then. */
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (entries_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* The list view gets its model when the page is first shown (see map): a list view
   * builds its rows as soon as it is in a window, and the first frame should not wait for
   * rows of a page that is not on screen. */

  self->results = g_list_store_new (REFRAME_TYPE_SEARCH_RESULT);
  no_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (no_selection));

  /* Translators: the tag filter in search when no tag is chosen */
  self->tags = gtk_string_list_new ((const char * const []) { _("Any Tag"), NULL });
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (self->tags));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* Typing while the list has focus starts a search; typing in the editor never does. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->list_pane);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (search_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);

  /* Delete removes the entry under the keyboard focus, with an Undo toast. */
  controller = gtk_shortcut_controller_new ();
  delete_keys = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                             gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0));
  shortcut = gtk_shortcut_new (delete_keys, gtk_named_action_new ("journal.delete-selected"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);

  /* Escape closes the search from the results too, not only from the search field. */
  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                               gtk_callback_action_new (close_search_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (self->list_pane, controller);

  leaflet_folded_cb (self);
  update_stacks (self);
}

void
reframe_journal_page_new_entry (ReframeJournalPage *self)
{
  g_return_if_fail (REFRAME_IS_JOURNAL_PAGE (self));

  /* A blank page already open is the new entry; it keeps its prompt. */
  if (!reframe_entry_editor_is_blank (self->editor) &&
      !reframe_entry_editor_new_entry (self->editor))
    return;

  self->writing = TRUE;
  update_stacks (self);
  sync_selection (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->editor));
  reframe_entry_editor_focus_body (self->editor);
}

void
reframe_journal_page_open_entry (ReframeJournalPage *self,
                                 const char         *uuid)
{
  g_return_if_fail (REFRAME_IS_JOURNAL_PAGE (self));
  g_return_if_fail (uuid != NULL);

  if (open_entry (self, uuid, TRUE, FALSE))
    scroll_to_selection (self);
}

void
reframe_journal_page_start_search (ReframeJournalPage *self)
{
  g_return_if_fail (REFRAME_IS_JOURNAL_PAGE (self));

  update_stacks (self);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  update_stacks (self);
  if (is_folded (self))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}
