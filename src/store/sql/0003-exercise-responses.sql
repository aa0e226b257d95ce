-- SPDX-License-Identifier: GPL-3.0-or-later
-- Answers to guided exercises and questionnaires defined as data (data/exercises/, and later
-- therapist packs). Each response keeps the id and version of its definition and a copy of
-- the definition's JSON, so that changing a definition never breaks an old response.
-- Times are unix seconds in UTC; each *_offset is seconds east of UTC when it was written.

CREATE TABLE exercise_response (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  exercise_id       TEXT NOT NULL
                    CHECK (length (exercise_id) BETWEEN 1 AND 64
                           AND exercise_id NOT GLOB '*[^a-z0-9-]*'),
  exercise_version  INTEGER NOT NULL CHECK (exercise_version BETWEEN 1 AND 1000000),
  definition        TEXT NOT NULL
                    CHECK (json_valid (definition) AND json_type (definition) = 'object'),
  answers           TEXT NOT NULL DEFAULT '{}'
                    CHECK (json_valid (answers) AND json_type (answers) = 'object'),
  step              INTEGER NOT NULL DEFAULT 0 CHECK (step >= 0),
  completed         INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
  created_at        INTEGER NOT NULL,
  created_offset    INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  updated_offset    INTEGER NOT NULL
) STRICT;

CREATE INDEX exercise_response_by_exercise ON exercise_response (exercise_id, created_at, id);
CREATE INDEX exercise_response_by_update ON exercise_response (updated_at, id);
