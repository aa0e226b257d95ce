-- SPDX-License-Identifier: GPL-3.0-or-later
-- Moments when the local crisis screen (src/coach/reframe-safety.c) found signs of a crisis:
-- the date and the kind only. The text that triggered it is never stored here, and the
-- source may only be a short lower-case id, so no words can end up in this table.

CREATE TABLE safety_event (
  id              INTEGER PRIMARY KEY,
  uuid            TEXT NOT NULL UNIQUE,
  occurred_at     INTEGER NOT NULL,
  occurred_offset INTEGER NOT NULL,
  kind            TEXT NOT NULL
                  CHECK (kind IN ('suicide', 'self-harm', 'harm-to-others', 'abuse')),
  source          TEXT NOT NULL
                  CHECK (length (source) BETWEEN 1 AND 32 AND source NOT GLOB '*[^a-z-]*')
) STRICT;

CREATE INDEX safety_event_by_date ON safety_event (occurred_at, id);
