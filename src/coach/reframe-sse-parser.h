/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One dispatched server-sent event (WHATWG HTML, "Server-sent events"). */
typedef struct
{
  char *event;  /* the event: field, or NULL when the event had none ("message") */
  char *data;   /* the data: fields joined with "\n"; valid UTF-8 */
  char *id;     /* the last event ID seen so far in the stream, or NULL */
} ReframeSseEvent;

void reframe_sse_event_free (ReframeSseEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeSseEvent, reframe_sse_event_free)

/* An incremental parser: feed it bytes as they arrive, split anywhere (also inside a line
 * ending or a UTF-8 character), then pop the events that are complete. Lines may end in
 * "\n", "\r\n" or "\r"; comment lines (": keep-alive") are skipped; a leading BOM is dropped. */
typedef struct _ReframeSseParser ReframeSseParser;

/* @max_event_size bounds one line and one event's data, so a broken or hostile server cannot
 * make the parser grow without end; 0 means 16 MiB. */
ReframeSseParser *reframe_sse_parser_new       (gsize              max_event_size);
void              reframe_sse_parser_free      (ReframeSseParser  *self);
/* FALSE with G_IO_ERROR_MESSAGE_TOO_LARGE when a line or an event passes the bound; the parser
 * then drops what it had and goes on with the next line. Runs in time linear in @len. */
gboolean          reframe_sse_parser_feed      (ReframeSseParser  *self,
                                                const char        *data,
                                                gsize              len,
                                                GError           **error);
/* Marks the end of the stream. Unlike the spec, which drops an event that lacks its closing
 * blank line, an event whose lines all ended is still dispatched, since many servers close
 * right after "data: [DONE]\n". A last line without its line ending may be cut off and is
 * dropped, as the spec says. */
void              reframe_sse_parser_end       (ReframeSseParser  *self);
/* The next complete event in stream order (free it), or NULL. */
ReframeSseEvent  *reframe_sse_parser_pop       (ReframeSseParser  *self);
/* The last valid retry: field in milliseconds, or -1. */
gint64            reframe_sse_parser_get_retry (ReframeSseParser  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReframeSseParser, reframe_sse_parser_free)

G_END_DECLS
