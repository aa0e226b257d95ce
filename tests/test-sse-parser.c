/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "reframe-sse-parser.h"

/* Events as one string, "event|id|data" per event, one per line, "-" for NULL. */
static char *
drain (ReframeSseParser *parser)
{
  GString *out = g_string_new (NULL);
  ReframeSseEvent *event;

  while ((event = reframe_sse_parser_pop (parser)) != NULL)
    {
      g_string_append_printf (out, "%s|%s|%s\n",
                              event->event ? event->event : "-",
                              event->id ? event->id : "-",
                              event->data);
      reframe_sse_event_free (event);
    }

  return g_string_free (out, FALSE);
}

static char *
parse_chunks (const char * const *chunks,
              gsize               n_chunks,
              const gsize        *lengths,
              gboolean            end)
{
  g_autoptr(ReframeSseParser) parser = reframe_sse_parser_new (0);

  for (gsize i = 0; i < n_chunks; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (reframe_sse_parser_feed (parser, chunks[i],
                                              lengths ? lengths[i] : strlen (chunks[i]),
                                              &error));
      g_assert_no_error (error);
    }
  if (end)
    reframe_sse_parser_end (parser);

  return drain (parser);
}

static char *
parse (const char *text)
{
  return parse_chunks (&text, 1, NULL, TRUE);
}

static void
test_basic (void)
{
  g_autofree char *one = parse ("data: hello\n\n");
  g_autofree char *two = parse ("data: a\n\ndata: b\n\n");
  g_autofree char *done = parse ("data: {\"x\":1}\n\ndata: [DONE]\n\n");

  g_assert_cmpstr (one, ==, "-|-|hello\n");
  g_assert_cmpstr (two, ==, "-|-|a\n-|-|b\n");
  g_assert_cmpstr (done, ==, "-|-|{\"x\":1}\n-|-|[DONE]\n");
}

static void
test_line_endings (void)
{
  g_autofree char *lf = parse ("data: a\ndata: b\n\n");
  g_autofree char *crlf = parse ("data: a\r\ndata: b\r\n\r\n");
  g_autofree char *cr = parse ("data: a\rdata: b\r\r");
  g_autofree char *mixed = parse ("data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r\n");

  g_assert_cmpstr (lf, ==, "-|-|a\nb\n");
  g_assert_cmpstr (crlf, ==, "-|-|a\nb\n");
  g_assert_cmpstr (cr, ==, "-|-|a\nb\n");
  /* "\r\r\n" is a CR line ending then a CRLF one: a blank line. */
  g_assert_cmpstr (mixed, ==, "-|-|a\nb\nc\n-|-|d\n");
}

static void
test_crlf_split (void)
{
  /* The "\n" of a "\r\n" arrives in the next chunk: one line ending, not two. */
  const char *chunks[] = { "data: a\r", "\ndata: b\r", "\n\r", "\n" };
  g_autofree char *events = parse_chunks (chunks, G_N_ELEMENTS (chunks), NULL, FALSE);

  g_assert_cmpstr (events, ==, "-|-|a\nb\n");
}

static void
test_comments (void)
{
  g_autofree char *only = parse (": keep-alive\n\n: another\n\n");
  g_autofree char *mixed = parse (": hi\ndata: x\n: in between\ndata: y\n\n");

  g_assert_cmpstr (only, ==, "");
  g_assert_cmpstr (mixed, ==, "-|-|x\ny\n");
}

static void
test_fields (void)
{
  g_autofree char *events = parse ("event: delta\nid: 7\ndata: one\n\n"
                                   "data: two\n\n"
                                   "id\ndata: three\n\n"
                                   "event: x\n\n"
                                   "data: four\n\n");
  g_autofree char *colon = parse ("data:tight\n\ndata:  spaced\n\ndata\n\ndata:\ndata:\n\n");
  g_autofree char *unknown = parse ("foo: bar\nretry: 250\ndata: kept\n\n");
  g_autoptr(ReframeSseParser) parser = reframe_sse_parser_new (0);

  /* The ID lasts until changed (an empty id: resets it); the event type only for its event;
   * an event without data is not dispatched. */
  g_assert_cmpstr (events, ==,
                   "delta|7|one\n-|7|two\n-||three\n-||four\n");
  g_assert_cmpstr (colon, ==, "-|-|tight\n-|-| spaced\n-|-|\n-|-|\n\n");
  g_assert_cmpstr (unknown, ==, "-|-|kept\n");

  g_assert_cmpint (reframe_sse_parser_get_retry (parser), ==, -1);
  g_assert_true (reframe_sse_parser_feed (parser, "retry: 250\nretry: x1\n\n", 22, NULL));
  g_assert_cmpint (reframe_sse_parser_get_retry (parser), ==, 250);
}

