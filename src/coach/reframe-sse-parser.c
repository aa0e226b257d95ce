/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "reframe-sse-parser"

#include "config.h"

#include <string.h>

#include "reframe-sse-parser.h"

#define DEFAULT_MAX_EVENT_SIZE (16 * 1024 * 1024)

struct _ReframeSseParser
{
  GString  *line;        /* the line being read, without its ending */
  GString  *data;        /* the event's data, each field followed by "\n" */
  char     *event_type;
  char     *last_id;
  GQueue    events;
  gsize     max_event_size;
  gint64    retry;
  gboolean  skip_lf;     /* the last byte fed was "\r"; a "\n" right after it ends nothing */
  gboolean  discard_line; /* the line being read is too long and is skipped */
  gboolean  first_line;  /* may start with a BOM */
};

void
reframe_sse_event_free (ReframeSseEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->event);
  g_free (event->data);
  g_free (event->id);
  g_free (event);
}

ReframeSseParser *
reframe_sse_parser_new (gsize max_event_size)
{
  ReframeSseParser *self = g_new0 (ReframeSseParser, 1);

  self->line = g_string_new (NULL);
  self->data = g_string_new (NULL);
  g_queue_init (&self->events);
  self->max_event_size = max_event_size ? max_event_size : DEFAULT_MAX_EVENT_SIZE;
  self->retry = -1;
  self->first_line = TRUE;

  return self;
}

void
reframe_sse_parser_free (ReframeSseParser *self)
{
  if (self == NULL)
    return;
  g_string_free (self->line, TRUE);
  g_string_free (self->data, TRUE);
  g_free (self->event_type);
  g_free (self->last_id);
  g_queue_clear_full (&self->events, (GDestroyNotify) reframe_sse_event_free);
  g_free (self);
}

static void
reset_event (ReframeSseParser *self)
{
  g_string_truncate (self->data, 0);
  g_clear_pointer (&self->event_type, g_free);
}

static void
dispatch_event (ReframeSseParser *self)
{
  ReframeSseEvent *event;

  if (self->data->len == 0)
    {
      reset_event (self);
      return;
    }

  /* Drop the "\n" that followed the last data field. */
  g_string_truncate (self->data, self->data->len - 1);

  event = g_new0 (ReframeSseEvent, 1);
  event->event = g_steal_pointer (&self->event_type);
  if (g_utf8_validate_len (self->data->str, self->data->len, NULL))
    event->data = g_strndup (self->data->str, self->data->len);
  else
    event->data = g_utf8_make_valid (self->data->str, self->data->len);
  event->id = g_strdup (self->last_id);
  g_queue_push_tail (&self->events, event);

  reset_event (self);
}

static gboolean
is_all_digits (const char *value,
               gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;
  return TRUE;
}

static void
process_line (ReframeSseParser *self)
{
  const char *line = self->line->str;
  gsize len = self->line->len;
  const char *colon;
  gsize name_len;
  const char *value;
  gsize value_len;

  if (self->first_line)
    {
      self->first_line = FALSE;
      if (len >= 3 && memcmp (line, "\xEF\xBB\xBF", 3) == 0)
        {
          line += 3;
          len -= 3;
        }
    }

  if (len == 0)
    {
      dispatch_event (self);
      return;
    }

  if (line[0] == ':')
    return;

  colon = memchr (line, ':', len);
  if (colon != NULL)
    {
      name_len = colon - line;
      value = colon + 1;
      value_len = len - name_len - 1;
      if (value_len > 0 && value[0] == ' ')
        {
          value++;
          value_len--;
        }
    }
  else
    {
      name_len = len;
      value = line + len;
      value_len = 0;
    }

#define FIELD_IS(name) (name_len == strlen (name) && memcmp (line, name, name_len) == 0)
  if (FIELD_IS ("data"))
    {
      g_string_append_len (self->data, value, value_len);
      g_string_append_c (self->data, '\n');
    }
  else if (FIELD_IS ("event"))
    {
      g_free (self->event_type);
      self->event_type = g_utf8_make_valid (value, value_len);
    }
  else if (FIELD_IS ("id"))
    {
      /* The spec ignores an id that contains NUL. */
      if (memchr (value, '\0', value_len) == NULL)
        {
          g_free (self->last_id);
          self->last_id = g_utf8_make_valid (value, value_len);
        }
    }
  else if (FIELD_IS ("retry"))
    {
      if (is_all_digits (value, value_len) && value_len < 16)
        self->retry = g_ascii_strtoll (value, NULL, 10);
    }
#undef FIELD_IS
}

static void
set_too_large (ReframeSseParser  *self,
               gboolean          *ok,
               GError           **error)
{
  reset_event (self);
  if (!*ok)
    return;
  *ok = FALSE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               "A server-sent event is larger than %" G_GSIZE_FORMAT " bytes",
               self->max_event_size);
}

gboolean
reframe_sse_parser_feed (ReframeSseParser  *self,
                         const char        *data,
                         gsize              len,
                         GError           **error)
{
  const char *p = data;
  const char *end = data + len;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len == 0)
    return TRUE;

  if (self->skip_lf)
    {
      self->skip_lf = FALSE;
      if (*p == '\n')
        p++;
    }

  while (p < end)
    {
      const char *q = p;

      while (q < end && *q != '\n' && *q != '\r')
        q++;

      if (self->discard_line)
        ;
      else if (self->line->len + (gsize) (q - p) > self->max_event_size)
        {
          /* Skip the rest of this line, wherever it ends. */
          self->discard_line = TRUE;
          g_string_truncate (self->line, 0);
          set_too_large (self, &ok, error);
        }
      else
        g_string_append_len (self->line, p, q - p);

      if (q == end)
        break;

      if (*q == '\r')
        {
          if (q + 1 < end)
            {
              if (q[1] == '\n')
                q++;
            }
          else
            self->skip_lf = TRUE;
        }
      p = q + 1;

      if (self->discard_line)
        {
          self->discard_line = FALSE;
          continue;
        }

      process_line (self);
      g_string_truncate (self->line, 0);

      if (self->data->len > self->max_event_size)
        set_too_large (self, &ok, error);
    }

  return ok;
}

void
reframe_sse_parser_end (ReframeSseParser *self)
{
  g_return_if_fail (self != NULL);

  self->skip_lf = FALSE;
  self->discard_line = FALSE;
  g_string_truncate (self->line, 0);
  dispatch_event (self);
}

ReframeSseEvent *
reframe_sse_parser_pop (ReframeSseParser *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_queue_pop_head (&self->events);
}

gint64
reframe_sse_parser_get_retry (ReframeSseParser *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->retry;
}
