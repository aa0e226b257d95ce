-- SPDX-License-Identifier: GPL-3.0-or-later
-- Journal entries, mood check-ins, thought records and their full-text index.
-- Times are unix seconds in UTC; each *_offset is seconds east of UTC when it was written.
-- JSON columns hold small lists (tags, emotions, thoughts) as plain JSON arrays.

CREATE TABLE journal_entry (
  id              INTEGER PRIMARY KEY,
  uuid            TEXT NOT NULL UNIQUE,
  title           TEXT NOT NULL DEFAULT '',
  body            TEXT NOT NULL DEFAULT '',
  tags            TEXT NOT NULL DEFAULT '[]'
                  CHECK (json_valid (tags) AND json_type (tags) = 'array'),
  word_count      INTEGER NOT NULL DEFAULT 0,
  entry_at        INTEGER NOT NULL,
  entry_offset    INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  created_offset  INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  updated_offset  INTEGER NOT NULL
) STRICT;

CREATE INDEX journal_entry_by_date ON journal_entry (entry_at, id);

CREATE VIRTUAL TABLE journal_fts USING fts5 (
  title, body, tags,
  content = 'journal_entry', content_rowid = 'id',
  tokenize = 'reframe'
);

CREATE TRIGGER journal_entry_after_insert AFTER INSERT ON journal_entry BEGIN
  INSERT INTO journal_fts (rowid, title, body, tags)
  VALUES (new.id, new.title, new.body, new.tags);
END;

CREATE TRIGGER journal_entry_after_delete AFTER DELETE ON journal_entry BEGIN
  INSERT INTO journal_fts (journal_fts, rowid, title, body, tags)
  VALUES ('delete', old.id, old.title, old.body, old.tags);
END;

CREATE TRIGGER journal_entry_after_update AFTER UPDATE OF title, body, tags ON journal_entry BEGIN
  INSERT INTO journal_fts (journal_fts, rowid, title, body, tags)
  VALUES ('delete', old.id, old.title, old.body, old.tags);
  INSERT INTO journal_fts (rowid, title, body, tags)
  VALUES (new.id, new.title, new.body, new.tags);
END;

CREATE TABLE checkin (
  id              INTEGER PRIMARY KEY,
  uuid            TEXT NOT NULL UNIQUE,
  recorded_at     INTEGER NOT NULL,
  recorded_offset INTEGER NOT NULL,
  mood            INTEGER NOT NULL CHECK (mood BETWEEN 0 AND 10),
  energy          INTEGER CHECK (energy BETWEEN 0 AND 10),
  anxiety         INTEGER CHECK (anxiety BETWEEN 0 AND 10),
  sleep_hours     REAL CHECK (sleep_hours BETWEEN 0 AND 24),
  emotions        TEXT NOT NULL DEFAULT '[]'
                  CHECK (json_valid (emotions) AND json_type (emotions) = 'array'),
  activities      TEXT NOT NULL DEFAULT '[]'
                  CHECK (json_valid (activities) AND json_type (activities) = 'array'),
  note            TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  created_offset  INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  updated_offset  INTEGER NOT NULL
) STRICT;

CREATE INDEX checkin_by_date ON checkin (recorded_at, id);

CREATE TABLE thought_record (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  situation         TEXT NOT NULL DEFAULT '',
  emotions          TEXT NOT NULL DEFAULT '[]'
                    CHECK (json_valid (emotions) AND json_type (emotions) = 'array'),
  thoughts          TEXT NOT NULL DEFAULT '[]'
                    CHECK (json_valid (thoughts) AND json_type (thoughts) = 'array'),
  traps             TEXT NOT NULL DEFAULT '[]'
                    CHECK (json_valid (traps) AND json_type (traps) = 'array'),
  evidence_for      TEXT NOT NULL DEFAULT '',
  evidence_against  TEXT NOT NULL DEFAULT '',
  balanced_thought  TEXT NOT NULL DEFAULT '',
  balanced_belief   INTEGER CHECK (balanced_belief BETWEEN 0 AND 100),
  step              INTEGER NOT NULL DEFAULT 0 CHECK (step >= 0),
  completed         INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
  created_at        INTEGER NOT NULL,
  created_offset    INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  updated_offset    INTEGER NOT NULL
) STRICT;

CREATE INDEX thought_record_by_update ON thought_record (updated_at, id);

-- The indexed text is assembled from several columns, so this index keeps its own copy.
CREATE VIRTUAL TABLE thought_record_fts USING fts5 (
  situation, thoughts, evidence, balanced,
  tokenize = 'reframe'
);

CREATE TRIGGER thought_record_after_insert AFTER INSERT ON thought_record BEGIN
  INSERT INTO thought_record_fts (rowid, situation, thoughts, evidence, balanced)
  VALUES (new.id, new.situation,
          (SELECT group_concat (value ->> 'text', char (10)) FROM json_each (new.thoughts)),
          new.evidence_for || char (10) || new.evidence_against,
          new.balanced_thought);
END;

CREATE TRIGGER thought_record_after_delete AFTER DELETE ON thought_record BEGIN
  DELETE FROM thought_record_fts WHERE rowid = old.id;
END;

CREATE TRIGGER thought_record_after_update
AFTER UPDATE OF situation, thoughts, evidence_for, evidence_against, balanced_thought
ON thought_record BEGIN
  DELETE FROM thought_record_fts WHERE rowid = old.id;
  INSERT INTO thought_record_fts (rowid, situation, thoughts, evidence, balanced)
  VALUES (new.id, new.situation,
          (SELECT group_concat (value ->> 'text', char (10)) FROM json_each (new.thoughts)),
          new.evidence_for || char (10) || new.evidence_against,
          new.balanced_thought);
END;