static void
test_bom (void)
{
  const char *chunks[] = { "\xEF", "\xBB", "\xBF" "data: a\n\n" };
  g_autofree char *whole = parse ("\xEF\xBB\xBF" "data: a\n\n");
  g_autofree char *split = parse_chunks (chunks, G_N_ELEMENTS (chunks), NULL, FALSE);
  /* Only at the very start. */
  g_autofree char *later = parse ("data: a\n\n\xEF\xBB\xBF" "data: b\n\n");

  g_assert_cmpstr (whole, ==, "-|-|a\n");
  g_assert_cmpstr (split, ==, "-|-|a\n");
  g_assert_cmpstr (later, ==, "-|-|a\n");
}

static void
test_utf8 (void)
{
  const char *text = "data: é🙂ü\n\n";
  g_autoptr(ReframeSseParser) parser = reframe_sse_parser_new (0);
  g_autofree char *events = NULL;
  g_autofree char *invalid = parse ("data: a\xFF" "b\n\n");

  /* Byte by byte, so that each multi-byte character arrives in pieces. */
  for (gsize i = 0; text[i]; i++)
    g_assert_true (reframe_sse_parser_feed (parser, text + i, 1, NULL));
  events = drain (parser);
  g_assert_cmpstr (events, ==, "-|-|é🙂ü\n");

  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_cmpstr (invalid, ==, "-|-|a\xEF\xBF\xBD" "b\n");
}

static void
test_end_of_stream (void)
{
  const char *no_blank = "data: [DONE]\n";
  const char *unterminated = "data: a\n\ndata: {\"cut";
  g_autofree char *lenient = parse_chunks (&no_blank, 1, NULL, TRUE);
  g_autofree char *without_end = parse_chunks (&no_blank, 1, NULL, FALSE);
  g_autofree char *dropped = parse_chunks (&unterminated, 1, NULL, TRUE);

  g_assert_cmpstr (lenient, ==, "-|-|[DONE]\n");
  g_assert_cmpstr (without_end, ==, "");
  g_assert_cmpstr (dropped, ==, "-|-|a\n");
}

static gboolean
feed_string (ReframeSseParser  *parser,
             const char        *text,
             GError           **error)
{
  return reframe_sse_parser_feed (parser, text, strlen (text), error);
}

