/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "reframe-database.h"
#include "reframe-journal-store.h"
#include "reframe-migrations.h"
#include "reframe-mood-store.h"
#include "reframe-search.h"
#include "reframe-thought-record-store.h"
#include "reframe-test-util.h"

/* A child process (this binary, started with --crash-child) writes to the database in a loop
 * and prints a line for every record as soon as saving it has returned. The parent reads
 * some of those lines, kills the child with SIGKILL at some point of its work, and then
 * checks with the store API that every record the child reported is there, that what was
 * saved in one transaction is there entirely or not at all, and that SQLite and the
 * full-text indexes find nothing wrong.
 *
 * Lines: "E uuid batch size" (journal entry), "U uuid version" (entry updated, its body
 * starts with "version N"), "C uuid" (check-in), "d uuid" (about to delete that check-in),
 * "D uuid" (check-in deleted), "T uuid" (thought record). */

#define CHILD_ARG "--crash-child"

static const char *words[] = {
  "morning", "coffee", "walked", "the", "dog", "rain", "tired", "meeting", "called", "mum",
  "anxious", "better", "after", "dinner", "read", "slept", "badly", "garden", "friend", "work",
  "café", "naïve", "我", "开心", "and", "then", "felt", "calm", "again", "tomorrow",
};

static char *
token_for (const char *uuid)
{
  g_autoptr(GString) token = g_string_new ("k");

  for (const char *p = uuid; *p; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (token, *p);
  return g_string_free (g_steal_pointer (&token), FALSE);
}

static char *
make_body (GRand      *rand,
           const char *uuid,
           guint       version)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *token = token_for (uuid);
  guint n = g_rand_int_range (rand, 20, 2000);

  g_string_append_printf (body, "version %u\n%s ", version, token);
  for (guint i = 0; i < n; i++)
    {
      g_string_append (body, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (body, i % 17 == 16 ? '\n' : ' ');
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
child_fail (const char *what,
            GError     *error)
{
  fprintf (stderr, "crash child: %s: %s\n", what, error ? error->message : "failed");
  exit (3);
}

static int
run_child (const char *dir,
           guint       seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeDatabase) database = NULL;
  g_autoptr(ReframeJournalStore) journal = NULL;
  g_autoptr(ReframeMoodStore) mood = NULL;
  g_autoptr(ReframeThoughtRecordStore) records = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) versions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) checkins = g_ptr_array_new_with_free_func (g_free);
  guint batch = seed * 1000000;

  g_setenv ("REFRAME_DATA_DIR", dir, TRUE);
  database = reframe_database_open_default (&error);
  if (database == NULL)
    child_fail ("open", error);
  journal = reframe_journal_store_new (database);
  mood = reframe_mood_store_new (database);
  records = reframe_thought_record_store_new (database);

  for (;;)
    {
      int what = g_rand_int_range (rand, 0, 20);

      batch++;
      if (what < 8)
        {
          /* Journal entries: one, or up to 30 in a transaction. */
          guint size = what < 4 ? 1 : g_rand_int_range (rand, 2, 31);
          g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);

          if (size > 1 && !reframe_database_begin (database, &error))
            child_fail ("begin", error);
          for (guint i = 0; i < size; i++)
            {
              g_autoptr(ReframeEntry) entry = reframe_entry_new ();
              g_autofree char *uuid = g_uuid_string_random ();
              g_autofree char *title = g_strdup_printf ("batch %u %u/%u", batch, i + 1, size);
              g_autofree char *body = make_body (rand, uuid, 0);

              reframe_entry_set_uuid (entry, uuid);
              reframe_entry_set_title (entry, title);
              reframe_entry_set_body (entry, body);
              if (!reframe_journal_store_save (journal, entry, &error))
                child_fail ("save entry", error);
              g_ptr_array_add (saved, g_steal_pointer (&uuid));
            }
          if (size > 1 && !reframe_database_commit (database, &error))
            child_fail ("commit", error);

          for (guint i = 0; i < saved->len; i++)
            {
              const char *uuid = g_ptr_array_index (saved, i);

              printf ("E %s %u %u\n", uuid, batch, size);
              g_ptr_array_add (entries, g_strdup (uuid));
            }
        }
      else if (what < 11 && entries->len > 0)
        {
          const char *uuid = g_ptr_array_index (entries, g_rand_int_range (rand, 0, entries->len));
          guint version = GPOINTER_TO_UINT (g_hash_table_lookup (versions, uuid)) + 1;
          g_autoptr(ReframeEntry) entry = reframe_journal_store_get (journal, uuid, &error);
          g_autofree char *body = NULL;

          if (entry == NULL)
            child_fail ("get entry", error);
          body = make_body (rand, uuid, version);
          reframe_entry_set_body (entry, body);
          if (!reframe_journal_store_save (journal, entry, &error))
            child_fail ("update entry", error);
          g_hash_table_insert (versions, (gpointer) uuid, GUINT_TO_POINTER (version));
          printf ("U %s %u\n", uuid, version);
        }
      else if (what < 16)
        {
          g_autoptr(ReframeCheckin) checkin = reframe_checkin_new (NULL,
                                                                   g_rand_int_range (rand, 0, 11));
          const char *activities[] = { "Work", "Exercise", NULL };

          reframe_checkin_set_energy (checkin, g_rand_int_range (rand, 0, 11));
          reframe_checkin_set_activities (checkin, activities);
          reframe_checkin_set_note (checkin, "A check-in that must survive.");
          if (!reframe_mood_store_save (mood, checkin, &error))
            child_fail ("save check-in", error);
          printf ("C %s\n", reframe_checkin_get_uuid (checkin));
          g_ptr_array_add (checkins, g_strdup (reframe_checkin_get_uuid (checkin)));
        }
      else if (what < 17 && checkins->len > 0)
        {
          guint index = g_rand_int_range (rand, 0, checkins->len);
          g_autofree char *uuid = g_ptr_array_steal_index_fast (checkins, index);

          /* Said before deleting: a kill right after the delete must not look like loss. */
          printf ("d %s\n", uuid);
          fflush (stdout);
          if (!reframe_mood_store_delete (mood, uuid, &error))
            child_fail ("delete check-in", error);
          printf ("D %s\n", uuid);
        }
      else
        {
          g_autoptr(ReframeThoughtRecord) record = reframe_thought_record_new ();
          g_autoptr(GPtrArray) thoughts = g_ptr_array_new_with_free_func (
            (GDestroyNotify) reframe_automatic_thought_free);
          const char *traps[] = { "catastrophizing", NULL };

          g_ptr_array_add (thoughts, reframe_automatic_thought_new ("It will go wrong", 70, TRUE));
          reframe_thought_record_set_situation (record, "Waiting for the results");
          reframe_thought_record_set_thoughts (record, thoughts);
          reframe_thought_record_set_traps (record, traps);
          reframe_thought_record_set_balanced_thought (record, "I cannot know yet");
          reframe_thought_record_set_completed (record, TRUE);
          if (!reframe_thought_record_store_save (records, record, &error))
            child_fail ("save thought record", error);
          printf ("T %s\n", reframe_thought_record_get_uuid (record));
        }

      fflush (stdout);
    }

  return 0;
}

