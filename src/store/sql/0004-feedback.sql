-- SPDX-License-Identifier: GPL-3.0-or-later
-- Answers of the feedback coach (src/coach/reframe-feedback-session.c) and how the person
-- rated them. Each answer keeps what produced it (provider, model, prompt id and version)
-- and exactly what was sent (after names, emails, phone numbers and addresses were replaced
-- by placeholders), so the person can always see what left the computer.
-- Times are unix seconds in UTC; each *_offset is seconds east of UTC when it was written.
--
-- flags, a bit set:
--   1  cut_short         the model stopped at its length limit
--   2  incomplete        the answer did not arrive whole (stopped, or the connection ended)
--   4  hidden_by_safety  the reply tripped the safety screen; shown only on request

CREATE TABLE feedback_answer (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  -- The journal entry, check-in or thought record asked about; NULL when there is none
  -- (a mood pattern, the command line).
  record_uuid       TEXT CHECK (record_uuid IS NULL OR length (record_uuid) BETWEEN 1 AND 64),
  kind              TEXT NOT NULL
                    CHECK (kind IN ('journal', 'checkin', 'thought-record', 'traps-step',
                                    'balanced-step', 'mood-pattern')),
  created_at        INTEGER NOT NULL,
  created_offset    INTEGER NOT NULL,
  provider          TEXT NOT NULL
                    CHECK (length (provider) BETWEEN 1 AND 32
                           AND provider NOT GLOB '*[^a-z0-9-]*'),
  model             TEXT NOT NULL DEFAULT '',
  prompt_id         TEXT NOT NULL
                    CHECK (length (prompt_id) BETWEEN 1 AND 64
                           AND prompt_id NOT GLOB '*[^a-z0-9-]*'),
  prompt_version    INTEGER NOT NULL CHECK (prompt_version BETWEEN 1 AND 1000000),
  -- The follow-up question this answers; NULL for the first answer.
  question          TEXT,
  text              TEXT NOT NULL,
  sent_text         TEXT NOT NULL DEFAULT '',
  -- NULL when unknown (the offline coach has no first token).
  ttft_ms           INTEGER CHECK (ttft_ms IS NULL OR ttft_ms >= 0),
  total_ms          INTEGER NOT NULL CHECK (total_ms >= 0),
  prompt_tokens     INTEGER CHECK (prompt_tokens IS NULL OR prompt_tokens >= 0),
  completion_tokens INTEGER CHECK (completion_tokens IS NULL OR completion_tokens >= 0),
  flags             INTEGER NOT NULL DEFAULT 0 CHECK (flags BETWEEN 0 AND 7),
  -- 1 helpful, -1 not helpful, 0 not rated.
  rating            INTEGER NOT NULL DEFAULT 0 CHECK (rating IN (-1, 0, 1)),
  rating_reason     TEXT,
  rated_at          INTEGER,
  rated_offset      INTEGER,
  CHECK ((rating = 0) = (rated_at IS NULL))
) STRICT;

CREATE INDEX feedback_answer_by_record ON feedback_answer (record_uuid, created_at, id);
CREATE INDEX feedback_answer_by_date ON feedback_answer (created_at, id);
