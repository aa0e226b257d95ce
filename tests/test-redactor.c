/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "reframe-redactor.h"

static char *
redact (const char * const  *names,
        const char          *text,
        ReframeRedactionMap *map)
{
  g_autoptr(ReframeRedactor) redactor = reframe_redactor_new (names);

  return reframe_redactor_redact (redactor, text, map);
}

static void
assert_unchanged (const char *text)
{
  g_autoptr(ReframeRedactionMap) map = reframe_redaction_map_new ();
  g_autofree char *out = redact (NULL, text, map);

  if (g_strcmp0 (out, text) != 0)
    g_error ("“%s” should be left alone, got “%s”", text, out);
  g_assert_cmpuint (reframe_redaction_map_get_size (map), ==, 0);
}

static void
test_emails_and_urls (void)
{
  g_autoptr(ReframeRedactionMap) map = reframe_redaction_map_new ();
  g_autofree char *out = redact (NULL,
    "Mail jo.smith+work@example.co.uk or JO.SMITH+work@example.co.uk, see "
    "https://example.org/page?id=3, www.reddit.com/r/anxiety and blog.example.com.",
    map);

  g_assert_cmpstr (out, ==, "Mail [EMAIL-1] or [EMAIL-1], see [URL-1], [URL-2] and [URL-3].");
  g_assert_cmpstr (reframe_redaction_map_lookup (map, "[EMAIL-1]"), ==,
                   "jo.smith+work@example.co.uk");
  g_assert_cmpstr (reframe_redaction_map_lookup (map, "[URL-1]"), ==,
                   "https://example.org/page?id=3");
  g_assert_cmpstr (reframe_redaction_map_lookup (map, "[URL-3]"), ==, "blog.example.com");
}

static void
test_phones (void)
{
  g_autoptr(ReframeRedactionMap) map = reframe_redaction_map_new ();
  g_autofree char *out = redact (NULL,
    "Call +44 20 7946 0958, (555) 123-4567, 0151 496 0000 or 1-800-273-8255; "
    "again: +44 20 7946 0958 or 555-123-4567.",
    map);

  /* The same digits are the same number, however they are written. */
  g_assert_cmpstr (out, ==, "Call [PHONE-1], [PHONE-2], [PHONE-3] or [PHONE-4]; "
                   "again: [PHONE-1] or [PHONE-2].");
  g_assert_cmpstr (reframe_redaction_map_lookup (map, "[PHONE-2]"), ==, "(555) 123-4567");
  g_assert_cmpstr (reframe_redaction_map_lookup (map, "[PHONE-3]"), ==, "0151 496 0000");
}

static void
test_names (void)
{
  const char * const names[] = { "Anna", "Zoë", "jürgen", "Mary Jane", "O’Brien", NULL };
  g_autoptr(ReframeRedactionMap) map = reframe_redaction_map_new ();
  g_autofree char *out = redact (names,
    "ANNA and zoë met Jürgen. Anna's sister Mary  Jane saw Mr O'Brien. "
    "Annabel, Annual and Zoëtrope stay.",
    map);

  g_assert_cmpstr (out, ==,
    "[NAME-1] and [NAME-2] met [NAME-3]. [NAME-1]'s sister [NAME-4] saw Mr [NAME-5]. "
    "Annabel, Annual and Zoëtrope stay.");
  /* The spelling first seen goes back into replies. */
  g_assert_cmpstr (reframe_redaction_map_lookup (map, "[NAME-1]"), ==, "ANNA");
  g_assert_cmpuint (reframe_redaction_map_get_size (map), ==, 5);
}

static void
test_leaves_ordinary_text (void)
{
  assert_unchanged ("I slept 7 hours and walked 12000 steps.");
  assert_unchanged ("On 2024-03-05 at 14:30 I felt better than on 05/03/2024 or 5.3.2024.");
  assert_unchanged ("The train at 7.45pm cost £30.50, the hotel $1,200 and dinner € 45.");
  assert_unchanged ("In 2019 and 2020 I moved twice; 2019 2020 2021 were hard.");
  assert_unchanged ("Room 101, page 3.14, 10% better, 1 000 000 people, score 120 340.");
  assert_unchanged ("Between 9 and 5, three times a week, for 20-25 minutes.");
  assert_unchanged ("I ran 10 km in 58:30 and my heart rate was 165.");
  assert_unchanged ("e.g. this, i.e. that, etc. Node.js is fine.");
  assert_unchanged ("My PIN is not here and 988 is a helpline.");
  assert_unchanged ("");
}