enum {
  CHECKIN_PRESENT = 1,
  CHECKIN_MAYBE_DELETED,  /* killed between "d" and "D": either is right */
  CHECKIN_DELETED,
};

/* What the child reported as committed, over every round. */
typedef struct
{
  GHashTable *entries;          /* uuid → batch id (string) */
  GHashTable *batch_sizes;      /* batch id → size */
  GHashTable *versions;         /* uuid → highest reported version */
  GHashTable *checkins;         /* uuid → CHECKIN_PRESENT, _MAYBE_DELETED or _DELETED */
  GHashTable *records;          /* uuid set */
  guint       n_lines;
} Committed;

static void
committed_init (Committed *committed)
{
  committed->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  committed->batch_sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  committed->versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  committed->checkins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  committed->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  committed->n_lines = 0;
}

static void
committed_clear (Committed *committed)
{
  g_clear_pointer (&committed->entries, g_hash_table_unref);
  g_clear_pointer (&committed->batch_sizes, g_hash_table_unref);
  g_clear_pointer (&committed->versions, g_hash_table_unref);
  g_clear_pointer (&committed->checkins, g_hash_table_unref);
  g_clear_pointer (&committed->records, g_hash_table_unref);
}

static void
committed_add_line (Committed  *committed,
                    const char *line)
{
  g_auto(GStrv) parts = g_strsplit (line, " ", -1);
  guint n = g_strv_length (parts);

  if (n < 2 || !g_uuid_string_is_valid (parts[1]))
    g_error ("The child printed a line that makes no sense: “%s”", line);

  if (g_str_equal (parts[0], "E") && n == 4)
    {
      g_hash_table_insert (committed->entries, g_strdup (parts[1]), g_strdup (parts[2]));
      g_hash_table_insert (committed->batch_sizes, g_strdup (parts[2]),
                           GUINT_TO_POINTER (atoi (parts[3])));
    }
  else if (g_str_equal (parts[0], "U") && n == 3)
    g_hash_table_insert (committed->versions, g_strdup (parts[1]),
                         GUINT_TO_POINTER (atoi (parts[2])));
  else if (g_str_equal (parts[0], "C") && n == 2)
    g_hash_table_insert (committed->checkins, g_strdup (parts[1]),
                         GINT_TO_POINTER (CHECKIN_PRESENT));
  else if (g_str_equal (parts[0], "d") && n == 2)
    g_hash_table_insert (committed->checkins, g_strdup (parts[1]),
                         GINT_TO_POINTER (CHECKIN_MAYBE_DELETED));
  else if (g_str_equal (parts[0], "D") && n == 2)
    g_hash_table_insert (committed->checkins, g_strdup (parts[1]),
                         GINT_TO_POINTER (CHECKIN_DELETED));
  else if (g_str_equal (parts[0], "T") && n == 2)
    g_hash_table_add (committed->records, g_strdup (parts[1]));
  else
    g_error ("The child printed a line that makes no sense: “%s”", line);

  committed->n_lines++;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
verify (Committed *committed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReframeDatabase) database = NULL;
  g_autoptr(ReframeJournalStore) journal = NULL;
  g_autoptr(ReframeMoodStore) mood = NULL;
  g_autoptr(ReframeThoughtRecordStore) records = NULL;
  g_autoptr(ReframeSearch) search = NULL;
  g_autoptr(GHashTable) batch_counts = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                              g_free, NULL);
  g_autofree char *integrity = NULL;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  guint searched = 0;

  database = reframe_database_open_default (&error);
  g_assert_no_error (error);
  g_assert_cmpint (reframe_database_get_schema_version (database), ==,
                   reframe_migrations_get_latest ());
  db = reframe_database_get_handle (database);

  integrity = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO journal_fts (journal_fts)"
                                     " VALUES ('integrity-check')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO thought_record_fts (thought_record_fts)"
                                     " VALUES ('integrity-check')", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  journal = reframe_journal_store_new (database);
  mood = reframe_mood_store_new (database);
  records = reframe_thought_record_store_new (database);
  search = reframe_search_new (database);

  /* Every reported entry, at least at its reported version, and findable. */
  g_hash_table_iter_init (&iter, committed->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(ReframeEntry) entry = reframe_journal_store_get (journal, key, &error);
      guint reported = GPOINTER_TO_UINT (g_hash_table_lookup (committed->versions, key));
      guint stored;

      if (entry == NULL)
        g_error ("The entry %s was reported saved but is gone: %s", (char *) key, error->message);
      g_assert_true (sscanf (reframe_entry_get_body (entry), "version %u", &stored) == 1);
      if (stored < reported)
        g_error ("The entry %s is at version %u, but version %u was reported saved",
                 (char *) key, stored, reported);

      /* Searching is slow enough that a sample will do. */
      if (searched++ % 25 == 0)
        {
          g_autofree char *token = token_for (key);
          ReframeSearchQuery query = { .text = token };
          g_autoptr(GPtrArray) results = reframe_search_run_sync (search, &query, NULL, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (results->len, ==, 1);
          g_assert_cmpstr (reframe_search_result_get_uuid (g_ptr_array_index (results, 0)), ==,
                           key);
        }
    }

  /* Check-ins: present unless reported deleted, and then gone. */
  g_hash_table_iter_init (&iter, committed->checkins);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(ReframeCheckin) checkin = reframe_mood_store_get (mood, key, &error);

      if (GPOINTER_TO_INT (value) == CHECKIN_PRESENT)
        {
          if (checkin == NULL)
            g_error ("The check-in %s was reported saved but is gone", (char *) key);
        }
      else if (GPOINTER_TO_INT (value) == CHECKIN_DELETED)
        {
          g_assert_null (checkin);
          g_assert_error (error, REFRAME_STORE_ERROR, REFRAME_STORE_ERROR_NOT_FOUND);
        }
      g_clear_error (&error);
    }

  g_hash_table_iter_init (&iter, committed->records);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(ReframeThoughtRecord) record = reframe_thought_record_store_get (records, key,
                                                                                &error);
      if (record == NULL)
        g_error ("The thought record %s was reported saved but is gone", (char *) key);
    }

  /* A transaction is all or nothing: every batch in the file is complete. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT title FROM journal_entry", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *title = (const char *) sqlite3_column_text (stmt, 0);
      guint batch, index, size;
      g_autofree char *batch_key = NULL;
      gpointer count;

      g_assert_true (sscanf (title, "batch %u %u/%u", &batch, &index, &size) == 3);
      batch_key = g_strdup_printf ("%u %u", batch, size);
      count = g_hash_table_lookup (batch_counts, batch_key);
      g_hash_table_insert (batch_counts, g_steal_pointer (&batch_key),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
    }
  sqlite3_finalize (stmt);

  g_hash_table_iter_init (&iter, batch_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint batch, size;

      g_assert_true (sscanf (key, "%u %u", &batch, &size) == 2);
      if (GPOINTER_TO_UINT (value) != size)
        g_error ("Batch %u has %u of its %u entries: a transaction was cut in half",
                 batch, GPOINTER_TO_UINT (value), size);
    }

  g_assert_cmpuint (reframe_journal_store_count (journal), >=,
                    g_hash_table_size (committed->entries));

  g_clear_object (&journal);
  g_clear_object (&mood);
  g_clear_object (&records);
  g_assert_finalize_object (g_steal_pointer (&search));
  g_assert_finalize_object (g_steal_pointer (&database));
}

static GSubprocess *
spawn_child (const char *dir,
             guint       seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", &error);
  g_autofree char *seed_arg = g_strdup_printf ("%u", seed);
  GSubprocess *child;

  g_assert_no_error (error);
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self, CHILD_ARG, dir, seed_arg, NULL);
  g_assert_no_error (error);
  return child;
}

static void
kill_child (GSubprocess *child)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  /* It died of the kill, not of an error of its own. */
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
}

