-- SPDX-License-Identifier: GPL-3.0-or-later
-- Therapist packs the person accepted (docs/pack-format.md), the exercises they assign, and
-- which exercise responses were done for which assignment. Dates of the schedule are the
-- person's local calendar days (YYYY-MM-DD); times are unix seconds in UTC with the offset
-- (seconds east of UTC) when written.

CREATE TABLE pack (
  id                 INTEGER PRIMARY KEY,
  uuid               TEXT NOT NULL UNIQUE
                     CHECK (length (uuid) BETWEEN 1 AND 64 AND uuid NOT GLOB '*[^a-z0-9-]*'),
  therapist_name     TEXT CHECK (therapist_name IS NULL OR length (therapist_name) <= 120),
  therapist_contact  TEXT CHECK (therapist_contact IS NULL OR length (therapist_contact) <= 200),
  message            TEXT CHECK (message IS NULL OR length (message) <= 4000),
  created            TEXT,
  imported_at        INTEGER NOT NULL,
  imported_offset    INTEGER NOT NULL
) STRICT;

CREATE TABLE assignment (
  id                 INTEGER PRIMARY KEY,
  uuid               TEXT NOT NULL UNIQUE
                     CHECK (length (uuid) BETWEEN 1 AND 64 AND uuid NOT GLOB '*[^a-z0-9-]*'),
  pack_uuid          TEXT NOT NULL REFERENCES pack (uuid) ON DELETE CASCADE,
  position           INTEGER NOT NULL DEFAULT 0,
  exercise_id        TEXT NOT NULL
                     CHECK (length (exercise_id) BETWEEN 1 AND 64
                            AND exercise_id NOT GLOB '*[^a-z0-9-]*'),
  -- The definition that came with the pack; NULL for a built-in exercise.
  definition         TEXT CHECK (definition IS NULL
                                 OR (json_valid (definition) AND json_type (definition) = 'object')),
  title              TEXT NOT NULL,
  instructions       TEXT CHECK (instructions IS NULL OR length (instructions) <= 2000),
  frequency          TEXT NOT NULL CHECK (frequency IN ('once', 'daily', 'weekly')),
  times_per_week     INTEGER NOT NULL DEFAULT 1 CHECK (times_per_week BETWEEN 1 AND 7),
  start_date         TEXT NOT NULL
                     CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  end_date           TEXT CHECK (end_date IS NULL
                                 OR (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                                     AND end_date >= start_date)),
  reminder_minutes   INTEGER CHECK (reminder_minutes IS NULL
                                    OR reminder_minutes BETWEEN 0 AND 1439),
  ai_feedback        INTEGER NOT NULL DEFAULT 0 CHECK (ai_feedback IN (0, 1)),
  -- For the feedback coach (reframe_feedback_session_set_guidance).
  ai_guidance        TEXT CHECK (ai_guidance IS NULL OR length (ai_guidance) <= 1000),
  paused             INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1))
) STRICT;

CREATE INDEX assignment_by_pack ON assignment (pack_uuid, position);

-- A response done for an assignment. Deleting either one removes the link only.
CREATE TABLE assignment_response (
  assignment_uuid    TEXT NOT NULL REFERENCES assignment (uuid) ON DELETE CASCADE,
  response_uuid      TEXT NOT NULL UNIQUE REFERENCES exercise_response (uuid) ON DELETE CASCADE,
  PRIMARY KEY (assignment_uuid, response_uuid)
) STRICT;