static void
test_shared_map (void)
{
  const char * const names[] = { "Sam", NULL };
  g_autoptr(ReframeRedactor) redactor = reframe_redactor_new (names);
  g_autoptr(ReframeRedactionMap) map = reframe_redaction_map_new ();
  g_autofree char *first = reframe_redactor_redact (redactor, "Sam texted 07700 900123.", map);
  g_autofree char *second = reframe_redactor_redact (redactor, "I called sam on 07700 900123 and sam@x.io.", map);
  g_auto(GStrv) placeholders = reframe_redaction_map_dup_placeholders (map);

  g_assert_cmpstr (first, ==, "[NAME-1] texted [PHONE-1].");
  g_assert_cmpstr (second, ==, "I called [NAME-1] on [PHONE-1] and [EMAIL-1].");
  g_assert_cmpuint (g_strv_length (placeholders), ==, 3);
  g_assert_cmpstr (placeholders[0], ==, "[NAME-1]");
  g_assert_cmpstr (placeholders[1], ==, "[PHONE-1]");
  g_assert_cmpstr (placeholders[2], ==, "[EMAIL-1]");
}

static void
test_restore (void)
{
  const char * const names[] = { "Priya", "Tom", NULL };
  g_autoptr(ReframeRedactionMap) map = reframe_redaction_map_new ();
  g_autofree char *redacted = redact (names,
                                      "Priya and Tom argued; Tom's email is tom@example.com.", map);
  g_autofree char *reply = NULL;
  g_autofree char *untouched = NULL;

  g_assert_cmpstr (redacted, ==, "[NAME-1] and [NAME-2] argued; [NAME-2]'s email is [EMAIL-1].");

  reply = reframe_redactor_restore (map,
    "It sounds hard with [NAME-1]. Did [Name-2] mean it? Maybe ask [name 1], NAME-2, "
    "(NAME-1), \\[NAME-2\\], [ NAME - 1 ] or write to [E-mail-1]. [NAME-9] and [NAMES] stay.");
  g_assert_cmpstr (reply, ==,
    "It sounds hard with Priya. Did Tom mean it? Maybe ask Priya, Tom, "
    "Priya, Tom, Priya or write to tom@example.com. [NAME-9] and [NAMES] stay.");

  /* Lower-case words that look like a placeholder are left alone. */
  untouched = reframe_redactor_restore (map, "my phone 1 and name 2 are fine");
  g_assert_cmpstr (untouched, ==, "my phone 1 and name 2 are fine");

  g_assert_null (reframe_redaction_map_lookup (map, "[PHONE-1]"));
  g_assert_cmpstr (reframe_redaction_map_lookup (map, "[name_2]"), ==, "Tom");
}

static void
names_notified_cb (GObject    *object,
                   GParamSpec *pspec,
                   guint      *count)
{
  (*count)++;
}

static void
test_names_property (void)
{
  const char * const names[] = { "Ada", NULL };
  g_autoptr(ReframeRedactor) redactor = reframe_redactor_new (NULL);
  g_auto(GStrv) got = NULL;
  guint notified = 0;

  g_signal_connect (redactor, "notify::names", G_CALLBACK (names_notified_cb), &notified);
  g_assert_cmpuint (g_strv_length ((char **) reframe_redactor_get_names (redactor)), ==, 0);
  reframe_redactor_set_names (redactor, names);
  reframe_redactor_set_names (redactor, names);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (redactor, "names", &got, NULL);
  g_assert_cmpstrv (got, names);

  /* Empty and blank names hide nothing. */
  {
    const char * const blank[] = { "", "  ", NULL };
    g_autoptr(ReframeRedactionMap) map = reframe_redaction_map_new ();
    g_autofree char *out = NULL;

    reframe_redactor_set_names (redactor, blank);
    out = reframe_redactor_redact (redactor, "Nothing to hide here.", map);
    g_assert_cmpstr (out, ==, "Nothing to hide here.");
  }
}

static void
test_map_boxed (void)
{
  ReframeRedactionMap *map = reframe_redaction_map_new ();
  GValue value = G_VALUE_INIT;

  g_value_init (&value, REFRAME_TYPE_REDACTION_MAP);
  g_value_set_boxed (&value, map);
  reframe_redaction_map_unref (map);
  g_assert_true (g_value_get_boxed (&value) == map);
  g_assert_cmpuint (reframe_redaction_map_get_size (g_value_get_boxed (&value)), ==, 0);
  g_value_unset (&value);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/redactor/emails-and-urls", test_emails_and_urls);
  g_test_add_func ("/reframe/redactor/phones", test_phones);
  g_test_add_func ("/reframe/redactor/names", test_names);
  g_test_add_func ("/reframe/redactor/leaves-ordinary-text", test_leaves_ordinary_text);
  g_test_add_func ("/reframe/redactor/shared-map", test_shared_map);
  g_test_add_func ("/reframe/redactor/restore", test_restore);
  g_test_add_func ("/reframe/redactor/names-property", test_names_property);
  g_test_add_func ("/reframe/redactor/map-boxed", test_map_boxed);

  return g_test_run ();
}