/* Reads @n lines (or, with @n == 0, none) and kills the child @delay_us later. Lines the
 * child printed before it died are read too: they were committed as well. */
static void
run_round (const char *dir,
           Committed  *committed,
           guint       seed,
           guint       n,
           guint       delay_us)
{
  g_autoptr(GSubprocess) child = spawn_child (dir, seed);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint before = committed->n_lines;
  char *line;

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while (committed->n_lines - before < n)
    {
      line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      g_assert_no_error (error);
      if (line == NULL)
        g_error ("The child stopped by itself after %u lines", committed->n_lines - before);
      committed_add_line (committed, line);
      g_free (line);
    }

  if (delay_us > 0)
    g_usleep (delay_us);
  kill_child (child);

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      committed_add_line (committed, line);
      g_free (line);
    }
  g_assert_no_error (error);

  g_test_message ("Round %u: %u lines, killed %u us after line %u", seed,
                  committed->n_lines - before, delay_us, n);
}

static void
test_kill_during_writes (void)
{
  g_autofree char *dir = reframe_test_make_data_dir ();
  /* Lines to read before the kill, and a further delay, so that the kill lands in
   * different places: between saves, inside a batch, during a checkpoint. */
  const struct { guint lines; guint delay_us; } rounds[] = {
    { 1, 0 }, { 40, 700 }, { 150, 0 }, { 300, 3000 }, { 220, 150 }, { 500, 0 }, { 400, 9000 },
    { 1200, 0 }, { 900, 25000 }, { 60, 50 },
  };
  Committed committed;

  committed_init (&committed);
  for (guint i = 0; i < G_N_ELEMENTS (rounds); i++)
    {
      run_round (dir, &committed, i + 1, rounds[i].lines, rounds[i].delay_us);
      /* Each round opens what the previous crash left, which is part of the test. */
      verify (&committed);
    }

  g_assert_cmpuint (g_hash_table_size (committed.entries), >, 100);
  committed_clear (&committed);
  reframe_test_remove_tree (dir);
}

/* Killed while creating the database: the next start must find a usable database. */
static void
test_kill_while_creating (void)
{
  const guint delays_us[] = { 0, 500, 1000, 2000, 3000, 5000, 8000, 12000, 20000, 40000 };

  for (guint i = 0; i < G_N_ELEMENTS (delays_us); i++)
    {
      g_autofree char *dir = reframe_test_make_data_dir ();
      g_autoptr(GSubprocess) child = spawn_child (dir, 100 + i);
      Committed committed;

      g_usleep (delays_us[i]);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);

      committed_init (&committed);
      verify (&committed);
      committed_clear (&committed);
      reframe_test_remove_tree (dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], CHILD_ARG))
    return run_child (argv[2], atoi (argv[3]));

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/crash/kill-during-writes", test_kill_during_writes);
  g_test_add_func ("/reframe/crash/kill-while-creating", test_kill_while_creating);

  return g_test_run ();
}
