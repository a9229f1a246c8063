-- Notebook schema, version 1. Times are Unix milliseconds (UTC). IDs of
-- events, people and sources are the dataset's stable IDs; nothing here
-- references the dataset file, so a newer dataset never breaks a notebook.

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- One note per target per author, edited in place. label_* keep the title
-- and date the target had when the note was written, so a note whose event
-- has left the dataset still says what it was about.
CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('event', 'person', 'source')),
  target TEXT NOT NULL,
  author TEXT NOT NULL,
  body TEXT NOT NULL,
  label_en TEXT NOT NULL DEFAULT '',
  label_de TEXT NOT NULL DEFAULT '',
  label_date TEXT NOT NULL DEFAULT '',
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  deleted INTEGER,                -- when it went to the trash; NULL while live
  UNIQUE (kind, target, author)
);
CREATE INDEX notes_deleted ON notes(deleted) WHERE deleted IS NOT NULL;
-- Covers Annotations' count of live notes per event (an index-only scan).
CREATE INDEX notes_live ON notes(kind, target) WHERE deleted IS NULL;

-- Folded note bodies (data.Fold) of live notes; rowid = notes.id.
CREATE VIRTUAL TABLE notes_fts USING fts5(body, content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');

-- Star and colour flag of an event (a row only while one of them is set).
CREATE TABLE marks (
  event TEXT PRIMARY KEY,
  starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
  flag TEXT NOT NULL DEFAULT '',
  modified INTEGER NOT NULL
) WITHOUT ROWID;

-- Tags: "key" is the case-folded tag, unique per event; "tag" is as typed.
CREATE TABLE tags (
  event TEXT NOT NULL,
  key TEXT NOT NULL,
  tag TEXT NOT NULL,
  created INTEGER NOT NULL,
  PRIMARY KEY (event, key)
) WITHOUT ROWID;
CREATE INDEX tags_key ON tags(key);

-- Events the researcher adds. Lists are JSON arrays: they are read and
-- written whole, never queried by element.
CREATE TABLE own_events (
  n INTEGER PRIMARY KEY,          -- rowid for the full-text index
  id TEXT NOT NULL UNIQUE,        -- "own-" + random
  date TEXT NOT NULL,
  end_date TEXT NOT NULL DEFAULT '',
  start_day INTEGER NOT NULL,     -- days since 1970-01-01, for ordering
  category TEXT NOT NULL,
  title_en TEXT NOT NULL, title_de TEXT NOT NULL,
  summary_en TEXT NOT NULL, summary_de TEXT NOT NULL,
  people TEXT NOT NULL DEFAULT '[]',
  organizations TEXT NOT NULL DEFAULT '[]',
  sources TEXT NOT NULL,
  author TEXT NOT NULL,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  deleted INTEGER
);
CREATE INDEX own_events_start ON own_events(start_day);
CREATE INDEX own_events_deleted ON own_events(deleted) WHERE deleted IS NOT NULL;

-- Folded titles and summaries (both languages) of live own events; rowid = own_events.n.
CREATE VIRTUAL TABLE own_events_fts USING fts5(title, summary, content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');

-- Teachers' tours: ordered stops, each an event (dataset or own) with a note.
CREATE TABLE tours (
  id TEXT PRIMARY KEY,
  title_en TEXT NOT NULL, title_de TEXT NOT NULL,
  intro_en TEXT NOT NULL, intro_de TEXT NOT NULL,
  author TEXT NOT NULL,
  created INTEGER NOT NULL,
  modified INTEGER NOT NULL,
  deleted INTEGER
) WITHOUT ROWID;
CREATE TABLE tour_stops (
  tour TEXT NOT NULL REFERENCES tours(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  event TEXT NOT NULL,
  note_en TEXT NOT NULL, note_de TEXT NOT NULL,
  PRIMARY KEY (tour, ord)
) WITHOUT ROWID;

-- The dataset's events as last seen (DatasetChanged), to tell what a newer
-- dataset added, changed or removed.
CREATE TABLE dataset_events (
  id TEXT PRIMARY KEY,
  title_en TEXT NOT NULL, title_de TEXT NOT NULL,
  date TEXT NOT NULL
) WITHOUT ROWID;