static void
test_too_large (void)
{
  g_autoptr(ReframeSseParser) parser = reframe_sse_parser_new (16);
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;

  g_assert_false (feed_string (parser, "data: 0123456789abcdef\n\n", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);

  /* Too long over several chunks: the rest of the line is skipped, not read as a line of
   * its own, however much it looks like one. */
  g_assert_true (feed_string (parser, "data: 0123456789", &error));
  g_assert_no_error (error);
  g_assert_false (feed_string (parser, "abcdef", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);
  g_assert_true (feed_string (parser, "data: evil\n\ndata: x\n\n", &error));
  g_assert_no_error (error);

  /* Short lines that together make one event too large. */
  g_assert_false (feed_string (parser, "data: 123456\ndata: 123456\ndata: 123456\n\n", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);

  g_assert_true (feed_string (parser, "data: ok\n\n", NULL));
  events = drain (parser);
  g_assert_cmpstr (events, ==, "-|-|x\n-|-|ok\n");
}

/* A sample with every feature: BOM, all three line endings, comments, fields, multi-line
 * data, multi-byte characters, [DONE]. */
static const char sample[] =
  "\xEF\xBB\xBF: hello\r\n"
  "\r\n"
  "event: delta\r"
  "id: 1\n"
  "data: {\"content\": \"Ça\"}\r\n"
  "\r\n"
  ": keep-alive\n"
  "\n"
  "data: first line\r"
  "data: 🙂 second\r"
  "\r"
  "data:no space\n"
  "id: 2\n"
  "\r\n"
  "data: [DONE]\n"
  "\n";

static const char sample_events[] =
  "delta|1|{\"content\": \"Ça\"}\n"
  "-|1|first line\n🙂 second\n"
  "-|2|no space\n"
  "-|2|[DONE]\n";

static void
test_every_split_point (void)
{
  gsize len = strlen (sample);
  g_autofree char *whole = parse (sample);

  g_assert_cmpstr (whole, ==, sample_events);

  for (gsize i = 0; i <= len; i++)
    {
      const char *chunks[] = { sample, sample + i };
      gsize lengths[] = { i, len - i };
      g_autofree char *events = parse_chunks (chunks, 2, lengths, TRUE);

      if (g_strcmp0 (events, sample_events) != 0)
        g_error ("Split at %" G_GSIZE_FORMAT ": got\n%s", i, events);
    }

  /* Every pair of split points: three chunks. */
  for (gsize i = 0; i <= len; i++)
    for (gsize j = i; j <= len; j++)
      {
        const char *chunks[] = { sample, sample + i, sample + j };
        gsize lengths[] = { i, j - i, len - j };
        g_autofree char *events = parse_chunks (chunks, 3, lengths, TRUE);

        if (g_strcmp0 (events, sample_events) != 0)
          g_error ("Split at %" G_GSIZE_FORMAT " and %" G_GSIZE_FORMAT ": got\n%s",
                   i, j, events);
      }
}

static void
test_byte_by_byte (void)
{
  g_autoptr(ReframeSseParser) parser = reframe_sse_parser_new (0);
  g_autofree char *events = NULL;

  for (gsize i = 0; sample[i]; i++)
    g_assert_true (reframe_sse_parser_feed (parser, sample + i, 1, NULL));
  reframe_sse_parser_end (parser);
  events = drain (parser);

  g_assert_cmpstr (events, ==, sample_events);
}

static void
test_large_linear (void)
{
  gsize size = 8 * 1024 * 1024;
  g_autofree char *line = g_malloc (size + 8);
  g_autoptr(ReframeSseParser) parser = reframe_sse_parser_new (0);
  ReframeSseEvent *event;
  gint64 start = g_get_monotonic_time ();

  memcpy (line, "data: ", 6);
  memset (line + 6, 'x', size - 6);
  memcpy (line + size, "\n\n", 2);

  /* One 8 MiB line in 100-byte pieces: quadratic work would take minutes. */
  for (gsize i = 0; i < size + 2; i += 100)
    g_assert_true (reframe_sse_parser_feed (parser, line + i, MIN (100, size + 2 - i), NULL));

  event = reframe_sse_parser_pop (parser);
  g_assert_nonnull (event);
  g_assert_cmpuint (strlen (event->data), ==, size - 6);
  reframe_sse_event_free (event);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reframe/sse-parser/basic", test_basic);
  g_test_add_func ("/reframe/sse-parser/line-endings", test_line_endings);
  g_test_add_func ("/reframe/sse-parser/crlf-split", test_crlf_split);
  g_test_add_func ("/reframe/sse-parser/comments", test_comments);
  g_test_add_func ("/reframe/sse-parser/fields", test_fields);
  g_test_add_func ("/reframe/sse-parser/bom", test_bom);
  g_test_add_func ("/reframe/sse-parser/utf8", test_utf8);
  g_test_add_func ("/reframe/sse-parser/end-of-stream", test_end_of_stream);
  g_test_add_func ("/reframe/sse-parser/too-large", test_too_large);
  g_test_add_func ("/reframe/sse-parser/every-split-point", test_every_split_point);
  g_test_add_func ("/reframe/sse-parser/byte-by-byte", test_byte_by_byte);
  g_test_add_func ("/reframe/sse-parser/large-linear", test_large_linear);

  return g_test_run ();
}
